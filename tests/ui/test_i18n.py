"""Translations: every UI string is in the Chinese catalogue, finished, and compiled."""

from __future__ import annotations

import ast
import datetime as dt
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from backlog_desk.ui import i18n

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [ROOT / "backlog_desk" / "app.py", *sorted((ROOT / "backlog_desk" / "ui").glob("*.py"))]
CATALOGUES = {lang: ROOT / "i18n" / f"backlog_desk_{lang}.ts" for lang in i18n.LANGUAGES}

Key = tuple[str, str]  # (context, source text)


def source_strings(paths: list[Path]) -> set[Key]:
    """Every self.tr("…"), QCoreApplication.translate("Ctx", "…") and
    QT_TRANSLATE_NOOP("Ctx", "…") in the code, with the context lupdate gives it (the class
    name for tr). The AST joins implicitly concatenated literals, as lupdate does."""
    found: set[Key] = set()

    def visit(node: ast.AST, cls: str) -> None:
        if isinstance(node, ast.ClassDef):
            cls = node.name
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            texts = [a.value for a in node.args if isinstance(a, ast.Constant)
                     and isinstance(a.value, str)]
            if name == "tr" and len(texts) >= 1 and cls:
                found.add((cls, texts[0]))
            elif name in ("translate", "QT_TRANSLATE_NOOP") and len(texts) >= 2:
                found.add((texts[0], texts[1]))
        for child in ast.iter_child_nodes(node):
            visit(child, cls)

    for path in paths:
        visit(ast.parse(path.read_text(encoding="utf-8")), "")
    return found


def catalogue(path: Path) -> dict[Key, tuple[str, str | None]]:
    """(context, source) -> (translation, type attribute) of a Qt Linguist .ts file."""
    out: dict[Key, tuple[str, str | None]] = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            # tr(text, "", n) messages keep one <numerusform> per plural form; Chinese has
            # one, and the first is what n = 1 shows.
            text = (translation.findtext("numerusform") if message.get("numerus") == "yes"
                    else translation.text)
            out[(name, message.findtext("source") or "")] = (text or "", translation.get("type"))
    return out


def lupdate() -> str | None:
    beside = Path(sys.executable).with_name("pyside6-lupdate")
    return str(beside) if beside.exists() else shutil.which("pyside6-lupdate")


def test_scanner_finds_the_ui_strings() -> None:
    strings = source_strings(SOURCES)
    assert ("LedgerModel", "Case number") in strings
    assert ("MainWindow", "Showing %1 of %2 cases") in strings
    assert ("HeadlinePanel", "Clearance rate") in strings
    assert len(strings) > 40


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_every_ui_string_is_translated(lang: str) -> None:
    entries = catalogue(CATALOGUES[lang])
    missing = sorted(source_strings(SOURCES) - set(entries))
    assert not missing, f"run the commands in i18n/README.md; not in {lang}: {missing}"
    unfinished = sorted(k for k, (text, kind) in entries.items() if kind or not text.strip())
    assert not unfinished, f"unfinished, vanished or obsolete in {lang}: {unfinished}"


@pytest.mark.skipif(lupdate() is None, reason="pyside6-lupdate is not installed")
def test_lupdate_sees_nothing_the_catalogue_lacks(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    subprocess.run(
        [str(lupdate()), "-silent", "-extensions", "py", "-locations", "none",
         str(ROOT / "backlog_desk" / "app.py"), str(ROOT / "backlog_desk" / "ui"),
         "-ts", str(fresh)],
        check=True, capture_output=True, timeout=120)
    extracted = set(catalogue(fresh))
    assert extracted == source_strings(SOURCES)  # our scanner agrees with Qt's tool
    assert extracted == set(catalogue(CATALOGUES["zh_CN"]))


def test_chinese_translations_keep_placeholders_and_accelerators() -> None:
    for (context, source), (text, _kind) in catalogue(CATALOGUES["zh_CN"]).items():
        where = f"{context}: {source!r} -> {text!r}"
        assert sorted(re.findall(r"%\d", source)) == sorted(re.findall(r"%\d", text)), where
        accelerator = re.search(r"&(\w)", source)
        if accelerator:
            assert f"&{accelerator[1].upper()}" in text.upper(), where
        assert source == "Backlog Desk" or text != source or not re.search("[A-Za-z]{3}", text), \
            f"left in English: {where}"


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_compiled_catalogue_matches_the_ts(lang: str) -> None:
    qm = i18n.catalogue_path(lang)
    assert qm.is_file(), "compile with pyside6-lrelease (i18n/README.md)"
    translator = QTranslator()
    assert translator.load(str(qm))
    for (context, source), (text, _kind) in catalogue(CATALOGUES[lang]).items():
        n = 1 if "%n" in source else -1
        assert translator.translate(context, source, None, n) == text, (context, source)


def test_install_switches_language_and_defaults_to_chinese(qapp: QApplication) -> None:
    assert i18n.install(None) == "zh_CN"
    assert QCoreApplication.translate("LedgerModel", "Filing date") == "立案日期"
    assert QLocale().name() == "zh_CN"
    assert i18n.install("en") == "en"
    assert QCoreApplication.translate("LedgerModel", "Filing date") == "Filing date"
    assert i18n.install("fr") == "zh_CN"  # unknown languages fall back to the default
    assert any(p.endswith("backlog_desk_zh_CN.qm") for p in i18n.loaded_catalogues())


def test_qt_own_strings_are_chinese_when_available(qapp: QApplication) -> None:
    i18n.install("zh_CN")
    loaded = [Path(p).name for p in i18n.loaded_catalogues()]
    if "qtbase_zh_CN.qm" not in loaded:
        pytest.skip("this PySide6 build ships no qtbase_zh_CN.qm")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"


def test_dates_are_never_locale_guesses() -> None:
    day = dt.date(2023, 3, 30)
    i18n.install("zh_CN")
    assert i18n.format_date(day) == "2023年3月30日"
    i18n.install("en")
    assert i18n.format_date(day) == "2023-03-30"
    assert i18n.format_date(None) == ""


def test_arg_fills_placeholders_once() -> None:
    assert i18n.arg("显示 %1 件 / 共 %2 件", "1,000", "3,240") == "显示 1,000 件 / 共 3,240 件"
    # A value containing "%2" is not substituted again, as QString::arg promises.
    assert i18n.arg("%1 (%2)", "95%2", "x") == "95%2 (x)"
    assert i18n.arg("%1 and %3", "a") == "a and %3"
