"""``chuyenhoa template``: the data-entry workbook of a province's plan for a year.

:mod:`chuyenhoa.cli.app` registers :func:`template` as a command; this module
imports only typer and the base at import time, so ``chuyenhoa --help`` and the
other commands do not load the writer, the plugins or XlsxWriter.  The command
resolves the plan and the hotspot indicators its province's hooks give
(:func:`chuyenhoa.method.plan.hotspot_indicators`) and hands them to the writer,
which looks nothing up.  With ``--by district|commune`` it writes one workbook per
unit into a folder instead (:mod:`chuyenhoa.output.template.split`), for the
police of each unit to fill and ``chuyenhoa merge`` to gather.  With ``--nominees`` it
writes the nominee workbook alone (the ``nominees`` sheet with its validation), for
the bodies that propose awards, which ``chuyenhoa awards --nominees`` reads back.  The help is
marked with ``N_``: the command group shows it in the language chosen.
"""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated

import typer

from chuyenhoa.cli.commands import SUMMARIES
from chuyenhoa.cli.common import fail
from chuyenhoa.i18n import N_, _

__all__ = ["HELP", "template"]



class Split(str, enum.Enum):
    """``--by``: the unit each workbook of a split template is for."""

    district = "district"
    commune = "commune"


HELP = SUMMARIES["template"]


def template(
    province: Annotated[str, typer.Option("--province", "-p", help=N_("Mã gói tỉnh, ví dụ tayninh"))],
    year: Annotated[int | None, typer.Option("--year", "-y", help=N_("Năm cần nhập số liệu (mặc định: năm mới nhất "
                                                                    "của kế hoạch)"))] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help=N_("Tệp .xlsx sẽ ghi (mặc định: "
                                                "mau-nhap-lieu-<tỉnh>-<năm>.xlsx); với --by: thư mục sẽ ghi các "
                                                "tệp (mặc định: mau-nhap-lieu-<tỉnh>-<năm>)"))] = None,
    previous: Annotated[str | None, typer.Option("--from", help=N_("Số liệu năm trước để điền sẵn: tệp CSV bảng "
                                                 "communes, bảng tính .xlsx/.ods, hoặc 'sample' (dữ liệu mẫu giả "
                                                 "lập của gói)"))] = None,
    previous_province: Annotated[Path | None, typer.Option("--from-province", help=N_("Bảng province (CSV) năm "
                                                           "trước, đi cùng --from"))] = None,
    force: Annotated[bool, typer.Option("--force", help=N_("Ghi đè tệp đã có"))] = False,
    by: Annotated[Split | None, typer.Option("--by", help=N_("Mỗi huyện (district) hoặc mỗi xã (commune) một tệp, chỉ "
                                             "gồm các dòng của đơn vị đó, cùng một tệp số liệu toàn tỉnh; gộp lại "
                                             "bằng chuyenhoa merge"))] = None,
    nominees: Annotated[bool, typer.Option("--nominees", help=N_("Chỉ ghi bảng đề nghị khen thưởng (sheet nominees, "
                                           "có kiểm tra ô), cho các cơ quan, đơn vị lập danh sách đề nghị; đọc lại "
                                           "bằng chuyenhoa awards --nominees"))] = False,
) -> None:
    """Mẫu bảng tính nhập số liệu cho công an xã, tỉnh: mỗi xã một dòng, có hướng dẫn và kiểm tra ô."""
    from chuyenhoa.errors import ChuyenhoaError
    from chuyenhoa.method.plan import method_of
    from chuyenhoa.output.template.workbook import build_layout, save_template
    from chuyenhoa.plugins.host import get_host

    if nominees and (by is not None or previous is not None or previous_province is not None):
        raise fail(_("--nominees ghi riêng bảng đề nghị khen thưởng: không dùng cùng --by, --from, --from-province"))
    try:
        host = get_host()
        spec = host.province(province, year=year)
        plan = spec.plan_for(year)
        if nominees:
            from chuyenhoa.output.template.workbook import build_nominee_layout

            layout = build_nominee_layout(spec, plan, method_of(host, spec, plan, year))
            path = save_template(layout, output, overwrite=force)
            for warning in layout.warnings:
                typer.echo(_("Cảnh báo: {warning}").format(warning=warning), err=True)
            typer.echo(_("Đã ghi {path}: bảng đề nghị khen thưởng (sheet nominees, {rows} dòng có kiểm tra ô), năm "
                         "{year} (kế hoạch {plan})").format(path=path, rows=layout.sheets[0].blank_rows,
                                                            year=layout.year, plan=plan.id), err=True)
            return
        layout = build_layout(spec, plan, method_of(host, spec, plan, year), previous=previous,
                              previous_province=previous_province)
        if by is not None:
            from chuyenhoa.output.template.split import save_parts

            folder, parts = save_parts(layout, by.value, output, inputs=(previous, previous_province),
                                       overwrite=force)
        else:
            path = save_template(layout, output, inputs=(previous, previous_province), overwrite=force)
    except ChuyenhoaError as exc:
        raise fail(str(exc)) from None
    for warning in layout.warnings:
        typer.echo(_("Cảnh báo: {warning}").format(warning=warning), err=True)
    if by is not None:
        units = sum(part.part is not None and part.part.kind != "province" for part in parts)
        typer.echo(_("Đã ghi {files} tệp vào thư mục {folder}: {units} {kind}, mỗi đơn vị một tệp chỉ gồm các dòng "
                     "của mình, và một tệp số liệu toàn tỉnh; năm {year} (kế hoạch {plan})").format(
            files=len(parts), folder=folder, units=units, kind=_("huyện") if by is Split.district else _("xã"),
            year=layout.year, plan=layout.plan.id) + (_(", dữ liệu năm trước GIẢ LẬP") if layout.synthetic else ""),
            err=True)
        return
    communes = next(s for s in layout.sheets if s.name == "communes")
    typer.echo(_("Đã ghi {path}: {communes} xã, {columns} cột, năm {year} (kế hoạch {plan})").format(
        path=path, communes=len(layout.geography.communes), columns=len(communes.columns), year=layout.year,
        plan=layout.plan.id) + (_(", dữ liệu năm trước GIẢ LẬP") if layout.synthetic else ""), err=True)
