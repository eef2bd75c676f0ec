"""The direction of a figure that states a change (gold/GUIDELINES.md, "Direction of a change"), on short French
sentences through the full pipeline."""

from __future__ import annotations

import pytest
from spacy.language import Language

# (text, the figure as written, its direction)
CASES = [
    # a verb or noun of change governs the figure
    ("Le chiffre d’affaires a baissé de 20 % en 2024.", "20 %", "down"),
    ("Au troisième trimestre, le bénéfice net a plongé de 83 %.", "83 %", "down"),
    ("Les ventes ont progressé de 57 % en 2024.", "57 %", "up"),
    ("Les dépenses sont en hausse de 74 % sur un an.", "74 %", "up"),
    ("Les revenus du minage ont chuté d’environ 50 %.", "environ 50 %", "down"),
    ("Les prix pourraient reculer de 10 à 15 %.", "de 10 à 15 %", "down"),
    # coordinated figures share their verb
    ("À Wall Street, l’action Nvidia a cédé 2,22 % et celle de Microsoft 2,38 %.", "2,38 %", "down"),
    # "de X" hung on the verb's object still belongs to the verb
    ("Nous avons réduit nos effectifs d’environ 15 %.", "environ 15 %", "down"),
    # factors of change and signs
    ("La demande a été multipliée par trois depuis janvier.", "multipliée par trois", "up"),
    ("Le prix du stockage a été divisé par deux.", "divisé par deux", "down"),
    ("Une hausse de +12 % des ventes.", "12 %", "up"),
    ("Sur un an, le titre affiche -3 %.", "-3 %", "down"),
    # a percentage "gagné" or "perdu" is a change
    ("L’action a gagné près de 4 % lundi.", "près de 4 %", "up"),
    # levels, comparisons, results: no direction
    ("Le chiffre d’affaires s’est envolé de 26 %, à 51,24 milliards de dollars.", "51,24 milliards de dollars", None),
    ("La puissance du site pourrait grimper jusqu’à 100 MW.", "jusqu’à 100 MW", None),
    ("Sa division a perdu 3,1 milliards de dollars au deuxième trimestre.", "3,1 milliards de dollars", None),
    ("Nvidia détient environ 80 % du marché des accélérateurs.", "environ 80 %", None),
    ("Louer nos mégawatts rapporte dix fois plus que le minage.", "dix fois plus", None),
]


@pytest.mark.parametrize(("text", "surface", "direction"), CASES)
def test_direction_of_a_figure(nlp: Language, text: str, surface: str, direction: str | None) -> None:
    doc = nlp(text)
    quantity = next(q for q in doc._.news_quantities if q.text == surface)
    assert quantity.direction == direction


def test_direction_keeps_the_value_the_text_writes(nlp: Language) -> None:
    """The value is the number as written ("-3" stays -3, "20" stays 20); the direction says which way it went."""
    (fall,) = nlp("Le chiffre d’affaires a baissé de 20 %.")._.news_quantities
    assert (fall.value, fall.direction) == (20.0, "down")


def test_a_rate_of_change_names_its_direction_in_the_concept(nlp: Language) -> None:
    """The rule step "change of the subject" (the learned concept ranker may then prefer another option)."""
    from pipeline.components.claims import ClaimBuilder

    doc = nlp("Le chiffre d’affaires de Nvidia a baissé de 20 % en 2024.")
    (claim,) = ClaimBuilder("fr", use_models=False)(doc)._.news_claims
    assert claim.concept.startswith("baisse du chiffre d’affaires")
