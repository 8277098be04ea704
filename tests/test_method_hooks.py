"""The method comes through hooks and is checked there: the national method as dated data, a pack's
override, a plugin that answers wrongly named in the error."""

import datetime as dt

import attrs
import chuyenhoa_tayninh
import pytest

from chuyenhoa import hookimpl
from chuyenhoa.builtin import national
from chuyenhoa.comparators import Comparator
from chuyenhoa.errors import PlanFileError, PluginError
from chuyenhoa.method.engine import evaluate
from chuyenhoa.method.hooks import resolve_method
from chuyenhoa.model import CapScope, Gate, GateTest, Source, SuccessRule, Target
from chuyenhoa.plugins.host import PluginHost
from chuyenhoa.reading.planfile import load_method

AS_OF = dt.date(2024, 12, 31)


class Answers:
    """A plugin that registers no province and answers one hook with a given value."""

    def __init__(self, hook, value):
        setattr(self, hook, hookimpl(specname=hook)(lambda **_kwargs: value))


def run(*plugins, year=2024):
    host = PluginHost(autoload=False, plugins=[chuyenhoa_tayninh, *plugins])
    return evaluate("tayninh", year, host=host, as_of=AS_OF)


# --- the national method, read from its file ----------------------------------------------


def test_the_cap_in_force_follows_the_date_of_the_map():
    method = national.method()
    before, after = method.selection.at(dt.date(2025, 6, 30)), method.selection.at(dt.date(2025, 7, 1))
    assert before.scopes == (CapScope.DISTRICT,) and after.scopes == (CapScope.PROVINCE,)
    assert before.cap_share == after.cap_share == 0.15
    assert "01/07/2025" in after.source.reading
    assert str(before.leave_source) == str(after.leave_source) == "7488/KH-UBND §III.2"


def test_the_goals_in_force_follow_the_year():
    method = national.method()
    early = {g.indicator: g for g in method.goals.at(dt.date(2019, 12, 31))}
    late = {g.indicator: g for g in method.goals.at(dt.date(2024, 12, 31))}
    assert {k: (g.comparator, g.threshold) for k, g in early.items()} == {
        "transformed_share": (Comparator.GE, 60.0), "no_relapse_share": (Comparator.GE, 85.0)}
    assert {k: (g.comparator, g.threshold) for k, g in late.items()} == {
        k: (g.comparator, g.threshold) for k, g in early.items()}
    assert all("113/KH-BCA-V01" not in (g.source.reading or "") for g in early.values())
    assert all("113/KH-BCA-V01" in g.source.reading for g in late.values())


def test_the_gates_are_data_with_their_column_and_test():
    gates = {g.id: g for g in national.method().success.gates}
    assert (gates["crime_decreased"].column, gates["crime_decreased"].test) == ("criminal_offences",
                                                                              GateTest.DECREASED)
    assert (gates["no_new_complexity"].column, gates["no_new_complexity"].test) == ("new_complexity",
                                                                                  GateTest.NOT_SET)
    assert {str(g.source) for g in gates.values()} == {"7488/KH-UBND §III.4"}


def test_a_2024_evaluation_reports_the_goals_of_113_with_their_reading():
    result = run()
    goals = {t.id: t for t in result.programme}
    assert set(goals) == {"national.transformed_share", "national.no_relapse_share"}
    assert "113/KH-BCA-V01" in goals["national.transformed_share"].source.reading


# --- a pack replaces a rule; a wrong answer is refused, naming the plugin -----------------


def test_a_plugin_can_set_the_programme_goals():
    own = (Target(id="national.transformed_share", indicator="transformed_share", comparator=">=", threshold=90.0,
                  source=Source("X/KH", "§1")),)
    result = run(Answers("chuyenhoa_programme_goals", own))
    assert [(t.id, t.threshold) for t in result.programme] == [("national.transformed_share", 90.0)]


@pytest.mark.parametrize(("hook", "value", "expected"), [
    ("chuyenhoa_selection_policy", {"cap_share": 0.15}, "SelectionPolicy"),
    ("chuyenhoa_hotspot_indicators", ["clearance_rate"], "tuple[HotspotIndicator, ...]"),
    ("chuyenhoa_success_rule", 0.8, "SuccessRule"),
    ("chuyenhoa_commune_scorer", object(), "CommuneScorer"),
    ("chuyenhoa_programme_goals", (60,), "tuple[Target, ...]"),
])
def test_a_wrong_answer_names_the_plugin_and_the_hook(hook, value, expected):
    host = PluginHost(autoload=False, plugins=[chuyenhoa_tayninh])
    host.register(Answers(hook, value), name="the-wrong-one")
    with pytest.raises(PluginError) as caught:
        evaluate("tayninh", 2024, host=host, as_of=AS_OF)
    message = str(caught.value)
    assert "the-wrong-one" in message and hook in message and expected in message


def test_a_gate_named_but_unknown_to_the_method_is_refused():
    rule = SuccessRule(share=0.8, comparator=">=", source=Source("X/KH", "§2"), gates=[Gate("crime_vanished")])
    with pytest.raises(PlanFileError, match="crime_vanished"):
        run(Answers("chuyenhoa_success_rule", rule))


def test_a_pack_may_define_a_gate_of_its_own():
    own = Gate("no_drug_spots", column="drug_spots", test="decreased", source=Source("X/KH", "§3"),
               label="Giảm điểm ma túy")
    rule = SuccessRule(share=0.8, comparator=">=", source=Source("X/KH", "§2"), gates=[own])
    host = PluginHost(autoload=False, plugins=[chuyenhoa_tayninh, Answers("chuyenhoa_success_rule", rule)])
    spec = host.province("tayninh")
    plan = spec.plan_for(2024)
    geography, _warning = spec.geography_for(2024)
    resolved = resolve_method(host.hook, plan, geography, 2024)
    assert resolved.rule.gates == (own,)


def test_a_rule_built_in_code_cannot_be_applied_with_an_undefined_gate(geography, csv_file):
    from chuyenhoa.method.hotspots import evaluate_hotspot
    from chuyenhoa.reading.dataset import load_dataset

    data = load_dataset(csv_file(["commune_code", "year"], [["90024", "2024"]]), geography)
    named = SuccessRule(share=0.8, comparator=">=", source=Source("X/KH", "§2"))
    with pytest.raises(ValueError, match="crime_decreased"):
        evaluate_hotspot(data, geography, "90024", 2024, national.method().indicators, named, {})


# --- the method file is read with the plan reader's refusals ------------------------------


def rewritten(tmp_path, old, new):
    text = national.METHOD_FILE.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "method.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(("old", "new", "key"), [
    ("from = 2025-07-01", "from = 2017-07-31", "selection"),
    ('id = "clearance_rate"', 'id = "clearence_rate"', "hotspot_indicators[1].id"),
    ('test = "decreased"', 'test = "lower"', "success.gates[0].test"),
    ('column = "criminal_offences"', 'column = "crimes"', "success.gates[0].column"),
    ('id = "transformed_share"\nfrom = 2017-07-31', 'id = "clearance_rate"\nfrom = 2017-07-31', "goals[0].id"),
    ("threshold = 60", "threshold = 160", "goals[0].threshold"),
])
def test_a_wrong_method_file_is_refused_naming_the_key(tmp_path, old, new, key):
    with pytest.raises(PlanFileError) as caught:
        load_method(rewritten(tmp_path, old, new))
    assert caught.value.key == key


def test_the_method_file_loads_to_the_values_of_the_text():
    method = load_method(national.METHOD_FILE)
    assert attrs.asdict(method) == attrs.asdict(national.method())
    assert [(i.id, i.comparator.value, i.threshold) for i in method.indicators] == [
        ("organized_crime", "=", False), ("clearance_rate", ">=", 80.0), ("serious_clearance_rate", ">=", 95.0),
        ("wanted_arrest_rate", ">=", 30.0), ("reports_handled_rate", "=", 100.0), ("recidivism_rate", "<", 15.0),
        ("political_system_consolidated", "=", True), ("mass_models", ">=", 1.0),
        ("households_informed_rate", "=", 100.0)]
    assert (method.success.share, method.success.comparator) == (0.8, Comparator.GE)
