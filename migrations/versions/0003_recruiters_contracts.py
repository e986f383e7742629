"""recruiters with status history, employers, contracts

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-24 21:08:54.904143
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "employer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("employer_id", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=True),
        sa.Column("first_batch_id", sa.Integer(), nullable=False),
        sa.Column("last_batch_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_employer")),
        sa.UniqueConstraint("employer_id", name=op.f("uq_employer_employer_id")),
    )
    op.create_table(
        "recruiter",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("licence_no", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("registry_country", sa.String(length=2), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=True),
        sa.Column("registered_on", sa.Date(), nullable=True),
        sa.Column("valid_until", sa.Date(), nullable=True),
        sa.Column("admin1", sa.String(length=8), nullable=True),
        sa.Column("sectors", sa.String(length=300), nullable=True),
        sa.Column("complaints", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=True),
        sa.Column("last_seen_on", sa.Date(), nullable=True),
        sa.Column("missing_from_register", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("first_batch_id", sa.Integer(), nullable=False),
        sa.Column("last_batch_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recruiter")),
        sa.UniqueConstraint("licence_no", name=op.f("uq_recruiter_licence_no")),
    )
    op.create_table(
        "recruiter_observation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("licence_no", sa.String(length=64), nullable=False),
        sa.Column("snapshot_date", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("status_since", sa.Date(), nullable=True),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recruiter_observation")),
        sa.UniqueConstraint("licence_no", "snapshot_date", name="uq_recruiter_observation_key"),
    )
    with op.batch_alter_table("recruiter_observation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_recruiter_observation_batch_id"), ["batch_id"], unique=False
        )

    op.create_table(
        "recruiter_status",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("licence_no", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recruiter_status")),
    )
    with op.batch_alter_table("recruiter_status", schema=None) as batch_op:
        batch_op.create_index(
            "ix_recruiter_status_licence", ["licence_no", "valid_from"], unique=False
        )

    op.create_table(
        "contract",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.String(length=64), nullable=False),
        sa.Column("worker_id", sa.Integer(), nullable=False),
        sa.Column("sector", sa.String(length=32), nullable=False),
        sa.Column("worksite_country", sa.String(length=2), nullable=False),
        sa.Column("worksite_admin1", sa.String(length=8), nullable=False),
        sa.Column("worksite_admin2", sa.String(length=120), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("wage_amount", sa.Float(), nullable=False),
        sa.Column("wage_period", sa.String(length=12), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("hours_per_week", sa.Float(), nullable=True),
        sa.Column("written_contract", sa.Boolean(), nullable=True),
        sa.Column("fee_paid_by_worker", sa.Float(), nullable=True),
        sa.Column("housing_provided", sa.Boolean(), nullable=True),
        sa.Column("transport_paid_by_employer", sa.Boolean(), nullable=True),
        sa.Column("social_security", sa.Boolean(), nullable=True),
        sa.Column("complaint_filed", sa.Boolean(), nullable=True),
        sa.Column("employer_id", sa.String(length=64), nullable=True),
        sa.Column("employer_name", sa.String(length=300), nullable=True),
        sa.Column("recruiter_licence", sa.String(length=64), nullable=True),
        sa.Column("occupation", sa.String(length=200), nullable=True),
        sa.Column("wage_daily_dest", sa.Float(), nullable=True),
        sa.Column("wage_monthly_dest", sa.Float(), nullable=True),
        sa.Column("minimum_wage_daily_dest", sa.Float(), nullable=True),
        sa.Column("below_minimum_wage", sa.Boolean(), nullable=True),
        sa.Column("fee_dest", sa.Float(), nullable=True),
        sa.Column("recruitment_cost_ratio", sa.Float(), nullable=True),
        sa.Column("first_batch_id", sa.Integer(), nullable=False),
        sa.Column("last_batch_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["worker_id"], ["worker.id"], name=op.f("fk_contract_worker_id_worker")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contract")),
        sa.UniqueConstraint("contract_id", name=op.f("uq_contract_contract_id")),
    )
    with op.batch_alter_table("contract", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_contract_recruiter_licence"), ["recruiter_licence"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_contract_start_date"), ["start_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_contract_worker_id"), ["worker_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("contract", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contract_worker_id"))
        batch_op.drop_index(batch_op.f("ix_contract_start_date"))
        batch_op.drop_index(batch_op.f("ix_contract_recruiter_licence"))

    op.drop_table("contract")
    with op.batch_alter_table("recruiter_status", schema=None) as batch_op:
        batch_op.drop_index("ix_recruiter_status_licence")

    op.drop_table("recruiter_status")
    with op.batch_alter_table("recruiter_observation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_recruiter_observation_batch_id"))

    op.drop_table("recruiter_observation")
    op.drop_table("recruiter")
    op.drop_table("employer")
