"""Spell-check on real technical prose: typos caught, and false alarms per 1,000 words.

The corpus is the long descriptions (READMEs) in the METADATA of the installed packages
(PySide6, Markdown, pytest, watchdog, ...): real technical writing that is on every machine
with BlogEditor's environment, offline. Misspellings from codespell's own pairs are injected
into it, some repeated across several READMEs (as an author repeats a typo), and the site's
vocabulary is learned from the corpus first, as the app does. Two figures come out:
the share of injected typos flagged (budget >= 95 %), and the other words flagged per 1,000
words (budget <= 1).
"""

from __future__ import annotations

import importlib.metadata as metadata
import random
import re
from dataclasses import dataclass

from blogeditor.core.spelling.checker import SpellChecker
from blogeditor.core.spelling.markup import blank_document
from blogeditor.core.spelling.misspellings import _table, is_known_misspelling
from blogeditor.core.spelling.scan import document_misspellings
from blogeditor.core.spelling.vocabulary import learn, site_vocabulary

_RST_NOISE = [
    (re.compile(r"^\.\. .*$(\n[ \t]+.*$)*", re.M), ""),  # directives and their bodies
    (re.compile(r":[\w:-]+:`[^`]*`"), " "),  # :role:`text`
    (re.compile(r"`[^`]*`_+"), " "),  # `link`_
    (re.compile(r"``[^`]*``"), " "),  # ``literal``
    (re.compile(r"^\s*[=\-~^\"'`#*+]{3,}\s*$", re.M), ""),  # section underlines
    (re.compile(r"^(::|.*::)\s*$\n(\n?[ \t]+.*$)*", re.M), ""),  # literal blocks
]


_POSSESSIVE = re.compile(r"['’]s?$")

# Our own README, and codespell's, whose README shows misspellings on purpose; and the
# packaging tools `make package` adds to the environment (PyInstaller and its helpers): the
# corpus is the environment `make test` runs in, whether or not a package was built before.
SKIP = ("blogeditor", "codespell", "pyinstaller", "pyinstaller-hooks-contrib", "altgraph")


def corpus(min_words: int = 200, skip: tuple[str, ...] = SKIP) -> dict[str, str]:
    """Package name -> its README as Markdown-ish text (reStructuredText lightly cleaned)."""
    found: dict[str, str] = {}
    for dist in metadata.distributions():
        meta = dist.metadata
        name = meta["Name"] or ""
        if not name or name.lower() in skip or name.lower() in found:
            continue
        body = meta.get_payload() or meta.get("Description") or ""
        if not isinstance(body, str) or len(body.split()) < min_words:
            continue
        if "markdown" not in (meta.get("Description-Content-Type") or ""):
            for pattern, repl in _RST_NOISE:
                body = pattern.sub(repl, body)
        found[name.lower()] = body
    return dict(sorted(found.items()))


@dataclass
class Result:
    words: int
    injected: int
    caught: int
    other_flags: int
    repeated_typos: int
    # Flags of misspellings the READMEs already had (codespell lists them): right, not "other".
    original_typos: int = 0
    # Flags of the other region's spellings ("colour" in this en_US check): the site's
    # language is the author's choice, and BlogEditor flags them on purpose.
    regional: int = 0
    other_words: tuple[str, ...] = ()

    @property
    def catch_rate(self) -> float:
        return self.caught / self.injected if self.injected else 1.0

    @property
    def other_per_1000(self) -> float:
        return 1000 * self.other_flags / self.words if self.words else 0.0


def _reverse_pairs() -> dict[str, list[str]]:
    reverse: dict[str, list[str]] = {}
    for typo, fixes in _table().items():
        if len(fixes) == 1 and fixes[0].isalpha() and fixes[0].islower() and len(fixes[0]) > 3:
            reverse.setdefault(fixes[0], []).append(typo)
    return reverse


def inject(texts: dict[str, str], count: int, seed: int = 11) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Replace ``count`` words with a codespell misspelling of theirs. A tenth of the typos are
    each repeated in three different READMEs (as an author repeats a typo across articles),
    the rest go one by one. Returns the new texts and (README, typo) pairs."""
    rng = random.Random(seed)
    reverse = _reverse_pairs()
    word = re.compile(r"(?<![\w`/.-])([a-z]{4,})(?![\w`/.-])")
    # Only words spell-check reads: not in code, links, URLs or markup (blanked the same way).
    prose = {name: blank_document(text) for name, text in texts.items()}
    slots = [(name, m) for name, text in texts.items() for m in word.finditer(text)
             if m.group(1) in reverse and prose[name][m.start(1):m.end(1)] == m.group(1)]
    rng.shuffle(slots)
    chosen: dict[str, list[tuple[int, int, str]]] = {}
    injected: list[tuple[str, str]] = []

    def place(name: str, m: re.Match[str], typo: str) -> bool:
        spans = chosen.setdefault(name, [])
        if any(abs(s - m.start(1)) < 40 for s, _e, _t in spans):
            return False  # one typo in a phrase, as in real writing
        spans.append((m.start(1), m.end(1), typo))
        injected.append((name, typo))
        return True

    by_word: dict[str, dict[str, re.Match[str]]] = {}
    for name, m in slots:
        by_word.setdefault(m.group(1), {}).setdefault(name, m)
    spread = [w for w, places in sorted(by_word.items()) if len(places) >= 3]
    rng.shuffle(spread)
    for target in spread[: count // 30]:
        typo = rng.choice(reverse[target])
        for name in sorted(by_word[target])[:3]:
            place(name, by_word[target][name], typo)
    for name, m in slots:
        if len(injected) >= count:
            break
        place(name, m, rng.choice(reverse[m.group(1)]))
    out = dict(texts)
    for name, spans in chosen.items():
        text = texts[name]
        for start, end, typo in sorted(spans, reverse=True):
            text = text[:start] + typo + text[end:]
        out[name] = text
    return out, injected


def measure(count: int = 300, seed: int = 11) -> Result:
    texts = corpus()
    typo_texts, injected = inject(texts, count, seed)
    bare = SpellChecker("en_US")
    learned = learn(typo_texts.values(), bare)
    checker = SpellChecker("en_US")
    checker.set_layer("vocabulary", site_vocabulary(learned, set()))
    typos = {typo for _n, typo in injected}
    caught = 0
    other: list[str] = []
    original = 0
    regional = 0
    british = SpellChecker("en_GB")  # what BlogEditor accepts in an en_GB site
    for name, text in typo_texts.items():
        # A typo placed in "build's" is flagged as "buiild's": judged by its stem.
        flagged = [_POSSESSIVE.sub("", m.word) for m in document_misspellings(text, checker)]
        expected = sorted(t for n, t in injected if n == name)
        for word in flagged:
            if word in typos and word in expected:
                expected.remove(word)
                caught += 1
            elif is_known_misspelling(word) and word in texts[name]:
                original += 1
            elif word not in typos and british.available and british.check(word):
                regional += 1
            elif word not in typos:
                other.append(word)
    words = sum(len(t.split()) for t in texts.values())
    repeats = sum(1 for t in typos if sum(1 for _n, x in injected if x == t) >= 3)
    return Result(words, len(injected), caught, len(other), repeats, original, regional,
                  tuple(other))


def run() -> list[dict]:
    result = measure()
    return [
        {"name": f"Injected typos caught ({result.injected} in {result.words:,} words of installed "
                 f"READMEs; {result.repeated_typos} repeated in 3+ places)",
         "value": round(100 * result.catch_rate, 1), "unit": "%", "budget": ">= 95 %",
         "ok": result.catch_rate >= 0.95},
        {"name": f"Other words flagged in the same prose ({result.other_flags}; besides "
                 f"{result.original_typos} known misspellings the READMEs already had and "
                 f"{result.regional} en_GB spellings, flagged in an en_US site on purpose)",
         "value": round(result.other_per_1000, 2),
         "unit": "per 1,000 words", "budget": "<= 1", "ok": result.other_per_1000 <= 1},
    ]


if __name__ == "__main__":
    r = measure()
    print(f"{r.words} words, {r.injected} injected, caught {r.caught} ({100 * r.catch_rate:.1f} %), "
          f"other flags {r.other_flags} ({r.other_per_1000:.2f} per 1,000 words, budget <= 1), "
          f"{r.original_typos} known misspellings already in the READMEs, {r.regional} en_GB "
          f"spellings (flagged in an en_US site on purpose)")
    print("other flags:", ", ".join(sorted(set(r.other_words))))
