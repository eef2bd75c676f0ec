"""The news_quantities component on short French sentences (data-driven), plus property and English tests."""

from __future__ import annotations

import math
from collections.abc import Callable
from decimal import Decimal

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

import pipeline.components.quantities  # noqa: F401  (registers the news_quantities factory)
from pipeline.components.quantities import TextContext, load_finder
from pipeline.components.quantities.engine import finder_from

# (text, surface, value, value_max, unit, bound, vague, head)
CASES = [
    # fractions: of a whole in %, of a unit in that unit
    ("Il en garde un cinquième des revenus.", "un cinquième", 20, None, "%", "exact", False, None),
    ("Un élève sur trois : un sur trois.", "un sur trois", 100 / 3, None, "%", "exact", False, None),
    ("La part atteint 3/4.", "3/4", 75, None, "%", "exact", False, None),
    ("La piste fait 1/4 kilomètre.", "1/4 kilomètre", 250, None, "m", "exact", False, "kilomètre"),
    ("Il faut 10 1/2 miles de câble.", "10 1/2 miles", 10.5 * 1609.344, None, "m", "exact", False, "miles"),
    (
        "Le score atteint un pourcentage de vingt.",
        "pourcentage de vingt",
        20,
        None,
        "%",
        "exact",
        False,
        "pourcentage de",
    ),
    # currency subunits and compound amounts
    ("Le titre perd 34 cents.", "34 cents", 0.34, None, "USD", "exact", False, "cents"),
    ("Le titre cote 197 centimes.", "197 centimes", 1.97, None, "EUR", "exact", False, "centimes"),
    ("L'action vaut 470 pence.", "470 pence", 4.7, None, "GBP", "exact", False, "pence"),
    ("Ça coûte 15 dollars et 15 cents.", "15 dollars et 15 cents", 15.15, None, "USD", "exact", False, "dollars"),
    (
        "Ça coûte treize euros et quarante-cinq cents.",
        "treize euros et quarante-cinq cents",
        13.45,
        None,
        "EUR",
        "exact",
        False,
        "euros",
    ),
    ("Ça coûte 10 $ c'est peu.", "10 $", 10, None, "USD", "exact", False, "$"),
    ("Ça coûte 15 dollars 50.", "15 dollars 50", 15.5, None, "USD", "exact", False, "dollars"),
    # currency qualifiers, francs, pounds decided by the sentence
    ("Le projet coûte 16,4 millions de $ c.", "16,4 millions de $ c", 16.4e6, None, "CAD", "exact", False, "$ c"),
    ("Le projet coûte 300 millions de $CAD.", "300 millions de $CAD", 3e8, None, "CAD", "exact", False, "$CAD"),
    ("Le billet coûte C$ 15.", "C$ 15", 15, None, "CAD", "exact", False, "C$"),
    ("Le billet coûte nzd$15.", "nzd$15", 15, None, "NZD", "exact", False, "nzd$"),
    (
        "Il a payé 100 roupies indiennes.",
        "100 roupies indiennes",
        100,
        None,
        "INR",
        "exact",
        False,
        "roupies indiennes",
    ),
    ("Les ventes atteignent 10 milliards de $ hk.", "10 milliards de $ hk", 1e10, None, "HKD", "exact", False, "$ hk"),
    (
        "La banque a prêté 528 millions de francs.",
        "528 millions de francs",
        5.28e8,
        None,
        "CHF",
        "exact",
        False,
        "francs",
    ),
    (
        "Son résultat atteint 361 millions de livres.",
        "361 millions de livres",
        3.61e8,
        None,
        "GBP",
        "exact",
        False,
        "livres",
    ),
    ("Il a payé 20 livres.", "20 livres", 20, None, "GBP", "exact", False, "livres"),
    ("Dans ce pays, on stocke 20 livres de riz.", "20 livres", 20 * 453.59237, None, "g", "exact", False, "livres"),
    ("Le bébé pèse deux livres.", "deux livres", 2 * 453.59237, None, "g", "exact", False, "livres"),
    # angles, in radians: degrees near a word of turning or slope, turns right after a verb of doing, radians
    ("Il faut tourner à 90 degrés.", "90 degrés", math.pi / 2, None, "rad", "exact", False, "degrés"),
    ("Tourner à gauche à 45 degrés.", "45 degrés", math.pi / 4, None, "rad", "exact", False, "degrés"),
    ("La route a 45 degrés d'inclinaison.", "45 degrés", math.pi / 4, None, "rad", "exact", False, "degrés"),
    (
        "L'axe est incliné d'environ 23,5°.",
        "environ 23,5°",
        math.radians(23.5),
        None,
        "rad",
        "approx",
        False,
        "°",
    ),
    ("L'angle est de 0.8rad.", "0.8rad", 0.8, None, "rad", "exact", False, "rad"),
    ("L'angle est de 0,8 rad.", "0,8 rad", 0.8, None, "rad", "exact", False, "rad"),
    ("Le patineur a fait 3 tours.", "3 tours", 6 * math.pi, None, "rad", "exact", False, "tours"),
    ("Le disque tourne à 7 200 rpm.", "7 200 rpm", 7200 * 2 * math.pi / 60, None, "rad/s", "exact", False, "rpm"),
    # "un demi" is not "un de mi(les)"
    ("Il a fait un demi tour.", "un demi tour", math.pi, None, "rad", "exact", False, "tour"),
    ("Il faut effectuer un demi-tour.", "un demi-tour", math.pi, None, "rad", "exact", False, "tour"),
    ("Il suffit de faire un quart de tour.", "un quart de tour", math.pi / 2, None, "rad", "exact", False, "tour"),
    # a financing round stays money
    (
        "Un tour de table de 500 millions d'euros.",
        "500 millions d'euros",
        5e8,
        None,
        "EUR",
        "exact",
        False,
        "euros",
    ),
    # units: cubic feet, speeds, a hyphen between number and unit
    (
        "Ils exportent 0,9 milliard de pieds cubes.",
        "0,9 milliard de pieds cubes",
        0.9e9 * 0.3048**3,
        None,
        "m3",
        "exact",
        False,
        "pieds cubes",
    ),
    (
        "Elle roule à 188 miles à l'heure.",
        "188 miles à l'heure",
        188 * 0.44704,
        None,
        "m/s",
        "exact",
        False,
        "miles à l'heure",
    ),
    ("Le train file à 300 km/h.", "300 km/h", 300 / 3.6, None, "m/s", "exact", False, "km/h"),
    ("Une portion de 2,5-km de route.", "2,5-km", 2500, None, "m", "exact", False, "km"),
    ("Cinq satellites de trois-tonnes.", "trois-tonnes", 3e6, None, "g", "exact", False, "tonnes"),
    ("Ils étaient 30 mille manifestants.", "30 mille manifestants", 3e4, None, "count", "exact", False, "manifestants"),
    # bounds after the number; plural and inclusive bound words
    ("Il vendra 5000 puces ou plus de 6000 puces.", "5000 puces", 5000, None, "count", "exact", False, "puces"),
    ("Les ventes sont inférieures à 30 dollars.", "inférieures à 30 dollars", 30, None, "USD", "max", False, "dollars"),
    ("Le prix est supérieur ou égal à 5 euros.", "supérieur ou égal à 5 euros", 5, None, "EUR", "min", False, "euros"),
    ("Il a vendu 500 puces ou plus.", "500 puces ou plus", 500, None, "count", "min", False, "puces"),
    ("Il coûte 20 dollars ou moins.", "20 dollars ou moins", 20, None, "USD", "max", False, "dollars"),
    ("Il a acheté 2 000 puces H800.", "2 000 puces", 2000, None, "count", "exact", False, "puces"),
    ("Ils ont livré 550\u00a0000 unités.", "550\u00a0000 unités", 550000, None, "count", "exact", False, "unités"),
    ("Ils ont livré 550\u202f000 unités.", "550\u202f000 unités", 550000, None, "count", "exact", False, "unités"),
    ("Le contrat vaut 1.500.000 dollars.", "1.500.000 dollars", 1.5e6, None, "USD", "exact", False, "dollars"),
    (
        "Le chiffre atteint 2,39 milliards de dollars.",
        "2,39 milliards de dollars",
        2.39e9,
        None,
        "USD",
        "exact",
        False,
        "dollars",
    ),
    (
        "Un coût entre 1 500 et 2 000 milliards de dollars.",
        "entre 1 500 et 2 000 milliards de dollars",
        1.5e12,
        2e12,
        "USD",
        "range",
        False,
        "dollars",
    ),
    ("Une hausse de 10 à 15 % par an.", "de 10 à 15 %", 10, 15, "%", "range", False, "%"),
    ("Une hausse de 10-15 % par an.", "10-15 %", 10, 15, "%", "range", False, "%"),
    ("Il veut un million de puces d'IA.", "un million de puces", 1e6, None, "count", "exact", False, "puces"),
    ("Elles sont cinq fois plus rapides.", "cinq fois plus", 5, None, "x", "exact", False, "fois"),
    ("Colossus 2 éclipse de vingt fois son rival.", "vingt fois", 20, None, "x", "exact", False, "fois"),
    ("Ils ont commandé deux mille GPU.", "deux mille GPU", 2000, None, "count", "exact", False, "GPU"),
    (
        "Un marché de mille milliards de dollars.",
        "mille milliards de dollars",
        1e12,
        None,
        "USD",
        "exact",
        False,
        "dollars",
    ),
    ("Une levée de 1,5 million de dollars.", "1,5 million de dollars", 1.5e6, None, "USD", "exact", False, "dollars"),
    ("OpenAI lève 3 Md$ cette semaine.", "3 Md$", 3e9, None, "USD", "exact", False, "$"),
    ("La start-up lève 12 M€.", "12 M€", 12e6, None, "EUR", "exact", False, "€"),
    ("Il vise un demi-million de GPU.", "un demi-million de GPU", 5e5, None, "count", "exact", False, "GPU"),
    ("Le Japon dépense un billion de yens.", "un billion de yens", 1e12, None, "JPY", "exact", False, "yens"),
    (
        "Il faudra des milliers de milliards de dollars.",
        "des milliers de milliards de dollars",
        1e12,
        None,
        "USD",
        "min",
        True,
        "dollars",
    ),
    (
        "Il faut plusieurs dizaines de milliers de serveurs.",
        "plusieurs dizaines de milliers de serveurs",
        1e4,
        None,
        "count",
        "min",
        True,
        "serveurs",
    ),
    (
        "Un site de environ 2 000 milliards de dollars.",
        "environ 2 000 milliards de dollars",
        2e12,
        None,
        "USD",
        "approx",
        False,
        "dollars",
    ),
    ("Ils consomment près de 5 GW.", "près de 5 GW", 5e9, None, "W", "approx", False, "GW"),
    (
        "Un budget de quelque 300 millions d'euros.",
        "quelque 300 millions d'euros",
        3e8,
        None,
        "EUR",
        "approx",
        False,
        "euros",
    ),
    ("Un centre autour de 100 MW.", "autour de 100 MW", 1e8, None, "W", "approx", False, "MW"),
    ("Un centre de ~5 GW.", "~5 GW", 5e9, None, "W", "approx", False, "GW"),
    (
        "Des pertes de l'ordre de 10 milliards d'euros.",
        "de l'ordre de 10 milliards d'euros",
        1e10,
        None,
        "EUR",
        "approx",
        False,
        "euros",
    ),
    (
        "Il emploie plus de 40 000 personnes.",
        "plus de 40 000 personnes",
        40000,
        None,
        "count",
        "min",
        False,
        "personnes",
    ),
    (
        "Il coûtera au moins 100 milliards de dollars.",
        "au moins 100 milliards de dollars",
        1e11,
        None,
        "USD",
        "min",
        False,
        "dollars",
    ),
    (
        "Nous dépasserons largement le million de GPU.",
        "dépasserons largement le million de GPU",
        1e6,
        None,
        "count",
        "min",
        False,
        "GPU",
    ),
    (
        "La facture devrait dépasser 500 milliards de dollars.",
        "dépasser 500 milliards de dollars",
        5e11,
        None,
        "USD",
        "min",
        False,
        "dollars",
    ),
    (
        "Il a dépensé plus d'un milliard de dollars.",
        "plus d'un milliard de dollars",
        1e9,
        None,
        "USD",
        "min",
        False,
        "dollars",
    ),
    ("Elles offriraient jusqu'à cinq fois plus.", "jusqu'à cinq fois plus", 5, None, "x", "max", False, "fois"),
    ("Elles offriraient jusqu’à cinq fois plus.", "jusqu’à cinq fois plus", 5, None, "x", "max", False, "fois"),
    ("Il y a moins de 300 employés.", "moins de 300 employés", 300, None, "count", "max", False, "employés"),
    (
        "Un budget de pas plus de 20 millions d'euros.",
        "pas plus de 20 millions d'euros",
        2e7,
        None,
        "EUR",
        "max",
        False,
        "euros",
    ),
    ("Ils ont payé 5 000 US$.", "5 000 US$", 5000, None, "USD", "exact", False, "US$"),
    ("Ils ont payé $75 millions.", "$75 millions", 7.5e7, None, "USD", "exact", False, "$"),
    ("Un site de 5 gigawatts.", "5 gigawatts", 5e9, None, "W", "exact", False, "gigawatts"),
    ("Chaque puce consomme 750 W.", "750 W", 750, None, "W", "exact", False, "W"),
    ("Un site de 3 kW.", "3 kW", 3e3, None, "W", "exact", False, "kW"),
    ("Une consommation de 10 TWh.", "10 TWh", 1e13, None, "Wh", "exact", False, "TWh"),
    ("Une consommation de 20 kWh.", "20 kWh", 2e4, None, "Wh", "exact", False, "kWh"),
    (
        "Une puissance de environ 200 exaFLOPS.",
        "environ 200 exaFLOPS",
        2e20,
        None,
        "FLOP/s",
        "approx",
        False,
        "exaFLOPS",
    ),
    ("Une puissance de 3 pétaFLOPS.", "3 pétaFLOPS", 3e15, None, "FLOP/s", "exact", False, "pétaFLOPS"),
    ("Une puissance de 40 TFLOPS.", "40 TFLOPS", 4e13, None, "FLOP/s", "exact", False, "TFLOPS"),
    ("Une puissance de 10 FLOP/s.", "10 FLOP/s", 10, None, "FLOP/s", "exact", False, "FLOP/s"),
    ("Un disque de 2 To.", "2 To", 2e12, None, "B", "exact", False, "To"),
    ("Un modèle de 500 Go.", "500 Go", 5e11, None, "B", "exact", False, "Go"),
    ("Un corpus de 500 téraoctets.", "500 téraoctets", 5e14, None, "B", "exact", False, "téraoctets"),
    ("Une mémoire de 80 octets.", "80 octets", 80, None, "B", "exact", False, "octets"),
    ("Une hausse de 75 %.", "75 %", 75, None, "%", "exact", False, "%"),
    ("Une hausse de 75%.", "75%", 75, None, "%", "exact", False, "%"),
    ("Une hausse de 75 pour cent.", "75 pour cent", 75, None, "%", "exact", False, "pour cent"),
    ("Une hausse de environ 75 %.", "environ 75 %", 75, None, "%", "approx", False, "%"),
    ("Les deux tiers des entreprises.", "deux tiers", 200 / 3, None, "%", "exact", False, None),
    ("Il faut multiplier par 100 la puissance.", "multiplier par 100", 100, None, "x", "exact", False, "multiplier"),
    (
        "Il faut multiplier ce chiffre par 100.",
        "multiplier ce chiffre par 100",
        100,
        None,
        "x",
        "exact",
        False,
        "multiplier",
    ),
    ("Un gain x5 sur l'inférence.", "x5", 5, None, "x", "exact", False, "x"),
    ("Un gain ×100 sur l'inférence.", "×100", 100, None, "x", "exact", False, "×"),
    ("Ils veulent doubler la capacité.", "doubler", 2, None, "x", "exact", False, "doubler"),
    ("Ils veulent tripler la capacité.", "tripler", 3, None, "x", "exact", False, "tripler"),
    ("Les ventes ont décuplé.", "décuplé", 10, None, "x", "exact", False, "décuplé"),
    ("Des modèles dix fois plus grands.", "dix fois plus", 10, None, "x", "exact", False, "fois"),
    ("Il y a 40 000 entreprises.", "40 000 entreprises", 40000, None, "count", "exact", False, "entreprises"),
    ("Il a reçu 36 GB200.", "36 GB200", 36, None, "count", "exact", False, "GB200"),
    ("Il a fallu 80 heures de calcul.", "80 heures", 80 * 3600, None, "s", "exact", False, "heures"),
    ("Un contrat de dix ans.", "dix ans", 10 * 365.25 * 86400, None, "s", "exact", False, "ans"),
    ("Un site de 74 300 m² (800 000 sqft).", "800 000 sqft", 74322.432, None, "m2", "exact", False, "sqft"),
    ("Seulement 2 000 puces.", "2 000 puces", 2000, None, "count", "exact", False, "puces"),
    # a compound noun is counted whole
    ("La France compte 352 centres de données.", "352 centres de données", 352, None, "count", "exact", False,
     "centres de données"),
    ("Elle ouvre 3 data centers.", "3 data centers", 3, None, "count", "exact", False, "data centers"),
    # a list's dash is no minus sign; a dash glued to its number is
    ("Consommation prévue :\n- 23,71 TWh en 2024 ;\n- 105,25 TWh en 2035.", "23,71 TWh", 23.71e12, None, "Wh",
     "exact", False, "TWh"),
    ("Consommation prévue :\n- 23,71 TWh en 2024 ;\n- 105,25 TWh en 2035.", "105,25 TWh", 105.25e12, None, "Wh",
     "exact", False, "TWh"),
    ("Un contrat de 17,4 milliards de dollars sur cinq ans.", "cinq ans", 5 * 365.25 * 86400, None, "s", "exact",
     False, "ans"),
    ("Le titre a perdu :\n-5 % en séance.", "-5 %", -5, None, "%", "exact", False, "%"),
    ("Des revenus de 1.046 milliards de dollars de Taïwan.", "1.046 milliards de dollars de Taïwan", 1.046e12, None,
     "TWD", "exact", False, "dollars de Taïwan"),
]

# (text, a surface that must not be (inside) a quantity)
NOT_QUANTITIES = [
    # the period a percentage compares with is no measured duration
    ("Le chiffre d’affaires est en hausse de 36 % sur un an.", "un an"),
    ("Le titre a gagné 740 % sur cinq ans.", "cinq ans"),
    ("Le site ouvrira en 2025.", "2025"),
    ("Publié le 20 juillet 2025.", "20 juillet 2025"),
    ("Publié le 23/02/2025 à 19:19.", "19:19"),
    ("Rendez-vous à 19h30.", "19h30"),
    ("Il est arrivé 3e du classement.", "3e"),
    ("Il est troisième du classement.", "troisième"),
    ("Nvidia vend des H100 et des GB200.", "H100"),
    ("Nvidia vend des H100 et des GB200.", "GB200"),
    ("Colossus 2 sera le plus grand site.", "Colossus 2"),
    ("DeepSeek a publié R1 en janvier.", "R1"),
    ("Le S&P 500 a chuté.", "S&P 500"),
    ("Il y arrivera d'ici cinq ans.", "cinq ans"),
    ("Il y travaille depuis trois ans.", "trois ans"),
    ("Il l'a fondé il y a deux ans.", "deux ans"),
    ("Appelez le 01 23 45 67 89 demain.", "01 23 45 67 89"),
    ("1. Les puces\n2. Les centres", "1."),
    ("Selon une étude publiée hier.", "une étude"),
    ("Il a présenté un modèle ouvert.", "un modèle"),
    ("Il a présenté une fois son plan.", "une fois"),
    ("Il brigue un cinquième mandat.", "un cinquième"),
    ("Il fête son vingt-cinquième anniversaire.", "vingt-cinquième"),
    ("Il entame un deuxième essai.", "un deuxième"),
    ("Le 1 janvier 1990 à 1015 francs.", "1990"),
    # keycap digits (an emoji digit) are no digits: never "3⃣ 000 €" -> 0 €
    ("Le projet coûte 3⃣ 000 € selon Nvidia.", "3⃣ 000 €"),
    ("Le projet coûte 3️⃣ 000 € selon Nvidia.", "3️⃣ 000 €"),
    ("1️⃣ 200 salariés licenciés.", "1️⃣ 200 salariés"),
]


# (text, a surface that must not be (inside) an angle): heat, towers, rounds, laps and strolls
NOT_ANGLES = [
    ("Il fait 30 degrés à Paris.", "30 degrés"),
    ("La température est de 24 degrés.", "24 degrés"),
    ("L'eau bout à 100° Celsius.", "100°"),
    ("Il fait 40 °C.", "40 °C"),
    ("Il faut tourner le thermostat à 40 degrés Celsius.", "40 degrés"),
    ("Le vin titre 12 degrés.", "12 degrés"),
    ("Ils ont fait un tour de table de 500 millions d'euros.", "un tour"),
    ("La tour Eiffel accueille 7 millions de visiteurs.", "tour"),
    ("Le site compte 3 tours de refroidissement.", "3 tours"),
    ("Il a fait 3 tours de piste.", "3 tours"),
    ("Le candidat a fait deux tours.", "deux tours"),
    ("Ils ont fait un tour en ville.", "un tour"),
]


@pytest.mark.parametrize(
    ("phrase", "inclusive"),
    [
        ("au moins", True),
        ("ou plus", True),
        ("jusqu’à", True),
        ("inférieur ou égal à", True),
        ("plus de", False),
        ("moins de", False),
    ],
)
def test_quantities_inclusive_bounds(phrase: str, inclusive: bool) -> None:
    assert load_finder("fr").bounds.is_inclusive(phrase) is inclusive


@pytest.fixture(scope="module")
def fr_nlp(component_nlp: Callable[..., Language]) -> Language:
    return component_nlp("news_quantities")


@pytest.mark.parametrize(("text", "surface", "value", "value_max", "unit", "bound", "vague", "head"), CASES)
def test_quantities_case(
    fr_nlp: Language,
    text: str,
    surface: str,
    value: float,
    value_max: float | None,
    unit: str,
    bound: str,
    vague: bool,
    head: str | None,
) -> None:
    doc = fr_nlp(text)
    matches = [q for q in doc._.news_quantities if q.text == surface]
    assert matches, f"{surface!r} not in {[q.text for q in doc._.news_quantities]}"
    quantity = matches[0]
    assert text[quantity.start : quantity.end] == surface
    assert quantity.value == pytest.approx(value)
    assert quantity.value_max == (None if value_max is None else pytest.approx(value_max))
    assert (quantity.unit, quantity.bound, quantity.vague) == (unit, bound, vague)
    span = doc._.news_quantity_heads.get(quantity.id)
    assert (text[span[0] : span[1]] if span else None) == head


@pytest.mark.parametrize(("text", "surface"), NOT_QUANTITIES)
def test_quantities_not_a_quantity(fr_nlp: Language, text: str, surface: str) -> None:
    start = text.index(surface)
    end = start + len(surface)
    doc = fr_nlp(text)
    overlapping = [q.text for q in doc._.news_quantities if q.start < end and start < q.end]
    assert overlapping == []


@pytest.mark.parametrize(("text", "surface"), NOT_ANGLES)
def test_quantities_not_an_angle(fr_nlp: Language, text: str, surface: str) -> None:
    start = text.index(surface)
    end = start + len(surface)
    doc = fr_nlp(text)
    angles = [q.text for q in doc._.news_quantities if q.start < end and start < q.end and q.unit == "rad"]
    assert angles == []


def test_quantities_ids_in_order_without_overlap(fr_nlp: Language) -> None:
    text = "Il a acheté 2 000 puces pour 3 Md$, soit 5 GW et jusqu'à cinq fois plus que les 40 000 serveurs."
    quantities = fr_nlp(text)._.news_quantities
    assert [q.id for q in quantities] == [f"q{n}" for n in range(1, len(quantities) + 1)]
    assert len(quantities) == 5
    for before, after in zip(quantities, quantities[1:], strict=False):
        assert before.end <= after.start
    for quantity in quantities:
        assert text[quantity.start : quantity.end] == quantity.text


def test_quantities_money_without_currency_takes_the_article_currency(fr_nlp: Language) -> None:
    doc = fr_nlp("Le projet coûte 10 milliards d'euros. Les rivaux dépensent des milliards.")
    assert [q.unit for q in doc._.news_quantities] == ["EUR", "EUR"]


def test_quantities_money_without_any_currency_gets_none(fr_nlp: Language) -> None:
    """A bare "600 millions" in an article that names no currency is left out, not made dollars; a pipeline told
    its articles' currency gives it that one."""
    text = "Il a levé 600 millions pour son centre. Ils investissent des centaines de milliards."
    assert [(q.text, q.unit) for q in fr_nlp(text)._.news_quantities] == []
    configured = spacy.blank("fr")
    configured.add_pipe("news_quantities", config={"default_currency": "EUR"})
    assert [(q.text, q.unit) for q in configured(text)._.news_quantities] == [
        ("600 millions", "EUR"), ("des centaines de milliards", "EUR")
    ]


@pytest.mark.parametrize("figure", ["1e308 milliards de dollars", "9" * 400 + " euros", "1e400 euros", "0^-1 km"])
def test_quantities_figure_without_a_finite_value_is_dropped(fr_nlp: Language, figure: str) -> None:
    doc = fr_nlp(f"Le marché pèse {figure} et 3 millions de dollars.")
    assert [q.text for q in doc._.news_quantities] == ["3 millions de dollars"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=80))
def test_quantities_never_raise(fr_nlp: Language, text: str) -> None:
    doc = fr_nlp(text)
    for quantity in doc._.news_quantities:
        assert text[quantity.start : quantity.end] == quantity.text


FRENCH_UNITS = [("dollars", "USD", 1.0), ("€", "EUR", 1.0), ("GW", "W", 1e9), ("%", "%", 1.0), ("kWh", "Wh", 1e3)]
SCALES = [("", 1), (" million", 10**6), (" milliards", 10**9)]


@settings(max_examples=300, deadline=None)
@given(
    whole=st.integers(min_value=0, max_value=10**12),
    cents=st.none() | st.integers(min_value=0, max_value=99),
    separator=st.sampled_from([" ", "\u00a0", "\u202f", "."]),
    scale=st.sampled_from(SCALES),
    unit=st.sampled_from(FRENCH_UNITS),
)
def test_quantities_french_writing_round_trip(
    whole: int, cents: int | None, separator: str, scale: tuple[str, int], unit: tuple[str, str, float]
) -> None:
    digits = f"{whole:,}".replace(",", separator)
    written = digits if cents is None else f"{digits},{cents:02d}"
    exact = Decimal(whole) if cents is None else Decimal(f"{whole}.{cents:02d}")
    text = f"Le total atteint {written}{scale[0]} {unit[0]} cette année."
    (found,) = FINDER.find(text, TextContext())
    assert text[found.number_start : found.end] == f"{written}{scale[0]} {unit[0]}"
    assert found.unit == unit[1]
    assert found.value == pytest.approx(float(exact * scale[1] * Decimal(unit[2])), rel=1e-12)


FINDER = load_finder("fr")


@pytest.fixture(scope="module")
def en_nlp() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("news_quantities")
    return nlp


# English is read by the same rules with English words (resources/en/quantities.json): "billion" is 1e9, the
# thousands separator is ",", a count needs no "of" after a scale word; no tagger runs (a blank English pipeline).
ENGLISH_CASES = [
    ("Microsoft will spend $80 billion on data centers.", "$80 billion", 8e10, None, "USD", "exact"),
    ("The agreements are worth ~$2.4 billion over ten years.", "~$2.4 billion", 2.4e9, None, "USD", "approx"),
    ("It bought 250,000 Nvidia GPUs.", "250,000 Nvidia GPUs", 2.5e5, None, "count", "exact"),
    ("Acme Signs 200+ MW, 10-Year Hosting Deal", "200+ MW", 2e8, None, "W", "min"),
    ("Acme Signs 200+ MW, 10-Year Hosting Deal", "10-Year", 10 * 365.25 * 86400, None, "s", "exact"),
    ("Revenue rose 62% to $57bn.", "$57bn", 5.7e10, None, "USD", "exact"),
    ("The site will draw up to 10 gigawatts.", "up to 10 gigawatts", 1e10, None, "W", "max"),
    ("It costs between 50 and 60 billion dollars.", "between 50 and 60 billion dollars", 5e10, 6e10, "USD", "range"),
    ("They committed £2bn.", "£2bn", 2e9, None, "GBP", "exact"),
    ("It has 1.5 million customers.", "1.5 million customers", 1.5e6, None, "count", "exact"),
    ("Hundreds of billions of dollars are at stake.", "Hundreds of billions of dollars", 1e11, None, "USD", "min"),
    ("More than 100,000 chips were shipped.", "More than 100,000 chips", 1e5, None, "count", "min"),
    ("The 4 million square feet campus opens.", "4 million square feet", 4e6 * 0.09290304, None, "m2", "exact"),
    ("It sold for $6.5m.", "$6.5m", 6.5e6, None, "USD", "exact"),
    ("It delivers about 20 times more compute.", "about 20 times more", 20, None, "x", "approx"),
]


@pytest.mark.parametrize(("text", "surface", "value", "value_max", "unit", "bound"), ENGLISH_CASES)
def test_quantities_english(
    en_nlp: Language, text: str, surface: str, value: float, value_max: float | None, unit: str, bound: str
) -> None:
    (quantity,) = [q for q in en_nlp(text)._.news_quantities if q.text == surface]
    assert text[quantity.start : quantity.end] == surface
    assert (quantity.value, quantity.unit, quantity.bound) == (pytest.approx(value), unit, bound)
    assert quantity.value_max == (None if value_max is None else pytest.approx(value_max))


def test_quantities_quantulum_engine_behind_the_same_interface() -> None:
    finder = finder_from({"engine": "quantulum3", "quantulum_lang": "en_US"})
    (found,) = finder.find("Microsoft will spend $80 billion on data centers.")
    assert (found.value, found.unit) == (pytest.approx(8e10), "USD")


def test_quantities_english_ignores_years(en_nlp: Language) -> None:
    assert en_nlp("It was founded in 2015.")._.news_quantities == []


@pytest.mark.parametrize(
    ("text", "surface", "direction"),
    [
        ("Revenue was up 60 per cent from a year earlier.", "60 per cent", "up"),
        ("Shares jumped by about 80 per cent.", "about 80 per cent", "up"),
        ("Sales fell 3.5% last year.", "3.5%", "down"),
        ("Profit rose to $5 billion.", "$5 billion", None),
    ],
)
def test_quantities_english_direction_from_the_word_before(
    en_nlp: Language, text: str, surface: str, direction: str | None
) -> None:
    """Without a parse, the word of change right before the figure (or its "by") gives the direction; "to" makes
    a level."""
    (quantity,) = [q for q in en_nlp(text)._.news_quantities if q.text == surface]
    assert quantity.direction == direction
