"""The submission of awards (*tờ trình*) as a Word file in the layout of Nghị định 30/2020/NĐ-CP.

The emulation and awards board submits the list of nominees to the authority that
grants the award ("Bằng khen của Chủ tịch UBND tỉnh": to the chairman).  The file
is meant to be signed and forwarded as it is: the layout is the decree's, shared
with the evaluation's report (:mod:`chuyenhoa.output.reports.nd30`); every table's
header row repeats on each page and no row splits across pages; the words are
labels, never the ids of the data contract; counts are written as a document
writes them ("03 tập thể"), shares with the decimal comma ("42,9%").

What it says is the :class:`~chuyenhoa.awards.result.AwardsResult`'s, each with its
clause (:mod:`chuyenhoa.output.awards.contents`): the plan's rules (I), the
proposal against them, quota by quota and cap by cap, and each finding (II), the
recommended list in the order of ranking with the caps computed on it (III), and
who is out or held back, and why (IV).  A plan without an award scheme gets a
submission that says so, sets no quota and recommends nobody.

Fields the tool cannot know are dotted blanks unless given: the number, the date
of signing, who signs, the recipients, and the body that submits (``issuer``: the
tool cannot know whether the board, the Department of Home Affairs or the police
submits, so it does not borrow the plan's issuer, which would have the committee
submit to its own chairman).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence

from docx.document import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH

from chuyenhoa.awards.model import NomineeKind
from chuyenhoa.awards.result import AwardsResult, Status
from chuyenhoa.awards.scheme import AwardScheme
from chuyenhoa.i18n import _, tag
from chuyenhoa.model import Source
from chuyenhoa.output.awards.contents import (
    cap_sentences,
    finding_lines,
    header,
    limits,
    nominee_lines,
    proposal_summary,
    redaction_notes,
    rule_lines,
    shows_names,
    shows_units,
    source_line,
    subject,
)
from chuyenhoa.output.reports.nd30 import (
    BLANK,
    TEXT_WIDTH_CM,
    document_symbol,
    heading,
    issuer_lines,
    lines,
    national_header,
    new_document,
    number_line,
    page_numbers,
    paragraph,
    plan_reference,
    signature,
    table,
    title_block,
)
from chuyenhoa.output.reports.nd30 import recipients as recipient_lines
from chuyenhoa.output.words import compliance_word, counted_kinds, document_count

__all__ = ["render_submission"]

#: The abbreviation of a submission in a document number (Nghị định 30/2020/NĐ-CP, Phụ lục III): "Số: 15/TTr-…".
KIND = "TTr"


def render_submission(result: AwardsResult, *, number: str | None = None, signer: str | None = None,
                      signer_title: str | None = None, place: str | None = None,
                      recipients: Sequence[str] | str | None = None, issuer: str | None = None,
                      date: dt.date | None = None, addressee: str | None = None) -> bytes:
    """The submission as the bytes of a .docx file; the options are those of
    :func:`chuyenhoa.output.awards.write_paper`."""
    document = new_document()
    page_numbers(document)
    symbol = document_symbol(result.plan.id, result.plan.issuer, issuer) if issuer else BLANK
    body_lines = issuer_lines(issuer) if issuer else [(BLANK * 3, True)]
    submitter = (lines(issuer) or [BLANK])[-1] if issuer else BLANK * 2
    to = addressee or _addressee(result.scheme)
    national_header(document, body_lines, number_line(number, KIND, symbol),
                    place or (result.province.name if result.province else BLANK), date)
    title_block(document, _("TỜ TRÌNH"), subject(result))
    paragraph(document, _("Kính gửi: {addressee}").format(addressee=to), align=WD_ALIGN_PARAGRAPH.CENTER, after=12)
    _body(document, result, submitter, to)
    signature(document, recipient_lines(recipients), signer_title, signer)
    properties = document.core_properties
    properties.title = _("Tờ trình {subject}").format(subject=subject(result)[:1].lower() + subject(result)[1:])
    properties.subject = _("{province} — Kế hoạch {plan}").format(
        province=result.province.name if result.province else "", plan=result.plan.id)
    properties.language = tag()
    properties.author = f"chuyenhoa {result.version}"
    properties.keywords = ""
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _addressee(scheme: AwardScheme | None) -> str:
    """Who grants the award, read from its form ("Bằng khen của Chủ tịch UBND tỉnh" → "Chủ tịch UBND tỉnh");
    a dotted blank when the form does not say."""
    if scheme is not None:
        found = re.search(r"\bcủa\s+(.+)$", scheme.form.strip(), re.IGNORECASE)
        if found:
            return found[1].strip(" .")
    return BLANK * 3


def _fit(widths: Sequence[float], flexible: Sequence[int]) -> list[float]:
    """Column widths that fill the text width: the ``flexible`` columns share what the fixed ones leave."""
    fixed = sum(w for i, w in enumerate(widths) if i not in flexible)
    weight = sum(widths[i] for i in flexible) or 1.0
    return [round((TEXT_WIDTH_CM - fixed) * w / weight, 2) if i in flexible else w for i, w in enumerate(widths)]


def _body(document: WordDocument, result: AwardsResult, submitter: str, to: str) -> None:
    scheme, plan = result.scheme, result.plan
    paragraph(document, _("Căn cứ {plan};").format(plan=plan_reference(plan)))
    if scheme is not None:
        sources: list[Source] = [*(q.source for q in scheme.quotas), *(c.source for c in scheme.share_caps),
                                 *(r.source for r in scheme.requirements), *(p.source for p in scheme.priorities),
                                 *(d.source for d in scheme.documents)]
        # the other documents the rules rest on (a decision on emulation and awards the plan cites)
        others = dict.fromkeys(str(s) for s in sources if s.document not in (plan.id, scheme.source.document))
        for source in others:
            paragraph(document, _("Căn cứ {source};").format(source=source))
    counts = {c.kind: c.count for c in result.proposed_counts()}
    paragraph(document, _("Căn cứ hồ sơ đề nghị khen thưởng của các cơ quan, đơn vị ({kinds}),").format(
        kinds=counted_kinds(counts)))
    if scheme is not None:
        chosen = {c.kind: c.count for c in result.recommended_counts()}
        action = _("tặng {form} cho {kinds}").format(form=scheme.form, kinds=counted_kinds(chosen))
    else:
        action = _("quyết định việc khen thưởng")
    paragraph(document, _("{submitter} kính trình {addressee} xem xét, {action} như sau:").format(
        submitter=submitter, addressee=to, action=action))
    paragraph(document, source_line(result), italic=True)
    for note in redaction_notes(result):
        paragraph(document, note, italic=True)

    heading(document, _("I. QUY ĐỊNH KHEN THƯỞNG CỦA KẾ HOẠCH"))
    if scheme is None:
        for finding in result.findings:
            if finding.code == "no_scheme":
                paragraph(document, finding.message)
        paragraph(document, _("Không có hạn mức, tỷ lệ hay hồ sơ nào để đối chiếu."))
    else:
        rules = rule_lines(scheme)
        table(document, [header("no"), header("rule"), header("applies"), header("content"), header("source")],
              [[str(n), r.what, r.applies, r.text, r.source] for n, r in enumerate(rules, start=1)],
              _fit((1.0, 2.6, 2.6, 6.3, 4.0), (3,)))

    heading(document, _("II. KẾT QUẢ ĐỐI CHIẾU HỒ SƠ ĐỀ NGHỊ"))
    paragraph(document, proposal_summary(result) + " " + _("Đối chiếu với quy định: {verdict}.").format(
        verdict=compliance_word(result.compliant)))
    proposed = limits(result)
    if proposed:
        table(document, [header("no"), header("content"), header("proposed"), header("limit"), header("verdict"),
                         header("source")],
              [[str(n), x.label, x.given, x.allowed, x.verdict, x.source] for n, x in enumerate(proposed, start=1)],
              _fit((1.0, 4.0, 2.4, 4.1, 2.0, 3.0), (1, 3)), centre=(0, 2))
    findings = finding_lines(result, proposal=False)
    paragraph(document, _("Nhận xét về từng hồ sơ:") if findings else _("Không có nhận xét về từng hồ sơ."),
              bold=bool(findings)).paragraph_format.keep_with_next = bool(findings)
    if findings:
        table(document, [header("no"), header("id"), header("severity"), header("finding"), header("source")],
              [[str(n), f.nominee_id, f.severity, f.message, f.source] for n, f in enumerate(findings, start=1)],
              _fit((1.0, 1.8, 1.7, 8.5, 3.5), (3,)), centre=(0, 2))

    heading(document, _("III. DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG"))
    if scheme is None:
        paragraph(document, _("Không lập danh sách đề xuất: kế hoạch không quy định hình thức, số lượng khen thưởng, "
                              "công cụ không tự đặt ra hạn mức."))
    else:
        _recommended(document, result, scheme)
    _held(document, result)
    if result.notes:
        heading(document, _("V. CÁCH ĐỌC VĂN BẢN ĐÃ ÁP DỤNG"))
        for note in result.notes:
            paragraph(document, f"- {note}")
    paragraph(document, _("{submitter} kính trình {addressee} xem xét, quyết định./.").format(
        submitter=submitter, addressee=to), before=6)


def _recommended(document: WordDocument, result: AwardsResult, scheme: AwardScheme) -> None:
    """Section III: the list within the quotas, a table per kind in the order of the list, then the caps on it."""
    chosen = {c.kind: c.count for c in result.recommended_counts()}
    paragraph(document, _("Trong hạn mức của kế hoạch, đề nghị {kinds}, theo thứ tự xếp hạng:").format(
        kinds=counted_kinds(chosen)))
    names, units = shows_names(result), shows_units(result)
    headers = [header("no"), header("id"), *([header("name")] if names else []), *([header("unit")] if units else []),
               header("rank"), header("notes")]
    widths = [1.0, 1.6, *([4.3] if names else []), *([3.6] if units else []), 2.2, 3.8]
    flexible = [i for i, h in enumerate(headers) if h in (header("name"), header("unit"), header("notes"))]
    for n, kind in enumerate((k for k in NomineeKind if scheme.quota(k) is not None), start=1):
        listed = nominee_lines(result, (Status.IN,), kind)
        heading(document, f"{n}. {kind.plural[:1].upper()}{kind.plural[1:]} ({document_count(len(listed))})")
        if not listed:
            paragraph(document, _("Không có {kind} nào được đề xuất.").format(kind=kind.label))
            continue
        table(document, headers,
              [[str(x.position), x.nominee_id, *([x.name] if names else []), *([x.unit] if units else []),
                x.ranked, x.notes] for x in listed], _fit(widths, flexible), centre=(0, len(headers) - 2))
    for sentence in cap_sentences(result):
        paragraph(document, sentence)
    paragraph(document, _("Cách xếp hạng: {ranking}").format(ranking=result.ranking))


def _held(document: WordDocument, result: AwardsResult) -> None:
    """Section IV: those out or held back with the reason and its clause; without a scheme, every nominee."""
    names = shows_names(result)
    if result.scheme is None:
        heading(document, _("IV. CÁC HỒ SƠ ĐÃ NHẬN (CHƯA XÉT)"))
        listed = nominee_lines(result)
    else:
        heading(document, _("IV. CÁC HỒ SƠ KHÔNG ĐỀ XUẤT, GIỮ LẠI"))
        listed = nominee_lines(result, (Status.OUT, Status.HELD_BACK))
    if not listed:
        paragraph(document, _("Không có hồ sơ nào.") if not result.nominees
                  else _("Mọi hồ sơ đều được đề xuất."))
        return
    headers = [header("no"), header("id"), *([header("name")] if names else []), header("kind"), header("verdict"),
               header("reasons"), header("source")]
    widths = [1.0, 1.5, *([3.3] if names else []), 1.7, 2.3, 4.3, 2.4]
    flexible = [i for i, h in enumerate(headers) if h in (header("name"), header("reasons"))]
    table(document, headers,
          [[str(n), x.nominee_id, *([x.name] if names else []), x.kind.label, x.verdict, x.reasons, x.sources]
           for n, x in enumerate(listed, start=1)], _fit(widths, flexible), centre=(0,))
