"""Read a table (CSV, or a sheet of .xlsx/.ods) into raw cells with their row numbers.

Only the shape is read here: header, cells, the row number a person sees in the
file.  Types and rules are applied by :mod:`chuyenhoa.reading.dataset`.  Workbooks are
read with python-calamine (Rust), which reads large sheets an order of magnitude
faster than openpyxl and reads .ods too (``benchmarks/bench_excel.py`` measures it).

The header is the first row with any content, unless the caller names a ``key``
column (or reads a sheet of the data contract, whose key is in :data:`SHEET_KEYS`):
then it is the first row among the first :data:`HEADER_SEARCH_ROWS` that holds
that column.  The template (``chuyenhoa template``) puts a title and a row
of criteria groups above its header, and a person may add a title of their own;
row numbers stay the ones the person sees.  Cells formatted as percentages are
handed over as the text the person saw ("75%"), not as the fraction stored
(:mod:`chuyenhoa.reading.percent`).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, cast, overload

import attrs

from chuyenhoa.errors import DataError
from chuyenhoa.i18n import _
from chuyenhoa.reading.cells import Cell, is_blank, nfc

if TYPE_CHECKING:
    from chuyenhoa.reading.plaincsv import PlainCsv

WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls", ".ods"})
_ID_IN_HEADER = re.compile(r"\(([a-z][a-z0-9_]*)\)\s*$")
#: a CSV at least this large (about 400 rows of the communes table) is cut with NumPy,
#: whose import (≈ 0.1 s) a smaller file would not win back
PLAIN_CSV_BYTES = 64 * 1024
#: how far down a sheet the header row holding the key column is looked for
HEADER_SEARCH_ROWS = 20
#: the column each sheet of the data contract (INDICATORS.md) always has: the header is
#: the row that holds it, when the caller names the sheet but no key of its own
SHEET_KEYS = {"communes": "commune_code", "province": "year", "nominees": "nominee_id"}


class MissingSheetError(DataError):
    """A workbook without the sheet asked for (an optional sheet may be absent: its reader catches this)."""

    def __init__(self, path: Path, sheet: str, available: Sequence[str]) -> None:
        self.path, self.sheet, self.available = path, sheet, tuple(available)
        super().__init__(_("{path}: không có sheet '{sheet}' (các sheet có: {available})").format(
            path=path, sheet=sheet, available=", ".join(available)))


@attrs.frozen
class RawTable:
    """Cells as read, column by column, with the row number of each data row.

    ``plain`` is set for a large plain CSV: its columns are then cut by NumPy
    (:mod:`chuyenhoa.reading.plaincsv`), a column's cells are made into strings only when
    asked for, and a reader may take a column's values from ``plain`` directly.
    """

    file: str
    sheet: str | None
    headers: tuple[str, ...]
    columns: Sequence[list[Cell]]
    row_numbers: list[int]
    all_text: bool  # every cell is a str (CSV): the fast parsers may be used
    plain: PlainCsv | None = None
    #: the text of each filled cell above the header (a title, a hint, a banner), top to bottom
    preamble: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.row_numbers)


class _CellsOnDemand(Sequence[list[Cell]]):
    """The columns of a :class:`~chuyenhoa.reading.plaincsv.PlainCsv` as lists of strings, each made on first use."""

    def __init__(self, plain: PlainCsv) -> None:
        self._plain = plain
        self._made: dict[int, list[Cell]] = {}

    def __len__(self) -> int:
        return self._plain.width

    @overload
    def __getitem__(self, index: int) -> list[Cell]: ...
    @overload
    def __getitem__(self, index: slice) -> list[list[Cell]]: ...

    def __getitem__(self, index: int | slice) -> list[Cell] | list[list[Cell]]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        if index not in self._made:
            # a column of str handed over as cells (list is invariant; nobody writes into it)
            self._made[index] = cast("list[Cell]", self._plain.cells(index))
        return self._made[index]


def header_id(text: object, labels: Mapping[str, str] | None = None) -> str:
    """The column id of a header cell.

    A header may be the id itself, a label ending in ``(id)`` as the template
    writes them, or a known Vietnamese label.
    """
    header = nfc(str(text or ""))
    match = _ID_IN_HEADER.search(header)
    if match:
        return match.group(1)
    if labels and header in labels:
        return labels[header]
    return header.lower()


def named_columns(raw: RawTable, labels: Mapping[str, str]) -> Iterator[tuple[int, str]]:
    """(position, column id) of each named column, in order; its cells are ``raw.columns[position - 1]``.

    Refuses data under an empty header and a column id given twice, naming the
    file (and sheet) and the positions; the caller decides what a name it does not
    know means.
    """
    where = raw.file + (f" [sheet {raw.sheet}]" if raw.sheet else "")
    seen: dict[str, int] = {}
    for position, header in enumerate(raw.headers, start=1):
        column_id = header_id(header, labels)
        if not column_id:
            if any(not is_blank(c) for c in raw.columns[position - 1]):
                raise DataError(_("{where}: cột thứ {position} có dữ liệu nhưng không có tiêu đề").format(
                    where=where, position=position))
            continue
        if column_id in seen:
            raise DataError(_("{where}: cột '{column}' xuất hiện hai lần (cột {first} và {second})").format(
                where=where, column=column_id, first=seen[column_id], second=position))
        seen[column_id] = position
        yield position, column_id


def read_table(path: str | Path, sheet: str | None = None, *, key: str | None = None,
               labels: Mapping[str, str] | None = None) -> RawTable:
    """Read ``path``; for a workbook, the sheet named ``sheet``.

    ``key`` is the id of a column every table of its kind has (``commune_code``,
    ``year``): the header is the first row that holds it (see the module doc).
    ``labels`` maps Vietnamese labels to ids, so a header written as the label is
    found too.
    """
    path = Path(path)
    if not path.exists():
        raise DataError(_("{path}: không tìm thấy tệp").format(path=path))
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        if sheet is None:
            raise DataError(_("{path}: cần tên sheet để đọc tệp bảng tính").format(path=path))
        return _read_workbook(path, sheet, key or SHEET_KEYS.get(sheet.casefold()), labels)
    return _read_csv(path, key, labels)


def _read_csv(path: Path, key: str | None = None, labels: Mapping[str, str] | None = None) -> RawTable:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DataError(_("{path}: không đọc được tệp: {error}").format(path=path, error=exc)) from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(_("{path}: không phải văn bản UTF-8 (byte {byte}); hãy lưu lại tệp CSV với mã UTF-8").format(
            path=path, byte=exc.start)) from None
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    fast = _cut_plain_csv(str(path), data, delimiter) if len(data) >= PLAIN_CSV_BYTES else None
    if fast is None:
        fast = _split_plain_csv(str(path), text, delimiter)
    if fast is not None and (key is None or any(header_id(h, labels) == key for h in fast.headers)):
        return fast
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise DataError(_("{path}, dòng {row}: CSV không hợp lệ: {error}").format(
            path=path, row=reader.line_num, error=exc)) from exc
    return _shape(str(path), None, rows, first_row_number=1, all_text=True, key=key, labels=labels)


def _cut_plain_csv(file: str, data: bytes, delimiter: str) -> RawTable | None:
    """A large plain CSV, cut by NumPy (:mod:`chuyenhoa.reading.plaincsv`); None if it is not plain."""
    from chuyenhoa.reading.plaincsv import PlainCsv  # NumPy is loaded only for files large enough to gain from it

    plain = PlainCsv.cut(data, delimiter)
    if plain is None:
        return None
    return RawTable(file=file, sheet=None, headers=tuple(plain.header), columns=_CellsOnDemand(plain),
                    row_numbers=list(range(2, plain.rows + 2)), all_text=True, plain=plain)


def _split_plain_csv(file: str, text: str, delimiter: str) -> RawTable | None:
    """Read a CSV without quotes by splitting strings, several times faster than ``csv.reader``.

    Without a quote character no field can hold a delimiter or a line break
    (RFC 4180), so splitting is exact.  Only the common shape takes this path:
    every row as wide as the header and no blank row; anything else (quotes,
    ragged or blank rows) goes through ``csv.reader`` and :func:`_shape`.
    """
    if '"' in text:
        return None
    lines = text.splitlines()
    while lines and not lines[-1].strip():
        lines.pop()
    if len(lines) < 2:
        return None
    header, data = lines[0].split(delimiter), lines[1:]
    width = len(header)
    if any(not cell.strip() for cell in header) or \
            set(map(str.count, data, [delimiter] * len(data))) != {width - 1}:
        return None
    # every cell is a str; typed as cells for RawTable (list is invariant; nobody writes into it)
    flat = cast("list[Cell]", delimiter.join(data).split(delimiter))
    if any(not line.strip(f"{delimiter} \t") for line in data):
        return None
    return RawTable(
        file=file,
        sheet=None,
        headers=tuple(header),
        columns=tuple(flat[i::width] for i in range(width)),
        row_numbers=list(range(2, len(data) + 2)),
        all_text=True,
    )


def _read_workbook(path: Path, sheet: str, key: str | None = None,
                   labels: Mapping[str, str] | None = None) -> RawTable:
    import python_calamine  # imported here: CSV users never pay for it

    from chuyenhoa.reading.percent import percent_cells, percent_text

    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises several unrelated types
        raise DataError(_("{path}: không mở được bảng tính: {error}").format(path=path, error=exc)) from exc
    names = {nfc(name).casefold(): name for name in workbook.sheet_names}
    actual = names.get(sheet.casefold())
    if actual is None:
        raise MissingSheetError(path, sheet, workbook.sheet_names)
    rows = workbook.get_sheet_by_name(actual).to_python(skip_empty_area=False)
    for r, c in percent_cells(path, actual):
        if r < len(rows) and c < len(rows[r]):
            value = rows[r][c]
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                rows[r][c] = percent_text(value)
    return _shape(str(path), actual, rows, first_row_number=1, all_text=False, key=key, labels=labels)


def _shape(
    file: str, sheet: str | None, rows: Sequence[Sequence[Cell]], first_row_number: int, all_text: bool,
    key: str | None = None, labels: Mapping[str, str] | None = None,
) -> RawTable:
    # the header is the first row with any content, or the first one holding the key column
    start = 0
    while start < len(rows) and all(_empty(c) for c in rows[start]):
        start += 1
    if start == len(rows):
        where = file + (f" [sheet {sheet}]" if sheet else "")
        raise DataError(_("{where}: bảng trống, không có dòng tiêu đề").format(where=where))
    if key is not None:
        start = _header_row(rows, start, key, labels)
    header_cells = list(rows[start])
    while header_cells and _empty(header_cells[-1]):
        header_cells.pop()
    width = len(header_cells)
    filler: Cell = "" if all_text else None
    kept: list[Sequence[Cell]] = []
    numbers: list[int] = []
    for offset in range(start + 1, len(rows)):
        row = rows[offset]
        # any() is the cheap test; whitespace-only rows are rare and checked after it
        if not any(row) or all(_empty(c) for c in row):
            continue
        if len(row) != width:
            if len(row) > width and not all(_empty(c) for c in row[width:]):
                where = file + (f" [sheet {sheet}]" if sheet else "")
                column = width + next(i for i, c in enumerate(row[width:], start=1) if not _empty(c))
                raise DataError(_("{where}, dòng {row}: có dữ liệu ở cột thứ {column} nhưng cột đó không có "
                                  "tiêu đề").format(where=where, row=offset + first_row_number, column=column))
            row = (list(row) + [filler] * width)[:width]
        kept.append(row)
        numbers.append(offset + first_row_number)
    columns = tuple(list(col) for col in zip(*kept, strict=False)) if kept else tuple([] for _ in range(width))
    return RawTable(
        file=file,
        sheet=sheet,
        headers=tuple(str(c) if c is not None else "" for c in header_cells),
        columns=columns,
        row_numbers=numbers,
        all_text=all_text,
        preamble=tuple(str(c).strip() for row in rows[:start] for c in row if not _empty(c)),
    )


def _header_row(rows: Sequence[Sequence[Cell]], first: int, key: str, labels: Mapping[str, str] | None) -> int:
    """The first row from ``first`` holding the ``key`` column; ``first`` when none does.

    Falling back to the first non-empty row keeps the old rule for files without
    the key, which then fail with "thiếu cột bắt buộc" naming the column.
    """
    for offset in range(first, min(len(rows), first + HEADER_SEARCH_ROWS)):
        if any(not _empty(c) and header_id(c, labels) == key for c in rows[offset]):
            return offset
    return first


def _empty(cell: Cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())
