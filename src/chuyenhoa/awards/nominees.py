"""Read the ``nominees`` table (INDICATORS.md): a CSV, or the ``nominees`` sheet of a workbook.

The file holds personal data.  Every error names the file, the row, the column
and what was expected, and never the value of a cell, not even the
``nominee_id``: a row shifted by one cell puts a person's name in any column,
the id's included, and an error message ends up in terminals, logs and e-mails.
Every bad cell of the file is reported at once, so a clerk fixes the file in one
pass rather than one error per run.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TypeVar

import attrs

from chuyenhoa.awards.model import NOMINEE_FLAGS, PERSONAL_COLUMNS, Nominee, NomineeKind
from chuyenhoa.errors import CellError, DataError
from chuyenhoa.i18n import _, _n
from chuyenhoa.model import ValueKind
from chuyenhoa.reading.cells import EXPECTED, Cell, is_blank, nfc, parse_flag, parse_number, parse_text, ticks_only
from chuyenhoa.reading.tables import WORKBOOK_SUFFIXES, RawTable, named_columns, read_table

SHEET = "nominees"
REQUIRED = ("nominee_id", "kind")
TEXT_COLUMNS = ("nominee_id", "name", "unit")
KNOWN_COLUMNS = frozenset({"nominee_id", "name", "kind", "unit", "achievement_score", *NOMINEE_FLAGS})
#: Vietnamese headers a template or an office's own list may use instead of the ids, matched without regard
#: to case, punctuation, spacing or (as a last resort) accents: "HỌ VÀ TÊN", "Họ, tên" and "Ho va ten" are
#: one header.  The personal columns besides name and unit (position, date of birth…) get ids of their own
#: so that ``--redact`` knows them for what they are; they are kept in ``Nominee.extra``.
LABELS = {
    # the id
    "Mã": "nominee_id", "Mã số": "nominee_id", "Mã đề nghị": "nominee_id", "Mã hồ sơ": "nominee_id",
    "Mã tập thể, cá nhân": "nominee_id", "Mã đối tượng": "nominee_id", "ID": "nominee_id",
    # the name
    "Họ và tên": "name", "Họ tên": "name", "Họ và tên cá nhân": "name", "Họ tên cá nhân": "name",
    "Tên": "name", "Tên tập thể": "name", "Tên cá nhân": "name", "Tên tập thể, cá nhân": "name",
    "Tên tập thể hoặc cá nhân": "name", "Tên tập thể, cá nhân được đề nghị": "name",
    "Tên tập thể, cá nhân đề nghị khen thưởng": "name", "Tên tập thể, họ và tên cá nhân": "name",
    "Họ và tên, tên tập thể": "name", "Họ và tên (tên tập thể)": "name", "Tên đơn vị, cá nhân": "name",
    # the kind
    "Loại": "kind", "Loại đối tượng": "kind", "Tập thể/cá nhân": "kind", "Tập thể hay cá nhân": "kind",
    "Tập thể hoặc cá nhân": "kind",
    # the unit
    "Đơn vị": "unit", "Cơ quan, đơn vị": "unit", "Đơn vị công tác": "unit", "Cơ quan công tác": "unit",
    "Cơ quan, đơn vị công tác": "unit", "Nơi công tác": "unit", "Thuộc đơn vị": "unit", "Đơn vị trực thuộc": "unit",
    "Đơn vị chủ quản": "unit", "Địa phương": "unit", "Đơn vị, địa phương": "unit",
    "Cơ quan, đơn vị, địa phương": "unit",
    "Chức vụ, đơn vị công tác": "unit", "Chức vụ, đơn vị": "unit", "Chức vụ và đơn vị công tác": "unit",
    "Cấp bậc, chức vụ, đơn vị": "unit", "Cấp bậc, chức vụ, đơn vị công tác": "unit",
    # other personal columns: one id per thing, so that a list with both "Chức vụ" and "Cấp bậc" reads
    "Chức vụ": "position", "Chức danh": "position", "Chức vụ, chức danh": "position", "Chức vụ hiện tại": "position",
    "Chức vụ, chức danh hiện tại": "position", "Cấp bậc, chức vụ": "position", "Chức vụ, cấp bậc": "position",
    "Cấp bậc": "rank", "Cấp bậc hàm": "rank", "Quân hàm": "rank",
    "Ngày sinh": "birth_date", "Ngày, tháng, năm sinh": "birth_date", "Năm sinh": "birth_year",
    "Giới tính": "gender", "Nam/nữ": "gender", "Dân tộc": "ethnicity", "Tôn giáo": "religion",
    "Quê quán": "hometown", "Nơi sinh": "birth_place",
    "Địa chỉ": "address", "Nơi thường trú": "address", "Hộ khẩu thường trú": "address",
    "Nơi ở": "residence", "Nơi ở hiện nay": "residence", "Nơi cư trú": "residence",
    "Số CCCD": "id_number", "CCCD": "id_number", "Số CMND": "id_number", "CMND": "id_number",
    "Số CMND/CCCD": "id_number", "Số căn cước công dân": "id_number", "Số định danh cá nhân": "id_number",
    "Số điện thoại": "phone", "Điện thoại": "phone", "SĐT": "phone", "Email": "email", "Thư điện tử": "email",
    # the yes/no columns and the score
    "Lãnh đạo": "leader", "Lãnh đạo, quản lý": "leader", "Là lãnh đạo": "leader", "Cán bộ lãnh đạo": "leader",
    "Cấp cơ sở": "grassroots", "Tập thể cấp cơ sở": "grassroots",
    "Đạt và vượt chỉ tiêu": "targets_met", "Hoàn thành vượt chỉ tiêu": "targets_met",
    "Đạt chỉ tiêu": "targets_met",
    "Điểm thành tích": "achievement_score", "Điểm": "achievement_score", "Tổng điểm": "achievement_score",
    "Điểm chấm": "achievement_score",
    "Tờ trình": "has_submission", "Có tờ trình": "has_submission",
    "Biên bản họp": "has_minutes", "Biên bản họp hội đồng": "has_minutes",
    "Biên bản họp Hội đồng Thi đua - Khen thưởng": "has_minutes",
    "Báo cáo thành tích": "has_report", "Báo cáo thành tích có xác nhận": "has_report",
}
_PUNCTUATION = re.compile(r"[\s,;:/\\|.*()\[\]+&\-–—]+")


def header_key(text: str) -> str:
    """A header as the label table compares it: NFC, case-folded, punctuation and runs of spaces as one space."""
    return " ".join(_PUNCTUATION.sub(" ", nfc(text).casefold()).split())


def _unaccented(text: str) -> str:
    """Without diacritics ("họ và tên" → "ho va ten"), for a header typed on a keyboard without them."""
    bare = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return bare.replace(chr(0x111), "d")  # đ, which has no combining mark to strip


class _Labels(Mapping[str, str]):
    """The header → id table as :func:`~chuyenhoa.reading.tables.named_columns` reads it, forgiving the way
    people write headers: case, punctuation and spacing are ignored, and accents when the header has none."""

    def __init__(self, labels: Mapping[str, str]) -> None:
        self._exact = {header_key(label): ident for label, ident in labels.items()}
        self._bare: dict[str, str] = {}
        for key, ident in self._exact.items():
            self._bare.setdefault(_unaccented(key), ident)

    def __getitem__(self, header: str) -> str:
        key = header_key(header)
        found = self._exact.get(key)
        if found is None:
            found = self._bare.get(_unaccented(key))
        if found is None:
            raise KeyError(header)
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._exact)

    def __len__(self) -> int:
        return len(self._exact)


HEADERS = _Labels(LABELS)
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
    """The nominees of one file, in file order, and the columns the file has.

    ``headers`` maps each column id to its header as the file writes it, so that
    ``--redact`` can say which columns it dropped in the words of the file.
    """

    file: str
    nominees: tuple[Nominee, ...]
    columns: frozenset[str]
    extra_columns: tuple[str, ...] = ()
    headers: Mapping[str, str] = attrs.field(factory=dict)

    def __len__(self) -> int:
        return len(self.nominees)

    def of_kind(self, kind: NomineeKind) -> tuple[Nominee, ...]:
        return tuple(n for n in self.nominees if n.kind is kind)


def load_nominees(path: str | Path) -> NomineeTable:
    """Read and check a nominee file; raise :class:`CellError` or :class:`NomineeFileError` on bad cells."""
    path = Path(path)
    is_workbook = path.suffix.lower() in WORKBOOK_SUFFIXES
    # the header is the row holding the id column, however it is written: a title may stand above it
    raw = read_table(path, SHEET if is_workbook else None, key="nominee_id", labels=HEADERS)
    return nominees_from_table(raw)


def nominees_from_table(raw: RawTable) -> NomineeTable:
    where = raw.file + (f" [sheet {raw.sheet}]" if raw.sheet else "")
    columns: dict[str, list[Cell]] = {}
    headers: dict[str, str] = {}
    extra: list[str] = []
    for position, column_id in named_columns(raw, HEADERS):
        if column_id not in KNOWN_COLUMNS:
            close = difflib.get_close_matches(column_id, sorted(KNOWN_COLUMNS), n=1, cutoff=0.8)
            if close and column_id not in PERSONAL_COLUMNS:
                raise DataError(_("{where}: cột '{header}' không có trong bảng nominees; có phải là '{close}'? "
                                  "(xem INDICATORS.md)").format(where=where, header=raw.headers[position - 1],
                                                               close=close[0]))
            extra.append(column_id)  # a pack's own column, or a personal one, kept as text
        columns[column_id] = raw.columns[position - 1]
        headers[column_id] = " ".join(str(raw.headers[position - 1]).split())
    for required in REQUIRED:
        if required not in columns:
            raise DataError(_("{where}: thiếu cột bắt buộc '{column}'").format(where=where, column=required))
    marks_only = {c for c in NOMINEE_FLAGS if c in columns and ticks_only(columns[c])}
    table = _Rows(raw, where, columns, marks_only).read(tuple(extra))
    return attrs.evolve(table, headers=headers)


def refuse_names_as_ids(table: NomineeTable) -> None:
    """Refuse a table whose ids look like names, before ``--redact`` prints the ids as the only names left.

    A row shifted by one cell, or a list typed without ids, puts a person's name
    in the ``nominee_id`` column; redaction replaces names by ids and so would
    print it.  An id with two words of letters ("Nguyễn Văn") is taken for a name;
    ids such as ``CN01``, ``TT-02`` or ``2024/15`` pass.  The error names rows and
    the column, never the id.
    """
    problems = [CellError(table.file, n.row, "nominee_id", _(
        "mã có hai từ bằng chữ cách nhau bởi khoảng trắng, giống một cái tên hơn một mã (ví dụ CN01): --redact không "
        "che được tên nằm ở cột mã; hãy kiểm tra cột có bị lệch không")) for n in table.nominees
        if _NAME_LIKE.search(n.nominee_id)]
    if len(problems) == 1:
        raise problems[0]
    if problems:
        raise NomineeFileError(table.file, problems)


#: two words of letters only, separated by white space: a name, not an id
_NAME_LIKE = re.compile(r"[^\W\d_]{2,}\s+[^\W\d_]+")

_T = TypeVar("_T")


class _Rows:
    """Parses the cells row by row, collecting every problem before raising.

    A problem names the row and the column and says what was expected: never
    the cell, and not the row's ``nominee_id`` either, which is a cell too (a
    shifted row puts the person's name there).
    """

    def __init__(self, raw: RawTable, where: str, columns: dict[str, list[Cell]], marks_only: set[str]) -> None:
        self.raw, self.where, self.columns, self.marks_only = raw, where, columns, marks_only
        self.problems: list[CellError] = []

    def problem(self, row: int, column: str, text: str) -> None:
        self.problems.append(CellError(self.raw.file, row, column, text, self.raw.sheet))

    def cell(self, column: str, index: int) -> Cell:
        cells = self.columns.get(column)
        return None if cells is None else cells[index]

    def parse(self, parser: Callable[[Cell], _T], column: str, index: int, expected: str) -> _T | None:
        try:
            return parser(self.cell(column, index))
        except ValueError:
            # the parser's message quotes the cell; this one must not (privacy)
            self.problem(self.raw.row_numbers[index], column, _("giá trị không phải {expected}").format(
                expected=expected))
            return None

    def read(self, extra: tuple[str, ...]) -> NomineeTable:
        nominees: list[Nominee] = []
        first_row: dict[str, int] = {}
        for index, row in enumerate(self.raw.row_numbers):
            nominee_id = self.parse(parse_text, "nominee_id", index, _("một mã"))
            if nominee_id is None:
                self.problem(row, "nominee_id", _("ô trống; cột này bắt buộc (mỗi dòng một mã)"))
            elif nominee_id in first_row:
                self.problem(row, "nominee_id", _("cùng mã với dòng {row}; mỗi tập thể, cá nhân một dòng, mỗi dòng "
                                                  "một mã riêng").format(row=first_row[nominee_id]))
                nominee_id = None
            else:
                first_row[nominee_id] = row
            kind = self._kind(index, row)
            flags: dict[str, bool | None] = {}
            for flag in NOMINEE_FLAGS:
                if flag in self.columns:
                    value = self.parse(parse_flag, flag, index, EXPECTED[ValueKind.FLAG])
                    flags[flag] = False if value is None and flag in self.marks_only else value
            score = self.parse(parse_number, "achievement_score", index, EXPECTED[ValueKind.NUMBER])
            if nominee_id is None or kind is None:
                continue
            nominees.append(Nominee(
                nominee_id=nominee_id, kind=kind, row=row,
                name=parse_text(self.cell("name", index)),
                unit=parse_text(self.cell("unit", index)),
                flags=flags, achievement_score=score,
                extra={column: parse_text(self.cell(column, index)) for column in extra},
            ))
        if len(self.problems) == 1:
            raise self.problems[0]
        if self.problems:
            raise NomineeFileError(self.where, self.problems)
        return NomineeTable(file=self.where, nominees=tuple(nominees), columns=frozenset(self.columns),
                            extra_columns=extra)

    def _kind(self, index: int, row: int) -> NomineeKind | None:
        cell = self.cell("kind", index)
        text = nfc(str(cell)).casefold() if not is_blank(cell) else ""
        kind = _KINDS.get(" ".join(text.split()))
        if kind is None:
            self.problem(row, "kind", _("ô trống; cần 'collective' (tập thể) hoặc 'individual' (cá nhân)") if not text
                         else _("giá trị không phải 'collective' (tập thể) hoặc 'individual' (cá nhân)"))
        return kind


__all__ = ["HEADERS", "LABELS", "NomineeFileError", "NomineeTable", "header_key", "load_nominees",
           "nominees_from_table", "refuse_names_as_ids"]
