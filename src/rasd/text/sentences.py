"""Sentence splitting for Arabic news.

A sentence ends at . ! ? ؟ (or a run of them, with closing quotes or brackets
that follow) and at every line break (paragraphs). It does not end inside brackets or
quotes, after a one-letter abbreviation (د. أ. م.), between digits (3.5), or
after a known abbreviation such as "ص." or "ق.م".
"""

from __future__ import annotations

import re

_ENDERS = ".!?؟…"
_OPENERS = {"(": ")", "[": "]", "«": "»", "{": "}", "“": "”"}
_CLOSERS = set(_OPENERS.values()) | {'"', "'"}
_ABBREVIATIONS = {"د", "أ", "م", "ص", "ق", "ه", "هـ", "ج", "ش", "س", "ت", "ك", "ط", "ب", "ح", "ع"}
_WORD_BEFORE_RE = re.compile(r"(\w+)\s*$")
_SIGNIFICANT_RE = re.compile("[\n" + re.escape(_ENDERS + "".join(_OPENERS) + "".join(_CLOSERS)) + "]")


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences in `text[start:end]`, whitespace trimmed.

    The scan jumps from one character that matters (line break, bracket,
    quote, sentence ender) to the next with a regex, so plain letters cost nothing.
    """
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    depth: list[str] = []
    sent_start = start
    i = start
    while (m := _SIGNIFICANT_RE.search(text, i, end)) is not None:
        i = m.start()
        ch = text[i]
        if ch == "\n":  # a line break in news text is a paragraph break
            _add(text, spans, sent_start, i)
            sent_start = i + 1
            depth.clear()
        elif ch in _OPENERS:
            depth.append(_OPENERS[ch])
        elif depth and ch == depth[-1]:
            depth.pop()
        elif ch in _ENDERS and not depth and _ends_sentence(text, i, end):
            j = i + 1
            while j < end and (text[j] in _ENDERS or text[j] in _CLOSERS):
                j += 1
            _add(text, spans, sent_start, j)
            sent_start = j
            i = j
            continue
        if len(depth) > 8:  # unbalanced brackets: stop trusting them
            depth.clear()
        i += 1
    _add(text, spans, sent_start, end)
    return spans


def _ends_sentence(text: str, i: int, end: int) -> bool:
    ch = text[i]
    nxt = text[i + 1] if i + 1 < end else ""
    if ch in ".," and nxt.isdigit() and i > 0 and text[i - 1].isdigit():
        return False  # 3.5
    if ch == ".":
        m = _WORD_BEFORE_RE.search(text, max(0, i - 12), i)
        if m and m.group(1) in _ABBREVIATIONS:
            return False
        if nxt and not nxt.isspace() and nxt not in _CLOSERS and nxt not in _ENDERS:
            return False  # e.g. a.b, www.site.com
    return True


def _add(text: str, spans: list[tuple[int, int]], s: int, e: int) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        spans.append((s, e))
