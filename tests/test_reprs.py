"""The shared ``__repr__`` (:class:`chuyenhoa.model.FieldsRepr`) writes what attrs would write for each class.

A class declared ``repr=False`` with that base has no ``__repr__`` of attrs' making (issue 17: compiling one per
class cost 5 ms of every start).  Its text is compared here with the ``__repr__`` attrs generates for the same
fields, taken from a subclass attrs builds with ``repr=True``: for every class of the package that uses the base
(found in the source, so a new one is covered without being listed), for real objects, and for the cases the
package's classes do not all have (a callable ``repr``, an unset derived field, a generic class, an object
inside its own repr).
"""

from __future__ import annotations

import ast
import datetime as dt
import importlib
from pathlib import Path
from typing import Any, Generic, TypeVar

import attrs
import pytest

from chuyenhoa.model import FieldsRepr, Source

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "chuyenhoa"


def _declared() -> list[tuple[str, str]]:
    """(module, class) of every class in the package's source that names ``FieldsRepr`` among its bases."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        module = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and any(getattr(b, "id", None) == "FieldsRepr" for b in node.bases):
                found.append((module, node.name))
    return found


DECLARED = _declared()


def attrs_repr(cls: type) -> Any:
    """The ``__repr__`` attrs writes for ``cls``'s fields (a subclass built with ``repr=True``; not instantiated)."""
    twin = attrs.make_class(cls.__name__, {}, bases=(cls,), repr=True, eq=False, slots=False)
    assert twin.__repr__ is not FieldsRepr.__repr__
    return twin.__repr__


def test_the_classes_of_the_evaluate_path_are_found():
    names = {name for _module, name in DECLARED}
    assert {"Source", "Geography", "Plan", "Dated", "Dataset", "Result", "HotspotResult", "Nominee"} <= names
    assert len(DECLARED) >= 47


@pytest.mark.parametrize(("module", "name"), DECLARED, ids=[f"{m}.{n}" for m, n in DECLARED])
def test_every_class_writes_what_attrs_writes(module, name):
    cls = getattr(importlib.import_module(module), name)
    assert attrs.has(cls) and cls.__repr__ is FieldsRepr.__repr__  # repr=False, or attrs' own would stand
    generated = attrs_repr(cls)
    for derived_set in (True, False):
        obj = object.__new__(cls)  # each field a text of its own, without running the class's checks
        for n, a in enumerate(attrs.fields(cls)):
            if a.init or derived_set:
                object.__setattr__(obj, a.name, f"<{a.name} {n}>" if n % 2 else (n, a.name, None))
        assert repr(obj) == generated(obj)
        assert name in repr(obj)


def test_real_objects(tayninh_host):
    spec = tayninh_host.province("tayninh")
    plan = spec.plan_for(2024)
    geography, _warning = spec.geography_for(2024)
    source = Source.parse("860/KH-UBND §II.2", quote="giảm 5 %", reading="floor")
    for obj in (source, plan, plan.period, plan.targets[0], plan.milestones[0], geography, geography.communes[0],
                geography.province, spec.sample, spec):
        assert repr(obj) == attrs_repr(type(obj))(obj)
    assert repr(source) == ("Source(document='860/KH-UBND', clause='§II.2', quote='giảm 5 %', reading='floor')")
    assert "_by_code" not in repr(geography) and "memo" not in repr(geography)  # declared repr=False


T = TypeVar("T")


@attrs.define(repr=False)
class _Shared(FieldsRepr, Generic[T]):
    items: list[Any]
    value: T
    hidden: str = attrs.field(default="secret", repr=False)
    shown: int = attrs.field(default=7, repr=lambda v: f"<{v:03d}>")  # attrs formats the callable's text as is
    derived: str = attrs.field(init=False)


@attrs.define
class _Generated(Generic[T]):
    items: list[Any]
    value: T
    hidden: str = attrs.field(default="secret", repr=False)
    shown: int = attrs.field(default=7, repr=lambda v: f"<{v:03d}>")
    derived: str = attrs.field(init=False)


def _texts(cls: type, other: type) -> list[str]:
    """The repr of an object of ``cls`` holding one of ``other`` that holds it back, and itself; then with the
    derived fields set; the class names made the same."""
    outer = cls([1, "a"], dt.date(2024, 1, 1))
    inner = other(["x"], None, shown=12)
    outer.items.append(inner)
    inner.items.append(outer)  # a cycle through both classes
    outer.items.append(outer)  # and one into itself
    texts = [repr(outer)]
    object.__setattr__(outer, "derived", "set")
    object.__setattr__(inner, "derived", "inner")
    texts.append(repr(outer))
    return [t.replace("_Generated", "C").replace("_Shared", "C") for t in texts]


def test_the_cases_attrs_handles():
    """A callable ``repr``, a field left out, a derived field unset (NOTHING) and set, a generic class, cycles:
    the shared repr and attrs' own give the same text, alone and mixed."""
    expected = _texts(_Generated, _Generated)
    assert _texts(_Shared, _Shared) == _texts(_Shared, _Generated) == _texts(_Generated, _Shared) == expected
    unset, derived = expected
    assert "secret" not in unset and "shown=<007>" in unset and "shown=<012>" in unset
    assert "derived=NOTHING" in unset and "derived='set'" in derived and "..." in unset


def test_a_class_made_in_a_function_is_named_as_attrs_names_it():
    @attrs.frozen(repr=False)
    class Local(FieldsRepr):
        code: str

    assert Local.__qualname__.endswith("<locals>.Local")
    assert repr(Local("70")) == attrs_repr(Local)(Local("70")) == "Local(code='70')"
