"""The domain model: small frozen values, validated once when they are built.

Everything a verdict depends on (a threshold, a cap, a date) is a value here that
carries the clause of the document it comes from, so a result can always point
back at the text.  Parsing of outside formats (TOML plan files, geography JSON,
data rows) lives in the modules that read them, never in these constructors.
"""

from __future__ import annotations

import datetime as dt
import enum
import reprlib
from collections.abc import Iterable, Mapping
from typing import Any, Generic, TypeVar, cast

import attrs
from attrs import field, frozen, validators

from chuyenhoa.comparators import Comparator, parse_comparator


class CommuneKind(str, enum.Enum):
    """Kinds of commune-level unit (đơn vị hành chính cấp xã)."""

    XA = "xa"
    PHUONG = "phuong"
    THI_TRAN = "thi_tran"
    DAC_KHU = "dac_khu"


class DistrictKind(str, enum.Enum):
    """Kinds of district-level unit, abolished from 01/07/2025."""

    QUAN = "quan"
    HUYEN = "huyen"
    THI_XA = "thi_xa"
    THANH_PHO = "thanh_pho"


class FieldsRepr:
    """Gives an attrs class declared ``repr=False`` the ``__repr__`` attrs would have written for it.

    attrs compiles a ``__repr__`` for every class it builds, about 0.1 ms a class: 5 ms of the 47 classes every
    ``chuyenhoa evaluate`` builds while it starts (benchmarks/README.md, issue 17), for a method only tests and
    debugging call.  This one function reads the class's fields when it is called (:func:`attrs.fields`) and
    writes the same text: ``Name(field=value!r, ...)`` in the order of the fields, leaving out those declared
    ``repr=False``, showing a field with a callable ``repr`` through it (formatted as attrs' f-string formats
    it), a field that is not an argument of ``__init__`` and not set as ``NOTHING``, and an object met again
    inside its own repr as ``...``.  ``tests/test_reprs.py`` compares it with attrs' own for every class that
    uses it.  The equality and hash attrs writes are untouched.
    """

    __slots__ = ()

    @reprlib.recursive_repr()
    def __repr__(self) -> str:
        parts: list[str] = []
        for a in attrs.fields(cast("type[attrs.AttrsInstance]", type(self))):
            if a.repr is False:
                continue
            value = getattr(self, a.name) if a.init else getattr(self, a.name, attrs.NOTHING)
            parts.append(f"{a.name}={value!r}" if a.repr is True else f"{a.name}={a.repr(value)}")
        return f"{type(self).__qualname__.rsplit('>.', 1)[-1]}({', '.join(parts)})"


def as_tuple(value: Iterable[Any]) -> tuple[Any, ...]:
    """``converter=`` of the tuple fields: a caller may pass a list.

    A named function typed on ``Any``: mypy's attrs plugin cannot solve a generic
    converter, and the field's own annotation still types what is read back.
    """
    return tuple(value)


def as_frozenset(value: Iterable[Any]) -> frozenset[Any]:
    return frozenset(value)


def _scopes(value: Iterable[CapScope | str]) -> tuple[CapScope, ...]:
    return tuple(CapScope(s) for s in value)


def _nonempty(_instance: object, attribute: attrs.Attribute, value: str) -> None:
    if not value or not value.strip():
        raise ValueError(f"{attribute.name} must not be empty")


def _digits(_instance: object, attribute: attrs.Attribute, value: str) -> None:
    if not value.isdigit():
        raise ValueError(f"{attribute.name} must be a GSO code of digits, got {value!r}")


@frozen(cache_hash=True, repr=False)  # keys of memos: hashed once, not per lookup
class Source(FieldsRepr):
    """Where a value comes from: a document number and a clause in it.

    ``quote`` holds the words of the text the value was read from, so that a
    reader can find the place without opening the document; ``reading`` says
    which interpretation was applied where DOMAIN.md lists an ambiguity.
    """

    document: str = field(validator=_nonempty)
    clause: str = ""
    quote: str | None = None
    reading: str | None = None

    def __str__(self) -> str:
        return f"{self.document} {self.clause}".strip()

    @classmethod
    def parse(cls, text: str, *, quote: str | None = None, reading: str | None = None) -> Source:
        """Split ``"860/KH-UBND §II.2"`` into document and clause at the first space."""
        text = " ".join(text.split())
        document, _, clause = text.partition(" ")
        return cls(document=document, clause=clause, quote=quote, reading=reading)


@frozen(repr=False)
class Province(FieldsRepr):
    slug: str = field(validator=validators.matches_re(r"^[a-z][a-z0-9_]*$"))
    code: str = field(validator=_digits)
    name: str = field(validator=_nonempty)


@frozen(repr=False)
class District(FieldsRepr):
    code: str = field(validator=_digits)
    name: str = field(validator=_nonempty)
    kind: DistrictKind = field(converter=DistrictKind)


@frozen(repr=False)
class Commune(FieldsRepr):
    code: str = field(validator=_digits)
    name: str = field(validator=_nonempty)
    kind: CommuneKind = field(converter=CommuneKind)
    district_code: str | None = None


@frozen(repr=False)
class Geography(FieldsRepr):
    """A dated snapshot of a province's units, with or without districts.

    From 07/2025 there are no districts: ``districts`` is then empty and every
    commune has ``district_code`` None.
    """

    province: Province
    as_of: dt.date
    districts: tuple[District, ...] = field(converter=as_tuple)
    communes: tuple[Commune, ...] = field(converter=as_tuple)
    source: str = ""
    _by_code: Mapping[str, Commune] = field(init=False, repr=False, eq=False)
    _districts_by_code: Mapping[str, District] = field(init=False, repr=False, eq=False)
    #: derived values that depend on this snapshot only (units, caps), computed once
    memo: dict[object, object] = field(init=False, repr=False, eq=False, factory=dict)

    def __attrs_post_init__(self) -> None:
        by_code: dict[str, Commune] = {}
        for commune in self.communes:
            if commune.code in by_code:
                raise ValueError(f"commune code {commune.code} appears twice in the geography")
            by_code[commune.code] = commune
        districts = {d.code: d for d in self.districts}
        for commune in self.communes:
            if commune.district_code is not None and commune.district_code not in districts:
                raise ValueError(
                    f"commune {commune.code} names district {commune.district_code}, "
                    "which is not in the geography"
                )
        object.__setattr__(self, "_by_code", by_code)
        object.__setattr__(self, "_districts_by_code", districts)

    @property
    def has_districts(self) -> bool:
        return bool(self.districts)

    def commune(self, code: str) -> Commune | None:
        return self._by_code.get(code)

    def district(self, code: str) -> District | None:
        return self._districts_by_code.get(code)

    def communes_of(self, district_code: str) -> tuple[Commune, ...]:
        """The communes of a district, in the snapshot's order (grouped once, for every district at a time)."""
        grouped = self.memo.get("communes by district")
        if grouped is None:
            by_district: dict[str | None, list[Commune]] = {}
            for commune in self.communes:
                by_district.setdefault(commune.district_code, []).append(commune)
            grouped = self.memo["communes by district"] = {code: tuple(found) for code, found in by_district.items()}
        return grouped.get(district_code, ())  # type: ignore[attr-defined, no-any-return]


class CapScope(str, enum.Enum):
    DISTRICT = "district"
    PROVINCE = "province"


class Rounding(str, enum.Enum):
    """How a share of units becomes a whole number of communes.

    "không vượt quá 15 %" means count ≤ 15 % of n, which is ``floor``
    (DOMAIN.md, ambiguity 2); the others exist for packs that read otherwise.
    """

    FLOOR = "floor"
    ROUND_HALF_UP = "round_half_up"
    CEIL = "ceil"


@frozen(repr=False)
class SelectionPolicy(FieldsRepr):
    """The cap on hotspots: its share, the units it applies to, rounding, minimum."""

    cap_share: float = field(validator=[validators.gt(0), validators.le(1)])
    scopes: tuple[CapScope, ...] = field(converter=_scopes)
    rounding: Rounding = field(converter=Rounding, default=Rounding.FLOOR)
    minimum_per_district: int = field(default=0, validator=validators.ge(0))
    source: Source = field(factory=lambda: Source("7488/KH-UBND", "§III.2"))
    minimum_source: Source | None = None
    #: the clause that takes a transformed commune off the list ("đưa ra khỏi diện chuyển hóa"),
    #: cited wherever the output says a commune left it
    leave_source: Source | None = None

    @scopes.validator
    def _check_scopes(self, _attribute: attrs.Attribute, value: tuple[CapScope, ...]) -> None:
        if not value:
            raise ValueError("a selection policy needs at least one cap scope")
        if len(set(value)) != len(value):
            raise ValueError("a cap scope is listed twice")


class ValueKind(str, enum.Enum):
    COUNT = "count"
    RATE = "rate"
    FLAG = "flag"
    NUMBER = "number"
    TEXT = "text"


class Basis(str, enum.Enum):
    """What a target compares: this year's value, or its change on last year."""

    VALUE = "value"
    CHANGE_PCT = "change_pct"


class Status(str, enum.Enum):
    """A verdict: of a hotspot, a gate, a target or a check. "Not assessable" when the data cannot decide."""

    MET = "met"
    NOT_MET = "not_met"
    NOT_ASSESSABLE = "not_assessable"


class TargetScope(str, enum.Enum):
    PROVINCE = "province"
    HOTSPOTS = "hotspots"
    DISTRICTS = "districts"


@frozen(repr=False)
class Indicator(FieldsRepr):
    """A column of the data contract (INDICATORS.md) or one a pack adds."""

    id: str = field(validator=validators.matches_re(r"^[a-z][a-z0-9_]*$"))
    kind: ValueKind = field(converter=ValueKind)
    label: str
    tables: frozenset[str] = field(converter=as_frozenset)
    group: str | None = None
    source: str | None = None
    computed: bool = False
    #: a rate's two count columns of the same table (a pack's ``numerator`` and ``denominator``): several rows'
    #: rates combine only through them, as 100 × Σ numerator ÷ Σ denominator (the provinces merged on
    #: 01/07/2025, whose rates of the year before are not averaged)
    numerator: str | None = None
    denominator: str | None = None


@frozen(repr=False)
class Target(FieldsRepr):
    """One plan target: indicator, comparator and threshold as the text writes them."""

    id: str
    indicator: str
    comparator: Comparator = field(converter=parse_comparator)
    threshold: float | bool
    source: Source
    label: str = ""
    basis: Basis = field(converter=Basis, default=Basis.VALUE)
    scope: TargetScope = field(converter=TargetScope, default=TargetScope.PROVINCE)
    lead: str | None = None


@frozen(repr=False)
class Milestone(FieldsRepr):
    """A dated step of a plan.

    ``due`` is the last day on which the step is on time: "trước ngày 29/3/2024"
    becomes due 28/03/2024.  ``start`` opens a window ("trong tháng 7 năm 2024").
    """

    due: dt.date
    what: str = field(validator=_nonempty)
    source: Source
    who: str | None = None
    start: dt.date | None = field(default=None)

    @start.validator
    def _check_start(self, _attribute: attrs.Attribute, value: dt.date | None) -> None:
        if value is not None and value > self.due:
            raise ValueError(f"milestone starts {value} after it is due {self.due}")


@frozen(repr=False)
class Responsibility(FieldsRepr):
    """A task of the plan with the agency that leads it and those that take part.

    Plans write it as "(Công an tỉnh chủ trì; các sở, ngành phối hợp thực hiện)";
    ``targets`` names the plan targets the task serves, so their verdicts can
    name who leads them.
    """

    task: str = field(validator=_nonempty)
    lead: str = field(validator=_nonempty)
    source: Source
    partners: tuple[str, ...] = field(converter=as_tuple, factory=tuple)
    targets: tuple[str, ...] = field(converter=as_tuple, factory=tuple)


@frozen(cache_hash=True, repr=False)
class HotspotIndicator(FieldsRepr):
    """One of the indicators a hotspot is evaluated against (7488 §II.2)."""

    id: str
    comparator: Comparator = field(converter=parse_comparator)
    threshold: float | bool
    source: Source
    label: str = ""


class MissingIndicator(str, enum.Enum):
    """How the success rule treats an indicator with no data (DOMAIN.md ambiguity 3).

    ``BOUNDS`` (the default) judges a hotspot the way a computed share is judged
    (:func:`chuyenhoa.method.targets.judge_bounds`): transformed only if the share
    would still pass with every missing indicator counted as not met, not transformed
    only if it would fail with every missing one met, otherwise not assessable.  It
    never gives a verdict the data do not decide: with ``EXCLUDE``, a hotspot with
    eight of nine indicators blank and the ninth met reaches 100 %.  ``EXCLUDE``
    (missing indicators leave the denominator) and ``NOT_MET`` (they count as not
    met) remain for a pack whose plan reads the text that way.
    """

    BOUNDS = "bounds"
    EXCLUDE = "exclude"
    NOT_MET = "not_met"


class GateTest(str, enum.Enum):
    """How a gate reads its column.

    ``decreased``: this year's count is below last year's ("giảm cơ bản tội phạm");
    ``not_set``: the yes/no column says no ("không để phức tạp nổi lên").
    """

    DECREASED = "decreased"
    NOT_SET = "not_set"


@frozen(cache_hash=True, repr=False)
class Gate(FieldsRepr):
    """A condition a hotspot must meet besides the share of indicators (7488/KH-UBND §III.4).

    A plan file may name a gate the national method defines by its id alone
    (``gates = ["crime_decreased"]``): ``column``, ``test`` and ``source`` are then
    None until the method's hook fills them in (:attr:`defined`).
    """

    id: str = field(validator=validators.matches_re(r"^[a-z][a-z0-9_]*$"))
    column: str | None = None
    test: GateTest | None = field(default=None, converter=attrs.converters.optional(GateTest))
    source: Source | None = None
    label: str = ""

    @property
    def defined(self) -> bool:
        return self.column is not None and self.test is not None and self.source is not None


@frozen(cache_hash=True, repr=False)
class SuccessRule(FieldsRepr):
    """"Đạt 80 % các chỉ tiêu trở lên" plus the gates of 7488 §III.4 (crime down, nothing new)."""

    share: float = field(validator=[validators.gt(0), validators.le(1)])
    comparator: Comparator = field(converter=parse_comparator)
    source: Source
    missing: MissingIndicator = field(converter=MissingIndicator, default=MissingIndicator.BOUNDS)
    gates: tuple[Gate, ...] = field(converter=as_tuple, default=(Gate("crime_decreased"), Gate("no_new_complexity")))

    @property
    def gate_ids(self) -> tuple[str, ...]:
        return tuple(gate.id for gate in self.gates)


T = TypeVar("T")


@frozen(repr=False)
class Dated(FieldsRepr, Generic[T]):
    """A value that changes on dates, each with its reference (OpenFisca's dated parameters).

    ``values`` holds ``(from, value)`` pairs in date order; a value is in force from its
    date until the next one's.  Before the first date nothing is in force.
    """

    values: tuple[tuple[dt.date, T], ...] = field(converter=as_tuple)

    @values.validator
    def _check_order(self, _attribute: attrs.Attribute, value: tuple[tuple[dt.date, T], ...]) -> None:
        if not value:
            raise ValueError("a dated value needs at least one date")
        dates = [day for day, _value in value]
        if dates != sorted(set(dates)):
            raise ValueError("the dates of a dated value must rise, each once")

    def at(self, day: dt.date) -> T:
        """The value in force on ``day`` (the first one before the first date: nothing is older)."""
        chosen = self.values[0][1]
        for start, value in self.values:
            if start > day:
                break
            chosen = value
        return chosen

    @property
    def first(self) -> T:
        return self.values[0][1]


@frozen(repr=False)
class Period(FieldsRepr):
    start: dt.date
    end: dt.date = field()
    source: Source | None = None

    @end.validator
    def _check_end(self, _attribute: attrs.Attribute, value: dt.date) -> None:
        if value < self.start:
            raise ValueError(f"period ends {value} before it starts {self.start}")


@frozen(repr=False)
class Plan(FieldsRepr):
    """A province's plan for one year (or a multi-year programme)."""

    id: str
    province: str
    title: str
    issuer: str
    date: dt.date
    years: tuple[int, ...] = field(converter=as_tuple)
    period: Period = field()
    targets: tuple[Target, ...] = field(converter=as_tuple, factory=tuple)
    milestones: tuple[Milestone, ...] = field(converter=as_tuple, factory=tuple)
    indicators: tuple[Indicator, ...] = field(converter=as_tuple, factory=tuple)
    selection: SelectionPolicy | None = None
    success: SuccessRule | None = None
    weights: Mapping[str, float] = field(factory=dict)
    notes: tuple[str, ...] = field(converter=as_tuple, factory=tuple)
    responsibilities: tuple[Responsibility, ...] = field(converter=as_tuple, factory=tuple)
    awards: Mapping[str, Any] | None = None
    path: str | None = field(default=None, eq=False)
    #: False for the national plan that stands in where a province has no plan of its own loaded
    #: (from 2025: :class:`DefaultPlan`); every output says so
    provincial: bool = True
    #: False when the copy of the plan prints no number ("Số: /KH-BCĐ"): ``id`` is then the pack's own
    #: name for it, and no output may present it as the document's number
    number_printed: bool = True
    #: False when the copy prints no date of signing: ``date`` is then the pack's estimate (it orders a
    #: province's plans), and no output may present it as the plan's date
    date_printed: bool = True

    @years.validator
    def _check_years(self, _attribute: attrs.Attribute, value: tuple[int, ...]) -> None:
        if not value:
            raise ValueError("a plan covers at least one year")

    @property
    def document(self) -> str:
        return self.id

    def covers(self, year: int) -> bool:
        return year in self.years


@frozen(repr=False)
class DefaultPlan(FieldsRepr):
    """What runs for a year a province has no plan of its own for (from 2025): the national document, as a plan.

    Read from the national method's file (``[default_plan]``): the document that keeps
    the method's goals in force, the first year it stands in for a provincial plan,
    and in ``source.reading`` why it applies.  The plan built from it has no targets
    of its own: the national method (cap, success rule, programme goals) is the plan.
    """

    first_year: int
    id: str = field(validator=_nonempty)
    title: str = field(validator=_nonempty)
    issuer: str = field(validator=_nonempty)
    date: dt.date
    source: Source


@frozen(repr=False)
class Method(FieldsRepr):
    """The national method: what every province runs under unless its plan or pack says otherwise.

    Read from the built-in plugin's plan file (``builtin/national/*.toml``) by the same
    loader as a pack's plans; the values that changed over time (the cap's scope after
    the 2025 reform, the instrument that keeps the programme goals) are :class:`Dated`.
    """

    id: str
    title: str
    issuer: str
    date: dt.date
    selection: Dated[SelectionPolicy]
    success: SuccessRule
    indicators: tuple[HotspotIndicator, ...] = field(converter=as_tuple)
    goals: Dated[tuple[Target, ...]]
    duration: Source
    implements: str | None = None
    path: str | None = field(default=None, eq=False)
    default_plan: DefaultPlan | None = None

    def gate(self, ident: str) -> Gate | None:
        return next((g for g in self.success.gates if g.id == ident), None)

    def sources(self) -> tuple[Source, ...]:
        """Every clause the method cites, for the check that each quote is in its document."""
        found: list[Source] = [self.success.source, self.duration]
        for _day, policy in self.selection.values:
            found.extend(s for s in (policy.source, policy.minimum_source, policy.leave_source) if s)
        found.extend(g.source for g in self.success.gates if g.source)
        found.extend(i.source for i in self.indicators)
        for _day, goals in self.goals.values:
            found.extend(g.source for g in goals)
        return tuple(found)
