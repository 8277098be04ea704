"""``chuyenhoa provinces``: every province that runs, the installed packs with their version, plans and years.

The 34 provinces of the map in force run with or without a pack (the national
plan from 2025); the list marks which have a pack, and a pack of a province
merged away (Bình Phước) is listed with the years of its own plans.  Loads every
pack's entry point (that is the question asked) but reads no data and imports no
writer: it must stay quick.

A pack that fails (it does not import, its registration raises, another pack
claims its slug, a plan file is wrong) is listed with its error beside the packs
that work, in the table and in the JSON; then the command says which packs
failed in one line on stderr and exits 2, so that a check of an installation
(``tox`` runs this command) still fails on a broken pack.  This module declares the option; the body is
:func:`chuyenhoa.cli.hot.provinces`, which :mod:`chuyenhoa.cli.fast` runs without typer.
"""

from __future__ import annotations

from typing import Annotated

import typer

from chuyenhoa.cli.base import Failure
from chuyenhoa.cli.commands import SUMMARIES
from chuyenhoa.cli.common import FORMAT_HELP, ListFormat

__all__ = ["HELP", "provinces"]

HELP = SUMMARIES["provinces"]


def provinces(
    format: Annotated[ListFormat, typer.Option("--format", "-f", help=FORMAT_HELP)] = ListFormat.table,
) -> None:
    """List every province that runs: the installed packs, the ones that fail with their error, the others."""
    from chuyenhoa.cli import hot

    try:
        hot.provinces(format.value)
    except Failure as failure:  # said on stderr already
        raise typer.Exit(failure.code) from None
