"""The layout of Nghị định 30/2020/NĐ-CP in Word: what every administrative document chuyenhoa writes shares.

Two documents use it: the year-end report of the evaluation
(:mod:`chuyenhoa.output.reports.official`) and the submission of awards, the *tờ
trình* (:mod:`chuyenhoa.output.awards.docx`).  Both go up the line to be signed and
forwarded as they are, so both must look like every other document an office
sends: A4, margins of 20/20/30/15 mm, Times New Roman throughout, the issuing body
and the national motto with their rules, "Số: …", place and date, the title, bordered
tables whose header row repeats on each page and whose rows never split across
pages, "Nơi nhận:" and the signature block (DOMAIN.md, "Documents the users
write").  One module, so a fix to the layout (a margin, a rule's length) reaches
both documents and they can never drift apart.

Nothing here knows what a document says: the helpers take text and draw it.  Fields
the tool cannot know (the number, the date of signing, who signs) are dotted blanks
(:data:`BLANK`) unless the caller gives them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from docx import Document
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_PARAGRAPH_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Mm, Pt
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph

from chuyenhoa.i18n import _, tag
from chuyenhoa.model import Plan
from chuyenhoa.output.reports._format import document_date
from chuyenhoa.output.words import plan_reference as cited_plan
from chuyenhoa.output.words import synthetic_banner

__all__ = [
    "BLANK", "BODY_PT", "CELL_MARGIN_CM", "FONT", "HEADER_PT", "LEFT_CM", "MARGINS_MM", "MOTTO_PT", "MOTTO_WIDTH_CM",
    "NATION_PT", "RIGHT_CM", "TABLE_PT", "TEXT_WIDTH_CM", "banner", "border", "centred", "document_symbol",
    "fixed_columns", "fonts", "heading", "issuer_lines", "lines", "national_header", "new_document", "no_borders",
    "number_line", "page_numbers", "page_setup", "paragraph", "plan_reference", "recipients", "rule", "run",
    "signature", "styles", "table", "thin", "title_block",
]

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


def new_document() -> WordDocument:
    """An empty document with the decree's page and the fonts and colours set in every style."""
    document = Document()
    page_setup(document)
    styles(document)
    return document


# --- page, styles, runs ---------------------------------------------------------------------------


def page_setup(document: WordDocument) -> None:
    for section in document.sections:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
        section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
        section.header_distance, section.footer_distance = Mm(10), Mm(10)


def fonts(rpr: BaseOxmlElement) -> None:
    """Times New Roman for every script slot, so Vietnamese letters never fall back to another font."""
    found = rpr.find(qn("w:rFonts"))
    if found is None:
        found = OxmlElement("w:rFonts")
        rpr.insert(0, found)
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        found.set(qn(slot), FONT)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        found.attrib.pop(qn(theme), None)


def styles(document: WordDocument) -> None:
    """Black Times New Roman 14 pt, the document's language, in the defaults and every style of the template.

    The template's styles name theme fonts (Cambria, Calibri) and colours (the blue
    of its headings); each is replaced or removed, so no style can bring them back.
    """
    root = document.styles.element
    fonts(root.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")))
    for found in list(root.iter(qn("w:rFonts"))):
        fonts(found.getparent())
    for colour in list(root.iter(qn("w:color"))):
        colour.getparent().remove(colour)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(BODY_PT)
    fonts(normal.element.get_or_add_rPr())
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), tag())
    lang.set(qn("w:eastAsia"), tag())
    normal.element.get_or_add_rPr().append(lang)
    fmt = normal.paragraph_format
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), Pt(6), 1.15


def run(paragraph: Paragraph, text: str, *, size: float = BODY_PT, bold: bool = False, italic: bool = False,
        caps: bool = False) -> None:
    added = paragraph.add_run(text.upper() if caps else text)
    added.font.name, added.font.size, added.font.bold, added.font.italic = FONT, Pt(size), bold, italic
    fonts(added._r.get_or_add_rPr())


def paragraph(document: WordDocument, text: str = "", *, size: float = BODY_PT, bold: bool = False,
              italic: bool = False, align: WD_PARAGRAPH_ALIGNMENT = WD_ALIGN_PARAGRAPH.JUSTIFY, indent: bool = True,
              before: float = 0, after: float = 6) -> Paragraph:
    added = document.add_paragraph()
    added.alignment = align
    fmt = added.paragraph_format
    fmt.first_line_indent = Cm(1.0) if indent and align == WD_ALIGN_PARAGRAPH.JUSTIFY else None
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    if text:
        run(added, text, size=size, bold=bold, italic=italic)
    return added


def border(paragraph: Paragraph, edge: str, size: int = 6) -> None:
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


def rule(cell: _Cell, column_cm: float, length_cm: float) -> None:
    """A centred horizontal rule of ``length_cm`` in a header column (an empty paragraph with a top border)."""
    added = cell.add_paragraph()
    side = Cm(max((column_cm - 2 * CELL_MARGIN_CM - length_cm) / 2, 0))
    fmt = added.paragraph_format
    fmt.left_indent, fmt.right_indent = side, side
    thin(added)
    border(added, "top")


def thin(paragraph: Paragraph) -> None:
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


def lines(text: str) -> list[str]:
    """Lines of a multi-line option: a newline or " / " between them, since a shell option holds no newline
    easily ("TM. Ủy ban nhân dân / Chủ tịch")."""
    return [part.strip() for line in text.splitlines() for part in line.split(" / ") if part.strip()]


def issuer_lines(issuer: str) -> list[tuple[str, bool]]:
    """The issuing body in capitals, each line with whether it is bold.

    "UBND tỉnh Tây Ninh" is written out as "ỦY BAN NHÂN DÂN / TỈNH TÂY NINH", both
    bold (one name on two lines); a name with a gloss after " — " keeps the name.
    An ``issuer`` option of several lines names the managing body first (regular)
    and the issuing body last (bold), as Nghị định 30/2020/NĐ-CP sets them.
    """
    found = lines(issuer)
    if len(found) > 1:
        return [(line.upper(), n == len(found) - 1) for n, line in enumerate(found)]
    name = issuer.split(" — ")[0].strip()
    match = re.match(r"^(UBND|Ủy ban nhân dân)\s+(.+)$", name, re.IGNORECASE)
    if match:
        return [(_("ỦY BAN NHÂN DÂN"), True), (match[2].upper(), True)]
    return [(name.upper(), True)]


def document_symbol(plan_id: str, plan_issuer: str, issuer: str | None) -> str:
    """The issuer's symbol after "BC-" or "TTr-": from the plan's number ("860/KH-UBND" → UBND) when the plan's
    issuer writes the document, else from the issuer's name; a dotted blank when neither says."""
    if issuer is None and "/" in plan_id:
        tail = plan_id.split("/", 1)[1]
        symbol = tail.split("-", 1)[1] if "-" in tail else tail
        if re.fullmatch(r"[A-ZĐ][A-ZĐ0-9-]*", symbol):
            return symbol
    name = (lines(issuer) or [""])[-1] if issuer else plan_issuer.strip()
    if re.match(r"^(UBND|Ủy ban nhân dân)", name, re.IGNORECASE):
        return "UBND"
    if re.match(r"^Ban Chỉ đạo", name, re.IGNORECASE):
        return "BCĐ"
    return BLANK


def number_line(number: str | None, kind: str, symbol: str) -> str:
    """ "Số: 05/BC-UBND": a given number zero-padded below 10; "Số: ……/BC-UBND" when none is given.

    ``kind`` is the abbreviation of the kind of document (BC a report, TTr a
    submission, Nghị định 30/2020/NĐ-CP Phụ lục III); a number given whole
    ("15/TTr-SNV") is written as given.
    """
    if number is not None and "/" in number:
        return _("Số: {number}").format(number=number.strip())
    if number is not None and number.strip().isdigit():
        number = f"{int(number):02d}"
    return _("Số: {number}").format(number=f"{number.strip() if number else BLANK}/{kind}-{symbol}")


def no_borders(table: Table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{edge}")
        line.set(qn("w:val"), "nil")
        borders.append(line)
    tbl_pr.append(borders)


def fixed_columns(table: Table, widths_cm: Sequence[float]) -> None:
    table.autofit = False
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(width)
    for column, width in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(width)


def centred(cell: _Cell, text: str, *, size: float, bold: bool = False, italic: bool = False,
            first: bool = False) -> Paragraph:
    # python-docx leaves _Cell.paragraphs and _Cell.add_paragraph unannotated
    added: Paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    added.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fmt = added.paragraph_format
    fmt.space_before, fmt.space_after, fmt.line_spacing, fmt.first_line_indent = Pt(0), Pt(0), 1.0, None
    run(added, text, size=size, bold=bold, italic=italic)
    return added


def national_header(document: WordDocument, body_lines: list[tuple[str, bool]], number_text: str, place: str,
                    date: dt.date | None) -> None:
    """Issuing body and number on the left, motto and place-and-date on the right."""
    header = document.add_table(rows=2, cols=2)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    no_borders(header)
    fixed_columns(header, (LEFT_CM, RIGHT_CM))
    left, right = header.cell(0, 0), header.cell(0, 1)
    for n, (line, bold) in enumerate(body_lines):
        centred(left, line, size=HEADER_PT, bold=bold, first=n == 0)
    # Nghị định 30: a rule of 1/3 to 1/2 of the name's line beneath it (0.6 em: a bold capital's mean advance)
    name_cm = len(body_lines[-1][0]) * 0.6 * HEADER_PT / 72 * 2.54
    rule(left, LEFT_CM, min(LEFT_CM * 0.5, max(1.2, 0.4 * name_cm)))
    centred(right, _("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), size=NATION_PT, bold=True, first=True)
    centred(right, _("Độc lập - Tự do - Hạnh phúc"), size=MOTTO_PT, bold=True)
    rule(right, RIGHT_CM, MOTTO_WIDTH_CM)
    number_paragraph = centred(header.cell(1, 0), number_text, size=HEADER_PT, first=True)
    number_paragraph.paragraph_format.space_before = Pt(6)
    when = document_date(date) if date else _("ngày {day} tháng {month} năm {year}").format(
        day=BLANK, month=BLANK, year=BLANK)
    place_paragraph = centred(header.cell(1, 1), f"{place}, {when}", size=MOTTO_PT, italic=True, first=True)
    place_paragraph.paragraph_format.space_before = Pt(6)


def page_numbers(document: WordDocument, synthetic: bool = False) -> None:
    """Page numbers centred in the top margin, none on page 1; the sample banner on every page."""
    section = document.sections[0]
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    added = header.add_run()
    added.font.name, added.font.size = FONT, Pt(BODY_PT)
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
        added._r.append(element)
    if synthetic:
        for part in (section.header, section.first_page_header):
            line = part.add_paragraph()
            line.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run(line, synthetic_banner(), size=10, bold=True)


def banner(document: WordDocument) -> None:
    """The sample banner in a box, at the top and the foot of a document of synthetic data."""
    boxed = paragraph(document, align=WD_ALIGN_PARAGRAPH.CENTER, before=6, after=6)
    for edge in ("top", "left", "bottom", "right"):
        border(boxed, edge, size=12)
    run(boxed, synthetic_banner(), size=BODY_PT, bold=True)


def title_block(document: WordDocument, kind: str, subject: str, *, subject_bold: bool = True) -> None:
    """The name of the kind of document ("BÁO CÁO", "TỜ TRÌNH") and its subject, centred and bold, over a
    short rule."""
    paragraph(document, kind, size=BODY_PT, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, before=12, after=0)
    title = paragraph(document, subject, size=BODY_PT, bold=subject_bold, align=WD_ALIGN_PARAGRAPH.CENTER, after=0)
    title.paragraph_format.left_indent = title.paragraph_format.right_indent = Cm(1.5)
    line = paragraph(document, align=WD_ALIGN_PARAGRAPH.CENTER)
    thin(line)
    line.paragraph_format.left_indent = line.paragraph_format.right_indent = Cm(6.0)
    line.paragraph_format.space_after = Pt(12)
    border(line, "top")


# --- the body -------------------------------------------------------------------------------------


def heading(document: WordDocument, text: str) -> None:
    paragraph(document, text, bold=True, before=6).paragraph_format.keep_with_next = True


def _row_property(row: _Row, name: str) -> None:
    """Set a row's property ``name`` (``w:cantSplit``, ``w:tblHeader``) on."""
    element = OxmlElement(f"w:{name}")
    element.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(element)


def table(document: WordDocument, headers: Sequence[str], rows: Sequence[Sequence[str]],
          widths_cm: Sequence[float], centre: Sequence[int] = (0,)) -> Table:
    """A bordered table in 12 pt, header row bold, centred and repeated on each page; ``centre``: columns of
    short values (the number, counts) set in the middle of their cells.

    No row splits across a page (``w:cantSplit``): a verdict printed on one page
    and its clause on the next is a row nobody can sign for.  ``w:cantSplit``
    comes before ``w:tblHeader`` in a row's properties, as the schema orders them.
    """
    added: Table = document.add_table(rows=1, cols=len(headers))  # python-docx leaves add_table unannotated
    added.style = document.styles["Table Grid"]
    added.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(added.rows[0].cells, headers, strict=True):
        centred(cell, text, size=TABLE_PT, bold=True, first=True)
    _row_property(added.rows[0], "cantSplit")
    _row_property(added.rows[0], "tblHeader")
    for values in rows:
        row = added.add_row()
        _row_property(row, "cantSplit")
        for column, (cell, text) in enumerate(zip(row.cells, values, strict=True)):
            first = cell.paragraphs[0]
            if column in centre:
                first.alignment = WD_ALIGN_PARAGRAPH.CENTER
            fmt = first.paragraph_format
            fmt.space_before, fmt.space_after, fmt.line_spacing, fmt.first_line_indent = Pt(1), Pt(1), 1.0, None
            run(first, text, size=TABLE_PT)
    fixed_columns(added, widths_cm)
    paragraph(document, after=0).paragraph_format.line_spacing = Pt(6)
    return added


def plan_reference(plan: Plan) -> str:
    """"Kế hoạch số 860/KH-UBND ngày 25/03/2024 của UBND tỉnh Tây Ninh về …": the words of
    :func:`chuyenhoa.output.words.plan_reference`, which say so where the copy prints no number or date,
    and the plan's subject."""
    return _("{plan} về {title}").format(plan=cited_plan(plan), title=plan.title)


# --- recipients and signature ---------------------------------------------------------------------


def recipients(given: Sequence[str] | str | None) -> list[str]:
    """"- Bộ Công an;" lines ending with "- Lưu: VT."; dotted blanks when none are given."""
    if isinstance(given, str):
        given = [r for r in re.split(r"[;\n]", given)]
    names = [r.strip().lstrip("-").strip().rstrip(";.").strip() for r in (given or [])]
    names = [r for r in names if r] or [BLANK * 3, BLANK * 3]
    archive = _("Lưu: VT")
    if not any(n.lower().startswith(("lưu", archive.split(":")[0].lower())) for n in names):
        names.append(archive)
    return [f"- {n}{'.' if n == names[-1] else ';'}" for n in names]


def signature(document: WordDocument, recipient_lines: list[str], title: str | None, signer: str | None) -> None:
    block = document.add_table(rows=1, cols=2)
    no_borders(block)
    fixed_columns(block, (8.0, 8.5))
    left, right = block.cell(0, 0), block.cell(0, 1)
    first = left.paragraphs[0]
    first.paragraph_format.space_after = Pt(0)
    run(first, _("Nơi nhận:"), size=12, bold=True, italic=True)
    for line in recipient_lines:
        added = left.add_paragraph()
        fmt = added.paragraph_format
        fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), Pt(0), 1.0
        run(added, line, size=11)
    titles = lines(title or "") or [BLANK * 4]
    for n, line in enumerate(titles):
        centred(right, line.upper(), size=BODY_PT, bold=True, first=n == 0)
    for _blank in range(4):
        centred(right, "", size=BODY_PT)
    centred(right, signer or BLANK * 4, size=BODY_PT, bold=True)
