"""A testing kit for province packs: the shared test base, and assertions that say what a plan holds.

As python-holidays' ``CommonCountryTests`` with its ``assertHoliday``: a pack's test
module declares what its documents and geography say, inherits the checks every pack
must pass, and pins each number of its document in one line that reads like the text::

    from chuyenhoa.testing import ProvincePackTests
    import chuyenhoa_tayninh

    class TestTayNinh(ProvincePackTests):
        plugin = chuyenhoa_tayninh
        slug = "tayninh"
        districts = 9
        communes = 94
        plan_ids = {"860/KH-UBND"}
        sources = {"860/KH-UBND": "002_869f96d070f2dfb7.txt"}

        def test_clearance(self, spec):
            self.assert_target(spec.plan_for(2024), "clearance_rate", "trên", 75, "§II.2")

        def test_sample(self, sample_result):
            self.assert_verdicts(sample_result, not_met={"clearance_rate"}, ...)

Only checks that can fail are here: what the plan-file loader already refuses (a
value without its clause, two targets with one id, a plan of another province, a
commune code that is not a GSO code) needs no test of its own.  The assertions are
plain functions too (:func:`assert_target`, :func:`assert_cap`,
:func:`assert_verdicts`, :func:`assert_milestone`, :func:`assert_quotes_in_sources`),
and each failure says what it found, not only what it expected.

The base class is not collected itself (its name does not start with ``Test``).
Tests build their own :class:`~chuyenhoa.plugins.host.PluginHost` with autoloading
off, so packs installed on the machine never leak into a pack's tests; the sample is
evaluated once per class (:meth:`ProvincePackTests.sample_result`), since every test
only reads the result.
"""

from __future__ import annotations

import datetime as dt
import enum
import importlib.util
import inspect
import json
import re
import unicodedata
from collections.abc import Collection, Iterable, Iterator, Mapping
from pathlib import Path
from types import ModuleType
from typing import ClassVar

import attrs
import pytest

from chuyenhoa.comparators import Comparator
from chuyenhoa.method.engine import evaluate
from chuyenhoa.method.hotspots import HotspotResult
from chuyenhoa.method.result import Result
from chuyenhoa.method.selection import Selection, UnitCap
from chuyenhoa.method.targets import TargetResult
from chuyenhoa.model import (
    Basis,
    CapScope,
    Milestone,
    Plan,
    Rounding,
    SelectionPolicy,
    Source,
    Status,
    Target,
    TargetScope,
)
from chuyenhoa.plugins.host import PluginHost
from chuyenhoa.plugins.spec import ProvinceSpec

#: Where a pack's source documents are when the pack names them by file name only: the
#: ``shared/sources`` folder beside a checkout (this repository's layout).
SHARED_SOURCES = Path("shared") / "sources"
#: The places of a plan whose citation needs no quote: a period is read off its dates.
QUOTE_OPTIONAL = ("period.",)


class _Unset(enum.Enum):
    """"Not checked", where None is a value that can be asked for (a milestone with no start)."""

    UNSET = enum.auto()


UNSET = _Unset.UNSET


# -- reading the arguments of the assertions ------------------------------------------------


def quote_text(text: str) -> str:
    """NFC, with every run of white space one space: how a quote is looked for in a source text
    whose lines are broken elsewhere than in the quote."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def _words(text: str) -> str:
    """A comparator's wording without case, ellipsis or extra spaces: "từ … trở lên" = "Từ trở lên"."""
    return " ".join(quote_text(text).casefold().replace("…", " ").replace("...", " ").split())


def comparator_of(value: Comparator | str) -> Comparator:
    """A comparator from its symbol (">=", "≥") or from the words the plans use ("trên", "dưới").

    Pack tests are written against the document, so they may quote its wording; the
    words are :attr:`Comparator.phrase_vi`, the same the outputs print.
    """
    if isinstance(value, Comparator):
        return value
    by_words = {_words(c.phrase_vi): c for c in Comparator}
    found = by_words.get(_words(value))
    if found is not None:
        return found
    try:
        return Comparator.parse(value)
    except ValueError:
        known = ", ".join(f"{c.value!r} ({c.phrase_vi})" for c in Comparator)
        raise ValueError(f"comparator {value!r} is neither a symbol nor the words of one: {known}") from None


def _show(comparator: Comparator) -> str:
    return f"{comparator.value!r} ({comparator.phrase_vi})"


def _cites(source: Source | None, clause: str | Source) -> bool:
    """Whether ``source`` is ``clause``: a Source, "§II.2" alone, or "860/KH-UBND §II.2" with the document."""
    if source is None:
        return False
    if isinstance(clause, Source):
        return (source.document, source.clause) == (clause.document, clause.clause)
    wanted = " ".join(clause.split())
    return wanted in (source.clause, str(source))


def _same_threshold(found: float | bool, expected: float | bool) -> bool:
    """Floats within ``pytest.approx``; a yes/no threshold only equals the same yes/no (True is not 1)."""
    if isinstance(found, bool) or isinstance(expected, bool):
        return isinstance(found, bool) and isinstance(expected, bool) and found is expected
    return bool(found == pytest.approx(expected))


def _fail(what: str, problems: list[str]) -> None:
    """One AssertionError naming every problem, so a wrong plan shows all its differences at once."""
    if problems:
        raise AssertionError(f"{what}: " + "; ".join(problems))


# -- targets ----------------------------------------------------------------------------------


def assert_target(plan: Plan, target_id: str, comparator: Comparator | str, threshold: float | bool,
                  clause: str | Source, *, basis: Basis | str | None = None,
                  scope: TargetScope | str | None = None) -> Target:
    """The plan has target ``target_id`` with this comparator, threshold and clause; returns it.

    ``comparator`` is a :class:`Comparator`, its symbol or its words ("trên");
    ``threshold`` is compared with ``pytest.approx`` (exactly, for a yes/no one);
    ``clause`` is "§II.2" or, to check the document too, "860/KH-UBND §II.2".
    ``basis`` and ``scope`` are checked when given.
    """
    targets = {t.id: t for t in plan.targets}
    if target_id not in targets:
        raise AssertionError(f"plan {plan.id} has no target {target_id!r}; its targets: {', '.join(targets)}")
    target = targets[target_id]
    expected = comparator_of(comparator)
    problems = []
    if target.comparator is not expected:
        problems.append(f"comparator is {_show(target.comparator)}, expected {_show(expected)}")
    if not _same_threshold(target.threshold, threshold):
        problems.append(f"threshold is {target.threshold!r}, expected {threshold!r}")
    if not _cites(target.source, clause):
        problems.append(f"cites {str(target.source)!r}, expected {str(clause)!r}")
    if basis is not None and target.basis is not Basis(basis):
        problems.append(f"basis is {target.basis.value!r}, expected {Basis(basis).value!r}")
    if scope is not None and target.scope is not TargetScope(scope):
        problems.append(f"scope is {target.scope.value!r}, expected {TargetScope(scope).value!r}")
    _fail(f"target {target_id!r} of plan {plan.id}", problems)
    return target


# -- the selection cap ------------------------------------------------------------------------


def _policy_and_caps(subject: Result | Selection | SelectionPolicy | Plan
                     ) -> tuple[SelectionPolicy, tuple[UnitCap, ...] | None]:
    """The policy and, when the subject is an evaluation, the cap of each unit."""
    if isinstance(subject, Result):
        subject = subject.selection
    if isinstance(subject, Selection):
        return subject.policy, subject.caps
    if isinstance(subject, Plan):
        if subject.selection is None:
            raise AssertionError(f"plan {subject.id} declares no [selection]: the national cap applies")
        return subject.selection, None
    if isinstance(subject, SelectionPolicy):
        return subject, None
    raise TypeError(f"assert_cap needs a Result, a Selection, a SelectionPolicy or a Plan, not {type(subject)}")


def _scopes(value: CapScope | str | Iterable[CapScope | str]) -> tuple[CapScope, ...]:
    if isinstance(value, (CapScope, str)):
        return (CapScope(value),)
    return tuple(CapScope(s) for s in value)


def _policy_problems(policy: SelectionPolicy, share: float | None,
                     scopes: CapScope | str | Iterable[CapScope | str] | None, rounding: Rounding | str | None,
                     minimum: int | None, clause: str | Source | None) -> list[str]:
    problems = []
    if share is not None and policy.cap_share != pytest.approx(share):
        problems.append(f"share is {policy.cap_share!r}, expected {share!r}")
    if scopes is not None and policy.scopes != _scopes(scopes):
        problems.append(f"scopes are {[s.value for s in policy.scopes]}, expected {[s.value for s in _scopes(scopes)]}")
    if rounding is not None and policy.rounding is not Rounding(rounding):
        problems.append(f"rounding is {policy.rounding.value!r}, expected {Rounding(rounding).value!r}")
    if minimum is not None and policy.minimum_per_district != minimum:
        problems.append(f"minimum per district is {policy.minimum_per_district}, expected {minimum}")
    if clause is not None and not _cites(policy.source, clause):
        problems.append(f"cites {str(policy.source)!r}, expected {str(clause)!r}")
    return problems


def _caps_problems(units: tuple[UnitCap, ...], caps: Mapping[str, int] | None, total: int | None) -> list[str]:
    problems = []
    by_key = {key: unit for unit in units for key in (unit.unit_name, unit.unit_code)}
    for key, cap in (caps or {}).items():
        unit = by_key.get(key)
        if unit is None:
            problems.append(f"no unit {key!r} among the caps ({', '.join(u.unit_name for u in units)})")
        elif unit.cap != cap:
            problems.append(f"{unit.unit_name} has cap {unit.cap} (strict {unit.strict_cap}, {unit.communes} "
                            f"communes, {unit.selected} selected), expected {cap}")
    found_total = sum(unit.cap for unit in units)
    if total is not None and found_total != total:
        problems.append(f"the caps add up to {found_total}, expected {total}")
    return problems


def assert_cap(subject: Result | Selection | SelectionPolicy | Plan, *, share: float | None = None,
               scopes: CapScope | str | Iterable[CapScope | str] | None = None,
               rounding: Rounding | str | None = None, minimum: int | None = None,
               clause: str | Source | None = None, caps: Mapping[str, int] | None = None,
               total: int | None = None) -> None:
    """The selection cap is as the plan writes it: only the arguments given are checked.

    ``subject`` is an evaluation (its ``selection``), or a policy (a plan's
    ``[selection]``), which has no units: ``caps`` (unit name or code → cap, the
    minimum included) and ``total`` (the caps added up) need an evaluation.
    ``minimum`` is the minimum per district and ``clause`` the policy's source.
    """
    policy, units = _policy_and_caps(subject)
    if units is None and (caps is not None or total is not None):
        raise TypeError("caps and total need an evaluation (a Result or its Selection): a policy has no units")
    problems = _policy_problems(policy, share, scopes, rounding, minimum, clause)
    problems += _caps_problems(units or (), caps, total)
    _fail(f"selection cap ({policy.source})", problems)


# -- verdicts ---------------------------------------------------------------------------------


def _describe_target(target: TargetResult) -> str:
    return (f"{target.id} {target.status.value} (actual {target.actual!r} {target.comparator.value} "
            f"{target.threshold!r})")


def _describe_hotspot(hotspot: HotspotResult) -> str:
    return f"{hotspot.commune_code} {hotspot.commune_name} {hotspot.verdict.value}"


def _compare(what: str, expected: Collection[str] | int | None, found: set[str],
             describe: Mapping[str, str]) -> list[str]:
    """One problem when the ids ``found`` with a status are not exactly ``expected`` (or not that many)."""
    if expected is None:
        return []
    if isinstance(expected, str):
        raise TypeError(f"{what}: give a set of ids, not the string {expected!r}")
    if isinstance(expected, int):
        return [] if len(found) == expected else [f"{what}: {len(found)}, expected {expected} ({sorted(found)})"]
    wanted = set(expected)
    if found == wanted:
        return []
    missing = [describe.get(i, f"{i} (no such id)") for i in sorted(wanted - found)]
    extra = [describe[i] for i in sorted(found - wanted)]
    return [f"{what}: expected {sorted(wanted)}, found {sorted(found)}"
            + (f"; missing {', '.join(missing)}" if missing else "")
            + (f"; unexpected {', '.join(extra)}" if extra else "")]


def assert_verdicts(result: Result, *, met: Collection[str] | int | None = None,
                    not_met: Collection[str] | int | None = None,
                    not_assessable: Collection[str] | int | None = None,
                    transformed: Collection[str] | int | None = None,
                    not_transformed: Collection[str] | int | None = None,
                    hotspots_not_assessable: Collection[str] | int | None = None) -> None:
    """The plan targets and hotspots with each verdict are exactly these.

    ``met``, ``not_met`` and ``not_assessable`` are target ids (every target with
    that status, no other); ``transformed``, ``not_transformed`` and
    ``hotspots_not_assessable`` are commune codes of the hotspots.  A number instead
    of a set checks how many.  Only the arguments given are checked.
    """
    targets = {t.id: _describe_target(t) for t in result.targets}
    hotspots = {h.commune_code: _describe_hotspot(h) for h in result.hotspots}
    problems: list[str] = []
    for status, expected in ((Status.MET, met), (Status.NOT_MET, not_met), (Status.NOT_ASSESSABLE, not_assessable)):
        found = {t.id for t in result.targets if t.status is status}
        problems += _compare(f"targets {status.value}", expected, found, targets)
    for flag, expected, what in ((True, transformed, "transformed"), (False, not_transformed, "not transformed"),
                                 (None, hotspots_not_assessable, "not assessable")):
        found = {h.commune_code for h in result.hotspots if h.transformed is flag}
        problems += _compare(f"hotspots {what}", expected, found, hotspots)
    _fail(f"verdicts of {result.plan.id} for {result.year}", problems)


# -- milestones -------------------------------------------------------------------------------


def assert_milestone(plan: Plan, clause_or_source: str | Source, *, due: dt.date,
                     start: dt.date | _Unset | None = UNSET, what: str | None = None) -> Milestone:
    """The plan has a milestone citing this clause, due on ``due``; returns it.

    ``due`` is the last day on time ("trước ngày 29/3" is due the 28th).  ``start``
    (None: no window) and ``what`` (a part of its wording) are checked when given.
    A clause may date several steps (a yearly report): one of them must match.
    """
    citing = [m for m in plan.milestones if _cites(m.source, clause_or_source)]
    if not citing:
        cited = sorted({str(m.source) for m in plan.milestones})
        raise AssertionError(f"plan {plan.id} has no milestone citing {str(clause_or_source)!r}; "
                             f"its milestones cite: {', '.join(cited) or 'nothing'}")
    for milestone in citing:
        if (milestone.due == due and (start is UNSET or milestone.start == start)
                and (what is None or what in milestone.what)):
            return milestone
    found = "; ".join(f"due {m.due}, start {m.start}: {m.what!r}" for m in citing)
    wanted = f"due {due}" + ("" if start is UNSET else f", start {start}") + ("" if what is None else f", {what!r}")
    raise AssertionError(f"milestones of plan {plan.id} citing {str(clause_or_source)!r}: {found}; expected {wanted}")


# -- quotes -----------------------------------------------------------------------------------


def _label(item: object, index: int) -> str:
    ident = getattr(item, "id", None)
    return ident if isinstance(ident, str) else str(index)


def _sources_in(node: object, where: str, cited: str | None = None) -> Iterator[tuple[str, Source]]:
    """Every Source under ``node`` (attrs values, tuples, and the raw tables of ``[awards]``).

    A raw table's ``source`` is a citation string; a ``quote`` without one belongs to
    the nearest enclosing table's ``source`` (``cited``).
    """
    if isinstance(node, Source):
        yield where, node
    elif attrs.has(type(node)):
        for field in attrs.fields(type(node)):  # type: ignore[arg-type]
            if not field.name.startswith("_"):
                yield from _sources_in(getattr(node, field.name), f"{where}{field.name}.")
    elif isinstance(node, Mapping):
        own = node.get("source")
        cited = own if isinstance(own, str) else cited
        if isinstance(own, str) or isinstance(node.get("quote"), str):
            quote = node.get("quote")
            source = Source.parse(cited) if cited else Source("(no source)")
            yield where.rstrip("."), attrs.evolve(source, quote=quote if isinstance(quote, str) else None)
        for key, value in node.items():
            if isinstance(value, (Mapping, list, tuple)):
                yield from _sources_in(value, f"{where}{key}.", cited)
    elif isinstance(node, (list, tuple)):
        for index, item in enumerate(node):
            yield from _sources_in(item, f"{where.rstrip('.')}[{_label(item, index)}].", cited)


def plan_sources(plan: Plan) -> Iterator[tuple[str, Source]]:
    """Every citation of a plan with where it stands ("targets[clearance_rate].source").

    Each place is listed, even where two cite the same words (a target and the
    minimum of ``[selection]`` may quote one sentence): a place without its quote is
    found wherever it is.  A yearly milestone is listed once a year.
    """
    for where, source in _sources_in(plan, ""):
        yield where.rstrip("."), source


def plan_quotes(plan: Plan) -> Iterator[tuple[str, Source]]:
    """The citations of :func:`plan_sources` that quote their text."""
    return ((where, source) for where, source in plan_sources(plan) if source.quote)


def assert_quotes_in_sources(plans: Iterable[Plan], texts: Mapping[str, str], *,
                             unavailable: Collection[str] = ()) -> int:
    """Every quote of ``plans`` stands, normalised, in the text of the document it cites.

    ``texts`` maps a document number to its text.  A quote of a document that is
    not in ``texts`` fails, naming the document, unless the document is
    ``unavailable`` (named, but its text is not on this machine).  Returns how many
    quotes were checked.
    """
    normalised = {document: quote_text(text) for document, text in texts.items()}
    problems: list[str] = []
    unnamed: dict[str, list[str]] = {}
    checked = 0
    for plan in plans:
        for where, source in plan_quotes(plan):
            if source.document in unavailable:
                continue
            if source.document not in normalised:
                unnamed.setdefault(source.document, []).append(f"{plan.id} {where}")
                continue
            checked += 1
            if quote_text(source.quote or "") not in normalised[source.document]:
                problems.append(f"{plan.id} {where}: {source.quote!r} is not in the text of {source.document}")
    problems += [f"{len(places)} quote(s) of {document} (first: {places[0]}), a document the pack does not name "
                 "in `sources`" for document, places in unnamed.items()]
    _fail("quotes not found in their documents", problems)
    return checked


def find_shared_sources(start: Path) -> Path | None:
    """``shared/sources`` in the nearest folder above ``start`` that has it (a checkout's sibling)."""
    for folder in start.resolve().parents:
        if (folder / SHARED_SOURCES).is_dir():
            return folder / SHARED_SOURCES
    return None


def pack_folder(start: Path) -> Path | None:
    """The nearest folder above ``start`` with a ``pyproject.toml``: the pack a test module belongs to."""
    for folder in start.resolve().parents:
        if (folder / "pyproject.toml").is_file():
            return folder
    return None


# -- the shared test base ---------------------------------------------------------------------


class ProvincePackTests:
    """Checks every province pack must pass; subclass and fill in the class attributes."""

    plugin: ClassVar[object]
    slug: ClassVar[str]
    districts: ClassVar[int]
    communes: ClassVar[int]
    #: the ids of every plan the pack ships, no more, no fewer
    plan_ids: ClassVar[set[str]] = set()
    #: the text of each document the plans quote: document number → text file.  A relative
    #: path is looked up in :attr:`sources_dir`; a document that is quoted but not named fails.
    sources: ClassVar[Mapping[str, Path | str]] = {}
    #: where relative :attr:`sources` are; None: ``shared/sources`` beside the checkout, found by
    #: walking up from the test module (the check is skipped when there is none)
    sources_dir: ClassVar[Path | None] = None
    #: the plan year the sample is evaluated for (None: the newest the sample covers)
    year: ClassVar[int | None] = None
    #: a day on which the sample's milestones are checked
    as_of: ClassVar[dt.date] = dt.date(2024, 12, 31)

    assert_target = staticmethod(assert_target)
    assert_cap = staticmethod(assert_cap)
    assert_verdicts = staticmethod(assert_verdicts)
    assert_milestone = staticmethod(assert_milestone)

    @pytest.fixture
    def host(self) -> PluginHost:
        return PluginHost(autoload=False, plugins=[self.plugin])

    @pytest.fixture
    def spec(self, host: PluginHost) -> ProvinceSpec:
        return host.province(self.slug)

    @pytest.fixture(scope="class")
    @classmethod
    def sample_result(cls) -> Result:
        """The sample evaluated once for the class: a result is immutable and tests only read it."""
        return evaluate(cls.slug, cls.year, host=PluginHost(autoload=False, plugins=[cls.plugin]), as_of=cls.as_of)

    # -- the pack's documents -----------------------------------------------------------------
    @classmethod
    def source_path(cls, document: str) -> Path | None:
        """The text file of ``document`` as :attr:`sources` names it; None when it is not on this machine."""
        if document not in cls.sources:
            raise AssertionError(f"the pack names no text for {document} in `sources` ({', '.join(cls.sources)})")
        path = Path(cls.sources[document])
        if path.is_absolute():
            return path
        folder = cls.sources_dir or find_shared_sources(Path(inspect.getfile(cls)))
        return None if folder is None else folder / path

    @classmethod
    def source_text(cls, document: str) -> str:
        """The text of ``document``; the test is skipped when the documents are not on this machine."""
        path = cls.source_path(document)
        if path is None:
            pytest.skip(f"the text of {document} is not on this machine: no {SHARED_SOURCES} above "
                        f"{inspect.getfile(cls)}")
        if not path.is_file():
            raise AssertionError(f"the text of {document} is not at {path}")
        return path.read_text(encoding="utf-8")

    # -- registration ---------------------------------------------------------------------------
    def test_registers_its_province(self, spec: ProvinceSpec) -> None:
        """The slug is the pack's own (not an alias) and its snapshots are of the province it registers."""
        assert spec.slug == self.slug, f"{self.slug!r} is an alias of {spec.slug!r}"
        codes = {g.province.code for g in spec.loaded_geographies}
        assert codes == {spec.code}, f"the pack registers code {spec.code}; its geography snapshots say {codes}"

    def test_ships_the_plans_it_declares(self, spec: ProvinceSpec) -> None:
        """A plan file added or dropped by mistake shows here, not in a user's evaluation."""
        shipped = {p.id for p in spec.loaded_plans}
        assert shipped == set(self.plan_ids), (
            f"the pack ships plans {sorted(shipped)}; the test class declares {sorted(self.plan_ids)}")

    # -- faithfulness ---------------------------------------------------------------------------
    def test_every_value_quotes_its_text(self, spec: ProvinceSpec) -> None:
        """A reader finds the place in the document by its words; the loader lets a quote be left out."""
        unquoted = [f"{plan.id} {where}" for plan in spec.loaded_plans for where, source in plan_sources(plan)
                    if not source.quote and not where.startswith(QUOTE_OPTIONAL)]
        assert not unquoted, f"cited without a quote of the text: {', '.join(unquoted)}"

    def test_every_quote_is_in_its_source(self, spec: ProvinceSpec) -> None:
        """Each quote stands, normalised, in the document it cites: a typo or a paraphrase fails."""
        texts: dict[str, str] = {}
        unavailable = []
        for document in self.sources:
            path = self.source_path(document)
            if path is None:
                unavailable.append(document)
            elif not path.is_file():
                raise AssertionError(f"the text of {document} is not at {path}")
            else:
                texts[document] = path.read_text(encoding="utf-8")
        assert_quotes_in_sources(spec.loaded_plans, texts, unavailable=unavailable)
        if unavailable:
            pytest.skip(f"quotes of {', '.join(unavailable)} not checked: no {SHARED_SOURCES} above "
                        f"{inspect.getfile(type(self))}")

    # -- geography ------------------------------------------------------------------------------
    def test_geography_counts(self, spec: ProvinceSpec) -> None:
        latest = spec.loaded_geographies[-1]
        assert (len(latest.districts), len(latest.communes)) == (self.districts, self.communes), (
            f"the snapshot of {latest.as_of} has {len(latest.districts)} districts and {len(latest.communes)} "
            "communes")
        assert latest.source, "a snapshot says what it was generated from"

    # -- the sample -----------------------------------------------------------------------------
    def test_sample_evaluates_and_says_it_is_synthetic(self, sample_result: Result) -> None:
        data = sample_result.to_dict()["data"]
        assert isinstance(data, dict)
        assert data["source"] == "sample"
        assert data["synthetic"] is True
        assert sample_result.hotspots, "the sample selects hotspots"
        json.loads(sample_result.to_json())  # serialisable

    def test_sample_is_within_caps(self, sample_result: Result) -> None:
        over = [c.as_dict() for c in sample_result.selection.caps if not c.within_cap]
        assert sample_result.selection.within_caps, over

    def test_no_verdict_without_data(self, sample_result: Result) -> None:
        judged = [t.id for t in sample_result.targets if t.actual is None and t.status is not Status.NOT_ASSESSABLE]
        assert not judged, f"a target without data has a verdict: {', '.join(judged)}"

    def test_sample_is_what_its_script_writes(self, spec: ProvinceSpec, tmp_path: Path) -> None:
        """The sample is generated, never edited by hand: regenerating it changes nothing.

        The script is ``tools/make_sample.py`` of the pack's folder (the one holding
        its ``pyproject.toml``, above the test module); an installed pack without its
        folder, or a pack without the script, skips this.
        """
        folder = pack_folder(Path(inspect.getfile(type(self))))
        script = None if folder is None else folder / "tools" / "make_sample.py"
        if script is None or not script.is_file():
            pytest.skip(f"no tools/make_sample.py in the pack folder above {inspect.getfile(type(self))}")
        assert spec.sample is not None, "the pack has a sample script but registers no sample"
        module = _load_script(script, f"chuyenhoa_{self.slug}_make_sample")
        assert module.main(["--output-dir", str(tmp_path)]) == 0
        sample = Path(spec.sample.communes).parent
        for name in ("communes.csv", "province.csv", "README.md"):
            assert (tmp_path / name).read_bytes() == (sample / name).read_bytes(), (
                f"{sample / name} is not what {script} writes: regenerate it, never edit it by hand")


    def test_later_samples_are_what_their_scripts_write(self, spec: ProvinceSpec, tmp_path: Path) -> None:
        """Each sample for later years (``sample/<year>/``, the map of 01/07/2025) is what
        ``tools/make_sample_<year>.py`` writes, byte for byte: regenerated, never edited by hand."""
        folder = pack_folder(Path(inspect.getfile(type(self))))
        if not spec.later_samples:
            pytest.skip("the pack has no sample for later years")
        if folder is None:
            pytest.skip(f"no pack folder above {inspect.getfile(type(self))}")
        for sample in spec.later_samples:
            script = folder / "tools" / f"make_sample_{sample.from_year}.py"
            assert script.is_file(), f"{Path(sample.communes).parent} has no script {script} that writes it"
            module = _load_script(script, f"chuyenhoa_{self.slug}_make_sample_{sample.from_year}")
            out = tmp_path / str(sample.from_year)
            assert module.main(["--output-dir", str(out)]) == 0
            for name in ("communes.csv", "province.csv", "README.md"):
                committed = Path(sample.communes).parent / name
                assert (out / name).read_bytes() == committed.read_bytes(), (
                    f"{committed} is not what {script} writes: regenerate it, never edit it by hand")


def _load_script(path: Path, name: str) -> ModuleType:
    """A script loaded by path (it is not in a package); its module object."""
    loader = importlib.util.spec_from_file_location(name, path)
    assert loader is not None and loader.loader is not None
    module = importlib.util.module_from_spec(loader)
    loader.loader.exec_module(module)
    return module
