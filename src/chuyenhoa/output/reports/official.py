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

In English (``--lang en``) the same document is written in English, for a reader
who does not read Vietnamese: the layout stays that of the decree, the words of
the plan and of the data stay as written.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_PARAGRAPH_ALIGNMENT, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from chuyenhoa.i18n import N_, _, _n, tag, translate
from chuyenhoa.method.result import Result
from chuyenhoa.method.targets import TargetResult
from chuyenhoa.model import Status
from chuyenhoa.output.reports._format import actual_text, date_vi, document_date, lead_of, threshold_text, when_text
from chuyenhoa.output.words import (
    COMPARATOR_SIGN,
    all_notes,
    cap_sentence,
    cap_word,
    leave_clause,
    milestone_label,
    percent,
    status_label,
    synthetic_banner,
    verdict_label,
)

FONT = "Times New Roman"
BLANK = "……"
#: Nghị định 30/2020/NĐ-CP, Phụ lục I: margins within top/bottom 20–25, left 30–35, right 15–20 mm.
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
BODY_PT, TABLE_PT, MOTTO_PT, NATION_PT, HEADER_PT = 14, 12, 14, 13, 13
#: Width of "Độc lập - Tự do - Hạnh phúc" in Times New Roman bold 14 pt (measured on the
#: metric-compatible Liberation Serif 2): the rule beneath it is as long as the words.
MOTTO_WIDTH_CM = 6.04
CELL_MARGIN_CM = 0.19  # Word's default left and right padding inside a table cell
TEXT_WIDTH_CM = (210 - MARGINS_MM["left"] - MARGINS_MM["right"]) / 10
LEFT_CM, RIGHT_CM = 6.3, TEXT_WIDTH_CM - 6.3  # the header's two columns
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


# --- page, styles, runs ---------------------------------------------------------------------------


def _page_setup(document: WordDocument) -> None:
    for section in document.sections:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
        section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
        section.header_distance, section.footer_distance = Mm(10), Mm(10)


def _fonts(rpr: BaseOxmlElement) -> None:
    """Times New Roman for every script slot, so Vietnamese letters never fall back to another font."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), FONT)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(theme), None)


def _styles(document: WordDocument) -> None:
    """Black Times New Roman 14 pt, the document's language, in the defaults and every style of the template.

    The template's styles name theme fonts (Cambria, Calibri) and colours (the blue
    of its headings); each is replaced or removed, so no style can bring them back.
    """
    root = document.styles.element
    _fonts(root.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")))
    for fonts in list(root.iter(qn("w:rFonts"))):
        _fonts(fonts.getparent())
    for colour in list(root.iter(qn("w:color"))):
        colour.getparent().remove(colour)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(BODY_PT)
    _fonts(normal.element.get_or_add_rPr())
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), tag())
    lang.set(qn("w:eastAsia"), tag())
    normal.element.get_or_add_rPr().append(lang)
    fmt = normal.paragraph_format
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), Pt(6), 1.15


def _run(paragraph: Paragraph, text: str, *, size: float = BODY_PT, bold: bool = False, italic: bool = False,
         caps: bool = False) -> None:
    run = paragraph.add_run(text.upper() if caps else text)
    run.font.name, run.font.size, run.font.bold, run.font.italic = FONT, Pt(size), bold, italic
    _fonts(run._r.get_or_add_rPr())


def _paragraph(document: WordDocument, text: str = "", *, size: float = BODY_PT, bold: bool = False,
               italic: bool = False, align: WD_PARAGRAPH_ALIGNMENT = WD_ALIGN_PARAGRAPH.JUSTIFY, indent: bool = True,
               before: float = 0, after: float = 6) -> Paragraph:
    paragraph = document.add_paragraph()
    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.first_line_indent = Cm(1.0) if indent and align == WD_ALIGN_PARAGRAPH.JUSTIFY else None
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    if text:
        _run(paragraph, text, size=size, bold=bold, italic=italic)
    return paragraph


def _border(paragraph: Paragraph, edge: str, size: int = 6) -> None:
    """A solid black line along one edge of a paragraph: how Word draws the rules of the header."""
    ppr = paragraph._p.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        ppr.append(borders)
    line = OxmlElement(f"w:{edge}")
    for key, value in (("w:val", "single"), ("w:sz", str(size)), ("w:space", "1"), ("w:color", "000000")):
        line.set(qn(key), value)
    borders.append(line)


def _rule(cell: _Cell, column_cm: float, length_cm: float) -> None:
    """A centred horizontal rule of ``length_cm`` in a header column (an empty paragraph with a top border)."""
    paragraph = cell.add_paragraph()
    side = Cm(max((column_cm - 2 * CELL_MARGIN_CM - length_cm) / 2, 0))
    fmt = paragraph.paragraph_format
    fmt.left_indent, fmt.right_indent = side, side
    _thin(paragraph)
    _border(paragraph, "top")


def _thin(paragraph: Paragraph) -> None:
    """An empty paragraph one point high: a place for a rule that does not push the text down."""
    fmt = paragraph.paragraph_format
    fmt.space_before, fmt.space_after, fmt.line_spacing, fmt.first_line_indent = Pt(1), Pt(0), 1.0, None
    mark = paragraph._p.get_or_add_pPr()
    rpr = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "2")
    rpr.append(size)
    mark.append(rpr)


# --- the header of Nghị định 30/2020/NĐ-CP ---------------------------------------------------------


def _lines(text: str) -> list[str]:
    """Lines of a multi-line option: a newline or " / " between them, since a shell option holds no newline
    easily ("TM. Ủy ban nhân dân / Chủ tịch")."""
    return [part.strip() for line in text.splitlines() for part in line.split(" / ") if part.strip()]


def _issuer_lines(issuer: str) -> list[tuple[str, bool]]:
    """The issuing body in capitals, each line with whether it is bold.

    "UBND tỉnh Tây Ninh" is written out as "ỦY BAN NHÂN DÂN / TỈNH TÂY NINH", both
    bold (one name on two lines); a name with a gloss after " — " keeps the name.
    An ``issuer`` option of several lines names the managing body first (regular)
    and the issuing body last (bold), as Nghị định 30/2020/NĐ-CP sets them.
    """
    lines = _lines(issuer)
    if len(lines) > 1:
        return [(line.upper(), n == len(lines) - 1) for n, line in enumerate(lines)]
    name = issuer.split(" — ")[0].strip()
    match = re.match(r"^(UBND|Ủy ban nhân dân)\s+(.+)$", name, re.IGNORECASE)
    if match:
        return [(_("ỦY BAN NHÂN DÂN"), True), (match[2].upper(), True)]
    return [(name.upper(), True)]


def _symbol(result: Result, issuer: str | None) -> str:
    """The issuer's symbol after "BC-": from the plan's number ("860/KH-UBND" → UBND), else from its name."""
    plan_id = result.plan.id
    if issuer is None and "/" in plan_id:
        tail = plan_id.split("/", 1)[1]
        symbol = tail.split("-", 1)[1] if "-" in tail else tail
        if re.fullmatch(r"[A-ZĐ][A-ZĐ0-9-]*", symbol):
            return symbol
    name = (_lines(issuer) or [""])[-1] if issuer else result.plan.issuer.strip()
    if re.match(r"^(UBND|Ủy ban nhân dân)", name, re.IGNORECASE):
        return "UBND"
    if re.match(r"^Ban Chỉ đạo", name, re.IGNORECASE):
        return "BCĐ"
    return BLANK


def _number_line(result: Result, number: str | None, issuer: str | None) -> str:
    """ "Số: 05/BC-UBND": a given number zero-padded below 10; "Số: ……/BC-UBND" when none is given."""
    if number is not None and "/" in number:
        return _("Số: {number}").format(number=number.strip())
    if number is not None and number.strip().isdigit():
        number = f"{int(number):02d}"
    return _("Số: {number}").format(number=f"{number.strip() if number else BLANK}/BC-{_symbol(result, issuer)}")


def _no_borders(table: Table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{edge}")
        line.set(qn("w:val"), "nil")
        borders.append(line)
    tbl_pr.append(borders)


def _fixed_columns(table: Table, widths_cm: Sequence[float]) -> None:
    table.autofit = False
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(width)
    for column, width in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width)


def _centred(cell: _Cell, text: str, *, size: float, bold: bool = False, italic: bool = False,
             first: bool = False) -> Paragraph:
    # python-docx leaves _Cell.paragraphs and _Cell.add_paragraph unannotated
    paragraph: Paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fmt = paragraph.paragraph_format
    fmt.space_before, fmt.space_after, fmt.line_spacing, fmt.first_line_indent = Pt(0), Pt(0), 1.0, None
    _run(paragraph, text, size=size, bold=bold, italic=italic)
    return paragraph


def _national_header(document: WordDocument, body_lines: list[tuple[str, bool]], number_line: str, place: str,
                     date: dt.date | None) -> None:
    """Issuing body and number on the left, motto and place-and-date on the right."""
    table = document.add_table(rows=2, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _no_borders(table)
    _fixed_columns(table, (LEFT_CM, RIGHT_CM))
    left, right = table.cell(0, 0), table.cell(0, 1)
    for n, (line, bold) in enumerate(body_lines):
        _centred(left, line, size=HEADER_PT, bold=bold, first=n == 0)
    # Nghị định 30: a rule of 1/3 to 1/2 of the name's line beneath it (0.6 em: a bold capital's mean advance)
    name_cm = len(body_lines[-1][0]) * 0.6 * HEADER_PT / 72 * 2.54
    _rule(left, LEFT_CM, min(LEFT_CM * 0.5, max(1.2, 0.4 * name_cm)))
    _centred(right, _("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), size=NATION_PT, bold=True, first=True)
    _centred(right, _("Độc lập - Tự do - Hạnh phúc"), size=MOTTO_PT, bold=True)
    _rule(right, RIGHT_CM, MOTTO_WIDTH_CM)
    number_paragraph = _centred(table.cell(1, 0), number_line, size=HEADER_PT, first=True)
    number_paragraph.paragraph_format.space_before = Pt(6)
    when = document_date(date) if date else _("ngày {day} tháng {month} năm {year}").format(
        day=BLANK, month=BLANK, year=BLANK)
    place_paragraph = _centred(table.cell(1, 1), f"{place}, {when}", size=MOTTO_PT, italic=True, first=True)
    place_paragraph.paragraph_format.space_before = Pt(6)


def _page_numbers(document: WordDocument, synthetic: bool) -> None:
    """Page numbers centred in the top margin, none on page 1; the sample banner on every page."""
    section = document.sections[0]
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = header.add_run()
    run.font.name, run.font.size = FONT, Pt(BODY_PT)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == "2":
            element = OxmlElement("w:t")
            element.text = text
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)
    if synthetic:
        for part in (section.header, section.first_page_header):
            paragraph = part.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _run(paragraph, synthetic_banner(), size=10, bold=True)


def _banner(document: WordDocument) -> None:
    paragraph = _paragraph(document, align=WD_ALIGN_PARAGRAPH.CENTER, before=6, after=6)
    for edge in ("top", "left", "bottom", "right"):
        _border(paragraph, edge, size=12)
    _run(paragraph, synthetic_banner(), size=BODY_PT, bold=True)


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


def _heading(document: WordDocument, text: str) -> None:
    _paragraph(document, text, bold=True, before=6).paragraph_format.keep_with_next = True


def _table(document: WordDocument, headers: Sequence[str], rows: Sequence[Sequence[str]],
           widths_cm: Sequence[float], centre: Sequence[int] = (0,)) -> Table:
    """A bordered table in 12 pt, header row bold, centred and repeated on each page; ``centre``: columns of
    short values (the number, counts) set in the middle of their cells."""
    table: Table = document.add_table(rows=1, cols=len(headers))  # python-docx leaves add_table unannotated
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        _centred(cell, text, size=TABLE_PT, bold=True, first=True)
    header_row = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header_row.append(repeat)
    for values in rows:
        cells = table.add_row().cells
        for column, (cell, text) in enumerate(zip(cells, values, strict=True)):
            paragraph = cell.paragraphs[0]
            if column in centre:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            fmt = paragraph.paragraph_format
            fmt.space_before, fmt.space_after, fmt.line_spacing, fmt.first_line_indent = Pt(1), Pt(1), 1.0, None
            _run(paragraph, text, size=TABLE_PT)
    _fixed_columns(table, widths_cm)
    _paragraph(document, after=0).paragraph_format.line_spacing = Pt(6)
    return table


def _plan_reference(result: Result) -> str:
    plan = result.plan
    if "/" in plan.id:
        return _("Kế hoạch số {plan} ngày {date} của {issuer} về {title}").format(
            plan=plan.id, date=date_vi(plan.date), issuer=plan.issuer, title=plan.title)
    return _("Kế hoạch của {issuer} ({title}, ngày {date})").format(
        issuer=plan.issuer.split(" — ")[0], title=plan.title, date=date_vi(plan.date))


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
    source = (_("dữ liệu mẫu giả lập (synthetic) của gói tỉnh, không phải số liệu thật") if data.source == "sample"
              else data.source)
    _paragraph(document, _("Số liệu: {source}; danh mục đơn vị hành chính: {geography}; các mốc thời gian tính đến "
                           "ngày {date}.").format(source=source, geography=data.geography, date=date_vi(result.as_of)),
               italic=True)

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
                     + (_(", thiếu {count}").format(count=h.missing) if h.missing else ""),
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


# --- recipients and signature ---------------------------------------------------------------------


def _recipients(recipients: Sequence[str] | str | None) -> list[str]:
    """"- Bộ Công an;" lines ending with "- Lưu: VT."; dotted blanks when none are given."""
    if isinstance(recipients, str):
        recipients = [r for r in re.split(r"[;\n]", recipients)]
    names = [r.strip().lstrip("-").strip().rstrip(";.").strip() for r in (recipients or [])]
    names = [r for r in names if r] or [BLANK * 3, BLANK * 3]
    archive = _("Lưu: VT")
    if not any(n.lower().startswith(("lưu", archive.split(":")[0].lower())) for n in names):
        names.append(archive)
    return [f"- {n}{'.' if n == names[-1] else ';'}" for n in names]


def _signature(document: WordDocument, recipients: list[str], title: str | None, signer: str | None) -> None:
    table = document.add_table(rows=1, cols=2)
    _no_borders(table)
    _fixed_columns(table, (8.0, 8.5))
    left, right = table.cell(0, 0), table.cell(0, 1)
    heading = left.paragraphs[0]
    heading.paragraph_format.space_after = Pt(0)
    _run(heading, _("Nơi nhận:"), size=12, bold=True, italic=True)
    for line in recipients:
        paragraph = left.add_paragraph()
        fmt = paragraph.paragraph_format
        fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), Pt(0), 1.0
        _run(paragraph, line, size=11)
    titles = _lines(title or "") or [BLANK * 4]
    for n, line in enumerate(titles):
        _centred(right, line.upper(), size=BODY_PT, bold=True, first=n == 0)
    for _blank in range(4):
        _centred(right, "", size=BODY_PT)
    _centred(right, signer or BLANK * 4, size=BODY_PT, bold=True)
