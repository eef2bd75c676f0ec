"""The subject of a figure: the sentence rules, in order, then the discourse subject."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from pipeline.components import extensions  # noqa: F401  (registers the doc._ attributes)
from pipeline.components.claims.cues import _AGENT_OR_PLACE_LABELS, _SUBJECT_DEPS, _fold, _is_relative
from pipeline.components.claims.reference import ReferenceRules

# The rules that can decide a subject, in the order they are tried.
SUBJECT_RULES = ("recipient", "clause_subject", "antecedent", "object_of_figure", "complement", "generic_subject",
                 "general_opinion", "quoted_we", "bare_name", "discourse", "none")


@dataclass(frozen=True, slots=True)
class SubjectVote:
    """What the subject rules decided: the entity (None = no subject), the rule, and the nearest verb's own subject
    when it named nothing (the "decisive" subject: generic or not, it is evidence for the learned ranker)."""

    entity: SpacySpan | None
    rule: str
    decisive: Token | None


class SubjectRules(ReferenceRules):
    """The subject of a figure: its clause first (recipient, subject, antecedent, possessor, causee,
object, complement), then the discourse."""

    def _subject(self, span: SpacySpan, anchor: Token, chain: list[Token], speaker: str | None) -> SubjectVote:
        """The subject entity the rules give, with the name of the rule that decided (in ``SUBJECT_RULES``)."""
        recipient = self._recipient(chain[0], anchor) if chain else None
        if recipient is not None:
            return SubjectVote(recipient, "recipient", None)
        decisive: Token | None = None
        for verb in chain:
            entity = self._subject_entity(verb)
            if entity is not None:
                return SubjectVote(entity, "clause_subject", None)
            antecedent = (self._subject_antecedent(verb, span) or self._possessor_by_dont(verb)
                          or self._causee(verb))
            if antecedent is not None:
                return SubjectVote(antecedent, "antecedent", None)
            own_subjects = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS and not self._in_span(c, span)]
            if own_subjects and not _is_relative(own_subjects[0]):
                # The nearest verb with a subject of its own decides ("la demande pour les GPU de Nvidia augmente,
                # car les modèles deviennent dix fois plus grands": the figure is about "les modèles"). A relative
                # pronoun naming nothing defers to the clause its noun sits in ("xAI vise ..., un projet qui
                # pourrait représenter ...").
                decisive = own_subjects[0]
                break
        if anchor.dep_ in _SUBJECT_DEPS or span.root.dep_ in _SUBJECT_DEPS:
            # "plus de 40 000 entreprises utilisent les GPU Nvidia": the figure is the subject, the entity the object.
            for verb in chain[:1]:
                objects = [t for c in verb.children if c.dep_ in ("obj", "obl", "obl:arg") for t in c.subtree]
                entity = self._entity_in(objects)
                if entity is not None:
                    return SubjectVote(entity, "object_of_figure", decisive)
        complements = [t for c in anchor.children if c.dep_.startswith("nmod") for t in c.subtree]
        entity = self._entity_in(complements)
        if entity is not None:
            return SubjectVote(entity, "complement", decisive)
        entity, rule = self._discourse_subject(span, decisive, speaker)
        return SubjectVote(entity, rule, decisive)

    def _recipient(self, verb: Token, anchor: Token) -> SpacySpan | None:
        """What is supplied to someone is theirs: "AMD s’est engagé à lui fournir 500 MW", "Nvidia promet 260 000 GPU
        à la Corée du Sud" (a supply verb with a named recipient; without one, "Helioval promet 300 MW", the
        supplier stays the subject)."""
        if _fold(verb.lemma_) not in self.cues.supply_verbs:
            return None
        candidates = [c for c in verb.children if c.dep_ == "iobj"]
        candidates += [c for c in (*verb.children, *anchor.children) if c.dep_ in ("obl", "obl:arg", "nmod")
                       and any(_fold(g.text) in self.cues.recipient_prepositions and g.dep_ == "case"
                               for g in c.children)]
        for candidate in candidates:
            if candidate.pos_ == "PRON":
                antecedent = self._antecedent(candidate) if self._refers_back(candidate) else None
                if antecedent is not None:
                    return antecedent
                continue
            entity = self._entity_in(candidate.subtree, _AGENT_OR_PLACE_LABELS)
            if entity is not None:
                return entity
        return None

    def _causee(self, verb: Token) -> SpacySpan | None:
        """"laisser les Émirats importer 500 000 puces", "permettre à X de ...": the object of a causative or
        permissive verb does what its infinitive says."""
        if "Inf" not in verb.morph.get("VerbForm") or any(c.dep_ in _SUBJECT_DEPS for c in verb.children):
            return None
        if verb.head.dep_ == "obj" and _fold(verb.head.head.lemma_) in self.cues.causative_verbs:
            # parsed as "laisser [les Émirats [importer ...]]"
            return self._entity_in(verb.head.subtree, _AGENT_OR_PLACE_LABELS)
        if _fold(verb.head.lemma_) not in self.cues.causative_verbs:
            return None
        objects = [t for c in verb.head.children if c.dep_ in ("obj", "iobj", "obl:arg") and c.i != verb.i
                   for t in c.subtree]
        objects += [t for c in verb.children if c.dep_ == "obj" and c.i < verb.i for t in c.subtree]
        return self._entity_in(objects, _AGENT_OR_PLACE_LABELS)

    def _possessor_by_dont(self, verb: Token) -> SpacySpan | None:
        """"les systèmes Blackwell, dont les ventes ont augmenté de 17 %": "dont" makes the noun the relative
        clause hangs from the possessor of its subject."""
        if not verb.dep_.startswith("acl"):
            return None
        clause = [t for t in verb.subtree if t.i < verb.i]
        if not any(_fold(t.text) in self.cues.possessive_relatives for t in clause):
            return None
        noun = verb.head
        return self._entity_in([noun, *(c for c in noun.children if c.dep_ in ("flat:name", "appos", "nmod"))])

    def _discourse_subject(self, span: SpacySpan, decisive: Token | None,
                           speaker: str | None) -> tuple[SpacySpan | None, str]:
        """When the clause names no entity: nobody for a generic subject; inside a quotation or a signed post,
        "nous" / "nos" is the speaker's organization; otherwise the entity the text is about at this point (never
        the mere source of the figure: "Selon la banque Jefferies, ...")."""
        if self.subject_fallback == "none":
            return None, "none"
        if decisive is not None and self._is_generic(decisive):
            return None, "generic_subject"
        if self._reported_by_nobody(span):
            return None, "general_opinion"  # "Certains estiment que la formation ... peut multiplier par cinq ..."
        quoted = decisive is not None and (
            self._inside_quote(decisive.idx) is not None
            or any(start <= decisive.idx < end for start, end, _ in self.signatures)
        )
        if quoted and speaker is not None and any(
            _fold(t.text) in self.cues.first_person_plural for t in decisive.subtree
        ):
            # A person's "nous" is their organization, which must then be known.
            speaker_entity = self._mention_of(speaker)
            if speaker_entity is not None and speaker_entity.label_ == "ORG":
                return speaker_entity, "quoted_we"
            return self._mention_of(self.affiliation.get(speaker, "")), "quoted_we"
        if decisive is None:
            bare = self._bare_name_before(span, speaker)
            if bare is not None:
                return bare, "bare_name"
        labels: tuple[str, ...] = ("ORG", "PER", "PRODUCT")
        if decisive is not None and _fold(decisive.lemma_) in self.cues.referring_nouns:
            labels = (self.cues.referring_nouns[_fold(decisive.lemma_)],)  # "l’entreprise" is an organization
        # A person the text does not tie to an organization is the subject only when no organization or product
        # is being talked about ("Le campus accueillera ... 60 000 GPU" after a quote of its founder).
        things = tuple(label for label in labels if label != "PER")
        center = (self._center_before(span.sent.start_char, things, exclude=speaker, people_as_organizations=True)
                  or self._center_before(span.sent.start_char, labels, exclude=speaker))
        return center, "discourse" if center is not None else "none"

    def _bare_name_before(self, span: SpacySpan, speaker: str | None) -> SpacySpan | None:
        """When no verb of the figure has a subject the parser could find, the last organization or person named
        before the figure in its sentence without a preposition ("En France, la PME Voltigeur Calcul, installée
        dans le Cantal, convertit ... 40 MW": not "En France", not "selon X")."""
        clause_start, _ = self._clause(span)
        names = [e for e in self.entities if e.label_ in ("ORG", "PER") and e.kb_id_ != speaker
                 and clause_start <= e.start_char and e.end <= span.start
                 and not any(child.dep_ == "case" for child in e.root.children)
                 and not (e.root.head.i != e.root.i and any(c.dep_ == "case" for c in e.root.head.children)
                          and e.root.dep_ in ("nmod", "flat:name"))]
        return names[-1] if names else None
