"""``chuyenhoa communes --province P``: the communes of a province in force on a day, from the national lists.

Any province, with or without a pack: the lists chuyenhoa ships cover the 63
provinces until 30/06/2025 and the 34 from 01/07/2025.  ``--province`` is read on
``--date`` (today by default): a slug (tayninh), a GSO code (80) or the name as
typed ("Tây Ninh", "Hoà Bình" or "Hòa Bình"), and a province that no longer
exists on that day is an error that says what it became.  The work is in
:mod:`chuyenhoa.reading.geography`; this module parses and renders.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated

import typer

from chuyenhoa.cli.commands import SUMMARIES
from chuyenhoa.cli.common import FORMAT_HELP, ListFormat, emit, fail, parse_date
from chuyenhoa.cli.lineage import DATE_HELP
from chuyenhoa.errors import ChuyenhoaError
from chuyenhoa.i18n import N_

__all__ = ["HELP", "communes"]

HELP = SUMMARIES["communes"]
PROVINCE_HELP = N_("Tỉnh vào ngày --date: tên không dấu (tayninh), mã (80) hoặc tên tiếng Việt (\"Tây Ninh\")")


def communes(
    province: Annotated[str, typer.Option("--province", "-p", help=PROVINCE_HELP, show_default=False)],
    date: Annotated[str | None, typer.Option("--date", "-d", help=DATE_HELP, show_default=False)] = None,
    format: Annotated[ListFormat, typer.Option("--format", "-f", help=FORMAT_HELP)] = ListFormat.table,
) -> None:
    """List a province's communes on a day."""
    from chuyenhoa.output.geography import communes_document, communes_text
    from chuyenhoa.reading.geography import snapshot_on

    day = parse_date(date, "--date") or dt.date.today()
    try:
        snapshot = snapshot_on(day)
        unit = snapshot.province(province)
        if format is ListFormat.json:
            text = json.dumps(communes_document(snapshot, unit, day), ensure_ascii=False, indent=2)
        else:
            text = communes_text(snapshot, unit, day)
    except ChuyenhoaError as exc:
        raise fail(str(exc)) from None
    emit(text, None)
