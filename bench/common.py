"""Shared pieces of the benchmarks: scale-generator files and a median timer."""

from __future__ import annotations

import datetime as dt
import statistics
import time
from collections.abc import Callable
from itertools import islice
from pathlib import Path

from backlog_desk.exchange.synthetic import generate_cases, make_court, write_case_system_export

AS_OF = dt.date(2026, 7, 15)
OUT = Path(__file__).resolve().parent / "out"


def export_file(rows: int, seed: int = 1) -> Path:
    """A case-system export with `rows` cases from the scale generator (written once)."""
    OUT.mkdir(exist_ok=True)
    path = OUT / f"export-{rows}-{seed}.xlsx"
    if not path.exists():
        court = make_court(rows, seed)
        cases = islice(generate_cases(court, rows, seed, as_of=AS_OF), rows)
        write_case_system_export(court, cases, path, seed=seed, as_of=AS_OF)
    return path


def median_time(fn: Callable[[], object], runs: int = 5) -> tuple[float, list[float]]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), times
