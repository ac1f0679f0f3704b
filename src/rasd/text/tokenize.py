"""Tokenization and clitic handling.

Tokens follow ANERcorp's convention: a word keeps its attached clitics
(وبروسيا is one token), punctuation stands alone, a number with its
separators is one token. Matching code asks `clitic_splits` for the stems a
token may carry, so that بروسيا, لروسيا, وروسيا all reach روسيا.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rasd.document import Token
from rasd.text.normalize import NormalizedText

# Letters (any script), digits with internal separators, or one other symbol.
_TOKEN_RE = re.compile(
    r"[0-9\u0660-\u0669\u06F0-\u06F9]+(?:[.,٫٬][0-9\u0660-\u0669\u06F0-\u06F9]+)*"
    r"|[^\W\d_]+(?:[\u064B-\u065F\u0670\u0640\u200c\u200d]+[^\W\d_]*)*"
    r"|[^\s]",
)

# Proclitic conjunctions, prepositions and the article, in the order they attach.
_CONJ = ("و", "ف")
_PREP = ("ب", "ل", "ك")


def tokenize(text: str, offset: int = 0, normalized: NormalizedText | None = None) -> list[Token]:
    """Split `text` into tokens whose offsets are relative to `offset`.

    `normalized`, when the caller has it, is the whole document's normalized
    text, of which `text` is the slice at `offset`: token norms are cut from it.
    """
    spans = list(map(_span, _TOKEN_RE.finditer(text)))
    if normalized is None:
        norms = NormalizedText(text).slices(spans)
    else:
        norms = normalized.slices([(s + offset, e + offset) for s, e in spans] if offset else spans)
    texts = [text[s:e] for s, e in spans]
    starts = [s + offset for s, _e in spans]
    ends = [e + offset for _s, e in spans]
    return list(map(Token, starts, ends, texts, norms))  # faster than building each in a comprehension


_span = re.Match.span


@lru_cache(maxsize=1 << 17)
def clitic_splits(norm: str) -> tuple[tuple[str, str], ...]:
    """(proclitics, stem) pairs a normalized word may be read as, longest stem first.

    Only splits that leave at least two letters are given. `لل` is read as
    ل + ال (للرئيس → ل + الرئيس, also offered as رئيس). The caller decides which
    stem exists in its lexicon, so over-splitting does no harm. Cached: word
    types repeat, and every stage asks.
    """
    out = [("", norm)]
    seen = {norm}

    def add(prefix: str, stem: str) -> None:
        if len(stem) >= 2 and stem not in seen:
            seen.add(stem)
            out.append((prefix, stem))

    heads = [("", norm)]
    if norm[:1] in _CONJ:
        heads.append((norm[0], norm[1:]))
    for prefix, rest in list(heads):
        if rest[:1] in _PREP:
            if rest.startswith("لل"):
                heads.append((prefix + "ل", "ا" + rest[1:]))  # للرئيس → الرئيس
            else:
                heads.append((prefix + rest[0], rest[1:]))
    for prefix, rest in heads:
        add(prefix, rest)
        if rest.startswith("ال"):
            add(prefix + "ال", rest[2:])
    return tuple(out)


@lru_cache(maxsize=1 << 17)
def strip_article(norm: str) -> str:
    """`norm` without a leading definite article (and conjunction/preposition before it)."""
    for prefix, stem in clitic_splits(norm):
        if prefix.endswith("ال"):
            return stem
    return norm
