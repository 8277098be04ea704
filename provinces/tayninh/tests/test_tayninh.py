"""Tây Ninh: the numbers of Kế hoạch 860/KH-UBND and the 2025-01 geography, pinned."""

from __future__ import annotations

import datetime as dt

import chuyenhoa_tayninh
import pytest

from chuyenhoa.model import Basis, Status
from chuyenhoa.testing import ProvincePackTests

DOCUMENT = "860/KH-UBND"
POLICE = "Công an tỉnh"
#: the subject of §III.4 (Thông tư 124/2021/TT-BCA; the rural security criterion)
UNITS = "Cấp ủy, Thủ trưởng các cơ quan, doanh nghiệp, cơ sở giáo dục và địa phương"


class TestTayNinh(ProvincePackTests):
    plugin = chuyenhoa_tayninh
    slug = "tayninh"
    districts = 9
    communes = 94
    plan_ids = {DOCUMENT}
    sources = {DOCUMENT: "002_869f96d070f2dfb7.txt"}

    @pytest.fixture
    def plan(self, spec):
        return spec.plan_for(2024)

    def test_plan_header(self, plan):
        assert plan.date == dt.date(2024, 3, 25)
        assert plan.years == (2024,)
        assert plan.period.end == dt.date(2024, 12, 31)
        assert str(plan.period.source) == f"{DOCUMENT} §IV.1"

    @pytest.mark.parametrize(
        ("target", "comparator", "threshold", "clause"),
        [
            ("social_order_crimes", "<=", -5, "§II.2"),  # "giảm … ít nhất 05%"
            ("clearance_rate", "trên", 75, "§II.2"),
            ("serious_clearance_rate", "trên", 90, "§II.2"),
            ("reports_handled_rate", "=", 100, "§II.2"),
            ("reports_resolution_rate", "trên", 90, "§II.2"),
            ("recidivism_rate", "dưới", 15, "§II.2"),
            ("wanted_existing_arrest_rate", ">=", 30, "§II.2"),
            ("wanted_new_arrest_rate", ">=", 50, "§II.2"),
            ("transformed_share", ">=", 60, "§II.2"),
            ("households_informed_min_rate", ">=", 75, "§II.2"),
            ("zalo_group_rate", "=", 100, "§II.2"),
            ("residents_board_quality_rate", ">=", 200 / 3, "§II.2"),
            ("rural_security_communes_met", ">=", 71, "§III.4"),
            ("rural_security_reached", ">=", 5, "§III.4"),
            ("rural_security_kept", ">=", 66, "§III.4"),
            ("rural_security_pilot_communes_rate", "=", 100, "§III.4"),
        ],
    )
    def test_target(self, plan, target, comparator, threshold, clause):
        self.assert_target(plan, target, comparator, threshold, f"{DOCUMENT} {clause}")

    def test_pilot_new_countryside_communes(self, plan):
        """§III.4: the communes chosen as 2024 pilots of the new-countryside programme reach the criterion."""
        pilot = self.assert_target(plan, "rural_security_pilot_communes_rate", "=", 100, f"{DOCUMENT} §III.4")
        assert "ở những xã được chọn điểm xây dựng nông thôn mới" in pilot.source.quote
        assert "nông thôn mới kiểu mẫu năm 2024" in pilot.source.quote
        assert "100%" in pilot.source.reading  # no rate written: read as every pilot commune
        assert pilot.lead == UNITS

    def test_crime_target_is_against_2023(self, plan):
        self.assert_target(plan, "social_order_crimes", "<=", -5, "§II.2", basis=Basis.CHANGE_PCT)

    def test_milestones(self, plan):
        # "trước ngày 29/3/2024": the 28th is the last day on time
        self.assert_milestone(plan, f"{DOCUMENT} §IV.2", due=dt.date(2024, 3, 28))
        self.assert_milestone(plan, f"{DOCUMENT} §IV.4", start=dt.date(2024, 7, 1), due=dt.date(2024, 7, 31))
        self.assert_milestone(plan, f"{DOCUMENT} §IV.1", due=dt.date(2024, 12, 31))

    # -- who does what: §III (solutions) and §IV (organisation) ----------------------------
    def test_every_task_of_iii_and_iv_cites_its_clause_and_words(self, plan):
        duties = plan.responsibilities
        assert len(duties) == 39
        for duty in duties:
            assert duty.task and duty.lead and duty.source.quote, duty.task
            assert duty.source.document == DOCUMENT
        clauses = [d.source.clause for d in duties]
        assert clauses == sorted(clauses, key=lambda c: [int(n) if n.isdigit() else {"III": 3, "IV": 4}[n]
                                                         for n in c.lstrip("§").split(".")])  # document order
        assert {"§III.2.2", "§III.2.3", "§III.3", "§III.4", "§III.5", "§III.7", "§IV.2", "§IV.3", "§IV.4",
                "§IV.5", "§IV.6", "§IV.7", "§IV.8", "§IV.9", "§IV.10"} <= set(clauses)

    @pytest.fixture
    def duties(self, plan):
        """Clause → its responsibilities, in order."""
        found = {}
        for duty in plan.responsibilities:
            found.setdefault(duty.source.clause, []).append(duty)
        return found

    def test_movements_in_religious_and_ethnic_communities_and_workplaces(self, duties):
        police, districts = duties["§III.2.2"]
        assert (police.lead, police.partners) == (POLICE, ("Sở Nội vụ", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
                                                           "Các tổ chức Thành viên của Mặt trận"))
        assert districts.lead == "Ban Chỉ đạo các huyện, thị xã, thành phố"
        workplaces = duties["§III.2.3"][0]
        assert workplaces.lead == POLICE and "chủ động, phối hợp chặt chẽ" in workplaces.source.quote
        assert workplaces.partners == ("Sở Nội vụ", "Đảng ủy Khối Cơ quan và Doanh nghiệp tỉnh", "Sở Giáo dục và Đào tạo")

    def test_police_and_front_two_thirds_of_the_boards(self, duties):
        programme = duties["§III.3"][0]
        assert programme.lead == "Lực lượng Công an" and programme.targets == ("residents_board_quality_rate",)
        assert "Ủy ban Mặt trận Tổ quốc Việt Nam các cấp" in programme.partners

    def test_security_standard_and_rural_criterion(self, duties):
        standard, rural = duties["§III.4"]
        assert standard.lead == rural.lead == UNITS
        assert standard.targets == ("security_standard_units_rate",)
        assert "Thường trực Ban Chỉ đạo" in standard.partners[0]
        assert set(rural.targets) == {"rural_security_communes_met", "rural_security_reached", "rural_security_kept",
                                      "rural_security_pilot_communes_rate"}
        assert "05 xã chưa đạt trong năm 2023" in rural.source.quote and rural.source.reading

    def test_commune_police_and_award_guidance(self, duties):
        (forces,) = duties["§III.5"]
        assert forces.lead == POLICE and forces.partners == ()
        guidance = [d for d in duties["§III.7"] if "Hướng dẫn khen thưởng" in d.task]
        assert [(d.lead, d.partners) for d in guidance] == [(POLICE, ("Sở Nội vụ",))]

    def test_units_plan_and_report(self, duties):
        units = "Các cơ quan, đơn vị, địa phương, doanh nghiệp, trường học trên địa bàn tỉnh"
        assert {d.lead for d in duties["§IV.2"]} == {units}
        (report,) = [d for d in duties["§IV.2"] if d.task.startswith("Báo cáo")]
        assert report.source.quote == "Báo cáo kết quả triển khai, thực hiện Phong trào thi đua theo quy định."

    def test_duties_of_iv_3_to_iv_10(self, duties):
        (forces,) = duties["§IV.3"]
        assert forces.lead == "Công an tỉnh, Bộ Chỉ huy Quân sự tỉnh, Bộ Chỉ huy Bộ đội Biên phòng tỉnh"
        assert set(forces.targets) == {"reports_handled_rate", "reports_resolution_rate"}
        assert [d.lead for d in duties["§IV.4"]] == [POLICE] * 5
        assert [d.targets for d in duties["§IV.4"]].count(("transformed_share",)) == 1
        assert {d.lead for d in duties["§IV.5"]} == {"Sở Tư pháp"}
        assert [d.lead for d in duties["§IV.6"]] == ["Sở Giáo dục và Đào tạo"]
        assert [d.lead for d in duties["§IV.7"]] == ["Sở Thông tin và Truyền thông"]
        (press,) = duties["§IV.8"]
        assert "Báo Tây Ninh" in press.lead and press.partners == (POLICE, "Sở Nội vụ")
        front = duties["§IV.9"]
        assert [d.lead.split(",")[0] for d in front] == [
            "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "Hội Nông dân tỉnh", "Hội Cựu chiến binh tỉnh",
            "Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh", "Hội Liên hiệp Phụ nữ tỉnh"]
        assert all(d.source.quote.startswith("Đề nghị") and "đề nghị" in d.source.reading for d in front)
        assert [d.lead for d in duties["§IV.10"]] == ["UBND các huyện, thị xã, thành phố"] * 2

    def test_targets_name_the_task_that_serves_them(self, plan, sample_result):
        leads = {t.id: t.lead for t in plan.targets if t.lead}
        assert leads == {
            "reports_handled_rate": "Công an tỉnh, Bộ Chỉ huy Quân sự tỉnh, Bộ Chỉ huy Bộ đội Biên phòng tỉnh",
            "reports_resolution_rate": "Công an tỉnh, Bộ Chỉ huy Quân sự tỉnh, Bộ Chỉ huy Bộ đội Biên phòng tỉnh",
            "transformed_share": POLICE,  # §IV.4
            "security_standard_units_rate": UNITS,  # §III.4
            "zalo_group_rate": "Ban Chỉ đạo các huyện, thị xã, thành phố",  # §III.2.1
            "residents_board_quality_rate": "Lực lượng Công an",  # §III.3
            "rural_security_communes_met": UNITS, "rural_security_reached": UNITS, "rural_security_kept": UNITS,
            "rural_security_pilot_communes_rate": UNITS,
        }
        assert {t.id: t.lead for t in sample_result.targets}["transformed_share"] == POLICE

    def test_caps_of_its_districts(self, sample_result):
        self.assert_cap(sample_result, share=0.15, scopes="district", rounding="floor", minimum=0,
                        caps={"Huyện Châu Thành": 2,  # 15 communes → floor(2.25)
                              "Thị xã Hòa Thành": 1},  # 8 → floor(1.2)
                        total=10)

    def test_sample_story(self, sample_result):
        """The synthetic sample is built to show every kind of verdict (see its README)."""
        self.assert_verdicts(
            sample_result,
            met={"social_order_crimes",  # exactly −5 %: "ít nhất 05%"
                 "serious_clearance_rate", "reports_handled_rate", "reports_resolution_rate", "recidivism_rate",
                 "wanted_existing_arrest_rate", "transformed_share", "households_informed_min_rate",
                 "workplaces_informed_rate", "fire_safety_standard_units_rate", "zalo_group_rate",
                 "residents_board_quality_rate", "child_friendly_communes_rate"},
            not_met={"clearance_rate",  # exactly 75: "trên 75%"
                     "wanted_new_arrest_rate", "security_standard_units_rate", "lit_roads_rate",
                     "rural_security_communes_met", "rural_security_reached", "rural_security_kept"},
            not_assessable={"law_access_communes_rate",
                            "rural_security_pilot_communes_rate"},  # §III.4: no column in the sample
            transformed=6,
            not_transformed={"25498",  # Xã Thạnh Bình: 9 of 9 met, offences not down
                             "25633"},  # Phường Hiệp Tân: 6 of 9 met
            hotspots_not_assessable={"25555",  # Xã Suối Đá: new_complexity left empty
                                     "25687"},  # Xã Long Phước: 4 of the 5 with data, 4 empty: 44.4–88.9 %
        )
        # 6 of 10 transformed and 2 not assessable: 60–80 %, "≥ 60 %" met whatever those two turn out
        goal = {p.indicator: p for p in sample_result.programme}["transformed_share"]
        assert (goal.status, goal.actual) == (Status.MET, 60.0)
        assert len(sample_result.selection.excluded_transformed) == 7
        no_relapse = {p.indicator: p for p in sample_result.programme}["no_relapse_share"]
        assert no_relapse.actual == pytest.approx(600 / 7)
