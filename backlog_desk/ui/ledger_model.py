"""The ledger table: a model over a sorted id list, fetched a page at a time, and its view.

The model holds only the ids of the matching cases in display order (an `array('q')`, 8 MB
for a million cases) and fetches rows by id in pages of 256, keeping the 64 most recently
used pages. Every scroll position costs one small primary-key query, sorting re-reads the
id list with SQL ORDER BY, and nothing ever holds the whole ledger in Python objects.

In the window (`background=True`) every re-read is progressive: the first FIRST_IDS ids
(LIMIT; milliseconds) replace the rows on screen, then the rest of the list (a second or so
for a million ids) is read on a worker and appended as inserted rows, so the view answers a
click at once and keeps its place when the rest arrives. A generation counter drops every
answer, first part or rest, that a newer request has made stale. A
QSortFilterProxyModel is never put in front of it: its C++ sort calls `data()` for every
comparison (322 s at 1M rows, shared/TECH.md §5).
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor

from backlog_desk.domain.ages import DEFAULT_AGE_BUCKETS, age_months
from backlog_desk.domain.ledger import REASON_BY_KEY, Status
from backlog_desk.services.ledger_view import FIRST_IDS, LedgerQuery, LedgerRow

from . import i18n, workers
from .columns import (
    AGE_BUCKET_TEXT,
    COLUMN_BY_KEY,
    COLUMNS,
    DATE_COLUMNS,
    EDITABLE_KEYS,
    PROMISE_COLUMNS,
    STATUS_TEXT,
    Column,
)

__all__ = ["COLUMNS", "COLUMN_BY_KEY", "EDITABLE_KEYS", "ROW_ROLE", "SORT_ROLE", "Column",
           "LedgerModel", "edit_text"]

PAGE_SIZE = 256
#: Pause between showing the first ids of a re-read and reading the rest (see _first_arrived).
REST_DELAY_MS = 100
MAX_PAGES = 64
#: Native, sortable value of a cell (date, int, str) rather than its display text.
SORT_ROLE = Qt.ItemDataRole.UserRole
#: The whole LedgerRow of the cell's row.
ROW_ROLE = Qt.ItemDataRole.UserRole + 1

_CONTEXT = "LedgerModel"


_Index = QModelIndex | QPersistentModelIndex

_STATUS_COLOUR: dict[str, QColor] = {
    Status.OPEN: QColor("#a23b12"),
    Status.CLOSED: QColor("#1b7f3b"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def edit_text(row: LedgerRow, key: str) -> str:
    """The value of an editable field as `services.cases.update_case` takes it back: dates
    ISO, the reason category as its key, "" for nothing."""
    value = getattr(row, key)
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, dt.date) else str(value)


#: May this actor edit `field` of a case of that department? (Actor.may_edit)
MayEdit = Callable[[str, str | None], bool]
#: Apply {field: text} to a row's case; returns why it was refused, or None when written.
Editor = Callable[[LedgerRow, dict[str, str]], str | None]


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
    #: An edit typed in the table was refused: (reason, the cell's row, its column).
    edit_refused = Signal(str, int, int)

    def __init__(self, parent: QObject | None = None, *, background: bool = False,
                 first_ids: int = FIRST_IDS) -> None:
        super().__init__(parent)
        self._background = background
        self._first_ids = first_ids  # how many ids a background re-read shows first
        self._query: LedgerQuery | None = None  # the query self._ids came from
        self._wanted: LedgerQuery | None = None  # the latest one asked for
        self._ids: array[int] = array("q")
        self._pages: OrderedDict[int, dict[int, LedgerRow]] = OrderedDict()
        self._sort_key = "filing_date"
        self._descending = False
        self._generation = 0
        self._shown = 0  # the generation whose ids are on screen
        self._rest_due = 0  # the generation whose rest of the list is yet to be read
        self._tasks: dict[int, workers.Task] = {}
        # Ages are counted to the campaign's reference date ("by the end of this year"),
        # not to today; without a campaign, today is the only sensible reference.
        self._reference = dt.date.today()
        self._may_edit: MayEdit | None = None
        self._editor: Editor | None = None

    # --- loading ----------------------------------------------------------------------

    def set_editing(self, may_edit: MayEdit | None, editor: Editor | None) -> None:
        """Make permitted cells editable; `editor` writes an edit (None: read-only)."""
        self._may_edit, self._editor = may_edit, editor
        if self._ids:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._ids) - 1, len(COLUMNS) - 1))

    def refresh_case(self, case_id: int) -> int | None:
        """Re-read the case's row after an edit (ours or an undo); returns its position."""
        number = next((n for n, page in self._pages.items() if case_id in page), None)
        if number is not None:
            del self._pages[number]
        try:
            row = self._ids.index(case_id)
        except ValueError:
            return None  # not in the current filter: nothing on screen to refresh
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        return row

    @property
    def reference_date(self) -> dt.date:
        return self._reference

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
        return self._generation in self._tasks or self._rest_due == self._generation

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
        """Re-read the id list (after a change by someone else, or the rest of a list whose
        first screenfuls were given); rows that stay where they were keep the view."""
        self._request(self._wanted, None, keep_view=True)

    def _request(self, query: LedgerQuery | None, ids: array[int] | None,
                 keep_view: bool = False) -> None:
        was_loading = self.is_loading
        self._wanted = query
        self._generation += 1  # whatever is still being read is stale from now on
        generation, key = self._generation, self.sort_key
        if ids is None and query is not None and self._background:
            for stale in self._tasks.values():
                stale.cancel()  # stops at its next batch of ids; a newer list is wanted
            # The first screenfuls come first: with LIMIT they take milliseconds where the
            # whole list of a million ids takes a second, so the view changes at once and
            # the rest of the list follows from a second read (see _first_arrived).
            self._tasks[generation] = workers.start(
                lambda _report: query.ids(*key, limit=self._first_ids),
                on_done=lambda found: self._first_arrived(generation, query, found,
                                                          keep_view),
                on_failed=lambda exc: self._failed(generation, exc))
            self.loading.emit(True)
            return
        if ids is None:
            ids = query.ids(*key) if query is not None else array("q")
        self._apply(query, ids)
        self._shown = generation
        if was_loading:  # the superseded background read will never report
            self.loading.emit(False)

    def _first_arrived(self, generation: int, query: LedgerQuery, ids: array[int],
                       keep_view: bool) -> None:
        self._tasks.pop(generation, None)
        if generation != self._generation:
            return
        complete = len(ids) < self._first_ids  # that was every match
        if not keep_view:
            # A new order or filter: views expect a reset (selection, scroll to top).
            self._apply(query, ids)
        elif complete or query != self._query or self._ids[:len(ids)] != ids:
            self._apply_keeping_view(query, ids)
        # else a re-read begins as the list on screen does: it stays until the rest arrives
        self._shown = generation
        if complete:
            self.loading.emit(False)
            return
        # The rest waits until the new rows are painted: a worker reading a million ids
        # competes with the painting for the GIL and made the first paint twice as slow.
        self._rest_due = generation
        QTimer.singleShot(REST_DELAY_MS, self, lambda: self._read_rest(generation, query))

    def _read_rest(self, generation: int, query: LedgerQuery) -> None:
        if generation != self._generation:
            return  # superseded while waiting
        self._rest_due = 0
        key = self.sort_key
        self._tasks[generation] = workers.start(
            lambda report: query.ids(*key, progress=report),
            on_done=lambda found: self._arrived(generation, query, found),
            on_failed=lambda exc: self._failed(generation, exc))

    def _arrived(self, generation: int, query: LedgerQuery, ids: array[int]) -> None:
        self._tasks.pop(generation, None)
        if generation == self._generation:
            self._apply_keeping_view(query, ids)
            self.loading.emit(False)

    def _failed(self, generation: int, exc: BaseException) -> None:
        self._tasks.pop(generation, None)
        if generation == self._generation:
            if self._shown != generation:
                self._wanted = self._query
            self.loading.emit(False)
            self.load_failed.emit(str(exc))

    def _apply(self, query: LedgerQuery | None, ids: array[int]) -> None:
        self.beginResetModel()
        self._query = query
        self._ids = ids
        self._pages.clear()
        self.endResetModel()

    def _apply_keeping_view(self, query: LedgerQuery, ids: array[int]) -> None:
        """Show `ids`; when they only add rows after the ones shown (the rest of a list
        whose first screenfuls are on screen, or a re-read that found the same order), the
        rows are appended instead of resetting, so the scroll position, the current row
        and the selection survive."""
        shown = self._ids
        if query != self._query or len(ids) < len(shown) or ids[:len(shown)] != shown:
            self._apply(query, ids)
            return
        self._query = query
        if len(ids) == len(shown):
            self._ids = ids
        # The same ids may carry changed values (a refresh after someone else's edits).
        self._pages.clear()
        if shown:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(shown) - 1, len(COLUMNS) - 1))
        if len(ids) > len(shown):
            self.beginInsertRows(QModelIndex(), len(shown), len(ids) - 1)
            self._ids = ids
            # The last page read may hold only the rows shown so far: read it again.
            self._pages.clear()
            self.endInsertRows()

    @property
    def is_current(self) -> bool:
        """Do the rows on screen answer the newest request? True as soon as its first
        screenfuls are shown, while the rest of the list may still be read (is_loading)."""
        return self._shown == self._generation

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
        self._request(self._wanted, None)

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
        if role == Qt.ItemDataRole.EditRole:
            return edit_text(row, key) if key in EDITABLE_KEYS else self._display(row, key)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, key)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if key in DATE_COLUMNS or key in ("status", "age_bucket"):
                return int(Qt.AlignmentFlag.AlignCenter)
            if key == "age_months" or key in PROMISE_COLUMNS:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        if role == Qt.ItemDataRole.ForegroundRole and key == "status":
            return _STATUS_COLOUR.get(row.status)
        if role == Qt.ItemDataRole.ForegroundRole and key in ("promise_missed",
                                                              "promise_missed_days"):
            return _STATUS_COLOUR[Status.OPEN]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        key = COLUMNS[index.column()].key
        if key in EDITABLE_KEYS and self._editor is not None and self._may_edit is not None:
            row = self.row_at(index.row())
            if row is not None and self._may_edit(key, row.department or None):
                return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Write an edit through the editor (services.cases.update_case); a refused value
        writes nothing, keeps the old one on screen and says why (`edit_refused`)."""
        if role != Qt.ItemDataRole.EditRole or not self.flags(index) & \
                Qt.ItemFlag.ItemIsEditable or self._editor is None:
            return False
        row = self.row_at(index.row())
        key = COLUMNS[index.column()].key
        text = "" if value is None else str(value).strip()
        if row is None or text == edit_text(row, key):
            return False
        refused = self._editor(row, {key: text})
        if refused is not None:
            self.edit_refused.emit(refused, index.row(), index.column())
            return False
        self.refresh_case(row.id)
        return True

    # --- cell values --------------------------------------------------------------------

    def _native(self, row: LedgerRow, key: str) -> Any:
        if key == "age_months":
            return age_months(row.filing_date, self._reference)
        if key == "age_bucket":  # sorts by the bucket's lower bound, as the SQL does
            return DEFAULT_AGE_BUCKETS.bucket_for(row.filing_date, self._reference).min_months
        if key in PROMISE_COLUMNS:
            # Blank, not 0, for none, as the SQL sorts them (last in both directions): the
            # column is read for the cases that stand out.
            return getattr(row, key) or ""
        value = getattr(row, key)
        return "" if value is None else value

    def _display(self, row: LedgerRow, key: str) -> str:
        if key == "status":
            return _tr(STATUS_TEXT.get(row.status, row.status))
        if key == "age_bucket":
            bucket = DEFAULT_AGE_BUCKETS.bucket_for(row.filing_date, self._reference)
            return _tr(AGE_BUCKET_TEXT.get(bucket.key, bucket.label))
        if key == "reason_category":
            category = REASON_BY_KEY.get(row.reason_category)
            return category.label if category else row.reason_category
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
        if key in PROMISE_COLUMNS and (row.promise_missed or row.promise_moved):
            return i18n.arg(QCoreApplication.translate(
                "LedgerModel", "Promised close dates missed %1 times by %2 days in total; "
                "moved %3 times by %4 days"), row.promise_missed, row.promise_missed_days,
                row.promise_moved, row.promise_moved_days)
        if key == "status" and row.status == Status.CLOSED and row.closed_date:
            return i18n.arg(QCoreApplication.translate("LedgerModel", "Closed on %1"),
                            row.closed_date.isoformat())
        return None


_ROLES = frozenset({
    Qt.ItemDataRole.DisplayRole, SORT_ROLE, ROW_ROLE, Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.ForegroundRole,
    Qt.ItemDataRole.EditRole,
})

