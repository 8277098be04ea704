"""Pausing Python's cyclic garbage collector around work that builds many objects and no cycles.

Loading a national file builds millions of cells and values; evaluating it builds
hundreds of thousands of small result tuples.  None of them form reference
cycles, so the collector's passes over them free nothing and only cost time
(about 15 % of a national load, and as much again of an evaluation).  Reference
counting still frees everything as usual; only the cycle detector waits, and it
is switched back on (if it was on) when the block ends, even on an error.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Run the block (or, as a decorator, each call) with the cyclic collector off, then restore it."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
