"""The `rasd tag` and `rasd eval ner` commands, minus argument parsing (the CLI's job)."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import groupby
from pathlib import Path
from typing import TextIO

from rasd.ner.conll import Sentence, iter_conll, read_conll, write_tagged
from rasd.ner.evaluate import Scores, entity_scores, format_scores
from rasd.ner.tagger import load_tagger

# Sentences taken as one document when the input does not mark documents.
BATCH = 500
# Tokens tagged in one go (several documents): numpy's per-call costs are shared, memory stays flat.
CHUNK_TOKENS = 50_000


def run_tag(in_stream: TextIO, out_stream: TextIO, name: str | None = None) -> None:
    """Tag CoNLL-style input (one token per line, first column) and write `token<TAB>tag` lines.

    Each document's sentences are tagged together (`-DOCSTART-` lines
    separate documents; input without them is read in batches of BATCH
    sentences, each taken as a document). Raises `rasd.errors.InputError` on
    unreadable input.
    """
    tagger = load_tagger()
    for chunk in _chunks(_batches(iter_conll(in_stream, name=name))):
        documents = [[s.tokens for s in batch] for batch in chunk]
        for tokens, tags in zip(documents, tagger.tag_documents(documents), strict=True):
            write_tagged(out_stream, zip(tokens, tags, strict=True))


def run_eval(gold_path: str | Path, out_stream: TextIO, format: str = "text") -> Scores:
    """Tag the tokens of a gold CoNLL file and write entity-level scores against its tags."""
    if format not in ("text", "json"):
        raise ValueError(f"unknown format {format!r}; use 'text' or 'json'")
    gold = read_conll(gold_path, require_tags=True)
    tagger = load_tagger()
    pred: list[list[str]] = []
    for chunk in _chunks(_batches(iter(gold))):
        for tags in tagger.tag_documents([[s.tokens for s in batch] for batch in chunk]):
            pred.extend(tags)
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


def _chunks(batches: Iterator[list[Sentence]]) -> Iterator[list[list[Sentence]]]:
    """Consecutive batches of about CHUNK_TOKENS tokens in all."""
    chunk: list[list[Sentence]] = []
    size = 0
    for batch in batches:
        chunk.append(batch)
        size += sum(len(s.tokens) for s in batch)
        if size >= CHUNK_TOKENS:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk
