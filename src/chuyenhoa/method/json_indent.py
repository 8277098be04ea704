"""``json.dumps(value, ensure_ascii=False, indent=…, default=…)``, byte for byte, at the C encoder's speed.

What it buys, measured (``benchmarks/bench_startup.py``'s machine, CPython 3.11): with ``indent`` the
standard library encodes in pure Python (its C encoder does not indent); the result JSON of the whole
country (6.4 MB) took 153–168 ms that way and takes 70–77 ms here, where the C encoder without
indentation takes 35–42 ms; a province's result, 3.4 ms then and 1.8 ms now.

How: the value is walked in Python down to the containers whose members are all plain scalars (``str``,
``int``, ``float``, ``bool``, None, of exactly those types), and each of those is encoded in one call of
the C encoder whose item separator is the comma, the newline and the indentation of its depth, so only
its brackets need their own newlines.  A key, a scalar beside a container, and anything the standard
encoder treats specially (a subclass, a value for ``default``) is written here the way
``json.encoder._make_iterencode`` writes it: its order of checks, its ``float`` and ``int`` forms, its
key conversion, its error for a circular reference.  ``tests/test_json_indent.py`` compares the output
with ``json.dumps`` on every result of the samples and on random nested values.
"""

from __future__ import annotations

import json
import json.encoder
from collections.abc import Callable
from json.encoder import encode_basestring  # the C one when available, as json.dumps uses
from typing import Any

__all__ = ["dumps"]

#: the C encoder ``json`` itself uses when indent is None (None on a Python without the C accelerator)
_c_make_encoder: Any = getattr(json.encoder, "c_make_encoder", None)

_PLAIN = frozenset((str, int, float, bool, type(None)))
_KEYS = frozenset((str,))


def _rows(items: list[Any] | tuple[Any, ...]) -> bool:
    """Whether ``items`` are all non-empty dicts with text keys and plain values, or all non-empty lists of
    plain values (the rows :meth:`_Encoder._rows` writes in one call)."""
    kind = type(items[0])
    if kind is dict:
        return all(type(item) is dict and item and _KEYS.issuperset(map(type, item))
                   and _PLAIN.issuperset(map(type, item.values())) for item in items)
    if kind is list:
        return all(type(item) is list and item and _PLAIN.issuperset(map(type, item)) for item in items)
    return False
_INFINITY = float("inf")


def _float(value: float) -> str:
    """``json.encoder``'s ``floatstr`` with ``allow_nan``."""
    if value != value:
        return "NaN"
    if value == _INFINITY:
        return "Infinity"
    if value == -_INFINITY:
        return "-Infinity"
    return float.__repr__(value)


class _Encoder:
    def __init__(self, indent: str, default: Callable[[Any], Any]) -> None:
        self.indent, self.default = indent, default
        self.encoders: dict[int, Callable[[Any, int], Any]] = {}
        self.markers: set[int] = set()
        self.parts: list[str] = []

    def _c(self, depth: int) -> Callable[[Any, int], Any]:
        """The C encoder whose item separator starts a member at ``depth``."""
        encoder = self.encoders.get(depth)
        if encoder is None:
            assert _c_make_encoder is not None
            encoder = self.encoders[depth] = _c_make_encoder(
                None, self.default, encode_basestring, None, ": ", ",\n" + self.indent * depth, False, False, True)
        return encoder

    def scalar(self, value: Any) -> str | None:
        """A scalar as ``json.encoder`` writes it, in its order of checks; None for anything else."""
        if isinstance(value, str):
            return encode_basestring(value)
        if value is None:
            return "null"
        if value is True:
            return "true"
        if value is False:
            return "false"
        if isinstance(value, int):
            return int.__repr__(value)
        if isinstance(value, float):
            return _float(value)
        return None

    def value(self, value: Any, level: int) -> None:
        write = _SCALARS.get(type(value))
        text = write(value) if write is not None else self.scalar(value)
        if text is not None:
            self.parts.append(text)
        elif isinstance(value, (list, tuple)):
            self.array(value, level)
        elif isinstance(value, dict):
            self.mapping(value, level)
        else:
            marker = self._enter(value)
            self.value(self.default(value), level)
            self.markers.discard(marker)

    def _enter(self, value: Any) -> int:
        marker = id(value)
        if marker in self.markers:
            raise ValueError("Circular reference detected")
        self.markers.add(marker)
        return marker

    def _whole(self, value: Any, level: int) -> None:
        """A container of plain scalars in one C call; its brackets then get their newlines."""
        text = "".join(self._c(level + 1)(value, 0))
        self.parts.append(f"{text[0]}\n{self.indent * (level + 1)}{text[1:-1]}\n{self.indent * level}{text[-1]}")

    def _rows(self, items: list[Any] | tuple[Any, ...], level: int) -> None:
        """A list of non-empty containers of plain scalars, all dicts or all lists, in one C call: encoded at
        the depth of their members, the list's own separators are then the only ``}`` (or ``]``) before a
        newline (a member is a scalar, and no encoded string holds a newline), and get their indentation."""
        close, start = ("}", "{") if type(items[0]) is dict else ("]", "[")
        text = "".join(self._c(level + 2)(items, 0))
        outer, inner, member = (self.indent * level, self.indent * (level + 1), self.indent * (level + 2))
        text = text.replace(f"{close},\n{member}{start}", f"\n{inner}{close},\n{inner}{start}\n{member}")
        self.parts.append(f"[\n{inner}{start}\n{member}{text[2:-2]}\n{inner}{close}\n{outer}]")

    def array(self, items: list[Any] | tuple[Any, ...], level: int) -> None:
        if not items:
            self.parts.append("[]")
            return
        marker = self._enter(items)
        if type(items) in (list, tuple) and _PLAIN.issuperset(map(type, items)):
            self._whole(items, level)
        elif type(items) in (list, tuple) and _rows(items):
            self._rows(items, level)
        else:
            inner = "\n" + self.indent * (level + 1)
            separator, parts = "[" + inner, self.parts
            for item in items:
                write = _SCALARS.get(type(item))
                if write is not None:
                    parts.append(separator + write(item))
                else:
                    parts.append(separator)
                    self.value(item, level + 1)
                separator = "," + inner
            parts.append("\n" + self.indent * level + "]")
        self.markers.discard(marker)

    def mapping(self, members: dict[Any, Any], level: int) -> None:
        if not members:
            self.parts.append("{}")
            return
        marker = self._enter(members)
        if type(members) is dict and _PLAIN.issuperset(map(type, members.values())) and \
                _KEYS.issuperset(map(type, members)):
            self._whole(members, level)
        else:
            inner = "\n" + self.indent * (level + 1)
            separator, parts = "{" + inner, self.parts
            for key, item in members.items():
                name = encode_basestring(key if type(key) is str else _key(key))
                write = _SCALARS.get(type(item))
                if write is not None:
                    parts.append(f"{separator}{name}: {write(item)}")
                else:
                    parts.append(f"{separator}{name}: ")
                    self.value(item, level + 1)
                separator = "," + inner
            parts.append("\n" + self.indent * level + "}")
        self.markers.discard(marker)


#: The writer of each plain scalar type, as ``json.encoder`` writes it (exact types: a subclass goes through
#: :meth:`_Encoder.scalar`, in ``json.encoder``'s order of checks).
_SCALARS: dict[type, Callable[[Any], str]] = {
    str: encode_basestring,
    int: int.__repr__,
    float: _float,
    bool: lambda value: "true" if value else "false",
    type(None): lambda _value: "null",
}


def _key(key: Any) -> str:
    """A key as ``json.encoder`` converts it (no ``skipkeys``)."""
    if isinstance(key, str):
        return key
    if isinstance(key, float):
        return _float(key)
    if key is True:
        return "true"
    if key is False:
        return "false"
    if key is None:
        return "null"
    if isinstance(key, int):
        return int.__repr__(key)
    raise TypeError(f"keys must be str, int, float, bool or None, not {key.__class__.__name__}")


def _no_default(value: Any) -> Any:
    raise TypeError(f"Object of type {value.__class__.__name__} is not JSON serializable")


def dumps(value: Any, *, indent: int | str = 2, default: Callable[[Any], Any] | None = None) -> str:
    """``json.dumps(value, ensure_ascii=False, indent=indent, default=default)``, the same text."""
    if _c_make_encoder is None:  # pragma: no cover
        return json.dumps(value, ensure_ascii=False, indent=indent, default=default)
    encoder = _Encoder(indent if isinstance(indent, str) else " " * indent, default or _no_default)
    encoder.value(value, 0)
    return "".join(encoder.parts)
