"""The parts of a split template merged back into one workbook: ``chuyenhoa merge``.

Commune and district police fill the files ``chuyenhoa template --by`` wrote
(:mod:`chuyenhoa.output.template.split`); whoever collects them gets one
workbook of the whole province, shaped exactly as the template (guide,
validation, last year's rows), which ``evaluate --data`` reads as if one person
had typed it all.

What is merged is what people typed, cell by cell: each file is read and
checked as ``evaluate`` would read it (:func:`chuyenhoa.reading.dataset.read_sheet`),
so a bad cell is refused here, naming its file; then every filled cell is
placed at its commune, year and column, and written as it was typed ("75%",
"Có", 12).  The merged workbook therefore reads exactly as the same cells typed
into one template.  Two files that fill the same cell with different values are
refused, naming both files, both cells and both values: which is right is a
person's call, never the tool's.  The same value twice (a unit's file and the
whole template, say) is not a conflict.  An empty cell fills nothing.

What is still missing is reported, not refused: a district or commune whose rows
are in no file, or whose rows for the year are still empty, and the
province-level figures; collecting is done over days, and the merged file of the
units in so far is worth having.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import cast

import attrs

from chuyenhoa.errors import ChuyenhoaError, DataError
from chuyenhoa.i18n import _
from chuyenhoa.model import Indicator
from chuyenhoa.output.template.layout import NOMINEE_COLUMNS, SheetLayout, TemplateLayout
from chuyenhoa.reading.banner import is_synthetic_note
from chuyenhoa.reading.cells import Cell, is_blank, nfc, parse_text, shown
from chuyenhoa.reading.dataset import SheetRead, read_sheet
from chuyenhoa.reading.indicators import COMMUNES, PROVINCE
from chuyenhoa.reading.properties import TemplateInfo, read_template_info
from chuyenhoa.reading.tables import WORKBOOK_SUFFIXES, MissingSheetError, named_columns, read_table

__all__ = ["MergeResult", "MissingUnit", "collect_files", "merge_parts", "template_of"]

NOMINEES = "nominees"


@attrs.frozen
class ProvinceRow:
    """The key of a row of the ``province`` sheet that names its province: a year before 01/07/2025 has one for
    each province merged into the one evaluated (``province_code``, on the map of that year)."""

    year: int
    code: str


#: the key of a row of each sheet: (commune code, year), a year or a year and province, a nominee id
Key = tuple[str, int] | int | ProvinceRow | str


@attrs.frozen
class MissingUnit:
    """A unit (or the province-level figures) the merged workbook does not cover yet.

    ``no_file``: no file holds a row of it.  Otherwise ``empty`` of its
    ``communes`` communes have nothing filled in the year's row (for the
    province-level figures, ``communes`` is 0 and ``empty`` 1).
    """

    kind: str
    code: str
    name: str
    communes: int
    empty: int
    no_file: bool


@attrs.frozen
class MergeResult:
    """The merged workbook's layout, the files it came from, how many cells they filled, and what is missing."""

    layout: TemplateLayout
    files: tuple[Path, ...]
    cells: int
    missing: tuple[MissingUnit, ...]
    warnings: tuple[str, ...] = ()


@attrs.frozen
class _Entry:
    """A filled cell: what was typed, what it reads as, and where it is."""

    raw: Cell
    value: object
    file: Path
    sheet: str
    row: int
    position: int

    def where(self) -> str:
        return _("{file} [sheet {sheet}] ô {cell}").format(file=self.file, sheet=self.sheet,
                                                           cell=f"{_letter(self.position)}{self.row}")


def _letter(position: int) -> str:
    """The column letters of a 1-based column number (1 → A, 28 → AB)."""
    letters = ""
    while position:
        position, rest = divmod(position - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def collect_files(paths: Iterable[str | Path], *, exclude: Iterable[str | Path] = ()) -> tuple[Path, ...]:
    """The workbooks to merge: each file given, and every workbook directly in each folder given.

    Folders are accepted because Windows shells do not expand ``*.xlsx``: a
    person names the folder the files were collected in.  Excel's lock files
    (``~$…``), hidden files and ``exclude`` (the output) are passed over in a
    folder; a file named explicitly is always taken (the writer refuses to write
    over it).  The same file named twice is taken once.
    """
    skipped = {Path(p).resolve() for p in exclude}
    found: dict[Path, Path] = {}
    for given in map(Path, paths):
        if given.is_dir():
            inside = [p for p in sorted(given.iterdir()) if p.is_file() and p.suffix.lower() in WORKBOOK_SUFFIXES
                      and not p.name.startswith(("~$", ".")) and p.resolve() not in skipped]
            if not inside:
                raise ChuyenhoaError(_("{path}: thư mục không có tệp bảng tính nào (.xlsx, .ods)").format(path=given))
            for path in inside:
                found.setdefault(path.resolve(), path)
        elif given.is_file():
            found.setdefault(given.resolve(), given)
        else:
            raise ChuyenhoaError(_("{path}: không tìm thấy tệp hay thư mục").format(path=given))
    if not found:
        raise ChuyenhoaError(_("cần ít nhất một tệp hoặc một thư mục để gộp"))
    return tuple(found.values())


def template_of(infos: Mapping[Path, TemplateInfo | None], *, province: str | None = None,
                year: int | None = None) -> tuple[str, int]:
    """The province and year the files belong to, from their document properties and the options.

    Refuses two files of different provinces or years, and a file that is not of
    the ``province`` or ``year`` given, naming the files: merging them would mix
    figures that do not belong together.
    """
    known = [(path, info) for path, info in infos.items() if info is not None]
    for path, info in known:
        if (province is not None and info.province != province) or (year is not None and info.year != year):
            raise ChuyenhoaError(_("{path}: mẫu của tỉnh {province}, năm {year}, không phải tỉnh {wanted}, năm "
                                   "{wanted_year}").format(path=path, province=info.province, year=info.year,
                                                           wanted=province or info.province,
                                                           wanted_year=year or info.year))
    for path, info in known[1:]:
        first_path, first = known[0]
        if (info.province, info.year) != (first.province, first.year):
            raise ChuyenhoaError(_("{first} là mẫu của tỉnh {province}, năm {year}, còn {second} là mẫu của tỉnh "
                                   "{other}, năm {other_year}; chỉ gộp các tệp của cùng một tỉnh, một năm").format(
                first=first_path, province=first.province, year=first.year, second=path, other=info.province,
                other_year=info.year))
    slug = province if province is not None else (known[0][1].province if known else None)
    chosen_year = year if year is not None else (known[0][1].year if known else None)
    if slug is None or chosen_year is None:
        raise ChuyenhoaError(_("không biết các tệp là mẫu của tỉnh nào, năm nào (tệp không do chuyenhoa template "
                               "ghi, hoặc đã mất thông tin này); hãy cho --province và --year"))
    return slug, chosen_year


class _Merged:
    """The filled cells of one sheet gathered from every file, by row key and column."""

    def __init__(self, sheet: SheetLayout) -> None:
        self.sheet = sheet
        self.columns = {c.id for c in sheet.columns}
        self.fixed = {c.id for c in sheet.columns if c.fixed}
        self.cells: dict[Key, dict[str, _Entry]] = {}
        self.files = 0  # how many files had this sheet

    def row(self, key: Key) -> dict[str, _Entry]:
        return self.cells.setdefault(key, {})

    def put(self, key: Key, column: str, entry: _Entry, what: str) -> None:
        row = self.row(key)
        before = row.get(column)
        if before is None:
            row[column] = entry
        elif before.value != entry.value:
            raise DataError(_("{first} và {second} ghi khác nhau cho cùng một ô ({what}, cột '{column}'): '{a}' và "
                              "'{b}'; hãy sửa một trong hai tệp rồi gộp lại").format(
                first=before.where(), second=entry.where(), what=what, column=column,
                a=shown(_writable(before.raw)), b=shown(_writable(entry.raw))))

    def check_column(self, file: Path, column: str, plan: str) -> None:
        if column not in self.columns:
            raise DataError(_("{file} [sheet {sheet}]: cột '{column}' không có trong mẫu của kế hoạch {plan}; không "
                              "gộp được cột này (hãy xóa nó, hoặc chép số liệu sang một mẫu mới)").format(
                file=file, sheet=self.sheet.name, column=column, plan=plan))


def merge_parts(
    layout: TemplateLayout,
    files: Sequence[str | Path],
    *,
    extra_indicators: Iterable[Indicator] = (),
    by: str | None = None,
) -> MergeResult:
    """Merge the filled ``files`` into ``layout``, the template of the whole province for their year.

    ``layout`` is what :func:`~chuyenhoa.output.template.workbook.build_layout`
    decides for the province and year (:func:`template_of` finds them); its rows
    receive every cell the files filled.  ``by`` (``district`` or ``commune``) is
    the unit the missing ones are reported by; by default the one the files were
    split by, else districts where the map has them.
    """
    if layout.part is not None:
        raise ChuyenhoaError(_("cần mẫu của cả tỉnh để gộp vào"))
    paths = tuple(Path(f) for f in files)
    extra = tuple(extra_indicators)
    geography = layout.geography
    merged = {s.name: _Merged(s) for s in layout.sheets}
    seen: dict[str, dict[Key, None]] = {name: {} for name in merged}  # every row key met, in order
    warnings: list[str] = []
    synthetic = layout.synthetic
    splits: set[str] = set()
    for path in paths:
        info = read_template_info(path)
        if info is not None:
            splits.update({info.by} - {""})
            if info.plan and info.plan != layout.plan.id:
                warnings.append(_("{file}: mẫu của kế hoạch {plan}, khác kế hoạch {current} của năm {year}").format(
                    file=path, plan=info.plan, current=layout.plan.id, year=layout.year))
        found = False
        for name in (COMMUNES, PROVINCE):
            if name not in merged:
                continue
            read = read_sheet(path, name, geography=geography if name == COMMUNES else None, extra_indicators=extra)
            if read is None:
                continue
            found = True
            merged[name].files += 1
            warnings.extend(read.warnings)
            synthetic = synthetic or any(is_synthetic_note(text) for text in read.preamble)
            _take(merged[name], seen[name], read, path, layout)
        if NOMINEES in merged:
            found = _take_nominees(merged[NOMINEES], seen[NOMINEES], path, layout) or found
        if not found:
            raise DataError(_("{file}: không có sheet communes hay province; không phải mẫu nhập liệu của "
                              "chuyenhoa").format(file=path))
    sheets = tuple(_merged_sheet(sheet, merged[sheet.name], seen[sheet.name], layout) for sheet in layout.sheets)
    split = next(iter(splits)) if len(splits) == 1 else None
    unit = by or split or ("district" if geography.has_districts else "commune")
    if unit == "district" and not geography.has_districts:
        unit = "commune"
    missing = _missing(layout, merged, seen, unit)
    cells = sum(len(row) for m in merged.values() for row in m.cells.values())
    result = attrs.evolve(layout, sheets=sheets, synthetic=synthetic, merged_from=len(paths))
    return MergeResult(layout=result, files=paths, cells=cells, missing=missing, warnings=tuple(warnings))


def _take(merged: _Merged, seen: dict[Key, None], read: SheetRead, path: Path, layout: TemplateLayout) -> None:
    """Every filled cell of one sheet of one file, placed at its row key and column."""
    table = read.table
    communes = merged.sheet.name == COMMUNES
    for column in read.cells:
        if column not in merged.fixed:
            merged.check_column(path, column, layout.plan.id)
    years = table.columns["year"]
    codes = table.columns["commune_code"] if communes else None
    provinces = None if communes else table.columns.get("province_code")
    for index, row_number in enumerate(table.row_numbers):
        year = cast("int", years[index])  # typed by the reader: an int
        named = provinces[index] if provinces is not None else None
        key: Key = (str(codes[index]), year) if codes is not None else \
            ProvinceRow(year, str(named)) if named is not None else year
        seen.setdefault(key, None)
        merged.row(key)
        what = _("xã {code}, năm {year}").format(code=key[0], year=year) if isinstance(key, tuple) else \
            _("năm {year}, tỉnh mã {code}").format(year=year, code=named) if named is not None else \
            _("năm {year}").format(year=year)
        for column, cells in read.cells.items():
            if column in merged.fixed or is_blank(cells[index]):
                continue
            entry = _Entry(cells[index], table.columns[column][index], path, merged.sheet.name, row_number,
                           read.positions[column])
            merged.put(key, column, entry, what)


def _take_nominees(merged: _Merged, seen: dict[Key, None], path: Path, layout: TemplateLayout) -> bool:
    """The nominees sheet of one file, row by row (keyed by ``nominee_id``); False when the file has none.

    Cells are compared as written (trimmed, case-folded text; numbers as
    numbers): the awards reader types them later, and two spellings of one
    answer are better refused than guessed.
    """
    try:
        raw = read_table(path, NOMINEES, key="nominee_id")
    except MissingSheetError:
        return False
    merged.files += 1
    known = {c[0] for c in NOMINEE_COLUMNS}
    positions = dict((column, position) for position, column in named_columns(raw, {}))
    for column in positions:
        if column not in known:
            merged.check_column(path, column, layout.plan.id)
    if "nominee_id" not in positions:
        return True
    ids = raw.columns[positions["nominee_id"] - 1]
    for index, row_number in enumerate(raw.row_numbers):
        ident = parse_text(ids[index])
        if ident is None:
            raise DataError(_("{file} [sheet {sheet}], dòng {row}: thiếu mã đề nghị (nominee_id)").format(
                file=path, sheet=raw.sheet, row=row_number))
        seen.setdefault(ident, None)
        merged.row(ident)
        for column, position in positions.items():
            cell = raw.columns[position - 1][index]
            if is_blank(cell):
                continue
            merged.put(ident, column, _Entry(cell, _as_written(cell), path, raw.sheet or NOMINEES, row_number,
                                             position), _("đề nghị {ident}").format(ident=ident))
    return True


def _as_written(cell: Cell) -> object:
    if isinstance(cell, str):
        return nfc(cell).casefold()
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        return float(cell)
    return cell


def _writable(cell: Cell) -> object:
    """A cell as the template writer takes it: 12.0 as 12, so a number in a text column stays "12", not "12.0"."""
    if isinstance(cell, float) and cell.is_integer():
        return int(cell)
    return cell


def _merged_sheet(sheet: SheetLayout, merged: _Merged, seen: dict[Key, None], layout: TemplateLayout) -> SheetLayout:
    """``sheet`` with the merged cells in its rows, and the rows of other years the files added after them."""
    def key_of(row: Mapping[str, object]) -> Key:
        if sheet.name == COMMUNES:
            return (str(row["commune_code"]), cast("int", row["year"]))  # the layout's rows hold int years
        if sheet.name == PROVINCE:
            named = row.get("province_code")
            return ProvinceRow(cast("int", row["year"]), str(named)) if named else cast("int", row["year"])
        return str(row.get("nominee_id"))

    def filled(base: Mapping[str, object], key: Key) -> dict[str, object]:
        row = dict(base)
        row.update({column: _writable(entry.raw) for column, entry in merged.cells.get(key, {}).items()})
        return row

    rows: list[Mapping[str, object]] = []
    previous: list[bool] = []
    placed: set[Key] = set()
    for row, is_previous in zip(sheet.rows, sheet.previous or [False] * len(sheet.rows), strict=True):
        key = key_of(row)
        placed.add(key)
        rows.append(filled(row, key))
        previous.append(is_previous)
    fixed = {}
    if sheet.name == COMMUNES:
        fixed = {str(row["commune_code"]): row for row in sheet.rows}
    for key in seen:
        if key in placed:
            continue
        if isinstance(key, tuple):  # a commune's row of a year the template does not hold
            base: dict[str, object] = {c.id: fixed[key[0]].get(c.id) for c in sheet.columns if c.fixed}
            base["year"] = key[1]
        elif isinstance(key, int):
            base = {"year": key}
        elif isinstance(key, ProvinceRow):
            base = {"year": key.year, "province_code": key.code}
        else:
            base = {}
        rows.append(filled(base, key))
        previous.append(not isinstance(key, str) and _year(key) < layout.year)
    return attrs.evolve(sheet, rows=tuple(rows), previous=tuple(previous) if sheet.previous or previous else ())


def _year(key: Key) -> int:
    if isinstance(key, tuple):
        return key[1]
    if isinstance(key, ProvinceRow):
        return key.year
    return int(key)


def _missing(layout: TemplateLayout, merged: Mapping[str, _Merged], seen: Mapping[str, dict[Key, None]],
             unit: str) -> tuple[MissingUnit, ...]:
    """The units with no file or with rows still empty for the year, then the province-level figures."""
    geography = layout.geography
    missing: list[MissingUnit] = []
    if COMMUNES in merged:
        present = {key[0] for key in seen[COMMUNES] if isinstance(key, tuple)}
        filled = {key[0] for key, row in merged[COMMUNES].cells.items()
                  if isinstance(key, tuple) and key[1] == layout.year and row}
        units: list[tuple[str, str, str, list[str]]] = []
        if unit == "district":
            for district in sorted(geography.districts, key=lambda d: d.code):
                codes = [c.code for c in geography.communes_of(district.code)]
                if codes:
                    units.append(("district", district.code, district.name, codes))
        else:
            for commune in sorted(geography.communes, key=lambda c: (c.district_code or "", c.code)):
                units.append(("commune", commune.code, commune.name, [commune.code]))
        for kind, code, name, codes in units:
            no_file = not present.intersection(codes)
            empty = sum(c not in filled for c in codes)
            if no_file or empty:
                missing.append(MissingUnit(kind, code, name, len(codes), empty, no_file))
    if PROVINCE in merged:
        province = geography.province
        no_file = merged[PROVINCE].files == 0
        if no_file or not any(row for key, row in merged[PROVINCE].cells.items() if _year(key) == layout.year):
            missing.append(MissingUnit("province", province.code, province.name, 0, 1, no_file))
    return tuple(missing)
