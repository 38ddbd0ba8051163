"""What each article contributes to the site's vocabulary, cached by content.

Learning the vocabulary of a site of thousands of articles means spell-checking all of
them; most did not change since the last time. Each article's contribution (the words the
checker rejects with their uses, and the set of its words) is kept in the user's cache
folder under the article's path with its size, modification time and content hash: an
article whose size and time are unchanged is not read at all; one whose time changed but
whose content did not is read but not checked again. The learned result is kept too, for a
site where nothing changed. The cache is written atomically (a temp file renamed over it);
a file that is unreadable, corrupt, from another version or made with other word lists
is ignored and replaced, never an error.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from blogeditor.core.site.site_key import site_key
from blogeditor.core.spelling.checker import SpellChecker
from blogeditor.core.storage import paths

# Bump when what is stored per article changes meaning (the checker's rules). 4: names,
# derived words and link names known; 5: one entry per article, by content hash.
FORMAT = 5
VOCABULARY_LAYER = "vocabulary"


@dataclass
class ArticleStats:
    """One article's part: rejected words with their uses, and all its words (lowercase)."""

    uses: Counter[str]
    words: frozenset[str]


def checker_key(checker: SpellChecker) -> str:
    """What the per-article answers depend on: the language and every accepted-word layer
    except the learned vocabulary itself (the learner must not see it)."""
    h = hashlib.sha256(f"{FORMAT}\n{_rules_version()}\n{checker.language}\n".encode())
    for name in sorted(checker.layer_names()):
        if name == VOCABULARY_LAYER:
            continue
        h.update(f"\0{name}\0".encode())
        h.update("\n".join(sorted(checker.layer(name))).encode())
    return h.hexdigest()


@cache
def _rules_version() -> str:
    """A hash of the spell-check's own code, so a new version's rules never meet answers
    cached by an old one (FORMAT is the fallback where the sources are not files)."""
    h = hashlib.sha256()
    for source in sorted(Path(__file__).parent.glob("*.py")):
        with contextlib.suppress(OSError):
            h.update(source.read_bytes())
    return h.hexdigest()


def cache_path(site_root: Path) -> Path:
    # The one per-site key; a cache written under an earlier name is simply learned again.
    return paths.cache_dir() / "vocabulary" / f"{site_key(site_root)}.json"


class ArticleCache:
    """Per-article stats of one site for one checker; load(), stats_for() each, save()."""

    def __init__(self, site_root: Path, content_dir: Path, checker: SpellChecker) -> None:
        self.path = cache_path(site_root)
        self.content_dir = Path(content_dir)
        self.checker = checker
        self.key = checker_key(checker)
        self._old: dict[str, dict[str, Any]] = {}
        self._new: dict[str, dict[str, Any]] = {}
        self.learned_signature = ""
        self.learned: dict[str, int] | None = None
        self.read = 0  # articles read from disk this time (the rest came from the cache)
        self.checked = 0  # articles spell-checked this time

    def load(self) -> None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data["format"] != FORMAT or data["checker"] != self.key:
                return  # another version's or other word lists': every article again
            articles = data["articles"]
            if isinstance(articles, dict):
                self._old = {str(k): v for k, v in articles.items() if isinstance(v, dict)}
            learned = data.get("learned")
            if isinstance(learned, dict):
                self.learned = {str(k): int(v) for k, v in learned.items()}
                self.learned_signature = str(data.get("learned_signature", ""))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            self._old, self.learned = {}, None  # unreadable or foreign: start afresh

    def stats_for(
        self, path: Path, read: Callable[[Path], str], compute: Callable[[str], ArticleStats]
    ) -> ArticleStats | None:
        """The article's stats: from the cache when its size and time (or its content) are
        unchanged, else read and checked. None when it cannot be read."""
        key = self._key(path)
        try:
            st = path.stat()
        except OSError:
            return None
        old = self._old.get(key)
        if old is not None and old.get("size") == st.st_size and old.get("mtime") == st.st_mtime_ns:
            stats = _decode(old)
            if stats is not None:
                self._new[key] = old
                return stats
        try:
            text = read(path)
        except OSError:
            return None
        self.read += 1
        sha = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
        stats = _decode(old) if old is not None and old.get("sha") == sha else None
        if stats is None:
            stats = compute(text)
            self.checked += 1
        self._new[key] = {"size": st.st_size, "mtime": st.st_mtime_ns, "sha": sha,
                          "uses": dict(stats.uses), "words": " ".join(sorted(stats.words))}
        return stats

    def signature(self) -> str:
        """Of every article's content as last seen: the learned result's key."""
        h = hashlib.sha256(self.key.encode())
        for key in sorted(self._new):
            h.update(f"{key}\0{self._new[key]['sha']}\n".encode())
        return h.hexdigest()

    def up_to_date(self) -> bool:
        """True when no article was added, removed or changed: the cached result stands."""
        return (self.learned is not None and self.read == 0 and self._old.keys() == self._new.keys()
                and self.learned_signature == self.signature())

    def save(self, learned: dict[str, int]) -> None:
        data = {"format": FORMAT, "checker": self.key, "articles": self._new,
                "learned_signature": self.signature(), "learned": learned}
        tmp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError:
            with contextlib.suppress(OSError):
                tmp.unlink()  # a cache that cannot be written only costs time next time

    def _key(self, path: Path) -> str:
        try:
            return path.relative_to(self.content_dir).as_posix()
        except ValueError:
            return str(path)


def _decode(entry: dict[str, Any]) -> ArticleStats | None:
    try:
        uses = Counter({str(w): int(n) for w, n in entry["uses"].items()})
        words = frozenset(str(entry["words"]).split())
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
    return ArticleStats(uses, words)
