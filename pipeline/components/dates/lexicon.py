"""The language data of ``news_dates`` compiled once: ``resources/<lang>/dates.json`` read into lookup tables (what a
word means: a month, a unit, an offset...), phrases tokenized as in running text, and the regular expressions of
written dates and times. The Matcher patterns built from it are in :mod:`.patterns`."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from spacy.tokens import Doc
from text_to_num import text2num

from pipeline.components.dates.text import alternation, norm, variants

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


class DateLexicon:
    """The language data of one language, tokenized once into lookup tables and regular expressions."""

    def __init__(self, lang: str, data: dict[str, Any], tokenize: Callable[[str], Doc]) -> None:
        self.lang = lang
        self.tokenize = tokenize
        self.months = {norm(k): v for k, v in data["months"].items()}
        self.month_abbreviations = {norm(k): v for k, v in data["month_abbreviations"].items()}
        self.month_names_capitalized = bool(data["month_names_capitalized"])
        self.weekdays = {norm(k): v for k, v in data["weekdays"].items()}
        self.seasons = {norm(k): v for k, v in data["seasons"].items()}
        self.deictic_days = {norm(k): v for k, v in data["deictic_days"].items()}
        self.relative = {norm(k): v for k, v in {**data["relative_before"], **data["relative_after"]}.items()}
        self.this = set(variants(data["this"]))
        self.units = {norm(k): v for k, v in data["units"].items()}
        self.plural_units = set(variants(data["plural_units"]))
        self.ordinals = {norm(k): v for k, v in data["ordinals"].items()}
        self.parts = {norm(k): v for k, v in data["parts"].items()}
        self.part_prefixes = {norm(k): v for k, v in data["part_prefixes"].items()}
        self.period_prefixes = dict(data["period_prefixes"])
        self.named_times = {norm(k): v for k, v in data["named_times"].items()}
        self.set_words = {norm(k): v for k, v in data["set_words"].items()}
        self.hour_markers = set(variants(data["hour_markers"]))
        self.numeric_order = data["numeric_date_order"]
        self.textual_orders = list(data["textual_date_orders"])
        self.number_words = set(variants(data["number_words"]))
        self.number_joiners = set(variants(data["number_joiners"]))
        self.vague_words = set(variants(data["vague_words"]))
        self.vague_phrases = {self.phrase(p) for p in data["vague_phrases"]}
        self.year_context = {self.phrase(p) for p in data["year_context"]}
        self.month_context = {self.phrase(p) for p in data["month_context"]}
        self.time_context = {self.phrase(p) for p in data["time_context"]}
        self.range_joiners = {self.phrase(p) for p in data["range_joiners"]}
        self.time_connectors = {self.phrase(p) for p in data["time_connectors"]}
        self.dateline_cues = {self.phrase(p) for p in data["dateline_cues"]}
        self.am_markers = set(variants(data["am_markers"]))
        self.pm_markers = set(variants(data["pm_markers"]))
        self.day_parts = {norm(k): v for k, v in data["day_parts"].items()}
        self.day_part_linkers = {self.phrase(p) for p in data["day_part_linkers"]}
        self.anaphoric_days = {norm(k): v for k, v in data["anaphoric_days"].items()}
        self.anaphoric_relative = {norm(k): v for k, v in data["anaphoric_relative"].items()}
        self.later_before = {self.phrase(p) for p in data["later_before"]}
        self.whole_prefixes = {self.phrase(p) for p in data["whole_prefixes"]}
        self.day_ordinals = {norm(k): v for k, v in data["day_ordinals"].items()}
        self.range_starts = {self.phrase(p) for p in data["range_starts"]}
        self.range_start_joiners = {self.phrase(p) for p in data["range_start_joiners"]}
        self.joiner_edges = {j[0] for j in self.range_joiners} | {j[-1] for j in self.range_joiners}
        self.not_dates = set(variants(data["not_dates"]))
        self.hour_words = set(variants(data["hour_words"]))
        self.minute_words = set(variants(data["minute_words"]))
        self.minute_links = {norm(k): v for k, v in data["minute_links"].items()}
        self.minute_fractions = {self.phrase(k): v for k, v in data["minute_fractions"].items()}

        suffixes = alternation(data["day_suffixes"])
        self.day_re = re.compile(
            rf"^(0?[1-9]|[12]\d|3[01])(?:{suffixes})?$" if suffixes else r"^(0?[1-9]|[12]\d|3[01])$"
        )
        markers = alternation(data["hour_markers"])
        ampm = alternation([*data["am_markers"], *data["pm_markers"]])
        hour = r"[01]?\d|2[0-3]"
        body = rf"(?P<h1>{hour}):(?P<m1>[0-5]\d)(?::(?P<s1>[0-5]\d))?"
        if markers:
            body += rf"|(?P<h2>{hour})(?:{markers})(?P<m2>[0-5]\d)?"
        if ampm:
            body += rf"|(?P<h3>1[0-2]|0?[1-9])(?=(?:{ampm})$)"
        self.clock_re = re.compile(rf"^(?:{body})(?:{ampm})?$" if ampm else rf"^(?:{body})$")
        self.numdate_re = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})$")
        self.daymonth_re = re.compile(r"^(\d{1,2})/(\d{1,2})$")
        names = alternation([*data["months"], *data["month_abbreviations"]])
        self.month_names_re = names
        self.named_numdate_re = re.compile(  # "23/sep/2020", "2020/sep/23", "oct/2"
            rf"^(?:(?P<d1>\d{{1,2}})/(?P<n1>{names})/(?P<y1>\d{{4}})|(?P<y2>\d{{4}})/(?P<n2>{names})/(?P<d2>\d{{1,2}})"
            rf"|(?P<n3>{names})/(?P<d3>\d{{1,2}}))$"
        )
        self.bare_day_articles = {self.phrase(p) for p in data["bare_day_articles"]}
        self.day_context = {self.phrase(p) for p in data["day_context"]}
        self.part_token_re = re.compile(rf"^({alternation(self.part_prefixes)})(\d{{4}}|{alternation(self.months)})$")
        self.period_re = re.compile(rf"^({'|'.join(map(re.escape, self.period_prefixes))})([1-4])$")
        self.num_unit_re = re.compile(rf"^(\d+(?:[.,]\d+)?)({alternation(self.units)})$")
        number = alternation(self.number_words)
        joiner = alternation(self.number_joiners)
        glue = rf"(?:-(?:(?:{joiner})-)?)" if joiner else "-"
        self.number_word_re = re.compile(rf"^(?:{number})(?:{glue}(?:{number}))*$")

        anchors = ("months", "month_abbreviations", "weekdays", "seasons", "deictic_days", "units", "named_times",
                   "set_words", "ordinals", "parts", "relative_before", "relative_after", "day_parts",
                   "anaphoric_days", "anaphoric_relative")  # fmt: skip
        self.triggers = set(variants(word for key in anchors for word in data[key]))

    def phrase(self, text: str) -> tuple[str, ...]:
        """The tokens of ``text`` as the tokenizer splits them in running text (an elided "l'" stays whole,
        a suffix "-ci" is split as after a word)."""
        text = norm(text)
        if text.endswith("'") and " " not in text:
            return (text,)
        if text.startswith("-") and len(text) > 1:
            return tuple(norm(t.text) for t in self.tokenize("a" + text))[1:]
        return tuple(norm(t.text) for t in self.tokenize(text))

    def day_number(self, word: str) -> int | None:
        """The day number of ``word``: "5", "1er", "premier", "vingt-neuf"."""
        found = self.day_re.match(word)
        if found:
            return int(found.group(1))
        if word in self.day_ordinals:
            return self.day_ordinals[word]
        if self.number_word_re.match(word):
            value = text2num(word, self.lang)
            return value if 1 <= value <= 31 else None
        return None
