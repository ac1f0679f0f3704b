"""Read queries the web page and the API need beyond the Store interface.

Pages of events and articles (offset pagination), aggregates for the timeline,
the actor network and the map, and an entity's profile. The SQL is the
store's shared dialect (`?` placeholders, run through the store's own
`query`, which each backend translates), over the tables of
`rasd/store/migrations/0001_core.sql`; event filters keep exactly the meaning
of `rasd events` because they come from the store's own `event_where`.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from datetime import date, timedelta
from typing import Any

from rasd.kb import load_kb
from rasd.store import EventFilter, Store
from rasd.store.base import EVENT_SELECT, event_where

EVENT_FROM = " FROM events e JOIN articles a ON a.id = e.article_id"
ACTOR_KEY = "COALESCE(e.{side}_entity, e.{side}_code, e.{side}_country)"
PROFILE_NAMES = 20
PROFILE_COUNTERPARTS = 15
PROFILE_EVENTS = 25
PROFILE_ARTICLES = 10


def _where(f: EventFilter, extra: list[str] | None = None) -> tuple[str, list[Any]]:
    where, params = event_where(f)
    where += extra or []
    return (" WHERE " + " AND ".join(where) if where else ""), params


def event_row(row: dict[str, Any]) -> dict[str, Any]:
    """An event row for JSON: flags as booleans, the quantity decoded."""
    out = dict(row)
    out["negated"] = bool(row["negated"])
    out["is_root"] = bool(row["is_root"])
    if isinstance(row.get("quantity"), str):
        out["quantity"] = json.loads(row["quantity"])
    return out


def event_page(store: Store, f: EventFilter, offset: int, limit: int,
               newest_first: bool = True) -> list[dict[str, Any]]:
    """One page of events matching `f`, newest (or oldest) day first; events without a day come last."""
    where, params = _where(f)
    order = "DESC" if newest_first else "ASC"
    sql = EVENT_SELECT + where + f" ORDER BY e.day {order} NULLS LAST, e.id {order} LIMIT ? OFFSET ?"
    return [event_row(r) for r in store.query(sql, params + [limit, offset])]


def article_page(store: Store, offset: int, limit: int, include_duplicates: bool = False) -> list[dict[str, Any]]:
    """Stored articles, newest first, with how many events and entities each has."""
    where = "" if include_duplicates else " WHERE a.duplicate_of IS NULL"
    sql = ("SELECT a.id AS article_id, a.doc_id, a.title, a.source, a.url, a.published, a.analysis, a.ingested_at, "
           "a.duplicate_of, (SELECT COUNT(*) FROM events e WHERE e.article_id = a.id) AS events, "
           "(SELECT COUNT(DISTINCT m.entity_id) FROM mentions m WHERE m.article_id = a.id) AS entities "
           f"FROM articles a{where} ORDER BY a.published IS NULL, a.published DESC, a.id DESC LIMIT ? OFFSET ?")
    return store.query(sql, [limit, offset])


def _bucket(day: str, by: str) -> str:
    """The period a day falls in: the day itself, its ISO week's Monday, or its month."""
    if by == "month":
        return day[:7]
    if by == "week":
        d = date.fromisoformat(day)
        return (d - timedelta(days=d.weekday())).isoformat()
    return day


def timeline(store: Store, f: EventFilter, by: str = "day") -> dict[str, Any]:
    """Events per period (day, week or month) and PLOVER category."""
    where, params = _where(f, ["e.day IS NOT NULL"])
    rows = store.query("SELECT e.day, e.plover, COUNT(*) AS n" + EVENT_FROM + where + " GROUP BY e.day, e.plover",
                      params)
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for r in rows:
        try:
            counts[_bucket(r["day"], by)][r["plover"]] += int(r["n"])
        except ValueError:  # a malformed day in an imported document
            continue
    return {"by": by, "periods": [{"period": p, "total": sum(c.values()), "counts": dict(c)}
                                  for p, c in sorted(counts.items())]}


def _actor_pairs(store: Store, f: EventFilter) -> list[dict[str, Any]]:
    """Event counts per (source, target, PLOVER), each actor with its key and names."""
    def side(s: str) -> str:
        alias = s[0] + "e"
        return (f"{ACTOR_KEY.format(side=s)} AS {s}_key, e.{s}_country AS {s}_country, "
                f"MAX({alias}.name_en) AS {s}_name_en, MAX({alias}.name_ar) AS {s}_name_ar, "
                f"MAX(e.{s}_text) AS {s}_text, MAX({alias}.type) AS {s}_type")

    where, params = _where(f)
    sql = (f"SELECT {side('source')}, {side('target')}, e.plover, e.quad, COUNT(*) AS n" + EVENT_FROM
           + " LEFT JOIN entities se ON se.id = e.source_entity LEFT JOIN entities te ON te.id = e.target_entity"
           + where + f" GROUP BY {ACTOR_KEY.format(side='source')}, e.source_country, "
           f"{ACTOR_KEY.format(side='target')}, e.target_country, e.plover, e.quad")
    return store.query(sql, params)


def _node(row: dict[str, Any], side: str) -> dict[str, Any]:
    return {"id": row[f"{side}_key"], "name_en": row[f"{side}_name_en"],
            "name_ar": row[f"{side}_name_ar"] or row[f"{side}_text"], "country": row[f"{side}_country"],
            "type": row[f"{side}_type"]}


def network(store: Store, f: EventFilter, max_nodes: int = 40) -> dict[str, Any]:
    """Who acts on whom: the `max_nodes` busiest actors and the events between them, by category."""
    nodes: dict[str, dict[str, Any]] = {}
    weight: Counter[str] = Counter()
    edges: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for r in _actor_pairs(store, f):
        src, tgt = r["source_key"], r["target_key"]
        if not src or not tgt or src == tgt:
            continue
        n = int(r["n"])
        for side, key in (("source", src), ("target", tgt)):
            nodes.setdefault(key, _node(r, side))
            weight[key] += n
        edges[(src, tgt)][r["plover"]] += n
    keep = {k for k, _ in weight.most_common(max_nodes)}
    return {
        "nodes": [{**nodes[k], "events": weight[k]} for k in sorted(keep, key=lambda k: -weight[k])],
        "edges": [{"source": s, "target": t, "total": sum(c.values()), "counts": dict(c)}
                  for (s, t), c in sorted(edges.items(), key=lambda kv: -sum(kv[1].values()))
                  if s in keep and t in keep],
    }


def places(store: Store, f: EventFilter) -> list[dict[str, Any]]:
    """Event locations with coordinates from the knowledge base (a country's capital for a country)."""
    where, params = _where(f, ["(e.location_entity IS NOT NULL OR e.location_country IS NOT NULL)"])
    rows = store.query("SELECT e.location_entity, MAX(e.location_name) AS name, e.location_country, e.plover, "
                      "COUNT(*) AS n" + EVENT_FROM + where
                      + " GROUP BY e.location_entity, e.location_country, e.plover", params)
    kb = load_kb()
    out: dict[tuple[Any, Any], dict[str, Any]] = {}
    for r in rows:
        key = (r["location_entity"], r["location_country"])
        if key not in out:
            entry = (kb.get(r["location_entity"]) if r["location_entity"] else None) or (
                kb.country(r["location_country"]) if r["location_country"] else None)
            if entry is None or entry.lat is None or entry.lon is None:
                continue
            out[key] = {"entity": r["location_entity"] or entry.id, "name_en": r["name"] or entry.name_en,
                        "name_ar": entry.name_ar, "country": r["location_country"] or entry.country,
                        "lat": entry.lat, "lon": entry.lon, "total": 0, "counts": {}}
        place = out[key]
        place["total"] += int(r["n"])
        place["counts"][r["plover"]] = place["counts"].get(r["plover"], 0) + int(r["n"])
    return sorted(out.values(), key=lambda p: -p["total"])


def entity_profile(store: Store, entity_id: str, by: str = "week") -> dict[str, Any] | None:
    """What the store knows of one entity: names, roles, events over time, counterparts, articles.

    A country is followed through every actor of that country (its government,
    army, people), as `rasd events --actor RUS` does; anyone else through its
    own entity id.
    """
    entity = next(iter(store.query("SELECT id, type, subtype, name_ar, name_en, country, wikidata, code "
                                  "FROM entities WHERE id = ?", [entity_id])), None)
    if entity is None:
        return None
    fresh = " AND a.duplicate_of IS NULL"
    names = store.query("SELECT m.text, COUNT(*) AS n FROM mentions m JOIN articles a ON a.id = m.article_id "
                       f"WHERE m.entity_id = ?{fresh} GROUP BY m.text ORDER BY n DESC, m.text LIMIT ?",
                       [entity_id, PROFILE_NAMES])
    codes = store.query(
        "SELECT CASE WHEN e.source_entity = ? THEN e.source_code ELSE e.target_code END AS code, COUNT(*) AS n, "
        "MIN(e.day) AS first_day, MAX(e.day) AS last_day" + EVENT_FROM
        + f" WHERE (e.source_entity = ? OR e.target_entity = ?){fresh} GROUP BY 1 ORDER BY n DESC",
        [entity_id, entity_id, entity_id])
    articles = store.query(
        "SELECT a.id AS article_id, a.doc_id, a.title, a.source, a.published FROM articles a "
        f"WHERE a.id IN (SELECT m.article_id FROM mentions m WHERE m.entity_id = ?){fresh} "
        "ORDER BY a.published IS NULL, a.published DESC, a.id DESC LIMIT ?", [entity_id, PROFILE_ARTICLES])
    counts = store.query("SELECT COUNT(*) AS mentions, COUNT(DISTINCT m.article_id) AS articles FROM mentions m "
                        f"JOIN articles a ON a.id = m.article_id WHERE m.entity_id = ?{fresh}", [entity_id])[0]
    actor = entity["country"] if entity["subtype"] == "country" and entity["country"] else entity_id
    f = EventFilter(actors=[actor])
    kb_entry = load_kb().get(entity_id)
    return {
        **entity,
        "followed_as": actor,
        "mentions": int(counts["mentions"]),
        "articles": int(counts["articles"]),
        "names": [{"text": r["text"], "count": int(r["n"])} for r in names],
        "roles": [{"title": r.title, "code": r.code, "start": r.start and r.start.isoformat(),
                   "end": r.end and r.end.isoformat()} for r in (kb_entry.roles if kb_entry else ())],
        "actor_codes": [{"code": r["code"], "count": int(r["n"]), "first_day": r["first_day"],
                         "last_day": r["last_day"]} for r in codes if r["code"]],
        "timeline": timeline(store, f, by),
        "counterparts": _counterparts(store, f, entity_id, actor),
        "events": event_page(store, f, 0, PROFILE_EVENTS),
        "recent_articles": articles,
    }


def _counterparts(store: Store, f: EventFilter, entity_id: str, actor: str) -> list[dict[str, Any]]:
    """The actors on the other side of the entity's events, most frequent first, with categories."""
    def is_self(row: dict[str, Any], side: str) -> bool:
        return row[f"{side}_key"] == entity_id or row[f"{side}_country"] == actor

    found: dict[str, dict[str, Any]] = {}
    for r in _actor_pairs(store, f):
        for me, other in (("source", "target"), ("target", "source")):
            if is_self(r, me) and r[f"{other}_key"] and not is_self(r, other):
                node = found.setdefault(r[f"{other}_key"], {**_node(r, other), "total": 0, "as_source": 0,
                                                             "as_target": 0, "counts": Counter()})
                n = int(r["n"])
                node["total"] += n
                node["as_target" if me == "source" else "as_source"] += n
                node["counts"][r["plover"]] += n
                break
    ranked = sorted(found.values(), key=lambda c: -c["total"])[:PROFILE_COUNTERPARTS]
    return [{**c, "counts": dict(c["counts"])} for c in ranked]
