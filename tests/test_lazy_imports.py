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
