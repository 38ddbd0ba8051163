"""Spell-check that understands Markdown and Hugo (no Qt here; the editor side is gui/spell_ui)."""

from __future__ import annotations

from blogeditor.core.spelling.checker import SpellChecker, language_from_code
from blogeditor.core.spelling.report import SpellingProblem, spelling_problems

__all__ = ["SpellChecker", "SpellingProblem", "language_from_code", "spelling_problems"]
