"""Columns held as arrays read exactly as the lists they stand for; a file read a run at a time reads as a whole.

``chuyenhoa.reading.packed`` and the streamed reader of ``chuyenhoa.reading.plaincsv`` exist
for memory and speed only (issue 17): every test here compares them with the plain
Python form of the same values (lists, dicts, ``set(zip(…))``, :meth:`PlainCsv.cut` of
the whole file), value for value and error for error.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from chuyenhoa.errors import MAX_LISTED, DataError, DataErrors
from chuyenhoa.reading import plaincsv, tables
from chuyenhoa.reading.dataset import _DictIndex, load_dataset, read_dataset
from chuyenhoa.reading.packed import (
    CategoryColumn,
    FloatArrays,
    Form,
    NumberColumn,
    array_index,
    distinct_pairs,
    given,
    repeated_rows,
    rows_where,
    subset,
)
from chuyenhoa.reading.tables import RowNumbers

np = pytest.importorskip("numpy")


def _columns(rng: random.Random, n: int) -> list[tuple[object, list[object]]]:
    """(packed column, the list it stands for) of each kind, ``n`` rows of random values."""
    counts = [None if rng.random() < 0.1 else rng.choice([0, 1, 7, 127, 128, 300, 70_000, 2 ** 40]) for _ in range(n)]
    packed_counts = np.array([-1 if v is None else v for v in counts], dtype=np.int64)
    floats = [None if rng.random() < 0.1 else rng.choice([0.0, 0.5, 75.5, 100.0, 12.25]) for _ in range(n)]
    packed_floats = np.array([-np.inf if v is None else v for v in floats])
    labels: list[object] = ["10001", "10002", None, "10004"]
    ids = [rng.randrange(len(labels)) for _ in range(n)]
    flags: list[object] = [True, False, None]
    flag_ids = [rng.randrange(3) for _ in range(n)]
    return [
        (NumberColumn(packed_counts, -1), counts),
        (NumberColumn(packed_floats, -np.inf), floats),
        (CategoryColumn(np.array(ids, dtype=np.uint8), labels), [labels[i] for i in ids]),
        (CategoryColumn(np.array(flag_ids, dtype=np.uint8), flags), [flags[i] for i in flag_ids]),
    ]


@pytest.mark.parametrize("seed", range(5))
def test_a_packed_column_reads_as_its_list(seed):
    rng = random.Random(seed)
    n = rng.randrange(1, 300)
    for column, values in _columns(rng, n):
        assert len(column) == n and column == values and values == column and list(column) == values
        assert column.tolist() == values and [type(v) for v in column] == [type(v) for v in values]
        rows = [rng.randrange(n) for _ in range(rng.randrange(0, 40))]
        assert column.take(rows) == [values[i] for i in rows]
        assert [column[i] for i in range(-n, n)] == [values[i] for i in range(-n, n)]
        assert column[2:17:3] == values[2:17:3] and column[::-1] == values[::-1]
        assert column.distinct() == set(values)
        for probe in (None, 0, 7, 75.5, "10002", True, False, "nothing", [1]):
            assert (probe in column) == (probe in values), probe
        assert column.count(None) == values.count(None)
        if values[0] is not None:
            assert column.index(values[0]) == values.index(values[0])
        with pytest.raises(TypeError):
            hash(column)


@pytest.mark.parametrize("seed", range(5))
def test_the_given_rows_and_a_subset_are_those_of_the_list(seed):
    """What a refused file's code check reads (dataset._keyed): the rows with a value, still packed, and a column
    of categories without the None its empty cells held (the array index refuses a key column with one)."""
    rng = random.Random(seed)
    n = rng.randrange(1, 300)
    for column, values in _columns(rng, n):
        assert given(column).tolist() == [v is not None for v in values]
        rows = np.flatnonzero(given(column))
        part = subset(column, rows)
        assert type(part) is type(column) and part == [values[i] for i in rows.tolist()]
        if isinstance(part, CategoryColumn):
            assert None not in part.labels and len(part.labels) == len(part.distinct())


def test_floats_hold_nan_where_empty_and_flags_as_one_and_zero():
    counts = NumberColumn(np.array([3, -1, 12], dtype=np.int8), -1)
    assert np.array_equal(counts.floats(), [3.0, np.nan, 12.0], equal_nan=True)
    assert np.array_equal(counts.floats(np.array([2, 0])), [12.0, 3.0])
    flags = CategoryColumn(np.array([0, 1, 2, 0], dtype=np.uint8), [True, False, None])
    assert np.array_equal(flags.floats(), [1.0, 0.0, np.nan, 1.0], equal_nan=True)
    arrays = FloatArrays({"c": counts})
    assert "c" in arrays and "x" not in arrays and list(arrays) == ["c"]
    assert arrays["c"] is arrays["c"]  # a short table keeps the array it made


@pytest.mark.parametrize("seed", range(8))
def test_the_array_index_finds_the_rows_the_dict_index_finds(seed):
    rng = random.Random(seed)
    codes = [f"{10_000 + i:05d}" for i in range(rng.randrange(1, 30))]
    years = list(range(2015, 2015 + rng.randrange(1, 6)))
    keys = [(rng.choice(codes), rng.choice(years)) for _ in range(rng.randrange(1, 200))]  # repeats among them
    code_column = _categories([k[0] for k in keys])
    year_column = NumberColumn(np.array([k[1] for k in keys], dtype=np.int16), -1)
    packed, plain = array_index(code_column, year_column), _DictIndex([k[0] for k in keys], [k[1] for k in keys])
    assert packed is not None and packed.distinct == plain.distinct
    assert sorted(packed.years) == sorted(plain.years)  # type: ignore[type-var]
    asked = [*codes, "99999", "1"]
    for year in [*years, 1990]:
        assert packed.rows_of_year(year) == plain.rows_of_year(year)
        assert packed.rows_at(asked, year) == plain.rows_at(asked, year)
        assert packed.row(codes[0], year) == plain.row(codes[0], year)
    assert array_index([k[0] for k in keys], year_column) is None  # a list: the dict index


def _categories(values: list[object]) -> CategoryColumn:
    labels = list(dict.fromkeys(values))
    return CategoryColumn(np.array([labels.index(v) for v in values], dtype=np.int32), labels)


@pytest.mark.parametrize("seed", range(8))
def test_repeats_pairs_and_groups_are_those_of_the_lists(seed):
    rng = random.Random(seed)
    n = rng.randrange(1, 600)
    codes = [rng.choice(["90001", "90002", "90003", None]) for _ in range(n)]
    years = [rng.choice([2023, 2024]) for _ in range(n)]
    names = [rng.choice(["Xã A", "Xã B"]) for _ in range(n)]
    packed_codes, packed_names = _categories(codes), _categories(names)
    packed_years = NumberColumn(np.array(years, dtype=np.int16), -1)
    seen: dict[tuple[object, object], int] = {}
    expected = []
    for index, key in enumerate(zip(codes, years, strict=True)):
        if key[0] is None:
            continue
        first = seen.setdefault(key, index)
        if first != index:
            expected.append((index, first))
    assert repeated_rows(packed_codes, packed_years) == expected
    assert repeated_rows(codes, years) is None
    assert distinct_pairs(packed_codes, packed_names) == set(zip(codes, names, strict=True))
    rows = sorted(rng.sample(range(n), rng.randrange(0, n + 1)))
    assert rows_where(packed_codes, rows, lambda v: v == "90002") == [r for r in rows if codes[r] == "90002"]
    assert rows_where(codes, rows, bool) == [r for r in rows if codes[r]]


def test_row_numbers_equal_the_list_they_stand_for():
    numbers = RowNumbers(2, 7)
    assert numbers == [2, 3, 4, 5, 6] and [2, 3, 4, 5, 6] == numbers and numbers != [2, 3]  # noqa: SIM300
    assert numbers[0] == 2 and numbers[-1] == 6 and numbers[1:3] == [3, 4] and list(numbers) == [2, 3, 4, 5, 6]
    assert 4 in numbers and 7 not in numbers and len(numbers) == 5


# --- a file read a run at a time reads as the whole file ------------------------------------

FORMS = {0: Form("digits", digits=5), 1: Form("count"), 2: Form("decimal", upper=100.0),
         3: Form("words", words=(("có", True), ("không", False), ("", None))), 4: Form("text")}
CELLS = [["90001", "90002", "00007", "9001"], ["2024", "2023", "", "02024", "x"], ["75", "80.5", "", "100.5"],
         ["có", "không", "", "Có"], ["Xã Số 1", "Phường 2", "", "Thị trấn Hòa – Đông", "a" * 80]]


def _random_file(rng: random.Random, path: Path) -> bytes:
    """A file of the forms above, mostly plain, with the shapes the cutter must agree on at a run's edge."""
    rows = []
    for _ in range(rng.randrange(1, 60)):
        rows.append(",".join(rng.choice(CELLS[j][:3] if rng.random() < 0.97 else CELLS[j]) for j in range(5)))
    newline = rng.choice(["\n", "\r\n"])
    text = newline.join(["commune_code,year,rate,flag,name", *rows])
    text += rng.choice(["", newline, newline * 3])
    if rng.random() < 0.1:
        lines = text.split(newline)
        lines.insert(rng.randrange(1, len(lines) + 1), rng.choice(["", " ", ",,,,"]))
        text = newline.join(lines)
    if rng.random() < 0.05:
        text = text.replace(newline, "\r", 1)
    data = (b"\xef\xbb\xbf" if rng.random() < 0.3 else b"") + text.encode("utf-8")
    path.write_bytes(data)
    return data


def _whole(data: bytes) -> dict[int, object] | None:
    whole = plaincsv.PlainCsv.cut(data, ",")
    if whole is None:
        return None
    found: dict[int, object] = {}
    codes = whole.codes(0, 5)
    found[0] = codes
    for position, read in ((1, whole.counts([1])[0]), (2, whole.decimals([2], 100.0)[0]),
                           (3, whole.words([3], dict(FORMS[3].words))[0])):
        found[position] = None if read is None else read.values
    found[4] = whole.cells(4)
    return found


@pytest.mark.parametrize("chunk", [1, 7, 30, 200, 1 << 21])
def test_a_file_read_in_runs_reads_as_the_whole_file(tmp_path, monkeypatch, chunk):
    monkeypatch.setattr(plaincsv, "CHUNK_BYTES", chunk)
    rng = random.Random(chunk)
    plain = 0
    for case in range(60):
        path = tmp_path / f"case{case}.csv"
        data = _random_file(rng, path)
        expected = _whole(data)
        read = plaincsv.read(path, ",", FORMS)
        assert (read is None) == (expected is None), data
        if read is None or expected is None:
            continue
        plain += 1
        assert read.rows == len(expected[4])  # type: ignore[arg-type]
        for position in range(4):
            column = read.typed(position)
            assert (column.tolist() if column is not None else None) == expected[position], (position, data)
        assert read.texts(4).tolist() == expected[4] == read.cells(4)
        assert read.texts(1).tolist() == read.cells(1)  # read again from the file: the texts of the cells
    assert plain > 20


def test_a_dataset_reads_the_same_whatever_the_runs(geography, tmp_path, monkeypatch):
    """Columns typed as read, and columns read again as text (ticks, a thousands separator), alike."""
    lines = ["commune_code,commune_name,year,criminal_offences,population,clearance_rate,hotspot,drug_cultivation"]
    lines += [f"{90001 + i % 37:05d},Xã Số {1 + i % 37},{1991 + i // 37},{i % 13},{'1.234' if i == 500 else 900 + i},"
              f"{1 + (i * 7) % 991 / 10},{'có' if i % 5 else 'không'},{'x' if i % 7 == 0 else ''}"
              for i in range(37 * 30)]
    path = tmp_path / "runs.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setattr(tables, "PLAIN_CSV_BYTES", 0)
    whole = load_dataset(path, geography)
    monkeypatch.setattr(plaincsv, "CHUNK_BYTES", 97)
    runs = load_dataset(path, geography)
    assert dict(whole.communes.columns) == dict(runs.communes.columns) and whole.warnings == runs.warnings
    assert runs.communes.columns["drug_cultivation"] == [i % 7 == 0 for i in range(37 * 30)]
    assert runs.communes.columns["population"][499:502] == [1399, 1234, 1401]
    monkeypatch.setattr(tables, "PLAIN_CSV_BYTES", 2 ** 62)  # the string reader: the reference
    assert dict(read_dataset(path).communes.columns) == dict(runs.communes.columns)


# --- long files: the cap of each reader ------------------------------------------------------


def _long(path: Path, rows: int, *, repeat_from: int | None = None, quoted: bool = False) -> Path:
    lines = ["commune_code,year,criminal_offences"]
    for i in range(rows):
        code, year = 90001 + i % 37, 1990 + i // 37
        if repeat_from is not None and i >= repeat_from:
            code, year = 90001, 1990
        lines.append(f"{code:05d},{year},{i % 9}")
    if quoted:
        lines[-1] += ',"a, b"'  # a delimiter inside quotes: csv.reader reads this file, holding every cell
        lines[0] += ",note"
        lines[1:-1] = [line + "," for line in lines[1:-1]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_plain_file_longer_than_a_reader_could_hold_is_read(geography, tmp_path, monkeypatch):
    monkeypatch.setattr(tables, "MAX_HELD_ROWS", 300)
    monkeypatch.setattr(tables, "PLAIN_CSV_BYTES", 0)
    data = read_dataset(_long(tmp_path / "long.csv", 37 * 20))
    assert len(data.communes) == 740 and data.communes.row_numbers == list(range(2, 742))


def test_a_file_that_is_not_plain_keeps_the_limit_of_the_readers_that_hold_cells(geography, tmp_path, monkeypatch):
    monkeypatch.setattr(tables, "MAX_HELD_ROWS", 300)
    monkeypatch.setattr(tables, "PLAIN_CSV_BYTES", 0)
    with pytest.raises(DataError, match="bảng có 741 dòng, quá giới hạn 300 dòng"):
        read_dataset(_long(tmp_path / "quoted.csv", 740, quoted=True))


def test_a_file_longer_than_any_table_is_refused_before_it_is_read(geography, tmp_path, monkeypatch):
    monkeypatch.setattr(tables, "MAX_ROWS", 500)
    monkeypatch.setattr(tables, "PLAIN_CSV_BYTES", 0)
    with pytest.raises(DataError, match="bảng có 1.001 dòng, quá giới hạn 500 dòng"):
        read_dataset(_long(tmp_path / "long.csv", 1000))


def test_repeats_in_a_long_plain_file_stop_it_as_the_row_by_row_reader_stops(tmp_path, monkeypatch):
    monkeypatch.setattr(tables, "MAX_HELD_ROWS", 300)
    monkeypatch.setattr(tables, "PLAIN_CSV_BYTES", 0)
    monkeypatch.setattr(plaincsv, "CHUNK_BYTES", 1000)
    errors = []
    for name, quoted in (("plain.csv", False), ("quoted.csv", True)):
        with pytest.raises(DataErrors) as caught:
            read_dataset(_long(tmp_path / name, 2000, repeat_from=30, quoted=quoted))
        errors.append(caught.value)
    plain, held = errors
    assert str(plain).replace("plain.csv", "f") == str(held).replace("quoted.csv", "f")
    assert len(plain.problems) == MAX_LISTED and plain.stopped_at is not None and plain.stopped_at < 200


def test_repeats_in_the_last_run_are_all_named_by_the_typed_check(tmp_path, monkeypatch):
    monkeypatch.setattr(tables, "MAX_HELD_ROWS", 300)
    monkeypatch.setattr(tables, "PLAIN_CSV_BYTES", 0)
    with pytest.raises(DataErrors) as caught:
        read_dataset(_long(tmp_path / "long.csv", 800, repeat_from=700))  # one run: nothing left to spare
    assert caught.value.stopped_at is None and caught.value.total == 100  # row 2 has the key too


# --- the geography grouped once -------------------------------------------------------------


def test_communes_of_a_district_are_those_of_the_scan(geography):
    for district in [*geography.districts, None]:
        code = district.code if district else "000"
        assert geography.communes_of(code) == tuple(c for c in geography.communes if c.district_code == code)


# --- scoring a long table column by column ---------------------------------------------------


@pytest.mark.parametrize("seed", range(4))
def test_a_long_table_scores_to_the_same_bits_as_a_short_one(geography, csv_file, monkeypatch, seed):
    from chuyenhoa.builtin.national import CAP
    from chuyenhoa.method import scoring
    from chuyenhoa.method.selection import comparison_units
    from chuyenhoa.model import ValueKind
    from chuyenhoa.reading.indicators import CORE_INDICATORS, CRITERIA

    rng = random.Random(seed)
    criteria = [c for ids in CRITERIA.values() for c in ids]
    present = rng.sample(criteria, rng.randrange(5, len(criteria)))
    rows = []
    for year in (2023, 2024):
        for commune in geography.communes:
            row = [commune.code, str(year), "" if rng.random() < 0.1 else str(rng.randrange(500, 30000))]
            for criterion in present:
                kind = CORE_INDICATORS[criterion].kind
                row.append("" if rng.random() < 0.15 else rng.choice(["có", "không"]) if kind is ValueKind.FLAG
                           else str(rng.choice([0, 1, 2, 3, 7, 40])))
            rows.append(row)
    monkeypatch.setattr(tables, "PLAIN_CSV_BYTES", 0)
    data = load_dataset(csv_file(["commune_code", "year", "population", *present], rows), geography)
    units = comparison_units(geography, data, 2024, CAP)
    weights = {c: rng.choice([0, 0.5, 1, 3.7]) for c in rng.sample(criteria, 6)}
    short = scoring.WeightedCriteriaScorer(weights).score(data, units)
    monkeypatch.setattr(scoring, "MATRIX_ROWS", 0)
    long = scoring.WeightedCriteriaScorer(weights).score(data, units)
    assert [s.as_dict() for s in short.values()] == [s.as_dict() for s in long.values()]
    assert list(short.totals.items()) == list(long.totals.items())
