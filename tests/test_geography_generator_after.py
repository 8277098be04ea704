"""The 01/07/2025 map and the conversion table are what ``vietnam-provinces`` ≥ 2026.2 gives.

Those releases need Python ≥ 3.12 and are not a test dependency: this module runs
only where one is installed (``tools/generate_geography.py`` says how the shipped
files were made), and is skipped elsewhere.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
from pathlib import Path

import pytest

vietnam_provinces = pytest.importorskip("vietnam_provinces")

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "src" / "chuyenhoa" / "data" / "geography"
spec = importlib.util.spec_from_file_location("generate_geography_after", ROOT / "tools" / "generate_geography.py")
assert spec is not None and spec.loader is not None
gg = importlib.util.module_from_spec(spec)
spec.loader.exec_module(gg)
if gg._release(vietnam_provinces.__version__) < gg.AFTER_MINIMUM:
    pytest.skip(f"vietnam-provinces {vietnam_provinces.__version__} installed; the 2025-07-01 map needs >= 2026.2",
                allow_module_level=True)


def _shipped(name: str):
    return json.loads(gzip.decompress((SHIPPED / name).read_bytes()).decode("utf-8"))


def test_the_shipped_new_map_is_what_the_package_gives():
    data, entry = gg.build_map_after("2026-12-04")
    shipped = _shipped("2025-07-01.json.gz")
    assert data["provinces"] == shipped["provinces"]
    assert entry["provinces"] == 34 and entry["communes"] == 3321 and entry["valid_from"] == "2025-07-01"


def test_the_shipped_conversion_is_what_the_package_gives():
    data, entry = gg.build_conversion("2026-12-04", SHIPPED)
    shipped = _shipped("lineage-2025-07-01.json.gz")
    for key in ("new_to_old", "old_to_new", "provinces", "date", "from", "to"):
        assert data[key] == shipped[key], key
    assert set(data["old_units"]) == set(shipped["old_units"])  # names need the GSO CSV (--conversion-csv)
    assert entry["pairs"] == 10565
    # the table's "Tỉnh cũ" misfiles two communes; each old commune's province is the old list's
    assert entry["old_province_from_list"] == {"27691": {"table": "82", "list": "80"},
                                               "30781": {"table": "89", "list": "91"}}
    assert entry["province_pairs_not_taken"] == [["82", "80"]]
    assert data["provinces"]["new_to_old"]["80"] == ["72", "80"] and data["provinces"]["old_to_new"]["82"] == ["82"]
