"""Token features for the NER tagger, built to generalize to names never seen in training.

A token is described by its normalized form, its stem (proclitics و ب ل ك ف
and the article peeled off by `rasd.text.clitic_splits`, choosing the reading
whose stem is most frequent in the word table), the stem's first and last
letters, its shape, how frequent it is, and its word clusters: ids learned
without labels from running text, so that an unseen surname still shares a
cluster with surnames the model saw. Cue words (titles before person names,
words before places and organizations) are derived from training statistics.
The same descriptions of the two words on either side are added.

Features of a word do not depend on its sentence, so they are computed once
per distinct word and cached; a sentence's features are concatenations.
"""

from __future__ import annotations

import gzip
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from rasd.text import clitic_splits, normalize

# word → (count in the cluster corpus, cluster ids from coarse to fine)
Lexicon = dict[str, tuple[int, tuple[str, ...]]]
# known name (normalized words, space-joined) → its type
Gazetteer = dict[str, str]

CACHE_SIZE = 50_000
OFFSETS = (-2, -1, 1, 2)
# A neighbour's features reach a token with the offset in front: `-1w=في`.
PREFIX = {off: f"{off:+d}" for off in OFFSETS}
# What stands beyond the sentence's edges, as a neighbour.
EDGE = {-2: ["w=<s>"], -1: ["w=<s>"], 1: ["w=</s>"], 2: ["w=</s>"]}


def load_lexicon(path: Path) -> Lexicon:
    """Read a `word<TAB>count<TAB>cluster...` table (optionally gzipped)."""
    opener = gzip.open if path.suffix == ".gz" else open
    lex: Lexicon = {}
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            word, count, *clusters = line.rstrip("\n").split("\t")
            lex[word] = (int(count), tuple(clusters))
    return lex


def shape(token: str) -> str:
    """Character classes of `token`, runs collapsed: a Arabic, l Latin, d digit, p other."""
    out = []
    for ch in token:
        if "\u0600" <= ch <= "\u06ff":
            c = "a"
        elif ch.isdigit():
            c = "d"
        elif ch.isalpha():
            c = "l"
        else:
            c = "p"
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


class Word(NamedTuple):
    """What a token contributes: its own features, and those it lends to tokens one and two away."""

    own: list[str]
    near: list[str]
    far: list[str]

    def lent(self, off: int) -> list[str]:
        """The features this word lends to the token `off` positions away from it."""
        return self.near if off in (-1, 1) else self.far


class Featurizer:
    """Turns sentences of surface tokens into crfsuite feature lists.

    A token's features come in three parts, which the fast tagger scores
    separately: its word's (`describe`, the same wherever the word occurs),
    the names it is part of (`name_features`, from the gazetteers) and, in the
    second pass, the document (`document_features`).
    """

    def __init__(self, lexicon: Lexicon, cues: dict[str, str], gazetteers: dict[str, Gazetteer] | None = None) -> None:
        self._lex = lexicon
        self._cues = cues
        # per gazetteer (its feature name): the names, and first word → most words of a name starting with it
        self._gaz: list[tuple[str, Gazetteer, dict[str, int]]] = []
        for feature, names in (gazetteers or {}).items():
            first: dict[str, int] = {}
            for name in names:
                words = name.count(" ") + 1
                head = name.split(" ", 1)[0]
                if first.get(head, 0) < words:
                    first[head] = words
            self._gaz.append((feature, names, first))
        self._cache: dict[str, tuple[str, str, str, tuple[str, ...]]] = {}

    def stem(self, norm: str) -> tuple[str, str]:
        """(proclitics, stem): the reading of `norm` whose stem the lexicon has seen most."""
        return self.analyze(norm)[1:3]

    def analyze(self, token: str) -> tuple[str, str, str, tuple[str, ...]]:
        """(normalized form, proclitics, stem, every stem `clitic_splits` offers), cached per token."""
        cached = self._cache.get(token)
        if cached is not None:
            return cached
        norm = normalize(token) or token
        splits = clitic_splits(norm)
        best, best_count = ("", norm), self._lex.get(norm, (0,))[0]
        for prefix, stem in splits[1:]:
            count = self._lex.get(stem, (0,))[0]
            if count > best_count:
                best, best_count = (prefix, stem), count
        if len(self._cache) >= CACHE_SIZE:
            self._cache.clear()
        cached = self._cache[token] = (norm, *best, tuple(stem for _p, stem in splits))
        return cached

    def describe(self, token: str) -> Word:
        """The features of a token that do not depend on its sentence."""
        norm, prefix, stem, _readings = self.analyze(token)
        count, clusters = self._lex.get(stem, (0, ()))
        sh = shape(norm)
        cue = self._cues.get(stem) or self._cues.get(norm)
        own = ["b", "w=" + norm, "sh=" + sh, "f=" + str(count.bit_length())]
        if stem != norm:
            own.append("s=" + stem)
            own.append("p=" + prefix)
        n = len(stem)
        own.append("n=" + str(min(n, 12)))
        for k in (2, 3, 4):
            if n > k:
                own.append(f"p{k}={stem[:k]}")
        for k in (1, 2, 3, 4):
            if n > k:
                own.append(f"x{k}={stem[-k:]}")
        own.extend(f"k{i}={c}" for i, c in enumerate(clusters))
        if cue:
            own.append("q=" + cue)
        near = ["w=" + norm, "sh=" + sh] + [f"k{i}={c}" for i, c in enumerate(clusters)]
        if stem != norm:
            near += ["s=" + stem, "p=" + prefix]
        far = ["w=" + stem] + [f"k{i}={c}" for i, c in enumerate(clusters[1:], 1)]
        if cue:
            near.append("q=" + cue)
            far.append("q=" + cue)
        return Word(own, near, far)

    def name_features(self, tokens: Sequence[str]) -> dict[int, list[str]]:
        """Gazetteer features by token index: `g=B-LOC` where a known name starts, and so on."""
        out: dict[int, list[str]] = {}
        if self._gaz:
            analyses = [self.analyze(t) for t in tokens]
            norms = [a[0] for a in analyses]
            readings = [a[3] for a in analyses]
            for feature, names, first in self._gaz:
                for i, tag in known_names(norms, names, first, readings):
                    out.setdefault(i, []).append(f"{feature}={tag}")
        return out

    def sentence(self, tokens: Sequence[str]) -> list[list[str]]:
        """Features of every token of one sentence."""
        words = [self.describe(t) for t in tokens]
        n = len(words)
        names = self.name_features(tokens)
        out = []
        for i, word in enumerate(words):
            feats = list(word.own)
            for off in OFFSETS:
                j = i + off
                lent = words[j].lent(off) if 0 <= j < n else EDGE[off]
                feats.extend(PREFIX[off] + f for f in lent)
            feats.extend(names.get(i, ()))
            out.append(feats)
        return out

    def document_features(
        self, sentences: Sequence[Sequence[str]], first_pass: Sequence[Sequence[str]], window: int
    ) -> list[list[list[str]]]:
        """Second-pass features: what the first pass said here and about the same stem nearby.

        A name is often spelled out once (سيباستيان لوب) and then repeated
        alone (لوب) where its context says little: each token learns which
        type the first pass gave the same stem in the other sentences within
        `window` sentences, and what the first pass said about it and its
        neighbours.
        """
        stems = [[self.analyze(t)[2] for t in s] for s in sentences]
        seen: dict[str, list[tuple[int, str]]] = {}  # stem → (sentence, first-pass type or O), in order
        where: dict[str, list[int]] = {}  # stem → the sentences it occurs in, once per occurrence
        for j, (sent_stems, tags) in enumerate(zip(stems, first_pass, strict=True)):
            for stem, tag in zip(sent_stems, tags, strict=True):
                seen.setdefault(stem, []).append((j, tag[2:] if tag != "O" else "O"))
                where.setdefault(stem, []).append(j)
        named = {stem for stem, occ in seen.items() if any(kind != "O" for _j, kind in occ)}
        out = []
        for i, (sent_stems, tags) in enumerate(zip(stems, first_pass, strict=True)):
            doc = [
                _doc_type(seen[stem], i, window) if stem in named else _plain(where[stem], i, window)
                for stem in sent_stems
            ]
            n = len(sent_stems)
            feats = []
            for k in range(n):
                f = ["l=" + tags[k], "d=" + doc[k]]
                if k > 0:
                    f += ["-1l=" + tags[k - 1], "-1d=" + doc[k - 1]]
                if k + 1 < n:
                    f += ["+1l=" + tags[k + 1], "+1d=" + doc[k + 1]]
                feats.append(f)
            out.append(feats)
        return out

    def document(
        self, sentences: Sequence[Sequence[str]], first_pass: Sequence[Sequence[str]], window: int
    ) -> list[list[list[str]]]:
        """Full second-pass features of a document's sentences (for training)."""
        extra = self.document_features(sentences, first_pass, window)
        return [
            [base + more for base, more in zip(self.sentence(tokens), doc, strict=True)]
            for tokens, doc in zip(sentences, extra, strict=True)
        ]


def known_names(
    norms: Sequence[str], names: Gazetteer, first: dict[str, int], readings: Sequence[Sequence[str]]
) -> list[tuple[int, str]]:
    """(token index, `B-TYPE` / `I-TYPE`) for the longest known names, left to right.

    `norms` are the normalized tokens, `readings` each one's stems without
    proclitics (`clitic_splits`): the first word of a name may carry them
    (وبروسيا), the others are matched as they are. One-word names need three
    letters or more.
    """
    out: list[tuple[int, str]] = []
    i = 0
    while i < len(norms):
        best = 0
        kind = ""
        for stem in readings[i]:
            longest = min(first.get(stem, 0), len(norms) - i)
            for n in range(longest, best, -1):
                found = names.get(" ".join([stem, *norms[i + 1 : i + n]]))
                if found and (n > 1 or len(stem) >= 3):
                    best, kind = n, found
                    break
        if best:
            out.append((i, "B-" + kind))
            out.extend((j, "I-" + kind) for j in range(i + 1, i + best))
            i += best
        else:
            i += 1
    return out


def _plain(sentences: list[int], sentence: int, window: int) -> str:
    """`_doc_type` of a stem the first pass never tagged: O if it occurs in another nearby sentence, else -."""
    nearby = bisect_right(sentences, sentence + window) - bisect_left(sentences, sentence - window)
    here = bisect_right(sentences, sentence) - bisect_left(sentences, sentence)
    return "O" if nearby > here else "-"


def _doc_type(occurrences: list[tuple[int, str]], sentence: int, window: int) -> str:
    """What the first pass called a stem in the other sentences within `window`.

    `-`: not there; `O`: never a name; a type: mostly that type; `TYPE/O`: that
    type, but more often a plain word.
    """
    lo = bisect_left(occurrences, (sentence - window, ""))
    hi = bisect_right(occurrences, (sentence + window, "~"))
    counts: dict[str, int] = {}
    for j, kind in occurrences[lo:hi]:
        if j != sentence:
            counts[kind] = counts.get(kind, 0) + 1
    if not counts:
        return "-"
    plain = counts.pop("O", 0)
    if not counts:
        return "O"
    kind = max(counts, key=counts.__getitem__)
    return kind if counts[kind] >= plain else kind + "/O"
