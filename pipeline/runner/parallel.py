"""Where batches of articles are extracted: in this process, or in N worker processes on this machine.

An executor takes a batch of articles of one language and returns a future of its records. The caller
(:func:`pipeline.runner.run.process`) keeps at most ``in_flight`` batches submitted and takes results in submission
order,
so records come out in input order, at most ``in_flight + 1`` batches of texts are in memory, and the parent
process alone writes the JSON lines and the store. Each worker loads the pipeline once per language
(:func:`pipeline.nlp.shared_nlp` is cached per process). The Dask executor is in :mod:`pipeline.runner.dask_engine`.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import threading
from collections.abc import Callable
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Protocol

from spacy.language import Language

from pipeline.readers.inputs import Article
from pipeline.records import Document
from pipeline.runner.extract import ExtractionError, extract_batch

Results = list[Document | ExtractionError]
NlpFor = Callable[[str], Language]
WARM_LANG = "fr"
WORKER_START_TIMEOUT = 300.0

# A pipeline object is not meant to run two batches at once; a Dask worker may run tasks in several threads.
_NLP_LOCK = threading.Lock()


class BatchFuture(Protocol):
    def result(self) -> Results: ...


class Executor(Protocol):
    in_flight: int

    def submit(self, lang: str, articles: list[Article], batch_size: int) -> BatchFuture: ...

    def close(self) -> None: ...


def extract_chunk(lang: str, articles: list[Article], batch_size: int, nlp_for: NlpFor | None = None,
                  max_seconds: float | None = None) -> Results:
    """Records of one batch (in a worker or here); a language without a pipeline fails its articles, not the run."""
    if nlp_for is None:
        from pipeline.nlp import shared_nlp  # lazy: a run whose articles are all unchanged never loads the components

        nlp_for = shared_nlp
    with _NLP_LOCK:
        try:
            nlp = nlp_for(lang)
        except (OSError, ValueError) as error:
            return [ExtractionError(a, f"no pipeline for language {lang!r}: {error}") for a in articles]
        return extract_batch(nlp, articles, batch_size, max_seconds)


def batch_failed(articles: list[Article], error: BaseException) -> Results:
    """The records of a batch whose worker died or whose cluster failed: one error per article."""
    return [ExtractionError(a, f"worker failed: {type(error).__name__}: {error}") for a in articles]


class SerialExecutor:
    """Extract in this process, at submission (nothing in flight)."""

    in_flight = 0

    def __init__(self, nlp_for: NlpFor | None = None, max_seconds: float | None = None) -> None:
        self.nlp_for = nlp_for
        self.max_seconds = max_seconds

    def submit(self, lang: str, articles: list[Article], batch_size: int) -> BatchFuture:
        future: Future[Results] = Future()
        future.set_result(extract_chunk(lang, articles, batch_size, self.nlp_for, self.max_seconds))
        return future

    def close(self) -> None:
        pass


def _start_worker(ready: multiprocessing.SimpleQueue) -> None:  # type: ignore[type-arg]
    from pipeline.nlp import shared_nlp

    shared_nlp(WARM_LANG)
    ready.put(os.getpid())


def _ping() -> int:
    return os.getpid()


class ProcessExecutor:
    """``processes`` worker processes (spawned, so nothing of the parent's state is shared), each loading the
    pipeline once at start. The pool starts at the first submission, so a run with nothing to extract starts none."""

    def __init__(self, processes: int, in_flight: int | None = None, max_seconds: float | None = None) -> None:
        if processes < 1:
            raise ValueError(f"processes must be at least 1, not {processes}")
        self.processes = processes
        self.max_seconds = max_seconds
        self.in_flight = in_flight if in_flight is not None else 2 * processes
        self._context = multiprocessing.get_context("spawn")
        self._pool: ProcessPoolExecutor | None = None
        self._ready: multiprocessing.SimpleQueue | None = None  # type: ignore[type-arg]

    def start(self) -> None:
        """Start every worker and wait until each has loaded the pipeline (a benchmark calls this first)."""
        if self._pool is not None:
            return
        self._ready = self._context.SimpleQueue()
        self._pool = ProcessPoolExecutor(
            self.processes, mp_context=self._context, initializer=_start_worker, initargs=(self._ready,)
        )
        # Spawned pools start workers on demand: one submission per worker starts them all.
        pings = [self._pool.submit(_ping) for _ in range(self.processes)]
        started: set[int] = set()
        result_queue: queue.Queue[int] = queue.Queue()
        reader = threading.Thread(
            target=lambda: [
                result_queue.put(self._ready.get())  # type: ignore[union-attr]
                for _ in range(self.processes)
            ],
            daemon=True,
        )
        reader.start()
        while len(started) < self.processes:
            try:
                started.add(result_queue.get(timeout=WORKER_START_TIMEOUT))
            except queue.Empty:
                break  # a worker failed to load: its tasks will fail and be recorded as errors
        for ping in pings:
            ping.exception()

    def submit(self, lang: str, articles: list[Article], batch_size: int) -> BatchFuture:
        if self._pool is None:
            self.start()
        assert self._pool is not None
        try:
            future = self._pool.submit(extract_chunk, lang, articles, batch_size, None, self.max_seconds)
        except BrokenProcessPool:  # a worker was killed (e.g. out of memory): go on with a new pool
            self.close()
            self.start()
            assert self._pool is not None
            future = self._pool.submit(extract_chunk, lang, articles, batch_size, None, self.max_seconds)
        return _Guarded(future, articles)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


class _Guarded:
    """A batch's future whose failure (a worker died, e.g. out of memory) becomes one error per article."""

    def __init__(self, future: Future[Results], articles: list[Article]) -> None:
        self.future, self.articles = future, articles

    def result(self) -> Results:
        try:
            return self.future.result()
        except (Exception, CancelledError) as error:  # noqa: BLE001 - errors are data; the run goes on
            return batch_failed(self.articles, error)
