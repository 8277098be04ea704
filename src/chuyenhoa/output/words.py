"""The words every output shares: one place for each, so the terminal, the workbook, the page
and the Word report say the same thing the same way.

What is here: the words of every verdict (of a target, a hotspot, an indicator, a gate, a cap,
a milestone), a hotspot's share with its bounds, the cap and the success rule in one sentence
each, the clause cited when a transformed commune leaves the list, the comparators, scopes and
roundings in words, and numbers as print writes them (Vietnamese: decimal comma).  The
constants keep their Vietnamese, marked with ``N_``; the functions give them in the language in
force (:mod:`chuyenhoa.i18n`).  A writer that needs one of them imports it from here instead of
writing it again.

The verdicts of awards (compliance, a limit kept or broken, a finding's weight) and counts as an
administrative document writes them ("03 tập thể") are here too.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING

from chuyenhoa.awards.model import NomineeKind, Severity
from chuyenhoa.comparators import Comparator
from chuyenhoa.i18n import N_, SOURCE_LANGUAGE, _, _n, decimal, language, translate
from chuyenhoa.method.hotspots import HotspotResult
from chuyenhoa.method.result import DataInfo, Result
from chuyenhoa.method.timeline import MilestoneStatus, TimelineEntry
from chuyenhoa.model import CapScope, Plan, Rounding, SelectionPolicy, Source, Status, SuccessRule

if TYPE_CHECKING:
    from fractions import Fraction  # the awards' shares; the table of an evaluation never imports fractions


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

#: The symbols a reader knows from print (≥, ≤); the plan files keep the ASCII forms.  The method's reasons
#: write the same symbols, so they come from :attr:`Comparator.sign`.
COMPARATOR_SIGN = {c: c.sign for c in Comparator}

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


def hotspot_share(hotspot: HotspotResult) -> str:
    """A hotspot's share of indicators met as print writes it: "88,9%", or "44,4–88,9%" while the
    indicators without data leave it open (the rule's bounds, ``MissingIndicator.BOUNDS``); "—" without any."""
    low, high = hotspot.share_low, hotspot.share_high
    if low is None or high is None:
        return percent(None if hotspot.share is None else hotspot.share * 100)
    if low == high:
        return percent(low * 100)
    return f"{number(round(low * 100, 1), 1)}–{percent(high * 100)}"


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


# --- the plan, the data, the map, a milestone: as a reader names them -----------------------


def issuer_name(plan: Plan) -> str:
    """The issuing body without the gloss a plan file may add after " — " (the long name of a Ban Chỉ đạo)."""
    return " ".join(plan.issuer.split(" — ")[0].split())


def plan_reference(plan: Plan) -> str:
    """The plan as a sentence cites it: "Kế hoạch số 860/KH-UBND ngày 25/03/2024 của UBND tỉnh Tây Ninh".

    A copy that prints no number or no date of signing is cited as such, with the name the report uses for
    it (the pack's id, which every clause cites), so no output passes the pack's id off as the document's
    number, or its estimated date as the date of signing.
    """
    issuer, date = issuer_name(plan), f"{plan.date:%d/%m/%Y}"
    if plan.number_printed and plan.date_printed:
        return _("Kế hoạch số {number} ngày {date} của {issuer}").format(number=plan.id, date=date, issuer=issuer)
    if plan.date_printed:
        return _("Kế hoạch ngày {date} của {issuer} (văn bản không ghi số; báo cáo này gọi là {name})").format(
            date=date, issuer=issuer, name=plan.id)
    if plan.number_printed:
        return _("Kế hoạch số {number} của {issuer} (văn bản không ghi ngày ký)").format(number=plan.id,
                                                                                      issuer=issuer)
    return _("Kế hoạch của {issuer} (văn bản không ghi số và ngày ký; báo cáo này gọi là {name})").format(
        issuer=issuer, name=plan.id)


def file_name(path: str) -> str:
    """A file as the reader knows it: its name, never the folders of the machine the report was made on."""
    return re.split(r"[\\/]", path.rstrip("\\/"))[-1] or path


def data_words(data: DataInfo) -> str:
    """Where the figures come from: the data file's name (and the province table's), or the pack's sample."""
    if data.source == "sample":
        text = _("dữ liệu mẫu giả lập của gói tỉnh, không phải số liệu thật")
    else:
        text = file_name(data.source)
    if data.province_file:
        text += _("; số liệu toàn tỉnh: {file}").format(file=file_name(data.province_file))
    return text


def list_words(proposed: bool) -> str:
    """Where the hotspots come from: the approved list the data record, or the tool's proposal."""
    return (_("ĐỀ XUẤT của công cụ (dữ liệu không ghi danh sách được phê duyệt)") if proposed
            else _("danh sách được phê duyệt ghi trong dữ liệu"))


def geography_words(data: DataInfo) -> str:
    """The list of administrative units by its date: "danh mục đơn vị hành chính ngày 04/01/2025".

    Where it came from (the package, its snapshot, the script that generated it) is provenance: the JSON
    and the page's technical note give it, not a report a person signs.
    """
    return _("danh mục đơn vị hành chính ngày {date}").format(date=f"{data.geography_as_of:%d/%m/%Y}")


def milestone_state(entry: TimelineEntry) -> str:
    """A milestone on the day counted to: "đang đến hạn, còn 12 ngày", "sắp tới, còn 40 ngày", or "đã qua ngày
    28/03/2024".  That the deadline passed the tool knows; whether the task was done late it cannot know, so
    "quá N ngày" (N days late) is never said."""
    if entry.status is MilestoneStatus.PASSED or entry.days_left < 0:
        return _("đã qua ngày {date}").format(date=f"{entry.milestone.due:%d/%m/%Y}")
    return f"{milestone_label(entry.status)}, " + _n("còn {days} ngày", entry.days_left).format(days=entry.days_left)


# --- awards -------------------------------------------------------------------------------
# The verdicts of ``chuyenhoa awards`` in every format: the terminal's table (chuyenhoa.awards.render), the
# submission in Word and the list as a workbook (chuyenhoa.output.awards).

#: the proposal as given against the scheme (None: the plan sets no scheme to comply with)
COMPLIANCE_VI: Mapping[bool | None, str] = {True: N_("ĐÚNG QUY ĐỊNH"), False: N_("KHÔNG ĐÚNG QUY ĐỊNH"),
                                            None: N_("CHƯA ĐÁNH GIÁ ĐƯỢC")}
#: a count against its quota, a share against its cap (None: empty cells decide it)
WITHIN_VI: Mapping[bool | None, str] = {True: N_("trong giới hạn"), False: N_("VƯỢT"), None: N_("chưa xác định")}
#: how much a finding weighs (an informative one has no word: it is a check that passed)
SEVERITY_VI: Mapping[Severity, str] = {Severity.ERROR: N_("LỖI"), Severity.WARNING: N_("LƯU Ý"),
                                       Severity.INFO: "—"}
#: a cap on a share as the plans word it: "không quá 40 %" (≤), "dưới 40 %" (<)
CAP_COMPARATOR_VI: Mapping[Comparator, str] = {Comparator.LE: N_("không quá"), Comparator.LT: N_("dưới")}


def compliance_word(compliant: bool | None) -> str:
    """"ĐÚNG QUY ĐỊNH", "KHÔNG ĐÚNG QUY ĐỊNH", "CHƯA ĐÁNH GIÁ ĐƯỢC" in the current language."""
    return translate(COMPLIANCE_VI[compliant])


def within_word(within: bool | None) -> str:
    """A count or share against its limit: "trong giới hạn", "VƯỢT", "chưa xác định"."""
    return translate(WITHIN_VI[within])


def severity_word(severity: Severity) -> str:
    return translate(SEVERITY_VI[severity])


def yes_no(value: bool) -> str:
    """"có" or "không" in the current language."""
    return translate(YES_NO[value])


def document_count(count: int) -> str:
    """A count as a Vietnamese administrative document writes it: two digits below 10 ("03 tập thể - 06 cá
    nhân", as the plans write their quotas); in English, the plain number."""
    return f"{count:02d}" if language() == SOURCE_LANGUAGE and 0 <= count < 10 else str(count)


def counted_kinds(counts: Mapping[NomineeKind, int]) -> str:
    """"04 tập thể, 07 cá nhân": how many of each kind, in document form."""
    return ", ".join(f"{document_count(n)} {kind.counted(n, number=False)}" for kind, n in counts.items())


def share_percent(share: Fraction | None) -> str:
    """A share of a list (3/7) as print writes it: "42,9%"; "—" for an empty list."""
    return percent(None if share is None else float(share) * 100)
