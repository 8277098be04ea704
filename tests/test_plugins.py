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


def tayninh_spec(**changes):
    fields = {"slug": "tayninh", "name": "Tây Ninh", "code": "72",
              "plans": sorted((TN / "plans").glob("*.toml")), "geographies": sorted((TN / "geography").glob("*.json")),
              "sample": SampleData(TN / "sample" / "communes.csv", TN / "sample" / "province.csv")}
    fields.update(changes)
    return ProvinceSpec(**fields)


class PackUnderTest:
    """A pack registering Tây Ninh's files under another slug and overriding the method."""

    def __init__(self, slug="testpack", policy=None, rule=None):
        self.slug, self.policy, self.rule = slug, policy, rule

    @hookimpl
    def chuyenhoa_register_provinces(self, register):
        register(tayninh_spec(slug=self.slug, plans=[]))

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
    with pytest.raises(UnknownProvinceError, match="tayninh"):
        host.province("tayninh")


def test_pack_overrides_cap_and_success_rule():
    province_cap = SelectionPolicy(cap_share=0.15, scopes=[CapScope.PROVINCE], source=Source("X/KH", "§1"))
    strict = SuccessRule(share=0.9, comparator=">=", source=Source("X/KH", "§2"), missing="not_met")
    host = PluginHost(autoload=False, plugins=[chuyenhoa_tayninh, PackUnderTest(policy=province_cap, rule=strict)])
    result = evaluate("tayninh", 2024, host=host, as_of=dt.date(2024, 12, 31))
    assert [c.scope for c in result.selection.caps] == [CapScope.PROVINCE]
    assert result.selection.caps[0].cap == 14  # floor(0.15 × 94)
    assert result.success_rule is strict
    boundary = {h.commune_code: h for h in result.hotspots}["25687"]  # 4 of 5 with data
    assert boundary.transformed is False  # missing counted as not met under the pack's rule


def test_pack_returning_none_leaves_the_national_method():
    host = PluginHost(autoload=False, plugins=[chuyenhoa_tayninh, PackUnderTest()])
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


def test_one_province_is_loaded_by_name(monkeypatch):
    loaded = []

    class Other:
        @hookimpl
        def chuyenhoa_register_provinces(self, register):
            loaded.append("other")

    monkeypatch.setattr(metadata, "entry_points", lambda group: [
        FakeEntryPoint("tayninh", "chuyenhoa-tayninh"), FakeEntryPoint("other", "chuyenhoa-other", Other())])
    host = PluginHost(autoload=True)
    host.province("tayninh")
    assert loaded == []  # the other pack was not imported
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
        host.province("tayninh")


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
