"""What the knowledge base knows about one entity, and the roles it held when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

ENTRY_TYPES = ("PER", "LOC", "ORG", "MISC")

RoleRow = tuple[str, str, str | None, str | None, str | None]  # code, title, start, end, country (ISO dates)
# An entry as the compiled base stores it (marshal-able): the fields of KBEntry, roles as RoleRows.
EntryRow = tuple


@dataclass(frozen=True, slots=True)
class Role:
    """A code an entity carries for a while: a person's office, a group's period in government.

    `start`/`end` are inclusive; `None` means open (since ever / still).
    """

    code: str
    title: str
    start: date | None = None
    end: date | None = None
    country: str | None = None

    def valid_on(self, on: date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)

    @classmethod
    def from_row(cls, row: RoleRow) -> Role:
        code, title, start, end, country = row
        return cls(code, title, date.fromisoformat(start) if start else None,
                   date.fromisoformat(end) if end else None, country)

    def row(self) -> RoleRow:
        return (self.code, self.title, self.start.isoformat() if self.start else None,
                self.end.isoformat() if self.end else None, self.country)


@dataclass(frozen=True, slots=True)
class KBEntry:
    """A canonical identity: its names, type, country and default CAMEO actor code.

    `id` is the Wikidata QID where the base is sure of it, else a stable local
    id (`rasd:per:dmitry-medvedev`). `roles` are ordered most senior first, so
    the first role valid on a date is the one to report.
    """

    id: str
    type: str  # PER LOC ORG MISC
    subtype: str | None
    name_en: str
    name_ar: str
    country: str | None
    code: str | None
    wikidata: str | None
    lat: float | None
    lon: float | None
    roles: tuple[Role, ...] = ()
    capital: str | None = None

    @classmethod
    def from_row(cls, row: EntryRow) -> KBEntry:
        return cls(*row[:10], roles=tuple(map(Role.from_row, row[10])), capital=row[11])

    def row(self) -> EntryRow:
        return (self.id, self.type, self.subtype, self.name_en, self.name_ar, self.country, self.code,
                self.wikidata, self.lat, self.lon, tuple(r.row() for r in self.roles), self.capital)
