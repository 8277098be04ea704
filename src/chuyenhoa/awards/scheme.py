"""The award scheme of a plan: the ``[awards]`` table, parsed and checked into attrs values.

A plan file keeps its ``[awards]`` table raw (``Plan.awards``); this module turns
it into an :class:`AwardScheme` the first time awards are evaluated, refusing a
wrong table the way the plan loader refuses a wrong target: a
:class:`~chuyenhoa.errors.PlanFileError` naming the plan file, the key (e.g.
``awards.share_caps[0].max_share``) and what was expected.  The reference is
``docs/awards.md``.

Shares are kept as :class:`fractions.Fraction`: "không quá 40 % tổng số cá nhân
được đề nghị" with 6 individuals allows ⌊2/5 × 6⌋ = 2 leaders, and binary
floating point must not turn 0.4 × 5 = 2 into 1.9999… at the boundary.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Any, TypeAlias

from attrs import field, frozen, validators

from chuyenhoa.awards.model import DOCUMENT_FLAGS, NOMINEE_FLAGS, NomineeKind
from chuyenhoa.comparators import Comparator, parse_comparator
from chuyenhoa.i18n import _, decimal
from chuyenhoa.model import Plan, Source
from chuyenhoa.reading.planfile import TableReader

_TOP = {"form", "source", "quote", "reading", "quotas", "share_caps", "requirements", "priorities", "documents"}
_QUOTA = {"kind", "max", "source", "quote", "reading"}
_SHARE_CAP = {"id", "kind", "flag", "max_share", "comparator", "source", "quote", "reading"}
_REQUIREMENT = {"kind", "flag", "equals", "source", "quote", "reading"}
_PRIORITY = {"kind", "flag", "prefer", "source", "quote", "reading"}
_DOCUMENT = {"flag", "label", "kind", "source", "quote", "reading"}
_CAP_COMPARATORS = (Comparator.LE, Comparator.LT)


def format_number(value: Fraction | int | float) -> str:
    """A number as the current language writes it (Vietnamese: decimal comma), at most four decimals.

    An exact value that needs more decimals ends in "…", so a reader knows the
    printed figure is rounded (the computation never is).
    """
    value = Fraction(value) if not isinstance(value, Fraction) else value
    if value.denominator == 1:
        return str(value.numerator)
    text = decimal(f"{float(value):.4f}".rstrip("0").rstrip("."))
    return text if Fraction(round(value * 10_000), 10_000) == value else text + "…"


def percent(share: Fraction) -> str:
    return f"{format_number(share * 100)}%"


@frozen
class Quota:
    """At most ``max`` nominees of ``kind`` ("Số lượng khen thưởng: 03 tập thể - 06 cá nhân")."""

    kind: NomineeKind = field(converter=NomineeKind)
    max: int = field(validator=validators.ge(0))
    source: Source
    key: str = ""


@frozen
class ShareCap:
    """Nominees of ``kind`` with ``flag`` yes are at most ``max_share`` of those of ``kind``.

    The denominator is the nominees of that kind in the list the cap is applied
    to: the individuals proposed, when a proposal is checked; the individuals
    recommended, when the recommendation is built.
    """

    id: str = field(validator=validators.matches_re(r"^[a-z][a-z0-9_]*$"))
    kind: NomineeKind = field(converter=NomineeKind)
    flag: str
    max_share: Fraction = field(converter=Fraction)
    comparator: Comparator = field(converter=parse_comparator)
    source: Source
    key: str = ""

    @max_share.validator
    def _check_share(self, _attribute: object, value: Fraction) -> None:
        if not 0 < value <= 1:
            raise ValueError(f"max_share must be in (0, 1], got {value}")

    @comparator.validator
    def _check_comparator(self, _attribute: object, value: Comparator) -> None:
        if value not in _CAP_COMPARATORS:
            raise ValueError("a cap compares with '<=' or '<'")

    def allowed(self, n: int) -> int:
        """The most flagged nominees a list of ``n`` nominees of the kind may hold.

        ``<=``: ⌊share × n⌋.  ``<``: the largest k with k < share × n.  With
        n = 0 there is nobody to flag: 0.
        """
        if n <= 0:
            return 0
        product = self.max_share * n
        if self.comparator is Comparator.LT and product.denominator == 1:
            return max(product.numerator - 1, 0)
        return product.numerator // product.denominator

    def holds(self, flagged: int, n: int) -> bool:
        return flagged <= self.allowed(n)

    def computation(self, n: int) -> str:
        """How :meth:`allowed` was computed, in words a reader can check by hand."""
        if n <= 0:
            return _("không có {kind} nào: tối đa 0").format(kind=self.kind.label)
        product = self.max_share * n
        allowed = self.allowed(n)
        share = percent(self.max_share)
        if self.comparator is Comparator.LT:
            return _("dưới {share} × {n} = {product}: tối đa {allowed}").format(
                share=share, n=n, product=format_number(product), allowed=allowed)
        if product.denominator == 1:
            return _("không quá {share} × {n} = {allowed}: tối đa {allowed}").format(share=share, n=n, allowed=allowed)
        return _("không quá {share} × {n} = {product}, làm tròn xuống: tối đa {allowed}").format(
            share=share, n=n, product=format_number(product), allowed=allowed)


def _kind_or_any(value: object) -> NomineeKind | None:
    """A rule's nominee kind: None when it applies to both kinds."""
    return None if value is None else NomineeKind(value)


@frozen
class Requirement:
    """A standard every nominee of ``kind`` (of both kinds when None) must meet."""

    flag: str
    equals: bool
    source: Source
    kind: NomineeKind | None = field(default=None, converter=_kind_or_any)
    key: str = ""


@frozen
class Priority:
    """"Ưu tiên …": nominees whose ``flag`` equals ``prefer`` rank first."""

    flag: str
    prefer: bool
    source: Source
    kind: NomineeKind | None = field(default=None, converter=_kind_or_any)
    key: str = ""


@frozen
class DossierDocument:
    """One document of the nomination dossier, recorded in the yes/no column ``flag``."""

    flag: str
    label: str
    source: Source
    kind: NomineeKind | None = field(default=None, converter=_kind_or_any)
    key: str = ""


def _applies(rule_kind: NomineeKind | None, kind: NomineeKind) -> bool:
    return rule_kind is None or rule_kind is kind


# attrs converters with concrete types: mypy's attrs plugin cannot solve the type
# variable of ``converter=tuple`` and would type the __init__ argument Iterable[_T_co].
def _quotas(items: Iterable[Quota]) -> tuple[Quota, ...]:
    return tuple(items)


def _share_caps(items: Iterable[ShareCap]) -> tuple[ShareCap, ...]:
    return tuple(items)


def _requirements(items: Iterable[Requirement]) -> tuple[Requirement, ...]:
    return tuple(items)


def _priorities(items: Iterable[Priority]) -> tuple[Priority, ...]:
    return tuple(items)


def _documents(items: Iterable[DossierDocument]) -> tuple[DossierDocument, ...]:
    return tuple(items)


#: A rule that reads one yes/no column of the nominees table.
FlagRule: TypeAlias = ShareCap | Requirement | Priority | DossierDocument


@frozen
class AwardScheme:
    """Form, quotas, caps on shares, standards, priorities and dossier of a movement's awards."""

    form: str
    source: Source
    quotas: tuple[Quota, ...] = field(converter=_quotas)
    share_caps: tuple[ShareCap, ...] = field(converter=_share_caps, factory=tuple)
    requirements: tuple[Requirement, ...] = field(converter=_requirements, factory=tuple)
    priorities: tuple[Priority, ...] = field(converter=_priorities, factory=tuple)
    documents: tuple[DossierDocument, ...] = field(converter=_documents, factory=tuple)
    plan_id: str | None = None

    def quota(self, kind: NomineeKind) -> Quota | None:
        return next((q for q in self.quotas if q.kind is kind), None)

    def caps_for(self, kind: NomineeKind) -> tuple[ShareCap, ...]:
        return tuple(c for c in self.share_caps if c.kind is kind)

    def requirements_for(self, kind: NomineeKind) -> tuple[Requirement, ...]:
        return tuple(r for r in self.requirements if _applies(r.kind, kind))

    def priorities_for(self, kind: NomineeKind) -> tuple[Priority, ...]:
        return tuple(p for p in self.priorities if _applies(p.kind, kind))

    def documents_for(self, kind: NomineeKind) -> tuple[DossierDocument, ...]:
        return tuple(d for d in self.documents if _applies(d.kind, kind))

    def flags_needed(self, kind: NomineeKind) -> dict[str, str]:
        """Every yes/no column the scheme reads for ``kind``, with the key of the first rule reading it."""
        needed: dict[str, str] = {}
        rules: tuple[FlagRule, ...] = (*self.caps_for(kind), *self.requirements_for(kind),
                                       *self.documents_for(kind), *self.priorities_for(kind))
        for rule in rules:
            needed.setdefault(rule.flag, rule.key)
        return needed

    def as_dict(self) -> dict[str, object]:
        def src(source: Source) -> dict[str, object]:
            return {"source": str(source), "quote": source.quote, "reading": source.reading}

        def kind(value: NomineeKind | None) -> str | None:
            return None if value is None else value.value

        return {
            "form": self.form,
            **src(self.source),
            "quotas": [{"kind": q.kind.value, "max": q.max, **src(q.source)} for q in self.quotas],
            "share_caps": [{"id": c.id, "kind": c.kind.value, "flag": c.flag, "max_share": float(c.max_share),
                            "max_share_exact": str(c.max_share), "comparator": c.comparator.value, **src(c.source)}
                           for c in self.share_caps],
            "requirements": [{"kind": kind(r.kind), "flag": r.flag, "equals": r.equals, **src(r.source)}
                             for r in self.requirements],
            "priorities": [{"kind": kind(p.kind), "flag": p.flag, "prefer": p.prefer, **src(p.source)}
                           for p in self.priorities],
            "documents": [{"kind": kind(d.kind), "flag": d.flag, "label": d.label, **src(d.source)}
                          for d in self.documents],
        }


def scheme_from_plan(plan: Plan) -> AwardScheme | None:
    """The scheme of ``plan``'s ``[awards]`` table, or None when the plan has none."""
    if not plan.awards:
        return None
    return parse_awards(plan.awards, path=plan.path or plan.id, plan_id=plan.id)


def parse_awards(raw: Mapping[str, Any], *, path: str, plan_id: str | None = None) -> AwardScheme:
    """Check an ``[awards]`` table and build its :class:`AwardScheme`."""
    return _SchemeReader(path).read(raw, plan_id)


class _SchemeReader(TableReader):
    reference = "[awards]"
    source_example = "26/2020/QĐ-UBND Điều 11"

    def boolean(self, raw: Mapping[str, Any], key: str, where: str) -> bool:
        value = raw.get(key)
        if not isinstance(value, bool):
            raise self.fail(f"{where}.{key}", _("cần true hoặc false, có {value}").format(value=repr(value)))
        return value

    def kind(self, raw: Mapping[str, Any], where: str, required: bool) -> NomineeKind | None:
        value = raw.get("kind")
        if value is None and not required:
            return None
        try:
            return NomineeKind(value)
        except ValueError:
            raise self.fail(f"{where}.kind", _("cần 'collective' (tập thể) hoặc 'individual' (cá nhân), có {value}")
                            .format(value=repr(value))) from None

    def flag(self, raw: Mapping[str, Any], where: str, kind: NomineeKind | None,
             allowed: frozenset[str] | None = None) -> str:
        value = raw.get("flag")
        known = sorted(allowed if allowed is not None else NOMINEE_FLAGS)
        if not isinstance(value, str) or value not in known:
            raise self.fail(f"{where}.flag", _("{value} không phải cột có/không của bảng nominees; cần một trong: "
                                               "{choices}").format(value=repr(value), choices=", ".join(known)))
        kinds = NOMINEE_FLAGS[value][0]
        if kind is not None and kind not in kinds:
            only = _(" và ").join(sorted(k.value for k in kinds))
            raise self.fail(f"{where}.flag", _("cột '{column}' chỉ dùng cho {kinds}, không dùng cho '{kind}'").format(
                column=value, kinds=only, kind=kind.value))
        if kind is None and len(kinds) == 1:
            (only,) = kinds
            raise self.fail(f"{where}.kind", _("cột '{column}' chỉ dùng cho '{kind}'; hãy ghi kind = \"{kind}\"")
                            .format(column=value, kind=only.value))
        return value

    def items(self, raw: Mapping[str, Any], key: str, required: bool = False) -> list[Any]:
        value = raw.get(key)
        if value is None:
            if required:
                raise self.fail(f"awards.{key}", _("thiếu mảng bảng bắt buộc [[awards.{key}]]").format(key=key))
            return []
        if not isinstance(value, list):
            raise self.fail(f"awards.{key}", _("cần một mảng bảng [[awards.{key}]]").format(key=key))
        if required and not value:
            raise self.fail(f"awards.{key}", _("cần ít nhất một bảng [[awards.{key}]]").format(key=key))
        return value

    # -- the table -------------------------------------------------------------------
    def read(self, raw: Mapping[str, Any], plan_id: str | None) -> AwardScheme:
        self.keys(raw, _TOP, "awards")
        form = self.text(raw, "form", "awards") or ""
        return AwardScheme(
            form=form,
            source=self.source(raw, "awards"),
            quotas=self._quotas(self.items(raw, "quotas", required=True)),
            share_caps=self._share_caps(self.items(raw, "share_caps")),
            requirements=self._requirements(self.items(raw, "requirements")),
            priorities=self._priorities(self.items(raw, "priorities")),
            documents=self._documents(self.items(raw, "documents")),
            plan_id=plan_id,
        )

    def _quotas(self, items: list[Any]) -> tuple[Quota, ...]:
        seen: dict[NomineeKind, str] = {}
        result = []
        for n, item in enumerate(items):
            where = f"awards.quotas[{n}]"
            self.keys(item, _QUOTA, where)
            kind = self.kind(item, where, required=True)
            assert kind is not None
            if kind in seen:
                raise self.fail(f"{where}.kind", _("hạn mức cho '{kind}' đã có ở {where}; mỗi loại một hạn mức")
                                .format(kind=kind.value, where=seen[kind]))
            seen[kind] = where
            value = item.get("max")
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise self.fail(f"{where}.max", _("cần số nguyên không âm (ví dụ 3), có {value}").format(
                    value=repr(value)))
            result.append(Quota(kind=kind, max=value, source=self.source(item, where), key=where))
        return tuple(result)

    def _share(self, value: Any, where: str) -> Fraction:
        share: Fraction | None = None
        if isinstance(value, str) and re.fullmatch(r"\s*\d+\s*/\s*\d+\s*", value):
            numerator, denominator = (int(part) for part in value.split("/"))
            share = Fraction(numerator, denominator) if denominator else None
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            share = Fraction(str(value))  # 0.4 → 2/5 exactly, not the binary float's neighbour
        if share is None or not 0 < share <= 1:
            raise self.fail(f"{where}.max_share", _("cần tỷ lệ trong (0, 1], ví dụ 0.40 hoặc \"2/5\"; có {value}")
                            .format(value=repr(value)))
        return share

    def _share_caps(self, items: list[Any]) -> tuple[ShareCap, ...]:
        seen: dict[str, str] = {}
        result = []
        for n, item in enumerate(items):
            where = f"awards.share_caps[{n}]"
            self.keys(item, _SHARE_CAP, where)
            ident = self.text(item, "id", where) or ""
            if not re.fullmatch(r"[a-z][a-z0-9_]*", ident):
                raise self.fail(f"{where}.id", _("'{id}' không hợp lệ; cần chữ thường, số và '_' (ví dụ leaders)")
                                .format(id=ident))
            if ident in seen:
                raise self.fail(f"{where}.id", _("'{id}' đã có ở {where}").format(id=ident, where=seen[ident]))
            seen[ident] = where
            kind = self.kind(item, where, required=True)
            flag = self.flag(item, where, kind)
            share = self._share(item.get("max_share"), where)
            if "comparator" not in item:
                raise self.fail(f"{where}.comparator", _("thiếu phép so sánh: \"<=\" cho \"không quá\", \"<\" cho "
                                                         "\"dưới\" (hai cách khác nhau ở ranh giới)"))
            try:
                comparator = Comparator.parse(item["comparator"])
            except ValueError:
                comparator = None
            if comparator not in _CAP_COMPARATORS:
                raise self.fail(f"{where}.comparator", _("cần \"<=\" (không quá) hoặc \"<\" (dưới), có {value}")
                                .format(value=repr(item["comparator"])))
            result.append(ShareCap(id=ident, kind=kind, flag=flag, max_share=share, comparator=comparator,
                                   source=self.source(item, where), key=where))
        return tuple(result)

    def _requirements(self, items: list[Any]) -> tuple[Requirement, ...]:
        seen: dict[tuple[NomineeKind | None, str], str] = {}
        result = []
        for n, item in enumerate(items):
            where = f"awards.requirements[{n}]"
            self.keys(item, _REQUIREMENT, where)
            kind = self.kind(item, where, required=False)
            flag = self.flag(item, where, kind)
            equals = self.boolean(item, "equals", where)
            clash = next((w for (k, f), w in seen.items() if f == flag and (k is None or kind is None or k is kind)),
                         None)
            if clash:
                raise self.fail(f"{where}.flag", _("điều kiện về '{flag}' đã có ở {where}; hai điều kiện cho một "
                                                   "cột trùng hoặc mâu thuẫn nhau").format(flag=flag, where=clash))
            seen[(kind, flag)] = where
            result.append(Requirement(flag=flag, equals=equals, source=self.source(item, where), kind=kind,
                                      key=where))
        return tuple(result)

    def _priorities(self, items: list[Any]) -> tuple[Priority, ...]:
        seen: dict[tuple[NomineeKind | None, str], str] = {}
        result = []
        for n, item in enumerate(items):
            where = f"awards.priorities[{n}]"
            self.keys(item, _PRIORITY, where)
            kind = self.kind(item, where, required=False)
            flag = self.flag(item, where, kind)
            prefer = self.boolean(item, "prefer", where)
            clash = next((w for (k, f), w in seen.items() if f == flag and (k is None or kind is None or k is kind)),
                         None)
            if clash:
                raise self.fail(f"{where}.flag", _("ưu tiên theo '{flag}' đã có ở {where}").format(
                    flag=flag, where=clash))
            seen[(kind, flag)] = where
            result.append(Priority(flag=flag, prefer=prefer, source=self.source(item, where), kind=kind, key=where))
        return tuple(result)

    def _documents(self, items: list[Any]) -> tuple[DossierDocument, ...]:
        seen: dict[str, str] = {}
        result = []
        for n, item in enumerate(items):
            where = f"awards.documents[{n}]"
            self.keys(item, _DOCUMENT, where)
            kind = self.kind(item, where, required=False)
            flag = self.flag(item, where, kind, allowed=DOCUMENT_FLAGS)
            if flag in seen:
                raise self.fail(f"{where}.flag", _("giấy tờ '{flag}' đã có ở {where}").format(
                    flag=flag, where=seen[flag]))
            seen[flag] = where
            label = self.text(item, "label", where) or ""
            result.append(DossierDocument(flag=flag, label=label, source=self.source(item, where), kind=kind,
                                          key=where))
        return tuple(result)


__all__ = [
    "AwardScheme",
    "DossierDocument",
    "Priority",
    "Quota",
    "Requirement",
    "ShareCap",
    "format_number",
    "parse_awards",
    "scheme_from_plan",
]
