"""Reading the counted and clock expressions: durations ("trois ans", "toute la journée"), points counted back or
ahead ("il y a deux ans", "dans cinq ans"), sets ("chaque lundi", "tous les deux mois") and clock times ("19h30",
"4pm", "sept heures moins le quart", "6 de l'après-midi"). None = not one after all."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from pipeline.components.dates.context import preceded_by
from pipeline.components.dates.expressions import Candidate, in_part
from pipeline.components.dates.lexicon import DateLexicon
from pipeline.components.dates.text import norm, parse_number
from pipeline.grammar.timex import Expression

_CALENDAR_UNITS = frozenset({"Y", "M", "W", "D", "Q", "HY", "DE", "CE"})


def read_amount(lex: DateLexicon, doc: Doc, candidate: Candidate, span: Span, words: list[str]) -> Expression | None:
    """A DURATION, AGO or SET candidate: a number of units, or a set word, or "chaque" + a weekday."""
    label = candidate.label
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
        amount = parse_number(numbers, lex.lang)
        if amount is None:
            return None
    if label == "DURATION":
        if amount is None:
            return None
        if unit == "H" and amount == int(amount) <= 24 and preceded_by(doc, candidate.start, lex.time_context):
            return Expression("time", hour=int(amount) % 24)  # "à 16 heures" is a clock time
        if (
            unit in _CALENDAR_UNITS
            and amount == int(amount)
            and preceded_by(doc, candidate.start, lex.later_before)
        ):
            return Expression("ago", unit=unit, amount=amount, direction=1)  # "dans cinq ans": a point in time
        return Expression("duration", unit=unit, amount=amount)
    if label == "AGO":
        return Expression("ago", unit=unit, amount=amount) if amount is not None else None
    return Expression("set", unit=unit, amount=amount if amount is not None else 1)


def read_time(lex: DateLexicon, doc: Doc, candidate: Candidate, words: list[str]) -> Expression | None:
    """A TIME candidate: a clock time, an hour in a part of the day, a spelled-out clock time or a named time."""
    if words[-1] in lex.day_parts:  # "6 de l'après-midi", "sept du matin"
        hour = parse_number(words[:1], lex.lang)
        if hour is None or hour != int(hour) or not 0 <= hour <= 23:
            return None
        return in_part(Expression("time", hour=int(hour)), lex.day_parts[words[-1]])
    at = next((i for i, w in enumerate(words) if w in lex.hour_words or w in lex.hour_markers), None)
    if at is not None and at + 1 < len(words):
        return _spelled_clock(lex, doc, candidate, words, at)
    if words[0] in lex.named_times:
        if not preceded_by(doc, candidate.start, lex.time_context):
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


def _spelled_clock(lex: DateLexicon, doc: Doc, candidate: Candidate, words: list[str], at: int) -> Expression | None:
    """ "sept heures dix", "huit heures moins le quart", "à sept heures et vingt-sept minutes", "8 h et vingt".
    With a minute word and no time cue before it ("3 heures 20 minutes") it is a duration, not a clock."""
    hour = parse_number(words[:at], lex.lang)
    rest = words[at + 1 :]
    sign = lex.minute_links.get(rest[0], 0) if rest else 0
    rest = rest[1:] if sign else rest
    following = norm(doc[candidate.end].text) if candidate.end < len(doc) else ""
    if following in lex.minute_words:
        return None  # the reading that includes the minute word decides
    counted = bool(rest) and rest[-1] in lex.minute_words
    rest = rest[:-1] if counted else rest
    minute = lex.minute_fractions.get(tuple(rest))
    if minute is None:
        minute = parse_number(rest, lex.lang) if rest else None
    spelled_hour = words[at] in lex.hour_words
    if spelled_hour and counted and not preceded_by(doc, candidate.start, lex.time_context):
        return None
    if hour is None or minute is None or hour != int(hour) or minute != int(minute):
        return None
    hour, minute = int(hour), int(minute)
    if sign < 0:
        hour, minute = hour - 1, 60 - minute
    if not (0 <= hour <= 23 and 0 <= minute < 60):
        return None
    return Expression("time", hour=hour, minute=minute)


def _unit_of(duration: str) -> str:
    """The unit code of an ISO duration from the data ("P1D" -> "D", "PT15M" -> "MIN")."""
    return "MIN" if duration.startswith("PT") and duration.endswith("M") else duration[-1]
