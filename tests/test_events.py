"""The event coder on real Arabic news sentences, with hand-made entities standing in for the linker."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from rasd.document import Document, Entity, Mention, Quantity, TimeExpr
from rasd.events import code_events, evaluate_events, format_event_scores
from rasd.events.coder import find_triggers
from rasd.events.evaluate import match_events
from rasd.events.lexicon import _UNKNOWN, load_lexicon, noun_forms, verb_forms
from rasd.text import annotate_text, normalize

# surface forms -> (type, English name, country, actor code, subtype)
KNOWN = {
    ("روسيا",): ("LOC", "Russia", "RUS", "RUS", "country"),
    ("كازاخستان",): ("LOC", "Kazakhstan", "KAZ", "KAZ", "country"),
    ("بيلاروسيا",): ("LOC", "Belarus", "BLR", "BLR", "country"),
    ("إيران",): ("LOC", "Iran", "IRN", "IRN", "country"),
    ("تركيا",): ("LOC", "Turkey", "TUR", "TUR", "country"),
    ("السعودية", "المملكة"): ("LOC", "Saudi Arabia", "SAU", "SAU", "country"),
    ("مصر",): ("LOC", "Egypt", "EGY", "EGY", "country"),
    ("مملكة البحرين", "البحرين"): ("LOC", "Bahrain", "BHR", "BHR", "country"),
    ("الولايات المتحدة",): ("LOC", "United States", "USA", "USA", "country"),
    ("بريطانيا",): ("LOC", "United Kingdom", "GBR", "GBR", "country"),
    ("أفغانستان",): ("LOC", "Afghanistan", "AFG", "AFG", "country"),
    ("الاتحاد الدولي للصحفيين",): ("ORG", "International Federation of Journalists", None, "NGO", None),
    ("موسكو", "العاصمة الروسية"): ("LOC", "Moscow", "RUS", None, "capital"),
    ("بغداد",): ("LOC", "Baghdad", "IRQ", None, "capital"),
    ("صنعاء",): ("LOC", "Sanaa", "YEM", None, "capital"),
    ("عسير",): ("LOC", "Asir", "SAU", None, "region"),
    ("لشبونة",): ("LOC", "Lisbon", "PRT", None, "capital"),
    ("ديمتري ميدفيديف", "ميدفيديف"): ("PER", "Dmitry Medvedev", "RUS", "RUSGOV", "head_of_state"),
    ("نور سلطان نزاربايف", "نزاربايف"): ("PER", "Nursultan Nazarbayev", "KAZ", "KAZGOV", "head_of_state"),
    ("الكسندر لوكاشينكو", "لوكاشينكو"): ("PER", "Alexander Lukashenko", "BLR", "BLRGOV", "head_of_state"),
    ("إيرينا كوفالتشوك",): ("PER", "Irina Kovalchuk", "RUS", "RUSGOV", None),
    ("الكرملين",): ("ORG", "Kremlin", "RUS", "RUSGOV", None),
    ("منظمة معاهدة الأمن الجماعي", "معاهدة الأمن الجماعي"): ("ORG", "CSTO", None, "IGOCSTO", None),
    ("منظمة الكومنولث",): ("ORG", "CIS", None, "IGOCIS", None),
    ("حلف الناتو", "الناتو"): ("ORG", "NATO", None, "IGOWSTNATO", None),
    ("وزارة الدفاع",): ("ORG", "Ministry of Defence of Russia", "RUS", "RUSMIL", None),
    ("إس - 300",): ("MISC", "S-300", None, None, None),
    ("حزب الله اللبناني",): ("ORG", "Hezbollah", "LBN", "LBNREBHEZ", "armed_group"),
    ("الزبداني",): ("LOC", "Zabadani", "SYR", None, "city"),
    ("الكويت",): ("LOC", "Kuwait", "KWT", "KWT", "country"),
    ("مجلس روسيا - الناتو",): ("ORG", "NATO-Russia Council", None, "IGOWSTNATO", None),
    ("لافروف",): ("PER", "Sergey Lavrov", "RUS", "RUSGOV", None),
    ("جون كيري",): ("PER", "John Kerry", "USA", "USAGOV", None),
    ("قطر",): ("LOC", "Qatar", "QAT", "QAT", "country"),
    ("ليندون جونسون",): ("PER", "Lyndon Johnson", None, None, None),
    ("قبرص",): ("LOC", "Cyprus", "CYP", "CYP", "country"),
    ("عصمت إينونو",): ("PER", "Ismet Inonu", None, None, None),
}


def make_doc(text: str, times: dict[str, str] | None = None, quantities: dict[str, tuple[int, str]] | None = None,
             published: str | None = "2015-08-02") -> Document:
    """A Document as the upstream stages would leave it: tokens, linked known names, times, quantities."""
    doc = Document(text=text, published=date.fromisoformat(published) if published else None)
    annotate_text(doc)
    for n, (surfaces, (etype, name_en, country, code, subtype)) in enumerate(KNOWN.items()):
        entity = Entity(f"E{n}", etype, surfaces[0], name_en, subtype, country, code=code)
        for surface in surfaces:
            for m in re.finditer(rf"(?<!\w)(?:[وف]?[بل]?(?:ال)?)({re.escape(surface)})(?!\w)", text):
                if any(x.start < m.end(1) and m.start(1) < x.end for x in doc.mentions):
                    continue
                mention = Mention(m.start(1), m.end(1), surface, etype, entity_id=entity.id)
                entity.mentions.append(mention)
                doc.mentions.append(mention)
        if entity.mentions:
            doc.entities.append(entity)
    for surface, value in (times or {}).items():
        for m in re.finditer(re.escape(surface), text):
            doc.times.append(TimeExpr(m.start(), m.end(), surface, "DATE", value))
    for surface, (value, unit) in (quantities or {}).items():
        for m in re.finditer(re.escape(surface), text):
            doc.quantities.append(Quantity(m.start(), m.end(), surface, value, unit))
    doc.mentions.sort(key=lambda m: m.start)
    doc.times.sort(key=lambda t: t.start)
    return doc


def coded(text: str, **kwargs) -> Document:
    doc = make_doc(text, **kwargs)
    code_events(doc)
    return doc


def one(doc: Document, plover: str):
    found = [e for e in doc.events if e.plover == plover]
    assert len(found) == 1, [(e.plover, e.trigger.text) for e in doc.events]
    return found[0]


def countries(event) -> set[str | None]:
    return {a.country for a in (event.source, event.target) if a is not None}


# -- the lexicon --------------------------------------------------------------------------


def test_verb_inflections_and_clitics_reach_the_lemma():
    forms = {f for f, *_ in verb_forms("التقى", "يلتقي")}
    assert {"التقي", "التقت", "التقيا", "التقوا", "يلتقون", "تلتقي", "سيلتقي"} <= forms
    lex = load_lexicon()
    for word in ("فالتقيا", "والتقى", "وهاجمت", "هوجم", "بإمداد", "لقائهما", "مباحثاته", "اجتماعاً"):
        assert lex.lookup(lex.triggers, normalize(word)), word
    passive = [f for _p, f in lex.lookup(lex.triggers, normalize("هوجم"))]
    assert any(f.passive for f in passive)
    future = [f for _p, f in lex.lookup(lex.triggers, normalize("سيلتقي"))]
    assert {f.tense for f in future} == {"fut"}


def test_noun_forms_cover_possessives_and_ta_marbuta():
    forms = {f for f, _ in noun_forms("زيارة")}
    assert {"زياره", "زيارته", "زيارتها", "زيارات"} <= forms
    assert "لقائهما" in {f for f, _ in noun_forms("لقاء")}


# -- categories, actors and roles --------------------------------------------------------


def test_consult_compound_subject_gives_the_pair():
    doc = coded("وكان الرئيسان ميدفيديف ونظيره الكازاخستاني نور سلطان نزاربايف عقدا اجتماعا ثنائيا على هامش "
                "أعمال القمة.")
    event = one(doc, "CONSULT")
    assert countries(event) == {"RUS", "KAZ"}
    assert event.trigger.text == "عقدا اجتماعا"  # the light verb and its noun: one trigger
    assert event.quad == "verbal_cooperation"


def test_consult_location_and_date_from_the_clause():
    doc = coded("تحت لافتتين مختلفتين التقى في موسكو أمس رؤساء بلدان الفضاء السوفياتي السابق لمناقشة التعاون.",
                times={"أمس": "2010-12-10"}, published="2010-12-11")
    event = doc.events[0]
    assert event.plover == "CONSULT" and event.trigger.text == "التقى"
    assert event.location == {"entity": event.location["entity"], "name_en": "Moscow", "country": "RUS"}
    assert event.date == "2010-12-10"
    assert event.source is not None and event.source.code == "RUSGOV"
    assert [e.text for e in event.evidence] == ["مناقشة"]  # لمناقشة: the same meeting, merged


def test_consult_possessive_pair_and_nominal_location():
    doc = coded("وتحول الخلاف إلى حملات من الملاسنات الكلامية التي انزلق إليها كل من الرئيسين ميدفيديف "
                "والكسندر لوكاشينكو قبل لقائهما الأخير في العاصمة الروسية.")
    meeting = one(doc, "CONSULT")
    assert countries(meeting) == {"RUS", "BLR"}
    assert meeting.location["name_en"] == "Moscow"
    assert countries(one(doc, "DISAPPROVE")) == {"RUS", "BLR"}


def test_agree_and_support_between_two_countries():
    doc = coded("واتفقت روسيا وكازاخستان على خطة عمل مشتركة للعامين المقبلين.")
    assert countries(one(doc, "AGREE")) == {"RUS", "KAZ"}
    doc = coded("وكانت موسكو شهدت أيضا انفراجة تاريخية بين روسيا وبيلاروسيا بعد تصعيد طال هيبة قيادتي البلدين.")
    assert countries(one(doc, "SUPPORT")) == {"RUS", "BLR"}


def test_an_agreement_to_supply_takes_the_supplied_country_and_the_quantity():
    doc = coded("وكان الرئيسان ميدفيديف ونظيره الكازاخستاني نور سلطان نزاربايف أقرا ما جرى التوصل إليه من اتفاق "
                "حول إمداد كازاخستان بعشر من منظومات الصواريخ المضادة للطائرات من طراز «إس - 300».",
                quantities={"بعشر": (10, "منظومات")})
    agree = one(doc, "AGREE")
    assert agree.source.country == "RUS" and agree.target.country == "KAZ"
    assert agree.quantity == {"value": 10, "unit": "منظومات", "text": "بعشر", "equipment": "إس - 300"}
    assert not [e for e in doc.events if e.plover == "AID"]  # the supply is what was agreed, not yet done


def test_aid_genitive_target_and_quantity():
    doc = coded("وبدأت روسيا أمس إمداد كازاخستان بعشر من منظومات الصواريخ.", quantities={"بعشر": (10, "منظومات")})
    aid = one(doc, "AID")
    assert aid.source.country == "RUS" and aid.target.country == "KAZ"
    assert aid.quantity["value"] == 10 and aid.cameo == "070"


def test_cooperate_joint_exercises():
    doc = coded("وبدأت أمس مناورات مشتركة بين مصر والسعودية في البحر الأحمر.")
    assert countries(one(doc, "COOPERATE")) == {"EGY", "SAU"}


def test_reject_refusal_is_an_asserted_event_and_its_object_is_denied():
    doc = coded("وامتنعت موسكو عن إرسالها إلى إيران.")
    reject = one(doc, "REJECT")
    assert reject.source.country == "RUS" and reject.target.country == "IRN"
    assert reject.modality == "asserted" and not reject.negated


def test_a_condemned_attack_is_the_condemnation_not_an_attack():
    doc = coded("أدانت مملكة البحرين التفجير الإرهابي الذي استهدف مسجد قوات الطوارئ في عسير.")
    condemn = one(doc, "DISAPPROVE")
    assert condemn.source.country == "BHR" and condemn.cameo == "111"
    assert [e.plover for e in doc.events] == ["DISAPPROVE"]  # neither التفجير nor استهدف is coded
    doc = coded("وتظاهر آلاف الأكراد في بغداد احتجاجا على الغارات الجوية التركية.")
    assert [e.plover for e in doc.events] == ["PROTEST"]


def test_assault_with_a_generic_armed_actor_and_a_city():
    doc = coded("وشنت قوات التحالف غارات جوية على مواقع الحوثيين في صنعاء.")
    event = one(doc, "ASSAULT")
    assert event.source.code.endswith("MIL")
    assert event.target.code == "YEMREB"
    assert event.location["name_en"] == "Sanaa"


def test_protest_by_a_demonym_group_in_a_capital():
    doc = coded("تظاهر آلاف العراقيين اليوم الجمعة في بغداد احتجاجاً على الفساد.")
    event = doc.events[0]
    assert event.plover == "PROTEST" and event.source.country == "IRQ"
    assert event.location["name_en"] == "Baghdad"


def test_threaten_and_sanction_targets():
    doc = coded("وكان تنظيم داعش هدد تركيا بعد إغلاقها موقعه الإلكتروني.")
    threat = one(doc, "THREATEN")
    assert threat.target.country == "TUR"
    doc = coded("فرضت الولايات المتحدة عقوبات جديدة على روسيا.")
    sanction = one(doc, "SANCTION")
    assert (sanction.source.country, sanction.target.country) == ("USA", "RUS")
    assert sanction.trigger.text.startswith("فرضت")


def test_coerce_arrest_agent_is_the_police_not_the_arrested():
    doc = coded("واعتقلت الشرطة المصرية عشرات المتظاهرين في القاهرة.")
    event = one(doc, "COERCE")
    assert event.source.code == "EGYCOP"
    assert event.target is not None and event.target.code.endswith("OPP")
    assert event.mode == "arrest"


def test_a_relative_clause_verb_takes_its_antecedent_as_subject():
    doc = coded("وكان ميدفيديف، رحمه الله، الذي زار كازاخستان أول رئيس يفعل ذلك.")
    visit = one(doc, "CONSULT")
    assert (visit.source.country, visit.target.country) == ("RUS", "KAZ")
    doc = coded("وهي المنظومات التي امتنعت موسكو عن إرسالها إلى إيران.")
    refusal = one(doc, "REJECT")
    assert (refusal.source.country, refusal.target.country) == ("RUS", "IRN")  # the clause has its own subject


def test_a_possessive_generic_actor_belongs_to_the_country_named_first():
    doc = coded("وبريطانيا جزء من التحالف بقيادة الولايات المتحدة؛ لكن برلمانها يدعم الولايات المتحدة في العراق فقط.")
    support = one(doc, "SUPPORT")
    assert support.source.country == "GBR" and support.source.code == "GBRLEG"


def test_demand_is_the_verb_and_what_is_demanded_is_no_event():
    doc = coded("طالب الاتحاد الدولي للصحفيين اليوم المتمردين الحوثيين بالإفراج الفوري عن الصحفي صالح سنحان.")
    assert [e.plover for e in doc.events] == ["DEMAND"]
    assert doc.events[0].target.country == "YEM"
    assert coded("وحصل طالب سعودي على المركز الأول في المسابقة.").events == []  # طالب here is a student


def test_a_killing_and_the_attack_it_happened_in_are_one_event():
    doc = coded("وأعلنت صحيفة الخبر مقتل 11 جنديا جزائريا في كمين نصبته مجموعة إرهابية جنوب العاصمة.")
    attack = one(doc, "ASSAULT")
    assert attack.trigger.text == "مقتل" and [e.text for e in attack.evidence] == ["كمين"]
    doc = coded("قتل 21 شخصا على الأقل في هجوم تبنته حركة طالبان شمال أفغانستان.")
    assert one(doc, "ASSAULT").source is None  # قتل before a count reads as a passive: the 21 are not killers


def test_a_count_in_words_after_an_agent_verb_reads_it_as_passive_too():
    text = "قتل ثلاثة جنود في الهجوم الذي شنه مسلحون على نقطة تفتيش."
    attack = one(coded(text, quantities={"ثلاثة": (3, "جنود")}), "ASSAULT")
    assert attack.trigger.text == "قتل" and attack.source is not None and attack.source.text == "مسلحون"


def test_a_strong_attack_noun_is_news_without_actors():
    doc = coded("وسقط عشرة أشخاص في تفجير انتحاري استهدف سوقا مزدحمة.")
    assert one(doc, "ASSAULT").cameo == "1831"


def test_killing_among_kin_is_a_crime_and_a_person_attacking_attacks_in_words():
    doc = coded("وقتل مواطن زوجته بعد خلاف عائلي نشب بينهما في منزلهما بحفر الباطن.")
    assert [e.plover for e in doc.events] == ["CRIME"]
    doc = coded("هاجم ميدفيديف وسائل الإعلام الغربية بشدة.")
    assert one(doc, "DISAPPROVE").source.country == "RUS"


def test_protesters_name_their_protest_and_its_actor():
    doc = coded("وتجمع مئات المتظاهرين العراقيين أمام مبنى البرلمان في بغداد.")
    protest = one(doc, "PROTEST")
    assert protest.source.code == "IRQOPP"
    doc = coded("وخرج مئات المتظاهرين في مظاهرة حاشدة وسط بغداد.")
    assert len([e for e in doc.events if e.plover == "PROTEST"]) == 1  # the protesters and their march: one


def test_unnamed_protesters_and_police_belong_to_the_place():
    doc = coded("وتزامنت الخطوة مع تظاهرات في بغداد ومناطق اخرى احتجاجا على انقطاع الكهرباء.")
    protest = one(doc, "PROTEST")
    assert protest.source.code == "IRQOPP" and protest.location["name_en"] == "Baghdad"
    doc = coded("وتم إلقاء القبض على ثلاثة مشتبه بهم في صنعاء أمس.", times={"أمس": "2015-08-01"})
    assert one(doc, "COERCE").source.code == "YEMCOP"
    doc = coded("وقتل 20 شخصا في تفجير انتحاري في بغداد.")
    assert one(doc, "ASSAULT").source is None  # an attacker is never guessed


# -- modality -----------------------------------------------------------------------------


def test_reported_denied_and_planned():
    doc = coded("وقالت المتحدثة إيرينا كوفالتشوك إن روسيا هاجمت مواقع في تركيا.")
    assert one(doc, "ASSAULT").modality == "reported"
    doc = coded("ولم يلتق ميدفيديف نظيره الكازاخستاني نزاربايف.")
    event = one(doc, "CONSULT")
    assert event.negated and event.modality == "denied"
    doc = coded("وسيلتقي ميدفيديف نظيره الكازاخستاني نزاربايف في موسكو.")
    event = one(doc, "CONSULT")
    assert event.modality == "planned" and event.date is None
    doc = coded("ومن المقرر أن يزور ميدفيديف كازاخستان.")
    assert one(doc, "CONSULT").modality == "planned"


def test_a_future_date_makes_an_event_planned_and_a_past_one_dates_it():
    doc = coded("ويجتمع ميدفيديف ونزاربايف يوم 19 ديسمبر.", times={"يوم 19 ديسمبر": "2010-12-19"},
                published="2010-12-11")
    event = one(doc, "CONSULT")
    assert event.modality == "planned" and event.date == "2010-12-19"
    doc = coded("واجتمع ميدفيديف ونزاربايف.", published="2010-12-11")
    assert one(doc, "CONSULT").date == "2010-12-11"  # no time said: the publication date


def test_posing_a_threat_is_not_a_threat():
    doc = coded("وقال الكرملين إن الاستراتيجية الجديدة لا تمثل تهديدا لروسيا.")
    assert not [e for e in doc.events if e.plover == "THREATEN" and not e.negated]


# -- merging ------------------------------------------------------------------------------


def test_the_same_meeting_told_twice_is_one_event_with_evidence():
    doc = coded("التقى ميدفيديف ونزاربايف في موسكو أمس. وقالت المصادر إن لقاء ميدفيديف ونزاربايف تناول التعاون.",
                times={"أمس": "2010-12-10"}, published="2010-12-11")
    consult = [e for e in doc.events if e.plover == "CONSULT"]
    assert len(consult) == 1
    assert [s.text for s in consult[0].evidence] == ["لقاء"]
    assert consult[0].date == "2010-12-10"


def test_a_trigger_is_coded_once():
    doc = coded("فرضت الولايات المتحدة عقوبات على روسيا.")
    assert len(doc.events) == 1


def test_a_demonym_after_an_event_noun_names_its_source_and_the_toll_is_the_same_attack():
    doc = coded("وأسفرت الغارات الروسية على بغداد عن مقتل مدنيين.")
    attack = one(doc, "ASSAULT")
    assert attack.source is not None and attack.source.country == "RUS" and attack.source.code == "RUSMIL"
    doc = coded("ووقع تفجير في بغداد أسفر عن مقتل 32 شخصا.")
    attack = one(doc, "ASSAULT")  # مقتل after أسفر عن: the bombing's toll
    assert [e.text for e in attack.evidence] == ["مقتل"]
    attack = one(coded("وقالت المصادر إن الغارات الجوية الأمريكية على بغداد استمرت."), "ASSAULT")
    assert attack.source.country == "USA"  # past one adjective after a definite noun


def test_a_construct_is_one_actor_and_a_coordinated_name_lends_it_no_country():
    doc = coded("وبدأت قوات النظام وحزب الله اللبناني في الرابع من يوليو هجوما على مدينة الزبداني.")
    attack = one(doc, "ASSAULT")
    assert attack.source.text == "قوات النظام" and attack.source.code == "SYRMIL"  # not LBN, not split in two


def test_a_subject_before_a_counted_object_keeps_the_verb_active():
    doc = coded("وقالت المصادر إن قوات الأمن اعتقلت 20 شخصا في بغداد.")
    arrest = one(doc, "COERCE")
    assert arrest.source.text == "قوات الأمن" and arrest.source.country == "IRQ"


def test_police_and_courts_no_word_places_are_the_home_countrys():
    arrest = one(coded("وقال المتحدث إن الجهات الأمنية ألقت القبض على ثلاثة متهمين."), "COERCE")
    assert arrest.source.code == "SAUCOP"
    arrest = one(coded("وقال المتحدث إن الجهات الأمنية في الكويت ألقت القبض على ثلاثة متهمين."), "COERCE")
    assert arrest.source.code == "KWTCOP"  # a place named: its police


def test_what_someone_is_suspected_of_is_no_event():
    doc = coded("وألقت السلطات في الكويت القبض على أشخاص يشتبه بصلتهم بالتفجير الذي استهدف مسجدا.")
    assert [e.plover for e in doc.events] == ["COERCE"]


def test_the_described_actor_does_the_act():
    doc = coded("ألقت الجهات الأمنية القبض على مواطن أطلق النار على شقيقه.")
    assert {e.plover for e in doc.events} == {"COERCE", "CRIME"}  # the citizen fired: a crime, not the police


def test_a_participle_after_a_count_is_a_noun():
    doc = coded("وقضت محكمة في بغداد بسجن 20 متهما.")
    assert [e.plover for e in doc.events] == ["COERCE"]  # متهما: the accused, not "accusing"


def test_a_meeting_that_took_place_needs_no_names():
    consult = one(coded("وجرى خلال اللقاء استعراض العلاقات الثنائية."), "CONSULT")
    assert consult.source is None
    assert one(coded("كما تم بحث المستجدات في المنطقة."), "CONSULT").trigger.text == "بحث"


def test_reinforcements_of_an_actor_are_its_own():
    event = one(coded("وقال المصدر إن تعزيزات للمقاومة الشعبية وصلت إلى الجبهة."), "MOBILIZE")
    assert event.source is not None and event.source.code == "REB"


def test_talks_elsewhere_are_another_meeting_with_their_own_partner():
    doc = coded("واستهل ميدفيديف اجتماع منظمة معاهدة الأمن الجماعي بإطلاع نظرائه على نتائج مباحثاته في لشبونة "
                "التي أجراها في إطار مجلس روسيا - الناتو.")
    talks = [e for e in doc.events if e.trigger.text == "مباحثاته"]
    assert len(talks) == 1 and talks[0].target is not None and talks[0].target.code == "IGOWSTNATO"
    assert talks[0].location["name_en"] == "Lisbon"


def test_a_verb_form_after_a_preposition_is_the_verbal_noun():
    lex = load_lexicon()
    doc = make_doc("وترافق الهجوم مع قصف جوي عنيف.")
    bombing = [m for m in find_triggers(doc.tokens, lex) if doc.tokens[m.h].text == "قصف"]
    assert bombing and bombing[0].form.tense == "noun"


# -- hard negatives -----------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "وقاد المدرب هجوم الفريق في الشوط الثاني من المباراة أمام المنتخب.",
    "وأكد أنه على اتفاق مع الرأي القائل بضرورة التطوير.",
    "وأعلنت وزارة الصحة تسجيل إصابتين جديدتين في الرياض.",
    "ورفضت متحدثة باسم مكتب رئاسة الوزراء التعليق على هذه المعلومات.",
    "وأكدت الحكومة أن القرار يهدف إلى تجنب اندلاع أي احتجاجات.",
    "استقبلت شواطئ منطقة تبوك أربعة مهرجانات خلال العيد.",
    "ويتوجس العالم إزاء الإفراج عن أرقام الناتج المحلي الإجمالي الأحدث في الصين.",
    "بدوره، يسعى الرئيس إلى التظاهر بالانفتاح على المنطقة.",
    "وتستخدم قوات الطوارئ في عمليات حفظ النظام كتفريق المظاهرات ومكافحة الإرهاب.",
    "وقال المدير إن هذه الخطوة مهمة في مسيرة النمو للشركة.",
    "وتقدر ميزانية المهرجان بمبلغ قليل لتنظيم مثل هذه التظاهرات الفنية.",
    "وكنا المبادرين بشن الهجمات في المباراة أمام المنتخب الضيف.",
    "لأن كينيا تتعرض منذ سنوات لهجمات كبيرة ودامية.",
    "وأحيا الأهالي الذكرى الأولى للهجوم على المسجد.",
    "تخطى المنتخب السعودي نظيره العراقي في لقاء المنتخبين ضمن البطولة العربية.",
    "احتفلت سنغافورة بالذكرى الخمسين لاستقلالها بعرض عسكري وألعاب نارية.",
    "ولا تدخل القوى الأمنية المخيمات بموجب اتفاق بين منظمة التحرير والسلطات اللبنانية.",
    "وقال إن الاتفاق النووي بين إيران والدول الست لن يؤثر على العلاقات.",
    "فقامت المرأة بالاتصال بالشرطة التي وصلت على الفور.",
])
def test_hard_negatives_do_not_fire(text):
    assert coded(text).events == []


# -- the seed article ---------------------------------------------------------------------

SEED = Path(__file__).resolve().parents[2] / "shared" / "examples" / "seed-article.txt"


@pytest.mark.skipif(not SEED.exists(), reason="needs ../shared/examples")
def test_seed_article_events():
    times = {"أمس": "2010-12-10", "نوفمبر (تشرين الثاني) الماضي": "2010-11", "2011 - 2012": "2011/2012"}
    doc = coded(SEED.read_text(encoding="utf-8"), times=times, quantities={"بعشر": (10, "منظومات")},
                published="2010-12-11")

    def find(plovers, pair=None, **want):
        for e in doc.events:
            if e.plover in plovers and (pair is None or countries(e) == set(pair)) and all(
                    _get(e, k) == v for k, v in want.items()):
                return e
        return None

    summit = find({"CONSULT"}, date="2010-12-10", location="Moscow")
    assert summit is not None and {summit.source.country} & {"RUS"}
    assert find({"CONSULT"}, pair=("RUS", "KAZ"))
    assert find({"AGREE", "AID", "COOPERATE"}, source="RUS", target="KAZ", quantity=10)
    assert find({"CONSULT", "SUPPORT", "CONCEDE"}, pair=("RUS", "BLR"))
    assert find({"REJECT"}, source="RUS", target="IRN")
    assert find({"DISAPPROVE"}, pair=("RUS", "BLR"))
    assert find({"AGREE", "COOPERATE"}, pair=("RUS", "KAZ"))


def _get(event, key):
    if key == "location":
        return event.location and event.location["name_en"]
    if key == "quantity":
        return event.quantity and event.quantity["value"]
    if key in ("source", "target"):
        actor = getattr(event, key)
        return actor and actor.country
    return getattr(event, key)


# -- evaluation ---------------------------------------------------------------------------


def test_evaluate_events_scores_category_and_source(tmp_path):
    gold = tmp_path / "gold.jsonl"
    rows = [
        {"id": "a", "sentence": "فرضت الولايات المتحدة عقوبات على روسيا.", "published": "2015-08-01", "split": "tune",
         "events": [{"plover": "SANCTION", "source_country": "USA", "trigger_text": "فرضت"}]},
        {"id": "b", "sentence": "فرضت الولايات المتحدة عقوبات على روسيا.", "published": "2015-08-01", "split": "tune",
         "events": [{"plover": "SANCTION", "source_country": "RUS", "trigger_text": "فرضت"}]},
        {"id": "c", "sentence": "وقاد المدرب هجوم الفريق في المباراة.", "published": None, "split": "test",
         "events": []},
    ]
    gold.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")

    def analyze(text, published):
        return coded(text, published=published)

    scores = evaluate_events(gold, analyze)
    assert scores["categories"]["SANCTION"] == pytest.approx(
        {"tp": 1, "fp": 1, "fn": 1, "precision": 0.5, "recall": 0.5, "f1": 0.5})
    assert scores["loose"]["f1"] == 1.0
    assert evaluate_events(gold, analyze, split="test")["sentences"] == 1
    table = format_event_scores(scores)
    assert "SANCTION" in table and "overall" in table


def test_matching_is_one_to_one_and_as_large_as_can_be():
    doc = coded("فرضت الولايات المتحدة عقوبات على روسيا. وفرضت روسيا عقوبات على تركيا.")
    by_source = {e.source.country: e for e in doc.events}
    gold = [{"plover": "SANCTION", "trigger_text": "فرضت"},  # any source: must not take the USA one first
            {"plover": "SANCTION", "source_country": "USA", "trigger_text": "فرضت"}]
    missed, spurious = match_events([by_source["USA"], by_source["RUS"]], gold)
    assert missed == [] and spurious == []


def test_relative_clause_names_who_gave_the_aid():
    doc = coded("وصلت إلى صنعاء المساعدات الإغاثية، التي دفعت بها السعودية لمساعدة الأشقاء اليمنيين.")
    aid = one(doc, "AID")
    assert aid.source.country == "SAU"


def test_official_tour_of_his_own_country_is_no_visit():
    assert not [e for e in coded("زار ديمتري ميدفيديف موسكو أمس.").events if e.plover == "CONSULT"]
    visit = one(coded("زار ديمتري ميدفيديف كازاخستان أمس."), "CONSULT")
    assert (visit.source.country, visit.target.country) == ("RUS", "KAZ")


def test_promises_are_not_agreements_and_a_rout_is_a_retreat():
    assert not coded("ووعد ميدفيديف بمواصلة تعزيز الأمن على الحدود.").events
    retreat = one(coded("وأشارت إلى تقهقر قوات روسيا في المنطقة."), "RETREAT")
    assert retreat.source.country == "RUS"


# -- one act told twice, or two acts ------------------------------------------------------------


def test_an_act_accompanied_by_another_is_two_events():
    two = coded("وبدأت قوات النظام في الرابع من يوليو الماضي هجوما على مدينة الزبداني، ترافق مع قصف جوي عنيف.")
    assert sorted(e.trigger.text for e in two.events if e.plover == "ASSAULT") == ["قصف", "هجوما"]
    retold = coded("وبدأت قوات النظام في الرابع من يوليو الماضي هجوما على مدينة الزبداني، في قصف جوي عنيف.")
    assert [e.trigger.text for e in retold.events if e.plover == "ASSAULT"] == ["هجوما"]


def test_coordinated_verbs_of_two_specific_acts_are_two_events():
    doc = coded("حاصرت قوات الأمن العراقية المسجد واعتقلت 20 شخصا.")
    assert sorted(e.cameo for e in doc.events if e.plover == "COERCE") == ["173", "191"]
    bombing = one(coded("وقصفت الطائرات الإسرائيلية مواقع في غزة وقتلت ثلاثة فلسطينيين."), "ASSAULT")
    assert [s.text for s in bombing.evidence] == ["قتلت"]  # a generic killing retells the strike


def test_the_same_act_on_two_stated_dates_is_two_events():
    text = "وقعت الاشتباكات يوم الاثنين في عدن، وتجددت الاشتباكات يوم الخميس."
    doc = coded(text, times={"يوم الاثنين": "2015-08-03", "يوم الخميس": "2015-08-06"})
    assert sorted(e.date for e in doc.events if e.plover == "ASSAULT") == ["2015-08-03", "2015-08-06"]
    assert len(one(coded(text), "ASSAULT").evidence) == 1



def test_two_acts_one_ahead_one_done_stay_apart():
    doc = coded("أعلنت تركيا أنها ستطلق قريبا هجوما واسع النطاق ضد تنظيم داعش، بعد أسبوعين على بدء غارات جوية على "
                "مواقع للأكراد في العراق.")
    assert sorted((e.trigger.text, e.modality) for e in doc.events if e.plover == "ASSAULT") == [
        ("غارات", "reported"), ("هجوما", "planned")]


# -- triggers added for infiltration, roads, brawls; foiled attacks ------------------------------------


def test_infiltration_by_fighters_is_an_attack_not_by_migrants_or_love():
    attack = one(coded("وأضاف أن الحوثيين قاموا بالتسلل المسلح إلى الأراضي السعودية."), "ASSAULT")
    assert attack.source is not None and attack.source.country == "YEM"
    assert not coded("بلا مجاهرة، أو ضجيج يتسلل الحب إلى أفئدة أهل الرمل.").events
    assert not coded("وعلق على أزمة المهاجرين الذين يتسللون إلى بريطانيا عبر كاليه.").events


def test_roads_cut_by_protesters_or_closed_by_police_not_by_works_or_floods():
    protest = coded("ووقعت اشتباكات مع قوات الأمن، بعدما قاموا بقطع الطريق وإطلاق أعيرة نارية للتعبير عن غضبهم.")
    assert "PROTEST" in {e.plover for e in protest.events}
    closed = coded("وأغلقت الشرطة جميع الطرقات إلى المسجد، واعتقلت نحو 20 شخصا.")
    assert sorted(e.trigger.text for e in closed.events if e.plover == "COERCE") == ["أغلقت", "اعتقلت"]
    assert not coded("وأضاف أنه سيتم إغلاق الطريق للبدء بالمرحلة الأولى لمنطقة العمل.").events
    assert not coded("وغمرت السيول الأحياء السكنية وقطعت الطرق.").events
    assert not coded("وتشجيع الحوار لقطع الطريق على التيارات المتطرفة في تجنيد الشباب.").events


def test_a_foiled_attack_is_no_attack():
    doc = coded("وشكرت الوزارة السلطات الأمنية على مجهوداتها في إحباط ما وصفته بالمخطط الإرهابي الجبان لاغتيال "
                "الوزير.")
    assert "ASSAULT" not in {e.plover for e in doc.events}


def test_la_siyyama_is_no_negation():
    protest = one(coded("وطرح اسمه بديلا عندما احتدمت الأمور، لا سيما بعد مظاهرات عام 2013 في بغداد."), "PROTEST")
    assert not protest.negated and protest.modality != "denied"


def test_a_killing_in_an_attack_named_after_its_victims_is_passive():
    attack = one(coded("وقتل جنديان مصريان في هجوم شنه مسلحون في سيناء."), "ASSAULT")
    assert attack.target is not None and attack.target.text == "جنديان مصريان"
    assert attack.source is not None and attack.source.text == "مسلحون"


def test_an_event_noun_subject_of_its_verb_is_told():
    assert one(coded("وكان الهجوم استهدف منشأتين تقع إحداهما داخل مركز تجاري."), "ASSAULT").source is None


def test_a_person_after_a_preposition_is_a_relative_clause_antecedent():
    visit = [e for e in coded("ومن المقرر أن يجتمع لافروف مع نظيره الأمريكي جون كيري الذي يزور قطر.").events
             if e.trigger.text == "يزور"]
    assert visit and visit[0].source.country == "USA" and visit[0].target.country == "QAT"


def test_a_demonym_past_other_words_is_not_a_persons_apposition():
    blame = one(coded("وانتقد الرئيس ليندون جونسون في رسالة إلى رئيس الوزراء التركي عصمت إينونو موقف قبرص."),
                "DISAPPROVE")
    assert blame.source is not None and blame.source.text == "ليندون جونسون" and blame.source.country is None


def test_a_people_named_by_a_broken_plural_is_an_actor_of_its_country():
    accuse = one(coded("واتهم المسؤولون الاتراك تنظيم داعش بالوقوف خلف التفجير الذي اوقع 32 قتيلا."), "DISAPPROVE")
    assert accuse.source is not None and accuse.source.country == "TUR"
    shelling = one(coded("وقصف الروس مواقع المعارضة في ريف حماة أمس."), "ASSAULT")
    assert shelling.source is not None and shelling.source.code == "RUSCVL"


def test_a_ministry_and_a_paper_with_a_demonym_are_actors_of_its_country():
    accuse = one(coded("وتتهم وزارة الخزانة الأميركية الكواري والكعبي بدعم متطرفين قاموا بعمليات إرهابية."),
                 "DISAPPROVE")
    assert accuse.source is not None and accuse.source.country == "USA"
    critique = one(coded("وانتقدت صحف تونسية زيارة ساركوزي، مشيرة إلى الدور السلبي الذي لعبه."), "DISAPPROVE")
    assert critique.source is not None and critique.source.code == "TUNMED"
    assert not coded("وطالبت الوزارة إدارات التعليم بإنهاء اجراءات طلبات التقاعد.").events  # administration


def test_an_arrest_nobody_is_named_for_is_told_after_a_disaster_too():
    doc = coded("وتم اعتقال خمسة مشتبه بهم بعد أن قال شهود عيان إنهم حبسوا الركاب قبل وقوع الكارثة.")
    assert [e.trigger.text for e in doc.events if e.plover == "COERCE"][:1] == ["اعتقال"]


# -- dates ---------------------------------------------------------------------------------------------


def test_a_time_in_another_acts_relative_clause_does_not_date_this_act():
    text = ("تحت لافتتين مختلفتين التقى في موسكو أمس رؤساء بلدان الفضاء السوفياتي السابق. وأشارت مصادر الكرملين إلى "
            "أن الرئيس ديمتري ميدفيديف استهل اجتماع مجلس رؤساء بلدان منظمة معاهدة الأمن الجماعي بإطلاع نظرائه على "
            "نتائج مباحثاته في لشبونة التي أجراها في إطار مجلس روسيا - الناتو في نوفمبر الماضي.")
    doc = coded(text, times={"أمس": "2010-12-10", "نوفمبر الماضي": "2010-11"}, published="2010-12-11")
    dates = {e.trigger.text: e.date for e in doc.events if e.plover == "CONSULT"}
    assert dates["مباحثاته"] == "2010-11"  # its own relative clause
    assert dates["اجتماع"] == "2010-12-10"  # no time of its own: it continues the account of the summit met أمس
    alone = coded(text.split(". ")[1], times={"نوفمبر الماضي": "2010-11"}, published="2010-12-11")
    assert {e.trigger.text: e.date for e in alone.events}["اجتماع"] == "2010-12-11"


# -- the lexicon's one lookup per word ------------------------------------------------------------------


def test_word_facts_rule_out_only_words_no_table_knows():
    lex = load_lexicon()
    words = ("كتاب", "المدينة", "الزمن", "وللقضاء", "ل", "وللمتظاهرين", "فبالهجوم", "للاجتماع", "الشرطة",
             "السعوديين", "كتفريق", "وزارة", "لن", "،", "الرئيس", "والتقى")
    for word in words:
        norm = normalize(word)
        assert lex.word(norm) == lex._facts(norm), word
    assert lex.word(normalize("كتاب")) is _UNKNOWN
    assert lex.word(normalize("وللمتظاهرين"))[0] and lex.word(normalize("الشرطة"))[2]
