"""The ``news_dates`` component: temporal expressions normalized TIMEX3-style against the article's own date.

Sets ``doc._.news_dates`` (list of :class:`pipeline.records.Timex`, ids t1.. in text order) and, when the caller left
``doc._.news_dct`` None and the top of the text has a dateline ("- 23/02/2025 à 19:19", "Publié le 3 mars 2025"),
``doc._.news_dct`` (ISO "YYYY-MM-DD").

Detection is one spaCy Matcher pass over patterns built from ``pipeline/resources/<lang>/dates.json``; the words of
each match are read into a :class:`pipeline.timex.Expression`, which :func:`pipeline.timex.resolve` normalizes.
Reference date: a date-signed quoted post ("– Sam Altman (@sama) 20 juillet 2025" under its text) is the reference
for the line above the signature; elsewhere the dct. Without a reference, see :mod:`pipeline.timex`.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Token
from text_to_num import text2num

from . import extensions  # noqa: F401  (registers doc._.news_* attributes)
from .records import Timex
from .resources import load_language_data
from .timex import Expression, parse_iso_date, resolve

DATA_KEYS = frozenset(
    {
        "months", "month_abbreviations", "month_names_capitalized", "weekdays", "seasons", "day_suffixes",
        "textual_date_orders", "numeric_date_order", "hour_markers", "hour_words", "named_times", "time_context",
        "time_connectors", "deictic_days", "articles", "this", "this_suffixes", "relative_before", "relative_after",
        "ago_before", "ago_after", "units", "plural_units", "number_words", "number_joiners",
        "ordinals", "period_prefixes", "parts", "part_prefixes", "part_linkers", "year_context", "month_context",
        "range_joiners", "decade_cues", "set_each", "set_all", "set_per", "set_words", "vague_words",
        "vague_phrases", "dateline_cues",
    }
)  # fmt: skip

_APOSTROPHES = ("'", "\u2019")
_DASHES = "-\u2013\u2014\u2012"
_SENTENCE_BREAKS = {".", "!", "?", ":", ";", "«", '"', "(", "-", "\u2013", "\u2014", "\u2022"}
_YEAR_RANGE = (1500, 2199)
_QUANTITY_SYMBOLS = {"%", "$", "€", "£", "¥"}
# Tokens around an anchoring word (a digit, a month, a unit...) that the Matcher sees: no pattern has more words
# before its first anchor ("il y a deux ans": a spelled-out number is not an anchor, the unit is) or after its last.
_WINDOW_BEFORE, _WINDOW_AFTER = 4, 3

Found = tuple[int, int, Expression]  # (start_char, end_char, expression)


def _norm(text: str) -> str:
    return text.lower().replace("\u2019", "'")


def _variants(words: Iterable[str]) -> list[str]:
    """Lower-case forms of ``words`` with both apostrophes (the data writes the straight one)."""
    out: set[str] = set()
    for word in words:
        word = _norm(word)
        out.add(word)
        if "'" in word:
            out.add(word.replace("'", "\u2019"))
    return sorted(out)


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(_variants(words), key=len, reverse=True))


class DateLexicon:
    """The language data of one language, tokenized once into lookup tables and Matcher pattern classes."""

    def __init__(self, lang: str, data: dict[str, Any], tokenize: Any) -> None:
        self.lang = lang
        self.tokenize = tokenize
        self.months = {_norm(k): v for k, v in data["months"].items()}
        self.month_abbreviations = {_norm(k): v for k, v in data["month_abbreviations"].items()}
        self.month_names_capitalized = bool(data["month_names_capitalized"])
        self.weekdays = {_norm(k): v for k, v in data["weekdays"].items()}
        self.seasons = {_norm(k): v for k, v in data["seasons"].items()}
        self.deictic_days = {_norm(k): v for k, v in data["deictic_days"].items()}
        self.relative = {_norm(k): v for k, v in {**data["relative_before"], **data["relative_after"]}.items()}
        self.this = set(_variants(data["this"]))
        self.units = {_norm(k): v for k, v in data["units"].items()}
        self.plural_units = set(_variants(data["plural_units"]))
        self.ordinals = {_norm(k): v for k, v in data["ordinals"].items()}
        self.parts = {_norm(k): v for k, v in data["parts"].items()}
        self.part_prefixes = {_norm(k): v for k, v in data["part_prefixes"].items()}
        self.period_prefixes = dict(data["period_prefixes"])
        self.named_times = {_norm(k): v for k, v in data["named_times"].items()}
        self.set_words = {_norm(k): v for k, v in data["set_words"].items()}
        self.hour_markers = set(_variants(data["hour_markers"]))
        self.numeric_order = data["numeric_date_order"]
        self.textual_orders = list(data["textual_date_orders"])
        self.number_words = set(_variants(data["number_words"]))
        self.number_joiners = set(_variants(data["number_joiners"]))
        self.vague_words = set(_variants(data["vague_words"]))
        self.vague_phrases = {self._phrase(p) for p in data["vague_phrases"]}
        self.year_context = {self._phrase(p) for p in data["year_context"]}
        self.month_context = {self._phrase(p) for p in data["month_context"]}
        self.time_context = {self._phrase(p) for p in data["time_context"]}
        self.range_joiners = {self._phrase(p) for p in data["range_joiners"]}
        self.time_connectors = {self._phrase(p) for p in data["time_connectors"]}
        self.dateline_cues = {self._phrase(p) for p in data["dateline_cues"]}

        suffixes = _alternation(data["day_suffixes"])
        self.day_re = re.compile(
            rf"^(0?[1-9]|[12]\d|3[01])(?:{suffixes})?$" if suffixes else r"^(0?[1-9]|[12]\d|3[01])$"
        )
        markers = _alternation(data["hour_markers"])
        hour = r"([01]?\d|2[0-3])"
        clock = rf"{hour}:([0-5]\d)(?::[0-5]\d)?"
        self.clock_re = re.compile(rf"^(?:{clock}|{hour}(?:{markers})([0-5]\d)?)$" if markers else rf"^{clock}$")
        self.numdate_re = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})$")
        self.part_token_re = re.compile(rf"^({_alternation(self.part_prefixes)})(\d{{4}}|{_alternation(self.months)})$")
        self.period_re = re.compile(rf"^({'|'.join(map(re.escape, self.period_prefixes))})([1-4])$")
        self.num_unit_re = re.compile(rf"^(\d+(?:[.,]\d+)?)({_alternation(self.units)})$")
        number = _alternation(self.number_words)
        joiner = _alternation(self.number_joiners)
        glue = rf"(?:-(?:(?:{joiner})-)?)" if joiner else "-"
        self.number_word_re = re.compile(rf"^(?:{number})(?:{glue}(?:{number}))*$")

        self.classes = self._classes(data)
        anchors = ("months", "month_abbreviations", "weekdays", "seasons", "deictic_days", "units", "named_times",
                   "set_words", "ordinals", "parts", "relative_before", "relative_after")  # fmt: skip
        self.triggers = set(_variants(word for key in anchors for word in data[key]))

    def _phrase(self, text: str) -> tuple[str, ...]:
        """The tokens of ``text`` as the tokenizer splits them in running text (an elided "l'" stays whole,
        a suffix "-ci" is split as after a word)."""
        text = _norm(text)
        if text.endswith("'") and " " not in text:
            return (text,)
        if text.startswith("-"):
            return tuple(_norm(t.text) for t in self.tokenize("a" + text))[1:]
        return tuple(_norm(t.text) for t in self.tokenize(text))

    def _phrase_alternatives(self, phrases: Iterable[str]) -> list[list[dict[str, Any]]]:
        """Pattern sequences for ``phrases``: one-token phrases share one IN set, longer ones are spelled out."""
        single, alternatives = [], []
        for phrase in phrases:
            tokens = self._phrase(phrase)
            if len(tokens) == 1:
                single.append(tokens[0])
            elif tokens:
                alternatives.append([{"LOWER": {"IN": _variants([t])}} for t in tokens])
        if single:
            alternatives.append([{"LOWER": {"IN": _variants(single)}}])
        return alternatives

    def _classes(self, data: dict[str, Any]) -> dict[str, list[list[dict[str, Any]]]]:
        def regex(pattern: re.Pattern[str], attr: str = "LOWER") -> list[list[dict[str, Any]]]:
            return [[{attr: {"REGEX": pattern.pattern}}]]

        words = self._phrase_alternatives
        singular_units = [u for u in data["units"] if _norm(u) not in self.plural_units]
        period_units = [u for u in singular_units if data["units"][u] in ("Q", "HY")]
        number = [[{"LIKE_NUM": True}], [{"LOWER": {"REGEX": self.number_word_re.pattern}}]]
        digits, group = {"TEXT": {"REGEX": r"^\d{1,3}$"}}, {"TEXT": {"REGEX": r"^\d{3}$"}}
        number += [[digits, group], [digits, group, group]]
        two = {"TEXT": {"REGEX": r"^\d{1,2}$"}}
        return {
            "MONTH": words(data["months"]),
            "MONTH_ABBR": words(data["month_abbreviations"]),
            "DAY": regex(self.day_re),
            "YEAR": [[{"TEXT": {"REGEX": r"^\d{4}$"}}]],
            "COMMA": [[{"ORTH": ","}]],
            "NUMDATE": regex(self.numdate_re, "TEXT"),
            "ISO": [[{"TEXT": {"REGEX": r"^\d{4}$"}}, {"ORTH": "-"}, two, {"ORTH": "-"}, two]],
            "CLOCK": regex(self.clock_re),
            "HOUR": [[{"TEXT": {"REGEX": r"^([01]?\d|2[0-3])$"}}]],
            "HMARK": words(data["hour_markers"]) if data["hour_markers"] else [],
            "MINUTE": [[{"TEXT": {"REGEX": r"^[0-5]\d$"}}]],
            "NAMED_TIME": words(data["named_times"]),
            "WEEKDAY": words(data["weekdays"]),
            "SEASON": words(data["seasons"]),
            "DEICTIC": words(data["deictic_days"]),
            "ART": words(data["articles"]),
            "THIS": words(data["this"]),
            "THIS_SUFFIX": words(data["this_suffixes"]),
            "REL_B": words(data["relative_before"]),
            "REL_A": words(data["relative_after"]),
            "AGO_B": words(data["ago_before"]),
            "AGO_A": words(data["ago_after"]),
            "UNIT": words(data["units"]),
            "UNIT_SING": words(singular_units),
            "UNIT_PERIOD": words(period_units),
            "NUM_UNIT": regex(self.num_unit_re),
            "NUM": number,
            "ORD": words(data["ordinals"]),
            "PERIOD_TOKEN": regex(self.period_re, "TEXT"),
            "PART": words(data["parts"]),
            "PART_TOKEN": regex(self.part_token_re),
            "LINK": words(data["part_linkers"]),
            "DECADE_CUE": words(data["decade_cues"]),
            "SET_EACH": words(data["set_each"]),
            "SET_ALL": words(data["set_all"]),
            "SET_PER": words(data["set_per"]),
            "SET_WORD": words(data["set_words"]),
        }

    def patterns(self) -> dict[str, list[list[dict[str, Any]]]]:
        """Matcher patterns per rule, expanded from sequences of classes ("X?" = optional)."""
        rules: dict[str, list[list[str]]] = {
            "DATE": [["WEEKDAY?", "NUMDATE"], ["ISO"], ["WEEKDAY?", "DAY", "MONTH_ABBR", "YEAR"]],
            "MONTH": [["PART", "LINK?", "MONTH", "YEAR?"], ["MONTH", "YEAR?"], ["PART_TOKEN", "YEAR?"]],
            "PART_YEAR": [["PART", "LINK?", "YEAR"]],
            "YEAR": [["YEAR"]],
            "DECADE": [["DECADE_CUE", "YEAR"]],
            "SEASON": [["SEASON", "YEAR?"]],
            "PERIOD": [["PERIOD_TOKEN", "YEAR"], ["ORD", "UNIT_PERIOD", "LINK?", "YEAR?"]],
            "RELATIVE": [
                ["ART?", "UNIT_SING", "REL_A"], ["ART?", "REL_B", "UNIT_SING"], ["THIS", "UNIT_SING", "THIS_SUFFIX?"],
            ],
            "NAMED": [
                ["MONTH", "REL_A"], ["REL_B", "MONTH"], ["THIS", "MONTH"], ["WEEKDAY", "REL_A"], ["REL_B", "WEEKDAY"],
                ["THIS", "WEEKDAY"], ["ART?", "SEASON", "REL_A"], ["REL_B", "SEASON"], ["THIS", "SEASON"],
            ],
            "WEEKDAY": [["WEEKDAY"]],
            "DEICTIC": [["DEICTIC"]],
            "ANCHOR": [
                ["ART?", "PART", "LINK", "ART?", "UNIT_SING", "REL_A?"], ["ART?", "PART", "LINK", "THIS", "UNIT_SING"],
            ],
            "DURATION": [["NUM", "REL_A?", "UNIT"], ["REL_B", "NUM", "UNIT"], ["NUM_UNIT"]],
            "AGO": [["AGO_B", "NUM", "UNIT"], ["NUM", "UNIT", "AGO_A"]],
            "SET": [
                ["SET_EACH", "NUM?", "UNIT"], ["SET_EACH", "WEEKDAY"], ["SET_ALL", "NUM?", "UNIT"],
                ["SET_ALL", "WEEKDAY"], ["SET_PER", "UNIT_SING"], ["SET_WORD"],
            ],
            "TIME": [["CLOCK"], ["HOUR", "HMARK", "MINUTE?"], ["NAMED_TIME"]],
        }  # fmt: skip
        for order in self.textual_orders:
            if order == "DMY":
                rules["DATE"].append(["WEEKDAY?", "DAY", "MONTH", "YEAR?"])
            elif order == "MDY":
                rules["DATE"].append(["WEEKDAY?", "MONTH", "DAY", "COMMA?", "YEAR?"])
        out: dict[str, list[list[dict[str, Any]]]] = {}
        for label, sequences in rules.items():
            out[label] = [p for sequence in sequences for p in self._expand(sequence)]
        return out

    def _expand(self, sequence: Sequence[str]) -> list[list[dict[str, Any]]]:
        choices = []
        for name in sequence:
            alternatives = list(self.classes[name.rstrip("?")])
            if not alternatives and not name.endswith("?"):
                return []
            choices.append(alternatives + [[]] if name.endswith("?") else alternatives)
        patterns = [[token for part in combo for token in part] for combo in itertools.product(*choices)]
        return [p for p in patterns if p]


@dataclass(frozen=True, slots=True)
class _Candidate:
    label: str
    start: int
    end: int


class DateRecognizer:
    """Find temporal expressions (``match``), then resolve and write them (``set_annotations``)."""

    def __init__(self, nlp: Language, name: str, dateline_chars: int) -> None:
        self.name = name
        self.dateline_chars = dateline_chars
        self.lexicon = DateLexicon(nlp.lang, load_language_data(nlp.lang, "dates", keys=DATA_KEYS), nlp.tokenizer)
        self.matcher = Matcher(nlp.vocab)
        self.labels: dict[int, str] = {}
        for label, patterns in self.lexicon.patterns().items():
            if patterns:
                self.matcher.add(label, patterns)
                self.labels[nlp.vocab.strings[label]] = label

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    # -- find ---------------------------------------------------------------------------------------------------

    def match(self, doc: Doc) -> list[Found]:
        """Temporal expressions of ``doc`` in text order, read but not yet resolved."""
        candidates = [
            _Candidate(self.labels[key], offset + start, offset + end)
            for offset, stop in self._windows(doc)
            for key, start, end in self.matcher(doc[offset:stop])
        ]
        candidates.sort(key=lambda c: (-(doc[c.end - 1].idx + len(doc[c.end - 1]) - doc[c.start].idx), c.start))
        taken = bytearray(len(doc))
        chosen: list[tuple[int, int, Expression]] = []
        for candidate in candidates:
            if any(taken[candidate.start : candidate.end]):
                continue
            try:
                expression = self._read(doc, candidate)
            except (ValueError, OverflowError):
                expression = None
            if expression is None:
                continue
            taken[candidate.start : candidate.end] = b"\x01" * (candidate.end - candidate.start)
            chosen.append((candidate.start, candidate.end, expression))
        chosen.sort(key=lambda item: item[0])
        chosen = self._range_years(doc, chosen, taken)
        chosen = self._merge_times(doc, chosen)
        return [(doc[s].idx, doc[e - 1].idx + len(doc[e - 1]), x) for s, e, x in chosen]

    def _windows(self, doc: Doc) -> list[tuple[int, int]]:
        """Disjoint token windows around the words that can anchor a temporal expression; the Matcher runs once
        over each, which keeps its cost off the (vast) date-free stretches of a text."""
        lex, size, windows = self.lexicon, len(doc), []
        for token in doc:
            text = token.lower_
            if not (
                text in lex.triggers
                or (not token.is_alpha and any(c.isdigit() for c in text))
                or ("-" in text and lex.part_token_re.match(text))
            ):
                continue
            start, stop = max(0, token.i - _WINDOW_BEFORE), min(size, token.i + _WINDOW_AFTER + 1)
            if windows and start <= windows[-1][1]:
                windows[-1] = (windows[-1][0], stop)
            else:
                windows.append((start, stop))
        return windows

    def _read(self, doc: Doc, candidate: _Candidate) -> Expression | None:
        lex, label = self.lexicon, candidate.label
        span = doc[candidate.start : candidate.end]
        words = [_norm(t.text) for t in span]
        if tuple(words) in lex.vague_phrases or (
            candidate.start and _norm(doc[candidate.start - 1].text) in lex.vague_words
        ):
            return None
        if label == "YEAR":
            return self._context_year(doc, candidate.start)
        if label == "DECADE":
            year = int(span[-1].text)
            return Expression("calendar", decade=year // 10) if year % 10 == 0 and _in_year_range(year) else None
        if label in ("MONTH", "SEASON", "PART_YEAR"):
            return self._month_or_season(doc, candidate, words)
        if label == "DATE":
            return self._date(span, words)
        if label == "PERIOD":
            return self._period(span, words)
        if label in ("RELATIVE", "ANCHOR"):
            unit = next(lex.units[w] for w in words if w in lex.units)
            offset = next((lex.relative[w] for w in words if w in lex.relative), 0)
            part = next((lex.parts[w] for w in words if w in lex.parts), None)
            return Expression("relative", unit=unit, offset=offset, part=part)
        if label == "NAMED":
            offset = next((lex.relative[w] for w in words if w in lex.relative), 0)
            return Expression(
                "named",
                month=next((lex.months[w] for w in words if w in lex.months), None),
                weekday=next((lex.weekdays[w] for w in words if w in lex.weekdays), None),
                season=next((lex.seasons[w] for w in words if w in lex.seasons), None),
                offset=offset,
            )
        if label == "WEEKDAY":
            return Expression("named", weekday=lex.weekdays[words[0]], direction=_tense_direction(span[0]))
        if label == "DEICTIC":
            return Expression("relative", unit="D", offset=lex.deictic_days[words[0]])
        if label in ("DURATION", "AGO", "SET"):
            return self._amount(doc, candidate, span, words)
        if label == "TIME":
            return self._time(doc, candidate, words)
        return None

    def _context_year(self, doc: Doc, start: int) -> Expression | None:
        token = doc[start]
        year = int(token.text)
        if not _in_year_range(year) or not self._year_context(doc, start):
            return None
        following = doc[start + 1] if start + 1 < len(doc) else None
        if following is not None and (
            following.like_num or following.text in _QUANTITY_SYMBOLS or following.is_currency
        ):
            return None
        return Expression("calendar", year=year)

    def _year_context(self, doc: Doc, start: int) -> bool:
        return _preceded_by(doc, start, self.lexicon.year_context)

    def _month_or_season(self, doc: Doc, candidate: _Candidate, words: list[str]) -> Expression | None:
        lex = self.lexicon
        month = season = year = part = None
        for token, word in zip(doc[candidate.start : candidate.end], words, strict=True):
            found = lex.part_token_re.match(word)
            if found:
                part = lex.part_prefixes[found.group(1)]
                inner = found.group(2)
                if inner.isdigit():
                    year = int(inner)
                else:
                    month = lex.months[inner]
            elif word in lex.months:
                if not self._month_case_ok(doc, token):
                    return None
                month = lex.months[word]
            elif word in lex.seasons:
                season = lex.seasons[word]
            elif word in lex.parts:
                part = lex.parts[word]
            elif word.isdigit() and len(word) == 4:
                year = int(word)
        if year is not None and not _in_year_range(year):
            return None
        if year is None and part is None and not _preceded_by(doc, candidate.start, lex.month_context):
            return None
        if month is None and season is None and year is None:
            return None
        return Expression("calendar", year=year, month=month, season=season, part=part)

    def _month_case_ok(self, doc: Doc, token: Token) -> bool:
        """A month name capitalized mid-sentence, in a language that writes months in lower case, is a name."""
        if self.lexicon.month_names_capitalized or not token.is_title:
            return True
        return _sentence_initial(doc, token.i)

    def _date(self, span: Any, words: list[str]) -> Expression | None:
        lex = self.lexicon
        text = span.text
        iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
        if iso:
            return _calendar_date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        for word in words:
            numeric = lex.numdate_re.match(word)
            if numeric:
                first, second, year = int(numeric.group(1)), int(numeric.group(2)), numeric.group(3)
                day, month = (second, first) if lex.numeric_order.startswith("M") else (first, second)
                return _calendar_date(_full_year(year), month, day)
        month = next((lex.months.get(w) or lex.month_abbreviations.get(w) for w in words
                      if w in lex.months or w in lex.month_abbreviations), None)  # fmt: skip
        day = next((int(m.group(1)) for w in words if (m := lex.day_re.match(w))), None)
        year = next((int(w) for w in words if len(w) == 4 and w.isdigit()), None)
        if month is None or day is None or (year is not None and not _in_year_range(year)):
            return None
        month_token = next(
            t for t, w in zip(span, words, strict=True) if w in lex.months or w in lex.month_abbreviations
        )
        if not lex.month_names_capitalized and month_token.is_title and month_token.i == span.start:
            return None
        return _calendar_date(year, month, day)

    def _period(self, span: Any, words: list[str]) -> Expression | None:
        lex = self.lexicon
        year = next((int(w) for w in words if len(w) == 4 and w.isdigit()), None)
        if year is not None and not _in_year_range(year):
            return None
        found = lex.period_re.match(span[0].text)
        if found:
            unit, index = lex.period_prefixes[found.group(1)], int(found.group(2))
        else:
            unit = next(lex.units[w] for w in words if w in lex.units)
            index = lex.ordinals[words[0]]
        if unit == "HY":
            return Expression("calendar", year=year, half=index) if index <= 2 else None
        return Expression("calendar", year=year, quarter=index)

    def _amount(self, doc: Doc, candidate: _Candidate, span: Any, words: list[str]) -> Expression | None:
        lex, label = self.lexicon, candidate.label
        if candidate.start and doc[candidate.start - 1].like_num and doc[candidate.start].like_num:
            return None  # a number cut in the middle ("2 000 ans" read from "000")
        if label == "SET" and words[0] in lex.set_words:
            value = lex.set_words[words[0]]
            return Expression("set", unit=_unit_of(value), amount=float(value[1:-1] or 1))
        unit = amount = None
        numbers: list[str] = []
        for word in words:
            compact = lex.num_unit_re.match(word)
            if compact:
                numbers.append(compact.group(1))
                unit = lex.units[compact.group(2)]
            elif word in lex.units and unit is None:
                unit = lex.units[word]
            elif word in lex.weekdays and label == "SET":
                return Expression("set", weekday=lex.weekdays[word])
            elif unit is None and (word[:1].isdigit() or lex.number_word_re.match(word)):
                numbers.append(word)
        if unit is None:
            return None
        if numbers:
            amount = _parse_number(numbers, lex.lang)
            if amount is None:
                return None
        if label == "DURATION":
            if amount is None:
                return None
            if unit == "H" and amount == int(amount) <= 24 and _preceded_by(doc, candidate.start, lex.time_context):
                return Expression("time", hour=int(amount) % 24)  # "à 16 heures" is a clock time
            return Expression("duration", unit=unit, amount=amount)
        if label == "AGO":
            return Expression("ago", unit=unit, amount=amount) if amount is not None else None
        return Expression("set", unit=unit, amount=amount if amount is not None else 1)

    def _time(self, doc: Doc, candidate: _Candidate, words: list[str]) -> Expression | None:
        lex = self.lexicon
        if words[0] in lex.named_times:
            if not _preceded_by(doc, candidate.start, lex.time_context):
                return None
            hour, minute = lex.named_times[words[0]].split(":")
            return Expression("time", hour=int(hour), minute=int(minute))
        found = lex.clock_re.match(words[0])
        if found:
            hour = found.group(1) or found.group(3)
            minute = found.group(2) or found.group(4)
            return Expression("time", hour=int(hour), minute=int(minute) if minute else None)
        hour, minute = int(words[0]), (int(words[2]) if len(words) > 2 else None)
        return Expression("time", hour=hour, minute=minute)

    def _range_years(self, doc: Doc, chosen: list[tuple[int, int, Expression]], taken: bytearray) -> list:
        """A year joined to an accepted year ("entre 2020 et 2025", "de 2020 à 2025") is a year too."""
        lex = self.lexicon
        extra = []
        for _start, end, expression in chosen:
            if expression.kind != "calendar" or expression.year is None:
                continue
            for joiner in lex.range_joiners:
                after = end + len(joiner)
                if after >= len(doc) or taken[after] or tuple(_norm(t.text) for t in doc[end:after]) != joiner:
                    continue
                token = doc[after]
                if token.text.isdigit() and len(token.text) == 4 and _in_year_range(int(token.text)):
                    following = doc[after + 1] if after + 1 < len(doc) else None
                    if following is None or not (following.like_num or following.text in _QUANTITY_SYMBOLS):
                        extra.append((after, after + 1, Expression("calendar", year=int(token.text))))
                        taken[after] = 1
        return sorted(chosen + extra, key=lambda item: item[0])

    def _merge_times(self, doc: Doc, chosen: list[tuple[int, int, Expression]]) -> list:
        """A date followed by a clock time ("23/02/2025 à 19:19") is one TIME expression."""
        lex = self.lexicon
        merged: list[tuple[int, int, Expression]] = []
        for item in chosen:
            if merged:
                start, end, previous = merged[-1]
                between = tuple(_norm(t.text) for t in doc[end : item[0]])
                expression = item[2]
                if (
                    previous.kind == "calendar"
                    and previous.day is not None
                    and expression.kind == "time"
                    and previous.hour is None
                    and (not between or between in lex.time_connectors)
                ):
                    merged[-1] = (start, item[1], replace(previous, kind="time", hour=expression.hour,
                                                          minute=expression.minute))  # fmt: skip
                    continue
            merged.append(item)
        return merged

    # -- write --------------------------------------------------------------------------------------------------

    def set_annotations(self, doc: Doc, found: list[Found]) -> None:
        text = doc.text
        dct = parse_iso_date(doc._.news_dct)
        if dct is None:
            dateline = self.dateline(doc, text, found)
            if dateline is not None:
                doc._.news_dct = dateline.isoformat()
                dct = dateline
        scopes = self.post_scopes(text, found)
        dates: list[Timex] = []
        for start, end, expression in found:
            reference = next((date for s, e, date in scopes if s <= start < e), dct)
            resolved = resolve(expression, reference)
            if resolved is None:
                continue
            dates.append(Timex(f"t{len(dates) + 1}", start, end, text[start:end], resolved[0], resolved[1]))
        doc._.news_dates = dates

    def dateline(self, doc: Doc, text: str, found: list[Found]) -> dt.date | None:
        """The publication date of a dateline near the top: a full date alone on its line or after a cue."""
        for start, end, expression in found:
            if start >= self.dateline_chars:
                break
            if expression.year is None or expression.month is None or expression.day is None:
                continue
            line_start = text.rfind("\n", 0, start) + 1
            line_end = text.find("\n", end)
            line_end = len(text) if line_end < 0 else line_end
            before = doc.char_span(line_start, start, alignment_mode="expand")
            after = doc.char_span(end, line_end, alignment_mode="expand")
            words = [_norm(t.text) for part in (before, after) if part is not None for t in part if t.is_alpha]
            cue = before is not None and any(
                tuple(_norm(t.text) for t in before[i : i + len(c)]) == c
                for c in self.lexicon.dateline_cues
                for i in range(len(before))
            )
            if not words or all((w,) in self.lexicon.dateline_cues for w in words) or (cue and len(words) <= 6):
                return dt.date(expression.year, expression.month, expression.day)
        return None

    def post_scopes(self, text: str, found: list[Found]) -> list[tuple[int, int, dt.date]]:
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
                or head[0] not in _DASHES
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


def _unit_of(duration: str) -> str:
    return "MIN" if duration.startswith("PT") and duration.endswith("M") else duration[-1]


def _parse_number(words: list[str], lang: str) -> float | None:
    if all(w.replace(",", ".").replace(".", "", 1).isdigit() for w in words):
        if len(words) > 1:
            return float("".join(words))
        return float(words[0].replace(",", "."))
    if len(words) != 1:
        return None
    return float(text2num(words[0], lang))


def _calendar_date(year: int | None, month: int, day: int) -> Expression | None:
    if year is not None and not _in_year_range(year):
        return None
    try:
        dt.date(year if year is not None else 2000, month, day)
    except ValueError:
        return None
    return Expression("calendar", year=year, month=month, day=day)


def _full_year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 70 else 1900
    return year


def _in_year_range(year: int) -> bool:
    return _YEAR_RANGE[0] <= year <= _YEAR_RANGE[1]


def _preceded_by(doc: Doc, start: int, phrases: set[tuple[str, ...]]) -> bool:
    for phrase in phrases:
        size = len(phrase)
        if size <= start and tuple(_norm(t.text) for t in doc[start - size : start]) == phrase:
            return True
    return False


def _sentence_initial(doc: Doc, i: int) -> bool:
    if i == 0:
        return True
    previous = doc[i - 1]
    return (
        previous.is_space
        or previous.text in _SENTENCE_BREAKS
        or "\n" in previous.whitespace_
        or bool(doc[i].is_sent_start)
    )


def _tense_direction(token: Token) -> int:
    """+1 when the governing verb is in the future or conditional ("annoncera lundi"), else -1."""
    head = token.head
    for word in (head, *head.children):
        if "Fut" in word.morph.get("Tense") or "Cnd" in word.morph.get("Mood"):
            return 1
    return -1


@Language.factory(
    "news_dates",
    assigns=["doc._.news_dates", "doc._.news_dct"],
    default_config={"dateline_chars": 400},
)
def make_dates(nlp: Language, name: str, dateline_chars: int) -> DateRecognizer:
    """The ``news_dates`` component for ``nlp.lang``; ``dateline_chars``: how far from the top a dateline may be."""
    return DateRecognizer(nlp, name, dateline_chars)
