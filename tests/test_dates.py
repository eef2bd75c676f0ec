"""The news_dates component: detection, extents and TIMEX3 values on short sentences."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc

import pipeline.components.dates  # noqa: F401  (registers the factory)
from pipeline.records import Timex

DCT = "2025-02-23"


@pytest.fixture(scope="module")
def dates_nlp(component_nlp: Callable[..., Language]) -> Language:
    return component_nlp("news_dates")


def run(nlp: Language, text: str, dct: str | None = DCT) -> Doc:
    doc = nlp.make_doc(text)
    doc._.news_dct = dct
    return nlp(doc)


def found(nlp: Language, text: str, dct: str | None = DCT) -> list[tuple[str, str, str]]:
    doc = run(nlp, text, dct)
    for timex in doc._.news_dates:
        assert text[timex.start : timex.end] == timex.text
    return [(t.text, t.type, t.value) for t in doc._.news_dates]


@pytest.mark.parametrize(
    ("text", "surface", "type_", "value"),
    [
        ("Le projet a été lancé le 20 juillet 2025 à Memphis.", "20 juillet 2025", "DATE", "2025-07-20"),
        ("La conférence aura lieu le 5 janvier.", "5 janvier", "DATE", "2025-01-05"),
        ("Le rapport du 23/02/2025 est clair.", "23/02/2025", "DATE", "2025-02-23"),
        ("Le fichier est daté 2025-02-23 dans les archives.", "2025-02-23", "DATE", "2025-02-23"),
        ("Mis en ligne le 23/02/2025 à 19:19 sur le site.", "23/02/2025 à 19:19", "TIME", "2025-02-23T19:19"),
        ("La séance reprendra à 19h30.", "19h30", "TIME", "T19:30"),
        ("La séance reprendra à 16 heures.", "16 heures", "TIME", "T16"),
        ("Les ventes de janvier 2026 ont progressé.", "janvier 2026", "DATE", "2026-01"),
        ("L'action est attendue fin janvier 2026 par les analystes.", "fin janvier 2026", "DATE", "2026-01"),
        ("La production doit démarrer mi-2025.", "mi-2025", "DATE", "2025"),
        ("L'entreprise a été fondée en 2022.", "2022", "DATE", "2022"),
        ("Le marché doublera d'ici 2030.", "2030", "DATE", "2030"),
        ("Les prix montent depuis 2020.", "2020", "DATE", "2020"),
        ("Il a publié ses résultats au T3 2025.", "T3 2025", "DATE", "2025-Q3"),
        ("Le bénéfice a bondi au troisième trimestre 2025.", "troisième trimestre 2025", "DATE", "2025-Q3"),
        ("Les livraisons débuteront au premier semestre.", "premier semestre", "DATE", "2025-H1"),
    ],
)
def test_dates_absolute(dates_nlp: Language, text: str, surface: str, type_: str, value: str) -> None:
    assert (surface, type_, value) in found(dates_nlp, text)


@pytest.mark.parametrize(
    ("text", "surface", "type_", "value"),
    [
        ("En janvier dernier, la start-up a surpris le marché.", "janvier dernier", "DATE", "2025-01"),
        ("Les revenus ont doublé l'an dernier.", "l'an dernier", "DATE", "2024"),
        ("Le modèle sortira l’année prochaine.", "l’année prochaine", "DATE", "2026"),
        ("Le cours a chuté la semaine dernière.", "la semaine dernière", "DATE", "2025-W07"),
        ("Le titre a reculé hier à Wall Street.", "hier", "DATE", "2025-02-22"),
        ("Le groupe annonce aujourd'hui un accord.", "aujourd'hui", "DATE", "2025-02-23"),
        ("Nous aurons un million de GPU d’ici la fin de l’année.", "la fin de l’année", "DATE", "2025"),
        ("Il y a deux ans, personne n'en parlait.", "Il y a deux ans", "DATE", "2023"),
        ("Il a présenté le plan lundi dernier.", "lundi dernier", "DATE", "2025-02-17"),
        ("Lundi, Nvidia a indiqué qu’il passerait une charge.", "Lundi", "DATE", "2025-02-17"),
        ("Nvidia annoncera ses résultats lundi.", "lundi", "DATE", "2025-02-24"),
        ("Google a promis en octobre d’investir 15 milliards.", "octobre", "DATE", "2024-10"),
        ("Le contrat sera signé en mars.", "mars", "DATE", "2025-03"),
        ("Le groupe a publié ses résultats en février.", "février", "DATE", "2025-02"),
    ],
)
def test_dates_relative(dates_nlp: Language, text: str, surface: str, type_: str, value: str) -> None:
    assert (surface, type_, value) in found(dates_nlp, text)


@pytest.mark.parametrize(
    ("text", "surface", "type_", "value"),
    [
        ("Le contrat court sur cinq ans.", "cinq ans", "DURATION", "P5Y"),
        ("La puissance sera multipliée d'ici cinq ans.", "cinq ans", "DURATION", "P5Y"),
        ("Les prix baissent depuis trois mois.", "trois mois", "DURATION", "P3M"),
        ("Le modèle a été entraîné depuis 24 heures.", "24 heures", "DURATION", "PT24H"),
        ("Le rapport est publié chaque année.", "chaque année", "SET", "P1Y"),
        ("Le groupe investit dix milliards par an.", "par an", "SET", "P1Y"),
        ("Les chiffres sont mis à jour tous les mois.", "tous les mois", "SET", "P1M"),
    ],
)
def test_dates_durations_and_sets(dates_nlp: Language, text: str, surface: str, type_: str, value: str) -> None:
    assert found(dates_nlp, text) == [(surface, type_, value)]


@pytest.mark.parametrize(
    "text",
    [
        "L'entreprise a utilisé 2 000 puces.",
        "Il en a vendu 550 000 unités.",
        "Cela représente 75 % de la production.",
        "Le modèle compte 2025 paramètres.",
        "Sam Altman a répondu sur X.",
        "Elon Musk veut envoyer des humains sur Mars.",
        "La marque Mars a publié un communiqué.",
        "Mai a expliqué le projet aux investisseurs.",
        "Les puces sont récemment devenues rares.",
        "La demande a explosé ces dernières années.",
        "Une pénurie est possible dans un avenir proche.",
        "Quelques semaines plus tard, le titre a rebondi.",
        "Le marché doublera d'ici quelques années.",
        "Les modèles se sont améliorés au fil des ans.",
    ],
)
def test_dates_not_dates(dates_nlp: Language, text: str) -> None:
    assert found(dates_nlp, text) == []


def test_dates_ids_in_text_order(dates_nlp: Language) -> None:
    doc = run(dates_nlp, "En 2022, puis le 5 janvier et enfin hier.")
    assert [t.id for t in doc._.news_dates] == ["t1", "t2", "t3"]
    assert all(isinstance(t, Timex) for t in doc._.news_dates)
    assert [t.start for t in doc._.news_dates] == sorted(t.start for t in doc._.news_dates)


def test_dates_dateline_sets_dct(dates_nlp: Language) -> None:
    text = "Jensen Huang : DeepSeek ne change rien\n- 23/02/2025 à 19:19\n\nEn janvier dernier, DeepSeek a surpris."
    doc = run(dates_nlp, text, dct=None)
    assert doc._.news_dct == "2025-02-23"
    values = [(t.text, t.type, t.value) for t in doc._.news_dates]
    assert values == [("23/02/2025 à 19:19", "TIME", "2025-02-23T19:19"), ("janvier dernier", "DATE", "2025-01")]


def test_dates_publication_cue_sets_dct(dates_nlp: Language) -> None:
    doc = run(dates_nlp, "Un titre\nPublié le 3 mars 2025\nLes ventes ont doublé l'an dernier.", dct=None)
    assert doc._.news_dct == "2025-03-03"
    assert doc._.news_dates[-1].value == "2024"


def test_dates_metadata_dct_wins_over_dateline(dates_nlp: Language) -> None:
    doc = run(dates_nlp, "Un titre\n- 23/02/2025 à 19:19\nHier, le titre a chuté.", dct="2025-03-01")
    assert doc._.news_dct == "2025-03-01"
    assert doc._.news_dates[-1].value == "2025-02-28"


def test_dates_quoted_post_is_its_own_reference(dates_nlp: Language) -> None:
    text = (
        "Le PDG a publié un message.\n"
        "Nous aurons un million de GPU d’ici la fin de l’année !\n"
        "– Sam Altman (@sama) 20 juillet 2025\n"
        "Il vise la fin de l'année prochaine."
    )
    values = found(dates_nlp, text, dct="2026-03-01")
    assert ("la fin de l’année", "DATE", "2025") in values
    assert ("20 juillet 2025", "DATE", "2025-07-20") in values
    assert ("la fin de l'année prochaine", "DATE", "2027") in values


def test_dates_without_reference(dates_nlp: Language) -> None:
    values = found(dates_nlp, "Le 5 janvier, hier et l'an dernier, puis en 2030.", dct=None)
    assert values == [("5 janvier", "DATE", "XXXX-01-05"), ("2030", "DATE", "2030")]


@pytest.fixture(scope="module")
def english_nlp() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("news_dates")
    return nlp


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Revenue doubled last year.", ("last year", "DATE", "2024")),
        ("The chips ship on January 5, 2026.", ("January 5, 2026", "DATE", "2026-01-05")),
        ("The plant opened in 2022.", ("2022", "DATE", "2022")),
        ("It was founded two years ago.", ("two years ago", "DATE", "2023")),
        ("The report is published every year.", ("every year", "SET", "P1Y")),
        ("The contract runs for five years.", ("five years", "DURATION", "P5Y")),
        ("Alphabet raised its 2025 capex outlook.", ("2025", "DATE", "2025")),
        ("The plant may operate until at least 2054.", ("2054", "DATE", "2054")),
        ("Production starts in the second half of 2026.", ("second half of 2026", "DATE", "2026-H2")),
    ],
)
def test_dates_english(english_nlp: Language, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in found(english_nlp, text)


def test_dates_english_may_is_not_a_month(english_nlp: Language) -> None:
    assert found(english_nlp, "Prices may rise as demand grows.") == []


_PIECES = [*"0123456789/:-–.,' hHTQé\n", "janvier", " mars ", "fin ", "d'ici ", "an ", "dernier ", "il y a ", "chaque "]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.text(max_size=60), st.lists(st.sampled_from(_PIECES), max_size=30).map("".join)))
def test_dates_never_raises(dates_nlp: Language, text: str) -> None:
    doc = run(dates_nlp, text, dct=None)
    for timex in doc._.news_dates:
        assert text[timex.start : timex.end] == timex.text


@pytest.mark.parametrize(
    ("text", "dct"),
    [
        ("L'an dernier, les ventes ont doublé.", "0001-01-01"),
        ("Lundi prochain, les ventes doubleront.", "9999-12-31"),
        ("Il y a 99999999999999999999 jours, les ventes ont doublé.", DCT),
        (f"Il y a {'9' * 400} jours, les ventes ont doublé.", DCT),
        (f"Dans {'9' * 400} ans, les ventes doubleront.", DCT),
    ],
)
def test_dates_outside_the_calendar_are_left_out(dates_nlp: Language, text: str, dct: str) -> None:
    assert found(dates_nlp, text, dct) == []


@pytest.mark.parametrize(
    ("text", "surface", "type_", "value"),
    [
        ("La réunion se tiendra de 16h à 18h au siège.", "de 16h à 18h", "TIME", "(T16,T18,PT2H)"),
        ("Le salon ouvre du 3 au 10 mars à Paris.", "du 3 au 10 mars", "DATE", "(2025-03-03,2025-03-10,P7D)"),
        (
            "Les ventes ont doublé entre janvier et mars 2024.",
            "entre janvier et mars 2024",
            "DATE",
            "(2024-01,2024-03,P2M)",
        ),
        ("Le marché a triplé entre 2020 et 2024.", "entre 2020 et 2024", "DATE", "(2020,2024,P4Y)"),
        ("Le guichet ferme 16-17 heures pour l'inventaire.", "16-17 heures", "TIME", "(T16,T17,PT1H)"),
        (
            "Le cours a bondi mardi entre 10h00 et 11h30.",
            "mardi entre 10h00 et 11h30",
            "TIME",
            "(2025-02-18T10:00,2025-02-18T11:30,PT1H30M)",
        ),
    ],
)
def test_dates_ranges_are_one_expression(dates_nlp: Language, text: str, surface: str, type_: str, value: str) -> None:
    assert found(dates_nlp, text) == [(surface, type_, value)]


def test_dates_years_coordinated_without_range_start_stay_two(dates_nlp: Language) -> None:
    assert found(dates_nlp, "Les usines ouvertes en 2020 et 2021 tournent.") == [
        ("2020", "DATE", "2020"),
        ("2021", "DATE", "2021"),
    ]


@pytest.mark.parametrize(
    ("text", "surface", "type_", "value"),
    [
        ("Le dossier sera rendu le 22/04 au plus tard.", "22/04", "DATE", "2025-04-22"),
        ("Une séance spéciale est prévue le 29/2 selon le site.", "29/2", "DATE", "XXXX-02-29"),
        ("Le registre porte la date 02 04 2009 en marge.", "02 04 2009", "DATE", "2009-04-02"),
        ("Les soldes commencent le premier janvier.", "premier janvier", "DATE", "2025-01-01"),
        ("Il est né le vingt-neuf mai 1990.", "vingt-neuf mai 1990", "DATE", "1990-05-29"),
        ("Le journal est daté 23/sep/2020 dans la base.", "23/sep/2020", "DATE", "2020-09-23"),
        ("Le 23, la société a signé.", "23", "DATE", "2025-02-23"),
    ],
)
def test_dates_day_month_forms(dates_nlp: Language, text: str, surface: str, type_: str, value: str) -> None:
    assert found(dates_nlp, text) == [(surface, type_, value)]


@pytest.mark.parametrize(
    "text",
    [
        "La boutique est ouverte 24/7 toute l'année.",
        "Il a mangé 1/2 pizza.",
        "Composez le 01 23 45 67 89 pour joindre le service.",
        "Un matin, le fondateur a tout quitté.",
        "Le trajet dure 3 heures 20 minutes.",
    ],
)
def test_dates_numbers_that_are_not_dates(dates_nlp: Language, text: str) -> None:
    assert [v for v in found(dates_nlp, text) if v[1] in ("DATE", "TIME")] == []


@pytest.mark.parametrize(
    ("text", "surface", "type_", "value"),
    [
        ("Le verdict tombera après-demain.", "après-demain", "DATE", "2025-02-25"),
        ("Le 3 mars, l'accord est signé ; le lendemain, l'action bondit.", "lendemain", "DATE", "2025-03-04"),
        ("Le groupe est créé en 2019 et cotée l'année suivante.", "l'année suivante", "DATE", "2020"),
        ("Le lendemain, tout a changé.", "lendemain", "DATE", "2025-02-24"),
        ("Le réseau sera rentable dans cinq ans.", "cinq ans", "DATE", "2030"),
        ("Il a dormi toute la journée.", "toute la journée", "DURATION", "P1D"),
    ],
)
def test_dates_relative_points(dates_nlp: Language, text: str, surface: str, type_: str, value: str) -> None:
    assert (surface, type_, value) in found(dates_nlp, text)


@pytest.mark.parametrize(
    ("text", "surface", "type_", "value"),
    [
        ("Le serveur redémarre 4pm chaque lundi.", "4pm chaque lundi", "SET", "XXXX-WXX-1T16"),
        ("L'index est recalculé 16 heures chaque lundi.", "16 heures chaque lundi", "SET", "XXXX-WXX-1T16"),
        ("Le marché ouvre à sept heures dix.", "sept heures dix", "TIME", "T07:10"),
        ("Le train part à huit heures moins le quart.", "huit heures moins le quart", "TIME", "T07:45"),
        ("La séance a repris à vingt et un heures.", "vingt et un heures", "TIME", "T21"),
        ("L'alerte a sonné à 4h45 du matin.", "4h45 du matin", "TIME", "T04:45"),
        ("Le vote a lieu à 10 heures du soir.", "10 heures du soir", "TIME", "T22"),
        ("Le sommet s'ouvre mardi matin.", "mardi matin", "TIME", "2025-02-18TMO"),
        ("Le ministre parlera ce soir.", "ce soir", "TIME", "2025-02-23TEV"),
        ("Le ministre parlera demain à 19h30.", "demain à 19h30", "TIME", "2025-02-24T19:30"),
        ("Le déjeuner commence à midi.", "midi", "TIME", "T12"),
        ("Le serveur a planté à 19:56:30 précises.", "19:56:30", "TIME", "T19:56:30"),
    ],
)
def test_dates_clock_times(dates_nlp: Language, text: str, surface: str, type_: str, value: str) -> None:
    assert found(dates_nlp, text) == [(surface, type_, value)]


@pytest.mark.parametrize(
    "text",
    [
        "Le marché a rebondi en quelques heures.",
        "La demande a tenu plusieurs jours.",
    ],
)
def test_dates_vague_amounts_not_annotated(dates_nlp: Language, text: str) -> None:
    assert found(dates_nlp, text) == []
