"""The HTML report: one self-contained page with the charts and, beneath them, every table and clause.

One file that opens in any browser and prints on A4: the styles are inline, the
charts are SVG drawn now (:mod:`chuyenhoa.output.reports.charts`), and the page loads
nothing, neither script nor font nor image, so it works offline and leaks
nothing when opened.  Every piece of text from the plan, the data or the user
goes through :func:`html.escape`.  The page presents the
:class:`~chuyenhoa.method.result.Result`; it never reaches a verdict of its own.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

from chuyenhoa.i18n import _, _c, language, translate
from chuyenhoa.method.hotspots import HotspotResult
from chuyenhoa.method.result import Result
from chuyenhoa.method.targets import TargetResult
from chuyenhoa.model import Status
from chuyenhoa.output.reports import charts
from chuyenhoa.output.reports._format import actual_text, date_vi, lead_of, threshold_text, when_text
from chuyenhoa.output.words import (
    COMPARATOR_SIGN,
    all_notes,
    cap_sentence,
    cap_word,
    data_words,
    geography_words,
    hotspot_share,
    leave_clause,
    list_words,
    milestone_label,
    number,
    percent,
    plan_reference,
    share_words,
    status_label,
    synthetic_banner,
    verdict_label,
)

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
footer ul { margin: .2em 0 0; padding-left: 1.2em; }
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
    return f'<span class="status {STATUS_CLASS[status]}">{e(status_label(status))}</span>'


def _verdict(h: HotspotResult) -> str:
    return f'<span class="status {STATUS_CLASS[h.verdict]}">{e(verdict_label(h.verdict))}</span>'


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
        out += f'<br><span class="reading">{e(_("Cách đọc: {reading}").format(reading=translate(reading)))}</span>'
    return out


def render_html(result: Result) -> str:
    """The whole report page as one string, in the current language (its ``lang`` attribute says which)."""
    plan = result.plan
    title = _("Báo cáo kết quả công tác chuyển hóa địa bàn trọng điểm, phức tạp về trật tự, an toàn xã hội năm "
              "{year} — {province}").format(year=result.year, province=result.province.name)
    banner = f'<div class="banner" role="alert">{e(synthetic_banner())}</div>' if result.data.synthetic else ""
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{language()}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta name="generator" content="chuyenhoa {e(result.version)}">',
        f"<title>{e(_('[DỮ LIỆU MẪU GIẢ LẬP]')) + ' ' if result.data.synthetic else ''}{e(title)}</title>",
        f"<style>{CSS}</style></head><body>",
        banner,
        "<header>",
        f"<h1>{e(title)}</h1>",
        f'<p class="plan"><b>{e(plan_reference(plan))}</b>: {e(plan.title)}</p>',
        _meta(result),
        _cards(result),
        "</header>",
        _warnings(result),
        _selection(result),
        _hotspots(result),
        _targets(result),
        _timeline(result),
        _notes(result),
        _technical(result),
        banner,
        "</body></html>",
    ]
    return "\n".join(p for p in parts if p) + "\n"


def _technical(result: Result) -> str:
    """The closing technical note: where the tool and its list of units came from, for whoever checks the
    page, kept out of the body a committee reads (there, the list is named by its date and the data by
    the file's name)."""
    data = result.data
    items = [
        _("Tạo bởi chuyenhoa {version} từ kết quả đánh giá; mọi kết luận kèm điều khoản của văn bản làm căn cứ.")
        .format(version=result.version),
        _("Danh mục đơn vị hành chính: {source} (bản ngày {date}).").format(
            source=data.geography, date=date_vi(data.geography_as_of)),
    ]
    return (f'<footer class="technical"><b>{e(_("Ghi chú kỹ thuật"))}</b><ul>'
            + "".join(f"<li>{e(item)}</li>" for item in items) + "</ul></footer>")


def _meta(result: Result) -> str:
    data = result.data
    source = data_words(data)
    rows = [
        (_("Tỉnh"), _("{province} (mã {code})").format(province=result.province.name, code=result.province.code)),
        (_("Năm đánh giá"), str(result.year)),
        (_("Thời gian kế hoạch"), f"{date_vi(result.plan.period.start)} – {date_vi(result.plan.period.end)}"),
        (_("Mốc thời gian tính đến ngày"), date_vi(result.as_of)),
        (_("Nguồn dữ liệu"), source + (" — " + _("SỐ LIỆU GIẢ LẬP, KHÔNG PHẢI SỐ LIỆU THẬT")
                                       if data.synthetic and data.source != "sample" else "")),
    ]
    if data.description:
        rows.append((_("Mô tả dữ liệu"), data.description))
    rows.append((_("Đơn vị hành chính"), geography_words(data)))
    rows.append((_("Năm có số liệu"), ", ".join(str(y) for y in data.years) or "—"))
    return '<dl class="meta">' + "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in rows) + "</dl>"


def _cards(result: Result) -> str:
    share = result.transformed_share
    goal = charts.goal_of(result, "transformed_share")
    counts = result.targets_by_status()
    cards = [
        (STATUS_CLASS[goal.status] if goal else "na", _("Địa bàn chuyển hóa thành công"),
         f"{result.transformed}/{len(result.hotspots)}" + (f" ({percent(share)})" if share is not None else ""),
         _("mục tiêu {sign} {threshold}%: {status}").format(sign=COMPARATOR_SIGN[goal.comparator],
                                                           threshold=number(goal.threshold),
                                                           status=status_label(goal.status))
         if goal else ""),
        ("na", _("Chưa đánh giá được"), str(result.not_assessable_hotspots), _("địa bàn thiếu số liệu")),
        ("met" if not counts[Status.NOT_MET] else "notmet", _("Chỉ tiêu của kế hoạch"),
         _("{met} đạt / {total}").format(met=counts[Status.MET], total=len(result.targets)),
         _("{not_met} không đạt, {not_assessable} chưa đánh giá được").format(
             not_met=counts[Status.NOT_MET], not_assessable=counts[Status.NOT_ASSESSABLE])),
        ("met" if result.selection.within_caps else "notmet", _("Lựa chọn địa bàn"),
         cap_word(result.selection.within_caps),
         _("{count} địa bàn; {source}").format(count=len(result.selection.hotspots),
                                               source=result.selection.policy.source)),
    ]
    return '<div class="cards">' + "".join(
        f'<div class="card {cls}">{e(label)}<b>{e(value)}</b><span class="muted">{e(note)}</span></div>'
        for cls, label, value, note in cards) + "</div>"


def _warnings(result: Result) -> str:
    items = [*result.warnings, *result.selection.findings]
    if not items:
        return ""
    return (f'<section><h2>{e(_("Cảnh báo"))}</h2><ul class="notes warning">'
            + "".join(f"<li>{e(w)}</li>" for w in items) + "</ul></section>")


def _selection(result: Result) -> str:
    selection = result.selection
    how = list_words(selection.proposed) + (" — " + _("để Ban Chỉ đạo xem xét, không phải quyết định")
                                            if selection.proposed else "")
    policy = selection.policy
    within, over = e(cap_word(True)), e(cap_word(False))
    whole_province = f" <span class='muted'>{e(_('(cả tỉnh)'))}</span>"
    rows = [(e(c.unit_name) + ("" if c.scope.value == "district" else whole_province),
             str(c.communes), str(c.strict_cap), str(c.cap), str(c.selected),
             f'<span class="status {"met" if c.within_cap else "notmet"}">{within if c.within_cap else over}</span>',
             _clause(c.source) + (f'<br><span class="reading">{e(c.note)}</span>' if c.note else ""))
            for c in selection.caps]
    out = [
        f"<section><h2>{e(_('1. Lựa chọn địa bàn trọng điểm, phức tạp'))}</h2>",
        "<p>" + e(_("Nguồn danh sách: {how}. Trần: {cap}.").format(how=how, cap=cap_sentence(policy))) + "</p>",
        f"<p class='reading'>{e(translate(policy.source.reading))}</p>" if policy.source.reading else "",
        f"<figure><figcaption>{e(_('Hình 1. Số địa bàn được chọn của từng đơn vị so với trần'))}</figcaption>",
        charts.caps_chart(result), "</figure>",
        _table([_("Đơn vị"), _("Số xã"), _("Trần 15% (nghiêm ngặt)"), _("Trần áp dụng"), _("Đã chọn"), _("Kết quả"),
                _("Căn cứ")], rows, numeric=(1, 2, 3, 4)),
    ]
    if selection.excluded_transformed:
        listed = ", ".join(f"{c} ({y})" for c, y in sorted(selection.excluded_transformed.items()))
        out.append("<p>" + _("Đã chuyển hóa thành công, đưa khỏi diện chuyển hóa ({source}): {listed}").format(
            source=_clause(leave_clause(selection.policy)), listed=e(listed)) + "</p>")
    if selection.proposed:
        out.append("<p class='reading'>" + e(_("Cách chấm điểm: {description}").format(
            description=selection.scorer_description)) + "</p>")
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
        share = hotspot_share(h)  # a range while indicators without data leave the rule's share open
        reasons = "; ".join(h.reasons) or _("đạt đủ điều kiện")
        rows.append((str(n), f"{e(h.commune_name)}<br><span class='muted'>{e(h.commune_code)}</span>",
                     e(h.district_name or "—"), f"{h.met}/{h.assessed}", str(h.missing), e(share),
                     _verdict(h), f"{e(reasons)}<br>{_clause(rule.source)}"))
    detail = "".join(_detail_rows(h) for h in hotspots)
    transformed_share = result.transformed_share
    summary = (_("Tổng: {transformed}/{hotspots} địa bàn chuyển hóa thành công").format(
        transformed=result.transformed, hotspots=len(hotspots))
               + (f" ({percent(transformed_share)})" if transformed_share is not None else "")
               + (_(", {count} chưa đánh giá được").format(count=result.not_assessable_hotspots)
                  if result.not_assessable_hotspots else ""))
    goals = [(e(t.label), e(actual_text(t)), e(threshold_text(t)), _status(t.status),
              _clause(t.source, t.source.quote, t.source.reading) + (f"<br>{e(t.detail)}" if t.detail else ""))
             for t in result.programme]
    headers = [_c("indicator", "Chỉ tiêu"), _("Giá trị"), _("Ngưỡng"), _("Kết quả"), _("Căn cứ")]
    out = [
        f"<section><h2>{e(_('2. Kết quả chuyển hóa'))}</h2>",
        "<p>" + _("Quy tắc: địa bàn chuyển hóa thành công khi đạt {comparator} {share}% chỉ tiêu và đủ các điều kiện "
                  "bắt buộc ({source}).").format(comparator=e(COMPARATOR_SIGN[rule.comparator]),
                                                share=e(share_words(rule.share)), source=_clause(rule.source))
        + "</p>",
        f"<p class='reading'>{e(translate(rule.source.reading))}</p>" if rule.source.reading else "",
        "<figure><figcaption>" + e(_("Hình 2. Tỷ lệ địa bàn chuyển hóa thành công so với mục tiêu của Đề án"))
        + "</figcaption>",
        charts.transformed_chart(result), "</figure>",
        f"<figure><figcaption>{e(_('Hình 3. Kết quả từng chỉ tiêu và điều kiện theo địa bàn'))}</figcaption>",
        charts.heatmap(result), f'<ul class="legend">{legend}</ul>' if legend else "", "</figure>",
        f"<p><b>{e(summary)}</b></p>",
        _table([_("TT"), _("Địa bàn"), _("Huyện"), _("Đạt/có số liệu"), _("Thiếu"), _("Tỷ lệ"), _("Kết luận"),
                _("Lý do và căn cứ")], rows, numeric=(0, 3, 4, 5)),
        f"<h3>{e(_('Mục tiêu của Đề án (toàn quốc)'))}</h3>",
        _table([_("Mục tiêu"), _("Thực tế"), _("Ngưỡng"), _("Kết quả"), _("Căn cứ")], goals, numeric=(1,)),
        f"<h3>{e(_('Chi tiết chỉ tiêu của từng địa bàn'))}</h3>",
        "<table class='detail'><thead><tr>" + "".join(f"<th>{e(h)}</th>" for h in headers)
        + f"</tr></thead><tbody>{detail}</tbody></table>"
        if detail else f"<p class='muted'>{e(_('Không có địa bàn nào.'))}</p>",
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
    required = e(_("(điều kiện bắt buộc)"))
    rows += [f"<tr><td>{e(g.label)} <span class='muted'>{required}</span></td><td>{e(g.detail)}</td>"
             f"<td>—</td><td>{_met(g.passed)}</td><td>{_clause(g.source)}</td></tr>" for g in h.gates]
    return "".join(rows)


def _target_rows(targets: Sequence[TargetResult]) -> list[tuple[str, ...]]:
    return [(e(t.label), e(actual_text(t)), e(threshold_text(t)), _status(t.status),
             _clause(t.source, t.source.quote, t.source.reading)
             + ("<br>" + e(_("Chủ trì: {lead}").format(lead=t.lead)) if t.lead else "")
             + (f"<br><span class='muted'>{e(t.detail)}</span>" if t.detail else ""))
            for t in targets]


def _targets(result: Result) -> str:
    counts = result.targets_by_status()
    return "\n".join([
        f"<section><h2>{e(_('3. Chỉ tiêu của kế hoạch'))}</h2>",
        '<figure class="long"><figcaption>' + e(_("Hình 4. Giá trị thực tế của từng chỉ tiêu so với ngưỡng (vạch đen)"))
        + "</figcaption>",
        *charts.targets_charts(result.targets, _("Giá trị thực tế của từng chỉ tiêu so với ngưỡng")), "</figure>",
        "<p><b>" + e(_("Tổng: {met} đạt, {not_met} không đạt, {not_assessable} chưa đánh giá được.").format(
            met=counts[Status.MET], not_met=counts[Status.NOT_MET], not_assessable=counts[Status.NOT_ASSESSABLE]))
        + "</b></p>",
        _table([_("Chỉ tiêu"), _("Thực tế"), _("Ngưỡng"), _("Kết quả"), _("Căn cứ")], _target_rows(result.targets),
               numeric=(1,)),
        "</section>",
    ])


def _timeline(result: Result) -> str:
    rows = []
    for entry in result.timeline:
        m = entry.milestone
        lead, _where = lead_of(m, result.plan)
        rows.append((e(when_text(m)), e(milestone_label(entry.status)), e(m.what), e(lead or "—"), e(m.who or "—"),
                     _clause(m.source, m.source.quote)))
    body = (_table([_("Hạn"), _("Tình trạng"), _("Việc"), _("Chủ trì"), _("Thực hiện"), _("Căn cứ")], rows) if rows
            else f"<p class='muted'>{e(_('Kế hoạch không có mốc thời gian.'))}</p>")
    heading = _("4. Mốc thời gian (tính đến ngày {date})").format(date=date_vi(result.as_of))
    return f"<section><h2>{e(heading)}</h2>\n{body}\n</section>"


def _notes(result: Result) -> str:
    notes = all_notes(result)
    if not notes:
        return ""
    return (f'<section><h2>{e(_("5. Ghi chú: cách đọc văn bản đã áp dụng"))}</h2><ul class="notes">'
            + "".join(f"<li>{e(n)}</li>" for n in notes) + "</ul></section>")
