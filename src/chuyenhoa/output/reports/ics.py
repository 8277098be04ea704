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

from chuyenhoa.i18n import _, language
from chuyenhoa.method.result import Result
from chuyenhoa.method.timeline import TimelineEntry
from chuyenhoa.model import Plan, Province
from chuyenhoa.output.reports._format import date_vi, lead_of, lead_unknown, when_text
from chuyenhoa.output.words import milestone_state, plan_reference, synthetic_banner

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
    state = milestone_state(entry)  # "đã qua ngày …", never "… ngày trước": a passed deadline is not a late task
    lines = [synthetic_banner(), ""] if synthetic else []
    lines += [
        _("Việc: {what}").format(what=m.what),
        _("Căn cứ: {source}").format(source=m.source),
        *([_("Trích văn bản: “{quote}”").format(quote=m.source.quote)] if m.source.quote else []),
        _("Cơ quan chủ trì: {lead} ({where})").format(lead=lead, where=where) if lead
        else _("Cơ quan chủ trì: {lead}").format(lead=lead_unknown()),
        _("Thực hiện: {who}").format(who=m.who) if m.who else _("Thực hiện: kế hoạch không ghi"),
        _("Thời hạn: {when}").format(when=when_text(m)),
        _("Tình trạng ngày {date}: {state}").format(date=date_vi(as_of), state=state),
        _("Kế hoạch: {plan}").format(plan=plan_reference(plan)),
    ]
    return "\n".join(lines)


def build_calendar(province: Province, plan: Plan, entries: Sequence[TimelineEntry], as_of: dt.date, *,
                   synthetic: bool = False, version: str = "", stamp: dt.datetime | None = None) -> Calendar:
    """One VEVENT per milestone; ``synthetic`` puts the sample banner in the calendar and every event."""
    calendar = Calendar()
    tag = language().upper()  # the language of the calendar's text, as PRODID's last field says (RFC 5545)
    calendar.add("prodid", f"-//chuyenhoa//chuyenhoa {version}//{tag}" if version
                 else f"-//chuyenhoa//chuyenhoa//{tag}")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    name = _("{province} — Kế hoạch {plan}: mốc thời gian").format(province=province.name, plan=plan.id)
    calendar.add("x-wr-calname", (_("[MẪU GIẢ LẬP]") + " " if synthetic else "") + name)
    calendar.add("x-wr-caldesc", (synthetic_banner() + " " if synthetic else "")
                 + _("{title} ({issuer}); tình trạng tính đến ngày {date}").format(
                     title=plan.title, issuer=plan.issuer, date=date_vi(as_of)))
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
        event.add("summary", (_("[MẪU]") + " " if synthetic else "") + f"{what} [{m.source}]")
        event.add("description", _description(plan, entry, as_of, synthetic))
        event.add("contact", lead or _("Cơ quan chủ trì: {lead}").format(lead=lead_unknown()))
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
    calendar = build_calendar(province, plan, entries, as_of, synthetic=synthetic, version=version, stamp=stamp)
    data: bytes = calendar.to_ical()  # icalendar leaves to_ical() unannotated
    return data


def calendar_for_result(result: Result) -> bytes:
    """The calendar of an evaluation: its plan's milestones, with the sample banner when its data are synthetic."""
    return calendar_bytes(result.province, result.plan, result.timeline, result.as_of,
                          synthetic=result.data.synthetic, version=result.version)
