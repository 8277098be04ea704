"""The plain-text tables a person reads: Vietnamese labels, the clause beside every verdict.

Plain text on purpose: it prints the same in a terminal, a log and an e-mail, and
costs nothing at start-up.
"""

from __future__ import annotations

from collections.abc import Sequence

from chuyenhoa.evaluation import Status, TargetResult
from chuyenhoa.model import Plan
from chuyenhoa.registry import ProvinceSpec
from chuyenhoa.result import Result
from chuyenhoa.timeline import MilestoneStatus, TimelineEntry

STATUS_VI = {
    Status.MET: "ĐẠT",
    Status.NOT_MET: "KHÔNG ĐẠT",
    Status.NOT_ASSESSABLE: "CHƯA ĐÁNH GIÁ ĐƯỢC",
}
VERDICT_VI = {
    Status.MET: "Chuyển hóa thành công",
    Status.NOT_MET: "Chưa chuyển hóa",
    Status.NOT_ASSESSABLE: "Chưa đánh giá được",
}
MILESTONE_VI = {
    MilestoneStatus.PASSED: "đã qua",
    MilestoneStatus.DUE: "đang đến hạn",
    MilestoneStatus.UPCOMING: "sắp tới",
}
SYNTHETIC_BANNER = "*** DỮ LIỆU MẪU GIẢ LẬP (SYNTHETIC) — KHÔNG PHẢI SỐ LIỆU THẬT ***"


def table(headers: Sequence[str], rows: Sequence[Sequence[object]], indent: str = "  ") -> str:
    cells = [[_cell(c) for c in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    widths[-1] = 0  # the last column is free text: no padding
    line = lambda values: indent + "  ".join(v.ljust(w) for v, w in zip(values, widths, strict=False)).rstrip()  # noqa: E731
    rule = indent + "  ".join("-" * max(w, len(h)) for w, h in zip(widths, headers, strict=False))
    return "\n".join([line(headers), rule, *(line(r) for r in cells)])


def _cell(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, float):
        return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",")
    return str(value)


def _threshold(t: TargetResult) -> str:
    unit = "%" if t.basis.value == "change_pct" else ""
    return f"{t.comparator.value} {_cell(t.threshold)}{unit}"


def _actual(t: TargetResult) -> str:
    if t.actual is None:
        return "—"
    if t.basis.value == "change_pct":
        return f"{float(t.actual):+.2f}%".replace(".", ",")
    return _cell(t.actual)


def render_result(result: Result) -> str:
    plan = result.plan
    out: list[str] = []
    if result.data.synthetic:
        out += [SYNTHETIC_BANNER, ""]
    out.append(f"{result.province.name} — Kế hoạch {plan.id} ngày {plan.date:%d/%m/%Y} ({plan.issuer}), "
               f"đánh giá năm {result.year}, tính đến ngày {result.as_of:%d/%m/%Y}")
    source = "dữ liệu mẫu giả lập của gói tỉnh" if result.data.source == "sample" else result.data.source
    out.append(f"Dữ liệu: {source}" + (f"; bảng province: {result.data.province_source}"
                                        if result.data.province_source else ""))
    if result.data.description:
        out.append(f"         {result.data.description}")
    out.append(f"Danh mục đơn vị hành chính: {result.data.geography}")
    out.append("")

    selection = result.selection
    how = "ĐỀ XUẤT của công cụ (dữ liệu không có cột hotspot)" if selection.proposed \
        else "danh sách được phê duyệt (cột hotspot)"
    out.append(f"1. LỰA CHỌN ĐỊA BÀN TRỌNG ĐIỂM — {how}")
    rows = [(c.unit_name, c.communes, c.cap, c.selected, "trong trần" if c.within_cap else "VƯỢT TRẦN",
             str(c.source) + (f" — {c.note}" if c.note else "")) for c in selection.caps]
    out.append(table(["Đơn vị", "Số xã", "Trần", "Đã chọn", "Kết quả", "Căn cứ"], rows))
    if selection.excluded_transformed:
        listed = ", ".join(f"{c} ({y})" for c, y in sorted(selection.excluded_transformed.items()))
        out.append(f"  Đã chuyển hóa thành công, đưa khỏi diện chuyển hóa (7488/KH-UBND §III.2): {listed}")
    if selection.proposed:
        out.append(f"  Cách chấm điểm: {selection.scorer_description}")
    out.append("")

    out.append(f"2. KẾT QUẢ CHUYỂN HÓA — quy tắc {result.success_rule.comparator.value} "
               f"{result.success_rule.share * 100:g}% chỉ tiêu và hai điều kiện ({result.success_rule.source})")
    rows = []
    for h in result.hotspots:
        share = "—" if h.share is None else f"{h.share * 100:.1f}%".replace(".", ",")
        rows.append((h.commune_code, h.commune_name, h.district_name or "", f"{h.met}/{h.assessed}",
                     h.missing, share, VERDICT_VI[h.verdict], "; ".join(h.reasons)))
    out.append(table(["Mã", "Xã", "Huyện", "Đạt/có số liệu", "Thiếu", "Tỷ lệ", "Kết luận", "Lý do"], rows))
    share = result.transformed_share
    out.append(f"  Tổng: {result.transformed}/{len(result.hotspots)} địa bàn chuyển hóa thành công"
               + (f" ({share:.1f}%)".replace(".", ",") if share is not None else "")
               + (f", {result.not_assessable_hotspots} chưa đánh giá được" if result.not_assessable_hotspots else ""))
    out.append("")

    out.append("3. CHỈ TIÊU CỦA KẾ HOẠCH")
    out.append(_targets(result.targets))
    counts = result.targets_by_status()
    out.append(f"  Tổng: {counts[Status.MET]} đạt, {counts[Status.NOT_MET]} không đạt, "
               f"{counts[Status.NOT_ASSESSABLE]} chưa đánh giá được")
    out.append("")
    out.append("4. MỤC TIÊU CỦA ĐỀ ÁN (toàn quốc)")
    out.append(_targets(result.programme))
    out.append("")
    out.append(f"5. MỐC THỜI GIAN (tính đến ngày {result.as_of:%d/%m/%Y})")
    out.append(_timeline(result.timeline))
    readings = [f"{t.id} ({t.source}): {t.source.reading}" for t in result.targets if t.source.reading]
    if result.notes or readings:
        out += ["", "Ghi chú (cách đọc văn bản đã áp dụng):"] + [f"  - {n}" for n in (*result.notes, *readings)]
    if result.warnings:
        out += ["", "Cảnh báo:"] + [f"  ! {w}" for w in result.warnings]
    if result.data.synthetic:
        out += ["", SYNTHETIC_BANNER]
    return "\n".join(out) + "\n"


def _targets(targets: Sequence[TargetResult]) -> str:
    rows = [(STATUS_VI[t.status], t.label, _actual(t), _threshold(t), str(t.source)
             + (f" — chủ trì: {t.lead}" if t.lead else "")
             + (f" — {t.detail}" if t.detail and t.status is not Status.MET else "")) for t in targets]
    return table(["Kết quả", "Chỉ tiêu", "Thực tế", "Ngưỡng", "Căn cứ"], rows)


def _timeline(entries: Sequence[TimelineEntry]) -> str:
    if not entries:
        return "  (kế hoạch không có mốc thời gian)"
    rows = [(f"{e.milestone.due:%d/%m/%Y}", MILESTONE_VI[e.status], e.milestone.what,
             str(e.milestone.source)) for e in entries]
    return table(["Hạn", "Tình trạng", "Việc", "Căn cứ"], rows)


def render_plan(spec: ProvinceSpec, plan: Plan, policy_text: str, indicator_text: str) -> str:
    out = [f"{spec.name} — Kế hoạch {plan.id} ngày {plan.date:%d/%m/%Y} ({plan.issuer})", plan.title,
           f"Năm: {', '.join(str(y) for y in plan.years)}; thời gian: {plan.period.start:%d/%m/%Y} – "
           f"{plan.period.end:%d/%m/%Y}", ""]
    out.append("CHỈ TIÊU")
    rows = []
    for t in plan.targets:
        unit = "% so với năm trước" if t.basis.value == "change_pct" else ""
        rows.append((t.id, t.label, f"{t.comparator.value} {_cell(t.threshold)}{unit}", str(t.source)))
    out.append(table(["Mã", "Chỉ tiêu", "Ngưỡng", "Căn cứ"], rows))
    out += ["", "TRẦN LỰA CHỌN ĐỊA BÀN", "  " + policy_text, "", "CHỈ TIÊU CỦA MỘT ĐỊA BÀN CHUYỂN HÓA",
            indicator_text, "", "MỐC THỜI GIAN"]
    rows = [(f"{m.due:%d/%m/%Y}", m.what, m.who or "", str(m.source)) for m in plan.milestones]
    out.append(table(["Hạn", "Việc", "Thực hiện", "Căn cứ"], rows) if rows else "  (kế hoạch không có mốc thời gian)")
    if plan.responsibilities:
        out += ["", "PHÂN CÔNG (chủ trì — phối hợp)"]
        rows = [(r.task, r.lead, "; ".join(r.partners), str(r.source)) for r in plan.responsibilities]
        out.append(table(["Nhiệm vụ", "Chủ trì", "Phối hợp", "Căn cứ"], rows))
    if plan.notes:
        out += ["", "Ghi chú:"] + [f"  - {n}" for n in plan.notes]
    return "\n".join(out) + "\n"
