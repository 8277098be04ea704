"""Tuyên Quang: the numbers, dates and assignments of the Ban Chỉ đạo 138 plan of 21/02/2024, pinned."""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from pathlib import Path

import chuyenhoa_tuyenquang
import pytest
from typer.testing import CliRunner

from chuyenhoa.cli.app import app
from chuyenhoa.comparators import Comparator
from chuyenhoa.model import Basis, Status, TargetScope
from chuyenhoa.plugins import host as plugins
from chuyenhoa.plugins.host import PluginHost
from chuyenhoa.testing import ProvincePackTests, quote_text

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - 3.10
    import tomli as tomllib

PLAN_ID = "KH-BCĐ-TQ-2024"
POLICE = "Công an tỉnh"
MEMBERS = "Các thành viên Ban Chỉ đạo 138 tỉnh"
DISTRICTS = "Ban Chỉ đạo 138 huyện, thành phố"
STANDING_OFFICE = "Công an tỉnh (Cơ quan thường trực Ban Chỉ đạo 138 tỉnh)"


def reference_example(heading: str) -> dict:
    """The TOML example of a section of docs/plan-files.md (the checkout's), read as TOML."""
    found = next((folder / "docs" / "plan-files.md" for folder in Path(__file__).resolve().parents
                  if (folder / "docs" / "plan-files.md").is_file()), None)
    if found is None:
        pytest.skip("docs/plan-files.md is not above this test (an installed pack)")
    section = found.read_text(encoding="utf-8").split(heading, 1)[1].split("\n## ", 1)[0]
    match = re.search(r"```toml\n(.*?)```", section, re.S)
    assert match, f"no TOML example under {heading!r}"
    return tomllib.loads(match.group(1))


class TestTuyenQuang(ProvincePackTests):
    plugin = chuyenhoa_tuyenquang
    slug = "tuyenquang"
    districts = 7
    communes = 137
    plan_ids = {PLAN_ID}
    sources = {PLAN_ID: "004_1fb20e99041c1ae8.txt"}

    @pytest.fixture
    def plan(self, spec):
        return spec.plan_for(2024)

    @pytest.fixture
    def targets(self, plan):
        return {t.id: t for t in plan.targets}

    # -- the document ---------------------------------------------------------------------
    def test_plan_header(self, plan):
        assert plan.id == PLAN_ID  # the copy prints "Số: /KH-BCĐ": no number
        assert plan.issuer.startswith("Ban Chỉ đạo 138 tỉnh Tuyên Quang")
        assert "tệ nạn xã hội và xây dựng phong trào toàn dân bảo vệ ANTQ tỉnh Tuyên Quang" in plan.issuer
        assert plan.date == dt.date(2024, 2, 21)
        assert plan.years == (2024,)
        assert (plan.period.start, plan.period.end) == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
        assert plan.awards is None  # no award quotas in the plan
        assert plan.selection is None and plan.success is None  # national method

    def test_notes_say_what_the_pack_chose(self, plan):
        notes = " ".join(plan.notes)
        assert "Số: /KH-BCĐ" in notes and PLAN_ID in notes
        assert "510/QĐ-BCA-V05" in notes and "khen thưởng" in notes
        assert "04/KH-BCĐ ngày 07/5/2021" in notes

    @pytest.mark.parametrize(
        ("target", "comparator", "threshold", "clause"),
        [
            ("model_units_rate", Comparator.GE, 50, "§I.4, §II.3.3"),
            ("model_ward_police_rate", Comparator.GE, 50, "§I.4, §II.3.3"),
            ("social_order_crimes", Comparator.LE, -5, "§II.2.2"),
            ("recidivism_rate", Comparator.LT, 3, "§II.2.1.1"),
            ("security_festival_rate", Comparator.EQ, 100, "§II.3.3"),
            ("safety_standard_registration_rate", Comparator.EQ, 100, "§II.3.3"),
            ("addiction_capable_stations_rate", Comparator.EQ, 100, "§II.2.5"),
            ("no_relapse_share", Comparator.EQ, 100, "§II.6"),
        ],
    )
    def test_target(self, plan, target, comparator, threshold, clause):
        self.assert_target(plan, target, comparator, threshold, f"{PLAN_ID} {clause}")

    def test_eight_targets(self, targets):
        assert len(targets) == 8

    def test_crime_target_is_against_2023(self, plan, targets):
        self.assert_target(plan, "social_order_crimes", "<=", -5, "§II.2.2", basis=Basis.CHANGE_PCT)
        assert "so với năm 2023" in targets["social_order_crimes"].source.quote
        assert "ít nhất 5%" in targets["social_order_crimes"].source.quote

    def test_fifty_percent_is_a_reading(self, targets):
        for ident in ("model_units_rate", "model_ward_police_rate"):
            source = targets[ident].source
            assert "50%" in source.quote
            assert "ít nhất" not in source.quote and "trên" not in source.quote
            assert "≥" in source.reading

    def test_no_relapse_over_transformed_hotspots(self, plan):
        no_relapse = self.assert_target(plan, "no_relapse_share", "=", 100, "§II.6", scope=TargetScope.HOTSPOTS)
        assert "04/KH-BCĐ ngày 07/5/2021" in no_relapse.source.quote
        assert "giai đoạn 2021-2025" in no_relapse.source.quote
        assert "không để tái phức tạp trở lại" in no_relapse.source.quote

    def test_milestones(self, plan):
        assert len(plan.milestones) == 6
        # "trước ngày 28/02/2024": the 27th is the last day on time
        self.assert_milestone(plan, f"{PLAN_ID} §III.1", due=dt.date(2024, 2, 27), start=None)
        # "hoàn thành xong trong tháng 01/2024"
        self.assert_milestone(plan, f"{PLAN_ID} §II.3.3", start=dt.date(2024, 1, 1), due=dt.date(2024, 1, 31))

    def test_drug_action_month_and_its_days(self, plan):
        """§II.2.1.1 ý 7: “Tháng hành động phòng, chống ma túy - Tháng 6”, 26/6, and the two days of 30/7."""
        clause = f"{PLAN_ID} §II.2.1.1 ý 7"
        month = self.assert_milestone(plan, clause, start=dt.date(2024, 6, 1), due=dt.date(2024, 6, 30),
                                      what="Tháng hành động phòng, chống ma túy")
        drugs_day = self.assert_milestone(plan, clause, start=dt.date(2024, 6, 26), due=dt.date(2024, 6, 26),
                                          what="Ngày toàn dân phòng, chống ma túy - 26/6")
        trafficking_day = self.assert_milestone(plan, clause, start=dt.date(2024, 7, 30), due=dt.date(2024, 7, 30),
                                                what="Ngày thế giới phòng, chống mua bán người 30/7")
        assert "Ngày toàn dân phòng, chống mua bán người 30/7" in trafficking_day.what
        for milestone in (month, drugs_day, trafficking_day):
            assert milestone.who.startswith("Công an tỉnh chủ trì")  # as the task's own line says

    def test_law_on_grassroots_forces_takes_effect(self, plan):
        """§II.4 ý 2: the Luật Lực lượng tham gia bảo vệ ANTT ở cơ sở takes effect on 01/7/2024."""
        law = self.assert_milestone(plan, f"{PLAN_ID} §II.4 ý 2", start=dt.date(2024, 7, 1), due=dt.date(2024, 7, 1),
                                    what="Luật Lực lượng tham gia bảo vệ ANTT ở cơ sở có hiệu lực")
        assert "có hiệu lực từ 01/7/2024" in law.source.quote

    # -- who leads what -------------------------------------------------------------------
    def test_forty_responsibilities_of_part_ii_and_the_standing_office(self, plan):
        assert len(plan.responsibilities) == 41
        for r in plan.responsibilities:
            assert r.lead and r.task and r.source.quote, r.task
            assert r.source.document == PLAN_ID
        assert [r.source.clause for r in plan.responsibilities if not r.source.clause.startswith("§II.")] == [
            "§III.2"]

    def test_standing_office_guides_inspects_and_reports(self, plan):
        """§III.2: Công an tỉnh, the standing office, guides, inspects and urges the members, and reports."""
        (office,) = [r for r in plan.responsibilities if r.source.clause == "§III.2"]
        assert office.lead == STANDING_OFFICE
        assert office.partners == () and office.targets == ()
        for words in ("hướng dẫn, kiểm tra, đôn đốc", "Định kỳ tổng hợp, báo cáo"):
            assert words in office.source.quote and words.casefold() in office.task.casefold()

    def test_some_leads_and_partners(self, plan):
        by_clause = {r.source.clause: r for r in plan.responsibilities}
        assert by_clause["§II.2.2"].lead == POLICE
        assert by_clause["§II.2.2"].partners == (MEMBERS, DISTRICTS)
        assert by_clause["§II.2.5"].lead == "Sở Y tế"
        assert by_clause["§II.2.1.1 ý 8"].lead == "Sở Tư pháp, Ủy ban Mặt trận Tổ quốc tỉnh"
        assert by_clause["§II.2.1.1 ý 9"].lead.startswith("Công an tỉnh, Sở Lao động - Thương binh và Xã hội, Sở Y tế")
        assert by_clause["§II.2.1.1 ý 10"].lead == MEMBERS
        assert by_clause["§II.2.1.1 ý 10"].partners == (DISTRICTS,)
        assert by_clause["§II.3.2 ý 3"].lead == "Sở Thông tin và Truyền thông, Đài Phát thanh và Truyền hình tỉnh"
        assert by_clause["§II.3.2 ý 4"].lead == "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"
        assert by_clause["§II.3.4 ý 2"].partners == (POLICE,)
        assert by_clause["§II.3.4 ý 3"].partners == ()
        assert by_clause["§II.7"].lead == "Sở Tài chính, Công an tỉnh"
        assert by_clause["§II.8"].lead == "Sở Nội vụ, Công an tỉnh"
        assert sum(r.lead == POLICE for r in plan.responsibilities) == 17  # "Công an (tỉnh) chủ trì" alone

    def test_every_target_names_its_lead(self, targets):
        assert {i: t.lead for i, t in targets.items()} == {
            "model_units_rate": POLICE,
            "model_ward_police_rate": POLICE,
            "social_order_crimes": POLICE,
            "recidivism_rate": MEMBERS,
            "security_festival_rate": POLICE,
            "safety_standard_registration_rate": MEMBERS,
            "addiction_capable_stations_rate": "Sở Y tế",
            "no_relapse_share": POLICE,
        }

    def test_each_target_is_served_by_one_task(self, plan):
        served = [ident for r in plan.responsibilities for ident in r.targets]
        assert sorted(served) == sorted(t.id for t in plan.targets)

    def test_every_assignment_line_of_part_ii_is_encoded_in_order(self, plan):
        """Each "(… chủ trì; … phối hợp …)" line of §II is one responsibility, in the document's order."""
        text = self.source_text(PLAN_ID)
        part_ii = text[text.index("II. NHIỆM VỤ TRỌNG TÂM") : text.index("III. TỔ CHỨC THỰC HIỆN")]
        lines = [quote_text(line).rstrip(".") for line in part_ii.splitlines() if line.startswith("(")]
        assert len(lines) == 40
        assert [quote_text(r.source.quote) for r in plan.responsibilities
                if r.source.clause.startswith("§II.")] == lines

    def test_the_reference_example_is_a_duty_of_this_plan(self, plan):
        """docs/plan-files.md shows this plan's §II.2.2 as it is: lead, partners, target and words."""
        (example,) = reference_example("## `[[responsibilities]]`")["responsibilities"]
        assert example["source"] == f"{PLAN_ID} §II.2.2"
        (duty,) = [r for r in plan.responsibilities if str(r.source) == example["source"]]
        assert (duty.task, duty.lead, duty.partners, duty.targets) == (
            example["task"], example["lead"], tuple(example["partners"]), tuple(example["targets"]))
        assert quote_text(example["quote"]) == quote_text(duty.source.quote)

    # -- verdicts -------------------------------------------------------------------------
    def test_verdicts_name_their_lead(self, sample_result):
        leads = {t.id: t.lead for t in sample_result.targets}
        assert leads["social_order_crimes"] == POLICE
        assert leads["addiction_capable_stations_rate"] == "Sở Y tế"
        as_json = {t["id"]: t for t in json.loads(sample_result.to_json())["targets"]}
        assert as_json["recidivism_rate"]["lead"] == MEMBERS

    def test_sample_story(self, sample_result):
        """The synthetic sample is built to show every kind of verdict (see its README)."""
        assert len(sample_result.hotspots) == 17
        self.assert_verdicts(
            sample_result,
            met={"model_units_rate",  # exactly 50, read as ≥ 50
                 "social_order_crimes",  # 480 → 456: exactly −5 %, "ít nhất 5%"
                 "security_festival_rate"},  # 100
            not_met={"model_ward_police_rate",  # 40
                     "recidivism_rate",  # exactly 3: "dưới 3%"
                     "safety_standard_registration_rate",  # 99.5
                     "no_relapse_share"},  # one relapse
            not_assessable={"addiction_capable_stations_rate"},  # empty cell
            transformed=13,
            not_transformed={"02332",  # Xã Phú Bình: 7 of 9 met
                             "02557"},  # Xã Lương Thiện: 9 of 9 met, offences not down
            hotspots_not_assessable={"02452",  # Xã Phúc Ninh: new_complexity left empty
                                     "02416"},  # Xã Bằng Cốc: 4 of the 5 with data, 4 empty: 44.4–88.9 %
        )
        assert len(sample_result.selection.excluded_transformed) == 14
        actual = {t.id: t.actual for t in sample_result.targets}
        assert actual["social_order_crimes"] == pytest.approx(-5)
        assert actual["no_relapse_share"] == pytest.approx(1300 / 14)
        programme = {p.indicator: p.status for p in sample_result.programme}
        assert programme["no_relapse_share"] is Status.MET  # the national ≥ 85 % is met
        assert programme["transformed_share"] is Status.MET

    def test_caps_of_its_districts(self, sample_result):
        self.assert_cap(sample_result, caps={"Huyện Sơn Dương": 4,  # 30 communes → floor(4.5)
                                             "Huyện Lâm Bình": 1},  # 10 → floor(1.5)
                        total=17)

    def test_timeline(self, sample_result):
        assert [e.milestone.due for e in sample_result.timeline] == [
            dt.date(2024, 1, 31), dt.date(2024, 2, 27), dt.date(2024, 6, 26), dt.date(2024, 6, 30),
            dt.date(2024, 7, 1), dt.date(2024, 7, 30)]
        assert {e.status.value for e in sample_result.timeline} == {"passed"}


@pytest.fixture
def cli_host():
    plugins.reset_host(PluginHost(autoload=False, plugins=[chuyenhoa_tuyenquang]))
    yield
    plugins.reset_host()


def test_plan_command_lists_who_leads_what(cli_host):
    out = CliRunner().invoke(app, ["plan", "--province", "tuyenquang"])
    assert out.exit_code == 0, out.output
    assert "PHÂN CÔNG (chủ trì — phối hợp)" in out.output
    assert "Sở Y tế" in out.output and "§II.3.4 ý 6" in out.output
    data = json.loads(CliRunner().invoke(app, ["plan", "--province", "tuyenquang", "--format", "json"]).output)
    assert len(data["responsibilities"]) == 41
    assert {t["id"]: t["lead"] for t in data["targets"]}["no_relapse_share"] == POLICE


def test_awards_weigh_the_movement_classification(tmp_path):
    """§II.3.3: the classification of Quyết định 510/QĐ-BCA-V05 is a basis for awards, not a bar."""
    from chuyenhoa.awards import evaluate_awards
    from chuyenhoa.plugins.host import PluginHost

    nominees = tmp_path / "nominees.csv"
    nominees.write_text(
        "nominee_id,name,kind,unit,leader,movement_classification,has_submission,has_minutes,has_report\n"
        "CN01,Người Giả Lập Một,individual,Xã A,không,Xuất sắc,có,có,có\n"
        "CN02,Người Giả Lập Hai,individual,Xã B,không,Trung bình,có,có,có\n"
        "CN03,Người Giả Lập Ba,individual,Xã C,không,,có,có,có\n",
        encoding="utf-8",
    )
    host = PluginHost(autoload=False, plugins=[chuyenhoa_tuyenquang])
    result = evaluate_awards("tuyenquang", nominees=nominees, host=host)
    found = {f.nominee_id: f for f in result.findings if f.code == "movement_classification"}
    assert set(found) == {"CN02", "CN03"}
    assert all(f.severity.value == "warning" for f in found.values())
    assert str(found["CN02"].source) == "KH-BCĐ-TQ-2024 §II.3.3"
    assert "Người Giả Lập" not in " ".join(f.message for f in result.findings)  # names never in findings
