"""Verdicts on targets: each plan target, and each programme goal, against its threshold.

A comparator is applied exactly as written ("trên 75 %" is ``>``).  A change "so
với năm trước" needs last year's figure; without it the target is not assessable
(DOMAIN.md, ambiguities 4–5).  A share computed from hotspot verdicts is known
within bounds while some hotspots are not assessable, and is met (or not met)
only when every way those could turn out agrees.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

import attrs

from chuyenhoa.comparators import Comparator
from chuyenhoa.i18n import _, decimal, translate
from chuyenhoa.model import Basis, FieldsRepr, Source, Status, Target
from chuyenhoa.reading.dataset import Dataset

if TYPE_CHECKING:
    from chuyenhoa.method.merger import ProvinceFigures


@attrs.frozen(repr=False)
class TargetResult(FieldsRepr):
    id: str
    label: str
    indicator: str
    basis: Basis
    comparator: Comparator
    threshold: float | bool
    actual: float | bool | None
    status: Status
    source: Source
    detail: str = ""
    current: object = None
    previous: object = None
    previous_year: int | None = None
    lead: str | None = None
    scope: str = "province"

    def as_dict(self) -> dict[str, object]:
        actual = round(self.actual, 4) if isinstance(self.actual, float) else self.actual
        return {
            "id": self.id,
            "label": self.label,
            "indicator": self.indicator,
            "basis": self.basis.value,
            "comparator": self.comparator.value,
            "threshold": self.threshold,
            "actual": actual,
            "status": self.status.value,
            "source": str(self.source),
            "quote": self.source.quote,
            "reading": self.source.reading,
            "detail": self.detail,
            "current": self.current,
            "previous": self.previous,
            "previous_year": self.previous_year,
            "lead": self.lead,
            "scope": self.scope,
        }


@attrs.frozen(repr=False)
class Bounds(FieldsRepr):
    """A computed share that may be known only within bounds (some hotspots not assessable)."""

    low: float | None
    high: float | None
    detail: str


def judge_bounds(comparator: Comparator, threshold: float, bounds: Bounds) -> Status:
    """Met only if met whatever the unknown cases turn out to be; not met only if never met."""
    if bounds.low is None or bounds.high is None:
        return Status.NOT_ASSESSABLE
    low, high = comparator.holds(bounds.low, threshold), comparator.holds(bounds.high, threshold)
    if low and high:
        return Status.MET
    if comparator is Comparator.EQ:
        return Status.NOT_ASSESSABLE if bounds.low != bounds.high and bounds.low <= threshold <= bounds.high \
            else Status.NOT_MET
    if not low and not high:
        return Status.NOT_MET
    return Status.NOT_ASSESSABLE


def share_bounds(known_yes: int, unknown: int, total: int, what: str) -> Bounds:
    if total == 0:
        return Bounds(None, None, _("không có {what}").format(what=what))
    low, high = 100.0 * known_yes / total, 100.0 * (known_yes + unknown) / total
    detail = f"{known_yes}/{total} {what}"
    if unknown:
        detail += "; " + _("{count} chưa đánh giá được (tỷ lệ nằm trong {low}–{high}%)").format(
            count=unknown, low=_figure(low), high=_figure(high))
    return Bounds(low, high, detail)


def _figure(value: object) -> str:
    """A figure inside a detail as the reader's language writes it ("72,2", "-5,26"): one decimal mark for all."""
    if isinstance(value, float):
        return decimal(f"{value:.2f}".rstrip("0").rstrip("."))
    return str(value)


def evaluate_target(target: Target, dataset: Dataset, year: int, computed: Mapping[str, Bounds],
                    figures: ProvinceFigures | None = None, *, labels: Mapping[str, str] | None = None
                    ) -> TargetResult:
    """One target, with its comparator as written.

    ``figures`` reads the ``province`` table for the province evaluated
    (:func:`chuyenhoa.method.merger.province_figures`): its row of ``year``, and for
    a change on last year the row of the year before, or across the reform of
    01/07/2025 the sum of the rows of the provinces it was formed from, whose note
    the detail carries; when that cannot be had the change is not assessable, and
    the detail says why.  Without it, each year's one row.  ``labels`` (column id →
    label) names an empty cell the way the template heads its column, never by an
    id the reader does not know.
    """
    if figures is None:
        from chuyenhoa.method.merger import ProvinceFigures

        figures = ProvinceFigures(dataset=dataset, year=year, labels=dict(labels or {}))
    column = (labels or {}).get(target.indicator) or target.indicator
    base = TargetResult(id=target.id, label=translate(target.label), indicator=target.indicator,
                        basis=target.basis, comparator=target.comparator, threshold=target.threshold, actual=None,
                        status=Status.NOT_ASSESSABLE, source=target.source, lead=target.lead,
                        scope=target.scope.value)
    if target.indicator in computed:
        bounds = computed[target.indicator]
        status = judge_bounds(target.comparator, float(target.threshold), bounds)
        return attrs.evolve(base, actual=bounds.low, status=status, detail=bounds.detail)
    current = figures.current(target.indicator)
    if target.basis is Basis.VALUE:
        if current is None:
            why = (_("không có dòng năm {year} trong bảng province").format(year=year)
                   if not figures.has_current()
                   else _("ô “{column}” năm {year} để trống").format(column=column, year=year))
            return attrs.evolve(base, actual=None, status=Status.NOT_ASSESSABLE, detail=why)
        met = target.comparator.holds(current, target.threshold)  # type: ignore[arg-type]
        return attrs.evolve(base, actual=current, status=Status.MET if met else Status.NOT_MET,  # type: ignore[arg-type]
                            current=current)
    previous_year = year - 1
    found = figures.previous(target.indicator)
    previous = found.value
    if found.missing is not None:
        detail = found.missing if current is not None else "; ".join((found.missing, _(
            "cần số liệu “{column}” của năm {years} để so sánh").format(column=column, years=year)))
        return attrs.evolve(base, actual=None, status=Status.NOT_ASSESSABLE, current=current, previous=None,
                            previous_year=previous_year, detail=detail)
    if current is None or previous is None:
        missing = [str(y) for y, v in ((previous_year, previous), (year, current)) if v is None]
        return attrs.evolve(base, actual=None, status=Status.NOT_ASSESSABLE, current=current, previous=previous,
                            previous_year=previous_year,
                            detail=_("cần số liệu “{column}” của năm {years} để so sánh").format(
                                column=column, years=_(" và ").join(missing)))
    how = f" ({found.note})" if found.note else ""  # the provinces whose rows were summed
    if previous == 0:
        return attrs.evolve(base, actual=None, status=Status.NOT_ASSESSABLE, current=current, previous=previous,
                            previous_year=previous_year,
                            detail=_("năm {year} bằng 0: không tính được tỷ lệ thay đổi").format(year=previous_year)
                            + how)
    change = 100.0 * (float(current) - float(previous)) / float(previous)  # type: ignore[arg-type]
    met = target.comparator.holds(change, target.threshold)
    return attrs.evolve(base, actual=change, status=Status.MET if met else Status.NOT_MET, current=current,
                        previous=previous, previous_year=previous_year,
                        detail=_("{previous} (năm {previous_year}) → {current} (năm {year}): {change}%").format(
                            previous=_figure(previous), previous_year=previous_year, current=_figure(current),
                            year=year, change=decimal(f"{change:+.2f}")) + how)
