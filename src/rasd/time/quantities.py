"""Quantities: counts, ordinals, percentages and sums of money, with what they count.

A quantity's span is the number itself, with its clitics (بعشر), scale words
(خمسة عشر ألفا, 3 ملايين) and percent mark (30%, 30 في المئة); the counted
noun or currency is its `unit` and stays outside the span, as in the document
schema. Digits inside spans the caller excludes (dates and years already
found) are skipped, and so are numbers that are names rather than amounts:
model designators (إس - 300), "رقم 5", and a lone year-like 4-digit number.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

from rasd.document import Quantity
from rasd.time.lexicon import FUNCTION_SET
from rasd.time.numbers import read_number, read_ordinal, whole
from rasd.time.scan import Scan, scan

_PERCENT_SIGNS = {"%", "٪"}
_PERCENT_WORDS = {"بالمئه", "بالمائه"}
_HUNDRED_WORDS = {"المئه", "المائه"}
_DASHES = {"-", "–", "—"}
_NOT_COUNTED_ONE = {"ان", "وقت", "حد", "صوت"}  # في آن واحد, في وقت واحد, على حد سواء ...


def find_quantities(text: str, exclude: Iterable[tuple[int, int]] = ()) -> list[Quantity]:
    """Quantities of `text`, sorted and non-overlapping, none overlapping an `exclude` span."""
    sc = scan(text)
    spans = sorted(exclude)
    starts = [s for s, _ in spans]
    out: list[Quantity] = []
    done = 0
    for i in sc.number_anchors:
        if i < done:
            continue
        found = _quantity_at(sc, i)
        if found is None:
            continue
        end, value, unit, kind, first = found
        done = end
        start, stop = sc.span(first, end - 1)
        if not _overlaps(spans, starts, start, stop):
            out.append(Quantity(start, stop, text[start:stop], value, unit, kind))
    return out


def _overlaps(spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    k = bisect_right(starts, end - 1)
    return any(spans[m][1] > start for m in range(max(0, k - 3), k))


def _quantity_at(sc: Scan, i: int) -> tuple[int, int | float, str | None, str, int] | None:
    """(index after, value, unit, kind, first token) of a quantity starting at token `i`."""
    word = sc.words[i]
    first = i
    percent_before = word in _PERCENT_SIGNS and sc.is_digits(i + 1) and sc.glued(i + 1)
    if percent_before:
        i += 1
        word = sc.words[i]
    if sc.is_digits(i):
        if ":" in word or "/" in word or _is_designator(sc, i):
            return None
        number = read_number(sc, i)
    elif sc.get(i, "FRAC") is not None and sc.get(i + 1, "SCALE") is not None:
        frac, scale = sc.get(i, "FRAC")[0], sc.get(i + 1, "SCALE")[0][0]
        number = (whole(frac * scale), i + 2)
    elif sc.get(i, "NUM") is not None or sc.get(i, "SCALE") is not None:
        number = read_number(sc, i)
    elif sc.get(i, "ORD") is not None:
        ordinal = read_ordinal(sc, i)
        return (ordinal[1], ordinal[0], None, "ordinal", i) if ordinal else None
    else:
        return None
    if number is None:
        return None
    value, j = number
    if percent_before:
        return j, value, "%", "percent", first
    if sc.word(j) in _PERCENT_SIGNS:
        return j + 1, value, "%", "percent", first
    if sc.word(j) in _PERCENT_WORDS:
        return j + 1, value, "%", "percent", first
    if sc.word(j) == "في" and sc.word(j + 1) in _HUNDRED_WORDS:
        return j + 2, value, "%", "percent", first
    currency = sc.get(j, "CURRENCY")
    if currency is not None:
        return j, value, currency[0], "money", first
    if j == i + 1 and sc.lex[i].get("NUM") and sc.lex[i]["NUM"][0][1] == "one":
        return _counted_one(sc, i, value)
    unit = _counted_noun(sc, j)
    if unit is None and isinstance(value, int) and 1900 <= value <= 2100 and j == i + 1:
        return None  # most likely a year the time rules did not claim
    return j, value, unit, "count", first


def _is_designator(sc: Scan, i: int) -> bool:
    """A number that names rather than counts: إس - 300, إف-16, رقم 5, or a day or year beside a month name."""
    before = sc.word(i - 1)
    if before in _DASHES and i >= 2 and sc.words[i - 2][0].isalpha() and len(sc.words[i - 2]) <= 4:
        return True
    return before in ("رقم", "برقم") or any(
        sc.get(k, cat) is not None for k in (i - 1, i + 1) for cat in ("MONTH", "HMONTH", "MONTH2", "HMONTH2"))


def _counted_one(sc: Scan, i: int, value: int | float) -> tuple[int, int | float, str | None, str, int] | None:
    """واحد counts only after the noun it counts (جندي واحد); alone it is a pronoun (واحد من أبرز ...)."""
    noun = sc.word(i - 1)
    if not noun or not noun[0].isalpha() or noun in FUNCTION_SET or noun in _NOT_COUNTED_ONE or sc.lex[i - 1]:
        return None
    return i + 1, value, _surface(sc, i - 1), "count", i


def _counted_noun(sc: Scan, j: int) -> str | None:
    """The noun a number counts, as written: 15000 جندي, أكثر من 30 موضوعا, بعشر من منظومات."""
    word = sc.word(j)
    if word == "من" and _content_word(sc, j + 1):
        return _surface(sc, j + 1)
    if _content_word(sc, j) and not word.startswith("ال"):
        return _surface(sc, j)
    return None


def _content_word(sc: Scan, j: int) -> bool:
    word = sc.word(j)
    return bool(word) and word[0].isalpha() and word not in FUNCTION_SET and len(word) > 1


def _surface(sc: Scan, j: int) -> str:
    start, end = sc.span(j, j)
    return sc.text[start:end]
