"""Every hook a province pack (or any plugin) may implement, in the order a run uses them.

This module is the contract and its documentation, as pytest's ``hookspec.py`` is.
Each spec says when it is called, what it receives, what it returns and, where it
is ``firstresult``, that the first non-None result wins.  The national method of
7488/KH-UBND is itself a plugin (:mod:`chuyenhoa.national`) implementing these
hooks with ``trylast=True``, so a pack that implements the same hook overrides it
simply by returning a value.

Implement a hook with :data:`chuyenhoa.hookimpl`::

    from chuyenhoa import hookimpl

    @hookimpl
    def chuyenhoa_register_provinces(register):
        register(ProvinceSpec(...))

A hook implementation whose name is misspelt is reported when the plugins load
(``PluginManager.check_pending``), never silently ignored.  ``docs/hooks.md``
holds one section per hook; a test fails when a hook lacks its section.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from chuyenhoa.model import Geography, HotspotIndicator, Plan, SelectionPolicy, SuccessRule
    from chuyenhoa.registry import ProvinceSpec
    from chuyenhoa.scoring import CommuneScorer

PROJECT = "chuyenhoa"
hookspec = pluggy.HookspecMarker(PROJECT)


# --- Stage 1: registration ------------------------------------------------------------


@hookspec
def chuyenhoa_register_provinces(register: Callable[[ProvinceSpec], None]) -> None:
    """Register the provinces a pack provides, by calling ``register(spec)`` once each.

    Called once, when the plugins are first used.  ``spec`` is a
    :class:`chuyenhoa.registry.ProvinceSpec`: the slug, the plan files, the
    geography snapshots and the bundled sample.  The host checks names in one
    place: two packs registering one slug is an error naming both.
    """


# --- Stage 2: the method of selection -----------------------------------------------


@hookspec(firstresult=True)
def chuyenhoa_selection_policy(plan: Plan, geography: Geography) -> SelectionPolicy | None:
    """Return the cap on hotspots for ``plan``: share, scope(s), rounding, minimum per district.

    Stops at the first non-None result.  The built-in national plugin returns the
    plan file's ``[selection]`` table if it has one, else 15 % of the communes of
    each district, rounded down (7488/KH-UBND §III.2, §V.1, §V.4.a); for a
    geography without districts (from 07/2025), 15 % of the province's communes.  A pack may
    read the cap for the whole province, or set a minimum per district
    (DOMAIN.md, ambiguities 1 and 2); the output then says which reading applied.
    """


@hookspec(firstresult=True)
def chuyenhoa_commune_scorer(plan: Plan) -> CommuneScorer | None:
    """Return the scorer that ranks communes when hotspots are proposed.

    Stops at the first non-None result.  Called once per evaluation; the scorer is
    then applied to every candidate commune in a plain loop (not through the
    plugin manager, which would cost a hook call per commune).  The built-in one
    is :class:`chuyenhoa.scoring.WeightedCriteriaScorer`: the four criteria groups
    of 7488 §III.3, weights from the plan's ``[weights]`` or the defaults, every
    criterion's contribution visible.  A score is a proposal for people to decide
    on, never a verdict.
    """


# --- Stage 3: the method of evaluation ----------------------------------------------


@hookspec(firstresult=True)
def chuyenhoa_hotspot_indicators(plan: Plan) -> tuple[HotspotIndicator, ...] | None:
    """Return the indicators each hotspot is evaluated against.

    Stops at the first non-None result.  The built-in plugin returns the nine of
    7488/KH-UBND §II.2, each with its comparator and threshold as written
    ("từ 80 % trở lên" is ``>=`` 80).
    """


@hookspec(firstresult=True)
def chuyenhoa_success_rule(plan: Plan) -> SuccessRule | None:
    """Return the rule that says a hotspot was transformed ("chuyển hóa thành công").

    Stops at the first non-None result.  The built-in plugin returns the plan
    file's ``[success]`` table if any, else ≥ 80 % of the indicators with data met,
    plus the two gates "crime basically decreased" and "no new complexity"
    (7488/KH-UBND §III.4; DOMAIN.md, ambiguity 3).
    """


@hookspec
def chuyenhoa_plan_notes(plan: Plan) -> list[str] | None:
    """Return notes to print with every result for ``plan`` (readings applied, caveats).

    Every plugin's notes are shown, in pluggy's call order (the plugin registered
    last is called first).  The built-in plugin
    adds nothing; a pack uses this to make an interpretation visible in the output.
    """


# --- Stage 4: awards (the emulation movement) ---------------------------------------
# The award hooks (scheme, checks, ranking, final recommendation) come with the
# awards issue.  Plans already keep their ``[awards]`` table in ``Plan.awards`` so
# packs can ship the data before the hooks exist.
