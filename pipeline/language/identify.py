"""Which language an article, and each of its passages, is written in (lingua, offline models).

An article's language routes it to that language's pipeline; inside an article, a line or a quotation written in
another language with language data is a *passage*, read with that language's number words, units and dates
("The agreements are worth ~$2.4 billion" in a French article: "billion" is 1e9 there, not 1e12). The settings are
``resources/identification.json``; the detection itself is lingua's.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from pipeline.language import RESOURCE_DIR, check_keys

SETTINGS_KEYS = frozenset(
    {"candidates", "article_min_confidence", "fallback", "passage_min_words", "passage_min_confidence"}
)
# Quotations: text between the quote marks news uses (French guillemets, curly and straight double quotes).
# Each alternative's text excludes its own marks, so a line full of unclosed marks is still read in linear time.
QUOTATION = re.compile(r"«([^«»\n]+)»|“([^“”\n]+)”|\"([^\"\n]+)\"")
WORD = re.compile(r"[^\W\d_]+")
DIGIT = re.compile(r"\d")
# How much of an article its language is told from (characters).
ARTICLE_SAMPLE = 1000
# A capitalized word after the first: a name, the same in every language ("Microsoft Azure AI Foundry"); left out
# of what the detector reads, so that a passage is judged on its ordinary words.
NAME = re.compile(r"(?<=\W)[^\W\d_a-z]\S*")


@dataclass(frozen=True, slots=True)
class Passage:
    """Characters ``start``..``end`` of a text written in ``lang`` (not the article's language)."""

    start: int
    end: int
    lang: str
    confidence: float


def segments(text: str) -> Iterator[tuple[int, int]]:
    """The spans a passage may be: each non-blank line, and each quotation inside a line."""
    offset = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            start = offset + line.index(stripped[0])
            yield start, start + len(stripped)
            for match in QUOTATION.finditer(line):
                group = next(g for g in range(1, 4) if match.group(g) is not None)
                quoted = match.group(group)
                inner = quoted.strip()
                if inner:
                    start = offset + match.start(group) + quoted.index(inner[0])
                    yield start, start + len(inner)
        offset += len(line)


def without_names(chunk: str) -> str:
    """``chunk`` without its names, unless it is written in title case (a headline: "Acme Signs 200+ MW Deal"),
    where every word is capitalized and the capitals say nothing of names."""
    words = WORD.findall(chunk)
    lowercase = sum(word[0].islower() for word in words)
    return NAME.sub(" ", chunk) if lowercase * 2 >= len(words) else chunk


class LanguageIdentifier:
    """Identifies languages among ``candidates`` (ISO 639-1 codes) with lingua's detectors, built once."""

    def __init__(self, settings: dict[str, Any]) -> None:
        from lingua import IsoCode639_1, Language, LanguageDetectorBuilder  # large models: load on first use

        self.settings = settings
        self._languages = {code: Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper()))
                           for code in settings["candidates"]}
        self._builder = LanguageDetectorBuilder
        # an article is long: the faster low-accuracy mode (trigrams only) tells it as well on its first characters
        self._article = (
            LanguageDetectorBuilder.from_languages(*self._languages.values()).with_low_accuracy_mode().build()
        )
        self._among: dict[tuple[frozenset[str], bool], Any] = {}

    def article_language(self, text: str) -> tuple[str | None, float]:
        """The language of a whole text and its confidence; None below ``article_min_confidence``."""
        values = self._article.compute_language_confidence_values(text[:ARTICLE_SAMPLE])
        if not values:
            return None, 0.0
        best = values[0]
        code = best.language.iso_code_639_1.name.lower()
        if best.value < self.settings["article_min_confidence"]:
            return None, best.value
        return code, best.value

    def passages(self, text: str, article_lang: str, readable: Collection[str]) -> list[Passage]:
        """The lines and quotations of ``text`` written in one of ``readable`` other than ``article_lang``; only those
        with a digit are examined (what another language's words change is how figures and dates read)."""
        others = sorted(set(readable) - {article_lang})
        if not others:
            return []
        detector = self._detector(frozenset({article_lang, *others}))
        quick = self._detector(frozenset({article_lang, *others}), quick=True)
        found: list[Passage] = []
        for start, end in segments(text):
            if found and start < found[-1].end:
                continue  # a quotation inside a line already found to be a passage
            if not DIGIT.search(text, start, end):
                continue  # a passage matters for its figures and dates, which have digits
            chunk = without_names(text[start:end])
            if len(WORD.findall(chunk)) < self.settings["passage_min_words"]:
                continue
            if quick.compute_language_confidence_values(chunk)[0].language == self._languages[article_lang]:
                continue  # the fast (trigram) reading already says the article's language: most lines
            best = detector.compute_language_confidence_values(chunk)[0]
            code = best.language.iso_code_639_1.name.lower()
            if code != article_lang and best.value >= self.settings["passage_min_confidence"]:
                found.append(Passage(start, end, code, round(best.value, 3)))
        return found

    def _detector(self, codes: frozenset[str], quick: bool = False) -> Any:
        if (codes, quick) not in self._among:
            builder = self._builder.from_languages(*(self._languages[c] for c in sorted(codes)))
            self._among[codes, quick] = (builder.with_low_accuracy_mode() if quick else builder).build()
        return self._among[codes, quick]


@cache
def identifier() -> LanguageIdentifier:
    """One identifier per process (its detectors load their models lazily, language by language)."""
    path = RESOURCE_DIR / "identification.json"
    settings = check_keys(str(path), json.loads(path.read_text(encoding="utf-8")), SETTINGS_KEYS)
    return LanguageIdentifier(settings)
