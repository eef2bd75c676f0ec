"""Concepts and concept classes on short French sentences: readable noun phrases of whole tokens, never a name."""

import pytest
from helpers import annotate

from pipeline.components.claims import ClaimBuilder
from pipeline.language.text import concept_head_found


@pytest.fixture(scope="module")
def rules() -> ClaimBuilder:
    return ClaimBuilder("fr", use_models=False)


def concept_of(nlp, builder: ClaimBuilder, text: str, quantity: tuple[str, float, str],
               entities: list[tuple[str, str, str]] = (), head: str | None = None) -> tuple[str, str]:
    (found,) = builder(annotate(nlp, text, list(entities), quantity, head=head))._.news_claims
    return found.concept, found.concept_class


@pytest.mark.parametrize(
    ("text", "quantity", "expected"),
    [
        ("Le chiffre d’affaires a atteint 57 milliards de dollars.", ("57 milliards de dollars", 5.7e10, "USD"),
         "chiffre d’affaires"),
        ("Le groupe a publié un chiffre d’affaires de 77 milliards de dollars.",
         ("77 milliards de dollars", 7.7e10, "USD"), "chiffre d’affaires"),
        ("La division a dégagé 30 milliards de dollars de revenus.", ("30 milliards de dollars", 3e10, "USD"),
         "revenus"),
        # the quantity component reads the direction of a change; the concept names it
        ("Le bénéfice net a plongé de 83 %.", ("83 %", 83, "%", "down"), "baisse du bénéfice net"),
        ("Le site doit atteindre 2 GW en 2030.", ("2 GW", 2e9, "W"), "puissance électrique du site"),
        ("Le Moyen-Orient pourrait héberger 6 % de la puissance de calcul mondiale.", ("6 %", 6, "%"),
         "part de la puissance de calcul mondiale"),
    ],
)
def test_concept_is_the_noun_phrase_of_what_is_measured(base_nlp, rules, text, quantity, expected) -> None:
    concept, _ = concept_of(base_nlp, rules, text, quantity)
    assert concept == expected


def test_concept_never_glues_tokens_across_a_clause(base_nlp, rules) -> None:
    text = "Les revenus annualisés de l’entreprise, qui s’élevaient à 1 milliard de dollars, ont triplé."
    concept, _ = concept_of(base_nlp, rules, text, ("1 milliard de dollars", 1e9, "USD"))
    assert "entreprisequi" not in concept and " ".join(concept.split()) == concept


def test_concept_is_never_the_name_of_the_subject(base_nlp, rules) -> None:
    text = "Microsoft a investi 80 milliards de dollars."
    concept, concept_class = concept_of(base_nlp, rules, text, ("80 milliards de dollars", 8e10, "USD"),
                                        [("Microsoft", "ORG", "microsoft")])
    assert "Microsoft" not in concept
    assert (concept, concept_class) == ("investissement", "investment")


def test_counted_noun_keeps_its_product_name_and_stops_at_the_date(base_nlp, rules) -> None:
    text = "Nscale prévoit de déployer 10 000 GPU H100 d’ici 2026."
    concept, concept_class = concept_of(base_nlp, rules, text, ("10 000 GPU", 1e4, "count"),
                                        [("Nscale", "ORG", "nscale"), ("H100", "PRODUCT", "h100")], head="GPU")
    assert concept == "GPU H100"
    assert concept_class == "hardware_count"


@pytest.mark.parametrize(
    ("gold", "predicted", "found"),
    [("dépenses d’investissement", "les dépenses prévues", True), ("GPU H100", "GPU", True),
     ("capacité de calcul", "puissance de calcul", False), ("part du capital", "parts", True)],
)
def test_concept_head_measure(gold, predicted, found) -> None:
    assert concept_head_found(gold, predicted, "fr") is found
