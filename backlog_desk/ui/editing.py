"""Edits of a case from the window, with undo and redo.

Every edit, and every undo or redo of it, is one `services.cases.update_case` call with the
installation's actor: validation, permissions and the audit log are the service's, so an
undo is audited like any other change and can be refused like one (if, say, the case was
closed meanwhile). An edit is one small primary-key transaction, so it runs on the GUI
thread: the refusal reason must reach the cell the user typed in before anything else.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from backlog_desk.services.actor import Actor, Role, local_user
from backlog_desk.services.cases import update_case
from backlog_desk.services.errors import ServiceError
from backlog_desk.store.database import Database

from . import i18n
from .columns import FIELD_TITLES

# The audit log's `source` of changes made in this window.
SOURCE = "gui"
# Fields whose change can move the headline numbers (closures).
CLOSURE_FIELDS = frozenset({"status", "closed_date"})


def installation_actor(db: Database) -> Actor:
    """The person at this PC in the role the ledger file was set up for (app_meta 'role',
    'department'), as the command line's `_actor` does; a file without a known role is
    treated as the audit office's, as there."""
    try:
        role = Role(db.meta("role", Role.AUDIT))
    except ValueError:
        role = Role.LEADER  # an unknown role must not grant rights
    return local_user(role, db.meta("department") or None)


class CaseEdit(QUndoCommand):
    """One edit of one case: `new` was written when it was pushed, `old` restores it."""

    def __init__(self, controller: EditController, case_id: int, case_number: str,
                 old: Mapping[str, str], new: Mapping[str, str]) -> None:
        fields = "、".join(_field_label(f) for f in new)
        super().__init__(i18n.arg(
            QCoreApplication.translate("EditController", "edit %1 of %2"), fields, case_number))
        self.controller = controller
        self.case_id, self.case_number = case_id, case_number
        self.old, self.new = dict(old), dict(new)
        self._applied = True  # the edit was written before the command was pushed

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self.controller.apply(self.case_id, self.case_number, self.new)

    def undo(self) -> None:
        self.controller.apply(self.case_id, self.case_number, self.old)


def _field_label(name: str) -> str:
    title = FIELD_TITLES.get(name)
    return QCoreApplication.translate("CaseDetail", title) if title else name


class EditController(QObject):
    """Writes edits for the window and keeps the undo stack of this session."""

    #: A case's stored values changed (an edit, an undo or a redo): its id and the names
    #: of the fields written.
    changed = Signal(int, list)
    #: Why an undo or redo was refused; the case keeps its current values.
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None, *,
                 today: Callable[[], dt.date] = dt.date.today) -> None:
        super().__init__(parent)
        self.stack = QUndoStack(self)
        self._today = today
        self.db: Database | None = None
        self.actor: Actor | None = None

    def set_ledger(self, db: Database | None, actor: Actor | None = None) -> None:
        """Edit `db` from now on; the undo history of another ledger no longer applies."""
        self.stack.clear()
        self.db = db
        self.actor = actor if actor is not None or db is None else installation_actor(db)

    def may_edit(self, field: str, department: str | None) -> bool:
        return self.actor is not None and self.actor.may_edit(field, department)

    def edit(self, case_id: int, case_number: str, changes: Mapping[str, str]) -> str | None:
        """Write `changes` ({field: text as typed}); returns why they were refused, or None.

        A refused edit writes nothing and leaves nothing on the undo stack.
        """
        if self.db is None or self.actor is None:
            return self.tr("No ledger is open")
        try:
            done = update_case(self.db, self.actor, case_number, changes, source=SOURCE,
                               today=self._today())
        except ServiceError as exc:
            return str(exc)
        if done:
            self.stack.push(CaseEdit(self, case_id, case_number,
                                     {c.field: c.old for c in done},
                                     {c.field: c.new for c in done}))
            self.changed.emit(case_id, [c.field for c in done])
        return None

    def apply(self, case_id: int, case_number: str, values: Mapping[str, str]) -> None:
        """Write the values an undo or redo restores; report a refusal instead of raising
        (Qt calls undo/redo from its own code, where an exception would be lost)."""
        if self.db is None or self.actor is None:
            return
        try:
            done = update_case(self.db, self.actor, case_number, values, source=SOURCE,
                               today=self._today())
        except ServiceError as exc:
            self.failed.emit(str(exc))
            return
        self.changed.emit(case_id, [c.field for c in done])
