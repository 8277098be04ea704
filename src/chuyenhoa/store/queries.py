"""Reading the store back: the versions of a province, and the current values and verdicts of its years.

Each function is one read transaction, so what it returns is one consistent
state of the store even while another officer records (:func:`read_years` reads
inside a transaction the caller holds: a recording judging later years again).
Values come back as the reader typed them (JSON keeps integers, decimals,
booleans and text apart).

A year's stored verdicts are **stale** when an earlier year of the province has
a current version recorded after them (:func:`stale_causes`): a corrected 2024
changes what 2025's relapse, "leave the list" and "so với năm trước" verdicts
rest on.  A recording judges such years again (:func:`chuyenhoa.store.record.record`);
what it could not judge again stays marked in ``history log`` and ``history show``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection, Mapping, Sequence
from typing import Any

import attrs
import sqlalchemy as sa
from sqlalchemy.engine import Connection

from chuyenhoa.store import schema
from chuyenhoa.store.connection import Store

__all__ = ["CommuneOutcome", "Head", "Stale", "StoredYear", "Version", "as_utc", "current_versions", "heads",
           "provinces", "read_years", "stale_causes", "stored_years", "versions"]


def as_utc(value: dt.datetime) -> dt.datetime:
    """A time read back from the store, in UTC (SQLite keeps no offset: the store writes UTC only)."""
    return value.replace(tzinfo=dt.timezone.utc) if value.tzinfo is None else value.astimezone(dt.timezone.utc)


@attrs.frozen
class Head:
    """The current version of a year, as much of it as deciding whether its verdicts are stale needs."""

    year: int
    version_id: int
    #: the version holds verdicts (a plan covered the year)
    judged: bool
    #: earlier years taken from the store for the verdicts: year → version id
    basis: Mapping[int, int] = attrs.field(factory=dict)


@attrs.frozen
class Stale:
    """Why a year's stored verdicts may no longer hold: the earliest earlier year recorded after them."""

    year: int
    #: the current version of ``year``, written after the verdicts
    version_id: int


def stale_causes(current: Sequence[Head]) -> dict[int, Stale]:
    """Year → why its current verdicts are stale, for each year whose verdicts are (the others are left out).

    A year's verdicts are stale when an earlier year's current version is newer
    than them (version ids only grow: corrected, or recorded for the first time,
    after them), or is not the version their ``basis`` names (an officer
    correcting 2024 while another was recording 2025 from the 2024 before).
    """
    found: dict[int, Stale] = {}
    for head in current:
        if not head.judged:
            continue
        for earlier in sorted((h for h in current if h.year < head.year), key=lambda h: h.year):
            named = head.basis.get(earlier.year)
            if earlier.version_id > head.version_id or (named is not None and named != earlier.version_id):
                found[head.year] = Stale(year=earlier.year, version_id=earlier.version_id)
                break
    return found


def _basis(raw: object) -> dict[int, int]:
    return {int(y): int(v) for y, v in raw.items()} if isinstance(raw, Mapping) else {}


def heads(connection: Connection, province: str) -> list[Head]:
    """The current version of every recorded year of ``province``, oldest year first, in the caller's transaction."""
    v, y = schema.versions, schema.years
    return [Head(year=r.year, version_id=r.id, judged=r.proposed is not None, basis=_basis(r.basis))
            for r in connection.execute(sa.select(v.c.id, v.c.year, v.c.proposed, v.c.basis)
                                        .join(y, y.c.current_version_id == v.c.id)
                                        .where(y.c.province == province).order_by(v.c.year))]


@attrs.frozen
class Version:
    """One recording of a year (a line of ``chuyenhoa history log``)."""

    id: int
    year: int
    recorded_at: dt.datetime
    recorded_by: str
    file: str
    sha256: str
    province_file: str | None
    current: bool
    communes: int
    plan_id: str | None
    #: None for a version recorded from a file; else why it was written (a year judged again: ``schema.versions``)
    reason: Mapping[str, Any] | None = None
    #: for a current version whose verdicts are stale: the earlier year recorded after them
    stale: Stale | None = None

    def as_dict(self) -> dict[str, object]:
        """The JSON of ``history log --format json`` (docs/history.md): the five keys the issue set, and
        ``reason``, null for a version recorded from a file, else why it was written (a year judged again
        keeps the file and hash of the version it replaces, and would otherwise read as a second recording)."""
        return {"year": self.year, "recorded_at": self.recorded_at.isoformat(timespec="seconds"),
                "file": self.file, "sha256": self.sha256, "current": self.current,
                "reason": dict(self.reason) if self.reason else None}


def versions(store: Store, province: str) -> list[Version]:
    """Every version of every year of ``province``, by year then in the order recorded."""
    v, y = schema.versions, schema.years
    query = (sa.select(v.c.id, v.c.year, v.c.recorded_at, v.c.recorded_by, v.c.file, v.c.file_sha256,
                       v.c.province_file, v.c.communes, v.c.plan_id, v.c.reason, y.c.current_version_id)
             .outerjoin(y, sa.and_(y.c.province == v.c.province, y.c.year == v.c.year))
             .where(v.c.province == province).order_by(v.c.year, v.c.id))
    with store.reading() as connection:
        rows = connection.execute(query).all()
        stale = stale_causes(heads(connection, province))
    return [Version(id=r.id, year=r.year, recorded_at=as_utc(r.recorded_at), recorded_by=r.recorded_by, file=r.file,
                    sha256=r.file_sha256, province_file=r.province_file, current=r.id == r.current_version_id,
                    communes=r.communes, plan_id=r.plan_id, reason=r.reason,
                    stale=stale.get(r.year) if r.id == r.current_version_id else None) for r in rows]


def provinces(store: Store) -> list[str]:
    """The provinces with at least one recorded year."""
    with store.reading() as connection:
        return list(connection.execute(sa.select(schema.years.c.province).distinct()
                                       .order_by(schema.years.c.province)).scalars())


def current_versions(store: Store, province: str) -> dict[int, int]:
    """Year → the id of its current version."""
    y = schema.years
    with store.reading() as connection:
        return {year: version_id for year, version_id in connection.execute(
            sa.select(y.c.year, y.c.current_version_id).where(y.c.province == province))}


@attrs.frozen
class CommuneOutcome:
    """A commune's verdict in a version: selected as a hotspot, and transformed (None: not assessable)."""

    selected: bool
    transformed: bool | None


@attrs.frozen
class StoredYear:
    """The current version of a year: its values and, when it was evaluated, its verdicts."""

    year: int
    version_id: int
    #: commune code → that row's values (column id → value); empty cells are absent
    communes: Mapping[str, Mapping[str, Any]]
    #: the province row that names no province (``province_code``), or None
    province: Mapping[str, Any] | None
    communes_columns: tuple[str, ...]
    province_columns: tuple[str, ...]
    #: None: the version has no verdicts (no plan covered the year, or it was recorded by revision 0001)
    outcomes: Mapping[str, CommuneOutcome] | None = None
    proposed: bool | None = None
    plan_id: str | None = None
    #: earlier years taken from the store for the verdicts (year → version id)
    basis: Mapping[int, int] = attrs.field(factory=dict)
    #: communes recorded as values only, outside the area the year's plan was written for
    outside_plan: frozenset[str] = frozenset()
    #: the years before this one the verdicts took from the file, by table (None: not known, revision 0002)
    file_years: Mapping[str, tuple[int, ...]] | None = None
    #: with ``verdicts`` asked for: when the verdicts are stale, the earlier year recorded after them
    stale: Stale | None = None
    #: the province rows that name a province: ``province_code`` → values (Tây Ninh 72 and Long An 80 in 2024)
    provinces: Mapping[str, Mapping[str, Any]] = attrs.field(factory=dict)

    @property
    def has_province(self) -> bool:
        """Whether the version has a row of the ``province`` table."""
        return self.province is not None or bool(self.provinces)


def stored_years(store: Store, province: str, years: Collection[int] | None = None, *,
                 before: int | None = None, verdicts: bool = False) -> list[StoredYear]:
    """The current version of each recorded year of ``province``, oldest first.

    Only ``years`` when given, only the years before ``before`` when given; with
    ``verdicts``, each version's hotspots and their outcomes too, and whether they are stale.
    """
    with store.reading() as connection:
        return read_years(connection, province, years, before=before, verdicts=verdicts)


def read_years(connection: Connection, province: str, years: Collection[int] | None = None, *,
               before: int | None = None, verdicts: bool = False) -> list[StoredYear]:
    """:func:`stored_years` in a transaction the caller holds (a recording sees what it has just written)."""
    v, y = schema.versions, schema.years
    query = (sa.select(v.c.id, v.c.year, v.c.communes_columns, v.c.province_columns, v.c.proposed, v.c.plan_id,
                       v.c.basis, v.c.outside_plan, v.c.file_years)
             .join(y, y.c.current_version_id == v.c.id).where(y.c.province == province).order_by(v.c.year))
    if years is not None:
        query = query.where(v.c.year.in_(sorted(years)))
    if before is not None:
        query = query.where(v.c.year < before)
    found = connection.execute(query).all()
    ids = [h.id for h in found]
    if not ids:
        return []
    communes: dict[int, dict[str, Mapping[str, Any]]] = {i: {} for i in ids}
    text = sa.cast(schema.commune_values.c.data, sa.Text) if connection.dialect.name == "postgresql" \
        else schema.commune_values.c.data
    loads = json.loads
    for version_id, code, data in connection.execute(
            sa.select(schema.commune_values.c.version_id, schema.commune_values.c.commune_code,
                      sa.type_coerce(text, sa.Text))
            .where(schema.commune_values.c.version_id.in_(ids))):
        communes[version_id][code] = loads(data)
    province_rows: dict[int, Mapping[str, Any]] = {}
    named: dict[int, dict[str, Mapping[str, Any]]] = {}
    for version_id, code, data in connection.execute(
            sa.select(schema.province_values.c.version_id, schema.province_values.c.province_code,
                      schema.province_values.c.data)
            .where(schema.province_values.c.version_id.in_(ids))):
        if code:
            named.setdefault(version_id, {})[code] = data
        else:
            province_rows[version_id] = data
    outcomes: dict[int, dict[str, CommuneOutcome]] = {}
    stale: dict[int, Stale] = {}
    if verdicts:
        cv = schema.commune_verdicts
        for version_id, code, selected, transformed in connection.execute(
                sa.select(cv.c.version_id, cv.c.commune_code, cv.c.selected, cv.c.transformed)
                .where(cv.c.version_id.in_(ids))):
            outcomes.setdefault(version_id, {})[code] = CommuneOutcome(bool(selected), transformed)
        stale = stale_causes(heads(connection, province))
    return [StoredYear(year=h.year, version_id=h.id, communes=communes[h.id], province=province_rows.get(h.id),
                       communes_columns=tuple(h.communes_columns or ()),
                       province_columns=tuple(h.province_columns or ()),
                       outcomes=outcomes.get(h.id, {}) if verdicts and h.proposed is not None else None,
                       proposed=h.proposed, plan_id=h.plan_id, basis=_basis(h.basis),
                       outside_plan=frozenset(h.outside_plan or ()),
                       file_years=None if h.file_years is None else
                       {str(k): tuple(int(y) for y in v) for k, v in h.file_years.items()},
                       stale=stale.get(h.year), provinces=dict(sorted(named.get(h.id, {}).items())))
            for h in found]
