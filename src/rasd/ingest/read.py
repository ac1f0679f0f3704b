"""Articles in: the seed text format, JSON lines, HTML, plain text.

Every reader produces `Document`s whose `text` is the article exactly as
received (title and subtitle included), so that all offsets index one string.
A JSON line with a separate `title` becomes `title + "\\n\\n" + text`, as a
seed-format file would hold it.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from rasd.document import Document
from rasd.errors import InputError
from rasd.ingest.decode import decode_bytes
from rasd.ingest.html import extract_html

MAX_ARTICLE_CHARS = 2_000_000  # about 300,000 words: far beyond any news article
TEXT_SUFFIXES = {".txt", ".text", ""}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES | HTML_SUFFIXES | {".json"}

_DATE_RE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
_PARAGRAPH_RE = re.compile(r"\n[ \t\r]*\n")
_SENTENCE_END = (".", "!", "?", "؟", ":", "…")


@dataclass(slots=True)
class Record:
    """One input line or file that failed to become a Document."""

    id: str | None
    error: InputError


def parse_date(value: Any, source: str, line: int | None = None) -> date | None:
    """`YYYY-MM-DD` (optionally followed by a time) to a date; empty gives None."""
    if value in (None, ""):
        return None
    m = _DATE_RE.match(str(value))
    try:
        if not m:
            raise ValueError
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        raise InputError(source, f"bad publication date {str(value)[:40]!r}; expected YYYY-MM-DD", line) from None


def _check_size(text: str, source: str, line: int | None = None) -> None:
    if len(text) > MAX_ARTICLE_CHARS:
        raise InputError(
            source,
            f"article of {len(text):,} characters is larger than the limit of {MAX_ARTICLE_CHARS:,}; "
            "split it into separate articles (one per JSON line)",
            line,
        )


def article_from_text(text: str, *, id: str = "", published: date | None = None, **meta: Any) -> Document:
    """A Document from text in the seed format, or from plain text.

    Seed format: a title line, a blank line, a subtitle line, a blank line, an
    optional byline or agency marker line (`TT`, `الرياض - واس`), then body
    paragraphs. Plain text with no such head is all body.
    """
    doc = Document(text=text, id=id, published=published, **meta)
    blocks = [(m.start(), m.end()) for m in _iter_blocks(text)]
    head = 0  # blocks taken by the title, subtitle and byline
    for start, end in blocks[: min(3, len(blocks) - 1)]:
        line = text[start:end].strip()
        if "\n" in line:
            break
        if head == 0 and _is_heading(line):
            doc.title = doc.title or line
        elif head > 0 and _is_byline(line):
            doc.byline = doc.byline or line
            head += 1
            break
        elif head == 1 and _is_heading(line):
            doc.subtitle = line
        else:
            break
        head += 1
    if head:
        doc.body_start = blocks[head][0]
    return doc


def _iter_blocks(text: str) -> Iterator[re.Match[str]]:
    return re.finditer(r"\S(?:.*?\S)?(?=\n[ \t\r]*\n|\s*$)", text, flags=re.S)


def _is_heading(line: str) -> bool:
    return 0 < len(line.split()) <= 30 and not line.endswith(_SENTENCE_END)


def _is_byline(line: str) -> bool:
    """An agency marker or byline: `TT`, `واس`, `الرياض - واس`, `موسكو: سامي عمارة`."""
    words = len(line.split())
    if not 0 < len(line) <= 40 or line.endswith(_SENTENCE_END):
        return False
    return words <= 2 or (words <= 6 and any(sep in line for sep in ("-", ":", "/", "|")))


def document_from_record(obj: Any, source: str, line: int | None = None) -> Document:
    """A Document from one JSON article `{"id", "title", "text", "published", "source", "url"}`."""
    if not isinstance(obj, dict):
        raise InputError(source, "each JSON line must be an object with a \"text\" field", line)
    body = obj.get("text")
    if not isinstance(body, str) or not body.strip():
        raise InputError(source, "the article has no \"text\" (a non-empty string is required)", line)
    title = obj.get("title")
    title = title.strip() if isinstance(title, str) and title.strip() else None
    text = f"{title}\n\n{body}" if title else body
    _check_size(text, source, line)
    art_id = "" if obj.get("id") is None else str(obj["id"])
    published = parse_date(obj.get("published") or obj.get("date"), source, line)
    meta = {
        "source": _str_or_none(obj.get("source")),
        "url": _str_or_none(obj.get("url")),
        "byline": _str_or_none(obj.get("byline") or obj.get("author")),
    }
    if title:
        doc = Document(text=text, id=art_id, published=published, title=title, **meta)
        doc.body_start = len(title) + 2
        return doc
    return article_from_text(text, id=art_id, published=published, **meta)


def _str_or_none(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None


def _read_jsonl(text: str, source: str) -> Iterator[Document | Record]:
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except (ValueError, RecursionError) as exc:
            yield Record(None, InputError(source, f"invalid JSON ({_json_reason(exc)})", number))
            continue
        try:
            yield document_from_record(obj, source, number)
        except InputError as err:
            yield Record(str(obj["id"]) if isinstance(obj, dict) and "id" in obj else None, err)


def _json_reason(exc: Exception) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"{exc.msg} at line {exc.lineno} column {exc.colno}"
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    return str(exc)[:200]


def read_text(text: str, source: str, kind: str) -> Iterator[Document | Record]:
    """Documents from decoded text of the given kind (`text`, `jsonl`, `json`, `html`)."""
    if kind == "jsonl":
        yield from _read_jsonl(text, source)
        return
    if not text.strip():
        raise InputError(source, "the input is empty")
    if kind == "json":
        try:
            obj = json.loads(text)
        except (ValueError, RecursionError) as exc:
            raise InputError(source, f"invalid JSON ({_json_reason(exc)})") from None
        for i, item in enumerate(obj if isinstance(obj, list) else [obj], start=1):
            try:
                yield document_from_record(item, source, i if isinstance(obj, list) else None)
            except InputError as err:
                yield Record(None, err)
        return
    if kind == "html":
        title, body = extract_html(text)
        if not body.strip():
            raise InputError(source, "no article text found in the HTML page")
        yield document_from_record({"title": title, "text": body}, source)
        return
    _check_size(text, source)
    yield article_from_text(text, source=None)


def kind_of(path: str, text: str | None = None) -> str:
    """`jsonl`, `json`, `html` or `text`, from the suffix, else from the content."""
    suffix = Path(path).suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix == ".json":
        return "json"
    if suffix in HTML_SUFFIXES:
        return "html"
    if text is not None:
        head = text.lstrip()[:200].lower()
        if head.startswith("{"):
            return "jsonl"
        if head.startswith(("<!doctype html", "<html")):
            return "html"
    return "text"


def read_path(path: str | Path) -> Iterator[Document | Record]:
    """Documents from a file, a folder (recursively) or `-` for standard input.

    Unreadable files raise InputError; a bad line in a JSON-lines file is
    yielded as a `Record` with its error so the caller can go on.
    """
    path = str(path)
    if path == "-":
        yield from read_stream(sys.stdin.buffer, "<stdin>")
        return
    p = Path(path)
    if p.is_dir():
        for child in sorted(p.rglob("*")):
            if child.is_file() and child.suffix.lower() in KNOWN_SUFFIXES and not child.name.startswith("."):
                try:
                    yield from read_path(child)
                except InputError as err:
                    yield Record(None, err)
        return
    if not p.exists():
        raise InputError(path, "no such file")
    if not p.is_file():
        raise InputError(path, "not a regular file")
    if kind_of(path) == "jsonl":
        with p.open("rb") as fh:
            yield from read_stream(fh, path, kind="jsonl")
        return
    size = p.stat().st_size
    if size > MAX_ARTICLE_CHARS * 4:
        raise InputError(path, f"file of {size:,} bytes is too large for one article; use JSON lines for many articles")
    data = p.read_bytes()
    text = decode_bytes(data, path)
    yield from read_text(text, path, kind_of(path, text))


def read_stream(stream: BinaryIO, source: str, kind: str | None = None) -> Iterator[Document | Record]:
    """Documents from a byte stream; JSON lines are read one line at a time."""
    first = stream.readline()
    if kind is None:
        kind = "jsonl" if first.lstrip(b"\xef\xbb\xbf \t").startswith(b"{") else None
    if kind == "jsonl":
        number = 0
        for raw in _chain_first(first, stream):
            number += 1
            if not raw.strip():
                continue
            try:
                line = decode_bytes(raw.rstrip(b"\r\n"), source)
            except InputError as err:
                yield Record(None, InputError(source, err.reason, number))
                continue
            if len(line) > MAX_ARTICLE_CHARS * 2:
                yield Record(None, InputError(source, "line is too long to be one article", number))
                continue
            for item in _read_jsonl(line, source):
                if isinstance(item, Record):
                    item.error = InputError(source, item.error.reason, number)
                yield item
        return
    data = first + stream.read(MAX_ARTICLE_CHARS * 4 + 1)
    if len(data) > MAX_ARTICLE_CHARS * 4:
        raise InputError(source, "input is too large for one article; use JSON lines for many articles")
    text = decode_bytes(data, source)
    yield from read_text(text, source, kind_of(source, text))


def _chain_first(first: bytes, stream: BinaryIO) -> Iterator[bytes]:
    if first:
        yield first
    yield from stream
