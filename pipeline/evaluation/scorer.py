"""Score predicted documents against gold documents, layer by layer (pure functions, no spaCy objects).

Scored like spaCy's ``Scorer``: P/R/F accumulators over sets of hashable tuples, one flat result dict
(``ents_strict_f``, ``ents_per_type``, ``quantities_norm_f`` ...), ``None`` where nothing was scored.

Conventions (each one matters for the numbers, so they are stated once here):

- Documents are paired by ``doc_id``. A predicted document without gold is ignored; a gold document without a
  prediction is scored against an empty prediction (every annotation a miss).
- An annotation is identified by its span (entities: span and label, as in spaCy's ``ents`` scoring). Repeated
  annotations with the same identity count once, on both sides (set semantics); the first one is kept.
- A prediction not fully inside the GOLD body is spurious (a false positive) in every layer, is never matched, and is
  counted again in ``<layer>_outside_body``.
- Overlap matching is one-to-one: candidate (gold, pred) pairs are taken greedily by largest overlap, then by the
  smallest boundary distance (so an exact match always wins), then by position: deterministic.
- "Normalized" quantities and dates, and every accuracy, are measured on the span matches: a span match whose value
  differs is a miss and a false positive for the normalized score and a "wrong value" in the error lists.
- A quantity's direction (up or down, on a figure that states a change) is judged on the span matches: its accuracy
  over the pairs whose gold gives one, and P/R/F over all pairs (a direction on a figure the gold leaves without one
  is a false positive, a missing or opposite one a false negative).
- P (or R) is 0.0 when there is nothing predicted (or nothing in gold) but something on the other side; P, R and F
  are all ``None`` when both sides are empty. An accuracy is ``None`` when there is no pair to judge.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict
from typing import Any

from pipeline.evaluation.matching import (
    Annotation,
    entity_key,
    match_by_overlap,
    span_key,
    split_by_body,
    unique_annotations,
    values_agree,
)
from pipeline.evaluation.scores import DocumentErrors, PRFScore, Tally
from pipeline.language.text import concept_head_found
from pipeline.records import Claim, Document, Entity, Quantity, Timex


def _located(layer: str, annotation: Entity | Quantity | Timex, **extra: Any) -> dict[str, Any]:
    return {"layer": layer, "start": annotation.start, "end": annotation.end, "text": annotation.text,
            "annotation": asdict(annotation), **extra}


def _wrong(layer: str, field_name: str, gold: Any, pred: Any, gold_at: Any, pred_at: Any) -> dict[str, Any]:
    return {"layer": layer, "field": field_name, "gold": gold, "pred": pred,
            "start": gold_at.start, "end": gold_at.end, "text": gold_at.text,
            "pred_start": pred_at.start, "pred_end": pred_at.end, "pred_text": pred_at.text}


def _score_entities(gold: Document, pred: Document, tally: Tally, errors: DocumentErrors) -> None:
    golds = unique_annotations(gold.entities, entity_key)
    preds, outside = split_by_body(unique_annotations(pred.entities, entity_key), gold.body)
    tally.outside_body["ents"] += len(outside)

    gold_keys = {entity_key(e) for e in golds}
    pred_keys = {entity_key(e) for e in preds}
    outside_keys = {entity_key(e) for e in outside}
    # Outside-body predictions are added as candidates: they can never be in gold (gold is inside the body),
    # so set arithmetic turns them into false positives by itself.
    tally.prf["ents_strict"].score_set(pred_keys | outside_keys, gold_keys)
    for label in {key[2] for key in gold_keys | pred_keys | outside_keys}:
        tally.per_type["ents_per_type"][label].score_set(
            {k for k in pred_keys | outside_keys if k[2] == label}, {k for k in gold_keys if k[2] == label}
        )

    pairs = match_by_overlap(golds, preds, lambda g, p: g.label == p.label)
    matched_golds = {entity_key(g) for g, _ in pairs}
    matched_preds = {entity_key(p) for _, p in pairs}
    relaxed = tally.prf["ents_relaxed"]
    relaxed.tp += len(pairs)
    relaxed.fp += len(preds) - len(pairs) + len(outside)
    relaxed.fn += len(golds) - len(pairs)
    for label in {e.label for e in golds + preds + outside}:
        by_label = tally.per_type["ents_relaxed_per_type"][label]
        by_label.tp += sum(1 for g, _ in pairs if g.label == label)
        by_label.fp += sum(1 for p in preds + outside if p.label == label and entity_key(p) not in matched_preds)
        by_label.fn += sum(1 for g in golds if g.label == label and entity_key(g) not in matched_golds)

    for gold_entity, pred_entity in pairs:
        tally.accuracy["ents_id"].judge(gold_entity.id == pred_entity.id)
        if gold_entity.id != pred_entity.id:
            errors.wrong.append(_wrong("entities", "id", gold_entity.id, pred_entity.id, gold_entity, pred_entity))
        if (gold_entity.start, gold_entity.end) != (pred_entity.start, pred_entity.end):
            # Relaxed match but strict miss: worth seeing, since strict F counts it twice (a miss and a false alarm).
            errors.wrong.append(_wrong("entities", "extent", gold_entity.text, pred_entity.text,
                                       gold_entity, pred_entity))
    errors.misses.extend(_located("entities", g) for g in golds if entity_key(g) not in matched_golds)
    errors.spurious.extend(_located("entities", p, outside_body=False)
                           for p in preds if entity_key(p) not in matched_preds)
    errors.spurious.extend(_located("entities", p, outside_body=True) for p in outside)


def _score_spans(
    layer: str,
    golds: list[Annotation],
    preds: list[Annotation],
    outside: list[Annotation],
    tally: Tally,
    errors: DocumentErrors,
) -> list[tuple[Annotation, Annotation]]:
    """Span P/R/F by one-to-one overlap for quantities or dates; returns the span matches."""
    pairs = match_by_overlap(golds, preds)
    span = tally.prf[f"{layer}_span"]
    span.tp += len(pairs)
    span.fp += len(preds) - len(pairs) + len(outside)
    span.fn += len(golds) - len(pairs)
    tally.outside_body[layer] += len(outside)
    matched_golds = {span_key(g) for g, _ in pairs}
    matched_preds = {span_key(p) for _, p in pairs}
    errors.misses.extend(_located(layer, g) for g in golds if span_key(g) not in matched_golds)
    errors.spurious.extend(_located(layer, p, outside_body=False) for p in preds if span_key(p) not in matched_preds)
    errors.spurious.extend(_located(layer, p, outside_body=True) for p in outside)
    return pairs


def _count_normalized(score: PRFScore, agreeing: int, n_gold: int, n_pred: int) -> None:
    score.tp += agreeing
    score.fp += n_pred - agreeing
    score.fn += n_gold - agreeing


def quantity_value_agrees(gold: Quantity, pred: Quantity) -> bool:
    """Same value, value_max and unit: the normalized quantity is right."""
    return (values_agree(gold.value, pred.value) and values_agree(gold.value_max, pred.value_max)
            and gold.unit == pred.unit)


def _judge_direction(gold: str | None, pred: str | None, tally: Tally) -> None:
    if gold is not None:
        # Only where the gold gives one: gold sets labelled before the field existed leave it out.
        tally.accuracy["quantities_direction"].judge(gold == pred)
    score = tally.prf["quantities_direction"]
    if gold == pred:
        score.tp += gold is not None
    else:
        score.fp += pred is not None
        score.fn += gold is not None


def _score_quantities(
    gold: Document, pred: Document, tally: Tally, errors: DocumentErrors
) -> list[tuple[Quantity, Quantity]]:
    golds = unique_annotations(gold.quantities, span_key)
    preds, outside = split_by_body(unique_annotations(pred.quantities, span_key), gold.body)
    pairs = _score_spans("quantities", golds, preds, outside, tally, errors)
    agreeing = 0
    for gold_quantity, pred_quantity in pairs:
        agreeing += quantity_value_agrees(gold_quantity, pred_quantity)
        tally.accuracy["quantities_bound"].judge(gold_quantity.bound == pred_quantity.bound)
        _judge_direction(gold_quantity.direction, pred_quantity.direction, tally)
        for field_name in ("value", "value_max", "unit", "bound", "direction"):
            gold_value, pred_value = getattr(gold_quantity, field_name), getattr(pred_quantity, field_name)
            same = (values_agree(gold_value, pred_value) if field_name in ("value", "value_max")
                    else gold_value == pred_value)
            if not same:
                errors.wrong.append(_wrong("quantities", field_name, gold_value, pred_value,
                                           gold_quantity, pred_quantity))
    _count_normalized(tally.prf["quantities_norm"], agreeing, len(golds), len(preds) + len(outside))
    return pairs


def _score_dates(gold: Document, pred: Document, tally: Tally, errors: DocumentErrors) -> None:
    golds = unique_annotations(gold.dates, span_key)
    preds, outside = split_by_body(unique_annotations(pred.dates, span_key), gold.body)
    pairs = _score_spans("dates", golds, preds, outside, tally, errors)
    agreeing = 0
    for gold_timex, pred_timex in pairs:
        agreeing += gold_timex.value == pred_timex.value
        tally.accuracy["dates_type"].judge(gold_timex.type == pred_timex.type)
        for field_name in ("value", "type"):
            gold_value, pred_value = getattr(gold_timex, field_name), getattr(pred_timex, field_name)
            if gold_value != pred_value:
                errors.wrong.append(_wrong("dates", field_name, gold_value, pred_value, gold_timex, pred_timex))
    _count_normalized(tally.prf["dates_norm"], agreeing, len(golds), len(preds) + len(outside))


def _date_value(document: Document, date_id: str | None) -> str | None:
    """The TIMEX value a claim refers to; an id that names no date stays distinct from ``None`` (never agrees)."""
    if date_id is None:
        return None
    for timex in document.dates:
        if timex.id == date_id:
            return timex.value
    return f"<no date {date_id!r}>"


def _claim_located(claim: Claim, quantity: Quantity | None, document: Document, **extra: Any) -> dict[str, Any]:
    annotation = {**asdict(claim), "date_value": _date_value(document, claim.date)}
    if quantity is None:
        return {"layer": "claims", "start": None, "end": None, "text": None, "annotation": annotation, **extra}
    return {"layer": "claims", "start": quantity.start, "end": quantity.end, "text": quantity.text,
            "annotation": annotation, **extra}


def _unanchored_reason(
    quantity: Quantity | None,
    outside: bool,
    gold_quantity: Quantity | None,
    gold_claim: Claim | None,
    anchored_golds: set[str],
) -> str:
    if quantity is None:
        return "unknown quantity id"
    if outside:
        return "quantity outside the gold body"
    if gold_quantity is None:
        return "quantity matches no gold quantity"
    if gold_claim is None:
        return "gold has no claim on this quantity"
    if gold_quantity.id in anchored_golds:
        return "second claim on the same quantity"
    return "quantity value or unit differs"


def _score_claims(
    gold: Document,
    pred: Document,
    quantity_pairs: list[tuple[Quantity, Quantity]],
    tally: Tally,
    errors: DocumentErrors,
) -> None:
    gold_quantities = {q.id: q for q in gold.quantities}
    # Resolve predicted quantity ids through the same de-duplication the quantity layer used.
    pred_first_by_span = {span_key(q): q for q in reversed(pred.quantities)}
    pred_quantities = {q.id: pred_first_by_span[span_key(q)] for q in reversed(pred.quantities)}
    gold_by_pred_span = {span_key(p): g for g, p in quantity_pairs}

    gold_claims: dict[str, Claim] = {}
    for claim in gold.claims:
        gold_claims.setdefault(claim.quantity, claim)

    score = tally.prf["claims"]
    anchored_golds: set[str] = set()
    for claim in pred.claims:
        quantity = pred_quantities.get(claim.quantity)
        outside = quantity is not None and not gold.body.contains(quantity.start, quantity.end)
        gold_quantity = None if quantity is None else gold_by_pred_span.get(span_key(quantity))
        gold_claim = None if gold_quantity is None else gold_claims.get(gold_quantity.id)
        anchored = (
            gold_claim is not None
            and gold_quantity.id not in anchored_golds
            and values_agree(gold_quantity.value, quantity.value)
            and gold_quantity.unit == quantity.unit
        )
        if not anchored:
            score.fp += 1
            tally.outside_body["claims"] += outside
            reason = _unanchored_reason(quantity, outside, gold_quantity, gold_claim, anchored_golds)
            errors.spurious.append(_claim_located(claim, quantity, pred, outside_body=outside, reason=reason))
            continue
        anchored_golds.add(gold_quantity.id)
        judged = {
            "subject": (gold_claim.subject, claim.subject),
            "date": (_date_value(gold, gold_claim.date), _date_value(pred, claim.date)),
            "speaker": (gold_claim.speaker, claim.speaker),
            "modality": (gold_claim.modality, claim.modality),
        }
        for role, (gold_value, pred_value) in judged.items():
            tally.accuracy[f"claims_{role}"].judge(gold_value == pred_value)
            if gold_value != pred_value:
                wrong = _wrong("claims", role, gold_value, pred_value, gold_quantity, quantity)
                if role == "subject" and claim.subject_evidence:
                    wrong["evidence"] = claim.subject_evidence  # which rule or features decided it
                errors.wrong.append(wrong)
        concept_right = concept_head_found(gold_claim.concept, claim.concept, gold.lang)
        tally.accuracy["claims_concept"].judge(concept_right)
        if not concept_right:
            errors.wrong.append(_wrong("claims", "concept", gold_claim.concept, claim.concept, gold_quantity, quantity))
        if gold_claim.concept_class is not None:
            # Judged where the gold gives a class (older gold sets may not).
            tally.accuracy["claims_concept_class"].judge(gold_claim.concept_class == claim.concept_class)
            if gold_claim.concept_class != claim.concept_class:
                errors.wrong.append(_wrong("claims", "concept_class", gold_claim.concept_class, claim.concept_class,
                                           gold_quantity, quantity))
        if judged["subject"][0] == judged["subject"][1] and judged["date"][0] == judged["date"][1]:
            score.tp += 1
        else:
            score.fp += 1
            score.fn += 1
    for quantity_id, claim in gold_claims.items():
        if quantity_id not in anchored_golds:
            score.fn += 1
            errors.misses.append(_claim_located(claim, gold_quantities.get(quantity_id), gold))


def score_document(gold: Document, pred: Document) -> tuple[Tally, DocumentErrors]:
    """Every layer of one document pair; the body that decides what is spurious is the gold one."""
    tally, errors = Tally(), DocumentErrors()
    _score_entities(gold, pred, tally, errors)
    quantity_pairs = _score_quantities(gold, pred, tally, errors)
    _score_dates(gold, pred, tally, errors)
    _score_claims(gold, pred, quantity_pairs, tally, errors)
    return tally, errors


def _by_doc_id(documents: Iterable[Document], side: str) -> dict[str, Document]:
    by_id: dict[str, Document] = {}
    for document in documents:
        if document.doc_id in by_id:
            raise ValueError(f"{side}: duplicate doc_id {document.doc_id!r}")
        by_id[document.doc_id] = document
    return by_id


def _empty_prediction(gold: Document) -> Document:
    return Document(doc_id=gold.doc_id, text_sha256=gold.text_sha256, lang=gold.lang, dct=None, body=gold.body)


def score(gold: Iterable[Document], pred: Iterable[Document]) -> dict[str, Any]:
    """Micro-averaged metrics over the gold documents, plus ``per_doc`` metrics and ``errors`` per document.

    Returns a flat dict (see the module docstring for the conventions) with, besides the per-measure keys,
    ``docs_scored``, ``docs_without_prediction``, ``per_doc`` ({doc_id: metrics}) and ``errors``
    ({doc_id: {"misses": [...], "spurious": [...], "wrong": [...]}}).
    """
    golds = _by_doc_id(gold, "gold")
    preds = _by_doc_id(pred, "prediction")
    total = Tally()
    per_doc: dict[str, dict[str, Any]] = {}
    errors: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for doc_id, gold_document in golds.items():
        predicted = doc_id in preds
        tally, document_errors = score_document(gold_document, preds[doc_id] if predicted
                                                else _empty_prediction(gold_document))
        total.add(tally)
        per_doc[doc_id] = {**tally.metrics(), "predicted": predicted}
        errors[doc_id] = document_errors.to_dict()
    return {
        **total.metrics(),
        "docs_scored": len(golds),
        "docs_without_prediction": sum(1 for doc_id in golds if doc_id not in preds),
        "per_doc": per_doc,
        "errors": errors,
    }
