"""The registered ``news_dates`` component: search and composition on tokens (``match``), then the reference dates
and the TIMEX3 records (``set_annotations``)."""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.components import extensions  # noqa: F401  (registers doc._.news_* attributes)
from pipeline.components.dates.composition import attach, bare_days, ranges
from pipeline.components.dates.dateline import dateline, post_scopes
from pipeline.components.dates.expressions import Found
from pipeline.components.dates.lexicon import DATA_KEYS as DATE_KEYS
from pipeline.components.dates.lexicon import DateLexicon
from pipeline.components.dates.patterns import matcher_patterns
from pipeline.components.dates.resolution import timexes
from pipeline.components.dates.search import DateSearch
from pipeline.components.language import with_passages
from pipeline.grammar.timex import parse_iso_date
from pipeline.language import SerializedLanguageData, load_language_data


class DateRecognizer(SerializedLanguageData):
    """Find temporal expressions (``match``), then resolve and write them (``set_annotations``). Saved with the
    pipeline: its language data."""

    DATA_KEYS = {"dates": DATE_KEYS}

    def __init__(self, nlp: Language, name: str, dateline_chars: int) -> None:
        self.name = name
        self.dateline_chars = dateline_chars
        self.nlp = nlp
        self.build({"dates": load_language_data(nlp.lang, "dates", keys=DATE_KEYS)})

    def build(self, data: dict[str, dict[str, Any]]) -> None:
        self.language_data = data
        self.reader = self._reader(self.nlp.lang, data["dates"])
        self.lexicon = self.reader[0]
        self._passage_readers: dict[str, tuple[DateLexicon, DateSearch]] = {}

    def _reader(self, lang: str, data: dict[str, Any]) -> tuple[DateLexicon, DateSearch]:
        """The lexicon and search of ``lang``'s date words, on this pipeline's tokenizer and vocabulary."""
        lexicon = DateLexicon(lang, data, self.nlp.tokenizer)
        return lexicon, DateSearch(self.nlp.vocab, lexicon, matcher_patterns(lexicon, data))

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.match(doc))
        return doc

    def match(self, doc: Doc) -> list[Found]:
        """Temporal expressions of ``doc`` in text order, read but not yet resolved; a passage in another
        language (``doc._.news_passages``) is read with that language's words ("August 14, 2025")."""
        found = with_passages(
            self._find(self.reader, doc), doc, lambda lang: self._find(self._passage_reader(lang), doc),
            lambda item: (item[0], item[1]),
        )
        return sorted(found, key=lambda item: (item[0], item[1]))

    def _passage_reader(self, lang: str) -> tuple[DateLexicon, DateSearch]:
        if lang not in self._passage_readers:
            self._passage_readers[lang] = self._reader(lang, load_language_data(lang, "dates", keys=DATE_KEYS))
        return self._passage_readers[lang]

    @staticmethod
    def _find(reader: tuple[DateLexicon, DateSearch], doc: Doc) -> list[Found]:
        lex, search = reader
        chosen, taken, digits = search.find(doc)
        chosen = bare_days(lex, doc, chosen, taken, digits)
        chosen = attach(lex, doc, chosen, parts_only=True)
        chosen = ranges(lex, doc, chosen, taken)
        chosen = attach(lex, doc, chosen, parts_only=False)
        return [(doc[s].idx, doc[e - 1].idx + len(doc[e - 1]), x) for s, e, x in chosen]

    def set_annotations(self, doc: Doc, found: list[Found]) -> None:
        """``doc._.news_dates``, and ``doc._.news_dct`` from a dateline when the caller left it None."""
        text = doc.text
        dct = parse_iso_date(doc._.news_dct)
        if dct is None:
            published = dateline(doc, found, self.lexicon.dateline_cues, self.dateline_chars)
            if published is not None:
                doc._.news_dct = published.isoformat()
                dct = published
        doc._.news_dates = timexes(text, found, dct, post_scopes(text, found))


@Language.factory(
    "news_dates",
    assigns=["doc._.news_dates", "doc._.news_dct"],
    requires=["token.pos", "token.morph", "token.dep"],
    default_config={"dateline_chars": 400},
)
def make_dates(nlp: Language, name: str, dateline_chars: int) -> DateRecognizer:
    """The ``news_dates`` component for ``nlp.lang``; ``dateline_chars``: how far from the top a dateline may be."""
    return DateRecognizer(nlp, name, dateline_chars)
