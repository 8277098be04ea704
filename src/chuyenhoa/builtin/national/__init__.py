"""The national method, as a built-in plugin registered like any pack.

Kế hoạch 7488/KH-UBND (31/07/2017), implementing Quyết định 1960/QĐ-BCA-C41 of
08/06/2017, writes out the method every province uses: the criteria groups, the
15 % cap, the nine indicators of a hotspot and the ≥ 80 % success rule with its
two gates.  The 2021–2025 programme (Kế hoạch 113/KH-BCA-V01 of 22/03/2021)
keeps the goals of ≥ 60 % transformed each year and ≥ 85 % not relapsing.

All of it is data: ``7488-KH-UBND.toml`` beside this module, read by the plan-file
loader (:func:`chuyenhoa.reading.planfile.load_method`) on first use, with the values
that changed dated (the cap over the whole province from 01/07/2025, the instrument
that keeps the goals from 22/03/2021).  This module only answers the hooks from it.

Every hook here is ``trylast``: a pack that implements the same hook and returns
a value overrides the national method (``firstresult`` hooks stop at the first
non-None result).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Generator
from pathlib import Path

import attrs

from chuyenhoa.errors import PlanFileError
from chuyenhoa.i18n import _, translate
from chuyenhoa.model import (
    Geography,
    HotspotIndicator,
    Method,
    Period,
    Plan,
    SelectionPolicy,
    SuccessRule,
    Target,
)
from chuyenhoa.plugins.hookspecs import CommuneScorer, hookimpl

#: The method's file: the one place its values are written.
METHOD_FILE = Path(__file__).with_name("7488-KH-UBND.toml")


@functools.cache
def method() -> Method:
    """The national method, read once per process."""
    from chuyenhoa.reading.planfile import load_method

    return load_method(METHOD_FILE)


def year_end(year: int) -> dt.date:
    """The day a year's verdicts are given on: the values in force then apply."""
    return dt.date(year, 12, 31)


@hookimpl(trylast=True)
def chuyenhoa_default_plan(province: str, year: int) -> Plan | None:
    """From 2025, the national method is the plan of a province that has none of its own for ``year``.

    The plan names the national document of ``[default_plan]`` and covers the years
    from its first to next year (a later year has no plan yet): provinces approve
    hotspot lists every year, and a year with no provincial plan loaded must still
    run, saying so.  It has no targets: the cap, the success rule and the programme
    goals come from the method's own hooks, as for every plan.
    """
    head = method().default_plan
    last = dt.date.today().year + 1
    if head is None or not head.first_year <= year <= last:
        return None
    notes = (
        _("Không có kế hoạch của tỉnh cho năm {year}: áp dụng văn bản toàn quốc {document} của {issuer} ngày "
          "{date} và phương pháp toàn quốc ({method}).").format(
            year=year, document=head.id, issuer=head.issuer, date=f"{head.date:%d/%m/%Y}", method=method().id),
        translate(head.source.reading) if head.source.reading else "",
    )
    return Plan(id=head.id, province=province, title=head.title, issuer=head.issuer, date=head.date,
                years=tuple(range(head.first_year, last + 1)),
                period=Period(dt.date(head.first_year, 1, 1), dt.date(last, 12, 31), head.source),
                notes=tuple(n for n in notes if n), provincial=False)


@hookimpl(trylast=True)
def chuyenhoa_selection_policy(plan: Plan, geography: Geography) -> SelectionPolicy:
    """The plan's own ``[selection]``, else the national cap in force on the map's date."""
    return plan.selection if plan.selection is not None else method().selection.at(geography.as_of)


@hookimpl(wrapper=True, specname="chuyenhoa_selection_policy")
def leave_clause_from_the_method(plan: Plan, geography: Geography
                                 ) -> Generator[None, SelectionPolicy | None, SelectionPolicy | None]:
    """Whoever answered, a cap without its own leave-the-list clause cites the method's (§III.2)."""
    policy = yield
    if isinstance(policy, SelectionPolicy) and policy.leave_source is None:
        return attrs.evolve(policy, leave_source=method().selection.at(geography.as_of).leave_source)
    return policy


@hookimpl(trylast=True)
def chuyenhoa_commune_scorer(plan: Plan) -> CommuneScorer:
    from chuyenhoa.method.scoring import WeightedCriteriaScorer

    return WeightedCriteriaScorer(weights=dict(plan.weights))


@hookimpl(trylast=True)
def chuyenhoa_hotspot_indicators(plan: Plan) -> tuple[HotspotIndicator, ...]:
    return method().indicators


@hookimpl(trylast=True)
def chuyenhoa_success_rule(plan: Plan) -> SuccessRule:
    return plan.success if plan.success is not None else method().success


@hookimpl(wrapper=True, specname="chuyenhoa_success_rule")
def named_gates_from_the_method(plan: Plan) -> Generator[None, SuccessRule | None, SuccessRule | None]:
    """Whoever answered, a gate named by its id alone is the national method's gate of that id.

    A wrapper, so a pack's own rule (or its plan file's ``gates = ["crime_decreased"]``)
    gets the method's definition of the column, the test and the clause.
    """
    rule = yield
    if not isinstance(rule, SuccessRule) or all(gate.defined for gate in rule.gates):
        return rule
    gates = []
    for gate in rule.gates:
        defined = gate if gate.defined else method().gate(gate.id)
        if defined is None:
            known = ", ".join(g.id for g in method().success.gates)
            raise PlanFileError(plan.path or plan.id, "success.gates", _(
                "điều kiện '{gate}' không có trong phương pháp toàn quốc ({document}); các điều kiện có: {known}")
                .format(gate=gate.id, document=method().id, known=known))
        gates.append(defined)
    return attrs.evolve(rule, gates=tuple(gates))


@hookimpl(trylast=True)
def chuyenhoa_programme_goals(plan: Plan, year: int) -> tuple[Target, ...]:
    return method().goals.at(year_end(year))


def __getattr__(name: str) -> object:
    """The method's values as they stood in 2017, under the names earlier code used."""
    values = {
        "CAP": lambda: method().selection.first,
        "SUCCESS": lambda: method().success,
        "HOTSPOT_INDICATORS": lambda: method().indicators,
        "DOCUMENT": lambda: method().id,
    }
    if name in values:
        return values[name]()
    raise AttributeError(name)
