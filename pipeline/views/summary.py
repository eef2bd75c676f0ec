"""A short plain-text table of what a run extracted: counts per article, then the claims an analyst reads, one row
per figure (a figure the article states again is one row with its number of mentions)."""

from __future__ import annotations

from collections.abc import Iterable

from pipeline.records import Document
from pipeline.views.figures import quantity_figure


def summary_table(documents: Iterable[Document], max_claims: int = 40) -> str:
    rows = ["| doc_id | dct | entities | quantities | dates | claims |", "|---|---|---:|---:|---:|---:|"]
    claim_rows = ["| doc_id | subject | value | mentions | concept | date | speaker | modality |",
                  "|---|---|---|---:|---|---|---|---|"]
    totals = [0, 0, 0, 0]
    hidden = 0
    for document in documents:
        counts = [len(document.entities), len(document.quantities), len(document.dates), len(document.claims)]
        totals = [a + b for a, b in zip(totals, counts, strict=True)]
        rows.append(f"| {document.doc_id} | {document.dct or ''} | " + " | ".join(map(str, counts)) + " |")
        quantities = {q.id: q for q in document.quantities}
        dates = {t.id: t for t in document.dates}
        for claim in document.claims:
            if claim.repeat_of is not None:
                continue  # counted in its first mention's row
            if len(claim_rows) - 2 >= max_claims:
                hidden += 1
                continue
            value = quantity_figure(quantities[claim.quantity], document.lang)
            date = dates[claim.date].value if claim.date in dates else ""
            claim_rows.append(
                f"| {document.doc_id} | {claim.subject or ''} | {value} | {1 + len(claim.mentions or [])} "
                f"| {claim.concept} | {date} | {claim.speaker or ''} | {claim.modality} |"
            )
    rows.append("| **total** | | " + " | ".join(map(str, totals)) + " |")
    # Never cut the list without a word: the analyst must know there is more.
    more = f"\n({hidden} more claims not shown; raise --max-claims to see them)\n" if hidden else ""
    return "\n".join(rows) + "\n\n" + "\n".join(claim_rows) + "\n" + more
