"""Score the event coder on the hand-coded dev set (dev/events/dev.jsonl), tune and test halves apart.

`rasd eval events dev/events/dev.jsonl` scores the whole set; this script reports the two halves,
so that rules tuned on one can be checked on the other.

Usage: python scripts/eval_events.py [--gold dev/events/dev.jsonl] [--split tune|test]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import rasd
from rasd.events import evaluate_events, format_event_scores

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", default=str(ROOT / "dev" / "events" / "dev.jsonl"))
    ap.add_argument("--split", choices=["tune", "test"])
    args = ap.parse_args()
    for split in [args.split] if args.split else ["tune", "test"]:
        print(format_event_scores(evaluate_events(args.gold, rasd.analyze, split=split)))
        print()


if __name__ == "__main__":
    main()
