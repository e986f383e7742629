"""initial schema: batches, workers, registrations, history, quarantine

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-24 20:10:49.116749
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
        "load_batch",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_kind", sa.String(length=32), nullable=False),
        sa.Column("corridor", sa.String(length=16), nullable=False),
        sa.Column("file_name", sa.String(length=500), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=True),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("message", sa.Text(), nullable=True),
        sa.Column("rows_read", sa.Integer(), nullable=False),
        sa.Column("rows_loaded", sa.Integer(), nullable=False),
        sa.Column("rows_updated", sa.Integer(), nullable=False),
        sa.Column("rows_unchanged", sa.Integer(), nullable=False),
        sa.Column("rows_quarantined", sa.Integer(), nullable=False),
        sa.Column("header_row", sa.Integer(), nullable=True),
        sa.Column("ignored_columns", sa.Text(), nullable=True),
        sa.Column("options", sa.Text(), nullable=True),
        sa.Column("process", sa.String(length=100), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_load_batch")),
    )
    with op.batch_alter_table("load_batch", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_load_batch_sha256"), ["sha256"], unique=False)
        batch_op.create_index(batch_op.f("ix_load_batch_status"), ["status"], unique=False)

    op.create_table(
        "quarantined_row",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("row_number", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(length=64), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("raw_values", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["load_batch.id"],
            name=op.f("fk_quarantined_row_batch_id_load_batch"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quarantined_row")),
    )
    with op.batch_alter_table("quarantined_row", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_quarantined_row_batch_id"), ["batch_id"], unique=False)

    op.create_table(
        "record_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("table_name", sa.String(length=32), nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("changes", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["load_batch.id"],
            name=op.f("fk_record_change_batch_id_load_batch"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_record_change")),
    )
    with op.batch_alter_table("record_change", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_record_change_batch_id"), ["batch_id"], unique=False)
        batch_op.create_index("ix_record_change_record", ["table_name", "record_id"], unique=False)

    op.create_table(
        "worker",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_key", sa.String(length=64), nullable=False),
        sa.Column("sex", sa.String(length=1), nullable=True),
        sa.Column("birth_year", sa.Integer(), nullable=True),
        sa.Column("first_batch_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["first_batch_id"],
            ["load_batch.id"],
            name=op.f("fk_worker_first_batch_id_load_batch"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_worker")),
        sa.UniqueConstraint("person_key", name=op.f("uq_worker_person_key")),
    )
    op.create_table(
        "registration",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("office_code", sa.String(length=32), nullable=False),
        sa.Column("registration_id", sa.String(length=64), nullable=False),
        sa.Column("worker_id", sa.Integer(), nullable=False),
        sa.Column("registered_on", sa.Date(), nullable=False),
        sa.Column("period_month", sa.String(length=7), nullable=False),
        sa.Column("direction", sa.String(length=8), nullable=False),
        sa.Column("sex", sa.String(length=1), nullable=False),
        sa.Column("age_years", sa.Integer(), nullable=False),
        sa.Column("age_group", sa.String(length=8), nullable=False),
        sa.Column("origin_country", sa.String(length=2), nullable=False),
        sa.Column("origin_admin1", sa.String(length=8), nullable=False),
        sa.Column("origin_admin2", sa.String(length=120), nullable=True),
        sa.Column("destination_country", sa.String(length=2), nullable=False),
        sa.Column("destination_admin1", sa.String(length=8), nullable=False),
        sa.Column("destination_admin2", sa.String(length=120), nullable=True),
        sa.Column("sector", sa.String(length=32), nullable=False),
        sa.Column("occupation", sa.String(length=200), nullable=True),
        sa.Column("recruiter_licence", sa.String(length=64), nullable=True),
        sa.Column("employer_id", sa.String(length=64), nullable=True),
        sa.Column("employer_name", sa.String(length=300), nullable=True),
        sa.Column("contract_id", sa.String(length=64), nullable=True),
        sa.Column("document_type", sa.String(length=8), nullable=True),
        sa.Column("language", sa.String(length=8), nullable=True),
        sa.Column("accompanying_family", sa.Integer(), nullable=True),
        sa.Column("first_batch_id", sa.Integer(), nullable=False),
        sa.Column("last_batch_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["worker_id"], ["worker.id"], name=op.f("fk_registration_worker_id_worker")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registration")),
        sa.UniqueConstraint("office_code", "registration_id", name="uq_registration_office_key"),
    )
    with op.batch_alter_table("registration", schema=None) as batch_op:
        batch_op.create_index(
            "ix_registration_date_direction",
            ["registered_on", "direction"],
            unique=False,
        )
        batch_op.create_index(batch_op.f("ix_registration_worker_id"), ["worker_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("registration", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_registration_worker_id"))
        batch_op.drop_index("ix_registration_date_direction")

    op.drop_table("registration")
    op.drop_table("worker")
    with op.batch_alter_table("record_change", schema=None) as batch_op:
        batch_op.drop_index("ix_record_change_record")
        batch_op.drop_index(batch_op.f("ix_record_change_batch_id"))

    op.drop_table("record_change")
    with op.batch_alter_table("quarantined_row", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_quarantined_row_batch_id"))

    op.drop_table("quarantined_row")
    with op.batch_alter_table("load_batch", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_load_batch_status"))
        batch_op.drop_index(batch_op.f("ix_load_batch_sha256"))

    op.drop_table("load_batch")
