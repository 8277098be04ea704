"""``chuyenhoa evaluate``: evaluate a province's plan and print or write the result in any registered format.

The formats are not a fixed list: each is an
:class:`~chuyenhoa.plugins.hookspecs.OutputRenderer` a plugin registered through
``chuyenhoa_register_output_renderers`` (the seven built-in ones come from
:mod:`chuyenhoa.output.renderers`), so a pack or a third party adds one without
touching this module.  ``--format`` is checked against the registry, and
``--help`` lists the formats registered when it is shown.  This module declares the options; the
command's body is :func:`chuyenhoa.cli.hot.evaluate`, which :mod:`chuyenhoa.cli.fast` runs without typer.
The work is in :mod:`chuyenhoa.method.engine`; the writers load only when their format is asked for.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperCommand

from chuyenhoa.cli.base import Failure
from chuyenhoa.cli.commands import SUMMARIES
from chuyenhoa.cli.common import ProvinceOption, YearOption
from chuyenhoa.errors import ChuyenhoaError
from chuyenhoa.i18n import N_

__all__ = ["HELP", "EvaluateCommand", "evaluate"]

HELP = SUMMARIES["evaluate"]
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
    from chuyenhoa.cli import hot

    try:
        hot.evaluate(province=province, year=year, data=data, province_data=province_data, as_of=as_of, format=format,
                     output=output, db=db, date=date, report={"number": number, "signer": signer,
                     "signer_title": signer_title, "place": place, "recipients": recipient, "issuer": issuer})
    except Failure as failure:  # said on stderr already
        raise typer.Exit(failure.code) from None
