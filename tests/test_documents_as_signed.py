"""Documents signed as they are (issue 14): what the Word report, the page, the workbook, the terminal and the
calendar say to the officer who prints, signs and forwards them.

In the reader's language there are only labels, numbers as that language writes
them, and the clauses of the documents: no path of the machine the report was made
on, no name of a file of this repository (DOMAIN.md, INDICATORS.md), no column id,
no English value of a setting in a Vietnamese sentence, no decimal point where
Vietnamese writes a comma.  Where the data came from beyond the file's name (the
list of units' package and snapshot, the tool's version) is provenance: the JSON and
the page's closing technical note carry it, a signed report does not.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import os
import re
import shutil
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

import pytest
from docx import Document
from typer.testing import CliRunner

from chuyenhoa import model
from chuyenhoa.cli.app import app
from chuyenhoa.i18n import using
from chuyenhoa.method.engine import evaluate
from chuyenhoa.method.timeline import MilestoneStatus
from chuyenhoa.output.reports import render_report
from chuyenhoa.output.results.tables import report_of
from chuyenhoa.plugins import host as plugins
from chuyenhoa.plugins.host import PluginHost
from chuyenhoa.reading.indicators import CORE_INDICATORS

PACKS = ("tayninh", "binhphuoc", "dongnai", "tuyenquang")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
AS_OF = dt.date(2024, 12, 31)
runner = CliRunner()


def pack(slug: str):
    return pytest.importorskip(f"chuyenhoa_{slug}")


def host_of(*slugs: str) -> PluginHost:
    return PluginHost(autoload=False, plugins=[pack(s) for s in slugs])


# --- what a reader may never see ------------------------------------------------------------------

#: A folder of a machine (POSIX or Windows), or a relative path of this repository ending in a file name.
PATH = re.compile(r"[A-Za-z]:\\|(?<![\w/§.-])/(?:tmp|home|root|usr|var|work|mnt|opt|Users|private)\b"
                  r"|\b[\w.-]+/[\w./-]+\.(?:py|toml|csv|xlsx|ods|md|json)\b")
MD_NAME = re.compile(r"\b[\w-]+\.md\b")
SNAKE = re.compile(r"(?<![\w-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w-])")
#: A decimal point: digits, a point, one or two digits (three would be Vietnamese thousands), not a
#: version (0.6.0) nor a clause (§II.2.1).
DOT_DECIMAL = re.compile(r"(?<![\w.§/])\d+\.\d{1,2}(?![\w.])")
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
ASCII_COMPARATOR = re.compile(r"(?<![<>=])(?:>=|<=)(?![<>=])")


#: The settings whose values are English words (the kinds of units are Vietnamese ones: xa, quan, …).
ENGLISH_ENUMS = (model.Basis, model.CapScope, model.GateTest, model.MissingIndicator, model.Rounding, model.Status,
                 model.TargetScope, model.ValueKind, MilestoneStatus)


def english_values() -> set[str]:
    """Every value of the method's settings written in English (scopes, roundings, bases, verdicts …)."""
    return {str(member.value) for kind in ENGLISH_ENUMS for member in kind if str(member.value).isalpha()}


def offences(text: str, lang: str, ids: set[str]) -> list[str]:
    """What ``text`` shows that its reader should not see, each with its context."""
    checks = [("a path", PATH), ("a .md name", MD_NAME), ("a column id", SNAKE), ("an ISO date", ISO_DATE)]
    if lang == "vi":
        words = sorted(english_values() | {i for i in ids if "_" not in i}, key=len, reverse=True)
        checks += [("an English value", re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, words)) + r")(?![\w-])")),
                   ("a decimal point", DOT_DECIMAL), ("an ASCII comparator", ASCII_COMPARATOR)]
    found = []
    for what, pattern in checks:
        for match in pattern.finditer(text):
            found.append(f"{what} {match.group()!r} in …{text[max(match.start() - 60, 0):match.end() + 40]}…")
    return found


def ids_of(result) -> set[str]:
    """The ids a result was computed with: the catalogue's columns, the plan's targets and indicators, the gates."""
    ids = set(CORE_INDICATORS) | {i.id for i in result.plan.indicators}
    ids |= {t.id for t in (*result.targets, *result.programme)} | {t.indicator for t in result.targets}
    ids |= {g.id for g in result.success_rule.gates} | {g.column for g in result.success_rule.gates if g.column}
    ids |= {i.id for h in result.hotspots for i in h.indicators}
    return {i for i in ids if i}


def docx_text(data: bytes) -> str:
    """Every paragraph of the Word file: the body, its tables, the headers and footers of each page."""
    document = Document(io.BytesIO(data))
    parts = [document.element.body]
    for section in document.sections:
        parts += [section.header._element, section.first_page_header._element, section.footer._element]
    return "\n".join("".join(t.text or "" for t in p.iter(f"{W}t")) for part in parts for p in part.iter(f"{W}p"))


TECHNICAL = re.compile(r'<footer class="technical">.*?</footer>', re.S)


def page_text(page: str) -> tuple[str, str]:
    """The page's text as a reader sees it (chart labels and tooltips included), and its technical note apart."""
    note = TECHNICAL.search(page)
    body = TECHNICAL.sub("", page)
    body = re.sub(r"<style.*?</style>", "", body, flags=re.S)

    def strip(fragment: str) -> str:
        return html.unescape(re.sub(r"<[^>]+>", "\n", fragment))

    return strip(body), strip(note.group()) if note else ""


@pytest.fixture(scope="module")
def user_data(tmp_path_factory):
    """Tây Ninh's figures as a user's own files, deep in folders whose names must not reach a report."""
    folder = tmp_path_factory.mktemp("nguoi-dung") / "Tai lieu" / "so-lieu-2024"
    folder.mkdir(parents=True)
    sample = pack("tayninh").HERE / "sample"
    shutil.copy(sample / "communes.csv", folder / "mau.csv")
    shutil.copy(sample / "province.csv", folder / "toan-tinh.csv")
    return folder


CASES = [(slug, lang) for slug in PACKS for lang in ("vi", "en")]


@pytest.mark.parametrize(("slug", "lang"), CASES)
def test_the_word_report_and_the_page_speak_only_the_readers_language(slug, lang):
    with using(lang):
        result = evaluate(slug, None, as_of=AS_OF, host=host_of(slug))
        word = docx_text(render_report(result, "docx"))
        body, note = page_text(render_report(result, "html").decode("utf-8"))
    ids = ids_of(result)
    for name, text in (("Word", word), ("page", body)):
        assert offences(text, lang, ids) == [], name
    # the provenance is kept, in the page's technical note
    assert result.data.geography in note and f"chuyenhoa {result.version}" in note


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_users_data_file_is_named_by_its_name_only(user_data, lang):
    with using(lang):
        result = evaluate("tayninh", 2024, data=user_data / "mau.csv", province_data=user_data / "toan-tinh.csv",
                          as_of=AS_OF, host=host_of("tayninh"))
        word = docx_text(render_report(result, "docx"))
        body, note = page_text(render_report(result, "html").decode("utf-8"))
        table = runner_text("--lang", lang, "evaluate", "--province", "tayninh", "--data",
                            str(user_data / "mau.csv"), "--province-data", str(user_data / "toan-tinh.csv"))
    for text in (word, body, table):
        assert "mau.csv" in text and "toan-tinh.csv" in text
        assert offences(text, lang, ids_of(result)) == []
    for text in (word, body, note, table):
        assert str(user_data) not in text and "Tai lieu" not in text


def runner_text(*args: str, env: dict[str, str] | None = None) -> str:
    plugins.reset_host(host_of("tayninh"))
    out = runner.invoke(app, list(args), env=env)
    assert out.exit_code == 0, out.output
    return out.stdout


def test_the_checks_catch_what_they_look_for():
    """The checks above fail on each thing the issue names, so a report that passes them is clean."""
    ids = {"wanted_arrest_rate", "new_complexity", "hotspot"}
    samples = {
        "Số liệu: /tmp/abc/mau.xlsx": "a path",
        "sinh bởi tools/generate_geography.py": "a path",
        "(DOMAIN.md, điểm mơ hồ 1 và 2)": "a .md name",
        "như INDICATORS.md.": "a .md name",
        "không đạt: wanted_arrest_rate": "a column id",
        "ô 'law_access_communes_rate' năm 2024 để trống": "a column id",
        "theo district, làm tròn floor": "an English value",
        "kèm crime_decreased": "a column id",
        "(cột hotspot)": "an English value",
        "tỷ lệ nằm trong 30.0–60.0%": "a decimal point",
        "đạt 6/9 chỉ tiêu (66.7%)": "a decimal point",
        "cần >= 80%": "an ASCII comparator",
        "dữ liệu ngày 2025-01-04": "an ISO date",
    }
    for text, what in samples.items():
        assert any(o.startswith(what) for o in offences(text, "vi", ids)), text
    clean = "đạt 6/9 chỉ tiêu (66,7%), cần ≥ 80% (7488/KH-UBND §III.2, §V.4.a; KH-BCĐ-TQ-2024 §II.2.1.1); 1.000 hộ"
    assert offences(clean, "vi", ids) == []
    assert offences("66.7% (7488/KH-UBND §III.4)", "en", ids) == []


# --- the plan's number and date, as the copy prints them ------------------------------------------


def test_a_plan_without_a_printed_number_or_date_says_so():
    with using("vi"):
        tuyen_quang = evaluate("tuyenquang", 2024, as_of=AS_OF, host=host_of("tuyenquang"))
        binh_phuoc = evaluate("binhphuoc", 2024, as_of=AS_OF, host=host_of("binhphuoc"))
        tay_ninh = evaluate("tayninh", 2024, as_of=AS_OF, host=host_of("tayninh"))
    assert not tuyen_quang.plan.number_printed and tuyen_quang.plan.date_printed
    assert not binh_phuoc.plan.number_printed and not binh_phuoc.plan.date_printed
    assert tay_ninh.plan.number_printed and tay_ninh.plan.date_printed
    assert tuyen_quang.to_dict()["plan"] | {"number_printed": False, "date_printed": True} == \
        tuyen_quang.to_dict()["plan"]
    for result, says, never in (
            (tuyen_quang, "Kế hoạch ngày 21/02/2024 của Ban Chỉ đạo 138 tỉnh Tuyên Quang (văn bản không ghi số; "
                          "báo cáo này gọi là KH-BCĐ-TQ-2024)", "Kế hoạch số KH-BCĐ-TQ-2024"),
            (binh_phuoc, "Kế hoạch của UBND tỉnh Bình Phước (văn bản không ghi số và ngày ký; báo cáo này gọi là "
                         "KH-UBND-BP-2024)", "ngày 23/01/2024 của"),
            (tay_ninh, "Kế hoạch số 860/KH-UBND ngày 25/03/2024 của UBND tỉnh Tây Ninh", "không ghi số")):
        word = docx_text(render_report(result, "docx"))
        body, _note = page_text(render_report(result, "html").decode("utf-8"))
        with using("vi"):
            from chuyenhoa.output.text import render_result

            table = render_result(result, width=400)
        for text in (word, body, table):
            assert says in text
            assert never not in text  # the pack's id is no number, the estimated date no date of signing


def test_the_flags_are_checked_when_the_plan_is_read(tmp_path):
    from chuyenhoa.errors import PlanFileError
    from chuyenhoa.reading.planfile import load_plan

    source = (pack("tuyenquang").HERE / "plans" / "KH-BCD-TQ-2024.toml").read_text(encoding="utf-8")
    bad = tmp_path / "plan.toml"
    bad.write_text(source.replace("number_printed = false", 'number_printed = "không"'), encoding="utf-8")
    with pytest.raises(PlanFileError, match="number_printed"):
        load_plan(bad)


# --- the Word report: rows whole on a page, headers on every page, --issuer and --date ------------


def test_no_table_row_splits_across_pages_and_every_header_row_repeats():
    with using("vi"):
        result = evaluate("tayninh", 2024, as_of=AS_OF, host=host_of("tayninh"))
    document = Document(io.BytesIO(render_report(result, "docx")))
    bordered = [t for t in document.tables if t.style is not None and t.style.name == "Table Grid"]
    assert len(bordered) >= 4  # caps, hotspots, programme goals, targets, milestones
    for table in bordered:
        first, *rest = table.rows
        assert first._tr.find(f"{W}trPr/{W}tblHeader") is not None
        for row in (first, *rest):
            properties = row._tr.find(f"{W}trPr")
            assert properties is not None and properties.find(f"{W}cantSplit") is not None
            # the schema orders a row's properties: cantSplit before tblHeader
            names = [child.tag for child in properties]
            if f"{W}tblHeader" in names:
                assert names.index(f"{W}cantSplit") < names.index(f"{W}tblHeader")


def test_issuer_and_date_on_the_command_line(tmp_path):
    output = tmp_path / "bao-cao.docx"
    plugins.reset_host(host_of("tayninh"))
    out = runner.invoke(app, ["evaluate", "--province", "tayninh", "--format", "docx", "--output", str(output),
                              "--issuer", "Ban Chỉ đạo 138 tỉnh Tây Ninh", "--date", "15/12/2024"])
    assert out.exit_code == 0, out.output
    document = Document(output)
    header = document.tables[0]
    assert [p.text for p in header.cell(0, 0).paragraphs if p.text] == ["BAN CHỈ ĐẠO 138 TỈNH TÂY NINH"]
    assert header.cell(1, 0).text == "Số: ……/BC-BCĐ"
    assert header.cell(1, 1).text == "Tây Ninh, ngày 15 tháng 12 năm 2024"
    assert any(p.text.startswith("Thực hiện Kế hoạch số 860/KH-UBND") and
               "Ban Chỉ đạo 138 tỉnh Tây Ninh báo cáo" in p.text for p in document.paragraphs)
    # two levels: the managing body above the issuing one
    out = runner.invoke(app, ["evaluate", "--province", "tayninh", "--format", "docx", "--output", str(output),
                              "--issuer", "UBND tỉnh Tây Ninh / Công an tỉnh", "--date", "2025-01-05"])
    assert out.exit_code == 0, out.output
    header = Document(output).tables[0]
    assert [p.text for p in header.cell(0, 0).paragraphs if p.text] == ["UBND TỈNH TÂY NINH", "CÔNG AN TỈNH"]
    assert header.cell(1, 1).text == "Tây Ninh, ngày 05 tháng 01 năm 2025"
    bad = runner.invoke(app, ["evaluate", "--province", "tayninh", "--format", "docx", "--output", str(output),
                              "--date", "31/02/2024"])
    assert bad.exit_code == 2 and "--date" in bad.stderr


# --- the results workbook on paper ----------------------------------------------------------------


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice is not installed in CI (.ci/run installs libreoffice-calc)")
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install -y --no-install-recommends "
                    "libreoffice-calc")
    return found


def test_every_sheet_is_set_to_print_a4_landscape_one_page_wide_but_the_hotspots(tmp_path):
    from chuyenhoa.output.results import write_result

    with using("vi"):
        result = evaluate("tayninh", 2024, as_of=AS_OF, host=host_of("tayninh"))
        path = write_result(result, "xlsx", tmp_path / "ket-qua.xlsx")
    with zipfile.ZipFile(path) as book:
        sheets = sorted(n for n in book.namelist() if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n))
        workbook = book.read("xl/workbook.xml").decode("utf-8")
        assert workbook.count("_xlnm.Print_Titles") == len(sheets)  # the header rows repeat on every page
        for name in sheets:
            xml = book.read(name).decode("utf-8")
            setup = re.search(r"<pageSetup [^>]*>", xml).group()
            assert 'paperSize="9"' in setup and 'orientation="landscape"' in setup
            if name != "xl/worksheets/sheet2.xml":  # the hotspots print across pages (the test below)
                assert 'fitToHeight="0"' in setup
                assert '<pageSetUpPr fitToPage="1"/>' in xml and 'fitToWidth="' not in setup  # 1 page wide
            assert "&amp;P/&amp;N" in xml  # "Trang 2/5" in the footer
    headers = [h for t in report_of(result).tables for h in t.headers]
    assert not [h for h in headers if SNAKE.search(h)]  # no id in brackets: the ids are the template's


@pytest.mark.slow
def test_the_results_workbook_prints_on_a_few_landscape_pages(tmp_path):
    """Before issue 14 the sample's workbook printed as 41 portrait pages of one or two columns each."""
    from chuyenhoa.output.results import write_result

    program = soffice()
    with using("vi"):
        result = evaluate("tayninh", 2024, as_of=AS_OF, host=host_of("tayninh"))
        path = write_result(result, "xlsx", tmp_path / "ket-qua.xlsx")
    subprocess.run([program, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                   check=True, capture_output=True, timeout=180)
    pdf = (tmp_path / "ket-qua.pdf").read_bytes()
    pages = re.findall(rb"/Type\s*/Page\b", pdf)
    boxes = [(float(w), float(h)) for w, h in re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)]
    # five sheets, never a column per page; the hotspots' 33 columns print three pages across (below)
    assert 5 <= len(pages) <= 24, len(pages)
    assert boxes and all(w > h for w, h in boxes)  # landscape
    assert all(abs(w - 842) < 2 and abs(h - 595) < 2 for w, h in boxes)  # A4


def test_the_hotspot_sheet_prints_readable_across_pages_with_each_rows_name(tmp_path):
    """Fitted to one page wide, the hotspots' 33 columns printed at about a third of full size."""
    import zipfile

    from chuyenhoa.output.results import write_result

    with using("vi"):
        result = evaluate("tayninh", 2024, as_of=AS_OF, host=host_of("tayninh"))
        path = write_result(result, "xlsx", tmp_path / "ket-qua.xlsx")
    with zipfile.ZipFile(path) as book:
        hotspots = book.read("xl/worksheets/sheet2.xml").decode()
        names = book.read("xl/workbook.xml").decode()
    scale = int(re.search(r'<pageSetup[^>]*scale="(\d+)"', hotspots).group(1))
    assert scale >= 75 and 'fitToPage="1"' not in hotspots
    breaks = [int(b) for b in re.findall(r'<brk id="(\d+)"', hotspots)]
    assert breaks and all(b % 2 == 1 for b in breaks)  # between indicators: a value and its verdict stay together
    assert 'pageOrder="overThenDown"' in hotspots
    # the commune's code, name and district head every page across
    assert re.search(r"_xlnm.Print_Titles[^>]*>[^<]*\$A:\$C", names.replace("&apos;", "'"))


# --- the terminal ---------------------------------------------------------------------------------


def width_of(line: str) -> int:
    return sum(0 if unicodedata.combining(c) else 1 for c in line)


@pytest.mark.parametrize("columns", [60, 80, 100, 132])
@pytest.mark.parametrize("command", [
    ("evaluate", "--province", "tayninh", "--as-of", "10/07/2024"),
    ("plan", "--province", "tayninh"),
    ("timeline", "--province", "tayninh", "--as-of", "10/07/2024"),
])
def test_terminal_tables_fit_the_terminal(command, columns):
    text = runner_text(*command, env={"COLUMNS": str(columns)})
    assert max(map(width_of, text.splitlines())) <= columns
    if command[0] == "evaluate":  # wrapped or moved under its row, never dropped
        assert "25687" in text and "Lý do: đạt 4/5 chỉ tiêu có số liệu" in " ".join(text.split())
        if columns >= 100:
            assert "Xã Long Phước" in text and "44,4–88,9%" in text and "Chưa đánh giá được" in text


def test_long_reasons_move_under_their_row():
    text = runner_text("evaluate", "--province", "tayninh", "--as-of", "10/07/2024", env={"COLUMNS": "100"})
    lines = text.splitlines()
    row = next(n for n, line in enumerate(lines) if line.startswith("  25633 "))
    assert lines[row].rstrip().endswith("Chưa chuyển hóa")
    assert lines[row + 1].lstrip().startswith("Lý do: đạt 6/9 chỉ tiêu (66,7%), cần ≥ 80%; không đạt: “Tỷ lệ")
    wide = runner_text("evaluate", "--province", "tayninh", "--as-of", "10/07/2024", env={"COLUMNS": "1000"})
    assert any(re.match(r"  25633 .*Chưa chuyển hóa +đạt 6/9", line) for line in wide.splitlines())


def test_piped_output_is_a_hundred_columns_wide():
    """Without a terminal (a pipe, a file) and without COLUMNS, tables fit 100 columns."""
    from chuyenhoa.output.text import PIPE_WIDTH, terminal_width

    environ = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    code = "from chuyenhoa.output.text import terminal_width; print(terminal_width())"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=environ,
                         check=True)
    assert PIPE_WIDTH == 100 and out.stdout.strip() == "100"
    assert terminal_width() >= 20


# --- the timeline ---------------------------------------------------------------------------------


def test_a_passed_milestone_says_passed_and_its_date_never_late():
    text = runner_text("timeline", "--province", "tayninh", "--as-of", "10/12/2024", env={"COLUMNS": "160"})
    row = next(line for line in text.splitlines() if "§IV.2" in line)
    assert "đã qua ngày 28/03/2024" in row
    assert not re.search(r"quá \d+ ngày|\d+ ngày trước", text)
    plugins.reset_host(host_of("tayninh"))
    ics = runner.invoke(app, ["timeline", "--province", "tayninh", "--as-of", "10/12/2024", "--format", "ics"])
    unfolded = ics.stdout.replace("\r\n ", "")
    assert "đã qua ngày 28/03/2024" in unfolded and not re.search(r"\d+ ngày trước", unfolded)


@pytest.mark.parametrize("fmt", ["table", "ics", "json"])
def test_an_empty_calendar_is_refused_unless_allowed(fmt):
    plugins.reset_host(host_of("binhphuoc"))  # its 2024 plan sets no milestone
    refused = runner.invoke(app, ["timeline", "--province", "binhphuoc", "--year", "2024", "--format", fmt])
    assert refused.exit_code == 2 and refused.stdout == ""
    assert refused.stderr.startswith("Lỗi: ") and "không có mốc thời gian nào có ngày" in refused.stderr
    assert "--allow-empty" in refused.stderr
    allowed = runner.invoke(app, ["timeline", "--province", "binhphuoc", "--year", "2024", "--format", fmt,
                                  "--allow-empty"])
    assert allowed.exit_code == 0, allowed.output
    assert allowed.stderr.startswith("Cảnh báo: ") and "không có mốc thời gian nào có ngày" in allowed.stderr
    if fmt == "ics":
        assert "BEGIN:VCALENDAR" in allowed.stdout and "BEGIN:VEVENT" not in allowed.stdout
    elif fmt == "json":
        assert json.loads(allowed.stdout)["milestones"] == []


# --- the page's charts: labels laid out by the width of their words -------------------------------


def test_figure_one_lays_its_labels_out_by_their_measured_width():
    from chuyenhoa.output.reports import charts
    from chuyenhoa.output.reports.svg import text_width

    for lang in ("vi", "en"):
        with using(lang):
            result = evaluate("binhphuoc", 2024, as_of=AS_OF, host=host_of("binhphuoc"))
            svg = charts.caps_chart(result)
        texts = re.findall(r'<text x="([\d.]+)"[^>]*font-size="([\d.]+)" text-anchor="start"[^>]*?'
                           r'(?: font-weight="(bold)")?>(?:<title>[^<]*</title>)?([^<]*)</text>', svg)
        assert texts
        for x, size, bold, words in texts:
            right = float(x) + text_width(html.unescape(words), float(size), bold=bool(bold))
            assert right <= charts.WIDTH, (lang, words, right)


def chromium_program() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("CI"):
        pytest.fail("Chromium is not installed in CI (.ci/run installs Debian's chromium)")
    pytest.skip("no Chromium on this machine (Debian: apt-get install chromium)")


#: Appended to a copy of the page: every text of every chart, measured by the browser that draws it.
PROBE = """<script>
addEventListener('load', () => {
  const out = [];
  document.querySelectorAll('svg.chart').forEach((svg, n) => {
    const box = svg.viewBox.baseVal, texts = [];
    svg.querySelectorAll('text').forEach(t => {
      const b = t.getBBox(), tip = t.querySelector('title');
      const words = tip ? t.textContent.slice(tip.textContent.length) : t.textContent;
      texts.push([b.x, b.y, b.width, b.height, words]);
      if (b.x < -1.5 || b.x + b.width > box.width + 1.5 || b.y + b.height > box.height + 1.5)
        out.push(['outside', n, words, b.x, b.x + b.width, box.width]);
    });
    texts.forEach((a, i) => texts.slice(i + 1).forEach(b => {
      if (a[0] < b[0] + b[2] - 1 && b[0] < a[0] + a[2] - 1 && a[1] < b[1] + b[3] - 1 && b[1] < a[1] + a[3] - 1)
        out.push(['overlap', n, a[4], b[4]]);
    }));
  });
  const pre = document.createElement('pre'); pre.id = 'measured'; pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
</script>"""


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_chart_label_is_clipped_or_overlaps_in_a_browser(lang, tmp_path):
    program = chromium_program()
    problems = {}
    for slug in PACKS:
        with using(lang):
            result = evaluate(slug, None, as_of=AS_OF, host=host_of(slug))
            page = render_report(result, "html").decode("utf-8")
        probe = tmp_path / f"{slug}.html"
        probe.write_text(page.replace("</body>", PROBE + "</body>"), encoding="utf-8")
        dom = subprocess.run([program, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                              "--disable-background-networking", "--host-resolver-rules=MAP * ~NOTFOUND",
                              f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1100,2400", "--dump-dom",
                              probe.as_uri()], capture_output=True, text=True, timeout=120, check=True).stdout
        measured = re.search(r'<pre id="measured">(.*?)</pre>', dom, re.S)
        assert measured, dom[-500:]
        found = json.loads(html.unescape(measured.group(1)))
        if found:
            problems[slug] = found
    assert problems == {}


def test_a_file_is_named_by_its_name():
    from chuyenhoa.output.words import file_name

    assert file_name("/tmp/x/mau.xlsx") == "mau.xlsx" and file_name(r"C:\Users\A\mau.xlsx") == "mau.xlsx"
    assert file_name("mau.csv") == "mau.csv"
    assert Path(file_name("/a/b/")).name == "b"
