#!/usr/bin/env bash
# Backlog Desk (积案清结台账): offline wheelhouse for Linux x86_64 (manylinux) and Windows
# (win_amd64), CPython 3.11: the app's own wheel plus every wheel it needs, in one folder.
#
#   bash installer/build-wheelhouse.sh       # -> $OUT/wheelhouse/ and $OUT/wheelhouse.tar
#
# On the offline PC (Python 3.11 installed; Windows: `py -3.11 -m venv …`):
#   python3.11 -m venv ~/backlog-desk-venv
#   ~/backlog-desk-venv/bin/pip install --no-index --find-links wheelhouse backlog-desk
#   (add [postgres] for postgresql:// ledgers: 'backlog-desk[postgres]')
#
# Then checks it: a new venv installs from the folder alone inside a network namespace with
# no network (unshare -n, as root; otherwise --no-index only), and runs the CLI.
# Environment: OUT (default /tmp/backlog-desk-wheelhouse), PYTHON (default python3.11),
#   LINUX_GLIBC (default 34: manylinux wheels for glibc <= 2.34; PySide6 6.11.3 needs 2.34).
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
OUT=${OUT:-/tmp/backlog-desk-wheelhouse}
PYTHON=${PYTHON:-python3.11}
LINUX_GLIBC=${LINUX_GLIBC:-34}
# pip download --platform does not widen a manylinux tag to the older ones: list them all.
linux_platforms=(--platform manylinux2014_x86_64 --platform manylinux2010_x86_64 --platform manylinux1_x86_64)
for m in $(seq "$LINUX_GLIBC" -1 5); do linux_platforms+=(--platform "manylinux_2_${m}_x86_64"); done
WH="$OUT/wheelhouse"
started=$(date +%s)
step() { echo "=== $* ($(( $(date +%s) - started )) s)"; }
VERSION=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$REPO/backlog_desk/__init__.py")

rm -rf "$OUT/src" "$WH" "$OUT/check"
mkdir -p "$OUT/src" "$WH"
"$PYTHON" -m venv "$OUT/tools" && "$OUT/tools/bin/python" -m pip install -q --upgrade pip packaging
PIP=("$OUT/tools/bin/python" -m pip)

step "the app's wheel (translations, icon and report font inside the package)"
# pyproject.toml maps the top-level i18n/ and resources/ into the wheel as
# backlog_desk/_data/ (where ui/i18n.py data_dir and reports/fonts.py look first), so the
# clean copy of the source needs them beside the package.
cp -a "$REPO/pyproject.toml" "$REPO/README.md" "$REPO/backlog_desk" "$REPO/i18n" "$REPO/resources" \
  "$OUT/src/"
find "$OUT/src" -name __pycache__ -prune -exec rm -rf {} +
"${PIP[@]}" wheel -q --no-deps --wheel-dir "$WH" "$OUT/src"
APP_WHEEL=$(ls "$WH"/backlog_desk-"$VERSION"-*.whl)
"$OUT/tools/bin/python" - "$APP_WHEEL" <<'PY'
import sys, zipfile
names = zipfile.ZipFile(sys.argv[1]).namelist()
for need in ("backlog_desk/_data/i18n/backlog_desk_zh_CN.qm",
             "backlog_desk/_data/resources/icons/backlog-desk.svg",
             "backlog_desk/_data/resources/fonts/wqy-microhei.ttc"):
    assert need in names, f"{need} missing from the wheel"
PY

step "dependencies for Linux (manylinux, glibc <= 2.$LINUX_GLIBC) and Windows (win_amd64), CPython 3.11"
for plat in linux win; do
  if [ $plat = linux ]; then platforms=("${linux_platforms[@]}"); else platforms=(--platform win_amd64); fi
  "${PIP[@]}" download -q --dest "$WH" --find-links "$WH" --only-binary=:all: \
    "${platforms[@]}" --python-version 3.11 --implementation cp --abi cp311 --abi abi3 --abi none \
    "backlog-desk[postgres]==$VERSION"
done
# pip download evaluates environment markers for THIS machine (Linux), so a Windows-only
# dependency (e.g. tzdata for psycopg, colorama) would be missed: follow every wheel's
# Requires-Dist with Windows markers and fetch what is missing, until nothing is.
for round in 1 2 3 4 5; do
  missing=$("$OUT/tools/bin/python" - "$WH" <<'PY'
import sys, zipfile, pathlib
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name, parse_wheel_filename
from email.parser import Parser
wh = pathlib.Path(sys.argv[1])
have = {}
for w in wh.glob("*.whl"):
    name, _, _, tags = parse_wheel_filename(w.name)
    have.setdefault(canonicalize_name(name), []).append((w, tags))
env = {"sys_platform": "win32", "platform_system": "Windows", "os_name": "nt",
       "platform_machine": "AMD64", "python_version": "3.11", "python_full_version": "3.11.9",
       "implementation_name": "cpython", "platform_python_implementation": "CPython"}
out = set()
for name, files in have.items():
    for w, tags in files:
        if not any(t.platform in ("any", "win_amd64") for t in tags):
            continue
        with zipfile.ZipFile(w) as z:
            meta = next(n for n in z.namelist() if n.endswith(".dist-info/METADATA"))
            msg = Parser().parsestr(z.read(meta).decode())
        extras = ["postgres", "binary"] if name in ("backlog-desk", "psycopg") else [""]
        for line in msg.get_all("Requires-Dist") or []:
            req = Requirement(line)
            if req.marker and not any(req.marker.evaluate({**env, "extra": e}) for e in extras):
                continue
            dep = canonicalize_name(req.name)
            ok = any(any(t.platform in ("any", "win_amd64") for t in tg) for _, tg in have.get(dep, []))
            if not ok:
                out.add(str(req).split(";")[0])
print("\n".join(sorted(out)))
PY
)
  [ -z "$missing" ] && break
  echo "Windows-only requirements: $missing"
  # shellcheck disable=SC2086
  "${PIP[@]}" download -q --dest "$WH" --only-binary=:all: --platform win_amd64 \
    --python-version 3.11 --implementation cp --abi cp311 --abi abi3 --abi none $missing
done
[ -z "$missing" ] || { echo "still missing for Windows: $missing" >&2; exit 1; }
tar -C "$OUT" -cf "$OUT/wheelhouse.tar" wheelhouse
# Windows: resolve the same install from the folder alone for win_amd64 (dry run).
"${PIP[@]}" install -q --isolated --dry-run --no-index --find-links "$WH" --only-binary=:all: \
  --platform win_amd64 --python-version 3.11 --implementation cp --target "$OUT/win-target" \
  "backlog-desk[postgres]"
echo "win_amd64: backlog-desk[postgres] resolves from the wheelhouse alone"

step "check: a new venv installs from the wheelhouse alone, no network"
"$PYTHON" -m venv "$OUT/check"
offline=(env -i PATH=/usr/bin:/bin HOME="$OUT/check" PIP_CONFIG_FILE=/dev/null)
if [ "$(id -u)" = 0 ] && unshare -n true 2>/dev/null; then
  offline=(unshare -n "${offline[@]}"); echo "(inside unshare -n: no network interface but lo)"
fi
"${offline[@]}" "$OUT/check/bin/pip" install -q --isolated --no-index --find-links "$WH" backlog-desk
"${offline[@]}" "$OUT/check/bin/backlog-desk-cli" demo "$OUT/check/x.db" --scale 200 --json > "$OUT/check/demo.json"
"${offline[@]}" "$OUT/check/bin/backlog-desk-cli" stats "$OUT/check/x.db" --json > "$OUT/check/stats.json"
"${offline[@]}" "$OUT/check/bin/backlog-desk-cli" report bulletin "$OUT/check/x.db" --out "$OUT/check/b.pdf" --json > /dev/null
cd "$OUT/check"  # not the checkout: `python -` puts the working directory first on sys.path
"${offline[@]}" env QT_QPA_PLATFORM=offscreen "$OUT/check/bin/python" - <<'PY'
from backlog_desk.reports.fonts import font_path
from backlog_desk.ui import i18n
import backlog_desk, pathlib
pkg = pathlib.Path(backlog_desk.__file__).parent
assert font_path().is_relative_to(pkg), font_path()
assert i18n.catalogue_path("zh_CN").is_file() and i18n.catalogue_path("zh_CN").is_relative_to(pkg)
from PySide6.QtWidgets import QApplication
app = QApplication([])
assert i18n.install("zh_CN") == "zh_CN" and i18n.loaded_catalogues(), "no catalogue loaded"
print("font and catalogue found inside the installed package:", pkg)
PY

step "done"
echo "wheelhouse: $WH  $(du -sm "$WH" | cut -f1) MiB, $(ls "$WH" | wc -l) wheels"
ls "$WH"
