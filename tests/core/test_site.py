"""The Hugo site model: finding a site from any path an author might give, and resolving
teaser links and image srcs to the files on disk."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from blogeditor.core.errors import SiteError
from blogeditor.core.site.site import Site, locate, toml_title

SEED = Path(__file__).resolve().parent.parent / "fixtures" / "homepage-seed.md"


def make_site(root: Path, config: str = "hugo.toml", text: str = 'languageCode = "en-us"\n') -> Path:
    (root / config).parent.mkdir(parents=True, exist_ok=True)
    (root / config).write_text(text, encoding="utf-8")
    content = root / "content"
    content.mkdir(exist_ok=True)
    (content / "_index.md").write_text("+++\ntitle = ''\n+++\n\n# Latest Posts\n", encoding="utf-8")
    return root


def add_article(root: Path, rel: str, name: str = "_index.md", text: str = "") -> Path:
    path = root / "content" / rel / name if name else root / "content" / f"{rel}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text or "+++\ntitle = 'A'\ndraft = false\n+++\n\nBody\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "config",
    ["hugo.toml", "config.toml", "hugo.yaml", "config.yaml", "hugo.json", "config.json",
     "config/_default/hugo.toml", "config/_default/config.yaml"],
)
def test_every_config_form_is_a_site(tmp_path: Path, config: str) -> None:
    text = '{"languageCode": "de"}' if config.endswith(".json") else (
        "languageCode: de\n" if config.endswith(".yaml") else 'languageCode = "de"\n')
    root = make_site(tmp_path, config, text)
    site = Site.find(root)
    assert site.root == root
    assert site.config_path == root / config
    assert site.language_code() == "de"
    assert site.homepage_path == root / "content" / "_index.md"


def test_find_from_content_folder_homepage_and_files_inside(tmp_path: Path) -> None:
    root = make_site(tmp_path)
    article = add_article(root, "ai/post")
    (root / "static" / "img").mkdir(parents=True)
    for start in (root, root / "content", root / "content" / "_index.md", article, article.parent,
                  root / "static" / "img"):
        assert Site.find(start).root == root


def test_not_a_site_says_so_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "notes").mkdir()
    with pytest.raises(SiteError) as err:
        Site.find(tmp_path / "notes")
    assert "not a Hugo site" in str(err.value) and "\n" not in str(err.value)
    with pytest.raises(SiteError, match="does not exist"):
        Site.find(tmp_path / "missing")


def test_locate_accepts_a_loose_homepage_file() -> None:
    homepage, site = locate(SEED)
    assert homepage == SEED and site is None


def test_locate_a_site_root_gives_its_homepage(tmp_path: Path) -> None:
    root = make_site(tmp_path)
    for start in (root, root / "content", root / "content" / "_index.md"):
        homepage, site = locate(start)
        assert homepage == root / "content" / "_index.md"
        assert site is not None and site.root == root


def test_locate_a_site_file_that_is_not_markdown_means_the_site(tmp_path: Path) -> None:
    root = make_site(tmp_path)
    assert locate(root / "hugo.toml") == (root / "content" / "_index.md", Site(root))


def test_a_stray_config_above_a_loose_file_is_not_its_site(tmp_path: Path) -> None:
    # Some other tool's config.toml in a parent folder must not turn notes into a Hugo site.
    (tmp_path / "config.toml").write_text("[tool]\n", encoding="utf-8")
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "homepage.md").write_text("# Latest Posts\n", encoding="utf-8")
    assert locate(notes / "homepage.md") == (notes / "homepage.md", None)
    with pytest.raises(SiteError, match="not a Hugo site"):
        Site.find(notes)


def test_locate_a_folder_that_is_no_site_fails(tmp_path: Path) -> None:
    with pytest.raises(SiteError, match="not a Hugo site"):
        locate(tmp_path)


def test_malformed_config_is_a_clear_error(tmp_path: Path) -> None:
    root = make_site(tmp_path, text="languageCode = \n")
    site = Site.find(root)
    with pytest.raises(SiteError, match="malformed"):
        site.config()
    assert site.language_code() is None
    assert site.content_dir == root / "content"


def test_content_dir_follows_the_config(tmp_path: Path) -> None:
    root = make_site(tmp_path, text='contentDir = "posts"\n')
    assert Site.find(root).content_dir == root / "posts"


def test_config_folder_files_become_tables(tmp_path: Path) -> None:
    root = make_site(tmp_path, "config/_default/hugo.toml", 'title = "x"\n')
    (root / "config/_default/params.toml").write_text('author = "me"\n', encoding="utf-8")
    assert Site.find(root).config()["params"] == {"author": "me"}


def test_sections_are_folders_with_articles(tmp_path: Path) -> None:
    root = make_site(tmp_path)
    add_article(root, "kubernetes/a")
    add_article(root, "ai", "_index.md")
    add_article(root, "misc/b", "", )
    (root / "content" / "empty").mkdir()
    (root / "content" / "images").mkdir()
    (root / "content" / "images" / "x.png").write_bytes(b"png")
    assert Site.find(root).sections() == ["ai", "kubernetes", "misc"]


@pytest.mark.parametrize(
    "link",
    ["/ai/post", "ai/post", "/ai/post/", "/ai/post#setup", "ai/post/?x=1", "/ai/p%6Fst"],
)
def test_link_forms_find_the_article(tmp_path: Path, link: str) -> None:
    root = make_site(tmp_path)
    article = add_article(root, "ai/post")
    site = Site.find(root)
    assert site.article_path(link) == article
    assert site.bundle_dir(link) == root / "content" / "ai" / "post"


def test_article_file_names_in_order(tmp_path: Path) -> None:
    root = make_site(tmp_path)
    site = Site.find(root)
    index = add_article(root, "a/b", "index.md")
    assert site.article_path("/a/b") == index
    under = add_article(root, "a/b", "_index.md")
    assert site.article_path("/a/b") == under
    flat = add_article(root, "a/c", "")
    assert site.article_path("/a/c") == flat


def test_missing_external_and_escaping_links_have_no_article(tmp_path: Path) -> None:
    root = make_site(tmp_path)
    (tmp_path.parent / "secret.md").write_text("x", encoding="utf-8")
    site = Site.find(root)
    assert site.article_path("/ai/none") is None
    assert site.article_path("https://example.com/ai/post") is None
    assert site.article_path("/../../secret") is None


def test_images_resolve_from_bundle_then_static(tmp_path: Path) -> None:
    root = make_site(tmp_path)
    bundle = add_article(root, "ai/post").parent
    (bundle / "thumbnail.jpg").write_bytes(b"jpg")
    static = root / "static" / "ai" / "post"
    static.mkdir(parents=True)
    (static / "thumbnail.jpg").write_bytes(b"static")
    (static / "logo.png").write_bytes(b"png")
    site = Site.find(root)
    assert site.resolve_image("/ai/post/thumbnail.jpg") == bundle / "thumbnail.jpg"
    assert site.resolve_image("/ai/post/logo.png") == static / "logo.png"
    assert site.resolve_image("ai/post/thumbnail.jpg") == bundle / "thumbnail.jpg"
    assert site.resolve_image("/ai/post/none.jpg") is None
    assert site.resolve_image("https://example.com/ai/post/thumbnail.jpg") is None
    (bundle / "img").mkdir()
    (bundle / "img" / "shot.png").write_bytes(b"png")
    assert site.resolve_image("img/shot.png", base_dir=bundle) == bundle / "img" / "shot.png"


def test_article_images_include_sub_folders_sorted(tmp_path: Path) -> None:
    root = make_site(tmp_path)
    bundle = add_article(root, "ai/post").parent
    for name in ("thumbnail.jpg", "b.PNG", "img/a.webp", "img/deep/c.svg", "notes.txt"):
        (bundle / name).parent.mkdir(parents=True, exist_ok=True)
        (bundle / name).write_bytes(b"x")
    images = Site.find(root).article_images("/ai/post")
    assert [p.relative_to(bundle).as_posix() for p in images] == [
        "b.PNG", "img/a.webp", "img/deep/c.svg", "thumbnail.jpg"]
    assert Site.find(root).article_images("/ai/none") == []


def test_new_post_creates_a_draft_bundle(tmp_path: Path) -> None:
    root = make_site(tmp_path)
    site = Site.find(root)
    when = dt.datetime(2026, 2, 25, 7, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    path, link = site.new_post("ai", "Your AI Agent Doesn't Need a Bigger Model", when)
    assert link == "/ai/your-ai-agent-doesnt-need-a-bigger-model"
    assert path == root / "content/ai/your-ai-agent-doesnt-need-a-bigger-model/_index.md"
    assert path.read_text(encoding="utf-8") == (
        "+++\ntitle = \"Your AI Agent Doesn't Need a Bigger Model\"\n"
        "date = 2026-02-25T07:00:00+01:00\ndraft = true\n+++\n\n"
    )
    assert site.article_path(link) == path
    path2, _ = site.new_post("ai", "Stop Wasting Time: Turn AI Prompts Into Production Code")
    text = path2.read_text(encoding="utf-8")
    assert "title = 'Stop Wasting Time: Turn AI Prompts Into Production Code'\n" in text
    front = tomllib.loads(text.split("+++")[1])
    assert front["draft"] is True and front["date"].tzinfo is not None


def test_new_post_refuses_to_overwrite(tmp_path: Path) -> None:
    root = make_site(tmp_path)
    site = Site.find(root)
    path, _ = site.new_post("ai", "Hello World")
    path.write_text("mine", encoding="utf-8")
    with pytest.raises(SiteError, match="already exists"):
        site.new_post("ai", "Hello, World!")
    assert path.read_text(encoding="utf-8") == "mine"
    with pytest.raises(SiteError, match="letter or digit"):
        site.new_post("ai", "???")
    with pytest.raises(SiteError, match="section"):
        site.new_post("../etc", "Hello again")


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(min_size=1, max_size=60))
def test_titles_survive_toml(title: str) -> None:
    assert tomllib.loads(f"title = {toml_title(title)}\n")["title"] == title


def test_teaser_links_follow_slug_and_url_overrides(tmp_path: Path) -> None:
    root = make_site(tmp_path)
    slugged = add_article(root, "ai/long-folder-name", text="\n+++\nslug = 'short'\n+++\n")
    leaf = add_article(root, "ai/leaf", name="index.md", text="---\nSlug: leafy\n---\n")
    moved = add_article(root, "ai/moved", name="", text='{"url": "/elsewhere/moved/"}\n')
    site = Site(root)
    assert site.article_path("/ai/short/") == slugged
    assert site.article_path("/ai/leafy") == leaf
    assert site.article_path("/elsewhere/moved/") == moved
    assert site.article_path("/ai/long-folder-name/") == slugged  # the folder still answers
    assert site.article_path("/ai/nothing/") is None
