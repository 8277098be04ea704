"""Every hook a province pack (or any plugin) may implement, in the order a run uses them.

This module is the contract and its documentation, as pytest's ``hookspec.py`` is.
Each spec says when it is called, what it receives, what it returns and, where it
is ``firstresult``, that the first non-None result wins.  The national method of
7488/KH-UBND is itself a plugin (:mod:`chuyenhoa.builtin.national`) implementing these
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

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Protocol

import pluggy

if TYPE_CHECKING:
    from chuyenhoa.awards.model import AwardFinding, AwardRanking, Nominee
    from chuyenhoa.awards.result import AwardsResult
    from chuyenhoa.awards.scheme import AwardScheme
    from chuyenhoa.method.scoring import CommuneScore
    from chuyenhoa.model import Geography, HotspotIndicator, Plan, SelectionPolicy, SuccessRule, Target
    from chuyenhoa.plugins.spec import ProvinceSpec
    from chuyenhoa.reading.dataset import Dataset

PROJECT = "chuyenhoa"
hookspec = pluggy.HookspecMarker(PROJECT)
#: The marker a plugin implements hooks with; ``chuyenhoa.hookimpl`` is this same object.
hookimpl = pluggy.HookimplMarker(PROJECT)


class CommuneScorer(Protocol):
    """What ``chuyenhoa_commune_scorer`` returns: ranks a comparison unit's communes for a proposal."""

    @property
    def description(self) -> str:
        """How the score is made, shown with every proposal."""
        ...

    def score(self, dataset: Dataset, rows: Mapping[str, Sequence[int]]) -> Mapping[str, CommuneScore]:
        """Score the rows of each comparison unit (unit code → row indices), by commune code."""
        ...


# --- Stage 1: registration ------------------------------------------------------------


@hookspec
def chuyenhoa_register_provinces(register: Callable[[ProvinceSpec], None]) -> None:
    """Register the provinces a pack provides, by calling ``register(spec)`` once each.

    Called once, when the plugins are first used.  ``spec`` is a
    :class:`chuyenhoa.plugins.spec.ProvinceSpec`: the slug, the plan files, the
    geography snapshots and the bundled sample.  The host checks names in one
    place: two packs registering one slug is an error naming both.
    """


@hookspec(firstresult=True)
def chuyenhoa_default_plan(province: str, year: int) -> Plan | None:
    """Return the plan that applies to ``province`` in ``year`` when none of its own covers that year.

    Stops at the first non-None result.  Called by
    :meth:`~chuyenhoa.plugins.spec.ProvinceSpec.plan_for` (through the hooks scoped to
    ``province``) only after the province's own plans, and only for a year the
    province exists in (a province merged away is refused first, saying where it
    went).  The built-in national plugin returns, from 2025, a
    :class:`~chuyenhoa.model.Plan` with ``provincial`` False: the national document
    of the method file's ``[default_plan]`` (Kế hoạch 113/KH-BCA-V01), the years from
    2025 to next year, no targets (the national method's cap, success rule and
    programme goals are the plan) and a note saying that no provincial plan is
    loaded; None before 2025.  A pack may return a plan of its own making instead.
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
    is :class:`chuyenhoa.method.scoring.WeightedCriteriaScorer`: the four criteria groups
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


@hookspec(firstresult=True)
def chuyenhoa_programme_goals(plan: Plan, year: int) -> tuple[Target, ...] | None:
    """Return the programme's goals for ``year``: targets on values the tool computes from the verdicts.

    Stops at the first non-None result.  Each is a :class:`~chuyenhoa.model.Target`
    whose ``indicator`` is a computed one (``transformed_share``, ``no_relapse_share``)
    and whose id starts ``national.``; they are judged beside the plan's own targets.
    The built-in plugin returns the goals of 7488/KH-UBND §II.1 in force on 31/12 of
    ``year`` (≥ 60 % transformed, ≥ 85 % not relapsing; from 22/03/2021 kept by
    Kế hoạch 113/KH-BCA-V01).
    """


@hookspec
def chuyenhoa_plan_notes(plan: Plan) -> list[str] | None:
    """Return notes to print with every result for ``plan`` (readings applied, caveats).

    Every plugin's notes are shown, in pluggy's call order (the plugin registered
    last is called first).  The built-in plugin
    adds nothing; a pack uses this to make an interpretation visible in the output.
    """


# --- Stage 4: awards (the emulation movement) ---------------------------------------


@hookspec(firstresult=True)
def chuyenhoa_award_scheme(plan: Plan) -> AwardScheme | None:
    """Return the award scheme of ``plan``: form, quotas per kind, caps on shares, standards, priorities, dossier.

    Stops at the first non-None result.  Called once per ``chuyenhoa awards``
    run.  The built-in awards plugin (:mod:`chuyenhoa.builtin.awards`) returns the
    plan file's ``[awards]`` table, checked by
    :func:`chuyenhoa.awards.scheme.scheme_from_plan` (a wrong table is a
    ``PlanFileError`` naming the key), and None when the plan has none: the
    output then says the plan sets no scheme, and no quota is invented
    (Đồng Nai 2017, Tây Ninh 2024, Tuyên Quang 2024).
    """


@hookspec
def chuyenhoa_award_checks(
    plan: Plan, scheme: AwardScheme | None, nominees: tuple[Nominee, ...]
) -> list[AwardFinding] | None:
    """Return findings on a proposal: every plugin's findings are kept, none stops the others.

    Called once per run, also when ``scheme`` is None, so a pack can attach a
    condition of its own to a plan without quotas (Tuyên Quang: awards based on
    the movement's classification, Quyết định 510/QĐ-BCA-V05, read from a column
    of the pack's own that :class:`~chuyenhoa.awards.model.Nominee` keeps in
    ``extra``).  A finding of severity ``error`` makes the proposal
    non-compliant and, when it names a ``nominee_id``, puts that nominee out of
    the recommendation.  The built-in plugin checks the quota of each kind, each
    cap on a share, the standards and the dossier.  Nominees carry names:
    a message names a nominee by ``nominee_id`` only.
    """


@hookspec(firstresult=True)
def chuyenhoa_award_ranking(plan: Plan, scheme: AwardScheme | None) -> AwardRanking | None:
    """Return how nominees of one kind are ordered before the quota is filled.

    Stops at the first non-None result.  An
    :class:`~chuyenhoa.awards.model.AwardRanking` holds a ``key`` (smallest
    first; the host adds ``nominee_id`` as the last tie-breaker) and a
    ``description`` printed with the recommendation.  The built-in one ranks by
    the scheme's priorities in order (Bình Phước: grassroots collectives first,
    individuals without a leadership post first), then by the proposing body's
    ``achievement_score`` (highest first), then by ``nominee_id``.
    """


@hookspec
def chuyenhoa_award_recommendation(plan: Plan, result: AwardsResult) -> None:
    """Receive the final result (findings, decisions, recommended list) to record or export it.

    Called once per run, after the recommendation is built, for every plugin;
    return values are ignored.  ``result`` is what the user sees: with
    ``--redact`` its names are already replaced by ids.  The built-in plugin
    does not implement it.
    """


# --- Stage 5: output formats ----------------------------------------------------------

if TYPE_CHECKING:
    from collections.abc import Mapping as _Mapping
    from pathlib import Path


class OutputRenderer:
    """An output format of ``chuyenhoa evaluate --format NAME``, as a plugin registers it.

    ``render(result, output, inputs, options)`` receives the evaluation result
    (:class:`chuyenhoa.method.result.Result`), the ``--output`` path or None, the
    data files read (never to be written over: :mod:`chuyenhoa.output.files`) and
    the command's other options (``number``, ``signer``, ``signer_title``,
    ``place``, ``recipients``: the Word report's).  It returns text, which the
    command writes to standard output or, with ``--output``, to that file whole;
    or the path it wrote itself (a workbook, a folder), which the command names.

    ``stdout`` says the format may go to standard output: without it the command
    asks for ``--output`` and shows ``example`` (``ket-qua.xlsx``; marked ``N_``
    for a built-in, shown in the current language) so the user knows what to type.
    ``folder`` says ``--output`` names a folder, not a file.  A plain class, not
    attrs: this module is imported by every command, at start-up.
    """

    __slots__ = ("example", "folder", "render", "stdout")

    def __init__(
        self,
        render: Callable[[object, Path | None, tuple[Path | None, ...], _Mapping[str, object]], str | Path],
        *,
        stdout: bool = True,
        folder: bool = False,
        example: str = "",
    ) -> None:
        self.render = render
        self.stdout = stdout
        self.folder = folder
        self.example = example

    def __repr__(self) -> str:
        name = getattr(self.render, "__qualname__", repr(self.render))
        return f"OutputRenderer({name}, stdout={self.stdout}, folder={self.folder}, example={self.example!r})"


@hookspec
def chuyenhoa_register_output_renderers(
    register: Callable[[str, OutputRenderer | Callable[..., object]], None],
) -> None:
    """Register output formats of ``chuyenhoa evaluate``, by calling ``register(name, renderer)`` once each.

    Called once per plugin, when the host registers it (as
    ``chuyenhoa_register_provinces`` is), so the host knows which plugin gave
    which format.  ``name`` is what ``--format`` accepts (``yaml``);
    ``renderer`` is an :class:`OutputRenderer`, or a bare callable
    ``(result, output, inputs, options) -> str | Path`` taken as one that can
    write to standard output.  The seven built-in formats (table, json, html,
    docx, xlsx, csv, md) are registered the same way by
    :mod:`chuyenhoa.output.renderers`; two plugins registering one name is an
    error naming both.  Formats are global: a pack's format serves every province.
    """
