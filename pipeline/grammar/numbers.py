"""Reading numbers written in a language's usual ways: pure functions over plain strings, no spaCy.

A :class:`NumberGrammar` is compiled once from the ``numbers`` section of ``resources/<lang>/quantities.json`` and
finds every number of a text in one regex pass: digits with the language's thousands and decimal separators
("2 000", "1.500.000", "2,39"), number words read by text2num ("deux mille", "vingt et un"), scale words and
abbreviations ("1,5 million", "3 Md", "mille milliards"), halves ("un demi-million", "3 millions et demi"),
magnitude nouns ("trois douzaines", "une centaine"), vague plurals ("des milliers de milliards" -> 1e12, vague),
fractions ("trois cinquièmes", "un vingt-cinquième", "cent et trois quarts", "3/4", "2 1/4", "½", "un sur trois") and
powers ("1,1^23", "12,32e+14").
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from text_to_num import text2num

from pipeline.grammar.phrases import phrase_pattern, words_pattern


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
        self.multipliers = {word.lower(): float(value) for word, value in data["digit_multipliers"].items()}
        self.ordinal_suffixes = sorted(data["ordinal_fraction_suffixes"], key=len, reverse=True)
        self.stem_fixes = {stem.lower(): word.lower() for stem, word in data["ordinal_stem_fixes"].items()}
        self.not_fractions = {word.lower() for word in data["ordinal_not_fractions"]}
        self.joiners = {word.lower() for word in data["joiners"]}
        self.zero_words = {word.lower() for word in data["zero_words"]}
        self.ratio_re = re.compile(rf"\s+{phrase_pattern(data['ratio_connectors'])}\s+", re.IGNORECASE)
        self.vulgar = {char: float(value) for char, value in data["vulgar_fractions"].items()}
        self.exponent_re = re.compile(r"(?P<op>[eE^])(?P<exp>[+-]?\d+)\Z")
        # a character class of the alternate decimal separators; none ("(?!)", never matches) in a language without one
        altdec = "".join(re.escape(s) for s in data["alternate_decimal_separators"])
        altdec_class = f"[{altdec}]" if altdec else "(?!)"
        self.alternate_decimal = re.compile(rf"(?P<whole>.*){altdec_class}(?P<frac>\d{{1,2}})")
        decimal = re.escape(data["decimal_separator"])
        thousands = "".join(re.escape(sep) for sep in data["thousands_separators"])
        of = phrase_pattern(data["of"])
        joiner = phrase_pattern(data["joiners"])
        half = phrase_pattern(data["half"])
        scale_word = words_pattern(self.scales, hyphens=True)
        magnitude = words_pattern({**self.magnitudes, **self.scales})
        hyphen_magnitude = words_pattern(self.magnitudes, hyphens=True)
        abbreviation = "(?:" + "|".join(re.escape(a) for a in sorted(self.abbreviations, key=len, reverse=True)) + ")"
        ordinal = phrase_pattern(data["ordinal_suffixes"])
        word = words_pattern(data["words"], hyphens=True)
        number_words = [w.lower() for w in data["words"]]
        stems = set(number_words) | {w[:-1] for w in number_words if w.endswith("e")} | set(self.stem_fixes)
        denominator = (
            rf"(?<![^\W\d_]){phrase_pattern(stems)}{phrase_pattern(self.ordinal_suffixes)}(?![\w])"
            rf"|(?<![^\W\d_]){phrase_pattern(self.fractions)}(?![\w])"
        )
        word_sep = rf"(?:\s*-\s*{joiner}\s*-\s*|\s+{joiner}\s+|\s*-\s*|\s+)"
        fraction_words = rf"{word}(?:{word_sep}{word})*{word_sep}(?:{denominator})"
        sign = r"(?:[-−](?=\d)|(?<![^\n])[-−]\s?(?=\d))?"
        digit_fraction = rf"(?<![\w{decimal}/])(?<![^\W\d_][-−]){sign}(?:\d{{1,3}}\s+)?\d+/\d+(?![\d/]|{decimal}\d)"
        vulgar = rf"(?<![\w{decimal}])(?:\d+\s?)?[{''.join(self.vulgar)}]"
        negative = words_pattern(data["negative_words"])
        self.word_re = re.compile(word, re.IGNORECASE)
        digits = (
            rf"(?<![\w{decimal}])(?<![^\W\d_][-−])(?:[-−](?=\d)|(?<![^\n])[-−]\s?(?=\d))?(?:\d{{1,3}}(?:[{thousands}]\d{{3}})+(?![\d])"
            rf"(?:{decimal}\d+)?|(?<!{altdec_class})\d+{altdec_class}\d{{1,2}}(?![\d]|[{altdec}{decimal}]\d)|\d+(?:{decimal}\d+)?)(?:[eE][+-]?\d+(?![\w])|\^[+-]?\d+)?(?!\d)"
            rf"|(?<![\w\d]){decimal}\d+(?!\d)"
        )
        self.digits_re = re.compile(digits)
        scaled = rf"(?:\s+{scale_word}|[^\S\n]{{0,2}}{abbreviation}(?![\w/]))"
        # a vague plural: after a vague determiner ("des milliers de", "several hundred"), or bare when "of" follows
        # the whole run ("hundreds of billions of dollars", "milliers de puces")
        vague_run = rf"{magnitude}(?:\s+{of}\s*{magnitude})*"
        bare_vague = rf"(?={vague_run}\s+{of}(?![\w]))"
        # the fallback reads a run of words that looked like a fraction but is not one ("trois millions et demi")
        fractions_or_not = (rf"(?P<fw>{fraction_words})", r"(?P<fw>(?!))")
        self.pattern, self.fallback = (
            re.compile(
                # every alternative starts a word: testing that first keeps the scan fast
                rf"(?<![\w])(?:(?P<vague>(?:{words_pattern(data['vague_determiners'])}\s+|{bare_vague})(?P<vmags>{vague_run}))"
                rf"|(?P<demi>{words_pattern(self.articles)}\s+{half}[\s-]?(?P<dscale>{scale_word}|{hyphen_magnitude}))"
                rf"|{fw}|(?P<dfrac>{digit_fraction})|(?P<vulgar>{vulgar})"
                rf"|(?P<article_scale>{words_pattern(data['definite_articles'])}\s*(?P<ascale>{scale_word}))"
                rf"(?=\s+{of})"
                rf"|(?P<num>(?P<digits>{digits})(?!{ordinal}(?![\w]))"
                rf"(?:\s+(?P<multiplier>{words_pattern(self.multipliers)}))?"
                rf"|(?:(?P<neg>{negative})\s+)?(?P<words>{word}(?:(?:\s+{joiner}\s+|\s*-\s*|\s+){word})*)"
                rf"(?:\s+(?P<dec>{phrase_pattern(data['decimal_words'])})\s+(?P<decwords>{word}"
                rf"(?:(?:\s+{joiner}\s+|\s*-\s*|\s+){word})*))?)"
                rf"(?P<scales>{scaled}*)"
                rf"(?:\s+(?P<mag>{words_pattern(self.magnitudes)})|\s+(?P<frac>{denominator}))?"
                rf"(?P<half>\s+{joiner}\s+{half}(?![\w]))?)",
                re.IGNORECASE,
            )
            for fw in fractions_or_not
        )
        # most texts have no fraction word: they are scanned without the fraction alternative (faster)
        self.fraction_hints = tuple(sorted({*self.ordinal_suffixes, *self.fractions}))
        self.vague_split = re.compile(magnitude, re.IGNORECASE)
        self.scale_split = re.compile(rf"{scale_word}|{abbreviation}")
        self.decimal = data["decimal_separator"]
        self.thousands = tuple(data["thousands_separators"])

    # -- reading one surface -------------------------------------------------------------------------------------

    def read_digits(self, surface: str) -> float:
        """'2 000' -> 2000, '1.500.000' -> 1500000, '2,39' -> 2.39, '-4' -> -4, '5.00' -> 5, '1,1^2' -> 1.21,
        '12e-1' -> 1.2."""
        sign = -1.0 if surface[:1] in "-−" else 1.0
        body = surface.lstrip("-− ")
        exponent = self.exponent_re.search(body)
        if exponent:
            body = body[: exponent.start()]
        whole, _, fraction = body.partition(self.decimal)
        alternate = None if fraction else self.alternate_decimal.fullmatch(whole)
        if alternate:
            whole, fraction = alternate.group("whole"), alternate.group("frac")
        for separator in self.thousands:
            whole = whole.replace(separator, "")
        value = float(f"{whole or '0'}.{fraction or '0'}")
        if exponent:
            try:
                power = int(exponent.group("exp"))
                value = value**power if exponent.group("op") == "^" else value * 10.0**power
            except (ArithmeticError, ValueError):  # "1e400", "0^-1", an exponent past int()'s 4300 digits
                return math.nan  # no value: find() drops it
        return sign * value

    def ordinal_cardinal(self, word: str) -> str | None:
        """The cardinal an ordinal is made from ('cinquième' -> 'cinq', 'millième' -> 'mille'), or None."""
        word = word.lower()
        for suffix in self.ordinal_suffixes:
            if word.endswith(suffix) and len(word) > len(suffix):
                stem = word[: -len(suffix)]
                stem = self.stem_fixes.get(stem, stem)
                for candidate in (stem, stem + "e"):
                    if self.read_words(candidate) is not None:
                        return candidate
        return None

    def read_fraction(self, surface: str) -> tuple[float, float, bool] | None:
        """A run of words ending in a denominator: (value, scale of the whole part, is a pure fraction).

        After "un"/"une" the denominator is every word that follows ('un vingt cinquième' -> 1/25); otherwise it is
        the last word with its hyphenated compound ('cent trente cinquièmes' -> 130/5, 'trois vingt-cinquièmes' ->
        3/25). A whole part comes before "et" ('cent et trois quarts' -> 100.75; 'cinq milliards et trois quarts' ->
        5.75e9). None when the run is not a fraction (an ordinal: 'vingt-cinquième', 'un deuxième').
        """
        tokens = surface.lower().split()
        whole, scale, first = 0.0, 1.0, 0
        for k in range(len(tokens) - 3, 0, -1):
            if tokens[k] in self.joiners:
                read = self.read_words(" ".join(tokens[:k]))
                if read is None:
                    return None
                whole, scale, first = read, self.scales.get(tokens[k - 1].split("-")[-1], 1.0), k + 1
                break
        fraction = tokens[first:]
        if len(fraction) == 1:  # one hyphenated word: "cinq-huitièmes" is a fraction, "vingt-cinquième" an ordinal
            fraction = fraction[0].split("-")
            last = self.ordinal_cardinal(fraction[-1])
            if last is None or self.read_words(" ".join([*fraction[:-1], last])) is not None:
                return None
        if len(fraction) < 2 or fraction[1] in self.joiners:
            return None
        *before, last = fraction
        last_parts = last.split("-")
        if before[0] in self.articles:
            numerator, denominator_words = 1.0, [*before[1:], *last_parts[:-1]]
        else:
            numerator, denominator_words = self.read_words(" ".join(before)), last_parts[:-1]
        head = last_parts[-1]
        if head in self.fractions:
            denominator = None if denominator_words else self.fractions[head]
        else:
            cardinal = self.ordinal_cardinal(head)
            if cardinal is None or (not denominator_words and cardinal in self.not_fractions):
                return None
            denominator = self.read_words(" ".join([*denominator_words, cardinal]))
        if numerator is None or not denominator:
            return None
        if first:
            return whole + numerator / denominator * scale, scale, False
        return numerator / denominator, 1.0, True

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
        end = len(text) if end is None else end
        lowered = text[start:end].lower()
        pattern = self.pattern if any(hint in lowered for hint in self.fraction_hints) else self.fallback
        for match in pattern.finditer(text, start, end):
            # a value past a float's range (400 digits, "1e308 milliards") or undefined ("0^-1") is no figure
            found.extend(number for number in self._read(text, match) if math.isfinite(number.value))
        return self._ratios(text, found)

    def _ratios(self, text: str, found: list[NumberMatch]) -> list[NumberMatch]:
        """'un sur trois', '1 sur 3': a smaller whole number over a larger one is a fraction ('1000 sur 3' is not)."""
        out: list[NumberMatch] = []
        i = 0
        while i < len(found):
            a = found[i]
            b = found[i + 1] if i + 1 < len(found) else None
            if (
                b is not None
                and self.ratio_re.fullmatch(text, a.end, b.start)
                and not (a.vague or a.approx or a.fraction or b.vague or b.approx or b.fraction)
                and a.scale == b.scale == 1.0
                and 0 <= a.value < b.value
                and a.value == int(a.value)
            ):
                out.append(NumberMatch(a.start, b.end, a.value / b.value, fraction=True))
                i += 2
                continue
            out.append(a)
            i += 1
        return out

    def _digit_fraction(self, match: re.Match[str]) -> list[NumberMatch]:
        """'3/4' -> 0.75, '2 1/4' -> 2.25, '-4/5' -> -0.8; '24/7' (not a proper fraction) -> two numbers."""
        surface = match.group("dfrac")
        sign = -1.0 if surface[:1] in "-−" else 1.0
        parts = [(m.start(), m.end()) for m in re.finditer(r"\d+", surface)]
        whole = float(surface[parts[0][0] : parts[0][1]]) if len(parts) == 3 else 0.0
        numerator, denominator = (float(surface[s:e]) for s, e in parts[-2:])
        start = match.start()
        if 0 < numerator < denominator:
            value = sign * (whole + numerator / denominator)
            return [NumberMatch(start, match.end(), value, fraction=len(parts) == 2)]
        out = []
        for i, (s, e) in enumerate(parts):
            s = 0 if i == 0 else s
            out.append(NumberMatch(start + s, start + e, self.read_digits(surface[s:e]), plain=True))
        return out

    def _read(self, text: str, match: re.Match[str]) -> list[NumberMatch]:
        if match.group("vague"):
            value = 1.0
            for part in self.vague_split.findall(match.group("vmags")):
                value *= self.magnitudes.get(part.lower()) or self.scales[part.lower()]
            return [NumberMatch(match.start(), match.end(), value, scale=value, vague=True)]
        if match.group("demi"):
            dscale = match.group("dscale").lower()
            scale = self.scales.get(dscale) or self.magnitudes[dscale]
            return [NumberMatch(match.start(), match.end(), 0.5 * scale, scale=scale)]
        if match.group("fw"):
            read = self.read_fraction(match.group("fw"))
            if read is None:
                return [
                    n for m in self.fallback.finditer(text, match.start(), match.end()) for n in self._read(text, m)
                ]
            value, scale, pure = read
            return [NumberMatch(match.start(), match.end(), value, scale=scale, fraction=pure)]
        if match.group("dfrac"):
            return self._digit_fraction(match)
        if match.group("vulgar"):
            surface = match.group("vulgar")
            whole = surface[:-1].strip()
            value = (float(whole) if whole else 0.0) + self.vulgar[surface[-1]]
            return [NumberMatch(match.start(), match.end(), value, fraction=not whole)]
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
            plain = surface.isdigit() and scale == 1.0 and not match.group("multiplier")
            if match.group("multiplier"):  # "30 mille personnes": a number, not a scale ("30 mille de" is wrong)
                value *= self.multipliers[match.group("multiplier").lower()]
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
                decimals = match.group("decwords")
                fraction = self.read_words(decimals)
                if fraction is not None:
                    words = decimals.lower().split()
                    zeros = next((i for i, w in enumerate(words) if w not in self.zero_words), len(words))
                    value += fraction / 10 ** (len(str(int(fraction))) + zeros)
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
            word = match.group("frac").lower()
            cardinal = self.ordinal_cardinal(word)
            usable = cardinal is not None and cardinal not in self.not_fractions
            denominator = self.fractions.get(word) or (self.read_words(cardinal) if usable else None)
            if denominator:
                return [NumberMatch(start, match.end(), value / denominator, fraction=True)]
        if match.group("half"):
            value += 0.5 * scale
            article = plain = False
        if match.group("neg") and start == match.start():
            value, article = -value, False
        return [NumberMatch(start, match.end(), value, scale=scale, plain=plain, article=article, approx=approx)]


def read_number(grammar: NumberGrammar, surface: str) -> float | None:
    """The value of ``surface`` when it is exactly one number ("2 000", "1,5 million", "deux mille"), else None."""
    found = grammar.find(surface.strip())
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(surface.strip()):
        return found[0].value
    return None
