"""Claims across articles: the same figure about the same subject found in several documents. Within one article,
a figure stated more than once is one claim (its repeats are linked by :mod:`pipeline.views.repeats`) and counts
its mentions.

Two claims are the same when their subjects are equal, their units and directions are equal (a rise of 20 % is not
a share of 20 %), their values agree within a relative
tolerance (press rounding: "100 millions" and "plus de 100 millions"), their bounds agree (a range only with the same
range, never "plus de" with "jusqu’à"), and their concepts are close (they share most
content words). Groups are connected components of that relation, kept when they span at least ``min_sources``
documents.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from pipeline.language.text import content_words
from pipeline.records import Document, Quantity
from pipeline.views.figures import quantity_figure


@dataclass(frozen=True, slots=True)
class ClaimMention:
    doc_id: str
    lang: str
    subject: str | None
    concept: str
    quantity: Quantity
    date_value: str | None
    speaker: str | None
    modality: str
    times: int = 1  # how many times its article states the figure (the claim and its repeats)


@dataclass(slots=True)
class ClaimGroup:
    mentions: list[ClaimMention] = field(default_factory=list)

    @property
    def sources(self) -> list[str]:
        return sorted({m.doc_id for m in self.mentions})



def concept_words(concept: str, lang: str) -> frozenset[str]:
    """Content words of a concept, accents and case folded, the language's stop words dropped."""
    return frozenset(content_words(concept, lang))


def concepts_close(left: str, right: str, lang: str, min_overlap: float = 0.5) -> bool:
    """Overlap coefficient of the content words: |A ∩ B| / min(|A|, |B|)."""
    a, b = concept_words(left, lang), concept_words(right, lang)
    if not a or not b:
        return False
    return len(a & b) / min(len(a), len(b)) >= min_overlap


def values_close(left: float, right: float, tolerance: float = 0.02) -> bool:
    return math.isclose(left, right, rel_tol=tolerance)


def bounds_agree(left: Quantity, right: Quantity) -> bool:
    """Whether two figures can be the same claim: a range only with a range whose both ends are close ("entre 50 et
    60 milliards" is not "environ 50 milliards"); a floor never with a ceiling ("plus de" vs "jusqu’à"). A floor or a
    ceiling with a point figure is the same figure reported with less precision ("plus de 100 millions de puces"
    and "100 millions de puces")."""
    if left.bound == "range" or right.bound == "range":
        return (left.bound == right.bound == "range" and left.value_max is not None and right.value_max is not None
                and values_close(left.value_max, right.value_max))
    return {left.bound, right.bound} != {"min", "max"}


def same_claim(left: ClaimMention, right: ClaimMention) -> bool:
    return (
        left.subject == right.subject
        and left.quantity.unit == right.quantity.unit
        and left.quantity.direction == right.quantity.direction
        and values_close(left.quantity.value, right.quantity.value)
        and bounds_agree(left.quantity, right.quantity)
        and concepts_close(left.concept, right.concept, left.lang)
    )


def claim_mentions(documents: Iterable[Document]) -> list[ClaimMention]:
    mentions = []
    for document in documents:
        quantities = {q.id: q for q in document.quantities}
        dates = {t.id: t.value for t in document.dates}
        for claim in document.claims:
            # A figure the article states again is one mention, its first, counting its repeats.
            if claim.quantity in quantities and claim.repeat_of is None:
                mentions.append(ClaimMention(
                    document.doc_id, document.lang, claim.subject, claim.concept, quantities[claim.quantity],
                    dates.get(claim.date) if claim.date else None, claim.speaker, claim.modality,
                    1 + len(claim.mentions or []),
                ))
    return mentions


def group_claims(documents: Iterable[Document], min_sources: int = 2) -> list[ClaimGroup]:
    """Groups of the same claim across documents, most sources first."""
    mentions = claim_mentions(documents)
    parent = list(range(len(mentions)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, left in enumerate(mentions):
        for j in range(i + 1, len(mentions)):
            right = mentions[j]
            if left.doc_id != right.doc_id and same_claim(left, right):
                parent[root(j)] = root(i)
    groups: dict[int, ClaimGroup] = {}
    for i, mention in enumerate(mentions):
        groups.setdefault(root(i), ClaimGroup()).mentions.append(mention)
    kept = [g for g in groups.values() if len(g.sources) >= min_sources]
    return sorted(kept, key=lambda g: (-len(g.sources), g.mentions[0].doc_id))


def groups_table(groups: list[ClaimGroup]) -> str:
    """One row per figure: its number of articles, its number of mentions in them (an article may state it more
    than once), its readable figure, concepts and articles."""
    rows = ["| sources | mentions | subject | figure | concepts | documents |", "|---:|---:|---|---:|---|---|"]
    for group in groups:
        first = group.mentions[0]
        concepts = " / ".join(sorted({m.concept for m in group.mentions}))
        times = sum(m.times for m in group.mentions)
        rows.append(
            f"| {len(group.sources)} | {times} | {first.subject or ''} | {quantity_figure(first.quantity, first.lang)} "
            f"| {concepts} | {', '.join(group.sources)} |"
        )
    return "\n".join(rows) + "\n"
