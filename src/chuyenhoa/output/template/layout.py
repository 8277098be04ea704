"""What the data-entry workbook holds, decided once, apart from how it is written.

The layout is plain data (sheets, column groups, columns with the meaning and the
clause each serves, pre-filled rows), so the writer stays a loop over it and the
tests can check the contract — every column of INDICATORS.md, every indicator a
pack adds, every hotspot indicator with its threshold — without opening a file.

Every column header is written ``Nhãn tiếng Việt (id)``: the person reads the
label, :func:`chuyenhoa.reading.tables.header_id` reads the id in the parentheses, so a
template written in English (``--lang en``: ``Label in English (id)``) reads back
the same.  The words are chosen when the layout is made, in the language in force
then (:attr:`TemplateLayout.language`); the constants below keep their Vietnamese,
marked with ``N_``, and are shown through :func:`~chuyenhoa.i18n.translate`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from chuyenhoa.comparators import Comparator
from chuyenhoa.i18n import N_, SOURCE_LANGUAGE, _, decimal, language, translate
from chuyenhoa.model import (
    Basis,
    CommuneKind,
    Geography,
    HotspotIndicator,
    Indicator,
    Plan,
    SuccessRule,
    TargetScope,
    ValueKind,
)
from chuyenhoa.reading.dataset import INFORMATIONAL_COLUMNS, Dataset

if TYPE_CHECKING:
    from chuyenhoa.reading.geography import ProvinceUnit
from chuyenhoa.reading.indicators import (
    COMMUNES,
    CRITERIA,
    CRITERIA_DOCUMENT,
    CRITERIA_GROUPS,
    GROUP_CLAUSE,
    PROVINCE,
    catalogue,
)

__all__ = [
    "KIND_VI",
    "NOMINEE_COLUMNS",
    "Column",
    "Group",
    "SheetLayout",
    "TemplateLayout",
    "TemplatePart",
    "flag_words",
    "nominee_kinds",
    "nominee_template_layout",
    "template_layout",
]

#: What a person types in a column of each kind, said in the guide (``N_``: show with ``translate``).
KIND_VI: Mapping[ValueKind | None, str] = {
    ValueKind.COUNT: N_("số nguyên ≥ 0"),
    ValueKind.RATE: N_("tỷ lệ % từ 0 đến 100 (nhập 75, không nhập 0,75)"),
    ValueKind.FLAG: N_("có / không"),
    ValueKind.NUMBER: N_("số"),
    ValueKind.TEXT: N_("chữ"),
    None: N_("điền sẵn, không sửa"),
}
COMMUNE_KIND_VI: Mapping[CommuneKind, str] = {
    CommuneKind.XA: N_("Xã"),
    CommuneKind.PHUONG: N_("Phường"),
    CommuneKind.THI_TRAN: N_("Thị trấn"),
    CommuneKind.DAC_KHU: N_("Đặc khu"),
}
#: The values the template offers in the ``kind`` column of nominees: words the awards reader accepts
#: (input, never translated by the catalogue); another language offers the codes of INDICATORS.md.
NOMINEE_KINDS_VI = ("tập thể", "cá nhân")
NOMINEE_KINDS_CODES = ("collective", "individual")
#: yes and no as the template writes them and offers them in a list: words every reader accepts (input).
FLAG_WORDS_VI = ("có", "không")
FLAG_WORDS_EN = ("yes", "no")

# id, kind, label, meaning — the nominees table of INDICATORS.md (label and meaning marked with N_)
NOMINEE_COLUMNS: tuple[tuple[str, ValueKind, str, str], ...] = (
    ("nominee_id", ValueKind.TEXT, N_("Mã đề nghị"), N_("mã do đơn vị đặt, mỗi tập thể, cá nhân một mã, không trùng")),
    ("name", ValueKind.TEXT, N_("Tên tập thể, cá nhân"),
     N_("dữ liệu cá nhân: chỉ gửi cho người có trách nhiệm xét khen thưởng")),
    ("kind", ValueKind.TEXT, N_("Tập thể/cá nhân"), N_("chọn “tập thể” hoặc “cá nhân”")),
    ("unit", ValueKind.TEXT, N_("Cơ quan, đơn vị"), N_("cơ quan, đơn vị hoặc xã mà tập thể, cá nhân thuộc về")),
    ("leader", ValueKind.FLAG, N_("Lãnh đạo, quản lý từ Phó trưởng phòng trở lên"),
     N_("chỉ với cá nhân: giữ chức vụ lãnh đạo, quản lý từ Phó trưởng phòng và tương đương trở lên")),
    ("grassroots", ValueKind.FLAG, N_("Tập thể cấp cơ sở"),
     N_("chỉ với tập thể: tập thể cấp cơ sở (xã, phường, thị trấn)")),
    ("targets_met", ValueKind.FLAG, N_("Đạt và vượt các chỉ tiêu được giao"),
     N_("đã đạt và vượt các chỉ tiêu được giao")),
    ("achievement_score", ValueKind.NUMBER, N_("Điểm thành tích (đơn vị đề nghị tự chấm)"),
     N_("không bắt buộc: điểm xếp hạng của đơn vị đề nghị")),
    ("has_submission", ValueKind.FLAG, N_("Có tờ trình kèm tóm tắt thành tích"), N_("hồ sơ: tờ trình đề nghị")),
    ("has_minutes", ValueKind.FLAG, N_("Có biên bản họp Hội đồng Thi đua - Khen thưởng"),
     N_("hồ sơ: biên bản họp hội đồng")),
    ("has_report", ValueKind.FLAG, N_("Có báo cáo thành tích có xác nhận"), N_("hồ sơ: báo cáo thành tích")),
)


def flag_words(lang: str | None = None) -> tuple[str, str]:
    """Yes and no in the template of ``lang`` (the current language by default): ("có", "không") or ("yes", "no")."""
    return FLAG_WORDS_VI if (lang or language()) == SOURCE_LANGUAGE else FLAG_WORDS_EN


def nominee_kinds(lang: str | None = None) -> tuple[str, str]:
    """The kinds of nominee the template of ``lang`` offers: ("tập thể", "cá nhân") or ("collective", "individual")."""
    return NOMINEE_KINDS_VI if (lang or language()) == SOURCE_LANGUAGE else NOMINEE_KINDS_CODES
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
class TemplatePart:
    """The share of the province one file of a split template holds (``chuyenhoa template --by``).

    Data flow up: commune police fill the rows of their commune, the district or
    the provincial police collect the files and merge them (``chuyenhoa merge``).
    ``kind`` is ``district`` or ``commune`` for a unit's file, ``province`` for the
    file of the province-level sheets (``province``, ``nominees``), which belong to
    the provincial police and are in no unit's file; ``by`` is how the template
    was split.
    """

    by: str
    kind: str
    code: str
    name: str


@attrs.frozen
class TemplateLayout:
    """The whole workbook: the plan it serves, its sheets, and what the guide must say.

    ``part`` is None for the whole province, else the share a file of a split
    template holds; ``merged_from`` counts the files ``chuyenhoa merge`` gathered
    into it (0 for a template as written).
    """

    province: str
    slug: str
    plan: Plan
    year: int
    geography: Geography
    sheets: tuple[SheetLayout, ...]
    synthetic: bool = False
    prefilled_from: str | None = None
    warnings: tuple[str, ...] = ()
    #: the language its words are in; the writer writes yes/no and the guide in it too
    language: str = SOURCE_LANGUAGE
    part: TemplatePart | None = None
    merged_from: int = 0

    @property
    def nominees_only(self) -> bool:
        """Whether this is the nominee workbook alone (``chuyenhoa template --nominees``)."""
        return tuple(s.name for s in self.sheets) == ("nominees",)

    def sheet(self, name: str) -> SheetLayout | None:
        """The sheet called ``name``, or None when this file has none (a part holds only some)."""
        return next((s for s in self.sheets if s.name == name), None)


def _threshold_text(comparator: Comparator, threshold: float | bool, kind: ValueKind | None) -> str:
    if isinstance(threshold, bool):
        yes, no = flag_words()
        return _("ghi “{value}”").format(value=yes if threshold else no)
    value = decimal(f"{threshold:g}")
    return f"{comparator.sign} {value}{'%' if kind is ValueKind.RATE else ''}"


def _hotspot_use(indicator: HotspotIndicator, kind: ValueKind | None) -> str:
    threshold = _threshold_text(indicator.comparator, indicator.threshold, kind)
    return _("Chỉ tiêu của địa bàn chuyển hóa: đạt khi {threshold} ({source})").format(
        threshold=threshold, source=indicator.source)


#: What each column of the contract is for, said in the guide and the cell prompt (``N_``; the
#: {…} fields are filled in by :func:`_base_use`).
_BASE_USE: Mapping[str, str] = {
    "commune_code": N_("Mã đơn vị hành chính cấp xã (Tổng cục Thống kê); máy đọc theo mã này"),
    "commune_name": N_("Tên xã theo danh mục; để đối chiếu với mã"),
    "commune_kind": N_("Loại đơn vị; để tham khảo, không được đọc"),
    "district_name": N_("Huyện, thị xã, thành phố; để tham khảo, không được đọc"),
    "year": N_("Năm của số liệu"),
    "province_code": N_("Mã tỉnh theo danh mục của năm số liệu; máy đọc theo mã này để cộng số liệu các tỉnh cũ"),
    "province_name": N_("Tên tỉnh theo danh mục của năm số liệu; để tham khảo, không được đọc"),
    "hotspot": N_("Danh sách địa bàn trọng điểm được phê duyệt ({document} §III.2); để trống cả cột thì công cụ "
                  "đề xuất danh sách"),
    "relapsed": N_("Địa bàn đã chuyển hóa nay phức tạp trở lại: mục tiêu ≥ 85% không tái phức tạp "
                   "({document} §II.1)"),
    "transformed": N_("Quyết định công nhận chuyển hóa thành công, cho năm số liệu chưa đủ để tính "
                      "({document} §III.2)"),
    "population": N_("Quy mô, để so sánh các xã"),
    "households": N_("Quy mô, để so sánh các xã"),
    "new_complexity": N_("Điều kiện bắt buộc: không để phức tạp nổi lên về TTATXH ({gate})"),
}


def _gate_source(rule: SuccessRule, column: str | None = None) -> str:
    """The clause of the gate that reads ``column`` (of every gate: the success rule's, 7488/KH-UBND §III.4)."""
    source = next((gate.source for gate in rule.gates if gate.column == column and gate.source), rule.source)
    return f"{source.document} {source.clause}"


def _base_use(ident: str, rule: SuccessRule) -> str:
    use = _BASE_USE.get(ident)
    return translate(use).format(document=CRITERIA_DOCUMENT, gate=_gate_source(rule, ident)) if use else ""


def template_layout(
    *,
    province: str,
    slug: str,
    plan: Plan,
    year: int,
    geography: Geography,
    hotspot_indicators: Sequence[HotspotIndicator],
    rule: SuccessRule,
    previous: Dataset | None = None,
    synthetic: bool = False,
    prefilled_from: str | None = None,
    warnings: Sequence[str] = (),
    summed: Sequence[ProvinceUnit] = (),
) -> TemplateLayout:
    """Decide every sheet of the template for ``plan`` and ``year`` on ``geography``.

    ``hotspot_indicators`` and ``rule`` are the method the province's hooks give
    (the caller resolves them: the output stage asks no plugin); the gates' columns
    cite the rule's clauses.  ``previous`` is the data of ``--from``: its rows of ``year - 1`` fill the
    previous-year rows, because the gate "crime basically decreased" and every
    target "so với năm trước" compare with them.  ``summed`` are the provinces whose
    rows of the year before add up to the province's (the provinces merged into it
    on 01/07/2025, :func:`chuyenhoa.method.merger.summed_provinces`): the
    ``province`` sheet then has a row of that year for each, its code filled in.
    """
    known = catalogue(plan.indicators)
    communes = _communes_sheet(plan, year, geography, known, hotspot_indicators, rule, previous)
    province_sheet = _province_sheet(plan, year, known, rule, previous, geography, summed)
    sheets = [communes, province_sheet]
    if plan.awards is not None:
        sheets.append(_nominees_sheet(plan.awards))
    found_previous = previous is not None and bool(previous.rows_of_year(year - 1))
    notes = list(warnings)
    if previous is not None and not found_previous:
        notes.append(_("Tệp {file} không có dòng năm {year} trong bảng communes: các dòng năm trước để trống").format(
            file=prefilled_from, year=year - 1))
    return TemplateLayout(province=province, slug=slug, plan=plan, year=year, geography=geography,
                          sheets=tuple(sheets), synthetic=synthetic, prefilled_from=prefilled_from,
                          warnings=tuple(notes), language=language())


def nominee_template_layout(*, province: str, slug: str, plan: Plan, year: int,
                            geography: Geography) -> TemplateLayout:
    """The nominee workbook alone (``chuyenhoa template --nominees``): the ``nominees`` sheet, nothing else.

    The bodies that propose awards are not the police officers who fill the
    figures, and a list of people is sent to fewer hands than a table of figures:
    a workbook of its own keeps the two apart.  Its sheet is the one the data
    template holds (same columns, same validation), so the awards reader reads
    either.  A plan without an ``[awards]`` table still gets it, with a warning: a
    pack may check nominees without a scheme (Tuyên Quang).
    """
    warnings = [] if plan.awards else [_(
        "Kế hoạch {plan} không quy định khen thưởng (không có bảng [awards]): chuyenhoa awards sẽ không đối chiếu "
        "hạn mức nào và không lập danh sách đề xuất").format(plan=plan.id)]
    return TemplateLayout(province=province, slug=slug, plan=plan, year=year, geography=geography,
                          sheets=(_nominees_sheet(plan.awards or {}),), warnings=tuple(warnings),
                          language=language())


def _communes_sheet(plan: Plan, year: int, geography: Geography, known: Mapping[str, Indicator],
                    hotspot_indicators: Sequence[HotspotIndicator], rule: SuccessRule,
                    previous: Dataset | None) -> SheetLayout:
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
        label = translate(indicator.label if indicator is not None else INFORMATIONAL_COLUMNS[ident])
        kind = None if fixed else (indicator.kind if indicator is not None else ValueKind.TEXT)
        meaning = label
        columns.append(Column(ident, label, kind, group_key, meaning, use or _base_use(ident, rule), fixed))

    group("unit", _("Đơn vị hành chính (danh mục ngày {date}) — điền sẵn").format(date=snapshot))
    for ident in ("commune_code", "commune_name", "commune_kind", "district_name", "year"):
        add(ident, "unit", fixed=True)
    group("list", _("Địa bàn trọng điểm, phức tạp ({document} §III.2)").format(document=CRITERIA_DOCUMENT))
    for ident in ("hotspot", "relapsed", "transformed"):
        add(ident, "list")
    group("size", _("Quy mô"))
    for ident in ("population", "households"):
        add(ident, "size")
    for key, title in CRITERIA_GROUPS.items():
        clause = f"{CRITERIA_DOCUMENT} {GROUP_CLAUSE[key]}"
        shown = translate(title)
        group(key, f"{shown} ({clause})")
        for ident in CRITERIA[key]:
            use = _("Tiêu chí lựa chọn địa bàn, {group} ({clause})").format(group=shown.lower(), clause=clause)
            if ident == "criminal_offences":
                use += _("; so với năm trước: điều kiện giảm cơ bản tội phạm ({gate})").format(
                    gate=_gate_source(rule, ident))
            add(ident, key, use)
    sources = sorted({str(i.source) for i in hotspot_indicators})
    group("indicators", _("Chỉ tiêu của địa bàn chuyển hóa ({sources})").format(sources="; ".join(sources)))
    for hotspot_indicator in hotspot_indicators:
        ident = hotspot_indicator.id
        if ident in known and COMMUNES in known[ident].tables:
            add(ident, "indicators", _hotspot_use(hotspot_indicator, known[ident].kind))
    group("gates", _("Điều kiện chuyển hóa ({gate})").format(gate=_gate_source(rule)))
    add("new_complexity", "gates")
    group("pack", _("Chỉ số riêng của kế hoạch {plan}").format(plan=plan.id))
    for indicator in plan.indicators:
        if COMMUNES in indicator.tables:
            add(indicator.id, "pack", _pack_use(indicator, plan))
    group("other", _("Chỉ số khác của INDICATORS.md"))
    for ident, indicator in known.items():
        if COMMUNES in indicator.tables and not indicator.computed:
            add(ident, "other", _("Cột của hợp đồng dữ liệu (INDICATORS.md)"))
    used = {c.group for c in columns}
    kept_groups = tuple(g for g in groups if g.key in used)

    rows: list[Mapping[str, object]] = []
    flags: list[bool] = []
    ordered = sorted(geography.communes, key=lambda c: (c.district_code or "", c.code))
    commune_kinds = {kind: translate(word) for kind, word in COMMUNE_KIND_VI.items()}
    for commune_year, is_previous in ((year, False), (year - 1, True)):
        for commune in ordered:
            district = geography.district(commune.district_code) if commune.district_code else None
            row: dict[str, object] = {
                "commune_code": commune.code, "commune_name": commune.name,
                "commune_kind": commune_kinds[commune.kind], "district_name": district.name if district else "",
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
    return SheetLayout(name=COMMUNES, title=_("Bảng communes: mỗi xã một dòng mỗi năm"), key="commune_code",
                       groups=kept_groups, columns=tuple(columns), rows=tuple(rows), previous=tuple(flags))


def _province_sheet(plan: Plan, year: int, known: Mapping[str, Indicator], rule: SuccessRule,
                    previous: Dataset | None, geography: Geography, summed: Sequence[ProvinceUnit] = ()
                    ) -> SheetLayout:
    """The ``province`` sheet: a row of ``year`` and one of the year before, or one of the year before for each
    province of ``summed`` (the provinces merged into this one), each row naming its province by code and name."""
    uses: dict[str, list[str]] = {}
    for target in plan.targets:
        indicator = known.get(target.indicator)
        if target.scope is not TargetScope.PROVINCE or indicator is None or indicator.computed:
            continue
        label = translate(target.label)
        if target.basis is Basis.CHANGE_PCT:
            text = _("{label}: mức thay đổi so với năm trước {threshold} ({source})").format(
                label=label, threshold=_threshold_text(target.comparator, target.threshold, ValueKind.RATE),
                source=target.source)
        else:
            text = f"{label}: {_threshold_text(target.comparator, target.threshold, indicator.kind)} " \
                   f"({target.source})"
        uses.setdefault(target.indicator, []).append(text)
        if summed and target.basis is Basis.CHANGE_PCT and indicator.numerator and indicator.denominator:
            # the rates of the provinces merged into this one are worked out again from their counts
            for count in (indicator.numerator, indicator.denominator):
                uses.setdefault(count, []).append(_("số đếm để tính lại “{label}” chung của các tỉnh cũ ({source})")
                                                  .format(label=translate(indicator.label), source=target.source))
    for indicator in plan.indicators:
        if PROVINCE in indicator.tables:
            uses.setdefault(indicator.id, [_pack_use(indicator, plan)])
    year_label = translate(known["year"].label)
    columns = [Column("year", year_label, None, "unit", year_label, _base_use("year", rule), True)]
    if summed:
        code_label, name_label = translate(known["province_code"].label), translate(INFORMATIONAL_COLUMNS[
            "province_name"])
        columns += [Column("province_code", code_label, None, "unit", code_label, _base_use("province_code", rule),
                           True),
                    Column("province_name", name_label, None, "unit", name_label, _base_use("province_name", rule),
                           True)]
    named = len(columns)
    for ident, texts in uses.items():
        indicator = known[ident]
        label = translate(indicator.label)
        columns.append(Column(ident, label, indicator.kind, "targets", label,
                              _("Chỉ tiêu {targets}").format(targets="; ".join(texts))))
    # never "Năm" (nor "Year"): a header cell without "(id)" is read as its label or its lower-cased
    # text, and both name `year`, the key of the sheet
    groups = (Group("unit", _("Năm và tỉnh của số liệu") if summed else _("Năm số liệu")),
              Group("targets", _("Số liệu toàn tỉnh cho các chỉ tiêu của kế hoạch {plan}").format(plan=plan.id)))
    rows: list[Mapping[str, object]] = []
    if summed:  # the year before: one row for each province merged into this one, on the map of that year
        province = geography.province
        rows.append({"year": year, "province_code": province.code, "province_name": province.name})
        rows += [{"year": year - 1, "province_code": unit.code, "province_name": unit.name} for unit in summed]
        return SheetLayout(name=PROVINCE, title=_("Bảng province: số liệu toàn tỉnh, mỗi năm một dòng; năm {year} "
                                                  "mỗi tỉnh cũ một dòng").format(year=year - 1),
                           key="year", groups=groups, columns=tuple(columns), rows=tuple(rows),
                           previous=(False, *[True] * len(summed)))
    for row_year, is_previous in ((year, False), (year - 1, True)):
        row: dict[str, object] = {"year": row_year}
        if is_previous and previous is not None and previous.has_province_year(row_year):
            for column in columns[named:]:
                row[column.id] = previous.province_value(row_year, column.id)
        rows.append(row)
    return SheetLayout(name=PROVINCE, title=_("Bảng province: số liệu toàn tỉnh, mỗi năm một dòng"), key="year",
                       groups=groups, columns=tuple(columns), rows=tuple(rows), previous=(False, True))


def _pack_use(indicator: Indicator, plan: Plan) -> str:
    return _("Chỉ số riêng của kế hoạch ({source})").format(source=indicator.source or plan.id)


def _nominees_sheet(awards: Mapping[str, Any]) -> SheetLayout:
    source = awards.get("source")
    form = awards.get("form")
    title = _("Đề nghị khen thưởng") + (f": {form}" if isinstance(form, str) else "") + \
        (f" ({source})" if isinstance(source, str) else "")
    columns = tuple(Column(ident, translate(label), kind, "nominees", translate(meaning), translate(meaning))
                    for ident, kind, label, meaning in NOMINEE_COLUMNS)
    return SheetLayout(name="nominees", title=_("Bảng nominees: mỗi tập thể, cá nhân được đề nghị một dòng"),
                       key="nominee_id", groups=(Group("nominees", title),), columns=columns,
                       blank_rows=NOMINEE_ROWS)
