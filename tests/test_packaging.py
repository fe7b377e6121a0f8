"""The app's wheel carries the translations, the icon and the report font, and an app
installed from it (no source checkout) finds them.

The repository keeps `i18n/` and `resources/` at its top level; pyproject.toml maps them into
the wheel as `backlog_desk/_data/`. This builds the wheel from a clean copy of the source
(no build folders left in the working tree), installs it into a fresh virtual environment
and asks the installed code where its catalogue, font and icon are. Offline: the build uses
this environment's setuptools (the test extra pins one new enough), the install --no-index.
"""

from __future__ import annotations

import json
import os
import shutil
import site
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SETUPTOOLS_FLOOR = (77, 0)

PROBE = """
import json, pathlib
import backlog_desk
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication
from backlog_desk.app import stylesheet
from backlog_desk.reports.fonts import font_path, register_font
from backlog_desk.ui import i18n
app = QApplication([])
language = i18n.install("zh_CN")
print(json.dumps({
    "package": str(pathlib.Path(backlog_desk.__file__).resolve().parent),
    "catalogue": str(i18n.catalogue_path("zh_CN").resolve()),
    "loaded": [str(pathlib.Path(p).resolve()) for p in i18n.loaded_catalogues()],
    "language": language,
    "title": QCoreApplication.translate("MainWindow", "Backlog Desk"),
    "icon": str((i18n.data_dir("resources") / "icons" / "backlog-desk.svg").resolve()),
    "font": str(font_path().resolve()),
    "font_name": register_font(),
    "style": len(stylesheet()),
}))
"""


def _setuptools_version() -> tuple[int, ...]:
    import setuptools

    return tuple(int(p) for p in setuptools.__version__.split(".")[:2] if p.isdigit())


def _source_copy(dest: Path) -> Path:
    """What a wheel is built from: the project file, the package and the two data folders."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("backlog_desk", "i18n", "resources"):
        shutil.copytree(ROOT / name, dest / name, ignore=ignore)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, dest / name)
    return dest


def _venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def test_wheel_carries_data_and_installed_app_finds_it(tmp_path: Path) -> None:
    assert _setuptools_version() >= SETUPTOOLS_FLOOR, (
        "building the wheel needs setuptools>=77 (pinned in the test extra)")
    src = _source_copy(tmp_path / "src")
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-index",
                    "--no-build-isolation", "-w", str(wheels), str(src)],
                   check=True, cwd=tmp_path, capture_output=True, text=True)
    (wheel,) = wheels.glob("backlog_desk-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())

    qm = {p.name for p in (ROOT / "i18n").glob("*.qm")}
    assert {"backlog_desk_zh_CN.qm", "backlog_desk_en.qm"} <= qm
    for name in qm:
        assert f"backlog_desk/_data/i18n/{name}" in names
    assert "backlog_desk/_data/resources/fonts/wqy-microhei.ttc" in names
    assert "backlog_desk/_data/resources/icons/backlog-desk.svg" in names
    assert "backlog_desk/_data/resources/style.qss" in names
    # The package list in pyproject.toml is explicit (the data mapping needs that): every
    # subpackage of the source must be in it.
    for init in (ROOT / "backlog_desk").rglob("__init__.py"):
        assert init.relative_to(ROOT).as_posix() in names, f"{init.parent.name} not packaged"
    assert "License-Expression: LicenseRef-Proprietary" in zipfile.ZipFile(wheel).read(
        next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()

    # A fresh venv; the app's dependencies come from this environment's site-packages (a
    # .pth entry, after the venv's own), the app itself only from the wheel.
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = _venv_python(venv)
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path("
                              "'purelib'))"], check=True, capture_output=True, text=True
                             ).stdout.strip()
    (Path(purelib) / "dev-dependencies.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q",
                    "--no-deps", "--no-index", str(wheel)], check=True, capture_output=True,
                   text=True)

    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "BACKLOG_DESK_REPORT_FONT")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    out = subprocess.run([str(python), "-c", PROBE], check=True, capture_output=True,
                         text=True, cwd=tmp_path, env=env).stdout
    found = json.loads(out.strip().splitlines()[-1])
    package = Path(found["package"])
    assert package == Path(purelib).resolve() / "backlog_desk"  # the installed copy
    data = package / "_data"
    assert Path(found["catalogue"]) == data / "i18n" / "backlog_desk_zh_CN.qm"
    assert found["loaded"] and found["loaded"][0] == found["catalogue"]
    assert (found["language"], found["title"]) == ("zh_CN", "积案清结台账")
    assert Path(found["icon"]) == data / "resources" / "icons" / "backlog-desk.svg"
    assert Path(found["font"]) == data / "resources" / "fonts" / "wqy-microhei.ttc"
    assert found["font_name"]
    assert found["style"] > 0  # resources/style.qss travelled too


@pytest.mark.parametrize("name", ["i18n", "resources"])
def test_source_checkout_keeps_data_at_top_level(name: str) -> None:
    # The design card's layout: the folders stay at the repository top, not in the package.
    assert (ROOT / name).is_dir()
    assert not (ROOT / "backlog_desk" / "_data").exists()
