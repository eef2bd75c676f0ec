"""How the scorer pairs annotations (pure functions, no spaCy objects): identities and de-duplication, the body
filter, value agreement and the one-to-one overlap matching. The conventions are stated in
:mod:`pipeline.evaluation.scorer`."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from pipeline.records import Entity, Quantity, Span, Timex

VALUE_REL_TOL = 1e-6

Annotation = TypeVar("Annotation", Entity, Quantity, Timex)


def values_agree(gold: float | None, pred: float | None) -> bool:
    """Equal numbers within a relative tolerance (float noise from unit conversion); both ``None`` agree."""
    if gold is None or pred is None:
        return gold is None and pred is None
    return math.isclose(gold, pred, rel_tol=VALUE_REL_TOL)


def overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def match_by_overlap(
    golds: list[Annotation],
    preds: list[Annotation],
    compatible: Callable[[Annotation, Annotation], bool] = lambda gold, pred: True,
) -> list[tuple[Annotation, Annotation]]:
    """One-to-one matching of overlapping, compatible annotations: greedy by largest overlap, deterministic.

    Ties go to the pair whose boundaries are closest, so an exact match is never lost to a longer neighbour;
    remaining ties go to the earlier gold, then the earlier prediction.
    """
    candidates = []
    for gold_index, gold in enumerate(golds):
        for pred_index, pred in enumerate(preds):
            shared = overlap(gold.start, gold.end, pred.start, pred.end)
            if shared and compatible(gold, pred):
                distance = abs(gold.start - pred.start) + abs(gold.end - pred.end)
                candidates.append((-shared, distance, gold_index, pred_index))
    candidates.sort()
    pairs: list[tuple[Annotation, Annotation]] = []
    used_golds: set[int] = set()
    used_preds: set[int] = set()
    for _, _, gold_index, pred_index in candidates:
        if gold_index in used_golds or pred_index in used_preds:
            continue
        used_golds.add(gold_index)
        used_preds.add(pred_index)
        pairs.append((golds[gold_index], preds[pred_index]))
    return pairs


def entity_key(entity: Entity) -> tuple[int, int, str]:
    return entity.start, entity.end, entity.label


def span_key(annotation: Quantity | Timex) -> tuple[int, int]:
    return annotation.start, annotation.end


def unique_annotations(
    annotations: Iterable[Annotation], key: Callable[[Annotation], tuple[Any, ...]]
) -> list[Annotation]:
    """One annotation per identity (the first), in (start, end) order: duplicates count once, as in a set."""
    first: dict[tuple[Any, ...], Annotation] = {}
    for annotation in annotations:
        first.setdefault(key(annotation), annotation)
    return sorted(first.values(), key=lambda a: (a.start, a.end))


def split_by_body(annotations: list[Annotation], body: Span) -> tuple[list[Annotation], list[Annotation]]:
    inside = [a for a in annotations if body.contains(a.start, a.end)]
    outside = [a for a in annotations if not body.contains(a.start, a.end)]
    return inside, outside
