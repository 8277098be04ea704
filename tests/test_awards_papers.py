"""The awards papers: the submission (tờ trình, .docx) and the list (danh sách, .xlsx), read back from the files.

A board signs and forwards them as they are, so the tests read what a reader sees: the headings and tables of
the Word file (python-docx), the rows that repeat and never split, the sheets, headers and print setup of the
workbook (openpyxl), and a plan without an award scheme, whose papers must say so and invent no quota.  The
nominee workbook (``chuyenhoa template --nominees``) is filled in programmatically and read back by
``chuyenhoa awards``.  Every name is made up (the synthetic file of the Bình Phước pack).
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import chuyenhoa_tayninh
import pytest
from docx import Document
from docx.shared import Mm
from typer.testing import CliRunner

from chuyenhoa.awards import evaluate_awards
from chuyenhoa.awards.model import NOMINEE_FLAGS
from chuyenhoa.awards.nominees import KNOWN_COLUMNS
from chuyenhoa.cli.app import app
from chuyenhoa.errors import ChuyenhoaError
from chuyenhoa.output.awards import render_paper
from chuyenhoa.output.awards.xlsx import SHEETS
from chuyenhoa.plugins import host as plugins_module
from chuyenhoa.plugins.host import PluginHost

binhphuoc = pytest.importorskip("chuyenhoa_binhphuoc")
openpyxl = pytest.importorskip("openpyxl")

EXAMPLE = Path(__file__).resolve().parent.parent / "provinces" / "binhphuoc" / "examples" / "binhphuoc-nominees.csv"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: every id of the data contract and of the JSON: none may head a column of a paper
IDS = {*KNOWN_COLUMNS, *NOMINEE_FLAGS, "status", "code", "severity", "source", "rank", "position", "flag"}
runner = CliRunner()


def host() -> PluginHost:
    return PluginHost(autoload=False, plugins=[binhphuoc, chuyenhoa_tayninh])


def run(*args: str):
    plugins_module.reset_host(host())
    return runner.invoke(app, list(args))


def awards(tmp_path: Path, fmt: str, *args: str, province: str = "binhphuoc", nominees: Path = EXAMPLE) -> Path:
    target = tmp_path / f"paper-{province}.{fmt}"
    result = run("awards", "-p", province, "-n", str(nominees), "-f", fmt, "-o", str(target), *args)
    assert result.exit_code == 0, result.output
    assert target.exists() and str(target) in result.stderr  # "Đã ghi …": the file is named
    return target


def texts(document) -> list[str]:
    """Every paragraph's text, the body's and the tables', in order."""
    return ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in document.element.body.iter(f"{W}p")]


def grid_tables(document) -> list:
    """The bordered tables (the header and the signature block are tables without borders)."""
    return [t for t in document.tables if t.style is not None and t.style.name == "Table Grid"]


def header_cells(table) -> list[str]:
    return [c.text for c in table.rows[0].cells]


def no_ids(headers: list[str]) -> list[str]:
    """The headers that name an id of the data contract rather than saying it in words."""
    return [h for h in headers if any(re.search(rf"(?<![\w]){re.escape(i)}(?![\w])", h) for i in IDS)]


@pytest.fixture
def result():
    return evaluate_awards("binhphuoc", 2024, nominees=EXAMPLE, host=host())


# --- the submission (.docx) -----------------------------------------------------------------------


def test_submission_is_a_decree_30_document_with_the_checks_and_the_list(tmp_path, result):
    path = awards(tmp_path, "docx", "--issuer", "Sở Nội vụ / Ban Thi đua - Khen thưởng", "--date", "05/12/2024",
                  "--number", "15/TTr-SNV", "--signer", "Người Ký Giả Lập", "--signer-title", "Trưởng ban",
                  "--recipient", "Chủ tịch UBND tỉnh")
    document = Document(str(path))
    section = document.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(0.1) and abs(section.left_margin - Mm(30)) < Mm(0.1)
    body = texts(document)
    for expected in ("SỞ NỘI VỤ", "BAN THI ĐUA - KHEN THƯỞNG", "Số: 15/TTr-SNV", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                     "Bình Phước, ngày 05 tháng 12 năm 2024", "TỜ TRÌNH", "Kính gửi: Chủ tịch UBND tỉnh",
                     "I. QUY ĐỊNH KHEN THƯỞNG CỦA KẾ HOẠCH", "II. KẾT QUẢ ĐỐI CHIẾU HỒ SƠ ĐỀ NGHỊ",
                     "III. DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG", "IV. CÁC HỒ SƠ KHÔNG ĐỀ XUẤT, GIỮ LẠI", "Nơi nhận:",
                     "TRƯỞNG BAN", "Người Ký Giả Lập", "- Chủ tịch UBND tỉnh;", "- Lưu: VT."):
        assert any(expected in t for t in body), expected
    assert body.index("TỜ TRÌNH") < body.index("I. QUY ĐỊNH KHEN THƯỞNG CỦA KẾ HOẠCH") \
        < body.index("III. DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG")
    whole = "\n".join(body)
    # Vietnamese number forms: counts as documents write them, shares with the decimal comma
    assert "Bằng khen của Chủ tịch UBND tỉnh cho 03 tập thể, 05 cá nhân" in whole
    assert "đề nghị 04 tập thể, 07 cá nhân" in whole and "KHÔNG ĐÚNG QUY ĐỊNH" in whole
    assert "3/7 (42,9%)" in whole and "không quá 40% × 7 = 2,8, làm tròn xuống: tối đa 2" in whole
    assert "2/5 (40%); không quá 40% × 5 = 2: tối đa 2 — trong giới hạn (26/2020/QĐ-UBND khoản 5 Điều 11)" in whole
    # the proposal is named by its file's name, never by the folders of the machine it was checked on
    assert f"Hồ sơ đề nghị: {EXAMPLE.name};" in whole and str(EXAMPLE.parent) not in whole
    # a paper to be signed speaks of the plan, not of the tool or its options (those stay in the properties)
    assert "chuyenhoa" not in whole and "--" not in whole
    assert "achievement_score" not in whole and "nominee_id" not in whole  # the workbook's headers, not our ids


def test_submission_tables_repeat_their_header_never_split_and_speak_in_words(tmp_path, result):
    document = Document(str(awards(tmp_path, "docx")))
    tables = grid_tables(document)
    assert len(tables) == 6  # rules, proposal, findings, collectives, individuals, out and held back
    for table in tables:
        rows = table._tbl.findall(f"{W}tr")
        assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
        assert all(row.find(f"{W}trPr/{W}cantSplit") is not None for row in rows)
        assert no_ids(header_cells(table)) == [], header_cells(table)
    rules, proposal, findings, collectives, individuals, held = tables
    assert [r.cells[1].text for r in rules.rows[1:]] == ["Hình thức", "Số lượng", "Số lượng", "Tỷ lệ tối đa",
                                                          "Tiêu chuẩn", "Ưu tiên", "Ưu tiên", "Hồ sơ", "Hồ sơ",
                                                          "Hồ sơ"]
    assert all("§III" in r.cells[-1].text or "Điều 11" in r.cells[-1].text for r in rules.rows[1:])
    assert [[c.text for c in r.cells[1:5]] for r in proposal.rows[1:]] == [
        ["Số tập thể", "04", "tối đa 03", "VƯỢT"], ["Số cá nhân", "07", "tối đa 06", "VƯỢT"],
        ["Tỷ lệ lãnh đạo, quản lý từ Phó trưởng phòng trở lên", "3/7 (42,9%)",
         "không quá 40% × 7 = 2,8, làm tròn xuống: tối đa 2", "VƯỢT"]]
    assert {r.cells[1].text: r.cells[-1].text for r in findings.rows[1:]} == {
        "TT04": "KH-UBND-BP-2024 §III.3.a", "CN06": "KH-UBND-BP-2024 §III.4"}
    # the recommended list in the order of ranking, a table per kind
    listed = [r.cells[1].text for r in (*collectives.rows[1:], *individuals.rows[1:])]
    assert listed == list(result.recommended)
    assert header_cells(individuals)[2:4] == ["Tên tập thể, cá nhân", "Cơ quan, đơn vị"]
    assert individuals.rows[1].cells[2].text == result.nominee(result.recommended[3]).name
    out = {r.cells[1].text: (r.cells[4].text, r.cells[-1].text) for r in held.rows[1:]}
    assert out == {"TT04": ("KHÔNG ĐỀ XUẤT", "KH-UBND-BP-2024 §III.3.a"),
                   "CN06": ("KHÔNG ĐỀ XUẤT", "KH-UBND-BP-2024 §III.4"),
                   "CN05": ("GIỮ LẠI", "26/2020/QĐ-UBND khoản 5 Điều 11")}


def test_submission_blanks_what_only_the_signer_knows(tmp_path):
    document = Document(str(awards(tmp_path, "docx")))
    body = texts(document)
    assert "Số: ……/TTr-……" in body and "Bình Phước, ngày …… tháng …… năm ……" in body
    assert any(t.startswith("………… kính trình Chủ tịch UBND tỉnh xem xét, tặng") for t in body)
    assert document.core_properties.author.startswith("chuyenhoa")


def test_redacted_submission_has_no_name_nor_unit_column(tmp_path, result):
    document = Document(str(awards(tmp_path, "docx", "--redact")))
    whole = "\n".join(texts(document))
    assert not any(n.name in whole for n in result.nominees if n.name)
    assert "Bản che thông tin cá nhân: họ tên đã được thay bằng mã." in whole
    assert "'name'" not in whole and "Các cột không in ra vì có thể chứa thông tin cá nhân: 'unit'" in whole
    assert "--redact" not in whole
    for table in grid_tables(document):
        assert "Tên tập thể, cá nhân" not in header_cells(table) and "Cơ quan, đơn vị" not in header_cells(table)


# --- the list (.xlsx) -----------------------------------------------------------------------------


def header_row(ws) -> int:
    """The row the print setup repeats on every page: the table's header."""
    match = re.fullmatch(r"\$?(\d+):\$?(\d+)", ws.print_title_rows or "")
    assert match, ws.print_title_rows
    return int(match[1])


def table_of(ws) -> tuple[list[str], list[list[object]]]:
    row = header_row(ws)
    headers = [c.value for c in ws[row] if c.value is not None]
    rows = [[c.value for c in r][: len(headers)] for r in ws.iter_rows(min_row=row + 1)]
    return headers, [r for r in rows if any(v not in (None, "") for v in r)]


def test_list_workbook_sheets_print_setup_and_headers(tmp_path, result):
    book = openpyxl.load_workbook(awards(tmp_path, "xlsx"))
    assert book.sheetnames == list(SHEETS)
    for ws in book.worksheets:
        setup = ws.page_setup
        assert setup.orientation == "landscape" and str(setup.paperSize) == "9", ws.title
        # one page wide (1 is the default width the file may leave out), as many pages high as needed
        assert ws.sheet_properties.pageSetUpPr.fitToPage and setup.fitToWidth in (None, 1) and setup.fitToHeight == 0
        assert "&P" in ws.oddFooter.center.text and "&N" in ws.oddFooter.center.text
        headers, _rows = table_of(ws)
        assert headers and no_ids(headers) == [], (ws.title, headers)
        assert ws.freeze_panes == f"A{header_row(ws) + 1}"
    assert book.properties.creator.startswith("chuyenhoa")

    headers, rows = table_of(book["Tổng hợp"])
    assert headers == ["Danh sách", "Nội dung", "Số lượng", "Giới hạn", "Kết quả", "Căn cứ"]
    assert [(r[0], r[1], r[4]) for r in rows] == [
        ("Đề nghị", "Số tập thể", "VƯỢT"), ("Đề nghị", "Số cá nhân", "VƯỢT"),
        ("Đề nghị", "Tỷ lệ lãnh đạo, quản lý từ Phó trưởng phòng trở lên", "VƯỢT"),
        ("Đề xuất", "Số tập thể", "trong giới hạn"), ("Đề xuất", "Số cá nhân", "trong giới hạn"),
        ("Đề xuất", "Tỷ lệ lãnh đạo, quản lý từ Phó trưởng phòng trở lên", "trong giới hạn")]
    assert rows[2][5] == "26/2020/QĐ-UBND khoản 5 Điều 11"

    headers, rows = table_of(book["Danh sách đề xuất"])
    assert [r[headers.index("Mã")] for r in rows] == list(result.recommended)
    assert [r[0] for r in rows] == ["1", "2", "3", "1", "2", "3", "4", "5"]

    headers, rows = table_of(book["Kết quả từng hồ sơ"])
    by_id = {r[headers.index("Mã")]: r for r in rows}
    assert len(by_id) == 11
    assert by_id["CN05"][headers.index("Kết quả")] == "GIỮ LẠI"
    assert "khoản 5 Điều 11" in by_id["CN05"][headers.index("Căn cứ")]
    assert by_id["TT04"][headers.index("Kết quả")] == "KHÔNG ĐỀ XUẤT"

    headers, rows = table_of(book["Nhận xét"])
    assert {r[headers.index("Mã")] for r in rows} >= {"TT04", "CN06", "(chung)"}
    assert all(r[headers.index("Căn cứ")] for r in rows)

    headers, rows = table_of(book["Quy định"])
    assert headers == ["TT", "Quy định", "Áp dụng cho", "Nội dung", "Căn cứ", "Trích dẫn văn bản",
                       "Cách đọc đã áp dụng"]
    quota = next(r for r in rows if r[3] == "tối đa 06 cá nhân")
    assert quota[4] == "KH-UBND-BP-2024 §III.2" and "03 tập thể - 06 cá nhân" in quota[5]


def test_redacted_list_has_no_name_nor_unit_column(tmp_path, result):
    book = openpyxl.load_workbook(awards(tmp_path, "xlsx", "--redact"))
    cells = " ".join(str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value)
    assert not any(n.name in cells or (n.unit and n.unit in cells) for n in result.nominees if n.name)
    for ws in book.worksheets:
        headers, _rows = table_of(ws)
        assert "Tên tập thể, cá nhân" not in headers and "Cơ quan, đơn vị" not in headers


# --- a plan without an award scheme ---------------------------------------------------------------


def test_papers_of_a_plan_without_a_scheme_say_so_and_invent_no_quota(tmp_path):
    document = Document(str(awards(tmp_path, "docx", province="tayninh")))
    whole = "\n".join(texts(document))
    assert "Kế hoạch 860/KH-UBND không quy định hình thức, số lượng, tiêu chuẩn khen thưởng" in whole
    assert "Không lập danh sách đề xuất" in whole and "CHƯA ĐÁNH GIÁ ĐƯỢC" in whole
    assert "tối đa" not in whole and "Kính gửi: ………………" in whole
    (received,) = grid_tables(document)  # no rules, no limits, no list: the nominees received, undecided
    assert {r.cells[4].text for r in received.rows[1:]} == {"CHƯA XÉT"} and len(received.rows) == 12

    book = openpyxl.load_workbook(awards(tmp_path, "xlsx", province="tayninh"))
    for name in ("Tổng hợp", "Danh sách đề xuất", "Quy định"):
        headers, rows = table_of(book[name])
        assert rows == [], name
    cells = [str(c.value) for row in book["Tổng hợp"].iter_rows() for c in row if c.value]
    assert any("không quy định hình thức, số lượng, tiêu chuẩn khen thưởng" in c for c in cells)
    assert not any("tối đa" in c for ws in book.worksheets for row in ws.iter_rows() for c in
                   (str(x.value) for x in row if x.value))
    headers, rows = table_of(book["Kết quả từng hồ sơ"])
    assert {r[headers.index("Kết quả")] for r in rows} == {"CHƯA XÉT"}


# --- the command: --output required, never over an input, options only where they mean something --------------


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_papers_need_a_file_and_never_overwrite_an_input(tmp_path, fmt):
    for output in ((), ("-o", "-")):
        refused = run("awards", "-p", "binhphuoc", "-n", str(EXAMPLE), "-f", fmt, *output)
        assert refused.exit_code == 2 and f"--format {fmt} cần --output" in refused.stderr
    copy = tmp_path / "de-nghi.csv"
    copy.write_bytes(EXAMPLE.read_bytes())
    refused = run("awards", "-p", "binhphuoc", "-n", str(copy), "-f", fmt, "-o", str(copy))
    assert refused.exit_code == 2 and "trùng với tệp dữ liệu đầu vào" in refused.stderr
    assert copy.read_bytes() == EXAMPLE.read_bytes()


def test_submission_options_are_refused_where_they_mean_nothing(tmp_path):
    for fmt in ("table", "json", "xlsx"):
        refused = run("awards", "-p", "binhphuoc", "-n", str(EXAMPLE), "-f", fmt, "-o", str(tmp_path / "x"),
                      "--issuer", "Sở Nội vụ", "--date", "2024-12-05")
        assert refused.exit_code == 2 and "không nhận tùy chọn: --issuer, --date" in refused.stderr
    bad = run("awards", "-p", "binhphuoc", "-n", str(EXAMPLE), "-f", "docx", "-o", str(tmp_path / "x.docx"),
              "--date", "31/02/2024")
    assert bad.exit_code == 2 and "--date '31/02/2024' không phải ngày" in bad.stderr


def test_render_paper_from_python(result):
    data = render_paper(result, "docx", issuer="UBND tỉnh Bình Phước")
    assert "ỦY BAN NHÂN DÂN" in "\n".join(texts(Document(io.BytesIO(data))))
    assert data[:2] == render_paper(result, "xlsx")[:2] == b"PK"
    with pytest.raises(ChuyenhoaError, match="không có định dạng 'pdf'"):
        render_paper(result, "pdf")
    with pytest.raises(ChuyenhoaError, match="không nhận tùy chọn: signer"):
        render_paper(result, "xlsx", signer="X")


def test_papers_in_english(tmp_path):
    path = awards(tmp_path, "docx", "--lang", "en")
    whole = "\n".join(texts(Document(str(path))))
    assert "SUBMISSION" in whole and "I. AWARD RULES OF THE PLAN" in whole and "TỜ TRÌNH" not in whole
    book = openpyxl.load_workbook(awards(tmp_path, "xlsx", "--lang", "en"))
    assert book.sheetnames[0] == "Summary"
    headers, _rows = table_of(book["Summary"])
    assert headers[:2] == ["List", "Item"]


# --- the nominee workbook alone: written, filled in, read back ---------------------------------------------


def fill(path: Path, rows: list[dict[str, str]]) -> None:
    """Type ``rows`` into the nominees sheet as a person would: the words the lists offer, numbers as numbers."""
    book = openpyxl.load_workbook(path)
    ws = book["nominees"]
    row = next(r for r in range(1, 10) if str(ws.cell(r, 1).value or "").endswith("(nominee_id)"))
    ids = [re.search(r"\((\w+)\)$", str(c.value))[1] for c in ws[row] if c.value]
    kinds = {"collective": "tập thể", "individual": "cá nhân"}
    for offset, values in enumerate(rows, start=1):
        for col, ident in enumerate(ids, start=1):
            value: object = values.get(ident, "")
            if ident == "kind":
                value = kinds[str(value)]
            elif ident == "achievement_score" and value:
                value = float(str(value))
            ws.cell(row + offset, col, value if value != "" else None)
    book.save(path)


def test_nominee_template_alone_round_trips_through_the_awards_reader(tmp_path, result):
    path = tmp_path / "de-nghi.xlsx"
    written = run("template", "--nominees", "-p", "binhphuoc", "-o", str(path))
    assert written.exit_code == 0, written.output
    assert "bảng đề nghị khen thưởng (sheet nominees, 200 dòng có kiểm tra ô)" in written.stderr
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Hướng dẫn", "nominees"]
    ws = book["nominees"]
    row = next(r for r in range(1, 10) if str(ws.cell(r, 1).value or "").endswith("(nominee_id)"))
    letters = {re.search(r"\((\w+)\)$", str(c.value))[1]: c.column_letter for c in ws[row] if c.value}
    rules = {str(v.sqref).split(":")[0].rstrip("0123456789"): v for v in ws.data_validations.dataValidation}
    assert rules[letters["kind"]].type == "list" and rules[letters["kind"]].formula1 == '"tập thể,cá nhân"'
    for flag in NOMINEE_FLAGS:
        assert rules[letters[flag]].type == "list" and rules[letters[flag]].formula1 == '"có,không"', flag
    assert rules[letters["unit"]].type in (None, "any")  # free text
    guide = " ".join(str(c.value) for r in book["Hướng dẫn"].iter_rows() for c in r if c.value)
    assert "chuyenhoa awards --province binhphuoc --year 2024 --nominees" in guide
    assert "tối đa 06 cá nhân" in guide and "KH-UBND-BP-2024 §III.2" in guide

    rows = list(csv.DictReader(EXAMPLE.open(encoding="utf-8")))
    fill(path, rows)
    read = run("awards", "-p", "binhphuoc", "-n", str(path), "-f", "json")
    assert read.exit_code == 0, read.output
    doc = json.loads(read.stdout)
    assert doc["nominees_file"].endswith("[sheet nominees]")
    assert doc["recommended"] == list(result.recommended) and doc["compliant"] is False
    assert {n["nominee_id"]: n["status"] for n in doc["nominees"]} == \
        {d.nominee_id: d.status.value for d in result.decisions}
    assert awards(tmp_path, "docx", nominees=path).stat().st_size > 0


def test_nominee_template_of_a_plan_without_awards_warns_and_refuses_other_options(tmp_path):
    written = run("template", "--nominees", "-p", "tayninh", "-o", str(tmp_path / "tn.xlsx"))
    assert written.exit_code == 0 and "không quy định khen thưởng" in written.stderr
    assert openpyxl.load_workbook(tmp_path / "tn.xlsx").sheetnames == ["Hướng dẫn", "nominees"]
    refused = run("template", "--nominees", "-p", "tayninh", "--by", "district", "-o", str(tmp_path / "x"))
    assert refused.exit_code == 2 and "--nominees" in refused.stderr
    again = run("template", "--nominees", "-p", "tayninh", "-o", str(tmp_path / "tn.xlsx"))
    assert again.exit_code == 2 and "--force" in again.stderr  # a list somebody may have filled in is kept


def test_the_evaluation_report_shares_the_layout_and_its_rows_never_split():
    """The decree's layout is one module (output/reports/nd30.py): the year-end report's tables hold too."""
    import datetime as dt

    from chuyenhoa.method.engine import evaluate
    from chuyenhoa.output.reports import render_report

    result = evaluate("tayninh", 2024, as_of=dt.date(2024, 12, 31),
                      host=PluginHost(autoload=False, plugins=[chuyenhoa_tayninh]))
    document = Document(io.BytesIO(render_report(result, "docx")))
    tables = grid_tables(document)
    assert tables
    for table in tables:
        rows = table._tbl.findall(f"{W}tr")
        assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
        assert all(row.find(f"{W}trPr/{W}cantSplit") is not None for row in rows)
