"""The parsed plan files kept beside them (``chuyenhoa.reading.tomlcache``): the same plans, errors and words as a
parse, never a stale document, and the switches of bytecode."""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import sys
from pathlib import Path

import pytest

from chuyenhoa.builtin.national import METHOD_FILE
from chuyenhoa.errors import PlanFileError
from chuyenhoa.reading import tomlcache
from chuyenhoa.reading.planfile import load_method, load_plan

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 by tox
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
PLANS = sorted(ROOT.glob("provinces/*/src/chuyenhoa_*/plans/*.toml"))
TAYNINH = ROOT / "provinces" / "tayninh" / "src" / "chuyenhoa_tayninh" / "plans" / "860-KH-UBND-2024.toml"


@pytest.fixture
def kept(monkeypatch, tmp_path):
    """Caching on (the test environment may set PYTHONDONTWRITEBYTECODE), into a prefix of the test's own."""
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    monkeypatch.setattr(sys, "pycache_prefix", str(tmp_path / "prefix"))
    return tmp_path / "prefix"


@pytest.fixture
def no_parser(monkeypatch):
    """Any parse from here on fails the test: what is read must come from the cache."""

    def refuse(text: str) -> object:
        raise AssertionError("parsed instead of read from the cache")

    monkeypatch.setattr(tomllib, "loads", refuse)


def test_a_plan_read_back_is_the_plan_parsed(kept, tmp_path, request):
    plan, method = tmp_path / "860.toml", tmp_path / "method.toml"
    plan.write_bytes(TAYNINH.read_bytes())
    method.write_bytes(METHOD_FILE.read_bytes())
    first, national = load_plan(plan), load_method(method)
    assert Path(tomlcache.cache_path(str(plan))).is_file()
    request.getfixturevalue("no_parser")
    assert load_plan(plan) == first
    assert load_method(method) == national


@pytest.mark.parametrize("path", [*PLANS, METHOD_FILE], ids=lambda p: p.name)
def test_every_shipped_plan_file_comes_back_as_tomllib_gives_it(kept, path):
    text = path.read_text(encoding="utf-8")
    parsed = tomllib.loads(text)
    tomlcache.store(str(path), text, parsed)
    assert tomlcache.load(str(path), text) == parsed
    assert tomlcache.load(str(path), text + "\n# an edit") is None


def test_dates_come_back_as_dates_wherever_they_are(kept, tmp_path):
    path = str(tmp_path / "d.toml")
    text = 'a = 2024-01-31\nb = [2025-07-01, [2017-07-31]]\n[[c]]\nd = { e = 2026-12-04, f = "2026-12-04" }\n'
    document = tomllib.loads(text)
    tomlcache.store(path, text, document)
    back = tomlcache.load(path, text)
    assert back == document
    assert type(back["a"]) is dt.date and type(back["b"][1][0]) is dt.date and back["c"][0]["d"]["f"] == "2026-12-04"


def test_a_time_or_a_date_time_is_not_kept(kept, tmp_path):
    for text in ("t = 07:30:00\n", "t = 2024-01-01T07:30:00+07:00\n", "t = 2024-01-01T07:30:00\n"):
        path = str(tmp_path / "t.toml")
        tomlcache.store(path, text, tomllib.loads(text))
        assert tomlcache.load(path, text) is None
        assert not Path(tomlcache.cache_path(path)).exists()


def test_an_edited_file_is_parsed_again_even_with_the_same_size_and_time(kept, tmp_path):
    plan = tmp_path / "p.toml"
    plan.write_text(TAYNINH.read_text(encoding="utf-8"), encoding="utf-8")
    before = load_plan(plan)
    stat = plan.stat()
    text = plan.read_text(encoding="utf-8")
    edited = text.replace('id = "860/KH-UBND"', 'id = "861/KH-UBND"', 1)
    assert edited != text and len(edited) == len(text)
    plan.write_text(edited, encoding="utf-8")
    os.utime(plan, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert before.id == "860/KH-UBND" and load_plan(plan).id == "861/KH-UBND"


def test_a_file_that_does_not_parse_is_refused_every_time_and_never_kept(kept, tmp_path):
    plan = tmp_path / "bad.toml"
    plan.write_text("schema = 1\n[plan\n", encoding="utf-8")
    messages = []
    for _ in range(2):
        with pytest.raises(PlanFileError) as caught:
            load_plan(plan)
        messages.append(str(caught.value))
    assert messages[0] == messages[1] and "TOML" in messages[0]
    assert not Path(tomlcache.cache_path(str(plan))).exists()


def test_a_wrong_plan_is_refused_with_the_same_words_from_the_cache(kept, tmp_path, request):
    """A document that parses but breaks a rule is kept: the plan reader refuses it again, word for word."""
    plan = tmp_path / "wrong.toml"
    plan.write_text(TAYNINH.read_text(encoding="utf-8").replace("schema = 1", "schema = 1\nunknown_key = 3", 1),
                    encoding="utf-8")
    with pytest.raises(PlanFileError) as parsed:
        load_plan(plan)
    request.getfixturevalue("no_parser")
    with pytest.raises(PlanFileError) as cached:
        load_plan(plan)
    assert str(cached.value) == str(parsed.value) and "unknown_key" in str(parsed.value)


def test_nothing_is_written_without_bytecode(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    monkeypatch.setattr(sys, "pycache_prefix", None)
    plan = tmp_path / "p.toml"
    plan.write_bytes(TAYNINH.read_bytes())
    load_plan(plan)
    assert not (tmp_path / "__pycache__").exists()


def test_beside_the_file_as_bytecode_is(monkeypatch, tmp_path):
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    monkeypatch.setattr(sys, "pycache_prefix", None)
    plan = tmp_path / "p.toml"
    plan.write_bytes(TAYNINH.read_bytes())
    load_plan(plan)
    assert [p.name for p in (tmp_path / "__pycache__").iterdir()] == [
        f"p.toml.{sys.implementation.cache_tag}.toml-cache"]


@pytest.mark.parametrize("prefix", [None, "/somewhere/cache"])
@pytest.mark.parametrize("relative", [False, True])
def test_the_folder_is_the_one_importlib_gives_bytecode(monkeypatch, tmp_path, prefix, relative):
    monkeypatch.setattr(sys, "pycache_prefix", prefix)
    monkeypatch.chdir(tmp_path)
    folder = Path("plans") if relative else tmp_path / "plans"
    ours = tomlcache.cache_path(str(folder / "x.toml"))
    theirs = importlib.util.cache_from_source(str(folder / "x.py"))
    assert ours is not None and os.path.dirname(ours) == os.path.dirname(theirs)


def test_a_damaged_or_foreign_cache_file_is_a_miss(kept, tmp_path):
    plan = tmp_path / "p.toml"
    plan.write_bytes(TAYNINH.read_bytes())
    first = load_plan(plan)
    where = Path(tomlcache.cache_path(str(plan)))
    whole = where.read_bytes()
    for damaged in (whole[: len(whole) // 2], b"", b"not marshal at all", __import__("marshal").dumps(("x", 1))):
        where.write_bytes(damaged)
        assert load_plan(plan) == first
        assert where.read_bytes() == whole  # parsed and kept again


def test_a_folder_that_cannot_be_written_is_no_error(monkeypatch, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    monkeypatch.setattr(sys, "pycache_prefix", str(blocker / "under-a-file"))
    plan = tmp_path / "p.toml"
    plan.write_bytes(TAYNINH.read_bytes())
    assert load_plan(plan) == load_plan(plan)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file", "p.toml"]  # no temporary left behind
