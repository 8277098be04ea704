"""Faithfulness: every quote in a plan file or the national method stands in its source document.

The documents are in ``../shared/sources`` beside the repository; where they are
not (a user's clone), the test is skipped with that reason.
"""

import os
import sys
from pathlib import Path

import pytest

from chuyenhoa.builtin import national
from chuyenhoa.reading.planfile import load_plan
from chuyenhoa.testing import quote_text

REPO = Path(__file__).resolve().parent.parent
SOURCES = REPO.parent / "shared" / "sources"
DOCUMENTS = {
    "860/KH-UBND": "002_869f96d070f2dfb7.txt",
    "7488/KH-UBND": "003_cfb696eb858ee58d.txt",
    "KH-UBND-BP-2024": "000_26cf88907875666d.txt",
    "38/KH-UBND": "001_47f759f0ae079a0e.txt",
    "KH-BCĐ-TQ-2024": "004_1fb20e99041c1ae8.txt",
}

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib


def document(number: str) -> str:
    """The text of a document; for one not in DOCUMENTS, every source text (a quote must be in one)."""
    if not SOURCES.is_dir():
        if os.environ.get("CI"):  # CI always has shared/ beside the clone: its absence is a failure
            pytest.fail(f"source documents not found at {SOURCES}")
        pytest.skip(f"source documents not found at {SOURCES}")
    if number in DOCUMENTS:
        return quote_text((SOURCES / DOCUMENTS[number]).read_text(encoding="utf-8"))
    return "\n".join(quote_text(p.read_text(encoding="utf-8")) for p in sorted(SOURCES.glob("*.txt")))


def _cited(raw: dict, where: str):
    """Every table of a plan file that carries a `source`, with its quote (and a minimum's own quote)."""
    if isinstance(raw, dict):
        if "source" in raw and isinstance(raw["source"], str) and " " in raw["source"]:
            yield where, raw["source"].split()[0], raw.get("quote")
        if "minimum_source" in raw:
            yield where + ".minimum", raw["minimum_source"].split()[0], raw.get("minimum_quote")
        for key, value in raw.items():
            yield from _cited(value, f"{where}.{key}" if where else key)
    elif isinstance(raw, list):
        for n, item in enumerate(raw):
            yield from _cited(item, f"{where}[{n}]")


def plan_quotes():
    for path in sorted(REPO.glob("provinces/*/src/*/plans/*.toml")):
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        for where, number, quote in _cited(raw, ""):
            if where.startswith(("plan.", "indicators")):
                continue  # the plan's period and a pack's column declarations cite without quoting
            yield pytest.param(number, quote, id=f"{path.stem}:{where}")


@pytest.mark.parametrize(("number", "quote"), list(plan_quotes()))
def test_plan_quotes_are_in_the_document(number, quote):
    assert quote, "every target and milestone quotes the text it was read from"
    assert quote_text(quote) in document(number)


def national_sources():
    yield national.CAP.source
    yield national.SUCCESS.source
    yield national.DURATION_SOURCE
    yield national.LEAVE_LIST_SOURCE
    for indicator in national.HOTSPOT_INDICATORS:
        yield indicator.source
    for *_rest, source in national.PROGRAMME_GOALS:
        yield source


@pytest.mark.parametrize("source", list(national_sources()), ids=str)
def test_national_quotes_are_in_7488(source):
    assert source.document == "7488/KH-UBND"
    assert quote_text(source.quote) in document("7488/KH-UBND")


def test_plan_files_cite_a_document():
    for path in REPO.glob("provinces/*/src/*/plans/*.toml"):
        plan = load_plan(path)
        for target in plan.targets:
            assert target.source.document and target.source.clause, target.id
