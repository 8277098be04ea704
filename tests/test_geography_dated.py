"""Dated geography: the national snapshots, codes read with a date, the conversion table, the two commands.

The counts are the GSO data as shipped (``vietnam-provinces`` 0.6.0 for the list of
04/01/2025, 2026.9.0 for the list of 01/07/2025); DOMAIN.md gives the same figures.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chuyenhoa.cli.app import app
from chuyenhoa.i18n import using
from chuyenhoa.reading import geography as g
from chuyenhoa.reading.geography import UnknownUnitError, geography_for, lineage, province_on, snapshot_on

ROOT = Path(__file__).resolve().parents[1]
BEFORE, AFTER = dt.date(2025, 6, 30), dt.date(2025, 7, 1)
runner = CliRunner()


def kinds(geography):
    return dict(Counter(c.kind.value for c in geography.communes))


# --- the snapshots ---------------------------------------------------------------------------------------------


def test_the_snapshots_follow_each_other_and_say_what_they_are():
    found = g.snapshots()
    assert [(s.id, s.valid_from, s.valid_to) for s in found] == [
        ("2025-01-04", None, BEFORE),
        ("2025-07-01", AFTER, dt.date(2026, 9, 19)),
        ("2026-09-20", dt.date(2026, 9, 20), None),
    ]
    assert [s.map_id for s in found] == ["2025-01-04", "2025-07-01", "2025-07-01"]
    assert found[0].description == "danh mục đơn vị hành chính ngày 04/01/2025 (63 tỉnh, thành phố)"
    assert found[1].description == "danh mục đơn vị hành chính ngày 01/07/2025 (34 tỉnh, thành phố)"
    assert found[2].description == ("danh mục đơn vị hành chính ngày 01/07/2025 (34 tỉnh, thành phố), tên gọi theo "
                                    "dữ liệu ngày 20/09/2026")
    with using("en"):
        assert found[1].description == "list of administrative units of 01/07/2025 (34 provinces and cities)"
    assert "vietnam-provinces 2026.9.0" in found[1].provenance and "0.6.0" in found[0].provenance
    assert snapshot_on(BEFORE) is found[0] and snapshot_on("2025-07-01") is found[1]
    assert snapshot_on(dt.date(2017, 1, 1)) is found[0]  # the earliest list answers for earlier days…
    assert found[0].records_later_than(dt.date(2017, 1, 1))  # …and says it records a later day
    assert not found[1].records_later_than(AFTER)


def test_the_old_map_has_63_provinces_in_three_levels():
    snapshot = snapshot_on(BEFORE)
    assert snapshot.has_districts and len(snapshot.provinces) == snapshot.province_count == 63
    total = sum(len(geography_for(p.code, BEFORE).communes) for p in snapshot.provinces)
    assert total == snapshot.commune_count == 10051  # vietnam-provinces 0.6.0


def test_the_new_map_has_34_provinces_and_3321_communes_in_two_levels():
    snapshot = snapshot_on(AFTER)
    assert not snapshot.has_districts and len(snapshot.provinces) == 34
    geographies = [geography_for(p, AFTER) for p in snapshot.provinces]
    assert sum(len(geo.communes) for geo in geographies) == snapshot.commune_count == 3321
    assert all(not geo.has_districts and not geo.districts for geo in geographies)
    assert all(c.district_code is None for geo in geographies for c in geo.communes)
    assert sum(kinds(geo).get("dac_khu", 0) for geo in geographies) == 13
    assert not any(kinds(geo).get("thi_tran") for geo in geographies)


@pytest.mark.parametrize(("slug", "code", "districts", "communes"), [
    ("tayninh", "72", 9, 94), ("binhphuoc", "70", 11, 111), ("dongnai", "75", 11, 159), ("tuyenquang", "08", 7, 137),
])
def test_the_four_pack_provinces_before_the_merger(slug, code, districts, communes):
    geography = geography_for(slug, BEFORE)
    assert geography.province.slug == slug and geography.province.code == code
    assert geography.has_districts and len(geography.districts) == districts and len(geography.communes) == communes
    assert geography.as_of == dt.date(2025, 1, 4)
    assert geography.source.startswith("danh mục đơn vị hành chính ngày 04/01/2025 (63 tỉnh, thành phố), theo "
                                       "vietnam-provinces 0.6.0")


@pytest.mark.parametrize(("slug", "code", "counts"), [
    ("tayninh", "80", {"xa": 82, "phuong": 14}),
    ("dongnai", "75", {"xa": 72, "phuong": 23}),
    ("tuyenquang", "08", {"xa": 117, "phuong": 7}),
    ("hanoi", "01", {"xa": 75, "phuong": 51}),
])
def test_the_pack_provinces_after_the_merger(slug, code, counts):
    geography = geography_for(slug, AFTER)
    assert geography.province.code == code and not geography.has_districts
    assert kinds(geography) == counts
    assert geography.as_of == AFTER


def test_binhphuoc_is_on_the_old_map_only_and_the_error_says_where_it_went():
    assert province_on("binhphuoc", BEFORE).code == "70"
    with pytest.raises(UnknownUnitError, match=r"Bình Phước \(70\).*01/07/2025 thuộc Tỉnh Đồng Nai \(75, dongnai\)"):
        province_on("binhphuoc", AFTER)
    successors = g.province_lineage("binhphuoc", BEFORE).successors
    assert [p.code for p in successors] == ["75"]
    assert {p.name for p in g.province_lineage("tayninh", AFTER).predecessors} >= {"Tây Ninh", "Long An"}


def test_tayninh_is_formed_from_tayninh_and_longan_only():
    """Tiền Giang went into Đồng Tháp, none of it into Tây Ninh.

    The GSO conversion CSV files Phường 4 (27691, Thành phố Tân An, Long An) under "Tỉnh Tiền
    Giang (82)"; the province lineage was derived from that column and made Tiền Giang a third
    predecessor of the new Tây Ninh, so a sum of last year's province figures would have asked
    for Tiền Giang's.
    """
    assert [(p.code, p.name) for p in g.province_lineage("tayninh", AFTER).predecessors] == [
        ("72", "Tây Ninh"), ("80", "Long An")]
    assert [(p.code, p.name) for p in g.province_lineage("82", BEFORE).successors] == [("82", "Đồng Tháp")]
    assert [p.code for p in g.province_lineage("dongthap", AFTER).predecessors] == ["82", "87"]
    assert lineage("27691", BEFORE).province.name == "Long An"  # the list's province, not the CSV's column
    assert [s.province.name for s in lineage("27691", BEFORE).successors] == ["Tây Ninh"]


def test_every_province_pair_is_made_by_communes_and_every_old_province_went_whole():
    """The shipped province lineage is what the commune pairs say, each old commune in the province of the old
    list; and every old province went into one new province (so counts of whole provinces add up)."""
    catalogue = g._catalogue()
    conversion = catalogue.conversions[0]
    old, new = catalogue.of_map(conversion.from_map)[-1], catalogue.of_map(conversion.to_map)[0]
    made: set[tuple[str, str]] = set()
    for code, (_split, successors) in conversion.data["old_to_new"].items():
        found = old.commune(code)
        province = found[1].code if found else conversion.old_unit(code)[2]
        made.update((province, new.commune(successor)[1].code) for successor in successors)
    # as the lookups read it (index.json's copy of the table, where it has one, else the file's)
    shipped = {(o.code, n) for o in old.provinces for n in conversion.province_successors(o.code)}
    assert shipped == made
    assert shipped == {(o, n.code) for n in new.provinces for o in conversion.province_predecessors(n.code)}
    assert all(len(conversion.province_successors(o.code)) == 1 for o in old.provinces)


def test_a_province_code_means_a_province_only_with_a_date():
    assert province_on("80", BEFORE).name == "Long An"
    assert province_on("80", AFTER).name == "Tây Ninh"
    assert province_on("tayninh", BEFORE).code == "72" and province_on("tayninh", AFTER).code == "80"
    with pytest.raises(UnknownUnitError):
        province_on("72", AFTER)
    assert province_on("8", AFTER).slug == "tuyenquang"


@pytest.mark.parametrize("typed", ["Tây Ninh", "Tỉnh Tây Ninh", "tay ninh", "TÂY NINH", "tayninh", "80"])
def test_a_province_as_typed(typed):
    assert province_on(typed, AFTER).code == "80"


def test_either_tone_placement_names_the_same_province():
    assert province_on("Hoà Bình", BEFORE) == province_on("Hòa Bình", BEFORE) == province_on("hoabinh", BEFORE)
    assert province_on("Thành phố Hồ Chí Minh", AFTER).slug == "hochiminh"
    assert province_on("TP. Hồ Chí Minh", AFTER).slug == "hochiminh"


def test_a_later_name_is_dated_not_guessed():
    assert province_on("dongnai", AFTER).full_name == "Tỉnh Đồng Nai"
    assert province_on("dongnai", dt.date(2026, 9, 19)).full_name == "Tỉnh Đồng Nai"
    later = province_on("dongnai", dt.date(2026, 9, 20))
    assert later.full_name == "Thành phố Đồng Nai" and later.name == "Đồng Nai" and later.code == "75"
    # the same units and codes under both names
    assert geography_for("75", AFTER).communes == geography_for("75", dt.date(2026, 9, 20)).communes


def test_the_slugs_of_each_snapshot_are_distinct_ascii():
    for snapshot in g.snapshots():
        slugs = [p.slug for p in snapshot.provinces]
        assert len(set(slugs)) == len(slugs)
        assert all(s.isascii() and s.isalnum() and s.islower() for s in slugs)


@pytest.mark.parametrize("slug", ["tayninh", "binhphuoc", "dongnai", "tuyenquang"])
def test_the_packs_snapshots_are_the_national_list(slug):
    path = ROOT / "provinces" / slug / "src" / f"chuyenhoa_{slug}" / "geography" / "2025-01-04.json"
    pack = g.load_geography(path, slug)
    national = geography_for(slug, BEFORE)
    assert pack.communes == national.communes and pack.districts == national.districts
    assert pack.province == national.province and pack.as_of == national.as_of


def test_a_date_is_required_and_checked():
    with pytest.raises(Exception, match="không phải ngày"):
        snapshot_on("31-12-2024")


# --- lineage ----------------------------------------------------------------------------------------------------


def test_a_whole_merger_from_the_new_side():
    found = lineage("4", AFTER)
    assert (found.code, found.name, found.kind.value) == ("00004", "Phường Ba Đình", "phuong")
    assert (found.valid_from, found.valid_to) == (AFTER, None)
    assert [(u.code, u.name, u.partly) for u in found.predecessors] == [
        ("00004", "Phường Trúc Bạch", False), ("00013", "Phường Quán Thánh", False),
        ("00016", "Phường Ngọc Hà", True), ("00019", "Phường Điện Biên", True), ("00022", "Phường Đội Cấn", True),
        ("00028", "Phường Kim Mã", True), ("00112", "Phường Thụy Khuê", True), ("00040", "Phường Đồng Xuân", True),
        ("00055", "Phường Cửa Đông", True), ("00073", "Phường Cửa Nam", True)]
    assert found.successors == () and found.went_by is None
    assert found.came_by is not None and found.came_by.description == (
        "bảng chuyển đổi đơn vị hành chính cấp xã ngày 01/07/2025 của Cục Thống kê")


def test_a_whole_merger_from_the_old_side_keeps_its_code():
    found = lineage("00004", BEFORE)
    assert (found.name, found.valid_from, found.valid_to) == ("Phường Trúc Bạch", None, BEFORE)
    assert found.district_code == "001" and found.province.name == "Hà Nội"
    assert [(u.code, u.name, u.partly) for u in found.successors] == [("00004", "Phường Ba Đình", False)]
    assert found.split is False and found.predecessors == () and found.came_by is None


def test_a_split_commune_passed_partly():
    found = lineage("00112", BEFORE)
    assert found.name == "Phường Thụy Khuê" and found.split is True
    assert [(u.code, u.name, u.partly) for u in found.successors] == [
        ("00004", "Phường Ba Đình", True), ("00103", "Phường Tây Hồ", False)]


def test_a_reused_code_names_two_communes():
    before, after = lineage("25459", BEFORE), lineage("25459", AFTER)
    assert (before.name, before.province.code) == ("Phường 3", "72")
    assert (after.name, after.province.code) == ("Phường Tân Ninh", "80")
    assert [(u.code, u.name, u.partly) for u in after.predecessors] == [
        ("25456", "Phường 1", False), ("25459", "Phường 3", False), ("25462", "Phường 4", False),
        ("25465", "Phường Hiệp Ninh", False), ("25468", "Phường 2", False), ("25597", "Xã Thái Bình", True)]
    assert all(u.province.name == "Tây Ninh" and u.province.code == "72" for u in after.predecessors)


def test_an_old_commune_known_from_the_table_only():
    # Phường 14 of Bình Thạnh is in the GSO table of 30/06/2025, not in the list of 04/01/2025
    found = lineage("26929", BEFORE)
    assert (found.name, found.kind.value, found.listed, found.district_code) == ("Phường 14", "phuong", False, "765")
    assert [(u.code, u.name) for u in found.successors] == [("26929", "Phường Bình Thạnh")]
    assert [u.code for u in lineage("26929", AFTER).predecessors] == ["26914", "26917", "26929"]


def test_units_without_predecessor_or_successor():
    con_dao = lineage("26732", AFTER)  # a district without communes before 01/07/2025
    assert con_dao.kind.value == "dac_khu" and con_dao.predecessors == () and con_dao.came_by is not None
    gone = lineage("03988", BEFORE)  # merged between January and June 2025: not in the table
    assert gone.name == "Xã Tân Hợp" and gone.successors == () and gone.went_by is not None


def test_the_two_directions_agree_on_every_pair():
    after = snapshot_on(AFTER)
    forward = {(old.code, c.code, old.partly) for p in after.provinces for c in geography_for(p, AFTER).communes
               for old in lineage(c.code, AFTER).predecessors}
    backward = {(old, new.code, new.partly) for old in {o for o, _n, _p in forward}
                for new in lineage(old, BEFORE).successors}
    assert len(forward) == 10565 and backward == forward
    assert sum(1 for _o, _n, partly in forward if partly) == 1042


def test_every_new_commune_but_five_has_predecessors():
    after = snapshot_on(AFTER)
    without = [c.code for p in after.provinces for c in geography_for(p, AFTER).communes
               if not lineage(c.code, AFTER).predecessors]
    assert len(without) == 5 and all(geography_for_code(code).kind.value == "dac_khu" for code in without)


def geography_for_code(code):
    found = snapshot_on(AFTER).commune(code)
    assert found is not None
    return found[0]


def test_an_unknown_code_says_when_it_had_a_meaning():
    with pytest.raises(UnknownUnitError, match="99999"):
        lineage("99999", AFTER)
    with pytest.raises(UnknownUnitError, match=r"Phường 1 \(Tỉnh Tây Ninh\).*--date 2025-06-30"):
        lineage("25456", AFTER)
    with pytest.raises(UnknownUnitError, match="5 chữ số"):
        lineage("1234567", AFTER)


def test_the_lineage_json_shape():
    document = lineage(26929, "2025-07-01").to_dict()
    assert list(document) == ["code", "name", "kind", "province", "valid_from", "valid_to", "predecessors",
                              "successors"]
    assert document["province"] == {"code": "79", "name": "Hồ Chí Minh"}
    assert document["valid_from"] == "2025-07-01" and document["valid_to"] is None
    assert document["predecessors"][0] == {"code": "26914", "name": "Phường 26", "partly": False}


# --- the commands -----------------------------------------------------------------------------------------------


def run(*args):
    return runner.invoke(app, list(args))


def test_lineage_command_json_is_exactly_the_documented_shape():
    out = run("lineage", "112", "--date", "30/06/2025", "--format", "json")
    assert out.exit_code == 0, out.output
    document = json.loads(out.stdout)
    assert set(document) == {"code", "name", "kind", "province", "valid_from", "valid_to", "predecessors",
                             "successors"}
    assert document["code"] == "00112" and document["kind"] == "phuong"
    assert document["province"] == {"code": "01", "name": "Hà Nội"}
    assert (document["valid_from"], document["valid_to"]) == (None, "2025-06-30")
    assert document["predecessors"] == []
    assert document["successors"] == [{"code": "00004", "name": "Phường Ba Đình", "partly": True},
                                      {"code": "00103", "name": "Phường Tây Hồ", "partly": False}]


def test_lineage_command_table_names_the_lists_it_used():
    out = run("lineage", "25459", "--date", "2025-07-01")
    assert out.exit_code == 0, out.output
    text = out.stdout
    assert "Phường Tân Ninh (25459)" in text and "Tỉnh Tây Ninh (80)" in text
    assert "danh mục đơn vị hành chính ngày 01/07/2025 (34 tỉnh, thành phố)" in text
    assert "bảng chuyển đổi đơn vị hành chính cấp xã ngày 01/07/2025 của Cục Thống kê" in text
    assert "Xã Thái Bình" in text and "Tỉnh Tây Ninh (72)" in text


def test_lineage_command_defaults_to_today():
    out = run("lineage", "26929", "--format", "json")
    assert out.exit_code == 0 and json.loads(out.stdout)["name"] == lineage("26929", dt.date.today()).name


@pytest.mark.parametrize(("args", "said"), [
    (["99999"], "99999"),
    (["25456", "--date", "2025-07-01"], "--date 2025-06-30"),
    (["12x"], "12x"),
    (["4", "--date", "2025-02-30"], "--date '2025-02-30' không phải ngày"),
])
def test_lineage_command_refuses_with_one_line_and_exit_2(args, said):
    out = run("lineage", *args)
    assert out.exit_code == 2 and said in out.output and "Traceback" not in out.output


def test_communes_command_json_on_the_new_map():
    out = run("communes", "--province", "tayninh", "--date", "2025-07-01", "--format", "json")
    assert out.exit_code == 0, out.output
    document = json.loads(out.stdout)
    assert list(document) == ["province", "date", "communes"]
    assert document["province"] == {"code": "80", "name": "Tây Ninh"} and document["date"] == "2025-07-01"
    assert len(document["communes"]) == 96
    assert all(set(c) == {"code", "name", "kind"} for c in document["communes"])
    assert document["communes"][0] == {"code": "25459", "name": "Phường Tân Ninh", "kind": "phuong"}


def test_communes_command_json_on_the_old_map_has_districts():
    out = run("communes", "-p", "Tây Ninh", "-d", "31/12/2024", "-f", "json")
    assert out.exit_code == 0, out.output
    document = json.loads(out.stdout)
    assert document["province"] == {"code": "72", "name": "Tây Ninh"} and document["date"] == "2024-12-31"
    assert len(document["communes"]) == 94
    assert document["communes"][0] == {"code": "25456", "name": "Phường 1", "kind": "phuong", "district_code": "703"}


@pytest.mark.parametrize("province", ["80", "Tây Ninh", "Tỉnh Tây Ninh", "tayninh"])
def test_communes_command_reads_the_province_on_the_date(province):
    out = run("communes", "-p", province, "-d", "2025-06-30", "-f", "json")
    assert out.exit_code == 0, out.output
    assert json.loads(out.stdout)["province"]["code"] == ("80" if province == "80" else "72")


def test_communes_command_table_and_defaults():
    out = run("communes", "-p", "hochiminh")
    assert out.exit_code == 0, out.output
    assert "Thành phố Hồ Chí Minh (79)" in out.stdout and "Đặc khu Côn Đảo" in out.stdout
    assert "34 tỉnh, thành phố" in out.stdout
    earlier = run("communes", "-p", "dongnai", "-d", "2019-12-31")
    assert earlier.exit_code == 0 and "159 đơn vị hành chính cấp xã" in earlier.stdout
    assert "danh mục sớm nhất chuyenhoa có" in earlier.stdout and "Thành phố Biên Hòa (731)" in earlier.stdout


def test_communes_command_refuses_a_province_gone_on_that_day():
    out = run("communes", "-p", "binhphuoc", "-d", "2025-07-01")
    assert out.exit_code == 2 and "Tỉnh Đồng Nai (75, dongnai)" in out.output


def test_communes_command_in_english():
    out = run("communes", "-p", "tayninh", "-d", "2025-07-01", "--lang", "en")
    assert out.exit_code == 0, out.output
    assert "list of administrative units of 01/07/2025 (34 provinces and cities)" in out.stdout
    assert "82 commune" in out.stdout


# --- cost ----------------------------------------------------------------------------------------------------


def test_importing_chuyenhoa_reads_no_geography():
    """The maps are read on first use: importing the library or the command line costs nothing for them."""
    code = ("import sys, chuyenhoa, chuyenhoa.cli.app; print('chuyenhoa.reading.geography' in sys.modules); "
            "from chuyenhoa.reading import geography; print(geography._catalogue.cache_info().currsize)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "0"]


def test_the_shipped_data_stay_small_and_compact():
    files = sorted(g.DATA.iterdir())
    assert [f.name for f in files] == ["2025-01-04.json.gz", "2025-07-01.json.gz", "index.json",
                                       "lineage-2025-07-01.json.gz"]
    assert sum(f.stat().st_size for f in files) < 250_000
    index = json.loads((g.DATA / "index.json").read_text(encoding="utf-8"))
    for entry in index["maps"]:
        data = json.loads(gzip.decompress((g.DATA / entry["file"]).read_bytes()))
        assert len(data["provinces"]) == entry["provinces"]
        assert sum(len(p["communes"]) for p in data["provinces"]) == entry["communes"]
        assert data["source"] == entry["source"] and data["generated_by"] == "tools/generate_geography.py"
    conversion = index["conversions"][0]
    assert conversion["source"]["table"] == "BangChuyendoiĐVHCmoi_cu_khong_merge.csv"
    assert conversion["pairs"] == 10565 and conversion["date"] == "2025-07-01"
