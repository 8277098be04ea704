"""The awards result as plain text (Vietnamese, or the language chosen), the clause beside every finding.

Plain text for the same reasons as :mod:`chuyenhoa.output.text`: it prints the same
in a terminal, a log and an e-mail.  Names and units appear only in the
recommendation table; a redacted result has neither column, and its heading
names the columns left out.
"""

from __future__ import annotations

from chuyenhoa.awards.counts import CapUse, KindCount
from chuyenhoa.awards.model import AwardFinding, Severity, flag_label
from chuyenhoa.awards.result import AwardsResult, Reason, Status
from chuyenhoa.awards.scheme import percent
from chuyenhoa.i18n import _, _n
from chuyenhoa.output.text import table
from chuyenhoa.output.words import compliance_word, severity_word, within_word

#: Findings shown in section 1 (the proposal against the scheme), not again in section 2.
PROPOSAL_CODES = frozenset({"quota_ok", "quota_exceeded", "share_cap_ok", "share_cap_exceeded",
                            "share_cap_undetermined", "no_scheme"})


def _source(finding: AwardFinding | Reason) -> str:
    return str(finding.source) if finding.source else ""


def _kinds(counts: dict) -> str:
    return ", ".join(kind.counted(n) for kind, n in counts.items())


def render_awards(result: AwardsResult) -> str:
    plan, scheme = result.plan, result.scheme
    out: list[str] = []
    province = f"{result.province.name} — " if result.province else ""
    out.append(province + _("Kế hoạch {plan} ngày {date} ({issuer}): khen thưởng năm {year}").format(
        plan=plan.id, date=f"{plan.date:%d/%m/%Y}", issuer=plan.issuer, year=result.year))
    counts = {c.kind: c.count for c in result.proposed_counts()}
    out.append(_("Tệp đề nghị: {file} ({kinds})").format(file=result.nominees_file, kinds=_kinds(counts))
               + (_("; tên đã được thay bằng mã (--redact)") if result.redacted else ""))
    if result.dropped_columns:
        out.append(_("Các cột không in ra vì có thể chứa thông tin cá nhân (--redact): {columns}").format(
            columns=", ".join(f"'{header}'" for header in result.dropped_columns)))
    if scheme is None:
        out += ["", _("KẾ HOẠCH KHÔNG QUY ĐỊNH KHEN THƯỞNG")]
        out += [f"  {f.message}" for f in result.findings if f.code == "no_scheme"]
    else:
        out.append(_("Hình thức: {form} ({source})").format(form=scheme.form, source=scheme.source))
    out.append("")

    out.append(_("1. ĐỐI CHIẾU ĐỀ NGHỊ VỚI QUY ĐỊNH — {verdict}").format(verdict=compliance_word(result.compliant)))
    if scheme is not None:
        rows: list[tuple[object, ...]] = [_count_row(c) for c in result.proposed_counts() if c.quota is not None]
        rows += [_cap_row(proposed) for proposed, _chosen in result.cap_uses()]
        out.append(table([_("Nội dung"), _("Đề nghị"), _("Giới hạn"), _("Kết quả"), _("Căn cứ")], rows))
        errors = sum(1 for f in result.findings if f.severity is Severity.ERROR and f.nominee_id)
        if errors:
            out.append("  " + _n("{count} lỗi ở từng hồ sơ (mục 2)", errors).format(count=errors))
    else:
        out.append("  " + _("Không có hạn mức, tỷ lệ hay hồ sơ nào để đối chiếu."))
    out.append("")

    shown = [f for f in result.findings if f.code not in PROPOSAL_CODES]
    out.append(_("2. NHẬN XÉT TỪNG HỒ SƠ VÀ CỦA GÓI TỈNH"))
    if shown:
        out.append(table([_("Mã"), _("Mức"), _("Nhận xét"), _("Căn cứ")],
                         [(f.nominee_id or _("(chung)"), severity_word(f.severity), f.message, _source(f))
                          for f in shown]))
    else:
        out.append("  " + _("Không có nhận xét."))
    out.append("")

    recommended = {c.kind: c.count for c in result.recommended_counts()}
    if scheme is not None:
        out.append(_("3. DANH SÁCH ĐỀ XUẤT TRONG HẠN MỨC — {counts}: {ids}").format(
            counts=_kinds(recommended), ids=", ".join(result.recommended) or _("(trống)")))
    else:
        out.append(_("3. DANH SÁCH ĐỀ XUẤT — không lập (kế hoạch không quy định hạn mức)"))
    rows = []
    for decision in result.decisions:
        nominee = result.nominee(decision.nominee_id)
        reasons = "; ".join(r.message + (f" ({r.source})" if r.source else "") for r in decision.reasons)
        who = (nominee.kind.label,) if result.redacted else (nominee.name, nominee.kind.label, nominee.unit)
        rows.append((decision.rank, nominee.nominee_id, *who, decision.status.label, reasons))
    if rows:  # redacted: no name and no unit column, rather than columns of ids and dashes
        who_headers = [_("Loại")] if result.redacted else [_("Tên"), _("Loại"), _("Đơn vị")]
        out.append(table([_("Hạng"), _("Mã"), *who_headers, _("Kết quả"), _("Lý do (căn cứ)")], rows))
    out.append("  " + _("Cách xếp hạng: {ranking}").format(ranking=result.ranking))
    for _proposed, chosen_use in result.cap_uses():
        out.append("  " + _("Sau đề xuất, {label}: {use} — {within} ({source})").format(
            label=flag_label(chosen_use.cap.flag), use=chosen_use.describe(), within=within_word(chosen_use.within),
            source=chosen_use.cap.source))
    held = sum(1 for d in result.decisions if d.status is Status.HELD_BACK)
    if held:
        out.append("  " + _n("{count} hồ sơ đủ điều kiện bị giữ lại để không vượt giới hạn tỷ lệ.", held).format(
            count=held))
    if result.notes:
        out += ["", _("Ghi chú:")] + [f"  - {n}" for n in result.notes]
    return "\n".join(out) + "\n"


def _count_row(count: KindCount) -> tuple[object, ...]:
    assert count.quota is not None
    return (_("Số {kind}").format(kind=count.kind.plural), count.count,
            _("tối đa {max}").format(max=count.quota.max), within_word(count.within), str(count.quota.source))


def _cap_row(use: CapUse) -> tuple[object, ...]:
    cap = use.cap
    share = f" ({percent(use.share)})" if use.share is not None else ""
    unknown = _(", {count} chưa ghi").format(count=use.unknown) if use.unknown else ""
    return (f"{flag_label(cap.flag)} ({cap.id})", f"{use.flagged}/{use.members}{share}{unknown}",
            use.computation, within_word(use.within), str(cap.source))


__all__ = ["render_awards"]
