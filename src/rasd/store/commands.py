"""The store's commands: `rasd ingest`, `events`, `entities`, `search`, `article`, `stats`, `export`.

`add_commands(subparsers)` registers them on the `rasd` parser. Every command
takes `--db` (a SQLite file, default `./rasd.db` or $RASD_DB, or a
`postgresql://` URL). Query commands print `--format table` (for people),
`csv` or `jsonl` (for tools; every field); near-duplicate articles are left
out unless `--include-duplicates` is given.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from contextlib import ExitStack
from typing import TYPE_CHECKING, Any, TextIO

from rasd.errors import InputError, RasdError
from rasd.store import DEFAULT_DB, open_store

if TYPE_CHECKING:
    from rasd.store import EventFilter

TABLE_CELL = 40  # characters shown per table cell

EVENT_TABLE = ("event_id", "day", "plover", "cameo", "source", "target", "location", "modality", "article_id")
ENTITY_TABLE = ("id", "type", "name_en", "name_ar", "country", "articles", "mentions")
SEARCH_TABLE = ("article_id", "published", "source", "title", "snippet")


def add_commands(subparsers: Any) -> None:
    """Add the store's sub-commands to the `rasd` parser's subparsers."""
    from rasd.batch.commands import add_cluster_args

    i = subparsers.add_parser(
        "ingest", help="add articles (files, folders, .jsonl, .html, RSS/Atom) to a store",
        description="Analyze and store articles. Safe to rerun: articles already stored are skipped, so an "
        "interrupted ingest resumes where it stopped. Prints read/new/duplicate/near-duplicate/failed counts; "
        "exits 1 when some input failed (each failure is reported on stderr).")
    i.add_argument("paths", nargs="+", metavar="PATH",
                   help="files or folders (walked recursively): text, .jsonl (raw or analyzed documents), .html, "
                   ".rss/.atom/.xml feeds; - for standard input")
    _db_arg(i)
    i.add_argument("--no-analyze", action="store_true", help="store and index the text only (no analysis)")
    i.add_argument("--only", metavar="STAGES", help="comma-separated analysis stages to run (default: all)")
    add_cluster_args(i)  # --workers N | --scheduler URL: analyze on Dask (rasd.batch)
    i.set_defaults(func=cmd_ingest)

    e = subparsers.add_parser("events", help="coded events, filtered by actor, category, date, place")
    _db_arg(e)
    _event_filter_args(e)
    _format_arg(e)
    e.set_defaults(func=cmd_events)

    n = subparsers.add_parser("entities", help="entities with their mention and article counts")
    _db_arg(n)
    n.add_argument("--type", choices=["PER", "LOC", "ORG", "MISC"], type=str.upper)
    n.add_argument("--name", help="part of the English or Arabic name, or an entity id")
    n.add_argument("--limit", type=_positive, default=None, help="at most this many rows")
    n.add_argument("--include-duplicates", action="store_true", help="count near-duplicate articles too")
    _format_arg(n)
    n.set_defaults(func=cmd_entities)

    s = subparsers.add_parser("search", help='full-text search (words must all occur; "quoted phrase")')
    s.add_argument("query", nargs="+", metavar="QUERY")
    _db_arg(s)
    s.add_argument("--limit", type=_positive, default=20, help="at most this many articles (default 20)")
    s.add_argument("--include-duplicates", action="store_true", help="show near-duplicate articles too")
    _format_arg(s)
    s.set_defaults(func=cmd_search)

    a = subparsers.add_parser("article", help="a stored document (rasd.document/1 JSON)")
    a.add_argument("id", metavar="ID", help="the document id, the store's article number, or the content hash")
    _db_arg(a)
    a.add_argument("--format", choices=["json", "jsonl"], default="json")
    a.set_defaults(func=cmd_article)

    t = subparsers.add_parser("stats", help="what the store holds")
    _db_arg(t)
    t.add_argument("--format", choices=["table", "json"], default="table")
    t.set_defaults(func=cmd_stats)

    x = subparsers.add_parser("export", help="export documents (jsonl) or events (gdelt, parquet, graphml)",
                              description="Export the store. jsonl: every document (near-duplicates only with "
                              "--include-duplicates); gdelt, parquet, graphml: the events the filters select.")
    _db_arg(x)
    x.add_argument("--format", required=True, choices=["jsonl", "gdelt", "parquet", "graphml"])
    x.add_argument("--out", metavar="PATH", help="output file (default: standard output; required for parquet)")
    _event_filter_args(x)
    x.set_defaults(func=cmd_export)


def _db_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", default=os.environ.get("RASD_DB", DEFAULT_DB),
                   help=f"store: a SQLite file or a postgresql:// URL (default: $RASD_DB or ./{DEFAULT_DB})")


def _format_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=["table", "jsonl", "csv"], default="table")


def _positive(value: str) -> int:
    n = int(value)
    if n <= 0:
        raise argparse.ArgumentTypeError("must be a positive number")
    return n


def _event_filter_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--actor", action="append", default=[], metavar="ACTOR",
                   help="source or target: CAMEO code (prefix), ISO country or entity id; repeat for both sides")
    p.add_argument("--source", metavar="ACTOR", help="the source actor")
    p.add_argument("--target", metavar="ACTOR", help="the target actor")
    p.add_argument("--plover", metavar="CATEGORY", help="PLOVER categories, comma-separated (CONSULT,ACCUSE)")
    p.add_argument("--since", metavar="DATE", help="from this day (YYYY, YYYY-MM or YYYY-MM-DD)")
    p.add_argument("--until", metavar="DATE", help="to the end of this day, month or year")
    p.add_argument("--location", help="where: entity id, place name or country code")
    p.add_argument("--outlet", help="part of the article source (the paper)")
    p.add_argument("--limit", type=_positive, default=None, help="at most this many events")
    p.add_argument("--include-duplicates", action="store_true", help="keep events of near-duplicate articles")


def _event_filter(args: argparse.Namespace) -> EventFilter:
    from rasd.store import EventFilter

    return EventFilter(
        actors=args.actor, source=args.source, target=args.target,
        plover=[p for p in (args.plover or "").split(",") if p.strip()],
        since=args.since, until=args.until, location=args.location, outlet=args.outlet,
        include_duplicates=args.include_duplicates, limit=args.limit,
    )


def write_rows(rows: Iterable[dict[str, Any]], fmt: str, out: TextIO, table_columns: Sequence[str],
               table_view: Callable[[dict[str, Any]], dict[str, Any]] | None = None) -> int:
    """Rows as an aligned table (chosen columns), CSV or JSON lines (every field); returns the count."""
    n = 0
    if fmt == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
            n += 1
        return n
    if fmt == "csv":
        writer = None
        for row in rows:
            if writer is None:
                writer = csv.DictWriter(out, fieldnames=list(row))
                writer.writeheader()
            writer.writerow(row)
            n += 1
        return n
    last = len(table_columns) - 1  # nothing follows the last column: it is shown whole
    cells = [[_cell((table_view(r) if table_view else r).get(c), i == last) for i, c in enumerate(table_columns)]
             for r in rows]
    widths = [max([len(c)] + [len(row[i]) for row in cells]) for i, c in enumerate(table_columns)]
    out.write("  ".join(c.ljust(w) for c, w in zip(table_columns, widths, strict=True)).rstrip() + "\n")
    for row in cells:
        out.write("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)).rstrip() + "\n")
    return len(cells)


def _cell(value: Any, whole: bool = False) -> str:
    text = "" if value is None else " ".join(str(value).split())
    return text if whole or len(text) <= TABLE_CELL else text[: TABLE_CELL - 1] + "…"


def _event_view(row: dict[str, Any]) -> dict[str, Any]:
    def actor(side: str) -> Any:
        return row[f"{side}_code"] or row[f"{side}_country"] or row[f"{side}_text"]

    modality = ("not " if row["negated"] else "") + (row["modality"] or "")
    return {**row, "source": actor("source"), "target": actor("target"), "location": row["location_name"],
            "modality": modality}


def _report(message: str) -> None:
    print(message, file=sys.stderr)


def cmd_ingest(args: argparse.Namespace) -> int:
    from rasd.store.ingest import LazyPipeline, Summary, ingest
    from rasd.store.postgres import redact

    stages = args.only.split(",") if args.only else None
    if args.workers or args.scheduler:
        if args.no_analyze:
            raise InputError("--no-analyze", "there is nothing to run on workers without analysis; drop --workers")
        from rasd.batch.ingest import ingest_distributed

        counts = ingest_distributed(args.paths, args.db, args.workers, args.scheduler, sys.stderr.isatty(),
                                    stages=stages, report=_report)
        summary = Summary(**{k: counts[k] for k in ("read", "new", "duplicate", "near_duplicate", "failed")})
        print(f"{redact(args.db)}: {summary.line()}")
        return 1 if summary.failed else 0
    analyze = None if args.no_analyze else LazyPipeline(stages)
    label = ",".join(analyze.names) if analyze else ""
    with open_store(args.db, create=True) as store:
        summary = ingest(store, args.paths, analyze, label, _report, progress=sys.stderr.isatty())
        print(f"{store.location}: {summary.line()}")
    return 1 if summary.failed else 0


def cmd_events(args: argparse.Namespace) -> int:
    with open_store(args.db) as store:
        write_rows(store.events(_event_filter(args)), args.format, sys.stdout, EVENT_TABLE, _event_view)
    return 0


def cmd_entities(args: argparse.Namespace) -> int:
    with open_store(args.db) as store:
        rows = store.entities(type=args.type, name=args.name, limit=args.limit,
                              include_duplicates=args.include_duplicates)
        write_rows(rows, args.format, sys.stdout, ENTITY_TABLE)
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    with open_store(args.db) as store:
        rows = store.search(" ".join(args.query), limit=args.limit, include_duplicates=args.include_duplicates)
        write_rows(rows, args.format, sys.stdout, SEARCH_TABLE)
    return 0


def cmd_article(args: argparse.Namespace) -> int:
    with open_store(args.db) as store:
        docs = store.articles(args.id)
    if not docs:
        raise RasdError(f"no article with id {args.id!r} in {args.db}; `rasd search` lists article ids")
    if args.format == "jsonl":
        for doc in docs:
            print(json.dumps(doc, ensure_ascii=False))
    else:
        print(json.dumps(docs[0] if len(docs) == 1 else docs, ensure_ascii=False, indent=2))
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    with open_store(args.db) as store:
        stats = store.stats()
        stats["store"] = store.location
    if args.format == "json":
        print(json.dumps(stats, ensure_ascii=False, indent=2))
        return 0
    for key, value in stats.items():
        if isinstance(value, dict):
            value = ", ".join(f"{k} {v}" for k, v in value.items()) or "-"
        print(f"{key.replace('_', ' ')}: {'-' if value is None else value}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from rasd.store import export

    if args.format == "parquet" and not args.out:
        raise InputError("--out", "Parquet is a binary format: give a file with --out events.parquet")
    with open_store(args.db) as store, ExitStack() as stack:
        if args.format == "parquet":
            n = export.write_parquet(store.events(_event_filter(args)), args.out)
        else:
            out = stack.enter_context(open(args.out, "w", encoding="utf-8", newline="")) if args.out else sys.stdout
            if args.format == "jsonl":
                n = export.write_jsonl(store.documents(args.include_duplicates), out)
            elif args.format == "gdelt":
                n = export.write_gdelt(store.events(_event_filter(args)), out)
            else:
                n = export.write_graphml(store.events(_event_filter(args)), out)
    what = "documents" if args.format == "jsonl" else "edges" if args.format == "graphml" else "events"
    _report(f"rasd: exported {n} {what}" + (f" to {args.out}" if args.out else ""))
    return 0
