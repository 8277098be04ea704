"""Cells typed the way people type them in a workbook: read right, or an error naming sheet, row and column."""

import datetime as dt
import zipfile

import pytest

from chuyenhoa.errors import CellError, DataError
from chuyenhoa.model import Commune, Geography, Province
from chuyenhoa.output.template.workbook import FIRST_DATA_ROW, write_template
from chuyenhoa.reading.dataset import load_dataset
from chuyenhoa.reading.percent import _is_percent_format, percent_cells, percent_text
from chuyenhoa.reading.tables import read_table

openpyxl = pytest.importorskip("openpyxl")

FIRST = FIRST_DATA_ROW + 1  # the first data row as the person sees it (1-based)


@pytest.fixture
def template(tmp_path, tayninh_host):
    """The Tây Ninh template for 2024, and a way to set cells of its first data row and read it back."""
    path, layout = write_template("tayninh", tmp_path / "mau.xlsx", year=2024, host=tayninh_host)
    spec = tayninh_host.province("tayninh")
    geography, _ = spec.geography_for(2024)
    extra = [i for p in spec.loaded_plans for i in p.indicators]
    communes = next(s for s in layout.sheets if s.name == "communes")
    columns = {c.id: i + 1 for i, c in enumerate(communes.columns)}

    def fill(cells, sheet="communes", row=FIRST):
        book = openpyxl.load_workbook(path)
        ws = book[sheet]
        for ident, value in cells.items():
            fmt = None
            if isinstance(value, tuple):
                value, fmt = value
            cell = ws.cell(row, columns[ident] if sheet == "communes" else _column(ws, ident))
            cell.value = value
            if fmt:
                cell.number_format = fmt
        filled = tmp_path / "filled.xlsx"
        book.save(filled)
        return load_dataset(filled, geography, extra_indicators=extra)

    return fill


def _column(ws, ident):
    for row in ws.iter_rows(min_row=1, max_row=10):
        for cell in row:
            if isinstance(cell.value, str) and cell.value.endswith(f"({ident})"):
                return cell.column
    raise AssertionError(ident)


@pytest.mark.parametrize(
    ("column", "cell", "expected"),
    [
        ("clearance_rate", "75%", 75.0),
        ("clearance_rate", "75 %", 75.0),
        ("clearance_rate", "75,5", 75.5),
        ("clearance_rate", "75,5%", 75.5),
        ("clearance_rate", 75, 75.0),
        ("clearance_rate", (0.75, "0%"), 75.0),  # Excel's own "75%": 0.75 formatted as a percentage
        ("clearance_rate", (0.755, "0.0%"), 75.5),
        ("clearance_rate", (1, "0%"), 100.0),
        ("clearance_rate", (0.07, "0%"), 7.0),  # 0.07 × 100 is 7.000000000000001 in binary
        ("criminal_offences", "12", 12),
        ("criminal_offences", 12.0, 12),
        ("criminal_offences", " 3 ", 3),
        ("organized_crime", "Có", True),
        ("organized_crime", "KHÔNG", False),
        ("organized_crime", "không", False),
        ("organized_crime", True, True),
        ("organized_crime", False, False),
        ("organized_crime", 1, True),
        ("mass_models", "2", 2),
    ],
)
def test_cells_as_people_type_them(template, column, cell, expected):
    data = template({column: cell})
    assert data.communes.columns[column][0] == expected
    assert data.communes.row_numbers[0] == FIRST


@pytest.mark.parametrize(
    ("column", "cell", "message"),
    [
        ("criminal_offences", -2, "âm"),
        ("criminal_offences", "3,5", "nguyên"),
        ("criminal_offences", 2.5, "nguyên"),
        ("criminal_offences", "mười", "số nguyên"),
        ("criminal_offences", True, "số nguyên"),  # a TRUE typed in a count column is not 1
        ("criminal_offences", (0.5, "0%"), "50.0%"),  # a count shown as 50 %: refused, quoting what was seen
        ("clearance_rate", 120, "0–100"),
        ("clearance_rate", (1.2, "0%"), "0–100"),  # shows 120 %
        ("clearance_rate", "abc", "0 đến 100"),
        ("clearance_rate", "-5", "0–100"),
        ("organized_crime", "có lẽ", "có/không"),
        ("organized_crime", 2, "có/không"),
        ("commune_code", "ABC", "mã đơn vị hành chính"),
        ("commune_code", 99999, "không phải đơn vị cấp xã"),
        ("commune_code", None, "bắt buộc"),
        ("year", "năm nay", "một năm"),
    ],
)
def test_bad_cells_name_sheet_row_and_column(template, column, cell, message):
    with pytest.raises(CellError) as caught:
        template({column: cell})
    error = caught.value
    assert (error.sheet, error.row, error.column) == ("communes", FIRST, column)
    assert message in error.problem
    assert f"[sheet communes], dòng {FIRST}, cột '{column}'" in str(error)


def test_bad_cell_further_down_gets_its_own_row(template):
    with pytest.raises(CellError) as caught:
        template({"recidivism_rate": "15,5,5"}, row=FIRST + 40)
    assert caught.value.row == FIRST + 40


def test_province_sheet_cells(template):
    data = template({"clearance_rate": (0.762, "0.0%"), "social_order_crimes": "570"}, sheet="province")
    assert data.province_value(2024, "clearance_rate") == pytest.approx(76.2)
    assert data.province_value(2024, "social_order_crimes") == 570
    with pytest.raises(CellError) as caught:
        template({"reports_resolution_rate": "chín mươi"}, sheet="province")
    assert (caught.value.sheet, caught.value.row, caught.value.column) == ("province", FIRST,
                                                                           "reports_resolution_rate")


def test_a_plain_fraction_is_not_rescaled_but_warned(template):
    data = template({"clearance_rate": 0.75})
    assert data.communes.columns["clearance_rate"][0] == 0.75
    assert any("≤ 1" in w and "clearance_rate" in w for w in data.warnings)


def test_unfilled_template_reads_as_missing_values(template):
    data = template({})
    assert data.years == [2023, 2024]
    assert set(data.communes.columns["criminal_offences"]) == {None}  # empty is missing, never zero
    assert data.warnings == ()  # the informational columns (kind, district) are read past in silence


# --- codes that lost their leading zeros, and headers below a title ----------------------


@pytest.fixture
def zero_geography():
    communes = [Commune("00118", "Phường Thứ Nhất", "phuong"), Commune("02200", "Phường Phan Thiết", "phuong")]
    return Geography(Province("thu", "01", "Thử"), dt.date(2025, 1, 4), [], communes, "test")


def _book(rows, path, sheet="communes"):
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            ws.cell(r, c, value)
    book.save(path)
    return path


def test_code_made_a_number_by_excel(zero_geography, tmp_path):
    path = _book([["commune_code", "year"], [118, 2024], [2200.0, 2024], ["'00118", 2023]], tmp_path / "z.xlsx")
    data = load_dataset(path, zero_geography)
    assert data.communes.columns["commune_code"] == ["00118", "02200", "00118"]


def test_header_below_a_title_and_group_row(zero_geography, tmp_path):
    rows = [["Số liệu năm 2024 — Công an tỉnh"], [], ["Đơn vị", None, "Nhóm tiêu chí về hình sự"],
            ["Mã xã (mã đơn vị hành chính)", "Năm (year)", "Số vụ phạm pháp hình sự (criminal_offences)"],
            ["00118", 2024, 4], ["02200", 2024, "x"]]
    path = _book(rows, tmp_path / "title.xlsx")
    with pytest.raises(CellError) as caught:
        load_dataset(path, zero_geography)
    assert (caught.value.row, caught.value.column) == (6, "criminal_offences")  # the row the person sees


def test_csv_with_a_title_line(zero_geography, tmp_path):
    path = tmp_path / "title.csv"
    path.write_text("Số liệu năm 2024,,\ncommune_code,year,clearance_rate\n00118,2024,75%\n", encoding="utf-8")
    data = load_dataset(path, zero_geography)
    assert data.communes.columns["clearance_rate"] == [75.0]
    assert data.communes.row_numbers == [3]


def test_without_the_key_the_first_row_is_still_the_header(tmp_path):
    path = _book([["a", "b"], ["commune_code", "year"]], tmp_path / "plain.xlsx", sheet="other")
    assert read_table(path, "other").headers == ("a", "b")
    assert read_table(path, "other", key="commune_code").headers == ("commune_code", "year")


def test_missing_key_still_fails_naming_the_column(zero_geography, tmp_path):
    path = _book([["Tiêu đề"], ["year", "criminal_offences"], [2024, 1]], tmp_path / "nokey.xlsx")
    with pytest.raises(DataError, match="thiếu cột bắt buộc 'commune_code'|không có tiêu đề"):
        load_dataset(path, zero_geography)


# --- the percent scan itself ----------------------------------------------------------------


@pytest.mark.parametrize(("code", "percent"), [("0%", True), ("0.0%", True), ("#,##0.00%", True),
                                               ('0"%"', False), ("0\\%", False), ("General", False),
                                               ("0.00", False)])
def test_percent_formats(code, percent):
    assert _is_percent_format(code) is percent


def test_percent_text_has_no_binary_noise():
    assert percent_text(0.07) == "7.0%"
    assert percent_text(0.755) == "75.5%"
    assert percent_text(1) == "100%" or percent_text(1) == "100.0%"


def _minimal_xlsx(path, sheet_xml, styles_xml):
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml",
                         '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                         'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                         '<sheets><sheet name="communes" sheetId="1" r:id="rId7"/></sheets></workbook>')
        archive.writestr("xl/_rels/workbook.xml.rels",
                         '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                         '<Relationship Id="rId7" Type="worksheet" Target="/xl/worksheets/data.xml"/>'
                         "</Relationships>")
        archive.writestr("xl/styles.xml", styles_xml)
        archive.writestr("xl/worksheets/data.xml", sheet_xml)
    return path


STYLES = ('<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
          '<numFmts count="1"><numFmt numFmtId="165" formatCode="0.0%"/></numFmts>'
          '<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="9"/><xf numFmtId="2"/><xf numFmtId="165"/></cellXfs>'
          "</styleSheet>")


@pytest.mark.parametrize("few_hits", [20_000, 0])  # a lookup per hit, or one pass over every cell
def test_percent_cells_of_an_xlsx_in_either_attribute_order(tmp_path, monkeypatch, few_hits):
    from chuyenhoa.reading import percent

    monkeypatch.setattr(percent, "_FEW_HITS", few_hits)
    sheet = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
             '<row r="4"><c r="C4" s="1" t="n"><v>0.75</v></c><c r="D4" s="2"><v>1</v></c></row>'
             '<row r="5"><c s="3" r="AB5"><v>0.5</v></c><c r="A5" s="13"><v>3</v></c></row>'
             "</sheetData></worksheet>")
    path = _minimal_xlsx(tmp_path / "m.xlsx", sheet, STYLES)
    assert sorted(percent_cells(path, "communes")) == [(3, 2), (4, 27)]
    assert percent_cells(path, "other") == []


def test_no_percent_style_means_no_sheet_scan(tmp_path):
    styles = '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs>' \
             '<xf numFmtId="0"/></cellXfs></styleSheet>'
    path = _minimal_xlsx(tmp_path / "n.xlsx", "not even xml", styles)
    assert percent_cells(path, "communes") == []


def test_percent_cells_of_an_ods_with_repeated_rows_and_columns(tmp_path):
    table = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    content = (
        f'<office:document-content xmlns:office="{office}" xmlns:table="{table}"><office:body><office:spreadsheet>'
        '<table:table table:name="province"><table:table-row><table:table-cell office:value-type="percentage" '
        'office:value="0.1"/></table:table-row></table:table>'
        '<table:table table:name="communes">'
        '<table:table-row table:number-rows-repeated="2"><table:table-cell/></table:table-row>'
        '<table:table-row table:number-rows-repeated="3"><table:table-cell table:number-columns-repeated="2"/>'
        '<table:table-cell office:value-type="percentage" office:value="0.75" '
        'table:number-columns-repeated="2"/></table:table-row>'
        '<table:table-row><table:covered-table-cell/><table:table-cell office:value-type="float" office:value="1"/>'
        '<table:table-cell office:value-type="percentage" office:value="0.2"/></table:table-row>'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    path = tmp_path / "p.ods"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("content.xml", content)
    assert percent_cells(path, "communes") == [(r, c) for r in (2, 3, 4) for c in (2, 3)] + [(5, 2)]
    assert percent_cells(path, "province") == [(0, 0)]


def test_a_file_the_scan_cannot_follow_gives_no_percent_cells(tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"not a zip")
    assert percent_cells(path, "communes") == []
