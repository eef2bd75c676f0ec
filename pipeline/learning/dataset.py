"""Training examples for the claim models: the pipeline's evidence for each figure, paired with the gold claim.

Each gold set is a gold file and the folder of its texts. The texts are read exactly as ``extract`` reads them
(manifest dates included) and run through the full pipeline; every predicted quantity that overlaps a gold
quantity becomes one example, whose evidence (:class:`pipeline.components.claims.component.ClaimEvidence`) is what
the claim component decides from at run time.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from pipeline.components.claims.component import ClaimBuilder, ClaimEvidence
from pipeline.components.claims.subject import SUBJECT_RULES
from pipeline.evaluation.matching import match_by_overlap
from pipeline.readers.inputs import Article, read_inputs
from pipeline.records import Claim, Document, read_documents


@dataclass(frozen=True, slots=True)
class GoldSet:
    name: str
    gold: Path
    corpus: Path


@dataclass(frozen=True, slots=True)
class Example:
    """One figure of one article: the evidence and the gold claim of the gold quantity it overlaps."""

    set_name: str
    doc_id: str
    evidence: ClaimEvidence
    gold: Claim
    lang: str
    class_nouns: dict[str, str]


def training_sets(root: Path) -> list[GoldSet]:
    """The gold sets the models learn from: the founding, held-out and blind articles and the training part of
    the press-grounded set (its test part is never trained on)."""
    return [
        GoldSet("seeds", root / "gold" / "seeds.jsonl", root / "corpus"),
        GoldSet("heldout", root / "tests" / "heldout" / "gold.jsonl", root / "tests" / "heldout" / "corpus"),
        GoldSet("blind", root / "tests" / "blind" / "gold.jsonl", root / "tests" / "blind" / "corpus"),
        GoldSet("press-train", root / "tests" / "press" / "train" / "gold.jsonl",
                root / "tests" / "press" / "train" / "corpus"),
    ]


def data_digest(sets: Iterable[GoldSet]) -> str:
    """sha256 over every gold file and text the examples come from: the model file records it."""
    digest = hashlib.sha256()
    for gold_set in sets:
        for path in [gold_set.gold, *sorted(gold_set.corpus.iterdir())]:
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _articles(corpus: Path) -> dict[str, Article]:
    return {item.doc_id: item for item in read_inputs([corpus]) if isinstance(item, Article)}


def examples(nlp: Language, gold_set: GoldSet) -> Iterator[Example]:
    """The examples of one gold set (articles in the gold file's order)."""
    builder: ClaimBuilder = nlp.get_pipe("news_claims")
    # The trainer compares the ranker with every subject rule: every figure needs its candidates.
    builder.candidate_steps = frozenset(SUBJECT_RULES)
    articles = _articles(gold_set.corpus)
    golds: list[Document] = list(read_documents(gold_set.gold))
    for gold in golds:
        article = articles[gold.doc_id]
        doc = nlp.make_doc(article.text)
        doc._.news_doc_id = article.doc_id
        doc._.news_dct = article.published
        doc = nlp(doc)
        evidence = builder.evidence(doc)
        gold_claims = {claim.quantity: claim for claim in gold.claims}
        pairs = match_by_overlap(gold.quantities, [item.quantity for item in evidence])
        by_quantity = {id(item.quantity): item for item in evidence}
        for gold_quantity, quantity in pairs:
            claim = gold_claims.get(gold_quantity.id)
            if claim is not None and gold.body.contains(gold_quantity.start, gold_quantity.end):
                yield Example(gold_set.name, gold.doc_id, by_quantity[id(quantity)], claim, nlp.lang,
                              builder.cues.class_nouns)
