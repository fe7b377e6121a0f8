#!/usr/bin/env bash
# Backlog Desk (积案清结台账): Linux x86_64 one-folder bundle (PyInstaller 6.22.3) and a .deb.
#
#   bash installer/build-linux.sh            # -> $OUT/backlog-desk/ and $OUT/backlog-desk_<ver>_amd64.deb
#
# Needs: python3.11 (with venv), dpkg-deb, ldd, objdump (binutils), package access (PyPI) for the build venv.
# Everything is built under $OUT (default /tmp/backlog-desk-build); the repository is only
# read (the source is copied first, so setuptools' build/ and *.egg-info never land in it).
# Environment:
#   OUT=DIR            build folder (default /tmp/backlog-desk-build)
#   PYTHON=python3.11  interpreter for the build venv
#   WITH_POSTGRES=1    also bundle psycopg[binary] (for postgresql:// ledgers; ~+10 MiB)
#   PYSIDE6_VERSION=X  bundle PySide6-Essentials/shiboken6 X instead of the version pinned in
#                      pyproject.toml (only in the build's copy of it). 6.9.3 is the last with
#                      manylinux_2_28 wheels: run on a glibc-2.28 machine for Kylin V10 / UOS 20
#                      (installer/README.md). The .deb is then named and versioned <ver>+pyside<X>.
#   GLIBC_MAX=X.Y      fail unless the bundle runs on glibc X.Y (installer/glibc_floor.py)
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
OUT=${OUT:-/tmp/backlog-desk-build}
PYTHON=${PYTHON:-python3.11}
PYINSTALLER_VERSION=6.22.3
started=$(date +%s)
step() { echo "=== $* ($(( $(date +%s) - started )) s)"; }

VERSION=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$REPO/backlog_desk/__init__.py")
[ -n "$VERSION" ] || { echo "no __version__ in backlog_desk/__init__.py" >&2; exit 1; }

step "copy the source to $OUT/src"
rm -rf "$OUT/src" "$OUT/work" "$OUT/dist" "$OUT/deb" "$OUT"/backlog-desk_*.deb
mkdir -p "$OUT/src"
cp -a "$REPO/pyproject.toml" "$REPO/README.md" "$REPO/backlog_desk" "$REPO/i18n" \
      "$REPO/resources" "$REPO/installer" "$OUT/src/"
find "$OUT/src" -name __pycache__ -prune -exec rm -rf {} +
PINNED_PYSIDE6=$(sed -n 's/^ *"PySide6-Essentials==\([^"]*\)",.*/\1/p' "$OUT/src/pyproject.toml")
[ -n "$PINNED_PYSIDE6" ] || { echo "no PySide6-Essentials pin in pyproject.toml" >&2; exit 1; }
PYSIDE6_VERSION=${PYSIDE6_VERSION:-$PINNED_PYSIDE6}
DEB_VERSION=$VERSION
if [ "$PYSIDE6_VERSION" != "$PINNED_PYSIDE6" ]; then
  # The pin is replaced in the build's copy only, so that pip never asks for the pinned
  # wheels (they do not exist for an older glibc); shiboken6 must match PySide6 exactly.
  sed -i "s/\"PySide6-Essentials==$PINNED_PYSIDE6\"/\"PySide6-Essentials==$PYSIDE6_VERSION\", \"shiboken6==$PYSIDE6_VERSION\"/" \
    "$OUT/src/pyproject.toml"
  grep -q "\"PySide6-Essentials==$PYSIDE6_VERSION\"" "$OUT/src/pyproject.toml" ||
    { echo "could not set PySide6 $PYSIDE6_VERSION in the build copy" >&2; exit 1; }
  DEB_VERSION="$VERSION+pyside$PYSIDE6_VERSION"
fi
echo "PySide6-Essentials $PYSIDE6_VERSION (pinned: $PINNED_PYSIDE6); glibc here: $(ldd --version | head -1)"

step "build venv $OUT/venv"
if [ ! -x "$OUT/venv/bin/python" ]; then
  "$PYTHON" -m venv "$OUT/venv"
  "$OUT/venv/bin/python" -m pip install -q --upgrade pip
fi
target="$OUT/src"
[ "${WITH_POSTGRES:-0}" = 1 ] && target="$OUT/src[postgres]"
"$OUT/venv/bin/python" -m pip install -q "$target" "pyinstaller==$PYINSTALLER_VERSION"
installed=$("$OUT/venv/bin/python" -c "import PySide6; print(PySide6.__version__)")
[ "$installed" = "$PYSIDE6_VERSION" ] ||
  { echo "the build venv has PySide6 $installed, not $PYSIDE6_VERSION" >&2; exit 1; }
# The bundle ships the libsqlite3 this Python links. Older ones (Debian 10: 3.27, RHEL 8: 3.26)
# reject the INSERT ... RETURNING the services use; the trigram search index needs 3.34.
"$OUT/venv/bin/python" - <<'PY'
import sqlite3, sys
if sqlite3.sqlite_version_info < (3, 35):
    sys.exit(f"this Python links SQLite {sqlite3.sqlite_version}; 3.35 or newer is needed "
             "(installer/README.md: Building for Kylin V10 / UOS 20)")
print(f"SQLite {sqlite3.sqlite_version}")
PY

step "PyInstaller $PYINSTALLER_VERSION"
(cd "$OUT" && BACKLOG_DESK_SRC="$OUT/src" "$OUT/venv/bin/pyinstaller" --noconfirm --clean \
   --log-level WARN --distpath "$OUT/dist" --workpath "$OUT/work" \
   "$OUT/src/installer/backlog-desk.spec")
BUNDLE="$OUT/dist/backlog-desk"

step "check the bundle"
# Every Qt library and plugin left after trimming must resolve its Qt dependencies inside
# the bundle; system libraries it needs are the .deb's Depends (reported, not fatal here).
missing=$(cd "$BUNDLE/_internal" && find . -name '*.so*' -type f | while read -r f; do
  LD_LIBRARY_PATH="$PWD:$PWD/PySide6/Qt/lib" ldd "$f" 2>/dev/null |
    awk -v f="$f" '/not found/ {print $1 " (needed by " f ")"}'
done | sort -u)
if echo "$missing" | grep -q 'libQt6\|libpyside\|libshiboken\|libpython'; then
  echo "bundle is missing its own libraries:" >&2; echo "$missing" >&2; exit 1
fi
[ -z "$missing" ] || { echo "system libraries not found on the build machine:"; echo "$missing"; }
for f in i18n/backlog_desk_zh_CN.qm resources/icons/backlog-desk.svg \
         resources/fonts/wqy-microhei.ttc; do
  [ -f "$BUNDLE/_internal/$f" ] || { echo "bundle lacks $f" >&2; exit 1; }
done
"$BUNDLE/backlog-desk-cli" parse-case-number "(2021)吉0105民初99号" --json >/dev/null
"$BUNDLE/backlog-desk" --version

step "assemble the .deb"
ROOT="$OUT/deb/root"
mkdir -p "$ROOT/DEBIAN" "$ROOT/opt" "$ROOT/usr/bin" "$ROOT/usr/share/applications" \
         "$ROOT/usr/share/icons/hicolor/scalable/apps" "$ROOT/usr/share/doc/backlog-desk"
cp -a "$BUNDLE" "$ROOT/opt/backlog-desk"
ln -s /opt/backlog-desk/backlog-desk "$ROOT/usr/bin/backlog-desk"
ln -s /opt/backlog-desk/backlog-desk-cli "$ROOT/usr/bin/backlog-desk-cli"
cp "$REPO/resources/icons/backlog-desk.svg" "$ROOT/usr/share/icons/hicolor/scalable/apps/"
cat > "$ROOT/usr/share/applications/backlog-desk.desktop" <<DESKTOP
[Desktop Entry]
Type=Application
Version=1.0
Name=积案清结台账
Name[zh_CN]=积案清结台账
Name[en]=Backlog Desk
GenericName=Backlog case ledger
GenericName[zh_CN]=积案清结台账
Comment=Ledger of old open court cases for backlog-clearance campaigns
Comment[zh_CN]=旧存案件清结专项行动台账
Exec=/opt/backlog-desk/backlog-desk %f
Icon=backlog-desk
Terminal=false
Categories=Office;
Keywords=court;ledger;backlog;积案;台账;清结;
StartupWMClass=backlog-desk
DESKTOP
cat > "$ROOT/usr/share/doc/backlog-desk/copyright" <<COPYRIGHT
Backlog Desk (积案清结台账) $VERSION. Proprietary.
Bundles CPython (PSF), Qt 6 / PySide6 (LGPLv3), SQLAlchemy, openpyxl, reportlab,
python-calamine, XlsxWriter, defusedxml and WenQuanYi Micro Hei (Apache-2.0, see
/opt/backlog-desk/_internal/resources/fonts/).
COPYRIGHT
size_kib=$(du -sk --exclude=DEBIAN "$ROOT" | cut -f1)
# The newest glibc symbol version any bundled file requires from the system (libpython and
# the system libraries come from the build machine; PySide6 6.11 itself needs 2.34; libstdc++
# is bundled, so GLIBCXX is no system need): the target's minimum.
"$OUT/venv/bin/python" "$OUT/src/installer/glibc_floor.py" "$BUNDLE" --json > "$OUT/glibc-floor.json"
"$OUT/venv/bin/python" "$OUT/src/installer/glibc_floor.py" "$BUNDLE" --top 4
glibc=$("$OUT/venv/bin/python" -c 'import json, sys; print(json.load(open(sys.argv[1]))["floor"]["GLIBC"] or "")' "$OUT/glibc-floor.json")
[ -n "$glibc" ] || { echo "could not read the glibc versions (objdump)" >&2; exit 1; }
echo "needs glibc >= $glibc"
if [ -n "${GLIBC_MAX:-}" ]; then
  "$OUT/venv/bin/python" "$OUT/src/installer/glibc_floor.py" "$BUNDLE" --fail-above "$GLIBC_MAX" >/dev/null ||
    { echo "the bundle needs glibc $glibc, newer than GLIBC_MAX=$GLIBC_MAX" >&2; exit 1; }
fi
# Depends: what Qt's xcb/offscreen platform plugins dlopen or link from the system
# (PyInstaller copies none of these that are missing on the build machine; TECH.md §6a).
cat > "$ROOT/DEBIAN/control" <<CONTROL
Package: backlog-desk
Version: $DEB_VERSION
Architecture: amd64
Maintainer: Backlog Desk <backlog-desk@localhost>
Installed-Size: $size_kib
Section: misc
Priority: optional
Depends: libc6 (>= $glibc), libegl1, libgl1, libfontconfig1, libfreetype6, libglib2.0-0, libdbus-1-3, libx11-6, libx11-xcb1, libxcb1, libxcb-cursor0, libxcb-icccm4, libxcb-image0, libxcb-keysyms1, libxcb-randr0, libxcb-render-util0, libxcb-render0, libxcb-shape0, libxcb-shm0, libxcb-sync1, libxcb-xfixes0, libxcb-xkb1, libxkbcommon0, libxkbcommon-x11-0
Recommends: fonts-wqy-microhei | fonts-noto-cjk
Description: Backlog Desk (积案清结台账): ledger of old open court cases
 Offline desktop application for backlog-clearance campaigns: imports the
 case system's list of open cases, freezes the campaign baseline and follows
 clearance rates per department, judge and age group. Self-contained
 (Python and Qt are bundled in /opt/backlog-desk); commands backlog-desk
 (window) and backlog-desk-cli (command line).
CONTROL
cat > "$ROOT/DEBIAN/postinst" <<'POSTINST'
#!/bin/sh
set -e
if [ "$1" = configure ]; then
  command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q /usr/share/applications || true
  command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t /usr/share/icons/hicolor || true
fi
exit 0
POSTINST
cat > "$ROOT/DEBIAN/postrm" <<'POSTRM'
#!/bin/sh
set -e
# The users' ledgers (~/.local/share/BacklogDesk, or wherever they saved them) are never removed.
if [ "$1" = remove ] || [ "$1" = purge ]; then
  command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q /usr/share/applications || true
fi
exit 0
POSTRM
chmod 0755 "$ROOT/DEBIAN/postinst" "$ROOT/DEBIAN/postrm"
DEB="$OUT/backlog-desk_${DEB_VERSION}_amd64.deb"
dpkg-deb --root-owner-group -Zxz --build "$ROOT" "$DEB" >/dev/null

step "done"
echo "bundle: $BUNDLE  $(du -sm "$BUNDLE" | cut -f1) MiB, $(find "$BUNDLE" -type f | wc -l) files"
echo "deb:    $DEB  $(( $(stat -c %s "$DEB") / 1024 / 1024 )) MiB ($(stat -c %s "$DEB") bytes)"
