"""The concept of a figure: a readable noun phrase of what is measured, and the evidence for its concept class."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator
from functools import cached_property

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from pipeline.components import extensions  # noqa: F401  (registers the doc._ attributes)
from pipeline.components.claims.context import DocFacts
from pipeline.components.claims.cues import _MAX_CONCEPT_TOKENS, _SUBJECT_DEPS, _fold
from pipeline.language.text import content_words, fold_ascii, singular
from pipeline.records import Quantity

# Words this many tokens around a figure (inside its sentence) are evidence of what it measures.
_CLASS_WINDOW = 6
# A noun starting with one of these takes the elided article ("de l’action").
# Units whose figures name their own thing ("10 milliards de dollars de revenus", "36 GPU"): no dimension word.
_SELF_NAMING_UNITS = frozenset({"USD", "EUR", "count", "x"})
# Parts of speech that end a concept's noun phrase.
_PHRASE_STOPS = frozenset({"VERB", "AUX", "SCONJ", "CCONJ", "NUM", "PRON", "ADV"})


class ConceptRules(DocFacts):
    """What a figure measures, as a noun phrase of whole tokens (never an entity's name or description), found by
    named steps tried in order (``CONCEPT_STEPS``)."""

    def _concept_options(self, quantity: Quantity, span: SpacySpan, anchor: Token,
                         chain: list[Token]) -> Iterator[tuple[str, str, Token | None]]:
        """(step, concept, its head noun) for every step that finds a concept, in the order the rules try them
        (counted noun, change of the subject, governing noun, noun after, subject noun, object noun, verb noun); the
        unit's default concept comes last, always."""
        change = quantity.unit in ("%", "x")
        if quantity.unit == "count" and quantity.id in self.heads:
            phrase = self._noun_phrase(anchor, keep_products=True)
            if phrase:
                yield "counted_noun", phrase, anchor
        verbs = self._clause_verbs(chain)
        measured = self._measured_noun(verbs, span)
        # A rate of change of the subject of the verb that governs it ("le chiffre d’affaires a progressé de 62 %")
        # is named by the noun of its direction, which the quantity component read from the words of change. Not a
        # rate governed by a noun ("les commandes ont contribué à une progression de 77 % des revenus": the
        # commands did not grow), nor a factor, which names what it multiplies (gold/GUIDELINES.md, "Concept
        # class").
        direction = self.cues.direction_nouns.get(quantity.direction or "")
        if quantity.unit == "%" and measured is not None and direction and self._governed_by(span, verbs):
            yield "change_of_subject", f"{direction} {self._de(measured)}{self._noun_phrase(measured)}", measured
        for step, noun in (("governing_noun", self._governing_noun(span, anchor)),
                           ("noun_after", self._noun_after(span)),
                           ("subject_noun", measured),
                           ("object_noun", self._object_noun(verbs, span))):
            if noun is not None:
                yield step, self._dimension_of(quantity, noun), noun
        nominal = next((self.cues.verb_concepts[_fold(v.lemma_)] for v in verbs
                        if _fold(v.lemma_) in self.cues.verb_concepts), None)
        if nominal and not change:
            yield "verb_noun", nominal, None
        yield "unit_default", self.cues.default_concepts.get(quantity.unit, quantity.unit), None

    @staticmethod
    def _governed_by(span: SpacySpan, verbs: list[Token]) -> bool:
        """Whether the figure (or the figure it is coordinated with) hangs on one of the clause's verbs."""
        figure = span.root
        while figure.dep_ == "conj" and figure.head.i != figure.i:
            figure = figure.head
        return any(verb.i == figure.head.i for verb in verbs)

    def _dimension_of(self, quantity: Quantity, noun: Token) -> str:
        """The noun phrase, preceded by the unit's dimension when the noun names the thing measured rather than
        the measure ("2 GW" of "le site" -> "puissance électrique du site"; "6 %" of "la puissance de calcul" ->
        "part de la puissance de calcul"); money and counts name their thing directly."""
        phrase = self._noun_phrase(noun)
        unit_class = self.cues.unit_classes.get(quantity.unit)
        dimension = self.cues.default_concepts.get(quantity.unit)
        if unit_class is None or dimension is None or quantity.unit in _SELF_NAMING_UNITS:
            return phrase
        if any(word in self.cues.class_cues.get(unit_class, ()) for word in self._words(noun)):
            return phrase
        return f"{dimension} {self._de(noun)}{phrase}"

    @staticmethod
    def _words(noun: Token) -> list[str]:
        return [fold_ascii(noun.lemma_), fold_ascii(noun.text)]

    @staticmethod
    def _clause_verbs(chain: list[Token]) -> list[Token]:
        """The figure's verbs up to the first one with a subject of its own ("pourrait représenter": both)."""
        verbs = []
        for verb in chain:
            if verb.pos_ not in ("VERB", "AUX"):
                continue
            verbs.append(verb)
            if any(c.dep_ in _SUBJECT_DEPS for c in verb.children):
                break
        return verbs

    def _is_measure_noun(self, token: Token) -> bool:
        """A common noun that can name what is measured: not an entity, not a generic word ("somme", "total")."""
        return (token.pos_ == "NOUN" and token.i not in self.entity_at
                and _fold(token.lemma_) not in self.cues.generic_measure_nouns
                and _fold(token.lemma_) not in self.cues.referring_nouns)

    def _governing_noun(self, span: SpacySpan, anchor: Token) -> Token | None:
        """"un chiffre d’affaires de 77 milliards", "une capacité totale de 320 MW": the noun the figure
        complements (through "de", or an apposition)."""
        root = span.root
        for token in (root, anchor):
            head = token.head
            if token.dep_.split(":")[0] in ("nmod", "appos", "obl") and head.i < span.start and (
                self._is_measure_noun(head)
            ):
                return head
        return None

    def _noun_after(self, span: SpacySpan) -> Token | None:
        """"30,9 milliards de dollars de revenus": a noun right after the unit that the figure governs."""
        for token in span:
            for child in token.children:
                if span.end <= child.i <= span.end + 2 and child.dep_.startswith("nmod") and (
                    self._is_measure_noun(child)
                ):
                    return child
        return None

    def _measured_noun(self, verbs: list[Token], span: SpacySpan) -> Token | None:
        """The subject of the figure's verbs when it is a common noun ("le chiffre d’affaires a progressé de
        62 %", "le marché chinois pourrait représenter ..."), not the figure, a name or a company's description."""
        for verb in verbs:
            for child in verb.children:
                if child.dep_ in _SUBJECT_DEPS and not span.start <= child.i < span.end and (
                    self._is_measure_noun(child)
                ):
                    return child
        return None

    def _object_noun(self, verbs: list[Token], span: SpacySpan) -> Token | None:
        """"porter sa valorisation à 183 milliards", "ramener l’heure de calcul à moins d’un dollar": the object
        of the figure's verb when the figure is its complement."""
        for verb in verbs[:1]:
            for child in verb.children:
                if child.dep_ == "obj" and not span.start <= child.i < span.end and self._is_measure_noun(child):
                    return child
        return None

    def _de(self, noun: Token) -> str:
        """The form of "of" joining a change word to its noun, from the language's ``of_forms`` ("du", "de la",
        "de l’", "des"; "of")."""
        forms = self.cues.of_forms
        if "Plur" in noun.morph.get("Number"):
            return forms["plural"]
        if noun.text[:1].lower() in forms["elision_letters"]:
            return forms["elided"]
        return forms["feminine"] if "Fem" in noun.morph.get("Gender") else forms["masculine"]

    def _noun_phrase(self, head: Token, keep_products: bool = False) -> str:
        """The head noun with what follows it inside its phrase: adjectives and "de"-complements ("dépenses
        d’investissement", "capacité de calcul consacrée à l’IA"), whole tokens with their own spacing, stopping at
        punctuation, a line break, a clause, a number or a name (a product name is kept after a counted noun:
        "GPU H100")."""
        start = head.i
        sentence_start, sentence_end = self._sentence_bounds[head.i]
        while (start > sentence_start and self.doc[start - 1].pos_ == "ADJ" and self.doc[start - 1].is_alpha
               and self.doc[start - 1].head.i == head.i):
            start -= 1  # "nouveaux sites", "premières livraisons"
        end = head.i + 1
        limit = min(head.i + _MAX_CONCEPT_TOKENS, sentence_end)
        while end < limit:
            token = self.doc[end]
            if token.is_punct or "\n" in self.doc[end - 1].whitespace_ + token.text or token.pos_ in _PHRASE_STOPS:
                break
            if not head.is_ancestor(token) or token.i in self.dated_tokens:
                break
            entity = self.entity_at.get(token.i)
            if entity is not None and not (keep_products and entity.label_ == "PRODUCT"):
                break
            end += 1
        while end > head.i + 1 and self.doc[end - 1].pos_ in ("ADP", "DET"):
            end -= 1
        return self.text[self.doc[start].idx:self.doc[end - 1].idx + len(self.doc[end - 1])]

    @cached_property
    def dated_tokens(self) -> frozenset[int]:
        """Tokens inside a date expression: a concept stops before "d’ici 2030", "fin 2025"."""
        found: set[int] = set()
        for timex in self.dates:
            span = self.doc.char_span(timex.start, timex.end, alignment_mode="expand")
            if span is not None:
                found.update(range(max(span.start - 1, 0), span.end))
        return frozenset(found)

    def concept_class_features(self, quantity: Quantity, span: SpacySpan, chain: list[Token],
                               concept: str) -> dict[str, float]:
        """Evidence for the concept class: the unit, the concept's words, the verbs above the figure and the
        words near it, each also as the class its cue words point to."""
        unit_class = self.cues.unit_classes.get(quantity.unit, "other")
        features = {"bias": 1.0, f"unit={quantity.unit}": 1.0, f"unit_class={unit_class}": 1.0}
        concept_words = [singular(word) for word in content_words(concept, self.doc.lang_)]
        verbs = [fold_ascii(verb.lemma_) for verb in chain[:2]]
        sentence = self._sentence_span(span)
        sentence_start, sentence_end = sentence.start, sentence.end
        near = [fold_ascii(t.lemma_) for t in self.doc[max(span.start - _CLASS_WINDOW, sentence_start):
                                                       min(span.end + _CLASS_WINDOW, sentence_end)]
                if t.pos_ in ("NOUN", "VERB", "ADJ", "PROPN") and not span.start <= t.i < span.end]
        for prefix, words in (("concept", concept_words), ("verb", verbs), ("near", near)):
            for word in words:
                features[f"{prefix}={word}"] = 1.0
                for name in self._classes_of(word):
                    features[f"{prefix}_cue={name}"] = 1.0
        # The clause's nouns and verbs outside the figure, in text order: each class's positions in the clause are
        # indexed once per clause, so a figure only looks up the first position outside its own tokens.
        positions: dict[str, list[int]] = self._clause_cache("class_cues", span, self._class_positions)
        rank = {name: index for index, name in enumerate(self.cues.class_cues)}
        firsts = []
        for name, indices in positions.items():
            first = indices[0]
            if span.start <= first < span.end:
                after = bisect_left(indices, span.end)
                if after == len(indices):
                    continue
                first = indices[after]
            firsts.append((first, rank[name], name))
        for _, _, name in sorted(firsts):
            features[f"clause_cue={name}"] = 1.0
        return features

    def _class_positions(self, clause: SpacySpan) -> dict[str, list[int]]:
        """Class name -> the indices of the clause's nouns and verbs that are its cues, in text order."""
        positions: dict[str, list[int]] = {}
        for token in clause:
            if token.pos_ in ("NOUN", "VERB"):
                for name in self._classes_of(fold_ascii(token.lemma_)):
                    positions.setdefault(name, []).append(token.i)
        return positions

    def _classes_of(self, word: str) -> tuple[str, ...]:
        by_word = self.cues.classes_of_word
        found = {*by_word.get(word, ()), *by_word.get(singular(word), ())}
        return tuple(name for name in self.cues.class_cues if name in found)

    def rule_concept_class(self, quantity: Quantity, features: dict[str, float]) -> str:
        """Without a model: the first class a cue of the concept, then of the verbs, then of the nearby words
        points to, else the unit's class."""
        for prefix in ("concept", "verb", "near"):
            for name in self.cues.class_cues:
                if features.get(f"{prefix}_cue={name}"):
                    return name
        return self.cues.unit_classes.get(quantity.unit, "other")
