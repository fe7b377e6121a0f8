"""Where an installation's Ed25519 package-signing key lives: outside the ledger.

The key signs the packages this installation sends; whoever holds it can speak for the
office. Kept in the database, it travelled with every copy of the file (each backup, a file
handed over on a USB stick). So the database keeps only the public half (`app_meta`
'signing_public_key', with 'installation_id'), and the private key is a PEM file
`<installation_id>.pem` in the per-user data folder's `keys/` (`~/.local/share/BacklogDesk/
keys` on Linux, `%APPDATA%\\BacklogDesk\\keys` on Windows), readable by its owner only.
`BACKLOG_DESK_KEY_DIR` names another folder (scripts, tests, a shared service account).

A file written by an older app still has the key in `app_meta` 'signing_key': schema step
10 (and, should one turn up later, `identity`) writes it to the key file and deletes it
from the database with SQLite's secure_delete, so the bytes are overwritten rather than left
on a free page; the backups beside the file lose their copy of that same key too.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import tempfile
from pathlib import Path

from sqlalchemy import Connection, text

# cryptography is imported where a key is read or written: the migrations import this
# module on every start, and loading cryptography costs the window a tenth of a second.

KEY_DIR_ENV = "BACKLOG_DESK_KEY_DIR"
LEGACY_KEY = "signing_key"
PUBLIC_KEY = "signing_public_key"


class SigningKeyError(Exception):
    """The key file is missing, unreadable or not this installation's key."""


def data_dir() -> Path:
    """The per-user data folder, as Qt's AppDataLocation names it for "BacklogDesk"
    (computed here because the command line has no Qt)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "BacklogDesk"


def key_dir() -> Path:
    override = os.environ.get(KEY_DIR_ENV)
    return Path(override) if override else data_dir() / "keys"


def key_file(installation_id: str, folder: Path | None = None) -> Path:
    return (folder or key_dir()) / f"{installation_id}.pem"


def public_key_of(private_key: bytes) -> bytes:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    return Ed25519PrivateKey.from_private_bytes(private_key).public_key().public_bytes(
        Encoding.Raw, PublicFormat.Raw)


def read_key(path: Path) -> bytes:
    """The raw private key in a key file, or SigningKeyError saying what is wrong."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import (
        Encoding,
        NoEncryption,
        PrivateFormat,
        load_pem_private_key,
    )

    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise SigningKeyError(f"{path}: no such key file") from exc
    except OSError as exc:
        raise SigningKeyError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
    try:
        key = load_pem_private_key(data, password=None)
    except (ValueError, TypeError) as exc:
        raise SigningKeyError(f"{path}: not a Backlog Desk signing key file") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise SigningKeyError(f"{path}: not an Ed25519 key")
    return key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())


def write_key(path: Path, private_key: bytes) -> None:
    """Write a key file readable by its owner only; it appears complete or not at all."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import (
        Encoding,
        NoEncryption,
        PrivateFormat,
    )

    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    pem = Ed25519PrivateKey.from_private_bytes(private_key).private_bytes(
        Encoding.PEM, PrivateFormat.PKCS8, NoEncryption())
    # mkstemp creates the file 0600 before a byte is written: never readable by others.
    fd, tmp = tempfile.mkstemp(prefix=".key-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(pem)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _meta(conn: Connection, key: str) -> str:
    value = conn.execute(text("SELECT value FROM app_meta WHERE key = :k"),
                         {"k": key}).scalar()
    return str(value) if value else ""


def _set_meta(conn: Connection, key: str, value: str) -> None:
    conn.execute(text("DELETE FROM app_meta WHERE key = :k"), {"k": key})
    conn.execute(text("INSERT INTO app_meta (key, value) VALUES (:k, :v)"),
                 {"k": key, "v": value})


def _secure_delete_legacy(conn: Connection) -> None:
    sqlite = conn.dialect.name == "sqlite"
    if sqlite:
        # Overwrites the deleted row's bytes instead of leaving them on a free page.
        conn.exec_driver_sql("PRAGMA secure_delete = ON")
    try:
        conn.execute(text("DELETE FROM app_meta WHERE key = :k"), {"k": LEGACY_KEY})
    finally:
        if sqlite:
            conn.exec_driver_sql("PRAGMA secure_delete = OFF")


def move_key_out(conn: Connection, folder: Path | None = None) -> bool:
    """Move a private key kept in `app_meta` to the key file, inside the caller's
    transaction. False (nothing changed) when there is none, or when a key file for this
    installation already holds a different key: then neither is thrown away, and using the
    identity says so."""
    legacy = _meta(conn, LEGACY_KEY)
    installation = _meta(conn, "installation_id")
    if not legacy:
        return False
    if not installation:
        # A key without an installation id was never used to sign anything.
        _secure_delete_legacy(conn)
        return True
    private = bytes.fromhex(legacy)
    path = key_file(installation, folder)
    if path.exists():
        try:
            if read_key(path) != private:
                return False
        except SigningKeyError:
            return False
    else:
        write_key(path, private)
    _set_meta(conn, PUBLIC_KEY, public_key_of(private).hex())
    _secure_delete_legacy(conn)
    if conn.dialect.name == "sqlite":
        _scrub_backups(conn, legacy, public_key_of(private).hex())
    return True


def _scrub_backups(conn: Connection, legacy_hex: str, public_hex: str) -> None:
    """Remove the same key from the backups beside the file (`<name>.backups/`): they were
    copies of the database and carried it. A backup holding another key keeps it."""
    row = conn.exec_driver_sql("PRAGMA database_list").fetchone()
    if not row or not row[2]:
        return
    main = Path(row[2])
    folder = main.parent / f"{main.stem}.backups"
    if not folder.is_dir():
        return
    for backup in sorted(folder.glob("*.db")):
        try:
            con = sqlite3.connect(backup)
        except sqlite3.Error:
            continue
        try:
            con.execute("PRAGMA secure_delete = ON")
            gone = con.execute("DELETE FROM app_meta WHERE key = ? AND value = ?",
                               (LEGACY_KEY, legacy_hex)).rowcount
            if gone:
                con.execute("INSERT OR REPLACE INTO app_meta (key, value) VALUES (?, ?)",
                            (PUBLIC_KEY, public_hex))
            con.commit()
        except sqlite3.Error:
            # Not a ledger, or damaged: restore refuses such files anyway.
            pass
        finally:
            con.close()
