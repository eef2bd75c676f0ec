"""The concept options of a figure: every concept step's noun phrase and the noun of the figure's class, each with
the features the learned concept ranker reads (which step found it, what its head noun is like, where it stands)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from pipeline.components.claims.concept import ConceptRules
from pipeline.components.claims.cues import _fold
from pipeline.components.claims.model import LinearModel
from pipeline.language.text import content_words, fold_ascii
from pipeline.records import Quantity

# Token distances are squashed on a log scale, as the subject ranker's are.
_DISTANCE_SCALE = math.log(32)
_RANKS = 3
# Nouns this many tokens around the figure (inside its sentence) are options too.
_NEAR = 8
# Arcs of the parse between a noun and the figure, bucketed: beyond this they all look alike.
_ARCS = 4


@dataclass(frozen=True, slots=True)
class ConceptOption:
    """A possible concept: a noun phrase of the sentence, or None for the noun of the figure's concept class (known
    only once the class is decided), with its features."""

    phrase: str | None
    features: Mapping[str, float]


def complete(option: ConceptOption, concept_class: str, class_nouns: Mapping[str, str]) -> tuple[str, dict[str, float]]:
    """The option's phrase and features once the figure's concept class is known."""
    features = dict(option.features)
    phrase = option.phrase
    if phrase is None:
        phrase = class_nouns.get(concept_class, "")
        features[f"class_noun&class={concept_class}"] = 1.0
    if features.get(f"cue={concept_class}"):
        features["cue_of_class"] = 1.0  # the phrase's own words point to the class decided for the figure
    return phrase, features


def choose_concept(options: Sequence[ConceptOption], concept_class: str, class_nouns: Mapping[str, str],
                   model: LinearModel) -> str | None:
    """The phrase of the option the ranker scores highest (None when no option has a phrase)."""
    scored = [(model.scores(features)[0], -rank, phrase) for rank, (phrase, features)
              in enumerate(complete(option, concept_class, class_nouns) for option in options) if phrase]
    return max(scored)[2] if scored else None


class ConceptOptions(ConceptRules):
    """The concept options of a figure, over the concept rules' steps."""

    def concept_options(self, quantity: Quantity, span: SpacySpan, anchor: Token,
                        chain: list[Token]) -> tuple[str, str, list[ConceptOption]]:
        """The rules' concept (the first step's phrase), that step, and every option."""
        found = list(self._concept_options(quantity, span, anchor, chain))
        first_step, first_phrase, _ = found[0]
        heads = {head.i for _, _, head in found if head is not None}
        sentence_start, sentence_end = self._sentence_bounds[span.start]
        for token in self.doc[max(span.start - _NEAR, sentence_start):min(span.end + _NEAR, sentence_end)]:
            # The other nouns around the figure: the steps look at a few syntactic positions only.
            if token.i not in heads and self._is_measure_noun(token) and not span.start <= token.i < span.end:
                heads.add(token.i)
                found.append(("near_noun", self._dimension_of(quantity, token), token))
        unit = f"unit={quantity.unit}"
        depth = {t.i: d for d, t in enumerate([anchor, *anchor.ancestors])}
        options = []
        for rank, (step, phrase, head) in enumerate(found):
            features = {"bias": 1.0, f"step={step}": 1.0, f"step={step}&{unit}": 1.0,
                        f"rank={min(rank, _RANKS)}": 1.0, "first": float(rank == 0)}
            for word in content_words(phrase, self.doc.lang_):
                for name in self._classes_of(word):
                    features[f"cue={name}"] = 1.0
            if head is not None:
                features.update(self._head_features(head, span, depth))
            options.append(ConceptOption(phrase, features))
        # The class's own noun ("valorisation", "investissement") when the sentence's nouns name the thing
        # rather than the measure ("l’opération porte la valorisation de la jeune pousse à 350 milliards").
        options.append(ConceptOption(None, {"class_noun": 1.0, f"class_noun&{unit}": 1.0,
                                            f"class_noun&first={first_step}": 1.0}))
        return first_phrase, first_step, options

    def _head_features(self, head: Token, span: SpacySpan, depth: dict[int, int]) -> dict[str, float]:
        """What the head noun is and where it stands from the figure: in tokens, and in arcs of the parse to the
        figure's head or one of its ancestors (``depth``: their index -> arcs from the figure's head)."""
        distance = min(abs(head.i - span.start), abs(head.i - (span.end - 1)))
        token, arcs = head, 0
        while token.i not in depth and token.head.i != token.i and arcs < _ARCS:
            token, arcs = token.head, arcs + 1
        arcs = min(arcs + depth.get(token.i, _ARCS), _ARCS)
        features = {
            "generic_noun": float(_fold(head.lemma_) in self.cues.generic_measure_nouns),
            "class_cue": float(bool(self._classes_of(fold_ascii(head.lemma_)))),
            "plural": float("Plur" in head.morph.get("Number")),
            "proper": float(head.pos_ == "PROPN"),
            "in_date": float(head.i in self.dated_tokens),
            "inside_figure": float(span.start <= head.i < span.end),
            "before_figure": float(head.i < span.start),
            "distance": min(math.log1p(distance) / _DISTANCE_SCALE, 1.0),
            f"head_dep={head.dep_.split(':')[0]}": 1.0,
            f"arcs={arcs}": 1.0,
        }
        return features
