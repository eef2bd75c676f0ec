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

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.components import extensions  # noqa: F401  (registers the doc._ attributes)
from pipeline.components.claims.concept import ConceptRules
from pipeline.components.claims.cues import ClaimCues
from pipeline.components.claims.dating import DatingRules
from pipeline.components.claims.modality import ModalityRules
from pipeline.components.claims.speaker import SpeakerRules
from pipeline.components.claims.subject import SubjectRules
from pipeline.components.entities import DEFAULT_KB, read_kb
from pipeline.records import Claim, Quantity

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


class _DocContext(SubjectRules, SpeakerRules, DatingRules, ModalityRules, ConceptRules):
    """One document's claims: the role rules over the shared document facts."""

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


@Language.factory(
    "news_claims",
    assigns=["doc._.news_claims"],
    requires=["doc.ents", "doc._.news_quantities", "doc._.news_dates", "token.dep"],
    default_config={"subject_fallback": "discourse", "kb_path": None},
)
def make_claims(nlp: Language, name: str, subject_fallback: str, kb_path: str | None) -> ClaimBuilder:
    return ClaimBuilder(nlp.lang, subject_fallback=subject_fallback, kb_path=Path(kb_path) if kb_path else None)
