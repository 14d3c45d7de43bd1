"""Shared fixtures: the pipeline (built once per session), the seed and development sets.

The development set lives in ../shared (no licence to redistribute): tests that
need it skip with a clear message when it is not there.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED_CORPUS = ROOT / "corpus"
SEED_GOLD = ROOT / "gold"
SHARED = ROOT.parent / "shared"
DEV_CORPUS = SHARED / "corpus"
DEV_GOLD = SHARED / "gold"
HOLDOUT = frozenset(json.loads((ROOT / "tests" / "devsplit.json").read_text(encoding="utf-8"))["holdout"])


def dev_available() -> bool:
    return DEV_CORPUS.is_dir() and DEV_GOLD.is_dir()


requires_dev = pytest.mark.skipif(not dev_available(), reason="../shared/corpus and ../shared/gold not found: "
                                                               "the development set is read in place, never copied")


@pytest.fixture(scope="session")
def nlp():
    from extractor.nlp import load

    return load()


@pytest.fixture(scope="session")
def run_text(nlp):
    """text (+ published) -> Record, through the session's pipeline."""
    from extractor.nlp import process
    from extractor.reading import from_text

    def run(text: str, published: str | None = None, doc_id: str = "t"):
        return process(from_text(text, doc_id, published=published), nlp)

    return run


@pytest.fixture(scope="session")
def seed_records(nlp):
    from extractor.nlp import process
    from extractor.reading import read_file

    return {p.stem: process(read_file(p), nlp) for p in sorted(SEED_CORPUS.glob("*.txt"))}


@pytest.fixture(scope="session")
def dev_records(nlp):
    if not dev_available():
        pytest.skip("../shared not found: the development set is read in place, never copied")
    from extractor.nlp import process
    from extractor.reading import read_file

    return {p.stem: process(read_file(p), nlp) for p in sorted(DEV_CORPUS.glob("*.txt"))}
