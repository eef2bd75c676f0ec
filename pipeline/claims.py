"""``news_claims``: one claim per quantity: who (subject), what (concept), when (date), said by whom, how sure.

Reads ``doc.ents`` (labels and ids from ``news_entity_linker``), ``doc._.news_quantities``,
``doc._.news_quantity_heads`` and ``doc._.news_dates``; sets ``doc._.news_claims``.

Subject, sentence first: the entity in the subject of the governing verb chain (with the parser's usual slips
repaired: a subject hung from the auxiliary, an attribution phrase taken for the subject, a name before a verb whose
subject was lost), a pronoun's or a description's antecedent, the object of a causative verb, the noun a "dont"
clause hangs from, then "de"-complements of the measured noun. Then the discourse: each body sentence's subject
entity is a *center* (centering theory); a clause whose subject names nothing takes the center of the sentences
before it, unless that subject is generic (a market, anything worldwide, "chaque", an indefinite, a definite plural)
or the figure is a general opinion ("certains estiment"); inside a quotation "nous" is the speaker's organization.
A named facility's figures are its owner's (KB ``owner``); a leader's announced plan is their organization's.
Speaker: the attribution of a quotation (a person first), of "selon X" / "Pour X,", of a speech verb above the
figure (by lemma or form), of a closing ", a annoncé X", the agent of "le plan annoncé par X", or the signature of a
quoted post. Modality: hypothetical under "si"; forecast with a future, a modal conditional, "doit" / "va" + infinitive,
a purpose, a future in the past or a plan word; a conditional that reports a present claim stays a fact (the
guideline's journalistic conditional); a figure dated before the article is a fact. Date: the figure's clause,
then the clauses above it, never a coordinated clause's date nor a date written right after another figure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from . import extensions  # noqa: F401  (registers the doc._ attributes)
from .entities import DEFAULT_KB, read_kb
from .records import Claim, Quantity, Timex
from .resources import load_language_data

_KEYS = frozenset({
    "speech_verbs", "speech_verb_forms", "attribution_words", "plan_words", "modal_verbs", "hypothesis_marks",
    "affiliation_titles", "affiliation_verbs", "human_pronouns", "thing_pronouns", "quote_pairs",
    "post_signature_marks", "default_concepts", "conditional_endings", "future_endings", "referring_nouns",
    "indefinite_pronouns", "market_nouns", "worldwide_words", "universal_determiners", "first_person_plural",
    "obligation_verbs", "future_auxiliaries", "person_attribution_words", "purpose_marks", "possessive_relatives",
    "causative_verbs", "supply_verbs", "recipient_prepositions",
})
_SUBJECT_DEPS = ("nsubj", "nsubj:pass", "csubj")
_AGENT_LABELS = ("ORG", "PER", "PRODUCT")
_AGENT_OR_PLACE_LABELS = (*_AGENT_LABELS, "LOC")
_MAX_CONCEPT_TOKENS = 6
_ADJACENT_CHARS = 8  # " en ", " dès ", " d’ici ": a figure and the date that follows it
_SENTENCE_ENDS = frozenset({".", "!", "?", "…", "»", "”", "...", ")"})


def _fold(word: str) -> str:
    return word.replace("’", "'").lower()


def _is_relative(token: Token) -> bool:
    return "Rel" in token.morph.get("PronType")


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

    @classmethod
    def for_language(cls, lang: str) -> ClaimCues:
        data = load_language_data(lang, "claims", _KEYS)
        words = {key: frozenset(_fold(w) for w in data[key]) for key in _KEYS
                 if isinstance(data[key], list) and all(isinstance(w, str) for w in data[key])}
        quotes = "|".join(f"{re.escape(o)}[^{re.escape(c)}]*{re.escape(c)}" for o, c in data["quote_pairs"])
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
        )


# ----------------------------------------------------------------------------------------------- pure helpers
def quote_regions(text: str, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    """Character regions of quotations (opening to closing mark, inclusive)."""
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def paragraph_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The line holding ``start..end`` (news paragraphs are lines)."""
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    return left, len(text) if right == -1 else right


def nearest(items: Iterable[tuple[int, int, str]], start: int, end: int | None = None) -> str | None:
    """The value of the item whose characters are closest to ``start..end`` (ties: the earlier one)."""
    end = start if end is None else end

    def gap(item: tuple[int, int, str]) -> tuple[int, int]:
        return max(item[0] - end, start - item[1], 0), item[0]

    best = min(items, key=gap, default=None)
    return None if best is None else best[2]


# ----------------------------------------------------------------------------------------------- the component
SUBJECT_FALLBACKS = ("discourse", "none")


class ClaimBuilder:
    """``subject_fallback``: what the subject is when the figure's clause names no entity: "discourse" = the
    entity the text is about at that point unless the clause is generic (see ``_DocContext._discourse_subject``),
    "none" = no subject (the sentence-level rules alone, kept to measure what the discourse adds).
    ``kb_path``: the knowledge base whose ``owner`` fields give a facility's figures to its owner (None = the
    packaged one, as for ``news_entity_linker``)."""

    def __init__(self, lang: str, subject_fallback: str = "discourse", kb_path: Path | None = None) -> None:
        if subject_fallback not in SUBJECT_FALLBACKS:
            raise ValueError(f"subject_fallback must be one of {SUBJECT_FALLBACKS}, not {subject_fallback!r}")
        self.cues = ClaimCues.for_language(lang)
        self.subject_fallback = subject_fallback
        entries = [entry for entry in read_kb(kb_path or DEFAULT_KB) if entry.owner]
        self.owners = {entry.id: entry.owner for entry in entries if entry.label == "PRODUCT"}
        self.employers = {entry.id: entry.owner for entry in entries if entry.label == "PER"}

    def __call__(self, doc: Doc) -> Doc:
        found = self.match(doc)
        return self.set_annotations(doc, found)

    def set_annotations(self, doc: Doc, claims: list[Claim]) -> Doc:
        doc._.news_claims = claims
        return doc

    def match(self, doc: Doc) -> list[Claim]:
        quantities: list[Quantity] = doc._.news_quantities or []
        if not quantities:
            return []
        context = _DocContext(doc, self.cues, self.subject_fallback, self.owners, self.employers)
        return [context.claim_for(quantity) for quantity in quantities]


class _DocContext:
    """What every claim of one document shares: entities, quotations, affiliations, post signatures."""

    def __init__(self, doc: Doc, cues: ClaimCues, subject_fallback: str, owners: dict[str, str],
                 employers: dict[str, str]) -> None:
        self.doc, self.cues, self.subject_fallback, self.owners = doc, cues, subject_fallback, owners
        self.employers = employers
        self.entities = [ent for ent in doc.ents if ent.label_ in _AGENT_OR_PLACE_LABELS]
        # Token index -> its entity: the rules ask it many times.
        self.entity_at = {i: ent for ent in self.entities for i in range(ent.start, ent.end)}
        self.clauses: dict[tuple[int, int], tuple[int, int]] = {}
        self.text = doc.text  # Doc.text joins every token on each access: read it once
        self.quotes = quote_regions(self.text, cues.quote_pattern)
        self.affiliation = self._affiliations()
        self.signatures = self._post_signatures()
        self.heads: dict[str, tuple[int, int]] = doc._.news_quantity_heads or {}
        self.dates: list[Timex] = doc._.news_dates or []
        self.measured = {(q.start, q.end) for q in doc._.news_quantities or []}
        self.centers: list[tuple[int, SpacySpan]] = []
        self._find_centers()

    # -- document-level facts
    def _affiliations(self) -> dict[str, str]:
        """Person id -> organization id, from "PDG de X, Y", "Y, PDG de X" and "X d'Y" / "X, développé par Y"."""
        links: dict[str, str] = {}
        orgs = [e for e in self.entities if e.label_ == "ORG"]
        people = [e for e in self.entities if e.label_ == "PER"]
        for person in people:
            sentence = person.sent
            for org in orgs:
                if org.sent != sentence or abs(org.start - person.start) > 6:
                    continue
                between = self.doc[min(org.end, person.end):max(org.start, person.start)]
                # The title may stand before the pair: "le PDG d’OpenAI, Sam Altman".
                window = self.doc[max(min(org.start, person.start) - 3, 0):max(org.start, person.start)]
                lemmas = {_fold(t.lemma_) for t in window} | {_fold(t.text) for t in window}
                titled = lemmas & self.cues.affiliation_titles or lemmas & self.cues.affiliation_verbs
                possessive = org.end <= person.start and len(between) == 1 and _fold(between[0].text) in {"d'", "de"}
                if titled or possessive:
                    links.setdefault(person.kb_id_, org.kb_id_)
        # What the text does not say, the KB may know ("le groupe de Mark Zuckerberg"): the organization the
        # person leads, when the document names it.
        named = {e.kb_id_ for e in orgs}
        for person in people:
            employer = self.employers.get(person.kb_id_)
            if employer in named:
                links.setdefault(person.kb_id_, employer)
        return links

    def _post_signatures(self) -> list[tuple[int, int, str]]:
        """(post start, post end, author id) for a line like "– Sam Altman (@sama) 20 juillet 2025" after a post."""
        found = []
        for ent in self.entities:
            if ent.label_ != "PER":
                continue
            line_start, line_end = paragraph_bounds(self.text, ent.start_char, ent.end_char)
            line = self.text[line_start:line_end].strip()
            if line.startswith(self.cues.post_signature_marks) and "(@" in line and line_start > 0:
                post_start, _ = paragraph_bounds(self.text, line_start - 1, line_start - 1)
                found.append((post_start, line_start, ent.kb_id_))
        return found

    def _find_centers(self) -> None:
        """(sentence start, entity) for every body sentence whose main subject names an entity, in text order.

        This is the entity the text is about at that point (the "center" of centering theory): a description
        ("cette entreprise"), a possessive ("sa consommation") or a subject naming nothing ("la puissance projetée")
        refers to it. Computed in order because a description resolves against the centers found before it."""
        body = self.doc._.news_body
        for sentence in self.doc.sents:
            if body is not None and not body.start <= sentence.start_char < body.end:
                continue
            # The main verb first, then the others in text order ("c’est au tour d’IREN : l’exploitant
            # australien a annoncé ...").
            verbs = [sentence.root] + [t for t in sentence if t.pos_ in ("VERB", "AUX") and t != sentence.root]
            for verb in verbs:
                entity = self._subject_entity(verb) or self._subject_antecedent(verb)
                if entity is not None:
                    self.centers.append((sentence.start_char, entity))
                    break

    def _center_before(self, sentence_start: int, labels: tuple[str, ...], exclude: str | None = None,
                       people_as_organizations: bool = False) -> SpacySpan | None:
        """The latest center of an earlier sentence with one of ``labels``. A person stands for their
        organization when only an organization fits ("Elon Musk a affiché ... Cette entreprise ...") or when
        ``people_as_organizations`` (a figure the text keeps giving about the plans of OpenAI's CEO is OpenAI's)."""
        for start, entity in reversed(self.centers):
            if start >= sentence_start or entity.kb_id_ == exclude:
                continue
            organization = None
            if entity.label_ == "PER" and "ORG" in labels and (people_as_organizations or "PER" not in labels):
                organization = self._mention_of(self.affiliation.get(entity.kb_id_, ""))
            if organization is not None:
                return organization
            if entity.label_ in labels:
                return entity
        return None

    def _mention_of(self, kb_id: str) -> SpacySpan | None:
        return next((e for e in self.entities if e.kb_id_ == kb_id), None)

    # -- per claim
    def claim_for(self, quantity: Quantity) -> Claim:
        span = self.doc.char_span(quantity.start, quantity.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return Claim(quantity.id, None, self.cues.default_concepts.get(quantity.unit, quantity.unit),
                         None, None, "fact")
        anchor = self._anchor(quantity, span)
        chain = self._verb_chain(anchor)
        speaker = self._speaker(span, chain)
        subject_ent = self._subject(span, anchor, chain, speaker)
        subject = subject_ent.kb_id_ if subject_ent is not None else None
        # A named facility's figures are its owner's ("Cette installation [Colossus 2] ... 550 000 unités": xAI).
        subject = self.owners.get(subject, subject) if subject is not None else None
        date = self._date(span, chain)
        modality = self._modality(span, chain, date)
        if subject_ent is not None and subject_ent.label_ == "PER" and self._announces(chain):
            # A leader's announced plan or vision is their organization's ("Elon Musk a affiché son ambition ...");
            # what a person does himself stays his ("il parcourait le monde afin de réunir des milliers de
            # milliards": the guideline's decision).
            speaker = speaker or subject
            subject = self.affiliation.get(subject, subject)
        return Claim(
            quantity=quantity.id,
            subject=subject,
            concept=self._concept(quantity, span, anchor),
            date=date,
            speaker=speaker,
            modality=modality,
        )

    def _anchor(self, quantity: Quantity, span: SpacySpan) -> Token:
        head = self.heads.get(quantity.id)
        if head is not None:
            head_span = self.doc.char_span(head[0], head[1], alignment_mode="expand")
            if head_span is not None and len(head_span):
                return head_span.root
        return span.root

    @staticmethod
    def _verb_chain(token: Token) -> list[Token]:
        """The verbs governing ``token``, nearest first; a coordinated verb is followed by the verb it is
        coordinated with, whose subject it shares ("qui a racheté Core Scientific et dispose de 250 000 GPU")."""
        chain = [t for t in [token, *token.ancestors] if t.pos_ in ("VERB", "AUX")]
        return chain or [token.sent.root]

    def _entity_in(self, tokens: Iterable[Token], labels: tuple[str, ...] = _AGENT_LABELS) -> SpacySpan | None:
        """The first entity (in text order) with one of ``labels`` that any of ``tokens`` belongs to."""
        hits = [self.entity_at[t.i] for t in tokens if t.i in self.entity_at]
        return min((ent for ent in hits if ent.label_ in labels), key=lambda ent: ent.start, default=None)

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

    @staticmethod
    def _phrase_without_clauses(head: Token) -> list[Token]:
        """A noun phrase without the clauses that modify it: in "le groupe néerlandais, né de la scission de
        Yandex" or "le campus, construit avec le groupe Adani", the name inside the clause is not the subject; the
        agent of a participle is kept ("le plan annoncé par la Commission européenne" is the Commission's)."""
        clauses = [child for child in head.children if child.dep_.startswith("acl")]
        inside = {t.i for clause in clauses for t in clause.subtree}
        agents = {t.i for clause in clauses for c in clause.children if c.dep_ == "obl:agent" for t in c.subtree}
        return [t for t in head.subtree if t.i not in inside or t.i in agents]

    @staticmethod
    def _is_misparsed_relative(verb: Token) -> bool:
        """A finite verb attached to the noun before it as a relative clause with no relative pronoun: the noun
        is its subject (a participle attached so is a real modifier: "des puces annoncées par X")."""
        return (verb.dep_.startswith("acl") and "Fin" in verb.morph.get("VerbForm") and verb.head.i < verb.i
                and not any(_is_relative(c) for c in verb.children))

    @staticmethod
    def _has_preposition(token: Token) -> bool:
        return any(child.dep_ == "case" for child in token.children)

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

    def _subject(self, span: SpacySpan, anchor: Token, chain: list[Token], speaker: str | None) -> SpacySpan | None:
        recipient = self._recipient(chain[0], anchor) if chain else None
        if recipient is not None:
            return recipient
        decisive: Token | None = None
        for verb in chain:
            entity = self._subject_entity(verb)
            if entity is not None:
                return entity
            antecedent = (self._subject_antecedent(verb, span) or self._possessor_by_dont(verb)
                          or self._causee(verb))
            if antecedent is not None:
                return antecedent
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
                    return entity
        complements = [t for c in anchor.children if c.dep_.startswith("nmod") for t in c.subtree]
        entity = self._entity_in(complements)
        if entity is not None:
            return entity
        return self._discourse_subject(span, decisive, speaker)

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

    def _discourse_subject(self, span: SpacySpan, decisive: Token | None, speaker: str | None) -> SpacySpan | None:
        """When the clause names no entity: nobody for a generic subject; inside a quotation or a signed post,
        "nous" / "nos" is the speaker's organization; otherwise the entity the text is about at this point (never
        the mere source of the figure: "Selon la banque Jefferies, ...")."""
        if self.subject_fallback == "none" or (decisive is not None and self._is_generic(decisive)):
            return None
        if self._reported_by_nobody(span):
            return None  # "Certains estiment que la formation ... peut multiplier par cinq ...": a general opinion
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
                return speaker_entity
            return self._mention_of(self.affiliation.get(speaker, ""))
        if decisive is None:
            bare = self._bare_name_before(span, speaker)
            if bare is not None:
                return bare
        labels: tuple[str, ...] = ("ORG", "PER", "PRODUCT")
        if decisive is not None and _fold(decisive.lemma_) in self.cues.referring_nouns:
            labels = (self.cues.referring_nouns[_fold(decisive.lemma_)],)  # "l’entreprise" is an organization
        # A person the text does not tie to an organization is the subject only when no organization or product
        # is being talked about ("Le campus accueillera ... 60 000 GPU" after a quote of its founder).
        things = tuple(label for label in labels if label != "PER")
        return (self._center_before(span.sent.start_char, things, exclude=speaker, people_as_organizations=True)
                or self._center_before(span.sent.start_char, labels, exclude=speaker))

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

    @staticmethod
    def _in_span(token: Token, span: SpacySpan) -> bool:
        return span.start <= token.i < span.end

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

    def _inside_quote(self, start: int) -> tuple[int, int] | None:
        return next(((a, b) for a, b in self.quotes if a <= start < b), None)

    def _speaker(self, span: SpacySpan, chain: list[Token]) -> str | None:
        start = span.start_char
        for post_start, post_end, author in self.signatures:
            if post_start <= start < post_end:
                return author
        quote = self._inside_quote(start)
        if quote is not None:
            line_start, line_end = paragraph_bounds(self.text, *quote)
            outside = [e for e in self.entities if e.label_ in ("PER", "ORG") and line_start <= e.start_char < line_end
                       and self._inside_quote(e.start_char) is None]
            # People speak: "Pour Lisa Su, la présidente d’AMD, ... « ... », a-t-elle déclaré" is Lisa Su's.
            people = [e for e in outside if e.label_ == "PER"]
            if people or outside:
                return nearest(((e.start_char, e.end_char, e.kb_id_) for e in people or outside), quote[1])
        clause_start, clause_end = self._clause(span)
        for token in self.doc.char_span(clause_start, clause_end, alignment_mode="expand") or span.sent:
            if _fold(token.text) in self.cues.person_attribution_words and token.i + 1 < len(self.doc):
                # "Pour Mathieu Kergoat, fondateur de ..., la Chine pourrait ...": "pour" + a person is a source.
                person = self._entity_in([self.doc[token.i + 1]], ("PER",))
                if person is not None and person.start == token.i + 1:
                    return person.kb_id_
            if not clause_start <= token.idx < clause_end or _fold(token.text) not in self.cues.attribution_words:
                continue
            # "selon Nvidia", "selon la banque Jefferies", "selon son président C. C. Wei", "selon lui"
            followers = [t for t in self.doc[token.i + 1: token.i + 6] if t.idx < clause_end]
            entity = self._entity_in(followers)
            if entity is not None and entity.label_ in ("PER", "ORG"):
                return entity.kb_id_
            described = [t for t in followers[:2] if _fold(t.lemma_) in self.cues.referring_nouns]
            if followers and (followers[0].pos_ == "PRON" or described):
                # "selon lui", "selon l’entreprise": the entity they stand for.
                antecedent = self._antecedent(described[0] if described else followers[0])
                if antecedent is not None:
                    return antecedent.kb_id_
        # Any word governing the figure that is a speech verb: the parser sometimes tags "juge" as a noun, or
        # "revendique" as an adjective.
        governors = list(dict.fromkeys([*self._governors(span.root), *(self._governors(chain[0]) if chain else [])]))
        for verb in [t for t in governors if self._is_speech_verb(t)]:
            entity = (self._subject_entity(verb) or self._subject_antecedent(verb) or self._speaking_pronoun(verb)
                      or self._noun_before_misread_verb(verb) or self._name_before(verb))
            if entity is not None and entity.label_ in ("PER", "ORG"):
                return entity.kb_id_
        return self._announced_by(chain) or self._closing_attribution(span, clause_end)

    def _announced_by(self, chain: list[Token]) -> str | None:
        """"Le plan annoncé en février par la Commission européenne prévoit 3,5 milliards": the agent of a speech
        verb's participle in the subject is the figure's source."""
        for verb in chain[:2]:
            for subject in (c for c in verb.children if c.dep_ in _SUBJECT_DEPS):
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
        for token in self.doc[span.end:]:
            if token.idx >= clause_end:
                break
            if not self._is_speech_verb(token) or token.pos_ not in ("VERB", "AUX"):
                continue
            before = [t for t in self.doc[max(token.i - 3, span.end):token.i] if not t.dep_.startswith("aux")]
            if not before or before[-1].text != ",":
                continue
            after = [e for e in self.entities if e.label_ in ("PER", "ORG") and token.i < e.start <= token.i + 2]
            if after:
                return after[0].kb_id_
            # "ajoute-t-elle" is tokenized "ajoute", "-t", "-elle".
            pronoun = next((t for t in self.doc[token.i + 1: token.i + 4]
                            if t.pos_ == "PRON" and t.text.lstrip("-") != "t"), None)
            if pronoun is not None:
                antecedent = self._antecedent(pronoun)
                if antecedent is not None and antecedent.label_ in ("PER", "ORG"):
                    return antecedent.kb_id_
        return None

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

    def _is_speech_verb(self, token: Token) -> bool:
        if any(child.dep_ in ("expl:comp", "expl:pv", "expl:pass") for child in token.children):
            return False  # reflexive: "Amazon s’assure 1 920 MW" secures, it does not state
        return _fold(token.lemma_) in self.cues.speech_verbs or _fold(token.text) in self.cues.speech_verb_forms

    @staticmethod
    def _governors(token: Token) -> list[Token]:
        """The token and the words governing it, skipping the clause it is coordinated with: that clause does not
        report this one ("La société revendique 10 exaFLOPS, et le futur campus doit multiplier ..."), but a verb
        governing both does ("X a indiqué qu'il lui faudrait ... et qu'il passerait ...")."""
        governors = [token]
        current = token
        while current.head.i != current.i:
            if current.dep_ == "conj":
                first_conjunct = current.head
                if first_conjunct.head.i == first_conjunct.i:
                    break
                current = first_conjunct.head
            else:
                current = current.head
            governors.append(current)
        return governors

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

    def _concept(self, quantity: Quantity, span: SpacySpan, anchor: Token) -> str:
        """The measured thing: the counted noun with its complements, else the noun the figure measures."""
        if quantity.unit == "count" and quantity.id in self.heads:
            tokens = [anchor]
            for token in self.doc[anchor.i + 1: anchor.i + _MAX_CONCEPT_TOKENS]:
                if token.is_punct or token.pos_ in ("VERB", "AUX", "SCONJ", "CCONJ", "NUM") or token.head.i < anchor.i:
                    break
                tokens.append(token)
            while tokens and tokens[-1].pos_ in ("ADP", "DET"):
                tokens.pop()
            return "".join(t.text_with_ws for t in tokens).strip()
        for verb in self._verb_chain(span.root):
            for child in verb.children:
                if child.dep_ in _SUBJECT_DEPS and child.pos_ in ("NOUN", "PROPN"):
                    words = [t for t in child.subtree if t.i >= child.i and not t.is_punct][:_MAX_CONCEPT_TOKENS]
                    if words:
                        return "".join(t.text_with_ws for t in words).strip()
        return self.cues.default_concepts.get(quantity.unit, quantity.unit)

    def _clause(self, span: SpacySpan) -> tuple[int, int]:
        key = (span.start, span.end)
        if key not in self.clauses:
            self.clauses[key] = self._find_clause(span)
        return self.clauses[key]

    def _find_clause(self, span: SpacySpan) -> tuple[int, int]:
        sentence = span.sent
        line_start, line_end = paragraph_bounds(self.text, span.start_char, span.end_char)
        # The parser may also run a sentence on past its final period ("... en 2028. « Mais si ... »").
        stop = next((t.idx + 1 for t in self.doc[span.end:sentence.end] if t.text in (".", "!", "?", "…")),
                    sentence.end_char)
        return max(self._sentence_start(sentence), line_start), min(stop, line_end)

    def _sentence_start(self, sentence: SpacySpan) -> int:
        """Where the sentence really starts: the parser sometimes cuts where no sentence ends ("Selon le cabinet |
        Altitude Data | , le marché pourrait ..."); a sentence starts after final punctuation or a line break."""
        while sentence.start > 0:
            before = self.doc[sentence.start - 1]
            if "\n" in before.text_with_ws or before.text in _SENTENCE_ENDS:
                break
            sentence = before.sent
        return sentence.start_char

    def _date(self, span: SpacySpan, chain: list[Token]) -> str | None:
        """The date of the figure's clause: the nearest date in the phrase of the figure's verb, else of the verbs
        governing it ("« ... investir des centaines de milliards », a affirmé X en juillet"). A clause coordinated
        with the figure's is another clause: its dates are skipped ("Nos ventes ont progressé de 57 % en 2024, et
        nous visons ... d'ici 2027"; "Le plan annoncé en février 2025 prévoit ..., mais chaque site ne devrait
        rassembler que 100 000 puces"), those of a verb governing both are not ("Lundi, X a indiqué qu'il lui
        faudrait ... et qu'il passerait une charge de ...")."""
        start, end = self._clause(span)
        # A duration that is itself a measured figure ("un contrat de vingt ans") dates no claim.
        in_line = [t for t in self.dates if start <= t.start and t.end <= end and (t.start, t.end) not in self.measured
                   and not self._dates_another_figure(t, span)]
        if not in_line:
            return None
        verbs = [t for t in chain if t.pos_ in ("VERB", "AUX")]
        if not verbs:
            return nearest([(t.start, t.end, t.id) for t in in_line], span.start_char, span.end_char)
        skipped_conjunct = False
        for verb in verbs:
            if not skipped_conjunct:
                tokens = self._clause_tokens(verb)
                candidates = [(t.start, t.end, t.id) for t in in_line if self._token_at(t.start) in tokens]
                if candidates:
                    return nearest(candidates, span.start_char, span.end_char)
            # The verb this one is coordinated with is skipped; the verb governing both is looked at.
            skipped_conjunct = verb.dep_ == "conj"
        return None

    def _dates_another_figure(self, timex: Timex, span: SpacySpan) -> bool:
        """A date written right after another figure is that figure's ("... 100 MW en 2027, puis 1 GW à terme";
        "1 GW, dont 200 MW dès 2026")."""
        def joins(end: int) -> bool:
            between = self.text[end:timex.start]
            return (len(between) <= _ADJACENT_CHARS and " " not in between.strip()
                    and not any(mark in between for mark in "\n.;:!?«»"))

        return any(
            joins(end) for start, end in self.measured
            if (start, end) != (span.start_char, span.end_char) and end <= timex.start
        )

    @staticmethod
    def _clause_tokens(verb: Token) -> set[int]:
        """Indices of a verb's phrase without the clauses coordinated to it."""
        others = {t.i for child in verb.children if child.dep_ == "conj" for t in child.subtree}
        return {t.i for t in verb.subtree} - others

    def _token_at(self, char: int) -> int:
        span = self.doc.char_span(char, char + 1, alignment_mode="expand")
        return span.start if span is not None else -1

    def _about_the_future(self, verb: Token) -> bool:
        """Whether a verb, its auxiliaries or the verb it completes speak of the future or of a plan."""
        verbs = [verb, *(c for c in verb.children if c.dep_.startswith("aux"))]
        if verb.dep_ == "xcomp":
            verbs.append(verb.head)
        return any(
            self._is_future(v) or self._is_conditional(v)
            or _fold(v.lemma_) in self.cues.obligation_verbs | self.cues.future_auxiliaries
            for v in verbs
        )

    def _is_conditional(self, verb: Token) -> bool:
        return "Cnd" in verb.morph.get("Mood") or _fold(verb.text).endswith(self.cues.conditional_endings)

    def _is_future(self, verb: Token) -> bool:
        if "Fut" in verb.morph.get("Tense"):
            return True
        return verb.pos_ in ("VERB", "AUX") and _fold(verb.text).endswith(self.cues.future_endings) and len(verb) > 4

    def _modality(self, span: SpacySpan, chain: list[Token], date_id: str | None) -> str:
        clause_start, clause_end = self._clause(span)
        clause = self.doc.char_span(clause_start, clause_end, alignment_mode="expand") or span.sent
        # A reflexive "s’" ("s’étaler") is a pronoun, not the "s’" of "s’il".
        if any(_fold(t.text) in self.cues.hypothesis_marks and t.pos_ != "PRON" for t in clause):
            return "hypothetical"
        modality = self._stated_modality(span, chain)
        if modality == "forecast" and self._dated_in_the_past(date_id):
            # "... pourrait atteindre 98 milliards en 2027, contre 34 milliards en 2024": the past is a fact.
            return "fact"
        return modality

    def _stated_modality(self, span: SpacySpan, chain: list[Token]) -> str:
        sentence = span.sent
        clause_start, _ = self._clause(span)
        verbs = chain + [aux for verb in chain for aux in verb.children if aux.dep_.startswith("aux")]
        for position, verb in enumerate(verbs):
            lemma = _fold(verb.lemma_)
            if self._is_future(verb):
                return "forecast"
            if lemma in self.cues.modal_verbs and (self._is_conditional(verb) or "Part" in verb.morph.get("VerbForm")):
                return "forecast"
            if lemma in self.cues.obligation_verbs or (
                lemma in self.cues.future_auxiliaries and any(c.dep_ == "xcomp" for c in verb.children)
            ):
                return "forecast"  # "le site doit atteindre 2 GW", "nous allons investir"
            if self._is_conditional(verb) and any(self._is_speech_verb(v) for v in chain[position + 1:]):
                return "forecast"  # future in the past: "Nvidia a indiqué qu'il passerait une charge de ..."
            if "Inf" in verb.morph.get("VerbForm") and any(
                c.dep_ == "mark" and _fold(c.text) in self.cues.purpose_marks for c in verb.children
            ):
                return "forecast"  # a purpose is a plan: "un accord pour utiliser jusqu'à un million de puces"
        window = [t for t in sentence if t.idx >= clause_start and t.i < span.end]
        if any(_fold(t.lemma_) in self.cues.plan_words or _fold(t.text) in self.cues.plan_words for t in window):
            return "forecast"
        return "fact"

    def _dated_in_the_past(self, date_id: str | None) -> bool:
        """Whether the figure's date (the claim's) is a year before the article's."""
        dct: str | None = self.doc._.news_dct
        value = next((t.value for t in self.dates if t.id == date_id), None)
        if not dct or not value or not value[:4].isdigit() or not dct[:4].isdigit():
            return False
        return value[:4] < dct[:4]


@Language.factory(
    "news_claims",
    assigns=["doc._.news_claims"],
    requires=["doc.ents", "doc._.news_quantities", "doc._.news_dates", "token.dep"],
    default_config={"subject_fallback": "discourse", "kb_path": None},
)
def make_claims(nlp: Language, name: str, subject_fallback: str, kb_path: str | None) -> ClaimBuilder:
    return ClaimBuilder(nlp.lang, subject_fallback=subject_fallback, kb_path=Path(kb_path) if kb_path else None)
