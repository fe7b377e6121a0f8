"""Refresh the catalogues from the code, fill in translations, compile.

    .venv/bin/python i18n/update.py

1. pyside6-lupdate extracts every tr()/translate() string of backlog_desk/ui and app.py;
2. Chinese translations are taken from `i18n/pending/*.tsv` (context TAB source TAB
   translation, one per line) where the catalogue has none yet; English is the identity;
3. pyside6-lupdate runs again to restore its own file layout, then pyside6-lrelease compiles.

Entries still unfinished afterwards are listed and the exit status is 1.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent
SOURCES = [str(ROOT / "backlog_desk" / "app.py"), str(ROOT / "backlog_desk" / "ui")]
CATALOGUES = {"zh_CN": HERE / "backlog_desk_zh_CN.ts", "en": HERE / "backlog_desk_en.ts"}


def lupdate() -> None:
    for lang, ts in CATALOGUES.items():
        subprocess.run([str(BIN / "pyside6-lupdate"), "-extensions", "py", "-locations", "none",
                        "-no-obsolete", "-source-language", "en", "-target-language", lang,
                        *SOURCES, "-ts", str(ts)], check=True, capture_output=True)


def pending() -> dict[tuple[str, str], str]:
    found: dict[tuple[str, str], str] = {}
    for tsv in sorted((HERE / "pending").glob("*.tsv")):
        for number, line in enumerate(tsv.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            parts = line.split("\t")
            if len(parts) != 3:
                sys.exit(f"{tsv.name}:{number}: expected context<TAB>source<TAB>translation")
            context, source, text = parts
            found[(context, source.replace("\\n", "\n"))] = text.replace("\\n", "\n")
    return found


def fill(ts: Path, translate: dict[tuple[str, str], str] | None) -> list[str]:
    tree = ET.parse(ts)
    missing = []
    for context in tree.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            target = message.find("translation")
            assert target is not None
            if translate is None:
                text: str | None = source
            elif target.get("type") == "unfinished":
                text = translate.get((name, source))
                if text is None:
                    missing.append(f"{name}\t{source}")
                    continue
            else:
                continue
            _set(message, target, text)
            target.attrib.pop("type", None)
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    return missing


def _set(message: ET.Element, target: ET.Element, text: str | None) -> None:
    # A tr(..., n) message (%n) holds one <numerusform> per plural form of the language:
    # Chinese has one, English two (the identity fills both with the source).
    if message.get("numerus") == "yes":
        forms = target.findall("numerusform") or [ET.SubElement(target, "numerusform")]
        for form in forms:
            form.text = text
    else:
        target.text = text


def main() -> int:
    lupdate()
    missing = fill(CATALOGUES["zh_CN"], pending())
    fill(CATALOGUES["en"], None)
    lupdate()
    subprocess.run([str(BIN / "pyside6-lrelease"), *map(str, CATALOGUES.values())], check=True,
                   capture_output=True)
    for entry in missing:
        print(f"untranslated: {entry}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
