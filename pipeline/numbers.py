"""Reading numbers written in a language's usual ways: pure functions over plain strings, no spaCy.

A :class:`NumberGrammar` is compiled once from the ``numbers`` section of ``resources/<lang>/quantities.json`` and
finds every number of a text in one regex pass: digits with the language's thousands and decimal separators
("2 000", "1.500.000", "2,39"), number words read by text2num ("deux mille", "vingt et un"), scale words and
abbreviations ("1,5 million", "3 Md", "mille milliards"), halves ("un demi-million", "3 millions et demi"),
magnitude nouns ("trois douzaines", "une centaine") and vague plurals ("des milliers de milliards" -> 1e12, vague).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from text_to_num import text2num

APOSTROPHES = "'’"


@dataclass(frozen=True, slots=True)
class NumberMatch:
    """A number in a text: ``text[start:end]`` reads as ``value``.

    ``scale`` is the factor of the last scale word ("milliards" -> 1e9, else 1); ``plain`` marks a bare run of
    digits (no separator, decimal or scale: a candidate year or model number); ``article`` an indefinite article
    read as 1 ("une étude"); ``vague`` a vague plural ("des milliers"); ``approx`` a magnitude noun ("une centaine");
    ``fraction`` a fraction of a whole ("deux tiers" -> 0.667).
    """

    start: int
    end: int
    value: float
    scale: float = 1.0
    plain: bool = False
    article: bool = False
    vague: bool = False
    approx: bool = False
    fraction: bool = False


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


class NumberGrammar:
    """The compiled number reader of one language (built from its ``numbers`` data section)."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.lang = data["text2num_lang"]
        self.scales = {word.lower(): float(value) for word, value in data["scales"].items()}
        self.abbreviations = {word: float(value) for word, value in data["scale_abbreviations"].items()}
        self.magnitudes = {word.lower(): float(value) for word, value in data["magnitudes"].items()}
        self.exact_magnitudes = {word.lower() for word in data["exact_magnitudes"]}
        self.articles = {word.lower() for word in data["indefinite_articles"]}
        self.fractions = {word.lower(): float(value) for word, value in data["fractions"].items()}
        decimal = re.escape(data["decimal_separator"])
        thousands = "".join(re.escape(sep) for sep in data["thousands_separators"])
        of = phrase_pattern(data["of"])
        joiner = phrase_pattern(data["joiners"])
        half = phrase_pattern(data["half"])
        scale_word = words_pattern(self.scales, hyphens=True)
        magnitude = words_pattern({**self.magnitudes, **self.scales})
        abbreviation = "(?:" + "|".join(re.escape(a) for a in sorted(self.abbreviations, key=len, reverse=True)) + ")"
        ordinal = phrase_pattern(data["ordinal_suffixes"])
        word = words_pattern(data["words"], hyphens=True)
        self.word_re = re.compile(word, re.IGNORECASE)
        digits = (
            rf"(?<![\w{decimal}])(?<![^\W\d_][-−])(?:[-−](?=\d)|(?<![^\n])[-−]\s?(?=\d))?(?:\d{{1,3}}(?:[{thousands}]\d{{3}})+(?![\d])"
            rf"|\d+)(?:{decimal}\d+)?(?!\d)|(?<![\w\d]){decimal}\d+(?!\d)"
        )
        self.digits_re = re.compile(digits)
        scaled = rf"(?:\s+{scale_word}|\s?{abbreviation}(?![\w/]))"
        self.pattern = re.compile(
            rf"(?P<vague>{words_pattern(data['vague_determiners'])}\s+(?P<vmags>{magnitude}"
            rf"(?:\s+{of}\s*{magnitude})*))"
            rf"|(?P<demi>{words_pattern(self.articles)}\s+{half}[\s-]?(?P<dscale>{scale_word}))"
            rf"|(?P<article_scale>{words_pattern(data['definite_articles'])}\s*(?P<ascale>{scale_word}))"
            rf"(?=\s+{of})"
            rf"|(?P<num>(?P<digits>{digits})(?!{ordinal}(?![\w]))"
            rf"|(?P<words>{word}(?:(?:\s+{joiner}\s+|\s*-\s*|\s+){word})*)"
            rf"(?:\s+(?P<dec>{phrase_pattern(data['decimal_words'])})\s+(?P<decwords>{word}"
            rf"(?:(?:\s*-\s*|\s+){word})*))?)"
            rf"(?P<scales>{scaled}*)"
            rf"(?:\s+(?P<mag>{words_pattern(self.magnitudes)})|\s+(?P<frac>{words_pattern(self.fractions)}))?"
            rf"(?P<half>\s+{joiner}\s+{half}(?![\w]))?",
            re.IGNORECASE,
        )
        self.vague_split = re.compile(magnitude, re.IGNORECASE)
        self.scale_split = re.compile(rf"{scale_word}|{abbreviation}")
        self.decimal = data["decimal_separator"]
        self.thousands = tuple(data["thousands_separators"])

    # -- reading one surface -------------------------------------------------------------------------------------

    def read_digits(self, surface: str) -> float:
        """'2 000' -> 2000, '1.500.000' -> 1500000, '2,39' -> 2.39, '-4' -> -4."""
        sign = -1.0 if surface[:1] in "-−" else 1.0
        body = surface.lstrip("-− ")
        whole, _, fraction = body.partition(self.decimal)
        for separator in self.thousands:
            whole = whole.replace(separator, "")
        return sign * float(f"{whole or '0'}.{fraction or '0'}")

    def read_words(self, surface: str) -> float | None:
        """'deux mille' -> 2000 via text2num; None when the words are not one number."""
        words = re.sub(r"\s+", " ", surface.lower()).strip(" -")
        try:
            return float(text2num(words, self.lang))
        except ValueError:
            pass
        # scale words text2num does not know ("billion" is 1e12 in French): read what precedes, then scale it
        head, _, last = words.rpartition(" ")
        if last in self.scales:
            multiplier = self.read_words(head) if head else 1.0
            return None if multiplier is None else multiplier * self.scales[last]
        return None

    def split_words(self, text: str, start: int, end: int) -> list[tuple[int, int, float]]:
        """Cut a run of number words that is not one number ("vingt et un ou deux") into readable pieces."""
        tokens = [m.span() for m in self.word_re.finditer(text, start, end)]
        pieces: list[tuple[int, int, float]] = []
        i = 0
        while i < len(tokens):
            for j in range(len(tokens), i, -1):
                value = self.read_words(text[tokens[i][0] : tokens[j - 1][1]])
                if value is not None:
                    pieces.append((tokens[i][0], tokens[j - 1][1], value))
                    i = j
                    break
            else:
                i += 1
        return pieces

    # -- finding numbers -----------------------------------------------------------------------------------------

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[NumberMatch]:
        """Every number of ``text[start:end]``, in order, never overlapping."""
        found: list[NumberMatch] = []
        for match in self.pattern.finditer(text, start, len(text) if end is None else end):
            found.extend(self._read(text, match))
        return found

    def _read(self, text: str, match: re.Match[str]) -> list[NumberMatch]:
        if match.group("vague"):
            value = 1.0
            for part in self.vague_split.findall(match.group("vmags")):
                value *= self.magnitudes.get(part.lower()) or self.scales[part.lower()]
            return [NumberMatch(match.start(), match.end(), value, scale=value, vague=True)]
        if match.group("demi"):
            scale = self.scales[match.group("dscale").lower()]
            return [NumberMatch(match.start(), match.end(), 0.5 * scale, scale=scale)]
        if match.group("article_scale"):
            scale = self.scales[match.group("ascale").lower()]
            return [NumberMatch(match.start(), match.end(), scale, scale=scale)]
        scale = 1.0
        for part in self.scale_split.findall(match.group("scales") or ""):
            scale *= self.scales.get(part.lower()) or self.abbreviations.get(part, 1.0)
        plain = False
        article = False
        if match.group("digits"):
            surface = match.group("digits")
            value = self.read_digits(surface)
            plain = surface.isdigit() and scale == 1.0
        else:
            surface = match.group("words")
            value = self.read_words(surface)
            if value is None:
                pieces = self.split_words(text, match.start("words"), match.end("words"))
                if not pieces:
                    return []
                out = [NumberMatch(s, e, v, article=text[s:e].lower() in self.articles) for s, e, v in pieces]
                if pieces[-1][1] != match.end("words"):
                    return out
                s, _, value = pieces[-1]
                return out[:-1] + self._finish(
                    match, s, value, scale, text[s : match.end("words")].lower() in self.articles
                )
            if match.group("dec"):
                fraction = self.read_words(match.group("decwords"))
                if fraction is not None:
                    value += fraction / 10 ** len(str(int(fraction)))
            article = surface.lower() in self.articles and scale == 1.0
            last_word = surface.lower().replace("-", " ").split()[-1]
            if scale == 1.0 and last_word in self.scales:
                return self._finish(match, match.start(), value, self.scales[last_word], article, plain, True)
        return self._finish(match, match.start(), value, scale, article, plain)

    def _finish(
        self,
        match: re.Match[str],
        start: int,
        value: float,
        scale: float,
        article: bool,
        plain: bool = False,
        scaled: bool = False,
    ) -> list[NumberMatch]:
        if not scaled:
            value *= scale
        approx = False
        if match.group("mag"):
            magnitude = match.group("mag").lower()
            value *= self.magnitudes[magnitude]
            approx = magnitude not in self.exact_magnitudes
            article = plain = False
        if match.group("frac") and not scaled and scale == 1.0:
            value /= self.fractions[match.group("frac").lower()]
            return [NumberMatch(start, match.end(), value, fraction=True)]
        if match.group("half"):
            value += 0.5 * scale
            article = plain = False
        return [NumberMatch(start, match.end(), value, scale=scale, plain=plain, article=article, approx=approx)]


def read_number(grammar: NumberGrammar, surface: str) -> float | None:
    """The value of ``surface`` when it is exactly one number ("2 000", "1,5 million", "deux mille"), else None."""
    found = grammar.find(surface.strip())
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(surface.strip()):
        return found[0].value
    return None
