"""The plan's milestones as an iCalendar file (RFC 5545) that a calendar program imports.

Written with the ``icalendar`` package, which folds lines, escapes commas and
semicolons and keeps the format right where hand-written text would not.  Each
event carries the clause it comes from and the agency that leads it, or says
that the plan names none.  Events are all-day (deadlines have no hour) and
"transparent" (they do not make anyone look busy); UIDs are derived from the
plan and the milestone, so importing a newer file updates events instead of
doubling them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence

from icalendar import Calendar, Event

from chuyenhoa.model import Plan, Province
from chuyenhoa.render import MILESTONE_VI, SYNTHETIC_BANNER
from chuyenhoa.reports._format import LEAD_UNKNOWN, date_vi, lead_of, when_text
from chuyenhoa.result import Result
from chuyenhoa.timeline import TimelineEntry

#: A window longer than this ("từ nay đến hết ngày 31/12/2024") is shown on its last day only:
#: a nine-month bar across every day of a calendar helps no one.
LONGEST_SPAN = dt.timedelta(days=31)


def _uid(province: Province, plan: Plan, entry: TimelineEntry) -> str:
    m = entry.milestone
    key = "|".join((province.slug, plan.id, m.due.isoformat(), str(m.source), m.what))
    return f"{hashlib.sha256(key.encode('utf-8')).hexdigest()[:24]}-{province.slug}@chuyenhoa"


def _description(plan: Plan, entry: TimelineEntry, as_of: dt.date, synthetic: bool) -> str:
    m = entry.milestone
    lead, where = lead_of(m, plan)
    left = entry.days_left
    state = f"{MILESTONE_VI[entry.status]}" + (f" (còn {left} ngày)" if left >= 0 else f" ({-left} ngày trước)")
    lines = [SYNTHETIC_BANNER, ""] if synthetic else []
    lines += [
        f"Việc: {m.what}",
        f"Căn cứ: {m.source}",
        *([f"Trích văn bản: “{m.source.quote}”"] if m.source.quote else []),
        f"Cơ quan chủ trì: {lead} ({where})" if lead else f"Cơ quan chủ trì: {LEAD_UNKNOWN}",
        f"Thực hiện: {m.who}" if m.who else "Thực hiện: kế hoạch không ghi",
        f"Thời hạn: {when_text(m)}",
        f"Tình trạng ngày {date_vi(as_of)}: {state}",
        f"Kế hoạch: {plan.id} ngày {date_vi(plan.date)} của {plan.issuer}",
    ]
    return "\n".join(lines)


def build_calendar(province: Province, plan: Plan, entries: Sequence[TimelineEntry], as_of: dt.date, *,
                   synthetic: bool = False, version: str = "", stamp: dt.datetime | None = None) -> Calendar:
    """One VEVENT per milestone; ``synthetic`` puts the sample banner in the calendar and every event."""
    calendar = Calendar()
    calendar.add("prodid", f"-//chuyenhoa//chuyenhoa {version}//VI" if version else "-//chuyenhoa//chuyenhoa//VI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    name = f"{province.name} — Kế hoạch {plan.id}: mốc thời gian"
    calendar.add("x-wr-calname", ("[MẪU GIẢ LẬP] " if synthetic else "") + name)
    calendar.add("x-wr-caldesc", (SYNTHETIC_BANNER + " " if synthetic else "")
                 + f"{plan.title} ({plan.issuer}); tình trạng tính đến ngày {date_vi(as_of)}")
    stamp = stamp or dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    for entry in entries:
        m = entry.milestone
        lead, _where = lead_of(m, plan)
        event = Event()
        event.add("uid", _uid(province, plan, entry))
        event.add("dtstamp", stamp)
        start = m.start if m.start is not None and m.due - m.start <= LONGEST_SPAN else m.due
        event.add("dtstart", start)
        event.add("dtend", m.due + dt.timedelta(days=1))  # DTEND of an all-day event is exclusive
        what = m.what if len(m.what) <= 110 else m.what[:109].rstrip() + "…"
        event.add("summary", ("[MẪU] " if synthetic else "") + f"{what} [{m.source}]")
        event.add("description", _description(plan, entry, as_of, synthetic))
        event.add("contact", lead or f"Cơ quan chủ trì: {LEAD_UNKNOWN}")
        event.add("categories", list(dict.fromkeys((plan.id, m.source.document))))
        event.add("transp", "TRANSPARENT")
        event.add("x-chuyenhoa-source", str(m.source))
        if lead:
            event.add("x-chuyenhoa-lead", lead)
        event.add("x-chuyenhoa-status", entry.status.value)
        calendar.add_component(event)
    return calendar


def calendar_bytes(province: Province, plan: Plan, entries: Sequence[TimelineEntry], as_of: dt.date, *,
                   synthetic: bool = False, version: str = "", stamp: dt.datetime | None = None) -> bytes:
    """The .ics file's bytes (UTF-8, CRLF line ends, lines folded at 75 octets)."""
    return build_calendar(province, plan, entries, as_of, synthetic=synthetic, version=version,
                          stamp=stamp).to_ical()


def calendar_for_result(result: Result) -> bytes:
    """The calendar of an evaluation: its plan's milestones, with the sample banner when its data are synthetic."""
    return calendar_bytes(result.province, result.plan, result.timeline, result.as_of,
                          synthetic=result.data.synthetic, version=result.version)
