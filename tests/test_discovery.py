"""Entry points and versions read without importlib.metadata (chuyenhoa.plugins.discovery) are importlib.metadata's.

The scan is compared with ``importlib.metadata`` on this environment and on ``sys.path`` folders built to
exercise each rule (order, a name found twice, normalised names, egg-info, comments, other groups), and
every case the scan does not read itself must be handed to ``importlib.metadata``.
"""

from __future__ import annotations

import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

from chuyenhoa.plugins import discovery


def reference(group: str) -> list[tuple[str, str, str, str, str]]:
    return [(ep.name, ep.value, ep.group, ep.dist.metadata["Name"], ep.dist.version)
            for ep in metadata.entry_points(group=group)]


def scanned(group: str) -> list[tuple[str, str, str, str, str]]:
    return [(ep.name, ep.value, ep.group, ep.dist.metadata["Name"], ep.dist.version)
            for ep in discovery._scan(group)]


@pytest.mark.parametrize("group", ["chuyenhoa", "console_scripts", "pytest11", "nothing-here"])
def test_this_environment(group):
    if not discovery._plain_finders():
        pytest.skip("an import hook that knows distributions is installed: the scan hands over to importlib")
    assert scanned(group) == reference(group)


def dist(folder: Path, name: str, version: str, entry_points: str | None, *, suffix: str = ".dist-info",
         metadata_name: str | None = None, headers: str = "") -> None:
    info = folder / f"{name}-{version}{suffix}"
    info.mkdir(parents=True)
    (info / ("METADATA" if suffix == ".dist-info" else "PKG-INFO")).write_text(
        f"Metadata-Version: 2.1\nName: {metadata_name or name}\nVersion: {version}\n{headers}\nbody text\n",
        encoding="utf-8")
    if entry_points is not None:
        (info / "entry_points.txt").write_text(entry_points, encoding="utf-8")


@pytest.fixture
def path(tmp_path, monkeypatch):
    """Two folders, then nothing else: sys.path as a venv of made-up distributions."""
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    monkeypatch.setattr(sys, "path", [str(first), str(second), str(tmp_path / "missing")])
    metadata.FastPath.__new__.cache_clear()  # importlib.metadata caches folder listings by mtime
    return first, second


def test_order_duplicates_and_names(path):
    first, second = path
    dist(first, "chuyenhoa_tayninh", "0.1.0", "[chuyenhoa]\ntayninh = chuyenhoa_tayninh\n",
         metadata_name="chuyenhoa-tayninh")
    dist(first, "Other.Pack", "2.0", "# a comment\n[console_scripts]\nx = y:z\n\n[chuyenhoa]\n  other =  other.mod:plugin \n")
    dist(first, "no_entry_points", "1.0", None)
    dist(second, "Chuyenhoa.Tayninh", "0.0.9", "[chuyenhoa]\nold = old\n")  # the same name later on the path
    dist(second, "chuyenhoa-x", "1.0", "[chuyenhoa]\nx = x\n")  # the name before the first dash: "chuyenhoa"
    dist(second, "legacy", "3.1", "[chuyenhoa]\nlegacy = legacy\n", suffix=".egg-info")
    dist(second, "two", "1.0", "[chuyenhoa]\nfirst = a\nfirst = b\n")
    (second / "broken.egg-info").write_text("Name: broken\nVersion: 1\n", encoding="utf-8")  # a file, no folder
    for group in ("chuyenhoa", "console_scripts"):
        assert scanned(group) == reference(group)
    assert sorted(ep[0] for ep in scanned("chuyenhoa")) == ["first", "first", "legacy", "other", "tayninh", "x"]
    assert ("tayninh", "chuyenhoa_tayninh", "chuyenhoa", "chuyenhoa-tayninh", "0.1.0") in scanned("chuyenhoa")


def test_versions_by_normalised_name(path):
    first, second = path
    dist(first, "Foo_Bar", "1.2", None, metadata_name="Foo-Bar")
    dist(second, "foo.bar", "9.9", None)
    for name in ("foo-bar", "Foo.Bar", "FOO_BAR"):
        wanted = discovery._normalize(name)
        found = next(discovery._Distribution(p).version for n, p in discovery._folders() if n == wanted)
        assert found == metadata.version(name) == "1.2"


@pytest.mark.parametrize("case", ["upper-suffix", "folded", "no-name", "not-a-pair", "zip-on-path", "egg-folder"])
def test_what_the_scan_does_not_read_goes_to_importlib(path, case, tmp_path):
    first, _second = path
    if case == "upper-suffix":
        dist(first, "shout", "1.0", "[chuyenhoa]\nshout = shout\n", suffix=".DIST-INFO")
    elif case == "folded":
        dist(first, "folded", "1.0", "[chuyenhoa]\nfolded = folded\n")
        info = first / "folded-1.0.dist-info" / "METADATA"
        info.write_text("Metadata-Version: 2.1\nName: folded\nVersion:\n 1.0\n", encoding="utf-8")
    elif case == "no-name":
        dist(first, "", "1.0", "[chuyenhoa]\nx = x\n")
    elif case == "not-a-pair":
        dist(first, "odd", "1.0", "[chuyenhoa]\njust a line\n")
    elif case == "zip-on-path":
        (tmp_path / "app.zip").write_bytes(b"PK\x05\x06" + b"\0" * 18)
        sys.path.append(str(tmp_path / "app.zip"))
    elif case == "egg-folder":
        (tmp_path / "thing-1.0.egg").mkdir()
        sys.path.append(str(tmp_path / "thing-1.0.egg"))
    with pytest.raises(discovery._Plain):
        points = discovery._scan("chuyenhoa")
        for point in points:
            point.dist.metadata  # noqa: B018


def test_another_finder_of_distributions_hands_over(path, monkeypatch):
    class Finder:
        @staticmethod
        def find_distributions(context=None):
            return iter(())

    monkeypatch.setattr(sys, "meta_path", [*sys.meta_path, Finder])
    assert not discovery._plain_finders()


def test_a_loaded_importlib_metadata_answers(monkeypatch):
    """Once importlib.metadata is imported (always, under pytest) it is asked: its cost is paid, and a test
    that replaces its entry_points is obeyed."""
    monkeypatch.setattr(metadata, "entry_points", lambda group: ["asked"] if group == "chuyenhoa" else [])
    assert discovery.entry_points("chuyenhoa") == ["asked"]


def test_the_plugin_host_scans_without_importlib_metadata():
    code = ("import sys; from chuyenhoa.plugins.host import PluginHost, _own_version; "
            "from chuyenhoa.method.engine import version; host = PluginHost(autoload=True); "
            "slugs = sorted(host.provinces()); v = (version(), _own_version()); "
            "print('importlib.metadata' in sys.modules, slugs, v)")
    env = {"PATH": "/usr/bin:/bin"}
    fast = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    slow = subprocess.run([sys.executable, "-c", "import importlib.metadata; " + code], capture_output=True,
                          text=True, env=env, check=True)
    assert fast.stdout.startswith("False ") and slow.stdout.startswith("True "), (fast.stderr, slow.stderr)
    assert fast.stdout.split(" ", 1)[1] == slow.stdout.split(" ", 1)[1]
