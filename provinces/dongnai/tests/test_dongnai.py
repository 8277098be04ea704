"""Đồng Nai: the numbers of Kế hoạch 7488/KH-UBND (2017–2020) and the 2025-01 geography, pinned."""

from __future__ import annotations

import datetime as dt
import json

import chuyenhoa_dongnai
import pytest
from typer.testing import CliRunner

from chuyenhoa.builtin import national
from chuyenhoa.cli.app import app
from chuyenhoa.comparators import Comparator
from chuyenhoa.errors import ChuyenhoaError
from chuyenhoa.method.engine import evaluate
from chuyenhoa.model import CapScope, MissingIndicator, Rounding, Status
from chuyenhoa.plugins import host as plugins
from chuyenhoa.plugins.host import PluginHost
from chuyenhoa.testing import ProvincePackTests

DOCUMENT = "7488/KH-UBND"
PLAN_YEARS = (2017, 2018, 2019, 2020)


@pytest.fixture
def cli_host():
    """The command line's process-wide host, with this pack alone, for the test's duration."""
    plugins.reset_host(PluginHost(autoload=False, plugins=[chuyenhoa_dongnai]))
    yield
    plugins.reset_host()


class TestDongNai(ProvincePackTests):
    plugin = chuyenhoa_dongnai
    slug = "dongnai"
    districts = 11
    communes = 159
    plan_ids = {DOCUMENT}
    sources = {DOCUMENT: "003_cfb696eb858ee58d.txt"}
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

    # -- the method: the national one, not restated ---------------------------------
    @pytest.fixture
    def hooks(self, host):
        return host.hooks_for(self.slug)

    def test_the_plan_restates_nothing_of_the_national_method(self, plan):
        """7488/KH-UBND is the national method's own file; the pack keeps what is Đồng Nai's alone."""
        assert (plan.selection, plan.success) == (None, None)
        national_ids = {i.id for i in national.method().indicators} | {"transformed_share", "no_relapse_share"}
        assert not {t.indicator for t in plan.targets} & national_ids  # no goal or hotspot indicator restated
        assert {str(t.source) for t in plan.targets} == {"7488/KH-UBND §IV.4", "7488/KH-UBND §IV.5"}

    # -- measures of §IV with a checkable level, and the funding of §VI ---------------
    def test_every_hotspot_registers_to_keep_order(self, plan):
        """§IV.4: all the selected hotspots (and their neighbourhoods) register under the security standard."""
        target = self.assert_target(plan, "hotspot_areas_registered_rate", "=", 100, f"{DOCUMENT} §IV.4")
        assert "tất cả các địa bàn được lựa chọn chuyển hóa" in target.source.quote
        assert "đăng ký đảm bảo giữ gìn ANTT" in target.source.quote
        assert "Thông tư 23/TT-BCA" in target.source.reading and "100%" in target.source.reading

    def test_no_new_drug_addicts(self, plan):
        """§IV.5: "không để phát sinh người nghiện mới": none, a count of 0."""
        target = self.assert_target(plan, "hotspot_new_drug_addicts", "=", 0, f"{DOCUMENT} §IV.5")
        assert target.source.quote.endswith("không để phát sinh người nghiện mới")
        assert {i.id: i.kind.value for i in plan.indicators}["hotspot_new_drug_addicts"] == "count"

    def test_other_lawful_funding(self, plan):
        """§VI: besides the province and district budgets, "Huy động nguồn kinh phí hợp pháp khác"."""
        funding = [d for d in plan.responsibilities if d.source.clause == "§VI"]
        assert len(funding) == 3
        (other,) = [d for d in funding if d.source.quote == "Huy động nguồn kinh phí hợp pháp khác."]
        assert other.lead == "UBND tỉnh; UBND các huyện, thị xã, thành phố" and other.source.reading

    @pytest.mark.parametrize(
        ("goal", "comparator", "threshold"),
        [
            ("transformed_share", Comparator.GE, 60),  # "Hàng năm … ít nhất 60%"
            ("no_relapse_share", Comparator.GE, 85),  # "Ít nhất 85% …"
        ],
    )
    @pytest.mark.parametrize("year", PLAN_YEARS)
    def test_goals_of_II_1(self, hooks, plan, year, goal, comparator, threshold):
        goals = {g.indicator: g for g in hooks.chuyenhoa_programme_goals(plan=plan, year=year)}
        found = goals[goal]
        assert (found.comparator, found.threshold) == (comparator, threshold)
        assert str(found.source) == f"{DOCUMENT} §II.1"
        assert found.source.quote and found.source.reading

    def test_the_police_lead_both_goals(self, sample_result):
        """§VII.1 (the plan) and §V.4.b (no relapse) name Công an tỉnh: shown beside the national goals."""
        assert {g.indicator: g.lead for g in sample_result.programme} == {
            "transformed_share": "Công an tỉnh", "no_relapse_share": "Công an tỉnh"}

    def test_cap(self, hooks, spec, plan):
        geography, _ = spec.geography_for(2020)
        policy = hooks.chuyenhoa_selection_policy(plan=plan, geography=geography)
        assert (policy.cap_share, policy.scopes, policy.rounding, policy.minimum_per_district) == (
            0.15, (CapScope.DISTRICT,), Rounding.FLOOR, 0)
        assert policy.source.document == DOCUMENT
        for clause in ("§III.2", "§V.1", "§V.4.a"):  # stated in §III.2, restated in §V.1 and §V.4.a
            assert clause in policy.source.clause
        assert "15%" in policy.source.quote
        assert "hai lần" in policy.source.reading  # the reading of the two statements, now the method's
        assert str(policy.leave_source) == "7488/KH-UBND §III.2"

    def test_caps_of_its_districts(self, sample_result):
        assert sample_result.year == 2020
        self.assert_cap(sample_result, caps={"Thành phố Biên Hòa": 3,  # 25 communes → floor(3.75)
                                             "Huyện Trảng Bom": 2,  # 17 → floor(2.55)
                                             "Huyện Vĩnh Cửu": 1,  # 10 → floor(1.5)
                                             "Thành phố Long Khánh": 1},  # 13 → floor(1.95)
                        total=18)
        caps = sample_result.selection.caps
        assert {c.scope for c in caps} == {CapScope.DISTRICT}
        assert all(c.cap == c.strict_cap and c.note is None for c in caps)

    def test_success_rule(self, hooks, plan):
        rule = hooks.chuyenhoa_success_rule(plan=plan)
        assert rule.share == 0.8
        assert rule.comparator is Comparator.GE  # "đạt 80% … trở lên"
        assert rule.missing is MissingIndicator.BOUNDS  # decided only when the missing ones cannot change it
        assert [(gate.id, gate.column) for gate in rule.gates] == [
            ("crime_decreased", "criminal_offences"), ("no_new_complexity", "new_complexity")]
        assert str(rule.source) == "7488/KH-UBND §III.4"
        assert "trở lên" in rule.source.quote and "9 chỉ tiêu của §II.2" in rule.source.reading

    def test_hotspot_indicators_are_the_national_nine(self, host, plan):
        indicators = host.hooks_for(self.slug).chuyenhoa_hotspot_indicators(plan=plan)
        assert tuple(indicators) == national.method().indicators
        assert len(indicators) == 9

    # -- milestones -------------------------------------------------------------------
    def test_yearly_report_to_the_ministry(self, plan):
        # "trước ngày 25/11 hàng năm": the 24th is the last day on time
        for year in PLAN_YEARS:
            self.assert_milestone(plan, "7488/KH-UBND §VII.4", due=dt.date(year, 11, 24), what="Bộ Công an")
        reports = [m for m in plan.milestones if str(m.source) == "7488/KH-UBND §VII.4"]
        assert [m.due for m in reports] == [dt.date(y, 11, 24) for y in PLAN_YEARS]
        assert all("Bộ Công an" in m.what and m.who == "Công an tỉnh tham mưu UBND tỉnh" for m in reports)

    def test_yearly_review(self, plan):
        reviews = [m for m in plan.milestones if m.what.startswith("Sơ kết")]
        assert [m.due for m in reviews] == [dt.date(y, 12, 31) for y in PLAN_YEARS]
        assert {str(m.source) for m in reviews} == {"7488/KH-UBND §VII"}

    def test_final_review(self, plan):
        (final,) = [m for m in plan.milestones if m.what.startswith("Tổng kết")]
        assert final is self.assert_milestone(plan, "7488/KH-UBND §VII", due=dt.date(2020, 12, 31), what="Tổng kết")
        assert "2021 - 2025" in final.what

    def test_programme_runs_to_the_end_of_2020(self, plan):
        assert len([m for m in plan.milestones if str(m.source) == "7488/KH-UBND §III.5"]) == 1
        self.assert_milestone(plan, "7488/KH-UBND §III.5", start=dt.date(2017, 7, 31), due=dt.date(2020, 12, 31))

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
        assert {ident: d.lead for d in duties for ident in d.targets} == {"transformed_share": "Công an tỉnh",
                                                                          "no_relapse_share": "Công an tỉnh"}

    def test_no_award_scheme(self, plan):
        assert plan.awards is None
        assert any("không đặt cơ chế khen thưởng" in n and "§IV.1" in n for n in plan.notes)

    def test_notes_say_what_the_plan_is(self, plan):
        notes = " ".join(plan.notes)
        assert "01 năm" in notes and "§III.5" in notes  # one year per hotspot
        assert "phương pháp toàn quốc" in notes and "chuyenhoa plan" not in notes  # words a report can carry
        assert "04/01/2025" in notes  # the snapshot used
        assert "Biên Hòa" in notes and "không phải chỉ tiêu" in notes

    # -- geography --------------------------------------------------------------------
    @pytest.mark.parametrize("year", PLAN_YEARS)
    def test_evaluating_warns_that_the_snapshot_is_newer(self, host, year):
        result = evaluate("dongnai", year, host=host, as_of=self.as_of)
        assert result.data.geography_as_of == dt.date(2025, 1, 4)
        warned = [w for w in result.warnings if "sau năm của kế hoạch" in w]
        assert len(warned) == 1
        assert f"năm {year} là bản ngày 04/01/2025" in warned[0] and "snapshot" not in warned[0]

    def test_plan_json_warns_too(self, cli_host):
        out = CliRunner().invoke(app, ["plan", "--province", "dongnai", "--format", "json"])
        assert out.exit_code == 0, out.output
        assert any("năm 2020 là bản ngày 04/01/2025, sau năm của kế hoạch" in n
                   for n in json.loads(out.output)["notes"])

    # -- the synthetic sample ---------------------------------------------------------
    @pytest.mark.parametrize(
        ("year", "met", "not_met", "unknown", "share_status", "relapse_status", "stayed", "before"),
        [
            (2017, 12, 6, 0, Status.MET, Status.NOT_ASSESSABLE, None, 0),
            (2018, 9, 8, 1, Status.NOT_MET, Status.MET, 11, 12),  # 50.0–55.6 %: below 60 % either way
            # 61.1–66.7 %: met whatever the unknown one gives; the 22 transformed before include 26188, which
            # the data of 2018 cannot decide (4 indicators empty) and its `transformed` column records as done
            (2019, 11, 6, 1, Status.MET, Status.MET, 20, 22),
            (2020, 9, 5, 4, Status.NOT_ASSESSABLE, Status.NOT_MET, 28, 33),  # 50.0–72.2 %; 84.85 % < 85
        ],
    )
    def test_sample_story(self, host, year, met, not_met, unknown, share_status, relapse_status, stayed, before):
        """The synthetic sample is built to show every kind of verdict (see its README)."""
        result = evaluate("dongnai", year, host=host, as_of=dt.date(year, 12, 31))
        assert not result.selection.proposed
        assert len(result.hotspots) == 18
        assert result.selection.within_caps
        assert not result.selection.findings  # no transformed commune is selected again
        self.assert_verdicts(result, transformed=met, not_transformed=not_met, hotspots_not_assessable=unknown)
        assert len(result.selection.excluded_transformed) == before
        # the two measures of §IV.4, §IV.5 have no column in the sample: never judged without data
        assert {t.id: t.status for t in result.targets} == {"hotspot_areas_registered_rate": Status.NOT_ASSESSABLE,
                                                            "hotspot_new_drug_addicts": Status.NOT_ASSESSABLE}
        programme = {p.indicator: p for p in result.programme}
        assert {k: p.status for k, p in programme.items()} == {"transformed_share": share_status,
                                                                "no_relapse_share": relapse_status}
        if stayed is not None:
            assert programme["no_relapse_share"].actual == pytest.approx(100 * stayed / before)
        # the `transformed` column agrees with the data, so the geography note is the only warning
        assert len(result.warnings) == 1

    def test_sample_2020_in_detail(self, sample_result):
        result = sample_result
        self.assert_verdicts(result, not_transformed={"26020", "26371", "26383", "26437", "26479"},
                             hotspots_not_assessable={"26206",  # Thị trấn Định Quán: new_complexity empty
                                                      "26317",  # Xã Hưng Lộc: new_complexity empty
                                                      "26443",  # Xã Xuân Hòa: offences empty
                                                      "26185"})  # Xã Bình Lợi: 4 indicators empty
        by_code = {h.commune_code: h for h in result.hotspots}
        boundary = by_code["26185"]  # Xã Bình Lợi: 4 of the 5 indicators with data, exactly 80 %
        assert (boundary.met, boundary.assessed, boundary.missing) == (4, 5, 4)
        # 4/9 if the empty ones are not met, 8/9 if they all are: the data do not decide
        assert (boundary.share_low, boundary.share_high, boundary.needed) == (4 / 9, 8 / 9, 4)
        assert boundary.verdict is Status.NOT_ASSESSABLE
        flat = by_code["26479"]  # Thị trấn Hiệp Phước: 4 offences in 2019 and 2020, "not decreased"
        assert flat.verdict is Status.NOT_MET
        assert [g.passed for g in flat.gates if g.id == "crime_decreased"] == [False]
        no_offences = by_code["26443"]  # Xã Xuân Hòa: 2020 offences left empty
        assert no_offences.verdict is Status.NOT_ASSESSABLE
        assert result.programme[0].actual == pytest.approx(900 / 18)  # low bound 9/18
