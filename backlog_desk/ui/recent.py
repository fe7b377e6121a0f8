"""The ledgers opened lately (File > Open recent) and the one to open on the next start."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMenu

RECENT_KEY = "recent_databases"
LAST_KEY = "last_database"
RECENT_MAX = 8


def recent(settings: QSettings) -> list[str]:
    value = settings.value(RECENT_KEY, [])
    # QSettings hands back a bare string for a one-item list in some formats.
    items = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    return [str(v) for v in items if v]


def remember(settings: QSettings, target: str) -> None:
    """Put `target` first in the list and open it on the next start."""
    items = [target] + [t for t in recent(settings) if t != target]
    settings.setValue(RECENT_KEY, items[:RECENT_MAX])
    settings.setValue(LAST_KEY, target)


def fill_menu(menu: QMenu, settings: QSettings, open_target: Callable[[str], object],
              none_text: str) -> None:
    menu.clear()
    for target in recent(settings):
        action = menu.addAction(target)
        action.triggered.connect(lambda _checked=False, t=target: open_target(t))
    if menu.isEmpty():
        menu.addAction(none_text).setEnabled(False)
