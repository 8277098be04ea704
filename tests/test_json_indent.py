"""chuyenhoa.method.json_indent writes what ``json.dumps(…, ensure_ascii=False, indent=…)`` writes, byte for byte."""

from __future__ import annotations

import datetime as dt
import enum
import json
import random
from collections import OrderedDict

import pytest

from chuyenhoa.method import json_indent
from chuyenhoa.method.result import _default


class Word(str, enum.Enum):
    A = "ạ"


class Number(enum.IntEnum):
    THREE = 3


class Ratio(float):
    pass


SCALARS = [None, True, False, 0, -5, 2**70, 1.5, -0.0, 0.1 + 0.2, 1e300, 1e-320, float("nan"), float("inf"),
           -float("inf"), "", "x", 'Tây "Ninh"\\\n\t\r\u2028\x00\x7f', "}],\n  {", Word.A, Number.THREE, Ratio(2.5),
           dt.date(2024, 12, 31), dt.datetime(2024, 1, 2, 3, 4, 5)]
KEYS = ["a", "b", "ç", "", 1, -2, 2.5, True, False, None, Word.A, Number.THREE, "k\n"]


def nested(rng: random.Random, depth: int = 0) -> object:
    roll = rng.random()
    if depth > 4 or roll < 0.35:
        return rng.choice(SCALARS)
    size = rng.choice([0, 1, 2, 3, 5, 9])
    if roll < 0.55:
        return [nested(rng, depth + 1) for _ in range(size)]
    if roll < 0.62:
        return tuple(nested(rng, depth + 1) for _ in range(size))
    if roll < 0.7:  # rows of plain records, the shape written in one call
        return [{rng.choice(["id", "value", "met"]): rng.choice(SCALARS[:15]) for _ in range(1 + size)}
                for _ in range(1 + size)]
    if roll < 0.75:
        return [[rng.choice(SCALARS[:15]) for _ in range(1 + size)] for _ in range(1 + size)]
    members = {rng.choice(KEYS): nested(rng, depth + 1) for _ in range(size)}
    return OrderedDict(members) if roll > 0.95 else members


@pytest.mark.parametrize("indent", [2, 0, 4, "\t"])
@pytest.mark.parametrize("seed", range(25))
def test_random_values(seed, indent):
    rng = random.Random(seed)
    for _ in range(40):
        value = nested(rng)
        assert json_indent.dumps(value, indent=indent, default=_default) == \
            json.dumps(value, ensure_ascii=False, indent=indent, default=_default)


def test_errors_are_json_dumps_errors():
    loop: list[object] = [1]
    loop.append({"again": loop})
    for bad in (loop, {"k": object()}, {(1, 2): 1}, [{1j: 2}]):
        with pytest.raises(Exception) as expected:
            json.dumps(bad, ensure_ascii=False, indent=2)
        with pytest.raises(type(expected.value), match=str(expected.value).replace("(", r"\(").replace(")", r"\)")):
            json_indent.dumps(bad, indent=2)


@pytest.mark.parametrize(("province", "year"), [("tayninh", 2024), ("tayninh", 2025), ("tayninh", 2026),
                                              ("binhphuoc", 2023), ("binhphuoc", 2024), ("tuyenquang", 2024)])
def test_sample_results(province, year):
    """The JSON of the results of the packs' samples is json.dumps's."""
    import chuyenhoa_binhphuoc
    import chuyenhoa_tayninh
    import chuyenhoa_tuyenquang

    from chuyenhoa.method.engine import evaluate
    from chuyenhoa.plugins.host import PluginHost

    host = PluginHost(autoload=False, plugins=[chuyenhoa_tayninh, chuyenhoa_binhphuoc, chuyenhoa_tuyenquang])
    for as_of in (dt.date(year, 6, 30), dt.date(year, 12, 31)):
        result = evaluate(province, year, host=host, as_of=as_of)
        assert result.to_json() == json.dumps(result.to_dict(), ensure_ascii=False, indent=2, default=_default)
        assert result.to_json(indent=None) == json.dumps(result.to_dict(), ensure_ascii=False, default=_default)
