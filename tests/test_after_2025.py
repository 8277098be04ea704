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
    tayninh = Province(slug="tayninh", code="80", name="Tây Ninh")
    reason = merger.province_break(tayninh, 2025)
    judged = evaluate_target(target, dataset, 2025, {}, merger.province_figures(dataset, tayninh, 2025))
    assert judged.status is Status.NOT_ASSESSABLE and judged.detail == reason and judged.current == 90
    assert evaluate_target(target, dataset, 2025, {}).status is Status.MET  # each year's one row: a province unchanged


# --- "so với năm trước" for a merged province: its predecessors' rows, each naming its province -----------------

def crimes_target(indicator: str = "social_order_crimes"):
    from chuyenhoa.model import Source, Target

    return Target(id=indicator, indicator=indicator, comparator="<=", threshold=-5, source=Source("X/KH", "§1"),
                  basis="change_pct")


TAYNINH = Province(slug="tayninh", code="80", name="Tây Ninh")


class YearOnYear:
    """A plan of 2025 on with a target on last year (as a pack's own plan would have), for the pack provinces: the
    national plan has no province target, so without it no year-on-year target runs after the reform."""

    @hookimpl
    def chuyenhoa_default_plan(self, province, year):
        plan = national.chuyenhoa_default_plan(province=province, year=year)
        if plan is None or province not in ("tayninh", "dongnai", "tuyenquang"):
            return None
        return attrs.evolve(plan, targets=(attrs.evolve(crimes_target(),
                                                         label="Giảm số vụ phạm tội về trật tự xã hội"),))


def with_target(*packs):
    return PluginHost(autoload=False, plugins=[*(packs or PACKS), YearOnYear()])


def judged_on(tmp_path: Path, province_rows: str, indicator: str = "social_order_crimes", extra=()):
    """The target "−5 % on last year" of the new Tây Ninh in 2025 on ``province_rows`` (a CSV text)."""
    from chuyenhoa.method.targets import evaluate_target

    province = tmp_path / "province.csv"
    province.write_text(province_rows, encoding="utf-8")
    dataset = read_dataset(both_maps(tmp_path), province_data=province, extra_indicators=extra)
    merger.check_years(PluginHost(autoload=False, plugins=[chuyenhoa_tayninh]).province("tayninh"), dataset, 2025,
                       geography_for("tayninh", "2025-12-31"))
    figures = merger.province_figures(dataset, TAYNINH, 2025, indicators=extra)
    return evaluate_target(crimes_target(indicator), dataset, 2025, {}, figures), figures


def test_last_years_figure_of_a_merged_province_is_the_sum_of_its_predecessors_rows(tmp_path):
    """Tây Ninh (72) and Long An (80) reported 2024 each; together they are the new Tây Ninh (80) of 2025."""
    judged, figures = judged_on(tmp_path, "year,province_code,social_order_crimes\n"
                                          "2024,72,100\n2024,80,60\n2025,80,150\n")
    assert (judged.status, judged.previous, judged.current) == (Status.MET, 160, 150)
    assert judged.actual == pytest.approx(-6.25)
    assert judged.detail == ("160 (năm 2024) → 150 (năm 2025): -6,25% (năm 2024 là tổng của Tỉnh Tây Ninh (72) "
                             "và Tỉnh Long An (80))")
    note = figures.note(["Số vụ phạm tội về trật tự xã hội"])
    assert note is not None and "Tỉnh Tây Ninh (72) và Tỉnh Long An (80)" in note and "Tỉnh Tây Ninh từ 01/07/2025" \
        in note
    up, _figures = judged_on(tmp_path, "year,province_code,social_order_crimes\n2024,72,100\n2024,80,60\n"
                                       "2025,,155\n")  # this year's row may name no province
    assert (up.status, up.current) == (Status.NOT_MET, 155)


@pytest.mark.parametrize(("rows", "words"), [
    ("year,province_code,social_order_crimes\n2024,72,100\n2025,80,150\n",
     "thiếu dòng của Tỉnh Long An (80)"),
    ("year,province_code,social_order_crimes\n2025,80,150\n",
     "thiếu dòng của Tỉnh Tây Ninh (72) và Tỉnh Long An (80)"),
    ("year,province_code,social_order_crimes\n2024,72,100\n2024,80,\n2025,80,150\n",
     "ô “social_order_crimes” năm 2024 của Tỉnh Long An (80) để trống"),
    ("year,province_code,clearance_rate\n2024,72,80\n2024,80,90\n2025,80,85\n",
     "tỷ lệ năm 2024 của Tỉnh Tây Ninh (72) và Tỉnh Long An (80) không cộng được"),
])
def test_a_merged_provinces_change_without_every_predecessors_figure_is_not_assessable(tmp_path, rows, words):
    indicator = "clearance_rate" if "clearance_rate" in rows else "social_order_crimes"
    judged, _figures = judged_on(tmp_path, rows, indicator)
    assert judged.status is Status.NOT_ASSESSABLE and words in judged.detail, judged.detail


def test_a_rate_of_merged_provinces_is_worked_out_again_from_its_counts(tmp_path):
    """A rate declares its two counts: 100 × (45 + 40) ÷ (50 + 50) = 85 % for the two provinces together, not the
    mean of 90 % and 80 %."""
    from chuyenhoa.model import Indicator

    extra = (Indicator(id="cleared", kind="count", label="Số vụ khám phá", tables=["province"]),
             Indicator(id="cases", kind="count", label="Số vụ xảy ra", tables=["province"]),
             Indicator(id="cleared_rate", kind="rate", label="Tỷ lệ khám phá", tables=["province"],
                       numerator="cleared", denominator="cases"))
    judged, _figures = judged_on(tmp_path, "year,province_code,cleared_rate,cleared,cases\n2024,72,90,45,50\n"
                                           "2024,80,80,40,50\n2025,80,80.75,,\n", "cleared_rate", extra)
    assert judged.previous == pytest.approx(85.0) and judged.actual == pytest.approx(-5.0)
    assert judged.status is Status.MET and "tỷ lệ chung của Tỉnh Tây Ninh (72) và Tỉnh Long An (80)" in judged.detail
    missing, _figures = judged_on(tmp_path, "year,province_code,cleared_rate,cleared,cases\n2024,72,90,45,50\n"
                                            "2024,80,80,40,\n2025,80,80.75,,\n", "cleared_rate", extra)
    assert missing.status is Status.NOT_ASSESSABLE and "“cases” năm 2024 của Tỉnh Long An (80)" in missing.detail


@pytest.mark.parametrize(("rows", "words"), [
    ("year,province_code,social_order_crimes\n2024,72,100\n2024,82,60\n2025,80,150\n",
     ["dòng 3, cột 'province_code'", "mã tỉnh 82 (Tỉnh Tiền Giang) không phải mã của một tỉnh hợp thành Tỉnh Tây "
      "Ninh: Tỉnh Tây Ninh (72) và Tỉnh Long An (80)"]),
    ("year,province_code,social_order_crimes\n2024,72,100\n2024,80,60\n2025,72,150\n",
     ["dòng 4, cột 'province_code'", "năm 2025, mã tỉnh 72 không phải mã của Tỉnh Tây Ninh"]),
    ("year,province_code,social_order_crimes\n2024,72,100\n2024,,60\n2025,80,150\n",
     ["dòng 3, cột 'province_code'", "các dòng của một năm hoặc đều ghi mã tỉnh, hoặc đều để trống"]),
    ("year,province_code,social_order_crimes\n2024,72,100\n2024,072,60\n2025,80,150\n",
     ["dòng 3, cột 'province_code'", "tỉnh mã 72 năm 2024 đã có ở dòng 2; mỗi tỉnh một dòng mỗi năm"]),
])
def test_a_province_code_not_of_its_rows_map_is_refused_naming_the_cell(tmp_path, rows, words):
    with pytest.raises(DataError) as caught:
        judged_on(tmp_path, rows)
    for word in words:
        assert word in str(caught.value), str(caught.value)


@pytest.mark.parametrize(("pack", "slug", "summed"), [
    (chuyenhoa_tayninh, "tayninh", "Tỉnh Tây Ninh (72) và Tỉnh Long An (80)"),
    (chuyenhoa_dongnai, "dongnai", "Tỉnh Bình Phước (70) và Tỉnh Đồng Nai (75)"),
    (chuyenhoa_tuyenquang, "tuyenquang", "Tỉnh Hà Giang (02) và Tỉnh Tuyên Quang (08)"),
])
def test_the_shipped_2025_sample_assesses_a_year_on_year_target_on_the_old_provinces_sum(pack, slug, summed):
    """The sample's province table has a 2024 row for each old province: 1000 crimes in 2025 against 527 + 594."""
    host = with_target(pack)
    result = evaluate(slug, 2025, host=host, as_of=AS_OF)
    (target,) = result.targets
    assert (target.status, target.previous, target.current) == (Status.MET, 1121, 1000)
    assert target.detail == f"1121 (năm 2024) → 1000 (năm 2025): -10,79% (năm 2024 là tổng của {summed})"
    assert any(summed in n and n.startswith("So với năm trước") for n in result.notes)
    later = evaluate(slug, 2026, host=host, as_of=AS_OF).targets[0]  # one map: its own row of 2025
    assert (later.status, later.previous, later.current) == (Status.MET, 1000, 940) and "tổng" not in later.detail


def test_the_template_of_2025_offers_a_row_of_2024_for_each_old_province(tmp_path):
    """Filled and read back, the rows add up: the template is what the evaluation reads."""
    import openpyxl

    plugins.reset_host(with_target())
    try:
        path = tmp_path / "mau.xlsx"
        out = run("template", "--province", "tayninh", "--year", "2025", "-o", str(path))
        assert out.exit_code == 0, out.output
        book = openpyxl.load_workbook(path)
        sheet = book["province"]
        rows = [r for r in sheet.iter_rows(values_only=True) if r and isinstance(r[0], int)]
        assert [r[:3] for r in rows] == [(2025, "80", "Tây Ninh"), (2024, "72", "Tây Ninh"), (2024, "80", "Long An")]
        for row in sheet.iter_rows(min_row=1):
            if isinstance(row[0].value, int):
                row[3].value = {2025: 150, 2024: 100 if row[1].value == "72" else 60}[row[0].value]
        assert "mỗi tỉnh cũ hợp thành Tây Ninh có một dòng riêng" in " ".join(
            str(c.value) for r in book["Hướng dẫn"].iter_rows() for c in r if c.value)
        book.save(path)
        result = evaluate("tayninh", 2025, data=path, host=with_target(), as_of=AS_OF)
        (target,) = result.targets
        assert (target.status, target.previous, target.current) == (Status.MET, 160, 150)
    finally:
        plugins.reset_host(None)


def test_the_province_part_of_a_split_template_merges_a_row_for_each_old_province(tmp_path):
    """Split by commune, the province-level part keeps the three rows; merged, each keeps its own figure."""
    import openpyxl

    plugins.reset_host(with_target())
    try:
        parts = tmp_path / "parts"
        assert run("template", "-p", "tayninh", "-y", "2025", "--by", "commune", "-o", str(parts)).exit_code == 0
        (province_part,) = parts.glob("*toan-tinh*.xlsx")
        book = openpyxl.load_workbook(province_part)
        for row in book["province"].iter_rows():
            if isinstance(row[0].value, int):
                row[3].value = {("2025", "80"): 150, ("2024", "72"): 100, ("2024", "80"): 60}[
                    (str(row[0].value), row[1].value)]
        book.save(province_part)
        merged = tmp_path / "gop.xlsx"
        out = run("merge", str(parts), "--output", str(merged))
        assert out.exit_code == 0, out.output
        (target,) = evaluate("tayninh", 2025, data=merged, host=with_target(), as_of=AS_OF).targets
        assert (target.status, target.previous, target.current) == (Status.MET, 160, 150)
    finally:
        plugins.reset_host(None)


def test_the_cli_sums_a_merged_provinces_last_year_and_says_so(tmp_path, with_packs):
    """Every output names the provinces summed: the target's detail, and a note (printed by every format)."""
    province = tmp_path / "province.csv"
    province.write_text("year,province_code,social_order_crimes\n2024,72,100\n2024,80,60\n2025,80,150\n",
                        encoding="utf-8")
    data = both_maps(tmp_path)
    result = evaluate("tayninh", 2025, data=data, province_data=province, host=with_target(), as_of=AS_OF)
    (target,) = result.targets
    assert target.status is Status.MET and "là tổng của Tỉnh Tây Ninh (72) và Tỉnh Long An (80)" in target.detail
    assert any("So với năm trước (Giảm số vụ phạm tội về trật tự xã hội)" in n for n in result.notes)


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


def test_a_province_code_is_read_on_the_map_of_the_year(host):
    """Code 80 was Long An until 30/06/2025 and is Tây Ninh since: with a year, the code is read on that year's
    map, so ``--province 80 --year 2024`` never evaluates Tây Ninh's 2024 plan in place of Long An."""
    assert host.province("80", year=2024).slug == "longan"
    assert host.province("80", year=2025).slug == host.province("80").slug == "tayninh"
    assert host.province("72", year=2024).slug == "tayninh"  # old Tây Ninh's code: its pack, its 2024 plan
    assert host.province("70", year=2024).slug == "binhphuoc"
    with pytest.raises(ChuyenhoaError, match="'longan' không có kế hoạch cho năm nào.*một phần của Tỉnh Tây Ninh"):
        host.province("80", year=2024).plan_for(2024)


def test_a_bad_cell_and_a_province_code_not_on_its_map_are_said_in_one_run(tmp_path, with_packs):
    """A file refused for a cell of its communes table still has its province codes checked in the same run,
    listed after the communes' rows (issue 13: every error of a file in one run)."""
    communes = both_maps(tmp_path, offences_2025="năm")
    province = tmp_path / "province.csv"
    province.write_text("year,province_code,social_order_crimes\n2024,72,100\n2024,82,60\n2025,80,150\n",
                        encoding="utf-8")
    out = run("evaluate", "-p", "tayninh", "-y", "2025", "--data", str(communes), "--province-data", str(province))
    assert out.exit_code == 2 and "Traceback" not in out.output, out.output
    cell, code = out.stderr.find("'criminal_offences'"), out.stderr.find("'province_code'")
    assert 0 <= cell < code, out.stderr  # the communes' row first, then the province table's
    assert "mã tỉnh 82 (Tỉnh Tiền Giang) không phải mã của một tỉnh hợp thành Tỉnh Tây Ninh" in out.stderr
