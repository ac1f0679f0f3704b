"""The statistical NER tagger: two linear-chain CRFs over ANERcorp-style tokens, shipped in `model/`.

The first CRF tags each sentence from its own words and their contexts. The
second sees, besides the same features, what the first said about each word
and about the same word elsewhere in the document (`Featurizer.document_features`),
which mends later, shorter mentions of a name. `load_tagger()` opens the
packaged model once and returns the same object afterwards. Tags are BIO over
PERS, LOC, ORG, MISC (ANERcorp's tag set).

The CRFs are trained with python-crfsuite, then their weights are exported
(`LinearChain.from_crfsuite`) and decoded here in plain Python: a word's
features are the same wherever it occurs, so their summed weights are
computed once per distinct word and cached, and tagging a token costs a few
vector additions and one Viterbi step.
"""

from __future__ import annotations

import gzip
import io
import json
import threading
from collections.abc import Iterable, Sequence
from functools import cache
from operator import add
from pathlib import Path

from rasd.ner.features import CACHE_SIZE, EDGE, OFFSETS, PREFIX, Featurizer, Gazetteer, load_lexicon

MODEL_DIR = Path(__file__).resolve().parent / "model"
_KB_TYPES = {"PER": "PERS", "LOC": "LOC", "ORG": "ORG", "MISC": "MISC"}

Vector = Sequence[float]
# A feature's weights under all CRFs: end to end, and split per CRF.
_Rows = tuple[tuple[float, ...], tuple[tuple[float, ...], ...]]


class LinearChain:
    """A first-order linear-chain CRF's weights: per feature a row of weights over labels, and transitions."""

    def __init__(self, labels: list[str], state: dict[str, tuple[float, ...]], trans: list[list[float]]) -> None:
        self.labels = labels
        self.state = state
        self.trans = trans  # trans[from][to]
        n = len(labels)
        self._trans_to = [[trans[a][b] for a in range(n)] for b in range(n)]
        self._zero = [0.0] * n

    @classmethod
    def from_crfsuite(cls, path: Path) -> LinearChain:
        """Read a model file written by python-crfsuite (training time only)."""
        import pycrfsuite

        crf = pycrfsuite.Tagger()
        crf.open(str(path))
        info = crf.info()
        labels = sorted(info.labels, key=lambda lab: int(info.labels[lab]))
        index = {lab: i for i, lab in enumerate(labels)}
        rows: dict[str, list[float]] = {}
        for (attr, label), weight in info.state_features.items():
            rows.setdefault(attr, [0.0] * len(labels))[index[label]] = weight
        trans = [[0.0] * len(labels) for _ in labels]
        for (a, b), weight in info.transitions.items():
            trans[index[a]][index[b]] = weight
        return cls(labels, {a: tuple(r) for a, r in rows.items()}, trans)

    def save(self, path: Path) -> None:
        """Write as gzipped text: labels, the transition rows, then one feature and its weights per line."""
        with gzip.GzipFile(path, "wb", compresslevel=9, mtime=0) as raw, io.TextIOWrapper(raw, encoding="utf-8") as f:
            f.write("\t".join(self.labels) + "\n")
            for row in self.trans:
                f.write("\t".join(f"{w:.7g}" for w in row) + "\n")
            for attr in sorted(self.state):
                f.write(attr + "\t" + "\t".join(f"{w:.7g}" for w in self.state[attr]) + "\n")

    @classmethod
    def load(cls, path: Path) -> LinearChain:
        with gzip.open(path, "rt", encoding="utf-8") as f:
            labels = f.readline().rstrip("\n").split("\t")
            trans = [[float(w) for w in f.readline().rstrip("\n").split("\t")] for _ in labels]
            state: dict[str, tuple[float, ...]] = {}
            for line in f:
                attr, *weights = line.rstrip("\n").split("\t")
                state[attr] = tuple(map(float, weights))
        return cls(labels, state, trans)

    def score(self, features: Iterable[str]) -> Vector:
        """Summed weights of `features`, one number per label."""
        rows = [r for r in map(self.state.get, features) if r]
        return [sum(col) for col in zip(*rows, strict=True)] if rows else list(self._zero)

    def decode(self, emissions: list[Vector]) -> list[str]:
        """The best label sequence (Viterbi).

        The forward pass keeps only each step's best scores (the inner max
        runs in C through `map`); the backward pass recovers the best
        predecessor of the one label chosen at each step.
        """
        if not emissions:
            return []
        trans_to = self._trans_to
        labels = range(len(self.labels))
        steps = [emissions[0]]
        best = emissions[0]
        for em in emissions[1:]:
            best = [max(map(add, best, col)) + e for col, e in zip(trans_to, em, strict=True)]
            steps.append(best)
        y = max(labels, key=best.__getitem__)
        path = [y]
        for prev in reversed(steps[:-1]):
            scores = list(map(add, prev, trans_to[y]))
            y = max(labels, key=scores.__getitem__)
            path.append(y)
        path.reverse()
        return [self.labels[i] for i in path]


# What a word adds to the label scores under one CRF: its own weights, and those it lends to each offset.
_WordScores = tuple[Vector, dict[int, Vector]]


class _Scorer:
    """Emission scores of sentences under one or more CRFs that share the featurizer.

    A word's features are scored once per CRF and cached; so are the
    sentence-dependent extras (gazetteer and document features), which take
    few distinct values.
    """

    def __init__(self, featurizer: Featurizer, chains: list[LinearChain]) -> None:
        self.featurizer = featurizer
        self.chains = chains
        self._words: dict[str, list[_WordScores]] = {}
        self._extras: list[dict[tuple[str, ...], Vector]] = [{} for _ in chains]
        # Weight rows under all CRFs at once, end to end (one lookup scores a new word for both passes),
        # with each CRF's part ready-made (a word with one known feature shares the model's row):
        # for a word's own features, and for the features it lends at each offset, keyed without the offset.
        n, k = len(chains[0].labels), len(chains)
        self._spans = [(i * n, (i + 1) * n) for i in range(k)]
        zero = (0.0,) * n
        attrs = set().union(*(c.state for c in chains))
        self._own: dict[str, _Rows] = {}
        for a in attrs:
            parts = tuple(c.state.get(a, zero) for c in chains)
            self._own[a] = (sum(parts, ()), parts)
        self._lent: dict[int, dict[str, _Rows]] = {off: {} for off in OFFSETS}
        for off, prefix in PREFIX.items():
            for a in attrs:
                if a.startswith(prefix):
                    self._lent[off][a[len(prefix) :]] = self._own[a]
        self._none = (zero,) * k
        edge = {off: self._score_all(self._lent[off], EDGE[off]) for off in OFFSETS}
        self._edge = [{off: edge[off][i] for off in OFFSETS} for i in range(k)]

    def _score_all(self, rows_of: dict[str, _Rows], features: list[str]) -> tuple[Vector, ...]:
        """Summed weights of `features` under each CRF."""
        rows = [r for r in map(rows_of.get, features) if r]
        if not rows:
            return self._none
        if len(rows) == 1:
            return rows[0][1]
        flat = [sum(col) for col in zip(*(r[0] for r in rows), strict=True)]
        return tuple(flat[a:b] for a, b in self._spans)

    def _word(self, token: str) -> list[_WordScores]:
        entry = self._words.get(token)
        if entry is None:
            w = self.featurizer.describe(token)
            own = self._score_all(self._own, w.own)
            lent = {off: self._score_all(self._lent[off], w.lent(off)) for off in OFFSETS}
            entry = [(own[k], {off: lent[off][k] for off in OFFSETS}) for k in range(len(self.chains))]
            if len(self._words) >= CACHE_SIZE:
                self._words.clear()
            self._words[token] = entry
        return entry

    def _extra(self, k: int, features: tuple[str, ...]) -> Vector:
        memo = self._extras[k]
        v = memo.get(features)
        if v is None:
            if len(memo) >= CACHE_SIZE:
                memo.clear()
            v = memo[features] = self.chains[k].score(features)
        return v

    def tag(self, k: int, tokens: Sequence[str], extra: Sequence[tuple[str, ...]]) -> list[str]:
        """Tags of a sentence under CRF `k`; `extra`: the sentence-dependent features of each token."""
        words = [self._word(t)[k] for t in tokens]
        edge = self._edge[k]
        n = len(words)
        emissions = []
        for i, (own, _ctx) in enumerate(words):
            a = words[i - 2][1][-2] if i >= 2 else edge[-2]
            b = words[i - 1][1][-1] if i >= 1 else edge[-1]
            c = words[i + 1][1][1] if i + 1 < n else edge[1]
            d = words[i + 2][1][2] if i + 2 < n else edge[2]
            if extra[i]:
                x = self._extra(k, extra[i])
                emissions.append([o + p + q + r + s + t for o, p, q, r, s, t in zip(own, a, b, c, d, x, strict=True)])
            else:
                emissions.append([o + p + q + r + s for o, p, q, r, s in zip(own, a, b, c, d, strict=True)])
        return self.chains[k].decode(emissions)


def load_names(path: Path) -> Gazetteer:
    """A `name<TAB>type` table (names from the training corpora other than ANERcorp)."""
    with open(path, encoding="utf-8") as f:
        return dict(line.rstrip("\n").split("\t") for line in f if line.strip())


def kb_gazetteer() -> Gazetteer:
    """Every alias of the knowledge base with the type of its most likely entry."""
    from rasd.kb import load_kb

    kb = load_kb()
    out: Gazetteer = {}
    for key in kb.alias_keys():
        entries = kb.lookup(key)
        if entries and entries[0].type in _KB_TYPES:
            out[key] = _KB_TYPES[entries[0].type]
    return out


class Tagger:
    """The CRFs with their word table, cue words and name lists, read from one model folder.

    `meta.json` holds the cue words, the document window (in sentences) of
    the second pass and whether the model was trained with the knowledge
    base's names; `names.tsv`, when present, is a further name list. Without
    `doc.weights.gz`, or with `document_pass=False` (twice as fast, about 1.5
    F1 points lower on news), the first pass alone tags.
    """

    def __init__(self, model_dir: Path = MODEL_DIR, document_pass: bool = True) -> None:
        first = model_dir / "first.weights.gz"
        if not first.exists():
            raise FileNotFoundError(f"no NER model at {first}; build it with scripts/train_ner.py")
        chains = [LinearChain.load(first)]
        doc = model_dir / "doc.weights.gz"
        if document_pass and doc.exists():
            chains.append(LinearChain.load(doc))
        meta = json.loads((model_dir / "meta.json").read_text(encoding="utf-8"))
        self._window = int(meta.get("window", 0))
        gazetteers = {"g": kb_gazetteer()} if meta.get("gazetteer") else {}
        names = model_dir / "names.tsv"
        if names.exists():
            gazetteers["h"] = load_names(names)
        self.featurizer = Featurizer(load_lexicon(model_dir / "clusters.tsv.gz"), meta["cues"], gazetteers)
        self._scorer = _Scorer(self.featurizer, chains)
        # the caches are shared: one caller at a time
        self._lock = threading.Lock()

    def tag(self, tokens: Sequence[str]) -> list[str]:
        """BIO tags for one sentence of surface tokens (clitics attached, as ANERcorp writes them)."""
        return self.tag_many([tokens])[0]

    def tag_many(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """BIO tags for each sentence of one document, in order."""
        scorer = self._scorer
        with self._lock:
            names = [self._names(s) for s in sentences]
            first = [scorer.tag(0, s, n) for s, n in zip(sentences, names, strict=True)]
            if len(scorer.chains) == 1:
                return first
            doc = self.featurizer.document_features(sentences, first, self._window)
            return [
                scorer.tag(1, s, [(*a, *b) for a, b in zip(n, d, strict=True)])
                for s, n, d in zip(sentences, names, doc, strict=True)
            ]

    def first_pass(self, tokens: Sequence[str]) -> list[str]:
        """The first CRF's tags alone (the training script checks them against crfsuite's)."""
        with self._lock:
            return self._scorer.tag(0, tokens, self._names(tokens))

    def _names(self, tokens: Sequence[str]) -> list[tuple[str, ...]]:
        found = self.featurizer.name_features(tokens)
        return [tuple(found.get(i, ())) for i in range(len(tokens))]


@cache
def load_tagger() -> Tagger:
    """The packaged tagger, loaded on first use and shared afterwards."""
    return Tagger()
