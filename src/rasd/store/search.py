"""Arabic-aware search terms, shared by both backends.

A word of the text is indexed under its normalized form and every
clitic-stripped reading (rasd.text.clitic_splits), so that a query word
matches it whatever conjunction, preposition or article is attached:
روسيا finds وبروسيا, and hamza, ta marbuta and diacritics never hide a match
because both sides are normalized. A query word must be the whole word or one
of its readings: الرئيس finds والرئيس and للرئيس; رئيس finds all of them.

Queries are words (all must occur) and "quoted phrases" (words in a row).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from rasd.errors import InputError
from rasd.text import clitic_splits, tokenize

_QUERY_RE = re.compile(r'"([^"]*)"|(\S+)')
_LINE_RE = re.compile(r"[^\n]+")
SNIPPET_CHARS = 80


def words(text: str) -> list[str]:
    """The matching forms of the words of `text`, punctuation left out (what search and MinHash see)."""
    return [t.norm.lower() for t in tokenize(text) if t.text[0].isalnum() and t.norm]  # a lone tatweel is no word


@lru_cache(maxsize=500_000)
def readings(word: str) -> tuple[str, ...]:
    """A word's matching form and its clitic-stripped readings, whole form first."""
    return tuple(stem for _, stem in clitic_splits(word))


def word_readings(text: str) -> list[tuple[str, ...]]:
    return [readings(w) for w in words(text)]


def parse_query(query: str) -> list[list[str]]:
    """Phrases to find: each a list of matching-form words (a lone word is a one-word phrase)."""
    groups = []
    for m in _QUERY_RE.finditer(query):
        found = words(m.group(1) if m.group(1) is not None else m.group(2))
        if m.group(1) is not None and found:
            groups.append(found)
        else:
            groups.extend([w] for w in found)
    if not groups:
        raise InputError("search", "the query has no words to look for")
    return groups


def _phrase_at(forms: list[tuple[str, ...]], i: int, phrase: Sequence[str]) -> bool:
    return i + len(phrase) <= len(forms) and all(w in forms[i + j] for j, w in enumerate(phrase))


def matches(text: str, groups: list[list[str]]) -> bool:
    """Whether every phrase occurs in `text` (exact check behind an approximate index)."""
    forms = word_readings(text)
    return all(any(_phrase_at(forms, i, g) for i in range(len(forms))) for g in groups)


def snippet(text: str, groups: list[list[str]]) -> str:
    """A short stretch of `text` around the first word that matches the query."""
    wanted = {w for g in groups for w in g}
    hit = None
    for line in _LINE_RE.finditer(text):  # line by line: most hits are in the title or the lead
        hit = next((t for t in tokenize(line.group(), line.start()) if t.text[0].isalnum()
                    and wanted.intersection(readings(t.norm.lower()))), None)
        if hit:
            break
    start = max(0, hit.start - SNIPPET_CHARS) if hit else 0
    end = min(len(text), (hit.end if hit else 0) + SNIPPET_CHARS)
    body = " ".join(text[start:end].split())
    return ("…" if start else "") + body + ("…" if end < len(text) else "")
