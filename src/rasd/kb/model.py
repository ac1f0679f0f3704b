"""What the knowledge base knows about one entity, and the roles it held when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

ENTRY_TYPES = ("PER", "LOC", "ORG", "MISC")


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
