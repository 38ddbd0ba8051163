"""Publish/unpublish, the visible-posts setting, title drift and `blogeditor publish-due`."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from blogeditor.cli import main as cli_main
from blogeditor.core.article.article import Article
from blogeditor.core.homepage.homepage import Homepage
from blogeditor.core.homepage.publish import (
    oldest_to_retire,
    publish,
    publish_due,
    save_article,
    set_visible_limit,
    stored_visible_limit,
    teaser_body_from_summary,
    title_drift,
    unpublish,
    visible_limit,
)
from blogeditor.core.site.site import Site

UTC = dt.UTC
NOW = dt.datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
FIRST = "ai/teaching-a-small-model-to-write-release-notes"
SECOND = "kubernetes/quiet-clusters-alerts-people-actually-read"


def article_file(site_root: Path, rel: str) -> Path:
    return site_root / "content" / rel / "_index.md"


def set_front(site_root: Path, rel: str, **fields: object) -> None:
    path = article_file(site_root, rel)
    path.write_text(Article.load(path).with_fields(**fields), encoding="utf-8")


def hidden_flags(site_root: Path) -> list[bool]:
    return [t.hidden for t in Homepage.load(site_root / "content" / "_index.md").teasers]


def test_publish_shows_teaser_and_clears_draft(demo_site: Path) -> None:
    site = Site.find(demo_site)
    homepage = Homepage.load(site.homepage_path)
    before = article_file(demo_site, FIRST).read_text(encoding="utf-8")
    result = publish(site, homepage, 0, now=NOW)
    assert homepage.teasers[0].hidden, "the caller's homepage must not change"
    assert not result.homepage.teasers[0].hidden
    assert result.homepage.teasers[1].hidden
    assert result.article_changed
    assert result.date_issue == "future"  # dated 2026-12-03, after NOW
    assert result.article_text is not None
    changed = [
        (a, b)
        for a, b in zip(before.split("\n"), result.article_text.split("\n"), strict=True)
        if a != b
    ]
    assert changed == [("draft = true", "draft = false")]
    # Nothing written yet: the GUI asks first.
    assert article_file(demo_site, FIRST).read_text(encoding="utf-8") == before


def test_publish_can_set_the_date_to_now(demo_site: Path) -> None:
    site = Site.find(demo_site)
    result = publish(site, Homepage.load(site.homepage_path), 0, now=NOW, set_date=True)
    assert result.date_issue is None
    assert result.article_text is not None
    article = Article.parse(result.article_text)
    assert article.date == NOW and article.draft is False
    assert "date = 2026-11-26T12:00:00+00:00" in result.article_text


def test_publish_offers_to_retire_the_oldest(demo_site: Path) -> None:
    site = Site.find(demo_site)
    homepage = Homepage.load(site.homepage_path)
    assert visible_limit(site, homepage) == 6  # default: as many as are visible now
    result = publish(site, homepage, 0, now=NOW)
    assert result.retire == [7]  # "Writing in Plain Text", the last visible one
    set_visible_limit(site, 4)
    assert stored_visible_limit(site) == 4
    assert (demo_site / ".blogeditor" / "settings.toml").is_file()
    result = publish(site, homepage, 0, now=NOW)
    assert result.retire == [5, 6, 7]


def test_oldest_to_retire_skips_hidden() -> None:
    hp = Homepage.parse(
        "# Latest Posts\n\n## [A](/a)\n\nx\n\n---\n\n<!-- ## [B](/b)\n\ny\n\n--- -->\n\n"
        "## [C](/c)\n\nz\n\n---\n\n## [D](/d)\n\nw\n"
    )
    assert oldest_to_retire(hp, 2) == [3]
    assert oldest_to_retire(hp, 5) == []


def test_unpublish_hides_and_sets_draft(demo_site: Path) -> None:
    site = Site.find(demo_site)
    homepage = Homepage.load(site.homepage_path)
    result = unpublish(site, homepage, 2)
    assert result.homepage.teasers[2].hidden
    assert result.article_path is not None and result.article_text is not None
    assert Article.parse(result.article_text).draft is True
    save_article(site, result.article_path, result.article_text)
    assert Article.load(result.article_path).draft is True


def test_unpublish_yaml_article(demo_site: Path) -> None:
    site = Site.find(demo_site)
    result = unpublish(site, Homepage.load(site.homepage_path), 3)
    assert result.article_text is not None and "\ndraft: true\n" in result.article_text


def test_title_drift(demo_site: Path) -> None:
    site = Site.find(demo_site)
    teaser = Homepage.load(site.homepage_path).teasers[2]
    assert title_drift(site, teaser) is None
    set_front(demo_site, "ci-cd/pipelines-that-explain-themselves", title="Pipelines, Explained")
    assert title_drift(site, teaser) == "Pipelines, Explained"
    assert title_drift(None, teaser) is None


def test_teaser_body_from_summary_rewrites_bundle_images() -> None:
    summary = "Intro ![shot](img/a.png) and ![abs](/x/y.png)\n\n<img src=\"b.jpg\">"
    body = teaser_body_from_summary(summary, "/ai/post")
    assert "![shot](/ai/post/img/a.png)" in body
    assert "![abs](/x/y.png)" in body
    assert '<img src="/ai/post/b.jpg">' in body


# -- publish-due ---------------------------------------------------------------------------


def test_publish_due_shows_only_due_posts(demo_site: Path) -> None:
    site = Site.find(demo_site)
    set_front(demo_site, FIRST, draft=False)  # dated 2026-12-03 08:00 UTC
    lines = publish_due(site, now=dt.datetime(2026, 12, 3, 7, 59, tzinfo=UTC))
    assert lines[-1] == "Nothing to publish: no hidden post is due."
    assert any(line.startswith("Waiting 1:") and "2026-12-03 08:00" in line for line in lines)
    assert any(line.startswith("Waiting 2:") and "draft" in line for line in lines)
    assert hidden_flags(demo_site)[:2] == [True, True]

    lines = publish_due(site, now=dt.datetime(2026, 12, 3, 8, 0, tzinfo=UTC))
    assert lines[0].startswith('Showed 1: "Teaching a Small Model')
    assert hidden_flags(demo_site)[:3] == [False, True, False]


def test_publish_due_dry_run_changes_nothing(demo_site: Path) -> None:
    site = Site.find(demo_site)
    set_front(demo_site, FIRST, draft=False)
    before = (demo_site / "content" / "_index.md").read_bytes()
    lines = publish_due(site, now=NOW.replace(year=2027), dry_run=True)
    assert lines[0].startswith("Showed 1:") and lines[-1].startswith("Would save")
    assert (demo_site / "content" / "_index.md").read_bytes() == before


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-m", "blogeditor", *args],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )


def test_cli_publish_due_with_fixed_now(demo_site: Path) -> None:
    set_front(demo_site, SECOND, draft=False)  # dated 2026-12-10 08:00 UTC
    early = run_cli("publish-due", str(demo_site), "--now", "2026-12-10T08:59:00+02:00")
    assert early.returncode == 0, early.stderr
    assert "Nothing to publish" in early.stdout
    assert hidden_flags(demo_site)[:2] == [True, True]

    done = run_cli("publish-due", str(demo_site), "--now", "2026-12-10T10:00:00+02:00")
    assert done.returncode == 0, done.stderr
    assert 'Showed 2: "Quiet Clusters: Alerts People Actually Read"' in done.stdout
    assert "Waiting 1:" in done.stdout
    assert hidden_flags(demo_site)[:2] == [True, False]
    assert done.stderr == ""


def test_cli_publish_due_in_process(demo_site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    set_front(demo_site, SECOND, draft=False)
    assert cli_main(["publish-due", str(demo_site / "content"), "--now", "2026-12-11"]) == 0
    assert "Showed 2:" in capsys.readouterr().out


def test_cli_publish_due_bad_input(demo_site: Path, tmp_path: Path) -> None:
    bad_now = run_cli("publish-due", str(demo_site), "--now", "next tuesday")
    assert bad_now.returncode == 2
    assert "--now 'next tuesday' is not an ISO date-time" in bad_now.stderr
    assert "Traceback" not in bad_now.stderr
    not_site = run_cli("publish-due", str(tmp_path))
    assert not_site.returncode == 2 and "not a Hugo site" in not_site.stderr


def test_publish_due_reports_a_broken_article(demo_site: Path) -> None:
    article_file(demo_site, FIRST).write_text("+++\ntitle = \n+++\n", encoding="utf-8")
    lines = publish_due(Site.find(demo_site), now=NOW)
    assert any(line.startswith("Skipped 1:") and "malformed TOML" in line for line in lines)


def test_publish_due_reapplies_its_shows_over_a_change_made_meanwhile(
        demo_site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from blogeditor.core.storage import session
    from blogeditor.core.storage.storage import atomic_write

    site = Site.find(demo_site)
    real_lock = session.file_lock

    def racing_lock(path: Path):  # type: ignore[no-untyped-def]
        # Another writer saves between publish-due's read and its save: it moves the last
        # post to the top, so every position publish-due saw is now off by one.
        homepage = Homepage.load(site.homepage_path)
        homepage.move(len(homepage) - 1, 0)
        atomic_write(site.homepage_path, homepage.to_bytes())
        return real_lock(path)

    set_front(demo_site, FIRST, draft=False)
    before = Homepage.load(site.homepage_path).teasers
    monkeypatch.setattr(session, "file_lock", racing_lock)
    lines = publish_due(site, now=dt.datetime(2026, 12, 3, 8, 0, tzinfo=UTC))
    assert lines[0].startswith("Showed 1:")
    after = Homepage.load(site.homepage_path).teasers
    assert after[0].link == before[-1].link  # their move is kept
    newly_visible = {t.link for t in after if not t.hidden} - {t.link for t in before
                                                                if not t.hidden}
    assert newly_visible == {before[0].link}  # ours: the due post, found by its link
