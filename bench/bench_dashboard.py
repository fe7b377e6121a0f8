"""The dashboard on a large database: the main service call (figures, targets, departments,
burn-down, projections) and the separate count of cases at risk (a scan of the cases).

Usage: python bench/bench_dashboard.py [DB] — default bench/out/L.db, made with
`backlog-desk-cli demo bench/out/L.db --scale L --as-of 2026-07-15` if missing.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from backlog_desk.services.dashboard import cases_at_risk, dashboard
from backlog_desk.services.demo import create_demo
from backlog_desk.store.database import open_database
from bench.common import AS_OF, OUT, median_time


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT / "L.db"
    if not path.exists():
        OUT.mkdir(exist_ok=True)
        print(f"making {path} (demo --scale L)...", flush=True)
        create_demo(path, scale="L", as_of=AS_OF)
    db = open_database(path)
    d = dashboard(db, as_of=AS_OF, risks=False)
    med, runs = median_time(lambda: dashboard(db, as_of=AS_OF, risks=False), runs=7)
    print(f"{d.total.total} baseline cases, {len(d.departments)} departments, "
          f"{len(d.burn_down)} burn-down points: dashboard service median {med * 1000:.0f} ms "
          f"(runs {', '.join(f'{r * 1000:.0f}' for r in runs)})")
    reference = d.campaign.reference_date
    risks = cases_at_risk(db, AS_OF, reference)
    med, runs = median_time(lambda: cases_at_risk(db, AS_OF, reference), runs=3)
    print(f"  cases at risk ({', '.join(f'{r.key} {r.count}' for r in risks)}): median "
          f"{med * 1000:.0f} ms (runs {', '.join(f'{r * 1000:.0f}' for r in runs)})")
    med, _ = median_time(lambda: dashboard(db, as_of=AS_OF), runs=3)
    print(f"  both in one call: median {med * 1000:.0f} ms")
    db.dispose()


if __name__ == "__main__":
    main()
