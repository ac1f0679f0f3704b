"""What `rasd ingest` reads besides plain text: RSS/Atom feeds, HTML pages, analyzed JSON lines, folders."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rasd.document import Document
from rasd.errors import InputError
from rasd.ingest import Record
from rasd.store import open_store
from rasd.store.feeds import estimate_items, html_document, list_inputs, parse_feed, read_input
from rasd.store.ingest import ingest

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>صحيفة الخليج</title>
  <item>
    <title>وزير الخارجية السعودي يلتقي نظيره الروسي في موسكو</title>
    <link>https://example.org/a/1</link>
    <guid>urn:news:1</guid>
    <pubDate>Sat, 11 Dec 2010 09:30:00 +0300</pubDate>
    <description>&lt;p&gt;التقى وزير الخارجية الأمير سعود الفيصل أمس في موسكو نظيره الروسي سيرغي لافروف.&lt;/p&gt;
      &lt;p&gt;وبحث الجانبان العلاقات الثنائية والأوضاع في المنطقة.&lt;/p&gt;</description>
  </item>
  <item>
    <title>ارتفاع أسعار النفط</title>
    <link>https://example.org/a/2</link>
    <pubDate>not a date</pubDate>
    <content:encoded><![CDATA[<div>ارتفعت أسعار النفط اليوم بنسبة 2% في التعاملات الآسيوية.</div>]]></content:encoded>
    <description>ملخص قصير</description>
  </item>
  <item><title>  </title><description></description></item>
</channel>
</rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="text">وكالة الأنباء</title>
  <entry>
    <title type="html">قمة &lt;b&gt;خليجية&lt;/b&gt; في الرياض</title>
    <link rel="alternate" href="https://example.org/b/7"/>
    <link rel="enclosure" href="https://example.org/b/7.jpg"/>
    <id>tag:example.org,2010:7</id>
    <published>2010-12-06T08:00:00Z</published>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">
      <p>تنطلق في الرياض اليوم أعمال القمة الخليجية.</p></div></content>
  </entry>
</feed>"""

BOMB = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY a "ههههههههههه"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<rss><channel><item><title>&b;</title></item></channel></rss>"""

PAGE = """<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>الأخبار | مجلس الأمن يبحث الأزمة السورية</title>
<meta property="article:published_time" content="2012-02-04T10:00:00Z"></head>
<body><nav><a href="/">الرئيسية</a> | <a href="/world">العالم</a> | <a href="/sport">رياضة</a></nav>
<article><h1>مجلس الأمن يبحث الأزمة السورية</h1>
<p>عقد مجلس الأمن الدولي مساء أمس جلسة طارئة لبحث تطورات الأزمة في سوريا، واستخدمت روسيا والصين حق النقض
ضد مشروع القرار العربي الأوروبي الذي يدعو إلى وقف العنف.</p>
<p>وقال المندوب الروسي فيتالي تشوركين إن مشروع القرار لا يعكس الوضع الحقيقي على الأرض، فيما أعربت
الدول الغربية عن أسفها الشديد لاستخدام الفيتو.</p></article>
<footer>جميع الحقوق محفوظة © 2012</footer><script>var tracking = 1;</script></body></html>"""


def _docs(items: list) -> list[Document]:
    return [i for i in items if isinstance(i, Document)]


def test_rss_items_become_articles() -> None:
    items = list(parse_feed(RSS, "feed.rss"))
    first, second = _docs(items)
    assert first.title == "وزير الخارجية السعودي يلتقي نظيره الروسي في موسكو"
    assert first.text.startswith(first.title + "\n\n") and "سيرغي لافروف" in first.text
    assert "<p>" not in first.text and "\n\nوبحث الجانبان" in first.text
    assert (first.id, first.url, first.source) == ("urn:news:1", "https://example.org/a/1", "صحيفة الخليج")
    assert first.published.isoformat() == "2010-12-11"  # as the publisher dated it
    assert second.id == "https://example.org/a/2" and second.published is None
    assert "بنسبة 2%" in second.text and "ملخص" not in second.text  # full content preferred to the summary
    assert isinstance(items[2], Record) and "item 3" in str(items[2].error)


def test_atom_entries_become_articles() -> None:
    (doc,) = _docs(list(parse_feed(ATOM, "feed.atom")))
    assert doc.title == "قمة خليجية في الرياض"
    assert doc.url == "https://example.org/b/7" and doc.id == "tag:example.org,2010:7"
    assert doc.published.isoformat() == "2010-12-06" and doc.source == "وكالة الأنباء"
    assert doc.text.endswith("تنطلق في الرياض اليوم أعمال القمة الخليجية.")


def test_feeds_with_entity_declarations_are_refused() -> None:
    with pytest.raises(InputError, match="entities"):
        list(parse_feed(BOMB, "bomb.xml"))
    with pytest.raises(InputError, match="not an RSS or Atom feed"):
        list(parse_feed("<html><body/></html>", "page.xml"))
    with pytest.raises(InputError, match="well-formed") as info:
        list(parse_feed("<rss>\n<channel><item></channel></rss>", "broken.rss"))
    assert info.value.line == 2


def test_html_page_main_text_and_metadata() -> None:
    doc = html_document(PAGE, "page.html")
    assert doc.title == "مجلس الأمن يبحث الأزمة السورية"
    assert doc.published.isoformat() == "2012-02-04"
    body = doc.text[doc.body_start:]
    assert body.startswith("عقد مجلس الأمن الدولي") and "فيتالي تشوركين" in body
    assert "الرئيسية" not in doc.text and "tracking" not in doc.text and "الحقوق" not in doc.text


def test_jsonl_mixes_raw_and_analyzed_articles(tmp_path: Path) -> None:
    analyzed = Document(text="خبر محلل سابقا عن الرياض", id="x1").to_dict()
    path = tmp_path / "mixed.jsonl"
    path.write_text(json.dumps(analyzed, ensure_ascii=False) + "\n\n"
                    + json.dumps({"id": "r1", "text": "خبر خام"}, ensure_ascii=False) + "\n"
                    + json.dumps({"schema": "rasd.document/1", "id": "x2"}) + "\n", encoding="utf-8")
    items = list(read_input(str(path)))
    assert items[0] == analyzed
    assert isinstance(items[1], Document) and items[1].id == "r1"
    assert isinstance(items[2], Record) and items[2].id == "x2" and items[2].error.line == 4


def test_folders_are_walked_and_hidden_entries_skipped(tmp_path: Path) -> None:
    (tmp_path / "2010" / "12").mkdir(parents=True)
    (tmp_path / ".cache").mkdir()
    (tmp_path / "2010" / "12" / "feed.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "2010" / "page.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "2010" / "notes.pdf").write_bytes(b"%PDF")
    (tmp_path / ".cache" / "old.jsonl").write_text('{"text": "x"}\n', encoding="utf-8")
    files, missing = list_inputs([str(tmp_path), str(tmp_path / "gone")])
    assert [Path(f).name for f in files] == ["feed.rss", "page.html"]
    assert len(missing) == 1 and "no such file" in str(missing[0].error)
    assert estimate_items(files) == 4


def test_ingest_a_feed_folder_into_a_store(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "feed.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "in" / "agency.atom").write_text(ATOM, encoding="utf-8")
    (tmp_path / "in" / "page.html").write_text(PAGE, encoding="utf-8")
    errors: list[str] = []
    with open_store(str(tmp_path / "s.db"), create=True) as store:
        summary = ingest(store, [str(tmp_path / "in")], None, "", errors.append)
        assert (summary.read, summary.new, summary.failed) == (5, 4, 1)
        assert len(errors) == 1 and "item 3" in errors[0]
        assert [r["doc_id"] for r in store.search("تشوركين")] and store.search("لافروف")[0]["doc_id"] == "urn:news:1"
        again = ingest(store, [str(tmp_path / "in")], None, "", errors.append)
        assert (again.new, again.duplicate) == (0, 4)
