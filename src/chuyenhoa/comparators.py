"""Comparators exactly as the plans write them.

"trên 75 %" is ``>`` and "từ 80 % trở lên" is ``>=`` (DOMAIN.md, ambiguity 4):
the two differ at the boundary and a verdict must keep the one the text uses.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Callable

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


def _eq(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=0.0, abs_tol=_EPSILON)


_OPERATORS: dict[Comparator, Callable[[float, float], bool]] = {
    Comparator.GT: lambda a, b: a > b and not _eq(a, b),
    Comparator.GE: lambda a, b: a >= b or _eq(a, b),
    Comparator.LT: lambda a, b: a < b and not _eq(a, b),
    Comparator.LE: lambda a, b: a <= b or _eq(a, b),
    Comparator.EQ: _eq,
}

__all__ = ["Comparator"]
