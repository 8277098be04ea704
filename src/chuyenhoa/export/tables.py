"""The tables every result format shows, built once from a :class:`~chuyenhoa.result.Result`.

The workbook, the CSV folder and the Markdown file differ only in how they draw
these tables, so a value, a label or a verdict cannot differ between them: a test
reads each output back and compares it with these rows, and these rows with the
result.  Verdicts are shown in the words of the plain-text table
(:mod:`chuyenhoa.render`); :data:`TONES` says which of those words is good news,
bad news or unknown, for the colours and marks of each format.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import attrs

from chuyenhoa.evaluation import HotspotResult, Status, TargetResult
from chuyenhoa.render import MILESTONE_VI, STATUS_VI, SYNTHETIC_BANNER, VERDICT_VI
from chuyenhoa.result import Result
from chuyenhoa.timeline import MilestoneStatus

__all__ = ["SYNTHETIC_BANNER", "TONES", "ExportTable", "Report", "report_of"]

MET_VI = {True: "đạt", False: "không đạt", None: "thiếu số liệu"}
GATE_VI = {True: "đạt", False: "không đạt", None: "chưa đánh giá được"}
CAP_VI = {True: "trong trần", False: "VƯỢT TRẦN"}
YES_NO = {True: "có", False: "không"}

GOOD, BAD, UNKNOWN, DUE = "good", "bad", "unknown", "due"
#: each verdict word and what it means at a glance (the colours of the workbook, the marks of Markdown)
TONES: Mapping[str, str] = {
    STATUS_VI[Status.MET]: GOOD,
    STATUS_VI[Status.NOT_MET]: BAD,
    STATUS_VI[Status.NOT_ASSESSABLE]: UNKNOWN,
    VERDICT_VI[Status.MET]: GOOD,
    VERDICT_VI[Status.NOT_MET]: BAD,
    VERDICT_VI[Status.NOT_ASSESSABLE]: UNKNOWN,
    MET_VI[True]: GOOD,
    MET_VI[False]: BAD,
    MET_VI[None]: UNKNOWN,
    GATE_VI[None]: UNKNOWN,
    CAP_VI[True]: GOOD,
    CAP_VI[False]: BAD,
    MILESTONE_VI[MilestoneStatus.DUE]: DUE,
}


@attrs.frozen
class ExportTable:
    """One table: a sheet of the workbook, a file of the CSV folder, a section of the Markdown.

    ``marked`` holds the columns whose words carry a tone (:data:`TONES`);
    ``pairs`` the (value, met) column pairs Markdown shows in one cell;
    ``bands`` the (first, last, title) column bands drawn above the headers;
    ``wide`` the columns of long text.
    """

    key: str
    sheet: str
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]
    marked: frozenset[int] = frozenset()
    pairs: tuple[tuple[int, int], ...] = ()
    bands: tuple[tuple[int, int, str], ...] = ()
    wide: frozenset[int] = frozenset()


@attrs.frozen
class Report:
    """Everything a result format shows: a title, facts about the run, the tables."""

    title: str
    synthetic: bool
    info: tuple[tuple[str, object], ...]
    tables: tuple[ExportTable, ...]

    def table(self, key: str) -> ExportTable:
        return next(t for t in self.tables if t.key == key)


def _value(value: object) -> object:
    """A cell as people read it: yes/no in words, floats without binary noise."""
    if isinstance(value, bool):
        return YES_NO[value]
    if isinstance(value, float):
        return round(value, 4)
    return value


def report_of(result: Result) -> Report:
    """The tables of ``result``, in the order the formats show them."""
    plan = result.plan
    title = (f"{result.province.name} — Kế hoạch {plan.id} ngày {plan.date:%d/%m/%Y} ({plan.issuer}), "
             f"đánh giá năm {result.year}")
    return Report(
        title=title,
        synthetic=result.data.synthetic,
        info=_info(result),
        tables=(_targets(result), _hotspots(result), _selection(result), _milestones(result), _notes(result)),
    )


def _info(result: Result) -> tuple[tuple[str, object], ...]:
    plan, data, selection = result.plan, result.data, result.selection
    counts = result.targets_by_status()
    share = result.transformed_share
    source = "dữ liệu mẫu giả lập của gói tỉnh (synthetic)" if data.source == "sample" else data.source
    rule = result.success_rule
    rows: list[tuple[str, object]] = [
        ("Tỉnh", f"{result.province.name} (mã {result.province.code})"),
        ("Kế hoạch", f"{plan.id} ngày {plan.date:%d/%m/%Y} của {plan.issuer}: {plan.title}"),
        ("Năm đánh giá", result.year),
        ("Tính đến ngày", result.as_of),
        ("Dữ liệu", source + (f" — {data.description}" if data.description else "")),
    ]
    if data.province_source:
        rows.append(("Bảng province", data.province_source))
    rows += [
        ("Danh mục đơn vị hành chính", data.geography),
        ("Lựa chọn địa bàn", "ĐỀ XUẤT của công cụ (dữ liệu không có cột hotspot)" if selection.proposed
         else "danh sách được phê duyệt (cột hotspot)"),
        ("Quy tắc chuyển hóa thành công", f"{rule.comparator.value} {rule.share * 100:g}% chỉ tiêu, kèm điều kiện "
         f"{', '.join(rule.gates)} ({rule.source})"),
        ("Số địa bàn", len(result.hotspots)),
        ("Chuyển hóa thành công", result.transformed),
        ("Chưa đánh giá được", result.not_assessable_hotspots),
        ("Tỷ lệ chuyển hóa thành công (%)", None if share is None else round(share, 2)),
        ("Chỉ tiêu của kế hoạch", f"{counts[Status.MET]} đạt, {counts[Status.NOT_MET]} không đạt, "
         f"{counts[Status.NOT_ASSESSABLE]} chưa đánh giá được"),
        ("Sinh bởi", f"chuyenhoa {result.version}"),
    ]
    if selection.excluded_transformed:
        rows.append(("Đã chuyển hóa, đưa khỏi diện chuyển hóa (7488/KH-UBND §III.2)",
                     ", ".join(f"{c} ({y})" for c, y in sorted(selection.excluded_transformed.items()))))
    return tuple(rows)


def _target_row(t: TargetResult, kind: str, year: int) -> tuple[object, ...]:
    how = f"thay đổi % so với năm {t.previous_year or year - 1}" if t.basis.value == "change_pct" \
        else f"giá trị năm {year}"
    return (STATUS_VI[t.status], kind, t.id, t.label, _value(t.actual), t.comparator.value, _value(t.threshold),
            how, _value(t.current), _value(t.previous), str(t.source), t.lead, t.detail or None,
            t.source.quote, t.source.reading)


def _targets(result: Result) -> ExportTable:
    headers = ("Kết quả", "Loại", "Mã chỉ tiêu", "Chỉ tiêu", "Thực tế", "So sánh", "Ngưỡng", "Cách tính",
               "Năm nay", "Năm trước", "Căn cứ", "Chủ trì", "Chi tiết", "Trích văn bản", "Cách đọc")
    rows = [_target_row(t, f"Kế hoạch {result.plan.id}", result.year) for t in result.targets]
    rows += [_target_row(t, "Mục tiêu của Đề án", result.year) for t in result.programme]
    return ExportTable(key="chi_tieu", sheet="Tổng hợp", title="Chỉ tiêu của kế hoạch và mục tiêu của Đề án",
                       headers=headers, rows=tuple(rows), marked=frozenset({0}),
                       wide=frozenset({3, 12, 13, 14}))


def _hotspots(result: Result) -> ExportTable:
    hotspots: Sequence[HotspotResult] = result.hotspots
    first = hotspots[0] if hotspots else None
    headers: list[str] = ["Mã xã", "Tên xã", "Huyện"]
    bands: list[tuple[int, int, str]] = [(0, 2, "Địa bàn")]
    pairs: list[tuple[int, int]] = []
    marked: set[int] = set()
    for indicator in first.indicators if first else ():
        at = len(headers)
        threshold = YES_NO[indicator.threshold] if isinstance(indicator.threshold, bool) \
            else f"{indicator.threshold:g}"
        bands.append((at, at + 1, f"{indicator.label} ({indicator.comparator.value} {threshold}; "
                                  f"{indicator.source})"))
        headers += [f"Giá trị ({indicator.id})", f"Đạt ({indicator.id})"]
        pairs.append((at, at + 1))
        marked.add(at + 1)
    gate_at = len(headers)
    for gate in first.gates if first else ():
        headers += [gate.label, f"{gate.label}: chi tiết"]
        marked.add(len(headers) - 2)
    if first and first.gates:
        bands.append((gate_at, len(headers) - 1, f"Điều kiện ({first.gates[0].source})"))
    summary_at = len(headers)
    headers += ["Số chỉ tiêu đạt", "Số chỉ tiêu có số liệu", "Thiếu số liệu", "Tỷ lệ đạt (%)", "Kết luận", "Lý do"]
    rule = result.success_rule
    bands.append((summary_at, len(headers) - 1, f"Kết luận: {rule.comparator.value} {rule.share * 100:g}% chỉ tiêu "
                                               f"và các điều kiện ({rule.source})"))
    marked.add(len(headers) - 2)
    rows = []
    for h in hotspots:
        row: list[object] = [h.commune_code, h.commune_name, h.district_name]
        for indicator in h.indicators:
            row += [_value(indicator.value), MET_VI[indicator.met]]
        for gate in h.gates:
            row += [GATE_VI[gate.passed], gate.detail]
        row += [h.met, h.assessed, h.missing, None if h.share is None else round(h.share * 100, 2),
                VERDICT_VI[h.verdict], "; ".join(h.reasons) or None]
        rows.append(tuple(row))
    return ExportTable(key="dia_ban", sheet="Địa bàn", title=f"Kết quả chuyển hóa các địa bàn năm {result.year}",
                       headers=tuple(headers), rows=tuple(rows), marked=frozenset(marked), pairs=tuple(pairs),
                       bands=tuple(bands), wide=frozenset({len(headers) - 1}))


def _selection(result: Result) -> ExportTable:
    selection = result.selection
    headers = ("Đơn vị", "Mã đơn vị", "Phạm vi", "Số xã", "Trần theo tỷ lệ", "Trần áp dụng", "Đã chọn", "Kết quả",
               "Căn cứ", "Ghi chú")
    scope_vi = {"district": "huyện", "province": "tỉnh"}
    rows = tuple((c.unit_name, c.unit_code, scope_vi.get(c.scope.value, c.scope.value), c.communes, c.strict_cap,
                  c.cap, c.selected, CAP_VI[c.within_cap], str(c.source), c.note) for c in selection.caps)
    how = "đề xuất của công cụ" if selection.proposed else "danh sách được phê duyệt"
    return ExportTable(key="lua_chon", sheet="Lựa chọn",
                       title=f"Lựa chọn địa bàn trọng điểm ({how}) và trần theo đơn vị",
                       headers=headers, rows=rows, marked=frozenset({7}), wide=frozenset({9}))


def _milestones(result: Result) -> ExportTable:
    headers = ("Hạn", "Bắt đầu", "Tình trạng", "Còn (ngày)", "Việc", "Thực hiện", "Căn cứ", "Trích văn bản")
    rows = tuple((e.milestone.due, e.milestone.start, MILESTONE_VI[e.status], e.days_left, e.milestone.what,
                  e.milestone.who, str(e.milestone.source), e.milestone.source.quote) for e in result.timeline)
    return ExportTable(key="moc_thoi_gian", sheet="Mốc thời gian",
                       title=f"Mốc thời gian (tính đến ngày {result.as_of:%d/%m/%Y})", headers=headers, rows=rows,
                       marked=frozenset({2}), wide=frozenset({4, 5, 7}))


def _notes(result: Result) -> ExportTable:
    rows = [("Ghi chú", note) for note in result.notes]
    rows += [("Cách đọc", f"{t.id} ({t.source}): {t.source.reading}") for t in result.targets if t.source.reading]
    rows += [("Cảnh báo", warning) for warning in result.warnings]
    return ExportTable(key="ghi_chu", sheet="Ghi chú", title="Ghi chú, cách đọc văn bản đã áp dụng và cảnh báo",
                       headers=("Loại", "Nội dung"), rows=tuple(rows), wide=frozenset({1}))


def date_text(value: dt.date) -> str:
    """Dates as Vietnamese documents write them (Nghị định 30/2020: 28/03/2024)."""
    return f"{value:%d/%m/%Y}"
