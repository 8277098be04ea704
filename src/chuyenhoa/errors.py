"""Errors a user can act on.

Each carries a message that names the file, the row, the column or key, and what
was expected, so the command line can print it as one line and exit 2 without a
traceback; :class:`DataErrors` carries every problem of a run's data, one line
each, so a file is fixed in one pass.  Nominee rows are named by row number and
id only (privacy).
"""

from __future__ import annotations

from collections.abc import Sequence

from chuyenhoa.i18n import _, _n


class ChuyenhoaError(Exception):
    """Base of every error the tool reports to a user instead of crashing."""

    exit_code = 2


class PlanFileError(ChuyenhoaError):
    """A plan file that is not what the plan-file reference says."""

    def __init__(self, path: str, key: str, problem: str) -> None:
        self.path, self.key, self.problem = path, key, problem
        super().__init__(_("{path}: khóa '{key}': {problem}").format(path=path, key=key, problem=problem))


class DataError(ChuyenhoaError):
    """Input data that cannot be read or fails a rule of INDICATORS.md."""


class RowError(DataError):
    """A problem of one row of a table (a cell beyond the header, a stray quote): file, sheet, row."""

    def __init__(self, file: str, row: int, problem: str, sheet: str | None = None) -> None:
        self.file, self.row, self.problem, self.sheet = file, row, problem, sheet
        super().__init__(self._message())

    def _message(self) -> str:
        return _("{where}, dòng {row}: {problem}").format(where=self.where, row=self.row, problem=self.problem)

    @property
    def where(self) -> str:
        return f"{self.file}" + (f" [sheet {self.sheet}]" if self.sheet else "")


class CellError(RowError):
    """One bad cell: file, sheet (if any), row, column and the form expected."""

    def __init__(
        self, file: str, row: int, column: str, problem: str, sheet: str | None = None
    ) -> None:
        self.column = column
        super().__init__(file, row, problem, sheet)

    def _message(self) -> str:
        return _("{where}, dòng {row}, cột '{column}': {problem}").format(
            where=self.where, row=self.row, column=self.column, problem=self.problem)


#: How many problems one :class:`DataErrors` lists before "… và N lỗi khác": enough for an officer to fix a
#: workbook in one sitting, few enough that the list fits a screen and a message stays readable.
MAX_LISTED = 50


class DataErrors(DataError):
    """Every problem found in the data of one run, listed in file and row order.

    One bad cell per run would have an officer fix a workbook once per cell;
    this error carries them all (``problems``, each a :class:`CellError` or a
    :class:`DataError` about the whole file), lists the first :data:`MAX_LISTED`
    one per line and counts the rest.  ``total`` is how many were found;
    ``stopped_at`` is the row where a reader stopped reading (a table far too
    long, or full of problems), after which more may hide.
    """

    def __init__(self, where: str, problems: Sequence[DataError], *, total: int | None = None,
                 stopped_at: int | None = None, reason: str | None = None) -> None:
        self.where, self.problems = where, tuple(problems)
        self.total = max(total or 0, len(self.problems))
        self.stopped_at, self.reason = stopped_at, reason
        lines = [_n("{where}: {count} lỗi; hãy sửa hết rồi chạy lại:", self.total).format(
            where=where, count=self.total)]
        lines.extend(f"  {problem}" for problem in self.problems[:MAX_LISTED])
        if self.total > MAX_LISTED:
            lines.append("  " + _n("… và {count} lỗi khác", self.total - MAX_LISTED).format(
                count=self.total - MAX_LISTED))
        if stopped_at is not None:
            lines.append("  " + _("đã dừng đọc ở dòng {row} ({reason}); các dòng sau chưa được kiểm tra").format(
                row=stopped_at, reason=reason or ""))
        super().__init__("\n".join(lines))

    @classmethod
    def of(cls, where: str, problems: Sequence[DataError], *, total: int | None = None,
           stopped_at: int | None = None, reason: str | None = None) -> DataError:
        """The error to raise for ``problems``: the one problem itself when it is the only one (its message
        is already one line naming the file, the row and the column), else all of them."""
        if len(problems) == 1 and (total or 1) == 1 and stopped_at is None:
            return problems[0]
        return cls(where, problems, total=total, stopped_at=stopped_at, reason=reason)


class PluginError(ChuyenhoaError):
    """A province pack that cannot be loaded, or two packs claiming one slug."""


class UnknownProvinceError(ChuyenhoaError):
    """No installed pack has the slug asked for."""
