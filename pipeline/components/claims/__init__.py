"""``news_claims``: one claim per quantity (who, what, when, said by whom, how sure), split by role:
``cues`` (language data), ``text`` (pure helpers), ``context`` (document facts), ``reference``, ``subject``,
``speaker``, ``dating``, ``modality``, ``concept`` and ``component`` (the registered factory)."""

from pipeline.components.claims.component import ClaimBuilder, make_claims
from pipeline.components.claims.text import nearest, paragraph_bounds, quote_regions

__all__ = ["ClaimBuilder", "make_claims", "nearest", "paragraph_bounds", "quote_regions"]
