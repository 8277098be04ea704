"""Reading what people type, never misreading it (issue 13, "the trust pass").

Each test here failed before the reader was changed: a thousands separator read
as a decimal point, a TRUE read as 1 after a 1, a formula error read as an empty
cell, a fraction among percentages read without a word, one error per run, a
message quoting a whole paragraph, a tab-separated file or a stray quote
reported as some other fault, a file of a million rows read whole.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from chuyenhoa.errors import MAX_LISTED, CellError, DataError, DataErrors
from chuyenhoa.reading import tables
from chuyenhoa.reading.cells import SHOWN_CHARS, ErrorValue, parse_count, parse_flag, parse_rate, parse_text, shown
from chuyenhoa.reading.dataset import load_dataset, read_dataset
from chuyenhoa.reading.formulas import formula_cells, last_row

openpyxl = pytest.importorskip("openpyxl")


@pytest.fixture(params=["strings", "numpy"])
def csv_reader(request, monkeypatch):
    """Both CSV readers: the string splitter (small files) and NumPy (large ones)."""
    monkeypatch.setattr(tables, "PLAIN_CSV_BYTES", 0 if request.param == "numpy" else 2 ** 62)
    return request.param


def _book(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


# --- thousands separators in counts ------------------------------------------------------------


@pytest.mark.parametrize(("cell", "expected"), [
    ("1.000", 1000), ("18.000", 18000), ("18,000", 18000), ("570.000", 570000), ("1.234.567", 1234567),
    ("1,234,567", 1234567), ("18 000", 18000), ("18\u00a0000", 18000), ("12,0", 12), ("12.0", 12),
    ("1.234,0", 1234), ("1,234.00", 1234), ("0.000", 0), ("12", 12),
])
def test_a_count_reads_its_thousands_separator(cell, expected):
    assert parse_count(cell) == expected


@pytest.mark.parametrize(("cell", "message"), [
    ("1234.000", "không rõ dấu '.'"),      # three digits after the point, but 1234 is no group of thousands
    ("0.500", "không rõ dấu '.'"),
    ("1.000,000", "không rõ dấu ','"),     # 1000, or a mistyped 1.000.000?
    ("1,5", "không phải số nguyên"),
    ("-1.000", "số âm"),
])
def test_a_count_that_stays_ambiguous_is_refused_naming_the_cell(cell, message):
    with pytest.raises(ValueError, match=message) as caught:
        parse_count(cell)
    assert f"'{cell}'" in str(caught.value)


def test_rates_keep_the_decimal_comma():
    assert parse_rate("75,500") == 75.5
    assert parse_rate("1.000") == 1.0


def test_thousands_in_both_csv_readers_and_the_province_table(geography, csv_file, csv_reader):
    """The crime gate compares 15 with 1.000 (not with 1); the province's −5 % target compares 570.000 with
    600.000 (not 570 with 600)."""
    communes = csv_file(["commune_code", "year", "criminal_offences", "population"],
                        [["90001", "2023", "1.000", "18.000"], ["90001", "2024", "15", "18,000"],
                         ["90002", "2024", "2", "1.234.567"]])
    province = csv_file(["year", "social_order_crimes"], [["2023", "600.000"], ["2024", "570.000"]])
    data = load_dataset(communes, geography, province_data=province)
    assert data.communes.columns["criminal_offences"] == [1000, 15, 2]
    assert data.communes.columns["population"] == [18000, 18000, 1234567]
    assert data.province_value(2024, "social_order_crimes") == 570000


def test_thousands_in_a_workbook(geography, tmp_path):
    path = _book(tmp_path / "t.xlsx", {"communes": [["commune_code", "year", "criminal_offences"],
                                                    ["90001", 2024, "18.000"], ["90002", 2024, 18000]],
                                       "province": [["year", "social_order_crimes"], [2024, "570.000"]]})
    data = load_dataset(path, geography)
    assert data.communes.columns["criminal_offences"] == [18000, 18000]
    assert data.province_value(2024, "social_order_crimes") == 570000


# --- TRUE/FALSE in a count column ----------------------------------------------------------------


@pytest.mark.parametrize("rows", [
    [[1], [True]],        # a set holds True and 1 as one element: the TRUE was read as 1
    [[0], [False]],
    [[True], [1]],
    [[2], [True]],
])
def test_true_or_false_in_a_count_column_is_refused_wherever_it_stands(geography, tmp_path, rows):
    sheet = [["commune_code", "year", "criminal_offences"]] + \
        [[f"{90001 + i}", 2024, value] for i, (value,) in enumerate(rows)]
    path = _book(tmp_path / "b.xlsx", {"communes": sheet})
    with pytest.raises(CellError) as caught:
        load_dataset(path, geography)
    bad = next(i for i, (value,) in enumerate(rows) if isinstance(value, bool))
    assert (caught.value.row, caught.value.column) == (bad + 2, "criminal_offences")
    assert "'TRUE'" in caught.value.problem or "'FALSE'" in caught.value.problem


def test_true_and_false_still_read_as_flags(geography, tmp_path):
    path = _book(tmp_path / "f.xlsx", {"communes": [["commune_code", "year", "hotspot"], ["90001", 2024, 1],
                                                    ["90002", 2024, True], ["90003", 2024, False]]})
    assert load_dataset(path, geography).communes.columns["hotspot"] == [True, True, False]


# --- formula cells ------------------------------------------------------------------------------


def _with_sheet_xml(path: Path, out: Path, edit) -> Path:
    """A copy of the workbook ``path`` with its first sheet's XML changed by ``edit`` (what Excel would
    have saved: openpyxl writes formulas without their values)."""
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = edit(data)
            target.writestr(item, data)
    return out


def _formula_book(tmp_path: Path) -> Path:
    rows = [["commune_code", "year", "criminal_offences", "clearance_rate", "commune_name"],
            ["90001", 2024, 3, 80, "Xã Số 1"],
            ["90002", 2024, "=1/0", "=D2", "Xã Số 2"],
            ["90003", 2024, 4, "=IF(C2>0,\"\",1)", "=A2"],
            ["90004", 2024, 5, 70, "Xã Số 4"]]
    written = _book(tmp_path / "openpyxl.xlsx", {"communes": rows})

    def as_excel_saved_it(xml: bytes) -> bytes:
        xml = xml.replace(b'<c r="C3"><f>1/0</f><v></v></c>', b'<c r="C3" t="e"><f>1/0</f><v>#DIV/0!</v></c>')
        xml = xml.replace(b'<c r="D3"><f>D2</f><v></v></c>', b'<c r="D3"><f>D2</f><v>80</v></c>')
        xml = xml.replace(b'<c r="D4"><f>IF(C2&gt;0,"",1)</f><v></v></c>',
                          b'<c r="D4" t="str"><f>IF(C2&gt;0,"",1)</f><v></v></c>')
        xml = xml.replace(b'<c r="D5" t="n"><v>70</v></c>', b'<c r="D5" t="e"><v>#N/A</v></c>')
        return xml  # E4 (=A2) keeps no value: a formula never computed

    return _with_sheet_xml(written, tmp_path / "excel.xlsx", as_excel_saved_it)


def test_the_formula_scan_finds_errors_and_formulas_without_values(tmp_path):
    found = formula_cells(_formula_book(tmp_path), "communes")
    assert found.errors == {(2, 2): "#DIV/0!", (4, 3): "#N/A"}
    assert found.uncached == ((3, 4),)  # D4's empty text is a saved value; E4 has none
    assert found.formulas == 4 and found.stale  # openpyxl asks for a recalculation on opening


def test_a_formula_error_is_refused_naming_its_cell_and_an_uncomputed_formula_warned(geography, tmp_path):
    with pytest.raises(DataErrors) as caught:
        load_dataset(_formula_book(tmp_path), geography)
    problems = [(p.row, p.column) for p in caught.value.problems]
    assert problems == [(3, "criminal_offences"), (5, "clearance_rate")]  # never read as blank
    assert "#DIV/0!" in str(caught.value) and "#N/A" in str(caught.value)


def test_formulas_without_saved_values_are_warned_about(geography, tmp_path):
    path = _book(tmp_path / "f.xlsx", {"communes": [["commune_code", "year", "criminal_offences"],
                                                    ["90001", 2024, 3], ["90002", 2024, "=C2+1"]]})
    data = load_dataset(path, geography)
    assert data.communes.columns["criminal_offences"] == [3, None]
    assert any("dòng 3 cột 'criminal_offences'" in w and "công thức" in w for w in data.warnings)


def test_stale_values_are_warned_about(geography, tmp_path):
    path = _book(tmp_path / "s.xlsx", {"communes": [["commune_code", "year", "criminal_offences"],
                                                    ["90001", 2024, 3], ["90002", 2024, "=C2+1"]]})
    saved = _with_sheet_xml(path, tmp_path / "saved.xlsx",
                            lambda xml: xml.replace(b"<f>C2+1</f><v></v>", b"<f>C2+1</f><v>4</v>"))
    data = load_dataset(saved, geography)
    assert data.communes.columns["criminal_offences"] == [3, 4]
    assert any("tính lại" in w and "có thể đã cũ" in w for w in data.warnings)


def test_error_cells_of_an_ods(tmp_path):
    table = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    text = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    calcext = "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"
    content = (
        f'<office:document-content xmlns:office="{office}" xmlns:table="{table}" xmlns:text="{text}" '
        f'xmlns:calcext="{calcext}"><office:body><office:spreadsheet><table:table table:name="communes">'
        '<table:table-row><table:table-cell office:value-type="string"><text:p>year</text:p></table:table-cell>'
        '</table:table-row><table:table-row table:number-rows-repeated="2">'
        '<table:table-cell table:formula="of:=1/0" office:value-type="string" office:string-value="" '
        'calcext:value-type="error"><text:p>#DIV/0!</text:p></table:table-cell>'
        '<table:table-cell table:formula="of:=[.A1]"/></table:table-row>'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    path = tmp_path / "e.ods"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("content.xml", content)
    found = formula_cells(path, "communes")
    assert found.errors == {(1, 0): "#DIV/0!", (2, 0): "#DIV/0!"}
    assert found.uncached == ((1, 1), (2, 1))


#: workbooks LibreOffice computed and saved, errors included (tests/workbooks/make_formula_errors.py)
WORKBOOKS = Path(__file__).resolve().parent / "workbooks"


@pytest.mark.parametrize("suffix", [".xls", ".ods"])
def test_error_cells_of_a_workbook_libreoffice_saved_are_refused(geography, suffix):
    """=1/0 in a count cell, =NA() in a rate cell, #REF! typed in a rate cell: python-calamine gives each as an
    empty cell, an .xls as an .ods; the reader finds them in the file and refuses each, naming the cell."""
    path = WORKBOOKS / f"formula-errors{suffix}"
    found = formula_cells(path, "communes")
    assert found.errors == {(2, 2): "#DIV/0!", (3, 3): "#N/A", (4, 3): "#REF!"}
    assert found.uncached == ()  # BIFF and ODS save every formula's result
    assert found.formulas == (5 if suffix == ".ods" else 0)  # counted where a recalculation flag can be read
    with pytest.raises(DataErrors) as caught:
        load_dataset(path, geography)
    assert [(p.row, p.column) for p in caught.value.problems] == [
        (3, "criminal_offences"), (4, "clearance_rate"), (5, "clearance_rate")]
    assert f"{path} [sheet communes], dòng 3, cột 'criminal_offences': ô có lỗi công thức #DIV/0!; hãy sửa " \
           "công thức hoặc nhập số liệu" in str(caught.value)
    raw = tables.read_table(path, "communes", key="commune_code")
    assert raw.columns[2][2] == 4 and raw.columns[3][1] == 80  # the formulas that computed a number: their result


def test_an_error_in_a_long_xls_is_found_past_the_small_stream():
    """An .xls whose workbook is over 4,096 bytes is held in the compound file's ordinary sectors, not in its
    mini stream: the error on row 401 is found there too."""
    assert formula_cells(WORKBOOKS / "formula-errors-long.xls", "communes").errors == {(400, 2): "#DIV/0!"}


def test_an_xls_this_scan_cannot_follow_is_read_as_calamine_reads_it(tmp_path):
    bad = tmp_path / "bad.xls"
    bad.write_bytes((WORKBOOKS / "formula-errors.xls").read_bytes()[:700])  # the directory cut away
    assert formula_cells(bad, "communes").errors == {}


def test_every_parser_refuses_an_error_value():
    for parse in (parse_count, parse_rate, parse_flag, parse_text):
        with pytest.raises(ValueError, match="#REF!"):
            parse(ErrorValue("#REF!"))


# --- fractions among percentages ----------------------------------------------------------------


def test_a_fraction_among_percentages_is_warned_about_where_it_stands(geography, csv_file, csv_reader):
    path = csv_file(["commune_code", "year", "clearance_rate", "recidivism_rate"],
                    [["90001", "2024", "85", "0,4"], ["90002", "2024", "0,85", "8"], ["90003", "2024", "72", "12"],
                     ["90004", "2024", "91,5", "3,5"]])
    data = load_dataset(path, geography)
    assert data.communes.columns["clearance_rate"] == [85.0, 0.85, 72.0, 91.5]  # read as typed, never rescaled
    warned = [w for w in data.warnings if "clearance_rate" in w]
    assert len(warned) == 1 and "dòng 3" in warned[0] and "hãy nhập 85" in warned[0]
    # a small recidivism rate among rates running from 3 to 12 is a small rate, not a fraction
    assert not [w for w in data.warnings if "recidivism_rate" in w]


def test_a_province_fraction_beside_last_years_percentage_is_warned_about(geography, csv_file):
    communes = csv_file(["commune_code", "year"], [["90001", "2024"]])
    province = csv_file(["year", "clearance_rate"], [["2023", "82"], ["2024", "0.85"]])
    data = load_dataset(communes, geography, province_data=province)
    assert any("dòng 3, cột 'clearance_rate'" in w for w in data.warnings)


# --- every error of a file, in one run -----------------------------------------------------------


def test_every_problem_of_both_tables_in_one_error_in_row_order(geography, csv_file, csv_reader):
    communes = csv_file(["commune_code", "year", "criminal_offences", "clearance_rate"],
                        [["90001", "2024", "ba", "80"], ["", "2024", "1", "101"], ["90001", "2024", "2", "80"],
                         ["90004", "", "-1", "75"]])
    province = csv_file(["year", "clearance_rate"], [["2024", "abc"], ["2024", "80"]])
    with pytest.raises(DataErrors) as caught:
        load_dataset(communes, geography, province_data=province)
    error = caught.value
    assert [(Path(p.file).name, p.row, p.column) for p in error.problems] == [
        (communes.name, 2, "criminal_offences"), (communes.name, 3, "commune_code"),
        (communes.name, 3, "clearance_rate"), (communes.name, 4, "commune_code"),
        (communes.name, 5, "year"), (communes.name, 5, "criminal_offences"),
        (province.name, 2, "clearance_rate"), (province.name, 3, "year")]
    assert "đã có ở dòng 2" in str(error.problems[3])


def test_at_most_fifty_are_listed_then_counted(geography, csv_file):
    rows = [[f"{90001 + i % 37:05d}", str(1991 + i // 37), "x"] for i in range(120)]
    with pytest.raises(DataErrors) as caught:
        load_dataset(csv_file(["commune_code", "year", "criminal_offences"], rows), geography)
    error = caught.value
    assert error.total == 120
    text = str(error)
    assert text.count("cột 'criminal_offences'") == MAX_LISTED and f"… và {120 - MAX_LISTED} lỗi khác" in text


def test_codes_not_of_the_province_are_all_named(geography, csv_file):
    path = csv_file(["commune_code", "year"], [["99998", "2024"], ["90001", "2024"], ["99999", "2024"]])
    with pytest.raises(DataErrors) as caught:
        load_dataset(path, geography)
    assert [p.row for p in caught.value.problems] == [2, 4]


def test_a_near_miss_header_does_not_hide_the_bad_cells(geography, csv_file):
    path = csv_file(["commune_code", "year", "clearence_rate", "criminal_offences"],
                    [["90001", "2024", "80", "ba"]])
    with pytest.raises(DataErrors) as caught:
        load_dataset(path, geography)
    assert "'clearance_rate'?" in str(caught.value) and "'ba'" in str(caught.value)


def test_the_command_line_lists_them_and_exits_2(tmp_path):
    from typer.testing import CliRunner

    from chuyenhoa.cli.app import app

    path = tmp_path / "bad.csv"
    path.write_text("commune_code,year,criminal_offences\n25459,2024,ba\n25456,2024,-1\n", encoding="utf-8")
    import chuyenhoa_tayninh

    from chuyenhoa.plugins import host as plugins

    plugins.reset_host(plugins.PluginHost(autoload=False, plugins=[chuyenhoa_tayninh]))
    out = CliRunner().invoke(app, ["evaluate", "-p", "tayninh", "--data", str(path)])
    assert out.exit_code == 2 and "Traceback" not in out.output
    assert f"{path}, dòng 2, cột 'criminal_offences': 'ba'" in out.stderr
    assert f"{path}, dòng 3, cột 'criminal_offences': '-1'" in out.stderr


# --- the bad cells and the codes not on the map, in one run ----------------------------------------
# The codes are checked on the map of each row's year, once the file is read; a file refused for its
# cells used to stop before, so that its codes came out in a second run.

#: a count that is no number on row 3, a code of no commune on row 5 (the header is row 1)
_CELLS_AND_CODES = [["{a}", 2024, 1], ["{b}", 2024, "ba"], ["{c}", 2024, 3], ["99999", 2024, 4]]


def _cells_and_codes(path: Path, codes: tuple[str, str, str], rows: list[list[object]] | None = None) -> Path:
    """``_CELLS_AND_CODES`` with the codes ``codes``, as a CSV or a workbook (by ``path``'s suffix)."""
    a, b, c = codes
    filled = [[str(cell).format(a=a, b=b, c=c) if isinstance(cell, str) else cell for cell in row]
              for row in (rows or _CELLS_AND_CODES)]
    header = ["commune_code", "year", "criminal_offences"]
    if path.suffix == ".xlsx":
        return _book(path, {"communes": [header, *filled]})
    path.write_text("\n".join(",".join(str(cell) for cell in row) for row in [header, *filled]) + "\n",
                    encoding="utf-8")
    return path


@pytest.mark.parametrize("reader", ["strings", "numpy", "xlsx"])
def test_bad_cells_and_codes_not_on_the_map_are_one_error_in_row_order(geography, tmp_path, monkeypatch, reader):
    monkeypatch.setattr(tables, "PLAIN_CSV_BYTES", 0 if reader == "numpy" else 2 ** 62)
    path = _cells_and_codes(tmp_path / ("data.xlsx" if reader == "xlsx" else "data.csv"), ("90001", "90002", "90003"))
    with pytest.raises(DataErrors) as caught:
        load_dataset(path, geography)
    assert [(p.row, p.column) for p in caught.value.problems] == [(3, "criminal_offences"), (5, "commune_code")]
    assert "'ba'" in str(caught.value.problems[0]) and "mã 99999 không phải đơn vị cấp xã" in str(caught.value)


@pytest.mark.parametrize("reader", ["strings", "numpy"])
def test_a_commune_twice_in_a_year_and_a_code_not_on_the_map_are_one_error(geography, tmp_path, monkeypatch, reader):
    """A file whose cells all read but holds a commune twice is refused by the reader too (its index keeps one
    row): the codes are checked then as well, and the repeat is not said twice."""
    monkeypatch.setattr(tables, "PLAIN_CSV_BYTES", 0 if reader == "numpy" else 2 ** 62)
    rows: list[list[object]] = [["90001", 2024, 1], ["99999", 2024, 2], ["90001", 2024, 3]]
    with pytest.raises(DataErrors) as caught:
        load_dataset(_cells_and_codes(tmp_path / "data.csv", ("", "", ""), rows), geography)
    assert [(p.row, p.column) for p in caught.value.problems] == [(3, "commune_code"), (4, "commune_code")]
    assert "99999" in str(caught.value.problems[0]) and "đã có ở dòng 2" in str(caught.value.problems[1])


def test_the_codes_of_a_refused_large_csv_are_checked_on_its_packed_columns(geography, tmp_path, monkeypatch):
    """A million-row file refused for one cell must not cost a Python object a row for its code check: the rows
    without a year are left out by NumPy, and the columns stay packed."""
    from chuyenhoa.reading.dataset import check_geography, read_dataset
    from chuyenhoa.reading.packed import PackedColumn

    monkeypatch.setattr(tables, "PLAIN_CSV_BYTES", 0)
    rows = [["90001", "2024", "1"], ["90002", "", "ba"], ["99999", "2024", "3"], ["90004", "2023", "4"]]
    path = _cells_and_codes(tmp_path / "data.csv", ("", "", ""), rows)
    seen = []

    def check(read, problems):
        seen.append(read)
        check_geography(read, geography, problems=problems)

    with pytest.raises(DataErrors) as caught:
        read_dataset(path, check_codes=check)
    assert [(p.row, p.column) for p in caught.value.problems] == [
        (3, "year"), (3, "criminal_offences"), (4, "commune_code")]
    (read,) = seen
    assert all(isinstance(values, PackedColumn) for values in read.communes.columns.values())
    assert list(read.communes.row_numbers) == [2, 4, 5] and read.years == [2023, 2024]


def test_at_most_fifty_cells_and_codes_are_listed_then_counted(geography, tmp_path):
    rows: list[list[object]] = [["99998", 2024, 1]]
    rows += [[f"{90001 + i % 37:05d}", 1991 + i // 37, "x"] for i in range(60)]
    rows += [["99999", 2024, 2]]
    with pytest.raises(DataErrors) as caught:
        load_dataset(_cells_and_codes(tmp_path / "data.csv", ("", "", ""), rows), geography)
    error = caught.value
    listed = str(error).splitlines()[1:-1]
    assert error.total == 62 and len(listed) == MAX_LISTED
    assert "dòng 2, cột 'commune_code': mã 99998" in listed[0] and "dòng 51, cột 'criminal_offences'" in listed[-1]
    assert str(error).endswith(f"… và {62 - MAX_LISTED} lỗi khác")  # the code on row 63 among them


def _tayninh_cli(*args: str):
    import chuyenhoa_tayninh
    from typer.testing import CliRunner

    from chuyenhoa.cli.app import app
    from chuyenhoa.plugins import host as plugins

    plugins.reset_host(plugins.PluginHost(autoload=False, plugins=[chuyenhoa_tayninh]))
    return CliRunner().invoke(app, list(args))


@pytest.mark.parametrize(("command", "suffix"), [
    *((command, suffix) for command in ("evaluate", "history record", "history import", "template")
      for suffix in (".csv", ".xlsx")),
    ("merge", ".xlsx"),  # merge reads workbooks only
])
def test_every_command_that_reads_data_says_the_cells_and_the_codes_in_one_run(tmp_path, suffix, command):
    path = _cells_and_codes(tmp_path / f"bad{suffix}", ("25456", "25459", "25462"))
    args = {
        "evaluate": ["evaluate", "-p", "tayninh", "--data", str(path)],
        "history record": ["history", "record", "-p", "tayninh", "-y", "2024", "--data", str(path),
                           "--db", str(tmp_path / "h.sqlite3")],
        "history import": ["history", "import", "-p", "tayninh", "--data", str(path),
                           "--db", str(tmp_path / "h.sqlite3")],
        "template": ["template", "-p", "tayninh", "--from", str(path), "-o", str(tmp_path / "mau.xlsx")],
        "merge": ["merge", str(path), "-p", "tayninh", "--year", "2024", "-o", str(tmp_path / "gop.xlsx")],
    }[command]
    out = _tayninh_cli(*args)
    assert out.exit_code == 2 and "Traceback" not in out.output, out.output
    where = f"{path}" + (" [sheet communes]" if suffix == ".xlsx" else "")
    cell = out.stderr.find(f"{where}, dòng 3, cột 'criminal_offences': 'ba'")
    code = out.stderr.find(f"{where}, dòng 5, cột 'commune_code': mã 99999 không phải đơn vị cấp xã của Tây Ninh")
    assert 0 <= cell < code, out.stderr
    assert not (tmp_path / "mau.xlsx").exists() and not (tmp_path / "gop.xlsx").exists()


def test_an_old_code_in_a_later_year_is_said_with_the_bad_cells(tmp_path):
    """Out of date, not unknown: 25453 was a commune of Bình Phước until 30/06/2025; in a 2025 row it is refused
    with the commune it went into, in the same run as the bad cells of the 2024 rows (each year on its map)."""
    rows: list[list[object]] = [["25456", 2024, "ba"], ["99999", 2024, 1], ["25453", 2025, 2], ["25459", 2025, "-1"]]
    path = _cells_and_codes(tmp_path / "bad.csv", ("", "", ""), rows)
    out = _tayninh_cli("evaluate", "-p", "tayninh", "-y", "2025", "--data", str(path))
    assert out.exit_code == 2, out.output
    lines = [line.strip() for line in out.stderr.splitlines()[1:]]
    assert [line.split(":")[0] for line in lines] == [
        f"{path}, dòng 2, cột 'criminal_offences'", f"{path}, dòng 3, cột 'commune_code'",
        f"{path}, dòng 4, cột 'commune_code'", f"{path}, dòng 5, cột 'criminal_offences'"]
    assert "đến 30/06/2025, mã 25453 là" in lines[2]


# --- what messages quote, and faults said in their own words -------------------------------------


def test_a_message_quotes_sixty_characters_without_control_characters(geography, csv_file):
    long = "một đoạn ghi chú dài\tdán từ nơi khác\x1b[31m " * 10
    with pytest.raises(CellError) as caught:
        load_dataset(csv_file(["commune_code", "year", "criminal_offences"], [["90001", "2024", long]]), geography)
    quoted = str(caught.value).split("'")[3]
    assert len(quoted) <= SHOWN_CHARS and quoted.endswith("…")
    assert not any(ord(ch) < 32 for ch in str(caught.value))
    assert shown("a\nb") == "a b" and shown(True) == "TRUE"


def test_a_tab_separated_file_is_said_to_be_one(geography, tmp_path):
    path = tmp_path / "tab.csv"
    path.write_text("commune_code\tyear\n90001\t2024\n", encoding="utf-8")
    with pytest.raises(DataError, match="dấu tab"):
        load_dataset(path, geography)


def test_a_tab_inside_a_cell_of_a_csv_is_not_a_tab_separated_file(geography, tmp_path):
    path = tmp_path / "tab-in-cell.csv"
    path.write_text("commune_code,year,commune_name\n90001,2024,Xã\t\tSố\t1\n", encoding="utf-8")
    assert load_dataset(path, geography).communes.columns["commune_code"] == ["90001"]


@pytest.mark.parametrize(("line", "words"), [
    ('90001,"Xã Số 1,2024\n', "không đóng lại"),                  # a quote opened and never closed
    ('90001,"Xã Số 1" cũ,2024\n', "ngay sau dấu ngoặc kép"),      # text after the closing quote
    ('90001,"Xã Số 1,2024\n90002,Xã Số 2",2024\n', "kéo sang 1 dòng sau"),  # a cell running over a line
])
def test_a_stray_quote_is_said_to_be_one(geography, tmp_path, line, words):
    path = tmp_path / "quote.csv"
    path.write_text("commune_code,commune_name,year\n" + line + "90003,Xã Số 3,2024\n", encoding="utf-8")
    with pytest.raises(DataError, match=words) as caught:
        load_dataset(path, geography)
    assert "dòng 2" in str(caught.value)


def test_a_line_break_typed_in_a_cell_is_kept(geography, tmp_path):
    path = tmp_path / "alt-enter.csv"
    path.write_text('commune_code,commune_name,year\n90001,"Xã\nSố 1",2024\n90002,Xã Số 2,2024\n', encoding="utf-8")
    data = load_dataset(path, geography)
    assert data.communes.row_numbers == [2, 3]  # as a spreadsheet shows the file: a row each


def test_a_header_below_row_twenty_is_said_to_be_too_low(geography, tmp_path):
    rows = [[f"ghi chú {n}"] for n in range(22)] + [["commune_code", "year"], ["90001", 2024]]
    path = _book(tmp_path / "low.xlsx", {"communes": rows})
    with pytest.raises(DataError, match="dòng tiêu đề \\(có cột 'commune_code'\\) nằm ở dòng 23"):
        load_dataset(path, geography)


def test_a_header_without_its_key_is_said_to_miss_it(geography, tmp_path):
    path = _book(tmp_path / "nokey.xlsx", {"communes": [["Số liệu năm 2024"], ["year", "criminal_offences"],
                                                        [2024, 1, 5]]})
    with pytest.raises(DataError) as caught:
        load_dataset(path, geography)
    assert "thiếu cột bắt buộc 'commune_code' (dòng tiêu đề là dòng 2)" in str(caught.value)
    assert "không có tiêu đề" in str(caught.value)  # the 5 beyond the header, on its own row


def test_no_header_at_all_is_said_so(geography, tmp_path):
    path = tmp_path / "notes.csv"
    path.write_text("ghi chú,,\nmột dòng khác,,\n", encoding="utf-8")
    with pytest.raises(DataError, match="không tìm thấy dòng tiêu đề"):
        load_dataset(path, geography)


# --- long files: refused early, in little memory --------------------------------------------------


def test_a_duplicate_on_row_3_of_a_million_rows_is_reported_without_reading_them(tmp_path):
    """Run in a fresh process to measure its peak memory: a million rows read whole took about 3 GB."""
    path = tmp_path / "million.csv"
    row = "25459,Phường 3,2024," + ",".join(["1"] * 20) + "\n"
    with path.open("w", encoding="utf-8") as handle:
        handle.write("commune_code,commune_name,year," + ",".join(f"x{i}" for i in range(20)) + "\n")
        for _ in range(1_001):
            handle.write(row * 1_000)
    script = (
        "import re\n"
        "from pathlib import Path\n"
        "from chuyenhoa.errors import DataErrors\n"
        "from chuyenhoa.reading.dataset import read_dataset\n"
        "try:\n"
        f"    read_dataset({str(path)!r})\n"
        "except DataErrors as error:\n"
        "    print(error.problems[0].row, error.stopped_at, len(error.problems))\n"
        "status = Path('/proc/self/status').read_text()\n"  # the peak of this process since exec, in kB
        "print(int(re.search(r'VmHWM:\\s+(\\d+)', status).group(1)) // 1024)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120)
    first, stopped, listed = out.stdout.split("\n")[0].split()
    assert int(first) == 3 and int(stopped) < 1000 and int(listed) == MAX_LISTED
    assert int(out.stdout.split("\n")[1]) < 150, out.stdout  # MB, for a file of 70 MB


def test_a_file_longer_than_any_table_is_refused(geography, tmp_path, monkeypatch):
    monkeypatch.setattr(tables, "MAX_ROWS", 300)
    lines = ["commune_code,year"] + [f"{90001 + i % 37:05d},{1700 + i // 37 + 300}" for i in range(800)]
    path = tmp_path / "long.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataError, match="bảng có 801 dòng, quá giới hạn 300 dòng"):
        read_dataset(path)


def test_a_sheet_filled_down_to_its_last_row_is_refused_before_calamine_holds_it(tmp_path):
    path = _book(tmp_path / "down.xlsx", {"communes": [["commune_code", "year"], ["25459", 2024]]})
    grown = _with_sheet_xml(path, tmp_path / "grown.xlsx",
                            lambda xml: xml.replace(b'<dimension ref="A1:B2"/>', b'<dimension ref="A1:B1048576"/>'))
    assert last_row(grown, "communes") == 1048576
    with pytest.raises(DataError, match="1.048.576 dòng"):
        read_dataset(grown)


@pytest.mark.parametrize("data", [b"\xef\xbb\xbfab\xffc", b"ab\xffc", b"\xef\xbb\xbf", b"\xef\xbb", b"\xef\xbbx",
                                  b"\xef\xbb\xbf\xef\xbb\xbfx;y\r\n", b"a;\xc3\xa1\n", b"\xef\xbb\xbfa;\xc3\n"])
def test_a_csv_is_decoded_as_utf_8_sig_decodes_it(tmp_path, data):
    """The text of a CSV, or the byte its error names, is what ``data.decode("utf-8-sig")`` gives (issue 17: read
    without importing that codec)."""
    try:
        expected = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        with pytest.raises(DataError, match=rf"\(byte {exc.start}\)"):
            tables._decoded(tmp_path / "x.csv", data)
    else:
        assert tables._decoded(tmp_path / "x.csv", data) == expected
