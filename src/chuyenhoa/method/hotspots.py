"""Verdicts on hotspots: each hotspot against its indicators and the gates of the success rule.

A comparator is applied exactly as written (``>`` is not ``>=``).  A verdict
without data is "not assessable", never met (DOMAIN.md, ambiguity 3).  The
earlier years (:mod:`chuyenhoa.method.history`) and the plan's targets
(:mod:`chuyenhoa.method.targets`) are judged in their own modules.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import repeat
from typing import NamedTuple, TypeVar

import attrs

from chuyenhoa.comparators import Comparator
from chuyenhoa.i18n import _, _n, translate
from chuyenhoa.model import (
    Gate,
    GateTest,
    Geography,
    HotspotIndicator,
    MissingIndicator,
    Source,
    Status,
    SuccessRule,
)
from chuyenhoa.reading.dataset import Dataset

_T = TypeVar("_T")


class IndicatorResult(NamedTuple):
    """One indicator of one hotspot (a tuple: a national run builds about 100,000 of them)."""

    id: str
    label: str
    value: object
    comparator: Comparator
    threshold: float | bool
    met: bool | None
    source: Source

    def as_dict(self) -> dict[str, object]:
        return {"id": self.id, "label": self.label, "value": self.value, "comparator": self.comparator.value,
                "threshold": self.threshold, "met": self.met, "source": str(self.source)}


class GateResult(NamedTuple):
    id: str
    label: str
    passed: bool | None
    detail: str
    source: Source

    def as_dict(self) -> dict[str, object]:
        return {"id": self.id, "label": self.label, "passed": self.passed, "detail": self.detail,
                "source": str(self.source)}


@attrs.frozen
class HotspotResult:
    commune_code: str
    commune_name: str
    district_code: str | None
    district_name: str | None
    year: int
    indicators: tuple[IndicatorResult, ...]
    gates: tuple[GateResult, ...]
    share: float | None  # 0–1 over the indicators counted
    share_met: bool | None
    transformed: bool | None
    reasons: tuple[str, ...]
    recorded: bool | None = None  # the `transformed` column, when the user gave it

    @property
    def met(self) -> int:
        return sum(1 for i in self.indicators if i.met)

    @property
    def assessed(self) -> int:
        return sum(1 for i in self.indicators if i.met is not None)

    @property
    def missing(self) -> int:
        return sum(1 for i in self.indicators if i.met is None)

    @property
    def verdict(self) -> Status:
        if self.transformed is None:
            return Status.NOT_ASSESSABLE
        return Status.MET if self.transformed else Status.NOT_MET

    def as_dict(self) -> dict[str, object]:
        return {
            "commune_code": self.commune_code,
            "commune_name": self.commune_name,
            "district_code": self.district_code,
            "district_name": self.district_name,
            "indicators": [i.as_dict() for i in self.indicators],
            "met": self.met,
            "assessed": self.assessed,
            "missing": self.missing,
            "share": None if self.share is None else round(self.share * 100, 2),
            "gates": [g.as_dict() for g in self.gates],
            "transformed": self.transformed,
            "verdict": self.verdict.value,
            "reasons": list(self.reasons),
            "recorded_transformed": self.recorded,
        }


def evaluate_hotspot(
    dataset: Dataset,
    geography: Geography,
    code: str,
    year: int,
    indicators: Sequence[HotspotIndicator],
    rule: SuccessRule,
    labels: Mapping[str, str],
) -> HotspotResult:
    """One hotspot: its indicators, the share met, the gates, and the verdict with reasons."""
    return evaluate_hotspots(dataset, geography, (code,), year, indicators, rule, labels)[0]


def evaluate_hotspots(
    dataset: Dataset,
    geography: Geography,
    codes: Sequence[str],
    year: int,
    indicators: Sequence[HotspotIndicator],
    rule: SuccessRule,
    labels: Mapping[str, str],
) -> tuple[HotspotResult, ...]:
    """The hotspots of one year: their indicators, the share met, the gates, the verdicts with reasons.

    Worked indicator by indicator over all the hotspots (one comparison loop per
    indicator, not one per hotspot and indicator), then put together hotspot by
    hotspot; the verdicts are those of the rule applied to each hotspot alone.
    """
    rows = dataset.rows_at(codes, year)
    judged = _judged(dataset, rows, indicators)
    results_by_indicator = [
        map(_indicator_result, zip(repeat(ind.id), repeat(translate(ind.label) or labels.get(ind.id, ind.id)),
                                   values, repeat(ind.comparator), repeat(ind.threshold), met, repeat(ind.source)))
        for ind, (values, met) in zip(indicators, judged, strict=True)]
    results_by_hotspot = _by_hotspot(results_by_indicator, len(codes))
    met_by_hotspot = _by_hotspot([met for _values, met in judged], len(codes))
    gates_by_hotspot = _gates(dataset, codes, rows, year, rule)
    recorded = dataset.communes.values_at("transformed", rows)
    pct = f"{rule.share * 100:g}%"
    # the words, in the language in force, looked up once for all the hotspots
    no_data, short_of = _("không có số liệu chỉ tiêu nào"), _(
        "đạt {met}/{total} chỉ tiêu ({share}%), cần {comparator} {required}; không đạt: {failed}")
    how = _("không tính vào mẫu số") if rule.missing is MissingIndicator.EXCLUDE else _("tính là không đạt")
    gate_failed, gate_unknown = _("{gate}: không đạt ({detail})"), _("{gate}: chưa đánh giá được ({detail})")
    hotspots = []
    for code, recorded_here, results, met, gates in zip(codes, recorded, results_by_hotspot, met_by_hotspot,
                                                        gates_by_hotspot, strict=True):
        met_count, denominator, share, share_met = _share(met, rule)
        reasons: list[str] = []
        if share is None:
            reasons.append(no_data)
        elif not share_met:
            failed = ", ".join(r.id for r in results if r.met is False)
            reasons.append(short_of.format(met=met_count, total=denominator, share=f"{share * 100:.1f}",
                                           comparator=rule.comparator.value, required=pct, failed=failed))
        if None in met and share is not None:
            missing_ids = [r.id for r in results if r.met is None]
            reasons.append(_n("thiếu số liệu {count} chỉ tiêu ({ids}), {how}", len(missing_ids)).format(
                count=len(missing_ids), ids=", ".join(missing_ids), how=how))
        for gate in gates:
            if gate.passed is False:
                reasons.append(gate_failed.format(gate=gate.label, detail=gate.detail))
            elif gate.passed is None:
                reasons.append(gate_unknown.format(gate=gate.label, detail=gate.detail))
        commune = geography.commune(code)
        district = geography.district(commune.district_code) if commune and commune.district_code else None
        hotspots.append(HotspotResult(
            commune_code=code,
            commune_name=commune.name if commune else code,
            district_code=commune.district_code if commune else None,
            district_name=district.name if district else None,
            year=year,
            indicators=results,
            gates=gates,
            share=share,
            share_met=share_met,
            transformed=_decide(share_met, [g.passed for g in gates]),
            reasons=tuple(reasons),
            recorded=recorded_here if isinstance(recorded_here, bool) else None,
        ))
    return tuple(hotspots)


def _judged(dataset: Dataset, rows: Sequence[int | None], indicators: Sequence[HotspotIndicator]
            ) -> list[tuple[list[object], list[bool | None]]]:
    """For each indicator: its values at ``rows`` and whether each is met (None: no data)."""
    judged = []
    for ind in indicators:
        values = dataset.communes.values_at(ind.id, rows)
        judged.append((values, ind.comparator.holds_each(values, ind.threshold)))
    return judged


def _by_hotspot(by_item: Sequence[Iterable[_T]], hotspots: int) -> list[tuple[_T, ...]]:
    """Lists kept one per indicator (or gate), each over the hotspots, turned into one tuple per hotspot."""
    return list(zip(*by_item, strict=True)) if by_item else [()] * hotspots


#: Build an IndicatorResult from one tuple of its fields at C speed (a national run builds 100,000)
_indicator_result = functools.partial(tuple.__new__, IndicatorResult)
_gate_result = functools.partial(tuple.__new__, GateResult)


def _share(met: list[bool | None] | tuple[bool | None, ...], rule: SuccessRule
           ) -> tuple[int, int, float | None, bool | None]:
    """Indicators met, the denominator the rule counts, the share and whether it passes."""
    met_count, assessed = met.count(True), len(met) - met.count(None)
    denominator = len(met) if rule.missing is MissingIndicator.NOT_MET else assessed
    share = met_count / denominator if denominator else None
    return met_count, denominator, share, None if share is None else rule.comparator.holds(share, rule.share)


def _decide(share_met: bool | None, gates: Sequence[bool | None]) -> bool | None:
    """Not transformed as soon as anything known fails; unknown while anything needed is missing."""
    if share_met is False or False in gates:
        return False
    if share_met is None or None in gates:
        return None
    return True


def hotspot_outcomes(dataset: Dataset, codes: Sequence[str], year: int, indicators: Sequence[HotspotIndicator],
                     rule: SuccessRule) -> list[bool | None]:
    """The verdicts of :func:`evaluate_hotspots` without their explanation, for earlier years."""
    rows = dataset.rows_at(codes, year)
    met_by_hotspot = _by_hotspot([met for _values, met in _judged(dataset, rows, indicators)], len(codes))
    gates_by_hotspot = _by_hotspot(
        [passed for _gate, passed, _facts in _gate_values(dataset, codes, rows, year, rule)], len(codes))
    return [_decide(_share(met, rule)[3], gates)  # type: ignore[arg-type]
            for met, gates in zip(met_by_hotspot, gates_by_hotspot, strict=True)]


def _gate_values(dataset: Dataset, codes: Sequence[str], rows: Sequence[int | None], year: int, rule: SuccessRule
                 ) -> Iterable[tuple[Gate, list[bool | None], list[tuple[object, ...]]]]:
    """Each gate of the rule, and for each hotspot whether it passed (None: no data) and the facts."""
    table = dataset.communes
    for gate in rule.gates:
        if not gate.defined:  # a rule built in code that names a gate: the hooks fill it in, a direct call cannot
            raise ValueError(f"gate {gate.id!r} names no column and test: resolve the rule through the hooks "
                             "(chuyenhoa.method.hooks.resolve_method) or define the gate")
        column = gate.column or ""
        if gate.test is GateTest.DECREASED:
            now = table.values_at(column, rows)
            before = table.values_at(column, dataset.rows_at(codes, year - 1))
            passed = [None if n is None or b is None else n < b for n, b in zip(now, before, strict=True)]  # type: ignore[operator]
            yield gate, passed, list(zip(before, now, strict=True))
        else:
            flags = table.values_at(column, rows)
            yield gate, [None if f is None else not f for f in flags], [(f,) for f in flags]


def _gates(dataset: Dataset, codes: Sequence[str], rows: Sequence[int | None], year: int, rule: SuccessRule
           ) -> list[tuple[GateResult, ...]]:
    """Each hotspot's gates with the words that explain them and the clause of each."""
    by_gate = []
    for gate, passed, facts in _gate_values(dataset, codes, rows, year, rule):
        describe = _gate_details(gate, year)
        by_gate.append(map(_gate_result, zip(repeat(gate.id), repeat(translate(gate.label)), passed,
                                              map(describe, passed, facts), repeat(gate.source))))
    return _by_hotspot(by_gate, len(codes))


def _gate_details(gate: Gate, year: int) -> Callable[[bool | None, tuple[object, ...]], str]:
    """The function that words one hotspot's gate, its phrases looked up once."""
    if gate.test is GateTest.DECREASED:
        change = _("{before} vụ năm {previous_year} → {now} vụ năm {year}")
        missing = {now_missing: _("thiếu số vụ phạm pháp hình sự năm {year}").format(
            year=year if now_missing else year - 1) for now_missing in (True, False)}

        def crime(passed: bool | None, facts: tuple[object, ...]) -> str:
            before, now = facts
            if passed is None:
                return missing[now is None]
            return change.format(before=before, previous_year=year - 1, now=now, year=year)
        return crime
    words = {None: _("thiếu số liệu new_complexity"), True: _("có phát sinh phức tạp mới"),
             False: _("không phát sinh phức tạp mới")}
    return lambda _passed, facts: words[None if facts[0] is None else bool(facts[0])]
