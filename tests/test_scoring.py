"""The scorer computes the formula its docstring states, to the last bit, on awkward data."""

from __future__ import annotations

import random

import pytest

from chuyenhoa.builtin.national import CAP
from chuyenhoa.method.scoring import ScoreBoard, WeightedCriteriaScorer, totals_of
from chuyenhoa.method.selection import comparison_units
from chuyenhoa.model import ValueKind
from chuyenhoa.reading.dataset import load_dataset
from chuyenhoa.reading.indicators import CORE_INDICATORS, CRITERIA, CRITERIA_GROUPS

pytest.importorskip("numpy")


def reference_scores(columns, rows, weights):
    """points(c) = weight(c) × value(c) / max(value(c) in the unit), per 1,000 inhabitants when every
    commune of the unit has a population; yes/no worth the full weight when yes; total out of 100.
    Written plainly, commune by commune, criteria added in order."""
    def weight(c):
        return weights.get(c, 1.0)

    criteria = [(c, g) for g, ids in CRITERIA.items() for c in ids if weight(c) > 0]
    scale = 100.0 / (sum(weight(c) for c, _ in criteria) or 1.0)
    out = {}
    population = columns.get("population")
    for unit, indices in rows.items():
        per_capita = population is not None and all(
            isinstance(population[i], int) and population[i] > 0 for i in indices)
        points = {i: {} for i in indices}
        for criterion, _group in criteria:
            column = columns.get(criterion)
            for i in indices:
                value = None if column is None else column[i]
                if CORE_INDICATORS[criterion].kind is ValueKind.FLAG:
                    points[i][criterion] = weight(criterion) if value else 0.0
                    continue
                scaled = [(0 if column is None else column[j] or 0) * (1000.0 / population[j] if per_capita else 1.0)
                          for j in indices]
                top = max(scaled, default=0)
                mine = (value or 0) * (1000.0 / population[i] if per_capita else 1.0)
                points[i][criterion] = mine * (weight(criterion) / top) if top else 0.0
        for i in indices:
            total = 0.0
            for criterion, _group in criteria:
                total = total + points[i][criterion]
            groups = dict.fromkeys(CRITERIA_GROUPS, 0.0)
            for criterion, group in criteria:
                groups[group] += points[i][criterion]
            missing = tuple(c for c, _g in criteria if columns.get(c) is None or columns[c][i] is None)
            out[columns["commune_code"][i]] = (unit, total * scale, {c: p for c, p in points[i].items() if p},
                                               groups, missing, per_capita)
    return out


@pytest.mark.parametrize("seed", range(6))
def test_scores_follow_the_formula_exactly(geography, csv_file, seed):
    rng = random.Random(seed)
    criteria = [c for ids in CRITERIA.values() for c in ids]
    present = rng.sample(criteria, rng.randrange(5, len(criteria)))  # some criteria have no column at all
    header = ["commune_code", "year", "population", *present]
    rows = []
    for commune in geography.communes:
        row = [commune.code, "2024", "" if rng.random() < 0.1 else str(rng.randrange(500, 30000))]
        for criterion in present:
            if rng.random() < 0.15:
                row.append("")
            elif CORE_INDICATORS[criterion].kind is ValueKind.FLAG:
                row.append(rng.choice(["có", "không"]))
            elif CORE_INDICATORS[criterion].kind is ValueKind.RATE:
                row.append(f"{rng.uniform(0, 100):.1f}")
            else:
                row.append(str(rng.choice([0, 0, 1, 2, 3, 7, 40])))
        rows.append(row)
    data = load_dataset(csv_file(header, rows), geography)
    weights = {c: rng.choice([0, 0.5, 1, 2, 3.7]) for c in rng.sample(criteria, 6)}
    units = comparison_units(geography, data, 2024, CAP if seed % 2 else
                             CAP.__class__(cap_share=0.15, scopes=("district",), rounding=CAP.rounding,
                                           source=CAP.source))
    scores = WeightedCriteriaScorer(weights).score(data, units)
    expected = reference_scores(data.communes.columns, units, weights)
    assert isinstance(scores, ScoreBoard) and set(scores) == set(expected)
    for code, (unit, total, points, groups, missing, per_capita) in expected.items():
        score = scores[code]
        assert (score.unit_code, score.total, score.points, score.groups, score.missing, score.per_capita) == \
            (unit, total, points, groups, missing, per_capita), code
        assert type(score.total) is float
    assert totals_of(scores) == {code: e[1] for code, e in expected.items()}
    assert totals_of(dict(scores)) == totals_of(scores)


def test_no_candidates_score_nothing(geography, csv_file):
    data = load_dataset(csv_file(["commune_code", "year"], [["90001", "2024"]]), geography)
    assert len(WeightedCriteriaScorer().score(data, {})) == 0
    assert len(WeightedCriteriaScorer().score(data, {"901": []})) == 0
