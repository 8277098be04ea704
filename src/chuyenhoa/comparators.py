"""Comparators exactly as the plans write them.

"trên 75 %" is ``>`` and "từ 80 % trở lên" is ``>=`` (DOMAIN.md, ambiguity 4):
the two differ at the boundary and a verdict must keep the one the text uses.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Callable, Sequence
from typing import cast

_EPSILON = 1e-9


class Comparator(str, enum.Enum):
    GT = ">"
    GE = ">="
    LT = "<"
    LE = "<="
    EQ = "="

    @classmethod
    def parse(cls, value: object) -> Comparator:
        """Accept the symbol, its Unicode form (≥, ≤) or ``==``."""
        if isinstance(value, Comparator):
            return value
        text = str(value).strip()
        text = {"≥": ">=", "≤": "<=", "==": "="}.get(text, text)
        try:
            return cls(text)
        except ValueError:
            expected = ", ".join(repr(c.value) for c in cls)
            raise ValueError(f"comparator {value!r} is not one of {expected}") from None

    @property
    def sign(self) -> str:
        """The symbol print uses (≥, ≤): the plan files keep the ASCII value, readers see this one.

        Here rather than in :mod:`chuyenhoa.output.words` because the method writes it into the
        reasons of a verdict too; ``words.COMPARATOR_SIGN`` is built from it.
        """
        return {Comparator.GE: "≥", Comparator.LE: "≤"}.get(self, self.value)

    @property
    def phrase_vi(self) -> str:
        """How the Vietnamese plans word this comparator."""
        return {
            Comparator.GT: "trên",
            Comparator.GE: "từ … trở lên",
            Comparator.LT: "dưới",
            Comparator.LE: "không quá",
            Comparator.EQ: "đúng",
        }[self]

    def holds(self, actual: float | bool, threshold: float | bool) -> bool:
        """Whether ``actual <comparator> threshold``.

        Equality on rates tolerates float noise (66.67 typed for 2/3 is not
        what this is about: that is a different number and fails ``>=`` 2/3 only
        when smaller).  Flags compare with ``=`` only.
        """
        if isinstance(threshold, bool) or isinstance(actual, bool):
            if self is not Comparator.EQ:
                raise ValueError(f"a yes/no value can only be compared with '=', not {self.value!r}")
            return bool(actual) is bool(threshold)
        return _OPERATORS[self](float(actual), float(threshold))

    def holds_each(self, values: Sequence[object], threshold: float | bool) -> list[bool | None]:
        """:meth:`holds` for each value, None where the value is None (no data).

        One call per indicator and year instead of one per hotspot and indicator.
        The tolerance test is written out (``abs(a - b) <= ε``), which is what
        ``math.isclose`` with ``rel_tol=0`` computes whenever ``b`` is finite;
        anything else (a yes/no value, an infinite threshold) goes through
        :meth:`holds` itself.
        """
        # the values of one indicator's column: numbers or yes/no, None where there is no data
        cells = cast("Sequence[float | bool | None]", values)
        if isinstance(threshold, bool) or not math.isfinite(threshold) or bool in set(map(type, cells)):
            holds = self.holds
            return [None if v is None else holds(v, threshold) for v in cells]
        limit, epsilon = float(threshold), _EPSILON
        floats = [None if v is None else float(v) for v in cells]
        if self is Comparator.GT:
            return [None if a is None else a > limit and not abs(a - limit) <= epsilon for a in floats]
        if self is Comparator.GE:
            return [None if a is None else a >= limit or abs(a - limit) <= epsilon for a in floats]
        if self is Comparator.LT:
            return [None if a is None else a < limit and not abs(a - limit) <= epsilon for a in floats]
        if self is Comparator.LE:
            return [None if a is None else a <= limit or abs(a - limit) <= epsilon for a in floats]
        return [None if a is None else abs(a - limit) <= epsilon for a in floats]


def parse_comparator(value: object) -> Comparator:
    """:meth:`Comparator.parse` as a plain function, for attrs ``converter=``.

    mypy's attrs plugin only understands converters that are named functions,
    types or lambdas, not a bound class method.
    """
    return Comparator.parse(value)


def _eq(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=0.0, abs_tol=_EPSILON)


_OPERATORS: dict[Comparator, Callable[[float, float], bool]] = {
    Comparator.GT: lambda a, b: a > b and not _eq(a, b),
    Comparator.GE: lambda a, b: a >= b or _eq(a, b),
    Comparator.LT: lambda a, b: a < b and not _eq(a, b),
    Comparator.LE: lambda a, b: a <= b or _eq(a, b),
    Comparator.EQ: _eq,
}

__all__ = ["Comparator", "parse_comparator"]
