"""Helpers shared by the component tests: short French docs with hand-set layers."""

from spacy.tokens import Doc

from pipeline.records import Quantity, Timex


def annotate(nlp, text: str, entities: list[tuple[str, str, str]], quantity: tuple,
             head: str | None = None, dates: list[tuple[str, str]] = ()) -> Doc:
    """``quantity`` is (surface, value, unit) or (surface, value, unit, direction)."""
    doc = nlp(text)
    spans = []
    for surface, label, kb_id in entities:
        start = text.index(surface)
        spans.append(doc.char_span(start, start + len(surface), label=label, kb_id=kb_id))
    doc.ents = spans
    surface, value, unit, *direction = quantity
    start = text.index(surface)
    doc._.news_quantities = [Quantity("q1", start, start + len(surface), surface, value, None, unit, "exact", False,
                                      *direction)]
    doc._.news_quantity_heads = {}
    if head:
        head_start = text.index(head, start)
        doc._.news_quantity_heads = {"q1": (head_start, head_start + len(head))}
    doc._.news_dates = [
        Timex(f"t{i}", text.index(s), text.index(s) + len(s), s, "DATE", v) for i, (s, v) in enumerate(dates, 1)
    ]
    return doc
