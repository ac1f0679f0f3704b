"""The event store: ingested articles with their analysis, searchable and queryable.

    >>> from rasd.store import open_store, EventFilter
    >>> with open_store("rasd.db") as store:
    ...     for row in store.events(EventFilter(actors=["RUS", "KAZ"], plover=["CONSULT"], since="2010-12")):
    ...         print(row["day"], row["source_code"], row["target_code"])

A location is a file path (SQLite, the embedded default) or a
`postgresql://` URL (a server for a team); both backends run the same code
(`rasd.store.base.Store`) and pass the same tests.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rasd.store.base import Added, EventFilter, Store
    from rasd.store.rows import content_hash

DEFAULT_DB = "rasd.db"
# Loaded on first use (PEP 562), so that commands that never touch a store (`rasd tag`, `rasd analyze`) start
# without the store's modules: the `rasd` parser registers every command at start-up.
_LAZY = {"Added": "rasd.store.base", "EventFilter": "rasd.store.base", "Store": "rasd.store.base",
         "content_hash": "rasd.store.rows"}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'rasd.store' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


def is_postgres(location: str) -> bool:
    return location.startswith(("postgresql://", "postgres://"))


def connect(location: str, create: bool = False) -> Store:
    """A connection to the store at `location`, schema not yet checked (see `open_store`)."""
    if is_postgres(location):
        from rasd.store.postgres import PostgresStore

        return PostgresStore.connect(location, create)
    from rasd.store.sqlite import SQLiteStore

    return SQLiteStore.connect(location, create)


def open_store(location: str = DEFAULT_DB, create: bool = False) -> Store:
    """Open the store at `location` (creating it when `create`), its schema brought up to date."""
    store = connect(location, create)
    try:
        store.prepare(create)
    except BaseException:
        store.close()
        raise
    return store


__all__ = ["DEFAULT_DB", "Added", "EventFilter", "Store", "connect", "content_hash", "is_postgres", "open_store"]
