"""Spell-check that knows technical prose: the trade's words pass, known misspellings never do."""

from __future__ import annotations

import enchant
import pytest

from blogeditor.core.spelling.checker import PROVIDER_ORDER, SpellChecker
from blogeditor.core.spelling.misspellings import corrections
from blogeditor.core.spelling.scan import document_misspellings
from blogeditor.core.spelling.vocabulary import learn


@pytest.fixture(scope="module")
def checker() -> SpellChecker:
    found = SpellChecker("en_US")
    assert found.available, found.problem
    return found


def flagged(text: str, checker: SpellChecker) -> list[str]:
    return [m.word for m in document_misspellings(text, checker)]


def test_the_trades_words_are_not_typos(checker: SpellChecker) -> None:
    text = ("Our APIs and CRDs' schemas run on GPUs; the backend and frontend share a namespace "
            "on localhost. Webhooks re-run un-breaking changes as non-root with GitOps, "
            "PostgreSQL and Node.js v1.28.3, in 10ms on k8s. The repo has a filesystem and a hostname.")
    assert flagged(text, checker) == []


def test_real_typos_next_to_them_are_still_caught(checker: SpellChecker) -> None:
    assert flagged("The APIs shoud recieve a namespce.", checker) == ["shoud", "recieve", "namespce"]


def test_hunspell_is_asked_first(checker: SpellChecker) -> None:
    assert PROVIDER_ORDER.startswith("hunspell,aspell")
    assert checker.provider == "hunspell"
    assert checker.check("café") and checker.check("naïve")
    assert "should" in checker.suggest("shoud")[:3]


def _aspell_has_en_us() -> bool:
    broker = enchant.Broker()
    broker.set_ordering("en_US", "aspell")
    try:
        return bool(broker.request_dict("en_US").provider.name == "aspell")
    except enchant.errors.Error:
        return False


@pytest.mark.skipif(not _aspell_has_en_us(), reason="aspell's English dictionary is not installed")
def test_with_aspell_installed_too_hunspell_still_wins() -> None:
    # Debian's own ordering hands en_US to aspell, which rejects "café" and misses "should".
    assert enchant.Broker().request_dict("en_US").provider.name == "aspell"
    checker = SpellChecker("en_US")
    assert checker.provider == "hunspell"
    assert checker.check("café")


def test_known_misspellings_are_flagged_even_when_a_list_accepts_them() -> None:
    checker = SpellChecker("en_US")
    checker.set_layer("vocabulary", {"recieve", "Terrafrom"})
    checker.set_layer("tech", checker.layer("tech") | {"teh"})
    assert not checker.check("recieve") and not checker.check("teh")
    assert checker.suggest("recieve")[0] == "receive"
    assert corrections("Recieve") == ("Receive",)
    # Only the author's explicit choice accepts one.
    checker.add_to_layer("personal", "recieve")
    assert checker.check("recieve")


def test_a_repeated_near_miss_of_a_trade_word_is_never_learned(checker: SpellChecker) -> None:
    bare = SpellChecker("en_US")
    articles = [f"We deploy with Terraform and Zorbnetes, article {n}." for n in range(100)]
    articles += [f"Terrafrom plans, and Zorbnetes again {n}." for n in range(9)]
    learned = learn(articles, bare)
    assert "Terrafrom" not in learned
    assert "Zorbnetes" in learned
    # Nor a spelling one letter from one the site uses more often.
    more = [f"Modelplane serves it {n}." for n in range(20)] + [f"Modeplane {n}." for n in range(4)]
    learned = learn(more, bare)
    assert "Modelplane" in learned and "Modeplane" not in learned


def test_a_name_spelled_two_ways_in_one_article_is_reported(tmp_path) -> None:

    site = tmp_path / "site"
    (site / "content" / "ai" / "modelplane").mkdir(parents=True)
    (site / "hugo.toml").write_text('languageCode = "en-us"\n', encoding="utf-8")
    (site / "content" / "_index.md").write_text(
        "+++\ntitle = ''\n+++\n\n## [Modelplane in a Week](/ai/modelplane)\n\nModelplane serves models.\n\n"
        "**[Full article >>](/ai/modelplane)**\n", encoding="utf-8")
    (site / "content" / "ai" / "modelplane" / "_index.md").write_text(
        "+++\ntitle = 'Modeplane in a Week'\n+++\n\nModelplane serves models. We like Modelplane.\n",
        encoding="utf-8")
    from blogeditor.core.site.site import Site
    from blogeditor.core.spelling.report import spelling_problems

    found = [p for p in spelling_problems(Site.find(site), site / "content" / "_index.md", articles=True)
             if p.kind == "inconsistent"]
    assert [(p.display_path, p.word, p.suggestions) for p in found] == [
        ("content/ai/modelplane/_index.md", "Modeplane", ("Modelplane",))]
    assert "spelled “Modelplane” elsewhere" in str(found[0])


def test_names_of_people_and_projects_in_running_text(checker: SpellChecker) -> None:
    text = ("Thanks to Ronny Pfannschmidt and Florian Bruhin for the hints.\n"
            "- Fabio Zadrozny\n"
            "See [tryceratops](https://pypi.org/project/tryceratops/) and [Terrafrom](https://terraform.io).\n"
            "We deploy with Terrafrom. Holger fixed it.")
    # A name is a capital inside a sentence that is no slip from a word, or next to a name;
    # "Terrafrom" is one slip from "Terraform" and not in its link's target.
    assert flagged(text, checker) == ["Terrafrom", "Terrafrom", "Holger"]


def test_words_built_from_known_words(checker: SpellChecker) -> None:
    text = ("The metadatas of unscheduling finalisers: a gamechanger treewatcher on github, "
            "linux and bsd, with pyupgrade and pyenchant.")
    assert flagged(text, checker) == ["finalisers"]  # en_US says "finalizers"
    # The site's language decides regional spellings.
    assert flagged("The colour.", checker) == ["colour"]
    assert flagged("The colour.", SpellChecker("en_GB")) == []
    assert flagged("The Crossplan and Dockr builds shoud run.", checker) == [
        "Crossplan", "Dockr", "shoud"]


def test_reference_substitutions_prompts_and_calls_are_not_prose() -> None:
    from blogeditor.core.spelling.markup import blank_document

    text = "|pypi| |ci| badges\n* pnotify_\n>>> sl = make()\n$ watchmedo log\ndef myhook(self):"
    assert blank_document(text).split() == ["badges", "*", "def"]


def test_a_plural_is_not_a_second_spelling() -> None:
    from blogeditor.core.spelling.report import text_inconsistencies

    text = "# Rollout\n\nTwo Rollouts went out; the Rollout plan and Rolout notes."
    found = text_inconsistencies(text, "en_US", homepage=False)
    assert [f.word for f in found] == ["Rolout"]
