"""The Store interface, and everything SQLite and PostgreSQL share.

Both backends run the same SQL (written with `?` placeholders) for writing
articles, near-duplicate detection, event and entity queries, statistics and
export; a backend supplies only what its database says differently: how to
connect, open a transaction, stream rows, lock the schema, refresh planner
statistics (`optimize`), and its full-text index (`_index_terms`, `_search_sql`).
"""

from __future__ import annotations

import json
import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, ClassVar

from rasd.errors import InputError, RasdError
from rasd.store import minhash
from rasd.store.rows import (
    ARTICLE_COLUMNS,
    DOCUMENT_COLUMNS,
    ENTITY_COLUMNS,
    EVENT_COLUMNS,
    MENTION_COLUMNS,
    QUANTITY_COLUMNS,
    TIME_COLUMNS,
    actor_keys,
    article_row,
    document_row,
    entity_rows,
    event_rows,
    insert_sql,
    mention_rows,
    quantity_rows,
    time_rows,
)
from rasd.store.schema import LATEST, SCHEMA_VERSION_SQL, STEPS, step_sql
from rasd.store.search import matches, parse_query, readings, snippet, words
from rasd.text import normalize

NEAR_DUPLICATE_THRESHOLD = 0.5  # estimated Jaccard of word 3-grams; wire copies in SaudiNewsNet score 0.5-1.0
NEAR_DUPLICATE_DAYS = 3  # copies of one story appear within days; a template reused weeks later is news again
ENTITY_OVERLAP = 0.5  # analyzed copies must share half their entities: a telegram template to another head of
# state scores 0.6 on text but names other people and places

_ENTITY_UPSERT = (
    insert_sql("entities", ENTITY_COLUMNS)
    + " ON CONFLICT (id) DO UPDATE SET "
    + ", ".join(f"{c} = COALESCE(entities.{c}, excluded.{c})" for c in ENTITY_COLUMNS[2:])
)

EVENT_SELECT = """
SELECT e.id AS event_id, e.article_id, a.doc_id, a.published, e.day, e.event_date, e.plover, e.cameo, e.quad, e.mode,
       e.source_entity, e.source_code, e.source_country, e.source_text, se.name_en AS source_name,
       e.target_entity, e.target_code, e.target_country, e.target_text, te.name_en AS target_name,
       e.location_entity, e.location_name, e.location_country, le.subtype AS location_subtype,
       e.quantity, e.negated, e.modality, e.confidence, e.trigger_text, e.sentence, e.is_root,
       a.source AS outlet, a.url, a.title, a.ingested_at,
       (SELECT COUNT(*) FROM articles d WHERE d.duplicate_of = a.id) AS copies,
       1 + (SELECT COUNT(DISTINCT d.source) FROM articles d
            WHERE d.duplicate_of = a.id AND COALESCE(d.source, '') <> COALESCE(a.source, '')) AS outlets
FROM events e
JOIN articles a ON a.id = e.article_id
LEFT JOIN entities se ON se.id = e.source_entity
LEFT JOIN entities te ON te.id = e.target_entity
LEFT JOIN entities le ON le.id = e.location_entity"""

_DATE_ARG_RE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


@dataclass(slots=True)
class Added:
    """What became of one article handed to the store."""

    status: str  # new, duplicate, near-duplicate, failed
    article_id: int | None = None
    duplicate_of: int | None = None
    error: str | None = None


@dataclass(slots=True)
class EventFilter:
    """Which events to return. Actor values are a CAMEO code (prefix), an ISO country code or an entity id."""

    actors: list[str] = field(default_factory=list)  # each must be the source or the target
    source: str | None = None
    target: str | None = None
    plover: list[str] = field(default_factory=list)
    since: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD, inclusive
    until: str | None = None  # inclusive: 2010-12 means to the end of December
    location: str | None = None  # entity id, name or country code
    outlet: str | None = None  # part of the article's source (the paper)
    include_duplicates: bool = False
    limit: int | None = None


def date_bound(value: str, end: bool) -> str:
    """The first day of `value` (YYYY, YYYY-MM, YYYY-MM-DD), or with `end` the first day after it."""
    m = _DATE_ARG_RE.match(value.strip())
    try:
        if not m:
            raise ValueError
        year, month, day = int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)
        first = date(year, month, day)
    except ValueError:
        raise InputError("date", f"{value!r} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD") from None
    if not end:
        return first.isoformat()
    if m.group(3):
        return date.fromordinal(first.toordinal() + 1).isoformat()
    if m.group(2):
        return (date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)).isoformat()
    return date(year + 1, 1, 1).isoformat()


def _like_escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _placeholders(n: int) -> str:
    return ", ".join("?" * n)


class Store(ABC):
    """An event store: articles with their analysis, searchable and queryable.

    Open one with `rasd.store.open_store(location)`. Writing goes through
    `add_many` (one transaction per batch, one savepoint per article, so each
    article is stored whole or not at all); reading through `events`,
    `entities`, `search`, `articles`, `documents` and `stats`.
    """

    dialect: ClassVar[str]
    types: ClassVar[dict[str, str]]  # the dialect's words for the {id} and {blob} slots of the schema files
    exact_phrases: ClassVar[bool]  # whether the full-text index answers phrase queries exactly

    def __init__(self, conn: Any, location: str) -> None:
        self.conn = conn
        self.location = location

    # --- what each backend provides -------------------------------------------------------------------

    @abstractmethod
    def transaction(self) -> AbstractContextManager[None]:
        """A write transaction: committed when the block ends, rolled back if it raises."""

    @abstractmethod
    def _table_exists(self, name: str) -> bool: ...

    @abstractmethod
    def _lock_schema(self) -> None:
        """Inside the migration transaction: keep other processes from migrating at the same time."""

    @abstractmethod
    def _index_terms(self, article_id: int, forms: list[tuple[str, ...]]) -> None:
        """Add an article's words (each with its readings) to the full-text index."""

    @abstractmethod
    def _search_sql(self, groups: list[list[str]], extra_where: str) -> tuple[str, list[Any]]:
        """SQL selecting article_id, doc_id, published, source, title, document of matching articles, best first.

        `extra_where` filters on `a` (articles); the document comes from `documents d`.
        """

    @abstractmethod
    def optimize(self) -> None:
        """Refresh the query planner's statistics (after a large ingest)."""

    def _sql(self, sql: str) -> str:
        """The backend's spelling of shared SQL (placeholders)."""
        return sql

    def _stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[dict[str, Any]]:
        """Rows one at a time, without holding the whole result in memory."""
        yield from self._execute(sql, params)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- shared plumbing ------------------------------------------------------------------------------

    def _execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        cur = self.conn.cursor()
        cur.execute(self._sql(sql), tuple(params))
        return cur

    def _executemany(self, sql: str, rows: list[tuple]) -> None:
        if rows:
            self.conn.cursor().executemany(self._sql(sql), rows)

    def _one(self, sql: str, params: Sequence[Any] = ()) -> dict[str, Any] | None:
        return self._execute(sql, params).fetchone()

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Rows of a read query in the shared dialect (`?` placeholders), as dicts: for readers beyond this class."""
        return self._execute(sql, params).fetchall()

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """Inside a transaction: undo only this block if it fails."""
        self._execute("SAVEPOINT rasd_item")
        try:
            yield
        except BaseException:
            self._execute("ROLLBACK TO SAVEPOINT rasd_item")
            self._execute("RELEASE SAVEPOINT rasd_item")
            raise
        self._execute("RELEASE SAVEPOINT rasd_item")

    # --- schema ---------------------------------------------------------------------------------------

    def schema_version(self) -> int | None:
        """The last schema step applied, or None when the database holds no rasd store."""
        if not self._table_exists("schema_version"):
            return None
        row = self._one("SELECT MAX(version) AS v FROM schema_version")
        return int(row["v"] or 0) if row else 0

    def prepare(self, create: bool) -> None:
        """Check that this is a rasd store (creating it if asked) and bring its schema up to date."""
        version = self.schema_version()
        if version is None:
            if self._table_exists("articles"):
                raise RasdError(f"{self.location} has an 'articles' table but is not a rasd store")
            if not create:
                raise RasdError(f"{self.location} holds no rasd store yet; create one with `rasd ingest PATH`")
        elif version > LATEST:
            raise RasdError(f"{self.location} was made by a newer rasd (schema {version}, this rasd knows "
                            f"{LATEST}); upgrade rasd to read it")
        if version is None or version < LATEST:
            self.upgrade()

    def upgrade(self, target: int = LATEST) -> None:
        """Apply the schema steps after the store's version, up to `target`, in one transaction."""
        with self.transaction():
            self._lock_schema()
            self._execute(SCHEMA_VERSION_SQL)
            current = self.schema_version() or 0
            for step in STEPS:
                if current < step.version <= target:
                    for statement in step_sql(step, self.dialect, self.types):
                        self._execute(statement)
                    if step.backfill:
                        getattr(self, step.backfill)()
                    self._execute("INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
                                  (step.version, step.name, _now()))

    def _stored_documents(self) -> Iterator[tuple[int, dict[str, Any]]]:
        ids = [r["id"] for r in self.query("SELECT id FROM articles ORDER BY id")]
        for article_id in ids:
            row = self._one("SELECT document FROM documents WHERE article_id = ?", (article_id,))
            yield article_id, json.loads(row["document"])

    def _backfill_search(self) -> None:
        for article_id, doc in self._stored_documents():
            self._index_terms(article_id, [readings(w) for w in words(doc["text"])])

    def _backfill_event_actors(self) -> None:
        self._index_event_actors("TRUE", [])

    def _index_event_actors(self, condition: str, params: list[Any]) -> None:
        """Fill `event_actors` for the events that meet `condition` (SQL on `e`)."""
        sides = ("source", "target")
        columns = ", ".join(f"e.{side}_{c}" for side in sides for c in ("entity", "code", "country"))
        rows = [(r["id"], side, key)
                for r in self.query(f"SELECT e.id, {columns} FROM events e WHERE {condition}", params)
                for side in sides
                for key in sorted(actor_keys(r[f"{side}_entity"], r[f"{side}_code"], r[f"{side}_country"]))]
        self._executemany("INSERT INTO event_actors (event_id, side, actor) VALUES (?, ?, ?)", rows)

    def _backfill_near_duplicates(self) -> None:
        for article_id, doc in self._stored_documents():
            self._link_near_duplicate(article_id, doc, words(doc["text"]))

    # --- writing --------------------------------------------------------------------------------------

    def has_article(self, content_hash: str) -> bool:
        return self._one("SELECT 1 AS present FROM articles WHERE content_hash = ?", (content_hash,)) is not None

    def add_many(self, docs: Iterable[tuple[dict[str, Any], str]]) -> list[Added]:
        """Store (document dict, analysis) pairs in one transaction, each article whole or not at all."""
        results = []
        with self.transaction():
            for doc, analysis in docs:
                try:
                    with self.savepoint():
                        results.append(self.add(doc, analysis))
                except (KeyError, TypeError, ValueError) as exc:
                    results.append(Added("failed", error=f"malformed document: {type(exc).__name__}: {exc}"))
                except Exception as exc:  # a database error on one article must not lose the batch
                    results.append(Added("failed", error=f"{type(exc).__name__}: {exc}".strip()))
        return results

    def add(self, doc: dict[str, Any], analysis: str = "") -> Added:
        """Store one `rasd.document/1` dict; call inside `transaction()`. Exact duplicates are not stored."""
        row = self._one(insert_sql("articles", ARTICLE_COLUMNS) + " ON CONFLICT (content_hash) DO NOTHING RETURNING id",
                        article_row(doc, analysis, _now()))
        if row is None:
            return Added("duplicate")
        article_id = row["id"]
        self._execute(insert_sql("documents", DOCUMENT_COLUMNS), document_row(doc, article_id))
        self._executemany(_ENTITY_UPSERT, entity_rows(doc))
        self._executemany(insert_sql("mentions", MENTION_COLUMNS), mention_rows(doc, article_id))
        self._executemany(insert_sql("events", EVENT_COLUMNS), event_rows(doc, article_id))
        if doc.get("events"):
            self._index_event_actors("e.article_id = ?", [article_id])
        self._executemany(insert_sql("times", TIME_COLUMNS), time_rows(doc, article_id))
        self._executemany(insert_sql("quantities", QUANTITY_COLUMNS), quantity_rows(doc, article_id))
        text_words = words(doc["text"])
        self._index_terms(article_id, [readings(w) for w in text_words])
        duplicate_of = self._link_near_duplicate(article_id, doc, text_words)
        return Added("near-duplicate" if duplicate_of else "new", article_id, duplicate_of)

    def _link_near_duplicate(self, article_id: int, doc: dict[str, Any], text_words: list[str]) -> int | None:
        """Record the article's MinHash and mark it a near-duplicate of an earlier copy, if there is one."""
        sig = minhash.signature(text_words)
        if sig is None:
            return None
        keys = sorted(set(minhash.band_keys(sig)))
        found = self._find_near_duplicate(article_id, sig, keys, doc)
        self._execute("INSERT INTO minhash (article_id, signature) VALUES (?, ?)", (article_id, minhash.to_bytes(sig)))
        if found is None:  # only first copies are ever matched against: a copy's bands would be dead weight
            self._execute("INSERT INTO minhash_bands (key, article_id) VALUES " + ", ".join(["(?, ?)"] * len(keys)),
                          [v for k in keys for v in (k, article_id)])
            return None
        original, similarity = found
        self._execute("UPDATE articles SET duplicate_of = ?, similarity = ? WHERE id = ?",
                      (original, round(similarity, 4), article_id))
        return original

    def _find_near_duplicate(self, article_id: int, sig: Any, keys: list[int],
                             doc: dict[str, Any]) -> tuple[int, float] | None:
        rows = self.query(  # candidates first, from the band index: the plan must not depend on statistics
            "WITH candidates AS MATERIALIZED "
            f"(SELECT DISTINCT article_id FROM minhash_bands WHERE key IN ({_placeholders(len(keys))})) "
            "SELECT m.article_id, m.signature, a.published FROM candidates c "
            "JOIN minhash m ON m.article_id = c.article_id JOIN articles a ON a.id = c.article_id "
            "WHERE a.duplicate_of IS NULL", keys)
        published = _parse_day(doc.get("published"))
        scored = []
        for r in rows:
            other_day = _parse_day(r["published"])
            if r["article_id"] == article_id or (
                    published and other_day and abs((published - other_day).days) > NEAR_DUPLICATE_DAYS):
                continue
            similarity = minhash.similarity(sig, minhash.from_bytes(r["signature"]))
            if similarity >= NEAR_DUPLICATE_THRESHOLD:
                scored.append((-similarity, r["article_id"]))
        entities = {e["id"] for e in doc.get("entities") or ()}
        for neg_similarity, other in sorted(scored):
            if entities:
                theirs = {r["entity_id"] for r in self.query(
                    "SELECT DISTINCT entity_id FROM mentions WHERE article_id = ?", (other,))}
                if theirs and len(entities & theirs) / len(entities | theirs) < ENTITY_OVERLAP:
                    continue
            return other, -neg_similarity
        return None

    # --- reading --------------------------------------------------------------------------------------

    def events(self, f: EventFilter) -> Iterator[dict[str, Any]]:
        """Events matching the filter, by day; near-duplicate articles left out unless asked for."""
        where, params = event_where(f)
        condition = " WHERE " + " AND ".join(where) if where else ""
        order = " ORDER BY e.day IS NULL, e.day, e.id"
        if not f.limit:
            return self._stream(EVENT_SELECT + condition + order, params)
        # pick the events first, then fetch names and counts for those alone, not for every match
        picked = f"SELECT e.id FROM events e JOIN articles a ON a.id = e.article_id{condition}{order} LIMIT ?"
        return self._stream(f"{EVENT_SELECT} WHERE e.id IN ({picked}){order}", [*params, f.limit])

    def entities(self, type: str | None = None, name: str | None = None, limit: int | None = None,
                 include_duplicates: bool = False) -> list[dict[str, Any]]:
        """Entities with how often they are mentioned and in how many articles, most widespread first."""
        where, params = [], []
        if type:
            where.append("en.type = ?")
            params.append(type.upper())
        if name:
            pattern = "%" + _like_escape(normalize(name).lower()) + "%"
            where.append("(en.id = ? OR lower(en.name_en) LIKE ? ESCAPE '\\' OR en.name_norm LIKE ? ESCAPE '\\')")
            params += [name, pattern, pattern]
        copies = "" if include_duplicates else (
            " WHERE m.article_id NOT IN (SELECT id FROM articles WHERE duplicate_of IS NOT NULL)")
        # count from the (entity_id, article_id) index alone, then name only the entities kept
        sql = ("WITH counts AS MATERIALIZED (SELECT m.entity_id, COUNT(*) AS mentions, "
               f"COUNT(DISTINCT m.article_id) AS articles FROM mentions m{copies} GROUP BY m.entity_id) "
               "SELECT en.id, en.type, en.subtype, en.name_ar, en.name_en, en.country, en.code, c.mentions, c.articles "
               "FROM counts c JOIN entities en ON en.id = c.entity_id"
               + (" WHERE " + " AND ".join(where) if where else "")
               + " ORDER BY c.articles DESC, c.mentions DESC, en.id")
        if limit:
            sql += " LIMIT ?"
            params.append(limit)
        return self.query(sql, params)

    def search(self, query: str, limit: int | None = 20, include_duplicates: bool = False) -> list[dict[str, Any]]:
        """Articles whose text matches the query (see rasd.store.search), best first, with a snippet."""
        groups = parse_query(query)
        verify = not self.exact_phrases and any(len(g) > 1 for g in groups)
        sql, params = self._search_sql(groups, "" if include_duplicates else " AND a.duplicate_of IS NULL")
        if limit and not verify:
            sql += " LIMIT ?"
            params.append(limit)
        out = []
        for row in self._stream(sql, params):
            text = json.loads(row.pop("document"))["text"]
            if verify and not matches(text, groups):
                continue
            row["snippet"] = snippet(text, groups)
            out.append(row)
            if limit and len(out) >= limit:
                break
        return out

    def articles(self, key: str) -> list[dict[str, Any]]:
        """Stored documents whose store id, document id or content hash is `key`."""
        number = int(key) if key.isdigit() and len(key) < 19 else -1
        rows = self.query("SELECT d.document FROM articles a JOIN documents d ON d.article_id = a.id "
                         "WHERE a.doc_id = ? OR a.content_hash = ? OR a.id = ? ORDER BY a.id", (key, key, number))
        return [json.loads(r["document"]) for r in rows]

    def documents(self, include_duplicates: bool = False) -> Iterator[str]:
        """Every stored document as its JSON text, in the order stored."""
        where = "" if include_duplicates else " WHERE a.duplicate_of IS NULL"
        for row in self._stream("SELECT d.document FROM articles a JOIN documents d ON d.article_id = a.id"
                                f"{where} ORDER BY a.id"):
            yield row["document"]

    def stats(self) -> dict[str, Any]:
        """Counts of what the store holds (events counted without near-duplicate articles)."""
        def count(sql: str) -> int:
            return int(self._one(sql)["n"])

        span = self._one("SELECT MIN(published) AS first, MAX(published) AS last FROM articles")
        by_plover = self.query("SELECT e.plover, COUNT(*) AS n FROM events e JOIN articles a ON a.id = e.article_id "
                              "WHERE a.duplicate_of IS NULL GROUP BY e.plover ORDER BY n DESC, e.plover")
        return {
            "backend": self.dialect,
            "schema_version": self.schema_version(),
            "articles": count("SELECT COUNT(*) AS n FROM articles"),
            "near_duplicates": count("SELECT COUNT(*) AS n FROM articles WHERE duplicate_of IS NOT NULL"),
            "outlets": count("SELECT COUNT(DISTINCT source) AS n FROM articles"),
            "entities": count("SELECT COUNT(*) AS n FROM entities"),
            "mentions": count("SELECT COUNT(*) AS n FROM mentions"),
            "events": count("SELECT COUNT(*) AS n FROM events e JOIN articles a ON a.id = e.article_id "
                            "WHERE a.duplicate_of IS NULL"),
            "events_with_duplicates": count("SELECT COUNT(*) AS n FROM events"),
            "times": count("SELECT COUNT(*) AS n FROM times"),
            "quantities": count("SELECT COUNT(*) AS n FROM quantities"),
            "first_published": span["first"] if span else None,
            "last_published": span["last"] if span else None,
            "events_by_plover": {r["plover"]: int(r["n"]) for r in by_plover},
        }


def _actor_match(sides: tuple[str, ...], value: str) -> tuple[str, list[Any]]:
    """An event whose actor on one of `sides` is `value`: an entity id, a country, or a code or code prefix."""
    v = value.strip()
    return (f"e.id IN (SELECT event_id FROM event_actors WHERE actor IN (?, ?) "
            f"AND side IN ({_placeholders(len(sides))}))", [v, v.upper(), *sides])


def event_where(f: EventFilter) -> tuple[list[str], list[Any]]:
    """SQL conditions and parameters for `f`, shared by `Store.events` and the web queries so filters mean one thing."""
    where: list[str] = []
    params: list[Any] = []
    if not f.include_duplicates:
        where.append("a.duplicate_of IS NULL")
    wanted = [(("source", "target"), actor) for actor in f.actors]
    wanted += [((side,), value) for side, value in (("source", f.source), ("target", f.target)) if value]
    for sides, value in wanted:
        sql, p = _actor_match(sides, value)
        where.append(sql)
        params += p
    if f.plover:
        where.append(f"e.plover IN ({_placeholders(len(f.plover))})")
        params += [p.strip().upper() for p in f.plover]
    if f.since:
        where.append("e.day >= ?")
        params.append(date_bound(f.since, end=False))
    if f.until:
        where.append("e.day < ?")
        params.append(date_bound(f.until, end=True))
    if f.location:
        where.append("(e.location_entity = ? OR lower(e.location_name) = ? OR e.location_country = ?)")
        params += [f.location, f.location.lower(), f.location.upper()]
    if f.outlet:
        where.append("lower(a.source) LIKE ? ESCAPE '\\'")
        params.append("%" + _like_escape(f.outlet.lower()) + "%")
    return where, params


def _parse_day(value: Any) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
