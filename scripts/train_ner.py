"""Train rasd's NER model (CRF over PERS/LOC/ORG/MISC) and write it into the package.

Steps, all with fixed seeds:
1. word clusters from the openly licensed corpora (`ner_clusters.py`; cached
   in build/ner/, relearned only when missing);
2. cue words from the training data; from the other corpora (WikiFANE,
   Wojood): a name list with their own fine types, and how often each word
   stands inside names of each type (`word_types`);
3. the first-pass CRF (python-crfsuite, L-BFGS with elastic-net
   regularization) on ANERcorp, WikiFANE and Wojood mapped to ANERcorp's types;
4. the second-pass CRF, whose document features come from first-pass tags:
   on the training data those tags are jackknifed (each half tagged by a
   first pass trained on the other half), so that the second pass learns how
   far to trust a first pass that has not seen the sentence.

`--dev` trains on the training parts only and prints entity scores on the
held-out dev parts (the last 12% of ANERcorp, the last 10% of WikiFANE);
without it, the model is trained on everything and written to
src/rasd/ner/model/. The CRFs are exported as arrays (`crf.npz`), the word
table as `lexicon.npz` with its words' feature rows (`word_rows.npy`), the
knowledge base's names as `kb_names.tsv`; the export is checked to tag
exactly as crfsuite does. `--export-only` redoes these steps from the CRFs of
the last training run in build/ner/ (after a knowledge-base change, say),
without training.

    nice -n 10 python scripts/train_ner.py --dev        # measure
    nice -n 10 python scripts/train_ner.py              # build the shipped model
    python scripts/train_ner.py --export-only           # refresh the shipped files from build/ner/crf
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

import ner_clusters
import ner_data as data
import pycrfsuite

from rasd.ner.conll import Sentence
from rasd.ner.evaluate import entity_scores, format_scores, spans
from rasd.ner.features import Featurizer, Lexicon, WordTypes
from rasd.ner.tagger import (
    MODEL_DIR,
    Tagger,
    Weights,
    export_word_rows,
    kb_gazetteer,
    load_names,
    load_word_types,
)
from rasd.text import normalize

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "build" / "ner"
CUE_MIN_COUNT = 5
CUE_MIN_SHARE = 0.25
# `word_types`: words seen at least this often; a type counts from the first share of their uses, H from the second
TYPE_MIN_COUNT = 2
TYPE_SHARES = (0.2, 0.6)


def corpora(
    names: list[str], holdout: bool, glued: bool = True, fine: bool = False
) -> tuple[list[list[Sentence]], dict[str, list[Sentence]]]:
    """(training sentences per corpus, dev sentences per corpus); dev is empty unless `holdout`.

    `glued=False` keeps WikiFANE's proclitics apart (for name lists, whose names then start clean);
    `fine=True` keeps each corpus's own types (and the sentences whose types ANERcorp's cannot express).
    """
    train: list[list[Sentence]] = []
    dev: dict[str, list[Sentence]] = {}
    loaders = {
        "anercorp": data.load_anercorp,
        "wikifane": lambda: data.load_wikifane(mapping=None if fine else data.FANE_MAP, glued=glued),
        "wojood": lambda: data.load_wojood(mapping=None if fine else data.WOJOOD_MAP),
    }
    for name in names:
        sentences = loaders[name]()
        if holdout and name in data.DEV_FRACTION:
            sentences, dev[name] = data.split(sentences, data.DEV_FRACTION[name])
        train.append(sentences)
    return train, dev


def cue_words(sentences: list[Sentence], featurizer: Featurizer) -> dict[str, str]:
    """Stems that often stand right before the start of a name of one type (الرئيس → PERS).

    A stem is a cue for a type when it precedes at least CUE_MIN_COUNT names
    of that type and that is at least CUE_MIN_SHARE of its occurrences; the
    words themselves are not names (they are tagged O).
    """
    seen: Counter[str] = Counter()
    before: Counter[tuple[str, str]] = Counter()
    for s in sentences:
        stems = [featurizer.stem(t)[1] for t in s.tokens]
        tags = s.tags or []
        for i, stem in enumerate(stems[:-1]):
            if tags[i] != "O":
                continue
            seen[stem] += 1
            if tags[i + 1].startswith("B-"):
                before[(stem, tags[i + 1][2:])] += 1
    cues = {}
    for (stem, kind), n in before.most_common():
        if n >= CUE_MIN_COUNT and n >= CUE_MIN_SHARE * seen[stem] and stem not in cues:
            cues[stem] = kind
    return cues


def name_list(sentences: list[Sentence]) -> dict[str, str]:
    """Names of mapped types from tagged sentences, normalized: name → its most frequent type.

    A one-word name that the corpus more often leaves untagged (a common word
    that is sometimes a name) is left out.
    """
    types: dict[str, Counter[str]] = {}
    plain: Counter[str] = Counter()
    for s in sentences:
        norms = [normalize(t) for t in s.tokens]
        tags = s.tags or []
        for start, end, kind in spans(tags):
            types.setdefault(" ".join(norms[start:end]), Counter())[kind] += 1
        plain.update(n for n, t in zip(norms, tags, strict=True) if t == "O")
    out = {}
    for name, kinds in types.items():
        kind, n = kinds.most_common(1)[0]
        if " " in name or (len(name) >= 3 and plain[name] <= n):
            out[name] = kind
    return out


def word_types(sentences: list[Sentence]) -> WordTypes:
    """How each normalized word stands in the names of tagged sentences: `t=` (or `tf=`) feature values.

    A word seen at least TYPE_MIN_COUNT times gets each type whose names hold
    at least TYPE_SHARES[0] of its occurrences, marked `H` from TYPE_SHARES[1]
    on, else `L` (`PERSH`, `LOCL`), the most frequent first. Taken from
    corpora other than ANERcorp, the values are as reliable on names the CRF
    never saw as on those it did: a Wikipedia given name marks a new full name.
    """
    total: Counter[str] = Counter()
    inside: dict[str, Counter[str]] = {}
    for s in sentences:
        norms = [normalize(t) for t in s.tokens]
        total.update(norms)
        for start, end, kind in spans(s.tags or []):
            for norm in norms[start:end]:
                inside.setdefault(norm, Counter())[kind] += 1
    out = {}
    for word, kinds in inside.items():
        n = total[word]
        if n >= TYPE_MIN_COUNT and len(word) >= 2:
            found = sorted((-k, kind) for kind, k in kinds.items() if k >= TYPE_SHARES[0] * n)
            if found:
                out[word] = tuple(kind + ("H" if -k >= TYPE_SHARES[1] * n else "L") for k, kind in found)
    return out


def cluster_table(source: str, holdout: bool) -> Path:
    """The cluster table for `source`, learned once and cached under build/ner/."""
    holdout = holdout and source in ("open", "both")  # only the open corpora include dev text
    path = CACHE / f"clusters-{source}{'-holdout' if holdout else ''}.tsv"
    if not path.exists():
        ner_clusters.build(source, path, holdout=holdout, min_count=3 if source == "news" else 2)
    return path


def fit(features: list[list[list[str]]], sentences: list[Sentence], out: Path, params: dict) -> None:
    """Fit a CRF on featurized sentences and save it to `out`."""
    trainer = pycrfsuite.Trainer(verbose=False)
    for feats, s in zip(features, sentences, strict=True):
        trainer.append(feats, s.tags)
    trainer.set_params(params | {"feature.possible_transitions": True})
    trainer.train(str(out))


def jackknife(parts: list[list[Sentence]], featurizer: Featurizer, work: Path, params: dict) -> list[list[str]]:
    """First-pass tags for every training sentence from a model that did not see it (two folds).

    Each corpus part is cut in half; fold A is every first half, fold B every second.
    """
    halves = [(p[: len(p) // 2], p[len(p) // 2 :]) for p in parts]
    folds = [[s for a, _ in halves for s in a], [s for _, b in halves for s in b]]
    tags: dict[int, list[list[str]]] = {}
    for k in (0, 1):
        train_on, tag_these = folds[1 - k], folds[k]
        fit([featurizer.sentence(s.tokens) for s in train_on], train_on, work / f"fold{k}.crfsuite", params)
        crf = pycrfsuite.Tagger()
        crf.open(str(work / f"fold{k}.crfsuite"))
        tags[k] = [crf.tag(featurizer.sentence(s.tokens)) for s in tag_these]
    out: list[list[str]] = []
    for i, (a, b) in enumerate(halves):
        start_a = sum(len(h[0]) for h in halves[:i])
        start_b = sum(len(h[1]) for h in halves[:i])
        out.extend(tags[0][start_a : start_a + len(a)])
        out.extend(tags[1][start_b : start_b + len(b)])
    return out


def second_pass_features(
    parts: list[list[Sentence]], first: list[list[str]], featurizer: Featurizer, window: int
) -> list[list[list[str]]]:
    """Second-pass features of the training sentences, each corpus part taken as one long document."""
    out: list[list[list[str]]] = []
    start = 0
    for part in parts:
        out.extend(featurizer.document([s.tokens for s in part], first[start : start + len(part)], window))
        start += len(part)
    return out


def evaluate(tagger: Tagger, dev: dict[str, list[Sentence]], types: dict[str, tuple[str, ...]]) -> dict:
    """Print and return dev scores per corpus (WikiFANE on the types the Wikipedia bar names)."""
    results = {}
    for name, sentences in dev.items():
        pred = tagger.tag_many([s.tokens for s in sentences])
        gold = [s.tags or [] for s in sentences]
        keep = types.get(name)
        if keep:
            gold = [[t if t[2:] in keep else "O" for t in g] for g in gold]
            pred = [[t if t[2:] in keep else "O" for t in p] for p in pred]
        scores = entity_scores(gold, pred)
        print(f"\n== dev: {name} ==\n{format_scores(scores)}")
        results[name] = scores.as_dict()
    return results


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dev", action="store_true", help="hold out the dev parts and report scores on them")
    ap.add_argument("--corpora", default="anercorp")
    ap.add_argument("--clusters", choices=("open", "wordfreq", "both", "news", "none"), default="wordfreq")
    ap.add_argument("--c1", type=float, default=0.02)
    ap.add_argument("--c2", type=float, default=0.01)
    ap.add_argument("--max-iterations", type=int, default=150)
    ap.add_argument("--names-from", default="wikifane",
                    help="corpora whose names, with their own types, become a name-list feature (`h=`)")
    ap.add_argument("--types-from", default="wikifane,wojood",
                    help="corpora whose names tell how each word stands in names (`t=`, `tf=`)")
    ap.add_argument("--no-gazetteer", action="store_true", help="leave out the knowledge-base name features")
    ap.add_argument("--window", type=int, default=20, help="second pass: document window in sentences (0: none)")
    ap.add_argument("--out", type=Path, help="model folder (default: the package's, or build/ner/dev-model with --dev)")
    ap.add_argument("--export-only", action="store_true", help="no training: export the CRFs last trained")
    ap.add_argument("--kb-names-only", action="store_true",
                    help="only rewrite kb_names.tsv from the knowledge base (after editing its aliases; no training)")
    args = ap.parse_args()
    if args.kb_names_only:
        write_names(MODEL_DIR / "kb_names.tsv", kb_gazetteer())
        return

    t0 = time.time()
    out = args.out or (CACHE / "dev-model" if args.dev else MODEL_DIR)
    work = CACHE / ("crf-dev" if args.dev else "crf")
    for folder in (out, work):
        folder.mkdir(parents=True, exist_ok=True)
    parts, _ = corpora(args.corpora.split(","), holdout=args.dev)
    train_set = [s for p in parts for s in p]
    featurizer = prepare(args, out, train_set)
    params = {"c1": args.c1, "c2": args.c2, "max_iterations": args.max_iterations}
    crfs = [work / "first.crfsuite"] + ([work / "doc.crfsuite"] if args.window else [])
    if not args.export_only:
        t1 = time.time()
        fit([featurizer.sentence(s.tokens) for s in train_set], train_set, crfs[0], params)
        t2 = time.time()
        if args.window:
            first = jackknife(parts, featurizer, work, params)
            doc_features = second_pass_features(parts, first, featurizer, args.window)
            fit(doc_features, train_set, crfs[1], params)
        t3 = time.time()
        print(f"{len(train_set)} sentences, {sum(len(s.tokens) for s in train_set)} tokens; data+clusters "
              f"{t1 - t0:.0f}s, first pass {t2 - t1:.0f}s, second pass {t3 - t2:.0f}s", file=sys.stderr)
    Weights.from_crfsuite(crfs).save(out / "crf.npz")
    export_word_rows(out)
    check_export(crfs, out, train_set[-300:], args.window)
    if args.dev:
        _, dev = corpora(["anercorp", "wikifane"], holdout=True)
        evaluate(Tagger(out), dev, {"wikifane": ("PERS", "LOC", "ORG")})


def prepare(args: argparse.Namespace, out: Path, train_set: list[Sentence]) -> Featurizer:
    """Write the word table, cue words, name list and meta.json into `out`; the featurizer they make."""
    lexicon = Lexicon.from_entries([]) if args.clusters == "none" else Lexicon.read_table(
        cluster_table(args.clusters, args.dev)
    )
    lexicon.save(out / "lexicon.npz")
    cues = cue_words(train_set, Featurizer(lexicon, {}))
    meta = {
        "format": 3,
        "trained_on": args.corpora,
        "names_from": args.names_from,
        "types_from": args.types_from,
        "clusters": args.clusters,
        "params": {"c1": args.c1, "c2": args.c2, "max_iterations": args.max_iterations},
        "window": args.window,
        "gazetteer": not args.no_gazetteer,
        "cues": cues,
    }
    (out / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=0, sort_keys=True), encoding="utf-8")
    gazetteers: dict[str, dict[str, str]] = {}
    lists: dict[str, dict[str, str] | None] = {"g": None if args.no_gazetteer else kb_gazetteer(), "h": None}
    if args.names_from:
        name_parts, _ = corpora(args.names_from.split(","), holdout=args.dev, glued=False, fine=True)
        lists["h"] = name_list([s for p in name_parts for s in p])
    for feature, file in (("g", "kb_names.tsv"), ("h", "names.tsv")):
        (out / file).unlink(missing_ok=True)
        if lists[feature] is not None:
            write_names(out / file, lists[feature])
            gazetteers[feature] = load_names(out / file)
    types_file = out / "word_types.tsv"
    types_file.unlink(missing_ok=True)
    if not args.types_from:
        return Featurizer(lexicon, cues, gazetteers)
    # `t=` from the types mapped to ANERcorp's, `tf=` from each corpus's own
    types = {
        template: word_types([s for p in corpora(args.types_from.split(","), args.dev, fine=fine)[0] for s in p])
        for template, fine in (("t", False), ("tf", True))
    }
    with open(types_file, "w", encoding="utf-8") as f:
        f.writelines(f"{t}\t{w}\t{'|'.join(v)}\n" for t, table in types.items() for w, v in sorted(table.items()))
    return Featurizer(lexicon, cues, gazetteers, load_word_types(types_file))


def write_names(path: Path, names: dict[str, str]) -> None:
    """A `name<TAB>type` table, sorted, as `load_names` reads it."""
    with open(path, "w", encoding="utf-8") as f:
        f.writelines(f"{k}\t{v}\n" for k, v in sorted(names.items()))


def check_export(crfs: list[Path], out: Path, sentences: list[Sentence], window: int) -> None:
    """The exported model must tag exactly as crfsuite does: the first pass, then the second over `sentences`
    taken as one document."""
    tagger = Tagger(out)
    tokens = [s.tokens for s in sentences]
    crf = pycrfsuite.Tagger()
    crf.open(str(crfs[0]))
    first = [tagger.first_pass(t) for t in tokens]
    differ = sum(crf.tag(tagger.featurizer.sentence(t)) != tags for t, tags in zip(tokens, first, strict=True))
    if len(crfs) > 1 and not differ:
        crf.open(str(crfs[1]))
        doc = tagger.featurizer.document(tokens, first, window)
        differ = sum(crf.tag(f) != tags for f, tags in zip(doc, tagger.tag_many(tokens), strict=True))
    if differ:
        raise SystemExit(f"the exported model disagrees with crfsuite on {differ} of {len(sentences)} sentences")


if __name__ == "__main__":
    main()
