"""`blogeditor check`: the mistakes an author would want pointed out, one line per teaser."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from blogeditor.core.homepage.homepage import Homepage
from blogeditor.core.site.checks import Problem, check, format_problem
from blogeditor.core.site.site import Site

NOW = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)
_DEMO_IMAGES = (Path(__file__).resolve().parents[2] / "resources" / "demo-site" / "content" / "ai"
                / "reviewing-code-with-a-language-model")
REAL_JPEG = (_DEMO_IMAGES / "thumbnail-01.jpg").read_bytes()
REAL_PNG = (_DEMO_IMAGES / "thumbnail-02-small.png").read_bytes()


def teaser(title: str, link: str, *, thumb: str | None = "thumbnail.jpg", full: str | None = None,
           hidden: bool = False) -> str:
    img = f'<img src="{link}/{thumb}" style="width:50%; float:right; padding: 10px">\n\n' if thumb else ""
    text = f"{img}## [{title}]({link})\n\nBody.\n\n**[Full article >>]({full or link})**\n\n"
    return f"<!-- {text}--- -->\n\n" if hidden else f"{text}---\n\n"


def homepage(*teasers: str) -> Homepage:
    return Homepage.parse("+++\ntitle = ''\n+++\n\n# Latest Posts\n\n" + "".join(teasers))


def article(root: Path, link: str, *, title: str, draft: bool = False,
            date: str = "2026-02-25T07:00:00+00:00", thumb: bool = True, fmt: str = "toml") -> None:
    bundle = root / "content" / link.strip("/")
    bundle.mkdir(parents=True, exist_ok=True)
    if fmt == "toml":
        front = f"+++\ntitle = '{title}'\ndate = {date}\ndraft = {str(draft).lower()}\n+++\n"
    else:
        front = f"---\ntitle: '{title}'\ndate: {date}\ndraft: {str(draft).lower()}\n---\n"
    (bundle / "_index.md").write_text(front + "\nText.\n", encoding="utf-8")
    if thumb:
        (bundle / "thumbnail.jpg").write_bytes(REAL_JPEG)


@pytest.fixture
def site(tmp_path: Path) -> Site:
    (tmp_path / "hugo.toml").write_text('languageCode = "en-us"\n', encoding="utf-8")
    (tmp_path / "content").mkdir()
    return Site.find(tmp_path)


def kinds(problems: list[Problem]) -> list[tuple[int, str]]:
    return [(p.position, p.kind) for p in problems]


def test_seed_first_teaser_is_reported(seed_text: str) -> None:
    problems = check(None, Homepage.parse(seed_text), now=NOW)
    assert problems, "the seed's swapped teaser must be found"
    first = problems[0]
    assert (first.position, first.kind, first.line) == (1, "title-mismatch", 10)
    assert format_problem(first) == (
        "1: heading links /kubernetes/master-kubernetes-backups-with-velero-step-by-step-guide "
        "but the title reads like "
        "/misc/say-goodbye-to-direct-communication-event-driven-pub-sub-with-nats (teaser 2)"
    )
    assert kinds(problems) == [(1, "title-mismatch"), (2, "duplicate-title")]


def test_a_clean_site_has_no_problems(site: Site) -> None:
    article(site.root, "/ai/first-post", title="First Post")
    article(site.root, "/misc/second-post", title="Second Post", draft=True)
    hp = homepage(teaser("First Post", "/ai/first-post"),
                  teaser("Second Post", "/misc/second-post", hidden=True))
    assert check(site, hp, now=NOW) == []


def test_link_and_thumbnail_mismatches(site: Site) -> None:
    article(site.root, "/ai/first-post", title="First Post")
    article(site.root, "/ai/other-post", title="Other Post")
    wrong_full = teaser("First Post", "/ai/first-post", full="/ai/other-post")
    wrong_thumb = teaser("First Post", "/ai/first-post").replace(
        'src="/ai/first-post/', 'src="/ai/other-post/')
    wrapped = teaser("First Post", "/ai/first-post").replace(
        "<img", '<a href="/ai/other-post"><img').replace("px\">", "px\"></a>")
    problems = check(site, homepage(wrong_full, wrong_thumb, wrapped), now=NOW)
    assert (1, "link-mismatch") in kinds(problems)
    assert (2, "thumbnail-mismatch") in kinds(problems)
    assert (3, "thumbnail-mismatch") in kinds(problems)
    assert format_problem(problems[0]) == (
        '1: heading links /ai/first-post but "Full article" links /ai/other-post')


def test_site_wide_thumbnail_is_not_a_mismatch(site: Site) -> None:
    article(site.root, "/ai/first-post", title="First Post", thumb=False)
    (site.root / "static" / "images").mkdir(parents=True)
    (site.root / "static" / "images" / "logo.png").write_bytes(REAL_PNG)
    hp = homepage(teaser("First Post", "/ai/first-post").replace("/ai/first-post/thumbnail.jpg",
                                                                 "/images/logo.png"))
    assert check(site, hp, now=NOW) == []


def test_missing_article_and_thumbnail(site: Site) -> None:
    article(site.root, "/ai/first-post", title="First Post", thumb=False)
    hp = homepage(teaser("First Post", "/ai/first-post"), teaser("Gone Post", "ai/gone-post"))
    problems = check(site, hp, now=NOW)
    assert kinds(problems) == [(1, "missing-thumbnail"), (2, "missing-thumbnail"),
                               (2, "missing-article")]
    assert problems[2].message == "links ai/gone-post but there is no article at content/ai/gone-post"


def test_publishing_state(site: Site) -> None:
    article(site.root, "/ai/draft-post", title="Draft Post", draft=True)
    article(site.root, "/ai/future-post", title="Future Post", date="2026-04-01T07:00:00+00:00")
    article(site.root, "/ai/ready-post", title="Ready Post", fmt="yaml")
    article(site.root, "/ai/waiting-post", title="Waiting Post", draft=True)
    hp = homepage(
        teaser("Draft Post", "/ai/draft-post"),
        teaser("Future Post", "/ai/future-post"),
        teaser("Ready Post", "/ai/ready-post", hidden=True),
        teaser("Waiting Post", "/ai/waiting-post", hidden=True),
    )
    problems = check(site, hp, now=NOW)
    assert kinds(problems) == [(1, "draft-visible"), (2, "future-visible"), (3, "ready-hidden")]
    assert "maybe ready to show" in problems[2].message
    # A month later the future post is simply published.
    later = check(site, hp, now=NOW + dt.timedelta(days=40))
    assert (2, "future-visible") not in kinds(later)


def test_renamed_title_is_not_a_mismatch(site: Site) -> None:
    article(site.root, "/ci-cd/ci-vs-cd-whats-the-real-difference",
            title="CI vs. CD: What is the Real Difference?")
    hp = homepage(teaser("CI vs. CD: What is the Real Difference?",
                         "/ci-cd/ci-vs-cd-whats-the-real-difference"))
    assert check(site, hp, now=NOW) == []


def test_title_mismatch_points_at_the_article_the_title_names(site: Site) -> None:
    article(site.root, "/kubernetes/velero-backups", title="Velero Backups")
    article(site.root, "/misc/event-driven-nats", title="Event-Driven NATS")
    hp = homepage(teaser("Event-Driven NATS", "/kubernetes/velero-backups"))
    problems = check(site, hp, now=NOW)
    assert [format_problem(p) for p in problems] == [
        "1: heading links /kubernetes/velero-backups but the title reads like "
        "/misc/event-driven-nats"]


def test_duplicate_link(site: Site) -> None:
    article(site.root, "/ai/first-post", title="First Post")
    hp = homepage(teaser("First Post", "/ai/first-post"),
                  teaser("First Post Again", "/ai/first-post", hidden=True))
    assert (2, "duplicate-link") in kinds(check(site, hp, now=NOW))


def test_malformed_article_is_reported_not_raised(site: Site) -> None:
    bundle = site.root / "content" / "ai" / "broken-post"
    bundle.mkdir(parents=True)
    (bundle / "_index.md").write_text("+++\ntitle = \n+++\n", encoding="utf-8")
    (bundle / "thumbnail.jpg").write_bytes(REAL_JPEG)
    problems = check(site, homepage(teaser("Broken Post", "/ai/broken-post")), now=NOW)
    assert kinds(problems) == [(1, "bad-article")]
    assert "\n" not in problems[0].message


def test_demo_site_has_its_deliberate_problem(demo_site: Path) -> None:
    site = Site.find(demo_site)
    problems = check(site, Homepage.load(site.homepage_path))
    assert problems


# Titles an author could type in a heading (no markup that would change the teaser's shape).
_titles = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp"),
                           blacklist_characters="[]<>`*_\\#"),
    min_size=1, max_size=40,
).filter(lambda t: t.strip() == t and t)
_links = st.from_regex(r"/?[a-z0-9-]{1,12}(/[a-z0-9-]{1,20})?/?", fullmatch=True)


@settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(_titles, _links, st.booleans(), st.booleans()), max_size=6))
def test_any_homepage_checks_without_raising(
    site: Site, rows: list[tuple[str, str, bool, bool]]
) -> None:
    hp = homepage(*(teaser(t, link, hidden=h, thumb=None if bare else "thumbnail.jpg")
                    for t, link, h, bare in rows))
    for where in (None, site):
        for problem in check(where, hp, now=NOW):
            assert 1 <= problem.position <= len(hp)
            assert "\n" not in format_problem(problem)


@pytest.mark.parametrize(("data", "says"), [
    (b"", "is an empty file"),
    (b"<html>not found</html>", "is not a readable image"),
    (REAL_JPEG[: len(REAL_JPEG) // 2], "is cut off (truncated)"),
])
def test_a_broken_thumbnail_is_reported(site: Site, data: bytes, says: str) -> None:
    article(site.root, "/ai/first-post", title="First Post")
    (site.root / "content" / "ai" / "first-post" / "thumbnail.jpg").write_bytes(data)
    problems = check(site, homepage(teaser("First Post", "/ai/first-post")), now=NOW)
    assert kinds(problems) == [(1, "bad-thumbnail")]
    assert says in problems[0].message


def test_ready_to_show_can_be_dismissed_for_one_post(site: Site) -> None:
    from blogeditor.core.site.site_settings import dismiss_problem

    article(site.root, "/ai/kept-back", title="Kept Back")
    article(site.root, "/ai/also-ready", title="Also Ready")
    hp = homepage(teaser("Kept Back", "/ai/kept-back", hidden=True),
                  teaser("Also Ready", "/ai/also-ready", hidden=True))
    assert kinds(check(site, hp, now=NOW)) == [(1, "ready-hidden"), (2, "ready-hidden")]
    dismiss_problem(site.root, "ready-hidden", "/ai/kept-back")
    assert kinds(check(site, hp, now=NOW)) == [(2, "ready-hidden")]
    dismiss_problem(site.root, "ready-hidden", "/ai/kept-back", dismissed=False)
    assert kinds(check(site, hp, now=NOW)) == [(1, "ready-hidden"), (2, "ready-hidden")]
