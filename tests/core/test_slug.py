"""Slugs: the folder names new posts get, matching how the real site names its folders."""

from __future__ import annotations

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from blogeditor.core.article.slug import slug_words, slugify


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Stop Wasting Time: Turn AI Prompts Into Production Code",
         "stop-wasting-time-turn-ai-prompts-into-production-code"),
        ("Your AI Agent Doesn't Need", "your-ai-agent-doesnt-need"),
        ("Your AI Agent Doesn\u2019t Need", "your-ai-agent-doesnt-need"),
        ("Say Goodbye to Direct Communication! Event-Driven Pub/Sub With NATS",
         "say-goodbye-to-direct-communication-event-driven-pub-sub-with-nats"),
        ("Argo CD GitOps Promotions with Kargo (by Akuity): A Brilliant Idea with Flawed Execution?",
         "argo-cd-gitops-promotions-with-kargo-by-akuity-a-brilliant-idea-with-flawed-execution"),
        ("AI Coders - But Not", "ai-coders-but-not"),
        ("DevOps, SRE, and Platform Engineering", "devops-sre-and-platform-engineering"),
        ("  Café Crème à la Straße  ", "cafe-creme-a-la-strasse"),
        ("Kubernetes 1.30 -- What's New?", "kubernetes-1-30-whats-new"),
        ("!!!", ""),
    ],
)
def test_slug_of_real_titles(title: str, slug: str) -> None:
    assert slugify(title) == slug


@given(st.text())
def test_slug_is_lowercase_words_joined_by_single_hyphens(title: str) -> None:
    slug = slugify(title)
    assert "--" not in slug
    assert not slug.startswith("-") and not slug.endswith("-")
    assert all(c == "-" or (c.isalnum() and c == c.lower()) for c in slug)
    assert not any(c in slug for c in string.whitespace + "/\\:?#'\"")


@given(st.text())
def test_slug_is_idempotent(title: str) -> None:
    assert slugify(slugify(title)) == slugify(title)


@given(st.text(alphabet=string.ascii_letters + string.digits + " :!?,.()'-/", max_size=80))
def test_ascii_titles_give_ascii_slugs(title: str) -> None:
    assert set(slugify(title)) <= set(string.ascii_lowercase + string.digits + "-")


def test_slug_words_ignore_filler() -> None:
    assert slug_words("How to Use the Velero Backups") == {"velero", "backups"}
