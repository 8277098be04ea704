"""Which cells of a sheet are formatted as percentages, so "75%" is not read as 0.75.

When an officer types ``75%`` into a cell, Excel and LibreOffice both store the
number 0.75 and give the cell a percent format; python-calamine hands over 0.75
and nothing about the format.  INDICATORS.md says rates are written 0–100, and
:func:`chuyenhoa.reading.cells.parse_rate` deliberately never rescales a fraction (a real
0.75 % must stay 0.75), so the reader has to know which cells *show* a percent.

This module answers that without a second full parse of the workbook:

- ``.xlsx``/``.xlsm``: the styles part says which cell formats are percentages.
  Most files have none (the template writes none), and then nothing else is read.
  Otherwise only the cells carrying one of those styles are found, with one
  search of the sheet's XML for the style attribute (C speed, no tree built).
- ``.ods``: cells are typed ``office:value-type="percentage"``.  When the text
  does not occur in ``content.xml`` nothing is parsed; otherwise the sheet is
  walked once with ``iterparse``, counting repeated rows and columns as
  LibreOffice compresses them.
- ``.xls`` (BIFF) is not inspected: the format cannot be known there.

Positions are 0-based ``(row, column)`` from A1, the coordinates of
``CalamineSheet.to_python(skip_empty_area=False)``, listed in sheet order (row
by row): the reader then visits its rows in memory order, which is five times
faster on 600,000 cells than a random order.
"""

from __future__ import annotations

import functools
import io
import posixpath
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple
from xml.etree import ElementTree

__all__ = ["percent_cells", "percent_text"]

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"

#: built-in number formats of SpreadsheetML that are percentages ("0%", "0.00%")
_BUILTIN_PERCENT = frozenset({9, 10})
_QUOTED = re.compile(r'"[^"]*"|\\.')
_CELL_REF = re.compile(rb'\sr="([A-Z]{1,3})([0-9]+)"')
#: above this many cells with a percent style, one pass over every cell is cheaper than a lookup each
_FEW_HITS = 20_000
#: LibreOffice compresses a million empty rows into one element; never expand more than this
_MAX_REPEAT = 100_000


@functools.lru_cache(maxsize=4096)
def percent_text(value: float) -> str:
    """The text a person saw in a percent cell holding ``value`` (0.755 → "75.5%").

    Rounded to 9 decimals so binary noise (0.07 × 100 = 7.000000000000001) does
    not reach the reader.  Cached: a column of rates holds few distinct values.
    """
    return f"{round(value * 100, 9)!r}%"


def percent_cells(path: str | Path, sheet: str) -> list[tuple[int, int]]:
    """The 0-based (row, column) of every cell of ``sheet`` formatted as a percentage, in sheet order."""
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        with zipfile.ZipFile(path) as archive:
            if suffix in (".xlsx", ".xlsm"):
                return _xlsx(archive, sheet)
            if suffix == ".ods":
                return _ods(archive, sheet)
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, OSError, ValueError):
        # calamine has read the file already; a part this scan cannot follow only means
        # it cannot tell percent cells apart, which the fraction warning still covers
        return []
    return []


def _is_percent_format(code: str) -> bool:
    """True for a number format that shows a percentage, ignoring quoted text and escapes."""
    return "%" in _QUOTED.sub("", code)


def _xlsx(archive: zipfile.ZipFile, sheet: str) -> list[tuple[int, int]]:
    names = set(archive.namelist())
    if "xl/styles.xml" not in names:
        return []
    styles = ElementTree.fromstring(archive.read("xl/styles.xml"))
    custom: dict[int, str] = {}
    formats = styles.find(f"{_MAIN}numFmts")
    if formats is not None:
        for fmt in formats.iter(f"{_MAIN}numFmt"):
            custom[int(fmt.get("numFmtId", "0"))] = fmt.get("formatCode", "")
    percent_styles: list[int] = []
    cell_formats = styles.find(f"{_MAIN}cellXfs")
    if cell_formats is not None:
        for index, xf in enumerate(cell_formats.iter(f"{_MAIN}xf")):
            number_format = int(xf.get("numFmtId", "0"))
            if number_format in _BUILTIN_PERCENT or _is_percent_format(custom.get(number_format, "")):
                percent_styles.append(index)
    if not percent_styles:
        return []  # the usual case: no percent format anywhere in the workbook
    part = _sheet_part(archive, sheet)
    if part is None or part not in names:
        return []
    xml = archive.read(part)
    ids = b"|".join(str(i).encode() for i in sorted(percent_styles, reverse=True))
    # The literal ' s="…"' is found at C speed (0.15 s in 170 MB of XML), and most cells of
    # most files do not carry a percent style: each hit then has its cell reference looked
    # up.  When hits are many (a whole column of percentages), one expression that reads
    # reference and style together is cheaper than a lookup per hit (1.5 s on 100,000 rows).
    if sum(xml.count(b' s="%d"' % i) for i in percent_styles) > _FEW_HITS:
        return _xlsx_scan(xml, ids)
    found: list[tuple[int, int]] = []
    for match in re.finditer(rb'\ss="(?:' + ids + rb')"', xml):
        at = match.start()
        start = xml.rfind(b"<c ", 0, at + 1)
        if start < 0 or xml.find(b">", start, at) != -1:
            continue  # the attribute of a <row> (a row style), not of a cell
        ref = _CELL_REF.search(xml, start, xml.find(b">", at))
        if ref is not None:
            found.append((int(ref.group(2)) - 1, _column_index(ref.group(1))))
    return found


def _xlsx_scan(xml: bytes, ids: bytes) -> list[tuple[int, int]]:
    found: list[tuple[int, int]] = []
    # Excel, LibreOffice, openpyxl and XlsxWriter write r before s; the second form is for others
    for pattern in (rb'<c r="([A-Z]{1,3})([0-9]+)"[^>]*?\ss="(?:' + ids + rb')"',
                    rb'<c s="(?:' + ids + rb')"[^>]*?\sr="([A-Z]{1,3})([0-9]+)"'):
        found.extend((int(m.group(2)) - 1, _column_index(m.group(1))) for m in re.finditer(pattern, xml))
    return found


@functools.lru_cache(maxsize=1024)
def _column_index(letters: bytes) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + (letter - 64)
    return index - 1


def _sheet_part(archive: zipfile.ZipFile, sheet: str) -> str | None:
    """The zip member holding ``sheet``: workbook.xml names it, its relationships locate it."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rel_id = None
    for element in workbook.iter(f"{_MAIN}sheet"):
        if element.get("name", "").casefold() == sheet.casefold():
            rel_id = element.get(f"{_REL}id")
            break
    if rel_id is None:
        return None
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    for rel in rels.iter(f"{_PKG_REL}Relationship"):
        if rel.get("Id") == rel_id:
            target = rel.get("Target", "")
            return target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
    return None


def _ods(archive: zipfile.ZipFile, sheet: str) -> list[tuple[int, int]]:
    with archive.open("content.xml") as handle:
        content = handle.read()
    if b'value-type="percentage"' not in content:
        return []
    return sorted(position for cell in ods_cells(content, sheet)
                  if cell.element.get(f"{_OFFICE}value-type") == "percentage" for position in cell.positions())


class OdsCell(NamedTuple):
    """A cell of an ODS sheet, complete: its element, where it starts, how many rows and columns it repeats over."""

    element: ElementTree.Element
    row: int
    rows: int
    column: int
    columns: int

    def positions(self) -> Iterator[tuple[int, int]]:
        """Every (row, column) the cell stands for, each repeat capped at :data:`_MAX_REPEAT`."""
        for r in range(self.row, self.row + min(self.rows, _MAX_REPEAT)):
            yield from ((r, c) for c in range(self.column, self.column + min(self.columns, _MAX_REPEAT)))


def ods_cells(content: bytes, sheet: str) -> Iterator[OdsCell]:
    """Each top-level cell of ``sheet`` in an ODS ``content.xml``, once its element is complete.

    The one walker over ODS sheets that the percent and the formula scans share:
    rows and cells may repeat (LibreOffice writes a million empty rows as one
    element), a cell may hold a table of its own (its cells are not the sheet's),
    and rows are cleared once read so memory stays flat.
    """
    active = False
    depth = 0
    row = column = 0
    row_repeat = 1
    for event, element in ElementTree.iterparse(io.BytesIO(content), events=("start", "end")):
        tag = element.tag
        if tag == f"{_TABLE}table":
            if event == "start":
                active = element.get(f"{_TABLE}name", "").casefold() == sheet.casefold()
                row = 0
            elif active:
                break
            continue
        if not active:
            if event == "end":
                element.clear()
            continue
        if tag == f"{_TABLE}table-row":
            if event == "start":
                column, depth = 0, 0
                row_repeat = int(element.get(f"{_TABLE}number-rows-repeated", "1"))
            else:
                row += row_repeat
                element.clear()
        elif tag in (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell"):
            if event == "start":
                depth += 1
            else:
                depth -= 1
                if depth == 0:  # not a cell of a table nested in a cell
                    repeat = int(element.get(f"{_TABLE}number-columns-repeated", "1"))
                    yield OdsCell(element, row, row_repeat, column, repeat)
                    column += repeat
