"""The plain-text tables a person reads: labels in the language chosen, the clause beside every verdict.

Plain text on purpose: it prints the same in a terminal, a log and an e-mail, and
costs nothing at start-up.  The verdict words are module constants in Vietnamese
(``STATUS_VI`` …, marked with ``N_``); :func:`status_label` and its siblings give
them in the current language (:mod:`chuyenhoa.i18n`).
"""

from __future__ import annotations

from collections.abc import Sequence

from chuyenhoa.i18n import _, decimal, translate
from chuyenhoa.method.result import Result
from chuyenhoa.method.targets import TargetResult
from chuyenhoa.method.timeline import TimelineEntry
from chuyenhoa.model import Plan, Status
from chuyenhoa.output.words import (
    all_notes,
    cap_word,
    leave_clause,
    milestone_label,
    status_label,
    synthetic_banner,
    verdict_label,
)
from chuyenhoa.plugins.spec import ProvinceSpec


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
        return _("có") if value else _("không")
    if isinstance(value, float):
        return decimal(f"{value:.2f}".rstrip("0").rstrip("."))
    return str(value)


def _threshold(t: TargetResult) -> str:
    unit = "%" if t.basis.value == "change_pct" else ""
    return f"{t.comparator.value} {_cell(t.threshold)}{unit}"


def _actual(t: TargetResult) -> str:
    if t.actual is None:
        return "—"
    if t.basis.value == "change_pct":
        return decimal(f"{float(t.actual):+.2f}%")
    return _cell(t.actual)


def render_result(result: Result) -> str:
    plan = result.plan
    out: list[str] = []
    if result.data.synthetic:
        out += [synthetic_banner(), ""]
    out.append(_("{province} — Kế hoạch {plan} ngày {date} ({issuer}), đánh giá năm {year}, tính đến ngày {as_of}")
               .format(province=result.province.name, plan=plan.id, date=f"{plan.date:%d/%m/%Y}", issuer=plan.issuer,
                       year=result.year, as_of=f"{result.as_of:%d/%m/%Y}"))
    source = _("dữ liệu mẫu giả lập của gói tỉnh") if result.data.source == "sample" else result.data.source
    out.append(_("Dữ liệu: {source}").format(source=source)
               + (_("; bảng province: {source}").format(source=result.data.province_file)
                  if result.data.province_file else ""))
    if result.data.description:
        out.append(f"         {result.data.description}")
    out.append(_("Danh mục đơn vị hành chính: {geography}").format(geography=result.data.geography))
    out.append("")

    selection = result.selection
    how = _("ĐỀ XUẤT của công cụ (dữ liệu không có cột hotspot)") if selection.proposed \
        else _("danh sách được phê duyệt (cột hotspot)")
    out.append(_("1. LỰA CHỌN ĐỊA BÀN TRỌNG ĐIỂM — {how}").format(how=how))
    rows = [(c.unit_name, c.communes, c.cap, c.selected, cap_word(c.within_cap),
             str(c.source) + (f" — {c.note}" if c.note else "")) for c in selection.caps]
    out.append(table([_("Đơn vị"), _("Số xã"), _("Trần"), _("Đã chọn"), _("Kết quả"), _("Căn cứ")], rows))
    if selection.excluded_transformed:
        listed = ", ".join(f"{c} ({y})" for c, y in sorted(selection.excluded_transformed.items()))
        out.append("  " + _("Đã chuyển hóa thành công, đưa khỏi diện chuyển hóa ({source}): {listed}")
                   .format(source=leave_clause(selection.policy), listed=listed))
    if selection.proposed:
        out.append("  " + _("Cách chấm điểm: {description}").format(description=selection.scorer_description))
    out.append("")

    rule = result.success_rule
    out.append(_("2. KẾT QUẢ CHUYỂN HÓA — quy tắc {comparator} {share}% chỉ tiêu và hai điều kiện ({source})")
               .format(comparator=rule.comparator.value, share=f"{rule.share * 100:g}", source=rule.source))
    hotspot_rows: list[tuple[object, ...]] = []
    for h in result.hotspots:
        shown = "—" if h.share is None else decimal(f"{h.share * 100:.1f}%")
        hotspot_rows.append((h.commune_code, h.commune_name, h.district_name or "", f"{h.met}/{h.assessed}",
                     h.missing, shown, verdict_label(h.verdict), "; ".join(h.reasons)))
    out.append(table([_("Mã"), _("Xã"), _("Huyện"), _("Đạt/có số liệu"), _("Thiếu"), _("Tỷ lệ"), _("Kết luận"),
                      _("Lý do")], hotspot_rows))
    share = result.transformed_share
    out.append("  " + _("Tổng: {transformed}/{hotspots} địa bàn chuyển hóa thành công").format(
        transformed=result.transformed, hotspots=len(result.hotspots))
        + (decimal(f" ({share:.1f}%)") if share is not None else "")
        + (_(", {count} chưa đánh giá được").format(count=result.not_assessable_hotspots)
           if result.not_assessable_hotspots else ""))
    out.append("")

    out.append(_("3. CHỈ TIÊU CỦA KẾ HOẠCH"))
    out.append(_targets(result.targets))
    counts = result.targets_by_status()
    out.append("  " + _("Tổng: {met} đạt, {not_met} không đạt, {not_assessable} chưa đánh giá được").format(
        met=counts[Status.MET], not_met=counts[Status.NOT_MET], not_assessable=counts[Status.NOT_ASSESSABLE]))
    out.append("")
    out.append(_("4. MỤC TIÊU CỦA ĐỀ ÁN (toàn quốc)"))
    out.append(_targets(result.programme))
    out.append("")
    out.append(_("5. MỐC THỜI GIAN (tính đến ngày {as_of})").format(as_of=f"{result.as_of:%d/%m/%Y}"))
    out.append(_timeline(result.timeline))
    out += ["", _("Ghi chú (cách đọc văn bản đã áp dụng):")] + [f"  - {n}" for n in all_notes(result)]
    if result.warnings:
        out += ["", _("Cảnh báo:")] + [f"  ! {w}" for w in result.warnings]
    if result.data.synthetic:
        out += ["", synthetic_banner()]
    return "\n".join(out) + "\n"


def _targets(targets: Sequence[TargetResult]) -> str:
    rows = [(status_label(t.status), t.label, _actual(t), _threshold(t), str(t.source)
             + (" — " + _("chủ trì: {lead}").format(lead=t.lead) if t.lead else "")
             + (f" — {t.detail}" if t.detail and t.status is not Status.MET else "")) for t in targets]
    return table([_("Kết quả"), _("Chỉ tiêu"), _("Thực tế"), _("Ngưỡng"), _("Căn cứ")], rows)


def _no_milestones() -> str:
    return "  " + _("(kế hoạch không có mốc thời gian)")


def _timeline(entries: Sequence[TimelineEntry]) -> str:
    if not entries:
        return _no_milestones()
    rows = [(f"{e.milestone.due:%d/%m/%Y}", milestone_label(e.status), e.milestone.what,
             str(e.milestone.source)) for e in entries]
    return table([_("Hạn"), _("Tình trạng"), _("Việc"), _("Căn cứ")], rows)


def render_plan(spec: ProvinceSpec, plan: Plan, policy_text: str, indicator_text: str) -> str:
    out = [_("{province} — Kế hoạch {plan} ngày {date} ({issuer})").format(
               province=spec.name, plan=plan.id, date=f"{plan.date:%d/%m/%Y}", issuer=plan.issuer),
           plan.title,
           _("Năm: {years}; thời gian: {start} – {end}").format(
               years=", ".join(str(y) for y in plan.years), start=f"{plan.period.start:%d/%m/%Y}",
               end=f"{plan.period.end:%d/%m/%Y}"), ""]
    out.append(_("CHỈ TIÊU"))
    rows = []
    for t in plan.targets:
        unit = _("% so với năm trước") if t.basis.value == "change_pct" else ""
        rows.append((t.id, translate(t.label), f"{t.comparator.value} {_cell(t.threshold)}{unit}", str(t.source)))
    out.append(table([_("Mã"), _("Chỉ tiêu"), _("Ngưỡng"), _("Căn cứ")], rows))
    out += ["", _("TRẦN LỰA CHỌN ĐỊA BÀN"), "  " + policy_text, "", _("CHỈ TIÊU CỦA MỘT ĐỊA BÀN CHUYỂN HÓA"),
            indicator_text, "", _("MỐC THỜI GIAN")]
    rows = [(f"{m.due:%d/%m/%Y}", m.what, m.who or "", str(m.source)) for m in plan.milestones]
    out.append(table([_("Hạn"), _("Việc"), _("Thực hiện"), _("Căn cứ")], rows) if rows else _no_milestones())
    if plan.responsibilities:
        out += ["", _("PHÂN CÔNG (chủ trì — phối hợp)")]
        rows = [(r.task, r.lead, "; ".join(r.partners), str(r.source)) for r in plan.responsibilities]
        out.append(table([_("Nhiệm vụ"), _("Chủ trì"), _("Phối hợp"), _("Căn cứ")], rows))
    if plan.notes:
        out += ["", _("Ghi chú:")] + [f"  - {n}" for n in plan.notes]
    return "\n".join(out) + "\n"
