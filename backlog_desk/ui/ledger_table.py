"""The ledger table view: widths that never scale with the row count, columns the user can
show, hide, move and resize (remembered by the window), and editors for the fields a
department owns.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractItemModel,
    QByteArray,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QSettings,
    Qt,
)
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QMenu,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from backlog_desk.domain.ledger import CLOSE_MANNERS, REASON_CATEGORIES, Status

from .columns import COLUMN_BY_KEY, COLUMNS, DATE_COLUMNS
from .ledger_model import LedgerModel

_Index = QModelIndex | QPersistentModelIndex
#: Bumped when COLUMNS changes, so a layout saved for other columns is not applied.
STATE_VERSION = 2
HEADER_KEY = "ledger/header"
HEADER_VERSION_KEY = "ledger/header_version"


def choice_items(key: str) -> list[tuple[str, str]] | None:
    """(shown text, value) of a field edited by choosing, or None for typed fields.

    Category and manner labels are the Chinese terms of the seeds, shown as they are in
    every language.
    """
    none = QCoreApplication.translate("LedgerModel", "(none)")
    if key == "reason_category":
        return [(none, ""), *((r.label, r.key) for r in REASON_CATEGORIES)]
    if key == "close_manner":
        return [(none, ""), *((m, m) for m in CLOSE_MANNERS)]
    if key == "status":
        return [(QCoreApplication.translate("LedgerModel", "Open"), str(Status.OPEN)),
                (QCoreApplication.translate("LedgerModel", "Closed"), str(Status.CLOSED))]
    return None


class LedgerDelegate(QStyledItemDelegate):
    """Combo boxes for choices, a line edit for text and dates. Nothing is checked here:
    `update_case` decides, and the model reports a refusal (`LedgerModel.edit_refused`)."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: _Index) -> QWidget:
        key = COLUMNS[index.column()].key
        items = choice_items(key)
        if items is not None:
            combo = QComboBox(parent)
            for text, value in items:
                combo.addItem(text, value)
            # A choice is complete when picked: write it without waiting for Enter.
            combo.activated.connect(lambda _i, c=combo: self._picked(c))
            return combo
        edit = QLineEdit(parent)
        if key in DATE_COLUMNS:
            edit.setPlaceholderText(self.tr("e.g. 2026-09-30"))
            edit.setToolTip(self.tr("A date such as 2026-09-30; leave empty to clear it"))
        return edit

    def _picked(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo)

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        value = str(index.data(Qt.ItemDataRole.EditRole) or "")
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(value)))
        elif isinstance(editor, QLineEdit):
            editor.setText(value)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel,
                     index: _Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)


class LedgerView(QTableView):
    """The table for a LedgerModel, set up so that nothing scales with the number of rows."""

    def __init__(self, model: LedgerModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ledger")
        self.setModel(model)
        self.setItemDelegate(LedgerDelegate(self))
        self.setAlternatingRowColors(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed
                             | QAbstractItemView.EditTrigger.SelectedClicked)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        # Fixed row heights: the view never asks a million rows for their size.
        vertical = self.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 8)
        vertical.hide()
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setHighlightSections(False)
        header.setSectionsMovable(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        # Widths from the font, never ResizeToContents: that would read every row. The
        # header text (longer in English) plus room for the sort arrow is the minimum.
        char = self.fontMetrics().horizontalAdvance("汉")
        self._base_widths: list[int] = []
        for i, column in enumerate(COLUMNS):
            title = str(model.headerData(i, Qt.Orientation.Horizontal))
            needed = header.fontMetrics().horizontalAdvance(title) + 32
            self._base_widths.append(max(column.width * char + 16, needed))
            self.setColumnWidth(i, self._base_widths[i])
            self.setColumnHidden(i, column.hidden)
        header.setSortIndicator(COLUMN_BY_KEY[model.sort_key[0]],
                                Qt.SortOrder.DescendingOrder if model.sort_key[1]
                                else Qt.SortOrder.AscendingOrder)
        self.setSortingEnabled(True)
        # Until the user sizes a column, the long texts take up the spare width; after
        # that (or once a saved layout is restored) the widths are the user's.
        self.auto_fit = True
        self._fitting = False
        header.sectionResized.connect(self._resized)

    # --- layout the user chooses --------------------------------------------------------

    def save_state(self) -> QByteArray:
        return self.horizontalHeader().saveState()

    def save_to(self, settings: QSettings) -> None:
        settings.setValue(HEADER_KEY, self.save_state())
        settings.setValue(HEADER_VERSION_KEY, STATE_VERSION)

    def restore_from(self, settings: QSettings) -> bool:
        """The layout `save_to` stored, unless it was saved for other columns."""
        if str(settings.value(HEADER_VERSION_KEY, "")) != str(STATE_VERSION):
            return False
        return self.restore_state(settings.value(HEADER_KEY))

    def restore_state(self, state: object) -> bool:
        """Apply a layout from `save_state`; False (and nothing changed) if it does not fit."""
        if not isinstance(state, QByteArray | bytes) or not state:
            return False
        header = self.horizontalHeader()
        if not header.restoreState(QByteArray(state)) or header.count() != len(COLUMNS):
            return False
        self.auto_fit = False
        self.setSortingEnabled(True)
        return True

    def _header_menu(self, pos: QPoint) -> None:
        menu = self.column_menu()
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.horizontalHeader().mapToGlobal(pos))

    def column_menu(self) -> QMenu:
        """A new menu to show or hide columns (see `fill_column_menu`)."""
        menu = QMenu(self)
        self.fill_column_menu(menu)
        return menu

    def fill_column_menu(self, menu: QMenu) -> None:
        """Checkable entries to show or hide each column; the last visible one stays."""
        menu.clear()
        model = self.model()
        visible = sum(not self.isColumnHidden(i) for i in range(len(COLUMNS)))
        for i in range(len(COLUMNS)):
            action = menu.addAction(str(model.headerData(i, Qt.Orientation.Horizontal)))
            action.setCheckable(True)
            action.setChecked(not self.isColumnHidden(i))
            action.setEnabled(self.isColumnHidden(i) or visible > 1)
            action.toggled.connect(lambda on, col=i: self.set_column_visible(col, on))
        menu.addSeparator()
        reset = menu.addAction(self.tr("Default columns"))
        reset.triggered.connect(self.reset_columns)

    def set_column_visible(self, column: int, visible: bool) -> None:
        self._fitting = True  # our own resizing, not the user's
        try:
            self.setColumnHidden(column, not visible)
            if visible and self.columnWidth(column) == 0:
                self.setColumnWidth(column, self._base_widths[column])
        finally:
            self._fitting = False
        self.fit_columns()

    def reset_columns(self) -> None:
        header = self.horizontalHeader()
        self._fitting = True
        try:
            for i, column in enumerate(COLUMNS):
                header.moveSection(header.visualIndex(i), i)
                self.setColumnHidden(i, column.hidden)
                self.setColumnWidth(i, self._base_widths[i])
        finally:
            self._fitting = False
        self.auto_fit = True
        self.fit_columns()

    def _resized(self, _index: int, _old: int, _new: int) -> None:
        if not self._fitting and self.isVisible():
            self.auto_fit = False

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def fit_columns(self) -> None:
        """Give spare width to the two long texts (name, reason), so a wide window shows more
        of them instead of an empty strip; other columns keep what the user chose."""
        if not self.auto_fit:
            return
        header = self.horizontalHeader()
        flexible = [i for i in (COLUMN_BY_KEY["title"], COLUMN_BY_KEY["reason"])
                    if not self.isColumnHidden(i)]
        if not flexible:
            return
        # sectionSize is 0 for hidden sections, so they take no room here.
        fixed = sum(header.sectionSize(i) for i in range(len(COLUMNS)) if i not in flexible)
        share = (self.viewport().width() - fixed) // len(flexible)
        self._fitting = True
        try:
            for i in flexible:
                header.resizeSection(i, max(self._base_widths[i], share))
        finally:
            self._fitting = False
