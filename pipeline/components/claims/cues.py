"""The words and patterns the claim rules read (``resources/<lang>/claims.json``), and shared constants."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Token

from pipeline.components import extensions  # noqa: F401  (registers the doc._ attributes)
from pipeline.language import LanguageDataError, check_keys
from pipeline.language.text import fold_apostrophes, fold_ascii
from pipeline.records import CONCEPT_CLASSES

# The forms of "of" that join a concept's word to its noun, by the noun's number, gender and first letter.
OF_FORM_KEYS = frozenset({"plural", "feminine", "masculine", "elided", "elision_letters"})
CLAIM_KEYS = frozenset({
    "speech_verbs", "speech_verb_forms", "attribution_words", "plan_words", "modal_verbs", "hypothesis_marks",
    "affiliation_titles", "affiliation_verbs", "human_pronouns", "thing_pronouns", "quote_pairs",
    "post_signature_marks", "default_concepts", "conditional_endings", "future_endings", "referring_nouns",
    "indefinite_pronouns", "market_nouns", "worldwide_words", "universal_determiners", "first_person_plural",
    "obligation_verbs", "future_auxiliaries", "person_attribution_words", "purpose_marks", "possessive_relatives",
    "causative_verbs", "supply_verbs", "recipient_prepositions", "generic_measure_nouns", "verb_concepts",
    "direction_nouns", "of_forms", "expectation_words", "possessive_prepositions", "windows",
})
WINDOW_KEYS = frozenset({"affiliation_pair", "title_before_pair", "attribution_followers", "attribution_description",
                         "closing_comma_before", "closing_subject_after", "closing_pronoun_after",
                         "announcing_verbs"})
CLASS_KEYS = frozenset({"cues", "unit_classes", "class_nouns"})
_SUBJECT_DEPS = ("nsubj", "nsubj:pass", "csubj")
_AGENT_LABELS = ("ORG", "PER", "PRODUCT")
_AGENT_OR_PLACE_LABELS = (*_AGENT_LABELS, "LOC")
_MAX_CONCEPT_TOKENS = 6
_ADJACENT_CHARS = 8  # " en ", " dès ", " d’ici ": a figure and the date that follows it
_SENTENCE_ENDS = frozenset({".", "!", "?", "…", "»", "”", "...", ")"})


def _fold(word: str) -> str:
    return fold_apostrophes(word)


def _is_relative(token: Token) -> bool:
    return "Rel" in token.morph.get("PronType")


@dataclass(frozen=True, slots=True)
class Windows:
    """Token distances the rules look across (``claims.json`` ``windows``; the data file says what each is)."""

    affiliation_pair: int
    title_before_pair: int
    attribution_followers: int
    attribution_description: int
    closing_comma_before: int
    closing_subject_after: int
    closing_pronoun_after: int
    announcing_verbs: int


@dataclass(frozen=True, slots=True)
class ClaimCues:
    speech_verbs: frozenset[str]
    speech_verb_forms: frozenset[str]
    attribution_words: frozenset[str]
    person_attribution_words: frozenset[str]
    plan_words: frozenset[str]
    modal_verbs: frozenset[str]
    obligation_verbs: frozenset[str]
    future_auxiliaries: frozenset[str]
    purpose_marks: frozenset[str]
    possessive_relatives: frozenset[str]
    causative_verbs: frozenset[str]
    supply_verbs: frozenset[str]
    recipient_prepositions: frozenset[str]
    hypothesis_marks: frozenset[str]
    affiliation_titles: frozenset[str]
    affiliation_verbs: frozenset[str]
    human_pronouns: frozenset[str]
    thing_pronouns: frozenset[str]
    indefinite_pronouns: frozenset[str]
    market_nouns: frozenset[str]
    worldwide_words: frozenset[str]
    universal_determiners: frozenset[str]
    first_person_plural: frozenset[str]
    referring_nouns: dict[str, str]
    quote_pattern: re.Pattern[str]
    post_signature_marks: tuple[str, ...]
    default_concepts: dict[str, str]
    conditional_endings: tuple[str, ...]
    future_endings: tuple[str, ...]
    generic_measure_nouns: frozenset[str]
    verb_concepts: dict[str, str]
    direction_nouns: dict[str, str]
    of_forms: dict[str, str]
    expectation_words: frozenset[str]
    possessive_prepositions: frozenset[str]
    windows: Windows
    class_cues: dict[str, frozenset[str]]
    classes_of_word: dict[str, tuple[str, ...]]
    unit_classes: dict[str, str]
    class_nouns: dict[str, str]

    @classmethod
    def from_data(cls, data: dict[str, Any], classes: dict[str, Any], lang: str) -> ClaimCues:
        words = {key: frozenset(_fold(w) for w in data[key]) for key in CLAIM_KEYS
                 if isinstance(data[key], list) and all(isinstance(w, str) for w in data[key])}
        unknown = (set(classes["cues"]) | set(classes["unit_classes"].values()) | set(classes["class_nouns"])) - set(
            CONCEPT_CLASSES)
        if unknown:
            raise LanguageDataError(f"{lang}/concept_classes.json: unknown classes {sorted(unknown)}")
        quotes = "|".join(f"{re.escape(o)}[^{re.escape(c)}]*{re.escape(c)}" for o, c in data["quote_pairs"])
        # In the order of the guideline's table: the first class that fits wins.
        class_cues = {name: frozenset(fold_ascii(w) for w in classes["cues"][name])
                      for name in CONCEPT_CLASSES if name in classes["cues"]}
        return cls(
            speech_verbs=words["speech_verbs"],
            speech_verb_forms=words["speech_verb_forms"],
            attribution_words=words["attribution_words"],
            person_attribution_words=words["person_attribution_words"],
            plan_words=words["plan_words"],
            modal_verbs=words["modal_verbs"],
            obligation_verbs=words["obligation_verbs"],
            future_auxiliaries=words["future_auxiliaries"],
            purpose_marks=words["purpose_marks"],
            possessive_relatives=words["possessive_relatives"],
            causative_verbs=words["causative_verbs"],
            supply_verbs=words["supply_verbs"],
            recipient_prepositions=words["recipient_prepositions"],
            hypothesis_marks=words["hypothesis_marks"],
            affiliation_titles=words["affiliation_titles"],
            affiliation_verbs=words["affiliation_verbs"],
            human_pronouns=words["human_pronouns"],
            thing_pronouns=words["thing_pronouns"],
            indefinite_pronouns=words["indefinite_pronouns"],
            market_nouns=words["market_nouns"],
            worldwide_words=words["worldwide_words"],
            universal_determiners=words["universal_determiners"],
            first_person_plural=words["first_person_plural"],
            referring_nouns={_fold(noun): label for noun, label in data["referring_nouns"].items()},
            quote_pattern=re.compile(quotes),
            post_signature_marks=tuple(data["post_signature_marks"]),
            default_concepts=dict(data["default_concepts"]),
            conditional_endings=tuple(data["conditional_endings"]),
            future_endings=tuple(data["future_endings"]),
            generic_measure_nouns=words["generic_measure_nouns"],
            verb_concepts={_fold(verb): noun for verb, noun in data["verb_concepts"].items()},
            direction_nouns=dict(data["direction_nouns"]),
            of_forms=dict(check_keys(f"{lang}/claims.json of_forms", data["of_forms"], OF_FORM_KEYS)),
            expectation_words=words["expectation_words"],
            possessive_prepositions=words["possessive_prepositions"],
            windows=Windows(**{key: int(value) for key, value in
                               check_keys(f"{lang}/claims.json windows", data["windows"], WINDOW_KEYS).items()
                               if key != "_comment"}),
            class_cues=class_cues,
            classes_of_word={word: tuple(name for name, cues in class_cues.items() if word in cues)
                             for word in set().union(*class_cues.values())},
            unit_classes=dict(classes["unit_classes"]),
            class_nouns=dict(classes["class_nouns"]),
        )
