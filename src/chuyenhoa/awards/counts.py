"""The arithmetic of quotas and share caps, on any list of nominees.

The same functions count the proposal as given (is it compliant?) and the
recommended list (does it stay within the scheme?), so the two can never
disagree on how a cap is computed.
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction

from attrs import frozen

from chuyenhoa.awards.model import Nominee, NomineeKind
from chuyenhoa.awards.scheme import AwardScheme, Quota, ShareCap, format_number, percent
from chuyenhoa.i18n import _


@frozen
class KindCount:
    """How many nominees of one kind a list holds, against the scheme's quota (None: no quota)."""

    kind: NomineeKind
    count: int
    quota: Quota | None

    @property
    def max(self) -> int | None:
        return None if self.quota is None else self.quota.max

    @property
    def within(self) -> bool | None:
        return None if self.quota is None else self.count <= self.quota.max


@frozen
class CapUse:
    """A share cap applied to one list: members of the kind, how many are flagged, how many unknown."""

    cap: ShareCap
    members: int
    flagged: int
    unknown: int

    @property
    def allowed(self) -> int:
        return self.cap.allowed(self.members)

    @property
    def within(self) -> bool | None:
        """True or False; None when the nominees whose flag is empty decide it."""
        if self.flagged > self.allowed:
            return False
        if self.flagged + self.unknown > self.allowed:
            return None
        return True

    @property
    def share(self) -> Fraction | None:
        return Fraction(self.flagged, self.members) if self.members else None

    @property
    def computation(self) -> str:
        return self.cap.computation(self.members)

    def describe(self) -> str:
        share = "" if self.share is None else f" ({percent(self.share)})"
        unknown = _(", {count} chưa ghi").format(count=self.unknown) if self.unknown else ""
        return _("{flagged}/{members} có '{flag}'{share}{unknown}; {computation}").format(
            flagged=self.flagged, members=self.cap.kind.counted(self.members), flag=self.cap.flag, share=share,
            unknown=unknown, computation=self.computation)

    def as_dict(self) -> dict[str, object]:
        return {
            "members": self.members,
            "flagged": self.flagged,
            "unknown": self.unknown,
            "allowed": self.allowed,
            "share": None if self.share is None else round(float(self.share), 4),
            "within": self.within,
            "computation": self.computation,
        }


def kind_counts(scheme: AwardScheme | None, nominees: Iterable[Nominee]) -> tuple[KindCount, ...]:
    listed = list(nominees)
    return tuple(
        KindCount(kind, sum(1 for n in listed if n.kind is kind), scheme.quota(kind) if scheme else None)
        for kind in NomineeKind
    )


def cap_use(cap: ShareCap, nominees: Iterable[Nominee]) -> CapUse:
    members = [n for n in nominees if n.kind is cap.kind]
    values = [n.flag(cap.flag) for n in members]
    return CapUse(cap, len(members), sum(1 for v in values if v is True), sum(1 for v in values if v is None))


__all__ = ["CapUse", "KindCount", "cap_use", "format_number", "kind_counts"]
