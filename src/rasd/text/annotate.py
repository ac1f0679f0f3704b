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
    nt = normalized_text(doc.text)
    same_length = len(nt.norm) == len(doc.text)  # no character deleted: token norms are slices of the document's
    for start, end in split_sentences(doc.text):
        first = len(doc.tokens)
        doc.tokens.extend(tokenize(doc.text[start:end], start, nt.norm[start:end] if same_length else None))
        doc.sentences.append(Sentence(start, end, first, len(doc.tokens)))
