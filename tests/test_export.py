"""Results as xlsx, a CSV folder and Markdown: opened back and checked cell by cell."""

import csv
import datetime as dt
import os
import shutil

import chuyenhoa_tayninh
import pytest

from chuyenhoa.errors import ChuyenhoaError
from chuyenhoa.method.engine import evaluate
from chuyenhoa.method.timeline import MilestoneStatus
from chuyenhoa.model import Status
from chuyenhoa.output.results import render_markdown, write_result
from chuyenhoa.output.results.csvfiles import INFO_FILE, SYNTHETIC_COLUMN, SYNTHETIC_VALUE, cell_text, file_names
from chuyenhoa.output.results.markdown import MARKS, md_cell
from chuyenhoa.output.results.tables import TONES, report_of, sheet_headers
from chuyenhoa.output.words import STATUS_VI, SYNTHETIC_BANNER, VERDICT_VI

openpyxl = pytest.importorskip("openpyxl")

SAMPLE = chuyenhoa_tayninh.HERE / "sample"
AS_OF = dt.date(2024, 7, 10)  # the July inspection is due, the March deadline passed


@pytest.fixture
def sample_result(tayninh_host):
    return evaluate("tayninh", 2024, host=tayninh_host, as_of=AS_OF)


@pytest.fixture
def real_result(tayninh_host, tmp_path):
    """The same figures given as the user's own files: not synthetic."""
    data = tmp_path / "communes.csv"
    shutil.copy(SAMPLE / "communes.csv", data)
    return evaluate("tayninh", 2024, data=data, province_data=SAMPLE / "province.csv", host=tayninh_host,
                    as_of=AS_OF)


def find_header(ws, headers):
    for row in range(1, ws.max_row + 1):
        if tuple(ws.cell(row, c + 1).value for c in range(len(headers))) == tuple(headers):
            return row
    raise AssertionError(f"header {headers[:3]}… not found in {ws.title}")


def same_cell(got, want):
    if want is None or want == "":
        return got is None
    if isinstance(want, dt.date):
        return isinstance(got, dt.datetime) and got.date() == want
    if isinstance(want, float):
        return got == pytest.approx(want)
    return got == want


# --- the tables themselves against the result ------------------------------------------------


def test_tables_carry_the_results_verdicts(sample_result):
    report = report_of(sample_result)
    doc = sample_result.to_dict()
    targets = report.table("chi_tieu")
    by_id = {row[2]: row for row in targets.rows}
    for target in doc["targets"] + doc["programme"]:
        row = by_id[target["id"]]
        assert row[0] == {"met": "ĐẠT", "not_met": "KHÔNG ĐẠT", "not_assessable": "CHƯA ĐÁNH GIÁ ĐƯỢC"}[target["status"]]
        actual = target["actual"]
        assert row[4] == ({True: "có", False: "không"}[actual] if isinstance(actual, bool) else actual)
        # the sign a reader knows from print (≥), not the plan file's ASCII (>=)
        assert row[5] == {">=": "≥", "<=": "≤"}.get(target["comparator"], target["comparator"])
        assert row[10] == target["source"]
    hotspots = report.table("dia_ban")
    assert [r[0] for r in hotspots.rows] == [h["commune_code"] for h in doc["hotspots"]]
    for row, hotspot in zip(hotspots.rows, doc["hotspots"], strict=True):
        for (value_col, met_col), indicator in zip(hotspots.pairs, hotspot["indicators"], strict=True):
            # by label, never by id (the ids are the template's contract); under its band the workbook says less
            assert hotspots.headers[value_col] == f"{indicator['label']}: giá trị"
            assert indicator["id"] not in hotspots.headers[value_col]
            assert sheet_headers(hotspots)[value_col: value_col + 2] == ("Giá trị", "Đạt")
            value = indicator["value"]
            assert row[value_col] == ({True: "có", False: "không"}[value] if isinstance(value, bool) else value)
            assert row[met_col] == {True: "đạt", False: "không đạt", None: "thiếu số liệu"}[indicator["met"]]
        assert row[-5:-2] == (hotspot["share"], hotspot["share_low"], hotspot["share_high"])
        assert row[-2] == VERDICT_VI[next(s for s in STATUS_VI if s.value == hotspot["verdict"])]
    # the share's bounds beside it: Xã Long Phước has 4 of its 9 indicators empty
    assert hotspots.headers[-5:-2] == ("Tỷ lệ đạt (%)", "Tỷ lệ nếu chỉ tiêu thiếu đều không đạt (%)",
                                       "Tỷ lệ nếu chỉ tiêu thiếu đều đạt (%)")
    assert next(r for r in hotspots.rows if r[0] == "25687")[-5:-1] == (80.0, 44.44, 88.89, "Chưa đánh giá được")
    caps = report.table("lua_chon")
    assert [(r[1], r[3], r[5], r[6]) for r in caps.rows] == [
        (c["unit_code"], c["communes"], c["cap"], c["selected"]) for c in doc["selection"]["caps"]]
    milestones = report.table("moc_thoi_gian")
    assert [r[0].isoformat() for r in milestones.rows] == [e["date"] for e in doc["timeline"]]
    assert {r[2] for r in milestones.rows} == {"đã qua", "đang đến hạn"}
    notes = report.table("ghi_chu")
    assert [r[1] for r in notes.rows if r[0] == "Cảnh báo"] == doc["warnings"]


def test_tones_are_keyed_on_the_verdicts_and_each_word_has_one(sample_result):
    assert TONES == {Status.MET: "good", Status.NOT_MET: "bad", Status.NOT_ASSESSABLE: "unknown",
                     MilestoneStatus.DUE: "due"}
    tones = report_of(sample_result).tones
    assert tones["ĐẠT"] == tones["đạt"] == tones["Chuyển hóa thành công"] == tones["trong trần"] == "good"
    assert tones["KHÔNG ĐẠT"] == tones["VƯỢT TRẦN"] == "bad" and tones["đang đến hạn"] == "due"
    assert tones["CHƯA ĐÁNH GIÁ ĐƯỢC"] == tones["thiếu số liệu"] == "unknown"
    # Excel compares words without regard to case: no two words that differ only in case may differ in tone
    folded: dict[str, set[str]] = {}
    for word, tone in tones.items():
        folded.setdefault(word.casefold(), set()).add(tone)
    assert all(len(t) == 1 for t in folded.values()), folded


# --- xlsx ------------------------------------------------------------------------------------


def test_xlsx_cell_by_cell(sample_result, tmp_path):
    path = write_result(sample_result, "xlsx", tmp_path / "ketqua.xlsx")
    report = report_of(sample_result)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [t.sheet for t in report.tables]
    for table in report.tables:
        ws = book[table.sheet]
        header = find_header(ws, sheet_headers(table))
        for r, row in enumerate(table.rows, start=header + 1):
            for c, want in enumerate(row, start=1):
                got = ws.cell(r, c).value
                assert same_cell(got, want), f"{table.sheet}!{ws.cell(r, c).coordinate}: {got!r} != {want!r}"
        assert ws.cell(header + len(table.rows) + 1, 1).value is None  # nothing below the table
        assert ws.freeze_panes == f"A{header + 1}"
        # every sheet says the data are synthetic
        assert SYNTHETIC_BANNER in [ws.cell(r, 1).value for r in range(1, 4)], table.sheet
    summary = book[report.tables[0].sheet]
    labels = {summary.cell(r, 1).value: summary.cell(r, 2).value for r in range(1, 30)}
    for label, value in report.info:
        assert same_cell(labels[label], value), label


def test_xlsx_colours_met_and_missed(sample_result, tmp_path):
    path = write_result(sample_result, "xlsx", tmp_path / "ketqua.xlsx")
    report = report_of(sample_result)
    book = openpyxl.load_workbook(path)
    for table in report.tables:
        ws = book[table.sheet]
        header = find_header(ws, sheet_headers(table))
        rules = {}
        for formatting in ws.conditional_formatting:
            for rule in formatting.rules:
                rules.setdefault(str(formatting.sqref), {})[rule.formula[0].strip('"')] = \
                    rule.dxf.fill.bgColor.rgb if rule.dxf and rule.dxf.fill else None
        for col in table.marked:
            letter = openpyxl.utils.get_column_letter(col + 1)
            last = header + max(len(table.rows), 1)
            words = rules[f"{letter}{header + 1}:{letter}{last}"]
            assert set(words) == set(report.tones)
            assert words["ĐẠT"].endswith("C6EFCE") and words["KHÔNG ĐẠT"].endswith("FFC7CE")
            assert words["CHƯA ĐÁNH GIÁ ĐƯỢC"].endswith("FFEB9C")


def test_xlsx_readable_by_calamine_too(sample_result, tmp_path):
    import python_calamine

    path = write_result(sample_result, "xlsx", tmp_path / "ketqua.xlsx")
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    rows = book.get_sheet_by_name("Địa bàn").to_python()
    codes = [h.commune_code for h in sample_result.hotspots]
    assert [r[0] for r in rows if r and r[0] in codes] == codes


def test_real_data_carry_no_synthetic_banner(real_result, tmp_path):
    path = write_result(real_result, "xlsx", tmp_path / "ketqua.xlsx")
    book = openpyxl.load_workbook(path)
    for ws in book.worksheets:
        assert all(SYNTHETIC_BANNER not in str(ws.cell(r, 1).value) for r in range(1, 5))
    folder = write_result(real_result, "csv", tmp_path / "csv")
    with open(folder / "chi_tieu.csv", encoding="utf-8-sig", newline="") as handle:
        assert next(csv.reader(handle))[0] == "Kết quả"
    assert "GIẢ LẬP" not in render_markdown(real_result)


# --- csv -------------------------------------------------------------------------------------


def test_csv_folder_cell_by_cell(sample_result, tmp_path):
    folder = write_result(sample_result, "csv", tmp_path / "ketqua")
    report = report_of(sample_result)
    assert sorted(os.listdir(folder)) == sorted(file_names(report))
    expected = {INFO_FILE: (("Mục", "Giá trị"), report.info)} | {t.key: (t.headers, t.rows) for t in report.tables}
    for key, (headers, rows) in expected.items():
        raw = (folder / f"{key}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only with the BOM
        with open(folder / f"{key}.csv", encoding="utf-8-sig", newline="") as handle:
            lines = list(csv.reader(handle))
        assert lines[0] == [SYNTHETIC_COLUMN, *headers]
        assert len(lines) == len(rows) + 1
        for line, row in zip(lines[1:], rows, strict=True):
            assert line == [SYNTHETIC_VALUE, *map(cell_text, row)]


def test_csv_numbers_dates_and_missing(sample_result):
    assert cell_text(75.0) == "75" and cell_text(96.5) == "96.5" and cell_text(None) == ""
    assert cell_text(dt.date(2024, 3, 28)) == "2024-03-28" and cell_text(True) == "có"


def test_csv_folder_keeps_other_files_and_refuses_an_input_inside(sample_result, tmp_path):
    folder = tmp_path / "ketqua"
    folder.mkdir()
    (folder / "ghi-chu-cua-toi.txt").write_text("giữ nguyên", encoding="utf-8")
    write_result(sample_result, "csv", folder)
    assert (folder / "ghi-chu-cua-toi.txt").read_text(encoding="utf-8") == "giữ nguyên"
    inside = folder / "dia_ban.csv"
    shutil.copy(SAMPLE / "communes.csv", inside)
    result = evaluate("tayninh", 2024, data=inside, host=_host(), as_of=AS_OF)
    before = inside.read_bytes()
    with pytest.raises(ChuyenhoaError, match="trùng với tệp dữ liệu đầu vào"):
        write_result(result, "csv", folder)
    assert inside.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no temporary left


def _host():
    from chuyenhoa.plugins.host import PluginHost

    return PluginHost(autoload=False, plugins=[chuyenhoa_tayninh])


# --- markdown --------------------------------------------------------------------------------


def test_markdown_tables_and_marks(sample_result, tmp_path):
    path = write_result(sample_result, "md", tmp_path / "ketqua.md")
    text = path.read_text(encoding="utf-8")
    assert text == render_markdown(sample_result)
    report = report_of(sample_result)
    lines = text.splitlines()
    banner = SYNTHETIC_BANNER.strip("* ")
    assert lines[0].startswith("> **") and banner in lines[0] and banner in lines[-1]
    assert text.count(banner) == len(report.tables) + 2  # the top, each section, the end
    for number, table in enumerate(report.tables, start=1):
        heading = lines.index(f"## {number}. {md_cell(table.title)}")
        start = next(i for i in range(heading, len(lines)) if lines[i].startswith("| "))
        body = lines[start + 2:start + 2 + len(table.rows)]
        assert len(body) == len(table.rows)
        skipped = {met for _value, met in table.pairs}
        for line, row in zip(body, table.rows, strict=True):
            cells = [c.strip() for c in line.strip("|").split(" | ")]
            wanted = []
            for col, value in enumerate(row):
                if col in skipped:
                    continue
                pair = dict(table.pairs).get(col)
                if pair is not None:
                    wanted.append(f"{md_cell(value)} {MARKS[report.tones[row[pair]]]}")
                elif col in table.marked and value in report.tones:
                    wanted.append(f"{MARKS[report.tones[value]]} {md_cell(value)}")
                else:
                    wanted.append(md_cell(value))
            assert cells == wanted
    assert "✅ ĐẠT" in text and "❌ KHÔNG ĐẠT" in text and "❔ CHƯA ĐÁNH GIÁ ĐƯỢC" in text


def test_markdown_escapes_pipes_and_writes_vietnamese_numbers():
    assert md_cell("a | b\nc") == "a \\| b<br>c"
    assert md_cell(75.5) == "75,5" and md_cell(None) == "—" and md_cell(dt.date(2024, 3, 28)) == "28/03/2024"


# --- whole or nothing, never over the input ----------------------------------------------------


def _workbook_of_sample(path):
    book = openpyxl.Workbook()
    book.active.title = "communes"
    for name, source in (("communes", "communes.csv"), ("province", "province.csv")):
        ws = book[name] if name in book.sheetnames else book.create_sheet(name)
        with open(SAMPLE / source, encoding="utf-8-sig", newline="") as handle:
            for row in csv.reader(handle):
                ws.append(row)
    book.save(path)
    return path


def test_never_over_the_input(tayninh_host, tmp_path):
    data = _workbook_of_sample(tmp_path / "so-lieu.xlsx")
    result = evaluate("tayninh", 2024, data=data, host=tayninh_host, as_of=AS_OF)
    before = data.read_bytes()
    for fmt in ("xlsx", "md"):
        with pytest.raises(ChuyenhoaError, match="trùng với tệp dữ liệu đầu vào"):
            write_result(result, fmt, data)
    assert data.read_bytes() == before


def test_a_failed_write_leaves_the_old_file(sample_result, tmp_path, monkeypatch):
    from chuyenhoa.output.results import xlsx

    target = tmp_path / "ketqua.xlsx"
    target.write_bytes(b"old results")

    def broken(report, path):
        with open(path, "wb") as handle:
            handle.write(b"half a workbook")
        raise OSError("disk full")

    monkeypatch.setattr(xlsx, "write_report_xlsx", broken)
    with pytest.raises(ChuyenhoaError, match="disk full"):  # one line for the user, not a traceback
        write_result(sample_result, "xlsx", target)
    assert target.read_bytes() == b"old results"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ketqua.xlsx"]


def test_bad_format_and_suffix(sample_result, tmp_path):
    with pytest.raises(ChuyenhoaError, match="không được hỗ trợ"):
        write_result(sample_result, "pdf", tmp_path / "x.pdf")
    with pytest.raises(ChuyenhoaError, match=".xlsx"):
        write_result(sample_result, "xlsx", tmp_path / "x.xls")
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    with pytest.raises(ChuyenhoaError, match="thư mục"):
        write_result(sample_result, "csv", tmp_path / "afile")
