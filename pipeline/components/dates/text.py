"""Pure helpers on words and numbers (no spaCy): the form words are compared in, regex alternations of word lists,
numbers written in digits or in words, two-digit years and the range of years a date may have."""

from __future__ import annotations

import re
from collections.abc import Iterable

from text_to_num import text2num

DASHES = "-\u2013\u2014\u2012"
_YEAR_RANGE = (1500, 2199)


def norm(text: str) -> str:
    """``text`` as words are compared: lower case, typographic apostrophe folded to the straight one."""
    return text.lower().replace("\u2019", "'")


def variants(words: Iterable[str]) -> list[str]:
    """Lower-case forms of ``words`` with both apostrophes (the data writes the straight one)."""
    out: set[str] = set()
    for word in words:
        word = norm(word)
        out.add(word)
        if "'" in word:
            out.add(word.replace("'", "\u2019"))
    return sorted(out)


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words`` and their variants, longest first so that a longer word wins."""
    return "|".join(re.escape(w) for w in sorted(variants(words), key=len, reverse=True))


def parse_number(words: list[str], lang: str) -> float | None:
    """The number ``words`` write: digits ("2 000" as two words, "1,5") or words ("vingt-sept"); None for a mix."""
    if all(w.replace(",", ".").replace(".", "", 1).isdigit() for w in words):
        if len(words) > 1:
            return float("".join(words))
        return float(words[0].replace(",", "."))
    if any(w[:1].isdigit() for w in words):
        return None
    return float(text2num(" ".join(words), lang))


def full_year(text: str) -> int:
    """The year of a numeric date's year field: "25" is 2025, "98" is 1998."""
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 70 else 1900
    return year


def in_year_range(year: int) -> bool:
    return _YEAR_RANGE[0] <= year <= _YEAR_RANGE[1]
