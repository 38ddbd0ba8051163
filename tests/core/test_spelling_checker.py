"""Spell-check with the real en_US dictionary: the seed's typos, suggestions, word lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from blogeditor.core.spelling.checker import SpellChecker, install_command, language_from_code
from blogeditor.core.spelling.scan import document_misspellings
from blogeditor.core.spelling.wordlists import (
    add_word,
    personal_words_path,
    read_words,
    site_words_path,
)

SEED_TYPOS = {
    "officiently", "skilset", "compeling", "runnning", "missunderstanding", "missguided", "demistify",
}


def test_seed_homepage_flags_exactly_its_seven_typos(seed_text: str) -> None:
    checker = SpellChecker("en_US")
    assert checker.available, checker.problem
    found = {m.word for m in document_misspellings(seed_text, checker.check)}
    assert found == SEED_TYPOS


def test_seed_lines_and_columns_point_at_the_typos(seed_text: str) -> None:
    lines = seed_text.split("\n")
    for m in document_misspellings(seed_text, SpellChecker("en_US").check):
        assert lines[m.line - 1][m.column - 1 :].startswith(m.word)


def test_tech_names_are_accepted_only_through_the_builtin_list(seed_text: str) -> None:
    bare = SpellChecker("en_US", builtin_words=False)
    found = {m.word for m in document_misspellings(seed_text, bare.check)}
    # ("Crossplane" is the text of a link to crossplane.io: a link's name, not prose.)
    assert {"Kubernetes", "Akuity", "Kargo"} <= found - SEED_TYPOS
    # A CamelCase name is a name, with or without the lists.
    assert "GitOps" not in found


def test_suggestions_for_officiently_include_efficiently() -> None:
    suggestions = SpellChecker("en_US").suggest("officiently")
    assert "efficiently" in suggestions
    assert len(suggestions) <= 7


def test_add_to_dictionary_survives_a_restart(tmp_path: Path) -> None:
    path = site_words_path(tmp_path)
    checker = SpellChecker("en_US")
    assert not checker.check("Zorblax")
    checker.set_layer("site", add_word(path, "Zorblax"))
    assert checker.check("Zorblax")
    restarted = SpellChecker("en_US")
    restarted.set_layer("site", read_words(path))
    assert restarted.check("Zorblax")
    assert path == tmp_path / ".blogeditor" / "words.txt"


def test_personal_list_lives_in_the_data_folder(isolated_user_dirs: Path) -> None:
    add_word(personal_words_path(), "frobnicate")
    assert personal_words_path().is_relative_to(isolated_user_dirs)
    checker = SpellChecker("en_US")
    checker.set_layer("personal", read_words(personal_words_path()))
    assert checker.check("frobnicate") and checker.check("Frobnicate")


def test_case_rules_of_accepted_words() -> None:
    checker = SpellChecker("en_US")
    checker.set_layer("site", {"zorblax", "GitThing"})
    assert checker.check("Zorblax") and checker.check("ZORBLAX")
    assert checker.check("GitThing") and not checker.check("gitthing")
    assert checker.check("GitThing's")


def test_ignore_all_lasts_for_this_checker_only() -> None:
    checker = SpellChecker("en_US")
    checker.ignore("skilset")
    assert checker.check("skilset")
    assert not SpellChecker("en_US").check("skilset")


def test_missing_dictionary_turns_spell_check_off_with_the_install_command() -> None:
    checker = SpellChecker("xx_YY")
    assert not checker.available
    assert checker.check("anythingg")
    assert checker.suggest("anythingg") == []
    assert "xx_YY" in checker.problem and "install" in checker.problem


def test_install_commands_per_platform() -> None:
    debian = {"ID": "ubuntu", "ID_LIKE": "debian"}
    assert install_command("en_US", system="linux", os_release=debian) == "sudo apt install hunspell-en-us"
    assert (
        install_command("de_DE", need_library=True, system="linux", os_release=debian)
        == "sudo apt install libenchant-2-2 hunspell-de-de"
    )
    fedora = {"ID": "fedora"}
    assert install_command("en_US", system="linux", os_release=fedora) == "sudo dnf install hunspell-en-US"
    assert install_command("en_US", system="darwin").startswith("brew install")
    assert "pyenchant" in install_command("en_US", system="win32")


def test_language_codes() -> None:
    assert language_from_code("en-us") == "en_US"
    assert language_from_code("en") == "en"
    assert language_from_code("pt-BR") == "pt_BR"
    assert language_from_code("") is None and language_from_code(None) is None


def test_checkers_in_several_threads_share_enchant_safely() -> None:
    """Enchant hands every en_US checker the same C dictionary; unsynchronised use from two
    threads corrupts its heap (free(): invalid pointer). All checkers share one lock."""
    import random
    import string
    import threading

    errors: list[str] = []

    def work(seed: int) -> None:
        checker = SpellChecker("en_US")
        rng = random.Random(seed)
        for i in range(1500):
            junk = "".join(rng.choice(string.ascii_lowercase) for _ in range(9))
            if checker.check(junk + "qx") or not checker.check("receive"):
                errors.append(junk)
            if i % 100 == 0:
                checker.suggest(junk)
            checker.set_layer("session", set())  # drop the cache so enchant is asked again

    threads = [threading.Thread(target=work, args=(seed,)) for seed in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


def test_without_the_enchant_library_spell_check_is_off_with_the_install_command(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import sys

    # What `import enchant` does on a machine without pyenchant or its C library.
    monkeypatch.setitem(sys.modules, "enchant", None)
    checker = SpellChecker("en_US")
    assert not checker.available
    assert checker.check("anythingg") and checker.suggest("anythingg") == []
    assert "enchant library is not installed" in checker.problem
    assert install_command("en_US", need_library=True) in checker.problem
    assert list(document_misspellings("Teh wrold.", checker)) == []
