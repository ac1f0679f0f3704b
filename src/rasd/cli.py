"""The `rasd` command line (contract in DESIGN.md)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import TextIO

from rasd import __version__
from rasd.document import Document
from rasd.errors import InputError, RasdError
from rasd.ingest import Record, read_path
from rasd.ingest.read import JSONL_SUFFIXES, parse_date


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return args.func(args) or 0
    except RasdError as err:
        print(f"rasd: error: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("rasd: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        sys.stderr.close()  # output piped into head: not an error
        return 0


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="rasd", description="Arabic news to structured event data.")
    p.add_argument("--version", action="version", version=f"rasd {__version__}")
    sub = p.add_subparsers(metavar="COMMAND")

    a = sub.add_parser("analyze", help="analyze articles (text, .jsonl, .html files, folders, or - for stdin)")
    a.add_argument("paths", nargs="*", default=["-"], metavar="PATH")
    a.add_argument("--published", metavar="YYYY-MM-DD", help="publication date for inputs that carry none")
    a.add_argument("--format", choices=["json", "jsonl", "text"],
                   help="json (default for one article), jsonl (default for .jsonl input), or a text report")
    a.add_argument("--only", metavar="STAGES",
                   help="comma-separated stages to run (text,ner,link,time,events,summarize)")
    a.set_defaults(func=cmd_analyze)

    t = sub.add_parser("tag", help="NER on pre-tokenized text (one token per line, blank line between sentences)")
    t.add_argument("path", nargs="?", default="-", metavar="PATH")
    t.set_defaults(func=cmd_tag)

    e = sub.add_parser("eval", help="evaluate a component against a gold file")
    e.add_argument("what", choices=["ner", "time", "events", "link"])
    e.add_argument("gold", metavar="GOLD")
    e.add_argument("--format", choices=["text", "json"], default="text")
    e.set_defaults(func=cmd_eval)

    k = sub.add_parser("kb", help="look into the knowledge base")
    ksub = k.add_subparsers(metavar="ACTION")
    kl = ksub.add_parser("lookup", help="what the base knows of a name")
    kl.add_argument("name", nargs="+")
    kl.set_defaults(func=cmd_kb_lookup)
    ks = ksub.add_parser("stats", help="counts of what the base holds")
    ks.set_defaults(func=cmd_kb_stats)

    from rasd.batch.commands import add_commands as add_batch_commands
    from rasd.store.commands import add_commands as add_store_commands
    from rasd.web.commands import add_commands as add_web_commands

    add_store_commands(sub)
    add_web_commands(sub)
    add_batch_commands(sub)
    return p


def _documents(paths: Sequence[str], errors: list[str]) -> Iterator[Document | Record]:
    for path in paths:
        try:
            yield from read_path(path)
        except InputError as err:
            errors.append(str(err))
            yield Record(None, err)


def cmd_analyze(args: argparse.Namespace) -> int:
    from rasd.pipeline import DEFAULT_STAGES, AnalysisFailure, Pipeline
    from rasd.report import format_text

    published: date | None = parse_date(args.published, "--published") if args.published else None
    pipeline = Pipeline(args.only.split(",") if args.only else DEFAULT_STAGES)
    fmt = args.format or ("jsonl" if any(p.lower().endswith(tuple(JSONL_SUFFIXES)) for p in args.paths) else "json")
    out = sys.stdout
    failures = 0
    collected: list[dict] = []  # json output is written once, as one object or an array
    for doc in pipeline.pipe(_with_date(_documents(args.paths, []), published)):
        if isinstance(doc, Record):
            failures += 1
            _report_error(out, fmt, doc.id, str(doc.error))
            continue
        if isinstance(doc, AnalysisFailure):  # one bad article must not stop a corpus run
            failures += 1
            _report_error(out, fmt, doc.doc.id, doc.message())
            continue
        if fmt == "jsonl":
            out.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")
        elif fmt == "text":
            out.write(format_text(doc) + "\n")
        else:
            collected.append(doc.to_dict())
    if fmt == "json" and collected:
        json.dump(collected[0] if len(collected) == 1 else collected, out, ensure_ascii=False, indent=2)
        out.write("\n")
    return 1 if failures else 0


def _with_date(items: Iterable[Document | Record], published: date | None) -> Iterator[Document | Record]:
    """The documents with `published` where their input gave no date."""
    for item in items:
        if isinstance(item, Document) and item.published is None:
            item.published = published
        yield item


def _report_error(out: TextIO, fmt: str, doc_id: str | None, message: str) -> None:
    if fmt == "jsonl":
        out.write(json.dumps({"id": doc_id, "error": message}, ensure_ascii=False) + "\n")
    print(f"rasd: error: {message}", file=sys.stderr)


def cmd_tag(args: argparse.Namespace) -> int:
    from rasd.ner.commands import run_tag

    if args.path == "-":
        run_tag(sys.stdin, sys.stdout)
        return 0
    try:
        with open(args.path, encoding="utf-8-sig") as fh:
            run_tag(fh, sys.stdout)
    except FileNotFoundError:
        raise InputError(args.path, "no such file") from None
    except UnicodeDecodeError as exc:
        raise InputError(args.path, f"not UTF-8 text (byte {exc.start})") from None
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    if args.what == "ner":
        from rasd.ner.commands import run_eval

        run_eval(args.gold, sys.stdout, format=args.format)
    elif args.what == "time":
        from rasd.time.evaluate import evaluate_times, format_report

        result = evaluate_times(args.gold)
        print(json.dumps(result, indent=2, ensure_ascii=False) if args.format == "json" else format_report(result))
    elif args.what == "link":
        from rasd.kb.evaluate import evaluate_links, format_link_scores

        result = evaluate_links(args.gold)
        print(json.dumps(result, indent=2, ensure_ascii=False) if args.format == "json" else format_link_scores(result))
    else:
        from rasd import analyze
        from rasd.events import evaluate_events, format_event_scores

        result = evaluate_events(args.gold, analyze)
        print(json.dumps(result, indent=2) if args.format == "json" else format_event_scores(result))
    return 0


def cmd_kb_lookup(args: argparse.Namespace) -> int:
    from rasd.kb.commands import kb_lookup

    print(kb_lookup(" ".join(args.name)))
    return 0


def cmd_kb_stats(args: argparse.Namespace) -> int:
    from rasd.kb.commands import kb_stats

    print(kb_stats())
    return 0


if __name__ == "__main__":
    sys.exit(main())
