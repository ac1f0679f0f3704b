"""The `summarize` stage: a short extractive summary and keywords.

News puts the essentials first, so a sentence's score is its position plus
how many named entities and frequent content words it carries. Keywords are
the most mentioned entities, then the most frequent content words, in
article-stripped form.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from functools import lru_cache
from operator import attrgetter

from rasd.document import Document, Token
from rasd.ner.rules import STOP
from rasd.text import strip_article

SUMMARY_SENTENCES = 3
KEYWORDS = 10
_MIN_SENTENCE_TOKENS = 6


@lru_cache(maxsize=1 << 16)
def _content_stem(norm: str) -> str | None:
    """The article-stripped form of a content word (long, alphabetic, not a stop word); None for others."""
    return strip_article(norm) if len(norm) > 3 and norm not in STOP and norm.isalpha() else None


def _surface(token: Token, stem: str) -> str:
    """`stem` as the token writes it (article stripped), when normalization kept the token's length."""
    return token.text[len(token.text) - len(stem) :] if len(token.text) == len(token.norm) else stem


_start = attrgetter("start")
_norm = attrgetter("norm")


def summarize(doc: Document) -> None:
    """Fill `doc.summary` (sentences in article order) and `doc.keywords`."""
    body = [i for i, s in enumerate(doc.sentences) if s.start >= doc.body_start] or list(range(len(doc.sentences)))
    body_start = doc.body_start
    first = bisect_left(doc.tokens, body_start, key=_start)
    # per token: its content-word stem, or None (the title's tokens count for nothing)
    stems: list[str | None] = [None] * first + list(map(_content_stem, map(_norm, doc.tokens[first:])))
    words = Counter(stems)
    del words[None]
    frequent = {stem for stem, count in words.items() if count > 1}
    mention_starts = Counter(doc.sentence_index(m.start) for m in doc.mentions)
    scored = []
    for rank, i in enumerate(body):
        sent = doc.sentences[i]
        n_tokens = sent.token_end - sent.token_start
        if n_tokens < _MIN_SENTENCE_TOKENS:
            continue
        content = sum(map(frequent.__contains__, stems[sent.token_start : sent.token_end]))
        score = 2.0 / (1 + rank) + (mention_starts[i] + content / 4) / n_tokens ** 0.5
        scored.append((score, i))
    best = sorted(i for _, i in sorted(scored, reverse=True)[:SUMMARY_SENTENCES])
    doc.summary = [doc.text[doc.sentences[i].start : doc.sentences[i].end] for i in best]

    keywords: list[str] = []
    for entity in sorted(doc.entities, key=lambda e: -len(e.mentions)):
        if len(keywords) >= KEYWORDS // 2:
            break
        keywords.append(entity.name_ar)
    seen = {strip_article(k) for k in keywords}
    for word, _count in words.most_common():
        if len(keywords) >= KEYWORDS:
            break
        if word not in seen:
            keywords.append(_surface(doc.tokens[stems.index(word)], word))
            seen.add(word)
    doc.keywords = keywords
