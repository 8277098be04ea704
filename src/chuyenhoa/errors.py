"""Errors a user can act on.

Each carries a message that names the file, the row, the column or key, and what
was expected, so the command line can print it as one line and exit 2 without a
traceback.  Nominee rows are named by row number and id only (privacy).
"""

from __future__ import annotations

from chuyenhoa.i18n import _


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


class CellError(DataError):
    """One bad cell: file, sheet (if any), row, column and the form expected."""

    def __init__(
        self, file: str, row: int, column: str, problem: str, sheet: str | None = None
    ) -> None:
        self.file, self.row, self.column, self.problem, self.sheet = file, row, column, problem, sheet
        where = f"{file}" + (f" [sheet {sheet}]" if sheet else "")
        super().__init__(_("{where}, dòng {row}, cột '{column}': {problem}").format(
            where=where, row=row, column=column, problem=problem))


class PluginError(ChuyenhoaError):
    """A province pack that cannot be loaded, or two packs claiming one slug."""


class UnknownProvinceError(ChuyenhoaError):
    """No installed pack has the slug asked for."""
