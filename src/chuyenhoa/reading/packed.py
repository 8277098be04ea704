"""Columns held as NumPy arrays and read as the Python values a list would hold; the row index over them.

Why: a table held as Python lists costs a pointer per cell and an object per
value (a float is 24 bytes, an int above 256 is 28): about 2.7 KB a row of the
communes table once typed, 2.7 GB for a file of a million commune-years.  A
large plain CSV (:mod:`chuyenhoa.reading.plaincsv`) is therefore typed into one
array per column, and the rest of the library reads it through the classes
here, which behave as the list of values would (indexing, iteration, ``len``,
``==``, ``in``), so no verdict has to know how a column is held:

- :class:`NumberColumn`: counts as the smallest integer type that holds them
  (-1 marks an empty cell: never a count), decimals as float64 (-inf marks an
  empty cell: never a finite number), read as ``int``/``float``/``None``;
- :class:`CategoryColumn`: small integer ids into the list of the column's
  distinct values (commune codes and names, yes/no words, any column whose
  texts went through the reference parsers one distinct text at a time);
- :class:`ArrayIndex`: ``(commune code, year) → row`` as a year × commune matrix
  of int32, in place of a dict of a million tuples.

What it buys (``benchmarks/bench_million.py``, 1,000,000 rows × 45 columns,
``benchmarks/README.md``): about 95 bytes a row for the typed columns and 8 for
the index, against some 2,700; reading many rows (:meth:`PackedColumn.take`)
runs at C speed, two ``operator.itemgetter`` passes over a ``memoryview``, at
about twice the cost of indexing a list, so the verdicts, which read a few rows
per hotspot, cost what they cost on lists.

NumPy is imported inside the functions that build or reduce arrays, never when
this module is imported: a small file read as lists (the command's usual case)
does not load it.  ``tests/test_packed.py`` checks every operation against the
same values held in a list.
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import compress, repeat
from operator import itemgetter
from typing import Any, NamedTuple, overload

#: how many values an iteration over a packed column makes at a time (a whole column at once would
#: hold a million Python objects)
_ITER_BLOCK = 1 << 16
_NO_ROW: dict[object, object] = {-1: None}


class Form(NamedTuple):
    """How the cells of a column of a plain CSV are read as one array (:mod:`chuyenhoa.reading.plaincsv`).

    ``kind`` is ``count`` (plain digits), ``decimal`` (digits with at most one
    inner point, none above ``upper``), ``words`` (exactly one of ``words``),
    ``digits`` (exactly ``digits`` digits: a GSO code) or ``text`` (any text,
    kept as ids into its distinct texts).
    """

    kind: str
    upper: float | None = None
    words: tuple[tuple[str, object], ...] = ()
    digits: int = 0


def picked(values: Sequence[Any], rows: Sequence[int]) -> Sequence[Any]:
    """``values[i]`` for each i of ``rows``, in one C-level pass (``operator.itemgetter``)."""
    if len(rows) > 1:
        return itemgetter(*rows)(values)  # type: ignore[no-any-return]
    return (values[rows[0]],) if rows else ()


class PackedColumn(Sequence[object]):
    """A column held as one NumPy array, read as the list of its values.

    Abstract: each kind of column (numbers, codes, words) says how its stored raws
    become values and how it finds its distinct values, missing cells and floats.
    """

    __slots__ = ("_view", "array")

    def __init__(self, array: Any) -> None:
        self.array = array
        self._view = memoryview(array)

    @abstractmethod
    def _values(self, raws: Iterable[Any]) -> list[object]:
        """The values the stored ``raws`` stand for."""

    def __len__(self) -> int:
        return len(self._view)

    @overload
    def __getitem__(self, index: int) -> object: ...
    @overload
    def __getitem__(self, index: slice) -> list[object]: ...

    def __getitem__(self, index: int | slice) -> object:
        if isinstance(index, slice):
            return self.take(range(*index.indices(len(self))))
        return self._values((self._view[index],))[0]

    def take(self, rows: Sequence[int]) -> list[object]:
        """The values at ``rows`` (every one a row of the column)."""
        if len(rows) > 1:
            return self._values(itemgetter(*rows)(self._view))
        return self._values(picked(self._view, rows))

    def tolist(self) -> list[object]:
        return self._values(self._view.tolist())

    def __iter__(self) -> Iterator[object]:
        for start in range(0, len(self), _ITER_BLOCK):
            yield from self._values(self._view[start:start + _ITER_BLOCK].tolist())

    @abstractmethod
    def distinct(self) -> set[object]:
        """The values the column holds, each once."""

    @abstractmethod
    def floats(self, rows: Any = None) -> Any:
        """The column (at ``rows``, an array of row numbers, when given) as a float64 array: NaN where a cell
        is empty, yes/no as 1/0 (TypeError for text)."""

    @abstractmethod
    def has_missing(self) -> bool:
        """Whether some cell of the column is empty."""

    def __contains__(self, value: object) -> bool:
        if value is None:
            return self.has_missing()
        present = self.distinct()
        try:
            return value in present
        except TypeError:  # unhashable: compared as a list compares it
            return any(value == v for v in present)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, (str, bytes)):
            return NotImplemented
        return len(self) == len(other) and self.tolist() == list(other)

    __hash__ = None  # type: ignore[assignment]  # equal to a list, so unhashable as a list is

    def __repr__(self) -> str:
        head = self[:5]
        return f"{type(self).__name__}({head!r}{'…' if len(self) > 5 else ''}, {len(self)} rows)"


class NumberColumn(PackedColumn):
    """Numbers read as themselves, an empty cell as None: ``missing`` is the value that marks it."""

    __slots__ = ("_decode", "missing")

    def __init__(self, array: Any, missing: float) -> None:
        super().__init__(array)
        self.missing = missing
        self._decode: dict[object, object] = {missing: None}

    def _values(self, raws: Iterable[Any]) -> list[object]:
        if not isinstance(raws, (list, tuple)):
            raws = list(raws)
        return list(map(self._decode.get, raws, raws))

    @overload
    def __getitem__(self, index: int) -> object: ...
    @overload
    def __getitem__(self, index: slice) -> list[object]: ...

    def __getitem__(self, index: int | slice) -> object:
        if isinstance(index, slice):
            return self.take(range(*index.indices(len(self))))
        raw = self._view[index]
        return None if raw == self.missing else raw

    def has_missing(self) -> bool:
        return bool((self.array == self.missing).any())

    def distinct(self) -> set[object]:
        import numpy as np

        return set(self._values(np.unique(self.array).tolist()))

    def floats(self, rows: Any = None) -> Any:
        import numpy as np

        raw = self.array if rows is None else self.array.take(rows)
        values = raw.astype(np.float64)
        values[raw == self.missing] = np.nan
        return values


class CategoryColumn(PackedColumn):
    """Ids into ``labels``, the column's distinct values (None among them for an empty cell)."""

    __slots__ = ("labels",)

    def __init__(self, ids: Any, labels: list[object]) -> None:
        super().__init__(ids)
        self.labels = labels

    def _values(self, raws: Iterable[Any]) -> list[object]:
        return list(map(self.labels.__getitem__, raws))

    @overload
    def __getitem__(self, index: int) -> object: ...
    @overload
    def __getitem__(self, index: slice) -> list[object]: ...

    def __getitem__(self, index: int | slice) -> object:
        if isinstance(index, slice):
            return self.take(range(*index.indices(len(self))))
        return self.labels[self._view[index]]

    def present(self) -> Any:
        """Whether each label is held by some row (a boolean array over ``labels``)."""
        import numpy as np

        return np.bincount(self.array, minlength=len(self.labels)) > 0

    def has_missing(self) -> bool:
        return None in self.distinct()

    def distinct(self) -> set[object]:
        import numpy as np

        return {self.labels[k] for k in np.flatnonzero(self.present()).tolist()}

    def floats(self, rows: Any = None) -> Any:
        import numpy as np

        table = np.array([np.nan if v is None else float(v) for v in self.labels],  # type: ignore[arg-type]
                         dtype=np.float64)
        return table.take(self.array if rows is None else self.array.take(rows))


class FloatArrays(Mapping[str, Any]):
    """Column id → the column as a float64 array (:meth:`PackedColumn.floats`), made when it is looked up.

    The scorer reads its criteria this way.  Kept, the arrays of a long table would cost 8 bytes a cell for as
    long as the table lives, so only a table of at most :data:`KEPT_ROWS` rows keeps each array once made.
    """

    #: the longest table whose float arrays are kept once made (2 MB a column)
    KEPT_ROWS = 1 << 18

    def __init__(self, columns: Mapping[str, PackedColumn]) -> None:
        self._columns = dict(columns)
        self._made: dict[str, Any] = {}

    def __getitem__(self, column: str) -> Any:
        made = self._made.get(column)
        if made is None:
            made = self._columns[column].floats()
            if len(made) <= self.KEPT_ROWS:
                self._made[column] = made
        return made

    def __contains__(self, column: object) -> bool:
        return column in self._columns

    def __iter__(self) -> Iterator[str]:
        return iter(self._columns)

    def __len__(self) -> int:
        return len(self._columns)


def smallest_ids(ids: Any, count: int) -> Any:
    """``ids`` (0 … ``count`` - 1) in the narrowest unsigned type that holds them."""
    import numpy as np

    dtype = np.uint8 if count <= 1 << 8 else np.uint16 if count <= 1 << 16 else np.int32
    return ids.astype(dtype, copy=False)


def smallest_counts(values: Any) -> Any:
    """Whole numbers (≥ 0, -1 for empty) in the narrowest signed type that holds them."""
    import numpy as np

    top = int(values.max()) if len(values) else 0
    for dtype in (np.int8, np.int16, np.int32):
        if top <= np.iinfo(dtype).max:
            return values.astype(dtype, copy=False)
    return values.astype(np.int64, copy=False)


def categories(column: Sequence[object]) -> tuple[Any, list[object]] | None:
    """A packed column as (ids, values): every row's id into the values; None for a list, or a column of
    numbers too far apart to be ids.  Equal values share an id in the columns the reader makes so
    (codes and years: :func:`chuyenhoa.reading.dataset.read_dataset`), which the index relies on."""
    if isinstance(column, CategoryColumn):
        return column.array, column.labels
    if not isinstance(column, NumberColumn) or column.array.dtype.kind not in "iu" or not len(column):
        return None
    import numpy as np

    low, high = int(column.array.min()), int(column.array.max())
    if high - low > (1 << 20):
        return None
    present = np.zeros(high - low + 1, dtype=bool)
    present[column.array - low] = True
    found = np.flatnonzero(present)
    lookup = np.zeros(high - low + 1, dtype=np.int32)
    lookup[found] = np.arange(len(found), dtype=np.int32)
    return lookup[column.array - low], column._values((found + low).tolist())


def take(values: Sequence[object], rows: Sequence[int]) -> list[object]:
    """``values`` at ``rows``, for a list or a packed column alike."""
    if isinstance(values, PackedColumn):
        return values.take(rows)
    return list(map(values.__getitem__, rows))


def given(values: PackedColumn) -> Any:
    """Whether each row of a packed column holds a value: a boolean array, False where the cell is empty (or
    could not be read)."""
    import numpy as np

    if isinstance(values, CategoryColumn):
        return np.array([label is not None for label in values.labels], dtype=bool)[values.array]
    assert isinstance(values, NumberColumn)
    return values.array != values.missing


def subset(values: PackedColumn, rows: Any) -> PackedColumn:
    """A packed column at ``rows`` (an array of row numbers), packed as it was, without a Python object a row.

    A column of categories keeps only the values its rows still hold, so that
    leaving out the rows whose cell is empty leaves no None among them (the
    index, :func:`array_index`, is built only over code and year columns without one).
    """
    import numpy as np

    if isinstance(values, CategoryColumn):
        ids = values.array[rows]
        held = np.bincount(ids, minlength=len(values.labels)) > 0
        kept = np.flatnonzero(held)
        renumbered = (np.cumsum(held) - 1)[ids]  # each held value's place among the held ones
        return CategoryColumn(smallest_ids(renumbered, len(kept)), [values.labels[k] for k in kept.tolist()])
    assert isinstance(values, NumberColumn)
    return NumberColumn(values.array[rows], values.missing)


def rows_where(values: Sequence[object], rows: Sequence[int], test: Callable[[object], bool]) -> list[int]:
    """The rows among ``rows`` whose value passes ``test``; for a column of categories ``test`` is asked once
    per distinct value, and the rows are picked in C (``itertools.compress``)."""
    if isinstance(values, CategoryColumn):
        passes = [bool(test(value)) for value in values.labels]
        return list(compress(rows, map(passes.__getitem__, picked(values._view, rows))))
    return list(compress(rows, map(test, take(values, rows))))


def distinct(values: Sequence[object]) -> set[object]:
    """The values a column holds, each once."""
    return values.distinct() if isinstance(values, PackedColumn) else set(values)


def distinct_pairs(first: Sequence[object], second: Sequence[object]) -> set[tuple[object, object]]:
    """The (first, second) pairs the rows hold, each once (a commune's code with the name it is given)."""
    a, b = categories(first), categories(second)
    if a is None or b is None:
        return set(zip(first, second, strict=True))
    import numpy as np

    (ids_a, labels_a), (ids_b, labels_b) = a, b
    keys = np.unique(ids_a.astype(np.int64) * len(labels_b) + ids_b)
    return {(labels_a[k // len(labels_b)], labels_b[k % len(labels_b)]) for k in keys.tolist()}


def repeated_rows(codes: Sequence[object], years: Sequence[object]) -> list[tuple[int, int]] | None:
    """Each row whose (code, year) an earlier row has, with that earlier row, in row order; None for lists.

    Rows without a code or a year are never repeats (they are reported as empty cells).
    """
    a, b = categories(codes), categories(years)
    if a is None or b is None:
        return None
    import numpy as np

    (ids_a, labels_a), (ids_b, labels_b) = a, b
    keys = ids_a.astype(np.int64) * len(labels_b) + ids_b
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    same = ordered[1:] == ordered[:-1]
    if not same.any():
        return []
    group_start = np.flatnonzero(np.concatenate(([True], ~same)))
    group = np.cumsum(np.concatenate(([True], ~same))) - 1
    later = np.flatnonzero(np.concatenate(([False], same)))
    pairs = np.stack([order[later], order[group_start[group[later]]]], axis=1)
    pairs = pairs[np.argsort(pairs[:, 0], kind="stable")]
    none_a = [k for k, v in enumerate(labels_a) if v is None]
    none_b = [k for k, v in enumerate(labels_b) if v is None]
    if none_a or none_b:
        keep = ~(np.isin(ids_a[pairs[:, 0]], none_a) | np.isin(ids_b[pairs[:, 0]], none_b))
        pairs = pairs[keep]
    return [(int(r), int(f)) for r, f in pairs.tolist()]


class ArrayIndex:
    """The rows of a table by (commune code, year), and by year, over packed code and year columns.

    A matrix of int32, one row per year and one column per commune (and one
    more, always -1, for a code the data lack), holds the row of each key; where
    a key is given twice the later row is kept, as a dict built from the rows
    keeps it.  ``rows_at`` is then two ``itemgetter`` passes over the year's
    row of the matrix.  Its size is years × communes × 4 bytes: at most 111
    years (1990–2100) × 100,000 five-digit codes, 44 MB, and 4 bytes a row for
    a table with every commune every year.
    """

    __slots__ = ("_absent", "_by_year", "_code_id", "_views", "_year_id", "distinct")

    def __init__(self, ids_codes: tuple[Any, list[object]], ids_years: tuple[Any, list[object]]) -> None:
        import numpy as np

        (code_ids, codes), (year_ids, years) = ids_codes, ids_years
        n = len(code_ids)
        rows = np.arange(n, dtype=np.int32)
        cells = np.full((len(years), len(codes) + 1), -1, dtype=np.int32)
        cells[year_ids, code_ids] = rows
        self.distinct = int(np.count_nonzero(cells >= 0))
        if self.distinct < n:  # a key given twice: the later row, whatever order NumPy assigned in
            np.maximum.at(cells, (year_ids, code_ids), rows)
        self._views = [memoryview(cells[k]) for k in range(len(years))]
        self._code_id = {code: k for k, code in enumerate(codes)}
        self._year_id = {year: k for k, year in enumerate(years)}
        self._absent = len(codes)
        order = np.argsort(year_ids, kind="stable").astype(np.int32)
        bounds = np.concatenate(([0], np.cumsum(np.bincount(year_ids, minlength=len(years))))).tolist()
        self._by_year = {year: order[bounds[k]:bounds[k + 1]] for k, year in enumerate(years)
                         if bounds[k + 1] > bounds[k]}

    @property
    def years(self) -> list[object]:
        return list(self._by_year)

    def rows_of_year(self, year: object) -> list[int]:
        rows = self._by_year.get(year)
        found: list[int] = [] if rows is None else rows.tolist()
        return found

    def rows_at(self, codes: Iterable[object], year: object) -> list[int | None]:
        k = self._year_id.get(year)
        if k is None:
            return [None] * len(list(codes))
        ids = list(map(self._code_id.get, codes, repeat(self._absent)))
        raws = picked(self._views[k], ids)
        return list(map(_NO_ROW.get, raws, raws))  # type: ignore[arg-type]

    def row(self, code: object, year: object) -> int | None:
        return self.rows_at((code,), year)[0]


def array_index(codes: Sequence[object], years: Sequence[object]) -> ArrayIndex | None:
    """The index of a table whose code and year columns are packed (None otherwise, or with an empty key)."""
    a, b = categories(codes), categories(years)
    if a is None or b is None or None in a[1] or None in b[1]:
        return None
    return ArrayIndex(a, b)
