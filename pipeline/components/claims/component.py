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

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.components import extensions  # noqa: F401  (registers the doc._ attributes)
from pipeline.components.claims.concept_options import ConceptOption, ConceptOptions, choose_concept
from pipeline.components.claims.cues import CLAIM_KEYS, CLASS_KEYS, ClaimCues
from pipeline.components.claims.features import Candidate, SubjectFeatures
from pipeline.components.claims.lexical import LexicalRules
from pipeline.components.claims.modality import ModalityRules
from pipeline.components.claims.model import MODEL_KEYS, NO_MODELS, ClaimModels
from pipeline.components.claims.speaker import SpeakerRules
from pipeline.components.kb import DEFAULT_KB, owners_of, read_kb
from pipeline.language import SerializedLanguageData, load_language_data
from pipeline.records import Claim, Quantity

SUBJECT_FALLBACKS = ("discourse", "none")


@dataclass(slots=True)
class ClaimEvidence:
    """Everything the claim of one figure is decided from: the rules' claim, the subject candidates with their
    features, and the features of its modality and concept class. The learned models read it at run time; the
    trainer (:mod:`pipeline.learning`) reads the same objects, so training and extraction share one code path."""

    quantity: Quantity
    rule_claim: Claim
    subject_rule: str
    candidates: list[Candidate]
    modality_features: dict[str, float]
    class_features: dict[str, float]
    concept_step: str
    concept_options: list[ConceptOption]


class ClaimBuilder(SerializedLanguageData):
    """``subject_fallback``: what the subject is when the figure's clause names no entity: "discourse" = the
    entity the text is about at that point unless the clause is generic (see ``SubjectRules._discourse_subject``),
    "none" = no subject (the sentence-level rules alone, kept to measure what the discourse adds).
    ``kb_path``: the knowledge base whose ``owner`` fields give a facility's figures to its owner (None = the
    packaged one, as for ``news_entity_linker``). ``use_models``: decide subject, modality and concept class with
    the language's learned models (``resources/<lang>/claim_models.json``); False = the rules alone.
    ``candidate_steps``: the subject rule steps whose figures get the ranker's candidates (by default those the
    ranker decides; the trainer asks for every step, to compare the ranker with each rule)."""

    DATA_KEYS = {"claims": CLAIM_KEYS, "concept_classes": CLASS_KEYS, "claim_models": MODEL_KEYS,
                 "kb_owners": frozenset({"owners", "employers"})}

    def __init__(self, lang: str, subject_fallback: str = "discourse", kb_path: Path | None = None,
                 use_models: bool = True) -> None:
        if subject_fallback not in SUBJECT_FALLBACKS:
            raise ValueError(f"subject_fallback must be one of {SUBJECT_FALLBACKS}, not {subject_fallback!r}")
        self.lang = lang
        self.subject_fallback = subject_fallback
        self.use_models = use_models
        entries = read_kb(kb_path or DEFAULT_KB)
        self.build({
            "claims": load_language_data(lang, "claims", CLAIM_KEYS),
            "concept_classes": load_language_data(lang, "concept_classes", CLASS_KEYS),
            "claim_models": load_language_data(lang, "claim_models", MODEL_KEYS),
            # Only what the claims read from the KB: a product's or facility's owner, a person's organization.
            "kb_owners": {"owners": owners_of(entries, "PRODUCT"), "employers": owners_of(entries, "PER")},
        })

    def build(self, data: dict[str, dict[str, Any]]) -> None:
        self.language_data = data
        self.cues = ClaimCues.from_data(data["claims"], data["concept_classes"], self.lang)
        self.owners = dict(data["kb_owners"]["owners"])
        self.employers = dict(data["kb_owners"]["employers"])
        self.models = ClaimModels.from_dict(data["claim_models"]) if self.use_models else NO_MODELS
        self.candidate_steps = self.models.subject_steps if self.models.subject is not None else frozenset()

    def __call__(self, doc: Doc) -> Doc:
        found = self.match(doc)
        return self.set_annotations(doc, found)

    def set_annotations(self, doc: Doc, claims: list[Claim]) -> Doc:
        doc._.news_claims = claims
        return doc

    def match(self, doc: Doc) -> list[Claim]:
        return [decide(evidence, self.models, self.cues.class_nouns) for evidence in self.evidence(doc)]

    def evidence(self, doc: Doc) -> list[ClaimEvidence]:
        quantities: list[Quantity] = doc._.news_quantities or []
        if not quantities:
            return []
        context = _DocContext(doc, self.cues, self.subject_fallback, self.owners, self.employers)
        return [context.evidence_for(quantity, self.candidate_steps) for quantity in quantities]


def decide(evidence: ClaimEvidence, models: ClaimModels, class_nouns: dict[str, str]) -> Claim:
    """The claim: the rules' answer, with modality and concept class taken from the models present, and the subject
    from the subject model where the rule step that decided it is one the ranker does better (``subject_steps``).
    ``subject_evidence`` says what decided the subject: "rule:<name>" or "model:<its strongest features>"."""
    claim = evidence.rule_claim
    subject, subject_evidence = claim.subject, f"rule:{evidence.subject_rule}"
    if models.subject is not None and evidence.candidates and evidence.subject_rule in models.subject_steps:
        scored = [(models.subject.scores(c.features)[0], i) for i, c in enumerate(evidence.candidates)]
        _, best = max(scored)
        chosen = evidence.candidates[best]
        subject = chosen.entity_id
        subject_evidence = "model:" + ",".join(models.subject.top_features(chosen.features))
    modality = claim.modality
    if models.modality is not None and evidence.modality_features:
        modality = models.modality.best_class(evidence.modality_features)
    concept, concept_class = claim.concept, claim.concept_class
    if models.concept_class is not None and evidence.class_features:
        concept_class = models.concept_class.best_class(evidence.class_features)
        if models.concept is not None and evidence.concept_options:
            concept = choose_concept(evidence.concept_options, concept_class, class_nouns, models.concept) or concept
        elif evidence.concept_step == "unit_default":
            # The sentence names nothing measured ("20 milliards d’euros en France"): the class's own noun
            # ("investissement") says more than the unit's ("montant").
            concept = class_nouns.get(concept_class, concept)
    return replace(claim, subject=subject, concept=concept, modality=modality, concept_class=concept_class,
                   subject_evidence=subject_evidence)


class _DocContext(SubjectFeatures, SpeakerRules, ModalityRules, ConceptOptions, LexicalRules):
    """One document's claims: the role rules over the shared document facts."""

    def evidence_for(self, quantity: Quantity, candidate_steps: frozenset[str]) -> ClaimEvidence:
        span = self.doc.char_span(quantity.start, quantity.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            claim = Claim(quantity.id, None, self.cues.default_concepts.get(quantity.unit, quantity.unit),
                          None, None, "fact", self.cues.unit_classes.get(quantity.unit, "other"))
            return ClaimEvidence(quantity, claim, "none", [], {}, {}, "unit_default", [])
        anchor = self._anchor(quantity, span)
        chain = self._verb_chain(anchor)
        speaker = self._speaker(span, chain)
        vote = self._subject(span, anchor, chain, speaker)
        subject_ent = vote.entity
        if subject_ent is None and not self.parsed:
            subject_ent = self._lexical_subject(span, speaker)
        subject = subject_ent.kb_id_ if subject_ent is not None else None
        # A named facility's figures are its owner's ("Cette installation [Colossus 2] ... 550 000 unités": xAI).
        subject = self.owners.get(subject, subject) if subject is not None else None
        date = self._date(span, chain)
        modality = self._modality(span, chain, date)
        if modality == "fact" and not self.parsed:
            modality = self._lexical_modality(span, date)
        # Candidates are only gathered where the ranker decides: they cost more than all the rules together.
        candidates = (self.subject_candidates(quantity, span, anchor, chain, speaker, vote)
                      if vote.rule in candidate_steps else [])
        if subject_ent is not None and subject_ent.label_ == "PER" and self._announces(chain):
            # A leader's announced plan or vision is their organization's ("Elon Musk a affiché son ambition ...");
            # what a person does himself stays his ("il parcourait le monde afin de réunir des milliers de
            # milliards": the guideline's decision).
            speaker = speaker or subject
            subject = self.affiliation.get(subject, subject)
        concept, concept_step, options = self.concept_options(quantity, span, anchor, chain)
        class_features = self.concept_class_features(quantity, span, chain, concept)
        claim = Claim(
            quantity=quantity.id,
            subject=subject,
            concept=concept,
            date=date,
            speaker=speaker,
            modality=modality,
            concept_class=self.rule_concept_class(quantity, class_features),
        )
        return ClaimEvidence(quantity, claim, vote.rule, candidates,
                             self.modality_features(span, chain, date, modality), class_features, concept_step,
                             options)


@Language.factory(
    "news_claims",
    assigns=["doc._.news_claims"],
    requires=["doc.ents", "doc._.news_body", "doc._.news_quantities", "doc._.news_quantity_heads", "doc._.news_dates",
              "token.dep", "token.lemma", "token.morph", "token.pos"],
    default_config={"subject_fallback": "discourse", "kb_path": None, "use_models": True},
)
def make_claims(nlp: Language, name: str, subject_fallback: str, kb_path: str | None,
                use_models: bool) -> ClaimBuilder:
    return ClaimBuilder(nlp.lang, subject_fallback=subject_fallback, kb_path=Path(kb_path) if kb_path else None,
                        use_models=use_models)
