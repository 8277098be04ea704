"""``chuyenhoa timeline``: the plan's milestones and their status on a day, as a table, JSON or a calendar.

The milestones come from the plan file alone (no data are read), so the command
answers "what is due?" before any figure exists.  :mod:`chuyenhoa.cli.app`
registers :func:`timeline`; it parses the same ``--as-of`` as ``evaluate``
(:func:`~chuyenhoa.cli.common.parse_date`) and reports an error as one line and
exit code 2.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated

import typer

from chuyenhoa.cli.commands import SUMMARIES
from chuyenhoa.cli.common import fail, is_stdout, parse_date, written
from chuyenhoa.errors import ChuyenhoaError
from chuyenhoa.i18n import N_, _
from chuyenhoa.method.timeline import TimelineEntry
from chuyenhoa.method.timeline import timeline as entries_on
from chuyenhoa.model import Plan, Province

HELP = SUMMARIES["timeline"]


class TimelineFormat(str, enum.Enum):
    table = "table"
    ics = "ics"
    json = "json"


def plan_timeline(plan: Plan, as_of: dt.date, year: int | None = None) -> tuple[TimelineEntry, ...]:
    """The plan's milestones as of ``as_of``.

    With a ``year`` and a plan of several years (Đồng Nai's 2017–2020 repeats its
    report "hàng năm"), only the milestones whose time falls in that year are kept;
    a one-year plan keeps all of its milestones, even one due early the next year.
    """
    milestones = plan.milestones
    if year is not None and len(plan.years) > 1:
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
        milestones = tuple(m for m in milestones if (m.start or m.due) <= last and m.due >= first)
    return entries_on(milestones, as_of)


def timeline_dict(province: Province, plan: Plan, entries: Sequence[TimelineEntry], as_of: dt.date,
                  year: int | None) -> dict[str, object]:
    """The JSON of the command: each milestone as in ``evaluate``'s JSON, with its lead agency."""
    from chuyenhoa.output.reports._format import lead_of

    milestones = []
    for entry in entries:
        lead, where = lead_of(entry.milestone, plan)
        milestones.append(entry.as_dict() | {"lead": lead, "lead_source": where or None})
    return {
        "province": {"slug": province.slug, "code": province.code, "name": province.name},
        "plan": {"id": plan.id, "title": plan.title, "issuer": plan.issuer, "date": plan.date.isoformat(),
                 "years": list(plan.years)},
        "year": year,
        "as_of": as_of.isoformat(),
        "milestones": milestones,
    }


def timeline_table(province: Province, plan: Plan, entries: Sequence[TimelineEntry], as_of: dt.date) -> str:
    """The plain-text table, in the words and layout of ``chuyenhoa evaluate``'s tables, fitted to the terminal.

    A milestone whose deadline is behind the day counted to "đã qua ngày 28/03/2024": the tool knows the
    deadline passed, not whether the task was done late, so it never says "quá N ngày".
    """
    from chuyenhoa.output.reports._format import lead_of, when_text
    from chuyenhoa.output.text import fit_lines, table
    from chuyenhoa.output.words import milestone_state, plan_reference

    head = _("{province} — {plan}: mốc thời gian tính đến ngày {as_of}").format(
        province=province.name, plan=plan_reference(plan), as_of=f"{as_of:%d/%m/%Y}")
    if not entries:
        return fit_lines(f"{head}\n  " + _("Kế hoạch không có mốc thời gian nào.")) + "\n"
    rows = []
    for entry in entries:
        m = entry.milestone
        lead, _where = lead_of(m, plan)
        rows.append((when_text(m), milestone_state(entry), str(m.source), lead or _("(không ghi)"), m.what))
    return fit_lines(head) + "\n" + table([_("Hạn"), _("Tình trạng"), _("Căn cứ"), _("Chủ trì"), _("Việc")],
                                           rows) + "\n"


def timeline(
    province: Annotated[str, typer.Option("--province", "-p", help=N_("Mã gói tỉnh, ví dụ tayninh"))],
    year: Annotated[int | None, typer.Option("--year", "-y", help=N_("Năm của kế hoạch (mặc định: kế hoạch mới "
                                                                     "nhất)"))] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help=N_("Ngày xét tình trạng (mặc định: hôm nay)"))]
    = None,
    format: Annotated[TimelineFormat, typer.Option("--format", "-f", help=N_("table, ics (lịch) hoặc json"))]
    = TimelineFormat.table,
    output: Annotated[Path | None, typer.Option("--output", "-o", help=N_("Ghi ra tệp (ví dụ moc.ics)"))] = None,
    allow_empty: Annotated[bool, typer.Option("--allow-empty", help=N_("Vẫn ghi khi kế hoạch không có mốc thời gian "
                                                                       "nào (lịch trống), chỉ cảnh báo"))] = False,
) -> None:
    """The plan's milestones, their status on a day and their lead agency; a table, JSON or an .ics calendar."""
    from chuyenhoa.method.engine import version
    from chuyenhoa.plugins.host import get_host

    day = parse_date(as_of) or dt.date.today()
    try:
        spec = get_host().province(province, year=year)
        plan = spec.plan_for(year)
        place = Province(spec.slug, spec.code, spec.name)
        entries = plan_timeline(plan, day, year)
        if not entries:  # an empty calendar imported without a word looks like a plan with nothing due
            empty = _no_milestones(plan, year)
            if not allow_empty:
                raise fail(empty + "; " + _("dùng --allow-empty nếu vẫn muốn ghi lịch trống"))
            typer.echo(_("Cảnh báo: {warning}").format(warning=empty), err=True)
        if format is TimelineFormat.ics:
            from chuyenhoa.output.reports.ics import calendar_bytes

            payload = calendar_bytes(place, plan, entries, day, version=version())
        elif format is TimelineFormat.json:
            payload = (json.dumps(timeline_dict(place, plan, entries, day, year), ensure_ascii=False, indent=2)
                       + "\n").encode("utf-8")
        else:
            payload = timeline_table(place, plan, entries, day).encode("utf-8")
        if output is None or is_stdout(output):
            _write_stdout(payload)
            return
        from chuyenhoa.output.files import write_atomic_bytes

        write_atomic_bytes(output, payload, inputs=spec.files())  # never over the plan it was read from
    except ChuyenhoaError as exc:
        raise fail(str(exc)) from None
    written(output)


def _no_milestones(plan: Plan, year: int | None) -> str:
    """Why the calendar is empty: the plan has no dated milestone (in the year asked for)."""
    from chuyenhoa.output.words import plan_reference

    if year is not None and len(plan.years) > 1 and plan.milestones:
        return _("{plan} không có mốc thời gian nào có ngày trong năm {year}").format(
            plan=plan_reference(plan), year=year)
    return _("{plan} không có mốc thời gian nào có ngày").format(plan=plan_reference(plan))


def _write_stdout(payload: bytes) -> None:
    """Bytes as they are (an .ics keeps its CRLF line ends), or text where stdout takes no bytes."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(payload.decode("utf-8"))
        return
    sys.stdout.flush()
    buffer.write(payload)
    buffer.flush()
