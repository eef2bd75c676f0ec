"""Reference: the entity a subject names, the antecedent of a pronoun or description, generic subjects."""

from __future__ import annotations

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from pipeline.components import extensions  # noqa: F401  (registers the doc._ attributes)
from pipeline.components.claims.context import DocFacts
from pipeline.components.claims.cues import _AGENT_LABELS, _SUBJECT_DEPS, _fold, _is_relative


class ReferenceRules(DocFacts):
    """Who a verb's subject names: an entity, the antecedent of a pronoun or a description, or nobody
(a generic subject)."""

    def _subject_entity(self, verb: Token) -> SpacySpan | None:
        """The entity a verb's subject names: a subject head first, then an apposition ("le PDG d’OpenAI,
        Sam Altman"), then any entity inside the subject phrase."""
        # A subject may hang from the auxiliary ("L’Arabie saoudite lui a promis ...", parsed with "Arabie" under "a").
        subjects = [c for t in (verb, *(a for a in verb.children if a.dep_.startswith("aux"))) for c in t.children
                    if c.dep_ in _SUBJECT_DEPS]
        for subject in [c for c in subjects if self._has_preposition(c)]:
            # "Selon le cabinet X, Hyperion pourrait ...", parsed with "Selon le cabinet" as the subject: a phrase
            # with a preposition is no subject; the name after its comma is.
            subjects.remove(subject)
            subjects += [a for a in subject.children if a.dep_ == "appos" and a.i > subject.i
                         and self.doc[a.i - 1].is_punct and not self._has_preposition(a)]
        if not subjects and verb.pos_ in ("VERB", "AUX"):
            # The parser lost the subject ("Le 3 mars, Scaleway, la filiale cloud du groupe Iliad, a annoncé ..."
            # came out with "Scaleway" as an adverbial clause): a bare name before the verb is its subject.
            subjects = [c for c in verb.lefts if c.pos_ == "PROPN" and c.dep_ not in ("obl", "obl:mod", "obl:arg")
                        and not self._has_preposition(c)]
            if not subjects and self._is_misparsed_relative(verb):
                subjects = [verb.head]  # "Son système CloudMatrix 384 relie ..." read as a relative clause
        heads = subjects + [a for c in subjects for a in c.children if a.dep_ == "appos"]
        for head in heads:
            # A place is a subject only when it is the subject itself ("la Chine pourrait couvrir 40 % de ses
            # besoins"), never because it sits inside the subject phrase ("la PME installée dans le Cantal", "le
            # groupe de Santa Clara").
            entity = self._entity_in([head], _AGENT_LABELS + (("LOC",) if head in subjects else ()))
            if entity is not None:
                return entity
        for subject in subjects:
            entity = self._entity_in(self._phrase_without_clauses(subject))
            if entity is not None:
                return self._organization_of_group(subject, entity)
        return None

    def _organization_of_group(self, subject: Token, entity: SpacySpan) -> SpacySpan:
        """"le groupe de Mark Zuckerberg", "le carnet de commandes du groupe de Larry Ellison": an organization
        described by its leader is the leader's organization."""
        governor = entity.root.head if entity.root.head.i != entity.root.i else subject
        wanted = self.cues.referring_nouns.get(_fold(governor.lemma_))
        if wanted == "ORG" and entity.label_ == "PER" and entity.kb_id_ in self.affiliation:
            return self._mention_of(self.affiliation[entity.kb_id_]) or entity
        return entity

    def _antecedent(self, pronoun: Token) -> SpacySpan | None:
        """A description ("cette entreprise") stands for the latest center of an earlier sentence with its label;
        a pronoun for the entity of an earlier subject in its own sentence ("Oracle ... et elle vise"), else for
        the latest center, else for the last entity before it with a fitting label."""
        human = _fold(pronoun.text).lstrip("-") in self.cues.human_pronouns
        description = _fold(pronoun.lemma_) in self.cues.referring_nouns
        if description:
            labels: tuple[str, ...] = (self.cues.referring_nouns[_fold(pronoun.lemma_)],)
        else:
            labels = ("PER", "ORG") if human else ("PRODUCT", "ORG")
        sentence = pronoun.sent
        # An object clitic never stands for the subject of its own clause ("AMD s’est engagé à lui fournir ...").
        earlier = self._earlier_subject(pronoun) if pronoun.dep_ in _SUBJECT_DEPS or description else None
        if earlier is not None:
            # "Oracle ... et elle vise", "Le chiffre d’affaires d’Anthropic approche ..., et l’entreprise
            # revendique ...": an entity named in an earlier subject of the same sentence.
            entity = self._entity_in(earlier.subtree)
            if entity is not None and entity.label_ in labels:
                return entity
            if entity is None and not description:
                if self._is_generic(earlier):
                    return None
                # "Le montant ... n'a pas été détaillé, mais il serait compris entre ...": the pronoun takes
                # the subject before it, which names no entity: the figure is the current center's.
                return self._center_before(sentence.start_char, labels)
        center = self._center_before(sentence.start_char, labels)
        if center is not None:
            return center
        before = [e for e in self.entities if e.end <= pronoun.i and e.label_ in labels]
        return before[-1] if before else None

    @staticmethod
    def _earlier_subject(pronoun: Token) -> Token | None:
        """The last subject before a pronoun in its sentence, not the pronoun's own phrase."""
        before = [t for t in pronoun.sent if t.i < pronoun.i and t.dep_ in _SUBJECT_DEPS and t.pos_ != "PRON"]
        return before[-1] if before else None

    def _is_generic(self, subject: Token) -> bool:
        """A subject about no one in particular: a market or a sector (the guideline gives market sizes a null
        subject), anything worldwide, a universal ("chaque puce"), an indefinite pronoun, or a definite plural
        without a possessive (French generic plural: "les modèles d'IA deviennent dix fois plus grands")."""
        words = [t for t in subject.subtree]
        if _fold(subject.lemma_) in self.cues.market_nouns or _fold(subject.text) in self.cues.market_nouns:
            return True
        if any(_fold(t.text) in self.cues.worldwide_words for t in words):
            return True
        determiners = [c for c in subject.children if c.dep_.startswith("det")]
        if any(_fold(d.text) in self.cues.universal_determiners for d in determiners):
            return True
        if any("Ind" in d.morph.get("Definite") for d in determiners) and not self._about_the_future(subject.head):
            # "une baie de serveurs peut consommer plus de 100 kW": a timeless statement about any rack; "une
            # première tranche de 1 GW doit être construite" is a particular one.
            return True
        if subject.pos_ == "PRON":
            if set(subject.morph.get("PronType")) & {"Ind", "Neg", "Int", "Tot"} or (
                _fold(subject.text) in self.cues.indefinite_pronouns
            ):
                return True
            # "si tous les projets voyaient le jour, ils absorberaient ...": as generic as what it stands for
            earlier = self._earlier_subject(subject)
            return earlier is not None and self._entity_in(earlier.subtree) is None and self._is_generic(earlier)
        plural = "Plur" in subject.morph.get("Number")
        possessive_or_demonstrative = any(
            "Prs" in d.morph.get("PronType") or "Dem" in d.morph.get("PronType") or "Yes" in d.morph.get("Poss")
            for d in determiners
        )
        definite = any("Def" in d.morph.get("Definite") for d in determiners)
        return plural and definite and not possessive_or_demonstrative

    def _subject_antecedent(self, verb: Token, span: SpacySpan | None = None) -> SpacySpan | None:
        """The entity a pronoun or description in the verb's subject stands for (never the figure itself)."""
        for child in verb.children:
            if span is not None and self._in_span(child, span):
                continue
            if child.dep_ in _SUBJECT_DEPS and _is_relative(child) and verb.dep_.startswith("acl"):
                # "CoreWeave, qui dispose de 250 000 GPU": the relative pronoun stands for the noun it follows,
                # or for the name that noun is in apposition to ("Helioval, une régie locale qui promet ...").
                noun = verb.head
                entity = self._entity_in([noun]) or (self._entity_in([noun.head]) if noun.dep_ == "appos" else None)
                if entity is not None:
                    return entity
            if child.dep_ in _SUBJECT_DEPS and self._refers_back(child):
                antecedent = self._antecedent(child)
                if antecedent is not None:
                    return antecedent
        return None

    def _refers_back(self, token: Token) -> bool:
        """A personal or demonstrative pronoun ("elles") or a definite description ("l’entreprise chinoise")
        standing for an entity named earlier; indefinites ("certains", "on") stand for nobody."""
        pronoun_types = set(token.morph.get("PronType"))
        if _fold(token.text) in self.cues.thing_pronouns:
            return True
        if _fold(token.text) in self.cues.first_person_plural or token.morph.get("Person") in (["1"], ["2"]):
            return False  # "nous" is the speaker's side, never an entity named earlier
        if token.pos_ == "PRON":
            indefinite = pronoun_types & {"Ind", "Neg", "Int", "Rel", "Tot"} or _fold(token.text) in (
                self.cues.indefinite_pronouns
            )
            return token.dep_ != "expl" and not indefinite
        determiners = [c for c in token.children if c.dep_ == "det"]
        definite = any(
            "Def" in d.morph.get("Definite") or "Dem" in d.morph.get("PronType") or "Prs" in d.morph.get("PronType")
            for d in determiners
        )
        return _fold(token.lemma_) in self.cues.referring_nouns and definite
