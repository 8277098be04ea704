"""The entry points of one group, and a distribution's version, read without importing ``importlib.metadata``.

What it buys, measured (``benchmarks/bench_startup.py``'s machine, CPython 3.11, a venv of 30
distributions: the core, the four packs, their dependencies): ``importlib.metadata.entry_points(group=…)``
takes 39 ms in a new process, nearly all of it importing ``importlib.metadata`` itself (``email``,
``zipfile``, ``csv``, ``inspect``…); this module answers in 8 ms, half of which is importing ``re``, which
every command needs anyway.  A cached index of the entry points was considered and not kept: listing the folders of
``sys.path`` and reading each ``entry_points.txt`` is already a few milliseconds, and an index would be a
file written on the user's machine that can go stale.

What it reads is what ``importlib.metadata`` reads, in the same order, with the same rules:

* every folder of ``sys.path``, in order, and in each the ``NAME-VERSION.dist-info`` and
  ``.egg-info`` entries in the order the folder lists them, grouped by normalised name as
  ``importlib.metadata``'s ``Lookup`` groups them;
* a distribution name met again later on the path is skipped (the first one wins, as
  ``importlib.metadata.entry_points`` does);
* ``entry_points.txt`` as ``importlib.metadata``'s ``Sectioned`` reads it (stripped lines, ``#``
  comments, ``[group]`` headers, ``name = value``); the distribution's ``Name`` and ``Version`` from
  the headers of ``METADATA`` (or ``PKG-INFO``), read when asked for.

Whenever the environment is not that plain one, :func:`entry_points` and :func:`version` hand the
question to ``importlib.metadata`` itself, so the answer is always the one it would give: another
finder on ``sys.meta_path`` that knows distributions (an import hook, a zip application), a path
entry that is a file (a zip) or not a string, an ``.egg`` folder, a line of ``entry_points.txt`` that
is not ``name = value``, headers folded over several lines.  So does everything once
``importlib.metadata`` has been imported anyway (by the caller, by a test that replaces
``entry_points``): its cost is paid, and it stays the reference.  ``tests/test_discovery.py`` compares
both on this environment and on folders built to exercise each rule.
"""

from __future__ import annotations

import functools
import os
import re
import sys

TYPE_CHECKING = False  # without importing typing, as chuyenhoa/__init__.py
if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Any

__all__ = ["EntryPoint", "entry_points", "version"]

_SUFFIXES = (".dist-info", ".egg-info")
#: ``importlib.metadata.EntryPoint.pattern``: ``module``, ``module:attr.attr``, optional ``[extras]``
_VALUE = re.compile(r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$")


class _Plain(Exception):
    """Raised inside the scan when something is not the plain case: the question goes to importlib.metadata."""


def _normalize(name: str) -> str:
    """``importlib.metadata.Prepared.normalize``: PEP 503 and dashes as underscores."""
    return re.sub(r"[-_.]+", "-", name).lower().replace("-", "_")


class _Distribution:
    """A ``.dist-info`` or ``.egg-info`` folder, as ``EntryPoint.dist``: ``metadata["Name"]`` and ``version``."""

    __slots__ = ("_headers", "path")

    def __init__(self, path: str) -> None:
        self.path = path
        self._headers: dict[str, str] | None = None

    def read_text(self, filename: str) -> str | None:
        """A file of the folder, None where ``PathDistribution.read_text`` gives None."""
        try:
            with open(os.path.join(self.path, filename) if filename else self.path, encoding="utf-8") as file:
                return file.read()
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError, PermissionError):
            return None

    @property
    def metadata(self) -> dict[str, str]:
        """The headers ``Name`` and ``Version`` of ``METADATA`` (else ``PKG-INFO``)."""
        if self._headers is None:
            text = self.read_text("METADATA") or self.read_text("PKG-INFO") or self.read_text("") or ""
            self._headers = _headers(text)
        return self._headers

    @property
    def version(self) -> str:
        return self.metadata["Version"]


#: The line breaks of the email parser that reads ``METADATA``.
_BREAK = re.compile(r"\r\n|\r|\n")


def _lines(text: str) -> Iterator[str]:
    """``re.split(r"\\r\\n|\\r|\\n", text)``, a line at a time: the headers end at the first empty line, and
    the rest of a ``METADATA`` is its README (27 KB for chuyenhoa's own, 0.2 ms to split whole)."""
    start = 0
    for found in _BREAK.finditer(text):
        yield text[start:found.start()]
        start = found.end()
    yield text[start:]


def _headers(text: str) -> dict[str, str]:
    """``Name`` and ``Version`` as ``email.message_from_string(text)[…]`` gives them (the first of each).

    Raises :class:`_Plain` when either is missing or folded over several lines, or when the header block
    is not plain ``Key: value`` lines: the email parser's answer is then left to it.
    """
    found: dict[str, str] = {}
    previous: str | None = None
    for line in _lines(text):
        if not line:
            break
        if line[0] in " \t":
            if previous in ("name", "version"):
                raise _Plain("folded header")
            continue
        key, colon, value = line.partition(":")
        if not colon or not key or any(not ("\041" <= c <= "\176") for c in key):
            raise _Plain("not a header line")
        previous = key.lower()
        if previous in ("name", "version") and previous.title() not in found:
            found[previous.title()] = value.lstrip(" \t")
    if len(found) != 2:
        raise _Plain("no Name or Version")
    return found


class EntryPoint:
    """One entry point, with what the plugin host reads of ``importlib.metadata.EntryPoint``."""

    __slots__ = ("dist", "group", "name", "value")

    def __init__(self, name: str, value: str, group: str, dist: _Distribution) -> None:
        self.name, self.value, self.group, self.dist = name, value, group, dist

    def load(self) -> Any:
        """Import the module the value names and follow its attributes (``importlib.metadata.EntryPoint.load``)."""
        import importlib

        match = _VALUE.match(self.value)
        if match is None:
            raise ValueError(f"entry point value {self.value!r} is not module or module:attribute")
        module = importlib.import_module(match.group("module"))
        return functools.reduce(getattr, filter(None, (match.group("attr") or "").split(".")), module)

    def __repr__(self) -> str:
        return f"EntryPoint(name={self.name!r}, value={self.value!r}, group={self.group!r})"


def _plain_finders() -> bool:
    """True when the only finder that knows distributions is the standard path finder (``sys.path``)."""
    from importlib.machinery import PathFinder

    return all(finder is PathFinder for finder in sys.meta_path if getattr(finder, "find_distributions", None))


def _folders() -> Iterator[tuple[str, str]]:
    """(normalised name, metadata folder) of every ``.dist-info``/``.egg-info`` on ``sys.path``, in
    ``importlib.metadata``'s order: path entry by path entry, grouped by name within one."""
    for root in sys.path:
        if not isinstance(root, str):
            raise _Plain("a path entry that is not a string")
        if os.path.basename(root).lower().endswith(".egg"):
            raise _Plain("an .egg folder")
        try:
            children = os.listdir(root or ".")
        except NotADirectoryError:
            raise _Plain("a path entry that is a file (a zip)") from None
        except OSError:
            continue
        grouped: dict[str, list[str]] = {}
        for child in children:
            low = child.lower()
            if low.endswith(_SUFFIXES):
                ext = os.path.splitext(child)[1]
                if ext not in _SUFFIXES:  # importlib then takes the name from METADATA, not from the folder
                    raise _Plain("a metadata folder whose suffix is not lower case")
                name = low.rpartition(".")[0].partition("-")[0]
                if not name:  # importlib then takes the name from METADATA, not from the folder
                    raise _Plain("a metadata folder without a name")
                grouped.setdefault(_normalize(name), []).append(os.path.join(root, child))
        for name, paths in grouped.items():
            for path in paths:
                yield name, path


def _points_of(text: str, group: str, dist: _Distribution) -> list[EntryPoint]:
    """The entry points of ``group`` in one ``entry_points.txt``, as ``importlib.metadata.Sectioned`` reads it."""
    found: list[EntryPoint] = []
    section: str | None = None
    for line in map(str.strip, text.splitlines()):
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line.strip("[]")
            continue
        if section is None:
            continue
        name, equals, value = line.partition("=")
        if not equals:
            raise _Plain("a line that is not name = value")
        if section == group:
            found.append(EntryPoint(name.strip(), value.strip(), group, dist))
    return found


def _scan(group: str) -> list[EntryPoint]:
    if not _plain_finders():
        raise _Plain("another finder knows distributions")
    seen: set[str] = set()
    found: list[EntryPoint] = []
    for name, path in _folders():
        if name in seen:
            continue
        seen.add(name)
        dist = _Distribution(path)
        text = dist.read_text("entry_points.txt")
        if text:
            found.extend(_points_of(text, group, dist))
    return found


def entry_points(group: str) -> list[Any]:
    """Every entry point of ``group``, as ``list(importlib.metadata.entry_points(group=group))`` gives them."""
    if "importlib.metadata" not in sys.modules:
        try:
            points = _scan(group)
            for point in points:
                point.dist.metadata  # noqa: B018 - read now, so that an unusual METADATA goes to importlib too
            return points
        except _Plain:
            pass
    from importlib import metadata

    return list(metadata.entry_points(group=group))


def version(distribution: str) -> str | None:
    """The installed version of ``distribution`` (``importlib.metadata.version``), None when it is not installed."""
    if "importlib.metadata" not in sys.modules:
        try:
            if not _plain_finders():
                raise _Plain("another finder knows distributions")
            wanted = _normalize(distribution)
            for name, path in _folders():
                if name == wanted:
                    return _Distribution(path).version
            return None
        except _Plain:
            pass
    from importlib import metadata

    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None
