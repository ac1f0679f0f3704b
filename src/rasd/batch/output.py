"""The batch output folder: part files written whole or not at all, and the manifest of partitions done.

Part files are `part-00000.jsonl` (one document per line, as `rasd analyze
--format jsonl` prints it; an article that failed is `{"id", "error"}`) or
`part-00000.parquet` (one row per article: `id`, `published`, `n_events`,
`error`, and `document`, the same JSON). Names starting with `_` or `.` are
skipped by Parquet dataset readers, so `pyarrow.dataset.dataset(DIR)` reads the
folder as one table.
"""

from __future__ import annotations

import fcntl
import json
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

from rasd.batch.plan import Failure
from rasd.document import Document
from rasd.errors import RasdError

MANIFEST = "_manifest.json"
LOCK = "_lock"
SCHEMA = "rasd.batch/1"
SAVE_EVERY = 1.0  # seconds between manifest writes; what a crash loses is redone by the rerun
FORMATS = ("jsonl", "parquet")


class Row(NamedTuple):
    """One output line: the document's JSON as `rasd analyze --format jsonl` prints it, or its error."""

    id: str | None
    published: str | None
    n_events: int | None
    error: str | None
    json: str

    @classmethod
    def of(cls, result: Document | Failure) -> Row:
        if isinstance(result, Failure):
            return cls(result.id, None, None, result.error,
                       json.dumps({"id": result.id, "error": result.error}, ensure_ascii=False))
        doc = result.to_dict()
        return cls(doc["id"], doc["published"], len(doc["events"]), None, json.dumps(doc, ensure_ascii=False))


@dataclass(slots=True)
class PartitionResult:
    index: int
    rows: list[Row]
    seconds: float  # analysis time on the worker, without transfers and scheduling
    cpu: float  # CPU seconds of that: unlike wall time, not inflated by other processes on the machine
    pid: int
    rss: int  # bytes resident after the partition
    peak_rss: int  # the process's peak so far

    @property
    def errors(self) -> int:
        return sum(1 for r in self.rows if r.error is not None)


class Manifest:
    """What a batch folder holds: the inputs and options, and which partitions are done."""

    def __init__(self, out: Path, key: dict[str, Any], partitions: int) -> None:
        self.path = out / MANIFEST
        self.key = key
        self.partitions = partitions
        self.done: set[int] = set()
        self.articles = self.errors = 0
        self._saved = 0.0

    @classmethod
    def open(cls, out: Path, key: dict[str, Any], partitions: int) -> Manifest:
        """The folder's manifest, or a new one; refuses a folder holding another batch or other files."""
        manifest = cls(out, key, partitions)
        if not manifest.path.exists():
            if any(out.glob("part-*")):
                raise RasdError(f"{out} holds part files but no {MANIFEST}: it is not a rasd batch folder; "
                                "give another --out")
            return manifest
        try:
            stored = json.loads(manifest.path.read_text(encoding="utf-8"))
            differs = [k for k in key if stored.get(k) != key[k]]
            if stored.get("schema") != SCHEMA or stored.get("partitions") != partitions:
                differs.append("partitions")
            manifest.done = _parse_ranges(stored["done"])
            manifest.articles, manifest.errors = int(stored["articles"]), int(stored["errors"])
        except (ValueError, KeyError, TypeError) as exc:
            raise RasdError(f"{manifest.path} is damaged ({exc}); delete the folder to start over") from None
        if differs:
            raise RasdError(f"{out} holds a batch of other {' and '.join(differs)}; give another --out, or delete "
                            "the folder to start over")
        return manifest

    def mark(self, index: int, result: PartitionResult) -> None:
        self.done.add(index)
        self.errors += result.errors
        self.articles += len(result.rows) - result.errors
        if time.monotonic() - self._saved > SAVE_EVERY:
            self.save()

    def save(self) -> None:
        body = {"schema": SCHEMA, **self.key, "partitions": self.partitions, "done": _ranges(self.done),
                "complete": len(self.done) == self.partitions, "articles": self.articles, "errors": self.errors}
        write_atomic(self.path, lambda fh: fh.write(json.dumps(body, ensure_ascii=False, indent=1).encode()))
        self._saved = time.monotonic()


@contextmanager
def locked(out: Path) -> Iterator[None]:
    """Hold the folder for one batch run; the lock goes with the process, however it ends (kill -9 too)."""
    with open(out / LOCK, "a") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RasdError(f"another batch is running in {out}; let it finish, or give another --out") from None
        yield


def write_atomic(path: Path, write: Callable[[BinaryIO], Any]) -> None:
    """Write `path` whole or not at all: a temporary file, synced, then renamed over it."""
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "wb") as fh:
        write(fh)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def _ranges(done: set[int]) -> str:
    """`{0, 1, 2, 5}` -> `0-2,5`: compact however many partitions there are."""
    runs: list[list[int]] = []
    for i in sorted(done):
        if runs and runs[-1][1] == i - 1:
            runs[-1][1] = i
        else:
            runs.append([i, i])
    return ",".join(str(a) if a == b else f"{a}-{b}" for a, b in runs)


def _parse_ranges(text: str) -> set[int]:
    done: set[int] = set()
    for run in filter(None, text.split(",")):
        a, _, b = run.partition("-")
        done.update(range(int(a), int(b or a) + 1))
    return done


def part_name(index: int, fmt: str) -> str:
    return f"part-{index:05d}.{fmt}"


def write_part(out: Path, index: int, rows: list[Row], fmt: str) -> None:
    if fmt == "jsonl":
        write_atomic(out / part_name(index, fmt), lambda fh: fh.write("".join(r.json + "\n" for r in rows).encode()))
    else:
        table = parquet_table(rows)
        import pyarrow.parquet as pq

        write_atomic(out / part_name(index, fmt), lambda fh: pq.write_table(table, fh, compression="zstd"))


def parquet_table(rows: list[Row]) -> Any:
    """One row per input article: id, published, n_events, error, and the whole document as JSON (null on error)."""
    import pyarrow as pa

    return pa.table({
        "id": pa.array([r.id for r in rows], pa.string()),
        "published": pa.array([date.fromisoformat(r.published) if r.published else None for r in rows], pa.date32()),
        "n_events": pa.array([r.n_events for r in rows], pa.int32()),
        "error": pa.array([r.error for r in rows], pa.string()),
        "document": pa.array([None if r.error else r.json for r in rows], pa.string()),
    })
