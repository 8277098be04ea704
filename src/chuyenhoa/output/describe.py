"""Plans and packs as plain data, for ``chuyenhoa plan`` and ``chuyenhoa provinces``.

Everything here is handed resolved values: the caller (the command line) asks
the hooks for the method of a plan (:func:`chuyenhoa.method.plan.method_of`)
and passes the answer in, so this module calls no hook and holds no host.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from chuyenhoa.i18n import translate

if TYPE_CHECKING:  # for annotations: ``chuyenhoa provinces`` imports this module and needs no method module
    from chuyenhoa.method.plan import PlanMethod
    from chuyenhoa.model import Plan
    from chuyenhoa.plugins.spec import ProvinceSpec


def plan_dict(spec: ProvinceSpec, plan: Plan, method: PlanMethod) -> dict[str, object]:
    """The JSON of ``chuyenhoa plan``: the plan file's values and the ``method`` its province's hooks give."""
    from chuyenhoa.method.selection import cap_for

    policy, indicators, rule, geography = method.policy, method.indicators, method.rule, method.geography
    notes = list(method.warnings)
    caps = [
        {"unit_code": d.code, "unit_name": d.name, "communes": len(geography.communes_of(d.code)),
         "cap": max(cap_for(len(geography.communes_of(d.code)), policy), policy.minimum_per_district),
         "strict_cap": cap_for(len(geography.communes_of(d.code)), policy)}
        for d in geography.districts
    ] if "district" in [s.value for s in policy.scopes] else []
    return {
        # the code on the map of the year shown: Tây Ninh is 72 until 30/06/2025, 80 from 01/07/2025
        "province": {"slug": spec.slug, "name": spec.name, "code": geography.province.code},
        "plan": {"id": plan.id, "title": plan.title, "issuer": plan.issuer, "date": plan.date.isoformat(),
                 "years": list(plan.years),
                 "period": {"start": plan.period.start.isoformat(), "end": plan.period.end.isoformat(),
                            "source": str(plan.period.source) if plan.period.source else None},
                 "file": plan.path, "provincial": plan.provincial,
                 "number_printed": plan.number_printed, "date_printed": plan.date_printed},
        "targets": [
            {"id": t.id, "indicator": t.indicator, "label": translate(t.label), "basis": t.basis.value,
             "comparator": t.comparator.value, "threshold": t.threshold, "scope": t.scope.value,
             "source": str(t.source), "quote": t.source.quote, "reading": _reading(t.source), "lead": t.lead}
            for t in plan.targets
        ],
        "selection": {
            "cap_share": policy.cap_share, "scopes": [s.value for s in policy.scopes],
            "rounding": policy.rounding.value, "minimum_per_district": policy.minimum_per_district,
            "source": str(policy.source), "reading": _reading(policy.source),
            "minimum_source": str(policy.minimum_source) if policy.minimum_source else None,
            "geography": {"as_of": geography.as_of.isoformat(), "districts": len(geography.districts),
                          "communes": len(geography.communes), "source": geography.source},
            "caps": caps,
            "province_cap": cap_for(len(geography.communes), policy)
            if "province" in [s.value for s in policy.scopes] or not geography.has_districts else None,
        },
        "hotspot_indicators": [
            {"id": i.id, "label": translate(i.label) if i.label else i.label, "comparator": i.comparator.value,
             "threshold": i.threshold,
             "source": str(i.source), "quote": i.source.quote}
            for i in indicators
        ],
        "success_rule": {"share": rule.share, "comparator": rule.comparator.value, "missing": rule.missing.value,
                         "gates": list(rule.gate_ids), "source": str(rule.source), "reading": _reading(rule.source)},
        "milestones": [
            {"date": m.due.isoformat(), "start": m.start.isoformat() if m.start else None, "what": m.what,
             "who": m.who, "source": str(m.source), "quote": m.source.quote}
            for m in plan.milestones
        ],
        "responsibilities": [
            {"task": r.task, "lead": r.lead, "partners": list(r.partners), "targets": list(r.targets),
             "source": str(r.source), "quote": r.source.quote, "reading": r.source.reading}
            for r in plan.responsibilities
        ],
        "awards": plan.awards,
        "notes": list(plan.notes) + notes,
    }


def _reading(source: object) -> str | None:
    """A source's reading, translated when it is one of the tool's own (the national method's)."""
    text = getattr(source, "reading", None)
    return translate(text) if text else text


def province_dict(spec: ProvinceSpec, default: Plan | None = None) -> dict[str, object]:
    """One province as ``chuyenhoa provinces --format json`` lists it: an installed pack (``pack`` true) or a
    province of the national map without one; ``default`` is the plan of the years its own plans do not cover
    (the national plan, ``provincial`` false), listed after them."""
    plans = [*spec.loaded_plans, *((default,) if default is not None else ())]
    years = spec.years  # worked out once: it asks the hooks for the default plan of this year
    return {
        "slug": spec.slug,
        "name": spec.name,
        "code": spec.code,
        "pack": not spec.national,
        "distribution": spec.distribution,
        "version": spec.version,
        "plans": [{"id": p.id, "date": p.date.isoformat(), "years": [y for y in p.years if y in years],
                   "title": p.title, "provincial": p.provincial} for p in plans],
        "years": years,
        "sample": bool(spec.samples),
        "error": None,
    }


def broken_province_dict(slug: str, distribution: str | None, version: str | None, error: str,
                         name: str | None = None, code: str | None = None) -> dict[str, object]:
    """A pack that fails, as ``chuyenhoa provinces --format json`` lists it: the keys of
    :func:`province_dict`, what is known filled in, and ``error``, one line."""
    return {"slug": slug, "name": name, "code": code, "pack": True, "distribution": distribution, "version": version,
            "plans": [], "years": [], "sample": False, "merged": None, "error": " ".join(error.split())}
