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

import codecs
import csv
import functools
import io
import itertools
import re
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, cast, overload

import attrs

from chuyenhoa.errors import MAX_LISTED, CellError, DataError, DataErrors, RowError
from chuyenhoa.i18n import _, _n
from chuyenhoa.model import FieldsRepr
from chuyenhoa.reading.cells import Cell, ErrorValue, is_blank, nfc, shown

if TYPE_CHECKING:
    from chuyenhoa.reading.packed import Form
    from chuyenhoa.reading.plaincsv import PlainCsv, PlainFile

WORKBOOK_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls", ".ods"})
_ID_IN_HEADER = re.compile(r"\(([a-z][a-z0-9_]*)\)\s*$")
#: a CSV at least this large (about 400 rows of the communes table) is cut with NumPy,
#: whose import (≈ 0.1 s) a smaller file would not win back
PLAIN_CSV_BYTES = 64 * 1024
#: how far down a sheet the header row holding the key column is looked for
HEADER_SEARCH_ROWS = 20
#: the most data rows a table may have.  A plain CSV is typed column by column as it is read (about 95 bytes a
#: row, :mod:`chuyenhoa.reading.plaincsv`), so twice the million rows the library promises to read in under
#: 0.5 GB (a national table of 10,000 communes over a century) still fits an office PC.  The cap is there for
#: the file that is no table at all (a log, a dump, a column filled down by mistake): it is refused before its
#: rows are read, from a count of its lines.
MAX_ROWS = 2_000_000
#: the most data rows of a table read cell by cell: a workbook (calamine holds every cell, about 80 bytes each)
#: or a CSV that is not plain (quotes around a delimiter, blank or ragged rows: ``csv.reader``).  Those readers
#: hold about 3 KB a row, so a longer table is refused, before its rows are held when its length is known.
MAX_HELD_ROWS = 200_000
#: the column each sheet of the data contract (INDICATORS.md) always has: the header is
#: the row that holds it, when the caller names the sheet but no key of its own
SHEET_KEYS = {"communes": "commune_code", "province": "year", "nominees": "nominee_id"}


class MissingSheetError(DataError):
    """A workbook without the sheet asked for (an optional sheet may be absent: its reader catches this)."""

    def __init__(self, path: Path, sheet: str, available: Sequence[str]) -> None:
        self.path, self.sheet, self.available = path, sheet, tuple(available)
        super().__init__(_("{path}: không có sheet '{sheet}' (các sheet có: {available})").format(
            path=path, sheet=shown(sheet), available=", ".join(shown(name) for name in available)))


class RowNumbers(Sequence[int]):
    """The row numbers ``first``, ``first`` + 1, … of a table without gaps (a plain CSV), held as a ``range``.

    A list of a million row numbers would cost 36 MB; this equals the list it stands for.
    """

    __slots__ = ("_range",)

    def __init__(self, first: int, stop: int) -> None:
        self._range = range(first, stop)

    def __len__(self) -> int:
        return len(self._range)

    @overload
    def __getitem__(self, index: int) -> int: ...
    @overload
    def __getitem__(self, index: slice) -> list[int]: ...

    def __getitem__(self, index: int | slice) -> int | list[int]:
        if isinstance(index, slice):
            return list(self._range[index])
        return self._range[index]

    def __iter__(self) -> Iterator[int]:
        return iter(self._range)

    def __contains__(self, value: object) -> bool:
        return value in self._range

    def __eq__(self, other: object) -> bool:
        if isinstance(other, RowNumbers):
            return self._range == other._range
        if not isinstance(other, Sequence) or isinstance(other, (str, bytes)):
            return NotImplemented
        return len(self) == len(other) and list(self._range) == list(other)

    __hash__ = None  # type: ignore[assignment]  # equal to a list, so unhashable as a list is

    def __repr__(self) -> str:
        return f"RowNumbers({self._range.start}, {self._range.stop})"


@attrs.frozen(repr=False)
class RawTable(FieldsRepr):
    """Cells as read, column by column, with the row number of each data row.

    ``plain`` is set for a large plain CSV: its columns are then cut by NumPy
    (:mod:`chuyenhoa.reading.plaincsv`) as the file is read, the columns of the ``forms``
    asked for typed on the way; a column's cells are made into strings only when asked
    for, and a reader may take a column's values from ``plain`` directly.
    """

    file: str
    sheet: str | None
    headers: tuple[str, ...]
    columns: Sequence[list[Cell]]
    row_numbers: Sequence[int]
    all_text: bool  # every cell is a str (CSV): the fast parsers may be used
    plain: PlainFile | None = None
    #: the text of each filled cell above the header (a title, a hint, a banner), top to bottom
    preamble: tuple[str, ...] = ()
    #: the row number of the header, as a person sees it
    header_row: int = 1
    #: what the reader found doubtful but read (formulas without a saved value), for the output to show
    warnings: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.row_numbers)


class _CellsOnDemand(Sequence[list[Cell]]):
    """The columns of a :class:`~chuyenhoa.reading.plaincsv.PlainFile` as lists of strings, each made on first use
    (read again from the file)."""

    def __init__(self, plain: PlainFile) -> None:
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
    header, ident = _header_text(str(text or ""))
    if ident is not None:
        return ident
    if labels and header in labels:
        return labels[header]
    return header.lower()


@functools.lru_cache(maxsize=4096)
def _header_text(text: str) -> tuple[str, str | None]:
    """A header cell normalised, and the id written in it as ``(id)`` (a header is looked at several times)."""
    header = nfc(text).strip("\ufeff\u200b ")  # a byte-order mark or a zero-width space pasted in
    match = _ID_IN_HEADER.search(header)
    return header, match.group(1) if match else None


def named_columns(raw: RawTable, labels: Mapping[str, str],
                  report: Callable[[DataError], None] | None = None) -> Iterator[tuple[int, str]]:
    """(position, column id) of each named column, in order; its cells are ``raw.columns[position - 1]``.

    Refuses data under an empty header and a column id given twice, naming the
    file (and sheet) and the positions; the caller decides what a name it does not
    know means.  With ``report``, a refused column is reported there and passed
    over (the first of two with one id is kept), so the other columns are still
    read and their problems said in the same run.
    """
    where = raw.file + (f" [sheet {raw.sheet}]" if raw.sheet else "")
    seen: dict[str, int] = {}
    for position, header in enumerate(raw.headers, start=1):
        column_id = header_id(header, labels)
        problem = None
        if not column_id:
            if any(not is_blank(c) for c in raw.columns[position - 1]):
                problem = DataError(_("{where}: cột thứ {position} có dữ liệu nhưng không có tiêu đề").format(
                    where=where, position=position))
            else:
                continue
        elif column_id in seen:
            problem = DataError(_("{where}: cột '{column}' xuất hiện hai lần (cột {first} và {second})").format(
                where=where, column=shown(column_id), first=seen[column_id], second=position))
        if problem is not None:
            if report is None:
                raise problem
            report(problem)
            continue
        seen[column_id] = position
        yield position, column_id


def read_table(path: str | Path, sheet: str | None = None, *, key: str | None = None,
               labels: Mapping[str, str] | None = None, columns: Collection[str] = (),
               unique: Sequence[str] = (), problems: list[DataError] | None = None,
               forms: Mapping[str, Form] | None = None) -> RawTable:
    """Read ``path``; for a workbook, the sheet named ``sheet``.

    ``key`` is the id of a column every table of its kind has (``commune_code``,
    ``year``): the header is the first row that holds it (see the module doc).
    ``labels`` maps Vietnamese labels to ids, so a header written as the label is
    found too; ``columns`` are the ids the table may hold, so that a header row
    without its key is still told from a title above it.

    ``problems``: where the problems of single rows go (a cell right of the
    header, a stray quote), so the caller reports them with the rest; without
    it the first one is raised.  ``unique`` names the columns no two rows may
    share (``commune_code`` and ``year``): a reader that reads row by row checks
    them on the way, and stops at the :data:`~chuyenhoa.errors.MAX_LISTED`-th
    problem, so a sheet filled down to its last row is refused after a few
    rows rather than read whole.  Every reader refuses a table longer than
    :data:`MAX_ROWS` (:data:`MAX_HELD_ROWS` for one that holds every cell) before
    it holds the rows in memory.

    ``forms`` (column id → :class:`~chuyenhoa.reading.packed.Form`) are the columns a
    large plain CSV has typed as it is read (``plain.columns``); the others are read
    as text when asked for.
    """
    path = Path(path)
    if not path.exists():
        raise DataError(_("{path}: không tìm thấy tệp").format(path=path))
    if path.is_dir():
        raise DataError(_("{path}: là một thư mục, không phải tệp dữ liệu").format(path=path))
    shape = _Shape(key=key, labels=labels, columns=columns, unique=unique, problems=problems, forms=forms or {})
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        if sheet is None:
            raise DataError(_("{path}: cần tên sheet để đọc tệp bảng tính").format(path=path))
        shape.key = key or SHEET_KEYS.get(sheet.casefold())
        return _read_workbook(path, sheet, shape)
    return _read_csv(path, shape)


@attrs.define(repr=False)
class _Shape(FieldsRepr):
    """What the caller knows about the table it asks for, and where the problems of rows go."""

    key: str | None = None
    labels: Mapping[str, str] | None = None
    columns: Collection[str] = ()
    unique: Sequence[str] = ()
    problems: list[DataError] | None = None
    #: the lines of the file or sheet, when known before its rows are read (to say how long a table is)
    lines: int | None = None
    forms: Mapping[str, Form] = attrs.Factory(dict)
    #: the most rows the reader in use may read (:data:`MAX_ROWS`, or :data:`MAX_HELD_ROWS` for one that holds cells)
    limit: int = attrs.Factory(lambda: _held_limit())

    def report(self, problem: DataError) -> None:
        if self.problems is None:
            raise problem
        self.problems.append(problem)


def _held_limit() -> int:
    """The most rows a reader that holds every cell may read (never more than any table may have)."""
    return min(MAX_HELD_ROWS, MAX_ROWS)


def _read_csv(path: Path, shape: _Shape) -> RawTable:
    try:
        # a file of n bytes has at most n lines: only one that could be too long for a reader has them counted
        shape.lines = _lines(path) if path.stat().st_size > _held_limit() + HEADER_LOOK_ROWS else 0
        if shape.lines > MAX_ROWS + HEADER_LOOK_ROWS:
            # a file longer than any table may be is neither held nor cut whole: its rows are read one at a
            # time until the reader can say what is wrong
            _refuse_too_long_csv(path, shape, MAX_ROWS)
        if path.stat().st_size >= PLAIN_CSV_BYTES:
            fast = _read_plain_csv(path, shape)
            if fast is not None:
                return fast
        if shape.lines > _held_limit() + HEADER_LOOK_ROWS:
            # not plain: read by csv.reader, which holds every cell; refused the same way, at its own limit
            _refuse_too_long_csv(path, shape, _held_limit())
        data = path.read_bytes()
    except OSError as exc:
        raise DataError(_("{path}: không đọc được tệp: {error}").format(path=path, error=exc)) from exc
    text = _decoded(path, data)
    delimiter = _delimiter(path, text)
    # a file large enough was tried by NumPy as it was read (not plain, or not UTF-8: said below)
    fast = _split_plain_csv(str(path), text, delimiter)
    if fast is not None and (shape.key is None or any(header_id(h, shape.labels) == shape.key
                                                       for h in fast.headers)):
        return fast
    table = _shape(str(path), None, _csv_rows(path, text, delimiter, shape), all_text=True, shape=shape)
    assert table is not None  # kept rows: always a table
    return table


def _decoded(path: Path, data: bytes) -> str:
    try:
        # what data.decode("utf-8-sig") gives, the error's position too, without looking up (importing) that codec
        return data.removeprefix(codecs.BOM_UTF8).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(_("{path}: không phải văn bản UTF-8 (byte {byte}); hãy lưu lại tệp CSV với mã UTF-8").format(
            path=path, byte=exc.start)) from None


def _lines(path: Path) -> int:
    """How many line ends the file holds, counted a chunk at a time (C speed, little memory)."""
    count = 0
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(16 << 20), b""):
            count += chunk.count(b"\n")
    return count


def _refuse_too_long_csv(path: Path, shape: _Shape, limit: int) -> None:
    """Read a CSV too long to be a table (more than ``limit`` rows) row by row, without keeping the rows, and
    raise what is wrong.

    Returns only if the lines turn out mostly blank (fewer rows than the limit): the file is then read as any
    other.
    """
    shape.limit = limit
    with path.open("rb") as handle:
        head = handle.read(64 * 1024)
    delimiter = _delimiter(path, head.decode("utf-8-sig", errors="replace"))
    before = len(shape.problems or ())
    with path.open(encoding="utf-8-sig", newline="") as handle:
        try:
            table = _shape(str(path), None, _csv_rows(path, handle, delimiter, shape), all_text=True, shape=shape,
                           keep=False)
        except UnicodeDecodeError as exc:
            raise DataError(_("{path}: không phải văn bản UTF-8; hãy lưu lại tệp CSV với mã UTF-8").format(
                path=path)) from exc
    if table is None and shape.problems is not None:
        del shape.problems[before:]  # read again, and found again


def _delimiter(path: Path, text: str) -> str:
    """``;`` when the header line has more of them than ``,`` (Excel in a Vietnamese locale), else ``,``.

    A file whose first lines are cut by tabs (a TSV, or cells pasted from a
    sheet into a text editor) is refused in those words: read with ``,`` it
    would have one column, and the message would be a missing column.
    """
    head = [line for line in text[:64 * 1024].splitlines()[:HEADER_SEARCH_ROWS] if line.strip()]
    # the first line cut into cells at all (a title above the header is not) says how the file is cut
    cut = next((line for line in head if any(mark in line for mark in "\t,;")), "")
    if "\t" in cut and "," not in cut and ";" not in cut:
        raise DataError(_("{path}: các cột được phân cách bằng dấu tab (tệp TSV, hoặc ô dán từ bảng tính); hãy "
                          "lưu lại thành CSV phân cách bằng dấu phẩy hoặc chấm phẩy, hoặc dùng tệp .xlsx").format(
            path=path))
    first_line = text.split("\n", 1)[0]
    return ";" if first_line.count(";") > first_line.count(",") else ","


def _csv_rows(path: Path, text: str | TextIO, delimiter: str, shape: _Shape) -> Iterator[tuple[int, Sequence[Cell]]]:
    """The records of a CSV, each with its row number, read one at a time.

    Strict about quotes: a quote that opens a cell and is never closed, or
    text after a closing quote, is said to be a stray quote (without
    strictness the first swallows the rest of the file and the second loses
    the quote).  A quoted cell that runs over several lines and holds the
    delimiter too has swallowed rows, and is reported; a line break typed in a
    cell (Alt+Enter in Excel) is kept.  Rows are numbered as a spreadsheet
    shows the file, a record each, so such a cell does not shift the numbers.
    """
    reader = csv.reader(io.StringIO(text, newline="") if isinstance(text, str) else text, delimiter=delimiter,
                        strict=True)
    for number in itertools.count(1):
        first_line = reader.line_num + 1
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            # the module's own words tell the two faults of quoting apart: text after a closing quote
            # ("',' expected after '\"'"), and a quote left open to the end ("unexpected end of data")
            if "expected after" in str(exc):
                problem = _("có ký tự ngay sau dấu ngoặc kép (\") đóng một ô; ô có dấu ngoặc kép phải được bao trọn "
                            "trong đó, ví dụ \"Xã A\"")
            elif "end of data" in str(exc) or "EOF" in str(exc):
                problem = _("dấu ngoặc kép (\") mở một ô ở dòng này mà không đóng lại; hãy xoá dấu ngoặc kép thừa "
                            "hoặc đóng ô bằng một dấu ngoặc kép nữa")
            else:  # a cell longer than the csv module's limit, a NUL byte…
                problem = _("CSV không hợp lệ: {error}").format(error=shown(exc))
            raise DataErrors.of(str(path), [*(shape.problems or ()), RowError(str(path), number, problem)],
                                stopped_at=number, reason=_("CSV không đọc tiếp được")) from None
        if reader.line_num > first_line and any("\n" in field and delimiter in field for field in record):
            lines = reader.line_num - first_line
            shape.report(RowError(str(path), number, _n("một ô mở bằng dấu ngoặc kép (\") kéo sang {count} dòng sau; "
                                                        "có thể là dấu ngoặc kép thừa", lines).format(count=lines)))
        yield number, record


#: how much of a large CSV is read first, to choose its delimiter and find its header: at least the 64K
#: characters :func:`_delimiter` looks at
_HEAD_BYTES = 512 * 1024


def _read_plain_csv(path: Path, shape: _Shape) -> RawTable | None:
    """A large plain CSV, cut by NumPy as it is read, the columns of ``shape.forms`` typed on the way
    (:mod:`chuyenhoa.reading.plaincsv`); None if it is not plain, or if the reader that reads the file whole
    has something to say (not UTF-8, cut by tabs, no key in the first line).

    A file longer than :data:`MAX_HELD_ROWS` rows (which no reader could hold before) is checked on the way
    for a commune repeated in a year, as the readers that go row by row check it (:class:`_UniqueOnTheWay`).
    """
    head = _head(path)
    if head is None:
        return None
    try:
        delimiter = _delimiter(path, head)
    except DataError:
        return None  # said by the reference reader, after what it says first
    from chuyenhoa.reading import plaincsv  # NumPy is loaded only for files large enough to gain from it

    header = plaincsv.header_of(head.split("\n", 1)[0].encode("utf-8"), delimiter)
    if header is None:
        return None
    ids = [header_id(h, shape.labels) for h in header]
    if shape.key is not None and shape.key not in ids:
        return None  # the header is lower down: the reference reader finds it
    forms = {position: shape.forms[column] for position, column in enumerate(ids) if column in shape.forms}
    watch = None
    if shape.lines is not None and shape.lines > _held_limit() + HEADER_LOOK_ROWS and shape.problems is not None:
        watch = _UniqueOnTheWay.of(path, ids, shape)
    plain = plaincsv.read(path, delimiter, forms, watch)
    if plain is None:
        return None
    return RawTable(file=str(path), sheet=None, headers=tuple(plain.header), columns=_CellsOnDemand(plain),
                    row_numbers=RowNumbers(2, plain.rows + 2), all_text=True, plain=plain)


def _head(path: Path) -> str | None:
    """The text of the file's beginning (its BOM left out) holding its first line and the 64K characters
    :func:`_delimiter` reads, from at most :data:`_HEAD_BYTES`; None if there is no such text, or if those
    bytes are not UTF-8."""
    data = b""
    with path.open("rb") as handle:
        while len(data) < _HEAD_BYTES:
            more = handle.read(96 * 1024)
            data += more
            whole = not more or not handle.peek(1)
            try:
                text, _used = codecs.utf_8_decode(data, "strict", whole)
            except UnicodeDecodeError:
                return None
            text = text.removeprefix("\ufeff")
            if whole or ("\n" in text and len(text) >= 64 * 1024):
                return text
    return None


class _UniqueOnTheWay:
    """What :func:`_shape` checks row by row, checked on each run of a plain CSV as NumPy reads it.

    No two rows may share a commune code and a year; reading stops at the
    :data:`~chuyenhoa.errors.MAX_LISTED`-th repeat, with the error ``_shape`` gives
    (the same rows, words and row where it stopped), unless the run is the file's
    last: there is then nothing left to spare, and the typed check names every repeat.
    Keys are compared as values where they are the text ``_shape`` compares (codes
    of five digits, years of four): a file with any other year text is not watched.
    """

    def __init__(self, path: Path, code: int, year: int, shape: _Shape) -> None:
        self.path, self.code, self.year, self.shape = path, code, year, shape
        self.seen: dict[int, Any] = {}  # year → which codes had it (a boolean array over the codes)
        self.parts: list[tuple[Any, Any]] = []  # every run's codes and years so far
        self.found: list[tuple[int, int, int]] = []  # (row index, code, year) of the first repeats, in row order
        self.watching = True

    @classmethod
    def of(cls, path: Path, ids: Sequence[str], shape: _Shape) -> _UniqueOnTheWay | None:
        if list(shape.unique) != ["commune_code", "year"] or "commune_code" not in ids or "year" not in ids:
            return None
        code, year = ids.index("commune_code"), ids.index("year")
        if shape.forms.get("commune_code", None) is None or shape.forms.get("year") is None:
            return None
        return cls(path, code, year, shape)

    def __call__(self, part: PlainCsv, first: int, typed: Mapping[int, Any], last: bool) -> None:
        import numpy as np

        if not self.watching:
            return
        codes, years = typed.get(self.code), typed.get(self.year)
        if codes is None or years is None or getattr(codes, "dtype", None) is None:
            self.watching = False
            return
        values, empty = years
        lengths = part.lengths(self.year)
        if not ((lengths == 4) | empty).all() or len(self.seen) > 200:
            self.watching = False  # a year typed otherwise (02024) is another key to _shape: leave it to the end
            return
        self.parts.append((codes.astype(np.int32), np.where(empty, -1, values).astype(np.int16)))  # 6 bytes a row
        keep = ~empty
        rows = np.flatnonzero(keep)
        keys = codes[keep].astype(np.int64) * 10_000 + values[keep]
        order = np.argsort(keys, kind="stable")
        repeat_here = np.zeros(len(keys), dtype=bool)
        repeat_here[order[1:]] = keys[order][1:] == keys[order][:-1]
        for year in np.unique(values[keep]).tolist():
            had = self.seen.get(year)
            if had is None:
                had = self.seen[year] = np.zeros(10 ** 5, dtype=bool)
            in_year = values[keep] == year
            repeat_here[in_year] |= had[codes[keep][in_year]]
            had[codes[keep][in_year]] = True
        wanted = MAX_LISTED - len(self.found)  # only the first ones are named: _shape stops at them
        for index in rows[repeat_here][:wanted].tolist():
            self.found.append((first + index, int(codes[index]), int(values[index])))
        problems = len(self.shape.problems or ()) + len(self.found)
        if problems >= MAX_LISTED and not last:
            self._stop()

    def _stop(self) -> None:
        """Raise what _shape raises at its MAX_LISTED-th problem."""
        import numpy as np

        all_codes = np.concatenate([c for c, _y in self.parts])
        all_years = np.concatenate([y for _c, y in self.parts])
        listed = self.found[:MAX_LISTED - len(self.shape.problems or ())]
        found = []
        for index, code, year in listed:
            first = int(np.flatnonzero((all_codes == code) & (all_years == year))[0])
            found.append(_duplicate(str(self.path), None, self.shape.unique, (f"{code:05d}", str(year)), index + 2,
                                    first + 2))
        number = listed[-1][0] + 2
        problems = len(self.shape.problems or ()) + len(found)
        raise DataErrors.of(str(self.path), _sorted(self.shape, found), stopped_at=number,
                            reason=_n("đã gặp {count} lỗi", problems).format(count=problems))


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


def _read_workbook(path: Path, sheet: str, shape: _Shape) -> RawTable:
    import python_calamine  # imported here: CSV users never pay for it

    from chuyenhoa.reading.formulas import formula_cells, last_row
    from chuyenhoa.reading.percent import percent_cells, percent_text

    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises several unrelated types
        raise DataError(_("{path}: không mở được bảng tính: {error}").format(path=path, error=exc)) from exc
    names = {nfc(name).casefold(): name for name in workbook.sheet_names}
    actual = names.get(sheet.casefold())
    if actual is None:
        raise MissingSheetError(path, sheet, workbook.sheet_names)
    declared = last_row(path, actual)
    if declared is not None and declared > _held_limit() + HEADER_LOOK_ROWS:
        # calamine would hold every cell in memory before a row could be looked at
        raise DataError(_("{where}: sheet có {rows} dòng, nhiều hơn {limit} dòng một bảng có thể có (mỗi xã một "
                          "dòng mỗi năm); có lẽ một ô đã được kéo xuống đến cuối sheet: hãy xoá các dòng thừa").format(
            where=f"{path} [sheet {actual}]", rows=f"{declared:,}".replace(",", "."),
            limit=f"{_held_limit():,}".replace(",", ".")))
    try:
        cells = workbook.get_sheet_by_name(actual)
    except Exception as exc:  # calamine raises several unrelated types
        raise DataError(_("{path}: không mở được bảng tính: {error}").format(path=path, error=exc)) from exc
    percent: dict[int, list[int]] = {}
    for r, c in percent_cells(path, actual):
        percent.setdefault(r, []).append(c)
    formulas = formula_cells(path, actual)
    errors: dict[int, list[tuple[int, str]]] = {}
    for (r, c), code in formulas.errors.items():
        errors.setdefault(r, []).append((c, code))

    def rows() -> Iterator[tuple[int, Sequence[Cell]]]:
        # iter_rows starts at row 1 but at the first column used: pad, so positions count from A
        left = cells.start[1] if cells.start else 0
        for r, values in enumerate(cells.iter_rows()):
            row = cast("list[Cell]", values)
            if left:
                row = [""] * left + row
            if r in percent:
                for c in percent[r]:
                    value = row[c] if c < len(row) else None
                    if isinstance(value, (int, float)) and not isinstance(value, bool):
                        row[c] = percent_text(value)
            if r in errors:
                for c, code in errors[r]:
                    if c < len(row):
                        row[c] = ErrorValue(code)
            yield r + 1, row

    end = cells.end[0] + 1 if cells.end else 0
    if end > _held_limit() + HEADER_LOOK_ROWS:
        shape.lines = end
        before = len(shape.problems or ())
        if _shape(str(path), actual, rows(), all_text=False, shape=shape, keep=False) is None and \
                shape.problems is not None:
            del shape.problems[before:]
    table = _shape(str(path), actual, rows(), all_text=False, shape=shape)
    assert table is not None  # kept rows: always a table
    notes = _formula_notes(table, formulas.uncached, formulas.stale, formulas.formulas, shape.labels)
    return attrs.evolve(table, warnings=notes) if notes else table


#: how many cells a warning about formulas names before it counts the rest
_NAMED_CELLS = 10


def _formula_notes(table: RawTable, uncached: Sequence[tuple[int, int]], stale: bool, formulas: int,
                   labels: Mapping[str, str] | None) -> tuple[str, ...]:
    """Warnings about formula cells below the header: those without a saved value, and stale values."""
    where = table.file + (f" [sheet {table.sheet}]" if table.sheet else "")
    notes: list[str] = []
    named = []
    for r, c in uncached:
        if r + 1 > table.header_row and c < len(table.headers):
            named.append(_("dòng {row} cột '{column}'").format(row=r + 1, column=header_id(table.headers[c], labels)
                                                                or c + 1))
    if named:
        more = len(named) - _NAMED_CELLS
        notes.append(_n("{where}: {count} ô có công thức nhưng không có giá trị đã tính, được đọc là ô trống "
                        "({cells}); tệp được một chương trình không tính công thức lưu lại (ví dụ openpyxl): hãy mở "
                        "bằng Excel hoặc LibreOffice, tính lại và lưu", len(named)).format(
            where=where, count=len(named), cells=", ".join(named[:_NAMED_CELLS]) + (
                ", " + _n("và {count} ô khác", more).format(count=more) if more > 0 else "")))
    if stale and formulas > len(uncached):
        notes.append(_("{where}: bảng tính ghi rằng công thức cần được tính lại khi mở (hoặc chỉ tính khi bấm F9): "
                       "giá trị đã lưu của {count} ô công thức có thể đã cũ; hãy mở bằng Excel hoặc LibreOffice, "
                       "tính lại và lưu").format(where=where, count=formulas - len(uncached)))
    return tuple(notes)


#: how far below :data:`HEADER_SEARCH_ROWS` the key is looked for, to say that the header is too low
HEADER_LOOK_ROWS = 200


def _shape(file: str, sheet: str | None, rows: Iterator[tuple[int, Sequence[Cell]]], all_text: bool,
           shape: _Shape, keep: bool = True) -> RawTable | None:
    """The header, the cells column by column and the row numbers, from records read one at a time.

    Rows are checked as they come (a cell right of the header, a value of the
    ``unique`` columns met before); reading stops at the
    :data:`~chuyenhoa.errors.MAX_LISTED`-th problem or past ``shape.limit``
    rows.  With ``keep`` false (a file already known to be too long) rows are
    checked and dropped, so the refusal costs no memory.
    """
    where = file + (f" [sheet {sheet}]" if sheet else "")
    rows = iter(rows)
    window: list[tuple[int, Sequence[Cell]]] = []
    for number, row in rows:
        if not _blank_row(row):
            window.append((number, row))
            break
    if not window:
        raise DataError(_("{where}: bảng trống, không có dòng tiêu đề").format(where=where))
    at = 0
    if shape.key is not None:
        for item in rows:
            window.append(item)
            if len(window) >= HEADER_LOOK_ROWS:
                break
        at = _header_row(where, window, shape)
    header_number, header_row = window[at]
    header_cells = list(header_row)
    while header_cells and _empty(header_cells[-1]):
        header_cells.pop()
    width = len(header_cells)
    filler: Cell = "" if all_text else None
    ids = [header_id(c, shape.labels) if not _empty(c) else "" for c in header_cells]
    key_positions = [ids.index(column) for column in shape.unique if column in ids] \
        if all(column in ids for column in shape.unique) else []
    seen: dict[tuple[str, ...], int] = {}
    found: list[DataError] = []  # early duplicates: reported only if reading stops (else the typed check finds them)
    kept: list[Sequence[Cell]] = []
    numbers: list[int] = []
    count = 0
    for number, row in itertools.chain(window[at + 1:], rows):
        # any() is the cheap test; whitespace-only rows are rare and checked after it
        if not any(row) or all(_empty(c) for c in row):
            continue
        if len(row) != width:
            if len(row) > width and not all(_empty(c) for c in row[width:]):
                column = width + next(i for i, c in enumerate(row[width:], start=1) if not _empty(c))
                shape.report(RowError(file, number, _("có dữ liệu ở cột thứ {column} nhưng cột đó không có tiêu "
                                                      "đề").format(column=column), sheet))
            row = (list(row) + [filler] * width)[:width]
        if key_positions:
            value = tuple(_key_text(row[p]) for p in key_positions)
            if all(value):
                first = seen.setdefault(value, number)
                if first != number:
                    found.append(_duplicate(file, sheet, shape.unique, value, number, first))
        count += 1
        if keep:
            kept.append(row)
            numbers.append(number)
        problems = len(shape.problems or ()) + len(found)
        # a table too long, or (known too long from the start) with problems seen already: no need to go on
        if count > shape.limit or (not keep and problems and count > HEADER_LOOK_ROWS):
            reason = _too_long(shape.lines, shape.limit)
            raise DataErrors.of(where, _sorted(shape, found), stopped_at=number, reason=reason) \
                if problems else DataError(_("{where}: {reason}; hãy xoá các dòng thừa").format(
                    where=where, reason=reason))
        if shape.problems is not None and problems >= MAX_LISTED:
            raise DataErrors.of(where, _sorted(shape, found), stopped_at=number,
                                reason=_n("đã gặp {count} lỗi", problems).format(count=problems))
    if not keep:
        return None  # fewer rows with data than lines in the file: the caller reads it again, keeping them
    columns = tuple(list(col) for col in zip(*kept, strict=False)) if kept else tuple([] for _ in range(width))
    return RawTable(
        file=file,
        sheet=sheet,
        headers=tuple(str(c) if c is not None else "" for c in header_cells),
        columns=columns,
        row_numbers=numbers,
        all_text=all_text,
        preamble=tuple(str(c).strip() for _number, row in window[:at] for c in row if not _empty(c)),
        header_row=header_number,
    )


def _row_of(problem: DataError) -> int:
    return getattr(problem, "row", 0)


def _sorted(shape: _Shape, found: Sequence[DataError]) -> list[DataError]:
    return sorted([*(shape.problems or ()), *found], key=_row_of)


def _too_long(lines: int | None, rows: int) -> str:
    limit = f"{rows:,}".replace(",", ".")
    if lines is None:
        return _("bảng dài quá {limit} dòng, nhiều hơn số xã nhân số năm của cả nước").format(limit=limit)
    return _("bảng có {lines} dòng, quá giới hạn {limit} dòng, hơn số xã nhân số năm của cả nước").format(
        lines=f"{lines:,}".replace(",", "."), limit=limit)


def _key_text(cell: Cell) -> str:
    """A cell of a unique column, as it is compared on the way: 25459.0 and "25459" are one code."""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if cell is None or isinstance(cell, bool):
        return "" if cell is None else str(cell)
    return str(cell).strip()


def _duplicate(file: str, sheet: str | None, unique: Sequence[str], value: tuple[str, ...], row: int,
               first: int) -> CellError:
    """A row whose ``unique`` columns repeat an earlier row's, in the words the typed check uses."""
    named = dict(zip(unique, value, strict=True))
    if "commune_code" in named and "year" in named:
        text = _("xã {commune} đã có ở dòng {row} cho năm {year}; mỗi xã một dòng mỗi năm").format(
            commune=shown(named["commune_code"]), row=first, year=shown(named["year"]))
    elif list(named) == ["year"]:
        text = _("năm {year} đã có ở dòng {row}; mỗi năm một dòng").format(year=shown(named["year"]), row=first)
    elif set(named) == {"year", "province_code"}:  # the province table naming each row's province (docs/data.md)
        text = _("tỉnh mã {code} năm {year} đã có ở dòng {row}; mỗi tỉnh một dòng mỗi năm").format(
            code=shown(named["province_code"]), year=shown(named["year"]), row=first)
        return CellError(file, row, "province_code", text, sheet)
    else:
        text = _("'{value}' đã có ở dòng {row}").format(value=shown(" / ".join(value)), row=first)
    return CellError(file, row, unique[0], text, sheet)


def _blank_row(row: Sequence[Cell]) -> bool:
    return not any(row) or all(_empty(c) for c in row)


def _header_row(where: str, window: Sequence[tuple[int, Sequence[Cell]]], shape: _Shape) -> int:
    """The index in ``window`` of the header: the first row among :data:`HEADER_SEARCH_ROWS` holding the key.

    Without the key there, a row lower down that holds it is named in the
    error (the header is too low); otherwise the row naming the most columns
    the table may have is the header (so the message is "missing column",
    not "data under no header" read off a title).  When no row names any,
    there is no header to speak of, and the error says so; a caller that
    gives no ``columns`` gets the first row.
    """
    key, labels = shape.key, shape.labels

    def holds_key(row: Sequence[Cell]) -> bool:
        return any(not _empty(c) and header_id(c, labels) == key for c in row)

    rows_seen = window[0][0]
    for index, (number, row) in enumerate(window):
        if number - rows_seen >= HEADER_SEARCH_ROWS:
            break
        if holds_key(row):
            return index
    for number, row in window:
        if number - rows_seen >= HEADER_SEARCH_ROWS and holds_key(row):
            raise DataError(_("{where}: dòng tiêu đề (có cột '{key}') nằm ở dòng {row}, quá {limit} dòng đầu; hãy xoá "
                              "bớt các dòng phía trên nó").format(where=where, key=key, row=number,
                                                                  limit=HEADER_SEARCH_ROWS))
    known = set(shape.columns)
    best, most = 0, 0
    for index, (number, row) in enumerate(window):
        if number - rows_seen >= HEADER_SEARCH_ROWS:
            break
        named = sum(1 for c in row if not _empty(c) and header_id(c, labels) in known)
        if named > most:
            best, most = index, named
    if known and not most:
        raise DataError(_("{where}: không tìm thấy dòng tiêu đề: không dòng nào trong {limit} dòng đầu có cột '{key}' "
                          "hay một cột khác của bảng (xem INDICATORS.md)").format(where=where, key=key,
                                                                                 limit=HEADER_SEARCH_ROWS))
    return best


def _empty(cell: Cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())
