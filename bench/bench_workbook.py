"""Department workbook: export of a 100,000-case department vs openpyxl's default mode writing
the same cells, side by side in one run, and a dry-run import of the workbook back with the
full diff (issue 5: export under 10 s and at least 1.5x faster; dry-run import under 5 s).

Set-up (not timed): a copy of an M-scale demo (`backlog-desk-cli demo M5.db --scale M
--as-of 2026-07-15`) with 100,000 of its cases moved into one department. The workbook that
comes back has every 20th row edited where the case is open, 1,133 rows (written with the
export's own key, as a clerk's edits keep the hidden identity and the hash of the values as
exported). Also times the export of the demo's largest real department.

Each timed step runs in a fresh process, rounds interleaved; each reports wall and CPU time
(CPU time is the comparable figure when other jobs share the machine), the dry run also the
CPU time of its steps: package check, python-calamine, cells to columns, the two sums of
every row, the department's cases, classifying (the rest: edited rows read whole, matching).
Usage: python bench/bench_workbook.py [M5.db] [RUNS] [--dry-run-only]
(--dry-run-only: one export and edit, then RUNS dry-run imports, without the openpyxl rounds)
"""

from __future__ import annotations

import sqlite3
import statistics
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import OUT

ROWS = 100_000
DEPT = "执行一庭"
PRELUDE = f"""
import sys, time, datetime as dt
from pathlib import Path
sys.path.insert(0, {str(Path(__file__).resolve().parent.parent)!r})
from backlog_desk.services.actor import Actor, Role
from backlog_desk.store.database import open_database
A = Actor("bench", Role.AUDIT)
"""
EXPORT = PRELUDE + """
from backlog_desk.services.workbooks import export_department_workbook
db = open_database(sys.argv[1])
t, c = time.perf_counter(), time.process_time()
r = export_department_workbook(db, A, sys.argv[2], Path(sys.argv[3]))
print(time.perf_counter() - t, r.rows, time.process_time() - c)
"""
OPENPYXL = PRELUDE + """
import openpyxl
from openpyxl.styles import Font, PatternFill, Protection
from backlog_desk.exchange.workbook_layout import COLUMNS, REASON_LABEL_BY_KEY
from backlog_desk.services.workbooks import department_rows
db = open_database(sys.argv[1])
rows = department_rows(db, sys.argv[2])  # same query, not timed
t, c = time.perf_counter(), time.process_time()
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "台账"
ws.append([c.header for c in COLUMNS])
for cell in ws[1]:
    cell.font = Font(bold=True)
keys = [c.key for c in COLUMNS if c.key != "checksum"]
for r in rows:
    r["reason_category"] = REASON_LABEL_BY_KEY.get(r["reason_category"], r["reason_category"])
    ws.append([r.get(k) for k in keys] + ["0123456789ab"])
for row in ws.iter_rows(min_row=2, max_col=3):  # the locked, shaded columns, dates formatted
    row[0].fill = row[1].fill = row[2].fill = PatternFill("solid", fgColor="E7E6E6")
    row[2].number_format = "yyyy-mm-dd"
wb.save(sys.argv[3])
print(time.perf_counter() - t, len(rows), time.process_time() - c)
"""
IMPORT = PRELUDE + """
from backlog_desk.exchange import workbook_import
from backlog_desk.services import workbook_rows
from backlog_desk.services.workbooks import import_department_workbook
spent = {}
def timed(module, name, label):  # CPU time of one step, by wrapping the function
    inner = getattr(module, name)
    def wrapper(*args, **kwargs):
        c = time.process_time()
        try:
            return inner(*args, **kwargs)
        finally:
            spent[label] = spent.get(label, 0) + time.process_time() - c
    setattr(module, name, wrapper)
timed(workbook_import, "check_package", "check")
timed(workbook_import, "_read_sheets", "calamine")
timed(workbook_import, "_interpret", "columns")
timed(workbook_rows, "verify_rows", "sums")
timed(workbook_rows, "_department_uuids", "ledger")
timed(workbook_rows.Classifier, "classify", "classify")
db = open_database(sys.argv[1])
t, c = time.perf_counter(), time.process_time()
r = import_department_workbook(db, A, Path(sys.argv[2]), dry_run=True, today=dt.date(2026, 7, 15))
print(time.perf_counter() - t, r.rows, len(r.updated), len(r.rejected), r.unchanged,
      time.process_time() - c, *(f"{k}={v:.2f}" for k, v in spent.items()))
"""
EDIT = PRELUDE + """
from backlog_desk.exchange.workbook_export import WorkbookMeta, write_department_workbook
from backlog_desk.exchange.workbook_import import read_workbook
from backlog_desk.services.workbooks import department_rows
db = open_database(sys.argv[1])
meta = read_workbook(Path(sys.argv[2])).meta
m = WorkbookMeta(meta["court_code"], meta["court_name"], meta["department"],
                 int(meta["campaign_id"]), meta["campaign_name"], meta["export_id"],
                 meta["secret"], dt.datetime.now(), None)
from backlog_desk.exchange.workbook_export import _chunk_columns
rows = department_rows(db, meta["department"])
# A clerk's edits leave the hidden 原值校验 as exported: keep the original values' hash.
sums = _chunk_columns(meta["secret"], rows)[-1]
rows = [dict(r, edit_hash=h) for r, h in zip(rows, sums)]
for i, r in enumerate(rows):
    if i % 20 == 0 and r["status"] == "open":
        r["measures"] = "每周督办，%d" % i
        r["expected_close_date"] = dt.date(2026, 12, 31)
write_department_workbook(Path(sys.argv[3]), m, rows)
print(0, len(rows))
"""


def run(code: str, *args: str) -> tuple[float, list[str]]:
    out = subprocess.run([sys.executable, "-c", code, *args], check=True, capture_output=True,
                         text=True).stdout.split()
    return float(out[0]), out[1:]


def big_department(source: Path) -> Path:
    """A copy of the demo with ROWS cases in one department (made once)."""
    target = OUT / f"workbook-{ROWS}.db"
    if target.exists():
        return target
    OUT.mkdir(exist_ok=True)
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    src.backup(dst)
    src.close()
    dept = dst.execute("SELECT id FROM department WHERE name = ?", (DEPT,)).fetchone()[0]
    dst.execute("UPDATE cases SET department_id = ? WHERE id IN (SELECT id FROM cases "
                "ORDER BY id LIMIT ?)", (dept, ROWS))
    dst.commit()
    dst.close()
    return target


def dry_runs(big: Path, runs: int) -> None:
    book, edited = OUT / "dept-0.xlsx", OUT / "dept-0-edited.xlsx"
    run(EXPORT, str(big), DEPT, str(book))
    run(EDIT, str(big), str(book), str(edited))
    walls, cpus = [], []
    for i in range(runs):
        t, diff = run(IMPORT, str(big), str(edited))
        walls.append(t)
        cpus.append(float(diff[4]))
        print(f"dry-run import {i + 1}: {t:.2f} s wall, {cpus[-1]:.2f} s CPU (rows, updated, "
              f"rejected, unchanged = {diff[:4]}; CPU by step: {' '.join(diff[5:])})",
              flush=True)
    print(f"dry-run import median {statistics.median(walls):.2f} s wall / "
          f"{statistics.median(cpus):.2f} s CPU")


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    source = Path(args[0]) if args else Path("/work/benchdata/M5.db")
    runs = int(args[1]) if len(args) > 1 else 3
    if "--dry-run-only" in sys.argv:
        dry_runs(big_department(source), runs)
        return
    con = sqlite3.connect(source)
    largest, n_largest = con.execute(
        "SELECT d.name, count(*) FROM cases c JOIN department d ON d.id = c.department_id "
        "GROUP BY 1 ORDER BY 2 DESC LIMIT 1").fetchone()
    con.close()
    big = big_department(source)
    ours, theirs, dry, real = [], [], [], []
    cpu: dict[str, list[float]] = {"ours": [], "theirs": [], "dry": []}
    for i in range(runs):  # interleaved rounds, a fresh process for each step
        book, edited = OUT / f"dept-{i}.xlsx", OUT / f"dept-{i}-edited.xlsx"
        t, info = run(EXPORT, str(big), DEPT, str(book))
        ours.append(t)
        cpu["ours"].append(float(info[-1]))
        t2, info2 = run(OPENPYXL, str(big), DEPT, str(OUT / "openpyxl.xlsx"))
        theirs.append(t2)
        cpu["theirs"].append(float(info2[-1]))
        run(EDIT, str(big), str(book), str(edited))
        t3, diff = run(IMPORT, str(big), str(edited))
        dry.append(t3)
        cpu["dry"].append(float(diff[4]))
        t4, _ = run(EXPORT, str(source), largest, str(OUT / "largest.xlsx"))
        real.append(t4)
        print(f"round {i + 1}: export {t:.2f} s wall, {cpu['ours'][-1]:.2f} s CPU "
              f"({info[0]} rows); openpyxl {t2:.2f} s wall, {cpu['theirs'][-1]:.2f} s CPU; "
              f"dry-run import {t3:.2f} s wall, {cpu['dry'][-1]:.2f} s CPU (rows, updated, "
              f"rejected, unchanged = {diff[:4]}; {' '.join(diff[5:])}); {largest} "
              f"({n_largest}) export {t4:.2f} s",
              flush=True)
    a, b = statistics.median(ours), statistics.median(theirs)
    ca, cb = statistics.median(cpu["ours"]), statistics.median(cpu["theirs"])
    print(f"{ROWS}-case department: export median {a:.2f} s wall / {ca:.2f} s CPU, openpyxl "
          f"default mode {b:.2f} s wall / {cb:.2f} s CPU (ratio {b / a:.2f}x wall, "
          f"{cb / ca:.2f}x CPU); dry-run import median {statistics.median(dry):.2f} s wall / "
          f"{statistics.median(cpu['dry']):.2f} s CPU; largest demo department {largest} "
          f"({n_largest} cases) export median {statistics.median(real):.2f} s")


if __name__ == "__main__":
    main()
