"""The store's schema as ordered migration steps, in plain SQL files.

Step N is `migrations/NNNN_name.sql` (shared by both backends) and/or
`NNNN_name.<dialect>.sql` (what only one backend can say, such as its
full-text index). A store records each applied step in `schema_version`, so
a store made by an older rasd is brought up to date when it is opened; a step
may also name a backfill that computes new columns for the articles already
stored (see `Store._backfill`).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True, slots=True)
class Step:
    version: int
    name: str
    backfill: str | None = None  # name of the Store method that fills the new tables for existing articles


STEPS = (
    Step(1, "core"),
    Step(2, "search", backfill="_backfill_search"),
    Step(3, "near_duplicates", backfill="_backfill_near_duplicates"),
    Step(4, "event_actors", backfill="_backfill_event_actors"),
)
LATEST = STEPS[-1].version

SCHEMA_VERSION_SQL = (
    "CREATE TABLE IF NOT EXISTS schema_version ("
    "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
)


def step_sql(step: Step, dialect: str, types: dict[str, str]) -> list[str]:
    """The statements of one step for one dialect, with the dialect's type words filled in."""
    folder = resources.files("rasd.store") / "migrations"
    stem = f"{step.version:04d}_{step.name}"
    text = ""
    for name in (f"{stem}.sql", f"{stem}.{dialect}.sql"):
        path = folder / name
        if path.is_file():
            text += path.read_text(encoding="utf-8") + "\n"
    if not text:
        raise FileNotFoundError(f"no SQL for schema step {stem}")
    for word, sql_type in types.items():
        text = text.replace("{" + word + "}", sql_type)
    return split_statements(text)


def split_statements(sql: str) -> list[str]:
    """Statements of a migration file: `--` comments dropped, split at `;` ending a line."""
    lines = [line.split("--", 1)[0].rstrip() for line in sql.splitlines()]
    statements, current = [], []
    for line in lines:
        if not line.strip():
            continue
        current.append(line)
        if line.endswith(";"):
            statements.append("\n".join(current)[:-1].strip())
            current = []
    if current:
        statements.append("\n".join(current).strip())
    return statements
