from pathlib import Path

import pytest

from pipeline.records import Claim, Document, Quantity, Span, read_documents
from pipeline.views.grouping import bounds_agree, concept_words, concepts_close, group_claims, groups_table

ROOT = Path(__file__).resolve().parent.parent


def _document(doc_id: str, claims: list[tuple[str | None, float, str, str]]) -> Document:
    quantities = [Quantity(f"q{i}", i * 10, i * 10 + 5, "x" * 5, value, None, unit, "exact", False)
                  for i, (_, value, unit, _) in enumerate(claims, 1)]
    return Document(doc_id, "0" * 64, "fr", None, Span(0, 1000), quantities=quantities, claims=[
        Claim(f"q{i}", subject, concept, None, None, "fact") for i, (subject, _, _, concept) in enumerate(claims, 1)
    ])


def test_grouping_concept_words_fold_accents_and_drop_stop_words() -> None:
    assert concept_words("Marché mondial des GPU", "fr") == {"marche", "mondial", "gpu"}
    assert concept_words("puces d’IA", "fr") == {"puces", "ia"}


@pytest.mark.parametrize(
    ("left", "right", "close"),
    [("puces d’IA", "puces d'IA d’ici", True), ("marché mondial des GPU", "marché des GPU", True),
     ("puces d’IA", "consommation électrique", False), ("", "puces", False)],
)
def test_grouping_concepts_close(left: str, right: str, close: bool) -> None:
    assert concepts_close(left, right, "fr") is close


def test_grouping_same_figure_in_two_articles_grouped_once_per_source() -> None:
    documents = [
        _document("a", [("openai", 1e8, "count", "puces d’IA"), ("openai", 75, "%", "part du réseau")]),
        _document("b", [("openai", 1.005e8, "count", "puces d’IA"), ("xai", 1e8, "count", "puces d’IA")]),
        _document("c", [("openai", 1e8, "USD", "puces d’IA"), ("openai", 1e8, "count", "GPU mis en ligne")]),
    ]
    (group,) = group_claims(documents)
    assert group.sources == ["a", "b"]
    assert "\n| 2 | 2 | openai | 100 millions | puces d’IA | a, b |" in groups_table([group])


def test_grouping_gold_finds_the_figure_carried_by_two_seed_articles() -> None:
    groups = group_claims(read_documents(ROOT / "gold" / "seeds.jsonl"))
    assert [(g.mentions[0].subject, g.mentions[0].quantity.value, len(g.sources)) for g in groups] == [
        ("openai", 1e8, 2)
    ]


def _figure(value: float, bound: str, value_max: float | None = None) -> Quantity:
    return Quantity("q1", 0, 5, "x" * 5, value, value_max, "USD", bound, False)


@pytest.mark.parametrize(
    ("left", "right", "agree"),
    [(_figure(5e10, "approx"), _figure(5e10, "exact"), True),
     (_figure(5e10, "range", 6e10), _figure(5e10, "approx"), False),
     (_figure(5e10, "range", 6e10), _figure(5e10, "range", 6e10), True),
     (_figure(5e10, "range", 6e10), _figure(5e10, "range", 8e10), False),
     (_figure(1e8, "min"), _figure(1e8, "exact"), True),
     (_figure(1e8, "min"), _figure(1e8, "max"), False),
     (_figure(1e8, "min"), _figure(1e8, "min"), True)],
)
def test_grouping_bounds_must_agree(left: Quantity, right: Quantity, agree: bool) -> None:
    assert bounds_agree(left, right) is agree
