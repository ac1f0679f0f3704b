"""A readable report of one analyzed article, for a person at a terminal."""

from __future__ import annotations

from rasd.document import Document, Event

SYMMETRIC = {"CONSULT", "COOPERATE"}
_EVIDENCE_CHARS = 70


def format_text(doc: Document) -> str:
    lines: list[str] = []
    head = doc.title or doc.text[doc.body_start : doc.body_start + 80].split("\n")[0]
    lines.append(head)
    meta = " · ".join(x for x in (doc.published.isoformat() if doc.published else "no publication date", doc.id,
                                   doc.source, doc.byline) if x)
    lines.append(meta)
    if doc.entities:
        lines.append("\nEntities")
        for e in doc.entities:
            names = ", ".join(dict.fromkeys(m.text for m in sorted(e.mentions, key=lambda m: m.start)))
            lines.append(
                f"  {e.type:<4} {e.name_en or '?'} ({e.name_ar})  {e.country or '-'}  {e.code or '-'}"
                f"  ×{len(e.mentions)}  [{names}]  {e.id}"
            )
    if doc.times:
        lines.append("\nDates and times")
        lines.extend(f"  {t.value:<12} {t.type:<8} «{t.text}»" for t in doc.times)
    if doc.quantities:
        lines.append("\nQuantities")
        lines.extend(f"  {q.value:<12} {q.unit or '':<10} «{q.text}»" for q in doc.quantities)
    if doc.events:
        lines.append("\nEvents")
        lines.extend("  " + format_event(doc, ev) for ev in doc.events)
    if doc.summary:
        lines.append("\nSummary")
        lines.extend(f"  - {s}" for s in doc.summary)
    if doc.keywords:
        lines.append("\nKeywords: " + "، ".join(doc.keywords))
    return "\n".join(lines) + "\n"


def _actor(actor) -> str:
    if actor is None:
        return "?"
    return actor.country or actor.code or actor.text


def format_event(doc: Document, ev: Event) -> str:
    """`2010-12-10  CONSULT  RUS ↔ KAZ  Moscow  «...evidence...»` on one line."""
    arrow = "↔" if ev.plover in SYMMETRIC else "→"
    where = (ev.location or {}).get("name_en") or (ev.location or {}).get("name_ar") or "-"
    flags = [] if ev.modality == "asserted" else [ev.modality]
    if ev.quantity:
        flags.append(f"×{ev.quantity.get('value')}")
    sent = doc.sentences[ev.sentence] if ev.sentence < len(doc.sentences) else None
    start = max(sent.start if sent else 0, ev.trigger.start - _EVIDENCE_CHARS // 2)
    end = min(sent.end if sent else len(doc.text), ev.trigger.end + _EVIDENCE_CHARS // 2)
    evidence = " ".join(doc.text[start:end].split())
    return (
        f"{ev.date or '-':<10}  {ev.plover:<10} {_actor(ev.source)} {arrow} {_actor(ev.target)}  {where}"
        f"{'  (' + ', '.join(flags) + ')' if flags else ''}  «…{evidence}…»"
    )
