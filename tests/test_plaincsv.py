"""The NumPy reader of large plain CSVs gives exactly what the string reader gives, or steps aside.

``chuyenhoa.reading.plaincsv`` is only a faster way to the same values: every test here
compares it with the reference path (``str.split`` and the parsers of
``chuyenhoa.reading.cells``), cell for cell, error for error.
"""

from __future__ import annotations

import random
import unicodedata
from pathlib import Path

import pytest

from chuyenhoa.errors import DataError
from chuyenhoa.reading import tables
from chuyenhoa.reading.dataset import load_dataset
from chuyenhoa.reading.plaincsv import PlainCsv

np = pytest.importorskip("numpy")


def _cut(text: str, delimiter: str = ",") -> PlainCsv | None:
    return PlainCsv.cut(text.encode("utf-8"), delimiter)


# --- what counts as plain ------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    'a,b\n"1,5",2\n',          # a delimiter inside quotes
    'a,b\n"x""y",2\n',         # a doubled quote
    'a,b\nx"y,2\n',            # a quote inside a field
    'a,b\n"1" ,2\n',           # something after the closing quote
    'a,b\n"1\n2",3\n',          # a line break inside quotes
    '"a,b\n1,2\n',             # a header cell opened and not closed
    'a,b\n1,2\n"",""\n',        # a row of empty quoted cells (the reference reader skips it)
    "a,b\n1,2\r3,4\n",         # a lone carriage return
    "a,b\n1,2\n3\n",           # a short row
    "a,b\n1,2,3\n",            # a long row
    "a,b\n1,2\n,\n",           # a row of nothing
    "a,b\n1,2\n \t, \n",       # a row of blanks
    "a,b\n1,2\n\n3,4\n",       # a blank line inside
    "a,\n1,2\n",               # a header cell left empty
    "a,b\n",                   # no data row
    "a,b\n1,x\x0cy\n",         # a form feed, which str.splitlines breaks at
    "a,b\n1,x\u2028y\n",       # a line separator, likewise
    "a,b\n1,x\x85y\n",         # NEXT LINE, likewise
    "a,b\n1,x\x00y\n",         # NUL
])
def test_not_plain_files_are_left_to_the_reference_reader(text):
    assert _cut(text) is None


def test_quotes_around_whole_fields_are_taken_off():
    table = _cut('"a","b"\n"Xã Số 1",2\n"","5"\n')
    assert table is not None and table.header == ["a", "b"]
    assert table.cells(0) == ["Xã Số 1", ""]
    assert table.counts([1])[0].values == [2, 5]  # type: ignore[union-attr]


def test_one_long_cell_is_sliced_not_padded():
    long = "Ghi chú " + "dài " * 2000
    table = _cut("a,b\nx,1\n" + long + ",2\nXã Hòa,3\n")
    assert table is not None and table.cells(0) == ["x", long, "Xã Hòa"]


def test_bom_crlf_and_trailing_newlines_are_plain():
    table = PlainCsv.cut(b"\xef\xbb\xbfa;b\r\n1;x\r\n22;\r\n\r\n", ";")
    assert table is not None
    assert table.header == ["a", "b"]
    assert (table.rows, table.width) == (2, 2)
    assert table.cells(0) == ["1", "22"]
    assert table.cells(1) == ["x", ""]


def test_separators_that_are_not_line_breaks_stay_plain():
    # "–" is E2 80 93: the same lead bytes as U+2028, which is refused
    table = _cut("a,b\n1,Xã Hòa – Đông\n")
    assert table is not None and table.cells(1) == ["Xã Hòa – Đông"]


# --- numbers and words, exactly as the reference parsers read them -------------------------


def _column(cells: list[str]) -> PlainCsv:
    """A file whose last column holds ``cells`` (";"-delimited, so a decimal comma stays in its cell)."""
    table = _cut("k;v\n" + "\n".join(f"r{i};{c}" for i, c in enumerate(cells)) + "\n", ";")
    assert table is not None
    return table


def _values(table: PlainCsv, method: str, *args: object) -> list[object] | None:
    column = table.width - 1
    read = getattr(table, method)([column], *args)[0]
    return None if read is None else read.values


def test_counts_of_every_length_are_exact():
    cells = ["0", "7", "10", "99", "007", "12345678", "99999999", "00000001", "123456789", "999999999999999", ""]
    values = _values(_column(cells), "counts")
    assert values == [0, 7, 10, 99, 7, 12345678, 99999999, 1, 123456789, 999999999999999, None]
    assert all(type(v) is int for v in values if v is not None)


def test_short_counts_take_the_eight_digit_path_and_agree_with_int():
    rng = random.Random(3)
    cells = [str(rng.randrange(10 ** rng.randrange(1, 9))).zfill(rng.randrange(1, 9)) for _ in range(2000)]
    assert _values(_column(cells), "counts") == [int(c) for c in cells]


@pytest.mark.parametrize("cell", ["-1", "+1", "1.0", "1,5", " 4", "4 ", "1e3", "１２", "٣", "1_000", "1234567890123456"])
def test_a_count_not_in_plain_digits_is_left_to_the_reference_parser(cell):
    assert _values(_column(["1", cell]), "counts") is None


def test_decimals_equal_float_of_their_text():
    rng = random.Random(5)
    cells = []
    for _ in range(3000):
        digits = rng.randrange(1, 16)
        text = "".join(rng.choice("0123456789") for _ in range(digits))
        point = rng.randrange(0, digits)
        cells.append(text if point == 0 else f"{text[:point]}.{text[point:]}")
    values = _values(_column(cells), "decimals")
    assert values == [float(c) for c in cells]
    assert all(type(v) is float for v in values)


@pytest.mark.parametrize("cell", [".5", "5.", "1.2.3", "75,5", "75%", "-1", "1e2", "nan", "inf", "12345678901234.56"])
def test_a_decimal_not_in_plain_form_is_left_to_the_reference_parser(cell):
    assert _values(_column(["1.5", cell]), "decimals") is None


def test_a_rate_above_its_bound_is_left_to_the_reference_parser():
    assert _values(_column(["100", "100.0", "0"]), "decimals", 100.0) == [100.0, 100.0, 0.0]
    assert _values(_column(["100", "100.1"]), "decimals", 100.0) is None


def test_words_are_matched_exactly_with_their_length():
    words = {"có": True, "không": False, "": None, "1": True, "0": False}
    assert _values(_column(["có", "không", "", "1", "0"]), "words", words) == [True, False, None, True, False]
    for odd in ("Có", "khong", "có ", "co", unicodedata.normalize("NFD", "có"), "10", "không!"):
        assert _values(_column(["có", odd]), "words", words) is None


def test_codes_keep_their_leading_zeros_and_need_their_width():
    assert _column(["00001", "90037"]).codes(1, 5) == ["00001", "90037"]
    assert _column(["00001", "1"]).codes(1, 5) is None
    assert _column(["00001", "0000a"]).codes(1, 5) is None


def test_floats_beside_values_hold_nan_for_empty_cells():
    table = _column(["3", "", "12"])
    read = table.counts([1])[0]
    assert read is not None and read.values == [3, None, 12]
    assert np.array_equal(read.floats, [3.0, np.nan, 12.0], equal_nan=True)


# --- whole files: the two readers agree on values, warnings and errors -----------------------

HEADER_FORMS = {
    "commune_code": ["90001"],  # replaced row by row
    "year": ["2023", "2024", "2024", "2024", "02024", "1989", "", "năm nay"],
    "criminal_offences": ["0", "3", "12", "007", "", "", "-2", "1.0", "1,5", " 4", "ba", "1234567890123456"],
    "population": ["15918", "22044", "9123", "100", "", "1.234", "12 345"],
    "clearance_rate": ["75", "80.5", "100", "0.5", "92.3", "", "", "75,5", "75%", "100.1", ".5", "abc"],
    "households_informed_rate": ["100", "99.8", "100.0", "", "80", "5.", "101"],
    "hotspot": ["có", "không", "Có", "KHÔNG", "", "x", "yes", "0", "có lẽ"],
    "drug_cultivation": ["không", "có", "", "x", "X", "Không"],
    "new_complexity": ["không", "có", "1", "0", "", "true", "rồi"],
    "commune_name": ["Xã Số 1", "Xã Khác", "", unicodedata.normalize("NFD", "Xã Số 1")],
}


def _random_table(rng: random.Random, path: Path) -> str:
    """Write a random communes file to ``path``; return its delimiter."""
    columns = ["commune_code", "year", *rng.sample(sorted(set(HEADER_FORMS) - {"commune_code", "year"}), 5)]
    clean = rng.random() < 0.5  # half the files hold only the usual forms, the others a few odd cells
    rows = []
    for n in range(rng.randrange(1, 40)):
        row = []
        for column in columns:
            forms = HEADER_FORMS[column]
            if column == "commune_code":
                row.append(f"{90001 + (n % 37):05d}" if clean or rng.random() > 0.02 else "99999")
            elif clean or rng.random() < 0.97:
                row.append(forms[rng.randrange(min(len(forms), 5))])  # the usual forms
            else:
                row.append(rng.choice(forms))
        rows.append(row)
    delimiter = rng.choice(",;")
    newline = rng.choice(["\n", "\r\n"])
    quoting = rng.choice([0.0, 0.0, 0.3, 1.0])  # how many cells a writer wraps in quotes
    text = newline.join(delimiter.join(_quoted(cell) if rng.random() < quoting else cell
                                       for cell in cells) for cells in [columns, *rows]) + newline
    path.write_bytes(("\ufeff" if rng.random() < 0.3 else "").encode() + text.encode("utf-8"))
    return delimiter


def _quoted(cell: str) -> str:
    """A cell as csv.writer quotes it when asked to quote all: in quotes, its own quotes doubled."""
    return '"' + cell.replace('"', '""') + '"'


def _outcome(path: Path, geography: object, monkeypatch: pytest.MonkeyPatch, threshold: int) -> object:
    monkeypatch.setattr(tables, "PLAIN_CSV_BYTES", threshold)
    try:
        data = load_dataset(path, geography)  # type: ignore[arg-type]
    except DataError as error:
        return type(error).__name__, str(error)
    columns = data.communes.columns
    return ({k: (v, [type(x).__name__ for x in v]) for k, v in columns.items()}, data.communes.row_numbers,
            data.warnings)


def test_random_files_read_the_same_by_both_readers(geography, tmp_path, monkeypatch):
    rng = random.Random(20261122)
    took_numpy = failed = 0
    for case in range(150):
        path = tmp_path / f"case{case}.csv"
        delimiter = _random_table(rng, path)
        reference = _outcome(path, geography, monkeypatch, threshold=2 ** 62)
        assert _outcome(path, geography, monkeypatch, threshold=0) == reference, path.read_text(encoding="utf-8-sig")
        took_numpy += PlainCsv.cut(path.read_bytes(), delimiter) is not None
        failed += isinstance(reference, tuple) and len(reference) == 2
    # both kinds of file were met: read whole by NumPy, and refused with a message
    assert took_numpy > 100 and 20 < failed < 100


def test_a_large_file_is_cut_by_numpy_and_its_columns_kept_as_floats(geography, tmp_path):
    lines = ["commune_code,year,criminal_offences,clearance_rate,hotspot,commune_name"]
    # rates of 1 to 100 (a rate below 1 among them would be warned about as a likely fraction)
    lines += [f"{90001 + i % 37:05d},{1991 + i // 37},{i % 13},{1 + (i * 7) % 991 / 10},{'có' if i % 5 else 'không'},"
              f"Xã Số {1 + i % 37}" for i in range(37 * 100)]
    path = tmp_path / "large.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert path.stat().st_size >= tables.PLAIN_CSV_BYTES
    assert tables.read_table(path).plain is not None
    data = load_dataset(path, geography)
    assert data.warnings == ()
    arrays, columns = data.communes.arrays, data.communes.columns
    assert set(arrays) == {"year", "criminal_offences", "clearance_rate", "hotspot"}
    for column in arrays:
        assert np.array_equal(arrays[column], np.array(columns[column], dtype=float))
    assert columns["commune_code"][:2] == ["90001", "90002"]


def test_a_small_file_is_split_as_strings(geography, csv_file):
    path = csv_file(["commune_code", "year"], [["90001", "2024"]])
    assert tables.read_table(path).plain is None
    assert load_dataset(path, geography).communes.arrays == {}
