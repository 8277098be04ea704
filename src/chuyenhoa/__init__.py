"""chuyenhoa: Vietnam's crime-hotspot ("chuyển hóa địa bàn") and emulation plans as code.

The library in ten lines::

    import chuyenhoa

    result = chuyenhoa.evaluate("tayninh", 2024)            # the pack's synthetic sample
    result = chuyenhoa.evaluate("tayninh", 2024, data="communes.csv",
                                province_data="province.csv")
    for target in result.targets:
        print(target.id, target.status.value, target.actual, target.source)
    print(result.to_dict()["summary"])
    open("result.json", "w").write(result.to_json())

Province packs are pluggy plugins in the entry-point group ``chuyenhoa``; write
one with :data:`hookimpl` and the hooks of :mod:`chuyenhoa.plugins.hookspecs`.
Importing this package scans nothing and imports nothing: each public name below loads its module
the first time it is used, and packs are found on first use.
"""

from __future__ import annotations

import importlib

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (7 ms): `import chuyenhoa` costs 1 ms
if TYPE_CHECKING:
    from typing import Any

    from chuyenhoa.errors import ChuyenhoaError, DataError, PlanFileError, PluginError
    from chuyenhoa.method.engine import evaluate, evaluate_dataset
    from chuyenhoa.method.result import Result
    from chuyenhoa.plugins.hookspecs import hookimpl
    from chuyenhoa.plugins.host import PluginHost, get_host
    from chuyenhoa.plugins.spec import ProvinceSpec, SampleData
    from chuyenhoa.reading.planfile import load_plan

#: Each public name and the module that defines it, imported on first use (PEP 562): ``import chuyenhoa``
#: then costs a few milliseconds, and a pack's ``from chuyenhoa import hookimpl`` loads the plugin contract
#: without the engine, the data readers and attrs' classes of the whole model.
_LAZY = {
    "ChuyenhoaError": "chuyenhoa.errors",
    "DataError": "chuyenhoa.errors",
    "PlanFileError": "chuyenhoa.errors",
    "PluginError": "chuyenhoa.errors",
    "PluginHost": "chuyenhoa.plugins.host",
    "ProvinceSpec": "chuyenhoa.plugins.spec",
    "Result": "chuyenhoa.method.result",
    "SampleData": "chuyenhoa.plugins.spec",
    "evaluate": "chuyenhoa.method.engine",
    "evaluate_dataset": "chuyenhoa.method.engine",
    "get_host": "chuyenhoa.plugins.host",
    "hookimpl": "chuyenhoa.plugins.hookspecs",
    "load_plan": "chuyenhoa.reading.planfile",
}


def __getattr__(name: str) -> Any:
    """A public name, imported from its module the first time it is asked for, then kept."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'chuyenhoa' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


def provinces() -> dict[str, ProvinceSpec]:
    """Every installed province pack, by slug."""
    from chuyenhoa.plugins.host import get_host

    return get_host().provinces()


__all__ = [
    "ChuyenhoaError",
    "DataError",
    "PlanFileError",
    "PluginError",
    "PluginHost",
    "ProvinceSpec",
    "Result",
    "SampleData",
    "evaluate",
    "evaluate_dataset",
    "get_host",
    "hookimpl",
    "load_plan",
    "provinces",
]
