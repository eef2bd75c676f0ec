"""The registered ``news_quantities`` component: runs a language's finder on a spaCy Doc and writes the results.

Sets ``doc._.news_quantities`` (list of :class:`pipeline.records.Quantity`, ids q1.. in text order, never
overlapping, each with the direction of a figure that states a change) and ``doc._.news_quantity_heads`` (quantity
id -> (start, end) characters of the counted noun or the unit word). :class:`DocContext` answers the finder's two
questions about the text from spaCy's tags; money written without a currency takes the article's most frequent one,
and is left out when the article names none (unless the pipeline is configured with a ``default_currency``): a
currency is never made up.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import replace
from functools import cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Token

from pipeline.components import extensions  # noqa: F401  (registers the Doc attributes)
from pipeline.components.language import with_passages
from pipeline.components.quantities.direction import DirectionReader
from pipeline.components.quantities.engine import QUANTULUM_KEYS, QuantulumFinder, finder_data, finder_from, load_finder
from pipeline.components.quantities.finder import QuantityFinder
from pipeline.components.quantities.found import Found, TextContext, to_records, without_overlaps
from pipeline.components.quantities.patterns import RULE_KEYS
from pipeline.grammar import units as unit_catalogue
from pipeline.language import SerializedLanguageData

# The finder of a passage's language, built once per process.
passage_finder = cache(load_finder)


# The unit of money written without a currency, until the article's currency is known.
CONTEXT_CURRENCY = "<context currency>"


class DocContext(TextContext):
    """Answers from a spaCy Doc: from its part-of-speech tags, or, in a pipeline without a tagger (a language with
    no statistical model), from the words alone: a counted noun is a word that is not one of the language's stop
    words, after at most one capitalized name ("250,000 Nvidia GPUs")."""

    NOUNS = frozenset({"NOUN", "PROPN"})

    def __init__(self, doc: Doc, excluded_heads: frozenset[str]) -> None:
        self.doc = doc
        self.text = doc.text  # Doc.text joins every token on each access: read it once
        self.excluded = excluded_heads
        self.tagged = doc.has_annotation("POS")
        self._starts: list[int] | None = None

    def _token_at(self, pos: int) -> int | None:
        if self._starts is None:
            self._starts = [token.idx for token in self.doc]
        i = bisect_left(self._starts, pos)
        return i if i < len(self._starts) and self._starts[i] == pos else None

    def noun_after(self, pos: int) -> tuple[int, int] | None:
        text = self.text
        while pos < len(text) and text[pos].isspace():
            pos += 1
        i = self._token_at(pos)
        if i is None:
            return None
        token = self.doc[i] if self.tagged else self._untagged_noun(i)
        if token is None:
            return None
        if token.pos_ == "ADJ" and i + 1 < len(self.doc) and self.doc[i + 1].pos_ in self.NOUNS:
            token = self.doc[i + 1]
        if (self.tagged and token.pos_ not in self.NOUNS) or not any(c.isalpha() for c in token.text):
            return None
        if token.lower_ in self.excluded:
            return None
        return token.idx, token.idx + len(token.text)

    def _untagged_noun(self, i: int) -> Token | None:
        """The word at ``i`` (or the one after it, when ``i`` is a capitalized name) if it may be a noun."""
        doc = self.doc

        def wordlike(token: Token) -> bool:
            return token.is_alpha and not token.is_stop

        token = doc[i]
        if token.text[:1].isupper() and i + 1 < len(doc) and wordlike(doc[i + 1]):
            return doc[i + 1]
        return token if wordlike(token) else None

    def name_before(self, pos: int) -> bool:
        if self._starts is None:
            self._starts = [token.idx for token in self.doc]
        i = bisect_left(self._starts, pos) - 1
        if i < 0:
            return False
        token = self.doc[i]
        gap = self.text[token.idx + len(token.text) : pos]
        if gap.strip(" -"):
            return False
        return token.pos_ == "PROPN" or (token.text[:1].isupper() and not token.is_sent_start)


class QuantityRecognizer(SerializedLanguageData):
    """Finds quantities (``match``) then writes them on the Doc (``set_annotations``). Saved with the pipeline:
    its language data (rule sections, or the name of the engine that reads the language)."""

    def __init__(self, nlp: Language, name: str, default_currency: str | None) -> None:
        self.name = name
        self.default_currency = default_currency
        self.build({"quantities": finder_data(nlp.lang)})

    def build(self, data: dict[str, dict[str, Any]]) -> None:
        self.language_data = data
        self.finder = finder_from(data["quantities"])
        # A language read by an engine has no words of change: its figures get no direction.
        changes = data["quantities"].get("changes")
        self.directions = DirectionReader.from_data(changes) if changes is not None else None
        # What a saved copy must hold: the same kind of data as this one.
        self.DATA_KEYS = {"quantities": QUANTULUM_KEYS if "engine" in data["quantities"] else RULE_KEYS}

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[Found]:
        found = with_passages(self._find(self.finder, doc), doc, lambda lang: self._find(passage_finder(lang), doc),
                              lambda item: (item.start, item.end))
        found = without_overlaps(found)
        currency = self._doc_currency(found)
        if currency is None:
            return [f for f in found if f.unit != CONTEXT_CURRENCY]
        return [replace(f, unit=currency) if f.unit == CONTEXT_CURRENCY else f for f in found]

    @staticmethod
    def _find(finder: QuantityFinder | QuantulumFinder, doc: Doc) -> list[Found]:
        if not isinstance(finder, QuantityFinder):
            return finder.find(doc.text)
        context = DocContext(doc, finder.exclusions.excluded_heads)
        return finder.find(context.text, context, currency=CONTEXT_CURRENCY)

    def _doc_currency(self, found: list[Found]) -> str | None:
        """The article's currency: the most frequent one among its amounts, else the configured default (None: a bare
        "600 millions" in an article that names no currency is no known amount of money)."""
        counts: dict[str, int] = {}
        for item in found:
            if unit_catalogue.unit_kind(item.unit) == "currency":
                counts[item.unit] = counts.get(item.unit, 0) + 1
        return max(counts, key=lambda unit: counts[unit]) if counts else self.default_currency

    def set_annotations(self, doc: Doc, found: list[Found]) -> None:
        quantities, doc._.news_quantity_heads = to_records(doc.text, found)
        if self.directions is not None:
            quantities = [replace(q, direction=self.directions.direction(doc, q)) for q in quantities]
        doc._.news_quantities = quantities


@Language.factory(
    "news_quantities",
    assigns=["doc._.news_quantities", "doc._.news_quantity_heads"],
    requires=["token.pos"],
    default_config={"default_currency": None},
)
def make_quantities(nlp: Language, name: str, default_currency: str | None) -> QuantityRecognizer:
    """The ``news_quantities`` component; ``default_currency`` is for money written without a currency."""
    return QuantityRecognizer(nlp, name, default_currency)
