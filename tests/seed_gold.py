"""The seed gold's matching rules (DESIGN.md, 'The seed gold'), as functions.

`python tests/seed_gold.py` prints which gold facts the current analysis has.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "examples"
SEED = SHARED / "seed-article.txt"
GOLD = SHARED / "seed-article.gold.json"


def entity_matches(gold: dict, entities: list[dict]) -> bool:
    names = {gold["name_en"].lower()}
    for e in entities:
        if e["type"] != gold["type"] or (e.get("name_en") or "").lower() not in names:
            continue
        texts = {m["text"] for m in e["mentions"]}
        if all(t in texts for t in gold["mentions"]) and ("country" not in gold or e.get("country") == gold["country"]):
            return True
    return False


def time_matches(gold: dict, times: list[dict]) -> bool:
    return any(gold["text"] in t["text"] and t["value"] == gold["value"] for t in times)


def quantity_matches(gold: dict, quantities: list[dict]) -> bool:
    return any(gold["text"] in q["text"] and q["value"] == gold["value"] for q in quantities)


def _has(code: str, actor: dict | None) -> bool:
    """DESIGN.md: the actor's `country` or `code` field contains the listed code."""
    return bool(actor) and any(code in (actor.get(key) or "") for key in ("country", "code"))


def event_matches(gold: dict, events: list[dict]) -> bool:
    for ev in events:
        if ev["plover"] not in gold["plover"]:
            continue
        src, tgt = ev.get("source"), ev.get("target")
        if "pair" in gold:
            a, b = gold["pair"]
            if not ((_has(a, src) and _has(b, tgt)) or (_has(b, src) and _has(a, tgt))):
                continue
        if "source" in gold and not _has(gold["source"], src):
            continue
        if "target" in gold and not _has(gold["target"], tgt):
            continue
        if "actors_any_of" in gold and not any(_has(c, src) or _has(c, tgt) for c in gold["actors_any_of"]):
            continue
        if "date" in gold and ev.get("date") != gold["date"]:
            continue
        if "location" in gold and (ev.get("location") or {}).get("name_en") != gold["location"]:
            continue
        if "quantity" in gold and (ev.get("quantity") or {}).get("value") != gold["quantity"]:
            continue
        return True
    return False


def check(doc: dict, gold: dict) -> list[tuple[str, str, bool, str]]:
    """(section, level, matched, description) for every gold fact."""
    rows = []
    for level in ("must", "should"):
        for g in gold["entities"].get(level, []):
            rows.append(("entity", level, entity_matches(g, doc["entities"]), f"{g['type']} {g['name_en']}"))
        for g in gold["times"].get(level, []):
            rows.append(("time", level, time_matches(g, doc["times"]), f"{g['text']} = {g['value']}"))
        for g in gold.get("quantities", {}).get(level, []):
            rows.append(("quantity", level, quantity_matches(g, doc["quantities"]), f"{g['text']} = {g['value']}"))
        for g in gold["events"].get(level, []):
            rows.append(("event", level, event_matches(g, doc["events"]), g["what"]))
    return rows


if __name__ == "__main__":
    import rasd

    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    doc = rasd.analyze(SEED.read_text(encoding="utf-8"), published=gold["published"]).to_dict()
    rows = check(doc, gold)
    for section, level, ok, what in rows:
        print(f"{'ok ' if ok else 'MISS'} {level:<6} {section:<8} {what}")
    print(f"{sum(r[2] for r in rows)}/{len(rows)} facts; must: "
          f"{sum(r[2] for r in rows if r[1] == 'must')}/{sum(r[1] == 'must' for r in rows)}")
    sys.exit(0 if all(r[2] for r in rows if r[1] == "must") else 1)
