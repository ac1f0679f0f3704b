"""Token features for the NER tagger, built to generalize to names never seen in training.

A token is described by its normalized form, its stem (proclitics و ب ل ك ف
and the article peeled off by `rasd.text.clitic_splits`, choosing the reading
whose stem is most frequent in the word table), the stem's first and last
letters, its shape, how frequent it is, and its word clusters: ids learned
without labels from running text, so that an unseen surname still shares a
cluster with surnames the model saw, and how often the word stands inside
names of each type in other annotated corpora (`t=`, `tf=`: a given name known
from Wikipedia marks a full name never seen). Cue words (titles before person
names, words before places and organizations) are derived from training
statistics. The same descriptions of the two words on either side are added.

Features of a word do not depend on its sentence. `Featurizer.columns`
computes them for a batch of words at once, template by template (the fast
tagger turns each column into weight-row numbers); `describe` and `sentence`
spell the same features out as crfsuite strings, for training.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

import numpy as np

from rasd.text import clitic_splits, normalize

# known name (normalized words, space-joined) → its type
Gazetteer = dict[str, str]
# normalized word → how it stands in the names of other corpora, most telling first (`PERSH`, `LOCL`)
WordTypes = dict[str, tuple[str, ...]]
# the readings of a token that start a known name
Starts = tuple[str, ...]

CACHE_SIZE = 50_000
OFFSETS = (-2, -1, 1, 2)
# A neighbour's features reach a token with the offset in front: `-1w=في`.
PREFIX = {off: f"{off:+d}" for off in OFFSETS}
# What stands beyond the sentence's edges, as a neighbour.
EDGE = {-2: ["w=<s>"], -1: ["w=<s>"], 1: ["w=</s>"], 2: ["w=</s>"]}
BIAS = "b"
# What the first pass said about a stem elsewhere in the document (`d=` features), by code: see `doc_types`.
NOT_ELSEWHERE, PLAIN = 0, 1


class Lexicon:
    """The word table: each normalized word's frequency and cluster ids, coarse to fine.

    Held as arrays, the words sorted (a batch of words is found with one
    binary search, `rows`), so that the ~91k-word table loads in a few
    milliseconds: no Python object per word. Row -1 stands for words the
    table lacks (count 0, no clusters). Cluster ids are stored as codes into
    `values`, one list of id strings per level.
    """

    def __init__(self, words: np.ndarray, counts: np.ndarray, codes: np.ndarray, values: list[list[str]]) -> None:
        self.words = words
        self.counts = np.append(counts, 0)
        self.codes = np.vstack([codes, np.full((1, len(values)), -1, codes.dtype)])
        self.values = values

    @classmethod
    def from_entries(cls, entries: Iterable[tuple[str, int, Sequence[str]]]) -> Lexicon:
        """From (word, count, cluster ids) triples."""
        rows = sorted(entries)
        levels = max((len(c) for _w, _n, c in rows), default=0)
        if any(len(c) != levels for _w, _n, c in rows):
            raise ValueError("every word needs the same number of cluster ids")
        values = [sorted({c[level] for _w, _n, c in rows}) for level in range(levels)]
        code_of = [{v: i for i, v in enumerate(vs)} for vs in values]
        codes = np.array([[code_of[level][v] for level, v in enumerate(c)] for _w, _n, c in rows], np.int32)
        words = np.array([w for w, _n, _c in rows], dtype=str)
        return cls(words, np.array([n for _w, n, _c in rows], np.int64), codes.reshape(len(rows), levels), values)

    @classmethod
    def read_table(cls, path: Path) -> Lexicon:
        """A `word<TAB>count<TAB>cluster...` table (optionally gzipped), as `scripts/ner_clusters.py` writes."""
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8") as f:
            rows = [line.rstrip("\n").split("\t") for line in f]
        return cls.from_entries((w, int(c), ids) for w, c, *ids in rows)

    def save(self, path: Path) -> None:
        """Write as .npz (uncompressed: it loads at disk speed): words, counts, cluster codes, cluster ids."""
        if any("\t" in v or "\n" in v for vs in self.values for v in vs):
            raise ValueError("a cluster id contains a tab or a line break")
        values = "\n".join("\t".join(vs) for vs in self.values)
        np.savez(path, words=self.words, counts=self.counts[:-1], codes=self.codes[:-1], values=np.array(values))

    @classmethod
    def load(cls, path: Path) -> Lexicon:
        with np.load(path) as z:
            levels = z["codes"].shape[1]
            values = [line.split("\t") for line in str(z["values"]).split("\n")][:levels]
            return cls(z["words"], z["counts"], z["codes"], values)

    def rows(self, words: Sequence[str]) -> np.ndarray:
        """Each word's row (-1 where the table lacks it)."""
        if not len(self.words) or not words:
            return np.full(len(words), -1, np.intp)
        query = np.array(words, dtype=self.words.dtype)  # cut to the longest word's length: no cast of the table
        fits = np.fromiter(map(len, words), np.intp, len(words)) <= self.words.dtype.itemsize // 4
        at = np.minimum(self.words.searchsorted(query), len(self.words) - 1)
        return np.where((self.words[at] == query) & fits, at, -1)


class Analysis(NamedTuple):
    """A token read through the word table."""

    norm: str
    prefix: str
    stem: str
    splits: tuple[tuple[str, str], ...]  # every (proclitics, stem) reading `clitic_splits` offers


class Analyses(NamedTuple):
    """`Analysis` of a batch of tokens, field by field."""

    norms: list[str]
    prefixes: list[str]
    stems: list[str]
    splits: list[tuple[tuple[str, str], ...]]
    rows: np.ndarray  # each stem's row in the word table (-1: not there)
    norm_rows: np.ndarray  # each normalized form's row there

    def take(self, which: Sequence[int]) -> Analyses:
        """The analyses of the words at positions `which`."""
        return Analyses(*([field[i] for i in which] for field in self[:4]), self.rows[which], self.norm_rows[which])


class Word(NamedTuple):
    """What a token contributes: its own features, and those it lends to tokens one and two away."""

    own: list[str]
    near: list[str]
    far: list[str]

    def lent(self, off: int) -> list[str]:
        """The features this word lends to the token `off` positions away from it."""
        return self.near if off in (-1, 1) else self.far


# One feature template over a batch of words: each word's value (None: the word lacks the feature), or,
# for cluster templates, the cluster level (the codes are in `Columns.clusters`, -1 where a word has none).
# A template whose words may have several values (`t`) has a column for each: the k-th value, or None.
Column = tuple[str, "list[str | None] | int"]


class Columns(NamedTuple):
    """Features of a batch of words by template, each part in the order `describe` lists them."""

    own: list[Column]  # after the bias feature, which every word has
    near: list[Column]
    far: list[Column]
    clusters: np.ndarray  # [words, levels] cluster codes


class Featurizer:
    """Turns tokens into features: by template for a batch of words, or as crfsuite strings.

    A token's features come in three parts, which the fast tagger scores
    separately: its word's (`columns`, `describe`: the same wherever the word
    occurs), the names it is part of (`name_features`, from the gazetteers)
    and, in the second pass, the document (`doc_types`).
    """

    def __init__(
        self,
        lexicon: Lexicon,
        cues: dict[str, str],
        gazetteers: dict[str, Gazetteer] | None = None,
        word_types: dict[str, WordTypes] | None = None,
    ) -> None:
        self.lexicon = lexicon
        self._cues = cues
        # per template (`t`, `tf`): the table and the most values a word has in it, each value a column
        self._types = [(t, table, max(map(len, table.values()), default=0)) for t, table in (word_types or {}).items()]
        # per gazetteer (its feature name): the names, and every name's word prefixes (the name included)
        self.gazetteers: list[tuple[str, Gazetteer, set[str]]] = []
        for feature, names in (gazetteers or {}).items():
            prefixes = set(names)
            for name in names:
                while (cut := name.rfind(" ")) > 0:
                    name = name[:cut]
                    prefixes.add(name)
            self.gazetteers.append((feature, names, prefixes))
        self._cache: dict[str, Analysis] = {}

    def stem(self, norm: str) -> tuple[str, str]:
        """(proclitics, stem): the reading of `norm` whose stem the lexicon has seen most."""
        return self.analyze(norm)[1:3]

    def analyze(self, token: str) -> Analysis:
        """`analyze_many` of one token, cached."""
        cached = self._cache.get(token)
        if cached is None:
            if len(self._cache) >= CACHE_SIZE:
                self._cache.clear()
            a = self.analyze_many([token])
            cached = self._cache[token] = Analysis(a.norms[0], a.prefixes[0], a.stems[0], a.splits[0])
        return cached

    def analyze_many(self, tokens: Sequence[str]) -> Analyses:
        """Each token's normalized form and its reading (proclitics, stem) whose stem is most frequent.

        Ties go to the earlier reading in `clitic_splits` order (the whole word first).
        """
        norms = [normalize(t) or t for t in tokens]
        splits = list(map(clitic_splits, norms))
        rows = self.lexicon.rows([stem for split in splits for _p, stem in split])
        count = self.lexicon.counts[rows]
        sizes = np.fromiter(map(len, splits), np.intp, len(splits))
        starts = np.cumsum(sizes) - sizes
        most = np.repeat(np.maximum.reduceat(count, starts), sizes) if len(count) else count
        top = np.flatnonzero(count == most)
        owner = np.repeat(np.arange(len(splits)), sizes)[top]
        chosen = top[np.diff(owner, prepend=-1) > 0]  # the first best reading of each word
        best = [split[c] for split, c in zip(splits, (chosen - starts).tolist(), strict=True)]
        return Analyses(norms, [b[0] for b in best], [b[1] for b in best], splits, rows[chosen], rows[starts])

    def columns(self, words: Analyses) -> Columns:
        """The sentence-independent features of the analyzed words, template by template."""
        lex = self.lexicon
        norms, stems, rows = words.norms, words.stems, words.rows
        split = [stem != norm for stem, norm in zip(stems, norms, strict=True)]
        shapes = shape_many(norms)
        cue = self._cues.get
        cues = [cue(s) or cue(n) for s, n in zip(stems, norms, strict=True)]
        s = [stem if d else None for stem, d in zip(stems, split, strict=True)]
        p = [prefix if d else None for prefix, d in zip(words.prefixes, split, strict=True)]
        clusters: list[Column] = [(f"k{level}", level) for level in range(len(lex.values))]
        types: list[Column] = []
        for template, table, width in self._types:
            found = [table.get(n) or table.get(x) or () for x, n in zip(stems, norms, strict=True)]
            types += [(template, [v[k] if len(v) > k else None for v in found]) for k in range(width)]
        own: list[Column] = [
            ("w", norms),
            ("sh", shapes),
            ("f", [str(c.bit_length()) for c in lex.counts[rows].tolist()]),
            ("s", s),
            ("p", p),
            ("n", [str(min(len(x), 12)) for x in stems]),
        ]
        own += [(f"p{k}", [x[:k] if len(x) > k else None for x in stems]) for k in (2, 3, 4)]
        own += [(f"x{k}", [x[-k:] if len(x) > k else None for x in stems]) for k in (1, 2, 3, 4)]
        own += [*clusters, ("q", cues), *types]
        near: list[Column] = [("w", norms), ("sh", shapes), *clusters, ("s", s), ("p", p), ("q", cues), *types]
        far: list[Column] = [("w", stems), *clusters[1:], ("q", cues)]
        return Columns(own, near, far, lex.codes[rows])

    def describe(self, token: str) -> Word:
        """The features of a token that do not depend on its sentence, as strings."""
        cols = self.columns(self.analyze_many([token]))
        own, near, far = (self._strings(part, cols.clusters[0]) for part in cols[:3])
        return Word([BIAS, *own], near, far)

    def _strings(self, part: list[Column], codes: np.ndarray) -> list[str]:
        out = []
        for template, values in part:
            if isinstance(values, int):
                code = codes[values]
                value = self.lexicon.values[values][code] if code >= 0 else None
            else:
                value = values[0]
            if value is not None:
                out.append(f"{template}={value}")
        return out

    def name_starts(self, splits: Sequence[tuple[tuple[str, str], ...]]) -> list[list[Starts]]:
        """Per gazetteer, the stems of each token's readings (`clitic_splits`) that may start one of its names."""
        flat = [stem for split in splits for _p, stem in split]
        owner = [i for i, split in enumerate(splits) for _s in split]
        out = []
        for _feature, _names, prefixes in self.gazetteers:
            starts: list[Starts] = [()] * len(splits)
            for k in [k for k, stem in enumerate(flat) if stem in prefixes]:
                starts[owner[k]] += (flat[k],)
            out.append(starts)
        return out

    def name_features(self, tokens: Sequence[str]) -> dict[int, list[str]]:
        """Gazetteer features by token index: `g=B-LOC` where a known name starts, and so on."""
        out: dict[int, list[str]] = {}
        analyses = [self.analyze(t) for t in tokens]
        norms = [a.norm for a in analyses]
        starts = self.name_starts([a.splits for a in analyses])
        for (feature, names, prefixes), found in zip(self.gazetteers, starts, strict=True):
            for i, tag in known_names(norms, names, prefixes, found):
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
        """Second-pass features (`l=`, `d=` and their neighbours'), as strings; see `doc_types`."""
        kinds = sorted({t[2:] for tags in first_pass for t in tags if t != "O"})
        kind_code = {k: i for i, k in enumerate(["O", *kinds])}
        stem_ids: dict[str, int] = {}
        stems = [stem_ids.setdefault(self.analyze(t).stem, len(stem_ids)) for s in sentences for t in s]
        sentence = np.repeat(np.arange(len(sentences)), [len(s) for s in sentences])
        kind = np.array([kind_code[t[2:] if t != "O" else "O"] for tags in first_pass for t in tags], np.int64)
        names = doc_values(kinds)
        codes = doc_types(np.array(stems, np.int64), sentence, kind, len(kinds), window)
        doc = iter([names[c] for c in codes.tolist()])
        out = []
        for tags in first_pass:
            d = [next(doc) for _ in tags]
            n = len(tags)
            feats = []
            for k in range(n):
                f = ["l=" + tags[k], "d=" + d[k]]
                if k > 0:
                    f += ["-1l=" + tags[k - 1], "-1d=" + d[k - 1]]
                if k + 1 < n:
                    f += ["+1l=" + tags[k + 1], "+1d=" + d[k + 1]]
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


class _CharClass(dict):
    """Code point → its `shape` class letter, filled as characters come (a `str.translate` table)."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        c = "a" if "\u0600" <= ch <= "\u06ff" else "d" if ch.isdigit() else "l" if ch.isalpha() else "p"
        self[code] = c
        return c


_CLASSES = _CharClass()
_RUNS: dict[str, str] = {}  # class letters → runs collapsed


def shape(token: str) -> str:
    """Character classes of `token`, runs collapsed: a Arabic, l Latin, d digit, p other."""
    return shape_many([token])[0]


def shape_many(tokens: Sequence[str]) -> list[str]:
    """`shape` of each token (the classes of a token are looked up in C; few class strings recur)."""
    out = []
    for classes in (t.translate(_CLASSES) for t in tokens):
        runs = _RUNS.get(classes)
        if runs is None:
            runs = "".join(c for i, c in enumerate(classes) if not i or classes[i - 1] != c)
            if len(_RUNS) < CACHE_SIZE:
                _RUNS[classes] = runs
        out.append(runs)
    return out


def known_names(
    norms: Sequence[str], names: Gazetteer, prefixes: set[str], starts: Sequence[Starts]
) -> list[tuple[int, str]]:
    """(token index, `B-TYPE` / `I-TYPE`) for the longest known names, left to right.

    `norms` are the normalized tokens, `starts` each one's readings that start
    a name (`Featurizer.name_starts`): the first word of a name may carry
    proclitics (وبروسيا), the others are matched as they are. A name is
    sought only as far as the words stay a prefix of some name (`prefixes`).
    One-word names need three letters or more.
    """
    out: list[tuple[int, str]] = []
    free = 0  # tokens before this one are inside a name already found
    size = len(norms)
    for i in [i for i, readings in enumerate(starts) if readings]:
        if i < free:
            continue
        best = 0
        kind = ""
        for stem in starts[i]:
            keys = [stem]  # keys[k]: the first k + 1 words, while they begin some name
            j = i + 1
            while j < size and (key := keys[-1] + " " + norms[j]) in prefixes:
                keys.append(key)
                j += 1
            for n in range(len(keys), best, -1):
                found = names.get(keys[n - 1])
                if found and (n > 1 or len(stem) >= 3):
                    best, kind = n, found
                    break
        if best:
            out.append((i, "B-" + kind))
            out.extend((j, "I-" + kind) for j in range(i + 1, i + best))
            free = i + best
    return out


def doc_values(kinds: Sequence[str]) -> list[str]:
    """The `d=` feature values by code (`doc_types`): -, O, each type, then each type/O."""
    return ["-", "O", *kinds, *(k + "/O" for k in kinds)]


def doc_types(stems: np.ndarray, sentence: np.ndarray, kind: np.ndarray, n_types: int, window: int) -> np.ndarray:
    """What the first pass called each token's stem in the other sentences within `window` of its own.

    A name is often spelled out once (سيباستيان لوب) and then repeated alone
    (لوب) where its context says little: the second pass learns from this
    which type the same stem got nearby. Arguments are per token of one
    document, in order: a stem id, the sentence number, the first pass's type
    (0 for O, else t, 1 to `n_types`). Codes returned (`doc_values` names
    them): NOT_ELSEWHERE when the stem is in no other sentence within the
    window; PLAIN when it is, but the first pass never tagged it there; else
    1 + t for the type t it got most often there (the first seen wins a tie),
    or 1 + n_types + t when it was more often left untagged.
    """
    n = len(stems)
    if not n:
        return np.zeros(0, np.int64)
    width = int(sentence.max()) + 1
    key = stems * width + sentence
    order = np.argsort(key, kind="stable")  # occurrences by stem, then sentence, then position
    okey = key[order]
    # in `order`: the token's own sentence's occurrences of its stem, and those of the window's sentences
    own_lo, own_hi = np.searchsorted(okey, key, "left"), np.searchsorted(okey, key, "right")
    lo = np.searchsorted(okey, stems * width + np.maximum(sentence - window, 0), "left")
    hi = np.searchsorted(okey, stems * width + np.minimum(sentence + window, width - 1), "right")
    is_kind = kind[order][:, None] == np.arange(n_types + 1)
    seen = np.zeros((n + 1, n_types + 1), np.int64)  # occurrences of each type before each position
    np.cumsum(is_kind, axis=0, out=seen[1:])
    counts = seen[hi] - seen[lo] - seen[own_hi] + seen[own_lo]
    plain, typed = counts[:, 0], counts[:, 1:]
    # the first occurrence of each type at or after each position
    at = np.where(is_kind[:, 1:], np.arange(n)[:, None], n)
    following = np.vstack([np.minimum.accumulate(at[::-1], axis=0)[::-1], np.full(n_types, n)])
    first = np.where(following[lo] < own_lo[:, None], following[lo], following[own_hi])
    top = typed.max(axis=1) if n_types else np.zeros(n, np.int64)
    best = np.argmin(np.where(typed == top[:, None], first, n + 1), axis=1) + 1 if n_types else top
    out = np.where(counts.sum(axis=1) > 0, PLAIN, NOT_ELSEWHERE)
    return np.where(top > 0, np.where(top >= plain, 1 + best, 1 + n_types + best), out)
