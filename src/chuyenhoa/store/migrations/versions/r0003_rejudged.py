"""Why a version was written, what its verdicts cover, and a province row for each merged province.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04

* ``reason``: None for a version recorded from a file; for a version written
  because an earlier year changed (its verdicts judged again on the same values),
  ``{"kind": "rejudged", "values_of": …, "year": …, "version": …, "corrected": …}``.
* ``outside_plan``: the communes of the version recorded as values only, because
  the plan of the year was not written for them (a 2024 row of old Long An in the
  history of the new Tây Ninh, whose 2024 plan is old Tây Ninh's).
* ``file_years``: the years before this one that the verdicts took from the
  file rather than the store, table by table (``{"communes": [2023],
  "province": [2023]}``), so that judging them again from the store is refused
  when the store lacks one of them.

* ``province_values.province_code``: a year may have one row of the
  ``province`` table for each province it names (Tây Ninh 72 and Long An 80 in a
  2024 of the new Tây Ninh); ``""`` for a row that names none, which every row of
  an older store is.  The table's key becomes (version, province code).

A store of revision 0002 gets the new columns of ``versions`` empty: its versions
are read as recorded from a file, with verdicts covering every commune, and the
years taken from the file not known.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("versions") as batch:
        batch.add_column(sa.Column("reason", sa.JSON))
        batch.add_column(sa.Column("outside_plan", sa.JSON))
        batch.add_column(sa.Column("file_years", sa.JSON))
    with op.batch_alter_table("province_values") as batch:
        batch.add_column(sa.Column("province_code", sa.String(8), nullable=False, server_default=""))
        batch.drop_constraint("pk_province_values", type_="primary")
        batch.create_primary_key("pk_province_values", ["version_id", "province_code"])


def downgrade() -> None:
    # revision 0002 keeps one province row a version: the rows naming a province go (chuyenhoa never downgrades)
    op.execute("DELETE FROM province_values WHERE province_code <> ''")
    with op.batch_alter_table("province_values") as batch:
        batch.drop_constraint("pk_province_values", type_="primary")
        batch.create_primary_key("pk_province_values", ["version_id"])
        batch.drop_column("province_code")
    with op.batch_alter_table("versions") as batch:
        batch.drop_column("file_years")
        batch.drop_column("outside_plan")
        batch.drop_column("reason")
