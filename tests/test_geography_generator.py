"""The geography generator: kinds from name prefixes, zero-padded codes, a reproducible file.

Skipped when ``vietnam-provinces`` is not installed (it is an optional extra).
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

vietnam_provinces = pytest.importorskip("vietnam_provinces")

ROOT = Path(__file__).resolve().parents[1]
TOOL = ROOT / "tools" / "generate_geography.py"
PACK = ROOT / "provinces" / "tayninh" / "src" / "chuyenhoa_tayninh"
TAYNINH = PACK / "geography" / "2025-01-04.json"


def _load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("generate_geography", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


gg = _load_tool()
if vietnam_provinces.__version__ != gg.REQUIRED_VERSION:
    pytest.skip(f"vietnam-provinces {vietnam_provinces.__version__} installed, "
                f"the generator needs {gg.REQUIRED_VERSION}", allow_module_level=True)


@pytest.fixture(scope="module")
def tayninh() -> dict:
    return gg.build_snapshot(72, "2026-11-21")


def test_tayninh_has_9_districts_and_94_communes(tayninh):
    assert tayninh["province"] == {"code": "72", "name": "Tây Ninh", "full_name": "Tỉnh Tây Ninh"}
    assert len(tayninh["districts"]) == 9
    assert len(tayninh["communes"]) == 94
    assert tayninh["as_of"] == "2025-01-04"
    assert tayninh["source"] == {"package": "vietnam-provinces", "version": "0.6.0",
                                 "data_version": "2025-01-04"}
    codes = [c["code"] for c in tayninh["communes"]]
    assert codes == sorted(codes)
    district_codes = [d["code"] for d in tayninh["districts"]]
    assert district_codes == sorted(district_codes)


def test_kinds_come_from_the_name_not_the_division_type(tayninh):
    communes = {c["code"]: c for c in tayninh["communes"]}
    # The package types "Phường 1" as "xã"; the name decides.
    assert communes["25456"] == {"code": "25456", "name": "Phường 1", "kind": "phuong",
                                 "district_code": "703"}
    for commune in tayninh["communes"]:
        expected = {"Xã": "xa", "Phường": "phuong", "Thị trấn": "thi_tran"}
        prefix = next(p for p in expected if commune["name"].startswith(p + " "))
        assert commune["kind"] == expected[prefix]
    assert any(c["kind"] == "thi_tran" and c["name"].startswith("Thị trấn ")
               for c in tayninh["communes"])
    districts = {d["code"]: d["kind"] for d in tayninh["districts"]}
    assert districts["703"] == "thanh_pho" and districts["709"] == "thi_xa"
    assert districts["705"] == "huyen"


def test_codes_are_zero_padded():
    hanoi = gg.build_snapshot(1, "2026-11-21")
    assert hanoi["province"]["code"] == "01"
    assert hanoi["province"]["name"] == "Hà Nội"
    assert hanoi["districts"][0]["code"] == "001" and hanoi["districts"][0]["kind"] == "quan"
    assert hanoi["communes"][0]["code"] == "00001"
    assert hanoi["communes"][0]["district_code"] == "001"


def test_every_province_builds():
    codes = gg.all_province_codes()
    assert len(codes) == 63 and codes == sorted(codes)
    for code in codes:
        gg.build_snapshot(code, "2026-11-21")


def test_unknown_prefix_names_the_unit():
    with pytest.raises(gg.UnknownPrefixError, match="25999 'Ấp Mới'"):
        gg.commune_kind("Ấp Mới", 25999)
    assert gg.district_kind("Thành Phố Bắc Kạn", 58) == "thanh_pho"  # case as in the package


def test_committed_tayninh_file_is_reproducible(tayninh):
    text = TAYNINH.read_text(encoding="utf-8")
    assert json.loads(text) == tayninh
    assert text == json.dumps(tayninh, ensure_ascii=False, indent=1) + "\n"


def test_committed_tayninh_file_loads():
    from chuyenhoa.reading.geography import load_geography

    geography = load_geography(TAYNINH, "tayninh")
    assert len(geography.districts) == 9 and len(geography.communes) == 94
    assert geography.commune("25456").kind.value == "phuong"


def test_write_snapshot_is_atomic_and_exact(tmp_path, tayninh):
    path = tmp_path / "deep" / "72.json"
    gg.write_snapshot(tayninh, path)
    assert path.read_text(encoding="utf-8") == TAYNINH.read_text(encoding="utf-8")
    assert [p.name for p in path.parent.iterdir()] == ["72.json"]


def test_cli_writes_and_refuses_other_versions(tmp_path, monkeypatch, capsys):
    out = tmp_path / "tn.json"
    assert gg.main(["--province-code", "72", "--output", str(out),
                    "--generated-on", "2026-11-21"]) == 0
    assert out.read_bytes() == TAYNINH.read_bytes()
    assert gg.main(["--province-code", "99", "--output", str(out)]) == 2
    assert "99" in capsys.readouterr().err
    monkeypatch.setattr(vietnam_provinces, "__version__", "2025.7.1")
    assert gg.main(["--province-code", "72", "--output", str(tmp_path / "x.json")]) == 2
    assert "0.6.0" in capsys.readouterr().err
    assert not (tmp_path / "x.json").exists()


# --- the dated national maps chuyenhoa ships (--snapshots) --------------------------------------------------------

SHIPPED = ROOT / "src" / "chuyenhoa" / "data" / "geography"


def _shipped(name: str):
    import gzip

    return json.loads(gzip.decompress((SHIPPED / name).read_bytes()).decode("utf-8"))


def test_the_shipped_old_map_is_what_0_6_0_gives():
    data, entry = gg.build_map_before("2026-12-04")
    assert data == _shipped("2025-01-04.json.gz")
    index = json.loads((SHIPPED / "index.json").read_text(encoding="utf-8"))
    shipped = next(m for m in index["maps"] if m["id"] == "2025-01-04")
    entry = gg.summarised(SHIPPED, entry, "province_list")  # as write_index writes it, from the file
    assert {k: v for k, v in entry.items() if k != "python"} == {k: v for k, v in shipped.items() if k != "python"}
    assert entry["valid_to"] == "2025-06-30" and entry["provinces"] == 63 and entry["communes"] == 10051


def test_snapshots_mode_writes_the_map_and_keeps_the_other_entries(tmp_path, capsys):
    (tmp_path / "index.json").write_text(json.dumps({"format": 1, "maps": [{"id": "2025-07-01", "x": 1}],
                                                     "conversions": [{"id": "2025-07-01", "y": 2}]}),
                                         encoding="utf-8")
    assert gg.main(["--snapshots", str(tmp_path), "--generated-on", "2026-12-04"]) == 0
    assert "63 provinces, 10051 communes" in capsys.readouterr().out
    index = json.loads((tmp_path / "index.json").read_text(encoding="utf-8"))
    assert [m["id"] for m in index["maps"]] == ["2025-01-04", "2025-07-01"]
    assert index["conversions"] == [{"id": "2025-07-01", "y": 2}]
    assert json.loads(__import__("gzip").decompress((tmp_path / "2025-01-04.json.gz").read_bytes())) == \
        _shipped("2025-01-04.json.gz")


def test_snapshots_mode_refuses_the_provisional_2025_releases(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(vietnam_provinces, "__version__", "2025.10.1")
    assert gg.main(["--snapshots", str(tmp_path), "--generated-on", "2026-12-04"]) == 2
    assert "2026.2" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_output_is_required_outside_snapshots_mode():
    with pytest.raises(SystemExit):
        gg.main(["--province-code", "72"])


def test_province_pairs_take_each_old_commune_in_the_province_of_the_old_list():
    """The GSO table files Phường 4 of Tân An (27691, Long An) under Tiền Giang (82): the province pairs follow the
    list, not that column, and say which rows they overrode; a commune the list lacks keeps the table's province."""
    from types import SimpleNamespace as Entry

    def entry(province: int, *new_provinces: int) -> Entry:
        return Entry(old_ward=Entry(province_code=province),
                     new_wards=[Entry(province_code=p) for p in new_provinces])

    table = {27691: entry(82, 80), 28000: entry(82, 82), 27700: entry(80, 80), 99999: entry(14, 14)}
    rows = {"27691": ("Phường 4", "80", "794"), "28000": ("Xã A", "82", "815"), "27700": ("Xã B", "80", "794")}
    misfiled, pairs = gg._province_pairs(table, rows)
    assert misfiled == {"27691": {"table": "82", "list": "80"}}
    assert pairs == {("80", "80"), ("82", "82"), ("14", "14")}
