"""Names the knowledge base knows, found by longest match over tokens.

The first token of a name may carry proclitics (وبروسيا, لمجلس); they are
stripped through `rasd.text.clitic_splits` and left out of the mention, while
the article stays in it (الكرملين, not كرملين), as annotators mark names.
"""

from __future__ import annotations

from functools import cache

from rasd.document import Document, Mention, Token
from rasd.kb import KnowledgeBase, load_kb
from rasd.text import clitic_splits

# Single words the base lists as names but that are far more often common words.
_MIN_SINGLE_TOKEN_LEN = 3


@cache
def _first_token_index(kb: KnowledgeBase) -> dict[str, int]:
    """First word of every alias → the most words an alias starting with it has."""
    index: dict[str, int] = {}
    for key in kb.alias_keys():
        words = key.split(" ")
        if index.get(words[0], 0) < len(words):
            index[words[0]] = len(words)
    return index


def find_known_names(doc: Document, kb: KnowledgeBase | None = None) -> list[Mention]:
    """Mentions of every knowledge-base name in the document, longest first."""
    kb = kb or load_kb()
    index = _first_token_index(kb)
    mentions: list[Mention] = []
    for sent in doc.sentences:
        tokens = doc.tokens[sent.token_start : sent.token_end]
        i = 0
        while i < len(tokens):
            found = _match_at(tokens, i, kb, index)
            if found is None:
                i += 1
                continue
            n, prefix_len, entries = found
            start = _skip_prefix(tokens[i], prefix_len)
            end = tokens[i + n - 1].end
            mentions.append(
                Mention(
                    start,
                    end,
                    doc.text[start:end],
                    entries[0].type,
                    source="kb",
                    candidates=tuple(e.id for e in entries),
                )
            )
            i += n
    return mentions


def _match_at(tokens: list[Token], i: int, kb: KnowledgeBase, index: dict[str, int]) -> tuple[int, int, list] | None:
    """(tokens matched, proclitic letters to skip, entries) for the longest alias at token i."""
    best: tuple[int, int, list] | None = None
    for prefix, stem in clitic_splits(tokens[i].norm):
        longest = index.get(stem)
        if not longest:
            continue
        if best and longest <= best[0]:
            continue
        for n in range(min(longest, len(tokens) - i), 0, -1):
            if best and n <= best[0]:
                break
            key = " ".join([stem] + [t.norm for t in tokens[i + 1 : i + n]])
            entries = kb.lookup(key)
            if entries and (n > 1 or len(stem) >= _MIN_SINGLE_TOKEN_LEN):
                # keep the article inside the mention: ال belongs to the name
                skip = len(prefix) - 2 if prefix.endswith("ال") else len(prefix)
                best = (n, skip, entries)
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
