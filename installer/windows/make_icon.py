"""Make the Windows icon (.ico, 16-256 px) from resources/icons/backlog-desk.svg.

    python make_icon.py SVG OUT.ico

Run with the build venv's Python (PySide6 renders the SVG offscreen; Pillow, which reportlab
already installs, writes the multi-size .ico).
"""

import io
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image
from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QGuiApplication, QIcon

SIZES = (16, 24, 32, 48, 64, 128, 256)


def main(svg: str, out: str) -> int:
    app = QGuiApplication([])  # noqa: F841 (needed for QIcon/QPixmap)
    icon = QIcon(svg)
    if icon.isNull():
        print(f"cannot read {svg}", file=sys.stderr)
        return 1
    buf = QBuffer()
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    icon.pixmap(256, 256).toImage().save(buf, "PNG")
    image = Image.open(io.BytesIO(bytes(buf.data())))
    image.save(out, format="ICO", sizes=[(s, s) for s in SIZES])
    print(f"{out}: {os.path.getsize(out)} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
