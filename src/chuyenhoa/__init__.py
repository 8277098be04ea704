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
Importing this package scans nothing: packs are found on first use.
"""

from __future__ import annotations

from chuyenhoa.errors import ChuyenhoaError, DataError, PlanFileError, PluginError
from chuyenhoa.method.engine import evaluate, evaluate_dataset
from chuyenhoa.method.result import Result
from chuyenhoa.plugins.hookspecs import hookimpl
from chuyenhoa.plugins.host import PluginHost, get_host
from chuyenhoa.plugins.spec import ProvinceSpec, SampleData
from chuyenhoa.reading.planfile import load_plan


def provinces() -> dict[str, ProvinceSpec]:
    """Every installed province pack, by slug."""
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
