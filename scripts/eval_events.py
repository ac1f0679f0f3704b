"""Score the event coder on a hand-coded gold file, tune and test halves apart, and show its errors.

`rasd eval events dev/events/dev.jsonl` scores a whole file; this script reports the `tune` and `test`
halves of the dev set apart (rules are tuned on one and checked on the other), scores the held-out set
(`dev/events/heldout.jsonl`, never tuned on), and with `--errors` prints every sentence where the coder
and the gold disagree: the gold events (MISSED when no prediction matches) and the predictions (FP when
they match no gold event), each with its actors, so that errors are read one by one, not guessed at.

Usage: python scripts/eval_events.py [--gold FILE] [--split tune|test|all] [--errors [CATEGORY]]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import rasd
from rasd.document import Actor
from rasd.events import evaluate_events, format_event_scores
from rasd.events.evaluate import match_events

ROOT = Path(__file__).resolve().parents[1]


def _actor(actor: Actor | None) -> str:
    return f"{actor.text}/{actor.code or actor.country}" if actor else "-"


def print_errors(gold: Path, category: str | None) -> None:
    """Every sentence with a missed or a spurious event (of `category`, when given)."""
    with open(gold, encoding="utf-8") as f:
        records = [json.loads(line) for line in f if line.strip()]
    for record in records:
        doc = rasd.analyze(record["sentence"], record.get("published"))
        predicted = [e for e in doc.events if not e.negated]
        missed, spurious = match_events(predicted, record["events"])
        wrong = {g["plover"] for g in missed} | {p.plover for p in spurious}
        if not wrong or (category and category not in wrong):
            continue
        print(f"== {record['id']} {record['sentence']}")
        for g in record["events"]:
            mark = "  <-- MISSED" if any(g is m for m in missed) else ""
            print(f"   gold {g['plover']:<11} source={g.get('source_country', '-')} [{g['trigger_text']}]{mark}")
        for p in doc.events:
            mark = "  <-- FP" if any(p is s for s in spurious) else ""
            print(f"   pred {p.plover:<11} {_actor(p.source)} -> {_actor(p.target)} [{p.trigger.text}] "
                  f"{p.modality}{mark}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", type=Path, default=ROOT / "dev" / "events" / "dev.jsonl")
    ap.add_argument("--split", choices=["tune", "test", "all"], default=None,
                    help="dev set half (default: tune and test apart; a file without splits is scored whole)")
    ap.add_argument("--errors", nargs="?", const="", metavar="CATEGORY",
                    help="print the sentences the coder gets wrong (only those with CATEGORY errors, if given)")
    args = ap.parse_args()
    if args.errors is not None:
        print_errors(args.gold, args.errors or None)
        return
    with open(args.gold, encoding="utf-8") as f:
        has_splits = any(json.loads(line).get("split") in ("tune", "test") for line in f if line.strip())
    splits = [None] if args.split == "all" or not has_splits else [args.split] if args.split else ["tune", "test"]
    for split in splits:
        print(format_event_scores(evaluate_events(args.gold, rasd.analyze, split=split)))
        print()


if __name__ == "__main__":
    main()
