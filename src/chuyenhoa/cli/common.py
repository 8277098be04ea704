"""What every command shares: its options, how it fails, how it writes.

One place, so the commands cannot drift apart: every error is one line
``Lỗi: …`` on stderr and exit code 2 (:func:`fail`), every text ends with one
newline and goes to stdout or is written whole to ``--output`` (:func:`emit`),
every file written is named on stderr (:func:`written`), every ``--as-of`` reads
the same two ways (:func:`parse_date`).  A command module imports these names and
nothing private of another command.

What needs no typer is in :mod:`chuyenhoa.cli.base` (the commands that start without typer use it
directly); this module adds the typer options and turns a :class:`~chuyenhoa.cli.base.Failure` into
``typer.Exit``.  Imported by every typer command: typer and the base only, never a writer.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Annotated

import typer

from chuyenhoa.cli import base
from chuyenhoa.cli.base import emit, is_stdout, written
from chuyenhoa.i18n import N_

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
    base.fail(message, code)
    return typer.Exit(code)


def parse_date(text: str | None, option: str = "--as-of") -> dt.date | None:
    """``--as-of`` (or the date ``option``) as 2024-12-31 or 31/12/2024 (the way Vietnamese documents write
    dates); None if not given."""
    try:
        return base.parse_date(text, option)
    except base.Failure as failure:
        raise typer.Exit(failure.code) from None
