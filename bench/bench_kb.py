"""Knowledge-base benchmark: compile and load time, memory, exact and fuzzy lookups/s.

Lookup cost must not grow with the base: the same queries are timed against
bases holding 25%, 50% and 100% of the aliases (exact lookups are one dict
probe; fuzzy lookups score only one first-letter bucket within a length window).

    .venv/bin/python bench/bench_kb.py [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import tempfile
import time
import tracemalloc
from typing import Any

from rasd.kb.base import KnowledgeBase, _load_compiled
from rasd.kb.compile import DATA_DIR, compile_data


def timed(fn, repeat: int = 5) -> float:
    """Median seconds of `fn()` over `repeat` runs."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def subset(data: dict[str, Any], fraction: float, keep: set[str], rng: random.Random) -> dict[str, Any]:
    """The compiled base with only `fraction` of its aliases (always keeping `keep`)."""
    keys = [k for k in data["alias"] if k not in keep]
    n = max(0, int(len(data["alias"]) * fraction) - len(keep))
    chosen = set(rng.sample(keys, min(n, len(keys)))) | keep
    return data | {"alias": {k: v for k, v in data["alias"].items() if k in chosen}}


def lookups_per_second(kb: KnowledgeBase, queries: list[str]) -> float:
    def run() -> None:
        for q in queries:
            kb.lookup(q)
    return len(queries) / timed(run)


def fuzzy_per_second(kb: KnowledgeBase, queries: list[str]) -> float:
    kb.fuzzy(queries[0])  # build the index outside the timing
    return len(queries) / timed(lambda: [kb.fuzzy(q) for q in queries], repeat=3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    rng = random.Random(7)
    out: dict[str, Any] = {}

    out["compile_s"] = timed(lambda: compile_data(DATA_DIR), repeat=2)
    with tempfile.TemporaryDirectory() as cache:
        os.environ["RASD_CACHE_DIR"] = cache
        _load_compiled(DATA_DIR)
        out["load_cached_s"] = timed(lambda: KnowledgeBase(_load_compiled(DATA_DIR)))
        tracemalloc.start()
        data = _load_compiled(DATA_DIR)
        kb = KnowledgeBase(data)
        out["memory_mb"] = tracemalloc.get_traced_memory()[0] / 2**20
        tracemalloc.stop()
        out["cache_file_mb"] = sum(f.stat().st_size for f in os.scandir(cache)) / 2**20
    out["data_mb"] = sum(p.stat().st_size for p in DATA_DIR.glob("*.tsv")) / 2**20
    out["entries"], out["aliases"] = len(kb), len(data["alias"])

    keys = list(data["alias"])
    hits = rng.sample(keys, 2000)
    misses = [k + "ه" for k in rng.sample(keys, 2000) if k + "ه" not in data["alias"]]
    queries = [q for pair in zip(hits, misses, strict=False) for q in pair] * 25
    variants = [k[:-1] + "ي" + k[-1] for k in rng.sample([k for k in keys if len(k) >= 6], 300)]

    rows = []
    for fraction in (0.25, 0.5, 1.0):
        part = KnowledgeBase(subset(data, fraction, set(hits), rng))
        rows.append({"fraction": fraction, "aliases": len(part._alias),
                     "lookups_per_s": lookups_per_second(part, queries),
                     "fuzzy_per_s": fuzzy_per_second(part, variants)})
    out["scaling"] = rows

    if args.json:
        print(json.dumps(out, indent=2))
        return
    print(f"data files      {out['data_mb']:.1f} MB, {out['entries']} entries, {out['aliases']} aliases")
    print(f"compile         {out['compile_s'] * 1000:.0f} ms (first load, or after a data change)")
    print(f"load (cached)   {out['load_cached_s'] * 1000:.0f} ms, cache file {out['cache_file_mb']:.1f} MB")
    print(f"memory          {out['memory_mb']:.1f} MB (Python objects after load)")
    print(f"{'aliases':>10} {'exact lookups/s':>16} {'fuzzy/s':>10}")
    for r in rows:
        print(f"{r['aliases']:>10} {r['lookups_per_s']:>16,.0f} {r['fuzzy_per_s']:>10,.0f}")


if __name__ == "__main__":
    main()
