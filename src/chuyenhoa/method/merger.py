"""Across the reform of 01/07/2025: which map a year's rows are on, and what carries over from one map to the next.

A data file may hold years on both maps: the rows of a year are on the map in
force at its end (its verdicts are given on 31/12), so 2024 is on the list of
04/01/2025 (63 provinces, with districts) and 2025 on the list of 01/07/2025.
Codes were reused (25459 is Phường 3 in 2024, Phường Tân Ninh in 2025), so a row
is only ever read with the map of its year, and what an earlier year says about a
commune reaches a later year only through the official conversion table.

The readings applied here are written in every output that uses them (and in
``docs/geography.md``, "History across the merger"):

* a commune transformed under its old code is followed under each new commune it
  went into (:func:`follow`): that commune leaves the list and is watched for
  relapse by its own ``relapsed`` cell; an old commune split between several new
  ones is followed in each of them, and the output names it;
* "so với năm trước" for a merged commune (the crime gate) takes the sum of its
  predecessors' figures when every predecessor passed whole and has one
  (:func:`previous_values`); otherwise the verdict is not assessable, with why;
* "so với năm trước" for a province formed from several (:func:`province_figures`)
  takes the sum of the rows of the year before of the provinces it was formed
  from, each naming its province in ``province_code`` (counts add up; a rate is
  worked out again from its two counts, or is not known); a table whose rows name
  no province is not assessable (:func:`province_break`): its one row a year is the
  province as it stood that year, not that sum.

Every function is cheap when the year does not cross the reform: it asks which
map two days are on and stops there.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, cast

import attrs

from chuyenhoa.errors import CellError, ChuyenhoaError
from chuyenhoa.i18n import _, language
from chuyenhoa.model import FieldsRepr, Geography, Indicator, Province, ValueKind
from chuyenhoa.plugins.spec import ProvinceSpec
from chuyenhoa.reading.dataset import Dataset, check_geography
from chuyenhoa.reading.problems import PROVINCE_TABLE, Problems

if TYPE_CHECKING:
    from chuyenhoa.reading.geography import ProvinceLineage, ProvinceUnit, Snapshot

# chuyenhoa.reading.geography is imported inside the functions: `import chuyenhoa` reads no map, and a run
# that never crosses the reform does not load it at all (which map a year is on: chuyenhoa.reading.maps).

__all__ = ["Figure", "Followed", "ProvinceFigures", "check_years", "crosses", "follow", "map_id_of", "map_of",
           "previous_values", "province_break", "province_figures", "summed_provinces", "year_end"]


def year_end(year: int) -> dt.date:
    """The day a year's verdicts are given on: the map in force then is the map of the year's rows."""
    return dt.date(year, 12, 31)


@functools.lru_cache(maxsize=256)
def map_of(year: int) -> Snapshot:
    """The national snapshot of ``year``'s rows (the one in force on 31/12)."""
    from chuyenhoa.reading.geography import snapshot_on

    return snapshot_on(year_end(year))


@functools.lru_cache(maxsize=256)
def map_id_of(year: int) -> str:
    """``map_of(year).map_id`` from ``index.json`` alone (:func:`chuyenhoa.reading.maps.map_on`): a run within one
    map then never builds the national lists."""
    from chuyenhoa.reading.maps import map_on

    return map_on(year_end(year))


def crosses(year: int) -> bool:
    """Whether ``year`` and the year before are on different maps (2025: the reform of 01/07/2025)."""
    return map_id_of(year) != map_id_of(year - 1)


def _dmy(day: dt.date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else "?"


# --- checking the codes of every year on its own map -------------------------------------------------------


def check_years(spec: ProvinceSpec, dataset: Dataset, year: int, geography: Geography, *,
                problems: Problems | None = None) -> list[str]:
    """Check the codes of each year's rows on the map of that year; the warnings (names that differ).

    The rows of ``year`` and of the years on its map are checked against the
    province's geography of each year (``geography`` for ``year`` itself); the
    rows of a year on another map against the units, on that map, of the provinces
    that became the province (Tây Ninh and Long An for a 2024 row of the new Tây
    Ninh) or that it became.  An old code in a row of a later year is then refused
    with its successors named (:func:`chuyenhoa.reading.geography.code_elsewhere`).
    The ``province_code`` of each row of the ``province`` table is checked the same
    way: the province itself on its map, a province it was formed from on the other.
    Bad codes are raised together, or added to ``problems`` (those of a file the
    reader refuses for its cells: :func:`chuyenhoa.reading.dataset.read_dataset`).
    """
    groups: dict[int, tuple[Geography, list[int]]] = {}
    for other in dataset.years:
        if not dataset.rows_of_year(other):
            continue
        if other == year:
            chosen = geography
        elif map_id_of(other) == map_id_of(year):
            chosen = spec.geography_for(other)[0]
        else:
            chosen = _area(geography, other) or spec.geography_for(other)[0]
        groups.setdefault(id(chosen), (chosen, []))[1].append(other)
    if len(groups) <= 1:
        warnings = check_geography(dataset, geography if not groups else next(iter(groups.values()))[0],
                                   problems=problems)
    else:
        warnings = []
        for chosen, years in groups.values():
            warnings.extend(check_geography(dataset, chosen, years=years, problems=problems))
    _check_province_codes(dataset, year, geography, problems)
    return warnings


def _area(geography: Geography, year: int) -> Geography | None:
    """The units, on ``year``'s map, of the provinces linked to ``geography``'s province by the reform.

    None when the national lists do not know the province (a test's own pack).
    """
    from chuyenhoa.reading.geography import UnknownUnitError

    try:
        return _linked_area(geography.province.code, geography.as_of, year_end(year), language())
    except (UnknownUnitError, ChuyenhoaError):
        return None


@functools.lru_cache(maxsize=64)
def _linked_area(code: str, day: dt.date, other_day: dt.date, _language: str) -> Geography | None:
    from chuyenhoa.reading.geography import province_lineage, snapshot_on

    found = province_lineage(code, day)
    linked = found.predecessors if other_day < day else found.successors
    if not linked:
        return None
    target = snapshot_on(other_day)
    parts = [target.geography(unit.code) for unit in linked]
    return Geography(
        province=Province(slug=found.province.slug, code=found.province.code,
                          name=", ".join(part.province.name for part in parts)),
        as_of=target.as_of,
        districts=[d for part in parts for d in part.districts],
        communes=[c for part in parts for c in part.communes],
        source=parts[0].source,
    )


# --- transformed communes followed under their successors ----------------------------------------------------


@attrs.frozen(repr=False)
class Followed(FieldsRepr):
    """Communes transformed before a year, on that year's map, and the readings applied to get there."""

    #: commune code on the year's map → the first year it (or a commune it took in) was transformed
    transformed: Mapping[str, int]
    #: new commune → the old communes it is followed for (only those followed across the reform)
    via: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict)
    notes: tuple[str, ...] = ()


def follow(by_map: Mapping[str, Mapping[str, int]], year: int) -> Followed:
    """The communes transformed in earlier years (``map id → code → year``), on the map of ``year``.

    Those of ``year``'s map stay as they are.  Each one of an earlier map is
    followed under every commune it went into by the conversion table: that
    commune leaves the list (7488/KH-UBND §III.2) and its own ``relapsed`` cell says
    whether the transformed area became complex again (§II.1).  The readings are
    returned as notes: one for the rule, one for each old commune split between
    several new ones (followed in each) and each that went into none.
    """
    from chuyenhoa.reading.geography import lineage

    target = map_of(year)
    transformed: dict[str, int] = dict(by_map.get(target.map_id, {}))
    via: dict[str, list[str]] = {}
    split: list[str] = []
    lost: list[str] = []
    crossed = 0
    conversion = None
    for map_id, communes in by_map.items():
        if map_id == target.map_id:
            continue
        for code, when in sorted(communes.items()):
            found = lineage(code, year_end(when))
            conversion = found.went_by or conversion
            name = f"{code} {found.name}" if found.name else code
            if not found.successors:
                lost.append(_("{commune} (năm {year})").format(commune=name, year=when))
                continue
            crossed += 1
            for successor in found.successors:
                transformed[successor.code] = min(when, transformed.get(successor.code, when))
                via.setdefault(successor.code, []).append(code)
            if found.split or len(found.successors) > 1 or any(s.partly for s in found.successors):
                split.append(_("{commune} (năm {year}) → {into}").format(
                    commune=name, year=when, into=", ".join(
                        f"{s.code} {s.name}" + (_(" (một phần)") if s.partly else "") for s in found.successors)))
    notes: list[str] = []
    if crossed or lost:
        table = conversion.description if conversion else _("bảng chuyển đổi đơn vị hành chính cấp xã")
        since = _dmy(conversion.date) if conversion else "?"
        notes.append(_(
            "Xã chuyển hóa thành công trước {date} được theo dõi tiếp dưới mã của xã mới nhận nó ({table}): xã mới "
            "ra khỏi diện chuyển hóa, và được xét tái phức tạp theo ô relapsed của chính nó; {count} xã cũ → "
            "{new} xã mới").format(date=since, table=table, count=crossed,
                                   new=len([c for c in transformed if c in via])))
    if split:
        notes.append(_("Xã cũ bị chia tách, được theo dõi tiếp ở mọi xã mới nhận một phần của nó (mỗi xã mới tính "
                       "một lần): {communes}").format(communes="; ".join(split)))
    if lost:
        notes.append(_("Xã chuyển hóa thành công không có xã mới nào trong bảng chuyển đổi (đã sáp nhập trước "
                       "{date}), không theo dõi tiếp được: {communes}").format(
            date=_dmy(conversion.date) if conversion else "?", communes="; ".join(lost)))
    return Followed(transformed=transformed, via={k: tuple(v) for k, v in via.items()}, notes=tuple(notes))


# --- last year's figure of a commune or a province -----------------------------------------------------------


def previous_values(dataset: Dataset, codes: Sequence[str], year: int, column: str
                    ) -> tuple[list[object], list[str | None]]:
    """Each commune's ``column`` in the year before ``year``, and for each the words that say how it was found.

    Within one map, the commune's own row.  Across the reform, the sum of its
    predecessors' rows when every one passed whole into it and has a value; else
    None, and the words say which predecessor passed only in part or lacks the
    figure (the verdict that needs it is then not assessable).
    """
    if not crosses(year):
        return dataset.communes.values_at(column, dataset.rows_at(codes, year - 1)), [None] * len(codes)
    found = [_summed(dataset, code, year, column) for code in codes]
    return [value for value, _words in found], [words for _value, words in found]


def _summed(dataset: Dataset, code: str, year: int, column: str) -> tuple[object, str]:
    from chuyenhoa.reading.geography import UnknownUnitError, lineage

    previous = year - 1
    try:
        found = lineage(code, year_end(year))
    except UnknownUnitError:
        return None, _("mã {code} không có trong danh mục năm {year}").format(code=code, year=year)
    if not found.predecessors:
        return None, _("xã không được lập từ xã nào của năm {year}: không có số liệu để so sánh").format(
            year=previous)
    conversion = found.came_by
    partly = [p for p in found.predecessors
              if p.partly or (conversion is not None and conversion.split(p.code))]
    names = {p.code: f"{p.code} {p.name}" if p.name else p.code for p in found.predecessors}
    if partly:
        return None, _("xã cũ {communes} chỉ nhập một phần vào xã này (hoặc chia cho nhiều xã mới): không cộng được "
                       "số liệu năm {year}").format(communes=", ".join(names[p.code] for p in partly), year=previous)
    values = [dataset.commune_value(p.code, previous, column) for p in found.predecessors]
    missing = [names[p.code] for p, value in zip(found.predecessors, values, strict=True) if value is None]
    if missing:
        return None, _("thiếu số liệu năm {year} của xã cũ {communes}").format(year=previous,
                                                                             communes=", ".join(missing))
    total = sum(values)  # type: ignore[arg-type]  # counts: the gate reads a count column
    return total, _("năm {year} là tổng của các xã cũ {communes}").format(
        year=previous, communes=", ".join(names[p.code] for p in found.predecessors))


def province_break(province: Province, year: int) -> str | None:
    """Why a ``province`` table without province codes cannot give the year before ``year``; None when it can.

    Within one map it can.  Across the reform it can when the province is the one
    province it was before, whole (Hà Nội); a province formed from several (Tây
    Ninh from Tây Ninh and Long An) needs their rows of the year before, each naming
    its province in ``province_code`` (:func:`province_figures` adds them up): a row
    that names none stands for the province as it stood that year, not for their sum.
    """
    found = _lineage_across(province, year)
    if found is None:
        return None
    before = found.predecessors
    if len(before) == 1 and before[0].slug == found.province.slug:
        return None
    if not before:
        return _("{province} không có tỉnh nào trước ngày {date}: không có số liệu năm {year} để so sánh").format(
            province=found.province.full_name, date=_dmy(map_of(year).valid_from), year=year - 1)
    return _("{province} từ {date} được lập từ {provinces}: so với năm {year} cần tổng số liệu của các tỉnh đó, mà "
             "bảng province chỉ có một dòng mỗi năm (của tỉnh như năm đó): không so sánh được").format(
        province=found.province.full_name, date=_dmy(map_of(year).valid_from),
        provinces=", ".join(f"{p.full_name} ({p.code})" for p in before), year=year - 1)


def _lineage_across(province: Province, year: int) -> ProvinceLineage | None:
    """The province on ``year``'s map with those it was formed from, when ``year`` and the year before are on two
    maps; None within one map, or for a province the national lists do not know (a test's own pack)."""
    if not crosses(year):
        return None
    from chuyenhoa.reading.geography import UnknownUnitError, province_lineage

    try:
        return province_lineage(province.code, year_end(year))
    except (UnknownUnitError, ChuyenhoaError):
        return None


def summed_provinces(province: Province, year: int) -> tuple[ProvinceUnit, ...]:
    """The provinces whose rows of the year before ``year`` add up to ``province``'s: none when its own row serves.

    For Tây Ninh in 2025, Tỉnh Tây Ninh (72) and Tỉnh Long An (80) on the map of
    2024: the template offers a row of 2024 for each, their codes filled in.
    """
    found = _lineage_across(province, year)
    if found is None or len(found.predecessors) < 2:
        return ()
    return found.predecessors


def _names(units: Sequence[ProvinceUnit]) -> str:
    return _(" và ").join(f"{unit.full_name} ({unit.code})" for unit in units)


# --- the province table's figures of a year and of the year before -------------------------------------------


@attrs.frozen(repr=False)
class Figure(FieldsRepr):
    """A figure of the ``province`` table, and the words that go with it.

    ``note`` says how a figure was found when it is not one row's cell (the sum of
    the provinces merged into the one evaluated); ``missing`` why there is none,
    when more than an empty cell of the province's own row is to be said.
    """

    value: object
    note: str | None = None
    missing: str | None = None


@attrs.frozen(repr=False)
class ProvinceFigures(FieldsRepr):
    """The ``province`` table's figures of one province: of the year evaluated, and of the year before.

    A row names its province in ``province_code`` (on the map of its year) or names
    none, and then stands for the province evaluated.  Within one map the year
    before is the province's own row.  For a province formed on 01/07/2025 from
    several (Tây Ninh from Tây Ninh and Long An), the year before is the sum of the
    rows of ``summed``, one for each, every one a province that went whole into it:
    counts add up; a rate is worked out again from its two counts (``numerator``,
    ``denominator`` of its indicator) or is not known, since rates of provinces of
    different sizes do not add or average.  ``broken`` says why the year before
    cannot be had at all (a table whose rows name no province, one that names some
    of them only).
    """

    dataset: Dataset
    year: int
    #: the province's code on the map of ``year`` (its row of that year), None when the data name no province
    code: str | None = None
    #: the code of the province's own row of the year before, when that row serves
    previous_code: str | None = None
    summed: tuple[ProvinceUnit, ...] = ()
    broken: str | None = None
    #: the plan's own indicators, beside the core ones: the kind of a column, a rate's counts
    indicators: tuple[Indicator, ...] = ()
    #: column id → label, to name a column as the template heads it
    labels: Mapping[str, str] = attrs.field(factory=dict)

    def current(self, column: str) -> object:
        """``column`` in the province's row of the year evaluated."""
        return self.dataset.province_value(self.year, column, self.code)

    def has_current(self) -> bool:
        return self.dataset.province_row(self.year, self.code) is not None

    def previous(self, column: str) -> Figure:
        """``column`` for the province in the year before: its own row's cell, or the sum over ``summed``."""
        if self.broken is not None:
            return Figure(None, missing=self.broken)
        if not self.summed:
            return Figure(self.dataset.province_value(self.year - 1, column, self.previous_code))
        return self._summed(column)

    def _label(self, column: str) -> str:
        return self.labels.get(column) or column

    def _summed(self, column: str) -> Figure:
        from chuyenhoa.reading.indicators import catalogue

        previous = self.year - 1
        table = self.dataset.province
        rows = self.dataset.province_rows(previous)
        indicator = catalogue(self.indicators).get(column)
        kind = indicator.kind if indicator is not None else None
        counts: tuple[str, ...]
        if kind is ValueKind.RATE and indicator is not None and indicator.numerator and indicator.denominator:
            counts = (indicator.numerator, indicator.denominator)
        elif kind is ValueKind.COUNT:
            counts = (column,)
        elif kind is ValueKind.RATE:
            return Figure(None, missing=_(
                "“{column}” là một tỷ lệ: tỷ lệ năm {year} của {provinces} không cộng được, và không có số đếm (tử "
                "số, mẫu số) để tính lại tỷ lệ chung").format(column=self._label(column), year=previous,
                                                            provinces=_names(self.summed)))
        else:
            return Figure(None, missing=_("“{column}” năm {year} của {provinces} không cộng được").format(
                column=self._label(column), year=previous, provinces=_names(self.summed)))
        assert table is not None  # summed is set only when the year before has a row for each province
        sums: list[float] = []
        for count in counts:
            values = [table.value(count, rows[unit.code]) for unit in self.summed]
            empty = [unit for unit, value in zip(self.summed, values, strict=True) if value is None]
            if empty:
                return Figure(None, missing=_("ô “{column}” năm {year} của {provinces} để trống").format(
                    column=self._label(count), year=previous, provinces=_names(empty)))
            sums.append(sum(cast("list[float]", values)))
        if len(counts) == 1:
            return Figure(int(sums[0]), note=_("năm {year} là tổng của {provinces}").format(
                year=previous, provinces=_names(self.summed)))
        if sums[1] == 0:
            return Figure(None, missing=_("“{column}” năm {year} của {provinces} bằng 0: không tính được tỷ lệ "
                                          "chung").format(column=self._label(counts[1]), year=previous,
                                                          provinces=_names(self.summed)))
        return Figure(100.0 * sums[0] / sums[1], note=_(
            "năm {year} là tỷ lệ chung của {provinces}: 100 × {numerator} ÷ {denominator}").format(
            year=previous, provinces=_names(self.summed), numerator=self._label(counts[0]),
            denominator=self._label(counts[1])))

    def note(self, targets: Sequence[str]) -> str | None:
        """The reading applied, for the notes of every output: which provinces' rows made the year before of
        ``targets`` (the labels of the targets compared with it); None when none was summed."""
        if not self.summed or not targets:
            return None
        return _("So với năm trước ({targets}): số liệu năm {year} là tổng các dòng của {provinces} trong bảng "
                 "province (mỗi dòng ghi mã tỉnh theo danh mục năm {year}); các tỉnh này nhập nguyên vẹn vào "
                 "{province} từ {date}. Tỷ lệ không cộng được, chỉ tính lại từ số đếm.").format(
            targets="; ".join(targets), year=self.year - 1, provinces=_names(self.summed),
            province=self._province_name(), date=_dmy(map_of(self.year).valid_from))

    def _province_name(self) -> str:
        from chuyenhoa.reading.geography import province_on

        return province_on(self.code or "", year_end(self.year)).full_name if self.code else ""


def province_figures(dataset: Dataset, province: Province, year: int, *, indicators: Sequence[Indicator] = (),
                     labels: Mapping[str, str] | None = None) -> ProvinceFigures:
    """The ``province`` table's figures of ``province`` for ``year`` and the year before (:class:`ProvinceFigures`).

    Cheap within one map: it asks which map the two years are on.  Across the
    reform, for a province formed from several, the rows of the year before must
    each name one of them (``province_code``): without the column, the reading of
    :func:`province_break`; with it, every province the new one was formed from needs
    its row, and each must have gone into it whole (the sum of whole provinces is
    the new province's figure; a part of one is not known).
    """
    named = dataset.province is not None and dataset.province.has("province_code")
    plain = ProvinceFigures(dataset=dataset, year=year, code=province.code if named else None,
                            previous_code=province.code if named else None, indicators=tuple(indicators),
                            labels=labels if labels is not None else {})
    found = _lineage_across(province, year)
    if found is None:
        return plain
    before = found.predecessors
    if len(before) == 1 and before[0].slug == found.province.slug:
        return attrs.evolve(plain, previous_code=before[0].code if named else None)
    reason = province_break(province, year)
    if not before or not named:
        return attrs.evolve(plain, broken=reason)
    rows = dataset.province_rows(year - 1)
    absent = [unit for unit in before if unit.code not in rows]
    if absent:
        return attrs.evolve(plain, broken=_(
            "{province} từ {date} được lập từ {provinces}: so với năm {year} cần dòng năm {year} của từng tỉnh trong "
            "bảng province (cột “{column}”), thiếu dòng của {absent}").format(
            province=found.province.full_name, date=_dmy(map_of(year).valid_from), provinces=_names(before),
            year=year - 1, column=plain._label("province_code"), absent=_names(absent)))
    partly = [unit for unit in before if _went_partly(unit, found.province, year)]
    if partly:
        return attrs.evolve(plain, broken=_(
            "{provinces} chỉ nhập một phần vào {province}: số liệu năm {year} của tỉnh đó không cộng được").format(
            provinces=_names(partly), province=found.province.full_name, year=year - 1))
    return attrs.evolve(plain, summed=tuple(before))


def _went_partly(unit: ProvinceUnit, into: ProvinceUnit, year: int) -> bool:
    """Whether only part of ``unit`` (on the map of the year before ``year``) went into ``into``: it has another
    successor too.  No province did on 01/07/2025 (each went whole into one), but a sum must not rest on it."""
    from chuyenhoa.reading.geography import province_lineage

    successors = province_lineage(unit.code, year_end(year - 1)).successors
    return [s.code for s in successors] != [into.code]


def _check_province_codes(dataset: Dataset, year: int, geography: Geography, problems: Problems | None) -> None:
    """Each ``province_code`` names, on its row's map, the province evaluated or one linked to it by the reform.

    A row of a year on ``year``'s map must name the province itself; a row of a year
    on the other map one of the provinces it was formed from (or went into).  A code
    is checked on the map of its row's year: 80 is Long An in a 2024 row, Tây Ninh in
    a 2025 row.  A province the national lists do not know (a test's own pack) is
    not checked.
    """
    table = dataset.province
    if table is None or not table.has("province_code"):
        return
    from chuyenhoa.reading.geography import UnknownUnitError, province_lineage

    try:
        found = province_lineage(geography.province.code, year_end(year))
    except (UnknownUnitError, ChuyenhoaError):
        return
    found_problems = Problems() if problems is None else problems
    allowed: dict[str, tuple[ProvinceUnit, ...]] = {}
    for index, (row_year, code) in enumerate(zip(table.columns["year"], table.columns["province_code"],
                                                  strict=True)):
        if row_year is None or code is None:
            continue
        when = cast("int", row_year)
        snapshot = map_of(when)
        if snapshot.map_id not in allowed:
            allowed[snapshot.map_id] = (found.province,) if snapshot.map_id == found.snapshot.map_id else \
                found.predecessors if when < year else found.successors
        units = allowed[snapshot.map_id]
        if any(unit.code == code for unit in units):
            continue
        named = snapshot.find_province(str(code))
        message = _("năm {year}, mã tỉnh {code}{named} không phải {expected} ({snapshot})").format(
            year=when, code=code, named=f" ({named.full_name})" if named else "",
            expected=_("mã của {province}").format(province=found.province.full_name)
            if units == (found.province,) else _("mã của một tỉnh hợp thành {province}: {units}").format(
                province=found.province.full_name, units=_names(units)) if when < year else
            _("mã của tỉnh mà {province} nhập vào: {units}").format(province=found.province.full_name,
                                                                    units=_names(units)),
            snapshot=snapshot.description)
        # listed with the province table's rows, also when the communes' codes are checked beside them
        found_problems.add(CellError(table.path or table.file, table.row_numbers[index], "province_code", message,
                                     table.sheet), table=PROVINCE_TABLE)
    if problems is None:
        found_problems.raise_any()
