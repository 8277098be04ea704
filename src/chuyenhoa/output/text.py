"""The plain-text tables a person reads: labels in the language chosen, the clause beside every verdict.

Plain text on purpose: it prints the same in a terminal, a log and an e-mail, and
costs nothing at start-up.  The verdict words are module constants in Vietnamese
(``STATUS_VI`` …, marked with ``N_``); :func:`status_label` and its siblings give
them in the current language (:mod:`chuyenhoa.i18n`).
"""

from __future__ import annotations

import os
import sys
import textwrap
import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING

from chuyenhoa.i18n import _, decimal, translate

if TYPE_CHECKING:
    from chuyenhoa.method.result import Result
    from chuyenhoa.method.targets import TargetResult
    from chuyenhoa.method.timeline import TimelineEntry
    from chuyenhoa.model import Plan
    from chuyenhoa.plugins.spec import ProvinceSpec

# The renderers of a result and of a plan import the verdict words (chuyenhoa.output.words, which imports the
# method's results) and the model when they run: table() alone (chuyenhoa provinces, plugins, history) needs
# neither, and importing them with this module took about 7 ms of a 0.13 s ``chuyenhoa provinces``.

#: The width a table fits when the output is not a terminal (a pipe, a file, a test): wide enough for the
#: verdict columns, narrow enough to print and to read in an e-mail.
PIPE_WIDTH = 100
#: Narrowest a wrapped column gets: a verdict word or a date still reads on two lines.
MIN_COLUMN = 6
_GAP = "  "


def terminal_width() -> int:
    """The width to fit: ``COLUMNS`` when set, else the terminal's, else :data:`PIPE_WIDTH` (a pipe or a file).

    The rule of :func:`shutil.get_terminal_size`, without importing :mod:`shutil`, which imports the
    bz2 and lzma modules as it loads: 2 to 4 ms of every command that prints a table.
    """
    try:
        columns = int(os.environ.get("COLUMNS", "0"))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return max(columns or PIPE_WIDTH, 20)


def text_width(text: str) -> int:
    """Columns a string takes on a terminal: combining marks take none, wide (East Asian) letters two."""
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(width - text_width(text), 0)


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, max(width, 1), break_long_words=True, break_on_hyphens=False) or [""]


def table(headers: Sequence[str], rows: Sequence[Sequence[object]], indent: str = "  ",
          width: int | None = None) -> str:
    """Rows under their headers, fitted to ``width`` (default: :func:`terminal_width`).

    The last column is free text (reasons, clauses, details).  When the table is wider than the terminal, that
    column moves under its row, as "Header: text" wrapped to the width; if the rest is still too wide, the
    widest columns wrap onto several lines, and columns that cannot get :data:`MIN_COLUMN` move under the row
    too, from the right.  Nothing is cut: every value is still printed, only laid out differently.
    """
    width = width or terminal_width()
    cells = [[_cell(c) for c in row] for row in rows]
    heads = [str(h) for h in headers]
    natural = [max([text_width(h)] + [text_width(r[i]) for r in cells]) for i, h in enumerate(heads)]
    kept = list(range(len(heads)))
    room = width - text_width(indent)

    def needed(columns: list[int], widths: Sequence[int]) -> int:
        return sum(widths[i] for i in columns) + len(_GAP) * (len(columns) - 1)

    if needed(kept, natural) <= room:
        return _draw(heads, cells, kept, natural, [], indent, width, free_last=True)
    under = [kept.pop()] if len(kept) > 1 else []
    while len(kept) > 1 and len(kept) * MIN_COLUMN + len(_GAP) * (len(kept) - 1) > room:
        under.insert(0, kept.pop())
    # a header wraps before a value does: "Đạt/có số liệu" over "4/5" costs a line, not a column
    content = [max([text_width(r[i]) for r in cells] + [max(map(text_width, heads[i].split()), default=0),
                                                        MIN_COLUMN]) for i in range(len(heads))]
    widths = _shrink([min(content[i], natural[i]) for i in kept], room - len(_GAP) * (len(kept) - 1))
    spare = room - len(_GAP) * (len(kept) - 1) - sum(widths)
    for n, i in enumerate(kept):  # room left over goes back to the headers it made wrap
        extra = min(max(spare, 0), natural[i] - widths[n])
        widths[n] += max(extra, 0)
        spare -= max(extra, 0)
    fitted = list(natural)
    for i, w in zip(kept, widths, strict=True):
        fitted[i] = w
    return _draw(heads, cells, kept, fitted, under, indent, width, free_last=False)


def _shrink(natural: list[int], room: int) -> list[int]:
    """Column widths within ``room``: narrow columns keep their width, the wide ones share what is left."""
    widths = list(natural)
    while sum(widths) > room:
        widest = max(widths)
        if widest <= MIN_COLUMN:
            break
        second = max([w for w in widths if w < widest], default=MIN_COLUMN)
        count = widths.count(widest)
        excess = sum(widths) - room
        target = max(widest - -(-excess // count), second, MIN_COLUMN)
        widths = [target if w == widest else w for w in widths]
    return widths


def _draw(heads: list[str], cells: list[list[str]], kept: list[int], widths: Sequence[int], under: list[int],
          indent: str, width: int, *, free_last: bool) -> str:
    """The table's lines: ``kept`` columns side by side (wrapped to ``widths``), ``under`` ones beneath each row."""
    last = kept[-1]

    def lines_of(values: Sequence[str]) -> list[str]:
        wrapped = [[values[i]] if free_last and i == last else _wrap(values[i], widths[i]) for i in kept]
        out = []
        for n in range(max(len(w) for w in wrapped)):
            parts = [w[n] if n < len(w) else "" for w in wrapped]
            out.append(indent + _GAP.join(p if i == last else _pad(p, widths[i])
                                          for p, i in zip(parts, kept, strict=True)).rstrip())
        return out

    rule = indent + _GAP.join("-" * widths[i] for i in kept)
    # what moves under a row starts beneath the second column when that leaves room to read, else a bit in
    hang = indent + " " * (widths[kept[0]] + len(_GAP) if len(kept) > 1 and width - widths[kept[0]] > 50 else 4)
    out = [*lines_of(heads), rule]
    for row in cells:
        out += lines_of(row)
        for i in under:
            if row[i] and row[i] != "—":
                out += textwrap.wrap(f"{heads[i]}: {row[i]}", max(width, text_width(hang) + 20),
                                     initial_indent=hang, subsequent_indent=hang + "  ",
                                     break_long_words=True, break_on_hyphens=False)
    return "\n".join(out)


def fit_lines(text: str, width: int | None = None) -> str:
    """Every line of ``text`` wrapped to ``width`` (default: :func:`terminal_width`), keeping its indent; a
    bulleted line ("- ", "! ") continues under its text.  Tables drawn by :func:`table` already fit."""
    width = width or terminal_width()
    out: list[str] = []
    for line in text.split("\n"):
        if text_width(line) <= width:
            out.append(line)
            continue
        lead = line[:len(line) - len(line.lstrip())]
        bullet = line.lstrip()[:2] if line.lstrip()[:2] in ("- ", "! ") else ""
        out += textwrap.wrap(line.strip(), max(width, 20), initial_indent=lead, subsequent_indent=lead
                             + " " * len(bullet), break_long_words=True, break_on_hyphens=False)
    return "\n".join(out)


def _cell(value: object) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return _("có") if value else _("không")
    if isinstance(value, float):
        return decimal(f"{value:.2f}".rstrip("0").rstrip("."))
    return str(value)


def _threshold(t: TargetResult) -> str:
    from chuyenhoa.output.words import COMPARATOR_SIGN

    unit = "%" if t.basis.value == "change_pct" else ""
    return f"{COMPARATOR_SIGN[t.comparator]} {_cell(t.threshold)}{unit}"


def _actual(t: TargetResult) -> str:
    if t.actual is None:
        return "—"
    if t.basis.value == "change_pct":
        return decimal(f"{float(t.actual):+.2f}%")
    return _cell(t.actual)


def render_result(result: Result, width: int | None = None) -> str:
    """The evaluation as the terminal shows it, every line within ``width`` (default: the terminal's)."""
    from chuyenhoa.model import Status
    from chuyenhoa.output.words import (
        COMPARATOR_SIGN,
        all_notes,
        cap_word,
        data_words,
        geography_words,
        hotspot_share,
        leave_clause,
        list_words,
        plan_reference,
        share_words,
        synthetic_banner,
        verdict_label,
    )

    width = width or terminal_width()
    plan = result.plan
    out: list[str] = []
    if result.data.synthetic:
        out += [synthetic_banner(), ""]
    out.append(_("{province} — {plan}, đánh giá năm {year}, tính đến ngày {as_of}").format(
        province=result.province.name, plan=plan_reference(plan), year=result.year,
        as_of=f"{result.as_of:%d/%m/%Y}"))
    if not plan.provincial:
        out.append(_("KHÔNG CÓ KẾ HOẠCH CỦA TỈNH cho năm {year}: áp dụng kế hoạch toàn quốc (xem Ghi chú)").format(
            year=result.year))
    out.append(_("Dữ liệu: {source}").format(source=data_words(result.data)))
    if result.data.description:
        out.append(f"         {result.data.description}")
    out.append(_("Đơn vị hành chính: {geography}").format(geography=geography_words(result.data)))
    out.append("")

    selection = result.selection
    out.append(_("1. LỰA CHỌN ĐỊA BÀN TRỌNG ĐIỂM — {how}").format(how=list_words(selection.proposed)))
    rows = [(c.unit_name, c.communes, c.cap, c.selected, cap_word(c.within_cap),
             str(c.source) + (f" — {c.note}" if c.note else "")) for c in selection.caps]
    out.append(table([_("Đơn vị"), _("Số xã"), _("Trần"), _("Đã chọn"), _("Kết quả"), _("Căn cứ")], rows,
                     width=width))
    if selection.excluded_transformed:
        listed = ", ".join(f"{c} ({y})" for c, y in sorted(selection.excluded_transformed.items()))
        out.append("  " + _("Đã chuyển hóa thành công, đưa khỏi diện chuyển hóa ({source}): {listed}")
                   .format(source=leave_clause(selection.policy), listed=listed))
    if selection.proposed:
        out.append("  " + _("Cách chấm điểm: {description}").format(description=selection.scorer_description))
    out.append("")

    rule = result.success_rule
    out.append(_("2. KẾT QUẢ CHUYỂN HÓA — quy tắc {comparator} {share}% chỉ tiêu và hai điều kiện ({source})")
               .format(comparator=COMPARATOR_SIGN[rule.comparator], share=share_words(rule.share),
                       source=rule.source))
    hotspot_rows: list[tuple[object, ...]] = []
    for h in result.hotspots:
        hotspot_rows.append((h.commune_code, h.commune_name, h.district_name or "", f"{h.met}/{h.assessed}",
                             h.missing, hotspot_share(h), verdict_label(h.verdict), "; ".join(h.reasons)))
    out.append(table([_("Mã"), _("Xã"), _("Huyện"), _("Đạt/có số liệu"), _("Thiếu"), _("Tỷ lệ"), _("Kết luận"),
                      _("Lý do")], hotspot_rows, width=width))
    share = result.transformed_share
    out.append("  " + _("Tổng: {transformed}/{hotspots} địa bàn chuyển hóa thành công").format(
        transformed=result.transformed, hotspots=len(result.hotspots))
        + (decimal(f" ({share:.1f}%)") if share is not None else "")
        + (_(", {count} chưa đánh giá được").format(count=result.not_assessable_hotspots)
           if result.not_assessable_hotspots else ""))
    out.append("")

    out.append(_("3. CHỈ TIÊU CỦA KẾ HOẠCH"))
    out.append(_targets(result.targets, width))
    counts = result.targets_by_status()
    out.append("  " + _("Tổng: {met} đạt, {not_met} không đạt, {not_assessable} chưa đánh giá được").format(
        met=counts[Status.MET], not_met=counts[Status.NOT_MET], not_assessable=counts[Status.NOT_ASSESSABLE]))
    out.append("")
    out.append(_("4. MỤC TIÊU CỦA ĐỀ ÁN (toàn quốc)"))
    out.append(_targets(result.programme, width))
    out.append("")
    out.append(_("5. MỐC THỜI GIAN (tính đến ngày {as_of})").format(as_of=f"{result.as_of:%d/%m/%Y}"))
    out.append(_timeline(result.timeline, width))
    out += ["", _("Ghi chú (cách đọc văn bản đã áp dụng):")] + [f"  - {n}" for n in all_notes(result)]
    if result.warnings:
        out += ["", _("Cảnh báo:")] + [f"  ! {w}" for w in result.warnings]
    if result.data.synthetic:
        out += ["", synthetic_banner()]
    return fit_lines("\n".join(out), width) + "\n"


def _targets(targets: Sequence[TargetResult], width: int) -> str:
    from chuyenhoa.model import Status
    from chuyenhoa.output.words import status_label

    rows = [(status_label(t.status), t.label, _actual(t), _threshold(t), str(t.source)
             + (" — " + _("chủ trì: {lead}").format(lead=t.lead) if t.lead else "")
             + (f" — {t.detail}" if t.detail and t.status is not Status.MET else "")) for t in targets]
    return table([_("Kết quả"), _("Chỉ tiêu"), _("Thực tế"), _("Ngưỡng"), _("Căn cứ")], rows, width=width)


def _no_milestones() -> str:
    return "  " + _("(kế hoạch không có mốc thời gian)")


def _timeline(entries: Sequence[TimelineEntry], width: int) -> str:
    from chuyenhoa.output.words import milestone_label

    if not entries:
        return _no_milestones()
    rows = [(f"{e.milestone.due:%d/%m/%Y}", milestone_label(e.status), str(e.milestone.source), e.milestone.what)
            for e in entries]
    return table([_("Hạn"), _("Tình trạng"), _("Căn cứ"), _("Việc")], rows, width=width)


def render_plan(spec: ProvinceSpec, plan: Plan, policy_text: str, indicator_text: str,
                width: int | None = None) -> str:
    """``chuyenhoa plan`` as text: targets by label (never by id), the cap, the indicators, milestones, duties."""
    from chuyenhoa.output.words import COMPARATOR_SIGN, plan_reference

    width = width or terminal_width()
    out = [_("{province} — {plan}").format(province=spec.name, plan=plan_reference(plan)),
           plan.title,
           _("Năm: {years}; thời gian: {start} – {end}").format(
               years=", ".join(str(y) for y in plan.years), start=f"{plan.period.start:%d/%m/%Y}",
               end=f"{plan.period.end:%d/%m/%Y}"), ""]
    if not plan.provincial:
        out[-1:] = [_("KHÔNG CÓ KẾ HOẠCH CỦA TỈNH: áp dụng kế hoạch toàn quốc (xem Ghi chú)"), ""]
    out.append(_("CHỈ TIÊU"))
    targets: list[tuple[str, ...]] = []
    for t in plan.targets:
        unit = _("% so với năm trước") if t.basis.value == "change_pct" else ""
        targets.append((translate(t.label), f"{COMPARATOR_SIGN[t.comparator]} {_cell(t.threshold)}{unit}",
                        str(t.source)))
    out.append(table([_("Chỉ tiêu"), _("Ngưỡng"), _("Căn cứ")], targets, width=width))
    out += ["", _("TRẦN LỰA CHỌN ĐỊA BÀN"), "  " + policy_text, "", _("CHỈ TIÊU CỦA MỘT ĐỊA BÀN CHUYỂN HÓA"),
            indicator_text, "", _("MỐC THỜI GIAN")]
    rows = [(f"{m.due:%d/%m/%Y}", m.what, m.who or "", str(m.source)) for m in plan.milestones]
    out.append(table([_("Hạn"), _("Việc"), _("Thực hiện"), _("Căn cứ")], rows, width=width) if rows
               else _no_milestones())
    if plan.responsibilities:
        out += ["", _("PHÂN CÔNG (chủ trì — phối hợp)")]
        rows = [(r.task, r.lead, "; ".join(r.partners), str(r.source)) for r in plan.responsibilities]
        out.append(table([_("Nhiệm vụ"), _("Chủ trì"), _("Phối hợp"), _("Căn cứ")], rows, width=width))
    if plan.notes:
        out += ["", _("Ghi chú:")] + [f"  - {n}" for n in plan.notes]
    return fit_lines("\n".join(out), width) + "\n"
