"""The words every output shares: one place for each, so the terminal, the workbook, the page
and the Word report say the same thing the same way.

What is here: the words of every verdict (of a target, a hotspot, an indicator, a gate, a cap,
a milestone), the cap and the success rule in one sentence each, the clause cited when a
transformed commune leaves the list, the comparators, scopes and roundings in words, and
numbers as print writes them (Vietnamese: decimal comma).  The constants keep their
Vietnamese, marked with ``N_``; the functions give them in the language in force
(:mod:`chuyenhoa.i18n`).  A writer that needs one of them imports it from here instead of
writing it again.
"""

from __future__ import annotations

from collections.abc import Mapping

from chuyenhoa.comparators import Comparator
from chuyenhoa.i18n import N_, _, decimal, translate
from chuyenhoa.method.result import Result
from chuyenhoa.method.timeline import MilestoneStatus
from chuyenhoa.model import CapScope, Rounding, SelectionPolicy, Source, Status, SuccessRule


def leave_clause(policy: SelectionPolicy) -> str:
    """The clause that takes a transformed commune off the list (7488/KH-UBND §III.2 unless the plan says)."""
    return str(policy.leave_source or policy.source)


# --- verdicts -----------------------------------------------------------------------

STATUS_VI = {
    Status.MET: N_("ĐẠT"),
    Status.NOT_MET: N_("KHÔNG ĐẠT"),
    Status.NOT_ASSESSABLE: N_("CHƯA ĐÁNH GIÁ ĐƯỢC"),
}
VERDICT_VI = {
    Status.MET: N_("Chuyển hóa thành công"),
    Status.NOT_MET: N_("Chưa chuyển hóa"),
    Status.NOT_ASSESSABLE: N_("Chưa đánh giá được"),
}
MILESTONE_VI = {
    MilestoneStatus.PASSED: N_("đã qua"),
    MilestoneStatus.DUE: N_("đang đến hạn"),
    MilestoneStatus.UPCOMING: N_("sắp tới"),
}
SYNTHETIC_BANNER = N_("*** DỮ LIỆU MẪU GIẢ LẬP (SYNTHETIC) — KHÔNG PHẢI SỐ LIỆU THẬT ***")


def status_label(status: Status) -> str:
    """"ĐẠT", "KHÔNG ĐẠT", "CHƯA ĐÁNH GIÁ ĐƯỢC" in the current language."""
    return translate(STATUS_VI[status])


def verdict_label(status: Status) -> str:
    """A hotspot's verdict ("Chuyển hóa thành công" …) in the current language."""
    return translate(VERDICT_VI[status])


def milestone_label(status: MilestoneStatus) -> str:
    """"đã qua", "đang đến hạn", "sắp tới" in the current language."""
    return translate(MILESTONE_VI[status])


def synthetic_banner() -> str:
    """The banner every output of synthetic data carries, in the current language."""
    return translate(SYNTHETIC_BANNER)


def reading_of(source: Source) -> str | None:
    """The reading a source applies, in the current language when it is one of the tool's own (national.py)."""
    return translate(source.reading) if source.reading else None


#: an indicator of a hotspot: met, missed, or no data (``N_``: shown with ``translate``)
MET_VI: Mapping[Status, str] = {Status.MET: N_("đạt"), Status.NOT_MET: N_("không đạt"),
                                Status.NOT_ASSESSABLE: N_("thiếu số liệu")}
#: a required condition of a hotspot
GATE_VI: Mapping[Status, str] = {Status.MET: N_("đạt"), Status.NOT_MET: N_("không đạt"),
                                 Status.NOT_ASSESSABLE: N_("chưa đánh giá được")}
#: a unit's selection against its cap: within it (met) or over it (not met)
CAP_VI: Mapping[Status, str] = {Status.MET: N_("trong trần"), Status.NOT_MET: N_("VƯỢT TRẦN")}
YES_NO = {True: N_("có"), False: N_("không")}


def cap_word(within: bool) -> str:
    """A unit's selection against its cap: "trong trần" or "VƯỢT TRẦN"."""
    return translate(CAP_VI[Status.MET if within else Status.NOT_MET])


# --- the method in words ------------------------------------------------------------------

#: The symbols a reader knows from print; the plan files keep the ASCII forms.
COMPARATOR_SIGN = {
    Comparator.GT: ">",
    Comparator.GE: "≥",
    Comparator.LT: "<",
    Comparator.LE: "≤",
    Comparator.EQ: "=",
}

#: The cap's scope and rounding in words (the plan files and JSON keep the English values); shown through
#: :func:`scope_words` and :func:`rounding_words`.
SCOPE_VI = {CapScope.DISTRICT: N_("huyện"), CapScope.PROVINCE: N_("tỉnh")}
ROUNDING_VI = {Rounding.FLOOR: N_("làm tròn xuống"), Rounding.CEIL: N_("làm tròn lên"),
               Rounding.ROUND_HALF_UP: N_("làm tròn đến số nguyên gần nhất")}


def scope_words(scope: CapScope) -> str:
    return translate(SCOPE_VI[scope])


def rounding_words(rounding: Rounding) -> str:
    return translate(ROUNDING_VI[rounding])


def number(value: object, digits: int = 2) -> str:
    """A value as print writes it (Vietnamese: decimal comma), no trailing zeros, "—" for none."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return _("có") if value else _("không")
    if isinstance(value, float):
        text = f"{value:.{digits}f}".rstrip("0").rstrip(".")
        return "0" if text in ("-0", "") else decimal(text)
    return str(value)


def percent(share: float | None, digits: int = 1) -> str:
    """A share held as a percentage (70.0) as "70 %"; "—" when unknown."""
    return "—" if share is None else f"{number(round(share, digits), digits)}%"


def share_words(share: float) -> str:
    """A share of the rules (0.15, 0.8) as a percentage a reader writes: "15", "80", "66,7"."""
    return number(round(share * 100, 2))


def cap_sentence(policy: SelectionPolicy) -> str:
    """The cap in one sentence: "không quá 15% số đơn vị hành chính cấp xã của mỗi huyện, làm tròn xuống (…)"."""
    return _("không quá {share}% số đơn vị hành chính cấp xã của mỗi {scopes}, {rounding} ({source})").format(
        share=share_words(policy.cap_share), scopes=_(" và của ").join(scope_words(s) for s in policy.scopes),
        rounding=rounding_words(policy.rounding), source=policy.source)


def minimum_sentence(policy: SelectionPolicy) -> str | None:
    """The floor per district a plan sets above the cap, if any, with its clause."""
    if not policy.minimum_per_district:
        return None
    return _("Tối thiểu {minimum} địa bàn mỗi huyện ({source})").format(
        minimum=policy.minimum_per_district, source=policy.minimum_source or policy.source)


def rule_sentence(rule: SuccessRule) -> str:
    """The success rule in one sentence: "đạt ≥ 80% chỉ tiêu, kèm các điều kiện: … (7488/KH-UBND §III.4)"."""
    gates = "; ".join(translate(g.label) if g.label else g.id for g in rule.gates)
    text = _("đạt {comparator} {share}% chỉ tiêu").format(comparator=COMPARATOR_SIGN[rule.comparator],
                                                         share=share_words(rule.share))
    if gates:
        text += _(", kèm các điều kiện: {gates}").format(gates=gates)
    return text + f" ({rule.source})"


def method_notes(result: Result) -> list[str]:
    """What every output says of the method applied, before the plan's own notes: the cap and the rule with
    their readings, then the readings of the targets."""
    policy, rule = result.selection.policy, result.success_rule

    def with_reading(text: str, source: Source | None) -> str:
        reading = reading_of(source) if source is not None else None
        return text + (". " + _("Cách đọc: {reading}").format(reading=reading) if reading else "")

    notes = [with_reading(_("Trần lựa chọn: {cap}").format(cap=cap_sentence(policy)), policy.source),
             with_reading(_("Quy tắc chuyển hóa thành công: {rule}").format(rule=rule_sentence(rule)), rule.source)]
    minimum = minimum_sentence(policy)
    if minimum:
        notes.append(with_reading(minimum, policy.minimum_source))
    return notes


def target_readings(result: Result) -> list[str]:
    """The reading each target of the plan applies, after its label and clause."""
    return [f"{translate(t.label) or t.id} ({t.source}): {reading_of(t.source)}"
            for t in result.targets if t.source.reading]


def all_notes(result: Result) -> list[str]:
    """Every note an output shows: the method's, the plan's and its plugins', the targets' readings."""
    return [*method_notes(result), *result.notes, *target_readings(result)]
