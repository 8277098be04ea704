"""The data-entry workbook: a file commune and provincial police officers fill in Excel.

``chuyenhoa template --province X`` writes it; ``chuyenhoa evaluate --data`` reads
it back.  The officers work in Excel or LibreOffice and will not read a manual,
so the workbook carries its own: a first sheet ``Hướng dẫn`` that says what to
fill and why, one line per column with the clause it serves; cell validation
where Excel can enforce the contract (whole numbers ≥ 0, rates 0–100, a
có/không list); the previous year's figures already in place when a data file
is given, because targets compare with them.

The words follow the language (``--lang en``: a sheet ``Guide``, English headers
and prompts, a yes/no list); the sheets ``communes``, ``province``, ``nominees`` and
the column ids in the headers are the data contract and stay as they are, so a
template in either language reads back the same.

XlsxWriter writes it (see ``docs/excel.md`` for why): it is imported only here,
so reading data never loads it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from chuyenhoa.errors import ChuyenhoaError
from chuyenhoa.i18n import N_, _, _c, translate, using
from chuyenhoa.method.merger import crosses, map_of, summed_provinces
from chuyenhoa.method.plan import PlanMethod
from chuyenhoa.model import Plan, ValueKind
from chuyenhoa.output.files import atomic_file
from chuyenhoa.output.template.layout import (
    KIND_VI,
    Column,
    SheetLayout,
    TemplateLayout,
    TemplatePart,
    flag_words,
    nominee_kinds,
    nominee_template_layout,
    template_layout,
)
from chuyenhoa.plugins.host import PluginHost
from chuyenhoa.plugins.spec import ProvinceSpec
from chuyenhoa.reading.banner import SYNTHETIC_NOTE, is_synthetic_note
from chuyenhoa.reading.dataset import Dataset, check_geography, read_dataset
from chuyenhoa.reading.problems import Problems
from chuyenhoa.reading.properties import TemplateInfo

__all__ = ["GUIDE_SHEET", "SYNTHETIC_NOTE", "build_layout", "build_nominee_layout", "default_output",
           "is_synthetic_note", "save_template", "template_info", "write_layout", "write_nominee_template",
           "write_template"]

#: the name of the guide sheet (``N_``: the workbook names it in its language, ``translate(GUIDE_SHEET)``)
GUIDE_SHEET = N_("Hướng dẫn")

#: rows above the header row of each data sheet: title, hint, synthetic banner, column groups
TITLE_ROW, HINT_ROW, BANNER_ROW, GROUP_ROW, HEADER_ROW = 0, 1, 2, 3, 4
FIRST_DATA_ROW = HEADER_ROW + 1


#: Columns of codes, written and formatted as text so that a leading zero stays ("08", "01234").
CODE_COLUMNS = frozenset({"commune_code", "province_code"})


def default_output(slug: str, year: int, *, nominees: bool = False) -> Path:
    """``mau-nhap-lieu-tayninh-2024.xlsx`` in the current folder; ``de-nghi-khen-thuong-binhphuoc-2024.xlsx`` for
    the nominee workbook alone."""
    return Path(f"de-nghi-khen-thuong-{slug}-{year}.xlsx" if nominees else f"mau-nhap-lieu-{slug}-{year}.xlsx")


def build_nominee_layout(spec: ProvinceSpec, plan: Plan, method: PlanMethod) -> TemplateLayout:
    """The nominee workbook alone of ``spec``'s ``plan`` for the year of ``method`` (``template --nominees``)."""
    return nominee_template_layout(province=spec.name, slug=spec.slug, plan=plan, year=method.year,
                                   geography=method.geography)


def build_layout(
    spec: ProvinceSpec,
    plan: Plan,
    method: PlanMethod,
    *,
    previous: str | Path | None = None,
    previous_province: str | Path | None = None,
) -> TemplateLayout:
    """Decide the template of ``spec``'s ``plan`` for the year of ``method``.

    The caller resolves the method the hooks give for that year
    (:func:`chuyenhoa.method.plan.method_of`): the output stage is handed the
    method, it never asks the plugins for one.  ``previous`` is a data file (CSV or
    workbook) or ``"sample"`` for the pack's synthetic sample (the one for the
    year); its rows of ``year - 1`` are pre-filled.  ``previous_province`` is a
    separate CSV of the ``province`` table.  Only the rows on the map of ``year``
    are checked and used: across the reform of 01/07/2025 a code names another
    commune, so the template of 2025 is not pre-filled from 2024 and says why.
    """
    year, geography = method.year, method.geography
    dataset: Dataset | None = None
    synthetic = False
    source: str | None = None
    if previous is not None and str(previous) == "sample":
        if spec.sample is None:
            raise ChuyenhoaError(_("gói '{slug}' không có dữ liệu mẫu; hãy cho --from một tệp số liệu").format(
                slug=spec.slug))
        if previous_province is not None:
            raise ChuyenhoaError(_("--from-province không dùng cùng --from sample"))
        dataset = spec.sample_dataset(year=year)
        synthetic, source = True, _("dữ liệu mẫu giả lập của gói {slug}").format(slug=spec.slug)
    elif previous is not None:
        def check_codes(read: Dataset, problems: Problems) -> None:
            """The check below, made on a file refused for its cells too, so that one run lists both."""
            if not crosses(year):
                check_geography(read, geography, years=_same_map(read, year), problems=problems)

        dataset = read_dataset(previous, province_data=previous_province, extra_indicators=spec.indicators,
                               check_codes=check_codes)
        source = str(previous)
    elif previous_province is not None:
        raise ChuyenhoaError(_("--from-province cần đi cùng --from (bảng communes)"))
    warnings = list(method.warnings)
    if dataset is not None and crosses(year):
        warnings.append(_("Năm {previous} dùng danh mục đơn vị hành chính trước ngày {date}: mã xã đã đổi, nên mẫu "
                          "năm {year} không điền sẵn số liệu năm {previous}").format(
            previous=year - 1, year=year, date=f"{map_of(year).valid_from or geography.as_of:%d/%m/%Y}"))
        dataset, synthetic, source = None, False, None
    if dataset is not None:
        checked = check_geography(dataset, geography, years=_same_map(dataset, year))
        warnings.extend((*dataset.warnings, *checked))
    return template_layout(province=spec.name, slug=spec.slug, plan=plan, year=year, geography=geography,
                           hotspot_indicators=method.indicators, rule=method.rule, previous=dataset,
                           synthetic=synthetic, prefilled_from=source, warnings=warnings,
                           summed=summed_provinces(geography.province, year))


def _same_map(dataset: Dataset, year: int) -> list[int]:
    """The years of ``dataset`` on the map of ``year``: those whose codes the template's geography can check."""
    return [y for y in dataset.years if map_of(y).map_id == map_of(year).map_id]


def save_template(
    layout: TemplateLayout,
    output: str | Path | None = None,
    *,
    inputs: Sequence[str | Path | None] = (),
    overwrite: bool = False,
) -> Path:
    """Write a decided layout to ``output`` (default :func:`default_output`); return where it went.

    The file is written whole or not at all, never over one of ``inputs`` (the
    ``--from`` files), and never over an existing file unless ``overwrite`` (it may
    be a template somebody has already filled in).
    """
    target = Path(output) if output is not None else default_output(layout.slug, layout.year,
                                                                    nominees=layout.nominees_only)
    if target.suffix.lower() != ".xlsx":
        raise ChuyenhoaError(_("{path}: mẫu nhập liệu là tệp .xlsx; hãy đặt tên có đuôi .xlsx").format(path=target))
    with atomic_file(target, inputs=tuple(inputs), overwrite=overwrite) as temporary:
        write_layout(layout, temporary)
    return target


def write_template(
    province: str,
    output: str | Path | None = None,
    *,
    host: PluginHost,
    year: int | None = None,
    previous: str | Path | None = None,
    previous_province: str | Path | None = None,
    overwrite: bool = False,
) -> tuple[Path, TemplateLayout]:
    """Build and write the template of ``province`` with the plugins of ``host``; return where it went and what
    it holds.

    For embedding tools and tests, which hold a host: the host is a required
    argument, never the process-wide one, so the output stage looks nothing up
    (the command line resolves the plan itself and calls :func:`build_layout` and
    :func:`save_template`).
    """
    from chuyenhoa.method.plan import method_of

    spec = host.province(province)
    plan = spec.plan_for(year)
    layout = build_layout(spec, plan, method_of(host, spec, plan, year), previous=previous,
                          previous_province=previous_province)
    return save_template(layout, output, inputs=(previous, previous_province), overwrite=overwrite), layout


def write_nominee_template(province: str, output: str | Path | None = None, *, host: PluginHost,
                           year: int | None = None, overwrite: bool = False) -> tuple[Path, TemplateLayout]:
    """Build and write the nominee workbook alone of ``province`` (``chuyenhoa template --nominees``) with the
    plugins of ``host``; return where it went and what it holds."""
    from chuyenhoa.method.plan import method_of

    spec = host.province(province)
    plan = spec.plan_for(year)
    layout = build_nominee_layout(spec, plan, method_of(host, spec, plan, year))
    return save_template(layout, output, overwrite=overwrite), layout


# --- writing ----------------------------------------------------------------------------


class _Formats:
    """The few cell formats of the template, made once per workbook."""

    def __init__(self, book: Any) -> None:
        add = book.add_format
        self.title = add({"bold": True, "font_size": 13})
        self.hint = add({"italic": True, "font_color": "#404040"})
        self.banner = add({"bold": True, "font_color": "#9C0006", "bg_color": "#FFEB9C"})
        self.group = add({"bold": True, "align": "center", "valign": "vcenter", "text_wrap": True, "border": 1,
                          "bg_color": "#BDD7EE"})
        self.header = add({"bold": True, "text_wrap": True, "valign": "top", "border": 1, "bg_color": "#DDEBF7"})
        self.fixed = add({"bg_color": "#F2F2F2", "border": 1, "border_color": "#D9D9D9"})
        self.fixed_text = add({"bg_color": "#F2F2F2", "border": 1, "border_color": "#D9D9D9", "num_format": "@"})
        self.previous = add({"bg_color": "#E7E6E6"})
        self.previous_text = add({"bg_color": "#E7E6E6", "num_format": "@"})
        self.text = add({"num_format": "@"})
        self.wrap = add({"text_wrap": True, "valign": "top"})
        self.wrap_bold = add({"text_wrap": True, "valign": "top", "bold": True, "bg_color": "#DDEBF7",
                              "border": 1})
        self.cell = add({"text_wrap": True, "valign": "top", "border": 1, "border_color": "#D9D9D9"})


def template_info(layout: TemplateLayout) -> TemplateInfo:
    """What the workbook of ``layout`` says about itself in its document properties.

    ``chuyenhoa merge`` reads it back (:mod:`chuyenhoa.reading.properties`) to know
    the province and year of each file it is given, and whether two files belong
    together, without asking the user.
    """
    part = layout.part
    if part is None:
        return TemplateInfo(province=layout.slug, year=layout.year, plan=layout.plan.id)
    return TemplateInfo(province=layout.slug, year=layout.year, plan=layout.plan.id, part=part.kind, unit=part.code,
                        unit_name=part.name, by=part.by)


def part_title(part: TemplatePart) -> str:
    """How a file of a split template names its share: the unit, or the province-level figures."""
    return _("số liệu toàn tỉnh") if part.kind == "province" else part.name


def write_layout(layout: TemplateLayout, path: str | Path) -> None:
    """Write ``layout`` as an .xlsx file at ``path`` (the caller makes it atomic), in the layout's language."""
    with using(layout.language):
        _write_book(layout, path)


def _write_book(layout: TemplateLayout, path: str | Path) -> None:
    import xlsxwriter  # imported here: reading data never pays for the writer

    book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False,
                                           "strings_to_urls": False})
    formats = _Formats(book)
    plan = layout.plan
    title = _("Mẫu nhập số liệu chuyển hóa địa bàn — {province} — năm {year}")
    if layout.nominees_only:
        title = _("Mẫu danh sách đề nghị khen thưởng — {province} — năm {year}")
    book.set_properties({
        "title": title.format(province=layout.province, year=layout.year),
        "subject": _("Kế hoạch {plan} ({issuer})").format(plan=plan.id, issuer=plan.issuer),
        "comments": translate(SYNTHETIC_NOTE) if layout.synthetic else _("Sinh bởi chuyenhoa template"),
    })
    for name, value in template_info(layout).properties().items():
        book.set_custom_property(name, value)
    guide = book.add_worksheet(translate(GUIDE_SHEET))
    placed: list[tuple[SheetLayout, list[str]]] = []
    for sheet in layout.sheets:
        placed.append((sheet, _write_sheet(book, formats, layout, sheet)))
    _write_guide(guide, formats, layout, placed)
    guide.activate()
    book.close()


def _width(column: Column, values: Sequence[object]) -> float:
    longest_word = max((len(w) for w in column.header.split()), default=8)
    width = max(longest_word + 2, math.ceil(len(column.header) / 4) + 2, 9)
    if column.fixed:
        width = max([width, *(len(str(v)) + 2 for v in values if v is not None)])
    return min(width, 32)


def _validation(column: Column) -> dict[str, object]:
    message = f"{column.label}. {column.use}".strip()
    options: dict[str, object] = {
        "input_title": column.id[:32],
        "input_message": message if len(message) <= 255 else message[:254] + "…",
        "error_title": _("Giá trị không hợp lệ")[:32],
        "error_message": _("Cột {column}: cần {kind}. Để trống nếu chưa có số liệu.").format(
            column=column.id, kind=translate(KIND_VI[column.kind]))[:255],
        "ignore_blank": True,
    }
    if column.id == "kind" and column.group == "nominees":
        options.update(validate="list", source=list(nominee_kinds()))
    elif column.kind is ValueKind.COUNT:
        options.update(validate="integer", criteria=">=", value=0)
    elif column.kind is ValueKind.RATE:
        options.update(validate="decimal", criteria="between", minimum=0, maximum=100)
    elif column.kind is ValueKind.FLAG:
        options.update(validate="list", source=list(flag_words()))
    else:
        options.update(validate="any")
    return options


def _write_value(sheet: Any, row: int, col: int, value: object, fmt: Any, text: bool) -> None:
    if value is None or value == "":
        if fmt is not None:
            sheet.write_blank(row, col, None, fmt)
    elif isinstance(value, bool):
        yes, no = flag_words()
        sheet.write_string(row, col, yes if value else no, fmt)
    elif isinstance(value, (int, float)) and not text:
        sheet.write_number(row, col, value, fmt)
    else:
        sheet.write_string(row, col, str(value), fmt)


def _write_sheet(book: Any, formats: _Formats, layout: TemplateLayout, sheet: SheetLayout) -> list[str]:
    """Write one data sheet; return the column letters, in column order."""
    from xlsxwriter.utility import xl_col_to_name

    ws = book.add_worksheet(sheet.name)
    columns = sheet.columns
    last_col = len(columns) - 1
    title = _("{title} — {province}, năm {year}, kế hoạch {plan}").format(
        title=sheet.title, province=layout.province, year=layout.year, plan=layout.plan.id)
    if layout.part is not None:
        title += f" — {part_title(layout.part)}"
    ws.write_string(TITLE_ROW, 0, title, formats.title)
    ws.write_string(HINT_ROW, 0, _("Nhập vào các ô trắng; xem sheet “{guide}”. Không sửa dòng tiêu đề (mã trong "
                                   "ngoặc là tên cột máy đọc) và các cột tô xám.").format(guide=translate(GUIDE_SHEET)),
                    formats.hint)
    if layout.synthetic:
        ws.write_string(BANNER_ROW, 0, translate(SYNTHETIC_NOTE), formats.banner)
    # the column groups, one merged band each
    start = 0
    while start < len(columns):
        end = start
        while end + 1 < len(columns) and columns[end + 1].group == columns[start].group:
            end += 1
        title = next(g.title for g in sheet.groups if g.key == columns[start].group)
        if end > start:
            ws.merge_range(GROUP_ROW, start, GROUP_ROW, end, title, formats.group)
        else:
            ws.write_string(GROUP_ROW, start, title, formats.group)
        start = end + 1
    lines = 1
    for index, column in enumerate(columns):
        values = [r.get(column.id) for r in sheet.rows]
        width = _width(column, values)
        lines = max(lines, math.ceil(len(column.header) / max(width - 1, 1)))
        text = column.kind is ValueKind.TEXT or column.id in CODE_COLUMNS
        ws.set_column(index, index, width, formats.text if text else None)
        ws.write_string(HEADER_ROW, index, column.header, formats.header)
    ws.set_row(HEADER_ROW, min(15 * lines + 4, 160))
    ws.set_row(GROUP_ROW, 32)
    for offset, row in enumerate(sheet.rows):
        is_previous = offset < len(sheet.previous) and sheet.previous[offset]
        for index, column in enumerate(columns):
            text = column.kind is ValueKind.TEXT or column.id in CODE_COLUMNS
            if column.fixed:
                fmt = formats.fixed_text if text else formats.fixed
            elif is_previous:
                fmt = formats.previous_text if text else formats.previous
            else:
                fmt = None
            _write_value(ws, FIRST_DATA_ROW + offset, index, row.get(column.id), fmt, text)
    data_rows = max(len(sheet.rows), sheet.blank_rows)
    last_row = FIRST_DATA_ROW + data_rows - 1
    for index, column in enumerate(columns):
        if not column.fixed and data_rows:
            ws.data_validation(FIRST_DATA_ROW, index, last_row, index, _validation(column))
    ws.freeze_panes(FIRST_DATA_ROW, 2 if sheet.key == "commune_code" else 1)
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.repeat_rows(GROUP_ROW, HEADER_ROW)
    if sheet.rows:
        ws.autofilter(HEADER_ROW, 0, last_row, last_col)
    return [xl_col_to_name(i) for i in range(len(columns))]


def _write_guide(ws: Any, formats: _Formats, layout: TemplateLayout,
                 placed: Sequence[tuple[SheetLayout, Sequence[str]]]) -> None:
    plan = layout.plan
    widths = (12, 7, 28, 44, 26, 70)
    for index, width in enumerate(widths):
        ws.set_column(index, index, width)
    row = 0

    def paragraph(text: str, fmt: Any = formats.wrap) -> None:
        nonlocal row
        ws.merge_range(row, 0, row, len(widths) - 1, text, fmt)
        ws.set_row(row, 15 * max(1, math.ceil(len(text) / 170)) + 2)
        row += 1

    heading = _("HƯỚNG DẪN NHẬP SỐ LIỆU — {province} — năm {year}").format(province=layout.province,
                                                                      year=layout.year)
    if layout.nominees_only:
        heading = _("HƯỚNG DẪN LẬP DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG — {province} — năm {year}").format(
            province=layout.province, year=layout.year)
    if layout.part is not None:
        heading += f" — {part_title(layout.part)}"
    ws.write_string(row, 0, heading, formats.title)
    row += 1
    if layout.synthetic:
        paragraph(translate(SYNTHETIC_NOTE), formats.banner)
    paragraph(_("Kế hoạch {plan} ngày {date} của {issuer}: {title}").format(
        plan=plan.id, date=f"{plan.date:%d/%m/%Y}", issuer=plan.issuer, title=plan.title) + ".")
    sheets = ", ".join(f"“{s.name}”" for s in layout.sheets)
    year, previous = layout.year, layout.year - 1
    yes, no = flag_words()
    part = layout.part
    units = (_("huyện") if part.by == "district" else _("xã")) if part is not None else ""
    if part is None:
        intro = _("Tệp gồm các sheet {sheets}. Sheet “communes” có mỗi xã, phường, thị trấn một dòng cho năm {year}, "
                  "rồi một dòng cho năm {previous} (nền xám nhạt). Sheet “province” có số liệu toàn tỉnh năm {year} "
                  "và năm {previous}.").format(sheets=sheets, year=year, previous=previous)
    elif part.kind == "province":
        intro = _("Tệp này là phần số liệu toàn tỉnh, do Công an tỉnh nhập (sheet {sheets}). Sheet “province” có số "
                  "liệu toàn tỉnh năm {year} và năm {previous}. Số liệu của từng xã nằm ở tệp riêng của từng "
                  "{units}.").format(sheets=sheets, year=year, previous=previous, units=units)
    else:
        intro = _("Tệp gồm sheet {sheets}, chỉ cho {unit}: mỗi xã, phường, thị trấn của {unit} một dòng cho năm "
                  "{year}, rồi một dòng cho năm {previous} (nền xám nhạt). Số liệu toàn tỉnh (sheet “province”) do "
                  "Công an tỉnh nhập ở tệp riêng.").format(sheets=sheets, unit=part.name, year=year,
                                                             previous=previous)
    province_sheet = layout.sheet("province")
    if province_sheet is not None and any(c.id == "province_code" for c in province_sheet.columns):
        intro += " " + _("Năm {previous}, mỗi tỉnh cũ hợp thành {province} có một dòng riêng trong sheet “province” "
                         "(mã và tên tỉnh theo danh mục năm {previous}, đã điền sẵn): số liệu năm {year} được so với "
                         "tổng của các dòng đó.").format(previous=previous, province=layout.province, year=year)
    if layout.merged_from:
        intro += " " + _("Tệp này được gộp từ {count} tệp bằng chuyenhoa merge.").format(count=layout.merged_from)
    hotspot_step = _("4. Cột “hotspot”: ghi “{yes}” cho các xã được Ban Chỉ đạo phê duyệt là địa bàn trọng điểm "
                     "năm {year} (các xã khác ghi “{no}” hoặc để trống). Để trống cả cột thì công cụ đề xuất danh sách "
                     "theo tiêu chí.").format(yes=yes, no=no, year=year)
    if layout.sheet("communes") is None:
        hotspot_step = _("4. Danh sách địa bàn trọng điểm (cột “hotspot”) và số liệu của từng xã được nhập ở tệp của "
                         "từng {units}, không ở tệp này.").format(units=units)
    if part is None:
        last_step = _("6. Khi xong, lưu tệp (.xlsx hoặc .ods) và chạy: chuyenhoa evaluate --province {slug} --year "
                      "{year} --data <tên tệp>. Ô nhập sai được báo kèm sheet, dòng và cột.").format(slug=layout.slug,
                                                                                                   year=year)
    else:
        last_step = _("6. Khi xong, lưu tệp (.xlsx hoặc .ods), không đổi tên sheet, và gửi về nơi tổng hợp. Nơi tổng "
                      "hợp chép mọi tệp vào một thư mục rồi chạy: chuyenhoa merge <thư mục> --output <tệp gộp>.xlsx, "
                      "rồi chuyenhoa evaluate --province {slug} --year {year} --data <tệp gộp>.xlsx.").format(
            slug=layout.slug, year=year)
    steps = [
        intro
        + (" " + _("Sheet “nominees” để kê các tập thể, cá nhân được đề nghị khen thưởng, mỗi người một dòng.")
           if any(s.name == "nominees" for s in layout.sheets) else ""),
        _("1. Chỉ nhập vào các ô trắng. Mã xã, tên xã, loại, huyện và năm đã điền sẵn (tô xám): không sửa, không "
          "xóa dòng. Không đổi tên sheet, không sửa các dòng tiêu đề: mã trong ngoặc cuối mỗi tiêu đề (ví dụ "
          "criminal_offences) là tên cột mà máy đọc."),
        _("2. Ô để trống là chưa có số liệu, không phải số 0. Nếu số liệu là 0 thì nhập 0."),
        _("3. Số lượng: số nguyên không âm (ví dụ 12). Tỷ lệ: số phần trăm từ 0 đến 100, nhập 75 hoặc 75,5 (gõ 75% "
          "cũng được đọc là 75), không nhập 0,75. Có/không: chọn “{yes}” hoặc “{no}” trong danh sách.").format(
            yes=yes, no=no),
        hotspot_step,
        _("5. Các dòng năm {previous} là số liệu năm trước: điều kiện “giảm cơ bản tội phạm” so số vụ phạm pháp "
          "hình sự năm {year} với năm {previous}, và các chỉ tiêu “so với năm trước” cần số liệu năm "
          "{previous}.").format(year=year, previous=previous)
        + " " + (_("Các dòng này đã được điền sẵn từ {source}; sửa nếu số liệu đã được điều chỉnh.").format(
            source=layout.prefilled_from)
                 if layout.prefilled_from else _("Hãy điền ít nhất số vụ phạm pháp hình sự năm trước của các "
                                                 "địa bàn.")),
        last_step,
    ]
    if layout.nominees_only:
        steps = _nominee_steps(layout)
    for text in steps:
        paragraph(text)
    for warning in layout.warnings:
        paragraph(_("Lưu ý: {warning}").format(warning=warning), formats.hint)
    row += 1
    headers = ("Sheet", _("Cột"), _("Mã cột (id)"), _c("meaning", "Nội dung"), _("Cách nhập"),
               _("Dùng cho (điều khoản)"))
    for index, header in enumerate(headers):
        ws.write_string(row, index, header, formats.wrap_bold)
    header_row = row
    row += 1
    for sheet, letters in placed:
        for column, letter in zip(sheet.columns, letters, strict=True):
            cells = (sheet.name, letter, column.id, column.label, translate(KIND_VI[column.kind]), column.use)
            for index, value in enumerate(cells):
                ws.write_string(row, index, value, formats.cell)
            ws.set_row(row, 15 * max(1, math.ceil(len(column.use) / 70), math.ceil(len(column.label) / 44)) + 2)
            row += 1
    ws.freeze_panes(header_row + 1, 0)
    ws.autofilter(header_row, 0, row - 1, len(headers) - 1)
    # printed for a meeting: landscape, one page wide, the column titles on every page
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(header_row)


def _nominee_steps(layout: TemplateLayout) -> list[str]:
    """The guide of the nominee workbook alone: what each column wants, the plan's rules, how to run the check."""
    from chuyenhoa.awards.scheme import scheme_from_plan
    from chuyenhoa.output.awards.contents import rule_lines

    sheet = layout.sheet("nominees")
    assert sheet is not None
    yes, no = flag_words()
    collective, individual = nominee_kinds()
    steps = [
        _("Tệp gồm sheet “nominees”: mỗi tập thể, cá nhân được đề nghị khen thưởng một dòng."),
        _("1. Mỗi tập thể, cá nhân một dòng, với một mã riêng ở cột “{id}” (ví dụ TT01, CN01); không ghi tên vào cột "
          "mã. Không đổi tên sheet, không sửa dòng tiêu đề: mã trong ngoặc cuối mỗi tiêu đề (ví dụ nominee_id) là "
          "tên cột mà máy đọc.").format(id=sheet.column("nominee_id").label),
        _("2. Cột “{kind}”: chọn “{collective}” hoặc “{individual}” trong danh sách. Cột “{unit}” ghi tự do.").format(
            kind=sheet.column("kind").label, collective=collective, individual=individual,
            unit=sheet.column("unit").label),
        _("3. Các cột có/không: chọn “{yes}” hoặc “{no}” trong danh sách. Ô để trống là chưa có thông tin, không phải "
          "“{no}”: khi quy định cần thông tin đó, hồ sơ không xét được. Cột “{leader}” chỉ ghi cho cá nhân, cột "
          "“{grassroots}” chỉ ghi cho tập thể.").format(yes=yes, no=no, leader=sheet.column("leader").label,
                                                       grassroots=sheet.column("grassroots").label),
        _("4. Tệp có tên và đơn vị công tác của người được đề nghị: chỉ gửi cho người có trách nhiệm xét khen "
          "thưởng. Khi cần gửi rộng hơn, chạy chuyenhoa awards với --redact: tên được thay bằng mã, các cột có thể "
          "chứa thông tin cá nhân được bỏ."),
        _("5. Khi xong, lưu tệp (.xlsx hoặc .ods) và chạy: chuyenhoa awards --province {slug} --year {year} "
          "--nominees <tên tệp>; thêm --format docx --output <tệp>.docx để có tờ trình, --format xlsx --output "
          "<tệp>.xlsx để có danh sách.").format(slug=layout.slug, year=layout.year),
    ]
    rules = rule_lines(scheme_from_plan(layout.plan))
    if rules:
        steps.append(_("Quy định khen thưởng của kế hoạch {plan}:").format(plan=layout.plan.id))
        steps += [f"- {r.what} ({r.applies}): {r.text} ({r.source})" for r in rules]
    return steps


def cells_by_id(sheet: SheetLayout) -> Mapping[str, int]:
    """The 0-based column index of each id in ``sheet`` (used by tests and tools that fill a template)."""
    return {c.id: i for i, c in enumerate(sheet.columns)}
