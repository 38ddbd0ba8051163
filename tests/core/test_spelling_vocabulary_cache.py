"""The site vocabulary's per-article cache: only changed articles are read again.

Reads are counted through learn_site's ``read`` argument (the real file is read); the cache
lives in BLOGEDITOR_CACHE_DIR, which every test gets fresh.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from types import SimpleNamespace

import pytest

from blogeditor.core.spelling.checker import SpellChecker
from blogeditor.core.spelling.vocabulary import learn_site
from blogeditor.core.spelling.vocabulary_cache import cache_path


@pytest.fixture(scope="module")
def checker() -> SpellChecker:
    found = SpellChecker("en_US")
    assert found.available, found.problem
    return found


def make_site(root: Path, count: int = 6) -> SimpleNamespace:
    content = root / "content"
    for n in range(count):
        folder = content / "posts" / f"p{n}"
        folder.mkdir(parents=True)
        (folder / "index.md").write_text(
            f"+++\ntitle = 'Post {n}'\n+++\n\nWe run zorbctl and quuxdb here, part {n}.\n",
            encoding="utf-8")
    (content / "_index.md").write_text("+++\n+++\n# Home\n", encoding="utf-8")
    return SimpleNamespace(root=root, content=content, home=content / "_index.md")


class Reads:
    def __init__(self) -> None:
        self.paths: list[Path] = []

    def __call__(self, path: Path) -> str:
        self.paths.append(path)
        return path.read_text(encoding="utf-8", errors="replace")


def learn(site: SimpleNamespace, checker: SpellChecker, reads: Reads) -> dict[str, int]:
    return learn_site(site.root, site.content, checker, site.home, read=reads)


def test_second_pass_reads_nothing_and_a_change_reads_only_that_article(
    tmp_path: Path, checker: SpellChecker
) -> None:
    site = make_site(tmp_path / "site")
    first = Reads()
    assert learn(site, checker, first) == {"quuxdb": 6, "zorbctl": 6}
    assert len(first.paths) == 6
    again = Reads()
    assert learn(site, checker, again) == {"quuxdb": 6, "zorbctl": 6}
    assert again.paths == []  # size and time unchanged: not even opened

    changed = site.content / "posts" / "p2" / "index.md"
    changed.write_text("+++\ntitle = 'Post 2'\n+++\n\nNow only quuxdb, rewritten.\n", "utf-8")
    after = Reads()
    assert learn(site, checker, after) == {"quuxdb": 6, "zorbctl": 5}
    assert after.paths == [changed]

    # Touched but the same bytes: read once to compare its hash, nothing else.
    os.utime(changed, ns=(1, 1))
    touched = Reads()
    assert learn(site, checker, touched) == {"quuxdb": 6, "zorbctl": 5}
    assert touched.paths == [changed]
    assert learn(site, checker, Reads()) == {"quuxdb": 6, "zorbctl": 5}


def test_added_and_removed_articles_count(tmp_path: Path, checker: SpellChecker) -> None:
    site = make_site(tmp_path / "site", 3)
    assert learn(site, checker, Reads()) == {"quuxdb": 3, "zorbctl": 3}
    (site.content / "posts" / "p0" / "index.md").unlink()
    assert learn(site, checker, Reads()) == {}  # two articles: not the site's words
    new = site.content / "posts" / "p9"
    new.mkdir()
    (new / "index.md").write_text("zorbctl and quuxdb again\n", encoding="utf-8")
    reads = Reads()
    assert learn(site, checker, reads) == {"quuxdb": 3, "zorbctl": 3}
    assert reads.paths == [new / "index.md"]


def test_other_word_lists_start_afresh(tmp_path: Path, checker: SpellChecker) -> None:
    site = make_site(tmp_path / "site", 3)
    learn(site, checker, Reads())
    other = checker.copy()
    other.set_layer("site", {"zorbctl"})  # the site list changed: other answers per article
    reads = Reads()
    assert learn(site, other, reads) == {"quuxdb": 3}
    assert len(reads.paths) == 3


@pytest.mark.parametrize("junk", [
    b"", b"\x00\xff garbage", b"[1, 2, 3]", b'{"format": 5}', b'{"format": "x", "checker": 1}',
    b'{"format": 5, "checker": "%s", "articles": {"posts/p0/index.md": {"size": "x"}}}',
    b'{"format": 5, "checker": "%s", "articles": [], "learned": {"a": "b"}}',
])
def test_a_corrupt_or_foreign_cache_is_ignored_and_replaced(
    tmp_path: Path, checker: SpellChecker, junk: bytes
) -> None:
    from blogeditor.core.spelling.vocabulary_cache import checker_key

    site = make_site(tmp_path / "site", 3)
    path = cache_path(site.root)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(junk.replace(b"%s", checker_key(checker).encode()))
    reads = Reads()
    assert learn(site, checker, reads) == {"quuxdb": 3, "zorbctl": 3}
    assert len(reads.paths) == 3
    data = json.loads(path.read_text(encoding="utf-8"))  # rewritten whole
    assert sorted(data["articles"]) == [f"posts/p{n}/index.md" for n in range(3)]
    assert list(path.parent.glob("*.tmp")) == []  # written by rename, nothing left over
    assert learn(site, checker, Reads()) == {"quuxdb": 3, "zorbctl": 3}


def test_the_cache_lives_in_the_users_cache_folder(tmp_path: Path, checker: SpellChecker) -> None:
    site = make_site(tmp_path / "site", 3)
    learn(site, checker, Reads())
    assert cache_path(site.root).is_relative_to(Path(os.environ["BLOGEDITOR_CACHE_DIR"]))
    assert cache_path(site.root).is_file()
