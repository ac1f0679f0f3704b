"""Throughput of the whole pipeline on one core: articles/s, words/s, sentences/s, peak memory.

    python bench/bench_pipeline.py [--limit N] [PATH]

PATH defaults to ../shared/data/news/saudinewsnet-dev.jsonl. Runs
`Pipeline.pipe` (batches of documents) as `rasd analyze` does, and reports
the CPU time of each stage too, so that tuning starts from a profile.
"""

from __future__ import annotations

import argparse
import itertools
import os
import resource
import time
from pathlib import Path

from rasd.ingest import Record, read_path
from rasd.pipeline import BATCH_SIZE, AnalysisFailure, Pipeline

DEFAULT = Path(__file__).resolve().parents[2] / "shared/data/news/saudinewsnet-dev.jsonl"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", nargs="?", default=str(DEFAULT))
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--batch-size", type=int, default=BATCH_SIZE, help="documents per batch (Pipeline.pipe)")
    args = ap.parse_args()
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core

    load_start = time.perf_counter()
    pipeline = Pipeline()
    docs = [d for d in itertools.islice(read_path(args.path), args.limit) if not isinstance(d, Record)]
    pipeline(docs[0].__class__(text="قال الرئيس إن الاجتماع عقد أمس في موسكو."))  # load models lazily
    load_time = time.perf_counter() - load_start

    pipeline.timings = dict.fromkeys(pipeline.names, 0.0)
    start = time.perf_counter()
    cpu_start = time.process_time()
    failures = [doc for doc in pipeline.pipe(docs, batch_size=args.batch_size) if isinstance(doc, AnalysisFailure)]
    elapsed = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    words = sum(len(doc.text.split()) for doc in docs)
    sentences = sum(len(doc.sentences) for doc in docs)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"articles      {len(docs)}")
    if failures:  # counted, not fatal: one article a stage fails on should not hide the throughput
        print(f"failed        {len(failures)} ({failures[0].doc.id}: {failures[0].message()})")
    print(f"load time     {load_time:.2f} s (models, lexicons, knowledge base, and reading the input)")
    print(f"elapsed       {elapsed:.2f} s on one core ({cpu:.2f} s of CPU; load average {os.getloadavg()[0]:.1f})")
    print(f"articles/s    {len(docs) / cpu:,.1f} per CPU-second (wall-clock figures below)")
    print(f"articles/s    {len(docs) / elapsed:,.1f}")
    print(f"words/s       {words / elapsed:,.0f}")
    print(f"sentences/s   {sentences / elapsed:,.0f}")
    print(f"peak memory   {peak_mb:,.0f} MB")
    print(f"sentences/s   {sentences / cpu:,.0f} per CPU-second")
    print("CPU time per stage:")
    for name, seconds in pipeline.timings.items():
        share, per_article = 100 * seconds / cpu, 1000 * seconds / len(docs)
        print(f"  {name:<10} {seconds:7.2f} s  {share:5.1f} %  {per_article:6.2f} ms/article")


if __name__ == "__main__":
    main()
