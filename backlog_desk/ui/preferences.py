"""Edit → Preferences: the user-interface language, remembered in QSettings.

The new language takes effect at the next start: the window, its pages and their models are
built with the strings of one language, and rebuilding them all live would reopen the
ledger anyway. The dialog says so.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget

from . import i18n

LANGUAGE_KEY = "language"

#: Each language named in itself, so a user lost in the other one still finds theirs.
LANGUAGE_NAMES = {"zh_CN": "简体中文", "en": "English"}


def saved_language(settings: QSettings) -> str:
    value = str(settings.value(LANGUAGE_KEY, i18n.DEFAULT_LANGUAGE))
    return value if value in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE


class PreferencesDialog(QDialog):
    def __init__(self, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setObjectName("preferences")
        self.setWindowTitle(self.tr("Preferences"))
        form = QFormLayout(self)
        self.language_combo = QComboBox(self)
        self.language_combo.setObjectName("language")
        for code in i18n.LANGUAGES:
            self.language_combo.addItem(LANGUAGE_NAMES.get(code, code), code)
        self.language_combo.setCurrentIndex(
            self.language_combo.findData(saved_language(settings)))
        form.addRow(self.tr("Language / 语言:"), self.language_combo)
        self.note = QLabel(self)
        self.note.setObjectName("note")
        self.note.setWordWrap(True)
        form.addRow(self.note)
        self.language_combo.currentIndexChanged.connect(self._changed)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self._changed()

    @property
    def language(self) -> str:
        return str(self.language_combo.currentData())

    def _changed(self) -> None:
        pending = self.language != i18n.current_language()
        self.note.setText(self.tr("The new language is used from the next start of "
                                  "Backlog Desk.") if pending else "")

    def accept(self) -> None:
        self.settings.setValue(LANGUAGE_KEY, self.language)
        self.settings.sync()
        super().accept()
