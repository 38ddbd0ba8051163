"""A site's own vocabulary, learned from its articles.

Product and project names a blog uses again and again (Kubernetes, Crossplane, ...) are not
typos. A word the dictionary does not know counts as the site's vocabulary when it appears in
at least three articles and is not a near miss of a dictionary word: a repeated typo such as
"recieve" sits one or two edits from a suggestion the dictionary offers, a name does not.
Suggestions that merely split the word ("Cross plane") do not count as near misses, since
names are often two words run together. The author can strike any learned word out; struck
words are kept in ``<site>/.blogeditor/vocabulary-struck.txt`` so every author of the site
shares the decision. Learning reads every article, so callers run it off the GUI thread; the
part of each article is cached by its content (``vocabulary_cache``), so only changed
articles are read again.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path

from blogeditor.core.spelling.checker import SpellChecker, trade_index
from blogeditor.core.spelling.distance import MAX_DISTANCE, edit_distance
from blogeditor.core.spelling.markup import WORD
from blogeditor.core.spelling.misspellings import is_known_misspelling
from blogeditor.core.spelling.nearness import NearIndex
from blogeditor.core.spelling.scan import document_misspellings
from blogeditor.core.spelling.vocabulary_cache import ArticleCache, ArticleStats
from blogeditor.core.spelling.wordlists import SITE_FOLDER, read_words, write_words

MIN_ARTICLES = 3
# ... or this many times in one article: a product an article is about (watchmedo, inotify).
MIN_USES_IN_ONE = 3
# ... and a word used this often in one article is what the article is about: only a near
# miss of one slip (not two) makes it a typo ("watchmedo" is two from "watched").
HEAVY_USE = 8
STRUCK_FILE = "vocabulary-struck.txt"
_STRUCK_HEADER = (
    "# Words BlogEditor must not learn as this site's vocabulary (struck out by an author).\n"
)



def struck_path(site_root: Path) -> Path:
    return Path(site_root) / SITE_FOLDER / STRUCK_FILE


def read_struck(site_root: Path) -> set[str]:
    return read_words(struck_path(site_root))


def write_struck(site_root: Path, words: set[str]) -> None:
    write_words(struck_path(site_root), words, header=_STRUCK_HEADER)


def is_near_miss(word: str, suggestions: Iterable[str], limit: int = MAX_DISTANCE) -> bool:
    """True when a one-word suggestion is within ``limit`` edits (ignoring case).

    A word that is a suggestion with letters added before or after it is a compound name,
    not a slip ("inotify", "pyupgrade", "Kubectl"): typos change letters inside a word.
    """
    low = word.lower()
    for s in suggestions:
        if " " in s or "-" in s or "'" in s:
            continue
        other = s.lower()
        if len(other) >= 4 and (low.startswith(other) or low.endswith(other)):
            continue
        if edit_distance(low, other, limit) <= limit:
            return True
    return False


def article_paths(content_dir: Path, homepage: Path | None = None) -> list[Path]:
    """Every Markdown file under content/, except the homepage (its teasers repeat articles)."""
    skip = homepage.resolve() if homepage else None
    found = []
    for path in sorted(Path(content_dir).rglob("*.md")):
        # (Resolved only when the name matches: resolving 5,000 paths takes a second.)
        if skip is not None and path.name == skip.name and path.resolve() == skip:
            continue
        found.append(path)
    return found


def unknown_word_counts(texts: Iterable[str], checker: SpellChecker) -> Counter[str]:
    """How many of the texts use each word the checker rejects (once per text)."""
    return unknown_word_stats(texts, checker)[0]


def article_stats(text: str, checker: SpellChecker) -> ArticleStats:
    """One article's rejected words with their uses, and its words in lowercase."""
    uses = Counter(m.word for m in document_misspellings(text, checker, names=False))
    # (The text lowered once, in C, rather than each of its thousands of words in Python.)
    return ArticleStats(uses, frozenset(WORD.findall(text.lower())))


def unknown_word_stats(
    texts: Iterable[str], checker: SpellChecker
) -> tuple[Counter[str], Counter[str], Counter[str]]:
    """For each word the checker rejects: in how many texts it is, and its most uses in one;
    and for every word (lowercase), in how many texts it is."""
    return _combine(article_stats(text, checker) for text in texts)


def _combine(stats: Iterable[ArticleStats]) -> tuple[Counter[str], Counter[str], Counter[str]]:
    counts: Counter[str] = Counter()
    most: Counter[str] = Counter()
    everywhere: Counter[str] = Counter()
    for one in stats:
        counts.update(one.uses.keys())
        for word, n in one.uses.items():
            if n > most[word]:
                most[word] = n
        everywhere.update(one.words)
    return counts, most, everywhere


def learn(
    texts: Iterable[str], checker: SpellChecker, min_articles: int = MIN_ARTICLES
) -> dict[str, int]:
    """Learned words with the number of articles using each.

    `checker` must not already accept the vocabulary being learned (give it the site and
    personal lists, not a previous vocabulary), or the vocabulary would shrink on every pass.
    """
    return learn_from_stats(unknown_word_stats(texts, checker), checker, min_articles)


def learn_from_stats(
    stats: tuple[Counter[str], Counter[str], Counter[str]],
    checker: SpellChecker,
    min_articles: int = MIN_ARTICLES,
) -> dict[str, int]:
    """``learn`` from what unknown_word_stats (or the per-article cache) found."""
    counts, most, everywhere = stats
    listed = NearIndex(checker.layer("site") | checker.layer("personal"))
    own = NearIndex(counts)
    lower_counts: Counter[str] = Counter()
    for word, count in counts.items():
        lower_counts[word.lower()] += count
    learned = {}
    for word, count in counts.items():
        if (count < min_articles and most[word] < MIN_USES_IN_ONE) or is_known_misspelling(word):
            continue
        # A near miss is a typo that happens to repeat: of a dictionary word, of a listed
        # word (built-in, the site's, the author's), or of a spelling the site uses more often.
        # A capitalised word is a name, and names are often a letter from a word (Holger,
        # Oliveira): for those a dictionary word counts only where the site uses it more.
        suggestions = checker.suggest(word, limit=10)
        if word[:1].isupper() and word[1:].islower():
            suggestions = [s for s in suggestions if everywhere[s.lower()] > count]
        if is_near_miss(word, suggestions, 1 if most[word] >= HEAVY_USE else MAX_DISTANCE):
            continue
        if _trade_index(checker.language).near(word) or listed.near(word):
            continue
        if any(lower_counts[other] > count for other in own.near(word)):
            continue
        learned[word] = count
    return dict(sorted(learned.items(), key=lambda kv: (-kv[1], kv[0].lower())))


def _trade_index(language: str) -> NearIndex:
    return trade_index(language)


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8", errors="replace")


def learn_site(
    site_root: Path,
    content_dir: Path,
    checker: SpellChecker,
    homepage: Path | None = None,
    *,
    read: Callable[[Path], str] = _read,
) -> dict[str, int]:
    """The site's learned vocabulary (struck words included). Only articles changed since the
    last time are read (``read``) and checked again; each article's part is cached by its
    content, and the result too while no article changed."""
    files = article_paths(content_dir, homepage)
    cache = ArticleCache(site_root, content_dir, checker)
    if checker.available:  # without a dictionary every word is "known": nothing worth caching
        cache.load()
    found = [s for f in files if (s := cache.stats_for(f, read, lambda t: article_stats(t, checker)))]
    if cache.up_to_date():
        assert cache.learned is not None
        return cache.learned
    learned = learn_from_stats(_combine(found), checker)
    if checker.available:
        cache.save(learned)
    return learned


def site_vocabulary(learned: dict[str, int], struck: set[str]) -> set[str]:
    """The words spell-check accepts: learned and not struck out."""
    return {w for w in learned if w not in struck}
