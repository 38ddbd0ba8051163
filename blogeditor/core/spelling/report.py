"""Spelling problems of a homepage (and optionally its site's articles) for the command line.

``blogeditor check SITE --spelling`` prints one line per misspelled word of the homepage and
of every article,
``content/_index.md:12:7: officiently (suggestions: efficiently, sufficiently, inefficiently)``,
so authors can run it before publishing or in their site's CI. It accepts the same words the
editor accepts: the site list, the personal list, the built-in tech words and the site's
learned vocabulary (minus struck-out words).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from blogeditor.core.errors import BlogEditorError
from blogeditor.core.spelling.checker import DEFAULT_LANGUAGE, SpellChecker, language_from_code
from blogeditor.core.spelling.consistency import Inconsistency, inconsistent_names
from blogeditor.core.spelling.markup import blank_lines
from blogeditor.core.spelling.scan import blanked_misspellings
from blogeditor.core.spelling.vocabulary import learn_site, read_struck, site_vocabulary
from blogeditor.core.spelling.wordlists import personal_words_path, read_words, site_words_path

SUGGESTIONS_SHOWN = 3


@dataclass(frozen=True)
class SpellingProblem:
    path: Path
    line: int  # 1-based
    column: int  # 1-based, in characters
    word: str
    suggestions: tuple[str, ...] = ()
    display_path: str = field(default="", compare=False)
    # "spelling" (a word the dictionary rejects) or "inconsistent" (a name spelled two ways)
    kind: str = "spelling"
    message: str = ""

    def __str__(self) -> str:
        where = f"{self.display_path or self.path}:{self.line}:{self.column}"
        if self.message:
            return f"{where}: {self.message}"
        shown = ", ".join(self.suggestions[:SUGGESTIONS_SHOWN]) or "none"
        return f"{where}: {self.word} (suggestions: {shown})"

    def as_json(self) -> dict[str, Any]:
        found: dict[str, Any] = {
            "kind": self.kind, "file": self.display_path or str(self.path), "line": self.line,
            "column": self.column, "word": self.word, "suggestions": list(self.suggestions)}
        if self.message:
            found["message"] = self.message
        return found


def site_language(site: Any | None) -> str:
    """The enchant tag for the site's languageCode (en-us -> en_US), en_US when it has none."""
    code = None
    if site is not None:
        try:
            code = site.language_code()
        except Exception:  # a broken config is reported by the other checks, not here
            code = None
    return language_from_code(code) or DEFAULT_LANGUAGE


def make_checker(
    site: Any | None, language: str | None = None, *, vocabulary: bool = True
) -> SpellChecker:
    """A checker accepting the personal and site lists and, with a site, its vocabulary."""
    checker = SpellChecker(language or site_language(site))
    checker.set_layer("personal", read_words(personal_words_path()))
    if site is not None:
        checker.set_layer("site", read_words(site_words_path(site.root)))
        if vocabulary and checker.available:
            learned = learn_site(site.root, site.content_dir, checker, site.homepage_path)
            checker.set_layer("vocabulary", site_vocabulary(learned, read_struck(site.root)))
    return checker


def display_path(path: Path, site: Any | None) -> str:
    """``path`` relative to the site root with / separators (as printed), else as given."""
    if site is not None:
        try:
            return Path(path).resolve().relative_to(_resolved(str(site.root))).as_posix()
        except ValueError:
            pass
    return str(path)


def file_problems(path: Path, checker: SpellChecker, site: Any | None = None) -> list[SpellingProblem]:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise BlogEditorError(f"Cannot read {path} for spell-check: {exc}") from exc
    display = display_path(path, site)
    suggestions: dict[str, tuple[str, ...]] = {}
    problems = []
    # Blanked once for both the misspellings and the names spelled two ways.
    blanked = [b for b, _ in blank_lines(line.rstrip("\r") for line in text.split("\n"))]
    for m in blanked_misspellings(blanked, checker):
        if m.word not in suggestions:
            suggestions[m.word] = tuple(checker.suggest(m.word, limit=SUGGESTIONS_SHOWN))
        problems.append(
            SpellingProblem(Path(path), m.line, m.column, m.word, suggestions[m.word], display)
        )
    homepage = site is not None and _resolved(str(path)) == _resolved(str(site.homepage_path))
    for found in text_inconsistencies(text, checker.language, homepage=homepage,
                                      blanked_lines=blanked):
        problems.append(SpellingProblem(Path(path), found.line, found.column, found.word,
                                        (found.other,), display, "inconsistent", found.message()))
    return sorted(problems, key=lambda p: (p.line, p.column))


def text_inconsistencies(
    text: str, language: str, *, homepage: bool, blanked_lines: list[str] | None = None
) -> list[Inconsistency]:
    """Names spelled two ways within one article, or within one teaser of the homepage
    (two teasers may well name two different things)."""
    known = _plain_dictionary(language).check
    if not homepage:
        return inconsistent_names(text, known, blanked_lines)
    from blogeditor.core.homepage.homepage import Homepage

    try:
        teasers = Homepage.parse(text).teasers
    except BlogEditorError:
        return []
    lines = text.split("\n")
    found = []
    for teaser in teasers:
        part = "\n".join(lines[teaser.start_line - 1:teaser.end_line])
        found += [replace(f, line=f.line + teaser.start_line - 1)
                  for f in inconsistent_names(part, known)]
    return found


@cache
def _resolved(path: str) -> Path:
    return Path(path).resolve()


@cache
def _plain_dictionary(language: str) -> SpellChecker:
    return SpellChecker(language, builtin_words=False)


def spelling_problems(
    site: Any | None,
    homepage_path: Path,
    *,
    language: str | None = None,
    articles: bool = False,
) -> list[SpellingProblem]:
    """Misspelled words of the homepage (and, with articles=True, of every article), in order.

    `site` is a core.site.Site or None (a lone file: no site list, no vocabulary). Raises
    BlogEditorError when spell-check cannot run (enchant or the dictionary is missing); the
    message holds the command that installs it.
    """
    checker = make_checker(site, language)
    if not checker.available:
        raise BlogEditorError(checker.problem)
    problems = file_problems(homepage_path, checker, site)
    if articles and site is not None:
        from blogeditor.core.spelling.vocabulary import article_paths

        for path in article_paths(site.content_dir, homepage_path):
            problems.extend(file_problems(path, checker, site))
    return problems


def spelling_lines(
    site: Any | None, homepage_path: Path, *, language: str | None = None, articles: bool = False
) -> list[str]:
    """The report as printable lines: ``file:line: word (suggestions: a, b, c)``."""
    return [
        str(p) for p in spelling_problems(site, homepage_path, language=language, articles=articles)
    ]
