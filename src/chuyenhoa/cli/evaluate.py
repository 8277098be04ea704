"""``chuyenhoa evaluate``: evaluate a province's plan and print or write the result in any registered format.

The formats are not a fixed list: each is an
:class:`~chuyenhoa.plugins.hookspecs.OutputRenderer` a plugin registered through
``chuyenhoa_register_output_renderers`` (the seven built-in ones come from
:mod:`chuyenhoa.output.renderers`), so a pack or a third party adds one without
touching this module.  ``--format`` is checked against the registry, and
``--help`` lists the formats registered when it is shown.  The work is in
:mod:`chuyenhoa.method.engine`; the writers load only when their format is asked for.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperCommand

from chuyenhoa.cli.common import ProvinceOption, YearOption, emit, fail, is_stdout, parse_date, written
from chuyenhoa.errors import ChuyenhoaError, PluginError
from chuyenhoa.i18n import N_, _, translate

__all__ = ["HELP", "EvaluateCommand", "evaluate"]

HELP = N_("Đánh giá kế hoạch của tỉnh: lựa chọn địa bàn, kết quả chuyển hóa, chỉ tiêu, mốc thời gian.")
DEFAULT_FORMAT = "table"


class EvaluateCommand(TyperCommand):
    """The command whose ``--help`` shows, as the type of ``--format``, the formats registered right then.

    The list cannot be fixed when the command is built: it depends on the plugins
    installed, and finding them all costs an entry-point scan that only ``--help``
    (and an unknown format) should pay.
    """

    def format_help(self, ctx: Any, formatter: Any) -> None:
        from chuyenhoa.plugins.host import get_host

        try:
            names = list(get_host().output_renderers())
        except ChuyenhoaError:  # a broken pack: the help still shows, the command will say what is wrong
            names = []
        for param in self.params:
            if param.name == "format" and names:
                param.metavar = "<" + "|".join(names) + ">"
        super().format_help(ctx, formatter)


def evaluate(
    province: ProvinceOption,
    year: YearOption = None,
    data: Annotated[list[Path] | None, typer.Option("--data", "-d", help=N_("Bảng communes (CSV) hoặc bảng tính "
                                                    ".xlsx/.ods có sheet communes, province"))] = None,
    province_data: Annotated[list[Path] | None, typer.Option("--province-data", help=N_("Bảng province (CSV)"))]
    = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help=N_("Ngày xét mốc thời gian (mặc định: hôm nay)"))]
    = None,
    format: Annotated[str, typer.Option(
        "--format", "-f", help=N_("table, json, html (báo cáo có biểu đồ), docx (báo cáo theo NĐ 30/2020), "
                                  "xlsx, csv (một thư mục) hoặc md"))
    ] = DEFAULT_FORMAT,
    output: Annotated[Path | None, typer.Option("--output", "-o", help=N_("Ghi kết quả ra tệp (- là màn hình, "
                                                                          "với định dạng văn bản)"))] = None,
    number: Annotated[str | None, typer.Option("--number", help=N_("docx: số văn bản, ví dụ 123/BC-CAT"))] = None,
    signer: Annotated[str | None, typer.Option("--signer", help=N_("docx: người ký"))] = None,
    signer_title: Annotated[str | None, typer.Option("--signer-title", help=N_("docx: chức vụ người ký"))] = None,
    place: Annotated[str | None, typer.Option("--place", help=N_("docx: địa danh ghi ngày tháng"))] = None,
    recipient: Annotated[list[str] | None, typer.Option("--recipient", help=N_("docx: nơi nhận (lặp lại được)"))]
    = None,
    issuer: Annotated[str | None, typer.Option("--issuer", help=N_(
        "docx: cơ quan ban hành báo cáo, ví dụ \"Công an tỉnh\" hoặc \"Ban Chỉ đạo 138\"; cơ quan chủ quản trước "
        "dấu /, ví dụ \"UBND tỉnh Tây Ninh / Công an tỉnh\" (mặc định: cơ quan ban hành kế hoạch)"))] = None,
    date: Annotated[str | None, typer.Option("--date", help=N_("docx: ngày ký báo cáo, ví dụ 15/12/2024 (mặc định: "
                                                               "để trống cho người ký ghi)"))] = None,
    db: Annotated[str | None, typer.Option("--db", help=N_("Lấy các năm trước từ kho lịch sử: tệp SQLite hoặc URL "
                                                           "postgresql://… (mặc định: biến CHUYENHOA_DB, nếu có)"))]
    = None,
) -> None:
    """Evaluate a province's plan and print or write the result."""
    from chuyenhoa.method.engine import evaluate as run
    from chuyenhoa.plugins.host import get_host

    day = parse_date(as_of)
    communes_file, province_file = _one(data, "--data"), _one(province_data, "--province-data")
    options = {"number": number, "signer": signer, "signer_title": signer_title, "place": place,
               "recipients": recipient, "issuer": issuer, "date": parse_date(date, "--date")}
    try:
        renderer = get_host().output_renderer(format)
        store = _store(db)
        # every file the run reads, the pack's own included: the output never lands on one of them
        inputs = (communes_file, province_file, *get_host().province(province).files(),
                  *([Path(store)] if store and "://" not in store else []))
        if is_stdout(output):
            if not renderer.stdout:
                example = translate(renderer.example) if renderer.example else f"ket-qua.{format}"
                raise fail(_("--format {fmt} không ghi ra màn hình được; hãy cho tên tệp, ví dụ --output "
                             "{example}").format(fmt=format, example=example))
            output = None
        result = run(province, year, data=communes_file, province_data=province_file, as_of=day, db=store)
        if output is None and not renderer.stdout:
            example = translate(renderer.example) if renderer.example else f"ket-qua.{format}"
            raise fail(_("--format {fmt} cần --output, ví dụ --output {example}").format(fmt=format, example=example))
        rendered = renderer.render(result, output, inputs, options)
        if isinstance(rendered, Path):
            written(rendered)
        elif isinstance(rendered, str):
            emit(rendered, output, inputs)
        else:
            raise PluginError(_("định dạng '{name}' trả về {type}, không phải văn bản (str) hay tệp đã ghi "
                                "(Path)").format(name=format, type=type(rendered).__name__))
    except ChuyenhoaError as exc:
        raise fail(str(exc)) from None


def _one(given: list[Path] | None, option: str) -> Path | None:
    """The one file of an option given at most once: given twice, the run would silently read only the last."""
    if not given:
        return None
    if len(given) > 1:
        raise fail(_("{option} được cho {count} lần ({files}); mỗi lần chạy đọc một tệp: hãy cho một tệp (một bảng "
                     "tính có thể chứa cả sheet communes và province)").format(
            option=option, count=len(given), files=", ".join(str(p) for p in given)))
    return given[0]


def _store(db: str | None) -> str | None:
    """``--db``, else ``CHUYENHOA_DB``: without either, evaluate reads the file alone, as it always has."""
    import os

    from chuyenhoa.store.location import ENV

    return db or os.environ.get(ENV) or None
