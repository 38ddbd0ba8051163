"""Spell-check on real technical prose that ships on every machine: installed packages' READMEs.

Misspellings from codespell's pairs are injected, some repeated in several READMEs (a repeated
typo must not be learned as vocabulary). The figures are reported by `make bench`
(bench/bench_spelling_corpus.py); this test holds the line on both.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "bench_spelling_corpus.py"


@pytest.fixture(scope="module")
def corpus_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("bench_spelling_corpus", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks itself up there
    spec.loader.exec_module(module)
    return module


def test_injected_typos_are_caught_repeated_ones_included(corpus_module) -> None:  # type: ignore[no-untyped-def]
    result = corpus_module.measure(count=300)
    assert result.words > 10_000, "too little README prose installed to measure"
    assert result.repeated_typos >= 8
    assert result.catch_rate >= 0.95
    # The bar: at most one other flag per 1,000 words (misspellings codespell knows
    # that the READMEs already had are right, and counted apart).
    assert result.other_per_1000 <= 1, sorted(set(result.other_words))
