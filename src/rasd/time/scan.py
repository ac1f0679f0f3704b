"""One pass over a text that both time and quantity rules read: normalized tokens and their lexicon readings.

The text is normalized once (rasd.text.NormalizedText), cut into tokens on the
normalized string, and each token is looked up in the lexicon. Rules then work
on token indices and map hits back to original offsets. A small cache lets
`find_quantities` reuse the scan `find_times` made of the same text.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import repeat
from typing import Any

from rasd.text import NormalizedText, normalized_text
from rasd.time.lexicon import LEXICON, NUMBER_OPENERS, TIME_OPENERS

# A number with its separators (15,000  3.5  14:30  2015/08/04), a run of letters, or one other character.
# Arabic and Latin letters are spelled out because the explicit class is faster than [^\W\d_] alone.
_TOKEN_RE = re.compile(r"\d+(?:[.,:/٫٬]\d+)*|[\u0621-\u064a\u0671-\u06d3a-zA-Z]+|[^\W\d_]+|\S")
_ANCHOR_CHARS = frozenset("0123456789%٪")
_EMPTY: dict[str, tuple[Any, int]] = {}


class Scan:
    """Tokens of a text: normalized words, their lexicon readings, and which of them can open an expression.

    Token offsets are found only when a rule asks for them (`span`, `glued`):
    a second regex pass then costs less than keeping a match object per token.
    """

    __slots__ = ("text", "nt", "words", "lex", "n", "anchors", "number_anchors", "_spans")

    def __init__(self, text: str) -> None:
        self.text = text
        self.nt: NormalizedText = normalized_text(text)
        self.words: list[str] = _TOKEN_RE.findall(self.nt.norm)
        self.n = len(self.words)
        self.lex = list(map(LEXICON.get, self.words, repeat(_EMPTY, self.n)))
        # tokens where a time expression (anchors) or a number (number_anchors) may start
        words = self.words
        openers = [i for i, w in enumerate(words) if w in _OPENERS or w[0] in _ANCHOR_CHARS]
        self.anchors = [i for i in openers if words[i] in TIME_OPENERS or words[i][0] in _ANCHOR_CHARS]
        self.number_anchors = [i for i in openers if words[i] in NUMBER_OPENERS or words[i][0] in _ANCHOR_CHARS]
        self._spans: list[tuple[int, int]] | None = None

    def word(self, i: int) -> str:
        """The normalized word at `i`, or "" past the end."""
        return self.words[i] if 0 <= i < self.n else ""

    def get(self, i: int, category: str) -> tuple[Any, int] | None:
        """(value, proclitic length) of token `i` read as `category`, if it can be."""
        return self.lex[i].get(category) if 0 <= i < self.n else None

    def is_digits(self, i: int) -> bool:
        return 0 <= i < self.n and self.words[i][0].isdigit()

    def glued(self, i: int) -> bool:
        """Whether token `i` follows token `i - 1` with no space between."""
        return 0 < i < self.n and self._offsets()[i][0] == self._offsets()[i - 1][1]

    def span(self, first: int, last: int, lead: int = 0) -> tuple[int, int]:
        """Original offsets of tokens first..last (inclusive), skipping `lead` proclitic characters."""
        spans = self._offsets()
        return self.nt.to_original(spans[first][0] + lead, spans[last][1])

    def _offsets(self) -> list[tuple[int, int]]:
        """(start, end) of each token in the normalized text."""
        if self._spans is None:
            self._spans = list(map(_span, _TOKEN_RE.finditer(self.nt.norm)))
        return self._spans


_span = re.Match.span
_OPENERS = TIME_OPENERS | NUMBER_OPENERS


@lru_cache(maxsize=8)
def scan(text: str) -> Scan:
    return Scan(text)
