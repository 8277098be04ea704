"""``chuyenhoa new-province``: write a pack that installs, registers and evaluates its synthetic sample."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from chuyenhoa.cli.commands import SUMMARIES
from chuyenhoa.cli.common import fail
from chuyenhoa.errors import ChuyenhoaError
from chuyenhoa.i18n import N_

__all__ = ["HELP", "new_province"]

HELP = SUMMARIES["new-province"]


def new_province(
    slug: Annotated[str, typer.Argument(help=N_("Tên gói, chữ thường không dấu, ví dụ: hanoi"))],
    name: Annotated[str, typer.Option("--name", help=N_("Tên tỉnh như trong danh mục đang có hiệu lực, ví dụ "
                                                          "\"Hà Nội\""))],
    code: Annotated[str | None, typer.Option("--code", help=N_("Mã tỉnh của Tổng cục Thống kê, thay cho --name"))]
    = None,
    year: Annotated[int | None, typer.Option("--year", help=N_("Năm của kế hoạch (mặc định: năm nay)"))] = None,
    directory: Annotated[Path, typer.Option("--dir", help=N_("Thư mục chứa các gói tỉnh"))] = Path("provinces"),
) -> None:
    """Write a new province pack that installs, registers and evaluates its synthetic sample."""
    from chuyenhoa.packs.scaffold import next_steps, scaffold

    try:
        target = scaffold(slug, name, root=directory, code=code, year=year)
    except ChuyenhoaError as exc:
        raise fail(str(exc)) from None
    typer.echo(next_steps(target, slug))
