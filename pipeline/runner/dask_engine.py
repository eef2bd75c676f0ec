"""The same job on a Dask cluster: batches go to the workers, results come back to this client in input order.

Without a scheduler address a :class:`distributed.LocalCluster` is started (one single-threaded worker process
per requested process). Each worker loads the pipeline once: a worker plugin loads it when the worker joins, and
tasks use the per-process cached :func:`pipeline.nlp.shared_nlp`. The workers need this package installed (the
same version: the client stamps records with its own pipeline version). The client alone writes the JSON lines
and the store.
"""

from __future__ import annotations

import os

from distributed import Client, LocalCluster
from distributed.diagnostics.plugin import WorkerPlugin

from pipeline.readers.inputs import Article
from pipeline.runner.parallel import WARM_LANG, BatchFuture, Results, batch_failed, extract_chunk


class LoadPipeline(WorkerPlugin):
    """Loads the pipeline on each worker as it starts, so the first batches do not wait for the model."""

    name = "news-pipeline-load"

    def __init__(self, lang: str = WARM_LANG) -> None:
        self.lang = lang

    def setup(self, worker: object) -> None:
        from pipeline.nlp import shared_nlp

        shared_nlp(self.lang)


class DaskExecutor:
    """Batches as Dask tasks; at most ``in_flight`` submitted at a time (two per worker thread by default)."""

    def __init__(self, scheduler: str | None = None, workers: int | None = None, in_flight: int | None = None) -> None:
        self._cluster: LocalCluster | None = None
        if scheduler is None:
            self._cluster = LocalCluster(
                n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=True, dashboard_address=None
            )
            self.client = Client(self._cluster)
        else:
            self.client = Client(scheduler)
        self.client.register_plugin(LoadPipeline())
        threads = sum(self.client.nthreads().values()) or 1
        self.in_flight = in_flight if in_flight is not None else 2 * threads

    def submit(self, lang: str, articles: list[Article], batch_size: int) -> BatchFuture:
        return _DaskBatch(self.client.submit(extract_chunk, lang, articles, batch_size, pure=False), articles)

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()


class _DaskBatch:
    def __init__(self, future: object, articles: list[Article]) -> None:
        self.future, self.articles = future, articles

    def result(self) -> Results:
        try:
            return self.future.result()  # type: ignore[attr-defined]
        except Exception as error:  # noqa: BLE001 - a lost worker or task fails its articles, not the run
            return batch_failed(self.articles, error)
        finally:
            self.future.release()  # type: ignore[attr-defined]
