"""Ordered schema steps. Version N of a file is the result of steps 1..N.

A new file runs every step from 1, exactly as an old file would be upgraded, so there is one
path to the latest schema, not two. Each step defines the tables *as they were* at that
version (frozen Core definitions), never the current models, so later model changes cannot
alter what an old step does. The schema version is kept in `app_meta` (works on SQLite and
PostgreSQL alike).
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)

from . import event_sync, promise_tally, search, signing_key, sync, tally

Step = Callable[[Connection], None]


def _v1_tables(md: MetaData) -> None:
    Table("app_meta", md,
          Column("key", String(64), primary_key=True),
          Column("value", Text, nullable=False))
    Table("court", md,
          Column("id", Integer, primary_key=True),
          Column("name", String(100), nullable=False),
          Column("code", String(20), nullable=False))
    Table("department", md,
          Column("id", Integer, primary_key=True),
          Column("name", String(60), nullable=False, unique=True),
          Column("sort_order", Integer, nullable=False),
          Column("head_id", Integer, ForeignKey("person.id", use_alter=True)),
          Column("leader_id", Integer, ForeignKey("person.id", use_alter=True)))
    Table("person", md,
          Column("id", Integer, primary_key=True),
          Column("name", String(60), nullable=False),
          Column("role", String(20), nullable=False),
          Column("department_id", Integer, ForeignKey("department.id")),
          UniqueConstraint("name", "role", name="uq_person_name_role"))
    Table("campaign", md,
          Column("id", Integer, primary_key=True),
          Column("name", String(120), nullable=False),
          Column("cutoff_date", Date, nullable=False),
          Column("reference_date", Date, nullable=False),
          Column("start_date", Date, nullable=False),
          Column("end_date", Date, nullable=False),
          Column("frozen_at", DateTime),
          Column("frozen_by", String(60), nullable=False),
          Column("active", Boolean, nullable=False))
    Table("campaign_phase", md,
          Column("id", Integer, primary_key=True),
          Column("campaign_id", Integer, ForeignKey("campaign.id", ondelete="CASCADE"),
                 nullable=False),
          Column("key", String(30), nullable=False),
          Column("name", String(60), nullable=False),
          Column("start_date", Date, nullable=False),
          Column("end_date", Date, nullable=False))
    Table("campaign_target", md,
          Column("id", Integer, primary_key=True),
          Column("campaign_id", Integer, ForeignKey("campaign.id", ondelete="CASCADE"),
                 nullable=False),
          Column("key", String(30), nullable=False),
          Column("name", String(120), nullable=False),
          Column("due_date", Date, nullable=False),
          Column("required_rate", String(12), nullable=False),
          Column("filed_on_or_before", Date))
    Table("cases", md,
          Column("id", Integer, primary_key=True),
          Column("uuid", String(36), nullable=False, unique=True),
          Column("case_number", String(80), nullable=False, unique=True),
          Column("case_number_raw", String(120), nullable=False),
          Column("year", Integer),
          Column("court_code", String(20), nullable=False),
          Column("type_code", String(10), nullable=False),
          Column("family", String(24), nullable=False),
          Column("title", String(500), nullable=False),
          Column("cause", String(200), nullable=False),
          Column("filing_date", Date, nullable=False),
          Column("department_id", Integer, ForeignKey("department.id")),
          Column("judge_id", Integer, ForeignKey("person.id")),
          Column("leader_id", Integer, ForeignKey("person.id")),
          Column("procedure", String(20), nullable=False),
          Column("reason_category", String(30), nullable=False),
          Column("reason", Text, nullable=False),
          Column("expected_close_date", Date),
          Column("measures", Text, nullable=False),
          Column("status", String(10), nullable=False),
          Column("closed_date", Date),
          Column("close_manner", String(20), nullable=False),
          Column("committee_date", Date),
          Column("committee_decision", Text, nullable=False),
          Column("supervision_level", String(40), nullable=False),
          Column("notes", Text, nullable=False),
          Column("baseline_campaign_id", Integer, ForeignKey("campaign.id")),
          Column("source", String(20), nullable=False),
          Column("created_at", DateTime, nullable=False),
          Column("updated_at", DateTime, nullable=False),
          Column("row_version", Integer, nullable=False),
          Index("ix_cases_dept_status_filed", "department_id", "status", "filing_date"),
          Index("ix_cases_judge", "judge_id", "filing_date"),
          Index("ix_cases_filing", "filing_date"))
    Table("baseline_entry", md,
          Column("campaign_id", Integer, ForeignKey("campaign.id", ondelete="CASCADE"),
                 primary_key=True),
          Column("case_id", Integer, ForeignKey("cases.id"), primary_key=True))
    Table("case_type", md,
          Column("code", String(10), primary_key=True),
          Column("family", String(24), nullable=False),
          Column("instance", String(24), nullable=False),
          Column("label", String(60), nullable=False),
          Column("counts_in_stats", Boolean, nullable=False))
    Table("audit_log", md,
          Column("id", Integer, primary_key=True),
          Column("at", DateTime, nullable=False),
          Column("actor", String(60), nullable=False),
          Column("action", String(30), nullable=False),
          Column("entity", String(30), nullable=False),
          Column("entity_key", String(80), nullable=False),
          Column("field", String(40)),
          Column("old_value", Text),
          Column("new_value", Text),
          Column("source", String(260), nullable=False),
          Column("prev_hash", String(64), nullable=False),
          Column("hash", String(64), nullable=False),
          Index("ix_audit_entity", "entity", "entity_key"))


def _append_only_triggers(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        for op in ("UPDATE", "DELETE"):
            conn.execute(text(
                f"CREATE TRIGGER audit_log_no_{op.lower()} BEFORE {op} ON audit_log "
                "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
            ))
    else:
        conn.execute(text(
            "CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger AS $$ "
            "BEGIN RAISE EXCEPTION 'audit_log is append-only'; END; $$ LANGUAGE plpgsql"
        ))
        conn.execute(text(
            "CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log "
            "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()"
        ))


def step_1_initial(conn: Connection) -> None:
    """The first released schema: ledger, people, campaign, baseline, append-only audit log."""
    md = MetaData()
    _v1_tables(md)
    md.create_all(conn)
    _append_only_triggers(conn)


def step_2_import_batches(conn: Connection) -> None:
    """Record which file each change came from, flag cases that vanished from the latest
    export, and cover the dashboard query with one index."""
    md = MetaData()
    batch = Table("import_batch", md,
                  Column("id", Integer, primary_key=True),
                  Column("at", DateTime, nullable=False),
                  Column("actor", String(60), nullable=False),
                  Column("kind", String(30), nullable=False),
                  Column("file_name", String(260), nullable=False),
                  Column("file_sha256", String(64), nullable=False),
                  Column("summary", Text, nullable=False))
    batch.create(conn)
    # ADD COLUMN with a REFERENCES clause is accepted by both SQLite and PostgreSQL.
    conn.execute(text(
        "ALTER TABLE audit_log ADD COLUMN batch_id INTEGER REFERENCES import_batch (id)"
    ))
    false = "0" if conn.dialect.name == "sqlite" else "false"
    conn.execute(text(
        f"ALTER TABLE cases ADD COLUMN closure_candidate BOOLEAN NOT NULL DEFAULT {false}"
    ))
    conn.execute(text(
        "ALTER TABLE cases ADD COLUMN import_batch_id INTEGER REFERENCES import_batch (id)"
    ))
    conn.execute(text(
        "CREATE INDEX ix_cases_stats ON cases "
        "(baseline_campaign_id, department_id, filing_date, status, closed_date)"
    ))


def step_3_baseline_tally(conn: Connection) -> None:
    """Trigger-maintained counts that let the dashboard answer without scanning the cases."""
    tally.install(conn)


def step_4_time_limit_events(conn: Connection) -> None:
    """审限 events per case (extensions, deductions, suspensions, procedure changes)."""
    md = MetaData()
    # Stand-in for the existing cases table so the foreign key resolves; never created here.
    Table("cases", md, Column("id", Integer, primary_key=True))
    Table("time_limit_event", md,
          Column("id", Integer, primary_key=True),
          Column("uuid", String(36), nullable=False, unique=True),
          Column("case_id", Integer, ForeignKey("cases.id"), nullable=False),
          Column("kind", String(20), nullable=False),
          Column("start_date", Date, nullable=False),
          Column("end_date", Date),
          Column("months", Integer),
          Column("days", Integer),
          Column("procedure", String(20), nullable=False),
          Column("from_procedure", String(20), nullable=False),
          Column("reason", Text, nullable=False),
          Column("approver", String(60), nullable=False),
          Column("approved_by_superior", Boolean, nullable=False),
          Column("created_at", DateTime, nullable=False),
          Column("actor", String(60), nullable=False),
          Index("ix_time_limit_event_case", "case_id", "start_date"))
    md.tables["time_limit_event"].create(conn)


def step_5_accounts(conn: Connection) -> None:
    """Local user accounts with roles, and heads' confirmations of the inventory list."""
    md = MetaData()
    Table("campaign", md, Column("id", Integer, primary_key=True))
    Table("user_account", md,
          Column("id", Integer, primary_key=True),
          Column("name", String(60), nullable=False, unique=True),
          Column("role", String(20), nullable=False),
          Column("department", String(60), nullable=False),
          Column("password_hash", String(200), nullable=False),
          Column("active", Boolean, nullable=False),
          Column("created_at", DateTime, nullable=False),
          Column("created_by", String(60), nullable=False),
          Column("password_changed_at", DateTime, nullable=False))
    Table("inventory_confirmation", md,
          Column("id", Integer, primary_key=True),
          Column("uuid", String(36), nullable=False, unique=True),
          Column("campaign_id", Integer, ForeignKey("campaign.id"), nullable=False),
          Column("department", String(60), nullable=False),
          Column("confirmed_at", DateTime, nullable=False),
          Column("confirmed_by", String(60), nullable=False),
          Column("cases", Integer, nullable=False),
          Column("fingerprint", String(64), nullable=False),
          Column("note", Text, nullable=False),
          Index("ix_inventory_confirmation_dept", "campaign_id", "department"))
    md.tables["user_account"].create(conn)
    md.tables["inventory_confirmation"].create(conn)


def step_6_sync(conn: Connection) -> None:
    """Package exchange: known peers, packages sent, the change log its triggers fill,
    the values last agreed with each peer, and the conflicts people must resolve."""
    md = MetaData()
    Table("cases", md, Column("id", Integer, primary_key=True))
    Table("sync_peer", md,
          Column("id", Integer, primary_key=True),
          Column("installation_id", String(36), unique=True),
          Column("role", String(20), nullable=False),
          Column("department", String(60), nullable=False),
          Column("public_key", String(64), nullable=False),
          Column("fingerprint", String(24), nullable=False),
          Column("last_sent_seq", Integer, nullable=False),
          Column("last_received_seq", Integer, nullable=False),
          Column("acked_seq", Integer, nullable=False),
          Column("last_sent_at", DateTime),
          Column("last_received_at", DateTime))
    Table("sync_outbox", md,
          Column("peer_id", Integer, ForeignKey("sync_peer.id"), primary_key=True),
          Column("seq", Integer, primary_key=True),
          Column("up_to_change", Integer, nullable=False),
          Column("cases", Integer, nullable=False),
          Column("created_at", DateTime, nullable=False))
    Table("sync_change", md,
          Column("id", Integer, primary_key=True),
          Column("case_id", Integer, nullable=False),
          sqlite_autoincrement=True)
    Table("sync_base", md,
          Column("peer_id", Integer, ForeignKey("sync_peer.id"), primary_key=True),
          Column("case_id", Integer, ForeignKey("cases.id"), primary_key=True),
          Column("data", Text, nullable=False))
    Table("sync_conflict", md,
          Column("id", Integer, primary_key=True),
          Column("peer_id", Integer, ForeignKey("sync_peer.id"), nullable=False),
          Column("case_id", Integer, ForeignKey("cases.id"), nullable=False),
          Column("field", String(40), nullable=False),
          Column("mine", Text),
          Column("theirs", Text),
          Column("mine_by", String(60), nullable=False),
          Column("mine_at", DateTime),
          Column("theirs_by", String(120), nullable=False),
          Column("theirs_at", DateTime),
          Column("package_seq", Integer, nullable=False),
          Column("created_at", DateTime, nullable=False),
          Column("resolved_at", DateTime),
          Column("resolved_by", String(60), nullable=False),
          Column("resolution", String(20), nullable=False),
          Index("ix_sync_conflict_case", "case_id", "field"))
    for name in ("sync_peer", "sync_outbox", "sync_change", "sync_base", "sync_conflict"):
        md.tables[name].create(conn)
    sync.install_triggers(conn)


def step_7_time_limit_settings(conn: Connection) -> None:
    """A court's versioned adjustments of the 审限 rule table, and case tags (the key
    categories of enforcement cases)."""
    md = MetaData()
    Table("cases", md, Column("id", Integer, primary_key=True))
    Table("time_limit_setting", md,
          Column("id", Integer, primary_key=True),
          Column("key", String(80), nullable=False),
          Column("value", String(200), nullable=False),
          Column("effective_from", Date, nullable=False),
          Column("reason", Text, nullable=False),
          Column("actor", String(60), nullable=False),
          Column("recorded_at", DateTime, nullable=False),
          Index("ix_time_limit_setting_key", "key", "effective_from"))
    Table("case_tag", md,
          Column("case_id", Integer, ForeignKey("cases.id"), primary_key=True),
          Column("tag", String(40), primary_key=True),
          Index("ix_case_tag_tag", "tag"))
    md.tables["time_limit_setting"].create(conn)
    md.tables["case_tag"].create(conn)
    # Finds earlier cases of the same dispute (withdrawn and refiled, closed and reopened).
    conn.execute(text("CREATE INDEX ix_cases_title ON cases (title, type_code, closed_date)"))


def step_8_ledger_search(conn: Connection) -> None:
    """The ledger's search and reason filter at a million cases: a trigram full-text index
    of case numbers and titles on SQLite (store.search), an index for the reason filter."""
    conn.execute(text(
        "CREATE INDEX ix_cases_reason ON cases (reason_category, filing_date)"))
    conn.execute(text("CREATE INDEX ix_cases_expected ON cases (expected_close_date)"))
    search.install(conn)


def step_10_signing_key_and_event_sync(conn: Connection) -> None:
    """The package-signing key leaves the database for a per-user key file
    (store.signing_key): a copy of the ledger must not be able to sign for the office.
    Edits and deletions of 审限 events travel in packages: deleted events are remembered,
    a deletion is logged as a change of its case, and each event's last agreed value per
    peer is kept (seeded with the events as they are, which both sides hold alike)."""
    signing_key.move_key_out(conn)
    md = MetaData()
    Table("cases", md, Column("id", Integer, primary_key=True))
    Table("sync_peer", md, Column("id", Integer, primary_key=True))
    Table("time_limit_event_removed", md,
          Column("uuid", String(36), primary_key=True),
          Column("case_id", Integer, ForeignKey("cases.id"), nullable=False),
          Column("removed_at", DateTime, nullable=False),
          Column("actor", String(60), nullable=False),
          Index("ix_time_limit_event_removed_case", "case_id"))
    Table("sync_event_base", md,
          Column("peer_id", Integer, ForeignKey("sync_peer.id"), primary_key=True),
          Column("uuid", String(36), primary_key=True),
          Column("data", Text, nullable=False))
    md.tables["time_limit_event_removed"].create(conn)
    md.tables["sync_event_base"].create(conn)
    sync.install_event_delete_trigger(conn)
    event_sync.seed_bases(conn)


def step_9_promise_tally(conn: Connection) -> None:
    """Promised close dates in the ledger: the per-case tally of promises moved and missed
    kept from the audit log by triggers (store.promise_tally), filled from the log as it
    stands, and an index that answers "has the standing promise passed" on its own."""
    md = MetaData()
    Table("promise_tally", md,
          Column("case_id", Integer, primary_key=True),
          Column("promises", Integer, nullable=False),
          Column("moved", Integer, nullable=False),
          Column("moved_days", Integer, nullable=False),
          Column("missed", Integer, nullable=False),
          Column("missed_days", Integer, nullable=False),
          Column("standing", Date),
          Column("closed_date", Date),
          Index("ix_promise_tally_moved", "moved"),
          Index("ix_promise_tally_moved_days", "moved_days"))
    Table("promise_miss", md,
          Column("id", Integer, primary_key=True),
          Column("case_id", Integer, nullable=False),
          Column("promised", Date, nullable=False),
          Column("moved_on", Date, nullable=False),
          Index("ix_promise_miss_case", "case_id"))
    md.create_all(conn)
    conn.execute(text(
        "CREATE INDEX ix_cases_promise ON cases (expected_close_date, closed_date)"))
    # Its prefix serves the expected-date sort as well: one index less for every import.
    conn.execute(text("DROP INDEX IF EXISTS ix_cases_expected"))
    promise_tally.install(conn)


STEPS: tuple[Step, ...] = (step_1_initial, step_2_import_batches, step_3_baseline_tally,
                           step_4_time_limit_events, step_5_accounts,
                           step_6_sync, step_7_time_limit_settings,
                           step_8_ledger_search, step_9_promise_tally,
                           step_10_signing_key_and_event_sync)
LATEST_VERSION = len(STEPS)
