"""Every problem of the data read in one run, gathered so they are reported together.

An officer who fixes a workbook should fix it once, not once per run and bad
cell: the readers of :mod:`chuyenhoa.reading.dataset` record each problem here
instead of raising at the first, and the run raises one
:class:`~chuyenhoa.errors.DataErrors` listing them in file, row and column
order (the nominee reader of the awards does the same for its file).

A column can hold 200,000 bad cells (a column shifted by one); only the first
:data:`~chuyenhoa.errors.MAX_LISTED` problems in row order can be listed, so a
column keeps that many and counts the others, and memory stays small.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping, Sequence

from chuyenhoa.errors import MAX_LISTED, CellError, DataError, DataErrors

__all__ = ["PROVINCE_TABLE", "Problems"]

#: Where the ``province`` table stands among the tables of a data file (``communes`` is 0): its problems are
#: listed after every problem of the communes table.
PROVINCE_TABLE = 1


class Problems:
    """The problems found so far, each with where it stands: (table, row, column position)."""

    def __init__(self) -> None:
        self._found: list[tuple[int, int, int, DataError, str]] = []
        self._table = 0
        self.total = 0

    def __len__(self) -> int:
        return self.total

    def __bool__(self) -> bool:
        return self.total > 0

    def next_table(self) -> None:
        """What is added from now on comes after what is there (the ``province`` table after ``communes``)."""
        self._table += 1

    @contextlib.contextmanager
    def with_table(self, table: int) -> Iterator[None]:
        """What is added inside goes with the ``table``-th table read (0 is the first), not the current one: the
        codes of the ``communes`` table, checked once both tables are read, are listed among its rows."""
        current, self._table = self._table, table
        try:
            yield
        finally:
            self._table = current

    def add(self, problem: DataError, position: int = 0, where: str = "", table: int | None = None) -> None:
        """One problem; one without a row (a missing column) comes before the rows of its table.  ``where``
        names the file (and sheet) of a problem that does not carry it (a :class:`~chuyenhoa.errors.CellError`
        does); ``table`` places it with an earlier table (0 is the first) than the current one."""
        where = getattr(problem, "where", None) or where
        self._found.append((self._table if table is None else table, getattr(problem, "row", 0), position, problem,
                            where))
        self.total += 1

    def count(self, more: int) -> None:
        """``more`` problems found but not listed (past the first :data:`~chuyenhoa.errors.MAX_LISTED` of one
        check, which can only be said in numbers); nothing when ``more`` is not above 0."""
        self.total += max(more, 0)

    def extend(self, problems: Sequence[DataError]) -> None:
        for problem in problems:
            self.add(problem)

    def cells(self, file: str, sheet: str | None, rows: Sequence[int], column: str, position: int,
              cells: Sequence[object], bad: Mapping[object, str]) -> None:
        """Every cell of a column whose value is a key of ``bad`` (the value → what is wrong with it)."""
        listed = 0
        for index, cell in enumerate(cells):
            if cell in bad:
                self.total += 1
                if listed < MAX_LISTED:
                    listed += 1
                    self.add(CellError(file, rows[index], column, bad[cell], sheet), position)
                    self.total -= 1  # counted above

    def error(self) -> DataError:
        """The error that says them all, in order (the single problem itself when there is one)."""
        ordered = sorted(self._found, key=lambda item: item[:3])
        files = list(dict.fromkeys(where for *_place, _problem, where in ordered if where))
        return DataErrors.of(", ".join(files), [item[3] for item in ordered], total=self.total)

    def raise_any(self) -> None:
        if self:
            raise self.error()
