"""The Matcher grammar of ``news_dates``: token classes (each a list of token-pattern alternatives, built from the
language data) and rules (per label, sequences of classes), expanded into spaCy Matcher patterns. No Doc involved."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from typing import Any

from pipeline.components.dates.lexicon import DateLexicon
from pipeline.components.dates.text import norm, variants

TokenPattern = list[dict[str, Any]]  # one Matcher pattern: a sequence of token specifications
TokenClass = list[TokenPattern]  # alternatives


def matcher_patterns(lexicon: DateLexicon, data: dict[str, Any]) -> dict[str, list[TokenPattern]]:
    """Matcher patterns per rule, expanded from sequences of classes ("X?" = optional)."""
    classes = _token_classes(lexicon, data)
    out: dict[str, list[TokenPattern]] = {}
    for label, sequences in _rules(lexicon.textual_orders).items():
        out[label] = [p for sequence in sequences for p in _expand(classes, sequence)]
    return out


def _phrase_alternatives(lexicon: DateLexicon, phrases: Iterable[str]) -> TokenClass:
    """Pattern sequences for ``phrases``: one-token phrases share one IN set, longer ones are spelled out."""
    single, alternatives = [], []
    for phrase in phrases:
        tokens = lexicon.phrase(phrase)
        if len(tokens) == 1:
            single.append(tokens[0])
        elif tokens:
            alternatives.append([{"LOWER": {"IN": variants([t])}} for t in tokens])
    if single:
        alternatives.append([{"LOWER": {"IN": variants(single)}}])
    return alternatives


def _token_classes(lexicon: DateLexicon, data: dict[str, Any]) -> dict[str, TokenClass]:
    def regex(pattern: re.Pattern[str], attr: str = "LOWER") -> TokenClass:
        return [[{attr: {"REGEX": pattern.pattern}}]]

    def words(phrases: Iterable[str]) -> TokenClass:
        return _phrase_alternatives(lexicon, phrases)

    singular_units = [u for u in data["units"] if norm(u) not in lexicon.plural_units]
    period_units = [u for u in singular_units if data["units"][u] in ("Q", "HY")]
    number = [[{"LIKE_NUM": True}], [{"LOWER": {"REGEX": lexicon.number_word_re.pattern}}]]
    digits, group = {"TEXT": {"REGEX": r"^\d{1,3}$"}}, {"TEXT": {"REGEX": r"^\d{3}$"}}
    number += [[digits, group], [digits, group, group]]
    if data["number_joiners"]:  # "vingt et un" written with spaces
        spelled = {"LOWER": {"REGEX": lexicon.number_word_re.pattern}}
        number.append([spelled, {"LOWER": {"IN": variants(data["number_joiners"])}}, spelled])
    two = {"TEXT": {"REGEX": r"^\d{1,2}$"}}
    return {
        "DM": regex(lexicon.daymonth_re, "TEXT"),
        "NAMED_TAIL": [[{"LOWER": {"REGEX": rf"^(?:{lexicon.month_names_re})/\d{{1,4}}$"}}]],
        "SLASH": [[{"ORTH": "/"}]],
        "HHMM": [[{"TEXT": {"REGEX": r"^(?:0?\d|1[0-2])[0-5]\d$"}}]],
        "D2": [[{"TEXT": {"REGEX": r"^(0[1-9]|[12]\d|3[01])$"}}]],
        "M2": [[{"TEXT": {"REGEX": r"^(0[1-9]|1[0-2])$"}}]],
        "Y2": [[{"TEXT": {"REGEX": r"^(\d{2}|\d{4})$"}}]],
        "DAY_ORD": words(data["day_ordinals"]),
        "DAY_WORD": [[{"LOWER": {"REGEX": lexicon.number_word_re.pattern}}]],
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
        "DAY": regex(lexicon.day_re),
        "YEAR": [[{"TEXT": {"REGEX": r"^\d{4}$"}}]],
        "COMMA": [[{"ORTH": ","}]],
        "NUMDATE": regex(lexicon.numdate_re, "TEXT"),
        "ISO": [[{"TEXT": {"REGEX": r"^\d{4}$"}}, {"ORTH": "-"}, two, {"ORTH": "-"}, two]],
        "CLOCK": regex(lexicon.clock_re),
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
        "NUM_UNIT": regex(lexicon.num_unit_re),
        "NUM": number,
        "ORD": words(data["ordinals"]),
        "PERIOD_TOKEN": regex(lexicon.period_re, "TEXT"),
        "PART": words(data["parts"]),
        "PART_TOKEN": regex(lexicon.part_token_re),
        "LINK": words(data["part_linkers"]),
        "DECADE_CUE": words(data["decade_cues"]),
        "SET_EACH": words(data["set_each"]),
        "SET_ALL": words(data["set_all"]),
        "SET_PER": words(data["set_per"]),
        "SET_WORD": words(data["set_words"]),
    }


def _rules(textual_orders: Sequence[str]) -> dict[str, list[list[str]]]:
    """Sequences of class names per label; the textual date orders of the language add their DATE rules."""
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
    for order in textual_orders:
        if order == "DMY":
            rules["DATE"].append(["WEEKDAY?", "DAY", "MONTH", "YEAR?"])
            rules["DATE"].append(["WEEKDAY?", "DAY_ORD", "MONTH", "YEAR?"])
            rules["DATE"].append(["WEEKDAY?", "DAY_WORD", "MONTH", "YEAR?"])
        elif order == "MDY":
            rules["DATE"].append(["WEEKDAY?", "MONTH", "DAY", "COMMA?", "YEAR?"])
    return rules


def _expand(classes: dict[str, TokenClass], sequence: Sequence[str]) -> list[TokenPattern]:
    """Every pattern a sequence of classes spells; none when a required class is empty in this language."""
    choices = []
    for name in sequence:
        alternatives = list(classes[name.rstrip("?")])
        if not alternatives and not name.endswith("?"):
            return []
        if name.endswith("?") and len(alternatives) == 1 and len(alternatives[0]) == 1:
            choices.append([[{**alternatives[0][0], "OP": "?"}]])  # one pattern instead of two
            continue
        choices.append(alternatives + [[]] if name.endswith("?") else alternatives)
    patterns = [[token for part in combo for token in part] for combo in itertools.product(*choices)]
    return [p for p in patterns if p]
