"""One language's spelling dictionary (pyenchant), safe to share between threads.

The enchant dictionary is not thread-safe, so every call into it holds one process-wide lock
(enchant shares a language's dictionary between instances); answers are
cached per word because prose repeats itself. When pyenchant, the enchant library or the
dictionary is missing the checker still works: it accepts every word, ``available`` is False
and ``problem`` tells the author the exact command that installs what is missing.

Words the dictionary does not know but the author accepts come in named layers (site list,
personal list, learned site vocabulary, built-in tech words, words ignored for this session),
so one layer can be replaced without touching the others. A list entry in lowercase also
accepts its capitalised and uppercase forms; an entry with capitals ("GitOps") accepts only
itself, the way Hunspell treats its dictionaries.
"""

from __future__ import annotations

import contextlib
import re
import sys
import threading
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from blogeditor.core.resources import resource
from blogeditor.core.spelling.misspellings import corrections, is_known_misspelling
from blogeditor.core.spelling.trade import is_trade_word

DEFAULT_LANGUAGE = "en_US"
_POSSESSIVE = re.compile(r"['’]s?$")
# Provider order: hunspell's dictionaries are the better ones (aspell rejects "café" and does
# not suggest "should" for "shoud"); aspell only where there is no hunspell dictionary.
PROVIDER_ORDER = "hunspell,aspell,nuspell,myspell,*"
# Layers only an author's explicit choice fills (Add to Dictionary, Ignore All, the site's word
# list): they alone can accept a known misspelling.
EXPLICIT_LAYERS = ("personal", "site", "session")
# Guards enchant calls that are not about one checker's own dictionary (listing languages).
_ENCHANT_LOCK = threading.RLock()


def language_from_code(code: str | None) -> str | None:
    """Hugo's languageCode ("en-us", "en", "pt-BR") as an enchant tag ("en_US", "en", "pt_BR")."""
    if not code:
        return None
    parts = re.split(r"[-_]", code.strip())
    if not parts[0]:
        return None
    tag = parts[0].lower()
    if len(parts) > 1 and parts[1]:
        tag += "_" + parts[1].upper()
    return tag


def _os_release() -> dict[str, str]:
    try:
        text = Path("/etc/os-release").read_text(encoding="utf-8")
    except OSError:
        return {}
    values = {}
    for line in text.splitlines():
        key, _, value = line.partition("=")
        values[key.strip()] = value.strip().strip('"')
    return values


def install_command(
    language: str = DEFAULT_LANGUAGE,
    *,
    need_library: bool = False,
    system: str | None = None,
    os_release: dict[str, str] | None = None,
) -> str:
    """The command that installs enchant (when need_library) and the language's dictionary."""
    system = system or sys.platform
    lang = language or DEFAULT_LANGUAGE
    if system == "win32":
        # pyenchant's Windows wheels carry enchant and en_US; other languages are folders of
        # Hunspell files copied into enchant's share/enchant/hunspell folder.
        return "pip install --force-reinstall pyenchant"
    if system == "darwin":
        return "brew install enchant hunspell" if need_library else "brew install hunspell"
    release = os_release if os_release is not None else _os_release()
    family = " ".join([release.get("ID", ""), release.get("ID_LIKE", "")]).lower()
    dash = lang.replace("_", "-")
    if any(name in family for name in ("fedora", "rhel", "centos")):
        parts = lang.split("_")
        # Fedora splits English by country (hunspell-en-US) and other languages not (hunspell-de).
        pkg = f"hunspell-{parts[0]}" + (f"-{parts[1]}" if parts[0] == "en" and len(parts) > 1 else "")
        return f"sudo dnf install {'enchant2 ' if need_library else ''}{pkg}"
    if "arch" in family:
        return f"sudo pacman -S {'enchant ' if need_library else ''}hunspell-{lang.lower()}"
    if "suse" in family:
        return f"sudo zypper install {'enchant-2-backend-hunspell ' if need_library else ''}" \
            f"myspell-{lang}"
    # Debian, Ubuntu and their children; also the best guess for an unknown Linux.
    return f"sudo apt install {'libenchant-2-2 ' if need_library else ''}hunspell-{dash.lower()}"


def load_word_file(path: Path) -> set[str]:
    """Words of a list file, one a line; blank lines and "#" comments skipped; missing = empty."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return set()
    return {w for line in text.splitlines() if (w := line.strip()) and not w.startswith("#")}


def _fold_accents(word: str) -> str:
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def tech_words() -> set[str]:
    """The built-in lists: technology names, and the software/DevOps vocabulary."""
    return (load_word_file(resource("spelling", "tech-words.txt"))
            | load_word_file(resource("spelling", "software-terms.txt")))


class SpellChecker:
    """Checks and suggests words for one language; never raises for a missing dictionary."""

    def __init__(self, language: str | None = DEFAULT_LANGUAGE, *, builtin_words: bool = True):
        self.language = language or DEFAULT_LANGUAGE
        # Each checker owns its broker and dictionary: a worker's checker never shares a C object
        # (or a lock) with the editor's, so the GUI thread never waits on a background job.
        self._lock = threading.RLock()
        self._broker: Any = None
        self._dict: Any = None
        self.provider = ""  # the enchant provider in use ("hunspell", "aspell", ...)
        self.provider_file = ""  # the provider's library, e.g. inside the frozen app
        self._cache: dict[str, bool] = {}
        self._good: set[str] = set()  # the cache's accepted words, for set arithmetic
        self._layers: dict[str, frozenset[str]] = {}
        self._accept: frozenset[str] = frozenset()
        self._explicit: frozenset[str] = frozenset()
        self._explicit_lower: frozenset[str] = frozenset()
        self._accept_lower: frozenset[str] = frozenset()
        #: Bumped whenever an answer may change, so callers can tell stale cached results.
        self.generation = 0
        #: Why spell-check is off (with the install command), or "" when it works.
        self.problem = ""
        self._open()
        if builtin_words:
            self.set_layer("tech", tech_words())

    def _open(self) -> None:
        try:
            import enchant  # imported here: a missing C library raises ImportError at import
        except ImportError:
            self.problem = (
                "Spell-check is off: the enchant library is not installed. Install it with: "
                + install_command(self.language, need_library=True)
            )
            return
        try:
            self._broker = enchant.Broker()
            # Debian's enchant.ordering names aspell first for en_US, en_GB...: a language's own
            # entry outranks "*", so ours is set for the language too.
            self._broker.set_ordering("*", PROVIDER_ORDER)
            self._broker.set_ordering(self.language, PROVIDER_ORDER)
            if not self._broker.dict_exists(self.language):
                raise enchant.errors.DictNotFoundError(self.language)
            self._dict = self._broker.request_dict(self.language)
            self.provider = self._dict.provider.name
            self.provider_file = self._dict.provider.file
        except enchant.errors.DictNotFoundError:
            self.problem = (
                f"Spell-check is off: no {self.language} dictionary is installed. "
                f"Install it with: {install_command(self.language)}"
            )
        except Exception as exc:  # enchant reports broken providers with its generic Error
            self.problem = f"Spell-check is off: enchant failed to open {self.language} ({exc})."

    @property
    def available(self) -> bool:
        return self._dict is not None

    # -- accepted words ---------------------------------------------------------------------

    def set_layer(self, name: str, words: Iterable[str]) -> None:
        """Replace one named layer of accepted words (site, personal, vocabulary, session...)."""
        with self._lock:
            self._layers[name] = frozenset(words)
            merged: set[str] = set()
            explicit: set[str] = set()
            for key, layer in self._layers.items():
                merged |= layer
                if key in EXPLICIT_LAYERS:
                    explicit |= layer
            self._accept = frozenset(merged)
            self._accept_lower = frozenset(w for w in merged if w.islower())
            self._explicit = frozenset(explicit)
            self._explicit_lower = frozenset(w for w in explicit if w.islower())
            self._cache.clear()
            self._good = set()
            self.generation += 1

    def copy(self) -> SpellChecker:
        """A checker with the same language and accepted words but a dictionary of its own,
        for another thread (enchant dictionaries are not safe to share)."""
        twin = SpellChecker(self.language, builtin_words=False)
        twin.copy_layers_from(self)
        return twin

    def copy_layers_from(self, other: SpellChecker) -> None:
        for name, words in dict(other._layers).items():
            self.set_layer(name, words)

    def layer(self, name: str) -> frozenset[str]:
        return self._layers.get(name, frozenset())

    def add_to_layer(self, name: str, word: str) -> None:
        self.set_layer(name, self.layer(name) | {word})

    def ignore(self, word: str) -> None:
        """Accept the word until the checker goes away (the context menu's Ignore All)."""
        self.add_to_layer("session", word)

    def _accepted(self, word: str) -> bool:
        return word in self._accept or word.lower() in self._accept_lower

    def _explicitly_accepted(self, word: str) -> bool:
        return word in self._explicit or word.lower() in self._explicit_lower

    # -- checking -----------------------------------------------------------------------------

    def check(self, word: str) -> bool:
        """True when the word is spelled right (always True when spell-check is off)."""
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        generation = self.generation
        ok = self._check_uncached(word)
        if generation == self.generation:  # a layer changed meanwhile: the answer may be stale
            self._cache[word] = ok
            if ok:
                self._good.add(word)
        return ok

    def misspelled(self, words: Iterable[str]) -> set[str]:
        """The misspelled ones among `words` (fast: known-good words drop out by set difference)."""
        return {w for w in set(words) - self._good if not self.check(w)}

    def _check_uncached(self, word: str) -> bool:
        if self._dict is None:
            return True
        plain = word.replace("’", "'")
        if self._explicitly_accepted(plain):
            return True
        if is_known_misspelling(plain):
            return False  # codespell's: a typo, whatever list or vocabulary would accept it
        if self._accepted(plain) or is_trade_word(plain):
            return True
        stem = _POSSESSIVE.sub("", plain)
        if stem != plain and stem and (self._accepted(stem) or stem.isupper()):
            return True  # "Kubernetes's", "GitOps'", "API's"
        with self._lock:
            try:
                if self._dict.check(plain):
                    return True
                # English takes loanwords with or without their accents ("café", "naïve"),
                # and not every dictionary lists both spellings.
                folded = _fold_accents(plain)
                return folded != plain and bool(self._dict.check(folded))
            except Exception:  # enchant refuses some odd strings; never flag them
                return True

    def suggest(self, word: str, limit: int = 7) -> list[str]:
        """Up to `limit` suggestions: a known misspelling's corrections first, then the
        dictionary's (none when spell-check is off)."""
        if self._dict is None:
            return []
        found = list(corrections(word.replace("’", "'")) or ())
        with self._lock, contextlib.suppress(Exception):  # enchant refuses some odd strings
            found += list(self._dict.suggest(word.replace("’", "'")))
        unique: list[str] = []
        for s in found:
            if s not in unique and s != word:
                unique.append(s)
        return unique[:limit]


def available_languages() -> list[str]:
    """Enchant tags of the installed dictionaries, sorted ([] without enchant)."""
    try:
        import enchant
    except ImportError:
        return []
    try:
        with _ENCHANT_LOCK:
            return sorted(set(enchant.list_languages()))
    except Exception:
        return []
