"""Throughput of the whole pipeline on one core: articles/s, words/s, sentences/s, peak memory.

    python bench/bench_pipeline.py [--limit N] [PATH]

PATH defaults to ../shared/data/news/saudinewsnet-dev.jsonl. Reports the
time spent in each stage too, so that tuning starts from a profile.
"""

from __future__ import annotations

import argparse
import itertools
import os
import resource
import time
from collections import defaultdict
from pathlib import Path

from rasd.ingest import Record, read_path
from rasd.pipeline import Pipeline

DEFAULT = Path(__file__).resolve().parents[2] / "shared/data/news/saudinewsnet-dev.jsonl"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", nargs="?", default=str(DEFAULT))
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args()
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core

    load_start = time.perf_counter()
    pipeline = Pipeline()
    docs = [d for d in itertools.islice(read_path(args.path), args.limit) if not isinstance(d, Record)]
    pipeline(docs[0].__class__(text="قال الرئيس إن الاجتماع عقد أمس في موسكو."))  # load models lazily
    load_time = time.perf_counter() - load_start

    per_stage: dict[str, float] = defaultdict(float)
    words = sentences = 0
    start = time.perf_counter()
    cpu_start = time.process_time()
    for doc in docs:
        for name, stage in zip(pipeline.names, pipeline.stages, strict=True):
            t0 = time.perf_counter()
            stage(doc)
            per_stage[name] += time.perf_counter() - t0
        words += len(doc.text.split())
        sentences += len(doc.sentences)
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"articles      {len(docs)}")
    print(f"load time     {load_time:.2f} s (models, lexicons, knowledge base, and reading the input)")
    print(f"elapsed       {elapsed:.2f} s on one core ({cpu:.2f} s of CPU; load average {os.getloadavg()[0]:.1f})")
    print(f"articles/s    {len(docs) / cpu:,.1f} per CPU-second (wall-clock figures below)")
    print(f"articles/s    {len(docs) / elapsed:,.1f}")
    print(f"words/s       {words / elapsed:,.0f}")
    print(f"sentences/s   {sentences / elapsed:,.0f}")
    print(f"peak memory   {peak_mb:,.0f} MB")
    for name in pipeline.names:
        print(f"  {name:<10} {per_stage[name]:7.2f} s  {100 * per_stage[name] / elapsed:5.1f} %")


if __name__ == "__main__":
    main()
