"""Bad input gets an error naming file, row, column and the expected form; good input reads right."""

import unicodedata

import pytest

from chuyenhoa.errors import CellError, DataError, DataErrors
from chuyenhoa.reading.dataset import load_dataset

HEADER = ["commune_code", "commune_name", "year", "hotspot", "criminal_offences", "clearance_rate",
          "organized_crime"]


@pytest.fixture(autouse=True, params=["strings", "numpy"])
def csv_reader(request, monkeypatch):
    """Every test here runs through both CSV readers: the string splitter, which small files take,
    and NumPy (chuyenhoa.reading.plaincsv), which large files take."""
    monkeypatch.setattr("chuyenhoa.reading.tables.PLAIN_CSV_BYTES", 0 if request.param == "numpy" else 2 ** 62)
    return request.param


def good_rows():
    return [["90001", "Xã Số 1", "2024", "có", "3", "75%", "không"],
            ["90002", "Xã Số 2", "2024", "Không", "0", "80,5", "x"],
            [90003, "Xã Số 3", 2024, "", "", "", ""]]


def test_reads_typed_values(geography, csv_file):
    data = load_dataset(csv_file(HEADER, good_rows()), geography)
    c = data.communes.columns
    assert c["commune_code"] == ["90001", "90002", "90003"]
    assert c["clearance_rate"] == [75.0, 80.5, None]  # an empty cell is missing, never zero
    assert c["hotspot"] == [True, False, None]
    assert c["organized_crime"] == [False, True, None]
    assert c["criminal_offences"] == [3, 0, None]
    assert data.years == [2024]


def test_semicolon_csv_with_bom_and_nfd(geography, tmp_path):
    name = unicodedata.normalize("NFD", "Xã Số 1")
    path = tmp_path / "semi.csv"
    path.write_text(f"commune_code;commune_name;year;clearance_rate\n90001;{name};2024;75,5\n", encoding="utf-8-sig")
    data = load_dataset(path, geography)
    assert data.communes.columns["clearance_rate"] == [75.5]
    assert data.warnings == ()  # NFD name matches the NFC geography


def test_code_that_lost_its_leading_zero(csv_file):
    import datetime as dt

    from chuyenhoa.model import Commune, Geography, Province

    geo = Geography(Province("hanoi", "01", "Hà Nội"), dt.date(2024, 1, 1), [], [Commune("00001", "Phường Phúc Xá", "phuong")])
    data = load_dataset(csv_file(["commune_code", "year"], [["1", "2024"]]), geo)
    assert data.communes.columns["commune_code"] == ["00001"]


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        (["99999", "", "2024", "", "1", "", ""], "commune_code", "không phải đơn vị cấp xã"),
        (["90001", "", "2024", "", "-2", "", ""], "criminal_offences", "âm"),
        (["90001", "", "2024", "", "1", "100,5", ""], "clearance_rate", "0–100"),
        (["90001", "", "2024", "", "ba", "", ""], "criminal_offences", "số nguyên"),
        (["90001", "", "2024", "", "", "", "có lẽ"], "organized_crime", "có/không"),
        (["90001", "", "năm nay", "", "", "", ""], "year", "một năm"),
        (["", "", "2024", "", "", "", ""], "commune_code", "bắt buộc"),
    ],
)
def test_bad_cells(geography, csv_file, row, column, message):
    path = csv_file(HEADER, [good_rows()[1], row])
    with pytest.raises(CellError) as caught:
        load_dataset(path, geography)
    error = caught.value
    assert (error.file, error.row, error.column) == (str(path), 3, column)
    assert message in error.problem
    assert f"dòng 3, cột '{column}'" in str(error)


def test_commune_twice_in_one_year(geography, csv_file):
    path = csv_file(HEADER, [good_rows()[0], good_rows()[1], good_rows()[0]])
    with pytest.raises(CellError, match="đã có ở dòng 2") as caught:
        load_dataset(path, geography)
    assert caught.value.row == 4


def test_near_miss_column_is_refused_and_unknown_one_warned(geography, csv_file):
    with pytest.raises(DataError, match="clearance_rate"):
        load_dataset(csv_file(["commune_code", "year", "clearence_rate"], [["90001", "2024", "80"]]), geography)
    data = load_dataset(csv_file(["commune_code", "year", "ghi chú"], [["90001", "2024", "xem lại"]]), geography)
    assert any("ghi chú" in w for w in data.warnings)


def test_missing_required_column(geography, csv_file):
    with pytest.raises(DataError, match="thiếu cột bắt buộc 'year'"):
        load_dataset(csv_file(["commune_code"], [["90001"]]), geography)


def test_header_with_label_and_id(geography, csv_file):
    data = load_dataset(csv_file(["Mã xã (commune_code)", "Năm (year)", "Tỷ lệ điều tra, khám phá án (%)"],
                                 [["90001", "2024", "81"]]), geography)
    assert data.communes.columns["clearance_rate"] == [81.0]


def test_name_mismatch_is_a_warning(geography, csv_file):
    data = load_dataset(csv_file(["commune_code", "commune_name", "year"], [["90001", "Xã Khác", "2024"]]), geography)
    assert any("Xã Khác" in w for w in data.warnings)


def test_province_table_duplicate_year(geography, csv_file):
    communes = csv_file(["commune_code", "year"], [["90001", "2024"]])
    province = csv_file(["year", "clearance_rate"], [["2024", "80"], ["2024", "81"]])
    with pytest.raises(CellError, match="năm 2024 đã có ở dòng 2"):
        load_dataset(communes, geography, province_data=province)


def test_not_utf8(geography, tmp_path):
    path = tmp_path / "cp1258.csv"
    path.write_bytes("commune_code,commune_name,year\n90001,Xã Đông,2024\n".encode("latin-1", errors="replace") + b"\xc3\x28")
    with pytest.raises(DataError, match="UTF-8"):
        load_dataset(path, geography)


def test_xlsx_workbook(geography, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "communes"
    sheet.append(["commune_code", "year", "clearance_rate", "hotspot", "criminal_offences"])
    sheet.append([90001, 2024, "75%", "Có", 4])  # Excel made the code a number; a rate typed "75%"
    sheet.append(["90002", 2024, 80.5, "không", 2.0])
    province = book.create_sheet("province")
    province.append(["year", "social_order_crimes"])
    province.append([2024, 570])
    path = tmp_path / "data.xlsx"
    book.save(path)
    data = load_dataset(path, geography)
    assert data.communes.columns["commune_code"] == ["90001", "90002"]
    assert data.communes.columns["clearance_rate"] == [75.0, 80.5]
    assert data.communes.columns["criminal_offences"] == [4, 2]
    assert data.province_value(2024, "social_order_crimes") == 570


def test_xlsx_error_names_sheet_row_column(geography, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "communes"
    sheet.append(["commune_code", "year", "recidivism_rate"])
    sheet.append([90001, 2024, 120])
    path = tmp_path / "bad.xlsx"
    book.save(path)
    with pytest.raises(CellError) as caught:
        load_dataset(path, geography)
    assert (caught.value.sheet, caught.value.row, caught.value.column) == ("communes", 2, "recidivism_rate")


def test_workbook_without_communes_sheet(geography, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.title = "Sheet1"
    path = tmp_path / "empty.xlsx"
    book.save(path)
    with pytest.raises(DataError, match="không có sheet 'communes'"):
        load_dataset(path, geography)


def test_tick_column_reads_blank_as_no(geography, csv_file):
    data = load_dataset(csv_file(["commune_code", "year", "drug_cultivation"],
                                 [["90001", "2024", "x"], ["90002", "2024", ""]]), geography)
    assert data.communes.columns["drug_cultivation"] == [True, False]
    assert any("dấu x" in w for w in data.warnings)


def test_blank_flag_is_missing_otherwise(geography, csv_file):
    data = load_dataset(csv_file(["commune_code", "year", "drug_cultivation"],
                                 [["90001", "2024", "có"], ["90002", "2024", ""]]), geography)
    assert data.communes.columns["drug_cultivation"] == [True, None]


def test_data_right_of_the_header_is_refused(geography, tmp_path):
    path = tmp_path / "wide.csv"
    path.write_text("commune_code,year\n90001,2024,80\n", encoding="utf-8")
    with pytest.raises(DataError, match="dòng 2: có dữ liệu ở cột thứ 3"):
        load_dataset(path, geography)


def test_quoted_and_plain_csv_read_the_same(geography, tmp_path):
    plain = tmp_path / "plain.csv"
    quoted = tmp_path / "quoted.csv"
    plain.write_text("commune_code,year,clearance_rate,hotspot\n90001,2024,75,có\n90002,2024,,không\n",
                     encoding="utf-8")
    quoted.write_text('commune_code,year,clearance_rate,hotspot\n"90001",2024,"75,0",có\n90002,2024,,không\n',
                      encoding="utf-8")
    a, b = load_dataset(plain, geography), load_dataset(quoted, geography)
    assert a.communes.columns == b.communes.columns
    assert a.communes.row_numbers == b.communes.row_numbers == [2, 3]


def test_every_bad_row_is_reported_in_row_order(geography, csv_file):
    """An officer fixes the file once: every bad cell of every column, in row order, in one error."""
    rows = [["90001", "2024", "80", "1"], ["90002", "2024", "abc", "1"], ["90003", "2024", "90", "-1"],
            ["90004", "2024", "abc", "2"], ["90005", "2024", "xyz", "ba"]]
    with pytest.raises(DataErrors) as caught:
        load_dataset(csv_file(["commune_code", "year", "clearance_rate", "criminal_offences"], rows), geography)
    error = caught.value
    assert [(p.row, p.column) for p in error.problems] == [
        (3, "clearance_rate"), (4, "criminal_offences"), (5, "clearance_rate"), (6, "clearance_rate"),
        (6, "criminal_offences")]
    assert error.total == 5 and str(error).count("\n") == 5  # a heading and one line per problem
    assert f"{rows and error.problems[0].file}, dòng 3, cột 'clearance_rate': 'abc'" in str(error)


def test_province_rows_name_their_province_by_a_two_digit_code(geography, csv_file):
    """``province_code`` (docs/data.md): a year may hold one row per province merged on 01/07/2025, each looked
    up by its code; "8" and Excel's 8.0 are "08"; longer codes are refused naming the cell."""
    communes = csv_file(HEADER, good_rows())
    province = csv_file(["year", "province_code", "social_order_crimes"],
                        [[2024, "8", 100], [2024, 2.0, 60], [2025, "08", 150]])
    data = load_dataset(communes, geography, province_data=province)
    assert dict(data.province_rows(2024)) == {"08": 0, "02": 1}
    assert data.province_value(2024, "social_order_crimes", "02") == 60
    assert data.province_value(2024, "social_order_crimes") is None  # two provinces: which one is not said
    assert data.province_value(2025, "social_order_crimes") == 150  # the year's only row
    bad = csv_file(["year", "province_code", "social_order_crimes"], [[2024, "123", 100]])
    with pytest.raises(CellError, match=r"dòng 2, cột 'province_code': '123' dài hơn 2 chữ số của mã tỉnh"):
        load_dataset(communes, geography, province_data=bad)
