"""The synthetic generator must be reproducible and keep to the contract and the method.

The sample, the benchmark and the scaffolder all rely on it, so a drift here would
show up as a changed sample or as rows the evaluation rejects.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
from collections import defaultdict
from pathlib import Path

import pytest

from chuyenhoa.model import Commune, District, Geography, Province, ValueKind
from chuyenhoa.packs.synthetic import (
    COMMUNE_COLUMNS,
    PROVINCE_COLUMNS,
    generate_communes,
    generate_province,
    write_csv,
)
from chuyenhoa.reading.indicators import CORE_INDICATORS

ROOT = Path(__file__).resolve().parents[1]
YEARS = [2019, 2020, 2021, 2022, 2023, 2024]
SIZES = [3, 6, 7, 10, 14, 21, 40]  # caps 0, 0, 1, 1, 2, 3, 6


def _geography(with_districts: bool = True) -> Geography:
    districts = [District(f"{i + 1:03d}", f"Huyện {i + 1}", "huyen") for i in range(len(SIZES))]
    communes = []
    code = 10
    for district, size in zip(districts, SIZES, strict=True):
        for _ in range(size):
            kind = "phuong" if code % 5 == 0 else "xa"
            communes.append(
                Commune(f"{code:05d}", f"Xã {code}", kind,
                        district.code if with_districts else None)
            )
            code += 3
    return Geography(
        province=Province("thu", "99", "Thử"),
        as_of=dt.date(2025, 1, 4),
        districts=districts if with_districts else [],
        communes=communes,
    )


GEOGRAPHY = _geography()
ROWS = generate_communes(GEOGRAPHY, YEARS, seed=7)


def _kind(column: str) -> ValueKind:
    return CORE_INDICATORS[column].kind


def _by_year(rows: list[dict[str, str]]) -> dict[int, list[dict[str, str]]]:
    grouped: dict[int, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        grouped[int(row["year"])].append(row)
    return grouped


def test_same_seed_same_rows_other_seed_other_rows():
    assert generate_communes(GEOGRAPHY, YEARS, seed=7) == ROWS
    assert generate_communes(GEOGRAPHY, YEARS, seed=8) != ROWS
    assert generate_province(YEARS, seed=3) == generate_province(YEARS, seed=3)


def test_one_row_per_commune_and_year_in_contract_columns():
    assert len(ROWS) == len(GEOGRAPHY.communes) * len(YEARS)
    assert {(r["commune_code"], r["year"]) for r in ROWS} == {
        (c.code, str(y)) for c in GEOGRAPHY.communes for y in YEARS
    }
    for row in ROWS:
        assert list(row) == list(COMMUNE_COLUMNS)
        assert all(isinstance(v, str) for v in row.values())


@pytest.mark.parametrize("with_districts", [True, False])
def test_hotspots_never_exceed_the_cap(with_districts):
    geography = _geography(with_districts)
    rows = generate_communes(geography, YEARS, seed=1)
    district_of = {c.code: c.district_code for c in geography.communes}
    sizes: dict[str | None, int] = defaultdict(int)
    for commune in geography.communes:
        sizes[commune.district_code] += 1
    for year, year_rows in _by_year(rows).items():
        counts: dict[str | None, int] = defaultdict(int)
        for row in year_rows:
            if row["hotspot"] == "có":
                counts[district_of[row["commune_code"]]] += 1
        for unit, n in sizes.items():
            assert counts[unit] <= math.floor(0.15 * n), (year, unit)
        if year == YEARS[0]:  # nobody transformed yet: every cap is filled
            assert all(counts[u] == math.floor(0.15 * n) for u, n in sizes.items())


def test_no_hotspot_after_its_transformation_and_relapse_only_after_it():
    transformed_in: dict[str, int] = {}
    for year, year_rows in sorted(_by_year(ROWS).items()):
        for row in year_rows:
            code = row["commune_code"]
            earlier = code in transformed_in
            if earlier:
                assert row["hotspot"] == "không", (code, year)
                assert row["relapsed"] in ("có", "không")
            else:
                assert row["relapsed"] == ""
            if row["hotspot"] == "có":
                assert row["transformed"] in ("có", "không")
            else:
                assert row["transformed"] == ""
        for row in year_rows:
            if row["transformed"] == "có":
                transformed_in[row["commune_code"]] = year
    assert transformed_in, "some hotspots should succeed"


def test_transformed_agrees_with_the_success_rule():
    met_tests = {
        "organized_crime": lambda v: v == "không",
        "clearance_rate": lambda v: float(v) >= 80,
        "serious_clearance_rate": lambda v: float(v) >= 95,
        "wanted_arrest_rate": lambda v: float(v) >= 30,
        "reports_handled_rate": lambda v: float(v) == 100,
        "recidivism_rate": lambda v: float(v) < 15,
        "political_system_consolidated": lambda v: v == "có",
        "mass_models": lambda v: int(v) >= 1,
        "households_informed_rate": lambda v: float(v) == 100,
    }
    previous = {(r["commune_code"], int(r["year"])): int(r["criminal_offences"]) for r in ROWS}
    outcomes = []
    for row in ROWS:
        if row["hotspot"] != "có":
            continue
        met = sum(test(row[c]) for c, test in met_tests.items())
        before = previous.get((row["commune_code"], int(row["year"]) - 1))
        down = before is None or int(row["criminal_offences"]) < before
        success = met / 9 >= 0.8 and down and row["new_complexity"] == "không"
        assert (row["transformed"] == "có") == success, row
        outcomes.append(success)
    assert 0.4 <= sum(outcomes) / len(outcomes) <= 0.95


def test_every_cell_has_the_form_of_its_kind():
    flags = {"có", "không"}
    for row in ROWS:
        for column, value in row.items():
            if column in ("commune_code", "commune_name", "transformed"):
                continue
            kind = _kind(column)
            if column == "year":
                assert int(value) in YEARS
            elif kind is ValueKind.COUNT:
                assert value.isdigit() and int(value) >= 0, (column, value)
            elif kind is ValueKind.RATE:
                assert 0 <= float(value) <= 100, (column, value)
                assert len(value.partition(".")[2]) <= 1, (column, value)
            elif kind is ValueKind.FLAG:
                assert value in flags or (column == "relapsed" and value == ""), (column, value)


def test_province_rows_are_plausible():
    rows = generate_province([2023, 2024], seed=5)
    assert [r["year"] for r in rows] == ["2023", "2024"]
    for row in rows:
        assert list(row) == ["year", *PROVINCE_COLUMNS]
        for column in PROVINCE_COLUMNS:
            value = row[column]
            if _kind(column) is ValueKind.RATE:
                assert 0 <= float(value) <= 100, (column, value)
            else:
                assert value.isdigit(), (column, value)
    extra = generate_province([2024], columns=["lit_roads_rate", "newly_met"],
                              kinds={"newly_met": ValueKind.COUNT})
    assert 0 <= float(extra[0]["lit_roads_rate"]) <= 100 and extra[0]["newly_met"].isdigit()
    with pytest.raises(ValueError, match="not_a_contract_column"):
        generate_province([2024], columns=["not_a_contract_column"])


def test_write_csv_has_a_bom_and_reads_back(tmp_path):
    path = tmp_path / "sub" / "communes.csv"
    write_csv(ROWS[:5], path)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        assert list(csv.DictReader(handle)) == ROWS[:5]
    write_csv(ROWS[:2], path, columns=["commune_code", "year", "absent"])
    first = path.read_text(encoding="utf-8-sig").splitlines()[1]
    assert first == f"{ROWS[0]['commune_code']},{YEARS[0]},"
    assert [p.name for p in path.parent.iterdir()] == ["communes.csv"]  # no temp file left


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError, match="distinct"):
        generate_communes(GEOGRAPHY, [2024, 2024])
    with pytest.raises(ValueError, match="cap_share"):
        generate_communes(GEOGRAPHY, [2024], cap_share=0)
