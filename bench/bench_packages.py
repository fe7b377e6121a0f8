"""Package exchange at scale: the M demo court (100,000 backlog cases), a package of
100,000 changed cases (issue 6: export < 5 s, dry-run and apply < 10 s each, re-applying the
same package < 2 s), and one of 1,000 changed cases for the same ledger.

To put 100,000 cases in one package, every case of the M court is assigned to one
department first (a bench-only shortcut through SQL; the triggers log it like any change).
The cycle is then the real one: setup package, the department's acknowledgement, the audit
office changes a field of 100,000 cases, export, dry-run, apply, re-apply; and the way back
with the department changing 100,000 cases.

Usage: python bench/bench_packages.py [SCALE]   (default M)
       python bench/bench_packages.py --tracking-cost [RUNS]
The second form measures what the change-tracking triggers cost the demo loader and the
100,000-row import: each is timed in fresh processes with the triggers and with them left
out (a bench-only switch), interleaved.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from backlog_desk.services.actor import Actor, Role
from backlog_desk.services.demo import create_demo
from backlog_desk.services.package_apply import apply_package
from backlog_desk.services.package_export import export_package
from backlog_desk.services.package_setup import create_from_package
from backlog_desk.store.database import open_database

AS_OF = dt.date(2026, 7, 15)
AUDIT = Actor("bench", Role.AUDIT)


def timed(label: str, fn):  # type: ignore[no-untyped-def]
    """Wall time, and this process's CPU time: on a shared machine the wall time grows with
    the load while the CPU time shows the work itself."""
    started, cpu = time.perf_counter(), time.process_time()
    result = fn()
    seconds = time.perf_counter() - started
    print(f"{label:<48} {seconds:6.2f} s wall, {time.process_time() - cpu:6.2f} s CPU, "
          f"load {os.getloadavg()[0]:.1f}", flush=True)
    return result, seconds


def export(path: Path, actor: Actor, to: str, out: Path):  # type: ignore[no-untyped-def]
    db = open_database(path)
    try:
        return export_package(db, actor, to, out)
    finally:
        db.dispose()


def apply(path: Path, actor: Actor, package: Path, dry_run: bool = False):  # type: ignore[no-untyped-def]
    db = open_database(path)
    try:
        return apply_package(db, actor, package, dry_run=dry_run)
    finally:
        db.dispose()


def main() -> None:
    scale = sys.argv[1] if len(sys.argv) > 1 else "M"
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        audit = root / "audit.db"
        _, t_demo = timed(f"demo --scale {scale}", lambda: create_demo(
            audit, scale=scale, seed=1, as_of=AS_OF))
        con = sqlite3.connect(audit)
        dept = con.execute("SELECT name, id FROM department ORDER BY id LIMIT 1").fetchone()
        con.execute("UPDATE cases SET department_id = ?", (dept[1],))
        n = con.execute("SELECT count(*) FROM cases").fetchone()[0]
        con.commit()
        con.close()
        clerk = Actor("bench-clerk", Role.DEPARTMENT, dept[0])
        d = root / "dept.db"
        setup = root / "01-setup.db"
        r, _ = timed(f"export setup package ({n} cases)",
                     lambda: export(audit, AUDIT, dept[0], setup))
        print(f"  setup package {r.bytes / 1e6:.1f} MB")
        timed("create department database from it",
              lambda: create_from_package(d, clerk, setup))
        ack = root / "02-ack.db"
        export(d, clerk, "audit", ack)
        apply(audit, AUDIT, ack)

        con = sqlite3.connect(audit)
        con.execute("UPDATE cases SET supervision_level = '院级督办'")
        con.commit()
        con.close()
        big = root / "03-changes.db"
        r, t_export = timed(f"export package of {n} changed cases",
                            lambda: export(audit, AUDIT, dept[0], big))
        print(f"  package {r.bytes / 1e6:.1f} MB, {r.cases} cases")
        rep, t_dry = timed("dry-run", lambda: apply(d, clerk, big, dry_run=True))
        assert rep.updated == n, rep.updated
        rep, t_apply = timed("apply", lambda: apply(d, clerk, big))
        assert rep.updated == n and rep.status == "applied"
        rep, t_again = timed("re-apply the same package", lambda: apply(d, clerk, big))
        assert rep.status == "already-applied"

        con = sqlite3.connect(d)
        con.execute("UPDATE cases SET measures = '每周督办'")
        con.commit()
        con.close()
        back = root / "04-back.db"
        r, t_export_back = timed(f"department: export {n} changed cases",
                                 lambda: export(d, clerk, "audit", back))
        rep, t_apply_back = timed("audit office: apply them", lambda: apply(audit, AUDIT, back))
        assert rep.updated == n and not rep.refused, (rep.updated, len(rep.refused))

        # The everyday size: 1,000 changed cases for the 100,000-case department, whose
        # ledger is then read only for the cases the package carries.
        con = sqlite3.connect(audit)
        con.execute("UPDATE cases SET supervision_level = '市级督办' WHERE id IN "
                    "(SELECT id FROM cases ORDER BY id LIMIT 1000)")
        con.commit()
        con.close()
        small = root / "05-small.db"
        timed("export package of 1,000 changed cases", lambda: export(audit, AUDIT, dept[0], small))
        rep, t_small_dry = timed("dry-run", lambda: apply(d, clerk, small, dry_run=True))
        rep, t_small = timed("apply", lambda: apply(d, clerk, small))
        assert rep.updated == 1000, rep.updated
        print(f"\nSUMMARY {n} cases: export {t_export:.2f} s (limit 5), dry-run {t_dry:.2f} s "
              f"(limit 10), apply {t_apply:.2f} s (limit 10), re-apply {t_again:.2f} s "
              f"(limit 2); back: export {t_export_back:.2f} s, apply {t_apply_back:.2f} s; "
              f"1,000 cases: dry-run {t_small_dry:.2f} s, apply {t_small:.2f} s; "
              f"demo {t_demo:.1f} s")


TRACKED = """
import sys, time, datetime as dt
from pathlib import Path
if sys.argv[3] == "off":
    import backlog_desk.store.bulk  # reads the trigger list when imported
    import backlog_desk.store.sync as sync
    sync.SQLITE_TRIGGERS = ()
from backlog_desk.services.actor import Actor, Role
t = time.perf_counter()
if sys.argv[1] == "demo":
    from backlog_desk.services.demo import create_demo
    create_demo(Path(sys.argv[2]), scale="M", seed=1, as_of=dt.date(2026, 7, 15))
else:
    from backlog_desk.services.imports import import_case_list
    from backlog_desk.services.setup import init_database
    db = init_database(Path(sys.argv[2]), Actor("bench", Role.AUDIT), court_name="x",
                       court_code="吉0105", role="audit", campaign_year=2026)
    t = time.perf_counter()
    import_case_list(db, Actor("bench", Role.AUDIT), Path(sys.argv[1]))
print(time.perf_counter() - t)
"""


def tracking_cost(runs: int) -> None:
    import statistics
    import subprocess

    from bench.common import export_file

    export = export_file(100_000)
    results: dict[tuple[str, str], list[float]] = {}
    for _ in range(runs):
        for what in ("demo", str(export)):
            for mode in ("on", "off"):
                with tempfile.TemporaryDirectory() as tmp:
                    out = subprocess.run(
                        [sys.executable, "-c", TRACKED, what, str(Path(tmp) / "x.db"), mode],
                        check=True, capture_output=True, text=True).stdout
                label = "demo M" if what == "demo" else "import 100,000 rows"
                results.setdefault((label, mode), []).append(float(out.split()[-1]))
                print(f"{label:<20} triggers {mode:<3} {float(out.split()[-1]):6.2f} s",
                      flush=True)
    for label in ("demo M", "import 100,000 rows"):
        on = statistics.median(results[(label, "on")])
        off = statistics.median(results[(label, "off")])
        print(f"SUMMARY {label}: with tracking {on:.2f} s, without {off:.2f} s "
              f"({(on / off - 1) * 100:+.0f} %)")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--tracking-cost":
        tracking_cost(int(sys.argv[2]) if len(sys.argv) > 2 else 3)
    else:
        main()
