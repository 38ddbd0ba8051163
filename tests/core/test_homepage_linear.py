"""Reading and editing a homepage takes work in proportion to its size, never more.

No clock: the tests count the work itself. Text handed to the parser is a ``str`` that
counts the characters its own methods look at (a ``text.count("\\n", 0, pos)`` per post,
the cause of the 21-second ``blogeditor posts`` on 10,000 posts, costs the whole prefix each
time), and a profiler hook counts every function call on the way. Doubling the posts must
about double both counts; quadratic work would quadruple them.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, SupportsIndex

import pytest

from blogeditor.core.homepage import homepage as homepage_module
from blogeditor.core.homepage.homepage import Homepage
from blogeditor.core.homepage.homepage_segments import Parsed, parse_segments

FRONT = '+++\narchetype = "home"\ntitle = ""\n+++\n\n# Latest Posts\n\n'


def teaser(n: int) -> str:
    """One of several real shapes, so that every path of the reader is walked."""
    link = f"/ai/post-{n}-about-gitops"
    body = [f"Teaser paragraph {n} with **bold**, `code` and [a link](https://example.com).",
            "Another paragraph, a\nsecond line."]
    if n % 4 == 1:
        body.append("```md\n## [Not a post](/ai/code)\n```")
    if n % 4 == 2:
        body.append("Type `<!--` to start a comment <!--more-->.")
    tip = ' "tooltip"' if n % 3 == 0 else ""
    own = (f'<img src="{link}/thumbnail.jpg" style="width:50%; float:right; padding: 10px">\n\n'
           f"## [Post {n}]({link}{tip})\n\n" + "\n\n".join(body)
           + f"\n\n**[Full article >>]({link})**")
    if n % 5 == 0:
        return f"<!-- {own}\n\n--- -->\n\n"
    if n % 7 == 0:
        return f"<!--\n<!-- {own}\n\n--- --> -->\n\n"
    return f"{own}\n\n---\n\n"


def homepage_text(posts: int) -> str:
    return FRONT + "".join(teaser(n) for n in range(posts))


class CountingStr(str):
    """A str whose own methods add the number of characters they examine to ``work``."""

    work = 0

    def _range(self, start: SupportsIndex | None, end: SupportsIndex | None) -> tuple[int, int]:
        return slice(start, end).indices(len(self))[:2]

    def count(self, sub: str, start: SupportsIndex | None = None,  # type: ignore[override]
              end: SupportsIndex | None = None) -> int:
        a, b = self._range(start, end)
        CountingStr.work += max(b - a, 0)
        return super().count(sub, a, b)

    def find(self, sub: str, start: SupportsIndex | None = None,  # type: ignore[override]
             end: SupportsIndex | None = None) -> int:
        a, b = self._range(start, end)
        found = super().find(sub, a, b)
        CountingStr.work += max((found + len(sub) if found != -1 else b) - a, 0)
        return found

    def rfind(self, sub: str, start: SupportsIndex | None = None,  # type: ignore[override]
              end: SupportsIndex | None = None) -> int:
        a, b = self._range(start, end)
        found = super().rfind(sub, a, b)
        CountingStr.work += max(b - (found if found != -1 else a), 0)
        return found

    def split(self, *args: Any, **kwargs: Any) -> list[str]:  # type: ignore[override]
        CountingStr.work += len(self)
        return super().split(*args, **kwargs)

    def __getitem__(self, key: SupportsIndex | slice) -> str:  # type: ignore[override]
        part = super().__getitem__(key)
        CountingStr.work += len(part)
        return part


def parse_work(posts: int) -> int:
    CountingStr.work = 0
    parsed = parse_segments(CountingStr(homepage_text(posts)))
    assert len(parsed.segments) == posts
    return CountingStr.work


@contextmanager
def counted_calls() -> Iterator[list[int]]:
    """Count every Python and C function call made inside the block."""
    calls = [0]

    def hook(frame: object, event: str, arg: object) -> None:
        if event in ("call", "c_call"):
            calls[0] += 1

    sys.setprofile(hook)
    try:
        yield calls
    finally:
        sys.setprofile(None)


def test_reading_twice_the_posts_costs_twice_the_work() -> None:
    small, large = parse_work(300), parse_work(600)
    assert 1.8 < large / small < 2.2, (small, large)


def test_the_counter_sees_a_quadratic_line_count() -> None:
    # The probe itself must be able to fail: the old per-post line count, done here on
    # the same text, grows four times when the posts double.
    def old_style(posts: int) -> int:
        CountingStr.work = 0
        text = CountingStr(homepage_text(posts))
        pos = 0
        while (pos := text.find("\n## [", pos + 1)) != -1:
            text.count("\n", 0, pos)
        return CountingStr.work

    assert old_style(600) / old_style(300) > 3.5


def session(hp: Homepage) -> None:
    """What an author does in a week, and the reading the command line does around it."""
    n = len(hp)
    hp.teasers  # noqa: B018 (listing reads every teaser)
    hp.hide(1)
    hp.show(1)
    hp.show(5)  # hidden twice
    hp.move(n - 1, 0)
    hp.move(0, n - 1)
    hp.remove(n - 1)
    hp.insert(0, title="Brand New", link="/ai/brand-new", thumbnail="/ai/brand-new/t.jpg")
    hp.set_title(0, "Brand New, Renamed")
    hp.to_bytes()


def session_work(posts: int, monkeypatch: pytest.MonkeyPatch) -> tuple[int, int, int]:
    parses = [0]
    real: Callable[[str], Parsed] = parse_segments

    def counting_parse(text: str) -> Parsed:
        parses[0] += 1
        return real(CountingStr(text))

    monkeypatch.setattr(homepage_module, "parse_segments", counting_parse)
    data = homepage_text(posts).encode()
    CountingStr.work = 0
    with counted_calls() as calls:
        hp = Homepage.parse(data)
        session(hp)
    return CountingStr.work, calls[0], parses[0]


def test_every_operation_costs_work_in_proportion_to_the_file(
        monkeypatch: pytest.MonkeyPatch) -> None:
    text_small, calls_small, parses_small = session_work(300, monkeypatch)
    text_large, calls_large, parses_large = session_work(600, monkeypatch)
    assert parses_small == parses_large <= 9  # one read, and one check per change
    assert 1.8 < text_large / text_small < 2.2, (text_small, text_large)
    assert 1.8 < calls_large / calls_small < 2.2, (calls_small, calls_large)


def test_the_generated_homepage_reads_as_written() -> None:
    hp = Homepage.parse(homepage_text(36).encode())
    assert [t.title for t in hp.teasers] == [f"Post {n}" for n in range(36)]
    assert [t.hidden for t in hp.teasers] == [n % 5 == 0 or n % 7 == 0 for n in range(36)]
    assert hp.to_bytes() == homepage_text(36).encode()
