"""Folder names (slugs) made from post titles, the clean form of what authors type by hand.

"Stop Wasting Time: Turn AI Prompts Into Production Code" becomes
``stop-wasting-time-turn-ai-prompts-into-production-code``; "Your AI Agent Doesn't Need"
becomes ``your-ai-agent-doesnt-need``. Apostrophes vanish (so "doesn't" stays one word), every
other run of punctuation and spaces becomes one hyphen, accents are folded ("Café" -> "cafe").
Letters with no ASCII form (Cyrillic, CJK, ...) are kept, lowercased, as Hugo keeps them.
"""

from __future__ import annotations

import re
import unicodedata

# Letters NFKD does not decompose but every reader would spell this way in a URL.
_FOLDS = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
        "ø": "o",
        "đ": "d",
        "ð": "d",
        "ł": "l",
        "þ": "th",
        "ı": "i",
        "&": " and ",
    }
)
_APOSTROPHES = "'\u2019\u2018\u02bc`´"
_HYPHENS = re.compile(r"-{2,}")


def slugify(title: str) -> str:
    """The slug for ``title``: lowercase letters and digits joined by single hyphens.

    Returns "" when the title holds no letter or digit at all; callers refuse such titles.
    """
    slug = _once(title)
    # Repeat until stable so slugify(slugify(x)) == slugify(x) even for the rare letter whose
    # lowercase form decomposes further; real titles settle after the first pass.
    for _ in range(4):
        again = _once(slug)
        if again == slug:
            break
        slug = again
    return slug


def _once(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower().translate(_FOLDS))
    kept = (
        c.lower() if c.isalnum() and c.lower().isalnum() else "-"
        for c in text
        if not unicodedata.combining(c) and c not in _APOSTROPHES
    )
    return _HYPHENS.sub("-", "".join(kept)).strip("-")


def slug_words(slug: str) -> set[str]:
    """The meaningful words of a slug (or title), for telling whether two of them are related."""
    return {w for w in slugify(slug).split("-") if len(w) > 2 and w not in _STOP_WORDS}


_STOP_WORDS = frozenset(
    {"the", "and", "for", "with", "you", "your", "are", "how", "why", "what", "when", "from",
     "into", "this", "that", "its", "not", "but", "can", "all", "our", "out", "use", "using",
     "about", "vs"}
)
