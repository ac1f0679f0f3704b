"""Context cues for names nobody listed, and the edges of person names.

`الرئيس X`, `وزير الخارجية X`, `الشيخ X`, `نظيره الكازاخستاني X` put a person
name after them; `قالت X المتحدثة باسم ...` puts one between a speech verb and
a role. These cues find persons the statistical model misses and give the
role that the linker reports for unknown people.

A name runs over given names, the chain of its ancestors (`فيصل بن سلطان بن
عبد العزيز`, `آل سعود`) and ends at most with one family name carrying the
article (`طلال الفهد`, `رميح بن صالح الشتيوي`). The same reading fixes the
model's spans: a person's span never holds a preposition (`بجوار`), a word
that starts a new phrase (`والإيفواري`, `بالطائف`) or a title; a demonym before
the name is not part of it but gives its country (`الإيفواري جيرفينيو`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import cache

from rasd.document import Document, Mention, Token
from rasd.kb import load_kb
from rasd.ner.gazetteer import skip_letters
from rasd.text import clitic_splits, normalize, strip_article
from rasd.text.translit import name_spellings

# Titles (normalized, article stripped) and the role they give.
TITLES: dict[str, str] = {
    normalize(k): v
    for k, v in {
        "رئيس": "president", "رئيسة": "president", "ملك": "king", "أمير": "prince", "شيخ": "sheikh",
        "سيد": "mr", "سيدة": "ms", "دكتور": "doctor", "د": "doctor", "وزير": "minister", "وزيرة": "minister",
        "نظير": "counterpart", "نظيره": "counterpart", "نظيرها": "counterpart", "نظيرتها": "counterpart",
        "مستشار": "adviser", "مستشارة": "chancellor", "جنرال": "general", "لواء": "general", "عميد": "brigadier",
        "عقيد": "colonel", "فريق": "general", "مشير": "field_marshal", "نائب": "deputy", "سفير": "ambassador",
        "سفيرة": "ambassador", "مبعوث": "envoy", "متحدث": "spokesperson", "متحدثة": "spokesperson",
        "زعيم": "leader", "قائد": "commander", "محافظ": "governor", "بابا": "pope", "مفتي": "mufti",
        "أمين": "secretary", "مهندس": "engineer", "معالي": "excellency", "سمو": "highness",
        "مدرب": "coach", "لاعب": "player", "حارس": "goalkeeper", "مهاجم": "striker", "كابتن": "captain",
        "طيار": "pilot", "نقيب": "captain", "ملازم": "lieutenant", "مقدم": "lieutenant_colonel",
        "رقيب": "sergeant", "عريف": "corporal", "جندي": "soldier", "أستاذ": "mr", "داعية": "preacher",
        "محامي": "lawyer", "محامية": "lawyer", "إعلامي": "journalist", "إعلامية": "journalist",
        "كاتب": "writer", "كاتبة": "writer", "شاعر": "poet", "فنان": "artist", "فنانة": "artist",
        "مواطن": "citizen", "مواطنة": "citizen", "مقيم": "resident", "شهيد": "martyr",
    }.items()
}
# Words that follow a title without being part of the name.
_TITLE_COMPLEMENTS = {normalize(w) for w in (
    "الوزراء", "الحكومة", "الخارجية", "الدفاع", "الداخلية", "المالية", "العام", "الأعلى", "الرسمي", "الرسمية",
    "باسم", "السابق", "الأسبق", "المنتخب", "الحالي", "الأول", "الثاني", "الجمهورية", "مجلس", "الدولة", "الأركان",
    "العامة", "الشورى", "النواب", "ولي", "العهد", "خادم", "الحرمين", "الشريفين", "الملكي", "الأمن", "القومي",
    "أول", "ركن", "الركن", "المؤقت", "المساعد", "الدولي", "الشاب", "الشابة", "الراحل", "الفقيد",
)}
# Function words and frequent verbs that end a name.
STOP = {normalize(w) for w in (
    "في", "من", "إلى", "الى", "على", "عن", "مع", "أن", "إن", "ان", "أنه", "إنه", "التي", "الذي", "الذين", "اللذين",
    "هذا", "هذه", "ذلك", "تلك", "كان", "كانت", "قد", "لقد", "لم", "لن", "لا", "ما", "و", "أو", "ثم", "بعد", "قبل",
    "خلال", "حول", "بين", "عند", "أمس", "اليوم", "غدا", "قال", "قالت", "أكد", "أكدت", "أعلن", "أعلنت", "أشار",
    "أشارت", "وقال", "وقالت", "يوم", "عبر", "لدى", "منذ", "حتى", "كل", "بعض", "أيضا", "هو", "هي", "هم", "نحو",
    "وزارة", "حكومة", "الى", "ضد", "دون", "غير", "أمام", "وراء", "فوق", "تحت", "ليس", "إذ", "إذا", "لكن", "بل",
    "عقد", "عقدا", "التقى", "بحث", "استقبل", "زار", "وصل", "أجرى", "دعا", "طالب", "رحب", "أدان", "يرى", "يقول",
    "الذى", "عليه", "فيه", "منه", "به", "له", "لها", "وذلك", "حيث", "بينما", "الرئيس", "الأمير", "الملك",
)}
# Prepositions made of nouns, and times: never inside a person's name (بجوار دي روسي, صلاح الخميس).
_NOT_IN_NAMES = (STOP - {normalize("علي")}) | {normalize(w) for w in (  # علي: Ali as often as على
    "بجوار", "بجانب", "جانب", "برفقة", "بصحبة", "بقيادة", "برئاسة", "بحضور", "بمشاركة", "لصالح", "بحسب", "حسب",
    "وفق", "وفقا", "عقب", "إثر", "أثناء", "مقابل", "ضمن", "رغم", "إزاء", "تجاه", "لدى", "عبر", "أمام",
    "صباح", "مساء", "السبت", "الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "قائلا", "مؤكدا", "مشيرا",
    "موضحا", "مضيفا", "يا",
)}
_SPEECH = {normalize(w) for w in (
    "قال", "قالت", "وقال", "وقالت", "أكد", "أكدت", "وأكد", "وأكدت", "أوضح", "أوضحت", "وأوضح", "وأوضحت",
    "أعلن", "أعلنت", "وأعلن", "وأعلنت", "صرح", "صرحت", "وصرح", "وصرحت", "أشار", "أشارت", "وأشار", "وأشارت",
    "ذكر", "ذكرت", "وذكر", "وذكرت", "أضاف", "أضافت", "وأضاف", "وأضافت", "رأى", "يرى", "اعتبر", "واعتبر",
)}
_ROLE_AFTER = {"متحدث", "متحدثه", "وزير", "وزيره", "رئيس", "رئيسه", "مدير", "مديره", "سفير", "سفيره",
               "امين", "مستشار", "مستشاره", "نائب", "قائد", "مبعوث", "ممثل", "ممثله", "مسؤول", "مسؤوله",
               "عضو", "زعيم", "محافظ", "امير", "مساعد", "مساعده", "رئيسا", "منسق"}
# Words naming an office without the article (وزير, ولي العهد): they end a name, they do not continue it.
_BARE_OFFICES = _ROLE_AFTER | {"ولي", "ملك", "سمو", "معالي"}
_THAT = {"ان", "انه"}
_PRONOUN_SUFFIXES = ("هم", "هما", "كما", "كم")
_PREPOSITIONS = {"ب", "ل", "وب", "ول", "فب", "فل"}
_ALA = normalize("على")  # also علي (Ali): the preposition after a family name
# الفريق: a general, or the team; الزعيم: a club's nickname; الداعية: a preacher, or "calling for"
_AMBIGUOUS_TITLES = {normalize(w) for w in ("فريق", "زعيم", "داعية")}
# Head words of facilities and bodies named after a person or a place (مستشفى الملك فيصل التخصصي, قصر
# بكنغهام), with the type of what they name: a title after them is no cue for a person.
_FACILITIES: dict[str, str] = {normalize(w): t for t, words in {
    "LOC": ("مطار", "مجمع", "ملعب", "استاد", "شارع", "طريق", "جامع", "مسجد", "قاعة", "حديقة", "حدائق", "منتزه",
            "دارة", "قصر", "ميدان", "مدينة", "حي"),
    "ORG": ("كلية", "معهد", "مشروع", "مكتبة", "كرسي", "مدرسة", "وقف", "مستشفى", "مستشفيات", "فريق", "نادي",
            "صحيفة", "جريدة", "قناة", "جامعة", "مركز", "مؤسسة", "برنامج"),
    "MISC": ("جائزة", "كأس"),
}.items() for w in words}
_TEAM_HEADS = {normalize(w) for w in ("فريق", "فريقه", "نادي", "ناديه", "صفوف")}  # لفريق مرسيليا
_ANCESTRY = {"بن", "ابن", "بنت"}  # فيصل بن سلطان
_HOUSE = "ال"  # آل سعود, normalized
_TWO_WORD_NAMES = {"عبد", "ابو", "ابا", "ابي"}  # عبد العزيز, أبو بكر, أبا الخيل: one name in two words
_NAME_ENDINGS = {"الله", "الدين"}  # نصر الله, نور الدين
_MAX_TITLE_WORDS = 4  # words between a title and the name (وزير الخارجية الروسي, باسم وزارة الخارجية)
MAX_NAME_TOKENS = 4  # given names in a row after a title (ancestors and the family name come on top)
_MAX_CHAIN = 8  # tokens of a whole name chain

_DASHES = {"-", "–", "—"}
_DASH = re.compile("[-–—]")

_SPEECH_CUE = "speech"
# Titles that are cues also without the article when a definite complement follows them (وزير المالية الباكستاني
# إسحاق دار, قائد الوسط كريم بوضيف, كابتن نادي الكويت الأسبق إبراهيم الخشرم); not those that are as often other
# words in a construct (لواء: a brigade, سيد, مواطن, جندي: any one).
_BARE_CUES = {normalize(w) for w in (
    "رئيس", "رئيسة", "وزير", "وزيرة", "سفير", "سفيرة", "مستشار", "قائد", "محافظ", "مدرب", "لاعب", "حارس", "مهاجم",
    "كابتن", "متحدث", "مبعوث", "مفتي", "أمير", "ملك",
)}
_BARE = "~"  # marks a bare title's role in `_CUES`
_CACHE_SIZE = 100_000


@dataclass(slots=True)
class Word:
    """What a word form can be in or next to a person's name, from its normalized form alone."""

    alpha: bool  # letters only, two or more
    article: bool  # الفهد: the article with nothing before it
    joined: bool  # بالديوان, للمركز, والإيفواري: a proclitic before the article starts a new phrase
    stop: bool  # function word, preposition-like noun or time: never inside a name
    title: str  # role a title with the article gives (الرئيس, والنقيب), "" for none
    office: bool  # an office named without the article (وزير, ولي): it ends a name
    demonym: str | None  # ISO3 of a demonym with the article (الإيفواري, والروسي)
    ordinary: bool  # a frequent word that is not part of names
    listed: bool  # some reading of it (without proclitics) is a listed name: سترة, الرمادي
    conjunction: bool  # و + a word, where the word with و is not a name (وفرانشيسكو, not وليد)
    body: bool  # a preposition + the first word of a body's or place's name (لمجلس, بجامعة)
    inflected: bool  # no name: a pronoun suffix (بتحقيقهم)
    prepositional: bool  # a preposition + an ordinary word (لموسمين; but بحتي is also a surname)
    head: bool  # the first word of a body's or place's name, with or without a preposition (بنادي, حزب)
    facility: tuple[int, str] | None  # (proclitic letters, type) of a facility's head word (بمستشفى, قصر)
    team: bool  # لفريق, صفوف: a club's name follows
    place: int  # بالطائف: letters before a listed place's name with its article; -1 for none
    verb: bool  # يعزي, يدشن: looks like a verb in the present (ي-), and is no known name
    known: bool  # a known person's name word (صالح, مبارك)
    plain_name: bool = False  # none of the above that cut or trim a model's person span

    @property
    def plain(self) -> bool:
        """An ordinary word that the knowledge base lists under no reading (الله, but not الرمادي)."""
        return self.ordinary and not self.listed

    @property
    def given(self) -> bool:
        """Can be a given name or an ancestor's name (no article, not an ordinary word)."""
        return (self.alpha and not self.article and not self.joined and not self.stop and not self.office
                and not self.ordinary and not self.conjunction and not self.demonym and not self.body
                and not self.inflected)

    @property
    def surname(self) -> bool:
        """Can be a family name with the article (الشتيوي, الفهد), not a title or a demonym."""
        return self.alpha and self.article and not self.stop and not self.title and not self.demonym

    @property
    def family(self) -> bool:
        """A family name with the article that is no ordinary word (البدين, not الوفد)."""
        return self.surname and not self.ordinary


@cache
def _body_heads() -> frozenset[str]:
    """First words of listed names of bodies and places that begin no person's name (مجلس, جامعه, نادي)."""
    kb = load_kb()
    heads: dict[str, bool] = {}
    for key in kb.alias_keys():
        first, space, _rest = key.partition(" ")
        if space:
            heads[first] = heads.get(first, True) and kb.lookup(key)[0].type != "PER"
    return frozenset(w for w, other in heads.items() if other and w not in TITLES and w not in _BARE_OFFICES)


class _Words(dict):
    """Normalized word → `Word`, computed on first sight."""

    def __missing__(self, norm: str) -> Word:
        kb, heads = load_kb(), _body_heads()
        readings = clitic_splits(norm)
        definite = [(p, s) for p, s in readings if p.endswith("ال")]
        indefinite = [(p, s) for p, s in readings if not p.endswith("ال")]
        joined = any(len(p) > 2 for p, _s in definite)
        listed = norm in kb
        named = norm in name_spellings() or listed and any(e.type == "PER" for e in kb.lookup(norm))
        demonym = next((iso for _p, s in definite if (iso := kb.demonym(s))), None)
        word = Word(
            alpha=norm.isalpha() and len(norm) >= 2,
            article=norm.startswith("ال") and not joined,
            joined=joined,
            stop=norm in _NOT_IN_NAMES,
            title=next((TITLES[s] for _p, s in definite if s in TITLES), ""),
            office=strip_article(norm) in _BARE_OFFICES,
            demonym=demonym if definite else kb.demonym(norm),
            ordinary=kb.is_ordinary(norm),
            listed=listed or any(s in kb for _p, s in readings),
            conjunction=norm[:1] == "و" and len(norm) > 3 and not named and not listed and not demonym,
            body=any(p and s in heads for p, s in indefinite),
            inflected=not named and norm.endswith(_PRONOUN_SUFFIXES),
            prepositional=not named and any(p in _PREPOSITIONS and len(s) > 2 and kb.is_ordinary(s)
                                            for p, s in indefinite),
            head=any(s in heads or s in _FACILITIES for _p, s in indefinite if not s.startswith("ال")),
            facility=next(((len(p), _FACILITIES[s]) for p, s in indefinite if s in _FACILITIES), None),
            team=any(s in _TEAM_HEADS for _p, s in indefinite),
            place=next((len(p) - 2 for p, s in definite if len(p) > 2 and "ال" + s in kb
                        and any(e.type == "LOC" for e in kb.lookup("ال" + s))), -1),
            verb=norm[:1] == "ي" and len(norm) >= 4 and not named and not listed,
            known=named,
        )
        word.plain_name = not (word.stop or word.joined or word.title or word.conjunction or word.verb
                               or word.article and word.demonym or word.ordinary and not word.listed
                               or norm == _ALA)
        if len(self) < _CACHE_SIZE:
            self[norm] = word
        return word


WORDS = _Words()


class _Cues(dict):
    """Normalized word → the role its title gives (`الرئيس`; after `_BARE` for a title without the article),
    _SPEECH_CUE for a speech verb, "" for neither."""

    def __missing__(self, norm: str) -> str:
        title = norm if norm.startswith("نظير") and norm != "نظير" else norm[2:] if norm.startswith("ال") else (
            norm[3:] if norm.startswith("وال") else "")
        bare = norm if norm in _BARE_CUES else norm[1:] if norm[:1] == "و" and norm[1:] in _BARE_CUES else ""
        cue = TITLES.get(title) or (_SPEECH_CUE if norm in _SPEECH else _BARE + TITLES[bare] if bare else "")
        if len(self) < _CACHE_SIZE:
            self[norm] = cue
        return cue


_CUES = _Cues()


def name_unit_end(toks: list[Token], k: int, end: int, linked: bool = False) -> int:
    """End of the one given name starting at token k (عبد العزيز, أبو بكر, نصر الله: two tokens); k if none.
    `linked`: the word follows بن, where any word without the article is a name (بن خلف)."""
    if k >= end:
        return k
    w = WORDS[toks[k].norm]
    if not (w.given or linked and w.alpha and not (w.article or w.joined or w.stop or w.title or w.conjunction)):
        return k
    if toks[k].norm in _TWO_WORD_NAMES:
        return k + 2 if k + 1 < end and WORDS[toks[k + 1].norm].alpha else k
    return k + 2 if k + 1 < end and toks[k + 1].norm in _NAME_ENDINGS else k + 1


def name_chain_end(toks: list[Token], k: int, end: int, given_max: int = _MAX_CHAIN,
                   linked: bool = False, known_tail: bool = False) -> tuple[int, bool]:
    """End of a name's continuation from token k: more given names (at most `given_max`), `بن X` links,
    then `آل X` or one family name: with the article, or without it after a link (`بدر بن علي كحيل`).
    Also whether it took a family name. `linked`: the name before token k has a `بن X` link;
    `known_tail`: a family name without the article must be a known name word."""
    start, given = k, 0
    while k < end and k - start < _MAX_CHAIN:
        norm = toks[k].norm
        w = WORDS[norm]
        if norm in _ANCESTRY:
            nxt = name_unit_end(toks, k + 1, end, linked=True)
            if nxt == k + 1:
                break
            k, linked = nxt, True
        elif norm == _HOUSE:
            return (k + 2, False) if k + 1 < end and WORDS[toks[k + 1].norm].alpha else (k, False)
        elif given < given_max and (nxt := name_unit_end(toks, k, end)) > k:
            k, given = nxt, given + 1
        elif w.family or linked and w.given and not w.verb and norm != _ALA and (w.known or not known_tail):
            return k + 1, True
        else:
            break
    return k, False


def find_cued_names(doc: Document, taken: list[tuple[int, int]]) -> list[Mention]:
    """Person mentions signalled by a title before or a role after the name."""
    out: list[Mention] = []
    occupied = set()
    for s, e in taken:
        occupied.update(range(s, e))
    cued = [k for k, tok in enumerate(doc.tokens) if _CUES[tok.norm]]  # few: sentences without one are skipped
    for sent in doc.sentences:
        first = bisect_left(cued, sent.token_start)
        if first == len(cued) or cued[first] >= sent.token_end:
            continue
        toks = doc.tokens[sent.token_start : sent.token_end]
        for i in [k - sent.token_start for k in cued[first : bisect_left(cued, sent.token_end)]]:
            role = _CUES[toks[i].norm]
            if i and WORDS[toks[i - 1].norm].facility:
                continue
            if role != _SPEECH_CUE:
                j = _after_title(toks, i + 1)
                if role[0] == _BARE:  # وزير المالية X: a bare title names a person only after its complement
                    role = role[1:]
                    if not any(t.norm.startswith("ال") for t in toks[i + 1 : j]):
                        continue
                if (strip_article(toks[i].norm) in _AMBIGUOUS_TITLES and j < len(toks)
                        and (not WORDS[toks[j].norm].known or toks[j].norm == _ALA)):
                    continue  # الفريق معسكره: the team, unless a known name follows
                mention = _name_from(doc, toks, j, occupied, role)
            else:
                mention = _name_before_role(doc, toks, i + 1, occupied)
            if mention:
                out.append(mention)
                occupied.update(range(mention.start, mention.end))
    return out


def _after_title(toks: list[Token], j: int) -> int:
    """Where the name starts after a title that ends at token j: past its complements (`الرسمي باسم
    المركز`, `الروسي`, `العام للأمم المتحدة`, `أول ركن`), at most a few words."""
    for k in range(j, min(j + _MAX_TITLE_WORDS, len(toks))):
        norm = toks[k].norm
        w = WORDS[norm]
        if not (norm in _TITLE_COMPLEMENTS or _is_demonym_like(toks[k]) or w.title or w.article
                or w.joined and norm[0] not in "وف" or w.head) or w.stop and not w.head:
            return k  # والصغير: a list of nouns, not the title's complement
    return j


def _is_demonym_like(tok: Token) -> bool:
    """الروسي, الكازاخستاني, الوطني: an adjective in -ي/-ية after a title."""
    return tok.norm.startswith("ال") and tok.norm.endswith(("ي", "يه")) and tok.norm not in STOP


def _name_extent(toks: list[Token], j: int, occupied: set[int]) -> int:
    """End of the person name starting at token j (j if none): two words at least, none already taken."""
    end = j
    while end < min(len(toks), j + _MAX_CHAIN) and toks[end].start not in occupied:
        end += 1
    k = name_unit_end(toks, j, end)
    if j + 1 < end and toks[j].norm == _ALA and j and WORDS[toks[j - 1].norm].title:
        k = j + 1  # المهندس علي القرني: after a title it is Ali
    elif k == j or WORDS[toks[j].norm].prepositional or toks[j].norm == _ALA and WORDS[toks[j - 1].norm].article:
        return j  # لموسمين, (الغامدي) على: no name begins there
    k, family = name_chain_end(toks, k, end, given_max=MAX_NAME_TOKENS - 1)
    if not family and k < end and WORDS[toks[k].norm].surname and (
            _clause_ends(toks, k + 1) or WORDS[toks[k + 1].norm].stop):
        k += 1  # الشيخ طلال الفهد أعلن, المهندس علي القرني من: a family name that is also a word, where the name ends
    elif k - j == 1 and k < end and _name_like(w := WORDS[toks[k].norm]) and not (w.article or w.verb) and (
            _clause_ends(toks, k + 1) or WORDS[toks[k + 1].norm].stop):
        k += 1  # إسحاق دار مع: so is a second name without the article (دار)
    k = _without_verb(toks, j, k)
    if toks[k - 1].norm == _ALA:
        k -= 1  # ترتسم على: the preposition more often than Ali, at the end
    return k if k - j >= 2 else j  # a lone word after a title is too often a common noun


def _without_verb(toks: list[Token], a: int, b: int) -> int:
    """End of the name in tokens [a, b) without a verb the span ran into (`تركي بن عبد الله يعزي`)."""
    return b - 1 if b - a > 1 and WORDS[toks[b - 1].norm].verb else b


def _clause_ends(toks: list[Token], k: int) -> bool:
    """Token k ends the subject of a clause: punctuation, the end, a speech verb, a role, أن."""
    if k >= len(toks) or not toks[k].norm.isalpha():
        return True
    norm = toks[k].norm
    return norm in _SPEECH or norm in _THAT or strip_article(norm) in _ROLE_AFTER


def _name_from(doc: Document, toks: list[Token], j: int, occupied: set[int], role: str) -> Mention | None:
    k = _name_extent(toks, j, occupied)
    if k == j:
        return None
    start, end = toks[j].start, toks[k - 1].end
    return Mention(start, end, doc.text[start:end], "PER", source="cue", role=role)


def _name_before_role(doc: Document, toks: list[Token], j: int, occupied: set[int]) -> Mention | None:
    k = _name_extent(toks, j, occupied)
    if k == j or k >= len(toks):
        return None
    head = strip_article(toks[k].norm)
    if head not in _ROLE_AFTER:
        return None
    start, end = toks[j].start, toks[k - 1].end
    return Mention(start, end, doc.text[start:end], "PER", source="cue", role=TITLES.get(head, "official"))


def person_pieces(doc: Document, m: Mention, starts: list[int]) -> list[Mention]:
    """The model's person span cut where a name cannot go on (`صلاح بجوار دانيلي دي روسي`, `توتي
    والإيفواري جيرفينيو`), each piece without a leading conjunction or demonym (which gives the piece its
    country) and without titles. Pieces made of ordinary words only (`الله`) are dropped; a listed place
    the span ran into (`عبدالعزيز بالطائف`) is a mention of its own."""
    toks = doc.tokens
    i, j = bisect_left(starts, m.start), bisect_left(starts, m.end)
    if all(WORDS[t.norm].plain_name for t in toks[i:j]):
        return [m]
    pieces: list[Mention] = []
    a, country, waw = i, None, False
    for k in range(i, j + 1):
        w = WORDS[toks[k].norm] if k < j else None
        if w is not None and k == a:  # what may come before a name
            if w.article and w.demonym:
                a, country = k + 1, w.demonym
                continue
            waw = w.conjunction and not w.joined
        ends = (w is None or w.stop or w.joined or bool(w.title)  # this word is no part of a name
                or toks[k].norm == _ALA and k > a and WORDS[toks[k - 1].norm].article)  # الربيعة على
        if not ends and not (w.conjunction and k > a):  # وفرانشيسكو: a second name begins
            continue
        b = _without_verb(toks, a, k)
        if waw and b - a == 1 and not WORDS[toks[a].norm[1:]].known:
            b = a  # وجهنا: one word after و is a name only if it is a known one (وصالح)
        if b > a and not all(WORDS[t.norm].plain for t in toks[a:b]):
            start = toks[a].start + waw if a > i or waw else m.start
            end = toks[b - 1].end
            pieces.append(Mention(start, end, doc.text[start:end], "PER", source=m.source, country=country))
        if not ends:
            a, country, waw = k, None, True
        else:
            a, country, waw = k + 1, w.demonym if w is not None and w.joined else None, False
            if w is not None and w.place >= 0:  # بالطائف: the place is a name of its own
                start = skip_letters(toks[k], w.place)
                pieces.append(Mention(start, toks[k].end, doc.text[start : toks[k].end], "LOC", source=m.source))
    if len(pieces) == 1 and (pieces[0].start, pieces[0].end, pieces[0].type) == (m.start, m.end, m.type):
        return [m]
    return pieces


def complete_person_names(doc: Document, mentions: list[Mention], starts: list[int]) -> list[Mention]:
    """Person names grown over the chain of ancestors around them and a family name after it.

    `فيصل بن` + `سلطان بن عبد العزيز` become one name: the son's, so a listed
    name found inside it no longer names him (its candidates go). `X بن Y`
    followed by `بن Z`, `آل Z` keeps its candidates (the same man, named in
    full); a family name after it (`رميح بن صالح الشتيوي`) makes it another
    man than the listed `X بن Y`. The mentions the grown name covers are
    merged into it. Returns the mentions left.
    """
    toks = doc.tokens
    owner: dict[int, Mention] = {}
    gone: set[int] = set()
    for m in sorted((m for m in mentions if m.type == "PER"), key=lambda m: m.start):
        i, j = bisect_left(starts, m.start), bisect_left(starts, m.end)
        if i == len(toks):
            continue  # a listed name after a proclitic in the last token (بالصدر): nothing to grow into
        if id(m) in gone or not _may_grow(toks, i, j, m):
            continue
        if not owner:
            for o in mentions:
                for k in range(bisect_left(starts, o.start), bisect_left(starts, o.end)):
                    owner[k] = o
        sent = doc.sentences[doc.sentence_index(m.start)]

        def free(k: int, m: Mention = m) -> bool:
            other = owner.get(k)
            return other is None or other is m or other.type == "PER"

        lo, hi = i, j  # the tokens around it that no other kind of name holds, as far as a name may reach
        while lo > max(sent.token_start, i - _MAX_CHAIN) and free(lo - 1):
            lo -= 1
        while hi < min(sent.token_end, j + _MAX_CHAIN) and free(hi):
            hi += 1
        first = _ancestry_start(toks, i, lo)
        if first == i and m.candidates and j - i == 1 and i > lo and WORDS[toks[i - 1].norm].known:
            first = i - 1  # فيصل مبارك: a listed surname after a given name
            if own_name(m, toks[i - 1].norm):  # حسني مبارك: his own
                m.start = toks[first].start
                m.text = doc.text[m.start : m.end]
                i = first
        last = j
        if toks[j - 1].norm == _HOUSE:  # a name cut after آل: the house's name, also with the article (آل الشيخ)
            last = j + 1 if j < hi and WORDS[toks[j].norm].alpha else j
        elif toks[j - 1].norm in _ANCESTRY:  # a name cut after بن
            last = name_unit_end(toks, j, hi, linked=True)
        elif toks[j - 1].norm in _TWO_WORD_NAMES and j < hi and WORDS[toks[j].norm].alpha:
            last = j + 1  # علي بن أبي + طالب
        linked = any(t.norm in _ANCESTRY for t in toks[first:last])
        known_tail = bool(m.candidates) and first == i  # a listed man's name grows by known names only
        last, family = name_chain_end(toks, last, hi, given_max=0, linked=linked, known_tail=known_tail)
        if family and not any(t.norm in _ANCESTRY for t in toks[first : last - 1]):
            last -= 1  # a family name only completes a chain of ancestors
            family = False
        if (first, last) == (i, j):
            continue
        merged = {id(o): o for k in range(first, last) if (o := owner.get(k)) is not None and o is not m}
        for o in merged.values():
            first = min(first, bisect_left(starts, o.start))
            last = max(last, bisect_left(starts, o.end))
            gone.add(id(o))
        start = m.start if first == i else toks[first].start
        m.start, m.end = start, toks[last - 1].end
        m.text = doc.text[m.start : m.end]
        if first < i or family:
            m.candidates = ()
        for k in range(first, last):
            owner[k] = m
    return [m for m in mentions if id(m) not in gone]


def _may_grow(toks: list[Token], i: int, j: int, m: Mention) -> bool:
    """A quick look at the words around a person's name (tokens [i, j)) for what could make it grow."""
    links = _ANCESTRY
    last = toks[j - 1].norm
    if toks[i].norm in links or last in links or last == _HOUSE or last in _TWO_WORD_NAMES:
        return True
    if i and (toks[i - 1].norm in links or m.candidates and j - i == 1 and WORDS[toks[i - 1].norm].known):
        return True
    if j == len(toks):
        return False
    after = toks[j].norm
    if after in links or after == _HOUSE:
        return True
    w = WORDS[after]
    return (w.family or w.given) and any(t.norm in links for t in toks[i:j])


def _ancestry_start(toks: list[Token], i: int, lo: int) -> int:
    """Where a name starting at token i really starts: before the `X بن` links in front of it."""
    while True:
        if toks[i].norm in _ANCESTRY:  # a listed `بن علي`: the name before it
            link = i
        elif i - 1 > lo and toks[i - 1].norm in _ANCESTRY:
            link = i - 1
        else:
            return i
        for n in (2, 1):  # عبد العزيز بن, فيصل بن
            if link - n >= lo and name_unit_end(toks, link - n, link) == link:
                i = link - n
                break
        else:
            return i


def prefer_longer_person_names(doc: Document, known: list[Mention], model: list[Mention],
                               starts: list[int]) -> list[Mention]:
    """The listed names to keep where the model reads a listed person's name inside a longer name.

    The longer name wins when the words it adds are names (`حمد بن علي العطية`
    around `بن علي`: another man). It is the listed person named more fully
    when it adds his own first name (`فرانك` + `شتاينماير`): the listed match
    takes the longer span. A chain of ancestors after the listed name (`بن عبد
    العزيز`) keeps the match, which grows later. Words that cannot be in a name
    (a title, a demonym) make the model's span the wrong one.
    """
    persons = [m for m in model if m.type == "PER"]
    out = []
    for k in known:
        m = None
        if k.type == "PER":
            size = k.end - k.start
            m = next((m for m in persons if m.start <= k.start and k.end <= m.end and m.end - m.start > size), None)
        if m is None:
            out.append(k)
            continue
        toks = doc.tokens
        i, j = bisect_left(starts, k.start), bisect_left(starts, k.end)
        left, right = toks[bisect_left(starts, m.start) : i], toks[j : bisect_left(starts, m.end)]
        if right and (right[0].norm in _ANCESTRY or right[0].norm == _HOUSE):
            out.append(k)
        elif left and not right and own_name(k, left[0].norm):
            if not any(o.start < k.start and m.start < o.end for o in known):
                k.start, k.text = m.start, doc.text[m.start : k.end]
            out.append(k)
        elif not all(_name_like(WORDS[t.norm]) for t in left + right):
            out.append(k)
    return out


def _name_like(w: Word) -> bool:
    return w.alpha and not (w.stop or w.joined or w.title or w.demonym or w.office)


def own_name(k: Mention, norm: str) -> bool:
    """Whether `norm` is a word of a candidate's Arabic name (حسني for مبارك)."""
    kb = load_kb()
    return any((e := kb.get(c)) is not None and norm in normalize(e.name_ar).split(" ") for c in k.candidates)


def facility_mention(doc: Document, m: Mention, starts: list[int]) -> Mention | None:
    """The facility a person's name is part of (`مستشفى الملك عبدالعزيز`, `مطار الملك عبدالعزيز الدولي`,
    `قصر بكنغهام`): its head word, an optional title, the name, an adjective after it; None if none."""
    toks = doc.tokens
    i, j = bisect_left(starts, m.start), bisect_left(starts, m.end)
    if i == len(toks):
        return None  # a listed name after a proclitic in the last token (لعبدالعزيز): no facility's name
    head = WORDS[toks[i].norm].facility
    if head is None:
        if i and (WORDS[toks[i - 1].norm].title or strip_article(toks[i - 1].norm) in TITLES):
            i -= 1
        if i == 0 or (head := WORDS[toks[i - 1].norm].facility) is None:
            return None
        i -= 1
    if j < len(toks) and _is_demonym_like(toks[j]) and WORDS[toks[j].norm].ordinary:
        j += 1  # الدولي, التخصصي
    start, end = skip_letters(toks[i], head[0]), toks[j - 1].end
    return Mention(start, end, doc.text[start:end], head[1], source=m.source)


def byline_names(doc: Document, starts: list[int]) -> list[Mention]:
    """The reporter's name a line starts with, before a dash (`لجين الأحمدي – عين اليوم`): a person,
    whatever the model reads in it (the family name الأحمدي is also a place)."""
    toks, text = doc.tokens, doc.text
    out = []
    for dash in _DASH.finditer(text):
        k = bisect_left(starts, dash.start())
        if k < 2 or k == len(toks) or toks[k].text not in _DASHES:
            continue
        for i in range(k - 2, max(-1, k - MAX_NAME_TOKENS - 1), -1):  # the line's first word, if near
            if i == 0 or "\n" in text[toks[i - 1].end : toks[i].start]:
                break
        else:
            continue
        j = name_unit_end(toks, i, k) if toks[i].norm[:1] >= "\u0600" else i  # Arabic names only
        if j > i:
            j, family = name_chain_end(toks, j, k, given_max=2)
            if not family and j < k and WORDS[toks[j].norm].surname:
                j += 1
        if j == k:
            out.append(Mention(toks[i].start, toks[k - 1].end, text[toks[i].start : toks[k - 1].end], "PER",
                               source="cue"))
    return out


def mark_clubs(doc: Document, mentions: list[Mention], starts: list[int]) -> None:
    """A city right after `فريق`, `نادي`, `صفوف` is the club named after it (لفريق مرسيليا, صفوف تشيلسي):
    an organization, which the knowledge base does not list under that name. A country stays a place: a
    national team is its country."""
    kb = load_kb()
    for m in mentions:
        if m.type != "LOC":
            continue
        i = bisect_left(starts, m.start)
        if i == 0 or not WORDS[doc.tokens[i - 1].norm].team:
            continue
        if m.candidates:
            entries = [kb.get(c) for c in m.candidates]
        else:
            entries = kb.lookup(" ".join(t.norm for t in doc.tokens[i : bisect_left(starts, m.end)]))
        if not any(e is not None and e.subtype == "country" for e in entries):
            m.type, m.candidates = "ORG", ()
