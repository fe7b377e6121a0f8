"""`backlog-desk [DB] [--lang zh_CN|en]`: the desktop application.

Which ledger opens: the DB argument (a file or a postgresql:// URL), else the one opened
last (remembered in QSettings), else the first-run wizard asks: a new ledger for the court
(in the per-user data folder by default) or the demo court, created there on demand.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths, Qt, QThreadPool
from PySide6.QtGui import QFontDatabase, QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from backlog_desk import __version__
from backlog_desk.ui import i18n
from backlog_desk.ui.main_window import LAST_KEY, MainWindow
from backlog_desk.ui.preferences import saved_language

ORGANIZATION = "BacklogDesk"
APPLICATION = "BacklogDesk"
DEMO_FILE = "demo.db"


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="backlog-desk", description="Backlog Desk (积案清结台账)")
    parser.add_argument("db", nargs="?", metavar="DB",
                        help="ledger database file or postgresql:// URL")
    parser.add_argument("--demo", action="store_true",
                        help="open the demo court (created on first use) instead of a ledger")
    parser.add_argument("--lang", choices=i18n.LANGUAGES, default=None,
                        help=f"user interface language (default {i18n.DEFAULT_LANGUAGE})")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    # Qt's own options (-platform, -style …) are left for QApplication.
    args, _qt_options = parser.parse_known_args(list(argv))
    return args


def app_settings() -> QSettings:
    return QSettings(ORGANIZATION, APPLICATION)


def demo_path(data_dir: Path | None = None) -> Path:
    """Where the first-start demo ledger lives: the per-user data folder
    (~/.local/share/BacklogDesk on Linux, %APPDATA%/BacklogDesk on Windows)."""
    if data_dir is None:
        location = QStandardPaths.StandardLocation.AppDataLocation
        data_dir = Path(QStandardPaths.writableLocation(location))
    return data_dir / DEMO_FILE


def remembered(settings: QSettings) -> str | None:
    """The ledger opened last, if it is still there (URLs are tried as they are)."""
    value = settings.value(LAST_KEY)
    if not value:
        return None
    text = str(value)
    if "://" in text or Path(text).is_file():
        return text
    return None


def application(argv: Sequence[str]) -> QApplication:
    """The QApplication, created once, with the names QSettings and QStandardPaths use."""
    existing = QApplication.instance()
    if not isinstance(existing, QApplication):
        # 125 % and 150 % Windows scaling: exact factors instead of rounding to 1x or 2x,
        # which made text either tiny or huge. Must be set before the application exists.
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = existing if isinstance(existing, QApplication) else QApplication(list(argv))
    # Only the application name is set: with an organisation name too, Qt would nest the
    # data folder as BacklogDesk/BacklogDesk. QSettings gets both names explicitly.
    app.setApplicationName(APPLICATION)
    app.setApplicationVersion(__version__)
    icon = i18n.data_dir("resources") / "icons" / "backlog-desk.svg"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    _chinese_font()
    app.setStyleSheet(stylesheet())
    return app


def stylesheet() -> str:
    """The application's style sheet (resources/style.qss); "" if a packager left it out."""
    path = i18n.data_dir("resources") / "style.qss"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""


def _chinese_font() -> None:
    # A bare Kylin/UOS or container install may have no CJK font at all, and Chinese would
    # show as boxes; the bundled WenQuanYi Micro Hei (also used by the PDF reports) fills in.
    writing = QFontDatabase.WritingSystem.SimplifiedChinese
    if QFontDatabase.families(writing):
        return
    font = i18n.data_dir("resources") / "fonts" / "wqy-microhei.ttc"
    if font.is_file():
        QFontDatabase.addApplicationFont(str(font))


def start(argv: Sequence[str], *, settings: QSettings | None = None,
          data_dir: Path | None = None,
          today: Callable[[], dt.date] = dt.date.today) -> MainWindow:
    """Everything `main` does before the event loop: translations, window, first ledger.

    Needs a QApplication (see `application`). Tests call this with their own settings file
    and data folder, so they never touch the user's.
    """
    args = parse_args(argv)
    settings = settings if settings is not None else app_settings()
    language = args.lang or saved_language(settings)
    i18n.install(language)
    window = MainWindow(settings, today=today, demo_path=demo_path(data_dir))
    window.show()
    target = args.db or remembered(settings)
    if args.demo:
        window.create_demo_and_open(demo_path(data_dir))
    elif target:
        window.open_database(target)
    else:
        window.run_first_run(demo_path(data_dir))
    return window


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parse_args(argv)  # --help, --version and usage errors need no display
    app = application([sys.argv[0], *argv])
    window = start(argv)
    code = app.exec()
    # A worker may still be opening or creating a file; let it finish cleanly (it was asked
    # to cancel) before the interpreter tears down the objects it reports to.
    QThreadPool.globalInstance().waitForDone()
    del window
    return code


if __name__ == "__main__":
    sys.exit(main())
