"""Arabic normalization for matching, one character at a time.

Every rule maps one character of the original text to zero or one character,
so a normalized string can always be mapped back to offsets in the original
(`NormalizedText`). What each rule changes:

- alef forms أ إ آ ٱ → ا (hamza on alef is written inconsistently in news);
- alef maqsura ى → ي, ta marbuta ة → ه (both vary with the writer);
- Persian/Urdu letters ک ی ۀ → ك ي ه;
- diacritics (harakat, tanween, shadda, sukun, dagger alef), tatweel, bidi and
  zero-width marks, BOM → removed;
- Arabic presentation forms (ﻋﺪﻥ) → the letters they draw (ligatures of two
  letters stay);
- Arabic-Indic and Persian digits → ASCII digits, Arabic comma/decimal marks
  inside numbers are left to the number parser.

Hamza on waw and ya (ؤ ئ) is kept: it distinguishes words (مسؤول, رئيس).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from functools import lru_cache

import numpy as np

_DELETE = (
    [chr(c) for c in range(0x064B, 0x0660)]  # harakat, tanween, shadda, sukun, ...
    + ["\u0670", "\u0640"]  # dagger alef, tatweel
    + ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\ufeff"]
    + [chr(c) for c in range(0x202A, 0x202F)]  # bidi embeddings and overrides
    + [chr(c) for c in range(0x2066, 0x206A)]  # bidi isolates
    + ["\u06d6", "\u06d7", "\u06d8", "\u06d9", "\u06da", "\u06db", "\u06dc", "\u06df",
       "\u06e0", "\u06e1", "\u06e2", "\u06e3", "\u06e4", "\u06e7", "\u06e8", "\u06ea",
       "\u06eb", "\u06ec", "\u06ed"]  # Quranic annotation marks
)

_REPLACE = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ی": "ي", "ې": "ي", "ے": "ي",
    "ة": "ه", "ۀ": "ه", "ە": "ه",
    "ک": "ك", "ڪ": "ك",
    "\u00a0": " ",
}
_REPLACE.update({chr(0x0660 + i): str(i) for i in range(10)})  # Arabic-Indic digits
_REPLACE.update({chr(0x06F0 + i): str(i) for i in range(10)})  # Persian digits



def _presentation_forms() -> dict[str, str]:
    """Arabic presentation forms (ﻋﺪﻥ, from old encoders and PDFs) → the letters they draw, when that is one letter.

    The lam-alef ligatures (ﻻ) stand for two letters and stay: the one-to-one rule comes first.
    """
    out = {}
    for block in (range(0xFB50, 0xFE00), range(0xFE70, 0xFEFF)):
        for code in block:
            letter = unicodedata.normalize("NFKC", chr(code))
            if len(letter) == 1 and "\u0621" <= letter <= "\u06ff":
                out[chr(code)] = _REPLACE.get(letter, letter)
    return out


_REPLACE.update(_presentation_forms())
_DIGITS = {ord(chr(0x0660 + i)): str(i) for i in range(10)} | {ord(chr(0x06F0 + i)): str(i) for i in range(10)}
_TABLE = {ord(c): None for c in _DELETE} | {ord(k): v for k, v in _REPLACE.items()}
_BULK = 160  # characters from which the numpy path is faster
_LUT_SIZE = 0x10000


def _lookup_tables() -> tuple[np.ndarray, np.ndarray]:
    """`_TABLE` as arrays over the Basic Multilingual Plane: each code point's replacement, and whether it goes."""
    replace = np.arange(_LUT_SIZE, dtype=np.uint32)
    drop = np.zeros(_LUT_SIZE, bool)
    for code, value in _TABLE.items():
        if value is None:
            drop[code] = True
        else:
            replace[code] = ord(value)
    return replace, drop


_LUT, _DROP = _lookup_tables()
_DELETE_RE = re.compile("[" + "".join(re.escape(c) for c in _DELETE) + "]")


def normalize(text: str) -> str:
    """The matching form of `text` (see the module docstring for the rules).

    Long texts go through a numpy lookup table (about six times faster than
    `str.translate` on an article); short ones, where numpy's call costs more, through `str.translate`.
    """
    if len(text) < _BULK:
        return text.translate(_TABLE)
    codes = np.frombuffer(text.encode("utf-32-le"), np.uint32)
    if int(codes.max()) < _LUT_SIZE:
        out, drop = _LUT[codes], _DROP[codes]
    else:  # characters beyond the table (emoji, rare scripts) stay as they are
        inside = codes < _LUT_SIZE
        index = np.where(inside, codes, 0)
        out, drop = np.where(inside, _LUT[index], codes), _DROP[index] & inside
    if drop.any():
        out = out[~drop]
    return out.tobytes().decode("utf-32-le")


def dediacritize(text: str) -> str:
    """Remove diacritics, tatweel and invisible marks only; letters stay as written."""
    return _DELETE_RE.sub("", text)


def to_ascii_digits(text: str) -> str:
    """Arabic-Indic and Persian digits to ASCII; nothing else changes."""
    return text.translate(_DIGITS)


class NormalizedText:
    """`normalize(text)` together with the map back to original offsets.

    Search in `.norm`, then turn a hit's offsets into the original's with
    `to_original(start, end)`. Only the deleted characters are recorded, so
    building one costs a regex scan, not a pass in Python over every character.
    """

    __slots__ = ("text", "norm", "_deleted", "_shifted")

    def __init__(self, text: str) -> None:
        self.text = text
        self.norm = normalize(text)
        self._deleted = [m.start() for m in _DELETE_RE.finditer(text)] if len(self.norm) != len(text) else []
        # the normalized offset at which each deletion happens
        self._shifted = [d - j for j, d in enumerate(self._deleted)]

    def _orig(self, i: int) -> int:
        return i + bisect_right(self._shifted, i)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original offsets of the normalized slice `norm[start:end]`."""
        if not self._deleted:
            return start, end
        if start >= len(self.norm):
            return len(self.text), len(self.text)
        o_start = self._orig(start)
        o_end = self._orig(end - 1) + 1 if end > start else o_start
        # keep trailing deleted marks (diacritics) that belong to the last letter
        while o_end < len(self.text) and _TABLE.get(ord(self.text[o_end]), "") is None:
            o_end += 1
        return o_start, o_end

    def slices(self, spans: list[tuple[int, int]]) -> list[str]:
        """`normalize(text[start:end])` for each of the (sorted, disjoint) original spans, cut from `.norm`.

        One rule maps one character to at most one, so a span's normalized form
        lies between the counts of deletions before its start and before its end.
        """
        norm, deleted = self.norm, self._deleted
        if not deleted:
            return [norm[s:e] for s, e in spans]
        out = []
        k = 0  # deletions before the current position
        n = len(deleted)
        for s, e in spans:
            while k < n and deleted[k] < s:
                k += 1
            k_end = k
            while k_end < n and deleted[k_end] < e:
                k_end += 1
            out.append(norm[s - k : e - k_end])
            k = k_end
        return out

    def to_normalized(self, offset: int) -> int:
        """Normalized offset of original `offset` (first kept char at or after it)."""
        return offset - bisect_left(self._deleted, offset)


@lru_cache(maxsize=512)
def normalized_text(text: str) -> NormalizedText:
    """`NormalizedText(text)`, shared: the text stage and the time rules both read a document's normalized form.

    Room for a whole batch of `Pipeline.pipe`: the time stage runs after the
    text stage has been over all of it.
    """
    return NormalizedText(text)
