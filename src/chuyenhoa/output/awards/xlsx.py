"""The list of awards (*danh sách*) as a workbook, printed for the council's meeting and forwarded as it is.

One sheet per part of the result, each headed by its title and the plan, the
column headers in words (never the ids of the data contract) repeated on every
printed page, A4 landscape, fitted to one page wide, the page number in the
footer: a sheet printed from Excel or LibreOffice without touching the print
setup reads like the Word submission (:mod:`chuyenhoa.output.awards.docx`), and
both say the same from :mod:`chuyenhoa.output.awards.contents`.

- *Tổng hợp*: the plan, the form, the proposal's verdict, each quota and cap on the
  proposal and on the recommended list, the notes;
- *Danh sách đề xuất*: the recommended list in the order of ranking;
- *Kết quả từng hồ sơ*: every nominee, in or out or held back, with the reason and
  its clause;
- *Nhận xét*: every finding with its clause and the words of the text;
- *Quy định*: the plan's rules, each with its clause, quote and the reading applied.

A plan without an award scheme gets a workbook that says so on every sheet, with
no quota and nobody recommended.  Verdicts are coloured by conditional formatting
(the word, not a fill, decides: a cell corrected by hand is recoloured), and the
colour never replaces the word.  XlsxWriter writes it, imported only here.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from typing import Any

from chuyenhoa.awards.result import AwardsResult, Status
from chuyenhoa.i18n import N_, _, translate
from chuyenhoa.output.awards.contents import (
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
from chuyenhoa.output.reports.nd30 import plan_reference
from chuyenhoa.output.words import compliance_word, counted_kinds, within_word

__all__ = ["SHEETS", "render_list"]

#: The sheets, in order (``N_``: named in the workbook's language, at most 31 characters).
SHEETS = (N_("Tổng hợp"), N_("Danh sách đề xuất"), N_("Kết quả từng hồ sơ"), N_("Nhận xét"), N_("Quy định"))
#: The footer of every printed page: "Trang 2/5" (Excel's codes &P, &N for the page and the number of pages).
FOOTER = N_("Trang &P/&N")

_TONES = {
    "good": {"bg_color": "#C6EFCE", "font_color": "#006100"},
    "bad": {"bg_color": "#FFC7CE", "font_color": "#9C0006"},
    "unknown": {"bg_color": "#FFEB9C", "font_color": "#9C5700"},
}


class _Formats:
    def __init__(self, book: Any) -> None:
        add = book.add_format
        self.title = add({"bold": True, "font_size": 13})
        self.line = add({"text_wrap": True, "valign": "top"})
        self.strong = add({"bold": True, "text_wrap": True, "valign": "top"})
        self.header = add({"bold": True, "text_wrap": True, "align": "center", "valign": "vcenter", "border": 1,
                           "bg_color": "#DDEBF7"})
        self.cell = add({"text_wrap": True, "valign": "top", "border": 1})
        self.centre = add({"text_wrap": True, "valign": "top", "align": "center", "border": 1})
        self.tones = {tone: add(style) for tone, style in _TONES.items()}


def _tone_words() -> dict[str, str]:
    """Each verdict word of a paper, with its colour."""
    return {within_word(True): "good", Status.IN.label: "good", within_word(False): "bad",
            Status.OUT.label: "bad", within_word(None): "unknown", Status.HELD_BACK.label: "unknown",
            Status.UNDECIDED.label: "unknown"}


def render_list(result: AwardsResult) -> bytes:
    """The workbook as bytes (built in memory; :func:`chuyenhoa.output.awards.write_paper` writes it whole)."""
    import xlsxwriter  # imported here: the other formats never load it

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False,
                                        "strings_to_urls": False})
    province = result.province.name if result.province else ""
    title = _("Danh sách đề nghị khen thưởng — {province} — Kế hoạch {plan}, năm {year}").format(
        province=province, plan=result.plan.id, year=result.year)
    book.set_properties({"title": title, "subject": subject(result), "author": f"chuyenhoa {result.version}",
                         "comments": _("Sinh bởi chuyenhoa")})
    sheet = _Sheets(book, _Formats(book), title)
    _summary(sheet, result)
    _recommended(sheet, result)
    _decisions(sheet, result)
    _findings(sheet, result)
    _rules(sheet, result)
    book.close()
    return buffer.getvalue()


def _lines(text: str, width: float) -> int:
    """How many lines ``text`` takes wrapped in a column ``width`` characters wide (a letter of text is narrower
    than the digit zero a column's width is counted in)."""
    return max(1, math.ceil(len(text) * 0.85 / max(width - 1, 1)))


class _Sheets:
    """Writes one sheet at a time: a title, lines of text, then one table with its print setup."""

    def __init__(self, book: Any, formats: _Formats, title: str) -> None:
        self.book, self.formats, self.title = book, formats, title

    def write(self, name: str, lines: Sequence[str], headers: Sequence[str], rows: Sequence[Sequence[str]],
              widths: Sequence[float], *, centre: Sequence[int] = (), verdict: int | None = None,
              bold_lines: int = 0) -> None:
        """A sheet: title, ``lines`` (the first ``bold_lines`` bold) across the table's width, then the table."""
        ws = self.book.add_worksheet(translate(name)[:31])
        formats = self.formats
        total = sum(widths)
        for col, width in enumerate(widths):
            ws.set_column(col, col, width)
        last = len(widths) - 1
        ws.write_string(0, 0, f"{translate(name)} — {self.title}", formats.title)
        row = 2
        for n, text in enumerate(lines):
            fmt = formats.strong if n < bold_lines else formats.line
            if last:
                ws.merge_range(row, 0, row, last, text, fmt)
            else:
                ws.write_string(row, 0, text, fmt)
            ws.set_row(row, 15 * _lines(text, total))
            row += 1
        row += 1
        header_row = row
        for col, text in enumerate(headers):
            ws.write_string(row, col, text, formats.header)
        ws.set_row(row, 15 * max(_lines(text, widths[col]) for col, text in enumerate(headers)) + 4)
        for values in rows:
            row += 1
            for col, value in enumerate(values):
                ws.write_string(row, col, value, formats.centre if col in centre else formats.cell)
            # wrapped text gets the height it needs: not every program fits rows when it opens a file
            ws.set_row(row, 15 * min(max(_lines(v, widths[c]) for c, v in enumerate(values)), 20))
        if rows and verdict is not None:
            for word, tone in _tone_words().items():
                ws.conditional_format(header_row + 1, verdict, row, verdict,
                                      {"type": "cell", "criteria": "==", "value": f'"{word}"',
                                       "format": formats.tones[tone]})
        if rows:
            ws.autofilter(header_row, 0, row, last)
        ws.freeze_panes(header_row + 1, 0)
        # printed for the council: A4 landscape, one page wide, the headers on every page, the page number
        ws.set_landscape()
        ws.set_paper(9)
        ws.fit_to_pages(1, 0)
        ws.repeat_rows(header_row)
        ws.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.7)
        ws.set_footer("&C" + translate(FOOTER))
        ws.center_horizontally()


def _summary(sheet: _Sheets, result: AwardsResult) -> None:
    scheme = result.scheme
    lines = [result.province.name + " — " + subject(result) if result.province else subject(result),
             _("Căn cứ {plan}.").format(plan=plan_reference(result.plan))]
    if scheme is None:
        lines += [f.message for f in result.findings if f.code == "no_scheme"]
    else:
        lines.append(_("Hình thức: {form} ({source})").format(form=scheme.form, source=scheme.source))
    lines.append(proposal_summary(result) + " " + _("Đối chiếu với quy định: {verdict}.").format(
        verdict=compliance_word(result.compliant)))
    if scheme is not None:
        chosen = {c.kind: c.count for c in result.recommended_counts()}
        lines.append(_("Đề xuất trong hạn mức: {kinds} (sheet “{sheet}”).").format(
            kinds=counted_kinds(chosen), sheet=translate(SHEETS[1])))
    lines.append(source_line(result))
    lines += redaction_notes(result)
    lines.append(_("Cách xếp hạng: {ranking}").format(ranking=result.ranking))
    lines += [f"- {note}" for note in result.notes]
    proposed_word, chosen_word = header("proposed"), header("recommended")
    rows = [[proposed_word, x.label, x.given, x.allowed, x.verdict, x.source] for x in limits(result)]
    rows += [[chosen_word, x.label, x.given, x.allowed, x.verdict, x.source] for x in limits(result, recommended=True)]
    sheet.write(SHEETS[0], lines, [header("list"), header("content"), header("given"), header("limit"),
                                   header("verdict"), header("source")], rows, (12, 40, 16, 40, 16, 30),
                centre=(2, 4), verdict=4, bold_lines=1)


def _who(result: AwardsResult) -> tuple[bool, bool]:
    return shows_names(result), shows_units(result)


def _recommended(sheet: _Sheets, result: AwardsResult) -> None:
    names, units = _who(result)
    if result.scheme is None:
        lines = [_("Không lập danh sách đề xuất: kế hoạch không quy định hình thức, số lượng khen thưởng, "
                   "công cụ không tự đặt ra hạn mức.")]
    else:
        chosen = {c.kind: c.count for c in result.recommended_counts()}
        lines = [_("Trong hạn mức của kế hoạch, đề nghị {kinds}, theo thứ tự xếp hạng:").format(
            kinds=counted_kinds(chosen))]
    lines += redaction_notes(result)
    headers = [header("no"), header("id"), *([header("name")] if names else []), header("kind"),
               *([header("unit")] if units else []), header("rank"), header("notes")]
    widths = [6, 10, *([36] if names else []), 10, *([30] if units else []), 14, 50]
    rows = [[str(x.position), x.nominee_id, *([x.name] if names else []), x.kind.label, *([x.unit] if units else []),
             x.ranked, x.notes] for x in nominee_lines(result, (Status.IN,))]
    sheet.write(SHEETS[1], lines, headers, rows, widths, centre=(0, len(headers) - 2))


def _decisions(sheet: _Sheets, result: AwardsResult) -> None:
    names, units = _who(result)
    headers = [header("kind"), header("rank"), header("id"), *([header("name")] if names else []),
               *([header("unit")] if units else []), header("verdict"), header("reasons"), header("source")]
    widths = [10, 12, 10, *([30] if names else []), *([26] if units else []), 16, 60, 28]
    rows = [[x.kind.label, x.ranked, x.nominee_id, *([x.name] if names else []), *([x.unit] if units else []),
             x.verdict, x.reasons, x.sources] for x in nominee_lines(result)]
    lines = [proposal_summary(result), *redaction_notes(result)]
    sheet.write(SHEETS[2], lines, headers, rows, widths, centre=(1,), verdict=headers.index(header("verdict")))


def _findings(sheet: _Sheets, result: AwardsResult) -> None:
    rows = [[str(n), f.nominee_id, f.severity, f.message, f.source, f.quote]
            for n, f in enumerate(finding_lines(result), start=1)]
    sheet.write(SHEETS[3], [_("Nhận xét về đề nghị và về từng hồ sơ, mỗi nhận xét với căn cứ của nó.")],
                [header("no"), header("id"), header("severity"), header("finding"), header("source"),
                 header("quote")], rows, (6, 10, 10, 60, 28, 50), centre=(0, 2))


def _rules(sheet: _Sheets, result: AwardsResult) -> None:
    if result.scheme is None:
        lines = [f.message for f in result.findings if f.code == "no_scheme"]
    else:
        lines = [_("Quy định khen thưởng của kế hoạch {plan}, mỗi quy định với căn cứ, lời văn và cách đọc đã áp "
                   "dụng.").format(plan=result.plan.id)]
    rows = [[str(n), r.what, r.applies, r.text, r.source, r.quote, r.reading]
            for n, r in enumerate(rule_lines(result.scheme), start=1)]
    sheet.write(SHEETS[4], lines, [header("no"), header("rule"), header("applies"), header("content"),
                                   header("source"), header("quote"), header("reading")], rows,
                (6, 14, 16, 40, 26, 50, 50), centre=(0,))
