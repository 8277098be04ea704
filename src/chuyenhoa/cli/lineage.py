"""``chuyenhoa lineage CODE``: a commune on a day, its validity, and the communes it came from and went into.

A GSO code names a unit only with a date (26929 is Phường 14 of Bình Thạnh until
30/06/2025 and Phường Bình Thạnh after), so the command reads the code on
``--date`` (today by default) and names the list it read it in.  The work is
:func:`chuyenhoa.reading.geography.lineage`; this module parses and renders.  An
unknown code is one line on stderr and exit code 2, saying on which days the code
named a commune.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated

import typer

from chuyenhoa.cli.commands import SUMMARIES
from chuyenhoa.cli.common import FORMAT_HELP, ListFormat, emit, fail, parse_date
from chuyenhoa.errors import ChuyenhoaError
from chuyenhoa.i18n import N_

__all__ = ["DATE_HELP", "HELP", "lineage"]

HELP = SUMMARIES["lineage"]
DATE_HELP = N_("Ngày đọc mã, 2025-06-30 hoặc 30/06/2025 (mặc định: hôm nay): một mã chỉ có nghĩa cùng một ngày")


def lineage(
    code: Annotated[str, typer.Argument(help=N_("Mã đơn vị hành chính cấp xã của Tổng cục Thống kê, ví dụ 26929"),
                                        show_default=False)],
    date: Annotated[str | None, typer.Option("--date", "-d", help=DATE_HELP, show_default=False)] = None,
    format: Annotated[ListFormat, typer.Option("--format", "-f", help=FORMAT_HELP)] = ListFormat.table,
) -> None:
    """Show a commune's lineage on a day."""
    from chuyenhoa.reading.geography import lineage as lineage_on

    day = parse_date(date, "--date") or dt.date.today()
    try:
        found = lineage_on(code, day)
    except ChuyenhoaError as exc:
        raise fail(str(exc)) from None
    if format is ListFormat.json:
        emit(json.dumps(found.to_dict(), ensure_ascii=False, indent=2), None)
        return
    from chuyenhoa.output.geography import lineage_text

    emit(lineage_text(found, day), None)
