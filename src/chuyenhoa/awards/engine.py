"""Checking a proposal of awards and building the recommended list, end to end.

The function behind ``chuyenhoa awards`` and :func:`chuyenhoa.awards.evaluate_awards`.
The hooks supply the scheme, the checks and the ranking; this module only
collects the findings and fills the quotas.  The recommendation is a
deterministic greedy: nominees in ranked order, each taken while its kind's
quota has room, except a nominee a cap on a share counts (a leader) when taking
them would break the cap on the recommended list.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import attrs

from chuyenhoa.awards.model import (
    NON_PERSONAL_COLUMNS,
    PERSONAL_COLUMNS,
    AwardFinding,
    AwardRanking,
    Nominee,
    NomineeKind,
    Severity,
    flag_label,
)
from chuyenhoa.awards.nominees import NomineeTable, load_nominees, refuse_names_as_ids
from chuyenhoa.awards.result import AwardsResult, Decision, Reason, Status
from chuyenhoa.awards.scheme import AwardScheme, ShareCap
from chuyenhoa.errors import DataError, PluginError
from chuyenhoa.i18n import _
from chuyenhoa.model import Plan, Province, Source
from chuyenhoa.plugins.host import PluginHost, get_host


def evaluate_awards(province: str, year: int | None = None, *, nominees: str | Path,
                    host: PluginHost | None = None, redact: bool = False) -> AwardsResult:
    """Check the proposal in ``nominees`` against the award scheme of the province's plan for ``year``."""
    host = host or get_host()
    spec = host.province(province)
    plan = spec.plan_for(year)
    table = load_nominees(nominees)
    return evaluate_proposal(plan, table, host=host, year=year, redact=redact,
                             province=Province(spec.slug, spec.code, spec.name))


def evaluate_proposal(plan: Plan, table: NomineeTable, *, host: PluginHost, year: int | None = None,
                      province: Province | None = None, redact: bool = False) -> AwardsResult:
    """The evaluation proper, on nominees already read (embedding tools call this)."""
    from chuyenhoa.method.engine import version

    hook = host.hooks_for(plan.province)  # a pack's award hooks answer for its own provinces only
    scheme = hook.chuyenhoa_award_scheme(plan=plan)
    if scheme is not None and not isinstance(scheme, AwardScheme):
        raise PluginError(_("hook {hook} trả về {type}, không phải {expected}").format(
            hook="chuyenhoa_award_scheme", type=type(scheme).__name__, expected="AwardScheme"))
    if scheme is not None:
        _check_columns(scheme, table, plan)
    if redact:
        refuse_names_as_ids(table)
    nominees = table.nominees
    findings = _checks(hook.chuyenhoa_award_checks(plan=plan, scheme=scheme, nominees=nominees), nominees)
    if redact:  # before the decisions are made: their reasons are these messages
        findings = _scrubbed(findings, nominees)
    ranking = hook.chuyenhoa_award_ranking(plan=plan, scheme=scheme)
    if not isinstance(ranking, AwardRanking):
        raise PluginError(_("hook {hook} trả về {type}, không phải {expected}").format(
            hook="chuyenhoa_award_ranking", type=type(ranking).__name__, expected="AwardRanking"))
    decisions = recommend(scheme, nominees, findings, ranking)
    notes = _readings(scheme)
    if not nominees:
        notes.append(_("Tệp đề nghị không có dòng nào."))
    dropped: tuple[str, ...] = ()
    if redact:
        nominees = tuple(attrs.evolve(n, name=n.nominee_id, unit=None, extra={}) for n in nominees)
        dropped = dropped_columns(table)
    result = AwardsResult(
        plan=plan, year=year or max(plan.years), nominees_file=table.file, nominees=nominees, scheme=scheme,
        findings=findings, decisions=decisions, ranking=ranking.description, province=province, redacted=redact,
        notes=tuple(notes), version=version(), dropped_columns=dropped,
    )
    hook.chuyenhoa_award_recommendation(plan=plan, result=result)
    return result


class _Cited(Protocol):
    """Any rule of a scheme: each cites its clause."""

    @property
    def source(self) -> Source: ...


def _readings(scheme: AwardScheme | None) -> list[str]:
    """The reading of every rule that has one, once each: the output says which interpretation applied."""
    if scheme is None:
        return []
    notes: list[str] = []
    rules: tuple[_Cited, ...] = (scheme, *scheme.quotas, *scheme.share_caps, *scheme.requirements,
                                 *scheme.priorities, *scheme.documents)
    for rule in rules:
        if rule.source.reading:
            note = f"{rule.source}: {rule.source.reading}"
            if note not in notes:
                notes.append(note)
    return notes


def _check_columns(scheme: AwardScheme, table: NomineeTable, plan: Plan) -> None:
    """Every yes/no column the scheme reads must be in the file when it has nominees of that kind."""
    for kind in NomineeKind:
        if not table.of_kind(kind):
            continue
        for flag, key in scheme.flags_needed(kind).items():
            if flag not in table.columns:
                raise DataError(_("{file}: thiếu cột '{column}' ({label}) mà quy định khen thưởng của {plan} cần "
                                  "cho {kind} ({key})").format(file=table.file, column=flag, label=flag_label(flag),
                                                               plan=plan.id, kind=kind.plural, key=key))


def _checks(results: Sequence[object], nominees: Sequence[Nominee]) -> tuple[AwardFinding, ...]:
    """Every plugin's findings: the proposal's first, then each nominee's in file order.

    pluggy calls the plugin registered last first and ``trylast`` ones last;
    reversed, the built-in checks come first and the packs' after them.
    """
    order = {n.nominee_id: i for i, n in enumerate(nominees)}
    collected: list[AwardFinding] = []
    for findings in reversed(results):
        if findings is None:
            continue
        if not isinstance(findings, (list, tuple)):
            raise PluginError(_("hook {hook} trả về {type}, cần một danh sách {expected}").format(
                hook="chuyenhoa_award_checks", type=type(findings).__name__, expected="AwardFinding"))
        for finding in findings:
            if not isinstance(finding, AwardFinding):
                raise PluginError(_("hook {hook} trả về {type}, không phải {expected}").format(
                    hook="chuyenhoa_award_checks", type=type(finding).__name__, expected="AwardFinding"))
            if finding.nominee_id is not None and finding.nominee_id not in order:
                # the value is not printed: a pack that passes a name where the id belongs would print it
                raise PluginError(_("hook {hook} trả về nhận xét '{code}' cho một nominee_id không có trong tệp đề "
                                    "nghị; hãy dùng nominee_id của tệp").format(hook="chuyenhoa_award_checks",
                                                                              code=finding.code))
            collected.append(finding)
    return tuple(sorted(collected, key=lambda f: -1 if f.nominee_id is None else order[f.nominee_id]))


def recommend(scheme: AwardScheme | None, nominees: Sequence[Nominee], findings: Sequence[AwardFinding],
              ranking: AwardRanking) -> tuple[Decision, ...]:
    """The decision on every nominee: collectives first, each kind in ranked order."""
    by_nominee: dict[str, list[AwardFinding]] = {}
    for finding in findings:
        if finding.nominee_id is not None:
            by_nominee.setdefault(finding.nominee_id, []).append(finding)
    decisions: list[Decision] = []
    for kind in NomineeKind:
        ordered = _ranked([n for n in nominees if n.kind is kind], ranking)
        decisions.extend(_Filler(scheme, kind, ordered, by_nominee).decide())
    return tuple(decisions)


def _ranked(members: list[Nominee], ranking: AwardRanking) -> list[Nominee]:
    try:
        return sorted(members, key=lambda n: (ranking.key(n), n.nominee_id))
    except TypeError as exc:
        raise PluginError(_("khóa xếp hạng ({ranking}…) trả về giá trị không so sánh được: {error}").format(
            ranking=ranking.description[:60], error=exc)) from None


class _Filler:
    """Fills one kind's quota in ranked order, holding back whoever would break a cap on a share."""

    def __init__(self, scheme: AwardScheme | None, kind: NomineeKind, ordered: list[Nominee],
                 findings: dict[str, list[AwardFinding]]) -> None:
        self.scheme, self.kind, self.ordered, self.findings = scheme, kind, ordered, findings
        self.quota = scheme.quota(kind) if scheme else None
        self.caps = scheme.caps_for(kind) if scheme else ()

    def errors(self, nominee: Nominee) -> list[AwardFinding]:
        return [f for f in self.findings.get(nominee.nominee_id, []) if f.severity is Severity.ERROR]

    def notes(self, nominee: Nominee) -> list[Reason]:
        return [Reason(f.code, f.message, f.source) for f in self.findings.get(nominee.nominee_id, [])
                if f.severity is Severity.WARNING]

    def decide(self) -> list[Decision]:
        eligible = [n for n in self.ordered if not self.errors(n)]
        later = {n.nominee_id: eligible[i + 1:] for i, n in enumerate(eligible)}
        chosen: list[Nominee] = []
        outcome: dict[str, tuple[Status, list[Reason]]] = {}
        for nominee in self.ordered:
            errors = self.errors(nominee)
            if self.scheme is None:
                outcome[nominee.nominee_id] = (Status.UNDECIDED, [Reason(
                    "no_scheme", _("Kế hoạch không quy định khen thưởng: không xét đề xuất"), None)]
                    + [Reason(f.code, f.message, f.source) for f in errors])
            elif errors:
                outcome[nominee.nominee_id] = (Status.OUT, [Reason(f.code, f.message, f.source) for f in errors])
            elif self.quota is None:  # only when a pack's scheme has no quota and no check said so
                outcome[nominee.nominee_id] = (Status.OUT, [Reason(
                    "kind_not_in_scheme", _("Quy định không khen thưởng {kind}").format(kind=self.kind.plural),
                    self.scheme.source)])
            elif len(chosen) >= self.quota.max:
                outcome[nominee.nominee_id] = (Status.OUT, [Reason(
                    "over_quota", _("Ngoài hạn mức: đã đủ {quota} xếp trên").format(
                        quota=self.kind.counted(self.quota.max)), self.quota.source)])
            else:
                blocked = self._blocking_cap(nominee, chosen, later[nominee.nominee_id])
                if blocked is None:
                    chosen.append(nominee)
                else:
                    outcome[nominee.nominee_id] = (Status.HELD_BACK, [blocked])
        for nominee, cap in self._enforce(chosen):
            chosen.remove(nominee)
            outcome[nominee.nominee_id] = (Status.HELD_BACK, [Reason(
                "held_back_share_cap", _("Giữ lại để danh sách đề xuất không vượt giới hạn «{label}» ({computation})")
                .format(label=flag_label(cap.flag), computation=cap.computation(len(chosen))), cap.source)])
        positions = {n.nominee_id: i for i, n in enumerate(chosen, start=1)}
        decisions = []
        for rank, nominee in enumerate(self.ordered, start=1):
            position = positions.get(nominee.nominee_id)
            if position is not None:
                assert self.quota is not None
                reason = Reason("recommended", _("Đề xuất: thứ {position} trong hạn mức {quota} (thứ hạng "
                                                 "{rank}/{proposed} trong đề nghị)").format(
                                    position=position, quota=self.kind.counted(self.quota.max), rank=rank,
                                    proposed=len(self.ordered)), self.quota.source)
                decisions.append(Decision(nominee.nominee_id, self.kind, Status.IN, rank,
                                          [reason, *self.notes(nominee)], position))
            else:
                status, reasons = outcome[nominee.nominee_id]
                decisions.append(Decision(nominee.nominee_id, self.kind, status, rank,
                                          [*reasons, *self.notes(nominee)]))
        return decisions

    def _blocking_cap(self, nominee: Nominee, chosen: list[Nominee], later: list[Nominee]) -> Reason | None:
        """The reason to hold ``nominee`` back, or None when taking them keeps every cap reachable.

        A cap is computed on the final list, whose size is not known yet.  The
        largest it can still be, with ``nominee`` in it, is what is chosen, plus
        ``nominee``, plus the later eligible nominees the cap does not count, up
        to the quota: nominees the cap does not count never break it, so the
        greedy will take them while there is room.  ``nominee`` is taken only if
        the flagged count then stays within the cap of that largest list.  An
        empty cell counts as flagged (the cap must hold whatever it hides).
        """
        assert self.quota is not None
        for cap in self.caps:
            if nominee.flag(cap.flag) is False:
                continue
            flagged = 1 + sum(1 for n in chosen if n.flag(cap.flag) is not False)
            fillers = sum(1 for n in later if n.flag(cap.flag) is False)
            largest = len(chosen) + 1 + min(self.quota.max - len(chosen) - 1, fillers)
            if flagged > cap.allowed(largest):
                return Reason(
                    "held_back_share_cap",
                    _("Giữ lại: nếu đề xuất thì có {flagged} «{label}» trong danh sách có nhiều nhất {largest} "
                      "({computation})").format(flagged=flagged, label=flag_label(cap.flag),
                                                largest=self.kind.counted(largest),
                                                computation=cap.computation(largest)), cap.source)
        return None

    def _enforce(self, chosen: list[Nominee]) -> list[tuple[Nominee, ShareCap]]:
        """Nominees to drop, lowest ranked first, with the cap each breaks, if several caps together still break one.

        With a single cap the greedy never needs this; with caps on several flags
        a nominee counted as a filler for one cap may have been held back by
        another, and the final list is checked again to keep the promise that a
        recommendation never breaks a cap.
        """
        kept = list(chosen)
        dropped: list[tuple[Nominee, ShareCap]] = []
        for _attempt in range(len(chosen)):
            broken = next((c for c in self.caps if not _holds(c, kept)), None)
            if broken is None:
                break
            victim = next(n for n in reversed(kept) if n.flag(broken.flag) is not False)
            kept.remove(victim)
            dropped.append((victim, broken))
        return dropped


def _holds(cap: ShareCap, chosen: list[Nominee]) -> bool:
    return cap.holds(sum(1 for n in chosen if n.flag(cap.flag) is not False), len(chosen))


def dropped_columns(table: NomineeTable) -> tuple[str, ...]:
    """The headers, as the file writes them, of the columns ``--redact`` leaves out of every output.

    Every column but the typed, non-personal ones (id, kind, yes/no, score) and
    the name, which is replaced by the id rather than dropped.  Headers, never
    cells: the output says which columns went, not what they held.
    """
    order = [*table.headers, *sorted(set(table.columns) - set(table.headers))]  # the file's order
    return tuple(table.headers.get(column, column) for column in order
                 if column not in NON_PERSONAL_COLUMNS and column != "name")


def _scrubbed(findings: tuple[AwardFinding, ...], nominees: Sequence[Nominee]) -> tuple[AwardFinding, ...]:
    """The findings with every value of a personal column taken out of their messages.

    The built-in checks never write one; a pack's check may (a careless one
    writes a name).  A name becomes the nominee's id, any other personal value
    (a unit, a position…) the column's id in brackets.  Values shorter than four
    characters are left: replacing them would mangle ordinary words.
    """
    pairs: dict[str, str] = {}
    for nominee in nominees:
        if nominee.name:
            pairs.setdefault(nominee.name, nominee.nominee_id)
        if nominee.unit:
            pairs.setdefault(nominee.unit, "[unit]")
        for column, value in nominee.extra.items():
            if value and column in PERSONAL_COLUMNS:
                pairs.setdefault(value, f"[{column}]")
    ordered = sorted(((v, r) for v, r in pairs.items() if len(v) >= 4), key=lambda pair: -len(pair[0]))

    def scrub(text: str) -> str:
        for value, replacement in ordered:
            text = text.replace(value, replacement)
        return text

    return tuple(attrs.evolve(f, message=scrub(f.message)) for f in findings)


__all__ = ["dropped_columns", "evaluate_awards", "evaluate_proposal", "recommend"]
