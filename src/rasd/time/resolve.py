"""Calendar arithmetic: turning a relative or partial expression into a TIMEX3 value.

Every function takes the publication date (`pub`, None when unknown) and
returns a value string. Without a publication date nothing is guessed: the
unknown fields stay `X` (`XXXX-12-19`, `XXXX-XX-XX` for أمس, `XXXX-WXX-2`
for a bare Tuesday).

Rules for what news means by a name without a year (documented choices):
- a month with الماضي is its last occurrence before the publication month,
  with المقبل its next one after, with الجاري/الحالي the publication year;
- a bare month (or day and month) is the occurrence nearest to publication,
  ties going to the past (news mostly reports what happened);
- a weekday with الماضي is the last one strictly before publication, with
  المقبل/القادم the next one strictly after; a bare weekday is the nearest one
  on or before publication, or on or after it when the sentence speaks of
  the future (س- verbs, من المقرر ...).
The same rules hold for Hijri months, counted in the Hijri calendar.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from hijridate import Gregorian, Hijri

UNKNOWN_DAY = "XXXX-XX-XX"


def day(d: date | None) -> str:
    return d.isoformat() if d else UNKNOWN_DAY


def shift_days(pub: date | None, days: int) -> str:
    return day(pub + timedelta(days=days)) if pub else UNKNOWN_DAY


def shift_weeks(pub: date | None, weeks: int) -> str:
    if pub is None:
        return "XXXX-WXX"
    year, week, _ = (pub + timedelta(weeks=weeks)).isocalendar()
    return f"{year}-W{week:02d}"


def shift_months(pub: date | None, months: int) -> str:
    if pub is None:
        return "XXXX-XX"
    index = pub.year * 12 + pub.month - 1 + months
    return f"{index // 12}-{index % 12 + 1:02d}"


def shift_years(pub: date | None, years: int) -> str:
    return str(pub.year + years) if pub else "XXXX"


def shift(pub: date | None, unit: str, count: int) -> str:
    """The date `count` units (D, W, M, Y) from publication, at that unit's precision."""
    if unit == "D":
        return shift_days(pub, count)
    if unit == "W":
        return shift_weeks(pub, count)
    if unit == "M":
        return shift_months(pub, count)
    return shift_years(pub, count)


def month_year(cur_year: int, cur_month: int, month: int, rel: int | None, dom: int | None = None,
               cur_day: int = 15) -> int:
    """The year of `month` (day `dom`, if given) relative to (cur_year, cur_month, cur_day): see the module rules."""
    here = (cur_month, cur_day if dom else 0)
    there = (month, dom or 0)
    if rel == -1:
        return cur_year if there < here else cur_year - 1
    if rel == 1:
        return cur_year if there > here else cur_year + 1
    if rel == 0:
        return cur_year
    now = cur_month * 31 + cur_day
    return min((cur_year - 1, cur_year, cur_year + 1),
               key=lambda y: (abs((y - cur_year) * 372 + month * 31 + (dom or 15) - now), y > cur_year))


def weekday(pub: date | None, iso_day: int, rel: int | None, future: bool = False) -> str:
    """The date of a weekday (ISO number) relative to publication."""
    if pub is None:
        return f"XXXX-WXX-{iso_day}"
    delta = (iso_day - pub.isoweekday()) % 7
    if rel == 1 or (rel is None and future):
        return day(pub + timedelta(days=delta or (7 if rel == 1 else 0)))
    back = (pub.isoweekday() - iso_day) % 7
    return day(pub - timedelta(days=back or (7 if rel == -1 else 0)))


def gregorian_date(year: int | None, month: int, dom: int | None) -> str | None:
    """YYYY-MM(-DD) with X for an unknown year; None when the day does not exist."""
    if dom is not None:
        try:
            date(year or 2000, month, dom)
        except ValueError:
            return None
        return f"{year:04d}-{month:02d}-{dom:02d}" if year else f"XXXX-{month:02d}-{dom:02d}"
    return f"{year:04d}-{month:02d}" if year else f"XXXX-{month:02d}"


@lru_cache(maxsize=4096)
def hijri_today(pub: date | None) -> tuple[int, int, int] | None:
    """The Hijri date of `pub` (cached: a corpus has few distinct publication dates)."""
    if pub is None:
        return None
    try:
        h = Gregorian(pub.year, pub.month, pub.day).to_hijri()
    except (OverflowError, ValueError):
        return None
    return h.year, h.month, h.day


def hijri_to_gregorian(year: int, month: int, dom: int | None) -> str | None:
    """Gregorian value of a Hijri day, or the interval of a Hijri month; None outside hijridate's range."""
    try:
        if dom is not None:
            return Hijri(year, month, dom).to_gregorian().isoformat()
        first = Hijri(year, month, 1)
        last = Hijri(year, month, first.month_length())
        return f"{first.to_gregorian().isoformat()}/{last.to_gregorian().isoformat()}"
    except (OverflowError, ValueError):
        return None


def hijri_year_to_gregorian(year: int) -> str | None:
    """The interval of Gregorian days a Hijri year covers."""
    try:
        first = Hijri(year, 1, 1).to_gregorian()
        last = Hijri(year, 12, Hijri(year, 12, 1).month_length()).to_gregorian()
    except (OverflowError, ValueError):
        return None
    return f"{first.isoformat()}/{last.isoformat()}"


def hijri_year_of(pub: date | None) -> int | None:
    h = hijri_today(pub)
    return h[0] if h else None


def nearest_hijri_day(pub: date | None, month: int, dom: int) -> tuple[str, str]:
    """(Gregorian value, Hijri value) of the occurrence of a Hijri day nearest to publication (feasts)."""
    h = hijri_today(pub)
    if h is None or pub is None:
        return UNKNOWN_DAY, f"XXXX-{month:02d}-{dom:02d}"
    best: tuple[int, str, str] | None = None
    for year in (h[0] - 1, h[0], h[0] + 1):
        value = hijri_to_gregorian(year, month, dom)
        if value is None:
            continue
        distance = abs((date.fromisoformat(value) - pub).days)
        if best is None or distance < best[0]:
            best = (distance, value, f"{year}-{month:02d}-{dom:02d}")
    if best is None:
        return UNKNOWN_DAY, f"XXXX-{month:02d}-{dom:02d}"
    return best[1], best[2]
