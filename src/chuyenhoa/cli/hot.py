"""The bodies of the commands that must start fast, ``evaluate`` and ``provinces``, free of typer.

The typer commands (:mod:`chuyenhoa.cli.evaluate`, :mod:`chuyenhoa.cli.provinces`) declare the options
and call these; :mod:`chuyenhoa.cli.fast` calls them too, having read the same options from the command
line itself, so a run never depends on which of the two parsed it.  A failure is said on stderr and
raised as :class:`~chuyenhoa.cli.base.Failure` (exit code 2), which each caller turns into its own exit.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from chuyenhoa.cli.base import echo, emit, fail, is_stdout, parse_date, written
from chuyenhoa.errors import ChuyenhoaError, PluginError
from chuyenhoa.i18n import _, _n, translate

__all__ = ["evaluate", "provinces"]


def evaluate(*, province: str, year: int | None, data: Sequence[Path] | None, province_data: Sequence[Path] | None,
             as_of: str | None, format: str, output: Path | None, db: str | None, report: Mapping[str, object],
             date: str | None) -> None:
    """``chuyenhoa evaluate``: evaluate a province's plan and print or write the result in ``format``.

    ``report`` holds the report's options (``number``, ``signer``, ``signer_title``, ``place``,
    ``recipients``, ``issuer``); ``date`` is its ``--date`` as typed.
    """
    from chuyenhoa.method.engine import evaluate as run
    from chuyenhoa.plugins.host import get_host

    day = parse_date(as_of)
    communes_file, province_file = _one(data, "--data"), _one(province_data, "--province-data")
    options = {**report, "date": parse_date(date, "--date")}
    try:
        renderer = get_host().output_renderer(format)
        store = _store(db)
        # every file the run reads, the pack's own included: the output never lands on one of them
        inputs = (communes_file, province_file, *get_host().province(province).files(),
                  *([Path(store)] if store and "://" not in store else []))
        if is_stdout(output):
            if not renderer.stdout:
                example = translate(renderer.example) if renderer.example else f"ket-qua.{format}"
                raise fail(_("--format {fmt} không ghi ra màn hình được; hãy cho tên tệp, ví dụ --output "
                             "{example}").format(fmt=format, example=example))
            output = None
        result = run(province, year, data=communes_file, province_data=province_file, as_of=day, db=store)
        if output is None and not renderer.stdout:
            example = translate(renderer.example) if renderer.example else f"ket-qua.{format}"
            raise fail(_("--format {fmt} cần --output, ví dụ --output {example}").format(fmt=format, example=example))
        rendered = renderer.render(result, output, inputs, options)
        if isinstance(rendered, Path):
            written(rendered)
        elif isinstance(rendered, str):
            emit(rendered, output, inputs)
        else:
            raise PluginError(_("định dạng '{name}' trả về {type}, không phải văn bản (str) hay tệp đã ghi "
                                "(Path)").format(name=format, type=type(rendered).__name__))
    except ChuyenhoaError as exc:
        raise fail(str(exc)) from None


def _one(given: Sequence[Path] | None, option: str) -> Path | None:
    """The one file of an option given at most once: given twice, the run would silently read only the last."""
    if not given:
        return None
    if len(given) > 1:
        raise fail(_("{option} được cho {count} lần ({files}); mỗi lần chạy đọc một tệp: hãy cho một tệp (một bảng "
                     "tính có thể chứa cả sheet communes và province)").format(
            option=option, count=len(given), files=", ".join(str(p) for p in given)))
    return given[0]


def _store(db: str | None) -> str | None:
    """``--db``, else ``CHUYENHOA_DB``: without either, evaluate reads the file alone, as it always has."""
    import os

    from chuyenhoa.store import ENV  # not chuyenhoa.store.location, which a run without a store never needs

    return db or os.environ.get(ENV) or None


def provinces(format: str) -> None:
    """``chuyenhoa provinces``: every province that runs, the installed packs, the ones that fail with their
    error, the others; ``format`` is "table" or "json"."""
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
    if format == "json":
        emit(json.dumps(packs, ensure_ascii=False, indent=2), None)
    elif not packs:
        echo(_("Chưa cài gói tỉnh nào. Ví dụ: pip install ./provinces/tayninh"))
    else:
        emit(_listing(packs, table), None)
    failed = [p for p in packs if p["error"]]
    if failed:
        raise fail(_n("{count} gói tỉnh không dùng được: {packs}", len(failed)).format(
            count=len(failed), packs=", ".join(str(p["distribution"] or p["slug"]) for p in failed)))


def _listing(provinces: list[dict[str, object]], table: Callable[..., str]) -> str:
    """The packs in a table (a broken one with its error), where each merged province went, then the provinces
    without a pack in one paragraph per plan: 34 rows of the same national plan would bury the packs."""
    import textwrap

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
