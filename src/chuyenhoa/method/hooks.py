"""The method a plan runs under, as the plugins' hooks return it, checked before it is used.

Every rule the evaluation applies (the cap, the indicators, the success rule and its
gates, the scorer, the programme goals) comes through a hook, so a pack can replace
any of them.  What a hook returns is checked here, once per evaluation, as the awards
engine checks its hooks: a plugin that returns the wrong thing stops the run with an
error that names the plugin and the hook, not with a traceback deep in the method.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import attrs

from chuyenhoa.errors import PluginError
from chuyenhoa.i18n import _
from chuyenhoa.model import FieldsRepr, Geography, HotspotIndicator, Plan, SelectionPolicy, SuccessRule, Target
from chuyenhoa.plugins.hookspecs import CommuneScorer


@attrs.frozen(repr=False)
class ResolvedMethod(FieldsRepr):
    """The rules of one evaluation, each from the plugin that answered its hook first."""

    policy: SelectionPolicy
    indicators: tuple[HotspotIndicator, ...]
    rule: SuccessRule
    scorer: CommuneScorer
    goals: tuple[Target, ...]


def resolve_method(hook: Any, plan: Plan, geography: Geography, year: int) -> ResolvedMethod:
    """Ask the hooks for the rules of ``plan`` on ``geography`` in ``year`` and check each answer."""
    policy = _first(hook, "chuyenhoa_selection_policy", _is(SelectionPolicy), "SelectionPolicy",
                    plan=plan, geography=geography)
    indicators = tuple(_first(hook, "chuyenhoa_hotspot_indicators", _all(HotspotIndicator),
                              "tuple[HotspotIndicator, ...]", plan=plan))
    rule = _first(hook, "chuyenhoa_success_rule", _complete_rule, "SuccessRule", plan=plan)
    scorer = _first(hook, "chuyenhoa_commune_scorer", _is_scorer, "CommuneScorer", plan=plan)
    goals = tuple(_first(hook, "chuyenhoa_programme_goals", _all(Target), "tuple[Target, ...]",
                         plan=plan, year=year))
    return ResolvedMethod(policy, indicators, rule, scorer, goals)


def _is(kind: type) -> Callable[[object], bool]:
    return lambda value: isinstance(value, kind)


def _all(kind: type) -> Callable[[object], bool]:
    return lambda value: isinstance(value, (tuple, list)) and all(isinstance(v, kind) for v in value)


def _complete_rule(value: object) -> bool:
    """A success rule whose every gate says which column it reads, how, and under which clause."""
    return isinstance(value, SuccessRule) and all(gate.defined for gate in value.gates)


def _is_scorer(value: object) -> bool:
    return callable(getattr(value, "score", None)) and isinstance(getattr(value, "description", None), str)


def _first(hook: Any, name: str, valid: Callable[[object], bool], expected: str, **kwargs: object) -> Any:
    """The first non-None answer to a ``firstresult`` hook, refused with the plugin's name when it is not valid."""
    caller = getattr(hook, name)
    value = caller(**kwargs)
    if value is not None and valid(value):
        return value
    plugin = _answered_by(caller, kwargs) if value is not None else None
    if value is None:
        raise PluginError(_("không plugin nào trả lời hook {hook} (cần {expected})").format(
            hook=name, expected=expected))
    raise PluginError(_("plugin '{plugin}': hook {hook} trả về {value}, không phải {expected}").format(
        plugin=plugin or "?", hook=name, value=_shown(value), expected=expected))


def _answered_by(caller: Any, kwargs: Mapping[str, object]) -> str | None:
    """Which plugin's implementation gave the first non-None answer (pluggy calls them last-registered first).

    Only run when an answer is refused: the implementations are called again, one
    at a time, in pluggy's order, until one answers.
    """
    for implementation in reversed(caller.get_hookimpls()):
        if implementation.wrapper or implementation.hookwrapper:  # they pass an answer on, they do not give one
            continue
        answer = implementation.function(**{k: kwargs[k] for k in implementation.argnames})
        if answer is not None:
            return str(implementation.plugin_name)
    return None


def _shown(value: object) -> str:
    """A refused value in a message: its type, and for a rule the gates that lack their definition."""
    if isinstance(value, SuccessRule):
        missing = ", ".join(g.id for g in value.gates if not g.defined)
        return _("SuccessRule có điều kiện chưa định nghĩa (column, test, source): {gates}").format(gates=missing)
    return type(value).__name__
