"""Packs that fail: one broken pack never takes the others down, and never shows a traceback.

Entry points are faked (``importlib.metadata.entry_points``), as in test_plugins.py: a pack that
does not import, one that calls ``sys.exit`` on import, one whose registration raises, one with a
wrong plan file, one with a misspelt hook, two that claim one slug under different entry-point names.
"""

from __future__ import annotations

import json
from importlib import metadata
from pathlib import Path

import chuyenhoa_binhphuoc
import chuyenhoa_tayninh
import pytest
from typer.testing import CliRunner

from chuyenhoa import ProvinceSpec, hookimpl
from chuyenhoa.cli.app import app
from chuyenhoa.errors import PluginError, UnknownProvinceError
from chuyenhoa.plugins import host as plugins_module
from chuyenhoa.plugins.host import PluginHost

runner = CliRunner()
NOMINEES = Path(__file__).resolve().parent / "awards_data" / "nominees.csv"
AS_OF = ("--as-of", "2024-12-31")


class Dist:
    def __init__(self, name: str) -> None:
        self.metadata = {"Name": name}
        self.version = "1.0"


class EntryPoint:
    group = "chuyenhoa"

    def __init__(self, name: str, dist: str, load: object) -> None:
        self.name, self.value, self.dist, self._load = name, dist.replace("-", "_"), Dist(dist), load

    def load(self) -> object:
        if isinstance(self._load, BaseException):
            raise self._load
        return self._load


def spec(slug: str, plans: list[Path] | None = None) -> ProvinceSpec:
    return ProvinceSpec(slug=slug, name=f"Tỉnh {slug}", code="99", plans=plans or [], geographies=[])


class RaisesOnRegister:
    """Registers one province, then raises: nothing of it may stay, its global hook included."""

    calls: list[str] = []

    @hookimpl
    def chuyenhoa_register_provinces(self, register):
        register(spec("hongdangky"))
        raise RuntimeError("lỗi trong gói\nở dòng thứ hai")

    @hookimpl
    def chuyenhoa_success_rule(self, plan):
        RaisesOnRegister.calls.append(plan.province)


class Typo:
    @hookimpl
    def chuyenhoa_selection_polcy(self, plan, geography):  # misspelt
        return None


class Claims:
    """A pack claiming the given slugs (a fork of another pack, or a pack with two provinces)."""

    def __init__(self, *slugs: str) -> None:
        self.slugs = slugs

    @hookimpl
    def chuyenhoa_register_provinces(self, register):
        for slug in self.slugs:
            register(spec(slug))


class JsonAgain:
    @hookimpl
    def chuyenhoa_register_output_renderers(self, register):
        register("json", lambda result, output, inputs, options: "{}")


def install(monkeypatch, *points: EntryPoint) -> PluginHost:
    """The two real packs (Tây Ninh, Bình Phước) and ``points``, found through entry points."""
    every = [EntryPoint("tayninh", "chuyenhoa-tayninh", chuyenhoa_tayninh), *points,
             EntryPoint("binhphuoc", "chuyenhoa-binhphuoc", chuyenhoa_binhphuoc)]
    monkeypatch.setattr(metadata, "entry_points", lambda group: every)
    host = PluginHost(autoload=True)
    plugins_module.reset_host(host)
    return host


def run(*args: str):
    # wide enough that a pack's error stays on its row (a narrower terminal moves it under the row)
    return runner.invoke(app, list(args), env={"COLUMNS": "400"})


def one_line_error(out, *words: str) -> None:
    assert out.exit_code == 2, out.output
    assert out.stderr.startswith("Lỗi: ") and out.stderr.count("\n") == 1, out.stderr
    assert "Traceback" not in out.output
    assert out.exception is None or isinstance(out.exception, SystemExit)
    for word in words:
        assert word in out.stderr, out.stderr


BROKEN = {
    "import_error": (EntryPoint("hanoi", "chuyenhoa-hanoi", ImportError("No module named 'chuyenhoa_hanoi'")),
                     "hanoi", "ImportError: No module named 'chuyenhoa_hanoi'"),
    "system_exit": (EntryPoint("hanoi", "chuyenhoa-hanoi", SystemExit(3)), "hanoi", "SystemExit: 3"),
    "register_raises": (EntryPoint("hongdangky", "chuyenhoa-hongdangky", RaisesOnRegister()), "hongdangky",
                        "RuntimeError: lỗi trong gói ở dòng thứ hai"),
    "misspelt_hook": (EntryPoint("saiten", "chuyenhoa-saiten", Typo()), "saiten", "chuyenhoa_selection_polcy"),
    "takes_a_builtin_format": (EntryPoint("json2", "chuyenhoa-json2", JsonAgain()), "json2",
                               "chuyenhoa.output.renderers và json2"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_provinces_lists_every_pack_that_loads_and_the_broken_one_with_its_error(monkeypatch, case):
    point, slug, error = BROKEN[case]
    install(monkeypatch, point)
    out = run("provinces")
    one_line_error(out, "1 gói tỉnh không dùng được", point.dist.metadata["Name"])
    assert "860/KH-UBND (2024)" in out.stdout and "binhphuoc" in out.stdout
    broken_line = next(line for line in out.stdout.splitlines() if line.startswith(slug))
    assert "LỖI: " in broken_line and error in broken_line
    listed = {p["slug"]: p for p in json.loads(run("provinces", "--format", "json").stdout)}
    assert {"tayninh", "binhphuoc", slug} <= set(listed)
    assert listed["tayninh"]["error"] is None and listed["tayninh"]["years"][0] == 2024
    assert listed["tayninh"]["pack"] and not listed["hochiminh"]["pack"]  # every province runs; the list says which
    assert error in listed[slug]["error"] and listed[slug]["distribution"] == point.dist.metadata["Name"]


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_other_provinces_keep_working_and_the_broken_one_says_why(monkeypatch, case):
    point, slug, error = BROKEN[case]
    install(monkeypatch, point)
    RaisesOnRegister.calls.clear()
    out = run("evaluate", "-p", "tayninh", *AS_OF, "--format", "json")
    assert out.exit_code == 0, out.output
    assert json.loads(out.stdout)["province"]["slug"] == "tayninh"
    assert RaisesOnRegister.calls == []  # the hooks of a pack set aside are gone
    assert run("plan", "-p", "binhphuoc").exit_code == 0
    one_line_error(run("evaluate", "-p", slug, *AS_OF), slug, error)
    one_line_error(run("evaluate", "-p", "tayninhh"), "không có gói tỉnh 'tayninhh'", f"{slug} không nạp được")


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_plugins_shows_the_broken_plugin(monkeypatch, case):
    point, slug, error = BROKEN[case]
    install(monkeypatch, point)
    out = run("plugins")
    one_line_error(out, "1 plugin không nạp được", point.dist.metadata["Name"])
    assert any(line.startswith(slug) and error in line for line in out.stdout.splitlines())
    listed = {p["name"]: p for p in json.loads(run("plugins", "--format", "json").stdout)}
    assert listed["tayninh"]["error"] is None and "chuyenhoa_register_provinces" in listed["tayninh"]["hooks"]
    assert error in listed[slug]["error"] and listed[slug]["hooks"] == []


def test_a_wrong_plan_file_is_listed_with_its_error(monkeypatch, tmp_path):
    plan = tmp_path / "ke-hoach.toml"
    plan.write_text("schema = 1\n[plan\nid = 'x'\n", encoding="utf-8")
    install(monkeypatch, EntryPoint("hongkehoach", "chuyenhoa-hongkehoach", Claims()))
    monkeypatch.setattr(Claims, "chuyenhoa_register_provinces",
                        hookimpl(lambda self, register: register(spec("hongkehoach", [plan]))))
    out = run("provinces")
    one_line_error(out, "chuyenhoa-hongkehoach")
    line = next(line for line in out.stdout.splitlines() if line.startswith("hongkehoach"))
    assert "Tỉnh hongkehoach" in line and "LỖI: " in line and str(plan) in line
    listed = {p["slug"]: p for p in json.loads(run("provinces", "-f", "json").stdout)}
    assert str(plan) in listed["hongkehoach"]["error"] and listed["tayninh"]["error"] is None
    assert run("evaluate", "-p", "tayninh", *AS_OF, "-f", "json").exit_code == 0
    one_line_error(run("evaluate", "-p", "hongkehoach"), str(plan))


def test_two_packs_claiming_one_slug_under_different_names_is_an_error_for_both(monkeypatch):
    install(monkeypatch, EntryPoint("tayninh-fork", "chuyenhoa-tayninh-fork", Claims("alpha", "tayninh")))
    both = ("hai gói cùng nhận tỉnh 'tayninh'", "chuyenhoa-tayninh", "chuyenhoa-tayninh-fork")
    # every command that touches either pack: the slug they share, the other slug of the fork
    for args in (["evaluate", "-p", "tayninh", *AS_OF], ["plan", "-p", "tayninh"], ["timeline", "-p", "tayninh"],
                 ["awards", "-p", "tayninh", "-n", str(NOMINEES)], ["evaluate", "-p", "alpha"],
                 ["template", "-p", "tayninh", "-o", "/tmp/none.xlsx"]):
        one_line_error(run(*args), *both)
    assert run("evaluate", "-p", "binhphuoc", *AS_OF, "-f", "json").exit_code == 0
    out = run("provinces", "--format", "json")
    one_line_error(out, "2 gói tỉnh không dùng được: ")
    assert set(out.stderr.split(": ", 2)[2].strip().split(", ")) == {"chuyenhoa-tayninh", "chuyenhoa-tayninh-fork"}
    listed = json.loads(out.stdout)
    assert [p["slug"] for p in listed if p["error"] is None and p["pack"]] == ["binhphuoc"]
    assert "tayninh" not in [p["slug"] for p in listed if not p["pack"]]  # a broken pack is not run without it
    assert all(word in p["error"] for p in listed if p["error"] for word in both)


@pytest.mark.parametrize("order", ["original_first", "fork_first"])
def test_the_clash_does_not_depend_on_which_pack_loads_first(monkeypatch, order):
    fork = EntryPoint("fork", "chuyenhoa-fork", Claims("alpha", "tayninh"))
    points = [EntryPoint("tayninh", "chuyenhoa-tayninh", chuyenhoa_tayninh), fork]
    monkeypatch.setattr(metadata, "entry_points", lambda group: points if order == "original_first" else points[::-1])
    host = PluginHost(autoload=True)
    for slug in ("tayninh", "alpha", "fork"):
        with pytest.raises(PluginError, match="hai gói cùng nhận tỉnh 'tayninh'"):
            host.province(slug)
    assert host.provinces() == {}
    assert {b.name for b in host.broken()} == {"tayninh", "fork"}


def test_a_third_pack_claiming_a_contested_slug_is_refused_too(monkeypatch):
    install(monkeypatch, EntryPoint("one", "chuyenhoa-one", Claims("tayninh")),
            EntryPoint("two", "chuyenhoa-two", Claims("tayninh")))
    with pytest.raises(PluginError, match="chuyenhoa-one"):
        plugins_module.get_host().province("tayninh")
    assert {b.name for b in plugins_module.get_host().broken()} == {"tayninh", "one", "two"}


def test_two_distributions_with_one_entry_point_name_leave_the_others_working(monkeypatch):
    install(monkeypatch, EntryPoint("tayninh", "chuyenhoa-tayninh-fork", Claims("tayninh")))
    one_line_error(run("evaluate", "-p", "tayninh"), "chuyenhoa-tayninh 1.0", "chuyenhoa-tayninh-fork 1.0")
    assert run("evaluate", "-p", "binhphuoc", *AS_OF).exit_code == 0


def test_a_pack_registered_in_code_that_raises_leaves_nothing_behind():
    host = PluginHost(autoload=False)
    with pytest.raises(PluginError, match="gói 'raises' lỗi khi đăng ký: RuntimeError"):
        host.register(RaisesOnRegister(), name="raises")
    assert "raises" not in host.plugin_names()
    with pytest.raises(UnknownProvinceError):
        host.province("hongdangky")
    assert host.broken() == ()  # registered in code: the caller got the error, nothing is set aside
