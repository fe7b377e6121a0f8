"""Helpers for the benchmarks: the scale generator's files, timing, and a results table."""

from __future__ import annotations

import datetime as dt
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from backlog_desk.exchange.synthetic import generate_cases, make_court, write_case_system_export

AS_OF = dt.date(2026, 7, 15)
OUT = Path(__file__).resolve().parent / "out"


def export_file(rows: int, seed: int = 1) -> Path:
    """A case-system export of `rows` open cases from the scale generator (made once)."""
    OUT.mkdir(exist_ok=True)
    path = OUT / f"export-{rows}-{seed}.xlsx"
    if not path.exists():
        court = make_court(rows, seed)
        cases = (c for c in generate_cases(court, rows, seed, as_of=AS_OF)
                 if c["status"] == "open" or True)
        write_case_system_export(court, _take(cases, rows), path, seed=seed, as_of=AS_OF)
    return path


def _take(it, n):  # type: ignore[no-untyped-def]
    for i, x in enumerate(it):
        if i >= n:
            return
        yield x


def timed(fn: Callable[[], object], runs: int = 3) -> tuple[float, list[float]]:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), times
