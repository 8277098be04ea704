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
* **Later verdicts follow a corrected year.**  A year's verdicts rest on the
  years before it (relapse, "transformed communes leave the list", every
  "so với năm trước").  When a recording gives an earlier year a new current
  version, each later year whose verdicts are then stale
  (:func:`chuyenhoa.store.queries.stale_causes`) is judged again from its stored
  values, in the same transaction, by the method's ``rejudge`` (the store does
  not evaluate): a new version with the same values and a ``reason``, the old
  version kept.  A year that cannot be judged again (the store lacks an earlier
  year its verdicts took from their file, no plan covers it any more) keeps its
  version and is reported, and ``history log`` / ``show`` mark it stale.
* **Every row of the province table.**  A year keeps one ``province`` row, or
  one for each province its ``province_code`` names (:data:`PROVINCE_KEYS`).

Only the ``communes`` and ``province`` tables of the data are recorded: a
workbook's ``nominees`` sheet (people's names) is never read here, let alone kept.
"""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import json
import os
from collections.abc import Callable, Mapping, Sequence
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
from chuyenhoa.store.queries import Head, as_utc, heads, stale_causes

__all__ = [
    "PROVINCE_KEYS",
    "CommuneVerdict",
    "Entry",
    "FileInfo",
    "PlanInfo",
    "Recorded",
    "Rejudge",
    "Rejudged",
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
#: The province table's key: a year has one row, or one for each province its ``province_code`` names (the
#: provinces merged on 01/07/2025, in the year before: Tây Ninh 72 and Long An 80 in a 2024 of the new Tây Ninh).
PROVINCE_KEYS = ("year", "province_code")


def _canonical(value: object) -> str:
    """One JSON text per value, the same for the same data on every machine (keys sorted, no spaces)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)


@attrs.frozen
class YearValues:
    """One year of a dataset as the store keeps it: each commune's values, the province's, and their hash."""

    year: int
    #: (commune code, that row's values as canonical JSON), sorted by code
    communes: tuple[tuple[str, str], ...]
    #: the province row's values as canonical JSON (the row that names no province in ``province_code``), or
    #: None when the data have no such row for the year
    province: str | None
    communes_columns: tuple[str, ...]
    province_columns: tuple[str, ...] | None
    #: the province rows of the year that name a province (``province_code`` → canonical JSON), sorted by code
    provinces: tuple[tuple[str, str], ...] = ()

    @property
    def sha256(self) -> str:
        digest = hashlib.sha256()
        for code, values in self.communes:
            digest.update(f"{code}\t{values}\n".encode())
        digest.update(b"province\t" + (self.province or "null").encode())
        for code, values in self.provinces:  # none for a year of one unnamed row: its hash is what it was
            digest.update(f"\nprovince {code}\t{values}".encode())
        return digest.hexdigest()


def _row_values(table: Table, rows: Sequence[int], keys: Sequence[str] = KEYS) -> list[str]:
    """The canonical JSON of each row's non-empty values, key columns left out (an empty cell is not a value)."""
    names = [c for c in table.columns if c not in keys]
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
    provinces: tuple[tuple[str, str], ...] = ()
    if dataset.province is not None and dataset.has_province_year(year):
        found = dataset.province_rows(year)  # every row of the year, by the province it names
        named = sorted((str(code), index) for code, index in found.items() if code is not None)
        if None in found:
            province = _row_values(dataset.province, [found[None]], PROVINCE_KEYS)[0]
        provinces = tuple(zip((code for code, _index in named),
                              _row_values(dataset.province, [index for _code, index in named], PROVINCE_KEYS),
                              strict=True))
        province_columns = tuple(c for c in dataset.province.columns if c not in PROVINCE_KEYS)
    return YearValues(year=year, communes=tuple(communes), province=province,
                      communes_columns=tuple(c for c in dataset.communes.columns if c not in KEYS),
                      province_columns=province_columns, provinces=provinces)


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
    #: communes of the year recorded as values only: the year's plan was not written for them (a province
    #: merged into this one on 01/07/2025); ``history show`` reads their own columns
    outside_plan: tuple[str, ...] = ()
    #: the years before this one the evaluation took from the file, not the store, by table ("communes",
    #: "province"): judging the year again from the store needs them there (None: not known)
    file_years: Mapping[str, tuple[int, ...]] | None = None

    def key(self) -> tuple[object, ...]:
        """What the verdicts concluded, without their words (which are in the language of the run)."""
        return (self.proposed, sorted((c.code, c.selected, c.transformed) for c in self.communes),
                [(t.kind, t.target_id, t.status, t.actual) for t in self.targets], _canonical(dict(self.summary)))


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
    #: for a year judged again because an earlier one changed: why, and what came of it
    rejudged: Rejudged | None = None


@attrs.frozen
class Rejudged:
    """A later year judged again in a recording, because an earlier year got a new current version."""

    #: the earliest earlier year recorded after the verdicts, and its current version
    cause_year: int
    cause_version: int
    #: the earlier year had a version before (it was corrected), rather than recorded for the first time
    corrected: bool
    #: the new verdicts differ from the ones they replace (None: not judged again, see ``failed``)
    changed: bool | None = None
    #: why the year could not be judged again (its version stays current, marked stale)
    failed: str | None = None


#: The method's judging of a stored year again: given the recording's connection (which sees what the
#: recording wrote) and the year, the plan and verdicts of the year on the store's current values; None when
#: no plan covers the year.  It raises :class:`~chuyenhoa.errors.ChuyenhoaError` when it cannot judge.
Rejudge = Callable[[Connection, int], tuple[PlanInfo, Verdicts] | None]


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
           now: dt.datetime | None = None, rejudge: Rejudge | None = None) -> list[Recorded]:
    """Record each entry's year of ``province``, in one transaction under the province's write lock.

    With ``rejudge``, every year whose verdicts are stale afterwards is judged
    again in the same transaction (module docstring); those years follow the
    entries in the list returned.
    """
    recorded_at = (now or dt.datetime.now(dt.timezone.utc)).astimezone(dt.timezone.utc)
    user = _user()
    done: list[Recorded] = []
    with store.writing(province) as connection:
        for entry in entries:
            done.append(_record_one(connection, province, entry, recorded_at, user, version))
        if rejudge is not None:
            done.extend(_rejudge_stale(connection, province, rejudge, recorded_at, user, version))
    return done


def _rejudge_stale(connection: Connection, province: str, rejudge: Rejudge, recorded_at: dt.datetime, user: str,
                   version: str) -> list[Recorded]:
    """Judge again, oldest first, each year whose current verdicts an earlier year's newer version made stale."""
    current = {h.year: h for h in heads(connection, province)}
    done: list[Recorded] = []
    for year in sorted(current):
        cause = stale_causes(list(current.values())).get(year)
        if cause is None:
            continue
        head = current[year]
        corrected = connection.execute(
            sa.select(sa.func.count()).select_from(schema.versions)
            .where(schema.versions.c.province == province, schema.versions.c.year == cause.year,
                   schema.versions.c.id < cause.version_id)).scalar_one() > 0
        why = Rejudged(cause_year=cause.year, cause_version=cause.version_id, corrected=corrected)
        failed: str | None = None
        try:
            judged = rejudge(connection, year)
        except ChuyenhoaError as error:
            judged, failed = None, str(error)
        if judged is None:
            failed = failed or _("không có kế hoạch nào cho năm {year}").format(year=year)
            done.append(Recorded(year=year, version_id=head.version_id, changed=False, previous_id=head.version_id,
                                 rejudged=attrs.evolve(why, failed=failed)))
            continue
        plan, verdicts = judged
        changed = verdicts.key() != _stored_key(connection, head.version_id)
        reason = {"kind": "rejudged", "values_of": head.version_id, "year": cause.year,
                  "version": cause.version_id, "corrected": corrected}
        new_id = _copy_version(connection, head.version_id, plan, verdicts, reason, recorded_at, user, version)
        connection.execute(sa.update(schema.years).where(schema.years.c.province == province,
                                                         schema.years.c.year == year)
                           .values(current_version_id=new_id))
        current[year] = Head(year=year, version_id=new_id, judged=True, basis=dict(verdicts.basis))
        done.append(Recorded(year=year, version_id=new_id, changed=True, previous_id=head.version_id,
                             rejudged=attrs.evolve(why, changed=changed)))
    return done


def _stored_key(connection: Connection, version_id: int) -> tuple[object, ...]:
    """:meth:`Verdicts.key` of the verdicts a version holds."""
    v, cv, tv = schema.versions, schema.commune_verdicts, schema.target_verdicts
    head = connection.execute(sa.select(v.c.proposed, v.c.summary).where(v.c.id == version_id)).one()
    communes = sorted((r.commune_code, bool(r.selected), r.transformed) for r in connection.execute(
        sa.select(cv.c.commune_code, cv.c.selected, cv.c.transformed).where(cv.c.version_id == version_id)))
    targets = [(r.kind, r.target_id, r.status, r.actual) for r in connection.execute(
        sa.select(tv.c.kind, tv.c.target_id, tv.c.status, tv.c.actual).where(tv.c.version_id == version_id)
        .order_by(tv.c.position))]  # numbered across both kinds, in the order of Verdicts.targets
    return (head.proposed, communes, targets, _canonical(head.summary or {}))


def _copy_version(connection: Connection, source_id: int, plan: PlanInfo, verdicts: Verdicts,
                  reason: Mapping[str, object], recorded_at: dt.datetime, user: str, version: str) -> int:
    """A new version of the same year with the values (and file, hashes, columns) of ``source_id`` and new verdicts."""
    v = schema.versions
    source = connection.execute(sa.select(v).where(v.c.id == source_id)).one()
    version_id: int = connection.execute(sa.insert(v).values(
        province=source.province, year=source.year, recorded_at=recorded_at, recorded_by=user,
        file=source.file, file_sha256=source.file_sha256, province_file=source.province_file,
        province_file_sha256=source.province_file_sha256, values_sha256=source.values_sha256,
        communes_columns=source.communes_columns, province_columns=source.province_columns,
        communes=source.communes, chuyenhoa_version=version, **_plan_columns(plan, verdicts), reason=dict(reason),
    ).returning(v.c.id)).scalar_one()
    for table in (schema.commune_values, schema.province_values):
        names = [c.name for c in table.columns if c.name != "version_id"]
        connection.execute(sa.insert(table).from_select(
            ["version_id", *names],
            sa.select(sa.literal(version_id, sa.Integer), *(table.c[n] for n in names))
            .where(table.c.version_id == source_id)))
    _insert_verdicts(connection, version_id, verdicts)
    return version_id


def _plan_columns(plan: PlanInfo | None, verdicts: Verdicts | None) -> dict[str, object]:
    """The columns of ``versions`` that say which plan judged the values, and what it concluded."""
    return dict(
        plan_id=plan.id if plan else None, plan_date=plan.date if plan else None, plan_file=plan.file if plan else None,
        plan_sha256=plan.sha256 if plan else None, pack=plan.pack if plan else None,
        geography_source=plan.geography_source if plan else None,
        geography_as_of=plan.geography_as_of if plan else None,
        proposed=verdicts.proposed if verdicts else None,
        summary=dict(verdicts.summary) if verdicts else None,
        warnings=list(verdicts.warnings) if verdicts else None,
        basis={str(y): v for y, v in sorted(verdicts.basis.items())} if verdicts else None,
        outside_plan=list(verdicts.outside_plan) if verdicts and verdicts.outside_plan else None,
        file_years={k: list(v) for k, v in verdicts.file_years.items()} if verdicts and verdicts.file_years is not None
        else None,
    )


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
        communes=len(values.communes), chuyenhoa_version=version, **_plan_columns(plan, verdicts),
    ).returning(versions.c.id)).scalar_one()
    raw = sa.bindparam("data", type_=_Raw())
    connection.execute(sa.insert(schema.commune_values).values(version_id=sa.bindparam("version_id"),
                                                               commune_code=sa.bindparam("code"), data=raw),
                       [{"version_id": version_id, "code": code, "data": data} for code, data in values.communes])
    rows = [("", values.province)] if values.province is not None else []
    rows += list(values.provinces)
    if rows:  # "" for the row that names no province (schema.province_values)
        connection.execute(sa.insert(schema.province_values).values(version_id=version_id,
                                                                    province_code=sa.bindparam("code"), data=raw),
                           [{"code": code, "data": data} for code, data in rows])
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
