"""What the method hands to the history store, and what it reads back from it.

* :func:`record_file` evaluates one year of a file (with the store's earlier
  years, as ``evaluate --db`` does) and records the year's values, the file, the
  plan, the geography snapshot and the verdicts as a version
  (:mod:`chuyenhoa.store.record`);
* :func:`import_file` does the same for every year of a multi-year file, in one
  transaction, for provinces that kept their history in Excel;
* a year before the 2025 merger of a province formed from several (the new Tây
  Ninh: old Tây Ninh and Long An) has every predecessor's rows checked on that
  year's map (:func:`chuyenhoa.method.merger.check_years`) and kept as values,
  and is judged on the part the year's plan was written for (:func:`_judged`):
  the other rows reach later years through the conversion table;
* the later years whose stored verdicts a new version of an earlier year makes
  stale are judged again from the store's values in the same transaction
  (:func:`_rejudger`, :func:`chuyenhoa.store.record.record`);
* :func:`history_view` reads every recorded year back as each commune's path
  (proposed, approved, transformed, relapsed), followed across the 2025 merger
  (:func:`chuyenhoa.store.lineage.follow`), and the programme's yearly figures
  against the national goals (7488/KH-UBND §II.1: ≥ 60 % transformed, ≥ 85 %
  not relapsed), judged as the engine judges them (:func:`~chuyenhoa.method.targets.judge_bounds`).

The store stays below the method: it gets verdicts as plain values
(:class:`~chuyenhoa.store.record.Verdicts`), built here from a
:class:`~chuyenhoa.method.result.Result`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from chuyenhoa.errors import ChuyenhoaError
from chuyenhoa.i18n import _, _n
from chuyenhoa.method.engine import evaluate_loaded, version
from chuyenhoa.method.hooks import resolve_method
from chuyenhoa.method.merger import check_years, map_of
from chuyenhoa.method.result import Result
from chuyenhoa.method.targets import Bounds, judge_bounds, share_bounds
from chuyenhoa.model import Geography, Plan, Province, Status, Target
from chuyenhoa.plugins.host import PluginHost
from chuyenhoa.plugins.spec import ProvinceSpec
from chuyenhoa.reading.dataset import CodeCheck, Dataset, Table, read_dataset
from chuyenhoa.reading.problems import Problems
from chuyenhoa.store.connection import Store, open_store
from chuyenhoa.store.lineage import follow
from chuyenhoa.store.location import Location
from chuyenhoa.store.merge import stored_dataset
from chuyenhoa.store.queries import StoredYear, current_versions, read_years, stored_years
from chuyenhoa.store.record import (
    CommuneVerdict,
    Entry,
    FileInfo,
    PlanInfo,
    Recorded,
    Rejudge,
    TargetVerdict,
    Verdicts,
    file_sha256,
    record,
    year_values,
)

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

__all__ = [
    "Cell",
    "CommunePath",
    "HistoryView",
    "Recording",
    "YearFigures",
    "history_view",
    "import_file",
    "record_file",
    "verdicts_of",
]


@attrs.frozen
class Recording:
    """What ``history record`` / ``history import`` did: each year's outcome, and what to tell the user."""

    province: Province
    store: str
    years: tuple[Recorded, ...]
    #: years recorded without verdicts, because no plan of the pack covers them
    without_plan: tuple[int, ...]
    notes: tuple[str, ...]
    warnings: tuple[str, ...]
    #: what the verdicts of a year cover when it is not every row recorded (a year before a merger)
    scope_notes: tuple[str, ...] = ()


def verdicts_of(result: Result, basis: Mapping[int, int], outside_plan: Sequence[str] = (),
                file_years: Mapping[str, Sequence[int]] | None = None) -> Verdicts:
    """The verdicts of ``result`` as the store keeps them: each hotspot's outcome, each target's status.

    ``basis`` names the versions of the earlier years taken from the store,
    ``file_years`` the earlier years the file gave, table by table (judging the
    year again from the store needs them there); ``outside_plan`` the communes
    recorded with the year but not judged (their province had a plan of its own
    that year, or none).
    """
    scores = result.selection.scores
    communes = tuple(CommuneVerdict(code=h.commune_code, selected=True, transformed=h.transformed,
                                    share=None if h.share is None else round(100 * h.share, 4),
                                    score=scores[h.commune_code].total if h.commune_code in scores else None)
                     for h in result.hotspots)
    targets = tuple(
        TargetVerdict(kind=kind, target_id=t.id, indicator=t.indicator, comparator=t.comparator.value,
                      threshold=t.threshold, actual=t.actual if not isinstance(t.actual, float) else round(t.actual, 6),
                      status=t.status.value, source=str(t.source), detail=t.detail)
        for kind, group in (("target", result.targets), ("programme", result.programme)) for t in group)
    summary: dict[str, Any] = result.to_dict()["summary"]  # type: ignore[assignment]
    return Verdicts(proposed=result.selection.proposed, communes=communes, targets=targets, summary=summary,
                    warnings=tuple(result.warnings), basis=dict(basis), outside_plan=tuple(outside_plan),
                    file_years=None if file_years is None else {k: tuple(v) for k, v in file_years.items()})


def _plan_info(spec: ProvinceSpec, plan: Plan, result: Result) -> PlanInfo:
    path = Path(plan.path) if plan.path else None
    return PlanInfo(id=plan.id, date=plan.date, file=path.name if path else None,
                    sha256=file_sha256(path) if path and path.is_file() else None,
                    pack=f"{spec.distribution} {spec.version}" if spec.distribution else None,
                    geography_source=result.data.geography, geography_as_of=result.data.geography_as_of)


def _read(spec: ProvinceSpec, data: str | Path, province_data: str | Path | None,
          years: Sequence[int] | None = None) -> Dataset:
    """The file to record; one refused for its cells has its codes checked too (:func:`_codes_checked`)."""
    dataset = read_dataset(data, province_data=province_data, extra_indicators=spec.indicators,
                           check_codes=_codes_checked(spec, years))
    if dataset.synthetic:
        raise ChuyenhoaError(_("{file}: số liệu được đánh dấu giả lập (điền sẵn từ dữ liệu mẫu); kho lịch sử chỉ "
                               "ghi số liệu thật").format(file=data))
    return dataset


def _codes_checked(spec: ProvinceSpec, years: Sequence[int] | None) -> CodeCheck:
    """The check of the codes that recording makes (:func:`_entry`), for the reader to make on a file it refuses
    for its cells, so that one run lists both: for the latest of ``years`` (all the file's years when None), as
    :func:`check_codes` checks them (a pre-merger year of a merged province across its predecessors).  Each year
    recorded checks every row, so the latest one says what the others would."""
    def check(dataset: Dataset, problems: Problems) -> None:
        found = [y for y in dataset.years if years is None or y in years]
        if not found:
            return
        check_codes(spec, dataset, max(found), problems)

    return check


# --- which rows a year's verdicts cover ------------------------------------------------------------------------


@attrs.frozen
class _Judged:
    """A year of a dataset judged as the store records it."""

    #: None: no plan covers the year, or none of its rows is of the province the plan was written for
    result: Result | None
    #: the year's communes recorded as values only (outside the province the year's plan was written for)
    outside: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    #: what the verdicts cover, when it is not every row of the year
    note: str | None = None


def _plan_of(spec: ProvinceSpec, year: int) -> Plan | None:
    """The plan of ``year``: the pack's own, else the national plan (from 2025); None where there is none."""
    try:
        return spec.plan_for(year)
    except ChuyenhoaError:
        return None


def _present_map(spec: ProvinceSpec, year: int) -> tuple[int, Geography] | None:
    """This year and the province on its map, when ``year``'s rows are on an earlier map than today's.

    None when the year is on today's map, when the province is not on it (Bình
    Phước, merged into Đồng Nai: its pre-merger years are its own), or when no
    national map knows the province (a test's made-up one).
    """
    today = dt.date.today().year
    if map_of(today).map_id == map_of(year).map_id:
        return None
    try:
        if spec.gone_in(today) is not None:
            return None
        return today, spec.geography_for(today)[0]
    except ChuyenhoaError:
        return None


def check_codes(spec: ProvinceSpec, dataset: Dataset, year: int, problems: Problems | None = None) -> list[str]:
    """Check the codes of every row as recording ``year`` does; the warnings (names that differ).

    A year before the province's present map is checked as an evaluation of
    today would check it: each year's rows on that year's map, against the units
    of every province that became this one (a 2024 row of the new Tây Ninh may be
    old Tây Ninh's or old Long An's).  Otherwise as evaluating ``year`` checks.
    """
    present = _present_map(spec, year)
    if present is not None:
        try:  # the pack's own map of the year may be dated after it (Đồng Nai 2017 on the list of 2025): say so
            warning = spec.geography_for(year)[1]
        except ChuyenhoaError:
            warning = None
        return [w for w in (warning, *check_years(spec, dataset, *present, problems=problems)) if w]
    geography, warning = spec.geography_for(year)
    return [w for w in (warning, *check_years(spec, dataset, year, geography, problems=problems)) if w]


def _judged(spec: ProvinceSpec, dataset: Dataset, year: int, host: PluginHost, *, store: Store | None = None
            ) -> _Judged:
    """Year ``year`` of ``dataset`` judged by the plan of the year, on the rows that plan was written for.

    On the province's present map that is every row (with the store's earlier
    years the data lack).  Before it, for a province formed from several, the
    plan of the year is the pack's plan of its own pre-merger province (Tây Ninh's
    860/KH-UBND of 2024 was not written for Long An): only that province's rows
    are judged (and only its rows of the store's earlier years on that map), the
    others are recorded as values, and a later year follows them through the
    conversion table as evaluate does.  A year no plan covers is values only.
    """
    plan = _plan_of(spec, year)
    present = _present_map(spec, year)
    if present is None and plan is not None:
        result = evaluate_loaded(spec, dataset, year, host=host, store=store)  # checks the codes itself
        return _Judged(result, warnings=tuple(result.warnings))
    warnings = tuple(check_codes(spec, dataset, year))
    if plan is None:
        return _Judged(None, warnings=warnings)
    own = spec.geography_for(year)[0]  # the plan's province on the year's map (the pack's own snapshot)
    codes = frozenset(c.code for c in own.communes)
    here = map_of(year).map_id
    rows = dataset.rows_of_year(year)
    outside = tuple(sorted(str(c) for c in dataset.communes.values_at("commune_code", rows) if c not in codes))
    mine = _within(dataset, codes, own.province.code, here)
    if not mine.rows_of_year(year):
        return _Judged(None, outside=outside, warnings=warnings,
                       note=_("Năm {year}: không có xã nào của {province}, tỉnh mà kế hoạch {plan} được lập cho: chỉ "
                              "ghi số liệu, không có kết luận ({others})").format(
                           year=year, province=_province_words(year, own), plan=plan.id,
                           others=_others(year, outside)))

    def keep(stored_year: int, code: str) -> bool:
        return code in codes or map_of(stored_year).map_id != here

    result = evaluate_loaded(spec, mine, year, host=host, store=store, keep_stored=keep)
    note = None
    if outside:
        note = _("Năm {year}: kết luận theo kế hoạch {plan} cho {count} xã của {province}, tỉnh mà kế hoạch được "
                 "lập cho; {others}: chỉ ghi số liệu, không kết luận theo kế hoạch này, và được theo dõi tiếp ở các "
                 "năm sau qua bảng chuyển đổi đơn vị hành chính").format(
            year=year, plan=plan.id, count=len(rows) - len(outside), province=_province_words(year, own),
            others=_others(year, outside))
    return _Judged(result, outside=outside, warnings=(*warnings, *result.warnings), note=note)


def _within(dataset: Dataset, codes: frozenset[str], province: str, map_id: str) -> Dataset:
    """``dataset`` with only the rows, on map ``map_id``, of the communes in ``codes`` and of the province coded
    ``province``: a ``province`` row of that map naming another province goes, one naming none stays (it stands
    for the province evaluated); the rows of other maps stay."""
    elsewhere = {y for y in dataset.years if map_of(y).map_id != map_id}
    table = dataset.communes
    every = list(range(len(table)))
    keep = [i for i, code, year in zip(every, table.values_at("commune_code", every), table.values_at("year", every),
                                       strict=True) if code in codes or year in elsewhere]
    provinces = dataset.province
    kept = None
    if provinces is not None and provinces.has("province_code"):
        every = list(range(len(provinces)))
        kept = [i for i, code, year in zip(every, provinces.values_at("province_code", every),
                                           provinces.values_at("year", every), strict=True)
                if code is None or code == province or year in elsewhere]
    if len(keep) == len(table) and (kept is None or provinces is None or len(kept) == len(provinces)):
        return dataset
    return Dataset(communes=_rows_of(table, keep), province=_rows_of(provinces, kept) if provinces else provinces,
                   source=dataset.source, synthetic=dataset.synthetic, province_source=dataset.province_source,
                   warnings=dataset.warnings)


def _rows_of(table: Table, rows: Sequence[int] | None) -> Table:
    """``table`` with ``rows`` only (all of them when None)."""
    if rows is None or len(rows) == len(table):
        return table
    return attrs.evolve(table, columns={name: table.values_at(name, rows) for name in table.columns},
                        row_numbers=[table.row_numbers[i] for i in rows], arrays={})


def _province_words(year: int, geography: Geography) -> str:
    """A province as the map of ``year`` names it: "Tỉnh Tây Ninh (72)"."""
    unit = map_of(year).find_province(geography.province.code)
    return f"{unit.full_name if unit else geography.province.name} ({geography.province.code})"


def _outside_groups(year: int, codes: Sequence[str]) -> tuple[tuple[str, int], ...]:
    """Communes counted by their province on the map of ``year``: (("Tỉnh Long An (80)", 186),)."""
    counts: dict[str, int] = {}
    snapshot = map_of(year)
    for code in codes:
        found = snapshot.commune(code)
        name = f"{found[1].full_name} ({found[1].code})" if found else _("tỉnh khác")
        counts[name] = counts.get(name, 0) + 1
    return tuple(counts.items())


def _others(year: int, codes: Sequence[str]) -> str:
    """Communes counted by their province on the map of ``year``: "186 xã của Tỉnh Long An (80)"."""
    return "; ".join(_n("{count} xã của {province}", n).format(count=n, province=name)
                     for name, n in _outside_groups(year, codes))


def _entry(spec: ProvinceSpec, dataset: Dataset, year: int, source: FileInfo, store: Store, host: PluginHost,
           warnings: list[str], without_plan: list[int], notes: list[str]) -> Entry:
    """One year of ``dataset``, evaluated if a plan covers it (with earlier years from the store the file lacks)."""
    values = year_values(dataset, year)
    judged = _judged(spec, dataset, year, host, store=store)
    warnings.extend(w for w in judged.warnings if w not in warnings)
    if judged.note:
        notes.append(judged.note)
    result = judged.result
    if result is None:
        if not judged.note:
            without_plan.append(year)
        return Entry(values=values, source=source)
    ids = current_versions(store, spec.slug) if result.data.stored_years else {}
    basis = {y: ids[y] for y in result.data.stored_years if y in ids}
    earlier = [y for y in dataset.years if y < year]
    file_years = {"communes": [y for y in earlier if dataset.rows_of_year(y)],
                  "province": [y for y in earlier if dataset.has_province_year(y)]}
    return Entry(values=values, source=source, plan=_plan_info(spec, result.plan, result),
                 verdicts=verdicts_of(result, basis, judged.outside, file_years))


def _rejudger(spec: ProvinceSpec, host: PluginHost, shown: str) -> Rejudge:
    """How a recording judges a later year again: on the store's current values of it and of every year before.

    Refused when the store lacks an earlier year (or its province row) that the
    stored verdicts took from the file they were recorded from: judged again
    without it, relapse and "so với năm trước" would lose what they rested on.
    """
    def rejudge(connection: Connection, year: int) -> tuple[PlanInfo, Verdicts] | None:
        years = read_years(connection, spec.slug, before=year + 1)
        earlier = [s for s in years if s.year < year]
        this = years[-1]
        given = this.file_years or {}
        communes = [y for y in given.get("communes", ()) if y not in {s.year for s in earlier}]
        provinces = [y for y in given.get("province", ()) if y not in {s.year for s in earlier if s.has_province}]
        if communes or provinces:
            missing = [*map(str, communes), *(_("{year} (bảng province)").format(year=y) for y in provinces)]
            raise ChuyenhoaError(_("kết luận đã lưu của năm {year} dựa trên số liệu năm {missing} của tệp đã ghi, mà "
                                   "kho lịch sử không có; hãy ghi năm đó vào kho").format(
                year=year, missing=", ".join(missing)))
        judged = _judged(spec, stored_dataset(years, shown), year, host)
        if judged.result is None:
            return None
        basis = {s.year: s.version_id for s in earlier}
        return (_plan_info(spec, judged.result.plan, judged.result),
                verdicts_of(judged.result, basis, judged.outside, {"communes": (), "province": ()}))

    return rejudge


def record_file(host: PluginHost, province: str, year: int, data: str | Path, location: Location, *,
                province_data: str | Path | None = None) -> Recording:
    """Record year ``year`` of ``data`` for ``province`` (``chuyenhoa history record``)."""
    spec = host.province(province)
    source = FileInfo.of(data, province_data)  # hashed before reading: the bytes recorded are the bytes read
    dataset = _read(spec, data, province_data, [year])
    return _recording(spec, dataset, [year], source, location, host)


def import_file(host: PluginHost, province: str, data: str | Path, location: Location, *,
                province_data: str | Path | None = None, years: Sequence[int] | None = None) -> Recording:
    """Record every year of a multi-year file (only ``years`` when given), oldest first, in one transaction."""
    spec = host.province(province)
    source = FileInfo.of(data, province_data)
    dataset = _read(spec, data, province_data, years)
    found = sorted({int(y) for y in dataset.communes.columns["year"]})  # type: ignore[call-overload]
    chosen = [y for y in found if years is None or y in years]
    if not chosen:
        raise ChuyenhoaError(_("{file}: không có năm nào để ghi").format(file=data))
    return _recording(spec, dataset, chosen, source, location, host)


def _recording(spec: ProvinceSpec, dataset: Dataset, years: Sequence[int], source: FileInfo, location: Location,
               host: PluginHost) -> Recording:
    warnings: list[str] = []
    without_plan: list[int] = []
    scope_notes: list[str] = []
    with open_store(location, create=True) as store:
        entries = [_entry(spec, dataset, year, source, store, host, warnings, without_plan, scope_notes)
                   for year in years]
        done = record(store, spec.slug, entries, version=version(), rejudge=_rejudger(spec, host, location.shown))
        notes = tuple(store.notes)
    province = Province(slug=spec.slug, code=spec.code, name=spec.name)
    return Recording(province=province, store=location.shown, years=tuple(done), without_plan=tuple(without_plan),
                     notes=notes, warnings=tuple(warnings), scope_notes=tuple(scope_notes))


# --- reading the history back ------------------------------------------------------------------------------


@attrs.frozen
class Cell:
    """A commune in a year, as the store has it."""

    year: int
    #: the commune has a row of its own this year
    present: bool
    #: a hotspot of the year: approved (the ``hotspot`` column) or proposed by chuyenhoa (``proposed``)
    selected: bool = False
    proposed: bool = False
    #: the year's outcome: True transformed, False not, None not assessable or not a hotspot
    transformed: bool | None = None
    relapsed: bool | None = None
    #: the first earlier year it was transformed in (followed across a merger), if any
    transformed_in: int | None = None
    #: when the commune no longer exists under its code: the codes it is followed under this year
    followed: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, object]:
        return {"year": self.year, "present": self.present, "selected": self.selected, "proposed": self.proposed,
                "transformed": self.transformed, "relapsed": self.relapsed, "transformed_in": self.transformed_in,
                "followed_to": list(self.followed)}


@attrs.frozen
class CommunePath:
    code: str
    name: str | None
    cells: tuple[Cell, ...]

    def as_dict(self) -> dict[str, object]:
        return {"commune_code": self.code, "commune_name": self.name, "years": [c.as_dict() for c in self.cells]}


@attrs.frozen
class Goal:
    """A programme goal as the plan's method gives it (7488/KH-UBND §II.1)."""

    indicator: str
    comparator: str
    threshold: float
    source: str

    def as_dict(self) -> dict[str, object]:
        return {"indicator": self.indicator, "comparator": self.comparator, "threshold": self.threshold,
                "source": self.source}


@attrs.frozen
class YearFigures:
    """The programme's figures of one year, each judged against its goal."""

    year: int
    hotspots: int
    transformed: int
    not_assessable: int
    transformed_share: Bounds
    transformed_status: Status
    #: communes transformed in an earlier recorded year, and how many of them are known to have relapsed or not
    earlier: int
    stayed: int
    relapsed: int
    no_relapse_share: Bounds
    no_relapse_status: Status
    #: whether the year's version holds verdicts (else hotspots and outcomes come from the data's columns)
    evaluated: bool
    #: communes of the year outside the province the year's plan was written for (a province merged into this
    #: one later), whose hotspots and outcomes come from their own columns: (province as that map names it, count)
    outside: tuple[tuple[str, int], ...] = ()
    #: when the stored verdicts are stale (not judged again after an earlier year changed): that earlier year
    stale: int | None = None

    def as_dict(self) -> dict[str, object]:
        return {
            "year": self.year, "evaluated": self.evaluated,
            "outside_plan": [{"province": name, "communes": count} for name, count in self.outside],
            "stale_since": self.stale, "hotspots": self.hotspots, "transformed": self.transformed,
            "not_assessable": self.not_assessable,
            "transformed_share": _rounded(self.transformed_share.low),
            "transformed_share_high": _rounded(self.transformed_share.high),
            "transformed_status": self.transformed_status.value,
            "earlier_transformed": self.earlier, "not_relapsed": self.stayed, "relapsed": self.relapsed,
            "no_relapse_share": _rounded(self.no_relapse_share.low),
            "no_relapse_share_high": _rounded(self.no_relapse_share.high),
            "no_relapse_status": self.no_relapse_status.value,
            "detail": {"transformed_share": self.transformed_share.detail,
                       "no_relapse_share": self.no_relapse_share.detail},
        }


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


@attrs.frozen
class HistoryView:
    """Everything ``chuyenhoa history show`` prints, in every format."""

    province: Province
    store: str
    years: tuple[int, ...]
    transformed_goal: Goal | None
    no_relapse_goal: Goal | None
    figures: tuple[YearFigures, ...]
    paths: tuple[CommunePath, ...]
    #: communes with rows but nothing to show (never a hotspot, never transformed or relapsed) in the years shown
    quiet: int

    def as_dict(self) -> dict[str, object]:
        return {
            "province": {"slug": self.province.slug, "code": self.province.code, "name": self.province.name},
            "store": self.store,
            "years": list(self.years),
            "goals": {"transformed_share": self.transformed_goal.as_dict() if self.transformed_goal else None,
                      "no_relapse_share": self.no_relapse_goal.as_dict() if self.no_relapse_goal else None},
            "figures": [f.as_dict() for f in self.figures],
            "communes": [p.as_dict() for p in self.paths],
            "quiet_communes": self.quiet,
        }


def _goals(spec: ProvinceSpec, host: PluginHost, year: int | None) -> tuple[Goal | None, Goal | None]:
    """The programme goals of the plan in force in ``year`` (else the newest plan): "≥ 60 %" and "≥ 85 %"."""
    try:
        plan = spec.plan_for(year) if year is not None and any(p.covers(year) for p in spec.loaded_plans) \
            else spec.plan_for(None)
    except ChuyenhoaError:
        return None, None
    plan_year = year if year is not None and plan.covers(year) else max(plan.years)
    geography, _warning = spec.geography_for(plan_year)
    goals: Sequence[Target] = resolve_method(host.hooks_for(plan.province), plan, geography, plan_year).goals
    found = {g.indicator: Goal(g.indicator, g.comparator.value, float(g.threshold), str(g.source)) for g in goals
             if not isinstance(g.threshold, bool)}
    return found.get("transformed_share"), found.get("no_relapse_share")


def _judge(goal: Goal | None, bounds: Bounds) -> Status:
    if goal is None or bounds.low is None:
        return Status.NOT_ASSESSABLE
    from chuyenhoa.comparators import parse_comparator

    return judge_bounds(parse_comparator(goal.comparator), goal.threshold, bounds)


def _outcomes(stored: StoredYear) -> dict[str, tuple[bool, bool, bool | None]]:
    """Code → (selected, proposed, transformed) for one year: from its verdicts, else from its columns.

    A commune recorded outside the plan's province (an old Long An commune in a
    2024 version of the new Tây Ninh, judged on old Tây Ninh's plan) is read from
    its columns, as a year without verdicts is: it is part of the province's
    history, and its ``hotspot`` and ``transformed`` cells are what its own
    province recorded.
    """
    found: dict[str, tuple[bool, bool, bool | None]] = {}
    for code, values in stored.communes.items():
        recorded = values.get("transformed")
        if stored.outcomes is not None and code not in stored.outside_plan:
            outcome = stored.outcomes.get(code)
            if outcome is not None and outcome.selected:
                found[code] = (True, bool(stored.proposed), outcome.transformed)
            else:
                found[code] = (False, False, True if recorded is True else None)
        else:
            selected = values.get("hotspot") is True
            found[code] = (selected, False, recorded if isinstance(recorded, bool) else None)
    return found


def history_view(host: PluginHost, province: str, location: Location, *, commune: str | None = None,
                 first: int | None = None, last: int | None = None) -> HistoryView:
    """Every recorded year of ``province`` read back as the communes' paths and the programme's yearly figures."""
    spec = host.province(province)
    with open_store(location) as store:
        stored = stored_years(store, spec.slug, verdicts=True)
    if not stored:
        raise ChuyenhoaError(_("kho lịch sử {where} chưa có năm nào của tỉnh '{province}'").format(
            where=location.shown, province=spec.slug))
    shown = [s for s in stored if (first is None or s.year >= first) and (last is None or s.year <= last)]
    if not shown:
        raise ChuyenhoaError(_("kho lịch sử không có năm nào trong khoảng đã chọn (có các năm: {years})").format(
            years=", ".join(str(s.year) for s in stored)))
    by_year = {s.year: s for s in stored}
    outcomes = {s.year: _outcomes(s) for s in stored}
    first_transformed: dict[str, int] = {}  # code (as it was then) → first year transformed
    before: dict[int, dict[str, int]] = {}  # year → the communes transformed in earlier years
    for s in stored:
        before[s.year] = dict(first_transformed)
        for code, (_selected, _proposed, transformed) in outcomes[s.year].items():
            # a hotspot whose outcome the data could not decide counts as its ``transformed`` cell says, as the
            # engine counts an earlier year (chuyenhoa.method.history): what later years exclude and watch
            if transformed is True or (transformed is None and s.communes[code].get("transformed") is True):
                first_transformed.setdefault(code, s.year)
    transformed_goal, no_relapse_goal = _goals(spec, host, shown[-1].year)
    figures = tuple(_figures(s, outcomes[s.year], before[s.year], transformed_goal, no_relapse_goal) for s in shown)
    paths, quiet = _paths(spec, shown, by_year, outcomes, before, commune)
    return HistoryView(province=Province(slug=spec.slug, code=spec.code, name=spec.name), store=location.shown,
                       years=tuple(s.year for s in shown), transformed_goal=transformed_goal,
                       no_relapse_goal=no_relapse_goal, figures=figures, paths=paths, quiet=quiet)


def _present(code: str, since: int, stored: StoredYear) -> tuple[str, ...]:
    """The codes a commune of year ``since`` has in ``stored``'s year: itself, else its successors with rows."""
    if code in stored.communes:
        return (code,)
    return tuple(c for c in follow(code, since, stored.year) if c in stored.communes)


def _relapse(code: str, since: int, stored: StoredYear) -> bool | None:
    """Whether a commune transformed in ``since`` has relapsed in ``stored``'s year (None: unknown)."""
    flags = [stored.communes[c].get("relapsed") for c in _present(code, since, stored)]
    if any(flag is True for flag in flags):
        return True
    if flags and all(flag is False for flag in flags):
        return False
    return None


def _figures(stored: StoredYear, outcomes: Mapping[str, tuple[bool, bool, bool | None]], earlier: Mapping[str, int],
             transformed_goal: Goal | None, no_relapse_goal: Goal | None) -> YearFigures:
    selected = [t for s, _p, t in outcomes.values() if s]
    yes = sum(1 for t in selected if t is True)
    unknown = sum(1 for t in selected if t is None)
    share = share_bounds(yes, unknown, len(selected), _("địa bàn chuyển hóa thành công"))
    relapses = [_relapse(code, since, stored) for code, since in earlier.items()]
    stayed = sum(1 for r in relapses if r is False)
    relapsed = sum(1 for r in relapses if r is True)
    no_relapse = share_bounds(stayed, len(relapses) - stayed - relapsed, len(relapses),
                              _("địa bàn đã chuyển hóa không phức tạp trở lại"))
    if not relapses:
        no_relapse = Bounds(None, None, _("chưa có xã nào chuyển hóa thành công ở các năm trước trong kho lịch sử"))
    evaluated = stored.outcomes is not None
    return YearFigures(year=stored.year, hotspots=len(selected), transformed=yes, not_assessable=unknown,
                       transformed_share=share, transformed_status=_judge(transformed_goal, share),
                       earlier=len(relapses), stayed=stayed, relapsed=relapsed, no_relapse_share=no_relapse,
                       no_relapse_status=_judge(no_relapse_goal, no_relapse), evaluated=evaluated,
                       outside=_outside_groups(stored.year, sorted(stored.outside_plan)) if evaluated else (),
                       stale=stored.stale.year if stored.stale is not None else None)


def _paths(spec: ProvinceSpec, shown: Sequence[StoredYear], by_year: Mapping[int, StoredYear],
           outcomes: Mapping[int, Mapping[str, tuple[bool, bool, bool | None]]],
           before: Mapping[int, Mapping[str, int]], commune: str | None) -> tuple[tuple[CommunePath, ...], int]:
    """Each commune's cells over the years shown; a commune gone under its code is followed to its successors."""
    codes = sorted({code for s in shown for code in s.communes})
    last_seen: dict[str, int] = {}
    for year in sorted(by_year):
        for code in by_year[year].communes:
            last_seen[code] = year
    paths: list[CommunePath] = []
    quiet = 0
    for code in codes:
        cells: list[Cell] = []
        for s in shown:
            since = before[s.year].get(code)
            if code in s.communes:
                selected, proposed, transformed = outcomes[s.year][code]
                relapsed = s.communes[code].get("relapsed")
                cells.append(Cell(year=s.year, present=True, selected=selected, proposed=proposed,
                                  transformed=transformed if (selected or transformed) else None,
                                  relapsed=relapsed if isinstance(relapsed, bool) else None, transformed_in=since))
            elif last_seen.get(code, s.year) < s.year:
                followed = _present(code, last_seen[code], s)
                cells.append(Cell(year=s.year, present=False, followed=followed, transformed_in=since,
                                  relapsed=_relapse(code, since, s) if since is not None else None))
            else:
                cells.append(Cell(year=s.year, present=False))
        eventful = any(c.selected or c.transformed or c.relapsed or c.transformed_in is not None for c in cells)
        if commune is None and not eventful:
            quiet += 1
            continue
        paths.append(CommunePath(code=code, name=_name(spec, code, shown), cells=tuple(cells)))
    if commune is not None:
        wanted = {commune} | {c for p in paths if p.code == commune for cell in p.cells for c in cell.followed}
        wanted |= {p.code for p in paths if any(commune in cell.followed for cell in p.cells)}
        paths = [p for p in paths if p.code in wanted]
        if not paths:
            raise ChuyenhoaError(_("xã {commune} không có trong kho lịch sử ở các năm đã chọn").format(commune=commune))
    return tuple(paths), quiet


def _name(spec: ProvinceSpec, code: str, shown: Sequence[StoredYear]) -> str | None:
    """The commune's name: from the pack's map of the latest year it has a row, else as the data wrote it."""
    for s in reversed(shown):
        if code in s.communes:
            try:
                geography, _warning = spec.geography_for(s.year)
            except ChuyenhoaError:
                geography = None
            found = geography.commune(code) if geography is not None else None
            if found is not None:
                return found.name
            national = map_of(s.year).commune(code)  # a commune of a province merged into this one later
            if national is not None:
                return national[0].name
            name = s.communes[code].get("commune_name")
            return str(name) if name is not None else None
    return None

