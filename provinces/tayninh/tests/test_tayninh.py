"""Tây Ninh: the numbers of Kế hoạch 860/KH-UBND and the 2025-01 geography, pinned."""

from __future__ import annotations

import datetime as dt

import chuyenhoa_tayninh
import pytest

from chuyenhoa.model import Basis
from chuyenhoa.testing import ProvincePackTests

DOCUMENT = "860/KH-UBND"


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
        ],
    )
    def test_target(self, plan, target, comparator, threshold, clause):
        self.assert_target(plan, target, comparator, threshold, f"{DOCUMENT} {clause}")

    def test_crime_target_is_against_2023(self, plan):
        self.assert_target(plan, "social_order_crimes", "<=", -5, "§II.2", basis=Basis.CHANGE_PCT)

    def test_milestones(self, plan):
        # "trước ngày 29/3/2024": the 28th is the last day on time
        self.assert_milestone(plan, f"{DOCUMENT} §IV.2", due=dt.date(2024, 3, 28))
        self.assert_milestone(plan, f"{DOCUMENT} §IV.4", start=dt.date(2024, 7, 1), due=dt.date(2024, 7, 31))
        self.assert_milestone(plan, f"{DOCUMENT} §IV.1", due=dt.date(2024, 12, 31))

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
            not_assessable={"law_access_communes_rate"},
            transformed=7,
            not_transformed={"25498",  # Xã Thạnh Bình: 9 of 9 met, offences not down
                             "25633"},  # Phường Hiệp Tân: 6 of 9 met
            hotspots_not_assessable={"25555"},  # Xã Suối Đá: new_complexity left empty
        )
        assert len(sample_result.selection.excluded_transformed) == 7
        no_relapse = {p.indicator: p for p in sample_result.programme}["no_relapse_share"]
        assert no_relapse.actual == pytest.approx(600 / 7)
