"""The statistical NER tagger: two linear-chain CRFs over ANERcorp-style tokens, shipped in `model/`.

The first CRF tags each sentence from its own words and their contexts. The
second sees, besides the same features, what the first said about each word
and about the same word elsewhere in the document (`features.doc_types`),
which mends later, shorter mentions of a name. `load_tagger()` opens the
packaged model once and returns the same object afterwards. Tags are BIO over
PERS, LOC, ORG, MISC (ANERcorp's tag set).

The CRFs are trained with python-crfsuite, exported as arrays (`Weights`) and
decoded here with numpy. A word's features are the same wherever it occurs:
the new words of a batch are featurized together, template by template, and
their summed weights kept under a word number, so that a batch's emission
scores are a few array gathers; Viterbi then runs over all its sentences at
once. Weights are summed one feature at a time in the order `Featurizer`
lists them, so scores do not depend on batching.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from functools import cache
from pathlib import Path

import numpy as np

from rasd.ner.features import (
    BIAS,
    EDGE,
    OFFSETS,
    PREFIX,
    Analyses,
    Column,
    Columns,
    Featurizer,
    Gazetteer,
    Lexicon,
    Starts,
    WordTypes,
    doc_types,
    doc_values,
    known_names,
)

MODEL_DIR = Path(__file__).resolve().parent / "model"
WORD_ROWS = "word_rows.npy"  # the feature rows of every word in the word table (`export_word_rows`)
# Words whose scores are kept (about 720 bytes each, taken as they come): a news stream meets some 35,000 new
# word forms in its first thousand articles, so a smaller cache is emptied and refilled every few hundred.
WORD_CACHE_SIZE = 200_000
_KB_TYPES = {"PER": "PERS", "LOC": "LOC", "ORG": "ORG", "MISC": "MISC"}
# Significant digits kept of each weight: what the model shipped with as text, so re-exports tag alike.
_DIGITS = 7


class Weights:
    """Linear-chain CRFs over the same labels, as arrays: the shipped form of the model.

    `rows[r]` holds feature r's label weights under every CRF, side by side
    (row 0 is zeros: any feature the model lacks); `transitions[k, a, b]` is
    the weight of label a followed by b under CRF k. `index` finds a feature's
    row by template and value (`w=روسيا`: template `w`, value `روسيا`).
    """

    def __init__(
        self, labels: list[str], index: dict[str, dict[str, int]], rows: np.ndarray, transitions: np.ndarray
    ) -> None:
        self.labels = labels
        self.index = index
        self.rows = rows
        self.transitions = transitions

    @classmethod
    def from_crfsuite(cls, paths: Sequence[Path]) -> Weights:
        """Read model files written by python-crfsuite, which must share their labels (training time only)."""
        import pycrfsuite

        infos = []
        for path in paths:
            crf = pycrfsuite.Tagger()
            crf.open(str(path))
            infos.append(crf.info())
        labels = sorted(infos[0].labels, key=lambda lab: int(infos[0].labels[lab]))
        if any(sorted(i.labels, key=lambda lab: int(i.labels[lab])) != labels for i in infos):
            raise ValueError("the CRFs' labels differ")
        n = len(labels)
        col = {lab: i for i, lab in enumerate(labels)}
        features = sorted({a for i in infos for a, _lab in i.state_features}, key=_template_value)
        row = {a: r for r, a in enumerate(features, 1)}
        rows = np.zeros((len(features) + 1, n * len(infos)))
        transitions = np.zeros((len(infos), n, n))
        for k, info in enumerate(infos):
            for (attr, label), w in info.state_features.items():
                rows[row[attr], k * n + col[label]] = _round(w)
            for (a, b), w in info.transitions.items():
                transitions[k, col[a], col[b]] = _round(w)
        index: dict[str, dict[str, int]] = {}
        for a, r in row.items():
            template, value = _template_value(a)
            index.setdefault(template, {})[value] = r
        if sum(map(len, index.values())) != len(features):
            raise ValueError("two features share a template and a value")
        return cls(labels, index, rows, transitions)

    def save(self, path: Path) -> None:
        """Write as .npz (uncompressed: it loads at disk speed): labels, templates with their sizes, values
        (UTF-8, one a line), rows, transitions."""
        values = [v for rows in self.index.values() for v in rows]
        if any("\n" in v for v in values):
            raise ValueError("a feature value contains a line break")
        if [r for rows in self.index.values() for r in rows.values()] != list(range(1, len(self.rows))):
            raise ValueError("rows must follow the index, template by template")
        np.savez(
            path,
            labels=np.array(self.labels),
            templates=np.array(list(self.index)),
            sizes=np.array([len(rows) for rows in self.index.values()]),
            values=np.frombuffer("\n".join(values).encode("utf-8"), np.uint8),
            rows=self.rows,
            transitions=self.transitions,
        )

    @classmethod
    def load(cls, path: Path) -> Weights:
        with np.load(path) as z:
            values = z["values"].tobytes().decode("utf-8").split("\n")
            index = {}
            start = 0  # rows count from 1: row 0 is the zeros
            for template, size in zip(z["templates"].tolist(), z["sizes"].tolist(), strict=True):
                end = start + size
                index[template] = dict(zip(values[start:end], range(start + 1, end + 1), strict=True))
                start = end
            return cls(z["labels"].tolist(), index, z["rows"], z["transitions"])

    def first(self) -> Weights:
        """The first CRF alone."""
        return Weights(self.labels, self.index, self.rows[:, : len(self.labels)].copy(), self.transitions[:1])

    def row(self, feature: str) -> int:
        """The row of a crfsuite feature string (0 if the model lacks it)."""
        template, value = _template_value(feature)
        return self.index.get(template, {}).get(value, 0)

    def score(self, features: Sequence[str]) -> np.ndarray:
        """Summed weights of `features` under every CRF, side by side."""
        return sum_rows(self.rows, np.array([[self.row(f) for f in features]], np.intp).reshape(1, -1))[0]


def _template_value(feature: str) -> tuple[str, str]:
    template, _, value = feature.partition("=")
    return template, value


def _round(w: float) -> float:
    return float(f"{w:.{_DIGITS}g}")


_GATHER_ONCE_BELOW = 20_000  # items × columns: `sum_rows` gathers smaller batches in one go


def sum_rows(rows: np.ndarray, columns: np.ndarray) -> np.ndarray:
    """For each item i, the sum of `rows[columns[i, j]]` over j, added in column order.

    The order is crfsuite's (feature by feature), so sums are the same to the
    last bit whichever way the items were batched. (numpy sums along an axis
    that is not the innermost one term by term, without pairwise summation.)
    """
    n, width = columns.shape
    if n * width < _GATHER_ONCE_BELOW:
        return np.add.reduce(rows[columns], axis=1)
    # a large batch: column by column into one buffer, sparing the [item, column, label] temporary (about 4x faster)
    out = np.take(rows, columns[:, 0], axis=0)
    buf = np.empty_like(out)
    for j in range(1, width):
        np.take(rows, columns[:, j], axis=0, out=buf)
        out += buf
    return out



class Layout:
    """Where each token of a batch of sentences stands, and the order in which Viterbi visits the tokens.

    Viterbi advances all sentences together, longest first, so that the
    sentences still running at step t are the first ones: tokens are visited
    step by step (`step_major[token]`: the token's place in that order), and
    `at[t]` is where step t begins, `running[t]` how many sentences it has.
    """

    def __init__(self, lengths: Sequence[int]) -> None:
        self.lengths = np.asarray(lengths, np.intp).reshape(-1)
        self.starts = np.cumsum(self.lengths) - self.lengths
        self.sentence = np.repeat(np.arange(len(self.lengths)), self.lengths)
        self.position = np.arange(len(self.sentence)) - self.starts[self.sentence]
        order = np.argsort(-self.lengths, kind="stable")
        self.by_length = self.lengths[order[self.lengths[order] > 0]]  # the sentences' lengths, longest first
        running = np.searchsorted(-self.by_length, -np.arange(self.by_length[0] if len(self.by_length) else 0))
        offsets = np.concatenate([[0], np.cumsum(running)]).astype(np.intp)
        rank = np.empty(len(self.lengths), np.intp)
        rank[order] = np.arange(len(order))
        self.step_major = offsets[self.position] + rank[self.sentence]
        self.ends = offsets[self.by_length - 1] + np.arange(len(self.by_length))  # each sentence's last token
        self.running, self.at = running.tolist(), offsets.tolist()


def viterbi(emissions: np.ndarray, layout: Layout, transitions: np.ndarray) -> np.ndarray:
    """The best label of every token under one CRF; the sentences of `layout` lie end to end.

    Scores are held label by label, tokens in `layout`'s step order, so that
    the sentences running at a step are one slice and numpy's inner loops run
    over sentences; the longest sentence's last steps, alone, run on plain
    vectors. Ties go to the lower label number.
    """
    if not len(emissions):
        return np.zeros(0, np.intp)
    running, at = layout.running, layout.at
    best = np.empty((emissions.shape[1], len(emissions)))  # [label, token in step order]
    best[:, layout.step_major] = emissions.T
    back = np.empty(best.shape, np.intp)  # the best previous label of each label
    follow = transitions[:, :, None]  # [previous label, label, 1]
    most = np.maximum.reduce
    alone = max(running.index(1), 1) if 1 in running else len(running)  # from here the longest runs alone
    for t in range(1, alone):
        n, a, b = running[t], at[t], at[t + 1]
        cand = best[:, at[t - 1] : at[t - 1] + n][:, None, :] + follow
        cand.argmax(axis=0, out=back[:, a:b])
        cur = best[:, a:b]
        np.add(cur, most(cand, axis=0), out=cur)
    if alone < len(running):
        score = best[:, at[alone - 1]].copy()
        cand = np.empty(transitions.shape)
        for t in range(alone, len(running)):
            np.add(score[:, None], transitions, out=cand)
            cand.argmax(axis=0, out=back[:, at[t]])
            score = most(cand, axis=0)
            score += best[:, at[t]]
        best[:, at[-2]] = score
    # back from each sentence's best last label, all sentences running at a step together
    y = best[:, layout.ends].argmax(axis=0)
    path = np.empty(len(emissions), np.intp)
    for t in range(len(running) - 1, 0, -1):
        n, a = running[t], at[t]
        path[a : a + n] = y[:n]
        y[:n] = back[y[:n], np.arange(a, a + n)]
    path[: running[0]] = y
    return path[layout.step_major]


class _Words:
    """Every distinct word tagged so far, numbered from 1, with what tagging needs of it.

    Per word: its summed weights (`own`, and `lent[off]`: what it adds to the
    token `off` away from it; row 0 of `lent` is what the sentence edge
    adds), its stem's number (document features), its normalized form and
    name starts (name lists). New words are featurized and scored together;
    the feature rows of a word whose normalized form is in the word table are
    read from `table` (`feature_rows` of every word there, made at export).
    Forgotten all at once past WORD_CACHE_SIZE words, between batches.
    """

    def __init__(self, featurizer: Featurizer, weights: Weights, table: np.ndarray | None = None) -> None:
        self.featurizer = featurizer
        self.weights = weights
        self.table = table
        self._bias = weights.row(BIAS)
        self._cluster_rows: dict[str, np.ndarray] = {}
        self._edge = {off: weights.score([PREFIX[off] + f for f in EDGE[off]]) for off in OFFSETS}
        # the columns of each part in `feature_rows`: own, then lent to each offset
        cols = featurizer.columns(featurizer.analyze_many([]))
        sizes = np.cumsum([0, 1 + len(cols.own), *(len(cols.near if off in (-1, 1) else cols.far) for off in OFFSETS)])
        self._spans = list(zip(sizes[:-1].tolist(), sizes[1:].tolist(), strict=True))
        if table is not None and table.shape != (len(featurizer.lexicon.words), sizes[-1]):
            raise ValueError(f"word_rows.npy does not fit this model ({table.shape}); re-export it")
        self._reset()

    def _reset(self) -> None:
        width = self.weights.rows.shape[1]
        self.number: dict[str, int] = {}
        self.size = 1
        # room for WORD_CACHE_SIZE words: the memory is taken as rows are written
        self.own = np.zeros((WORD_CACHE_SIZE + 1, width))
        self.lent = {off: np.zeros((WORD_CACHE_SIZE + 1, width)) for off in OFFSETS}
        for off in OFFSETS:
            self.lent[off][0] = self._edge[off]
        self.stem = np.zeros(WORD_CACHE_SIZE + 1, np.intp)
        self._stem_number: dict[str, int] = {}
        self.norm = ["\n"]  # word 0 separates sentences in `Tagger._name_rows`
        self.starts: list[list[Starts]] = [[()] for _ in self.featurizer.gazetteers]

    def ids(self, tokens: Sequence[str]) -> np.ndarray:
        """The number of each token's word, scoring the words not seen before."""
        new = [t for t in dict.fromkeys(tokens) if t not in self.number]
        if new and len(self.number) + len(new) > WORD_CACHE_SIZE:
            self._reset()
            new = list(dict.fromkeys(tokens))
        if new:
            self._add(new)
        return np.fromiter(map(self.number.__getitem__, tokens), np.intp, len(tokens))

    def _add(self, words: list[str]) -> None:
        analyses = self.featurizer.analyze_many(words)
        n = len(words)
        a, b = self.size, self.size + n
        self._grow(b)
        if self.table is None:
            features = self.feature_rows(analyses)
        else:
            features = self.table[analyses.norm_rows]
            unknown = np.flatnonzero(analyses.norm_rows < 0)
            if len(unknown):
                features[unknown] = self.feature_rows(analyses.take(unknown))
        own, *lent = (sum_rows(self.weights.rows, features[:, start:end]) for start, end in self._spans)
        self.own[a:b] = own
        for off, scores in zip(OFFSETS, lent, strict=True):
            self.lent[off][a:b] = scores
        stems = self._stem_number
        self.stem[a:b] = [stems.setdefault(x, len(stems)) for x in analyses.stems]
        self.norm.extend(analyses.norms)
        for known, starts in zip(self.starts, self.featurizer.name_starts(analyses.splits), strict=True):
            known.extend(starts)
        self.number.update(zip(words, range(a, b), strict=True))
        self.size = b

    def _grow(self, size: int) -> None:
        """Room for a batch of more than WORD_CACHE_SIZE new words."""
        if size > len(self.own):
            self.own = _resized(self.own, size)
            self.lent = {off: _resized(t, size) for off, t in self.lent.items()}
            self.stem = _resized(self.stem, size)

    def feature_rows(self, analyses: Analyses) -> np.ndarray:
        """[word, feature]: the weight rows of each word's features, its own (bias first), then those it lends
        to each offset; a row of 0 where it lacks a feature (`_spans` tells the parts apart)."""
        cols = self.featurizer.columns(analyses)
        parts = [self._rows(cols, cols.own, "", [self._bias] * len(cols.clusters))]
        parts += [self._rows(cols, cols.near if off in (-1, 1) else cols.far, PREFIX[off]) for off in OFFSETS]
        return np.hstack(parts)

    def _rows(self, cols: Columns, part: list[Column], prefix: str, first: list[int] | None = None) -> np.ndarray:
        """[word, column]: weight rows of the features as seen from `prefix` (a neighbour's offset, or none)."""
        index = self.weights.index
        out = [first] if first else []
        for template, values in part:
            name = prefix + template
            if isinstance(values, int):
                table = self._cluster_rows.get(name)
                if table is None:
                    rows = index.get(name, {})
                    ids = [rows.get(v, 0) for v in self.featurizer.lexicon.values[values]]
                    table = self._cluster_rows[name] = np.array([*ids, 0], np.intp)  # code -1: no cluster
                out.append(table[cols.clusters[:, values]].tolist())
            else:
                rows = index.get(name, {})
                out.append([rows.get(v, 0) for v in values])
        return np.array(out, np.intp).reshape(len(out), len(cols.clusters)).T

    def emissions(self, ids: np.ndarray, layout: Layout) -> np.ndarray:
        """Each token's own weights plus what its neighbours lend it, in crfsuite's feature order."""
        # sentences end to end with two edge words (0) on either side: neighbours are plain offsets
        where = np.arange(len(ids)) + 2 * (2 * layout.sentence + 1)
        padded = np.zeros(len(ids) + 4 * len(layout.lengths), np.intp)
        padded[where] = ids
        out = self.own[ids]
        for off in OFFSETS:
            out += self.lent[off][padded[where + off]]
        return out


def _resized(a: np.ndarray, rows: int) -> np.ndarray:
    out = np.zeros((rows, *a.shape[1:]), a.dtype)
    out[: len(a)] = a
    return out


def load_names(path: Path) -> Gazetteer:
    """A `name<TAB>type` table (names from the training corpora other than ANERcorp, or the KB's)."""
    fields = path.read_text(encoding="utf-8").rstrip("\n").replace("\n", "\t").split("\t")
    return dict(zip(fields[::2], fields[1::2], strict=True)) if fields != [""] else {}


def load_word_types(path: Path) -> dict[str, WordTypes]:
    """A `template<TAB>word<TAB>value|value...` table (`t=`, `tf=` features): per template, each word's values."""
    fields = path.read_text(encoding="utf-8").rstrip("\n").replace("\n", "\t").split("\t")
    out: dict[str, WordTypes] = {}
    for template, word, values in zip(fields[::3], fields[1::3], fields[2::3], strict=True):
        out.setdefault(template, {})[word] = tuple(values.split("|"))
    return out


def kb_gazetteer() -> Gazetteer:
    """Every alias of the knowledge base with the type of its most likely entry (`g=` features)."""
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

    `crf.npz` holds both CRFs (`Weights`), `lexicon.npz` the word table and
    `word_rows.npy` its words' feature rows (`export_word_rows`; optional);
    `meta.json` the cue words, the document window (in sentences) of the
    second pass and whether the model was trained with the knowledge base's
    names, which `kb_names.tsv` then holds as they were at export; `names.tsv`,
    when present, is a further name list, and `word_types.tsv` how words stand
    in the names of its corpora (`t=`, `tf=`). With a single CRF in `crf.npz`, or
    with `document_pass=False` (faster, about 1.5 F1 points lower on news), the
    first pass alone tags.
    """

    def __init__(self, model_dir: Path = MODEL_DIR, document_pass: bool = True) -> None:
        path = model_dir / "crf.npz"
        if not path.exists():
            raise FileNotFoundError(f"no NER model at {path}; build it with scripts/train_ner.py")
        weights = Weights.load(path)
        if not document_pass:
            weights = weights.first()
        meta = json.loads((model_dir / "meta.json").read_text(encoding="utf-8"))
        self._window = int(meta.get("window", 0))
        gazetteers = {"g": load_names(model_dir / "kb_names.tsv")} if meta.get("gazetteer") else {}
        names = model_dir / "names.tsv"
        if names.exists():
            gazetteers["h"] = load_names(names)
        types = model_dir / "word_types.tsv"
        self.featurizer = Featurizer(
            Lexicon.load(model_dir / "lexicon.npz"), meta["cues"], gazetteers,
            load_word_types(types) if types.exists() else None,
        )
        self.weights = weights
        table = model_dir / WORD_ROWS
        self._words = _Words(self.featurizer, weights, np.load(table, mmap_mode="r") if table.exists() else None)
        labels = weights.labels
        self._passes = len(weights.transitions)
        types = sorted({lab[2:] for lab in labels if lab != "O"})
        self._n_types = len(types)
        self._type = np.array([types.index(lab[2:]) + 1 if lab != "O" else 0 for lab in labels])
        # each CRF's columns of the weight rows, for the sentence-dependent features
        self._crf_rows = [weights.rows[:, k * len(labels) : (k + 1) * len(labels)].copy() for k in range(self._passes)]
        # rows of the second pass's features by label (`l=`) and by `doc_types` code (`d=`), per offset
        index = weights.index
        sides = ("", "-1", "+1")
        self._label_rows = {p: np.array([index.get(p + "l", {}).get(lab, 0) for lab in labels]) for p in sides}
        self._doc_rows = {p: np.array([index.get(p + "d", {}).get(v, 0) for v in doc_values(types)]) for p in sides}
        # the caches are shared: one caller at a time
        self._lock = threading.Lock()

    def tag(self, tokens: Sequence[str]) -> list[str]:
        """BIO tags for one sentence of surface tokens (clitics attached, as ANERcorp writes them)."""
        return self.tag_many([tokens])[0]

    def tag_many(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """BIO tags for each sentence of one document, in order."""
        return self.tag_documents([sentences])[0]

    def tag_documents(self, documents: Sequence[Sequence[Sequence[str]]]) -> list[list[list[str]]]:
        """`tag_many` for several documents at once (each document's features are its own); faster in bulk."""
        return self._tag(documents, self._passes)

    def first_pass(self, tokens: Sequence[str]) -> list[str]:
        """The first CRF's tags alone (the training script checks them against crfsuite's)."""
        return self._tag([[tokens]], 1)[0][0]

    def _tag(self, documents: Sequence[Sequence[Sequence[str]]], passes: int) -> list[list[list[str]]]:
        layout = Layout([len(s) for d in documents for s in d])
        with self._lock:
            ids = self._words.ids([t for d in documents for s in d for t in s])
            base = self._words.emissions(ids, layout)
            names = self._name_rows(ids, layout)
            n_labels = len(self.weights.labels)
            emissions = base[:, :n_labels] + sum_rows(self._crf_rows[0], names)
            tags = viterbi(emissions, layout, self.weights.transitions[0])
            if passes > 1:
                extra = np.hstack([names, self._document_rows(ids, tags, layout, documents)])
                emissions = base[:, n_labels:] + sum_rows(self._crf_rows[1], extra)
                tags = viterbi(emissions, layout, self.weights.transitions[1])
        labels = self.weights.labels
        flat = iter([labels[y] for y in tags.tolist()])
        return [[[next(flat) for _ in s] for s in d] for d in documents]

    def _name_rows(self, ids: np.ndarray, layout: Layout) -> np.ndarray:
        """[token, name list]: the token's `g=B-LOC`-like feature row (0: in no known name).

        All sentences are matched in one go, with word 0 (a line break: in no name) between them.
        """
        words = self._words
        ends = layout.starts + layout.lengths
        flat = np.insert(ids, ends, 0).tolist()
        token = np.cumsum(np.insert(np.ones(len(ids), bool), ends, False)) - 1  # flat position → token
        norms = list(map(words.norm.__getitem__, flat))
        out = np.zeros((len(ids), len(words.starts)), np.intp)
        gazetteers = zip(self.featurizer.gazetteers, words.starts, strict=True)
        for g, ((feature, names, prefixes), starts) in enumerate(gazetteers):
            found = known_names(norms, names, prefixes, list(map(starts.__getitem__, flat)))
            if found:
                tag_rows = self.weights.index.get(feature, {})
                out[token[[i for i, _tag in found]], g] = [tag_rows.get(tag, 0) for _i, tag in found]
        return out

    def _document_rows(
        self, ids: np.ndarray, first: np.ndarray, layout: Layout, documents: Sequence[Sequence[Sequence[str]]]
    ) -> np.ndarray:
        """[token, feature]: the second pass's feature rows, `l=`, `d=`, then those of the tokens before, after."""
        kind = self._type[first]
        stems = self._words.stem[ids]
        # all documents in one call: a stem numbered anew in each document is never met in another one's window
        doc = np.repeat(np.arange(len(documents)), [sum(map(len, d)) for d in documents])
        stems = doc * (int(stems.max(initial=0)) + 1) + stems
        codes = doc_types(stems, layout.sentence, kind, self._n_types, self._window)
        before = layout.position > 0
        after = layout.position < layout.lengths[layout.sentence] - 1
        lr, dr = self._label_rows, self._doc_rows
        out = np.zeros((len(ids), 6), np.intp)
        out[:, 0] = lr[""][first]
        out[:, 1] = dr[""][codes]
        out[1:, 2] = lr["-1"][first[:-1]]
        out[1:, 3] = dr["-1"][codes[:-1]]
        out[:-1, 4] = lr["+1"][first[1:]]
        out[:-1, 5] = dr["+1"][codes[1:]]
        out[~before, 2:4] = 0
        out[~after, 4:6] = 0
        return out


def export_word_rows(model_dir: Path) -> None:
    """Write the feature rows of every word in the model's word table, which spares tagging their lookup.

    Rows depend on the weights, the word table and the cue words: export this
    after any of them changes (scripts/train_ner.py does).
    """
    (model_dir / WORD_ROWS).unlink(missing_ok=True)
    tagger = Tagger(model_dir)
    words = tagger.featurizer.lexicon.words.tolist()
    analyses = tagger.featurizer.analyze_many(words)
    if analyses.norms != words:
        raise ValueError("the word table holds words that are not in normal form")
    rows = tagger._words.feature_rows(analyses)
    np.save(model_dir / WORD_ROWS, rows.astype(np.uint16 if len(tagger.weights.rows) <= 1 << 16 else np.int32))


@cache
def load_tagger() -> Tagger:
    """The packaged tagger, loaded on first use and shared afterwards."""
    return Tagger()
