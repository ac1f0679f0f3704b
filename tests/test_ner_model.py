"""The statistical NER model: CoNLL files, scoring, features, the shipped tagger and its commands."""

from __future__ import annotations

import io
import itertools
import json

import numpy as np
import pytest

from rasd.errors import InputError
from rasd.ner.commands import run_eval, run_tag
from rasd.ner.conll import Sentence, read_conll, write_tagged
from rasd.ner.evaluate import entity_scores, format_scores, spans
from rasd.ner.features import (
    EDGE,
    OFFSETS,
    PREFIX,
    Featurizer,
    Lexicon,
    doc_types,
    doc_values,
    known_names,
    shape,
    shape_many,
)
from rasd.ner.tagger import Layout, Tagger, Weights, load_tagger, load_word_types, sum_rows, viterbi
from rasd.text import clitic_splits

# ---------------------------------------------------------------- CoNLL files


def test_read_conll_tolerates_bom_crlf_marks_and_blank_runs(tmp_path):
    path = tmp_path / "gold.conll"
    text = "\ufeff\u200eفرانكفورت\tB-LOC\r\n\u200eأعلن\tO  \r\n\r\n\r\n\u200eميركل B-PERS\r\n"
    path.write_bytes(text.encode("utf-8"))
    sents = read_conll(path)
    assert [s.tokens for s in sents] == [["فرانكفورت", "أعلن"], ["ميركل"]]
    assert [s.tags for s in sents] == [["B-LOC", "O"], ["B-PERS"]]


def test_read_conll_takes_first_column_as_token_and_last_as_tag():
    sents = read_conll(io.StringIO("روسيا NNP x B-LOC\nقالت VBD O\n\nفي IN\n"))
    assert sents[0] == Sentence(["روسيا", "قالت"], ["B-LOC", "O"], 0)
    # a middle column that is not a tag leaves the sentence untagged
    assert sents[1] == Sentence(["في"], None, 0)


def test_read_conll_untagged_tokens_and_empty_input():
    assert read_conll(io.StringIO("")) == []
    assert read_conll(io.StringIO("\n\n  \n")) == []
    assert read_conll(io.StringIO("موسكو\nأمس\n")) == [Sentence(["موسكو", "أمس"], None, 0)]


def test_read_conll_docstart_separates_documents():
    sents = read_conll(io.StringIO("-DOCSTART- O\n\nأ O\n\nب O\n-DOCSTART- O\nج O\n"))
    assert [(s.tokens, s.doc) for s in sents] == [(["أ"], 1), (["ب"], 1), (["ج"], 2)]


def test_read_conll_gold_errors_name_file_and_line(tmp_path):
    path = tmp_path / "bad.conll"
    path.write_text("روسيا B-LOC\nقالت\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_conll(path, require_tags=True)
    assert str(err.value).startswith(f"{path}:2:")
    path.write_text("روسيا B-LOC\nقالت X-PERS\n", encoding="utf-8")
    with pytest.raises(InputError, match="'X-PERS' is not a BIO tag"):
        read_conll(path, require_tags=True)


def test_read_conll_rejects_binary_and_non_utf8(tmp_path):
    path = tmp_path / "bin.conll"
    path.write_bytes(b"ok O\n\x00\x01\x02\n")
    with pytest.raises(InputError, match=r"bin\.conll:2: binary"):
        read_conll(path)
    path.write_bytes("سطر O\n".encode() + "روسيا O\n".encode("cp1256"))
    with pytest.raises(InputError, match=r"bin\.conll:2: not UTF-8"):
        read_conll(path)
    with pytest.raises(InputError, match="cannot read"):
        read_conll(tmp_path / "missing.conll")


def test_write_tagged_format():
    out = io.StringIO()
    write_tagged(out, [(["أ", "ب"], ["B-PERS", "I-PERS"]), (["ج"], ["O"])])
    assert out.getvalue() == "أ\tB-PERS\nب\tI-PERS\n\nج\tO\n\n"
    with pytest.raises(ValueError):
        write_tagged(io.StringIO(), [(["أ"], [])])


# ---------------------------------------------------------------- scoring


def test_spans_follow_conlleval():
    assert spans(["B-PERS", "I-PERS", "O", "B-LOC", "B-LOC"]) == [(0, 2, "PERS"), (3, 4, "LOC"), (4, 5, "LOC")]
    # I- after O, or after another type, opens a chunk
    assert spans(["O", "I-ORG", "I-ORG", "I-LOC"]) == [(1, 3, "ORG"), (3, 4, "LOC")]
    assert spans([]) == []


def test_entity_scores_arithmetic():
    gold = [["B-PERS", "I-PERS", "O", "B-LOC"], ["B-ORG", "I-ORG", "O"]]
    pred = [["B-PERS", "I-PERS", "O", "B-ORG"], ["B-ORG", "O", "B-MISC"]]
    s = entity_scores(gold, pred)
    # gold: PERS(0-2) LOC(3) ORG(0-2); predicted: PERS(0-2) ORG(3) ORG(0-1) MISC(2): one correct
    assert (s.overall.tp, s.overall.fp, s.overall.fn) == (1, 3, 2)
    assert s.overall.precision == pytest.approx(1 / 4)
    assert s.overall.recall == pytest.approx(1 / 3)
    assert s.overall.f1 == pytest.approx(2 * (1 / 4) * (1 / 3) / (1 / 4 + 1 / 3))
    assert s.per_type["PERS"].f1 == 1.0
    assert s.per_type["ORG"].precision == 0.0 and s.per_type["ORG"].recall == 0.0
    assert s.per_type["LOC"].recall == 0.0
    assert s.token_accuracy == pytest.approx(4 / 7)


def test_entity_scores_rejects_misaligned_input():
    with pytest.raises(ValueError, match="sentence 1"):
        entity_scores([["O", "O"]], [["O"]])


def test_format_scores_text_and_json():
    s = entity_scores([["B-PERS", "O"]], [["B-PERS", "O"]])
    text = format_scores(s)
    assert "overall" in text and "100.00" in text
    data = json.loads(format_scores(s, "json"))
    assert data["overall"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "gold": 1, "predicted": 1, "correct": 1}
    with pytest.raises(ValueError):
        format_scores(s, "xml")


# ---------------------------------------------------------------- features


def test_stem_prefers_the_reading_the_lexicon_knows():
    lex = Lexicon.from_entries([("روسيا", 500, ("1", "2", "3")), ("وروسيا", 20, ("4", "5", "6"))])
    f = Featurizer(lex, {})
    assert f.stem("وبروسيا") == ("وب", "روسيا")
    assert f.stem("وروسيا") == ("و", "روسيا")
    assert f.stem("مجهول") == ("", "مجهول")
    word = f.describe("وبروسيا")
    assert "s=روسيا" in word.own and "p=وب" in word.own and "k2=3" in word.own
    assert "k0=1" in word.lent(-1) and "w=روسيا" in word.lent(2) and "k0=1" not in word.lent(2)


def test_lexicon_finds_words_in_bulk_and_round_trips(tmp_path):
    lex = Lexicon.from_entries([("بيت", 7, ("2", "9")), ("بيتنا", 3, ("1", "-")), ("ا", 1, ("2", "9"))])
    # a longer word sharing a prefix with a table word must not match it
    assert lex.rows(["بيتنا", "بيت", "بيتناهم", "", "غائب"]).tolist() == [2, 1, -1, -1, -1]
    assert lex.counts[lex.rows(["بيت", "غائب"])].tolist() == [7, 0]
    lex.save(tmp_path / "lex.npz")
    again = Lexicon.load(tmp_path / "lex.npz")
    assert again.words.tolist() == lex.words.tolist() and again.values == lex.values == [["1", "2"], ["-", "9"]]
    assert (again.codes == lex.codes).all() and (again.counts == lex.counts).all()
    assert Featurizer(again, {}).describe("بيتنا").own[-2:] == ["k0=1", "k1=-"]


def test_sentence_features_carry_context_and_edges():
    f = Featurizer(Lexicon.from_entries([]), {"الرئيس": "PERS"})
    feats = f.sentence(["الرئيس", "زيد"])
    assert "-1w=<s>" in feats[0] and "+1w=زيد" in feats[0]
    assert "-1q=PERS" in feats[1] and "+1w=</s>" in feats[1]
    assert f.sentence([]) == []


def test_word_types_give_a_feature_per_value_to_the_word_and_its_next_neighbours():
    lex = Lexicon.from_entries([("باريس", 90, ("1", "2", "3"))])
    types = {"t": {"باريس": ("LOCH",), "جاكلين": ("PERSL", "LOCL")}, "tf": {"باريس": ("Population-CenterH",)}}
    f = Featurizer(lex, {}, word_types=types)
    paris = f.describe("وباريس")  # found through its stem
    assert paris.own[-2:] == ["t=LOCH", "tf=Population-CenterH"] and "t=LOCH" in paris.lent(1)
    assert not any(x.startswith("t") for x in paris.lent(2))
    both = f.describe("جاكلين")
    assert both.own[-2:] == ["t=PERSL", "t=LOCL"] and both.lent(-1)[-2:] == ["t=PERSL", "t=LOCL"]
    assert not any(x.startswith("t") for x in f.describe("قال").own)
    # the same features by template, in bulk: one column per value a word may have
    cols = f.columns(f.analyze_many(["جاكلين", "وباريس", "قال"]))
    assert [(t, v) for t, v in cols.own if t.startswith("t")] == [
        ("t", ["PERSL", "LOCH", None]), ("t", ["LOCL", None, None]),
        ("tf", [None, "Population-CenterH", None]),
    ]


def test_load_word_types_reads_what_training_writes(tmp_path):
    path = tmp_path / "word_types.tsv"
    path.write_text("t\tباريس\tLOCH\nt\tجاكلين\tPERSL|LOCL\ntf\tباريس\tPopulation-CenterH\n", encoding="utf-8")
    assert load_word_types(path) == {
        "t": {"باريس": ("LOCH",), "جاكلين": ("PERSL", "LOCL")}, "tf": {"باريس": ("Population-CenterH",)}
    }


def test_shape_classes():
    assert shape("روسيا") == "a"
    assert shape("إس-300") == "apd"
    assert shape("NATO") == "l"
    assert shape_many(["ab12", "", "١٢"]) == ["ld", "", "a"]


def test_known_names_longest_match_with_proclitics():
    names = {"الامم المتحده": "ORG", "روسيا": "LOC", "بن": "PERS", "مجلس الامن الدولي": "ORG"}
    f = Featurizer(Lexicon.from_entries([]), {}, {"g": names})
    _feature, _names, prefixes = f.gazetteers[0]
    assert prefixes == {"الامم", "الامم المتحده", "روسيا", "بن", "مجلس", "مجلس الامن", "مجلس الامن الدولي"}
    norms = ["وبروسيا", "و", "الامم", "المتحده", "بن", "مجلس", "الامن", "مجلس", "الامن", "الدولي"]
    starts = f.name_starts([clitic_splits(n) for n in norms])[0]
    assert starts[0] == ("روسيا",) and starts[1] == ()
    found = [(0, "B-LOC"), (2, "B-ORG"), (3, "I-ORG"), (7, "B-ORG"), (8, "I-ORG"), (9, "I-ORG")]
    assert known_names(norms, names, prefixes, starts) == found
    assert f.name_features(norms)[0] == ["g=B-LOC"] and 4 not in f.name_features(norms)


def _doc_types_reference(stems, sentence, kind, window):
    """`doc_types` spelled out the straightforward way, one token at a time."""
    out = []
    for i in range(len(stems)):
        counts: dict[int, int] = {}
        for j in range(len(stems)):
            if stems[j] == stems[i] and sentence[j] != sentence[i] and abs(sentence[j] - sentence[i]) <= window:
                counts[kind[j]] = counts.get(kind[j], 0) + 1
        plain = counts.pop(0, 0)
        if not counts:
            out.append(1 if plain else 0)
            continue
        best = max(counts, key=counts.__getitem__)  # the first seen wins a tie
        out.append(1 + best if counts[best] >= plain else 1 + 4 + best)
    return out


def test_doc_types_match_a_token_by_token_reading():
    rng = np.random.default_rng(7)
    for _ in range(200):
        n = int(rng.integers(0, 40))
        stems = rng.integers(0, 6, n)
        sentence = np.sort(rng.integers(0, 8, n))
        kind = rng.integers(0, 5, n) * (rng.random(n) < 0.4)
        window = int(rng.integers(0, 4))
        assert doc_types(stems, sentence, kind, 4, window).tolist() == _doc_types_reference(
            stems.tolist(), sentence.tolist(), kind.tolist(), window
        )
    assert doc_values(["LOC", "PERS"]) == ["-", "O", "LOC", "PERS", "LOC/O", "PERS/O"]


def test_document_features_tell_what_the_first_pass_said_nearby():
    f = Featurizer(Lexicon.from_entries([]), {})
    sentences = [["قال", "لوب"], ["لوب", "فاز"], ["لوب"], ["فاز"]]
    first = [["O", "B-PERS"], ["O", "O"], ["B-LOC"], ["O"]]
    feats = f.document_features(sentences, first, window=1)
    # لوب around sentence 1: PERS before, LOC after (a tie: the first seen wins); فاز: two sentences apart
    assert feats[0][1] == ["l=B-PERS", "d=O", "-1l=O", "-1d=-"]
    assert feats[1] == [["l=O", "d=PERS", "+1l=O", "+1d=-"], ["l=O", "d=-", "-1l=O", "-1d=PERS"]]
    assert feats[2][0] == ["l=B-LOC", "d=O"]
    assert feats[3][0] == ["l=O", "d=-"]


# ---------------------------------------------------------------- the CRF decoder


def _viterbi_reference(emissions, transitions):
    """One sentence, in plain Python: the decoder the model shipped with first (ties: the lower label)."""
    if not len(emissions):
        return []
    labels = range(len(transitions))
    best = list(emissions[0])
    steps = [best]
    for em in emissions[1:]:
        best = [max(best[a] + transitions[a][b] for a in labels) + em[b] for b in labels]
        steps.append(best)
    y = max(labels, key=best.__getitem__)
    path = [y]
    for prev in reversed(steps[:-1]):
        y = max(labels, key=lambda a, p=prev, y=y: p[a] + transitions[a][y])
        path.append(y)
    return path[::-1]


def _path_score(path: tuple[int, ...], emissions: np.ndarray, transitions: np.ndarray) -> float:
    return sum(emissions[i][y] for i, y in enumerate(path)) + sum(
        transitions[a][b] for a, b in zip(path, path[1:], strict=False)
    )


def test_viterbi_matches_brute_force_and_the_plain_decoder():
    rng = np.random.default_rng(3)
    for trial in range(300):
        n_labels = int(rng.integers(1, 4))
        lengths = rng.integers(0, 6, int(rng.integers(1, 6)))
        transitions = rng.standard_normal((n_labels, n_labels))
        emissions = rng.standard_normal((int(lengths.sum()), n_labels))
        if trial % 3 == 0:  # whole numbers: ties everywhere
            transitions, emissions = np.round(transitions), np.round(emissions)
        got = viterbi(emissions, Layout(lengths), transitions).tolist()
        expected, start = [], 0
        for n in lengths.tolist():
            em = emissions[start : start + n]
            start += n
            plain = _viterbi_reference(em.tolist(), transitions.tolist())
            if trial % 3:  # no ties: the one best path
                paths = list(itertools.product(range(n_labels), repeat=n))
                totals = [_path_score(p, em, transitions) for p in paths]
                assert tuple(plain) == paths[totals.index(max(totals))]
            expected += plain
        assert got == expected
    assert viterbi(np.zeros((0, 3)), Layout([0, 0]), np.zeros((3, 3))).tolist() == []


def test_sum_rows_adds_feature_by_feature():
    rng = np.random.default_rng(5)
    rows = rng.standard_normal((50, 4)) * 10.0 ** rng.integers(-8, 8, (50, 4))
    columns = rng.integers(0, 50, (30, 7))
    expected = np.zeros((30, 4))
    for j in range(7):  # crfsuite's order: one feature after the other
        expected += rows[columns[:, j]]
    assert (sum_rows(rows, columns) == expected).all()


def _weights() -> Weights:
    labels = ["O", "B-PERS", "I-PERS"]
    index = {"-1w": {"الرئيس": 1}, "b": {"": 2}, "w": {"زيد": 3}}
    rows = np.array([[0.0] * 6, [-1.0, 1.5, 0, 0, 0, 0], [0.5, 0, 0, 0.25, 0, 0], [0, 2.0, 0.5, 0, 1.0, 0]])
    transitions = np.array([[[0.2, 0.0, -5.0], [0.0, -1.0, 2.0], [0.1, 0.0, 1.0]]] * 2)
    return Weights(labels, index, rows, transitions)


def test_weights_score_and_round_trip(tmp_path):
    w = _weights()
    assert w.row("w=زيد") == 3 and w.row("b") == 2 and w.row("w=عمرو") == 0
    assert w.score(["b", "w=زيد", "unknown"]).tolist() == [0.5, 2.0, 0.5, 0.25, 1.0, 0.0]
    assert w.score([]).tolist() == [0.0] * 6
    assert w.first().rows.shape == (4, 3) and len(w.first().transitions) == 1
    w.save(tmp_path / "w.npz")
    again = Weights.load(tmp_path / "w.npz")
    assert again.labels == w.labels and again.index == w.index
    assert (again.rows == w.rows).all() and (again.transitions == w.transitions).all()
    # the same weights give the same bytes: training is reproducible
    again.save(tmp_path / "again.npz")
    assert (tmp_path / "again.npz").read_bytes() == (tmp_path / "w.npz").read_bytes()


# ---------------------------------------------------------------- the shipped tagger


def _entities(tokens: list[str], tags: list[str]) -> set[tuple[str, str]]:
    return {(" ".join(tokens[a:b]), kind) for a, b, kind in spans(tags)}


def test_load_tagger_is_cached():
    assert load_tagger() is load_tagger()


def test_tagger_finds_names_seen_in_training():
    tokens = "وقال الرئيس الأمريكي جورج بوش في واشنطن إن الولايات المتحدة ستدعم الأمم المتحدة".split()
    found = _entities(tokens, load_tagger().tag(tokens))
    assert ("جورج بوش", "PERS") in found
    assert ("واشنطن", "LOC") in found


def test_tagger_finds_unseen_names_from_their_context():
    # made-up names: none of these words occurs in ANERcorp, WikiFANE or the word table
    tagger = load_tagger()
    tokens = "وصل الرئيس فيلوميتو زارانكيفو إلى القاهرة أمس في زيارة رسمية".split()
    found = _entities(tokens, tagger.tag(tokens))
    assert ("فيلوميتو زارانكيفو", "PERS") in found
    assert ("القاهرة", "LOC") in found
    tokens = "وقالت المتحدثة باسم الوزارة لودميلا كرافتشينكو إن الاجتماع سيعقد غدا".split()
    assert _entities(tokens, tagger.tag(tokens)) == {("لودميلا كرافتشينكو", "PERS")}
    tokens = "وأعلنت شركة بتروكسيال عن أرباح قياسية هذا العام".split()
    assert _entities(tokens, tagger.tag(tokens)) == {("بتروكسيال", "ORG")}


def test_tagger_repeated_surname_in_the_document():
    # alone, the second sentence gives too little context for the unseen (made-up) surname; the document
    # pass knows it from the full name in the first
    doc = [
        "وقال وزير الخارجية البرازيلي أنطونيو زارانكيفو إن بلاده تدعم الاتفاق".split(),
        "وتعهد زارانكيفو بدعم المفاوضات".split(),
    ]
    tagger = load_tagger()
    assert tagger.tag(doc[1]) == ["O"] * 4
    tags = tagger.tag_many(doc)
    assert ("أنطونيو زارانكيفو", "PERS") in _entities(doc[0], tags[0])
    assert _entities(doc[1], tags[1]) == {("زارانكيفو", "PERS")}


def test_first_pass_alone_is_the_first_crf():
    tokens = "وقال الرئيس الفرنسي جاك شيراك في باريس".split()
    assert Tagger(document_pass=False).tag(tokens) == load_tagger().first_pass(tokens)


def test_tagger_output_shape():
    tagger = load_tagger()
    sents = [["في", "موسكو"], [], ["أمس"]]
    tags = tagger.tag_many(sents)
    assert [len(t) for t in tags] == [2, 0, 1]
    assert all(t == "O" or t[:2] in ("B-", "I-") for ts in tags for t in ts)
    assert tagger.tag([]) == []


def test_bulk_word_scores_equal_feature_by_feature_sums():
    tagger = Tagger()
    words = tagger._words
    # in the word table and not, with clitics, digits, Latin letters, punctuation
    tokens = ["الرئيس", "وبروسيا", "فيلوميتو", "زارانكيفو", "2758ر1", "NATO", "(", "للأمم", "بتروكسيال", "في"]
    ids = words.ids(tokens)
    for token, i in zip(tokens, ids.tolist(), strict=True):
        word = tagger.featurizer.describe(token)
        assert (words.own[i] == tagger.weights.score(word.own)).all(), token
        for off in OFFSETS:
            lent = tagger.weights.score([PREFIX[off] + f for f in word.lent(off)])
            assert (words.lent[off][i] == lent).all(), (token, off)
    for off in OFFSETS:
        assert (words.lent[off][0] == tagger.weights.score([PREFIX[off] + f for f in EDGE[off]])).all()
    assert words.ids(tokens).tolist() == ids.tolist()  # scored once


def test_word_rows_table_is_the_featurization_of_the_word_table():
    tagger = load_tagger()
    words = tagger.featurizer.lexicon.words[::97].tolist()
    analyses = tagger.featurizer.analyze_many(words)
    table = tagger._words.table
    assert (table[analyses.norm_rows] == tagger._words.feature_rows(analyses)).all()


def _reference_tags(tagger: Tagger, sentences: list[list[str]]) -> list[list[str]]:
    """Both passes the slow way: crfsuite feature strings, their weights summed, the plain decoder."""
    f, w, n = tagger.featurizer, tagger.weights, len(tagger.weights.labels)

    def decode(features: list[list[str]], k: int) -> list[str]:
        emissions = [w.score(feats)[k * n : (k + 1) * n].tolist() for feats in features]
        return [w.labels[y] for y in _viterbi_reference(emissions, w.transitions[k].tolist())]

    first = [decode(f.sentence(s), 0) for s in sentences]
    return [decode(feats, 1) for feats in f.document(sentences, first, tagger._window)]


def test_tagger_tags_as_the_feature_strings_say():
    tagger = load_tagger()
    doc = [
        "وقال وزير الخارجية البرازيلي أنطونيو باتريوتا إن بلاده تدعم الاتفاق".split(),
        "وتعهد باتريوتا بدعم المفاوضات مع مجلس الأمن الدولي في نيويورك".split(),
        "وأعلنت شركة بتروكسيال عن أرباح قياسية هذا العام".split(),
    ]
    assert tagger.tag_many(doc) == _reference_tags(tagger, doc)
    # ANERcorp sentences (CC BY-SA 4.0): clitics, Arabic decimal commas, punctuation
    news = [
        "وأعرب شيراك عن أمله في أن ينجح الحوار مع إيران لحل الأزمة النووية .".split(),
        "وقتل صبي إثر سقوط قذيفة هاون على حي المعتصم بسامراء .".split(),
        "كما زاد الخام الامريكي في بورصة نايمكس 04ر0 دولار الي 49ر61 دولار .".split(),
    ]
    tags = tagger.tag_many(news)
    assert tags == _reference_tags(tagger, news)
    assert tags[0][1] == "B-PERS" and tags[0][9] == "B-LOC"


def test_tagger_forgets_words_past_its_cache_size(monkeypatch):
    import rasd.ner.tagger as tagger_module

    doc = [
        "وقال وزير الخارجية البرازيلي أنطونيو باتريوتا إن بلاده تدعم الاتفاق".split(),
        "وتعهد باتريوتا بدعم المفاوضات".split(),
    ]
    expected = load_tagger().tag_many(doc)
    monkeypatch.setattr(tagger_module, "WORD_CACHE_SIZE", 4)  # fewer than one sentence's words
    small = Tagger()
    assert small.tag_many(doc) == expected
    assert small.tag(doc[1]) == load_tagger().tag(doc[1])  # after forgetting the first document's words
    assert small.tag_many(doc) == expected


def test_documents_tagged_together_as_one_by_one():
    tagger = load_tagger()
    docs = [
        [["وقال", "الرئيس", "جاك", "شيراك"], [], ["في", "باريس"]],
        [["وصل", "باتريوتا", "إلى", "القاهرة"]],
        [],
    ]
    assert tagger.tag_documents(docs) == [tagger.tag_many(d) for d in docs]


# ---------------------------------------------------------------- commands


def test_run_tag_writes_token_tab_tag_lines():
    src = io.StringIO("\ufeffوقال\tx\nالرئيس\nجورج\nبوش\n\nفي\nموسكو\n")
    out = io.StringIO()
    run_tag(src, out)
    blocks = out.getvalue().split("\n\n")
    assert blocks[-1] == ""
    lines = [b.split("\n") for b in blocks[:-1]]
    assert [[ln.split("\t")[0] for ln in b] for b in lines] == [["وقال", "الرئيس", "جورج", "بوش"], ["في", "موسكو"]]
    assert all(len(ln.split("\t")) == 2 for b in lines for ln in b)
    assert lines[0][2].endswith("\tB-PERS") and lines[1][1].endswith("\tB-LOC")


def test_run_tag_in_small_chunks_gives_the_same_output(monkeypatch):
    import rasd.ner.commands as commands

    sentences = ["وقال الرئيس جورج بوش", "في موسكو", "وتعهد باتريوتا بدعم المفاوضات"]
    document = "-DOCSTART- O\n\n" + "\n\n".join(s.replace(" ", "\n") for s in sentences) + "\n\n"
    whole = io.StringIO()
    run_tag(io.StringIO(document * 3), whole)
    monkeypatch.setattr(commands, "CHUNK_TOKENS", 3)  # each document tagged apart
    chunked = io.StringIO()
    run_tag(io.StringIO(document * 3), chunked)
    assert chunked.getvalue() == whole.getvalue()
    assert whole.getvalue().count("\n\n") == 9


def test_run_eval_scores_a_gold_file(tmp_path):
    gold = tmp_path / "gold.conll"
    gold.write_text("الرئيس O\nجورج B-PERS\nبوش I-PERS\nفي O\nواشنطن B-LOC\n\nموسكو B-LOC\n", encoding="utf-8")
    out = io.StringIO()
    scores = run_eval(gold, out, format="json")
    data = json.loads(out.getvalue())
    assert data["overall"]["gold"] == 3 == scores.overall.tp + scores.overall.fn
    assert set(data["per_type"]) >= {"PERS", "LOC"}
    out = io.StringIO()
    run_eval(gold, out)
    assert out.getvalue().startswith("processed 6 tokens with 3 gold entities")
    with pytest.raises(ValueError):
        run_eval(gold, io.StringIO(), format="xml")


def test_the_shipped_kb_name_list_is_the_knowledge_base_of_today():
    """The tagger reads the KB's names from a snapshot (fast start); an alias edit must refresh it."""
    from rasd.ner.tagger import MODEL_DIR, kb_gazetteer, load_names

    snapshot = load_names(MODEL_DIR / "kb_names.tsv")
    live = kb_gazetteer()
    changed = sorted(k for k in snapshot.keys() ^ live.keys())[:5] or sorted(
        k for k in live if snapshot[k] != live[k])[:5]
    assert not changed, f"kb_names.tsv is stale ({changed}...): run python scripts/train_ner.py --kb-names-only"
