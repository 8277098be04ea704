"""The province-level summaries of ``index.json`` (each map's ``province_list``, each conversion's
``province_table``): what the files say, and every answer the same with or without them.

They exist so that naming a province (``chuyenhoa provinces``, an old name on a later day: "Bình Phước went
into Đồng Nai") reads no map and no commune table; ``tools/generate_geography.py`` writes them from the files
(``write_index``, ``--summarise``).
"""

from __future__ import annotations

import datetime as dt
import gzip
import importlib.util
import json
import shutil
from pathlib import Path

import pytest

from chuyenhoa.reading import geography as g

TOOL = Path(__file__).resolve().parent.parent / "tools" / "generate_geography.py"
_spec = importlib.util.spec_from_file_location("generate_geography", TOOL)
assert _spec is not None and _spec.loader is not None
gg = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(gg)  # the --summarise mode needs no vietnam-provinces

DAYS = ["2024-12-31", "2025-06-30", "2025-07-01", "2026-09-19", "2026-09-20", dt.date.today().isoformat()]


def _index() -> dict:
    return json.loads((g.DATA / "index.json").read_text(encoding="utf-8"))


def _data(name: str) -> dict:
    return json.loads(gzip.decompress((g.DATA / name).read_bytes()).decode("utf-8"))


def test_the_shipped_index_summarises_its_files():
    index = _index()
    for entry in index["maps"]:
        data = _data(entry["file"])
        assert entry["province_list"] == [[p["code"], p["name"], p["full_name"]] for p in data["provinces"]]
    for entry in index["conversions"]:
        assert entry["province_table"] == _data(entry["file"])["provinces"]


def _copy_without_summaries(folder, **dump) -> None:
    """The shipped data in ``folder``, its index without the province summaries."""
    for child in g.DATA.iterdir():
        shutil.copy(child, folder / child.name)
    bare = _index()
    for entry in (*bare["maps"], *bare["conversions"]):
        entry.pop("province_list", None)
        entry.pop("province_table", None)
    (folder / "index.json").write_text(json.dumps(bare, ensure_ascii=False, **dump) + "\n", encoding="utf-8")


def test_the_generator_writes_the_summaries_from_the_files(tmp_path):
    _copy_without_summaries(tmp_path, indent=1)
    assert gg.main(["--summarise", str(tmp_path)]) == 0
    assert (tmp_path / "index.json").read_text(encoding="utf-8") == (g.DATA / "index.json").read_text(encoding="utf-8")


@pytest.fixture
def without_summaries(tmp_path):
    """The shipped data with an index that has no summary: every answer then comes from the files."""
    _copy_without_summaries(tmp_path)
    return g._Catalogue(tmp_path)


def test_every_province_answer_is_the_same_without_the_summaries(without_summaries, monkeypatch):
    shipped = g._catalogue()
    assert [s.provinces for s in without_summaries.snapshots] == [s.provinces for s in shipped.snapshots]
    for bare, summed in zip(without_summaries.conversions, shipped.conversions, strict=True):
        olds = {u.code for s in shipped.of_map(summed.from_map) for u in s.provinces}
        news = {u.code for s in shipped.of_map(summed.to_map) for u in s.provinces}
        assert {c: bare.province_successors(c) for c in olds} == {c: summed.province_successors(c) for c in olds}
        assert {c: bare.province_predecessors(c) for c in news} == {c: summed.province_predecessors(c) for c in news}
    names = sorted({q for s in shipped.snapshots for u in s.provinces for q in (u.slug, u.name, u.full_name, u.code)})

    def answers() -> list[object]:
        found: list[object] = []
        for day in DAYS:
            for name in names:
                found.append(g.merged_province(name, day))
                try:
                    lineage = g.province_lineage(name, day)
                except g.UnknownUnitError as exc:
                    found.append(str(exc))
                else:
                    found.append((lineage.province, lineage.predecessors, lineage.successors))
        return found

    expected = answers()
    assert "Tỉnh Bình Phước (70) đã là một phần của" in " ".join(str(a) for a in expected)
    monkeypatch.setattr(g, "_catalogue", lambda folder=g.DATA: without_summaries)
    assert answers() == expected


def test_naming_and_merging_provinces_reads_no_map_or_table(monkeypatch):
    """Where Bình Phước went, today's provinces, a province by its old name: none opens a gzipped file."""
    catalogue = g._Catalogue(g.DATA)
    monkeypatch.setattr(g, "_catalogue", lambda folder=g.DATA: catalogue)
    assert g.merged_province("binhphuoc", dt.date.today()) is not None
    assert len(g.snapshot_on(dt.date.today()).provinces) == 34
    assert g.snapshot_on("2025-01-01").find_province("Bình Phước").code == "70"
    assert g.province_lineage("70", "2025-01-01").successors[0].slug == "dongnai"
    assert all(m._provinces is None for m in catalogue.maps.values())
    assert all("data" not in c._memo for c in catalogue.conversions)
