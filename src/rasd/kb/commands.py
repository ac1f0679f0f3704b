"""Text for `rasd kb lookup NAME` and `rasd kb stats`: what the base knows about a name."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from rasd.kb.base import KnowledgeBase, load_kb
from rasd.kb.compile import alias_key
from rasd.kb.model import KBEntry
from rasd.text import clitic_splits


def format_lookup(results: Iterable[KBEntry | tuple[KBEntry, float]], kb: KnowledgeBase | None = None) -> str:
    """One block per entry: id, type, names, country, code now, and each dated role."""
    kb = kb or load_kb()
    blocks = []
    for item in results:
        entry, score = item if isinstance(item, tuple) else (item, None)
        head = f"{entry.id}  {entry.type}/{entry.subtype or '-'}  {entry.name_en} | {entry.name_ar}"
        if score is not None:
            head += f"  (fuzzy {score:.2f})"
        lines = [head]
        facts = [f"country {entry.country}" if entry.country else "",
                 f"code {kb.actor_code(entry, date.today())}" if kb.actor_code(entry, date.today()) else "",
                 f"wikidata {entry.wikidata}" if entry.wikidata else "",
                 f"at {entry.lat:.4f},{entry.lon:.4f}" if entry.lat is not None and entry.lon is not None else "",
                 f"capital {entry.capital}" if entry.capital else ""]
        if any(facts):
            lines.append("  " + ", ".join(f for f in facts if f))
        for r in entry.roles:
            span = f"{r.start or '…'} – {r.end or 'now'}"
            lines.append(f"  {r.title:<24} {r.code:<12} {span}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def kb_lookup(name: str) -> str:
    """Exact matches (also with proclitics stripped: وبروسيا → روسيا), else fuzzy ones, else English names."""
    kb = load_kb()
    key = alias_key(name)
    words = key.split(" ")
    for _prefix, stem in clitic_splits(words[0]) if words[0] else []:
        found = kb.lookup(" ".join([stem, *words[1:]]))
        if found:
            return format_lookup(found, kb)
    fuzzy = kb.fuzzy(key, limit=5)
    if fuzzy:
        return format_lookup(fuzzy, kb)
    wanted = name.strip().casefold()
    english = [e for e in kb.entries() if e.name_en.casefold() == wanted]
    return format_lookup(english, kb) if english else f"nothing known as {name!r}"


def kb_stats() -> str:
    """Counts of entries by type and subtype, aliases and demonyms, as aligned text."""
    stats = load_kb().stats()
    lines = [f"{k:<20} {v}" for k, v in stats.items() if not isinstance(v, dict)]
    for k in ("by_type", "by_subtype"):
        lines.append(f"{k}:")
        lines.extend(f"  {name:<26} {n}" for name, n in stats[k].items())
    return "\n".join(lines)
