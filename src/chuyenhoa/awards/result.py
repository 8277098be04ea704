"""The result of checking a proposal of awards: findings, counts, the recommendation and why.

One object carries everything the table and the JSON show, so no output
computes a verdict of its own.  ``to_dict`` is the JSON documented in
``docs/awards.md``; ``SCHEMA_VERSION`` changes when a key does.
"""

from __future__ import annotations

import enum
import json
from collections.abc import Iterable

from attrs import field, frozen

from chuyenhoa.awards.counts import CapUse, KindCount, cap_use, kind_counts
from chuyenhoa.awards.model import AwardFinding, Nominee, NomineeKind, Severity
from chuyenhoa.awards.scheme import AwardScheme
from chuyenhoa.i18n import N_, translate
from chuyenhoa.model import Plan, Province, Source

SCHEMA_VERSION = 1


class Status(str, enum.Enum):
    """Where a nominee stands in the recommendation."""

    IN = "in"  # recommended, within the quota
    OUT = "out"  # fails a standard, misses a document, or the quota is full
    HELD_BACK = "held_back"  # eligible, but taking them would break a cap on a share
    UNDECIDED = "undecided"  # the plan has no award scheme to decide with

    @property
    def label_vi(self) -> str:
        """The word the Vietnamese table shows."""
        return {Status.IN: N_("ĐỀ XUẤT"), Status.OUT: N_("KHÔNG ĐỀ XUẤT"), Status.HELD_BACK: N_("GIỮ LẠI"),
                Status.UNDECIDED: N_("CHƯA XÉT")}[self]

    @property
    def label(self) -> str:
        """The word in the current language."""
        return translate(self.label_vi)


@frozen
class Reason:
    """Why a nominee has its status, with the clause."""

    code: str
    message: str
    source: Source | None = None

    def as_dict(self) -> dict[str, object]:
        return {"code": self.code, "message": self.message, "source": str(self.source) if self.source else None}


def _reasons(items: Iterable[Reason]) -> tuple[Reason, ...]:
    """attrs converter: a named function, so mypy types ``Decision(reasons=…)`` (``tuple`` it cannot)."""
    return tuple(items)


@frozen
class Decision:
    """A nominee's place: ``rank`` among the nominees of its kind, ``position`` in the recommended list."""

    nominee_id: str
    kind: NomineeKind
    status: Status
    rank: int
    reasons: tuple[Reason, ...] = field(converter=_reasons)
    position: int | None = None


@frozen
class AwardsResult:
    """A proposal checked against a plan's award scheme, and the list recommended within it."""

    plan: Plan
    year: int
    nominees_file: str
    nominees: tuple[Nominee, ...]
    scheme: AwardScheme | None
    findings: tuple[AwardFinding, ...]
    decisions: tuple[Decision, ...]
    ranking: str
    province: Province | None = None
    redacted: bool = False
    notes: tuple[str, ...] = ()
    version: str = "0+unknown"
    #: under ``redacted``, the headers of the columns left out of every output (the name is replaced, not dropped)
    dropped_columns: tuple[str, ...] = ()

    @property
    def compliant(self) -> bool | None:
        """False when any finding is an error; None when the plan has no scheme to comply with."""
        if any(f.severity is Severity.ERROR for f in self.findings):
            return False
        return None if self.scheme is None else True

    @property
    def recommended(self) -> tuple[str, ...]:
        """The ids recommended, collectives first, each kind in ranked order."""
        chosen = [d for d in self.decisions if d.status is Status.IN]
        order = list(NomineeKind)
        return tuple(d.nominee_id for d in sorted(chosen, key=lambda d: (order.index(d.kind), d.position or 0)))

    def nominee(self, nominee_id: str) -> Nominee:
        return next(n for n in self.nominees if n.nominee_id == nominee_id)

    def decision(self, nominee_id: str) -> Decision:
        return next(d for d in self.decisions if d.nominee_id == nominee_id)

    def errors(self) -> tuple[AwardFinding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    @property
    def recommended_nominees(self) -> tuple[Nominee, ...]:
        return tuple(self.nominee(i) for i in self.recommended)

    def proposed_counts(self) -> tuple[KindCount, ...]:
        return kind_counts(self.scheme, self.nominees)

    def recommended_counts(self) -> tuple[KindCount, ...]:
        return kind_counts(self.scheme, self.recommended_nominees)

    def cap_uses(self) -> tuple[tuple[CapUse, CapUse], ...]:
        """Each cap on the proposal as given and on the recommended list."""
        if self.scheme is None:
            return ()
        chosen = self.recommended_nominees
        return tuple((cap_use(c, self.nominees), cap_use(c, chosen)) for c in self.scheme.share_caps)

    def to_dict(self) -> dict[str, object]:
        plan = self.plan
        recommended = {c.kind: c.count for c in self.recommended_counts()}
        counts = {}
        for count in self.proposed_counts():
            quota = count.quota
            counts[count.kind.value] = {
                "proposed": count.count, "max": count.max, "within": count.within,
                "recommended": recommended[count.kind] if self.scheme else None,
                "source": str(quota.source) if quota else None, "quote": quota.source.quote if quota else None,
            }
        by_id = {d.nominee_id: d for d in self.decisions}
        return {
            "schema_version": SCHEMA_VERSION,
            "generator": f"chuyenhoa {self.version}",
            "province": None if self.province is None else {
                "slug": self.province.slug, "code": self.province.code, "name": self.province.name},
            "plan": {"id": plan.id, "title": plan.title, "issuer": plan.issuer, "date": plan.date.isoformat(),
                     "year": self.year, "years": list(plan.years)},
            "nominees_file": self.nominees_file,
            "redacted": self.redacted,
            "dropped_columns": list(self.dropped_columns),
            "has_scheme": self.scheme is not None,
            "scheme": None if self.scheme is None else self.scheme.as_dict(),
            "compliant": self.compliant,
            "recommended": list(self.recommended),
            "counts": counts,
            "share_caps": [
                {"id": proposed.cap.id, "kind": proposed.cap.kind.value, "flag": proposed.cap.flag,
                 "max_share": float(proposed.cap.max_share), "comparator": proposed.cap.comparator.value,
                 "source": str(proposed.cap.source), "reading": proposed.cap.source.reading,
                 "proposed": proposed.as_dict(), "recommended": chosen.as_dict()}
                for proposed, chosen in self.cap_uses()
            ],
            "ranking": self.ranking,
            "findings": [f.as_dict() for f in self.findings],
            "nominees": [_nominee_dict(self.nominee(d.nominee_id), by_id[d.nominee_id]) for d in self.decisions],
            "notes": list(self.notes),
        }

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)


def _nominee_dict(nominee: Nominee, decision: Decision) -> dict[str, object]:
    return {
        "nominee_id": nominee.nominee_id,
        "row": nominee.row,
        "name": nominee.name,
        "kind": nominee.kind.value,
        "unit": nominee.unit,
        "flags": dict(nominee.flags),
        "achievement_score": nominee.achievement_score,
        "extra": dict(nominee.extra),
        "status": decision.status.value,
        "rank": decision.rank,
        "position": decision.position,
        "reasons": [r.as_dict() for r in decision.reasons],
    }


__all__ = ["SCHEMA_VERSION", "AwardsResult", "Decision", "Reason", "Status"]
