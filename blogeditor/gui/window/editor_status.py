"""What the status bar needs to speak for an editor other than the homepage teaser's."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from blogeditor.gui.editor.editor import MarkdownEditor


@dataclass(frozen=True)
class EditorStatus:
    label: str  # "Article": the status bar says "Article saved" / "Article: unsaved changes"
    editor: MarkdownEditor  # words, reading time and cursor position come from it
    dirty: Callable[[], bool]
