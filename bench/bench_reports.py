"""Printed reports on the M database (100,000 baseline cases), against issue 7's budgets:
`bulletin` under 3 s, `committee` of 2,000 cases under 10 s, `ledger` of 10,000 rows under 15 s.

Usage: python bench/bench_reports.py [DB] [RUNS] — default bench/out/M.db, made with
`backlog-desk-cli demo bench/out/M.db --scale M --as-of 2026-07-15` if missing. Each figure is
the service call (read, fingerprint, layout, write); the split into reading and rendering is
printed too, since the two are limited by different things (SQLite vs reportlab), and the CPU
time, which (unlike the wall time) does not count the waits on a shared machine. Then, on a
copy of the database: verify-report of a bulletin, 1,000 cases edited, the bulletin made again
as of the past date (its figures rebuilt through the audit log) and verify-report once more.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from backlog_desk.services.actor import Actor, Role
from backlog_desk.services.cases import list_cases, update_case
from backlog_desk.services.demo import create_demo
from backlog_desk.services.report_verify import verify_report
from backlog_desk.services.reports import generate_report, prepare, render_prepared
from backlog_desk.store.database import open_database
from bench.common import AS_OF, OUT, median_time

# On the M demo court: 执行二庭 has ~2,500 open cases over a year old (the committee case),
# 民一庭 ~9,400 baseline cases (the ledger case).
# superior and acceptance have no budget in the issue; they are measured for the record.
CASES: list[tuple[str, str | None, float | None]] = [
    ("bulletin", None, 3.0), ("committee", "执行二庭", 10.0), ("ledger", "民一庭", 15.0),
    ("superior", None, None), ("acceptance", "民一庭", None)]


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT / "M.db"
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    if not path.exists():
        OUT.mkdir(exist_ok=True)
        print(f"making {path} (demo --scale M)...", flush=True)
        create_demo(path, scale="M", as_of=AS_OF)
    db = open_database(path)
    with tempfile.TemporaryDirectory() as tmp:
        for kind, dept, budget in CASES:
            out = Path(tmp) / f"{kind}.pdf"
            cpu_started = time.process_time()
            med, times = median_time(partial(generate_report, db, kind, out, user="bench",
                                             as_of=AS_OF, department=dept), runs=runs)
            # CPU time of this process: on the shared 2-core VM the wall time also counts
            # the waits for a core, the CPU time only the work.
            cpu = (time.process_time() - cpu_started) / runs
            started = time.perf_counter()
            p = prepare(db, kind, as_of=AS_OF, department=dept)
            read = time.perf_counter() - started
            started = time.perf_counter()
            _id, pages = render_prepared(p, out, user="bench")
            render = time.perf_counter() - started
            verdict = ("no budget" if budget is None else
                       f"budget {budget:.0f} s " + ("ok" if med < budget else "OVER BUDGET"))
            print(f"{kind:<9} {dept or '全院':<6} {p.cases:>6} cases {pages:>4} pages: median "
                  f"{med:.2f} s (runs {', '.join(f'{t:.2f}' for t in times)}; read+hash "
                  f"{read:.2f} s, layout+write {render:.2f} s; CPU {cpu:.2f} s per run) "
                  f"{verdict}",
                  flush=True)
    db.dispose()
    # What a user waits for at the command line: Python start-up and imports included.
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "backlog_desk.cli", "report", "bulletin", str(path),
               "--out", str(Path(tmp) / "b.pdf"), "--as-of", AS_OF.isoformat(), "--json"]
        proc, _ = median_time(lambda: subprocess.run(cmd, check=True, capture_output=True),
                              runs=runs)
    print(f"whole `backlog-desk-cli report bulletin` process: median {proc:.2f} s")
    rewound(path, runs)


EDITS = 1_000


def rewound(path: Path, runs: int) -> None:
    """A bulletin made again as of a past date after EDITS cases were changed since (the
    figures then come from the cases rewound through the audit log, not the kept counts),
    and verify-report on the bulletin made before the edits."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "M.db"
        shutil.copyfile(path, copy)
        db = open_database(copy)
        first = Path(tmp) / "before.pdf"
        generate_report(db, "bulletin", first, user="bench", as_of=AS_OF,
                        data_at=dt.datetime.now())
        med, _ = median_time(lambda: verify_report(db, first), runs=runs)
        print(f"verify-report bulletin, nothing changed: median {med:.2f} s")
        audit = Actor("bench", Role.AUDIT)
        started = time.perf_counter()
        cases = list_cases(db, status="open")[:EDITS]
        for i, c in enumerate(cases):
            change = ({"closed_date": "2026-07-10", "close_manner": "调解"} if i % 2
                      else {"reason": f"bench {i}"})
            update_case(db, audit, c.case_number, change, today=AS_OF)
        print(f"({EDITS} cases edited in {time.perf_counter() - started:.1f} s)")
        out = Path(tmp) / "again.pdf"
        cpu_started = time.process_time()
        med, times = median_time(partial(generate_report, db, "bulletin", out, user="bench",
                                         as_of=AS_OF), runs=runs)
        cpu = (time.process_time() - cpu_started) / runs
        print(f"bulletin as of {AS_OF} rebuilt through {EDITS} later edits: median {med:.2f} s "
              f"(runs {', '.join(f'{t:.2f}' for t in times)}; CPU {cpu:.2f} s per run)")
        med, _ = median_time(lambda: verify_report(db, first), runs=runs)
        v = verify_report(db, first)
        print(f"verify-report bulletin after {EDITS} edits: median {med:.2f} s; "
              f"{len(v.changes)} cases named, history reproduces: {v.reproduced}")
        db.dispose()


if __name__ == "__main__":
    main()
