"""The results workbook: one sheet per table of :mod:`chuyenhoa.output.results.tables`, coloured by verdict.

Conditional formatting, not fixed fills, colours the verdicts: a person who
corrects a cell by hand, or sorts the sheet, still sees green for met and red
for missed.  Numbers stay numbers and dates stay dates, so the sheet can be
filtered, summed and charted before it is forwarded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from chuyenhoa.i18n import _
from chuyenhoa.method.result import Result
from chuyenhoa.output.files import atomic_file
from chuyenhoa.output.results.tables import BAD, DUE, GOOD, UNKNOWN, ExportTable, Report, report_of

__all__ = ["write_report_xlsx", "write_xlsx"]

_TONE_STYLE = {
    GOOD: {"bg_color": "#C6EFCE", "font_color": "#006100"},
    BAD: {"bg_color": "#FFC7CE", "font_color": "#9C0006"},
    UNKNOWN: {"bg_color": "#FFEB9C", "font_color": "#9C5700"},
    DUE: {"bg_color": "#FCE4D6", "font_color": "#833C0C", "bold": True},
}


def write_xlsx(result: Result, output: str | Path, *, inputs: Iterable[str | Path | None] = ()) -> Path:
    """Write the results workbook of ``result`` to ``output``, whole or not at all."""
    target = Path(output)
    with atomic_file(target, inputs=inputs) as temporary:
        write_report_xlsx(report_of(result), temporary)
    return target


class _Formats:
    def __init__(self, book: Any) -> None:
        add = book.add_format
        self.title = add({"bold": True, "font_size": 13})
        self.banner = add({"bold": True, "font_color": "#9C0006", "bg_color": "#FFEB9C"})
        self.label = add({"bold": True, "valign": "top"})
        self.value = add({"text_wrap": True, "valign": "top", "align": "left"})
        self.caption = add({"bold": True, "font_size": 12})
        self.band = add({"bold": True, "align": "center", "valign": "vcenter", "text_wrap": True, "border": 1,
                         "bg_color": "#BDD7EE"})
        self.header = add({"bold": True, "text_wrap": True, "valign": "top", "border": 1, "bg_color": "#DDEBF7"})
        self.cell = add({"valign": "top"})
        self.wrap = add({"valign": "top", "text_wrap": True})
        self.date = add({"valign": "top", "num_format": "dd/mm/yyyy", "align": "left"})
        self.number = add({"valign": "top", "num_format": "General"})
        self.tones = {tone: add(style) for tone, style in _TONE_STYLE.items()}


def write_report_xlsx(report: Report, path: str | Path) -> None:
    """Draw ``report`` into a new workbook at ``path`` (the caller makes it atomic)."""
    import xlsxwriter  # imported here: the other formats never load it

    book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False,
                                           "strings_to_urls": False})
    book.set_properties({"title": report.title,
                         "comments": report.banner if report.synthetic else _("Sinh bởi chuyenhoa")})
    formats = _Formats(book)
    for table in report.tables:
        ws = book.add_worksheet(table.sheet)
        widths = _widths(table)
        row = 0
        if table.key == "chi_tieu":
            widths[0] = max(widths[0], *(len(label) + 2 for label, _ in report.info))
            merged = sum(widths[1:7])
            ws.write_string(row, 0, report.title, formats.title)
            row += 1
            if report.synthetic:
                ws.write_string(row, 0, report.banner, formats.banner)
                row += 1
            row += 1
            for label, value in report.info:
                ws.write_string(row, 0, label, formats.label)
                ws.merge_range(row, 1, row, 6, "", formats.value)
                _write(ws, row, 1, value, formats, formats.value)
                ws.set_row(row, 15 * max(1, -(-_text_length(value) // max(int(merged) - 2, 1))))
                row += 1
            row += 1
            ws.write_string(row, 0, table.title, formats.caption)
            row += 1
        else:
            ws.write_string(row, 0, f"{table.title} — {report.title}", formats.title)
            row += 1
            if report.synthetic:
                ws.write_string(row, 0, report.banner, formats.banner)
                row += 1
            row += 1
        _write_table(ws, table, row, formats, widths, report.tones)
    book.close()


def _write(ws: Any, row: int, col: int, value: object, formats: _Formats, fmt: Any) -> None:
    if value is None or value == "":
        return
    if isinstance(value, bool):  # report rows carry words, never booleans; kept for safety
        ws.write_string(row, col, _("có") if value else _("không"), fmt)
    elif isinstance(value, dt.date):
        ws.write_datetime(row, col, dt.datetime(value.year, value.month, value.day), formats.date)
    elif isinstance(value, (int, float)):
        ws.write_number(row, col, value, fmt if fmt is not formats.wrap else formats.number)
    else:
        ws.write_string(row, col, str(value), fmt)


def _text_length(value: object) -> int:
    if value is None:
        return 0
    if isinstance(value, dt.date):
        return 10
    return len(str(value))


def _widths(table: ExportTable) -> list[float]:
    """Column widths that fit the values, with long text wrapped at a limit."""
    widths: list[float] = []
    for col, header in enumerate(table.headers):
        longest = max([_text_length(r[col]) for r in table.rows] or [0])
        word = max((len(w) for w in header.split()), default=6)
        limit = 60 if col in table.wide else 40
        widths.append(min(max(longest + 2, word + 2, 8), limit))
    return widths


def _write_table(ws: Any, table: ExportTable, row: int, formats: _Formats, widths: list[float],
                 tones: Mapping[str, str]) -> None:
    if table.bands:
        for first, last, title in table.bands:
            if last > first:
                ws.merge_range(row, first, row, last, title, formats.band)
            else:
                ws.write_string(row, first, title, formats.band)
        ws.set_row(row, 45)
        row += 1
    header_row = row
    for col, header in enumerate(table.headers):
        ws.write_string(row, col, header, formats.header)
    row += 1
    first_data = row
    for values in table.rows:
        for col, value in enumerate(values):
            _write(ws, row, col, value, formats, formats.wrap if col in table.wide else formats.cell)
        # wrapped text gets the height it needs: not every program fits rows on opening
        lines = max([-(-_text_length(values[c]) // max(int(widths[c]) - 2, 1)) for c in table.wide] or [1])
        if lines > 1:
            ws.set_row(row, 15 * min(lines, 12))
        row += 1
    last_data = max(row - 1, first_data)
    lines = 1
    for col, header in enumerate(table.headers):
        lines = max(lines, -(-len(header) // max(int(widths[col]) - 1, 1)))
        ws.set_column(col, col, widths[col])
    ws.set_row(header_row, min(15 * lines + 3, 90))
    for col in sorted(table.marked):
        for word, tone in tones.items():
            ws.conditional_format(first_data, col, last_data, col,
                                  {"type": "cell", "criteria": "==", "value": f'"{word}"',
                                   "format": formats.tones[tone]})
    ws.freeze_panes(header_row + 1, 0)
    if table.rows:
        ws.autofilter(header_row, 0, last_data, len(table.headers) - 1)
