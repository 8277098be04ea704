"""The plugin host: packs register through hooks, override the national method, load lazily."""

import datetime as dt
from importlib import metadata

import chuyenhoa_tayninh
import pytest

from chuyenhoa import ProvinceSpec, SampleData, hookimpl
from chuyenhoa.errors import PluginError, UnknownProvinceError
from chuyenhoa.method.engine import evaluate
from chuyenhoa.model import CapScope, SelectionPolicy, Source, SuccessRule
from chuyenhoa.plugins import host as plugins_module
from chuyenhoa.plugins.host import PluginHost

TN = chuyenhoa_tayninh.HERE
TN_PLANS = sorted((TN / "plans").glob("*.toml"))


def tayninh_spec(**changes):
    fields = {"slug": "tayninh", "name": "Tây Ninh", "code": "72",
              "plans": sorted((TN / "plans").glob("*.toml")), "geographies": sorted((TN / "geography").glob("*.json")),
              "sample": SampleData(TN / "sample" / "communes.csv", TN / "sample" / "province.csv")}
    fields.update(changes)
    return ProvinceSpec(**fields)


class PackUnderTest:
    """A pack registering Tây Ninh's files (its plans only under the slug "tayninh") and overriding the method.

    Its hooks answer for the province it registers and no other, so a test of an
    override registers it as Tây Ninh's own pack.
    """

    def __init__(self, slug="testpack", policy=None, rule=None, plans=()):
        self.slug, self.policy, self.rule, self.plans = slug, policy, rule, list(plans)

    @hookimpl
    def chuyenhoa_register_provinces(self, register):
        register(tayninh_spec(slug=self.slug, plans=self.plans))

    @hookimpl
    def chuyenhoa_selection_policy(self, plan, geography):
        return self.policy

    @hookimpl
    def chuyenhoa_success_rule(self, plan):
        return self.rule


def test_pack_registers_with_a_fresh_manager():
    host = PluginHost(autoload=False, plugins=[chuyenhoa_tayninh])
    assert list(host.provinces()) == ["tayninh"]
    assert host.province("tayninh").plugin_name


def test_national_method_is_a_plugin_like_any_other():
    host = PluginHost(autoload=False)
    assert "chuyenhoa.builtin.national" in host.plugin_names()
    with pytest.raises(UnknownProvinceError, match="tayninhh"):
        host.province("tayninhh")
    # a province of the national map runs without its pack, on the national plan (from 2025)
    spec = host.province("tayninh")
    assert spec.national and spec.plugin_name == "chuyenhoa.builtin.national" and not spec.loaded_plans


def test_pack_overrides_cap_and_success_rule():
    province_cap = SelectionPolicy(cap_share=0.15, scopes=[CapScope.PROVINCE], source=Source("X/KH", "§1"))
    strict = SuccessRule(share=0.9, comparator=">=", source=Source("X/KH", "§2"), missing="not_met")
    host = PluginHost(autoload=False, plugins=[PackUnderTest("tayninh", province_cap, strict, TN_PLANS)])
    result = evaluate("tayninh", 2024, host=host, as_of=dt.date(2024, 12, 31))
    assert [c.scope for c in result.selection.caps] == [CapScope.PROVINCE]
    assert result.selection.caps[0].cap == 14  # floor(0.15 × 94)
    assert (result.success_rule.share, result.success_rule.source) == (0.9, strict.source)
    # the gates the pack names by id alone are the national method's (7488/KH-UBND §III.4)
    assert [(g.id, g.column, str(g.source)) for g in result.success_rule.gates] == [
        ("crime_decreased", "criminal_offences", "7488/KH-UBND §III.4"),
        ("no_new_complexity", "new_complexity", "7488/KH-UBND §III.4")]
    # the clause that takes transformed communes off the list travels with the pack's cap too
    assert str(result.selection.policy.leave_source) == "7488/KH-UBND §III.2"
    boundary = {h.commune_code: h for h in result.hotspots}["25687"]  # 4 of 5 with data
    assert boundary.transformed is False  # missing counted as not met under the pack's rule


def test_pack_returning_none_leaves_the_national_method():
    host = PluginHost(autoload=False, plugins=[PackUnderTest("tayninh", plans=TN_PLANS)])
    result = evaluate("tayninh", 2024, host=host, as_of=dt.date(2024, 12, 31))
    assert result.selection.policy.cap_share == 0.15
    assert str(result.success_rule.source) == "7488/KH-UBND §III.4"


def test_two_packs_claiming_one_slug():
    host = PluginHost(autoload=False, plugins=[chuyenhoa_tayninh])
    with pytest.raises(PluginError, match="hai gói cùng nhận tỉnh 'tayninh'"):
        host.register(PackUnderTest(slug="tayninh"))


def test_misspelt_hook_is_refused():
    class Typo:
        @hookimpl
        def chuyenhoa_register_province(self, register):  # missing "s"
            pass

    host = PluginHost(autoload=False)
    with pytest.raises(PluginError, match="chuyenhoa_register_province"):
        host.register(Typo())
    assert "Typo" not in " ".join(host.plugin_names())


class FakeDist:
    def __init__(self, name):
        self.metadata = {"Name": name}
        self.version = "9.9"


class FakeEntryPoint:
    def __init__(self, name, dist, plugin=chuyenhoa_tayninh):
        self.name, self.value, self.dist, self._plugin = name, f"{dist}:plugin", FakeDist(dist), plugin
        self.group = "chuyenhoa"

    def load(self):
        return self._plugin


def test_entry_points_are_scanned_on_first_use_not_at_construction(monkeypatch):
    calls = []

    def fake_entry_points(group):
        calls.append(group)
        return [FakeEntryPoint("tayninh", "chuyenhoa-tayninh")]

    monkeypatch.setattr(metadata, "entry_points", fake_entry_points)
    host = PluginHost(autoload=True)
    assert calls == []
    spec = host.province("tayninh")
    assert calls == ["chuyenhoa"]
    assert (spec.distribution, spec.version) == ("chuyenhoa-tayninh", "9.9")


def test_asking_for_one_province_loads_every_pack_once(monkeypatch):
    """Every pack, because another may claim the slug under another entry-point name (test_broken_packs.py)."""
    loaded = []

    class Other:
        @hookimpl
        def chuyenhoa_register_provinces(self, register):
            loaded.append("other")

    monkeypatch.setattr(metadata, "entry_points", lambda group: [
        FakeEntryPoint("tayninh", "chuyenhoa-tayninh"), FakeEntryPoint("other", "chuyenhoa-other", Other())])
    host = PluginHost(autoload=True)
    assert loaded == []  # nothing before the first question
    host.province("tayninh")
    assert loaded == ["other"]
    host.provinces()
    assert loaded == ["other"]


def test_two_distributions_with_one_entry_point_name(monkeypatch):
    monkeypatch.setattr(metadata, "entry_points", lambda group: [
        FakeEntryPoint("tayninh", "chuyenhoa-tayninh"), FakeEntryPoint("tayninh", "chuyenhoa-tayninh-fork")])
    with pytest.raises(PluginError, match="chuyenhoa-tayninh-fork"):
        PluginHost(autoload=True).province("tayninh")


def test_environment_switch_disables_autoload(monkeypatch):
    monkeypatch.setenv(plugins_module.DISABLE_AUTOLOAD_ENV, "1")
    monkeypatch.setattr(metadata, "entry_points", lambda group: pytest.fail("scanned despite the switch"))
    host = PluginHost()
    assert host.autoload is False
    assert host.provinces() == {}
    with pytest.raises(UnknownProvinceError, match="CHUYENHOA_DISABLE_PLUGIN_AUTOLOAD"):
        host.province("tayninhh")
    assert host.province("tayninh").national  # no pack loaded: the province of the national map


def test_importing_the_package_scans_nothing():
    import subprocess
    import sys

    code = ("import importlib.metadata as m; calls=[]; m.entry_points=lambda **k: calls.append(k) or [];"
            "import chuyenhoa; assert calls == [], calls; print('ok')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "ok"


def test_plan_notes_hook_reaches_the_output():
    class Notes:
        @hookimpl
        def chuyenhoa_plan_notes(self, plan):
            return ["Cách đọc riêng của gói"]

    host = PluginHost(autoload=False, plugins=[chuyenhoa_tayninh, Notes()])
    result = evaluate("tayninh", 2024, host=host, as_of=dt.date(2024, 12, 31))
    assert "Cách đọc riêng của gói" in result.notes


# --- hooks are scoped by province --------------------------------------------------------

STRICT = SuccessRule(share=0.9, comparator=">=", source=Source("X/KH", "§2"), missing="not_met")
PROVINCE_CAP = SelectionPolicy(cap_share=0.2, scopes=[CapScope.PROVINCE], source=Source("X/KH", "§1"))


def strict(rule):
    """The pack's rule, whatever the national method completed in it (its gates' definitions)."""
    return rule.share == 0.9 and rule.source == STRICT.source


def province_cap(policy):
    return policy.cap_share == 0.2 and policy.source == PROVINCE_CAP.source


class Recording(PackUnderTest):
    """A pack for one province that overrides the cap and the success rule and notes every call."""

    def __init__(self, slug, **kwargs):
        super().__init__(slug, policy=PROVINCE_CAP, rule=STRICT, **kwargs)
        self.calls = []

    @hookimpl
    def chuyenhoa_selection_policy(self, plan, geography):
        self.calls.append("selection_policy")
        return self.policy

    @hookimpl
    def chuyenhoa_success_rule(self, plan):
        self.calls.append("success_rule")
        return self.rule


class GlobalRule:
    """A method plugin that registers no province: it answers for all of them."""

    def __init__(self):
        self.calls = []

    @hookimpl
    def chuyenhoa_success_rule(self, plan):
        self.calls.append(plan.province)
        return STRICT


@pytest.fixture
def tayninh_plan():
    spec = PluginHost(autoload=False, plugins=[chuyenhoa_tayninh]).province("tayninh")
    return spec.plan_for(2024), spec.geography_for(2024)[0]


def test_a_pack_is_called_for_its_province_and_not_for_another(tayninh_plan):
    plan, geography = tayninh_plan
    pack = Recording("testa")
    host = PluginHost(autoload=False, plugins=[chuyenhoa_tayninh, pack])
    other = host.hooks_for("tayninh")
    assert not strict(other.chuyenhoa_success_rule(plan=plan))
    assert not province_cap(other.chuyenhoa_selection_policy(plan=plan, geography=geography))
    assert pack.calls == []  # not even asked
    own = host.hooks_for("testa")
    assert strict(own.chuyenhoa_success_rule(plan=plan))
    assert province_cap(own.chuyenhoa_selection_policy(plan=plan, geography=geography))
    assert pack.calls == ["success_rule", "selection_policy"]
    assert strict(host.hook.chuyenhoa_success_rule(plan=plan))  # host.hook itself stays global


class Aliased(Recording):
    """A pack whose province also goes by an older name."""

    def __init__(self):
        super().__init__("testb")

    @hookimpl
    def chuyenhoa_register_provinces(self, register):
        register(tayninh_spec(slug="testb", plans=[], aliases=("testb-cu",)))


def test_a_pack_answers_for_its_aliases_too(tayninh_plan):
    plan, _ = tayninh_plan
    host = PluginHost(autoload=False, plugins=[Recording("testa"), Aliased()])
    assert strict(host.hooks_for("testb-cu").chuyenhoa_success_rule(plan=plan))
    assert strict(host.hooks_for("testb").chuyenhoa_success_rule(plan=plan))
    assert strict(host.hooks_for("testa").chuyenhoa_success_rule(plan=plan))
    assert not strict(host.hooks_for("khac").chuyenhoa_success_rule(plan=plan))  # no pack of its own


def test_a_plugin_without_a_province_is_called_for_every_province(tayninh_plan):
    plan, _ = tayninh_plan
    method = GlobalRule()
    host = PluginHost(autoload=False, plugins=[chuyenhoa_tayninh, Recording("testa"), method])
    assert strict(host.hooks_for("tayninh").chuyenhoa_success_rule(plan=plan))
    assert strict(host.hooks_for("testa").chuyenhoa_success_rule(plan=plan))
    assert method.calls == ["tayninh", "tayninh"]  # the plan's own province; the scope is the caller's


def test_a_pack_loaded_later_stays_out_of_other_provinces(tayninh_plan):
    plan, _ = tayninh_plan
    host = PluginHost(autoload=False, plugins=[chuyenhoa_tayninh])
    scope = host.hooks_for("tayninh")
    national = scope.chuyenhoa_success_rule(plan=plan)
    late = Recording("testa")
    host.register(late)
    assert host.hooks_for("tayninh") is scope  # kept per province
    assert scope.chuyenhoa_success_rule(plan=plan) == national
    assert late.calls == []
    assert strict(host.hooks_for("testa").chuyenhoa_success_rule(plan=plan))


def test_an_evaluation_never_calls_the_pack_of_another_province():
    """A pack registered for 'testa' that would tighten every rule leaves Tây Ninh's verdicts as they were."""
    import datetime as dt

    from chuyenhoa import evaluate

    as_of = dt.date(2024, 12, 31)
    alone = evaluate("tayninh", 2024, as_of=as_of, host=PluginHost(autoload=False, plugins=[chuyenhoa_tayninh]))
    pack = Recording("testa")
    beside = evaluate("tayninh", 2024, as_of=as_of,
                      host=PluginHost(autoload=False, plugins=[chuyenhoa_tayninh, pack]))
    assert pack.calls == []
    assert beside.to_json() == alone.to_json()
    own = PluginHost(autoload=False, plugins=[chuyenhoa_tayninh, GlobalRule()])  # a global plugin is called
    assert evaluate("tayninh", 2024, as_of=as_of, host=own).to_json() != alone.to_json()


def test_plan_shows_the_method_of_its_own_province_only():
    from chuyenhoa.method.plan import method_of

    host = PluginHost(autoload=False, plugins=[chuyenhoa_tayninh, Recording("testa")])
    spec = host.province("tayninh")
    method = method_of(host, spec, spec.plan_for(2024))
    assert not strict(method.rule) and not province_cap(method.policy)
    assert str(method.rule.source) == "7488/KH-UBND §III.4"


def test_award_hooks_of_a_pack_answer_for_its_province_only():
    """Tuyên Quang's check of the movement's classification no longer guards itself: the host scopes it."""
    from pathlib import Path

    import chuyenhoa_binhphuoc
    import chuyenhoa_tuyenquang

    from chuyenhoa.awards import evaluate_awards

    nominees = Path(__file__).parent / "awards_data" / "nominees.csv"
    host = PluginHost(autoload=False, plugins=[chuyenhoa_binhphuoc, chuyenhoa_tuyenquang])
    codes = lambda province: {f.code for f in evaluate_awards(province, nominees=nominees, host=host).findings}  # noqa: E731
    assert "movement_classification" not in codes("binhphuoc")
    assert "movement_classification" in codes("tuyenquang")


def test_a_global_award_hook_answers_for_every_province():
    from pathlib import Path

    import chuyenhoa_binhphuoc

    from chuyenhoa.awards import AwardFinding, evaluate_awards

    class Everywhere:
        @hookimpl
        def chuyenhoa_award_checks(self, plan, scheme, nominees):
            return [AwardFinding("everywhere", f"kiểm tra {plan.province}", severity="info")]

    nominees = Path(__file__).parent / "awards_data" / "nominees.csv"
    host = PluginHost(autoload=False, plugins=[chuyenhoa_binhphuoc, chuyenhoa_tayninh, Everywhere()])
    for province in ("binhphuoc", "tayninh"):
        result = evaluate_awards(province, nominees=nominees, host=host)
        assert [f.message for f in result.findings if f.code == "everywhere"] == [f"kiểm tra {province}"]


@pytest.mark.parametrize("pattern", ["*.toml", "*.json", "[0-9][0-9][0-9][0-9]"])
def test_a_packs_files_are_listed_as_glob_lists_them(tmp_path, pattern):
    """``ProvinceSpec.from_folder`` lists a pack's plans, maps and later samples without ``Path.glob`` (issue 17):
    the same paths as ``glob`` for names that match, nearly match and look alike, and for no folder at all."""
    from chuyenhoa.plugins.spec import _children

    names = ["a.toml", ".toml", "b.TOML", "c.toml.bak", "d.tom", "e.json", "f.JSON", "toml", "2025", "20251", "202a",
             "0000", "٢٠٢٥", "2０25", " 2025", "x.json.toml"]
    for name in names:
        (tmp_path / name).write_text("", encoding="utf-8")
    (tmp_path / "dir.toml").mkdir()
    (tmp_path / "2026").mkdir()
    assert sorted(_children(tmp_path, pattern)) == sorted(tmp_path.glob(pattern))
    assert _children(tmp_path / "missing", pattern) == list((tmp_path / "missing").glob(pattern)) == []
    assert _children(tmp_path / "a.toml", pattern) == list((tmp_path / "a.toml").glob(pattern)) == []
