"""`stats` on a large database: the service call (what the window and the CLI wait for) and
the whole command-line process (which adds Python start-up and imports).

Usage: python bench/bench_stats.py [DB] — default bench/out/L.db, made with
`backlog-desk-cli demo bench/out/L.db --scale L --as-of 2026-07-15` if missing.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from backlog_desk.services.demo import create_demo
from backlog_desk.services.stats import campaign_stats
from backlog_desk.store.database import open_database
from bench.common import AS_OF, OUT, median_time


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT / "L.db"
    if not path.exists():
        OUT.mkdir(exist_ok=True)
        print(f"making {path} (demo --scale L)...", flush=True)
        create_demo(path, scale="L", as_of=AS_OF)
    db = open_database(path)
    med, runs = median_time(lambda: campaign_stats(db, as_of=AS_OF), runs=7)
    st = campaign_stats(db, as_of=AS_OF)
    print(f"{st.total.total} baseline cases: stats service median {med * 1000:.0f} ms "
          f"(runs {', '.join(f'{r * 1000:.0f}' for r in runs)})")
    full, _ = median_time(lambda: campaign_stats(db, as_of=AS_OF, by_judge=True), runs=3)
    print(f"  with per-judge rates (full scan): median {full * 1000:.0f} ms")
    db.dispose()
    cmd = [sys.executable, "-m", "backlog_desk.cli", "stats", str(path), "--as-of",
           AS_OF.isoformat(), "--json"]
    proc, _ = median_time(lambda: subprocess.run(cmd, check=True, capture_output=True),
                          runs=3)
    print(f"  whole `backlog-desk-cli stats` process: median {proc:.2f} s")


if __name__ == "__main__":
    main()
