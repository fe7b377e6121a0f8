"""The ledger window on the L database (1,000,000 backlog cases): start to first page, sort,
filter, search, scroll to the last row, resident memory.

Usage: python bench/bench_window.py [DB] [RUNS]
  DB defaults to /tmp/L.db, made first if missing (`backlog-desk-cli demo /tmp/L.db --scale L`
  then `backlog-desk-cli index-search /tmp/L.db`: a large demo leaves its search index to be
  filled, which the window would otherwise do in the background while being measured). The
  file is opened as it is (opening may upgrade its schema).

Each figure is wall time from the user's action until the table has painted the rows that
answer it (the rows on screen are read while painting), offscreen unless a display is set. A
re-query shows its first screenfuls before the whole id list is read; the time until that
list is complete (the scroll bar exact) is printed alongside. Start-up counts
from the top of this script, Python's own start and the Qt imports included.
"""

from __future__ import annotations

import time

STARTED = time.perf_counter()

import datetime as dt  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from backlog_desk import app as app_module  # noqa: E402
from backlog_desk.ui.columns import COLUMNS  # noqa: E402
from backlog_desk.ui.main_window import MainWindow  # noqa: E402

TIMEOUT_S = 120.0


def resident_mib() -> float:
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def wait(app: QApplication, done: Callable[[], bool]) -> None:
    limit = time.perf_counter() + TIMEOUT_S
    while not done():
        app.processEvents()
        if time.perf_counter() > limit:
            raise TimeoutError("the window did not settle")
        time.sleep(0.001)


def painted(app: QApplication, window: MainWindow) -> None:
    """Wait for the id list, then paint the table once (which reads the rows on screen)."""
    wait(app, lambda: window.loaded is not None and not window.model.is_loading)
    app.processEvents()
    window.table.viewport().grab()


def updated(app: QApplication, window: MainWindow) -> None:
    """Wait until the table shows the answer to the newest action (its first screenfuls;
    the rest of a long list may still be read on a worker), then paint it once."""
    wait(app, lambda: window.loaded is not None and window.model.is_current)
    app.processEvents()
    window.table.viewport().grab()


def timed(label: str, app: QApplication, window: MainWindow,
          actions: list[Callable[[], None]]) -> float:
    """Median time from the action to the view updated; the time until the whole id list
    is read (the scroll bar exact) is printed alongside. Each action starts only after the
    previous one is complete, so every measurement starts from a quiet window."""
    took, whole = [], []
    for action in actions:
        started = time.perf_counter()
        action()
        updated(app, window)
        took.append(time.perf_counter() - started)
        painted(app, window)
        whole.append(time.perf_counter() - started)
    median = statistics.median(took)
    print(f"{label}: median {median * 1000:.0f} ms of {len(took)} "
          f"({min(took) * 1000:.0f}-{max(took) * 1000:.0f}); whole list read: median "
          f"{statistics.median(whole) * 1000:.0f} ms ({max(whole) * 1000:.0f} max); "
          f"resident {resident_mib():.0f} MiB", flush=True)
    return median


def main() -> None:
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/L.db")
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    if not target.exists():
        sys.exit(f"{target} missing: backlog-desk-cli demo {target} --scale L && "
                 f"backlog-desk-cli index-search {target}")
    app = app_module.application([sys.argv[0]])
    with tempfile.TemporaryDirectory() as tmp:
        settings = QSettings(str(Path(tmp) / "bench.ini"), QSettings.Format.IniFormat)
        window = app_module.start([str(target)], settings=settings, data_dir=Path(tmp),
                                  today=dt.date.today)
        # The first screenfuls of a large ledger come before its whole id list.
        wait(app, lambda: window.loaded is not None and window.model.rowCount() > 0)
        window.table.viewport().grab()
        first = time.perf_counter() - STARTED
        print(f"start to first page painted: {first:.2f} s", flush=True)
        painted(app, window)
        print(f"start to every id read (scroll bar exact): "
              f"{time.perf_counter() - STARTED:.2f} s", flush=True)
        print(f"cases: {window.model.rowCount():,}", flush=True)
        wait(app, lambda: not window.stats_pending)
        print(f"start to headline numbers: {time.perf_counter() - STARTED:.2f} s", flush=True)

        table, bar = window.table, window.filter_bar
        col = {c.key: i for i, c in enumerate(COLUMNS)}
        orders = (Qt.SortOrder.DescendingOrder, Qt.SortOrder.AscendingOrder)
        sorts = [lambda k=k, o=o: table.sortByColumn(col[k], o)
                 for k in ("case_number", "filing_date", "judge", "expected_close_date")
                 for o in orders][:max(runs, 2)]
        results = {"sort": timed("sort (header click)", app, window, sorts)}
        for key in ("case_number", "filing_date", "judge", "expected_close_date", "title",
                    "promise_missed", "promise_missed_days", "promise_moved"):
            timed(f"  sort by {key} desc/asc", app, window,
                  [lambda k=key, o=o: table.sortByColumn(col[k], o) for o in orders])
        table.sortByColumn(col["filing_date"], Qt.SortOrder.AscendingOrder)
        painted(app, window)

        def select(combo_name: str, index: int) -> Callable[[], None]:
            combo = getattr(bar, combo_name)
            return lambda: combo.setCurrentIndex(index % combo.count())

        # Each filter on, then off again: both are what a user waits for.
        filters: list[Callable[[], None]] = []
        for name, index in (("department_combo", 1), ("status_combo", 1),
                            ("age_combo", 5), ("judge_combo", 7), ("leader_combo", 2),
                            ("reason_combo", 4), ("target_combo", 1)):
            filters += [select(name, index), select(name, 0)]
        filters += [lambda: bar.overdue_check.setChecked(True),
                    lambda: bar.overdue_check.setChecked(False)]
        timed("  promise missed on/off", app, window,
              [lambda: bar.promise_check.setChecked(True),
               lambda: bar.promise_check.setChecked(False)])
        results["filter"] = timed("filter (one widget changed)", app, window, filters)
        for name, index in (("department_combo", 1), ("judge_combo", 7),
                            ("leader_combo", 2), ("reason_combo", 4), ("target_combo", 1)):
            timed(f"  {name} on/off", app, window, [select(name, index), select(name, 0)])

        def search(text: str) -> Callable[[], None]:
            def act() -> None:
                bar.search_edit.setText(text)
                bar.changed.emit()  # Enter: no typing pause in the measurement
            return act

        results["search"] = timed("search (Enter)", app, window, [
            search(t) for t in ("民初12", "（2019）", "执100", "吉0105民初9", "有限公司", "")])
        results["scroll"] = timed("scroll to last row", app, window, [
            table.scrollToBottom, table.scrollToTop] * max(runs // 2, 2))
        print(f"resident memory: {resident_mib():.0f} MiB", flush=True)
        window.close()


if __name__ == "__main__":
    main()
