"""`rasd batch analyze`: the command line of the batch package (registered by `add_commands`)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from rasd.batch.output import FORMATS
from rasd.batch.plan import DEFAULT_PARTITION_SIZE


def positive(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n <= 0:
        raise argparse.ArgumentTypeError(f"{value!r} is not a positive whole number")
    return n


def add_cluster_args(p: argparse.ArgumentParser) -> None:
    """`--workers N | --scheduler tcp://HOST:PORT`, for every command that runs on Dask."""
    where = p.add_mutually_exclusive_group()
    where.add_argument("--workers", type=positive, metavar="N",
                       help="worker processes of a local Dask cluster (default: one per core)")
    where.add_argument("--scheduler", metavar="tcp://HOST:PORT",
                       help="the scheduler of a running Dask cluster, instead of a local one")


def add_commands(subparsers: Any) -> None:
    """Add `batch` (with its action `analyze`) to the `rasd` parser's subparsers."""
    b = subparsers.add_parser("batch", help="analyze large archives on all cores, or on a Dask cluster")
    b.set_defaults(func=lambda args: _usage(b))
    actions = b.add_subparsers(metavar="ACTION")
    a = actions.add_parser(
        "analyze", help="analyze files, folders, .jsonl and .jsonl.gz into partitioned JSON lines or Parquet",
        description="Analyze an archive on Dask into DIR/part-NNNNN.jsonl (one document per line, as `rasd analyze "
                    "--format jsonl` prints it) or Parquet. Rerun the same command to resume an interrupted batch.")
    a.add_argument("inputs", nargs="+", metavar="INPUT", help="files or folders (.jsonl, .jsonl.gz, .txt, .html)")
    a.add_argument("--out", required=True, metavar="DIR", help="output folder (created; resumed if it holds a batch)")
    a.add_argument("--format", choices=FORMATS, default="jsonl")
    add_cluster_args(a)
    a.add_argument("--partition-size", type=positive, default=DEFAULT_PARTITION_SIZE, metavar="N",
                   help=f"articles per task (default {DEFAULT_PARTITION_SIZE})")
    a.add_argument("--published", metavar="YYYY-MM-DD", help="publication date for articles that carry none")
    a.add_argument("--only", metavar="STAGES", help="comma-separated stages to run (default: all)")
    a.set_defaults(func=cmd_batch_analyze)


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def cmd_batch_analyze(args: argparse.Namespace) -> int:
    from rasd.batch.analyze import analyze_batch
    from rasd.ingest.read import parse_date

    summary = analyze_batch(
        args.inputs, args.out, fmt=args.format, workers=args.workers, scheduler=args.scheduler,
        partition_size=args.partition_size, published=parse_date(args.published, "--published"),
        stages=args.only.split(",") if args.only else None, progress=sys.stderr.isatty(),
    )
    print(f"{summary.out}: {summary.line()}")
    if summary.failed:
        print("rasd: some partitions failed; run the same command again to retry them", file=sys.stderr)
    return 0 if summary.complete else 1
