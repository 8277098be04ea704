"""Installing where users are: a wheelhouse built by ``tools/build_wheelhouse.py`` installs with no network.

The slow test builds a Linux wheelhouse for the running Python into a temporary
folder, installs the project and every pack from it alone (``pip install
--no-index``) into a fresh virtual environment, and runs ``chuyenhoa provinces``
there.  Building needs PyPI: on a machine without network the test is skipped
with that reason, except in CI (``CI`` set), where it fails, as the Chromium and
LibreOffice tests do.  The quick tests check, on wheels made up here, the part of
the script pip itself does not do: following requirements with the markers and
``Requires-Python`` of the target, not of the machine that builds.
"""

from __future__ import annotations

import importlib.util
import os
import platform
import socket
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest

REPO = Path(__file__).resolve().parent.parent
TOOL = REPO / "tools" / "build_wheelhouse.py"
PACKS = sorted(p.parent.name for p in (REPO / "provinces").glob("*/pyproject.toml"))


def load_tool():
    spec = importlib.util.spec_from_file_location("build_wheelhouse", TOOL)
    module = importlib.util.module_from_spec(spec)
    sys.modules["build_wheelhouse"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def skip_or_fail(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI must run the offline-install test")
    pytest.skip(reason)


def no_network() -> str | None:
    """Why PyPI (or the index pip is configured with) cannot be reached; None when it can."""
    url = urlsplit(os.environ.get("PIP_INDEX_URL") or "https://pypi.org/simple/")
    host, port = url.hostname or "pypi.org", url.port or (80 if url.scheme == "http" else 443)
    try:
        with socket.create_connection((host, port), timeout=5):
            return None
    except OSError as exc:
        return f"no network: cannot reach {host}:{port} to download the dependencies ({exc})"


@pytest.mark.slow
def test_offline_install_from_a_linux_wheelhouse(tmp_path):
    if sys.platform != "linux" or platform.machine() != "x86_64":
        skip_or_fail(f"the test builds a manylinux x86_64 wheelhouse; this machine is {sys.platform} "
                     f"{platform.machine()}")
    reason = no_network()
    if reason:
        skip_or_fail(reason)
    python = f"{sys.version_info.major}.{sys.version_info.minor}"
    wheelhouse = tmp_path / "wheelhouse"
    built = subprocess.run([sys.executable, str(TOOL), "--platform", "linux", "--python", python,
                            "--output", str(wheelhouse)], capture_output=True, text=True, timeout=1200, check=False)
    assert built.returncode == 0, built.stdout[-4000:] + built.stderr[-4000:]
    requirements = (wheelhouse / "requirements.txt").read_text(encoding="utf-8").split()
    assert requirements[0].startswith("chuyenhoa==")
    assert {r.split("==")[0] for r in requirements} == {"chuyenhoa", *(f"chuyenhoa-{p}" for p in PACKS)}
    readme = (wheelhouse / "README.txt").read_text(encoding="utf-8")
    assert "--no-index" in readme and f"linux / Python {python}" in readme and "COMPLETE" in readme
    assert (wheelhouse / "SHA256SUMS.txt").is_file()

    # a fresh environment, installed from the wheelhouse alone: no index, no configuration, no cache
    environment = {k: v for k, v in os.environ.items()
                   if not k.startswith(("PIP_", "CHUYENHOA_")) and k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    environment |= {"PIP_CONFIG_FILE": os.devnull, "PIP_NO_CACHE_DIR": "1"}
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    installed = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "--disable-pip-version-check", "--no-index",
         "--find-links", str(wheelhouse), "chuyenhoa", *(f"chuyenhoa-{p}" for p in PACKS)],
        capture_output=True, text=True, timeout=900, check=False, env=environment, cwd=tmp_path)
    assert installed.returncode == 0, installed.stdout[-4000:] + installed.stderr[-4000:]
    listed = subprocess.run([str(venv / "bin" / "chuyenhoa"), "provinces"], capture_output=True, text=True,
                            timeout=120, check=False, env=environment, cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    for pack in PACKS:
        assert pack in listed.stdout, listed.stdout


# --- the check pip does not do -----------------------------------------------------------


def make_wheel(folder: Path, name: str, version: str, requires=(), python="", tag="py3-none-any") -> Path:
    path = folder / f"{name}-{version}-{tag}.whl"
    info = f"{name}-{version}.dist-info"
    lines = ["Metadata-Version: 2.1", f"Name: {name}", f"Version: {version}"]
    lines += [f"Requires-Python: {python}"] if python else []
    lines += [f"Requires-Dist: {r}" for r in requires]
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(f"{info}/METADATA", "\n".join(lines) + "\n")
    return path


def test_the_check_follows_the_targets_markers_and_python(tmp_path):
    tool = load_tool()
    make_wheel(tmp_path, "chuyenhoa", "0.1.0", ["typer>=0.12", "tomli>=2.0; python_version < '3.11'", "dateutil"])
    make_wheel(tmp_path, "typer", "0.28.0", ['colorama; platform_system == "Windows"', "rich; extra == 'all'"])
    make_wheel(tmp_path, "dateutil", "3.0.0")
    make_wheel(tmp_path, "dateutil", "4.0.0", python=">=3.11")

    def missing(platform_name, python):
        found = tool.closure(tool.wheels_in(tmp_path), ["chuyenhoa==0.1.0"], tool.Target(platform_name, python))
        return sorted(str(r) for r in found.missing), {n: str(w.version) for n, w in found.chosen.items()}

    # what `pip download --platform win_amd64 --python-version 3.10` misses when run on Linux with 3.11
    assert missing("windows", "3.10") == (["colorama", "tomli>=2.0"],
                                          {"chuyenhoa": "0.1.0", "typer": "0.28.0", "dateutil": "3.0.0"})
    assert missing("linux", "3.12")[0] == []
    assert missing("linux", "3.12")[1]["dateutil"] == "4.0.0"  # Requires-Python >=3.11 admits 3.12
    make_wheel(tmp_path, "colorama", "0.4.6", tag="py2.py3-none-any")
    make_wheel(tmp_path, "tomli", "2.5.0")
    assert missing("windows", "3.10")[0] == []


def test_linux_tags_are_manylinux_up_to_the_glibc_asked():
    tool = load_tool()
    target = tool.Target("linux", "3.11", (2, 28))
    assert target.platform_tags[0] == "manylinux_2_28_x86_64" and "manylinux2014_x86_64" in target.platform_tags
    assert "manylinux_2_31_x86_64" not in target.platform_tags
    args = target.pip_args()
    assert args[:1] == ["--only-binary=:all:"] and "cp311" in args
    assert tool.Target("windows", "3.13").platform_tags == ["win_amd64"]
