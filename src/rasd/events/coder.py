"""The `events` stage: political events coded in PLOVER/CAMEO, directly from Arabic.

For each sentence, in one pass over its tokens:

1. triggers: every token is looked up (through its clitic readings) in the compiled
   lexicon; multiword triggers (فرض عقوبات، أطلق النار) win over their parts, and a
   token is never coded twice;
2. actors: linked entity mentions and generic actors (قوات الأمن العراقية، متظاهرون)
   become candidates, each with the preposition that governs it; coordinated names
   (ميدفيديف ونظيره الكازاخستاني نزاربايف، بين روسيا وبيلاروسيا) form groups;
3. roles: for a verb, the subject is the free candidate right after it (VSO) or the
   nearest before it in its clause (SVO), the target sits in the trigger's slots
   (direct object, مع، على، إلى...); for a verbal noun, a possessive pronoun
   (لقائهما), the genitive (إمداد كازاخستان), بين X و Y, then the clause's subject;
4. modality, date, location and quantity from the words around the trigger (see
   `DATA_CARD.md` for the rules), a confidence score, and a precision gate;
5. events that tell the same thing twice are merged, keeping every trigger as evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rasd.document import Actor, Document, Entity, Event, Mention, Quantity, Span, TimeExpr, Token
from rasd.events.lexicon import ActorPhrase, Form, Lexicon, TriggerEntry, load_lexicon
from rasd.events.ontology import PLOVER_QUADS, SYMMETRIC, mode_of
from rasd.text import clitic_splits, normalize, strip_article

BOUNDARY = frozenset("،,؛;:.!?؟")
GLUE = frozenset({"و", "،", ",", "-", "–", "كل", "من"})
COMPLEMENTIZERS = frozenset(normalize(w) for w in ("أن", "إن", "أنه", "إنه", "أنها", "إنها", "أنهم", "بأن", "لأن"))
RELATIVES = frozenset(normalize(w) for w in ("الذي", "التي", "الذين", "اللذين", "اللتين", "اللذان", "اللتان"))
MATERIAL_CONFLICT = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "PROTEST", "CRIME", "SANCTION"})
SPORTS_BLOCKED = MATERIAL_CONFLICT | {"THREATEN", "DISAPPROVE", "REJECT"}
QUANTITY_CATEGORIES = MATERIAL_CONFLICT | {"AID", "RETREAT", "COOPERATE"}
POLITICAL_ROLES = ("GOV", "MIL", "COP", "REB", "UAF", "OPP", "JUD", "LEG", "SPY", "IGO", "NGO")
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


@dataclass(slots=True)
class _DocInfo:
    """What the coder needs from the whole document, computed once."""

    lex: Lexicon
    entity_of: dict[str, Entity]
    main_country: str | None
    published: str | None
    stated_dates: set[int] = field(default_factory=set)  # id() of events whose date the text states
    mentions: dict[int, list[Mention]] = field(default_factory=dict)  # by sentence
    times: dict[int, list[TimeExpr]] = field(default_factory=dict)
    quantities: dict[int, list[Quantity]] = field(default_factory=dict)

    def index(self, doc: Document) -> None:
        """Mentions, times and quantities by sentence, so that each sentence reads only its own."""
        for items, into in ((doc.mentions, self.mentions), (doc.times, self.times), (doc.quantities, self.quantities)):
            for item in items:
                into.setdefault(doc.sentence_index(item.start), []).append(item)


def code_events(doc: Document) -> None:
    """Append the events each sentence reports to `doc.events` (merging repeats)."""
    lex = load_lexicon()
    info = _DocInfo(lex, {e.id: e for e in doc.entities}, _main_country(doc),
                    doc.published.isoformat() if doc.published else None)
    info.index(doc)
    events: list[Event] = []
    for index, sent in enumerate(doc.sentences):
        toks = doc.tokens[sent.token_start : sent.token_end]
        matches = find_triggers(toks, lex)
        if matches:
            events.extend(_SentenceCoder(doc, index, toks, info).code(matches))
    doc.events.extend(merge_events(events, info.stated_dates))


def find_triggers(toks: list[Token], lex: Lexicon) -> list[Match]:
    """The triggers of a sentence, left to right, longest first, each token used once."""
    used: set[int] = set()
    out: list[Match] = []
    memo = lex._trigger_memo
    for i, tok in enumerate(toks):
        hits = memo.get(tok.norm)
        if hits is None:
            hits = lex.trigger_hits(tok.norm)
        if not hits or i in used:
            continue
        best: tuple[tuple, Match] | None = None
        for prefix, form in hits:
            entry: TriggerEntry = form.item  # type: ignore[assignment]
            if not _prefix_fits(prefix, form, entry):
                continue
            tokens = _companions(toks, i, entry, lex)
            if tokens is None or _blocked(toks, i, tokens[-1], entry):
                continue
            if form.tense == "past" and "ل" in prefix:  # لبحث، للقاء: the verbal noun, not the verb
                form = Form(entry, "noun", False, form.suffix)
            score = (len(entry.companions), entry.source == "rasd", entry.strength, -len(prefix))
            if best is None or score > best[0]:
                best = (score, Match(i, tokens[-1], entry, form, prefix, tokens))
        if best:
            match = best[1]
            out.append(match)
            used.update(match.tokens)
    return out


def _prefix_fits(prefix: str, form: Form, entry: TriggerEntry) -> bool:
    article = prefix.endswith("ال")
    if form.tense != "noun":  # verbs take و ف ل, never the article or ب/ك
        return not article and not any(c in prefix for c in "بك")
    return not (entry.no_article and article)


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
    """A word the entry says must not follow it (within its clause, up to 6 words) or precede it."""
    for tok in toks[e + 1 : e + 7] if entry.not_next else ():
        if tok.text in BOUNDARY:
            break
        if any(stem in entry.not_next for _p, stem in clitic_splits(tok.norm)):
            return True
    return bool(entry.not_prev and i > 0 and toks[i - 1].norm in entry.not_prev)


def _main_country(doc: Document) -> str | None:
    """The country the article is most about: the most mentioned country or place's country."""
    counts: dict[str, int] = {}
    for e in doc.entities:
        if e.type == "LOC" and e.country:
            counts[e.country] = counts.get(e.country, 0) + len(e.mentions)
    return max(counts, key=lambda c: counts[c]) if counts else None


class _SentenceCoder:
    def __init__(self, doc: Document, index: int, toks: list[Token], info: _DocInfo) -> None:
        self.doc, self.index, self.toks, self.info, self.lex = doc, index, toks, info, info.lex
        self.mentions = info.mentions.get(index, [])
        self.times = info.times.get(index, [])
        self.time_tokens = {k for k, t in enumerate(toks) for x in self.times if x.start <= t.start < x.end}
        self.cues: list[dict[str, str]] = [info.lex.cue_kinds(t.norm) for t in toks]
        self.clause = self._clauses()
        self.absorbed: set[int] = set()
        self.cands = self._candidates()
        self._group()
        kinds = {k for c in self.cues for k in c}
        self.sports, self.accident = "sports" in kinds, "accident" in kinds
        self.trigger_tokens: set[int] = set()
        self.matches: list[Match] = []

    # -- token annotations ---------------------------------------------------------------

    def _clauses(self) -> list[int]:
        """A clause id per token: a new clause at punctuation, أن/إن, relatives and reporting verbs."""
        ids, current = [], 0
        for k, tok in enumerate(self.toks):
            starts = tok.norm in COMPLEMENTIZERS or tok.norm in RELATIVES or self.cues[k].get("verb") == "report"
            if starts and k:
                current += 1
            ids.append(current)
            if tok.text in BOUNDARY:
                current += 1
        return ids

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
            actor = Actor(m.text, m.start, m.end, entity.id, code, entity.country)
            cand = Cand(i, j, actor, entity.type, _role_of(code, entity.country), place)
            cand.prep = self._prep(cand, self._mention_prefix(toks[i], m.start, entity))
            cands.append(cand)
            covered.update(range(i, j + 1))
        cands.extend(self._generic_candidates(covered, cands))
        cands.sort(key=lambda c: c.i)
        return cands

    def _token_range(self, start: int, end: int) -> tuple[int | None, int]:
        i = j = None
        for k, tok in enumerate(self.toks):
            if tok.end > start and tok.start < end:
                if i is None:
                    i = k
                j = k
        return i, j if j is not None else -1

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
            if not self._is_title(k) and self.lex.demonym(self.toks[k].norm) is None and self.toks[k].text != "-":
                return None
            k -= 1
        return None

    def _is_title(self, k: int) -> bool:
        return any(f.item.kind == "title" for _p, f in self.lex.lookup(self.lex.actors, self.toks[k].norm))

    def _generic_candidates(self, covered: set[int], named: list[Cand]) -> list[Cand]:
        """Generic actors and titles with a demonym (الرئيسين الروسي والبيلاروسي → RUSGOV, BLRGOV)."""
        toks, lex = self.toks, self.lex
        out: list[Cand] = []
        named_at = {c.i: c for c in named}
        k = 0
        while k < len(toks):
            if k in covered or not lex.names_actor(toks[k].norm):
                k += 1
                continue
            hit = self._actor_phrase(k)
            if hit is None:
                k += self._orphan_demonym(k, covered, out)
                continue
            phrase, prefix, end = hit
            demonyms = self._demonyms_after(end, covered)
            country = demonyms[0][1] if demonyms else phrase.country
            last = demonyms[0][0] if demonyms else end
            nxt = named_at.get(last + 1)
            if nxt is None and last + 2 < len(toks) and not lex.lookup(lex.triggers, toks[last + 1].norm):
                nxt = named_at.get(last + 2)
            if phrase.kind == "title" and nxt is not None and (nxt.etype in ("ORG", "LOC") or nxt.i == last + 1):
                if not self._has_prep_between(last, nxt.i):
                    self.absorbed.update(range(k, last + 1))  # الرئيس ميدفيديف، وزيري دفاع روسيا: the name acts
                    k = last + 1
                    continue
            if nxt is not None and nxt.i == last + 1 and nxt.etype in ("ORG", "LOC") and nxt.actor.country:
                country = country or nxt.actor.country  # شرطة دبي
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
        return out

    def _actor_phrase(self, k: int) -> tuple[ActorPhrase, str, int] | None:
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
                    best = (phrase, prefix, end)
        return best

    def _demonyms_after(self, end: int, covered: set[int]) -> list[tuple[int, str]]:
        """Demonyms right after a phrase, coordinated ones too: (token index, ISO3)."""
        out: list[tuple[int, str]] = []
        k = end + 1
        while k < len(self.toks) and k not in covered and len(out) < 4:
            iso = self.lex.demonym(self.toks[k].norm)
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
        iso = self.lex.demonym(tok.norm)
        if iso and tok.norm.endswith(("ين", "ون")) and (k == 0 or self.lex.demonym(self.toks[k - 1].norm) is None):
            prev = self.toks[k - 1].norm if k else ""
            if k == 0 or not any(f.item.kind for _p, f in self.lex.lookup(self.lex.actors, prev)):
                actor = Actor(tok.text, tok.start, tok.end, None, iso + "CVL", iso)  # العراقيين: Iraqis
                out.append(Cand(k, k, actor, "GEN", "CVL", False))
                return 1
        if not tok.norm.startswith("و") or k == 0:
            return 1
        if iso is None or self.lex.demonym(self.toks[k - 1].norm) is None:
            return 1
        actor = Actor(tok.text[1:], tok.start + 1, tok.end, None, iso + "GOV", iso)
        out.append(Cand(k, k, actor, "GEN", "GOV", False))
        return 1

    def _has_prep_between(self, a: int, b: int) -> bool:
        return any("prep" in self.cues[k] or self.toks[k].text in BOUNDARY for k in range(a + 1, b + 1))

    def _generic(self, i: int, j: int, phrase: ActorPhrase, country: str | None, prefix: str) -> Cand:
        country = country or self._context_country(i)
        start = self.toks[i].start + _prefix_chars(self.toks[i].text, prefix)
        end = self.toks[j].end
        actor = Actor(self.doc.text[start:end], start, end, None, (country or "") + phrase.role, country)
        cand = Cand(i, j, actor, "GEN", phrase.role, False)
        cand.prep = self._prep(cand, prefix)
        return cand

    def _context_country(self, k: int) -> str | None:
        """The country of the nearest place or country named in the sentence, else the article's."""
        toks = self.toks
        best = None
        for m in self.mentions:
            if m.entity_id is None or not (toks[0].start <= m.start < toks[-1].end):
                continue
            entity = self.info.entity_of.get(m.entity_id)
            if entity is None or entity.type != "LOC" or not entity.country:
                continue
            distance = abs(m.start - toks[k].start)
            if best is None or distance < best[0]:
                best = (distance, entity.country)
        return best[1] if best else self.info.main_country

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
        """The subject of a verb in VSO order: the first free actor, past adverbs, times and PPs only."""
        k = m.h + 1
        starts = {c.i: c for c in self.cands}
        while k < len(self.toks) and k <= m.h + 7 and self.clause[k] == self.clause[m.h]:
            c = starts.get(k)
            if c is not None:
                if self._free(c):
                    return c
                k = c.j + 1
                continue
            if not self._skippable(k):
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
        before = [c for c in self.cands if c.j < h and self.clause[c.i] == clause and self._free(c)]
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
        for c in self.cands:
            if c.i <= m.h or c.i > m.e + 12 or c.group in exclude or self._is_location(c):
                continue
            if self.clause[c.i] != self.clause[m.h] and slot != "بين":
                continue
            if (slot == "obj" and c.prep is None) or c.prep == slot:
                return c
            if c.prep is None and slot != "obj" and c.i >= 2 and self.cues[c.i - 2].get("prep") == slot:
                return c
        return None

    def _genitive(self, m: Match) -> Cand | None:
        """The actor a verbal noun governs: right after it, or after at most two title-like words."""
        for c in self.cands:
            if c.i <= m.e:
                continue
            between = range(m.e + 1, c.i)
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
        if form.tense != "noun" and form.passive:
            r.target = self._subject_after(m)
            r.source = next((c for c in self.cands if c.i > m.h and c.prep in ("قبل", "يد")), None)
        elif form.tense != "noun":
            r.source = self._subject_before(m.h, antecedent=False)  # وكان تنظيم داعش هدد تركيا: SVO
            if r.source is None:
                r.source = self._subject_after(m)
                if r.source and entry.agent and not _can_act(r.source, entry.agent):
                    r.target, r.source = r.source, None
            if r.source is None:
                r.source = self._subject_before(m.h)  # موسكو التي امتنعت
        else:
            if form.suffix:
                r.source = self._antecedent(m.h, form.suffix in ("هما", "هم"))
            gen = self._genitive(m)
            if gen is not None:
                if entry.gen_target or r.source is not None or (gen.place and entry.plover in MATERIAL_CONFLICT):
                    r.target = r.target or gen
                else:
                    r.source = gen
        r.by_slot = r.source is not None or r.target is not None
        for c in (r.source, r.target):
            if c is not None:
                taken.add(c.group)
        if r.target is None:
            for slot in entry.slots:
                found = self._in_slot(m, slot, taken)
                if found is not None:
                    r.by_slot = True
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
        return self._complete(r, entry)

    def _governed(self, m: Match) -> bool:
        """Whether a verbal noun is the object of an earlier trigger verb of another category (أدانت ... التفجير)."""
        return any(o.h < m.h and o.form.tense != "noun" and o.entry.plover != m.entry.plover
                   and self.clause[o.h] == self.clause[m.h] for o in self.matches)

    def _participants(self, h: int) -> Cand | None:
        """The sentence's first free group before the trigger: who a nominal event is about."""
        return next((self.members(c)[0] for c in self.cands if c.j < h and self._free(c)), None)

    def _complete(self, r: Roles, entry: TriggerEntry) -> Roles:
        """Pairs for symmetric events; a source that is not the target; no self-targeting."""
        if r.source is not None:
            group = self.members(r.source)
            if r.target is None and (entry.sym or entry.plover in SYMMETRIC) and len(group) >= 2:
                r.source, r.target = group[0], group[1]
            elif r.target is not None and len(group) >= 2 and r.source.actor.country == r.target.actor.country:
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
        events: list[Event] = []
        previous: Roles | None = None
        by_end: dict[int, Event] = {}
        for m in matches:
            roles = self.roles(m)
            if roles.source is None and previous is not None and self.toks[m.h].norm[:1] in "وف":
                roles.source = previous.source  # وهاجمت، والتقى: the subject of the verb before
            head = self._described_event(m, by_end)
            if head is not None:  # التفجير الإرهابي الذي استهدف مسجدا: one attack
                head.evidence.append(self._trigger_span(m))
                if head.target is None and roles.target is not None:
                    head.target = roles.target.actor
                continue
            event = self._event(m, roles, matches)
            if event is not None:
                events.append(event)
                by_end[m.e] = event
                previous = roles
        return events

    def _described_event(self, m: Match, by_end: dict[int, Event]) -> Event | None:
        """The event noun a relative clause's verb describes, when they are of the same category."""
        if m.form.tense == "noun" or m.h < 2:
            return None
        rel = next((k for k in range(m.h - 1, max(m.h - 3, 0), -1) if self.toks[k].norm in RELATIVES), None)
        if rel is None:
            return None
        for k in range(rel - 1, max(rel - 4, -1), -1):
            event = by_end.get(k)
            if event is not None:
                return event if event.plover == m.entry.plover else None
        return None

    def _event(self, m: Match, r: Roles, matches: list[Match]) -> Event | None:
        entry = m.entry
        location = self._location(m)
        if not self._passes(m, r, location):
            return None
        plover, cameo, mode = entry.plover, entry.cameo, entry.mode
        if entry.state_alt and r.source is not None and r.source.role in ("GOV", None) and r.source.etype != "GEN":
            plover, cameo = entry.state_alt
            mode = None
        negated = self._negated(m, matches)
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
            self.info.stated_dates.add(id(event))
        return event

    def _passes(self, m: Match, r: Roles, location: dict | None) -> bool:
        """The precision gate: an event needs actors (or a strong trigger and a place)."""
        entry = m.entry
        actors = [c for c in (r.source, r.target) if c is not None]
        if entry.needs_target and r.target is None:
            return False
        if not actors:
            return entry.strength >= 0.8 and location is not None and entry.plover in MATERIAL_CONFLICT
        if entry.strength < 0.6 and not r.by_slot:
            return False
        if self.sports and not any(_political(c) and (c.etype != "GEN" or entry.plover not in SPORTS_BLOCKED)
                                   for c in actors):
            return False
        if any("generic" in self.cues[k] for k in range(max(0, m.h - 3), m.h)):
            return False  # أي احتجاجات، لتجنب اندلاع: no particular event
        if self.accident and entry.plover in ("ASSAULT", "CRIME"):
            return entry.strength >= 0.9 and any(c.role in AGENT_ROLES["armed"] for c in actors)
        return True

    def _trigger_span(self, m: Match) -> Span:
        head = self.toks[m.h]
        start = head.start + _prefix_chars(head.text, m.prefix)
        end = self.toks[m.e].end if m.e - m.h <= 2 else head.end
        return self.doc.span(start, end)

    def _negated(self, m: Match, matches: list[Match]) -> bool:
        clause = self.clause[m.h]
        for k in range(m.h - 1, max(m.h - 4, -1), -1):
            if self.clause[k] != clause:
                break
            cues = self.cues[k]
            if "negnoun" in cues and k == m.h - 1:
                return True
            if "neg" in cues and (cues["neg"] != normalize("ما") or (k == m.h - 1 and m.form.tense == "past")):
                return True
        if any("deny" in self.cues[k] for k in range(max(0, m.h - 8), m.h)):
            return True
        return any(o.entry.plover == "REJECT" and o.h < m.h <= o.e + 3 and m.entry.plover != "REJECT" for o in matches)

    def _planned(self, m: Match, date: str | None) -> bool:
        if m.form.tense == "fut" or any("future" in self.cues[k] for k in range(max(0, m.h - 2), m.h)):
            return True
        if any("plan" in self.cues[k] for k in range(max(0, m.h - 5), m.h)):
            return True
        if any("plan" in self.cues[k] for k in range(m.e + 1, min(len(self.toks), m.e + 4))):
            return True
        published = self.info.published
        return bool(date and published and len(date) == 10 and date[:4].isdigit() and date > published)

    def _reported(self, m: Match) -> bool:
        if any(self.cues[k].get("verb") == "report" for k in range(m.h)):
            return True
        return any(self.cues[k].get("report") in ("بحسب", "حسب", "وفقا", "طبقا") for k in range(len(self.toks)))

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
        """The trigger's clause, and the relative clause that describes it (التفجير الذي استهدف ... في عسير)."""
        own = self.clause[h]
        nxt = next((k for k in range(h + 1, len(self.toks)) if self.clause[k] != own), None)
        if nxt is not None and self.toks[nxt].norm in RELATIVES:
            return {own, self.clause[nxt]}
        return {own}

    def _date(self, m: Match) -> str | None:
        """The nearest time in the trigger's clause, else in its sentence (TIMEX value as given)."""
        times = self._times()
        if not times:
            return None
        clauses = self._clauses_of(m.h)
        same = [(abs(k - m.h), t) for k, t in times if self.clause[k] in clauses]
        pool = same or [(abs(k - m.h), t) for k, t in times]
        return min(pool, key=lambda x: x[0])[1].value

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
    seen = 0
    for n, ch in enumerate(text):
        if normalize(ch):
            seen += 1
            if seen == len(prefix):
                return n + 1
    return 0


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


def _political(c: Cand) -> bool:
    if c.etype == "LOC" and not c.place:
        return True
    code = c.actor.code or ""
    return any(role in code for role in POLITICAL_ROLES)


def merge_events(events: list[Event], stated_dates: set[int] | None = None) -> list[Event]:
    """One event per happening: same category, same actors (either order when symmetric), compatible dates.

    The most confident telling is kept; the others' triggers become its evidence. A date the text
    states wins over one taken from the publication date (events in `stated_dates` have stated dates).
    """
    stated = stated_dates or set()
    out: list[Event] = []
    for event in sorted(events, key=lambda e: -e.confidence):
        for kept in out:
            if _same(kept, event, stated):
                kept.evidence.append(event.trigger)
                kept.evidence.extend(event.evidence)
                kept.location = kept.location or event.location
                kept.quantity = kept.quantity or event.quantity
                if id(event) in stated and id(kept) not in stated:
                    kept.date = event.date
                    stated.add(id(kept))
                break
        else:
            out.append(event)
    return sorted(out, key=lambda e: (e.sentence, e.trigger.start))


def _same(a: Event, b: Event, stated: set[int]) -> bool:
    if a.plover != b.plover or a.negated != b.negated:
        return False
    ka = (_actor_key(a.source), _actor_key(a.target))
    kb = (_actor_key(b.source), _actor_key(b.target))
    if ka == (None, None):
        return False
    if ka != kb and not (a.plover in SYMMETRIC and ka == kb[::-1]) and not _same_countries(a, b):
        return False
    if id(a) not in stated or id(b) not in stated or a.date is None or b.date is None:
        return True
    return a.date.startswith(b.date) or b.date.startswith(a.date)


def _same_countries(a: Event, b: Event) -> bool:
    """The same sides at country level (a headline's `Moscow` and the body's `Lavrov`), told close together.

    Only for tellings in neighbouring sentences or in the headline (sentence 0). For a symmetric
    category one telling may name only one side: its side must be among the other's.
    """
    if abs(a.sentence - b.sentence) > 1 and min(a.sentence, b.sentence) != 0:
        return False
    ca = (_country(a.source), _country(a.target))
    cb = (_country(b.source), _country(b.target))
    if a.plover not in SYMMETRIC:
        return None not in ca and ca == cb
    sa, sb = {c for c in ca if c}, {c for c in cb if c}
    return bool(sa and sb) and (sa <= sb or sb <= sa)


def _country(actor: Actor | None) -> str | None:
    return (actor.country or (actor.code or "")[:3] or None) if actor else None


def _actor_key(actor: Actor | None) -> str | None:
    return (actor.entity or actor.code or actor.country) if actor else None
