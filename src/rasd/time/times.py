"""Time expressions in Arabic news, with TIMEX3 values resolved against the publication date.

A small grammar over the tokens of one `Scan`: at each token that can open a
time expression (a month name, a number, أمس, الأسبوع, قبل, الساعة, ...) the
rules for that kind of token run, the longest reading wins, and scanning goes
on after it, so the result is sorted and never overlaps. Dates joined by
من ... إلى / بين ... و / a dash become one range (`2011/2012`).

Conventions (also those of the dev set in dev/time/):
- spans leave out the conjunction or preposition glued to the first word
  (وأمس -> أمس, لعام 2015 -> عام 2015) and the prepositions في/منذ/خلال/لمدة;
  قبل and بعد are kept when they make a date of a duration (قبل ثلاثة أيام);
- `mod` (when TimeExpr has the field) is TIMEX3's START/MID/END for مطلع,
  منتصف, نهاية ... and APPROX/MORE_THAN/LESS_THAN for نحو, أكثر من, أقل من;
- a Hijri date keeps its Hijri value in `hijri` (1436-09-05, 1436-09, 1436);
  its `value` is the Gregorian day, or the interval of days a Hijri month or
  year covers (`2015-06-18/2015-07-16`);
- vague references are PRESENT_REF / PAST_REF / FUTURE_REF (الآن, مؤخرا,
  الأيام المقبلة); a duration with no number is `PXY`, `PXD` (منذ سنوات);
- a 4-digit year between 1300 and 1500 is read as Hijri (Saudi papers write
  لعام 1436 without هـ); a bare 4-digit number is a year only after a
  preposition, with an era mark, or in a range;
- العيد alone is the Eid (al-Fitr or al-Adha) within a month of publication;
- when the text names the weekday of اليوم or أمس and it contradicts the
  publication date (crawled news is often dated a day or more late), the
  reference date moves to the day the writer meant (`_corrected_publication`).
See rasd.time.resolve for how month names and weekdays without a year are placed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from rasd.document import TimeExpr
from rasd.time import resolve as R
from rasd.time.lexicon import LEXICON, MEDIUM, STRONG
from rasd.time.numbers import digits_value, read_number, read_ordinal
from rasd.time.scan import Scan, scan

_MOD_FIELD = "mod" in TimeExpr.__dataclass_fields__
_DASHES = {"-", "–", "—"}
_TO = {"الي", "حتي"}
_APPROX = {"نحو": "APPROX", "حوالي": "APPROX", "قرابه": "APPROX", "زهاء": "APPROX"}
# two-word modifiers before a duration or date: (first word, second word) -> TIMEX3 mod
_APPROX2 = {("اكثر", "من"): "MORE_THAN", ("اقل", "من"): "LESS_THAN", ("ما", "يقارب"): "APPROX",
            ("ما", "يزيد"): "MORE_THAN", ("ما", "لا"): "MORE_THAN"}
_DATE_SEPARATORS = {"/", "\\", "-", "."}
_MEDIA_BEFORE_TODAY = {"عين", "صحيفه", "جريده", "روسيا"}  # عين اليوم, صحيفة اليوم, روسيا اليوم are names
_QUOTES = {"«", "»", '"', "“", "”"}
_WHOLE = {"كامل", "كامله", "كاملا", "كاملين"}
_VAGUE_PLURAL_ADJ = {"طويله", "عديده", "قليله", "معدوده", "طوال", "عده"}
_NOT_TIME_AFTER_UNIT = {"ضوئيه"}  # سنة ضوئية is a distance
_VAGUE_DEFINITE_ADJ = {"القليله", "الكثيره", "العديده", "الطويله"}
_YEAR_KINDS = {"الدراسي", "الجامعي", "المالي", "الهجري", "الميلادي"}
_MINUTES = {"والنصف": 30, "والربع": 15, "والثلث": 20}
_FEASTS = {"الفطر": (10, 1), "الاضحي": (12, 10)}
_MONTH_ADJECTIVES = {"المبارك", "الكريم", "المعظم", "الحرام"}
_PRAYER_WORDS = {"صلاه", "خطبه", "صلاتي", "خطيب", "جمعه"}
_NOT_TODAY_BEFORE = {"ذلك", "نفس", "ذات"}
_COUNTED_TIMES = {"مره", "مرات", "مرتين", "مرتان"}
_GREETING_AFTER = {"وانتم", "وانتن", "وانت", "وانتما"}
_SINGULAR_UNITS = {"D", "W", "M", "Y", "H"}
_FUTURE_RE = re.compile(r"^[وف]?(?:س[يتن][^\s]{3,}|سوف)$")
_NOT_FUTURE_RE = re.compile(r"^[وف]?(?:سيا|سيار|سيطر|سيد|سين|سيول|سير|ستين|سته|ستار|ستا|سنو|سنه|سنت|سنغ|سنا)")
_FUTURE_WORDS = {"المقرر", "المزمع", "المنتظر", "يعتزم", "تعتزم", "المرتقب", "المرتقبه", "المتوقع"}
_DAY_PARTS_OF_CLOCK = {"ص": "MO", "م": "EV"}


@dataclass(slots=True)
class _Match:
    """A time expression over tokens [first, end), before it becomes a TimeExpr."""

    first: int
    end: int
    type: str
    value: str
    lead: int = 0  # proclitic characters of the first token left out of the span
    mod: str | None = None
    hijri: str | None = None


def find_times(text: str, published: date | None = None) -> list[TimeExpr]:
    """Time expressions of `text`, sorted and non-overlapping, resolved against `published`."""
    sc = scan(text)
    out = []
    for m in _Parser(sc, published).run():
        start, end = sc.span(m.first, m.end - 1, m.lead)
        extra = {"mod": m.mod} if _MOD_FIELD and m.mod else {}
        out.append(TimeExpr(start, end, text[start:end], m.type, m.value, hijri=m.hijri, **extra))
    return out


def _duration_value(count: float | None, unit: str) -> str:
    """TIMEX3 duration: P3D, PT2H, P1Y6M for 1.5 years, PXY when the count is unknown."""
    if count is None:
        return f"PTX{'M' if unit == 'MIN' else unit}" if unit in ("H", "MIN", "S") else f"PX{unit}"
    smaller = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("MIN", 60), "MIN": ("S", 60),
               "DE": ("Y", 10), "CE": ("Y", 100)}
    if count != int(count) and unit in smaller:
        whole_part = int(count)
        sub_unit, factor = smaller[unit]
        rest = _duration_value(round((count - whole_part) * factor), sub_unit)
        if not whole_part:
            return rest
        head = _duration_value(whole_part, unit)
        return head + rest[2:] if rest.startswith("PT") and head.startswith("PT") else head + rest[1:]
    n = int(count)
    if unit in ("H", "MIN", "S"):
        return f"PT{n}{'M' if unit == 'MIN' else unit}"
    return f"P{n}{unit}"


def _duration_range(count: float | None, unit: str, upper: float | None) -> str:
    """A duration value, or a range of two (3 إلى 5 سنوات -> P3Y/P5Y)."""
    value = _duration_value(count, unit)
    return f"{value}/{_duration_value(upper, unit)}" if upper is not None else value


class _Parser:
    """The grammar, run once over one scan."""

    def __init__(self, sc: Scan, pub: date | None) -> None:
        self.sc = sc
        self.pub = self._corrected_publication(pub)
        self.hpub = R.hijri_today(self.pub)

    # --- driver ------------------------------------------------------------------------------------------------
    def run(self) -> list[_Match]:
        sc = self.sc
        out: list[_Match] = []
        done = 0  # tokens before this index are inside a match
        for i in sc.anchors:
            if i < done:
                continue
            m = self.at(i)
            if m is None or m.first < done:
                continue
            if m.type == "DURATION":
                self._extend_back(m, out[-1].end if out else 0)
            out.append(m)
            done = m.end
            nxt = self._year_continuation(m)
            if nxt is not None:
                out.append(nxt)
                done = nxt.end
        return self._merge_ranges(out)

    def at(self, i: int) -> _Match | None:
        """The longest time expression starting at token `i` (none past the last token: أواخر at the end)."""
        sc = self.sc
        if i >= sc.n:
            return None
        best: _Match | None = None
        if sc.is_digits(i):
            best = self._digits(i)
        for category in sc.lex[i]:
            for rule in _DISPATCH.get(category, ()):
                m = rule(self, i)
                if m is not None and (best is None or m.end > best.end):
                    best = m
        return best

    def _lead(self, i: int) -> int:
        """Proclitic length of token `i` (0 for digits and unknown words)."""
        entry = self.sc.lex[i] if 0 <= i < self.sc.n else None
        return next(iter(entry.values()))[1] if entry else 0

    def _stem(self, i: int) -> str:
        return self.sc.word(i)[self._lead(i) :]

    # --- numbers that open a date, a time, a year or a duration ------------------------------------------------
    def _digits(self, i: int) -> _Match | None:
        sc = self.sc
        word = sc.words[i]
        if ":" in word:
            return self._clock_digits(i, word)
        if "/" in word:
            return self._numeric_date(i, word.split("/"), i + 1)
        if not word.isdigit():
            return self._duration(i)
        value = int(word)
        dated = self._digit_date(i)
        if dated is not None and dated.end > i + 4:
            return dated
        best = None
        for m in (dated, self._bare_year(i, value), self._duration(i),
                  self._clock_hour(i, value, i + 1, need_part=True)):
            if m is not None and (best is None or m.end > best.end):
                best = m
        return best

    def _digit_date(self, i: int) -> _Match | None:
        """A date that starts with the day number at `i`: 30 /10 / 1436هـ, 4-8-2015, 19 ديسمبر."""
        sc = self.sc
        sep = sc.word(i + 1)
        if sep in _DATE_SEPARATORS and sc.is_digits(i + 2) and sc.word(i + 3) == sep and sc.is_digits(i + 4):
            m = self._numeric_date(i, [sc.words[i], sc.words[i + 2], sc.words[i + 4]], i + 5)
            if m is not None:
                return m
        return self._day_month(i, int(sc.words[i]), i)

    def _numeric_date(self, i: int, parts: list[str], end: int) -> _Match | None:
        """2015/08/04, 04/08/2015, 4-8-2015 and Hijri 1436/10/19 هـ; 2014/2015 as a range of years."""
        if not all(p.isdigit() for p in parts):
            return None
        era, end = self._era(end)
        if len(parts) == 2:
            y1, y2 = int(parts[0]), int(parts[1])
            if len(parts[0]) == 4 and y2 == y1 + 1 and (1900 <= y1 <= 2100 or era):
                return self._year_match(i, end, y1, era, y2)
            return None
        if len(parts) != 3:
            return None
        if len(parts[0]) == 4:
            year, month, dom = (int(p) for p in parts)
        elif len(parts[2]) == 4:
            dom, month, year = (int(p) for p in parts)
        else:
            return None
        if not (1 <= month <= 12 and 1 <= dom <= 31):
            return None
        if era == "H" or (era is None and 1300 <= year <= 1500):
            value = R.hijri_to_gregorian(year, month, dom)
            return _Match(i, end, "DATE", value or R.UNKNOWN_DAY, hijri=f"{year}-{month:02d}-{dom:02d}")
        value = R.gregorian_date(year, month, dom) if 1800 <= year <= 2100 else None
        return _Match(i, end, "DATE", value) if value else None

    def _era(self, j: int) -> tuple[str | None, int]:
        """An era mark at `j` (م, هـ, للهجرة ...): ("G"|"H", index after) or (None, j)."""
        era = self.sc.get(j, "ERA")
        return (era[0], j + 1) if era is not None else (None, j)

    def _plausible_year(self, j: int, hijri_ok: bool = True) -> int | None:
        sc = self.sc
        if not sc.is_digits(j) or not sc.words[j].isdigit() or len(sc.words[j]) != 4:
            return None
        year = int(sc.words[j])
        return year if 1800 <= year <= 2100 or (hijri_ok and 1300 <= year <= 1500) else None

    def _year_match(self, first: int, end: int, year: int, era: str | None, year2: int | None = None,
                    lead: int = 0) -> _Match:
        """A year (or a range of two) as Gregorian, or as Hijri when marked so or in the Hijri range."""
        if era == "H" or (era is None and 1300 <= year <= 1500):
            start = R.hijri_year_to_gregorian(year)
            stop = R.hijri_year_to_gregorian(year2) if year2 else start
            value = f"{start.split('/')[0]}/{stop.split('/')[1]}" if start and stop else "XXXX"
            return _Match(first, end, "DATE", value, lead, hijri=f"{year}/{year2}" if year2 else str(year))
        return _Match(first, end, "DATE", f"{year}/{year2}" if year2 else str(year), lead)

    def _year_range_tail(self, j: int, year: int, allow_to: bool) -> tuple[int, int] | None:
        """(second year, index after) for "- 2012", "/2012" or (after من) "إلى 2012"."""
        sc = self.sc
        connector = sc.word(j)
        if connector in _DASHES or connector == "/" or (allow_to and connector in _TO):
            year2 = self._plausible_year(j + 1)
            if year2 is not None and year < year2 <= year + (1 if connector == "/" else 100):
                return year2, j + 2
        return None

    def _bare_year(self, i: int, year: int) -> _Match | None:
        """A 4-digit year without a cue word: with an era mark, in a range, or after a preposition."""
        sc = self.sc
        if self._plausible_year(i) is None:
            return None
        era, end = self._era(i + 1)
        before = self._stem(i - 1) if i > 0 else ""
        rng = self._year_range_tail(end, year, allow_to=before in ("من", "بين"))
        if rng is None and before == "بين" and sc.word(end) == "و":
            year2 = self._plausible_year(end + 1)
            rng = (year2, end + 2) if year2 and year2 > year else None
        if rng is not None:
            era2, end2 = self._era(rng[1])
            return self._year_match(i, end2, year, era or era2, rng[0])
        if era is not None:
            return self._year_match(i, end, year, era)
        if sc.get(i - 1, "PREP") is not None and 1900 <= year <= 2100 and (
                self._stem(i - 1) != "في" or self._ends_phrase(i + 1)):
            return self._year_match(i, i + 1, year, "G")
        return None

    def _ends_phrase(self, j: int) -> bool:
        """Whether token `j` cannot be a noun counted by the number before it (في 2010 وصل, not في 2000 جندي)."""
        sc = self.sc
        if j >= sc.n or not sc.words[j][0].isalpha():
            return True
        word = sc.words[j]
        return word in _PHRASE_FOLLOWERS or bool(sc.lex[j]) or word[0] in "وف"

    def _year_continuation(self, m: _Match) -> _Match | None:
        """The second year of "عامي 2011 و2012"."""
        sc = self.sc
        if not (m.type == "DATE" and len(m.value) == 4 and m.value.isdigit() and sc.word(m.end) == "و"):
            return None
        year = self._plausible_year(m.end + 1, hijri_ok=False)
        if year is None:
            return None
        era, end = self._era(m.end + 2)
        return self._year_match(m.end + 1, end, year, era or "G")

    # --- months and days ----------------------------------------------------------------------------------------
    def _month_name(self, j: int) -> tuple[str, int, int, int] | None:
        """(calendar G|H, month, strength, index after) for a month name at `j`, one or two words."""
        sc = self.sc
        for category, cal in (("MONTH", "G"), ("HMONTH", "H")):
            entry = sc.get(j, category)
            if entry is not None:
                (month, strength), _ = entry
                return cal, month, strength, j + 1
        for category, cal in (("MONTH2", "G"), ("HMONTH2", "H")):
            entry = sc.get(j, category)
            if entry is not None and sc.word(j + 1) in entry[0]:
                return cal, entry[0][sc.word(j + 1)], STRONG, j + 2
        return None

    def _alternate(self, j: int) -> int:
        """Skip a second name of the same month: "(كانون الأول)" or "/ كانون الأول"; index after."""
        sc = self.sc
        if sc.word(j) == "(":
            name = self._month_name(j + 1)
            if name is not None and sc.word(name[3]) == ")":
                return name[3] + 1
        if sc.word(j) == "/" and (name := self._month_name(j + 1)) is not None:
            return name[3]
        return j

    def _year_part(self, j: int, cal: str) -> tuple[str, int, int] | None:
        """What follows a month to fix its year: ("abs"|"rel"|"relyear", number, index after)."""
        sc = self.sc
        year = self._plausible_year(j, hijri_ok=cal == "H")
        if year is not None and (cal == "H") == (1300 <= year <= 1500):
            _, end = self._era(j + 1)
            return "abs", year, end
        rel = sc.get(j, "REL")
        if rel is not None and rel[1] == 0:
            return "rel", rel[0], j + 1
        k = j + 1 if sc.word(j) == "من" else j
        if sc.word(k) in ("هذا", "هذه") and sc.word(k + 1) in ("العام", "السنه"):
            return "relyear", 0, k + 2
        if sc.word(k) in ("العام", "عام", "السنه", "سنه"):
            rel = sc.get(k + 1, "REL")
            if rel is not None and rel[1] == 0 and sc.word(k)[:2] == "ال":
                return "relyear", rel[0], k + 2
            year = self._plausible_year(k + 1, hijri_ok=cal == "H")
            if year is not None:
                _, end = self._era(k + 2)
                return "abs", year, end
        return None

    def _resolve_month(self, cal: str, month: int, dom: int | None,
                       part: tuple[str, int, int] | None) -> tuple[str, str | None] | None:
        """(value, hijri) of a month (and day) with what fixed its year; None for an impossible day."""
        kind, number = (part[0], part[1]) if part else (None, 0)
        if cal == "G":
            pub = self.pub
            year: int | None
            if kind == "abs":
                year = number
            elif pub is None:
                year = None
            elif kind == "relyear":
                year = pub.year + number
            else:
                year = R.month_year(pub.year, pub.month, month, number if kind == "rel" else None, dom, pub.day)
            value = R.gregorian_date(year, month, dom)
            return (value, None) if value else None
        if dom is not None and not 1 <= dom <= 30:
            return None
        h = self.hpub
        if kind == "abs":
            hyear: int | None = number
        elif h is None:
            hyear = None
        elif kind == "relyear":
            hyear = h[0] + number
        else:
            hyear = R.month_year(h[0], h[1], month, number if kind == "rel" else None, dom, h[2])
        hijri = f"{hyear or 'XXXX'}-{month:02d}" + (f"-{dom:02d}" if dom else "")
        value = R.hijri_to_gregorian(hyear, month, dom) if hyear else None
        return value or ("XXXX-XX-XX" if dom else "XXXX-XX"), hijri

    def _month(self, i: int, first: int | None = None, dom: int | None = None) -> _Match | None:
        """A month name with what follows it; `first`/`dom` when a day (or شهر) came before."""
        sc = self.sc
        name = self._month_name(i)
        if name is None:
            return None
        cal, month, strength, j = name
        after_alt = self._alternate(j)
        if cal == "H" and sc.word(after_alt) in _MONTH_ADJECTIVES:  # رمضان المبارك (الماضي)
            after_alt += 1
            strength = STRONG
        part = self._year_part(after_alt, cal)
        end = part[2] if part else after_alt
        if first is None and not (strength == STRONG or part or after_alt > j or
                                  (strength == MEDIUM and self._cue_before(i))):
            return None
        resolved = self._resolve_month(cal, month, dom, part)
        if resolved is None:
            return None
        start = i if first is None else first
        return _Match(start, end, "DATE", resolved[0], self._lead(start), hijri=resolved[1])

    def _cue_before(self, i: int) -> bool:
        sc = self.sc
        return i > 0 and (sc.get(i - 1, "PREP") is not None or sc.get(i - 1, "POS") is not None)

    def _day_month(self, i: int, dom: int, last: int) -> _Match | None:
        """19 ديسمبر ..., 19 و20 ديسمبر, من 5 إلى 10 يوليو (a range of days); the day ends at token `last`."""
        sc = self.sc
        if not 1 <= dom <= 31:
            return None
        j = last + 1
        dom2 = None
        if sc.word(j) in _DASHES or sc.word(j) in _TO or sc.word(j) == "و":
            if sc.is_digits(j + 1) and sc.words[j + 1].isdigit() and dom < int(sc.words[j + 1]) <= 31:
                dom2, j = int(sc.words[j + 1]), j + 2
        if sc.word(j) == "من" and sc.words[last] != "من":
            j += 1  # 12 من يوليو
        if self._stem(j) == "شهر" and self._month_name(j + 1) is not None:
            j += 1  # السادس من شهر ذي الحجة
        m = self._month(j, first=i, dom=dom)
        if m is None:
            return None
        if dom2 is not None:
            m2 = self._month(j, first=i, dom=dom2)
            if m2 is None:
                return None
            m.value = f"{m.value}/{m2.value}"
            if m.hijri and m2.hijri:
                m.hijri = f"{m.hijri}/{m2.hijri}"
        return m

    def _ordinal_date(self, i: int) -> _Match | None:
        """الخامس من يونيو, الحادي والعشرين من رمضان."""
        ordinal = read_ordinal(self.sc, i)
        if ordinal is None or self.sc.word(ordinal[1]) != "من":
            return None
        return self._day_month(i, ordinal[0], ordinal[1])

    # --- days relative to publication ---------------------------------------------------------------------------
    def _weekday(self, i: int) -> _Match | None:
        sc = self.sc
        iso, lead = sc.get(i, "WEEKDAY")
        stem = sc.words[i][lead:]
        if self._stem(i - 1) in _PRAYER_WORDS or (stem == "الاثنين" and (self._stem(i - 1) == "بين"
                                                                          or sc.word(i + 1) == "معا")):
            return None
        j = i + 1 + (sc.word(i + 1) in ("،", ","))
        if sc.word(j) == "الموافق":
            j += 1
        dated = self._explicit_day(j)
        if dated is not None:
            return _Match(i, dated.end, dated.type, dated.value, lead, hijri=dated.hijri)
        rel = sc.get(i + 1, "REL")
        end = i + 2
        if rel is None and sc.get(i + 1, "WEEKDAY") is not None and sc.words[i + 1][0] == "و":
            rel, end = sc.get(i + 2, "REL"), i + 1  # الثلاثاء والأربعاء الماضيين: the adjective is for both
        if rel is not None and rel[1] == 0 and rel[0] != 0:
            return _Match(i, end, "DATE", R.weekday(self.pub, iso, rel[0]), lead)
        return _Match(i, i + 1, "DATE", R.weekday(self.pub, iso, None, self._future_context(i)), lead)

    def _explicit_day(self, j: int) -> _Match | None:
        """A day with its month at `j` (19 ديسمبر, الخامس من يونيو, 2015/08/04)."""
        sc = self.sc
        if sc.is_digits(j):
            word = sc.words[j]
            if "/" in word:
                return self._numeric_date(j, word.split("/"), j + 1)
            return self._digit_date(j) if word.isdigit() else None
        if sc.word(j) == "ال" and sc.is_digits(j + 1) and sc.words[j + 1].isdigit():
            return self._day_month(j, int(sc.words[j + 1]), j + 1)  # الخميس الـ30 من يوليو
        if sc.get(j, "ORD") is not None:
            return self._ordinal_date(j)
        return None

    def _future_context(self, i: int) -> bool:
        """Whether the words just before `i` speak of the future (سيعقد, سوف, من المقرر)."""
        sc = self.sc
        for k in range(i - 1, max(i - 7, -1), -1):
            w = sc.words[k]
            if w in (".", "؟", "!", "\n"):
                break
            if w in _FUTURE_WORDS or (_FUTURE_RE.match(w) and not _NOT_FUTURE_RE.match(w)):
                return True
        return False

    def _relday(self, i: int) -> _Match | None:
        sc = self.sc
        offset, lead = sc.get(i, "RELDAY")
        stem = sc.words[i][lead:]
        end = i + 1
        nxt = sc.word(end)
        if stem == "اليوم" and not self._is_today(i):
            return None
        if stem in ("امس", "الامس") and nxt == "الاول":
            offset, end = -2, end + 1
        end = self._weekday_after(end)  # أمس الاثنين, اليوم (الثلاثاء)
        return _Match(i, end, "DATE", R.shift_days(self.pub, offset), lead)

    def _is_today(self, i: int) -> bool:
        """Whether اليوم at `i` means today: not اليوم الوطني, اليوم التالي, «اليوم» or عين اليوم (names)."""
        sc = self.sc
        nxt = sc.word(i + 1)
        before = self._stem(i - 1)
        return not (
            (nxt.startswith("ال") and sc.get(i + 1, "WEEKDAY") is None and nxt not in ("الموافق", "الي", "الا"))
            or (sc.word(i - 1) in _QUOTES and nxt in _QUOTES)
            or before in _NOT_TODAY_BEFORE or before in _MEDIA_BEFORE_TODAY
            or (before == "في" and self._stem(i - 2) in _COUNTED_TIMES)
        )

    def _weekday_after(self, j: int) -> int:
        """Index after a weekday that names the day just given (اليوم الثلاثاء, أمس (الاثنين)), else `j`."""
        sc = self.sc
        if sc.get(j, "WEEKDAY") is not None and sc.get(j, "WEEKDAY")[1] == 0:
            return j + 1
        if sc.word(j) == "(" and sc.get(j + 1, "WEEKDAY") is not None and sc.word(j + 2) == ")":
            return j + 3
        return j

    def _stated_weekday(self, i: int) -> int | None:
        """The ISO weekday a text gives for the day at `i` (اليوم الأربعاء, أمس (الاثنين)), if any."""
        sc = self.sc
        if self._weekday_after(i + 1) == i + 1:
            return None
        return sc.get(i + 1 + (sc.word(i + 1) == "("), "WEEKDAY")[0]

    def _corrected_publication(self, pub: date | None) -> date | None:
        """The day the article was written, when its own words contradict the given date.

        Crawled news often carries the date it was collected, a day or more late;
        "اليوم الأربعاء" in an article dated Saturday says it was written on the
        Wednesday before. The first such statement moves the reference date back
        (at most three days, or one day forward) so that أمس and the weekdays
        resolve as the writer meant.
        """
        sc = self.sc
        if pub is None:
            return None
        for i in sc.anchors:
            relday = sc.get(i, "RELDAY")
            if relday is None or self.sc.words[i][relday[1]:] == "الغد":
                continue
            stated = self._stated_weekday(i)
            if stated is None or (self.sc.words[i][relday[1]:] == "اليوم" and not self._is_today(i)):
                continue
            for delta in (0, -1, -2, -3, 1):
                if (pub + timedelta(days=delta + relday[0])).isoweekday() == stated:
                    return pub + timedelta(days=delta)
            return pub
        return pub

    def _day_phrase(self, j: int) -> _Match | None:
        """A day at `j`: أمس, اليوم, الثلاثاء, يوم الثلاثاء, 19 ديسمبر."""
        sc = self.sc
        if sc.get(j, "RELDAY") is not None:
            return self._relday(j)
        if sc.get(j, "WEEKDAY") is not None:
            return self._weekday(j)
        if self._stem(j) == "يوم":
            return self._unit_word(j)
        if sc.get(j, "THIS") is not None and sc.word(j + 1) == "اليوم":
            return self._this(j)
        return self._explicit_day(j)

    def _unit_word(self, i: int) -> _Match | None:
        """يوم الثلاثاء / يوم أمس / يوم 19 ديسمبر / يوم عرفة, or a duration such as يومين, عام ونصف."""
        if self._stem(i) == "شهر" and self._month_name(i + 1) is not None:
            return self._month(i + 1, first=i)
        if self._stem(i) == "يوم":
            if self._stem(i + 1) == "عرفه":
                value, hijri = R.nearest_hijri_day(self.pub, 12, 9)
                return _Match(i, i + 2, "DATE", value, self._lead(i), hijri=hijri)
            inner = self._day_phrase(i + 1)
            if inner is not None and inner.type == "DATE" and "/" not in inner.value:
                return _Match(i, inner.end, "DATE", inner.value, self._lead(i), inner.mod, inner.hijri)
        return self._duration(i)

    # --- weeks, months, years relative to publication -----------------------------------------------------------
    def _relative_unit(self, i: int) -> _Match | None:
        """الأسبوع الماضي, الشهر الجاري, العام المقبل, الأيام الماضية, السنوات الخمس الماضية, العامين الماضيين."""
        sc = self.sc
        (unit, count), lead = sc.get(i, "DUNIT")
        j = i + 1
        first = i
        number = None
        if count == 0:
            definite = self._definite_number(j)
            if definite is not None:
                number, j = definite
            elif sc.word(i - 2) == "ال" and sc.is_digits(i - 1):  # الـ6 الأشهر الماضية
                number, first, lead = digits_value(sc.words[i - 1]), i - 2, 0
            j += sc.word(j) in _VAGUE_DEFINITE_ADJ  # الأيام القليلة الماضية
        rel = sc.get(j, "REL")
        if rel is None or rel[1] != 0:
            if number is not None and unit != "DE":  # الأشهر الستة (العقود الخمسة are contracts)
                return _Match(first, j, "DURATION", _duration_value(number, unit), lead)
            return None
        if count == 1:
            if unit == "DE":
                return _Match(i, j + 1, "DATE", str(self.pub.year // 10 + rel[0]) if self.pub else "XXX", lead)
            year = self._plausible_year(j + 1, hijri_ok=False)
            if unit == "Y" and year is not None:  # العام الماضي 2014
                return _Match(i, j + 2, "DATE", str(year), lead)
            return _Match(i, j + 1, "DATE", R.shift(self.pub, unit, rel[0]), lead)
        if count == 2 or number is not None:
            return _Match(first, j + 1, "DURATION", _duration_value(number or 2, unit), lead)
        ref = {-1: "PAST_REF", 0: "PRESENT_REF", 1: "FUTURE_REF"}[rel[0]]
        return _Match(i, j + 1, "DATE", ref, lead)

    def _definite_number(self, j: int) -> tuple[int | float, int] | None:
        """A number with the article after a plural unit: الخمس, الثلاثة, الـ24 -> (value, index after)."""
        sc = self.sc
        word = sc.word(j)
        if word == "ال" and sc.is_digits(j + 1):
            return read_number(sc, j + 1)
        entry = LEXICON.get(word[2:], {}).get("NUM") if word.startswith("ال") else None
        return (entry[0][0], j + 1) if entry is not None and entry[1] == 0 else None

    def _this(self, i: int) -> _Match | None:
        """هذا العام, هذه السنة, هذا الشهر, هذا الأسبوع, هذه الأيام, هذا اليوم (الاثنين)."""
        if self.sc.word(i + 1) == "اليوم":
            return _Match(i, self._weekday_after(i + 2), "DATE", R.day(self.pub), self._lead(i))
        if self.sc.word(i + 1) in ("اللحظه", "الوقت"):
            return _Match(i, i + 2, "DATE", "PRESENT_REF", self._lead(i))
        unit = self.sc.get(i + 1, "DUNIT")
        if unit is None or unit[1] != 0:
            return None
        (code, count), _ = unit
        value = R.shift(self.pub, code, 0) if count == 1 and code in ("W", "M", "Y") else "PRESENT_REF"
        if count == 2:
            return None
        return _Match(i, i + 2, "DATE", value, self._lead(i))

    def _year_cue(self, i: int) -> _Match | None:
        """عام 1994, العام 2010, سنة 1436هـ, موسم 2014-2015, عامي 2011 و2012."""
        sc = self.sc
        _, lead = sc.get(i, "YEARCUE")
        j = i + 1 + (sc.word(i + 1) in _YEAR_KINDS)  # العام الدراسي 1436/1437هـ
        paren = sc.word(j) == "("  # سنة (2014 - 2015)
        j += paren
        m = None
        if sc.is_digits(j) and sc.words[j].count("/") == 1:  # عام 1437/1438هـ
            m = self._numeric_date(j, sc.words[j].split("/"), j + 1)
        elif (year := self._plausible_year(j)) is not None:
            era, end = self._era(j + 1)
            rng = self._year_range_tail(end, year, allow_to=self._stem(i - 1) == "من")
            if rng is not None:
                era2, end2 = self._era(rng[1])
                m = self._year_match(j, end2, year, era or era2, rng[0])
            else:
                m = self._year_match(j, end, year, era)
        if m is None or (paren and sc.word(m.end) != ")"):
            return None
        m.first, m.lead, m.end = i, lead, m.end + paren
        return m

    def _decade(self, i: int) -> _Match | None:
        """التسعينيات (من القرن الماضي) -> 199."""
        sc = self.sc
        value, lead = sc.get(i, "DECADE")
        end = i + 1
        if sc.word(end) == "من" and self._stem(end + 1) in ("العمر", "عمره", "عمرها", "عمرهم"):
            return None  # في العشرينات من العمر is an age
        k = end + (sc.word(end) == "من")
        century = self._century(k) if sc.get(k, "CENTURY") is not None else None
        if century is not None:
            end = century.end
            value = f"{int(century.value) * 10 + int(value[-1])}" if century.value.isdigit() else value
        elif not sc.words[i][lead:].startswith("ال"):
            return None  # تسعينيات only in "تسعينيات القرن الماضي"
        end += sc.word(end) in ("الميلاديه", "الميلادي")
        return _Match(i, end, "DATE", value, lead)

    def _century(self, i: int) -> _Match | None:
        """القرن الماضي, القرن العشرين, القرن الحادي والعشرين -> 19, 19, 20."""
        sc = self.sc
        lead = self._lead(i)
        rel = sc.get(i + 1, "REL")
        if rel is not None and rel[1] == 0:
            value = str(self.pub.year // 100 + rel[0]) if self.pub else "XX"
            return _Match(i, i + 2, "DATE", value, lead)
        ordinal = read_ordinal(sc, i + 1)
        if ordinal is not None and 1 <= ordinal[0] <= 30:
            return _Match(i, ordinal[1], "DATE", f"{ordinal[0] - 1:02d}", lead)
        return None

    # --- positions, parts of day, clock times ------------------------------------------------------------------
    def _position(self, i: int) -> _Match | None:
        """مطلع العام المقبل, منتصف الشهر الجاري, أواخر يونيو, نهاية الأسبوع; أول أمس."""
        sc = self.sc
        mod, lead = sc.get(i, "POS")
        stem = sc.words[i][lead:]
        j = i + 1 + (sc.word(i + 1) == "من")
        if stem == "اول":
            if sc.get(j, "RELDAY") is not None and self._stem(j) in ("امس", "الامس"):
                return _Match(i, j + 1, "DATE", R.shift_days(self.pub, -2), lead)
            return self._nth_feast_day(i, 0)
        if stem == "اخر":
            return None
        if self._stem(j) == "شهر" and self._month_name(j + 1) is not None:
            inner = self._month(j + 1, first=j)
        else:
            inner = self.at(j)
        if inner is not None and inner.type == "DATE" and "REF" not in inner.value:
            return _Match(i, inner.end, "DATE", inner.value, lead, mod, inner.hijri)
        unit = sc.get(j, "DUNIT")
        if unit is not None and unit[1] == 0 and unit[0][1] == 1 and unit[0][0] in ("W", "M", "Y"):
            return _Match(i, j + 1, "DATE", R.shift(self.pub, unit[0][0], 0), lead, mod)
        return None

    def _part_of_day(self, i: int) -> _Match | None:
        """صباح أمس, مساء اليوم, ظهر الثلاثاء, الليلة, الليلة الماضية, ليلة أمس -> 2010-12-10TMO ..."""
        sc = self.sc
        part, lead = sc.get(i, "POD")
        stem = sc.words[i][lead:]
        if stem == "الليله":
            rel = sc.get(i + 1, "REL")
            back = rel is not None and rel[1] == 0 and rel[0] == -1
            return _Match(i, i + 1 + back, "TIME", R.shift_days(self.pub, -back) + "TNI", lead)
        if stem.endswith("ا") and stem not in ("مساءا",):
            return None  # adverbs (صباحا) only qualify a clock time
        day_match = self._day_phrase(i + 1)
        if day_match is None or day_match.type != "DATE" or "/" in day_match.value:
            return None
        return _Match(i, day_match.end, "TIME", day_match.value + "T" + part, lead)

    def _clock(self, i: int) -> _Match | None:
        """الساعة الثالثة مساء, الساعة 14:30, الساعة 9.30 مساء, الساعة العاشرة والنصف من صباح اليوم."""
        sc = self.sc
        j = i + 1
        word = sc.word(j)
        if sc.is_digits(j) and (":" in word or "." in word):
            m = self._clock_digits(j, word)
            return _Match(i, m.end, m.type, m.value, self._lead(i)) if m else None
        if sc.is_digits(j) and word.isdigit():
            return self._clock_hour(i, int(word), j + 1, need_part=False)
        if word == "الواحده":
            return self._clock_hour(i, 1, j + 1, need_part=False)
        ordinal = read_ordinal(sc, j)
        if ordinal is None or word in ("الاول", "الاولي"):
            return None  # الساعة الأولى is "the first hour"
        return self._clock_hour(i, ordinal[0], ordinal[1], need_part=False)

    def _ordinal_clock(self, i: int) -> _Match | None:
        """A clock time without الساعة: الثامنة مساء, السادسة والنصف من مساء اليوم."""
        ordinal = read_ordinal(self.sc, i)
        if ordinal is None or not self._stem(i).endswith("ه") or self._stem(i) == "الاولي":
            return None
        return self._clock_hour(i, ordinal[0], ordinal[1], need_part=True)

    def _clock_digits(self, i: int, word: str) -> _Match | None:
        """14:30, or 9.30 after الساعة."""
        parts = word.replace(".", ":").split(":")
        if len(parts) != 2 or not all(p.isdigit() for p in parts) or len(parts[1]) != 2:
            return None
        hour, minute = int(parts[0]), int(parts[1])
        if not (0 <= hour <= 24 and 0 <= minute <= 59):
            return None
        return self._clock_hour(i, hour, i + 1, need_part=False, minute=minute)

    def _clock_hour(self, first: int, hour: int, j: int, need_part: bool, minute: int = 0) -> _Match | None:
        """The rest of a clock time after its hour at `j`: minutes, part of day, the day it belongs to."""
        sc = self.sc
        if not 0 <= hour <= 24:
            return None
        minutes = read_number(sc, j) if sc.word(j)[:1] == "و" and not sc.is_digits(j) else None
        if sc.word(j) in _MINUTES:
            minute, j = _MINUTES[sc.word(j)], j + 1
        elif minutes is not None and (sc.get(minutes[1], "UNIT") or ((None, None),))[0][0] == "MIN":
            minute, j = int(minutes[0]), minutes[1] + 1  # العاشرة وعشرين دقيقة
        elif sc.word(j) == "الا" and sc.word(j + 1) in ("ربعا", "ثلثا"):
            minute, hour, j = 60 - (15 if sc.word(j + 1) == "ربعا" else 20), hour - 1, j + 2
        part = None
        if sc.word(j) == "من" and sc.word(j + 1) == "بعد" and self._stem(j + 2) == "ظهر":
            part, j = "AF", j + 3  # من بعد ظهر أمس
        elif sc.get(j, "POD") is not None and sc.get(j, "POD")[1] == 0:
            part, j = sc.get(j, "POD")[0], j + 1  # مساء, مساء أمس, صباحا من يوم الأحد
        elif sc.word(j) == "من" and sc.get(j + 1, "POD") is not None:
            part, j = sc.get(j + 1, "POD")[0], j + 2  # من صباح اليوم
        elif sc.word(j) in _DAY_PARTS_OF_CLOCK and not need_part:
            part, j = _DAY_PARTS_OF_CLOCK[sc.word(j)], j + 1
        if need_part and part is None:
            return None
        day_value = None
        if part is not None:
            k = j + (sc.word(j) in ("،", ","))
            k += sc.word(k) == "من"
            inner = self._day_phrase(k)
            if inner is not None and inner.type == "DATE" and "/" not in inner.value:
                day_value, j = inner.value, inner.end
        hour = _hour24(hour, part)
        if hour is None:
            return None
        base = day_value or R.day(self.pub)
        return _Match(first, j, "TIME", f"{base}T{hour:02d}:{minute:02d}", self._lead(first))

    # --- durations, prepositions, sets --------------------------------------------------------------------------
    def _duration(self, i: int) -> _Match | None:
        """ثلاثة أيام, 15 يوما, عشر سنوات, يومين, عام واحد, ساعة ونصف, عدة أيام -> P3D, P15D, P10Y ..."""
        got = self._duration_parts(i, singular=False)
        if got is None:
            return None
        count, unit, end, upper = got
        rel = self.sc.get(end, "REL")
        if rel is not None and rel[1] == 0 and self.sc.is_digits(i):
            end += 1  # 24 ساعة الأخيرة
        return _Match(i, self._time_tail(end), "DURATION", _duration_range(count, unit, upper), self._lead(i))

    def _time_tail(self, j: int) -> int:
        """Index after "من الزمن" at `j` (عقد من الزمن), else `j`."""
        return j + 2 if self.sc.word(j) == "من" and self.sc.word(j + 1) == "الزمن" else j

    def _duration_parts(self, i: int, singular: bool) -> tuple[float | None, str, int, float | None] | None:
        """(count or None, unit, index after, upper count of a range) of a duration at `i`.

        `singular` (after قبل, منذ, خلال ...) also accepts a bare singular or plural unit: منذ عام, منذ سنوات.
        """
        sc = self.sc
        if sc.get(i, "FEW") is not None:
            unit = sc.get(i + 1, "UNIT")
            if unit is not None and unit[1] == 0 and unit[0][1] == 0:
                return None, unit[0][0], self._whole(i + 2), None
            return None
        frac = sc.get(i, "FRAC")
        unit = sc.get(i + 1, "UNIT")
        if frac is not None and frac[1] == 0 and unit is not None and unit[1] == 0 and unit[0][1] == 1:
            return frac[0], unit[0][0], self._whole(i + 2), None  # ربع ساعة, نصف قرن
        unit = sc.get(i, "UNIT")
        if unit is not None:
            return self._unit_duration(i, unit, singular)
        number = read_number(sc, i)
        if number is None:
            return None
        value, j = number
        upper = None
        if sc.word(j) in _TO or sc.word(j) in _DASHES:  # 3 إلى 5 سنوات
            second = read_number(sc, j + 1)
            if second is not None and second[0] > value and sc.get(second[1], "UNIT") is not None:
                upper, j = second
        unit = sc.get(j, "UNIT")
        if unit is None or unit[1] != 0 or not value or value > 10000 or sc.word(j + 1) in _NOT_TIME_AFTER_UNIT:
            return None
        if unit[0][0] == "DE" and not self._ends_phrase(j + 1) and self._time_tail(j + 1) == j + 1:
            return None  # خمسة عقود لمشاريع: contracts, not decades
        frac = sc.get(j + 1, "FRAC")
        if frac is not None and frac[1] == 1 and sc.words[j + 1][0] == "و":
            return value + frac[0], unit[0][0], j + 2, upper
        return value, unit[0][0], self._whole(j + 1), upper

    def _unit_duration(self, i: int, unit: tuple, singular: bool) -> tuple[float | None, str, int, None] | None:
        """A duration that starts with its unit word: يومين, عام واحد, ساعة ونصف, لسنوات, سنوات طويلة."""
        sc = self.sc
        (code, count), plen = unit
        j = i + 1
        if self._plausible_year(j) is not None or sc.get(j, "WEEKDAY") is not None \
                or sc.get(j, "RELDAY") is not None or self._month_name(j) is not None \
                or sc.word(j) in _NOT_TIME_AFTER_UNIT:
            return None  # عام 2010, يوم الثلاثاء, يوم أمس, شهر رمضان, سنة ضوئية
        frac = sc.get(j, "FRAC")
        if count == 1 and frac is not None and frac[1] == 1 and sc.words[j][0] == "و":
            return 1 + frac[0], code, j + 1, None
        if count == 1 and self._stem(j) in ("واحد", "واحده", "واحدا"):
            return 1, code, j + 1, None
        if count == 2:
            return 2, code, self._whole(j), None
        if count == 0:
            if sc.word(j) in _VAGUE_PLURAL_ADJ:
                return None, code, j + 1, None
            if (singular or sc.words[i][:plen].endswith("ل") or sc.words[i][plen:] == "اياما") \
                    and (self._ends_phrase(j) or sc.word(j)[:1] == "ب"):  # منذ سنوات; not خلال أيام فصل الصيف
                return None, code, j, None
            return None
        if singular and code in _SINGULAR_UNITS or self._time_tail(j) > j:
            return 1, code, self._whole(j), None
        return None

    def _whole(self, j: int) -> int:
        """Index after كامل (أسبوع كامل) at `j`, else `j`."""
        return j + 1 if self.sc.word(j) in _WHOLE else j

    def _preposition(self, i: int) -> _Match | None:
        """قبل ثلاثة أيام (a date), منذ عشر سنوات (a duration), بعد غد, بعد ظهر أمس."""
        sc = self.sc
        stem = self._stem(i)
        lead = self._lead(i)
        j = i + 1
        if stem == "بعد" and sc.get(j, "RELDAY") is not None and self._stem(j) in ("غد", "غدا"):
            return _Match(i, self._weekday_after(j + 1), "DATE", R.shift_days(self.pub, 2), lead)
        if stem == "بعد" and sc.word(j) == "ظهر":
            inner = self._day_phrase(j + 1)
            if inner is not None and inner.type == "DATE" and "/" not in inner.value:
                return _Match(i, inner.end, "TIME", inner.value + "TAF", lead)
            return None
        if stem not in ("قبل", "بعد", "منذ", "خلال", "مده", "طوال", "طيله", "مدي", "مدار", "غضون"):
            return None
        first = j
        mod = None
        if sc.word(j) in _APPROX:
            mod, j = _APPROX[sc.word(j)], j + 1
        elif (sc.word(j), sc.word(j + 1)) in _APPROX2:
            mod, j = _APPROX2[(sc.word(j), sc.word(j + 1))], j + 2
        got = self._duration_parts(j, singular=True)
        if got is None:
            return None
        count, unit, end, upper = got
        if sc.word(end) == "تقريبا":  # قبل عام تقريبا
            mod, end = "APPROX", end + 1
        if stem in ("قبل", "بعد") and sc.word(end) not in ("من", "علي") and unit not in ("H", "MIN", "S") \
                and upper is None:
            sign = -1 if stem == "قبل" else 1
            if count is not None and count == int(count) and unit in ("D", "W", "M", "Y"):
                value = R.shift(self.pub, unit, sign * int(count))
            else:
                value = "PAST_REF" if sign < 0 else "FUTURE_REF"
            return _Match(i, end, "DATE", value, lead, mod)
        value = _duration_range(count, unit, upper)
        return _Match(first, self._time_tail(end), "DURATION", value, self._lead(first), mod)

    def _extend_back(self, m: _Match, floor: int) -> None:
        """Take into a duration the words before it that qualify it: الـ 24 ساعة, نحو, أكثر من, ما يقارب."""
        sc = self.sc
        k = m.first
        if k - 1 >= floor and sc.word(k - 1) == "ال":
            k -= 1
        if k - 1 >= floor and sc.word(k - 1) in _APPROX:
            m.mod, k = _APPROX[sc.word(k - 1)], k - 1
        elif k - 2 >= floor and (sc.word(k - 2), sc.word(k - 1)) in _APPROX2:
            m.mod, k = _APPROX2[(sc.word(k - 2), sc.word(k - 1))], k - 2
        if k != m.first:
            m.first, m.lead = k, 0

    def _every(self, i: int) -> _Match | None:
        """كل أسبوع -> P1W, كل ثلاثة أشهر -> P3M, كل يوم جمعة -> XXXX-WXX-5 (SET)."""
        sc = self.sc
        lead = self._lead(i)
        if sc.word(i + 1) == "يوم" and sc.word(i + 2) in _BARE_WEEKDAYS:
            return _Match(i, i + 3, "SET", f"XXXX-WXX-{_BARE_WEEKDAYS[sc.word(i + 2)]}", lead)
        part = sc.get(i + 1, "POD")
        if part is not None and part[1] == 0 and sc.word(i + 1) in ("ليله", "صباح", "مساء", "ليل"):
            return _Match(i, i + 2, "SET", f"XXXX-XX-XXT{part[0]}", lead)  # كل ليلة, كل صباح
        got = self._duration_parts(i + 1, singular=True)
        if got is None or got[0] is None or sc.word(got[2]) in _GREETING_AFTER:
            return None
        return _Match(i, got[2], "SET", _duration_value(got[0], got[1]), lead)

    def _set_adverb(self, i: int) -> _Match | None:
        """يوميا, سنويا, السنوي, أسبوعية (SET); يومي الثلاثاء والأربعاء is two days, not "daily"."""
        value, lead = self.sc.get(i, "SETADV")
        if self._stem(i) == "يومي" and self.sc.get(i + 1, "WEEKDAY") is not None:
            day = self._weekday(i + 1)
            return _Match(i, day.end, day.type, day.value, lead) if day else None
        return _Match(i, i + 1, "SET", value, lead)

    def _reference(self, i: int) -> _Match | None:
        """الآن, حاليا, مؤخرا, قريبا (not قريبا من, "near")."""
        value, lead = self.sc.get(i, "REF")
        if value == "FUTURE_REF" and self.sc.word(i + 1) in ("من", "او"):
            return None
        return _Match(i, i + 1, "DATE", value, lead)

    def _now_noun(self, i: int) -> _Match | None:
        """الوقت الحالي, الوقت الراهن -> PRESENT_REF."""
        if self.sc.word(i + 1) in ("الحالي", "الراهن"):
            return _Match(i, i + 2, "DATE", "PRESENT_REF", self._lead(i))
        return None

    def _feast(self, i: int) -> _Match | None:
        """عيد الفطر, عيد الأضحى (المبارك): the feast day (1 Shawwal, 10 Dhu al-Hijja) nearest to publication.

        العيد alone is whichever of the two is within a month of publication (none otherwise).
        """
        sc = self.sc
        if self._stem(i) == "العيد":
            if self.pub is None:
                return None
            days = [R.nearest_hijri_day(self.pub, *feast) for feast in _FEASTS.values()]
            value, hijri = min(days, key=lambda d: abs((date.fromisoformat(d[0]) - self.pub).days))
            if abs((date.fromisoformat(value) - self.pub).days) > 30:
                return None
            end = i + 1
        else:
            feast = _FEASTS.get(sc.word(i + 1))
            if feast is None:
                return None
            value, hijri = R.nearest_hijri_day(self.pub, *feast)
            end = i + 2
        end += sc.word(end) in ("المبارك", "السعيد")
        return _Match(i, end, "DATE", value, self._lead(i), hijri=hijri)

    def _nth_feast_day(self, i: int, nth: int | None = None) -> _Match | None:
        """أول أيام عيد الفطر, ثاني أيام العيد: the feast day plus n - 1."""
        sc = self.sc
        if nth is None:
            nth = sc.get(i, "NTH")[0]
        if sc.word(i + 1) != "ايام" or sc.get(i + 2, "FEAST") is None:
            return None
        feast = self._feast(i + 2)
        if feast is None or feast.value == R.UNKNOWN_DAY:
            return None
        day = date.fromisoformat(feast.value) + timedelta(days=nth)
        hijri = feast.hijri[:-2] + f"{int(feast.hijri[-2:]) + nth:02d}" if feast.hijri else None
        return _Match(i, feast.end, "DATE", day.isoformat(), self._lead(i), hijri=hijri)

    def _season(self, i: int) -> _Match | None:
        """صيف عام 2013 -> 2013-SU; الصيف الماضي, الصيف (this year's) -> 2014-SU, 2015-SU."""
        sc = self.sc
        code, lead = sc.get(i, "SEASON")
        stem = sc.words[i][lead:]
        if sc.word(i + 1) in ("الاول", "الثاني", "الاخر", "العربي"):
            return None  # ربيع الأول is a month, الربيع العربي an event
        part = self._year_part(i + 1, "G")
        if part is not None:
            kind, number, end = part
            if kind == "abs":
                return _Match(i, end, "DATE", f"{number}-{code}", lead)
            return _Match(i, end, "DATE", f"{R.shift_years(self.pub, number)}-{code}", lead)
        if stem.startswith("ال") and self.pub is not None:
            return _Match(i, i + 1, "DATE", f"{self.pub.year}-{code}", lead)
        return None

    def _part_of_year(self, i: int) -> _Match | None:
        """النصف الأول من العام الجاري -> 2015-H1, الربع الثالث من عام 2014 -> 2014-Q3."""
        sc = self.sc
        code, lead = sc.get(i, "PART")
        ordinal = read_ordinal(sc, i + 1)
        if ordinal is None or not 1 <= ordinal[0] <= (2 if code == "H" else 4) or sc.word(ordinal[1]) != "من":
            return None
        inner = self.at(ordinal[1] + 1)
        if inner is None or inner.type != "DATE" or len(inner.value) != 4:
            return None
        return _Match(i, inner.end, "DATE", f"{inner.value}-{code}{ordinal[0]}", lead)

    # --- ranges -------------------------------------------------------------------------------------------------
    def _merge_ranges(self, matches: list[_Match]) -> list[_Match]:
        """من يناير إلى مارس, بين 2010 و2012, 10 يوليو - 15 أغسطس -> one DATE with value A/B."""
        sc = self.sc
        out: list[_Match] = []
        for m in matches:
            prev = out[-1] if out else None
            if (prev is not None and prev.type == m.type == "DATE" and "/" not in prev.value + m.value
                    and "REF" not in prev.value + m.value and m.first == prev.end + 1):
                connector = sc.words[prev.end]
                opener = self._stem(prev.first - 1) if prev.first > 0 else ""
                if connector in _DASHES or (connector in _TO and opener == "من") or (
                        connector == "و" and opener == "بين"):
                    prev.end, prev.value = m.end, f"{prev.value}/{m.value}"
                    if prev.hijri and m.hijri:
                        prev.hijri = f"{prev.hijri}/{m.hijri}"
                    continue
            out.append(m)
        return out


def _hour24(hour: int, part: str | None) -> int | None:
    """24-hour clock from a 12-hour reading and the part of day (العاشرة مساء -> 22)."""
    if part in ("AF", "EV") and hour < 12:
        hour += 12
    elif part == "MI" and hour < 6:
        hour += 12
    elif part == "NI" and 6 <= hour < 12:
        hour += 12
    elif part == "MO" and hour == 12:
        hour = 0
    return hour if 0 <= hour <= 24 else None


_BARE_WEEKDAYS = {"اثنين": 1, "ثلاثاء": 2, "اربعاء": 3, "خميس": 4, "جمعه": 5, "سبت": 6, "احد": 7}
# Words that may follow a bare year after a preposition ("في 2010 و...", "منذ 2011 حتى").
_PHRASE_FOLLOWERS = frozenset(
    {"و", "او", "ثم", "حيث", "عندما", "حين", "بعد", "قبل", "الي", "حتي", "من", "علي", "في", "كما", "وقد", "لكن", "عن",
     "الا", "اي", "وذلك", "وهو", "وهي", "وكان", "وكانت"}
)


# Which rules run at a token, by the lexicon categories it has.
_DISPATCH: dict[str, tuple[Callable[[_Parser, int], _Match | None], ...]] = {
    "MONTH": (_Parser._month,), "MONTH2": (_Parser._month,), "HMONTH": (_Parser._month,),
    "HMONTH2": (_Parser._month,), "WEEKDAY": (_Parser._weekday,), "RELDAY": (_Parser._relday,),
    "DUNIT": (_Parser._relative_unit,), "YEARCUE": (_Parser._year_cue,), "POD": (_Parser._part_of_day,),
    "POS": (_Parser._position,), "PREP": (_Parser._preposition,), "SETADV": (_Parser._set_adverb,),
    "REF": (_Parser._reference,), "DECADE": (_Parser._decade,), "UNIT": (_Parser._unit_word,),
    "NUM": (_Parser._duration,), "ORD": (_Parser._ordinal_date, _Parser._ordinal_clock), "THIS": (_Parser._this,),
    "CLOCK": (_Parser._clock,), "EVERY": (_Parser._every,), "FEW": (_Parser._duration,),
    "FEAST": (_Parser._feast,), "CENTURY": (_Parser._century,), "NOW": (_Parser._now_noun,),
    "FRAC": (_Parser._duration,), "NTH": (_Parser._nth_feast_day,), "PART": (_Parser._part_of_year,),
    "SEASON": (_Parser._season,),
}
