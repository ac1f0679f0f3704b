"""Time expressions: real news sentences, one rule family at a time, then the dev-set scorer."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from rasd.time import evaluate_times, find_times, format_report
from rasd.time.scan import scan
from rasd.time.times import _Parser

PUB = date(2010, 12, 11)  # a Saturday
PUB_2015 = date(2015, 8, 4)  # a Tuesday; Hijri 1436-10-19
DEV = Path(__file__).resolve().parent.parent / "dev" / "time" / "dev.jsonl"


def values(text: str, published: date | None = PUB) -> dict[str, str]:
    return {t.text: t.value for t in find_times(text, published)}


def test_news_article_sentences() -> None:
    got = values(
        "التقى في موسكو أمس رؤساء بلدان الفضاء السوفياتي السابق في أعقاب اجتماع مماثل عقده أمس أيضا وزراء "
        "الخارجية. واستعرض نتائج مباحثاته في لشبونة في نوفمبر (تشرين الثاني) الماضي. وأقر خطة العمل خلال "
        "الفترة 2011 - 2012. وتجري الانتخابات الرئاسية يوم 19 ديسمبر (كانون الأول) الجاري ويخوضها لوكاشينكو "
        "الذي فاز بولايته الأولى في عام 1994. وأقروا في فبراير (شباط) من العام الماضي إنشاء القوات."
    )
    assert got == {
        "أمس": "2010-12-10",
        "نوفمبر (تشرين الثاني) الماضي": "2010-11",
        "2011 - 2012": "2011/2012",
        "يوم 19 ديسمبر (كانون الأول) الجاري": "2010-12-19",
        "عام 1994": "1994",
        "فبراير (شباط) من العام الماضي": "2009-02",
    }


def test_offsets_point_into_the_original_text_sorted_and_disjoint() -> None:
    text = "وقال المتحدث إن الوفد وصل صباحَ أمسِ، وسيغادر بعد غد الأربعاء، ولم يلتق أحدا منذ ١٥ يوما."
    found = find_times(text, PUB)
    assert [t.text for t in found] == ["صباحَ أمسِ", "بعد غد الأربعاء", "١٥ يوما"]
    for t in found:
        assert text[t.start : t.end] == t.text
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))


def test_proclitics_stay_outside_the_span() -> None:
    text = "وأمس أعلن الوزير أن الخطة لعام 2015 جاهزة"
    assert [t.text for t in find_times(text, PUB_2015)] == ["أمس", "عام 2015"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("أدى الأمير صلاة الميت عقب صلاة العصر اليوم", {"اليوم": "2015-08-04"}),
        ("وصل الوفد أول أمس إلى جدة", {"أول أمس": "2015-08-02"}),
        ("أقام النادي أمس الأول مسامرة شعرية", {"أمس الأول": "2015-08-02"}),
        ("تنطلق البطولة غدا الأربعاء", {"غدا الأربعاء": "2015-08-05"}),
        ("تعقد الجلسة بعد غد", {"بعد غد": "2015-08-06"}),
        ("وقع الحادث قبل ثلاثة أيام", {"قبل ثلاثة أيام": "2015-08-01"}),
        ("عاد إلى بلاده قبل عامين", {"قبل عامين": "2013"}),
        ("نشر التقرير الأسبوع الماضي", {"الأسبوع الماضي": "2015-W31"}),
        ("ترتفع الأسعار الشهر المقبل", {"الشهر المقبل": "2015-09"}),
        ("حقق أرباحا هذا العام", {"هذا العام": "2015"}),
        ("تراجعت الصادرات العام الماضي", {"العام الماضي": "2014"}),
        ("يطرح المشروع بداية العام المقبل 2016", {"بداية العام المقبل 2016": "2016"}),
        ("ستشهد الأيام المقبلة تحسنا", {"الأيام المقبلة": "FUTURE_REF"}),
        ("يعمل حاليا على المشروع وصدر مؤخرا", {"حاليا": "PRESENT_REF", "مؤخرا": "PAST_REF"}),
    ],
)
def test_days_weeks_months_years_relative_to_publication(text: str, expected: dict[str, str]) -> None:
    assert values(text, PUB_2015) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وقعت الاتفاقية الثلاثاء الماضي", "2015-07-28"),  # the Tuesday before, not publication day
        ("تبدأ الدراسة الأحد المقبل", "2015-08-09"),
        ("أعلنت الوزارة الاثنين عن النتائج", "2015-08-03"),  # bare weekday: the latest one
        ("سيعقد المجلس اجتماعه الخميس", "2015-08-06"),  # future verb: the next one
        ("سافر يوم الأربعاء الماضي", "2015-07-29"),
    ],
)
def test_weekdays(text: str, expected: str) -> None:
    assert list(values(text, PUB_2015).values()) == [expected]


def test_coordinated_weekdays_share_the_adjective() -> None:
    got = values("نشرت الصحف عناوين عن الاتفاق يومي الثلاثاء والأربعاء الماضيين", date(2015, 7, 21))
    assert got == {"يومي الثلاثاء": "2015-07-14", "الأربعاء الماضيين": "2015-07-15"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("تستمر الدورة حتى يوم 15 أغسطس (آب) المقبل", {"يوم 15 أغسطس (آب) المقبل": "2015-08-15"}),
        ("أعلنت الوزارة في شهر يونيو الماضي", {"شهر يونيو الماضي": "2015-06"}),
        ("يلتقي الفريقان الخميس الـ30 من شهر يوليو الجاري", {"الخميس الـ30 من شهر يوليو الجاري": "2015-07-30"}),
        ("تبدأ الدراسة في الأول من سبتمبر المقبل", {"الأول من سبتمبر المقبل": "2015-09-01"}),
        ("قبل اجتياح صنعاء في الحادي والعشرين من سبتمبر من العام الماضي",
         {"الحادي والعشرين من سبتمبر من العام الماضي": "2014-09-21"}),
        ("منذ 27 نوفمبر 2014", {"27 نوفمبر 2014": "2014-11-27"}),
        ("خلال الفترة من 8 إلى 12 نوفمبر 2015م", {"8 إلى 12 نوفمبر 2015م": "2015-11-08/2015-11-12"}),
        ("وقعت في ديسمبر/كانون الأول 2014", {"ديسمبر/كانون الأول 2014": "2014-12"}),
        ("تنتهي المهلة في جويلية المقبل", {"جويلية المقبل": "2016-07"}),
        ("صدر القرار بتاريخ 4/8/2015م", {"4/8/2015م": "2015-08-04"}),
    ],
)
def test_explicit_dates(text: str, expected: dict[str, str]) -> None:
    assert values(text, PUB_2015) == expected


def test_month_without_year_takes_the_nearest_occurrence() -> None:
    assert values("يفتتح المعرض في يناير", PUB) == {"يناير": "2011-01"}  # 1 month ahead, not 11 back
    assert values("افتتح المعرض في أكتوبر", PUB) == {"أكتوبر": "2010-10"}


def test_weak_month_names_need_context() -> None:
    assert values("مارس الضغط على الحكومة لسنوات", PUB_2015) == {"سنوات": "PXY"}
    assert values("وفي مارس الماضي، وفي ماي 2015", PUB_2015) == {"مارس الماضي": "2015-03", "ماي 2015": "2015-05"}
    assert values("فتح الباب أمام الجميع", PUB_2015) == {}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("بدأ المهرجان منذ عام 1946", {"عام 1946": "1946"}),
        ("وقع ذلك في 2011 قبل الأزمة", {"2011": "2011"}),
        ("خلال الحرب بين 1998 و1999", {"1998 و1999": "1998/1999"}),
        ("في الفترة من 2011 إلى 2014", {"2011 إلى 2014": "2011/2014"}),
        ("شهدت التسعينيات من القرن الماضي نموا", {"التسعينيات من القرن الماضي": "199"}),
        ("منذ عشرينات القرن الماضي", {"عشرينات القرن الماضي": "192"}),
        ("ارتفعت الأرباح في النصف الأول من العام الجاري", {"النصف الأول من العام الجاري": "2015-H1"}),
        ("في صيف عام 2013", {"صيف عام 2013": "2013-SU"}),
    ],
)
def test_years_decades_ranges(text: str, expected: dict[str, str]) -> None:
    assert values(text, PUB_2015) == expected


def test_a_number_is_a_year_only_with_a_cue() -> None:
    assert values("وصل 2000 جندي إلى المدينة", PUB_2015) == {}
    assert values("شارك في 2000 جندي", PUB_2015) == {}


def test_positions_carry_a_timex3_mod() -> None:
    found = _Parser(scan("في أواخر الشهر الجاري ومطلع العام المقبل"), PUB_2015).run()
    assert [(m.value, m.mod) for m in found] == [("2015-08", "END"), ("2016", "START")]
    assert values("منتصف يوليو", PUB_2015) == {"منتصف يوليو": "2015-07"}


@pytest.mark.parametrize(
    ("text", "expected", "hijri"),
    [
        ("في 5 محرم 1432 هـ", "2010-12-11", "1432-01-05"),
        ("بيش 25 شوال 1436 هـ", "2015-08-10", "1436-10-25"),
        ("صدر بتاريخ 19/10/1436هـ", "2015-08-04", "1436-10-19"),
        ("تمديد المهلة حتى 30 /10 / 1436هـ", "2015-08-15", "1436-10-30"),
        ("خلال شهر رمضان 1435", "2014-06-28/2014-07-27", "1435-09"),
        ("المركز الصيفي لعام 1436ه", "2014-10-25/2015-10-13", "1436"),
        ("تبدأ الانتخابات في شهر ذي القعدة المقبل", "2015-08-16/2015-09-13", "1436-11"),
        ("احتفالات عيد الفطر المبارك", "2015-07-17", "1436-10-01"),
    ],
)
def test_hijri_dates_become_gregorian_and_keep_their_hijri_value(text: str, expected: str, hijri: str) -> None:
    (t,) = find_times(text, PUB_2015)
    assert (t.value, t.hijri) == (expected, hijri)


def test_arabic_indic_and_persian_digits() -> None:
    got = values("في ٢٠ يوليو ٢٠١٥ وفي ۱۵ أغسطس", PUB_2015)
    assert got == {"٢٠ يوليو ٢٠١٥": "2015-07-20", "۱۵ أغسطس": "2015-08-15"}
    assert values("ميزانية لعام ١٤٣٧/١٤٣٨ه", PUB_2015) == {"عام ١٤٣٧/١٤٣٨ه": "2015-10-14/2017-09-20"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("تبدأ المباراة الساعة الثالثة مساء", {"الساعة الثالثة مساء": "2015-08-04T15:00"}),
        ("بحلول الساعة 14:30", {"الساعة 14:30": "2015-08-04T14:30"}),
        ("تعقد الجلسة الساعة العاشرة والنصف من صباح اليوم",
         {"الساعة العاشرة والنصف من صباح اليوم": "2015-08-04T10:30"}),
        ("يلاقي فريق الهلال في السادسة والنصف من مساء اليوم", {"السادسة والنصف من مساء اليوم": "2015-08-04T18:30"}),
        ("ورد بلاغ في 11:30 مساء، أمس", {"11:30 مساء، أمس": "2015-08-03T23:30"}),
        ("وصل الوفد صباح أمس", {"صباح أمس": "2015-08-03TMO"}),
        ("وغادر مساء اليوم", {"مساء اليوم": "2015-08-04TEV"}),
        ("وقعت الاشتباكات الليلة الماضية", {"الليلة الماضية": "2015-08-03TNI"}),
    ],
)
def test_clock_times_and_parts_of_day(text: str, expected: dict[str, str]) -> None:
    assert values(text, PUB_2015) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("تستمر الفعالية ثلاثة أيام", {"ثلاثة أيام": "P3D"}),
        ("التحقيق مستمر منذ عشر سنوات", {"عشر سنوات": "P10Y"}),
        ("لمدة ساعتين", {"ساعتين": "PT2H"}),
        ("استغرقت العملية حوالى 10 ساعات", {"حوالى 10 ساعات": "PT10H"}),
        ("بعد أكثر من شهر من التفجير", {"أكثر من شهر": "P1M"}),
        ("خلال الـ 24 ساعة الأخيرة", {"الـ 24 ساعة الأخيرة": "PT24H"}),
        ("سمح لهم لمدة ربع ساعة فقط", {"ربع ساعة": "PT15M"}),
        ("على مدى السنوات الثلاث الماضية", {"السنوات الثلاث الماضية": "P3Y"}),
        ("عام ونصف", {"عام ونصف": "P1Y6M"}),
        ("يكلفه السجن من 3 إلى 5 سنوات", {"3 إلى 5 سنوات": "P3Y/P5Y"}),
        ("يعقد المؤتمر كل أسبوع", {"كل أسبوع": "P1W"}),
        ("تقام كل ثلاثة أشهر", {"كل ثلاثة أشهر": "P3M"}),
        ("يصدر التقرير سنويا", {"سنويا": "P1Y"}),
    ],
)
def test_durations_and_sets(text: str, expected: dict[str, str]) -> None:
    assert values(text, PUB_2015) == expected


def test_types() -> None:
    types = {t.text: t.type for t in find_times("صباح أمس لمدة ثلاثة أيام كل أسبوع في 2011", PUB_2015)}
    assert types == {"صباح أمس": "TIME", "ثلاثة أيام": "DURATION", "كل أسبوع": "SET", "2011": "DATE"}


@pytest.mark.parametrize(
    "text",
    [
        "احتفلت المملكة باليوم الوطني",  # a name, not today
        "وقال لـ«اليوم» إن المشروع جاهز",  # the newspaper
        "حنان الحامدي – عين اليوم",
        "حصل على الترتيب في اليوم التالي",
        "ثم قال بعد ذلك إنه سيعود",  # بعد alone
        "في الساعة الأولى من المباراة",
        "يوجد على بعد 1400 سنة ضوئية",
        "لقي مواطن في العشرينات من العمر مصرعه",
        "كل عام وأنتم بخير",
        "سواء كان قريبا أو بعيدا",
    ],
)
def test_false_positives(text: str) -> None:
    assert find_times(text, PUB_2015) == []


def test_without_publication_date_values_stay_partial() -> None:
    got = values("التقى الرئيسان أمس واتفقا على لقاء يوم 19 ديسمبر الجاري وآخر الثلاثاء المقبل في الشهر المقبل",
                 None)
    assert got == {"أمس": "XXXX-XX-XX", "يوم 19 ديسمبر الجاري": "XXXX-12-19", "الثلاثاء المقبل": "XXXX-WXX-2",
                   "الشهر المقبل": "XXXX-XX"}
    assert values("في عام 1994 وفي 5 محرم", None) == {"عام 1994": "1994", "5 محرم": "XXXX-XX-XX"}
    (hijri,) = find_times("في 5 محرم", None)
    assert hijri.hijri == "XXXX-01-05"


def test_a_stated_weekday_corrects_a_late_publication_date() -> None:
    # crawled on Saturday, written on the Wednesday it names
    got = values("حجبت تركيا الدخول لموقع تويتر اليوم الأربعاء بعد تفجير وقع قبل يومين", date(2015, 7, 25))
    assert got == {"اليوم الأربعاء": "2015-07-22", "قبل يومين": "2015-07-20"}


def test_evaluate_times_scores_strict_relaxed_and_values(tmp_path: Path) -> None:
    text = "وصل الوفد أمس ويغادر يوم الخميس المقبل"
    gold = [
        {"start": text.index(span), "end": text.index(span) + len(span), "text": span, "type": "DATE", "value": value}
        for span, value in (("أمس", "2015-08-03"), ("يوم الخميس المقبل", "2015-08-07"))
    ]
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"id": "a", "published": "2015-08-04", "text": text, "times": gold}) + "\n")
    result = evaluate_times(path)
    assert result["strict"]["f1"] == 1.0
    assert result["value_accuracy"] == 0.5  # the next Thursday is 2015-08-06, the gold value is wrong on purpose
    assert "strict   P 1.000" in format_report(result)
    nothing = evaluate_times(path, lambda text, published: [])
    assert nothing["relaxed"]["recall"] == 0.0 and nothing["predicted"] == 0


@pytest.mark.skipif(not DEV.exists(), reason="dev set not present")
def test_dev_set_spans_match_its_text_and_score_well() -> None:
    rows = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines()]
    assert sum(len(r["times"]) for r in rows) >= 200
    for r in rows:
        for g in r["times"]:
            assert r["text"][g["start"] : g["end"]] == g["text"]
    result = evaluate_times(DEV, keep_errors=False)
    assert result["relaxed"]["f1"] > 0.9 and result["value_accuracy"] > 0.85


def test_every_opening_category_has_rules() -> None:
    from rasd.time.lexicon import _TIME_OPENING
    from rasd.time.times import _DISPATCH

    assert set(_DISPATCH) == _TIME_OPENING | {"PREP"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("عند الساعة العاشرة وعشرين دقيقة صباح أمس الجمعة",
         {"الساعة العاشرة وعشرين دقيقة صباح أمس الجمعة": "2015-07-31T10:20"}),
        ("فتح باب القبول للعام الجامعي 1436/1437هـ", {"للعام الجامعي 1436/1437هـ": "2014-10-25/2016-10-01"}),
        ("نتائج التعداد لسنة (2014 - 2015)", {"سنة (2014 - 2015)": "2014/2015"}),
        ("يشهد المنتدى كل ليلة عروضا", {"كل ليلة": "XXXX-XX-XXTNI"}),
        ("أبرم الأمين خمسة عقود لمشاريع جديدة", {}),  # contracts, not decades
        ("خلال الـ6 الأشهر الماضية", {"الـ6 الأشهر الماضية": "P6M"}),
        ("شهدت الأيام القليلة الماضية أمطارا", {"الأيام القليلة الماضية": "PAST_REF"}),
        ("ضج تويتر منذ يوم أمس", {"يوم أمس": "2015-07-31"}),
        ("وصل الملك اليوم إلى المغرب", {"اليوم": "2015-08-01"}),
        ("ثاني أيام عيد الفطر", {"ثاني أيام عيد الفطر": "2015-07-18"}),
    ],
)
def test_more_news_phrasings(text: str, expected: dict[str, str]) -> None:
    assert values(text, date(2015, 8, 1)) == expected
