"""Words built from known words: plurals, prefixed words and closed compounds.

Technical prose coins words by the rules of English faster than dictionaries list them:
"metadatas", "unscheduling", "treewatcher", "gamechanger". Such a word is not a typo when
its parts are words. Typos rarely split into known parts of four letters or more, and known
misspellings (codespell's) are rejected before this rule is asked, so the few that would
("alot", "everytime") stay flagged.
"""

from __future__ import annotations

from collections.abc import Callable

# Parts shorter than this are too easy to find inside a typo ("teh" + "re").
MIN_PART = 4
# Prefixes English joins to any word without a hyphen ("unscheduled", "reconnect").
PREFIXES = ("anti", "auto", "counter", "cross", "de", "dis", "hyper", "inter", "intra",
            "micro", "mis", "multi", "non", "over", "post", "pre", "pseudo", "re", "semi",
            "sub", "super", "un", "under")
NAMING_PREFIXES = ("py", "lib")

_SUFFIXES = ("s", "es", "er", "ers")
# An agent noun of a verb that ends in "e" adds only "r": finalise -> finaliser.
_E_SUFFIXES = ("r", "rs")


def derived(
    word: str, known: Callable[[str], bool], short: Callable[[str], bool] = lambda _: False
) -> bool:
    """True when ``word`` (lowercase or Capitalised) is a plural or a prefixed word, or
    (lowercase) a compound of up to three words that ``known`` accepts (it is asked lowercase
    parts); a compound of three may start with a three-letter part that ``short`` accepts
    ("gitwildmatch": two parts after a short one, so a missing space, "forthe", stays a typo)."""
    if not (word.islower() or (word[:1].isupper() and word[1:].islower())):
        return False
    low = word.lower()
    if len(low) < MIN_PART + 1:
        return False
    if _suffixed(low, known, 2):
        return True
    for prefix in PREFIXES:
        rest = low[len(prefix):]
        if low.startswith(prefix) and len(rest) >= MIN_PART and known(rest):
            return True
    if not word.islower():
        # A capitalised run of words is a product's name or a typo of one ("Modeplane" for
        # "Modelplane"): names are the vocabulary's and the name rule's to judge.
        return False
    head = low[:MIN_PART - 1]
    if short(head) and _compound(low[len(head):], known, 2):
        return True
    return _compound(low, known, 3)


def package_name(word: str, known: Callable[[str], bool]) -> bool:
    """Python's packages are named "py" + a word (pyenchant, pyupgrade), C's "lib" + a word.
    (A slip from an English word is no reason to doubt one: "pyenchant" is one letter from
    "penchant" by chance; a typo of the word after the prefix is no word.)"""
    low = word.lower()
    return word.islower() and any(
        low.startswith(p) and len(low) - len(p) >= MIN_PART and known(low[len(p):])
        for p in NAMING_PREFIXES)


def _suffixed(low: str, known: Callable[[str], bool], depth: int) -> bool:
    """A plural or an agent noun (and its plural) of a known word: "metadatas", "finalisers"."""
    for suffix in _SUFFIXES + _E_SUFFIXES:
        stem = low[:-len(suffix)]
        if not low.endswith(suffix) or len(stem) < MIN_PART:
            continue
        if suffix in _E_SUFFIXES and not stem.endswith("e"):
            continue  # an agent noun adds only "r" to a verb ending in "e": finalise, finaliser
        if known(stem) or (depth > 1 and _suffixed(stem, known, depth - 1)):
            return True
    return False


def _compound(low: str, known: Callable[[str], bool], parts: int) -> bool:
    """``low`` is two to ``parts`` known words of MIN_PART letters or more run together."""
    for i in range(MIN_PART, len(low) - MIN_PART + 1):
        if known(low[:i]) and (known(low[i:]) or (parts > 2 and _compound(low[i:], known, parts - 1))):
            return True
    return False
