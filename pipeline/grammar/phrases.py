"""Regex alternations built from the phrase lists of language data: pure functions over strings, no spaCy.

Every list of words in ``resources/<lang>/*.json`` is matched through these two helpers, so that the same
conventions hold everywhere: longest phrase first, any run of spaces between words, either apostrophe form, and
(for :func:`words_pattern`) whole words only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

APOSTROPHES = "'’"


def phrase_pattern(phrases: Iterable[str]) -> str:
    """A regex alternation of phrases, longest first; spaces match any run of spaces, apostrophes both forms."""
    parts = []
    for phrase in sorted(set(phrases), key=len, reverse=True):
        escaped = re.escape(phrase)
        escaped = re.sub(r"(?:\\ )+", r"\\s+", escaped)
        escaped = re.sub(f"[{APOSTROPHES}]", f"[{APOSTROPHES}]", escaped)
        parts.append(escaped)
    return "(?:" + "|".join(parts) + ")" if parts else "(?!)"


def words_pattern(phrases: Iterable[str], hyphens: bool = False) -> str:
    """:func:`phrase_pattern` as whole words (an apostrophe-final phrase may touch the next word).

    With ``hyphens``, a hyphen may join the phrase to its neighbours ("vingt-deux", "demi-million") and an
    elided word may precede it ("d'un").
    """
    before, after = (r"[\w]", r"[\w]") if hyphens else (r"[\w'’-]", r"[\w-]")
    return rf"(?<!{before})" + phrase_pattern(phrases) + rf"(?:(?<=['’])|(?!{after}))"
