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

import functools
import itertools
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import attrs

from chuyenhoa.i18n import _
from chuyenhoa.method import scoring_plain
from chuyenhoa.model import FieldsRepr, ValueKind
from chuyenhoa.reading.dataset import Dataset
from chuyenhoa.reading.indicators import CORE_INDICATORS, CRITERIA, CRITERIA_GROUPS

#: Every criterion weighs the same unless a plan's ``[weights]`` says otherwise.
DEFAULT_WEIGHT = 1.0


class _ScoreTable:
    """The scores of one call: a matrix of points, one row per commune and one column per criterion.

    ``rows`` maps a commune's position to its row of the dataset, so a commune's
    raw values are read from the data when asked for, not copied for all.
    """

    __slots__ = ("_lookup", "columns", "criteria", "per_capita", "points", "rows")

    def __init__(self, columns: Mapping[str, Sequence[object]], rows: list[int],
                 criteria: Sequence[tuple[str, str]]) -> None:
        self.columns, self.rows, self.criteria = columns, rows, criteria
        self._lookup: list[tuple[str, Sequence[object] | None]] | None = None
        self.per_capita: list[bool] = []
        #: communes × criteria, in the order of ``criteria``: a NumPy matrix, or lists (:mod:`.scoring_plain`)
        self.points: Any = None

    def lookup(self) -> list[tuple[str, Sequence[object] | None]]:
        """Each criterion with its column (None where the data has none), looked up once per call."""
        found = self._lookup
        if found is None:
            found = [(c, self.columns.get(c)) for c, _group in self.criteria]
            self._lookup = found
        return found

    def row(self, position: int) -> list[float]:
        """One commune's points, criterion by criterion, as Python floats."""
        row = self.points[position]
        return list(row) if isinstance(row, list) else row.tolist()


class CommuneScore:
    """One commune's score, with every criterion's points and group subtotals on demand.

    Light on purpose: a proposal scores every commune of every district, and only
    the ones shown need their breakdown built.
    """

    __slots__ = ("_position", "_unit", "commune_code", "total", "unit_code")

    def __init__(self, commune_code: str, unit_code: str, total: float, unit: _ScoreTable, position: int) -> None:
        self.commune_code, self.unit_code, self.total = commune_code, unit_code, total
        self._unit, self._position = unit, position

    def _points(self) -> list[tuple[str, str, float]]:
        """(criterion, group, points) in the order of the criteria."""
        row = self._unit.row(self._position)
        return [(criterion, group, row[k]) for k, (criterion, group) in enumerate(self._unit.criteria)]

    @property
    def points(self) -> dict[str, float]:
        """Criterion → points (before scaling to 100), for the criteria that scored."""
        return {criterion: points for criterion, _group, points in self._points() if points}

    @property
    def groups(self) -> dict[str, float]:
        groups = dict.fromkeys(CRITERIA_GROUPS, 0.0)
        for _criterion, group, points in self._points():
            groups[group] += points
        return groups

    @property
    def missing(self) -> tuple[str, ...]:
        row = self._unit.rows[self._position]
        return tuple(c for c, column in self._unit.lookup() if column is None or column[row] is None)

    @property
    def per_capita(self) -> bool:
        return self._unit.per_capita[self._position]

    def __repr__(self) -> str:
        return f"CommuneScore({self.commune_code!r}, total={self.total:.2f})"

    def as_dict(self) -> dict[str, object]:
        # :attr:`groups` and :attr:`points` in one pass over the row (a national JSON has thousands of these)
        groups = dict.fromkeys(CRITERIA_GROUPS, 0.0)
        contributions: dict[str, float] = {}
        for (criterion, group), value in zip(self._unit.criteria, self._unit.row(self._position), strict=True):
            groups[group] += value
            if value:
                contributions[criterion] = round(value, 3)
        return {
            "commune_code": self.commune_code,
            "unit_code": self.unit_code,
            "score": round(self.total, 2),
            "groups": {g: round(v, 3) for g, v in groups.items()},
            "contributions": contributions,
            "missing": list(self.missing),
            "per_capita": self.per_capita,
        }


class ScoreBoard(Mapping[str, CommuneScore]):
    """The scores of one call, by commune code.

    A proposal scores tens of thousands of communes and shows a handful, so a
    :class:`CommuneScore` is built when it is looked up; ``totals`` gives every
    total at once, which is all that ranking needs.
    """

    __slots__ = ("_positions", "_table", "_units", "totals")

    def __init__(self, table: _ScoreTable, codes: list[str], units: list[str], totals: list[float]) -> None:
        self._table, self._units = table, units
        self._positions: dict[str, int] = dict(zip(codes, range(len(codes)), strict=True))
        #: commune code → total (0–100)
        self.totals: dict[str, float] = dict(zip(codes, totals, strict=True))

    def __getitem__(self, code: str) -> CommuneScore:
        position = self._positions[code]
        return CommuneScore(code, self._units[position], self.totals[code], self._table, position)

    def __iter__(self) -> Iterator[str]:
        return iter(self._positions)

    def __len__(self) -> int:
        return len(self._positions)

    def __contains__(self, code: object) -> bool:
        return code in self._positions


def totals_of(scores: Mapping[str, CommuneScore]) -> Mapping[str, float]:
    """Commune code → total, without building every score of a :class:`ScoreBoard`."""
    if isinstance(scores, ScoreBoard):
        return scores.totals
    return {code: score.total for code, score in scores.items()}


@attrs.frozen(repr=False)
class WeightedCriteriaScorer(FieldsRepr):
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

    def score(self, dataset: Dataset, rows: Mapping[str, Sequence[int]]) -> ScoreBoard:
        """Score every row of every unit at once, as one matrix (communes × criteria).

        Rows are laid out unit after unit.  A large input is scored with NumPy (:func:`_numpy_points`);
        a small one, on a dataset without NumPy columns, in plain Python (:mod:`.scoring_plain`), which
        gives the same floats and spares the command NumPy's import.
        """
        columns = dataset.communes.columns
        criteria, scale, flags, weights = _weighing(tuple(sorted(self.weights.items())))
        order: list[int] = []
        units: list[tuple[str, int, int]] = []
        for unit, indices in rows.items():
            if indices:
                units.append((unit, len(order), len(order) + len(indices)))
                order.extend(indices)
        n = len(order)
        table = _ScoreTable(columns, order, criteria)
        if not n:
            return ScoreBoard(table, [], [], [])
        ids = tuple(c for c, _g in criteria)
        if criteria and n * len(criteria) <= scoring_plain.LIMIT and not dataset.communes.arrays:
            matrix = [_plain_column(dataset, c) for c in ids]
            present = [1.0 if column is not None else 0.0 for column in matrix]
            table.points, table.per_capita, totals = scoring_plain.score_rows(
                matrix, _plain_population(dataset), [(a, b) for _unit, a, b in units], order, flags,
                [w * p for w, p in zip(weights, present, strict=True)], scale)
        else:
            table.points, table.per_capita, totals = _numpy_points(dataset, units, order, ids, flags, weights, scale)
        unit_of_position = list(itertools.chain.from_iterable(itertools.repeat(u, b - a) for u, a, b in units))
        return ScoreBoard(table, dataset.communes.values_at("commune_code", order), unit_of_position,  # type: ignore[arg-type]
                          totals)


def _numpy_points(dataset: Dataset, units: Sequence[tuple[str, int, int]], order: list[int],
                  criteria: tuple[str, ...], flags: tuple[bool, ...], weights: tuple[float, ...], scale: float
                  ) -> tuple[Any, list[bool], list[float]]:
    """The points matrix, per-capita flags and totals with NumPy: each unit's maximum is one
    ``maximum.reduceat``, and the arithmetic is the formula's, in its order (criteria added one after the
    other, by ``add.accumulate``), so a score is the same float whichever way it is computed."""
    import numpy as np  # here, not at import: a run that scores a few communes never loads NumPy

    flag, weight_vector = _vectors(flags, weights)
    n = len(order)
    sizes = np.array([b - a for _unit, a, b in units], dtype=np.intp)
    starts = np.array([a for _unit, a, _b in units], dtype=np.intp)
    at = np.array(order, dtype=np.intp)
    values, present = _criteria_at(dataset, criteria, at)  # n × criteria, missing values as 0
    weighted = weight_vector * present  # a criterion without a column scores nothing
    people = _population_at(dataset, at)
    per_capita: Any = np.zeros(n, dtype=bool)  # Any: the stubs of NumPy 2.2 and 2.4 type np.repeat differently
    if people is not None:
        # a unit counts per 1,000 inhabitants only when every commune in it has a population
        per_capita = np.repeat(np.add.reduceat(~(people > 0), starts) == 0, sizes)
        if per_capita.any():
            multiplier = np.divide(1000.0, people, where=per_capita, out=np.ones(n))
            values[:, ~flag] *= multiplier[:, None]
    top = np.maximum.reduceat(values, starts, axis=0)  # units × criteria
    factors = np.divide(weighted, top, where=top != 0, out=np.zeros_like(top))
    points = values * np.repeat(factors, sizes, axis=0)
    points[:, flag] = np.where(values[:, flag] != 0, weighted[flag], 0.0)
    totals = (np.add.accumulate(points, axis=1)[:, -1] * scale).tolist()
    return points, per_capita.tolist(), totals


@functools.lru_cache(maxsize=32)
def _weighing(weights: tuple[tuple[str, float], ...]) -> tuple[tuple[tuple[str, str], ...], float,
                                                               tuple[bool, ...], tuple[float, ...]]:
    """For one set of weights: the criteria that count (weight above 0) with their groups, the scale to
    100, which criteria are yes/no, and the weights, in that order; worked out once, not per year."""
    weight = dict(weights)
    criteria = tuple((c, g) for g, ids in CRITERIA.items() for c in ids if weight.get(c, DEFAULT_WEIGHT) > 0)
    scale = 100.0 / (sum(weight.get(c, DEFAULT_WEIGHT) for c, _ in criteria) or 1.0)
    flags = tuple(CORE_INDICATORS[c].kind is ValueKind.FLAG for c, _g in criteria)
    return criteria, scale, flags, tuple(float(weight.get(c, DEFAULT_WEIGHT)) for c, _g in criteria)


@functools.lru_cache(maxsize=32)
def _vectors(flags: tuple[bool, ...], weights: tuple[float, ...]) -> tuple[Any, Any]:
    """:func:`_weighing`'s yes/no criteria and weights as read-only NumPy vectors."""
    import numpy as np

    flag = np.array(flags, dtype=bool)
    vector = np.array(weights, dtype=float)
    flag.setflags(write=False)
    vector.setflags(write=False)
    return flag, vector


def _plain_column(dataset: Dataset, column: str) -> list[float] | None:
    """A criterion's column for :mod:`.scoring_plain` (missing values 0), converted once per dataset."""
    key = ("plain floats", column)
    if key not in dataset.memo:
        values = dataset.communes.columns.get(column)
        dataset.memo[key] = None if values is None else scoring_plain.floats(values)
    return dataset.memo[key]  # type: ignore[return-value]


def _plain_population(dataset: Dataset) -> list[float] | None:
    """The population for :mod:`.scoring_plain` (NaN where missing), converted once per dataset."""
    key = ("plain floats", "population", "NaN")
    if key not in dataset.memo:
        values = dataset.communes.columns.get("population")
        dataset.memo[key] = None if values is None else scoring_plain.population(values)
    return dataset.memo[key]  # type: ignore[return-value]


def _column(dataset: Dataset, column: str) -> Any:
    """A column as a float array (missing values NaN), converted once per dataset; None if absent."""
    import numpy as np

    table = dataset.communes
    if column in table.arrays:
        return table.arrays[column]
    key = ("floats", column)
    if key not in dataset.memo:
        values = table.columns.get(column)
        dataset.memo[key] = None if values is None else np.array(values, dtype=float)
    return dataset.memo[key]


#: a table of at most this many rows keeps its criteria as one float matrix (8 bytes a cell, 184 a row), each
#: call gathering its rows from it; a longer one (bench_million.py) gathers each call's rows column by column,
#: so that a million rows are scored in the memory of the year's rows, not in 184 MB more
MATRIX_ROWS = 250_000


def _criteria_at(dataset: Dataset, criteria: tuple[str, ...], at: Any) -> tuple[Any, Any]:
    """The criteria at rows ``at`` as a float matrix (missing values and absent columns 0, yes/no 1/0), and which
    columns are present: from the matrix of :func:`_matrix`, or for a long table column by column."""
    import numpy as np

    table = dataset.communes
    if len(table) <= MATRIX_ROWS:
        matrix, present = _matrix(dataset, criteria)
        return matrix[at], present
    values = np.zeros((len(at), len(criteria)))
    for k, criterion in enumerate(criteria):
        if table.has(criterion):
            values[:, k] = table.floats_at(criterion, at)
    return np.nan_to_num(values, nan=0.0, copy=False), np.array([table.has(c) for c in criteria], dtype=bool)


def _population_at(dataset: Dataset, at: Any) -> Any:
    """The population at rows ``at`` as floats (NaN where missing), None without the column; as
    :func:`_criteria_at`, from a column converted once, or for a long table at these rows only."""
    if len(dataset.communes) <= MATRIX_ROWS:
        population = _column(dataset, "population")
        return None if population is None else population[at]
    return dataset.communes.floats_at("population", at)


def _matrix(dataset: Dataset, criteria: tuple[str, ...]) -> tuple[Any, Any]:
    """The criteria as one float matrix (rows × criteria; missing values and absent columns 0,
    yes/no 1/0) and which columns are present, built once per dataset."""
    import numpy as np

    key = ("criteria matrix", criteria)
    if key not in dataset.memo:
        columns = dataset.communes.columns
        present = [c in columns for c in criteria]
        matrix = np.zeros((len(columns["commune_code"]), len(criteria)))
        for k, criterion in enumerate(criteria):
            if criterion in columns:
                matrix[:, k] = _column(dataset, criterion)
        dataset.memo[key] = (np.nan_to_num(matrix, nan=0.0, copy=False), np.array(present, dtype=bool))
    return dataset.memo[key]  # type: ignore[return-value]
