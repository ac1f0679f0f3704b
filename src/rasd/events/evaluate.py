"""Sentence-level evaluation of the event coder against a hand-coded gold file.

Gold format (JSON lines, one sentence each; see dev/events/README.md):
`{"id", "article_id", "published", "sentence", "split"?, "events": [{"plover", "source_country"?,
"target_country"?, "trigger_text"}]}`, with an empty `events` list for a sentence that reports none.

A predicted event matches a gold one when the category is the same and, when the gold gives a
source country, the predicted source has it (for symmetric categories, either actor may). Gold and
predicted events are matched one to one, as many as can be; denied (negated) predictions are not
claims and are left out.
Scores are per category and micro-averaged; `loose` ignores actors and counts categories only.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from rasd.document import Actor, Document, Event
from rasd.events.ontology import CATEGORIES, SYMMETRIC

AnalyzeFn = Callable[[str, str | None], Document]


def evaluate_events(gold_path: str | Path, analyze_fn: AnalyzeFn, split: str | None = None) -> dict:
    """Per-category and overall precision/recall/F1 of `analyze_fn`'s events on the gold sentences."""
    strict = {c: [0, 0, 0] for c in CATEGORIES}  # tp, fp, fn
    loose = [0, 0, 0]
    sentences = 0
    with open(gold_path, encoding="utf-8") as f:
        for line_no, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{gold_path}:{line_no}: not valid JSON ({exc.msg})") from exc
            if split and record.get("split") != split:
                continue
            sentences += 1
            predicted = [e for e in analyze_fn(record["sentence"], record.get("published")).events if not e.negated]
            _count(strict, predicted, record["events"], with_actors=True)
            by_category = {c: [0, 0, 0] for c in CATEGORIES}
            _count(by_category, predicted, record["events"], with_actors=False)
            for c in CATEGORIES:
                for n in range(3):
                    loose[n] += by_category[c][n]
    totals = [sum(v[n] for v in strict.values()) for n in range(3)]
    return {
        "sentences": sentences,
        "split": split,
        "categories": {c: _prf(*v) for c, v in strict.items() if any(v)},
        "overall": _prf(*totals),
        "loose": _prf(*loose),
    }


def _count(counts: dict[str, list[int]], predicted: list[Event], gold: list[dict], with_actors: bool) -> None:
    missed, spurious = match_events(predicted, gold, with_actors)
    for g in gold:
        counts.setdefault(g["plover"], [0, 0, 0])[2 if any(g is m for m in missed) else 0] += 1
    for p in spurious:
        counts.setdefault(p.plover, [0, 0, 0])[1] += 1


def match_events(predicted: list[Event], gold: list[dict], with_actors: bool = True) -> tuple[list[dict], list[Event]]:
    """(gold events no prediction matches, predictions that match no gold event), under the largest one-to-one
    matching: a prediction that fits two gold events goes where it leaves the other one matchable."""
    fits = [[n for n, p in enumerate(predicted) if p.plover == g["plover"] and (not with_actors or _actors_match(p, g))]
            for g in gold]
    owner: dict[int, int] = {}  # prediction -> gold

    def claim(g: int, seen: set[int]) -> bool:
        for n in fits[g]:
            if n not in seen:
                seen.add(n)
                if n not in owner or claim(owner[n], seen):
                    owner[n] = g
                    return True
        return False

    matched = {g for g in range(len(gold)) if claim(g, set())}
    return [g for n, g in enumerate(gold) if n not in matched], [p for n, p in enumerate(predicted) if n not in owner]


def _actors_match(p: Event, g: dict) -> bool:
    want = g.get("source_country")
    if not want:
        return True
    if _has_country(p.source, want):
        return True
    return p.plover in SYMMETRIC and _has_country(p.target, want)


def _has_country(actor: Actor | None, country: str) -> bool:
    return actor is not None and (actor.country == country or (actor.code or "").startswith(country))


def _prf(tp: int, fp: int, fn: int) -> dict:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall, "f1": f1}


def format_event_scores(scores: dict) -> str:
    """A plain-text table of `evaluate_events`' result."""
    title = f"events: {scores['sentences']} sentences" + (f" ({scores['split']})" if scores.get("split") else "")
    lines = [title, f"{'category':<12} {'P':>6} {'R':>6} {'F1':>6} {'tp':>4} {'fp':>4} {'fn':>4}"]

    def row(name: str, s: dict) -> str:
        return (f"{name:<12} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f} "
                f"{s['tp']:4d} {s['fp']:4d} {s['fn']:4d}")

    for category, s in sorted(scores["categories"].items()):
        lines.append(row(category, s))
    lines.append(row("overall", scores["overall"]))
    lines.append(row("loose", scores["loose"]))
    return "\n".join(lines)
