"""Shared fixtures: a database target on SQLite and, where a server is reachable, PostgreSQL.

PostgreSQL runs when BACKLOG_DESK_PG_URL names a server (`.ci/start-postgres` starts one);
otherwise those tests are skipped with a message saying so. CI sets BACKLOG_DESK_REQUIRE_PG=1
so that an unreachable server fails the run instead of skipping silently.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

PG_URL = os.environ.get("BACKLOG_DESK_PG_URL", "")
REQUIRE_PG = os.environ.get("BACKLOG_DESK_REQUIRE_PG") == "1"


def _reset_postgres(url: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    finally:
        engine.dispose()


def _postgres_or_skip() -> str:
    why = ""
    if not PG_URL:
        why = ("PostgreSQL tests skipped: no server configured "
               "(export BACKLOG_DESK_PG_URL=$(bash .ci/start-postgres))")
    else:
        try:
            _reset_postgres(PG_URL)
        except Exception as exc:  # the driver's error says why the server is unreachable
            why = f"PostgreSQL tests skipped: no server reachable at {PG_URL}: {exc}"
    if why:
        if REQUIRE_PG:
            pytest.fail(why)
        pytest.skip(why)
    return PG_URL


@pytest.fixture(autouse=True, scope="session")
def _signing_key_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Package-signing keys made by tests go to a temporary folder (inherited by the
    processes tests start), never to the user's data folder."""
    old = os.environ.get("BACKLOG_DESK_KEY_DIR")
    os.environ["BACKLOG_DESK_KEY_DIR"] = str(tmp_path_factory.mktemp("signing-keys"))
    yield
    if old is None:
        os.environ.pop("BACKLOG_DESK_KEY_DIR", None)
    else:
        os.environ["BACKLOG_DESK_KEY_DIR"] = old


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str | Path]:
    """Where a fresh, empty ledger database can be created."""
    if request.param == "sqlite":
        yield tmp_path / "ledger.db"
    else:
        yield _postgres_or_skip()


@pytest.fixture
def pg_url() -> str:
    """A reset PostgreSQL database (skipped, or failed under CI, when none is reachable)."""
    return _postgres_or_skip()
