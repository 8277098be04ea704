"""``chuyenhoa provinces``: the installed province packs, with their version, plans and years.

Loads every pack's entry point (that is the question asked) but reads no data
and imports no writer: it must stay as quick as ``--help``.
"""

from __future__ import annotations

import json
from typing import Annotated

import typer

from chuyenhoa.cli.common import FORMAT_HELP, ListFormat, emit, fail
from chuyenhoa.errors import ChuyenhoaError
from chuyenhoa.i18n import N_, _

__all__ = ["HELP", "provinces"]

HELP = N_("Các gói tỉnh đã cài, với phiên bản, kế hoạch và năm.")


def provinces(
    format: Annotated[ListFormat, typer.Option("--format", "-f", help=FORMAT_HELP)] = ListFormat.table,
) -> None:
    """List the installed province packs."""
    from chuyenhoa.output.describe import province_dict
    from chuyenhoa.output.text import table
    from chuyenhoa.plugins.host import get_host

    try:
        packs = [province_dict(spec) for spec in get_host().provinces().values()]
    except ChuyenhoaError as exc:
        raise fail(str(exc)) from None
    if format is ListFormat.json:
        emit(json.dumps(packs, ensure_ascii=False, indent=2), None)
        return
    if not packs:
        typer.echo(_("Chưa cài gói tỉnh nào. Ví dụ: pip install ./provinces/tayninh"))
        return
    rows = [(p["slug"], p["name"], f"{p['distribution']} {p['version']}",
             "; ".join(f"{x['id']} ({', '.join(map(str, x['years']))})" for x in p["plans"]))  # type: ignore[union-attr]
            for p in packs]
    emit(table([_("Tỉnh"), _("Tên"), _("Gói"), _("Kế hoạch (năm)")], rows, indent=""), None)
