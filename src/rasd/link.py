"""The `link` stage: every mention resolved to an entity, known or new.

In order:
1. names the knowledge base matched pick one candidate, by type, by the role
   valid at the publication date, by the country the context names (مجلس
   الشورى in an article about Iran is Iran's), and by prior (countries before
   cities); names found by the model or by cues are looked up exactly (with
   clitics stripped, and a person also by first and last name), then fuzzily;
2. phrases built from a head word and a demonym name an entity of that
   country: `الجيش اليمني`, `الحكومة العراقية`, `وزارة الدفاع الروسية`,
   `الخارجية الأمريكية`, `المملكة الأردنية`, `العاصمة الروسية`;
3. in-document coreference: a surname alone joins the person named in full
   (ميدفيديف → ديمتري ميدفيديف);
4. what is left becomes a new entity with a stable local id, an English name
   by transliteration, and the country its context gives (a demonym next to
   it, a country in the title before a person's name, a demonym in a person's
   apposition, the sentence, else the article's main country); fragments of
   ordinary words are dropped;
5. offices named by a title and a demonym join their holder at the
   publication date: `الرئيس الروسي`, `نظيره الكازاخستاني`, `نائب الرئيس اليمني`;
   a few offices alone (`ولي ولي العهد`, `وزير الداخلية`) the holder in the
   article's country, else in Saudi Arabia.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from itertools import compress

from rasd.document import Document, Entity, Mention, Token
from rasd.kb import KBEntry, KnowledgeBase, Role, alias_key, load_kb
from rasd.kb.compile import slug
from rasd.ner.gazetteer import skip_letters
from rasd.ner.rules import STOP, TITLES
from rasd.text import clitic_splits, normalize, strip_article
from rasd.text.translit import ARAB_WORLD, given_names, name_spellings, transliterate

_CITY_CUES = {normalize(w) for w in ("مدينة", "بمدينة", "العاصمة", "لمدينة", "ومدينة")}
_HEAD_OF_STATE = ("president", "king", "emir", "head_of_state", "acting_president", "prime_minister")
_COUNTERPART = ("نظير", "نظيره", "نظيرها", "نظيرته", "نظيرتها")
# Office words before a demonym (the first without its article) and the KB role titles they name. A
# counterpart (نظيره) is whoever of that country the article has named, else its head of state.
_OFFICES: dict[str, tuple[str, ...]] = {
    "رئيس": _HEAD_OF_STATE, "رئيسان": _HEAD_OF_STATE, "رئيسين": _HEAD_OF_STATE,
    "ملك": ("king", "head_of_state"), "عاهل": ("king", "head_of_state"), "أمير": ("emir", "head_of_state"),
    "رئيس الوزراء": ("prime_minister", "premier"), "رئيس الحكومة": ("prime_minister", "premier"),
    "وزير الخارجية": ("foreign_minister",), "وزير الدفاع": ("defence_minister",),
    "وزير الداخلية": ("interior_minister",), "ولي العهد": ("crown_prince",),
    "ولي ولي العهد": ("deputy_crown_prince",), "نائب الرئيس": ("vice_president",),
    "نائب رئيس الوزراء": ("deputy_prime_minister",), "نائب رئيس الحكومة": ("deputy_prime_minister",),
    **{w: _HEAD_OF_STATE for w in _COUNTERPART},
}
# Offices that name their holder with no demonym (ولي ولي العهد، وزير الداخلية alone): the holder in the article's
# country, else (royal offices, or an article that names no country) in Saudi Arabia, whose press names its own
# officials so, as it says المملكة. Not after a word that makes it someone else's (نائب وزير الداخلية، المتحدث
# باسم), before a name (the name is linked) or before السابق (a former holder).
_BARE_OFFICES = frozenset({"ولي العهد", "ولي ولي العهد", "وزير الخارجية", "وزير الدفاع", "وزير الداخلية",
                           "رئيس الوزراء", "رئيس الحكومة"})
_ROYAL_TITLES = ("crown_prince", "deputy_crown_prince")
_NOT_HOLDER = frozenset(normalize(w) for w in ("مساعد", "وكيل", "مدير", "مكتب", "باسم", "لدى", "السابق", "الأسبق",
                                               "سابق", "سابقا"))
_DUAL_OFFICES = frozenset(strip_article(normalize(w)) for w in ("رئيسان", "رئيسين", "زعيمان", "زعيمين"))
_STATE_WORDS = ("مملكة", "جمهورية", "دولة", "سلطنة", "إمارة")  # المملكة الأردنية → Jordan
# `المملكة` alone: the kingdom the article is about; Saudi Arabia when it names none (Saudi press usage).
_KINGDOM = strip_article(normalize("المملكة"))
_KINGDOMS = frozenset({"SAU", "JOR", "BHR", "MAR", "GBR", "ESP", "NLD", "BEL", "SWE", "NOR", "DNK", "THA"})
_DEFAULT_KINGDOM = "SAU"
_NATIONAL_TEAM = "rasd:org:national-"  # ids of national teams (institutions.tsv: المنتخب)
# Words before a person's name that name the country they serve (سفير خادم الحرمين → SAU) are found
# through the entities linked there; these stop the look-back (the host country of an ambassador).
_HOST = {normalize(w) for w in ("لدى", "في", "إلى", "الى", "من", "عن", "مع")}
_LOOK_BACK = 6
_APPOSITION = 9  # tokens after a person's name that its apposition may run to
_DIRECTIONS = {normalize(w) for w in ("الشمالي", "الجنوبي", "الشرقي", "الغربي", "الشمالية", "الجنوبية", "الشرقية",
                                      "الغربية", "الجديد", "الجديدة", "القديم", "القديمة", "الكبرى", "الصغرى")}
# Head words an organization's name follows: media (لقناة "الإخبارية") and clubs (فريق الهلال, whose one-word
# names are weak aliases, ordinary words alone).
_ORG_HEADS = {normalize(w) for w in ("صحيفة", "جريدة", "قناة", "وكالة", "موقع", "مجلة", "شبكة", "محطة", "إذاعة",
                                     "فريق", "نادي")}
# Words a club's name follows in sports news (مدرب الباطن, لاعب الهلال, لفرق الأهلي، الاتحاد، الاتفاق): only clubs,
# named by all their aliases, the weak ones (`~الاتفاق`) included, and a list of clubs after the first.
_TEAM_HEADS = {normalize(w) for w in ("فرق", "أندية", "اندية", "مدرب", "مدربي", "لاعب", "لاعبي", "جماهير",
                                      "إدارة", "ادارة", "مهاجم", "حارس", "مدافع")}
# Indefinite words that put a place's name after them (بقرية العابطية, محافظة الحرث, طريق شرما): a name nobody
# listed becomes a new place. Their definite forms (المحافظة الشرقية) take adjectives instead. `قرب` and `بالقرب`
# only before a place the knowledge base lists (قرب الرمادي: also an ordinary word).
_PLACE_CUES = {normalize(w): True for w in ("قرية", "قريتي", "بلدة", "بلدتي", "محافظة", "محافظتي", "إقليم", "اقليم",
                                            "مقاطعة", "ولاية", "مديرية", "مركز", "طريق")} | {
    normalize(w): False for w in ("قرب", "بالقرب", "ضواحي", "أطراف")}
# Sports a national team plays (article-free; "" for football, the team `المنتخب` names by default).
_TEAM_BODY = "المنتخب"
_SPORTS = {" ".join(strip_article(w) for w in normalize(k).split()): v for k, v in {
    "كرة القدم": "", "كرة اليد": "handball", "كرة السلة": "basketball", "الكرة الطائرة": "volleyball",
    "الطائرة": "volleyball", "البولينج": "bowling", "البولينغ": "bowling", "التنس": "tennis", "السباحة": "swimming",
    "ألعاب القوى": "athletics", "الجودو": "judo", "الكاراتيه": "karate", "التايكوندو": "taekwondo",
    "الشطرنج": "chess", "الهوكي": "hockey", "الرماية": "shooting", "المبارزة": "fencing", "الملاكمة": "boxing",
    "الفروسية": "equestrian", "الجمباز": "gymnastics", "الدراجات": "cycling", "البلياردو": "billiards",
    "الإسكواش": "squash", "السنوكر": "snooker", "المصارعة": "wrestling"}.items()}
_VIA = normalize("عن")  # عن طريق: "by way of", no road
_QUOTES = {'"', "«", "“", "'", "”", "»"}
_DASHES = {"-", "–", "—", ":"}
_NEWLINE = re.compile(r"\n\s*")
_NASAB = {normalize(w) for w in ("بن", "ابن", "بنت")}
_MAX_NASAB_TAIL = 3  # tokens after بن that the grown name may take
_MAX_CACHED_WORDS = 1 << 18


@dataclass(frozen=True, slots=True)
class _Phrase:
    """A head phrase that names an entity of the country of the demonym after it."""

    words: tuple[str, ...]  # normalized; the first without its article and proclitics
    kind: str  # office | capital | state | ministry | body
    key: str = ""  # institution key for `kb.institution`
    titles: tuple[str, ...] = ()  # office: KB role titles
    needs_demonym: bool = True
    country: str | None = None  # facility: the country of the place it is named after
    bare: bool = False  # office: names its holder with no demonym (see _BARE_OFFICES)


_KINGDOM_PHRASE = _Phrase(("مملكه",), "state")
# Head words of facilities named after a place (مطار عدن → Aden Airport), article-free.
_FACILITIES = {normalize(k): v for k, v in {"مطار": "{} Airport", "ميناء": "Port of {}", "أمانة": "{} Municipality",
                                             "امانة": "{} Municipality"}.items()}
_BODY_FORMS = frozenset({"{} Municipality"})  # facilities that are bodies (أمانة جدة → Jeddah Municipality): ORG
# Head words of facilities named after a person or a word (مستشفى الملك عبدالعزيز → King Abdulaziz Hospital),
# article-free, with the titles such names carry in English.
_NAMED_FACILITIES = {normalize(k): v for k, v in {
    "مستشفى": "{} Hospital", "مستشفيات": "{} Hospitals", "قصر": "{} Palace", "جامعة": "{} University",
    "مسجد": "{} Mosque", "جامع": "{} Mosque", "ملعب": "{} Stadium", "استاد": "{} Stadium", "مطار": "{} Airport",
    "كلية": "{} College", "مركز": "{} Center", "معهد": "{} Institute", "مدرسة": "{} School"}.items()}
_FACILITY_TITLES = {normalize(k): v for k, v in {"الملك": "King", "الأمير": "Prince", "الشيخ": "Sheikh",
                                                 "الإمام": "Imam", "السلطان": "Sultan"}.items()}


class _Phrases:
    """The phrase table, indexed by first word, with each word form's possible first words cached."""

    def __init__(self, kb: KnowledgeBase) -> None:
        phrases = [_Phrase(_words(k), "office", titles=v, bare=k in _BARE_OFFICES) for k, v in _OFFICES.items()]
        phrases.append(_Phrase(_words("عاصمة"), "capital"))
        phrases += [_Phrase(_words(w), "state") for w in _STATE_WORDS]
        phrases += [_Phrase((w,), "facility") for w in _FACILITIES]
        for p in kb.institution_patterns():
            for key in p.keys:
                if p.kind == "ministry":
                    phrases.append(_Phrase(_words("وزارة " + key), "ministry", "وزاره " + key, needs_demonym=False))
                    if p.elided and key.startswith("ال"):
                        phrases.append(_Phrase(_words(key), "ministry", key))
                elif key.startswith("ال"):  # a body of two words or more alone (النيابة العامة) is the article's
                    phrases.append(_Phrase(_words(key), "body", key, needs_demonym=" " not in key))
        self.by_first: dict[str, list[_Phrase]] = {}
        for p in sorted(phrases, key=lambda p: -len(p.words)):
            self.by_first.setdefault(p.words[0], []).append(p)
        self._kb = kb
        self.words: dict[str, tuple[str | None, tuple[str, ...], bool, bool | None, bool]] = {}
        # every stem that makes a word more than plain: most words have none, and are told apart with one test
        self._cue_stems = set(self.by_first) | _ORG_HEADS | set(_PLACE_CUES) | _TEAM_HEADS
        self._cue_stems |= {"ال" + w for w in _TEAM_HEADS}

    def word(self, norm: str) -> tuple[str | None, tuple[str, ...], bool, bool | None, bool]:
        """What a word form may be: the country of the demonym it is (or None), the first words of phrases
        (والرئيس → رئيس), whether an organization's name follows it (لقناة, لفريق), whether a place's name
        does (`_PLACE_CUES`: True, False, or None when it is no cue), and whether a club's does (`_TEAM_HEADS`)."""
        found = self.words.get(norm)
        if found is None:
            if len(self.words) > _MAX_CACHED_WORDS:
                self.words.clear()
            demonym = self._kb.demonym(strip_article(norm))
            stems = [s for _p, s in clitic_splits(norm)]
            if demonym is None and self._cue_stems.isdisjoint(stems):
                found = self.words[norm] = _PLAIN_WORD
                return found
            heads = tuple(s for s in stems if s in self.by_first)
            media = any(s in _ORG_HEADS for s in stems)
            place = next((_PLACE_CUES[s] for p, s in clitic_splits(norm) if s in _PLACE_CUES and "ال" not in p), None)
            team = any(s in _TEAM_HEADS or strip_article(s) in _TEAM_HEADS for s in stems)
            found = self.words[norm] = (demonym, heads, media, place, team)
        return found


_PLAIN_WORD: tuple[str | None, tuple[str, ...], bool, bool | None, bool] = (None, (), False, None, False)


def _words(phrase: str) -> tuple[str, ...]:
    first, *rest = alias_key(phrase).split(" ")
    return (strip_article(first), *rest)


@cache
def _phrases(kb: KnowledgeBase) -> _Phrases:
    """The phrase table of a knowledge base, built once, with the base's and the transliterator's indexes."""
    kb.warm()
    name_spellings()
    return _Phrases(kb)


def link_entities(doc: Document) -> None:
    """Fill `doc.entities` from `doc.mentions`, adding nominal and institution mentions."""
    Linker(doc, load_kb()).run()


class Linker:
    def __init__(self, doc: Document, kb: KnowledgeBase) -> None:
        self.doc = doc
        self.kb = kb
        self.on: date | None = doc.published
        self.entities: dict[str, Entity] = {}
        self.phrases = _phrases(kb)
        self.starts = [t.start for t in doc.tokens]
        self.ends = [t.end for t in doc.tokens]
        known, word = self.phrases.words, self.phrases.word
        words = [known.get(t.norm) or word(t.norm) for t in doc.tokens]
        columns = list(zip(*words, strict=True)) or [()] * 5
        self.demonyms, self.heads, self.media, self.place_cues, self.teams = (list(c) for c in columns)
        for m in doc.mentions:
            if m.type == "PER":  # السويدي, المصري in a person's name are family names, not demonyms
                for k in range(bisect_left(self.starts, m.start), bisect_left(self.starts, m.end)):
                    self.demonyms[k] = None
        self.votes: Counter[str] = Counter()
        given = given_names()
        for k in compress(range(len(self.demonyms)), self.demonyms):
            iso = self.demonyms[k]
            if not iso:
                continue  # the second of a pair, cleared below
            if k and doc.tokens[k - 1].norm in given:  # سلطان المصري: a family name the tagger missed
                self.demonyms[k] = None
            elif k + 1 < len(self.demonyms) and self.demonyms[k + 1] and doc.tokens[k + 1].norm[:1] != "و":
                self.demonyms[k] = self.demonyms[k + 1] = None  # السعودي الفرنسي كابيتال: the name of a body
            else:
                self.votes[iso] += 1
        self._keys: dict[str, str] = {}
        self._article_sport: str | None = None

    def run(self) -> None:
        doc = self.doc
        doc.mentions = [m for m in doc.mentions if not self._truncated(m)]
        for m in list(doc.mentions):
            if m.candidates:
                if m.type == "PER" and self._key(m.text).split(" ")[0] in _NASAB:
                    self._extend_nasab(m)
            else:
                self._trim_guess(m)
        self._cued_places()
        linked = [(m, self._choose(m) if m.candidates else self._lookup(m)) for m in doc.mentions]
        for m, entry in sorted(linked, key=lambda x: x[0].candidates[1:2] != ()):  # unambiguous names first
            if entry is not None:
                if len(m.candidates) > 1:
                    entry = self._choose(m)  # again, now that the article's countries are known
                self._attach(m, self._entity_for(entry))
        self._media_mentions()
        self._unlink_adjectives()
        offices = self._phrase_mentions()
        unknown = [m for m in doc.mentions if m.entity_id is None]
        _agree_on_types(unknown, self._key)
        # full names first, so that a surname named before its full name still joins it
        for m in sorted(unknown, key=lambda m: -len(self._key(m.text).split(" "))):
            entity = self._coreferent(m) or self._new_entity(m)
            if entity is None:
                doc.mentions.remove(m)
            else:
                self._attach(m, entity)
        for start, end, phrase, iso in offices:
            self._office_mention(start, end, phrase, iso)
        doc.entities = sorted(self.entities.values(), key=lambda e: min(m.start for m in e.mentions))
        doc.mentions.sort(key=lambda m: m.start)

    def _cued_places(self) -> None:
        """Places after a word that says so (`_PLACE_CUES`), and listed places that go on a list after a place
        (قرب كركوك والفلوجة وتلعفر): the tagger misses many, their names being also words. A guess of the model
        or a cue there gives way (بمقاطعة أونتاريو read as a person)."""
        toks = self.doc.tokens
        cues = [k for k, cue in enumerate(self.place_cues) if cue is not None and k + 1 < len(toks)]
        places = [m for m in self.doc.mentions if m.type == "LOC" and (j := bisect_left(self.starts, m.end)) < len(toks)
                  and toks[j].norm[:1] == "و"]
        if not cues and not places:
            return
        owner: dict[int, Mention] = {}
        for m in self.doc.mentions:
            for k in range(bisect_left(self.starts, m.start), bisect_left(self.starts, m.end)):
                owner[k] = m

        def add(place: Mention, k: int) -> None:
            for other in {id(o): o for i in range(k - 1, k + 2) if (o := owner.get(i)) is not None}.values():
                if other.start < place.end and place.start < other.end:
                    self.doc.mentions.remove(other)
            self.doc.mentions.append(place)
            places.append(place)
            for i in range(k, bisect_left(self.starts, place.end)):
                owner[i] = place

        for k in cues:
            m = owner.get(k + 1)
            if m is not None and (m.candidates or m.type == "LOC" or m.source == "nominal") or (
                    k and toks[k - 1].norm == _VIA):
                continue
            place = self._place_at(k + 1, bool(self.place_cues[k]), cue=toks[k])
            if place is not None:
                add(place, k + 1)
        for m in places:  # a list that a cue began may go on with places nobody listed (قرية X وY وZ)
            j = bisect_left(self.starts, m.end)
            while j < len(toks) and toks[j].norm[:1] == "و" and j not in owner:
                place = self._place_at(j, m.source == "cue", conjunction=True)
                if place is None:
                    break
                add(place, j)
                j += 1

    def _place_at(self, k: int, new: bool, conjunction: bool = False, cue: Token | None = None) -> Mention | None:
        """The place named from token k: one the knowledge base lists (one or two words, or with the `cue` word:
        إقليم فان), else with `new` a word that is no ordinary word, demonym or function word, with an adjective
        of direction after it (قرية العكر الغربي); with `conjunction`, after its و."""
        toks = self.doc.tokens
        tok = toks[k]
        skip = int(conjunction)
        norm = tok.norm[skip:]
        if len(norm) < 3 or not norm.isalpha():
            return None
        start = tok.start + skip
        keys = [(start, k + 2, f"{norm} {toks[k + 1].norm}" if k + 1 < len(toks) else ""), (start, k + 1, norm)]
        if cue is not None:
            stem = next(s for p, s in clitic_splits(cue.norm) if s in _PLACE_CUES and "ال" not in p)
            keys.insert(0, (skip_letters(cue, len(cue.norm) - len(stem)), k + 1, f"{stem} {norm}"))
        for first, end, key in keys:
            found = [e for e in self.kb.lookup_span(key) if e.type == "LOC"] if key else []
            if found:
                stop = toks[end - 1].end
                return Mention(first, stop, self.doc.text[first:stop], "LOC", source="cue",
                               candidates=tuple(e.id for e in found))
        if not new or self.demonyms[k] or norm in STOP or self.kb.is_ordinary(norm):
            return None
        end = k + 2 if k + 1 < len(toks) and toks[k + 1].norm in _DIRECTIONS else k + 1
        return Mention(start, toks[end - 1].end, self.doc.text[start : toks[end - 1].end], "LOC", source="cue")

    def _media_mentions(self) -> None:
        """Names of papers and channels the tagger missed, in the two places news puts them: after
        `صحيفة`/`قناة`/`وكالة` (لقناة "الإخبارية") and as a byline or credit before a dash at the start of
        a line (سبق- متابعة). Matched against all aliases, the weak ones (`~سبق`) included."""
        doc, toks = self.doc, self.doc.tokens
        line_starts = {bisect_left(self.starts, x.end()) for x in _NEWLINE.finditer(doc.text)} | {0}
        after_heads = {k + 1 for k in compress(range(len(toks)), self.media)}
        clubs = {k + 1 for k in compress(range(len(toks)), self.teams)}
        clubs.update(self._after_club(bisect_left(self.starts, m.end)) for m in doc.mentions
                     if (e := self.entities.get(m.entity_id or "")) and e.subtype == "club")
        clubs.discard(-1)
        covered: set[int] | None = None
        pending = sorted(line_starts | after_heads | clubs, reverse=True)
        while pending:
            k = pending.pop()
            if k >= len(toks):
                continue
            line_start = k in line_starts
            club_only = k in clubs and k not in after_heads and not line_start
            first = k
            while not line_start and first < len(toks) and toks[first].text in _QUOTES:
                first += 1
            if covered is None:
                covered = {t for m in doc.mentions for t in range(bisect_left(self.starts, m.start),
                                                                 bisect_left(self.starts, m.end))}
            for n in (3, 2, 1):
                span = range(first, first + n)
                if span.stop > len(toks) or covered.intersection(span):
                    continue
                if line_start and not (span.stop < len(toks) and toks[span.stop].text in _DASHES):
                    continue
                words = [t.norm for t in toks[first : span.stop]]
                waw = int(k in clubs and words[0].startswith("وال"))  # والاتحاد: a club after و in a list
                words[0] = words[0][waw:]
                key = " ".join(words)  # alias_key, without tokenizing again
                entries = [e for e in self.kb.lookup_span(key) if e.type == "ORG" and (
                    e.subtype == "club" or not club_only)]
                if entries:
                    m = Mention(toks[first].start + waw, toks[span.stop - 1].end, "", "ORG", source="cue")
                    m.text = doc.text[m.start : m.end]
                    m.candidates = tuple(e.id for e in entries)
                    doc.mentions.append(m)
                    self._attach(m, self._entity_for(self._choose(m) or entries[0]))
                    covered.update(span)
                    if entries[0].subtype == "club" and (nxt := self._after_club(span.stop)) >= 0:
                        clubs.add(nxt)
                        pending.append(nxt)
                    break

    def _after_club(self, j: int) -> int:
        """Where the next club of a list may start after a club's name ending before token j (after a comma, or
        a word with و); -1 where none may."""
        toks = self.doc.tokens
        nxt = j + (j < len(toks) and toks[j].text in "،,")
        return nxt if nxt < len(toks) and (nxt > j or toks[nxt].norm.startswith("وال")) else -1

    def _unlink_adjectives(self) -> None:
        """`الطائرة الإغاثية السعودية`, `الحكومة السعودية`: a country name that is also the feminine demonym,
        after a definite noun, is the adjective; it is dropped (the phrase scan may still name a body)."""
        toks = self.doc.tokens
        for m in [m for m in self.doc.mentions if m.entity_id and m.type == "LOC"]:
            i, j = bisect_left(self.starts, m.start), bisect_left(self.starts, m.end)
            if j - i != 1 or i == 0 or not self.demonyms[i] or not toks[i].norm.startswith("ال"):
                continue
            before = toks[i - 1]
            if before.norm.startswith("ال") and before.norm.isalpha() and not self._linked_at(before.start):
                self._detach(m)

    def _truncated(self, m: Mention) -> bool:
        """A listed name found inside a longer organization name it begins (قوات التحالف in قوات التحالف
        الدولي) is that name cut short, not a second organization."""
        return m.source == "kb-nested" and any(
            o is not m and o.start == m.start and o.end > m.end and o.type == "ORG" for o in self.doc.mentions)

    def _trim_guess(self, m: Mention) -> None:
        """Fix the edges of a model or cue span: `الفوعة وكفريا` → the conjunction is not part of كفريا; a
        person name does not run into `بالطائف` (a preposition and the article start another phrase),
        which becomes a place mention of its own when the knowledge base knows it."""
        doc = self.doc
        i = bisect_right(self.starts, m.start) - 1  # the token it starts in (after a conjunction cut off: ويندوز)
        norm = doc.tokens[i].norm
        if m.text[:1] in "ولب" and len(norm) > 3 and not self._name_word(norm) and (
                self._name_word(norm[1:]) or m.text[:1] == "و" and self.kb.is_ordinary(norm[1:])):
            # لدويتشه بنك, والسيول: a proclitic before a known word (not ويندوز: يندوز is none)
            m.start += 1
            m.text = m.text[1:]
        if m.type != "PER":
            return
        j = bisect_left(self.starts, m.end)
        for k in range(i + 1, j):
            tok = doc.tokens[k]
            prefix = next((p for p, _s in clitic_splits(tok.norm) if p.endswith("ال")), "")
            if len(prefix) > 2:  # بال, لل, وال, فال: a new phrase
                m.end = doc.tokens[k - 1].end
                m.text = doc.text[m.start : m.end]
                place = Mention(tok.start + len(prefix) - 2, tok.end, "", "LOC", source="model")
                place.text = doc.text[place.start : place.end]
                if self._lookup(place):
                    doc.mentions.append(place)
                return

    def _name_word(self, norm: str) -> bool:
        """A word names and the base spell as it is (وليد, وزيرستان), not a conjunction and a name."""
        return norm in name_spellings() or bool(self.kb.lookup(norm))

    def _extend_nasab(self, m: Mention) -> None:
        """`بدر بن علي كحيل`: a listed name that starts with بن (بن علي) is the middle of a longer name
        when a name word stands before it; the mention grows to that name, which nobody listed."""
        doc = self.doc
        sent = doc.sentences[doc.sentence_index(m.start)]
        covered = {x.start for x in doc.mentions}
        i, j = bisect_left(self.starts, m.start), bisect_left(self.starts, m.end)

        def name_word(k: int) -> bool:
            tok = doc.tokens[k]
            return (sent.token_start <= k < sent.token_end and tok.norm.isalpha() and tok.start not in covered
                    and not self.kb.is_ordinary(tok.norm) and strip_article(tok.norm) not in TITLES)

        if i == 0 or not name_word(i - 1):
            return
        while j < sent.token_end and j - i < _MAX_NASAB_TAIL and name_word(j):
            j += 1
        m.start, m.end = doc.tokens[i - 1].start, doc.tokens[j - 1].end
        m.text, m.candidates = doc.text[m.start : m.end], ()

    def _key(self, text: str) -> str:
        key = self._keys.get(text)
        if key is None:
            key = self._keys[text] = alias_key(text)
        return key

    # -- choosing among the knowledge base's candidates ---------------------------------

    def _choose(self, m: Mention) -> KBEntry | None:
        entries = [e for e in (self.kb.get(c) for c in m.candidates) if e is not None]
        if len(entries) <= 1:
            return entries[0] if entries else None
        i = bisect_left(self.starts, m.start)
        prefer_city = i > 0 and self.doc.tokens[i - 1].norm in _CITY_CUES
        j = bisect_left(self.starts, m.end)
        local = self.demonyms[j] if j < len(self.demonyms) else None
        main = self._main_country()

        def score(item: tuple[int, KBEntry]) -> tuple[float, int]:
            rank, e = item
            s = 0.0
            if e.type == m.type:
                s += 1
            if e.type == "PER" and e.roles:
                s += 2 if self._role_at(e) is not None else 0.5
            if e.subtype == "country" and not prefer_city:
                s += 1
            if e.subtype in ("city", "capital") and prefer_city:
                s += 2
            if e.country and e.subtype != "country":
                s += 1.5 if e.country == local else 0.75 if e.country == main else 0
            return (s, -rank)

        return max(enumerate(entries), key=score)[1]

    def _role_at(self, e: KBEntry) -> Role | None:
        """The role a person held at the publication date (with no date: the most senior one)."""
        if self.on is None:
            return e.roles[0] if e.roles else None
        return next((r for r in e.roles if r.valid_on(self.on)), None)

    def _lookup(self, m: Mention) -> KBEntry | None:
        """Exact match with clitics stripped; a person also by first and last name; else a close spelling."""
        words = self._key(m.text).split(" ")
        if not words[0]:
            return None
        keys = [[stem, *words[1:]] for _prefix, stem in clitic_splits(words[0])]
        if m.type == "PER" and len(words) > 2:
            keys.append([words[0], words[-1]])  # أحمد بن حسن عسيري → أحمد عسيري
        for key in keys:
            found = self.kb.lookup_span(" ".join(key))
            entries = [e for e in found if e.type == m.type] or [e for e in found if e.subtype == "country"]
            if entries:  # a country read as a team or a government is the country
                m.candidates = tuple(e.id for e in entries)
                return self._choose(m)
        if len(m.text) >= 5:
            for entry, _score in self.kb.fuzzy(self._key(m.text), type=m.type, limit=1, same_consonants=True):
                return entry
        return None

    def _entity_for(self, entry: KBEntry) -> Entity:
        entity = self.entities.get(entry.id)
        if entity is None:
            role = self._role_at(entry) if entry.type == "PER" else None
            entity = Entity(
                id=entry.id,
                type=entry.type,
                name_ar=entry.name_ar,
                name_en=entry.name_en,
                subtype=(role.title if role else None) or entry.subtype,
                country=(role.country if role and role.country else None) or entry.country,
                wikidata=entry.wikidata,
                code=self.kb.actor_code(entry, self.on),
            )
            self.entities[entry.id] = entity
        return entity

    def _attach(self, m: Mention, entity: Entity) -> None:
        m.entity_id = entity.id
        entity.mentions.append(m)
        if entity.country:
            self.votes[entity.country] += 1

    def _main_country(self) -> str | None:
        """The country the article names most (in names and demonyms) so far."""
        top = self.votes.most_common(1)
        return top[0][0] if top else None

    # -- phrases: head word + demonym ----------------------------------------------------

    def _phrase_mentions(self) -> list[tuple[int, int, _Phrase, str]]:
        """Link the phrases naming bodies, ministries, capitals and countries; return the offices for later.

        A phrase never overlaps a name the knowledge base matched; a model or cue
        mention inside it gives way to it.
        """
        doc = self.doc
        toks = doc.tokens
        linked = sorted((m.start, m.end) for m in doc.mentions if m.entity_id)
        offices = []
        for sent in doc.sentences:
            i, end = sent.token_start, sent.token_end
            while i < end:
                found = self._phrase_at(i, end) if self.heads[i] else None
                if found is None or (found[1].kind != "facility" and _overlaps(linked, toks[i].start,
                                                                                 toks[found[0] - 1].end)):
                    i += 1
                    continue
                stop, phrase, iso = found
                start, finish = _trim_proclitics(toks[i], self.heads[i]), toks[stop - 1].end
                if phrase.kind == "office":
                    if iso:
                        offices.append((start, finish, phrase, iso))
                        second = self._second_office(stop, end, phrase)
                        if second:
                            offices.append(second)
                            stop += 1
                    elif phrase.bare and self._holder_named(i, stop, sent.token_start, end):
                        offices.append((start, finish, phrase, None))
                elif not self._phrase_entity(start, finish, phrase, iso):
                    i += 1
                    continue
                i = stop
        return offices

    def _holder_named(self, i: int, stop: int, first: int, end: int) -> bool:
        """Whether a bare office (tokens [i, stop)) stands for its holder: no title or `_NOT_HOLDER` word before
        it (نائب وزير الداخلية، المتحدث باسم), no such word after it, and no name after it past titles
        (ولي العهد وزير الدفاع الأمير محمد: the name is the person; ولي ولي العهد وزير الدفاع الأمريكي: another)."""
        toks = self.doc.tokens

        def title(k: int) -> bool:
            return any(strip_article(s) in TITLES for _p, s in clitic_splits(toks[k].norm))

        if i > first and (title(i - 1) or toks[i - 1].norm in _NOT_HOLDER):
            return False
        if stop < end and toks[stop].norm in _NOT_HOLDER:
            return False
        for k in range(stop, min(end, stop + 6)):
            if any(m.start <= toks[k].start < m.end for m in self.doc.mentions):
                return False
            if self.demonyms[k] or not (title(k) or toks[k].norm.startswith("ال")):
                break
        return True

    def _second_office(self, j: int, end: int, phrase: _Phrase) -> tuple[int, int, _Phrase, str] | None:
        """`الرئيسين الروسي والبيلاروسي`: a dual office's second demonym (token j, after و) names a second holder.

        Whatever the tagger guessed for that lone adjective gives way to it.
        """
        if phrase.words[0] not in _DUAL_OFFICES or j >= end:
            return None
        tok = self.doc.tokens[j]
        iso = self.phrases.word(tok.norm)[0]  # not self.demonyms: a tagger's PER guess there has hidden it
        if not iso or not tok.norm.startswith("و"):
            return None
        for m in [m for m in self.doc.mentions if not m.entity_id and m.start < tok.end and tok.start < m.end]:
            self.doc.mentions.remove(m)
        return tok.start + 1, tok.end, phrase, iso

    def _phrase_at(self, i: int, end: int) -> tuple[int, _Phrase, str | None] | None:
        """(token after the phrase, phrase, demonym country) for the longest phrase starting at token i."""
        toks = self.doc.tokens
        for head in self.heads[i]:
            for p in self.phrases.by_first[head]:
                n = len(p.words)
                if i + n > end or any(toks[i + k].norm != p.words[k] for k in range(1, n)):
                    continue
                iso = self.demonyms[i + n] if i + n < end else None
                if iso and (p.kind != "body" or self._definite(i)):
                    return i + n + 1, p, iso
                if not p.needs_demonym:
                    return i + n, p, None
                if p.kind == "office":
                    return i + n, p, None  # an office without a demonym still hides the shorter one inside it
        if _KINGDOM in self.heads[i] and self._definite(i):
            return i + 1, _KINGDOM_PHRASE, None  # المملكة, للمملكة alone: names in full were linked before
        facility = _FACILITIES.get(self.heads[i][0]) if len(self.heads[i]) == 1 else None
        if facility and i + 1 < end:
            return self._facility_at(i, facility)
        return None

    def _definite(self, i: int) -> bool:
        """Token i carries the article (الجيش, للجيش): a named body, not `قوات عراقية` (Iraqi forces)."""
        return any(p.endswith("ال") for p, _s in clitic_splits(self.doc.tokens[i].norm))

    def _facility_at(self, i: int, english: str) -> tuple[int, _Phrase, str | None] | None:
        """`مطار عدن`: a facility named after a place the knowledge base linked just after the head word."""
        nxt = self.doc.tokens[i + 1]
        m = self._linked_at(nxt.start)
        if m is None or m.start != nxt.start or m.type != "LOC":
            return None
        entity = self.entities[m.entity_id or ""]
        j = bisect_left(self.starts, m.end)
        return j, _Phrase(("facility",), "facility", english.format(entity.name_en), country=entity.country), None

    def _linked_at(self, offset: int) -> Mention | None:
        """The linked mention covering character `offset`, if any."""
        for m in self.doc.mentions:
            if m.entity_id and m.start <= offset < m.end:
                return m
        return None

    def _phrase_entity(self, start: int, end: int, phrase: _Phrase, iso: str | None) -> bool:
        """Attach the entity a body, ministry, capital or country phrase names; False if it names none."""
        entry: KBEntry | None
        if phrase.kind == "capital":
            country = self.kb.country(iso) if iso else None
            entry = self.kb.get(country.capital) if country and country.capital else None
        elif phrase.kind == "facility":
            entry = _facility_entry(phrase.key, phrase.country)
        elif phrase.kind == "state":
            if iso is None:
                main = self._main_country()
                iso = main if main in _KINGDOMS else _DEFAULT_KINGDOM
            entry = self.kb.country(iso)
        else:
            if iso is None and phrase.kind == "body":
                iso = self._main_country()  # a place near النيابة العامة is where it acts, not whose it is
            probe = Mention(start, end, self.doc.text[start:end], "ORG")
            entry = self.kb.institution(phrase.key, iso or self._context_country(probe, guess=True))
        if entry is None:
            return False
        j = bisect_left(self.starts, end)
        if phrase.kind == "capital" and j < len(self.starts) and entry in self.kb.lookup(self.doc.tokens[j].norm):
            end = self.ends[j]  # العاصمة العمانية مسقط: the name after the phrase is the same place
        elif phrase.key == _TEAM_BODY and (sport := self._sport(j)):
            entry = replace(entry, id=entry.id.replace("football", slug(sport)),
                            name_en=entry.name_en.replace("football", sport))
        for inner in [m for m in self.doc.mentions if start <= m.start and m.end <= end]:
            self._detach(inner)
        m = Mention(start, end, self.doc.text[start:end], entry.type, source="nominal")
        self.doc.mentions.append(m)
        self._attach(m, self._entity_for(entry))
        return True

    def _sport(self, j: int) -> str:
        """The sport a national team plays: named after it (المنتخب السعودي للبولينج, token j) or, for one named
        without it (المنتخب الكويتي), first in the article; "" for football."""
        here = self._sport_at(j)
        if here is not None:
            return here
        if self._article_sport is None:
            self._article_sport = next(
                (sport for k in range(len(self.doc.tokens)) if (sport := self._sport_at(k)) is not None), "")
        return self._article_sport

    def _sport_at(self, k: int) -> str | None:
        """The sport named at token k (للبولينج, لكرة اليد), None for none."""
        toks = self.doc.tokens
        if k >= len(toks):
            return None
        after = strip_article(toks[k + 1].norm) if k + 1 < len(toks) else ""
        for _p, stem in clitic_splits(toks[k].norm):
            stem = strip_article(stem)
            sport = _SPORTS.get(f"{stem} {after}", _SPORTS.get(stem))
            if sport is not None:
                return sport
        return None

    def _detach(self, m: Mention) -> None:
        """Drop a mention a phrase names better (a model's guess inside it, or the place in `مطار عدن`)."""
        self.doc.mentions.remove(m)
        entity = self.entities.get(m.entity_id or "")
        if entity is not None:
            entity.mentions.remove(m)
            if entity.country:
                self.votes[entity.country] -= 1
            if not entity.mentions:
                del self.entities[entity.id]
        m.entity_id = None

    def _office_mention(self, start: int, end: int, phrase: _Phrase, iso: str | None) -> None:
        """`الرئيس الروسي` joins the president at the publication date (a counterpart: the one named); a bare
        office (iso None) its holder in the article's country or Saudi Arabia (see `_BARE_OFFICES`)."""
        if any(m.start < end and start < m.end for m in self.doc.mentions):
            return
        if iso is None:
            main = self._main_country()
            countries = [main] if main else []
            if main is None or phrase.titles[0] in _ROYAL_TITLES:
                countries.append(_DEFAULT_KINGDOM)
            entity = next(filter(None, (self._office_holder(c, phrase.titles) for c in countries)), None)
        else:
            counterpart = phrase.words[0] in _COUNTERPART
            entity = self._person_of(iso, start) if counterpart else None
            entity = entity or self._office_holder(iso, phrase.titles)
            if entity is None and (counterpart or phrase.titles == _HEAD_OF_STATE):
                entity = self._person_of(iso, start)
        if entity is not None:
            m = Mention(start, end, self.doc.text[start:end], "PER", source="nominal")
            self.doc.mentions.append(m)
            self._attach(m, entity)

    def _office_holder(self, iso: str, titles: tuple[str, ...]) -> Entity | None:
        """Who held the first of `titles` in that country at the publication date (None if unknown or no date)."""
        if self.on is None:
            return None
        for title in titles:
            for entry in self.kb.office_holders(iso, title):
                if any(r.title == title and r.country == iso and r.valid_on(self.on) for r in entry.roles):
                    return self._entity_for(entry)
        return None

    def _person_of(self, iso: str, offset: int) -> Entity | None:
        """The person of that country named nearest before `offset` (or just after it)."""
        best = None
        for entity in self.entities.values():
            if entity.type != "PER" or entity.country != iso:
                continue
            for x in entity.mentions:
                distance = offset - x.start if x.start < offset else (x.start - offset) * 4
                if best is None or distance < best[0]:
                    best = (distance, entity)
        return best[1] if best else None

    # -- coreference and new entities ---------------------------------------------------

    def _coreferent(self, m: Mention) -> Entity | None:
        """A person or organization named in full elsewhere in the article whose name ends (or starts) with
        this one: ميدفيديف → ديمتري ميدفيديف, التحالف → التحالف الدولي."""
        if m.type not in ("PER", "ORG"):
            return None
        words = self._key(m.text).split(" ")
        for entity in self.entities.values():
            if entity.type == m.type:
                for other in entity.mentions:
                    other_words = self._key(other.text).split(" ")
                    if other_words != words and _is_subsequence(words, other_words):
                        return entity
        return None

    def _new_entity(self, m: Mention) -> Entity | None:
        """A new entity for a name nobody listed; None for a fragment of ordinary words."""
        key = self._key(m.text)
        if m.type != "ORG" and m.source != "cue" and self.kb.is_ordinary(key) and not _facility_form(m.text):
            return None  # names of organizations and facilities are made of ordinary words; a cue vouches for a name
        if m.type == "PER" and any(s in TITLES for _p, s in clitic_splits(key.split(" ")[0])):
            return None  # لرئيس مجلس: a title, not a name
        if " " not in key and self._sport_at(bisect_left(self.starts, m.start)) is not None:
            return None  # للبولينج: a sport, not a name
        entity_id = f"rasd:{m.type.lower()}:{key.replace(' ', '_')}"
        entity = self.entities.get(entity_id)
        if entity is None:
            if m.type == "PER" and m.role is None:
                m.role = self._role_around(m)
            country = m.country or (self._context_country(m, guess=m.type != "MISC"))
            entity = Entity(
                id=entity_id,
                type=m.type,
                name_ar=m.text,
                name_en=_english_name(m.text, country),
                subtype=m.role,
                country=country,
                code=_role_code(country, m.role) if m.type == "PER" else None,
            )
            self.entities[entity_id] = entity
        return entity

    def _role_around(self, m: Mention) -> str | None:
        """A title just before a person's name (الوزير X) or a role just after it (X المتحدثة باسم)."""
        for tok in self._neighbours(m):
            role = TITLES.get(strip_article(tok.norm))
            if role:
                return role
        return None

    def _neighbours(self, m: Mention) -> list[Token]:
        """The token after the mention and the one before it, within its sentence."""
        sent = self.doc.sentences[self.doc.sentence_index(m.start)]
        i, j = bisect_left(self.starts, m.start), bisect_left(self.starts, m.end)
        out = [self.doc.tokens[j]] if j < sent.token_end else []
        return out + ([self.doc.tokens[i - 1]] if i > sent.token_start else [])

    def _context_country(self, m: Mention, guess: bool = True) -> str | None:
        """The country the words around a mention point to.

        A demonym right after it (`وزارة الدفاع الروسية`) or, for a person, right
        before it (`اللاعب الغاني مونتاري`); for a person, a country named in the
        title before the name (`بدولة قطر اللواء ...`, `خادم الحرمين ...`). With
        `guess`, else the first country named after it in its sentence, else
        before it, else the article's main country; in an article that names
        none, Saudi Arabia (the Saudi press does not name its own country in
        local news).
        """
        doc = self.doc
        sent = doc.sentences[doc.sentence_index(m.start)]
        i, j = bisect_left(self.starts, m.start), bisect_left(self.starts, m.end)
        if j + 1 < sent.token_end and doc.tokens[j].text in _QUOTES:
            j += 1  # "ايكسبريس نيوز" الباكستانية
        if j < sent.token_end and self.demonyms[j]:
            return self.demonyms[j]
        if m.type == "PER" and i > sent.token_start:
            iso = self.demonyms[i - 1] or self._title_country(max(sent.token_start, i - _LOOK_BACK), i)
            if iso:
                return iso
        if m.type == "PER":
            iso = self._apposition_country(j, sent.token_end)
            if iso:
                return iso
        if not guess:
            return None
        if m.type == "PER":  # a place named in the sentence is where a person acts, not whose they are
            return self._person_home(m)
        later = earlier = None
        for e in self.entities.values():
            if e.type != "LOC" or not e.country:
                continue
            for x in e.mentions:
                if sent.start <= x.start < sent.end:
                    if x.start >= m.end and (later is None or x.start < later[0]):
                        later = (x.start, e.country)
                    elif x.end <= m.start and (earlier is None or x.start > earlier[0]):
                        earlier = (x.start, e.country)
        if later:
            return later[1]
        if earlier:
            return earlier[1]
        return self._home_country()

    def _person_home(self, m: Mention) -> str | None:
        """A person's country when nothing around the name gives one: the article's main country, but a Saudi for
        an Arab's name (a listed given name first) in sports news about a Saudi club or team, which names its
        players and staff so wherever the team plays (معسكر الباطن في مصر)."""
        if self._key(m.text).split(" ")[0] in given_names() and any(
                e.country == _DEFAULT_KINGDOM and (e.subtype == "club" or e.id.startswith(_NATIONAL_TEAM))
                for e in self.entities.values()):
            return _DEFAULT_KINGDOM
        return self._home_country()

    def _home_country(self) -> str | None:
        """The article's main country; Saudi Arabia in one that names no country at all."""
        return self._main_country() or (None if +self.votes else _DEFAULT_KINGDOM)

    def _apposition_country(self, j: int, end: int) -> str | None:
        """The demonym in the apposition after a person's name (token j on): after a comma or a title word, before
        the next comma (كومبا با، وزيرة الشباب الموريتانية، ...; X المتحدث باسم الجيش العراقي)."""
        toks = self.doc.tokens
        if j >= end or not (toks[j].text in "،," or strip_article(toks[j].norm) in TITLES):
            return None
        for k in range(j + (toks[j].text in "،,"), min(end, j + _APPOSITION)):
            if not toks[k].norm.isalpha() or self.media[k]:
                return None  # the apposition ended; لصحيفة X: the paper's country, not the person's
            if self.demonyms[k]:
                return self.demonyms[k]
        return None

    def _title_country(self, lo: int, hi: int) -> str | None:
        """The country of a demonym or a linked name in the title before a name (tokens [lo, hi), nearest
        first): `بدولة قطر اللواء`, `سفير خادم الحرمين الشريفين لدى المالديف` (the host after لدى skipped)."""
        toks = self.doc.tokens
        k = hi - 1
        while k >= lo:
            if not toks[k].norm.isalpha():
                return None
            m = self._linked_at(toks[k].start)
            first = bisect_left(self.starts, m.start) if m else k
            if first > 0 and toks[first - 1].norm in _HOST:
                k = first - 2  # لدى المالديف: where they serve, not whose they are
                continue
            if self.demonyms[k]:
                return self.demonyms[k]
            entity = self.entities.get(m.entity_id or "") if m else None
            if entity and entity.country:
                return entity.country
            k = first - 1
        return None


def _english_name(text: str, country: str | None) -> str:
    """A new entity's English name: a facility's head word translated after its name (مستشفى الملك فهد → King
    Fahd Hospital, قصر السلام → al-Salam Palace), everything else transliterated."""
    arabic = country is None or country in ARAB_WORLD
    form = _facility_form(text)
    if form is None:
        return transliterate(text, arabic=arabic)
    rest = text.partition(" ")[2]
    title, _, name = rest.partition(" ")
    english = _FACILITY_TITLES.get(normalize(title))
    return form.format(f"{english} {transliterate(name, arabic=arabic)}" if english and name
                       else transliterate(rest, arabic=arabic))


def _facility_form(text: str) -> str | None:
    """The English form of a facility name that starts with a head word (`{} Hospital`), else None."""
    first, _, rest = text.partition(" ")
    if not rest:
        return None
    return next((_NAMED_FACILITIES[s] for _p, s in clitic_splits(strip_article(normalize(first)))
                 if s in _NAMED_FACILITIES), None)


def _facility_entry(name_en: str, country: str | None) -> KBEntry:
    """A facility nobody listed, named after its place: a stable local id from its English name."""
    etype = "ORG" if any(name_en.endswith(form[2:]) for form in _BODY_FORMS) else "LOC"
    return KBEntry(f"rasd:{etype.lower()}:{slug(name_en)}" + (f"-{country.lower()}" if country else ""), etype,
                   "facility", name_en, "", country, country, None, None, None)


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of the sorted, non-nested `spans`."""
    k = bisect_right(spans, (end, -1))
    return any(s < end and start < e for s, e in spans[max(0, k - 3) : k])


def _trim_proclitics(tok: Token, heads: tuple[str, ...] = ()) -> int:
    """Start offset of a word after its conjunction/preposition (والرئيس → الرئيس, ونظيره → نظيره when the
    phrase starts with نظيره: a bare stem is trimmed only when it is one of the phrase `heads`, since وزارة is
    not و + زارة)."""
    for prefix, stem in clitic_splits(tok.norm):
        if prefix and not prefix.endswith("ال") and (stem.startswith("ال") or stem in heads):
            return tok.start + len(prefix)
    return tok.start


def _is_subsequence(short: list[str], long: list[str]) -> bool:
    """`short` is the last words of `long` (a surname), or its first word alone (a given name)."""
    if len(short) >= len(long):
        return False
    return long[-len(short) :] == short or short == long[:1]


_TYPE_PRIORITY = {"PER": 3, "ORG": 2, "LOC": 1, "MISC": 0}


def _agree_on_types(mentions: list[Mention], key: Callable[[str], str] = alias_key) -> None:
    """The same unknown name gets one type in one article: the most frequent (persons win ties)."""
    votes: dict[str, Counter[str]] = {}
    for m in mentions:
        votes.setdefault(key(m.text), Counter())[m.type] += 1
    for m in mentions:
        counts = votes[key(m.text)]
        if len(counts) > 1:
            m.type = max(counts, key=lambda t: (counts[t], _TYPE_PRIORITY[t]))


_ROLE_CODES = {"minister": "GOV", "president": "GOV", "king": "GOV", "prince": "GOV", "spokesperson": "GOV",
               "ambassador": "GOV", "envoy": "GOV", "general": "MIL", "brigadier": "MIL", "colonel": "MIL",
               "field_marshal": "MIL", "commander": "MIL", "governor": "GOV", "deputy": "LEG", "mufti": "REL",
               "counterpart": "GOV"}


def _role_code(country: str | None, role: str | None) -> str | None:
    """CAMEO-style code for a person nobody listed: country + the role the context gives."""
    if not country:
        return None
    return country + _ROLE_CODES.get(role or "", "")
