"""The signed package file: every changed, missing or added byte is refused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from backlog_desk.exchange.package_file import (
    FORMAT_VERSION,
    TRAILER,
    PackageContent,
    PackageRefused,
    fingerprint,
    new_private_key,
    public_key_of,
    verify_package,
    write_package,
)


def _package(path: Path, key: bytes, n: int = 40) -> Path:
    cases = [(f"uuid-{i}", f'{{"case_number":"（2024）吉0105民初{i}号","reason":"原因{i}"}}',
              None) for i in range(n)]
    write_package(path, PackageContent({"format": FORMAT_VERSION, "seq": 1}, cases),
                  key)
    return path


def test_written_package_verifies_and_is_still_an_sqlite_file(tmp_path: Path) -> None:
    key = new_private_key()
    path = _package(tmp_path / "p.db", key)
    pkg = verify_package(path)
    try:
        assert pkg.manifest == {"format": FORMAT_VERSION, "seq": 1}
        assert pkg.count("cases") == 40
        assert pkg.public_key == public_key_of(key)
        assert pkg.fingerprint == fingerprint(public_key_of(key))
    finally:
        pkg.close()
    # A curious user can open it with any SQLite tool: the trailer is past the last page.
    con = sqlite3.connect(path)
    assert con.execute("SELECT count(*) FROM cases").fetchone() == (40,)
    con.close()


def test_fingerprint_is_four_groups_to_read_out() -> None:
    fp = fingerprint(public_key_of(new_private_key()))
    groups = fp.split("-")
    assert len(groups) == 4 and all(len(g) == 4 and g.isalnum() for g in groups)


def test_every_single_byte_flip_is_refused(tmp_path: Path) -> None:
    path = _package(tmp_path / "p.db", new_private_key(), n=10)
    data = path.read_bytes()
    size = len(data)
    # Every trailer byte, the SQLite header, and an even spread over the rest: >= 1,000.
    positions = set(range(size - TRAILER, size)) | set(range(0, 100))
    step = max(1, (size - TRAILER) // 1000)
    positions |= set(range(100, size - TRAILER, step))
    assert len(positions) >= 1000
    flipped = tmp_path / "flipped.db"
    for pos in sorted(positions):
        damaged = bytearray(data)
        damaged[pos] ^= 0x01 << (pos % 8)
        flipped.write_bytes(damaged)
        with pytest.raises(PackageRefused, match="refused"):
            verify_package(flipped).close()
    # Only a file exactly as signed goes through.
    verify_package(path).close()


@pytest.mark.parametrize("cut", [1, 8, 80, TRAILER, TRAILER + 1, 4096])
def test_truncated_or_extended_files_are_refused(tmp_path: Path, cut: int) -> None:
    path = _package(tmp_path / "p.db", new_private_key())
    data = path.read_bytes()
    bad = tmp_path / "bad.db"
    bad.write_bytes(data[:-cut])
    with pytest.raises(PackageRefused):
        verify_package(bad)
    bad.write_bytes(data + bytes(cut))
    with pytest.raises(PackageRefused):
        verify_package(bad)
    bad.write_bytes(data[:200] + b"x" + data[200:])
    with pytest.raises(PackageRefused, match="bytes were added or removed"):
        verify_package(bad)


def test_trailer_moved_onto_other_content_is_refused(tmp_path: Path) -> None:
    """A valid signature of one package glued to another package's database."""
    key = new_private_key()
    a = _package(tmp_path / "a.db", key, n=5).read_bytes()
    b = _package(tmp_path / "b.db", key, n=6).read_bytes()
    glued = tmp_path / "glued.db"
    glued.write_bytes(b[:-TRAILER] + a[-TRAILER:])
    with pytest.raises(PackageRefused):
        verify_package(glued)


def test_plain_sqlite_file_and_other_files_are_refused(tmp_path: Path) -> None:
    plain = tmp_path / "plain.db"
    con = sqlite3.connect(plain)
    con.execute("CREATE TABLE manifest (key TEXT, value TEXT)")
    con.execute("INSERT INTO manifest VALUES ('format', '1')")
    con.commit()
    con.close()
    with pytest.raises(PackageRefused, match="carries no signature"):
        verify_package(plain)
    other = tmp_path / "note.txt"
    other.write_text("这不是数据包" * 100, encoding="utf-8")
    with pytest.raises(PackageRefused, match="not an exchange package"):
        verify_package(other)
