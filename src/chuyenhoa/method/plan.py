"""The method a plan runs under, as the hooks resolve it: for showing a plan, not for evaluating data.

``chuyenhoa plan`` and the data-entry template show the cap, the hotspot
indicators and the success rule before any figure exists.  They must show the
method an evaluation will actually apply, so they resolve it as the engine does
(:func:`chuyenhoa.method.hooks.resolve_method`, with every answer checked), through
the hooks scoped to the plan's province
(:meth:`~chuyenhoa.plugins.host.PluginHost.hooks_for`).  The answer is plain data
the output stage is handed: output never calls a hook or looks up a host itself.
"""

from __future__ import annotations

import attrs

from chuyenhoa.method.hooks import resolve_method
from chuyenhoa.model import Geography, HotspotIndicator, Plan, SelectionPolicy, SuccessRule, Target
from chuyenhoa.plugins.host import PluginHost
from chuyenhoa.plugins.spec import ProvinceSpec

__all__ = ["PlanMethod", "method_of"]


@attrs.frozen
class PlanMethod:
    """The rules the hooks give for one plan and year, on that year's geography.

    ``warnings`` holds what the output must say beside them: a geography snapshot
    that does not stand for the year, for instance.
    """

    year: int
    geography: Geography
    policy: SelectionPolicy
    indicators: tuple[HotspotIndicator, ...]
    rule: SuccessRule
    goals: tuple[Target, ...] = ()
    warnings: tuple[str, ...] = ()


def method_of(host: PluginHost, spec: ProvinceSpec, plan: Plan, year: int | None = None) -> PlanMethod:
    """The method the hooks of ``plan``'s province give for ``year`` (default: the plan's last year).

    The geography is the snapshot for that year, the one an evaluation of it would
    use; the hooks are those an evaluation of the province calls.
    """
    year = year if year is not None else max(plan.years)
    geography, warning = spec.geography_for(year)
    resolved = resolve_method(host.hooks_for(plan.province), plan, geography, year)
    return PlanMethod(year=year, geography=geography, policy=resolved.policy, indicators=resolved.indicators,
                      rule=resolved.rule, goals=resolved.goals, warnings=(warning,) if warning else ())
