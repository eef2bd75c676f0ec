"""Each article's language, before it is routed to that language's pipeline.

An article that declares its language (JSONL ``lang``, ``manifest.csv``) keeps it; any other is identified from
its text (:mod:`pipeline.language.identify`). An article whose language has no pipeline becomes an error naming the
file and the language; one too short to tell is read in the configured fallback language with a warning saying
so. Nothing is read in another language silently.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from dataclasses import replace

from pipeline.language.identify import identifier
from pipeline.readers.inputs import Article, InputError, InputItem, InputWarning


def with_languages(items: Iterable[InputItem], supported: Collection[str]) -> Iterator[InputItem]:
    """``items`` with every article's ``lang`` set, or an :class:`InputError` in its place."""
    have = ", ".join(sorted(supported))
    for item in items:
        if not isinstance(item, Article):
            yield item
            continue
        if item.lang is None:
            lang, confidence = identifier().article_language(item.text)
            if lang is None:
                lang = identifier().settings["fallback"]
                yield InputWarning(item.source, f"language not identified (confidence {confidence:.2f}), read as "
                                   f"{lang!r}; declare it ('lang' in JSONL or manifest.csv)")
                how = "the fallback"
            else:
                how = f"identified from the text, confidence {confidence:.2f}"
            item = replace(item, lang=lang)
        else:
            how = "declared"
        if item.lang not in supported:
            yield InputError(item.source, f"no pipeline for language {item.lang!r} ({how}; have: {have})",
                             doc_id=item.doc_id)
            continue
        yield item
