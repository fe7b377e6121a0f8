"""Atomic apply: a real process is SIGKILLed at many moments of apply-package, and the
database is each time exactly as before or exactly as after, with a clean integrity check.
Also: a thousand single-byte flips of a real package, each refused before any write."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from backlog_desk.services.package_apply import PackageRejected, apply_package
from backlog_desk.store.database import open_database

from .package_world import World, clerk, dump

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")


def _prepared(tmp_path: Path) -> tuple[World, Path, Path]:
    """A department ledger and a package for it with changes on both sides (updates,
    auto-merges and conflicts), so the kill can land in every part of the write."""
    world = World(tmp_path, scale=400)
    d1 = world.setup_department(world.d1)
    numbers = [c.case_number for c in world.cases(d1) if c.status == "open"][:24]
    for i, number in enumerate(numbers):
        world.set(world.audit, number, supervision_level=f"督办{i}", notes=f"审管办{i}")
    for number in numbers[:6]:
        world.set(d1, number, notes="本庭意见")
    return world, d1, world.export(world.audit, world.d1)


def _fresh_copy(src: Path, dst: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(str(dst) + suffix).unlink(missing_ok=True)
    shutil.copy(src, dst)


def _child(db: Path, package: Path) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.Popen(
        [sys.executable, "-m", "backlog_desk.cli", "apply-package", str(db), str(package),
         "--progress", "--as", "李娜"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env, cwd=REPO)


def _integrity(db: Path) -> str:
    con = sqlite3.connect(db)
    try:
        return str(con.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        con.close()


def test_killed_apply_leaves_the_database_before_or_after(tmp_path: Path) -> None:
    world, d1, package = _prepared(tmp_path)
    con = sqlite3.connect(d1)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    pristine = tmp_path / "pristine.db"
    shutil.copy(d1, pristine)
    before = dump(pristine)
    work = tmp_path / "work.db"
    # A complete run in a child process: the 'after' state and the number of progress lines.
    _fresh_copy(pristine, work)
    child = _child(work, package)
    _, err = child.communicate(timeout=120)
    assert child.returncode == 0, err
    lines = [x for x in err.splitlines() if x.startswith("progress:")]
    after = dump(work)
    assert after != before
    # Kill before the first line or right after the k-th: 20 different moments spread over
    # the whole run (verification, planning, backup, every write step, commit, done).
    assert len(lines) + 1 >= 20, lines
    moments = sorted({round(i * len(lines) / 19) for i in range(20)})
    assert len(moments) == 20
    seen = {"before": 0, "after": 0}
    for k in moments:
        _fresh_copy(pristine, work)
        child = _child(work, package)
        assert child.stderr is not None
        read = 0
        while read < k:
            line = child.stderr.readline()
            if not line:
                break
            read += line.startswith("progress:")
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)
        child.stderr.close()
        assert _integrity(work) == "ok", f"kill after line {k}"
        state = dump(work)
        assert state in (before, after), f"kill after line {k} left a third state"
        seen["before" if state == before else "after"] += 1
    # The kills really landed on both sides of the commit.
    assert seen["before"] >= 10 and seen["after"] >= 1, seen
    # And the killed database still takes the package properly afterwards.
    _fresh_copy(pristine, work)
    db = open_database(work)
    try:
        report = apply_package(db, clerk(world.d1), package)
    finally:
        db.dispose()
    assert report.status == "applied" and dump(work) == after


def _file_digest(path: Path) -> str:
    h = hashlib.sha256()
    for suffix in ("", "-wal"):
        p = Path(str(path) + suffix)
        if p.exists():
            h.update(p.read_bytes())
    return h.hexdigest()


def test_a_thousand_byte_flips_of_a_real_package_are_refused_unwritten(
        tmp_path: Path) -> None:
    world = World(tmp_path, scale=150)
    d1 = world.setup_department(world.d1)
    number = next(c.case_number for c in world.cases(d1) if c.status == "open")
    world.set(world.audit, number, supervision_level="院级督办")
    package = world.export(world.audit, world.d1)
    data = package.read_bytes()
    step = max(1, len(data) // 1200)
    positions = sorted(set(range(0, len(data), step)) | set(range(len(data) - 112, len(data))))
    assert len(positions) >= 1000
    flipped = tmp_path / "flipped.db"
    db = open_database(d1)
    try:
        digest = _file_digest(d1)
        before = dump(d1)
        for pos in positions:
            damaged = bytearray(data)
            damaged[pos] ^= 0xFF
            flipped.write_bytes(damaged)
            with pytest.raises(PackageRejected, match="refused"):
                apply_package(db, clerk(world.d1), flipped)
        assert _file_digest(d1) == digest
        assert dump(d1) == before
        assert not db.backups  # refused before even the backup
        assert apply_package(db, clerk(world.d1), package).updated == 1
    finally:
        db.dispose()
