"""Shared fixtures: the spaCy model is loaded once per test session."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GOLD = ROOT / "gold" / "seeds.jsonl"
COMPONENT_MODULES = {
    "news_quantities": "pipeline.components.quantities",
    "news_dates": "pipeline.components.dates",
    "news_entity_linker": "pipeline.components.entities",
    "news_body": "pipeline.components.body",
    "news_claims": "pipeline.components.claims",
}


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
        for name in names:
            importlib.import_module(COMPONENT_MODULES[name])  # registers the factory
        if names not in built:
            pipeline_nlp = spacy.load("fr_core_news_md")
            for name in names:
                pipeline_nlp.add_pipe(name)
            built[names] = pipeline_nlp
        return built[names]

    return get
