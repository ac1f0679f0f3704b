"""Scaling of `rasd batch analyze` on Dask: articles/s with 1 and 2 workers, speedup, overhead, worker memory.

    python bench/bench_scaling.py [PATH] [--limit N] [--workers 1,2] [--repeat N] [--partition-size N]
                                  [--only STAGES]

PATH defaults to ../shared/data/news/saudinewsnet-dev.jsonl. Measures, over
the same articles:
- the pipeline in this process on one core, without Dask (the per-article cost);
- a batch on a LocalCluster of each worker count: articles/s from the first
  task sent to the last part file written (cluster start-up reported apart),
  worker CPU time per article (unlike wall time, not inflated by neighbours),
  the client's CPU use (reading, writing, and the local scheduler and nannies,
  which poll even when idle),
  efficiency (worker time analyzing / workers x wall time), each worker's peak
  resident memory, and the speedup over one worker (best of --repeat runs);
- the overhead per partition: a batch of one-article partitions through the
  cheapest stage, where scheduling, shipping and writing are all there is:
  worker time lost per partition, and client CPU per partition.
Each figure comes with the load average of the machine when it was taken:
on a shared machine a busy neighbour shows up there.
"""

from __future__ import annotations

import argparse
import itertools
import os
import tempfile
import time
from pathlib import Path

from rasd.batch.analyze import BatchSummary, analyze_batch
from rasd.batch.output import Row
from rasd.batch.worker import cached_pipeline
from rasd.ingest import Record, read_path
from rasd.pipeline import DEFAULT_STAGES, resolve_stages

DEFAULT = Path(__file__).resolve().parents[2] / "shared/data/news/saudinewsnet-dev.jsonl"
OVERHEAD_ARTICLES = 400


def load() -> str:
    return "load {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def in_process(path: Path, stages: list[str]) -> tuple[float, float]:
    """Articles/s and CPU s/article of a worker's work (analysis, JSON line) in this process, models preloaded."""
    pipeline = cached_pipeline(tuple(resolve_stages(stages)))
    docs = [d for d in read_path(path) if not isinstance(d, Record)]
    start, cpu = time.perf_counter(), time.process_time()
    for doc in docs:
        Row.of(pipeline(doc))
    return len(docs) / (time.perf_counter() - start), (time.process_time() - cpu) / len(docs)


def batch(path: Path, workers: int, size: int, stages: list[str]) -> BatchSummary:
    with tempfile.TemporaryDirectory(prefix="rasd-bench-") as out:
        return analyze_batch([str(path)], out, workers=workers, partition_size=size, stages=stages,
                             report=lambda message: None)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", nargs="?", default=str(DEFAULT))
    ap.add_argument("--limit", type=int, default=None, help="first N articles only")
    ap.add_argument("--workers", default="1,2", help="worker counts to measure (default 1,2)")
    ap.add_argument("--partition-size", type=int, default=100)
    ap.add_argument("--only", help="stages (default: the whole pipeline)")
    ap.add_argument("--repeat", type=int, default=1, help="measure each worker count N times, keep the best")
    args = ap.parse_args()
    stages = args.only.split(",") if args.only else list(DEFAULT_STAGES)

    with tempfile.TemporaryDirectory(prefix="rasd-bench-in-") as tmp:
        path = Path(tmp) / "articles.jsonl"
        with open(args.path, "rb") as src, open(path, "wb") as dst:
            dst.writelines(itertools.islice(src, args.limit))
        n = sum(1 for _ in open(path, "rb"))
        print(f"{n} articles from {args.path}; stages {','.join(stages)}; partitions of {args.partition_size}; "
              f"{os.cpu_count()} cores")

        rate, cpu = in_process(path, stages)
        print(f"in this process, no Dask    {rate:8.1f} articles/s, {1000 * cpu:.1f} ms CPU/article   ({load()})")

        best: dict[int, BatchSummary] = {}
        for _ in range(args.repeat):
            for workers in map(int, args.workers.split(",")):
                s = batch(path, workers, args.partition_size, stages)
                peaks = ", ".join(f"{v / 2**20:.0f}" for v in sorted(s.worker_peak_rss.values()))
                print(f"dask, {workers} worker{'s' if workers > 1 else ' '}           {s.rate:8.1f} articles/s, "
                      f"{1000 * s.cpu / (s.articles + s.errors):.1f} ms CPU/article, client "
                      f"{s.client_cpu / s.seconds:.0%} of a core, efficiency "
                      f"{s.busy / (workers * s.seconds):.0%}, start-up {s.startup:.1f} s, worker peak RSS {peaks} MB"
                      f"   ({load()})")
                if workers not in best or s.rate > best[workers].rate:
                    best[workers] = s
        one = best.get(1)
        for workers, s in best.items():
            if one and workers > 1:
                print(f"speedup, {workers} workers        {s.rate / one.rate:8.2f}x (best of {args.repeat})")

        with open(path, "rb") as src, open(Path(tmp) / "few.jsonl", "wb") as dst:
            dst.writelines(itertools.islice(src, OVERHEAD_ARTICLES))
        s = batch(Path(tmp) / "few.jsonl", 1, 1, ["text"])
        per_partition = (s.seconds - s.busy) / s.done_now
        print(f"overhead per partition      {1000 * per_partition:8.1f} ms of worker time, "
              f"{1000 * s.client_cpu / s.done_now:.1f} ms of client CPU ({s.done_now} one-article partitions, "
              f"stage text, 1 worker: {s.seconds:.1f} s wall, {s.busy:.1f} s analyzing)   ({load()})")


if __name__ == "__main__":
    main()
