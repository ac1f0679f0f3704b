"""`rasd ingest --workers N | --scheduler tcp://HOST:PORT`: a store filled by Dask workers.

The client reads the inputs exactly as `rasd ingest` does and skips articles
the store already holds (same content hash) before any analysis, so a rerun
after a crash only analyzes what is missing; the rest goes to the workers in
partitions.
- SQLite takes a single writer: workers hand the analyzed documents back and
  the client stores each partition in one transaction as it arrives.
- PostgreSQL takes many: every worker keeps one connection and stores each
  article in its own transaction. A partition run again after a lost worker
  finds its first articles stored (same content hash) and adds nothing twice.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from typing import Any

from rasd.batch.cluster import Report, dask_client, run_window, stderr
from rasd.batch.plan import DEFAULT_PARTITION_SIZE
from rasd.batch.worker import Outcome, ingest_partition, stored
from rasd.document import Document
from rasd.ingest import Record
from rasd.pipeline import DEFAULT_STAGES, resolve_stages

IMPORT_BATCH = 64  # already analyzed documents stored per transaction by the client


def ingest_distributed(
    paths: Iterable[str],
    store_location: str,
    workers: int | None = None,
    scheduler: str | None = None,
    progress: bool = True,
    *,
    stages: Iterable[str] | None = None,
    partition_size: int = DEFAULT_PARTITION_SIZE,
    report: Report = stderr,
) -> dict[str, Any]:
    """Ingest every article under `paths` into the store at `store_location`, analyzed on Dask.

    Returns the counts `rasd ingest` reports (read, new, duplicate,
    near_duplicate, failed) with seconds, articles_per_s, workers and
    failed_partitions (their articles are counted as failed; a rerun retries them).
    """
    from tqdm import tqdm

    from rasd.store import is_postgres, open_store
    from rasd.store.ingest import input_items
    from rasd.store.rows import content_hash

    names = tuple(resolve_stages(stages or DEFAULT_STAGES))
    label = ",".join(names)
    location = store_location if is_postgres(store_location) else None
    counts = dict.fromkeys(("read", "new", "duplicate", "near_duplicate", "failed", "failed_partitions"), 0)
    items, total = input_items(paths)
    bar = tqdm(total=total, unit=" articles", disable=not progress, file=sys.stderr, dynamic_ncols=True,
               mininterval=0.5)
    say = (lambda line: bar.write(line, file=sys.stderr)) if progress else report

    def count(outcome: Outcome) -> None:
        counts[outcome.status.replace("-", "_")] += 1
        bar.update(1)
        if outcome.error:
            say(f"rasd: error: article {outcome.id}: {outcome.error}")

    with open_store(store_location, create=True) as store:
        def store_here(docs: list[dict[str, Any]], analysis: str) -> list[Outcome]:
            return [stored(d.get("id"), added) for d, added in zip(docs, store.add_many((d, analysis) for d in docs),
                                                                    strict=True)]

        def partitions() -> Iterator[tuple[str, Any, tuple[Any, ...]]]:
            """Tasks of new raw articles; analyzed documents are stored here; duplicates and bad input counted."""
            seen: set[str] = set()
            batch: list[Document] = []
            imported: list[dict[str, Any]] = []
            for item in items:
                counts["read"] += 1
                if isinstance(item, Record):
                    counts["failed"] += 1
                    bar.update(1)
                    say(f"rasd: error: {item.error}")
                    continue
                key = content_hash(item["text"] if isinstance(item, dict) else item.text)
                if key in seen or store.has_article(key):
                    count(Outcome(None, "duplicate"))
                    continue
                seen.add(key)
                (imported if isinstance(item, dict) else batch).append(item)
                if len(imported) >= IMPORT_BATCH:
                    for outcome in store_here(imported, "imported"):
                        count(outcome)
                    imported = []
                if len(batch) >= partition_size:
                    yield task(batch)
                    batch = []
            for outcome in store_here(imported, "imported") if imported else ():
                count(outcome)
            if batch:
                yield task(batch)

        sizes: dict[str, int] = {}

        def task(batch: list[Document]) -> tuple[str, Any, tuple[Any, ...]]:
            name = f"ingest-{counts['read']}"
            sizes[name] = len(batch)
            return name, ingest_partition, (batch, names, label, location)

        started = time.monotonic()
        try:
            with dask_client(workers, scheduler, names, say) as client:
                counts["workers"] = len(client.nthreads())
                started = time.monotonic()
                bar.reset(bar.total)  # the rate shown counts from here, not from the cluster's start
                for name, outcomes, exc in run_window(client, partitions()):
                    if exc is not None:  # the task failed (its workers killed again and again, or a bug)
                        counts["failed_partitions"] += 1
                        counts["failed"] += sizes[name]
                        bar.update(sizes[name])
                        say(f"rasd: error: {name} failed ({type(exc).__name__}: {exc}); rerun the ingest to retry")
                        continue
                    analyzed = [o.document for o in outcomes if o.status == "analyzed" and o.document is not None]
                    done = iter(store_here(analyzed, label) if analyzed else ())
                    for outcome in outcomes:
                        count(next(done) if outcome.status == "analyzed" else outcome)
            if counts["new"] or counts["near_duplicate"]:
                store.optimize()
        except KeyboardInterrupt:
            say("rasd: stopped; what was stored stays: run the same command again to resume")
            raise
        finally:
            bar.close()
    seconds = time.monotonic() - started
    rate = (counts["new"] + counts["near_duplicate"]) / seconds if seconds else 0.0
    return {**counts, "seconds": round(seconds, 2), "articles_per_s": round(rate, 2)}
