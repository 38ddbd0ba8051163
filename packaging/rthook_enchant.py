"""PyInstaller runtime hook: point pyenchant at the enchant we bundled (macOS only).

On Linux the package depends on the system's libenchant-2 and hunspell dictionaries; on
Windows pyenchant's own wheel carries enchant and English dictionaries in its data folder.
On macOS build_dmg.sh brings Homebrew's enchant, its providers and the hunspell dictionaries
into the bundle under enchant-prefix/, laid out like an install prefix so that a relocatable
enchant finds its providers in lib/enchant-2 and its dictionaries in share/hunspell.
"""

from __future__ import annotations

import os
import sys

_base = getattr(sys, "_MEIPASS", "")
_prefix = os.path.join(_base, "enchant-prefix")
if sys.platform == "darwin" and os.path.isdir(_prefix):
    for _name in ("libenchant-2.dylib", "libenchant-2.2.dylib"):
        _lib = os.path.join(_prefix, "lib", _name)
        if os.path.exists(_lib):
            os.environ.setdefault("PYENCHANT_LIBRARY_PATH", _lib)
            break
    _aspell = os.path.join(_prefix, "lib", "aspell-0.60")
    if os.path.isdir(_aspell):
        # Aspell's dictionary folder is compiled into it (Homebrew's prefix); the bundle's wins.
        os.environ.setdefault("ASPELL_CONF", f"dict-dir {_aspell}; data-dir {_aspell}")
    _share = os.path.join(_prefix, "share")
    # glib reads XDG_DATA_DIRS on macOS too; enchant's hunspell provider looks in <dir>/hunspell.
    os.environ["XDG_DATA_DIRS"] = os.pathsep.join(
        p for p in (_share, os.environ.get("XDG_DATA_DIRS", "")) if p
    )
