"""The history store shown to people: versions (``history log``), paths and yearly figures (``history show``),
and the store written back as the CSV files ``evaluate --data`` reads (``history export``).

Every format presents what :mod:`chuyenhoa.method.archive` concluded; none
compares a figure with a goal itself.  The HTML page is self-contained like the
evaluation report (:mod:`chuyenhoa.output.reports.page`): inline styles, one
chart drawn as plain SVG (:mod:`chuyenhoa.output.reports.svg`), nothing loaded
from anywhere.  The workbook is written by XlsxWriter through the one atomic
writer (:mod:`chuyenhoa.output.files`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from chuyenhoa.i18n import _, _n, language
from chuyenhoa.method.archive import Cell, Goal, HistoryView, YearFigures
from chuyenhoa.model import Status
from chuyenhoa.output.files import atomic_file, atomic_folder
from chuyenhoa.output.reports.svg import INK, MET, NOT_MET, TRACK, UNKNOWN, Svg
from chuyenhoa.output.text import table
from chuyenhoa.output.words import COMPARATOR_SIGN, percent, status_label
from chuyenhoa.store.queries import StoredYear, Version

__all__ = [
    "EXPORT_NAMES",
    "export_texts",
    "figure_note",
    "log_json",
    "log_table",
    "rejudged_words",
    "stale_words",
    "version_note",
    "view_html",
    "view_json",
    "view_table",
    "write_export",
    "write_view_xlsx",
]

#: The files ``history export`` writes into its folder: ``--data`` and ``--province-data`` of ``evaluate``.
EXPORT_NAMES = ("communes.csv", "province.csv")


# --- history log -------------------------------------------------------------------------------------------


def _local(moment: dt.datetime) -> str:
    """A time of the store (UTC) as the person's clock shows it."""
    return moment.astimezone().strftime("%d/%m/%Y %H:%M:%S")


def rejudged_words(year: int, corrected: bool, version: int) -> str:
    """Why a version was written from the values of the one before it: an earlier year changed."""
    if corrected:
        return _("đánh giá lại vì năm {year} đã sửa (phiên bản #{id})").format(year=year, id=version)
    return _("đánh giá lại vì năm {year} được ghi sau (phiên bản #{id})").format(year=year, id=version)


def stale_words(year: int, version: int | None = None) -> str:
    """Stored verdicts an earlier year's newer version was not followed by (they were not judged again)."""
    if version is None:
        return _("kết luận có thể đã cũ: năm {year} được ghi sau").format(year=year)
    return _("kết luận có thể đã cũ: năm {year} được ghi sau (phiên bản #{id})").format(year=year, id=version)


def version_note(version: Version) -> str:
    """What ``history log`` says beside a version: why it was written without a file of its own, and staleness."""
    parts: list[str] = []
    reason = version.reason or {}
    if reason.get("kind") == "rejudged":
        parts.append(rejudged_words(int(reason["year"]), bool(reason.get("corrected")), int(reason["version"])))
    if version.stale is not None:
        parts.append(stale_words(version.stale.year, version.stale.version_id))
    return "; ".join(parts)


def log_table(province: str, store: str, versions: Sequence[Version]) -> str:
    """Every version of every year, the current one marked: who, when, from which file, and why when not a file."""
    head = _("{province} — các phiên bản trong kho lịch sử {store}").format(province=province, store=store)
    if not versions:
        return head + "\n\n" + _("Chưa ghi năm nào.")
    notes = [version_note(v) for v in versions]
    rows = [(v.year, "*" if v.current else "", _local(v.recorded_at), v.recorded_by, v.sha256[:12],
             v.plan_id or _("(không có kế hoạch)"), v.file, *((note,) if any(notes) else ()))
            for v, note in zip(versions, notes, strict=True)]
    body = table([_("Năm"), _("Hiện hành"), _("Ghi lúc"), _("Người ghi"), _("SHA-256"), _("Kế hoạch"), _("Tệp"),
                  *((_("Ghi chú"),) if any(notes) else ())], rows, indent="")
    return "\n".join([head, "", body, "", _("* phiên bản hiện hành của năm; các phiên bản cũ được giữ nguyên")])


def log_json(versions: Sequence[Version]) -> str:
    """A list of objects with exactly the keys ``year``, ``recorded_at``, ``file``, ``sha256``, ``current``."""
    return json.dumps([v.as_dict() for v in versions], ensure_ascii=False, indent=2)


# --- history show: words ---------------------------------------------------------------------------------


def _goal_words(goal: Goal | None) -> str:
    if goal is None:
        return _("mục tiêu")
    return _("mục tiêu {sign} {threshold}%").format(sign=COMPARATOR_SIGN[_comparator(goal)],
                                                    threshold=f"{goal.threshold:g}")


def _comparator(goal: Goal) -> Any:
    from chuyenhoa.comparators import parse_comparator

    return parse_comparator(goal.comparator)


def cell_mark(cell: Cell) -> str:
    """A commune-year in a few signs (legend: :func:`legend`)."""
    if cell.followed:
        return "→" + ",".join(cell.followed) + (" ↺" if cell.relapsed else "")
    if not cell.present:
        return ""
    mark = ""
    if cell.selected:
        mark = ("☆" if cell.proposed else "★") + {True: "✓", False: "✗", None: "?"}[cell.transformed]
    elif cell.transformed:
        mark = "✓"
    if cell.relapsed:
        mark += "↺"
    elif cell.transformed_in is not None and not cell.selected:
        mark += "•"
    return mark or "·"


def cell_words(cell: Cell) -> str:
    """The same commune-year in words, for a tooltip or a workbook comment."""
    parts: list[str] = []
    if cell.followed:
        parts.append(_("sau sáp nhập là xã {codes}").format(codes=", ".join(cell.followed)))
    elif not cell.present:
        return _("không có số liệu")
    if cell.selected:
        parts.append(_("địa bàn do chuyenhoa đề xuất") if cell.proposed else _("địa bàn được duyệt"))
        parts.append({True: _("chuyển hóa thành công"), False: _("chưa chuyển hóa"),
                      None: _("chưa đánh giá được")}[cell.transformed])
    elif cell.transformed:
        parts.append(_("ghi nhận đã chuyển hóa"))
    if cell.transformed_in is not None:
        parts.append(_("đã chuyển hóa năm {year}").format(year=cell.transformed_in))
    if cell.relapsed:
        parts.append(_("tái phức tạp"))
    elif cell.relapsed is False and cell.transformed_in is not None:
        parts.append(_("không tái phức tạp"))
    return "; ".join(parts) or _("có số liệu")


def legend() -> str:
    return _("★ địa bàn được duyệt, ☆ địa bàn do chuyenhoa đề xuất; ✓ chuyển hóa thành công, ✗ chưa chuyển hóa, "
             "? chưa đánh giá được; ↺ tái phức tạp; • đã chuyển hóa ở năm trước, giữ vững; · có số liệu; "
             "→ mã xã kế tục sau sáp nhập")


def figure_note(f: YearFigures) -> str:
    """Where a year's figures come from when not only from its verdicts, and whether those may be stale."""
    parts: list[str] = []
    if not f.evaluated:
        parts.append(_("theo cột hotspot/transformed"))
    if f.outside:
        parts.append(_("{communes}: theo cột hotspot/transformed (kế hoạch của năm không lập cho các xã này)").format(
            communes="; ".join(_n("{count} xã của {province}", n).format(count=n, province=name)
                               for name, n in f.outside)))
    if f.stale is not None:
        parts.append(stale_words(f.stale))
    return "; ".join(parts)


def _figure_rows(view: HistoryView) -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = []
    for f in view.figures:
        rows.append((f.year, f.hotspots, f.transformed, _share(f.transformed_share.low, f.transformed_share.high),
                     status_label(f.transformed_status), f.earlier, f.stayed,
                     _share(f.no_relapse_share.low, f.no_relapse_share.high), status_label(f.no_relapse_status),
                     figure_note(f)))
    return rows


def _share(low: float | None, high: float | None) -> str:
    if low is None:
        return "—"
    if high is not None and abs(high - low) > 1e-9:
        return f"{percent(low)}–{percent(high)}"
    return percent(low)


def _figure_headers(view: HistoryView) -> list[str]:
    return [_("Năm"), _("Địa bàn"), _("Chuyển hóa"), _("Tỷ lệ"), _goal_words(view.transformed_goal),
            _("Đã chuyển hóa trước"), _("Không tái phức tạp"), _("Tỷ lệ"), _goal_words(view.no_relapse_goal),
            _("Ghi chú")]


def _title(view: HistoryView) -> str:
    years = f"{view.years[0]}–{view.years[-1]}" if len(view.years) > 1 else str(view.years[0])
    return _("{province} — lịch sử chuyển hóa địa bàn {years}").format(province=view.province.name, years=years)


def _goal_sources(view: HistoryView) -> str:
    sources = sorted({g.source for g in (view.transformed_goal, view.no_relapse_goal) if g is not None})
    return _("Mục tiêu của chương trình: {sources}").format(sources="; ".join(sources)) if sources else ""


def view_table(view: HistoryView) -> str:
    """The yearly figures, then each commune's path, for a person at a terminal."""
    out = [_title(view), _("Kho lịch sử: {store}").format(store=view.store), ""]
    out.append(table(_figure_headers(view), _figure_rows(view), indent=""))
    sources = _goal_sources(view)
    if sources:
        out += ["", sources]
    out += ["", _("Từng xã qua các năm:")]
    if view.paths:
        rows = [(p.code, p.name or "", *(cell_mark(c) or "—" for c in p.cells)) for p in view.paths]
        out.append(table([_("Mã xã"), _("Tên"), *map(str, view.years)], rows, indent=""))
    else:
        out.append(_("Không có xã nào được chọn, chuyển hóa hay tái phức tạp trong các năm này."))
    if view.quiet:
        out.append(_("{count} xã khác có số liệu nhưng không có sự kiện nào (dùng --commune để xem một xã)").format(
            count=view.quiet))
    out += ["", legend()]
    return "\n".join(out)


def view_json(view: HistoryView) -> str:
    return json.dumps(view.as_dict(), ensure_ascii=False, indent=2)


# --- history show: the page ------------------------------------------------------------------------------

_CSS = """
body { font-family: system-ui, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", "Liberation Sans", Arial, sans-serif;
       color: #212121; margin: 0 auto; max-width: 1060px; padding: 16px 24px 40px; line-height: 1.45; font-size: 15px; }
h1 { font-size: 1.4em; } h2 { font-size: 1.15em; border-bottom: 2px solid #212121; margin-top: 1.5em; }
table { border-collapse: collapse; width: 100%; margin: .5em 0 1em; font-size: .9em; }
th, td { border: 1px solid #bdbdbd; padding: .25em .45em; text-align: left; vertical-align: top; }
th { background: #f5f5f5; } td.num { text-align: right; }
td.c { text-align: center; white-space: nowrap; }
td.met { background: #c8e6c9; } td.notmet { background: #ffcdd2; } td.na { background: #eeeeee; }
td.relapsed { background: #ffcdd2; font-weight: bold; } td.held { background: #e8f5e9; }
.status.met { color: #2e7d32; font-weight: bold; } .status.notmet { color: #c62828; font-weight: bold; }
.status.na { color: #616161; font-weight: bold; }
svg.chart { display: block; max-width: 100%; height: auto; }
.muted { color: #616161; font-size: .9em; }
@page { size: A4 landscape; margin: 12mm; }
"""

_STATUS_CLASS = {Status.MET: "met", Status.NOT_MET: "notmet", Status.NOT_ASSESSABLE: "na"}


def _e(value: object) -> str:
    import html

    return html.escape("" if value is None else str(value), quote=True)


def chart(view: HistoryView) -> str:
    """Each year two bars, the share transformed and the share not relapsed, against their goal lines."""
    figures = view.figures
    width, left, top, bottom = 720.0, 44.0, 34.0, 230.0
    svg = Svg(width, bottom + 64, _("Tỷ lệ chuyển hóa thành công và tỷ lệ không tái phức tạp qua các năm"))
    span = bottom - top
    for tick in range(0, 101, 20):
        y = bottom - span * tick / 100
        svg.line(left, y, width - 8, y, color=TRACK)
        svg.text(left - 6, y + 4, f"{tick}%", size=10, anchor="end")
    slot = (width - left - 8) / max(len(figures), 1)
    bar = min(28.0, slot / 3)
    for n, f in enumerate(figures):
        x = left + n * slot + slot / 2
        for offset, bounds, status, words in (  # 14 apart: room for a label "60%–80%" above each bar
                (-bar - 7, f.transformed_share, f.transformed_status, _("chuyển hóa thành công")),
                (7.0, f.no_relapse_share, f.no_relapse_status, _("không tái phức tạp"))):
            colour = {Status.MET: MET, Status.NOT_MET: NOT_MET, Status.NOT_ASSESSABLE: UNKNOWN}[status]
            tip = _("Năm {year}: {words} {share} — {status}").format(
                year=f.year, words=words, share=_share(bounds.low, bounds.high), status=status_label(status))
            if bounds.low is None:
                svg.text(x + offset + bar / 2, bottom - 4, "—", size=11, anchor="middle", tip=tip)
                continue
            height = span * bounds.low / 100
            svg.rect(x + offset, bottom - height, bar - 2, height, colour, tip=tip)
            top = bottom - height
            if bounds.high is not None and bounds.high > bounds.low:  # the part the unknown cases may add
                extra = span * (bounds.high - bounds.low) / 100
                svg.rect(x + offset, top - extra, bar - 2, extra, TRACK, tip=tip, dash=True, stroke=UNKNOWN)
                top -= extra
            svg.text(x + offset + bar / 2, top - 4, _share(bounds.low, bounds.high), size=9, anchor="middle")
        svg.text(x, bottom + 16, str(f.year), size=12, anchor="middle", bold=True)
    for goal, dash in ((view.transformed_goal, False), (view.no_relapse_goal, True)):
        if goal is None:
            continue
        y = bottom - span * goal.threshold / 100
        svg.line(left, y, width - 8, y, color=INK, width=1.5, dash=dash)
        svg.text(width - 8, y - 4, _goal_words(goal), size=11, anchor="end", bold=True)
    legend_y = bottom + 44
    svg.rect(left, legend_y - 10, 12, 12, MET)
    svg.text(left + 16, legend_y, _("cột trái: tỷ lệ chuyển hóa thành công (nét liền: mục tiêu)"), size=11)
    svg.text(left + 380, legend_y, _("cột phải: tỷ lệ không tái phức tạp (nét đứt)"), size=11)
    svg.text(left, legend_y + 16, _("xanh: đạt, đỏ: không đạt, xám: chưa đánh giá được; phần viền: chưa rõ"),
             size=11)
    return svg.render()


def _cell_class(cell: Cell) -> str:
    if cell.relapsed:
        return "relapsed"
    if cell.selected:
        return {True: "met", False: "notmet", None: "na"}[cell.transformed]
    if cell.transformed_in is not None or cell.transformed:
        return "held"
    return ""


def view_html(view: HistoryView, version: str) -> str:
    """One self-contained page: the yearly figures with their chart, and each commune's path as a grid."""
    title = _title(view)
    rows = []
    for f, row in zip(view.figures, _figure_rows(view), strict=True):
        cells = [f'<td class="num">{_e(row[0])}</td>', f'<td class="num">{_e(row[1])}</td>',
                 f'<td class="num">{_e(row[2])}</td>', f"<td>{_e(row[3])}</td>",
                 _status_cell(f.transformed_status), f'<td class="num">{_e(row[5])}</td>',
                 f'<td class="num">{_e(row[6])}</td>', f"<td>{_e(row[7])}</td>", _status_cell(f.no_relapse_status),
                 f'<td class="muted">{_e(row[9])}<br>{_e(_details(f))}</td>']
        rows.append("<tr>" + "".join(cells) + "</tr>")
    figures = "".join(rows)
    head = "".join(f"<th>{_e(h)}</th>" for h in _figure_headers(view))
    grid_head = "".join(f"<th>{_e(h)}</th>" for h in (_("Mã xã"), _("Tên"), *map(str, view.years)))
    grid = "".join(
        f"<tr><td>{_e(p.code)}</td><td>{_e(p.name)}</td>" + "".join(
            f'<td class="c {_cell_class(c)}" title="{_e(cell_words(c))}">{_e(cell_mark(c))}</td>' for c in p.cells)
        + "</tr>" for p in view.paths)
    quiet = _("{count} xã khác có số liệu nhưng không có sự kiện nào.").format(count=view.quiet) if view.quiet else ""
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{language()}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="chuyenhoa {_e(version)}">',
        f"<title>{_e(title)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{_e(title)}</h1>",
        f'<p class="muted">{_e(_("Kho lịch sử: {store}").format(store=view.store))}. {_e(_goal_sources(view))}</p>',
        f"<h2>{_e(_('Kết quả của chương trình qua các năm'))}</h2>",
        f"<figure>{chart(view)}</figure>",
        f"<table><thead><tr>{head}</tr></thead><tbody>{figures}</tbody></table>",
        f"<h2>{_e(_('Từng xã qua các năm'))}</h2>",
        f'<p class="muted">{_e(legend())}</p>',
        f"<table><thead><tr>{grid_head}</tr></thead><tbody>{grid}</tbody></table>" if view.paths else "",
        f'<p class="muted">{_e(quiet)}</p>' if quiet else "",
        f'<footer class="muted">{_e(_("Tạo bởi chuyenhoa {version}").format(version=version))}</footer>',
        "</body></html>",
    ]
    return "\n".join(p for p in parts if p)


def _status_cell(status: Status) -> str:
    return f'<td><span class="status {_STATUS_CLASS[status]}">{_e(status_label(status))}</span></td>'


def _details(f: YearFigures) -> str:
    note = figure_note(f)
    return f"{f.transformed_share.detail}; {f.no_relapse_share.detail}" + (f"; {note}" if note else "")


# --- history show: the workbook ----------------------------------------------------------------------------


def write_view_xlsx(view: HistoryView, output: str | Path, *, inputs: Iterable[str | Path | None] = ()) -> Path:
    """Two sheets, the yearly figures and the communes' paths (each cell's words as a comment), whole or not at all."""
    import xlsxwriter  # only when a workbook is asked for

    target = Path(output)
    with atomic_file(target, inputs=inputs) as temporary:
        book = xlsxwriter.Workbook(str(temporary))
        bold = book.add_format({"bold": True, "font_size": 13})
        header = book.add_format({"bold": True, "text_wrap": True, "valign": "top", "border": 1,
                                  "bg_color": "#DDEBF7"})
        tones = {"met": book.add_format({"bg_color": "#C6EFCE", "font_color": "#006100", "align": "center"}),
                 "notmet": book.add_format({"bg_color": "#FFC7CE", "font_color": "#9C0006", "align": "center"}),
                 "na": book.add_format({"bg_color": "#EEEEEE", "align": "center"}),
                 "relapsed": book.add_format({"bg_color": "#FFC7CE", "bold": True, "align": "center"}),
                 "held": book.add_format({"bg_color": "#E8F5E9", "align": "center"}),
                 "": book.add_format({"align": "center"})}
        status_tone = {Status.MET: tones["met"], Status.NOT_MET: tones["notmet"], Status.NOT_ASSESSABLE: tones["na"]}
        percent_format = book.add_format({"num_format": "0.0"})
        sheet = book.add_worksheet(_("Tổng hợp")[:31])
        sheet.write_string(0, 0, _title(view), bold)
        sheet.write_string(1, 0, _goal_sources(view))
        headers = [_("Năm"), _("Địa bàn"), _("Chuyển hóa"), _("Chưa đánh giá được"), _("Tỷ lệ chuyển hóa (%)"),
                   _goal_words(view.transformed_goal), _("Đã chuyển hóa trước"), _("Không tái phức tạp"),
                   _("Tái phức tạp"), _("Tỷ lệ không tái phức tạp (%)"), _goal_words(view.no_relapse_goal),
                   _("Chi tiết")]
        for col, text in enumerate(headers):
            sheet.write_string(3, col, text, header)
        for row, f in enumerate(view.figures, start=4):
            values: list[object] = [f.year, f.hotspots, f.transformed, f.not_assessable, f.transformed_share.low,
                                    None, f.earlier, f.stayed, f.relapsed, f.no_relapse_share.low, None,
                                    _details(f)]
            for col, value in enumerate(values):
                if isinstance(value, float):
                    sheet.write_number(row, col, value, percent_format)
                elif isinstance(value, int):
                    sheet.write_number(row, col, value)
                elif isinstance(value, str):
                    sheet.write_string(row, col, value)
            sheet.write_string(row, 5, status_label(f.transformed_status), status_tone[f.transformed_status])
            sheet.write_string(row, 10, status_label(f.no_relapse_status), status_tone[f.no_relapse_status])
        sheet.set_column(0, 10, 14)
        sheet.set_column(11, 11, 70)
        sheet.freeze_panes(4, 1)
        paths = book.add_worksheet(_("Từng xã")[:31])
        paths.write_string(0, 0, legend())
        for col, text in enumerate((_("Mã xã"), _("Tên"), *map(str, view.years))):
            paths.write_string(2, col, text, header)
        for row, p in enumerate(view.paths, start=3):
            paths.write_string(row, 0, p.code)
            paths.write_string(row, 1, p.name or "")
            for col, cell in enumerate(p.cells, start=2):
                paths.write_string(row, col, cell_mark(cell), tones[_cell_class(cell)])
                if cell.present or cell.followed:
                    paths.write_comment(row, col, cell_words(cell))
        paths.set_column(0, 0, 9)
        paths.set_column(1, 1, 26)
        paths.set_column(2, 2 + len(view.years), 11)
        paths.freeze_panes(3, 2)
        book.close()
    return target


# --- history export ----------------------------------------------------------------------------------------


def _text(value: object, yes: str, no: str) -> str:
    """A value as the reader reads it back to the same value: flags in words, decimals exactly (``repr``)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return yes if value else no
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def _csv(headers: Sequence[str], rows: Iterable[Sequence[object]], yes: str, no: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([_text(v, yes, no) for v in row])
    return "\ufeff" + buffer.getvalue()  # Excel opens UTF-8 with a BOM as UTF-8


def export_texts(stored: Sequence[StoredYear]) -> dict[str, str]:
    """The current version of each year as the two CSV files ``evaluate --data`` / ``--province-data`` read.

    Columns are ids (INDICATORS.md), in the order the files recorded them; a
    value reads back as exactly the value stored, so exporting and importing
    again changes nothing.  ``province.csv`` is left out when no year has a
    province row.
    """
    from chuyenhoa.output.template.layout import flag_words

    yes, no = flag_words()
    columns = list(dict.fromkeys(c for s in stored for c in s.communes_columns))
    if "commune_name" in columns:  # beside the code, as a person reads a row
        columns.remove("commune_name")
        columns.insert(0, "commune_name")
    headers = ["commune_code", *columns[:1], "year", *columns[1:]] if columns[:1] == ["commune_name"] else \
        ["commune_code", "year", *columns]
    rows = [[code if h == "commune_code" else s.year if h == "year" else values.get(h) for h in headers]
            for s in stored for code, values in sorted(s.communes.items())]
    texts = {"communes.csv": _csv(headers, rows, yes, no)}
    provinces = [s for s in stored if s.has_province]
    if provinces:
        names = list(dict.fromkeys(c for s in provinces for c in s.province_columns))
        lines = [(s.year, code, values) for s in provinces
                 for code, values in ([(None, s.province)] if s.province is not None else [])
                 + list(s.provinces.items())]
        named = any(code is not None for _year, code, _values in lines)  # rows of merged provinces, by code
        texts["province.csv"] = _csv(["year", *(["province_code"] if named else []), *names],
                                     [(year, *([code] if named else []), *(values.get(c) for c in names))
                                      for year, code, values in lines], yes, no)
    return texts


def write_export(stored: Sequence[StoredYear], output: str | Path, *,
                 inputs: Iterable[str | Path | None] = ()) -> list[Path]:
    """Write :func:`export_texts` into the folder ``output`` (created if needed), all files or none."""
    texts = export_texts(stored)
    with atomic_folder(output, texts, inputs=inputs) as folder:
        for name, text in texts.items():
            (folder / name).write_text(text, encoding="utf-8", newline="")
    return [Path(output) / name for name in texts]
