"""The tables of the history store, as SQLAlchemy Core sees them at the newest revision.

A **version** is one recording of one year of one province: the values as read,
the file they came from (name and SHA-256), who recorded it and when, the plan
and geography snapshot used, and the verdicts.  Versions are only ever added:
recording different data for a year adds a version and moves the year's
``current_version_id`` to it (table ``years``), so nothing is overwritten and
every earlier version stays readable.

Values are kept as one JSON object per commune-year (column id → value as typed
by the reader: count as integer, rate and number as decimal, flag as boolean,
text as text; empty cells are left out) rather than one row per cell: a national
decade is 100,000 rows instead of four million, and the columns a pack adds need
no change of schema.  Both SQLite and PostgreSQL store ``JSON``.

The schema is created and changed by the Alembic scripts in ``migrations/``
only; :data:`HEAD` names the newest, and a test checks that these tables are
what the scripts build.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

__all__ = ["HEAD", "metadata"]

#: The newest revision of the scripts in ``migrations/versions`` (a test keeps the two equal).
HEAD = "0003"

#: Constraint names fixed by convention, so a later migration can name what it changes on both databases.
metadata = MetaData(naming_convention={
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
})

versions = Table(
    "versions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("province", String(64), nullable=False),
    Column("year", Integer, nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    #: the operating-system user who ran the command
    Column("recorded_by", String(256), nullable=False),
    #: the --data file as given, its SHA-256; the --province-data file likewise (None: none, or the workbook's sheet)
    Column("file", Text, nullable=False),
    Column("file_sha256", String(64), nullable=False),
    Column("province_file", Text),
    Column("province_file_sha256", String(64)),
    #: SHA-256 of the year's values (canonical JSON): the same values from any file are the same version
    Column("values_sha256", String(64), nullable=False),
    #: column ids of the year's communes and province rows, in the file's order
    Column("communes_columns", JSON, nullable=False),
    Column("province_columns", JSON(none_as_null=True)),
    Column("communes", Integer, nullable=False),
    Column("chuyenhoa_version", String(64), nullable=False),
    #: the plan used for the verdicts (None: no plan of the pack covers the year; values only)
    Column("plan_id", String(256)),
    Column("plan_date", Date),
    Column("plan_file", Text),
    Column("plan_sha256", String(64)),
    Column("pack", String(256)),
    Column("geography_source", Text),
    Column("geography_as_of", Date),
    # revision 0002
    #: whether the hotspots were the library's proposal (no approved list in the data)
    Column("proposed", Boolean),
    #: the result's ``summary`` (docs/result-json.md) and its warnings
    Column("summary", JSON(none_as_null=True)),
    Column("warnings", JSON(none_as_null=True)),
    #: earlier years the verdicts used that came from the store: {"2023": version id, …}
    Column("basis", JSON(none_as_null=True)),
    # revision 0003
    #: None for a version recorded from a file; for one written because an earlier year changed (the same
    #: values judged again): {"kind": "rejudged", "values_of": id, "year": 2024, "version": id, "corrected": true}
    Column("reason", JSON(none_as_null=True)),
    #: communes recorded as values only: the year's plan was not written for them (another province merged in)
    Column("outside_plan", JSON(none_as_null=True)),
    #: the years before this one the verdicts took from the file, not the store, table by table:
    #: {"communes": [2023], "province": [2023]} (None: not known)
    Column("file_years", JSON(none_as_null=True)),
)
Index("ix_versions_province_year", versions.c.province, versions.c.year)

years = Table(
    "years", metadata,
    Column("province", String(64), primary_key=True),
    Column("year", Integer, primary_key=True),
    Column("current_version_id", Integer, ForeignKey("versions.id"), nullable=False),
)

commune_values = Table(
    "commune_values", metadata,
    Column("version_id", Integer, ForeignKey("versions.id"), primary_key=True),
    Column("commune_code", String(16), primary_key=True),
    Column("data", JSON, nullable=False),
)

province_values = Table(
    "province_values", metadata,
    Column("version_id", Integer, ForeignKey("versions.id"), primary_key=True),
    # revision 0003: a year may have one row for each province its ``province_code`` names (the provinces merged on
    # 01/07/2025, in the year before); "" for the row that names none (a table without the column)
    Column("province_code", String(8), primary_key=True, server_default=""),
    Column("data", JSON, nullable=False),
)

# revision 0002: the verdicts of a version

commune_verdicts = Table(
    "commune_verdicts", metadata,
    Column("version_id", Integer, ForeignKey("versions.id"), primary_key=True),
    Column("commune_code", String(16), primary_key=True),
    #: a hotspot of the year (approved in the data, or proposed by the library: versions.proposed)
    Column("selected", Boolean, nullable=False),
    #: the verdict: True transformed, False not, None not assessable
    Column("transformed", Boolean),
    #: share of the indicators met (0–100) and the proposal's score, when there is one
    Column("share", Float),
    Column("score", Float),
)

target_verdicts = Table(
    "target_verdicts", metadata,
    Column("version_id", Integer, ForeignKey("versions.id"), primary_key=True),
    #: "target" (the plan's) or "programme" (the national goals, 7488/KH-UBND §II.1)
    Column("kind", String(16), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("target_id", String(256), nullable=False),
    Column("indicator", String(128), nullable=False),
    Column("comparator", String(8), nullable=False),
    Column("threshold", JSON, nullable=False),
    Column("actual", JSON(none_as_null=True)),
    Column("status", String(32), nullable=False),
    Column("source", Text, nullable=False),
    Column("detail", Text),
)
