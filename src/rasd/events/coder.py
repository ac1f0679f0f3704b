"""The `events` stage: political events coded in PLOVER/CAMEO, directly from Arabic.

For each sentence, in one pass over its tokens:

1. triggers: every token is looked up (through its clitic readings) in the compiled
   lexicon; multiword triggers (فرض عقوبات، أطلق النار) win over their parts, and a
   token is never coded twice;
2. actors: linked entity mentions and generic actors (قوات الأمن العراقية، متظاهرون)
   become candidates, each with the preposition that governs it; coordinated names
   (ميدفيديف ونظيره الكازاخستاني نزاربايف، بين روسيا وبيلاروسيا) form groups;
3. topics: a verbal noun that is what a condemnation, demand, refusal, agreement or
   protest is about (أدانت التفجير، طالب بالإفراج) is not an event of its own;
4. roles: for a verb, the subject is the free candidate right after it (VSO) or the
   nearest before it in its clause (SVO), the target sits in the trigger's slots
   (direct object, مع، على، إلى...); for a verbal noun, a possessive pronoun
   (لقائهما), the genitive (إمداد كازاخستان), بين X و Y, then the clause's subject;
5. modality, date, location and quantity from the words around the trigger (see
   `DATA_CARD.md` for the rules), a confidence score, and a precision gate;
6. events that tell the same thing twice are merged, keeping every trigger as evidence;
   a protest or an arrest nobody is named for is given the place's people or police.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import accumulate, compress
from operator import attrgetter, itemgetter

from rasd.document import Actor, Document, Entity, Event, Mention, Quantity, Span, TimeExpr, Token
from rasd.events.lexicon import BOUNDARY, ActorPhrase, Form, Lexicon, TriggerEntry, WordFacts, load_lexicon
from rasd.events.ontology import PLOVER_QUADS, SYMMETRIC, mode_of
from rasd.text import clitic_splits, normalize, strip_article

GLUE = frozenset({"و", "،", ",", "-", "–", "كل", "من"})
COMPLEMENTIZERS = frozenset(normalize(w) for w in ("أن", "إن", "أنه", "إنه", "أنها", "إنها", "أنهم", "بأن", "لأن"))
RELATIVES = frozenset(normalize(w) for w in ("الذي", "التي", "الذين", "اللذين", "اللتين", "اللذان", "اللتان"))
MATERIAL_CONFLICT = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "PROTEST", "CRIME", "SANCTION"})
ACTORLESS = MATERIAL_CONFLICT | {"INVESTIGATE", "CONSULT", "AID"}  # a strong noun of these is news without its actors
# prepositions after which a word that is also a verb is its verbal noun (مع قصف جوي); not من (هم من رفضوا)
NOUN_PREPS = frozenset(normalize(w) for w in ("مع", "على", "إلى", "في", "عن", "ضد", "بين", "حول", "لدى", "إزاء"))
AUXILIARIES = frozenset(normalize(w) for w in ("تم", "جرى", "يتم", "يجري"))  # تم بحث: a verb form after them is a noun
TERROR = frozenset(normalize(w) for w in ("إرهابي", "الإرهابي", "إرهابية", "الإرهابية", "إجرامي", "الإجرامي",
                                          "الإجرامية", "أمني", "الأمني"))
# ترافق مع قصف جوي، بالتزامن مع: one act told as accompanied by another, so two happenings
ACCOMPANIED = frozenset(normalize(w) for w in ("ترافق", "ترافقت", "ترافقا", "تزامن", "تزامنت", "تزامنا", "التزامن",
                                              "مصحوبا", "مصحوبة"))
# فيما، بينما before a verb: a clause telling another act beside the first
PARALLEL = frozenset(normalize(w) for w in ("فيما", "بينما", "وفيما", "وبينما"))
# a noun right after خلال/أثناء is when something else happened, not what another act is about
DURING = frozenset(normalize(w) for w in ("خلال", "أثناء", "وخلال", "وأثناء"))
SPANS = frozenset(normalize(w) for w in ("سنوات", "أعوام", "عقود", "سنين"))  # habitual only after منذ
# categories whose object is a topic, not an event told (أدان الهجوم، طالب بالإفراج، اتفقا على وقف إطلاق النار)
TOPIC_TAKERS = frozenset({"DISAPPROVE", "PROTEST", "DEMAND", "REJECT", "AGREE", "THREATEN"})
# who does it when no one is named: protesters are the place's people, arrests and inquiries its police
IMPLIED_ROLES = {"PROTEST": "OPP", "COERCE": "COP", "INVESTIGATE": "COP"}
# The press this coder reads (Saudi papers) names its own police and courts bare (الجهات الأمنية، وزارة الداخلية): one
# that no word of the sentence or article gives a country is the home country's, as the linker reads المملكة alone.
HOME_COUNTRY = "SAU"
HOME_ROLES = frozenset({"COP", "JUD"})
# who a demonym after an event noun names (الغارات الروسية: the Russian military)
ADJECTIVE_ROLES = {**IMPLIED_ROLES, "ASSAULT": "MIL", "MOBILIZE": "MIL"}
# CAMEO codes that open a code without a country (IGOWSTNATO, COP): a sector, not a state
SECTOR_CODES = frozenset({"IGO", "NGO", "IMG", "MNC", "GOV", "MIL", "COP", "REB", "UAF", "OPP", "JUD", "LEG", "SPY",
                          "SET", "CVL", "REF", "MED", "EDU", "LAB", "CRM", "BUS", "ELI", "REL", "HLH", "AGR"})
CIVIL_VOICES = frozenset({"GOV", "LEG", "JUD", "OPP", "MED", "EDU", "NGO", "REL", "CVL"})
QUANTITY_CATEGORIES = MATERIAL_CONFLICT | {"AID", "RETREAT", "COOPERATE", "AGREE"}
POLITICAL_ROLES = ("GOV", "MIL", "COP", "REB", "UAF", "OPP", "JUD", "LEG", "SPY", "IGO", "NGO", "SET", "IMG")
AGENT_ROLES = {"security": {"COP", "MIL", "GOV", "JUD", "SPY"}, "armed": {"MIL", "COP", "REB", "UAF", "SPY"}}
TITLE_PLURALS = frozenset(normalize(w) for w in ("رؤساء", "الرؤساء", "الرئيسان", "الرئيسين", "وزراء", "الوزراء",
                                                 "وزيرا", "وزيري", "قادة", "القادة", "زعماء", "الزعماء"))
NOT_PLACE_SUBTYPES = frozenset({"country"})
# words that may stand between a verb and its subject (التقى في موسكو أمس رؤساء، تظاهر آلاف العراقيين)
SKIPPABLE = frozenset(normalize(w) for w in (
    "أيضا", "كذلك", "بدوره", "بدورها", "اليوم", "أمس", "مساء", "صباح",
    "آلاف", "الآلاف", "مئات", "المئات", "عشرات", "العشرات", "قد", "فيه", "فيها",
))


@dataclass(slots=True)
class Cand:
    """An actor candidate in a sentence (token indices are sentence-local, inclusive)."""

    i: int
    j: int
    actor: Actor
    etype: str  # PER, ORG, LOC or GEN (generic)
    role: str | None
    place: bool  # a city or region: a location unless it stands as subject or object
    prep: str | None = None
    speaks: bool = True  # may act as a source: a country, a capital (موسكو رفضت), not a district (شهدت مدينة سيئون)
    group: int = -1
    via_demonym: bool = False

    @property
    def key(self) -> str | None:
        a = self.actor
        return a.entity or a.code or a.country


@dataclass(slots=True)
class Match:
    h: int  # head token
    e: int  # last token of the trigger (companions included)
    entry: TriggerEntry
    form: Form
    prefix: str
    tokens: tuple[int, ...] = ()


@dataclass(slots=True)
class Roles:
    source: Cand | None = None
    target: Cand | None = None
    by_slot: bool = False  # found through syntax (subject, slot, genitive, pronoun), not the fallback
    owned: bool = False  # the source is the noun's own genitive or pronoun (احتجاج الحكومة), not the clause's subject
    anchored: bool = False  # an actor found in the trigger's own slots, genitive or pronoun


@dataclass(slots=True)
class _DocInfo:
    """What the coder needs from the whole document, computed once."""

    lex: Lexicon
    entity_of: dict[str, Entity]
    main_country: str | None
    published: str | None
    # events whose date the text states, by id(); held here, so that no later event can be given a freed id
    stated_dates: dict[int, Event] = field(default_factory=dict)
    apart: set[frozenset[int]] = field(default_factory=set)  # id() pairs of one sentence's distinct acts
    mentions: dict[int, list[Mention]] = field(default_factory=dict)  # by sentence
    times: dict[int, list[TimeExpr]] = field(default_factory=dict)
    quantities: dict[int, list[Quantity]] = field(default_factory=dict)

    def index(self, doc: Document) -> None:
        """Mentions, times and quantities by sentence, so that each sentence reads only its own."""
        starts = [s.start for s in doc.sentences]  # Document.sentence_index, without a call per item
        for items, into in ((doc.mentions, self.mentions), (doc.times, self.times), (doc.quantities, self.quantities)):
            for item in items:
                into.setdefault(max(bisect_right(starts, item.start) - 1, 0), []).append(item)


def code_events(doc: Document) -> None:
    """Append the events each sentence reports to `doc.events` (merging repeats)."""
    lex = load_lexicon()
    tokens = doc.tokens
    facts = lex.words(map(attrgetter("norm"), tokens))
    heads = list(compress(range(len(tokens)), map(itemgetter(0), facts)))  # tokens with a trigger reading
    if not heads:
        return  # most sentences, and some articles, have none: nothing else is computed for them
    info = _DocInfo(lex, {e.id: e for e in doc.entities}, _main_country(doc),
                    doc.published.isoformat() if doc.published else None)
    info.index(doc)
    events: list[Event] = []
    starts = [s.token_start for s in doc.sentences]
    for index in sorted({bisect_right(starts, k) - 1 for k in heads} - {-1}):
        sent = doc.sentences[index]
        toks, sent_facts = tokens[sent.token_start : sent.token_end], facts[sent.token_start : sent.token_end]
        matches = find_triggers(toks, lex, sent_facts)
        if matches:
            events.extend(_SentenceCoder(doc, index, toks, info, sent_facts).code(matches))
    _continue_dates(events, info.stated_dates, info.published)
    doc.events.extend(merge_events(events, info.stated_dates, info.apart))


def _continue_dates(events: list[Event], stated: dict[int, Event], published: str | None) -> None:
    """An act the text gives no time for continues the article's account of the first act of its category dated
    before it with a side in common (the summit met أمس; then, with no time, what its leaders did there), not that
    of an act dated apart in passing (talks in Lisbon in November): it takes that date, not the publication date.
    Only calendar dates are lent (not FUTURE_REF), and the date stays unstated, so it never blocks a merge."""
    dated: dict[str, list[Event]] = {}
    for event in events:  # in text order
        if id(event) in stated:
            if event.date and event.date[:1].isdigit() and event.modality != "planned":
                dated.setdefault(event.plover, []).append(event)
        elif event.date == published and event.modality != "planned":
            sides = _sides(event)
            first = next((e for e in dated.get(event.plover, ()) if sides & _sides(e)), None)
            if first is not None:
                event.date = first.date


def _sides(event: Event) -> set[str]:
    """The countries (or, for a body of no country, the codes) of an event's actors."""
    return {side for actor in (event.source, event.target) if (side := _country(actor) or _actor_key(actor))}


def find_triggers(toks: list[Token], lex: Lexicon, facts: list[WordFacts] | None = None) -> list[Match]:
    """The triggers of a sentence, left to right, longest first, each token used once (`facts`: the sentence's
    `Lexicon.words`, when the caller has them)."""
    used: set[int] = set()
    out: list[Match] = []
    if facts is None:
        facts = lex.words(t.norm for t in toks)
    for i in compress(range(len(facts)), map(itemgetter(0), facts)):
        if i in used:
            continue
        tok, hits = toks[i], facts[i][0]
        best: tuple[tuple, Match] | None = None
        for prefix, form in hits:
            entry: TriggerEntry = form.item  # type: ignore[assignment]
            if form.bare and not entry.companions and not _verb_context(toks, i, prefix, lex):
                continue
            if entry.pos == "W" and i and (toks[i - 1].text.isdigit() or "count" in lex.cue_kinds(toks[i - 1].norm)):
                continue  # بسجن 20 متهما: after a count a participle is a noun
            if entry.adjective and (i - 1 in used or i - 2 in used):  # التظاهرات الاحتجاجية: the noun's adjective
                continue
            tokens = _companions(toks, i, entry, lex)
            if tokens is None or _blocked(toks, i, tokens[-1], entry):
                continue
            if form.suffix == "ه" and tok.text.endswith("ة"):
                continue  # إصابة is a noun, not أصاب + ه: the writer's ta marbuta says so
            before = lex.cue_kinds(toks[i - 1].norm) if i and not prefix else {}
            masdar = before.get("prep") in NOUN_PREPS or before.get("occurred") in AUXILIARIES
            if form.tense == "past" and ("ل" in prefix or masdar):  # لبحث، مع قصف جوي، تم بحث: the verbal noun
                form = Form(entry, "noun", False, form.suffix)  # (not after من: هم من رفضوا)
            elif form.tense == "past" and not form.passive and "\u064f" in tok.text and _marked_passive(tok.text):
                form = Form(entry, "past", True, form.suffix)  # قُتل، اعتُقل: the text's own vowel says passive
            score = (len(entry.companions), entry.source == "rasd", entry.strength, -len(prefix))
            if best is None or score > best[0]:
                best = (score, Match(i, tokens[-1], entry, form, prefix, tokens))
        if best:
            match = best[1]
            out.append(match)
            used.update(match.tokens)
    return out


def _verb_context(toks: list[Token], i: int, prefix: str, lex: Lexicon) -> bool:
    """Whether a word that is also a noun (طالب، فجر) stands where a verb does: after و/ف, a particle, or a pause."""
    if prefix in ("و", "ف") or i == 0 or toks[i - 1].text in BOUNDARY or toks[i - 1].text in "«\"“(":
        return True
    return "verb_intro" in lex.cue_kinds(toks[i - 1].norm)


def _marked_passive(text: str) -> bool:
    """A damma on the first letter (قُتل، وأُصيب): the writer marked a past verb passive."""
    mark = text.find("\u064f")
    return 0 < mark <= 2 and mark < len(text) - 2


def _companions(toks: list[Token], i: int, entry: TriggerEntry, lex: Lexicon) -> tuple[int, ...] | None:
    """Token indices of the head and its companion words, or None when they are not there."""
    found = [i]
    pos = i
    for words in entry.companions:
        for k in range(pos + 1, min(pos + 2 + entry.gap, len(toks))):
            if toks[k].text in BOUNDARY:
                return None
            if any(stem in words for _p, stem in clitic_splits(toks[k].norm)):
                found.append(k)
                pos = k
                break
        else:
            return None
    return tuple(found)


def _blocked(toks: list[Token], i: int, e: int, entry: TriggerEntry) -> bool:
    """What the entry's flags rule out: a word after it (within its clause) or before it, a ب object
    (يتظاهر بالانفتاح: pretends), or no word of its `ctx` near it (مسيرة needs احتجاجا، ضد...)."""
    if not (entry.not_next or entry.no_b_next or entry.context or entry.not_prev):
        return False
    after = []
    for tok in toks[e + 1 : e + 7]:
        if tok.text in BOUNDARY:
            break
        after.append({stem for _p, stem in clitic_splits(tok.norm)})
    if entry.not_next and any(stems & entry.not_next for stems in after):
        return True
    if entry.no_b_next and e + 1 < len(toks) and toks[e + 1].norm[:1] == "ب" and len(toks[e + 1].norm) > 3:
        return True
    if entry.context and not any(stems & entry.context for stems in after):
        return True
    return bool(entry.not_prev and i > 0 and {st for _p, st in clitic_splits(toks[i - 1].norm)} & entry.not_prev)


def _main_country(doc: Document) -> str | None:
    """The country the article is most about: the most mentioned country or place's country."""
    counts: dict[str, int] = {}
    for e in doc.entities:
        if e.type == "LOC" and e.country:
            counts[e.country] = counts.get(e.country, 0) + len(e.mentions)
    return max(counts, key=lambda c: counts[c]) if counts else None


class _SentenceCoder:
    def __init__(self, doc: Document, index: int, toks: list[Token], info: _DocInfo, facts: list[WordFacts]) -> None:
        self.doc, self.index, self.toks, self.info, self.lex = doc, index, toks, info, info.lex
        self.mentions = info.mentions.get(index, [])
        self.times = info.times.get(index, [])
        self.starts = list(map(attrgetter("start"), toks))
        self.ends = list(map(attrgetter("end"), toks))
        _, self.cues, self.actorish, self.demonyms, self.titles = zip(*facts, strict=True)
        self.kinds: dict[str, list[int]] = {}  # cue kind -> the tokens that carry it
        for k in compress(range(len(toks)), self.cues):  # (most words carry no cue)
            for kind in self.cues[k]:
                self.kinds.setdefault(kind, []).append(k)
        self.time_tokens = {k for x in self.times for k in self._token_span(x.start, x.end)}
        self.likenesses = set(self.kinds.get("likeness", ()))  # كتفريق المظاهرات: "such as", a kind of act
        self.clause = self._clauses()
        self.absorbed: set[int] = set()
        self.person_tokens: set[int] = set()
        self.named_tokens: set[int] = set()
        self._country_marks: list[tuple[int, str]] | None = None
        self._cands: list[Cand] | None = None
        self._named: list[Cand] = []
        self.cand_at: dict[int, Cand] = {}
        self.sports = len(self.kinds.get("sports", ())) >= 2  # one stadium shelled is no match report
        self.accident = False
        self.trigger_tokens: set[int] = set()
        self.matches: list[Match] = []
        self.topics: set[int] = set()  # heads of verbal nouns dropped as the topic of another act
        self.topic_clauses: set[int] = set()  # relative clauses that describe such a topic

    @property
    def cands(self) -> list[Cand]:
        """The actor candidates, found the first time a trigger needs its actors (most sentences never do)."""
        if self._cands is None:
            self._cands = self._candidates()
            self.cand_at = {c.i: c for c in self._cands}
            self._group()
        return self._cands

    # -- token annotations ---------------------------------------------------------------

    def _clauses(self) -> list[int]:
        """A clause id per token: a new clause at punctuation, أن/إن, relatives and reporting verbs."""
        cues = self.cues
        starts = {k for k in self.kinds.get("clause", ()) if k} | {
            k for k in self.kinds.get("verb", ()) if k and cues[k]["verb"] == "report"}
        starts.update(k + 1 for k in self.kinds.get("pause", ()))
        return list(accumulate(map(starts.__contains__, range(len(self.toks))), initial=0))[1:]

    # -- actor candidates ----------------------------------------------------------------

    def _candidates(self) -> list[Cand]:
        toks = self.toks
        if not toks:
            return []
        lo, hi = toks[0].start, toks[-1].end
        cands: list[Cand] = []
        covered: set[int] = set()
        for m in self.mentions:
            if m.start < lo or m.end > hi or not m.entity_id:
                continue
            entity = self.info.entity_of.get(m.entity_id)
            if entity is None or entity.type == "MISC":
                continue
            i, j = self._token_range(m.start, m.end)
            if i is None:
                continue
            place = entity.type == "LOC" and entity.subtype not in NOT_PLACE_SUBTYPES
            code = entity.code or entity.country
            if place and entity.country and not entity.code:
                code = entity.country + "GOV"
            country = entity.country or (self._apposition_country(j) if entity.type == "PER" else None)
            if country is None and entity.type == "ORG" and code in HOME_ROLES:  # وزارة الداخلية alone
                country = self._context_country(i) or HOME_COUNTRY
                code = country + code
            actor = Actor(m.text, m.start, m.end, entity.id, code, country)
            cand = Cand(i, j, actor, entity.type, _role_of(code, entity.country), place)
            cand.speaks = not place or entity.subtype == "capital"
            cand.prep = self._prep(cand, self._mention_prefix(toks[i], m.start, entity))
            cands.append(cand)
            covered.update(range(i, j + 1))
            self.named_tokens.update(range(i, j + 1))
            if entity.type == "PER":
                self.person_tokens.update(range(i, j + 1))
        self._named = list(cands)
        cands.extend(self._generic_candidates(covered, cands))
        cands.sort(key=lambda c: c.i)
        return cands

    def _apposition_country(self, j: int) -> str | None:
        """A demonym in the apposition after a person's name (كومبا با، وزيرة الشباب الموريتانية). The apposition
        opens right after the name with a comma or a title; a demonym past other words (ليندون جونسون رسالة ... إلى
        رئيس الوزراء التركي) belongs to someone else."""
        commas = 0
        for k in range(j + 1, min(j + 9, len(self.toks))):
            text = self.toks[k].text
            if text in BOUNDARY:
                commas += 1
                if text not in "،," or commas > 1:
                    return None
                continue
            iso = self.demonyms[k]
            if iso:
                return iso
            if (k == j + 1 and not self.titles[k]) or "prep" in self.cues[k]:
                return None
        return None

    def _token_range(self, start: int, end: int) -> tuple[int | None, int]:
        """First and last token overlapping [start, end), or (None, -1)."""
        i, j = bisect_right(self.ends, start), bisect_left(self.starts, end) - 1
        return (i, j) if i <= j else (None, -1)

    def _token_span(self, start: int, end: int) -> range:
        """The tokens that start inside [start, end)."""
        return range(bisect_left(self.starts, start), bisect_left(self.starts, end))

    def _mention_prefix(self, tok: Token, start: int, entity: Entity) -> str:
        """The proclitics a mention's first token carries before the name (وبروسيا → وب)."""
        if start > tok.start:
            return normalize(self.doc.text[tok.start : start])
        name = strip_article(normalize(entity.name_ar.split()[0])) if entity.name_ar else ""
        for prefix, stem in clitic_splits(tok.norm):
            if prefix and strip_article(stem) == name:
                return prefix
        return ""

    def _prep(self, cand: Cand, prefix: str) -> str | None:
        """The preposition governing a candidate: an attached ب/ل or a preposition word before it."""
        if prefix.endswith("ال"):
            prefix = prefix[:-2]
        prefix = prefix.lstrip("وف")
        if prefix in ("ب", "ل"):
            return prefix
        k = cand.i - 1
        while k >= 0 and k >= cand.i - 4:
            cues = self.cues[k]
            if "prep" in cues:
                if cues["prep"] == "من" and k > 0 and self.toks[k - 1].norm == "كل":
                    return None  # كل من X و Y: "both X and Y"
                return cues["prep"]
            if "media" in cues:  # لصحيفة الوئام، لوكالة الأنباء: the paper that reported it
                return _clitic_prep(self.toks[k].norm)
            if not (self._is_title(k) or self.demonyms[k] or self.toks[k].text in "-«“\""):
                return None
            k -= 1
        return None

    def _is_title(self, k: int) -> bool:
        return self.titles[k]

    def _generic_candidates(self, covered: set[int], named: list[Cand]) -> list[Cand]:
        """Generic actors and titles with a demonym (الرئيسين الروسي والبيلاروسي → RUSGOV, BLRGOV)."""
        toks, lex = self.toks, self.lex
        out: list[Cand] = []
        named_at = {c.i: c for c in named}
        k = 0
        for start in compress(range(len(toks)), self.actorish):  # (most words cannot start an actor)
            if start < k:
                continue
            k = start
            if k in covered or (k - 1 in self.person_tokens and toks[k].norm[:1] != "و"):
                continue  # نادية الجندي: a surname, not a soldier
            hit = self._actor_phrase(k)
            if hit is None:
                k += self._orphan_demonym(k, covered, out)
                continue
            phrase, prefix, end, suffix = hit
            demonyms = self._demonyms_after(end, covered)
            country = demonyms[0][1] if demonyms else phrase.country
            if country is None and suffix in ("ه", "ها", "هم"):  # قواتها، برلمانها: the country the sentence is about
                country = self._first_country(k, named)
            last = demonyms[0][0] if demonyms else end
            nxt = named_at.get(last + 1)
            if nxt is None and last + 2 < len(toks) and not lex.lookup(lex.triggers, toks[last + 1].norm):
                nxt = named_at.get(last + 2)
            if phrase.kind == "title" and nxt is not None and (nxt.etype in ("ORG", "LOC") or nxt.i == last + 1):
                if not self._has_prep_between(last, nxt.i):
                    self.absorbed.update(range(k, last + 1))  # الرئيس ميدفيديف، وزيري دفاع روسيا: the name acts
                    if demonyms and nxt.actor.country is None:  # وزير الاقتصاد الألماني سيغمار غابريال
                        nxt.actor.country = demonyms[0][1]
                    k = last + 1
                    continue
            if nxt is not None and nxt.i == last + 1 and nxt.etype in ("ORG", "LOC") and nxt.actor.country and (
                    not self._coordinated(nxt)):
                country = country or nxt.actor.country  # شرطة دبي, not قوات النظام وحزب الله
            if phrase.kind == "title" and not demonyms and toks[k].norm not in TITLE_PLURALS:
                self.absorbed.add(k)
                k = end + 1
                continue
            for n, (t, iso) in enumerate(demonyms or [(end, country)]):
                first = k if n == 0 else t
                cand = self._generic(first, t if demonyms else end, phrase, iso, prefix if n == 0 else "")
                cand.via_demonym = bool(demonyms)
                out.append(cand)
            k = (demonyms[-1][0] if demonyms else end) + 1
        return self._appositions(out)

    def _coordinated(self, c: Cand) -> bool:
        """Whether a named candidate's word carries the conjunction و before the name (وحزب الله)."""
        return normalize(self.doc.text[self.toks[c.i].start : c.actor.start]).startswith("و")

    def _appositions(self, cands: list[Cand]) -> list[Cand]:
        """Two generic actors side by side are one (المتمردين الحوثيين، قوات النظام): the first, with the second's
        country, when the first has none or governs the second (no article: a construct)."""
        out: list[Cand] = []
        for c in cands:
            prev = out[-1] if out else None
            construct = prev is not None and not _definite(self.toks[prev.j].norm)
            if prev is not None and c.i == prev.j + 1 and (prev.actor.country is None or construct) and (
                    c.actor.country and not c.prep and not self.toks[c.i].norm.startswith("و")):
                prev.j, prev.actor.end = c.j, c.actor.end
                prev.actor.text = self.doc.text[prev.actor.start : c.actor.end]
                prev.actor.country, prev.actor.code = c.actor.country, c.actor.country + (prev.role or "")
                continue
            out.append(c)
        return out

    def _actor_phrase(self, k: int) -> tuple[ActorPhrase, str, int, str] | None:
        """(phrase, proclitics, last token, possessive suffix) of the generic actor starting at token k."""
        best = None
        for prefix, form in self.lex.lookup(self.lex.actors, self.toks[k].norm):
            phrase: ActorPhrase = form.item  # type: ignore[assignment]
            end = k
            for words in phrase.companions:
                if end + 1 < len(self.toks) and any(s in words for _p, s in clitic_splits(self.toks[end + 1].norm)):
                    end += 1
                else:
                    break
            else:
                if best is None or end > best[2]:
                    best = (phrase, prefix, end, form.suffix)
        return best

    def _demonyms_after(self, end: int, covered: set[int]) -> list[tuple[int, str]]:
        """Demonyms right after a phrase, coordinated ones too: (token index, ISO3)."""
        out: list[tuple[int, str]] = []
        k = end + 1
        while k < len(self.toks) and k not in covered and len(out) < 4:
            iso = self.demonyms[k]
            if iso is None:
                if out or k > end + 1 or self.toks[k].text in BOUNDARY:
                    break
                k += 1  # قوات الأمن العراقية / حكومة الوفاق الليبية: one word between
                continue
            if out and not self.toks[k].norm.startswith("و"):
                break
            out.append((k, iso))
            k += 1
        return out

    def _orphan_demonym(self, k: int, covered: set[int], out: list[Cand]) -> int:
        """`والبيلاروسي` after a named actor ending in a demonym: a second actor of that kind."""
        tok = self.toks[k]
        if k in covered:
            return 1
        iso = self.demonyms[k]
        people = tok.norm.endswith(("ين", "ون")) or any(s in self.lex.peoples for _p, s in clitic_splits(tok.norm))
        if iso and people and (k == 0 or self.demonyms[k - 1] is None):
            prev = self.toks[k - 1].norm if k else ""
            if k == 0 or not any(f.item.kind for _p, f in self.lex.lookup(self.lex.actors, prev)):
                actor = Actor(tok.text, tok.start, tok.end, None, iso + "CVL", iso)  # العراقيين، الأتراك: a people
                out.append(Cand(k, k, actor, "GEN", "CVL", False))
                return 1
        if not tok.norm.startswith("و") or k == 0:
            return 1
        if iso is None or self.demonyms[k - 1] is None:
            return 1
        actor = Actor(tok.text[1:], tok.start + 1, tok.end, None, iso + "GOV", iso)
        out.append(Cand(k, k, actor, "GEN", "GOV", False))
        return 1

    def _has_prep_between(self, a: int, b: int) -> bool:
        return any("prep" in self.cues[k] or self.toks[k].text in BOUNDARY for k in range(a + 1, b + 1))

    def _generic(self, i: int, j: int, phrase: ActorPhrase, country: str | None, prefix: str) -> Cand:
        before = self.demonyms[i - 1] if i else None  # معتقل فلسطيني مضرب: the apposition's
        country = country or before or self._context_country(i) or _home(phrase.role)
        start = self.toks[i].start + _prefix_chars(self.toks[i].text, prefix)
        end = self.toks[j].end
        actor = Actor(self.doc.text[start:end], start, end, None, (country or "") + phrase.role, country)
        cand = Cand(i, j, actor, "GEN", phrase.role, False)
        cand.prep = self._prep(cand, prefix)
        return cand

    def _countries(self) -> list[tuple[int, str]]:
        """(token index, ISO3) of the places and demonyms the sentence names, in order (computed once)."""
        if self._country_marks is None:
            marks: list[tuple[int, str]] = []
            for m in self.mentions:
                entity = self.info.entity_of.get(m.entity_id or "")
                if entity is None or entity.type != "LOC" or not entity.country:
                    continue
                k, _ = self._token_range(m.start, m.end)
                if k is not None:
                    marks.append((k, entity.country))
            marks += [(k, iso) for k, iso in enumerate(self.demonyms)  # حزب الله اللبناني: the party's
                      if iso and k - 1 not in self.named_tokens]
            if not marks:  # وزارة الداخلية السعودية ... الجهات الأمنية: the country of the named actors
                marks = [(c.i, c.actor.country) for c in self._named if c.actor.country]
            self._country_marks = sorted(marks)
        return self._country_marks

    def _context_country(self, k: int) -> str | None:
        """The country of the nearest place or demonym in the sentence, else the article's."""
        marks = self._countries()
        if not marks:
            return self.info.main_country
        return min(marks, key=lambda mark: (self.demonyms[mark[0]] is not None, abs(mark[0] - k)))[1]

    def _first_country(self, k: int, named: list[Cand]) -> str | None:
        """The first country named before token k, by a place, a demonym or a named actor: what a possessive
        (وزارة الداخلية البحرينية ... قواتها، وبريطانيا ... برلمانها) refers back to."""
        marks = [(n, iso) for n, iso in self._countries() if n < k]
        marks += [(c.i, c.actor.country) for c in named if c.i < k and c.actor.country]
        return min(marks)[1] if marks else self._context_country(k)

    def _group(self) -> None:
        """Coordinated candidates share a group id, and the first one's preposition."""
        for n, cand in enumerate(self.cands):
            cand.group = n
        for a, b in zip(self.cands, self.cands[1:], strict=False):
            between = range(a.j + 1, b.i)
            if len(between) > 4:
                continue
            glue = all(self.toks[k].norm in GLUE or k in self.absorbed for k in between)
            joined = self.toks[b.i].norm.startswith("و") or any(
                self.toks[k].norm in ("و", "،", ",", "-", "–") or self.toks[k].norm.startswith("و") for k in between
            )
            if glue and (joined or (not between and a.etype == b.etype == "PER")):
                if b.prep is None or b.prep == a.prep:
                    b.group, b.prep = a.group, a.prep

    def members(self, cand: Cand) -> list[Cand]:
        seen: set[str | None] = set()
        out = []
        for c in self.cands:
            if c.group == cand.group and c.key not in seen:
                seen.add(c.key)
                out.append(c)
        return out

    # -- roles ---------------------------------------------------------------------------

    def _is_location(self, c: Cand) -> bool:
        return c.etype == "LOC" and c.prep in ("في", "ب")

    def _free(self, c: Cand) -> bool:
        return c.prep is None and not self._is_location(c)

    def _subject_after(self, m: Match) -> Cand | None:
        """The subject of a verb in VSO order: the first free actor past adverbs, times, PPs and up to three
        words of a title (استقبل المستشار بالديوان الملكي المشرف العام على مركز ... الدكتور X)."""
        k = m.h + 1
        starts = self.cand_at
        words = 0
        while k < len(self.toks) and k <= m.h + 14 and self.clause[k] == self.clause[m.h]:
            c = starts.get(k)
            if c is not None:
                if self._free(c) and c.speaks:  # محافظ القطيف خالد: the city names the office, the person acts
                    return c
                k = c.j + 1
                continue
            if k in m.tokens:  # ألقت الهند باللوم: the subject inside the trigger's words
                k += 1
                continue
            if k in self.trigger_tokens or self.toks[k].text in BOUNDARY:
                return None
            if not self._skippable(k):
                words += 1
                if words > 3:
                    return None
            k += 2 if "prep" in self.cues[k] and self.cues[k]["prep"] != "قبل" else 1
        return None

    def _skippable(self, k: int) -> bool:
        tok = self.toks[k]
        return (tok.norm in SKIPPABLE or k in self.absorbed or k in self.time_tokens or tok.text.isdigit()
                or "prep" in self.cues[k] or self._is_title(k))

    def _subject_before(self, h: int, antecedent: bool = True) -> Cand | None:
        """The nearest free actor before `h` in its clause; else (`antecedent`) what a relative clause follows."""
        clause = self.clause[h]
        before = [c for c in self.cands if c.j < h and self.clause[c.i] == clause and self._free(c) and c.speaks]
        if before:
            return self.members(before[-1])[0]
        if not antecedent:
            return None
        first = next((k for k in range(h, -1, -1) if self.clause[k] != clause), None)
        if first is not None and self.toks[first + 1].norm in RELATIVES:  # موسكو التي امتنعت
            prior = [c for c in self.cands if c.j <= first and self._free(c)]
            if prior:
                return prior[-1]
        return None

    def _in_slot(self, m: Match, slot: str, exclude: set[int]) -> Cand | None:
        """The first actor after the trigger in a slot: its preposition, or one noun after it (على مواقع X)."""
        reach = 24 if slot == "obj" else 12  # a verb's object may follow a long subject
        for c in self.cands:
            if c.i <= m.h or c.i > m.e + reach or c.group in exclude or self._is_location(c):
                continue
            if self.clause[c.i] != self.clause[m.h] and slot != "بين":
                continue
            if (slot == "obj" and c.prep is None) or c.prep == slot:
                return c
            if c.prep is None and slot != "obj" and c.i >= 2 and self.cues[c.i - 2].get("prep") == slot:
                return c
            if c.prep is None and slot != "obj" and _clitic_prep(self.toks[c.i - 1].norm) == slot:
                return c  # أشاد بمقاتلي المقاومة: the preposition sits on the noun before the actor
            if slot == "obj" and c.prep == "ل" and c.i - m.e == 2 and not self._has_prep_between(m.e, c.i - 1):
                return c  # استهدف مواقع للحوثيين: the object is the actor's position
        return None

    def _genitive(self, m: Match) -> Cand | None:
        """The actor a verbal noun governs: right after it, or after at most two title-like words."""
        for c in self.cands:
            if c.i <= m.e:
                continue
            between = [k for k in range(m.e + 1, c.i) if "honorific" not in self.cues[k]]  # صاحب السمو الملكي
            if len(between) > 2 or self._has_prep_between(m.e, c.i - 1) or not self._free(c):
                return None
            if any(k in self.trigger_tokens for k in between):
                return None
            return c
        return None

    def _antecedent(self, h: int, plural: bool) -> Cand | None:
        before = [c for c in self.cands if c.j < h and self._free(c)]
        if plural:
            groups = [c for c in before if len(self.members(c)) >= 2]
            if groups:
                return self.members(groups[-1])[0]
        persons = [c for c in before if c.etype == "PER"]
        chosen = persons[-1] if persons else before[-1] if before else None
        return self.members(chosen)[0] if chosen else None

    def _group_after(self, m: Match) -> Cand | None:
        """A coordinated pair after a symmetric noun (ملاسنات ... كل من ميدفيديف ولوكاشينكو)."""
        for c in self.cands:
            if m.e < c.i <= m.e + 12 and self._free(c) and len(self.members(c)) >= 2:
                return self.members(c)[0]
        return None

    def roles(self, m: Match) -> Roles:
        entry, form = m.entry, m.form
        r = Roles()
        taken: set[int] = set()
        if entry.names_source:  # متظاهرون، المحتجين: the word is its own actor
            r.source = next((c for c in self.cands if c.i <= m.h <= c.j), None)
            r.owned = r.source is not None
        elif entry.pos == "W":  # مطالبين، متهما: a participle describes the clause's subject
            r.source = self._subject_before(m.h)
        elif form.tense != "noun" and (form.passive or entry.victim or self._passive_reading(m)):
            r.target = self._subject_after(m)
            r.source = self._agent_phrase(m)
        elif form.tense != "noun":
            self._verb_roles(m, r)
        else:
            if form.suffix:
                r.source = self._antecedent(m.h, form.suffix in ("هما", "هم"))
            gen = self._genitive(m)
            if gen is not None:
                if entry.gen_target or r.source is not None or (gen.place and entry.plover in MATERIAL_CONFLICT):
                    r.target = r.target or gen
                elif gen.speaks:
                    r.source = gen
            r.source = (r.source or self._agent_phrase(m) or self._adjective_source(m) or self._owner_phrase(m)
                        or self._relative_source(m))
            r.owned = r.source is not None
            r.source = r.source or self._from_phrase(m)
        r.by_slot = r.source is not None or r.target is not None
        r.anchored = r.by_slot
        for c in (r.source, r.target):
            if c is not None:
                taken.add(c.group)
        if r.target is None:
            for slot in entry.slots:
                found = self._in_slot(m, slot, taken)
                if found is not None:
                    r.by_slot = r.anchored = True
                    pair = self.members(found)
                    if slot == "بين" and len(pair) >= 2:  # بين روسيا وبيلاروسيا
                        r.source, r.target = pair[0], pair[1]
                    else:
                        r.target = found
                    break
        if r.source is None and form.tense == "noun":
            if entry.sym and r.target is None:
                r.source = self._group_after(m)
            if r.source is None and not self._governed(m):
                r.source = self._subject_before(m.h)
            r.by_slot = r.by_slot or r.source is not None
            if r.source is None:
                r.source = self._participants(m.h)
                if r.source is not None and r.target is None and entry.sym:  # X قال إن Y شدد خلال اللقاء: X and Y met
                    r.target = next((c for c in self.cands if c.j < m.h and self._free(c) and c.speaks
                                     and c.actor.country not in (None, r.source.actor.country)), None)
        if r.source is not None and r.target is None and form.tense == "noun" and entry.sym and not entry.needs_target:
            r.target = self._partner_after(m, r.source)
        return self._complete(r, entry)

    def _partner_after(self, m: Match, source: Cand) -> Cand | None:
        """The other side of a symmetric noun whose own side is known: the first actor after it, in its clause or
        the relative clause describing it, not of the source's country (مباحثاته ... في إطار مجلس روسيا - الناتو)."""
        clauses = self._clauses_of(m.h)
        country = source.actor.country
        return next((c for c in self.cands if c.i > m.e and self.clause[c.i] in clauses and c.speaks
                     and not self._is_location(c) and c.group != source.group
                     and (c.actor.country is None or c.actor.country != country)), None)

    def _verb_roles(self, m: Match, r: Roles) -> None:
        """Subject and object of an active verb: a relative clause's antecedent, SVO, VSO, then the antecedent."""
        antecedent = self._relative_antecedent(m.h) or self._described_actor(m.h)
        if antecedent is not None:  # الملك عبد العزيز الذي زار مصر: the antecedent acts, مصر is the object
            r.source, r.target = antecedent, self._subject_after(m)
            return
        r.source = self._subject_before(m.h, antecedent=False)  # وكان تنظيم داعش هدد تركيا: SVO
        if r.source is None and self._pronoun_clause(m.h):  # أعلنت الوزارة ... وإنها اعتقلت: the same subject
            r.source = next((self.members(c)[0] for c in self.cands if c.j < m.h and self._free(c)), None)
        if r.source is None:
            r.source = self._subject_after(m)
            if r.source and m.entry.agent and not (_can_act(r.source, m.entry.agent) or self._speaks_out(m, r.source)):
                r.target, r.source = r.source, None
        if r.source is None:
            r.source = self._subject_before(m.h)  # موسكو التي امتنعت

    def _pronoun_clause(self, h: int) -> bool:
        """Whether the verb's clause opens with أنه/إنها/أنهم right before it: its subject was named earlier."""
        k = h - 1
        return k >= 0 and "clause" in self.cues[k] and self.toks[k].norm.endswith(("ه", "ها", "هم"))

    def _after_relative(self, h: int) -> bool:
        return any(self.toks[k].norm in RELATIVES for k in range(max(0, h - 2), h))

    def _relative_antecedent(self, h: int) -> Cand | None:
        """The actor a relative pronoun right before the verb refers to, when the actor ends just before it
        (عبد العزيز، رحمه الله، الذي زار), a person whatever governs it (مع نظيره جون كيري الذي يزور قطر); not
        for المنظومات التي امتنعت موسكو, whose clause has its subject."""
        rel = next((k for k in range(h - 1, max(h - 3, -1), -1) if self.toks[k].norm in RELATIVES), None)
        if rel is None:
            return None
        before = [c for c in self.cands if rel - 5 <= c.j < rel and (self._free(c) or c.etype == "PER")]
        if not before:
            return None
        between = [t.text for t in self.toks[before[-1].j + 1 : rel]]
        if all(t in BOUNDARY for t in between) or (between[0] in "،," and between[-1] in "،,"):
            return self.members(before[-1])[0]  # the name itself, or a name, a parenthesis, then الذي
        return None

    def _described_actor(self, h: int) -> Cand | None:
        """An indefinite actor right before the verb, whatever governs it, is described by it and does it (القبض على
        مواطن أطلق النار: the citizen fired)."""
        c = next((c for c in self.cands if c.j == h - 1), None)
        if c is None or c.etype != "GEN" or _definite(self.toks[c.i].norm) or self.clause[c.i] != self.clause[h]:
            return None
        return c

    def _passive_reading(self, m: Match) -> bool:
        """An unvowelled agent verb followed by a count, in digits or words, reads as passive (قتل 21 شخصا،
        اعتقل 16 شخصا، قتل ثلاثة جنود)."""
        if not m.entry.agent or m.h + 1 >= len(self.toks) or self._after_relative(m.h):
            return False
        if self._victim_of_act(m):
            return True
        nxt = self.toks[m.h + 1]
        counted = any(q.start == nxt.start and q.kind == "count" for q in self.info.quantities.get(self.index, ()))
        if not (nxt.text.isdigit() or "count" in self.cues[m.h + 1] or counted):  # قتل ثلاثة جنود too
            return False
        subject = self._subject_before(m.h, antecedent=False)  # قوات الأمن اعتقلت 20 شخصا: active
        return subject is None or not _can_act(subject, m.entry.agent)

    def _victim_of_act(self, m: Match) -> bool:
        """An agent verb whose actor after it is followed by the act, as a noun after a preposition, that befell
        them (قتل جنديان مصريان في هجوم شنه مسلحون، أصيب شرطي بنيران): the verb tells the toll, so it is passive."""
        c = next((c for c in self.cands if c.i == m.h + 1), None)
        if c is None:
            return False
        for k in (c.j + 1, c.j + 2):
            act = next((o for o in self.matches if o.h == k), None)
            if act is not None and act.entry.plover == m.entry.plover and act.form.tense == "noun" and (
                    (k == c.j + 1 and act.prefix[-1:] in ("ب", "ل")) or (k == c.j + 2 and "prep" in self.cues[k - 1])):
                return True
        return False

    def _agent_phrase(self, m: Match) -> Cand | None:
        """The agent named by من قبل / على يد after a passive verb or a verbal noun."""
        return next((c for c in self.cands if c.i > m.h and self.clause[c.i] == self.clause[m.h]
                     and c.prep in ("قبل", "يد")), None)

    def _adjective_source(self, m: Match) -> Cand | None:
        """A demonym that describes a verbal noun names who did it: الغارات الروسية، مساعدات سعودية، الطائرة الإغاثية
        السعودية (past one adjective after a definite noun: الغارات الجوية الروسية). An adjective agrees with its noun
        in the article; a definite demonym after an indefinite noun is its genitive (اعتقال السوريين), not a source."""
        definite = _definite(self.toks[m.e].norm)
        for k in range(m.e + 1, min(m.e + (3 if definite else 2), len(self.toks))):
            iso = self.demonyms[k]
            norm = self.toks[k].norm
            if iso is not None:
                if _definite(norm) != definite or norm.endswith(("ين", "ون")) or norm[:1] == "و":
                    return None
                c = self.cand_at.get(k)
                if c is not None:
                    return c if c.etype == "GEN" and c.role != "CVL" else None
                start, end = self.toks[k].start, self.toks[k].end
                role = ADJECTIVE_ROLES.get(m.entry.plover, "GOV")
                return Cand(k, k, Actor(self.toks[k].text, start, end, None, iso + role, iso), "GEN", role, False,
                            group=-2 - k)
            if k in self.cand_at or k in self.trigger_tokens or not _definite(norm) or self.toks[k].text in BOUNDARY:
                return None
        return None

    def _owner_phrase(self, m: Match) -> Cand | None:
        """ل + an actor right after a verbal noun that takes no ل complement: whose act it is (تعزيزات للمقاومة
        الشعبية، هجوم للحوثيين); for a material act only an actor that can do it (not اعتقالات للمدنيين)."""
        c = self.cand_at.get(m.e + 1)
        if c is None or c.prep != "ل" or not c.speaks or "ل" in m.entry.slots or m.entry.gen_target:
            return None
        if m.entry.plover in MATERIAL_CONFLICT and not (_can_act(c, "armed") or _can_act(c, "security")):
            return None
        return c

    def _relative_source(self, m: Match) -> Cand | None:
        """The subject of a relative clause that has the verbal noun as its object: who did it (المساعدات التي دفع
        بها المركز، الحرب التي شنتها إسرائيل): the clause points back to the noun with a pronoun before the actor."""
        toks = self.toks
        rel = next((k for k in range(m.e + 1, min(m.e + 4, len(toks))) if toks[k].norm in RELATIVES), None)
        if rel is None or any(k in self.cand_at or k in self.trigger_tokens for k in range(m.e + 1, rel)):
            return None
        pointed = False
        for k in range(rel + 1, min(rel + 5, len(toks))):
            c = self.cand_at.get(k)
            if c is not None:
                return c if pointed and c.prep is None and c.speaks and not self._is_location(c) else None
            if toks[k].text in BOUNDARY:
                return None
            pointed = pointed or (k > rel + 1 and toks[k].norm in ("بها", "به", "بهم", "لها", "له")) or (
                k == rel + 1 and toks[k].norm.endswith(("ها", "ه", "هم")))
        return None

    def _from_phrase(self, m: Match) -> Cand | None:
        """من + actor right after a verbal noun that takes no من complement: who did it (احتجاجات من جماعات); aid
        comes from its giver anywhere in the clause (المعونة ... قادمة من المملكة)."""
        if "من" in m.entry.slots:
            return None
        reach = 16 if m.entry.plover == "AID" else 3
        return next((c for c in self.cands if m.e < c.i <= m.e + reach and c.prep == "من" and c.speaks
                     and self.clause[c.i] == self.clause[m.h] and not self._is_location(c)), None)

    def _governed(self, m: Match) -> bool:
        """Whether a verbal noun is the object of an earlier trigger verb of another category (أدانت ... التفجير)."""
        return any(o.h < m.h and o.form.tense != "noun" and o.entry.plover != m.entry.plover
                   and self.clause[o.h] == self.clause[m.h] for o in self.matches)

    def _participants(self, h: int) -> Cand | None:
        """The sentence's first free group before the trigger: who a nominal event is about."""
        return next((self.members(c)[0] for c in self.cands if c.j < h and self._free(c)), None)

    def _complete(self, r: Roles, entry: TriggerEntry) -> Roles:
        """Pairs for symmetric events; a source that is not the target; no self-targeting; no district acts."""
        if r.source is not None and not r.source.speaks:
            r.source = None
        if r.source is not None and entry.plover == "AID" and r.source.role in ("CVL", "REF"):
            r.source, r.target = None, r.target or r.source  # لمساعدة الأشقاء اليمنيين: who receives it
        if r.source is not None:
            group = self.members(r.source)
            if r.target is None and (entry.sym or entry.plover in SYMMETRIC) and len(group) >= 2:
                r.source, r.target = group[0], group[1]
            elif (r.target is not None and len(group) >= 2 and entry.plover not in MATERIAL_CONFLICT
                  and r.source.actor.country == r.target.actor.country):  # a regime may attack its own town
                r.source = next((c for c in group if c.actor.country != r.target.actor.country), r.source)
        if r.source is None and r.target is not None:
            group = self.members(r.target)
            if entry.sym and len(group) >= 2:
                r.source, r.target = group[0], group[1]
        if r.source is not None and r.target is not None and r.source.key == r.target.key:
            r.target = None
        return r

    # -- the event -----------------------------------------------------------------------

    def code(self, matches: list[Match]) -> list[Event]:
        self.trigger_tokens = {k for m in matches for k in m.tokens}
        self.matches = matches
        self.accident = any(k + 1 not in self.trigger_tokens and not (  # حادث تفجير، الحادث الإرهابي: no accident
            k + 1 < len(self.toks) and self.toks[k + 1].norm in TERROR) for k in self.kinds.get("accident", ()))
        events: list[Event] = []
        told: list[Event] = []
        told_by: dict[int, Match] = {}  # id() of a told event -> its first trigger
        previous: Roles | None = None
        by_end: dict[int, Event | None] = {}  # None: a dropped event noun, whose describing verbs go with it
        names = self._name_tokens()
        for m in matches:
            if m.h in names:  # مركز الملك سلمان للإغاثة، منظمة التعاون الإسلامي: part of a name
                continue
            if not self._context_allows(m):  # أي احتجاجات، تتعرض منذ سنوات لهجمات: no particular event
                by_end[m.e] = None
                continue
            topic, taker = self._topic_of(m)
            if topic or self._told_by_another(m) or self.clause[m.h] in self.topic_clauses:
                self.topics.add(m.h)  # أدانت الهجوم، طالب بالإفراج: not an event told
                by_end[m.e] = None
                if m.e + 1 < len(self.toks) and self.toks[m.e + 1].norm in RELATIVES:
                    self.topic_clauses.add(self.clause[m.e + 1])  # التفجير الذي ... وأسفر عن استشهاد: its telling
                agreed = by_end.get(taker.e) if taker is not None and taker.entry.plover == "AGREE" else None
                if agreed is not None:  # اتفاق حول إمداد كازاخستان بعشر منظومات: what was agreed, and with whom
                    agreed.target = agreed.target or _actor(self.roles(m).target)
                    agreed.quantity = agreed.quantity or self._quantity(m)
                continue
            toll, cause = self._outcome_of(m, by_end)
            if toll:  # تفجير ... أسفر عن مقتل 32 شخصا: the attack's toll, not a second attack
                if cause is not None:
                    cause.evidence.append(self._trigger_span(m))
                continue
            roles = self.roles(m)
            if roles.source is None and previous is not None and self.toks[m.h].norm[:1] in "وف":
                roles.source = previous.source  # وهاجمت، والتقى: the subject of the verb before
            found, head = self._described_event(m, by_end)
            if found:  # التفجير الإرهابي الذي استهدف مسجدا: one attack
                if head is not None:
                    head.evidence.append(self._trigger_span(m))
                    if head.target is None and roles.target is not None:
                        head.target = roles.target.actor
                continue
            event = self._event(m, roles)
            if event is not None:
                apart = {id(t) for t in told if self._distinct(told_by[id(t)], t, m, event)}
                kept = _same_happening(event, [t for t in told if id(t) not in apart])
                if kept is None:
                    self.info.apart.update(frozenset((k, id(event))) for k in apart)
                    events.append(event)
                    told.append(event)
                    told_by[id(event)] = m
                by_end[m.e] = kept or event
                previous = roles
        for event in events:
            if event.source is None and event.plover in IMPLIED_ROLES:
                event.source = self._implied_source(event)
        return events

    def _distinct(self, a: Match, ea: Event, b: Match, eb: Event) -> bool:
        """Whether the text says two tellings of one category are two acts, not one act told twice: different
        stated dates, an act accompanied by another (هجوما ... ترافق مع قصف جوي), or two coordinated verbs of
        distinct specific acts (أغلقت الشرطة الطرقات واعتقلت). A generic verb (قتل، هاجم) beside a specific one
        retells it (ليفجر ... ويقتل)."""
        stated = self.info.stated_dates
        if id(ea) in stated and id(eb) in stated and ea.date and eb.date and not (
                ea.date.startswith(eb.date) or eb.date.startswith(ea.date)):
            return True
        if (ea.modality == "planned") != (eb.modality == "planned"):
            return True  # ستطلق هجوما ... بعد أسبوعين على بدء غارات: one act ahead, one done
        first, second = sorted((a, b), key=lambda m: m.h)
        if second.form.tense != "noun" and second.h and self.toks[second.h - 1].norm in PARALLEL:
            return True  # الغارات استهدفت ... فيما قصفت طائرات التحالف: another act told beside it
        between = (stem for k in range(first.e + 1, second.h) for _p, stem in clitic_splits(self.toks[k].norm))
        if any(stem in ACCOMPANIED for stem in between):
            return True
        verbs = first.form.tense != "noun" and second.form.tense != "noun" and second.prefix[:1] in ("و", "ف")
        return verbs and first.entry.cameo != second.entry.cameo and not any(
            m.entry.cameo.endswith("0") or m.entry.victim for m in (first, second))

    def _implied_source(self, event: Event) -> Actor | None:
        """Who protests, arrests or investigates when the sentence names no one: the people, or the police,
        of the country where it happens (مظاهرات في البصرة → IRQOPP). The actor's span is the trigger's."""
        k, _ = self._token_range(event.trigger.start, event.trigger.end)
        role = IMPLIED_ROLES[event.plover]
        country = (event.location or {}).get("country") or self._context_country(k or 0) or _home(role)
        if not country:
            return None
        t = event.trigger
        return Actor(t.text, t.start, t.end, None, country + role, country)

    def _topic_of(self, m: Match) -> tuple[bool, Match | None]:
        """Whether a verbal noun is what a condemnation, protest, demand, refusal, agreement, threat, appeal
        or purpose is about: أدانت الهجوم، احتجاجا على الغارات، طالب بالإفراج، اتفاق على وقف إطلاق النار.
        A noun coordinated with such a topic is one too (وقف إطلاق النار وسحب القوات). Returns (is a topic,
        the trigger it is the topic of when there is one)."""
        if m.form.tense != "noun" or m.entry.names_source or (m.h and self.toks[m.h - 1].norm in DURING):
            return False, None  # تم الاتفاق خلال المباحثات: the talks took place
        if m.entry.plover == "DEMAND" and m.prefix[:1] == "ل" and any(
                o.entry.plover == "PROTEST" for o in self.matches):
            return True, None  # مظاهرة ... للمطالبة بإطلاق سراح: the protest's demand, told by the protest
        named = self.named_tokens if self.cands else set()  # (the candidates fill named_tokens)
        steps = 0  # a name counts as one word: استنكر [name, title] التفجير
        for k in range(m.h - 1, -1, -1):
            steps += k not in named or k + 1 not in named
            if steps > 12:
                break
            tok = self.toks[k]
            cues = self.cues[k]
            opens = tok.norm in COMPLEMENTIZERS or tok.norm in RELATIVES or cues.get("verb") == "report"
            if tok.text in ".!?؟:" or opens:
                return False, None
            if "appeal" in cues or (("purpose" in cues or "charge" in cues) and m.h - k <= 3):
                return True, None  # دعا إلى، بهدف، يشتبه بصلتهم بالتفجير
            if k not in self.trigger_tokens:
                continue
            o = next(x for x in self.matches if k in x.tokens)
            if o.h in self.topics and m.h - o.e <= 4 and (  # وقف إطلاق النار وسحب القوات، لعقد اجتماع لبحث
                    "و" in (self.toks[m.h].norm[:1], self.toks[m.h - 1].norm) or m.prefix[:1] == "ل"):
                return True, None
            if o.entry.plover in TOPIC_TAKERS and o.entry.plover != m.entry.plover and (
                    o.form.tense != "noun" or m.h - o.e <= 5):
                return True, o
            if o.form.tense != "noun":
                return False, None
        return False, None

    def _name_tokens(self) -> set[int]:
        """Tokens inside the name of an organization or a named thing (past its first word)."""
        out: set[int] = set()
        for mention in self.mentions:
            if mention.type in ("ORG", "MISC"):
                i, j = self._token_range(mention.start, mention.end)
                if i is not None:
                    out.update(range(i + 1, j + 1))
        return out

    def _outcome_of(self, m: Match, by_end: dict[int, Event | None]) -> tuple[bool, Event | None]:
        """Whether a noun after أسفر عن / أدى إلى is the outcome of an earlier trigger of its category, and that
        trigger's event (None when it was dropped as a topic: أدان التفجير الذي ... وأدى إلى استشهاد)."""
        if m.form.tense != "noun" or not any("result" in self.cues[k] and self.clause[k] == self.clause[m.h]
                                             for k in range(max(0, m.h - 8), m.h)):  # أسفرت الغارات ... عن مقتل
            return False, None
        earlier = [o for o in self.matches if o.e < m.h and o.entry.plover == m.entry.plover and o.e in by_end]
        return (True, by_end[earlier[-1].e]) if earlier else (False, None)

    def _told_by_another(self, m: Match) -> bool:
        """A word that names its own actors (المتظاهرين) is the event only when no other word tells it."""
        return m.entry.names_source and any(
            o.entry.plover == m.entry.plover and not o.entry.names_source for o in self.matches)

    def _described_event(self, m: Match, by_end: dict[int, Event | None]) -> tuple[bool, Event | None]:
        """The event noun a relative clause's verb describes, when they are of the same category
        (found, event); the event is None when that noun was dropped as a topic."""
        if m.form.tense == "noun" or m.h < 2:
            return False, None
        rel = next((k for k in range(m.h - 1, max(m.h - 3, 0), -1) if self.toks[k].norm in RELATIVES), None)
        if rel is None:
            return False, None
        for k in range(rel - 1, max(rel - 4, -1), -1):
            if k in by_end:
                event = by_end[k]
                same = event is None or event.plover == m.entry.plover
                return same, event if same else None
        return False, None

    def _event(self, m: Match, r: Roles) -> Event | None:
        entry = m.entry
        location = self._location(m)
        if not self._actors_allow(m, r, location):
            return None
        plover, cameo, mode = self._category(m, r)
        negated = self._negated(m)
        date = self._date(m)
        stated = date is not None
        planned = not negated and self._planned(m, date)
        if date is None and not planned:
            date = self.info.published
        modality = "denied" if negated else "planned" if planned else "reported" if self._reported(m) else "asserted"
        actors = [c for c in (r.source, r.target) if c is not None]
        completeness = {2: 1.0, 1: 0.75, 0: 0.5}[len(actors)]
        if actors and all(c.etype == "GEN" for c in actors):
            completeness *= 0.9
        if not r.by_slot:
            completeness *= 0.85
        event = Event(
            plover=plover,
            cameo=cameo,
            quad=PLOVER_QUADS[plover],
            trigger=self._trigger_span(m),
            sentence=self.index,
            source=r.source.actor if r.source else None,
            target=r.target.actor if r.target else None,
            date=date,
            location=location,
            quantity=self._quantity(m) if plover in QUANTITY_CATEGORIES else None,
            mode=mode or mode_of(cameo),
            negated=negated,
            modality=modality,
            confidence=round(entry.strength * completeness, 3),
        )
        if stated:
            self.info.stated_dates[id(event)] = event
        return event

    @staticmethod
    def _speaks_out(m: Match, c: Cand) -> bool:
        """Whether a verb that has a verbal reading (هاجم: criticised) has a person or civil body as subject."""
        return m.entry.verbal_alt is not None and c.role not in AGENT_ROLES["armed"] and (
            c.etype == "PER" or c.role in CIVIL_VOICES)

    def _category(self, m: Match, r: Roles) -> tuple[str, str, str | None]:
        """PLOVER, CAMEO and mode: the entry's, unless its actors make it another act.

        A state's own protest is a diplomatic DISAPPROVE (احتجت الخارجية); a person or a civilian body
        "attacking" attacks in words (هاجمت الفنانة الدراما); a killing with no political actor among
        criminal words (زوجته، خلاف عائلي، مريض نفسي) is a CRIME.
        """
        entry, src = m.entry, r.source
        if entry.state_alt and src is not None and src.role in ("GOV", None) and src.etype != "GEN" and (
                m.form.tense != "noun" or r.owned):
            return entry.state_alt[0], entry.state_alt[1], None
        if src is not None and self._speaks_out(m, src):
            return entry.verbal_alt[0], entry.verbal_alt[1], None  # type: ignore[index]
        if entry.plover == "ASSAULT" and "crime" in self.kinds and not any(
                _political(c) for c in (r.source, r.target) if c is not None):
            return "CRIME", "", None
        return entry.plover, entry.cameo, entry.mode

    def _context_allows(self, m: Match) -> bool:
        """Words around the trigger that say no particular political event is told."""
        entry, h = m.entry, m.h
        if any("generic" in self.cues[k] or k in self.likenesses for k in range(max(0, h - 3), h)):
            return False  # أي احتجاجات، لتجنب اندلاع، كتفريق المظاهرات: no particular event
        if any("predicate" in self.cues[k] for k in range(max(0, h - 2), h)):
            return False  # الذي يشكل عملية إرهابية: what something is called, not an event
        if entry.plover == "PROTEST" and "culture" in self.kinds:
            return False  # تظاهرة ثقافية: a festival
        if entry.plover == "ASSAULT" and any(self.clause[k] == self.clause[h] and h - 12 <= k < h
                                             for k in self.kinds.get("foil", ())):
            return False  # إحباط ما وصفته بالمخطط الإرهابي لاغتيال: foiled, not carried out
        if entry.plover == "AGREE" and m.form.tense == "noun" and (self._named_agreement(m) or any(
                "reference" in self.cues[k] for k in range(max(0, h - 2), h))):
            return False  # بموجب اتفاق، تطبيق الاتفاق، الاتفاق النووي: an agreement that exists, not one reached
        return not self._habitual(m)  # تتعرض منذ سنوات لهجمات: a state of things, not an event

    def _named_agreement(self, m: Match) -> bool:
        """A definite agreement noun with a relational adjective that is no demonym (الاتفاق النووي، الاتفاقية
        الأمنية) names an agreement as a thing."""
        k = m.e + 1
        if k >= len(self.toks) or m.e != m.h or not _definite(self.toks[m.h].norm):
            return False
        norm = self.toks[k].norm
        return (_definite(norm) and norm.endswith(("ي", "يه")) and self.demonyms[k] is None
                and "clause" not in self.cues[k])

    def _actors_allow(self, m: Match, r: Roles, location: dict | None) -> bool:
        """The precision gate, once the context allows an event: what the entry asks of its actors, and what
        a sports or accident context asks of them."""
        entry = m.entry
        actors = [c for c in (r.source, r.target) if c is not None]
        targeted = r.target is not None and (r.target.speaks or entry.plover in ("ASSAULT", "COERCE"))
        agent = entry.agent is not None and r.source is not None and r.source.role in AGENT_ROLES[entry.agent]
        if entry.needs_target and not targeted and not agent:
            return False  # قاطع، مقاطعة كوباني: a boycott needs someone boycotted; ضبطت الشرطة حدثا: the police arrest
        if self.sports and not any(_political(c) and c.etype != "GEN" and not self._is_title(c.i) for c in actors):
            return False  # المنتخب السعودي ونظيره العراقي: a title in a match is no government
        if actors and PLOVER_QUADS[entry.plover].startswith("verbal") and not any(c.speaks for c in actors):
            return False  # استقبلت شواطئ منطقة تبوك: a place does not talk
        if entry.cameo == "042" and r.source is not None and r.target is not None and r.target.etype == "LOC" and (
                r.target.actor.country is not None and r.target.actor.country == r.source.actor.country):
            return False  # زيارته لمحاكم مكة المكرمة: an official's tour of his own country is no consultation
        if entry.political and not (r.source is not None and _political(r.source)):
            return False  # يهدد تحول المشكلة: only an actor threatens
        if entry.owned and m.form.tense == "noun" and not r.owned:
            return False  # التهديد الذي تتعرض له: whose threat, the noun must say
        held = entry.plover in ("CONSULT", "AGREE") and m.form.tense == "noun" and m.h > 0 and (
            "occurred" in self.cues[m.h - 1])  # وجرى خلال اللقاء، تم الاتفاق: it took place
        if entry.anchored and m.form.tense == "noun" and not r.anchored and not held:
            return False  # الاتفاق النووي سيحسن العلاقات: a topic, not an agreement told
        if self.accident and entry.plover in ("ASSAULT", "CRIME", "COERCE"):  # احتجزت السيول المركبات
            if entry.plover == "COERCE" and (r.source.role in AGENT_ROLES["security"] if r.source is not None
                                             else not actors and entry.strength >= 0.9):
                return True  # ضبطت الجهات الأمنية ... في الحادثة، تم اعتقال خمسة بعد الكارثة: the police act after it
            return entry.strength >= 0.9 and any(c.role in AGENT_ROLES["armed"] for c in actors)
        if not actors:  # a noun needs strength or a place; a verb, a subject it carries (ورفضوا، وأشاد ـ)
            if m.form.tense != "noun":  # فجر نفسه، أطلق النار: a multiword act tells itself
                return entry.strength >= 0.8 and (self._subject_in_verb(m) or (
                    entry.companions != () and entry.plover in ACTORLESS))
            return held or self._subject_of_verb(m) or entry.plover in ACTORLESS and (entry.strength >= 0.9 or (
                entry.strength >= 0.8 and location is not None))  # وجرى خلال اللقاء: it took place
        return entry.strength >= 0.6 or r.by_slot

    def _subject_of_verb(self, m: Match) -> bool:
        """Whether an event noun is the subject of a verb of its category right after it (وكان الهجوم استهدف
        منشأتين): the act is told, not only named."""
        return any(o.h in (m.e + 1, m.e + 2) and o.form.tense != "noun" and o.entry.plover == m.entry.plover
                   and self.clause[o.h] == self.clause[m.h] for o in self.matches)

    def _subject_in_verb(self, m: Match) -> bool:
        """Whether a verb with no actor near it carries its subject: a plural or dual ending, a quoted name after it
        (أدانت «القائمة العربية»), or no noun after it that could be a subject nobody knows (انتقد صاحب المغسلة)."""
        if self.toks[m.h].norm.endswith(("وا", "ون", "ان")):
            return True
        k = m.e + 1
        return k >= len(self.toks) or self.toks[k].text in BOUNDARY or self.toks[k].text in "-–ـ«\"“" or (
            "prep" in self.cues[k] or "count" in self.cues[k] or k in self.time_tokens or self.toks[k].text.isdigit())

    def _habitual(self, m: Match) -> bool:
        """منذ سنوات، يوميا، دائما in the trigger's clause: what keeps happening, not one event."""
        clause = self.clause[m.h]
        for k in self.kinds.get("habitual", ()):
            if self.clause[k] == clause:
                if self.cues[k]["habitual"] not in SPANS or (k and self.toks[k - 1].norm in ("منذ", "لسنوات")):
                    return True
        return False

    def _trigger_span(self, m: Match) -> Span:
        head = self.toks[m.h]
        start = head.start + _prefix_chars(head.text, m.prefix)
        end = self.toks[m.e].end if m.e - m.h <= 2 else head.end
        return self.doc.span(start, end)

    def _negated(self, m: Match) -> bool:
        clause = self.clause[m.h]
        for k in range(m.h - 1, max(m.h - 4, -1), -1):
            if self.clause[k] != clause:
                break
            cues = self.cues[k]
            if k + 1 < len(self.toks) and self.toks[k + 1].norm in ("سيما", "سيم"):
                continue  # لا سيما بعد مظاهرات: "especially"
            if "negnoun" in cues and k == m.h - 1:
                return True
            if "neg" in cues and (cues["neg"] != normalize("ما") or (k == m.h - 1 and m.form.tense == "past")):
                return True
        return any("deny" in self.cues[k] for k in range(max(0, m.h - 8), m.h))

    def _planned(self, m: Match, date: str | None) -> bool:
        if m.form.tense == "fut" or any("future" in self.cues[k] for k in range(max(0, m.h - 2), m.h)):
            return True
        if any(f.tense == "fut" for k in range(max(0, m.h - 2), m.h) for _p, f in self.lex.word(self.toks[k].norm)[0]):
            return True  # ستطلق هجوما: the light verb before the noun is future
        if any("plan" in self.cues[k] for k in range(max(0, m.h - 5), m.h)):
            return True
        if any("plan" in self.cues[k] for k in range(m.e + 1, min(len(self.toks), m.e + 4))):
            return True
        published = self.info.published
        return bool(date and published and len(date) == 10 and date[:4].isdigit() and date > published)

    def _reported(self, m: Match) -> bool:
        if any(self.cues[k].get("verb") == "report" for k in range(m.h)):
            return True
        return any(self.cues[k]["report"] in ("بحسب", "حسب", "وفقا", "طبقا") for k in self.kinds.get("report", ()))

    def _times(self) -> list[tuple[int, TimeExpr]]:
        toks = self.toks
        out = []
        for t in self.times:
            if t.type not in ("DATE", "TIME") or not (toks[0].start <= t.start < toks[-1].end):
                continue
            k, _ = self._token_range(t.start, t.end)
            if k is None or any("not_date" in self.cues[n] for n in range(max(0, k - 2), k + 1)):
                continue
            out.append((k, t))
        return out

    def _clauses_of(self, h: int) -> set[int]:
        """The trigger's clause, and the relative clause that describes it (التفجير الذي استهدف ... في عسير), unless
        another trigger stands between them, which the relative clause describes."""
        own = self.clause[h]
        nxt = next((k for k in range(h + 1, len(self.toks)) if self.clause[k] != own), None)
        if nxt is not None and self.toks[nxt].norm in RELATIVES and not any(  # not مباحثاته ... التي أجراها
                k in self.trigger_tokens and k not in self._tokens_of(h) for k in range(h + 1, nxt)):
            return {own, self.clause[nxt]}
        return {own}

    def _tokens_of(self, h: int) -> tuple[int, ...]:
        return next((m.tokens for m in self.matches if m.h == h), (h,))

    def _date(self, m: Match) -> str | None:
        """The time governing the trigger's clause (TIMEX value as given): the nearest in its clause or the relative
        clause describing it, else the nearest before it in a clause that tells no other act (أعلنت الوزارة أمس أن
        ...). A time in a later clause or in another act's clauses dates that act (استهل اجتماع ... بإطلاعهم على
        مباحثاته في لشبونة التي أجراها في نوفمبر: November is the Lisbon talks', not the meeting's)."""
        times = self._times()
        if not times:
            return None
        clauses = self._clauses_of(m.h)
        own = [(abs(k - m.h), t) for k, t in times if self.clause[k] in clauses]
        if own:
            return min(own, key=lambda x: x[0])[1].value
        before = [(m.h - k, t) for k, t in times if k < m.h]
        if before:
            others = {c for o in self.matches if o.h != m.h for c in self._clauses_of(o.h)}
            before = [(d, t) for d, t in before if self.clause[m.h - d] not in others]
        return min(before, key=lambda x: x[0])[1].value if before else None

    def _location(self, m: Match) -> dict | None:
        """في + a place near the trigger (a city before a country), else a place named earlier."""
        places = [c for c in self.cands if self._is_location(c)]
        if not places:
            return None
        clauses = self._clauses_of(m.h)
        near = [c for c in places if self.clause[c.i] in clauses and -6 <= c.i - m.h <= 10]
        if near:
            cities = [c for c in near if c.place]
            chosen = min(cities or near, key=lambda c: (c.i < m.h, abs(c.i - m.h)))
        else:
            earlier = [c for c in places if c.i < m.h]
            if not earlier:
                return None
            chosen = earlier[-1]
        entity = self.info.entity_of.get(chosen.actor.entity or "")
        return {"entity": chosen.actor.entity, "name_en": entity.name_en if entity else None,
                "country": chosen.actor.country}

    def _quantity(self, m: Match) -> dict | None:
        toks = self.toks
        best: tuple[int, Quantity] | None = None
        for q in self.info.quantities.get(self.index, []):
            if q.kind in ("ordinal", "percent") or not (toks[0].start <= q.start < toks[-1].end):
                continue
            k, _ = self._token_range(q.start, q.end)
            if k is None or self.clause[k] != self.clause[m.h] or not (m.h - 3 <= k <= m.e + 8):
                continue
            distance = k - m.e if k > m.e else (m.h - k) * 2
            if best is None or distance < best[0]:
                best = (distance, q)
        if best is None:
            return None
        q = best[1]
        out: dict = {"value": q.value, "unit": q.unit, "text": q.text}
        equipment = self._equipment(q.end)
        if equipment:
            out["equipment"] = equipment
        return out

    def _equipment(self, after: int) -> str | None:
        """A named system after the number: a MISC entity or a «quoted» name."""
        end = self.toks[-1].end
        for mention in self.mentions:
            entity = self.info.entity_of.get(mention.entity_id or "")
            if entity is not None and entity.type == "MISC" and after <= mention.start < end:
                return mention.text
        text = self.doc.text
        open_at = text.find("«", after, end)
        close_at = text.find("»", open_at + 1, end) if open_at >= 0 else -1
        return text[open_at + 1 : close_at].strip() if close_at > open_at >= 0 else None


def _prefix_chars(text: str, prefix: str) -> int:
    """How many characters of `text` its normalized proclitic `prefix` spans."""
    if not prefix:
        return 0
    want = len(prefix) - prefix.count("لال")  # لل is ل + ال written with one alef less (للمطالبة)
    seen = 0
    for n, ch in enumerate(text):
        if normalize(ch):
            seen += 1
            if seen == want:
                return n + 1
    return 0


def _same_happening(event: Event, told: list[Event]) -> Event | None:
    """An earlier event of the sentence this one retells: the same category, and no actor against it
    (مقتل 11 عسكريا في كمين، قتلوا في معارك عدن، المتظاهرين ... المظاهرة). The earlier event takes this
    one's trigger as evidence and the actors it lacked."""
    for kept in reversed(told):
        if kept.plover != event.plover:
            continue
        pairs = ((kept.source, event.source), (kept.target, event.target))
        if any(a is not None and b is not None and _actor_key(a) != _actor_key(b) for a, b in pairs):
            continue
        places = {(e.location or {}).get("country") for e in (kept, event)}
        if len(places) == 2 and None not in places:
            continue  # اجتماع في موسكو ... مباحثاته في لشبونة: another country, another happening
        kept.evidence.append(event.trigger)
        kept.source = kept.source or event.source
        kept.target = kept.target or event.target
        return kept
    return None


def _clitic_prep(norm: str) -> str | None:
    """The preposition attached to a word (بمقاتلي → ب, لصحيفة → ل), or None."""
    head = norm[1:] if norm[:1] in "وف" else norm
    return head[0] if head[:1] in ("ب", "ل") and len(head) > 3 else None


def _home(role: str | None) -> str | None:
    """The home country for a state organ nothing else gives a country (see HOME_COUNTRY)."""
    return HOME_COUNTRY if role in HOME_ROLES else None


def _definite(norm: str) -> bool:
    """Whether a word carries the article (الغارات، بالغارات)."""
    return any(p.endswith("ال") for p, _s in clitic_splits(norm))


def _role_of(code: str | None, country: str | None) -> str | None:
    if not code:
        return None
    rest = code[len(country) :] if country and code.startswith(country) else code
    return rest[:3] or None


def _can_act(c: Cand, agent: str) -> bool:
    """Whether a candidate can be the agent of an arrest (security) or an attack (armed)."""
    if c.etype in ("ORG",) or (c.etype == "LOC" and not c.place):
        return True
    return c.role in AGENT_ROLES[agent]


def _actor(c: Cand | None) -> Actor | None:
    return c.actor if c is not None else None


def _political(c: Cand) -> bool:
    if c.etype == "LOC" and not c.place:
        return True
    code = c.actor.code or ""
    return any(role in code for role in POLITICAL_ROLES)


def merge_events(events: list[Event], stated_dates: dict[int, Event] | None = None,
                 apart: set[frozenset[int]] | None = None) -> list[Event]:
    """One event per happening: same category, same actors (either order when symmetric), compatible dates.

    The most confident telling is kept; the others' triggers become its evidence. A date the text
    states wins over one taken from the publication date (events in `stated_dates` have stated dates).
    Pairs in `apart` (id() pairs) are two acts the sentence that tells them keeps apart.
    """
    stated = stated_dates if stated_dates is not None else {}
    apart = apart or set()
    out: list[Event] = []
    for event in sorted(events, key=lambda e: -e.confidence):
        for kept in out:
            if _same(kept, event, stated, apart):
                kept.evidence.append(event.trigger)
                kept.evidence.extend(event.evidence)
                kept.location = kept.location or event.location
                kept.quantity = kept.quantity or event.quantity
                if id(event) in stated and id(kept) not in stated:
                    kept.date = event.date
                    stated[id(kept)] = kept
                break
        else:
            out.append(event)
    return sorted(out, key=lambda e: (e.sentence, e.trigger.start))


def _same(a: Event, b: Event, stated: dict[int, Event], apart: set[frozenset[int]]) -> bool:
    if a.plover != b.plover or a.negated != b.negated or frozenset((id(a), id(b))) in apart:
        return False
    ka = (_actor_key(a.source), _actor_key(a.target))
    kb = (_actor_key(b.source), _actor_key(b.target))
    if ka == (None, None):  # no actors: one happening only when told twice in one sentence
        return kb == ka and a.sentence == b.sentence
    if ka != kb and not (a.plover in SYMMETRIC and ka == kb[::-1]) and not _same_countries(a, b):
        return False
    if id(a) not in stated or id(b) not in stated or a.date is None or b.date is None:
        return True
    return a.date.startswith(b.date) or b.date.startswith(a.date)


def _same_countries(a: Event, b: Event) -> bool:
    """The same sides at country level (a headline's `Moscow` and the body's `Lavrov`), told close together.

    Only for tellings in neighbouring sentences or in the headline (sentence 0). For a symmetric
    category one telling may name only one side: its side must be among the other's. A side with no
    country (an international body) is itself (the CSTO and the NATO-Russia Council are two sides).
    """
    if abs(a.sentence - b.sentence) > 1 and min(a.sentence, b.sentence) != 0:
        return False
    ca = (_country(a.source), _country(a.target))
    cb = (_country(b.source), _country(b.target))
    if a.plover not in SYMMETRIC:
        return None not in ca and ca == cb
    sa = {_country(x) or _actor_key(x) for x in (a.source, a.target) if x is not None}
    sb = {_country(x) or _actor_key(x) for x in (b.source, b.target) if x is not None}
    return bool(sa and sb) and (sa <= sb or sb <= sa)


def _country(actor: Actor | None) -> str | None:
    """The actor's country, or the first three letters of its code when they name one (not IGO, COP...)."""
    if actor is None:
        return None
    head = (actor.code or "")[:3]
    return actor.country or (head if head and head not in SECTOR_CODES else None)


def _actor_key(actor: Actor | None) -> str | None:
    return (actor.entity or actor.code or actor.country) if actor else None
