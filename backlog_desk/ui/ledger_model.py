"""The ledger table: a model over a sorted id list, fetched a page at a time, and its view.

The model holds only the ids of the matching cases in display order (an `array('q')`, 8 MB
for a million cases) and fetches rows by id in pages of 256, keeping the 64 most recently
used pages. Every scroll position costs one small primary-key query, sorting re-reads the
id list with SQL ORDER BY, and nothing ever holds the whole ledger in Python objects. A
QSortFilterProxyModel is never put in front of it: its C++ sort calls `data()` for every
comparison (322 s at 1M rows, shared/TECH.md §5).
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections import OrderedDict
from typing import Any, NamedTuple

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from backlog_desk.domain.ages import age_months
from backlog_desk.domain.ledger import REASON_BY_KEY, Status
from backlog_desk.services.ledger_view import LedgerQuery, LedgerRow

from . import i18n, workers

PAGE_SIZE = 256
MAX_PAGES = 64
#: Native, sortable value of a cell (date, int, str) rather than its display text.
SORT_ROLE = Qt.ItemDataRole.UserRole
#: The whole LedgerRow of the cell's row.
ROW_ROLE = Qt.ItemDataRole.UserRole + 1

_CONTEXT = "LedgerModel"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark `text` for lupdate under `context`; translated later, where it is shown.

    A typed stand-in for PySide6's own (identical) function, whose stub returns `object`;
    the upper-case name is the one lupdate looks for.
    """
    return text

_Index = QModelIndex | QPersistentModelIndex


class Column(NamedTuple):
    key: str  # a sort key of services.ledger_view
    title: str  # English source text, translated in headerData
    width: int  # initial width in CJK characters


COLUMNS: tuple[Column, ...] = (
    Column("case_number", QT_TRANSLATE_NOOP("LedgerModel", "Case number"), 13),
    Column("title", QT_TRANSLATE_NOOP("LedgerModel", "Case name"), 20),
    Column("filing_date", QT_TRANSLATE_NOOP("LedgerModel", "Filing date"), 6),
    Column("department", QT_TRANSLATE_NOOP("LedgerModel", "Department"), 6),
    Column("judge", QT_TRANSLATE_NOOP("LedgerModel", "Judge"), 4),
    Column("leader", QT_TRANSLATE_NOOP("LedgerModel", "Leader"), 5),
    Column("age_months", QT_TRANSLATE_NOOP("LedgerModel", "Age (months)"), 5),
    Column("reason", QT_TRANSLATE_NOOP("LedgerModel", "Reason not closed"), 20),
    Column("expected_close_date", QT_TRANSLATE_NOOP("LedgerModel", "Expected close"), 7),
    Column("status", QT_TRANSLATE_NOOP("LedgerModel", "Status"), 4),
)
COLUMN_BY_KEY: dict[str, int] = {c.key: i for i, c in enumerate(COLUMNS)}
_DATE_COLUMNS = frozenset({"filing_date", "expected_close_date"})

_STATUS_TEXT: dict[str, str] = {
    Status.OPEN: QT_TRANSLATE_NOOP("LedgerModel", "Open"),
    Status.CLOSED: QT_TRANSLATE_NOOP("LedgerModel", "Closed"),
}
_STATUS_COLOUR: dict[str, QColor] = {
    Status.OPEN: QColor("#a23b12"),
    Status.CLOSED: QColor("#1b7f3b"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class LedgerModel(QAbstractTableModel):
    """Read-only ledger rows for a QTableView; see the module docstring for the paging.

    With `background=True` a new id list (sort, filters) is read on a worker thread and the
    rows on screen stay usable meanwhile; only the newest request is applied, so a user
    clicking through headers never sees an older order arrive last.
    """

    #: True while a new id list is being read in the background.
    loading = Signal(bool)
    #: Why reading a new id list failed; the previous rows stay on screen.
    load_failed = Signal(str)

    def __init__(self, parent: QObject | None = None, *, background: bool = False) -> None:
        super().__init__(parent)
        self._background = background
        self._query: LedgerQuery | None = None  # the query self._ids came from
        self._wanted: LedgerQuery | None = None  # the latest one asked for
        self._ids: array[int] = array("q")
        self._pages: OrderedDict[int, dict[int, LedgerRow]] = OrderedDict()
        self._sort_key = "filing_date"
        self._descending = False
        self._generation = 0
        self._tasks: dict[int, workers.Task] = {}
        # Ages are counted to the campaign's reference date ("by the end of this year"),
        # not to today; without a campaign, today is the only sensible reference.
        self._reference = dt.date.today()

    # --- loading ----------------------------------------------------------------------

    @property
    def query(self) -> LedgerQuery | None:
        return self._wanted

    @property
    def sort_key(self) -> tuple[str, bool]:
        return self._sort_key, self._descending

    @property
    def ids(self) -> array[int]:
        return self._ids

    @property
    def is_loading(self) -> bool:
        return self._generation in self._tasks

    def set_query(self, query: LedgerQuery | None, reference_date: dt.date | None = None,
                  ids: array[int] | None = None) -> None:
        """Show the cases `query` matches, in the current sort order.

        `ids` may carry the id list already read on a worker thread (in the current sort
        order), so opening a large ledger does not block the window.
        """
        if reference_date is not None:
            self._reference = reference_date
        self._request(query, ids)

    def reload(self) -> None:
        """Re-read the id list (after filters, sorting, or a change by someone else)."""
        self._request(self._wanted, None)

    def _request(self, query: LedgerQuery | None, ids: array[int] | None) -> None:
        was_loading = self.is_loading
        self._wanted = query
        self._generation += 1  # whatever is still being read is stale from now on
        generation, key = self._generation, self.sort_key
        if ids is None and query is not None and self._background:
            for stale in self._tasks.values():
                stale.cancel()  # stops at its next batch of ids; a newer list is wanted
            self._tasks[generation] = workers.start(
                lambda report: query.ids(*key, progress=report),
                on_done=lambda found: self._arrived(generation, query, found),
                on_failed=lambda exc: self._failed(generation, exc))
            self.loading.emit(True)
            return
        if ids is None:
            ids = query.ids(*key) if query is not None else array("q")
        self._apply(query, ids)
        if was_loading:  # the superseded background read will never report
            self.loading.emit(False)

    def _arrived(self, generation: int, query: LedgerQuery, ids: array[int]) -> None:
        self._tasks.pop(generation, None)
        if generation == self._generation:
            self._apply(query, ids)
            self.loading.emit(False)

    def _failed(self, generation: int, exc: BaseException) -> None:
        self._tasks.pop(generation, None)
        if generation == self._generation:
            self._wanted = self._query
            self.loading.emit(False)
            self.load_failed.emit(str(exc))

    def _apply(self, query: LedgerQuery | None, ids: array[int]) -> None:
        self.beginResetModel()
        self._query = query
        self._ids = ids
        self._pages.clear()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        key = COLUMNS[column].key
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self._sort_key, self._descending) and self._ids:
            return
        self._sort_key, self._descending = key, descending
        # A sort is a new order of the same rows: views keep their selection model but
        # every row moves, which a reset states most cheaply for a million rows.
        self.reload()

    # --- paging -----------------------------------------------------------------------

    def row_at(self, row: int) -> LedgerRow | None:
        """The row shown at position `row`; None if out of range or deleted meanwhile."""
        if not 0 <= row < len(self._ids) or self._query is None:
            return None
        number = row // PAGE_SIZE
        page = self._pages.get(number)
        if page is None:
            start = number * PAGE_SIZE
            page = self._query.rows(self._ids[start:start + PAGE_SIZE])
            self._pages[number] = page
            if len(self._pages) > MAX_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(number)
        return page.get(self._ids[row])

    @property
    def cached_pages(self) -> int:
        return len(self._pages)

    # --- Qt model interface -------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return _tr(COLUMNS[section].title)
            return None
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role not in _ROLES:
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        key = COLUMNS[index.column()].key
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, key)
        if role == SORT_ROLE:
            return self._native(row, key)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, key)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if key in _DATE_COLUMNS or key == "status":
                return int(Qt.AlignmentFlag.AlignCenter)
            if key == "age_months":
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        if role == Qt.ItemDataRole.ForegroundRole and key == "status":
            return _STATUS_COLOUR.get(row.status)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    # --- cell values --------------------------------------------------------------------

    def _native(self, row: LedgerRow, key: str) -> Any:
        if key == "age_months":
            return age_months(row.filing_date, self._reference)
        value = getattr(row, key)
        return "" if value is None else value

    def _display(self, row: LedgerRow, key: str) -> str:
        if key == "status":
            return _tr(_STATUS_TEXT.get(row.status, row.status))
        value = self._native(row, key)
        if isinstance(value, dt.date):
            # ISO in the table: fixed width, sorts as text, never a locale's guess.
            return value.isoformat()
        return str(value)

    def _tooltip(self, row: LedgerRow, key: str) -> str | None:
        if key == "reason":
            # The category (公告送达, 鉴定评估 …) is in the tooltip; the cell shows the
            # free text only, so it sorts exactly as the SQL behind it does.
            category = REASON_BY_KEY.get(row.reason_category)
            parts = [category.label if category else "", row.reason]
            return "：".join(p for p in parts if p) or None
        if key in ("title", "case_number"):
            return self._display(row, key) or None
        if key == "status" and row.status == Status.CLOSED and row.closed_date:
            return i18n.arg(QCoreApplication.translate("LedgerModel", "Closed on %1"),
                            row.closed_date.isoformat())
        return None


_ROLES = frozenset({
    Qt.ItemDataRole.DisplayRole, SORT_ROLE, ROW_ROLE, Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.ForegroundRole,
})



class LedgerView(QTableView):
    """The table for a LedgerModel, set up so that nothing scales with the number of rows."""

    def __init__(self, model: LedgerModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ledger")
        self.setModel(model)
        self.setAlternatingRowColors(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
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
        # Widths from the font, never ResizeToContents: that would read every row. The
        # header text (longer in English) plus room for the sort arrow is the minimum.
        char = self.fontMetrics().horizontalAdvance("汉")
        self._base_widths: list[int] = []
        for i, column in enumerate(COLUMNS):
            title = str(model.headerData(i, Qt.Orientation.Horizontal))
            needed = header.fontMetrics().horizontalAdvance(title) + 32
            self._base_widths.append(max(column.width * char + 16, needed))
            self.setColumnWidth(i, self._base_widths[i])
        header.setSortIndicator(COLUMN_BY_KEY[model.sort_key[0]],
                                Qt.SortOrder.DescendingOrder if model.sort_key[1]
                                else Qt.SortOrder.AscendingOrder)
        self.setSortingEnabled(True)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def fit_columns(self) -> None:
        """Give spare width to the two long texts (name, reason), so a wide window shows more
        of them instead of an empty strip; other columns keep what the user chose."""
        header = self.horizontalHeader()
        flexible = (COLUMN_BY_KEY["title"], COLUMN_BY_KEY["reason"])
        fixed = sum(header.sectionSize(i) for i in range(len(COLUMNS)) if i not in flexible)
        share = (self.viewport().width() - fixed) // len(flexible)
        for i in flexible:
            header.resizeSection(i, max(self._base_widths[i], share))
