"""Date and datetime adapters for the raw sqlite3 driver paths (bulk loads, large inserts).

They write exactly the text SQLAlchemy's SQLite Date and DateTime types write and read back,
so rows inserted through the driver are indistinguishable from rows inserted through
SQLAlchemy (which converts values itself and never reaches these adapters). Converting in
the driver's adapter hook is much cheaper than rebuilding every row in Python first.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from functools import lru_cache


@lru_cache(maxsize=4096)  # imports and demo loads share a handful of timestamps
def datetime_text(value: dt.datetime) -> str:
    return value.strftime("%Y-%m-%d %H:%M:%S.%f")


def install() -> None:
    """Register the adapters (idempotent; call before a raw executemany)."""
    sqlite3.register_adapter(dt.date, dt.date.isoformat)
    sqlite3.register_adapter(dt.datetime, datetime_text)
