"""The ``news_dates`` component: temporal expressions normalized TIMEX3-style against the article's own date.

Sets ``doc._.news_dates`` (list of :class:`pipeline.records.Timex`, ids t1.. in text order) and, when the caller left
``doc._.news_dct`` None and the top of the text has a dateline ("- 23/02/2025 à 19:19", "Publié le 3 mars 2025"),
``doc._.news_dct`` (ISO "YYYY-MM-DD").

Detection is one spaCy Matcher pass over patterns built from ``pipeline/resources/<lang>/dates.json``; the words of
each match are read into a :class:`pipeline.grammar.timex.Expression`, which
:func:`pipeline.grammar.timex.resolve` normalizes.
Reference date: a date-signed quoted post ("– Sam Altman (@sama) 20 juillet 2025" under its text) is the reference
for the line above the signature; elsewhere the dct. Without a reference, see :mod:`pipeline.grammar.timex`.
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

from pipeline.components import extensions  # noqa: F401  (registers doc._.news_* attributes)
from pipeline.grammar.timex import Expression, parse_iso_date, resolve
from pipeline.language import load_language_data
from pipeline.records import Timex

DATA_KEYS = frozenset(
    {
        "months", "month_abbreviations", "month_names_capitalized", "weekdays", "seasons", "day_suffixes",
        "textual_date_orders", "numeric_date_order", "hour_markers", "hour_words", "named_times", "time_context",
        "time_connectors", "deictic_days", "articles", "this", "this_suffixes", "relative_before", "relative_after",
        "ago_before", "ago_after", "units", "plural_units", "number_words", "number_joiners",
        "ordinals", "period_prefixes", "parts", "part_prefixes", "part_linkers", "year_context", "month_context",
        "range_joiners", "decade_cues", "set_each", "set_all", "set_per", "set_words", "vague_words",
        "vague_phrases", "dateline_cues", "am_markers", "pm_markers", "day_parts", "day_part_linkers",
        "anaphoric_days", "anaphoric_relative", "later_before", "whole_prefixes", "day_ordinals", "range_starts",
        "range_start_joiners", "not_dates", "minute_words", "minute_links", "minute_fractions",
        "bare_day_articles", "day_context",
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
        self.am_markers = set(_variants(data["am_markers"]))
        self.pm_markers = set(_variants(data["pm_markers"]))
        self.day_parts = {_norm(k): v for k, v in data["day_parts"].items()}
        self.day_part_linkers = {self._phrase(p) for p in data["day_part_linkers"]}
        self.anaphoric_days = {_norm(k): v for k, v in data["anaphoric_days"].items()}
        self.anaphoric_relative = {_norm(k): v for k, v in data["anaphoric_relative"].items()}
        self.later_before = {self._phrase(p) for p in data["later_before"]}
        self.whole_prefixes = {self._phrase(p) for p in data["whole_prefixes"]}
        self.day_ordinals = {_norm(k): v for k, v in data["day_ordinals"].items()}
        self.range_starts = {self._phrase(p) for p in data["range_starts"]}
        self.range_start_joiners = {self._phrase(p) for p in data["range_start_joiners"]}
        self.joiner_edges = {j[0] for j in self.range_joiners} | {j[-1] for j in self.range_joiners}
        self.not_dates = set(_variants(data["not_dates"]))
        self.hour_words = set(_variants(data["hour_words"]))
        self.minute_words = set(_variants(data["minute_words"]))
        self.minute_links = {_norm(k): v for k, v in data["minute_links"].items()}
        self.minute_fractions = {self._phrase(k): v for k, v in data["minute_fractions"].items()}

        suffixes = _alternation(data["day_suffixes"])
        self.day_re = re.compile(
            rf"^(0?[1-9]|[12]\d|3[01])(?:{suffixes})?$" if suffixes else r"^(0?[1-9]|[12]\d|3[01])$"
        )
        markers = _alternation(data["hour_markers"])
        ampm = _alternation([*data["am_markers"], *data["pm_markers"]])
        hour = r"[01]?\d|2[0-3]"
        body = rf"(?P<h1>{hour}):(?P<m1>[0-5]\d)(?::(?P<s1>[0-5]\d))?"
        if markers:
            body += rf"|(?P<h2>{hour})(?:{markers})(?P<m2>[0-5]\d)?"
        if ampm:
            body += rf"|(?P<h3>1[0-2]|0?[1-9])(?=(?:{ampm})$)"
        self.clock_re = re.compile(rf"^(?:{body})(?:{ampm})?$" if ampm else rf"^(?:{body})$")
        self.numdate_re = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})$")
        self.daymonth_re = re.compile(r"^(\d{1,2})/(\d{1,2})$")
        names = _alternation([*data["months"], *data["month_abbreviations"]])
        self.month_names_re = names
        self.named_numdate_re = re.compile(  # "23/sep/2020", "2020/sep/23", "oct/2"
            rf"^(?:(?P<d1>\d{{1,2}})/(?P<n1>{names})/(?P<y1>\d{{4}})|(?P<y2>\d{{4}})/(?P<n2>{names})/(?P<d2>\d{{1,2}})"
            rf"|(?P<n3>{names})/(?P<d3>\d{{1,2}}))$"
        )
        self.bare_day_articles = {self._phrase(p) for p in data["bare_day_articles"]}
        self.day_context = {self._phrase(p) for p in data["day_context"]}
        self.part_token_re = re.compile(rf"^({_alternation(self.part_prefixes)})(\d{{4}}|{_alternation(self.months)})$")
        self.period_re = re.compile(rf"^({'|'.join(map(re.escape, self.period_prefixes))})([1-4])$")
        self.num_unit_re = re.compile(rf"^(\d+(?:[.,]\d+)?)({_alternation(self.units)})$")
        number = _alternation(self.number_words)
        joiner = _alternation(self.number_joiners)
        glue = rf"(?:-(?:(?:{joiner})-)?)" if joiner else "-"
        self.number_word_re = re.compile(rf"^(?:{number})(?:{glue}(?:{number}))*$")

        self.classes = self._classes(data)
        anchors = ("months", "month_abbreviations", "weekdays", "seasons", "deictic_days", "units", "named_times",
                   "set_words", "ordinals", "parts", "relative_before", "relative_after", "day_parts",
                   "anaphoric_days", "anaphoric_relative")  # fmt: skip
        self.triggers = set(_variants(word for key in anchors for word in data[key]))

    def _phrase(self, text: str) -> tuple[str, ...]:
        """The tokens of ``text`` as the tokenizer splits them in running text (an elided "l'" stays whole,
        a suffix "-ci" is split as after a word)."""
        text = _norm(text)
        if text.endswith("'") and " " not in text:
            return (text,)
        if text.startswith("-") and len(text) > 1:
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
        if data["number_joiners"]:  # "vingt et un" written with spaces
            spelled = {"LOWER": {"REGEX": self.number_word_re.pattern}}
            number.append([spelled, {"LOWER": {"IN": _variants(data["number_joiners"])}}, spelled])
        two = {"TEXT": {"REGEX": r"^\d{1,2}$"}}
        return {
            "DM": regex(self.daymonth_re, "TEXT"),
            "NAMED_TAIL": [[{"LOWER": {"REGEX": rf"^(?:{self.month_names_re})/\d{{1,4}}$"}}]],
            "SLASH": [[{"ORTH": "/"}]],
            "HHMM": [[{"TEXT": {"REGEX": r"^(?:0?\d|1[0-2])[0-5]\d$"}}]],
            "D2": [[{"TEXT": {"REGEX": r"^(0[1-9]|[12]\d|3[01])$"}}]],
            "M2": [[{"TEXT": {"REGEX": r"^(0[1-9]|1[0-2])$"}}]],
            "Y2": [[{"TEXT": {"REGEX": r"^(\d{2}|\d{4})$"}}]],
            "DAY_ORD": words(data["day_ordinals"]),
            "DAY_WORD": [[{"LOWER": {"REGEX": self.number_word_re.pattern}}]],
            "AMPM": words([*data["am_markers"], *data["pm_markers"]]),
            "DAYPART": words(data["day_parts"]),
            "DP_LINK": words(data["day_part_linkers"]),
            "HOUR_WORD": words(data["hour_words"]),
            "MIN_WORD": words(data["minute_words"]),
            "MIN_LINK": words(data["minute_links"]),
            "MIN_FRACTION": words(data["minute_fractions"]),
            "DIGITS": [[{"TEXT": {"REGEX": r"^\d{1,2}$"}}]],
            "HOUR_NUM": [[{"TEXT": {"REGEX": r"^([01]?\d|2[0-3])$"}}], *number[1:2], *number[-1:]],
            "MIN_NUM": [[{"TEXT": {"REGEX": r"^[0-5]?\d$"}}], *number[1:2]],
            "ANA_DAY": words(data["anaphoric_days"]),
            "ANA_REL": words(data["anaphoric_relative"]),
            "WHOLE": words(data["whole_prefixes"]),
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
            "DATE": [
                ["WEEKDAY?", "NUMDATE"], ["ISO"], ["WEEKDAY?", "DAY", "MONTH_ABBR", "YEAR"], ["WEEKDAY?", "DM"],
                ["D2", "M2", "Y2"], ["YEAR", "SLASH", "NAMED_TAIL"], ["DAY", "SLASH", "NAMED_TAIL"], ["NAMED_TAIL"],
            ],
            "MONTH": [["PART", "LINK?", "MONTH", "YEAR?"], ["MONTH", "YEAR?"], ["PART_TOKEN", "YEAR?"]],
            "PART_YEAR": [["PART", "LINK?", "YEAR"]],
            "YEAR": [["YEAR"]],
            "DECADE": [["DECADE_CUE", "YEAR"]],
            "SEASON": [["SEASON", "YEAR?"]],
            "PERIOD": [["PERIOD_TOKEN", "YEAR"], ["ORD", "UNIT_PERIOD", "LINK?", "YEAR?"]],
            "RELATIVE": [
                ["ART?", "UNIT_SING", "REL_A"], ["ART?", "REL_B", "UNIT_SING"], ["THIS", "UNIT_SING", "THIS_SUFFIX?"],
                ["ART?", "UNIT_SING", "ANA_REL"], ["ART?", "ANA_REL", "UNIT_SING"],
            ],
            "NAMED": [
                ["MONTH", "REL_A"], ["REL_B", "MONTH"], ["THIS", "MONTH"], ["WEEKDAY", "REL_A"], ["REL_B", "WEEKDAY"],
                ["THIS", "WEEKDAY"], ["ART?", "SEASON", "REL_A"], ["REL_B", "SEASON"], ["THIS", "SEASON"],
            ],
            "WEEKDAY": [["WEEKDAY"]],
            "DEICTIC": [["DEICTIC"], ["ANA_DAY"]],
            "DAYPART": [["THIS", "DAYPART"], ["DAYPART"]],
            "ANCHOR": [
                ["ART?", "PART", "LINK", "ART?", "UNIT_SING", "REL_A?"], ["ART?", "PART", "LINK", "THIS", "UNIT_SING"],
            ],
            "DURATION": [["NUM", "REL_A?", "UNIT"], ["REL_B", "NUM", "UNIT"], ["NUM_UNIT"], ["WHOLE", "UNIT_SING"]],
            "AGO": [["AGO_B", "NUM", "UNIT"], ["NUM", "UNIT", "AGO_A"]],
            "SET": [
                ["SET_EACH", "NUM?", "UNIT"], ["SET_EACH", "WEEKDAY"], ["SET_ALL", "NUM?", "UNIT"],
                ["SET_ALL", "WEEKDAY"], ["SET_PER", "UNIT_SING"], ["SET_WORD"],
            ],
            "TIME": [
                ["CLOCK", "AMPM?"], ["HOUR", "HMARK", "MINUTE?"], ["HOUR", "AMPM"], ["HHMM", "AMPM"], ["NAMED_TIME"],
                ["DIGITS", "DP_LINK?", "DAYPART"], ["HOUR_NUM", "DP_LINK", "DAYPART"],
                ["HOUR_NUM", "HOUR_WORD", "MIN_LINK?", "MIN_NUM", "MIN_WORD?"],
                ["HOUR_NUM", "HOUR_WORD", "MIN_LINK", "MIN_FRACTION"],
                ["HOUR", "HMARK", "MIN_LINK", "MIN_NUM", "MIN_WORD?"], ["HOUR", "HMARK", "MIN_LINK", "MIN_FRACTION"],
            ],
        }  # fmt: skip
        for order in self.textual_orders:
            if order == "DMY":
                rules["DATE"].append(["WEEKDAY?", "DAY", "MONTH", "YEAR?"])
                rules["DATE"].append(["WEEKDAY?", "DAY_ORD", "MONTH", "YEAR?"])
                rules["DATE"].append(["WEEKDAY?", "DAY_WORD", "MONTH", "YEAR?"])
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
            if name.endswith("?") and len(alternatives) == 1 and len(alternatives[0]) == 1:
                choices.append([[{**alternatives[0][0], "OP": "?"}]])  # one pattern instead of two
                continue
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
        windows, digits = self._windows(doc)
        candidates = [
            _Candidate(self.labels[key], offset + start, offset + end)
            for offset, stop in windows
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
        chosen = self._bare_days(doc, chosen, taken, digits)
        chosen = self._attach(doc, chosen, parts_only=True)
        chosen = self._ranges(doc, chosen, taken)
        chosen = self._attach(doc, chosen, parts_only=False)
        return [(doc[s].idx, doc[e - 1].idx + len(doc[e - 1]), x) for s, e, x in chosen]

    def _windows(self, doc: Doc) -> tuple[list[tuple[int, int]], list[int]]:
        """Disjoint token windows around the words that can anchor a temporal expression (the Matcher runs once
        over each, which keeps its cost off the (vast) date-free stretches of a text), and the all-digit tokens."""
        lex, size, windows, digits = self.lexicon, len(doc), [], []
        for token in doc:
            text = token.lower_
            has_digit = not token.is_alpha and any(c.isdigit() for c in text)
            if has_digit and text.isdigit():
                digits.append(token.i)
            if not (text in lex.triggers or has_digit or ("-" in text and lex.part_token_re.match(text))):
                continue
            start, stop = max(0, token.i - _WINDOW_BEFORE), min(size, token.i + _WINDOW_AFTER + 1)
            if windows and start <= windows[-1][1]:
                windows[-1] = (windows[-1][0], stop)
            else:
                windows.append((start, stop))
        return windows, digits

    def _read(self, doc: Doc, candidate: _Candidate) -> Expression | None:
        lex, label = self.lexicon, candidate.label
        span = doc[candidate.start : candidate.end]
        words = [_norm(t.text) for t in span]
        if (
            tuple(words) in lex.vague_phrases
            or (candidate.start and _norm(doc[candidate.start - 1].text) in lex.vague_words)
            or any(w in lex.not_dates for w in words)
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
            anaphoric = next((lex.anaphoric_relative[w] for w in words if w in lex.anaphoric_relative), None)
            offset = next((lex.relative[w] for w in words if w in lex.relative), 0)
            part = next((lex.parts[w] for w in words if w in lex.parts), None)
            if anaphoric is not None:
                return Expression("relative", unit=unit, offset=anaphoric, part=part, anaphoric=True)
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
            if words[0] in lex.anaphoric_days:
                return Expression("relative", unit="D", offset=lex.anaphoric_days[words[0]], anaphoric=True)
            return Expression("relative", unit="D", offset=lex.deictic_days[words[0]])
        if label == "DAYPART":
            part = lex.day_parts[words[-1]]
            if len(words) > 1:  # "ce soir": today's evening
                return Expression("relative", unit="D", offset=0, day_part=part)
            return Expression("daypart", day_part=part)  # resolved only when attached to a day or a clock time
        if label == "DURATION" and tuple(words[:-1]) in lex.whole_prefixes:
            return Expression("duration", unit=lex.units[words[-1]], amount=1)
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
        if year is None and month is not None and part is None:
            # "a promis en octobre" in a January article is last October; "signera en mars", next March.
            tense = _verb_tense(doc[candidate.start])
            if tense:
                return Expression("named", month=month, offset=None, direction=tense)
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
        named = lex.named_numdate_re.match(_norm(text)) if "/" in text else None
        if named:
            g = named.groupdict()
            name = g["n1"] or g["n2"] or g["n3"]
            year = g["y1"] or g["y2"]
            month = lex.months.get(name) or lex.month_abbreviations.get(name)
            return _calendar_date(int(year) if year else None, month, int(g["d1"] or g["d2"] or g["d3"]))
        for word in words:
            numeric = lex.numdate_re.match(word) or lex.daymonth_re.match(word)
            if numeric:
                first, second = int(numeric.group(1)), int(numeric.group(2))
                year = _full_year(numeric.group(3)) if numeric.re is lex.numdate_re else None
                day, month = (second, first) if lex.numeric_order.startswith("M") else (first, second)
                if year is None and (_next_to_number(span) or not self._day_context(span)):
                    return None  # "1/2 pizza", "3/4 des ...": fractions or scores
                return _calendar_date(year, month, day)
        if len(words) == 3 and all(w.isdigit() for w in words):  # "02 04 2009": not inside a longer digit run
            if _next_to_number(span):
                return None
            first, second = int(words[0]), int(words[1])
            day, month = (second, first) if lex.numeric_order.startswith("M") else (first, second)
            return _calendar_date(_full_year(words[2]), month, day)
        month_index = next((i for i in range(len(words) - 1, -1, -1)
                            if words[i] in lex.months or words[i] in lex.month_abbreviations), None)  # fmt: skip
        if month_index is None:
            return None
        month = lex.months.get(words[month_index]) or lex.month_abbreviations.get(words[month_index])
        day = next((d for w in words[:month_index] + words[month_index + 1 :] if (d := self._day(w)) is not None), None)
        year = next((int(w) for w in words if len(w) == 4 and w.isdigit()), None)
        if month is None or day is None or (year is not None and not _in_year_range(year)):
            return None
        month_token = span[month_index]
        if not lex.month_names_capitalized and month_token.is_title and month_token.i == span.start:
            return None
        return _calendar_date(year, month, day)

    def _day_context(self, span: Any) -> bool:
        """A year-less "22/04" is a date at the start of a text or clause, after a weekday, a range joiner or a
        word that introduces a day ("le", "du", "dès")."""
        doc, start = span.doc, span.start
        if start == 0 or _norm(span[0].text) in self.lexicon.weekdays:
            return True
        previous = doc[start - 1]
        return (
            previous.is_punct
            or "\n" in previous.whitespace_
            or _preceded_by(doc, start, self.lexicon.day_context)
            or _preceded_by(doc, start, self.lexicon.range_joiners)
        )

    def _day(self, word: str) -> int | None:
        """The day number of ``word``: "5", "1er", "premier", "vingt-neuf"."""
        lex = self.lexicon
        found = lex.day_re.match(word)
        if found:
            return int(found.group(1))
        if word in lex.day_ordinals:
            return lex.day_ordinals[word]
        if lex.number_word_re.match(word):
            value = text2num(word, lex.lang)
            return value if 1 <= value <= 31 else None
        return None

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
            elif unit is None and (
                word[:1].isdigit() or lex.number_word_re.match(word) or (numbers and word in lex.number_joiners)
            ):
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
            if (
                unit in _CALENDAR_UNITS
                and amount == int(amount)
                and _preceded_by(doc, candidate.start, lex.later_before)
            ):
                return Expression("ago", unit=unit, amount=amount, direction=1)  # "dans cinq ans": a point in time
            return Expression("duration", unit=unit, amount=amount)
        if label == "AGO":
            return Expression("ago", unit=unit, amount=amount) if amount is not None else None
        return Expression("set", unit=unit, amount=amount if amount is not None else 1)

    def _time(self, doc: Doc, candidate: _Candidate, words: list[str]) -> Expression | None:
        lex = self.lexicon
        if words[-1] in lex.day_parts:  # "6 de l'après-midi", "sept du matin"
            hour = _parse_number(words[:1], lex.lang)
            if hour is None or hour != int(hour) or not 0 <= hour <= 23:
                return None
            return _in_part(Expression("time", hour=int(hour)), lex.day_parts[words[-1]])
        at = next((i for i, w in enumerate(words) if w in lex.hour_words or w in lex.hour_markers), None)
        if at is not None and at + 1 < len(words):
            return self._spelled_clock(doc, candidate, words, at)
        if words[0] in lex.named_times:
            if not _preceded_by(doc, candidate.start, lex.time_context):
                return None
            return Expression("time", hour=int(lex.named_times[words[0]]))  # "midi" states no minutes: T12
        found = lex.clock_re.match(words[0])
        second = None
        if found:
            groups = found.groupdict()
            hour = int(groups["h1"] or groups.get("h2") or groups.get("h3"))
            minute_text = groups["m1"] or groups.get("m2")
            minute = int(minute_text) if minute_text else None
            second = int(groups["s1"]) if groups["s1"] else None
        elif len(words[0]) in (3, 4):  # "1140 a.m."
            hour, minute = int(words[0][:-2]), int(words[0][-2:])
        else:
            hour = int(words[0])
            minute = int(words[2]) if len(words) > 2 and words[2].isdigit() else None
        suffix = words[-1]
        if any(suffix.endswith(m) for m in lex.pm_markers) and hour < 12:
            hour += 12
        elif any(suffix.endswith(m) for m in lex.am_markers) and hour == 12:
            hour = 0
        return Expression("time", hour=hour, minute=minute, second=second)

    def _spelled_clock(self, doc: Doc, candidate: _Candidate, words: list[str], at: int) -> Expression | None:
        """ "sept heures dix", "huit heures moins le quart", "à sept heures et vingt-sept minutes", "8 h et vingt".
        With a minute word and no time cue before it ("3 heures 20 minutes") it is a duration, not a clock."""
        lex = self.lexicon
        hour = _parse_number(words[:at], lex.lang)
        rest = words[at + 1 :]
        sign = lex.minute_links.get(rest[0], 0) if rest else 0
        rest = rest[1:] if sign else rest
        following = _norm(doc[candidate.end].text) if candidate.end < len(doc) else ""
        if following in lex.minute_words:
            return None  # the reading that includes the minute word decides
        counted = bool(rest) and rest[-1] in lex.minute_words
        rest = rest[:-1] if counted else rest
        minute = lex.minute_fractions.get(tuple(rest))
        if minute is None:
            minute = _parse_number(rest, lex.lang) if rest else None
        spelled_hour = words[at] in lex.hour_words
        if spelled_hour and counted and not _preceded_by(doc, candidate.start, lex.time_context):
            return None
        if hour is None or minute is None or hour != int(hour) or minute != int(minute):
            return None
        hour, minute = int(hour), int(minute)
        if sign < 0:
            hour, minute = hour - 1, 60 - minute
        if not (0 <= hour <= 23 and 0 <= minute < 60):
            return None
        return Expression("time", hour=hour, minute=minute)

    def _bare_days(self, doc: Doc, chosen: list, taken: bytearray, digits: list[int]) -> list:
        """A day number after "le" that ends a clause ("Le 23, il a signé.") is a day of the reference month."""
        lex, extra = self.lexicon, []
        for article in lex.bare_day_articles:
            size = len(article)
            for i in digits:
                token = doc[i]
                if i < size or taken[i] or self._words(doc, i - size, i) != article:
                    continue
                following = doc[i + 1] if i + 1 < len(doc) else None
                if following is not None and not (following.is_punct and following.text not in _DASHES + "/%"):
                    continue
                day = int(token.text)
                if 1 <= day <= 31:
                    taken[i] = 1
                    extra.append((i, i + 1, Expression("calendar", day=day)))
        return sorted(chosen + extra, key=lambda item: item[0]) if extra else chosen

    def _words(self, doc: Doc, start: int, end: int) -> tuple[str, ...]:
        return tuple(_norm(t.text) for t in doc[start:end])

    def _ranges(self, doc: Doc, chosen: list[tuple[int, int, Expression]], taken: bytearray) -> list:
        """Join two ends into one range ("de 16h à 18h", "entre janvier et mars 2024"), the first end possibly a bare
        number or name read with the second's fields ("du 3 au 10 mars", "5 à 6pm"). Without a start word, a joiner
        that needs one ("et") coordinates: a year after it is a year of its own ("en 2020 et 2021")."""
        out: list[tuple[int, int, Expression]] = []
        for start, end, expression in chosen:
            joined = None
            if out:
                first_start, first_end, first = out[-1]
                between = self._words(doc, first_end, start)
                opened = self._range_start(doc, first_start)
                if self._joins(between, opened) and _compatible(first, expression):
                    joined = (opened if opened is not None else first_start, _join(first, expression))
                    out.pop()
            if joined is None:
                joined = self._bare_start(doc, start, expression, taken)
            if joined is not None:
                start, expression = joined
            out.append((start, end, expression))
        return self._year_ends(doc, out, taken)

    def _range_start(self, doc: Doc, start: int) -> int | None:
        """Index of a range start word ("de", "entre") just before token ``start``, or None."""
        for phrase in self.lexicon.range_starts:
            if len(phrase) <= start and self._words(doc, start - len(phrase), start) == phrase:
                return start - len(phrase)
        return None

    def _joins(self, between: tuple[str, ...], opened: int | None) -> bool:
        lex = self.lexicon
        return between in lex.range_joiners and (opened is not None or between not in lex.range_start_joiners)

    def _bare_start(self, doc: Doc, start: int, end_expression: Expression, taken: bytearray) -> tuple | None:
        """(first token, range) when a bare first end and a joiner precede ``end_expression``."""
        if start < 2 or _norm(doc[start - 1].text) not in self.lexicon.joiner_edges:
            return None
        for joiner in self.lexicon.range_joiners:
            at = start - len(joiner) - 1
            if at < 0 or taken[at] or self._words(doc, at + 1, start) != joiner:
                continue
            opened = self._range_start(doc, at)
            if not self._joins(joiner, opened):
                continue
            first = self._bare_end(doc[at], end_expression)
            if first is not None:
                return (opened if opened is not None else at), replace(first, until=_as_clock(end_expression))
        return None

    def _bare_end(self, token: Token, other: Expression) -> Expression | None:
        """``token`` read as the first end of a range whose second end is ``other``, or None."""
        lex, word = self.lexicon, _norm(token.text)
        clock = _as_clock(other)
        if clock.kind == "time" and clock.day is None and clock.hour is not None and clock.until is None:
            if word.isdigit() and int(word) <= 23:
                hour = int(word)
                if hour + 12 < clock.hour:  # "5 à 6pm": the first end shares the afternoon
                    hour += 12
                return replace(clock, hour=hour, minute=None, second=None)
            return None
        if other.kind != "calendar" or other.until is not None or other.part is not None:
            return None
        if other.day is not None:
            day = self._day(word)
            return replace(other, day=day) if day is not None else None
        if other.month is not None and word in lex.months:
            return replace(other, month=lex.months[word])
        if other.month is None and other.season is None and other.year is not None and _is_year(token):
            return replace(other, year=int(word))
        return None

    def _year_ends(self, doc: Doc, chosen: list[tuple[int, int, Expression]], taken: bytearray) -> list:
        """A bare year after a year and a joiner: the end of a range, or a year of its own after "et"."""
        out = []
        for start, end, expression in chosen:
            if (
                expression.kind == "calendar"
                and expression.year is not None
                and expression.until is None
                and end < len(doc)
                and _norm(doc[end].text) in self.lexicon.joiner_edges
            ):
                for joiner in self.lexicon.range_joiners:
                    after = end + len(joiner)
                    if after >= len(doc) or taken[after] or self._words(doc, end, after) != joiner:
                        continue
                    token = doc[after]
                    following = doc[after + 1] if after + 1 < len(doc) else None
                    if not _is_year(token) or (
                        following is not None and (following.like_num or following.text in _QUANTITY_SYMBOLS)
                    ):
                        continue
                    taken[after] = 1
                    year = Expression("calendar", year=int(token.text))
                    opened = self._range_start(doc, start)
                    if self._joins(joiner, opened) and expression.month is None and expression.season is None:
                        start, end = (opened if opened is not None else start), after + 1
                        expression = replace(expression, until=year)
                    else:
                        out.append((start, end, expression))
                        start, end, expression = after, after + 1, year
                    break
            out.append((start, end, expression))
        return out

    def _attach(self, doc: Doc, chosen: list[tuple[int, int, Expression]], parts_only: bool) -> list:
        """Merge neighbours: a day and a clock time ("23/02/2025 à 19:19", "mardi 11:00", "4:00 lendemain"),
        a clock time and a part of the day ("4h45 du matin"), a day and a part of the day ("mardi matin"), a clock
        time and a daily or weekly set ("16 heures chaque lundi"). ``parts_only``: only clock time + part of day."""
        lex = self.lexicon
        merged: list[tuple[int, int, Expression]] = []
        for start, end, expression in chosen:
            if merged:
                first_start, first_end, first = merged[-1]
                between = self._words(doc, first_end, start)
                connected = not between or between in lex.time_connectors
                linked = not between or between in lex.day_part_linkers
                result = None
                if _is_clock(first) and expression.kind == "daypart" and linked:
                    result = _in_part(first, expression.day_part)
                elif parts_only:
                    pass
                elif first.kind == "daypart" and _is_clock(expression) and connected:
                    result = _in_part(expression, first.day_part)
                elif _is_day(first) and _is_clock(expression) and connected:
                    result = _with_time(first, expression)
                elif _is_clock(first) and _is_day(expression) and not between:
                    result = _with_time(expression, first)
                elif _is_day(first) and expression.kind == "daypart" and linked:
                    result = replace(first, day_part=expression.day_part)
                elif _is_clock(_as_clock(first)) and _is_daily_set(expression) and not between:
                    clock = _as_clock(first)  # "16 heures chaque lundi"
                    result = replace(expression, hour=clock.hour, minute=clock.minute, second=clock.second)
                elif _is_daily_set(first) and _is_clock(expression) and connected:
                    result = replace(first, hour=expression.hour, minute=expression.minute, second=expression.second)
                if result is not None:
                    merged[-1] = (first_start, end, result)
                    continue
            merged.append((start, end, expression))
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
        last: tuple[dt.date, str] | None = None  # the date mentioned last, for "le lendemain", "l'année suivante"
        for start, end, expression in found:
            reference = next((date for s, e, date in scopes if s <= start < e), dct)
            if expression.anaphoric and last is not None and _fine_enough(last[1], expression.unit):
                reference = last[0]
            resolved = resolve(expression, reference)
            if resolved is None:
                continue
            last = _anchor(resolved[1]) or last
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


_CALENDAR_UNITS = frozenset({"Y", "M", "W", "D", "Q", "HY", "DE", "CE"})


def _is_year(token: Token) -> bool:
    return token.text.isdigit() and len(token.text) == 4 and _in_year_range(int(token.text))


def _as_clock(expression: Expression) -> Expression:
    """An hour count read as a duration ("17 heures" in "16-17 heures") as the clock time it is in a range."""
    if expression.kind == "duration" and expression.unit == "H" and expression.amount in range(25):
        return Expression("time", hour=int(expression.amount) % 24)
    return expression


def _is_clock(expression: Expression) -> bool:
    ends = [expression] if expression.until is None else [expression, expression.until]
    return all(e.kind == "time" and e.hour is not None and e.day is None and e.year is None for e in ends)


def _is_day(expression: Expression) -> bool:
    if expression.until is not None or expression.hour is not None or expression.day_part is not None:
        return False
    if expression.kind == "calendar":
        return expression.day is not None
    return (expression.kind == "named" and expression.weekday is not None) or (
        expression.kind == "relative" and expression.unit == "D"
    )


def _is_daily_set(expression: Expression) -> bool:
    return (
        expression.kind == "set"
        and expression.hour is None
        and (expression.weekday is not None or (expression.unit == "D" and expression.amount == 1))
    )


def _with_time(day: Expression, clock: Expression) -> Expression:
    kind = "time" if day.kind == "calendar" else day.kind
    at = replace(day, kind=kind, hour=clock.hour, minute=clock.minute, second=clock.second)
    if clock.until is None:
        return at
    end = clock.until
    return replace(at, until=replace(day, kind=kind, hour=end.hour, minute=end.minute, second=end.second))


def _in_part(clock: Expression, part: str | None) -> Expression:
    """A clock time read in a part of the day: "6 de l'après-midi" -> 18, "10 heures du soir" -> 22."""
    hour = clock.hour
    if hour is not None and ((part in ("AF", "EV") and hour < 12) or (part == "NI" and 6 <= hour < 12)):
        hour += 12
    return replace(clock, hour=hour)


def _compatible(first: Expression, second: Expression) -> bool:
    """Two expressions that can be the ends of one range."""
    if first.until is not None or second.until is not None:
        return False
    if _is_clock(first) and _is_clock(_as_clock(second)):
        return True
    calendar = ("calendar", "time")
    return (
        first.kind in calendar
        and second.kind in calendar
        and first.part is None
        and second.part is None
        and (first.day is None) == (second.day is None)
        and (first.hour is None) == (second.hour is None)
        and (first.month is None) == (second.month is None)
        and first.season is None
        and second.season is None
        and first.quarter is None
        and second.quarter is None
        and first.decade is None
        and second.decade is None
    )


def _join(first: Expression, second: Expression) -> Expression:
    """The range from ``first`` to ``second``; a first end without a year takes the second's."""
    second = _as_clock(second)
    if first.kind in ("calendar", "time") and first.year is None and first.month is not None:
        first = replace(first, year=second.year)
    return replace(first, until=second)


def _next_to_number(span: Any) -> bool:
    """Whether a number touches ``span`` (a phone number, "1/2 + 3/4")."""
    doc = span.doc
    before = doc[span.start - 1] if span.start else None
    after = doc[span.end] if span.end < len(doc) else None
    return any(t is not None and (t.like_num or t.text in _QUANTITY_SYMBOLS) for t in (before, after))


def _anchor(value: str) -> tuple[dt.date, str] | None:
    """The date and precision ("Y", "M", "D") a resolved value gives an anaphoric expression that follows it."""
    found = re.match(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?(?:$|T)", value)
    if found is None:
        return None
    year, month, day = found.groups()
    try:
        return dt.date(int(year), int(month or 1), int(day or 1)), ("D" if day else "M" if month else "Y")
    except ValueError:
        return None


_ANCHOR_NEEDS = {"Y": "Y", "DE": "Y", "CE": "Y", "M": "M", "Q": "M", "HY": "M", "W": "D", "D": "D"}


def _fine_enough(precision: str, unit: str | None) -> bool:
    order = "YMD"
    need = _ANCHOR_NEEDS.get(unit or "", "D")
    return order.index(precision) >= order.index(need)


def _unit_of(duration: str) -> str:
    return "MIN" if duration.startswith("PT") and duration.endswith("M") else duration[-1]


def _parse_number(words: list[str], lang: str) -> float | None:
    if all(w.replace(",", ".").replace(".", "", 1).isdigit() for w in words):
        if len(words) > 1:
            return float("".join(words))
        return float(words[0].replace(",", "."))
    if any(w[:1].isdigit() for w in words):
        return None
    return float(text2num(" ".join(words), lang))


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
    """+1 when the governing verb or its auxiliary is in the future or conditional ("annoncera lundi", "sera
    annoncé lundi"), else -1. Only auxiliaries: a conditional in a clause it governs says nothing of the day
    ("Lundi, Nvidia a indiqué qu'il passerait une charge")."""
    return 1 if _verb_tense(token) > 0 else -1


def _verb_tense(token: Token) -> int:
    """+1 future or conditional, -1 past (passé composé, imparfait, passé simple), 0 present or no verb, for the verb
    a date hangs from (through a noun if need be) with its auxiliaries."""
    head = next((t for t in (token.head, *token.head.ancestors) if t.pos_ in ("VERB", "AUX")), None)
    if head is None:
        return 0
    auxiliaries = [child for child in head.children if child.dep_.startswith("aux")]
    words = (head, *auxiliaries)
    if any("Fut" in w.morph.get("Tense") or "Cnd" in w.morph.get("Mood") for w in words):
        return 1
    compound_past = any(a.dep_ == "aux:tense" for a in auxiliaries) and "Part" in head.morph.get("VerbForm")
    simple_past = any(("Imp" in w.morph.get("Tense") or "Past" in w.morph.get("Tense"))
                      and "Fin" in w.morph.get("VerbForm") for w in words)
    return -1 if compound_past or simple_past else 0


@Language.factory(
    "news_dates",
    assigns=["doc._.news_dates", "doc._.news_dct"],
    default_config={"dateline_chars": 400},
)
def make_dates(nlp: Language, name: str, dateline_chars: int) -> DateRecognizer:
    """The ``news_dates`` component for ``nlp.lang``; ``dateline_chars``: how far from the top a dateline may be."""
    return DateRecognizer(nlp, name, dateline_chars)
