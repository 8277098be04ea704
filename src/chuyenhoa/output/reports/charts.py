"""The four charts of the HTML report, drawn from a :class:`~chuyenhoa.method.result.Result` as inline SVG.

Each chart shows verdicts the evaluation already reached (a bar is green because
its status is MET, not because the chart compared anything) and writes the
verdict in words beside the colour, so a page printed in grey still reads.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from chuyenhoa.i18n import _
from chuyenhoa.method.hotspots import HotspotResult, IndicatorResult
from chuyenhoa.method.result import Result
from chuyenhoa.method.targets import TargetResult
from chuyenhoa.model import CapScope, Status
from chuyenhoa.output.reports._format import actual_text, is_change, is_rate
from chuyenhoa.output.reports.svg import (
    INK,
    MET,
    NEUTRAL,
    NOT_MET,
    TRACK,
    UNKNOWN,
    Svg,
    fit,
    nice_ceiling,
    text_width,
    wrap_to,
)
from chuyenhoa.output.words import (
    COMPARATOR_SIGN,
    cap_word,
    hotspot_share,
    number,
    percent,
    rounding_words,
    share_words,
    status_label,
)

WIDTH = 720
STATUS_COLOUR = {Status.MET: MET, Status.NOT_MET: NOT_MET, Status.NOT_ASSESSABLE: UNKNOWN}


def goal_of(result: Result, indicator: str) -> TargetResult | None:
    """The programme goal (7488/KH-UBND §II.1) on ``indicator``, else the plan's own target on it."""
    for t in (*result.programme, *result.targets):
        if t.indicator == indicator:
            return t
    return None


def transformed_chart(result: Result) -> str:
    """Hotspots transformed, not assessable and not transformed, as one bar of 100 %, against the goal line."""
    hotspots = result.hotspots
    svg = Svg(WIDTH, 150, _("Tỷ lệ địa bàn chuyển hóa thành công so với mục tiêu"))
    if not hotspots:
        svg.text(0, 40, _("Không có địa bàn nào được lựa chọn trong năm: không có tỷ lệ để vẽ."), size=14)
        return svg.render()
    left, right, top, height = 16, WIDTH - 22, 50, 40
    span = right - left
    groups = [
        (Status.MET, _("chuyển hóa thành công")),
        (Status.NOT_ASSESSABLE, _("chưa đánh giá được")),
        (Status.NOT_MET, _("chưa chuyển hóa")),
    ]
    total = len(hotspots)
    x = float(left)
    for status, words in groups:
        count = sum(1 for h in hotspots if h.verdict is status)
        if not count:
            continue
        width = span * count / total
        tip = _("{count}/{total} địa bàn {words} ({share})").format(count=count, total=total, words=words,
                                                                     share=percent(100 * count / total))
        svg.rect(x, top, width, height, STATUS_COLOUR[status], tip=tip, stroke="#ffffff")
        if width > 40:
            svg.text(x + width / 2, top + 26, str(count), size=16, anchor="middle", color="#ffffff", bold=True)
        x += width
    for tick in range(0, 101, 10):
        tx = left + span * tick / 100
        svg.line(tx, top + height, tx, top + height + 5)
        svg.text(tx, top + height + 18, f"{tick}%", size=11, anchor="middle")
    goal = goal_of(result, "transformed_share")
    if goal is not None and not isinstance(goal.threshold, bool):
        gx = left + span * float(goal.threshold) / 100
        svg.line(gx, top - 14, gx, top + height + 4, color=INK, width=2.5, dash=True)
        sign = COMPARATOR_SIGN[goal.comparator]
        words = _("Mục tiêu {sign} {threshold}% — kết quả: {status} ({source})").format(
            sign=sign, threshold=number(goal.threshold), status=status_label(goal.status), source=goal.source)
        tx, anchor = _beside(gx, words, 12)
        svg.text(tx, top - 18, words, size=12, anchor=anchor, bold=True)
    legend_y = 140
    lx = float(left)
    for status, words in groups:
        count = sum(1 for h in hotspots if h.verdict is status)
        svg.rect(lx, legend_y - 10, 12, 12, STATUS_COLOUR[status])
        label = f"{words}: {count}"
        svg.text(lx + 16, legend_y, label, size=12)
        lx += 16 + text_width(label, 12) + LEGEND_GAP
    return svg.render()


def _beside(x: float, words: str, size: float) -> tuple[float, str]:
    """Where a label next to a vertical line at ``x`` fits: after it, before it, or centred on the chart."""
    length = text_width(words, size, bold=True)
    if x + 4 + length <= WIDTH:
        return x + 4, "start"
    if x - 4 - length >= 0:
        return x - 4, "end"
    return WIDTH / 2, "middle"


def _target_scale(t: TargetResult) -> tuple[float, float]:
    """The axis of one target's row: symmetric around 0 for a change, 0–100 for a rate, else 0–max."""
    values = [abs(float(v)) for v in (t.actual, t.threshold) if isinstance(v, (int, float))]
    if is_change(t):
        extent = nice_ceiling(max([10.0, *values]) * 1.2)
        return -extent, extent
    if is_rate(t) and max(values, default=0) <= 100:
        return 0.0, 100.0
    return 0.0, nice_ceiling(max([1.0, *values]) * 1.1)


#: Rows in one targets chart: twelve rows fit half an A4 page, so a long plan's chart breaks between charts.
TARGET_ROWS = 12


def targets_charts(targets: Sequence[TargetResult], label: str) -> list[str]:
    """:func:`targets_chart` in pieces of :data:`TARGET_ROWS` rows, each small enough for a printed page."""
    pieces = [targets[i:i + TARGET_ROWS] for i in range(0, len(targets), TARGET_ROWS)] or [targets]
    if len(pieces) == 1:
        return [targets_chart(targets, label)]
    return [targets_chart(piece, f"{label} ({n}/{len(pieces)})") for n, piece in enumerate(pieces, start=1)]


def targets_chart(targets: Sequence[TargetResult], label: str) -> str:
    """Each target's actual value as a bar on its own axis, its threshold as a black mark, its verdict in words."""
    track_left = 0.0
    # the value beside each bar and the verdict at the end take what their words measure; the bars the rest
    values = [_value_text(t) for t in targets]
    status_room = max((text_width(status_label(t.status), 11, bold=True) for t in targets), default=0.0) + 12
    value_room = max((text_width(v, 12) for v in values), default=0.0) + 16
    track_right = max(WIDTH - status_room - value_room, 240.0)
    rows: list[tuple[TargetResult, list[str]]] = [(t, wrap_to(t.label, 12, WIDTH)) for t in targets]
    height = sum(16 * len(lines) + 38 for _t, lines in rows) + 10
    svg = Svg(WIDTH, max(height, 40), label)
    y = 14.0
    for t, lines in rows:
        for line in lines:
            svg.text(0, y, line, size=12, tip=t.label)
            y += 16
        top = y - 8
        bar_height = 16
        svg.rect(track_left, top, track_right - track_left, bar_height, TRACK)
        colour = STATUS_COLOUR[t.status]
        status_text = status_label(t.status)
        svg.text(WIDTH, top + 13, status_text, size=11, anchor="end", color=colour, bold=True,
                 tip=f"{status_text} — {t.source}")
        if isinstance(t.threshold, bool) or isinstance(t.actual, bool):
            svg.text(track_left + 6, top + 13, _("thực tế: {actual}; yêu cầu: {sign} {threshold}").format(
                actual=number(t.actual), sign=COMPARATOR_SIGN[t.comparator], threshold=number(t.threshold)), size=12)
            y += 30
            continue
        low, high = _target_scale(t)

        def at(value: float, low: float = low, high: float = high) -> float:
            """The x of ``value`` on this row's axis; values beyond it stop at its end."""
            return track_left + (min(max(value, low), high) - low) * (track_right - track_left) / (high - low)

        zero = at(0.0)
        if low < 0:
            svg.line(zero, top - 2, zero, top + bar_height + 2, color="#757575")
        if t.actual is None:
            svg.text(track_left + 6, top + 12, fit(_("không có số liệu — {detail}").format(detail=t.detail or ""), 11,
                                                    track_right - track_left - 12), size=11, color="#616161",
                     tip=t.detail or None)
        else:
            value = float(t.actual)
            start, end = sorted((zero, at(value)))
            svg.rect(start, top + 2, max(end - start, 1.5), bar_height - 4, colour,
                     tip=_("thực tế {actual}").format(actual=actual_text(t)))
        mark = at(float(t.threshold))
        svg.line(mark, top - 4, mark, top + bar_height + 4, color=INK, width=2.5)
        unit = "%" if is_rate(t) else ""
        svg.text(track_right + 8, top + 13, _value_text(t), size=12)
        svg.text(track_left, top + bar_height + 13, number(low) + (unit if low else ""), size=9, color="#757575")
        svg.text(track_right, top + bar_height + 13, number(high) + unit, size=9, anchor="end", color="#757575")
        y += 38
    return svg.render()


def _value_text(t: TargetResult) -> str:
    """"96,5% / > 90%": the value and the threshold beside a target's bar."""
    unit = "%" if is_rate(t) else ""
    return f"{actual_text(t)} / {COMPARATOR_SIGN[t.comparator]} {number(t.threshold)}{unit}"


def heatmap_columns(hotspots: Sequence[HotspotResult]) -> list[tuple[str, str, str, str]]:
    """The heat map's columns in order: (key, id, label, clause) of each indicator, then of each gate.

    The key is what the column header shows: "1", "2", … for indicators, "Đ1", "Đ2" for the
    gates (điều kiện; "G1", "G2" in English), so the legend under the chart can name each one.
    """
    indicators, gates = _columns(hotspots)
    return ([(str(n), ident, label, source) for n, (ident, (label, source)) in enumerate(indicators.items(), 1)]
            + [(_("Đ{n}").format(n=n), ident, label, source)
               for n, (ident, (label, source)) in enumerate(gates.items(), 1)])


def _columns(hotspots: Sequence[HotspotResult]) -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str]]]:
    """The indicators and the gates of the hotspots, each id with its label and clause, in order of appearance."""
    indicators: dict[str, tuple[str, str]] = {}
    gates: dict[str, tuple[str, str]] = {}
    for h in hotspots:
        for i in h.indicators:
            indicators.setdefault(i.id, (i.label, str(i.source)))
        for g in h.gates:
            gates.setdefault(g.id, (g.label, str(g.source)))
    return indicators, gates


def _cell(indicator: IndicatorResult) -> str:
    if isinstance(indicator.value, bool):
        return _("có") if indicator.value else _("không")
    return number(indicator.value, 1)


def heatmap(result: Result) -> str:
    """Hotspots (rows) by indicators and gates (columns): green met, red not met, grey no data, value written."""
    hotspots = result.hotspots
    columns = heatmap_columns(hotspots)
    first_gate = len(_columns(hotspots)[0])  # the gates come after the indicators
    name_width, verdict_width, row_height, top = 180.0, 134.0, 24.0, 30.0
    cell = (WIDTH - name_width - verdict_width) / max(len(columns), 1)
    svg = Svg(WIDTH, top + row_height * max(len(hotspots), 1) + 34, _("Kết quả từng chỉ tiêu theo địa bàn"))
    if not hotspots:
        svg.text(0, 40, _("Không có địa bàn nào được lựa chọn trong năm."), size=14)
        return svg.render()
    for n, (key, _ident, label, source) in enumerate(columns):
        svg.text(name_width + n * cell + cell / 2, top - 10, key, size=12, anchor="middle", bold=True,
                 tip=f"{label} ({source})")
    svg.text(WIDTH - verdict_width / 2, top - 10, _("Kết luận"), size=12, anchor="middle", bold=True)
    words = {Status.MET: _("Thành công"), Status.NOT_MET: _("Chưa chuyển hóa"),
             Status.NOT_ASSESSABLE: _("Chưa đánh giá")}
    gate_words = {True: _("đạt"), False: _("không"), None: "?"}
    for r, h in enumerate(hotspots):
        y = top + r * row_height
        svg.text(0, y + 16, fit(h.commune_name, 12, name_width - 8), size=12,
                 tip=f"{h.commune_name} ({h.commune_code}){', ' + h.district_name if h.district_name else ''}")
        by_id = {i.id: i for i in h.indicators}
        gates = {g.id: g for g in h.gates}
        for n, (_key, ident, label, source) in enumerate(columns):
            x = name_width + n * cell
            indicator = by_id.get(ident) if n < first_gate else None
            gate = gates.get(ident) if n >= first_gate else None
            if indicator is not None:
                met, text = indicator.met, _cell(indicator)
                tip = (f"{h.commune_name} — {label}: {text} "
                       f"({COMPARATOR_SIGN[indicator.comparator]} {number(indicator.threshold)}; {source})")
            elif gate is not None:
                met, text = gate.passed, gate_words[gate.passed]
                tip = f"{h.commune_name} — {label}: {gate.detail} ({source})"
            else:
                met, text, tip = None, "", _("{commune} — {label}: không áp dụng").format(commune=h.commune_name,
                                                                                          label=label)
            colour = UNKNOWN if met is None else MET if met else NOT_MET
            svg.rect(x + 1, y + 1, cell - 2, row_height - 2, colour, tip=tip)
            svg.text(x + cell / 2, y + 16, text if met is not None else (text or "—"), size=10.5,
                     anchor="middle", color="#ffffff")
        colour = STATUS_COLOUR[h.verdict]
        svg.rect(WIDTH - verdict_width + 4, y + 1, verdict_width - 4, row_height - 2, colour,
                 tip=f"{h.commune_name} ({hotspot_share(h)}): {'; '.join(h.reasons) or gate_words[True]} "
                     f"({result.success_rule.source})")
        svg.text(WIDTH - verdict_width / 2 + 2, y + 16, words[h.verdict], size=11.5, anchor="middle",
                 color="#ffffff", bold=True)
    legend_y = top + row_height * len(hotspots) + 24
    lx = 0.0
    for colour, legend in ((MET, gate_words[True]), (NOT_MET, _("không đạt")), (UNKNOWN, _("không có số liệu"))):
        svg.rect(lx, legend_y - 10, 12, 12, colour)
        svg.text(lx + 16, legend_y, legend, size=12)
        lx += 16 + text_width(legend, 12) + LEGEND_GAP
    keys = _("Số cột: chỉ tiêu; Đ: điều kiện bắt buộc (chú giải dưới hình)")
    if lx + text_width(keys, 12) > WIDTH:  # a line of its own when the words need it (English is longer)
        lx, legend_y = 0.0, legend_y + 20
        svg.height += 20
    svg.text(lx, legend_y, keys, size=12)
    return svg.render()


def caps_chart(result: Result) -> str:
    """Hotspots selected in each unit against its cap (and the strict 15 % cap where a minimum raised it).

    The columns are laid out by the measured width of their words (:func:`~chuyenhoa.output.reports.svg.
    text_width`): the verdict beside each bar takes the room its longest label needs, in whichever language,
    the names what is left up to a third of the chart, and the bars the rest.
    """
    caps = result.selection.caps
    size, row_height = 12.0, 26.0
    if not caps:
        svg = Svg(WIDTH, 50, _("Số địa bàn được chọn so với trần của từng đơn vị"))
        svg.text(0, 30, _("Không có đơn vị nào để tính trần."), size=14)
        return svg.render()
    names = [c.unit_name + ("" if c.scope is CapScope.DISTRICT else " " + _("(cả tỉnh)")) for c in caps]
    verdicts = [_("{selected}/{cap} ({communes} xã) — {verdict}").format(
        selected=c.selected, cap=c.cap, communes=c.communes, verdict=cap_word(c.within_cap)) for c in caps]
    right_text = max(text_width(v, size, bold=not c.within_cap) for v, c in zip(verdicts, caps, strict=True)) + 16
    name_width = min(max(text_width(n, size) for n in names) + 12, WIDTH / 3)
    name_width = max(min(name_width, WIDTH - right_text - MIN_TRACK), 60.0)  # the bars keep room to be read
    track = WIDTH - name_width - right_text
    legend = _legend_items(result)
    legend_rows = _legend_layout([width for _draw, width in legend])
    height = row_height * len(caps) + 24 + 20 * len(legend_rows)
    svg = Svg(WIDTH, height, _("Số địa bàn được chọn so với trần của từng đơn vị"))
    high = {scope: nice_ceiling(max(max(c.cap, c.selected, c.strict_cap) for c in caps if c.scope is scope) + 0.5)
            for scope in {c.scope for c in caps}}
    for r, (c, name, verdict) in enumerate(zip(caps, names, verdicts, strict=True)):
        y = r * row_height + 8
        svg.text(0, y + 14, fit(name, size, name_width - 10), size=size, tip=f"{c.unit_name} ({c.unit_code})")
        scale = track / high[c.scope]
        svg.rect(name_width, y + 2, track, 16, TRACK)
        colour = NEUTRAL if c.within_cap else NOT_MET
        svg.rect(name_width, y + 4, c.selected * scale, 12, colour,
                 tip=_("{unit}: chọn {selected}, trần {cap}, {communes} xã ({source})").format(
                     unit=c.unit_name, selected=c.selected, cap=c.cap, communes=c.communes, source=c.source))
        svg.line(name_width + c.cap * scale, y - 1, name_width + c.cap * scale, y + 21, width=2.5)
        if c.exceeds_strict_cap:
            sx = name_width + c.strict_cap * scale
            svg.line(sx, y - 1, sx, y + 21, width=1.5, dash=True)
        svg.text(WIDTH - right_text + 8, y + 14, verdict, size=size, color=INK if c.within_cap else NOT_MET,
                 bold=not c.within_cap)
    top = len(caps) * row_height + 30
    for n, row in enumerate(legend_rows):
        x = 0.0
        for index in row:
            draw, width = legend[index]
            draw(svg, x, top + 20 * n)
            x += width + LEGEND_GAP
    return svg.render()


#: The bars of :func:`caps_chart` never get narrower than this, whatever the labels take.
MIN_TRACK = 160.0
#: Space between two items of a legend.
LEGEND_GAP = 24.0


def _legend_items(result: Result) -> list[tuple[Callable[[Svg, float, float], None], float]]:
    """The legend of :func:`caps_chart`: each item's drawing at (x, baseline) and its measured width."""
    size = 12.0
    selected, applied = _("số địa bàn được chọn"), _("trần áp dụng")

    def swatch(svg: Svg, x: float, y: float) -> None:
        svg.rect(x, y - 10, 12, 12, NEUTRAL)
        svg.text(x + 16, y, selected, size=size)

    def mark(svg: Svg, x: float, y: float) -> None:
        svg.line(x + 2, y - 12, x + 2, y + 3, width=2.5)
        svg.text(x + 8, y, applied, size=size)

    items: list[tuple[Callable[[Svg, float, float], None], float]] = [
        (swatch, 16 + text_width(selected, size)), (mark, 8 + text_width(applied, size))]
    if any(c.exceeds_strict_cap for c in result.selection.caps):
        policy = result.selection.policy
        strict = _("trần nghiêm ngặt {share}% ({rounding})").format(share=share_words(policy.cap_share),
                                                                   rounding=rounding_words(policy.rounding))

        def dashed(svg: Svg, x: float, y: float) -> None:
            svg.line(x + 2, y - 12, x + 2, y + 3, width=1.5, dash=True)
            svg.text(x + 8, y, strict, size=size)

        items.append((dashed, 8 + text_width(strict, size)))
    return items


def _legend_layout(widths: Sequence[float]) -> list[list[int]]:
    """The items of a legend in rows that each fit the chart's width (item indexes, in order)."""
    rows: list[list[int]] = [[]]
    used = 0.0
    for n, width in enumerate(widths):
        if rows[-1] and used + LEGEND_GAP + width > WIDTH:
            rows.append([])
            used = 0.0
        used += (LEGEND_GAP if rows[-1] else 0) + width
        rows[-1].append(n)
    return rows
