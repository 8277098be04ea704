"""Which communes were transformed in earlier years: computed from their data, else as recorded.

"Xã đã chuyển hóa thành công được đưa ra khỏi diện chuyển hóa" (7488/KH-UBND
§III.2) and the goal "≥ 85 % không phức tạp trở lại" (§II.1) both need the
outcome of every earlier year in the data.  Each year's outcome depends on the
data and the method only, so it is worked out once per dataset and kept in its
memo: evaluating 2024 then 2025 on one file judges 2015–2023 once.

Years on the map before 01/07/2025 reach a later year through the conversion
table (:func:`chuyenhoa.method.merger.follow`): a commune transformed under its old
code is followed under its successors, and the result says so.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs

from chuyenhoa.i18n import _, language
from chuyenhoa.method.hotspots import HotspotResult, hotspot_outcomes
from chuyenhoa.method.merger import follow, map_id_of
from chuyenhoa.model import FieldsRepr, HotspotIndicator, SuccessRule
from chuyenhoa.reading.dataset import Dataset


@attrs.frozen(repr=False)
class History(FieldsRepr):
    #: commune, by its code on the map of the year evaluated → the year it was transformed
    transformed: Mapping[str, int]
    findings: tuple[str, ...]
    #: the readings applied to follow communes transformed on an earlier map (none within one map)
    notes: tuple[str, ...] = ()
    #: commune → the old communes it is followed for, when it is followed across the reform
    via: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict)


def history(dataset: Dataset, year: int, indicators: Sequence[HotspotIndicator], rule: SuccessRule) -> History:
    """Communes transformed before ``year``: computed from the data, or the recorded decision.

    Where the data of an earlier year cannot decide (the year before it is not in
    the file, say), the ``transformed`` column the user gave is taken; where both
    exist and differ, the output says so.  The communes are named by their code on
    ``year``'s map: one transformed on an earlier map is followed under its successors.
    """
    by_map: dict[str, dict[str, int]] = {}
    findings: list[str] = []
    method = _method_key(indicators, rule)
    for earlier in (y for y in dataset.years if y < year):
        # an earlier year's outcome depends on the data and the method only: evaluating
        # 2024 then 2025 on one dataset must not judge 2015–2023 twice
        key = ("outcomes", earlier, method)
        if key not in dataset.memo:
            dataset.memo[key] = _outcomes(dataset, earlier, indicators, rule)
        outcomes: list[str]
        year_findings: list[str]
        outcomes, year_findings = dataset.memo[key]  # type: ignore[misc]
        findings.extend(year_findings)
        transformed = by_map.setdefault(map_id_of(earlier), {})
        for code in outcomes:
            transformed.setdefault(code, earlier)
    here = map_id_of(year)
    if set(by_map) <= {here}:
        return History(transformed=by_map.get(here, {}), findings=tuple(findings))
    followed = follow(by_map, year)
    return History(transformed=followed.transformed, findings=tuple(findings), notes=followed.notes,
                   via=followed.via)


#: (indicators, rule, language) → a small key standing for them: each earlier year's memo key is looked up
#: twice a year evaluated, and hashing nine indicators and a rule each time was most of the cost of a
#: dataset of many years
_METHODS: dict[tuple[object, ...], int] = {}


def _method_key(indicators: Sequence[HotspotIndicator], rule: SuccessRule) -> int:
    """A number standing for the method and the language (the findings are words) in the memo's keys."""
    return _METHODS.setdefault((tuple(indicators), rule, language()), len(_METHODS))


def _outcomes_key(year: int, indicators: Sequence[HotspotIndicator], rule: SuccessRule) -> tuple[object, ...]:
    return ("outcomes", year, _method_key(indicators, rule))


def remember_outcomes(dataset: Dataset, year: int, indicators: Sequence[HotspotIndicator], rule: SuccessRule,
                      hotspots: Sequence[HotspotResult]) -> None:
    """Keep this year's outcomes, from the hotspots just evaluated, for the years after it."""
    key = _outcomes_key(year, indicators, rule)
    if key not in dataset.memo:
        dataset.memo[key] = _outcomes(dataset, year, indicators, rule,
                                      known={h.commune_code: h.transformed for h in hotspots})


def _is_true(value: object) -> bool:
    return value is True


def _outcomes(
    dataset: Dataset,
    year: int,
    indicators: Sequence[HotspotIndicator],
    rule: SuccessRule,
    known: Mapping[str, bool | None] | None = None,
) -> tuple[list[str], list[str]]:
    """Communes transformed in ``year`` (computed, else recorded) and the disagreements found.

    ``known`` holds verdicts already worked out for this year (the hotspots just
    evaluated), so they are not judged a second time.
    """
    table = dataset.communes
    rows = dataset.rows_of_year(year)
    hotspots = set(table.rows_where("hotspot", rows, bool))
    counted = sorted(hotspots.union(table.rows_where("transformed", rows, _is_true)))  # in row order
    # (code, recorded, is_hotspot) of the rows that may count
    entries = [(str(code), recorded, i in hotspots) for i, code, recorded in zip(
        counted, table.values_at("commune_code", counted), table.values_at("transformed", counted), strict=True)]
    known = dict(known or {})
    unknown = [code for code, _recorded, is_hotspot in entries if is_hotspot and code not in known]
    if unknown:
        known.update(zip(unknown, hotspot_outcomes(dataset, unknown, year, indicators, rule), strict=True))
    transformed: list[str] = []
    findings: list[str] = []
    for code, recorded, is_hotspot in entries:
        computed = known[code] if is_hotspot else None
        if computed is not None and recorded is not None and computed != recorded:
            findings.append((
                _("Xã {commune} năm {year}: số liệu cho kết quả chuyển hóa thành công nhưng cột 'transformed' ghi "
                  "không; lấy theo số liệu") if computed else
                _("Xã {commune} năm {year}: số liệu cho kết quả chưa chuyển hóa nhưng cột 'transformed' ghi có; "
                  "lấy theo số liệu")).format(commune=code, year=year))
        if computed if computed is not None else recorded:
            transformed.append(code)
    return transformed, findings
