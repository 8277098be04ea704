"""The results as Markdown: one file that reads as plain text and renders as tables.

For an e-mail, a chat message or a wiki page.  Each verdict carries a mark
(✅ met, ❌ missed, ❔ not assessable, ⏰ due) beside the words, so the table
reads at a glance even where colours are lost; a hotspot's indicator shows its
value and its mark in one cell.  On synthetic data the warning opens the file,
every section and the end.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from chuyenhoa.i18n import _, decimal
from chuyenhoa.method.result import Result
from chuyenhoa.output.results.tables import BAD, DUE, GOOD, UNKNOWN, ExportTable, report_of

__all__ = ["MARKS", "md_cell", "render_markdown"]

MARKS = {GOOD: "✅", BAD: "❌", UNKNOWN: "❔", DUE: "⏰"}


def md_cell(value: object) -> str:
    """A value as text of the current language: its decimal mark (75,5 or 75.5), dd/mm/yyyy dates, "—" for
    missing; pipes escaped."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        text = _("có") if value else _("không")
    elif isinstance(value, float):
        text = decimal(f"{value:.4f}".rstrip("0").rstrip("."))
    elif isinstance(value, dt.date):
        text = f"{value:%d/%m/%Y}"
    else:
        text = str(value)
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r\n", "<br>").replace("\n", "<br>")


def _marked(value: object, tones: Mapping[str, str]) -> str:
    tone = tones.get(value) if isinstance(value, str) else None
    return f"{MARKS[tone]} {md_cell(value)}" if tone else md_cell(value)


def _table(table: ExportTable, tones: Mapping[str, str]) -> list[str]:
    paired = {value: met for value, met in table.pairs}
    keys = {value: str(n) for n, (value, _met) in enumerate(table.pairs, start=1)}  # the legend names each
    skipped = set(paired.values())
    headers: list[str] = []
    for col, header in enumerate(table.headers):
        if col in skipped:
            continue
        headers.append(md_cell(keys[col] if col in paired else header))
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    for row in table.rows:
        cells: list[str] = []
        for col, value in enumerate(row):
            if col in skipped:
                continue
            if col in paired:
                met = row[paired[col]]
                assert isinstance(met, str), met  # a "met" column holds a status word of the language
                cells.append(f"{md_cell(value)} {MARKS[tones[met]]}")
            elif col in table.marked:
                cells.append(_marked(value, tones))
            else:
                cells.append(md_cell(value))
        lines.append("| " + " | ".join(cells) + " |")
    if not table.rows:
        lines.append("| " + " | ".join("—" for _ in headers) + " |")
    return lines


def render_markdown(result: Result) -> str:
    """The whole Markdown document of ``result``."""
    report = report_of(result)
    banner = f"> **⚠️ {report.banner.strip('* ')}**"
    out: list[str] = []
    if report.synthetic:
        out += [banner, ""]
    out += [f"# {md_cell(report.title)}", ""]
    out += [f"- **{md_cell(label)}:** {md_cell(value)}" for label, value in report.info]
    for number, table in enumerate(report.tables, start=1):
        out += ["", f"## {number}. {md_cell(table.title)}", ""]
        if report.synthetic:
            out += [banner, ""]
        if table.pairs:  # the paired columns are numbered: the legend names each by its label and clause
            legend = [title for first, _last, title in table.bands if any(first == p[0] for p in table.pairs)]
            out += [f"- {n}: {md_cell(t)}" for n, t in enumerate(legend, start=1)] + [""]
        out += _table(table, report.tones)
    if report.synthetic:
        out += ["", banner]
    return "\n".join(out) + "\n"
