"""A wrong plan file is refused with the file, the key and what was expected."""

import datetime as dt
from fractions import Fraction

import pytest

from chuyenhoa.errors import PlanFileError
from chuyenhoa.model import Basis, MissingIndicator
from chuyenhoa.reading.planfile import load_plan

VALID = """
schema = 1
[plan]
id = "1/KH-UBND"
province = "testia"
title = "Kế hoạch thử"
issuer = "UBND tỉnh Thử Nghiệm"
date = 2024-03-25
year = 2024
period = { start = 2024-03-25, end = 2024-12-31, source = "1/KH-UBND §IV.1" }

[[targets]]
id = "clearance_rate"
comparator = ">"
threshold = 75
source = "1/KH-UBND §II.2"

[[targets]]
id = "social_order_crimes"
basis = "change_pct"
comparator = "<="
threshold = -5
source = "1/KH-UBND §II.2"

[[milestones]]
before = "29/03/2024"
what = "Gửi kế hoạch"
source = "1/KH-UBND §IV.2"
"""


def write(tmp_path, text):
    path = tmp_path / "plan.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_valid_plan(tmp_path):
    plan = load_plan(write(tmp_path, VALID))
    assert plan.id == "1/KH-UBND"
    assert plan.years == (2024,)
    assert [t.id for t in plan.targets] == ["clearance_rate", "social_order_crimes"]
    assert plan.targets[1].basis is Basis.CHANGE_PCT
    assert plan.milestones[0].due == dt.date(2024, 3, 28)  # "trước ngày 29/3"


@pytest.mark.parametrize(
    ("old", "new", "key", "message"),
    [
        ('id = "clearance_rate"', 'id = "clearence_rate"', "targets[0].indicator", "không có trong INDICATORS"),
        ('comparator = ">"', 'comparator = "=>"', "targets[0].comparator", "not one of"),
        ("threshold = 75", "threshold = 175", "targets[0].threshold", "ngoài khoảng 0–100"),
        ("threshold = -5", "threshold = -150", "targets[1].threshold", "nhỏ hơn -100"),
        ('before = "29/03/2024"', 'before = "31/02/2024"', "milestones[0].before", "không phải ngày"),
        ('before = "29/03/2024"', 'before = "tháng ba"', "milestones[0].before", "không phải ngày"),
        ('id = "social_order_crimes"', 'id = "clearance_rate"', "targets[1].id", "đã có ở targets[0]"),
        ('source = "1/KH-UBND §II.2"\n\n[[targets]]', 'source = "1/KH-UBND"\n\n[[targets]]', "targets[0].source",
         "thiếu điều khoản"),
        ("threshold = 75\n", "threshold = 75\nthresold = 80\n", "targets[0].thresold", "không có trong tham chiếu"),
        ("year = 2024", "year = 24", "plan.years", "danh sách năm"),
        ("date = 2024-03-25", 'date = "2024-13-01"', "plan.date", "không phải ngày"),
    ],
)
def test_refused(tmp_path, old, new, key, message):
    assert old in VALID
    path = write(tmp_path, VALID.replace(old, new, 1))
    with pytest.raises(PlanFileError) as caught:
        load_plan(path)
    assert caught.value.key == key
    assert message in caught.value.problem
    assert str(path) in str(caught.value)


def test_missing_source_is_refused(tmp_path):
    text = VALID.replace('threshold = 75\nsource = "1/KH-UBND §II.2"', "threshold = 75")
    with pytest.raises(PlanFileError, match="targets\\[0\\].source"):
        load_plan(write(tmp_path, text))


def test_broken_toml(tmp_path):
    with pytest.raises(PlanFileError, match="TOML không hợp lệ"):
        load_plan(write(tmp_path, VALID + "\n[plan\n"))


def test_fraction_threshold(tmp_path):
    text = VALID.replace('id = "clearance_rate"\ncomparator = ">"\nthreshold = 75',
                         'id = "residents_board_quality_rate"\ncomparator = ">="\nthreshold = "2/3"')
    plan = load_plan(write(tmp_path, text))
    assert plan.targets[0].threshold == pytest.approx(200 / 3)
    # the float the reader gives (n * 100 / d) is the one the exact fraction gives, as it was computed before
    assert plan.targets[0].threshold == float(Fraction(2, 3) * 100)
    for numerator in range(40):
        for denominator in range(1, 40):
            assert numerator * 100 / denominator == float(Fraction(numerator, denominator) * 100)


def test_pack_indicator_must_be_declared(tmp_path):
    text = VALID.replace('id = "clearance_rate"', 'id = "lit_roads_rate"')
    with pytest.raises(PlanFileError, match="lit_roads_rate"):
        load_plan(write(tmp_path, text))
    declared = text + ('\n[[indicators]]\nid = "lit_roads_rate"\nkind = "rate"\ntable = "province"\n'
                       'label = "Đường có đèn"\nsource = "1/KH-UBND §II.2"\n')
    assert load_plan(write(tmp_path, declared)).targets[0].indicator == "lit_roads_rate"


def test_pack_cannot_redefine_a_core_indicator(tmp_path):
    text = VALID + ('\n[[indicators]]\nid = "clearance_rate"\nkind = "count"\ntable = "province"\n'
                    'label = "Tỷ lệ"\nsource = "1/KH-UBND §II.2"\n')
    with pytest.raises(PlanFileError, match="core contract"):
        load_plan(write(tmp_path, text))


def _rate_of_counts(counts: str) -> str:
    return VALID + ('\n[[indicators]]\nid = "cleared"\nkind = "count"\ntable = "province"\nlabel = "Số vụ khám phá"\n'
                    'source = "1/KH-UBND §II.2"\n'
                    '\n[[indicators]]\nid = "cleared_rate"\nkind = "rate"\ntable = "province"\n'
                    f'label = "Tỷ lệ khám phá"\nsource = "1/KH-UBND §II.2"\n{counts}')


def test_a_rate_names_its_two_counts_so_several_rows_combine(tmp_path):
    """A province formed on 01/07/2025 works the rate of the year before out again from the counts."""
    plan = load_plan(write(tmp_path, _rate_of_counts('numerator = "cleared"\ndenominator = "social_order_crimes"\n')))
    rate = next(i for i in plan.indicators if i.id == "cleared_rate")
    assert (rate.numerator, rate.denominator) == ("cleared", "social_order_crimes")
    with pytest.raises(PlanFileError, match="numerator và denominator đi cùng nhau"):
        load_plan(write(tmp_path, _rate_of_counts('numerator = "cleared"\n')))
    with pytest.raises(PlanFileError, match="'clearance_rate' không phải cột số lượng"):
        load_plan(write(tmp_path, _rate_of_counts('numerator = "cleared"\ndenominator = "clearance_rate"\n')))


def test_minimum_per_district_needs_its_clause(tmp_path):
    text = VALID + '\n[selection]\ncap_share = 0.15\nminimum_per_district = 1\nsource = "7488/KH-UBND §III.2"\n'
    with pytest.raises(PlanFileError, match="selection.minimum_source"):
        load_plan(write(tmp_path, text))
    text += 'minimum_source = "1/KH-UBND §II.5"\n'
    assert load_plan(write(tmp_path, text)).selection.minimum_per_district == 1


def test_recurring_milestone(tmp_path):
    text = VALID + ('\n[[milestones]]\nbefore = 2017-11-25\nwhat = "Báo cáo Bộ Công an"\n'
                    'source = "7488/KH-UBND §VII.4"\nrecurring = { every = "year", from = 2017, to = 2020 }\n')
    plan = load_plan(write(tmp_path, text))
    reports = [m for m in plan.milestones if m.what == "Báo cáo Bộ Công an"]
    assert [m.due for m in reports] == [dt.date(y, 11, 24) for y in range(2017, 2021)]


def test_month_window(tmp_path):
    text = VALID.replace('before = "29/03/2024"', 'month = "02/2024"')
    milestone = load_plan(write(tmp_path, text)).milestones[0]
    assert (milestone.start, milestone.due) == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))


def test_non_table_items_are_refused(tmp_path):
    text = "targets = [1]\n" + VALID.split("[[targets]]")[0]
    with pytest.raises(PlanFileError, match="cần một bảng TOML"):
        load_plan(write(tmp_path, text))


def test_recurring_before_a_leap_day(tmp_path):
    text = VALID + ('\n[[milestones]]\nbefore = 2017-03-01\nwhat = "Báo cáo"\nsource = "7488/KH-UBND §VII.4"\n'
                    'recurring = { every = "year", from = 2019, to = 2020 }\n')
    dues = [m.due for m in load_plan(write(tmp_path, text)).milestones if m.what == "Báo cáo"]
    assert dues == [dt.date(2019, 2, 28), dt.date(2020, 2, 29)]


def test_scope_only_for_computed_indicators(tmp_path):
    text = VALID.replace('threshold = 75\n', 'threshold = 75\nscope = "hotspots"\n', 1)
    with pytest.raises(PlanFileError, match="targets\\[0\\].scope"):
        load_plan(write(tmp_path, text))


def test_responsibilities_name_the_lead_of_their_targets(tmp_path):
    text = VALID + ('\n[[responsibilities]]\ntask = "Điều tra, khám phá án"\nlead = "Công an tỉnh"\n'
                    'partners = ["Viện Kiểm sát nhân dân tỉnh"]\ntargets = ["clearance_rate"]\n'
                    'source = "1/KH-UBND §II.1"\n')
    plan = load_plan(write(tmp_path, text))
    assert plan.responsibilities[0].partners == ("Viện Kiểm sát nhân dân tỉnh",)
    assert {t.id: t.lead for t in plan.targets} == {"clearance_rate": "Công an tỉnh", "social_order_crimes": None}
    with pytest.raises(PlanFileError, match="responsibilities\\[0\\].targets"):
        load_plan(write(tmp_path, text.replace('targets = ["clearance_rate"]', 'targets = ["nothing"]')))


def test_one_lead_per_target(tmp_path):
    task = ('\n[[responsibilities]]\ntask = "Nhiệm vụ {n}"\nlead = "Đơn vị {n}"\ntargets = ["clearance_rate"]\n'
            'source = "1/KH-UBND §II.{n}"\n')
    text = VALID + task.format(n=1) + task.format(n=2)
    with pytest.raises(PlanFileError, match="đã có đơn vị chủ trì ở responsibilities\\[0\\]"):
        load_plan(write(tmp_path, text))


@pytest.mark.parametrize(("line", "reading"), [
    ("", MissingIndicator.BOUNDS),
    ('missing = "bounds"\n', MissingIndicator.BOUNDS),
    ('missing = "not_met"\n', MissingIndicator.NOT_MET),
    ('missing = "exclude"\n', MissingIndicator.EXCLUDE),
])
def test_success_reads_missing_indicators_as_bounds_unless_told(tmp_path, line, reading):
    """DOMAIN.md ambiguity 3: a [success] table without `missing` takes the national reading, bounds."""
    text = VALID + f'\n[success]\nshare = 0.8\n{line}source = "1/KH-UBND §III.4"\n'
    assert load_plan(write(tmp_path, text)).success.missing is reading


def test_success_refuses_an_unknown_reading_of_missing_indicators(tmp_path):
    text = VALID + '\n[success]\nshare = 0.8\nmissing = "zero"\nsource = "1/KH-UBND §III.4"\n'
    with pytest.raises(PlanFileError, match="'zero' is not a valid MissingIndicator") as caught:
        load_plan(write(tmp_path, text))
    assert caught.value.key == "success"
