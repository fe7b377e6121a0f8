"""The package-signing key lives outside the ledger: in a per-user key file, owner-only."""

from __future__ import annotations

import json
import sqlite3
import stat
import sys
from pathlib import Path

import pytest

from backlog_desk.exchange.package_file import fingerprint, public_key_of, verify_package
from backlog_desk.services.errors import InvalidValue
from backlog_desk.services.package_apply import PackageRejected
from backlog_desk.services.packages import (
    forget_peer_key,
    identity,
    identity_or_none,
    new_signing_key,
)
from backlog_desk.store import database, signing_key
from backlog_desk.store.database import backup_dir, backup_path, open_database
from backlog_desk.store.migrations import STEPS, step_10_signing_key_and_event_sync

from .package_world import AUDIT, World, dump


@pytest.fixture
def keys(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "keys"
    monkeypatch.setenv(signing_key.KEY_DIR_ENV, str(folder))
    return folder


def _meta(db_path: Path) -> dict[str, str]:
    con = sqlite3.connect(db_path)
    try:
        return dict(con.execute("SELECT key, value FROM app_meta"))
    finally:
        con.close()


def _holds(path: Path, private: bytes) -> bool:
    """Does the file (or its WAL) hold the private key, raw or as hex text?"""
    for f in (path, Path(str(path) + "-wal")):
        if f.exists():
            data = f.read_bytes()
            if private in data or private.hex().encode() in data:
                return True
    return False


def _make_legacy(db_path: Path, keys: Path, monkeypatch: pytest.MonkeyPatch,
                 keep_key_file: bool = False) -> bytes:
    """Turn a current ledger back into one written before the key left the database:
    the private key in app_meta 'signing_key', no key file, schema before that step. The
    file already has what later steps build, so on upgrade they are passed over."""
    inst = _meta(db_path)["installation_id"]
    path = signing_key.key_file(inst, keys)
    private = signing_key.read_key(path)
    if not keep_key_file:
        path.unlink()
    before_step = STEPS.index(step_10_signing_key_and_event_sync)
    con = sqlite3.connect(db_path)
    con.execute("DELETE FROM app_meta WHERE key IN ('signing_public_key', 'schema_version')")
    # What the same step builds for event sync is taken away too, to be built again.
    con.execute("DROP TRIGGER time_limit_event_sync_delete")
    con.execute("DROP TABLE time_limit_event_removed")
    con.execute("DROP TABLE sync_event_base")
    con.executemany("INSERT INTO app_meta (key, value) VALUES (?, ?)",
                    [("signing_key", private.hex()), ("schema_version", str(before_step))])
    con.commit()
    con.close()
    later = {i: (lambda _conn: None) for i in range(before_step + 1, len(STEPS))}
    monkeypatch.setattr(database, "STEPS",
                        tuple(later.get(i, step) for i, step in enumerate(STEPS)))
    return private


def test_new_key_goes_to_an_owner_only_file_not_the_database(keys: Path,
                                                             tmp_path: Path) -> None:
    world = World(tmp_path, scale=60)
    package = world.export(world.audit, world.d1)
    meta = _meta(world.audit)
    assert "signing_key" not in meta
    path = keys / f"{meta['installation_id']}.pem"
    private = signing_key.read_key(path)
    assert public_key_of(private).hex() == meta["signing_public_key"]
    if sys.platform != "win32":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    # The package is signed with that key; no copy of the database carries it.
    assert verify_package(package).fingerprint == fingerprint(public_key_of(private))
    assert not _holds(world.audit, private)
    db = open_database(world.audit)
    copy = db.backup("manual")
    db.dispose()
    assert copy is not None and not _holds(copy, private)


def test_a_transaction_that_does_not_commit_leaves_no_key_file(keys: Path,
                                                               tmp_path: Path) -> None:
    world = World(tmp_path, scale=60)
    db = open_database(world.audit)
    try:
        with db.read() as s:  # never committed, as the apply path's address check
            made = identity(s)
            assert made.key_file.exists()
        assert not made.key_file.exists() and not list(keys.glob("*.pem"))
        with db.session() as s:
            kept = identity(s)
        assert kept.key_file.exists() and list(keys.glob("*.pem")) == [kept.key_file]
    finally:
        db.dispose()


def test_old_ledger_moves_its_key_out_on_first_open_after_a_backup(
        keys: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    world = World(tmp_path, scale=60)
    d1 = world.setup_department(world.d1)
    fp_before = world.apply(d1, world.export(world.audit, world.d1)).fingerprint
    private = _make_legacy(world.audit, keys, monkeypatch)
    # An earlier backup that carries the key too.
    earlier = backup_path(world.audit, "before-import")
    earlier.parent.mkdir(exist_ok=True)
    src, dst = sqlite3.connect(world.audit), sqlite3.connect(earlier)
    src.backup(dst)
    src.close()
    dst.close()
    assert _holds(earlier, private)

    db = open_database(world.audit)  # the upgrade
    try:
        with db.read() as s:
            me = identity_or_none(s)
    finally:
        db.dispose()
    assert me is not None and me.fingerprint == fp_before  # the same key, not a new one
    assert signing_key.read_key(me.key_file) == private
    assert "signing_key" not in _meta(world.audit)
    assert not _holds(world.audit, private)
    upgrade = [p for p in backup_dir(world.audit).glob("*before-upgrade*")]
    assert upgrade, "the upgrade took its backup first"
    for backup in backup_dir(world.audit).glob("*.db"):
        assert not _holds(backup, private), backup.name
        assert _meta(backup).get("signing_public_key") == public_key_of(private).hex()
    # Packages still verify at the department, under the fingerprint it knows.
    assert world.apply(d1, world.export(world.audit, world.d1)).fingerprint == fp_before


def test_missing_key_file_refuses_to_sign_and_never_makes_a_new_key_silently(
        keys: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    world = World(tmp_path, scale=60)
    d1 = world.setup_department(world.d1)
    meta = _meta(world.audit)
    from_dept = world.export(d1, "audit")  # made on the department's PC
    # The ledger was carried to a new PC without its key file.
    monkeypatch.setenv(signing_key.KEY_DIR_ENV, str(tmp_path / "new-pc"))
    before = dump(world.audit)
    with pytest.raises(InvalidValue, match="signing key is not on this computer"):
        world.export(world.audit, world.d1)
    assert dump(world.audit) == before and _meta(world.audit) == meta
    # Receiving still works: it needs no private key.
    report = world.apply(world.audit, from_dept)
    assert report.status == "applied"
    # Copying the key file over (what the README says to do) restores signing.
    (tmp_path / "new-pc").mkdir()
    src = keys / f"{meta['installation_id']}.pem"
    (tmp_path / "new-pc" / src.name).write_bytes(src.read_bytes())
    assert world.apply(d1, world.export(world.audit, world.d1)).status == "applied"


def test_new_key_is_refused_until_the_peer_forgets_the_old_one(keys: Path,
                                                               tmp_path: Path) -> None:
    world = World(tmp_path, scale=60)
    d1 = world.setup_department(world.d1)
    old_fp = world.apply(d1, world.export(world.audit, world.d1)).fingerprint
    db = open_database(world.audit)
    try:
        with pytest.raises(InvalidValue, match="say why"):
            new_signing_key(db, AUDIT, " ")
        me = new_signing_key(db, AUDIT, "key file lost with the old PC")
    finally:
        db.dispose()
    assert me.fingerprint != old_fp and me.key_file.exists()
    assert list(keys.glob("*.replaced-*.pem")), "the old key is kept beside, not destroyed"
    package = world.export(world.audit, world.d1)
    with pytest.raises(PackageRejected, match="known since its first package"):
        world.apply(d1, package)
    ddb = open_database(d1)
    try:
        peer = forget_peer_key(ddb, world.actor_of(d1), "audit")
    finally:
        ddb.dispose()
    assert peer.fingerprint == ""
    report = world.apply(d1, package)
    assert report.status == "applied" and report.first_contact
    assert report.fingerprint == me.fingerprint
    # Both acts are in the audit logs.
    con = sqlite3.connect(world.audit)
    assert con.execute("SELECT count(*) FROM audit_log WHERE action = 'new-signing-key'"
                       ).fetchone()[0] == 1
    con.close()
    con = sqlite3.connect(d1)
    assert con.execute("SELECT old_value FROM audit_log WHERE action = 'forget-peer-key'"
                       ).fetchone()[0] == old_fp
    con.close()


def test_cli_shows_the_key_file_and_replaces_the_key(keys: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]
                                                     ) -> None:
    from backlog_desk.cli import main

    world = World(tmp_path, scale=60)
    d1 = world.setup_department(world.d1)
    capsys.readouterr()

    def run(*argv: str) -> tuple[int, dict]:  # type: ignore[type-arg]
        code = main([*argv, "--json"])
        out = capsys.readouterr().out
        return code, json.loads(out)

    code, doc = run("signing-key", str(world.audit))
    assert code == 0 and doc["present"] and doc["usable"]
    assert Path(doc["key_file"]).parent == keys
    assert main(["signing-key", str(world.audit), "--new"]) == 2  # --reason is required
    capsys.readouterr()
    code, new = run("signing-key", str(world.audit), "--new", "--reason", "旧电脑损坏")
    assert code == 0 and new["fingerprint"] != doc["fingerprint"]
    code, forgot = run("signing-key", str(d1), "--forget-peer", "audit", "--as", "李娜")
    assert code == 0 and forgot["forgot"]["fingerprint"] == ""
    assert world.apply(d1, world.export(world.audit, world.d1)).fingerprint == \
        new["fingerprint"]


def test_a_ledger_that_sent_packages_never_gets_a_new_key_without_asking(
        keys: Path, tmp_path: Path) -> None:
    world = World(tmp_path, scale=60)
    world.setup_department(world.d1)
    con = sqlite3.connect(world.audit)
    con.execute("DELETE FROM app_meta WHERE key = 'signing_public_key'")
    con.commit()
    con.close()
    (keys / f"{_meta(world.audit)['installation_id']}.pem").unlink()
    before = dump(world.audit)
    with pytest.raises(InvalidValue, match="public key is missing"):
        world.export(world.audit, world.d1)
    assert dump(world.audit) == before and len(list(keys.glob("*.pem"))) == 1  # d1's only


def test_restoring_an_old_backup_that_carries_the_key_moves_it_out_again(
        keys: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from backlog_desk.services.backups import restore_backup

    world = World(tmp_path, scale=60)
    d1 = world.setup_department(world.d1)
    fp = world.apply(d1, world.export(world.audit, world.d1)).fingerprint
    # A backup written by the older app (key inside), kept outside the backups folder.
    old = tmp_path / "elsewhere" / "audit-2026-06.db"
    old.parent.mkdir()
    src, dst = sqlite3.connect(world.audit), sqlite3.connect(old)
    src.backup(dst)
    src.close()
    dst.close()
    private = _make_legacy(old, keys, monkeypatch, keep_key_file=True)
    assert _holds(old, private)
    db = open_database(world.audit)
    try:
        restore_backup(db, AUDIT, old)
    finally:
        db.dispose()
    assert "signing_key" not in _meta(world.audit) and not _holds(world.audit, private)
    assert world.apply(d1, world.export(world.audit, world.d1)).fingerprint == fp
