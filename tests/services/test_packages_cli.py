"""The package commands: one JSON document each, exit 0 / 1 (refused) / 2 (usage)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from backlog_desk.cli import main

from .package_world import World


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, object]:
    code = main([*argv, "--json"])
    out = capsys.readouterr().out
    return code, json.loads(out)


def test_cycle_through_the_command_line(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    world = World(tmp_path, scale=150)
    audit, dept = str(world.audit), str(tmp_path / "dept.db")
    p1 = str(tmp_path / "p1.db")
    code, doc = run(capsys, "export-package", audit, "--to", world.d1, "--out", p1)
    assert code == 0 and isinstance(doc, dict) and doc["kind"] == "setup" and doc["seq"] == 1
    code, doc = run(capsys, "apply-package", dept, p1, "--dry-run")
    assert code == 0 and isinstance(doc, dict) and doc["status"] == "dry-run"
    assert not Path(dept).exists()
    code, doc = run(capsys, "apply-package", dept, p1, "--as", "李娜")
    assert code == 0 and isinstance(doc, dict) and doc["status"] == "created"
    code, peers = run(capsys, "peers", dept)
    assert isinstance(peers, dict) and peers["peers"][0]["fingerprint"] == doc["fingerprint"]
    number = next(c.case_number for c in world.cases(Path(dept)) if c.status == "open")
    assert main(["set", audit, number, "notes=审管办", "--as", "王晓明"]) == 0
    assert main(["set", dept, number, "notes=本庭", "--as", "李娜"]) == 0
    capsys.readouterr()
    p2, q1 = str(tmp_path / "p2.db"), str(tmp_path / "q1.db")
    assert run(capsys, "export-package", audit, "--to", world.d1, "--out", p2)[0] == 0
    assert run(capsys, "export-package", dept, "--to", "audit", "--out", q1)[0] == 0
    code, doc = run(capsys, "apply-package", dept, p2)
    assert code == 0 and isinstance(doc, dict) and len(doc["conflicts"]) == 1
    code, listed = run(capsys, "conflicts", dept)
    assert isinstance(listed, list) and listed[0]["field"] == "notes"
    code, done = run(capsys, "resolve", dept, str(listed[0]["id"]), "--take-theirs")
    assert code == 0 and isinstance(done, dict) and done["resolution"] == "take-theirs"
    # Replayed: exit 0, says so, nothing changed.
    code, doc = run(capsys, "apply-package", dept, p2)
    assert code == 0 and isinstance(doc, dict) and doc["status"] == "already-applied"
    # Refused whole: exit 1 with one JSON error document.
    code, doc = run(capsys, "apply-package", audit, p2)
    assert code == 1 and isinstance(doc, dict) and "addressed to department" in doc["error"]
    # Usage: two resolutions at once.
    code, doc = run(capsys, "resolve", dept, "1", "--keep-mine", "--take-theirs")
    assert code == 2 and isinstance(doc, dict) and "exactly one" in doc["error"]
