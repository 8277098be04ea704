"""``import chuyenhoa`` imports nothing but itself; its public names load their module when first asked for."""

from __future__ import annotations

import subprocess
import sys

import pytest


def _modules_after(code: str) -> list[str]:
    probe = (f"import sys; {code}; print(sorted(m for m in sys.modules if m.split('.')[0] in "
             "('chuyenhoa', 'attr', 'attrs', 'pluggy', 'typer', 'numpy', 'importlib.metadata', 'email')"
             " or m == 'importlib.metadata'))")
    return eval(subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout)


def test_import_chuyenhoa_imports_nothing_else():
    assert _modules_after("import chuyenhoa") == ["chuyenhoa"]


def test_a_pack_importing_hookimpl_gets_the_contract_not_the_engine():
    loaded = _modules_after("from chuyenhoa import hookimpl, ProvinceSpec")
    assert "chuyenhoa.plugins.hookspecs" in loaded and "chuyenhoa.plugins.spec" in loaded
    assert not [m for m in loaded if m.startswith(("chuyenhoa.method", "chuyenhoa.reading.dataset", "chuyenhoa.cli"))]


@pytest.mark.parametrize("name", ["ChuyenhoaError", "DataError", "PlanFileError", "PluginError", "PluginHost",
                                  "ProvinceSpec", "Result", "SampleData", "evaluate", "evaluate_dataset", "get_host",
                                  "hookimpl", "load_plan", "provinces"])
def test_every_public_name_resolves(name):
    import importlib

    import chuyenhoa

    value = getattr(chuyenhoa, name)
    if name != "provinces":
        assert value is getattr(importlib.import_module(chuyenhoa._LAZY[name]), name)
    assert name in dir(chuyenhoa) and name in chuyenhoa.__all__


def test_unknown_names_and_submodules():
    import chuyenhoa

    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        chuyenhoa.nothing  # noqa: B018
    from chuyenhoa import model  # a submodule still imports as one

    assert model.__name__ == "chuyenhoa.model"


def test_chuyenhoa_provinces_parses_no_plan_and_opens_no_map(tmp_path):
    """``chuyenhoa provinces`` (issue 17: at most half the OpenFisca peer's time) lists every province from the
    packs' registrations, the plan files as kept beside them after a first run (``reading/tomlcache.py``) and the
    province summaries of ``index.json``: no TOML parser, no gzipped map, no commune conversion table (where Bình
    Phước went), no evaluation engine, no typer."""
    import os

    env = {k: v for k, v in os.environ.items()
           if k not in ("CHUYENHOA_DISABLE_PLUGIN_AUTOLOAD", "PYTHONDONTWRITEBYTECODE", "CHUYENHOA_LANG", "COLUMNS")}
    env["PYTHONPYCACHEPREFIX"] = str(tmp_path)  # plan files kept there, as bytecode is, never in the tree
    code = (
        "import atexit, sys\n"
        "def report():\n"
        "    from chuyenhoa.reading import geography as g\n"
        "    catalogue = g._catalogue()\n"
        "    print(sorted(m for m in sys.modules if m in ('tomllib', 'tomli', 'gzip', 'typer', 'numpy')\n"
        "                 or m.startswith(('chuyenhoa.method', 'chuyenhoa.reading.dataset'))),\n"
        "          [i for i, m in catalogue.maps.items() if m._provinces is not None],\n"
        "          [c.id for c in catalogue.conversions if 'data' in c._memo], file=sys.stderr)\n"
        "atexit.register(report)\n"
        "from chuyenhoa.cli.fast import main\n"
        "main(['provinces'])\n")
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False)
            for _ in range(2)]  # the first keeps the parsed plan files
    assert runs[0].stdout == runs[1].stdout and "binhphuoc:" in runs[1].stdout
    assert runs[1].stderr.splitlines()[-1] == "[] [] []", runs[1].stderr


def test_evaluate_on_a_packs_province_imports_only_what_it_uses(tmp_path):
    """``chuyenhoa evaluate`` of a pack's province on one map (issue 17: at most half the OpenFisca peer's time)
    asks ``index.json`` which map a year is on (``reading/maps.py``) and builds none of the national lists; it
    imports no history store, no ``fractions`` or ``decimal`` (the cap is computed in integers), no ``difflib``
    (only for a column the catalogue lacks), no typer, no NumPy.  The JSON is the one the full path writes: the
    other tests compare it."""
    import os

    env = {k: v for k, v in os.environ.items()
           if k not in ("CHUYENHOA_DISABLE_PLUGIN_AUTOLOAD", "PYTHONDONTWRITEBYTECODE", "CHUYENHOA_LANG", "CHUYENHOA_DB")}
    code = (
        "import atexit, sys\n"
        "atexit.register(lambda: print(sorted(m for m in sys.modules if m in ('fractions', 'decimal', 'difflib',\n"
        "    'typer', 'numpy', 'chuyenhoa.reading.geography', 'chuyenhoa.store.location', 'tomllib')),\n"
        "    file=sys.stderr))\n"
        "from chuyenhoa.cli.fast import main\n"
        "main(['evaluate', '-p', 'tayninh', '--year', '2024', '-f', 'json'])\n")
    env["PYTHONPYCACHEPREFIX"] = str(tmp_path)  # the plan files are kept there after the first run
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False)
            for _ in range(2)]
    assert runs[1].returncode == 0 and '"slug": "tayninh"' in runs[1].stdout, runs[1].stderr
    assert runs[1].stderr.splitlines()[-1] == "[]", runs[1].stderr


def test_which_map_a_day_is_on_is_the_snapshots():
    """:func:`chuyenhoa.reading.maps.map_on` is ``snapshot_on(day).map_id`` on every day from 2000 to 2040."""
    import datetime as dt

    from chuyenhoa.reading import geography, maps

    day, last = dt.date(2000, 1, 1), dt.date(2040, 12, 31)
    while day <= last:
        assert maps.map_on(day) == geography.snapshot_on(day).map_id, day
        day += dt.timedelta(days=1)
    assert geography.UnknownUnitError is maps.UnknownUnitError and geography.load_geography is maps.load_geography
