"""What the tokens around an expression say: the words before it, whether it starts a sentence, whether a number
touches it, whether a token is a year, and the tense of the verb it hangs from."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from pipeline.components.dates.text import in_year_range, norm

QUANTITY_SYMBOLS = {"%", "$", "€", "£", "¥"}
_SENTENCE_BREAKS = {".", "!", "?", ":", ";", "«", '"', "(", "-", "\u2013", "\u2014", "\u2022"}


def words(doc: Doc, start: int, end: int) -> tuple[str, ...]:
    """The normalized words of tokens ``start..end``, to compare with the phrases of the lexicon."""
    return tuple(norm(t.text) for t in doc[start:end])


def preceded_by(doc: Doc, start: int, phrases: set[tuple[str, ...]]) -> bool:
    """Whether one of ``phrases`` ends right before token ``start``."""
    for phrase in phrases:
        size = len(phrase)
        if size <= start and words(doc, start - size, start) == phrase:
            return True
    return False


def sentence_initial(doc: Doc, i: int) -> bool:
    if i == 0:
        return True
    previous = doc[i - 1]
    return (
        previous.is_space
        or previous.text in _SENTENCE_BREAKS
        or "\n" in previous.whitespace_
        or bool(doc[i].is_sent_start)
    )


def next_to_number(span: Span) -> bool:
    """Whether a number touches ``span`` (a phone number, "1/2 + 3/4")."""
    doc = span.doc
    before = doc[span.start - 1] if span.start else None
    after = doc[span.end] if span.end < len(doc) else None
    return any(t is not None and (t.like_num or t.text in QUANTITY_SYMBOLS) for t in (before, after))


def is_year(token: Token) -> bool:
    return token.text.isdigit() and len(token.text) == 4 and in_year_range(int(token.text))


def tense_direction(token: Token) -> int:
    """+1 when the governing verb or its auxiliary is in the future or conditional ("annoncera lundi", "sera
    annoncé lundi"), else -1. Only auxiliaries: a conditional in a clause it governs says nothing of the day
    ("Lundi, Nvidia a indiqué qu'il passerait une charge")."""
    return 1 if verb_tense(token) > 0 else -1


def verb_tense(token: Token) -> int:
    """+1 future or conditional, -1 past (passé composé, imparfait, passé simple), 0 present or no verb, for the verb
    a date hangs from (through a noun if need be) with its auxiliaries."""
    head = next((t for t in (token.head, *token.head.ancestors) if t.pos_ in ("VERB", "AUX")), None)
    if head is None:
        return 0
    auxiliaries = [child for child in head.children if child.dep_.startswith("aux")]
    verbs = (head, *auxiliaries)
    if any("Fut" in w.morph.get("Tense") or "Cnd" in w.morph.get("Mood") for w in verbs):
        return 1
    compound_past = any(a.dep_ == "aux:tense" for a in auxiliaries) and "Part" in head.morph.get("VerbForm")
    simple_past = any(("Imp" in w.morph.get("Tense") or "Past" in w.morph.get("Tense"))
                      and "Fin" in w.morph.get("VerbForm") for w in verbs)
    return -1 if compound_past or simple_past else 0
