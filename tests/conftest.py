"""Shared fixtures: the spaCy model is loaded once per test session."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GOLD = ROOT / "gold" / "seeds.jsonl"


@pytest.fixture(scope="session")
def base_nlp() -> Language:
    """The bare fr_core_news_md pipeline."""
    return spacy.load("fr_core_news_md")


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The full extraction pipeline."""
    from pipeline.nlp import shared_nlp

    return shared_nlp("fr")


@pytest.fixture(scope="session")
def component_nlp() -> Callable[..., Language]:
    """fr_core_news_md plus only the named components, built once per combination per session."""
    built: dict[tuple[str, ...], Language] = {}

    def get(*names: str) -> Language:
        if names not in built:
            pipeline_nlp = spacy.load("fr_core_news_md")
            for name in names:
                pipeline_nlp.add_pipe(name)
            built[names] = pipeline_nlp
        return built[names]

    return get
