"""How numbers, thresholds and dates read in the reports: the same in every format, in the language chosen.

The HTML page, the Word report and the calendar share these helpers so that a
value never reads "75.5" in one and "75,5" in another (Vietnamese writes the
decimal comma, English the point: :func:`chuyenhoa.i18n.decimal`).  Nothing here decides a
verdict: each function only formats what :class:`~chuyenhoa.method.result.Result`
already holds.
"""

from __future__ import annotations

import datetime as dt
import re

from chuyenhoa.i18n import N_, _, decimal, translate
from chuyenhoa.method.targets import TargetResult
from chuyenhoa.model import Milestone, Plan
from chuyenhoa.output.words import COMPARATOR_SIGN, number

#: Said wherever a milestone's lead agency cannot be read from the plan (shown through :func:`lead_unknown`).
LEAD_UNKNOWN = N_("chưa xác định (kế hoạch không ghi cơ quan chủ trì cho mốc này)")

#: The months as an administrative document writes them after "ngày 25" (months 1 and 2 zero-padded,
#: Nghị định 30/2020/NĐ-CP); English names them.
MONTHS = (N_("tháng 01"), N_("tháng 02"), N_("tháng 3"), N_("tháng 4"), N_("tháng 5"), N_("tháng 6"),
          N_("tháng 7"), N_("tháng 8"), N_("tháng 9"), N_("tháng 10"), N_("tháng 11"), N_("tháng 12"))


def lead_unknown() -> str:
    return translate(LEAD_UNKNOWN)


def is_change(t: TargetResult) -> bool:
    return t.basis.value == "change_pct"


def is_rate(t: TargetResult) -> bool:
    """Whether a target's value is a percentage: a change on last year, or a rate or share.

    Decides only how the value is labelled and scaled in a chart, never whether it is met.
    """
    if is_change(t):
        return True
    if isinstance(t.threshold, bool):
        return False
    return t.indicator.endswith(("_rate", "_share")) or "%" in t.label


def threshold_text(t: TargetResult) -> str:
    """"> 75%", "≤ -5% so với năm 2023", "= có": the threshold as the comparator writes it."""
    sign = COMPARATOR_SIGN[t.comparator]
    value = number(t.threshold)
    if is_change(t):
        if t.previous_year:
            return _("{sign} {value}% so với năm {year}").format(sign=sign, value=value, year=t.previous_year)
        return _("{sign} {value}% so với năm trước").format(sign=sign, value=value)
    return f"{sign} {value}{'%' if is_rate(t) else ''}"


def actual_text(t: TargetResult) -> str:
    """The value the verdict was reached on: "+3,2%", "75%", "69"; "—" without data."""
    if t.actual is None:
        return "—"
    if is_change(t):
        return decimal(f"{float(t.actual):+.2f}%")
    return f"{number(t.actual)}{'%' if is_rate(t) and not isinstance(t.actual, bool) else ''}"


def date_vi(day: dt.date | None) -> str:
    return "—" if day is None else f"{day:%d/%m/%Y}"


def when_text(milestone: Milestone) -> str:
    """"28/03/2024", or "01/07/2024 – 31/07/2024" for a window."""
    if milestone.start is not None and milestone.start != milestone.due:
        return f"{date_vi(milestone.start)} – {date_vi(milestone.due)}"
    return date_vi(milestone.due)


def lead_of(milestone: Milestone, plan: Plan) -> tuple[str | None, str]:
    """The agency that leads a milestone, and where that was read.

    Plans write "(Công an tỉnh chủ trì, phối hợp …)": the part before "chủ trì"
    in the milestone's own ``who`` is taken first; then a responsibility of the
    plan that cites the same clause.  Otherwise the lead is unknown and the
    caller says so rather than guessing from "who" (which may name those who
    carry it out, or one that only advises: "Công an tỉnh tham mưu UBND tỉnh").
    """
    if milestone.who:
        for part in re.split(r"[;()]", milestone.who):
            found = re.search(r"^\s*(.+?)\s+(?:đồng\s+)?chủ trì\b", part)
            if found:
                return found[1].strip(" ,.;"), _("ghi ở mốc, {source}").format(source=milestone.source)
    leads = [r.lead for r in plan.responsibilities if str(r.source) == str(milestone.source)]
    if leads:
        return "; ".join(dict.fromkeys(leads)), _("phân công của kế hoạch, {source}").format(source=milestone.source)
    return None, ""


def document_date(day: dt.date) -> str:
    """"ngày 25 tháng 3 năm 2024": day below 10 and months 1–2 zero-padded (Nghị định 30/2020/NĐ-CP)."""
    return _("ngày {day} {month} năm {year}").format(day=f"{day.day:02d}", month=translate(MONTHS[day.month - 1]),
                                                      year=day.year)
