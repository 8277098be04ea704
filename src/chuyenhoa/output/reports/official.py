"""The year-end report as a Word file in the layout of Nghị định 30/2020/NĐ-CP.

A province sends this report up the line (Đồng Nai to the Ministry before 25/11,
7488/KH-UBND §VII.4), so it must look like every other administrative document:
A4, margins of 20/20/30/15 mm, Times New Roman throughout, the national motto
with its rule, the issuing body, "Số: …/BC-…", place and date, headings I, II,
III, the tables and "Nơi nhận:" (DOMAIN.md, "Documents the users write").  The
tool cannot know the document number, the date of signing or who signs: those
fields are left as dotted blanks for the user to fill, unless given as options.
The contents are the :class:`~chuyenhoa.method.result.Result`'s verdicts, each with its
clause; nothing is decided here.
The layout itself (page, header, tables, signature) is
:mod:`chuyenhoa.output.reports.nd30`, which the submission of awards shares.

In English (``--lang en``) the same document is written in English, for a reader
who does not read Vietnamese: the layout stays that of the decree, the words of
the plan and of the data stay as written.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.shared import Cm, Pt

from chuyenhoa.i18n import N_, _, _n, tag, translate
from chuyenhoa.method.result import Result
from chuyenhoa.method.targets import TargetResult
from chuyenhoa.model import Status
from chuyenhoa.output.reports._format import actual_text, date_vi, lead_of, threshold_text, when_text
from chuyenhoa.output.reports.nd30 import BODY_PT, TEXT_WIDTH_CM, document_symbol, number_line, plan_reference
from chuyenhoa.output.reports.nd30 import banner as _banner
from chuyenhoa.output.reports.nd30 import border as _border
from chuyenhoa.output.reports.nd30 import heading as _heading
from chuyenhoa.output.reports.nd30 import issuer_lines as _issuer_lines
from chuyenhoa.output.reports.nd30 import lines as _lines
from chuyenhoa.output.reports.nd30 import national_header as _national_header
from chuyenhoa.output.reports.nd30 import page_numbers as _page_numbers
from chuyenhoa.output.reports.nd30 import page_setup as _page_setup
from chuyenhoa.output.reports.nd30 import paragraph as _paragraph
from chuyenhoa.output.reports.nd30 import recipients as _recipients
from chuyenhoa.output.reports.nd30 import run as _run
from chuyenhoa.output.reports.nd30 import signature as _signature
from chuyenhoa.output.reports.nd30 import styles as _styles
from chuyenhoa.output.reports.nd30 import table as _table
from chuyenhoa.output.reports.nd30 import thin as _thin
from chuyenhoa.output.words import (
    COMPARATOR_SIGN,
    all_notes,
    cap_sentence,
    cap_word,
    data_words,
    geography_words,
    hotspot_share,
    leave_clause,
    milestone_label,
    percent,
    status_label,
    verdict_label,
)

TITLE = N_("Kết quả công tác chuyển hóa địa bàn trọng điểm, phức tạp về trật tự, an toàn xã hội năm {year}")


def _title_of(year: int) -> str:
    return translate(TITLE).format(year=year)


def render_docx(result: Result, *, number: str | None = None, signer: str | None = None,
                signer_title: str | None = None, place: str | None = None,
                recipients: Sequence[str] | str | None = None, issuer: str | None = None,
                date: dt.date | None = None) -> bytes:
    """The report as the bytes of a .docx file."""
    document = Document()
    _page_setup(document)
    _styles(document)
    body_lines = _issuer_lines(issuer or result.plan.issuer)
    issuer_name = (_lines(issuer) or [""])[-1] if issuer else " ".join(result.plan.issuer.split(" — ")[0].split())
    _page_numbers(document, result.data.synthetic)
    _national_header(document, body_lines, _number_line(result, number, issuer), place or result.province.name,
                     date)
    if result.data.synthetic:
        _banner(document)
    _title(document, result)
    _body(document, result, issuer_name)
    _signature(document, _recipients(recipients), signer_title, signer)
    if result.data.synthetic:
        _banner(document)
    properties = document.core_properties
    properties.title = _("Báo cáo {title}").format(title=_title_of(result.year))
    properties.subject = _("{province} — Kế hoạch {plan}").format(province=result.province.name, plan=result.plan.id)
    properties.language = tag()
    properties.author = f"chuyenhoa {result.version}"
    properties.keywords = _("dữ liệu mẫu giả lập (synthetic)") if result.data.synthetic else ""
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- the header of Nghị định 30/2020/NĐ-CP ---------------------------------------------------------


def _symbol(result: Result, issuer: str | None) -> str:
    """The issuer's symbol after "BC-" (:func:`~chuyenhoa.output.reports.nd30.document_symbol`)."""
    return document_symbol(result.plan.id, result.plan.issuer, issuer)


def _number_line(result: Result, number: str | None, issuer: str | None) -> str:
    """ "Số: 05/BC-UBND"; "Số: ……/BC-UBND" when none is given (:func:`~chuyenhoa.output.reports.nd30.number_line`)."""
    return number_line(number, "BC", _symbol(result, issuer))


def _title(document: WordDocument, result: Result) -> None:
    _paragraph(document, _("BÁO CÁO"), size=BODY_PT, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, before=12, after=0)
    title = _paragraph(document, _title_of(result.year), size=BODY_PT, bold=True,
                       align=WD_ALIGN_PARAGRAPH.CENTER, after=0)
    title.paragraph_format.left_indent = title.paragraph_format.right_indent = Cm(1.5)
    rule = _paragraph(document, align=WD_ALIGN_PARAGRAPH.CENTER)
    _thin(rule)
    rule.paragraph_format.left_indent = rule.paragraph_format.right_indent = Cm(6.0)
    rule.paragraph_format.space_after = Pt(12)
    _border(rule, "top")


# --- the body -------------------------------------------------------------------------------------


def _plan_reference(result: Result) -> str:
    return plan_reference(result.plan)


def _target_rows(targets: Sequence[TargetResult]) -> list[list[str]]:
    return [[str(n), t.label, actual_text(t), threshold_text(t), status_label(t.status),
             str(t.source) + ("; " + _("chủ trì: {lead}").format(lead=t.lead) if t.lead else "")
             + (f"; {t.detail}" if t.detail and t.status is not Status.MET else "")]
            for n, t in enumerate(targets, start=1)]


def _body(document: WordDocument, result: Result, issuer_name: str) -> None:
    data = result.data
    title = _title_of(result.year)
    _paragraph(document, _("Thực hiện {plan}, {issuer} báo cáo {title} như sau:").format(
        plan=_plan_reference(result), issuer=issuer_name, title=title[0].lower() + title[1:]))
    # the data by the file's name and the list of units by its date: where they came from (paths, package
    # versions, snapshots) is provenance for the JSON and the page's technical note, not a signed report
    _paragraph(document, _("Số liệu: {source}; {geography}; các mốc thời gian tính đến ngày {date}.").format(
        source=data_words(data), geography=geography_words(data), date=date_vi(result.as_of)), italic=True)

    selection = result.selection
    policy = selection.policy
    _heading(document, _("I. KẾT QUẢ LỰA CHỌN VÀ CHUYỂN HÓA ĐỊA BÀN TRỌNG ĐIỂM, PHỨC TẠP"))
    _heading(document, _("1. Lựa chọn địa bàn"))
    how = (_("Danh sách dưới đây là đề xuất của công cụ theo điểm tiêu chí (dữ liệu không có danh sách được phê "
             "duyệt), để Ban Chỉ đạo xem xét.") if selection.proposed
           else _("Danh sách địa bàn là danh sách được phê duyệt ghi trong dữ liệu."))
    verdict = _("không đơn vị nào vượt trần") if selection.within_caps else _("CÓ ĐƠN VỊ VƯỢT TRẦN")
    _paragraph(document, _("Năm {year} lựa chọn {count} địa bàn; trần lựa chọn {cap}: {verdict}. {how}").format(
        year=result.year, count=len(selection.hotspots), cap=cap_sentence(policy), verdict=verdict, how=how))
    _table(document, [_("TT"), _("Đơn vị"), _("Số xã"), _("Trần"), _("Đã chọn"), _("Kết quả")],
           [[str(n), c.unit_name, str(c.communes), str(c.cap), str(c.selected),
             cap_word(c.within_cap) + (f" ({c.note})" if c.note else "")]
            for n, c in enumerate(selection.caps, start=1)], (1.0, 5.0, 1.8, 1.6, 1.9, 5.2), centre=(0, 2, 3, 4))
    if selection.excluded_transformed:
        listed = ", ".join(f"{c} ({y})" for c, y in sorted(selection.excluded_transformed.items()))
        _paragraph(document, _("Địa bàn đã chuyển hóa thành công, đưa khỏi diện chuyển hóa ({source}): "
                               "{listed}.").format(source=leave_clause(selection.policy), listed=listed))
    for finding in selection.findings:
        _paragraph(document, finding)

    rule = result.success_rule
    share = result.transformed_share
    _heading(document, _("2. Kết quả chuyển hóa"))
    _paragraph(document, _("Địa bàn chuyển hóa thành công khi đạt {comparator} {share}% chỉ tiêu và đủ các điều kiện "
                           "bắt buộc ({source}). Kết quả: {transformed}/{hotspots} địa bàn chuyển hóa thành công")
               .format(comparator=COMPARATOR_SIGN[rule.comparator], share=f"{rule.share * 100:g}", source=rule.source,
                       transformed=result.transformed, hotspots=len(result.hotspots))
               + (f" ({percent(share)})" if share is not None else "")
               + (_n(", {count} địa bàn chưa đánh giá được do thiếu số liệu", result.not_assessable_hotspots).format(
                   count=result.not_assessable_hotspots) if result.not_assessable_hotspots else "") + ".")
    rows = []
    for n, h in enumerate(result.hotspots, start=1):
        place = h.commune_name + (f" ({h.district_name})" if h.district_name else "")
        rows.append([str(n), place, f"{h.met}/{h.assessed}"
                     + (_(", thiếu {count}").format(count=h.missing) if h.missing else "")
                     + f" ({hotspot_share(h)})",  # the range the missing ones leave open, or the share
                     verdict_label(h.verdict), "; ".join(h.reasons) or _("Đạt đủ chỉ tiêu và điều kiện")])
    if rows:
        _table(document, [_("TT"), _("Địa bàn"), _("Chỉ tiêu đạt"), _("Kết luận"), _("Lý do")], rows,
               (1.0, 4.3, 2.2, 2.8, 6.2), centre=(0, 2))
    _heading(document, _("3. Mục tiêu của Đề án"))
    _table(document, [_("TT"), _("Mục tiêu"), _("Thực tế"), _("Ngưỡng"), _("Kết quả"), _("Căn cứ")],
           _target_rows(result.programme), (1.0, 4.6, 2.0, 2.2, 2.4, 4.3))

    counts = result.targets_by_status()
    _heading(document, _("II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CỦA KẾ HOẠCH"))
    _paragraph(document, _("Trong {total} chỉ tiêu của kế hoạch có {met} chỉ tiêu đạt, {not_met} chỉ tiêu không đạt, "
                           "{not_assessable} chỉ tiêu chưa đánh giá được do thiếu số liệu.").format(
        total=len(result.targets), met=counts[Status.MET], not_met=counts[Status.NOT_MET],
        not_assessable=counts[Status.NOT_ASSESSABLE]))
    if result.targets:
        _table(document, [_("TT"), _("Chỉ tiêu"), _("Thực tế"), _("Ngưỡng"), _("Kết quả"), _("Căn cứ")],
               _target_rows(result.targets), (1.0, 4.6, 2.0, 2.2, 2.4, 4.3))

    _heading(document, _("III. TIẾN ĐỘ, GHI CHÚ VÀ KIẾN NGHỊ"))
    _heading(document, _("1. Các mốc thời gian của kế hoạch (tính đến ngày {date})").format(date=date_vi(result.as_of)))
    if result.timeline:
        rows = []
        for entry in result.timeline:
            lead, _where = lead_of(entry.milestone, result.plan)
            m = entry.milestone
            rows.append([when_text(m), m.what, lead or _("không ghi"), milestone_label(entry.status), str(m.source)])
        _table(document, [_("Thời hạn"), _("Nội dung"), _("Chủ trì"), _("Tình trạng"), _("Căn cứ")], rows,
               (2.6, 6.0, 3.2, 2.0, 2.7), centre=())
    else:
        _paragraph(document, _("Kế hoạch không có mốc thời gian."))
    notes = all_notes(result)
    if notes or result.warnings:
        _heading(document, _("2. Cách đọc văn bản đã áp dụng và lưu ý về số liệu"))
        for note in [*notes, *result.warnings]:
            _paragraph(document, f"- {note}")
    _heading(document, _("3. Phương hướng, kiến nghị") if notes or result.warnings else _("2. Phương hướng, kiến nghị"))
    for _line in range(3):  # dotted lines to write on: a tab to the right margin with a dot leader
        line = _paragraph(document, indent=False, align=WD_ALIGN_PARAGRAPH.LEFT)
        line.paragraph_format.tab_stops.add_tab_stop(Cm(TEXT_WIDTH_CM), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        _run(line, "\t")
    _paragraph(document, _("Trên đây là báo cáo kết quả công tác chuyển hóa địa bàn trọng điểm, phức tạp về trật tự, "
                           "an toàn xã hội năm {year}./.").format(year=result.year), before=6)

