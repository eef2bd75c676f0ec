"""``news_body``: find the article body, leaving out navigation and trailing boilerplate.

Sets ``doc._.news_body`` (a :class:`pipeline.records.Span`). General signals only, never per-article strings:
boilerplate phrases from the language data, runs of short title-like lines without final punctuation at the end
(related headlines), and a trailing author bio written in the first person outside quotes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.components import extensions  # noqa: F401  (registers the doc._ attributes)
from pipeline.language import SerializedLanguageData, load_language_data
from pipeline.language.text import fold_apostrophes
from pipeline.records import Span

_KEYS = frozenset({
    "boilerplate_lines", "boilerplate_words", "first_person_words",
    "final_punctuation", "max_title_words", "quote_pairs",
})
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class BodySignals:
    boilerplate_lines: frozenset[str]
    boilerplate_words: frozenset[str]
    first_person_words: frozenset[str]
    final_punctuation: str
    max_title_words: int
    quote_pattern: re.Pattern[str]

    @classmethod
    def for_language(cls, lang: str) -> BodySignals:
        return cls.from_data(load_language_data(lang, "body", _KEYS))

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> BodySignals:
        quotes = "|".join(f"{re.escape(o)}.*?{re.escape(c)}" for o, c in data["quote_pairs"])
        return cls(
            boilerplate_lines=frozenset(_normalize(line) for line in data["boilerplate_lines"]),
            boilerplate_words=frozenset(data["boilerplate_words"]),
            first_person_words=frozenset(data["first_person_words"]),
            final_punctuation=data["final_punctuation"],
            max_title_words=int(data["max_title_words"]),
            quote_pattern=re.compile(quotes, re.DOTALL),
        )


def _normalize(line: str) -> str:
    return " ".join(fold_apostrophes(line).split()).rstrip(" :")


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every non-blank line, whitespace trimmed."""
    spans = []
    for match in re.finditer(r"[^\n]+", text):
        line = match.group(0)
        stripped = line.strip()
        if stripped:
            start = match.start() + (len(line) - len(line.lstrip()))
            spans.append((start, start + len(stripped)))
    return spans


def is_boilerplate_line(line: str, signals: BodySignals) -> bool:
    normalized = _normalize(line)
    if normalized in signals.boilerplate_lines:
        return True
    words = _WORD.findall(normalized)
    starts_with_phrase = any(normalized.startswith(phrase + " ") for phrase in signals.boilerplate_lines
                             if len(phrase) > 8)
    short = len(words) <= signals.max_title_words
    return short and (starts_with_phrase or any(word in signals.boilerplate_words for word in words))


def is_title_like(line: str, signals: BodySignals) -> bool:
    """A short line without final punctuation: a heading or a related headline."""
    stripped = line.rstrip()
    return len(_WORD.findall(stripped)) <= signals.max_title_words and not stripped.endswith(
        tuple(signals.final_punctuation)
    )


def is_first_person_bio(line: str, signals: BodySignals) -> bool:
    """A paragraph in the first person singular outside quotations: the author speaking of themself."""
    unquoted = signals.quote_pattern.sub(" ", line.replace("’", "'"))
    return any(word in signals.first_person_words for word in _WORD.findall(unquoted.lower()))


def find_body(text: str, signals: BodySignals) -> tuple[int, int]:
    """Character offsets of the article body: leading navigation and trailing boilerplate removed."""
    lines = _lines(text)
    if not lines:
        return 0, 0
    first = 0
    while first < len(lines) - 1 and is_boilerplate_line(text[slice(*lines[first])], signals):
        first += 1
    last = len(lines) - 1
    while last > first:
        line = text[slice(*lines[last])]
        if is_boilerplate_line(line, signals) or is_title_like(line, signals) or is_first_person_bio(line, signals):
            last -= 1
            continue
        break
    return lines[first][0], lines[last][1]


class BodyFinder(SerializedLanguageData):
    """Find then write: ``find_body`` on the text, then ``doc._.news_body``."""

    DATA_KEYS = {"body": _KEYS}

    def __init__(self, lang: str) -> None:
        self.build({"body": load_language_data(lang, "body", _KEYS)})

    def build(self, data: dict[str, dict[str, Any]]) -> None:
        self.language_data = data
        self.signals = BodySignals.from_data(data["body"])

    def __call__(self, doc: Doc) -> Doc:
        start, end = find_body(doc.text, self.signals)
        doc._.news_body = Span(start, end)
        return doc


@Language.factory("news_body", assigns=["doc._.news_body"], default_config={})
def make_body(nlp: Language, name: str) -> BodyFinder:
    return BodyFinder(nlp.lang)
