"""The present year for every province, and history across the merger of 01/07/2025 (issue 16).

- Every province of the map runs from 2025, with or without a pack: the national plan
  (``chuyenhoa_default_plan``: Kế hoạch 113/KH-BCA-V01, the national method) when no plan
  of its own covers the year, and every output says so.
- The packs follow the reform: Đồng Nai, Tây Ninh and Tuyên Quang on the new map with a
  synthetic sample of 2024–2026; Bình Phước, Long An, Hà Giang are dated aliases that say
  where they went.
- A data file holds years on both maps: each row is read with the map of its year, a
  commune transformed under its old code is followed under its successors, and last year's
  figure of a merged commune is the sum of its predecessors' when that can be known.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import attrs
import chuyenhoa_binhphuoc
import chuyenhoa_dongnai
import chuyenhoa_tayninh
import chuyenhoa_tuyenquang
import pytest
from typer.testing import CliRunner

from chuyenhoa import hookimpl
from chuyenhoa.builtin import national
from chuyenhoa.cli.app import app
from chuyenhoa.errors import ChuyenhoaError, DataError
from chuyenhoa.method import merger
from chuyenhoa.method.engine import evaluate
from chuyenhoa.model import Province, Status
from chuyenhoa.packs.synthetic import COMMUNE_COLUMNS, generate_communes, write_csv
from chuyenhoa.plugins import host as plugins
from chuyenhoa.plugins.host import PluginHost
from chuyenhoa.reading.dataset import check_geography, read_dataset
from chuyenhoa.reading.geography import geography_for

PACKS = [chuyenhoa_tayninh, chuyenhoa_binhphuoc, chuyenhoa_dongnai, chuyenhoa_tuyenquang]
NEXT_YEAR = dt.date.today().year + 1
AS_OF = dt.date(2026, 12, 31)
runner = CliRunner()


@pytest.fixture
def host():
    return PluginHost(autoload=False, plugins=PACKS)


@pytest.fixture
def no_packs():
    """The command line with no pack installed: every province is a province of the national map."""
    plugins.reset_host(PluginHost(autoload=False))
    yield
    plugins.reset_host(None)


@pytest.fixture
def with_packs():
    plugins.reset_host(PluginHost(autoload=False, plugins=PACKS))
    yield
    plugins.reset_host(None)


def run(*args: str):
    return runner.invoke(app, list(args))


def one_line_error(out, *words: str) -> None:
    assert out.exit_code == 2, out.output
    assert out.stderr.startswith("Lỗi: ") and out.stderr.count("\n") == 1, out.stderr
    assert "Traceback" not in out.output
    for word in words:
        assert word in out.stderr, out.stderr


# --- the four provinces on both maps ---------------------------------------------------------------------------


@pytest.mark.parametrize(("slug", "before", "after"), [
    ("tayninh", ("72", 9, 94), ("80", 96)), ("dongnai", ("75", 11, 159), ("75", 95)),
    ("tuyenquang", ("08", 7, 137), ("08", 124)),
])
def test_the_pack_provinces_on_both_maps(host, slug, before, after):
    """The pack's own file for the years before the reform, the national list of 01/07/2025 after it."""
    spec = host.province(slug)
    old, warning = spec.geography_for(2024)
    assert (old.province.code, len(old.districts), len(old.communes)) == before and warning is None
    assert old.as_of == dt.date(2025, 1, 4)
    for year in (2025, 2026):
        new, warning = spec.geography_for(year)
        assert (new.province.code, len(new.communes)) == after and not new.has_districts and warning is None
        assert new.province.slug == slug


def test_binhphuoc_has_no_map_after_the_reform(host):
    spec = host.province("binhphuoc")
    assert len(spec.geography_for(2024)[0].communes) == 111
    with pytest.raises(ChuyenhoaError, match="hãy dùng 'dongnai'"):
        spec.geography_for(2026)


# --- the national plan --------------------------------------------------------------------------------------


def test_the_national_default_plan_from_the_method_file():
    head = national.method().default_plan
    assert head is not None and (head.first_year, head.id, head.issuer) == (2025, "113/KH-BCA-V01", "Bộ Công an")
    assert national.chuyenhoa_default_plan(province="hanoi", year=2024) is None
    assert national.chuyenhoa_default_plan(province="hanoi", year=NEXT_YEAR + 1) is None
    plan = national.chuyenhoa_default_plan(province="hanoi", year=2026)
    assert plan.provincial is False and plan.id == "113/KH-BCA-V01" and plan.province == "hanoi"
    assert plan.years == tuple(range(2025, NEXT_YEAR + 1))
    assert plan.targets == () and plan.milestones == ()
    assert "Không có kế hoạch của tỉnh cho năm 2026" in plan.notes[0] and "113/KH-BCA-V01" in plan.notes[0]
    assert "giai đoạn 2021–2025" in plan.notes[1]


def test_a_pack_may_give_its_own_default_plan():
    """``chuyenhoa_default_plan`` is a hook like the others: a pack answers for its province only."""

    class Pack:
        @hookimpl
        def chuyenhoa_register_provinces(self, register):
            from chuyenhoa import ProvinceSpec

            register(ProvinceSpec(slug="hanoi", name="Hà Nội", code="01", plans=(), geographies=()))

        @hookimpl
        def chuyenhoa_default_plan(self, province, year):
            plan = national.chuyenhoa_default_plan(province=province, year=year)
            return None if plan is None else attrs.evolve(plan, notes=(*plan.notes, "Kế hoạch riêng đang soạn."))

    host = PluginHost(autoload=False, plugins=[Pack()])
    assert host.province("hanoi").plan_for(2026).notes[-1] == "Kế hoạch riêng đang soạn."
    assert "Kế hoạch riêng đang soạn." not in host.province("haiphong").plan_for(2026).notes  # scoped


def test_every_province_of_the_map_runs_on_the_national_plan_where_it_has_none(host):
    assert len(host.national_provinces()) == 31  # 34, three of them with a pack
    for slug in ("hanoi", "hochiminh", "dongnai"):
        plan = host.province(slug).plan_for(2026)
        assert plan.id == "113/KH-BCA-V01" and not plan.provincial
    assert host.province("tayninh").plan_for(2024).id == "860/KH-UBND"  # its own plans stay, for their years
    assert host.province("dongnai").plan_for(2018).id == "7488/KH-UBND"
    assert host.province("dongnai").years == [2017, 2018, 2019, 2020, *range(2025, NEXT_YEAR + 1)]
    with pytest.raises(ChuyenhoaError, match=r"không có kế hoạch cho năm 2024 \(có các năm: 2025"):
        host.province("hanoi").plan_for(2024)


@pytest.mark.parametrize("typed", ["hanoi", "01", "1", "Hà Nội", "Thành phố Hà Nội", "HÀ NỘI", "ha noi"])
def test_province_as_a_slug_a_code_or_a_name(host, typed):
    assert host.province(typed).slug == "hanoi"


@pytest.mark.parametrize(("typed", "slug"), [("80", "tayninh"), ("Tây Ninh", "tayninh"), ("70", "binhphuoc"),
                                             ("Hoà Bình", "hoabinh"), ("Hòa Bình", "hoabinh")])
def test_a_code_or_name_of_either_map_reaches_its_province(host, typed, slug):
    assert host.province(typed).slug == slug


# --- the old names: dated aliases ----------------------------------------------------------------------------


@pytest.mark.parametrize(("slug", "into", "old"), [("binhphuoc", "dongnai", "Tỉnh Bình Phước (70)"),
                                                   ("longan", "tayninh", "Tỉnh Long An (80)"),
                                                   ("hagiang", "tuyenquang", "Tỉnh Hà Giang (02)"),
                                                   ("Hoà Bình", "phutho", "Tỉnh Hoà Bình (17)")])
def test_an_old_province_after_the_reform_says_where_it_went(with_packs, slug, into, old):
    out = run("evaluate", "--province", slug, "--year", "2026")
    one_line_error(out, "năm 2026:", old, "đã là một phần của", "từ 01/07/2025",
                   "Nghị quyết 202/2025/QH15 ngày 12/06/2025 của Quốc hội", f"hãy dùng '{into}'")
    one_line_error(run("plan", "--province", slug, "--year", "2026"), f"hãy dùng '{into}'")
    one_line_error(run("template", "--province", slug, "--year", "2026", "-o", "/tmp/none.xlsx"),
                   f"hãy dùng '{into}'")


def test_binhphuoc_2024_still_runs_its_own_plan(with_packs):
    out = run("evaluate", "--province", "binhphuoc", "--year", "2024", "--format", "json", "--as-of", "2024-12-31")
    assert out.exit_code == 0, out.output
    doc = json.loads(out.stdout)
    assert doc["plan"]["id"] == "KH-UBND-BP-2024" and doc["plan"]["provincial"] is True
    assert doc["province"]["code"] == "70"


# --- the packs' samples of 2024–2026 --------------------------------------------------------------------------


@pytest.mark.parametrize(("pack", "slug", "hotspots"), [(chuyenhoa_dongnai, "dongnai", 14),
                                                        (chuyenhoa_tayninh, "tayninh", 14),
                                                        (chuyenhoa_tuyenquang, "tuyenquang", 18)])
def test_the_2026_sample_runs_out_of_the_box(pack, slug, hotspots):
    spec = PluginHost(autoload=False, plugins=[pack]).province(slug)
    assert [s.from_year for s in spec.later_samples] == [2025]
    for year in (2025, 2026):
        result = evaluate(slug, year, host=PluginHost(autoload=False, plugins=[pack]), as_of=AS_OF)
        doc = result.to_dict()
        assert doc["plan"]["provincial"] is False and doc["plan"]["id"] == "113/KH-BCA-V01"
        assert doc["data"]["synthetic"] is True and "GIẢ LẬP" in doc["data"]["description"]
        assert "2024–2026" in doc["data"]["description"]
        assert len(result.hotspots) == hotspots and result.selection.within_caps
        assert [c.scope.value for c in result.selection.caps] == ["province"]
        assert any("Không có kế hoạch của tỉnh cho năm" in n for n in result.notes)
        goals = {p.indicator: p for p in result.programme}
        assert goals["transformed_share"].status is Status.MET
        assert goals["no_relapse_share"].status is not Status.NOT_ASSESSABLE  # relapse assessed across the reform


def test_the_cli_says_no_provincial_plan_is_loaded(with_packs):
    out = run("evaluate", "--province", "dongnai", "--year", "2026", "--as-of", "2026-12-31")
    assert out.exit_code == 0, out.output
    assert "KHÔNG CÓ KẾ HOẠCH CỦA TỈNH cho năm 2026" in out.stdout and "113/KH-BCA-V01" in out.stdout
    assert "GIẢ LẬP" in out.stdout
    doc = json.loads(run("evaluate", "-p", "tayninh", "-y", "2026", "-f", "json").stdout)
    assert doc["plan"]["provincial"] is False and doc["province"] == {"slug": "tayninh", "code": "80",
                                                                      "name": "Tây Ninh"}
    plan = json.loads(run("plan", "-p", "tuyenquang", "-y", "2026", "-f", "json").stdout)
    assert plan["plan"]["provincial"] is False and plan["selection"]["province_cap"] == 18
    assert plan["selection"]["geography"]["communes"] == 124 and plan["targets"] == []


def test_the_2025_sample_follows_the_2024_hotspots_and_sums_the_old_communes():
    result = evaluate("tayninh", 2025, host=PluginHost(autoload=False, plugins=[chuyenhoa_tayninh]), as_of=AS_OF)
    followed = [n for n in result.notes if "được theo dõi tiếp dưới mã của xã mới" in n]
    assert followed and "bảng chuyển đổi đơn vị hành chính cấp xã ngày 01/07/2025" in followed[0]
    assert any(n.startswith("Xã cũ bị chia tách") for n in result.notes)
    assert result.selection.excluded_transformed and all(y == 2024 for y in
                                                          result.selection.excluded_transformed.values())
    gates = {h.commune_code: next(g for g in h.gates if g.id == "crime_decreased") for h in result.hotspots}
    summed = [g for g in gates.values() if "là tổng của các xã cũ" in g.detail]
    assert len(summed) == 13 and all(g.passed is not None for g in summed)
    (partly,) = [g for g in gates.values() if g.passed is None]
    assert "chỉ nhập một phần" in partly.detail


# --- a data file on both maps ----------------------------------------------------------------------------------

INDICATORS = {"organized_crime": "không", "clearance_rate": "90", "serious_clearance_rate": "100",
              "wanted_arrest_rate": "50", "reports_handled_rate": "100", "recidivism_rate": "5",
              "political_system_consolidated": "có", "mass_models": "2", "households_informed_rate": "100"}
HEADER = ["commune_code", "year", "hotspot", "transformed", "relapsed", "criminal_offences", "new_complexity",
          *INDICATORS]


def write_rows(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, HEADER, restval="")
        writer.writeheader()
        writer.writerows(rows)
    return path


def both_maps(tmp_path: Path, *, relapsed: str = "có", offences_2025: str = "5", extra: tuple = ()) -> Path:
    """New Tây Ninh: 2024 on the old codes (Tây Ninh and Long An), 2025 on the new ones.

    2024: Phường 1 (25456) transformed; the three old communes of the new Phường Khánh Hậu
    (27715, passed whole) have 3 + 2 + 4 offences.  2025: Phường Tân Ninh (25459, Phường 1's
    successor) relapsed; Khánh Hậu (27715) and Bình Minh (25480, part of Xã Suối Đá) are hotspots.
    """
    rows = [
        {"commune_code": "25456", "year": "2024", "hotspot": "có", "transformed": "có", "criminal_offences": "4"},
        {"commune_code": "25459", "year": "2024", "hotspot": "không", "criminal_offences": "1"},
        {"commune_code": "27692", "year": "2024", "hotspot": "không", "criminal_offences": "3"},
        {"commune_code": "27709", "year": "2024", "hotspot": "không", "criminal_offences": "2"},
        {"commune_code": "27715", "year": "2024", "hotspot": "không", "criminal_offences": "4"},
        {"commune_code": "25459", "year": "2025", "hotspot": "không", "relapsed": relapsed, "criminal_offences": "2"},
        {"commune_code": "27715", "year": "2025", "hotspot": "có", "criminal_offences": offences_2025,
         "new_complexity": "không", **INDICATORS},
        {"commune_code": "25480", "year": "2025", "hotspot": "có", "criminal_offences": "1",
         "new_complexity": "không", **INDICATORS},
        *extra,
    ]
    return write_rows(tmp_path / "hai-danh-muc.csv", rows)


def test_relapse_is_assessed_across_the_merger(tmp_path):
    data = both_maps(tmp_path)
    result = evaluate("tayninh", 2025, data=data, host=PluginHost(autoload=False, plugins=[chuyenhoa_tayninh]),
                      as_of=AS_OF)
    assert dict(result.selection.excluded_transformed) == {"25459": 2024}  # followed under its successor
    relapse = next(p for p in result.programme if p.indicator == "no_relapse_share")
    assert (relapse.status, relapse.actual) == (Status.NOT_MET, 0.0) and relapse.detail.startswith("0/1")
    assert any("1 xã cũ → 1 xã mới" in n for n in result.notes)
    kept = evaluate("tayninh", 2025, data=both_maps(tmp_path, relapsed="không"),
                    host=PluginHost(autoload=False, plugins=[chuyenhoa_tayninh]), as_of=AS_OF)
    assert next(p for p in kept.programme if p.indicator == "no_relapse_share").status is Status.MET


def test_last_years_figure_of_a_merged_commune_is_its_predecessors_sum(tmp_path):
    host = PluginHost(autoload=False, plugins=[chuyenhoa_tayninh])
    result = evaluate("tayninh", 2025, data=both_maps(tmp_path), host=host, as_of=AS_OF)
    hotspots = {h.commune_code: h for h in result.hotspots}
    gate = next(g for g in hotspots["27715"].gates if g.id == "crime_decreased")
    assert gate.passed is True and gate.detail.startswith("9 vụ năm 2024 → 5 vụ năm 2025")
    assert "tổng của các xã cũ 27692 Phường Tân Khánh, 27709 Xã Lợi Bình Nhơn, 27715 Phường Khánh Hậu" \
        in gate.detail
    assert hotspots["27715"].transformed is True
    partly = next(g for g in hotspots["25480"].gates if g.id == "crime_decreased")
    assert partly.passed is None and hotspots["25480"].transformed is None
    assert "25555 Xã Suối Đá" in partly.detail and "chỉ nhập một phần" in partly.detail
    # not below the sum: not transformed
    again = evaluate("tayninh", 2025, data=both_maps(tmp_path, offences_2025="9"), host=host, as_of=AS_OF)
    assert next(h for h in again.hotspots if h.commune_code == "27715").transformed is False


def test_a_missing_predecessor_leaves_the_gate_not_assessable(tmp_path):
    rows = [
        {"commune_code": "27692", "year": "2024", "criminal_offences": "3"},
        {"commune_code": "27715", "year": "2024", "criminal_offences": "4"},
        {"commune_code": "27715", "year": "2025", "hotspot": "có", "criminal_offences": "1",
         "new_complexity": "không", **INDICATORS},
    ]
    result = evaluate("tayninh", 2025, data=write_rows(tmp_path / "thieu.csv", rows),
                      host=PluginHost(autoload=False, plugins=[chuyenhoa_tayninh]), as_of=AS_OF)
    gate = next(g for g in result.hotspots[0].gates if g.id == "crime_decreased")
    assert gate.passed is None and gate.detail == "thiếu số liệu năm 2024 của xã cũ 27709 Xã Lợi Bình Nhơn"


def test_an_old_code_in_a_new_year_is_refused_with_its_successor(tmp_path, with_packs):
    old = {"commune_code": "25456", "year": "2026", "hotspot": "không", "criminal_offences": "1"}
    data = both_maps(tmp_path, extra=(old,))
    with pytest.raises(DataError) as caught:
        evaluate("tayninh", 2026, data=data, host=PluginHost(autoload=False, plugins=[chuyenhoa_tayninh]))
    message = str(caught.value)
    assert "dòng 10" in message and "mã 25456 không phải đơn vị cấp xã của Tây Ninh (danh mục ngày 20/09/2026)" \
        in message
    assert "đến 30/06/2025, mã 25456 là Phường 1 (Tỉnh Tây Ninh); từ 01/07/2025 thuộc Phường Tân Ninh (25459)" \
        in message
    one_line_error(run("evaluate", "-p", "tayninh", "-y", "2026", "--data", str(data)),
                   "thuộc Phường Tân Ninh (25459)")


def test_a_split_commune_names_every_successor(tmp_path):
    row = {"commune_code": "00112", "year": "2026", "criminal_offences": "1"}
    dataset = read_dataset(write_rows(tmp_path / "thuy-khue.csv", [row]))
    with pytest.raises(DataError, match=r"Phường Ba Đình \(00004, một phần\), Phường Tây Hồ \(00103\)"):
        check_geography(dataset, geography_for("hanoi", "2026-12-31"))


def test_the_rows_of_each_year_are_checked_on_their_own_map(tmp_path):
    """A Long An commune is fine in a 2024 row of the new Tây Ninh, not in a 2024 row of the old one."""
    row = {"commune_code": "27715", "year": "2024", "criminal_offences": "1"}
    data = both_maps(tmp_path)
    dataset = read_dataset(data)
    assert check_geography(dataset, geography_for("tayninh", "2026-12-31"), years=[2025]) == []
    with pytest.raises(DataError, match="27715 không phải đơn vị cấp xã của Tây Ninh"):
        check_geography(read_dataset(write_rows(tmp_path / "cu.csv", [row])), geography_for("tayninh", "2024-12-31"))


def test_a_province_formed_from_several_cannot_compare_with_last_year():
    tayninh = Province(slug="tayninh", code="80", name="Tây Ninh")
    said = merger.province_break(tayninh, 2025)
    assert said is not None and "Tỉnh Long An (80)" in said and "không so sánh được" in said
    assert merger.province_break(tayninh, 2026) is None  # both years on the new map
    assert merger.province_break(Province(slug="hanoi", code="01", name="Hà Nội"), 2025) is None  # whole


def test_a_year_on_year_target_of_a_merged_province_is_not_assessable(tmp_path):
    from chuyenhoa.method.targets import evaluate_target
    from chuyenhoa.model import Source, Target

    target = Target(id="social_order_crimes", indicator="social_order_crimes", comparator="<=", threshold=-5,
                    source=Source("X/KH", "§1"), basis="change_pct")
    province = tmp_path / "province.csv"
    province.write_text("year,social_order_crimes\n2024,100\n2025,90\n", encoding="utf-8")
    dataset = read_dataset(both_maps(tmp_path), province_data=province)
    reason = merger.province_break(Province(slug="tayninh", code="80", name="Tây Ninh"), 2025)
    judged = evaluate_target(target, dataset, 2025, {}, reason)
    assert judged.status is Status.NOT_ASSESSABLE and judged.detail == reason and judged.current == 90
    assert evaluate_target(target, dataset, 2025, {}, None).status is Status.MET  # a province unchanged


# --- a province without a pack ---------------------------------------------------------------------------------


def hanoi_data(tmp_path: Path) -> Path:
    """Two synthetic years of Hà Nội on the new map, as the generator writes them for any geography."""
    rows = generate_communes(geography_for("hanoi", "2026-12-31"), (2025, 2026), seed=1)
    path = tmp_path / "hanoi.csv"
    write_csv(rows, path, COMMUNE_COLUMNS)
    return path


def test_hanoi_2026_runs_with_a_data_file(tmp_path, no_packs):
    data = hanoi_data(tmp_path)
    out = run("evaluate", "--province", "hanoi", "--year", "2026", "--data", str(data), "--format", "json")
    assert out.exit_code == 0, out.output
    doc = json.loads(out.stdout)
    assert doc["province"] == {"slug": "hanoi", "code": "01", "name": "Hà Nội"}
    assert doc["plan"]["provincial"] is False and doc["plan"]["id"] == "113/KH-BCA-V01"
    assert doc["selection"]["caps"][0]["cap"] == 18 and doc["selection"]["caps"][0]["scope"] == "province"
    assert any("Không có kế hoạch của tỉnh cho năm 2026" in n for n in doc["notes"])
    assert {p["indicator"] for p in doc["programme"]} == {"transformed_share", "no_relapse_share"}
    table = run("evaluate", "--province", "Hà Nội", "--year", "2026", "--data", str(data))
    assert table.exit_code == 0 and "KHÔNG CÓ KẾ HOẠCH CỦA TỈNH cho năm 2026" in table.stdout
    one_line_error(run("evaluate", "--province", "hanoi", "--year", "2026"), "không có dữ liệu mẫu",
                   "hãy chỉ định --data")


def test_hanoi_plan_and_template_without_a_pack(tmp_path, no_packs):
    plan = run("plan", "--province", "01", "--year", "2026")
    assert plan.exit_code == 0 and "KHÔNG CÓ KẾ HOẠCH CỦA TỈNH" in plan.stdout and "113/KH-BCA-V01" in plan.stdout
    workbook = tmp_path / "mau-2026.xlsx"
    out = run("template", "--province", "hanoi", "--year", "2026", "--output", str(workbook))
    assert out.exit_code == 0, out.output
    assert "126 xã" in out.stderr and "113/KH-BCA-V01" in out.stderr
    # the template, filled as it stands (every figure empty), reads back: no hotspot approved, nothing judged
    result = evaluate("hanoi", 2026, data=workbook, host=PluginHost(autoload=False), as_of=AS_OF)
    assert result.plan.provincial is False and result.province.code == "01"


def test_the_provinces_command_lists_the_34_and_marks_the_packs(with_packs):
    listed = {p["slug"]: p for p in json.loads(run("provinces", "--format", "json").stdout)}
    assert len(listed) == 35  # the 34 of the map, and Bình Phước's pack
    assert {s for s, p in listed.items() if p["pack"]} == {"tayninh", "binhphuoc", "dongnai", "tuyenquang"}
    assert "hãy dùng 'dongnai'" in listed["binhphuoc"]["merged"] and listed["dongnai"]["merged"] is None
    table = run("provinces").stdout
    assert "Chưa có gói tỉnh (31 tỉnh, kế hoạch 113/KH-BCA-V01" in table and "hanoi" in table


# --- templates across the reform -------------------------------------------------------------------------------


def test_a_template_across_the_reform_is_not_prefilled(tmp_path, with_packs):
    out = run("template", "-p", "tayninh", "-y", "2025", "--from", "sample", "-o", str(tmp_path / "a.xlsx"))
    assert out.exit_code == 0, out.output
    assert "không điền sẵn số liệu năm 2024" in out.stderr and "GIẢ LẬP" not in out.stderr.split("\n")[-2]
    out = run("template", "-p", "tayninh", "-y", "2026", "--from", "sample", "-o", str(tmp_path / "b.xlsx"))
    assert out.exit_code == 0, out.output
    assert "96 xã" in out.stderr and "GIẢ LẬP" in out.stderr
