"""Read the ``nominees`` table (INDICATORS.md): a CSV, or the ``nominees`` sheet of a workbook.

The file holds personal data.  Every error names the file, the row, the column
and, once it is known, the ``nominee_id``, and never the value of a cell: a
shifted column can put a person's name in any cell, and an error message ends
up in terminals, logs and e-mails.  Every bad cell of the file is reported at
once, so a clerk fixes the file in one pass rather than one error per run.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import attrs

from chuyenhoa.awards.model import NOMINEE_FLAGS, Nominee, NomineeKind
from chuyenhoa.errors import CellError, DataError
from chuyenhoa.i18n import _, _n
from chuyenhoa.model import ValueKind
from chuyenhoa.reading.cells import EXPECTED, Cell, is_blank, nfc, parse_flag, parse_number, parse_text, ticks_only
from chuyenhoa.reading.tables import WORKBOOK_SUFFIXES, RawTable, named_columns, read_table

SHEET = "nominees"
REQUIRED = ("nominee_id", "kind")
TEXT_COLUMNS = ("nominee_id", "name", "unit")
KNOWN_COLUMNS = frozenset({"nominee_id", "name", "kind", "unit", "achievement_score", *NOMINEE_FLAGS})
#: Vietnamese headers a template may use instead of the ids.
LABELS = {
    "Mã": "nominee_id", "Mã đề nghị": "nominee_id",
    "Họ và tên": "name", "Tên": "name", "Tên tập thể, cá nhân": "name",
    "Loại": "kind", "Tập thể/cá nhân": "kind",
    "Đơn vị": "unit", "Cơ quan, đơn vị": "unit",
    "Lãnh đạo": "leader", "Lãnh đạo, quản lý": "leader",
    "Cấp cơ sở": "grassroots", "Đạt và vượt chỉ tiêu": "targets_met",
    "Điểm thành tích": "achievement_score",
    "Tờ trình": "has_submission", "Biên bản họp": "has_minutes", "Biên bản họp hội đồng": "has_minutes",
    "Báo cáo thành tích": "has_report",
}
_KINDS = {
    "collective": NomineeKind.COLLECTIVE, "tập thể": NomineeKind.COLLECTIVE, "tap the": NomineeKind.COLLECTIVE,
    "individual": NomineeKind.INDIVIDUAL, "cá nhân": NomineeKind.INDIVIDUAL, "ca nhan": NomineeKind.INDIVIDUAL,
}
#: How many bad cells one error message lists before "… và N lỗi khác".
MAX_LISTED = 12


class NomineeFileError(DataError):
    """Several bad cells in one nominee file; ``problems`` holds each as a :class:`CellError`."""

    def __init__(self, where: str, problems: list[CellError]) -> None:
        self.problems = tuple(problems)
        listed = "; ".join(_("dòng {row}, cột '{column}': {problem}").format(row=p.row, column=p.column,
                                                                           problem=p.problem)
                           for p in problems[:MAX_LISTED])
        more = "; " + _n("… và {count} lỗi khác", len(problems) - MAX_LISTED).format(
            count=len(problems) - MAX_LISTED) if len(problems) > MAX_LISTED else ""
        super().__init__(_n("{where}: {count} lỗi trong bảng nominees: {listed}{more}", len(problems)).format(
            where=where, count=len(problems), listed=listed, more=more))


@attrs.frozen
class NomineeTable:
    """The nominees of one file, in file order, and the columns the file has."""

    file: str
    nominees: tuple[Nominee, ...]
    columns: frozenset[str]
    extra_columns: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.nominees)

    def of_kind(self, kind: NomineeKind) -> tuple[Nominee, ...]:
        return tuple(n for n in self.nominees if n.kind is kind)


def load_nominees(path: str | Path) -> NomineeTable:
    """Read and check a nominee file; raise :class:`CellError` or :class:`NomineeFileError` on bad cells."""
    path = Path(path)
    is_workbook = path.suffix.lower() in WORKBOOK_SUFFIXES
    raw = read_table(path, SHEET if is_workbook else None)
    return nominees_from_table(raw)


def nominees_from_table(raw: RawTable) -> NomineeTable:
    where = raw.file + (f" [sheet {raw.sheet}]" if raw.sheet else "")
    labels = {nfc(label): ident for label, ident in LABELS.items()}
    columns: dict[str, list[Cell]] = {}
    extra: list[str] = []
    for position, column_id in named_columns(raw, labels):
        if column_id not in KNOWN_COLUMNS:
            close = difflib.get_close_matches(column_id, sorted(KNOWN_COLUMNS), n=1, cutoff=0.8)
            if close:
                raise DataError(_("{where}: cột '{header}' không có trong bảng nominees; có phải là '{close}'? "
                                  "(xem INDICATORS.md)").format(where=where, header=raw.headers[position - 1],
                                                               close=close[0]))
            extra.append(column_id)  # a pack's own column, kept as text for its checks
        columns[column_id] = raw.columns[position - 1]
    for required in REQUIRED:
        if required not in columns:
            raise DataError(_("{where}: thiếu cột bắt buộc '{column}'").format(where=where, column=required))
    marks_only = {c for c in NOMINEE_FLAGS if c in columns and ticks_only(columns[c])}
    return _Rows(raw, where, columns, marks_only).read(tuple(extra))


_T = TypeVar("_T")


class _Rows:
    """Parses the cells row by row, collecting every problem before raising."""

    def __init__(self, raw: RawTable, where: str, columns: dict[str, list[Cell]], marks_only: set[str]) -> None:
        self.raw, self.where, self.columns, self.marks_only = raw, where, columns, marks_only
        self.problems: list[CellError] = []

    def problem(self, row: int, column: str, text: str, nominee_id: str | None) -> None:
        suffix = f" (nominee_id '{nominee_id}')" if nominee_id else ""
        self.problems.append(CellError(self.raw.file, row, column, text + suffix, self.raw.sheet))

    def cell(self, column: str, index: int) -> Cell:
        cells = self.columns.get(column)
        return None if cells is None else cells[index]

    def parse(self, parser: Callable[[Cell], _T], column: str, index: int, expected: str,
              nominee_id: str | None) -> _T | None:
        try:
            return parser(self.cell(column, index))
        except ValueError:
            # the parser's message quotes the cell; this one must not (privacy)
            self.problem(self.raw.row_numbers[index], column, _("giá trị không phải {expected}").format(
                expected=expected), nominee_id)
            return None

    def read(self, extra: tuple[str, ...]) -> NomineeTable:
        nominees: list[Nominee] = []
        first_row: dict[str, int] = {}
        for index, row in enumerate(self.raw.row_numbers):
            nominee_id = self.parse(parse_text, "nominee_id", index, _("một mã"), None)
            if nominee_id is None:
                self.problem(row, "nominee_id", _("ô trống; cột này bắt buộc (mỗi dòng một mã)"), None)
            elif nominee_id in first_row:
                self.problem(row, "nominee_id", _("mã '{nominee}' đã có ở dòng {row}; mỗi tập thể, cá nhân một dòng")
                             .format(nominee=nominee_id, row=first_row[nominee_id]), None)
                nominee_id = None
            else:
                first_row[nominee_id] = row
            kind = self._kind(index, row, nominee_id)
            flags: dict[str, bool | None] = {}
            for flag in NOMINEE_FLAGS:
                if flag in self.columns:
                    value = self.parse(parse_flag, flag, index, EXPECTED[ValueKind.FLAG], nominee_id)
                    flags[flag] = False if value is None and flag in self.marks_only else value
            score = self.parse(parse_number, "achievement_score", index, EXPECTED[ValueKind.NUMBER], nominee_id)
            if nominee_id is None or kind is None:
                continue
            nominees.append(Nominee(
                nominee_id=nominee_id, kind=kind, row=row,
                name=self.parse(parse_text, "name", index, _("một đoạn chữ"), nominee_id),
                unit=self.parse(parse_text, "unit", index, _("một đoạn chữ"), nominee_id),
                flags=flags, achievement_score=score,
                extra={column: parse_text(self.cell(column, index)) for column in extra},
            ))
        if len(self.problems) == 1:
            raise self.problems[0]
        if self.problems:
            raise NomineeFileError(self.where, self.problems)
        return NomineeTable(file=self.where, nominees=tuple(nominees), columns=frozenset(self.columns),
                            extra_columns=extra)

    def _kind(self, index: int, row: int, nominee_id: str | None) -> NomineeKind | None:
        cell = self.cell("kind", index)
        text = nfc(str(cell)).casefold() if not is_blank(cell) else ""
        kind = _KINDS.get(" ".join(text.split()))
        if kind is None:
            self.problem(row, "kind", _("ô trống; cần 'collective' (tập thể) hoặc 'individual' (cá nhân)") if not text
                         else _("giá trị không phải 'collective' (tập thể) hoặc 'individual' (cá nhân)"), nominee_id)
        return kind


__all__ = ["NomineeFileError", "NomineeTable", "load_nominees", "nominees_from_table"]
