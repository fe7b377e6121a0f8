#!/usr/bin/env bash
# Smoke test of the .deb built by build-linux.sh, on this (Debian-family, x86_64) machine, as root:
#
#   bash installer/smoke-test-linux.sh [/tmp/backlog-desk-build/backlog-desk_<ver>_amd64.deb]
#
# installs it with dpkg, runs CLI commands and the window (offscreen) from the installed
# bundle, opens a schema-version-1 ledger with the installed app (it must be upgraded after a
# backup in <name>.backups/), then removes the package with dpkg -r. Exit 0 only if all pass.
# The version-1 file is made with the build venv's copy of the app (OUT/venv), the way
# tests/store/test_database.py::_make_v1 does.
# It also prints the bundle's glibc floor (installer/glibc_floor.py on the installed files: the
# oldest glibc it runs on, the files that set it); GLIBC_MAX=2.28 makes a higher floor fail.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
OUT=${OUT:-/tmp/backlog-desk-build}
DEB=${1:-$(ls -t "$OUT"/backlog-desk_*_amd64.deb | head -1)}
PY=${PY:-$OUT/venv/bin/python}
T=$(mktemp -d /tmp/backlog-desk-smoke.XXXXXX)
export HOME="$T/home" XDG_CONFIG_HOME="$T/home/.config" XDG_DATA_HOME="$T/home/.local/share"
mkdir -p "$HOME"
started=$(date +%s)
step() { echo "=== $* ($(( $(date +%s) - started )) s)"; }
fail() { echo "FAIL: $*" >&2; exit 1; }

step "dpkg -i $(basename "$DEB")"
dpkg -i "$DEB" >/dev/null

step "glibc floor of the installed files"
# The installed tree is the .deb's files (scanning the .deb itself works too, but unpacks
# 240 MiB of xz first: ~30 s instead of ~1 s).
floor_args=(); [ -n "${GLIBC_MAX:-}" ] && floor_args=(--fail-above "$GLIBC_MAX")
python3 "$HERE/glibc_floor.py" /opt/backlog-desk --top 4 "${floor_args[@]}" ||
  { dpkg -r backlog-desk >/dev/null; fail "glibc floor (GLIBC_MAX=${GLIBC_MAX:-unset})"; }
[ "$(readlink -f /usr/bin/backlog-desk-cli)" = /opt/backlog-desk/backlog-desk-cli ] || fail "symlink"
desktop-file-validate /usr/share/applications/backlog-desk.desktop 2>/dev/null || true
grep -q '^Name=积案清结台账' /usr/share/applications/backlog-desk.desktop || fail ".desktop name"

step "CLI: demo + stats"
/usr/bin/time -f "demo: %e s, %M KiB" backlog-desk-cli demo "$T/x.db" --scale 200 --json > "$T/demo.json"
python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$T/demo.json" || fail "demo --json"
/usr/bin/time -f "stats: %e s" backlog-desk-cli stats "$T/x.db" --json > "$T/stats.json"
python3 - "$T/stats.json" <<'PY' || fail "stats --json"
import json, sys
doc = json.load(open(sys.argv[1]))
assert "error" not in doc, doc
print("stats keys:", ", ".join(sorted(doc))[:200])
PY
step "CLI: every PDF report (bundled CJK font), deadlines, check"
dept=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['departments'][0]['name'])" "$T/stats.json")
for kind in bulletin committee ledger superior acceptance; do
  extra=(); [ $kind = acceptance ] && extra=(--department "$dept")
  backlog-desk-cli report $kind "$T/x.db" --out "$T/$kind.pdf" "${extra[@]}" --json > /dev/null \
    || fail "report $kind"
  head -c 5 "$T/$kind.pdf" | grep -q '%PDF-' || fail "report $kind"
  if command -v pdffonts >/dev/null; then pdffonts "$T/$kind.pdf" | grep -q WenQuanYiMicroHei || fail "font"; pdffonts "$T/$kind.pdf" | awk 'NR>2 && $(NF-4)!="yes"{exit 1}' || fail "non-embedded font in $kind"; fi
done
backlog-desk-cli deadlines "$T/x.db" --json > /dev/null || fail deadlines
backlog-desk-cli check "$T/x.db" --json > /dev/null || fail check
backlog-desk-cli verify-report "$T/bulletin.pdf" "$T/x.db" --json > /dev/null || fail verify-report
step "CLI: a signed package sets up a department's ledger (cryptography)"
backlog-desk-cli export-package "$T/x.db" --to "$dept" --out "$T/pkg.db" --json > /dev/null \
  || fail "export-package"
backlog-desk-cli apply-package "$T/dept.db" "$T/pkg.db" --json > /dev/null || fail "apply-package"
backlog-desk-cli check "$T/dept.db" --json > /dev/null || fail "check of the department's ledger"
step "CLI: xlsx export (xlsxwriter) and import --dry-run (calamine)"
backlog-desk-cli demo "$T/y.db" --scale 100 --export-xlsx "$T/cases.xlsx" --messy --json > /dev/null || fail "export"
backlog-desk-cli import-cases "$T/x.db" "$T/cases.xlsx" --dry-run --errors "$T/errors.xlsx" --json > "$T/import.json"
python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$T/import.json" || fail "import --json"

gui() {  # gui DB LOG: the window offscreen for 6 s; it must still be running when stopped
  set +e
  QT_QPA_PLATFORM=offscreen timeout 6 backlog-desk "$1" > "$2.out" 2> "$2"
  local rc=$?
  set -e
  [ "$rc" = 124 ] || { cat "$2" >&2; fail "window exited early with code $rc"; }
  # Qt's offscreen plugin notes it cannot do window-manager hints; anything else is an error.
  if grep -v -e 'propagateSizeHints' -e '^$' "$2"; then fail "stderr of the window (above)"; fi
  echo "window up for 6 s, stderr clean"
}
step "window offscreen on the demo ledger"
gui "$T/x.db" "$T/gui.err"

step "upgrade: a schema-version-1 ledger opened by the installed app"
make_v1() {
  "$PY" - "$1" <<'PY'
import sys
from sqlalchemy import create_engine, text
from backlog_desk.store.database import migrate
engine = create_engine(f"sqlite:///{sys.argv[1]}")
with engine.begin() as conn:
    migrate(conn, 0, 1)
    conn.execute(text("INSERT INTO court (name, code) VALUES ('二道区人民法院', '吉0105')"))
    conn.execute(text(
        "INSERT INTO cases (uuid, case_number, case_number_raw, year, court_code, type_code,"
        " family, title, cause, filing_date, procedure, reason_category, reason, measures,"
        " status, close_manner, committee_decision, supervision_level, notes, source,"
        " created_at, updated_at, row_version) VALUES ('u-1', '（2021）吉0105民初1号',"
        " '(2021)吉0105民初1号', 2021, '吉0105', '民初', 'civil', '张三诉李四', '', "
        " '2021-03-05', '', '', '', '', 'open', '', '', '', '', 'import',"
        " '2021-03-05 00:00:00.000000', '2021-03-05 00:00:00.000000', 1)"))
engine.dispose()
PY
}
version() { python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"SELECT value FROM app_meta WHERE key='schema_version'\").fetchone()[0])" "$1"; }
latest=$("$PY" -c "from backlog_desk.store.migrations import LATEST_VERSION; print(LATEST_VERSION)")
for how in cli window; do
  db="$T/old-$how.db"
  make_v1 "$db"
  [ "$(version "$db")" = 1 ] || fail "v1 file"
  if [ $how = cli ]; then
    backlog-desk-cli list "$db" --json > "$T/old-list.json" || fail "list on v1"
    grep -q '吉0105民初1号' "$T/old-list.json" || fail "the v1 case is not listed"
  else
    gui "$db" "$T/gui-old.err"
  fi
  [ "$(version "$db")" = "$latest" ] || fail "$how: not upgraded ($(version "$db"))"
  backup=$(ls "$T/old-$how.backups/"* 2>/dev/null | head -1)
  [ -n "$backup" ] || fail "$how: no backup in old-$how.backups/"
  [ "$(version "$backup")" = 1 ] || fail "$how: backup is not the v1 file"
  echo "$how: schema 1 -> $latest, backup $(basename "$backup") (schema 1)"
done
backlog-desk-cli check "$T/old-cli.db" --json > /dev/null || fail "check after upgrade"

step "dpkg -r"
dpkg -r backlog-desk >/dev/null
[ ! -e /opt/backlog-desk ] && [ ! -e /usr/bin/backlog-desk ] && [ ! -e /usr/bin/backlog-desk-cli ] \
  && [ ! -e /usr/share/applications/backlog-desk.desktop ] || fail "files left after dpkg -r"
rm -rf "$T"
step "all passed"
