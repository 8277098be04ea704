"""What a workbook's cells hold that python-calamine does not say: formula errors, formulas never computed.

calamine hands over the value a spreadsheet program last computed and saved
for a formula.  Three cases then read wrong without a word:

- an **error value** (``#DIV/0!``, ``#N/A``, ``#REF!`` …, the result of a
  formula or typed as such) arrives as an empty string, a missing value;
- a **formula with no saved value** (a file written by a program that does
  not compute, such as openpyxl, and never opened in Excel since) arrives as an
  empty string too;
- a workbook that asks to be **recalculated** when opened (``fullCalcOnLoad``,
  written by programs that do not compute) or that Excel was told to calculate
  by hand (``calcMode="manual"``) may hold values older than its formulas.

This module finds those cells in the file itself, so the reader can refuse an
error value naming its cell and warn about the rest:

- ``.xlsx``/``.xlsm``: error cells are ``<c t="e">``, formulas are ``<f>``
  inside ``<c>``; the workbook's ``<calcPr>`` says how it calculates.  The
  sheet's XML is decompressed in chunks and searched at C speed; only the
  cells found are looked at one by one, so a sheet without formulas costs one
  pass of ``bytes.find`` and memory stays one chunk whatever the sheet's size.
  The sheet's ``<dimension>`` gives its last row before calamine reads it.
- ``.ods``: error cells carry ``calcext:value-type="error"`` (the text shown is
  in the cell's paragraph), formulas ``table:formula``; when neither occurs in
  ``content.xml`` nothing is parsed, otherwise the sheet is walked once,
  counting repeated rows and columns as LibreOffice compresses them.
- ``.xls`` (BIFF): python-calamine reads an error cell as empty there too;
  xlrd, the maintained reader of the format (the one pandas uses for ``.xls``),
  reads the sheet again and says which cells hold an error, the result of a
  formula or typed as a constant.  BIFF always stores a formula's result beside
  the formula, so a formula without a saved value cannot occur in an ``.xls``
  (``uncached`` is always empty), and no recalculation flag is read (``stale``
  is False, ``formulas`` is not counted).

Positions are 0-based ``(row, column)`` from A1, as in :mod:`chuyenhoa.reading.percent`.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import attrs

from chuyenhoa.reading.percent import _column_index, _sheet_part, ods_cells

__all__ = ["FormulaCells", "formula_cells", "last_row"]

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_CALCEXT = "{urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"

#: decompressed bytes searched at a time: large enough that the search runs at C speed, small
#: enough that a sheet of any size costs this much memory
_CHUNK = 4 << 20
_CELL_REF = re.compile(rb'\sr="([A-Z]{1,3})([0-9]+)"')
_FORMULA = re.compile(rb"<f[\s>/]")
_ERROR_TYPE = re.compile(rb'<c\s[^>]*?\bt="e"')
_VALUE = re.compile(rb"<v>([^<]+)</v>")
#: a formula whose saved result is text: ``<v></v>`` is then its saved value, the empty text of ``=IF(…;"";…)``
_TEXT_RESULT = re.compile(rb'\bt="str"')
_DIMENSION = re.compile(rb'<dimension\s+ref="[A-Z]{0,3}[0-9]*:?[A-Z]{0,3}([0-9]+)"')
#: LibreOffice compresses a million empty rows into one element; never expand more than this
_MAX_REPEAT = 100_000


@attrs.frozen
class FormulaCells:
    """The cells of one sheet whose saved value cannot be trusted as calamine gives it."""

    #: (row, column) → the error shown in the cell ("#DIV/0!"), in sheet order
    errors: dict[tuple[int, int], str] = attrs.field(factory=dict)
    #: (row, column) of each formula without a saved value, in sheet order
    uncached: tuple[tuple[int, int], ...] = ()
    #: how many formulas the sheet holds
    formulas: int = 0
    #: the workbook asks to be recalculated when opened, or calculates only by hand: saved values may be old
    stale: bool = False


def last_row(path: str | Path, sheet: str) -> int | None:
    """The last row (1-based) an .xlsx sheet declares in its ``<dimension>``, read before anything else
    of the sheet; None when the file or the sheet does not say (then the reader counts the rows it gets)."""
    if Path(path).suffix.lower() not in (".xlsx", ".xlsm"):
        return None
    try:
        with zipfile.ZipFile(path) as archive:
            part = _sheet_part(archive, sheet)
            if part is None:
                return None
            with archive.open(part) as handle:
                head = handle.read(64 * 1024)
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, OSError, ValueError):
        return None
    found = _DIMENSION.search(head)
    return int(found.group(1)) if found else None


def formula_cells(path: str | Path, sheet: str) -> FormulaCells:
    """The error cells, the formulas without a saved value, and whether values may be stale, of ``sheet``."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xls":
        return _xls(path, sheet)
    try:
        with zipfile.ZipFile(path) as archive:
            if suffix in (".xlsx", ".xlsm"):
                return _xlsx(archive, sheet)
            if suffix == ".ods":
                return _ods(archive, sheet)
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, OSError, ValueError):
        # calamine has read the file already; a part this scan cannot follow only means it cannot
        # tell these cells apart
        return FormulaCells()
    return FormulaCells()


def _xls(path: Path, sheet: str) -> FormulaCells:
    """The error cells of an ``.xls`` sheet; never an uncached formula (BIFF saves every formula's result).

    xlrd reads the whole sheet in Python: about 0.05 s for 1,000 rows of 45 columns, 0.5 s for 10,000
    (the format holds at most 65,536), against 0.07 s for calamine's read of 10,000.  A compound-file and
    BIFF parser of our own was 20 times faster, and one more binary format for this project to keep right.
    """
    import xlrd  # only an .xls needs it

    try:
        with xlrd.open_workbook(str(path), on_demand=True) as book:
            cells = book.sheet_by_name(sheet)
            errors = {(row, col): xlrd.error_text_from_code.get(cells.cell_value(row, col), "#N/A")
                      for row in range(cells.nrows)
                      for col, kind in enumerate(cells.row_types(row)) if kind == xlrd.XL_CELL_ERROR}
    except Exception:  # xlrd raises its own, struct's, index and assertion errors on a damaged file
        return FormulaCells()  # as for a part of a zip this scan cannot follow: calamine has read the file
    return FormulaCells(errors=errors)


def _xlsx(archive: zipfile.ZipFile, sheet: str) -> FormulaCells:
    part = _sheet_part(archive, sheet)
    if part is None or part not in set(archive.namelist()):
        return FormulaCells()
    errors: dict[tuple[int, int], str] = {}
    uncached: list[tuple[int, int]] = []
    formulas = 0
    with archive.open(part) as handle:
        carry = b""
        inside = False  # within <sheetData>: a data validation's <formula1> is outside it
        while True:
            chunk = handle.read(_CHUNK)
            data = carry + chunk
            if not chunk:
                cut = len(data)
            else:
                cut = data.rfind(b"</row>")
                if cut < 0:
                    carry = data
                    continue
                cut += len(b"</row>")
            segment, carry = data[:cut], data[cut:]
            start = 0
            if not inside:
                opening = segment.find(b"<sheetData")
                if opening < 0:
                    if not chunk:
                        break
                    continue
                inside, start = True, opening
            end = segment.find(b"</sheetData>", start)
            stop = len(segment) if end < 0 else end
            # an error's saved value starts with "#" (#DIV/0!, #N/A …), a byte a sheet's XML otherwise
            # hardly holds: found by memchr, it spares the search for t="e" in the usual sheet
            if b"#" in segment and b't="e"' in segment:
                for match in _ERROR_TYPE.finditer(segment, start, stop):
                    cell = _cell_at(segment, match.start())
                    if cell is not None:
                        position, body = cell
                        value = _VALUE.search(body)
                        errors[position] = value.group(1).decode("utf-8", "replace") if value else "#ERROR"
            if b"<f" in segment:
                for match in _FORMULA.finditer(segment, start, stop):
                    cell = _cell_at(segment, segment.rfind(b"<c ", start, match.start()))
                    if cell is None:
                        continue
                    formulas += 1
                    position, body = cell
                    if position not in errors and not _saved(segment, match.start(), body):
                        uncached.append(position)
            if end >= 0 or not chunk:
                break
    stale = bool(formulas) and _recalculates(archive)
    return FormulaCells(errors=errors, uncached=tuple(uncached), formulas=formulas, stale=stale)


def _cell_at(xml: bytes, start: int) -> tuple[tuple[int, int], bytes] | None:
    """The position and the XML of the ``<c …>…</c>`` element that starts at ``start``."""
    if start < 0 or not xml.startswith(b"<c ", start):
        return None
    head_end = xml.find(b">", start)
    if head_end < 0:
        return None
    ref = _CELL_REF.search(xml, start, head_end)
    if ref is None:
        return None
    if xml[head_end - 1:head_end] == b"/":  # <c r="A1" t="e"/>: no value at all
        body = b""
    else:
        close = xml.find(b"</c>", head_end)
        body = xml[head_end + 1:close if close >= 0 else len(xml)]
    return (int(ref.group(2)) - 1, _column_index(ref.group(1))), body


def _saved(xml: bytes, formula_at: int, body: bytes) -> bool:
    """Whether the formula cell whose ``<f>`` is at ``formula_at`` carries a saved result."""
    if _VALUE.search(body):
        return True
    head = xml[xml.rfind(b"<c ", 0, formula_at):xml.find(b">", xml.rfind(b"<c ", 0, formula_at))]
    return bool(_TEXT_RESULT.search(head)) and b"<v" in body


def _recalculates(archive: zipfile.ZipFile) -> bool:
    """Whether the workbook asks to be recalculated on opening, or is calculated by hand only."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    settings = workbook.find(f"{_MAIN}calcPr")
    if settings is None:
        return False
    return settings.get("fullCalcOnLoad", "0").lower() in ("1", "true") or settings.get("calcMode") == "manual"


def _ods(archive: zipfile.ZipFile, sheet: str) -> FormulaCells:
    with archive.open("content.xml") as handle:
        content = handle.read()
    if b'value-type="error"' not in content and b"table:formula=" not in content:
        return FormulaCells()
    errors: dict[tuple[int, int], str] = {}
    uncached: list[tuple[int, int]] = []
    formulas = 0
    for cell in ods_cells(content, sheet):
        is_formula = cell.element.get(f"{_TABLE}formula") is not None
        formulas += cell.columns if is_formula else 0
        if cell.element.get(f"{_CALCEXT}value-type") == "error":
            text = "".join(cell.element.itertext()).strip() or "#ERROR"
            errors.update((position, text) for position in cell.positions())
        elif is_formula and cell.element.get(f"{_OFFICE}value-type") is None:
            uncached.extend(cell.positions())
    errors = dict(sorted(errors.items()))  # in sheet order, row by row, as the messages list them
    uncached.sort()
    return FormulaCells(errors=errors, uncached=tuple(uncached), formulas=formulas, stale=False)
