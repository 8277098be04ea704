"""Awards: the scheme, the nominee file, the arithmetic of quotas and caps, the recommendation, the hooks.

The data are synthetic: ``tests/awards_data/nominees.csv`` holds made-up names, and the plan
``tests/awards_data/plan-awards.toml`` gives a made-up province the award scheme of Bình Phước 2024.
"""

from __future__ import annotations

import copy
import json
import sys
from fractions import Fraction
from pathlib import Path

import chuyenhoa_tayninh
import pytest
import typer
from typer.testing import CliRunner

from chuyenhoa import ProvinceSpec, hookimpl
from chuyenhoa.awards import (
    AwardFinding,
    AwardRanking,
    NomineeFileError,
    NomineeKind,
    ShareCap,
    Status,
    evaluate_awards,
    load_nominees,
    parse_awards,
)
from chuyenhoa.awards.render import render_awards
from chuyenhoa.cli.awards import awards as awards_command
from chuyenhoa.errors import CellError, DataError, PlanFileError, PluginError
from chuyenhoa.model import Source
from chuyenhoa.plugins import host as plugins_module
from chuyenhoa.plugins.host import PluginHost

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DATA = Path(__file__).resolve().parent / "awards_data"
PLAN = DATA / "plan-awards.toml"
NOMINEES = DATA / "nominees.csv"
EXAMPLE = Path(__file__).resolve().parent.parent / "provinces" / "binhphuoc" / "examples" / "binhphuoc-nominees.csv"
HEADER = ["nominee_id", "name", "kind", "unit", "leader", "grassroots", "targets_met", "achievement_score",
          "has_submission", "has_minutes", "has_report"]
NAMES = [row.split(",")[1] for row in NOMINEES.read_text(encoding="utf-8").splitlines()[1:]]


def raw_awards() -> dict:
    return tomllib.loads(PLAN.read_text(encoding="utf-8"))["awards"]


class ProvincePack:
    """Registers the made-up province "thinghiem" with the test plan (or another plan file)."""

    def __init__(self, plan: Path = PLAN) -> None:
        self.plan = plan

    @hookimpl
    def chuyenhoa_register_provinces(self, register):
        register(ProvinceSpec(slug="thinghiem", name="Thử Nghiệm", code="99", plans=[self.plan], geographies=[]))


def host_with(*plugins: object) -> PluginHost:
    return PluginHost(autoload=False, plugins=[ProvincePack(), *plugins])


def evaluate(path: Path = NOMINEES, *plugins: object, **kwargs):
    return evaluate_awards("thinghiem", nominees=path, host=host_with(*plugins), **kwargs)


def individual(ident: str, leader: bool | None, score: float | None = 50, **flags: object) -> list[object]:
    docs = {"has_submission": "có", "has_minutes": "có", "has_report": "có"} | flags
    leader_cell = "" if leader is None else ("có" if leader else "không")
    return [ident, f"Giả Danh {ident}", "individual", "Đơn vị giả lập", leader_cell, "", "",
            "" if score is None else score, docs["has_submission"], docs["has_minutes"], docs["has_report"]]


def collective(ident: str, grassroots: bool, targets: bool = True, score: float | None = 50) -> list[object]:
    return [ident, f"Tập thể giả lập {ident}", "collective", "Đơn vị giả lập", "", "có" if grassroots else "không",
            "có" if targets else "không", "" if score is None else score, "có", "có", "có"]


# --- the arithmetic of a cap ----------------------------------------------------------------


def cap(share: object, comparator: str = "<=") -> ShareCap:
    return ShareCap("leaders", "individual", "leader", share, comparator, Source("X/KH", "§1"))


@pytest.mark.parametrize(("n", "allowed"), [(0, 0), (1, 0), (2, 0), (3, 1), (4, 1), (5, 2), (6, 2), (7, 2), (8, 3)])
def test_forty_percent_not_more_than(n, allowed):
    assert cap(Fraction(2, 5)).allowed(n) == allowed


@pytest.mark.parametrize(("n", "allowed"), [(0, 0), (1, 0), (5, 1), (6, 2), (7, 2), (10, 3)])
def test_forty_percent_strictly_below(n, allowed):
    assert cap(Fraction(2, 5), "<").allowed(n) == allowed


@pytest.mark.parametrize(("share", "n", "allowed"), [
    (Fraction(1, 3), 7, 2), (Fraction(1, 3), 6, 2), (Fraction(1, 3), 2, 0), (Fraction(1), 6, 6),
    (Fraction("0.29"), 100, 29),  # float: 0.29 * 100 = 28.999…, floor 28
])
def test_caps_that_round(share, n, allowed):
    assert cap(share).allowed(n) == allowed


def test_cap_says_how_it_was_computed():
    forty = cap(Fraction(2, 5))
    assert forty.computation(6) == "không quá 40% × 6 = 2,4, làm tròn xuống: tối đa 2"
    assert forty.computation(5) == "không quá 40% × 5 = 2: tối đa 2"
    assert forty.computation(0) == "không có cá nhân nào: tối đa 0"
    assert cap(Fraction(2, 5), "<").computation(5) == "dưới 40% × 5 = 2: tối đa 1"


def test_toml_float_share_is_read_exactly():
    raw = raw_awards()
    raw["share_caps"][0]["max_share"] = 0.29
    assert parse_awards(raw, path="p.toml").share_caps[0].max_share == Fraction(29, 100)
    raw["share_caps"][0]["max_share"] = "2/5"
    assert parse_awards(raw, path="p.toml").share_caps[0].max_share == Fraction(2, 5)


# --- the proposal at the edges: 0, 1, 5, 6 and 7 individuals ----------------------------------


@pytest.mark.parametrize(("leaders", "others", "quota_ok", "cap_ok"), [
    (0, 0, True, True),     # nobody proposed: 0 ≤ ⌊0⌋
    (1, 0, True, False),    # 1 leader alone: ⌊0,4⌋ = 0
    (0, 1, True, True),
    (2, 3, True, True),     # 5: ⌊2⌋ = 2
    (3, 2, True, False),
    (2, 4, True, True),     # 6: ⌊2,4⌋ = 2
    (3, 3, True, False),
    (2, 5, False, True),    # 7: over the quota of 6; ⌊2,8⌋ = 2
    (3, 4, False, False),
])
def test_quota_and_cap_on_the_proposal(csv_file, leaders, others, quota_ok, cap_ok):
    rows = [individual(f"L{i}", True) for i in range(leaders)] + [individual(f"N{i}", False) for i in range(others)]
    result = evaluate(csv_file(HEADER, rows))
    counts = result.to_dict()["counts"]["individual"]
    assert counts["proposed"] == leaders + others and counts["max"] == 6 and counts["within"] is quota_ok
    caps = result.to_dict()["share_caps"][0]
    assert caps["proposed"]["within"] is cap_ok
    assert caps["proposed"]["allowed"] == {0: 0, 1: 0, 5: 2, 6: 2, 7: 2}[leaders + others]
    assert result.compliant is (quota_ok and cap_ok)
    codes = {f.code for f in result.findings}
    assert ("quota_exceeded" in codes) is not quota_ok
    assert ("share_cap_exceeded" in codes) is not cap_ok
    # the recommendation never breaks the cap, whatever the proposal
    chosen = [result.nominee(i) for i in result.recommended]
    assert len(chosen) <= 6
    assert sum(1 for n in chosen if n.is_leader) <= Fraction(2, 5) * len(chosen)


def test_six_individuals_with_a_forty_percent_cap_allow_two_leaders(csv_file):
    leaders = [individual(f"L{i}", True, score=90 - i) for i in range(4)]
    others = [individual(f"N{i}", False, score=50 - i) for i in range(4)]
    result = evaluate(csv_file(HEADER, leaders + others))
    assert result.recommended == ("N0", "N1", "N2", "N3", "L0", "L1")  # the quota is full: the others are out
    assert {result.decision(i).reasons[0].code for i in ("L2", "L3")} == {"over_quota"}

    result = evaluate(csv_file(HEADER, leaders + others[:3]))
    assert result.recommended == ("N0", "N1", "N2", "L0", "L1")
    assert result.decision("L2").status is result.decision("L3").status is Status.HELD_BACK
    held = result.decision("L2").reasons[0]
    assert held.code == "held_back_share_cap"
    assert "có 3 «lãnh đạo" in held.message and "nhiều nhất 6 cá nhân" in held.message
    assert "không quá 40% × 6 = 2,4, làm tròn xuống: tối đa 2" in held.message
    assert str(held.source).startswith("01/KH-TEST §III.3")


# --- the recommendation -------------------------------------------------------------------------


def test_sample_proposal_findings_and_recommendation():
    result = evaluate()
    assert result.compliant is False
    assert result.recommended == ("TT01", "TT04", "TT02", "CN04", "CN05", "CN06", "CN01", "CN02")
    status = {d.nominee_id: d.status for d in result.decisions}
    assert status["TT03"] is Status.OUT and status["TT05"] is Status.OUT and status["CN07"] is Status.OUT
    assert status["CN03"] is Status.HELD_BACK
    by_code = {(f.nominee_id, f.code): f for f in result.findings}
    assert str(by_code[("TT03", "requirement_not_met")].source) == "01/KH-TEST §III.3.a"
    assert "Biên bản họp" in by_code[("TT05", "missing_document")].message
    assert str(by_code[(None, "quota_exceeded")].source) == "01/KH-TEST §III.2"
    assert "2,8" in by_code[(None, "share_cap_exceeded")].message
    # general findings first, then each nominee in file order
    ids = [f.nominee_id for f in result.findings]
    assert ids[: ids.count(None)] == [None] * ids.count(None)


def test_priorities_then_score_then_id(csv_file):
    rows = [collective("TB", grassroots=False, score=99), collective("TC", grassroots=True, score=70),
            collective("TA", grassroots=True, score=70), collective("TD", grassroots=True, score=None),
            collective("TE", grassroots=True, score=71)]
    result = evaluate(csv_file(HEADER, rows))
    order = [d.nominee_id for d in result.decisions if d.kind is NomineeKind.COLLECTIVE]
    assert order == ["TE", "TA", "TC", "TD", "TB"]  # grassroots first; score; tie on id; blank score last
    assert result.recommended == ("TE", "TA", "TC")
    assert result.decision("TD").reasons[0].code == "over_quota"
    assert result.decision("TB").status is Status.OUT


def test_leaders_ranked_first_are_taken_while_the_final_list_can_hold_them(tmp_path, csv_file):
    raw = raw_awards()
    raw["priorities"] = [p for p in raw["priorities"] if p["kind"] == "collective"]  # rank individuals by score
    pack = ProvincePack(_plan_with(tmp_path, raw))
    rows = [individual("L1", True, 99), individual("L2", True, 98), individual("L3", True, 97),
            individual("N1", False, 60), individual("N2", False, 59), individual("N3", False, 58)]
    result = evaluate_awards("thinghiem", nominees=csv_file(HEADER, rows),
                             host=PluginHost(autoload=False, plugins=[pack]))
    # a naive greedy would refuse L1 (1 of 1 > ⌊0,4⌋); the final list of 5 holds 2 leaders
    assert result.recommended == ("L1", "L2", "N1", "N2", "N3")
    assert result.decision("L3").status is Status.HELD_BACK
    rows = rows[:5]  # two other individuals: L2 would make 2 leaders in at most 4, and ⌊1,6⌋ = 1
    result = evaluate_awards("thinghiem", nominees=csv_file(HEADER, rows),
                             host=PluginHost(autoload=False, plugins=[pack]))
    assert result.recommended == ("L1", "N1", "N2")
    rows = rows[:4]  # one other individual: 1 leader in 2 is already 50 %
    result = evaluate_awards("thinghiem", nominees=csv_file(HEADER, rows),
                             host=PluginHost(autoload=False, plugins=[pack]))
    assert result.recommended == ("N1",)


def test_recommendation_never_breaks_a_quota_or_a_cap_even_with_two_caps(tmp_path, csv_file):
    import random

    raw = raw_awards()
    raw["share_caps"].append({"id": "unproven", "kind": "individual", "flag": "targets_met", "max_share": 0.5,
                              "comparator": "<", "source": "X/KH §9"})
    raw["priorities"] = []
    host = PluginHost(autoload=False, plugins=[ProvincePack(_plan_with(tmp_path, raw))])
    rng = random.Random(20240125)
    for trial in range(60):
        rows = []
        for i in range(rng.randint(0, 10)):
            row = individual(f"C{i:02d}", rng.random() < 0.5, score=rng.randint(0, 3))
            row[6] = rng.choice(["có", "không"])
            rows.append(row)
        result = evaluate_awards("thinghiem", nominees=csv_file(HEADER, rows, name=f"t{trial}.csv"), host=host)
        chosen = result.recommended_nominees
        assert len(chosen) <= 6
        for cap_rule in result.scheme.share_caps:
            flagged = sum(1 for n in chosen if n.flag(cap_rule.flag))
            assert cap_rule.holds(flagged, len(chosen)), (trial, cap_rule.id, result.recommended)
        assert [result.decision(i).position for i in result.recommended] == list(range(1, len(chosen) + 1))


def test_empty_leader_cell_is_a_finding_and_keeps_the_nominee_out(csv_file):
    rows = [individual("N1", False), individual("U1", None)]
    result = evaluate(csv_file(HEADER, rows))
    missing = [f for f in result.findings if f.code == "missing_value"]
    assert [(f.nominee_id, f.severity.value) for f in missing] == [("U1", "error")]
    assert result.decision("U1").status is Status.OUT
    assert result.to_dict()["share_caps"][0]["proposed"]["unknown"] == 1


def test_x_marks_read_blank_as_no(csv_file):
    rows = [individual("N1", False, has_minutes="x"), individual("N2", False, has_minutes="")]
    result = evaluate(csv_file(HEADER, rows))
    assert result.nominee("N2").flag("has_minutes") is False
    assert [f.code for f in result.findings if f.nominee_id == "N2"] == ["missing_document"]


def test_same_file_same_answer():
    first, second = evaluate().to_dict(), evaluate().to_dict()
    assert first == second


# --- the scheme -----------------------------------------------------------------------------------


def _plan_with(tmp_path: Path, raw: dict) -> Path:
    lines = PLAN.read_text(encoding="utf-8")
    head = lines[: lines.index("[awards]")]
    path = tmp_path / "plan.toml"
    path.write_text(head + _toml_awards(raw), encoding="utf-8")
    return path


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return repr(value)


def _toml_awards(raw: dict) -> str:
    out = ["[awards]"] + [f"{k} = {_toml_value(v)}" for k, v in raw.items() if not isinstance(v, list)]
    out += [f"{k} = []" for k, v in raw.items() if v == []]
    for key, items in raw.items():
        if isinstance(items, list):
            for item in items:
                out += ["", f"[[awards.{key}]]"] + [f"{k} = {_toml_value(v)}" for k, v in item.items()]
    return "\n".join(out) + "\n"


def test_scheme_reads_the_plan_table():
    scheme = evaluate().scheme
    assert scheme.form == "Bằng khen của Chủ tịch UBND tỉnh"
    assert [(q.kind.value, q.max) for q in scheme.quotas] == [("collective", 3), ("individual", 6)]
    assert scheme.share_caps[0].max_share == Fraction(2, 5) and scheme.share_caps[0].comparator.value == "<="
    assert [p.flag for p in scheme.priorities] == ["grassroots", "leader"]
    assert [d.flag for d in scheme.documents] == ["has_submission", "has_minutes", "has_report"]


def _mutate(path: str, value: object):
    def change(raw: dict) -> None:
        *parents, last = path.split(".")
        target = raw
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        if value is KeyError:
            del target[int(last) if last.isdigit() else last]
        else:
            target[int(last) if last.isdigit() else last] = value
    return change


@pytest.mark.parametrize(("change", "key", "words"), [
    (_mutate("share_caps.0.max_share", 40), "awards.share_caps[0].max_share", "(0, 1]"),
    (_mutate("share_caps.0.max_share", "bốn mươi"), "awards.share_caps[0].max_share", "(0, 1]"),
    (_mutate("share_caps.0.comparator", ">="), "awards.share_caps[0].comparator", "<="),
    (_mutate("share_caps.0.comparator", KeyError), "awards.share_caps[0].comparator", "thiếu"),
    (_mutate("share_caps.0.flag", "leaders"), "awards.share_caps[0].flag", "leader"),
    (_mutate("share_caps.0.kind", "collective"), "awards.share_caps[0].flag", "chỉ dùng cho individual"),
    (_mutate("share_caps.0.id", "Lãnh đạo"), "awards.share_caps[0].id", "chữ thường"),
    (_mutate("share_caps.0.source", "26/2020/QĐ-UBND"), "awards.share_caps[0].source", "điều khoản"),
    (_mutate("quotas.1.kind", "collective"), "awards.quotas[1].kind", "đã có ở awards.quotas[0]"),
    (_mutate("quotas.0.kind", "team"), "awards.quotas[0].kind", "collective"),
    (_mutate("quotas.0.max", -1), "awards.quotas[0].max", "không âm"),
    (_mutate("quotas.0.max", 2.5), "awards.quotas[0].max", "không âm"),
    (_mutate("quotas", []), "awards.quotas", "ít nhất một"),
    (_mutate("quotas", KeyError), "awards.quotas", "thiếu"),
    (_mutate("form", KeyError), "awards.form", "thiếu"),
    (_mutate("collectives", 3), "awards.collectives", "không có trong tham chiếu"),
    (_mutate("requirements.0.equals", "có"), "awards.requirements[0].equals", "true hoặc false"),
    (_mutate("priorities.1.kind", KeyError), "awards.priorities[1].kind", "chỉ dùng cho 'individual'"),
    (_mutate("documents.1.flag", "has_submission"), "awards.documents[1].flag", "đã có"),
    (_mutate("documents.0.flag", "leader"), "awards.documents[0].flag", "has_minutes"),
    (_mutate("documents.0.label", KeyError), "awards.documents[0].label", "thiếu"),
])
def test_a_wrong_awards_table_names_file_and_key(tmp_path, change, key, words):
    raw = copy.deepcopy(raw_awards())
    change(raw)
    path = _plan_with(tmp_path, raw)
    with pytest.raises(PlanFileError) as caught:
        evaluate_awards("thinghiem", nominees=NOMINEES, host=PluginHost(autoload=False, plugins=[ProvincePack(path)]))
    assert caught.value.key == key and caught.value.path == str(path)
    assert words in str(caught.value)


def test_conflicting_requirements_are_refused():
    raw = raw_awards()
    raw["requirements"].append({"flag": "targets_met", "equals": False, "source": "X/KH §1"})
    with pytest.raises(PlanFileError, match=r"awards.requirements\[1\].flag"):
        parse_awards(raw, path="p.toml")


# --- a plan without a scheme --------------------------------------------------------------------


def test_plan_without_awards_says_so_and_invents_no_quota(tayninh_host):
    result = evaluate_awards("tayninh", nominees=NOMINEES, host=tayninh_host)
    doc = result.to_dict()
    assert doc["has_scheme"] is False and doc["scheme"] is None
    assert doc["compliant"] is None and doc["recommended"] == []
    assert doc["counts"]["individual"] == doc["counts"]["individual"] | {"proposed": 7, "max": None, "within": None}
    assert [f["code"] for f in doc["findings"]] == ["no_scheme"]
    assert "860/KH-UBND" in doc["findings"][0]["message"]
    assert {n["status"] for n in doc["nominees"]} == {"undecided"}
    assert "KẾ HOẠCH KHÔNG QUY ĐỊNH KHEN THƯỞNG" in render_awards(result)


class ClassificationCheck:
    """A pack that bases awards on the movement's classification, read from a column of its own."""

    @hookimpl
    def chuyenhoa_award_checks(self, plan, scheme, nominees):
        source = Source(plan.id, "§II.3.3", reading="Khen thưởng căn cứ phân loại phong trào (510/QĐ-BCA-V05).")
        return [AwardFinding("movement_class", "Phân loại phong trào chưa đạt để xét khen thưởng", source,
                             n.nominee_id) for n in nominees if n.extra.get("movement_class") != "xuat_sac"]


def test_pack_adds_its_own_check_through_the_hook(csv_file):
    rows = [[*individual("N1", False), "xuat_sac"], [*individual("N2", False, score=99), "kha"]]
    result = evaluate(csv_file([*HEADER, "movement_class"], rows), ClassificationCheck())
    assert result.nominee("N2").extra == {"movement_class": "kha"}
    finding = next(f for f in result.findings if f.code == "movement_class")
    assert finding.nominee_id == "N2" and str(finding.source) == "01/KH-TEST §II.3.3"
    assert result.compliant is False
    assert result.recommended == ("N1",)
    assert result.decision("N2").status is Status.OUT and result.decision("N2").reasons[0].code == "movement_class"


def test_pack_check_applies_to_a_plan_without_scheme(csv_file):
    rows = [[*individual("N1", False), "kha"]]
    host = PluginHost(autoload=False, plugins=[chuyenhoa_tayninh, ClassificationCheck()])
    result = evaluate_awards("tayninh", nominees=csv_file([*HEADER, "movement_class"], rows), host=host)
    assert result.scheme is None and result.compliant is False
    assert [f.code for f in result.findings] == ["no_scheme", "movement_class"]


def test_a_pack_scheme_replaces_the_plan_table():
    """chuyenhoa_award_scheme: a pack that returns its own scheme is what the quotas are checked against."""
    import attrs

    from chuyenhoa.awards.scheme import Quota

    class Pack:
        @hookimpl
        def chuyenhoa_award_scheme(self, plan):
            return attrs.evolve(
                parse_awards(raw_awards(), path=str(PLAN), plan_id=plan.id),
                quotas=(Quota("collective", 1, Source(plan.id, "§III.2", reading="Thử nghiệm: 01 tập thể.")),
                        Quota("individual", 6, Source(plan.id, "§III.2"))))

    own = evaluate(NOMINEES)
    replaced = evaluate(NOMINEES, Pack())
    assert own.scheme.quota(NomineeKind.COLLECTIVE).max == 3
    assert replaced.scheme.quota(NomineeKind.COLLECTIVE).max == 1
    collectives = [n for n in replaced.recommended if n.startswith("TT")]
    assert len(collectives) == 1 < len([n for n in own.recommended if n.startswith("TT")])


def test_first_ranking_wins_and_the_final_list_reaches_packs():
    seen = []

    class Pack:
        @hookimpl
        def chuyenhoa_award_ranking(self, plan, scheme):
            return AwardRanking(key=lambda n: -int(n.nominee_id[2:]), description="Mã lớn trước (thử nghiệm)")

        @hookimpl
        def chuyenhoa_award_recommendation(self, plan, result):
            seen.append((plan.id, result.recommended))

    result = evaluate(NOMINEES, Pack())
    assert result.ranking == "Mã lớn trước (thử nghiệm)"
    assert result.recommended[:3] == ("TT04", "TT02", "TT01")
    assert seen == [("01/KH-TEST", result.recommended)]


@pytest.mark.parametrize("bad", [
    [object()],
    [AwardFinding("x", "Nhận xét", nominee_id="KHONGCO")],
])
def test_a_pack_returning_nonsense_is_a_plugin_error(bad):
    class Pack:
        @hookimpl
        def chuyenhoa_award_checks(self, plan, scheme, nominees):
            return bad

    with pytest.raises(PluginError, match="chuyenhoa_award_checks"):
        evaluate(NOMINEES, Pack())


def test_misspelt_award_hook_is_caught():
    class Typo:
        @hookimpl
        def chuyenhoa_award_check(self, plan, scheme, nominees):
            return []

    with pytest.raises(PluginError, match="chuyenhoa_award_check"):
        host_with(Typo())


def test_builtin_plugin_is_registered_after_the_national_one():
    assert PluginHost(autoload=False).plugin_names()[:2] == ["chuyenhoa.builtin.national", "chuyenhoa.builtin.awards"]


# --- the nominee file: errors and privacy ----------------------------------------------------------


def test_a_file_with_every_kind_of_error_names_rows_and_columns_never_names(csv_file):
    rows = [
        individual("CN01", False),
        individual("CN01", False),                                     # row 3: duplicate id
        ["CN03", "Giả Danh Ba", "nhân viên", "", "không", "", "", 5, "có", "có", "có"],  # row 4: kind
        individual("CN04", True),                                      # row 5: leader not yes/no (below)
        ["", "Giả Danh Năm", "individual", "", "không", "", "", 5, "có", "có", "có"],    # row 6: empty id
        individual("CN06", False, score="nhiều"),                      # row 7: score not a number
        individual("CN07", False, has_report="Giả Danh Bảy"),          # row 8: a name in a flag column
    ]
    rows[3][4] = "maybe"
    path = csv_file(HEADER, rows)
    with pytest.raises(NomineeFileError) as caught:
        load_nominees(path)
    problems = [(p.row, p.column) for p in caught.value.problems]
    assert problems == [(3, "nominee_id"), (4, "kind"), (5, "leader"), (6, "nominee_id"),
                        (7, "achievement_score"), (8, "has_report")]
    message = str(caught.value)
    assert message.startswith(f"{path}: 6 lỗi trong bảng nominees: dòng 3, cột 'nominee_id': cùng mã với dòng 2")
    # not even the id: a row shifted by one cell puts the person's name in the id column
    for secret in ("Giả Danh", "maybe", "nhân viên", "nhiều", "CN01", "CN03", "CN04", "nominee_id '"):
        assert secret not in message


@pytest.mark.parametrize(("row", "column"), [
    (["CN01", "Giả Danh", "team", "", "không", "", "", 5, "có", "có", "có"], "kind"),
    (["CN01", "Giả Danh", "individual", "", "hmm", "", "", 5, "có", "có", "có"], "leader"),
])
def test_one_bad_cell_is_a_cell_error(csv_file, row, column):
    path = csv_file(HEADER, [individual("CN00", False), row])
    with pytest.raises(CellError) as caught:
        load_nominees(path)
    assert (caught.value.row, caught.value.column) == (3, column)
    assert f"{path}, dòng 3, cột '{column}'" in str(caught.value) and "Giả Danh" not in str(caught.value)


@pytest.mark.parametrize(("header", "message"), [
    (["name", "kind"], "thiếu cột bắt buộc 'nominee_id'"),
    (["nominee_id", "kind", "has_submision"], "có phải là 'has_submission'"),
    (["nominee_id", "kind", "kind"], "xuất hiện hai lần"),
])
def test_bad_headers(csv_file, header, message):
    with pytest.raises(DataError, match=message):
        load_nominees(csv_file(header, [["x"] * len(header)]))


def test_a_column_the_scheme_needs_must_be_there(csv_file):
    header = [h for h in HEADER if h != "leader"]
    rows = [[c for i, c in enumerate(individual("N1", False)) if HEADER[i] != "leader"]]
    with pytest.raises(DataError, match=r"thiếu cột 'leader'.*awards.share_caps\[0\]"):
        evaluate(csv_file(header, rows))


def test_names_never_reach_a_repr():
    nominee = load_nominees(NOMINEES).nominees[0]
    assert nominee.name == NAMES[0] and NAMES[0] not in repr(nominee)


def test_redact_replaces_names_by_ids_in_every_output():
    class Leaky:  # a careless pack that writes a name into a message
        @hookimpl
        def chuyenhoa_award_checks(self, plan, scheme, nominees):
            return [AwardFinding("note", f"Ghi chú về {nominees[0].name}", nominee_id=nominees[0].nominee_id,
                                 severity="info")]

    plain = evaluate(NOMINEES, Leaky())
    assert NAMES[0] in plain.to_json() and NAMES[0] in render_awards(plain)
    result = evaluate(NOMINEES, Leaky(), redact=True)
    outputs = result.to_json() + render_awards(result)
    for name in NAMES:
        assert name not in outputs
    doc = result.to_dict()
    assert doc["redacted"] is True and all(n["name"] == n["nominee_id"] for n in doc["nominees"])
    assert any(f["message"] == "Ghi chú về TT01" for f in doc["findings"])


def test_workbook_sheet_nominees(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.title = "communes"
    sheet = book.create_sheet("nominees")
    sheet.append(HEADER)
    sheet.append([101, "Giả Danh", "cá nhân", "Đơn vị", False, None, None, 8.5, True, 1, "có"])
    path = tmp_path / "data.xlsx"
    book.save(path)
    table = load_nominees(path)
    nominee = table.nominees[0]
    assert nominee.nominee_id == "101" and nominee.kind is NomineeKind.INDIVIDUAL
    assert nominee.flags["leader"] is False and nominee.flags["has_minutes"] is True
    assert nominee.achievement_score == 8.5 and table.file.endswith("[sheet nominees]")


# --- the JSON and the command -------------------------------------------------------------------


def test_json_shape():
    doc = json.loads(evaluate().to_json())
    assert set(doc) >= {"schema_version", "province", "plan", "nominees_file", "redacted", "has_scheme", "scheme",
                        "compliant", "recommended", "counts", "share_caps", "ranking", "findings", "nominees",
                        "notes"}
    assert isinstance(doc["compliant"], bool) and all(isinstance(i, str) for i in doc["recommended"])
    assert set(doc["counts"]) == {"collective", "individual"}
    assert doc["counts"]["collective"] == {"proposed": 5, "max": 3, "within": False, "recommended": 3,
                                           "source": "01/KH-TEST §III.2",
                                           "quote": "Số lượng khen thưởng: 03 tập thể - 06 cá nhân."}
    cap_doc = doc["share_caps"][0]
    assert set(cap_doc) >= {"id", "kind", "flag", "max_share", "comparator", "source", "proposed", "recommended"}
    assert cap_doc["proposed"] == {"members": 7, "flagged": 3, "unknown": 0, "allowed": 2, "share": 0.4286,
                                   "within": False,
                                   "computation": "không quá 40% × 7 = 2,8, làm tròn xuống: tối đa 2"}
    assert cap_doc["recommended"]["members"] == 5 and cap_doc["recommended"]["within"] is True
    for finding in doc["findings"]:
        assert set(finding) == {"nominee_id", "code", "severity", "message", "source", "quote"}
        assert finding["source"]
    assert set(doc["nominees"][0]) >= {"nominee_id", "name", "kind", "status", "rank", "position", "reasons"}
    assert {n["status"] for n in doc["nominees"]} == {"in", "out", "held_back"}


def test_text_output_has_clauses_beside_findings():
    text = render_awards(evaluate())
    assert "KHÔNG ĐÚNG QUY ĐỊNH" in text
    assert "Thiếu Báo cáo thành tích có xác nhận" in text and "01/KH-TEST §III.4" in text
    # a table fits the terminal (100 columns here): a long reason wraps under its row
    assert "GIỮ LẠI" in text and "làm tròn xuống: tối đa 2" in " ".join(text.split())


@pytest.fixture
def cli():
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """Test app."""

    app.command("awards")(awards_command)
    plugins_module.reset_host(host_with())
    runner = CliRunner()
    return lambda *args: runner.invoke(app, ["awards", *args])


def test_command_json_and_output_file(cli, tmp_path):
    out = cli("--province", "thinghiem", "--nominees", str(NOMINEES), "--format", "json")
    assert out.exit_code == 0, out.output
    assert json.loads(out.stdout)["compliant"] is False
    target = tmp_path / "de-xuat.json"
    out = cli("-p", "thinghiem", "-n", str(NOMINEES), "-f", "json", "-o", str(target), "--redact")
    assert out.exit_code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["redacted"] is True
    assert not any(name in target.read_text(encoding="utf-8") for name in NAMES)


def test_command_refuses_to_write_over_the_nominee_file(cli, tmp_path):
    copy_path = tmp_path / "nominees.csv"
    copy_path.write_bytes(NOMINEES.read_bytes())
    out = cli("-p", "thinghiem", "-n", str(copy_path), "-o", str(copy_path))
    assert out.exit_code == 2 and "trùng với tệp dữ liệu" in out.stderr
    assert copy_path.read_bytes() == NOMINEES.read_bytes()


def test_command_errors_are_one_line_exit_2_without_names(cli, csv_file):
    bad = csv_file(HEADER, [individual("CN01", False), individual("CN01", False)])
    for args, words in [
        (["-p", "thinghiem", "-n", str(bad)], "dòng 3, cột 'nominee_id'"),
        (["-p", "khongco", "-n", str(NOMINEES)], "không có gói tỉnh 'khongco'"),
        (["-p", "binhphuoc", "-n", str(NOMINEES), "--year", "2026"], "hãy dùng 'dongnai'"),
        (["-p", "thinghiem", "-n", "/no/such.csv"], "không tìm thấy tệp"),
        (["-p", "thinghiem", "-n", str(NOMINEES), "--year", "2019"], "không có kế hoạch cho năm 2019"),
    ]:
        out = cli(*args)
        assert out.exit_code == 2, out.output
        assert out.stderr.startswith("Lỗi: ") and words in out.stderr and out.stderr.count("\n") == 1
        assert "Traceback" not in out.output and "Giả Danh" not in out.output


def test_example_file_for_binhphuoc_reads_and_is_synthetic():
    table = load_nominees(EXAMPLE)
    assert len(table) == 11 and {n.kind for n in table.nominees} == set(NomineeKind)
    assert "SYNTHETIC" in (EXAMPLE.parent / "README.md").read_text(encoding="utf-8")
    result = evaluate(EXAMPLE)
    assert result.recommended == ("TT01", "TT03", "TT02", "CN02", "CN04", "CN07", "CN01", "CN03")
    assert result.decision("CN05").status is Status.HELD_BACK
    assert result.decision("CN06").status is Status.OUT and result.decision("TT04").status is Status.OUT
