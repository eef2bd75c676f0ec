"""Composition of the expressions read, on tokens: a bare day number after "le" ("Le 23, ..."), neighbours merged
into one expression (a day and its clock time, a clock time and its part of the day, a clock time and a daily set),
and ranges ("de 16h à 18h", "du 3 au 10 mars", "entre 2020 et 2025"). ``taken`` marks the tokens already inside an
expression; the steps that claim more tokens mark them too."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Token

from pipeline.components.dates.context import QUANTITY_SYMBOLS, is_year, words
from pipeline.components.dates.expressions import (
    Chosen,
    as_clock,
    compatible,
    in_part,
    is_clock,
    is_daily_set,
    is_day,
    join,
    with_time,
)
from pipeline.components.dates.lexicon import DateLexicon
from pipeline.components.dates.text import DASHES, norm
from pipeline.grammar.timex import Expression


def bare_days(lex: DateLexicon, doc: Doc, chosen: list[Chosen], taken: bytearray, digits: list[int]) -> list[Chosen]:
    """A day number after "le" that ends a clause ("Le 23, il a signé.") is a day of the reference month."""
    extra: list[Chosen] = []
    for article in lex.bare_day_articles:
        size = len(article)
        for i in digits:
            token = doc[i]
            if i < size or taken[i] or words(doc, i - size, i) != article:
                continue
            following = doc[i + 1] if i + 1 < len(doc) else None
            if following is not None and not (following.is_punct and following.text not in DASHES + "/%"):
                continue
            day = int(token.text)
            if 1 <= day <= 31:
                taken[i] = 1
                extra.append((i, i + 1, Expression("calendar", day=day)))
    return sorted(chosen + extra, key=lambda item: item[0]) if extra else chosen


def ranges(lex: DateLexicon, doc: Doc, chosen: list[Chosen], taken: bytearray) -> list[Chosen]:
    """Join two ends into one range ("de 16h à 18h", "entre janvier et mars 2024"), the first end possibly a bare
    number or name read with the second's fields ("du 3 au 10 mars", "5 à 6pm"). Without a start word, a joiner
    that needs one ("et") coordinates: a year after it is a year of its own ("en 2020 et 2021")."""
    out: list[Chosen] = []
    for start, end, expression in chosen:
        joined = None
        if out:
            first_start, first_end, first = out[-1]
            between = words(doc, first_end, start)
            opened = _range_start(lex, doc, first_start)
            if _joins(lex, between, opened) and compatible(first, expression):
                joined = (opened if opened is not None else first_start, join(first, expression))
                out.pop()
        if joined is None:
            joined = _bare_start(lex, doc, start, expression, taken)
        if joined is not None:
            start, expression = joined
        out.append((start, end, expression))
    return _year_ends(lex, doc, out, taken)


def _range_start(lex: DateLexicon, doc: Doc, start: int) -> int | None:
    """Index of a range start word ("de", "entre") just before token ``start``, or None."""
    for phrase in lex.range_starts:
        if len(phrase) <= start and words(doc, start - len(phrase), start) == phrase:
            return start - len(phrase)
    return None


def _joins(lex: DateLexicon, between: tuple[str, ...], opened: int | None) -> bool:
    return between in lex.range_joiners and (opened is not None or between not in lex.range_start_joiners)


def _bare_start(
    lex: DateLexicon, doc: Doc, start: int, end_expression: Expression, taken: bytearray
) -> tuple[int, Expression] | None:
    """(first token, range) when a bare first end and a joiner precede ``end_expression``."""
    if start < 2 or norm(doc[start - 1].text) not in lex.joiner_edges:
        return None
    for joiner in lex.range_joiners:
        at = start - len(joiner) - 1
        if at < 0 or taken[at] or words(doc, at + 1, start) != joiner:
            continue
        opened = _range_start(lex, doc, at)
        if not _joins(lex, joiner, opened):
            continue
        first = _bare_end(lex, doc[at], end_expression)
        if first is not None:
            return (opened if opened is not None else at), replace(first, until=as_clock(end_expression))
    return None


def _bare_end(lex: DateLexicon, token: Token, other: Expression) -> Expression | None:
    """``token`` read as the first end of a range whose second end is ``other``, or None."""
    word = norm(token.text)
    clock = as_clock(other)
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
        day = lex.day_number(word)
        return replace(other, day=day) if day is not None else None
    if other.month is not None and word in lex.months:
        return replace(other, month=lex.months[word])
    if other.month is None and other.season is None and other.year is not None and is_year(token):
        return replace(other, year=int(word))
    return None


def _year_ends(lex: DateLexicon, doc: Doc, chosen: list[Chosen], taken: bytearray) -> list[Chosen]:
    """A bare year after a year and a joiner: the end of a range, or a year of its own after "et"."""
    out: list[Chosen] = []
    for start, end, expression in chosen:
        if (
            expression.kind == "calendar"
            and expression.year is not None
            and expression.until is None
            and end < len(doc)
            and norm(doc[end].text) in lex.joiner_edges
        ):
            for joiner in lex.range_joiners:
                after = end + len(joiner)
                if after >= len(doc) or taken[after] or words(doc, end, after) != joiner:
                    continue
                token = doc[after]
                following = doc[after + 1] if after + 1 < len(doc) else None
                if not is_year(token) or (
                    following is not None and (following.like_num or following.text in QUANTITY_SYMBOLS)
                ):
                    continue
                taken[after] = 1
                year = Expression("calendar", year=int(token.text))
                opened = _range_start(lex, doc, start)
                if _joins(lex, joiner, opened) and expression.month is None and expression.season is None:
                    start, end = (opened if opened is not None else start), after + 1
                    expression = replace(expression, until=year)
                else:
                    out.append((start, end, expression))
                    start, end, expression = after, after + 1, year
                break
        out.append((start, end, expression))
    return out


def attach(lex: DateLexicon, doc: Doc, chosen: list[Chosen], parts_only: bool) -> list[Chosen]:
    """Merge neighbours: a day and a clock time ("23/02/2025 à 19:19", "mardi 11:00", "4:00 lendemain"),
    a clock time and a part of the day ("4h45 du matin"), a day and a part of the day ("mardi matin"), a clock
    time and a daily or weekly set ("16 heures chaque lundi"). ``parts_only``: only clock time + part of day."""
    merged: list[Chosen] = []
    for start, end, expression in chosen:
        if merged:
            first_start, first_end, first = merged[-1]
            between = words(doc, first_end, start)
            connected = not between or between in lex.time_connectors
            linked = not between or between in lex.day_part_linkers
            result = None
            if is_clock(first) and expression.kind == "daypart" and linked:
                result = in_part(first, expression.day_part)
            elif parts_only:
                pass
            elif first.kind == "daypart" and is_clock(expression) and connected:
                result = in_part(expression, first.day_part)
            elif is_day(first) and is_clock(expression) and connected:
                result = with_time(first, expression)
            elif is_clock(first) and is_day(expression) and not between:
                result = with_time(expression, first)
            elif is_day(first) and expression.kind == "daypart" and linked:
                result = replace(first, day_part=expression.day_part)
            elif is_clock(as_clock(first)) and is_daily_set(expression) and not between:
                clock = as_clock(first)  # "16 heures chaque lundi"
                result = replace(expression, hour=clock.hour, minute=clock.minute, second=clock.second)
            elif is_daily_set(first) and is_clock(expression) and connected:
                result = replace(first, hour=expression.hour, minute=expression.minute, second=expression.second)
            if result is not None:
                merged[-1] = (first_start, end, result)
                continue
        merged.append((start, end, expression))
    return merged
