"""`deadlines` (审限 status and hidden over-limit flags of every open case) on a large database,
and one case's status as the detail panel asks for it.

Usage: python bench/bench_deadlines.py [DB] [--profile] [--refiling] — default
bench/out/L.db, made with `backlog-desk-cli demo DB --scale L --as-of 2026-07-15` if
missing. The demo records no time-limit events, so the first run gives a fifth of the cases
(every fifth id) one to three events — deductions, suspensions, extensions, procedure
changes, some open, some long enough to raise flags — straight through SQLite (a benchmark
fixture, not ledger data). Wall and CPU time are both printed: on a shared machine the wall
time says more about the neighbours than about the code.
"""

from __future__ import annotations

import cProfile
import datetime as dt
import pstats
import sqlite3
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from backlog_desk.services.demo import create_demo
from backlog_desk.services.time_limits import case_limit_status, deadlines
from backlog_desk.store.database import open_database
from bench.common import AS_OF, OUT, median_time


def add_events(path: Path) -> int:
    """Events for every fifth case, deterministic; returns how many were added (0 when the
    file already has events)."""
    con = sqlite3.connect(path)
    try:
        if con.execute("SELECT count(*) FROM time_limit_event").fetchone()[0]:
            return 0
        now = dt.datetime(2026, 7, 15, 9).isoformat(sep=" ")
        rows = []
        cur = con.execute("SELECT id, filing_date, type_code, procedure FROM cases "
                          "WHERE id % 5 = 0")
        for case_id, filed_text, code, _procedure in cur:
            filed = dt.date.fromisoformat(filed_text)
            span = max((AS_OF - filed).days, 2)
            pick = case_id // 5 % 6

            def ev(kind: str, start: dt.date, end: dt.date | None = None,
                   months: int | None = None, proc: str = "", frm: str = "",
                   reason: str = "", approver: str = "", superior: int = 0,
                   case_id: int = case_id) -> None:
                rows.append((str(uuid.UUID(int=len(rows) + 1)), case_id, kind,
                             start.isoformat(), end.isoformat() if end else None, months,
                             None, proc, frm, reason, approver, superior, now, "bench"))

            a = filed + dt.timedelta(days=1 + case_id % max(span // 2, 1))
            if pick in (0, 1):
                ev("deduction", a, min(a + dt.timedelta(days=20 + case_id % 60), AS_OF),
                   reason="鉴定")
                if pick == 1:
                    b = min(a + dt.timedelta(days=100), AS_OF)
                    ev("deduction", b, None, reason="公告送达")
            elif pick == 2:
                ev("suspension", a, None, reason="等待另案审理结果")
            elif pick == 3:
                ev("extension", a, months=6, approver="本院院长")
                ev("extension", a + dt.timedelta(days=1), months=3, approver="本院院长")
            elif pick == 4 and code == "民初":
                ev("procedure_change", a, proc="普通程序", frm="简易程序", reason="案情复杂")
            else:
                ev("deduction", a, min(a + dt.timedelta(days=30), AS_OF), reason="和解")
                ev("suspension", min(a + dt.timedelta(days=40), AS_OF), None, reason="当事人死亡")
                ev("extension", a, months=3, approver="本院院长")
        con.executemany("INSERT INTO time_limit_event (uuid, case_id, kind, start_date, "
                        "end_date, months, days, procedure, from_procedure, reason, approver, "
                        "approved_by_superior, created_at, actor) VALUES "
                        "(?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
        con.commit()
        return len(rows)
    finally:
        con.close()


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    path = Path(args[0]) if args else OUT / "L.db"
    if not path.exists():
        OUT.mkdir(exist_ok=True)
        print(f"making {path} (demo --scale L)...", flush=True)
        create_demo(path, scale="L", as_of=AS_OF)
    added = add_events(path)
    if added:
        print(f"added {added} time-limit events to every fifth case", flush=True)
    db = open_database(path)
    if "--profile" in sys.argv:
        prof = cProfile.Profile()
        prof.enable()
        deadlines(db, AS_OF)
        prof.disable()
        pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
    started, cpu = time.perf_counter(), time.process_time()
    result = deadlines(db, AS_OF)
    first, first_cpu = time.perf_counter() - started, time.process_time() - cpu
    print(f"{len(result.rows)} open cases, {result.flagged} flagged, counts {result.counts}")
    med, runs = median_time(lambda: deadlines(db, AS_OF), runs=3)
    print(f"deadlines service: first {first:.2f} s wall ({first_cpu:.2f} s CPU), median "
          f"{med:.2f} s wall (runs {', '.join(f'{r:.2f}' for r in runs)})")
    if "--refiling" in sys.argv:
        started, cpu = time.perf_counter(), time.process_time()
        with_refiling = deadlines(db, AS_OF, refiling=True)
        print(f"with the refiling check: {time.perf_counter() - started:.2f} s wall "
              f"({time.process_time() - cpu:.2f} s CPU), {with_refiling.flagged} flagged")
    flagged = next((r for r in result.rows if r.flags), result.rows[0])
    one, _ = median_time(lambda: case_limit_status(db, flagged.case_number, AS_OF), runs=7)
    print(f"one case with steps and flags ({flagged.case_number}): median {one * 1000:.1f} ms")
    db.dispose()


if __name__ == "__main__":
    main()
