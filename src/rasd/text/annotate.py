"""The `text` stage: sentences and tokens for the whole document."""

from __future__ import annotations

from rasd.document import Document, Sentence
from rasd.text.normalize import normalized_text
from rasd.text.sentences import split_sentences
from rasd.text.tokenize import tokenize


def annotate_text(doc: Document) -> None:
    """Fill `doc.sentences` and `doc.tokens`; each sentence knows its token range.

    The document is tokenized in one go and the tokens dealt out to the
    sentences: sentence ends fall between tokens (after punctuation, which is
    a token of its own, or at a line break), so no token straddles two.
    """
    # the normalized form is cached: later stages share it
    doc.tokens[:] = tokens = tokenize(doc.text, 0, normalized_text(doc.text))
    doc.sentences.clear()
    i, n = 0, len(tokens)
    for start, end in split_sentences(doc.text):
        while i < n and tokens[i].start < start:  # none expected: sentences cover every token
            i += 1
        first = i
        while i < n and tokens[i].end <= end:
            i += 1
        doc.sentences.append(Sentence(start, end, first, i))
