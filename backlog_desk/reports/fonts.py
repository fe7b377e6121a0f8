"""The CJK font of printed reports: WenQuanYi Micro Hei, shipped in resources/fonts/.

A TrueType-outline font embedded as a subset is the only way a PDF shows the same glyphs on
every court PC and gives `pdftotext` the Chinese text back: reportlab's STSong-Light CID font
is never embedded (its look depends on the reader), Noto CJK is CFF and reportlab cannot
embed it (shared/TECH.md §4). The font is found next to the code, never downloaded: court PCs
are offline.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from reportlab.graphics.shapes import STATE_DEFAULTS
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_NAME = "WQYMicroHei"
FONT_FILE = "wqy-microhei.ttc"
# The Debian package's copy, used only when the shipped one is missing (a stripped install).
_SYSTEM_COPY = Path("/usr/share/fonts/truetype/wqy") / FONT_FILE


class FontMissing(RuntimeError):
    """No copy of the report font could be found."""


def _candidates() -> list[Path]:
    here = Path(__file__).resolve()
    found: list[Path] = []
    override = os.environ.get("BACKLOG_DESK_REPORT_FONT")
    if override:
        found.append(Path(override))
    # PyInstaller unpacks data files under sys._MEIPASS; keep the same relative layout there.
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        found.append(Path(bundle) / "resources" / "fonts" / FONT_FILE)
    # An installed wheel (pyproject.toml maps resources/ to backlog_desk/_data/resources).
    found.append(here.parents[1] / "_data" / "resources" / "fonts" / FONT_FILE)
    found.append(here.parents[2] / "resources" / "fonts" / FONT_FILE)  # source checkout
    found.append(_SYSTEM_COPY)
    return found


def font_path() -> Path:
    for path in _candidates():
        if path.is_file():
            return path
    tried = ", ".join(str(p) for p in _candidates())
    raise FontMissing(f"the report font {FONT_FILE} was not found (looked in {tried})")


def register_font() -> str:
    """Register the font once per process (parsing the 5 MB file costs ~0.1 s) and return the
    name to use in styles. Bold and italic map to the same face: the font has no bold, and a
    synthetic bold would not survive text extraction unchanged."""
    if FONT_NAME not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT_NAME, str(font_path()), subfontIndex=0))
        for bold in (0, 1):
            for italic in (0, 1):
                addMapping(FONT_NAME, bold, italic, FONT_NAME)
        # reportlab.graphics starts every drawing (charts, the QR code) by selecting its
        # default font, Helvetica, which would put a non-embedded font into the PDF even
        # though no text uses it.
        STATE_DEFAULTS["fontName"] = FONT_NAME
    return FONT_NAME
