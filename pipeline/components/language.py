"""``news_language``: the passages of an article written in another language than the pipeline's.

A French article quotes an English press release, post or headline; each such line or quotation (see
:mod:`pipeline.language.identify`) becomes a passage on ``doc._.news_passages``, which ``news_quantities`` and
``news_dates`` read with that language's data. Only languages that have quantity and date data are looked for.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.components import extensions  # noqa: F401  (registers doc._.news_passages)
from pipeline.language import available_languages
from pipeline.language.identify import identifier

Found = TypeVar("Found")


def with_passages(
    found: list[Found], doc: Doc, read: Callable[[str], list[Found]], bounds: Callable[[Found], tuple[int, int]]
) -> list[Found]:
    """``found`` (what the pipeline's language reads in ``doc``) where, inside each passage of another language,
    what ``read(lang)`` finds there replaces it. ``bounds`` gives an item's (start, end) characters."""
    passages = doc._.news_passages or []
    for lang in sorted({passage.lang for passage in passages}):
        spans = [(passage.start, passage.end) for passage in passages if passage.lang == lang]
        found = [item for item in found if not _overlaps(bounds(item), spans)] + [
            item for item in read(lang) if _inside(bounds(item), spans)
        ]
    return found


def _overlaps(item: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(item[0] < end and start < item[1] for start, end in spans)


def _inside(item: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(start <= item[0] and item[1] <= end for start, end in spans)


def readable_languages() -> list[str]:
    """The languages whose figures and dates the pipeline can read (both data files present)."""
    return sorted(set(available_languages("quantities")) & set(available_languages("dates")))


class PassageFinder:
    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.lang = nlp.lang
        self.readable = readable_languages()

    def __call__(self, doc: Doc) -> Doc:
        doc._.news_passages = identifier().passages(doc.text, self.lang, self.readable)
        return doc


@Language.factory("news_language", assigns=["doc._.news_passages"], default_config={})
def make_language(nlp: Language, name: str) -> PassageFinder:
    """The ``news_language`` component: ``doc._.news_passages`` for ``nlp.lang``'s articles."""
    return PassageFinder(nlp, name)
