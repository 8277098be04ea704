"""The pack test kit fails for real: every assertion and base check rejects a wrong value, on Tây Ninh.

A check that cannot fail pins nothing.  Each assertion of ``chuyenhoa.testing`` is
run here once on the right value (it passes) and once on a wrong one (it raises
AssertionError, saying what it found), against the Tây Ninh pack and its sample.
"""

from __future__ import annotations

import datetime as dt
import sys
import unicodedata
from pathlib import Path
from types import SimpleNamespace

import attrs
import chuyenhoa_tayninh
import pytest

from chuyenhoa import testing
from chuyenhoa.comparators import Comparator
from chuyenhoa.method.engine import evaluate
from chuyenhoa.model import Basis, CapScope, Rounding, SelectionPolicy, Source, Target, TargetScope
from chuyenhoa.plugins.host import PluginHost
from chuyenhoa.testing import (
    ProvincePackTests,
    assert_cap,
    assert_milestone,
    assert_quotes_in_sources,
    assert_target,
    assert_verdicts,
    comparator_of,
    plan_quotes,
    plan_sources,
)

DOCUMENT = "860/KH-UBND"
TEXT = "002_869f96d070f2dfb7.txt"


@pytest.fixture(scope="module")
def spec():
    return PluginHost(autoload=False, plugins=[chuyenhoa_tayninh]).province("tayninh")


@pytest.fixture(scope="module")
def plan(spec):
    return spec.plan_for(2024)


@pytest.fixture(scope="module")
def result():
    host = PluginHost(autoload=False, plugins=[chuyenhoa_tayninh])
    return evaluate("tayninh", 2024, host=host, as_of=dt.date(2024, 12, 31))


def with_targets(plan, *targets):
    return attrs.evolve(plan, targets=(*plan.targets, *targets))


# -- assert_target ------------------------------------------------------------------------------


@pytest.mark.parametrize("comparator", [Comparator.GT, ">", "trên", " Trên "])
@pytest.mark.parametrize("clause", ["§II.2", "860/KH-UBND §II.2", Source(DOCUMENT, "§II.2")])
def test_target_passes_on_the_plan_s_values(plan, comparator, clause):
    found = assert_target(plan, "clearance_rate", comparator, 75, clause)
    assert found.id == "clearance_rate"


def test_target_threshold_is_approximate_for_fractions(plan):
    assert_target(plan, "residents_board_quality_rate", ">=", 66.666667, "§II.2")


@pytest.mark.parametrize(
    ("arguments", "said"),
    [
        (("clearance_rate", ">=", 75, "§II.2"), "comparator is '>' (trên), expected '>=' (từ … trở lên)"),
        (("clearance_rate", ">", 76, "§II.2"), "threshold is 75.0, expected 76"),
        (("clearance_rate", ">", 75, "§II.3"), "cites '860/KH-UBND §II.2', expected '§II.3'"),
        (("clearance_rate", ">", 75, "7488/KH-UBND §II.2"), "expected '7488/KH-UBND §II.2'"),
        (("rural_security_kept", ">=", 66, "§II.2"), "cites '860/KH-UBND §III.4'"),
        (("no_such_target", ">", 75, "§II.2"), "has no target 'no_such_target'; its targets: social_order_crimes"),
    ],
)
def test_target_fails_on_a_wrong_value(plan, arguments, said):
    with pytest.raises(AssertionError) as failure:
        assert_target(plan, *arguments)
    assert said in str(failure.value)


def test_target_names_every_difference_at_once(plan):
    with pytest.raises(AssertionError, match=r"comparator is .*; threshold is .*; cites"):
        assert_target(plan, "clearance_rate", "<", 7, "§I")


def test_target_basis_and_scope(plan):
    assert_target(plan, "social_order_crimes", "<=", -5, "§II.2", basis=Basis.CHANGE_PCT)
    with pytest.raises(AssertionError, match="basis is 'change_pct', expected 'value'"):
        assert_target(plan, "social_order_crimes", "<=", -5, "§II.2", basis="value")
    with pytest.raises(AssertionError, match="scope is 'province', expected 'hotspots'"):
        assert_target(plan, "social_order_crimes", "<=", -5, "§II.2", scope=TargetScope.HOTSPOTS)


def test_a_yes_no_threshold_is_exact(plan):
    flag = Target(id="no_gangs", indicator="organized_crime", comparator="=", threshold=False,
                  source=Source(DOCUMENT, "§II.2"))
    flagged = with_targets(plan, flag)
    assert_target(flagged, "no_gangs", "=", False, "§II.2")
    for wrong in (True, 0, 0.0):  # 0 == False in Python; not for a plan's threshold
        with pytest.raises(AssertionError, match="threshold is False"):
            assert_target(flagged, "no_gangs", "=", wrong, "§II.2")
    with pytest.raises(AssertionError, match="threshold is 75.0, expected True"):
        assert_target(plan, "clearance_rate", ">", True, "§II.2")


@pytest.mark.parametrize(("words", "comparator"), [
    ("trên", Comparator.GT), ("dưới", Comparator.LT), ("không quá", Comparator.LE), ("đúng", Comparator.EQ),
    ("từ … trở lên", Comparator.GE), ("từ ... trở lên", Comparator.GE), ("≥", Comparator.GE), ("==", Comparator.EQ),
])
def test_comparators_by_symbol_or_words(words, comparator):
    assert comparator_of(words) is comparator


def test_an_unknown_comparator_is_the_test_s_mistake():
    with pytest.raises(ValueError, match="neither a symbol nor the words"):
        comparator_of("khoảng")


# -- assert_cap ---------------------------------------------------------------------------------


def test_cap_passes_on_the_evaluation(result):
    assert_cap(result, share=0.15, scopes="district", rounding="floor", minimum=0,
               clause="7488/KH-UBND §III.2, §V.1, §V.4.a",
               caps={"Huyện Châu Thành": 2, "Thị xã Hòa Thành": 1}, total=10)
    code = next(c.unit_code for c in result.selection.caps if c.unit_name == "Huyện Châu Thành")
    assert_cap(result.selection, caps={code: 2})  # a unit by its GSO code, a Selection for the result


@pytest.mark.parametrize(
    ("arguments", "said"),
    [
        ({"caps": {"Huyện Châu Thành": 3}}, "Huyện Châu Thành has cap 2 (strict 2, 15 communes, "),
        ({"caps": {"Huyện Không Có": 1}}, "no unit 'Huyện Không Có' among the caps (Thành phố Tây Ninh"),
        ({"total": 11}, "the caps add up to 10, expected 11"),
        ({"share": 0.2}, "share is 0.15, expected 0.2"),
        ({"scopes": [CapScope.DISTRICT, CapScope.PROVINCE]}, "scopes are ['district'], expected ['district', 'province']"),
        ({"rounding": Rounding.CEIL}, "rounding is 'floor', expected 'ceil'"),
        ({"minimum": 1}, "minimum per district is 0, expected 1"),
        ({"clause": "§III.2"}, "cites '7488/KH-UBND §III.2, §V.1, §V.4.a', expected '§III.2'"),
    ],
)
def test_cap_fails_on_a_wrong_value(result, arguments, said):
    with pytest.raises(AssertionError) as failure:
        assert_cap(result, **arguments)
    assert said in str(failure.value)


def test_cap_of_a_policy_alone():
    policy = SelectionPolicy(cap_share=0.15, scopes=["district"], minimum_per_district=1)
    assert_cap(policy, share=0.15, minimum=1)
    with pytest.raises(AssertionError, match="minimum per district is 1, expected 0"):
        assert_cap(policy, minimum=0)
    with pytest.raises(TypeError, match="need an evaluation"):
        assert_cap(policy, total=10)


def test_cap_of_a_plan_without_its_own(plan):
    with pytest.raises(AssertionError, match=f"plan {DOCUMENT} declares no \\[selection\\]"):
        assert_cap(plan, share=0.15)


# -- assert_verdicts ----------------------------------------------------------------------------

NOT_MET = {"clearance_rate", "wanted_new_arrest_rate", "security_standard_units_rate", "lit_roads_rate",
           "rural_security_communes_met", "rural_security_reached", "rural_security_kept"}


def test_verdicts_pass_on_the_sample(result):
    assert_verdicts(result, not_met=NOT_MET, not_assessable={"law_access_communes_rate",
                                                             "rural_security_pilot_communes_rate"}, met=13,
                    transformed=6, not_transformed={"25498", "25633"}, hotspots_not_assessable=["25555", "25687"])


@pytest.mark.parametrize(
    ("arguments", "said"),
    [
        ({"not_met": NOT_MET - {"clearance_rate"}}, "unexpected clearance_rate not_met (actual 75"),
        ({"not_met": NOT_MET | {"zalo_group_rate"}}, "missing zalo_group_rate met (actual"),
        ({"not_assessable": {"no_such_target"}}, "missing no_such_target (no such id)"),
        ({"not_assessable": set()}, "unexpected law_access_communes_rate not_assessable"),
        ({"met": 12}, "targets met: 13, expected 12"),
        ({"transformed": 7}, "hotspots transformed: 6, expected 7"),
        ({"not_transformed": {"25498"}}, "unexpected 25633 Phường Hiệp Tân not_met"),
        ({"hotspots_not_assessable": set()}, "unexpected 25555 Xã Suối Đá not_assessable"),
    ],
)
def test_verdicts_fail_on_a_wrong_status(result, arguments, said):
    with pytest.raises(AssertionError) as failure:
        assert_verdicts(result, **arguments)
    assert said in str(failure.value)


def test_verdicts_want_a_set_not_a_string(result):
    with pytest.raises(TypeError, match="not the string 'clearance_rate'"):
        assert_verdicts(result, not_met="clearance_rate")


# -- assert_milestone ---------------------------------------------------------------------------


def test_milestone_passes_on_the_plan_s_dates(plan):
    found = assert_milestone(plan, "§IV.2", due=dt.date(2024, 3, 28), start=None, what="gửi Kế hoạch")
    assert found.source.clause == "§IV.2"
    assert_milestone(plan, Source(DOCUMENT, "§IV.4"), start=dt.date(2024, 7, 1), due=dt.date(2024, 7, 31))


@pytest.mark.parametrize(
    ("arguments", "said"),
    [
        (("§IV.2", {"due": dt.date(2024, 3, 29)}), "citing '§IV.2': due 2024-03-28, start None"),  # "trước ngày 29/3"
        (("§IV.4", {"due": dt.date(2024, 7, 31), "start": None}), "due 2024-07-31, start 2024-07-01"),
        (("§IV.4", {"due": dt.date(2024, 7, 31), "what": "Tổng kết"}), "expected due 2024-07-31, 'Tổng kết'"),
        (("7488/KH-UBND §IV.2", {"due": dt.date(2024, 3, 28)}), "has no milestone citing '7488/KH-UBND §IV.2'"),
        (("§IX", {"due": dt.date(2024, 3, 28)}), "its milestones cite: 860/KH-UBND §IV.1, 860/KH-UBND §IV.2"),
    ],
)
def test_milestone_fails_on_a_wrong_date(plan, arguments, said):
    clause, keywords = arguments
    with pytest.raises(AssertionError) as failure:
        assert_milestone(plan, clause, **keywords)
    assert said in str(failure.value)


# -- quotes -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def text_860():
    return TayNinh.source_text(DOCUMENT)


def test_every_place_that_cites_is_found(plan):
    places = dict(plan_sources(plan))
    assert "period.source" in places and places["period.source"].quote is None
    assert places["targets[clearance_rate].source"].clause == "§II.2"
    assert len(list(plan_quotes(plan))) == len(plan.targets) + len(plan.milestones) + len(plan.responsibilities)


def test_quotes_pass_in_their_document(plan, text_860):
    assert assert_quotes_in_sources([plan], {DOCUMENT: text_860}) == 64  # 22 targets, 3 milestones, 39 duties


def test_a_paraphrase_fails(plan, text_860):
    target = next(t for t in plan.targets if t.id == "clearance_rate")
    paraphrased = attrs.evolve(target, id="clearance_again",
                               source=attrs.evolve(target.source, quote="điều tra khám phá trên 75% số vụ"))
    with pytest.raises(AssertionError, match=r"targets\[clearance_again\].source: 'điều tra khám phá trên 75% số vụ' "
                                             r"is not in the text of 860/KH-UBND"):
        assert_quotes_in_sources([with_targets(plan, paraphrased)], {DOCUMENT: text_860})


def test_a_quote_in_the_wrong_document_fails(plan):
    with pytest.raises(AssertionError, match="is not in the text of 860/KH-UBND"):
        assert_quotes_in_sources([plan], {DOCUMENT: "Kế hoạch khác, không có câu nào của 860."})


def test_a_document_the_pack_does_not_name_fails(plan):
    with pytest.raises(AssertionError, match=r"64 quote\(s\) of 860/KH-UBND \(first: 860/KH-UBND "
                                             r"targets\[social_order_crimes\].source\), a document the pack does not "
                                             "name in `sources`"):
        assert_quotes_in_sources([plan], {})
    assert assert_quotes_in_sources([plan], {}, unavailable={DOCUMENT}) == 0


def test_quotes_are_normalised(plan, text_860):
    """A quote with its lines broken elsewhere, or decomposed Unicode, is the same quote."""
    target = next(t for t in plan.targets if t.id == "clearance_rate")
    spread = attrs.evolve(target, id="spread", source=attrs.evolve(
        target.source, quote=unicodedata.normalize("NFD", target.source.quote.replace(" ", "\n  ", 2))))
    assert assert_quotes_in_sources([with_targets(plan, spread)], {DOCUMENT: text_860}) == 65


# -- the base checks, on a pack class that says something wrong -----------------------------------


class TayNinh(ProvincePackTests):
    """Tây Ninh as its own tests declare it (not collected here: its pack's tests run the base checks)."""

    plugin = chuyenhoa_tayninh
    slug = "tayninh"
    districts = 9
    communes = 94
    plan_ids = {DOCUMENT}
    sources = {DOCUMENT: TEXT}


def wrong(**attributes: object) -> ProvincePackTests:
    """An instance of a subclass of TayNinh with some class attributes wrong."""
    return type("Wrong", (TayNinh,), attributes)()


def test_plans_must_be_the_ones_declared(spec):
    TayNinh().test_ships_the_plans_it_declares(spec)
    with pytest.raises(AssertionError, match=r"ships plans \['860/KH-UBND'\]; the test class declares \[\]"):
        wrong(plan_ids=set()).test_ships_the_plans_it_declares(spec)
    with pytest.raises(AssertionError, match="declares"):
        wrong(plan_ids={DOCUMENT, "861/KH-UBND"}).test_ships_the_plans_it_declares(spec)


def test_geography_counts_must_match(spec):
    TayNinh().test_geography_counts(spec)
    with pytest.raises(AssertionError, match="has 9 districts and 94 communes"):
        wrong(communes=95).test_geography_counts(spec)


def test_the_registered_province_must_be_the_pack_s(spec):
    TayNinh().test_registers_its_province(spec)
    with pytest.raises(AssertionError):
        wrong(slug="tay_ninh").test_registers_its_province(spec)
    other_code = SimpleNamespace(slug="tayninh", code="70", loaded_geographies=spec.loaded_geographies)
    with pytest.raises(AssertionError, match="registers code 70; its geography snapshots say {'72'}"):
        TayNinh().test_registers_its_province(other_code)


def test_the_quotes_pass_as_the_pack_names_its_document(spec):
    TayNinh().test_every_quote_is_in_its_source(spec)


def test_a_document_quoted_but_not_named_fails(spec):
    with pytest.raises(AssertionError, match="of 860/KH-UBND .* does not name in `sources`"):
        wrong(sources={}).test_every_quote_is_in_its_source(spec)


def test_a_named_text_that_is_missing_fails(spec, tmp_path):
    with pytest.raises(AssertionError, match="the text of 860/KH-UBND is not at .*absent.txt"):
        wrong(sources={DOCUMENT: tmp_path / "absent.txt"}).test_every_quote_is_in_its_source(spec)


def test_a_text_without_the_quotes_fails(spec, tmp_path):
    (tmp_path / "other.txt").write_text("Một văn bản khác.", encoding="utf-8")
    with pytest.raises(AssertionError, match="is not in the text of 860/KH-UBND"):
        wrong(sources_dir=tmp_path, sources={DOCUMENT: "other.txt"}).test_every_quote_is_in_its_source(spec)


def test_documents_not_on_this_machine_skip(spec, monkeypatch):
    monkeypatch.setattr(testing, "find_shared_sources", lambda _start: None)
    with pytest.raises(pytest.skip.Exception, match=r"quotes of 860/KH-UBND not checked: no shared/sources"):
        TayNinh().test_every_quote_is_in_its_source(spec)
    with pytest.raises(pytest.skip.Exception, match="not on this machine"):
        TayNinh.source_text(DOCUMENT)


def test_an_absolute_path_needs_no_shared_folder(spec, monkeypatch):
    """A pack outside this repository gives its own paths, and gets the check all the same."""
    path = TayNinh.source_path(DOCUMENT)
    if path is None or not path.is_file():
        pytest.skip("the source documents are not on this machine")
    monkeypatch.setattr(testing, "find_shared_sources", lambda _start: None)
    wrong(sources={DOCUMENT: path.resolve()}).test_every_quote_is_in_its_source(spec)


def test_a_value_without_its_quote_fails(spec):
    plan = spec.plan_for(2024)
    TayNinh().test_every_value_quotes_its_text(spec)
    target = plan.targets[0]
    bare = attrs.evolve(target, id="bare", source=attrs.evolve(target.source, quote=None))
    stub = SimpleNamespace(loaded_plans=(with_targets(plan, bare),))
    with pytest.raises(AssertionError, match=r"860/KH-UBND targets\[bare\].source"):
        TayNinh().test_every_value_quotes_its_text(stub)


def test_a_verdict_without_data_fails(result):
    TayNinh().test_no_verdict_without_data(result)
    verdict = SimpleNamespace(id="clearance_rate", actual=None, status=SimpleNamespace())
    with pytest.raises(AssertionError, match="a target without data has a verdict"):
        TayNinh().test_no_verdict_without_data(SimpleNamespace(targets=(verdict,)))


def test_a_sample_over_its_caps_fails(result):
    TayNinh().test_sample_is_within_caps(result)
    first = result.selection.caps[0]
    over = attrs.evolve(first, selected=first.cap + 1)
    selection = attrs.evolve(result.selection, caps=(over, *result.selection.caps[1:]))
    with pytest.raises(AssertionError, match=f"'unit_name': '{first.unit_name}'"):
        TayNinh().test_sample_is_within_caps(attrs.evolve(result, selection=selection))


def test_a_hand_edited_sample_fails(spec, tmp_path, monkeypatch):
    """The regenerated sample is compared with the committed one byte for byte.

    The kit's class is placed in a module beside the Tây Ninh tests, so that it finds
    the pack's ``tools/make_sample.py``; the sample it compares with is a copy with
    one line ending changed.
    """
    tests = Path(chuyenhoa_tayninh.__file__).resolve().parents[2] / "tests"
    if not (tests.parent / "tools" / "make_sample.py").is_file():
        pytest.skip("the Tây Ninh pack is installed without its folder")
    beside = type(sys)("kit_beside_tayninh")
    beside.__file__ = str(tests / "test_kit_beside.py")
    monkeypatch.setitem(sys.modules, beside.__name__, beside)
    kit = type("Beside", (TayNinh,), {"__module__": beside.__name__})
    committed = Path(spec.sample.communes).parent
    copy = tmp_path / "sample"
    copy.mkdir()
    for name in ("communes.csv", "province.csv", "README.md"):
        (copy / name).write_bytes((committed / name).read_bytes())
    written = tmp_path / "written"
    written.mkdir()
    kit().test_sample_is_what_its_script_writes(SimpleNamespace(sample=SimpleNamespace(communes=copy / "communes.csv")),
                                                written)
    edited = copy / "province.csv"
    edited.write_bytes(edited.read_bytes().replace(b"\n", b"\r\n", 1))
    with pytest.raises(AssertionError, match="province.csv"):
        kit().test_sample_is_what_its_script_writes(SimpleNamespace(sample=SimpleNamespace(communes=copy / "communes.csv")),
                                                    written)
