"""Opening a ledger database: SQLite file by default, PostgreSQL through a URL.

Opening does the checks a user should never have to think about: integrity of a SQLite file,
refusal of a file written by a newer app, and upgrade of an older file after a backup.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, select, text
from sqlalchemy.orm import Session, sessionmaker

from .migrations import LATEST_VERSION, STEPS
from .models import AppMeta

# How many automatic backups are kept unless app_meta 'backups_kept' says otherwise.
BACKUPS_KEPT = 20
FULL_CHECK_BYTES = 64 * 1024 * 1024


class StoreError(Exception):
    """A problem with the database file or server that the user must be told about."""


class SchemaTooNew(StoreError):
    pass


class DatabaseCorrupt(StoreError):
    pass


class NotADatabase(StoreError):
    pass


def _is_url(target: str | Path) -> bool:
    return isinstance(target, str) and "://" in target


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # Autocommit at the driver level; SQLAlchemy's "begin" event below issues BEGIN itself,
    # which is the documented way to get real transactions (and SAVEPOINTs) from pysqlite.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=10000")
    # 16 MiB per connection: the pool keeps several open (GUI, workers), and at 64 MiB each
    # their page caches alone pushed the window on the L ledger past 400 MB resident. The
    # OS file cache serves the pages again almost as fast; bulk loads set their own size.
    cur.execute("PRAGMA cache_size=-16384")
    cur.execute("PRAGMA temp_store=MEMORY")
    cur.close()


def _sqlite_begin(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN")


@dataclass
class Database:
    engine: Engine
    url: str
    path: Path | None
    version_before_open: int
    backups: list[Path] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: committed on success, rolled back on any exception."""
        with self._sessions() as s, s.begin():
            yield s

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._sessions() as s:
            yield s

    def meta(self, key: str, default: str = "") -> str:
        with self.read() as s:
            row = s.get(AppMeta, key)
            return row.value if row is not None else default

    def backup(self, reason: str) -> Path | None:
        """Copy a SQLite file with the online backup API (safe while connections are open).

        PostgreSQL servers are backed up by the server's own tools; the import still runs in
        one transaction there, so a failure leaves nothing half-written.
        """
        if self.path is None:
            return None
        dest = backup_path(self.path, reason)
        dest.parent.mkdir(parents=True, exist_ok=True)
        src = sqlite3.connect(self.path)
        try:
            dst = sqlite3.connect(dest)
            try:
                src.backup(dst, pages=4096)
            finally:
                dst.close()
        finally:
            src.close()
        self.backups.append(dest)
        _prune_backups(dest.parent, self.path.stem, self.backups_kept(), keep=dest)
        return dest

    def backups_kept(self) -> int:
        """The configured number of backups to keep (app_meta 'backups_kept')."""
        try:
            value = int(self.meta("backups_kept", str(BACKUPS_KEPT)))
        except Exception:
            # A file being upgraded, or a damaged setting: the default is the safe answer.
            return BACKUPS_KEPT
        return max(1, value)

    def dispose(self) -> None:
        self.engine.dispose()


def backup_dir(path: Path) -> Path:
    return path.parent / f"{path.stem}.backups"


def backup_path(path: Path, reason: str) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    return backup_dir(path) / f"{path.stem}-{stamp}-{reason}.db"


def _prune_backups(folder: Path, stem: str, kept: int = BACKUPS_KEPT,
                   keep: Path | None = None) -> None:
    # Names sort by their timestamp; the one just written always survives.
    old = [p for p in sorted(folder.glob(f"{stem}-*.db"))[:-kept] if p != keep]
    for p in old:
        p.unlink(missing_ok=True)


def _make_engine(target: str | Path) -> tuple[Engine, str, Path | None]:
    if _is_url(target):
        url = str(target)
        if url.startswith("sqlite"):
            path_text = url.split(":///", 1)[1] if ":///" in url else ""
            return _make_engine(Path(path_text))
        engine = create_engine(url, pool_pre_ping=True)
        return engine, url, None
    path = Path(target)
    url = f"sqlite:///{path}"
    engine = create_engine(url)
    event.listen(engine, "connect", _sqlite_pragmas)
    event.listen(engine, "begin", _sqlite_begin)
    return engine, url, path


def _read_version(conn: Connection) -> int:
    if not inspect(conn).has_table("app_meta"):
        if inspect(conn).get_table_names():
            raise NotADatabase("this database holds tables that are not a Backlog Desk ledger")
        return 0
    value = conn.execute(
        select(AppMeta.value).where(AppMeta.key == "schema_version")
    ).scalar_one_or_none()
    return int(value) if value else 0


def _check_sqlite_file(path: Path) -> None:
    """Refuse a file that is not SQLite, is truncated, or (when small) fails quick_check.

    PRAGMA quick_check reads every page: ~2 s for a million cases. Files up to
    FULL_CHECK_BYTES get it on every open; larger ones get the constant-time checks here
    and the full one from `check` (the GUI runs it in the background).
    """
    size = path.stat().st_size
    with path.open("rb") as fh:
        header = fh.read(100)
    if not header:
        return
    if len(header) < 100 or not header.startswith(b"SQLite format 3\x00"):
        raise NotADatabase(f"{path}: not a SQLite database file")
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        page_size, page_count = (con.execute("PRAGMA page_size").fetchone()[0],
                                 con.execute("PRAGMA page_count").fetchone()[0])
        wal = path.with_name(path.name + "-wal")
        if page_size * page_count > size and not (wal.exists() and wal.stat().st_size):
            raise DatabaseCorrupt(f"{path}: file is truncated ({size} of "
                                  f"{page_size * page_count} bytes)")
        pragma = "PRAGMA quick_check" if size <= FULL_CHECK_BYTES else "PRAGMA schema_version"
        rows = con.execute(pragma).fetchall()
    except sqlite3.DatabaseError as exc:
        raise DatabaseCorrupt(f"{path}: {exc}") from exc
    finally:
        con.close()
    if size <= FULL_CHECK_BYTES and rows != [("ok",)]:
        detail = "; ".join(str(r[0]) for r in rows[:5])
        raise DatabaseCorrupt(f"{path}: integrity check failed: {detail}")


def migrate(conn: Connection, current: int, target: int = LATEST_VERSION) -> None:
    for number in range(current + 1, target + 1):
        STEPS[number - 1](conn)
        conn.execute(text(
            "DELETE FROM app_meta WHERE key = 'schema_version'"
        ))
        conn.execute(
            text("INSERT INTO app_meta (key, value) VALUES ('schema_version', :v)"),
            {"v": str(number)},
        )


def open_database(target: str | Path, *, create: bool = False,
                  check_integrity: bool = True) -> Database:
    """Open (and with `create`, make) a ledger database, upgrading it if it is older.

    Raises StoreError subclasses with messages that name the file and what is wrong.
    """
    if not _is_url(target):
        path = Path(target)
        if not path.exists():
            if not create:
                raise StoreError(f"{path}: no such database file")
            path.parent.mkdir(parents=True, exist_ok=True)
        elif check_integrity:
            _check_sqlite_file(path)
    engine, url, path_or_none = _make_engine(target)
    try:
        with engine.connect() as conn:
            version = _read_version(conn)
    except StoreError:
        engine.dispose()
        raise
    except Exception as exc:
        engine.dispose()
        raise StoreError(f"{target}: cannot open the database: {exc}") from exc
    if version > LATEST_VERSION:
        engine.dispose()
        raise SchemaTooNew(
            f"{target}: written by a newer Backlog Desk (schema {version}, this app knows up "
            f"to {LATEST_VERSION}); install the newer version to open it"
        )
    db = Database(engine, url, path_or_none, version)
    if version == 0 and not create:
        engine.dispose()
        raise NotADatabase(f"{target}: not a Backlog Desk database (use `init` to make one)")
    if version < LATEST_VERSION:
        if version > 0:
            db.backup(f"before-upgrade-v{version}")
        with engine.begin() as conn:
            migrate(conn, version)
    return db
