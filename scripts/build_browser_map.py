"""Build the offline world map of the browser page (`src/rasd/web/static/world.json`).

Source: Natural Earth 1:110m admin-0 countries (public domain), as shipped in
the geopandas 0.14 wheel (`geopandas/datasets/naturalearth_lowres`; later
geopandas releases removed it). The page draws events on it without any tile
server, so the countries become SVG paths in an equirectangular projection
(x = lon + 180, y = 90 - lat), simplified with Douglas-Peucker and rounded to
a tenth of a degree: about 100 KB for the world.

    pip download --no-deps geopandas==0.14.4 -d /tmp/ne
    python scripts/build_browser_map.py /tmp/ne/geopandas-0.14.4-py3-none-any.whl
"""

from __future__ import annotations

import argparse
import io
import json
import struct
import sys
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "rasd" / "web" / "static" / "world.json"
MEMBER = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"
TOLERANCE = 0.15  # degrees: Douglas-Peucker tolerance
SOUTH = -60.0  # Antarctica is cut off: no news happens there that a map needs
MIN_RING_AREA = 0.05  # square degrees: smaller islands vanish at this scale

Point = tuple[float, float]


def read_dbf(data: bytes) -> list[dict[str, str]]:
    """Records of a dBASE III table, every field as stripped text."""
    count, header_len, record_len = struct.unpack("<IHH", data[4:12])
    fields, pos = [], 32
    while data[pos] != 0x0D:
        name = data[pos:pos + 11].split(b"\0", 1)[0].decode("ascii")
        fields.append((name, data[pos + 16]))
        pos += 32
    rows = []
    for i in range(count):
        start = header_len + i * record_len + 1  # skip the deletion flag
        row, offset = {}, start
        for name, length in fields:
            row[name] = data[offset:offset + length].decode("utf-8", "replace").strip()
            offset += length
        rows.append(row)
    return rows


def read_polygons(data: bytes) -> list[list[list[Point]]]:
    """The rings of each (multi)polygon record of an ESRI shapefile."""
    shapes, pos = [], 100
    while pos < len(data):
        _, length = struct.unpack(">ii", data[pos:pos + 8])
        content = data[pos + 8:pos + 8 + 2 * length]
        pos += 8 + 2 * length
        shape_type = struct.unpack("<i", content[:4])[0]
        if shape_type != 5:
            shapes.append([])
            continue
        n_parts, n_points = struct.unpack("<ii", content[36:44])
        parts = list(struct.unpack(f"<{n_parts}i", content[44:44 + 4 * n_parts])) + [n_points]
        coords = struct.unpack(f"<{2 * n_points}d", content[44 + 4 * n_parts:44 + 4 * n_parts + 16 * n_points])
        points = list(zip(coords[0::2], coords[1::2], strict=True))
        shapes.append([points[parts[i]:parts[i + 1]] for i in range(n_parts)])
    return shapes


def simplify(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker, iterative (rings have thousands of points at most)."""
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5
        best, index = 0.0, None
        for i in range(first + 1, last):
            x, y = points[i]
            d = abs(dy * (x - x1) - dx * (y - y1)) / norm if norm else ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
            if d > best:
                best, index = d, i
        if index is not None and best > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def area(ring: list[Point]) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True))) / 2


def ring_path(ring: list[Point]) -> str:
    """An SVG subpath, relative moves after the first point, in tenths of a degree."""
    pts = [(round((lon + 180) * 10), round((90 - max(lat, SOUTH)) * 10)) for lon, lat in ring]
    out, prev = [f"M{pts[0][0]} {pts[0][1]}"], pts[0]
    for p in pts[1:]:
        if p != prev:
            out.append(f"l{p[0] - prev[0]} {p[1] - prev[1]}")
            prev = p
    return "".join(out) + "z"


def build(wheel: Path) -> dict:
    with zipfile.ZipFile(wheel) as zf:
        shp = zf.read(MEMBER + ".shp")
        dbf = zf.read(MEMBER + ".dbf")
    countries = []
    for row, rings in zip(read_dbf(dbf), read_polygons(shp), strict=True):
        kept = [simplify(r, TOLERANCE) for r in rings if area(r) >= MIN_RING_AREA and max(y for _, y in r) > SOUTH]
        paths = "".join(ring_path(r) for r in kept if len(r) >= 4)
        if paths:
            iso3 = row["iso_a3"] if row["iso_a3"] not in ("", "-99") else None
            countries.append({"iso3": iso3, "name": row["name"], "d": paths})
    return {
        "source": "Natural Earth 1:110m admin-0 countries (public domain), via geopandas 0.14.4 naturalearth_lowres",
        "projection": "equirectangular; x = (lon + 180) * 10, y = (90 - lat) * 10",
        "viewBox": [0, 0, 3600, round((90 - SOUTH) * 10)],
        "countries": countries,
    }


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("wheel", type=Path, help="geopandas-0.14.x wheel holding naturalearth_lowres")
    p.add_argument("--out", type=Path, default=OUT)
    args = p.parse_args()
    world = build(args.wheel)
    buf = io.StringIO()
    json.dump(world, buf, ensure_ascii=False, separators=(",", ":"))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(buf.getvalue() + "\n", encoding="utf-8")
    print(f"{args.out}: {len(world['countries'])} countries, {args.out.stat().st_size:,} bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
