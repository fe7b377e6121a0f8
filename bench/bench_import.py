"""`import-cases` of a 100,000-row export vs merely loading the file with openpyxl's default
(non-read-only) mode, side by side in one run (issue: at least 5x faster).

Each measurement runs in a fresh process so caches and imports do not favour either side.
Usage: python bench/bench_import.py [ROWS] [RUNS]
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.common import export_file

IMPORT = """
import sys, time
from pathlib import Path
from backlog_desk.services.actor import Actor, Role
from backlog_desk.services.imports import import_case_list
from backlog_desk.services.setup import init_database
db = init_database(Path(sys.argv[2]), Actor("bench", Role.AUDIT), court_name="x",
                   court_code="吉0105", role="audit", campaign_year=2026)
t = time.perf_counter()
r = import_case_list(db, Actor("bench", Role.AUDIT), Path(sys.argv[1]))
print(time.perf_counter() - t, r.added, len(r.rejected))
"""
OPENPYXL = """
import sys, time
t = time.perf_counter()
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
rows = sum(1 for _ in wb.active.iter_rows(values_only=True))
print(time.perf_counter() - t, rows, 0)
"""


def run(code: str, *args: str) -> tuple[float, str]:
    out = subprocess.run([sys.executable, "-c", code, *args], check=True, capture_output=True,
                         text=True).stdout.split()
    return float(out[0]), " ".join(out[1:])


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    path = export_file(rows)
    ours: list[float] = []
    theirs: list[float] = []
    for _ in range(runs):  # interleaved rounds
        with tempfile.TemporaryDirectory() as tmp:
            t, info = run(IMPORT, str(path), str(Path(tmp) / "ledger.db"))
            ours.append(t)
        t2, info2 = run(OPENPYXL, str(path))
        theirs.append(t2)
        print(f"round: import-cases {t:.2f} s ({info}), openpyxl load {t2:.2f} s ({info2})",
              flush=True)
    a, b = statistics.median(ours), statistics.median(theirs)
    print(f"{rows} rows: import-cases median {a:.2f} s, openpyxl load median {b:.2f} s, "
          f"ratio {b / a:.1f}x")


if __name__ == "__main__":
    started = time.time()
    main()
