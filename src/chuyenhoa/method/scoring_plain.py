"""The scorer's arithmetic (:mod:`chuyenhoa.method.scoring`) in plain Python, for small inputs.

What it buys, measured (``benchmarks/bench_startup.py``'s machine, CPython 3.11, NumPy 2.4): the JSON of
one province lists every candidate's score, and scoring Tây Ninh's 94 communes was 1.6 ms of NumPy work
behind a 70 ms ``import numpy`` (and NumPy's teardown); written out here it takes 0.5 ms and imports
nothing, so ``chuyenhoa evaluate -p tayninh`` does not load NumPy at all.  Once NumPy is loaded it is the
faster of the two at any size (0.15 ms for those 94 communes), and it is loaded whenever a file was large
enough to be cut by it; so the scorer uses this module only below :data:`LIMIT` cells (about 600
communes, a few milliseconds) and when the dataset holds no NumPy columns.

The result is the same to the last bit, because every step is the NumPy step it stands for, in the
same order, on the same doubles: missing values are 0 (``nan_to_num``: NaN to 0, ±inf to ±the largest
double), a unit is per 1,000 inhabitants when every commune in it has a population above 0
(``1000.0 / people`` then a product), each criterion's maximum is kept as ``numpy.maximum.reduceat``
keeps it, points are ``value × (weight / maximum)`` (0 where the maximum is 0), yes/no criteria are
worth their weight when not 0, and the total is the criteria added left to right, then scaled.
``tests/test_scoring.py`` compares both paths on the samples and on random inputs, bit for bit.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Sequence

__all__ = ["LIMIT", "floats", "population", "score_rows"]

#: Up to this many cells (communes scored × criteria) the plain loops beat NumPy's per-call cost.
LIMIT = 20_000

_MAX = sys.float_info.max


def floats(values: Sequence[object]) -> list[float]:
    """A column as ``numpy.array(values, dtype=float)`` then ``numpy.nan_to_num`` would hold it."""
    out = [0.0 if value is None else float(value) for value in values]  # type: ignore[arg-type]
    if all(map(math.isfinite, out)):  # the usual case, checked at C speed: 27 columns of a province in 0.2 ms
        return out
    return [0.0 if math.isnan(number) else (_MAX if number > 0 else -_MAX) if math.isinf(number) else number
            for number in out]


def population(values: Sequence[object]) -> list[float]:
    """The population column as ``numpy.array(values, dtype=float)`` holds it: NaN where missing (it is
    compared and divided by, never taken as 0)."""
    return [math.nan if value is None else float(value) for value in values]  # type: ignore[arg-type]


def score_rows(matrix: Sequence[Sequence[float] | None], population: Sequence[float] | None,
               units: Sequence[tuple[int, int]], order: Sequence[int], flags: Sequence[bool],
               weights: Sequence[float], scale: float) -> tuple[list[list[float]], list[bool], list[float]]:
    """Points (one row per position of ``order``, one column per criterion), per-capita flags and totals.

    ``matrix`` holds each criterion's column as :func:`floats` gives it (None where the data has no
    such column, whose weight is then 0), ``population`` the population as :func:`population` gives it;
    ``units`` are the (start, end) positions of each unit in ``order``.
    """
    points: list[list[float]] = []
    per_capita: list[bool] = []
    totals: list[float] = []
    for start, end in units:
        rows = order[start:end]
        each = population is not None and all(population[i] > 0 for i in rows)
        values = [[0.0 if column is None else column[i] for column in matrix] for i in rows]
        if each:
            assert population is not None
            for row, i in zip(values, rows, strict=True):
                multiplier = 1000.0 / population[i]
                for k, flag in enumerate(flags):
                    if not flag:
                        row[k] = row[k] * multiplier
        factors: list[float] = []
        for k, weight in enumerate(weights):
            top = values[0][k]
            for row in values[1:]:
                if top == top and not top >= row[k]:  # numpy.maximum: NaN wins, a tie keeps the first
                    top = row[k]
            factors.append(weight / top if top != 0 else 0.0)
        for row in values:
            line = [(weight if row[k] != 0 else 0.0) if flags[k] else row[k] * factors[k]
                    for k, weight in enumerate(weights)]
            total = line[0]
            for value in line[1:]:
                total = total + value
            points.append(line)
            per_capita.append(each)
            totals.append(total * scale)
    return points, per_capita, totals
