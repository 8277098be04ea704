"""A progress bar for work that takes more than a second or two, on a terminal only.

Shown on standard error when it is a terminal, so piping the output (``chuyenhoa
evaluate … > result.json``, a CI log) gets nothing but the result.  Small jobs
never show a bar: :data:`MIN_TOTAL` units of work (rows, cells, provinces) is
the threshold below which the work is over before a bar would help.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from typing import TextIO

#: Below this many units of work no bar is drawn.
MIN_TOTAL = 50_000

Advance = Callable[[int], None]


def _noop(_amount: int = 1) -> None:
    return None


def wanted(stream: TextIO | None = None, total: int = MIN_TOTAL) -> bool:
    """A bar helps: a terminal, enough work, and nobody asked for quiet (``CHUYENHOA_NO_PROGRESS``)."""
    stream = stream or sys.stderr
    if total < MIN_TOTAL or os.environ.get("CHUYENHOA_NO_PROGRESS"):
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


@contextlib.contextmanager
def progress(description: str, total: int, stream: TextIO | None = None) -> Iterator[Advance]:
    """Yield ``advance(n)``; draw a transient bar on ``stream`` when :func:`wanted`."""
    if not wanted(stream, total):
        yield _noop
        return
    from rich.console import Console  # rich comes with typer; imported only when a bar is drawn
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn, TimeRemainingColumn

    console = Console(file=stream or sys.stderr)
    with Progress(TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(), TimeRemainingColumn(),
                  console=console, transient=True) as bar:
        task = bar.add_task(description, total=total)
        yield lambda amount=1: bar.advance(task, amount)
