"""Word lists the author keeps: one shared by a site's authors, one personal.

The site list lives at ``<site>/.blogeditor/words.txt``: it travels with the site through git,
and Hugo never publishes it (Hugo publishes only what comes from content/, static/, themes and
layouts, never a dot-folder at the site root). The personal list lives in the user's data
folder. Both are plain text, one word a line, kept sorted so git diffs stay small.
"""

from __future__ import annotations

import os
from pathlib import Path

from blogeditor.core.errors import StorageError
from blogeditor.core.spelling.checker import load_word_file
from blogeditor.core.storage import paths

SITE_FOLDER = ".blogeditor"
WORDS_FILE = "words.txt"
_HEADER = "# Words spell-check accepts; one a line. Written by BlogEditor, safe to edit.\n"


def site_words_path(site_root: Path) -> Path:
    return Path(site_root) / SITE_FOLDER / WORDS_FILE


def personal_words_path() -> Path:
    return paths.data_dir() / WORDS_FILE


def read_words(path: Path) -> set[str]:
    return load_word_file(path)


def write_words(path: Path, words: set[str], header: str = _HEADER) -> None:
    """Save the list sorted (case-insensitively), replacing the file atomically."""
    text = header + "".join(f"{w}\n" for w in sorted(words, key=lambda w: (w.lower(), w)))
    tmp = path.with_name(path.name + ".tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise StorageError(f"Could not save the word list {path}: {exc.strerror or exc}") from exc


def add_word(path: Path, word: str) -> set[str]:
    """Add a word to a list file (created when missing); returns the list's new contents."""
    current = read_words(path)
    word = word.strip()
    if word and word not in current:
        current.add(word)
        write_words(path, current)
    return current
