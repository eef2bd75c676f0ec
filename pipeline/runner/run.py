"""The main job: read inputs, extract what is new, write JSON lines and the store, summarize.

Records come out in input order. With a store, an article whose text and pipeline version are unchanged is
taken from the store instead of being extracted again; every extracted article is committed (one transaction per
article) as soon as its batch is done, so a crash loses at most the batches in flight and a re-run neither loses
nor duplicates records. Extraction runs here, in worker processes or on a Dask cluster
(:mod:`pipeline.runner.parallel`);
this process alone writes the JSON lines and the store.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TextIO

from spacy.language import Language

from pipeline.language import RESOURCE_DIR
from pipeline.messages import one_line, os_error
from pipeline.nlp import PIPELINE_LANGUAGES
from pipeline.readers.inputs import Article, InputError, InputItem, InputWarning
from pipeline.records import RECORD_FORMAT, Document, dump_document, text_sha256
from pipeline.runner.extract import ExtractionError
from pipeline.runner.languages import with_languages
from pipeline.runner.parallel import BatchFuture, Executor, SerialExecutor
from pipeline.runner.store import ClaimStore


@cache
def pipeline_version() -> str:
    """Package version plus a digest of the language data and of the record format: changing any of them
    re-extracts stored articles."""
    try:
        package = version("news-claims-pipeline")
    except PackageNotFoundError:
        package = "0+unknown"
    digest = hashlib.sha256(f"record format {RECORD_FORMAT}".encode())
    for path in sorted(RESOURCE_DIR.rglob("*")):
        if path.is_file() and path.suffix in {".json", ".jsonl"}:
            digest.update(path.relative_to(RESOURCE_DIR).as_posix().encode())
            digest.update(path.read_bytes())
    return f"{package}+{digest.hexdigest()[:12]}"


@dataclass
class Summary:
    articles: int = 0
    extracted: int = 0
    unchanged: int = 0
    failed: int = 0
    warnings: int = 0
    failures: list[str] = field(default_factory=list)

    def line(self) -> str:
        parts = [f"{self.articles} articles", f"{self.extracted} extracted"]
        if self.unchanged:
            parts.append(f"{self.unchanged} unchanged")
        parts.append(f"{self.failed} failed")
        return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class Unchanged:
    """A record taken from the store (same text, same pipeline version), as the JSON line stored."""

    line: str

    @property
    def document(self) -> Document:
        return Document.from_dict(json.loads(self.line), "store")


Outcome = Document | Unchanged | ExtractionError | InputError | InputWarning


def _language_runs(items: Iterable[InputItem], batch_size: int) -> Iterator[list[InputItem]]:
    """Batches of items in input order; a batch holds articles of a single language (errors ride along)."""
    iterator = iter(items)
    pending: list[InputItem] = []
    lang: str | None = None
    for item in iterator:
        if isinstance(item, Article):
            item_lang = item.lang
            articles_in_batch = sum(isinstance(i, Article) for i in pending)
            if pending and (lang not in (None, item_lang) or articles_in_batch >= batch_size):
                yield pending
                pending = []
            lang = item_lang
        pending.append(item)
    if pending:
        yield pending


def process(
    items: Iterable[InputItem],
    nlp_for: Callable[[str], Language] | None = None,
    store: ClaimStore | None = None,
    batch_size: int = 32,
    executor: Executor | None = None,
    languages: Collection[str] = PIPELINE_LANGUAGES,
) -> Iterator[Outcome]:
    """Outcomes in input order: records (extracted or unchanged from the store), warnings and errors.

    An article without a declared language is identified from its text; one whose language is not among
    ``languages`` (or cannot be told) is an error naming the language.

    Batches to extract go to ``executor`` (default: this process, with ``nlp_for`` or the shared pipeline); at most
    ``executor.in_flight`` batches wait for their results, which are written to the store here, in input order.
    """
    own_executor = executor is None
    runner: Executor = executor if executor is not None else SerialExecutor(nlp_for)
    pending: deque[tuple[list[Outcome | Article], list[Article], BatchFuture | None]] = deque()
    try:
        for batch in _language_runs(with_languages(items, languages), batch_size):
            todo: list[Article] = []
            outcomes: list[Outcome | Article] = []
            for item in batch:
                if isinstance(item, Article):
                    stored = (
                        store.stored_line(item.doc_id, text_sha256(item.text), pipeline_version()) if store else None
                    )
                    if stored is None:
                        todo.append(item)
                    elif store is not None:
                        store.clear_errors(item.doc_id, item.source, item.line)
                    outcomes.append(item if stored is None else Unchanged(stored))
                else:
                    outcomes.append(item)
            future = runner.submit(todo[0].lang, todo, batch_size) if todo else None
            pending.append((outcomes, todo, future))
            while len(pending) > runner.in_flight:
                yield from _finished(*pending.popleft(), store)
        while pending:
            yield from _finished(*pending.popleft(), store)
    finally:
        if own_executor:
            runner.close()


def _finished(
    outcomes: list[Outcome | Article], todo: list[Article], future: BatchFuture | None, store: ClaimStore | None
) -> Iterator[Outcome]:
    """A batch's outcomes in input order, once its extraction is done; each is stored as it is yielded."""
    done = future.result() if future is not None else []
    results = {id(article): result for article, result in zip(todo, done, strict=True)}
    for outcome in outcomes:
        if isinstance(outcome, Article):
            result = results[id(outcome)]
            if store is not None:
                if isinstance(result, Document):
                    store.put(result, pipeline_version(), outcome.text, outcome.source, outcome.line)
                else:
                    store.put_error(outcome.source, outcome.line, outcome.doc_id, result.message)
            yield result
        else:
            if isinstance(outcome, InputError) and store is not None:
                store.put_error(outcome.source, outcome.line, outcome.doc_id, outcome.message)
            yield outcome


def run_extraction(
    items: Iterable[InputItem],
    nlp_for: Callable[[str], Language] | None,
    out: TextIO,
    store: ClaimStore | None = None,
    batch_size: int = 32,
    log: TextIO = sys.stderr,
    executor: Executor | None = None,
    on_article: Callable[[], object] | None = None,
    summary: Summary | None = None,
) -> Summary:
    """Write one JSON line per article to ``out``; messages to ``log``; return the summary.

    ``on_article`` is called once per article (extracted, unchanged or failed), e.g. to advance a progress bar.
    ``summary`` is counted in as the run goes, so that a caller still has the counts when the run is stopped (by
    :class:`OutputError`, :class:`pipeline.runner.store.StoreError` or a signal).
    """
    summary = summary if summary is not None else Summary()
    for outcome in process(items, nlp_for, store, batch_size, executor):
        if isinstance(outcome, InputWarning):
            summary.warnings += 1
            print(one_line(str(outcome)), file=log)
            continue
        if isinstance(outcome, Unchanged):
            _write(out, outcome.line)
            summary.unchanged += 1
        elif isinstance(outcome, Document):
            _write(out, dump_document(outcome))
            summary.extracted += 1
        else:
            summary.failed += 1
            summary.failures.append(str(outcome))
            print(one_line(f"error: {outcome}"), file=log)
        summary.articles += 1  # once written: a run stopped by a failure to write counts what it wrote
        if on_article is not None:
            on_article()
    _write(out, None)
    return summary


class OutputError(Exception):
    """The JSON lines cannot be written (a full disk, a read-only folder): the run cannot go on."""


def _write(out: TextIO, line: str | None) -> None:
    """Write a JSON line, or with None flush what is buffered (standard output written to a full disk fails only
    then)."""
    try:
        out.write(line + "\n") if line is not None else out.flush()
    except BrokenPipeError:  # the reader went away ("| head"): not a failure to report
        raise
    except OSError as error:
        raise OutputError(f"cannot write the output: {os_error(error)}") from error


class AtomicOutput:
    """The ``--out`` file, written to ``FILE.partial`` and renamed by :meth:`commit`: a run that stops for any reason
    (a full disk, a signal, an exception) leaves no truncated output, and no ``.partial`` file either."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.temporary = path.with_name(path.name + ".partial")
        self.committed = False
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.handle: TextIO = self.temporary.open("w", encoding="utf-8")
        except OSError as error:
            raise OutputError(f"{path}: cannot write: {error.strerror or error}") from error

    def commit(self) -> None:
        try:
            self.handle.close()  # the last buffered lines are written here: a full disk may show only now
            os.replace(self.temporary, self.path)
        except OSError as error:
            raise OutputError(f"cannot write the output: {os_error(error)}") from error
        self.committed = True

    def __enter__(self) -> AtomicOutput:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if not self.committed:
            with contextlib.suppress(OSError):  # closing flushes: on a full disk that fails again
                self.handle.close()
            self.temporary.unlink(missing_ok=True)
