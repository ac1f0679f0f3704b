"""What `rasd ingest` reads: files and folders of articles, RSS/Atom feeds, HTML pages, analyzed documents.

Plain text and the seed format go through `rasd.ingest.read_path`. On top of
it this module reads:
- RSS 2.0, RSS 1.0 (RDF) and Atom feeds, one article per item, with the
  standard library's parser and a refusal of any XML entity declaration (the
  billion-laughs family); external entities and DTDs are never fetched;
- HTML pages with trafilatura (main text, title, date and site from the
  page's metadata), falling back to the simple extractor;
- JSON lines mixing raw articles and already analyzed `rasd.document/1`
  documents (from `rasd analyze --format jsonl` or a batch run), which are
  stored as they are, without analyzing them again.
"""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from rasd.document import SCHEMA, Document
from rasd.errors import InputError
from rasd.ingest import Record, decode_bytes, document_from_record, read_path
from rasd.ingest.html import extract_html
from rasd.ingest.read import HTML_SUFFIXES, JSONL_SUFFIXES, KNOWN_SUFFIXES, MAX_ARTICLE_CHARS

FEED_SUFFIXES = {".rss", ".atom", ".xml"}
INGEST_SUFFIXES = KNOWN_SUFFIXES | FEED_SUFFIXES
MAX_FEED_BYTES = 256 * 1024 * 1024
MAX_PAGE_BYTES = MAX_ARTICLE_CHARS * 4

Item = Document | dict[str, Any] | Record  # a dict is an analyzed rasd.document/1 document

_ISO_DATE_RE = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})")


def list_inputs(paths: Iterable[str]) -> tuple[list[str], list[Record]]:
    """The files to read (folders walked recursively, hidden entries skipped) and the paths that do not exist."""
    files: list[str] = []
    missing: list[Record] = []
    for path in paths:
        p = Path(path)
        if path == "-" or p.is_file():
            files.append(path)
        elif p.is_dir():
            for child in sorted(p.rglob("*")):
                hidden = any(part.startswith(".") for part in child.relative_to(p).parts)
                if child.is_file() and not hidden and child.suffix.lower() in INGEST_SUFFIXES:
                    files.append(str(child))
        else:
            missing.append(Record(None, InputError(path, "no such file or folder")))
    return files, missing


def estimate_items(files: list[str]) -> int | None:
    """About how many articles the files hold (for a progress bar), or None when unknowable (stdin)."""
    total = 0
    for path in files:
        suffix = Path(path).suffix.lower()
        if path == "-":
            return None
        if suffix in JSONL_SUFFIXES:
            with open(path, "rb") as fh:
                total += sum(1 for line in fh if line.strip())
        elif suffix in FEED_SUFFIXES:
            data = Path(path).read_bytes()
            total += data.count(b"<item>") + data.count(b"<item ") + data.count(b"<entry")
        else:
            total += 1
    return total


def read_input(path: str) -> Iterator[Item]:
    """The articles in one file (or `-`); raises InputError when the whole file is unreadable."""
    suffix = Path(path).suffix.lower()
    if path == "-":
        yield from read_path(path)
    elif suffix in FEED_SUFFIXES:
        yield from parse_feed(_read_text(path, MAX_FEED_BYTES), path)
    elif suffix in HTML_SUFFIXES:
        yield html_document(_read_text(path, MAX_PAGE_BYTES), path)
    elif suffix in JSONL_SUFFIXES:
        yield from _read_jsonl(path)
    else:
        yield from read_path(path)


def _read_text(path: str, limit: int) -> str:
    p = Path(path)
    if p.stat().st_size > limit:
        raise InputError(path, f"file of {p.stat().st_size:,} bytes is larger than the limit of {limit:,}")
    return decode_bytes(p.read_bytes(), path)


def _read_jsonl(path: str) -> Iterator[Item]:
    """Each line a raw article (`{"text", ...}`) or an analyzed document (`{"schema": "rasd.document/1", ...}`)."""
    with open(path, "rb") as fh:
        for number, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            obj: Any = None
            try:
                obj = _json_line(raw, path, number)
                yield _jsonl_item(obj, path, number)
            except InputError as err:
                doc_id = str(obj["id"]) if isinstance(obj, dict) and obj.get("id") is not None else None
                yield Record(doc_id, InputError(path, err.reason, number))


def _json_line(raw: bytes, path: str, number: int) -> Any:
    if len(raw) > MAX_ARTICLE_CHARS * 8:
        raise InputError(path, "line is too long to be one article", number)
    try:
        return json.loads(decode_bytes(raw.rstrip(b"\r\n"), path))
    except json.JSONDecodeError as exc:
        raise InputError(path, f"invalid JSON ({exc.msg} at column {exc.colno})", number) from None


def _jsonl_item(obj: Any, path: str, number: int) -> Item:
    if isinstance(obj, dict) and obj.get("schema") == SCHEMA:
        if not isinstance(obj.get("text"), str) or not obj["text"].strip():
            raise InputError(path, "the analyzed document has no \"text\"", number)
        return obj
    return document_from_record(obj, path, number)


# --- HTML -------------------------------------------------------------------------------------------


def html_document(page: str, source: str) -> Document:
    """The article in an HTML page: trafilatura's main text and metadata, else the simple extractor."""
    import trafilatura

    found = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False, include_tables=False)
    text = (found.text or "") if found is not None else ""
    if not text.strip():
        title, body = extract_html(page)
        if not body.strip():
            raise InputError(source, "no article text found in the HTML page")
        return document_from_record({"title": title, "text": body}, source)
    title = " ".join((found.title or "").split()) or None
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    if title and lines and lines[0] == title:
        lines = lines[1:]
    if not lines:
        lines, title = [title], None
    record = {"title": title, "text": "\n\n".join(lines), "published": found.date, "url": found.url,
              "source": found.sitename}
    return document_from_record(record, source)


def _plain(markup: str | None) -> str:
    """Text of a feed field that may hold escaped HTML."""
    if not markup:
        return ""
    if "<" in markup:
        title, body = extract_html(markup)
        return "\n\n".join(part for part in (title, body) if part)
    return " ".join(html.unescape(markup).split())


# --- RSS and Atom -----------------------------------------------------------------------------------


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _child(el: ET.Element, *names: str) -> ET.Element | None:
    for name in names:
        for c in el:
            if _local(c.tag) == name:
                return c
    return None


def _content(el: ET.Element | None) -> str:
    """A field's text; an Atom `type="xhtml"` field holds elements, taken as HTML."""
    if el is None:
        return ""
    if len(el):
        return _plain(ET.tostring(el, encoding="unicode"))
    return _plain(el.text)


def _feed_date(value: str | None) -> str | None:
    """RFC 822 (RSS) or ISO 8601 (Atom, Dublin Core) to YYYY-MM-DD, as the publisher dated it."""
    if not value or not value.strip():
        return None
    m = _ISO_DATE_RE.match(value)
    if m:
        return m.group(1)
    try:
        return parsedate_to_datetime(value.strip()).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def _link(entry: ET.Element) -> str | None:
    for c in entry:
        if _local(c.tag) == "link":
            href = c.get("href")
            if href and c.get("rel", "alternate") == "alternate":
                return href.strip()
            if not href and c.text and c.text.strip():
                return c.text.strip()
    return None


def parse_feed(text: str, source: str) -> Iterator[Document | Record]:
    """Articles from an RSS or Atom feed; an item that cannot become an article is yielded as a Record."""
    if "<!ENTITY" in text:
        raise InputError(source, "the feed declares XML entities, which rasd refuses (they can expand without "
                                 "bound); remove the DOCTYPE block")
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        raise InputError(source, f"not well-formed XML: {exc}", exc.position[0]) from None
    kind = _local(root.tag)
    channel = _child(root, "channel")
    if kind == "rss" and channel is not None:
        outlet, entries = channel, [c for c in channel if _local(c.tag) == "item"]
    elif kind == "RDF":
        outlet, entries = channel, [c for c in root if _local(c.tag) == "item"]
    elif kind == "feed":
        outlet, entries = root, [c for c in root if _local(c.tag) == "entry"]
    else:
        raise InputError(source, f"not an RSS or Atom feed (the root element is <{kind}>)")
    outlet_name = _content(_child(outlet, "title")) if outlet is not None else ""
    for number, entry in enumerate(entries, start=1):
        where = f"{source} (item {number})"
        title = _content(_child(entry, "title"))
        body = _content(_child(entry, "encoded", "content")) or _content(_child(entry, "description", "summary"))
        if not body:
            body, title = title, ""
        link = _link(entry)
        record = {
            "id": _content(_child(entry, "guid", "id")) or link,
            "title": title,
            "text": body,
            "published": _feed_date(_content(_child(entry, "pubDate", "published", "date", "updated"))),
            "source": outlet_name or None,
            "url": link,
        }
        try:
            yield document_from_record(record, where)
        except InputError as err:
            yield Record(record["id"], err)
