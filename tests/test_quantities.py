"""Quantities: numbers in words and digits, with clitics, scales, percentages, money and counted nouns."""

from __future__ import annotations

from datetime import date

import pytest

from rasd.time import find_quantities, find_times


def found(text: str) -> list[tuple[str, int | float, str | None, str]]:
    return [(q.text, q.value, q.unit, q.kind) for q in find_quantities(text)]


def test_seed_style_sentences() -> None:
    assert found("الاتفاق حول إمداد كازاخستان بعشر من منظومات الصواريخ") == [("بعشر", 10, "منظومات", "count")]
    assert found("قوات الانتشار السريع التي قد يبلغ عددها 15000 جندي") == [("15000", 15000, "جندي", "count")]
    assert found("الاجتماع مدعو لبحث أكثر من 30 موضوعا") == [("30", 30, "موضوعا", "count")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وثلاثة جرحى", [("وثلاثة", 3, "جرحى", "count")]),
        ("ولخمسة أشخاص", [("ولخمسة", 5, "أشخاص", "count")]),
        ("خمسة عشر ألفا من الجنود", [("خمسة عشر ألفا", 15000, "الجنود", "count")]),
        ("مليون ونصف لاجئ", [("مليون ونصف", 1500000, "لاجئ", "count")]),
        ("3 ملايين نسمة", [("3 ملايين", 3000000, "نسمة", "count")]),
        ("ثلاثمائة وخمسون طالبا", [("ثلاثمائة وخمسون", 350, "طالبا", "count")]),
        ("نصف مليون نسمة", [("نصف مليون", 500000, "نسمة", "count")]),
        ("خمسة وعشرون لاعبا", [("خمسة وعشرون", 25, "لاعبا", "count")]),
        ("ثلاثة آلاف زائر", [("ثلاثة آلاف", 3000, "زائر", "count")]),
    ],
)
def test_number_words_with_clitics_and_compounds(text: str, expected: list) -> None:
    assert found(text) == expected


def test_a_list_of_numbers_stays_separate() -> None:
    assert [q.value for q in find_quantities("بين ثلاثة وأربعة")] == [3, 4]


@pytest.mark.parametrize(
    ("text", "value"),
    [("15,000", 15000), ("15٬000", 15000), ("١٥٬٠٠٠", 15000), ("3.5", 3.5), ("3,5", 3.5), ("٣٫٥", 3.5),
     ("1.500.000", 1500000), ("۲۵", 25)],
)
def test_digits_and_separators(text: str, value: int | float) -> None:
    (q,) = find_quantities(f"وصل {text} زائر")
    assert (q.text, q.value) == (text, value)


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("ارتفع المؤشر بنسبة 30%", "30%", 30),
        ("ارتفع المؤشر 30 في المئة", "30 في المئة", 30),
        ("بنسبة 12.5 بالمئة", "12.5 بالمئة", 12.5),
        ("بزيادة قدرها 13.2 في المائة", "13.2 في المائة", 13.2),
        ("بنسبة %15 تقريبا", "%15", 15),
    ],
)
def test_percentages(text: str, span: str, value: float) -> None:
    (q,) = find_quantities(text)
    assert (q.text, q.value, q.unit, q.kind) == (span, value, "%", "percent")


@pytest.mark.parametrize(
    ("text", "span", "value", "currency"),
    [
        ("بلغت الصادرات ملياري دولار", "ملياري", 2_000_000_000, "دولار"),
        ("بتكلفة 300 مليون ريال", "300 مليون", 300_000_000, "ريال"),
        ("استثمارات بقيمة 2.5 مليار يورو", "2.5 مليار", 2_500_000_000, "يورو"),
        ("دفع 50 ألف دولار لشخصين", "50 ألف", 50_000, "دولار"),
        ("براتب مقطوع 3000 ريال", "3000", 3000, "ريال"),
        ("أرباحا بلغت 371 مليون دينار", "371 مليون", 371_000_000, "دينار"),
    ],
)
def test_money(text: str, span: str, value: int, currency: str) -> None:
    (q,) = find_quantities(text)
    assert (q.text, q.value, q.unit, q.kind) == (span, value, currency, "money")


def test_ordinals() -> None:
    assert found("في الدورة الخامس عشر للمهرجان") == [("الخامس عشر", 15, None, "ordinal")]
    assert found("للمرة الحادية والعشرين") == [("الحادية والعشرين", 21, None, "ordinal")]


def test_wahid_counts_only_after_its_noun() -> None:
    assert found("واحد من أبرز القادة") == []
    assert found("في آن واحد") == []
    assert found("قتل جندي واحد") == [("واحد", 1, "جندي", "count")]


def test_names_that_are_not_amounts() -> None:
    assert found("منظومات الصواريخ من طراز «إس - 300» والطائرات إف-16") == []
    assert found("قرار مجلس الأمن رقم 2231") == []
    assert found("وقع ذلك في 2015") == []  # a year the time rules may leave to the caller


def test_spans_already_taken_by_dates_are_skipped() -> None:
    text = "في 19 ديسمبر 2015 وصل 2000 جندي خلال ثلاثة أيام"
    times = find_times(text, date(2015, 12, 11))
    assert [t.text for t in times] == ["19 ديسمبر 2015", "ثلاثة أيام"]
    quantities = find_quantities(text, exclude=[(t.start, t.end) for t in times])
    assert [(q.text, q.value, q.unit) for q in quantities] == [("2000", 2000, "جندي")]
    assert [q.text for q in find_quantities(text)] == ["2000", "ثلاثة"]  # a day or year by a month is no amount


def test_offsets_index_the_original_text() -> None:
    text = "وتضم القافلةُ ٣٥٠ شاحنةً وعشرين سيارةً"
    quantities = find_quantities(text)
    assert [(q.text, q.value) for q in quantities] == [("٣٥٠", 350), ("وعشرين", 20)]
    for q in quantities:
        assert text[q.start : q.end] == q.text
