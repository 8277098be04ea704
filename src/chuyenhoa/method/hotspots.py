"""Verdicts on hotspots: each hotspot against its indicators and the gates of the success rule.

A comparator is applied exactly as written (``>`` is not ``>=``).  A verdict
without data is "not assessable", never met (DOMAIN.md, ambiguity 3): under the
national reading (``MissingIndicator.BOUNDS``) the share of indicators met is known
only within bounds while some are missing, and decides only when both bounds agree,
as a computed share does in :mod:`chuyenhoa.method.targets`.  The
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
from chuyenhoa.i18n import _, _n, decimal, translate
from chuyenhoa.method.merger import previous_values
from chuyenhoa.model import (
    FieldsRepr,
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


@attrs.frozen(repr=False)
class HotspotResult(FieldsRepr):
    commune_code: str
    commune_name: str
    district_code: str | None
    district_name: str | None
    year: int
    indicators: tuple[IndicatorResult, ...]
    gates: tuple[GateResult, ...]
    share: float | None  # 0–1 over the indicators counted (with data, or all of them under NOT_MET)
    share_met: bool | None
    #: 0–1: the share the rule judges with every missing indicator not met, and with every one met
    #: (both equal to ``share`` unless the rule reads missing indicators as bounds)
    share_low: float | None
    share_high: float | None
    #: undecided by missing indicators: how many of them must be met for the share to pass
    needed: int | None
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
            "share": _percent(self.share),
            "share_low": _percent(self.share_low),
            "share_high": _percent(self.share_high),
            "missing_needed": self.needed,
            "gates": [g.as_dict() for g in self.gates],
            "transformed": self.transformed,
            "verdict": self.verdict.value,
            "reasons": list(self.reasons),
            "recorded_transformed": self.recorded,
        }


def _percent(share: float | None) -> float | None:
    """A 0–1 share as the JSON gives it: a percentage, 2 decimals."""
    return None if share is None else round(share * 100, 2)


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
    gates_by_hotspot = _gates(dataset, codes, rows, year, rule, labels)
    recorded = dataset.communes.values_at("transformed", rows)
    # the words, in the language in force, looked up once for all the hotspots
    no_data, short_of = _("không có số liệu chỉ tiêu nào"), _(
        "đạt {met}/{total} chỉ tiêu ({share}%), cần {comparator} {required}; không đạt: {failed}")
    # the reader's words: the comparator's sign, the share as a number of the language, indicators by label
    required = {"comparator": rule.comparator.sign, "required": decimal(f"{rule.share * 100:g}") + "%"}
    how = _("không tính vào mẫu số") if rule.missing is MissingIndicator.EXCLUDE else _("tính là không đạt")
    gate_failed, gate_unknown = _("{gate}: không đạt ({detail})"), _("{gate}: chưa đánh giá được ({detail})")
    hotspots = []
    for code, recorded_here, results, met, gates in zip(codes, recorded, results_by_hotspot, met_by_hotspot,
                                                        gates_by_hotspot, strict=True):
        share = _share(met, rule)
        reasons: list[str] = []
        if share.share is None:
            reasons.append(no_data)
        elif rule.missing is MissingIndicator.BOUNDS and share.missing:
            reasons.append(_bounds_reason(share, results, required))
        else:
            if not share.passed:
                failed = _named(r for r in results if r.met is False)
                reasons.append(short_of.format(met=share.met, total=share.counted,
                                               share=decimal(f"{share.share * 100:.1f}"), failed=failed, **required))
            if share.missing:
                missing_ones = [r for r in results if r.met is None]
                reasons.append(_n("thiếu số liệu {count} chỉ tiêu ({ids}), {how}", len(missing_ones)).format(
                    count=len(missing_ones), ids=_named(missing_ones), how=how))
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
            share=share.share,
            share_met=share.passed,
            share_low=share.low,
            share_high=share.high,
            needed=share.needed,
            transformed=_decide(share.passed, [g.passed for g in gates]),
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


#: Comparators under which more indicators met can only help: "how many must be met" has an answer
_RISING = frozenset({Comparator.GE, Comparator.GT})


class _Share(NamedTuple):
    """One hotspot's indicators against the share of the success rule."""

    met: int
    missing: int
    counted: int  # the denominator of ``share``: the indicators with data, or all of them under NOT_MET
    share: float | None
    low: float | None  # the share the rule judges, every missing indicator not met
    high: float | None  # … every missing indicator met
    passed: bool | None  # None: no data, or bounds on both sides of the threshold
    needed: int | None  # undecided bounds: the fewest missing indicators that must be met to pass


def _share(met: list[bool | None] | tuple[bool | None, ...], rule: SuccessRule) -> _Share:
    """The share of indicators met and whether it passes, by the rule's reading of missing indicators.

    Under ``BOUNDS`` the share the rule judges lies between ``met ÷ all`` (every
    missing indicator not met) and ``(met + missing) ÷ all`` (every one met); it
    passes only if it passes for every number of missing indicators that could be
    met, fails only if it fails for every one, and is unknown otherwise (each count
    is tried, so a comparator such as ``=`` is judged right too).
    """
    met_count, missing, total = met.count(True), met.count(None), len(met)
    assessed = total - missing
    counted = total if rule.missing is MissingIndicator.NOT_MET else assessed
    share = met_count / counted if counted else None
    if rule.missing is not MissingIndicator.BOUNDS or not missing:
        passed = None if share is None else rule.comparator.holds(share, rule.share)
        return _Share(met_count, missing, counted, share, share, share, passed, None)
    # total > 0 here: some indicator is missing
    outcomes = [rule.comparator.holds((met_count + extra) / total, rule.share) for extra in range(missing + 1)]
    passed = True if all(outcomes) else False if not any(outcomes) else None
    needed = outcomes.index(True) if passed is None and rule.comparator in _RISING else None
    return _Share(met_count, missing, counted, share, met_count / total, (met_count + missing) / total, passed,
                  needed)


def _bounds_reason(judged: _Share, results: Sequence[IndicatorResult], required: Mapping[str, str]) -> str:
    """Why missing indicators did or did not let the share decide, with its bounds (``BOUNDS`` only)."""
    low, high = (decimal(f"{x * 100:.1f}".removesuffix(".0")) for x in (judged.low or 0.0, judged.high or 0.0))
    words = {"met": judged.met, "assessed": judged.counted, "count": judged.missing,
             "ids": _named(r for r in results if r.met is None),
             "failed": _named(r for r in results if r.met is False),
             "low": low, "high": high, "total": judged.counted + judged.missing,  # BOUNDS counts those with data
             **required}
    if judged.passed:
        return _n("thiếu số liệu {count} chỉ tiêu ({ids}); kể cả khi tính là không đạt, tỷ lệ vẫn là {low}% "
                  "({met}/{total}), cần {comparator} {required}", judged.missing).format(**words)
    if judged.passed is False:
        return _n("đạt {met}/{assessed} chỉ tiêu có số liệu, thiếu {count} ({ids}): kể cả khi đạt hết, tỷ lệ "
                  "cao nhất là {high}%, cần {comparator} {required}; không đạt: {failed}",
                  judged.missing).format(**words)
    text = _n("đạt {met}/{assessed} chỉ tiêu có số liệu, thiếu {count} ({ids}): tỷ lệ nằm trong {low}–{high}%, "
              "chưa đủ để kết luận (cần {comparator} {required})", judged.missing).format(**words)
    if judged.needed == judged.missing == 1:
        text += _("; tỷ lệ chỉ đạt nếu chỉ tiêu thiếu số liệu đạt")
    elif judged.needed == judged.missing:
        text += _n("; tỷ lệ chỉ đạt nếu cả {count} chỉ tiêu thiếu số liệu đều đạt",
                   judged.missing).format(count=judged.missing)
    elif judged.needed is not None:
        text += _n("; tỷ lệ chỉ đạt nếu ít nhất {needed}/{count} chỉ tiêu thiếu số liệu đạt",
                   judged.missing).format(needed=judged.needed, count=judged.missing)
    return text


def _named(results: Iterable[IndicatorResult]) -> str:
    """Indicators as a reason names them: by label, in quotes (a label holds commas), never by column id; a
    quote inside a label takes the inner marks (‘ ’)."""
    return ", ".join("“" + r.label.replace("“", "‘").replace("”", "’") + "”" for r in results)


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
    return [_decide(_share(met, rule).passed, gates)
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
            # last year's count: the commune's own row, or across the reform of 01/07/2025 the sum of the
            # old communes it was formed from, with the words that say so (chuyenhoa.method.merger)
            now = table.values_at(column, rows)
            before, how = previous_values(dataset, codes, year, column)
            passed = [None if n is None or b is None else n < b for n, b in zip(now, before, strict=True)]  # type: ignore[operator]
            yield gate, passed, list(zip(before, now, how, strict=True))
        else:
            flags = table.values_at(column, rows)
            yield gate, [None if f is None else not f for f in flags], [(f,) for f in flags]


def _gates(dataset: Dataset, codes: Sequence[str], rows: Sequence[int | None], year: int, rule: SuccessRule,
           labels: Mapping[str, str]) -> list[tuple[GateResult, ...]]:
    """Each hotspot's gates with the words that explain them and the clause of each."""
    by_gate = []
    for gate, passed, facts in _gate_values(dataset, codes, rows, year, rule):
        describe = _gate_details(gate, year, labels)
        by_gate.append(map(_gate_result, zip(repeat(gate.id), repeat(translate(gate.label)), passed,
                                              map(describe, passed, facts), repeat(gate.source))))
    return _by_hotspot(by_gate, len(codes))


def _gate_details(gate: Gate, year: int, labels: Mapping[str, str]
                  ) -> Callable[[bool | None, tuple[object, ...]], str]:
    """The function that words one hotspot's gate, its phrases looked up once; a missing cell is named by
    its column's label, as the template heads it."""
    if gate.test is GateTest.DECREASED:
        change = _("{before} vụ năm {previous_year} → {now} vụ năm {year}")
        missing = {now_missing: _("thiếu số vụ phạm pháp hình sự năm {year}").format(
            year=year if now_missing else year - 1) for now_missing in (True, False)}

        def crime(passed: bool | None, facts: tuple[object, ...]) -> str:
            before, now, how = facts
            if passed is None:
                return str(how) if how and now is not None else missing[now is None]
            said = change.format(before=before, previous_year=year - 1, now=now, year=year)
            return f"{said} ({how})" if how else said
        return crime
    column = gate.column or ""
    words = {None: _("thiếu số liệu “{column}”").format(column=labels.get(column) or column),
             True: _("có phát sinh phức tạp mới"), False: _("không phát sinh phức tạp mới")}
    return lambda _passed, facts: words[None if facts[0] is None else bool(facts[0])]
