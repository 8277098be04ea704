"""Hotspot verdicts (≥ 80 % and two gates), targets, previous-year changes, missing data."""

import datetime as dt

import attrs
import pytest

from chuyenhoa.builtin.national import HOTSPOT_INDICATORS, SUCCESS
from chuyenhoa.comparators import Comparator
from chuyenhoa.method.hotspots import evaluate_hotspot, evaluate_hotspots, hotspot_outcomes
from chuyenhoa.method.targets import Bounds, evaluate_target, judge_bounds
from chuyenhoa.method.timeline import MilestoneStatus, status_on
from chuyenhoa.model import MissingIndicator, Source, Status, SuccessRule, Target
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


# -- missing indicators: the share within bounds (DOMAIN.md ambiguity 3) -------------------------

MISSED = ["có", "70", "90", "10", "90", "20", "không", "0", "90"]  # each of the nine on its not-met side
EXCLUDE = attrs.evolve(SUCCESS, missing=MissingIndicator.EXCLUDE)  # the old national reading
NOT_MET = attrs.evolve(SUCCESS, missing=MissingIndicator.NOT_MET)


def cells(met=(), missed=(), blank=()):
    """The nine indicator cells: those at the indices ``met`` met, ``missed`` not met, ``blank`` empty."""
    assert not {*met} & {*missed} and not {*met, *missed} & {*blank} and len({*met, *missed, *blank}) == 9
    return [ALL_MET[i] if i in met else MISSED[i] if i in missed else "" for i in range(9)]


def test_the_national_reading_is_bounds():
    assert SUCCESS.missing is MissingIndicator.BOUNDS
    assert SuccessRule(share=0.8, comparator=">=", source=Source("X/KH", "§1")).missing is MissingIndicator.BOUNDS


def test_one_met_and_eight_blank_is_not_assessable(geography, csv_file):
    values = cells(met=[1], blank=[0, 2, 3, 4, 5, 6, 7, 8])
    assert all(c == "" for i, c in enumerate(values) if i != 1)
    result = hotspot(geography, csv_file, values)
    assert (result.met, result.assessed, result.missing, result.share) == (1, 1, 8, 1.0)
    assert (result.share_low, result.share_high) == (pytest.approx(1 / 9), 1.0)
    assert result.transformed is None and result.verdict is Status.NOT_ASSESSABLE
    assert result.needed == 7  # 8/9 ≥ 80 % needs 7 of the 8 blank ones met
    (reason,) = result.reasons
    # indicators by their labels, a quote inside one in the inner marks; the comparator as print writes it
    assert reason.startswith("đạt 1/1 chỉ tiêu có số liệu, thiếu 8 (“Không có tội phạm có tổ chức kiểu ‘xã hội "
                             "đen’”, “Khám phá án rất nghiêm trọng")
    assert "tỷ lệ nằm trong 11,1–100%, chưa đủ để kết luận (cần ≥ 80%)" in reason
    assert reason.endswith("; tỷ lệ chỉ đạt nếu ít nhất 7/8 chỉ tiêu thiếu số liệu đạt")
    # what it was with the blanks left out of the denominator: 1/1 = 100 %, transformed
    assert hotspot(geography, csv_file, values, rule=EXCLUDE).transformed is True


def test_eight_met_and_one_blank_is_transformed(geography, csv_file):
    result = hotspot(geography, csv_file, cells(met=range(8), blank=[8]))
    assert (result.share_low, result.share_high) == (pytest.approx(8 / 9), 1.0)  # 88.9 % ≥ 80 % even if not met
    assert result.transformed is True and result.needed is None
    (reason,) = result.reasons
    assert reason == ("thiếu số liệu 1 chỉ tiêu (“100% hộ dân được tuyên truyền”); kể cả khi tính là không đạt, "
                      "tỷ lệ vẫn là 88,9% (8/9), cần ≥ 80%")


def test_seven_met_none_missed_two_blank_is_not_assessable(geography, csv_file):
    result = hotspot(geography, csv_file, cells(met=range(7), blank=[7, 8]))
    assert (result.met, result.assessed, result.share) == (7, 7, 1.0)  # 100 % of those with data
    assert (result.share_low, result.share_high) == (pytest.approx(7 / 9), 1.0)  # 77.8–100 %
    assert result.transformed is None and result.needed == 1
    assert "77,8–100%" in result.reasons[0]


def test_four_of_five_with_four_blank_is_not_assessable(geography, csv_file):
    """The shipped samples' boundary hotspot: exactly 80 % of those with data, 44.4–88.9 % of the nine."""
    values = ["", "85", "", "35", "", "", "có", "0", "100"]  # 4 of 5 met
    result = hotspot(geography, csv_file, values)
    assert (result.met, result.assessed, result.missing) == (4, 5, 4)
    assert result.transformed is None and result.needed == 4
    assert result.reasons[0].startswith("đạt 4/5 chỉ tiêu có số liệu, thiếu 4 (“Không có tội phạm có tổ chức "
                                        "kiểu ‘xã hội đen’”, “Khám phá án rất nghiêm trọng, đặc biệt nghiêm trọng "
                                        "từ 95% trở lên”, “100% tin báo, tố giác được tiếp nhận, xử lý”, “Tái phạm "
                                        "dưới 15%”): tỷ lệ nằm trong 44,4–88,9%, chưa đủ để kết luận")
    assert result.reasons[0].endswith("; tỷ lệ chỉ đạt nếu cả 4 chỉ tiêu thiếu số liệu đều đạt")
    assert hotspot(geography, csv_file, values, rule=EXCLUDE).transformed is True  # 4/5 = 80 %
    assert hotspot(geography, csv_file, values, rule=NOT_MET).transformed is False  # 4/9


def test_failing_even_with_every_blank_met_is_not_transformed(geography, csv_file):
    result = hotspot(geography, csv_file, cells(met=[0, 1], missed=[2, 3, 4], blank=[5, 6, 7, 8]))
    assert (result.share_low, result.share_high) == (pytest.approx(2 / 9), pytest.approx(6 / 9))
    assert result.transformed is False and result.needed is None
    assert result.reasons[0].startswith("đạt 2/5 chỉ tiêu có số liệu, thiếu 4")
    assert "kể cả khi đạt hết, tỷ lệ cao nhất là 66,7%, cần ≥ 80%; không đạt: “Khám phá án rất nghiêm trọng, " \
           "đặc biệt nghiêm trọng từ 95% trở lên”, “Bắt, vận động đầu thú từ 30% đối tượng truy nã trở lên”, " \
           "“100% tin báo, tố giác được tiếp nhận, xử lý”" in result.reasons[0]


def test_no_indicator_with_data_is_not_assessable_under_every_reading(geography, csv_file):
    for rule in (SUCCESS, EXCLUDE):
        result = hotspot(geography, csv_file, [""] * 9, rule=rule)
        assert result.share is None and result.transformed is None
        assert result.reasons[0] == "không có số liệu chỉ tiêu nào"
    assert (hotspot(geography, csv_file, [""] * 9).share_low, hotspot(geography, csv_file, [""] * 9).share_high) \
        == (0.0, 1.0)
    assert hotspot(geography, csv_file, [""] * 9, rule=NOT_MET).transformed is False  # 0/9: the pack's choice


def five(geography, csv_file, values, rule):
    """A hotspot judged on the first five national indicators, so that 80 % is 4 of 5 exactly."""
    rows = [["90024", "2023", "5", "", *[""] * 9], ["90024", "2024", "3", "không", *values, *[""] * 4]]
    data = load_dataset(csv_file(HEADER, rows), geography)
    return evaluate_hotspot(data, geography, "90024", 2024, HOTSPOT_INDICATORS[:5], rule, {})


@pytest.mark.parametrize(
    ("values", "comparator", "transformed", "needed"),
    [
        (["không", "85", "96", "35", ""], ">=", True, None),  # 4/5 = 80 % even if not met: ≥ 80 holds
        (["không", "85", "96", "35", ""], ">", None, 1),  # 80 % > 80 fails, 100 % holds: only if it is met
        (["không", "85", "96", "10", ""], ">=", None, 1),  # 3/5 … 4/5: exactly 80 % if the blank one is met
        (["không", "85", "96", "10", ""], ">", False, None),  # at most 80 %, never above it
        (["không", "85", "96", "", ""], ">=", None, 1),  # 3/5 … 5/5: one of the two blank ones is enough
        (["không", "85", "90", "10", ""], ">=", False, None),  # at most 3/5 = 60 %
    ],
)
def test_bounds_exactly_at_the_threshold(geography, csv_file, values, comparator, transformed, needed):
    rule = attrs.evolve(SUCCESS, comparator=Comparator.parse(comparator))
    result = five(geography, csv_file, values, rule)
    assert (result.transformed, result.needed) == (transformed, needed)


def test_bounds_with_an_equality_rule_tries_every_count(geography, csv_file):
    """"= 100 %" holds only if every blank one is met: never met while one is missing, failed once one misses."""
    rule = attrs.evolve(SUCCESS, share=1.0, comparator=Comparator.EQ)
    assert five(geography, csv_file, ["không", "85", "96", "35", ""], rule).transformed is None
    assert five(geography, csv_file, ["không", "85", "96", "10", ""], rule).transformed is False
    assert five(geography, csv_file, ["không", "85", "96", "35", "100"], rule).transformed is True


@pytest.mark.parametrize(
    ("values", "now", "new", "transformed"),
    [
        (cells(met=range(7), blank=[7, 8]), "5", "không", False),  # share open, crime not down: a known failure
        (cells(met=range(7), blank=[7, 8]), "3", "có", False),  # share open, new complexity: a known failure
        (cells(met=range(7), blank=[7, 8]), "3", "", None),  # share open, a gate without data
        (cells(met=range(7), blank=[7, 8]), "3", "không", None),  # share open, gates passed
        (cells(met=range(8), blank=[8]), "3", "", None),  # share decided, a gate without data
        (cells(met=[0, 1], missed=[2, 3, 4], blank=[5, 6, 7, 8]), "3", "", False),  # share fails, a gate open
    ],
)
def test_gates_and_bounds_combine(geography, csv_file, values, now, new, transformed):
    """A known failure decides "not transformed" whatever is missing; anything open otherwise leaves it open."""
    assert hotspot(geography, csv_file, values, now=now, new=new).transformed is transformed


def test_the_readings_of_missing_indicators_each_keep_their_share(geography, csv_file):
    values = cells(met=range(7), blank=[7, 8])
    excluded = hotspot(geography, csv_file, values, rule=EXCLUDE)
    assert (excluded.share, excluded.share_low, excluded.share_high, excluded.transformed) == (1.0, 1.0, 1.0, True)
    assert excluded.reasons == ("thiếu số liệu 2 chỉ tiêu (“Ít nhất 01 mô hình quần chúng hiệu quả”, “100% hộ dân "
                                "được tuyên truyền”), không tính vào mẫu số",)
    counted = hotspot(geography, csv_file, values, rule=NOT_MET)
    assert counted.share == counted.share_low == counted.share_high == pytest.approx(7 / 9)
    assert counted.transformed is False
    assert counted.reasons[1].endswith("tính là không đạt")


def test_the_json_carries_the_bounds(geography, csv_file):
    doc = hotspot(geography, csv_file, ["", "85", "", "35", "", "", "có", "0", "100"]).as_dict()
    assert {k: doc[k] for k in ("met", "assessed", "missing", "share", "share_low", "share_high",
                                "missing_needed", "transformed", "verdict")} == {
        "met": 4, "assessed": 5, "missing": 4, "share": 80.0, "share_low": 44.44, "share_high": 88.89,
        "missing_needed": 4, "transformed": None, "verdict": "not_assessable"}


def test_earlier_years_use_the_same_bounds(geography, csv_file):
    """History judges earlier years with the verdicts of the year itself (hotspot_outcomes)."""
    rows = [["90024", "2023", "5", "", *[""] * 9],
            ["90024", "2024", "3", "không", *cells(met=[1], blank=[0, 2, 3, 4, 5, 6, 7, 8])],
            ["90025", "2023", "5", "", *[""] * 9],
            ["90025", "2024", "3", "không", *cells(met=range(8), blank=[8])]]
    data = load_dataset(csv_file(HEADER, rows), geography)
    codes = ["90024", "90025"]
    assert hotspot_outcomes(data, codes, 2024, HOTSPOT_INDICATORS, SUCCESS) == [None, True]
    assert hotspot_outcomes(data, codes, 2024, HOTSPOT_INDICATORS, EXCLUDE) == [True, True]
    assert [h.transformed for h in evaluate_hotspots(data, geography, codes, 2024, HOTSPOT_INDICATORS, SUCCESS,
                                                     {})] == [None, True]


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
