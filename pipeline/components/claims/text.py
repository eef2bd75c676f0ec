"""Pure text helpers of the claim rules: quotation regions, paragraphs, the nearest of several spans."""

from __future__ import annotations

import re
from collections.abc import Iterable

from pipeline.components import extensions  # noqa: F401  (registers the doc._ attributes)


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
