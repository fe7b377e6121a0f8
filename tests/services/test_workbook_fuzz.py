"""Fuzz: 300 mutated department workbooks (truncated, bytes flipped, parts removed, XML parts
damaged, cells of every wrong type). Each is imported correctly or refused with a message;
nothing else escapes, and a refused file leaves the ledger as it was."""

from __future__ import annotations

import datetime as dt
import io
import random
import zipfile
from pathlib import Path

import pytest

from backlog_desk.services.errors import ServiceError
from backlog_desk.services.workbooks import import_department_workbook
from backlog_desk.store.database import Database
from tests.exchange.workbook_edit import Ledger

from .test_workbooks import AS_OF, AUDIT, db, demo_master, export, snapshot  # noqa: F401

_WRONG: list[object] = [
    0, -1, 1.5, 1e308, float("nan"), True, False, "", " ", "=1+1", "abc", "２０２６－０９－３０",
    "2026-02-30", "9999-12-31", "1900-01-01", "45000", "x" * 5000, "非本部门", "已结案",
    dt.datetime(2026, 7, 1), dt.date(1899, 12, 31), dt.datetime(2100, 12, 31, 23, 59),
    "鉴定评估", "判决", "（2021）吉0105民初1号", "00000000-0000-0000-0000-000000000000",
]


def _repack(data: bytes, change: dict[str, bytes | None]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w",
                                                                     zipfile.ZIP_DEFLATED) as zo:
        for info in zin.infolist():
            if info.filename in change:
                new = change[info.filename]
                if new is not None:
                    zo.writestr(info.filename, new)
            else:
                zo.writestr(info, zin.read(info))
    return out.getvalue()


def _mutants(base: Path, folder: Path, rng: random.Random) -> list[tuple[str, Path]]:
    data = base.read_bytes()
    with zipfile.ZipFile(base) as zf:
        parts = {i.filename: zf.read(i) for i in zf.infolist()}
    names = sorted(parts)
    made: list[tuple[str, bytes]] = []
    for _ in range(60):
        made.append(("truncated", data[:rng.randrange(len(data))]))
    for _ in range(60):
        b = bytearray(data)
        for _ in range(rng.randint(1, 20)):
            b[rng.randrange(len(b))] ^= 1 << rng.randrange(8)
        made.append(("flipped", bytes(b)))
    for _ in range(40):
        made.append(("part removed", _repack(data, {rng.choice(names): None})))
    xml = [n for n in names if n.endswith(".xml")]
    for _ in range(60):
        name = rng.choice(xml)
        b = bytearray(parts[name])
        for _ in range(rng.randint(1, 10)):
            i = rng.randrange(len(b))
            op = rng.randrange(3)
            if op == 0:
                b[i] = rng.randrange(256)
            elif op == 1:
                del b[i:i + rng.randint(1, 50)]
            else:
                b[i:i] = rng.choice([b"<", b">", b"&", b'"', b"\xff\xfe", b"<x>", b"</row>"])
        made.append(("xml damaged", _repack(data, {name: bytes(b)})))
    files = []
    for i, (kind, content) in enumerate(made):
        p = folder / f"m{i:03d}.xlsx"
        p.write_bytes(content)
        files.append((kind, p))
    for i in range(80):
        book = Ledger(base)
        for _ in range(rng.randint(1, 8)):
            r = rng.randint(2, book.ws.max_row + 2)
            c = rng.randint(1, len(book.cols))
            book.ws.cell(r, c).value = rng.choice(_WRONG)
        files.append(("cells", book.save(folder / f"c{i:03d}.xlsx")))
    return files


def test_300_mutated_workbooks_import_or_are_refused_never_crash(db: Database,  # noqa: F811
                                                                  tmp_path: Path) -> None:
    base = export(db, tmp_path)
    folder = tmp_path / "fuzz"
    folder.mkdir()
    files = _mutants(base, folder, random.Random(20261124))
    assert len(files) == 300
    outcome = {"imported": 0, "refused": 0}
    for kind, path in files:
        before = snapshot(db)
        try:
            report = import_department_workbook(db, AUDIT, path, today=AS_OF)
        except ServiceError as exc:
            assert str(exc) and "\n" not in str(exc), (kind, path.name)
            assert snapshot(db) == before, (kind, path.name)
            outcome["refused"] += 1
            continue
        except Exception as exc:  # pragma: no cover - the failure message is the point
            pytest.fail(f"{kind} {path.name}: {type(exc).__name__}: {exc}")
        for issue in report.rejected:
            assert issue.row >= 1 and issue.reason, (kind, path.name)
        outcome["imported"] += 1
    assert outcome["refused"] >= 150 and outcome["imported"] >= 50, outcome
