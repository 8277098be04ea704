"""Awards of an emulation movement: check a proposal against the plan's scheme, recommend within it.

The library in a few lines::

    from chuyenhoa.awards import evaluate_awards

    result = evaluate_awards("binhphuoc", 2024, nominees="nominees.csv", redact=True)
    result.compliant            # False when any finding is an error; None without a scheme
    result.recommended          # ('TT02', 'TT01', 'CN04', …)
    for finding in result.findings:
        print(finding.nominee_id, finding.code, finding.message, finding.source)
    open("awards.json", "w").write(result.to_json())

The scheme, the checks, the ranking and what happens to the final list are
hooks (:mod:`chuyenhoa.plugins.hookspecs`, stage 4); the built-in plugin
:mod:`chuyenhoa.builtin.awards` reads the plan's ``[awards]`` table.  Nothing is
imported here at module level: every host imports this package to register the
built-in plugin, so the public names below load on first access (PEP 562).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from chuyenhoa.awards.model import AwardFinding, AwardRanking, Nominee, NomineeKind, Severity
    from chuyenhoa.awards.nominees import NomineeFileError, load_nominees
    from chuyenhoa.awards.result import AwardsResult, Decision, Status
    from chuyenhoa.awards.scheme import (
        AwardScheme,
        DossierDocument,
        Priority,
        Quota,
        Requirement,
        ShareCap,
        parse_awards,
        scheme_from_plan,
    )
    from chuyenhoa.plugins.host import PluginHost

#: Where each public name lives; loaded on first access (PEP 562).
_LAZY = {
    **dict.fromkeys(("AwardFinding", "AwardRanking", "Nominee", "NomineeKind", "Severity"), "model"),
    **dict.fromkeys(("NomineeFileError", "load_nominees"), "nominees"),
    **dict.fromkeys(("AwardsResult", "Decision", "Status"), "result"),
    **dict.fromkeys(("AwardScheme", "DossierDocument", "Priority", "Quota", "Requirement", "ShareCap",
                     "parse_awards", "scheme_from_plan"), "scheme"),
}


def evaluate_awards(province: str, year: int | None = None, *, nominees: str | Path,
                    host: PluginHost | None = None, redact: bool = False) -> AwardsResult:
    """Check the proposal in ``nominees`` against the award scheme of the province's plan for ``year``.

    ``nominees`` is a CSV of the ``nominees`` table or a workbook with a
    ``nominees`` sheet (INDICATORS.md).  ``year`` picks the plan (the newest
    without it).  ``redact`` replaces every name by its ``nominee_id`` and leaves
    out every column that may hold personal data (``result.dropped_columns`` names
    them by header).  Raises a :class:`~chuyenhoa.errors.ChuyenhoaError` subclass on a
    bad file or plan; its message names rows and columns, never a cell (not even
    the ``nominee_id``: a shifted row puts a name there).
    """
    from chuyenhoa.awards.engine import evaluate_awards as run

    return run(province, year, nominees=nominees, host=host, redact=redact)


def __getattr__(name: str) -> object:
    """The public names, imported on first access so that building a plugin host stays cheap."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(f"chuyenhoa.awards.{module}"), name)


__all__ = [
    "AwardFinding",
    "AwardRanking",
    "AwardScheme",
    "AwardsResult",
    "Decision",
    "DossierDocument",
    "Nominee",
    "NomineeFileError",
    "NomineeKind",
    "Priority",
    "Quota",
    "Requirement",
    "Severity",
    "ShareCap",
    "Status",
    "evaluate_awards",
    "load_nominees",
    "parse_awards",
    "scheme_from_plan",
]
