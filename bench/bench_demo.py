"""`demo --scale L`: a new database with 1,000,000 baseline cases (issue: under 60 s), and
the search-index fill it leaves for afterwards.

Usage: python bench/bench_demo.py [SCALE] [RUNS]
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    scale = sys.argv[1] if len(sys.argv) > 1 else "L"
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "demo.db"
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "backlog_desk.cli", "demo", str(db),
                            "--scale", scale, "--as-of", "2026-07-15"], check=True)
            took = time.perf_counter() - started
            print(f"demo --scale {scale}: {took:.1f} s wall (whole process), "
                  f"{db.stat().st_size / 2**20:.0f} MiB", flush=True)
            # A large demo leaves its search index to be filled afterwards (the window does
            # it in the background on opening): timed on its own.
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "backlog_desk.cli", "index-search", str(db)],
                           check=True)
            print(f"index-search afterwards: {time.perf_counter() - started:.1f} s wall "
                  "(whole process)", flush=True)


if __name__ == "__main__":
    main()
