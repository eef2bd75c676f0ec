"""The dates the layout of a text gives: the dateline near the top (the article's own date, "- 23/02/2025 à 19:19",
"Publié le 3 mars 2025") and the signature line of a quoted post ("– Sam Altman (@sama) 20 juillet 2025"), which
dates the line above it."""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc

from pipeline.components.dates.expressions import Found
from pipeline.components.dates.text import DASHES, norm


def dateline(doc: Doc, found: list[Found], cues: set[tuple[str, ...]], within_chars: int) -> dt.date | None:
    """The publication date of a dateline in the first ``within_chars`` characters: a full date alone on its line
    or after a cue (one of ``cues``)."""
    text = doc.text
    for start, end, expression in found:
        if start >= within_chars:
            break
        if expression.year is None or expression.month is None or expression.day is None:
            continue
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        before = doc.char_span(line_start, start, alignment_mode="expand")
        after = doc.char_span(end, line_end, alignment_mode="expand")
        words = [norm(t.text) for part in (before, after) if part is not None for t in part if t.is_alpha]
        cue = before is not None and any(
            tuple(norm(t.text) for t in before[i : i + len(c)]) == c
            for c in cues
            for i in range(len(before))
        )
        if not words or all((w,) in cues for w in words) or (cue and len(words) <= 6):
            return dt.date(expression.year, expression.month, expression.day)
    return None


def post_scopes(text: str, found: list[Found]) -> list[tuple[int, int, dt.date]]:
    """(start, end, date) of quoted posts: the line above a signature line "– Name (@handle) <full date>"."""
    scopes = []
    for start, end, expression in found:
        if expression.year is None or expression.month is None or expression.day is None:
            continue
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        head, tail = text[line_start:start].strip(), text[end:line_end].strip()
        if (
            not head
            or head[0] not in DASHES
            or not any(c.isalpha() for c in head)
            or any(c.isalpha() for c in tail)
        ):
            continue
        above_end = line_start - 1
        while above_end > 0 and not text[above_end - 1 : above_end].strip("\n \t\u00a0"):
            above_end -= 1
        above_start = text.rfind("\n", 0, max(above_end, 0)) + 1
        if above_end > above_start:
            scopes.append((above_start, above_end, dt.date(expression.year, expression.month, expression.day)))
    return scopes
