"""A `rasd.document/1` dict taken apart into table rows (same for both backends).

The store keeps the whole document JSON too; these rows exist so that queries
(events by actor and date, entity counts) run on indexes instead of JSON.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from rasd.document import content_id
from rasd.text import normalize

_FULL_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

ARTICLE_COLUMNS = ("doc_id", "content_hash", "title", "source", "url", "published", "analysis", "ingested_at")
ENTITY_COLUMNS = ("id", "type", "subtype", "name_ar", "name_en", "name_norm", "country", "wikidata", "code")
DOCUMENT_COLUMNS = ("article_id", "document")
MENTION_COLUMNS = ("article_id", "entity_id", "start_char", "end_char", "text")
EVENT_COLUMNS = (
    "article_id", "n", "plover", "cameo", "quad", "mode",
    "source_entity", "source_code", "source_country", "source_text",
    "target_entity", "target_code", "target_country", "target_text",
    "event_date", "day", "location_entity", "location_name", "location_country", "quantity",
    "negated", "modality", "confidence", "trigger_start", "trigger_end", "trigger_text", "sentence", "is_root",
)
TIME_COLUMNS = ("article_id", "start_char", "end_char", "text", "type", "value")
QUANTITY_COLUMNS = ("article_id", "start_char", "end_char", "text", "value", "unit", "kind")


def content_hash(text: str) -> str:
    """The identity of an article's content: sha256 of its normalized text, whitespace collapsed.

    Two inputs that differ only in diacritics, hamza spelling or spacing are
    the same article, so ingesting either again adds nothing.
    """
    return hashlib.sha256(" ".join(normalize(text).split()).encode("utf-8")).hexdigest()


def insert_sql(table: str, columns: tuple[str, ...]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


def article_row(doc: dict[str, Any], analysis: str, now: str) -> tuple:
    return (str(doc.get("id") or content_id(doc["text"])), content_hash(doc["text"]), doc.get("title"),
            doc.get("source"), doc.get("url"), doc.get("published"), analysis, now)


def document_row(doc: dict[str, Any], article_id: int) -> tuple:
    return article_id, json.dumps(doc, ensure_ascii=False)


def entity_rows(doc: dict[str, Any]) -> list[tuple]:
    """One row per distinct entity, sorted by id (a fixed lock order for concurrent upserts)."""
    rows = {}
    for e in doc.get("entities") or ():
        name_ar = e.get("name_ar")
        rows[e["id"]] = (e["id"], e.get("type") or "MISC", e.get("subtype"), name_ar, e.get("name_en"),
                         normalize(name_ar) if name_ar else None, e.get("country"), e.get("wikidata"), e.get("code"))
    return [rows[k] for k in sorted(rows)]


def mention_rows(doc: dict[str, Any], article_id: int) -> list[tuple]:
    return [(article_id, e["id"], m["start"], m["end"], m["text"])
            for e in doc.get("entities") or () for m in e.get("mentions") or ()]


def _head_end(doc: dict[str, Any]) -> int:
    """Offset where the body starts: after the title, subtitle and byline at the top of the text."""
    text, pos = doc["text"], 0
    for part in (doc.get("title"), doc.get("subtitle"), doc.get("byline")):
        if part:
            found = text.find(part, pos)
            if found != -1 and not text[pos:found].strip():
                pos = found + len(part)
    return pos


def _lead_sentence(doc: dict[str, Any]) -> int:
    """Index of the first body sentence: events up to it are GDELT "root" events."""
    body = _head_end(doc)
    sentences = doc.get("sentences") or ()
    return next((i for i, s in enumerate(sentences) if s["end"] > body), max(len(sentences) - 1, 0))


def _actor(event: dict[str, Any], side: str) -> tuple:
    a = event.get(side) or {}
    return a.get("entity"), a.get("code"), a.get("country"), a.get("text")


def event_rows(doc: dict[str, Any], article_id: int) -> list[tuple]:
    lead = _lead_sentence(doc)
    rows = []
    for n, ev in enumerate(doc.get("events") or ()):
        date = ev.get("date")
        day = date if isinstance(date, str) and _FULL_DATE_RE.match(date) else doc.get("published")
        loc = ev.get("location") or {}
        trigger = ev.get("trigger") or {}
        sentence = ev.get("sentence")
        quantity = ev.get("quantity")
        rows.append((
            article_id, n, ev["plover"], ev.get("cameo"), ev.get("quad"), ev.get("mode"),
            *_actor(ev, "source"), *_actor(ev, "target"),
            date, day, loc.get("entity"), loc.get("name_en") or loc.get("name_ar") or loc.get("text"),
            loc.get("country"), json.dumps(quantity, ensure_ascii=False) if quantity is not None else None,
            int(bool(ev.get("negated"))), ev.get("modality"), ev.get("confidence"),
            trigger.get("start"), trigger.get("end"), trigger.get("text"), sentence,
            int(sentence is not None and sentence <= lead),
        ))
    return rows


def actor_keys(entity: str | None, code: str | None, country: str | None) -> set[str]:
    """The keys an event side is found under: entity id, country, and the code with its 3-letter prefixes."""
    keys = {k for k in (entity, country.upper() if country else None) if k}
    code = (code or "").upper()
    keys.update(code[:end] for end in range(3, len(code) + 1, 3))
    if len(code) % 3:
        keys.add(code)
    return keys


def time_rows(doc: dict[str, Any], article_id: int) -> list[tuple]:
    return [(article_id, t["start"], t["end"], t["text"], t["type"], t.get("value")) for t in doc.get("times") or ()]


def quantity_rows(doc: dict[str, Any], article_id: int) -> list[tuple]:
    return [(article_id, q["start"], q["end"], q["text"], q.get("value"), q.get("unit"), q.get("kind"))
            for q in doc.get("quantities") or ()]
