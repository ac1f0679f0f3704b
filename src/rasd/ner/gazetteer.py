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
            )
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
    known = index.known_starts
    for sent in doc.sentences:
        tokens = doc.tokens[sent.token_start : sent.token_end]
        i = 0
        while i < len(tokens):
            norm = tokens[i].norm
            starts = known.get(norm)
            if starts is None:
                starts = index.starts(norm)
            match = _match_at(tokens, i, index) if starts else None
            if match is None:
                i += 1
                continue
            n, key, mention = _mention(doc, tokens, i, match)
            if n > 1 or not _needs_model(key, mention, ambiguous):
                found.confident.append(mention)
            if n > 1 and mention.type in _CONTAINER_TYPES:
                inner = _nested(doc, tokens[i : i + n], index, ambiguous)
                found.nested.extend(m for m in inner if not set(m.candidates) & set(mention.candidates))
            i += n
    return found


def _needs_model(key: str, mention: Mention, ambiguous: frozenset[str]) -> bool:
    """A one-word name that is usually an ordinary word, or only a minor GeoNames place (أرى → Erie)."""
    return key in ambiguous or all(c.startswith(_GENERATED_PLACE) for c in mention.candidates)


def _mention(doc: Document, tokens: list[Token], i: int, match: tuple[int, int, str, list]) -> tuple[int, str, Mention]:
    n, skip, key, entries = match
    start = _skip_prefix(tokens[i], skip)
    end = tokens[i + n - 1].end
    mention = Mention(start, end, doc.text[start:end], entries[0].type, source="kb",
                      candidates=tuple(e.id for e in entries))
    return n, key, mention


def _nested(doc: Document, tokens: list[Token], index: _AliasIndex, ambiguous: frozenset[str]) -> list[Mention]:
    """Places and organizations named inside a longer organization name."""
    out = []
    j = 0
    while j < len(tokens):
        match = _match_at(tokens[: len(tokens) if j else len(tokens) - 1], j, index)  # not the whole name
        if match is None:
            j += 1
            continue
        n, key, mention = _mention(doc, tokens, j, match)
        if mention.type in _NESTED_TYPES and key not in ambiguous:
            mention.source = "kb-nested"
            out.append(mention)
        j += n
    return out


def _match_at(tokens: list[Token], i: int, index: _AliasIndex) -> tuple | None:
    """(tokens matched, proclitic letters to skip, alias key, entries) for the longest alias at token i."""
    best: tuple | None = None
    for prefix, stem in index.starts(tokens[i].norm):
        keys = [stem]  # keys[k]: the first k + 1 words, while they begin some alias
        j = i + 1
        while j < len(tokens) and (key := keys[-1] + " " + tokens[j].norm) in index.prefixes:
            keys.append(key)
            j += 1
        article_dropped = prefix.endswith("ال")
        for n in range(len(keys), best[0] if best else 0, -1):
            entries = index.kb.lookup(keys[n - 1])
            if article_dropped:
                entries = [e for e in entries if e.type != "PER"]
            if entries and (n > 1 or len(stem) >= _MIN_SINGLE_TOKEN_LEN):
                # keep the article inside the mention: ال belongs to the name
                skip = len(prefix) - 2 if article_dropped else len(prefix)
                best = (n, skip, keys[n - 1], entries)
                break
    return best


def _skip_prefix(token: Token, letters: int) -> int:
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
