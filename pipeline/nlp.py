"""Build the extraction pipeline: a spaCy base model plus the project's registered components."""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

# Importing the component modules registers their factories (they are also declared as spacy_factories
# entry points, so a plain ``nlp.add_pipe("news_quantities")`` works in any installed environment).
from pipeline.components import body, claims, dates, entities, language, lines, quantities  # noqa: F401

BASE_MODELS = {"fr": "fr_core_news_md"}
# Languages without a statistical model installable here: a blank tokenizer with the language's own rules (stop
# words, sentence punctuation), and the named-entity recognizer of another language's model, since names look alike
# across Latin-script languages. There is no tagger nor parser: the components read such a text from its words.
BORROWED_NER = {"en": "fr_core_news_md"}
PIPELINE_LANGUAGES = frozenset(BASE_MODELS) | frozenset(BORROWED_NER)

# Order matters: entity ids and the body feed the claims; quantities before dates so that a figure's
# counted noun is known when a duration is read ("un contrat de dix ans").
COMPONENTS = ("news_entity_linker", "news_body", "news_quantities", "news_dates", "news_claims")


def build_nlp(lang: str, *, base_model: str | None = None) -> Language:
    """The full pipeline for ``lang``: the base model's tagger, parser and NER (or, for a language without a
    model, a blank one with a borrowed NER), then our components."""
    model = base_model or BASE_MODELS.get(lang)
    if model is not None:
        nlp = spacy.load(model)
    elif lang in BORROWED_NER:
        nlp = _blank_with_ner(lang, BORROWED_NER[lang])
    else:
        raise ValueError(f"no pipeline for language {lang!r} (have: {', '.join(sorted(PIPELINE_LANGUAGES))})")
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("news_line_breaks", before="parser")
    else:
        nlp.add_pipe("sentencizer", first=True)
        nlp.add_pipe("news_line_breaks", after="sentencizer")
    nlp.add_pipe("news_language", first=True)
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


def _blank_with_ner(lang: str, ner_model: str) -> Language:
    donor = spacy.load(ner_model, exclude=["parser", "morphologizer", "attribute_ruler", "lemmatizer", "tagger"])
    nlp = spacy.blank(lang)
    nlp.vocab.vectors = donor.vocab.vectors  # the recognizer's embeddings read the static vectors
    nlp.add_pipe("ner", source=donor)
    return nlp


@cache
def shared_nlp(lang: str) -> Language:
    """One pipeline per language per process: loading the model costs seconds, running it milliseconds."""
    return build_nlp(lang)
