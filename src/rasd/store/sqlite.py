"""The embedded backend: one SQLite file, WAL mode, FTS5 for Arabic search.

WAL lets `rasd search` read while `rasd ingest` writes, and makes every
committed batch survive a killed process; `synchronous=NORMAL` is safe in WAL
mode (a power cut may lose the last batches, which a rerun adds again).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from rasd.errors import RasdError
from rasd.store.base import Store

NEAR_WORDS = 8  # an FTS5 NEAR window per phrase word: more than the readings one word is indexed under


def _dict_row(cursor: sqlite3.Cursor, row: tuple) -> dict[str, Any]:
    return {d[0]: v for d, v in zip(cursor.description, row, strict=True)}


def _fts_string(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


class SQLiteStore(Store):
    dialect = "sqlite"
    types = {"id": "INTEGER PRIMARY KEY", "blob": "BLOB"}
    exact_phrases = False  # FTS5 cannot put a word's readings at one position: phrases are checked afterwards

    @classmethod
    def connect(cls, path: str, create: bool = False) -> SQLiteStore:
        p = Path(path)
        if p.is_dir():
            raise RasdError(f"{path} is a folder; give the store a file name such as {p / 'rasd.db'}")
        if not p.exists() and not create:
            raise RasdError(f"no store at {path}; create one with `rasd ingest PATH --db {path}`")
        if not p.parent.is_dir():
            raise RasdError(f"cannot create the store {path}: the folder {p.parent} does not exist")
        try:
            conn = sqlite3.connect(str(p), isolation_level=None, timeout=60, check_same_thread=False)
            conn.row_factory = _dict_row
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
        except sqlite3.DatabaseError as exc:
            raise RasdError(f"{path} is not a rasd store (SQLite says: {exc})") from None
        return cls(conn, str(p))

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.conn.execute("BEGIN IMMEDIATE")  # take the write lock now, not halfway through
        try:
            yield
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def optimize(self) -> None:
        self.conn.execute("PRAGMA optimize")

    def _table_exists(self, name: str) -> bool:
        return self._one("SELECT 1 AS present FROM sqlite_master WHERE name = ?", (name,)) is not None

    def _lock_schema(self) -> None:
        """BEGIN IMMEDIATE already holds the database's write lock."""

    def _index_terms(self, article_id: int, forms: list[tuple[str, ...]]) -> None:
        terms = " ".join(form for word in forms for form in word)
        self._execute("INSERT INTO article_search (rowid, terms) VALUES (?, ?)", (article_id, terms))

    def _search_sql(self, groups: list[list[str]], extra_where: str) -> tuple[str, list[Any]]:
        parts = []
        for words in groups:
            quoted = " ".join(_fts_string(w) for w in words)
            parts.append(quoted if len(words) == 1 else f"NEAR({quoted}, {NEAR_WORDS * len(words)})")
        sql = ("SELECT a.id AS article_id, a.doc_id, a.published, a.source, a.title, d.document "
               "FROM article_search JOIN articles a ON a.id = article_search.rowid "
               "JOIN documents d ON d.article_id = a.id "
               f"WHERE article_search MATCH ?{extra_where} ORDER BY article_search.rank, a.id")
        return sql, [" AND ".join(parts)]
