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
import signal
import threading
import time
from collections.abc import Callable
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Protocol

from spacy.language import Language

from pipeline.readers.inputs import Article
from pipeline.records import Document
from pipeline.runner.extract import ExtractionError, extract_batch
from pipeline.runner.signals import die_with_parent

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


def _start_worker(ready: multiprocessing.SimpleQueue, parent_pid: int,  # type: ignore[type-arg]
                  nlp_for: NlpFor | None) -> None:
    die_with_parent(parent_pid)
    # Ctrl-C reaches the whole process group: the parent alone decides how the run stops (it ends the workers).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if nlp_for is None:
        from pipeline.nlp import shared_nlp as nlp_for
    nlp_for(WARM_LANG)
    ready.put(os.getpid())


def _ping() -> int:
    return os.getpid()


# The reason given for the articles of a batch whose worker died on it twice (once, the batch is run again).
DIED_TWICE = "a worker process died twice while extracting this batch (killed: out of memory?); not extracted"


class ProcessExecutor:
    """``processes`` worker processes (spawned, so nothing of the parent's state is shared), each loading the
    pipeline once at start. The pool starts at the first submission, so a run with nothing to extract starts none.

    Workers end with this process, however it ends (:func:`pipeline.runner.signals.die_with_parent`). A worker that
    dies (the out-of-memory killer) breaks the pool and fails every batch in flight: the pool is started again and
    each lost batch is run once more; a batch that kills its worker twice fails its articles and the run goes on.
    ``nlp_for`` (a module-level function, for the workers to import) replaces the shared pipeline.
    """

    def __init__(self, processes: int, in_flight: int | None = None, max_seconds: float | None = None,
                 nlp_for: NlpFor | None = None) -> None:
        if processes < 1:
            raise ValueError(f"processes must be at least 1, not {processes}")
        self.processes = processes
        self.max_seconds = max_seconds
        self.nlp_for = nlp_for
        self.in_flight = in_flight if in_flight is not None else 2 * processes
        self._context = multiprocessing.get_context("spawn")
        self._pool: ProcessPoolExecutor | None = None
        self.generation = 0  # pools started so far: a lost batch restarts the pool only if it is still the one lost
        self.start_failure: str | None = None
        self._running: set[Future[Results]] = set()

    def start(self) -> None:
        """Start every worker and wait until each has loaded the pipeline (a benchmark calls this first). Workers
        that cannot start (the model fails to load) make every batch fail with the reason, at once."""
        if self._pool is not None or self.start_failure is not None:
            return
        self.generation += 1
        ready = self._context.SimpleQueue()
        self._pool = ProcessPoolExecutor(self.processes, mp_context=self._context, initializer=_start_worker,
                                         initargs=(ready, os.getpid(), self.nlp_for))
        # Spawned pools start workers on demand: one submission per worker starts them all.
        pings = [self._pool.submit(_ping) for _ in range(self.processes)]
        started: queue.Queue[int] = queue.Queue()
        threading.Thread(target=lambda: [started.put(ready.get()) for _ in range(self.processes)],
                         daemon=True).start()
        deadline = time.monotonic() + WORKER_START_TIMEOUT
        loaded = 0
        while loaded < self.processes and time.monotonic() < deadline:
            try:
                started.get(timeout=0.2)
                loaded += 1
            except queue.Empty:
                broken = next((p.exception() for p in pings if p.done() and p.exception() is not None), None)
                if broken is not None:
                    self.start_failure = (f"worker processes could not start (see the messages above): "
                                          f"{type(broken).__name__}: {broken}")
                    self._close_pool()
                    return

    def submit(self, lang: str, articles: list[Article], batch_size: int) -> BatchFuture:
        return _Guarded(self, lang, articles, batch_size)

    def run(self, lang: str, articles: list[Article], batch_size: int) -> tuple[Future[Results], int]:
        """Submit a batch to the pool (started or restarted as needed); the future and the pool's generation."""
        for _ in range(2):
            self.start()
            if self._pool is None:
                break
            try:
                future = self._pool.submit(extract_chunk, lang, articles, batch_size, self.nlp_for, self.max_seconds)
            except BrokenProcessPool:  # a worker died since the last result: a new pool
                self.restart(self.generation)
                continue
            self._running.add(future)
            future.add_done_callback(self._running.discard)
            return future, self.generation
        failed: Future[Results] = Future()
        failed.set_exception(BrokenProcessPool(self.start_failure or "the pool broke twice at submission"))
        return failed, self.generation

    def restart(self, generation: int) -> None:
        """Replace the pool of ``generation`` when it is still the current one (the first lost batch does it)."""
        if generation == self.generation and self._pool is not None:
            self._close_pool()

    def close(self) -> None:
        self._close_pool()

    def _close_pool(self) -> None:
        """Shut the pool down; batches still running (the run is stopping: an error, a signal) end with their
        workers, which are terminated instead of being waited for."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        if any(not future.done() for future in list(self._running)):  # a snapshot: callbacks discard from it
            terminate = getattr(pool, "terminate_workers", None)  # Python 3.14
            if terminate is not None:
                terminate()
            else:
                for process in list(getattr(pool, "_processes", {}).values()):
                    process.terminate()
        pool.shutdown(wait=True, cancel_futures=True)


class _Guarded:
    """A batch's future: a pool that broke under it runs it once more; a second break, or any other failure, becomes
    one error per article."""

    def __init__(self, executor: ProcessExecutor, lang: str, articles: list[Article], batch_size: int) -> None:
        self.executor, self.lang, self.articles, self.batch_size = executor, lang, articles, batch_size
        self.future, self.generation = executor.run(lang, articles, batch_size)

    def result(self) -> Results:
        for attempt in (1, 2):
            try:
                return self.future.result()
            except BrokenProcessPool:
                if self.executor.start_failure is not None:
                    return [ExtractionError(article, self.executor.start_failure) for article in self.articles]
                if attempt == 2:
                    return [ExtractionError(article, DIED_TWICE) for article in self.articles]
            except (Exception, CancelledError) as error:  # noqa: BLE001 - errors are data; the run goes on
                return batch_failed(self.articles, error)
            self.executor.restart(self.generation)
            self.future, self.generation = self.executor.run(self.lang, self.articles, self.batch_size)
        raise AssertionError("unreachable: the second attempt returns")
