"""Bình Phước: the numbers of the 2024 plan, of Kế hoạch 38/KH-UBND (2023) and the 2025-01 geography, pinned."""

from __future__ import annotations

import datetime as dt

import chuyenhoa_binhphuoc
import pytest

from chuyenhoa.comparators import Comparator
from chuyenhoa.method.engine import evaluate
from chuyenhoa.model import Basis, CapScope, Rounding, Status, TargetScope
from chuyenhoa.output.words import method_notes
from chuyenhoa.testing import ProvincePackTests, plan_quotes

PLAN_2024 = "KH-UBND-BP-2024"
PLAN_2023 = "38/KH-UBND"
#: the nominee columns of INDICATORS.md (`nominees` table) that the award scheme may name
NOMINEE_FLAGS = {"leader", "grassroots", "targets_met", "has_submission", "has_minutes", "has_report"}


class TestBinhPhuoc(ProvincePackTests):
    plugin = chuyenhoa_binhphuoc
    slug = "binhphuoc"
    districts = 11
    communes = 111
    plan_ids = {PLAN_2024, PLAN_2023}
    sources = {
        PLAN_2024: "000_26cf88907875666d.txt",
        PLAN_2023: "001_47f759f0ae079a0e.txt",  # the news item: the plan itself is not published
        "7488/KH-UBND": "003_cfb696eb858ee58d.txt",  # the 15 % cap of [selection]
        # khoản 5 Điều 11 of the award rules, which the 2024 plan restates in its "Lưu ý" (§III.3)
        "26/2020/QĐ-UBND": "000_26cf88907875666d.txt",
    }
    year = 2024

    @pytest.fixture
    def plan(self, spec):
        return spec.plan_for(2024)

    @pytest.fixture
    def plan23(self, spec):
        return spec.plan_for(2023)

    @pytest.fixture
    def result23(self, host):
        return evaluate("binhphuoc", 2023, host=host, as_of=dt.date(2023, 12, 31))

    # -- the 2024 plan ---------------------------------------------------------------------
    def test_plan_header(self, plan):
        assert plan.id == PLAN_2024  # the copy prints no number: the pack's own id, no spaces
        assert " " not in plan.id
        assert plan.years == (2024,)
        # no date printed: 23/01/2024 (Kế hoạch 25, 26/KH-UBND cited in §II.1) is a lower bound
        assert plan.date == dt.date(2024, 1, 23)
        assert (plan.period.start, plan.period.end) == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
        assert any("không in số" in n and "Trần Tuệ Hiền" in n for n in plan.notes)
        assert any("không vì số lượng" in n for n in plan.notes)
        assert plan.milestones == ()  # the plan dates nothing

    @pytest.mark.parametrize(
        ("target", "comparator", "threshold"),
        [
            ("social_order_crimes", Comparator.LE, -5),
            ("clearance_rate", Comparator.GT, 75),
            ("serious_clearance_rate", Comparator.GT, 90),
            ("reports_handled_rate", Comparator.EQ, 100),
            ("reports_resolution_rate", Comparator.GT, 90),
            ("prosecution_on_time_rate", Comparator.GT, 90),
            ("correct_charge_rate", Comparator.GT, 95),
            ("case_resolution_rate", Comparator.GT, 88),
            ("inspection_referral_rate", Comparator.EQ, 100),
            ("districts_transformed_share", Comparator.EQ, 100),
        ],
    )
    def test_target(self, plan, target, comparator, threshold):
        self.assert_target(plan, target, comparator, threshold, f"{PLAN_2024} §II.5")

    def test_every_target_of_II_5_and_nothing_else(self, plan):
        assert len(plan.targets) == 10

    def test_crime_target_is_against_2023(self, plan):
        crimes = self.assert_target(plan, "social_order_crimes", "<=", -5, "§II.5", basis=Basis.CHANGE_PCT)
        assert "so với năm 2023" in crimes.source.quote

    def test_prosecution_column_times_the_indictment(self, plan):
        """§II.5 times the indictment ("Truy tố đúng thời hạn"), not a proposal to indict: so does the column."""
        from chuyenhoa.i18n import translate, using
        from chuyenhoa.reading.indicators import catalogue

        target = self.assert_target(plan, "prosecution_on_time_rate", ">", 90, "§II.5")
        assert target.source.quote.startswith("Truy tố đúng thời hạn")
        label = catalogue(())["prosecution_on_time_rate"].label
        assert label == "Tỷ lệ truy tố đúng thời hạn (%)"
        assert "đề nghị" not in label
        with using("en"):
            english = translate(label)
        assert english == "Rate of prosecutions brought on time (%)" and "proposal" not in english

    def test_every_district_target(self, plan):
        target = self.assert_target(plan, "districts_transformed_share", "=", 100, "§II.5", scope=TargetScope.DISTRICTS)
        assert target.source.quote.startswith("Mỗi huyện, thị xã, thành phố")
        assert target.lead == "Mỗi huyện, thị xã, thành phố"
        # the reading the verdict follows: a district with no hotspot counts as not transformed
        assert "huyện không chọn địa bàn nào được tính là chưa chuyển hóa" in target.source.reading

    def test_selection_policy(self, plan):
        self.assert_cap(plan, share=0.15, scopes=[CapScope.DISTRICT], rounding=Rounding.FLOOR, minimum=1,
                        clause="7488/KH-UBND §III.2")
        policy = plan.selection
        assert str(policy.minimum_source) == f"{PLAN_2024} §II.5"
        assert "vượt trần nghiêm ngặt" in policy.minimum_source.reading

    def test_caps_of_its_districts(self, sample_result):
        result = sample_result
        self.assert_cap(result, caps={"Thị xã Bình Long": 1,  # 6 communes: floor(0.9) = 0, the minimum 1
                                      "Thị xã Phước Long": 1, "Huyện Bù Đốp": 1,  # 7: floor(1.05) = 1
                                      "Huyện Lộc Ninh": 2, "Huyện Bù Đăng": 2},  # 16: floor(2.4)
                        total=13)
        caps = {c.unit_name: c for c in result.selection.caps}
        assert len(caps) == 11
        binh_long = caps["Thị xã Bình Long"]  # 6 communes: floor(0.9) = 0
        assert (binh_long.communes, binh_long.strict_cap, binh_long.cap) == (6, 0, 1)
        assert binh_long.exceeds_strict_cap and binh_long.within_cap
        assert "Vượt trần nghiêm ngặt 0" in binh_long.note
        assert f"{PLAN_2024} §II.5" in binh_long.note
        for seven in ("Thị xã Phước Long", "Huyện Bù Đốp"):  # 7 communes: floor(1.05) = 1
            cap = caps[seven]
            assert (cap.communes, cap.strict_cap, cap.cap) == (7, 1, 1)
            assert not cap.exceeds_strict_cap and cap.note is None
        assert caps["Huyện Lộc Ninh"].cap == caps["Huyện Bù Đăng"].cap == 2  # 16 → floor(2.4)
        assert [c.unit_name for c in caps.values() if c.exceeds_strict_cap] == ["Thị xã Bình Long"]
        assert sum(c.cap for c in caps.values()) == 13
        # every output states the floor beside the cap (chuyenhoa.output.words.method_notes)
        assert any(n.startswith(f"Tối thiểu 1 địa bàn mỗi huyện ({PLAN_2024} §II.5)") for n in method_notes(result))

    def test_the_reference_documents_every_selection_key_this_plan_uses(self, spec):
        """docs/plan-files.md, `[selection]`: each key of this plan's table (minimum_quote too) has its row."""
        import sys
        from pathlib import Path

        if sys.version_info >= (3, 11):
            import tomllib
        else:  # pragma: no cover - 3.10
            import tomli as tomllib
        reference = next((folder / "docs" / "plan-files.md" for folder in Path(__file__).resolve().parents
                          if (folder / "docs" / "plan-files.md").is_file()), None)
        if reference is None:
            pytest.skip("docs/plan-files.md is not above this test (an installed pack)")
        section = reference.read_text(encoding="utf-8").split("## `[selection]`", 1)[1].split("\n## ", 1)[0]
        rows = " ".join(line for line in section.splitlines() if line.startswith("| `"))
        (plan_file,) = [path for path in spec.plans if path.name == "KH-UBND-BP-2024.toml"]
        keys = tomllib.loads(plan_file.read_text(encoding="utf-8"))["selection"]
        assert "minimum_quote" in keys
        assert [key for key in keys if f"`{key}`" not in rows] == []

    def test_responsibilities(self, plan):
        by_task = {r.task: r for r in plan.responsibilities}
        assert [str(r.source) for r in plan.responsibilities] == [
            f"{PLAN_2024} §IV.1", f"{PLAN_2024} §IV.2", f"{PLAN_2024} §IV.2", f"{PLAN_2024} §IV.2",
            f"{PLAN_2024} §IV.3",
        ]
        awards = next(r for t, r in by_task.items() if t.startswith("Tham mưu, đề nghị"))
        assert awards.lead == "Công an tỉnh - Thường trực Ban Chỉ đạo tỉnh"
        assert awards.partners == ("Sở Nội vụ (Ban Thi đua - Khen thưởng tỉnh)",)
        assert plan.responsibilities[-1].lead == "Sở Nội vụ (Ban Thi đua - Khen thưởng tỉnh)"
        assert set(plan.responsibilities[0].targets) == {t.id for t in plan.targets}
        clearance = {t.id: t for t in plan.targets}["clearance_rate"]
        assert clearance.lead == "Các sở, ban, ngành, đoàn thể và UBND các huyện, thị xã, thành phố"

    # -- the award scheme (§III) -------------------------------------------------------------
    def test_award_form(self, plan):
        awards = plan.awards
        assert awards["form"] == "Bằng khen của Chủ tịch UBND tỉnh"
        assert awards["source"] == f"{PLAN_2024} §III.1"

    def test_award_quotas(self, plan):
        quotas = {q["kind"]: q for q in plan.awards["quotas"]}
        assert quotas["collective"]["max"] == 3
        assert quotas["individual"]["max"] == 6
        assert {q["source"] for q in quotas.values()} == {f"{PLAN_2024} §III.2"}

    def test_leader_share(self, plan):
        (cap,) = plan.awards["share_caps"]
        assert cap["id"] == "leaders"
        assert (cap["kind"], cap["flag"], cap["comparator"]) == ("individual", "leader", "<=")
        assert cap["max_share"] == pytest.approx(0.40)
        assert cap["source"] == "26/2020/QĐ-UBND khoản 5 Điều 11"
        assert "không quá 40 % tổng số cá nhân được đề nghị" in cap["quote"]

    def test_award_requirements_and_priorities(self, plan):
        (requirement,) = plan.awards["requirements"]
        assert (requirement["kind"], requirement["flag"], requirement["equals"]) == ("collective", "targets_met", True)
        assert requirement["source"] == f"{PLAN_2024} §III.3.a"
        priorities = [(p["kind"], p["flag"], p["prefer"], p["source"]) for p in plan.awards["priorities"]]
        assert priorities == [
            ("collective", "grassroots", True, f"{PLAN_2024} §III.3.a"),
            ("individual", "leader", False, f"{PLAN_2024} §III.3.b"),
        ]

    def test_award_dossier(self, plan):
        documents = plan.awards["documents"]
        assert [d["flag"] for d in documents] == ["has_submission", "has_minutes", "has_report"]
        assert {d["source"] for d in documents} == {f"{PLAN_2024} §III.4"}
        assert [d["label"].split()[0] for d in documents] == ["Tờ", "Biên", "Báo"]

    def test_award_entries_are_well_formed(self, plan):
        awards = plan.awards
        allowed = {"quotas": {"kind", "max", "source", "quote", "reading"},
                   "share_caps": {"id", "kind", "flag", "max_share", "comparator", "source", "quote", "reading"},
                   "requirements": {"kind", "flag", "equals", "source", "quote", "reading"},
                   "priorities": {"kind", "flag", "prefer", "source", "quote", "reading"},
                   "documents": {"flag", "label", "source", "quote", "reading"}}
        assert set(awards) == {"form", "source", "quote", *allowed}
        for table, keys in allowed.items():
            for entry in awards[table]:
                assert set(entry) <= keys, (table, entry)
                assert entry["source"] and entry["quote"], (table, entry)
                assert entry.get("kind", "collective") in {"collective", "individual"}
                if "flag" in entry:
                    assert entry["flag"] in NOMINEE_FLAGS, entry

    # -- the 2023 plan (news item on Kế hoạch 38/KH-UBND) ----------------------------------
    def test_plan_2023(self, plan23):
        assert plan23.id == PLAN_2023
        assert plan23.date == dt.date(2023, 2, 7)
        assert plan23.years == (2023,)
        assert plan23.selection is None  # the item states no minimum: the national cap applies
        (target,) = plan23.targets
        assert target is self.assert_target(plan23, "districts_transformed_share", Comparator.EQ, 100,
                                             "38/KH-UBND nội dung 5 (theo bản tin)", scope=TargetScope.DISTRICTS)
        assert any("không nêu" in n for n in plan23.notes)

    def test_decision_55_of_2023(self, plan23):
        (milestone,) = plan23.milestones
        assert milestone is self.assert_milestone(plan23, "38/KH-UBND nội dung 1 (theo bản tin)",
                                                  due=dt.date(2023, 1, 11), what="55/QĐ-BCĐ")
        assert "ngày 11/01/2023" in milestone.source.quote

    # -- faithfulness: the base checks every quote; here, that it sees them all -----------------
    def test_the_quote_check_sees_awards_and_selection(self, spec):
        """30 quotes: 2024: [selection] and its minimum, 10 targets, 10 award entries, 5 duties; 2023: 3."""
        places = [where for plan in spec.loaded_plans for where, _source in plan_quotes(plan)]
        assert len(places) == 30
        assert {"selection.source", "selection.minimum_source", "awards", "awards.share_caps[0]"} <= set(places)

    # -- the synthetic sample --------------------------------------------------------------
    def test_sample_story_2024(self, sample_result):
        """The synthetic sample is built to show every kind of verdict (see its README)."""
        result = sample_result
        assert len(result.hotspots) == 11
        assert len({h.district_code for h in result.hotspots}) == 11  # one per district
        self.assert_verdicts(
            result,
            met={"social_order_crimes",  # 640 → 608, exactly −5 %: "ít nhất 5%"
                 "correct_charge_rate",  # 95.1: just above "trên 95%"
                 "serious_clearance_rate", "reports_handled_rate", "reports_resolution_rate",
                 "prosecution_on_time_rate", "case_resolution_rate"},
            not_met={"clearance_rate",  # exactly 75: "trên 75%"
                     "districts_transformed_share"},  # one district failed
            not_assessable={"inspection_referral_rate"},  # left empty
            transformed=9,
            not_transformed={"25381"},  # Xã Tân Lập (Huyện Đồng Phú): 6 of 9 met
            hotspots_not_assessable={"25195"},  # Phường Tân Phú (Đồng Xoài): new_complexity left empty
        )
        assert len(result.selection.excluded_transformed) == 9
        programme = {p.indicator: p for p in result.programme}
        assert programme["no_relapse_share"].actual == pytest.approx(800 / 9)
        assert programme["no_relapse_share"].status is Status.MET

    def test_sample_story_2023(self, result23):
        """Under 38/KH-UBND the national cap applies as it stands: Bình Long's hotspot is over it."""
        self.assert_verdicts(result23, met=set(), not_met={"districts_transformed_share"}, not_assessable=set(),
                             transformed=9,
                             not_transformed={"25195",  # Phường Tân Phú: 9 of 9 met, offences not down
                                              "25294"},  # Xã Lộc Thành: 5 of 9 met
                             hotspots_not_assessable=set())
        (target,) = result23.targets
        assert target.actual == pytest.approx(900 / 11)
        over = [c for c in result23.selection.caps if not c.within_cap]
        assert [(c.unit_name, c.cap, c.selected) for c in over] == [("Thị xã Bình Long", 0, 1)]
        assert not any(c.exceeds_strict_cap for c in result23.selection.caps)
        assert [m.status.value for m in result23.timeline] == ["passed"]

    # -- §II.5 "every district transforms the hotspot it selected", with a district that selected none
    @staticmethod
    def _sample_without(spec, tmp_path, year, codes):
        """The sample's communes with ``codes`` taken off the hotspot list of ``year``: their districts have none."""
        lines = spec.sample.communes.read_text(encoding="utf-8").splitlines(keepends=True)
        dropped = 0
        for n, line in enumerate(lines):
            if line.split(",", 1)[0] in codes and f",{year},có," in line:
                lines[n] = line.replace(f",{year},có,", f",{year},không,", 1)
                dropped += 1
        assert dropped == len(codes)
        communes = tmp_path / "communes.csv"
        communes.write_text("".join(lines), encoding="utf-8")
        return communes

    def test_a_district_without_a_hotspot_misses_the_2024_target(self, host, spec, tmp_path):
        """[selection] requires one hotspot per district (§II.5): a district that approved none has not met it.

        Đồng Phú and Đồng Xoài (the two districts whose hotspot was not, or not surely, transformed)
        approve none: every district that has a hotspot transformed it, 9 of the 11 districts.
        """
        communes = self._sample_without(spec, tmp_path, 2024, {"25381", "25195"})
        result = evaluate("binhphuoc", 2024, data=communes, province_data=spec.sample.province, host=host,
                          as_of=dt.date(2024, 12, 31))
        assert len(result.hotspots) == 9 and all(h.transformed for h in result.hotspots)
        target = {t.id: t for t in result.targets}["districts_transformed_share"]
        assert target.status is Status.NOT_MET
        assert target.actual == pytest.approx(900 / 11)
        assert target.detail.startswith("9/11 ")
        assert "Thành phố Đồng Xoài" in target.detail and "Huyện Đồng Phú" in target.detail
        assert f"{PLAN_2024} §II.5" in target.detail and "tính là chưa chuyển hóa" in target.detail

    def test_without_a_minimum_a_district_without_a_hotspot_is_left_out(self, host, spec, tmp_path):
        """38/KH-UBND (2023) states no minimum: a district that approved none is only named."""
        communes = self._sample_without(spec, tmp_path, 2023, {"25195", "25294"})
        result = evaluate("binhphuoc", 2023, data=communes, province_data=spec.sample.province, host=host,
                          as_of=dt.date(2023, 12, 31))
        (target,) = result.targets
        assert target.status is Status.MET
        assert target.actual == pytest.approx(100)
        assert target.detail.startswith("9/9 ")
        assert "không chọn địa bàn: " in target.detail and "tính là chưa chuyển hóa" not in target.detail
