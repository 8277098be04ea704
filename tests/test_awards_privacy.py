"""Personal data in nominee files: no cell in any message, nothing personal in a redacted output.

A corpus of bad and odd nominee files (rows shifted by a cell, names in the id, kind, flag or score
column, duplicates, empty ids, Vietnamese headers, an unknown column of notes…) is read through
every path a message can come from: the table reader, the nominee reader, the awards engine and its
checks, the command line in each format, Python warnings and logging.  Every name, unit and note in
it is made up.
"""

from __future__ import annotations

import csv
import html
import json
import logging
import warnings
import zipfile
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from chuyenhoa import ProvinceSpec, hookimpl
from chuyenhoa.awards import AwardFinding, evaluate_awards, load_nominees
from chuyenhoa.awards.model import NON_PERSONAL_COLUMNS
from chuyenhoa.awards.nominees import HEADERS, LABELS, header_key
from chuyenhoa.awards.render import render_awards
from chuyenhoa.cli.awards import AwardsFormat
from chuyenhoa.cli.awards import awards as awards_command
from chuyenhoa.errors import ChuyenhoaError, PluginError
from chuyenhoa.plugins import host as plugins_module
from chuyenhoa.plugins.host import PluginHost
from chuyenhoa.reading.tables import header_id

DATA = Path(__file__).resolve().parent / "awards_data"
PLAN = DATA / "plan-awards.toml"
EXAMPLE = Path(__file__).resolve().parent.parent / "provinces" / "binhphuoc" / "examples" / "binhphuoc-nominees.csv"
HEADER = ["nominee_id", "name", "kind", "unit", "leader", "grassroots", "targets_met", "achievement_score",
          "has_submission", "has_minutes", "has_report"]
VI_HEADER = ["Mã", "Họ và tên", "Loại", "Đơn vị công tác", "Chức vụ", "Lãnh đạo", "Cấp cơ sở",
             "Đạt và vượt chỉ tiêu", "Điểm thành tích", "Tờ trình", "Biên bản họp", "Báo cáo thành tích", "Ghi chú"]
#: made-up people, units, positions and notes; none is a word any message of chuyenhoa uses
PEOPLE = ["Nguyễn Văn Kínđáo", "Trần Thị Riêngtư", "Lê Văn Bảomật", "Phạm Thị Giấutên", "Hoàng Văn Ẩndanh",
          "Võ Thị Khôngtên", "Đặng Văn Mậtdanh", "Bùi Thị Tênthật"]
UNITS = ["Công an xã Kínđáo Hạ", "Đồn Biên phòng Riêngtư", "Phòng Bảomật Tổng hợp"]
POSITIONS = ["Phó Trưởng Công an xã Kínđáo", "Đội trưởng Đội Riêngtư"]
NOTES = ["Ghi chú về Lê Văn Bảomật, con ông Bảomật Cha"]
#: values of the non-personal columns, which messages name by design ("giá trị không phải 'individual'…")
VOCABULARY = {"collective", "individual", "tập thể", "cá nhân", "không", "true", "false", "yes"}


class Pack:
    @hookimpl
    def chuyenhoa_register_provinces(self, register):
        register(ProvinceSpec(slug="thinghiem", name="Thử Nghiệm", code="99", plans=[PLAN], geographies=[]))


def host(*plugins: object) -> PluginHost:
    return PluginHost(autoload=False, plugins=[Pack(), *plugins])


def person(ident: str, who: str, unit: str = "Đơn vị giả lập", leader: str = "không", kind: str = "individual",
           score: object = 50, **cells: object) -> list[object]:
    docs = {"has_submission": "có", "has_minutes": "có", "has_report": "có", "grassroots": "", "targets_met": ""}
    docs |= cells
    return [ident, who, kind, unit, leader, docs["grassroots"], docs["targets_met"], score, docs["has_submission"],
            docs["has_minutes"], docs["has_report"]]


def shifted_left(who: str, unit: str) -> list[object]:
    """The id cell left out: every cell one column to the left (the name lands in nominee_id)."""
    return [*person("", who, unit)[1:], ""]


def shifted_right(ident: str, who: str, unit: str) -> list[object]:
    """One cell too many at the front, the last cell lost: the id lands in name, the name in kind."""
    return ["", *person(ident, who, unit)[:-1]]


#: name → (header, rows): files that must fail, each error read for personal data
BAD = {
    "shifted_left": (HEADER, [person("CN01", PEOPLE[0]), shifted_left(PEOPLE[1], UNITS[0])]),
    "shifted_right": (HEADER, [person("CN01", PEOPLE[0]), shifted_right("CN02", PEOPLE[1], UNITS[1])]),
    "shifted_right_overflowing": (HEADER, [["", *person("CN02", PEOPLE[2], UNITS[2])]]),
    "name_as_kind": (HEADER, [person("CN01", "", kind=PEOPLE[3])]),
    "name_as_flag": (HEADER, [person("CN01", PEOPLE[0], leader=PEOPLE[4]),
                              person("CN02", PEOPLE[1], has_report=PEOPLE[5])]),
    "name_as_score": (HEADER, [person("CN01", PEOPLE[0], score=PEOPLE[6])]),
    "bad_flags": (HEADER, [person("CN01", PEOPLE[0], leader="thỉnh thoảng"), person("CN02", PEOPLE[1], leader="2")]),
    "bad_kinds": (HEADER, [person("CN01", PEOPLE[0], kind="nhân viên"), person("CN02", PEOPLE[1], kind="")]),
    "duplicate_ids": (HEADER, [person("CN01", PEOPLE[0]), person("CN01", PEOPLE[1])]),
    "duplicate_names_as_ids": (HEADER, [shifted_left(PEOPLE[2], UNITS[0]), shifted_left(PEOPLE[2], UNITS[1])]),
    "empty_ids": (HEADER, [person("", PEOPLE[0]), person("  ", PEOPLE[1], UNITS[2])]),
    "many_errors": (HEADER, [person(f"CN{i:02d}", PEOPLE[i % 8], kind=PEOPLE[(i + 1) % 8]) for i in range(20)]),
    "vietnamese_headers_shifted": (VI_HEADER, [
        ["CN01", PEOPLE[0], "cá nhân", UNITS[0], POSITIONS[0], "có", "", "", 9, "có", "có", "có", NOTES[0]],
        [PEOPLE[1], "cá nhân", UNITS[1], POSITIONS[1], "không", "", "", 8, "có", "có", "có", NOTES[0], ""]]),
    "data_under_an_empty_header": ([*HEADER, ""], [[*person("CN01", PEOPLE[0]), PEOPLE[7]]]),
    "missing_required_column": ([h for h in HEADER if h != "kind"],
                                [[c for i, c in enumerate(person("CN01", PEOPLE[0])) if i != 2]]),
    "missing_column_the_scheme_needs": ([h for h in HEADER if h != "leader"],
                                        [[c for i, c in enumerate(person("CN01", PEOPLE[0])) if i != 4]]),
}
#: name → the text of a file a CSV writer would not write: tabs, stray quotes, a ragged row
RAW = {
    "tab_separated": "\t".join(HEADER) + "\n" + "\t".join(map(str, person("CN01", PEOPLE[0], UNITS[0]))) + "\n",
    "stray_quote": ",".join(HEADER) + "\n" + f'CN01,{PEOPLE[1]} "Út",individual,"{UNITS[1]},không,,,5,có,có,có\n',
    "ragged_row": ",".join(HEADER) + "\n" + f"CN01,{PEOPLE[2]},individual,{UNITS[2]},không,,,5,có,có,có,"
                  f"{PEOPLE[3]},{POSITIONS[0]}\n",
}
#: files that read: what they produce is checked for personal data, and redacted for none
GOOD = {
    "plain": (HEADER, [person("CN01", PEOPLE[0], UNITS[0], leader="có"), person("CN02", PEOPLE[1], UNITS[1]),
                       person("TT01", PEOPLE[2], UNITS[2], "", "collective", grassroots="có", targets_met="không"),
                       person("CN03", PEOPLE[3], UNITS[0], "", has_minutes="không")]),
    "name_in_unit_column": (HEADER, [person("CN01", "", PEOPLE[4]), person("CN02", PEOPLE[5], "")]),
    "vietnamese_headers": (VI_HEADER, [
        ["CN01", PEOPLE[0], "cá nhân", UNITS[0], POSITIONS[0], "có", "", "", 9, "có", "có", "có", NOTES[0]],
        ["CN02", PEOPLE[1], "cá nhân", UNITS[1], POSITIONS[1], "không", "", "", 8, "có", "có", "", PEOPLE[6]],
        ["TT01", PEOPLE[7], "tập thể", UNITS[2], "", "", "có", "có", 7, "có", "có", "có", ""]]),
}


def write(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def secrets(header: list[str], rows: list[list[object]]) -> set[str]:
    """Every cell that no message may print: all but the vocabulary of the typed columns and plain numbers."""
    found = set()
    for row in rows:
        for cell in row:
            text = str(cell).strip()
            if len(text) >= 4 and text.casefold() not in VOCABULARY and not text.replace(",", "").isdigit():
                found.add(text)
    return found


def personal(header: list[str], rows: list[list[object]]) -> set[str]:
    """The cells of every column a redacted output leaves out: all but the id, kind, yes/no and score columns."""
    keep = {i for i, h in enumerate(header) if header_id(h, HEADERS) in NON_PERSONAL_COLUMNS}
    return {str(c).strip() for row in rows for i, c in enumerate(row) if i not in keep and len(str(c).strip()) >= 4}


class Leaky:
    """A careless pack: writes names, units and positions into its messages, at every severity."""

    @hookimpl
    def chuyenhoa_award_checks(self, plan, scheme, nominees):
        return [AwardFinding(f"leak_{severity}", f"{n.name} ({n.unit}, {n.extra.get('position')}) — ghi chú",
                             nominee_id=n.nominee_id, severity=severity)
                for n in nominees for severity in ("info", "warning", "error")]


def messages(run) -> tuple[list[str], object]:
    """Every message a run produces: its error, its Python warnings, its log records."""
    texts: list[str] = []
    handler = _Collect()
    root = logging.getLogger()
    root.addHandler(handler)
    level = root.level
    root.setLevel(logging.DEBUG)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                value = run()
            except ChuyenhoaError as exc:
                texts.append(str(exc))
                texts += [str(p) for p in getattr(exc, "problems", ())]
                value = exc
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
    texts += [str(w.message) for w in caught] + handler.texts
    return texts, value


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.texts: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.texts.append(record.getMessage())


def leaks(texts: list[str], secret: set[str]) -> list[tuple[str, str]]:
    return [(s, t) for t in texts for s in secret if s in t]


# --- errors: a row and a column, never a cell ---------------------------------------------------


@pytest.mark.parametrize("case", sorted(BAD))
@pytest.mark.parametrize("redact", [False, True])
def test_no_error_of_a_bad_file_prints_a_cell(tmp_path, case, redact):
    header, rows = BAD[case]
    path = write(tmp_path / f"{case}.csv", header, rows)
    texts, value = messages(lambda: evaluate_awards("thinghiem", nominees=path, host=host(), redact=redact))
    assert isinstance(value, ChuyenhoaError), f"{case} was read: {value}"
    assert texts and all("dòng" in t or "cột" in t for t in texts[:1]), texts
    assert leaks(texts, secrets(header, rows)) == []


@pytest.mark.parametrize("case", sorted(RAW))
def test_no_error_of_a_malformed_file_prints_a_cell(tmp_path, case):
    path = tmp_path / f"{case}.csv"
    path.write_text(RAW[case], encoding="utf-8")
    texts, value = messages(lambda: evaluate_awards("thinghiem", nominees=path, host=host(), redact=True))
    assert isinstance(value, ChuyenhoaError), f"{case} was read"
    assert leaks(texts, {*PEOPLE, *UNITS, *POSITIONS}) == []


def test_errors_name_the_row_the_column_and_what_was_expected(tmp_path):
    header, rows = BAD["shifted_left"]
    path = write(tmp_path / "shifted.csv", header, rows)
    with pytest.raises(ChuyenhoaError) as caught:
        load_nominees(path)
    text = str(caught.value)
    assert "dòng 3, cột 'kind': giá trị không phải 'collective' (tập thể) hoặc 'individual' (cá nhân)" in text
    assert "dòng 3, cột 'achievement_score': giá trị không phải một số" in text
    assert PEOPLE[1] not in text and "nominee_id '" not in text
    header, rows = BAD["duplicate_names_as_ids"]
    with pytest.raises(ChuyenhoaError, match=r"dòng 3, cột 'nominee_id': cùng mã với dòng 2") as caught:
        load_nominees(write(tmp_path / "dup.csv", header, rows))
    assert PEOPLE[2] not in str(caught.value)


def test_a_workbook_with_a_shifted_row(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "nominees"
    sheet.append(["Danh sách đề nghị khen thưởng (giả lập)"])
    sheet.append(VI_HEADER)
    rows = [["CN01", PEOPLE[0], "cá nhân", UNITS[0], POSITIONS[0], True, None, None, 9, True, True, True, None],
            [PEOPLE[1], "cá nhân", UNITS[1], POSITIONS[1], False, None, None, 8, True, True, True, None, None]]
    for row in rows:
        sheet.append(row)
    path = tmp_path / "de-nghi.xlsx"
    book.save(path)
    texts, value = messages(lambda: load_nominees(path))
    assert isinstance(value, ChuyenhoaError)  # the title above the Vietnamese headers is skipped
    assert "[sheet nominees]: 3 lỗi" in texts[0] and "dòng 4, cột 'kind'" in texts[0]
    assert leaks(texts, {PEOPLE[0], PEOPLE[1], UNITS[0], UNITS[1], *POSITIONS}) == []


def test_a_pack_naming_a_nominee_not_in_the_file_is_told_without_the_value(tmp_path):
    class WrongId:
        @hookimpl
        def chuyenhoa_award_checks(self, plan, scheme, nominees):
            return [AwardFinding("x", "ghi chú", nominee_id=nominees[0].name)]  # the name where the id belongs

    header, rows = GOOD["plain"]
    with pytest.raises(PluginError) as caught:
        evaluate_awards("thinghiem", nominees=write(tmp_path / "n.csv", header, rows), host=host(WrongId()))
    assert "nominee_id" in str(caught.value) and PEOPLE[0] not in str(caught.value)


# --- headers: the usual Vietnamese ones ---------------------------------------------------------


@pytest.mark.parametrize(("header", "column"), [
    ("Họ tên", "name"), ("Họ và tên", "name"), ("HỌ VÀ TÊN", "name"), ("Họ, tên", "name"), ("Tên", "name"),
    ("Ho va ten", "name"), ("Tên tập thể/cá nhân", "name"), ("Tên tập thể, cá nhân được đề nghị", "name"),
    ("Họ và tên\n(tên tập thể)", "name"), ("Mã số", "nominee_id"), ("Loại đối tượng", "kind"),
    ("Đơn vị công tác", "unit"), ("Cơ quan/đơn vị", "unit"), ("Chức vụ, đơn vị công tác", "unit"),
    ("Chức vụ", "position"), ("Cấp bậc, chức vụ", "position"), ("Ngày sinh", "birth_date"),
    ("Số CCCD", "id_number"), ("Số điện thoại", "phone"), ("Biên bản họp Hội đồng Thi đua – Khen thưởng", "has_minutes"),
    ("Lãnh đạo (leader)", "leader"), ("Ghi chú", "ghi chú"),
])
def test_usual_vietnamese_headers_are_recognised(header, column):
    assert header_id(header, HEADERS) == column


def test_no_header_means_two_columns_once_its_accents_are_gone():
    bare: dict[str, set[str]] = {}
    for label, column in LABELS.items():
        from chuyenhoa.awards.nominees import _unaccented

        bare.setdefault(_unaccented(header_key(label)), set()).add(column)
    assert {k: v for k, v in bare.items() if len(v) > 1} == {}


def test_every_label_is_a_column_known_personal_or_not():
    from chuyenhoa.awards.model import PERSONAL_COLUMNS

    assert set(LABELS.values()) <= PERSONAL_COLUMNS | NON_PERSONAL_COLUMNS


def test_a_police_list_with_rank_position_and_birth_date_reads_and_redacts(tmp_path):
    header = ["STT", "Họ và tên", "Năm sinh", "Cấp bậc", "Chức vụ", "Đơn vị", "Mã", "Loại", "Lãnh đạo", "Tờ trình",
              "Biên bản họp", "Báo cáo thành tích"]
    rows = [[1, PEOPLE[0], "1985", "Thiếu tá", POSITIONS[0], UNITS[0], "CN01", "cá nhân", "có", "có", "có", "có"]]
    path = write(tmp_path / "ca.csv", header, rows)
    nominee = load_nominees(path).nominees[0]
    assert (nominee.extra["rank"], nominee.extra["position"], nominee.extra["birth_year"]) == \
        ("Thiếu tá", POSITIONS[0], "1985")
    result = evaluate_awards("thinghiem", nominees=path, host=host(), redact=True)
    assert result.dropped_columns == ("STT", "Năm sinh", "Cấp bậc", "Chức vụ", "Đơn vị")
    assert leaks([result.to_json(), render_awards(result)], {PEOPLE[0], "Thiếu tá", POSITIONS[0], UNITS[0]}) == []


def test_a_name_column_headed_ho_ten_is_the_name(tmp_path):
    path = write(tmp_path / "vi.csv", *GOOD["vietnamese_headers"])
    table = load_nominees(path)
    first = table.nominees[0]
    assert (first.name, first.unit, first.extra["position"]) == (PEOPLE[0], UNITS[0], POSITIONS[0])
    assert "họ và tên" not in first.extra and table.headers["name"] == "Họ và tên"


# --- redaction: every output, every format --------------------------------------------------------


@pytest.mark.parametrize("case", sorted(GOOD))
def test_messages_of_a_file_that_reads_carry_no_personal_cell(tmp_path, case):
    header, rows = GOOD[case]
    path = write(tmp_path / f"{case}.csv", header, rows)
    texts, result = messages(lambda: evaluate_awards("thinghiem", nominees=path, host=host()))
    texts += [f.message for f in result.findings]
    texts += [r.message for d in result.decisions for r in d.reasons] + list(result.notes) + [result.ranking]
    assert leaks(texts, personal(header, rows)) == []


@pytest.mark.parametrize("case", sorted(GOOD))
def test_redacted_result_holds_nothing_personal_even_from_a_leaky_pack(tmp_path, case):
    header, rows = GOOD[case]
    path = write(tmp_path / f"{case}.csv", header, rows)
    texts, result = messages(lambda: evaluate_awards("thinghiem", nominees=path, host=host(Leaky()), redact=True))
    outputs = [result.to_json(), render_awards(result), repr(result), *texts]
    assert leaks(outputs, personal(header, rows)) == []
    held = [r.message for d in result.decisions for r in d.reasons if r.code.startswith("leak_")]
    assert held and all(m.endswith("— ghi chú") for m in held)  # the warnings and errors kept, scrubbed


@pytest.fixture
def cli():
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """Test app."""

    app.command("awards")(awards_command)
    runner = CliRunner()

    def run(*args: str, plugins: tuple[object, ...] = ()):
        plugins_module.reset_host(host(*plugins))
        return runner.invoke(app, ["awards", "-p", "thinghiem", *args])

    return run


def file_text(path: Path) -> str:
    """Everything a written file holds, as text: every XML part of a .docx or .xlsx (the body, the shared strings,
    the document properties), unescaped; any other file as it is."""
    if path.suffix in (".docx", ".xlsx"):
        with zipfile.ZipFile(path) as archive:
            return "\n".join(html.unescape(archive.read(name).decode("utf-8")) for name in archive.namelist()
                             if name.endswith((".xml", ".rels")))
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", sorted(GOOD))
@pytest.mark.parametrize("format", list(AwardsFormat))
def test_redact_covers_every_format_of_the_command(tmp_path, cli, case, format):
    """The text formats and the papers (the submission in Word, the list as a workbook), each read whole."""
    header, rows = GOOD[case]
    path = write(tmp_path / f"{case}.csv", header, rows)
    secret = personal(header, rows)
    paper = format.value in ("docx", "xlsx")

    def run(name: str, *args: str, plugins: tuple[object, ...] = ()) -> tuple[object, str]:
        target = tmp_path / f"{name}.{format.value}"
        result = cli("-n", str(path), "-f", format.value, *args, *(("-o", str(target)) if paper else ()),
                     plugins=plugins)
        return result, (file_text(target) if paper and target.exists() else result.stdout)

    plain, plain_text = run("plain")
    assert plain.exit_code == 0, plain.output
    assert any(s in plain_text for s in secret)  # without --redact the names are there
    shown, shown_text = run("shown", "--redact", plugins=(Leaky(),))
    target = tmp_path / f"out.{format.value}"
    written = cli("-n", str(path), "-f", format.value, "--redact", "-o", str(target))
    assert shown.exit_code == written.exit_code == 0, shown.output + written.output
    assert leaks([shown_text, shown.stderr, written.stderr, file_text(target)], secret) == []


def test_redact_says_which_columns_it_dropped_by_header(tmp_path):
    path = write(tmp_path / "vi.csv", *GOOD["vietnamese_headers"])
    result = evaluate_awards("thinghiem", nominees=path, host=host(), redact=True)
    assert result.dropped_columns == ("Đơn vị công tác", "Chức vụ", "Ghi chú")
    doc = json.loads(result.to_json())
    assert doc["dropped_columns"] == ["Đơn vị công tác", "Chức vụ", "Ghi chú"]
    assert all(n["unit"] is None and n["extra"] == {} and n["name"] == n["nominee_id"] for n in doc["nominees"])
    assert {n["nominee_id"]: n["flags"]["leader"] for n in doc["nominees"]}["CN01"] is True  # typed columns kept
    text = render_awards(result)
    assert "Các cột không in ra vì có thể chứa thông tin cá nhân (--redact): 'Đơn vị công tác', 'Chức vụ', " \
           "'Ghi chú'" in text
    assert json.loads(evaluate_awards("thinghiem", nominees=path, host=host()).to_json())["dropped_columns"] == []


def test_redact_refuses_ids_that_look_like_names(tmp_path):
    rows = [person(PEOPLE[0], "", UNITS[0]), person("CN 02", PEOPLE[1]), person("TT-03/2024", PEOPLE[2])]
    path = write(tmp_path / "ids.csv", HEADER, rows)
    assert evaluate_awards("thinghiem", nominees=path, host=host()).nominees[0].nominee_id == PEOPLE[0]
    texts, value = messages(lambda: evaluate_awards("thinghiem", nominees=path, host=host(), redact=True))
    assert isinstance(value, ChuyenhoaError)
    assert "dòng 2, cột 'nominee_id'" in texts[0] and "--redact" in texts[0]
    assert "dòng 3" not in texts[0] and "dòng 4" not in texts[0]  # "CN 02" and "TT-03/2024" are ids
    assert leaks(texts, {PEOPLE[0], PEOPLE[1], UNITS[0]}) == []


def test_the_example_and_test_files_redact_to_nothing_personal():
    for path in (EXAMPLE, DATA / "nominees.csv"):
        lines = path.read_text(encoding="utf-8").splitlines()
        header, rows = lines[0].split(","), [line.split(",") for line in lines[1:]]
        result = evaluate_awards("thinghiem", nominees=path, host=host(), redact=True)
        assert leaks([result.to_json(), render_awards(result)], personal(header, rows)) == []
