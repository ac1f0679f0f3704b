"""The `link` stage: every mention resolved to an entity, known or new.

In order:
1. names the knowledge base matched pick one candidate, by type, by the role
   valid at the publication date, and by prior (countries before cities);
2. names found by the model or by cues are looked up exactly (with clitics
   stripped), then fuzzily for transliteration variants;
3. in-document coreference: a surname alone joins the person named in full
   earlier (ميدفيديف → ديمتري ميدفيديف);
4. what is left becomes a new entity with a stable local id, an English name
   by transliteration, and the country and role its context gives;
5. nominal mentions join their referent: `الرئيس الروسي`, `نظيره الكازاخستاني`,
   `العاصمة الروسية`, `وزارة الدفاع الروسية`.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from functools import cache

from rasd.document import Document, Entity, Mention, Token
from rasd.kb import KBEntry, KnowledgeBase, Role, alias_key, load_kb, resolve_institution
from rasd.ner.rules import TITLES
from rasd.text import clitic_splits, normalize, strip_article
from rasd.text.translit import transliterate

FUZZY_MIN_SCORE = 90.0
_MINISTRY = normalize("وزارة")
_CAPITAL = normalize("العاصمة")
# Office words (normalized, article stripped) before a demonym, and the KB role titles they name.
# A counterpart (نظيره) is whoever of that country the article has named, else its head of state.
_HEAD_OF_STATE = ("president", "king", "emir", "head_of_state", "acting_president", "prime_minister")
_OFFICES: dict[tuple[str, ...], tuple[str, ...]] = {
    tuple(normalize(w) for w in k.split()): v
    for k, v in {
        "رئيس": _HEAD_OF_STATE, "رئيسان": _HEAD_OF_STATE, "رئيسين": _HEAD_OF_STATE,
        "ملك": ("king", "head_of_state"), "أمير": ("emir", "head_of_state"),
        "رئيس الوزراء": ("prime_minister", "premier"), "رئيس الحكومة": ("prime_minister", "premier"),
        "وزير الخارجية": ("foreign_minister",), "وزير الدفاع": ("defence_minister",),
        "وزير الداخلية": ("interior_minister",), "ولي العهد": ("crown_prince",),
        "نظير": _HEAD_OF_STATE, "نظيره": _HEAD_OF_STATE, "نظيرها": _HEAD_OF_STATE, "نظيرته": _HEAD_OF_STATE,
    }.items()
}
_LONGEST_OFFICE = max(len(k) for k in _OFFICES)


def link_entities(doc: Document) -> None:
    """Fill `doc.entities` from `doc.mentions`, adding nominal and institution mentions."""
    Linker(doc, load_kb()).run()


class Linker:
    def __init__(self, doc: Document, kb: KnowledgeBase) -> None:
        self.doc = doc
        self.kb = kb
        self.on: date | None = doc.published
        self.entities: dict[str, Entity] = {}

    def run(self) -> None:
        doc = self.doc
        for m in doc.mentions:
            entry = self._choose(m) if m.candidates else self._lookup(m)
            if entry is not None:
                self._attach(m, self._entity_for(entry))
        unknown = [m for m in doc.mentions if m.entity_id is None]
        _agree_on_types(unknown)
        for m in unknown:
            self._attach(m, self._coreferent(m) or self._new_entity(m))
        self._nominal_mentions()
        self._institutions()
        doc.entities = sorted(self.entities.values(), key=lambda e: min(m.start for m in e.mentions))
        doc.mentions.sort(key=lambda m: m.start)

    # -- choosing among the knowledge base's candidates ---------------------------------

    def _choose(self, m: Mention) -> KBEntry | None:
        entries = [e for e in (self.kb.get(c) for c in m.candidates) if e is not None]
        if not entries:
            return None
        before = self._word_before(m.start)
        prefer_city = before in {normalize("مدينة"), normalize("بمدينة"), normalize("العاصمة")}

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
            return (s, -rank)

        return max(enumerate(entries), key=score)[1]

    def _role_at(self, e: KBEntry) -> Role | None:
        """The role a person held at the publication date (with no date: the most senior one)."""
        if self.on is None:
            return e.roles[0] if e.roles else None
        return next((r for r in e.roles if r.valid_on(self.on)), None)

    def _lookup(self, m: Mention) -> KBEntry | None:
        words = alias_key(m.text).split(" ")
        if not words or not words[0]:
            return None
        for _prefix, stem in clitic_splits(words[0]):
            entries = [e for e in self.kb.lookup(" ".join([stem, *words[1:]])) if e.type == m.type]
            if entries:
                m.candidates = tuple(e.id for e in entries)
                return self._choose(m)
        if len(m.text) >= 5:
            for entry, score in self.kb.fuzzy(alias_key(m.text), type=m.type, limit=1):
                if score >= FUZZY_MIN_SCORE:
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

    # -- coreference and new entities ---------------------------------------------------

    def _coreferent(self, m: Mention) -> Entity | None:
        """A person named in full elsewhere in the article whose name ends (or starts) with this one."""
        if m.type != "PER":
            return None
        words = alias_key(m.text).split(" ")
        best = None
        for entity in self.entities.values():
            if entity.type != "PER":
                continue
            for other in entity.mentions:
                other_words = alias_key(other.text).split(" ")
                if other_words != words and _is_subsequence(words, other_words):
                    best = entity
                    break
        return best

    def _new_entity(self, m: Mention) -> Entity:
        key = alias_key(m.text)
        entity_id = f"rasd:{m.type.lower()}:{key.replace(' ', '_')}"
        entity = self.entities.get(entity_id)
        if entity is None:
            if m.type == "PER" and m.role is None:
                m.role = self._role_around(m)
            country = m.country or self._context_country(m, guess=m.role is not None)
            entity = Entity(
                id=entity_id,
                type=m.type,
                name_ar=m.text,
                name_en=transliterate(m.text),
                subtype=m.role,
                country=country,
                code=_role_code(country, m.role) if m.type == "PER" else None,
            )
            self.entities[entity_id] = entity
        return entity

    def _role_around(self, m: Mention) -> str | None:
        """A title just before a person's name (الوزير X) or a role just after it (X المتحدثة باسم)."""
        doc = self.doc
        sent = doc.sentences[doc.sentence_index(m.start)]
        tokens = doc.tokens[sent.token_start : sent.token_end]
        after = [t for t in tokens if t.start >= m.end][:1]
        before = [t for t in tokens if t.end <= m.start][-1:]
        for tok in after + before:
            role = TITLES.get(strip_article(tok.norm))
            if role:
                return role
        return None

    def _context_country(self, m: Mention, guess: bool = True) -> str | None:
        """The country the words around a mention point to.

        A demonym right after it (`وزارة الدفاع الروسية`) or, for a person, right
        before it (`اللاعب الغاني مونتاري`). With `guess` (a person whose role the
        context gives, a ministry), else the first country named after it in its
        sentence, else before it, else the article's most named country.
        """
        doc = self.doc
        sent = doc.sentences[doc.sentence_index(m.start)]
        tokens = doc.tokens[sent.token_start : sent.token_end]
        after = [t for t in tokens if t.start >= m.end][:1]
        before = [t for t in tokens if t.end <= m.start][-1:] if m.type == "PER" else []
        for tok in after + before:
            iso = self.kb.demonym(strip_article(tok.norm))
            if iso:
                return iso
        if not guess:
            return None
        in_sentence = [
            (e, x)
            for e in self.entities.values()
            if e.type == "LOC" and e.country
            for x in e.mentions
            if sent.start <= x.start < sent.end
        ]
        later = sorted((x.start, e.country) for e, x in in_sentence if x.start >= m.end)
        earlier = sorted((-x.start, e.country) for e, x in in_sentence if x.end <= m.start)
        if later:
            return later[0][1]
        if earlier:
            return earlier[0][1]
        return self._main_country()

    def _main_country(self) -> str | None:
        counts = Counter(
            e.country for e in self.entities.values() if e.type == "LOC" and e.country for _ in e.mentions
        )
        return counts.most_common(1)[0][0] if counts else None

    # -- nominal mentions ----------------------------------------------------------------

    def _nominal_mentions(self) -> None:
        """`الرئيس الروسي`, `نظيره الكازاخستاني`, `العاصمة الروسية` join the entity they name."""
        doc = self.doc
        taken = {i for m in doc.mentions for i in range(m.start, m.end)}
        for sent in doc.sentences:
            toks = doc.tokens[sent.token_start : sent.token_end]
            i = 0
            while i < len(toks) - 1:
                found = None if toks[i].start in taken else self._nominal_at(toks, i)
                if found is None:
                    i += 1
                    continue
                n, mtype, entity = found
                start, end = _trim_proclitics(toks[i]), toks[i + n - 1].end
                m = Mention(start, end, doc.text[start:end], mtype, source="nominal")
                doc.mentions.append(m)
                self._attach(m, entity)
                taken.update(range(start, end))
                i += n

    def _nominal_at(self, toks: list[Token], i: int) -> tuple[int, str, Entity] | None:
        """(tokens, type, entity) for an office or capital named by a title and a demonym at token i."""
        for size in range(min(_LONGEST_OFFICE, len(toks) - i - 1), 0, -1):
            words = (strip_article(toks[i].norm), *(t.norm for t in toks[i + 1 : i + size]))
            iso = self.kb.demonym(strip_article(toks[i + size].norm))
            if not iso:
                continue
            if size == 1 and words[0] == strip_article(_CAPITAL):
                entity = self._capital_of(iso)
                return (2, "LOC", entity) if entity else None
            titles = _OFFICES.get(words)
            if titles:
                entity = self._person_of(iso, toks[i].start) if words[0].startswith("نظير") else None
                entity = entity or self._office_holder(iso, titles) or self._person_of(iso, toks[i].start)
                return (size + 1, "PER", entity) if entity else None
        return None

    def _office_holder(self, iso: str, titles: tuple[str, ...]) -> Entity | None:
        """Who held the first of `titles` in that country at the publication date (None if unknown or no date)."""
        if self.on is None:
            return None
        holders = _office_index(self.kb)
        for title in titles:
            for entry in holders.get((iso, title), ()):
                if any(r.title == title and r.country == iso and r.valid_on(self.on) for r in entry.roles):
                    return self._entity_for(entry)
        return None

    def _capital_of(self, iso: str) -> Entity | None:
        country = self.kb.country(iso)
        capital = self.kb.get(country.capital) if country and country.capital else None
        return self._entity_for(capital) if capital else None

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

    def _institutions(self) -> None:
        """`وزارة الدفاع [الروسية]`: a ministry of the country its context names."""
        doc = self.doc
        taken = {i for m in doc.mentions for i in range(m.start, m.end)}
        for sent in doc.sentences:
            toks = doc.tokens[sent.token_start : sent.token_end]
            for i in range(len(toks) - 1):
                head = toks[i]
                if head.start in taken or not any(stem == _MINISTRY for _p, stem in clitic_splits(head.norm)):
                    continue
                field = toks[i + 1]
                if field.start in taken:
                    continue
                end_tok = field
                iso = None
                if i + 2 < len(toks):
                    iso = self.kb.demonym(strip_article(toks[i + 2].norm))
                    if iso:
                        end_tok = toks[i + 2]
                start = _trim_proclitics(head)
                probe = Mention(start, end_tok.end, doc.text[start : end_tok.end], "ORG")
                iso = iso or self._context_country(probe)
                entry = resolve_institution(field.norm, iso)
                if entry is None:
                    continue
                doc.mentions.append(probe)
                self._attach(probe, self._entity_for(entry))
                taken.update(range(probe.start, probe.end))

    def _word_before(self, offset: int) -> str | None:
        doc = self.doc
        sent = doc.sentences[doc.sentence_index(offset)]
        prev = [t for t in doc.tokens[sent.token_start : sent.token_end] if t.end <= offset]
        return prev[-1].norm if prev else None


@cache
def _office_index(kb: KnowledgeBase) -> dict[tuple[str, str], list[KBEntry]]:
    """(country, role title) → people who ever held it, for naming office-holders by date."""
    index: dict[tuple[str, str], list[KBEntry]] = {}
    for entry in kb.entries():
        for role in entry.roles:
            if role.country:
                index.setdefault((role.country, role.title), []).append(entry)
    return index


def _trim_proclitics(tok: Token) -> int:
    """Start offset of a word after its conjunction/preposition (والرئيس → الرئيس)."""
    for prefix, stem in clitic_splits(tok.norm):
        if stem.startswith("ال") and prefix and not prefix.endswith("ال"):
            return tok.start + len(prefix)
    return tok.start


def _is_subsequence(short: list[str], long: list[str]) -> bool:
    """`short` is the last words of `long` (a surname), or its first word alone (a given name)."""
    if len(short) >= len(long):
        return False
    return long[-len(short) :] == short or short == long[:1]


_TYPE_PRIORITY = {"PER": 3, "ORG": 2, "LOC": 1, "MISC": 0}


def _agree_on_types(mentions: list[Mention]) -> None:
    """The same unknown name gets one type in one article: the most frequent (persons win ties)."""
    votes: dict[str, Counter[str]] = {}
    for m in mentions:
        votes.setdefault(alias_key(m.text), Counter())[m.type] += 1
    for m in mentions:
        counts = votes[alias_key(m.text)]
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
