"""Scoring communes on the four criteria groups of 7488/KH-UBND §III.3, transparently.

The plan lists the criteria but prescribes no formula, so the score is a proposal
for the steering committee to discuss, never a verdict.  It is built to be read:
each criterion's points are kept, and the method fits in one sentence —

    points(c) = weight(c) × value(c) / max(value(c) among the communes compared),

with yes/no criteria worth their full weight when yes, counts taken per 1,000
inhabitants when every commune compared has a population, and the total shown
out of 100.  Communes are compared within the unit that selects: the district,
or the province where there are no districts.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Iterator, Mapping, Sequence
from typing import Protocol

import attrs

from chuyenhoa.dataset import Dataset
from chuyenhoa.i18n import _
from chuyenhoa.indicators import CORE_INDICATORS, CRITERIA, CRITERIA_GROUPS
from chuyenhoa.model import ValueKind

#: Every criterion weighs the same unless a plan's ``[weights]`` says otherwise.
DEFAULT_WEIGHT = 1.0


class _ScoreTable:
    """The scores of one call, column by column: one list of points per criterion, one row per commune."""

    __slots__ = ("criteria", "per_capita", "points", "values")

    def __init__(self, per_capita: list[bool]) -> None:
        self.per_capita = per_capita
        self.criteria: list[tuple[str, str]] = []
        self.points: dict[str, list[float]] = {}
        self.values: dict[str, list[object] | None] = {}  # None: the column is absent


class CommuneScore:
    """One commune's score, with every criterion's points and group subtotals on demand.

    Light on purpose: a proposal scores every commune of every district, and only
    the ones shown need their breakdown built.
    """

    __slots__ = ("_position", "_unit", "commune_code", "total", "unit_code")

    def __init__(self, commune_code: str, unit_code: str, total: float, unit: _ScoreTable, position: int) -> None:
        self.commune_code, self.unit_code, self.total = commune_code, unit_code, total
        self._unit, self._position = unit, position

    @property
    def points(self) -> dict[str, float]:
        """Criterion → points (before scaling to 100), for the criteria that scored."""
        return {c: pts[self._position] for c, pts in self._unit.points.items() if pts[self._position]}

    @property
    def groups(self) -> dict[str, float]:
        groups = dict.fromkeys(CRITERIA_GROUPS, 0.0)
        for criterion, group in self._unit.criteria:
            groups[group] += self._unit.points[criterion][self._position]
        return groups

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(c for c, values in self._unit.values.items()
                     if values is None or values[self._position] is None)

    @property
    def per_capita(self) -> bool:
        return self._unit.per_capita[self._position]

    def __repr__(self) -> str:
        return f"CommuneScore({self.commune_code!r}, total={self.total:.2f})"

    def as_dict(self) -> dict[str, object]:
        return {
            "commune_code": self.commune_code,
            "unit_code": self.unit_code,
            "score": round(self.total, 2),
            "groups": {g: round(v, 3) for g, v in self.groups.items()},
            "contributions": {c: round(v, 3) for c, v in self.points.items()},
            "missing": list(self.missing),
            "per_capita": self.per_capita,
        }


class CommuneScorer(Protocol):
    """What ``chuyenhoa_commune_scorer`` returns."""

    description: str

    def score(self, dataset: Dataset, rows: Mapping[str, Sequence[int]]) -> dict[str, CommuneScore]:
        """Score the rows of each comparison unit (unit code → row indices), by commune code."""
        ...


@attrs.frozen
class WeightedCriteriaScorer:
    """The built-in scorer: weighted, max-scaled criteria, every contribution kept."""

    weights: Mapping[str, float] = attrs.field(factory=dict)

    @property
    def description(self) -> str:
        changed = {k: v for k, v in self.weights.items() if v != DEFAULT_WEIGHT}
        base = _("Điểm = Σ trọng số × giá trị / giá trị lớn nhất trong đơn vị lựa chọn (huyện, hoặc tỉnh khi "
                 "trần tính cho cả tỉnh; theo 1.000 dân khi có dân số), quy về thang 100; "
                 "tiêu chí có/không tính đủ trọng số khi có. Chỉ là đề xuất để Ban Chỉ đạo xem xét, "
                 "không phải kết luận (7488/KH-UBND §III.3 không quy định công thức).")
        if changed:
            base += " " + _("Trọng số riêng của kế hoạch: {weights}").format(
                weights=", ".join(f"{k}={v:g}" for k, v in sorted(changed.items())))
        return base

    def weight(self, criterion: str) -> float:
        return self.weights.get(criterion, DEFAULT_WEIGHT)

    def score(self, dataset: Dataset, rows: Mapping[str, Sequence[int]]) -> dict[str, CommuneScore]:
        """Score every row, column by column over all units at once.

        Rows are laid out unit after unit, so each unit's maximum is ``max`` of a
        slice and every other step is a C-level ``map``: a proposal over a whole
        country's year costs a few passes per criterion, not a loop per commune.
        """
        columns = dataset.communes.columns
        codes = columns["commune_code"]
        population = columns.get("population")
        criteria = [(c, g) for g, ids in CRITERIA.items() for c in ids if self.weight(c) > 0]
        scale = 100.0 / (sum(self.weight(c) for c, _ in criteria) or 1.0)
        order: list[int] = []
        bounds: list[tuple[str, int, int]] = []
        for unit, indices in rows.items():
            bounds.append((unit, len(order), len(order) + len(indices)))
            order.extend(indices)
        n = len(order)
        people = list(map(population.__getitem__, order)) if population is not None else None
        per_capita = [people is not None and all(isinstance(p, int) and p > 0 for p in people[a:b])
                      for _unit, a, b in bounds]
        table = _ScoreTable(list(_spread(per_capita, bounds)))
        multiplier = [1000.0 / p if pc else 1.0  # type: ignore[operator]
                      for p, pc in zip(people or [0] * n, table.per_capita, strict=True)] if any(per_capita) else None
        totals = [0.0] * n
        for criterion, group in criteria:
            column = columns.get(criterion)
            weight = self.weight(criterion)
            table.criteria.append((criterion, group))
            if column is None:
                table.points[criterion] = [0.0] * n
                table.values[criterion] = None
                continue
            raw = list(map(column.__getitem__, order))
            table.values[criterion] = raw
            if CORE_INDICATORS[criterion].kind is ValueKind.FLAG:
                points = [weight if v else 0.0 for v in raw]
            else:
                scaled = [v or 0 for v in raw]
                if multiplier is not None:
                    scaled = list(map(operator.mul, scaled, multiplier))
                factors = []
                for _unit, a, b in bounds:
                    top = max(scaled[a:b], default=0)
                    factors.append(weight / top if top else 0.0)
                points = list(map(operator.mul, scaled, _spread(factors, bounds)))
            table.points[criterion] = points
            totals = list(map(operator.add, totals, points))
        scores: dict[str, CommuneScore] = {}
        for (unit, a, b) in bounds:
            for position in range(a, b):
                code = codes[order[position]]
                scores[code] = CommuneScore(code, unit, totals[position] * scale, table, position)  # type: ignore[arg-type]
        return scores


def _spread(values: Sequence[object], bounds: Sequence[tuple[str, int, int]]) -> Iterator[object]:
    """Each unit's value repeated over the unit's rows."""
    return itertools.chain.from_iterable(
        itertools.repeat(v, b - a) for v, (_u, a, b) in zip(values, bounds, strict=True))
