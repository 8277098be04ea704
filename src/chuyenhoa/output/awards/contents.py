"""What the awards papers say, decided once for the submission (Word) and the list (workbook).

Both papers must say the same thing the same way: a quota kept or broken, a cap's
computation, why a nominee is out, the clause of each.  So the lines are built
here from the :class:`~chuyenhoa.awards.result.AwardsResult` and the words of
:mod:`chuyenhoa.output.words`, and the writers only lay them out.  Nothing here
decides a verdict; every verdict is the result's.

Personal data: a nominee's name and unit appear in a line only when the result is
not redacted, and a paper shows the name and unit columns only when
:func:`shows_names` and :func:`shows_units` say so.  A redacted result already holds
the id in place of the name and no unit (:func:`chuyenhoa.awards.engine.evaluate_proposal`),
so a paper of it cannot print either, whatever its columns.
"""

from __future__ import annotations

from collections.abc import Collection

from attrs import frozen

from chuyenhoa.awards.model import NomineeKind, flag_label
from chuyenhoa.awards.render import PROPOSAL_CODES
from chuyenhoa.awards.result import AwardsResult, Decision, Status
from chuyenhoa.awards.scheme import AwardScheme
from chuyenhoa.i18n import N_, _, translate
from chuyenhoa.model import Source
from chuyenhoa.output.words import (
    CAP_COMPARATOR_VI,
    counted_kinds,
    document_count,
    file_name,
    reading_of,
    severity_word,
    share_percent,
    within_word,
    yes_no,
)

__all__ = [
    "HEADERS",
    "FindingLine",
    "Limit",
    "NomineeLine",
    "RuleLine",
    "cap_sentences",
    "finding_lines",
    "header",
    "limits",
    "nominee_lines",
    "proposal_summary",
    "redaction_notes",
    "rule_lines",
    "shows_names",
    "shows_units",
    "source_line",
    "subject",
]

#: The column headers both papers use, in Vietnamese (``N_``: shown through :func:`header`).  Labels, never the
#: ids of the data contract: a paper is read by people.
HEADERS = {
    "no": N_("TT"), "id": N_("Mã"), "name": N_("Tên tập thể, cá nhân"), "kind": N_("Loại"),
    "unit": N_("Cơ quan, đơn vị"), "rank": N_("Thứ hạng trong đề nghị"), "verdict": N_("Kết quả"),
    "reasons": N_("Lý do"), "source": N_("Căn cứ"), "notes": N_("Ghi chú"), "severity": N_("Mức"),
    "finding": N_("Nhận xét"), "quote": N_("Trích dẫn văn bản"), "reading": N_("Cách đọc đã áp dụng"),
    "rule": N_("Quy định"), "applies": N_("Áp dụng cho"), "content": N_("Nội dung"), "proposed": N_("Đề nghị"),
    "recommended": N_("Đề xuất"), "limit": N_("Giới hạn"), "list": N_("Danh sách"), "given": N_("Số lượng"),
}


def header(key: str) -> str:
    """A column header in the current language."""
    return translate(HEADERS[key])


def _source(source: Source | None) -> str:
    return str(source) if source is not None else ""


# --- the limits: quotas and caps on a share --------------------------------------------------------


@frozen
class Limit:
    """A quota or a cap on a share applied to one list: what the list holds, what is allowed, the verdict."""

    label: str
    given: str
    allowed: str
    within: bool | None
    source: str

    @property
    def verdict(self) -> str:
        return within_word(self.within)


def limits(result: AwardsResult, *, recommended: bool = False) -> tuple[Limit, ...]:
    """Each quota and each cap, on the proposal as given or on the recommended list; none without a scheme (the
    papers invent no quota)."""
    if result.scheme is None:
        return ()
    counts = result.recommended_counts() if recommended else result.proposed_counts()
    found = [Limit(_("Số {kind}").format(kind=c.kind.plural), document_count(c.count),
                   _("tối đa {max}").format(max=document_count(c.quota.max)), c.within, _source(c.quota.source))
             for c in counts if c.quota is not None]
    for proposed, chosen in result.cap_uses():
        use = chosen if recommended else proposed
        given = f"{use.flagged}/{use.members}" + (f" ({share_percent(use.share)})" if use.share is not None else "")
        if use.unknown:
            given += _(", {count} chưa ghi").format(count=use.unknown)
        found.append(Limit(_("Tỷ lệ {label}").format(label=flag_label(use.cap.flag)), given, use.computation,
                           use.within, _source(use.cap.source)))
    return tuple(found)


def _sentence_case(text: str) -> str:
    """The first letter in capitals, the others as written ("Phó trưởng phòng" keeps its capital)."""
    return text[:1].upper() + text[1:]


def cap_sentences(result: AwardsResult) -> list[str]:
    """Each cap on the recommended list in one sentence, with its computation, verdict and clause."""
    return [_("{label} trong danh sách đề xuất: {given}; {computation} — {verdict} ({source})").format(
        label=_sentence_case(flag_label(chosen.cap.flag)), given=f"{chosen.flagged}/{chosen.members}"
        + (f" ({share_percent(chosen.share)})" if chosen.share is not None else ""), computation=chosen.computation,
        verdict=within_word(chosen.within), source=chosen.cap.source) for _proposed, chosen in result.cap_uses()]


# --- the scheme's rules --------------------------------------------------------------------------


@frozen
class RuleLine:
    """One rule of the scheme in words, with its clause, the words of the text and the reading applied."""

    what: str
    applies: str
    text: str
    source: str
    quote: str
    reading: str


def _applies(kind: NomineeKind | None) -> str:
    return kind.plural if kind is not None else _("tập thể và cá nhân")


def _line(what: str, kind: NomineeKind | None, text: str, source: Source) -> RuleLine:
    return RuleLine(what, _applies(kind), text, str(source), source.quote or "", reading_of(source) or "")


def rule_lines(scheme: AwardScheme | None) -> tuple[RuleLine, ...]:
    """Every rule of the scheme, in the order of the ``[awards]`` table; none when the plan sets no scheme."""
    if scheme is None:
        return ()
    found = [_line(_("Hình thức"), None, scheme.form, scheme.source)]
    for quota in scheme.quotas:
        found.append(_line(_("Số lượng"), quota.kind, _("tối đa {count} {kind}").format(
            count=document_count(quota.max), kind=quota.kind.counted(quota.max, number=False)), quota.source))
    for cap in scheme.share_caps:
        found.append(_line(_("Tỷ lệ tối đa"), cap.kind, _("«{label}»: {comparator} {share} số {kind} trong danh "
                                                          "sách").format(
            label=flag_label(cap.flag), comparator=translate(CAP_COMPARATOR_VI[cap.comparator]),
            share=share_percent(cap.max_share), kind=cap.kind.plural), cap.source))
    for requirement in scheme.requirements:
        found.append(_line(_("Tiêu chuẩn"), requirement.kind, _("«{label}» phải là {value}").format(
            label=flag_label(requirement.flag), value=yes_no(requirement.equals)), requirement.source))
    for priority in scheme.priorities:
        found.append(_line(_("Ưu tiên"), priority.kind, _("«{label}» = {value} được xếp trước").format(
            label=flag_label(priority.flag), value=yes_no(priority.prefer)), priority.source))
    for document in scheme.documents:
        found.append(_line(_("Hồ sơ"), document.kind, document.label, document.source))
    return tuple(found)


# --- the nominees --------------------------------------------------------------------------------


@frozen
class NomineeLine:
    """A nominee's line: where they stand, why, and the clauses; ``name`` and ``unit`` empty when not shown."""

    rank: int
    of: int
    position: int | None
    nominee_id: str
    name: str
    kind: NomineeKind
    unit: str
    status: Status
    reasons: str
    sources: str
    notes: str

    @property
    def verdict(self) -> str:
        return self.status.label

    @property
    def ranked(self) -> str:
        """"2/7": the rank among the nominees of the kind proposed."""
        return f"{self.rank}/{self.of}"


def shows_names(result: AwardsResult) -> bool:
    """Whether a paper has a name column: not when redacted (the name is the id), nor when the file has none."""
    return not result.redacted and any(n.name for n in result.nominees)


def shows_units(result: AwardsResult) -> bool:
    """Whether a paper has a unit column: not when redacted (a unit may place a person), nor when none is given."""
    return not result.redacted and any(n.unit for n in result.nominees)


def _joined(texts: list[str]) -> str:
    return "; ".join(dict.fromkeys(t for t in texts if t))


def _nominee_line(result: AwardsResult, decision: Decision, proposed: dict[NomineeKind, int]) -> NomineeLine:
    nominee = result.nominee(decision.nominee_id)
    others = [r for r in decision.reasons if r.code != "recommended"]
    return NomineeLine(
        rank=decision.rank, of=proposed[decision.kind], position=decision.position, nominee_id=nominee.nominee_id,
        name=(nominee.name or "") if shows_names(result) else "", kind=decision.kind,
        unit=(nominee.unit or "") if shows_units(result) else "", status=decision.status,
        reasons=_joined([r.message for r in decision.reasons]),
        sources=_joined([_source(r.source) for r in decision.reasons]),
        notes=_joined([r.message for r in others]) if decision.status is Status.IN else "")


def nominee_lines(result: AwardsResult, statuses: Collection[Status] | None = None,
                  kind: NomineeKind | None = None) -> tuple[NomineeLine, ...]:
    """The nominees, collectives first, each kind in ranked order (the recommended ones in the order of the
    list), only those of ``statuses`` and ``kind`` when given."""
    proposed = {c.kind: c.count for c in result.proposed_counts()}
    return tuple(_nominee_line(result, d, proposed) for d in result.decisions
                 if (statuses is None or d.status in statuses) and (kind is None or d.kind is kind))


# --- the findings ---------------------------------------------------------------------------------


@frozen
class FindingLine:
    """A finding: on whom (the id, or the whole proposal), how much it weighs, what, and the clause."""

    nominee_id: str
    severity: str
    message: str
    source: str
    quote: str


def finding_lines(result: AwardsResult, *, proposal: bool | None = None) -> tuple[FindingLine, ...]:
    """The findings in the result's order; ``proposal`` True: only those on the quotas and caps of the proposal,
    False: only the others (each nominee's, a pack's), None: all."""
    return tuple(FindingLine(f.nominee_id or _("(chung)"), severity_word(f.severity), f.message, _source(f.source),
                             (f.source.quote or "") if f.source else "")
                 for f in result.findings
                 if proposal is None or (f.code in PROPOSAL_CODES) is proposal)


# --- sentences ---------------------------------------------------------------------------------


def subject(result: AwardsResult) -> str:
    """"Về việc đề nghị tặng Bằng khen … cho các tập thể, cá nhân có thành tích trong thực hiện Kế hoạch …"."""
    if result.scheme is None:
        return _("Về việc đề nghị khen thưởng các tập thể, cá nhân có thành tích trong thực hiện Kế hoạch {plan} "
                 "năm {year}").format(plan=result.plan.id, year=result.year)
    return _("Về việc đề nghị tặng {form} cho các tập thể, cá nhân có thành tích trong thực hiện Kế hoạch {plan} "
             "năm {year}").format(form=result.scheme.form, plan=result.plan.id, year=result.year)


def proposal_summary(result: AwardsResult) -> str:
    """How many of each kind the bodies proposed, in document form ("04 tập thể, 07 cá nhân")."""
    counts = {c.kind: c.count for c in result.proposed_counts()}
    if not result.nominees:
        return _("Tệp đề nghị không có dòng nào.")
    return _("Các cơ quan, đơn vị đề nghị {kinds}.").format(kinds=counted_kinds(counts))


def source_line(result: AwardsResult) -> str:
    """Which proposal was checked, by its file's name (never the folders of the machine), and who decides.

    A paper that is signed speaks of the proposal and the plan, not of the tool: the tool's name and
    version stay in the file's properties (author), where whoever checks the paper can still find them.
    """
    return _("Hồ sơ đề nghị: {file}; đã đối chiếu với quy định của kế hoạch. Kết quả đối chiếu chỉ là "
             "đề xuất; Hội đồng Thi đua - Khen thưởng xem xét, quyết định.").format(
        file=file_name(result.nominees_file))


def redaction_notes(result: AwardsResult) -> list[str]:
    """What ``--redact`` did, in the reader's words (a signed paper never names a command option): names
    replaced by ids, the columns left out named by their headers."""
    if not result.redacted:
        return []
    notes = [_("Bản che thông tin cá nhân: họ tên đã được thay bằng mã.")]
    if result.dropped_columns:
        notes.append(_("Các cột không in ra vì có thể chứa thông tin cá nhân: {columns}").format(
            columns=", ".join(f"'{header}'" for header in result.dropped_columns)))
    return notes
