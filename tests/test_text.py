"""The text package: normalization with offsets, tokens, clitics, sentences."""

from rasd.text import NormalizedText, clitic_splits, dediacritize, normalize, split_sentences, strip_article, tokenize


def test_normalize_folds_alef_hamza_ta_marbuta_alef_maqsura():
    assert normalize("أإآٱا") == "ااااا"
    assert normalize("مدرسة") == "مدرسه"
    assert normalize("مصطفى") == "مصطفي"


def test_normalize_removes_diacritics_tatweel_and_invisible_marks():
    assert normalize("مُحَمَّدٌ") == "محمد"
    assert normalize("الـــرياض") == "الرياض"
    assert normalize("\u200fروسيا\u200e\ufeff") == "روسيا"


def test_normalize_digits_and_keeps_hamza_on_waw_and_ya():
    assert normalize("١٩٩٤ و۲۰۱۰") == "1994 و2010"
    assert normalize("مسؤول رئيس") == "مسؤول رئيس"


def test_dediacritize_keeps_letters_as_written():
    assert dediacritize("أَحْمَد") == "أحمد"


def test_normalized_text_maps_hits_back_to_original_offsets():
    text = "قال الرَّئِيسُ ديمتري مِيدفيديف أمس"
    nt = NormalizedText(text)
    i = nt.norm.index("ميدفيديف")
    start, end = nt.to_original(i, i + len("ميدفيديف"))
    assert text[start:end] == "مِيدفيديف"
    assert nt.to_normalized(start) == i


def test_normalized_text_identity_when_nothing_is_deleted():
    nt = NormalizedText("إيران وروسيا")
    assert nt.to_original(0, 5) == (0, 5)


def test_tokens_keep_clitics_and_split_punctuation_with_offsets():
    text = "وأشارت مصادر الكرملين، إلى 15,000 جندي «إس - 300»."
    toks = tokenize(text)
    assert [t.text for t in toks] == [
        "وأشارت", "مصادر", "الكرملين", "،", "إلى", "15,000", "جندي", "«", "إس", "-", "300", "»", ".",
    ]
    for t in toks:
        assert text[t.start : t.end] == t.text
    assert toks[0].norm == "واشارت"


def test_tokens_with_offset_and_arabic_indic_digits():
    toks = tokenize("عام ١٩٩٤", offset=10)
    assert toks[1].start == 14 and toks[1].norm == "1994"


def test_clitic_splits_reach_the_stem():
    stems = [s for _, s in clitic_splits(normalize("وبروسيا"))]
    assert "روسيا" in stems
    assert ("ل", "الرئيس") in clitic_splits("للرئيس")
    assert ("وال", "كرملين") in clitic_splits("والكرملين")
    assert all(len(stem) >= 2 for _, stem in clitic_splits("وب"))


def test_strip_article():
    assert strip_article("والروسي") == "روسي"
    assert strip_article("روسيا") == "روسيا"


def test_sentences_split_on_enders_and_lines_not_inside_brackets_or_numbers():
    text = "قال د. محمد إن النمو بلغ 3.5 في المئة. وأضاف (في تصريح. مقتضب) أنه متفائل!\nفقرة جديدة بلا نقطة"
    sents = [text[s:e] for s, e in split_sentences(text)]
    assert sents == [
        "قال د. محمد إن النمو بلغ 3.5 في المئة.",
        "وأضاف (في تصريح. مقتضب) أنه متفائل!",
        "فقرة جديدة بلا نقطة",
    ]


def test_sentences_question_mark_and_closing_quote():
    text = "هل تنجح المفاوضات؟ «لا أعرف.» قالها وغادر."
    sents = [text[s:e] for s, e in split_sentences(text)]
    assert sents == ["هل تنجح المفاوضات؟", "«لا أعرف.» قالها وغادر."]


def test_sentences_of_empty_and_blank_text():
    assert split_sentences("") == []
    assert split_sentences(" \n\n ") == []


def test_normalized_offsets_map_back_on_random_text_with_deletions():
    import random

    rng = random.Random(7)
    alphabet = list("ابتةأإىيمن ") + ["\u064e", "\u0651", "\u0640", "\u200f"]
    for _ in range(500):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 25)))
        nt = NormalizedText(text)
        for i in range(len(nt.norm)):
            start, end = nt.to_original(i, i + 1)
            assert normalize(text[start:end]) == nt.norm[i]
            assert nt.to_normalized(start) == i


def test_transliteration_of_unknown_names():
    from rasd.text.translit import transliterate

    assert transliterate("إيرينا كوفالتشوك") == "Irina Kovalchuk"  # given-name table + Slavic ending
    assert transliterate("سيرغي لافروف") == "Sergei Lavrov"
    assert transliterate("تيموشينكو") == "Tymoshenko"  # learned from KB name pairs
    assert transliterate("مهنا أبا الخيل") == "Mahna Aba al-Khail"  # article as al-, the usual spelling of الخيل
    assert transliterate("محمد بن سلمان") .startswith("Mohammed")


def test_presentation_forms_read_as_the_letters_they_draw():
    from rasd.text import NormalizedText, normalize

    assert normalize("ﻋﺪﻥ") == normalize("عدن") == "عدن"
    assert normalize("ﺃﺣﻤﺪ") == "احمد"  # hamza on alef normalized as for the plain letter
    text = "ﻗﺼﻔﺖ ﻃﺎﺋﺮﺍﺕ ﻋﺪﻥ ﻻ"
    nt = NormalizedText(text)
    assert len(nt.norm) == len(text)  # one letter for one form; the lam-alef ligature stays as it is
    assert nt.to_original(nt.norm.index("عدن"), nt.norm.index("عدن") + 3) == (text.index("ﻋﺪﻥ"), text.index("ﻋﺪﻥ") + 3)


def test_long_texts_normalize_as_short_ones_do():
    """Articles take a numpy path; it must agree with the character table, deletions and other planes included."""
    from rasd.text import NormalizedText, normalize

    piece = "قالَ الرئيسُ إنّ الاتفاقَ ﻋﺪﻥ ٢٠١٥ 😀 ـــ "
    long = piece * 20
    assert normalize(long) == "".join(normalize(ch) for ch in long)
    nt = NormalizedText(long)
    first = long.index("٢٠١٥")
    spans = [(0, 10), (first, first + 4), (len(long) - 12, len(long))]  # diacritics inside, none, tatweel and emoji
    assert nt.slices(spans) == [normalize(long[s:e]) for s, e in spans]


def test_every_token_belongs_to_the_sentence_around_it():
    """The document is tokenized once and tokens dealt to sentences: each sentence's range holds exactly its tokens."""
    from rasd.document import Document
    from rasd.text import annotate_text, tokenize

    text = "قالَ د. أحمد إن النمو بلغ 3.5 في المئة!! «وهل يكفي؟» سأل.\nفقرة ثانية:   نعم (أ. ب. ج.) …"
    doc = Document(text=text)
    annotate_text(doc)
    assert len(doc.sentences) == 3
    for s in doc.sentences:
        inside = doc.tokens[s.token_start : s.token_end]
        assert [(t.start, t.text, t.norm) for t in inside] == [
            (t.start, t.text, t.norm) for t in tokenize(text[s.start : s.end], s.start)
        ]
    assert sum(s.token_end - s.token_start for s in doc.sentences) == len(doc.tokens)
