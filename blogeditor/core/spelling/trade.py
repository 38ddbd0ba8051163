"""Words of the trade that are not typos, whatever a general dictionary says.

Technical prose is full of forms no dictionary lists but every reader knows: plurals and
possessives of acronyms (APIs, CRDs'), names written in CamelCase (GitOps, PostgreSQL) and
prefixes joined with a hyphen (un-breaking, re-run, non-root). Words with digits (versions,
units such as 10ms, k8s) and all-capital acronyms are not checked at all (markup.worth_checking).
"""

from __future__ import annotations

import re

# "APIs", "CRDs", "GPUs'", "URL's": an acronym of two or more capitals, made plural or possessive.
_ACRONYM_FORM = re.compile(r"^[A-Z]{2,}(?:s|'s|s')$")
# A capital after a lowercase letter inside the word: a name (GitOps, PostgreSQL, macOS, iPhone).
_CAMEL = re.compile(r"[a-z][A-Z]")
# Prefixes an author joins to any word with a hyphen; alone they are not words.
HYPHEN_PREFIXES = frozenset({
    "anti", "auto", "co", "cross", "de", "dis", "inter", "intra", "micro", "mid", "mini", "multi",
    "non", "out", "over", "post", "pre", "pro", "re", "semi", "sub", "super", "un", "under",
})


def is_trade_word(word: str) -> bool:
    """True for an acronym's plural or possessive, or a CamelCase name."""
    return bool(_ACRONYM_FORM.match(word) or _CAMEL.search(word))


def is_hyphen_prefix(word: str, following: str) -> bool:
    """True when ``word`` is a prefix written before a hyphen ("un" in "un-breaking")."""
    return word.lower() in HYPHEN_PREFIXES and following.startswith("-")
