"""The ``chuyenhoa`` command: provinces, plan, evaluate.

Parsing options and choosing a renderer is all that happens here; the work is in
:mod:`chuyenhoa.method.engine`.  A :class:`~chuyenhoa.errors.ChuyenhoaError` becomes one
line on stderr and exit code 2, never a traceback.

Every command takes ``--lang vi|en`` (also before the command, and from
``CHUYENHOA_LANG``): :class:`_Group` adds the option to the group and to each
command, including those registered from other modules, and shows the help in
that language (:mod:`chuyenhoa.i18n`).
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import re
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup, TyperOption

from chuyenhoa.errors import ChuyenhoaError
from chuyenhoa.i18n import ENV, LANGUAGES, N_, _, _c, translate

LANG_HELP = N_("Ngôn ngữ của đầu ra: vi (tiếng Việt, mặc định) hoặc en (tiếng Anh)")


def _set_language(ctx: Any, _param: object, value: str | None) -> str | None:
    """The ``--lang`` option's callback: the language for this command (:meth:`_Group.main` restores the one before)."""
    if value is None or ctx.resilient_parsing:
        return value
    from chuyenhoa.i18n import SOURCE_LANGUAGE, chosen, set_language

    try:
        set_language(value)
    except ChuyenhoaError as exc:
        set_language(chosen() or SOURCE_LANGUAGE)  # say it in Vietnamese, not in a bad CHUYENHOA_LANG
        raise _fail(str(exc)) from None
    return value


def _language_option(envvar: str | None = None) -> TyperOption:
    return TyperOption(param_decls=["--lang"], type=str, default=None, callback=_set_language, expose_value=False,
                       is_eager=True, envvar=envvar, show_envvar=envvar is not None, help=LANG_HELP,
                       metavar="|".join(LANGUAGES))


def _localize(command: Any) -> None:
    """Show a command's help and its options' help in the current language (they are marked with ``N_``)."""
    originals = command.__dict__.setdefault("_chuyenhoa_help", {})
    for item in (command, *command.params):
        key = id(item)
        if key not in originals:
            originals[key] = item.help
        if originals[key]:
            item.help = translate(originals[key])


def _early_language(ctx: Any, args: list[str]) -> None:
    """A command's ``--lang`` in force before the command parses its options, so that
    ``chuyenhoa evaluate --help --lang en`` shows the help in English (an invalid value is left to the option)."""
    from chuyenhoa.i18n import _normalise, set_language

    for n, arg in enumerate(args):
        if arg == "--":
            return
        value = args[n + 1] if arg == "--lang" and n + 1 < len(args) else \
            arg.partition("=")[2] if arg.startswith("--lang=") else None
        if value is not None and _normalise(value):
            set_language(value)
            return


class _Group(TyperGroup):
    """The command group: ``--lang`` on the group and on every command, the help in the language chosen."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.params.append(_language_option(envvar=ENV))
        for command in self.commands.values():
            command.params.append(_language_option())

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Run the command; whatever language it chose is forgotten when it ends, however it ends."""
        from chuyenhoa.i18n import restoring

        with restoring():
            return super().main(*args, **kwargs)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name, command, rest = super().resolve_command(ctx, args)
        if command is not None:
            _early_language(ctx, rest)
            _localize(command)
        return name, command, rest

    def format_help(self, ctx: Any, formatter: Any) -> None:
        _localize(self)
        for command in self.commands.values():
            _localize(command)
        super().format_help(ctx, formatter)


app = typer.Typer(
    name="chuyenhoa",
    cls=_Group,
    help=N_("Chuyển hóa địa bàn trọng điểm, phức tạp về TTATXH: kế hoạch của tỉnh thành mã chạy được."),
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


class ListFormat(str, enum.Enum):
    table = "table"
    json = "json"


ProvinceOption = Annotated[str, typer.Option("--province", "-p", help=N_("Mã gói tỉnh, ví dụ tayninh"))]
YearOption = Annotated[int | None, typer.Option("--year", "-y", help=N_("Năm đánh giá (mặc định: năm mới nhất)"))]
FORMAT_HELP = N_("table hoặc json")


def _fail(message: str, code: int = 2) -> typer.Exit:
    typer.echo(_("Lỗi: {message}").format(message=message), err=True)
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
        raise _fail(_("--as-of '{text}' không phải ngày; cần 2024-12-31 hoặc 31/12/2024").format(text=text)) from None


def _emit(text: str, output: Path | None, inputs: tuple[Path | None, ...] = ()) -> None:
    if output is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    from chuyenhoa.output.files import write_atomic

    write_atomic(output, text if text.endswith("\n") else text + "\n", inputs=inputs)
    _written(output)


def _written(output: Path) -> None:
    typer.echo(_("Đã ghi {path}").format(path=output), err=True)


@app.command(help=N_("Các gói tỉnh đã cài, với phiên bản, kế hoạch và năm."))
def provinces(
    format: Annotated[ListFormat, typer.Option("--format", "-f", help=FORMAT_HELP)] = ListFormat.table,
) -> None:
    """List the installed province packs."""
    from chuyenhoa.output.describe import province_dict
    from chuyenhoa.output.text import table
    from chuyenhoa.plugins.host import get_host

    try:
        packs = [province_dict(spec) for spec in get_host().provinces().values()]
    except ChuyenhoaError as exc:
        raise _fail(str(exc)) from None
    if format is ListFormat.json:
        _emit(json.dumps(packs, ensure_ascii=False, indent=2), None)
        return
    if not packs:
        typer.echo(_("Chưa cài gói tỉnh nào. Ví dụ: pip install ./provinces/tayninh"))
        return
    rows = [(p["slug"], p["name"], f"{p['distribution']} {p['version']}",
             "; ".join(f"{x['id']} ({', '.join(map(str, x['years']))})" for x in p["plans"]))  # type: ignore[union-attr]
            for p in packs]
    _emit(table([_("Tỉnh"), _("Tên"), _("Gói"), _("Kế hoạch (năm)")], rows, indent=""), None)


@app.command(help=N_("Chỉ tiêu, trần lựa chọn và mốc thời gian của kế hoạch, kèm điều khoản."))
def plan(
    province: ProvinceOption,
    year: YearOption = None,
    format: Annotated[ListFormat, typer.Option("--format", "-f", help=FORMAT_HELP)] = ListFormat.table,
) -> None:
    """Show a plan: targets, selection cap, hotspot indicators, milestones, each with its clause."""
    from chuyenhoa.output.describe import method_of, plan_dict
    from chuyenhoa.output.text import render_plan, table
    from chuyenhoa.plugins.host import get_host

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
    from chuyenhoa.output.text import _cell

    def reading(source: Any) -> str:
        return "\n  " + _("Cách đọc: {reading}").format(reading=translate(source.reading)) if source.reading else ""

    minimum = _(", tối thiểu {minimum} mỗi huyện ({source})").format(
        minimum=policy.minimum_per_district, source=policy.minimum_source) if policy.minimum_per_district else ""
    policy_text = _("Không quá {share}% số xã theo {scopes}, làm tròn {rounding}{minimum} ({source})").format(
        share=f"{policy.cap_share * 100:g}", scopes=", ".join(s.value for s in policy.scopes),
        rounding=policy.rounding.value, minimum=minimum, source=policy.source) + reading(policy.source)
    indicator_text = table(
        [_c("indicator", "Chỉ tiêu"), _("Ngưỡng"), _("Căn cứ")],
        [(translate(i.label) if i.label else i.id, f"{i.comparator.value} {_cell(i.threshold)}", str(i.source))
         for i in indicators],
    ) + "\n  " + _("Thành công khi {comparator} {share}% chỉ tiêu, kèm {gates} ({source})").format(
        comparator=rule.comparator.value, share=f"{rule.share * 100:g}", gates=", ".join(rule.gates),
        source=rule.source) + reading(rule.source)
    text = render_plan(spec, chosen, policy_text, indicator_text)
    if warnings:
        text += "\n" + _("Cảnh báo:") + "\n" + "\n".join(f"  ! {w}" for w in warnings) + "\n"
    _emit(text, None)


class EvaluateFormat(str, enum.Enum):
    table = "table"
    json = "json"
    html = "html"
    docx = "docx"
    xlsx = "xlsx"
    csv = "csv"
    md = "md"


@app.command(help=N_("Đánh giá kế hoạch của tỉnh: lựa chọn địa bàn, kết quả chuyển hóa, chỉ tiêu, mốc thời gian."))
def evaluate(
    province: ProvinceOption,
    year: YearOption = None,
    data: Annotated[Path | None, typer.Option("--data", "-d", help=N_("Bảng communes (CSV) hoặc bảng tính "
                                              ".xlsx/.ods có sheet communes, province"))] = None,
    province_data: Annotated[Path | None, typer.Option("--province-data", help=N_("Bảng province (CSV)"))] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help=N_("Ngày xét mốc thời gian (mặc định: hôm nay)"))]
    = None,
    format: Annotated[EvaluateFormat, typer.Option(
        "--format", "-f", help=N_("table, json, html (báo cáo có biểu đồ), docx (báo cáo theo NĐ 30/2020), "
                                  "xlsx, csv (một thư mục) hoặc md"))
    ] = EvaluateFormat.table,
    output: Annotated[Path | None, typer.Option("--output", "-o", help=N_("Ghi kết quả ra tệp"))] = None,
    number: Annotated[str | None, typer.Option("--number", help=N_("docx: số văn bản, ví dụ 123/BC-CAT"))] = None,
    signer: Annotated[str | None, typer.Option("--signer", help=N_("docx: người ký"))] = None,
    signer_title: Annotated[str | None, typer.Option("--signer-title", help=N_("docx: chức vụ người ký"))] = None,
    place: Annotated[str | None, typer.Option("--place", help=N_("docx: địa danh ghi ngày tháng"))] = None,
    recipient: Annotated[list[str] | None, typer.Option("--recipient", help=N_("docx: nơi nhận (lặp lại được)"))]
    = None,
) -> None:
    """Evaluate a province's plan and print or write the result."""
    from chuyenhoa.method.engine import evaluate as run
    from chuyenhoa.output.text import render_result

    day = _parse_date(as_of)
    try:
        result = run(province, year, data=data, province_data=province_data, as_of=day)
        if format in (EvaluateFormat.html, EvaluateFormat.docx):
            _report(result, format.value, output, (data, province_data), number=number, signer=signer,
                    signer_title=signer_title, place=place, recipients=recipient)
            return
        if format in (EvaluateFormat.xlsx, EvaluateFormat.csv, EvaluateFormat.md):
            _results(result, format.value, output, (data, province_data))
            return
        text = result.to_json() if format is EvaluateFormat.json else render_result(result)
        _emit(text, output, inputs=(data, province_data))
    except ChuyenhoaError as exc:
        raise _fail(str(exc)) from None


def _report(result: object, fmt: str, output: Path | None, inputs: tuple[Path | None, ...],
            **options: object) -> None:
    """Write an HTML or Word report; HTML may go to standard output, Word needs a file."""
    from chuyenhoa.output.reports import render_report, write_report

    if output is None:
        if fmt == "docx":
            raise _fail(_("--format docx cần --output, ví dụ --output bao-cao.docx"))
        sys.stdout.write(render_report(result, "html", **options).decode("utf-8"))  # type: ignore[arg-type]
        return
    write_report(result, fmt, output, inputs=inputs, **options)  # type: ignore[arg-type]
    _written(output)


def _results(result: object, fmt: str, output: Path | None, inputs: tuple[Path | None, ...]) -> None:
    """Results people forward: a workbook, a folder of CSV files, or Markdown (stdout without --output)."""
    from chuyenhoa.output.results import render_markdown, write_result

    if output is None:
        if fmt != "md":
            example = "ket-qua.xlsx" if fmt == "xlsx" else _("ket-qua/ (một thư mục)")
            raise _fail(_("--format {fmt} cần --output, ví dụ --output {example}").format(fmt=fmt, example=example))
        sys.stdout.write(render_markdown(result))  # type: ignore[arg-type]
        return
    written = write_result(result, fmt, output, inputs=inputs)  # type: ignore[arg-type]
    _written(written)


@app.command("new-province", help=N_("Tạo một gói tỉnh chạy được: pyproject, kế hoạch mẫu, danh mục xã, dữ liệu "
                                     "mẫu giả lập, kiểm thử."))
def new_province(
    slug: Annotated[str, typer.Argument(help=N_("Tên gói, chữ thường không dấu, ví dụ: longan"))],
    name: Annotated[str, typer.Option("--name", help=N_("Tên tỉnh như trong danh mục, ví dụ \"Long An\""))],
    code: Annotated[str | None, typer.Option("--code", help=N_("Mã tỉnh của Tổng cục Thống kê, thay cho --name"))]
    = None,
    year: Annotated[int, typer.Option("--year", help=N_("Năm của kế hoạch"))] = 2024,
    directory: Annotated[Path, typer.Option("--dir", help=N_("Thư mục chứa các gói tỉnh"))] = Path("provinces"),
) -> None:
    """Write a new province pack that installs, registers and evaluates its synthetic sample."""
    from chuyenhoa.packs.scaffold import next_steps, scaffold

    try:
        target = scaffold(slug, name, root=directory, code=code, year=year)
    except ChuyenhoaError as exc:
        raise _fail(str(exc)) from None
    typer.echo(next_steps(target, slug))


def _register_commands() -> None:
    """Commands whose code lives beside the capability it serves."""
    from chuyenhoa.cli.awards import awards
    from chuyenhoa.cli.template import template
    from chuyenhoa.cli.timeline import timeline

    app.command("awards", help=N_("Khen thưởng: đối chiếu đề nghị với quy định của kế hoạch và đề xuất danh sách "
                                  "trong hạn mức."))(awards)
    app.command("timeline", help=N_("Các mốc thời gian của kế hoạch, tình trạng tại một ngày, cơ quan chủ trì; "
                                    "xuất lịch .ics."))(timeline)
    app.command("template", help=N_("Mẫu bảng tính nhập liệu: một dòng mỗi xã, kiểm tra dữ liệu khi nhập, hướng "
                                    "dẫn và căn cứ của từng chỉ số."))(template)


_register_commands()


def main() -> None:
    """Console-script entry point."""
    app()
