"""What runs on a Dask worker: one pipeline per worker process, analysis of one partition at a time.

Every stage caches its models, lexicons and knowledge base at module level,
so `cached_pipeline` builds each pipeline once per process; the worker plugin
builds it and runs it on a probe sentence as the worker starts (also when the
nanny restarts a killed worker), so the first partition does not pay the load
and a pipeline that cannot run is reported before any task is sent.
"""

from __future__ import annotations

import os
import resource
import time
from collections.abc import Iterable, Iterator
from datetime import date
from functools import cache
from typing import Any, NamedTuple

from distributed.diagnostics.plugin import WorkerPlugin

from rasd.batch.output import PartitionResult, Row
from rasd.batch.plan import Failure, Item, Lines, lines_items
from rasd.document import Document
from rasd.pipeline import AnalysisFailure, Pipeline

_PROBE = "قال وزير الخارجية في مؤتمر صحافي في موسكو أمس إن المحادثات كانت مثمرة."


@cache
def cached_pipeline(stages: tuple[str, ...]) -> Pipeline:
    """The pipeline of these stages, built once per process and tried on a probe sentence."""
    pipeline = Pipeline(stages)
    pipeline(Document(text=_PROBE, published=date(2015, 1, 1)))
    return pipeline


class PipelinePlugin(WorkerPlugin):
    """Loads the pipeline (models, lexicons, knowledge base) when a worker starts; keeps the error if it cannot."""

    name = "rasd-pipeline"

    def __init__(self, stages: tuple[str, ...]) -> None:
        self.stages = stages
        self.error: str | None = None

    def setup(self, worker: Any) -> None:
        try:
            cached_pipeline(self.stages)
        except Exception as exc:  # reported by the client (see `pipeline_error`), not as a worker traceback
            self.error = f"{type(exc).__name__}: {exc}"


def pipeline_error(dask_worker: Any) -> str | None:
    """Run on each worker by the client: why the pipeline could not load there, if it could not."""
    return dask_worker.plugins[PipelinePlugin.name].error


def analyze_items(items: Iterable[Item], pipeline: Pipeline, published: date | None) -> Iterator[Document | Failure]:
    """Each article analyzed as `rasd analyze` does it (in batches), in input order; a failing one becomes a Failure."""

    def articles() -> Iterator[Document | Failure]:
        for item in items:
            for article in lines_items(item) if isinstance(item, Lines) else (item,):
                if isinstance(article, Document) and article.published is None:
                    article.published = published
                yield article

    for result in pipeline.pipe(articles()):
        yield Failure(result.doc.id, result.message()) if isinstance(result, AnalysisFailure) else result


def analyze_partition(index: int, items: list[Item], stages: tuple[str, ...], published: date | None
                      ) -> PartitionResult:
    """The task: analyze one partition. It only returns rows, so Dask may run it again after a lost worker."""
    start, cpu = time.perf_counter(), time.process_time()
    rows = [Row.of(r) for r in analyze_items(items, cached_pipeline(stages), published)]
    return PartitionResult(index, rows, time.perf_counter() - start, time.process_time() - cpu, os.getpid(),
                           *memory())


def memory() -> tuple[int, int]:
    """This process's resident memory now and at its peak, in bytes."""
    import psutil

    return psutil.Process().memory_info().rss, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


class Outcome(NamedTuple):
    """What became of one article sent to `ingest_partition`."""

    id: str | None
    status: str  # analyzed (for the client to store), new, duplicate, near-duplicate, failed
    error: str | None = None
    document: dict[str, Any] | None = None


@cache
def worker_store(location: str) -> Any:
    """One connection to the store per worker process, kept for the worker's life."""
    from rasd.store import open_store

    return open_store(location)


def ingest_partition(docs: list[Document], stages: tuple[str, ...], label: str, location: str | None
                     ) -> list[Outcome]:
    """The task of a distributed ingest: analyze, then store each article in its own transaction at `location`,
    or, without one, hand the documents back for the client to store (SQLite takes a single writer).

    Storing is idempotent by content hash: run again after a lost worker, the task adds nothing twice.
    """
    store = worker_store(location) if location else None
    outcomes = []
    for result in analyze_items(docs, cached_pipeline(stages), None):
        if isinstance(result, Failure):
            outcomes.append(Outcome(result.id, "failed", result.error))
        elif store is None:
            outcomes.append(Outcome(result.id, "analyzed", document=result.to_dict()))
        else:
            outcomes.append(stored(result.id, store.add_many([(result.to_dict(), label)])[0]))
    return outcomes


def stored(doc_id: str | None, added: Any) -> Outcome:
    """An outcome from the store's `Added`."""
    return Outcome(doc_id, added.status, f"not stored: {added.error}" if added.error else None)
