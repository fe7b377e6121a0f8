"""UI language: our Qt Linguist catalogue plus Qt's own strings, Chinese by default.

Source strings are English (`self.tr(...)`, `QCoreApplication.translate(...)`); the zh_CN
catalogue gives the Chinese every court user sees. Dates are never formatted by locale
guesses: ISO (2023-03-30) in tables, 2023年3月30日 in Chinese prose.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from backlog_desk.domain.dates import format_date_cn, format_date_iso

LANGUAGES: tuple[str, ...] = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"
CATALOGUE = "backlog_desk"

# Qt does not own installed translators: without a Python reference they are garbage
# collected and translation silently stops (Vorta's i18n/__init__.py learned the same).
_translators: list[QTranslator] = []
_language = DEFAULT_LANGUAGE


def data_dir(name: str) -> Path:
    """A data folder (`i18n`, `resources`): in a PyInstaller bundle its root, else in an
    installed wheel's `backlog_desk/_data/` (pyproject.toml maps them there), else the source
    tree's top level, where the repository keeps them."""
    package = Path(__file__).resolve().parents[1]
    candidates = [package / "_data" / name, package.parent / name]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:
        candidates.insert(0, Path(bundle) / name)
    return next((c for c in candidates if c.is_dir()), candidates[-1])


def catalogue_path(language: str) -> Path:
    return data_dir("i18n") / f"{CATALOGUE}_{language}.qm"


def current_language() -> str:
    return _language


def install(language: str | None = None) -> str:
    """Install the translators for `language` (zh_CN if None or unknown) on the running
    application, replacing earlier ones. Returns the language in effect.

    A missing .qm file is not fatal: the UI then shows the English source strings, which is
    better than refusing to start on a PC where a packager forgot the catalogue.
    """
    global _language
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("create the QApplication before installing translations")
    lang = language if language in LANGUAGES else DEFAULT_LANGUAGE
    for old in _translators:
        app.removeTranslator(old)
    _translators.clear()
    ours = QTranslator()
    if ours.load(str(catalogue_path(lang))):
        app.installTranslator(ours)
        _translators.append(ours)
    # Qt's own strings (dialog buttons, context menus) come from qtbase_<lang>.qm, which the
    # PySide6 wheel ships; there is none for English, the source language.
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt_base = QTranslator()
    if lang != "en" and qt_base.load(f"qtbase_{lang}", qt_dir):
        app.installTranslator(qt_base)
        _translators.append(qt_base)
    # Number formatting and Qt's built-in dialogs follow the app's language, not the OS's.
    QLocale.setDefault(QLocale(lang))
    _language = lang
    return lang


def loaded_catalogues() -> list[str]:
    """File paths of the installed translators (for tests and the About box)."""
    return [t.filePath() for t in _translators]


def format_date(d: dt.date | None) -> str:
    """A date in running text: 2023年3月30日 in Chinese, 2023-03-30 otherwise; "" for None."""
    if d is None:
        return ""
    return format_date_cn(d) if _language == "zh_CN" else format_date_iso(d)


_PLACEHOLDER = re.compile(r"%([1-9])")


def arg(template: str, *values: object) -> str:
    """Fill Qt-style %1…%9 placeholders in one pass, like QString::arg, so a value that
    itself contains "%2" (a rate such as "95%") is never substituted again."""
    return _PLACEHOLDER.sub(
        lambda m: str(values[int(m[1]) - 1]) if int(m[1]) <= len(values) else m[0], template)
