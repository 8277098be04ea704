"""What every command shares: its options, how it fails, how it writes.

One place, so the commands cannot drift apart: every error is one line
``Lỗi: …`` on stderr and exit code 2 (:func:`fail`), every text ends with one
newline and goes to stdout or is written whole to ``--output`` (:func:`emit`),
every file written is named on stderr (:func:`written`), every ``--as-of`` reads
the same two ways (:func:`parse_date`).  A command module imports these names and
nothing private of another command.

Imported by ``chuyenhoa --help``: typer and the base only, never a writer.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import sys
from pathlib import Path
from typing import Annotated

import typer

from chuyenhoa.i18n import N_, _

__all__ = ["FORMAT_HELP", "ListFormat", "ProvinceOption", "YearOption", "emit", "fail", "is_stdout", "parse_date",
           "written"]


class ListFormat(str, enum.Enum):
    """``--format`` of the commands that list or describe (provinces, plan, plugins, awards)."""

    table = "table"
    json = "json"


ProvinceOption = Annotated[str, typer.Option("--province", "-p", help=N_("Mã gói tỉnh, ví dụ tayninh"))]
YearOption = Annotated[int | None, typer.Option("--year", "-y", help=N_("Năm đánh giá (mặc định: năm mới nhất)"))]
FORMAT_HELP = N_("table hoặc json")


def fail(message: str, code: int = 2) -> typer.Exit:
    """Say ``Lỗi: message`` on stderr and return the exit to raise (``raise fail(...) from None``)."""
    typer.echo(_("Lỗi: {message}").format(message=message), err=True)
    return typer.Exit(code)


def parse_date(text: str | None, option: str = "--as-of") -> dt.date | None:
    """``--as-of`` (or the date ``option``) as 2024-12-31 or 31/12/2024 (the way Vietnamese documents write
    dates); None if not given."""
    if text is None:
        return None
    match = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text.strip())
    try:
        if match:
            return dt.date(int(match[3]), int(match[2]), int(match[1]))
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise fail(_("{option} '{text}' không phải ngày; cần 2024-12-31 hoặc 31/12/2024").format(
            option=option, text=text)) from None


def is_stdout(output: Path | None) -> bool:
    """Whether ``--output`` names standard output: ``-``, as most command-line tools read it."""
    return output is not None and str(output) == "-"


def emit(text: str, output: Path | None, inputs: tuple[Path | None, ...] = ()) -> None:
    """Text to stdout (no ``--output``, or ``--output -``), or written whole to ``output`` (never over one of
    ``inputs``), ending with one newline."""
    if output is None or is_stdout(output):
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    from chuyenhoa.output.files import write_atomic

    write_atomic(output, text if text.endswith("\n") else text + "\n", inputs=inputs)
    written(output)


def written(output: Path) -> None:
    """Name the file or folder just written, on stderr so stdout stays the data."""
    typer.echo(_("Đã ghi {path}").format(path=output), err=True)
