"""Turn raw tables into typed, checked data: the ``communes`` and ``province`` tables.

Every rule of INDICATORS.md is applied here, once: a code that is not in the
province's geography, a commune twice in one year, a negative count, a rate above
100, a cell of the wrong type.  Each failure names file, row, column and the form
expected.  Data are kept column by column, which is what makes 100,000
commune-years load in well under a second.  A large plain CSV has its clean
columns typed by NumPy as the file is read (:mod:`chuyenhoa.reading.plaincsv`) and
kept as arrays (:mod:`chuyenhoa.reading.packed`), its other columns as ids into
their distinct texts, each text parsed once; in any other table a column is
parsed once per distinct text in a C-level ``map``, and only a column that fails
is gone through again to name its first bad cell.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import repeat
from pathlib import Path
from typing import Any, cast

import attrs

from chuyenhoa.collector import collector_paused
from chuyenhoa.errors import MAX_LISTED, CellError, ChuyenhoaError, DataError
from chuyenhoa.i18n import N_, _, _n
from chuyenhoa.model import FieldsRepr, Geography, Indicator, ValueKind
from chuyenhoa.reading.cells import (
    CODE_DIGITS,
    FIRST_YEAR,
    LAST_YEAR,
    PARSERS,
    Cell,
    ParsedOnce,
    is_blank,
    nfc,
    parse_code,
    parse_province_code,
    parse_year,
    shown,
    ticks_only,
)
from chuyenhoa.reading.indicators import COMMUNES, PROVINCE, columns_of
from chuyenhoa.reading.packed import (
    ArrayIndex,
    CategoryColumn,
    FloatArrays,
    Form,
    NumberColumn,
    PackedColumn,
    array_index,
    distinct_pairs,
    given,
    repeated_rows,
    rows_where,
    smallest_ids,
    subset,
    take,
)
from chuyenhoa.reading.packed import distinct as distinct_values
from chuyenhoa.reading.problems import Problems
from chuyenhoa.reading.tables import (
    WORKBOOK_SUFFIXES,
    MissingSheetError,
    RawTable,
    header_id,
    named_columns,
    read_table,
)

_FAST_FLAGS: dict[str, bool | None] = {
    "": None, "có": True, "Có": True, "CÓ": True, "không": False, "Không": False, "KHÔNG": False,
    "yes": True, "no": False, "Yes": True, "No": False, "true": True, "false": False,
    "True": True, "False": False, "TRUE": True, "FALSE": False, "1": True, "0": False,
    "x": True, "X": True,
}

#: The yes/no words a column read whole by NumPy may hold: the "x" of ticked columns is left
#: out, so that such a column goes through the reader that knows the "x / blank" convention.
_PLAIN_FLAGS = {word: value for word, value in _FAST_FLAGS.items() if word not in ("x", "X")}
_PLAIN_WORDS = tuple(_PLAIN_FLAGS.items())

#: Columns the template (``chuyenhoa template``) writes so a person knows which
#: commune a row is: read past without a warning, never checked or used.  The labels
#: are Vietnamese (a header written as the label is read); show them with ``translate``.
INFORMATIONAL_COLUMNS: Mapping[str, str] = {
    "commune_kind": N_("Loại đơn vị (xã, phường, thị trấn)"),
    "district_code": N_("Mã huyện"),
    "district_name": N_("Huyện, thị xã, thành phố"),
    # the province sheet of a template across the reform names the province of each row of the year before
    "province_name": N_("Tên tỉnh, thành phố"),
}

#: What no two rows of the province table share: a year, and the province the row names when it names one
#: (a year before 01/07/2025 may hold a row for each province merged into the one evaluated).
PROVINCE_KEYS = ("year", "province_code")


@attrs.frozen(repr=False)
class Table(FieldsRepr):
    """A typed table: one sequence of values per column (a list, or for a large plain CSV a
    :class:`~chuyenhoa.reading.packed.PackedColumn`, which reads as one), rows addressed by index."""

    file: str
    columns: Mapping[str, Sequence[object]]
    row_numbers: Sequence[int]
    #: the file and sheet apart (``file`` names both), so errors found later carry the sheet too
    path: str | None = None
    sheet: str | None = None
    #: numeric and yes/no columns as float arrays (NaN where empty, yes/no as 1/0), for the
    #: columns the reader had them for (a large plain CSV); :mod:`chuyenhoa.method.scoring` uses them
    arrays: Mapping[str, Any] = attrs.field(factory=dict, repr=False, eq=False)

    def __len__(self) -> int:
        return len(self.row_numbers)

    def has(self, column: str) -> bool:
        return column in self.columns

    def value(self, column: str, index: int) -> object:
        values = self.columns.get(column)
        return None if values is None else values[index]

    def values_at(self, column: str, rows: Sequence[int | None]) -> list[object]:
        """The column's values at ``rows`` (from :meth:`Dataset.rows_at`); None where the column or a
        row is absent."""
        values = self.columns.get(column)
        if values is None:
            return [None] * len(rows)
        if None not in rows:
            if type(values) is list:
                return list(map(values.__getitem__, rows))  # type: ignore[arg-type]
            return take(values, rows)  # type: ignore[arg-type]
        found = iter(take(values, [row for row in rows if row is not None]))
        return [None if row is None else next(found) for row in rows]

    def floats_at(self, column: str, rows: Any) -> Any:
        """The column's values at ``rows`` (an array of row numbers) as a float64 array, NaN where a cell is
        empty and yes/no as 1/0; None when the column is absent.  NumPy must be loaded by the caller."""
        import numpy as np

        values = self.columns.get(column)
        if values is None:
            return None
        if isinstance(values, PackedColumn):
            return values.floats(rows)
        return np.array(take(values, rows.tolist()), dtype=float)

    def rows_where(self, column: str, rows: Sequence[int], test: Callable[[object], bool]) -> list[int]:
        """The rows among ``rows`` whose value in ``column`` passes ``test`` (none when the column is absent)."""
        values = self.columns.get(column)
        return [] if values is None else rows_where(values, rows, test)

    def group_rows(self, column: str, rows: Sequence[int], key: Callable[[object], object]) -> dict[object, list[int]]:
        """``rows`` grouped by ``key`` of their value in ``column``: groups in the order of their first row,
        rows in their order."""
        groups: dict[object, list[int]] = {}
        for row, value in zip(rows, take(self.columns[column], rows), strict=True):
            groups.setdefault(key(value), []).append(row)
        return groups


class _DictIndex:
    """The rows of a table of lists by (code, year), and by year: a dict each."""

    __slots__ = ("_by_year", "_index", "distinct")

    def __init__(self, codes: Sequence[object], years: Sequence[object]) -> None:
        self._index: dict[tuple[object, object], int] = dict(zip(zip(codes, years, strict=True), range(len(codes)),
                                                                 strict=True))
        by_year: dict[object, list[int]] = {}
        for i, year in enumerate(years):
            by_year.setdefault(year, []).append(i)
        self._by_year = by_year
        self.distinct = len(self._index)  # fewer than the rows: a commune twice in a year

    @property
    def years(self) -> list[object]:
        return list(self._by_year)

    def rows_of_year(self, year: object) -> list[int]:
        return self._by_year.get(year, [])

    def row(self, code: object, year: object) -> int | None:
        return self._index.get((code, year))

    def rows_at(self, codes: Iterable[object], year: object) -> list[int | None]:
        return list(map(self._index.get, zip(codes, repeat(year))))


@attrs.frozen(repr=False)
class Dataset(FieldsRepr):
    """The data of one province: commune-years and province-years.

    ``source`` is the path the user gave, or ``"sample"`` for a pack's bundled
    synthetic data (then ``synthetic`` is True and every output says so).
    """

    communes: Table
    province: Table | None
    source: str
    synthetic: bool = False
    province_source: str | None = None
    warnings: tuple[str, ...] = ()
    #: the rows by (code, year) and by year: dicts, or over packed columns arrays (:class:`ArrayIndex`)
    _rows: _DictIndex | ArrayIndex = attrs.field(init=False, repr=False, eq=False)
    #: the rows of the province table by year, then by the province each names (``province_code``; None: none)
    _province_rows: dict[int, dict[str | None, int]] = attrs.field(init=False, repr=False, eq=False)
    #: values derived from these data alone (e.g. an earlier year's verdicts), computed once
    memo: dict[object, object] = attrs.field(init=False, repr=False, eq=False, factory=dict)

    def __attrs_post_init__(self) -> None:
        codes, years = self.communes.columns["commune_code"], self.communes.columns["year"]
        rows = array_index(codes, years) or _DictIndex(codes, years)
        object.__setattr__(self, "_rows", rows)
        province_rows: dict[int, dict[str | None, int]] = {}
        if self.province is not None:
            years = self.province.columns["year"]
            named = self.province.columns.get("province_code")
            provinces: Iterable[object] = repeat(None) if named is None else named
            for i, (y, code) in enumerate(zip(years, provinces, strict=False)):  # may be repeat(None)
                province_rows.setdefault(cast("int", y), {}).setdefault(cast("str | None", code), i)
        object.__setattr__(self, "_province_rows", province_rows)

    @property
    def years(self) -> list[int]:
        return sorted(set(cast("list[int]", self._rows.years)) | set(self._province_rows))

    def rows_of_year(self, year: int) -> list[int]:
        return self._rows.rows_of_year(year)

    def row(self, code: str, year: int) -> int | None:
        return self._rows.row(code, year)

    def rows_at(self, codes: Iterable[str], year: int) -> list[int | None]:
        """The row of each commune in ``year`` (None where it has none), in one pass."""
        return self._rows.rows_at(codes, year)

    def commune_value(self, code: str, year: int, column: str) -> object:
        i = self._rows.row(code, year)
        return None if i is None else self.communes.value(column, i)

    def province_value(self, year: int, column: str, province: str | None = None) -> object:
        """``column`` of the province table in ``year`` for the province coded ``province`` (:meth:`province_row`)."""
        if self.province is None:
            return None
        i = self.province_row(year, province)
        return None if i is None else self.province.value(column, i)

    def province_row(self, year: int, province: str | None = None) -> int | None:
        """The province table's row of ``year`` for the province coded ``province`` on that year's map.

        The row whose ``province_code`` names it, else the year's row that names no
        province: a table without the column has one row a year, that of the province
        evaluated.  Without ``province``, that row, or the year's only row.  A year
        whose rows name several provinces (the provinces merged on 01/07/2025, in the
        year before) has no row for a province none of them names.
        """
        rows = self._province_rows.get(year)
        if not rows:
            return None
        if province is not None and province in rows:
            return rows[province]
        if None in rows:
            return rows[None]
        return next(iter(rows.values())) if province is None and len(rows) == 1 else None

    def province_rows(self, year: int) -> Mapping[str | None, int]:
        """The rows of ``year`` in the province table, by the province each names (None: a row that names none)."""
        return self._province_rows.get(year, {})

    def has_province_year(self, year: int) -> bool:
        return year in self._province_rows


def load_dataset(
    data: str | Path,
    geography: Geography,
    *,
    province_data: str | Path | None = None,
    extra_indicators: Iterable[Indicator] = (),
    source: str | None = None,
    synthetic: bool = False,
) -> Dataset:
    """Read a province's data and check its codes against ``geography``: :func:`read_dataset`, then
    :func:`check_geography`, for a caller that knows the map before it reads.  A file with bad cells has its
    codes checked too, and every problem is raised together."""
    dataset = read_dataset(data, province_data=province_data, extra_indicators=extra_indicators, source=source,
                           synthetic=synthetic,
                           check_codes=lambda read, problems: check_geography(read, geography, problems=problems))
    found = check_geography(dataset, geography)
    return attrs.evolve(dataset, warnings=(*dataset.warnings, *found)) if found else dataset


def read_dataset(
    data: str | Path,
    *,
    province_data: str | Path | None = None,
    extra_indicators: Iterable[Indicator] = (),
    source: str | None = None,
    synthetic: bool = False,
    check_codes: CodeCheck | None = None,
) -> Dataset:
    """Read and type a province's data, once: its codes are checked later, on the map of its years.

    ``data`` is a CSV of the ``communes`` table, or a workbook with the sheets
    ``communes`` and (optionally) ``province``; ``province_data`` a separate CSV
    of the ``province`` table.  ``source`` is what outputs call the data instead
    of the paths of its tables (a pack's bundled sample is ``"sample"``: a report
    that is passed on then shows no folder of the machine it was made on).  Which
    map a code belongs to depends on the year, and the years are only known once
    the file is read: :func:`check_geography` then checks the codes.

    A file whose cells have problems is refused here, before the caller could
    check its codes: ``check_codes`` is then called with what was read (the rows
    that have a code and a year, whatever their other cells) and the problems,
    adds those of the codes (:func:`check_geography` with ``problems``), and all
    of them are raised together, in row order: a file is fixed in one run, not
    one for its cells and one for its codes.  It is never called on a file read
    without a problem (the caller checks that one, and keeps its warnings).
    """
    with collector_paused():  # millions of cells and values, no cycles (see chuyenhoa.collector)
        return _read(Path(data), province_data, tuple(extra_indicators), source, synthetic, check_codes)


def check_geography(dataset: Dataset, geography: Geography, years: Iterable[int] | None = None, *,
                    problems: Problems | None = None) -> list[str]:
    """Refuse a code that is not a commune of ``geography`` or a commune twice in a year; warn on names.

    ``years`` limits the check to the rows of those years: a file may hold years on
    two maps (before and after 01/07/2025), each checked against its own
    (:func:`chuyenhoa.method.merger.check_years`).  Returns the warnings (a name that
    differs from the map's); raises every bad code together (a
    :class:`~chuyenhoa.errors.CellError` for one), naming each row.  With
    ``problems`` (those of a file :func:`read_dataset` refuses, given to its
    ``check_codes``) the bad codes are added to them instead, and a commune twice
    in a year is left to the reader, which has said it already.
    """
    warnings: list[str] = []
    table = dataset.communes
    if years is not None:
        rows = sorted(i for year in set(years) for i in dataset.rows_of_year(year))
        if len(rows) < len(table):
            table = _rows_only(table, rows)
    _check_communes(table, geography, warnings, problems, repeats=problems is None)
    return warnings


#: What :func:`read_dataset` calls on a file whose cells have problems, to add those of its codes: the dataset of
#: its rows that have a code and a year, and the problems found (:func:`check_geography` with ``problems``).
CodeCheck = Callable[[Dataset, Problems], object]


#: The columns the code checks read: a commune's code, name and year; a province row's year and code.
COMMUNE_CODE_COLUMNS = ("commune_code", "commune_name", "year")
PROVINCE_CODE_COLUMNS = ("year", "province_code")


def _rows_only(table: Table, rows: Sequence[int], names: Sequence[str] = COMMUNE_CODE_COLUMNS) -> Table:
    """The columns ``names`` the code check reads, at ``rows`` only: the rows of some years, or with a key."""
    def pick(values: Sequence[Any]) -> list[Any]:
        return take(values, rows)

    columns = {c: pick(table.columns[c]) for c in names if c in table.columns}
    return attrs.evolve(table, columns=columns, row_numbers=pick(table.row_numbers), arrays={})


@attrs.frozen(repr=False)
class SheetRead(FieldsRepr):
    """One data sheet of a workbook, typed and checked, with the cells as the person left them.

    ``cells`` and ``positions`` give, for each column the table holds, its cells
    (row by row, as in ``table``) and its 1-based column in the sheet: merging
    parts of a template (``chuyenhoa merge``) writes what a person typed, compares
    the typed values, and names a cell by its column letter and row.
    """

    table: Table
    cells: Mapping[str, list[Cell]]
    positions: Mapping[str, int]
    #: the text above the header (title, hint, the synthetic banner), top to bottom
    preamble: tuple[str, ...]
    warnings: tuple[str, ...]


def read_sheet(path: str | Path, sheet: str, *, geography: Geography | None = None,
               extra_indicators: Iterable[Indicator] = ()) -> SheetRead | None:
    """The sheet ``communes`` or ``province`` of the workbook at ``path``; None when the workbook has no such sheet.

    Every cell is typed and checked exactly as :func:`load_dataset` does (with
    ``geography``, the commune codes too; a year twice in ``province`` is refused),
    so a part of a split template fails on the same cell, with the same message,
    as the whole workbook would.  Each part holds only some of the sheets (the
    province-level one has no ``communes``), hence None rather than an error.
    """
    if sheet not in (COMMUNES, PROVINCE):
        raise ValueError(f"read_sheet reads {COMMUNES} or {PROVINCE}, not {sheet!r}")
    key = "commune_code" if sheet == COMMUNES else "year"
    known = columns_of(sheet, tuple(extra_indicators))
    labels = _labels(known)
    rows: list[DataError] = []
    try:
        raw = read_table(path, sheet, key=key, labels=labels, problems=rows)
    except MissingSheetError:
        return None
    warnings: list[str] = []
    problems = Problems()  # the cells', the codes' and the rows', raised together (a part is fixed in one run)
    problems.extend(rows)
    with collector_paused():
        table = _typed(raw, known, warnings, key=key, problems=problems)
    if sheet == COMMUNES and geography is not None and "commune_code" in table.columns:
        _check_communes(table, geography, warnings, problems)
    if sheet == PROVINCE:
        _check_unique_years(table, problems)
    problems.raise_any()
    positions = {column_id: position for position, column_id in named_columns(raw, labels)
                 if column_id in table.columns}
    cells = {column_id: list(raw.columns[position - 1]) for column_id, position in positions.items()}
    return SheetRead(table=table, cells=cells, positions=positions, preamble=raw.preamble,
                     warnings=tuple(warnings))


def _read(data: Path, province_data: str | Path | None, extra: tuple[Indicator, ...], source: str | None,
          synthetic: bool, check_codes: CodeCheck | None) -> Dataset:
    warnings: list[str] = []
    is_workbook = _is_workbook(data)
    commune_columns, province_columns = columns_of(COMMUNES, extra), columns_of(PROVINCE, extra)
    problems = Problems()  # every problem of both tables, raised together at the end
    rows: list[DataError] = []
    communes_raw = read_table(data, "communes" if is_workbook else None, key="commune_code",
                              labels=_labels(commune_columns), columns=commune_columns,
                              unique=("commune_code", "year"), problems=rows, forms=_forms(commune_columns))
    problems.extend(rows)
    communes = _typed(communes_raw, commune_columns, warnings, key="commune_code", problems=problems)
    if not synthetic and _prefilled_from_sample(communes_raw):
        synthetic = True
        warnings.append(_("{file}: mẫu nhập liệu này được điền sẵn số liệu năm trước từ dữ liệu mẫu GIẢ LẬP (dòng "
                          "cảnh báo phía trên tiêu đề), nên kết quả được đánh dấu là giả lập; khi đã thay bằng số "
                          "liệu thật, hãy xoá dòng cảnh báo đó").format(file=communes.file))

    province_raw: RawTable | None = None
    province_labels = _labels(province_columns)
    problems.next_table()
    rows = []
    try:
        if province_data is not None:
            province_raw = read_table(province_data, "province" if _is_workbook(province_data) else None,
                                      key="year", labels=province_labels, columns=province_columns,
                                      unique=PROVINCE_KEYS, problems=rows, forms=_forms(province_columns))
        elif is_workbook:
            province_raw = _optional_sheet(data, "province", province_labels, province_columns, rows)
    except DataError as exc:
        if not problems:
            raise
        problems.add(exc)  # said with the problems of the communes table
    problems.extend(rows)
    province = None
    if province_raw is not None:
        province = _typed(province_raw, province_columns, warnings, key="year", problems=problems)
        _check_unique_years(province, problems)
    if problems:
        _check_unique_rows(communes, problems, table_index=0)  # said with the rest
        _check_codes_too(check_codes, communes, problems, province=province)
        problems.raise_any()
    dataset = Dataset(
        communes=communes,
        province=province,
        source=source or str(data),
        synthetic=synthetic,
        province_source=None if province_data is None else source or str(province_data),
        warnings=tuple(warnings),
    )
    if dataset._rows.distinct != len(communes):  # a commune twice in a year: the index kept one, name the rows
        with problems.with_table(0):
            _check_unique_rows(communes, problems)
        _check_codes_too(check_codes, communes, problems, dataset)
        problems.raise_any()
    return dataset


def _check_codes_too(check_codes: CodeCheck | None, communes: Table, problems: Problems,
                     dataset: Dataset | None = None, *, province: Table | None = None) -> None:
    """Add the problems of the codes to those of a file that is refused (see :func:`read_dataset`).

    ``dataset`` is the file's when it could be built (its only problem a commune
    twice in a year); otherwise one is built of the rows that have a code and a
    year, with the rows of ``province`` (the province table as typed) that have a
    year, so that its ``province_code`` cells are checked in the same run.  A
    check that cannot be made (no map for a year read) leaves the problems as
    they are: those of the cells are still said, and the next run says why the
    codes cannot be checked.
    """
    if check_codes is None:
        return
    if dataset is None:
        keyed = _keyed(communes)
        if keyed is None:  # no code or no year column: said already
            return
        dataset = Dataset(communes=keyed, province=_dated(province), source=communes.file)
    # the codes are listed among the rows of the communes table
    with problems.with_table(0), contextlib.suppress(ChuyenhoaError):
        check_codes(dataset, problems)


def _keyed(table: Table) -> Table | None:
    """The rows of ``table`` that have a commune code and a year, with the columns the code check reads (code,
    name, year): what can still be checked of a table some of whose cells failed.  None without either column.

    A large plain CSV's columns stay packed, its row numbers an array: a file of
    a million rows refused for one cell costs no Python object a row here.
    """
    codes, years = table.columns.get("commune_code"), table.columns.get("year")
    if codes is None or years is None:
        return None
    columns = {c: table.columns[c] for c in COMMUNE_CODE_COLUMNS if c in table.columns}
    if isinstance(codes, PackedColumn) and isinstance(years, PackedColumn):
        import numpy as np  # loaded: the file was cut by it

        rows = np.flatnonzero(given(codes) & given(years))
        if len(rows) == len(table):
            return attrs.evolve(table, columns=columns, arrays={})
        numbers = np.fromiter(table.row_numbers, dtype=np.int64, count=len(table))[rows]
        return attrs.evolve(
            table, columns={c: subset(v, rows) if isinstance(v, PackedColumn) else take(v, rows.tolist())
                            for c, v in columns.items()},
            row_numbers=cast("Sequence[int]", NumberColumn(numbers, -1)), arrays={})
    keep = [i for i, (code, year) in enumerate(zip(codes, years, strict=True)) if code is not None and year is not None]
    if len(keep) == len(table):
        return attrs.evolve(table, columns=columns, arrays={})
    return _rows_only(table, keep)


def _dated(table: Table | None) -> Table | None:
    """The rows of a province table that have a year (the ones a province code can be checked on), with the
    columns that check reads; None without a table or a ``province_code`` column (nothing to check)."""
    if table is None or not table.has("province_code"):
        return None
    keep = [i for i, year in enumerate(table.columns["year"]) if year is not None]
    return _rows_only(table, keep, PROVINCE_CODE_COLUMNS)


def _prefilled_from_sample(raw: RawTable) -> bool:
    """Whether the sheet carries the banner ``chuyenhoa template --from sample`` writes above its header."""
    if not raw.preamble:
        return False
    from chuyenhoa.reading.banner import is_synthetic_note  # only a sheet with rows above its header needs it

    return any(is_synthetic_note(text) for text in raw.preamble)


def _is_workbook(path: str | Path) -> bool:
    return Path(path).suffix.lower() in WORKBOOK_SUFFIXES


def _labels(known: Mapping[str, Indicator]) -> dict[str, str]:
    """Vietnamese label → id, so a header written as the label names its column."""
    informational = {nfc(label): ident for ident, label in INFORMATIONAL_COLUMNS.items()}
    return informational | {nfc(i.label): i.id for i in known.values()}


def _optional_sheet(path: Path, sheet: str, labels: Mapping[str, str], columns: Mapping[str, Indicator],
                    problems: list[DataError]) -> RawTable | None:
    try:
        return read_table(path, sheet, key="year", labels=labels, columns=columns, unique=PROVINCE_KEYS,
                          problems=problems)
    except MissingSheetError:
        return None


def _typed(raw: RawTable, known: Mapping[str, Indicator], warnings: list[str], key: str,
           problems: Problems | None = None) -> Table:
    """Map headers to ids, refuse near-miss names, parse every column by its kind.

    Every problem goes to ``problems``, so the caller reports all of them
    together; without it, they are raised together when the table is read.
    The values of a cell that failed are None.
    """
    found = Problems() if problems is None else problems
    where = raw.file + (f" [sheet {raw.sheet}]" if raw.sheet else "")
    labels = _labels(known)
    plain = _packed_columns(raw, known, labels) if raw.plain is not None else {}
    columns: dict[str, Sequence[object]] = {}
    packed: dict[str, PackedColumn] = {}
    for position, column_id in named_columns(raw, labels, report=lambda problem: found.add(problem, where=where)):
        indicator = known.get(column_id)
        if indicator is None and column_id in INFORMATIONAL_COLUMNS:
            continue
        if indicator is None:
            import difflib  # only for a column not in the catalogue

            close = difflib.get_close_matches(column_id, list(known), n=1, cutoff=0.8)
            header = shown(raw.headers[position - 1])
            if close:
                found.add(DataError(_("{where}: cột '{header}' không có trong danh mục chỉ số; có phải là '{close}'? "
                                      "(xem INDICATORS.md)").format(where=where, header=header, close=close[0])),
                          position, where)
                continue
            warnings.append(_("{where}: bỏ qua cột '{header}' không thuộc danh mục chỉ số").format(
                where=where, header=header))
            continue
        texts: CategoryColumn | None = None
        values: Sequence[object]
        if position in plain:
            values = plain[position]
        elif raw.plain is not None:  # a column of a plain CSV not of its plain form: its texts, each parsed once
            texts = raw.plain.texts(position - 1)
            values = _parse_texts(raw, column_id, indicator.kind, texts, found, position)
        else:
            values = _parse_column(raw, column_id, indicator.kind, raw.columns[position - 1], found, position)
        _check_filled(raw, column_id, values, found, position)
        # a column read whole by NumPy holds no "x" (it is not in that reader's words), so it cannot be ticks
        if indicator.kind is ValueKind.FLAG and position not in plain and None in values and \
                ticks_only(texts.labels if texts is not None else raw.columns[position - 1]):
            # the "x / để trống" convention of INDICATORS.md: in a column of ticks, blank is no
            values = _ticked(values)
            warnings.append(_("{where}: cột '{column}' chỉ dùng dấu x: ô trống được đọc là 'không'").format(
                where=where, column=column_id))
        columns[column_id] = values
        if isinstance(values, PackedColumn) and indicator.kind is not ValueKind.TEXT:
            packed[column_id] = values
        if indicator.kind is ValueKind.RATE:
            _warn_fraction_rates(raw, where, column_id, values, warnings,
                                 values.array if isinstance(values, NumberColumn) else None)
    for required in (key, "year") if key != "year" else ("year",):
        if required not in columns:
            header = _(" (dòng tiêu đề là dòng {row})").format(row=raw.header_row) if raw.header_row > 1 else ""
            found.add(DataError(_("{where}: thiếu cột bắt buộc '{column}'").format(where=where, column=required)
                                + header), where=where)
    warnings.extend(raw.warnings)
    if problems is None:
        found.raise_any()
    return Table(file=where, columns=columns, row_numbers=raw.row_numbers, path=raw.file, sheet=raw.sheet,
                 arrays=FloatArrays(packed) if packed else {})


def _ticked(values: Sequence[object]) -> Sequence[object]:
    """A column of ticks ("x" or blank): yes where ticked, no where blank."""
    if isinstance(values, CategoryColumn):
        return CategoryColumn(values.array, [v is True for v in values.labels])
    return [v is True for v in values]


def _forms(known: Mapping[str, Indicator]) -> dict[str, Form]:
    """How a large plain CSV types each known column as it is read (:mod:`chuyenhoa.reading.plaincsv`): the plain
    form of its kind, whose every cell reads as the reference parser reads it; a column with a cell of another
    form is read again as text, and parsed here."""
    forms = {}
    for column_id, indicator in known.items():
        if column_id == "commune_code":
            forms[column_id] = Form("digits", digits=CODE_DIGITS)
        elif indicator.kind is ValueKind.COUNT:  # the year too, checked for its range once read
            forms[column_id] = Form("count")
        elif indicator.kind is ValueKind.RATE:
            forms[column_id] = Form("decimal", upper=100.0)
        elif indicator.kind is ValueKind.NUMBER:
            forms[column_id] = Form("decimal")
        elif indicator.kind is ValueKind.FLAG:
            forms[column_id] = Form("words", words=_PLAIN_WORDS)
        else:
            forms[column_id] = Form("text")
    return forms


def _packed_columns(raw: RawTable, known: Mapping[str, Indicator], labels: Mapping[str, str]
                    ) -> dict[int, PackedColumn]:
    """Position → values of each column of a plain CSV that NumPy typed whole (:mod:`chuyenhoa.reading.plaincsv`).

    Only columns whose every cell has the plain form of their kind are here, and
    their values are those :func:`_parse_column` gives; every other column, and
    every error message, is left to the parsers, a distinct text at a time.
    """
    plain = raw.plain
    assert plain is not None
    found: dict[int, PackedColumn] = {}
    for index, header in enumerate(raw.headers):
        column_id = header_id(header, labels)
        indicator = known.get(column_id)
        column = plain.typed(index)
        if column is None or indicator is None or (indicator.kind is ValueKind.TEXT and column_id != "commune_code"):
            continue
        if column_id == "year":
            assert isinstance(column, NumberColumn)
            array = column.array
            if not len(array) or column.has_missing() or int(array.min()) < FIRST_YEAR or \
                    int(array.max()) > LAST_YEAR:
                continue
        found[index + 1] = column
    return found


def _parse_texts(raw: RawTable, column_id: str, kind: ValueKind, texts: CategoryColumn, problems: Problems,
                 position: int) -> CategoryColumn:
    """:func:`_parse_column` for a column of a plain CSV kept as ids into its distinct texts: each text parsed
    once, the same way (the usual spellings by a C-level conversion where ``_parse_column`` would use one, else
    by the parser), each bad cell to ``problems``; the values are ids into the parsed texts.

    Codes and years, by which rows are looked up, have equal values under one id (``9001`` and ``09001``).
    """
    cells = cast("list[str]", texts.labels)
    parser: Callable[[Cell], object] = parse_code if column_id == "commune_code" else \
        parse_year if column_id == "year" else parse_province_code if column_id == "province_code" else PARSERS[kind]
    values: list[object] | None = None
    if kind is ValueKind.FLAG or (column_id not in ("commune_code", "year") and _mostly_distinct(texts[:256])):
        values = _plain(kind, cells)
    if values is None:
        values = []
        bad: dict[object, str] = {}
        for ident, cell in enumerate(cells):
            try:
                values.append(parser(cell))
            except ValueError as exc:
                bad[ident] = str(exc)
                values.append(None)
        if bad:
            problems.cells(raw.file, raw.sheet, raw.row_numbers, column_id, position, texts.array.tolist(), bad)
    if column_id not in ("commune_code", "year"):
        return CategoryColumn(texts.array, values)
    same: dict[object, int] = {}
    ids = [same.setdefault(value, len(same)) for value in values]
    import numpy as np  # loaded: the file was cut by it

    return CategoryColumn(smallest_ids(np.array(ids, dtype=np.int32)[texts.array], len(same)), list(same))


def _parse_column(raw: RawTable, column_id: str, kind: ValueKind, cells: list[Cell], problems: Problems,
                  position: int) -> list[object]:
    """Parse one column with the parser of its kind; each bad cell goes to ``problems`` and reads as None.

    Text from a CSV is parsed once per distinct value, in one C-level pass that
    looks each cell up and calls the full parser only on a text not seen before:
    a column of counts, rates or flags holds few distinct strings, so 100,000 rows
    cost a few hundred parser calls, with exactly the per-cell semantics.
    """
    parser: Callable[[Cell], object]
    if column_id == "commune_code":
        parser = parse_code
    elif column_id == "year":
        parser = parse_year
    elif column_id == "province_code":
        parser = parse_province_code
    else:
        parser = PARSERS[kind]
    if not raw.all_text:
        if kind is not ValueKind.FLAG and bool in set(map(type, cells)):
            # True == 1 == 1.0 share one key of a set or a dict: a TRUE cell in a count column must
            # fail on its own, even after a 1 (or a FALSE after a 0), so such a column is read cell by cell
            values = _by_cell(raw, column_id, parser, cells, problems, position)
        else:
            values = _by_distinct(raw, column_id, parser, cells, set(cells), problems, position)
    else:
        plain = None
        if kind is ValueKind.FLAG or (column_id not in ("commune_code", "year") and _mostly_distinct(cells)):
            # usual yes/no spellings, and columns of mostly distinct plain numbers
            # (population), convert fastest by a C-level map
            plain = _plain(kind, cast("list[str]", cells))  # all_text: every cell is a string
        values = plain if plain is not None else _by_memo(raw, column_id, parser, cells, problems, position)
    return values


def _check_filled(raw: RawTable, column_id: str, values: Sequence[object], problems: Problems, position: int) -> None:
    """The commune code and the year are needed in every row: each empty one is a problem."""
    if column_id not in ("commune_code", "year") or None not in values:
        return
    cells = raw.columns[position - 1]
    empty = {index for index, value in enumerate(values) if value is None and is_blank(cells[index])}
    problems.cells(raw.file, raw.sheet, raw.row_numbers, column_id, position, range(len(values)),
                   dict.fromkeys(empty, _("ô trống; cột này bắt buộc")))


def _by_cell(raw: RawTable, column_id: str, parser: Callable[[Cell], object], cells: list[Cell],
             problems: Problems, position: int) -> list[object]:
    values: list[object] = []
    append = values.append
    for index, cell in enumerate(cells):
        try:
            append(parser(cell))
        except ValueError as exc:
            problems.add(CellError(raw.file, raw.row_numbers[index], column_id, str(exc), raw.sheet), position)
            append(None)
    return values


def _by_memo(raw: RawTable, column_id: str, parser: Callable[[Cell], object], cells: list[Cell],
             problems: Problems, position: int) -> list[object]:
    """Every cell through the full parser, once per distinct text, in one C-level pass over the column."""
    try:
        return list(map(ParsedOnce(parser).__getitem__, cells))
    except ValueError:
        return _by_distinct(raw, column_id, parser, cells, set(cells), problems, position)  # names every bad row


def _mostly_distinct(cells: Sequence[Cell], sample: int = 256) -> bool:
    """Whether most cells differ (as populations do), judged on the first ``sample`` cells."""
    head = cells[:sample]
    return len(set(head)) * 2 > len(head)


def _by_distinct(raw: RawTable, column_id: str, parser: Callable[[Cell], object],
                 cells: list[Cell], distinct: set[Cell], problems: Problems, position: int) -> list[object]:
    parsed: dict[Cell, object] = {}
    bad: dict[Cell, str] = {}
    for cell in distinct:
        try:
            parsed[cell] = parser(cell)
        except ValueError as exc:
            bad[cell] = str(exc)
    if not bad:
        return list(map(parsed.__getitem__, cells))
    problems.cells(raw.file, raw.sheet, raw.row_numbers, column_id, position, cells, bad)
    return list(map(parsed.get, cells))


def _plain(kind: ValueKind, cells: Sequence[str]) -> list[object] | None:
    """A column of plain numbers (empty cells allowed) or usual yes/no spellings, converted fast; else None."""
    if kind is ValueKind.FLAG:
        try:
            return list(map(_FAST_FLAGS.__getitem__, cells))
        except KeyError:
            return None
    if kind not in (ValueKind.COUNT, ValueKind.RATE, ValueKind.NUMBER):
        return None
    convert = int if kind is ValueKind.COUNT else float
    try:
        values: list = list(map(convert, cells))
        present = values
    except ValueError:
        try:  # empty cells are missing values: convert the rest
            values = [convert(c) if c else None for c in cells]
        except ValueError:
            return None
        present = [v for v in values if v is not None]
    if not present:
        return values
    if kind is ValueKind.COUNT:
        return values if min(present) >= 0 else None
    if not all(map(math.isfinite, present)):
        return None
    if kind is ValueKind.RATE and (min(present) < 0.0 or max(present) > 100.0):
        return None
    return values


def _warn_fraction_rates(raw: RawTable, where: str, column_id: str, values: Sequence[object],
                         warnings: list[str], floats: Any = None) -> None:
    """Warn where a rate looks like a fraction that was meant as a percentage (0.85 for 85 %).

    Rates are never rescaled (a real 0.85 % must stay 0.85), so the reader can
    only point at them.  In a workbook whose every rate of a column is ≤ 1, the
    column is likely percent cells typed as fractions: one warning.  Otherwise,
    a value below 1 among percentages is warned about where it stands when the
    two are apart (no value of the column between 1 and 10) and, read as a
    fraction (× 100), it would sit among the others (between half and twice
    the median of their distinct values): 0.85 among clearance rates near 80.  A recidivism rate of
    0.4 among rates running from 1 to 25 is a small rate, not a fraction.
    """
    if floats is not None and not ((floats > 0) & (floats < 1)).any():
        return  # a column NumPy read (a CSV: no column-wide warning) without a fraction: the usual case
    # judged on the distinct values (a set is built at C speed, or by NumPy for a packed column; a column of
    # 100,000 rates holds about a thousand), so that the usual column, without a fraction, costs one set
    if floats is not None:  # a column NumPy read: its floats, each once (the empty cells, -inf, are not)
        import numpy as np  # loaded: the file was cut by it

        present = set(np.unique(floats[np.isfinite(floats)]).tolist())
    else:
        present = {v for v in distinct_values(values) if isinstance(v, float)}
    if not present:
        return
    if max(present) <= 1:
        if not raw.all_text and any(not v.is_integer() for v in present):
            warnings.append(_("{where}: mọi giá trị của cột '{column}' đều ≤ 1; nếu ô được định dạng phần trăm, "
                              "Excel lưu 75% thành 0,75 — hãy nhập 75").format(where=where, column=column_id))
        return
    fractions = [v for v in present if 0 < v < 1]
    if not fractions:
        return
    percents = sorted(v for v in present if v > 1)
    if percents[0] < 10:
        return  # small rates run into the fractions: they are small rates
    middle = percents[len(percents) // 2]  # the middle of the column's distinct percentages
    low, high = middle / 2, min(100.0, middle * 2)
    suspect = {v for v in fractions if low <= v * 100 <= high}
    if not suspect:
        return
    listed = 0
    for index, value in enumerate(values):
        if value in suspect and isinstance(value, float):
            listed += 1
            if listed > MAX_LISTED:
                continue
            warnings.append(_("{where}, dòng {row}, cột '{column}': {value} được đọc là {value} %, trong khi các ô "
                              "khác của cột là phần trăm (khoảng {middle}); nếu là {percent} %, hãy nhập {percent}")
                            .format(where=where, row=raw.row_numbers[index], column=column_id, value=f"{value:g}",
                                    middle=f"{middle:g}", percent=f"{round(value * 100, 6):g}"))
    if listed > MAX_LISTED:
        warnings.append(_n("{where}, cột '{column}': và {count} ô khác như vậy", listed - MAX_LISTED).format(
            where=where, column=column_id, count=listed - MAX_LISTED))


def _check_communes(table: Table, geography: Geography, warnings: list[str], problems: Problems | None = None,
                    *, repeats: bool = True) -> None:
    """Every code is a commune of the geography, once per year (unless not ``repeats``), and its name matches.

    Checked on distinct values (codes, (code, name) pairs, (code, year) keys), so a
    national file of 100,000 rows costs a few set operations; only a failure goes
    back to the rows to name each one.  The problems go to ``problems``, or are
    raised together.  Without ``repeats`` a commune twice in a year is not looked
    for: the reader of a refused file has named those rows already.
    """
    found = Problems() if problems is None else problems
    codes = table.columns["commune_code"]
    names = table.columns.get("commune_name")
    where = table.path or table.file
    unknown = {c for c in distinct_values(codes) if c is not None and geography.commune(str(c)) is None}
    if unknown:
        hinted = set(sorted(unknown, key=str)[:_ELSEWHERE_LOOKUPS])
        bad = {code: _("mã {code} không phải đơn vị cấp xã của {province} (danh mục ngày {date}); cần mã 5 chữ số "
                       "của Tổng cục Thống kê").format(code=code, province=geography.province.name,
                                                        date=f"{geography.as_of:%d/%m/%Y}")
               + (_elsewhere(str(code), geography) if code in hinted else "") for code in unknown}
        found.cells(where, table.sheet, table.row_numbers, "commune_code", 0, codes, bad)
    if repeats:
        _check_unique_rows(table, found)
    if problems is None:
        found.raise_any()
    if names is None:
        return
    mismatched = {(code, given) for code, given in distinct_pairs(codes, names)
                  if given is not None and code not in unknown and code is not None
                  and not _same_name(str(given), geography.commune(str(code)).name)}  # type: ignore[union-attr]
    if not mismatched:
        return
    message = _("{file}, dòng {row}, cột 'commune_name': '{given}' khác tên trong danh mục của mã {code} ('{name}')")
    for index, pair in enumerate(zip(codes, names, strict=True)):
        if pair in mismatched:
            commune = geography.commune(str(pair[0]))
            warnings.append(message.format(file=table.file, row=table.row_numbers[index], given=shown(pair[1]),
                                           code=commune.code, name=commune.name))  # type: ignore[union-attr]


#: How many unknown codes of one check are looked up on the other maps (a whole file of another province
#: would otherwise cost a lookup a row for a message nobody reads past the first lines of).
_ELSEWHERE_LOOKUPS = 200


def _elsewhere(code: str, geography: Geography) -> str:
    """What ``code`` named on the other map, for the error ("; đến 30/06/2025, mã 25456 là Phường 1 …")."""
    from chuyenhoa.reading.geography import UnknownUnitError, code_elsewhere

    try:
        said = code_elsewhere(code, geography.as_of)
    except (UnknownUnitError, DataError):
        return ""
    return "; " + said if said else ""


def _check_unique_rows(table: Table, problems: Problems, table_index: int | None = None) -> None:
    """A commune once per year: each row that repeats an earlier row's code and year is a problem (placed with
    the ``table_index``-th table read, when others were read since)."""
    codes, years = table.columns.get("commune_code"), table.columns.get("year")
    if codes is None or years is None:
        return
    where = table.path or table.file
    repeats = repeated_rows(codes, years)
    if repeats is not None:  # packed columns: found by a sort; the first MAX_LISTED named, the others counted
        for index, first in repeats[:MAX_LISTED]:
            problems.add(CellError(where, table.row_numbers[index], "commune_code", _(
                "xã {commune} đã có ở dòng {row} cho năm {year}; mỗi xã một dòng mỗi năm").format(
                commune=codes[index], row=table.row_numbers[first], year=years[index]), table.sheet),
                table=table_index)
        problems.count(len(repeats) - MAX_LISTED)
        return
    if len(set(zip(codes, years, strict=True))) == len(codes):
        return
    keys = list(zip(codes, years, strict=True))
    seen: dict[tuple[object, object], int] = {}
    for index, key in enumerate(keys):
        if None in key:
            continue
        row = table.row_numbers[index]
        first = seen.setdefault(key, row)
        if first != row:
            problems.add(CellError(where, row, "commune_code", _("xã {commune} đã có ở dòng {row} cho năm {year}; mỗi "
                                                                 "xã một dòng mỗi năm").format(
                commune=key[0], row=first, year=key[1]), table.sheet), table=table_index)


def _same_name(given: str, official: str) -> bool:
    if given == official:
        return True
    a, b = nfc(given).casefold(), nfc(official).casefold()
    return a == b or b.endswith(" " + a) or a.endswith(" " + b)


def _check_unique_years(table: Table, problems: Problems | None = None) -> None:
    """The province table has one row a year, or one a year for each province its ``province_code`` names.

    A year's rows either all name their province or none does: a row without a code
    stands for the province evaluated, and beside rows of the provinces merged into it
    (the year before 01/07/2025) it would be read as neither.  Each repeated row, and
    each row that breaks that rule, is a problem (raised together without ``problems``).
    """
    found = Problems() if problems is None else problems
    where = table.path or table.file
    named_column = table.columns.get("province_code")
    codes: Iterable[object] = repeat(None) if named_column is None else named_column
    seen: dict[tuple[object, object], int] = {}
    named: dict[object, dict[bool, int]] = {}  # year → whether a row names a province → its first row
    for index, (year, code) in enumerate(zip(table.columns.get("year", ()), codes, strict=False)):
        if year is None:
            continue
        row = table.row_numbers[index]
        first = seen.setdefault((year, code), row)
        if first != row:
            found.add(CellError(where, row, "year" if code is None else "province_code", (
                _("năm {year} đã có ở dòng {row}; mỗi năm một dòng") if code is None else
                _("tỉnh mã {code} năm {year} đã có ở dòng {row}; mỗi tỉnh một dòng mỗi năm")).format(
                year=year, row=first, code=code), table.sheet))
            continue
        kinds = named.setdefault(year, {})
        kinds.setdefault(code is not None, row)
        if len(kinds) == 2 and row == max(kinds.values()):
            found.add(CellError(where, row, "province_code", _(
                "năm {year}: dòng {row} ghi mã tỉnh, dòng này không ghi (hoặc ngược lại); các dòng của một năm hoặc "
                "đều ghi mã tỉnh, hoặc đều để trống").format(year=year, row=min(kinds.values())), table.sheet))
    if problems is None:
        found.raise_any()
