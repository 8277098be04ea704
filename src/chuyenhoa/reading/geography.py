"""Dated geography: which administrative units were in force on a day, under which codes and names.

A GSO code names a unit only together with a date.  On 01/07/2025 Vietnam went
from 63 provinces in three levels (province, district, commune) to 34 in two
(province, commune), and codes were reused: province 80 was Long An until
30/06/2025 and is Tây Ninh from 01/07/2025 (Tây Ninh was 72), and most new
communes carry the code of one of the communes they absorbed.  So nothing here
looks a code up in "the" map: every lookup takes a date.

What chuyenhoa ships (``chuyenhoa/data/geography``, generated from GSO codes by
``tools/generate_geography.py``; no run-time dependency on ``vietnam-provinces``):

* national **snapshots**, each a list of every province and commune in force over
  a period: the 63-province list of 04/01/2025 (used until 30/06/2025, the
  earliest chuyenhoa has) and the 34-province list in force from 01/07/2025.
  Where the newest data renames a province (Đồng Nai, Quảng Ninh, Bắc Ninh called
  "Thành phố" in the data of 20/09/2026), the later name is a snapshot of its own
  from the date of that data, over the same units and codes;
* the official **conversion table** of 01/07/2025 (old commune → new communes,
  with the communes that passed only in part), both directions.

The API, for a day ``d`` (a :class:`datetime.date` or an ISO string):

* :func:`snapshot_on` ``(d)``: the national :class:`Snapshot` in force, whose
  :attr:`~Snapshot.description` names it in words a reader understands;
* :func:`province_on` ``(code_or_slug_or_name, d)``: a :class:`ProvinceUnit`;
* :func:`geography_for` ``(province, d)``: the :class:`~chuyenhoa.model.Geography`
  of one province, what the method evaluates against;
* :func:`lineage` ``(code, d)``: a commune with its validity, predecessors and
  successors (:class:`Lineage`); :func:`province_lineage` the same for a province.

The files are read on first use and kept (a few milliseconds each), so importing
chuyenhoa reads none of them.  :func:`load_geography` still reads a pack's own
one-province snapshot file.  It, ``index.json`` and the days each map is in force come
from :mod:`chuyenhoa.reading.maps`, which an evaluation within one map asks instead of
importing this module.
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from chuyenhoa.errors import ChuyenhoaError, DataError
from chuyenhoa.i18n import _, language
from chuyenhoa.model import Commune, CommuneKind, District, FieldsRepr, Geography, Province
from chuyenhoa.reading.maps import (  # a pack's map, the index and the maps' days: read there, without the lists
    DATA,
    UnknownUnitError,
    load_geography,
    read_index,
    shipped,
    source_words,
)

if TYPE_CHECKING:
    from chuyenhoa.reading.maps import Span

__all__ = [
    "DATA",
    "Conversion",
    "Lineage",
    "LinkedUnit",
    "ProvinceLineage",
    "ProvinceUnit",
    "Snapshot",
    "UnknownUnitError",
    "code_elsewhere",
    "geography_for",
    "lineage",
    "load_geography",
    "merged_province",
    "province_lineage",
    "province_on",
    "slugify",
    "snapshot_on",
    "snapshots",
]

# --- names as people type them ----------------------------------------------------------------------------

#: đ and Đ have no decomposition: they are mapped by code point (kept out of string constants).
_D = str.maketrans({0x0111: "d", 0x0110: "d"})
#: What may precede a province's name as typed, once folded: "Tỉnh", "Thành phố", "TP.".
_PROVINCE_PREFIXES = ("tinh", "thanhpho", "tp")


def slugify(name: str) -> str:
    """The ASCII form of a name: no marks, no spaces or punctuation, lower case ("Hồ Chí Minh" → "hochiminh").

    Tone marks go whatever vowel they were typed on, so "Hòa" and "Hoà" fold alike;
    the slugs of the provinces of one snapshot are checked to be distinct.
    """
    decomposed = unicodedata.normalize("NFD", name.translate(_D).casefold())
    return "".join(ch for ch in decomposed if ch.isascii() and ch.isalnum())


def _province_keys(query: str) -> set[str]:
    folded = slugify(query)
    keys = {folded}
    for prefix in _PROVINCE_PREFIXES:
        if folded.startswith(prefix) and len(folded) > len(prefix):
            keys.add(folded[len(prefix):])
    return keys


def _day(value: dt.date | str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ChuyenhoaError(_("'{text}' không phải ngày; cần 2024-12-31").format(text=value)) from None


def _dmy(day: dt.date) -> str:
    return f"{day:%d/%m/%Y}"


def _commune_code(code: str | int) -> str:
    text = str(code).strip()
    if not text.isdigit() or len(text) > 5:
        raise UnknownUnitError(_("'{code}' không phải mã đơn vị hành chính cấp xã (tối đa 5 chữ số)").format(
            code=code))
    return text.zfill(5)


# --- the values this module gives ---------------------------------------------------------------------------


@attrs.frozen(repr=False)
class ProvinceUnit(FieldsRepr):
    """A province as one snapshot lists it: its code, name and slug hold on that snapshot's days only."""

    code: str
    #: without "Tỉnh"/"Thành phố": "Tây Ninh"
    name: str
    #: as the data writes it: "Tỉnh Tây Ninh", "Thành phố Đồng Nai"
    full_name: str
    #: the ASCII name, unique on the snapshot: "tayninh", "hochiminh"
    slug: str


@attrs.frozen(repr=False)
class LinkedUnit(FieldsRepr):
    """A commune at the other end of a conversion: a predecessor or a successor.

    ``partly`` is the table's flag for this pair: only part of the old commune
    passed into the new one ("Nhập một phần").  ``name`` and ``kind`` are None for
    an old commune the table names by code only (see ``docs/geography.md``).
    """

    code: str
    name: str | None
    kind: CommuneKind | None
    province: ProvinceUnit
    partly: bool

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "name": self.name, "partly": self.partly}


@attrs.frozen(repr=False)
class Lineage(FieldsRepr):
    """A commune on a day: what it is, how long its map holds, where it came from and where it went.

    ``valid_from`` and ``valid_to`` are the first and last day of the map that lists
    the unit: None where the data do not say (the units of the earliest list were
    created on days chuyenhoa does not have; a unit of the newest list is still in
    force).  A unit merged between two lists shows the end of the map it is listed
    in.  ``listed`` is False for an old commune known only from the conversion
    table (created after 04/01/2025, gone on 01/07/2025).  ``split`` is the table's
    flag for an old commune as a whole (it went into several new ones, or only in
    part); None for a new commune.
    """

    code: str
    name: str | None
    kind: CommuneKind | None
    province: ProvinceUnit
    district_code: str | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    predecessors: tuple[LinkedUnit, ...]
    successors: tuple[LinkedUnit, ...]
    snapshot: Snapshot
    listed: bool = True
    split: bool | None = None
    #: the conversion into the unit's map and the one out of it (None: chuyenhoa has no list before or after)
    came_by: Conversion | None = None
    went_by: Conversion | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON of ``chuyenhoa lineage --format json`` (``docs/geography.md``)."""
        return {
            "code": self.code, "name": self.name, "kind": self.kind.value if self.kind else None,
            "province": {"code": self.province.code, "name": self.province.name},
            "valid_from": self.valid_from.isoformat() if self.valid_from else None,
            "valid_to": self.valid_to.isoformat() if self.valid_to else None,
            "predecessors": [u.to_dict() for u in self.predecessors],
            "successors": [u.to_dict() for u in self.successors],
        }


@attrs.frozen(repr=False)
class ProvinceLineage(FieldsRepr):
    """A province on a day, with the provinces it was formed from and those it went into."""

    province: ProvinceUnit
    valid_from: dt.date | None
    valid_to: dt.date | None
    predecessors: tuple[ProvinceUnit, ...]
    successors: tuple[ProvinceUnit, ...]
    snapshot: Snapshot


# --- the files ----------------------------------------------------------------------------------------------


def _read_gzip_json(path: Path) -> dict[str, Any]:
    import gzip

    try:
        data: dict[str, Any] = json.loads(gzip.decompress(path.read_bytes()).decode("utf-8"))
    except (OSError, ValueError) as exc:
        raise DataError(_("{path}: không đọc được danh mục đơn vị hành chính: {error}").format(
            path=path, error=exc)) from exc
    return data


class _Map:
    """One national list as generated: its file is read the first time a unit of it is asked for."""

    def __init__(self, folder: Path, entry: Mapping[str, Any]) -> None:
        self.id: str = entry["id"]
        self.path = folder / entry["file"]
        self.levels: int = int(entry["levels"])
        self.entry = entry
        self._provinces: dict[str, dict[str, Any]] | None = None
        self._communes: dict[str, tuple[str, list[str]]] | None = None

    @property
    def provinces(self) -> dict[str, dict[str, Any]]:
        """Raw province records by code, in code order."""
        if self._provinces is None:
            data = _read_gzip_json(self.path)
            self._provinces = {p["code"]: p for p in data["provinces"]}
        return self._provinces

    @property
    def units(self) -> list[list[str]]:
        """``[code, name, full name]`` of every province, in code order: from ``index.json``'s ``province_list``,
        so that naming a province (the listing, an old name asked for) reads no map file; else from the file."""
        listed: list[list[str]] | None = self.entry.get("province_list")
        if listed is None:
            listed = [[code, p["name"], p["full_name"]] for code, p in self.provinces.items()]
        return listed

    @property
    def communes(self) -> dict[str, tuple[str, list[str]]]:
        """Every commune row by code, with its province code: built once, on the first commune lookup."""
        if self._communes is None:
            self._communes = {row[0]: (code, row) for code, p in self.provinces.items() for row in p["communes"]}
        return self._communes


@attrs.frozen(eq=False, repr=False)
class Snapshot(FieldsRepr):
    """One dated national list of units: in force from ``valid_from`` to ``valid_to`` (None: open).

    ``as_of`` is the day the list records; ``map_id`` names the list of units and
    codes it belongs to: two snapshots of one map (a later name of a province) hold
    the same units under the same codes.
    """

    id: str
    map_id: str
    as_of: dt.date
    valid_from: dt.date | None
    valid_to: dt.date | None
    has_districts: bool
    province_count: int
    commune_count: int
    #: names a later data gives the provinces of this map, by code ("Thành phố Đồng Nai"), from ``as_of``
    full_names: Mapping[str, str]
    #: the day of the data that gave ``full_names``; None for the map as first generated
    named_on: dt.date | None
    source: Mapping[str, Any] = attrs.field(repr=False)
    _map: _Map = attrs.field(repr=False)
    _memo: dict[object, Any] = attrs.field(factory=dict, init=False, repr=False)

    @property
    def description(self) -> str:
        """The snapshot in words, for outputs: "danh mục đơn vị hành chính ngày 01/07/2025 (34 tỉnh, thành phố)"."""
        if self.named_on is None:
            return _("danh mục đơn vị hành chính ngày {date} ({count} tỉnh, thành phố)").format(
                date=_dmy(self.as_of), count=self.province_count)
        return _("danh mục đơn vị hành chính ngày {date} ({count} tỉnh, thành phố), tên gọi theo dữ liệu ngày "
                 "{named}").format(date=_dmy(self._first_day), count=self.province_count, named=_dmy(self.named_on))

    @property
    def provenance(self) -> str:
        """What the list was generated from, and when: "vietnam-provinces 2026.9.0 (dữ liệu ngày …), sinh bởi …"."""
        entry = self._map.entry
        return source_words(entry.get("source", {}), entry.get("source", {}).get("data_version", "?"),
                             entry.get("generated_by", "?"), entry.get("generated_on", "?"))

    @property
    def generated(self) -> tuple[str, str]:
        """What generated the map's file and on which day, for a pack's one-province file made from it."""
        entry = self._map.entry
        return str(entry.get("generated_by", "?")), str(entry.get("generated_on", "?"))

    @property
    def _first_day(self) -> dt.date:
        return dt.date.fromisoformat(self._map.entry["as_of"])

    def covers(self, day: dt.date | str) -> bool:
        """Whether this snapshot is the one in force on ``day``."""
        day = _day(day)
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)

    def records_later_than(self, day: dt.date | str) -> bool:
        """Whether the list records a later day than ``day``: the earliest list answers for earlier days too,
        and communes merged, split or renamed in between may differ (an output should say so)."""
        return _day(day) < self.as_of

    # provinces

    @property
    def provinces(self) -> tuple[ProvinceUnit, ...]:
        """Every province of the list, in code order."""
        if "provinces" not in self._memo:
            units = tuple(ProvinceUnit(code=code, name=_short(self.full_names.get(code, full_name), name),
                                       full_name=self.full_names.get(code, full_name), slug=slugify(name))
                          for code, name, full_name in self._map.units)
            slugs = [u.slug for u in units]
            if len(set(slugs)) != len(slugs):
                raise DataError(_("{path}: hai tỉnh có cùng tên không dấu").format(path=self._map.path))
            self._memo["provinces"] = units
        found: tuple[ProvinceUnit, ...] = self._memo["provinces"]
        return found

    @property
    def _by_code(self) -> dict[str, ProvinceUnit]:
        if "by_code" not in self._memo:
            self._memo["by_code"] = {u.code: u for u in self.provinces}
        found: dict[str, ProvinceUnit] = self._memo["by_code"]
        return found

    def find_province(self, query: str) -> ProvinceUnit | None:
        """A province by its GSO code ("80", "8"), its slug ("tayninh") or its name as typed ("Tây Ninh",
        "Tỉnh Tây Ninh", "Hoà Bình" or "Hòa Bình"); None when this list has no such province."""
        text = str(query).strip()
        if text.isdigit():
            return self._by_code.get(f"{int(text):02d}")
        key = ("find", text)  # asked again and again (a province's every year, by slug and by name): kept
        if key not in self._memo:
            keys = _province_keys(text)
            self._memo[key] = next((u for u in self.provinces if u.slug in keys), None)
        found: ProvinceUnit | None = self._memo[key]
        return found

    def province(self, query: str) -> ProvinceUnit:
        """:meth:`find_province`, or :class:`UnknownUnitError` saying what the code or name was on other days."""
        found = self.find_province(query)
        if found is None:
            raise UnknownUnitError(_unknown_province(query, self))
        return found

    # communes

    def commune(self, code: str | int) -> tuple[Commune, ProvinceUnit] | None:
        """The commune with this code on this snapshot's days, and its province; None if the list has none."""
        found = self._map.communes.get(_commune_code(code))
        if found is None:
            return None
        province_code, row = found
        return _commune(row), self._by_code[province_code]

    def geography(self, province: str | ProvinceUnit) -> Geography:
        """The :class:`~chuyenhoa.model.Geography` of one province of this list (built once, per language)."""
        unit = self.province(province.code if isinstance(province, ProvinceUnit) else province)
        if isinstance(province, ProvinceUnit) and province != unit:
            raise UnknownUnitError(_("{province} không phải một tỉnh của {snapshot}").format(
                province=province.full_name, snapshot=self.description))
        key = ("geography", unit.code, language())
        if key not in self._memo:
            raw = self._map.provinces[unit.code]
            self._memo[key] = Geography(
                province=Province(slug=unit.slug, code=unit.code, name=unit.name),
                as_of=self.as_of,
                districts=[District(*row) for row in raw.get("districts", [])],
                communes=[_commune(row) for row in raw["communes"]],
                source=_("{description}, theo {source}").format(description=self.description,
                                                                source=self.provenance),
            )
        geography: Geography = self._memo[key]
        return geography


def _short(full_name: str, fallback: str) -> str:
    """A later full name's short name: the stored short name when the full name ends with it."""
    return fallback if full_name.endswith(fallback) else full_name


def _commune(row: Sequence[str]) -> Commune:
    return Commune(row[0], row[1], row[2], row[3] if len(row) > 3 else None)


@attrs.frozen(eq=False, repr=False)
class Conversion(FieldsRepr):
    """The official table from the communes of one map to those of the next, both directions.

    ``new_to_old`` gives each new commune its old ones, each with the pair's
    "partly" flag; ``old_to_new`` gives each old commune its flag as a whole and its
    new ones.  ``old_units`` are old communes the table names that the old map does
    not list (created after it was taken): ``[name, kind, province, district]``.
    """

    id: str
    date: dt.date
    from_map: str
    to_map: str
    entry: Mapping[str, Any] = attrs.field(repr=False)
    path: Path = attrs.field(repr=False)
    _memo: dict[str, Any] = attrs.field(factory=dict, init=False, repr=False)

    @property
    def description(self) -> str:
        """The table in words: "bảng chuyển đổi đơn vị hành chính cấp xã ngày 01/07/2025 (Cục Thống kê)"."""
        return _("bảng chuyển đổi đơn vị hành chính cấp xã ngày {date} của Cục Thống kê").format(date=_dmy(self.date))

    @property
    def legal_basis(self) -> str | None:
        """The act that made the change, as ``index.json`` cites it: "Nghị quyết 202/2025/QH15 ngày 12/06/2025 của
        Quốc hội" (None when the index names none)."""
        found = self.entry.get("legal_basis")
        return str(found) if found else None

    @property
    def data(self) -> dict[str, Any]:
        if "data" not in self._memo:
            self._memo["data"] = _read_gzip_json(self.path)
        data: dict[str, Any] = self._memo["data"]
        return data

    def predecessors_of(self, new_code: str) -> list[tuple[str, bool]]:
        """The old communes of a new one, each with the pair's "partly" flag."""
        return [(code, bool(partly)) for code, partly in self.data["new_to_old"].get(new_code, [])]

    def successors_of(self, old_code: str) -> list[tuple[str, bool]]:
        """The new communes of an old one, each with the pair's "partly" flag (read from the other direction)."""
        entry = self.data["old_to_new"].get(old_code)
        if entry is None:
            return []
        flags = {new: dict(self.data["new_to_old"].get(new, [])).get(old_code, False) for new in entry[1]}
        return [(new, bool(flags[new])) for new in entry[1]]

    def split(self, old_code: str) -> bool | None:
        entry = self.data["old_to_new"].get(old_code)
        return bool(entry[0]) if entry is not None else None

    def old_unit(self, old_code: str) -> list[str | None] | None:
        found: list[str | None] | None = self.data["old_units"].get(old_code)
        return found

    @property
    def _provinces(self) -> dict[str, dict[str, list[str]]]:
        """The table province by province: ``index.json``'s ``province_table`` (so that saying where a province
        went reads no commune of the table), else the file's."""
        table: dict[str, dict[str, list[str]]] | None = self.entry.get("province_table")
        return self.data["provinces"] if table is None else table

    def province_successors(self, old_code: str) -> list[str]:
        found: list[str] = self._provinces["old_to_new"].get(old_code, [])
        return found

    def province_predecessors(self, new_code: str) -> list[str]:
        found: list[str] = self._provinces["new_to_old"].get(new_code, [])
        return found


class _Catalogue:
    """Every snapshot and conversion ``index.json`` lists, in date order; files are read on first use."""

    def __init__(self, folder: Path, read: tuple[dict[str, Any], tuple[Span, ...]] | None = None) -> None:
        """The lists of ``folder``; ``read`` is its :func:`~chuyenhoa.reading.maps.read_index` when already made."""
        index, spans = read_index(folder) if read is None else read
        maps = {id(m.entry): m for m in (_Map(folder, e) for e in index["maps"])}
        self.maps = {m.id: m for m in sorted(maps.values(), key=lambda m: m.entry["valid_from"] or "")}
        self.snapshots: tuple[Snapshot, ...] = tuple(
            Snapshot(id=as_of.isoformat(), map_id=maps[id(entry)].id, as_of=as_of, valid_from=start, valid_to=end,
                     has_districts=maps[id(entry)].levels == 3, province_count=int(entry["provinces"]),
                     commune_count=int(entry["communes"]), full_names=full_names, named_on=named_on,
                     source=entry.get("source", {}), map=maps[id(entry)])
            for entry, start, end, as_of, full_names, named_on in spans)
        self.conversions = tuple(
            Conversion(id=e["id"], date=dt.date.fromisoformat(e["date"]), from_map=e["from"], to_map=e["to"],
                       entry=e, path=folder / e["file"]) for e in index.get("conversions", []))

    def on(self, day: dt.date) -> Snapshot:
        for snapshot in self.snapshots:
            if snapshot.covers(day):
                return snapshot
        raise UnknownUnitError(_("không có danh mục đơn vị hành chính cho ngày {date}").format(date=_dmy(day)))

    def of_map(self, map_id: str) -> tuple[Snapshot, ...]:
        return tuple(s for s in self.snapshots if s.map_id == map_id)

    def into(self, map_id: str) -> Conversion | None:
        return next((c for c in self.conversions if c.to_map == map_id), None)

    def out_of(self, map_id: str) -> Conversion | None:
        return next((c for c in self.conversions if c.from_map == map_id), None)

    def period(self, map_id: str) -> tuple[dt.date | None, dt.date | None]:
        own = self.of_map(map_id)
        return own[0].valid_from, own[-1].valid_to


@cache
def _catalogue(folder: Path = DATA) -> _Catalogue:
    return _Catalogue(folder, shipped(folder))


# --- the API ------------------------------------------------------------------------------------------------


def snapshots() -> tuple[Snapshot, ...]:
    """Every national snapshot chuyenhoa ships, oldest first; they follow each other without a gap."""
    return _catalogue().snapshots


def snapshot_on(day: dt.date | str) -> Snapshot:
    """The national snapshot in force on ``day``.

    The earliest list (04/01/2025) also answers for earlier days: it is the earliest
    chuyenhoa has, and its :attr:`~Snapshot.as_of` tells a caller that communes
    merged or split since may differ.
    """
    return _catalogue().on(_day(day))


def province_on(province: str, day: dt.date | str) -> ProvinceUnit:
    """The province a code, slug or name named on ``day`` ("80" is Long An on 2025-06-30, Tây Ninh on 2025-07-01)."""
    return snapshot_on(day).province(province)


def geography_for(province: str | ProvinceUnit, day: dt.date | str) -> Geography:
    """The units of one province in force on ``day``: a province without a pack has a map too."""
    return snapshot_on(day).geography(province)


def lineage(code: str | int, day: dt.date | str) -> Lineage:
    """The commune with GSO ``code`` on ``day``, its validity, and what it came from and went into.

    Predecessors are named as the list before the conversion named them, successors
    as the list after it did.  Raises :class:`UnknownUnitError` when no commune had
    that code on that day, saying on which days it had one.
    """
    day = _day(day)
    code = _commune_code(code)
    catalogue = _catalogue()
    snapshot = catalogue.on(day)
    came_by, went_by = catalogue.into(snapshot.map_id), catalogue.out_of(snapshot.map_id)
    valid_from, valid_to = catalogue.period(snapshot.map_id)
    found = snapshot.commune(code)
    listed = True
    name: str | None
    kind: CommuneKind | None
    if found is not None:
        commune, province = found
        name, kind, district = commune.name, commune.kind, commune.district_code
    else:
        known = went_by.old_unit(code) if went_by else None
        if known is None:
            raise UnknownUnitError(_unknown_commune(code, snapshot, catalogue))
        name, kind, district = known[0], CommuneKind(known[1]) if known[1] else None, known[3]
        province = snapshot.province(str(known[2]))
        listed = False
    predecessors: tuple[LinkedUnit, ...] = ()
    if came_by is not None:
        before = catalogue.of_map(came_by.from_map)[-1]
        predecessors = tuple(_linked(before, came_by, old, partly, old_side=True)
                             for old, partly in came_by.predecessors_of(code))
    successors: tuple[LinkedUnit, ...] = ()
    if went_by is not None:
        after = catalogue.of_map(went_by.to_map)[0]
        successors = tuple(_linked(after, went_by, new, partly, old_side=False)
                           for new, partly in went_by.successors_of(code))
    return Lineage(code=code, name=name, kind=kind, province=province, district_code=district,
                   valid_from=valid_from, valid_to=valid_to, predecessors=predecessors, successors=successors,
                   snapshot=snapshot, listed=listed, split=went_by.split(code) if went_by else None,
                   came_by=came_by, went_by=went_by)


def _linked(snapshot: Snapshot, conversion: Conversion, code: str, partly: bool, *, old_side: bool) -> LinkedUnit:
    found = snapshot.commune(code)
    if found is not None:
        commune, province = found
        return LinkedUnit(code=code, name=commune.name, kind=commune.kind, province=province, partly=partly)
    known = conversion.old_unit(code) if old_side else None
    if known is None:
        raise DataError(_("{path}: không phải tệp danh mục đơn vị hành chính: {error}").format(
            path=conversion.path, error=f"{code} is in no list"))
    return LinkedUnit(code=code, name=known[0], kind=CommuneKind(known[1]) if known[1] else None,
                      province=snapshot.province(str(known[2])), partly=partly)


def province_lineage(province: str, day: dt.date | str) -> ProvinceLineage:
    """A province on ``day`` with the provinces it was formed from and those it went into (Bình Phước → Đồng Nai)."""
    day = _day(day)
    catalogue = _catalogue()
    snapshot = catalogue.on(day)
    unit = snapshot.province(province)
    valid_from, valid_to = catalogue.period(snapshot.map_id)
    came_by, went_by = catalogue.into(snapshot.map_id), catalogue.out_of(snapshot.map_id)
    predecessors: tuple[ProvinceUnit, ...] = ()
    if came_by is not None:
        before = catalogue.of_map(came_by.from_map)[-1]
        predecessors = tuple(before.province(code) for code in came_by.province_predecessors(unit.code))
    successors: tuple[ProvinceUnit, ...] = ()
    if went_by is not None:
        after = catalogue.of_map(went_by.to_map)[0]
        successors = tuple(after.province(code) for code in went_by.province_successors(unit.code))
    return ProvinceLineage(province=unit, valid_from=valid_from, valid_to=valid_to, predecessors=predecessors,
                           successors=successors, snapshot=snapshot)


def merged_province(province: str, day: dt.date | str) -> str | None:
    """Why ``province`` is not a province on ``day``, when it was one on an earlier map: None otherwise.

    "Tỉnh Bình Phước (70) đã là một phần của Tỉnh Đồng Nai (75) từ 01/07/2025 (Nghị quyết
    202/2025/QH15 ngày 12/06/2025 của Quốc hội); hãy dùng 'dongnai'": the old names stay
    usable as dated aliases, as python-holidays keeps a deprecated subdivision, and
    a command that asks for one on a later day says where it went, with the act.
    """
    day = _day(day)
    catalogue = _catalogue()
    snapshot = catalogue.on(day)
    if snapshot.find_province(province) is not None:
        return None
    for other, earlier in _neighbours(snapshot, catalogue):
        unit = other.find_province(province) if earlier else None
        went_by = catalogue.out_of(other.map_id) if unit is not None else None
        if unit is None or went_by is None:
            continue
        named = snapshot if snapshot.map_id == went_by.to_map else catalogue.of_map(went_by.to_map)[0]
        into = [named.province(code) for code in went_by.province_successors(unit.code)]
        if not into:
            continue
        since = _dmy(went_by.date)
        basis = f" ({went_by.legal_basis})" if went_by.legal_basis else ""
        return _("{province} ({code}) đã là một phần của {into} từ {date}{basis}; hãy dùng {slugs}").format(
            province=unit.full_name, code=unit.code, into=", ".join(f"{u.full_name} ({u.code})" for u in into),
            date=since, basis=basis, slugs=_(" hoặc ").join(f"'{u.slug}'" for u in into))
    return None


def code_elsewhere(code: str | int, day: dt.date | str) -> str | None:
    """What a commune code that is not on the map of ``day`` named on the other maps, for an error to say.

    An old code in a row of a later year gets its successors: "đến 30/06/2025, mã 25456 là
    Phường 1 (Tỉnh Tây Ninh); từ 01/07/2025 thuộc Phường Tân Ninh (25459)".  A new code in a
    row of an earlier year gets what it names from then.  None when no map knows the code.
    """
    day = _day(day)
    code = _commune_code(code)
    catalogue = _catalogue()
    snapshot = catalogue.on(day)
    for other, earlier in _neighbours(snapshot, catalogue):
        start, end = catalogue.period(other.map_id)
        went_by = catalogue.out_of(other.map_id)
        found = other.commune(code)
        known = went_by.old_unit(code) if went_by else None
        if found is not None:
            name, province = found[0].name, found[1].full_name
        elif known is not None:
            name, province = known[0] or code, other.province(str(known[2])).full_name
        else:
            continue
        if not earlier:
            return _("từ {date}, mã {code} là {name} ({province})").format(
                date=_dmy(start) if start else "?", code=code, name=name, province=province)
        said = _("đến {date}, mã {code} là {name} ({province})").format(
            date=_dmy(end) if end else "?", code=code, name=name, province=province)
        if went_by is None:
            return said
        after = catalogue.of_map(went_by.to_map)[0]
        successors = [_linked(after, went_by, new, partly, old_side=False)
                      for new, partly in went_by.successors_of(code)]
        if not successors:
            return said + "; " + _("không có trong {table}: đã sáp nhập trước ngày {date}").format(
                table=went_by.description, date=_dmy(went_by.date))
        into = ", ".join(f"{u.name} ({u.code}" + (_(", một phần") if u.partly else "") + ")" for u in successors)
        return said + "; " + _("từ {date} thuộc {into}").format(date=_dmy(went_by.date), into=into)
    return None


# --- saying what a code or a name was on other days ----------------------------------------------------------


def _neighbours(snapshot: Snapshot, catalogue: _Catalogue) -> list[tuple[Snapshot, bool]]:
    """The other maps, each by the snapshot nearest to ``snapshot`` (an earlier map's last, a later map's first),
    and whether it is earlier."""
    found = []
    for map_id in catalogue.maps:
        if map_id == snapshot.map_id:
            continue
        own = catalogue.of_map(map_id)
        earlier = own[-1].valid_to is not None and snapshot.valid_from is not None \
            and own[-1].valid_to < snapshot.valid_from
        found.append((own[-1] if earlier else own[0], earlier))
    return found


def _unknown_province(query: str, snapshot: Snapshot) -> str:
    """"No such province on this day", and what the code or name named on the days of the other maps."""
    message = _("không có tỉnh '{province}' trong {snapshot}").format(province=query, snapshot=snapshot.description)
    catalogue = _catalogue()
    hints = []
    for other, earlier in _neighbours(snapshot, catalogue):
        unit = other.find_province(query)
        if unit is None:
            continue
        start, end = catalogue.period(other.map_id)
        went_by = catalogue.out_of(other.map_id)
        if earlier and end is not None and went_by is not None:
            after = catalogue.of_map(went_by.to_map)[0]
            into = [after.province(c) for c in went_by.province_successors(unit.code)]
            hints.append(_("đến {date}, {province} ({code}) là một tỉnh; từ {next} thuộc {into}").format(
                date=_dmy(end), province=unit.full_name, code=unit.code, next=_dmy(end + dt.timedelta(days=1)),
                into=", ".join(f"{u.full_name} ({u.code}, {u.slug})" for u in into)))
        elif earlier:
            hints.append(_("đến {date}, '{province}' là {name} ({code})").format(
                date=_dmy(end) if end else "?", province=query, name=unit.full_name, code=unit.code))
        else:
            hints.append(_("từ {date}, '{province}' là {name} ({code})").format(
                date=_dmy(start) if start else "?", province=query, name=unit.full_name, code=unit.code))
    if hints:
        return message + "; " + "; ".join(hints)
    return message + " " + _("(có: {known})").format(known=", ".join(u.slug for u in snapshot.provinces))


def _unknown_commune(code: str, snapshot: Snapshot, catalogue: _Catalogue) -> str:
    """"No such commune on this day", and what the code named on the days of the other maps."""
    message = _("không có đơn vị hành chính cấp xã mã {code} trong {snapshot}").format(
        code=code, snapshot=snapshot.description)
    for other, earlier in _neighbours(snapshot, catalogue):
        start, end = catalogue.period(other.map_id)
        ask = end if earlier else start
        found = other.commune(code)
        went_by = catalogue.out_of(other.map_id)
        known = went_by.old_unit(code) if went_by else None
        if found is not None:
            name, province = found[0].name, found[1].full_name
        elif known is not None:
            name, province = known[0] or code, other.province(str(known[2])).full_name
        else:
            continue
        return message + "; " + _("mã này là {name} ({province}) trong {snapshot}: thử --date {date}").format(
            name=name, province=province, snapshot=other.description, date=ask.isoformat() if ask else "")
    return message
