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
from functools import cache
from pathlib import Path
from typing import Any

from blogeditor.core.spelling.misspellings import corrections, is_known_misspelling
from blogeditor.core.spelling.morphology import derived, package_name
from blogeditor.core.spelling.nearness import NearIndex
from blogeditor.core.spelling.stems import stems as stems_of
from blogeditor.core.spelling.trade import is_trade_word
from blogeditor.core.storage.resources import resource

DEFAULT_LANGUAGE = "en_US"
_POSSESSIVE = re.compile(r"['’]s?$")
# Provider order: hunspell's dictionaries are the better ones (aspell rejects "café" and does
# not suggest "should" for "shoud"); aspell only where there is no hunspell dictionary.
PROVIDER_ORDER = "hunspell,aspell,nuspell,myspell,*"
# Layers only an author's explicit choice fills (Add to Dictionary, Ignore All, the site's word
# list): they alone can accept a known misspelling.
EXPLICIT_LAYERS = ("personal", "site", "session")
# The built-in given names and surnames: a layer of its own, kept out of the merged sets
# (rebuilt on every layer change) because it is large and only accepts itself.
NAMES_LAYER = "names"
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


@cache
def people_names() -> frozenset[str]:
    """Given names and surnames (built-in list): accepted as written, capitalised."""
    return frozenset(load_word_file(resource("spelling", "people-names.txt")))


@cache
def slip_index() -> NearIndex:
    """Every built-in word, for "one slip from a listed word" (built once, in a tenth of a
    second: it is asked while the author types)."""
    return NearIndex(tech_words(), depth=1)


_warming: list[threading.Event] = []  # one per warm-up started


def _warm(language: str, done: threading.Event) -> None:
    try:
        slip_index()
        stems_of(language)
    finally:
        done.set()


def wait_until_warm(timeout: float) -> bool:
    """Let the indexes checkers build on a thread be ready (the window waits for them
    before its first frame: built while the author types, their Python took the GIL from
    the key presses). True at once when none is being built."""
    return all(done.wait(timeout) for done in list(_warming))


@cache
def trade_index(language: str) -> NearIndex:
    """The built-in words the plain dictionary lacks, for near-miss look-ups ("Terrafrom")."""
    # Only those: being near a dictionary word is judged with the dictionary's suggestions.
    bare = SpellChecker(language, builtin_words=False)
    return NearIndex(w for w in tech_words() if not bare.check(w))


_LETTERS = "abcdefghijklmnopqrstuvwxyz"
# Endings of English inflected forms (plural, possessive, tense, degree, adverb).
_ENDINGS = ("s", "es", "'s", "d", "ed", "ing", "r", "er", "est", "ly", "n", "en")


def _inflects(low: str, known: frozenset[str]) -> bool:
    """May ``low`` be an inflected form of a stem in ``known`` (make -> makes, making)?"""
    for ending in _ENDINGS:
        if low.endswith(ending):
            base = low[:-len(ending)]
            if base in known or base + "e" in known or (
                    base.endswith("i") and base[:-1] + "y" in known) or (
                    len(base) > 2 and base[-1] == base[-2] and base[:-1] in known):
                return True
    return False


def _slips(word: str, stems: bool) -> set[str]:
    """Every spelling one slip from ``word``: a letter dropped, added, changed, or two
    neighbours swapped (case kept for the first letter, as the dictionary reads it)."""
    n = len(word)
    found = {word[:i] + word[i + 1:] for i in range(1 if stems else 0, n - 1 if stems else n)}
    found |= {word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(n - 1)}
    found |= {word[:i] + c + word[i + 1:] for i in range(1, n) for c in _LETTERS}
    found |= {word[:i] + c + word[i:] for i in range(1, n + 1) for c in _LETTERS}
    found.discard(word)
    return {w for w in found if len(w) > 1}


def _title_case(word: str) -> bool:
    return word[:1].isupper() and word[1:].islower()


class SpellChecker:
    """Checks and suggests words for one language; never raises for a missing dictionary."""

    def __init__(self, language: str | None = DEFAULT_LANGUAGE, *, builtin_words: bool = True):
        self.language = language or DEFAULT_LANGUAGE
        # Each checker owns its broker and dictionary: a worker's checker never shares a C object
        # (or a lock) with the editor's, so the GUI thread never waits on a background job.
        self._lock = threading.RLock()
        self._broker: Any = None
        self._dict: Any = None
        self._names: dict[str, bool] = {}
        # The trade's rules beyond the dictionary (derived words, lowercase names, proper
        # names): off for a plain dictionary (builtin_words=False), which the near-miss index
        # and the consistency check need as it is.
        self._rules = builtin_words
        self.provider = ""  # the enchant provider in use ("hunspell", "aspell", ...)
        self.provider_file = ""  # the provider's library, e.g. inside the frozen app
        self._cache: dict[str, bool] = {}
        self._good: set[str] = set()  # the cache's accepted words, for set arithmetic
        self._layers: dict[str, frozenset[str]] = {}
        self._lower_of: dict[str, frozenset[str]] = {}
        self._accept: frozenset[str] = frozenset()
        self._explicit: frozenset[str] = frozenset()
        self._explicit_lower: frozenset[str] = frozenset()
        self._accept_lower: frozenset[str] = frozenset()
        self._builtin_folded: frozenset[str] = frozenset()
        self._people: frozenset[str] = frozenset()
        #: Bumped whenever an answer may change, so callers can tell stale cached results.
        self.generation = 0
        #: Why spell-check is off (with the install command), or "" when it works.
        self.problem = ""
        self._open()
        if builtin_words:
            self.set_layer("tech", tech_words())
            self.set_layer(NAMES_LAYER, people_names())
            # Built on a thread now rather than on the first keystroke that needs it.
            done = threading.Event()
            _warming.append(done)
            threading.Thread(target=_warm, args=(self.language, done), name="spelling-warm",
                             daemon=True).start()

    def _open(self) -> None:
        try:
            import enchant  # imported here: a missing C library raises ImportError at import
        except (ImportError, AssertionError, OSError):  # PYENCHANT_LIBRARY_PATH wrong: assert
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
            # Each layer's lowercase entries once: the merge below is then set unions in C.
            self._lower_of[name] = frozenset(w for w in self._layers[name] if w.islower())
            if name == NAMES_LAYER:
                self._people = self._layers[name]  # capitalised only: checked on its own
            else:
                keys = [k for k in self._layers if k != NAMES_LAYER]
                explicit = [k for k in keys if k in EXPLICIT_LAYERS]
                self._accept = frozenset().union(*(self._layers[k] for k in keys))
                self._accept_lower = frozenset().union(*(self._lower_of[k] for k in keys))
                self._explicit = frozenset().union(*(self._layers[k] for k in explicit))
                self._explicit_lower = frozenset().union(*(self._lower_of[k] for k in explicit))
            if name == "tech":
                # Built-in product names are also written in lowercase as the command, package
                # or host they are (github, linux, bsd); an author's own entries keep
                # Hunspell's rule.
                self._builtin_folded = frozenset(w.lower() for w in self._layers[name])
            self._names = {}
            self._cache.clear()
            self._good = set()
            self.generation += 1

    def copy(self) -> SpellChecker:
        """A checker with the same language and accepted words but a dictionary of its own,
        for another thread (enchant dictionaries are not safe to share)."""
        twin = SpellChecker(self.language, builtin_words=False)
        twin._rules = self._rules
        twin.copy_layers_from(self)
        return twin

    def copy_layers_from(self, other: SpellChecker) -> None:
        for name, words in dict(other._layers).items():
            self.set_layer(name, words)

    def layer_names(self) -> list[str]:
        return list(self._layers)

    def layer(self, name: str) -> frozenset[str]:
        return self._layers.get(name, frozenset())

    def add_to_layer(self, name: str, word: str) -> None:
        self.set_layer(name, self.layer(name) | {word})

    def ignore(self, word: str) -> None:
        """Accept the word until the checker goes away (the context menu's Ignore All)."""
        self.add_to_layer("session", word)

    def _accepted(self, word: str) -> bool:
        return word in self._accept or word.lower() in self._accept_lower or word in self._people

    def is_person_name(self, word: str) -> bool:
        """True for a listed given name or surname ("Florian", "Bruhin" is not)."""
        return word in self._people

    def _builtin_lowercase(self, word: str) -> bool:
        return (word.islower() or _title_case(word)) and word.lower() in self._builtin_folded

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
        try:
            if self._in_dictionary(plain):
                return True
        except Exception:  # enchant refuses some odd strings; never flag them
            return True
        if not self._rules:
            return False
        try:
            return self._trade_rules(plain, stem)
        except Exception:  # enchant refused one of the word's forms: the word stays flagged
            return False

    def _trade_rules(self, plain: str, stem: str) -> bool:
        """The rules beyond the dictionary and the lists, for a word both reject."""
        if self._builtin_lowercase(plain) or self._builtin_lowercase(stem):
            return True
        # A proper noun written as the command or package it names ("hugo", "aspell").
        if plain.islower() and len(plain) >= 4 and self._in_dictionary(plain.capitalize()):
            return True
        # ... or an acronym written so, as a tag or command ("bsd", "nfs").
        if plain.islower() and len(plain) <= 4 and self._in_dictionary(plain.upper()):
            return True
        # A word made of known parts, unless it is a slip from a listed or dictionary word
        # other than its own stem: "Terrafrom" is "terra" + "from", and a typo of "Terraform".
        if slip_index().near(plain):
            return False
        return package_name(plain, self._known_part) or (
            derived(plain, self._known_part, self._known_part)
            and not self._slip_of_a_word(plain, stems=True))

    def _slip_of_a_word(self, word: str, *, stems: bool = False) -> bool:
        """True when the dictionary knows a word one slip from ``word``; with ``stems``, not
        counting a letter dropped at either end (the stem of "metadatas" is no typo of it).
        Each slip is asked of the dictionary: a few milliseconds, against tens for its
        suggestions, as it runs while the author types."""
        slips = _slips(word, stems)
        known = stems_of(self.language)
        if known:
            # The dictionary's stems first, as a set; enchant is then asked only about the
            # slips that are a stem with an inflection's ending (a plural, a tense...).
            if any(w.lower() in known for w in slips):
                return True
            slips = {w for w in slips if _inflects(w.lower(), known)}
        with self._lock:
            check = self._dict.check
            return any(check(w) for w in slips)

    def _in_dictionary(self, word: str) -> bool:
        with self._lock:
            # (Only the site's language: "colour" in an en_US site is the author's to decide.)
            if self._dict.check(word):
                return True
            # English takes loanwords with or without their accents ("café", "naïve"),
            # and not every dictionary lists both spellings.
            folded = _fold_accents(word)
            return folded != word and bool(self._dict.check(folded))

    def _known_part(self, part: str) -> bool:
        """A lowercase part of a derived word: a dictionary or listed word, not a typo."""
        if is_known_misspelling(part):
            return False
        if self._accepted(part) or self._builtin_lowercase(part):
            return True
        try:
            return self._in_dictionary(part)
        except Exception:
            return False

    def looks_like_name(self, word: str) -> bool:
        """For a Capitalised word the checker rejects, read where a sentence does not start:
        True when it reads as a proper name, not a slip. A listed given name or surname is a
        name; so is a word with no dictionary or built-in word one slip away (a letter wrong,
        missing, added or two swapped): "Pfannschmidt" is a name, "Terrafrom" a typo of
        "Terraform", "Holger" (one from "Holder") stays flagged."""
        cached = self._names.get(word)
        if cached is not None:
            return cached
        found = False
        if (self._rules and _title_case(word) and self._dict is not None
                and not is_known_misspelling(word)):
            try:
                found = not slip_index().near(word) and not self._slip_of_a_word(word)
            except Exception:  # enchant refused a form of it: not taken for a name
                found = False
        self._names[word] = found
        return found

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
    except (ImportError, AssertionError, OSError):
        return []
    try:
        with _ENCHANT_LOCK:
            return sorted(set(enchant.list_languages()))
    except Exception:
        return []
