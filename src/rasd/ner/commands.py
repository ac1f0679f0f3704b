"""The `rasd tag` and `rasd eval ner` commands, minus argument parsing (the CLI's job)."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby
from pathlib import Path
from typing import TextIO

from rasd.ner.conll import Sentence, iter_conll, read_conll, write_tagged
from rasd.ner.evaluate import Scores, entity_scores, format_scores
from rasd.ner.tagger import load_tagger

# Sentences tagged together: one document's worth, so that memory stays flat on long input.
BATCH = 500


def run_tag(in_stream: TextIO, out_stream: TextIO, name: str | None = None) -> None:
    """Tag CoNLL-style input (one token per line, first column) and write `token<TAB>tag` lines.

    Sentences are tagged a document at a time (`-DOCSTART-` lines separate
    documents; input without them is read in batches of BATCH sentences).
    Raises `rasd.errors.InputError` on unreadable input.
    """
    tagger = load_tagger()
    for batch in _batches(iter_conll(in_stream, name=name)):
        tokens = [s.tokens for s in batch]
        write_tagged(out_stream, zip(tokens, tagger.tag_many(tokens), strict=True))


def run_eval(gold_path: str | Path, out_stream: TextIO, format: str = "text") -> Scores:
    """Tag the tokens of a gold CoNLL file and write entity-level scores against its tags."""
    if format not in ("text", "json"):
        raise ValueError(f"unknown format {format!r}; use 'text' or 'json'")
    gold = read_conll(gold_path, require_tags=True)
    tagger = load_tagger()
    pred: list[list[str]] = []
    for batch in _batches(iter(gold)):
        pred.extend(tagger.tag_many([s.tokens for s in batch]))
    scores = entity_scores([s.tags or [] for s in gold], pred)
    out_stream.write(format_scores(scores, format) + "\n")
    return scores


def _batches(sentences: Iterator[Sentence]) -> Iterator[list[Sentence]]:
    """Consecutive sentences of one document, at most BATCH at a time."""
    for _doc, group in groupby(sentences, key=lambda s: s.doc):
        batch: list[Sentence] = []
        for s in group:
            batch.append(s)
            if len(batch) == BATCH:
                yield batch
                batch = []
        if batch:
            yield batch
