"""Claim roles from words and positions (pipeline/components/claims/lexical.py), in the English pipeline, which
has no tagger or parser."""

from __future__ import annotations

import pytest
from spacy.language import Language


@pytest.fixture(scope="module")
def en_nlp() -> Language:
    from pipeline.nlp import shared_nlp

    return shared_nlp("en")


def claims_by_figure(nlp: Language, text: str, dct: str = "2025-06-02") -> dict[str, tuple[str | None, str]]:
    doc = nlp.make_doc(text)
    doc._.news_dct = dct
    doc = nlp(doc)
    quantities = {q.id: q.text for q in doc._.news_quantities}
    return {quantities[c.quantity]: (c.subject, c.modality) for c in doc._.news_claims}


def test_subject_is_the_nearest_name_before_the_figure(en_nlp: Language) -> None:
    claims = claims_by_figure(en_nlp, "Microsoft said Nvidia sold 250,000 GPUs last year.")
    assert claims["250,000 GPUs"] == ("nvidia", "fact")


def test_subject_from_the_previous_sentences_when_the_sentence_names_none(en_nlp: Language) -> None:
    claims = claims_by_figure(en_nlp, "Oracle reported its results on Monday.\n\nRevenue rose to $15 billion.")
    assert claims["$15 billion"][0] == "oracle"


@pytest.mark.parametrize(
    "text",
    [
        "Microsoft will spend $80 billion on data centers.",
        "Microsoft plans to spend $80 billion on data centers.",
        "Microsoft could spend $80 billion on data centers.",
        "Microsoft spends $80 billion on data centers in 2027.",
    ],
)
def test_forecast_from_words_or_a_future_date(en_nlp: Language, text: str) -> None:
    assert claims_by_figure(en_nlp, text)["$80 billion"] == ("microsoft", "forecast")


def test_fact_without_forecast_words(en_nlp: Language) -> None:
    assert claims_by_figure(en_nlp, "Microsoft spent $80 billion on data centers.")["$80 billion"][1] == "fact"
