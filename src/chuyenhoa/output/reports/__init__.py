"""Reports for people: the HTML page with charts, the official Word report, the calendar.

:func:`write_report` is what ``chuyenhoa evaluate --format html|docx`` calls.  Each
format is imported only when asked for, so the command line does not pay for
python-docx or icalendar when it prints a table.  Every file is written whole or
not at all (:mod:`chuyenhoa.output.files`).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from chuyenhoa.i18n import _
from chuyenhoa.method.result import Result
from chuyenhoa.output.formats import given_options

#: The formats and the options each one takes (a None value counts as not given).
OPTIONS: dict[str, frozenset[str]] = {
    "html": frozenset(),
    "docx": frozenset({"number", "signer", "signer_title", "place", "recipients", "issuer", "date"}),
    "ics": frozenset(),
}
FORMATS = tuple(OPTIONS)


def render_report(result: Result, fmt: str, **options: Any) -> bytes:
    """The report as bytes, in memory: what :func:`write_report` writes, for callers that send it elsewhere."""
    given = given_options(fmt, options, OPTIONS, _("định dạng báo cáo '{format}' không có; chọn một trong: {choices}"))
    if fmt == "html":
        from chuyenhoa.output.reports.page import render_html

        return render_html(result).encode("utf-8")
    if fmt == "docx":
        from chuyenhoa.output.reports.official import render_docx

        return render_docx(result, **given)
    from chuyenhoa.output.reports.ics import calendar_for_result

    return calendar_for_result(result)


def write_report(result: Result, fmt: str, output: Path, *, inputs: Iterable[str | Path | None] = (),
                 **options: Any) -> None:
    """Write the report of ``result`` in ``fmt`` ("html", "docx"; also "ics") to ``output``.

    The whole file is built in memory first and then written atomically, so an
    error half-way (a bad option, a full disk) never leaves half a report.
    ``inputs`` are the user's data files: ``output`` may not be one of them.
    Options of the Word report (None means not given, and the field is left
    visibly blank for the user to fill): ``number`` ("15" or "15/BC-UBND"),
    ``signer``, ``signer_title``, ``place``, ``recipients`` (a list, or one string
    with a line or ";" between recipients), ``issuer`` (the issuing body, lines
    separated by a newline) and ``date`` (the date of signing).
    """
    from chuyenhoa.output.files import write_atomic_bytes

    write_atomic_bytes(output, render_report(result, fmt, **options), inputs=inputs)


__all__ = ["FORMATS", "OPTIONS", "render_report", "write_report"]
