"""The automatic backups beside a ledger file: listing, how many are kept, and restoring one.

Backups are written by `Database.backup` before every import, merge, upgrade and restore
(`<name>.backups/<name>-<time>-<reason>.db`). A restore first checks the chosen file
completely (a SQLite file, integrity clean, a ledger of this court that this app can read),
so a bad choice changes nothing; then it backs up the current state, copies the backup in
with SQLite's online backup API (one write transaction: all or nothing), upgrades it if it
is older, checks the result, and records the restore in the restored file's audit log.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from backlog_desk.store import audit
from backlog_desk.store.database import (
    BACKUPS_KEPT,
    Database,
    StoreError,
    _check_sqlite_file,
    _prune_backups,
    backup_dir,
    backup_path,
    migrate,
)
from backlog_desk.store.migrations import LATEST_VERSION
from backlog_desk.store.models import AppMeta, Case

from .actor import Actor, Role
from .errors import InvalidValue, NotFound, PermissionDenied

Report = Callable[[int, int], None]
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6}-\d{6})-(?P<reason>.+)\.db$")
MAX_KEPT = 1000


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    at: dt.datetime
    size: int
    reason: str

    def as_json(self) -> dict[str, Any]:
        return {"file": self.path.name, "path": str(self.path),
                "at": self.at.isoformat(timespec="seconds"), "size": self.size,
                "reason": self.reason}


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    safety_backup: Path
    schema_version_of_backup: int
    cases: int
    integrity: str

    def as_json(self) -> dict[str, Any]:
        return {"restored_from": str(self.restored_from),
                "safety_backup": str(self.safety_backup),
                "schema_version_of_backup": self.schema_version_of_backup,
                "cases": self.cases, "integrity": self.integrity}


def _require_keeper(actor: Actor, what: str) -> None:
    """The audit office on its file, the head on a department's; not clerks, not leaders."""
    if actor.role in (Role.AUDIT, Role.SYSTEM) or actor.is_head:
        return
    raise PermissionDenied(f"{actor.name} ({actor.account or actor.role}) may not {what}: "
                           "the audit office or the department head may")


def _file_of(db: Database) -> Path:
    if db.path is None:
        raise InvalidValue("a PostgreSQL ledger is backed up and restored with the server's "
                           "own tools (pg_dump / pg_restore)", field="DB")
    return db.path


def list_backups(db: Database) -> list[BackupInfo]:
    """The backups of this file, newest first."""
    path = _file_of(db)
    out: list[BackupInfo] = []
    folder = backup_dir(path)
    if not folder.is_dir():
        return out
    for p in folder.glob(f"{path.stem}-*.db"):
        m = _NAME.match(p.name)
        if m is None or m["stem"] != path.stem:
            continue
        at = dt.datetime.strptime(m["stamp"], "%Y%m%d-%H%M%S-%f")
        out.append(BackupInfo(p, at, p.stat().st_size, m["reason"]))
    out.sort(key=lambda b: b.at, reverse=True)
    return out


def set_backups_kept(db: Database, actor: Actor, kept: int) -> int:
    """Change how many automatic backups are kept; the oldest beyond it go at once."""
    _require_keeper(actor, "change how many backups are kept")
    if not 1 <= kept <= MAX_KEPT:
        raise InvalidValue(f"the number of backups kept must be 1 to {MAX_KEPT}, not {kept}",
                           field="keep")
    before = db.backups_kept()
    with db.session() as s:
        row = s.get(AppMeta, "backups_kept")
        if row is None:
            s.add(AppMeta(key="backups_kept", value=str(kept)))
        else:
            row.value = str(kept)
        if before != kept:
            audit.append(s, actor.name, [audit.Change(
                "update", "setting", "backups_kept", None, str(before), str(kept))],
                source="backups")
    if db.path is not None:
        _prune_backups(backup_dir(db.path), db.path.stem, kept)
    return kept


def resolve_backup(db: Database, name: str | Path) -> Path:
    """A backup given as a path, or as a file name in the file's backups folder."""
    candidate = Path(name)
    if candidate.is_file():
        return candidate
    inside = backup_dir(_file_of(db)) / candidate.name
    if inside.is_file():
        return inside
    raise NotFound(f"{name}: no such backup (see `backups DB` for the list)", field="BACKUP",
                   file=str(name))


def _court_code(con: sqlite3.Connection) -> str | None:
    try:
        row = con.execute("SELECT code FROM court ORDER BY id LIMIT 1").fetchone()
    except sqlite3.DatabaseError:
        return None
    return str(row[0]) if row else None


def _inspect_backup(db: Database, backup: Path) -> int:
    """The backup's schema version, after refusing anything that must not be restored."""
    try:
        _check_sqlite_file(backup)
    except StoreError as exc:
        raise InvalidValue(f"cannot restore {backup.name}: {exc}", field="BACKUP",
                           file=str(backup)) from None
    if backup.stat().st_size == 0:
        raise InvalidValue(f"cannot restore {backup.name}: the file is empty", field="BACKUP",
                           file=str(backup))
    # Opening checks large files only cheaply; a backup about to replace the ledger is read
    # whole, whatever its size.
    sound = _integrity(backup, read_only=True)
    if sound != "ok":
        raise InvalidValue(f"cannot restore {backup.name}: integrity check failed: {sound}",
                           field="BACKUP", file=str(backup))
    con = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    try:
        row = con.execute(
            "SELECT value FROM app_meta WHERE key = 'schema_version'").fetchone()
        version = int(row[0]) if row else 0
        theirs = _court_code(con)
    except (sqlite3.DatabaseError, ValueError):
        version, theirs = 0, None
    finally:
        con.close()
    if version <= 0:
        raise InvalidValue(f"cannot restore {backup.name}: not a Backlog Desk ledger",
                           field="BACKUP", file=str(backup))
    if version > LATEST_VERSION:
        raise InvalidValue(f"cannot restore {backup.name}: written by a newer Backlog Desk "
                           f"(schema {version})", field="BACKUP", file=str(backup))
    mine = sqlite3.connect(f"file:{_file_of(db)}?mode=ro", uri=True)
    try:
        ours = _court_code(mine)
    finally:
        mine.close()
    if ours and theirs and ours != theirs:
        raise InvalidValue(f"cannot restore {backup.name}: it is a ledger of court {theirs}, "
                           f"this file is of {ours}", field="BACKUP", file=str(backup))
    return version


def _integrity(path: Path, *, read_only: bool = False) -> str:
    """PRAGMA quick_check: every page and record is read (0.6 s for 100,000 cases, where
    the full integrity_check's index cross-checks take 4 s); "ok" when sound."""
    con = (sqlite3.connect(f"file:{path}?mode=ro", uri=True) if read_only
           else sqlite3.connect(path))
    try:
        rows = con.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    finally:
        con.close()
    return "; ".join(str(r[0]) for r in rows[:5])


def _copy(source: Path, target: Path) -> None:
    src = sqlite3.connect(source)
    try:
        dst = sqlite3.connect(target)
        try:
            dst.execute("PRAGMA busy_timeout=10000")
            # All pages in one step: the target changes in one transaction or not at all.
            src.backup(dst, pages=-1)
        finally:
            dst.close()
    finally:
        src.close()


def _stage(source: Path, staging: Path, version: int, actor: Actor, note: audit.Change
           ) -> int:
    """Copy `source` to `staging`, upgrade it and log the restore there; returns its cases.

    Done on a side file so the ledger changes in one step — the final copy — with the
    restore already in its log: a process killed anywhere leaves the ledger as it was or
    restored and logged, never restored without its entry.
    """
    _copy(source, staging)
    engine = create_engine(f"sqlite:///{staging}")
    try:
        if version < LATEST_VERSION:
            with engine.begin() as conn:
                migrate(conn, version)
        with Session(engine) as s, s.begin():
            audit.append(s, actor.name, [note], source=note.new_value or "")
            return int(s.execute(select(func.count()).select_from(Case)).scalar_one())
    finally:
        engine.dispose()


def restore_backup(db: Database, actor: Actor, backup: str | Path,
                   report: Report | None = None) -> RestoreResult:
    """Replace the content of `db` by `backup`, after backing up the current state.

    The caller's other connections to the file must be idle; this disposes `db`'s pool so
    none of them keeps reading the old pages.
    """
    _require_keeper(actor, "restore a backup")
    path = _file_of(db)
    source = resolve_backup(db, backup)
    if source.resolve() == path.resolve():
        raise InvalidValue("cannot restore a file onto itself", field="BACKUP",
                           file=str(source))
    progress = report or (lambda _done, _total: None)
    progress(0, 5)
    version = _inspect_backup(db, source)
    progress(1, 5)
    # Not db.backup(): its pruning could delete the very backup being restored.
    safety = backup_path(path, "before-restore")
    safety.parent.mkdir(parents=True, exist_ok=True)
    _copy(path, safety)
    progress(2, 5)
    # A dot name: never listed as a backup nor pruned as one.
    staging = safety.parent / f".{path.stem}-restoring.tmp"
    staging.unlink(missing_ok=True)
    try:
        cases = _stage(source, staging, version, actor, audit.Change(
            "restore", "database", path.name, None, safety.name, source.name))
        staged = _integrity(staging)
        if staged != "ok":
            raise InvalidValue(f"cannot restore {source.name}: the upgraded copy failed its "
                               f"integrity check ({staged})", field="BACKUP", file=str(source))
        progress(3, 5)
        db.engine.dispose()
        _copy(staging, path)
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{staging}{suffix}").unlink(missing_ok=True)
    result = _integrity(path)
    if result != "ok":
        # Never leave a damaged ledger behind: put the state before the restore back.
        _copy(safety, path)
        raise InvalidValue(f"the restored file failed its integrity check ({result}); the "
                           "ledger was put back as it was", field="BACKUP", file=str(source))
    progress(4, 5)
    _prune_backups(safety.parent, path.stem, db.backups_kept(), keep=safety)
    progress(5, 5)
    return RestoreResult(source, safety, version, cases, result)


__all__ = ["BACKUPS_KEPT", "BackupInfo", "RestoreResult", "list_backups", "resolve_backup",
           "restore_backup", "set_backups_kept"]
