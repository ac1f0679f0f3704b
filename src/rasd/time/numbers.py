"""Numbers written in digits or in words, read from a `Scan`.

Arabic writes compound numbers units before tens (خمسة وعشرون), joins parts
with و, and puts the scale after the count (خمسة عشر ألفا, 3 ملايين, ملياري):
`read_number` follows those rules and stops at the first word that does not
continue the number, so "ثلاثة وأربعة" stays two numbers.
"""

from __future__ import annotations

import re

from rasd.time.scan import Scan

_THOUSANDS_RE = re.compile(r"\d{1,3}(?:[,٬]\d{3})+")
_DOT_THOUSANDS_RE = re.compile(r"\d{1,3}(?:\.\d{3}){2,}|\d{1,3}\.000")
_NUMBER_RE = re.compile(r"\d+(?:[.,٫٬]\d+)*")


def digits_value(word: str) -> int | float | None:
    """The value of a digit token: 15,000 and 15٬000 are thousands, 3.5, 3,5 and 3٫5 decimals."""
    if not _NUMBER_RE.fullmatch(word):
        return None
    if _THOUSANDS_RE.fullmatch(word) or _DOT_THOUSANDS_RE.fullmatch(word):
        return int(re.sub(r"[^\d]", "", word))
    parts = re.split(r"[.,٫٬]", word)
    if len(parts) > 2:
        return None
    return int(parts[0]) if len(parts) == 1 else float(f"{parts[0]}.{parts[1]}")


def whole(value: float) -> int | float:
    """`value` as an int when it has no fraction (1.5e6 -> 1500000)."""
    return int(value) if float(value).is_integer() else value


def read_number(sc: Scan, i: int) -> tuple[int | float, int] | None:
    """(value, index after the number) for a number starting at token `i`, in digits or words."""
    if i >= sc.n:
        return None
    if sc.is_digits(i):
        value = digits_value(sc.words[i])
        if value is None:
            return None
        return _scale_tail(sc, i + 1, value, 0)
    return _read_words(sc, i)


def _scale_tail(sc: Scan, j: int, count: float, total: float) -> tuple[int | float, int]:
    """Apply a scale word after `count` (3 ملايين, 2.5 مليار) and a following ونصف."""
    scale = sc.get(j, "SCALE")
    if scale is not None and scale[1] == 0:
        total += count * scale[0][0]
        j += 1
        frac = sc.get(j, "FRAC")
        if frac is not None and frac[1] == 1 and sc.words[j][0] == "و":
            total += frac[0] * scale[0][0]
            j += 1
        return whole(total), j
    return whole(total + count), j


def _read_words(sc: Scan, i: int) -> tuple[int | float, int] | None:
    total = 0.0
    current = 0.0
    last = ""  # class of the last word read
    scale_seen = 0  # the smallest scale applied so far
    plen0 = next((r[1] for r in sc.lex[i].values()), 0)
    j = i
    while j < sc.n:
        num = sc.get(j, "NUM")
        scale = sc.get(j, "SCALE")
        frac = sc.get(j, "FRAC")
        joined = j > i and (num or scale or frac) and sc.words[j][0] == "و"
        plen = (num or scale or frac or (None, 0))[1]
        if j > i and plen and not joined:
            break  # a new number with its own preposition (بخمسة)
        if j > i and not joined and num is None and scale is None:
            break
        if num is not None:
            value, cls = num[0]
            if j == i:
                current, last = value, cls
            elif not joined and cls == "ten" and last in ("one", "two", "unit") and current < 10:
                current, last = current + 10, "teen"
            elif not joined and cls == "hundred" and value == 100 and last == "unit":
                current, last = current * 100, "hundred"
            elif joined and cls == "tens" and last in ("one", "two", "unit") and current < 10:
                current, last = current + value, "tens"
            elif joined and last == "hundred" and cls in ("one", "two", "unit", "ten", "tens") and current % 100 == 0:
                current, last = current + value, cls
            elif joined and last == "scale" and value < scale_seen:
                current, last = value, cls
            else:
                break
        elif scale is not None:
            (mult, count), _ = scale
            if j == i or (joined and last == "scale" and mult < scale_seen):
                if count == 0:
                    break  # آلاف alone counts nothing exact
                total += count * mult
            elif not joined and last in ("one", "two", "unit", "ten", "teen", "tens", "hundred") and current:
                total += current * mult
                current = 0
            else:
                break
            last, scale_seen = "scale", mult
        elif frac is not None and joined and last == "scale":
            total += frac[0] * scale_seen
            last = "frac"
            j += 1
            break
        else:
            break
        j += 1
    if j == i or (j == i + 1 and sc.words[i][plen0:] in _ONLY_IN_TEENS):
        return None
    return whole(total + current), j


_ONLY_IN_TEENS = {"احد", "احدي", "اثنا", "اثني", "اثنتا", "اثنتي"}


def read_ordinal(sc: Scan, i: int) -> tuple[int, int] | None:
    """(value, index after) for an ordinal with the article: الخامس, الخامس عشر, الحادي والعشرين."""
    ordinal = sc.get(i, "ORD")
    if ordinal is None:
        return None
    value, cls = ordinal[0]
    j = i + 1
    nxt = sc.get(j, "NUM")
    if cls == "unit" and nxt is not None and nxt[0][1] == "ten" and nxt[1] == 0:
        return value + 10, j + 1
    tens = sc.get(j, "ORD")
    if cls == "unit" and tens is not None and tens[0][1] == "tens" and sc.words[j].startswith("وال"):
        return value + tens[0][0], j + 1
    if sc.words[i] in ("الحادي", "الحاديه"):
        return None  # only in compounds
    return value, j
