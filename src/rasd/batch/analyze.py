"""`rasd batch analyze`: an archive analyzed on Dask into partitioned JSON lines or Parquet.

The output folder holds one file per partition (`part-00000.jsonl`, or
`.parquet`) and `_manifest.json`, which names the inputs and options and the
partitions done. Each file is written under a temporary name and renamed once
complete, so a part file is whole or absent, and a partition is marked done
only after its file is in place. A rerun after a crash, Ctrl-C or kill -9
therefore redoes exactly the partitions not marked done, overwriting any file
a crash left unrecorded: every article is written once.

Only the client writes (workers return rows), so the folder need not be
shared with the workers.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from rasd.batch.cluster import Report, dask_client, run_window, stderr
from rasd.batch.output import FORMATS, Manifest, PartitionResult, locked, write_part
from rasd.batch.plan import DEFAULT_PARTITION_SIZE, PartitionReader, input_files, plan_partitions
from rasd.batch.worker import analyze_partition
from rasd.errors import InputError, RasdError
from rasd.pipeline import DEFAULT_STAGES, resolve_stages


@dataclass(slots=True)
class BatchSummary:
    out: str
    partitions: int
    done_before: int = 0
    done_now: int = 0
    failed: list[str] = field(default_factory=list)  # partitions whose task failed (rerun to retry)
    articles: int = 0  # documents written by this run
    errors: int = 0  # error lines written by this run
    seconds: float = 0.0  # from the first task sent to the last result written
    startup: float = 0.0  # starting or reaching the cluster, workers loading the pipeline
    busy: float = 0.0  # worker seconds spent analyzing (the rest of workers x seconds is overhead and idling)
    cpu: float = 0.0  # worker CPU seconds spent analyzing
    client_cpu: float = 0.0  # CPU seconds of this process meanwhile (reading, writing; a local scheduler too)
    workers: int = 0
    worker_peak_rss: dict[int, int] = field(default_factory=dict)  # worker pid -> peak resident bytes

    def count(self, result: PartitionResult) -> None:
        """Add a partition written."""
        self.done_now += 1
        self.busy += result.seconds
        self.cpu += result.cpu
        self.errors += result.errors
        self.articles += len(result.rows) - result.errors
        self.worker_peak_rss[result.pid] = max(result.peak_rss, self.worker_peak_rss.get(result.pid, 0))

    @property
    def complete(self) -> bool:
        return self.done_before + self.done_now == self.partitions

    @property
    def rate(self) -> float:
        return (self.articles + self.errors) / self.seconds if self.seconds else 0.0

    def line(self) -> str:
        memory = max(self.worker_peak_rss.values(), default=0) / 2**20
        state = "complete" if self.complete else f"INCOMPLETE, {len(self.failed)} failed"
        return (f"{self.articles} articles, {self.errors} errors in {self.seconds:.1f} s "
                f"({self.rate:.1f} articles/s on {self.workers} workers; start-up {self.startup:.1f} s; "
                f"worker memory up to {memory:.0f} MB); partitions {self.done_before + self.done_now}/"
                f"{self.partitions} done ({self.done_before} before this run), {state}")


def analyze_batch(
    inputs: Sequence[str],
    out: str | Path,
    *,
    fmt: str = "jsonl",
    workers: int | None = None,
    scheduler: str | None = None,
    partition_size: int = DEFAULT_PARTITION_SIZE,
    published: date | None = None,
    stages: Iterable[str] | None = None,
    progress: bool = False,
    report: Report = stderr,
) -> BatchSummary:
    """Analyze every article in `inputs` on Dask into `out`, resuming a batch begun there before."""
    if partition_size < 1:
        raise RasdError(f"the partition size must be at least 1 (got {partition_size})")
    if fmt not in FORMATS:
        raise RasdError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise RasdError("Parquet output needs pyarrow: pip install pyarrow") from None
    names = tuple(resolve_stages(stages or DEFAULT_STAGES))
    files = input_files(inputs)
    if not files:
        raise InputError(" ".join(inputs), "no articles to read (no .jsonl, .jsonl.gz, .txt, .html or .json files)")
    plan = plan_partitions(files, partition_size)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    key = {"inputs": [_fingerprint(f) for f in files],
           "options": {"partition_size": partition_size, "stages": list(names), "format": fmt,
                       "published": published.isoformat() if published else None}}
    with locked(out):
        manifest = Manifest.open(out, key, len(plan))
        for stale in out.glob(".*.tmp"):  # left by a crash in the middle of a write
            stale.unlink()
        summary = BatchSummary(str(out), len(plan), done_before=len(manifest.done))
        todo = {f"part-{p.index:05d}": p for p in plan if p.index not in manifest.done}
        if not todo:
            manifest.save()
            return summary

        from tqdm import tqdm

        started = time.monotonic()
        bar = tqdm(total=sum(p.weight for p in todo.values()), unit=" articles", disable=not progress,
                   file=sys.stderr, dynamic_ncols=True, mininterval=0.5)
        say = (lambda line: bar.write(line, file=sys.stderr)) if progress else report
        try:
            with dask_client(workers, scheduler, names, say) as client, PartitionReader() as reader:
                summary.workers = len(client.nthreads())
                summary.startup = time.monotonic() - started
                started, client_cpu = time.monotonic(), time.process_time()
                bar.reset(bar.total)  # the rate shown counts from here, not from the cluster's start
                tasks = ((name, analyze_partition, (p.index, reader.read(p), names, published))
                         for name, p in todo.items())
                for name, result, exc in run_window(client, tasks):
                    partition = todo[name]
                    if exc is not None:  # the task itself failed (its workers killed again and again, or a bug)
                        summary.failed.append(name)
                        where = f"{partition.chunks[0].path}:{partition.chunks[0].first_line}"
                        say(f"rasd: error: {name} (from {where}) failed: {type(exc).__name__}: {exc}; "
                            "the batch goes on; rerun it to retry this partition")
                        continue
                    write_part(out, partition.index, result.rows, fmt)
                    manifest.mark(partition.index, result)
                    summary.count(result)
                    summary.seconds = time.monotonic() - started
                    summary.client_cpu = time.process_time() - client_cpu
                    bar.update(partition.weight)
                    bar.set_postfix_str(f"errors {summary.errors}", refresh=False)
        except KeyboardInterrupt:
            say(f"rasd: stopped; the {len(manifest.done)} partitions done are kept: run the same command to finish")
            raise
        finally:
            bar.close()
            manifest.save()
        return summary


def _fingerprint(path: str) -> dict[str, Any]:
    """What identifies an input between runs: a changed file would shift every partition after it."""
    st = os.stat(path)
    return {"path": str(Path(path).resolve()), "size": st.st_size, "mtime_ns": st.st_mtime_ns}
