"""The verdicts of each version: the hotspots and their outcome, the targets, how the hotspots were chosen.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-05

A store of revision 0001 keeps values only; its versions get no verdicts here
(the columns are left empty and ``chuyenhoa history show`` then reads the
``hotspot`` and ``transformed`` columns of the values instead).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("versions") as batch:
        batch.add_column(sa.Column("proposed", sa.Boolean))
        batch.add_column(sa.Column("summary", sa.JSON))
        batch.add_column(sa.Column("warnings", sa.JSON))
        batch.add_column(sa.Column("basis", sa.JSON))
    op.create_table(
        "commune_verdicts",
        sa.Column("version_id", sa.Integer, nullable=False),
        sa.Column("commune_code", sa.String(16), nullable=False),
        sa.Column("selected", sa.Boolean, nullable=False),
        sa.Column("transformed", sa.Boolean),
        sa.Column("share", sa.Float),
        sa.Column("score", sa.Float),
        sa.PrimaryKeyConstraint("version_id", "commune_code", name="pk_commune_verdicts"),
        sa.ForeignKeyConstraint(["version_id"], ["versions.id"], name="fk_commune_verdicts_version_id_versions"),
    )
    op.create_table(
        "target_verdicts",
        sa.Column("version_id", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("target_id", sa.String(256), nullable=False),
        sa.Column("indicator", sa.String(128), nullable=False),
        sa.Column("comparator", sa.String(8), nullable=False),
        sa.Column("threshold", sa.JSON, nullable=False),
        sa.Column("actual", sa.JSON),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("detail", sa.Text),
        sa.PrimaryKeyConstraint("version_id", "kind", "position", name="pk_target_verdicts"),
        sa.ForeignKeyConstraint(["version_id"], ["versions.id"], name="fk_target_verdicts_version_id_versions"),
    )


def downgrade() -> None:
    op.drop_table("target_verdicts")
    op.drop_table("commune_verdicts")
    with op.batch_alter_table("versions") as batch:
        batch.drop_column("basis")
        batch.drop_column("warnings")
        batch.drop_column("summary")
        batch.drop_column("proposed")
