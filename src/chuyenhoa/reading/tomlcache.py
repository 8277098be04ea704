"""A plan file's parsed TOML, kept the way Python keeps a module's bytecode: in ``__pycache__`` beside it.

What it buys, measured (``benchmarks/bench_startup.py``'s machine, CPython 3.11): ``tomllib`` is a pure-Python
parser, about 15 KB a millisecond.  ``chuyenhoa provinces`` reads the five plan files of the four packs and the
national method (131 KB: 9–12 ms of parsing, and 2 ms of importing ``tomllib``), ``chuyenhoa evaluate -p
tayninh`` two of them (53 KB, 3.5 ms).  Read back from this cache, the six take 1–3 ms, and ``tomllib`` is not
imported at all.

What is kept is ``tomllib.loads(text)`` itself, never anything made from it: the plan reader checks every
value of the document and builds the plan as it always does, so every answer and every error is the one
a parse would give.  Only a document that parsed is kept; a file that does not parse is parsed, and
refused, every time.

The rules are those of bytecode (``importlib``), so nothing new needs explaining or switching off:

* the file is ``__pycache__/<name>.<cache tag>.toml-cache`` beside the TOML file
  (``860-KH-UBND-2024.toml.cpython-311.toml-cache``), or under ``sys.pycache_prefix``
  (``PYTHONPYCACHEPREFIX``) as a ``.pyc`` would be;
* nothing is written when ``sys.dont_write_bytecode`` is set (``PYTHONDONTWRITEBYTECODE``, ``-B``) or the
  folder is not writable (a system-wide install): the TOML is then parsed on every run, as before;
* it is written atomically (a temporary file renamed over it), so a concurrent run reads the old or the
  new file, never half of one.

It can never be stale: it holds the text it was parsed from, and is used only when that text is exactly
the one just read from the TOML file (no modification time to trust).  Anything unexpected in it (another
format, a truncated file, another Python's ``marshal``) makes it a miss.  It is ``marshal`` data, which
holds what TOML gives except dates: a date is written as a ``(year, month, day)`` tuple (tomllib never
gives a tuple) with the list of where the dates are; a document with a time or a date-time is not kept.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import marshal
import os
import sys
from typing import Any

__all__ = ["cache_path", "load", "store"]

#: Changes whenever what is written changes: a file of another format is a miss.
FORMAT = "chuyenhoa-toml-cache-1"
SUFFIX = ".toml-cache"
_SEPARATORS = "\\/" if os.name == "nt" else "/"


def cache_path(path: str) -> str | None:
    """Where the document of the TOML file ``path`` is kept (``importlib.util.cache_from_source``'s rules);
    None when this Python keeps no bytecode (no cache tag)."""
    tag = sys.implementation.cache_tag
    if tag is None:
        return None
    head, tail = os.path.split(path)
    name = f"{tail}.{tag}{SUFFIX}"
    prefix = sys.pycache_prefix
    if prefix is None:
        return os.path.join(head, "__pycache__", name)
    if not os.path.isabs(head):
        head = os.path.join(os.getcwd(), head)
    if head[1:2] == ":" and head[0] not in _SEPARATORS:  # a Windows drive
        head = head[2:]
    return os.path.join(prefix, head.lstrip(_SEPARATORS), name)


def load(path: str, text: str) -> dict[str, Any] | None:
    """The document kept for ``path`` if it was parsed from exactly ``text``; None otherwise."""
    where = cache_path(path)
    if where is None:
        return None
    try:
        with open(where, "rb") as file:
            kept = marshal.loads(file.read())
        head, source, document, dates = kept
    except Exception:  # absent, unreadable, truncated, another format: a miss
        return None
    if head != FORMAT or source != text or type(document) is not dict or type(dates) is not list:
        return None
    try:
        for place in dates:
            container: Any = document
            for key in place[:-1]:
                container = container[key]
            container[place[-1]] = dt.date(*container[place[-1]])
    except Exception:
        return None
    return document


def store(path: str, text: str, document: dict[str, Any]) -> None:
    """Keep ``document``, parsed from ``text``, for the next run; silently nothing where it cannot be kept."""
    if sys.dont_write_bytecode:
        return
    where = cache_path(path)
    if where is None:
        return
    dates: list[tuple[str | int, ...]] = []
    try:
        data = marshal.dumps((FORMAT, text, _plain(document, (), dates), dates))
    except _NotKept:
        return
    temporary = f"{where}.{os.getpid()}.{id(document)}.tmp"  # two runs, or two threads, never share one
    try:
        os.makedirs(os.path.dirname(where), exist_ok=True)
        with open(temporary, "xb") as file:
            file.write(data)
        os.replace(temporary, where)
    except OSError:  # a read-only install, a full disk, a race with another run: parse again next time
        with contextlib.suppress(OSError):
            os.unlink(temporary)


class _NotKept(Exception):
    """A value ``marshal`` cannot hold as it is (a time, a date-time): the document is not kept."""


def _plain(value: Any, place: tuple[str | int, ...], dates: list[tuple[str | int, ...]]) -> Any:
    """``value`` with each date as a tuple, noting where the dates were."""
    kind = type(value)
    if kind is dict:
        return {key: _plain(item, (*place, key), dates) for key, item in value.items()}
    if kind is list:
        return [_plain(item, (*place, n), dates) for n, item in enumerate(value)]
    if kind is dt.date:
        dates.append(place)
        return (value.year, value.month, value.day)
    if kind in (str, int, float, bool):
        return value
    raise _NotKept(kind.__name__)
