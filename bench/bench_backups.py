"""Backups, restore, sign-in and the console on the M database (100,000 cases).

Usage: python bench/bench_backups.py [SCALE]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from backlog_desk.services import accounts, backups
from backlog_desk.services.actor import Role, local_user
from backlog_desk.services.console import console
from backlog_desk.services.demo import create_demo
from backlog_desk.store.database import open_database


def timed(label: str, fn, runs: int = 3) -> None:  # type: ignore[no-untyped-def]
    took = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        took.append(time.perf_counter() - started)
    print(f"{label}: median {statistics.median(took):.3f} s of {runs} "
          f"({min(took):.3f}-{max(took):.3f})", flush=True)


def main() -> None:
    scale = sys.argv[1] if len(sys.argv) > 1 else "M"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "court.db"
        create_demo(path, scale=scale, seed=1)
        db = open_database(path)
        print(f"scale {scale}: {path.stat().st_size / 2**20:.0f} MiB", flush=True)
        actor = local_user(Role.AUDIT)
        accounts.add_account(db, actor, "审管办", "audit", "bench-pass-1")
        timed("backup (online backup API)", lambda: db.backup("bench"))
        snap = backups.list_backups(db)[-1].path
        timed("list_backups", lambda: backups.list_backups(db))
        timed("restore_backup (checks, safety backup, side copy, copy in)",
              lambda: backups.restore_backup(db, actor, snap))
        timed("authenticate (one scrypt check)",
              lambda: accounts.authenticate(db, "审管办", "bench-pass-1"), runs=7)
        timed("console", lambda: console(db), runs=5)
        db.dispose()


if __name__ == "__main__":
    main()
