"""The result of an evaluation: every verdict with its value, threshold, comparator and clause.

One object carries everything the table, JSON (and later the workbook and
reports) show, so no output computes a verdict of its own.  ``to_dict`` is the
JSON documented in ``docs/result-json.md``; ``SCHEMA_VERSION`` changes when a key
does.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping

import attrs

from chuyenhoa.method import json_indent
from chuyenhoa.method.hotspots import HotspotResult
from chuyenhoa.method.selection import Selection
from chuyenhoa.method.targets import TargetResult
from chuyenhoa.method.timeline import TimelineEntry
from chuyenhoa.model import FieldsRepr, Plan, Province, Status, SuccessRule

#: 2: the keys added since 1 (``plan.provincial``, ``plan.number_printed``, ``plan.date_printed``,
#: ``hotspots[].share_low``, ``share_high``, ``missing_needed``, ``data.store``); the change list is in
#: docs/result-json.md ("Versions")
SCHEMA_VERSION = 2


@attrs.frozen(repr=False)
class DataInfo(FieldsRepr):
    source: str  # a path, or "sample"
    synthetic: bool
    province_source: str | None
    years: tuple[int, ...]
    geography: str
    geography_as_of: dt.date
    description: str | None = None
    #: the history store earlier years were taken from (``evaluate --db``), as shown (no password), and those years
    store: str | None = None
    stored_years: tuple[int, ...] = ()

    @property
    def province_file(self) -> str | None:
        """The separate province table's path, to show beside the data; None when there is none
        or it is the bundled sample's (which outputs call "sample", not a folder of this machine)."""
        return None if self.province_source in (None, "sample") else self.province_source

    def as_dict(self) -> dict[str, object]:
        return {
            "source": self.source,
            "synthetic": self.synthetic,
            "province_source": self.province_source,
            "years": list(self.years),
            "description": self.description,
            "geography": {"source": self.geography, "as_of": self.geography_as_of.isoformat()},
            "store": None if self.store is None else {"location": self.store, "years": list(self.stored_years)},
        }


@attrs.frozen(repr=False)
class Result(FieldsRepr):
    province: Province
    plan: Plan
    year: int
    as_of: dt.date
    data: DataInfo
    selection: Selection
    hotspots: tuple[HotspotResult, ...]
    targets: tuple[TargetResult, ...]
    programme: tuple[TargetResult, ...]
    timeline: tuple[TimelineEntry, ...]
    success_rule: SuccessRule
    notes: tuple[str, ...]
    warnings: tuple[str, ...]
    version: str

    @property
    def transformed(self) -> int:
        return sum(1 for h in self.hotspots if h.transformed)

    @property
    def not_assessable_hotspots(self) -> int:
        return sum(1 for h in self.hotspots if h.transformed is None)

    @property
    def transformed_share(self) -> float | None:
        return 100.0 * self.transformed / len(self.hotspots) if self.hotspots else None

    def targets_by_status(self) -> Mapping[Status, int]:
        counts = dict.fromkeys(Status, 0)
        for t in self.targets:
            counts[t.status] += 1
        return counts

    def to_dict(self) -> dict[str, object]:
        plan = self.plan
        share = self.transformed_share
        no_relapse = next((p for p in self.programme if p.indicator == "no_relapse_share"), None)
        return {
            "schema_version": SCHEMA_VERSION,
            "generator": f"chuyenhoa {self.version}",
            "province": {"slug": self.province.slug, "code": self.province.code, "name": self.province.name},
            "plan": {
                "id": plan.id,
                "title": plan.title,
                "issuer": plan.issuer,
                "date": plan.date.isoformat(),
                "year": self.year,
                "years": list(plan.years),
                "period": {"start": plan.period.start.isoformat(), "end": plan.period.end.isoformat()},
                "provincial": plan.provincial,
                "number_printed": plan.number_printed,
                "date_printed": plan.date_printed,
            },
            "as_of": self.as_of.isoformat(),
            "data": self.data.as_dict(),
            "selection": {
                "proposed": self.selection.proposed,
                "hotspots": list(self.selection.hotspots),
                "within_caps": self.selection.within_caps,
                "caps": [c.as_dict() for c in self.selection.caps],
                "policy": {
                    "cap_share": self.selection.policy.cap_share,
                    "scopes": [s.value for s in self.selection.policy.scopes],
                    "rounding": self.selection.policy.rounding.value,
                    "minimum_per_district": self.selection.policy.minimum_per_district,
                    "source": str(self.selection.policy.source),
                    "reading": self.selection.policy.source.reading,
                },
                "excluded_transformed": dict(sorted(self.selection.excluded_transformed.items())),
                "scoring": self.selection.scorer_description,
                "scores": [s.as_dict() for s in sorted(self.selection.scores.values(),
                                                       key=lambda s: (-s.total, s.commune_code))],
                "findings": list(self.selection.findings),
            },
            "success_rule": {
                "share": self.success_rule.share,
                "comparator": self.success_rule.comparator.value,
                "missing": self.success_rule.missing.value,
                "gates": list(self.success_rule.gate_ids),
                "source": str(self.success_rule.source),
                "reading": self.success_rule.source.reading,
            },
            "hotspots": [h.as_dict() for h in self.hotspots],
            "targets": [t.as_dict() for t in self.targets],
            "programme": [p.as_dict() for p in self.programme],
            "summary": {
                "hotspots": len(self.hotspots),
                "transformed": self.transformed,
                "not_assessable": self.not_assessable_hotspots,
                "transformed_share": None if share is None else round(share, 2),
                "no_relapse_share": None if no_relapse is None or no_relapse.actual is None
                else round(float(no_relapse.actual), 2),
                "targets": {s.value: n for s, n in self.targets_by_status().items()},
            },
            "timeline": [e.as_dict() for e in self.timeline],
            "notes": list(self.notes),
            "warnings": list(self.warnings),
        }

    def to_json(self, indent: int | None = 2) -> str:
        """The JSON of :meth:`to_dict` (``json.dumps(…, ensure_ascii=False, indent=indent)``), indented by
        :mod:`chuyenhoa.method.json_indent`, which writes the same text several times faster."""
        if indent is None:
            return json.dumps(self.to_dict(), ensure_ascii=False, default=_default)
        return json_indent.dumps(self.to_dict(), indent=indent, default=_default)


def _default(value: object) -> object:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    raise TypeError(f"cannot serialise {type(value).__name__}")
