"""The speaker of a figure: quotation, "selon X", speech verbs above it, closing attribution, post signature."""

from __future__ import annotations

from bisect import bisect_left
from functools import cached_property

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from pipeline.components import extensions  # noqa: F401  (registers the doc._ attributes)
from pipeline.components.claims.cues import _SUBJECT_DEPS, _fold
from pipeline.components.claims.reference import ReferenceRules
from pipeline.components.claims.text import nearest


class SpeakerRules(ReferenceRules):
    """Who a figure is attributed to."""

    def _speaker(self, span: SpacySpan, chain: list[Token]) -> str | None:
        start = span.start_char
        for post_start, post_end, author in self.signatures:
            if post_start <= start < post_end:
                return author
        quote = self._inside_quote(start)
        if quote is not None:
            line_start, line_end = self._paragraph(*quote)
            outside = [e for e in self.entities if e.label_ in ("PER", "ORG") and line_start <= e.start_char < line_end
                       and self._inside_quote(e.start_char) is None]
            # People speak: "Pour Lisa Su, la présidente d’AMD, ... « ... », a-t-elle déclaré" is Lisa Su's.
            people = [e for e in outside if e.label_ == "PER"]
            if people or outside:
                return nearest(((e.start_char, e.end_char, e.kb_id_) for e in people or outside), quote[1])
        clause_start, clause_end = self._clause(span)
        # What the clause's attribution words say depends on the clause alone: read once per clause.
        attributed = self._clause_cache("attribution", span,
                                        lambda clause: self._attributed_in(clause, clause_start, clause_end))
        if attributed is not None:
            return attributed
        # Any word governing the figure that is a speech verb: the parser sometimes tags "juge" as a noun, or
        # "revendique" as an adjective.
        governors = list(dict.fromkeys([*self._governors(span.root), *(self._governors(chain[0]) if chain else [])]))
        for verb in [t for t in governors if self._is_speech_verb(t)]:
            entity = (self._subject_entity(verb) or self._subject_antecedent(verb) or self._speaking_pronoun(verb)
                      or self._noun_before_misread_verb(verb) or self._name_before(verb))
            if entity is not None and entity.label_ in ("PER", "ORG"):
                return entity.kb_id_
        return self._announced_by(chain) or self._closing_attribution(span, clause_end)

    def _attributed_in(self, clause: SpacySpan, clause_start: int, clause_end: int) -> str | None:
        """The source an attribution word of the clause names ("selon Nvidia", "pour Lisa Su"), or None."""
        windows = self.cues.windows
        texts = self._folded_words[0]
        for i in range(clause.start, clause.end):
            text = texts[i]
            if text in self.cues.person_attribution_words and i + 1 < len(self.doc):
                # "Pour Mathieu Kergoat, fondateur de ..., la Chine pourrait ...": "pour" + a person is a source.
                person = self._entity_in([self.doc[i + 1]], ("PER",))
                if person is not None and person.start == i + 1:
                    return person.kb_id_
            if text not in self.cues.attribution_words:
                continue
            token = self.doc[i]
            if not clause_start <= token.idx < clause_end:
                continue
            # "selon Nvidia", "selon la banque Jefferies", "selon son président C. C. Wei", "selon lui"
            followers = [t for t in self.doc[token.i + 1: token.i + 1 + windows.attribution_followers]
                         if t.idx < clause_end]
            entity = self._entity_in(followers)
            if entity is not None and entity.label_ in ("PER", "ORG"):
                return entity.kb_id_
            described = [t for t in followers[:windows.attribution_description]
                         if _fold(t.lemma_) in self.cues.referring_nouns]
            if followers and (followers[0].pos_ == "PRON" or described):
                # "selon lui", "selon l’entreprise": the entity they stand for.
                antecedent = self._antecedent(described[0] if described else followers[0])
                if antecedent is not None:
                    return antecedent.kb_id_
        return None

    def _announced_by(self, chain: list[Token]) -> str | None:
        """"Le plan annoncé en février par la Commission européenne prévoit 3,5 milliards": the agent of a speech
        verb's participle in the subject is the figure's source."""
        for verb in chain[:self.cues.windows.announcing_verbs]:
            for subject in self._children_where(verb, "subject", lambda c: c.dep_ in _SUBJECT_DEPS):
                for participle in (c for c in subject.children if c.dep_.startswith("acl")):
                    if not self._is_speech_verb(participle):
                        continue
                    agents = [t for c in participle.children if c.dep_ == "obl:agent" for t in c.subtree]
                    entity = self._entity_in(agents, ("PER", "ORG"))
                    if entity is not None:
                        return entity.kb_id_
        return None

    def _closing_attribution(self, span: SpacySpan, clause_end: int) -> str | None:
        """A sentence that ends with ", a annoncé Jensen Huang." / ", ajoute-t-elle.": the inverted subject of a
        speech verb after the figure and a comma."""
        windows = self.cues.windows
        # Only the speech verbs after the figure (indexed once per document) can close the sentence.
        verbs = self._speech_verb_indices
        for position in range(bisect_left(verbs, span.end), len(verbs)):
            token = self.doc[verbs[position]]
            if token.idx >= clause_end:
                break
            before = [t for t in self.doc[max(token.i - windows.closing_comma_before, span.end):token.i]
                      if not t.dep_.startswith("aux")]
            if not before or before[-1].text != ",":
                continue
            after = [e for e in self.entities if e.label_ in ("PER", "ORG")
                     and token.i < e.start <= token.i + windows.closing_subject_after]
            if after:
                return after[0].kb_id_
            # "ajoute-t-elle" is tokenized "ajoute", "-t", "-elle".
            pronoun = next((t for t in self.doc[token.i + 1: token.i + 1 + windows.closing_pronoun_after]
                            if t.pos_ == "PRON" and t.text.lstrip("-") != "t"), None)
            if pronoun is not None:
                antecedent = self._antecedent(pronoun)
                if antecedent is not None and antecedent.label_ in ("PER", "ORG"):
                    return antecedent.kb_id_
        return None

    @cached_property
    def _speech_verb_indices(self) -> list[int]:
        texts, lemmas, verbs = self._folded_words
        lemma_cues, form_cues = self.cues.speech_verbs, self.cues.speech_verb_forms
        # The folded words pick the few verbs that can be speech verbs; only those become tokens.
        return [i for i, (text, lemma, verb) in enumerate(zip(texts, lemmas, verbs, strict=True))
                if verb and (lemma in lemma_cues or text in form_cues) and self._is_speech_verb(self.doc[i])]

    def _reported_by_nobody(self, span: SpacySpan) -> bool:
        """Whether a speech verb above the figure has an indefinite subject ("certains", "on")."""
        for verb in self._governors(span.root):
            if self._is_speech_verb(verb) and any(
                c.dep_ in _SUBJECT_DEPS and c.pos_ == "PRON" and self._is_generic(c) for c in verb.children
            ):
                return True
        return False

    def _noun_before_misread_verb(self, verb: Token) -> SpacySpan | None:
        """"l’entreprise revendique 300 000 clients" tagged as a noun with an adjective: the noun is the subject."""
        noun = verb.head
        if verb.dep_ != "amod" or noun.i > verb.i:
            return None
        if self._entity_in([noun]) is not None:
            return self._entity_in([noun])
        return self._antecedent(noun) if self._refers_back(noun) else None

    def _speaking_pronoun(self, verb: Token) -> SpacySpan | None:
        """"Il estime que ...": the parser takes the "il" of a speech verb for an impersonal one."""
        pronoun = next((c for c in verb.children if c.dep_ == "expl:subj" and c.i < verb.i), None)
        return None if pronoun is None else self._antecedent(pronoun)

    def _name_before(self, verb: Token) -> SpacySpan | None:
        """The subject of a speech verb when the parse lost it: a person named earlier in the clause outside a
        prepositional phrase ("Margaux Pellegrin, consultante au cabinet X, estime que ..."), else the name
        standing right before the verb ("Son directeur, Bertrand Lhomme, estime que ...")."""
        clause_start = self._sentence_start(verb.sent)
        people = [e for e in self.entities if e.label_ == "PER" and clause_start <= e.start_char and e.end <= verb.i
                  and not (e.start > 0 and self.doc[e.start - 1].pos_ == "ADP")]
        if people:
            return people[0]
        index = verb.i - 1
        while index >= verb.sent.start and self.doc[index].is_punct:
            index -= 1
        return next((e for e in self.entities if e.end - 1 == index), None)

    def _announces(self, chain: list[Token]) -> bool:
        return any(self._is_speech_verb(verb) for verb in chain)
