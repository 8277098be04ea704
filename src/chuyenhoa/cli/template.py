"""``chuyenhoa template``: the data-entry workbook of a province's plan for a year.

:mod:`chuyenhoa.cli.app` registers :func:`template` as a command; this module
imports only typer and the base at import time, so ``chuyenhoa --help`` and the
other commands do not load the writer, the plugins or XlsxWriter.  The command
resolves the plan and the hotspot indicators its province's hooks give
(:func:`chuyenhoa.method.plan.hotspot_indicators`) and hands them to the writer,
which looks nothing up.  The help is marked with ``N_``: the command group shows
it in the language chosen.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from chuyenhoa.cli.common import fail
from chuyenhoa.i18n import N_, _

__all__ = ["HELP", "template"]

HELP = N_("Mẫu bảng tính nhập liệu: một dòng mỗi xã, kiểm tra dữ liệu khi nhập, hướng dẫn và căn cứ của từng chỉ số.")


def template(
    province: Annotated[str, typer.Option("--province", "-p", help=N_("Mã gói tỉnh, ví dụ tayninh"))],
    year: Annotated[int | None, typer.Option("--year", "-y", help=N_("Năm cần nhập số liệu (mặc định: năm mới nhất "
                                                                    "của kế hoạch)"))] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help=N_("Tệp .xlsx sẽ ghi (mặc định: "
                                                "mau-nhap-lieu-<tỉnh>-<năm>.xlsx)"))] = None,
    previous: Annotated[str | None, typer.Option("--from", help=N_("Số liệu năm trước để điền sẵn: tệp CSV bảng "
                                                 "communes, bảng tính .xlsx/.ods, hoặc 'sample' (dữ liệu mẫu giả "
                                                 "lập của gói)"))] = None,
    previous_province: Annotated[Path | None, typer.Option("--from-province", help=N_("Bảng province (CSV) năm "
                                                           "trước, đi cùng --from"))] = None,
    force: Annotated[bool, typer.Option("--force", help=N_("Ghi đè tệp đã có"))] = False,
) -> None:
    """Mẫu bảng tính nhập số liệu cho công an xã, tỉnh: mỗi xã một dòng, có hướng dẫn và kiểm tra ô."""
    from chuyenhoa.errors import ChuyenhoaError
    from chuyenhoa.method.plan import method_of
    from chuyenhoa.output.template.workbook import build_layout, save_template
    from chuyenhoa.plugins.host import get_host

    try:
        host = get_host()
        spec = host.province(province)
        plan = spec.plan_for(year)
        layout = build_layout(spec, plan, method_of(host, spec, plan, year), previous=previous,
                              previous_province=previous_province)
        path = save_template(layout, output, inputs=(previous, previous_province), overwrite=force)
    except ChuyenhoaError as exc:
        raise fail(str(exc)) from None
    for warning in layout.warnings:
        typer.echo(_("Cảnh báo: {warning}").format(warning=warning), err=True)
    communes = next(s for s in layout.sheets if s.name == "communes")
    typer.echo(_("Đã ghi {path}: {communes} xã, {columns} cột, năm {year} (kế hoạch {plan})").format(
        path=path, communes=len(layout.geography.communes), columns=len(communes.columns), year=layout.year,
        plan=layout.plan.id) + (_(", dữ liệu năm trước GIẢ LẬP") if layout.synthetic else ""), err=True)
