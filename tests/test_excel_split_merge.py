"""Collection by district and back: ``template --by district|commune`` and ``merge``.

Commune police fill their rows, the district or the provincial police collect:
the template is split into one workbook per unit (and one for the province-level
sheets), each unit fills its file, and ``merge`` gathers them back into one
template-shaped workbook that evaluates exactly as one filled by hand.
"""

import datetime as dt
import json
import re
import shutil
import zipfile

import attrs
import chuyenhoa_tayninh
import pytest
from typer.testing import CliRunner

from chuyenhoa.cli.app import app
from chuyenhoa.errors import ChuyenhoaError
from chuyenhoa.method.engine import evaluate
from chuyenhoa.method.plan import method_of
from chuyenhoa.model import Geography, ValueKind
from chuyenhoa.output.template.layout import template_layout
from chuyenhoa.output.template.merge import merge_parts, template_of
from chuyenhoa.output.template.split import ascii_name, part_file_name, split_layout
from chuyenhoa.output.template.workbook import GUIDE_SHEET, build_layout, write_layout
from chuyenhoa.packs.synthetic import generate_communes, generate_province
from chuyenhoa.plugins import host as plugins
from chuyenhoa.plugins.spec import ProvinceSpec
from chuyenhoa.reading.properties import TemplateInfo, read_template_info
from chuyenhoa.reading.tables import header_id

openpyxl = pytest.importorskip("openpyxl")

runner = CliRunner()
YEAR = 2024
AS_OF = dt.date(2025, 1, 15)
TAYNINH_DISTRICTS = 9


@pytest.fixture(autouse=True)
def tayninh_only():
    plugins.reset_host(plugins.PluginHost(autoload=False, plugins=[chuyenhoa_tayninh]))


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def tayninh_layout(**options):
    host = plugins.get_host()
    spec = host.province("tayninh")
    plan = spec.plan_for(YEAR)
    return build_layout(spec, plan, method_of(host, spec, plan, YEAR), **options)


# --- filling workbooks as people do ---------------------------------------------------


def header_map(ws, key):
    for row in range(1, 21):
        ids = {header_id(ws.cell(row, col).value): col for col in range(1, ws.max_column + 1)
               if ws.cell(row, col).value is not None}
        if key in ids:
            return row, ids
    raise AssertionError(f"no header row with {key} in sheet {ws.title}")


def as_typed(kind, text, n):
    """The cell a person leaves for ``text``, in one of the ways people type it."""
    if kind is ValueKind.COUNT:
        return int(text) if n % 2 else str(text)
    if kind is ValueKind.RATE:
        comma = str(text).replace(".", ",")
        return [float(text), comma, f"{comma}%"][n % 3]
    if kind is ValueKind.FLAG:
        yes = str(text).strip().lower() in ("có", "co", "yes", "true", "1", "x")
        return ["Có" if yes else "Không", "có" if yes else "không"][n % 2]
    if kind is ValueKind.NUMBER:
        return float(text)
    return str(text)


def figures(layout):
    """Synthetic figures for the year (communes and province), as strings, keyed as the sheets' rows."""
    geography = layout.geography
    communes = {(r["commune_code"], int(r["year"])): r for r in generate_communes(geography, [YEAR], seed=7)}
    province_sheet = layout.sheet("province")
    kinds = {c.id: c.kind for c in province_sheet.columns if c.kind is not None}
    province = {int(r["year"]): r for r in generate_province([YEAR - 1, YEAR], seed=7, columns=list(kinds),
                                                             kinds=kinds)}
    return communes, province


def fill(path, layout, communes, province, *, only=None):
    """Type ``communes`` and ``province`` into the workbook at ``path`` (where it has the sheet and the row)."""
    kinds = {c.id: c.kind for s in layout.sheets for c in s.columns if c.kind is not None}
    book = openpyxl.load_workbook(path)
    typed = 0
    for name, key, values in (("communes", "commune_code", communes), ("province", "year", province)):
        if name not in book.sheetnames:
            continue
        ws = book[name]
        header_row, ids = header_map(ws, key)
        for r in range(header_row + 1, ws.max_row + 1):
            code, year = ws.cell(r, ids[key]).value, ws.cell(r, ids["year"]).value
            if code is None:
                continue
            row_key = (str(code), int(year)) if key == "commune_code" else int(year)
            if row_key not in values or (only is not None and row_key not in only):
                continue
            for n, (ident, text) in enumerate(values[row_key].items()):
                if ident in (key, "year", "commune_name") or ident not in ids or text in ("", None):
                    continue
                ws.cell(r, ids[ident]).value = as_typed(kinds[ident], text, r + n)
                typed += 1
    book.save(path)
    return typed


def comparable(result, *paths):
    """The evaluation JSON without what names the file it was read from."""
    document = result.to_dict()
    text = json.dumps(document, ensure_ascii=False, sort_keys=True)
    for path in paths:
        text = text.replace(json.dumps(str(path))[1:-1], "<data>")
    document = json.loads(text)
    for key in ("source", "province_source"):
        document["data"].pop(key, None)
    return document


# --- split ----------------------------------------------------------------------------


def test_by_district_writes_one_file_per_district_and_one_for_the_province(tmp_path):
    out = run("template", "-p", "tayninh", "--by", "district", "-o", tmp_path / "parts")
    assert out.exit_code == 0, out.output
    files = sorted((tmp_path / "parts").iterdir())
    assert len(files) == TAYNINH_DISTRICTS + 1
    assert all(re.fullmatch(r"mau-nhap-lieu-tayninh-2024-[a-z0-9-]+-\d+\.xlsx", f.name) for f in files)
    names = {f.name for f in files}
    assert "mau-nhap-lieu-tayninh-2024-huyen-chau-thanh-708.xlsx" in names
    assert "mau-nhap-lieu-tayninh-2024-toan-tinh-72.xlsx" in names

    geography = tayninh_layout().geography
    seen = set()
    for path in files:
        info = read_template_info(path)
        assert (info.province, info.year, info.by) == ("tayninh", 2024, "district")
        book = openpyxl.load_workbook(path)
        if info.part == "province":
            # the province-level figures belong to the provincial police: in their file, in no unit's
            assert book.sheetnames == [GUIDE_SHEET, "province"]
            continue
        assert info.part == "district" and book.sheetnames == [GUIDE_SHEET, "communes"]
        ws = book["communes"]
        header_row, ids = header_map(ws, "commune_code")
        rows = [(ws.cell(r, ids["commune_code"]).value, ws.cell(r, ids["year"]).value)
                for r in range(header_row + 1, ws.max_row + 1)]
        codes = [c.code for c in sorted(geography.communes_of(info.unit), key=lambda c: c.code)]
        assert rows == [(c, 2024) for c in codes] + [(c, 2023) for c in codes]  # only its rows, both years
        assert info.unit_name in ws.cell(1, 1).value  # the title names the unit
        seen.update(codes)
    assert seen == {c.code for c in geography.communes}  # every commune in exactly one file


def test_file_names_are_safe_on_windows():
    assert ascii_name("Huyện Châu Thành") == "huyen-chau-thanh"
    assert ascii_name("Thành phố Đồng Xoài") == "thanh-pho-dong-xoai"
    assert ascii_name("Thi\u0300 xa\u0303 Ho\u0300a Tha\u0300nh") == "thi-xa-hoa-thanh"  # NFD as typed on a Mac
    assert ascii_name("Xã Ea H'Leo / (cũ)") == "xa-ea-h-leo-cu"
    parts = split_layout(tayninh_layout(), "commune")
    names = [part_file_name(p) for p in parts]
    assert len(parts) == 94 + 1 and len(set(n.lower() for n in names)) == len(names)
    assert all(re.fullmatch(r"[a-z0-9-]+\.xlsx", n) and len(n) < 100 for n in names)
    assert parts[-1].part.kind == "province" and [s.name for s in parts[-1].sheets] == ["province"]


def test_split_keeps_last_years_figures_and_never_overwrites(tmp_path):
    folder = tmp_path / "parts"
    assert run("template", "-p", "tayninh", "--by", "district", "--from", "sample", "-o", folder).exit_code == 0
    again = run("template", "-p", "tayninh", "--by", "district", "-o", folder)
    assert again.exit_code == 2 and "--force" in again.output and "Traceback" not in again.output
    assert run("template", "-p", "tayninh", "--by", "district", "-o", folder, "--force").exit_code == 0
    file = tmp_path / "mau.xlsx"
    file.write_bytes(b"x")
    out = run("template", "-p", "tayninh", "--by", "district", "-o", tmp_path / "mau.xlsx")
    assert out.exit_code == 2 and "thư mục" in out.output


def flat(geography):
    """The same communes on a map without districts, as from 01/07/2025."""
    communes = [attrs.evolve(c, district_code=None) for c in geography.communes]
    return Geography(geography.province, dt.date(2025, 7, 1), (), communes, "test: no districts")


def test_post_2025_map_refuses_by_district_and_splits_by_commune(tmp_path, monkeypatch):
    layout = tayninh_layout()
    without = flat(layout.geography)
    assert not without.has_districts
    spec = plugins.get_host().province("tayninh")
    plan = spec.plan_for(YEAR)
    method = method_of(plugins.get_host(), spec, plan, YEAR)
    flat_layout = template_layout(province=spec.name, slug=spec.slug, plan=plan, year=YEAR, geography=without,
                                  hotspot_indicators=method.indicators, rule=method.rule)
    with pytest.raises(ChuyenhoaError, match="không còn cấp huyện.*--by commune"):
        split_layout(flat_layout, "district")
    parts = split_layout(flat_layout, "commune")
    assert [p.part.kind for p in parts] == ["commune"] * 94 + ["province"]

    # the command says so in one line, exit 2
    monkeypatch.setattr(ProvinceSpec, "geography_for", lambda self, year: (without, None))
    out = run("template", "-p", "tayninh", "--by", "district", "-o", tmp_path / "parts")
    assert out.exit_code == 2 and "không còn cấp huyện" in out.output and "Traceback" not in out.output
    assert not (tmp_path / "parts").exists()

    # by commune works, and merging reports missing units by commune
    folder = tmp_path / "xa"
    for part in parts[:3] + parts[-1:]:
        folder.mkdir(exist_ok=True)
        write_layout(part, folder / part_file_name(part))
    result = merge_parts(flat_layout, sorted(folder.iterdir()), extra_indicators=spec.indicators)
    assert {m.kind for m in result.missing} == {"commune", "province"}
    assert sum(m.no_file for m in result.missing) == 94 - 3


# --- merge ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def filled_once(tmp_path_factory):
    """A whole template and its split by district, both filled with the same figures (last year from the sample)."""
    plugins.reset_host(plugins.PluginHost(autoload=False, plugins=[chuyenhoa_tayninh]))
    folder = tmp_path_factory.mktemp("collected")
    layout = tayninh_layout(previous="sample")
    whole = folder / "whole.xlsx"
    assert run("template", "-p", "tayninh", "--from", "sample", "-o", whole).exit_code == 0
    parts = folder / "parts"
    assert run("template", "-p", "tayninh", "--from", "sample", "--by", "district", "-o", parts).exit_code == 0
    communes, province = figures(layout)
    typed = fill(whole, layout, communes, province)
    assert typed > 94 * 20
    assert sum(fill(p, layout, communes, province) for p in sorted(parts.iterdir())) == typed
    plugins.reset_host()
    return layout, folder


@pytest.fixture
def collected(filled_once, tmp_path):
    """A copy of :func:`filled_once` for one test to change: (layout, whole, parts folder)."""
    layout, folder = filled_once
    shutil.copytree(folder, tmp_path, dirs_exist_ok=True)
    return layout, tmp_path / "whole.xlsx", tmp_path / "parts"


def test_merged_workbook_evaluates_exactly_as_the_whole(collected, tmp_path):
    _layout, whole, parts = collected
    merged = tmp_path / "merged.xlsx"
    out = run("merge", parts, "-o", merged)
    assert out.exit_code == 0, out.output
    assert "Còn thiếu" not in out.output and "đủ mọi đơn vị" in out.output and "GIẢ LẬP" in out.output
    host = plugins.get_host()
    got = evaluate("tayninh", YEAR, data=merged, as_of=AS_OF, host=host)
    want = evaluate("tayninh", YEAR, data=whole, as_of=AS_OF, host=host)
    assert got.data.synthetic and want.data.synthetic  # last year's figures came from the sample
    assert comparable(got, merged) == comparable(want, whole)
    # and there was something to compare: hotspots judged, targets met and missed, last year's figures used
    assert len(got.hotspots) >= 5 and any(h.transformed for h in got.hotspots)
    assert {t.status.value for t in got.targets} >= {"met", "not_met"}

    # template-shaped: the same sheets, headers and validation as the template, and it says it is whole
    book = openpyxl.load_workbook(merged)
    assert book.sheetnames == [GUIDE_SHEET, "communes", "province"]
    template = openpyxl.load_workbook(whole)
    for name in ("communes", "province"):
        assert [c.value for c in book[name][5]] == [c.value for c in template[name][5]]
        assert len(book[name].data_validations.dataValidation) == \
            len(template[name].data_validations.dataValidation)
    assert read_template_info(merged).part == "all"
    assert any("gộp từ 10 tệp" in str(c.value) for row in book[GUIDE_SHEET].iter_rows() for c in row)


def test_files_and_folders_alike_and_lock_files_passed_over(collected, tmp_path):
    _layout, _whole, parts = collected
    (parts / "~$mau-nhap-lieu-tayninh-2024-huyen-ben-cau-711.xlsx").write_bytes(b"lock")  # Excel's lock file
    (parts / "ghi-chu.txt").write_text("not a workbook", encoding="utf-8")
    by_folder = tmp_path / "a.xlsx"
    by_files = tmp_path / "b.xlsx"
    assert run("merge", parts, "-o", by_folder).exit_code == 0
    files = sorted(p for p in parts.iterdir() if p.suffix == ".xlsx" and not p.name.startswith("~$"))
    assert run("merge", *files, "-o", by_files).exit_code == 0
    host = plugins.get_host()
    assert comparable(evaluate("tayninh", YEAR, data=by_folder, as_of=AS_OF, host=host), by_folder) == \
        comparable(evaluate("tayninh", YEAR, data=by_files, as_of=AS_OF, host=host), by_files)
    # a merged file left in the folder by an earlier run is not taken as a part, nor written over
    again = run("merge", parts, "-o", parts / "tong-hop.xlsx")
    assert again.exit_code == 0, again.output
    assert run("merge", parts, "-o", parts / "tong-hop.xlsx", "--force").exit_code == 0


def test_the_same_value_twice_is_no_conflict(collected, tmp_path):
    _layout, whole, parts = collected
    out = run("merge", parts, whole, "-o", tmp_path / "m.xlsx")  # the whole and its parts, all agreeing
    assert out.exit_code == 0, out.output


def set_cell(path, sheet, key_column, key, column, value):
    """Type ``value`` in ``column`` of the row whose ``key_column`` is ``key`` (this year's row); its cell name."""
    book = openpyxl.load_workbook(path)
    ws = book[sheet]
    header_row, ids = header_map(ws, key_column)
    for r in range(header_row + 1, ws.max_row + 1):
        if str(ws.cell(r, ids[key_column]).value) == str(key) and ws.cell(r, ids["year"]).value == YEAR:
            cell = ws.cell(r, ids[column])
            cell.value = value
            book.save(path)
            return cell.coordinate
    raise AssertionError(f"no row {key}")


def test_two_files_filling_a_cell_differently_are_refused(collected, tmp_path):
    layout, _whole, parts = collected
    first = parts / "mau-nhap-lieu-tayninh-2024-huyen-chau-thanh-708.xlsx"
    second = tmp_path / "ban-sao-chau-thanh.xlsx"
    second.write_bytes(first.read_bytes())  # a second copy, filled by someone else
    code = layout.geography.communes_of("708")[0].code
    set_cell(first, "communes", "commune_code", code, "criminal_offences", 12)
    cell = set_cell(second, "communes", "commune_code", code, "criminal_offences", "13")
    out = run("merge", parts, second, "-o", tmp_path / "m.xlsx")
    assert out.exit_code == 2 and "Traceback" not in out.output
    message = out.output.strip()
    assert len(message.splitlines()) == 1
    assert first.name in message and second.name in message and f"ô {cell}" in message
    assert "criminal_offences" in message and "'12'" in message and "'13'" in message
    assert not (tmp_path / "m.xlsx").exists()
    # the same figure typed another way is the same figure
    set_cell(second, "communes", "commune_code", code, "criminal_offences", "12")
    assert run("merge", parts, second, "-o", tmp_path / "m.xlsx").exit_code == 0


def test_a_bad_cell_in_a_part_names_its_file(collected, tmp_path):
    layout, _whole, parts = collected
    part = parts / "mau-nhap-lieu-tayninh-2024-huyen-go-dau-710.xlsx"
    cell = set_cell(part, "communes", "commune_code", layout.geography.communes_of("710")[0].code,
                    "clearance_rate", 120)
    out = run("merge", parts, "-o", tmp_path / "m.xlsx")
    row = re.sub(r"^[A-Z]+", "", cell)
    assert out.exit_code == 2 and "Traceback" not in out.output
    assert f"{part.name} [sheet communes], dòng {row}, cột 'clearance_rate'" in out.output


def test_missing_units_are_reported(tmp_path):
    layout = tayninh_layout()
    parts = tmp_path / "parts"
    assert run("template", "-p", "tayninh", "--by", "district", "-o", parts).exit_code == 0
    communes, province = figures(layout)
    geography = layout.geography
    files = {read_template_info(p).unit: p for p in parts.iterdir()}
    # 703 is not sent in at all; 705 is sent in empty; 708 has one commune left empty; the province file is missing
    files.pop("703").unlink()
    files.pop("72").unlink()
    partial = [c.code for c in geography.communes_of("708")]
    for unit, path in files.items():
        if unit == "705":
            continue
        codes = partial[1:] if unit == "708" else [c.code for c in geography.communes_of(unit)]
        fill(path, layout, communes, province, only={(code, YEAR) for code in codes})
    out = run("merge", parts, "-o", tmp_path / "m.xlsx")
    assert out.exit_code == 0, out.output
    lines = [line for line in out.output.splitlines() if line.startswith("Còn thiếu")]
    assert lines == [
        "Còn thiếu: Thành phố Tây Ninh (703): chưa có tệp nào",
        "Còn thiếu: Huyện Tân Biên (705): chưa nhập số liệu năm 2024",
        f"Còn thiếu: Huyện Châu Thành (708): 1/{len(partial)} xã chưa nhập số liệu năm 2024",
        "Còn thiếu: số liệu toàn tỉnh (sheet province): chưa có tệp nào",
    ]
    assert "còn thiếu 4 đơn vị" in out.output
    # by commune when asked: every commune of 703 and 705, and the one of 708
    result = merge_parts(layout, sorted(parts.iterdir()), by="commune",
                         extra_indicators=plugins.get_host().province("tayninh").indicators)
    communes_missing = [m for m in result.missing if m.kind == "commune"]
    assert len(communes_missing) == len(geography.communes_of("703")) + len(geography.communes_of("705")) + 1


def test_province_and_year_from_the_files_or_the_options(tmp_path):
    a, b = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    infos = {a: TemplateInfo("tayninh", 2024), b: TemplateInfo("tayninh", 2024, part="district", unit="703")}
    assert template_of(infos) == ("tayninh", 2024)
    with pytest.raises(ChuyenhoaError, match="a.xlsx.*b.xlsx.*cùng một tỉnh, một năm"):
        template_of({a: TemplateInfo("tayninh", 2024), b: TemplateInfo("binhphuoc", 2024)})
    with pytest.raises(ChuyenhoaError, match="b.xlsx: mẫu của tỉnh tayninh, năm 2023"):
        template_of({a: TemplateInfo("tayninh", 2024), b: TemplateInfo("tayninh", 2023)}, year=2024)
    with pytest.raises(ChuyenhoaError, match="--province và --year"):
        template_of({a: None})
    assert template_of({a: None}, province="tayninh", year=2024) == ("tayninh", 2024)


def strip_properties(path):
    """The workbook as it would be after its sheets were pasted into a new file: no chuyenhoa properties."""
    stripped = path.with_name("khong-thuoc-tinh.xlsx")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(stripped, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "docProps/custom.xml":
                data = re.sub(rb"<property [^>]*>.*?</property>", b"", data)
            target.writestr(item, data)
    return stripped


def test_files_without_properties_need_province_and_year(tmp_path):
    whole = tmp_path / "whole.xlsx"
    assert run("template", "-p", "tayninh", "-o", whole).exit_code == 0
    stripped = strip_properties(whole)
    assert read_template_info(stripped) is None
    out = run("merge", stripped, "-o", tmp_path / "m.xlsx")
    assert out.exit_code == 2 and "--province và --year" in out.output
    assert run("merge", stripped, "-p", "tayninh", "-y", "2024", "-o", tmp_path / "m.xlsx").exit_code == 0


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda tmp: tmp / "khong-co.xlsx", "không tìm thấy tệp hay thư mục"),
        (lambda tmp: (tmp / "rong").mkdir() or tmp / "rong", "không có tệp bảng tính nào"),
    ],
)
def test_merge_errors_are_one_line(tmp_path, make, message):
    out = run("merge", make(tmp_path), "-o", tmp_path / "m.xlsx")
    assert out.exit_code == 2 and message in out.output and "Traceback" not in out.output


def test_merge_never_writes_over_an_input(tmp_path):
    whole = tmp_path / "whole.xlsx"
    assert run("template", "-p", "tayninh", "-o", whole).exit_code == 0
    before = whole.read_bytes()
    out = run("merge", whole, "-o", whole, "--force")
    assert out.exit_code == 2 and "trùng với tệp dữ liệu đầu vào" in out.output
    assert whole.read_bytes() == before
    other = tmp_path / "other.xlsx"
    other.write_bytes(b"someone's file")
    out = run("merge", whole, "-o", other)
    assert out.exit_code == 2 and "--force" in out.output and other.read_bytes() == b"someone's file"


def test_a_workbook_that_is_no_template_is_named(tmp_path):
    stray = tmp_path / "ket-qua.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Tổng hợp"
    book.save(stray)
    out = run("merge", stray, "-p", "tayninh", "-y", "2024", "-o", tmp_path / "m.xlsx")
    assert out.exit_code == 2 and "ket-qua.xlsx" in out.output and "không phải mẫu nhập liệu" in out.output


def test_properties_are_read_from_an_ods_too(tmp_path):
    """LibreOffice keeps custom properties of an .ods as user-defined ones in meta.xml (the format of ODF 1.2)."""
    ods = tmp_path / "phan.ods"
    meta = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" office:version="1.3"><office:meta>'
        '<meta:user-defined meta:name="chuyenhoa.province">tayninh</meta:user-defined>'
        '<meta:user-defined meta:name="chuyenhoa.year" meta:value-type="string">2024</meta:user-defined>'
        '<meta:user-defined meta:name="chuyenhoa.part">district</meta:user-defined>'
        '<meta:user-defined meta:name="chuyenhoa.unit">708</meta:user-defined>'
        '<meta:user-defined meta:name="chuyenhoa.unit_name">Huyện Châu Thành</meta:user-defined>'
        '</office:meta></office:document-meta>'
    )
    with zipfile.ZipFile(ods, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("meta.xml", meta)
    assert read_template_info(ods) == TemplateInfo("tayninh", 2024, part="district", unit="708",
                                                   unit_name="Huyện Châu Thành")
    assert read_template_info(tmp_path / "khong-co.xlsx") is None
    (tmp_path / "hong.xlsx").write_bytes(b"not a zip")
    assert read_template_info(tmp_path / "hong.xlsx") is None


def test_nominees_go_to_the_province_file_and_merge_back(tmp_path):
    """A plan with awards: the nominees sheet is in the province-level file only, and merges back row by row."""
    import chuyenhoa_binhphuoc

    plugins.reset_host(plugins.PluginHost(autoload=False, plugins=[chuyenhoa_binhphuoc]))
    parts = tmp_path / "parts"
    assert run("template", "-p", "binhphuoc", "--year", "2024", "--by", "district", "-o", parts).exit_code == 0
    province_file = next(parts.glob("*-toan-tinh-*.xlsx"))
    assert openpyxl.load_workbook(province_file).sheetnames == [GUIDE_SHEET, "province", "nominees"]
    assert all("nominees" not in openpyxl.load_workbook(p).sheetnames for p in parts.iterdir() if p != province_file)
    rows = [["NV01", "Nguyễn Văn A", "cá nhân", "Công an xã X", "có", None, "có", 85, "có", "có", "có"],
            ["TT01", "Công an xã Y", "tập thể", "xã Y", None, "có", "có", None, "có", "có", "không"]]
    book = openpyxl.load_workbook(province_file)
    ws = book["nominees"]
    header_row, ids = header_map(ws, "nominee_id")
    assert list(ids) == ["nominee_id", "name", "kind", "unit", "leader", "grassroots", "targets_met",
                         "achievement_score", "has_submission", "has_minutes", "has_report"]
    for offset, row in enumerate(rows, start=1):
        for column, value in enumerate(row, start=1):
            ws.cell(header_row + offset, column).value = value
    book.save(province_file)
    merged = tmp_path / "m.xlsx"
    assert run("merge", parts, "-o", merged).exit_code == 0
    ws = openpyxl.load_workbook(merged)["nominees"]
    assert [[c.value for c in ws[header_row + n]] for n in (1, 2)] == rows

    copy = tmp_path / "ban-sao.xlsx"
    copy.write_bytes(province_file.read_bytes())
    book = openpyxl.load_workbook(copy)
    book["nominees"].cell(header_row + 1, ids["achievement_score"]).value = 90
    book.save(copy)
    out = run("merge", parts, copy, "-o", tmp_path / "m2.xlsx")
    assert out.exit_code == 2 and "đề nghị NV01" in out.output and "'85' và '90'" in out.output
