"""The results workbook: one sheet per table of :mod:`chuyenhoa.output.results.tables`, coloured by verdict.

Conditional formatting, not fixed fills, colours the verdicts: a person who
corrects a cell by hand, or sorts the sheet, still sees green for met and red
for missed.  Numbers stay numbers and dates stay dates, so the sheet can be
filtered, summed and charted before it is forwarded.

Every sheet also prints as it is: A4 landscape, one page wide (as many pages
tall as the rows need), the bands and headers repeated at the top of each page,
"Trang 2/5" and the sheet's name in the footer, the sample banner in the header
of every page of synthetic data.  Long text wraps within columns kept narrow
enough that a page at that scale is still read without a magnifier.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from chuyenhoa.i18n import _
from chuyenhoa.method.result import Result
from chuyenhoa.output.files import atomic_file
from chuyenhoa.output.results.tables import BAD, DUE, GOOD, UNKNOWN, ExportTable, Report, report_of, sheet_headers

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
        self.label = add({"bold": True, "valign": "top", "text_wrap": True})
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
            # the facts' labels wrap rather than widen the first column of the targets beneath them
            widths[0] = max(widths[0], min(max(len(label) + 2 for label, _ in report.info), LIMIT))
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
                ws.set_row(row, 15 * max(1, -(-_text_length(value) // max(int(merged) - 2, 1)),
                                         -(-len(label) // max(int(widths[0]) - 2, 1))))
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
        header_row = _write_table(ws, table, row, formats, widths, report.tones)
        _print_setup(ws, (row, header_row), report.banner if report.synthetic else None)
        _print_width(ws, table, widths)
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


#: Widest a column gets, in characters, for long text (``ExportTable.wide``) and for the rest: text beyond
#: wraps.  Narrow on purpose: every column of a sheet shares one landscape page's width when printed.
WIDE_LIMIT, LIMIT = 36, 22
#: The most lines a row is made tall for (a row is at most 409 points high in Excel).
MAX_LINES = 27
#: A4 (the paper code of the spreadsheet formats) and the margins, in inches, of a printed sheet.
A4 = 9
MARGINS = {"left": 0.4, "right": 0.4, "top": 0.6, "bottom": 0.6}
#: How many characters of column width an A4 landscape page holds at full size within :data:`MARGINS`
#: (10.89 inches at 96 pixels an inch; a column of width w takes 7w + 5 pixels in the default font).
PAGE_CHARACTERS = 138
#: The smallest print scale a sheet is shrunk to before it is printed over more pages across: below it
#: the 11-point text prints under 8 points, too small to read on paper that gets signed and filed.
SMALLEST_SCALE = 0.75


def _widths(table: ExportTable) -> list[float]:
    """Column widths that fit the values, with long text wrapped at a limit."""
    widths: list[float] = []
    for col, header in enumerate(sheet_headers(table)):
        longest = max([_text_length(r[col]) for r in table.rows] or [0])
        word = max((len(w) for w in header.split()), default=6)
        limit = WIDE_LIMIT if col in table.wide else LIMIT
        widths.append(min(max(longest + 2, word + 2, 6), limit))
    return widths


def _print_setup(ws: Any, repeat: tuple[int, int], synthetic_banner: str | None) -> None:
    """A4 landscape, the header rows on every page, page numbers in the footer (the width: :func:`_print_width`).

    ``repeat`` is the first and last row to repeat (the bands and the headers); the
    sample banner, when given, heads every printed page as it heads the sheet.
    """
    ws.set_landscape()
    ws.set_paper(A4)
    ws.set_margins(**MARGINS)
    ws.repeat_rows(*repeat)
    ws.hide_gridlines(0)  # the grid prints: a row of figures is followed across the page
    ws.set_footer("&L&A&R" + _("Trang &P/&N"))
    if synthetic_banner:
        ws.set_header('&C&"-,Bold"' + synthetic_banner.replace("&", "&&"))


def page_columns(table: ExportTable, widths: Sequence[float]) -> list[range]:
    """The columns each printed page across holds, after the ``held`` columns every page repeats.

    Breaks fall between bands (an indicator's value and its verdict stay together) or, without bands,
    between columns; a page takes as many as fit at :data:`SMALLEST_SCALE`.  One range means the sheet
    prints one page wide, as does a table that holds no columns (without a row's name on each page,
    pages across could not be read).
    """
    groups = [range(first, last + 1) for first, last, _title in table.bands if first >= table.held] \
        if table.bands else [range(col, col + 1) for col in range(table.held, len(widths))]
    room = PAGE_CHARACTERS / SMALLEST_SCALE - sum(widths[:table.held])
    if not table.held or sum(widths) <= PAGE_CHARACTERS / SMALLEST_SCALE or not groups:
        return [range(table.held, len(widths))]
    pages: list[range] = []
    for group in groups:
        taken = sum(widths[c] for c in pages[-1]) if pages else None
        if taken is not None and taken + sum(widths[c] for c in group) <= room:
            pages[-1] = range(pages[-1].start, group.stop)
        else:
            pages.append(range(group.start, group.stop))
    return pages


def _print_width(ws: Any, table: ExportTable, widths: Sequence[float]) -> None:
    """One page wide when the sheet fits at a readable size; else pages across, the row's name on each.

    Fitting a 33-column sheet to one page printed it at about a third of full size.  A wider sheet is
    broken between bands at a fixed scale (the widest page decides it; a fit to pages would override
    it), its ``held`` columns repeated, and printed across before down, so a row continues on the next
    sheet of paper.
    """
    pages = page_columns(table, widths)
    if len(pages) == 1:
        ws.fit_to_pages(1, 0)  # one page wide, as many tall as the rows need
        return
    held = sum(widths[:table.held])
    widest = max(held + sum(widths[c] for c in page) for page in pages)
    ws.set_print_scale(max(10, min(100, int(100 * PAGE_CHARACTERS / widest))))
    ws.set_v_pagebreaks([page.start for page in pages[1:]])
    if table.held:
        ws.repeat_columns(0, table.held - 1)
    ws.print_across()


def _write_table(ws: Any, table: ExportTable, row: int, formats: _Formats, widths: list[float],
                 tones: Mapping[str, str]) -> int:
    """Draw ``table`` from ``row`` down; returns the row of its headers (the last row a printed page repeats)."""
    if table.bands:
        lines = 1
        for first, last, title in table.bands:
            if last > first:
                ws.merge_range(row, first, row, last, title, formats.band)
            else:
                ws.write_string(row, first, title, formats.band)
            lines = max(lines, -(-len(title) // max(int(sum(widths[first:last + 1])) - 2, 1)))
        ws.set_row(row, min(15 * lines + 3, 120))  # the band's words whole: it names the columns beneath
        row += 1
    header_row = row
    headers = sheet_headers(table)
    for col, header in enumerate(headers):
        ws.write_string(row, col, header, formats.header)
    row += 1
    first_data = row
    for values in table.rows:
        for col, value in enumerate(values):  # text wraps in every column: a cut word prints as cut
            _write(ws, row, col, value, formats, formats.wrap)
        # wrapped text gets the height it needs: not every program fits rows on opening
        lines = max([-(-_text_length(v) // max(int(widths[c]) - 2, 1)) for c, v in enumerate(values)
                     if isinstance(v, str)] or [1])
        if lines > 1:
            ws.set_row(row, 15 * min(lines, MAX_LINES))
        row += 1
    last_data = max(row - 1, first_data)
    lines = 1
    for col, header in enumerate(headers):
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
    return header_row
