"""Recording a year: its values as read, where they came from, the plan and the verdicts, as a new version.

The rules a steering committee's office relies on:

* **The same data again changes nothing.**  A year whose values (hashed in a
  canonical form, :attr:`YearValues.sha256`) equal those of its current version
  is left as it is, whichever file they came from.
* **Nothing is overwritten or lost.**  Different data for a recorded year become
  a new version, with who recorded it (the operating-system user), when and from
  which file (name and SHA-256 of its bytes); the year's pointer moves to it and
  the earlier versions stay, readable with ``chuyenhoa history log``.
* **All or nothing, one writer at a time.**  Every call is one transaction under
  the province's write lock (:meth:`chuyenhoa.store.connection.Store.writing`):
  two officers recording at once both get their version, one after the other,
  and a run killed in the middle leaves the store as before.

Only the ``communes`` and ``province`` tables of the data are recorded: a
workbook's ``nominees`` sheet (people's names) is never read here, let alone kept.
"""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs
import sqlalchemy as sa
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.types import TypeDecorator

from chuyenhoa.errors import ChuyenhoaError
from chuyenhoa.i18n import _
from chuyenhoa.reading.dataset import Dataset, Table
from chuyenhoa.store import schema
from chuyenhoa.store.connection import Store

__all__ = [
    "CommuneVerdict",
    "Entry",
    "FileInfo",
    "PlanInfo",
    "Recorded",
    "TargetVerdict",
    "Verdicts",
    "YearValues",
    "as_utc",
    "file_sha256",
    "record",
    "year_values",
]

#: Columns that are the row's key, not values: kept as the row's own fields.
KEYS = ("commune_code", "year")


def _canonical(value: object) -> str:
    """One JSON text per value, the same for the same data on every machine (keys sorted, no spaces)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)


@attrs.frozen
class YearValues:
    """One year of a dataset as the store keeps it: each commune's values, the province's, and their hash."""

    year: int
    #: (commune code, that row's values as canonical JSON), sorted by code
    communes: tuple[tuple[str, str], ...]
    #: the province row's values as canonical JSON, or None when the data have no province row for the year
    province: str | None
    communes_columns: tuple[str, ...]
    province_columns: tuple[str, ...] | None

    @property
    def sha256(self) -> str:
        digest = hashlib.sha256()
        for code, values in self.communes:
            digest.update(f"{code}\t{values}\n".encode())
        digest.update(b"province\t" + (self.province or "null").encode())
        return digest.hexdigest()


def _row_values(table: Table, rows: Sequence[int]) -> list[str]:
    """The canonical JSON of each row's non-empty values, key columns left out (an empty cell is not a value)."""
    names = [c for c in table.columns if c not in KEYS]
    columns = [table.columns[c] for c in names]
    pairs = list(zip(names, columns, strict=True))
    return [_canonical({name: value for name, column in pairs if (value := column[i]) is not None}) for i in rows]


def year_values(dataset: Dataset, year: int) -> YearValues:
    """Year ``year`` of ``dataset``, ready to be recorded; an error when the data have no row of that year."""
    rows = dataset.rows_of_year(year)
    if not rows:
        raise ChuyenhoaError(_("{file}: không có dòng nào của năm {year} trong bảng communes; không ghi gì").format(
            file=dataset.source, year=year))
    codes = dataset.communes.columns["commune_code"]
    communes = sorted(zip((str(codes[i]) for i in rows), _row_values(dataset.communes, rows), strict=True))
    province = None
    province_columns = None
    if dataset.province is not None and dataset.has_province_year(year):
        index = dataset.province.columns["year"].index(year)
        province = _row_values(dataset.province, [index])[0]
        province_columns = tuple(c for c in dataset.province.columns if c not in KEYS)
    return YearValues(year=year, communes=tuple(communes), province=province,
                      communes_columns=tuple(c for c in dataset.communes.columns if c not in KEYS),
                      province_columns=province_columns)


def file_sha256(path: str | Path) -> str:
    """The SHA-256 of a file's bytes, what ``sha256sum`` prints: a person can check which file was recorded."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError as error:
        raise ChuyenhoaError(_("{path}: không đọc được tệp: {reason}").format(
            path=path, reason=error.strerror or error)) from None
    return digest.hexdigest()


@attrs.frozen
class FileInfo:
    """Where a version's values came from: the files as given and the SHA-256 of their bytes."""

    file: str
    sha256: str
    province_file: str | None = None
    province_sha256: str | None = None

    @classmethod
    def of(cls, data: str | Path, province_data: str | Path | None = None) -> FileInfo:
        return cls(file=str(data), sha256=file_sha256(data),
                   province_file=None if province_data is None else str(province_data),
                   province_sha256=None if province_data is None else file_sha256(province_data))


@attrs.frozen
class PlanInfo:
    """The plan and the geography snapshot a version's verdicts were reached with."""

    id: str
    date: dt.date
    file: str | None
    sha256: str | None
    pack: str | None
    geography_source: str
    geography_as_of: dt.date


@attrs.frozen
class CommuneVerdict:
    code: str
    selected: bool
    transformed: bool | None
    share: float | None = None
    score: float | None = None


@attrs.frozen
class TargetVerdict:
    kind: str  # "target" or "programme"
    target_id: str
    indicator: str
    comparator: str
    threshold: float | bool
    actual: float | bool | None
    status: str
    source: str
    detail: str = ""


@attrs.frozen
class Verdicts:
    """What the evaluation of a year concluded, as plain values (built by :mod:`chuyenhoa.method.archive`)."""

    proposed: bool
    communes: tuple[CommuneVerdict, ...]
    targets: tuple[TargetVerdict, ...]
    summary: Mapping[str, Any]
    warnings: tuple[str, ...] = ()
    #: earlier years taken from the store for this evaluation: year → version id
    basis: Mapping[int, int] = attrs.field(factory=dict)


@attrs.frozen
class Entry:
    """One year to record."""

    values: YearValues
    source: FileInfo
    plan: PlanInfo | None = None
    verdicts: Verdicts | None = None


@attrs.frozen
class Recorded:
    """What recording one year did."""

    year: int
    #: the year's current version after the call
    version_id: int
    #: False when the values equalled the current version's: nothing was written
    changed: bool
    #: the version that was current before (None for a year recorded for the first time)
    previous_id: int | None
    #: for an unchanged year: the file and time of the version that already holds these values
    same_as: tuple[str, dt.datetime] | None = None


class _Raw(TypeDecorator[str]):
    """A JSON column given text that is JSON already: written as it is, not serialised a second time.

    Each row's values are serialised once, for their hash and for the database.
    """

    impl = sa.JSON
    cache_ok = True

    def bind_processor(self, dialect: Dialect) -> None:
        return None


def _user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no password entry for the uid (some containers)
        return os.environ.get("USER") or os.environ.get("USERNAME") or "?"


def record(store: Store, province: str, entries: Sequence[Entry], *, version: str,
           now: dt.datetime | None = None) -> list[Recorded]:
    """Record each entry's year of ``province``, in one transaction under the province's write lock."""
    recorded_at = (now or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc)
    user = _user()
    done: list[Recorded] = []
    with store.writing(province) as connection:
        for entry in entries:
            done.append(_record_one(connection, province, entry, recorded_at, user, version))
    return done


def _record_one(connection: Connection, province: str, entry: Entry, recorded_at: dt.datetime, user: str,
                version: str) -> Recorded:
    values = entry.values
    digest = values.sha256
    years, versions = schema.years, schema.versions
    current = connection.execute(
        sa.select(versions.c.id, versions.c.values_sha256, versions.c.file, versions.c.recorded_at)
        .join(years, years.c.current_version_id == versions.c.id)
        .where(years.c.province == province, years.c.year == values.year)
    ).first()
    if current is not None and current.values_sha256 == digest:
        return Recorded(year=values.year, version_id=current.id, changed=False, previous_id=current.id,
                        same_as=(current.file, as_utc(current.recorded_at)))
    plan, verdicts, source = entry.plan, entry.verdicts, entry.source
    version_id = connection.execute(sa.insert(versions).values(
        province=province, year=values.year, recorded_at=recorded_at, recorded_by=user,
        file=source.file, file_sha256=source.sha256, province_file=source.province_file,
        province_file_sha256=source.province_sha256, values_sha256=digest,
        communes_columns=list(values.communes_columns),
        province_columns=None if values.province_columns is None else list(values.province_columns),
        communes=len(values.communes), chuyenhoa_version=version,
        plan_id=plan.id if plan else None, plan_date=plan.date if plan else None, plan_file=plan.file if plan else None,
        plan_sha256=plan.sha256 if plan else None, pack=plan.pack if plan else None,
        geography_source=plan.geography_source if plan else None,
        geography_as_of=plan.geography_as_of if plan else None,
        proposed=verdicts.proposed if verdicts else None,
        summary=dict(verdicts.summary) if verdicts else None,
        warnings=list(verdicts.warnings) if verdicts else None,
        basis={str(y): v for y, v in sorted(verdicts.basis.items())} if verdicts else None,
    ).returning(versions.c.id)).scalar_one()
    raw = sa.bindparam("data", type_=_Raw())
    connection.execute(sa.insert(schema.commune_values).values(version_id=sa.bindparam("version_id"),
                                                               commune_code=sa.bindparam("code"), data=raw),
                       [{"version_id": version_id, "code": code, "data": data} for code, data in values.communes])
    if values.province is not None:
        connection.execute(sa.insert(schema.province_values).values(version_id=version_id, data=raw),
                           {"data": values.province})
    if verdicts is not None:
        _insert_verdicts(connection, version_id, verdicts)
    if current is None:
        connection.execute(sa.insert(years).values(province=province, year=values.year, current_version_id=version_id))
    else:
        connection.execute(sa.update(years).where(years.c.province == province, years.c.year == values.year)
                           .values(current_version_id=version_id))
    return Recorded(year=values.year, version_id=version_id, changed=True,
                    previous_id=None if current is None else current.id)


def _insert_verdicts(connection: Connection, version_id: int, verdicts: Verdicts) -> None:
    if verdicts.communes:
        connection.execute(sa.insert(schema.commune_verdicts), [
            {"version_id": version_id, "commune_code": v.code, "selected": v.selected, "transformed": v.transformed,
             "share": v.share, "score": v.score} for v in verdicts.communes])
    if verdicts.targets:
        connection.execute(sa.insert(schema.target_verdicts), [
            {"version_id": version_id, "kind": t.kind, "position": n, "target_id": t.target_id,
             "indicator": t.indicator, "comparator": t.comparator, "threshold": t.threshold, "actual": t.actual,
             "status": t.status, "source": t.source, "detail": t.detail}
            for n, t in enumerate(verdicts.targets)])


def as_utc(value: dt.datetime) -> dt.datetime:
    """A time read back from the store, in UTC (SQLite keeps no offset: the store writes UTC only)."""
    return value.replace(tzinfo=dt.timezone.utc) if value.tzinfo is None else value.astimezone(dt.timezone.utc)
