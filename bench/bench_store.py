"""Benchmark the event store: ingest throughput per backend, query latency on the development corpus.

    nice python bench/bench_store.py                       # SQLite, and PostgreSQL if RASD_TEST_POSTGRES_URL is set
    nice python bench/bench_store.py --postgres URL --limit 2000 --analyzed-sample 200 --json results.json

Measured, for each backend, on the SaudiNewsNet development articles (10,000 by default):
- ingest, analysis excluded: raw articles stored and indexed as text (`rasd ingest --no-analyze`);
- ingest of analyzed documents: the same articles with the pipeline's annotations, stored as
  `rasd.document/1` JSON lines (what a batch run hands the store);
- ingest, analysis included: `rasd ingest` end to end (pipeline + store) on a sample;
- query latency on the analyzed store: event filters, search, entities, stats (median and worst of
  several runs, after one warm-up).
The pipeline's output for the corpus is analyzed once and cached (--cache), so reruns only measure the store.
When the pipeline cannot run, the articles get seeded synthetic entities and events instead (0-6 per
article among 24 actors, 18 PLOVER categories, 8 places), so event queries still meet a realistic volume;
the results say so ("events": "synthetic") and leave out the end-to-end figure.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from rasd.ingest import Record, read_path
from rasd.store import EventFilter, Store, open_store
from rasd.store.ingest import LazyPipeline, PipelineUnavailable, ingest
from rasd.store.postgres import scratch_schema

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "news" / "saudinewsnet-dev.jsonl"

EVENT_QUERIES = {
    "events SAU-YEM": EventFilter(actors=["SAU", "YEM"]),
    "events CONSULT since 2015-08": EventFilter(plover=["CONSULT"], since="2015-08"),
    "events source SAU, limit 100": EventFilter(source="SAU", limit=100),
    "events in Riyadh": EventFilter(location="Riyadh"),
    "events, first 1000": EventFilter(limit=1000),
}
SEARCH_QUERIES = ["روسيا", "الملك سلمان", '"خادم الحرمين الشريفين"', "اليمن الحوثيين", "لوكاشينكو"]


def _ignore(message: str) -> None:
    """Input errors are counted in the summary; the benchmark does not print them."""


def _timed(fn: Callable[[], Any], repeats: int) -> dict[str, float]:
    fn()  # warm-up: caches, lazy imports
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return {"median_ms": round(statistics.median(times), 2), "max_ms": round(max(times), 2)}


def _write_subset(data: Path, limit: int, folder: Path) -> Path:
    out = folder / "raw.jsonl"
    with data.open("rb") as src, out.open("wb") as dst:
        for n, line in enumerate(src):
            if n >= limit:
                break
            dst.write(line)
    return out


def _analyze_corpus(raw: Path, cache: Path) -> tuple[Path | None, float | None]:
    """Analyzed documents for the corpus (cached), and the pipeline's articles per second."""
    if cache.exists() and cache.stat().st_mtime > raw.stat().st_mtime:
        return cache, None
    pipeline = LazyPipeline()
    n, start = 0, time.perf_counter()
    with cache.open("w", encoding="utf-8") as out:
        for item in read_path(raw):
            if isinstance(item, Record):
                continue
            try:
                doc = pipeline(item)
            except PipelineUnavailable as exc:
                print(f"pipeline: {exc}", file=sys.stderr)
                out.close()
                cache.unlink()
                return None, None
            except Exception:  # the store benchmark does not judge the analysis
                continue
            out.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")
            n += 1
    return cache, n / (time.perf_counter() - start)


_ACTORS = [(f"Q{100 + i}", code, code[:3]) for i, code in enumerate(
    ["SAUGOV", "SAUMIL", "YEMGOV", "YEMREB", "USAGOV", "RUSGOV", "IRNGOV", "EGYGOV", "ARE", "QATGOV", "KWTGOV",
     "BHRGOV", "JORGOV", "SYRGOV", "SYRREB", "IRQGOV", "TURGOV", "FRAGOV", "GBRGOV", "CHNGOV", "DEUGOV", "PAKGOV",
     "SDNGOV", "LBNGOV"])]
_PLOVER = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
           "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "DISAPPROVE", "INVESTIGATE"]
_PLACES = [("Q3692", "Riyadh"), ("Q374365", "Jeddah"), ("Q2471", "Sanaa"), ("Q61", "Washington"),
           ("Q649", "Moscow"), ("Q3616", "Tehran"), ("Q85", "Cairo"), ("Q1530", "Baghdad")]


def _synthetic_corpus(raw: Path, out: Path) -> Path:
    """The real articles with seeded synthetic entities and events (when the pipeline cannot run)."""
    rng = random.Random(7)
    with out.open("w", encoding="utf-8") as dst:
        for item in read_path(raw):
            if isinstance(item, Record):
                continue
            doc = item.to_dict()
            events, used = [], {}
            for n in range(rng.randint(0, 6)):
                src, tgt = rng.sample(_ACTORS, 2)
                place = rng.choice(_PLACES) if rng.random() < 0.6 else None
                for actor in (src, tgt):
                    used[actor[0]] = actor
                plover = rng.choice(_PLOVER)
                events.append({
                    "plover": plover, "cameo": f"{_PLOVER.index(plover) + 1:02d}0", "quad": None, "mode": None,
                    "source": {"entity": src[0], "code": src[1], "country": src[2], "text": src[1]},
                    "target": {"entity": tgt[0], "code": tgt[1], "country": tgt[2], "text": tgt[1]},
                    "date": doc["published"], "negated": False, "modality": "asserted", "confidence": 0.5,
                    "location": {"entity": place[0], "name_en": place[1]} if place else None,
                    "trigger": {"start": 0, "end": 1, "text": doc["text"][:1]}, "sentence": n})
            doc["entities"] = [{"id": eid, "type": "ORG", "name_ar": code, "name_en": code, "country": country,
                                "mentions": [{"start": 0, "end": 1, "text": doc["text"][:1]}]}
                               for eid, code, country in used.values()]
            doc["events"] = events
            dst.write(json.dumps(doc, ensure_ascii=False) + "\n")
    return out


@contextmanager
def _location(backend: str, folder: Path, postgres: str | None, name: str) -> Iterator[str]:
    """A fresh, empty store: a SQLite file, or a schema of its own on the PostgreSQL server (dropped after)."""
    if backend == "sqlite":
        yield str(folder / f"{name}.db")
        return
    with scratch_schema(postgres, f"bench_{name}") as url:
        yield url


def _ingest_rate(location: str, path: Path, analyze: Any = None, label: str = "") -> dict[str, Any]:
    with open_store(location, create=True) as store:
        start = time.perf_counter()
        summary = ingest(store, [str(path)], analyze, label, _ignore)
        seconds = time.perf_counter() - start
    stored = summary.new + summary.near_duplicate
    return {"articles": summary.read, "stored": stored, "near_duplicates": summary.near_duplicate,
            "seconds": round(seconds, 2), "articles_per_s": round(summary.read / seconds, 1)}


def _query_latency(store: Store, repeats: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, f in EVENT_QUERIES.items():
        out[name] = {**_timed(lambda f=f: list(store.events(f)), repeats), "rows": len(list(store.events(f)))}
    for query in SEARCH_QUERIES:
        out[f"search {query}"] = {**_timed(lambda q=query: store.search(q, limit=20), repeats),
                                  "rows": len(store.search(query, limit=20))}
    out["entities top 20"] = _timed(lambda: store.entities(limit=20), repeats)
    out["stats"] = _timed(store.stats, repeats)
    return out


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data", type=Path, default=DEFAULT_DATA)
    p.add_argument("--limit", type=int, default=10_000, help="articles from the corpus (default: all 10,000)")
    p.add_argument("--postgres", default=os.environ.get("RASD_TEST_POSTGRES_URL"),
                   help="PostgreSQL URL (default: $RASD_TEST_POSTGRES_URL; none: SQLite only)")
    p.add_argument("--analyzed-sample", type=int, default=300, help="articles for the end-to-end ingest")
    p.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "rasd-bench-analyzed.jsonl")
    p.add_argument("--repeats", type=int, default=5)
    p.add_argument("--json", type=Path, help="also write the results here")
    args = p.parse_args()
    if not args.data.exists():
        p.error(f"no corpus at {args.data}")
    backends = ["sqlite"] + (["postgresql"] if args.postgres else [])
    results: dict[str, Any] = {"corpus": str(args.data), "limit": args.limit, "backends": {}}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        raw = _write_subset(args.data, args.limit, folder)
        (folder / "sample").mkdir()
        sample = _write_subset(args.data, args.analyzed_sample, folder / "sample")
        analyzed, pipeline_rate = _analyze_corpus(raw, args.cache.with_suffix(f".{args.limit}.jsonl"))
        results["pipeline_articles_per_s"] = round(pipeline_rate, 1) if pipeline_rate else None
        results["events"] = "pipeline" if analyzed else "synthetic"
        end_to_end = analyzed is not None
        analyzed = analyzed or _synthetic_corpus(raw, folder / "synthetic.jsonl")
        for backend in backends:
            r: dict[str, Any] = {}
            with _location(backend, folder, args.postgres, "text") as loc:
                r["ingest_text_only"] = _ingest_rate(loc, raw)
            with _location(backend, folder, args.postgres, "analyzed") as loc:
                r["ingest_analyzed_documents"] = _ingest_rate(loc, analyzed)
                with open_store(loc) as store:
                    r["stats"] = {k: v for k, v in store.stats().items() if not isinstance(v, dict)}
                    r["queries"] = _query_latency(store, args.repeats)
            if end_to_end:
                with _location(backend, folder, args.postgres, "e2e") as loc:
                    pipeline = LazyPipeline()
                    r["ingest_with_analysis"] = _ingest_rate(loc, sample, pipeline, ",".join(pipeline.names))
            results["backends"][backend] = r
            print(f"{backend}: done", file=sys.stderr)
    text = json.dumps(results, ensure_ascii=False, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
