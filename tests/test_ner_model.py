"""The statistical NER model: CoNLL files, scoring, features, the shipped tagger and its commands."""

from __future__ import annotations

import io
import json

import pytest

from rasd.errors import InputError
from rasd.ner.commands import run_eval, run_tag
from rasd.ner.conll import Sentence, read_conll, write_tagged
from rasd.ner.evaluate import entity_scores, format_scores, spans
from rasd.ner.features import Featurizer, known_names, shape
from rasd.ner.tagger import LinearChain, Tagger, load_tagger
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
    lex = {"روسيا": (500, ("1", "2", "3")), "وروسيا": (20, ("4", "5", "6"))}
    f = Featurizer(lex, {})
    assert f.stem("وبروسيا") == ("وب", "روسيا")
    assert f.stem("وروسيا") == ("و", "روسيا")
    assert f.stem("مجهول") == ("", "مجهول")
    word = f.describe("وبروسيا")
    assert "s=روسيا" in word.own and "p=وب" in word.own and "k2=3" in word.own
    assert "k0=1" in word.lent(-1) and "w=روسيا" in word.lent(2) and "k0=1" not in word.lent(2)


def test_sentence_features_carry_context_and_edges():
    f = Featurizer({}, {"الرئيس": "PERS"})
    feats = f.sentence(["الرئيس", "زيد"])
    assert "-1w=<s>" in feats[0] and "+1w=زيد" in feats[0]
    assert "-1q=PERS" in feats[1] and "+1w=</s>" in feats[1]
    assert f.sentence([]) == []


def test_shape_classes():
    assert shape("روسيا") == "a"
    assert shape("إس-300") == "apd"
    assert shape("NATO") == "l"


def test_known_names_longest_match_with_proclitics():
    names = {"الامم المتحده": "ORG", "روسيا": "LOC", "بن": "PERS"}
    first = {"الامم": 2, "روسيا": 1, "بن": 1}
    norms = ["وبروسيا", "و", "الامم", "المتحده", "بن"]
    readings = [[n] + [stem for _p, stem in clitic_splits(n)[1:]] for n in norms]
    assert known_names(norms, names, first, readings) == [(0, "B-LOC"), (2, "B-ORG"), (3, "I-ORG")]


# ---------------------------------------------------------------- the CRF decoder


def _chain() -> LinearChain:
    labels = ["O", "B-PERS", "I-PERS"]
    state = {"w=زيد": (0.0, 2.0, 0.5), "-1w=الرئيس": (-1.0, 1.5, 0.0), "b": (0.5, 0.0, 0.0)}
    trans = [[0.2, 0.0, -5.0], [0.0, -1.0, 2.0], [0.1, 0.0, 1.0]]
    return LinearChain(labels, state, trans)


def test_viterbi_matches_brute_force():
    from itertools import product

    chain = _chain()
    emissions = [[0.3, -0.2, 0.1], [0.0, 1.0, 0.9], [0.4, 0.2, 1.1], [1.0, -1.0, 0.2]]

    def total(path: tuple[int, ...]) -> float:
        return sum(emissions[i][y] for i, y in enumerate(path)) + sum(
            chain.trans[a][b] for a, b in zip(path, path[1:], strict=False)
        )

    best = max(product(range(3), repeat=len(emissions)), key=total)
    assert chain.decode(emissions) == [chain.labels[y] for y in best]
    assert chain.decode([]) == []


def test_linear_chain_scores_and_round_trips(tmp_path):
    chain = _chain()
    assert chain.score(["b", "w=زيد", "unknown"]) == pytest.approx([0.5, 2.0, 0.5])
    assert chain.score([]) == [0.0, 0.0, 0.0]
    chain.save(tmp_path / "w.gz")
    again = LinearChain.load(tmp_path / "w.gz")
    assert again.labels == chain.labels and again.trans == chain.trans and again.state == chain.state
    # the same weights give the same bytes (no time stamp in the gzip header): training is reproducible
    (tmp_path / "again").mkdir()
    again.save(tmp_path / "again" / "w.gz")
    assert (tmp_path / "again" / "w.gz").read_bytes() == (tmp_path / "w.gz").read_bytes()


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
    # alone, the second sentence gives too little context for the unseen surname; the document pass
    # knows it from the full name in the first
    doc = [
        "وقال وزير الخارجية البرازيلي أنطونيو باتريوتا إن بلاده تدعم الاتفاق".split(),
        "وتعهد باتريوتا بدعم المفاوضات".split(),
    ]
    tagger = load_tagger()
    assert tagger.tag(doc[1]) == ["O"] * 4
    tags = tagger.tag_many(doc)
    assert ("أنطونيو باتريوتا", "PERS") in _entities(doc[0], tags[0])
    assert _entities(doc[1], tags[1]) == {("باتريوتا", "PERS")}


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
