"""The tables every result format shows, built once from a :class:`~chuyenhoa.method.result.Result`.

The workbook, the CSV folder and the Markdown file differ only in how they draw
these tables, so a value, a label or a verdict cannot differ between them: a test
reads each output back and compares it with these rows, and these rows with the
result.  Verdicts are shown in the words of the plain-text table
(:mod:`chuyenhoa.output.text`), in the language in force when the report is made.
:data:`TONES` says which verdict is good news, bad news or unknown, keyed on
:class:`~chuyenhoa.model.Status` and :class:`~chuyenhoa.method.timeline.MilestoneStatus`;
:attr:`Report.tones` gives the same for the words the report shows, for the
colours and marks of each format.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import attrs

from chuyenhoa.i18n import _, _c, translate
from chuyenhoa.method.hotspots import HotspotResult
from chuyenhoa.method.result import Result
from chuyenhoa.method.targets import TargetResult
from chuyenhoa.method.timeline import MilestoneStatus
from chuyenhoa.model import Status
from chuyenhoa.output.words import (
    CAP_VI,
    COMPARATOR_SIGN,
    GATE_VI,
    MET_VI,
    STATUS_VI,
    SYNTHETIC_BANNER,
    VERDICT_VI,
    YES_NO,
    data_words,
    geography_words,
    leave_clause,
    list_words,
    method_notes,
    milestone_label,
    number,
    plan_reference,
    reading_of,
    rule_sentence,
    scope_words,
    share_words,
    status_label,
    synthetic_banner,
    target_readings,
    verdict_label,
)

__all__ = ["SYNTHETIC_BANNER", "TONES", "ExportTable", "Report", "report_of", "sheet_headers", "word_tones"]

GOOD, BAD, UNKNOWN, DUE = "good", "bad", "unknown", "due"
#: what each verdict means at a glance (the colours of the workbook, the marks of Markdown)
TONES: Mapping[Status | MilestoneStatus, str] = {
    Status.MET: GOOD,
    Status.NOT_MET: BAD,
    Status.NOT_ASSESSABLE: UNKNOWN,
    MilestoneStatus.DUE: DUE,
}


def _status_of(flag: bool | None) -> Status:
    """True, False, None (met, missed, unknown) as the verdict it is."""
    return Status.NOT_ASSESSABLE if flag is None else Status.MET if flag else Status.NOT_MET


def word_tones() -> dict[str, str]:
    """Each verdict word a report shows, in the current language, and its tone (:data:`TONES`)."""
    tones: dict[str, str] = {}
    for status in Status:
        tone = TONES[status]
        for words in (STATUS_VI, VERDICT_VI, MET_VI, GATE_VI, CAP_VI):
            if status in words:
                tones[translate(words[status])] = tone
    for milestone in MilestoneStatus:
        if milestone in TONES:
            tones[milestone_label(milestone)] = TONES[milestone]
    return tones


@attrs.frozen
class ExportTable:
    """One table: a sheet of the workbook, a file of the CSV folder, a section of the Markdown.

    ``key`` names the table's CSV file in every language; ``marked`` holds the
    columns whose words carry a tone (:attr:`Report.tones`); ``pairs`` the (value,
    met) column pairs Markdown shows in one cell, ``pair_names`` what each pair is
    (an indicator's label); ``bands`` the (first, last, title) column bands drawn
    above the headers; ``wide`` the columns of long text; ``held`` how many leading
    columns name a row (a sheet printed more than one page wide repeats them on
    every page, so a row is never followed across pages without its name; a table
    without them prints one page wide).  Headers are words, never
    column ids: the ids are the template's contract, not the reader's.  A CSV file has
    no bands, so its headers say what each column is on their own ("Tỷ lệ điều tra …:
    giá trị"); the workbook shows ``banded`` instead where a band above already names
    it ("Giá trị" under the indicator), which keeps a printed header row short.
    """

    key: str
    sheet: str
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]
    marked: frozenset[int] = frozenset()
    pairs: tuple[tuple[int, int], ...] = ()
    pair_names: tuple[str, ...] = ()
    banded: tuple[str, ...] = ()
    bands: tuple[tuple[int, int, str], ...] = ()
    wide: frozenset[int] = frozenset()
    held: int = 0


@attrs.frozen
class Report:
    """Everything a result format shows: a title, facts about the run, the tables.

    Its words are those of the language in force when :func:`report_of` made it:
    ``tones`` maps each verdict word it shows to its tone, ``banner`` is the
    synthetic-data warning in that language.
    """

    title: str
    synthetic: bool
    info: tuple[tuple[str, object], ...]
    tables: tuple[ExportTable, ...]
    tones: Mapping[str, str] = attrs.field(factory=word_tones)
    banner: str = attrs.field(factory=synthetic_banner)

    def table(self, key: str) -> ExportTable:
        return next(t for t in self.tables if t.key == key)


def sheet_headers(table: ExportTable) -> tuple[str, ...]:
    """The headers the workbook shows: ``banded`` where given, else the table's own."""
    return table.banded or table.headers


def _value(value: object) -> object:
    """A cell as people read it: yes/no in words, floats without binary noise."""
    if isinstance(value, bool):
        return translate(YES_NO[value])
    if isinstance(value, float):
        return round(value, 4)
    return value


def report_of(result: Result) -> Report:
    """The tables of ``result``, in the order the formats show them."""
    plan = result.plan
    title = _("{province} — {plan}, đánh giá năm {year}").format(
        province=result.province.name, plan=plan_reference(plan), year=result.year)
    return Report(
        title=title,
        synthetic=result.data.synthetic,
        info=_info(result),
        tables=(_targets(result), _hotspots(result), _selection(result), _milestones(result), _notes(result)),
    )


def _info(result: Result) -> tuple[tuple[str, object], ...]:
    plan, data, selection = result.plan, result.data, result.selection
    counts = result.targets_by_status()
    share = result.transformed_share
    rule = result.success_rule
    rows: list[tuple[str, object]] = [
        (_("Tỉnh"), _("{province} (mã {code})").format(province=result.province.name, code=result.province.code)),
        (_("Kế hoạch"), f"{plan_reference(plan)}: {plan.title}"),
        (_("Năm đánh giá"), result.year),
        (_("Tính đến ngày"), result.as_of),
        (_("Dữ liệu"), data_words(data) + (f" — {data.description}" if data.description else "")),
        (_("Đơn vị hành chính"), geography_words(data)),
        (_("Lựa chọn địa bàn"), list_words(selection.proposed)),
        (_("Quy tắc chuyển hóa thành công"), rule_sentence(rule)),
        (_("Số địa bàn"), len(result.hotspots)),
        (_("Chuyển hóa thành công"), result.transformed),
        (_("Chưa đánh giá được"), result.not_assessable_hotspots),
        (_("Tỷ lệ chuyển hóa thành công (%)"), None if share is None else round(share, 2)),
        (_("Chỉ tiêu của kế hoạch"), _("{met} đạt, {not_met} không đạt, {not_assessable} chưa đánh giá được").format(
            met=counts[Status.MET], not_met=counts[Status.NOT_MET], not_assessable=counts[Status.NOT_ASSESSABLE])),
        (_("Sinh bởi"), f"chuyenhoa {result.version}"),
    ]
    if selection.excluded_transformed:
        rows.append((_("Đã chuyển hóa, đưa khỏi diện chuyển hóa ({source})").format(
                         source=leave_clause(selection.policy)),
                     ", ".join(f"{c} ({y})" for c, y in sorted(selection.excluded_transformed.items()))))
    return tuple(rows)


def _target_row(t: TargetResult, kind: str, year: int) -> tuple[object, ...]:
    how = _("thay đổi % so với năm {year}").format(year=t.previous_year or year - 1) \
        if t.basis.value == "change_pct" else _("giá trị năm {year}").format(year=year)
    return (status_label(t.status), kind, t.id, t.label, _value(t.actual), t.comparator.sign, _value(t.threshold),
            how, _value(t.current), _value(t.previous), str(t.source), t.lead, t.detail or None,
            t.source.quote, reading_of(t.source))


def _targets(result: Result) -> ExportTable:
    headers = (_("Kết quả"), _("Loại"), _("Mã chỉ tiêu"), _("Chỉ tiêu"), _("Thực tế"), _("So sánh"), _("Ngưỡng"),
               _("Cách tính"), _("Năm nay"), _("Năm trước"), _("Căn cứ"), _("Chủ trì"), _("Chi tiết"),
               _("Trích văn bản"), _("Cách đọc"))
    plan_kind = _("Kế hoạch {plan}").format(plan=result.plan.id)
    rows = [_target_row(t, plan_kind, result.year) for t in result.targets]
    rows += [_target_row(t, _("Mục tiêu của Đề án"), result.year) for t in result.programme]
    return ExportTable(key="chi_tieu", sheet=_("Tổng hợp"), title=_("Chỉ tiêu của kế hoạch và mục tiêu của Đề án"),
                       headers=headers, rows=tuple(rows), marked=frozenset({0}),
                       wide=frozenset({3, 12, 13, 14}))


def _hotspots(result: Result) -> ExportTable:
    hotspots: Sequence[HotspotResult] = result.hotspots
    first = hotspots[0] if hotspots else None
    headers: list[str] = [_("Mã xã"), _("Tên xã"), _("Huyện")]
    banded: list[str] = list(headers)
    bands: list[tuple[int, int, str]] = [(0, 2, _("Địa bàn"))]
    pairs: list[tuple[int, int]] = []
    marked: set[int] = set()
    for indicator in first.indicators if first else ():
        at = len(headers)
        threshold = translate(YES_NO[indicator.threshold]) if isinstance(indicator.threshold, bool) \
            else number(indicator.threshold)
        bands.append((at, at + 1, f"{indicator.label} ({COMPARATOR_SIGN[indicator.comparator]} {threshold}; "
                                  f"{indicator.source})"))
        # named by label, as the reader knows the indicator (the id is the template's, not the results')
        headers += [_("{indicator}: giá trị").format(indicator=indicator.label),
                    _("{indicator}: đạt").format(indicator=indicator.label)]
        banded += [_("Giá trị"), _("Đạt")]
        pairs.append((at, at + 1))
        marked.add(at + 1)
    gate_at = len(headers)
    for gate in first.gates if first else ():
        headers += [gate.label, _("{gate}: chi tiết").format(gate=gate.label)]
        banded += [gate.label, _("Chi tiết")]
        marked.add(len(headers) - 2)
    if first and first.gates:
        bands.append((gate_at, len(headers) - 1, _("Điều kiện ({source})").format(source=first.gates[0].source)))
    summary_at = len(headers)
    # the share's bounds beside it: with indicators missing, the rule may judge a range, not a number
    headers += [_("Số chỉ tiêu đạt"), _("Số chỉ tiêu có số liệu"), _("Thiếu số liệu"), _("Tỷ lệ đạt (%)"),
                _("Tỷ lệ nếu chỉ tiêu thiếu đều không đạt (%)"), _("Tỷ lệ nếu chỉ tiêu thiếu đều đạt (%)"),
                _("Kết luận"), _("Lý do")]
    banded += headers[len(banded):]
    rule = result.success_rule
    bands.append((summary_at, len(headers) - 1, _("Kết luận: {comparator} {share}% chỉ tiêu và các điều kiện "
                                                  "({source})").format(comparator=COMPARATOR_SIGN[rule.comparator],
                                                                       share=share_words(rule.share),
                                                                       source=rule.source)))
    marked.add(len(headers) - 2)
    met_words = {flag: translate(MET_VI[_status_of(flag)]) for flag in (True, False, None)}
    gate_words = {flag: translate(GATE_VI[_status_of(flag)]) for flag in (True, False, None)}
    verdicts = {status: verdict_label(status) for status in Status}
    rows = []
    for h in hotspots:
        row: list[object] = [h.commune_code, h.commune_name, h.district_name]
        for indicator in h.indicators:
            row += [_value(indicator.value), met_words[indicator.met]]
        for gate in h.gates:
            row += [gate_words[gate.passed], gate.detail]
        row += [h.met, h.assessed, h.missing, *(None if x is None else round(x * 100, 2)
                                                for x in (h.share, h.share_low, h.share_high)),
                verdicts[h.verdict], "; ".join(h.reasons) or None]
        rows.append(tuple(row))
    return ExportTable(key="dia_ban", sheet=_c("sheet", "Địa bàn"),
                       title=_("Kết quả chuyển hóa các địa bàn năm {year}").format(year=result.year),
                       headers=tuple(headers), rows=tuple(rows), marked=frozenset(marked), pairs=tuple(pairs),
                       pair_names=tuple(i.label for i in first.indicators) if first else (), banded=tuple(banded),
                       bands=tuple(bands), wide=frozenset({len(headers) - 1}), held=3)


def _selection(result: Result) -> ExportTable:
    selection = result.selection
    headers = (_("Đơn vị"), _("Mã đơn vị"), _("Phạm vi"), _("Số xã"), _("Trần theo tỷ lệ"), _("Trần áp dụng"),
               _("Đã chọn"), _("Kết quả"), _("Căn cứ"), _("Ghi chú"))
    caps = {True: translate(CAP_VI[Status.MET]), False: translate(CAP_VI[Status.NOT_MET])}
    rows = tuple((c.unit_name, c.unit_code, scope_words(c.scope), c.communes, c.strict_cap,
                  c.cap, c.selected, caps[c.within_cap], str(c.source), c.note) for c in selection.caps)
    how = _("đề xuất của công cụ") if selection.proposed else _("danh sách được phê duyệt")
    return ExportTable(key="lua_chon", sheet=_("Lựa chọn"),
                       title=_("Lựa chọn địa bàn trọng điểm ({how}) và trần theo đơn vị").format(how=how),
                       headers=headers, rows=rows, marked=frozenset({7}), wide=frozenset({9}))


def _milestones(result: Result) -> ExportTable:
    headers = (_("Hạn"), _("Bắt đầu"), _("Tình trạng"), _("Còn (ngày)"), _("Việc"), _("Thực hiện"), _("Căn cứ"),
               _("Trích văn bản"))
    rows = tuple((e.milestone.due, e.milestone.start, milestone_label(e.status), e.days_left, e.milestone.what,
                  e.milestone.who, str(e.milestone.source), e.milestone.source.quote) for e in result.timeline)
    return ExportTable(key="moc_thoi_gian", sheet=_("Mốc thời gian"),
                       title=_("Mốc thời gian (tính đến ngày {date})").format(date=f"{result.as_of:%d/%m/%Y}"),
                       headers=headers, rows=rows, marked=frozenset({2}), wide=frozenset({4, 5, 7}))


def _notes(result: Result) -> ExportTable:
    rows = [(_c("kind", "Ghi chú"), note) for note in (*method_notes(result), *result.notes)]
    rows += [(_c("kind", "Cách đọc"), reading) for reading in target_readings(result)]
    rows += [(_c("kind", "Cảnh báo"), warning) for warning in result.warnings]
    return ExportTable(key="ghi_chu", sheet=_("Ghi chú"), title=_("Ghi chú, cách đọc văn bản đã áp dụng và cảnh báo"),
                       headers=(_("Loại"), _c("text", "Nội dung")), rows=tuple(rows), wide=frozenset({1}))


def date_text(value: dt.date) -> str:
    """Dates as Vietnamese documents write them (Nghị định 30/2020: 28/03/2024)."""
    return f"{value:%d/%m/%Y}"
