"""The scorer computes the formula its docstring states, to the last bit, on awkward data."""

from __future__ import annotations

import random

import pytest

from chuyenhoa.builtin.national import CAP
from chuyenhoa.method import scoring_plain
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


@pytest.fixture(params=["plain", "numpy"])
def path(request, monkeypatch):
    """Each test runs on both arithmetics: plain Python for small inputs, NumPy for large ones."""
    if request.param == "numpy":
        monkeypatch.setattr(scoring_plain, "LIMIT", -1)
    return request.param


def taken(scores) -> str:
    return "plain" if isinstance(scores._table.points, list) else "numpy"


@pytest.mark.parametrize("seed", range(6))
def test_scores_follow_the_formula_exactly(geography, csv_file, seed, path):
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
    assert taken(scores) == path
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


def _both(data, units, weights, monkeypatch):
    """The same scores through each arithmetic, as everything the JSON and the selection read of them."""
    scorer = WeightedCriteriaScorer(weights)
    plain = scorer.score(data, units)
    with monkeypatch.context() as m:
        m.setattr(scoring_plain, "LIMIT", -1)
        numpy = scorer.score(data, units)
    assert (taken(plain), taken(numpy)) == ("plain", "numpy")
    for scores in (plain, numpy):
        yield ([repr(scores[c].as_dict()) for c in scores], repr(list(totals_of(scores).items())),
               [repr(scores._table.row(i)) for i in range(len(scores))], [scores[c].per_capita for c in scores])


@pytest.mark.parametrize("seed", range(40))
def test_plain_and_numpy_give_the_same_bits_on_random_data(geography, csv_file, seed, monkeypatch):
    """Awkward values on purpose: zeros, blanks, huge and tiny numbers, negative counts, empty units."""
    rng = random.Random(1000 + seed)
    criteria = [c for ids in CRITERIA.values() for c in ids]
    present = rng.sample(criteria, rng.randrange(1, len(criteria)))
    header = ["commune_code", "year", "population", *present]
    rows = []
    for commune in geography.communes:
        if rng.random() < 0.1:
            continue
        row = [commune.code, "2024", rng.choice(["", "0", str(rng.randrange(1, 50000)), "1"])]
        for criterion in present:
            kind = CORE_INDICATORS[criterion].kind
            if rng.random() < 0.2:
                row.append("")
            elif kind is ValueKind.FLAG:
                row.append(rng.choice(["có", "không"]))
            elif kind is ValueKind.RATE:
                row.append(rng.choice(["0", "100", f"{rng.uniform(0, 100):.3f}", "1e-5"]))
            else:
                row.append(str(rng.choice([0, 1, 2, 3, 7, 40, 12345678, rng.randrange(0, 10**6)])))
        rows.append(row)
    data = load_dataset(csv_file(header, rows), geography)
    weights = {c: rng.choice([0, 0.1, 1, 2, 3.7, 1e-3]) for c in rng.sample(criteria, rng.randrange(0, 12))}
    policy = CAP if seed % 2 else CAP.__class__(cap_share=0.15, scopes=("district",), rounding=CAP.rounding,
                                               source=CAP.source)
    units = comparison_units(geography, data, 2024, policy)
    plain, numpy = _both(data, units, weights, monkeypatch)
    assert plain == numpy


def test_plain_and_numpy_give_the_same_bits_on_the_samples(monkeypatch):
    """Every sample of every pack small enough for the plain arithmetic, every year, every unit."""
    import chuyenhoa_binhphuoc
    import chuyenhoa_dongnai
    import chuyenhoa_tayninh
    import chuyenhoa_tuyenquang

    from chuyenhoa.plugins.host import PluginHost

    host = PluginHost(autoload=False, plugins=[chuyenhoa_tayninh, chuyenhoa_binhphuoc, chuyenhoa_dongnai,
                                               chuyenhoa_tuyenquang])
    compared = 0
    for slug in ("tayninh", "binhphuoc", "dongnai", "tuyenquang"):
        spec = host.province(slug)
        for sample in spec.samples:
            data = spec.sample_dataset(year=sample.from_year)
            if data.communes.arrays:  # a file large enough to be cut by NumPy is scored by NumPy
                continue
            for year in data.years:
                geography, _warning = spec.geography_for(year)
                try:
                    units = comparison_units(geography, data, year, CAP)
                except KeyError:  # a year of the sample on another map (before the 2025 merger)
                    continue
                plain, numpy = _both(data, units, {}, monkeypatch)
                assert plain == numpy, (slug, year)
                compared += 1
    assert compared >= 4


def test_plain_floats_are_numpys_nan_to_num():
    """:func:`scoring_plain.floats` holds a column as ``nan_to_num(array(values, dtype=float))`` does, bit for
    bit: missing values, NaN and ±inf among ordinary numbers, and columns without any of them."""
    import numpy as np

    rng = random.Random(17)
    odd = [None, float("nan"), float("inf"), -float("inf"), 0, -0.0, True, 3, 2.5, 1e308, -1e-320]
    for size in (0, 1, 5, 40):
        for _ in range(30):
            values = [rng.choice(odd) if rng.random() < 0.3 else rng.uniform(-1e6, 1e6) for _ in range(size)]
            expected = np.nan_to_num(np.array([np.nan if v is None else v for v in values], dtype=float))
            got = scoring_plain.floats(values)
            assert [x.hex() for x in got] == [float(x).hex() for x in expected]
        plain = [rng.uniform(-10, 10) for _ in range(size)]
        assert scoring_plain.floats(plain) == plain
