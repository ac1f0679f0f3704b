"""Time expressions: rasd.time.find_times side by side with dateparser's search_dates.

    python bench/bench_time.py [GOLD.jsonl ...]      (default: the files in dev/time/)

Both run on the same hand-annotated articles and are scored by
rasd.time.evaluate_times: detection P/R/F1 (strict span and relaxed overlap),
value accuracy over matched expressions, and time per article. dateparser
(a bench dependency only: `pip install dateparser`) returns datetimes, not
TIMEX3 values; its value is scored twice: as a full day, and leniently, cut to
the gold value's precision (a gold "2010-11" accepts any day of November).
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime
from pathlib import Path

from rasd.document import TimeExpr
from rasd.time import evaluate_times

ROOT = Path(__file__).resolve().parent.parent


def dateparser_finder():
    """find_times' signature over dateparser.search.search_dates, offsets found in order."""
    from dateparser.search import search_dates

    def find(text: str, published: date | None) -> list[TimeExpr]:
        settings = {"RELATIVE_BASE": datetime(published.year, published.month, published.day)} if published else {}
        found = search_dates(text, languages=["ar"], settings=settings) or []
        out, pos = [], 0
        for surface, moment in found:
            start = text.find(surface, pos)
            if start < 0:
                continue
            pos = start + len(surface)
            out.append(TimeExpr(start, pos, surface, "DATE", moment.date().isoformat()))
        return out

    return find


def lenient(gold: str, pred: str) -> bool:
    """A full-day prediction matches a gold date of coarser precision that it falls in."""
    if gold[:4].isdigit() and len(gold) in (4, 7, 10) and "/" not in gold:
        return pred[: len(gold)] == gold
    return pred == gold


def row(name: str, r: dict) -> str:
    s, x = r["strict"], r["relaxed"]
    return (f"{name:<22} {s['f1']:>9.3f} {x['precision']:>6.3f} {x['recall']:>6.3f} {x['f1']:>6.3f} "
            f"{r['value_accuracy']:>9.3f} {r['value_correct'] / r['gold']:>9.3f} {r['ms_per_article']:>8.2f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="*", default=sorted(str(p) for p in (ROOT / "dev" / "time").glob("*.jsonl")))
    args = ap.parse_args()
    try:
        other = dateparser_finder()
        other("", None)
    except ImportError:
        sys.exit("dateparser is not installed: pip install dateparser (a benchmark dependency only)")
    header = (f"{'system':<22} {'strict F1':>9} {'rel P':>6} {'rel R':>6} {'rel F1':>6} "
              f"{'value acc':>9} {'value/gold':>9} {'ms/art':>8}")
    for gold in args.gold:
        print(f"\n{gold}")
        print(header)
        ours = evaluate_times(gold, keep_errors=False)
        print(row("rasd.time", ours))
        print(row("dateparser", evaluate_times(gold, other, keep_errors=False)))
        print(row("dateparser (lenient)", evaluate_times(gold, other, keep_errors=False, same_value=lenient)))
        print(f"(gold {ours['gold']} expressions in {ours['articles']} articles; value/gold = right values over all "
              f"gold expressions)")


if __name__ == "__main__":
    main()
