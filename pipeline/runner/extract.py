"""Run the pipeline over articles and turn each processed Doc into a :class:`Document` record."""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.readers.inputs import Article
from pipeline.records import ENTITY_LABELS, Claim, Document, Entity, Quantity, Span, slugify, text_sha256
from pipeline.views.repeats import link_repeats


@dataclass(frozen=True, slots=True)
class ExtractionError:
    article: Article
    message: str

    def __str__(self) -> str:
        return f"{self.article.where or self.article.doc_id}: extraction failed: {self.message}"


def title_of(text: str) -> str | None:
    """The article's title: its first non-blank line (every reader puts the title first)."""
    return next((line.strip() for line in text.splitlines() if line.strip()), None)


def site_of(url: str | None) -> str | None:
    """The host of a URL without "www." ("https://www.lemonde.fr/a" -> "lemonde.fr"); None when it has none."""
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else None


def sentence_bounds(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Character offsets of the sentence holding ``doc.text[start:end]``, without its surrounding white space;
    None when the pipeline set no sentence boundaries."""
    if not doc.has_annotation("SENT_START"):
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    sentence = span[0].sent
    text = sentence.text
    left = len(text) - len(text.lstrip())
    right = len(text.rstrip())
    return sentence.start_char + left, sentence.start_char + right


def with_sentence(doc: Doc, claim: Claim, quantity: Quantity) -> Claim:
    bounds = sentence_bounds(doc, quantity.start, quantity.end)
    if bounds is None:
        return claim
    return replace(claim, sentence_start=bounds[0], sentence_end=bounds[1], sentence=doc.text[bounds[0]:bounds[1]])


def doc_to_document(doc: Doc, doc_id: str, lang: str, url: str | None = None) -> Document:
    """The record of one processed Doc; every annotation outside the detected body is left out. Each claim carries
    the sentence of its figure, the record the article's title, URL and site (provenance for the reader), and the
    claims of a figure the article states more than once are linked (``mentions`` and ``repeat_of``)."""
    body = doc._.news_body or Span(0, len(doc.text))
    entities = [
        Entity(ent.start_char, ent.end_char, ent.text, ent.label_, ent.kb_id_ or slugify(ent.text))
        for ent in doc.ents
        if ent.label_ in ENTITY_LABELS and body.contains(ent.start_char, ent.end_char)
    ]
    quantities = [q for q in doc._.news_quantities or [] if body.contains(q.start, q.end)]
    kept_quantities = {q.id: q for q in quantities}
    dates = [t for t in doc._.news_dates or [] if body.contains(t.start, t.end)]
    kept_dates = {t.id for t in dates}
    claims = [
        with_sentence(doc, claim, kept_quantities[claim.quantity])
        for claim in doc._.news_claims or []
        if claim.quantity in kept_quantities and (claim.date is None or claim.date in kept_dates)
    ]
    return link_repeats(Document(
        doc_id=doc_id,
        text_sha256=text_sha256(doc.text),
        lang=lang,
        dct=doc._.news_dct,
        body=body,
        entities=entities,
        quantities=quantities,
        dates=dates,
        claims=claims,
        title=title_of(doc.text),
        url=url,
        site=site_of(url),
    ))


def _prepared(nlp: Language, article: Article) -> Doc:
    doc = nlp.make_doc(article.text)
    doc._.news_doc_id = article.doc_id
    doc._.news_dct = article.published
    return doc


class TimeBudgetExceeded(BaseException):
    """Raised by the alarm when an article (or a batch) runs past its time budget. A BaseException, so that no
    ``except Exception`` inside a component can swallow it."""


@contextlib.contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Raise :class:`TimeBudgetExceeded` in this thread once ``seconds`` have passed.

    SIGALRM (a real-time interval timer) rather than a check of the elapsed time between pipeline components: it
    also stops a single component that runs for minutes on one hostile article, it costs nothing while the budget
    is not reached, and it works the same in this process and in each worker process (the batch runs in the
    worker's main thread). Signals only reach the main thread, and SIGALRM does not exist on Windows: elsewhere
    (a Dask worker's thread) the budget is not enforced and the run is as before.
    """
    usable = (seconds is not None and hasattr(signal, "setitimer")
              and threading.current_thread() is threading.main_thread())
    if not usable:
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise TimeBudgetExceeded

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def extract_batch(nlp: Language, articles: list[Article], batch_size: int,
                  max_seconds: float | None = None) -> list[Document | ExtractionError]:
    """Records for one batch; when the batch fails, each article is run alone so one bad article fails alone.

    With ``max_seconds``, the batch has ``max_seconds`` per article; past it, each article is run alone with its own
    budget, and an article that exceeds it is a failure ("time budget of N s exceeded"), not the batch's."""
    try:
        with time_budget(max_seconds * len(articles) if max_seconds is not None else None):
            docs = list(nlp.pipe((_prepared(nlp, a) for a in articles), batch_size=batch_size))
            return [doc_to_document(doc, a.doc_id, nlp.lang, a.url) for doc, a in zip(docs, articles, strict=True)]
    except (Exception, TimeBudgetExceeded):  # noqa: BLE001 - isolate below, per article
        pass
    results: list[Document | ExtractionError] = []
    for article in articles:
        try:
            with time_budget(max_seconds):
                results.append(doc_to_document(nlp(_prepared(nlp, article)), article.doc_id, nlp.lang, article.url))
        except TimeBudgetExceeded:
            results.append(ExtractionError(article, f"time budget of {max_seconds:g} s exceeded (--max-seconds)"))
        except Exception as error:  # noqa: BLE001 - errors are data: recorded, the batch goes on
            results.append(ExtractionError(article, f"{type(error).__name__}: {error}"))
    return results

