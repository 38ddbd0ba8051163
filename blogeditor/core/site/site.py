"""The Hugo site around a homepage: where its articles, images and config live.

Nothing here scans the whole site up front: finding a site looks at a handful of file names,
and every question (an article's file, an image's file) is answered by checking a few
candidate paths, so a site of thousands of articles costs the same as a small one. Only a
link that no folder answers (a page moved by its ``slug`` or ``url``) makes it read the tops
of the content files, once per few seconds at most.

A homepage file need not live in a site: ``locate(path)`` returns ``(homepage, None)`` for a
loose file such as a copy of ``content/_index.md`` on its own. Callers then skip every check
that needs articles or images.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time
import tomllib
from functools import cached_property
from pathlib import Path
from typing import Any, cast
from urllib.parse import unquote, urlsplit

from blogeditor.core.article import slug as _slug
from blogeditor.core.errors import BlogEditorError, SiteError
from blogeditor.core.site.page_paths import MARKDOWN_SUFFIXES, page_files, page_url_path

CONFIG_NAMES = ("hugo.toml", "config.toml", "hugo.yaml", "config.yaml", "hugo.yml",
                "config.yml", "hugo.json", "config.json")
IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".avif"})
ARTICLE_FILES = ("_index.md", "index.md")
_EXTERNAL_SCHEMES = frozenset({"http", "https", "mailto", "data", "ftp"})
_URL_INDEX_SECONDS = 5.0
_HEAD_BYTES = 8192  # front matter lives at the top; a slug further down is not one


def _config_file(folder: Path) -> Path | None:
    for name in CONFIG_NAMES:
        candidate = folder / name
        if candidate.is_file():
            return candidate
    default = folder / "config" / "_default"
    for name in CONFIG_NAMES:
        candidate = default / name
        if candidate.is_file():
            return candidate
    return None


def _is_site_root(folder: Path) -> bool:
    return _config_file(folder) is not None or (folder / "config" / "_default").is_dir()


def _find_root(path: Path) -> Path | None:
    start = path if path.is_dir() else path.parent
    for folder in (start, *start.parents):
        if not _is_site_root(folder):
            continue
        # Above the starting folder, a stray config.toml (some other tool's) is not a site:
        # a Hugo site also has its content folder.
        if folder == start or Site(folder).content_dir.is_dir():
            return folder
    return None




def locate(path: Path | str) -> tuple[Path, Site | None]:
    """The homepage file meant by ``path`` and the site around it (None for a loose file).

    ``path`` may be a site root, its content folder, the homepage file, or another Markdown
    file: a Markdown file is taken as the homepage to edit, in the site found by walking up
    from it (if any). Any other path inside a site (its hugo.toml, say) stands for the site.
    """
    path = Path(path).expanduser()
    if not path.exists():
        raise SiteError(f"{path} does not exist")
    if path.is_file() and path.suffix.lower() in MARKDOWN_SUFFIXES:
        root = _find_root(path.absolute())
        return path, (Site(root) if root is not None else None)
    site = Site.find(path)
    return site.homepage_path, site


class Site:
    """A Hugo site on disk. Paths are as found; nothing is read until asked for."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.config_path: Path | None = _config_file(self.root)

    def __repr__(self) -> str:
        return f"Site({str(self.root)!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Site) and other.root == self.root

    def __hash__(self) -> int:
        return hash(self.root)

    @classmethod
    def find(cls, path: Path | str) -> Site:
        """The site at or around ``path`` (its root, content folder, homepage, or a file inside)."""
        path = Path(path).expanduser()
        if not path.exists():
            raise SiteError(f"{path} does not exist")
        root = _find_root(path.absolute())
        if root is None:
            raise SiteError(
                f"not a Hugo site: no hugo.toml/config.toml (or .yaml/.json) in {path} "
                "or its parents"
            )
        return cls(root)

    # -- layout ---------------------------------------------------------------------------

    @cached_property
    def content_dir(self) -> Path:
        return self.root / self._configured_dir("contentDir", "content")

    @cached_property
    def static_dir(self) -> Path:
        return self.root / self._configured_dir("staticDir", "static")

    @property
    def homepage_path(self) -> Path:
        return self.content_dir / "_index.md"

    def _configured_dir(self, key: str, default: str) -> str:
        try:
            value = _get_ci(self.config(), key)
        except SiteError:
            return default  # a broken config is reported by config(); paths keep Hugo's default
        return value if isinstance(value, str) and value else default

    # -- config ---------------------------------------------------------------------------

    def config(self) -> dict[str, Any]:
        """The parsed site config (cached). SiteError when it cannot be read or parsed."""
        cached: dict[str, Any] | None = self.__dict__.get("_config")
        if cached is not None:
            return cached
        config: dict[str, Any] = {}
        if self.config_path is not None:
            config = _parse_config(self.config_path)
        if self.config_path is None or self.config_path.parent.name == "_default":
            config = self._merge_config_folder(config)
        self.__dict__["_config"] = config
        return config

    def reload_config(self) -> None:
        """Forget the parsed config: the next ``config()`` reads the files again."""
        self.__dict__.pop("_config", None)

    def _merge_config_folder(self, config: dict[str, Any]) -> dict[str, Any]:
        # In Hugo's config folder, params.toml holds the "params" table, languages.toml the
        # "languages" table, and so on: the file name is the key.
        folder = self.root / "config" / "_default"
        if not folder.is_dir():
            return config
        for file in sorted(folder.iterdir()):
            if file == self.config_path or file.suffix not in {".toml", ".yaml", ".yml", ".json"}:
                continue
            config.setdefault(file.stem, _parse_config(file))
        return config

    def language_code(self) -> str | None:
        """The site's ``languageCode`` (e.g. "en-us"), or None when it does not say."""
        try:
            config = self.config()
        except SiteError:
            return None
        code = _get_ci(config, "languageCode") or _get_ci(config, "defaultContentLanguage")
        return code if isinstance(code, str) and code else None

    # -- articles -------------------------------------------------------------------------

    def sections(self) -> list[str]:
        """Folders under content/ that hold articles or a section _index.md, sorted."""
        found: list[str] = []
        try:
            entries = list(os.scandir(self.content_dir))
        except OSError:
            return []
        for entry in entries:
            if entry.is_dir() and not entry.name.startswith(".") and _holds_pages(Path(entry.path)):
                found.append(entry.name)
        return sorted(found)

    def link_path(self, link: str) -> str | None:
        """A teaser link as a content-relative path ("ai/some-post"); None when external."""
        parts = urlsplit(link.strip())
        if parts.scheme in _EXTERNAL_SCHEMES or parts.netloc:
            return None
        rel = unquote(parts.path).strip("/")
        if any(p in {"..", "."} for p in rel.split("/")):
            return None
        return rel

    def bundle_dir(self, link: str) -> Path:
        """The folder named by a link (content/<section>/<slug>); it may not exist."""
        rel = self.link_path(link)
        return self.content_dir / rel if rel else self.content_dir

    def article_path(self, link: str) -> Path | None:
        """The article file a link names: _index.md, index.md or <slug>.md; None if missing."""
        rel = self.link_path(link)
        if rel is None:
            return None
        base = self.content_dir / rel if rel else self.content_dir
        for name in ARTICLE_FILES:
            candidate = base / name
            if candidate.is_file():
                return candidate
        if rel:
            candidate = self.content_dir / f"{rel}.md"
            if candidate.is_file():
                return candidate
        return self._overridden_urls().get(rel.lower())

    def _overridden_urls(self) -> dict[str, Path]:
        """Pages whose ``slug`` or ``url`` moves them away from their folder's path, by the
        path Hugo serves them at ("ai/my-slug"). Built on the first link the folders do not
        answer, and again at most every few seconds, so new posts are found."""
        cached = self.__dict__.get("_url_index")
        now = time.monotonic()
        if cached is not None and now - cached[0] < _URL_INDEX_SECONDS:
            return cast(dict[str, Path], cached[1])
        index: dict[str, Path] = {}
        content = self.content_dir
        for file in page_files(content) if content.is_dir() else []:
            try:
                head = file.read_bytes()[:_HEAD_BYTES].lower()
            except OSError:
                continue
            if b"slug" not in head and b"url" not in head:
                continue  # cheap: most pages override nothing, and parsing costs
            try:
                from blogeditor.core.article.article import Article, get

                meta = Article.load(file).metadata
            except BlogEditorError:
                continue
            slug, url = get(meta, "slug"), get(meta, "url")
            if not slug and not url:
                continue
            path = page_url_path(file, str(slug) if slug else None,
                                 str(url) if url else None, content)
            index.setdefault(path.strip("/").lower(), file)
        self.__dict__["_url_index"] = (now, index)
        return index

    def resolve_image(self, src: str, base_dir: Path | None = None) -> Path | None:
        """The file an image src names: content/ first, then static/; None for external ones.

        Relative srcs are site-relative (as the homepage writes them); with ``base_dir`` (an
        article's folder) they are tried there first, the way an article's own images work.
        """
        rel = self.link_path(src)
        if not rel:
            return None
        candidates = [self.content_dir / rel, self.static_dir / rel]
        if base_dir is not None and not urlsplit(src).path.startswith("/"):
            candidates.insert(0, Path(base_dir) / rel)
        for candidate in candidates:
            if candidate.is_file():
                return candidate
        return None

    def article_images(self, link: str) -> list[Path]:
        """Images in an article's bundle and its sub-folders, sorted by path."""
        bundle = self.bundle_dir(link)
        if bundle == self.content_dir or not bundle.is_dir():
            return []
        return sorted(
            p for p in bundle.rglob("*") if p.suffix.lower() in IMAGE_SUFFIXES and p.is_file()
        )

    # -- new posts ------------------------------------------------------------------------

    @staticmethod
    def slugify(title: str) -> str:
        return _slug.slugify(title)

    def new_post(
        self, section: str, title: str, date: dt.datetime | None = None
    ) -> tuple[Path, str]:
        """Create content/SECTION/SLUG/_index.md as a draft from the site's archetype.

        Returns (its path, its link). One implementation serves the command line and the
        New Post dialog, so both follow the site's ``archetypes/default.md``.
        """
        from blogeditor.core.article.archetype import create_article

        return create_article(self, section, title, date=date)


def toml_title(title: str) -> str:
    """A title as authors write it in TOML: 'single quotes', or "double" if it has an apostrophe."""
    if "'" not in title and all(_plain(c) for c in title):
        return f"'{title}'"
    escaped = title.replace("\\", "\\\\").replace('"', '\\"')
    escaped = "".join(c if _plain(c) else f"\\u{ord(c):04X}" for c in escaped)
    return f'"{escaped}"'


def _plain(char: str) -> bool:
    # TOML strings may not hold control characters (other than tab) unescaped.
    return char == "\t" or (char >= " " and char != "\x7f")


def _holds_pages(folder: Path) -> bool:
    if (folder / "_index.md").is_file():
        return True
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.endswith(".md") and entry.is_file():
                    return True
                if entry.is_dir() and any((Path(entry.path) / n).is_file() for n in ARTICLE_FILES):
                    return True
    except OSError:
        return False
    return False


def _parse_config(path: Path) -> dict[str, Any]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SiteError(f"cannot read {path}: {exc.strerror or exc}") from None
    # PyYAML costs ~20 ms to import; only YAML configs pay for it (`posts` must start fast).
    import yaml

    try:
        text = raw.decode("utf-8-sig")
        if path.suffix == ".toml":
            data: Any = tomllib.loads(text)
        elif path.suffix == ".json":
            data = json.loads(text) if text.strip() else {}
        else:
            data = yaml.safe_load(text) or {}
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, json.JSONDecodeError,
            yaml.YAMLError) as exc:
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise SiteError(f"the site config {path} is malformed: {detail}") from None
    if not isinstance(data, dict):
        raise SiteError(f"the site config {path} is malformed: expected keys and values")
    return data


def _get_ci(config: dict[str, Any], key: str) -> Any:
    # Hugo's config keys are case-insensitive.
    if key in config:
        return config[key]
    lowered = key.lower()
    for k, v in config.items():
        if isinstance(k, str) and k.lower() == lowered:
            return v
    return None
