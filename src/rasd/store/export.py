"""`rasd export`: the store in the formats analysts' tools read.

- `jsonl`: every stored document (`rasd.document/1`), one per line.
- `gdelt`: events in GDELT 2.0's event table layout (61 tab-separated
  columns, no header, its column order), so GDELT tooling reads rasd output.
  What rasd knows fills a column; everything else is left empty:

  GlobalEventID     the store's event id
  Day/MonthYear/Year  the event day (its coded date when a full date, else publication)
  FractionDate      Year + (Month * 30 + Day) / 365, GDELT's own formula
  ActorNCode        the CAMEO-style actor code (RUSGOV)
  ActorNName        the entity's English name in capitals, else the words of the text
  ActorNCountryCode the actor's ISO 3166-1 alpha-3 country (GDELT's CAMEO country codes are alpha-3 too)
  ActorNKnownGroupCode  for IGO/NGO/MNC codes, the group part (IGOUNO -> UNO)
  ActorNType1Code/Type2Code  the role parts of the code (RUSGOVMIL -> GOV, MIL; IGOUNO -> IGO)
  IsRootEvent       1 when the event is in the title or the lead sentence
  EventCode/EventBaseCode/EventRootCode  the CAMEO code and its 3- and 2-digit prefixes
  QuadClass         1-4 from the event's quad (else from the CAMEO root: 01-05, 06-08, 09-13, 14-20)
  NumArticles/NumMentions  1 + the near-duplicate copies of the article; NumSources: their distinct outlets
  ActionGeo_Type    1 for a country, 4 for a city, 5 for a region, from the location entity's subtype
  ActionGeo_FullName  the location's name
  DATEADDED         when the article was ingested (YYYYMMDDHHMMSS, UTC)
  SOURCEURL         the article's URL, else rasd:DOC_ID
  Left empty: ethnic and religion codes, Type3Code, GoldsteinScale (rasd has no Goldstein table yet),
  AvgTone, all ActorNGeo_* columns, ActionGeo country/ADM codes (GDELT uses FIPS 10-4 there, rasd
  has ISO codes), coordinates and feature ids.
- `parquet`: the event rows with typed columns, for DuckDB, pandas, Spark.
- `graphml`: the actor network for Gephi: a node per actor (entity id, else
  actor code, else country), a directed edge per (source, target, PLOVER
  category) weighted by the number of events.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from datetime import date
from typing import Any, TextIO

_ACTOR_FIELDS = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
                 "Type1Code", "Type2Code", "Type3Code")
_GEO_FIELDS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
GDELT_COLUMNS = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{f}" for f in _ACTOR_FIELDS), *(f"Actor2{f}" for f in _ACTOR_FIELDS),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{geo}_{f}" for geo in ("Actor1Geo", "Actor2Geo", "ActionGeo") for f in _GEO_FIELDS),
    "DATEADDED", "SOURCEURL",
)
_QUADS = {"verbal_cooperation": 1, "material_cooperation": 2, "verbal_conflict": 3, "material_conflict": 4}
_GROUP_PREFIXES = ("IGO", "NGO", "MNC")
_GEO_TYPES = {"country": 1, "city": 4, "capital": 4, "town": 4, "village": 4,
              "region": 5, "province": 5, "state": 5, "governorate": 5}


def _clean(value: Any) -> str:
    """A GDELT cell: no tabs or newlines inside, None as empty."""
    return "" if value is None else " ".join(str(value).split())


def _actor_cells(row: dict[str, Any], side: str) -> dict[str, Any]:
    code = (row[f"{side}_code"] or "").upper()
    country = row[f"{side}_country"]
    name = row[f"{side}_name"]
    cells: dict[str, Any] = {"Code": code, "Name": name.upper() if name else row[f"{side}_text"],
                             "CountryCode": country}
    if code.startswith(_GROUP_PREFIXES):
        cells["Type1Code"], cells["KnownGroupCode"] = code[:3], code[3:6]
    elif country and code.startswith(country):
        cells["Type1Code"], cells["Type2Code"] = code[3:6], code[6:9]
    return cells


def _quad_class(row: dict[str, Any]) -> int | None:
    quad = (row["quad"] or "").lower().replace(" ", "_").replace("-", "_")
    if quad in _QUADS:
        return _QUADS[quad]
    cameo = row["cameo"] or ""
    if len(cameo) >= 2 and cameo[:2].isdigit():
        root = int(cameo[:2])
        return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4
    return None


def gdelt_row(row: dict[str, Any]) -> list[str]:
    """One event row of the store as GDELT 2.0's 61 event table cells."""
    cells: dict[str, Any] = {"GlobalEventID": row["event_id"]}
    day = row["day"]
    if day:
        y, m, d = (int(x) for x in day.split("-"))
        cells.update(Day=f"{y:04d}{m:02d}{d:02d}", MonthYear=f"{y:04d}{m:02d}", Year=y,
                     FractionDate=f"{y + (m * 30 + d) / 365:.4f}")
    for n, side in (("1", "source"), ("2", "target")):
        cells.update({f"Actor{n}{k}": v for k, v in _actor_cells(row, side).items()})
    cameo = row["cameo"] or ""
    articles = 1 + int(row["copies"] or 0)
    cells.update(
        IsRootEvent=int(row["is_root"] or 0), EventCode=cameo, EventBaseCode=cameo[:3], EventRootCode=cameo[:2],
        QuadClass=_quad_class(row), NumMentions=articles, NumSources=row.get("outlets") or 1, NumArticles=articles,
        ActionGeo_Type=_GEO_TYPES.get((row["location_subtype"] or "").lower()) if row["location_name"] else None,
        ActionGeo_FullName=row["location_name"],
        DATEADDED="".join(ch for ch in row["ingested_at"] if ch.isdigit())[:14],
        SOURCEURL=row["url"] or f"rasd:{row['doc_id']}",
    )
    return [_clean(cells.get(col)) for col in GDELT_COLUMNS]


def write_gdelt(rows: Iterable[dict[str, Any]], out: TextIO) -> int:
    n = 0
    for row in rows:
        out.write("\t".join(gdelt_row(row)) + "\n")
        n += 1
    return n


def write_jsonl(documents: Iterable[str], out: TextIO) -> int:
    n = 0
    for doc in documents:
        out.write(doc + "\n")
        n += 1
    return n


def _parquet_schema() -> Any:
    import pyarrow as pa

    text = pa.string()
    return pa.schema([
        ("event_id", pa.int64()), ("article_id", pa.int64()), ("doc_id", text), ("published", pa.date32()),
        ("day", pa.date32()), ("event_date", text), ("plover", text), ("cameo", text), ("quad", text),
        ("mode", text),
        ("source_entity", text), ("source_code", text), ("source_country", text), ("source_text", text),
        ("source_name", text),
        ("target_entity", text), ("target_code", text), ("target_country", text), ("target_text", text),
        ("target_name", text),
        ("location_entity", text), ("location_name", text), ("location_country", text), ("quantity", text),
        ("negated", pa.bool_()), ("modality", text), ("confidence", pa.float64()), ("trigger_text", text),
        ("sentence", pa.int32()), ("is_root", pa.bool_()), ("outlet", text), ("url", text), ("title", text),
        ("copies", pa.int32()),
    ])


def _parquet_value(value: Any, kind: Any) -> Any:
    import pyarrow as pa

    if value is None:
        return None
    if kind == pa.date32():
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    if kind == pa.bool_():
        return bool(value)
    return value


def write_parquet(rows: Iterable[dict[str, Any]], path: str, batch_rows: int = 50_000) -> int:
    """Event rows into one Parquet file, written in row groups so memory stays flat."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _parquet_schema()
    n = 0
    with pq.ParquetWriter(path, schema, compression="zstd") as writer:
        batch: list[dict[str, Any]] = []

        def flush() -> None:
            columns = {f.name: [_parquet_value(r[f.name], f.type) for r in batch] for f in schema}
            writer.write_table(pa.table(columns, schema=schema))
            batch.clear()

        for row in rows:
            batch.append(row)
            n += 1
            if len(batch) >= batch_rows:
                flush()
        if batch or n == 0:
            flush()
    return n


def _actor_node(row: dict[str, Any], side: str) -> tuple[str, dict[str, str]] | None:
    key = row[f"{side}_entity"] or row[f"{side}_code"] or row[f"{side}_country"]
    if not key:
        return None
    attrs = {"label": row[f"{side}_name"] or row[f"{side}_text"] or key, "code": row[f"{side}_code"] or "",
             "country": row[f"{side}_country"] or "", "entity": row[f"{side}_entity"] or ""}
    return key, attrs


def write_graphml(rows: Iterable[dict[str, Any]], out: TextIO) -> int:
    """The actor network: nodes are actors, edges (source, target, category) weighted by event count."""
    nodes: dict[str, dict[str, str]] = {}
    edges: dict[tuple[str, str, str], dict[str, Any]] = {}
    for row in rows:
        src, tgt = _actor_node(row, "source"), _actor_node(row, "target")
        if src is None or tgt is None:
            continue
        for key, attrs in (src, tgt):
            nodes.setdefault(key, attrs)
        edge = edges.setdefault((src[0], tgt[0], row["plover"]),
                                {"weight": 0, "quad": row["quad"] or "", "first": row["day"], "last": row["day"]})
        edge["weight"] += 1
        if row["day"]:
            edge["first"] = min(filter(None, (edge["first"], row["day"])))
            edge["last"] = max(filter(None, (edge["last"], row["day"])))
    root = ET.Element("graphml", xmlns="http://graphml.graphdrawing.org/xmlns")
    keys = [("label", "node", "string"), ("code", "node", "string"), ("country", "node", "string"),
            ("entity", "node", "string"), ("plover", "edge", "string"), ("quad", "edge", "string"),
            ("weight", "edge", "double"), ("first", "edge", "string"), ("last", "edge", "string")]
    for name, target, kind in keys:
        ET.SubElement(root, "key", {"id": name, "for": target, "attr.name": name, "attr.type": kind})
    graph = ET.SubElement(root, "graph", id="rasd", edgedefault="directed")
    for key, attrs in nodes.items():
        node = ET.SubElement(graph, "node", id=key)
        for name, value in attrs.items():
            ET.SubElement(node, "data", key=name).text = value
    for i, ((src, tgt, plover), attrs) in enumerate(edges.items()):
        edge = ET.SubElement(graph, "edge", id=f"e{i}", source=src, target=tgt)
        ET.SubElement(edge, "data", key="plover").text = plover
        for name in ("quad", "weight", "first", "last"):
            ET.SubElement(edge, "data", key=name).text = str(attrs[name] or "")
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode") + "\n")
    return len(edges)
