"""Languages: every message has its English, the catalogue is compiled, and ``--lang en`` speaks English.

The catalogue checks read the source the way ``tools/i18n.py`` does (its own
functions), so a message added to the code without a translation, an f-string
passed to ``_()``, or Vietnamese text printed without a marker fails here.
"""

from __future__ import annotations

import datetime as dt
import html
import importlib.util
import json
import re
import sys
from pathlib import Path
from types import ModuleType

import chuyenhoa_tayninh
import pytest
from typer.testing import CliRunner

from chuyenhoa import i18n
from chuyenhoa.cli.app import app
from chuyenhoa.errors import ChuyenhoaError
from chuyenhoa.i18n import _, _n, set_language, translate, using
from chuyenhoa.plugins import host as plugins

REPO = Path(__file__).resolve().parent.parent
TOOL = REPO / "tools" / "i18n.py"
runner = CliRunner()


def load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("chuyenhoa_i18n_tool", TOOL)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


tool = load_tool()


@pytest.fixture(autouse=True)
def default_language(monkeypatch):
    """Every test starts in the default language and leaves nothing behind for the next one."""
    monkeypatch.delenv(i18n.ENV, raising=False)
    set_language(None)
    yield
    monkeypatch.delenv(i18n.ENV, raising=False)
    set_language(None)


@pytest.fixture(autouse=True)
def tayninh_only():
    plugins.reset_host(plugins.PluginHost(autoload=False, plugins=[chuyenhoa_tayninh]))


def run(*args: str, env: dict[str, str] | None = None):
    result = runner.invoke(app, list(args), env=env)
    assert i18n.chosen() is None, "a command must not leave its language behind"
    return result


# --- (1)–(4) the catalogue against the source ------------------------------------------------------------


@pytest.fixture(scope="module")
def scanned():
    return tool.scan()


def test_every_marker_is_called_with_one_literal(scanned):
    """No f-string, variable or run-time concatenation is passed to _(), _n(), _c() or N_()."""
    _messages, problems = scanned
    assert [str(p) for p in problems] == []


@pytest.mark.parametrize("language", sorted(tool.catalogues()))
def test_every_message_has_a_translation_and_nothing_is_stale(scanned, language):
    messages, _problems = scanned
    po = tool.catalogues()[language]
    problems = [str(p) for p in tool.check_catalogue(language, po, messages) if "not compiled" not in p.what]
    assert problems == []


def test_english_is_a_catalogue_and_the_source_has_hundreds_of_messages(scanned):
    messages, _problems = scanned
    assert "en" in tool.catalogues()
    assert len(messages) > 500  # the scan finds the messages, not an empty set that passes trivially


@pytest.mark.parametrize("language", sorted(tool.catalogues()))
def test_committed_mo_is_what_compile_makes_of_the_po(language):
    po = tool.catalogues()[language]
    header, entries = tool.read_po(po)
    assert tool.mo_path(po).read_bytes() == tool.mo_bytes(header, entries)


def test_no_vietnamese_text_is_printed_without_a_marker():
    """A message written in the code but not marked would never be translated: the scan finds it."""
    assert [str(p) for p in tool.unmarked()] == []


def test_the_scans_catch_what_they_are_meant_to(tmp_path, monkeypatch):
    """The checks above pass because the code is right, not because the scans see nothing."""
    monkeypatch.setattr(tool, "NOT_YET_TRANSLATED", ("dataset.py",))  # a module a later pass would mark
    package = tmp_path / "chuyenhoa"
    package.mkdir()
    (package / "bad.py").write_text(
        'from chuyenhoa.i18n import N_, _\n'
        'def f(row, word):\n'
        '    """Docstrings are not messages: Kết quả."""\n'
        '    a = f"dòng {row} không hợp lệ"\n'           # unmarked, and an f-string
        '    b = _(f"dòng {row}")\n'                     # an f-string inside _()
        '    c = _(word)\n'                              # a variable inside _()
        '    d = _("dòng {row} hợp lệ").format(row=row)\n'  # right
        '    e = N_("Cảnh báo")\n'                       # right
        '    return a, b, c, d, e\n', encoding="utf-8")
    (package / "dataset.py").write_text('X = "chưa dịch"\n', encoding="utf-8")  # listed as not yet translated
    messages, problems = tool.scan(package)
    assert set(messages) == {"dòng {row} hợp lệ", "Cảnh báo"}
    assert sorted(p.what.split(" ")[0] for p in problems) == ["_()", "_()"]
    unmarked = tool.unmarked(package)
    assert {p.where.rsplit(":", 1)[1] for p in unmarked} == {"4"}  # the f-string's two pieces, nothing else


def test_placeholders_must_survive_translation(tmp_path):
    po = tmp_path / "chuyenhoa.po"
    message = tool.Message("dòng {row}, cột '{column}'", plural=False)
    tool.write_po(po, tool.header_for("en"), [tool.Entry(message.msgid, ["row {line}, column '{column}'"])], "en")
    problems = [p.what for p in tool.check_catalogue("en", po, {message.key: message})]
    assert any(p.startswith("placeholders differ") for p in problems)


def test_po_round_trips_through_the_reader_and_writer(tmp_path):
    po = tool.catalogues()["en"]
    header, entries = tool.read_po(po)
    copy = tmp_path / "copy.po"
    tool.write_po(copy, header, entries, "en")
    assert tool.read_po(copy) == (header, entries)


# --- the library -----------------------------------------------------------------------------------------


def test_vietnamese_is_the_default_and_english_is_one_call_away():
    assert i18n.language() == "vi" and _("Cảnh báo:") == "Cảnh báo:"
    set_language("en")
    assert i18n.language() == "en" and _("Cảnh báo:") == "Warnings:"
    assert _n("còn {days} ngày", 1).format(days=1) == "1 day left"
    assert _n("còn {days} ngày", 3).format(days=3) == "3 days left"
    assert i18n.decimal("75.5") == "75.5"
    set_language("vi")
    assert i18n.decimal("75.5") == "75,5"


def test_environment_variable_picks_the_default(monkeypatch):
    monkeypatch.setenv(i18n.ENV, "en_GB.UTF-8")
    set_language(None)
    assert i18n.language() == "en"
    monkeypatch.setenv(i18n.ENV, "klingon")
    with pytest.warns(RuntimeWarning, match="CHUYENHOA_LANG"):
        assert set_language(None) == "vi"


def test_an_unknown_language_is_refused_with_the_choices():
    with pytest.raises(ChuyenhoaError, match=r"ngôn ngữ 'fr' không có; chọn một trong: vi, en"):
        set_language("fr")
    with using("en"), pytest.raises(ChuyenhoaError, match=r"language 'fr' is not available; choose one of: vi, en"):
        set_language("fr")


def test_using_restores_the_language_before_it():
    with using("en"):
        assert i18n.language() == "en"
        with using("vi"):
            assert i18n.language() == "vi"
        assert i18n.language() == "en"
    assert i18n.chosen() is None and i18n.language() == "vi"


def test_marked_constants_are_translated_when_shown_and_plan_text_is_not():
    from chuyenhoa.builtin.national import HOTSPOT_INDICATORS
    from chuyenhoa.model import Status
    from chuyenhoa.output.words import STATUS_VI

    with using("en"):
        assert STATUS_VI[Status.NOT_ASSESSABLE] == "CHƯA ĐÁNH GIÁ ĐƯỢC"  # the constant keeps its Vietnamese
        assert translate(STATUS_VI[Status.NOT_ASSESSABLE]) == "NOT ASSESSABLE"
        assert translate(HOTSPOT_INDICATORS[1].label) == "Clearance rate of 80% or more"
        # a legal quote and a plan's own words have no entry: they are shown as written
        assert translate(HOTSPOT_INDICATORS[1].source.quote) == HOTSPOT_INDICATORS[1].source.quote
        assert translate("Tỷ lệ điều tra, khám phá án trên 75%") == "Tỷ lệ điều tra, khám phá án trên 75%"


def test_a_vietnamese_run_never_reads_the_catalogue(monkeypatch):
    monkeypatch.setattr(i18n, "_catalogues", {})
    assert run("evaluate", "--province", "tayninh", "--as-of", "10/07/2024").exit_code == 0
    assert i18n._catalogues == {}


# --- (5) the command line --------------------------------------------------------------------------------


def test_evaluate_speaks_vietnamese_by_default_and_english_with_lang_en():
    wide = {"COLUMNS": "1000"}  # every row on one line: this test reads words, test_documents_as_signed widths
    vi = run("evaluate", "--province", "tayninh", "--as-of", "10/07/2024", env=wide)
    en = run("evaluate", "--province", "tayninh", "--as-of", "10/07/2024", "--lang", "en", env=wide)
    assert vi.exit_code == 0 and en.exit_code == 0, en.output
    assert vi.stdout.startswith("*** DỮ LIỆU MẪU GIẢ LẬP (SYNTHETIC) — KHÔNG PHẢI SỐ LIỆU THẬT ***")
    assert en.stdout.startswith("*** SYNTHETIC SAMPLE DATA — NOT REAL STATISTICS ***")
    assert en.stdout.rstrip().endswith("*** SYNTHETIC SAMPLE DATA — NOT REAL STATISTICS ***")
    for vietnamese, english in [
        ("1. LỰA CHỌN ĐỊA BÀN TRỌNG ĐIỂM", "1. HOTSPOT SELECTION"),
        ("2. KẾT QUẢ CHUYỂN HÓA", "2. TRANSFORMATION RESULTS"),
        ("3. CHỈ TIÊU CỦA KẾ HOẠCH", "3. TARGETS OF THE PLAN"),
        ("5. MỐC THỜI GIAN", "5. MILESTONES"),
        ("KHÔNG ĐẠT", "NOT MET"),
        ("CHƯA ĐÁNH GIÁ ĐƯỢC", "NOT ASSESSABLE"),
        ("Chưa chuyển hóa", "Not transformed"),
        ("đang đến hạn", "due"),
        ("Giảm cơ bản tội phạm: không đạt", "Crime substantially reduced: not met"),
        ("Tổng: 6/10 địa bàn chuyển hóa thành công (60,0%), 2 chưa đánh giá được",
         "Total: 6/10 hotspots transformed (60.0%), 2 not assessable"),
        # the boundary hotspot: its share within bounds, in the reason and in the table
        ("tỷ lệ nằm trong 44,4–88,9%, chưa đủ để kết luận (cần ≥ 80%); tỷ lệ chỉ đạt nếu cả 4 chỉ tiêu thiếu số "
         "liệu đều đạt", "the share lies within 44.4–88.9%, not enough to decide (≥ 80% needed); the share passes "
         "only if all 4 missing indicators are met"),
    ]:
        assert vietnamese in vi.stdout and english in en.stdout, (vietnamese, english)
        assert vietnamese not in en.stdout
    assert re.search(r"^  Kết quả +Chỉ tiêu +Thực tế +Ngưỡng +Căn cứ$", vi.stdout, re.MULTILINE)
    assert re.search(r"^  Result +Target +Actual +Threshold +Basis$", en.stdout, re.MULTILINE)
    # the plan's own words stay as the province wrote them, in both languages
    assert "Tỷ lệ điều tra, khám phá án trên 75%" in en.stdout


def test_lang_goes_before_the_command_and_in_the_environment_too():
    before = run("--lang", "en", "evaluate", "--province", "tayninh", "--as-of", "10/07/2024")
    from_env = run("evaluate", "--province", "tayninh", "--as-of", "10/07/2024", env={i18n.ENV: "en"})
    assert "3. TARGETS OF THE PLAN" in before.stdout and "3. TARGETS OF THE PLAN" in from_env.stdout
    override = run("evaluate", "--province", "tayninh", "--as-of", "10/07/2024", "--lang", "vi",
                   env={i18n.ENV: "en"})
    assert "3. CHỈ TIÊU CỦA KẾ HOẠCH" in override.stdout


def test_json_keeps_its_keys_and_codes_and_carries_the_words_of_the_language():
    vi = json.loads(run("evaluate", "-p", "tayninh", "-f", "json", "--as-of", "2024-07-10").stdout)
    en = json.loads(run("evaluate", "-p", "tayninh", "-f", "json", "--as-of", "2024-07-10", "--lang", "en").stdout)
    assert set(vi) == set(en) and [t["status"] for t in vi["targets"]] == [t["status"] for t in en["targets"]]
    reasons = [r for h in en["hotspots"] for r in h["reasons"]]
    assert "Crime substantially reduced: not met (offences: 10 in 2023 → 11 in 2024)" in reasons


def test_an_error_is_one_line_in_the_language_chosen():
    vi = run("evaluate", "--province", "nowhere")
    en = run("evaluate", "--province", "nowhere", "--lang", "en")
    assert vi.exit_code == en.exit_code == 2
    assert vi.output.startswith("Lỗi: không có gói tỉnh 'nowhere'")
    assert en.output.startswith("Error: no province pack 'nowhere'") and "installed provinces: tayninh" in en.output
    bad_date = run("evaluate", "-p", "tayninh", "--as-of", "hôm qua", "--lang", "en")
    assert bad_date.output.strip() == "Error: --as-of 'hôm qua' is not a date; 2024-12-31 or 31/12/2024 is needed"


def test_an_unknown_language_on_the_command_line_is_an_error():
    out = run("evaluate", "--province", "tayninh", "--lang", "fr")
    assert out.exit_code == 2 and out.output.strip() == "Lỗi: ngôn ngữ 'fr' không có; chọn một trong: vi, en"
    env = run("provinces", env={i18n.ENV: "fr"})
    assert env.exit_code == 2 and "ngôn ngữ 'fr' không có" in env.output


def test_help_is_in_the_language_chosen():
    en = run("--lang", "en", "--help")
    assert "Evaluate a province's plan" in en.stdout and "--lang" in en.stdout
    command = run("evaluate", "--help", "--lang", "en")  # --lang after --help still counts
    assert "Evaluate a province's plan" in command.stdout and "Province pack code" in command.stdout
    assert "Mã gói tỉnh" in run("evaluate", "--help").stdout


def test_timeline_and_awards_commands_take_lang():
    timeline = run("timeline", "-p", "tayninh", "--as-of", "2024-07-10", "--lang", "en")
    assert timeline.exit_code == 0, timeline.output
    assert "milestones as of 10/07/2024" in timeline.stdout and "21 days left" in timeline.stdout
    awards = run("awards", "-p", "tayninh", "-n", str(REPO / "tests" / "awards_data" / "nominees.csv"),
                 "--lang", "en")
    assert awards.exit_code == 0, awards.output
    assert "THE PLAN SETS NO AWARDS" in awards.stdout and "KẾ HOẠCH KHÔNG QUY ĐỊNH" not in awards.stdout


# --- (6) the reports -------------------------------------------------------------------------------------


@pytest.fixture
def html_pages():
    args = ["evaluate", "-p", "tayninh", "-f", "html", "--as-of", "10/07/2024"]
    return run(*args).stdout, run(*args, "--lang", "en").stdout


def test_html_report_in_english(html_pages):
    vi, en = html_pages
    assert '<html lang="vi">' in vi and '<html lang="en">' in en
    text = html.unescape(re.sub(r"<[^>]+>", " ", en))
    for words in ("Report on the results of transforming crime hotspots", "1. Selection of hotspots",
                  "2. Transformation results", "3. Targets of the plan", "4. Milestones (as of 10/07/2024)",
                  "SYNTHETIC SAMPLE DATA — NOT REAL STATISTICS", "NOT ASSESSABLE", "Not transformed",
                  "Figure 3. Each indicator and condition by hotspot", "within the cap", "Reading: The text states the 15% cap twice"):
        assert words in text, words
    for words in ("Báo cáo kết quả", "Lựa chọn địa bàn", "CHƯA ĐÁNH GIÁ ĐƯỢC", "Chưa chuyển hóa", "Hình 3.",
                  "trong trần", "Cách đọc"):
        assert words not in text, words
        assert words in html.unescape(vi), words


def test_word_report_and_calendar_in_english(tmp_path):
    from docx import Document

    from chuyenhoa.method.engine import evaluate
    from chuyenhoa.output.reports import render_report

    host = plugins.PluginHost(autoload=False, plugins=[chuyenhoa_tayninh])
    with using("en"):
        result = evaluate("tayninh", 2024, as_of=dt.date(2024, 7, 10), host=host)
        path = tmp_path / "report.docx"
        path.write_bytes(render_report(result, "docx", date=dt.date(2024, 12, 5)))
        calendar = render_report(result, "ics").decode("utf-8")
    document = Document(str(path))
    assert document.core_properties.language == "en"
    body = "\n".join(p.text for p in document.paragraphs)
    header = "\n".join(c.text for row in document.tables[0].rows for c in row.cells)
    assert "SOCIALIST REPUBLIC OF VIETNAM" in header and "Tây Ninh, 05 December 2024" in header
    assert "II. RESULTS ON THE TARGETS OF THE PLAN" in body and "KẾT QUẢ THỰC HIỆN" not in body
    assert "X-WR-CALNAME:[SYNTHETIC SAMPLE] Tây Ninh — Plan 860/KH-UBND: milestones" in calendar
    assert "//EN" in calendar.splitlines()[1] or any(line.endswith("//EN") for line in calendar.splitlines())


# --- (7) data errors, the data-entry workbook and the exports (the second pass) ---------------------------


SAMPLE = chuyenhoa_tayninh.HERE / "sample"


def _sample_with(tmp_path, row: int, column: str, value: str) -> Path:
    """The sample's communes table with one cell (data row ``row``, 1-based) replaced by ``value``."""
    import csv

    with open(SAMPLE / "communes.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    rows[row][rows[0].index(column)] = value
    path = tmp_path / "communes.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def test_a_data_error_in_english(tmp_path):
    args = ("evaluate", "-p", "tayninh", "--as-of", "2024-07-10", "--province-data", str(SAMPLE / "province.csv"))
    data = _sample_with(tmp_path, 2, "clearance_rate", "120")
    vi = run(*args, "--data", str(data))
    en = run(*args, "--data", str(data), "--lang", "en")
    assert vi.exit_code == en.exit_code == 2
    assert vi.output.strip() == (f"Lỗi: {data}, dòng 3, cột 'clearance_rate': 120 nằm ngoài khoảng 0–100; cần một tỷ "
                                 "lệ phần trăm từ 0 đến 100 (ví dụ 75, 75,5 hoặc 75%)")
    assert en.output.strip() == (f"Error: {data}, row 3, column 'clearance_rate': 120 is outside 0–100; a "
                                 "percentage from 0 to 100 (e.g. 75, 75.5 or 75%) is needed")
    code = run(*args, "--data", str(_sample_with(tmp_path, 1, "commune_code", "99999")), "--lang", "en")
    assert code.exit_code == 2 and "code 99999 is not a commune of Tây Ninh (list of " in code.output
    assert "the 5-digit code of the General Statistics Office is needed" in code.output
    flag = run(*args, "--data", str(_sample_with(tmp_path, 1, "hotspot", "maybe")), "--lang", "en")
    assert "column 'hotspot': 'maybe' is not yes/no (or có/không, true/false, 1/0, x/empty)" in flag.output
    missing = run(*args, "--data", str(tmp_path / "none.csv"), "--lang", "en")
    assert missing.output.strip() == f"Error: {tmp_path / 'none.csv'}: file not found"


def test_data_messages_follow_the_language_and_the_reader_does_not():
    from chuyenhoa.model import ValueKind
    from chuyenhoa.reading.cells import EXPECTED, parse_flag, parse_rate

    with using("en"):
        assert EXPECTED[ValueKind.COUNT] == "a non-negative whole number (e.g. 12)"  # the awards reader uses it too
        with pytest.raises(ValueError, match=r"^'x1' is not a year \(e.g. 2024\)$"):
            from chuyenhoa.reading.cells import parse_year

            parse_year("x1")
        assert parse_flag("có") is True and parse_flag("không") is False and parse_rate("75,5") == 75.5
    assert EXPECTED[ValueKind.COUNT] == "một số nguyên không âm (ví dụ 12)"


def test_results_workbook_csv_and_markdown_in_english(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    base = ("evaluate", "-p", "tayninh", "--as-of", "10/07/2024", "--lang", "en")
    assert run(*base, "-f", "xlsx", "-o", str(tmp_path / "results.xlsx")).exit_code == 0
    book = openpyxl.load_workbook(tmp_path / "results.xlsx")
    assert book.sheetnames == ["Summary", "Hotspots", "Selection", "Milestones", "Notes"]
    cells = {str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value is not None}
    for words in ("*** SYNTHETIC SAMPLE DATA — NOT REAL STATISTICS ***", "Result", "Target id", "Commune code",
                  "Indicators met", "Verdict", "MET", "NOT MET", "NOT ASSESSABLE", "Not transformed", "met",
                  "not met", "within the cap", "due", "passed", "Year evaluated", "Rule for a transformed hotspot",
                  "Hotspot selection"):
        assert words in cells, words
    for words in ("ĐẠT", "KHÔNG ĐẠT", "Kết quả", "Mã xã", "Chưa chuyển hóa", "đạt", "trong trần", "Năm đánh giá"):
        assert words not in cells, words
    coloured = {rule.formula[0].strip('"') for ws in book.worksheets for f in ws.conditional_formatting
                for rule in f.rules}
    assert {"MET", "NOT MET", "NOT ASSESSABLE", "met", "within the cap", "OVER THE CAP", "due"} <= coloured
    assert not coloured & {"ĐẠT", "KHÔNG ĐẠT", "đạt"}
    # the CSV files keep their names; their headers and the synthetic column speak English
    assert run(*base, "-f", "csv", "-o", str(tmp_path / "csv")).exit_code == 0
    with open(tmp_path / "csv" / "chi_tieu.csv", encoding="utf-8-sig") as handle:
        header, first = handle.readline().strip(), handle.readline()
    assert header.startswith("Data,Result,Kind,Target id,Target,Actual,Comparator,Threshold")
    assert first.startswith("SYNTHETIC — not real statistics,")
    markdown = run(*base, "-f", "md").stdout
    assert "# Tây Ninh — Plan No. 860/KH-UBND of 25/03/2024 by UBND tỉnh Tây Ninh" in markdown and "✅ MET" in markdown and "❌ NOT MET" in markdown
    assert "## 2. Transformation results of the hotspots in 2024" in markdown and "⏰ due" in markdown
    assert "ĐẠT" not in markdown and "Giá trị" not in markdown
    assert re.search(r"\| \d+\.\d+ [✅❌❔]", markdown)  # decimals with a point in English


def test_template_in_english_keeps_the_data_contract(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    from chuyenhoa.reading.tables import header_id

    out = run("template", "-p", "tayninh", "--year", "2024", "--from", "sample", "-o", str(tmp_path / "t.xlsx"),
              "--lang", "en")
    assert out.exit_code == 0, out.output
    assert "Written: " in out.output and "94 communes" in out.output and "SYNTHETIC" in out.output
    assert "Đã ghi" not in out.output
    book = openpyxl.load_workbook(tmp_path / "t.xlsx")
    assert book.sheetnames == ["Guide", "communes", "province"]  # the data sheets keep their names
    ws = book["communes"]
    headers = [c.value for c in ws[5]]
    assert "Commune code (administrative unit code) (commune_code)" in headers
    assert "Clearance rate (%) (clearance_rate)" in headers
    assert [header_id(h) for h in headers[:5]] == ["commune_code", "commune_name", "commune_kind",
                                                    "district_name", "year"]
    from chuyenhoa.reading.dataset import INFORMATIONAL_COLUMNS
    from chuyenhoa.reading.indicators import CORE_INDICATORS

    # the labels of the contract are English (a Vietnamese term quoted “…” aside); a pack's own stay as written
    contract = [h for h in headers if header_id(h) in CORE_INDICATORS or header_id(h) in INFORMATIONAL_COLUMNS]
    assert len(contract) > 30 and not [h for h in contract if i18n_vietnamese(re.sub(r"“[^”]*”", "", h))]
    validations = {str(v.sqref).split(":")[0][:1]: v for v in ws.data_validations.dataValidation}
    flag_lists = {v.formula1 for v in validations.values() if v.type == "list"}
    assert flag_lists == {'"yes,no"'}
    prompts = " ".join(v.error or "" for v in validations.values())
    assert "is needed. Leave empty while there are no data." in prompts and "Để trống" not in prompts
    guide = [c.value for row in book["Guide"].iter_rows() for c in row if isinstance(c.value, str)]
    assert any(t.startswith("HOW TO ENTER THE DATA — Tây Ninh — 2024") for t in guide)
    assert "*** SYNTHETIC SAMPLE DATA — NOT REAL STATISTICS: last year's pre-filled figures are fake, only for " \
           "trying the tool ***" in guide
    assert not any("HƯỚNG DẪN" in t or "Nhập vào" in t for t in guide)
    # last year's yes/no cells are pre-filled in the words of the template, which the reader takes back
    previous = {c.value for row in ws.iter_rows(min_row=6) for c in row}
    assert "yes" in previous or "no" in previous
    assert not previous & {"có", "không"}


def i18n_vietnamese(text: str) -> bool:
    return bool(tool.VIETNAMESE.search(text))
