"""Reading a Matcher candidate into an :class:`~pipeline.grammar.timex.Expression`: the choice by rule label, and the
calendar readings (a year in context, months and seasons, written dates, quarters and halves). Durations, sets and
clock times are read in :mod:`.times`. None = the words are not a temporal expression after all."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from pipeline.components.dates.context import (
    QUANTITY_SYMBOLS,
    next_to_number,
    preceded_by,
    sentence_initial,
    tense_direction,
    verb_tense,
)
from pipeline.components.dates.expressions import Candidate, calendar_date
from pipeline.components.dates.lexicon import DateLexicon
from pipeline.components.dates.text import full_year, in_year_range, norm
from pipeline.components.dates.times import read_amount, read_time
from pipeline.grammar.timex import Expression


def read(lex: DateLexicon, doc: Doc, candidate: Candidate) -> Expression | None:
    """The expression ``candidate`` writes, or None. May raise ValueError or OverflowError on numbers out of range."""
    label = candidate.label
    span = doc[candidate.start : candidate.end]
    words = [norm(t.text) for t in span]
    if (
        tuple(words) in lex.vague_phrases
        or (candidate.start and norm(doc[candidate.start - 1].text) in lex.vague_words)
        or any(w in lex.not_dates for w in words)
    ):
        return None
    if label == "YEAR":
        return _context_year(lex, doc, candidate.start)
    if label == "DECADE":
        year = int(span[-1].text)
        return Expression("calendar", decade=year // 10) if year % 10 == 0 and in_year_range(year) else None
    if label in ("MONTH", "SEASON", "PART_YEAR"):
        return _month_or_season(lex, doc, candidate, words)
    if label == "DATE":
        return _date(lex, span, words)
    if label == "PERIOD":
        return _period(lex, span, words)
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
        return Expression("named", weekday=lex.weekdays[words[0]], direction=tense_direction(span[0]))
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
        return read_amount(lex, doc, candidate, span, words)
    if label == "TIME":
        return read_time(lex, doc, candidate, words)
    return None


def _context_year(lex: DateLexicon, doc: Doc, start: int) -> Expression | None:
    token = doc[start]
    year = int(token.text)
    if not in_year_range(year) or not preceded_by(doc, start, lex.year_context):
        return None
    following = doc[start + 1] if start + 1 < len(doc) else None
    if following is not None and (
        following.like_num or following.text in QUANTITY_SYMBOLS or following.is_currency
    ):
        return None
    return Expression("calendar", year=year)


def _month_or_season(lex: DateLexicon, doc: Doc, candidate: Candidate, words: list[str]) -> Expression | None:
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
            if not _month_case_ok(lex, doc, token):
                return None
            month = lex.months[word]
        elif word in lex.seasons:
            season = lex.seasons[word]
        elif word in lex.parts:
            part = lex.parts[word]
        elif word.isdigit() and len(word) == 4:
            year = int(word)
    if year is not None and not in_year_range(year):
        return None
    if year is None and part is None and not preceded_by(doc, candidate.start, lex.month_context):
        return None
    if month is None and season is None and year is None:
        return None
    if year is None and month is not None and part is None:
        # "a promis en octobre" in a January article is last October; "signera en mars", next March.
        tense = verb_tense(doc[candidate.start])
        if tense:
            return Expression("named", month=month, offset=None, direction=tense)
    return Expression("calendar", year=year, month=month, season=season, part=part)


def _month_case_ok(lex: DateLexicon, doc: Doc, token: Token) -> bool:
    """A month name capitalized mid-sentence, in a language that writes months in lower case, is a name."""
    if lex.month_names_capitalized or not token.is_title:
        return True
    return sentence_initial(doc, token.i)


def _date(lex: DateLexicon, span: Span, words: list[str]) -> Expression | None:
    text = span.text
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    if iso:
        return calendar_date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
    named = lex.named_numdate_re.match(norm(text)) if "/" in text else None
    if named:
        g = named.groupdict()
        name = g["n1"] or g["n2"] or g["n3"]
        year = g["y1"] or g["y2"]
        month = lex.months.get(name) or lex.month_abbreviations.get(name)
        return calendar_date(int(year) if year else None, month, int(g["d1"] or g["d2"] or g["d3"]))
    for word in words:
        numeric = lex.numdate_re.match(word) or lex.daymonth_re.match(word)
        if numeric:
            first, second = int(numeric.group(1)), int(numeric.group(2))
            year = full_year(numeric.group(3)) if numeric.re is lex.numdate_re else None
            day, month = (second, first) if lex.numeric_order.startswith("M") else (first, second)
            if year is None and (next_to_number(span) or not _day_context(lex, span)):
                return None  # "1/2 pizza", "3/4 des ...": fractions or scores
            return calendar_date(year, month, day)
    if len(words) == 3 and all(w.isdigit() for w in words):  # "02 04 2009": not inside a longer digit run
        if next_to_number(span):
            return None
        first, second = int(words[0]), int(words[1])
        day, month = (second, first) if lex.numeric_order.startswith("M") else (first, second)
        return calendar_date(full_year(words[2]), month, day)
    month_index = next((i for i in range(len(words) - 1, -1, -1)
                        if words[i] in lex.months or words[i] in lex.month_abbreviations), None)  # fmt: skip
    if month_index is None:
        return None
    month = lex.months.get(words[month_index]) or lex.month_abbreviations.get(words[month_index])
    day = next((d for w in words[:month_index] + words[month_index + 1 :] if (d := lex.day_number(w)) is not None),
               None)
    year = next((int(w) for w in words if len(w) == 4 and w.isdigit()), None)
    if month is None or day is None or (year is not None and not in_year_range(year)):
        return None
    month_token = span[month_index]
    if not lex.month_names_capitalized and month_token.is_title and month_token.i == span.start:
        return None
    return calendar_date(year, month, day)


def _day_context(lex: DateLexicon, span: Span) -> bool:
    """A year-less "22/04" is a date at the start of a text or clause, after a weekday, a range joiner or a
    word that introduces a day ("le", "du", "dès")."""
    doc, start = span.doc, span.start
    if start == 0 or norm(span[0].text) in lex.weekdays:
        return True
    previous = doc[start - 1]
    return (
        previous.is_punct
        or "\n" in previous.whitespace_
        or preceded_by(doc, start, lex.day_context)
        or preceded_by(doc, start, lex.range_joiners)
    )


def _period(lex: DateLexicon, span: Span, words: list[str]) -> Expression | None:
    year = next((int(w) for w in words if len(w) == 4 and w.isdigit()), None)
    if year is not None and not in_year_range(year):
        return None
    found = lex.period_re.match(span[0].text)
    if found:
        unit, index = lex.period_prefixes[found.group(1)], int(found.group(2))
    else:
        # the unit after the ordinal: the ordinal itself may be a unit word too ("second half")
        unit = next(lex.units[w] for w in words[1:] if w in lex.units)
        index = lex.ordinals[words[0]]
    if unit == "HY":
        return Expression("calendar", year=year, half=index) if index <= 2 else None
    return Expression("calendar", year=year, quarter=index)
