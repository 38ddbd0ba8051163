#!/usr/bin/env bash
# Smoke test of the built Linux package (make smoke): install it the way an author would,
# run the installed program, and see its window appear on a real (virtual) X server.
#
#  1. As root: `dpkg -i dist/blogeditor_*.deb` (missing Depends pulled in with apt-get -f);
#     otherwise: `dpkg-deb -x` into a temporary root and run it from there.
#  2. The installed `blogeditor --version`, `--self-test` (offscreen), `posts` and `check`
#     on the shipped demo site.
#  3. The installed app under Xvfb with the xcb plugin: a window must appear; prints the
#     time to window. Offscreen alone would hide a missing xcb library.
#  4. Installed size (< 150 MB). Then the package is removed again.
# The user's folders are pointed at a temporary HOME so nothing touches real settings.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "smoke: FAIL: $*" >&2; exit 1; }
say() { echo "smoke: $*"; }

VERSION=$(sed -n 's/^version *= *"\(.*\)"/\1/p' pyproject.toml | head -n1)
DEB=$(ls -t dist/blogeditor_"${VERSION}"_*.deb 2>/dev/null | head -n1 || true)
[ -n "$DEB" ] || fail "no dist/blogeditor_${VERSION}_*.deb; run 'make package' first"
PYTHON=python3
[ -x .venv/bin/python ] && PYTHON=.venv/bin/python

WORK=$(mktemp -d -t blogeditor-smoke.XXXXXX)
INSTALLED_BY_US=0
cleanup() {
  if [ "$INSTALLED_BY_US" = 1 ]; then
    say "removing the package"
    dpkg -r blogeditor >/dev/null || echo "smoke: could not remove the package" >&2
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

export HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/home/.config" XDG_DATA_HOME="$WORK/home/.local/share"
export XDG_CACHE_HOME="$WORK/home/.cache"
unset BLOGEDITOR_DATA_DIR BLOGEDITOR_CACHE_DIR BLOGEDITOR_CONFIG_DIR BLOGEDITOR_STATE_DIR XDG_STATE_HOME
mkdir -p "$HOME"

if [ "$(id -u)" -eq 0 ] && [ "${SMOKE_UNPACK_ONLY:-0}" != 1 ]; then
  # The X tools for step 3, when missing (this target may install what it needs as root).
  if ! command -v Xvfb >/dev/null || ! command -v xwininfo >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends xvfb x11-utils
  fi
  if dpkg-query -W -f='${Status}' blogeditor 2>/dev/null | grep -q "install ok installed"; then
    fail "blogeditor is already installed system-wide; remove it first (dpkg -r blogeditor)"
  fi
  say "installing $DEB with dpkg -i"
  INSTALLED_BY_US=1
  if ! dpkg -i "$DEB"; then
    say "installing missing dependencies"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -f
  fi
  ROOT=/
  BIN=/usr/bin/blogeditor
  [ -x "$BIN" ] || fail "$BIN is not installed"
else
  ROOT="$WORK/root"
  say "not root: unpacking $DEB into $ROOT"
  dpkg-deb -x "$DEB" "$ROOT"
  # The /usr/bin wrapper points at /opt; from a temporary root we run the bundle directly.
  BIN="$ROOT/opt/blogeditor/blogeditor"
fi
OPT="${ROOT%/}/opt/blogeditor"
DEMO=$(find "$OPT" -type d -path '*/resources/demo-site' | head -n1)
[ -n "$DEMO" ] || fail "the package has no resources/demo-site"
BROKEN=$(find "$OPT" -xtype l)
[ -z "$BROKEN" ] || fail "the package has broken symlinks: $BROKEN"

say "blogeditor --version"
OUT=$("$BIN" --version) || fail "--version exited $?"
echo "  $OUT"
case "$OUT" in *"$VERSION"*) ;; *) fail "--version does not show $VERSION" ;; esac

say "blogeditor --self-test (offscreen)"
QT_QPA_PLATFORM=offscreen "$BIN" --self-test | sed 's/^/  /'
[ "${PIPESTATUS[0]}" -eq 0 ] || fail "--self-test failed"

say "blogeditor posts <installed demo site>"
"$BIN" posts "$DEMO" | sed 's/^/  /'
COUNT=$("$BIN" posts "$DEMO" --json | grep -o '"position"' | wc -l)
[ "$COUNT" -eq 8 ] || fail "posts --json listed $COUNT teasers, the demo site has 8"

say "blogeditor check <installed demo site> (must find the deliberate problem)"
set +e
CHECK=$("$BIN" check "$DEMO" 2>&1); RC=$?
set -e
echo "$CHECK" | sed 's/^/  /'
[ "$RC" -eq 1 ] || fail "check exited $RC, expected 1 (the demo site has one problem)"

say "installed app under Xvfb (xcb)"
PROBE=$("$PYTHON" packaging/xvfb_probe.py --timeout 30 -- "$BIN") || fail "no window appeared under Xvfb"
echo "$PROBE" | sed 's/^/  /'
TTW=$(echo "$PROBE" | sed -n 's/^time_to_window_s=//p')

if [ "$ROOT" = / ]; then
  SIZE_KB=$(dpkg-query -W -f='${Installed-Size}' blogeditor)
  SIZE=$((SIZE_KB * 1024))
else
  SIZE=$(du -sb "$ROOT" | cut -f1)
fi
SIZE_MB=$(awk -v s="$SIZE" 'BEGIN { printf "%.1f", s / 1000000 }')
GLIBC=$(sed -n 's/.*"glibc": "\(.*\)".*/\1/p' dist/package-report.json 2>/dev/null || true)

echo
echo "smoke: package       $(basename "$DEB") ($(du -h "$DEB" | cut -f1))"
echo "smoke: installed     ${SIZE_MB} MB (budget < 150 MB)"
echo "smoke: time to window ${TTW} s under Xvfb (budget < 2 s)"
echo "smoke: needs glibc   >= ${GLIBC:-?}"
[ "$SIZE" -lt 150000000 ] || fail "installed size ${SIZE_MB} MB is over 150 MB"
if [ "$INSTALLED_BY_US" = 1 ]; then
  say "removing the package: /opt must stay"
  dpkg -r blogeditor >/dev/null || fail "dpkg -r blogeditor failed"
  INSTALLED_BY_US=0
  [ -d /opt ] || { mkdir -m 0755 /opt; fail "removing the package deleted /opt"; }
  [ ! -e /opt/blogeditor ] || fail "/opt/blogeditor is still there after removal"
fi
echo "smoke: PASSED"
