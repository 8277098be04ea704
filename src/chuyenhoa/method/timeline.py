"""Milestones as passed, due or upcoming on a given day.

A milestone with a window ("trong tháng 7 năm 2024") is due while the window is
open; a deadline without one is due during the :data:`DUE_WINDOW` before it, so a
user running the tool in March sees "gửi kế hoạch trước ngày 29/3" as due, not
as upcoming.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable

import attrs

from chuyenhoa.model import FieldsRepr, Milestone

DUE_WINDOW = dt.timedelta(days=30)


class MilestoneStatus(str, enum.Enum):
    PASSED = "passed"
    DUE = "due"
    UPCOMING = "upcoming"


@attrs.frozen(repr=False)
class TimelineEntry(FieldsRepr):
    milestone: Milestone
    status: MilestoneStatus
    days_left: int

    def as_dict(self) -> dict[str, object]:
        m = self.milestone
        return {
            "date": m.due.isoformat(),
            "start": m.start.isoformat() if m.start else None,
            "what": m.what,
            "who": m.who,
            "status": self.status.value,
            "days_left": self.days_left,
            "source": str(m.source),
            "quote": m.source.quote,
        }


def status_on(milestone: Milestone, as_of: dt.date) -> MilestoneStatus:
    if as_of > milestone.due:
        return MilestoneStatus.PASSED
    opens = milestone.start if milestone.start is not None else milestone.due - DUE_WINDOW
    return MilestoneStatus.DUE if as_of >= opens else MilestoneStatus.UPCOMING


def timeline(milestones: Iterable[Milestone], as_of: dt.date) -> tuple[TimelineEntry, ...]:
    return tuple(
        TimelineEntry(m, status_on(m, as_of), (m.due - as_of).days)
        for m in sorted(milestones, key=lambda m: (m.due, m.what))
    )
