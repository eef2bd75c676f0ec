"""Build the extraction pipeline: a spaCy base model plus the project's registered components."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

# Importing the component modules registers their factories (they are also declared as spacy_factories
# entry points, so a plain ``nlp.add_pipe("news_quantities")`` works in any installed environment).
from pipeline.components import body, claims, dates, entities, lines, quantities  # noqa: F401

BASE_MODELS = {"fr": "fr_core_news_md"}

# Order matters: entity ids and the body feed the claims; quantities before dates so that a figure's
# counted noun is known when a duration is read ("un contrat de dix ans").
COMPONENTS = ("news_entity_linker", "news_body", "news_quantities", "news_dates", "news_claims")


def build_nlp(lang: str, *, base_model: str | None = None) -> Language:
    """The full pipeline for ``lang``: the base model's tagger, parser and NER, then our components."""
    model = base_model or BASE_MODELS.get(lang)
    if model is None:
        raise ValueError(f"no base model configured for language {lang!r} (have: {sorted(BASE_MODELS)})")
    nlp = spacy.load(model)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("news_line_breaks", before="parser")
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


@cache
def shared_nlp(lang: str) -> Language:
    """One pipeline per language per process: loading the model costs seconds, running it milliseconds."""
    return build_nlp(lang)
