"""The command line as a user meets it: formats, bad input, exit codes."""

import json

import pytest

from rasd.cli import main

ARTICLE = (
    "وزير الخارجية السعودي يزور موسكو\n\nالرياض - واس\n\n"
    "التقى وزير الخارجية السعودي عادل الجبير أمس في موسكو نظيره الروسي سيرغي لافروف وبحثا الأزمة السورية."
)


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_analyze_json_has_the_schema_and_offsets_into_the_text(article, capsys):
    assert main(["analyze", str(article), "--published", "2015-08-11"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["schema"] == "rasd.document/1" and doc["title"] == "وزير الخارجية السعودي يزور موسكو"
    for e in doc["entities"]:
        for m in e["mentions"]:
            assert doc["text"][m["start"] : m["end"]] == m["text"]
    assert {"Moscow", "Adel al-Jubeir", "Sergey Lavrov"} <= {e["name_en"] for e in doc["entities"]}
    assert any(t["value"] == "2015-08-10" for t in doc["times"])
    consult = [e for e in doc["events"] if e["plover"] == "CONSULT"]
    assert consult and {consult[0]["source"]["country"], consult[0]["target"]["country"]} == {"SAU", "RUS"}


def test_text_report_shows_events_on_one_line(article, capsys):
    assert main(["analyze", str(article), "--published", "2015-08-11", "--format", "text"]) == 0
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if "CONSULT" in x)
    assert "2015-08-10" in line and "SAU" in line and "RUS" in line and "Moscow" in line


def test_jsonl_in_gives_one_line_out_per_input_with_errors_in_place(tmp_path, capsys):
    path = tmp_path / "in.jsonl"
    rows = [{"id": "a", "text": "وصل الرئيس إلى موسكو أمس.", "date": "2015-01-02"}, "{broken", {"id": "c", "text": ""}]
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows))
    assert main(["analyze", str(path)]) == 1  # some input failed
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [o.get("id") for o in out] == ["a", None, "c"]
    assert "schema" in out[0] and "error" in out[1] and "text" in out[2]["error"]


def test_only_runs_the_named_stages_and_what_they_need(article, capsys):
    assert main(["analyze", str(article), "--only", "time"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["sentences"] and doc["times"] and not doc["entities"] and not doc["events"]


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty"), (b"\x00\x01\x02", "binary"), ("é".encode("latin-1") * 20, "not UTF-8")],
)
def test_bad_files_give_a_clear_error_naming_the_file(tmp_path, capsys, content, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    assert main(["analyze", str(path)]) == 1
    err = capsys.readouterr().err
    assert str(path) in err and message in err


def test_unknown_stage_and_bad_date_are_usage_errors(article, capsys):
    assert main(["analyze", str(article), "--only", "nope"]) == 1
    assert "unknown stage" in capsys.readouterr().err
    assert main(["analyze", str(article), "--published", "11/12/2010"]) == 1
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_tag_and_eval_ner_round_trip(tmp_path, capsys):
    gold = tmp_path / "gold.conll"
    gold.write_text("التقى B-PERS\nأوباما I-PERS\n\nفي O\nموسكو B-LOC\n", encoding="utf-8")
    tokens = tmp_path / "tokens.txt"
    tokens.write_text("وصل\nالرئيس\nبوتين\nإلى\nالرياض\nأمس\n.\n\nانتهى\n", encoding="utf-8")
    assert main(["tag", str(tokens)]) == 0
    out = capsys.readouterr().out
    sentences = [s.splitlines() for s in out.strip().split("\n\n")]
    assert [len(s) for s in sentences] == [7, 1]
    tags = dict(line.split("\t") for line in sentences[0])
    assert tags["بوتين"] == "B-PERS" and tags["الرياض"] == "B-LOC" and tags["إلى"] == "O"
    assert main(["eval", "ner", str(gold), "--format", "json"]) == 0
    scores = json.loads(capsys.readouterr().out)
    assert "overall" in json.dumps(scores)


def test_tagging_starts_without_the_store_batch_and_web_modules(tmp_path):
    """`rasd tag` is timed as a whole command: the parser registers every command, but only the tagger may load."""
    import subprocess
    import sys

    words = tmp_path / "words.txt"
    words.write_text("التقى\nالرئيس\nبوتين\n.\n", encoding="utf-8")
    probe = ("import sys; from rasd.cli import main; code = main(['tag', sys.argv[1]]); "
             "heavy = [m for m in ('rasd.store.base', 'rasd.batch.cluster', 'rasd.web.app', 'rasd.kb.base') "
             "if m in sys.modules]; print('LOADED', heavy, file=sys.stderr); sys.exit(code)")
    done = subprocess.run([sys.executable, "-c", probe, str(words)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "B-PERS" in done.stdout
    assert "LOADED []" in done.stderr
