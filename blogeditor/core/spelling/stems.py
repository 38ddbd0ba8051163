"""The words of a Hunspell dictionary file, for set look-ups of many spellings at once.

Asking enchant whether each of the ~650 spellings one slip from a word is a word costs
milliseconds, which is too much for a keystroke. Hunspell's ``.dic`` file lists the
dictionary's stems (before the affix flags): a Python set answers the same question for
stems in a tenth of a millisecond. Inflected forms are not in it, so a caller that needs
them asks enchant for the few spellings it still doubts. Where no ``.dic`` file is found
(aspell only, an unusual install) the set is empty and the caller asks enchant.
"""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

# Where enchant's hunspell provider looks for dictionaries, in its order.
_DIRS = ("~/.config/enchant/hunspell", "/usr/share/hunspell", "/usr/local/share/hunspell",
         "/usr/share/myspell", "/usr/share/myspell/dicts", "/opt/homebrew/share/hunspell",
         "~/Library/Spelling", "/Library/Spelling")


def _candidates(language: str) -> list[Path]:
    dirs = [Path(d).expanduser() for d in _DIRS]
    if extra := os.environ.get("DICPATH"):
        dirs[:0] = [Path(p) for p in extra.split(os.pathsep) if p]
    # pyenchant's wheels (Windows, macOS) carry their own share/enchant/hunspell.
    dirs += [Path(p) / "enchant" / "data" / "mingw64" / "share" / "enchant" / "hunspell"
             for p in sys.path if p]
    return [d / f"{language}.dic" for d in dirs]


@cache
def stems(language: str) -> frozenset[str]:
    """The dictionary's stems in lowercase (empty when no ``.dic`` file is found)."""
    for path in _candidates(language):
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        lines = text.splitlines()[1:]  # the first line is the entry count
        return frozenset(line.split("/", 1)[0].strip().lower() for line in lines if line.strip())
    return frozenset()
