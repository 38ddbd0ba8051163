#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages BlogEditor needs: the enchant spell-checking library
# with English dictionaries (hunspell US and GB: the Language menu offers both; aspell's too,
# as many desktops have it, so the tests prove hunspell is still preferred), the libraries Qt's
# xcb and EGL platform plugins load, Xvfb and the X tools for the screenshot, real-drag and
# smoke targets, git for the collaboration features, and binutils (objdump) for the package
# dependency scan.
#   scripts/system-deps.sh           what `make run` and `make test` need
#   scripts/system-deps.sh package   also what `make package` needs (dpkg-dev, and the
#                                    shared libpython when the venv uses Debian's python3)
# As root (or with passwordless sudo) it installs what is missing. Otherwise it prints the
# exact command and stops with exit 1: carrying on would only end in an ImportError later.
set -euo pipefail

PKGS=(
  python3-venv git binutils
  libenchant-2-2 hunspell-en-us hunspell-en-gb aspell-en
  libegl1 libgl1 libfontconfig1 libfreetype6 libdbus-1-3 libglib2.0-0
  libxkbcommon0 libxkbcommon-x11-0 libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-image0
  libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0
  libxcb-xkb1 libxcb-xfixes0 libxcb-sync1 libxcb-shm0 libxcb-render0
  xvfb xauth x11-utils xdotool
)

if [ "${1:-}" = package ]; then
  PKGS+=(dpkg-dev)
  # PyInstaller bundles the shared libpython. A pyenv or python.org build carries its own;
  # Debian's python3 keeps it in the separate libpython3.X package.
  PY=${PYTHON:-python3}
  [ -x .venv/bin/python ] && PY=.venv/bin/python
  base=$("$PY" -c 'import sys; print(sys.base_prefix)' 2>/dev/null || echo "")
  if [ "$base" = /usr ]; then
    PKGS+=("libpython$("$PY" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')")
  fi
fi

missing=()
for p in "${PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "blogeditor: not a Debian/Ubuntu system; please install the equivalents of: ${missing[*]}" >&2
  echo "blogeditor: then run make again." >&2
  exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO=(sudo -n)
else
  echo "blogeditor: some system packages are missing. Install them with:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  echo "blogeditor: stopping here; run make again once they are installed." >&2
  exit 1
fi

echo "blogeditor: installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
