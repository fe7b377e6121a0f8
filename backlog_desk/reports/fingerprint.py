"""The data fingerprint printed on every report page.

A SHA-256 over the report's parameters and the canonical rows it was made from, so a signed
paper can later be matched to the database: the same data gives the same hash on any PC and
with any row order, and a change to any printed field (or any edit, through row_version)
changes it. Rows are plain tuples; the caller decides which fields a report depends on.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping, Sequence

SCHEME = "bd-fp-1"  # bump when the canonical form changes, so old papers stay checkable
SHORT = 16  # hex digits printed on the page: 64 bits, enough to tell two datasets apart


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def canonical_row(row: Sequence[object]) -> str:
    # Unit separator: it never occurs in ledger text, so two different rows cannot join to
    # the same line.
    return "\x1f".join(_text(v) for v in row)


def fingerprint(kind: str, params: Mapping[str, object],
                rows: Iterable[Sequence[object]]) -> str:
    """Full hex digest over the kind, the sorted parameters and the sorted canonical rows."""
    h = hashlib.sha256()
    h.update(f"{SCHEME}\n{kind}\n".encode())
    for key in sorted(params):
        h.update(f"{key}={_text(params[key])}\n".encode())
    lines = sorted(canonical_row(r) for r in rows)
    h.update(f"rows={len(lines)}\n".encode())
    h.update("\n".join(lines).encode())
    return h.hexdigest()


def short(digest: str) -> str:
    return digest[:SHORT]
