"""``chuyenhoa provinces``: the installed province packs, with their version, plans and years.

Loads every pack's entry point (that is the question asked) but reads no data
and imports no writer: it must stay as quick as ``--help``.

A pack that fails (it does not import, its registration raises, another pack
claims its slug, a plan file is wrong) is listed with its error beside the packs
that work, in the table and in the JSON; then the command says which packs
failed in one line on stderr and exits 2, so that a check of an installation
(``tox`` runs this command) still fails on a broken pack.
"""

from __future__ import annotations

import json
from typing import Annotated

import typer

from chuyenhoa.cli.common import FORMAT_HELP, ListFormat, emit, fail
from chuyenhoa.errors import ChuyenhoaError
from chuyenhoa.i18n import N_, _, _n

__all__ = ["HELP", "provinces"]

HELP = N_("Các gói tỉnh đã cài, với phiên bản, kế hoạch và năm; gói lỗi được liệt kê kèm lỗi.")


def provinces(
    format: Annotated[ListFormat, typer.Option("--format", "-f", help=FORMAT_HELP)] = ListFormat.table,
) -> None:
    """List the installed province packs, and the ones that fail with their error."""
    from chuyenhoa.output.describe import broken_province_dict, province_dict
    from chuyenhoa.output.text import table
    from chuyenhoa.plugins.host import get_host

    host = get_host()
    try:
        specs, broken = host.provinces(), host.broken()
    except ChuyenhoaError as exc:
        raise fail(str(exc)) from None
    packs: list[dict[str, object]] = []
    for spec in specs.values():
        try:
            packs.append(province_dict(spec))
        except (Exception, SystemExit) as exc:  # a wrong plan file of one pack must not hide the others
            error = str(exc) if isinstance(exc, ChuyenhoaError) else f"{type(exc).__name__}: {exc}"
            packs.append(broken_province_dict(spec.slug, spec.distribution, spec.version, error, spec.name,
                                              spec.code))
    packs += [broken_province_dict(b.provinces[0] if b.provinces else b.name, b.distribution, b.version, b.error)
              for b in broken]
    packs.sort(key=lambda p: str(p["slug"]))  # a broken pack in its place, not at the end
    if format is ListFormat.json:
        emit(json.dumps(packs, ensure_ascii=False, indent=2), None)
    elif not packs:
        typer.echo(_("Chưa cài gói tỉnh nào. Ví dụ: pip install ./provinces/tayninh"))
    else:
        rows = [(p["slug"], p["name"], " ".join(str(x) for x in (p["distribution"], p["version"]) if x) or None,
                 _("LỖI: {error}").format(error=p["error"]) if p["error"] else _plans(p["plans"]))
                for p in packs]
        emit(table([_("Tỉnh"), _("Tên"), _("Gói"), _("Kế hoạch (năm)")], rows, indent=""), None)
    failed = [p for p in packs if p["error"]]
    if failed:
        raise fail(_n("{count} gói tỉnh không dùng được: {packs}", len(failed)).format(
            count=len(failed), packs=", ".join(str(p["distribution"] or p["slug"]) for p in failed)))


def _plans(plans: object) -> str:
    """``860/KH-UBND (2024); …``: each plan with its years."""
    assert isinstance(plans, list)
    return "; ".join(f"{x['id']} ({', '.join(map(str, x['years']))})" for x in plans)
