"""Đồng Nai: the numbers of Kế hoạch 7488/KH-UBND (2017–2020) and the 2025-01 geography, pinned."""

from __future__ import annotations

import datetime as dt

import chuyenhoa_dongnai
import pytest

from chuyenhoa.builtin import national
from chuyenhoa.comparators import Comparator
from chuyenhoa.errors import ChuyenhoaError
from chuyenhoa.method.engine import evaluate
from chuyenhoa.method.hotspots import Status
from chuyenhoa.model import CapScope, MissingIndicator, Rounding, TargetScope
from chuyenhoa.output.describe import plan_dict
from chuyenhoa.testing import ProvincePackTests

DOCUMENT = "7488/KH-UBND"
PLAN_YEARS = (2017, 2018, 2019, 2020)


class TestDongNai(ProvincePackTests):
    plugin = chuyenhoa_dongnai
    slug = "dongnai"
    districts = 11
    communes = 159
    plan_ids = {DOCUMENT}
    as_of = dt.date(2020, 12, 31)

    @pytest.fixture
    def plan(self, spec):
        return spec.plan_for(2020)

    # -- the document -----------------------------------------------------------------
    def test_plan_header(self, plan):
        assert plan.id == DOCUMENT
        assert plan.issuer == "UBND tỉnh Đồng Nai"
        assert plan.date == dt.date(2017, 7, 31)
        assert plan.years == PLAN_YEARS
        assert (plan.period.start, plan.period.end) == (dt.date(2017, 7, 31), dt.date(2020, 12, 31))
        assert str(plan.period.source) == "7488/KH-UBND §III.5"

    @pytest.mark.parametrize("year", PLAN_YEARS)
    def test_one_plan_for_every_year(self, spec, year):
        assert spec.plan_for(year).id == DOCUMENT

    @pytest.mark.parametrize("year", [2016, 2021])
    def test_no_plan_outside_2017_2020(self, spec, year):
        with pytest.raises(ChuyenhoaError):
            spec.plan_for(year)

    @pytest.mark.parametrize(
        ("target", "comparator", "threshold", "clause"),
        [
            ("transformed_share", Comparator.GE, 60, "§II.1"),  # "Hàng năm … ít nhất 60%"
            ("no_relapse_share", Comparator.GE, 85, "§II.1"),  # "Ít nhất 85% …"
        ],
    )
    def test_target(self, plan, target, comparator, threshold, clause):
        found = {t.id: t for t in plan.targets}[target]
        assert found.indicator == target
        assert found.comparator is comparator
        assert found.threshold == threshold
        assert found.scope is TargetScope.HOTSPOTS
        assert found.source.document == DOCUMENT
        assert found.source.clause == clause
        assert found.source.quote and found.source.reading

    def test_only_the_goals_of_II_1_are_targets(self, plan):
        assert [t.id for t in plan.targets] == ["transformed_share", "no_relapse_share"]

    def test_goals_are_the_national_programme_goals(self, plan):
        targets = {t.indicator: t for t in plan.targets}
        for ident, comparator, threshold, source in national.PROGRAMME_GOALS:
            assert targets[ident].comparator is comparator
            assert targets[ident].threshold == threshold
            assert targets[ident].source.clause == source.clause
            assert targets[ident].source.quote == source.quote

    def test_cap(self, plan):
        cap = plan.selection
        assert cap.cap_share == 0.15
        assert cap.scopes == (CapScope.DISTRICT,)
        assert cap.rounding is Rounding.FLOOR
        assert cap.minimum_per_district == 0
        assert cap.source.document == DOCUMENT
        for clause in ("§III.2", "§V.1", "§V.4.a"):  # stated in §III.2, restated in §V.1 and §V.4.a
            assert clause in cap.source.clause
        assert "15%" in cap.source.quote
        assert "hai lần" in cap.source.reading

    def test_cap_is_the_national_cap(self, host, spec, plan):
        geography, _ = spec.geography_for(2020)
        policy = host.hook.chuyenhoa_selection_policy(plan=plan, geography=geography)
        assert policy is plan.selection
        assert (policy.cap_share, policy.scopes, policy.rounding, policy.minimum_per_district) == (
            national.CAP.cap_share, national.CAP.scopes, national.CAP.rounding, national.CAP.minimum_per_district)
        assert policy.source.clause == national.CAP.source.clause

    def test_caps_of_its_districts(self, host):
        result = evaluate("dongnai", 2020, host=host, as_of=self.as_of)
        caps = {c.unit_name: c for c in result.selection.caps}
        assert {c.scope for c in caps.values()} == {CapScope.DISTRICT}
        assert caps["Thành phố Biên Hòa"].cap == 3  # 25 communes → floor(3.75)
        assert caps["Huyện Trảng Bom"].cap == 2  # 17 → floor(2.55)
        assert caps["Huyện Vĩnh Cửu"].cap == 1  # 10 → floor(1.5)
        assert caps["Thành phố Long Khánh"].cap == 1  # 13 → floor(1.95)
        assert sum(c.cap for c in caps.values()) == 18
        assert all(c.cap == c.strict_cap and c.note is None for c in caps.values())

    def test_success_rule(self, host, plan):
        rule = host.hook.chuyenhoa_success_rule(plan=plan)
        assert rule is plan.success
        assert rule.share == 0.8
        assert rule.comparator is Comparator.GE  # "đạt 80% … trở lên"
        assert rule.missing is MissingIndicator.EXCLUDE
        assert rule.gates == ("crime_decreased", "no_new_complexity")
        assert str(rule.source) == "7488/KH-UBND §III.4"
        assert rule.source.quote == national.SUCCESS.source.quote
        assert (rule.share, rule.comparator, rule.missing, rule.gates) == (
            national.SUCCESS.share, national.SUCCESS.comparator, national.SUCCESS.missing, national.SUCCESS.gates)

    def test_hotspot_indicators_are_the_national_nine(self, host, plan):
        indicators = host.hook.chuyenhoa_hotspot_indicators(plan=plan)
        assert tuple(indicators) == national.HOTSPOT_INDICATORS
        assert len(indicators) == 9

    # -- milestones -------------------------------------------------------------------
    def test_yearly_report_to_the_ministry(self, plan):
        # "trước ngày 25/11 hàng năm": the 24th is the last day on time
        reports = [m for m in plan.milestones if str(m.source) == "7488/KH-UBND §VII.4"]
        assert [m.due for m in reports] == [dt.date(y, 11, 24) for y in PLAN_YEARS]
        assert all("Bộ Công an" in m.what and m.who == "Công an tỉnh tham mưu UBND tỉnh" for m in reports)

    def test_yearly_review(self, plan):
        reviews = [m for m in plan.milestones if m.what.startswith("Sơ kết")]
        assert [m.due for m in reviews] == [dt.date(y, 12, 31) for y in PLAN_YEARS]
        assert {str(m.source) for m in reviews} == {"7488/KH-UBND §VII"}

    def test_final_review(self, plan):
        (final,) = [m for m in plan.milestones if m.what.startswith("Tổng kết")]
        assert final.due == dt.date(2020, 12, 31)
        assert str(final.source) == "7488/KH-UBND §VII"
        assert "2021 - 2025" in final.what

    def test_programme_runs_to_the_end_of_2020(self, plan):
        (end,) = [m for m in plan.milestones if str(m.source) == "7488/KH-UBND §III.5"]
        assert (end.start, end.due) == (dt.date(2017, 7, 31), dt.date(2020, 12, 31))

    def test_timeline_on_a_day(self, host):
        result = evaluate("dongnai", 2020, host=host, as_of=dt.date(2020, 11, 24))
        report = [e for e in result.timeline if e.milestone.due == dt.date(2020, 11, 24)]
        assert [e.status.value for e in report] == ["due"]  # the 24th is still on time
        late = evaluate("dongnai", 2020, host=host, as_of=dt.date(2020, 11, 25))
        assert [e.status.value for e in late.timeline if e.milestone.due == dt.date(2020, 11, 24)] == ["passed"]

    # -- duties, notes, awards --------------------------------------------------------
    def test_responsibilities(self, plan):
        duties = plan.responsibilities
        assert len(duties) >= 15
        for duty in duties:
            assert duty.source.document == DOCUMENT and duty.source.clause, duty.task
            assert duty.source.quote, duty.task
        clauses = {d.source.clause for d in duties}
        assert {"§V.1", "§V.2", "§V.3", "§V.4", "§V.4.a", "§V.4.b", "§V.5", "§VII.1", "§VII.3",
                "§VII.4"} <= clauses
        (leader,) = [d for d in duties if d.source.clause == "§VII.1"]
        assert leader.lead == "Công an tỉnh"
        assert {t.id: t.lead for t in plan.targets} == {"transformed_share": "Công an tỉnh",
                                                        "no_relapse_share": "Công an tỉnh"}

    def test_no_award_scheme(self, plan):
        assert plan.awards is None
        assert any("không đặt cơ chế khen thưởng" in n and "§IV.1" in n for n in plan.notes)

    def test_notes_say_what_the_plan_is(self, plan):
        notes = " ".join(plan.notes)
        assert "01 năm" in notes and "§III.5" in notes  # one year per hotspot
        assert "phương pháp toàn quốc" in notes and "chuyenhoa plan" in notes
        assert "04/01/2025" in notes  # the snapshot used
        assert "Biên Hòa" in notes and "không phải chỉ tiêu" in notes

    # -- geography --------------------------------------------------------------------
    @pytest.mark.parametrize("year", PLAN_YEARS)
    def test_evaluating_warns_that_the_snapshot_is_newer(self, host, year):
        result = evaluate("dongnai", year, host=host, as_of=self.as_of)
        assert result.data.geography_as_of == dt.date(2025, 1, 4)
        warned = [w for w in result.warnings if "newer than plan year" in w]
        assert len(warned) == 1
        assert f"năm {year}" in warned[0] and f"newer than plan year {year}" in warned[0]

    def test_plan_json_warns_too(self, host, spec, plan):
        notes = plan_dict(host, spec, plan)["notes"]
        assert any("newer than plan year 2020" in n for n in notes)

    # -- the synthetic sample ---------------------------------------------------------
    @pytest.mark.parametrize(
        ("year", "met", "not_met", "unknown", "share_status", "relapse_status", "stayed", "before"),
        [
            (2017, 12, 6, 0, Status.MET, Status.NOT_ASSESSABLE, None, 0),
            (2018, 10, 8, 0, Status.NOT_MET, Status.MET, 11, 12),
            (2019, 11, 6, 1, Status.MET, Status.MET, 20, 22),  # 61.1–66.7 %: met whatever the unknown one gives
            (2020, 10, 5, 3, Status.NOT_ASSESSABLE, Status.NOT_MET, 28, 33),  # 55.6–72.2 %; 84.85 % < 85
        ],
    )
    def test_sample_story(self, host, year, met, not_met, unknown, share_status, relapse_status, stayed, before):
        """The synthetic sample is built to show every kind of verdict (see its README)."""
        result = evaluate("dongnai", year, host=host, as_of=dt.date(year, 12, 31))
        assert not result.selection.proposed
        assert len(result.hotspots) == 18
        assert result.selection.within_caps
        assert not result.selection.findings  # no transformed commune is selected again
        verdicts = [h.verdict for h in result.hotspots]
        assert (verdicts.count(Status.MET), verdicts.count(Status.NOT_MET),
                verdicts.count(Status.NOT_ASSESSABLE)) == (met, not_met, unknown)
        assert len(result.selection.excluded_transformed) == before
        statuses = {t.id: t for t in result.targets}
        assert statuses["transformed_share"].status is share_status
        assert statuses["no_relapse_share"].status is relapse_status
        if stayed is not None:
            assert statuses["no_relapse_share"].actual == pytest.approx(100 * stayed / before)
        programme = {p.indicator: p.status for p in result.programme}
        assert programme == {"transformed_share": share_status, "no_relapse_share": relapse_status}
        # the `transformed` column agrees with the data, so the geography note is the only warning
        assert len(result.warnings) == 1

    def test_sample_2020_in_detail(self, host):
        result = evaluate("dongnai", 2020, host=host, as_of=self.as_of)
        by_code = {h.commune_code: h for h in result.hotspots}
        boundary = by_code["26185"]  # Xã Bình Lợi: 4 of the 5 indicators with data, exactly 80 %
        assert (boundary.met, boundary.assessed, boundary.missing) == (4, 5, 4)
        assert boundary.verdict is Status.MET
        flat = by_code["26479"]  # Thị trấn Hiệp Phước: 4 offences in 2019 and 2020, "not decreased"
        assert flat.verdict is Status.NOT_MET
        assert [g.passed for g in flat.gates if g.id == "crime_decreased"] == [False]
        no_offences = by_code["26443"]  # Xã Xuân Hòa: 2020 offences left empty
        assert no_offences.verdict is Status.NOT_ASSESSABLE
        assert result.targets[0].actual == pytest.approx(1000 / 18)  # low bound 10/18
