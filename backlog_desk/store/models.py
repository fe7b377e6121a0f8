"""SQLAlchemy 2.0 typed models: the ledger as it is stored.

These models describe the *latest* schema. Older files are brought up to it by the ordered
steps in `migrations.py`; a test checks that a database built by the migrations matches
these models exactly, so the two can never drift apart.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class AppMeta(Base):
    """Key/value facts about the file itself: schema version, role of the installation."""

    __tablename__ = "app_meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class Court(Base):
    __tablename__ = "court"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    code: Mapped[str] = mapped_column(String(20))


class Department(Base):
    __tablename__ = "department"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    head_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", use_alter=True))
    leader_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", use_alter=True))


class Person(Base):
    """Judges, department heads (庭长), vice-presidents (分管院领导) and the president (院长)."""

    __tablename__ = "person"
    __table_args__ = (UniqueConstraint("name", "role", name="uq_person_name_role"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(60))
    role: Mapped[str] = mapped_column(String(20))  # judge | head | vice_president | president
    department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id"))


class Campaign(Base):
    __tablename__ = "campaign"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    cutoff_date: Mapped[dt.date] = mapped_column(Date)
    reference_date: Mapped[dt.date] = mapped_column(Date)
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date] = mapped_column(Date)
    frozen_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    frozen_by: Mapped[str] = mapped_column(String(60), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class CampaignPhase(Base):
    __tablename__ = "campaign_phase"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(30))
    name: Mapped[str] = mapped_column(String(60))
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date] = mapped_column(Date)


class CampaignTarget(Base):
    __tablename__ = "campaign_target"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(30))
    name: Mapped[str] = mapped_column(String(120))
    due_date: Mapped[dt.date] = mapped_column(Date)
    # Rates are exact decimals kept as text ("0.95"): SQLite has no decimal type and a float
    # would turn 95 % into 0.9499999.
    required_rate: Mapped[str] = mapped_column(String(12))
    filed_on_or_before: Mapped[dt.date | None] = mapped_column(Date)


class Case(Base):
    """One ledger row. `uuid` is the stable identity that exchange packages and workbooks carry;
    `case_number` is the canonical 案号 used to match exports, `case_number_raw` what was typed."""

    __tablename__ = "cases"
    __table_args__ = (
        # The campaign dashboard groups baseline cases by department and filing date; this
        # index covers that query so it never touches the wide table rows.
        Index(
            "ix_cases_stats",
            "baseline_campaign_id", "department_id", "filing_date", "status", "closed_date",
        ),
        Index("ix_cases_dept_status_filed", "department_id", "status", "filing_date"),
        Index("ix_cases_judge", "judge_id", "filing_date"),
        Index("ix_cases_filing", "filing_date"),
        # Earlier cases of the same dispute (审限 refiling flags).
        Index("ix_cases_title", "title", "type_code", "closed_date"),
        # The ledger's reason-category filter in filing-date order (schema step 8).
        Index("ix_cases_reason", "reason_category", "filing_date"),
        # Promise columns: whether a standing promise has passed, read from the index alone
        # (schema step 9); the ledger sorted by expected close date reads its first rows
        # through it too (step 8's index on the date alone was dropped then).
        Index("ix_cases_promise", "expected_close_date", "closed_date"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    case_number: Mapped[str] = mapped_column(String(80), unique=True)
    case_number_raw: Mapped[str] = mapped_column(String(120))
    year: Mapped[int | None] = mapped_column(Integer)
    court_code: Mapped[str] = mapped_column(String(20), default="")
    type_code: Mapped[str] = mapped_column(String(10), default="")
    family: Mapped[str] = mapped_column(String(24), default="")
    title: Mapped[str] = mapped_column(String(500), default="")
    cause: Mapped[str] = mapped_column(String(200), default="")
    filing_date: Mapped[dt.date] = mapped_column(Date)
    department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id"))
    judge_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    leader_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    procedure: Mapped[str] = mapped_column(String(20), default="")
    reason_category: Mapped[str] = mapped_column(String(30), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    expected_close_date: Mapped[dt.date | None] = mapped_column(Date)
    measures: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(10), default="open")
    closed_date: Mapped[dt.date | None] = mapped_column(Date)
    close_manner: Mapped[str] = mapped_column(String(20), default="")
    committee_date: Mapped[dt.date | None] = mapped_column(Date)
    committee_decision: Mapped[str] = mapped_column(Text, default="")
    supervision_level: Mapped[str] = mapped_column(String(40), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    # The campaign whose frozen baseline holds this case; `baseline_entry` keeps the frozen
    # list itself, this copy lets the dashboard count without a million-row join.
    baseline_campaign_id: Mapped[int | None] = mapped_column(ForeignKey("campaign.id"))
    # Set when the latest case-system export no longer lists the case (probably closed).
    closure_candidate: Mapped[bool] = mapped_column(Boolean, default=False)
    source: Mapped[str] = mapped_column(String(20), default="")
    # The import that created the case: its audit entry names the file, the actor and time.
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
    row_version: Mapped[int] = mapped_column(Integer, default=1)


class BaselineEntry(Base):
    """The frozen list of a campaign: the denominator of every clearance rate."""

    __tablename__ = "baseline_entry"
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaign.id", ondelete="CASCADE"), primary_key=True
    )
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), primary_key=True)


class CaseTypeRow(Base):
    """A court's additions to, or overrides of, the shipped 类型代字 table."""

    __tablename__ = "case_type"
    code: Mapped[str] = mapped_column(String(10), primary_key=True)
    family: Mapped[str] = mapped_column(String(24))
    instance: Mapped[str] = mapped_column(String(24))
    label: Mapped[str] = mapped_column(String(60))
    counts_in_stats: Mapped[bool] = mapped_column(Boolean, default=True)


class ImportBatch(Base):
    """One imported file: lets the audit log say which file a change came from."""

    __tablename__ = "import_batch"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    actor: Mapped[str] = mapped_column(String(60))
    kind: Mapped[str] = mapped_column(String(30))
    file_name: Mapped[str] = mapped_column(String(260))
    file_sha256: Mapped[str] = mapped_column(String(64))
    summary: Mapped[str] = mapped_column(Text, default="")


class AuditEntry(Base):
    """Append-only history. Each entry's hash covers its content and the previous entry's
    hash, so `check` can prove nothing was edited or removed afterwards; triggers refuse
    UPDATE and DELETE at the database level."""

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_entity", "entity", "entity_key"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    actor: Mapped[str] = mapped_column(String(60))
    action: Mapped[str] = mapped_column(String(30))
    entity: Mapped[str] = mapped_column(String(30))
    entity_key: Mapped[str] = mapped_column(String(80))
    field: Mapped[str | None] = mapped_column(String(40))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(260), default="")
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batch.id"))
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class BaselineTally(Base):
    """Counts of baseline cases by department, filing month and closing date, kept by
    triggers (see tally.py); open cases carry the closing date 9999-12-31."""

    __tablename__ = "baseline_tally"
    campaign_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    department_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    filing_month: Mapped[str] = mapped_column(String(7), primary_key=True)
    closed_date: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    n: Mapped[int] = mapped_column(Integer)


class TimeLimitEvent(Base):
    """One 审限 event of a case: extension, deduction, suspension or procedure change.

    Dates: ``start_date`` is the decision day (extension, procedure change) or the first day
    of a stopped period, ``end_date`` its end (None while open). An extension's length is in
    ``months`` or ``days``, as the law states it. ``uuid`` lets exchange packages carry it.
    """

    __tablename__ = "time_limit_event"
    __table_args__ = (Index("ix_time_limit_event_case", "case_id", "start_date"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    kind: Mapped[str] = mapped_column(String(20))
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    months: Mapped[int | None] = mapped_column(Integer)
    days: Mapped[int | None] = mapped_column(Integer)
    procedure: Mapped[str] = mapped_column(String(20), default="")
    from_procedure: Mapped[str] = mapped_column(String(20), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    approver: Mapped[str] = mapped_column(String(60), default="")
    approved_by_superior: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    actor: Mapped[str] = mapped_column(String(60))


class UserAccount(Base):
    """A local user: role clerk | head | audit | leader; clerks and heads belong to a
    department (by name, so a department installation can have accounts before its first
    package brings the department rows). Only a salted scrypt hash of the password is kept."""

    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    department: Mapped[str] = mapped_column(String(60), default="")
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(60))
    password_changed_at: Mapped[dt.datetime] = mapped_column(DateTime)


class InventoryConfirmation(Base):
    """A department head's confirmation of the department's inventory list (排查立账): how
    many cases and a fingerprint of which, so a later change of the list shows. ``uuid``
    lets a package carry it to the audit office."""

    __tablename__ = "inventory_confirmation"
    __table_args__ = (Index("ix_inventory_confirmation_dept", "campaign_id", "department"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaign.id"))
    department: Mapped[str] = mapped_column(String(60))
    confirmed_at: Mapped[dt.datetime] = mapped_column(DateTime)
    confirmed_by: Mapped[str] = mapped_column(String(60))
    cases: Mapped[int] = mapped_column(Integer)
    fingerprint: Mapped[str] = mapped_column(String(64))
    note: Mapped[str] = mapped_column(Text, default="")


class SyncPeer(Base):
    """An installation this one exchanges packages with. The key is trusted on first use and
    shown as a fingerprint; a later package with another key is refused."""

    __tablename__ = "sync_peer"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    installation_id: Mapped[str | None] = mapped_column(String(36), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    department: Mapped[str] = mapped_column(String(60), default="")
    public_key: Mapped[str] = mapped_column(String(64), default="")  # hex, "" until known
    fingerprint: Mapped[str] = mapped_column(String(24), default="")
    last_sent_seq: Mapped[int] = mapped_column(Integer, default=0)
    last_received_seq: Mapped[int] = mapped_column(Integer, default=0)
    # The newest of our packages the peer says it has applied.
    acked_seq: Mapped[int] = mapped_column(Integer, default=0)
    last_sent_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    last_received_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class SyncOutbox(Base):
    """A package sent: up to which local change it carried, so an acknowledgement of it
    tells which changes the peer holds."""

    __tablename__ = "sync_outbox"
    peer_id: Mapped[int] = mapped_column(ForeignKey("sync_peer.id"), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    up_to_change: Mapped[int] = mapped_column(Integer)
    cases: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class SyncChange(Base):
    """Local change log filled by triggers (see sync.py); the id is the change sequence."""

    __tablename__ = "sync_change"
    __table_args__ = ({"sqlite_autoincrement": True},)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(Integer)


class SyncBase(Base):
    """A case's field values as last agreed with a peer: the base of the three-way merge."""

    __tablename__ = "sync_base"
    peer_id: Mapped[int] = mapped_column(ForeignKey("sync_peer.id"), primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    data: Mapped[str] = mapped_column(Text)


class TimeLimitEventRemoved(Base):
    """A deleted 审限 event, kept so that the deletion travels in packages and a package
    still carrying the event does not bring it back."""

    __tablename__ = "time_limit_event_removed"
    __table_args__ = (Index("ix_time_limit_event_removed_case", "case_id"),)
    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    removed_at: Mapped[dt.datetime] = mapped_column(DateTime)
    actor: Mapped[str] = mapped_column(String(60))


class SyncEventBase(Base):
    """A 审限 event as last agreed with a peer (its JSON; '' when both hold it deleted):
    the base of the event merge, as sync_base is for case fields."""

    __tablename__ = "sync_event_base"
    peer_id: Mapped[int] = mapped_column(ForeignKey("sync_peer.id"), primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    data: Mapped[str] = mapped_column(Text)


class SyncConflict(Base):
    """Both sides changed the same field differently since they last agreed."""

    __tablename__ = "sync_conflict"
    __table_args__ = (Index("ix_sync_conflict_case", "case_id", "field"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    peer_id: Mapped[int] = mapped_column(ForeignKey("sync_peer.id"))
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    field: Mapped[str] = mapped_column(String(40))
    mine: Mapped[str | None] = mapped_column(Text)
    theirs: Mapped[str | None] = mapped_column(Text)
    mine_by: Mapped[str] = mapped_column(String(60), default="")
    mine_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    theirs_by: Mapped[str] = mapped_column(String(120), default="")
    theirs_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    package_seq: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    resolved_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    resolved_by: Mapped[str] = mapped_column(String(60), default="")
    resolution: Mapped[str] = mapped_column(String(20), default="")


class TimeLimitSetting(Base):
    """A court's change of one 审限 rule or threshold (key = value) from ``effective_from``;
    rows are only added, so the table in force on any past day can be rebuilt."""

    __tablename__ = "time_limit_setting"
    __table_args__ = (Index("ix_time_limit_setting_key", "key", "effective_from"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(80))
    value: Mapped[str] = mapped_column(String(200))
    effective_from: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(String(60))
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime)


class CaseTag(Base):
    """A tag on a case, e.g. one of the key categories of enforcement cases (seed 002)."""

    __tablename__ = "case_tag"
    __table_args__ = (Index("ix_case_tag_tag", "tag"),)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    tag: Mapped[str] = mapped_column(String(40), primary_key=True)


class PromiseTally(Base):
    """The day-independent part of a case's promised-date record, for cases with audited
    changes of their expected close date; kept by triggers (store/promise_tally.py)."""

    __tablename__ = "promise_tally"
    # The ledger sorted by promises moved (or days moved) walks these.
    __table_args__ = (Index("ix_promise_tally_moved", "moved"),
                      Index("ix_promise_tally_moved_days", "moved_days"))
    case_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    promises: Mapped[int] = mapped_column(Integer)
    moved: Mapped[int] = mapped_column(Integer)
    moved_days: Mapped[int] = mapped_column(Integer)
    missed: Mapped[int] = mapped_column(Integer)
    missed_days: Mapped[int] = mapped_column(Integer)
    standing: Mapped[dt.date | None] = mapped_column(Date)
    closed_date: Mapped[dt.date | None] = mapped_column(Date)  # the case's, copied


class PromiseMiss(Base):
    """A promised date replaced after it had passed: the day promised, the day it changed."""

    __tablename__ = "promise_miss"
    __table_args__ = (Index("ix_promise_miss_case", "case_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(Integer)
    promised: Mapped[dt.date] = mapped_column(Date)
    moved_on: Mapped[dt.date] = mapped_column(Date)
