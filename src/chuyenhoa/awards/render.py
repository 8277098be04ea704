"""The awards result as plain Vietnamese text, the clause beside every finding and decision.

Plain text for the same reasons as :mod:`chuyenhoa.render`: it prints the same
in a terminal, a log and an e-mail.  Names appear only in the recommendation
table, and there as ids when the result was redacted.
"""

from __future__ import annotations

from chuyenhoa.awards.counts import CapUse, KindCount
from chuyenhoa.awards.model import NOMINEE_FLAGS, AwardFinding, Severity
from chuyenhoa.awards.result import AwardsResult, Reason, Status
from chuyenhoa.awards.scheme import percent
from chuyenhoa.render import table

SEVERITY_VI = {Severity.ERROR: "LỖI", Severity.WARNING: "LƯU Ý", Severity.INFO: "—"}
#: Findings shown in section 1 (the proposal against the scheme), not again in section 2.
PROPOSAL_CODES = frozenset({"quota_ok", "quota_exceeded", "share_cap_ok", "share_cap_exceeded",
                            "share_cap_undetermined", "no_scheme"})


def _verdict(value: bool | None) -> str:
    return {True: "ĐÚNG QUY ĐỊNH", False: "KHÔNG ĐÚNG QUY ĐỊNH", None: "CHƯA ĐÁNH GIÁ ĐƯỢC"}[value]


def _within(value: bool | None) -> str:
    return {True: "trong giới hạn", False: "VƯỢT", None: "chưa xác định"}[value]


def _source(finding: AwardFinding | Reason) -> str:
    return str(finding.source) if finding.source else ""


def render_awards(result: AwardsResult) -> str:
    plan, scheme = result.plan, result.scheme
    out: list[str] = []
    province = f"{result.province.name} — " if result.province else ""
    out.append(f"{province}Kế hoạch {plan.id} ngày {plan.date:%d/%m/%Y} ({plan.issuer}): khen thưởng năm "
               f"{result.year}")
    counts = {c.kind: c.count for c in result.proposed_counts()}
    kinds = ", ".join(f"{n} {k.label_vi}" for k, n in counts.items())
    out.append(f"Tệp đề nghị: {result.nominees_file} ({kinds})"
               + ("; tên đã được thay bằng mã (--redact)" if result.redacted else ""))
    if scheme is None:
        out += ["", "KẾ HOẠCH KHÔNG QUY ĐỊNH KHEN THƯỞNG"]
        out += [f"  {f.message}" for f in result.findings if f.code == "no_scheme"]
    else:
        out.append(f"Hình thức: {scheme.form} ({scheme.source})")
    out.append("")

    out.append(f"1. ĐỐI CHIẾU ĐỀ NGHỊ VỚI QUY ĐỊNH — {_verdict(result.compliant)}")
    if scheme is not None:
        rows: list[tuple[object, ...]] = [_count_row(c) for c in result.proposed_counts() if c.quota is not None]
        rows += [_cap_row(proposed) for proposed, _ in result.cap_uses()]
        out.append(table(["Nội dung", "Đề nghị", "Giới hạn", "Kết quả", "Căn cứ"], rows))
        errors = sum(1 for f in result.findings if f.severity is Severity.ERROR and f.nominee_id)
        if errors:
            out.append(f"  {errors} lỗi ở từng hồ sơ (mục 2)")
    else:
        out.append("  Không có hạn mức, tỷ lệ hay hồ sơ nào để đối chiếu.")
    out.append("")

    shown = [f for f in result.findings if f.code not in PROPOSAL_CODES]
    out.append("2. NHẬN XÉT TỪNG HỒ SƠ VÀ CỦA GÓI TỈNH")
    if shown:
        out.append(table(["Mã", "Mức", "Nhận xét", "Căn cứ"],
                         [(f.nominee_id or "(chung)", SEVERITY_VI[f.severity], f.message, _source(f)) for f in shown]))
    else:
        out.append("  Không có nhận xét.")
    out.append("")

    recommended = {c.kind: c.count for c in result.recommended_counts()}
    if scheme is not None:
        chosen = ", ".join(f"{n} {k.label_vi}" for k, n in recommended.items())
        out.append(f"3. DANH SÁCH ĐỀ XUẤT TRONG HẠN MỨC — {chosen}: {', '.join(result.recommended) or '(trống)'}")
    else:
        out.append("3. DANH SÁCH ĐỀ XUẤT — không lập (kế hoạch không quy định hạn mức)")
    rows = []
    for decision in result.decisions:
        nominee = result.nominee(decision.nominee_id)
        reasons = "; ".join(r.message + (f" ({r.source})" if r.source else "") for r in decision.reasons)
        rows.append((decision.rank, nominee.nominee_id, nominee.name, nominee.kind.label_vi, nominee.unit,
                     decision.status.label_vi, reasons))
    if rows:
        out.append(table(["Hạng", "Mã", "Tên", "Loại", "Đơn vị", "Kết quả", "Lý do (căn cứ)"], rows))
    out.append(f"  Cách xếp hạng: {result.ranking}")
    for _, chosen_use in result.cap_uses():
        out.append(f"  Sau đề xuất, {NOMINEE_FLAGS[chosen_use.cap.flag][1]}: {chosen_use.describe()} — "
                   f"{_within(chosen_use.within)} ({chosen_use.cap.source})")
    held = sum(1 for d in result.decisions if d.status is Status.HELD_BACK)
    if held:
        out.append(f"  {held} hồ sơ đủ điều kiện bị giữ lại để không vượt giới hạn tỷ lệ.")
    if result.notes:
        out += ["", "Ghi chú:"] + [f"  - {n}" for n in result.notes]
    return "\n".join(out) + "\n"


def _count_row(count: KindCount) -> tuple[object, ...]:
    assert count.quota is not None
    return (f"Số {count.kind.label_vi}", count.count, f"tối đa {count.quota.max}", _within(count.within),
            str(count.quota.source))


def _cap_row(use: CapUse) -> tuple[object, ...]:
    cap = use.cap
    share = f" ({percent(use.share)})" if use.share is not None else ""
    unknown = f", {use.unknown} chưa ghi" if use.unknown else ""
    return (f"{NOMINEE_FLAGS[cap.flag][1]} ({cap.id})", f"{use.flagged}/{use.members}{share}{unknown}",
            use.computation, _within(use.within), str(cap.source))


__all__ = ["render_awards"]
