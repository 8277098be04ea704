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
(``tox`` runs this command) still fails on a broken pack.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Callable
from typing import Annotated

import typer

from chuyenhoa.cli.common import FORMAT_HELP, ListFormat, emit, fail
from chuyenhoa.errors import ChuyenhoaError
from chuyenhoa.i18n import N_, _, _n

__all__ = ["HELP", "provinces"]

HELP = N_("Các tỉnh chạy được: gói tỉnh đã cài (phiên bản, kế hoạch, năm) và các tỉnh chưa có gói (kế hoạch toàn "
         "quốc); gói lỗi được liệt kê kèm lỗi.")


def provinces(
    format: Annotated[ListFormat, typer.Option("--format", "-f", help=FORMAT_HELP)] = ListFormat.table,
) -> None:
    """List every province that runs: the installed packs, the ones that fail with their error, the others."""
    import datetime as dt

    from chuyenhoa.output.describe import broken_province_dict, province_dict
    from chuyenhoa.output.text import table
    from chuyenhoa.plugins.host import get_host

    host = get_host()
    try:
        specs, broken = host.provinces(), host.broken()
        national = host.national_provinces()
    except ChuyenhoaError as exc:
        raise fail(str(exc)) from None
    this_year = dt.date.today().year
    packs: list[dict[str, object]] = []
    for spec in (*specs.values(), *national.values()):
        try:
            packs.append(province_dict(spec, spec.default_plan_for(this_year)) | {"merged": spec.gone_in(this_year)})
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
        emit(_listing(packs, table), None)
    failed = [p for p in packs if p["error"]]
    if failed:
        raise fail(_n("{count} gói tỉnh không dùng được: {packs}", len(failed)).format(
            count=len(failed), packs=", ".join(str(p["distribution"] or p["slug"]) for p in failed)))


def _listing(provinces: list[dict[str, object]], table: Callable[..., str]) -> str:
    """The packs in a table (a broken one with its error), where each merged province went, then the provinces
    without a pack in one paragraph per plan: 34 rows of the same national plan would bury the packs."""
    packs = [p for p in provinces if p["pack"]]
    rows = [(p["slug"], p["name"], " ".join(str(x) for x in (p["distribution"], p["version"]) if x) or None,
             _("LỖI: {error}").format(error=p["error"]) if p["error"] else _plans(p["plans"]))
            for p in packs]
    out = [table([_("Tỉnh"), _("Tên"), _("Gói"), _("Kế hoạch (năm)")], rows, indent="")] if rows else []
    out += [f"{p['slug']}: {p['merged']}" for p in packs if p.get("merged")]
    others: dict[str, list[str]] = {}
    for p in provinces:
        if not p["pack"]:
            others.setdefault(_plans(p["plans"]), []).append(str(p["slug"]))
    for plans, slugs in others.items():
        out += ["", textwrap.fill(_("Chưa có gói tỉnh ({count} tỉnh, kế hoạch {plans}): {slugs}").format(
            count=len(slugs), plans=plans, slugs=", ".join(slugs)), width=100, break_on_hyphens=False)]
    return "\n".join(out)


def _plans(plans: object) -> str:
    """``860/KH-UBND (2024); 113/KH-BCA-V01 (toàn quốc, 2025–2027)``: each plan with its years."""
    assert isinstance(plans, list)
    return "; ".join(
        f"{x['id']} ({_years(x['years'])})" if x["provincial"] else
        _("{plan} (toàn quốc, {years})").format(plan=x["id"], years=_years(x["years"]))
        for x in plans if x["years"])


def _years(years: list[int]) -> str:
    """Years as written: "2024", "2017, 2018", a run of three or more as "2025–2027"."""
    if len(years) >= 3 and years == list(range(years[0], years[-1] + 1)):
        return f"{years[0]}–{years[-1]}"
    return ", ".join(map(str, years))
