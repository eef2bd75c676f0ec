"""Custom attributes set by the pipeline's components, registered once under the ``news_`` prefix.

- ``doc._.news_doc_id`` / ``doc._.news_dct``: input metadata (set before the pipeline runs; ``news_dates`` may fill
  ``news_dct`` from a dateline when the input gave none).
- ``doc._.news_body``: :class:`pipeline.records.Span` of the article body (``news_body``).
- ``doc._.news_quantities``: list of :class:`pipeline.records.Quantity`, ids q1.. in text order (``news_quantities``).
- ``doc._.news_quantity_heads``: quantity id -> (start, end) characters of the counted noun or unit word, if any.
- ``doc._.news_dates``: list of :class:`pipeline.records.Timex`, ids t1.. in text order (``news_dates``).
- ``doc._.news_claims``: list of :class:`pipeline.records.Claim` (``news_claims``).
- ``doc._.news_passages``: list of :class:`pipeline.language.identify.Passage`, the lines and quotations written in
  another language than the pipeline's (``news_language``); quantities and dates read them with that language's data.
Entities are ``doc.ents`` with our labels (PER, ORG, LOC, PRODUCT) and ids in ``ent.kb_id_`` (``news_entity_linker``).
"""

from __future__ import annotations

from spacy.tokens import Doc

_DOC_ATTRIBUTES = (
    "news_doc_id",
    "news_dct",
    "news_body",
    "news_quantities",
    "news_quantity_heads",
    "news_dates",
    "news_claims",
    "news_passages",
)


def register_extensions() -> None:
    """Idempotent: safe to call from every factory."""
    for name in _DOC_ATTRIBUTES:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


register_extensions()
