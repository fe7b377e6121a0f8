"""The exchange package file: a SQLite database followed by a signed trailer.

Layout: ``payload | public key (32) | signature (64) | payload length (8, big-endian) |
MAGIC (8)``. The payload is an ordinary SQLite file (manifest, cases, events, setup); SQLite
reads only the pages its header counts, so the whole file still opens as a .db for a curious
user. The Ed25519 signature covers the SHA-256 of a domain tag, the payload and the public
key, so any changed, missing or added byte anywhere is refused by `verify_package` before a
single row is read; only then is the payload copied to a private file and opened.
Whether the key is the *right* one (the sender's, as first seen) is the caller's decision.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

FORMAT_VERSION = 1
MAGIC = b"BDPKG\x00v1"
_DOMAIN = b"backlog-desk package v1\x00"
_KEY, _SIG, _LEN = 32, 64, 8
TRAILER = _KEY + _SIG + _LEN + len(MAGIC)

SCHEMA = (
    "CREATE TABLE manifest (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE cases (uuid TEXT PRIMARY KEY, data TEXT NOT NULL, base TEXT)",
    "CREATE TABLE events (uuid TEXT PRIMARY KEY, case_uuid TEXT NOT NULL, data TEXT NOT NULL)",
    "CREATE TABLE setup (name TEXT PRIMARY KEY, data TEXT NOT NULL)",
)

_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=str)


class PackageRefused(Exception):
    """The file is not an authentic, intact package; nothing was read from it."""


def new_private_key() -> bytes:
    return Ed25519PrivateKey.generate().private_bytes(
        Encoding.Raw, PrivateFormat.Raw, NoEncryption())


def public_key_of(private_key: bytes) -> bytes:
    return Ed25519PrivateKey.from_private_bytes(private_key).public_key().public_bytes(
        Encoding.Raw, PublicFormat.Raw)


def fingerprint(public_key: bytes) -> str:
    """Sixteen base32 characters in four groups (e.g. ``K3QF-7ZPA-M2XD-Q9RT``): short enough
    to read out over the phone, 80 bits so a forged key cannot be made to match."""
    digest = hashlib.sha256(public_key).digest()
    text = base64.b32encode(digest).decode("ascii")[:16]
    return "-".join(text[i:i + 4] for i in range(0, 16, 4))


def _digest(payload: bytes | memoryview, public_key: bytes) -> bytes:
    h = hashlib.sha256(_DOMAIN)
    h.update(payload)
    h.update(public_key)
    return h.digest()


def encode(value: Any) -> str:
    return _ENCODER.encode(value)


@dataclass
class PackageContent:
    manifest: Mapping[str, Any]
    cases: Iterable[tuple[str, str, str | None]] = ()          # uuid, data JSON, base JSON
    events: Iterable[tuple[str, str, str]] = ()                # uuid, case uuid, data JSON
    setup: Mapping[str, Any] = field(default_factory=dict)     # name -> JSON-able value


def write_package(path: Path, content: PackageContent, private_key: bytes) -> int:
    """Write and sign a package; returns its size in bytes. The file appears complete or
    not at all (written beside it, then renamed)."""
    path = Path(path)
    fd, tmp_name = tempfile.mkstemp(suffix=".payload", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        tmp.unlink()
        con = sqlite3.connect(tmp, isolation_level=None)
        try:
            con.execute("PRAGMA journal_mode=OFF")
            con.execute("PRAGMA synchronous=OFF")
            con.execute("BEGIN")
            for ddl in SCHEMA:
                con.execute(ddl)
            con.executemany("INSERT INTO manifest VALUES (?, ?)",
                            [(k, encode(v)) for k, v in content.manifest.items()])
            con.executemany("INSERT INTO cases VALUES (?, ?, ?)", content.cases)
            con.executemany("INSERT INTO events VALUES (?, ?, ?)", content.events)
            con.executemany("INSERT INTO setup VALUES (?, ?)",
                            [(k, encode(v)) for k, v in content.setup.items()])
            con.execute("COMMIT")
        finally:
            con.close()
        payload = tmp.read_bytes()
        key = Ed25519PrivateKey.from_private_bytes(private_key)
        public = public_key_of(private_key)
        signature = key.sign(_digest(payload, public))
        out = path.with_name(path.name + ".part")
        with out.open("wb") as fh:
            fh.write(payload)
            fh.write(public + signature + len(payload).to_bytes(_LEN, "big") + MAGIC)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(out, path)
        return len(payload) + TRAILER
    finally:
        tmp.unlink(missing_ok=True)


@dataclass
class VerifiedPackage:
    """A package whose signature checked out, opened from a private copy of its payload."""

    file: Path
    sha256: str
    public_key: bytes
    manifest: dict[str, Any]
    _con: sqlite3.Connection
    _copy: Path

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)

    def count(self, table: str) -> int:
        return int(self._con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])

    def cases(self) -> Iterator[tuple[str, dict[str, Any], dict[str, Any] | None]]:
        loads = json.loads
        for uuid, data, base in self._con.execute("SELECT uuid, data, base FROM cases"):
            yield uuid, loads(data), (loads(base) if base is not None else None)

    def raw_cases(self) -> Iterator[tuple[str, bytes, bytes | None]]:
        """uuid, data JSON, base JSON, the JSON as UTF-8 bytes: parsing is left to the
        caller, which often need not (comparing bytes is enough), and bytes skip decoding
        some 200 MB of text into str objects for a 100,000-case package."""
        yield from self._con.execute(
            "SELECT uuid, CAST(data AS BLOB), CAST(base AS BLOB) FROM cases")

    def case_uuids(self) -> Iterator[tuple[str]]:
        yield from self._con.execute("SELECT uuid FROM cases")

    def events(self) -> Iterator[tuple[str, str, dict[str, Any]]]:
        for uuid, case_uuid, data in self._con.execute(
                "SELECT uuid, case_uuid, data FROM events"):
            yield uuid, case_uuid, json.loads(data)

    def setup(self) -> dict[str, Any]:
        return {k: json.loads(v) for k, v in self._con.execute("SELECT name, data FROM setup")}

    def close(self) -> None:
        self._con.close()
        self._copy.unlink(missing_ok=True)


def _refuse(path: Path, why: str) -> PackageRefused:
    return PackageRefused(f"{path.name}: refused, {why}; nothing was applied")


def verify_package(path: Path, *, work_dir: Path | None = None) -> VerifiedPackage:
    """Check the trailer and the signature over every byte, then open a private copy.

    Raises PackageRefused naming the file and what is wrong.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _refuse(path, f"cannot be read ({exc.strerror})") from exc
    if len(data) < TRAILER + 100:
        raise _refuse(path, "it is not an exchange package (too short or truncated)")
    if data[-len(MAGIC):] != MAGIC:
        if data.startswith(b"SQLite format 3\x00"):
            raise _refuse(path, "it carries no signature (truncated, or not a package)")
        raise _refuse(path, "it is not an exchange package")
    view = memoryview(data)
    end = len(data) - TRAILER
    length = int.from_bytes(view[end + _KEY + _SIG:end + _KEY + _SIG + _LEN], "big")
    if length != end:
        raise _refuse(path, "its length does not match its signature block "
                            "(bytes were added or removed)")
    public = bytes(view[end:end + _KEY])
    signature = bytes(view[end + _KEY:end + _KEY + _SIG])
    # The file's own SHA-256 (named in the audit log) is hashed on a second thread while
    # the signed digest is computed here: hashlib lets both run at once over ~100-200 MB.
    with ThreadPoolExecutor(max_workers=1) as pool:
        whole = pool.submit(lambda: hashlib.sha256(data).hexdigest())
        try:
            Ed25519PublicKey.from_public_bytes(public).verify(signature,
                                                              _digest(view[:end], public))
        except (InvalidSignature, ValueError) as exc:
            raise _refuse(path, "the signature does not match its content "
                                "(the file was altered or damaged)") from exc
        sha = whole.result()
    fd, copy_name = tempfile.mkstemp(suffix=".verified.db", dir=work_dir)
    with os.fdopen(fd, "wb") as fh:
        fh.write(view[:end])
    copy = Path(copy_name)
    del view
    try:
        con = sqlite3.connect(f"file:{copy}?mode=ro", uri=True)
        try:
            manifest = {k: json.loads(v) for k, v in con.execute(
                "SELECT key, value FROM manifest")}
        except (sqlite3.DatabaseError, ValueError) as exc:
            con.close()
            raise _refuse(path, f"its content is not a package ({exc})") from exc
    except BaseException:
        copy.unlink(missing_ok=True)
        raise
    if manifest.get("format") != FORMAT_VERSION:
        con.close()
        copy.unlink(missing_ok=True)
        raise _refuse(path, f"package format {manifest.get('format')!r} is not supported "
                            f"(this app reads format {FORMAT_VERSION})")
    return VerifiedPackage(path, sha, public, manifest, con, copy)


@contextlib.contextmanager
def opened_package(path: Path) -> Iterator[VerifiedPackage]:
    pkg = verify_package(path)
    try:
        yield pkg
    finally:
        pkg.close()

