"""Hotspot verdicts (≥ 80 % and two gates), targets, previous-year changes, missing data."""

import datetime as dt

import attrs
import pytest

from chuyenhoa.builtin.national import HOTSPOT_INDICATORS, SUCCESS
from chuyenhoa.comparators import Comparator
from chuyenhoa.method.hotspots import evaluate_hotspot, evaluate_hotspots, hotspot_outcomes
from chuyenhoa.method.targets import Bounds, evaluate_target, judge_bounds
from chuyenhoa.method.timeline import MilestoneStatus, status_on
from chuyenhoa.model import Source, Status, Target
from chuyenhoa.reading.dataset import load_dataset

INDICATOR_COLUMNS = ["organized_crime", "clearance_rate", "serious_clearance_rate", "wanted_arrest_rate",
                     "reports_handled_rate", "recidivism_rate", "political_system_consolidated", "mass_models",
                     "households_informed_rate"]
ALL_MET = ["không", "85", "96", "35", "100", "5", "có", "2", "100"]
HEADER = ["commune_code", "year", "criminal_offences", "new_complexity", *INDICATOR_COLUMNS]


def hotspot(geography, csv_file, indicators=ALL_MET, now="3", before="5", new="không", rule=SUCCESS):
    rows = [["90024", "2023", before, "", *[""] * 9], ["90024", "2024", now, new, *indicators]]
    data = load_dataset(csv_file(HEADER, rows), geography)
    return evaluate_hotspot(data, geography, "90024", 2024, HOTSPOT_INDICATORS, rule, {})


def test_all_met(geography, csv_file):
    result = hotspot(geography, csv_file)
    assert (result.met, result.assessed, result.missing, result.transformed) == (9, 9, 0, True)
    assert result.verdict is Status.MET


def test_boundary_values_of_indicators(geography, csv_file):
    # clearance exactly 80 (≥ 80 met), recidivism exactly 15 (< 15 not met)
    values = list(ALL_MET)
    values[1], values[5] = "80", "15"
    result = hotspot(geography, csv_file, values)
    met = {i.id: i.met for i in result.indicators}
    assert met["clearance_rate"] is True
    assert met["recidivism_rate"] is False
    assert result.met == 8 and result.transformed is True  # 8/9 = 88.9 % ≥ 80 %


def test_seven_of_nine_is_not_enough(geography, csv_file):
    values = list(ALL_MET)
    values[0], values[7] = "có", "0"  # organised crime present, no mass model
    result = hotspot(geography, csv_file, values)
    assert result.share == pytest.approx(7 / 9) and result.transformed is False
    assert any("7/9" in r for r in result.reasons)


def test_missing_indicators_are_excluded_and_counted(geography, csv_file):
    values = ["", "85", "", "35", "", "", "có", "0", "100"]  # 4 of 5 met: exactly 80 %
    result = hotspot(geography, csv_file, values)
    assert (result.met, result.assessed, result.missing) == (4, 5, 4)
    assert result.transformed is True
    strict = attrs.evolve(SUCCESS, missing="not_met")  # the national rule, a missing indicator counted as not met
    assert hotspot(geography, csv_file, values, rule=strict).transformed is False  # 4/9


def test_crime_gate(geography, csv_file):
    result = hotspot(geography, csv_file, now="5", before="5")
    gate = {g.id: g for g in result.gates}["crime_decreased"]
    assert gate.passed is False and result.transformed is False


def test_new_complexity_gate(geography, csv_file):
    assert hotspot(geography, csv_file, new="có").transformed is False
    unknown = hotspot(geography, csv_file, new="")
    assert unknown.transformed is None and unknown.verdict is Status.NOT_ASSESSABLE


def test_gate_without_previous_year_is_not_assessable(geography, csv_file):
    result = hotspot(geography, csv_file, before="")
    assert result.transformed is None
    assert any("2023" in r for r in result.reasons)


def test_no_data_is_not_assessable_never_met(geography, csv_file):
    result = hotspot(geography, csv_file, [""] * 9)
    assert result.share is None and result.transformed is None


# --- targets ---------------------------------------------------------------------------

SRC = Source("1/KH-UBND", "§II.2")


def province(geography, csv_file, rows, header=("year", "social_order_crimes", "clearance_rate")):
    communes = csv_file(["commune_code", "year"], [["90001", "2024"]])
    return load_dataset(communes, geography, province_data=csv_file(list(header), rows))


@pytest.mark.parametrize(("value", "status"), [("75", Status.NOT_MET), ("75,01", Status.MET), ("", Status.NOT_ASSESSABLE)])
def test_strict_target(geography, csv_file, value, status):
    data = province(geography, csv_file, [["2024", "", value]])
    target = Target("clearance_rate", "clearance_rate", Comparator.GT, 75.0, SRC)
    assert evaluate_target(target, data, 2024, {}).status is status


@pytest.mark.parametrize(
    ("before", "now", "status"),
    [("600", "570", Status.MET), ("600", "571", Status.NOT_MET), ("", "570", Status.NOT_ASSESSABLE),
     ("0", "3", Status.NOT_ASSESSABLE), ("600", "", Status.NOT_ASSESSABLE)],
)
def test_change_against_previous_year(geography, csv_file, before, now, status):
    data = province(geography, csv_file, [["2023", before, ""], ["2024", now, ""]])
    target = Target("social_order_crimes", "social_order_crimes", Comparator.LE, -5.0, SRC, basis="change_pct")
    result = evaluate_target(target, data, 2024, {})
    assert result.status is status
    if status is Status.MET:
        assert result.actual == pytest.approx(-5.0) and result.previous == 600


def test_no_province_row_is_not_assessable(geography, csv_file):
    data = province(geography, csv_file, [["2023", "600", "80"]])
    target = Target("clearance_rate", "clearance_rate", Comparator.GT, 75.0, SRC)
    result = evaluate_target(target, data, 2024, {})
    assert result.status is Status.NOT_ASSESSABLE and "2024" in result.detail


@pytest.mark.parametrize(
    ("low", "high", "status"),
    [(70, 70, Status.MET), (50, 70, Status.NOT_ASSESSABLE), (40, 50, Status.NOT_MET), (60, 80, Status.MET),
     (None, None, Status.NOT_ASSESSABLE)],
)
def test_bounds_of_computed_shares(low, high, status):
    assert judge_bounds(Comparator.GE, 60.0, Bounds(low, high, "")) is status


def test_bounds_equal_comparator():
    assert judge_bounds(Comparator.EQ, 100.0, Bounds(90, 100, "")) is Status.NOT_ASSESSABLE
    assert judge_bounds(Comparator.EQ, 100.0, Bounds(80, 90, "")) is Status.NOT_MET
    assert judge_bounds(Comparator.EQ, 100.0, Bounds(100, 100, "")) is Status.MET


# --- milestones -------------------------------------------------------------------------

def test_milestone_statuses():
    from chuyenhoa.model import Milestone

    deadline = Milestone(due=dt.date(2024, 3, 28), what="Gửi kế hoạch", source=SRC)
    window = Milestone(due=dt.date(2024, 7, 31), start=dt.date(2024, 7, 1), what="Kiểm tra", source=SRC)
    assert status_on(deadline, dt.date(2024, 1, 10)) is MilestoneStatus.UPCOMING
    assert status_on(deadline, dt.date(2024, 3, 1)) is MilestoneStatus.DUE
    assert status_on(deadline, dt.date(2024, 3, 28)) is MilestoneStatus.DUE
    assert status_on(deadline, dt.date(2024, 3, 29)) is MilestoneStatus.PASSED
    assert status_on(window, dt.date(2024, 6, 30)) is MilestoneStatus.UPCOMING
    assert status_on(window, dt.date(2024, 7, 1)) is MilestoneStatus.DUE
    assert status_on(window, dt.date(2024, 8, 1)) is MilestoneStatus.PASSED


def test_a_year_evaluated_at_once_is_each_hotspot_evaluated_alone(geography, csv_file):
    # one row per commune, values cycling through met, missed, boundary and missing cells
    cycle = [ALL_MET, ["có", "70", "", "35", "100", "15", "có", "2", "99"], ["", "", "", "", "", "", "", "", ""],
             ["không", "80", "95", "30", "100", "14.9", "không", "", "100"]]
    rows = []
    for n, commune in enumerate(geography.communes):
        rows.append([commune.code, "2023", str(4 + n % 4), "", *[""] * 9])
        rows.append([commune.code, "2024", ["3", "9", ""][n % 3], ["không", "có", ""][n % 3], *cycle[n % 4]])
    data = load_dataset(csv_file(HEADER, rows), geography)
    codes = [c.code for c in geography.communes] + ["90999"]  # and one commune with no row at all
    together = evaluate_hotspots(data, geography, codes, 2024, HOTSPOT_INDICATORS, SUCCESS, {})
    alone = [evaluate_hotspot(data, geography, code, 2024, HOTSPOT_INDICATORS, SUCCESS, {}) for code in codes]
    assert together == tuple(alone)
    assert {h.verdict for h in together} == {Status.MET, Status.NOT_MET, Status.NOT_ASSESSABLE}
    assert hotspot_outcomes(data, codes, 2024, HOTSPOT_INDICATORS, SUCCESS) == [h.transformed for h in alone]
