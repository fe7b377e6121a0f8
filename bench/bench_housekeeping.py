"""Package housekeeping on the M database: change-log pruning, 审限 event sync, sign-in.

Usage: python bench/bench_housekeeping.py [SCALE]

Prints CPU time (time.process_time) and wall time for: pruning the change log when a
department acknowledges its setup package; the event part of applying a setup package with
an event on every second case of the largest department, and of a package in which the
department edited all of them; one sign-in with its log entry.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from backlog_desk.services import accounts, event_sync
from backlog_desk.services import package_write as write_module
from backlog_desk.services.actor import Actor, Role, local_user
from backlog_desk.services.demo import create_demo
from backlog_desk.services.package_apply import apply_package
from backlog_desk.services.package_export import export_package
from backlog_desk.services.package_setup import create_from_package
from backlog_desk.store import sync_prune
from backlog_desk.store.database import open_database

AUDIT = Actor("王晓明", Role.AUDIT)


class Clock:
    def __init__(self) -> None:
        self.cpu = 0.0

    def wrap(self, fn: Any) -> Any:
        def timed(*args: Any, **kw: Any) -> Any:
            started = time.process_time()
            try:
                return fn(*args, **kw)
            finally:
                self.cpu += time.process_time() - started
        return timed


def _log_size(path: Path) -> int:
    con = sqlite3.connect(path)
    try:
        return int(con.execute("SELECT count(*) FROM sync_change").fetchone()[0])
    finally:
        con.close()


def main() -> None:
    scale = sys.argv[1] if len(sys.argv) > 1 else "M"
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        os.environ.setdefault("BACKLOG_DESK_KEY_DIR", str(root / "keys"))
        audit = root / "court.db"
        create_demo(audit, scale=scale, seed=1)
        con = sqlite3.connect(audit)
        dept, dept_id = con.execute(
            "SELECT d.name, d.id FROM department d JOIN cases c ON c.department_id = d.id "
            "GROUP BY d.id ORDER BY count(*) DESC LIMIT 1").fetchone()
        ids = [r[0] for r in con.execute(
            "SELECT id FROM cases WHERE department_id = ? ORDER BY id", (dept_id,))]
        con.executemany(
            "INSERT INTO time_limit_event (uuid, case_id, kind, start_date, end_date, months, "
            "days, procedure, from_procedure, reason, approver, approved_by_superior, "
            "created_at, actor) VALUES (?, ?, 'deduction', '2026-02-02', '2026-02-20', NULL, "
            "NULL, '', '', '等待鉴定', '院长', 0, '2026-07-01 00:00:00', 'bench')",
            [(str(uuid.uuid4()), i) for i in ids[::2]])
        con.commit()
        con.close()
        events = len(ids[::2])
        clock = Clock()
        write_module.event_sync.apply_events = clock.wrap(event_sync.apply_events)
        prune = Clock()
        write_module.sync_prune.prune_confirmed = prune.wrap(sync_prune.prune_confirmed)

        setup = root / "setup.db"
        db = open_database(audit)
        export_package(db, AUDIT, dept, setup)
        db.dispose()
        dept_db = root / "dept.db"
        cpu, wall = time.process_time(), time.perf_counter()
        create_from_package(dept_db, Actor("李娜", Role.DEPARTMENT, dept), setup)
        print(f"setup package, {len(ids)} cases and {events} events: apply CPU "
              f"{time.process_time() - cpu:.2f} s (wall {time.perf_counter() - wall:.2f} s), "
              f"of which event sync CPU {clock.cpu:.2f} s", flush=True)

        con = sqlite3.connect(dept_db)
        con.execute("UPDATE time_limit_event SET end_date = '2026-02-25'")
        con.commit()
        con.close()
        back = root / "back.db"
        ddb = open_database(dept_db)
        export_package(ddb, Actor("李娜", Role.DEPARTMENT, dept), "audit", back)
        ddb.dispose()
        before = _log_size(audit)
        clock.cpu = 0.0
        db = open_database(audit)
        cpu, wall = time.process_time(), time.perf_counter()
        apply_package(db, AUDIT, back)
        print(f"package with {events} events edited: apply CPU "
              f"{time.process_time() - cpu:.2f} s (wall {time.perf_counter() - wall:.2f} s), "
              f"of which event sync CPU {clock.cpu:.2f} s", flush=True)
        print(f"change log pruned as the setup package was acknowledged: {before} → "
              f"{_log_size(audit)} entries, CPU {prune.cpu:.3f} s", flush=True)

        accounts.add_account(db, local_user(Role.AUDIT), "审管办", "audit", "bench-pass-1")
        took = []
        for _ in range(5):
            cpu = time.process_time()
            accounts.authenticate(db, "审管办", "bench-pass-1")
            took.append(time.process_time() - cpu)
        print(f"sign-in with its log entry: CPU {min(took):.3f}-{max(took):.3f} s", flush=True)
        db.dispose()


if __name__ == "__main__":
    main()
