"""Candidate search of ``news_dates``: the Matcher runs on windows around the words that can anchor a temporal
expression, and the longest candidates that read as an expression are kept, without overlap."""

from __future__ import annotations

from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from pipeline.components.dates.expressions import Candidate, Chosen
from pipeline.components.dates.lexicon import DateLexicon
from pipeline.components.dates.patterns import TokenPattern
from pipeline.components.dates.reading import read
from pipeline.grammar.timex import Expression

# Tokens around an anchoring word (a digit, a month, a unit...) that the Matcher sees: no pattern has more words
# before its first anchor ("il y a deux ans": a spelled-out number is not an anchor, the unit is) or after its last.
_WINDOW_BEFORE, _WINDOW_AFTER = 4, 3


class DateSearch:
    """The Matcher over the patterns of :mod:`.patterns`, and the choice among its overlapping candidates."""

    def __init__(self, vocab: Vocab, lexicon: DateLexicon, patterns: dict[str, list[TokenPattern]]) -> None:
        self.lexicon = lexicon
        self.matcher = Matcher(vocab)
        self.labels: dict[int, str] = {}
        for label, label_patterns in patterns.items():
            if label_patterns:
                self.matcher.add(label, label_patterns)
                self.labels[vocab.strings[label]] = label

    def find(self, doc: Doc) -> tuple[list[Chosen], bytearray, list[int]]:
        """The expressions read from the longest candidates first, in text order; the tokens they take; the
        all-digit tokens (for the bare days of :func:`.composition.bare_days`)."""
        windows, digits = _windows(self.lexicon, doc)
        candidates = [
            Candidate(self.labels[key], offset + start, offset + end)
            for offset, stop in windows
            for key, start, end in self.matcher(doc[offset:stop])
        ]
        candidates.sort(key=lambda c: (-(doc[c.end - 1].idx + len(doc[c.end - 1]) - doc[c.start].idx), c.start))
        taken = bytearray(len(doc))
        chosen: list[Chosen] = []
        for candidate in candidates:
            if any(taken[candidate.start : candidate.end]):
                continue
            expression: Expression | None
            try:
                expression = read(self.lexicon, doc, candidate)
            except (ValueError, OverflowError):
                expression = None
            if expression is None:
                continue
            taken[candidate.start : candidate.end] = b"\x01" * (candidate.end - candidate.start)
            chosen.append((candidate.start, candidate.end, expression))
        chosen.sort(key=lambda item: item[0])
        return chosen, taken, digits


def _windows(lex: DateLexicon, doc: Doc) -> tuple[list[tuple[int, int]], list[int]]:
    """Disjoint token windows around the words that can anchor a temporal expression (the Matcher runs once
    over each, which keeps its cost off the (vast) date-free stretches of a text), and the all-digit tokens."""
    size = len(doc)
    windows: list[tuple[int, int]] = []
    digits: list[int] = []
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
