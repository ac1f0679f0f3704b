"""Build dev/time/dev.jsonl (and heldout.jsonl) from the hand annotations in dev/time/.

The annotations name each expression by its text (and which whole-word
occurrence it is); this script finds the offsets in the SaudiNewsNet excerpt
and writes one JSON object per article. Run from the repository root:

    python scripts/build_time_dev.py [--news ../shared/data/news/saudinewsnet-dev.jsonl]

It fails loudly when an annotated text is not found, so a typo cannot
silently drop a gold item. `--show` prints each expression in context.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "dev" / "time"
# annotation file -> the JSON-lines file built from it
SETS = {DEV / "annotations.txt": DEV / "dev.jsonl", DEV / "heldout-annotations.txt": DEV / "heldout.jsonl"}
# A whole word: not glued to a letter before, except one or two proclitics (و ف ب ل ك) at a word start.
_BEFORE = r"(?:(?<![^\W\d_])|(?<=(?<![^\W\d_])[وفبلك])|(?<=(?<![^\W\d_])[وف][بلك]))"


def occurrences(text: str, needle: str) -> list[int]:
    return [m.start() for m in re.finditer(_BEFORE + re.escape(needle) + r"(?![^\W\d_])", text)]


def parse(path: Path) -> list[dict]:
    articles: list[dict] = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("=="):
            _, art_id, published, chars = line.split()
            articles.append({"id": art_id, "published": published, "chars": int(chars), "items": []})
            continue
        fields = [f.strip() for f in line.split("|")]
        item = {"text": fields[0], "type": fields[1], "value": fields[2], "n": 1, "line": lineno}
        for extra in fields[3:]:
            if extra.startswith("n="):
                item["n"] = int(extra[2:])
            elif extra.startswith("hijri="):
                item["hijri"] = extra[6:]
            elif extra == "explicit":
                item["explicit"] = True
            else:
                raise SystemExit(f"{path}:{lineno}: unknown field {extra!r}")
        articles[-1]["items"].append(item)
    return articles


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--news", default=str(ROOT.parent / "shared" / "data" / "news" / "saudinewsnet-dev.jsonl"))
    ap.add_argument("--show", action="store_true", help="print every expression in its context")
    args = ap.parse_args()
    for source, out in SETS.items():
        build(source, out, args.news, args.show)


def build(source: Path, out: Path, news: str, show: bool) -> None:
    """Write `out` from the annotation file `source` and the news corpus `news`."""
    articles = parse(source)
    wanted = {a["id"] for a in articles}
    texts = {}
    with open(news, encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if row["id"] in wanted:
                texts[row["id"]] = row
    rows = []
    for art in articles:
        source = texts[art["id"]]
        if source["date"] != art["published"]:
            raise SystemExit(f"{art['id']}: published {art['published']} but the corpus says {source['date']}")
        text = source["text"][: art["chars"]]
        times = []
        for item in art["items"]:
            found = occurrences(text, item["text"])
            if len(found) < item["n"]:
                raise SystemExit(f"{source}:{item['line']}: {item['text']!r} occurrence {item['n']} not found")
            start = found[item["n"] - 1]
            gold = {"start": start, "end": start + len(item["text"]), "text": item["text"],
                    "type": item["type"], "value": item["value"]}
            for key in ("hijri", "explicit"):
                if key in item:
                    gold[key] = item[key]
            times.append(gold)
            if show:
                before, after = text[max(0, start - 25) : start], text[gold["end"] : gold["end"] + 25]
                print(f"{art['id']}  …{before}[{item['text']}]{after}…")
        times.sort(key=lambda t: t["start"])
        for a, b in zip(times, times[1:], strict=False):
            if b["start"] < a["end"]:
                raise SystemExit(f"{art['id']}: overlapping gold {a['text']!r} and {b['text']!r}")
        rows.append({"id": art["id"], "published": art["published"], "text": text, "times": times})
    with open(out, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    n = sum(len(r["times"]) for r in rows)
    explicit = sum(t.get("explicit", False) for r in rows for t in r["times"])
    print(f"wrote {out.relative_to(ROOT)}: {len(rows)} articles, {n} time expressions ({explicit} explicit dates)",
          file=sys.stderr)


if __name__ == "__main__":
    main()
