"""The ``chuyenhoa template`` command, kept beside the workbook it writes.

``cli.py`` registers :func:`template` as a command; this module imports only
typer at import time, so ``chuyenhoa --help`` and the other commands do not
load the writer, the plugins or XlsxWriter.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

__all__ = ["template"]


def template(
    province: Annotated[str, typer.Option("--province", "-p", help="Mã gói tỉnh, ví dụ tayninh")],
    year: Annotated[int | None, typer.Option("--year", "-y", help="Năm cần nhập số liệu (mặc định: năm mới nhất "
                                                                 "của kế hoạch)")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Tệp .xlsx sẽ ghi (mặc định: "
                                                "mau-nhap-lieu-<tỉnh>-<năm>.xlsx)")] = None,
    previous: Annotated[str | None, typer.Option("--from", help="Số liệu năm trước để điền sẵn: tệp CSV bảng "
                                                 "communes, bảng tính .xlsx/.ods, hoặc 'sample' (dữ liệu mẫu giả "
                                                 "lập của gói)")] = None,
    previous_province: Annotated[Path | None, typer.Option("--from-province", help="Bảng province (CSV) năm "
                                                           "trước, đi cùng --from")] = None,
    force: Annotated[bool, typer.Option("--force", help="Ghi đè tệp đã có")] = False,
) -> None:
    """Mẫu bảng tính nhập số liệu cho công an xã, tỉnh: mỗi xã một dòng, có hướng dẫn và kiểm tra ô."""
    from chuyenhoa.errors import ChuyenhoaError
    from chuyenhoa.excel.template import write_template

    try:
        path, layout = write_template(province, output, year=year, previous=previous,
                                      previous_province=previous_province, overwrite=force)
    except ChuyenhoaError as exc:
        typer.echo(f"Lỗi: {exc}", err=True)
        raise typer.Exit(2) from None
    for warning in layout.warnings:
        typer.echo(f"Cảnh báo: {warning}", err=True)
    communes = next(s for s in layout.sheets if s.name == "communes")
    typer.echo(f"Đã ghi {path}: {len(layout.geography.communes)} xã, {len(communes.columns)} cột, "
               f"năm {layout.year} (kế hoạch {layout.plan.id})"
               + (", dữ liệu năm trước GIẢ LẬP" if layout.synthetic else ""), err=True)
