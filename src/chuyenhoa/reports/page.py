"""The HTML report: one self-contained page with the charts and, beneath them, every table and clause.

One file that opens in any browser and prints on A4: the styles are inline, the
charts are SVG drawn now (:mod:`chuyenhoa.reports.charts`), and the page loads
nothing, neither script nor font nor image, so it works offline and leaks
nothing when opened.  Every piece of text from the plan, the data or the user
goes through :func:`html.escape`.  The page presents the
:class:`~chuyenhoa.result.Result`; it never reaches a verdict of its own.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

from chuyenhoa.evaluation import HotspotResult, Status, TargetResult
from chuyenhoa.render import MILESTONE_VI, STATUS_VI, SYNTHETIC_BANNER, VERDICT_VI
from chuyenhoa.reports import charts
from chuyenhoa.reports._format import (
    COMPARATOR_SIGN,
    ROUNDING_VI,
    SCOPE_VI,
    actual_text,
    date_vi,
    lead_of,
    number,
    percent,
    threshold_text,
    when_text,
)
from chuyenhoa.result import Result

STATUS_CLASS = {Status.MET: "met", Status.NOT_MET: "notmet", Status.NOT_ASSESSABLE: "na"}

CSS = """
:root { --met: #2e7d32; --notmet: #c62828; --na: #757575; --ink: #212121; --rule: #bdbdbd; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: system-ui, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", "Liberation Sans", Arial, sans-serif;
       color: var(--ink); margin: 0 auto; max-width: 1060px; padding: 16px 24px 40px; line-height: 1.45;
       font-size: 15px; background: #fff; }
h1 { font-size: 1.45em; margin: .4em 0 .2em; }
h2 { font-size: 1.2em; margin: 1.6em 0 .5em; padding-bottom: .2em; border-bottom: 2px solid var(--ink); }
h3 { font-size: 1.05em; margin: 1.2em 0 .4em; }
.banner { background: #fff3cd; border: 3px solid #b26a00; color: #5d3a00; font-weight: bold; padding: .6em 1em;
          text-align: center; margin: .6em 0; letter-spacing: .02em; }
.plan { font-size: 1.05em; margin: 0 0 .6em; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .15em 1em; margin: .4em 0 1em; }
dl.meta dt { font-weight: bold; } dl.meta dd { margin: 0; }
.cards { display: flex; flex-wrap: wrap; gap: .6em; margin: .8em 0; }
.card { border: 1px solid var(--rule); border-left: 6px solid var(--na); padding: .4em .8em; min-width: 12em; }
.card.met { border-left-color: var(--met); } .card.notmet { border-left-color: var(--notmet); }
.card b { display: block; font-size: 1.3em; }
figure { margin: 1em 0; break-inside: avoid; page-break-inside: avoid; }
figcaption { font-weight: bold; margin-bottom: .3em; }
figure .legend { font-size: .85em; margin: .3em 0 0; padding: 0; list-style: none; columns: 2; column-gap: 2em; }
figure .legend li { break-inside: avoid; }
svg.chart { display: block; max-width: 100%; height: auto; break-inside: avoid; page-break-inside: avoid; }
figure.long { break-inside: auto; page-break-inside: auto; }
figure.long svg.chart + svg.chart { margin-top: .6em; }
table { border-collapse: collapse; width: 100%; margin: .5em 0 1em; font-size: .9em; }
th, td { border: 1px solid var(--rule); padding: .25em .45em; vertical-align: top; text-align: left; }
th { background: #f5f5f5; }
table.detail tr.group th { background: #e8e8e8; border-top: 2px solid var(--ink); break-after: avoid;
                          page-break-after: avoid; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
td.num { text-align: right; white-space: nowrap; }
.status { font-weight: bold; white-space: nowrap; }
.status.met { color: var(--met); } .status.notmet { color: var(--notmet); } .status.na { color: var(--na); }
.clause { white-space: nowrap; font-weight: 600; }
.quote { font-style: italic; color: #424242; }
.reading { color: #424242; font-size: .92em; }
.muted { color: #616161; }
ul.notes li { margin: .2em 0; }
.warning { color: #8a1c1c; }
footer { margin-top: 2em; font-size: .85em; color: #616161; border-top: 1px solid var(--rule); padding-top: .5em; }
@page { size: A4; margin: 14mm 12mm 14mm 14mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  h2, h3, figcaption { break-after: avoid; page-break-after: avoid; }
  table { font-size: 8.5pt; }
  .cards .card { min-width: 10em; }
}
"""


def e(value: object) -> str:
    """Escape anything for HTML text or a quoted attribute."""
    return html.escape("" if value is None else str(value), quote=True)


def _status(status: Status) -> str:
    return f'<span class="status {STATUS_CLASS[status]}">{e(STATUS_VI[status])}</span>'


def _verdict(h: HotspotResult) -> str:
    return f'<span class="status {STATUS_CLASS[h.verdict]}">{e(VERDICT_VI[h.verdict])}</span>'


def _met(met: bool | None) -> str:
    status = Status.NOT_ASSESSABLE if met is None else Status.MET if met else Status.NOT_MET
    return _status(status)


def _table(headers: Sequence[str], rows: Iterable[Sequence[str]], numeric: Sequence[int] = ()) -> str:
    """A table whose cells are already HTML (escaped by the caller)."""
    head = "".join(f"<th>{e(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f'<td class="num">{c}</td>' if i in numeric else f"<td>{c}</td>"
                         for i, c in enumerate(row)) + "</tr>"
        for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _clause(source: object, quote: str | None = None, reading: str | None = None) -> str:
    out = f'<span class="clause">{e(source)}</span>'
    if quote:
        out += f'<br><span class="quote">“{e(quote)}”</span>'
    if reading:
        out += f'<br><span class="reading">Cách đọc: {e(reading)}</span>'
    return out


def render_html(result: Result) -> str:
    """The whole report page as one string."""
    plan = result.plan
    title = (f"Báo cáo kết quả công tác chuyển hóa địa bàn trọng điểm, phức tạp về trật tự, an toàn xã hội "
             f"năm {result.year} — {result.province.name}")
    banner = f'<div class="banner" role="alert">{e(SYNTHETIC_BANNER)}</div>' if result.data.synthetic else ""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="vi"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="chuyenhoa {e(result.version)}">',
        f"<title>{'[DỮ LIỆU MẪU GIẢ LẬP] ' if result.data.synthetic else ''}{e(title)}</title>",
        f"<style>{CSS}</style></head><body>",
        banner,
        "<header>",
        f"<h1>{e(title)}</h1>",
        f'<p class="plan">Kế hoạch <b>{e(plan.id)}</b> ngày {e(date_vi(plan.date))} của {e(plan.issuer)}: '
        f"{e(plan.title)}</p>",
        _meta(result),
        _cards(result),
        "</header>",
        _warnings(result),
        _selection(result),
        _hotspots(result),
        _targets(result),
        _timeline(result),
        _notes(result),
        f"<footer>Tạo bởi chuyenhoa {e(result.version)} từ kết quả đánh giá; mọi kết luận kèm điều khoản "
        f"của văn bản làm căn cứ.</footer>",
        banner,
        "</body></html>",
    ]
    return "\n".join(p for p in parts if p) + "\n"


def _meta(result: Result) -> str:
    data = result.data
    source = "dữ liệu mẫu giả lập của gói tỉnh" if data.source == "sample" else data.source
    rows = [
        ("Tỉnh", f"{result.province.name} (mã {result.province.code})"),
        ("Năm đánh giá", str(result.year)),
        ("Thời gian kế hoạch", f"{date_vi(result.plan.period.start)} – {date_vi(result.plan.period.end)}"),
        ("Mốc thời gian tính đến ngày", date_vi(result.as_of)),
        ("Nguồn dữ liệu", source + (" — SỐ LIỆU GIẢ LẬP, KHÔNG PHẢI SỐ LIỆU THẬT" if data.synthetic else "")),
    ]
    if data.description:
        rows.append(("Mô tả dữ liệu", data.description))
    if data.province_source:
        rows.append(("Bảng province", data.province_source))
    rows.append(("Danh mục đơn vị hành chính", f"{data.geography} (ngày {date_vi(data.geography_as_of)})"))
    rows.append(("Năm có số liệu", ", ".join(str(y) for y in data.years) or "—"))
    return '<dl class="meta">' + "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in rows) + "</dl>"


def _cards(result: Result) -> str:
    share = result.transformed_share
    goal = charts.goal_of(result, "transformed_share")
    counts = result.targets_by_status()
    cards = [
        (STATUS_CLASS[goal.status] if goal else "na", "Địa bàn chuyển hóa thành công",
         f"{result.transformed}/{len(result.hotspots)}" + (f" ({percent(share)})" if share is not None else ""),
         f"mục tiêu {COMPARATOR_SIGN[goal.comparator]} {number(goal.threshold)}%: {STATUS_VI[goal.status]}"
         if goal else ""),
        ("na", "Chưa đánh giá được", str(result.not_assessable_hotspots), "địa bàn thiếu số liệu"),
        ("met" if not counts[Status.NOT_MET] else "notmet", "Chỉ tiêu của kế hoạch",
         f"{counts[Status.MET]} đạt / {len(result.targets)}",
         f"{counts[Status.NOT_MET]} không đạt, {counts[Status.NOT_ASSESSABLE]} chưa đánh giá được"),
        ("met" if result.selection.within_caps else "notmet", "Lựa chọn địa bàn",
         "trong trần" if result.selection.within_caps else "VƯỢT TRẦN",
         f"{len(result.selection.hotspots)} địa bàn; {result.selection.policy.source}"),
    ]
    return '<div class="cards">' + "".join(
        f'<div class="card {cls}">{e(label)}<b>{e(value)}</b><span class="muted">{e(note)}</span></div>'
        for cls, label, value, note in cards) + "</div>"


def _warnings(result: Result) -> str:
    items = [*result.warnings, *result.selection.findings]
    if not items:
        return ""
    return ('<section><h2>Cảnh báo</h2><ul class="notes warning">'
            + "".join(f"<li>{e(w)}</li>" for w in items) + "</ul></section>")


def _selection(result: Result) -> str:
    selection = result.selection
    how = ("ĐỀ XUẤT của công cụ (dữ liệu không có cột hotspot) — để Ban Chỉ đạo xem xét, không phải quyết định"
           if selection.proposed else "danh sách được phê duyệt (cột hotspot của dữ liệu)")
    policy = selection.policy
    rows = [(e(c.unit_name) + ("" if c.scope.value == "district" else " <span class='muted'>(cả tỉnh)</span>"),
             str(c.communes), str(c.strict_cap), str(c.cap), str(c.selected),
             f'<span class="status {"met" if c.within_cap else "notmet"}">'
             f'{"trong trần" if c.within_cap else "VƯỢT TRẦN"}</span>',
             _clause(c.source) + (f'<br><span class="reading">{e(c.note)}</span>' if c.note else ""))
            for c in selection.caps]
    out = [
        "<section><h2>1. Lựa chọn địa bàn trọng điểm, phức tạp</h2>",
        f"<p>Nguồn danh sách: {e(how)}. Trần: không quá {e(f'{policy.cap_share * 100:g}')}% số đơn vị hành chính "
        f"cấp xã của mỗi {e(' và của '.join(SCOPE_VI[s] for s in policy.scopes))}, {e(ROUNDING_VI[policy.rounding])}"
        f" ({_clause(policy.source)}).</p>",
        f"<p class='reading'>{e(policy.source.reading)}</p>" if policy.source.reading else "",
        '<figure><figcaption>Hình 1. Số địa bàn được chọn của từng đơn vị so với trần</figcaption>',
        charts.caps_chart(result), "</figure>",
        _table(["Đơn vị", "Số xã", "Trần 15% (nghiêm ngặt)", "Trần áp dụng", "Đã chọn", "Kết quả", "Căn cứ"],
               rows, numeric=(1, 2, 3, 4)),
    ]
    if selection.excluded_transformed:
        listed = ", ".join(f"{c} ({y})" for c, y in sorted(selection.excluded_transformed.items()))
        out.append(f"<p>Đã chuyển hóa thành công, đưa khỏi diện chuyển hóa "
                   f"({_clause('7488/KH-UBND §III.2')}): {e(listed)}</p>")
    if selection.proposed:
        out.append(f"<p class='reading'>Cách chấm điểm: {e(selection.scorer_description)}</p>")
    out.append("</section>")
    return "\n".join(p for p in out if p)


def _hotspots(result: Result) -> str:
    rule = result.success_rule
    hotspots = result.hotspots
    columns = charts.heatmap_columns(hotspots)
    legend = "".join(f"<li><b>{e(key)}</b>: {e(label)} <span class='clause'>({e(source)})</span></li>"
                     for key, _ident, label, source in columns)
    rows = []
    for n, h in enumerate(hotspots, start=1):
        share = "—" if h.share is None else percent(h.share * 100)
        reasons = "; ".join(h.reasons) or "đạt đủ điều kiện"
        rows.append((str(n), f"{e(h.commune_name)}<br><span class='muted'>{e(h.commune_code)}</span>",
                     e(h.district_name or "—"), f"{h.met}/{h.assessed}", str(h.missing), e(share),
                     _verdict(h), f"{e(reasons)}<br>{_clause(rule.source)}"))
    detail = "".join(_detail_rows(h) for h in hotspots)
    share = result.transformed_share
    summary = (f"Tổng: {result.transformed}/{len(hotspots)} địa bàn chuyển hóa thành công"
               + (f" ({percent(share)})" if share is not None else "")
               + (f", {result.not_assessable_hotspots} chưa đánh giá được" if result.not_assessable_hotspots else ""))
    goals = [(e(t.label), e(actual_text(t)), e(threshold_text(t)), _status(t.status),
              _clause(t.source, t.source.quote, t.source.reading) + (f"<br>{e(t.detail)}" if t.detail else ""))
             for t in result.programme]
    out = [
        "<section><h2>2. Kết quả chuyển hóa</h2>",
        f"<p>Quy tắc: địa bàn chuyển hóa thành công khi đạt {e(COMPARATOR_SIGN[rule.comparator])} "
        f"{e(f'{rule.share * 100:g}')}% chỉ tiêu và đủ các điều kiện bắt buộc ({_clause(rule.source)}).</p>",
        f"<p class='reading'>{e(rule.source.reading)}</p>" if rule.source.reading else "",
        "<figure><figcaption>Hình 2. Tỷ lệ địa bàn chuyển hóa thành công so với mục tiêu của Đề án</figcaption>",
        charts.transformed_chart(result), "</figure>",
        "<figure><figcaption>Hình 3. Kết quả từng chỉ tiêu và điều kiện theo địa bàn</figcaption>",
        charts.heatmap(result), f'<ul class="legend">{legend}</ul>' if legend else "", "</figure>",
        f"<p><b>{e(summary)}</b></p>",
        _table(["TT", "Địa bàn", "Huyện", "Đạt/có số liệu", "Thiếu", "Tỷ lệ", "Kết luận", "Lý do và căn cứ"],
               rows, numeric=(0, 3, 4, 5)),
        "<h3>Mục tiêu của Đề án (toàn quốc)</h3>",
        _table(["Mục tiêu", "Thực tế", "Ngưỡng", "Kết quả", "Căn cứ"], goals, numeric=(1,)),
        "<h3>Chi tiết chỉ tiêu của từng địa bàn</h3>",
        "<table class='detail'><thead><tr><th>Chỉ tiêu</th><th>Giá trị</th><th>Ngưỡng</th>"
        f"<th>Kết quả</th><th>Căn cứ</th></tr></thead><tbody>{detail}</tbody></table>"
        if detail else "<p class='muted'>Không có địa bàn nào.</p>",
        "</section>",
    ]
    return "\n".join(p for p in out if p)


def _detail_rows(h: HotspotResult) -> str:
    """A row naming the hotspot, then one row per indicator and gate, each with its clause.

    A heading row rather than a cell spanning the rows: a browser can then break the
    table between any two rows when it prints.
    """
    district = f" — {h.district_name}" if h.district_name else ""
    rows = [f'<tr class="group"><th colspan="5">{e(h.commune_name)} <span class="muted">({e(h.commune_code)})'
            f"{e(district)}</span> — {_verdict(h)}</th></tr>"]
    rows += [f"<tr><td>{e(i.label)}</td><td class='num'>{e(number(i.value))}</td>"
             f"<td>{e(f'{COMPARATOR_SIGN[i.comparator]} {number(i.threshold)}')}</td><td>{_met(i.met)}</td>"
             f"<td>{_clause(i.source)}</td></tr>" for i in h.indicators]
    rows += [f"<tr><td>{e(g.label)} <span class='muted'>(điều kiện bắt buộc)</span></td><td>{e(g.detail)}</td>"
             f"<td>—</td><td>{_met(g.passed)}</td><td>{_clause(g.source)}</td></tr>" for g in h.gates]
    return "".join(rows)


def _target_rows(targets: Sequence[TargetResult]) -> list[tuple[str, ...]]:
    return [(e(t.label), e(actual_text(t)), e(threshold_text(t)), _status(t.status),
             _clause(t.source, t.source.quote, t.source.reading)
             + (f"<br>Chủ trì: {e(t.lead)}" if t.lead else "")
             + (f"<br><span class='muted'>{e(t.detail)}</span>" if t.detail else ""))
            for t in targets]


def _targets(result: Result) -> str:
    counts = result.targets_by_status()
    return "\n".join([
        "<section><h2>3. Chỉ tiêu của kế hoạch</h2>",
        '<figure class="long"><figcaption>Hình 4. Giá trị thực tế của từng chỉ tiêu so với ngưỡng (vạch đen)'
        "</figcaption>",
        *charts.targets_charts(result.targets, "Giá trị thực tế của từng chỉ tiêu so với ngưỡng"), "</figure>",
        f"<p><b>Tổng: {counts[Status.MET]} đạt, {counts[Status.NOT_MET]} không đạt, "
        f"{counts[Status.NOT_ASSESSABLE]} chưa đánh giá được.</b></p>",
        _table(["Chỉ tiêu", "Thực tế", "Ngưỡng", "Kết quả", "Căn cứ"], _target_rows(result.targets), numeric=(1,)),
        "</section>",
    ])


def _timeline(result: Result) -> str:
    rows = []
    for entry in result.timeline:
        m = entry.milestone
        lead, _where = lead_of(m, result.plan)
        rows.append((e(when_text(m)), e(MILESTONE_VI[entry.status]), e(m.what), e(lead or "—"), e(m.who or "—"),
                     _clause(m.source, m.source.quote)))
    body = (_table(["Hạn", "Tình trạng", "Việc", "Chủ trì", "Thực hiện", "Căn cứ"], rows) if rows
            else "<p class='muted'>Kế hoạch không có mốc thời gian.</p>")
    return (f"<section><h2>4. Mốc thời gian (tính đến ngày {e(date_vi(result.as_of))})</h2>\n{body}\n</section>")


def _notes(result: Result) -> str:
    readings = [f"{t.id} ({t.source}): {t.source.reading}" for t in result.targets if t.source.reading]
    notes = [*result.notes, *readings]
    if not notes:
        return ""
    return ('<section><h2>5. Ghi chú: cách đọc văn bản đã áp dụng</h2><ul class="notes">'
            + "".join(f"<li>{e(n)}</li>" for n in notes) + "</ul></section>")
