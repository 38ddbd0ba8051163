"""The site index: articles read once per change, checks computed once per version.

Real files in a temporary site; the index's own counters (reads, parses, check runs) say
how much work was done, so no test depends on a clock.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import tempfile
import threading
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from blogeditor.core.article import article_facts
from blogeditor.core.article.article_facts import ArticleCache
from blogeditor.core.homepage.homepage import Homepage
from blogeditor.core.site.checks import check, run_checks
from blogeditor.core.site.site import Site
from blogeditor.core.site.site_index import SiteIndex, index_for
from blogeditor.core.site.site_key import legacy_site_keys, site_key
from blogeditor.core.storage.backups import site_backup_dir
from blogeditor.core.storage.locking import lock_path
from tests.core.test_homepage_linear import counted_calls  # the one call counter

NOW = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)
REAL_JPEG = (Path(__file__).resolve().parents[2] / "resources" / "demo-site" / "content" / "ai"
             / "reviewing-code-with-a-language-model" / "thumbnail-01.jpg").read_bytes()


def make_site(root: Path, articles: int) -> Site:
    root.mkdir(parents=True, exist_ok=True)
    (root / "hugo.toml").write_text('languageCode = "en-us"\n', encoding="utf-8")
    for n in range(articles):
        write_article(root, n)
    return Site.find(root)


def bundle(root: Path, n: int) -> Path:
    return root / "content" / "ai" / f"post-{n}"


def write_article(root: Path, n: int, *, title: str | None = None, draft: bool = False,
                  date: str = "2026-02-25T07:00:00+00:00", corrupt: bool = False) -> Path:
    folder = bundle(root, n)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "_index.md"
    if corrupt:
        path.write_text("+++\ntitle = 'Broken'\ndate = \n", encoding="utf-8")
    else:
        path.write_text(f"+++\ntitle = '{title or f'Post {n}'}'\ndate = {date}\n"
                        f"draft = {str(draft).lower()}\n+++\n\nText of post {n}.\n",
                        encoding="utf-8")
    thumb = folder / "thumbnail.jpg"
    if not thumb.exists():
        thumb.write_bytes(REAL_JPEG)
    return path


def homepage(links: list[tuple[str, str, bool]]) -> Homepage:
    parts = []
    for title, link, hidden in links:
        text = (f'<img src="{link}/thumbnail.jpg" style="width:50%; float:right; padding: 10px">'
                f"\n\n## [{title}]({link})\n\nBody.\n\n**[Full article >>]({link})**\n\n")
        parts.append(f"<!-- {text}--- -->\n\n" if hidden else f"{text}---\n\n")
    return Homepage.parse("+++\ntitle = ''\n+++\n\n# Latest Posts\n\n" + "".join(parts))


def teasers_for(count: int) -> Homepage:
    return homepage([(f"Post {n}", f"/ai/post-{n}", n % 3 == 2) for n in range(count)])


@pytest.fixture
def site(tmp_path: Path) -> Site:
    return make_site(tmp_path, 20)


# -- only what changed is read again -----------------------------------------------------


def test_a_full_index_reads_each_article_once_and_a_second_sweep_reads_none(site: Site) -> None:
    index = SiteIndex(site)
    touched = index.refresh()
    assert index.articles.reads == 20 and len(touched) == 20
    assert index.refresh() == set()
    assert index.articles.reads == 20


def test_one_changed_article_costs_one_read(site: Site) -> None:
    index = SiteIndex(site)
    index.refresh()
    path = write_article(site.root, 7, draft=True)
    os.utime(path, ns=(1, 1))  # a different mtime whatever the clock's resolution
    assert index.refresh() == {path}
    assert index.articles.reads == 21 and index.articles.parses == 21
    # The watcher names it: read again (a same-tick write is not missed), nothing else is.
    assert index.refresh([path]) == set()
    assert index.articles.reads == 22 and index.articles.parses == 21


def test_a_touch_without_a_change_reads_but_does_not_parse_or_move_answers(site: Site) -> None:
    index = SiteIndex(site)
    index.refresh()
    version = index.articles.version
    os.utime(bundle(site.root, 3) / "_index.md", ns=(5, 5))
    assert index.refresh() == set()
    assert index.articles.reads == 21 and index.articles.parses == 20
    assert index.articles.version == version


def test_the_same_version_is_checked_once_and_shared(site: Site) -> None:
    index = SiteIndex(site)
    hp = teasers_for(20)
    first = index.check(hp, now=NOW)
    again = index.check(Homepage.parse(hp.to_bytes()), now=NOW)  # another copy, same bytes
    assert again is first and index.check_runs == 1
    assert index.cached_check(hp, now=NOW) is first
    reads = index.articles.reads
    path = write_article(site.root, 2, draft=False)  # hidden teaser over a published post
    assert index.refresh([path]) == set()  # same bytes: still the same answer
    assert index.check(hp, now=NOW) is first
    write_article(site.root, 2, draft=True)
    index.refresh([path])
    assert index.cached_check(hp, now=NOW) is None
    second = index.check(hp, now=NOW)
    assert index.check_runs == 2 and second != first
    assert index.articles.reads == reads + 2  # the two refreshes; the check read nothing


def test_an_image_or_settings_change_moves_the_generation(site: Site) -> None:
    index = SiteIndex(site)
    hp = teasers_for(3)
    assert [p.kind for p in index.check(hp, now=NOW) if p.kind == "missing-thumbnail"] == []
    image = bundle(site.root, 1) / "thumbnail.jpg"
    image.unlink()
    index.refresh([image])
    assert [p.position for p in index.check(hp, now=NOW) if p.kind == "missing-thumbnail"] == [2]


def test_a_check_without_a_fixed_now_expires_when_a_scheduled_post_goes_live(site: Site) -> None:
    index = SiteIndex(site)
    soon = dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
    write_article(site.root, 0, date=soon.isoformat())
    hp = teasers_for(1)
    assert [p.kind for p in index.check(hp)] == ["future-visible"]
    entry = next(iter(index._checks.values()))
    assert entry.valid_until == soon.replace(microsecond=soon.microsecond)


def test_the_homepage_write_itself_does_not_move_the_generation(site: Site) -> None:
    index = SiteIndex(site)
    generation = index.generation
    index.refresh([site.homepage_path])
    assert index.generation == generation


# -- deleted, renamed and broken articles ------------------------------------------------


def test_a_deleted_article_disappears(site: Site) -> None:
    index = SiteIndex(site)
    index.refresh()
    path = bundle(site.root, 4) / "_index.md"
    path.unlink()
    assert index.refresh([path]) == {path}
    assert os.fspath(path) not in index.articles.known()
    kinds = [(p.position, p.kind) for p in index.check(teasers_for(5), now=NOW)]
    assert (5, "missing-article") in kinds


def test_a_renamed_bundle_disappears_under_its_old_name(site: Site) -> None:
    index = SiteIndex(site)
    index.refresh()
    old = bundle(site.root, 5)
    new = old.with_name("post-5-renamed")
    old.rename(new)
    assert index.refresh([old, new]) == {old / "_index.md"}
    assert os.fspath(old / "_index.md") not in index.articles.known()
    swept = SiteIndex(site)
    swept.refresh()
    index.refresh()  # a sweep after the rename reads the new name, once
    assert set(index.articles.known()) == set(swept.articles.known())


def test_a_corrupt_article_is_a_clear_problem_not_a_crash(site: Site) -> None:
    index = SiteIndex(site)
    path = write_article(site.root, 1, corrupt=True)
    index.refresh([path])
    problems = [p for p in index.check(teasers_for(2), now=NOW) if p.kind == "bad-article"]
    assert [p.position for p in problems] == [2]
    assert "_index.md" in problems[0].message and "never closed" in problems[0].message
    (bundle(site.root, 0) / "_index.md").write_bytes(b"+++\ntitle = '\xff'\n+++\n")
    index.refresh([bundle(site.root, 0) / "_index.md"])
    problems = [p for p in index.check(teasers_for(2), now=NOW) if p.kind == "bad-article"]
    assert [p.position for p in problems] == [1, 2] and "UTF-8" in problems[0].message


def test_check_keeps_its_signature_and_can_answer_from_an_index(site: Site) -> None:
    hp = teasers_for(20)
    index = SiteIndex(site)
    assert check(site, hp, now=NOW) == check(site, hp, now=NOW, index=index)
    assert check(site, hp, now=NOW) == list(index.check(hp, now=NOW))
    assert index_for(site) is index_for(Site(site.root))


def test_article_facts_answers_from_the_shared_cache(site: Site) -> None:
    path = bundle(site.root, 9) / "_index.md"
    assert article_facts.load_article(path).title == "Post 9"
    assert article_facts.load_article(path) is article_facts.load_article(path)
    write_article(site.root, 9, title="Renamed nine")
    article_facts.forget(path)
    assert article_facts.load_article(path).title == "Renamed nine"


def test_readers_and_one_writer_at_once(site: Site) -> None:
    index = SiteIndex(site)
    hp = teasers_for(20)
    errors: list[BaseException] = []
    stop = threading.Event()

    def reader() -> None:
        try:
            while not stop.is_set():
                index.check(hp, now=NOW)
        except BaseException as exc:  # reported below, in the test thread
            errors.append(exc)

    threads = [threading.Thread(target=reader) for _ in range(3)]
    for t in threads:
        t.start()
    for round_ in range(30):
        path = write_article(site.root, round_ % 20, draft=bool(round_ % 2))
        index.refresh([path])
    stop.set()
    for t in threads:
        t.join()
    assert not errors
    assert index.check(hp, now=NOW) == tuple(run_checks(site, hp, now=NOW,
                                                        load=ArticleCache().load))


# -- the cache answers what an uncached check answers, whatever the edits ------------------

EDITS = st.lists(st.tuples(st.sampled_from(["draft", "title", "future", "delete", "rename",
                                            "corrupt", "touch", "thumb", "restore"]),
                           st.integers(0, 3)), min_size=1, max_size=12)


def _edit(root: Path, op: str, n: int) -> list[Path]:
    """Make one edit; return the paths a watcher would report."""
    folder = bundle(root, n)
    path = folder / "_index.md"
    if op == "rename":
        if not folder.exists():
            return []
        other = folder.with_name(f"post-{n}-moved")
        shutil.rmtree(other, ignore_errors=True)
        folder.rename(other)
        return [folder, other]
    if op == "delete":
        path.unlink(missing_ok=True)
        return [path]
    if op == "thumb":
        (folder / "thumbnail.jpg").unlink(missing_ok=True)
        return [folder / "thumbnail.jpg"]
    if op == "touch":
        if path.exists():
            os.utime(path, ns=(7, 7))
        return [path]
    kwargs: dict[str, Any] = {"draft": op == "draft", "corrupt": op == "corrupt",
                              "title": "Something else entirely" if op == "title" else None,
                              "date": "2027-01-01T00:00:00+00:00" if op == "future"
                              else "2026-02-25T07:00:00+00:00"}
    return [write_article(root, n, **kwargs), folder / "thumbnail.jpg"]  # made if missing


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits=EDITS)
def test_the_cache_answers_what_an_uncached_check_answers(edits: list[tuple[str, int]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        site = make_site(Path(tmp), 4)
        index = SiteIndex(site)
        index.refresh()
        hp = homepage([(f"Post {n}", f"/ai/post-{n}", n == 2) for n in range(4)]
                      + [("Post 1 moved", "/ai/post-1-moved", False)])
        for op, n in edits:
            index.check(hp, now=NOW)  # a cached answer for the version before the edit
            reads = index.articles.reads
            reported = _edit(Path(tmp), op, n)
            index.refresh(reported)
            assert index.articles.reads - reads <= len(reported)
            fresh = run_checks(site, hp, now=NOW, load=ArticleCache().load)
            assert list(index.check(hp, now=NOW)) == fresh, (op, n)


# -- linear work: counted, not timed -------------------------------------------------------


def test_indexing_work_grows_linearly_and_one_change_costs_one_read(tmp_path: Path) -> None:
    work = {}
    for size in (100, 200):
        site = make_site(tmp_path / str(size), size)
        index = SiteIndex(site)
        with counted_calls() as calls:
            index.refresh()
        assert index.articles.reads == size and index.articles.parses == size
        work[size] = calls[0]
        path = write_article(site.root, size // 2, draft=True)
        os.utime(path, ns=(3, 3))
        assert index.refresh() == {path}  # a sweep: one stat each, one read
        assert index.articles.reads == size + 1 and index.articles.parses == size + 1
        with counted_calls() as calls_named:
            index.refresh([path])
        assert index.articles.reads == size + 2
        assert calls_named[0] < work[size] / size * 5  # a named change: about one article's work
    assert 1.6 < work[200] / work[100] < 2.5, work


def test_checking_work_grows_linearly_with_teasers(tmp_path: Path) -> None:
    work = {}
    for size in (100, 200):
        site = make_site(tmp_path / str(size), size)
        index = SiteIndex(site)
        index.refresh()
        hp = teasers_for(size)
        with counted_calls() as calls:
            index.check(hp, now=NOW)
        work[size] = calls[0]
        with counted_calls() as cached:
            index.check(hp, now=NOW)
        assert cached[0] < 400  # a hit: a hash and a lookup, no per-teaser work
    assert 1.6 < work[200] / work[100] < 2.5, work


# -- one key per site --------------------------------------------------------------------


def test_site_key_is_the_backups_scheme_so_existing_backups_are_found(tmp_path: Path) -> None:
    old = hashlib.sha1(str(tmp_path.resolve()).encode("utf-8")).hexdigest()
    assert site_key(tmp_path) == old
    assert site_backup_dir(tmp_path).name == old
    link = tmp_path.parent / f"{tmp_path.name}-link"
    link.symlink_to(tmp_path)
    try:
        assert site_key(link) == old
    finally:
        link.unlink()
    assert lock_path(tmp_path / "x.md").name == f"{site_key(tmp_path / 'x.md')}.lock"
    sha256 = hashlib.sha256(str(tmp_path.resolve()).encode("utf-8")).hexdigest()
    assert legacy_site_keys(tmp_path)[:2] == (sha256[:32], sha256[:16])
