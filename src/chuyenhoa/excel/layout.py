"""What the data-entry workbook holds, decided once, apart from how it is written.

The layout is plain data (sheets, column groups, columns with the meaning and the
clause each serves, pre-filled rows), so the writer stays a loop over it and the
tests can check the contract — every column of INDICATORS.md, every indicator a
pack adds, every hotspot indicator with its threshold — without opening a file.

Every column header is written ``Nhãn tiếng Việt (id)``: the person reads the
label, :func:`chuyenhoa.tables.header_id` reads the id in the parentheses.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from chuyenhoa.comparators import Comparator
from chuyenhoa.dataset import INFORMATIONAL_COLUMNS, Dataset
from chuyenhoa.indicators import COMMUNES, CRITERIA, CRITERIA_GROUPS, GROUP_CLAUSE, PROVINCE, catalogue
from chuyenhoa.model import Basis, CommuneKind, Geography, HotspotIndicator, Indicator, Plan, TargetScope, ValueKind
from chuyenhoa.national import DOCUMENT, GATE_SOURCE

__all__ = [
    "KIND_VI",
    "NOMINEE_COLUMNS",
    "Column",
    "Group",
    "SheetLayout",
    "TemplateLayout",
    "template_layout",
]

#: What a person types in a column of each kind, said in the guide.
KIND_VI: Mapping[ValueKind | None, str] = {
    ValueKind.COUNT: "số nguyên ≥ 0",
    ValueKind.RATE: "tỷ lệ % từ 0 đến 100 (nhập 75, không nhập 0,75)",
    ValueKind.FLAG: "có / không",
    ValueKind.NUMBER: "số",
    ValueKind.TEXT: "chữ",
    None: "điền sẵn, không sửa",
}
COMMUNE_KIND_VI: Mapping[CommuneKind, str] = {
    CommuneKind.XA: "Xã",
    CommuneKind.PHUONG: "Phường",
    CommuneKind.THI_TRAN: "Thị trấn",
    CommuneKind.DAC_KHU: "Đặc khu",
}
NOMINEE_KINDS_VI = ("tập thể", "cá nhân")

# id, kind, label, meaning — the nominees table of INDICATORS.md
NOMINEE_COLUMNS: tuple[tuple[str, ValueKind, str, str], ...] = (
    ("nominee_id", ValueKind.TEXT, "Mã đề nghị", "mã do đơn vị đặt, mỗi tập thể, cá nhân một mã, không trùng"),
    ("name", ValueKind.TEXT, "Tên tập thể, cá nhân",
     "dữ liệu cá nhân: chỉ gửi cho người có trách nhiệm xét khen thưởng"),
    ("kind", ValueKind.TEXT, "Tập thể/cá nhân", "chọn “tập thể” hoặc “cá nhân”"),
    ("unit", ValueKind.TEXT, "Cơ quan, đơn vị", "cơ quan, đơn vị hoặc xã mà tập thể, cá nhân thuộc về"),
    ("leader", ValueKind.FLAG, "Lãnh đạo, quản lý từ Phó trưởng phòng trở lên",
     "chỉ với cá nhân: giữ chức vụ lãnh đạo, quản lý từ Phó trưởng phòng và tương đương trở lên"),
    ("grassroots", ValueKind.FLAG, "Tập thể cấp cơ sở", "chỉ với tập thể: tập thể cấp cơ sở (xã, phường, thị trấn)"),
    ("targets_met", ValueKind.FLAG, "Đạt và vượt các chỉ tiêu được giao", "đã đạt và vượt các chỉ tiêu được giao"),
    ("achievement_score", ValueKind.NUMBER, "Điểm thành tích (đơn vị đề nghị tự chấm)",
     "không bắt buộc: điểm xếp hạng của đơn vị đề nghị"),
    ("has_submission", ValueKind.FLAG, "Có tờ trình kèm tóm tắt thành tích", "hồ sơ: tờ trình đề nghị"),
    ("has_minutes", ValueKind.FLAG, "Có biên bản họp Hội đồng Thi đua - Khen thưởng", "hồ sơ: biên bản họp hội đồng"),
    ("has_report", ValueKind.FLAG, "Có báo cáo thành tích có xác nhận", "hồ sơ: báo cáo thành tích"),
)
#: empty rows of the nominees sheet that carry the cell validation
NOMINEE_ROWS = 200


@attrs.frozen
class Column:
    """One column of a sheet: what it holds, what it means, which clause it serves.

    ``kind`` None marks a column the template fills (code, name, kind, district,
    year) and a person leaves alone.
    """

    id: str
    label: str
    kind: ValueKind | None
    group: str
    meaning: str = ""
    use: str = ""
    fixed: bool = False

    @property
    def header(self) -> str:
        return f"{self.label} ({self.id})"


@attrs.frozen
class Group:
    """A band of columns under one title in the row above the headers."""

    key: str
    title: str


@attrs.frozen
class SheetLayout:
    """A sheet: its title lines, column groups, columns and pre-filled rows.

    ``rows`` holds one mapping per data row (column id → value); ``previous``
    says which of them are the previous year's (shaded, pre-filled from
    ``--from``); ``blank_rows`` is how many empty rows beyond them carry the
    validation (the nominees sheet starts empty).
    """

    name: str
    title: str
    key: str
    groups: tuple[Group, ...]
    columns: tuple[Column, ...]
    rows: tuple[Mapping[str, object], ...] = ()
    previous: tuple[bool, ...] = ()
    blank_rows: int = 0

    def column(self, ident: str) -> Column:
        return next(c for c in self.columns if c.id == ident)


@attrs.frozen
class TemplateLayout:
    """The whole workbook: the plan it serves, its sheets, and what the guide must say."""

    province: str
    slug: str
    plan: Plan
    year: int
    geography: Geography
    sheets: tuple[SheetLayout, ...]
    synthetic: bool = False
    prefilled_from: str | None = None
    warnings: tuple[str, ...] = ()


def _threshold_text(comparator: Comparator, threshold: float | bool, kind: ValueKind | None) -> str:
    if isinstance(threshold, bool):
        return f"ghi “{'có' if threshold else 'không'}”"
    value = f"{threshold:g}".replace(".", ",")
    return f"{comparator.value} {value}{'%' if kind is ValueKind.RATE else ''}"


def _hotspot_use(indicator: HotspotIndicator, kind: ValueKind | None) -> str:
    threshold = _threshold_text(indicator.comparator, indicator.threshold, kind)
    return f"Chỉ tiêu của địa bàn chuyển hóa: đạt khi {threshold} ({indicator.source})"


_BASE_USE: Mapping[str, str] = {
    "commune_code": "Mã đơn vị hành chính cấp xã (Tổng cục Thống kê); máy đọc theo mã này",
    "commune_name": "Tên xã theo danh mục; để đối chiếu với mã",
    "commune_kind": "Loại đơn vị; để tham khảo, không được đọc",
    "district_name": "Huyện, thị xã, thành phố; để tham khảo, không được đọc",
    "year": "Năm của số liệu",
    "hotspot": f"Danh sách địa bàn trọng điểm được phê duyệt ({DOCUMENT} §III.2); để trống cả cột thì công cụ "
               "đề xuất danh sách",
    "relapsed": f"Địa bàn đã chuyển hóa nay phức tạp trở lại: mục tiêu ≥ 85% không tái phức tạp ({DOCUMENT} §II.1)",
    "transformed": f"Quyết định công nhận chuyển hóa thành công, cho năm số liệu chưa đủ để tính ({DOCUMENT} §III.2)",
    "population": "Quy mô, để so sánh các xã",
    "households": "Quy mô, để so sánh các xã",
    "new_complexity": f"Điều kiện bắt buộc: không để phức tạp nổi lên về TTATXH ({GATE_SOURCE.document} "
                      f"{GATE_SOURCE.clause})",
}


def template_layout(
    *,
    province: str,
    slug: str,
    plan: Plan,
    year: int,
    geography: Geography,
    hotspot_indicators: Sequence[HotspotIndicator],
    previous: Dataset | None = None,
    synthetic: bool = False,
    prefilled_from: str | None = None,
    warnings: Sequence[str] = (),
) -> TemplateLayout:
    """Decide every sheet of the template for ``plan`` and ``year`` on ``geography``.

    ``previous`` is the data of ``--from``: its rows of ``year - 1`` fill the
    previous-year rows, because the gate "crime basically decreased" and every
    target "so với năm trước" compare with them.
    """
    known = catalogue(plan.indicators)
    communes = _communes_sheet(plan, year, geography, known, hotspot_indicators, previous)
    province_sheet = _province_sheet(plan, year, known, previous)
    sheets = [communes, province_sheet]
    if plan.awards is not None:
        sheets.append(_nominees_sheet(plan.awards))
    found_previous = previous is not None and bool(previous.rows_of_year(year - 1))
    notes = list(warnings)
    if previous is not None and not found_previous:
        notes.append(f"Tệp {prefilled_from} không có dòng năm {year - 1} trong bảng communes: "
                     "các dòng năm trước để trống")
    return TemplateLayout(province=province, slug=slug, plan=plan, year=year, geography=geography,
                          sheets=tuple(sheets), synthetic=synthetic, prefilled_from=prefilled_from,
                          warnings=tuple(notes))


def _communes_sheet(plan: Plan, year: int, geography: Geography, known: Mapping[str, Indicator],
                    hotspot_indicators: Sequence[HotspotIndicator], previous: Dataset | None) -> SheetLayout:
    columns: list[Column] = []
    groups: list[Group] = []
    placed: set[str] = set()
    snapshot = f"{geography.as_of:%d/%m/%Y}"

    def group(key: str, title: str) -> None:
        groups.append(Group(key, title))

    def add(ident: str, group_key: str, use: str = "", *, fixed: bool = False) -> None:
        if ident in placed:
            return
        placed.add(ident)
        indicator = known.get(ident)
        label = indicator.label if indicator is not None else INFORMATIONAL_COLUMNS[ident]
        kind = None if fixed else (indicator.kind if indicator is not None else ValueKind.TEXT)
        meaning = label
        columns.append(Column(ident, label, kind, group_key, meaning, use or _BASE_USE.get(ident, ""), fixed))

    group("unit", f"Đơn vị hành chính (danh mục ngày {snapshot}) — điền sẵn")
    for ident in ("commune_code", "commune_name", "commune_kind", "district_name", "year"):
        add(ident, "unit", fixed=True)
    group("list", f"Địa bàn trọng điểm, phức tạp ({DOCUMENT} §III.2)")
    for ident in ("hotspot", "relapsed", "transformed"):
        add(ident, "list")
    group("size", "Quy mô")
    for ident in ("population", "households"):
        add(ident, "size")
    for key, title in CRITERIA_GROUPS.items():
        clause = f"{DOCUMENT} {GROUP_CLAUSE[key]}"
        group(key, f"{title} ({clause})")
        for ident in CRITERIA[key]:
            use = f"Tiêu chí lựa chọn địa bàn, {title.lower()} ({clause})"
            if ident == "criminal_offences":
                use += (f"; so với năm trước: điều kiện giảm cơ bản tội phạm ({GATE_SOURCE.document} "
                        f"{GATE_SOURCE.clause})")
            add(ident, key, use)
    sources = sorted({str(i.source) for i in hotspot_indicators})
    group("indicators", f"Chỉ tiêu của địa bàn chuyển hóa ({'; '.join(sources)})")
    for indicator in hotspot_indicators:
        if indicator.id in known and COMMUNES in known[indicator.id].tables:
            add(indicator.id, "indicators", _hotspot_use(indicator, known[indicator.id].kind))
    group("gates", f"Điều kiện chuyển hóa ({GATE_SOURCE.document} {GATE_SOURCE.clause})")
    add("new_complexity", "gates")
    group("pack", f"Chỉ số riêng của kế hoạch {plan.id}")
    for indicator in plan.indicators:
        if COMMUNES in indicator.tables:
            add(indicator.id, "pack", f"Chỉ số riêng của kế hoạch ({indicator.source or plan.id})")
    group("other", "Chỉ số khác của INDICATORS.md")
    for ident, indicator in known.items():
        if COMMUNES in indicator.tables and not indicator.computed:
            add(ident, "other", "Cột của hợp đồng dữ liệu (INDICATORS.md)")
    used = {c.group for c in columns}
    kept_groups = tuple(g for g in groups if g.key in used)

    rows: list[Mapping[str, object]] = []
    flags: list[bool] = []
    ordered = sorted(geography.communes, key=lambda c: (c.district_code or "", c.code))
    for commune_year, is_previous in ((year, False), (year - 1, True)):
        for commune in ordered:
            district = geography.district(commune.district_code) if commune.district_code else None
            row: dict[str, object] = {
                "commune_code": commune.code, "commune_name": commune.name,
                "commune_kind": COMMUNE_KIND_VI[commune.kind], "district_name": district.name if district else "",
                "year": commune_year,
            }
            if is_previous and previous is not None:
                index = previous.row(commune.code, commune_year)
                if index is not None:
                    for column in columns:
                        if not column.fixed:
                            row[column.id] = previous.communes.value(column.id, index)
            rows.append(row)
            flags.append(is_previous)
    return SheetLayout(name=COMMUNES, title="Bảng communes: mỗi xã một dòng mỗi năm", key="commune_code",
                       groups=kept_groups, columns=tuple(columns), rows=tuple(rows), previous=tuple(flags))


def _province_sheet(plan: Plan, year: int, known: Mapping[str, Indicator], previous: Dataset | None) -> SheetLayout:
    uses: dict[str, list[str]] = {}
    for target in plan.targets:
        indicator = known.get(target.indicator)
        if target.scope is not TargetScope.PROVINCE or indicator is None or indicator.computed:
            continue
        if target.basis is Basis.CHANGE_PCT:
            text = (f"{target.label}: mức thay đổi so với năm trước "
                    f"{_threshold_text(target.comparator, target.threshold, ValueKind.RATE)} ({target.source})")
        else:
            text = f"{target.label}: {_threshold_text(target.comparator, target.threshold, indicator.kind)} " \
                   f"({target.source})"
        uses.setdefault(target.indicator, []).append(text)
    for indicator in plan.indicators:
        if PROVINCE in indicator.tables:
            uses.setdefault(indicator.id, [f"Chỉ số riêng của kế hoạch ({indicator.source or plan.id})"])
    columns = [Column("year", known["year"].label, None, "unit", known["year"].label, "Năm của số liệu", True)]
    for ident, texts in uses.items():
        indicator = known[ident]
        columns.append(Column(ident, indicator.label, indicator.kind, "targets", indicator.label,
                              "Chỉ tiêu " + "; ".join(texts)))
    groups = (Group("unit", "Năm số liệu"),  # never "Năm": that is the label of `year`, the key of the sheet
              Group("targets", f"Số liệu toàn tỉnh cho các chỉ tiêu của kế hoạch {plan.id}"))
    rows: list[Mapping[str, object]] = []
    for row_year, is_previous in ((year, False), (year - 1, True)):
        row: dict[str, object] = {"year": row_year}
        if is_previous and previous is not None and previous.has_province_year(row_year):
            for column in columns[1:]:
                row[column.id] = previous.province_value(row_year, column.id)
        rows.append(row)
    return SheetLayout(name=PROVINCE, title="Bảng province: số liệu toàn tỉnh, mỗi năm một dòng", key="year",
                       groups=groups, columns=tuple(columns), rows=tuple(rows), previous=(False, True))


def _nominees_sheet(awards: Mapping[str, Any]) -> SheetLayout:
    source = awards.get("source")
    form = awards.get("form")
    title = "Đề nghị khen thưởng" + (f": {form}" if isinstance(form, str) else "") + \
        (f" ({source})" if isinstance(source, str) else "")
    columns = tuple(Column(ident, label, kind, "nominees", meaning, meaning)
                    for ident, kind, label, meaning in NOMINEE_COLUMNS)
    return SheetLayout(name="nominees", title="Bảng nominees: mỗi tập thể, cá nhân được đề nghị một dòng",
                       key="nominee_id", groups=(Group("nominees", title),), columns=columns,
                       blank_rows=NOMINEE_ROWS)
