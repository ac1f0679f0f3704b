"""Load benchmark of the HTTP API: requests/s and p50/p90/p99 latency under concurrent clients.

A store is built from the first N SaudiNewsNet development articles (analyzed
by the full pipeline, ingested through the store's API; reused on later runs),
a uvicorn server runs it in its own process on 127.0.0.1, and asyncio clients
(httpx2) send `GET /api/events` (a mix of filters and pages) and
`POST /api/analyze` (development articles the store does not hold). Each run
is bounded in requests and in seconds.

    nice python bench/bench_api.py                                  # 500 articles, 1 and 8 clients
    nice python bench/bench_api.py --articles 2000 --clients 1,4,16 --requests 500 --seconds 60 --json api.json
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from itertools import islice
from pathlib import Path
from typing import Any

import httpx2 as httpx

from rasd.store import open_store
from rasd.store.ingest import LazyPipeline, ingest

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "news" / "saudinewsnet-dev.jsonl"
EVENT_QUERIES: list[dict[str, Any]] = [
    {}, {"actor": "SAU"}, {"actor": ["SAU", "YEM"]}, {"plover": "CONSULT,AGREE"}, {"since": "2015-08"},
    {"source": "SAUGOV", "limit": 100}, {"location": "Q3692"}, {"offset": 200}, {"offset": 500, "limit": 100},
    {"plover": "ASSAULT", "order": "oldest"},
]
SERVER = ("import sys, uvicorn\nfrom rasd.web.app import Settings, create_app\n"
          "uvicorn.run(create_app(Settings(db=sys.argv[1])), host='127.0.0.1', port=int(sys.argv[2]), "
          "log_level='warning')")

Request = Callable[[httpx.AsyncClient], Any]


def build_store(db: Path, data: Path, n: int) -> None:
    """Ingest the first `n` articles of `data` into `db` (skipped when the store already exists)."""
    if db.exists():
        return
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8", delete=False) as tmp, \
            data.open(encoding="utf-8") as src:
        tmp.writelines(islice(src, n))
    start = time.perf_counter()
    with open_store(str(db), create=True) as store:
        summary = ingest(store, [tmp.name], LazyPipeline(), "", lambda m: None)
    Path(tmp.name).unlink()
    print(f"store {db}: {summary.line()} in {time.perf_counter() - start:.0f} s", file=sys.stderr)


def analyze_bodies(data: Path, skip: int, n: int) -> list[dict[str, Any]]:
    """Development articles after the first `skip` (so not in the store), as /api/analyze JSON bodies."""
    with data.open(encoding="utf-8") as src:
        rows = [json.loads(line) for line in islice(src, skip, skip + n)]
    return [{"text": r["text"], "title": r.get("title"), "published": r.get("date")} for r in rows]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-c", SERVER, str(db), str(port)])
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/api/stats", timeout=2).status_code == 200:
                return proc, url
        except httpx.TransportError:
            time.sleep(0.2)
    proc.kill()
    raise RuntimeError("the API server did not start within 60 s")


async def load(url: str, make: Callable[[int], Request], clients: int, max_requests: int,
               max_seconds: float) -> dict[str, Any]:
    """`clients` concurrent loops sending requests until `max_requests` are done or `max_seconds` pass."""
    latencies: list[float] = []
    errors = 0
    counter = itertools.count()
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, timeout=120, limits=limits) as client:
        await make(0)(client)  # warm-up: lazy loading of the pipeline, knowledge base, connections
        start = time.perf_counter()
        deadline = start + max_seconds

        async def worker() -> None:
            nonlocal errors
            while time.perf_counter() < deadline:
                i = next(counter)
                if i >= max_requests:
                    return
                t0 = time.perf_counter()
                response = await make(i)(client)
                latencies.append((time.perf_counter() - t0) * 1000)
                errors += response.status_code != 200

        await asyncio.gather(*(worker() for _ in range(clients)))
        elapsed = time.perf_counter() - start
    q = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else latencies * 99
    return {"clients": clients, "requests": len(latencies), "errors": errors, "seconds": round(elapsed, 2),
            "requests_per_s": round(len(latencies) / elapsed, 1), "p50_ms": round(q[49], 1),
            "p90_ms": round(q[89], 1), "p99_ms": round(q[98], 1), "max_ms": round(max(latencies), 1)}


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data", type=Path, default=DEFAULT_DATA)
    p.add_argument("--articles", type=int, default=500, help="development articles in the store")
    p.add_argument("--db", type=Path, help="store to build or reuse (default: a temporary file per N)")
    p.add_argument("--clients", default="1,8", help="concurrent clients, comma-separated levels")
    p.add_argument("--requests", type=int, default=400, help="at most this many requests per endpoint and level")
    p.add_argument("--seconds", type=float, default=30, help="at most this long per endpoint and level")
    p.add_argument("--json", type=Path, help="write the results here")
    args = p.parse_args()
    if not args.data.exists():
        print(f"no development data at {args.data}", file=sys.stderr)
        return 1
    db = args.db or Path(tempfile.gettempdir()) / f"rasd-bench-api-{args.articles}.db"
    build_store(db, args.data, args.articles)
    bodies = analyze_bodies(args.data, args.articles, 200)

    def events(i: int) -> Request:
        return lambda c: c.get("/api/events", params=EVENT_QUERIES[i % len(EVENT_QUERIES)])

    def analyze(i: int) -> Request:
        return lambda c: c.post("/api/analyze", json=bodies[i % len(bodies)])

    proc, url = start_server(db)
    results = []
    try:
        stats = httpx.get(url + "/api/stats").json()
        print(f"store: {stats['articles']} articles, {stats['events']} events; server {url}", file=sys.stderr)
        for name, make in (("GET /api/events", events), ("POST /api/analyze", analyze)):
            for clients in (int(c) for c in args.clients.split(",")):
                r = {"endpoint": name, **asyncio.run(load(url, make, clients, args.requests, args.seconds))}
                results.append(r)
                print(f"{name:18} clients {clients:3}: {r['requests']:5} requests in {r['seconds']:6.1f} s, "
                      f"{r['requests_per_s']:7.1f} req/s, p50 {r['p50_ms']:7.1f} ms, p90 {r['p90_ms']:7.1f} ms, "
                      f"p99 {r['p99_ms']:7.1f} ms, errors {r['errors']}")
    finally:
        proc.terminate()
        proc.wait(10)
    if args.json:
        args.json.write_text(json.dumps({"articles": stats["articles"], "events": stats["events"],
                                         "results": results}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
