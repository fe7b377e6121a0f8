"""Opening, migrating, backing up and refusing database files."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import MetaData, create_engine, inspect, select, text

from backlog_desk.store import audit
from backlog_desk.store.database import (
    DatabaseCorrupt,
    NotADatabase,
    SchemaTooNew,
    StoreError,
    migrate,
    open_database,
)
from backlog_desk.store.migrations import LATEST_VERSION
from backlog_desk.store.models import AuditEntry, Base


def _schema(engine_or_url: object) -> dict[str, object]:
    insp = inspect(engine_or_url)
    out: dict[str, object] = {}
    for table in sorted(insp.get_table_names()):
        if table.startswith("case_search"):
            continue  # the FTS5 search index and its shadow tables: not ORM models
        cols = {c["name"]: (type(c["type"]).__name__, c["nullable"])
                for c in insp.get_columns(table)}
        idx = sorted((i["name"], tuple(i["column_names"])) for i in insp.get_indexes(table))
        uniq = sorted(tuple(u["column_names"]) for u in insp.get_unique_constraints(table))
        fks = sorted((tuple(f["constrained_columns"]), f["referred_table"])
                     for f in insp.get_foreign_keys(table))
        out[table] = (cols, idx, uniq, fks)
    return out


def _make_v1(path: Path) -> None:
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        migrate(conn, 0, 1)
        conn.execute(text("INSERT INTO court (name, code) VALUES ('二道区人民法院', '吉0105')"))
        conn.execute(text(
            "INSERT INTO cases (uuid, case_number, case_number_raw, year, court_code, type_code,"
            " family, title, cause, filing_date, procedure, reason_category, reason, measures,"
            " status, close_manner, committee_decision, supervision_level, notes, source,"
            " created_at, updated_at, row_version) VALUES ('u-1', '（2021）吉0105民初1号',"
            " '(2021)吉0105民初1号', 2021, '吉0105', '民初', 'civil', '张三诉李四', '', "
            " '2021-03-05', '', '', '', '', 'open', '', '', '', '', 'import',"
            " '2021-03-05 00:00:00.000000', '2021-03-05 00:00:00.000000', 1)"))
    engine.dispose()


def test_new_database_built_by_migrations_matches_the_models(tmp_path: Path) -> None:
    db = open_database(tmp_path / "migrated.db", create=True)
    reference = create_engine(f"sqlite:///{tmp_path / 'reference.db'}")
    Base.metadata.create_all(reference)
    assert _schema(db.engine) == _schema(reference)
    assert db.meta("schema_version") == str(LATEST_VERSION)


def test_version_1_file_is_upgraded_after_a_backup_and_keeps_its_data(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _make_v1(path)
    db = open_database(path)
    assert db.version_before_open == 1
    assert db.meta("schema_version") == str(LATEST_VERSION)
    with db.read() as s:
        row = s.execute(text("SELECT case_number, closure_candidate FROM cases")).one()
    assert row == ("（2021）吉0105民初1号", 0)
    assert len(db.backups) == 1 and db.backups[0].exists()
    # The backup is the untouched version-1 file.
    con = sqlite3.connect(db.backups[0])
    assert con.execute("SELECT value FROM app_meta WHERE key='schema_version'").fetchone() == (
        "1",)
    assert "import_batch" not in {r[0] for r in con.execute(
        "SELECT name FROM sqlite_master WHERE type='table'")}
    con.close()
    upgraded = _schema(db.engine)
    reference = create_engine(f"sqlite:///{tmp_path / 'reference.db'}")
    Base.metadata.create_all(reference)
    assert upgraded == _schema(reference)


def test_file_from_a_newer_app_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.db"
    open_database(path, create=True).dispose()
    con = sqlite3.connect(path)
    con.execute("UPDATE app_meta SET value=? WHERE key='schema_version'",
                (str(LATEST_VERSION + 1),))
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(SchemaTooNew, match="newer Backlog Desk"):
        open_database(path)
    assert path.read_bytes() == before


def test_corrupted_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.db"
    db = open_database(path, create=True)
    with db.session() as s:
        s.execute(text("CREATE TABLE filler (x TEXT)"))
        for i in range(200):
            s.execute(text("INSERT INTO filler VALUES (:x)"), {"x": "x" * 1000 + str(i)})
    db.dispose()
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    data = bytearray(path.read_bytes())
    for i in range(4096 * 3, 4096 * 3 + 200):
        data[i] = 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises((DatabaseCorrupt, StoreError)):
        open_database(path)


def test_other_files_are_refused_with_their_name(tmp_path: Path) -> None:
    text_file = tmp_path / "notes.db"
    text_file.write_text("hello", encoding="utf-8")
    with pytest.raises(NotADatabase, match=r"notes\.db"):
        open_database(text_file)
    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    with pytest.raises(NotADatabase):
        open_database(other)
    with pytest.raises(StoreError, match="no such database"):
        open_database(tmp_path / "missing.db")


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path: Path) -> None:
    db = open_database(tmp_path / "x.db", create=True)
    with db.read() as s:
        assert s.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert s.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_audit_log_is_append_only_and_its_chain_detects_tampering(db_target: object) -> None:
    db = open_database(db_target, create=True)  # type: ignore[arg-type]
    with db.session() as s:
        audit.append(s, "王晓明", [audit.Change("update", "case", "u1", "reason", "", "鉴定中"),
                                  audit.Change("update", "case", "u1", "notes", "", "催办")],
                     source="cli")
    with db.read() as s:
        assert audit.verify_chain(s) == (2, [])
    with pytest.raises(Exception, match="append-only"), db.session() as s:
        s.execute(text("UPDATE audit_log SET new_value = 'x'"))
    with pytest.raises(Exception, match="append-only"), db.session() as s:
        s.execute(text("DELETE FROM audit_log"))
    with db.read() as s:
        assert [e.new_value for e in s.execute(select(AuditEntry)).scalars()] == ["鉴定中", "催办"]
    db.dispose()


def test_chain_break_is_found_when_triggers_are_bypassed(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    db = open_database(path, create=True)
    with db.session() as s:
        audit.append(s, "a", [audit.Change("create", "case", str(i)) for i in range(5)],
                     at=dt.datetime(2026, 1, 1))
    db.dispose()
    con = sqlite3.connect(path)
    con.execute("DROP TRIGGER audit_log_no_update")
    con.execute("UPDATE audit_log SET actor='someone else' WHERE id=3")
    con.commit()
    con.close()
    db = open_database(path)
    with db.read() as s:
        count, breaks = audit.verify_chain(s)
    assert count == 5
    assert [b.entry_id for b in breaks] == [3]


@pytest.mark.postgres
def test_postgres_schema_matches_models(pg_url: str) -> None:
    db = open_database(pg_url, create=True)
    insp = inspect(db.engine)
    assert set(insp.get_table_names()) == set(Base.metadata.tables)
    md = MetaData()
    md.reflect(db.engine)
    assert {c.name for c in md.tables["cases"].columns} == {
        c.name for c in Base.metadata.tables["cases"].columns}
    db.dispose()
