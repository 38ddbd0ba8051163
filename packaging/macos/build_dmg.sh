#!/usr/bin/env bash
# Build BlogEditor.app and dist/BlogEditor-<version>-macos-<arch>.dmg (run on macOS; CI:
# .github/workflows/package.yml on macos-latest). Not runnable on the Linux dev machine.
#
# Spell-checking: pyenchant has no macOS wheel with enchant inside, so the app brings its own:
# Homebrew's enchant (library + providers) and the en_US hunspell dictionaries are put into the
# bundle under enchant-prefix/ by packaging/blogeditor.spec, and packaging/rthook_enchant.py
# points PYENCHANT_LIBRARY_PATH and the dictionary search path at them when the app starts.
set -euo pipefail
cd "$(dirname "$0")/../.."

PY=${PYTHON:-.venv/bin/python}
VERSION=$("$PY" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
ARCH=$(uname -m)

brew list enchant >/dev/null 2>&1 || brew install enchant
brew list aspell >/dev/null 2>&1 || brew install aspell
ENCHANT_PREFIX=$(brew --prefix enchant)
export ENCHANT_PREFIX
# Which providers this enchant has decides which dictionaries the app must carry: Homebrew's
# build has no hunspell provider, so the hunspell .dic files alone would leave the app with no
# spell-check. Aspell's English dictionary (Homebrew's aspell ships it) goes in beside them.
echo "enchant providers: $(ls "$ENCHANT_PREFIX/lib/enchant-2" 2>/dev/null | tr '\n' ' ')"
ASPELL_DICTS=$(ls -d "$(brew --prefix aspell)"/lib/aspell-0.60 2>/dev/null | head -n1 || true)
if ls "$ENCHANT_PREFIX"/lib/enchant-2/*aspell* >/dev/null 2>&1 && [ -n "$ASPELL_DICTS" ]; then
  export ASPELL_DICTS
elif ! ls "$ENCHANT_PREFIX"/lib/enchant-2/*hunspell* >/dev/null 2>&1; then
  echo "this enchant has neither an aspell provider with dictionaries nor a hunspell provider;" \
       "the app would have no spell-check" >&2
  exit 1
fi

# en_US dictionaries (LibreOffice's, as Debian's hunspell-en-us): Homebrew has no formula.
DICTS=build/macos-dicts
if [ ! -s "$DICTS/en_US.dic" ]; then
  mkdir -p "$DICTS"
  base=https://raw.githubusercontent.com/LibreOffice/dictionaries/master/en
  curl -fsSL "$base/en_US.aff" -o "$DICTS/en_US.aff"
  curl -fsSL "$base/en_US.dic" -o "$DICTS/en_US.dic"
fi
HUNSPELL_DICTS="$PWD/$DICTS"
export HUNSPELL_DICTS
# For the build (PyInstaller imports enchant while analysing).
export PYENCHANT_LIBRARY_PATH="$ENCHANT_PREFIX/lib/libenchant-2.dylib"
export BLOGEDITOR_VERSION="$VERSION"

"$PY" packaging/build.py
APP=build/pyinstaller-dist/BlogEditor.app
[ -d "$APP" ] || { echo "no $APP" >&2; exit 1; }

# The frozen app must spell-check with the enchant inside the bundle, not Homebrew's.
OUT=$(env -u PYENCHANT_LIBRARY_PATH QT_QPA_PLATFORM=offscreen "$APP/Contents/MacOS/blogeditor" --self-test)
echo "$OUT"
echo "$OUT" | grep -q "BlogEditor.app/" || {
  echo "the self-test did not use the bundled enchant (see the spell-check line)" >&2
  exit 1
}

mkdir -p dist
DMG="dist/BlogEditor-$VERSION-macos-$ARCH.dmg"
rm -f "$DMG"
# Both tools copy the *contents* of the folder they are given: hand them a folder that holds
# the .app, so the image's top level is BlogEditor.app (and Applications), not Contents/.
STAGE=build/dmg
rm -rf "$STAGE"
mkdir -p "$STAGE"
cp -R "$APP" "$STAGE/"
if command -v create-dmg >/dev/null 2>&1; then
  create-dmg --volname "BlogEditor $VERSION" --window-size 540 360 --icon-size 96 \
    --icon "BlogEditor.app" 140 170 --app-drop-link 400 170 "$DMG" "$STAGE"
else
  ln -s /Applications "$STAGE/Applications"
  hdiutil create -volname "BlogEditor $VERSION" -srcfolder "$STAGE" -ov -format UDZO "$DMG"
fi
# The image must hold the app at its top level.
MOUNT=$(mktemp -d)
hdiutil attach -nobrowse -readonly -mountpoint "$MOUNT" "$DMG" >/dev/null
trap 'hdiutil detach "$MOUNT" >/dev/null 2>&1 || true' EXIT
[ -x "$MOUNT/BlogEditor.app/Contents/MacOS/blogeditor" ] || { echo "the image has no BlogEditor.app at its top" >&2; exit 1; }
hdiutil detach "$MOUNT" >/dev/null; trap - EXIT
echo "built $DMG"
