"""Exchanging packages from the window: File → Export package… writes a real signed
package on a worker; a .db dropped on the window is checked first and previewed (changes,
conflicts, refused rows, the sender's fingerprint and, on first contact, the request to
compare it by phone); Cancel at the preview or during the apply leaves the ledger exactly
as it was; a tampered package is refused with its one message."""

from __future__ import annotations

import shutil
import sqlite3
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from backlog_desk.services.package_apply import ApplyReport
from backlog_desk.services.package_export import ExportResult
from backlog_desk.ui.main_window import MainWindow
from backlog_desk.ui.package_dialogs import ApplyPackageFlow, ExportPackageDialog

from ..services.package_world import World, dump
from .test_drop_import import StartWindow, drop

pytestmark = pytest.mark.gui
TIMEOUT_MS = 60_000


@pytest.fixture(scope="module")
def world_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    root = tmp_path_factory.mktemp("world")
    world = World(root, scale=300)
    return root, world.d1


@pytest.fixture
def world(world_template: tuple[Path, str], tmp_path: Path) -> World:
    root, _ = world_template
    copy = tmp_path / "world"
    shutil.copytree(root, copy)
    w = World.__new__(World)
    w.root, w.audit, w.n = copy, copy / "audit.db", 0
    w.d1 = world_template[1]
    return w


def export_from_window(qtbot: QtBot, window: MainWindow, to: str, out: Path) -> ExportResult:
    dialog = window.accounts.export_package()
    assert isinstance(dialog, ExportPackageDialog) and dialog.isVisible()
    index = dialog.recipient.findData(to)
    assert index >= 0, [dialog.recipient.itemData(i) for i in range(dialog.recipient.count())]
    dialog.recipient.setCurrentIndex(index)
    dialog.file.setText(str(out))
    with qtbot.waitSignal(dialog.exported, timeout=TIMEOUT_MS) as done:
        dialog.export_button.click()
    result = done.args[0]
    assert isinstance(result, ExportResult)
    return result


def previewed(qtbot: QtBot, window: MainWindow, package: Path) -> ApplyPackageFlow:
    assert drop(window, package)
    flow = window.accounts.package_flow
    assert flow is not None
    qtbot.waitUntil(lambda: flow.preview is not None and flow.preview.isVisible(),
                    timeout=TIMEOUT_MS)
    return flow


def value(path: Path, number: str, column: str) -> object:
    con = sqlite3.connect(path)
    try:
        return con.execute(f"SELECT {column} FROM cases WHERE case_number = ?",
                           (number,)).fetchone()[0]
    finally:
        con.close()


def test_export_to_department_then_apply_with_preview(start_window: StartWindow, world: World,
                                                      qtbot: QtBot, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    audit_window = start_window(str(world.audit))
    first = export_from_window(qtbot, audit_window, world.d1, tmp_path / "setup.db")
    assert first.kind == "setup" and first.seq == 1 and first.cases > 0
    assert Path(first.file).is_file()
    dept = world.path(world.d1)
    world.apply(dept, Path(first.file))  # the department's ledger is made from it

    # The audit office changes an audit-owned field of one of the department's cases and
    # sends again; the department previews, then applies.
    number = world.cases(dept)[0].case_number
    world.set(world.audit, number, supervision_level="院级督办")
    second = export_from_window(qtbot, audit_window, world.d1, tmp_path / "second.db")
    assert second.seq == 2
    audit_window.close()

    window = start_window(str(dept))
    before = dump(dept)
    flow = previewed(qtbot, window, Path(second.file))
    preview = flow.preview
    assert preview is not None
    assert first.fingerprint in preview.fingerprint.text()
    assert not preview.first_contact.isVisible()  # the key came with the setup package
    assert not preview.compared.isVisible() and preview.apply_button.isEnabled()
    # The field column shows the label (督办级别) and keeps the field's key.
    rows = [[preview.changes.item(r, 0).text(),
             preview.changes.item(r, 1).data(Qt.ItemDataRole.UserRole),
             preview.changes.item(r, 2).text(), preview.changes.item(r, 3).text()]
            for r in range(preview.changes.rowCount())]
    assert [number, "supervision_level"] in [r[:2] for r in rows]
    assert next(r for r in rows if r[:2] == [number, "supervision_level"])[3] == "院级督办"
    label = next(preview.changes.item(r, 1).text() for r in range(len(rows))
                 if rows[r][1] == "supervision_level")
    assert label == "督办级别"  # as the case detail names it, in the default language
    assert dump(dept) == before  # the preview wrote nothing

    with qtbot.waitSignal(flow.finished, timeout=TIMEOUT_MS) as applied:
        preview.apply_button.click()
    report = applied.args[0]
    assert isinstance(report, ApplyReport) and report.status == "applied"
    assert value(dept, number, "supervision_level") == "院级督办"
    qtbot.waitUntil(lambda: window.accounts.package_flow is None, timeout=TIMEOUT_MS)
    assert shown == []


def test_return_package_first_contact_cancel_and_apply(start_window: StartWindow,
                                                       world: World, qtbot: QtBot,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    dept = world.setup_department(world.d1)
    number = world.cases(dept)[0].case_number
    world.set(dept, number, measures="约谈双方，下周开庭")
    package = world.export(dept, "audit")

    window = start_window(str(world.audit))
    before = dump(world.audit)

    # Cancel at the preview.
    flow = previewed(qtbot, window, package)
    preview = flow.preview
    assert preview is not None
    assert preview.first_contact.isVisibleTo(preview)  # compare the fingerprint by phone
    assert preview.report.fingerprint in preview.fingerprint.text()
    # Apply waits until the user says the fingerprints matched.
    assert not preview.apply_button.isEnabled()
    preview.compared.setChecked(True)
    assert preview.apply_button.isEnabled()
    with qtbot.waitSignal(flow.stopped, timeout=TIMEOUT_MS) as stopped:
        preview.reject()
    assert stopped.args == [""]
    assert dump(world.audit) == before

    # Apply, and Cancel while it runs: held in the pool until the test listens, then
    # cancelled (synchronously, from the worker) once the backup is taken.
    flow = previewed(qtbot, window, package)
    preview = flow.preview
    assert preview is not None
    preview.compared.setChecked(True)  # still a first contact: nothing was kept
    pool = QThreadPool.globalInstance()
    threads, release = pool.maxThreadCount(), threading.Event()
    pool.setMaxThreadCount(1)
    try:
        pool.start(lambda: release.wait(TIMEOUT_MS / 1000))
        with qtbot.waitSignal(flow.stopped, timeout=TIMEOUT_MS) as stopped:
            preview.apply_button.click()
            task = flow.task
            assert task is not None

            def step(_done: int, _total: int) -> None:
                if any(world.root.glob("*.backups/*")):
                    task.cancel()  # what the progress dialog's Cancel button calls

            task.progress.connect(step, Qt.ConnectionType.DirectConnection)
            release.set()
    finally:
        release.set()
        pool.waitForDone()
        pool.setMaxThreadCount(threads)
    assert stopped.args == [""]
    assert any(world.root.glob("*.backups/*"))  # it got as far as the backup
    assert dump(world.audit) == before

    # And to the end.
    flow = previewed(qtbot, window, package)
    assert flow.preview is not None
    flow.preview.compared.setChecked(True)
    with qtbot.waitSignal(flow.finished, timeout=TIMEOUT_MS):
        flow.preview.apply_button.click()
    assert value(world.audit, number, "measures") == "约谈双方，下周开庭"
    assert shown == []


def test_tampered_package_is_refused_with_its_message(start_window: StartWindow,
                                                      world: World, qtbot: QtBot,
                                                      tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    dept = world.setup_department(world.d1)
    world.set(dept, world.cases(dept)[0].case_number, measures="督促")
    package = world.export(dept, "audit")
    tampered = tmp_path / "tampered.db"
    data = bytearray(package.read_bytes())
    data[len(data) // 2] ^= 0x01
    tampered.write_bytes(bytes(data))

    window = start_window(str(world.audit))
    before = dump(world.audit)
    assert drop(window, tampered)
    qtbot.waitUntil(lambda: window.accounts.package_flow is None, timeout=TIMEOUT_MS)
    assert len(shown) == 1 and "tampered.db" in shown[0] and "refused" in shown[0]
    assert dump(world.audit) == before


def test_a_department_ledger_is_made_from_the_first_package(start_window: StartWindow,
                                                            world: World, qtbot: QtBot,
                                                            tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    package = world.export(world.audit, world.d1)
    window = start_window(str(world.audit))
    target = tmp_path / "dept.db"
    flow = window.accounts.new_from_package(package, target)
    assert flow is not None
    qtbot.waitUntil(lambda: flow.preview is not None and flow.preview.isVisible(),
                    timeout=TIMEOUT_MS)
    preview = flow.preview
    assert preview is not None
    assert preview.first_contact.isVisibleTo(preview)  # compare the audit office's key
    expected = len(world.cases(world.audit, world.d1))
    assert preview.counts["new"].text() == f"{expected:,}"
    assert not target.exists()  # the preview made nothing

    preview.compared.setChecked(True)
    with qtbot.waitSignal(flow.finished, timeout=TIMEOUT_MS):
        preview.apply_button.click()
    assert len(world.cases(target)) == expected
    qtbot.waitUntil(lambda: window.loaded is not None
                    and Path(str(window.loaded.target)) == target, timeout=TIMEOUT_MS)
    assert shown == []
