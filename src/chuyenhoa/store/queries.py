"""Reading the store back: the versions of a province, and the current values and verdicts of its years.

Each function is one read transaction, so what it returns is one consistent
state of the store even while another officer records.  Values come back as the
reader typed them (JSON keeps integers, decimals, booleans and text apart).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection, Mapping
from typing import Any

import attrs
import sqlalchemy as sa

from chuyenhoa.store import schema
from chuyenhoa.store.connection import Store
from chuyenhoa.store.record import as_utc

__all__ = ["CommuneOutcome", "StoredYear", "Version", "current_versions", "provinces", "stored_years", "versions"]


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

    def as_dict(self) -> dict[str, object]:
        """The JSON of ``history log --format json``: exactly these keys (docs/history.md)."""
        return {"year": self.year, "recorded_at": self.recorded_at.isoformat(timespec="seconds"),
                "file": self.file, "sha256": self.sha256, "current": self.current}


def versions(store: Store, province: str) -> list[Version]:
    """Every version of every year of ``province``, by year then in the order recorded."""
    v, y = schema.versions, schema.years
    query = (sa.select(v.c.id, v.c.year, v.c.recorded_at, v.c.recorded_by, v.c.file, v.c.file_sha256,
                       v.c.province_file, v.c.communes, v.c.plan_id, y.c.current_version_id)
             .outerjoin(y, sa.and_(y.c.province == v.c.province, y.c.year == v.c.year))
             .where(v.c.province == province).order_by(v.c.year, v.c.id))
    with store.reading() as connection:
        rows = connection.execute(query).all()
    return [Version(id=r.id, year=r.year, recorded_at=as_utc(r.recorded_at), recorded_by=r.recorded_by, file=r.file,
                    sha256=r.file_sha256, province_file=r.province_file, current=r.id == r.current_version_id,
                    communes=r.communes, plan_id=r.plan_id) for r in rows]


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
    province: Mapping[str, Any] | None
    communes_columns: tuple[str, ...]
    province_columns: tuple[str, ...]
    #: None: the version has no verdicts (no plan covered the year, or it was recorded by revision 0001)
    outcomes: Mapping[str, CommuneOutcome] | None = None
    proposed: bool | None = None
    plan_id: str | None = None


def stored_years(store: Store, province: str, years: Collection[int] | None = None, *,
                 before: int | None = None, verdicts: bool = False) -> list[StoredYear]:
    """The current version of each recorded year of ``province``, oldest first.

    Only ``years`` when given, only the years before ``before`` when given; with
    ``verdicts``, each version's hotspots and their outcomes too.
    """
    v, y = schema.versions, schema.years
    query = (sa.select(v.c.id, v.c.year, v.c.communes_columns, v.c.province_columns, v.c.proposed, v.c.plan_id)
             .join(y, y.c.current_version_id == v.c.id).where(y.c.province == province).order_by(v.c.year))
    if years is not None:
        query = query.where(v.c.year.in_(sorted(years)))
    if before is not None:
        query = query.where(v.c.year < before)
    with store.reading() as connection:
        heads = connection.execute(query).all()
        ids = [h.id for h in heads]
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
        province_rows = {version_id: data for version_id, data in connection.execute(
            sa.select(schema.province_values.c.version_id, schema.province_values.c.data)
            .where(schema.province_values.c.version_id.in_(ids)))}
        outcomes: dict[int, dict[str, CommuneOutcome]] = {}
        if verdicts:
            cv = schema.commune_verdicts
            for version_id, code, selected, transformed in connection.execute(
                    sa.select(cv.c.version_id, cv.c.commune_code, cv.c.selected, cv.c.transformed)
                    .where(cv.c.version_id.in_(ids))):
                outcomes.setdefault(version_id, {})[code] = CommuneOutcome(bool(selected), transformed)
    return [StoredYear(year=h.year, version_id=h.id, communes=communes[h.id], province=province_rows.get(h.id),
                       communes_columns=tuple(h.communes_columns or ()),
                       province_columns=tuple(h.province_columns or ()),
                       outcomes=outcomes.get(h.id, {}) if verdicts and h.proposed is not None else None,
                       proposed=h.proposed, plan_id=h.plan_id)
            for h in heads]
