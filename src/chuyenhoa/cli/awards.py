"""The ``chuyenhoa awards`` command, as a plain function the CLI registers.

``cli.py`` adds it with ``app.command("awards")(awards)``.  It only parses
options and picks a renderer; the work is in :mod:`chuyenhoa.awards.engine`.
A :class:`~chuyenhoa.errors.ChuyenhoaError` becomes one line ("Lỗi: …") on stderr
and exit code 2, as every other command does.  A proposal that does not comply
is a result, not an error: exit 0, with ``compliant`` false.
"""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import Annotated

import typer

from chuyenhoa.errors import ChuyenhoaError
from chuyenhoa.i18n import N_, _


class AwardsFormat(str, enum.Enum):
    table = "table"
    json = "json"


def awards(
    province: Annotated[str, typer.Option("--province", "-p", help=N_("Mã gói tỉnh, ví dụ binhphuoc"))],
    nominees: Annotated[Path, typer.Option("--nominees", "-n", help=N_("Bảng nominees (CSV) hoặc bảng tính "
                                                                       ".xlsx/.ods có sheet nominees"))],
    year: Annotated[int | None, typer.Option("--year", "-y", help=N_("Năm của kế hoạch (mặc định: mới nhất)"))]
    = None,
    format: Annotated[AwardsFormat, typer.Option("--format", "-f", help=N_("table hoặc json"))]
    = AwardsFormat.table,
    output: Annotated[Path | None, typer.Option("--output", "-o", help=N_("Ghi kết quả ra tệp"))] = None,
    redact: Annotated[bool, typer.Option("--redact", help=N_("Thay tên bằng mã nominee_id ở mọi đầu ra"))] = False,
) -> None:
    """Check a proposal of awards against the plan's scheme and recommend a list within it."""
    from chuyenhoa.awards import evaluate_awards
    from chuyenhoa.awards.render import render_awards

    try:
        result = evaluate_awards(province, year, nominees=nominees, redact=redact)
        text = result.to_json() if format is AwardsFormat.json else render_awards(result)
        _emit(text, output, nominees)
    except ChuyenhoaError as exc:
        typer.echo(_("Lỗi: {message}").format(message=exc), err=True)
        raise typer.Exit(exc.exit_code) from None


def _emit(text: str, output: Path | None, nominees: Path) -> None:
    """Standard output, or the file written whole (never over the nominee file)."""
    text = text if text.endswith("\n") else text + "\n"
    if output is None:
        sys.stdout.write(text)
        return
    from chuyenhoa.output.files import write_atomic

    write_atomic(output, text, inputs=(nominees,))
    typer.echo(_("Đã ghi {path}").format(path=output), err=True)


__all__ = ["AwardsFormat", "awards"]
