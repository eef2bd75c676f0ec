"""Language identification (pipeline/language/identify.py) and the passages of another language inside an article
(news_language), read by news_quantities and news_dates with that language's data."""

from __future__ import annotations

import pytest
from spacy.language import Language

from pipeline.components.language import readable_languages
from pipeline.language.identify import identifier, segments, without_names

FRENCH = (
    "Nvidia a vendu 3 000 GPU à la start-up française, qui veut construire un centre de données près de Paris. "
    "Le projet coûtera 2,4 milliards d'euros selon le communiqué publié lundi."
)
ENGLISH = (
    "Microsoft will spend $80 billion this fiscal year on data centers that can train artificial intelligence "
    "models, the company's president wrote in a blog post on Friday."
)
GERMAN = "Die Bundesregierung will bis 2030 zehn Milliarden Euro in neue Rechenzentren investieren, sagte der Minister."

# A French article quoting an English press release, headline and post signature.
MIXED = (
    "Acme signe un contrat géant avec Beta\n\n"
    "Acme a signé lundi un accord avec Beta pour 2,4 milliards de dollars. Le communiqué précise :\n\n"
    "The agreements are worth ~$2.4 billion over their initial 10-year terms.\n\n"
    "Acme Signs 200+ MW, 10-Year Hosting Deal\n"
    "— Acme (@AcmeInc) August 14, 2025\n"
)


@pytest.mark.parametrize(("text", "lang"), [(FRENCH, "fr"), (ENGLISH, "en"), (GERMAN, "de")])
def test_article_language(text: str, lang: str) -> None:
    found, confidence = identifier().article_language(text)
    assert found == lang
    assert confidence >= 0.5


def test_article_language_unknown_for_text_without_words() -> None:
    assert identifier().article_language("1 234 567 — 89 %")[0] is None


def test_segments_are_lines_and_quotations() -> None:
    text = "Il a dit « We are all in on this » hier.\n\nSecond line"
    spans = [text[start:end] for start, end in segments(text)]
    assert spans == ["Il a dit « We are all in on this » hier.", "We are all in on this", "Second line"]


def test_names_are_left_out_except_in_title_case() -> None:
    assert "Microsoft" not in without_names("Le data center de Microsoft Azure consomme")
    assert without_names("Acme Signs 200+ MW Hosting Deal") == "Acme Signs 200+ MW Hosting Deal"


def test_passages_of_english_inside_french() -> None:
    passages = identifier().passages(MIXED, "fr", ["en", "fr"])
    texts = [MIXED[p.start : p.end] for p in passages]
    assert texts == [
        "The agreements are worth ~$2.4 billion over their initial 10-year terms.",
        "Acme Signs 200+ MW, 10-Year Hosting Deal",
        "— Acme (@AcmeInc) August 14, 2025",
    ]
    assert {p.lang for p in passages} == {"en"}


@pytest.mark.parametrize(
    "line",
    [
        "Le deal porte sur le cloud et les data centers de Microsoft Azure pour 3 milliards.",
        "Le chiffre d'affaires du data center a atteint 51,2 milliards de dollars.",
        "Nvidia a vendu 3 000 GPU à Acme en 2025.",
        "« C'est un game changer », a déclaré Sam Altman.",
    ],
)
def test_french_with_english_words_is_no_passage(line: str) -> None:
    assert identifier().passages(line, "fr", ["en", "fr"]) == []


def test_only_languages_with_data_are_passages() -> None:
    assert identifier().passages(GERMAN + "\n" + FRENCH, "fr", ["fr"]) == []
    assert {"en", "fr"} <= set(readable_languages())


def test_english_passage_read_with_english_words(nlp: Language) -> None:
    doc = nlp(MIXED)
    by_text = {q.text: q for q in doc._.news_quantities}
    assert by_text["2,4 milliards de dollars"].value == pytest.approx(2.4e9)
    english = by_text["~$2.4 billion"]  # "billion" is 1e9 in English, 1e12 in French
    assert (english.value, english.unit, english.bound) == (pytest.approx(2.4e9), "USD", "approx")
    assert by_text["10-year"].value == pytest.approx(10 * 365.25 * 86400)
    headline = by_text["200+ MW"]
    assert (headline.value, headline.unit, headline.bound) == (pytest.approx(2e8), "W", "min")
    assert not any(entity.text.startswith("Acme Signs") and entity.kb_id_ == "acme-signs" for entity in doc.ents)
    assert ("August 14, 2025", "2025-08-14") in [(t.text, t.value) for t in doc._.news_dates]


def test_french_article_without_passage_is_unchanged(nlp: Language) -> None:
    doc = nlp(FRENCH)
    assert doc._.news_passages == []
    assert [q.text for q in doc._.news_quantities] == ["3 000 GPU", "2,4 milliards d'euros"]
