"""Splitting a batch's inputs into partitions, and reading a partition's data.

A partition is a list of chunks: runs of lines of a JSON-lines file (`.jsonl`,
`.jsonl.gz`) or whole small files (text, HTML, JSON). A large JSON-lines file
is cut every `size` lines; small files and the short tail of a file are packed
together, so that every task carries about `size` articles. The plan depends
only on the inputs and `size`, so a rerun finds the same partitions and can
skip those already done.

The client reads each partition's bytes and ships them with its task: workers
need rasd installed, not access to the inputs. Even 100 million articles a day
is only a few MB/s of input, far below what one client sends.
"""

from __future__ import annotations

import gzip
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, NamedTuple

from rasd.document import Document
from rasd.errors import InputError
from rasd.ingest import Record, read_path
from rasd.ingest.read import JSONL_SUFFIXES, KNOWN_SUFFIXES

DEFAULT_PARTITION_SIZE = 500  # articles per task: seconds of work each, so scheduling costs well under 1 %
GZIP_SUFFIXES = tuple(s + ".gz" for s in sorted(JSONL_SUFFIXES))
MAX_GROUP_BYTES = 64 << 20  # small files packed into one task ship at most this much data
_BLOCK = 1 << 23


@dataclass(frozen=True, slots=True)
class Chunk:
    """Part of one input: `weight` JSON lines from `first_line` at byte `offset`, or a whole file."""

    path: str
    lines: bool  # JSON lines, else one whole file
    offset: int  # in the decompressed stream for .gz
    length: int
    first_line: int
    weight: int  # lines in the range (blank ones included), or 1 for a file


@dataclass(frozen=True, slots=True)
class Partition:
    index: int
    chunks: tuple[Chunk, ...]

    @property
    def weight(self) -> int:
        return sum(c.weight for c in self.chunks)


class Failure(NamedTuple):
    """An input that did not become a Document, or an article the analysis failed on: one error line out."""

    id: str | None
    error: str


@dataclass(frozen=True, slots=True)
class Lines:
    """JSON lines as bytes, shipped to a worker that parses them (`first_line` keeps error line numbers right)."""

    path: str
    first_line: int
    data: bytes


Item = Document | Failure | Lines  # what a partition task receives


def is_lines_file(path: str) -> bool:
    name = path.lower()
    return Path(name).suffix in JSONL_SUFFIXES or name.endswith(GZIP_SUFFIXES)


def input_files(paths: Iterable[str]) -> list[str]:
    """The files to read, in `rasd analyze`'s order (folders walked recursively and sorted).

    Raises InputError for a path that does not exist and for standard input,
    which a batch cannot split or resume.
    """
    files: list[str] = []
    for path in paths:
        p = Path(path)
        if path == "-":
            raise InputError("-", "a batch cannot read standard input (it must be split and reread on resume); "
                                  "save it to a file first")
        if p.is_dir():
            for child in sorted(p.rglob("*")):
                known = child.suffix.lower() in KNOWN_SUFFIXES or child.name.lower().endswith(GZIP_SUFFIXES)
                if child.is_file() and known and not child.name.startswith("."):
                    files.append(str(child))
        elif p.is_file():
            files.append(path)
        else:
            raise InputError(path, "no such file or folder")
    return files


def plan_partitions(files: Iterable[str], size: int) -> list[Partition]:
    """Chunks of at most `size` lines (or files) each, packed in input order into partitions of about `size`."""
    groups: list[list[Chunk]] = [[]]
    weight = nbytes = 0
    for chunk in _chunks(files, size):
        if groups[-1] and (weight + chunk.weight > size or nbytes + chunk.length > MAX_GROUP_BYTES):
            groups.append([])
            weight = nbytes = 0
        groups[-1].append(chunk)
        weight += chunk.weight
        nbytes += chunk.length
    return [Partition(i, tuple(g)) for i, g in enumerate(groups) if g]


def _chunks(files: Iterable[str], size: int) -> Iterator[Chunk]:
    for path in files:
        if is_lines_file(path):
            yield from _line_chunks(path, size)
        else:
            yield Chunk(path, False, 0, Path(path).stat().st_size, 1, 1)


def _open(path: str) -> BinaryIO:
    return gzip.open(path, "rb") if path.lower().endswith(".gz") else open(path, "rb")


def _line_chunks(path: str, size: int) -> Iterator[Chunk]:
    """Runs of `size` lines (the last may be shorter), found by one pass over the (decompressed) bytes."""
    start = pos = 0  # byte offset of the current run, and of the current block
    first_line, lines, last = 1, 0, b"\n"
    try:
        with _open(path) as fh:
            while block := fh.read(_BLOCK):
                n = block.count(b"\n")
                if lines + n < size:
                    lines += n
                else:
                    at = 0
                    while at := block.find(b"\n", at) + 1:
                        lines += 1
                        if lines == size:
                            yield Chunk(path, True, start, pos + at - start, first_line, size)
                            start, first_line, lines = pos + at, first_line + size, 0
                pos += len(block)
                last = block[-1:]
    except (OSError, EOFError) as exc:  # gzip raises BadGzipFile (an OSError) or EOFError when truncated
        raise InputError(path, f"cannot read: {exc}") from None
    if pos > start:
        yield Chunk(path, True, start, pos - start, first_line, lines + (last != b"\n"))


class PartitionReader:
    """Reads partitions' data in plan order, keeping the current file open (a .gz is then read once)."""

    def __init__(self) -> None:
        self._path: str | None = None
        self._fh: BinaryIO | None = None

    def __enter__(self) -> PartitionReader:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._fh:
            self._fh.close()

    def read(self, partition: Partition) -> list[Item]:
        """What the task for `partition` needs: JSON lines as bytes, small files already read into Documents."""
        items: list[Item] = []
        for chunk in partition.chunks:
            if chunk.lines:
                items.append(Lines(chunk.path, chunk.first_line, self._read_range(chunk)))
            else:
                items.extend(_read_file(chunk.path))
        return items

    def _read_range(self, chunk: Chunk) -> bytes:
        try:
            if chunk.path != self._path:
                if self._fh:
                    self._fh.close()
                self._fh, self._path = _open(chunk.path), chunk.path
            assert self._fh is not None
            if self._fh.tell() != chunk.offset:
                self._fh.seek(chunk.offset)  # forward in a .gz decompresses up to it
            data = self._fh.read(chunk.length)
        except (OSError, EOFError) as exc:
            raise InputError(chunk.path, f"cannot read: {exc}") from None
        if len(data) != chunk.length:
            raise InputError(chunk.path, "the file changed while the batch ran; start the batch again")
        return data


def _read_file(path: str) -> list[Document | Failure]:
    """One small file read as `rasd analyze` reads it: its Documents, or the reason it cannot be read."""
    try:
        return [Failure(i.id, str(i.error)) if isinstance(i, Record) else i for i in read_path(path)]
    except InputError as err:
        return [Failure(None, str(err))]
    except OSError as exc:
        return [Failure(None, str(InputError(path, exc.strerror or str(exc))))]


def lines_items(lines: Lines) -> Iterator[Document | Failure]:
    """The articles in shipped JSON lines, read exactly as `rasd analyze` reads the whole file."""
    from rasd.ingest import read_stream

    for item in read_stream(io.BytesIO(lines.data), lines.path, kind="jsonl"):
        if isinstance(item, Record):
            err = item.error
            line = None if err.line is None else err.line + lines.first_line - 1
            yield Failure(item.id, str(InputError(err.source, err.reason, line)))
        else:
            yield item
