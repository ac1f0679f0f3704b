"""Scoring time expressions against a hand-annotated JSON-lines file (dev/time/dev.jsonl).

Each line: {"id", "published", "text", "times": [{"start", "end", "text", "type", "value"}]}.
Detection is scored strict (same span) and relaxed (overlapping spans, matched
one to one); value and type accuracy are over the relaxed matches. Gold items
marked `"explicit": true` (dates that name their month or year) are also
scored for recall on their own.
"""

from __future__ import annotations

import json
import operator
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from rasd.document import TimeExpr
from rasd.time.times import find_times

Finder = Callable[[str, date | None], list[TimeExpr]]


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def _match(gold: list[dict[str, Any]], pred: list[TimeExpr]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, pred index) of overlapping spans, largest overlap first."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            overlap = min(g["end"], p.end) - max(g["start"], p.start)
            if overlap > 0:
                pairs.append((overlap, gi, pi))
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, gi, pi in sorted(pairs, reverse=True):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((gi, pi))
    return out


def evaluate_times(gold_path: str | Path, finder: Finder = find_times, keep_errors: bool = True,
                   same_value: Callable[[str, str], bool] = operator.eq) -> dict[str, Any]:
    """Detection P/R/F1 (strict and relaxed), value and type accuracy, and speed of `finder` on `gold_path`.

    `same_value(gold, predicted)` decides when a value is right (exact by default).
    """
    n_gold = n_pred = strict_tp = relaxed_tp = value_ok = type_ok = 0
    explicit = explicit_found = explicit_value = 0
    errors: list[dict[str, Any]] = []
    seconds = 0.0
    articles = 0
    with open(gold_path, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    for row in rows:
        articles += 1
        published = date.fromisoformat(row["published"]) if row.get("published") else None
        gold = row["times"]
        t0 = time.perf_counter()
        pred = finder(row["text"], published)
        seconds += time.perf_counter() - t0
        n_gold += len(gold)
        n_pred += len(pred)
        pred_spans = {(p.start, p.end) for p in pred}
        strict_tp += sum((g["start"], g["end"]) in pred_spans for g in gold)
        pairs = _match(gold, pred)
        relaxed_tp += len(pairs)
        matched = {gi: pred[pi] for gi, pi in pairs}
        for gi, g in enumerate(gold):
            p = matched.get(gi)
            if g.get("explicit"):
                explicit += 1
                explicit_found += p is not None
                explicit_value += p is not None and same_value(g["value"], p.value)
            if p is not None:
                value_ok += same_value(g["value"], p.value)
                type_ok += p.type == g["type"]
            exact = p is not None and same_value(g["value"], p.value) and (p.start, p.end) == (g["start"], g["end"])
            if keep_errors and not exact:
                errors.append({"id": row["id"], "gold": g["text"], "gold_value": g["value"],
                               "pred": p.text if p else None, "pred_value": p.value if p else None})
        if keep_errors:
            hit = {pi for _, pi in pairs}
            errors.extend({"id": row["id"], "gold": None, "gold_value": None, "pred": p.text, "pred_value": p.value}
                          for pi, p in enumerate(pred) if pi not in hit)
    return {
        "articles": articles,
        "gold": n_gold,
        "predicted": n_pred,
        "strict": _prf(strict_tp, n_pred, n_gold),
        "relaxed": _prf(relaxed_tp, n_pred, n_gold),
        "value_accuracy": value_ok / relaxed_tp if relaxed_tp else 0.0,
        "type_accuracy": type_ok / relaxed_tp if relaxed_tp else 0.0,
        "value_correct": value_ok,
        "explicit": {"gold": explicit, "recall": explicit_found / explicit if explicit else 0.0,
                     "value_correct": explicit_value / explicit if explicit else 0.0},
        "ms_per_article": 1000 * seconds / articles if articles else 0.0,
        "errors": errors,
    }


def format_report(result: dict[str, Any], errors: int = 0) -> str:
    """A short text report of `evaluate_times`' result, with up to `errors` error lines."""
    s, r = result["strict"], result["relaxed"]
    lines = [
        f"articles {result['articles']}  gold {result['gold']}  predicted {result['predicted']}",
        f"strict   P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}",
        f"relaxed  P {r['precision']:.3f}  R {r['recall']:.3f}  F1 {r['f1']:.3f}",
        f"value accuracy {result['value_accuracy']:.3f} ({result['value_correct']} of matched)  "
        f"type accuracy {result['type_accuracy']:.3f}",
        f"explicit dates {result['explicit']['gold']}: found {result['explicit']['recall']:.3f}, "
        f"right value {result['explicit']['value_correct']:.3f}",
        f"{result['ms_per_article']:.2f} ms per article",
    ]
    for e in result["errors"][:errors]:
        lines.append(f"  {e['id']}: gold {e['gold']!r}={e['gold_value']}  pred {e['pred']!r}={e['pred_value']}")
    return "\n".join(lines)
