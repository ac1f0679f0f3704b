"""The words of Arabic dates, times and numbers, compiled into one lookup table.

Every word is written here as a reader would write it and normalized once at
import (rasd.text.normalize), so spelling variants of hamza, ta marbuta and alef
maqsura need no listing. `LEXICON` maps a normalized surface form, proclitics
included (وبعشر, لعام, بالأمس), to its readings: `{category: (value, proclitic_length)}`.
Looking a token up is one dict access, which keeps the scanners fast.
"""

from __future__ import annotations

from typing import Any

from rasd.text import normalize

# Strength of a month name: how much context it needs to count as a month.
WEAK, MEDIUM, STRONG = 0, 1, 2

# name -> (month, strength). Mashriq, Levantine, Maghrebi (Algeria/Tunisia) and Moroccan names.
GREGORIAN_MONTHS: dict[str, tuple[int, int]] = {
    "يناير": (1, STRONG), "جانفي": (1, STRONG),
    "فبراير": (2, STRONG), "فيفري": (2, STRONG), "شباط": (2, STRONG),
    "مارس": (3, MEDIUM), "آذار": (3, STRONG),
    "أبريل": (4, STRONG), "إبريل": (4, STRONG), "ابريل": (4, STRONG), "أفريل": (4, STRONG), "نيسان": (4, WEAK),
    "مايو": (5, STRONG), "ماي": (5, WEAK), "أيار": (5, STRONG),
    "يونيو": (6, STRONG), "يونيه": (6, STRONG), "جوان": (6, MEDIUM), "حزيران": (6, STRONG),
    "يوليو": (7, STRONG), "يوليه": (7, STRONG), "جويلية": (7, STRONG), "يوليوز": (7, STRONG), "تموز": (7, STRONG),
    "أغسطس": (8, STRONG), "أوت": (8, WEAK), "غشت": (8, MEDIUM), "آب": (8, WEAK),
    "سبتمبر": (9, STRONG), "شتنبر": (9, STRONG), "أيلول": (9, STRONG),
    "أكتوبر": (10, STRONG),
    "نوفمبر": (11, STRONG), "نونبر": (11, STRONG),
    "ديسمبر": (12, STRONG), "دجنبر": (12, STRONG),
}
# Two-word month names: first word -> {second word: month}.
GREGORIAN_PAIRS: dict[str, dict[str, int]] = {
    "كانون": {"الثاني": 1, "الأول": 12},
    "تشرين": {"الأول": 10, "الثاني": 11},
}
HIJRI_MONTHS: dict[str, tuple[int, int]] = {
    "محرم": (1, WEAK), "صفر": (2, WEAK), "رجب": (7, WEAK), "شعبان": (8, MEDIUM),
    "رمضان": (9, MEDIUM), "شوال": (10, STRONG),
}
HIJRI_PAIRS: dict[str, dict[str, int]] = {
    "ربيع": {"الأول": 3, "الثاني": 4, "الآخر": 4},
    "جمادى": {"الأولى": 5, "الأول": 5, "الثانية": 6, "الثاني": 6, "الآخرة": 6, "الآخر": 6},
    "ذو": {"القعدة": 11, "الحجة": 12},
    "ذي": {"القعدة": 11, "الحجة": 12},
}
# ISO weekday numbers (Monday = 1).
WEEKDAYS = {"الاثنين": 1, "الإثنين": 1, "الثلاثاء": 2, "الأربعاء": 3, "الخميس": 4, "الجمعة": 5, "السبت": 6, "الأحد": 7}
# Days counted from the publication date.
RELATIVE_DAYS = {"أمس": -1, "الأمس": -1, "البارحة": -1, "اليوم": 0, "غدا": 1, "غد": 1, "الغد": 1}
# Adjectives that place a month, week or year relative to publication.
RELATIVE_ADJECTIVES = {
    **dict.fromkeys(["الماضي", "الماضية", "الماضيين", "الماضيان", "المنصرم", "المنصرمة", "المنصرمين", "الفائت",
                     "الفائتة", "الفارط", "الفارطة", "السابق", "السابقة", "المنقضي", "المنقضية", "الأخيرة",
                     "الأخيرين"], -1),
    **dict.fromkeys(["المقبل", "المقبلة", "المقبلين", "المقبلان", "القادم", "القادمة", "القادمين", "الآتي",
                     "الآتية"], 1),
    **dict.fromkeys(["الجاري", "الجارية", "الحالي", "الحالية"], 0),
}
# Time units as counted nouns: word -> (TIMEX3 unit, count the word itself carries: 1 singular, 2 dual, 0 plural).
UNITS: dict[str, tuple[str, int]] = {
    **{w: ("S", c) for w, c in [("ثانية", 1), ("ثوان", 0), ("ثواني", 0), ("ثانيتين", 2)]},
    **{w: ("MIN", c) for w, c in [("دقيقة", 1), ("دقيقتين", 2), ("دقيقتان", 2), ("دقائق", 0)]},
    **{w: ("H", c) for w, c in [("ساعة", 1), ("ساعتين", 2), ("ساعتان", 2), ("ساعات", 0)]},
    **{w: ("D", c) for w, c in [("يوم", 1), ("يوما", 1), ("يومين", 2), ("يومان", 2), ("أيام", 0), ("أياما", 0)]},
    **{w: ("W", c) for w, c in [("أسبوع", 1), ("أسبوعا", 1), ("أسبوعين", 2), ("أسبوعان", 2), ("أسابيع", 0)]},
    **{w: ("M", c) for w, c in [("شهر", 1), ("شهرا", 1), ("شهرين", 2), ("شهران", 2), ("أشهر", 0), ("شهور", 0)]},
    **{w: ("Y", c) for w, c in [("سنة", 1), ("سنتين", 2), ("سنتان", 2), ("سنوات", 0), ("سنين", 0), ("عام", 1),
                                ("عاما", 1), ("عامين", 2), ("عامان", 2), ("أعوام", 0)]},
    **{w: ("DE", c) for w, c in [("عقد", 1), ("عقدا", 1), ("عقدين", 2), ("عقود", 0)]},
    **{w: ("CE", c) for w, c in [("قرن", 1), ("قرنا", 1), ("قرنين", 2), ("قرون", 0)]},
}
# The same units with the article, as they appear in "الأسبوع الماضي", "السنوات الخمس الماضية".
DEFINITE_UNITS: dict[str, tuple[str, int]] = {
    **{w: ("H", c) for w, c in [("الساعات", 0), ("الساعتين", 2)]},
    **{w: ("D", c) for w, c in [("الأيام", 0), ("اليومين", 2)]},
    **{w: ("W", c) for w, c in [("الأسبوع", 1), ("الأسابيع", 0), ("الأسبوعين", 2)]},
    **{w: ("M", c) for w, c in [("الشهر", 1), ("الأشهر", 0), ("الشهور", 0), ("الشهرين", 2)]},
    **{w: ("Y", c) for w, c in [("العام", 1), ("السنة", 1), ("السنوات", 0), ("الأعوام", 0), ("العامين", 2),
                                ("السنتين", 2), ("السنين", 0)]},
    **{w: ("DE", c) for w, c in [("العقد", 1), ("العقود", 0), ("العقدين", 2)]},
    "الفترة": ("X", 0),  # الفترة الماضية / المقبلة: PAST_REF / FUTURE_REF
    "الآونة": ("X", 0),  # الآونة الأخيرة
}
# Words that introduce a year number: عام 1994، العام 2010، سنة 2015، موسم 2014.
YEAR_CUES = {"عام": 1, "العام": 1, "سنة": 1, "السنة": 1, "موسم": 1, "الموسم": 1, "عامي": 2, "سنتي": 2}
# Parts of the day: noun form (صباح أمس) and adverb form (العاشرة صباحا) -> TIMEX3 part of day.
PARTS_OF_DAY = {
    "صباح": "MO", "صباحا": "MO", "فجر": "MO", "فجرا": "MO", "ضحى": "MO", "ظهر": "MI", "ظهرا": "MI",
    "عصر": "AF", "عصرا": "AF", "مساء": "EV", "مساءا": "EV", "مغرب": "EV", "ليل": "NI", "ليلا": "NI",
    "ليلة": "NI", "الليلة": "NI",
}
# Where in a period: TIMEX3 `mod` values.
POSITIONS = {
    "مطلع": "START", "أوائل": "START", "بداية": "START", "بدايات": "START", "مستهل": "START", "أول": "START",
    "منتصف": "MID", "أواسط": "MID",
    "أواخر": "END", "نهاية": "END", "نهايات": "END", "ختام": "END", "آخر": "END",
}
# Prepositions that announce a date or duration (and make a medium-strength month name count).
PREPOSITIONS = ["في", "منذ", "حتى", "خلال", "قبل", "بعد", "قبيل", "بحلول", "طوال", "طيلة", "مدة", "مدى",
                "مدار", "غضون", "بين", "من", "إلى", "حلول"]
# Adverbs that are a SET on their own.
SET_ADVERBS = {
    "يوميا": "P1D", "أسبوعيا": "P1W", "شهريا": "P1M", "سنويا": "P1Y",
    # adjectives are SETs too, as in TimeBank ("annual"): التقرير السنوي, رحلات أسبوعية
    **{article + stem + ending: value
       for stem, value in (("يومي", "P1D"), ("أسبوعي", "P1W"), ("شهري", "P1M"), ("سنوي", "P1Y"))
       for article in ("", "ال") for ending in ("", "ة")
       if article + stem + ending != "الشهري"},  # الشهري is a common family name
}
# Seasons (TIMEX3 SP, SU, FA, WI).
SEASONS = {"ربيع": "SP", "صيف": "SU", "خريف": "FA", "شتاء": "WI"}
# Vague references, TIMEX3 style.
REFERENCES = {"الآن": "PRESENT_REF", "حاليا": "PRESENT_REF", "مؤخرا": "PAST_REF", "قريبا": "FUTURE_REF"}
# Decades: التسعينيات -> 199.
DECADES = {
    article + stem + suffix: str(190 + i)
    for i, stem in enumerate(["", "", "عشرين", "ثلاثين", "أربعين", "خمسين", "ستين", "سبعين", "ثمانين", "تسعين"])
    if stem
    for suffix in ("يات", "ات")
    for article in ("", "ال")  # without the article only in "تسعينيات القرن الماضي"
}
# Era markers after a year.
ERAS = {
    "م": "G", "ميلادي": "G", "ميلادية": "G", "للميلاد": "G",
    "ه": "H", "هـ": "H", "هجري": "H", "هجرية": "H", "للهجرة": "H", "الهجري": "H", "الهجرية": "H",
}

# --- numbers -------------------------------------------------------------------------------------------------
# Cardinal words -> (value, class). Classes drive how words combine (numbers.py).
CARDINALS: dict[str, tuple[int, str]] = {
    **{w: (1, "one") for w in ["واحد", "واحدة", "أحد", "إحدى"]},
    **{w: (2, "two") for w in ["اثنان", "اثنين", "اثنتان", "اثنتين", "اثنا", "اثني", "اثنتا", "اثنتي"]},
    **{w: (v, "unit") for v, ws in [(3, ["ثلاث", "ثلاثة"]), (4, ["أربع", "أربعة"]), (5, ["خمس", "خمسة"]),
                                    (6, ["ست", "ستة"]), (7, ["سبع", "سبعة"]), (8, ["ثمان", "ثماني", "ثمانية"]),
                                    (9, ["تسع", "تسعة"])] for w in ws},
    **{w: (10, "ten") for w in ["عشر", "عشرة"]},
    **{w: (v * 10, "tens") for v, stem in [(2, "عشر"), (3, "ثلاث"), (4, "أربع"), (5, "خمس"), (6, "ست"), (7, "سبع"),
                                            (8, "ثمان"), (9, "تسع")] for w in (stem + "ون", stem + "ين")},
    **{w: (100, "hundred") for w in ["مئة", "مائة"]},
    **{w: (200, "hundred") for w in ["مئتان", "مئتين", "مئتي", "مائتان", "مائتين", "مائتي"]},
    **{stem + h: (v * 100, "hundred") for v, stem in [(3, "ثلاث"), (4, "أربع"), (5, "خمس"), (6, "ست"), (7, "سبع"),
                                                       (8, "ثمان"), (8, "ثماني"), (9, "تسع")]
       for h in ("مئة", "مائة")},
}
# Scale words -> (multiplier, count the word carries alone: 1 singular, 2 dual, 0 plural).
SCALES: dict[str, tuple[int, int]] = {
    **{w: (10**3, c) for w, c in [("ألف", 1), ("ألفا", 1), ("ألفان", 2), ("ألفين", 2), ("ألفي", 2), ("آلاف", 0)]},
    **{w: (10**6, c) for w, c in [("مليون", 1), ("مليونا", 1), ("مليونان", 2), ("مليونين", 2), ("مليوني", 2),
                                  ("ملايين", 0)]},
    **{w: (10**9, c) for w, c in [("مليار", 1), ("مليارا", 1), ("ملياران", 2), ("مليارين", 2), ("ملياري", 2),
                                  ("مليارات", 0), ("بليون", 1), ("بلايين", 0)]},
    **{w: (10**12, c) for w, c in [("تريليون", 1), ("ترليون", 1), ("تريليونات", 0)]},
}
FRACTIONS = {"نصف": 0.5, "ربع": 0.25}
# Ordinals with the article; "unit" ordinals combine with عشر (الخامس عشر) and with tens (الخامس والعشرون).
ORDINALS: dict[str, tuple[int, str]] = {
    **{w: (v, "unit") for v, ws in [(1, ["الأول", "الأولى", "الحادي", "الحادية"]), (2, ["الثاني", "الثانية"]),
                                    (3, ["الثالث", "الثالثة"]), (4, ["الرابع", "الرابعة"]),
                                    (5, ["الخامس", "الخامسة"]), (6, ["السادس", "السادسة"]),
                                    (7, ["السابع", "السابعة"]), (8, ["الثامن", "الثامنة"]),
                                    (9, ["التاسع", "التاسعة"])] for w in ws},
    **{w: (10, "ten") for w in ["العاشر", "العاشرة"]},
    **{"ال" + w: (v, "tens") for w, (v, cls) in CARDINALS.items() if cls == "tens"},
}
CURRENCIES = {
    "دولار": ["دولار", "دولارا", "دولارات"], "ريال": ["ريال", "ريالا", "ريالات"], "يورو": ["يورو"],
    "جنيه": ["جنيه", "جنيها", "جنيهات"], "دينار": ["دينار", "دينارا", "دنانير"], "درهم": ["درهم", "درهما", "دراهم"],
    "ليرة": ["ليرة", "ليرات"], "روبل": ["روبل", "روبلا"], "ين": ["ين"], "يوان": ["يوان"], "فرنك": ["فرنك", "فرنكا"],
    "روبية": ["روبية", "روبيات"], "شيكل": ["شيكل", "شيكلا"], "تومان": ["تومان"], "جنيه إسترليني": ["إسترليني"],
}
# Words after a number that are not what it counts.
FUNCTION_WORDS = [
    "و", "في", "من", "إلى", "على", "عن", "مع", "أو", "ثم", "حتى", "بعد", "قبل", "الذي", "التي", "الذين", "هذا",
    "هذه", "ذلك", "تلك", "أن", "إن", "أنه", "إنه", "كما", "لكن", "بل", "قد", "لقد", "لم", "لن", "لا", "ما", "هو",
    "هي", "هم", "كان", "كانت", "بين", "عند", "حيث", "عندما", "حين", "منذ", "خلال", "نحو", "حوالي", "أي", "كل",
    "فقط", "أيضا", "فيما", "بينما", "وفي", "ومن", "وهو", "وهي", "إذ", "إذا", "بعدما", "وقد", "تم", "يتم",
]
# Proclitics a word may carry, and which of them each kind of word accepts.
_ALL_CLITICS = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل")
_CONJ_CLITICS = ("", "و", "ف")
# Words that a clitic plus a lexicon word would wrongly produce (لست "I am not", لامس "touched", باب "door").
_COLLISIONS = {"لست", "بست", "فست", "كست", "لامس", "باب", "كاب", "لاب", "وست"}
# Words that start with ال without it being the article.
_NOT_ARTICLE = {normalize(w) for w in ("ألف", "ألفا", "ألفان", "ألفين", "ألفي", "آلاف")}

LEXICON: dict[str, dict[str, tuple[Any, int]]] = {}


def _add(words: dict[str, Any] | list[str], category: str, clitics: tuple[str, ...] = _ALL_CLITICS) -> None:
    """Enter `words` (dict word -> value, or a list valued None) under `category` with their clitic forms."""
    items = words.items() if isinstance(words, dict) else ((w, None) for w in words)
    for word, value in items:
        base = normalize(word)
        article = base.startswith("ال") and base not in _NOT_ARTICLE
        for clitic in clitics:
            surface = clitic[:-1] + "لل" + base[2:] if article and clitic.endswith("ل") else clitic + base
            if clitic and surface in _COLLISIONS:
                continue
            plen = len(surface) - len(base)  # للعام keeps its lam: the article's alef is what was elided
            LEXICON.setdefault(surface, {}).setdefault(category, (value, plen))


for _table, _cat in ((GREGORIAN_MONTHS, "MONTH"), (HIJRI_MONTHS, "HMONTH")):
    # a weak name takes only و/ف: with ب or ل it would collide with common words (آب -> باب)
    _add({w: v for w, v in _table.items() if v[1] == STRONG}, _cat)
    _add({w: v for w, v in _table.items() if v[1] != STRONG}, _cat, _CONJ_CLITICS)
_add({w: {normalize(k): v for k, v in d.items()} for w, d in GREGORIAN_PAIRS.items()}, "MONTH2")
_add({w: {normalize(k): v for k, v in d.items()} for w, d in HIJRI_PAIRS.items()}, "HMONTH2")
_add(WEEKDAYS, "WEEKDAY")
_add(RELATIVE_DAYS, "RELDAY")
_add(RELATIVE_ADJECTIVES, "REL", ("",))
_add(UNITS, "UNIT")
_add(DEFINITE_UNITS, "DUNIT")
_add(YEAR_CUES, "YEARCUE")
_add(PARTS_OF_DAY, "POD")
_add(POSITIONS, "POS")
_add(PREPOSITIONS, "PREP", _CONJ_CLITICS + ("ل", "ول", "ب", "وب"))
_add(SET_ADVERBS, "SETADV")
_add(REFERENCES, "REF", _CONJ_CLITICS)
_add(DECADES, "DECADE")
_add(ERAS, "ERA", ("",))
_add(CARDINALS, "NUM")
_add(SCALES, "SCALE")
_add(FRACTIONS, "FRAC", _CONJ_CLITICS)
_add(ORDINALS, "ORD")
_add({form: name for name, forms in CURRENCIES.items() for form in forms}, "CURRENCY", ("",))
# Single words that open a pattern of their own.
_add({"هذا": 0, "هذه": 0}, "THIS", _CONJ_CLITICS + ("ل", "ب", "ول", "وب"))
_add(["الساعة"], "CLOCK")
_add(["كل"], "EVERY", _CONJ_CLITICS)
_add(["عدة", "بضع", "بضعة"], "FEW")
_add(["عيد", "العيد"], "FEAST")
_add({"ثاني": 1, "ثالث": 2, "رابع": 3}, "NTH")  # ثاني أيام العيد
_add({"النصف": "H", "الربع": "Q"}, "PART")  # النصف الأول من العام
_add({"ال" * article + w: code for w, code in SEASONS.items() for article in (0, 1)}, "SEASON")
_add(["القرن"], "CENTURY")
_add(["الوقت"], "NOW")

FUNCTION_SET = frozenset(normalize(w) for w in FUNCTION_WORDS)
# Categories a token must have to open a time expression or a number (the others only qualify one).
_TIME_OPENING = {"MONTH", "MONTH2", "HMONTH", "HMONTH2", "WEEKDAY", "RELDAY", "DUNIT", "YEARCUE", "POD", "POS",
                 "SETADV", "REF", "DECADE", "UNIT", "NUM", "ORD", "THIS", "CLOCK", "EVERY", "FEW", "FEAST",
                 "CENTURY", "NOW", "FRAC", "NTH", "PART", "SEASON"}
_OPENING_PREPOSITIONS = {normalize(w) for w in ("قبل", "بعد", "منذ", "خلال", "مدة", "طوال", "طيلة", "مدى", "مدار",
                                                 "غضون")}
TIME_OPENERS = frozenset(
    w for w, readings in LEXICON.items()
    if readings.keys() & _TIME_OPENING or ("PREP" in readings and w[readings["PREP"][1]:] in _OPENING_PREPOSITIONS)
)
NUMBER_OPENERS = frozenset(w for w, readings in LEXICON.items() if readings.keys() & {"NUM", "SCALE", "FRAC", "ORD"})
