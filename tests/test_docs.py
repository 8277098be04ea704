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


TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent


def _test_sources():
    """Every test module of the core and of the packs, except this one (which names every hook)."""
    files = [*TESTS.glob("test_*.py"), *REPO.glob("provinces/*/tests/test_*.py")]
    return {path: path.read_text(encoding="utf-8") for path in files if path.name != Path(__file__).name}


@pytest.mark.parametrize("hook", hook_names())
def test_every_hook_has_a_test(hook):
    """A hook no test implements or calls is a contract nobody checks."""
    assert any(hook in text for text in _test_sources().values()), f"no test names {hook}"


@pytest.mark.parametrize("hook", hook_names())
def test_every_hook_is_in_the_stage_table(hook):
    text = (DOCS / "hooks.md").read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.startswith("| ") and f"`{hook}`" in line]
    assert rows, f"{hook} is missing from the stage table of docs/hooks.md"


def test_no_example_guards_on_the_province():
    """Hooks are scoped by province: an example that checks plan.province teaches what is no longer needed."""
    text = (DOCS / "hooks.md").read_text(encoding="utf-8") + (DOCS / "adding-a-province.md").read_text(encoding="utf-8")
    assert "plan.province !=" not in text and "plan.province ==" not in text
