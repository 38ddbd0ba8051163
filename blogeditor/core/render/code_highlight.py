"""A tiny syntax highlighter for fenced code in the preview.

Pygments is not a dependency, and the preview only needs the four things an eye looks for
in a code sample: comments, strings, numbers and keywords (plus keys in YAML/JSON/HCL).
The output is HTML-escaped text with ``<span class="hl-…">`` runs the preview stylesheets colour.
"""

from __future__ import annotations

import html
import re
from functools import cache

_SHELL_KEYWORDS = (
    "if then else elif fi for while until do done case esac in function return export local "
    "set unset source echo cd sudo"
)
_KEYWORDS: dict[str, str] = {
    "python": (
        "False None True and as assert async await break class continue def del elif else except "
        "finally for from global if import in is lambda nonlocal not or pass raise return try while "
        "with yield match case self"
    ),
    "go": (
        "break case chan const continue default defer else fallthrough for func go goto if import "
        "interface map package range return select struct switch type var nil true false"
    ),
    "js": (
        "async await break case catch class const continue default delete do else export extends "
        "false finally for from function if import in instanceof let new null return super switch "
        "this throw true try typeof undefined var void while yield of"
    ),
    "sh": _SHELL_KEYWORDS,
    "yaml": "true false null yes no on off",
    "json": "true false null",
    "hcl": "resource variable output module provider data locals terraform true false null for in",
}
_KEYWORDS["ts"] = _KEYWORDS["js"] + " interface type enum implements private public readonly as any"

_ALIASES = {
    "python": "python", "py": "python", "python3": "python",
    "go": "go", "golang": "go",
    "js": "js", "javascript": "js", "jsx": "js", "mjs": "js",
    "ts": "ts", "typescript": "ts", "tsx": "ts",
    "sh": "sh", "bash": "sh", "shell": "sh", "zsh": "sh", "console": "sh", "shell-session": "sh",
    "yaml": "yaml", "yml": "yaml",
    "json": "json", "jsonc": "json",
    "hcl": "hcl", "terraform": "hcl", "tf": "hcl",
}

_HASH_COMMENT = r"(?P<c>(?:(?<=\s)|^)#[^\n]*)"
_SLASH_COMMENT = r"(?P<c>//[^\n]*|/\*[\s\S]*?(?:\*/|$))"
_HASH_OR_SLASH = r"(?P<c>(?:(?<=\s)|^)#[^\n]*|//[^\n]*|/\*[\s\S]*?(?:\*/|$))"
_STRINGS = r"(?P<s>\"(?:[^\"\\\n]|\\.)*\"?|'(?:[^'\\\n]|\\.)*'?)"
_PY_STRINGS = (
    r"(?P<s>\"\"\"[\s\S]*?(?:\"\"\"|$)|'''[\s\S]*?(?:'''|$)"
    r"|\"(?:[^\"\\\n]|\\.)*\"?|'(?:[^'\\\n]|\\.)*'?)"
)
_BACKTICK_STRINGS = r"(?P<s>`[^`]*`?|\"(?:[^\"\\\n]|\\.)*\"?|'(?:[^'\\\n]|\\.)*'?)"
_NUMBER = r"(?P<n>\b\d+(?:\.\d+)?(?:[eE][+-]?\d+)?\b|\b0[xX][0-9a-fA-F]+\b)"
_WORD = r"(?P<w>\b[A-Za-z_][\w-]*\b)"
_YAML_KEY = r"(?P<k>^[ \t]*(?:- )?[\w.\-/\"']+(?=:(?:\s|$)))"
_JSON_KEY = r"(?P<k>\"(?:[^\"\\\n]|\\.)*\"(?=\s*:))"
_HCL_KEY = r"(?P<k>^[ \t]*[\w.-]+(?=\s*=))"


@cache
def _pattern(lang: str) -> re.Pattern[str]:
    parts: list[str]
    if lang == "python":
        parts = [_HASH_COMMENT, _PY_STRINGS, _NUMBER, _WORD]
    elif lang == "sh":
        parts = [_HASH_COMMENT, _STRINGS, _NUMBER, _WORD]
    elif lang == "yaml":
        parts = [_HASH_COMMENT, _YAML_KEY, _STRINGS, _NUMBER, _WORD]
    elif lang == "json":
        parts = [_JSON_KEY, _STRINGS, _NUMBER, _WORD]
    elif lang == "hcl":
        parts = [_HASH_OR_SLASH, _HCL_KEY, _STRINGS, _NUMBER, _WORD]
    else:  # go, js, ts
        parts = [_SLASH_COMMENT, _BACKTICK_STRINGS, _NUMBER, _WORD]
    return re.compile("|".join(parts), re.MULTILINE)


def language_of(info: str | None) -> str | None:
    """The highlighter language for a fence's info string ("yaml", "bash {linenos=1}"...)."""
    if not info:
        return None
    name = info.strip().split()[0].strip("{}.").lower() if info.strip() else ""
    return _ALIASES.get(name)


def highlight(code: str, info: str | None) -> str:
    """HTML-escaped ``code`` with spans around comments, strings, numbers, keywords and keys.

    Unknown languages are escaped only: a wrong colour is worse than none.
    """
    lang = language_of(info)
    if lang is None:
        return html.escape(code, quote=False)
    keywords = frozenset(_KEYWORDS[lang].split())
    out: list[str] = []
    pos = 0
    for m in _pattern(lang).finditer(code):
        kind = m.lastgroup
        text = m.group()
        if kind == "w":
            if text not in keywords:
                continue
            kind = "kw"
        out.append(html.escape(code[pos : m.start()], quote=False))
        out.append(f'<span class="hl-{kind}">{html.escape(text, quote=False)}</span>')
        pos = m.end()
    out.append(html.escape(code[pos:], quote=False))
    return "".join(out)
