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
* "so với năm trước" for a province formed from several (:func:`province_break`)
  is not assessable: the ``province`` table holds one row a year, that of the
  province as it stood that year, not the sum of the provinces merged into it.

Every function is cheap when the year does not cross the reform: it asks which
map two days are on and stops there.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import attrs

from chuyenhoa.errors import ChuyenhoaError
from chuyenhoa.i18n import _, language
from chuyenhoa.model import Geography, Province
from chuyenhoa.plugins.spec import ProvinceSpec
from chuyenhoa.reading.dataset import Dataset, check_geography

if TYPE_CHECKING:
    from chuyenhoa.reading.geography import Snapshot

# chuyenhoa.reading.geography is imported inside the functions: `import chuyenhoa` reads no map, and a run
# that never crosses the reform loads the module only to ask which map a year is on.

__all__ = ["Followed", "check_years", "crosses", "follow", "map_of", "previous_values", "province_break",
           "year_end"]


def year_end(year: int) -> dt.date:
    """The day a year's verdicts are given on: the map in force then is the map of the year's rows."""
    return dt.date(year, 12, 31)


@functools.lru_cache(maxsize=256)
def map_of(year: int) -> Snapshot:
    """The national snapshot of ``year``'s rows (the one in force on 31/12)."""
    from chuyenhoa.reading.geography import snapshot_on

    return snapshot_on(year_end(year))


def crosses(year: int) -> bool:
    """Whether ``year`` and the year before are on different maps (2025: the reform of 01/07/2025)."""
    return map_of(year).map_id != map_of(year - 1).map_id


def _dmy(day: dt.date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else "?"


# --- checking the codes of every year on its own map -------------------------------------------------------


def check_years(spec: ProvinceSpec, dataset: Dataset, year: int, geography: Geography) -> list[str]:
    """Check the codes of each year's rows on the map of that year; the warnings (names that differ).

    The rows of ``year`` and of the years on its map are checked against the
    province's geography of each year (``geography`` for ``year`` itself); the
    rows of a year on another map against the units, on that map, of the provinces
    that became the province (Tây Ninh and Long An for a 2024 row of the new Tây
    Ninh) or that it became.  An old code in a row of a later year is then refused
    with its successors named (:func:`chuyenhoa.reading.geography.code_elsewhere`).
    """
    groups: dict[int, tuple[Geography, list[int]]] = {}
    for other in dataset.years:
        if not dataset.rows_of_year(other):
            continue
        if other == year:
            chosen = geography
        elif map_of(other).map_id == map_of(year).map_id:
            chosen = spec.geography_for(other)[0]
        else:
            chosen = _area(geography, other) or spec.geography_for(other)[0]
        groups.setdefault(id(chosen), (chosen, []))[1].append(other)
    if len(groups) <= 1:
        return check_geography(dataset, geography if not groups else next(iter(groups.values()))[0])
    warnings: list[str] = []
    for chosen, years in groups.values():
        warnings.extend(check_geography(dataset, chosen, years=years))
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


@attrs.frozen
class Followed:
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
    """Why the ``province`` table's row of the year before cannot be compared with ``year``'s; None when it can.

    Within one map it can.  Across the reform it can when the province is the one
    province it was before, whole (Hà Nội); a province formed from several (Tây
    Ninh from Tây Ninh and Long An) would need their sum, and the table holds one
    row a year, for the province as it stood then.
    """
    from chuyenhoa.reading.geography import UnknownUnitError, province_lineage

    if not crosses(year):
        return None
    try:
        found = province_lineage(province.code, year_end(year))
    except (UnknownUnitError, ChuyenhoaError):
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

