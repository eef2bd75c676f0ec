"""Repeated figures within one article: a headline figure stated again in the body, a title printed twice, a figure
restated in brackets. The gold keeps one claim per mention (gold/GUIDELINES.md); for a reader, the claims of one
figure are linked: the first mention's claim lists the later ones in ``mentions``, each later one names the first in
``repeat_of`` (gold/GUIDELINES.md, "Repeated figures").

Two claims are the same figure when they have the same subject, unit, direction and vagueness, the same number (and
range ends) up to the rounding of the less precise mention, bounds that agree (as across articles,
:mod:`pipeline.views.grouping`), close concepts or the same concept class (a headline's concept is read from few
words), and dates that never conflict: a mention without a date joins a dated one, two different dates never meet in
one figure. Each claim joins the first earlier figure it matches, in text order.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from pipeline.records import Claim, Document, Quantity
from pipeline.views.grouping import bounds_agree, concepts_close, values_close


@dataclass(slots=True)
class _Figure:
    """One figure of an article: its first claim, the later ones, and the date values they carry."""

    first: Claim
    quantity: Quantity
    repeats: list[Claim] = field(default_factory=list)
    dates: set[str] = field(default_factory=set)


def significant_digits(value: float) -> int:
    """Significant digits of a canonical value as stored: 74300.0 -> 3, 74322.432 -> 8, 2e7 -> 1, 1.2e9 -> 2."""
    digits = repr(abs(value)).lower().split("e")[0].replace(".", "").lstrip("0")
    return max(1, len(digits.rstrip("0")))


def same_number(left: float, right: float) -> bool:
    """The same number up to the rounding of the less precise mention, and within the tolerance of figures across
    articles: a figure restated in other units ("800 000 sqft (74 300 m²)": 74 322.432 and 74 300) or written twice
    agrees; 65 % and 66 %, or "2 GW" and "2,4 GW", are two numbers."""
    if left == 0 or right == 0:
        return left == right
    digits = min(significant_digits(left), significant_digits(right))
    return values_close(left, right) and float(f"{left:.{digits - 1}e}") == float(f"{right:.{digits - 1}e}")


def _values_agree(left: Quantity, right: Quantity) -> bool:
    if (left.value_max is None) != (right.value_max is None):
        return False
    return same_number(left.value, right.value) and (
        left.value_max is None or right.value_max is None or same_number(left.value_max, right.value_max))


def same_figure(left: Claim, left_quantity: Quantity, right: Claim, right_quantity: Quantity, lang: str) -> bool:
    """Whether two claims of one article state the same figure (their dates aside)."""
    return (
        left.subject == right.subject
        and left_quantity.unit == right_quantity.unit
        and left_quantity.direction == right_quantity.direction
        and left_quantity.vague == right_quantity.vague
        and _values_agree(left_quantity, right_quantity)
        and bounds_agree(left_quantity, right_quantity)
        and (concepts_close(left.concept, right.concept, lang)
             or (left.concept_class is not None and left.concept_class == right.concept_class))
    )


def link_repeats(document: Document) -> Document:
    """The document with the claims of each repeated figure linked (``mentions`` on the first, ``repeat_of`` on the
    others); claims keep their order and every other field."""
    quantities = {q.id: q for q in document.quantities}
    dates = {t.id: t.value for t in document.dates}
    figures: list[_Figure] = []
    in_text_order = sorted((c for c in document.claims if c.quantity in quantities),
                           key=lambda c: (quantities[c.quantity].start, quantities[c.quantity].end))
    for claim in in_text_order:
        quantity = quantities[claim.quantity]
        date = dates.get(claim.date) if claim.date else None
        figure = next((f for f in figures
                       if (date is None or f.dates <= {date})
                       and same_figure(f.first, f.quantity, claim, quantity, document.lang)), None)
        if figure is None:
            figure = _Figure(claim, quantity)
            figures.append(figure)
        else:
            figure.repeats.append(claim)
        if date is not None:
            figure.dates.add(date)
    links: dict[str, dict[str, object]] = {}
    for figure in figures:
        if figure.repeats:
            links[figure.first.quantity] = {"mentions": [c.quantity for c in figure.repeats], "repeat_of": None}
            links.update({c.quantity: {"mentions": None, "repeat_of": figure.first.quantity}
                          for c in figure.repeats})
    claims = [replace(c, **links.get(c.quantity, {"mentions": None, "repeat_of": None})) for c in document.claims]
    return replace(document, claims=claims)
