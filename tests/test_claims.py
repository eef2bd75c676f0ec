"""Claims on short sentences: entities and quantities are set by hand, so only the claims rules are tested."""

import pytest
from helpers import annotate
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from pipeline.components.claims import ClaimBuilder, nearest, paragraph_bounds, quote_regions
from pipeline.records import Claim, Quantity


@pytest.fixture(scope="module")
def builder() -> ClaimBuilder:
    """The rules alone: these tests pin the sentence and discourse rules (the learned models have tests of their
    own)."""
    return ClaimBuilder("fr", use_models=False)


def claim(builder: ClaimBuilder, doc: Doc) -> Claim:
    (found,) = builder(doc)._.news_claims
    return found


def test_claims_subject_of_governing_verb(base_nlp, builder) -> None:
    doc = annotate(base_nlp, "DeepSeek a utilisé 2 000 puces H800 en 2024.",
                   [("DeepSeek", "ORG", "deepseek")], ("2 000 puces", 2000, "count"), head="puces",
                   dates=[("2024", "2024")])
    found = claim(builder, doc)
    assert (found.subject, found.date, found.modality) == ("deepseek", "t1", "fact")
    assert found.concept.startswith("puces")


def test_claims_person_announcing_a_plan_is_speaker_and_company_subject(base_nlp, builder) -> None:
    text = "Le PDG d’OpenAI, Sam Altman, a annoncé son intention de déployer plus de 100 millions de puces."
    doc = annotate(base_nlp, text, [("OpenAI", "ORG", "openai"), ("Sam Altman", "PER", "sam-altman")],
                   ("plus de 100 millions de puces", 1e8, "count"), head="puces")
    found = claim(builder, doc)
    assert (found.subject, found.speaker, found.modality) == ("openai", "sam-altman", "forecast")


def test_claims_selon_gives_speaker(base_nlp, builder) -> None:
    text = "Selon Nvidia, plus de 40 000 entreprises utilisent ses GPU."
    doc = annotate(base_nlp, text, [("Nvidia", "ORG", "nvidia")], ("plus de 40 000 entreprises", 4e4, "count"),
                   head="entreprises")
    assert claim(builder, doc).speaker == "nvidia"


def test_claims_quotation_attributed_after_closing_mark(base_nlp, builder) -> None:
    text = "« Les modèles deviennent dix fois plus grands », a affirmé Jensen Huang."
    doc = annotate(base_nlp, text, [("Jensen Huang", "PER", "jensen-huang")], ("dix fois plus", 10, "x"))
    assert claim(builder, doc).speaker == "jensen-huang"


def test_claims_si_clause_is_hypothetical(base_nlp, builder) -> None:
    text = "Si chaque puce consomme 750 W, le total atteint 75 GW."
    doc = annotate(base_nlp, text, [], ("75 GW", 7.5e10, "W"))
    found = claim(builder, doc)
    assert (found.subject, found.modality) == (None, "hypothetical")


@pytest.mark.parametrize(
    ("text", "quantity", "modality"),
    [
        ("La puissance de calcul atteindra environ 200 exaFLOPS.", ("environ 200 exaFLOPS", 2e20, "FLOP/s"),
         "forecast"),
        ("Cette entreprise pourrait être valorisée à 2 000 milliards de dollars.",
         ("2 000 milliards de dollars", 2e12, "USD"), "forecast"),
        ("Ces puces offriraient jusqu’à cinq fois plus de puissance.", ("jusqu’à cinq fois plus", 5, "x"), "fact"),
        ("Le marché valait 2,39 milliards de dollars en 2022.", ("2,39 milliards de dollars", 2.39e9, "USD"), "fact"),
    ],
)
def test_claims_modality(base_nlp, builder, text: str, quantity: tuple[str, float, str], modality: str) -> None:
    assert claim(builder, annotate(base_nlp, text, [], quantity)).modality == modality


def test_claims_post_signature_is_speaker(base_nlp, builder) -> None:
    text = "Nous dépasserons le million de GPU cette année !\n– Sam Altman (@sama) 20 juillet 2025"
    doc = annotate(base_nlp, text, [("Sam Altman", "PER", "sam-altman")], ("le million de GPU", 1e6, "count"),
                   head="GPU")
    assert claim(builder, doc).speaker == "sam-altman"


def test_claims_pure_helpers() -> None:
    import re

    assert quote_regions("a « b » c « d »", re.compile("«[^»]*»")) == [(2, 7), (10, 15)]
    assert paragraph_bounds("un\ndeux trois\nquatre", 5, 6) == (3, 13)
    assert nearest([(0, 2, "a"), (10, 12, "b")], 9) == "b"
    assert nearest([], 3) is None


def test_claims_without_quantities_is_empty(base_nlp, builder) -> None:
    doc = base_nlp("Rien à mesurer ici.")
    doc._.news_quantities = []
    assert builder(doc)._.news_claims == []


def test_claims_span_helper_is_spacy_span(base_nlp) -> None:
    assert isinstance(base_nlp("Nvidia.")[0:1], SpacySpan)


def test_claims_relative_pronoun_stands_for_its_noun(base_nlp, builder) -> None:
    text = "Le mouvement profite à CoreWeave, qui a racheté Core Scientific et dispose de 250 000 GPU."
    doc = annotate(base_nlp, text, [("CoreWeave", "ORG", "coreweave"), ("Core Scientific", "ORG", "core-scientific")],
                   ("250 000 GPU", 2.5e5, "count"), head="GPU")
    assert claim(builder, doc).subject == "coreweave"


def test_claims_indefinite_pronoun_is_nobody(base_nlp, builder) -> None:
    text = "Nvidia vend des puces. Certains estiment que la formation peut multiplier par cinq la consommation."
    doc = annotate(base_nlp, text, [("Nvidia", "ORG", "nvidia")], ("multiplier par cinq", 5, "x"))
    found = claim(builder, doc)
    assert (found.subject, found.speaker) == (None, None)


def test_claims_nearest_verb_with_a_subject_decides(base_nlp, builder) -> None:
    text = "La demande pour les GPU de Nvidia augmente, car les modèles deviennent dix fois plus grands."
    doc = annotate(base_nlp, text, [("Nvidia", "ORG", "nvidia")], ("dix fois plus", 10, "x"))
    assert claim(builder, doc).subject is None


def test_claims_the_counted_noun_never_refers_back(base_nlp, builder) -> None:
    text = "OpenAI lance ChatGPT. De plus, plus de 40 000 entreprises utilisent les GPU Nvidia."
    doc = annotate(base_nlp, text, [("OpenAI", "ORG", "openai"), ("Nvidia", "ORG", "nvidia")],
                   ("plus de 40 000 entreprises", 4e4, "count"), head="entreprises")
    assert claim(builder, doc).subject == "nvidia"


# -- discourse: what a clause that names no entity is about
def test_claims_description_takes_the_previous_center_not_a_source_in_its_sentence(base_nlp, builder) -> None:
    text = ("xAI a annoncé un nouveau centre de calcul. Selon les accords conclus avec Nvidia, cette entreprise "
            "pourrait être valorisée 200 milliards de dollars.")
    doc = annotate(base_nlp, text, [("xAI", "ORG", "xai"), ("Nvidia", "ORG", "nvidia")],
                   ("200 milliards de dollars", 2e11, "USD"))
    assert claim(builder, doc).subject == "xai"


def test_claims_subject_naming_nothing_is_the_current_center(base_nlp, builder) -> None:
    text = "Mistral AI a présenté son projet en Essonne. Le site aura une puissance de 1,2 GW."
    entities = [("Mistral AI", "ORG", "mistral-ai")]
    doc = annotate(base_nlp, text, entities, ("1,2 GW", 1.2e9, "W"))
    assert claim(builder, doc).subject == "mistral-ai"
    sentence_rules_only = ClaimBuilder("fr", subject_fallback="none", use_models=False)
    assert claim(sentence_rules_only, annotate(base_nlp, text, entities, ("1,2 GW", 1.2e9, "W"))).subject is None


def test_claims_center_person_stands_for_their_organization(base_nlp, builder) -> None:
    text = ("Sam Altman, PDG d’OpenAI, a dévoilé ses projets. La perspective d’avoir besoin de 100 millions de "
            "puces soulève des questions.")
    doc = annotate(base_nlp, text, [("Sam Altman", "PER", "sam-altman"), ("OpenAI", "ORG", "openai")],
                   ("100 millions de puces", 1e8, "count"), head="puces")
    assert claim(builder, doc).subject == "openai"


@pytest.mark.parametrize("sentence", [
    "Le marché des GPU pourrait atteindre 25 milliards de dollars.",
    "La consommation des centres de données dans le monde pourrait atteindre 25 milliards de dollars.",
    "Les dépenses atteignent 25 milliards de dollars.",
    "Chaque projet coûte 25 milliards de dollars.",
])
def test_claims_generic_subject_stays_null(base_nlp, builder, sentence: str) -> None:
    text = "Nvidia a publié ses résultats trimestriels. " + sentence
    doc = annotate(base_nlp, text, [("Nvidia", "ORG", "nvidia")], ("25 milliards de dollars", 2.5e10, "USD"))
    assert claim(builder, doc).subject is None


def test_claims_quoted_nous_is_the_speakers_organization(base_nlp, builder) -> None:
    text = "Lisa Su, présidente d’AMD, était confiante. « Nos ventes ont progressé de 57 % », a déclaré Lisa Su."
    start = text.rindex("Lisa Su")
    doc = annotate(base_nlp, text, [("AMD", "ORG", "amd")], ("57 %", 57, "%"))
    doc.ents = [*doc.ents, doc.char_span(0, 7, label="PER", kb_id="lisa-su"),
                doc.char_span(start, start + 7, label="PER", kb_id="lisa-su")]
    found = claim(builder, doc)
    assert (found.subject, found.speaker) == ("amd", "lisa-su")


def test_claims_named_facility_figure_is_its_owners(base_nlp, builder) -> None:
    text = "L’investissement prévu pour Colossus 2 est estimé à 2 000 milliards de dollars."
    doc = annotate(base_nlp, text, [("Colossus 2", "PRODUCT", "colossus-2")],
                   ("2 000 milliards de dollars", 2e12, "USD"))
    assert builder.owners["colossus-2"] == "xai"
    assert claim(builder, doc).subject == "xai"


@pytest.mark.parametrize(("text", "quantity", "modality"), [
    ("Le site doit atteindre 2 GW.", ("2 GW", 2e9, "W"), "forecast"),
    ("Nous allons investir 600 milliards de dollars.", ("600 milliards de dollars", 6e11, "USD"), "forecast"),
    ("Nvidia a indiqué qu’il passerait une charge de 5 milliards de dollars.",
     ("5 milliards de dollars", 5e9, "USD"), "forecast"),
    ("Les livraisons doivent s’étaler pendant trois ans.", ("trois ans", 94672800, "s"), "forecast"),
    ("Une baie peut consommer plus de 100 kW.", ("plus de 100 kW", 1e5, "W"), "fact"),
])
def test_claims_modality_of_verb_forms(base_nlp, builder, text: str, quantity: tuple[str, float, str],
                                       modality: str) -> None:
    assert claim(builder, annotate(base_nlp, text, [], quantity)).modality == modality


def test_claims_figure_dated_before_the_article_is_a_fact(base_nlp, builder) -> None:
    text = "Le marché pourrait atteindre 98 milliards en 2027, contre 34 milliards en 2024."
    doc = annotate(base_nlp, text, [], ("34 milliards", 3.4e10, "USD"), dates=[("2024", "2024")])
    doc._.news_dct = "2025-06-01"
    assert claim(builder, doc).modality == "fact"
    doc._.news_dct = "2023-06-01"
    assert claim(builder, doc).modality == "forecast"


def test_claims_date_of_a_coordinated_clause_is_not_the_figures(base_nlp, builder) -> None:
    text = "Nos ventes ont progressé en 2024, et nous visons plus de 10 milliards de dollars d’ici 2027."
    doc = annotate(base_nlp, text, [], ("plus de 10 milliards de dollars", 1e10, "USD"),
                   dates=[("2024", "2024"), ("d’ici 2027", "2027")])
    assert claim(builder, doc).date == "t2"


def test_claims_indefinite_subject_is_nobody(base_nlp, builder) -> None:
    text = "Scaleway a commandé des GPU. Une baie de serveurs peut consommer plus de 100 kW."
    doc = annotate(base_nlp, text, [("Scaleway", "ORG", "scaleway")], ("plus de 100 kW", 1e5, "W"))
    assert claim(builder, doc).subject is None


def test_claims_group_of_a_leader_is_the_leaders_organization(base_nlp, builder) -> None:
    text = "Meta accélère. Le groupe de Mark Zuckerberg a relevé sa prévision à 70 milliards de dollars."
    doc = annotate(base_nlp, text, [("Meta", "ORG", "meta"), ("Mark Zuckerberg", "PER", "mark-zuckerberg")],
                   ("70 milliards de dollars", 7e10, "USD"))
    assert builder.employers["mark-zuckerberg"] == "meta"
    assert claim(builder, doc).subject == "meta"


def test_claims_name_before_a_verb_without_subject(base_nlp, builder) -> None:
    text = "En France, la PME Voltigeur Calcul, installée dans le Cantal, convertit sa ferme de 40 MW."
    doc = annotate(base_nlp, text, [("France", "LOC", "france"), ("Voltigeur Calcul", "ORG", "voltigeur-calcul")],
                   ("40 MW", 4e7, "W"))
    assert claim(builder, doc).subject == "voltigeur-calcul"


def test_claims_attribution_phrase_is_never_the_subject(base_nlp, builder) -> None:
    text = "Selon le cabinet bordelais Kerlan Conseil, Hyperion pourrait rassembler 1,3 million de GPU."
    doc = annotate(base_nlp, text, [("Kerlan Conseil", "ORG", "kerlan-conseil"), ("Hyperion", "PRODUCT", "hyperion")],
                   ("1,3 million de GPU", 1.3e6, "count"), head="GPU")
    found = claim(builder, doc)
    assert (found.subject, found.speaker) == ("meta", "kerlan-conseil")


def test_claims_pour_and_a_person_is_a_source(base_nlp, builder) -> None:
    text = "Pour Mathieu Kergoat, fondateur du cabinet, la Chine pourrait couvrir 40 % de ses besoins."
    doc = annotate(base_nlp, text, [("Mathieu Kergoat", "PER", "mathieu-kergoat"), ("Chine", "LOC", "chine")],
                   ("40 %", 40, "%"))
    found = claim(builder, doc)
    assert (found.subject, found.speaker) == ("chine", "mathieu-kergoat")


def test_claims_purpose_is_a_plan(base_nlp, builder) -> None:
    text = "Anthropic a signé un accord avec Google pour utiliser jusqu’à un million de puces."
    doc = annotate(base_nlp, text, [("Anthropic", "ORG", "anthropic"), ("Google", "ORG", "google")],
                   ("jusqu’à un million de puces", 1e6, "count"), head="puces")
    assert claim(builder, doc).modality == "forecast"


def test_claims_speaker_named_before_an_apposition(base_nlp, builder) -> None:
    text = ("Margaux Pellegrin, consultante au cabinet Calanques Conseil, estime que le marché pourrait dépasser "
            "8 milliards d’euros.")
    doc = annotate(base_nlp, text, [("Margaux Pellegrin", "PER", "margaux-pellegrin"),
                                    ("Calanques Conseil", "ORG", "calanques-conseil")],
                   ("8 milliards d’euros", 8e9, "EUR"))
    assert claim(builder, doc).speaker == "margaux-pellegrin"


def test_claims_organization_talked_about_wins_over_an_unaffiliated_person(base_nlp, builder) -> None:
    text = ("Phocéa Data construit un campus à Marseille. « Nous visons les industriels », dit Karim Benali. "
            "Le campus accueillera 60 000 GPU.")
    doc = annotate(base_nlp, text, [("Phocéa Data", "ORG", "phocea-data"), ("Karim Benali", "PER", "karim-benali")],
                   ("60 000 GPU", 6e4, "count"), head="GPU")
    assert claim(builder, doc).subject == "phocea-data"


def test_claims_date_right_after_another_figure_is_that_figures(base_nlp, builder) -> None:
    text = "Le campus doit atteindre 1 GW, dont 200 MW dès 2026."
    doc = annotate(base_nlp, text, [], ("1 GW", 1e9, "W"), dates=[("2026", "2026")])
    start = text.index("200 MW")
    doc._.news_quantities = [*doc._.news_quantities,
                             Quantity("q2", start, start + 6, "200 MW", 2e8, None, "W", "exact", False)]
    first, second = builder(doc)._.news_claims
    assert (first.date, second.date) == (None, "t1")


def test_claims_speech_verb_of_a_coordinated_clause_does_not_report_the_figure(base_nlp, builder) -> None:
    text = "La société revendique une capacité de 10 exaFLOPS, et le futur campus doit multiplier par cinq ce chiffre."
    doc = annotate(base_nlp, text, [], ("multiplier par cinq", 5, "x"))
    assert claim(builder, doc).speaker is None


def test_claims_agent_of_an_announcing_participle_is_the_speaker(base_nlp, builder) -> None:
    text = "Le plan annoncé en février par la Commission européenne prévoit 3,5 milliards d’euros."
    doc = annotate(base_nlp, text, [("Commission européenne", "ORG", "commission-europeenne")],
                   ("3,5 milliards d’euros", 3.5e9, "EUR"))
    found = claim(builder, doc)
    assert (found.subject, found.speaker) == ("commission-europeenne", "commission-europeenne")


def test_claims_dont_makes_the_noun_the_possessor(base_nlp, builder) -> None:
    text = "Les revenus viennent des systèmes Blackwell, dont les ventes ont augmenté de 17 % en un trimestre."
    doc = annotate(base_nlp, text, [("Blackwell", "PRODUCT", "blackwell")], ("17 %", 17, "%"))
    assert claim(builder, doc).subject == "blackwell"


def test_claims_causee_does_what_the_infinitive_says(base_nlp, builder) -> None:
    text = "Les États-Unis ont accepté de laisser les Émirats importer jusqu’à 500 000 puces chaque année."
    doc = annotate(base_nlp, text, [("États-Unis", "LOC", "etats-unis"), ("Émirats", "LOC", "emirats-arabes-unis")],
                   ("jusqu’à 500 000 puces", 5e5, "count"), head="puces")
    assert claim(builder, doc).subject == "emirats-arabes-unis"


def test_claims_reflexive_speech_verb_is_no_statement(base_nlp, builder) -> None:
    text = "Nucléaire : Amazon s’assure 1 920 MW auprès de Talen Energy."
    doc = annotate(base_nlp, text, [("Amazon", "ORG", "amazon"), ("Talen Energy", "ORG", "talen-energy")],
                   ("1 920 MW", 1.92e9, "W"))
    found = claim(builder, doc)
    assert (found.subject, found.speaker) == ("amazon", None)


def test_claims_description_after_a_named_subject_of_its_sentence(base_nlp, builder) -> None:
    text = ("Amazon investit. Le chiffre d’affaires d’Anthropic approche 7 milliards de dollars, et l’entreprise "
            "revendique plus de 300 000 clients.")
    doc = annotate(base_nlp, text, [("Amazon", "ORG", "amazon"), ("Anthropic", "ORG", "anthropic")],
                   ("plus de 300 000 clients", 3e5, "count"), head="clients")
    found = claim(builder, doc)
    assert (found.subject, found.speaker) == ("anthropic", "anthropic")


def test_claims_name_inside_a_clause_on_the_subject_is_not_the_subject(base_nlp, builder) -> None:
    text = "Nebius grandit. Le groupe néerlandais, né de la scission de Yandex, y installera environ 60 000 GPU."
    doc = annotate(base_nlp, text, [("Nebius", "ORG", "nebius"), ("Yandex", "ORG", "yandex")],
                   ("environ 60 000 GPU", 6e4, "count"), head="GPU")
    assert claim(builder, doc).subject == "nebius"


@pytest.mark.parametrize(("text", "entities", "quantity", "subject"), [
    ("Nvidia promet plus de 260 000 GPU à la Corée du Sud.",
     [("Nvidia", "ORG", "nvidia"), ("Corée du Sud", "LOC", "coree-du-sud")],
     ("plus de 260 000 GPU", 2.6e5, "count"), "coree-du-sud"),
    ("Humain attend des puces. AMD s’est de son côté engagé à lui fournir 500 MW de capacité de calcul.",
     [("Humain", "ORG", "humain"), ("AMD", "ORG", "amd")], ("500 MW", 5e8, "W"), "humain"),
    ("La régie Helioval promet 300 MW d’origine renouvelable.",
     [("Helioval", "ORG", "helioval")], ("300 MW", 3e8, "W"), "helioval"),
])
def test_claims_what_is_supplied_to_someone_is_theirs(base_nlp, builder, text: str,
                                                     entities: list[tuple[str, str, str]],
                                                     quantity: tuple[str, float, str], subject: str) -> None:
    head = "GPU" if "GPU" in quantity[0] else None
    assert claim(builder, annotate(base_nlp, text, entities, quantity, head=head)).subject == subject
