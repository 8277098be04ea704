"""The ``chuyenhoa`` command: provinces, plan, evaluate.

Parsing options and choosing a renderer is all that happens here; the work is in
:mod:`chuyenhoa.engine`.  A :class:`~chuyenhoa.errors.ChuyenhoaError` becomes one
line on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import re
import sys
from pathlib import Path
from typing import Annotated

import typer

from chuyenhoa.errors import ChuyenhoaError

app = typer.Typer(
    name="chuyenhoa",
    help="Chuyển hóa địa bàn trọng điểm, phức tạp về TTATXH: kế hoạch của tỉnh thành mã chạy được.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


class ListFormat(str, enum.Enum):
    table = "table"
    json = "json"


ProvinceOption = Annotated[str, typer.Option("--province", "-p", help="Mã gói tỉnh, ví dụ tayninh")]
YearOption = Annotated[int | None, typer.Option("--year", "-y", help="Năm đánh giá (mặc định: năm mới nhất)")]


def _fail(message: str, code: int = 2) -> typer.Exit:
    typer.echo(f"Lỗi: {message}", err=True)
    return typer.Exit(code)


def _parse_date(text: str | None) -> dt.date | None:
    if text is None:
        return None
    match = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text.strip())
    try:
        if match:
            return dt.date(int(match[3]), int(match[2]), int(match[1]))
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise _fail(f"--as-of '{text}' không phải ngày; cần 2024-12-31 hoặc 31/12/2024") from None


def _emit(text: str, output: Path | None, inputs: tuple[Path | None, ...] = ()) -> None:
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    from chuyenhoa.output import write_atomic

    write_atomic(output, text if text.endswith("\n") else text + "\n", inputs=inputs)
    typer.echo(f"Đã ghi {output}", err=True)


@app.command()
def provinces(
    format: Annotated[ListFormat, typer.Option("--format", "-f", help="table hoặc json")] = ListFormat.table,
) -> None:
    """Các gói tỉnh đã cài, với phiên bản, kế hoạch và năm."""
    from chuyenhoa.describe import province_dict
    from chuyenhoa.plugins import get_host
    from chuyenhoa.render import table

    try:
        packs = [province_dict(spec) for spec in get_host().provinces().values()]
    except ChuyenhoaError as exc:
        raise _fail(str(exc)) from None
    if format is ListFormat.json:
        _emit(json.dumps(packs, ensure_ascii=False, indent=2), None)
        return
    if not packs:
        typer.echo("Chưa cài gói tỉnh nào. Ví dụ: pip install ./provinces/tayninh")
        return
    rows = [(p["slug"], p["name"], f"{p['distribution']} {p['version']}",
             "; ".join(f"{x['id']} ({', '.join(map(str, x['years']))})" for x in p["plans"]))  # type: ignore[union-attr]
            for p in packs]
    _emit(table(["Tỉnh", "Tên", "Gói", "Kế hoạch (năm)"], rows, indent=""), None)


@app.command()
def plan(
    province: ProvinceOption,
    year: YearOption = None,
    format: Annotated[ListFormat, typer.Option("--format", "-f", help="table hoặc json")] = ListFormat.table,
) -> None:
    """Chỉ tiêu, trần lựa chọn và mốc thời gian của kế hoạch, kèm điều khoản."""
    from chuyenhoa.describe import method_of, plan_dict
    from chuyenhoa.plugins import get_host
    from chuyenhoa.render import render_plan, table

    try:
        host = get_host()
        spec = host.province(province)
        chosen = spec.plan_for(year)
        if format is ListFormat.json:
            _emit(json.dumps(plan_dict(host, spec, chosen), ensure_ascii=False, indent=2, default=str), None)
            return
        policy, indicators, rule, warnings = method_of(host, spec, chosen)
    except ChuyenhoaError as exc:
        raise _fail(str(exc)) from None
    from chuyenhoa.render import _cell

    minimum = f", tối thiểu {policy.minimum_per_district} mỗi huyện ({policy.minimum_source})" \
        if policy.minimum_per_district else ""
    policy_text = (f"Không quá {policy.cap_share * 100:g}% số xã theo {', '.join(s.value for s in policy.scopes)}, "
                   f"làm tròn {policy.rounding.value}{minimum} ({policy.source})"
                   + (f"\n  Cách đọc: {policy.source.reading}" if policy.source.reading else ""))
    indicator_text = table(
        ["Chỉ tiêu", "Ngưỡng", "Căn cứ"],
        [(i.label or i.id, f"{i.comparator.value} {_cell(i.threshold)}", str(i.source)) for i in indicators],
    ) + f"\n  Thành công khi {rule.comparator.value} {rule.share * 100:g}% chỉ tiêu, kèm {', '.join(rule.gates)} " \
        f"({rule.source})" + (f"\n  Cách đọc: {rule.source.reading}" if rule.source.reading else "")
    text = render_plan(spec, chosen, policy_text, indicator_text)
    if warnings:
        text += "\nCảnh báo:\n" + "\n".join(f"  ! {w}" for w in warnings) + "\n"
    _emit(text, None)


class EvaluateFormat(str, enum.Enum):
    table = "table"
    json = "json"
    html = "html"
    docx = "docx"


@app.command()
def evaluate(
    province: ProvinceOption,
    year: YearOption = None,
    data: Annotated[Path | None, typer.Option("--data", "-d", help="Bảng communes (CSV) hoặc bảng tính "
                                              ".xlsx/.ods có sheet communes, province")] = None,
    province_data: Annotated[Path | None, typer.Option("--province-data", help="Bảng province (CSV)")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Ngày xét mốc thời gian (mặc định: hôm nay)")] = None,
    format: Annotated[EvaluateFormat, typer.Option(
        "--format", "-f", help="table, json, html (báo cáo có biểu đồ) hoặc docx (báo cáo theo NĐ 30/2020)")
    ] = EvaluateFormat.table,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Ghi kết quả ra tệp")] = None,
    number: Annotated[str | None, typer.Option("--number", help="docx: số văn bản, ví dụ 123/BC-CAT")] = None,
    signer: Annotated[str | None, typer.Option("--signer", help="docx: người ký")] = None,
    signer_title: Annotated[str | None, typer.Option("--signer-title", help="docx: chức vụ người ký")] = None,
    place: Annotated[str | None, typer.Option("--place", help="docx: địa danh ghi ngày tháng")] = None,
    recipient: Annotated[list[str] | None, typer.Option("--recipient", help="docx: nơi nhận (lặp lại được)")]
    = None,
) -> None:
    """Đánh giá kế hoạch của tỉnh: lựa chọn địa bàn, kết quả chuyển hóa, chỉ tiêu, mốc thời gian."""
    from chuyenhoa.engine import evaluate as run
    from chuyenhoa.render import render_result

    day = _parse_date(as_of)
    try:
        result = run(province, year, data=data, province_data=province_data, as_of=day)
        if format in (EvaluateFormat.html, EvaluateFormat.docx):
            _report(result, format.value, output, (data, province_data), number=number, signer=signer,
                    signer_title=signer_title, place=place, recipients=recipient)
            return
        text = result.to_json() if format is EvaluateFormat.json else render_result(result)
        _emit(text, output, inputs=(data, province_data))
    except ChuyenhoaError as exc:
        raise _fail(str(exc)) from None


def _report(result: object, fmt: str, output: Path | None, inputs: tuple[Path | None, ...],
            **options: object) -> None:
    """Write an HTML or Word report; HTML may go to standard output, Word needs a file."""
    from chuyenhoa.reports import render_report, write_report

    if output is None:
        if fmt == "docx":
            raise _fail("--format docx cần --output, ví dụ --output bao-cao.docx")
        sys.stdout.write(render_report(result, "html", **options).decode("utf-8"))  # type: ignore[arg-type]
        return
    write_report(result, fmt, output, inputs=inputs, **options)  # type: ignore[arg-type]
    typer.echo(f"Đã ghi {output}", err=True)


@app.command("new-province")
def new_province(
    slug: Annotated[str, typer.Argument(help="Tên gói, chữ thường không dấu, ví dụ: longan")],
    name: Annotated[str, typer.Option("--name", help="Tên tỉnh như trong danh mục, ví dụ \"Long An\"")],
    code: Annotated[str | None, typer.Option("--code", help="Mã tỉnh của Tổng cục Thống kê, thay cho --name")]
    = None,
    year: Annotated[int, typer.Option("--year", help="Năm của kế hoạch")] = 2024,
    directory: Annotated[Path, typer.Option("--dir", help="Thư mục chứa các gói tỉnh")] = Path("provinces"),
) -> None:
    """Tạo một gói tỉnh chạy được: pyproject, kế hoạch mẫu, danh mục xã, dữ liệu mẫu giả lập, kiểm thử."""
    from chuyenhoa.scaffold import next_steps, scaffold

    try:
        target = scaffold(slug, name, root=directory, code=code, year=year)
    except ChuyenhoaError as exc:
        raise _fail(str(exc)) from None
    typer.echo(next_steps(target, slug))


def _register_commands() -> None:
    """Commands whose code lives beside the capability it serves."""
    from chuyenhoa.awards.command import awards
    from chuyenhoa.reports.command import timeline

    app.command("awards")(awards)
    app.command("timeline")(timeline)


_register_commands()


def main() -> None:
    """Console-script entry point."""
    app()
