"""``chuyenhoa plan``: a plan's targets, selection cap, hotspot indicators and milestones, each with its clause.

The cap, the indicators and the success rule are those the province's hooks
give (:func:`chuyenhoa.method.plan.method_of`), so the command shows the method
an evaluation will actually apply; this module resolves them and hands them to
the output stage, which looks nothing up.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer

from chuyenhoa.cli.commands import SUMMARIES
from chuyenhoa.cli.common import FORMAT_HELP, ListFormat, ProvinceOption, YearOption, emit, fail
from chuyenhoa.errors import ChuyenhoaError
from chuyenhoa.i18n import _, _c, translate

__all__ = ["HELP", "plan"]

HELP = SUMMARIES["plan"]


def plan(
    province: ProvinceOption,
    year: YearOption = None,
    format: Annotated[ListFormat, typer.Option("--format", "-f", help=FORMAT_HELP)] = ListFormat.table,
) -> None:
    """Show a plan: targets, selection cap, hotspot indicators, milestones, each with its clause."""
    from chuyenhoa.method.plan import method_of
    from chuyenhoa.output.describe import plan_dict
    from chuyenhoa.output.text import fit_lines, render_plan, table
    from chuyenhoa.plugins.host import get_host

    try:
        host = get_host()
        spec = host.province(province, year=year)
        chosen = spec.plan_for(year)
        method = method_of(host, spec, chosen)
        if format is ListFormat.json:
            emit(json.dumps(plan_dict(spec, chosen, method), ensure_ascii=False, indent=2, default=str), None)
            return
    except ChuyenhoaError as exc:
        raise fail(str(exc)) from None
    from chuyenhoa.output.words import COMPARATOR_SIGN, cap_sentence, minimum_sentence, number, rule_sentence

    policy, indicators, rule = method.policy, method.indicators, method.rule

    def reading(source: Any) -> str:
        return "\n  " + _("Cách đọc: {reading}").format(reading=translate(source.reading)) if source.reading else ""

    minimum = minimum_sentence(policy)
    cap = cap_sentence(policy)
    policy_text = cap[:1].upper() + cap[1:] + (f"; {minimum}" if minimum else "") + reading(policy.source)
    indicator_text = table(
        [_c("indicator", "Chỉ tiêu"), _("Ngưỡng"), _("Căn cứ")],
        [(translate(i.label) if i.label else i.id, f"{COMPARATOR_SIGN[i.comparator]} {number(i.threshold)}",
          str(i.source)) for i in indicators],
    ) + "\n  " + _("Thành công khi {rule}").format(rule=rule_sentence(rule)) + reading(rule.source)
    text = render_plan(spec, chosen, policy_text, indicator_text)
    if method.warnings:  # fitted to the terminal like the rest
        text += fit_lines("\n" + _("Cảnh báo:") + "\n" + "\n".join(f"  ! {w}" for w in method.warnings)) + "\n"
    emit(text, None)
