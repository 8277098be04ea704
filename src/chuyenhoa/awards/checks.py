"""The generic checks and ranking of the built-in awards plugin (:mod:`chuyenhoa.builtin.awards`).

Kept apart from the plugin module so that building a plugin host, which
imports the plugin, does not pay for these imports: they load on the first
``chuyenhoa awards`` run.
"""

from __future__ import annotations

from chuyenhoa.awards.counts import cap_use, kind_counts
from chuyenhoa.awards.model import AwardFinding, AwardRanking, Nominee, NomineeKind, Severity, flag_label
from chuyenhoa.awards.scheme import AwardScheme
from chuyenhoa.i18n import _
from chuyenhoa.model import Plan, Source


def builtin_checks(plan: Plan, scheme: AwardScheme | None, nominees: tuple[Nominee, ...]) -> list[AwardFinding]:
    """Every generic check; without a scheme, one finding that says the plan has none."""
    if scheme is None:
        return [AwardFinding(
            "no_scheme",
            _("Kế hoạch {plan} không quy định hình thức, số lượng, tiêu chuẩn khen thưởng (không có bảng "
              "[awards]): không có hạn mức để đối chiếu, công cụ không tự đặt ra hạn mức và không lập danh sách "
              "đề xuất; chỉ nêu nhận xét của các gói tỉnh (nếu có).").format(plan=plan.id),
            Source(plan.id, ""), severity=Severity.INFO)]
    return [*proposal_findings(scheme, nominees), *nominee_findings(scheme, nominees)]


def proposal_findings(scheme: AwardScheme, nominees: tuple[Nominee, ...]) -> list[AwardFinding]:
    """The quota of each kind and each cap on a share, on the proposal as given."""
    findings = []
    for count in kind_counts(scheme, nominees):
        if count.quota is None:
            continue
        proposed = count.kind.counted(count.count)
        if count.within:
            findings.append(AwardFinding("quota_ok", _("Đề nghị {proposed}, trong hạn mức {max}").format(
                proposed=proposed, max=count.quota.max), count.quota.source, severity=Severity.INFO))
        else:
            findings.append(AwardFinding("quota_exceeded", _("Đề nghị {proposed}, vượt hạn mức {max} (thừa {over})")
                                         .format(proposed=proposed, max=count.quota.max,
                                                 over=count.count - count.quota.max), count.quota.source))
    for cap in scheme.share_caps:
        use = cap_use(cap, nominees)
        text = f"«{flag_label(cap.flag)}»: {use.describe()}"
        if use.within is True:
            findings.append(AwardFinding("share_cap_ok", _("Trong giới hạn — {text}").format(text=text), cap.source,
                                         severity=Severity.INFO))
        elif use.within is False:
            findings.append(AwardFinding("share_cap_exceeded", _("Vượt giới hạn — {text}").format(text=text),
                                         cap.source))
        else:
            findings.append(AwardFinding("share_cap_undetermined", _("Chưa xác định được — {text}; các ô trống "
                                                                     "có thể làm vượt giới hạn").format(text=text),
                                         cap.source, severity=Severity.WARNING))
    return findings


def nominee_findings(scheme: AwardScheme, nominees: tuple[Nominee, ...]) -> list[AwardFinding]:
    """Each nominee against the kinds provided for, the standards and the dossier."""
    findings: list[AwardFinding] = []
    provided = [q.kind.plural for q in scheme.quotas]
    for nominee in nominees:
        ident = nominee.nominee_id
        if scheme.quota(nominee.kind) is None:
            findings.append(AwardFinding(
                "kind_not_in_scheme", _("Quy định chỉ khen thưởng {provided}, không có {kind}").format(
                    provided=_(" và ").join(provided), kind=nominee.kind.plural), scheme.source, ident))
        missing: dict[str, tuple[Severity, Source]] = {}
        for cap in scheme.caps_for(nominee.kind):
            if nominee.flag(cap.flag) is None:
                missing.setdefault(cap.flag, (Severity.ERROR, cap.source))
        for requirement in scheme.requirements_for(nominee.kind):
            value = nominee.flag(requirement.flag)
            if value is None:
                missing.setdefault(requirement.flag, (Severity.ERROR, requirement.source))
            elif value is not requirement.equals:
                findings.append(AwardFinding(
                    "requirement_not_met", _("Không đạt tiêu chuẩn: «{label}» phải là {wanted}, hồ sơ ghi {given}")
                    .format(label=flag_label(requirement.flag), wanted=_yes_no(requirement.equals),
                            given=_yes_no(value)), requirement.source, ident))
        for document in scheme.documents_for(nominee.kind):
            value = nominee.flag(document.flag)
            if value is None:
                missing.setdefault(document.flag, (Severity.ERROR, document.source))
            elif value is False:
                findings.append(AwardFinding("missing_document", _("Thiếu {document}").format(document=document.label),
                                             document.source, ident))
        for priority in scheme.priorities_for(nominee.kind):
            if nominee.flag(priority.flag) is None:
                missing.setdefault(priority.flag, (Severity.WARNING, priority.source))
        for flag, (severity, source) in missing.items():
            consequence = _("không xét được") if severity is Severity.ERROR else _("xếp như không được ưu tiên")
            findings.append(AwardFinding(
                "missing_value", _("Ô '{column}' ({label}) để trống: {consequence}").format(
                    column=flag, label=flag_label(flag), consequence=consequence), source, ident, severity))
    return findings


def _yes_no(value: bool) -> str:
    return _("có") if value else _("không")


def priority_ranking(scheme: AwardScheme | None) -> AwardRanking:
    """The plan's priorities in order, then the proposing body's score (highest first), then the id.

    A nominee whose priority cell is empty ranks as not preferred; one without a
    score ranks after every scored nominee of its group.
    """
    def key(nominee: Nominee) -> tuple[object, ...]:
        priorities = scheme.priorities_for(nominee.kind) if scheme else ()
        preferred = tuple(0 if nominee.flag(p.flag) is p.prefer else 1 for p in priorities)
        score = nominee.achievement_score
        return (preferred, (0, -score) if score is not None else (1, 0.0), nominee.nominee_id)

    parts = []
    if scheme:
        for kind in NomineeKind:
            rules = [_("«{label}» = {value} trước ({source})").format(
                         label=flag_label(p.flag), value=_yes_no(p.prefer), source=p.source)
                     for p in scheme.priorities_for(kind)]
            if rules:
                parts.append(f"{kind.plural}: " + _(", rồi ").join(rules))
    head = _("Ưu tiên của kế hoạch — {priorities}. Sau đó: ").format(priorities="; ".join(parts)) if parts else ""
    # in the words of the nominee workbook's column headers («Điểm thành tích», «Mã đề nghị»), never the ids
    return AwardRanking(key, head + _("«Điểm thành tích» do cơ quan, đơn vị đề nghị tự chấm, cao trước, ô "
                                      "trống sau cùng; cuối cùng theo «Mã đề nghị»."))


__all__ = ["builtin_checks", "nominee_findings", "priority_ranking", "proposal_findings"]
