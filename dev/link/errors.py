"""Missed and spurious entities of the linker on a gold file, with the words around each.

    .venv/bin/python dev/link/errors.py dev/link/dev.jsonl [--spurious]

Work from this list, not from the scores: each line is one gold entity the output
lacks (with what the output had instead), or one output entity no gold one matches.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter

from rasd import analyze
from rasd.kb.evaluate import _why_missed, covers_mentions, read_gold, same_identity

CONTEXT = 40


def around(text: str, needle: str) -> str:
    """The first occurrence of `needle` with CONTEXT characters either side, on one line."""
    i = text.find(needle)
    if i < 0:
        return ""
    s = text[max(0, i - CONTEXT) : i] + "[" + needle + "]" + text[i + len(needle) : i + len(needle) + CONTEXT]
    return s.replace("\n", " ")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold")
    ap.add_argument("--spurious", action="store_true", help="also list output entities no gold one matches")
    args = ap.parse_args()
    kinds: Counter[str] = Counter()
    for rec in read_gold(args.gold):
        doc = analyze(rec["text"], published=rec.get("published"), id=rec["id"], title=rec.get("title") or None)
        text = doc.text
        for gold in rec["entities"]:
            same = [e for e in doc.entities if same_identity(e, gold)]
            if any(covers_mentions(e, gold) for e in same):
                continue
            why = _why_missed(gold, doc.entities)
            kinds[f"{gold['type']} {why.split(' ')[0]}"] += 1
            print(f"MISS {gold['type']} {gold['name_en']}/{gold.get('country') or '-'}: {why}")
            print(f"     {around(text, gold['mentions'][0])}")
        if args.spurious:
            for e in doc.entities:
                if not any(same_identity(e, g) for g in rec["entities"]):
                    m = e.mentions[0]
                    kinds[f"spurious {e.type}"] += 1
                    print(f"SPUR {e.type} {e.name_en}/{e.country or '-'} ({e.id}) {[x.text for x in e.mentions]}")
                    print(f"     {around(text, m.text)}")
    print(json.dumps(dict(kinds.most_common()), ensure_ascii=False))


if __name__ == "__main__":
    main()
