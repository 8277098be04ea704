"""A commune of one year followed to a later year across the 2025 merger: the one call history needs.

On 01/07/2025 most communes were merged and many codes disappeared; a commune
transformed in 2023 under its old code lives on in 2026 under its successor's.
The conversion table (GSO, shipped with chuyenhoa and read by
:func:`chuyenhoa.reading.geography.lineage`) says which new communes each old
one went into, with those it went into only in part.  :func:`follow` is the only
place the store's readers ask it, so a later conversion needs no change here.
"""

from __future__ import annotations

import datetime as dt
import functools

from chuyenhoa.errors import ChuyenhoaError

__all__ = ["follow"]

#: Conversions followed one after another at most (there is one so far, 01/07/2025).
_MAX_STEPS = 8


@functools.lru_cache(maxsize=65536)
def follow(code: str, year: int, later: int) -> tuple[str, ...]:
    """The codes under which commune ``code`` of ``year`` is found in ``later``: itself, or its successors.

    A year stands for its units on 31/12 (the GSO list of early January records
    the year-end state).  A code the conversion table does not know (a commune
    of a test's made-up map, say) is its own successor.  A commune that went into
    several new ones, in whole or in part, has each of them.
    """
    from chuyenhoa.reading.geography import lineage  # reads the national lists: only when a path crosses a merger

    codes: tuple[str, ...] = (code,)
    day, end = dt.date(year, 12, 31), dt.date(later, 12, 31)
    for _step in range(_MAX_STEPS):
        moved: dt.date | None = None
        found: list[str] = []
        for current in codes:
            try:
                unit = lineage(current, day)
            except (ChuyenhoaError, LookupError, ValueError):
                found.append(current)
                continue
            conversion = unit.went_by
            if conversion is not None and unit.successors and conversion.date <= end:
                found.extend(successor.code for successor in unit.successors)
                moved = conversion.date
            else:
                found.append(current)
        codes = tuple(dict.fromkeys(found))
        if moved is None:
            break
        day = moved
    return codes
