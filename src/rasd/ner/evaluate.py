"""Entity-level precision, recall and F1 with conlleval's semantics.

An entity counts as found only when the prediction has the same start, end
and type. Spans are read from BIO tags the way conlleval reads them: a chunk
starts at `B-X`, or at `I-X` after `O` or after another type, and ends before
the next `B-`, `O` or change of type; sentences end every chunk.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class PRF:
    """Counts and the scores derived from them."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "gold": self.tp + self.fn,
            "predicted": self.tp + self.fp,
            "correct": self.tp,
        }


@dataclass(frozen=True)
class Scores:
    """Overall and per-type scores, plus token accuracy (conlleval prints it too)."""

    overall: PRF
    per_type: dict[str, PRF] = field(default_factory=dict)
    tokens: int = 0
    token_accuracy: float = 0.0

    def as_dict(self) -> dict:
        return {
            "overall": self.overall.as_dict(),
            "per_type": {t: s.as_dict() for t, s in sorted(self.per_type.items())},
            "tokens": self.tokens,
            "token_accuracy": round(self.token_accuracy, 4),
        }


def spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """(start, end exclusive, type) of each chunk in one sentence's BIO tags."""
    out: list[tuple[int, int, str]] = []
    start, label = -1, None
    for i, tag in enumerate(tags):
        prefix, kind = (tag[0], tag[2:]) if tag != "O" and len(tag) > 2 and tag[1] == "-" else ("O", None)
        if label is not None and (prefix in ("B", "O") or kind != label):
            out.append((start, i, label))
            label = None
        if prefix != "O" and label is None:
            start, label = i, kind
    if label is not None:
        out.append((start, len(tags), label))
    return out


def entity_scores(gold: Iterable[Sequence[str]], pred: Iterable[Sequence[str]]) -> Scores:
    """Score predicted tag sequences against gold ones, sentence by sentence."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    tokens = same = 0
    for n, (g, p) in enumerate(zip(gold, pred, strict=True)):
        if len(g) != len(p):
            raise ValueError(f"sentence {n + 1}: {len(g)} gold tags but {len(p)} predicted")
        tokens += len(g)
        same += sum(a == b for a, b in zip(g, p, strict=True))
        gs, ps = set(spans(g)), set(spans(p))
        for s in gs & ps:
            tp[s[2]] += 1
        for s in ps - gs:
            fp[s[2]] += 1
        for s in gs - ps:
            fn[s[2]] += 1
    types = set(tp) | set(fp) | set(fn)
    per_type = {t: PRF(tp[t], fp[t], fn[t]) for t in types}
    overall = PRF(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    return Scores(overall, per_type, tokens, same / tokens if tokens else 0.0)


def format_scores(scores: Scores, format: str = "text") -> str:
    """Scores as a conlleval-like table (`text`) or as JSON (`json`)."""
    if format == "json":
        return json.dumps(scores.as_dict(), ensure_ascii=False, indent=2)
    if format != "text":
        raise ValueError(f"unknown format {format!r}; use 'text' or 'json'")
    o = scores.overall
    lines = [
        f"processed {scores.tokens} tokens with {o.tp + o.fn} gold entities; "
        f"found: {o.tp + o.fp}; correct: {o.tp}.",
        f"{'type':<8} {'precision':>9} {'recall':>9} {'F1':>9} {'gold':>7} {'found':>7}",
    ]
    rows = [("overall", o)] + sorted(scores.per_type.items())
    for name, s in rows:
        lines.append(
            f"{name:<8} {100 * s.precision:>9.2f} {100 * s.recall:>9.2f} {100 * s.f1:>9.2f} "
            f"{s.tp + s.fn:>7} {s.tp + s.fp:>7}"
        )
    lines.append(f"token accuracy: {100 * scores.token_accuracy:.2f}%")
    return "\n".join(lines)
