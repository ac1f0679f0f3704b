"""Names the knowledge base knows, found by longest match over tokens.

The first token of a name may carry proclitics (وبروسيا, لمجلس); they are
stripped through `rasd.text.clitic_splits` and left out of the mention, while
the article stays in it (الكرملين, not كرملين), as annotators mark names. A
person's name never loses an article (المبارك is not مبارك), nor does a
demonym (السورية is "Syrian", not سورية).

Names nested inside a longer organization name (روسيا and الناتو in مجلس
روسيا - الناتو) are returned apart. One-word names that annotated corpora mark
as names less than half the time (مالي, إطار), and one-word names of minor
places only GeoNames lists (أرى is also Erie), are left to the statistical
model, whose span the linker then resolves.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files

from rasd.document import Document, Mention, Token
from rasd.kb import KnowledgeBase, load_kb
from rasd.text import clitic_splits

_MIN_SINGLE_TOKEN_LEN = 3
_GENERATED_PLACE = "rasd:loc:gn"  # ids of the thousands of minor places taken from GeoNames
_CONTAINER_TYPES = {"ORG"}
_NESTED_TYPES = {"LOC", "ORG"}
_CACHE_SIZE = 100_000  # words whose readings are remembered


@cache
def ambiguous_names() -> frozenset[str]:
    """One-word alias keys that are more often ordinary words (scripts/build_ambiguous_names.py)."""
    text = files("rasd.ner").joinpath("data/ambiguous_names.txt").read_text(encoding="utf-8")
    return frozenset(line for line in text.splitlines() if line and not line.startswith("#"))


@dataclass(slots=True)
class KnownNames:
    """Knowledge-base matches, split by how far they can be trusted on their own."""

    confident: list[Mention] = field(default_factory=list)
    nested: list[Mention] = field(default_factory=list)


class _AliasIndex:
    """The word prefixes of every alias key (the keys included), and per word the readings that start one.

    A name is sought only as far as its words stay a prefix of some alias.
    Readings are cached per normalized word: most words start no alias.
    """

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.prefixes = set(kb.alias_keys())
        for key in list(self.prefixes):
            while (cut := key.rfind(" ")) > 0:
                key = key[:cut]
                self.prefixes.add(key)
        self.known_starts: dict[str, tuple[tuple[str, str], ...]] = {}  # norm → `starts(norm)`
        self.known_single: dict[str, tuple | None] = {}  # norm → `single(norm)`

    def starts(self, norm: str) -> tuple[tuple[str, str], ...]:
        """The (proclitics, stem) readings of a word whose stem begins an alias; a demonym never loses ال."""
        found = self.known_starts.get(norm)
        if found is None:
            if len(self.known_starts) >= _CACHE_SIZE:
                self.known_starts.clear()
            found = self.known_starts[norm] = tuple(
                (prefix, stem)
                for prefix, stem in clitic_splits(norm)
                if stem in self.prefixes and not (prefix.endswith("ال") and self.kb.demonym(stem))
            ) if self._may_start(norm) else ()
        return found

    def _may_start(self, norm: str) -> bool:
        """A quick test before reading the word's clitics: every reading's stem is an ending of the word
        (at most five proclitic letters off), or `ا` + one (للرئيس → الرئيس)."""
        prefixes = self.prefixes
        return (norm in prefixes or any(norm[k:] in prefixes for k in range(1, min(6, len(norm) - 1)))
                or "لل" in norm[:3] and ("ا" + norm[1:] in prefixes or "ا" + norm[2:] in prefixes))


    def entries(self, prefix: str, key: str) -> tuple[int, str, list] | None:
        """(proclitic letters to skip, key, entries) for the alias `key` read after `prefix`, if listed.
        The article stays in the mention (ال belongs to the name); a person's name never loses it."""
        entries = self.kb.lookup(key)
        if prefix.endswith("ال"):
            entries = [e for e in entries if e.type != "PER"]
            return (len(prefix) - 2, key, entries) if entries else None
        return (len(prefix), key, entries) if entries else None

    def single(self, norm: str) -> tuple | None:
        """The one-word name a word is (its first reading that is an alias), cached per word."""
        found = self.known_single.get(norm, False)
        if found is False:
            if len(self.known_single) >= _CACHE_SIZE:
                self.known_single.clear()
            found = next(((1, *hit) for prefix, stem in self.starts(norm) if len(stem) >= _MIN_SINGLE_TOKEN_LEN
                          and (hit := self.entries(prefix, stem))), None)
            self.known_single[norm] = found
        return found


@cache
def _alias_index(kb: KnowledgeBase) -> _AliasIndex:
    return _AliasIndex(kb)


def find_known_names(doc: Document, kb: KnowledgeBase | None = None) -> KnownNames:
    """Mentions of every knowledge-base name in the document, longest match first."""
    kb = kb or load_kb()
    index = _alias_index(kb)
    ambiguous = ambiguous_names()
    found = KnownNames()
    known, starts = index.known_starts, index.starts
    tokens = doc.tokens
    ends = iter([s.token_end for s in doc.sentences])
    end = i = 0  # the end of the sentence of token k; the first token not matched yet
    for k in [k for k, t in enumerate(tokens) if (s := known.get(t.norm)) or s is None and starts(t.norm)]:
        while k >= end:
            end = next(ends, len(tokens))
        if k >= i:
            match = _match_at(tokens, k, end, index)
            if match is None:
                continue
            n, key, mention = _mention(doc, tokens, k, match)
            if n > 1 or not _needs_model(key, mention, ambiguous):
                found.confident.append(mention)
            if n > 1 and mention.type in _CONTAINER_TYPES:
                inner = _nested(doc, tokens[k : k + n], index, ambiguous)
                found.nested.extend(m for m in inner if not set(m.candidates) & set(mention.candidates))
            i = k + n
    return found


def _needs_model(key: str, mention: Mention, ambiguous: frozenset[str]) -> bool:
    """A one-word name that is usually an ordinary word, or only a minor GeoNames place (أرى → Erie)."""
    return key in ambiguous or all(c.startswith(_GENERATED_PLACE) for c in mention.candidates)


def _mention(doc: Document, tokens: list[Token], i: int, match: tuple[int, int, str, list]) -> tuple[int, str, Mention]:
    n, skip, key, entries = match
    start = skip_letters(tokens[i], skip)
    end = tokens[i + n - 1].end
    mention = Mention(start, end, doc.text[start:end], entries[0].type, source="kb",
                      candidates=tuple(e.id for e in entries))
    return n, key, mention


def _nested(doc: Document, tokens: list[Token], index: _AliasIndex, ambiguous: frozenset[str]) -> list[Mention]:
    """Places and organizations named inside a longer organization name."""
    out = []
    j = 0
    while j < len(tokens):
        match = _match_at(tokens, j, len(tokens) if j else len(tokens) - 1, index)  # not the whole name
        if match is None:
            j += 1
            continue
        n, key, mention = _mention(doc, tokens, j, match)
        if mention.type in _NESTED_TYPES and key not in ambiguous:
            mention.source = "kb-nested"
            out.append(mention)
        j += n
    return out


def _match_at(tokens: list[Token], i: int, end: int, index: _AliasIndex) -> tuple | None:
    """(tokens matched, proclitic letters to skip, alias key, entries) for the longest alias at token i,
    within tokens[:end]; names of one word are the word's own (cached) match."""
    best: tuple | None = None
    following = tokens[i + 1].norm if i + 1 < end else None
    for prefix, stem in index.starts(tokens[i].norm) if following is not None else ():
        if stem + " " + following not in index.prefixes:
            continue
        keys = [stem]  # keys[k]: the first k + 1 words, while they begin some alias
        j = i + 1
        while j < end and (key := keys[-1] + " " + tokens[j].norm) in index.prefixes:
            keys.append(key)
            j += 1
        for n in range(len(keys), best[0] if best else 1, -1):
            if found := index.entries(prefix, keys[n - 1]):
                best = (n, *found)
                break
    return best or index.single(tokens[i].norm)


def skip_letters(token: Token, letters: int) -> int:
    """Offset in the text after `letters` normalized letters of the token (diacritics skipped)."""
    if letters <= 0:
        return token.start
    seen = 0
    for i, ch in enumerate(token.text):
        if seen == letters and ch.isalpha():
            return token.start + i
        if ch.isalpha():
            seen += 1
    return token.end
