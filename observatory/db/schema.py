"""The one schema of the observatory (SQLAlchemy 2 declarative, Alembic naming convention)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Named constraints from the first migration on, so later migrations can refer to them
# (PUDL learnt this the hard way).
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class LoadBatch(Base):
    """One attempt to load one file: its lineage, its counts and how it ended."""

    __tablename__ = "load_batch"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_kind: Mapped[str] = mapped_column(String(32))
    corridor: Mapped[str] = mapped_column(String(16))
    file_name: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size_bytes: Mapped[int | None] = mapped_column(Integer)
    started_at: Mapped[dt.datetime] = mapped_column(DateTime)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    # running | loaded | duplicate | refused | failed
    status: Mapped[str] = mapped_column(String(16), index=True)
    message: Mapped[str | None] = mapped_column(Text)
    rows_read: Mapped[int] = mapped_column(Integer, default=0)
    rows_loaded: Mapped[int] = mapped_column(Integer, default=0)
    rows_updated: Mapped[int] = mapped_column(Integer, default=0)
    rows_unchanged: Mapped[int] = mapped_column(Integer, default=0)
    rows_quarantined: Mapped[int] = mapped_column(Integer, default=0)
    header_row: Mapped[int | None] = mapped_column(Integer)  # physical row of the header, 1-based
    ignored_columns: Mapped[str | None] = mapped_column(Text)  # JSON list of header texts
    options: Mapped[str | None] = mapped_column(Text)  # JSON: sex coding, as-of date, ...
    process: Mapped[str | None] = mapped_column(String(100))  # host:pid while running


class Worker(Base):
    """A worker known only by a keyed hash of the national ID (never the ID itself)."""

    __tablename__ = "worker"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_key: Mapped[str] = mapped_column(String(64), unique=True)
    sex: Mapped[str | None] = mapped_column(String(1))  # F | M
    birth_year: Mapped[int | None] = mapped_column(Integer)
    first_batch_id: Mapped[int] = mapped_column(ForeignKey("load_batch.id"))


class Registration(Base):
    """One registration of a worker at a border mobility office (source `border_office`)."""

    __tablename__ = "registration"
    __table_args__ = (
        UniqueConstraint("office_code", "registration_id", name="uq_registration_office_key"),
        Index("ix_registration_date_direction", "registered_on", "direction"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    office_code: Mapped[str] = mapped_column(String(32))  # border point code of the corridor
    registration_id: Mapped[str] = mapped_column(String(64))
    worker_id: Mapped[int] = mapped_column(ForeignKey("worker.id"), index=True)
    registered_on: Mapped[dt.date] = mapped_column(Date)
    period_month: Mapped[str] = mapped_column(String(7))  # YYYY-MM of registered_on
    direction: Mapped[str] = mapped_column(String(8))  # exit | return
    sex: Mapped[str] = mapped_column(String(1))  # F | M, as recorded on this registration
    age_years: Mapped[int] = mapped_column(Integer)  # on registered_on
    age_group: Mapped[str] = mapped_column(String(8))  # see observatory.corridor age groups
    origin_country: Mapped[str] = mapped_column(String(2))
    origin_admin1: Mapped[str] = mapped_column(String(8))  # ISO 3166-2
    origin_admin2: Mapped[str | None] = mapped_column(String(120))  # folded free text
    destination_country: Mapped[str] = mapped_column(String(2))
    destination_admin1: Mapped[str] = mapped_column(String(8))
    destination_admin2: Mapped[str | None] = mapped_column(String(120))
    sector: Mapped[str] = mapped_column(String(32))
    occupation: Mapped[str | None] = mapped_column(String(200))
    recruiter_licence: Mapped[str | None] = mapped_column(String(64))
    employer_id: Mapped[str | None] = mapped_column(String(64))
    employer_name: Mapped[str | None] = mapped_column(String(300))
    contract_id: Mapped[str | None] = mapped_column(String(64))
    document_type: Mapped[str | None] = mapped_column(String(8))  # TVTF | TVR | other | none
    language: Mapped[str | None] = mapped_column(String(8))  # es | mam | quc | cak | other
    accompanying_family: Mapped[int | None] = mapped_column(Integer)
    # Lineage: the batches that created and last changed the row. No foreign key: on
    # PostgreSQL two per-row checks against one load_batch row took a third of a bulk
    # load's time, and batch ids only ever come from the loader (load_batch is append-only).
    first_batch_id: Mapped[int] = mapped_column(Integer)
    last_batch_id: Mapped[int] = mapped_column(Integer)


class RecordChange(Base):
    """What a batch changed in an existing record: the history of corrections."""

    __tablename__ = "record_change"
    __table_args__ = (Index("ix_record_change_record", "table_name", "record_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    table_name: Mapped[str] = mapped_column(String(32))
    record_id: Mapped[int] = mapped_column(Integer)
    batch_id: Mapped[int] = mapped_column(ForeignKey("load_batch.id"), index=True)
    changes: Mapped[str] = mapped_column(Text)  # JSON {field: [old, new]}


class QuarantinedRow(Base):
    """One faulty field of one rejected row, with the row's values minus personal identifiers."""

    __tablename__ = "quarantined_row"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("load_batch.id"), index=True)
    row_number: Mapped[int] = mapped_column(Integer)  # 1 = the header row
    field: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(Text)
    raw_values: Mapped[str] = mapped_column(Text)  # JSON {header: value}, identifiers removed


class Recruiter(Base):
    """A recruiter of the binational register (source `recruiter_registry`), by licence."""

    __tablename__ = "recruiter"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    licence_no: Mapped[str] = mapped_column(String(64), unique=True)  # unique in both countries
    name: Mapped[str] = mapped_column(String(300))
    registry_country: Mapped[str] = mapped_column(String(2))
    kind: Mapped[str | None] = mapped_column(String(16))  # agency | individual | employer
    registered_on: Mapped[dt.date | None] = mapped_column(Date)
    valid_until: Mapped[dt.date | None] = mapped_column(Date)
    admin1: Mapped[str | None] = mapped_column(String(8))
    sectors: Mapped[str | None] = mapped_column(String(300))  # sector codes joined by ";"
    complaints: Mapped[int | None] = mapped_column(Integer)
    # From the newest snapshot that lists the recruiter (kept by etl.sources.recruiter_registry)
    status: Mapped[str | None] = mapped_column(String(16))
    last_seen_on: Mapped[dt.date | None] = mapped_column(Date)
    missing_from_register: Mapped[bool] = mapped_column(default=False, server_default=false())
    first_batch_id: Mapped[int] = mapped_column(Integer)
    last_batch_id: Mapped[int] = mapped_column(Integer)


class RecruiterObservation(Base):
    """What one registry snapshot said of one licence: the raw material of the status history."""

    __tablename__ = "recruiter_observation"
    __table_args__ = (
        UniqueConstraint("licence_no", "snapshot_date", name="uq_recruiter_observation_key"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    licence_no: Mapped[str] = mapped_column(String(64))
    snapshot_date: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16))
    status_since: Mapped[dt.date | None] = mapped_column(Date)
    batch_id: Mapped[int] = mapped_column(Integer, index=True)


class RecruiterStatus(Base):
    """A licence's status over time: each status from `valid_from` until `valid_to` (excluded).

    Rebuilt from the observations after every registry load, so snapshots may come in any
    order. Expiry (`valid_until` passed) is applied when a date is asked, not stored here.
    """

    __tablename__ = "recruiter_status"
    __table_args__ = (Index("ix_recruiter_status_licence", "licence_no", "valid_from"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    licence_no: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16))
    valid_from: Mapped[dt.date] = mapped_column(Date)
    valid_to: Mapped[dt.date | None] = mapped_column(Date)


class Employer(Base):
    """An employer named by registrations or contracts, by tax ID (RFC in Mexico)."""

    __tablename__ = "employer"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    employer_id: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str | None] = mapped_column(String(300))
    first_batch_id: Mapped[int] = mapped_column(Integer)
    last_batch_id: Mapped[int] = mapped_column(Integer)


class Contract(Base):
    """One employment contract (source `contracts`), with its wage and fee normalised.

    Amounts ending in `_dest` are in the corridor's destination currency (MXN for
    Guatemala -> Mexico), per day or per month by the conventions of observatory.money.
    """

    __tablename__ = "contract"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contract_id: Mapped[str] = mapped_column(String(64), unique=True)
    worker_id: Mapped[int] = mapped_column(ForeignKey("worker.id"), index=True)
    sector: Mapped[str] = mapped_column(String(32))
    worksite_country: Mapped[str] = mapped_column(String(2))
    worksite_admin1: Mapped[str] = mapped_column(String(8))
    worksite_admin2: Mapped[str | None] = mapped_column(String(120))
    start_date: Mapped[dt.date] = mapped_column(Date, index=True)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    wage_amount: Mapped[float] = mapped_column(Float)
    wage_period: Mapped[str] = mapped_column(String(12))
    currency: Mapped[str] = mapped_column(String(3))
    hours_per_week: Mapped[float | None] = mapped_column(Float)
    written_contract: Mapped[bool | None] = mapped_column()
    fee_paid_by_worker: Mapped[float | None] = mapped_column(Float)
    housing_provided: Mapped[bool | None] = mapped_column()
    transport_paid_by_employer: Mapped[bool | None] = mapped_column()
    social_security: Mapped[bool | None] = mapped_column()
    complaint_filed: Mapped[bool | None] = mapped_column()
    employer_id: Mapped[str | None] = mapped_column(String(64))
    employer_name: Mapped[str | None] = mapped_column(String(300))
    recruiter_licence: Mapped[str | None] = mapped_column(String(64), index=True)
    occupation: Mapped[str | None] = mapped_column(String(200))
    # Derived at load time (observatory.money): None for piece rates or unknown rates.
    wage_daily_dest: Mapped[float | None] = mapped_column(Float)
    wage_monthly_dest: Mapped[float | None] = mapped_column(Float)
    minimum_wage_daily_dest: Mapped[float | None] = mapped_column(Float)
    below_minimum_wage: Mapped[bool | None] = mapped_column()
    fee_dest: Mapped[float | None] = mapped_column(Float)
    recruitment_cost_ratio: Mapped[float | None] = mapped_column(Float)  # SDG 10.7.1, one worker
    first_batch_id: Mapped[int] = mapped_column(Integer)
    last_batch_id: Mapped[int] = mapped_column(Integer)


class DataState(Base):
    """One row: the data version, advanced in the same transaction as every load's data.

    Caches key on it. A counter bumped at commit (not the newest batch id, allocated when a
    load starts) stays right when two loads overlap and the older one commits last.
    """

    __tablename__ = "data_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    changed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class UserAccount(Base):
    """A person who signs in: a role, a country for stewards, and what locks them out.

    `session_generation` is part of the session cookie's user id: raising it (a password
    change, a lock, a deactivation) makes every cookie issued before unusable.
    """

    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16))  # viewer | analyst | steward | admin
    country: Mapped[str | None] = mapped_column(String(2))  # ISO-2; stewards only
    active: Mapped[bool] = mapped_column(Boolean, server_default=true())
    failed_attempts: Mapped[int] = mapped_column(Integer, server_default="0")
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime)
    session_generation: Mapped[int] = mapped_column(Integer, server_default="0")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    password_changed_at: Mapped[dt.datetime] = mapped_column(DateTime)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class ApiToken(Base):
    """An analyst's API token: only its SHA-256 is kept; the token is shown once."""

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    token_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    last_used_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class AuditEvent(Base):
    """One entry of the append-only audit log (a database trigger refuses UPDATE and DELETE)."""

    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    actor: Mapped[str | None] = mapped_column(String(64))  # username; None: anonymous/system
    action: Mapped[str] = mapped_column(String(32), index=True)
    target: Mapped[str | None] = mapped_column(String(300))
    details: Mapped[str | None] = mapped_column(Text)  # JSON object
    remote_addr: Mapped[str | None] = mapped_column(String(64))


registration_table = Registration.__table__
recruiter_table = Recruiter.__table__
recruiter_observation_table = RecruiterObservation.__table__
recruiter_status_table = RecruiterStatus.__table__
employer_table = Employer.__table__
contract_table = Contract.__table__
data_state_table = DataState.__table__
worker_table = Worker.__table__
load_batch_table = LoadBatch.__table__
record_change_table = RecordChange.__table__
quarantined_row_table = QuarantinedRow.__table__
user_account_table = UserAccount.__table__
api_token_table = ApiToken.__table__
audit_event_table = AuditEvent.__table__


class Agenda(Base):
    """A meeting agenda: a name and an ordered list of slides, each a page's chart under a
    filter (`slides`: a JSON list of {"page", "chart", "query"}; see observatory.db.agendas)."""

    __tablename__ = "agenda"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    slides: Mapped[str] = mapped_column(Text, server_default="[]")
    created_by: Mapped[str | None] = mapped_column(String(64))  # username; None: accounts off
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)


agenda_table = Agenda.__table__
