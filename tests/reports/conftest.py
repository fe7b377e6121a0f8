"""Demo databases and PDF inspection through poppler (pdftotext, pdffonts, pdfinfo)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from backlog_desk.services.demo import create_demo
from backlog_desk.store.database import Database, open_database

AS_OF = dt.date(2026, 7, 15)
POPPLER = ("pdftotext", "pdffonts", "pdfinfo")


def _need_poppler() -> None:
    missing = [t for t in POPPLER if shutil.which(t) is None]
    if missing:
        pytest.skip(f"poppler-utils not installed (missing {', '.join(missing)}); "
                    "apt-get install poppler-utils to check the printed reports")


def _run(*cmd: str) -> str:
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def page_texts(pdf: Path) -> list[str]:
    """Text of each page (layout mode), in page order."""
    _need_poppler()
    pages = _run("pdftotext", "-layout", str(pdf), "-").split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def raw_text(pdf: Path) -> str:
    """Text in drawing order: a wrapped table cell comes out whole, not interleaved with
    its neighbours as in layout mode."""
    _need_poppler()
    return _run("pdftotext", "-raw", str(pdf), "-")


def flat(text: str) -> str:
    """Text with all white space removed: lines wrap and columns space differently."""
    return re.sub(r"\s+", "", text)


def page_count(pdf: Path) -> int:
    _need_poppler()
    found = re.search(r"^Pages:\s+(\d+)", _run("pdfinfo", str(pdf)), re.M)
    assert found, "pdfinfo printed no page count"
    return int(found.group(1))


def pdf_keywords(pdf: Path) -> str:
    _need_poppler()
    found = re.search(r"^Keywords:\s+(.*)$", _run("pdfinfo", str(pdf)), re.M)
    return found.group(1) if found else ""


def fonts(pdf: Path) -> list[tuple[str, str]]:
    """(name, emb) of every font pdffonts lists."""
    _need_poppler()
    lines = _run("pdffonts", str(pdf)).splitlines()[2:]
    out = []
    for line in lines:
        parts = line.split()
        # name, type (may be two words: "Type 1"), encoding, emb, sub, uni, object, id
        out.append((parts[0], parts[-5]))
    return out


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """A small demo court, read-only for the tests that use it."""
    path = tmp_path_factory.mktemp("reports") / "demo.db"
    create_demo(path, scale=400, seed=1, as_of=AS_OF)
    db = open_database(path)
    yield db
    db.dispose()


@pytest.fixture
def fresh_db(tmp_path: Path) -> Iterator[Database]:
    """A demo court of its own, for tests that change cases."""
    path = tmp_path / "demo.db"
    create_demo(path, scale=400, seed=1, as_of=AS_OF)
    db = open_database(path)
    yield db
    db.dispose()
