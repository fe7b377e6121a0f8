"""The command line: one JSON document per command, exit codes 0 / 1 / 2."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from backlog_desk.cli import main

AS_OF = "2026-07-15"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, Any, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, (json.loads(out) if "--json" in argv and out.strip() else out), err


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "demo.db"
    assert main(["demo", str(path), "--scale", "300", "--seed", "7", "--as-of", AS_OF]) == 0
    return path


def test_parse_case_number_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, doc, _ = run(capsys, "parse-case-number", "--json", "(2021)吉0105民初99",
                       "（２０１５）深宝法沙执字第1335-16号", "(2011)东辽民初字第某某号")
    assert code == 1  # one input is not a case number
    new, old, bad = doc
    assert new["valid"] and new["normalized"] == "（2021）吉0105民初99号"
    assert (new["year"], new["court_code"], new["type_code"], new["number"], new["format"],
            new["family"]) == (2021, "吉0105", "民初", "99", "2016", "civil")
    assert any("号" in w for w in new["warnings"]) and new["error"] is None
    assert old["format"] == "pre2016" and old["normalized"] == "（2015）深宝法沙执字第1335-16号"
    assert not bad["valid"] and bad["error"] and bad["normalized"] is None
    assert set(new) >= {"input", "valid", "normalized", "year", "court_code", "type_code",
                        "number", "format", "family", "warnings", "error"}


def test_init_refuses_an_existing_file_and_bad_role(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "court.db"
    code, doc, _ = run(capsys, "init", str(db), "--court-name", "二道区人民法院",
                       "--court-code", "吉0105", "--role", "audit", "--json")
    assert code == 0 and doc["role"] == "audit"
    code, doc, err = run(capsys, "init", str(db), "--court-name", "x", "--court-code", "y",
                         "--role", "audit", "--json")
    assert code == 1 and "exists" in err and "exists" in doc["error"]
    with pytest.raises(SystemExit) as exc:
        main(["init", str(tmp_path / "b.db"), "--court-name", "x", "--court-code", "y",
              "--role", "boss"])
    assert exc.value.code == 2


def test_init_sets_up_a_department_pc_with_the_campaign(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "dept.db"
    code, doc, err = run(capsys, "init", str(db), "--court-name", "二道区人民法院",
                         "--court-code", "吉0105", "--role", "department", "--department",
                         "民一庭", "--json")
    assert code == 0, err
    assert doc["role"] == "department" and doc["department"] == "民一庭"
    code, doc, err = run(capsys, "stats", str(db), "--json")
    assert code == 0, err
    assert doc["campaign"].endswith("旧存案件清结专项行动")


def test_stats_json_shape(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, doc, _ = run(capsys, "stats", str(demo_db), "--as-of", AS_OF, "--json")
    assert code == 0
    assert doc["baseline"] == 300 and doc["baseline_frozen"] is True
    assert doc["closed"] + doc["open"] == doc["baseline"]
    assert sum(d["baseline"] for d in doc["departments"]) == 300
    ranks = [d["rank"] for d in doc["departments"] if d["rank"] is not None]
    assert ranks == sorted(ranks) and ranks[0] == 1
    assert [b["key"] for b in doc["age_buckets"]] == ["lt6m", "6to12m", "1to2y", "2to3y", "gt3y"]
    assert {t["key"] for t in doc["targets"]} == {"old_100", "all_80", "all_95"}
    for t in doc["targets"]:
        assert {"required", "actual", "met", "state", "due"} <= set(t)


def test_list_and_set_round_trip(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, rows, _ = run(capsys, "list", str(demo_db), "--status", "open", "--json")
    assert code == 0 and rows and all(r["status"] == "open" for r in rows)
    first = rows[0]
    assert set(first) >= {"case_number", "case_number_raw", "filing_date", "department",
                          "judge", "status", "reason", "expected_close_date"}
    number = first["case_number"].replace("（", "(").replace("）", ")")  # a typed variant
    code, doc, _ = run(capsys, "set", str(demo_db), number, "reason=当事人申请鉴定",
                       "expected_close_date=2026/9/30", "--as", "李娜", "--json")
    assert code == 0
    assert {c["field"] for c in doc["changed"]} >= {"expected_close_date"}
    code, rows, _ = run(capsys, "list", str(demo_db), "--department", first["department"],
                        "--json")
    mine = next(r for r in rows if r["case_number"] == first["case_number"])
    assert (mine["reason"], mine["expected_close_date"]) == ("当事人申请鉴定", "2026-09-30")
    code, doc, err = run(capsys, "set", str(demo_db), number, "expected_close_date=2026-02-30",
                         "--json")
    assert code == 1 and "expected_close_date" in err and doc["field"] == "expected_close_date"


def test_check_passes_then_finds_tampering(demo_db: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    code, doc, _ = run(capsys, "check", str(demo_db), "--json")
    assert code == 0 and doc["ok"], doc
    copy = tmp_path / "tampered.db"
    src = sqlite3.connect(demo_db)
    dst = sqlite3.connect(copy)
    src.backup(dst)
    src.close()
    dst.execute("DROP TRIGGER audit_log_no_update")
    dst.execute("UPDATE audit_log SET new_value = 'forged' WHERE id = 1")
    dst.commit()
    dst.close()
    code, doc, _ = run(capsys, "check", str(copy), "--json")
    assert code == 1
    assert {c["name"]: c["ok"] for c in doc["checks"]}["audit_chain"] is False


def test_entry_point_usage_and_missing_file(tmp_path: Path) -> None:
    cmd = [sys.executable, "-m", "backlog_desk.cli"]
    proc = subprocess.run([*cmd, "stats"], capture_output=True, text=True)
    assert proc.returncode == 2
    proc = subprocess.run([*cmd, "stats", str(tmp_path / "nope.db"), "--json"],
                          capture_output=True, text=True)
    assert proc.returncode == 1
    assert "nope.db" in proc.stderr
    assert json.loads(proc.stdout)["error"]


def test_demo_export_imports_back(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db, xlsx = tmp_path / "d.db", tmp_path / "export.xlsx"
    code, doc, _ = run(capsys, "demo", str(db), "--scale", "150", "--as-of", "2026-02-01",
                       "--export-xlsx", str(xlsx), "--messy", "--json")
    assert code == 0 and doc["export_rows"] > 0
    written = doc["export_rows"]
    fresh = tmp_path / "fresh.db"
    run(capsys, "init", str(fresh), "--court-name", "x", "--court-code", "吉0105",
        "--role", "audit")
    code, doc, _ = run(capsys, "import-cases", str(fresh), str(xlsx), "--json")
    assert code == 0
    assert (doc["added"], doc["rejected"], doc["conflicts"]) == (written, [], [])
    code, rows, _ = run(capsys, "list", str(fresh), "--json")
    assert len(rows) == written and all(r["status"] == "open" for r in rows)


def test_court_extends_the_case_type_table(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "c.db"
    run(capsys, "init", str(db), "--court-name", "x", "--court-code", "吉0105", "--role",
        "audit")
    code, rows, _ = run(capsys, "case-types", str(db), "--json")
    assert code == 0 and "民初" in {r["code"] for r in rows} and "民诉调" not in {
        r["code"] for r in rows}
    code, doc, _ = run(capsys, "case-types", str(db), "--add", "民诉调", "--family", "civil",
                       "--instance", "other", "--label", "诉前调解", "--not-in-stats", "--json")
    assert code == 0 and doc["added"]["counts_in_stats"] is False
    code, rows, _ = run(capsys, "case-types", str(db), "--json")
    assert {"code": "民诉调", "family": "civil", "instance": "other", "label": "诉前调解",
            "counts_in_stats": False} in rows
    code, doc, err = run(capsys, "case-types", str(db), "--add", "民诉调", "--family", "nope",
                         "--json")
    assert code == 1 and "families" in err


def test_stats_with_configured_age_edges(demo_db: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    code, doc, _ = run(capsys, "stats", str(demo_db), "--as-of", AS_OF, "--age-edges",
                       "12,36", "--json")
    assert code == 0
    assert [b["key"] for b in doc["age_buckets"]] == ["lt1y", "1to3y", "gt3y"]
    assert sum(b["baseline"] for b in doc["age_buckets"]) == doc["baseline"]
    assert main(["stats", str(demo_db), "--age-edges", "12,6"]) == 2
    assert "12, 6" in capsys.readouterr().err
