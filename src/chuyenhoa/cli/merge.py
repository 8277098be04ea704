"""``chuyenhoa merge``: the filled parts of a split template, gathered back into one workbook.

The district or provincial police collect the files ``chuyenhoa template --by``
wrote and the units filled, and get one template-shaped workbook of the whole
province, for ``evaluate --data``.  Files and folders are accepted alike:
Windows shells do not expand ``*.xlsx``, so a person names the folder.  The
province and year come from the files' own properties, or from ``--province``
and ``--year`` for files that lost them.  The merging is in
:mod:`chuyenhoa.output.template.merge`; this module imports only typer and the
base at import time, like every command.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from chuyenhoa.cli.commands import SUMMARIES
from chuyenhoa.cli.common import fail
from chuyenhoa.i18n import N_, _

__all__ = ["HELP", "merge"]

HELP = SUMMARIES["merge"]


def merge(
    files: Annotated[list[Path], typer.Argument(help=N_("Các tệp .xlsx/.ods đã điền, hoặc thư mục chứa chúng"),
                                                show_default=False)],
    output: Annotated[Path | None, typer.Option("--output", "-o", help=N_("Tệp .xlsx gộp sẽ ghi (mặc định: "
                                                "mau-nhap-lieu-<tỉnh>-<năm>.xlsx)"))] = None,
    province: Annotated[str | None, typer.Option("--province", "-p", help=N_("Mã gói tỉnh, khi các tệp không tự "
                                                 "ghi tỉnh của mình"))] = None,
    year: Annotated[int | None, typer.Option("--year", "-y", help=N_("Năm số liệu, khi các tệp không tự ghi năm "
                                             "của mình"))] = None,
    force: Annotated[bool, typer.Option("--force", help=N_("Ghi đè tệp đã có"))] = False,
) -> None:
    """Gộp các tệp nhập liệu của từng đơn vị thành một bảng tính của cả tỉnh."""
    from chuyenhoa.errors import ChuyenhoaError
    from chuyenhoa.method.plan import method_of
    from chuyenhoa.output.template.merge import collect_files, merge_parts, template_of
    from chuyenhoa.output.template.workbook import build_layout, default_output, save_template
    from chuyenhoa.plugins.host import get_host
    from chuyenhoa.reading.properties import read_template_info

    try:
        found = collect_files(files, exclude=(output,) if output is not None else ())
        host = get_host()
        wanted = host.province(province).slug if province is not None else None
        slug, chosen_year = template_of({path: read_template_info(path) for path in found}, province=wanted,
                                        year=year)
        target = output if output is not None else default_output(slug, chosen_year)
        found = collect_files(files, exclude=(target,))  # a merged file of an earlier run, in the folder, is no part
        spec = host.province(slug)
        plan = spec.plan_for(chosen_year)
        layout = build_layout(spec, plan, method_of(host, spec, plan, chosen_year))
        result = merge_parts(layout, found, extra_indicators=spec.indicators)
        path = save_template(result.layout, target, inputs=found, overwrite=force)
    except ChuyenhoaError as exc:
        raise fail(str(exc)) from None
    for warning in (*layout.warnings, *result.warnings):
        typer.echo(_("Cảnh báo: {warning}").format(warning=warning), err=True)
    year_shown = result.layout.year
    for unit in result.missing:
        if unit.kind == "province":
            text = _("số liệu toàn tỉnh (sheet province): chưa có tệp nào") if unit.no_file else \
                _("số liệu toàn tỉnh (sheet province): dòng năm {year} còn trống").format(year=year_shown)
        elif unit.no_file:
            text = _("{unit} ({code}): chưa có tệp nào").format(unit=unit.name, code=unit.code)
        elif unit.empty == unit.communes:
            text = _("{unit} ({code}): chưa nhập số liệu năm {year}").format(unit=unit.name, code=unit.code,
                                                                             year=year_shown)
        else:
            text = _("{unit} ({code}): {empty}/{communes} xã chưa nhập số liệu năm {year}").format(
                unit=unit.name, code=unit.code, empty=unit.empty, communes=unit.communes, year=year_shown)
        typer.echo(_("Còn thiếu: {what}").format(what=text), err=True)
    typer.echo(_("Đã ghi {path}: gộp {files} tệp, {cells} ô có số liệu; {missing}").format(
        path=path, files=len(result.files), cells=result.cells,
        missing=_("còn thiếu {count} đơn vị (xem trên)").format(count=len(result.missing)) if result.missing
        else _("đủ mọi đơn vị")) + (_(", dữ liệu năm trước GIẢ LẬP") if result.layout.synthetic else ""), err=True)
