"""news_entity_linker: pure helpers, the knowledge-base file, and the component on short French sentences."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.components.entities.find import organization_names
from pipeline.components.entities.index import surname_index
from pipeline.components.entities.names import (
    Mention,
    alias_variants,
    is_numbered_name,
    is_product_code,
    resolve_short_form,
    split_lines,
    trim_words,
    uncovered_runs,
)
from pipeline.components.entities.rules import RULE_KEYS
from pipeline.components.kb import DEFAULT_KB, KBEntry, check_kb_entries, read_kb
from pipeline.language import load_language_data
from pipeline.records import ENTITY_LABELS, is_slug, slugify

EDGE_WORDS = frozenset({"de", "d'", "d’", "le", "la", "selon"})
TITLES = frozenset({"pdg", "président"})


@pytest.fixture(scope="module")
def linker_nlp(component_nlp: Callable[..., Language]) -> Language:
    return component_nlp("news_entity_linker")


def entities(nlp: Language, text: str) -> list[tuple[str, str, str]]:
    doc: Doc = nlp(text)
    for ent in doc.ents:
        assert text[ent.start_char : ent.end_char] == ent.text
    return [(ent.text, ent.label_, ent.kb_id_) for ent in doc.ents]


# -- pure functions ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NVIDIA", "nvidia"),
        ("Elon Musk", "elon-musk"),
        ("Colossus 2", "colossus-2"),
        ("Royaume-Uni", "royaume-uni"),
        ("États-Unis", "etats-unis"),
        ("Taïwan", "taiwan"),
        ("Agence internationale de l’énergie", "agence-internationale-de-l-energie"),
        ("C. C. Wei", "c-c-wei"),
        ("GPT-4o", "gpt-4o"),
    ],
)
def test_entities_slugify(text: str, expected: str) -> None:
    assert slugify(text) == expected
    assert is_slug(expected)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["PDG", "de", "Nvidia"], ["Nvidia"]),
        (["d’", "Elon", "Musk"], ["Elon", "Musk"]),
        (["message", "de", "Huang"], ["Huang"]),
        (["Selon", "Huang"], ["Huang"]),
        (["langage", "R1"], ["R1"]),
        (["xAI"], ["xAI"]),
        (["Banque", "mondiale"], ["Banque", "mondiale"]),
        (["Sam", "Altman", "(", "@sama", ")"], ["Sam", "Altman"]),
        (["Newsletter", "\n"], ["Newsletter"]),
        (["le", "président"], []),
    ],
)
def test_entities_trim_words(words: list[str], expected: list[str]) -> None:
    start, end = trim_words(words, EDGE_WORDS, TITLES)
    assert words[start:end] == expected


def test_entities_split_lines_and_uncovered_runs() -> None:
    assert split_lines(["Plus", "Marché", "\n\n", "Le", "plus"]) == [(0, 2), (3, 5)]
    assert uncovered_runs(0, 5, [(0, 1), (2, 4)]) == [(1, 2), (4, 5)]
    assert uncovered_runs(3, 6, [(0, 10)]) == []


MENTIONS = [
    Mention(0, ("Elon", "Musk"), "PER", "elon-musk"),
    Mention(50, ("Jensen", "Huang"), "PER", "jensen-huang"),
    Mention(80, ("Cerebras", "Systems"), "ORG", "cerebras-systems"),
    Mention(120, ("Pierre", "Dupont"), "PER", "pierre-dupont"),
]


@pytest.mark.parametrize(
    ("words", "position", "expected"),
    [
        (("Musk",), 30, "elon-musk"),
        (("Huang",), 100, "jensen-huang"),
        (("Cerebras",), 90, "cerebras-systems"),
        (("Dupont",), 10, "pierre-dupont"),  # only a later full name: still resolved
        (("Systems",), 90, None),  # an organization is not shortened to its last word
        (("Altman",), 10, None),
    ],
)
def test_entities_resolve_short_form(words: tuple[str, ...], position: int, expected: str | None) -> None:
    found = resolve_short_form(words, position, MENTIONS)
    assert (found.id if found else None) == expected


def test_entities_resolve_short_form_prefers_nearest_earlier() -> None:
    mentions = [
        Mention(0, ("Dario", "Amodei"), "PER", "dario-amodei"),
        Mention(40, ("Daniela", "Amodei"), "PER", "daniela-amodei"),
    ]
    assert resolve_short_form(("Amodei",), 30, mentions).id == "dario-amodei"  # type: ignore[union-attr]
    assert resolve_short_form(("Amodei",), 60, mentions).id == "daniela-amodei"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("words", "code", "numbered"),
    [
        (["H100"], True, False),
        (["MI300X"], True, False),
        (["GPT-4o"], True, False),
        (["2025"], False, False),
        (["Colossus", "2"], False, True),
        (["Nvidia"], False, False),
    ],
)
def test_entities_product_shapes(words: list[str], code: bool, numbered: bool) -> None:
    assert is_product_code(words) is code
    assert is_numbered_name(words) is numbered


def test_entities_alias_variants() -> None:
    variants = alias_variants("Agence internationale de l'énergie")
    assert "Agence internationale de l’énergie" in variants
    assert "Agence\u00a0internationale\u00a0de\u00a0l'énergie" in variants
    assert alias_variants("Nvidia") == ["Nvidia"]


def test_entities_surname_index_skips_ambiguous() -> None:
    entries = [
        KBEntry("hock-tan", "PER", "Hock Tan", ("Hock Tan",), None, "person"),
        KBEntry("lip-bu-tan", "PER", "Lip-Bu Tan", ("Lip-Bu Tan",), None, "person"),
        KBEntry("elon-musk", "PER", "Elon Musk", ("Elon Musk",), None, "person"),
    ]
    assert surname_index(entries, frozenset()) == {"Musk": "elon-musk"}


def test_entities_check_kb_entries_reports_problems() -> None:
    entries = [
        KBEntry("nvidia", "ORG", "Nvidia", ("Nvidia",), None, "chip_maker"),
        KBEntry("Nvidia 2", "MISC", "Nvidia", ("Nvidia",), "42", "chip_maker"),
        KBEntry("colossus", "PRODUCT", "Colossus", ("Colossus",), None, "cluster", owner="x-ai"),
    ]
    problems = " | ".join(check_kb_entries(entries))
    assert "not a slug" in problems and "label" in problems and "shared by" in problems and "Q-id" in problems
    assert "owner 'x-ai' is not a KB id" in problems


# -- data files ----------------------------------------------------------------------------------------------------


def test_entities_kb_integrity() -> None:
    entries = read_kb(DEFAULT_KB)
    assert len(entries) >= 250
    assert check_kb_entries(entries) == []
    assert {entry.label for entry in entries} == set(ENTITY_LABELS)
    for line in DEFAULT_KB.read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        assert is_slug(entry["id"]) and entry["label"] in ENTITY_LABELS and entry["type"]
        assert entry["id"] == slugify(entry["name"]) and entry["name"] in entry["aliases"]


def test_entities_language_data_loads() -> None:
    data = load_language_data("fr", "entities", keys=RULE_KEYS)
    assert set(data["label_map"]) >= {"PER", "ORG", "LOC", "MISC"}


# -- the component -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Les puces H100 et GB200 sont rares.", [("H100", "PRODUCT", "h100"), ("GB200", "PRODUCT", "gb200")]),
        ("AMD présente le MI355X.", [("AMD", "ORG", "amd"), ("MI355X", "PRODUCT", "mi355x")]),
        (
            "NVIDIA et TSMC produisent Blackwell.",
            [
                ("NVIDIA", "ORG", "nvidia"),
                ("TSMC", "ORG", "tsmc"),
                ("Blackwell", "PRODUCT", "blackwell"),
            ],
        ),
        ("Sam Altman dirige OpenAI.", [("Sam Altman", "PER", "sam-altman"), ("OpenAI", "ORG", "openai")]),
        ("xAI a levé des fonds.", [("xAI", "ORG", "xai")]),
        (
            "xAI d’Elon Musk construit Colossus 2.",
            [
                ("xAI", "ORG", "xai"),
                ("Elon Musk", "PER", "elon-musk"),
                ("Colossus 2", "PRODUCT", "colossus-2"),
            ],
        ),
        (
            "Jensen Huang, PDG de Nvidia, était à Las Vegas.",
            [
                ("Jensen Huang", "PER", "jensen-huang"),
                ("Nvidia", "ORG", "nvidia"),
                ("Las Vegas", "LOC", "las-vegas"),
            ],
        ),
        ("Le PDG de Nvidia a parlé.", [("Nvidia", "ORG", "nvidia")]),
        ("DeepSeek a publié son modèle R1.", [("DeepSeek", "ORG", "deepseek"), ("R1", "PRODUCT", "deepseek-r1")]),
        ("Le minage de Bitcoin souffre au Texas.", [("Bitcoin", "PRODUCT", "bitcoin"), ("Texas", "LOC", "texas")]),
        ("Laisser un commentaire", []),
        ("La consommation du réseau britannique explose.", []),
        ("Robert Rubin a commenté la décision.", [("Robert Rubin", "PER", "robert-rubin")]),
    ],
)
def test_entities_linker_sentences(linker_nlp: Language, text: str, expected: list[tuple[str, str, str]]) -> None:
    assert entities(linker_nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "short", "expected_id"),
    [
        ("Elon Musk veut plus de puces. Musk a confirmé le projet.", "Musk", "elon-musk"),
        ("Jensen Huang est confiant. Selon Huang, la demande explose.", "Huang", "jensen-huang"),
        ("Pierre Dupont dirige la société. Dupont a confirmé.", "Dupont", "pierre-dupont"),
    ],
)
def test_entities_linker_short_forms(linker_nlp: Language, text: str, short: str, expected_id: str) -> None:
    found = entities(linker_nlp, text)
    assert (short, "PER", expected_id) in found
    assert all(label == "PER" for surface, label, _ in found if surface == short)


def test_entities_linker_unknown_organization_keeps_slug(linker_nlp: Language) -> None:
    found = entities(linker_nlp, "La société Zorglub Technologies a annoncé un centre de données.")
    assert ("Zorglub Technologies", "ORG", "zorglub-technologies") in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("En France, la PME Voltigeur Calcul convertit sa ferme.", ("Voltigeur Calcul", "ORG", "voltigeur-calcul")),
        ("À Grenoble, la jeune pousse Calcéa vient de lever des fonds.", ("Calcéa", "ORG", "calcea")),
        ("La start-up Helioval a levé des fonds.", ("Helioval", "ORG", "helioval")),
        ("Selon le cabinet nantais Altitude Data, le marché croît.", ("Altitude Data", "ORG", "altitude-data")),
    ],
)
def test_entities_name_after_organization_noun_is_organization(
    linker_nlp: Language, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in entities(linker_nlp, text)


def test_entities_organization_noun_needs_determiner_and_lowercase(linker_nlp: Language) -> None:
    assert organization_names(linker_nlp("Groupe Martin"), ("groupe",)) == []
    doc = linker_nlp("Le Groupe Martin")
    assert organization_names(doc, ("groupe",)) == []


def test_entities_linker_skips_handles(linker_nlp: Language) -> None:
    found = entities(linker_nlp, "– Sam Altman (@sama) 20 juillet 2025")
    assert found == [("Sam Altman", "PER", "sam-altman")]


@pytest.mark.parametrize("text", ["Voir l'application", "Publicité", "L'IA et les GPU changent tout."])
def test_entities_linker_boilerplate_is_not_entity(linker_nlp: Language, text: str) -> None:
    assert entities(linker_nlp, text) == []


def test_entities_linker_labels_and_ids_are_ours(linker_nlp: Language) -> None:
    doc = linker_nlp("Microsoft, Google et Meta construisent des clusters en Europe avec des GPU Nvidia.")
    assert doc.ents
    assert all(ent.label_ in ENTITY_LABELS and is_slug(ent.kb_id_) for ent in doc.ents)


def test_entities_name_tagged_once_is_tagged_everywhere(linker_nlp: Language) -> None:
    text = "Marseille : Phocéa Data lance un campus\n\nLa société Phocéa Data a présenté son projet mardi."
    found = [entity for entity in entities(linker_nlp, text) if entity[0] == "Phocéa Data"]
    assert found == [("Phocéa Data", "ORG", "phocea-data")] * 2
