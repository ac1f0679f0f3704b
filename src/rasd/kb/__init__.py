"""The knowledge base: canonical identities for the names Arabic news uses.

Countries, places, organizations, people with dated roles, named things, and
institutions by pattern, each with an English name, a country (ISO3) and a
CAMEO-style actor code. Data: `data/*.tsv` (sources in DATA_CARD.md).

    kb = load_kb()
    kb.lookup(alias_key("ميدفيديف"))      # → [KBEntry(Dmitry Medvedev)]
    kb.actor_code(entry, date(2010, 12, 10))  # → "RUSGOV"
"""

from rasd.kb.base import KnowledgeBase, load_kb
from rasd.kb.compile import alias_key
from rasd.kb.model import KBEntry, Role


def resolve_institution(head_norm: str, country_iso3: str | None) -> KBEntry | None:
    """The ministry or body named by `head_norm` (`الدفاع`, `وزاره الدفاع`, `وزير الخارجيه`) of a country."""
    return load_kb().institution(head_norm, country_iso3)


__all__ = ["KBEntry", "KnowledgeBase", "Role", "alias_key", "load_kb", "resolve_institution"]
