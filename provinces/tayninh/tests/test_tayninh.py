"""Tây Ninh: the numbers of Kế hoạch 860/KH-UBND and the 2025-01 geography, pinned."""

from __future__ import annotations

import datetime as dt

import chuyenhoa_tayninh
import pytest

from chuyenhoa.comparators import Comparator
from chuyenhoa.method.engine import evaluate
from chuyenhoa.method.hotspots import Status
from chuyenhoa.model import Basis
from chuyenhoa.testing import ProvincePackTests


class TestTayNinh(ProvincePackTests):
    plugin = chuyenhoa_tayninh
    slug = "tayninh"
    districts = 9
    communes = 94
    plan_ids = {"860/KH-UBND"}

    @pytest.fixture
    def plan(self, spec):
        return spec.plan_for(2024)

    def test_plan_header(self, plan):
        assert plan.date == dt.date(2024, 3, 25)
        assert plan.years == (2024,)
        assert plan.period.end == dt.date(2024, 12, 31)
        assert str(plan.period.source) == "860/KH-UBND §IV.1"

    @pytest.mark.parametrize(
        ("target", "comparator", "threshold", "clause"),
        [
            ("social_order_crimes", Comparator.LE, -5, "§II.2"),
            ("clearance_rate", Comparator.GT, 75, "§II.2"),
            ("serious_clearance_rate", Comparator.GT, 90, "§II.2"),
            ("reports_handled_rate", Comparator.EQ, 100, "§II.2"),
            ("reports_resolution_rate", Comparator.GT, 90, "§II.2"),
            ("recidivism_rate", Comparator.LT, 15, "§II.2"),
            ("wanted_existing_arrest_rate", Comparator.GE, 30, "§II.2"),
            ("wanted_new_arrest_rate", Comparator.GE, 50, "§II.2"),
            ("transformed_share", Comparator.GE, 60, "§II.2"),
            ("households_informed_min_rate", Comparator.GE, 75, "§II.2"),
            ("zalo_group_rate", Comparator.EQ, 100, "§II.2"),
            ("residents_board_quality_rate", Comparator.GE, 200 / 3, "§II.2"),
            ("rural_security_communes_met", Comparator.GE, 71, "§III.4"),
            ("rural_security_reached", Comparator.GE, 5, "§III.4"),
            ("rural_security_kept", Comparator.GE, 66, "§III.4"),
        ],
    )
    def test_target(self, plan, target, comparator, threshold, clause):
        found = {t.id: t for t in plan.targets}[target]
        assert found.comparator is comparator
        assert found.threshold == pytest.approx(threshold)
        assert found.source.document == "860/KH-UBND"
        assert found.source.clause == clause

    def test_crime_target_is_against_2023(self, plan):
        crimes = {t.id: t for t in plan.targets}["social_order_crimes"]
        assert crimes.basis is Basis.CHANGE_PCT

    def test_milestones(self, plan):
        by_clause = {str(m.source): m for m in plan.milestones}
        # "trước ngày 29/3/2024": the 28th is the last day on time
        assert by_clause["860/KH-UBND §IV.2"].due == dt.date(2024, 3, 28)
        inspection = by_clause["860/KH-UBND §IV.4"]
        assert (inspection.start, inspection.due) == (dt.date(2024, 7, 1), dt.date(2024, 7, 31))
        assert by_clause["860/KH-UBND §IV.1"].due == dt.date(2024, 12, 31)

    def test_caps_of_its_districts(self, host):
        result = evaluate("tayninh", 2024, host=host, as_of=dt.date(2024, 12, 31))
        caps = {c.unit_name: c.cap for c in result.selection.caps}
        assert caps["Huyện Châu Thành"] == 2  # 15 communes → floor(2.25)
        assert caps["Thị xã Hòa Thành"] == 1  # 8 → floor(1.2)
        assert sum(caps.values()) == 10

    def test_sample_story(self, host):
        """The synthetic sample is built to show every kind of verdict (see its README)."""
        result = evaluate("tayninh", 2024, host=host, as_of=dt.date(2024, 7, 10))
        verdicts = [h.verdict for h in result.hotspots]
        assert verdicts.count(Status.MET) == 7
        assert verdicts.count(Status.NOT_MET) == 2
        assert verdicts.count(Status.NOT_ASSESSABLE) == 1
        statuses = {t.id: t.status for t in result.targets}
        assert statuses["social_order_crimes"] is Status.MET  # exactly −5 %: "ít nhất 05%"
        assert statuses["clearance_rate"] is Status.NOT_MET  # exactly 75: "trên 75%"
        assert statuses["law_access_communes_rate"] is Status.NOT_ASSESSABLE
        assert len(result.selection.excluded_transformed) == 7
        no_relapse = {p.indicator: p for p in result.programme}["no_relapse_share"]
        assert no_relapse.actual == pytest.approx(600 / 7)
