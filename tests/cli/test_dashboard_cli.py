"""`backlog-desk-cli dashboard`: the page's figures as one JSON document, exit codes 0/1/2."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from backlog_desk.cli import main
from backlog_desk.services.dashboard import dashboard
from backlog_desk.store.database import open_database

AS_OF = "2026-07-15"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, Any]:
    code = main(list(argv))
    out, _err = capsys.readouterr()
    return code, json.loads(out)


def test_dashboard_json_matches_the_service(capsys: pytest.CaptureFixture[str],
                                            tmp_path: Path) -> None:
    path = tmp_path / "demo.db"
    assert main(["demo", str(path), "--scale", "300", "--seed", "5", "--as-of", AS_OF]) == 0
    capsys.readouterr()
    code, doc = run(capsys, "dashboard", str(path), "--as-of", AS_OF, "--json")
    assert code == 0
    db = open_database(path)
    try:
        d = dashboard(db, as_of=dt.date.fromisoformat(AS_OF))
    finally:
        db.dispose()
    assert (doc["baseline"], doc["closed"], doc["open"]) == (
        d.total.total, d.total.closed, d.total.open)
    assert doc["headline_target"] == "all_95"
    assert [t["key"] for t in doc["targets"]] == ["old_100", "all_80", "all_95"]
    assert [x["name"] for x in doc["departments"]] == [x.name for x in d.departments]
    assert doc["burn_down"][0]["day"] == "2026-03-30" and doc["burn_down"][-1]["day"] == AS_OF
    assert doc["burn_down"][-1]["open"] == d.total.open
    assert doc["projection"]["day"] == (d.projection.day.isoformat()  # type: ignore[union-attr]
                                        if d.projection and d.projection.day else None)
    risks = {r["key"]: r for r in doc["at_risk"]}
    assert risks["overdue"]["filter"]["overdue"] is True
    assert risks["overdue"]["count"] == next(r.count for r in d.risks if r.key == "overdue")

    code, doc = run(capsys, "dashboard", str(path), "--as-of", AS_OF, "--weeks", "2",
                    "--no-risks", "--json")
    assert code == 0 and doc["pace_weeks"] == 2 and doc["at_risk"] == []


def test_dashboard_errors(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, doc = run(capsys, "dashboard", str(tmp_path / "none.db"), "--json")
    assert code == 1 and "no such database" in doc["error"]
    code, doc = run(capsys, "dashboard", str(tmp_path / "none.db"), "--weeks", "0", "--json")
    assert code == 2 and "--weeks" in doc["error"]
    code, doc = run(capsys, "dashboard", str(tmp_path / "none.db"), "--as-of", "2026-13-45",
                    "--json")
    assert code == 2
