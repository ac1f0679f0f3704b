"""The `text` stage: sentences and tokens for the whole document."""

from __future__ import annotations

from rasd.document import Document, Sentence
from rasd.text.normalize import normalized_text
from rasd.text.sentences import split_sentences
from rasd.text.tokenize import tokenize


def annotate_text(doc: Document) -> None:
    """Fill `doc.sentences` and `doc.tokens`; each sentence knows its token range."""
    doc.sentences.clear()
    doc.tokens.clear()
    normalized = normalized_text(doc.text)  # shared with later stages
    for start, end in split_sentences(doc.text):
        first = len(doc.tokens)
        doc.tokens.extend(tokenize(doc.text[start:end], start, normalized))
        doc.sentences.append(Sentence(start, end, first, len(doc.tokens)))
