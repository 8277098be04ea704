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

from collections.abc import Mapping, Sequence
from typing import Protocol

import attrs

from chuyenhoa.dataset import Dataset
from chuyenhoa.indicators import CORE_INDICATORS, CRITERIA, CRITERIA_GROUPS
from chuyenhoa.model import ValueKind

#: Every criterion weighs the same unless a plan's ``[weights]`` says otherwise.
DEFAULT_WEIGHT = 1.0


@attrs.frozen
class CommuneScore:
    commune_code: str
    unit_code: str
    total: float  # 0–100
    groups: Mapping[str, float]
    points: Mapping[str, float]  # criterion → points (before scaling to 100)
    missing: tuple[str, ...]
    per_capita: bool

    def as_dict(self) -> dict[str, object]:
        return {
            "commune_code": self.commune_code,
            "unit_code": self.unit_code,
            "score": round(self.total, 2),
            "groups": {g: round(v, 3) for g, v in self.groups.items()},
            "contributions": {c: round(v, 3) for c, v in self.points.items() if v},
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
        base = ("Điểm = Σ trọng số × giá trị / giá trị lớn nhất trong đơn vị lựa chọn (huyện, hoặc tỉnh khi "
                "trần tính cho cả tỉnh; theo 1.000 dân khi có dân số), quy về thang 100; "
                "tiêu chí có/không tính đủ trọng số khi có. Chỉ là đề xuất để Ban Chỉ đạo xem xét, "
                "không phải kết luận (7488/KH-UBND §III.3 không quy định công thức).")
        if changed:
            base += " Trọng số riêng của kế hoạch: " + ", ".join(f"{k}={v:g}" for k, v in sorted(changed.items()))
        return base

    def weight(self, criterion: str) -> float:
        return self.weights.get(criterion, DEFAULT_WEIGHT)

    def score(self, dataset: Dataset, rows: Mapping[str, Sequence[int]]) -> dict[str, CommuneScore]:
        columns = dataset.communes.columns
        codes = columns["commune_code"]
        population = columns.get("population")
        criteria = [(c, g) for g, ids in CRITERIA.items() for c in ids if self.weight(c) > 0]
        total_weight = sum(self.weight(c) for c, _ in criteria) or 1.0
        scores: dict[str, CommuneScore] = {}
        for unit, indices in rows.items():
            per_capita = population is not None and all(
                isinstance(population[i], int) and population[i] > 0 for i in indices
            )
            points: dict[int, dict[str, float]] = {i: {} for i in indices}
            missing: dict[int, list[str]] = {i: [] for i in indices}
            for criterion, _group in criteria:
                values = columns.get(criterion)
                weight = self.weight(criterion)
                if values is None:
                    for i in indices:
                        missing[i].append(criterion)
                    continue
                if CORE_INDICATORS[criterion].kind is ValueKind.FLAG:
                    for i in indices:
                        v = values[i]
                        if v is None:
                            missing[i].append(criterion)
                        elif v:
                            points[i][criterion] = weight
                    continue
                scaled: dict[int, float] = {}
                for i in indices:
                    v = values[i]
                    if v is None:
                        missing[i].append(criterion)
                    elif v:
                        scaled[i] = v * 1000.0 / population[i] if per_capita else float(v)  # type: ignore[index]
                top = max(scaled.values(), default=0.0)
                if top > 0:
                    for i, v in scaled.items():
                        points[i][criterion] = weight * v / top
            for i in indices:
                own = points[i]
                groups = dict.fromkeys(CRITERIA_GROUPS, 0.0)
                for criterion, group in criteria:
                    if criterion in own:
                        groups[group] += own[criterion]
                scores[codes[i]] = CommuneScore(
                    commune_code=codes[i],
                    unit_code=unit,
                    total=100.0 * sum(own.values()) / total_weight,
                    groups=groups,
                    points=own,
                    missing=tuple(missing[i]),
                    per_capita=per_capita,
                )
        return scores
