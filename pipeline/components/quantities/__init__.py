"""``news_quantities``: every quantity of a news text, normalized to the guideline's canonical units.

The words come from ``pipeline/resources/<nlp.lang>/quantities.json``; a language whose file names the
``quantulum3`` engine (English) is read by quantulum3's own parser behind the same interface. Split by role:
``patterns`` (the language data compiled into regexes), ``found`` (results and the text context, pure),
``units`` (the unit or counted noun after a number), ``bounds`` (the words before a number and its bound),
``finder`` (the search over plain text), ``engine`` (rules or quantulum3, per language) and ``component`` (the
registered factory, which answers the finder's questions from spaCy's tags).
"""

from pipeline.components.quantities.component import CONTEXT_CURRENCY, DocContext, QuantityRecognizer, make_quantities
from pipeline.components.quantities.engine import QUANTULUM_KEYS, QuantulumFinder, load_finder
from pipeline.components.quantities.finder import QuantityFinder
from pipeline.components.quantities.found import Found, TextContext, UnitRead, to_records, without_overlaps
from pipeline.components.quantities.patterns import RULE_KEYS

__all__ = [
    "CONTEXT_CURRENCY",
    "QUANTULUM_KEYS",
    "RULE_KEYS",
    "DocContext",
    "Found",
    "QuantityFinder",
    "QuantityRecognizer",
    "QuantulumFinder",
    "TextContext",
    "UnitRead",
    "load_finder",
    "make_quantities",
    "to_records",
    "without_overlaps",
]
