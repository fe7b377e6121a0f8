"""审限 events as packages compare them: one canonical JSON text per event's content.

Two sides hold the same event when these texts are equal; a package carries, per event,
this content (or that it was deleted) and the sender's last agreed text, and each side keeps
its own last agreed text per peer (`sync_event_base`; '' = agreed that it is deleted).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Connection, text

# The content of an event; who recorded it and when are not part of it.
CONTENT = ("kind", "start_date", "end_date", "months", "days", "procedure", "from_procedure",
           "reason", "approver", "approved_by_superior")
DELETED = ""  # the content text of an event deleted (or never known)

_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _day(value: Any) -> str | None:
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)[:10] if value else None


def _count(value: Any) -> int | None:
    return int(value) if value is not None else None


def _plain(values: Mapping[str, Any]) -> dict[str, Any]:
    g = values.get
    # Keys in sorted order, so the text is canonical without sorting each time.
    return {"approved_by_superior": bool(g("approved_by_superior")),
            "approver": g("approver") or "", "days": _count(g("days")),
            "end_date": _day(g("end_date")), "from_procedure": g("from_procedure") or "",
            "kind": g("kind") or "", "months": _count(g("months")),
            "procedure": g("procedure") or "", "reason": g("reason") or "",
            "start_date": _day(g("start_date"))}


def content_json(values: Mapping[str, Any]) -> str:
    """The canonical text of an event's content (from a row or a package's JSON)."""
    return _ENCODE(_plain(values))


def content_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """Column values of an event's content, for an INSERT or UPDATE."""
    out = _plain(values)
    for f in ("start_date", "end_date"):
        out[f] = dt.date.fromisoformat(out[f]) if out[f] else None
    return out


_SELECT = "SELECT e.uuid, e.case_id, " + ", ".join(f"e.{f}" for f in CONTENT) + \
    ", e.created_at, e.actor FROM time_limit_event e"


def event_rows(conn: Connection, case_ids: Iterable[int] | None = None
               ) -> list[dict[str, Any]]:
    """Events (uuid, case_id, content fields, created_at, actor) of the given cases, or all."""
    wanted = None if case_ids is None else set(case_ids)
    out = []
    for row in conn.execute(text(_SELECT + " ORDER BY e.id")):
        if wanted is not None and row[1] not in wanted:
            continue
        out.append(dict(zip(("uuid", "case_id", *CONTENT, "created_at", "actor"), row,
                            strict=True)))
    return out


def removed_rows(conn: Connection, case_ids: Iterable[int] | None = None
                 ) -> list[tuple[str, int, Any, str]]:
    """Deleted events (uuid, case_id, removed_at, actor) of the given cases, or all."""
    wanted = None if case_ids is None else set(case_ids)
    rows = conn.execute(text(
        "SELECT uuid, case_id, removed_at, actor FROM time_limit_event_removed"))
    return [(r[0], r[1], r[2], r[3]) for r in rows if wanted is None or r[1] in wanted]


def bases(conn: Connection, peer_id: int) -> dict[str, str]:
    return {u: d for u, d in conn.execute(text(
        "SELECT uuid, data FROM sync_event_base WHERE peer_id = :p"), {"p": peer_id})}


def set_bases(conn: Connection, peer_id: int, rows: list[tuple[str, str]]) -> None:
    if not rows:
        return
    conn.execute(text("INSERT INTO sync_event_base (peer_id, uuid, data) VALUES (:p, :u, :d) "
                      "ON CONFLICT (peer_id, uuid) DO UPDATE SET data = excluded.data"),
                 [{"p": peer_id, "u": u, "d": d} for u, d in rows])


def seed_bases(conn: Connection) -> None:
    """At the upgrade: every event of a case a peer knows counts as agreed with it as it is
    (before this step only new events travelled, so both sides hold them alike)."""
    known: dict[int, list[int]] = {}
    for peer_id, case_id in conn.execute(text("SELECT peer_id, case_id FROM sync_base")):
        known.setdefault(case_id, []).append(peer_id)
    if not known:
        return
    rows = [{"p": p, "u": e["uuid"], "d": content_json(e)}
            for e in event_rows(conn, known) for p in known[e["case_id"]]]
    if rows:
        conn.execute(text(
            "INSERT INTO sync_event_base (peer_id, uuid, data) VALUES (:p, :u, :d)"), rows)
