"""data_state: a data version advanced by every load's own transaction

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    table = op.create_table(
        "data_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_data_state")),
    )
    # Start from the loads already made, so a cache built before the upgrade is not reused.
    version = sa.text("(SELECT count(*) FROM load_batch WHERE status = 'loaded')")
    op.execute(table.insert().values(id=1, version=version, changed_at=None))


def downgrade() -> None:
    op.drop_table("data_state")
