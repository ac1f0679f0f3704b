"""The `ner` stage's names: the knowledge base, the model's spans and cue rules combined.

Sentences are from Saudi and Arab news of 2015 (SaudiNewsNet, CC BY-NC-SA 4.0), shortened.
"""

from __future__ import annotations

import pytest

from rasd.document import Document, Mention
from rasd.kb import load_kb
from rasd.ner.gazetteer import _alias_index, find_known_names
from rasd.ner.rules import byline_names, complete_person_names, find_cued_names, person_pieces
from rasd.pipeline import Pipeline
from rasd.text import clitic_splits


@pytest.fixture(scope="module")
def ner() -> Pipeline:
    return Pipeline(["ner"])


@pytest.fixture(scope="module")
def tokenized() -> Pipeline:
    return Pipeline(["text"])


def mentions(ner: Pipeline, text: str) -> dict[str, Mention]:
    return {m.text: m for m in ner(Document(text=text)).mentions}


def span(doc: Document, text: str, source: str = "model", type: str = "PER") -> Mention:
    start = doc.text.index(text)
    return Mention(start, start + len(text), text, type, source=source)


def starts(doc: Document) -> list[int]:
    return [t.start for t in doc.tokens]


# -- names after a title -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        # a family name with the article that is also a word (الفهد), where the name must end
        ("وكان رئيس اللجنة الأولمبية الكويتية الشيخ طلال الفهد اعلن في 17 شباط أنه تم تكليف اللجنة.",
         "طلال الفهد", "sheikh"),
        ("ويشرف على تدريب المنتخب السعودي المدرب الوطني فيصل البدين منذ رحيل المدرب المؤقت.", "فيصل البدين", "coach"),
        ("ووصل جثمان الطيار ياسين بحتي، الذي توفي إثر تحطم طائرته.", "ياسين بحتي", "pilot"),
        # complements of the title between it and the name
        ("وأوضح المتحدث الرسمي باسم المركز فهد الصباغ، أن رحلة تقل 157 يمنيا وصلت أمس.", "فهد الصباغ", "spokesperson"),
        # a title without the article, after its definite complement; a second name that is also a word (دار)
        ("خلال مباحثات أجراها وزير المالية الباكستاني إسحاق دار مع مسؤولين.", "إسحاق دار", "minister"),
        ("بعد تعرض قائد الوسط كريم بوضيف للإصابة في تدريبات فريقه.", "كريم بوضيف", "commander"),
        ("مع نظيره كابتن نادي الكويت الاسبق ابراهيم الخشرم في إحدى المواجهات.", "ابراهيم الخشرم", "captain"),
    ],
)
def test_a_title_puts_a_name_after_it_family_name_included(tokenized, text, name, role):
    doc = tokenized(Document(text=text))
    found = {m.text: m for m in find_cued_names(doc, [])}
    assert found[name].type == "PER" and found[name].role == role


@pytest.mark.parametrize("text", ["وقال وزير إن القرار نهائي.", "ويعمل قائد فرقة موسيقية منذ عامين."])
def test_a_bare_title_without_a_definite_complement_is_no_cue(tokenized, text):
    assert find_cued_names(tokenized(Document(text=text)), []) == []


@pytest.mark.parametrize(
    "text",
    [
        "وأنهى الفريق معسكره الإعدادي في تركيا أمس.",  # الفريق: the team, not a general
        "وأجريت له عملية في مستشفى الملك فيصل التخصصي بالرياض.",  # a hospital named after a king
        "وقال المتحدث الرسمي للمركز إن الرحلات مستمرة.",  # للمركز is no name
    ],
)
def test_no_person_after_a_title_that_is_not_one(tokenized, text):
    assert find_cued_names(tokenized(Document(text=text)), []) == []


# -- the model's person spans, cut where a name cannot go on --------------------------------


def test_a_person_span_is_cut_at_a_preposition_a_conjunction_and_a_demonym(tokenized):
    doc = tokenized(Document(text="وشارك صلاح بجوار دانيلي دي روسي وفرانشيسكو توتي والإيفواري جيرفينيو في المباراة."))
    first = person_pieces(doc, span(doc, "صلاح بجوار دانيلي دي روسي"), starts(doc))
    assert [m.text for m in first] == ["صلاح", "دانيلي دي روسي"]
    second = person_pieces(doc, span(doc, "وفرانشيسكو توتي والإيفواري جيرفينيو"), starts(doc))
    assert [(m.text, m.country) for m in second] == [("فرانشيسكو توتي", None), ("جيرفينيو", "CIV")]


def test_a_leading_demonym_gives_the_country_and_a_listed_place_becomes_its_own_mention(tokenized):
    doc = tokenized(Document(text="وسجل الكرواتي مانزوكيتش هدفا. ونقل الجندي من مستشفى الملك عبدالعزيز بالطائف."))
    (player,) = person_pieces(doc, span(doc, "الكرواتي مانزوكيتش"), starts(doc))
    assert (player.text, player.country) == ("مانزوكيتش", "HRV")
    pieces = person_pieces(doc, span(doc, "عبدالعزيز بالطائف"), starts(doc))
    assert [(m.text, m.type) for m in pieces] == [("عبدالعزيز", "PER"), ("الطائف", "LOC")]


def test_ali_after_a_family_name_is_the_preposition(tokenized):
    doc = tokenized(Document(text="وأكد د. عبدالله بن عبدالعزيز الربيعة على البرنامج. وعين محمد علي الصوفي قائدا."))
    cut = person_pieces(doc, span(doc, "عبدالله بن عبدالعزيز الربيعة على"), starts(doc))
    assert [m.text for m in cut] == ["عبدالله بن عبدالعزيز الربيعة"]
    assert [m.text for m in person_pieces(doc, span(doc, "محمد علي الصوفي"), starts(doc))] == ["محمد علي الصوفي"]


def test_a_name_word_after_wa_stays_whole_and_a_verb_after_a_name_is_dropped(tokenized):
    doc = tokenized(Document(text="وحضر وليد الجلال. الأمير تركي بن عبد الله يعزي أسرة الشهيد."))
    assert [m.text for m in person_pieces(doc, span(doc, "وليد الجلال"), starts(doc))] == ["وليد الجلال"]
    assert [m.text for m in person_pieces(doc, span(doc, "تركي بن عبد الله يعزي"), starts(doc))] == [
        "تركي بن عبد الله"]


def test_ordinary_words_alone_are_no_names(ner):
    found = mentions(ner, "وتسميته باسم مؤسس النادي الشيخ عبد الرحمن بن سعيد - رحمه الله - ، حيث بدأ العمل. "
                          "وبلغت تكلفة المشروع 19.589.137 ريال في مخيمات اللجوء في لبنان.")
    assert "الله" not in found and "ريال" not in found
    assert found["عبد الرحمن بن سعيد"].type == "PER" and found["لبنان"].type == "LOC"


# -- chains of ancestors, family names -------------------------------------------------------


def test_a_chain_of_ancestors_is_one_name_and_the_listed_father_is_not_the_son(tokenized):
    doc = tokenized(Document(text="تكفل الأمير فيصل بن سلطان بن عبد العزيز عضو شرف النادي بإعادة بناء المسجد."))
    sultan = find_known_names(doc).confident
    assert [m.text for m in sultan] == ["سلطان بن عبد العزيز"] and sultan[0].candidates
    cut = span(doc, "فيصل بن")
    (whole,) = complete_person_names(doc, [cut, *sultan], starts(doc))
    assert whole.text == "فيصل بن سلطان بن عبد العزيز" and whole.candidates == ()


def test_a_family_name_completes_a_chain_and_a_listed_man_keeps_his_house(tokenized):
    doc = tokenized(Document(text="بحضور المحافظ رميح بن صالح الشتيوي والأهالي، وسفير المملكة بدر بن علي كحيل."))
    grown = complete_person_names(doc, [span(doc, "رميح بن صالح"), span(doc, "بن علي", "kb")], starts(doc))
    assert [m.text for m in grown] == ["رميح بن صالح الشتيوي", "بدر بن علي كحيل"]
    doc = tokenized(Document(text="استقبل الأمير محمد بن سلمان بن عبدالعزيز آل سعود وزير الدفاع الأمريكي."))
    (mbs,) = find_known_names(doc).confident[:1]
    (grown,) = complete_person_names(doc, [mbs], starts(doc))
    assert grown.text == "الأمير محمد بن سلمان بن عبدالعزيز آل سعود" and grown.candidates == mbs.candidates


def test_a_listed_surname_after_another_given_name_is_another_man(ner):
    found = mentions(ner, "والتقطت عدسة فيصل مبارك صورا لأجواء الجلة بعد هطول الأمطار.")
    assert found["فيصل مبارك"].type == "PER" and found["فيصل مبارك"].candidates == ()
    found = mentions(ner, "رحب وزير الخارجية الألماني فرانك شتاينماير باعتماد القرار.")
    steinmeier = load_kb().get(found["فرانك شتاينماير"].candidates[0])
    assert steinmeier is not None and steinmeier.name_en == "Frank-Walter Steinmeier"


def test_a_house_name_with_the_article_and_ali_after_a_title(tokenized):
    doc = tokenized(Document(text="أصدر وزير الشؤون البلدية المهندس عبداللطيف آل الشيخ قرارا."))
    cut = Mention(doc.text.index("عبداللطيف"), doc.text.index(" الشيخ"), "عبداللطيف آل", "PER", source="model")
    (grown,) = complete_person_names(doc, [cut], starts(doc))
    assert grown.text == "عبداللطيف آل الشيخ"
    doc = tokenized(Document(text="قرارا يقضي بإنهاء تكليف المهندس علي القرني من القيام بعمل رئيس البلدية."))
    assert [m.text for m in find_cued_names(doc, [])] == ["علي القرني"]


# -- places, clubs, facilities, bylines --------------------------------------------------------


def test_a_city_after_a_team_word_is_a_club_and_a_country_stays_a_country(ner):
    found = mentions(ner, "بسبب رغبة الأخير في الاستمرار مدربا لفريق تولوز.")  # a city the KB lists, no club
    assert found["تولوز"].type == "ORG" and found["تولوز"].candidates == ()
    found = mentions(ner, "وخسر فريق مصر أمام الجزائر بهدفين.")
    assert found["مصر"].type == "LOC"


def test_a_name_after_a_facility_word_names_the_facility(ner):
    found = mentions(ner, "وجه الأمير محمد بن نايف بنقل الجندي من مستشفى الملك عبدالعزيز بالطائف إلى الرياض.")
    assert found["مستشفى الملك عبدالعزيز"].type == "ORG" and found["الطائف"].type == "LOC"
    assert not any(m.type == "PER" and "عبدالعزيز" in m.text for m in found.values())


def test_a_reporters_name_before_a_dash_at_the_start_of_a_line_is_a_person(tokenized):
    doc = tokenized(Document(text="البحرين تقبض على المشتبه بهم\n\nلجين الأحمدي – عين اليوم\nقالت وكالة أنباء البحرين "
                                  "إن عددا من المشتبه بهم - وهم خمسة - اعتقلوا."))
    assert [(m.text, m.type) for m in byline_names(doc, starts(doc))] == [("لجين الأحمدي", "PER")]
    doc = tokenized(Document(text="عنوان\n\nـ ـ - عين اليوم\nقال المتحدث"))  # tokens with nothing to match
    assert byline_names(doc, starts(doc)) == []


# -- the knowledge-base matcher ---------------------------------------------------------------


def test_the_quick_test_of_words_misses_no_reading_of_a_listed_name():
    index = _alias_index(load_kb())
    words = ["للرئيس", "وبروسيا", "والسعودية", "الكرملين", "د", "بالطائف", "لمجلس", "فالرياض", "وللأمم", "قال"]
    for word in words:
        full = tuple((p, s) for p, s in clitic_splits(word) if s in index.prefixes)
        assert bool(full) <= index._may_start(word), word


def test_known_names_keep_the_article_and_leave_the_proclitics_out(tokenized):
    doc = tokenized(Document(text="وصل الوزير وبروسيا تدعم قرار مجلس الأمن الدولي بالإجماع."))
    found = {m.text: m for m in find_known_names(doc).confident}
    assert found["روسيا"].type == "LOC" and found["مجلس الأمن الدولي"].type == "ORG"


def test_a_listed_name_after_a_proclitic_in_the_last_token_is_found_without_failing():
    """الصدر inside بالصدر, the sentence's last token: the name starts inside a token with none after it."""
    doc = Pipeline(["ner"])(Document(text="إلى جسد ذاوٍ يغرغر بالصدر"))
    assert [m.text for m in doc.mentions] == ["الصدر"]
