"""The store's first schema: versions of a year's values, and which version is current.

Revision ID: 0001
Revises:
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "versions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("province", sa.String(64), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_by", sa.String(256), nullable=False),
        sa.Column("file", sa.Text, nullable=False),
        sa.Column("file_sha256", sa.String(64), nullable=False),
        sa.Column("province_file", sa.Text),
        sa.Column("province_file_sha256", sa.String(64)),
        sa.Column("values_sha256", sa.String(64), nullable=False),
        sa.Column("communes_columns", sa.JSON, nullable=False),
        sa.Column("province_columns", sa.JSON),
        sa.Column("communes", sa.Integer, nullable=False),
        sa.Column("chuyenhoa_version", sa.String(64), nullable=False),
        sa.Column("plan_id", sa.String(256)),
        sa.Column("plan_date", sa.Date),
        sa.Column("plan_file", sa.Text),
        sa.Column("plan_sha256", sa.String(64)),
        sa.Column("pack", sa.String(256)),
        sa.Column("geography_source", sa.Text),
        sa.Column("geography_as_of", sa.Date),
        sa.PrimaryKeyConstraint("id", name="pk_versions"),
    )
    op.create_index("ix_versions_province_year", "versions", ["province", "year"])
    op.create_table(
        "years",
        sa.Column("province", sa.String(64), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("current_version_id", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("province", "year", name="pk_years"),
        sa.ForeignKeyConstraint(["current_version_id"], ["versions.id"], name="fk_years_current_version_id_versions"),
    )
    op.create_table(
        "commune_values",
        sa.Column("version_id", sa.Integer, nullable=False),
        sa.Column("commune_code", sa.String(16), nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
        sa.PrimaryKeyConstraint("version_id", "commune_code", name="pk_commune_values"),
        sa.ForeignKeyConstraint(["version_id"], ["versions.id"], name="fk_commune_values_version_id_versions"),
    )
    op.create_table(
        "province_values",
        sa.Column("version_id", sa.Integer, nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
        sa.PrimaryKeyConstraint("version_id", name="pk_province_values"),
        sa.ForeignKeyConstraint(["version_id"], ["versions.id"], name="fk_province_values_version_id_versions"),
    )


def downgrade() -> None:
    op.drop_table("province_values")
    op.drop_table("commune_values")
    op.drop_table("years")
    op.drop_index("ix_versions_province_year", table_name="versions")
    op.drop_table("versions")
