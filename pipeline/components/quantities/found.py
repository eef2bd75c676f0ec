"""What the quantity finder produces and what it asks of its caller: plain data and pure functions, no spaCy.

:class:`Found` is one quantity before ids are given; :func:`without_overlaps` orders and de-overlaps them and
:func:`to_records` turns them into :class:`pipeline.records.Quantity` records. :class:`TextContext` is the finder's
only view beyond characters; this base answers from plain text, the component's subclass from spaCy's tags.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from pipeline.records import Quantity

# The unit of a counted noun ("40 000 entreprises").
COUNT = "count"


@dataclass(frozen=True, slots=True)
class Found:
    """One quantity found in a text, before ids are given.

    ``number_start`` is where the quantity begins without its bound words (the numeral, or a currency symbol or
    factor verb written before it).
    """

    start: int
    end: int
    value: float
    value_max: float | None
    unit: str
    bound: str
    vague: bool
    head: tuple[int, int] | None
    number_start: int


@dataclass(frozen=True, slots=True)
class UnitRead:
    """A unit read next to a number: its canonical ``unit`` and ``factor``, where the quantity then ends, and the
    span of the unit word or counted noun (``head``)."""

    unit: str
    factor: float
    end: int
    head: tuple[int, int] | None


class TextContext:
    """What the finder cannot read in characters alone. This base answers from nothing (plain text)."""

    def noun_after(self, pos: int) -> tuple[int, int] | None:
        """The counted noun starting at ``pos`` (after spaces), as (start, end), or None."""
        return None

    def name_before(self, pos: int) -> bool:
        """Whether a proper name (a product: "Colossus 2", "S&P 500") ends right before ``pos``."""
        return False


def without_overlaps(found: list[Found]) -> list[Found]:
    """Found quantities in text order, dropping any that overlaps an earlier (or, at one start, longer) one, then
    any whose value is not finite (a finite number times its unit can overflow: "1e308 milliards"); every finder
    ends here, so no record holds a value that strict JSON cannot write."""
    kept: list[Found] = []
    for item in sorted(found, key=lambda f: (f.start, -f.end)):
        if not kept or item.start >= kept[-1].end:
            kept.append(item)
    return [item for item in kept if math.isfinite(item.value) and math.isfinite(item.value_max or 0.0)]


def to_records(text: str, found: list[Found]) -> tuple[list[Quantity], dict[str, tuple[int, int]]]:
    """Quantity records with ids q1.. and the heads dict, from found quantities in text order."""
    quantities: list[Quantity] = []
    heads: dict[str, tuple[int, int]] = {}
    for n, item in enumerate(found, start=1):
        qid = f"q{n}"
        quantities.append(
            Quantity(
                id=qid,
                start=item.start,
                end=item.end,
                text=text[item.start : item.end],
                value=float(item.value),
                value_max=None if item.value_max is None else float(item.value_max),
                unit=item.unit,
                bound=item.bound,
                vague=item.vague,
            )
        )
        if item.head is not None:
            heads[qid] = item.head
    return quantities, heads
