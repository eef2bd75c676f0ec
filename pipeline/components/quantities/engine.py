"""The quantity finder of a language: the rules of :class:`QuantityFinder`, or quantulum3's own parser.

A language's ``resources/<lang>/quantities.json`` either holds the rule sections (:data:`RULE_KEYS`) or names an
engine (:data:`QUANTULUM_KEYS`: English is read by quantulum3); both finders answer the same :meth:`find`.
"""

from __future__ import annotations

import warnings
from typing import Any

from pipeline.components.quantities.finder import QuantityFinder
from pipeline.components.quantities.found import Found, TextContext, without_overlaps
from pipeline.components.quantities.patterns import RULE_KEYS
from pipeline.grammar import units as unit_catalogue
from pipeline.language import LanguageDataError, load_language_data

QUANTULUM_KEYS = frozenset({"engine", "quantulum_lang"})


def quantulum_parser() -> Any:
    """quantulum3's parser with its rules only. Its optional classifier switches itself on whenever scikit-learn is
    importable, and its packaged model then fails to unpickle under a newer scikit-learn than it was made with (the
    claim models' training installs one): the rules give the same answer in every environment."""
    with warnings.catch_warnings():  # it warns that its optional classifier is not installed
        warnings.simplefilter("ignore", UserWarning)
        from quantulum3 import classifier, parser  # slow to import: only when a language uses it

    classifier.USE_CLF = False
    return parser


class QuantulumFinder:
    """A language read by quantulum3's own parser (English), behind :meth:`QuantityFinder.find`'s interface."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.parser = quantulum_parser()
        self.lang = data["quantulum_lang"]

    def find(self, text: str, context: TextContext | None = None, currency: str | None = None) -> list[Found]:
        found: list[Found] = []
        for quantity in self.parser.parse(text, lang=self.lang):
            unit = quantity.unit
            resolved = unit_catalogue.canonical(unit.name)
            if resolved is None and unit.currency_code:
                resolved = (unit.currency_code, 1.0)
            if resolved is None or resolved[0] == "x":
                continue
            start, end = quantity.span
            found.append(
                Found(start, end, quantity.value * resolved[1], None, resolved[0], "exact", False, None, start)
            )
        return without_overlaps(found)


def load_finder(lang: str) -> QuantityFinder | QuantulumFinder:
    """The finder of ``lang`` from ``resources/<lang>/quantities.json`` (rules, or the quantulum3 engine)."""
    return finder_from(finder_data(lang))


def finder_data(lang: str) -> dict[str, Any]:
    """``resources/<lang>/quantities.json``, checked as rule sections or as an engine name."""
    try:
        return load_language_data(lang, "quantities", RULE_KEYS)
    except LanguageDataError as rules_error:
        try:
            data = load_language_data(lang, "quantities", QUANTULUM_KEYS)
        except LanguageDataError:
            raise rules_error from None
        if data["engine"] != "quantulum3":
            raise LanguageDataError(f"{lang}/quantities.json: unknown engine {data['engine']!r}") from None
        return data


def finder_from(data: dict[str, Any]) -> QuantityFinder | QuantulumFinder:
    """The finder a checked ``quantities.json`` describes."""
    return QuantulumFinder(data) if "engine" in data else QuantityFinder(data)
