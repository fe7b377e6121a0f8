"""An audit office and its departments on real SQLite files, exchanging real packages."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import Any

from backlog_desk.services import cases as case_service
from backlog_desk.services.actor import Actor, Role
from backlog_desk.services.demo import create_demo
from backlog_desk.services.package_apply import ApplyReport, apply_package
from backlog_desk.services.package_export import ExportResult, export_package
from backlog_desk.services.package_setup import create_from_package
from backlog_desk.store.database import open_database

AS_OF = dt.date(2026, 7, 15)
TODAY = dt.date(2026, 7, 20)
AUDIT = Actor("王晓明", Role.AUDIT)

# Columns whose values are clocks or hashes of clocks: equal content, different instant.
VOLATILE = {"at", "updated_at", "created_at", "last_received_at", "last_sent_at", "hash",
            "prev_hash", "resolved_at", "mine_at", "theirs_at", "frozen_at"}


def clerk(dept: str) -> Actor:
    return Actor("李娜", Role.DEPARTMENT, dept)


class World:
    def __init__(self, root: Path, scale: int = 300) -> None:
        self.root = root
        self.audit = root / "audit.db"
        create_demo(self.audit, scale=scale, seed=7, as_of=AS_OF)
        counts: dict[str, int] = {}
        for c in self.cases(self.audit):
            counts[c.department] = counts.get(c.department, 0) + 1
        ranked = sorted(counts, key=lambda d: -counts[d])
        self.d1, self.d2 = ranked[0], ranked[1]
        self.n = 0

    def path(self, dept: str) -> Path:
        return self.root / f"{dept}.db"

    def file(self, stem: str) -> Path:
        self.n += 1
        return self.root / f"{self.n:02d}-{stem}.db"

    def export(self, db_path: Path, to: str, actor: Actor | None = None) -> Path:
        out = self.file(f"{db_path.stem}-to-{to}")
        db = open_database(db_path)
        try:
            export_package(db, actor or self.actor_of(db_path), to, out)
        finally:
            db.dispose()
        return out

    def export_result(self, db_path: Path, to: str) -> tuple[Path, ExportResult]:
        out = self.file(f"{db_path.stem}-to-{to}")
        db = open_database(db_path)
        try:
            return out, export_package(db, self.actor_of(db_path), to, out)
        finally:
            db.dispose()

    def apply(self, db_path: Path, package: Path, *, dry_run: bool = False,
              actor: Actor | None = None) -> ApplyReport:
        if not db_path.exists():
            return create_from_package(db_path, actor or clerk(db_path.stem), package,
                                       dry_run=dry_run)
        db = open_database(db_path)
        try:
            return apply_package(db, actor or self.actor_of(db_path), package,
                                 dry_run=dry_run)
        finally:
            db.dispose()

    def actor_of(self, db_path: Path) -> Actor:
        return AUDIT if db_path == self.audit else clerk(db_path.stem)

    def setup_department(self, dept: str) -> Path:
        self.apply(self.path(dept), self.export(self.audit, dept))
        return self.path(dept)

    def cases(self, db_path: Path, dept: str | None = None) -> list[Any]:
        db = open_database(db_path)
        try:
            return case_service.list_cases(db, department=dept)
        finally:
            db.dispose()

    def case(self, db_path: Path, number: str) -> Any:
        db = open_database(db_path)
        try:
            return case_service.get_case(db, number)
        finally:
            db.dispose()

    def set(self, db_path: Path, number: str, **changes: str) -> None:
        db = open_database(db_path)
        try:
            case_service.update_case(db, self.actor_of(db_path), number, changes,
                                     today=TODAY)
        finally:
            db.dispose()


def dump(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, clocks masked: 'the same database' for before/after."""
    con = sqlite3.connect(path)
    try:
        out: dict[str, list[tuple[Any, ...]]] = {}
        tables = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        for t in tables:
            cur = con.execute(f"SELECT * FROM {t}")
            cols = [d[0] for d in cur.description]
            rows = [tuple("*" if c in VOLATILE else v for c, v in zip(cols, r, strict=True))
                    for r in cur]
            out[t] = sorted(rows, key=repr)
        return out
    finally:
        con.close()
