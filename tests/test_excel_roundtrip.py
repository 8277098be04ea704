"""The template round trip, for every province pack that can be imported.

A template filled in the way people fill it (numbers, "75,5", "75%", a cell
formatted as a percentage, "Có", TRUE, a code Excel turned into a number) reads
back through ``load_dataset`` and ``evaluate`` exactly as the same figures typed
into a CSV.  LibreOffice is the spreadsheet program the tests can run: a filled
template saved again as .xlsx and as .ods must read the same too.
"""

import csv
import datetime as dt
import importlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from chuyenhoa.method.engine import evaluate
from chuyenhoa.model import ValueKind
from chuyenhoa.output.template.layout import NOMINEE_COLUMNS
from chuyenhoa.output.template.workbook import GUIDE_SHEET, SYNTHETIC_NOTE, is_synthetic_note, write_template
from chuyenhoa.packs.synthetic import generate_communes, generate_province, write_csv
from chuyenhoa.plugins.host import PluginHost
from chuyenhoa.reading.dataset import Dataset, load_dataset
from chuyenhoa.reading.indicators import COMMUNES, CORE_INDICATORS, PROVINCE, columns_of
from chuyenhoa.reading.tables import header_id

openpyxl = pytest.importorskip("openpyxl")

REPO = Path(__file__).resolve().parent.parent
PACK_DIRS = sorted(p for p in (REPO / "provinces").glob("*/src/chuyenhoa_*") if p.is_dir())
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
AS_OF = dt.date(2025, 1, 15)


def import_pack(path: Path):
    """The pack module, installed or else from its source folder; None when it cannot be imported yet.

    A pack imported from its source folder is forgotten again after the test (``forget``), so
    tests that run later see the same modules as they would without this one.
    """
    name = path.name
    try:
        module = importlib.import_module(name)
    except ImportError:
        sys.modules.pop(name, None)
        sys.path.append(str(path.parent))
        try:
            module = importlib.import_module(name)
        except ImportError:
            return None
        finally:
            sys.path.remove(str(path.parent))
    return module if hasattr(module, "chuyenhoa_register_provinces") else None


@pytest.fixture(params=[p.name.removeprefix("chuyenhoa_") for p in PACK_DIRS])
def pack_host(request):
    name = f"chuyenhoa_{request.param}"
    before = set(sys.modules)
    module = import_pack(REPO / "provinces" / request.param / "src" / name)
    try:
        if module is None:
            pytest.skip(f"pack {request.param} is not importable (yet)")
        yield PluginHost(autoload=False, plugins=[module])
    finally:
        if name not in before:
            for loaded in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
                del sys.modules[loaded]


def plan_years(spec):
    return sorted({max(plan.years) for plan in spec.loaded_plans})


# --- filling a template as a person would ------------------------------------------------


def header_map(ws, key):
    for row in range(1, 21):
        ids = {header_id(ws.cell(row, col).value): col for col in range(1, ws.max_column + 1)
               if ws.cell(row, col).value is not None}
        if key in ids:
            return row, ids
    raise AssertionError(f"no header row with {key} in sheet {ws.title}")


def typed(kind, text, i):
    """The cell a person would leave for ``text``, in one of the ways people type it."""
    if text in ("", None):
        return None, None
    if kind is ValueKind.COUNT:
        return [int(text), str(text), float(text)][i % 3], None
    if kind is ValueKind.RATE:
        value = float(text)
        comma = str(text).replace(".", ",")
        return [(value, None), (comma, None), (f"{comma}%", None), (value / 100, "0.0%")][i % 4]
    if kind is ValueKind.FLAG:
        yes = str(text).strip().lower() in ("có", "co", "yes", "true", "1", "x")
        return [("Có" if yes else "Không", None), ("CÓ" if yes else "KHÔNG", None), (yes, None),
                ("có" if yes else "không", None)][i % 4]
    if kind is ValueKind.NUMBER:
        return float(text), None
    return str(text), None


def fill_sheet(ws, key, rows_by_key, kinds, lose_zeros=False):
    """Write ``rows_by_key`` (key → {id: text}) into the template sheet ``ws``; return cells written."""
    header_row, ids = header_map(ws, key)
    written = 0
    for r in range(header_row + 1, ws.max_row + 1):
        code = ws.cell(r, ids[key]).value
        if code is None:
            continue
        year = ws.cell(r, ids["year"]).value
        values = rows_by_key.get((str(code), int(year)) if key == "commune_code" else int(year))
        if values is None:
            continue
        for i, (ident, text) in enumerate(values.items()):
            if ident in (key, "year", "commune_name") or ident not in ids:
                continue
            value, number_format = typed(kinds[ident], text, r + i)
            cell = ws.cell(r, ids[ident])
            cell.value = value
            if number_format:
                cell.number_format = number_format
            written += value is not None
        if lose_zeros and key == "commune_code" and r % 4 == 0:
            ws.cell(r, ids[key]).value = int(code)  # what Excel does to "02200" typed as a number
    return written


def synthetic_figures(spec, year, tmp_path):
    """Figures for ``year - 1`` and ``year`` as CSV files, the way the CSV reader sees them."""
    plan = spec.plan_for(year)
    geography, _ = spec.geography_for(year)
    known = columns_of(COMMUNES, plan.indicators)
    rows = generate_communes(geography, [year - 1, year], seed=year)
    for n, row in enumerate(rows):
        for ident, indicator in known.items():
            if ident not in row and not indicator.computed and ident not in CORE_INDICATORS:
                row[ident] = {ValueKind.COUNT: str(n % 7), ValueKind.RATE: f"{(n * 7.5) % 100:.1f}",
                              ValueKind.FLAG: "có" if n % 3 else "không", ValueKind.NUMBER: f"{n / 4:g}",
                              ValueKind.TEXT: f"ghi chú {n}"}[indicator.kind]
    communes_csv = tmp_path / "communes.csv"
    write_csv(rows, communes_csv)
    return rows, communes_csv, geography, plan


def province_figures(layout, tmp_path):
    sheet = next(s for s in layout.sheets if s.name == PROVINCE)
    kinds = {c.id: c.kind for c in sheet.columns if c.kind is not None}
    rows = generate_province([layout.year - 1, layout.year], seed=layout.year, columns=list(kinds), kinds=kinds)
    path = tmp_path / "province.csv"
    write_csv(rows, path)
    return rows, path, kinds


def assert_same_data(actual: Dataset, expected: Dataset, where: str):
    """Every value of ``expected`` is in ``actual``, at the same commune and year."""
    assert sorted(actual.years) == sorted(expected.years), where
    for column, values in expected.communes.columns.items():
        assert column in actual.communes.columns, f"{where}: column {column} lost"
        for i, value in enumerate(values):
            code, year = expected.communes.columns["commune_code"][i], expected.communes.columns["year"][i]
            got = actual.commune_value(code, year, column)
            assert got == (pytest.approx(value) if isinstance(value, float) else value), \
                f"{where}: {code} {year} {column}: {got!r} != {value!r}"
    if expected.province is not None:
        for column in expected.province.columns:
            for year in expected.years:
                want = expected.province_value(year, column)
                got = actual.province_value(year, column)
                assert got == (pytest.approx(want) if isinstance(want, float) else want), \
                    f"{where}: province {year} {column}: {got!r} != {want!r}"


def filled_template(host, spec, year, tmp_path, lose_zeros=True):
    """Write a template, fill it with synthetic figures, return (filled path, expected dataset, layout)."""
    path, layout = write_template(spec.slug, tmp_path / f"mau-{spec.slug}-{year}.xlsx", year=year, host=host)
    rows, communes_csv, geography, _plan = synthetic_figures(spec, year, tmp_path)
    province_rows, province_csv, province_kinds = province_figures(layout, tmp_path)
    extra = [i for p in spec.loaded_plans for i in p.indicators]
    expected = load_dataset(communes_csv, geography, province_data=province_csv, extra_indicators=extra)
    book = openpyxl.load_workbook(path)
    kinds = {c.id: c.kind for s in layout.sheets for c in s.columns if c.kind is not None}
    by_code = {(row["commune_code"], int(row["year"])): row for row in rows}
    assert fill_sheet(book[COMMUNES], "commune_code", by_code, kinds, lose_zeros=lose_zeros) > 0
    fill_sheet(book[PROVINCE], "year", {int(r["year"]): r for r in province_rows}, province_kinds)
    filled = tmp_path / f"filled-{spec.slug}-{year}.xlsx"
    book.save(filled)
    return filled, expected, layout, geography, extra


# --- the round trips ------------------------------------------------------------------------


def test_filled_template_reads_back_without_loss(pack_host, tmp_path):
    for spec in pack_host.provinces().values():
        for year in plan_years(spec):
            filled, expected, _layout, geography, extra = filled_template(pack_host, spec, year, tmp_path)
            actual = load_dataset(filled, geography, extra_indicators=extra)
            assert_same_data(actual, expected, f"{spec.slug} {year}")
            assert not [w for w in actual.warnings if "bỏ qua cột" in w], actual.warnings


def test_template_covers_the_contract_and_the_pack(pack_host, tmp_path):
    for spec in pack_host.provinces().values():
        for year in plan_years(spec):
            path, layout = write_template(spec.slug, tmp_path / f"{spec.slug}{year}.xlsx", year=year,
                                          host=pack_host)
            plan = spec.plan_for(year)
            geography, _ = spec.geography_for(year)
            book = openpyxl.load_workbook(path)
            expected_sheets = [GUIDE_SHEET, COMMUNES, PROVINCE] + (["nominees"] if plan.awards is not None else [])
            assert book.sheetnames == expected_sheets
            # communes: every contract and pack column, one row per commune for the year, then last year's
            ws = book[COMMUNES]
            header_row, ids = header_map(ws, "commune_code")
            wanted = {i for i, ind in columns_of(COMMUNES, plan.indicators).items() if not ind.computed}
            assert wanted <= set(ids), wanted - set(ids)
            codes = [(ws.cell(r, ids["commune_code"]).value, ws.cell(r, ids["year"]).value)
                     for r in range(header_row + 1, ws.max_row + 1)]
            assert codes == [(c.code, year) for c in _ordered(geography)] + \
                [(c.code, year - 1) for c in _ordered(geography)]
            assert all(isinstance(code, str) for code, _ in codes)  # leading zeros kept as text
            assert ws.freeze_panes == f"C{header_row + 1}"
            # province: the plan's province-level indicators
            _row, province_ids = header_map(book[PROVINCE], "year")
            targets = {t.indicator for t in plan.targets if t.scope.value == "province"}
            declared = {i.id for i in plan.indicators if PROVINCE in i.tables}
            assert set(province_ids) - {"year"} == targets | declared
            if plan.awards is not None:
                _row, nominee_ids = header_map(book["nominees"], "nominee_id")
                assert set(nominee_ids) == {c[0] for c in NOMINEE_COLUMNS}
            # the guide names every column with its clause
            guide = book[GUIDE_SHEET]
            listed = {(guide.cell(r, 1).value, guide.cell(r, 3).value) for r in range(1, guide.max_row + 1)}
            for sheet in layout.sheets:
                for column in sheet.columns:
                    assert (sheet.name, column.id) in listed
            indicators = pack_host.hook.chuyenhoa_hotspot_indicators(plan=plan)
            text = "\n".join(str(guide.cell(r, 6).value) for r in range(1, guide.max_row + 1))
            for indicator in indicators:
                assert str(indicator.source) in text


def _ordered(geography):
    return sorted(geography.communes, key=lambda c: (c.district_code or "", c.code))


def test_sample_prefills_last_year_and_evaluates_the_same(pack_host, tmp_path):
    """From the sample: last year pre-filled; this year typed in; evaluate gives the sample's verdicts."""
    checked = 0
    for spec in pack_host.provinces().values():
        if spec.sample is None or not Path(spec.sample.communes).is_file():
            continue
        for year in plan_years(spec):
            sample = _sample_years(spec, {year - 1, year}, tmp_path)
            if sample is None:
                continue
            communes_csv, province_csv = sample
            path, layout = write_template(spec.slug, tmp_path / f"sample-{spec.slug}-{year}.xlsx", year=year,
                                          previous="sample", host=pack_host)
            assert layout.synthetic
            book = openpyxl.load_workbook(path)
            for ws in book.worksheets:  # every sheet says the figures are synthetic
                assert any(ws.cell(r, 1).value == SYNTHETIC_NOTE for r in range(1, 4)), ws.title
            rows = _csv_rows(communes_csv)
            kinds = {c.id: c.kind for s in layout.sheets for c in s.columns if c.kind is not None}
            fill_sheet(book[COMMUNES], "commune_code",
                       {(r["commune_code"], int(r["year"])): r for r in rows if int(r["year"]) == year}, kinds)
            if province_csv is not None:
                fill_sheet(book[PROVINCE], "year",
                           {int(r["year"]): r for r in _csv_rows(province_csv) if int(r["year"]) == year}, kinds)
            filled = tmp_path / f"filled-sample-{spec.slug}-{year}.xlsx"
            book.save(filled)
            got = evaluate(spec.slug, year, data=filled, as_of=AS_OF, host=pack_host).to_dict()
            want = evaluate(spec.slug, year, data=communes_csv, province_data=province_csv, as_of=AS_OF,
                            host=pack_host).to_dict()
            for key in ("selection", "hotspots", "targets", "programme", "summary", "timeline"):
                assert got[key] == want[key], f"{spec.slug} {year}: {key} differs"
            # last year's figures came from the synthetic sample: the result says so, and why
            assert got["data"]["synthetic"] is True
            assert any("GIẢ LẬP (dòng cảnh báo phía trên tiêu đề)" in w for w in got["warnings"])
            checked += 1
    if not checked:
        pytest.skip("no pack with a sample covering a plan year and the year before")


def test_english_template_reads_back_the_same(tayninh_host, tmp_path):
    """A template written in English (``--lang en``: English headers, guide and prompts, a yes/no list) reads
    back exactly as the Vietnamese one: the sheets and the ids in the headers are the data contract."""
    from chuyenhoa.i18n import using

    spec = tayninh_host.province("tayninh")
    year = max(plan_years(spec))
    with using("en"):
        filled, expected, layout, geography, extra = filled_template(tayninh_host, spec, year, tmp_path)
    assert layout.language == "en"
    book = openpyxl.load_workbook(filled)
    assert book.sheetnames == ["Guide", COMMUNES, PROVINCE]
    header_row, ids = header_map(book[COMMUNES], "commune_code")
    assert book[COMMUNES].cell(header_row, ids["population"]).value == "Population (population)"
    for reading in ("vi", "en"):  # the reader reads it the same whatever the output language
        with using(reading):
            actual = load_dataset(filled, geography, extra_indicators=extra)
        assert_same_data(actual, expected, f"tayninh {year}, English template read in {reading}")
        assert actual.warnings == () and not actual.synthetic

    # last year's figures pre-filled in English ("yes"/"no") read back as the sample's, and evaluate the same
    sample = _sample_years(spec, {year - 1, year}, tmp_path)
    assert sample is not None
    communes_csv, province_csv = sample
    with using("en"):
        path, layout = write_template("tayninh", tmp_path / "sample-en.xlsx", year=year, previous="sample",
                                      host=tayninh_host)
    book = openpyxl.load_workbook(path)
    ws = book[COMMUNES]
    header_row, ids = header_map(ws, "commune_code")
    words = {ws.cell(r, ids["hotspot"]).value for r in range(header_row + 1, ws.max_row + 1)}
    assert words - {None} <= {"yes", "no"} and words - {None}
    kinds = {c.id: c.kind for sh in layout.sheets for c in sh.columns if c.kind is not None}
    fill_sheet(ws, "commune_code", {(r["commune_code"], int(r["year"])): r for r in _csv_rows(communes_csv)
                                    if int(r["year"]) == year}, kinds)
    fill_sheet(book[PROVINCE], "year", {int(r["year"]): r for r in _csv_rows(province_csv) if int(r["year"]) == year},
               kinds)
    filled = tmp_path / "filled-sample-en.xlsx"
    book.save(filled)
    got = evaluate("tayninh", year, data=filled, as_of=AS_OF, host=tayninh_host).to_dict()
    want = evaluate("tayninh", year, data=communes_csv, province_data=province_csv, as_of=AS_OF,
                    host=tayninh_host).to_dict()
    for key in ("selection", "hotspots", "targets", "programme", "summary", "timeline"):
        assert got[key] == want[key], key
    assert got["data"]["synthetic"] is True  # the English banner is recognised as well

    # once the person has put real figures in and deleted the banner rows, the data are theirs
    for ws in book.worksheets:
        for row in ws.iter_rows(max_row=4):
            for cell in row:
                if isinstance(cell.value, str) and is_synthetic_note(cell.value):
                    cell.value = None
    book.save(filled)
    assert evaluate("tayninh", year, data=filled, as_of=AS_OF, host=tayninh_host).data.synthetic is False


def _csv_rows(path):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _sample_years(spec, years, tmp_path):
    """The sample restricted to ``years`` (the template holds two years), as CSV files."""
    rows = [r for r in _csv_rows(spec.sample.communes) if int(r["year"]) in years]
    if {int(r["year"]) for r in rows} != years:
        return None
    communes = tmp_path / f"{spec.slug}-communes-{min(years)}.csv"
    write_csv(rows, communes, columns=list(rows[0]))
    province = None
    if spec.sample.province is not None:
        province_rows = [r for r in _csv_rows(spec.sample.province) if int(r["year"]) in years]
        province = tmp_path / f"{spec.slug}-province-{min(years)}.csv"
        write_csv(province_rows, province, columns=list(province_rows[0]))
    return communes, province


# --- LibreOffice --------------------------------------------------------------------------


def convert(source: Path, target_format: str, out_dir: Path, profile: Path) -> Path:
    """Open ``source`` in LibreOffice and save it as ``target_format`` (xlsx or ods)."""
    out_dir.mkdir(exist_ok=True)
    filters = {"xlsx": "xlsx:Calc MS Excel 2007 XML", "ods": "ods"}
    completed = subprocess.run(
        [SOFFICE, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
         "--convert-to", filters[target_format], "--outdir", str(out_dir), str(source)],
        capture_output=True, text=True, timeout=240, check=False,
    )
    result = out_dir / f"{source.stem}.{target_format}"
    assert result.is_file(), f"LibreOffice did not convert {source}: {completed.stdout} {completed.stderr}"
    return result


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed: "
                    "apt-get install -y --no-install-recommends libreoffice-calc")
@pytest.mark.parametrize("target_format", ["xlsx", "ods"])
def test_template_saved_by_libreoffice_reads_back(pack_host, tmp_path, target_format):
    for spec in pack_host.provinces().values():
        year = max(plan_years(spec))
        filled, expected, _layout, geography, extra = filled_template(pack_host, spec, year, tmp_path)
        saved = convert(filled, target_format, tmp_path / "lo", tmp_path / "profile")
        actual = load_dataset(saved, geography, extra_indicators=extra)
        assert_same_data(actual, expected, f"{spec.slug} {year} via LibreOffice {target_format}")


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed: "
                    "apt-get install -y --no-install-recommends libreoffice-calc")
def test_unfilled_template_from_libreoffice_evaluates(tmp_path, tayninh_host):
    """A template only opened and saved as .ods: it reads, and every hotspot is simply not assessable."""
    path, _layout = write_template("tayninh", tmp_path / "empty.xlsx", year=2024, host=tayninh_host)
    saved = convert(path, "ods", tmp_path / "lo", tmp_path / "profile")
    result = evaluate("tayninh", 2024, data=saved, as_of=AS_OF, host=tayninh_host)
    assert result.selection.proposed and all(t.status.value == "not_assessable" for t in result.targets)


def test_nominees_sheet_reads_with_the_awards_reader(tayninh_host, tmp_path):
    """Where a plan has [awards], the nominees sheet filled in reads through the awards reader."""
    import attrs

    nominees = pytest.importorskip("chuyenhoa.awards.nominees")
    from chuyenhoa.method.plan import method_of
    from chuyenhoa.output.template.layout import template_layout
    from chuyenhoa.output.template.workbook import write_layout

    spec = tayninh_host.province("tayninh")
    plan = attrs.evolve(spec.plan_for(2024), awards={"form": "Bằng khen", "source": "X/KH-UBND §III"})
    method = method_of(tayninh_host, spec, plan, 2024)
    layout = template_layout(province=spec.name, slug=spec.slug, plan=plan, year=2024, geography=method.geography,
                             hotspot_indicators=method.indicators, rule=method.rule)
    path = tmp_path / "mau.xlsx"
    write_layout(layout, path)
    book = openpyxl.load_workbook(path)
    ws = book["nominees"]
    header_row, ids = header_map(ws, "nominee_id")
    people = [{"nominee_id": "TT01", "name": "Công an xã Thạnh Tân", "kind": "tập thể", "grassroots": "có",
               "targets_met": "Có", "has_submission": "có", "has_minutes": "có", "has_report": "không"},
              {"nominee_id": "CN01", "name": "Nguyễn Văn A", "kind": "cá nhân", "leader": "không",
               "targets_met": "có", "achievement_score": 8.5}]
    for offset, person in enumerate(people, start=1):
        for ident, value in person.items():
            ws.cell(header_row + offset, ids[ident]).value = value
    book.save(path)
    table = nominees.load_nominees(path)
    assert [n.nominee_id for n in table.nominees] == ["TT01", "CN01"]
    assert [n.kind.value for n in table.nominees] == ["collective", "individual"]
    assert table.nominees[1].achievement_score == 8.5
