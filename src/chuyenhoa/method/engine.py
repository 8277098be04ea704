"""One evaluation, end to end: plan, geography, data, selection, verdicts, timeline.

This is the function behind ``chuyenhoa evaluate`` and the library's
:func:`chuyenhoa.evaluate`; the command line only parses options and renders
the :class:`~chuyenhoa.method.result.Result`.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

import attrs

from chuyenhoa.collector import collector_paused
from chuyenhoa.errors import ChuyenhoaError
from chuyenhoa.i18n import _, _n, language, translate
from chuyenhoa.method.history import history, remember_outcomes
from chuyenhoa.method.hooks import resolve_method
from chuyenhoa.method.hotspots import HotspotResult, evaluate_hotspots
from chuyenhoa.method.merger import check_years, province_figures
from chuyenhoa.method.result import DataInfo, Result
from chuyenhoa.method.selection import select
from chuyenhoa.method.targets import Bounds, evaluate_target, share_bounds
from chuyenhoa.method.timeline import timeline
from chuyenhoa.model import Basis, Geography, Indicator, Plan, SelectionPolicy
from chuyenhoa.plugins.host import PluginHost, get_host
from chuyenhoa.plugins.spec import ProvinceSpec
from chuyenhoa.reading.dataset import CodeCheck, Dataset, read_dataset
from chuyenhoa.reading.indicators import catalogue

if TYPE_CHECKING:
    from chuyenhoa.reading.problems import Problems
    from chuyenhoa.store.connection import Store
    from chuyenhoa.store.merge import FromStore


@functools.cache
def version() -> str:
    """chuyenhoa's installed version, for ``generator`` ("0+unknown" from a source tree that is not installed)."""
    from chuyenhoa.plugins.discovery import version as dist_version  # importlib.metadata's answer, without its import

    return dist_version("chuyenhoa") or "0+unknown"


def evaluate(
    province: str,
    year: int | None = None,
    *,
    data: str | Path | None = None,
    province_data: str | Path | None = None,
    as_of: dt.date | None = None,
    host: PluginHost | None = None,
    db: str | Path | None = None,
) -> Result:
    """Evaluate a province's plan for a year on the user's data, or on the pack's synthetic sample.

    With ``db`` (a SQLite path or a PostgreSQL URL, docs/history.md), the years
    before ``year`` that the data lack are taken from the history store.  A
    library caller names the store here or not at all: ``CHUYENHOA_DB`` is read
    by the command line only (``evaluate --db``), never by this function, so a
    program's result does not change with the environment of the process it
    runs in.  Pass ``db=os.environ.get("CHUYENHOA_DB")`` to follow the variable
    on purpose.
    """
    host = host or get_host()
    spec = host.province(province, year=year)  # a GSO code names a province only on a date
    spec.plan_for(year)  # a year without a plan is refused before any file is read
    dataset = _dataset(spec, data, province_data, year)  # read once: its years choose the map
    if db is None:
        return evaluate_loaded(spec, dataset, year, as_of=as_of, host=host, sample=data is None)
    from chuyenhoa.store.connection import open_store
    from chuyenhoa.store.location import locate

    with open_store(locate(db)) as store:
        return evaluate_loaded(spec, dataset, year, as_of=as_of, host=host, sample=data is None, store=store)


def evaluate_loaded(
    spec: ProvinceSpec,
    dataset: Dataset,
    year: int | None = None,
    *,
    as_of: dt.date | None = None,
    host: PluginHost,
    sample: bool = False,
    store: Store | None = None,
    keep_stored: Callable[[int, str], bool] | None = None,
) -> Result:
    """:func:`evaluate` on data already read: the map of the year, the checks of the codes, the store's earlier years.

    ``store``'s current versions of the years before ``year`` that ``dataset``
    lacks are added to it after its codes are checked against this year's map
    (:func:`chuyenhoa.store.merge.with_stored_years`), and the result says which
    years came from where; ``keep_stored(year, code)`` chooses the stored rows
    added (the history store's recording of a pre-merger year judges the part of
    the province its plan was written for: :mod:`chuyenhoa.method.archive`).
    ``sample`` marks the pack's bundled data.
    """
    plan = spec.plan_for(year)
    year = _year_of(plan, dataset, year)
    geography, geography_warning = spec.geography_for(year)
    warnings: list[str] = [geography_warning] if geography_warning else []
    warnings.extend(dataset.warnings)
    warnings.extend(check_years(spec, dataset, year, geography))  # each year's rows on the map of that year
    if not dataset.rows_of_year(year):
        warnings.append(_("Bảng communes không có dòng nào của năm {year}: các địa bàn không đánh giá được")
                        .format(year=year))
    stored = None
    if store is not None:
        from chuyenhoa.store.merge import with_stored_years

        dataset, stored = with_stored_years(dataset, store, spec.slug, year, keep=keep_stored)
        note = stored.note()
        if note:
            warnings.append(note)
    bundled = spec.sample_for(year) if sample else None
    return evaluate_dataset(plan, geography, dataset, year, as_of=as_of or dt.date.today(), host=host,
                            warnings=warnings, sample_description=translate(bundled.description)
                            if bundled else None, stored=stored)


def _year_of(plan: Plan, dataset: Dataset, year: int | None) -> int:
    """The year evaluated: ``year``, else the latest year of the data that the plan covers, else the plan's last."""
    if year is not None:
        return year
    covered = [y for y in dataset.years if plan.covers(y)]
    return max(covered) if covered else max(plan.years)


def codes_checked(spec: ProvinceSpec, year: int | None) -> CodeCheck:
    """The check of the codes that :func:`evaluate_loaded` makes (each year's rows on the map of that year), for
    :func:`~chuyenhoa.reading.dataset.read_dataset` to make on a file it refuses for its cells: one run then lists
    the bad cells and the codes not on the map together, in row order."""
    def check(dataset: Dataset, problems: Problems) -> None:
        chosen = _year_of(spec.plan_for(year), dataset, year)
        check_years(spec, dataset, chosen, spec.geography_for(chosen)[0], problems=problems)

    return check


def _dataset(spec: ProvinceSpec, data: str | Path | None, province_data: str | Path | None,
             year: int | None = None) -> Dataset:
    """The user's data, else the pack's sample for ``year`` (a pack has one for the map after 01/07/2025)."""
    if data is None:
        if province_data is not None:
            raise ChuyenhoaError(_("--province-data cần đi cùng --data (bảng communes)"))
        return spec.sample_dataset(year=year)
    return read_dataset(data, province_data=province_data, extra_indicators=spec.indicators,
                        check_codes=codes_checked(spec, year))


@functools.lru_cache(maxsize=16)
def _labels(indicators: tuple[Indicator, ...], lang: str) -> Mapping[str, str]:
    """Indicator id → label in ``lang``, worked out once, not in each of a national run's 630 evaluations."""
    return MappingProxyType({k: translate(v.label) for k, v in catalogue(indicators).items()})


@collector_paused()  # about 150,000 result tuples for a national year, no cycles (see chuyenhoa.collector)
def evaluate_dataset(
    plan: Plan,
    geography: Geography,
    dataset: Dataset,
    year: int,
    *,
    as_of: dt.date,
    host: PluginHost,
    warnings: Sequence[str] = (),
    sample_description: str | None = None,
    stored: FromStore | None = None,
) -> Result:
    """The evaluation proper, on data already loaded (the benchmark and embedding tools call this).

    ``stored`` says which years of ``dataset`` came from the history store (``data.store`` of the JSON).
    """
    hook = host.hooks_for(plan.province)
    method = resolve_method(hook, plan, geography, year)
    policy, indicators, rule, scorer = method.policy, method.indicators, method.rule, method.scorer
    labels = _labels(plan.indicators, language())

    past = history(dataset, year, indicators, rule)
    selection = select(geography, dataset, year, policy, scorer, past.transformed)
    hotspots = evaluate_hotspots(dataset, geography, selection.hotspots, year, indicators, rule, labels)
    remember_outcomes(dataset, year, indicators, rule, hotspots)
    computed = _computed(hotspots, dataset, year, past.transformed, geography, policy)
    # "so với năm trước" across the reform: last year's province row may be of another province
    # (the sum of the rows of the provinces it was formed from, each naming its province, or why not)
    figures = province_figures(dataset, geography.province, year, indicators=plan.indicators, labels=labels)
    targets = tuple(evaluate_target(t, dataset, year, computed, figures, labels=labels)
                    for t in plan.targets)
    leads = {ident: duty.lead for duty in plan.responsibilities for ident in duty.targets}
    programme = tuple(
        evaluate_target(attrs.evolve(goal, label=goal.label or labels[goal.indicator],
                                     lead=goal.lead or leads.get(goal.indicator)), dataset, year, computed,
                        figures, labels=labels)
        for goal in method.goals
    )
    # the cap and the success rule are in the result (selection.policy, success_rule); each output
    # states them in its own words (chuyenhoa.output.words.method_notes), so notes hold the plan's own
    notes: list[str] = []
    notes.extend(plan.notes)
    for extra in hook.chuyenhoa_plan_notes(plan=plan):
        notes.extend(extra or [])
    notes.extend(past.notes)  # the readings that carried earlier years across the reform
    summed = figures.note([t.label for t in (*targets, *programme)
                           if t.basis is Basis.CHANGE_PCT and t.indicator not in computed])
    if summed:
        notes.append(summed)
    recorded_mismatch = [
        (_("Xã {commune}: cột “{column}” ghi có nhưng số liệu cho kết quả chưa chuyển hóa") if h.recorded
         else _("Xã {commune}: cột “{column}” ghi không nhưng số liệu cho kết quả chuyển hóa thành công"))
        .format(commune=h.commune_code, column=labels["transformed"])
        for h in hotspots if h.recorded is not None and h.transformed is not None and h.recorded != h.transformed
    ]
    return Result(
        province=geography.province,
        plan=plan,
        year=year,
        as_of=as_of,
        data=DataInfo(source=dataset.source, synthetic=dataset.synthetic, province_source=dataset.province_source,
                      years=tuple(dataset.years), geography=geography.source, geography_as_of=geography.as_of,
                      description=sample_description, store=stored.store if stored else None,
                      stored_years=stored.years if stored else ()),
        selection=selection,
        hotspots=hotspots,
        targets=targets,
        programme=programme,
        timeline=timeline(plan.milestones, as_of),
        success_rule=rule,
        notes=tuple(notes),
        warnings=(*warnings, *past.findings, *selection.findings, *recorded_mismatch),
        version=version(),
    )


def _computed(hotspots: Sequence[HotspotResult], dataset: Dataset, year: int,
              transformed_before: Mapping[str, int], geography: Geography,
              policy: SelectionPolicy) -> dict[str, Bounds]:
    """Values the plans name but nobody types: shares of hotspots, districts and relapses.

    ``districts_transformed_share`` counts the districts with hotspots this year; a district
    with none is left out and named, unless the policy requires a hotspot in every district
    (``minimum_per_district``, Bình Phước 2024 §II.5): it then counts as a district that did
    not transform the hotspot it had to select, and the detail says why.
    """
    yes = sum(1 for h in hotspots if h.transformed is True)
    unknown = sum(1 for h in hotspots if h.transformed is None)
    n = len(hotspots)
    computed = {
        "transformed_share": share_bounds(yes, unknown, n, _("địa bàn chuyển hóa thành công")),
        "hotspots_selected": Bounds(float(n), float(n), _n("{count} địa bàn", n).format(count=n)),
        "hotspots_transformed": Bounds(float(yes), float(yes + unknown),
                                       _n("{count} địa bàn chuyển hóa thành công", yes).format(count=yes)
                                       + (_(", {count} chưa đánh giá được").format(count=unknown) if unknown else "")),
    }
    before = dict(transformed_before)
    flags = dataset.communes.values_at("relapsed", dataset.rows_at(before, year))
    unsure = flags.count(None)
    stayed = sum(1 for flag in flags if flag is not None and not flag)
    computed["no_relapse_share"] = share_bounds(stayed, unsure, len(before),
                                                _("địa bàn đã chuyển hóa không phức tạp trở lại"))
    if not before:
        computed["no_relapse_share"] = Bounds(None, None, _("chưa có xã nào chuyển hóa thành công ở các năm trước "
                                                            "trong số liệu, nên chưa xét được tái phức tạp"))
    districts: dict[str, list[bool | None]] = {}
    for h in hotspots:
        if h.district_code:
            districts.setdefault(h.district_code, []).append(h.transformed)
    done = sum(1 for v in districts.values() if all(x is True for x in v))
    failed = sum(1 for v in districts.values() if any(x is False for x in v))
    without = [d.name for d in geography.districts if d.code not in districts]
    required = len(without) if policy.minimum_per_district else 0  # none selected where one is due: not met
    bounds = share_bounds(done, len(districts) - done - failed, len(districts) + required,
                          _("huyện chuyển hóa thành công mọi địa bàn đã chọn"))
    if required:
        unselected = _("không chọn địa bàn dù mỗi huyện phải có ít nhất {minimum} ({source}), tính là chưa "
                       "chuyển hóa: {districts}").format(
            minimum=policy.minimum_per_district, source=policy.minimum_source or policy.source,
            districts=", ".join(without))
        bounds = Bounds(bounds.low, bounds.high, bounds.detail + "; " + unselected)
    elif without:
        unselected = _("không chọn địa bàn: {districts}").format(districts=", ".join(without))
        bounds = Bounds(bounds.low, bounds.high, bounds.detail + "; " + unselected)
    computed["districts_transformed_share"] = bounds
    return computed


__all__ = ["codes_checked", "evaluate", "evaluate_dataset", "evaluate_loaded"]
