"""Choosing hotspots within the cap, or checking an approved list against it.

"không vượt quá 15 % tổng số đơn vị hành chính cấp xã" (7488/KH-UBND §III.2) is
count ≤ 15 % of n, so the cap is floor(0.15 × n) computed exactly (3n/20, not a
float product).  A district of 6 communes then gets none; a pack that asks every
district to transform one sets a minimum per district, and each unit where that
exceeds the strict cap says so (DOMAIN.md, ambiguity 2).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping, Sequence

import attrs

from chuyenhoa.i18n import _, decimal
from chuyenhoa.method.scoring import CommuneScore, totals_of
from chuyenhoa.model import CapScope, FieldsRepr, Geography, Rounding, SelectionPolicy, Source
from chuyenhoa.plugins.hookspecs import CommuneScorer
from chuyenhoa.reading.dataset import Dataset


def cap_for(communes: int, policy: SelectionPolicy) -> int:
    """The strict cap for a unit of ``communes`` communes, before any minimum."""
    return _cap_for(communes, policy.cap_share, policy.rounding)


@functools.lru_cache(maxsize=4096)
def _cap_for(communes: int, share: float, rounding: Rounding) -> int:
    numerator, denominator = as_written(share)
    exact = numerator * communes  # the cap before rounding is exact / denominator
    if rounding is Rounding.FLOOR:
        return exact // denominator
    if rounding is Rounding.CEIL:
        return -(-exact // denominator)
    return (2 * exact + denominator) // (2 * denominator)  # floor(x + 1/2)


def as_written(share: float) -> tuple[int, int]:
    """``share`` as the decimal it is written as, a numerator and a denominator: 0.15 is 15/100, not the binary
    0.1499999999999999944… that would make floor(0.15 × 20) 2.

    The value of ``Fraction(str(share))``, the exact number the cap was always computed from, in two ints, read
    here from a plain decimal ("0.15", "1e-05"), so that ``fractions`` (which imports ``decimal``) is not imported
    on every start; any other text (a pack's ``Fraction`` as "3/20") is still read by ``Fraction``.
    """
    text = str(share)
    mantissa, _, exponent = text.lower().partition("e")
    whole, _, digits = mantissa.partition(".")
    power = exponent[1:] if exponent[:1] in ("+", "-") else exponent
    if all(part.isascii() and part.isdigit() for part in (whole, digits or "0", power or "0")):
        numerator, scale = int(whole + digits), len(digits) - int(exponent or 0)
        return (numerator, 10**scale) if scale >= 0 else (numerator * 10**-scale, 1)
    from fractions import Fraction

    exact = Fraction(text)
    return exact.numerator, exact.denominator


@attrs.frozen(repr=False)
class UnitCap(FieldsRepr):
    """The cap of one unit (a district, or the province) and how the selection stands to it."""

    unit_code: str
    unit_name: str
    scope: CapScope
    communes: int
    strict_cap: int
    cap: int
    selected: int
    source: Source
    note: str | None = None

    @property
    def within_cap(self) -> bool:
        return self.selected <= self.cap

    @property
    def exceeds_strict_cap(self) -> bool:
        return self.cap > self.strict_cap

    def as_dict(self) -> dict[str, object]:
        return {
            "unit_code": self.unit_code,
            "unit_name": self.unit_name,
            "scope": self.scope.value,
            "communes": self.communes,
            "strict_cap": self.strict_cap,
            "cap": self.cap,
            "selected": self.selected,
            "within_cap": self.within_cap,
            "exceeds_strict_cap": self.exceeds_strict_cap,
            "source": str(self.source),
            "note": self.note,
        }


class LazyScores(Mapping[str, CommuneScore]):
    """Scores computed on first look.

    With an approved list the scores only inform the reader (they are in the
    JSON), so a library caller who never looks does not pay for scoring every
    commune of every year.
    """

    def __init__(self, compute: Callable[[], Mapping[str, CommuneScore]]) -> None:
        self._compute: Callable[[], Mapping[str, CommuneScore]] | None = compute
        self._scores: Mapping[str, CommuneScore] = {}

    def _loaded(self) -> Mapping[str, CommuneScore]:
        if self._compute is not None:
            self._scores, self._compute = self._compute(), None
        return self._scores

    def __getitem__(self, code: str) -> CommuneScore:
        return self._loaded()[code]

    def __iter__(self) -> Iterator[str]:
        return iter(self._loaded())

    def __len__(self) -> int:
        return len(self._loaded())


@attrs.frozen(repr=False)
class Selection(FieldsRepr):
    proposed: bool
    hotspots: tuple[str, ...]
    caps: tuple[UnitCap, ...]
    scores: Mapping[str, CommuneScore]
    excluded_transformed: Mapping[str, int]  # commune → year it was transformed
    policy: SelectionPolicy
    scorer_description: str
    findings: tuple[str, ...] = ()

    @property
    def within_caps(self) -> bool:
        return all(c.within_cap for c in self.caps)


def _units(geography: Geography, policy: SelectionPolicy) -> list[tuple[CapScope, str, str, list[str]]]:
    key = ("units", policy.scopes)
    if key not in geography.memo:
        geography.memo[key] = _build_units(geography, policy)
    return geography.memo[key]  # type: ignore[return-value]


def _build_units(geography: Geography, policy: SelectionPolicy) -> list[tuple[CapScope, str, str, list[str]]]:
    units: list[tuple[CapScope, str, str, list[str]]] = []
    if CapScope.DISTRICT in policy.scopes and geography.has_districts:
        for district in geography.districts:
            codes = [c.code for c in geography.communes_of(district.code)]
            units.append((CapScope.DISTRICT, district.code, district.name, codes))
    if CapScope.PROVINCE in policy.scopes or not geography.has_districts:
        units.append((CapScope.PROVINCE, geography.province.code, geography.province.name,
                      [c.code for c in geography.communes]))
    return units


def _cap(scope: CapScope, communes: int, policy: SelectionPolicy) -> tuple[int, int, str | None]:
    strict = cap_for(communes, policy)
    if scope is CapScope.DISTRICT and policy.minimum_per_district > strict:
        source = policy.minimum_source or policy.source
        # the rounding is the cap sentence's to say (chuyenhoa.output.words.cap_sentence), in words, not here
        note = _("Vượt trần nghiêm ngặt {strict} ({share}% của {communes} xã) vì kế hoạch yêu cầu tối thiểu {minimum} "
                 "địa bàn mỗi huyện ({source})").format(
            strict=strict, share=decimal(f"{policy.cap_share * 100:g}"), communes=communes,
            minimum=policy.minimum_per_district, source=source)
        return strict, policy.minimum_per_district, note
    return strict, strict, None


def comparison_units(geography: Geography, dataset: Dataset, year: int,
                     policy: SelectionPolicy) -> dict[str, list[int]]:
    """Rows of ``year`` grouped by the unit that selects: the district, or the province when the
    cap is the province's alone (or there are no districts)."""
    by_district = CapScope.DISTRICT in policy.scopes and geography.has_districts
    key = ("unit_of", by_district)
    if key not in geography.memo:
        province = geography.province.code
        geography.memo[key] = {c.code: c.district_code if by_district and c.district_code else province
                               for c in geography.communes}
    unit_of: dict[str, str] = geography.memo[key]  # type: ignore[assignment]
    grouped = dataset.communes.group_rows("commune_code", dataset.rows_of_year(year), unit_of.__getitem__)  # type: ignore[arg-type]
    return grouped  # type: ignore[return-value]


def select(
    geography: Geography,
    dataset: Dataset,
    year: int,
    policy: SelectionPolicy,
    scorer: CommuneScorer,
    transformed_before: Mapping[str, int],
) -> Selection:
    """Check the approved list of ``year`` if the data has one, else propose one."""
    table = dataset.communes
    rows = dataset.rows_of_year(year)
    approved: list[str] | None = None
    if table.rows_where("hotspot", rows, _filled):
        marked = table.rows_where("hotspot", rows, bool)
        approved = sorted(str(code) for code in table.values_at("commune_code", marked))

    def candidate_units() -> dict[str, list[int]]:
        """The rows each unit compares, less the communes transformed before (made only if scores are needed)."""
        units = comparison_units(geography, dataset, year, policy)
        if not transformed_before:
            return units
        return {unit: [i for i, code in zip(indices, table.values_at("commune_code", indices), strict=True)
                       if code not in transformed_before] for unit, indices in units.items()}

    findings: list[str] = []

    scores: Mapping[str, CommuneScore]
    if approved is not None:
        scores = LazyScores(lambda: scorer.score(dataset, candidate_units()))
        hotspots = tuple(approved)
        for code in hotspots:
            if code in transformed_before:
                findings.append(_(
                    "Xã {commune} đã chuyển hóa thành công năm {transformed_year} nhưng vẫn có tên trong danh sách "
                    "năm {year}; địa bàn đã chuyển hóa phải đưa ra khỏi diện chuyển hóa ({source})"
                ).format(commune=code, transformed_year=transformed_before[code], year=year,
                         source=policy.leave_source or policy.source))
    else:
        scores = scorer.score(dataset, candidate_units())
        hotspots = _propose(geography, policy, scores)

    chosen = set(hotspots)
    caps = []
    for scope, code, name, members in _units(geography, policy):
        strict, cap, note = _cap(scope, len(members), policy)
        caps.append(UnitCap(code, name, scope, len(members), strict, cap,
                            sum(1 for m in members if m in chosen), policy.source, note))
    return Selection(
        proposed=approved is None,
        hotspots=hotspots,
        caps=tuple(caps),
        scores=scores,
        excluded_transformed={c: y for c, y in transformed_before.items() if geography.commune(c)},
        policy=policy,
        scorer_description=getattr(scorer, "description", type(scorer).__name__),
        findings=tuple(findings),
    )


def _filled(value: object) -> bool:
    return value is not None


def _ranked(codes: Sequence[str], totals: Mapping[str, float]) -> list[str]:
    eligible = [c for c in codes if totals.get(c, 0) > 0]
    return sorted(eligible, key=lambda c: (-totals[c], c))


def _propose(geography: Geography, policy: SelectionPolicy, scores: Mapping[str, CommuneScore]) -> tuple[str, ...]:
    """Highest scores first within every unit's cap; communes scoring 0 are never proposed."""
    totals = totals_of(scores)
    picked: list[str] = []
    units = _units(geography, policy)
    district_units = [u for u in units if u[0] is CapScope.DISTRICT]
    province_units = [u for u in units if u[0] is CapScope.PROVINCE]
    if district_units:
        for scope, _code, _name, members in district_units:
            _strict, cap, _note = _cap(scope, len(members), policy)
            picked.extend(_ranked(members, totals)[:cap])
    else:
        picked = [c.code for c in geography.communes]
    for scope, _code, _name, members in province_units:
        _strict, cap, _note = _cap(scope, len(members), policy)
        picked = _ranked(picked, totals)[:cap]
    return tuple(sorted(picked))
