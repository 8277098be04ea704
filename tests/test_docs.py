"""Documentation that a test keeps honest: every hook has its section."""

import inspect
from pathlib import Path

import pytest

from chuyenhoa.plugins import hookspecs

DOCS = Path(__file__).resolve().parent.parent / "docs"


def hook_names():
    return [name for name, obj in inspect.getmembers(hookspecs, inspect.isfunction) if name.startswith("chuyenhoa_")]


@pytest.mark.parametrize("hook", hook_names())
def test_every_hook_has_a_section(hook):
    text = (DOCS / "hooks.md").read_text(encoding="utf-8")
    assert f"## `{hook}`" in text


@pytest.mark.parametrize("hook", hook_names())
def test_every_hook_has_a_docstring(hook):
    doc = inspect.getdoc(getattr(hookspecs, hook))
    assert doc and len(doc) > 80
