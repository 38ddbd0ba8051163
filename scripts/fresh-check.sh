#!/usr/bin/env bash
# make fresh-check: prove the README's quick start on a brand-new machine.
#
# Builds a minimal Debian 12 (debootstrap --variant=minbase bookworm) with only git, make,
# python3 and python3-venv, clones this repository's committed HEAD into it and runs there,
# as root like CI: `make test`, `make run` (the window must appear on a virtual screen) and
# `make smoke` (the .deb built with Debian's own python3, installed, run and removed). The chroot uses the host's apt sources, pip
# configuration and CA certificates so it reaches the same package indexes; local indexes
# that pip's configuration names (file:// URLs, find-links folders) are bound in read-only.
# Prints the test summary line and exits with make's status.
#
#   FRESH_ROOT=/var/tmp/x scripts/fresh-check.sh   where to build (default: a new temp folder)
#   FRESH_TARGETS="test run smoke"                 what to run inside (default: all; "run"
#                                                  starts `make run` under Xvfb and waits for
#                                                  the window, then closes it)
#   FRESH_KEEP=1                                   keep the chroot afterwards for a look
# Needs root and debootstrap (installed when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd)
say() { echo "fresh-check: $*"; }
die() { echo "fresh-check: $*" >&2; exit 2; }

[ "$(id -u)" -eq 0 ] || die "needs root (debootstrap and chroot); run it as root or with sudo"
if ! command -v debootstrap >/dev/null 2>&1; then
  say "installing debootstrap"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null; }
fi

START=$(date +%s)
ROOT=${FRESH_ROOT:-$(mktemp -d /var/tmp/blogeditor-fresh.XXXXXX)}
TARGETS=${FRESH_TARGETS:-test run smoke}
# Downloaded .debs are kept between runs (the system stays new; only the download is saved).
CACHE=${FRESH_CACHE:-/var/cache/blogeditor-fresh-debs}
mkdir -p "$ROOT" "$CACHE"
# The chroot's / must be what a machine's / is: mktemp makes 0700, which would lock every user
# but root out of the whole system (the tests that act as "nobody" notice).
chmod 0755 "$ROOT"

MOUNTS=()
cleanup() {
  local i
  for ((i=${#MOUNTS[@]}-1; i>=0; i--)); do umount -l "${MOUNTS[$i]}" 2>/dev/null || true; done
  if [ "${FRESH_KEEP:-0}" != 1 ]; then rm -rf --one-file-system "$ROOT"; else say "kept $ROOT"; fi
}
trap cleanup EXIT
bind() {  # bind HOST_PATH [ro]: the same path inside the chroot
  mkdir -p "$ROOT$1"
  mount --bind "$1" "$ROOT$1"; MOUNTS+=("$ROOT$1")
  [ "${2:-}" = ro ] && mount -o remount,bind,ro "$ROOT$1"
  return 0
}

# The host's Debian mirror, from deb822 sources or the one-line format.
MIRROR=$(sed -n 's/^URIs: *\([^ ]*\).*/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null | grep -v security | head -n1)
[ -n "$MIRROR" ] || MIRROR=$(awk '$1=="deb" && $3 !~ /security/ {print $2; exit}' /etc/apt/sources.list 2>/dev/null)
MIRROR=${MIRROR:-http://deb.debian.org/debian}

say "debootstrap minbase bookworm into $ROOT (mirror $MIRROR)"
debootstrap --variant=minbase --include=git,make,python3,python3-venv --cache-dir="$CACHE" \
  bookworm "$ROOT" "$MIRROR" > "$ROOT.debootstrap.log" 2>&1 \
  || { tail -n 20 "$ROOT.debootstrap.log" >&2; die "debootstrap failed"; }
rm -f "$ROOT.debootstrap.log"

# Same apt sources, pip configuration, CA certificates and name resolution as the host.
rm -f "$ROOT/etc/apt/sources.list"
cp -a /etc/apt/sources.list.d/. "$ROOT/etc/apt/sources.list.d/" 2>/dev/null || true
[ -f /etc/apt/sources.list ] && cp /etc/apt/sources.list "$ROOT/etc/apt/sources.list"
cp /etc/resolv.conf "$ROOT/etc/resolv.conf"
mkdir -p "$ROOT/etc/ssl/certs"
cp -L /etc/ssl/certs/ca-certificates.crt "$ROOT/etc/ssl/certs/ca-certificates.crt"
for conf in /etc/pip.conf /etc/xdg/pip /root/.config/pip /root/.pip; do
  [ -e "$conf" ] || continue
  mkdir -p "$ROOT$(dirname "$conf")"
  cp -a "$conf" "$ROOT$(dirname "$conf")/"
done

mount -t proc proc "$ROOT/proc"; MOUNTS+=("$ROOT/proc")
mount -t sysfs sys "$ROOT/sys"; MOUNTS+=("$ROOT/sys")
bind /dev
mount -t devpts devpts "$ROOT/dev/pts" -o newinstance,ptmxmode=0666 2>/dev/null && MOUNTS+=("$ROOT/dev/pts") || true
mount -t tmpfs shm "$ROOT/dev/shm"; MOUNTS+=("$ROOT/dev/shm")
# Local package indexes named by pip's configuration (file:// URLs and find-links folders).
PIP_CONF_TEXT=$(cat /etc/pip.conf /etc/xdg/pip/*.conf /root/.config/pip/*.conf 2>/dev/null || true)
for dir in $(printf '%s\n%s\n' "$PIP_CONF_TEXT" "$(env | grep '^PIP_' || true)" \
             | grep -oE '(file://)?/[A-Za-z0-9._/-]+' | sed 's#^file://##' | sort -u); do
  case "$dir" in /etc/*|/root/*|/usr/*) continue ;; esac
  [ -d "$dir" ] || continue
  while [ "$(basename "$dir")" = simple ]; do dir=$(dirname "$dir"); done
  [ -d "$ROOT$dir" ] && mountpoint -q "$ROOT$dir" && continue
  bind "$dir" ro
done

say "cloning $(git rev-parse --short HEAD) into the chroot"
git clone -q --no-hardlinks "$REPO" "$ROOT/root/blogeditor"

# A clean environment, as on a new machine: only what a login shell would set, plus CI's
# marker and the pip/cert variables that point at the copied configuration.
ENV=(HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8
     TERM=dumb CI=true)
while IFS= read -r line; do ENV+=("$line"); done < <(env | grep -E '^(PIP_|SSL_CERT_FILE=|REQUESTS_CA_BUNDLE=)' || true)

STATUS=0
LOG="$ROOT.log"
# `make run` opens a window and keeps it open: start it on a virtual screen, wait for the
# window to be mapped, then close it. Xvfb is there because `make run` installs it.
RUN_CHECK='cd /root/blogeditor && bash scripts/system-deps.sh && xvfb-run -a -s "-screen 0 1280x800x24" bash -c "
  make run > /tmp/run.log 2>&1 & pid=\$!
  for i in \$(seq 240); do
    if xwininfo -root -tree 2>/dev/null | grep -q \"BlogEditor\"; then
      echo \"make run: the BlogEditor window is up after \$((i / 4)) s\"; kill \$pid; wait \$pid 2>/dev/null; exit 0
    fi
    kill -0 \$pid 2>/dev/null || break
    sleep 0.25
  done
  cat /tmp/run.log; echo \"make run: no BlogEditor window\"; kill \$pid 2>/dev/null; exit 1"'
for target in $TARGETS; do
  say "make $target (log: $LOG)"
  if [ "$target" = run ]; then cmd=$RUN_CHECK; else cmd="cd /root/blogeditor && make $target"; fi
  chroot "$ROOT" /usr/bin/env -i "${ENV[@]}" bash -c "$cmd" >>"$LOG" 2>&1 </dev/null \
    || { STATUS=$?; say "make $target failed"; break; }
  grep -h '^make run:' "$LOG" | tail -n1 || true
done

SUMMARY=$(grep -E '^(=+ )?[0-9]+ (passed|failed)|[0-9]+ (passed|failed).* in [0-9.]+s' "$LOG" | tail -n1 || true)
ELAPSED=$(( $(date +%s) - START ))
if [ "$STATUS" -ne 0 ]; then
  echo "----- last lines of the log -----"; tail -n 40 "$LOG"
fi
say "summary: ${SUMMARY:-no test summary line}"
say "make ${TARGETS// /, make } exited $STATUS in a fresh Debian 12 minbase; ${ELAPSED}s in all"
[ "${FRESH_KEEP:-0}" = 1 ] || rm -f "$LOG"
exit "$STATUS"
