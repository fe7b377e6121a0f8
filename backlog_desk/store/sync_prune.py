"""Pruning the change log (`sync_change`) once every peer has confirmed what it holds.

A package to a peer carries the cases changed after the local change recorded with the
last package that peer acknowledged (`sync_outbox.up_to_change` of its `acked_seq`). Entries
at or below that mark are never read for that peer again: acknowledgements only grow. So an
entry can go once it is at or below the mark of *every* peer that will be sent changes:

- a peer that has acknowledged package n needs what follows package n's mark;
- a department the audit office has sent packages to but which has acknowledged none gets
  setup packages until it does, and then needs what follows the mark of the first one it
  acknowledges, at least the mark of the first package sent; one never sent anything gets
  a setup package (every case) and needs no log;
- the audit office, seen from a department that it has not acknowledged yet, needs all.

The newest entry always stays, so the local sequence (`sync.last_change`) never goes back.
Called inside the apply transaction, after the sender's acknowledgement is recorded.
"""

from __future__ import annotations

from sqlalchemy import Connection, text


def needed_after(conn: Connection) -> int | None:
    """The highest change id no peer will need again; None when every entry is needed or
    there is nothing to go by."""
    role = conn.execute(text("SELECT value FROM app_meta WHERE key = 'role'")).scalar()
    audit_side = (role or "audit") == "audit"
    marks: list[int] = []
    for peer_id, acked in conn.execute(text("SELECT id, acked_seq FROM sync_peer")):
        if acked:
            mark = conn.execute(text(
                "SELECT up_to_change FROM sync_outbox WHERE peer_id = :p AND seq = :s"),
                {"p": peer_id, "s": acked}).scalar()
            marks.append(int(mark) if mark is not None else 0)
        elif audit_side:
            first = conn.execute(text(
                "SELECT min(up_to_change) FROM sync_outbox WHERE peer_id = :p"),
                {"p": peer_id}).scalar()
            if first is not None:
                marks.append(int(first))
        else:
            marks.append(0)
    if not marks:
        # No department was ever sent a package: each will get a setup package. The log
        # is still kept, because nothing says a peer is coming.
        return None
    low = min(marks)
    return low if low > 0 else None


def prune_confirmed(conn: Connection) -> int:
    """Delete the change entries every peer has confirmed; returns how many went."""
    mark = needed_after(conn)
    if mark is None:
        return 0
    newest = conn.execute(text("SELECT coalesce(max(id), 0) FROM sync_change")).scalar_one()
    result = conn.execute(text("DELETE FROM sync_change WHERE id <= :m AND id < :n"),
                          {"m": mark, "n": newest})
    return int(result.rowcount or 0)
