"""The audit log's bulk append writes exactly the hashes `entry_hash` (and so `check`'s
verify_chain) computes, whatever the values hold, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from backlog_desk.store import audit
from backlog_desk.store.database import open_database
from backlog_desk.store.models import AuditEntry, ImportBatch

# Values that JSON must escape or keep as they are: quotes, backslashes, control characters,
# Chinese and full-width text, a character outside the BMP, the JSON-hostile line
# separators, empty text and None (no NUL: PostgreSQL text cannot hold it).
AWKWARD = ["", None, 'say "hi"', "back\\slash", "tab\tnew\nline\r", "\x01\x1f\x7f",
           "（2021）吉０１０５民初99号", "鉴定中　等待", "\U0001f600 emoji", "\u2028\u2029",
           "</script>", "a" * 500]


def _changes() -> list[audit.Change]:
    out = []
    for i, v in enumerate(AWKWARD):
        w = AWKWARD[-1 - i]
        out.append(audit.Change("update", "case", f"u{i}", f"field{i}", v, w))
        out.append(audit.Change("create", "case", (v or f"k{i}")[:80], None, None, w))
    return out


def test_bulk_append_writes_the_hashes_entry_hash_computes(db_target: object) -> None:
    db = open_database(db_target, create=True)  # type: ignore[arg-type]
    try:
        at = dt.datetime(2026, 7, 15, 9, 30, 1, 250)
        with db.session() as s:
            batch = ImportBatch(at=at, actor="a", kind="cases", file_name="清单.xlsx",
                                file_sha256="0" * 64)
            s.add(batch)
            s.flush()
            batch_id = batch.id
            assert audit.append(s, "王晓明", _changes(), source='文件 "一".xlsx', at=at) == 24
            # A second call continues the chain from the last entry; with a batch id.
            assert audit.append(s, "李\\娜", _changes()[:5], source="", batch_id=batch_id,
                                at=at + dt.timedelta(seconds=1)) == 5
        with db.session() as s:
            assert audit.append(s, "system", []) == 0
            audit.append(s, "system", [audit.Change("check", "ledger", "x")])
        with db.read() as s:
            rows = s.execute(select(AuditEntry).order_by(AuditEntry.id)).scalars().all()
            assert len(rows) == 30
            prev = audit.GENESIS
            for row in rows:
                change = audit.Change(row.action, row.entity, row.entity_key, row.field,
                                      row.old_value, row.new_value)
                assert row.prev_hash == prev
                assert row.hash == audit.entry_hash(prev, row.at, row.actor, change,
                                                    row.source, row.batch_id)
                prev = row.hash
            # Every value came back as it went in.
            assert [(r.old_value, r.new_value) for r in rows[:24]] == [
                (c.old_value, c.new_value) for c in _changes()]
            assert rows[24].batch_id == batch_id and rows[24].actor == "李\\娜"
            assert audit.verify_chain(s) == (30, [])
    finally:
        db.dispose()


def test_change_keeps_its_fields_by_name_and_position() -> None:
    c = audit.Change("update", "case", "u1", new_value="x")
    assert (c.action, c.entity, c.entity_key, c.field, c.old_value, c.new_value) == (
        "update", "case", "u1", None, None, "x")
    assert c == audit.Change("update", "case", "u1", None, None, "x")
