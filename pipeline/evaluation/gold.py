"""Gold file: build it from hand-written label sources, and check any gold file against the corpus.

Labels are written by hand as exact substrings (``gold/src/<doc_id>.json``); offsets are computed here, never typed.
See ``gold/GUIDELINES.md`` for the source format and the labelling decisions.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.records import (
    BOUNDS,
    CONCEPT_CLASSES,
    DIRECTIONS,
    ENTITY_LABELS,
    MODALITIES,
    TIMEX_TYPES,
    Claim,
    Document,
    Entity,
    Quantity,
    Span,
    Timex,
    is_slug,
    read_documents,
    text_sha256,
)

_SPACE_CLASS = "[ \u00a0\u202f]"


class GoldSourceError(ValueError):
    """A label source that cannot be located in its text."""



# TIMEX3 values the guideline allows: calendar dates with X placeholders, weeks and weekdays ("XXXX-WXX-5"),
# quarters, halves and seasons, clock times and parts of the day ("...TMO", "T16"), durations, decades and
# centuries, the deictic references, and ranges "(start,end,length)" as in Recognizers-Text.
_DATE = r"[0-9X]{4}(?:-[0-9X]{2}(?:-[0-9X]{2})?|-W[0-9X]{2}(?:-[1-7X])?|-(?:Q[1-4]|H[12]|SP|SU|FA|WI))?"
_TIME = r"T(?:[0-9]{2}(?::[0-9]{2}(?::[0-9]{2})?)?|MO|AF|EV|NI)"
_POINT = rf"(?:{_DATE}(?:{_TIME})?|{_TIME}|[0-9]{{2,3}}|PRESENT_REF|PAST_REF|FUTURE_REF)"
_DURATION = r"P(?=[0-9.XT])(?:[0-9.X]+[YMWD]|[0-9.X]+(?:DE|CE))*(?:T(?:[0-9.X]+[HMS])+)?"
TIMEX_VALUE = re.compile(rf"{_POINT}|{_DURATION}|\({_POINT},{_POINT},{_DURATION}\)")

def _pattern(surface: str) -> re.Pattern[str]:
    """Whole-word pattern for a surface string; a space also matches a no-break space."""
    parts = [re.escape(part) for part in surface.split(" ")]
    body = _SPACE_CLASS.join(parts)
    left = r"(?<!\w)" if surface[:1].isalnum() else ""
    right = r"(?!\w)" if surface[-1:].isalnum() else ""
    return re.compile(left + body + right)


def locate(text: str, surface: str, *, occurrence: int | None = None, anchor: str | None = None) -> tuple[int, int]:
    """Character offsets of ``surface`` in ``text``, made unambiguous by ``occurrence`` (1-based) or ``anchor``."""
    if not surface:
        raise GoldSourceError("empty text")
    window_start, window = 0, text
    if anchor is not None:
        anchors = list(_pattern(anchor).finditer(text))
        if len(anchors) != 1:
            raise GoldSourceError(f"anchor {anchor!r} occurs {len(anchors)} times (must be once)")
        window_start, window = anchors[0].start(), anchors[0].group(0)
    matches = list(_pattern(surface).finditer(window))
    if not matches:
        raise GoldSourceError(f"{surface!r} not found" + (f" in anchor {anchor!r}" if anchor else ""))
    if occurrence is not None:
        if not 1 <= occurrence <= len(matches):
            raise GoldSourceError(f"{surface!r}: occurrence {occurrence} of {len(matches)}")
        match = matches[occurrence - 1]
    elif len(matches) == 1:
        match = matches[0]
    else:
        raise GoldSourceError(f"{surface!r} occurs {len(matches)} times: give occurrence or anchor")
    return window_start + match.start(), window_start + match.end()


def _located(text: str, label: dict[str, Any]) -> tuple[int, int, str]:
    start, end = locate(text, label["text"], occurrence=label.get("occurrence"), anchor=label.get("anchor"))
    return start, end, text[start:end]


def build_document(source: dict[str, Any], text: str) -> Document:
    """Turn one hand-written label source into a gold Document (offsets computed from the substrings)."""
    doc_id = source["doc_id"]
    try:
        body_start = len(text) - len(text.lstrip())
        _, body_end = locate(text, source["body_end"])
        entities = [
            Entity(start, end, surface, label["label"], label["id"])
            for label in source.get("entities", [])
            for start, end, surface in [_located(text, label)]
        ]
        quantities = [
            Quantity(
                id=label["id"], start=start, end=end, text=surface, value=float(label["value"]),
                value_max=None if label.get("value_max") is None else float(label["value_max"]),
                unit=label["unit"], bound=label["bound"], vague=bool(label.get("vague", False)),
                direction=label.get("direction"),
            )
            for label in source.get("quantities", [])
            for start, end, surface in [_located(text, label)]
        ]
        dates = [
            Timex(label["id"], start, end, surface, label["type"], label["value"])
            for label in source.get("dates", [])
            for start, end, surface in [_located(text, label)]
        ]
    except (GoldSourceError, KeyError) as error:
        raise GoldSourceError(f"{doc_id}: {error}") from error
    claims = [Claim(**claim) for claim in source.get("claims", [])]
    entities.sort(key=lambda e: (e.start, e.end))
    return Document(
        doc_id=doc_id, text_sha256=text_sha256(text), lang=source.get("lang", "fr"), dct=source.get("dct"),
        body=Span(body_start, body_end), entities=entities, quantities=quantities, dates=dates, claims=claims,
    )


def build_gold(source_dir: Path, corpus_dir: Path) -> list[Document]:
    """Build every ``<doc_id>.json`` label source of a folder against ``corpus/<doc_id>.txt``, in doc_id order."""
    documents = []
    for path in sorted(source_dir.glob("*.json")):
        source = json.loads(path.read_text(encoding="utf-8"))
        text = (corpus_dir / f"{source['doc_id']}.txt").read_text(encoding="utf-8")
        documents.append(build_document(source, text))
    return documents


@dataclass(frozen=True, slots=True)
class Problem:
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def check_document(document: Document, text: str | None, where: str) -> list[Problem]:
    """Every rule a gold (or predicted) record must follow, as a list of problems (empty when valid)."""
    problems: list[Problem] = []

    def problem(message: str) -> None:
        problems.append(Problem(where, message))

    if text is None:
        problem(f"no corpus text for doc_id {document.doc_id!r}")
        return problems
    if document.text_sha256 != text_sha256(text):
        problem("text_sha256 differs from the corpus text")
    body = document.body
    if not 0 <= body.start <= body.end <= len(text):
        problem(f"body {body.start}..{body.end} outside the text (length {len(text)})")

    def check_span(kind: str, index: int, start: int, end: int, surface: str) -> None:
        label = f"{kind}[{index}] {surface!r}"
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
            problem(f"{label}: bad offsets {start}..{end}")
            return
        if text[start:end] != surface:
            problem(f"{label}: text[{start}:{end}] is {text[start:end]!r}")
        if not body.contains(start, end):
            problem(f"{label}: outside the body")

    for i, entity in enumerate(document.entities):
        check_span("entities", i, entity.start, entity.end, entity.text)
        if entity.label not in ENTITY_LABELS:
            problem(f"entities[{i}]: label {entity.label!r} not in {ENTITY_LABELS}")
        if not is_slug(entity.id or ""):
            problem(f"entities[{i}]: id {entity.id!r} is not a lowercase ASCII slug")
    quantity_ids: set[str] = set()
    for i, quantity in enumerate(document.quantities):
        check_span("quantities", i, quantity.start, quantity.end, quantity.text)
        if quantity.id in quantity_ids:
            problem(f"quantities[{i}]: duplicate id {quantity.id!r}")
        quantity_ids.add(quantity.id)
        if quantity.bound not in BOUNDS:
            problem(f"quantities[{i}]: bound {quantity.bound!r} not in {BOUNDS}")
        if (quantity.bound == "range") != (quantity.value_max is not None):
            problem(f"quantities[{i}]: value_max is set exactly when bound is 'range'")
        if not isinstance(quantity.value, int | float) or isinstance(quantity.value, bool):
            problem(f"quantities[{i}]: value must be a number")
        if not quantity.unit:
            problem(f"quantities[{i}]: empty unit")
        if quantity.direction is not None and quantity.direction not in DIRECTIONS:
            problem(f"quantities[{i}]: direction {quantity.direction!r} not in {DIRECTIONS}")
    ordered = sorted(document.quantities, key=lambda q: (q.start, q.end))
    for left, right in zip(ordered, ordered[1:], strict=False):
        if right.start < left.end:
            problem(f"quantities {left.id} and {right.id} overlap")
    date_ids: set[str] = set()
    for i, timex in enumerate(document.dates):
        check_span("dates", i, timex.start, timex.end, timex.text)
        if timex.id in date_ids:
            problem(f"dates[{i}]: duplicate id {timex.id!r}")
        date_ids.add(timex.id)
        if timex.type not in TIMEX_TYPES:
            problem(f"dates[{i}]: type {timex.type!r} not in {TIMEX_TYPES}")
        if not TIMEX_VALUE.fullmatch(timex.value or ""):
            problem(f"dates[{i}]: value {timex.value!r} is not a TIMEX3 value")
    entity_ids = {entity.id for entity in document.entities}
    claimed: set[str] = set()
    for i, claim in enumerate(document.claims):
        if claim.quantity not in quantity_ids:
            problem(f"claims[{i}]: quantity {claim.quantity!r} is not a quantity id")
        if claim.quantity in claimed:
            problem(f"claims[{i}]: second claim on quantity {claim.quantity!r}")
        claimed.add(claim.quantity)
        if claim.date is not None and claim.date not in date_ids:
            problem(f"claims[{i}]: date {claim.date!r} is not a date id")
        for role in ("subject", "speaker"):
            value = getattr(claim, role)
            if value is not None and value not in entity_ids:
                problem(f"claims[{i}]: {role} {value!r} is no entity id of this document")
        if claim.modality not in MODALITIES:
            problem(f"claims[{i}]: modality {claim.modality!r} not in {MODALITIES}")
        if not claim.concept:
            problem(f"claims[{i}]: empty concept")
        if claim.concept_class is not None and claim.concept_class not in CONCEPT_CLASSES:
            problem(f"claims[{i}]: concept_class {claim.concept_class!r} not in {CONCEPT_CLASSES}")
        for linked in [*(claim.mentions or []), *([claim.repeat_of] if claim.repeat_of else [])]:
            if linked not in quantity_ids:
                problem(f"claims[{i}]: repeated figure {linked!r} is not a quantity id")
    return problems


def check_gold_file(path: Path, corpus_dir: Path) -> list[Problem]:
    """Validate a gold file against the texts of ``corpus_dir``; also unique doc_ids and full coverage of claims."""
    problems: list[Problem] = []
    seen: set[str] = set()
    for document in list(read_documents(path)):  # a file that is no gold file raises (RecordError, OSError)
        where = f"{path} [{document.doc_id}]"
        if document.doc_id in seen:
            problems.append(Problem(where, "duplicate doc_id"))
        seen.add(document.doc_id)
        corpus_file = corpus_dir / f"{document.doc_id}.txt"
        text = corpus_file.read_text(encoding="utf-8") if corpus_file.is_file() else None
        problems.extend(check_document(document, text, where))
        unclaimed = {q.id for q in document.quantities} - {c.quantity for c in document.claims}
        if unclaimed:
            problems.append(Problem(where, f"quantities without a claim: {sorted(unclaimed)}"))
    return problems
