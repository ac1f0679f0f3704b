"""Reading articles: formats, encodings, and bad input with clear errors."""

import io
import json

import pytest

from rasd.errors import InputError
from rasd.ingest import Record, article_from_text, decode_bytes, read_path, read_stream
from rasd.ingest.html import extract_html

SEED_LIKE = (
    "عنوان الخبر الرئيسي هنا\n\nعنوان فرعي يشرح الخبر\n\nالرياض - واس\n\nالفقرة الأولى. جملة ثانية.\n\nالفقرة الثانية."
)


def test_seed_format_head_is_parsed_and_offsets_index_the_whole_text():
    doc = article_from_text(SEED_LIKE)
    assert doc.title == "عنوان الخبر الرئيسي هنا"
    assert doc.subtitle == "عنوان فرعي يشرح الخبر"
    assert doc.byline == "الرياض - واس"
    assert doc.text == SEED_LIKE
    assert doc.text[doc.body_start :].startswith("الفقرة الأولى")


def test_plain_text_without_head_is_all_body():
    doc = article_from_text("قال المتحدث إن الاجتماع سيعقد غدا.")
    assert doc.title is None and doc.body_start == 0


def test_title_and_agency_marker_without_subtitle():
    doc = article_from_text("وزير الخارجية يزور موسكو\n\nTT\n\nوصل وزير الخارجية إلى موسكو أمس.")
    assert doc.title == "وزير الخارجية يزور موسكو" and doc.subtitle is None and doc.byline == "TT"


def test_utf8_bom_and_windows_1256_are_decoded():
    text = "روسيا وكازاخستان"
    assert decode_bytes("\ufeff".encode() + text.encode(), "f") == text
    assert decode_bytes(text.encode("cp1256"), "f") == text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x00\x01\x02binary\x00", "binary"),
        ("روسيا".encode("utf-16"), "UTF-16"),
        ("Ceci n'est pas de l'arabe: é à ç".encode("latin-1"), "not UTF-8"),
    ],
)
def test_undecodable_input_is_rejected_naming_the_file(data, reason):
    with pytest.raises(InputError) as err:
        decode_bytes(data, "article.txt")
    assert "article.txt" in str(err.value) and reason in str(err.value)


def test_jsonl_title_joins_text_and_bad_lines_become_records(tmp_path):
    path = tmp_path / "in.jsonl"
    lines = [
        json.dumps({"id": "a1", "title": "عنوان", "text": "نص الخبر.", "date": "2015-08-04"}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "a3", "text": ""}),
        json.dumps({"id": "a4", "text": "خبر", "published": "2015-13-45"}),
        "",
        json.dumps(["not", "an", "object"]),
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    items = list(read_path(path))
    assert len(items) == 5
    doc = items[0]
    assert doc.id == "a1" and doc.text == "عنوان\n\nنص الخبر." and doc.title == "عنوان"
    assert doc.published.isoformat() == "2015-08-04" and doc.body_start == len("عنوان\n\n")
    errors = [i for i in items[1:]]
    assert all(isinstance(e, Record) for e in errors)
    assert [e.error.line for e in errors] == [2, 3, 4, 6]
    assert errors[1].id == "a3" and "text" in errors[1].error.reason
    assert "date" in errors[2].error.reason


def test_missing_empty_and_directory_inputs(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        list(read_path(tmp_path / "nope.txt"))
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(InputError, match="empty"):
        list(read_path(empty))
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("خبر أول.", encoding="utf-8")
    (tmp_path / "sub" / "b.txt").write_bytes(b"\x00\x00")
    items = list(read_path(tmp_path / "sub"))
    assert items[0].text == "خبر أول." and isinstance(items[1], Record)


def test_stream_detects_jsonl_and_text():
    stream = io.BytesIO(json.dumps({"text": "خبر"}, ensure_ascii=False).encode() + b"\n")
    assert [d.text for d in read_stream(stream, "<stdin>")] == ["خبر"]
    assert [d.text for d in read_stream(io.BytesIO("خبر عاجل.".encode()), "<stdin>")] == ["خبر عاجل."]


def test_html_extraction_drops_scripts_and_keeps_paragraphs():
    html = (
        "<html><head><title>موقع</title><script>alert(1)</script></head><body><nav>القائمة</nav>"
        "<h1>وزير يزور موسكو</h1><p>وصل الوزير إلى موسكو.</p><p>وبحث التعاون &amp; الأمن.</p></body></html>"
    )
    title, body = extract_html(html)
    assert title == "وزير يزور موسكو"
    assert body == "وصل الوزير إلى موسكو.\n\nوبحث التعاون & الأمن."


def test_oversized_article_is_refused(tmp_path, monkeypatch):
    import rasd.ingest.read as read

    monkeypatch.setattr(read, "MAX_ARTICLE_CHARS", 100)
    path = tmp_path / "big.txt"
    path.write_text("كلمة " * 200, encoding="utf-8")
    with pytest.raises(InputError, match="too large"):
        list(read_path(path))


def test_hostile_json_lines_are_errors_not_crashes(tmp_path):
    path = tmp_path / "hostile.jsonl"
    path.write_text("[" * 100_000 + "\n" + '{"text": "' + "9" * 10 + '", "id": ' + "1" * 5000 + "}\n", encoding="utf-8")
    items = list(read_path(path))
    assert len(items) == 2 and all(isinstance(i, Record) for i in items)
    assert "nested too deeply" in items[0].error.reason
