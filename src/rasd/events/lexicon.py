"""The event lexicons, compiled once into dicts keyed by normalized word forms.

The data files (`data/*.tsv`, described in `DATA_CARD.md`) list lemmas as a
person writes them; this module generates the inflected forms Arabic news uses
(past and present, gender and number, future سـ, object and possessive
pronouns, accusative alef, dual and plural) so that matching a token is a dict
lookup over its `clitic_splits` readings, never a regex over the lexicon.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from itertools import compress
from operator import not_

from rasd.events.ontology import PLOVER_QUADS
from rasd.text import clitic_splits, normalize

BOUNDARY = frozenset("،,؛;:.!?؟")  # punctuation that ends a clause
_OBJECT_SUFFIXES = ("ه", "ها", "هما", "هم", "هن")
_POSSESSIVES = ("ه", "ها", "هما", "هم", "هن", "نا")
_SOURCES = ("triggers.tsv", "upetrarch_triggers.tsv")
_BARE_CUES = frozenset({"neg", "prep", "future", "negnoun", "not_date", "generic", "not_trigger", "verb_intro",
                        "count", "purpose", "clause"})


@dataclass(frozen=True, slots=True)
class TriggerEntry:
    """One lexicon line: a (multi)word trigger and how to code it."""

    phrase: str
    pos: str  # V or N (of the head word)
    plover: str
    cameo: str
    mode: str | None
    slots: tuple[str, ...]  # normalized: "obj", "gen" or a preposition
    strength: float
    companions: tuple[frozenset[str], ...] = ()
    gap: int = 0
    sym: bool = False
    no_article: bool = False
    needs_target: bool = False
    agent: str | None = None
    not_next: frozenset[str] = frozenset()
    not_prev: frozenset[str] = frozenset()
    state_alt: tuple[str, str] | None = None
    verbal_alt: tuple[str, str] | None = None
    gen_target: bool = False
    context: frozenset[str] = frozenset()
    adjective: bool = False
    names_source: bool = False
    no_b_next: bool = False
    victim: bool = False
    political: bool = False
    owned: bool = False
    anchored: bool = False
    source: str = "rasd"

    @property
    def quad(self) -> str:
        return PLOVER_QUADS[self.plover]


@dataclass(frozen=True, slots=True)
class Form:
    """A surface form of a lexicon head: what the token says besides its lemma."""

    item: object  # TriggerEntry, Cue or ActorPhrase
    tense: str = "noun"  # past, pres, fut, noun
    passive: bool = False
    suffix: str = ""  # attached object/possessive pronoun
    bare: bool = False  # a bare 3ms past that is also a common noun (طالب، فجر): a verb only where a verb can stand


@dataclass(frozen=True, slots=True)
class Cue:
    kind: str
    word: str  # the normalized lemma, e.g. the preposition itself


@dataclass(frozen=True, slots=True)
class ActorPhrase:
    """A generic actor (قوات الأمن، متظاهرون) or a title (الرئيس، نظيره)."""

    phrase: str
    role: str
    country: str | None
    kind: str  # group or title
    companions: tuple[frozenset[str], ...] = ()


# (trigger readings, cue kinds, may start a generic actor or is a demonym, demonym's country, is a title)
WordFacts = tuple[tuple[tuple[str, Form], ...], dict[str, str], bool, str | None, bool]
_UNKNOWN: WordFacts = ((), {}, False, None, False)  # shared by every word no table knows; do not modify
_MEMO_SIZE = 200_000
# the proclitic sequences `clitic_splits` strips: conjunction, preposition, article (and لل: ل + ال)
_PROCLITICS = frozenset(c + p + a for c in ("", "و", "ف") for p in ("", "ب", "ل", "ك") for a in ("", "ال")) | {
    "لل", "ولل", "فلل"}


@dataclass(slots=True)
class Lexicon:
    triggers: dict[str, list[Form]] = field(default_factory=dict)
    cues: dict[str, list[Form]] = field(default_factory=dict)
    actors: dict[str, list[Form]] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)
    peoples: frozenset[str] = frozenset()  # broken-plural demonyms (الأتراك، الروس): a people, an actor by itself
    _memos: dict[int, dict[str, tuple[tuple[str, Form], ...]]] = field(default_factory=dict)
    _cue_memo: dict[str, dict[str, str]] = field(default_factory=dict)
    _word_memo: dict[str, WordFacts] = field(default_factory=dict)
    _stems: frozenset[str] = frozenset()  # every key of every table: a word none of whose stems is here is unknown

    def lookup(self, table: dict[str, list[Form]], norm: str) -> tuple[tuple[str, Form], ...]:
        """(proclitics, form) for every reading of the token `norm` found in `table`, memoized."""
        memo = self._memos.get(id(table))
        if memo is None:
            memo = self._memos[id(table)] = {}
        hit = memo.get(norm)
        if hit is None:
            hit = tuple((prefix, form) for prefix, stem in clitic_splits(norm) for form in table.get(stem, ()))
            if len(memo) > 200_000:  # bounded: news vocabulary repeats, the tail does not
                memo.clear()
            memo[norm] = hit
        return hit

    def words(self, norms: Iterable[str]) -> list[WordFacts]:
        """`word` for each of `norms` (a document's tokens): the memo is read in one C-level pass, and only the words
        not yet seen are looked up."""
        norms = list(norms)
        memo = self._word_memo
        out = list(map(memo.get, norms))
        missing = set(compress(norms, map(not_, out)))  # (facts are never empty: only a miss is falsy)
        if not missing:
            return out
        if len(memo) + len(missing) > _MEMO_SIZE:  # bounded: news vocabulary repeats, the tail does not
            memo.clear()
            missing = set(norms)
        for norm in missing:
            memo[norm] = self._new_word(norm)
        return list(map(memo.__getitem__, norms))

    def word(self, norm: str) -> WordFacts:
        """(trigger readings whose proclitics suit them, cue kinds, may start a generic actor or is a demonym, the
        demonym's country, is a title) of a token: what a sentence asks of every word, in one memoized lookup.
        Kinds include `pause` (punctuation) and `likeness` (ك + a trigger word)."""
        hit = self._word_memo.get(norm)
        if hit is None:
            if len(self._word_memo) >= _MEMO_SIZE:
                self._word_memo.clear()
            hit = self._word_memo[norm] = self._new_word(norm)
        return hit

    def _new_word(self, norm: str) -> WordFacts:
        """Most words are in no table; they are told by their possible stems (the word's last letters) before any
        clitic reading is made, since a new word costs the coder more than all its memoized ones."""
        return self._facts(norm) if norm in BOUNDARY or self._may_know(norm) else _UNKNOWN

    def _may_know(self, norm: str) -> bool:
        """Whether a stem `clitic_splits` could give (the word less a proclitic sequence: و/ف, ب/ل/ك, ال; or ل + ال
        written لل) is a key of some table."""
        stems = self._stems
        if norm in stems:
            return True
        for k in range(1, min(5, len(norm) - 1)):  # a stem keeps two letters
            if norm[:k] in _PROCLITICS and norm[k:] in stems:
                return True
        at = norm.find("لل", 0, 3)
        return at >= 0 and (at == 0 or norm[0] in "وف") and "ا" + norm[at + 1 :] in stems

    def _facts(self, norm: str) -> WordFacts:
        cues = self.cue_kinds(norm)
        readings = () if "not_trigger" in cues else self.lookup(self.triggers, norm)
        hits = tuple((prefix, form) for prefix, form in readings if _prefix_fits(prefix, form))
        actors = self.lookup(self.actors, norm)
        iso = next((self.demonyms[stem] for _p, stem in clitic_splits(norm) if stem in self.demonyms), None)
        if norm in BOUNDARY:
            cues = {**cues, "pause": norm}
        elif norm[:1] == "ك" and any("ك" in p for p, _f in readings):
            cues = {**cues, "likeness": norm}  # كتفريق: "such as" a trigger word
        title = any(f.item.kind == "title" for _p, f in actors)  # type: ignore[attr-defined]
        return hits, cues, bool(actors) or iso is not None, iso, title

    def cue_kinds(self, norm: str) -> dict[str, str]:
        """kind -> cue word for a token (`verb` -> kind when the cue is a verb); shared, do not modify."""
        hit = self._cue_memo.get(norm)
        if hit is None:
            hit = {}
            for prefix, form in self.lookup(self.cues, norm):
                cue: Cue = form.item  # type: ignore[assignment]
                if cue.kind in _BARE_CUES and prefix not in ("", "و", "ف"):
                    continue  # a particle or preposition takes only a conjunction
                hit.setdefault(cue.kind, cue.word)
                if form.tense != "noun":
                    hit.setdefault("verb", cue.kind)
            if len(self._cue_memo) > 200_000:
                self._cue_memo.clear()
            self._cue_memo[norm] = hit
        return hit


def _prefix_fits(prefix: str, form: Form) -> bool:
    """Whether a trigger reading's proclitics suit its form: verbs take و ف ل, never the article or ب/ك; nouns
    never ك (كتفريق المظاهرات: "such as", no event), nor the article when the entry forbids it."""
    if form.tense != "noun":
        return not prefix.endswith("ال") and not any(c in prefix for c in "بك")
    return "ك" not in prefix and not (form.item.no_article and prefix.endswith("ال"))  # type: ignore[attr-defined]


# -- inflection --------------------------------------------------------------------------


def verb_forms(
    past: str, present: str, passive: str = "", transitive: bool = True
) -> Iterator[tuple[str, str, bool, str]]:
    """(form, tense, passive, suffix) for a verb given its 3ms past and present as written.

    Object pronouns are generated only for a transitive verb: سيطره is the noun سيطرة, not "controlled him".
    """
    if past:
        yield from _past_forms(past, transitive)
    if present:
        for form, suffix in _present_forms(present):
            if transitive or not suffix:
                yield form, "pres", False, suffix
                yield "س" + form, "fut", False, suffix
    if passive:
        q = normalize(passive)
        for form in (q, q + "ت", q + "وا", q + "ا"):
            yield form, "past", True, ""


def _past_forms(past: str, transitive: bool) -> Iterator[tuple[str, str, bool, str]]:
    p = normalize(past)
    last = past[-1]
    if last == "ى":  # التقى: التقت، التقيا، التقوا، التقاه
        stem = p[:-1]
        plain = [stem + "ت", stem + "يا", stem + "تا", stem + "وا", stem + "ينا"]
        with_object = [(stem + "ا" + s, s) for s in _OBJECT_SUFFIXES] + [(stem + "ت" + s, s) for s in _OBJECT_SUFFIXES]
    elif last == "ا":  # دعا: دعت، دعوا
        stem = p[:-1]
        plain = [stem + "ت", stem + "وا", stem + "تا", stem + "ونا"]
        with_object = [(p + s, s) for s in _OBJECT_SUFFIXES] + [(stem + "ت" + s, s) for s in _OBJECT_SUFFIXES]
    else:
        plain = [p + "ت", p + "ا", p + "تا", p + "وا", p + "نا"]
        with_object = [(p + s, s) for s in _OBJECT_SUFFIXES] + [(p + "ت" + s, s) for s in _OBJECT_SUFFIXES]
        with_object += [(p + "و" + s, s) for s in _OBJECT_SUFFIXES]
    yield p, "past", False, ""
    for form in plain:
        yield form, "past", False, ""
    for form, suffix in with_object if transitive else ():
        yield form, "past", False, suffix


def _present_forms(present: str) -> Iterator[tuple[str, str]]:
    i = normalize(present)
    stem = i[1:] if i[:1] in "يت" else i
    last = present[-1]
    if last in "يى":  # يلتقي: يلتقيان، يلتقون
        short = stem[:-1]
        tails = [stem, stem + "ان", short + "ون", short + "وا", short]
    elif last == "و":  # يدعو: يدعوان، يدعون
        short = stem[:-1]
        tails = [stem, stem + "ان", short + "ون", short + "وا"]
    else:
        tails = [stem, stem + "ان", stem + "ون", stem + "وا", stem + "ا"]
    for prefix in ("ي", "ت", "ن"):
        for tail in tails:
            if len(tail) >= 2:
                yield prefix + tail, ""
        for s in _OBJECT_SUFFIXES:
            yield prefix + stem + s, s  # يهاجمه
            yield prefix + tails[2] + s, s  # يهاجمونه


def noun_forms(word: str, nobase: bool = False) -> Iterator[tuple[str, str]]:
    """(form, possessive suffix) for a noun or adjective as written (singular or plural)."""
    n = normalize(word)
    if not nobase:
        yield n, ""
    if word.endswith("ة"):  # زيارة: زيارته، زيارتان، زيارات
        t = n[:-1] + "ت"
        for s in (*_POSSESSIVES, "ي"):
            yield t + s, s
        yield t + "ان", ""
        yield t + "ين", ""
        yield t + "ا", ""
        yield n[:-1] + "ات", ""
        return
    if not n.endswith(("ا", "ء")):
        yield n + "ا", ""
    for s in _POSSESSIVES:
        yield n + s, s
    if not word.endswith("ات"):
        yield n + "ان", ""
        yield n + "ين", ""
        yield n + "ون", ""
    if n.endswith("اء"):  # لقاء: لقائهما
        for s in _POSSESSIVES:
            yield n[:-1] + "ئ" + s, s


def word_set(spec: str) -> frozenset[str]:
    """All normalized forms of a companion word spec (forms separated by `/`)."""
    return frozenset(form for w in spec.split("/") for form, _ in noun_forms(w))


# -- loading -----------------------------------------------------------------------------


def _rows(name: str) -> Iterator[list[str]]:
    text = resources.files("rasd.events").joinpath("data", name).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            yield line.split("\t")


def _flags(raw: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for flag in filter(None, (f.strip() for f in raw.split(","))):
        key, _, value = flag.partition("=")
        out[key] = value
    return out


def _alt(raw: str | None) -> tuple[str, str] | None:
    """`PLOVER:CAMEO` of a flag, or None."""
    return tuple(raw.split(":", 1)) if raw else None  # type: ignore[return-value]


def _words(raw: str) -> frozenset[str]:
    return frozenset(normalize(w) for w in raw.split("|") if w)


def _entry(row: list[str], source: str) -> tuple[TriggerEntry, str, bool]:
    phrase, pos, plover, cameo, mode, slots, strength, *rest = row + [""] * (8 - len(row))
    flags = _flags(rest[0] if rest else "")
    words = phrase.split()
    entry = TriggerEntry(
        phrase=phrase,
        pos=pos,
        plover=plover,
        cameo=cameo,
        mode=mode or None,
        slots=tuple(normalize(s) for s in slots.split(",") if s),
        strength=float(strength),
        companions=tuple(word_set(w) for w in words[1:]),
        gap=int(flags.get("gap", "0")),
        sym="sym" in flags,
        no_article="no_article" in flags,
        needs_target="needs_target" in flags,
        agent=flags.get("agent") or None,
        not_next=_words(flags.get("not_next", "")),
        not_prev=_words(flags.get("not_prev", "")),
        state_alt=_alt(flags.get("state")),
        verbal_alt=_alt(flags.get("verbal")),
        gen_target="gen_tgt" in flags or (pos == "N" and slots.split(",")[0] == "gen"),
        context=_words(flags.get("ctx", "")),
        adjective="adj" in flags,
        names_source="self" in flags,
        no_b_next="no_b_next" in flags,
        victim="victim" in flags,
        political="pol" in flags,
        owned="owned" in flags,
        anchored="anchored" in flags,
        source=source,
    )
    return entry, words[0], "nobase" in flags


def _head_forms(
    head: str, pos: str, nobase: bool = False, transitive: bool = True
) -> Iterable[tuple[str, str, bool, str]]:
    if pos == "V":
        past, present, *passive = head.split("|") + [""]
        return verb_forms(past, present, passive[0], transitive)
    if pos == "W":
        return [(normalize(w), "noun", False, "") for w in head.split("/")]
    return ((f, "noun", False, s) for w in head.split("/") for f, s in noun_forms(w, nobase))


def _add(table: dict[str, list[Form]], key: str, form: Form) -> None:
    forms = table.setdefault(key, [])
    if form not in forms:
        forms.append(form)


@cache
def load_lexicon() -> Lexicon:
    """The compiled lexicons (built once, on first use)."""
    lex = Lexicon()
    for name in _SOURCES:
        source = "upetrarch" if name.startswith("upetrarch") else "rasd"
        for row in _rows(name):
            entry, head, nobase = _entry(row, source)
            base = normalize(head.split("|")[0]) if nobase and entry.pos == "V" else None
            transitive = "obj" in entry.slots or entry.agent is not None
            for form, tense, passive, suffix in _head_forms(head, entry.pos, nobase and entry.pos == "N", transitive):
                bare = base is not None and form in (base, base + "ا") and tense == "past"  # فجر، فجرا: also dawn
                _add(lex.triggers, form, Form(entry, tense, passive, suffix, bare))
    for phrase, pos, kind in _rows("cues.tsv"):
        for head in phrase.split("/") if pos == "W" else [phrase]:
            cue = Cue(kind, normalize(head.split("|")[0].split("/")[0]))
            for form, tense, passive, suffix in _head_forms(head, pos):
                _add(lex.cues, form, Form(cue, tense, passive, suffix))
    for phrase, role, country, kind in _rows("actors.tsv"):
        words = phrase.split()
        actor = ActorPhrase(phrase, role, country or None, kind, tuple(word_set(w) for w in words[1:]))
        for w in words[0].split("/"):
            for form, suffix in noun_forms(w):
                _add(lex.actors, form, Form(actor, suffix=suffix))
    peoples = set()
    for demonym, iso in _rows("demonyms.tsv"):
        n = normalize(demonym)
        if not n.endswith("ي"):  # a broken plural (أتراك) has no other forms
            lex.demonyms[n] = iso
            peoples.add(n)
            continue
        for form in (n, n + "ه", n + "ون", n + "ين", n + "ان", n + "تان", n + "تين", n + "ا"):
            lex.demonyms[form] = iso
    lex.peoples = frozenset(peoples)
    lex._stems = frozenset().union(lex.triggers, lex.cues, lex.actors, lex.demonyms)
    return lex
