"""The event store, run against both backends (SQLite always; PostgreSQL when RASD_TEST_POSTGRES_URL is set).

Articles are real-style Arabic news written here, annotated by hand with the
entities and events the pipeline would find, so the store is tested on its
own; one test runs the real pipeline when it can load.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from rasd.document import Actor, Document, Entity, Event, Mention
from rasd.errors import RasdError
from rasd.store import EventFilter, connect, content_hash, minhash, open_store
from rasd.store.base import NEAR_DUPLICATE_THRESHOLD
from rasd.store.commands import add_commands
from rasd.store.export import GDELT_COLUMNS
from rasd.store.postgres import scratch_schema
from rasd.store.rows import (
    ARTICLE_COLUMNS,
    DOCUMENT_COLUMNS,
    ENTITY_COLUMNS,
    EVENT_COLUMNS,
    MENTION_COLUMNS,
    actor_keys,
    article_row,
    document_row,
    entity_rows,
    event_rows,
    insert_sql,
    mention_rows,
)
from rasd.store.schema import LATEST
from rasd.store.search import readings, words
from rasd.text import annotate_text

POSTGRES_URL = os.environ.get("RASD_TEST_POSTGRES_URL")

# --- the articles -----------------------------------------------------------------------------------

WIRE_BODY = (
    "بحث الرئيس الروسي ديمتري ميدفيديف أمس في موسكو مع الرئيس الكازاخستاني نور سلطان نزارباييف سبل تعزيز "
    "التعاون بين روسيا وكازاخستان في مجالات الطاقة والأمن. وقال ميدفيديف في مؤتمر صحافي مشترك إن العلاقات "
    "بين البلدين تشهد تطورا ملحوظا، مؤكدا أن موسكو ستواصل دعم مشاريع النقل المشتركة. وأضاف أن الجانبين "
    "اتفقا على عقد اجتماع للجنة الحكومية المشتركة في أستانا مطلع العام المقبل لمتابعة تنفيذ الاتفاقيات الموقعة."
)
# The same wire story as another paper printed it: its own title and byline, hamza and diacritics differ, the
# last clause cut.
WIRE_COPY_BODY = (
    "بحث الرئيس الروسي ديمتري ميدفيديف امس في موسكو مع الرئيس الكازاخستاني نور سلطان نزارباييف سُبل تعزيز "
    "التعاون بين روسيا وكازاخستان في مجالات الطاقة والامن. وقال ميدفيديف في مؤتمر صحافي مشترك إن العلاقات "
    "بين البلدين تشهد تطوراً ملحوظاً، مؤكداً أن موسكو ستواصل دعم مشاريع النقل المشتركة. وأضاف أن الجانبين "
    "اتفقا على عقد اجتماع للجنة الحكومية المشتركة في أستانا مطلع العام المقبل."
)
BELARUS_BODY = (
    "اتهم الرئيس البيلاروسي ألكسندر لوكاشينكو أمس روسيا بممارسة ضغوط اقتصادية على بلاده، وقال في كلمة أمام "
    "البرلمان في مينسك إن الحكومة لن تقبل شروط موسكو بشأن أسعار الغاز. وأضاف لوكاشينكو أن بيلاروسيا ستبحث "
    "عن مصادر بديلة للطاقة إذا استمرت الخلافات مع جارتها الشرقية."
)
ASTANA_BODY = (
    "استقبل الرئيس الكازاخستاني نور سلطان نزارباييف اليوم في أستانا وزير الخارجية الروسي سيرغي لافروف، وبحث "
    "معه التحضيرات لقمة منظمة الأمن والتعاون في أوروبا. وأكد الجانبان أهمية التنسيق بين البلدين في القضايا "
    "الإقليمية والدولية، وشددا على ضرورة تطوير التبادل التجاري عبر الحدود المشتركة."
)
TELEGRAM = (
    "بعث خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز آل سعود برقية تهنئة لفخامة الرئيس {name} {office} "
    "بمناسبة ذكرى استقلال بلاده. وأعرب الملك المفدى باسمه واسم شعب وحكومة المملكة العربية السعودية عن أطيب "
    "التهاني وأصدق التمنيات بالصحة والسعادة لفخامته ولحكومة وشعب {country} الصديق المزيد من التقدم والازدهار."
)

# id: (type, name_ar, name_en, country, subtype)
ENTITIES = {
    "Q23530": ("PER", "ديمتري ميدفيديف", "Dmitry Medvedev", "RUS", "head_of_state"),
    "Q4723": ("PER", "نور سلطان نزارباييف", "Nursultan Nazarbayev", "KAZ", "head_of_state"),
    "Q159": ("LOC", "روسيا", "Russia", "RUS", "country"),
    "Q232": ("LOC", "كازاخستان", "Kazakhstan", "KAZ", "country"),
    "Q649": ("LOC", "موسكو", "Moscow", "RUS", "city"),
    "Q1520": ("LOC", "أستانا", "Astana", "KAZ", "city"),
    "Q2280": ("LOC", "مينسك", "Minsk", "BLR", "city"),
    "rasd:per:lukashenko": ("PER", "ألكسندر لوكاشينكو", "Alexander Lukashenko", "BLR", "head_of_state"),
    "rasd:per:lavrov": ("PER", "سيرغي لافروف", "Sergey Lavrov", "RUS", "minister"),
    "rasd:per:allen": ("PER", "باتريك ألين", "Patrick Allen", "JAM", "head_of_state"),
    "rasd:per:kafando": ("PER", "ميشيل كفاندو", "Michel Kafando", "BFA", "head_of_state"),
    "rasd:loc:jamaica": ("LOC", "جامايكا", "Jamaica", "JAM", "country"),
    "rasd:loc:burkina": ("LOC", "بوركينا فاسو", "Burkina Faso", "BFA", "country"),
    "rasd:per:salman": ("PER", "سلمان بن عبدالعزيز", "Salman bin Abdulaziz", "SAU", "head_of_state"),
}


def make_doc(doc_id: str, title: str, body: str, published: str, source: str,
             entities: dict[str, str], events: list[dict]) -> Document:
    """A document annotated by hand: `entities` maps an id to the surface form found in the text."""
    text = f"{title}\n\n{body}"
    doc = Document(text=text, id=doc_id, title=title, published=date.fromisoformat(published), source=source,
                   url=f"https://news.example/{doc_id}")
    doc.body_start = len(title) + 2
    annotate_text(doc)
    for eid, surface in entities.items():
        etype, name_ar, name_en, country, subtype = ENTITIES[eid]
        start = text.index(surface)
        doc.entities.append(Entity(id=eid, type=etype, name_ar=name_ar, name_en=name_en, country=country,
                                   subtype=subtype, wikidata=eid if eid.startswith("Q") else None,
                                   mentions=[Mention(start, start + len(surface), surface, etype)]))
    for ev in events:
        start = text.index(ev["trigger"])
        trigger = doc.span(start, start + len(ev["trigger"]))
        doc.events.append(Event(plover=ev["plover"], cameo=ev["cameo"], quad=ev["quad"], trigger=trigger,
                                sentence=doc.sentence_index(start), source=_actor(text, entities, ev["source"]),
                                target=_actor(text, entities, ev["target"]),
                                date=ev.get("date"), location=ev.get("location"), confidence=0.8))
    return doc


def _actor(text: str, entities: dict[str, str], spec: tuple[str, str]) -> Actor:
    eid, code = spec
    pos = text.index(entities[eid])
    return Actor(entities[eid], pos, pos + len(entities[eid]), eid, code, ENTITIES[eid][3])


def wire(doc_id: str = "wire-1", body: str = WIRE_BODY, title: str = "ميدفيديف يبحث مع نزارباييف التعاون بين البلدين",
         published: str = "2010-12-11", source: str = "paper-a") -> Document:
    return make_doc(doc_id, title, body, published, source,
                    {"Q23530": "ديمتري ميدفيديف", "Q4723": "نور سلطان نزارباييف", "Q159": "روسيا",
                     "Q232": "وكازاخستان", "Q649": "موسكو"},
                    [{"plover": "CONSULT", "cameo": "040", "quad": "verbal_cooperation", "trigger": "بحث",
                      "source": ("Q23530", "RUSGOV"), "target": ("Q4723", "KAZGOV"), "date": "2010-12-10",
                      "location": {"entity": "Q649", "name_en": "Moscow"}},
                     {"plover": "AGREE", "cameo": "030", "quad": "verbal_cooperation", "trigger": "اتفقا",
                      "source": ("Q159", "RUS"), "target": ("Q232", "KAZ"), "date": "2010-12"}])


def wire_copy() -> Document:
    return wire("wire-2", WIRE_COPY_BODY, "روسيا وكازاخستان تتفقان على تعزيز التعاون", "2010-12-12", "paper-b")


def belarus() -> Document:
    return make_doc("blr-1", "لوكاشينكو يتهم موسكو بالضغط على مينسك", BELARUS_BODY, "2010-12-20", "paper-a",
                    {"rasd:per:lukashenko": "ألكسندر لوكاشينكو", "Q159": "روسيا", "Q2280": "مينسك"},
                    [{"plover": "ACCUSE", "cameo": "112", "quad": "verbal_conflict", "trigger": "اتهم",
                      "source": ("rasd:per:lukashenko", "BLRGOV"), "target": ("Q159", "RUS"), "date": "2010-12-19",
                      "location": {"entity": "Q2280", "name_en": "Minsk"}}])


def astana() -> Document:
    return make_doc("kaz-1", "نزارباييف يستقبل وزير الخارجية الروسي في أستانا", ASTANA_BODY, "2010-11-20", "paper-c",
                    {"Q4723": "نور سلطان نزارباييف", "rasd:per:lavrov": "سيرغي لافروف", "Q1520": "أستانا"},
                    [{"plover": "CONSULT", "cameo": "043", "quad": "verbal_cooperation", "trigger": "استقبل",
                      "source": ("Q4723", "KAZGOV"), "target": ("rasd:per:lavrov", "RUSGOV"),
                      "location": {"entity": "Q1520", "name_en": "Astana"}}])


def telegram(doc_id: str, name_id: str, name: str, office: str, country_id: str, country: str,
             published: str) -> Document:
    body = TELEGRAM.format(name=name, office=office, country=country)
    return make_doc(doc_id, f"خادم الحرمين يهنئ {office} بذكرى الاستقلال", body, published, "paper-d",
                    {"rasd:per:salman": "سلمان بن عبدالعزيز", name_id: name, country_id: country}, [])


def corpus() -> list[Document]:
    return [wire(), wire_copy(), belarus(), astana()]


# --- backends ---------------------------------------------------------------------------------------


@pytest.fixture(params=["sqlite", "postgresql"])
def location(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty store location: a SQLite file, or a private schema on the test PostgreSQL server."""
    if request.param == "sqlite":
        yield str(tmp_path / "rasd.db")
        return
    if not POSTGRES_URL:
        pytest.skip("RASD_TEST_POSTGRES_URL is not set (scripts/start_postgres.sh prints one)")
    with scratch_schema(POSTGRES_URL, "rasd_test") as url:
        yield url


@pytest.fixture
def store(location: str):
    with open_store(location, create=True) as s:
        yield s


def add(store, *docs: Document) -> list[str]:
    return [a.status for a in store.add_many([(d.to_dict(), "manual") for d in docs])]


HARNESS = (
    "import argparse, sys\n"
    "from rasd.errors import RasdError\n"
    "from rasd.store.commands import add_commands\n"
    "p = argparse.ArgumentParser(prog='rasd'); add_commands(p.add_subparsers())\n"
    "a = p.parse_args()\n"
    "try:\n    sys.exit(a.func(a))\n"
    "except RasdError as e:\n    print('rasd: error:', e, file=sys.stderr); sys.exit(1)\n"
)


def rasd(capsys: pytest.CaptureFixture, *argv: str) -> tuple[int, str, str]:
    """Run a store command as `rasd` would (exit code, stdout, stderr)."""
    parser = argparse.ArgumentParser(prog="rasd")
    add_commands(parser.add_subparsers())
    args = parser.parse_args(argv)
    try:
        code = args.func(args)
    except RasdError as err:
        print(f"rasd: error: {err}", file=sys.stderr)
        code = 1
    out, err = capsys.readouterr()
    return code, out, err


def write_analyzed(path: Path, docs: list[Document]) -> Path:
    path.write_text("".join(json.dumps(d.to_dict(), ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
    return path


# --- storing ----------------------------------------------------------------------------------------


def test_an_article_is_stored_once(store) -> None:
    assert add(store, wire()) == ["new"]
    assert add(store, wire()) == ["duplicate"]
    # only diacritics and spacing differ: the same content
    doc = wire()
    doc.text = doc.text.replace("تشهد تطورا", "تَشهد  تطورا")
    assert add(store, doc) == ["duplicate"]
    stats = store.stats()
    assert (stats["articles"], stats["events"], stats["entities"]) == (1, 2, 5)


def test_stored_document_round_trips(store) -> None:
    doc = wire()
    add(store, doc)
    by_id = store.articles("wire-1")
    assert by_id == [doc.to_dict()]
    assert store.articles(content_hash(doc.text)) == by_id
    assert store.articles("no-such-id") == []


def test_a_failing_article_does_not_take_its_batch_down(store) -> None:
    broken = wire("broken").to_dict()
    del broken["events"][0]["plover"]
    results = store.add_many([(broken, ""), (belarus().to_dict(), "")])
    assert [r.status for r in results] == ["failed", "new"]
    assert "plover" in results[0].error
    assert store.stats()["articles"] == 1  # the broken article left nothing behind
    assert store.articles("broken") == []


# --- events -----------------------------------------------------------------------------------------


def _events(store, **kw) -> list[tuple]:
    return [(r["doc_id"], r["plover"], r["source_code"], r["target_code"], r["day"])
            for r in store.events(EventFilter(**kw))]


def test_events_between_two_countries_since_a_month(store) -> None:
    add(store, *corpus())
    assert _events(store, actors=["RUS", "KAZ"], plover=["CONSULT"], since="2010-12") == [
        ("wire-1", "CONSULT", "RUSGOV", "KAZGOV", "2010-12-10")]
    # without the date, November's visit to Astana (the other direction) comes too, in day order
    assert [e[0] for e in _events(store, actors=["RUS", "KAZ"], plover=["consult"])] == ["kaz-1", "wire-1"]


def test_actor_keys_are_entity_country_and_code_prefixes() -> None:
    assert actor_keys("Q23530", "rusgovmil", "rus") == {"Q23530", "RUS", "RUSGOV", "RUSGOVMIL"}
    assert actor_keys(None, "IGOUNO", None) == {"IGO", "IGOUNO"}
    assert actor_keys(None, "US", None) == {"US"}
    assert actor_keys(None, None, None) == set()


def test_event_filters(store) -> None:
    add(store, *corpus())
    assert _events(store, actors=["RU"]) == []  # a code prefix is whole 3-letter parts
    assert [e[0] for e in _events(store, source="KAZ")] == ["kaz-1"]
    assert [e[0] for e in _events(store, target="RUS")] == ["kaz-1", "blr-1"]
    assert [e[0] for e in _events(store, actors=["rasd:per:lukashenko"])] == ["blr-1"]
    assert [e[0] for e in _events(store, actors=["Q23530"])] == ["wire-1"]
    assert [e[0] for e in _events(store, location="Minsk")] == ["blr-1"]
    assert [e[0] for e in _events(store, location="Q649")] == ["wire-1"]
    assert [e[0] for e in _events(store, until="2010-11")] == ["kaz-1"]
    assert [e[0] for e in _events(store, since="2010-12-19", until="2010-12-19")] == ["blr-1"]
    assert [e[0] for e in _events(store, outlet="paper-c")] == ["kaz-1"]
    assert len(_events(store, limit=2)) == 2
    # an event dated only to the month falls back to the publication day
    agree = [e for e in _events(store, plover=["AGREE"])]
    assert agree == [("wire-1", "AGREE", "RUS", "KAZ", "2010-12-11")]


def test_bad_date_filter_is_a_user_error(store) -> None:
    with pytest.raises(RasdError, match="not a date"):
        list(store.events(EventFilter(since="December")))


# --- search -----------------------------------------------------------------------------------------


def _found(store, query: str, **kw) -> list[str]:
    return [r["doc_id"] for r in store.search(query, **kw)]


def test_search_sees_through_clitics_hamza_ta_marbuta_and_diacritics(store) -> None:
    add(store, wire(), belarus(), astana())
    assert set(_found(store, "روسيا")) == {"wire-1", "blr-1"}
    assert _found(store, "كازاخستان") == ["wire-1"]  # written وكازاخستان
    assert set(_found(store, "الأمن")) == {"wire-1", "kaz-1"}  # والأمن, الأمن
    assert set(_found(store, "الامن")) == {"wire-1", "kaz-1"}  # hamza dropped in the query
    assert _found(store, "الحكومية") == ["wire-1"]
    assert _found(store, "الحكوميه") == ["wire-1"]  # ta marbuta as ha
    assert _found(store, "لُوكاشِينكو") == ["blr-1"]  # diacritics in the query
    assert _found(store, "لوكاشينكو مينسك") == ["blr-1"]
    assert _found(store, "لوكاشينكو أستانا") == []
    assert _found(store, "واشنطن") == []


def test_search_phrases_are_exact(store) -> None:
    add(store, wire(), astana())
    assert set(_found(store, '"الرئيس الكازاخستاني"')) == {"wire-1", "kaz-1"}
    assert _found(store, '"وزير الخارجية"') == ["kaz-1"]
    assert _found(store, '"الخارجية وزير"') == []
    assert _found(store, '"الرئيس لافروف"') == []  # both words are in kaz-1, not side by side
    hit = store.search('"وزير الخارجية"')[0]
    assert "وزير الخارجية" in hit["snippet"] and hit["title"].startswith("نزارباييف")


def test_search_query_without_words_is_a_user_error(store) -> None:
    with pytest.raises(RasdError, match="no words"):
        store.search(" ... ؟ ")


# --- near-duplicates --------------------------------------------------------------------------------


def test_near_duplicate_is_linked_and_not_double_counted(store) -> None:
    assert add(store, wire(), wire_copy(), belarus()) == ["new", "near-duplicate", "new"]
    original = store.articles("wire-1")
    assert len(original) == 1
    stats = store.stats()
    assert stats["near_duplicates"] == 1 and stats["articles"] == 3
    assert stats["events"] == 3 and stats["events_with_duplicates"] == 5
    assert [e[0] for e in _events(store, plover=["CONSULT"])] == ["wire-1"]
    assert sorted(e[0] for e in _events(store, plover=["CONSULT"], include_duplicates=True)) == ["wire-1", "wire-2"]
    assert _found(store, "ميدفيديف") == ["wire-1"]
    assert set(_found(store, "ميدفيديف", include_duplicates=True)) == {"wire-1", "wire-2"}
    gdelt_copies = [r["copies"] for r in store.events(EventFilter(plover=["CONSULT"]))]
    assert gdelt_copies == [1]


def test_near_duplicates_are_found_across_runs(location: str) -> None:
    with open_store(location, create=True) as first:
        add(first, wire())
    with open_store(location) as second:
        assert add(second, wire_copy()) == ["near-duplicate"]


def test_a_template_telegram_to_another_country_is_not_a_duplicate(store) -> None:
    jamaica = telegram("t-1", "rasd:per:allen", "باتريك ألين", "حاكم عام جامايكا", "rasd:loc:jamaica", "جامايكا",
                       "2015-08-03")
    burkina = telegram("t-2", "rasd:per:kafando", "ميشيل كفاندو", "رئيس بوركينا فاسو", "rasd:loc:burkina",
                       "بوركينا فاسو", "2015-08-04")
    # the texts alone look like copies; the people and places named are what differ
    sim = minhash.similarity(minhash.signature(words(jamaica.text)), minhash.signature(words(burkina.text)))
    assert sim >= NEAR_DUPLICATE_THRESHOLD
    assert add(store, jamaica, burkina) == ["new", "new"]


def test_the_same_text_weeks_apart_is_news_again(store) -> None:
    later = wire_copy()
    later.published = date(2011, 2, 1)
    assert add(store, wire(), later) == ["new", "new"]


# --- entities ---------------------------------------------------------------------------------------


def test_entity_counts(store) -> None:
    add(store, *corpus())
    rows = {r["id"]: r for r in store.entities()}
    assert rows["Q159"]["articles"] == 2  # wire-1 and blr-1; the copy wire-2 is not counted
    assert rows["Q4723"]["articles"] == 2
    assert {r["id"] for r in store.entities(type="per")} == {"Q23530", "Q4723", "rasd:per:lukashenko",
                                                            "rasd:per:lavrov"}
    assert [r["id"] for r in store.entities(name="lukash")] == ["rasd:per:lukashenko"]
    assert [r["id"] for r in store.entities(name="لوكاشينكو")] == ["rasd:per:lukashenko"]
    assert [r["id"] for r in store.entities(name="استانا")] == ["Q1520"]  # أستانا without hamza
    assert len(store.entities(limit=3)) == 3
    with_copies = {r["id"]: r for r in store.entities(include_duplicates=True)}
    assert with_copies["Q159"]["articles"] == 3


# --- schema -----------------------------------------------------------------------------------------


def test_a_store_from_schema_version_1_is_migrated(location: str) -> None:
    """A store written before search and near-duplicates existed opens, gains both, loses nothing."""
    old = connect(location, create=True)
    old.upgrade(1)
    with old.transaction():
        for doc in (wire(), wire_copy(), belarus()):
            d = doc.to_dict()
            article_id = old._one(insert_sql("articles", ARTICLE_COLUMNS) + " RETURNING id",
                                  article_row(d, "text,ner", "2011-01-01T00:00:00Z"))["id"]
            old._execute(insert_sql("documents", DOCUMENT_COLUMNS), document_row(d, article_id))
            old._executemany(insert_sql("entities", ENTITY_COLUMNS) + " ON CONFLICT (id) DO NOTHING", entity_rows(d))
            old._executemany(insert_sql("mentions", MENTION_COLUMNS), mention_rows(d, article_id))
            old._executemany(insert_sql("events", EVENT_COLUMNS), event_rows(d, article_id))
    assert old.schema_version() == 1
    assert not old._table_exists("article_search")
    old.close()

    with open_store(location) as store:
        assert store.schema_version() == LATEST
        assert store.stats()["articles"] == 3
        assert _found(store, "كازاخستان") == ["wire-1"]  # the search index was backfilled
        assert store.articles("wire-2") and store.stats()["near_duplicates"] == 1  # and near-duplicates found
        assert [e[0] for e in _events(store, plover=["CONSULT"])] == ["wire-1"]
        assert [e[0] for e in _events(store, actors=["RUS", "KAZ"])] == ["wire-1", "wire-1"]  # actors backfilled
        assert add(store, astana()) == ["new"]
        assert [e[0] for e in _events(store, source="KAZ")] == ["kaz-1"]


def test_a_store_from_a_newer_rasd_is_refused(location: str) -> None:
    with open_store(location, create=True) as store, store.transaction():
        store._execute("INSERT INTO schema_version (version, name, applied_at) VALUES (99, 'future', 'x')")
    with pytest.raises(RasdError, match="newer rasd"):
        open_store(location)


def test_query_commands_do_not_create_a_store(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    db = tmp_path / "none.db"
    code, _, err = rasd(capsys, "events", "--db", str(db))
    assert code == 1 and "no store at" in err and not db.exists()


# --- the commands -----------------------------------------------------------------------------------


def test_ingest_twice_gives_the_same_counts(location: str, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    src = write_analyzed(tmp_path / "analyzed.jsonl", corpus())
    code, out, _ = rasd(capsys, "ingest", str(src), "--db", location)
    assert code == 0 and "read 4, new 3, duplicate 0, near-duplicate 1, failed 0" in out
    code, out, _ = rasd(capsys, "stats", "--db", location, "--format", "json")
    first = json.loads(out)
    assert {k: first[k] for k in ("articles", "entities", "events")} == {"articles": 4, "entities": 9, "events": 4}
    code, out, _ = rasd(capsys, "ingest", str(src), "--db", location)
    assert code == 0 and "read 4, new 0, duplicate 4, near-duplicate 0, failed 0" in out
    _, out, _ = rasd(capsys, "stats", "--db", location, "--format", "json")
    assert json.loads(out) == first


def test_bad_input_is_reported_and_skipped(location: str, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    src = tmp_path / "feed.jsonl"
    lines = [json.dumps({"id": "a", "title": "روسيا وكازاخستان", "text": WIRE_BODY}, ensure_ascii=False),
             '{"id": "b", "text": ',  # cut short
             json.dumps({"id": "c", "title": "بلا نص"}, ensure_ascii=False),
             json.dumps({"id": "d", "text": BELARUS_BODY, "published": "20-12-2010"}, ensure_ascii=False),
             json.dumps({"id": "e", "text": ASTANA_BODY, "published": "2010-11-20"}, ensure_ascii=False)]
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = rasd(capsys, "ingest", str(src), str(tmp_path / "missing.jsonl"), "--db", location,
                          "--no-analyze")
    assert code == 1
    assert "read 6, new 2, duplicate 0, near-duplicate 0, failed 4" in out
    assert f"{src}:2: invalid JSON" in err
    assert f"{src}:3:" in err and "no \"text\"" in err
    assert f"{src}:4: bad publication date" in err
    assert "missing.jsonl: no such file" in err
    assert len(err.strip().splitlines()) == 4
    _, out, _ = rasd(capsys, "search", "لوكاشينكو", "--db", location)
    assert out.strip() == "article_id  published  source  title  snippet"  # d was skipped, not half-stored


def test_query_commands_and_formats(location: str, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    rasd(capsys, "ingest", str(write_analyzed(tmp_path / "a.jsonl", corpus())), "--db", location)

    code, out, _ = rasd(capsys, "events", "--db", location, "--actor", "RUS", "--actor", "KAZ",
                        "--plover", "CONSULT", "--since", "2010-12")
    lines = out.strip().splitlines()
    assert code == 0 and lines[0].split() == ["event_id", "day", "plover", "cameo", "source", "target", "location",
                                              "modality", "article_id"]
    assert len(lines) == 2 and "2010-12-10  CONSULT  040    RUSGOV  KAZGOV  Moscow" in lines[1]

    _, out, _ = rasd(capsys, "events", "--db", location, "--format", "csv", "--plover", "ACCUSE")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["source_name"], r["target_code"], r["location_name"]) for r in rows] == [
        ("Alexander Lukashenko", "RUS", "Minsk")]

    _, out, _ = rasd(capsys, "events", "--db", location, "--format", "jsonl", "--include-duplicates")
    assert sorted(json.loads(line)["doc_id"] for line in out.splitlines()) == [
        "blr-1", "kaz-1", "wire-1", "wire-1", "wire-2", "wire-2"]

    _, out, _ = rasd(capsys, "entities", "--db", location, "--type", "PER", "--format", "jsonl")
    people = [json.loads(line) for line in out.splitlines()]
    assert people[0]["id"] == "Q4723" and people[0]["articles"] == 2

    _, out, _ = rasd(capsys, "search", "بروسيا", "--db", location, "--format", "jsonl")
    assert out == ""  # the query word as typed: بروسيا is not in these texts
    _, out, _ = rasd(capsys, "search", "روسيا", "--db", location, "--format", "jsonl")
    assert {json.loads(line)["doc_id"] for line in out.splitlines()} == {"wire-1", "blr-1"}

    _, out, _ = rasd(capsys, "article", "kaz-1", "--db", location)
    assert json.loads(out) == astana().to_dict()
    code, _, err = rasd(capsys, "article", "nothing", "--db", location)
    assert code == 1 and "no article with id 'nothing'" in err

    _, out, _ = rasd(capsys, "stats", "--db", location)
    assert "events by plover: CONSULT 2, ACCUSE 1, AGREE 1" in out


# --- export -----------------------------------------------------------------------------------------


def test_exports_parse(location: str, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    rasd(capsys, "ingest", str(write_analyzed(tmp_path / "a.jsonl", corpus())), "--db", location)

    out_path = tmp_path / "docs.jsonl"
    code, _, err = rasd(capsys, "export", "--db", location, "--format", "jsonl", "--out", str(out_path))
    docs = [json.loads(line) for line in out_path.read_text(encoding="utf-8").splitlines()]
    assert code == 0 and "exported 3 documents" in err
    assert [d["id"] for d in docs] == ["wire-1", "blr-1", "kaz-1"] and docs[0] == wire().to_dict()

    _, out, _ = rasd(capsys, "export", "--db", location, "--format", "gdelt")
    rows = [line.split("\t") for line in out.splitlines()]
    assert len(rows) == 4 and {len(r) for r in rows} == {61} and len(GDELT_COLUMNS) == 61
    consult = dict(zip(GDELT_COLUMNS, next(r for r in rows if r[GDELT_COLUMNS.index("EventCode")] == "040"),
                       strict=True))
    assert consult["Day"] == "20101210" and consult["MonthYear"] == "201012" and consult["Year"] == "2010"
    assert (consult["Actor1Code"], consult["Actor1Name"], consult["Actor1CountryCode"],
            consult["Actor1Type1Code"]) == ("RUSGOV", "DMITRY MEDVEDEV", "RUS", "GOV")
    assert (consult["Actor2Code"], consult["Actor2CountryCode"]) == ("KAZGOV", "KAZ")
    assert (consult["EventBaseCode"], consult["EventRootCode"], consult["QuadClass"]) == ("040", "04", "1")
    assert consult["IsRootEvent"] == "1"  # the trigger بحث opens the lead sentence
    assert consult["NumArticles"] == "2" and consult["NumSources"] == "2"  # its copy in paper-b
    assert (consult["ActionGeo_Type"], consult["ActionGeo_FullName"]) == ("4", "Moscow")
    assert consult["SOURCEURL"] == "https://news.example/wire-1" and len(consult["DATEADDED"]) == 14
    accuse = next(r for r in rows if r[GDELT_COLUMNS.index("EventCode")] == "112")
    assert accuse[GDELT_COLUMNS.index("QuadClass")] == "3"

    import pyarrow.parquet as pq

    parquet = tmp_path / "events.parquet"
    rasd(capsys, "export", "--db", location, "--format", "parquet", "--out", str(parquet), "--since", "2010-12")
    table = pq.read_table(parquet)
    assert table.num_rows == 3
    assert sorted(table.column("plover").to_pylist()) == ["ACCUSE", "AGREE", "CONSULT"]
    assert date(2010, 12, 10) in table.column("day").to_pylist()
    code, _, err = rasd(capsys, "export", "--db", location, "--format", "parquet")
    assert code == 1 and "--out" in err

    graph_path = tmp_path / "actors.graphml"
    rasd(capsys, "export", "--db", location, "--format", "graphml", "--out", str(graph_path),
         "--include-duplicates")
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    graph = ET.parse(graph_path).getroot().find("g:graph", ns)
    nodes = {n.get("id"): {d.get("key"): d.text for d in n} for n in graph.findall("g:node", ns)}
    assert nodes["Q23530"]["label"] == "Dmitry Medvedev" and nodes["Q23530"]["code"] == "RUSGOV"
    edges = {(e.get("source"), e.get("target"), e.find("g:data[@key='plover']", ns).text):
             float(e.find("g:data[@key='weight']", ns).text) for e in graph.findall("g:edge", ns)}
    assert edges[("Q23530", "Q4723", "CONSULT")] == 2.0  # the story and its copy
    assert edges[("rasd:per:lukashenko", "Q159", "ACCUSE")] == 1.0
    assert len(edges) == 4


# --- real articles ----------------------------------------------------------------------------------

NEWS = Path(__file__).resolve().parents[2] / "shared" / "data" / "news" / "saudinewsnet-dev.jsonl"


@pytest.mark.skipif(not NEWS.exists(), reason="SaudiNewsNet development articles are not beside the repository")
def test_real_articles_ingested_twice_give_the_same_store(location: str, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture) -> None:
    with NEWS.open(encoding="utf-8") as src:
        lines = [next(src) for _ in range(250)]
    corpus_path = tmp_path / "news.jsonl"
    corpus_path.write_text("".join(lines), encoding="utf-8")
    code, out, _ = rasd(capsys, "ingest", str(corpus_path), "--db", location, "--no-analyze")
    assert code == 0 and "read 250," in out and "failed 0" in out
    _, first, _ = rasd(capsys, "stats", "--db", location, "--format", "json")
    rasd(capsys, "ingest", str(corpus_path), "--db", location, "--no-analyze")
    _, second, _ = rasd(capsys, "stats", "--db", location, "--format", "json")
    assert json.loads(first) == json.loads(second)
    stats = json.loads(first)
    texts = {json.loads(line)["id"]: json.loads(line)["title"] + "\n\n" + json.loads(line)["text"] for line in lines}
    assert stats["articles"] == len({content_hash(t) for t in texts.values()})
    # search finds exactly the articles whose words (or their clitic-stripped readings) include the query word
    with open_store(location) as store:
        for query in ("السعودية", "اليمن", "روسيا", "الحوثيين"):
            found = {r["doc_id"] for r in store.search(query, limit=None, include_duplicates=True)}
            target = words(query)[0]
            expected = {i for i, t in texts.items() if any(target in readings(w) for w in words(t))}
            stored = {d["id"] for i in expected for d in store.articles(i)}
            assert found == stored and found, query


# --- interrupted ingest -----------------------------------------------------------------------------


def _article_count(location: str) -> int:
    try:
        with open_store(location) as store:
            return store.stats()["articles"]
    except RasdError:
        return 0


def test_an_ingest_killed_halfway_resumes_with_every_article_once(location: str, tmp_path: Path) -> None:
    sentences = [s.strip() + "." for body in (WIRE_BODY, BELARUS_BODY, ASTANA_BODY) for s in body.split(".")
                 if s.strip()]
    docs = [wire(f"w{i}", body=f"{sentences[i % len(sentences)]} {WIRE_BODY} ({i})") for i in range(800)]
    src = write_analyzed(tmp_path / "many.jsonl", docs)
    cmd = [sys.executable, "-c", HARNESS, "ingest", str(src), "--db", location, "--no-analyze"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while _article_count(location) == 0 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    stored = _article_count(location)
    assert 0 < stored < len(docs), "the ingest was not killed halfway; the test needs a slower input"

    done = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert f"duplicate {stored}," in done.stdout
    with open_store(location) as store:
        stats = store.stats()
        assert stats["articles"] == len(docs)
        assert stats["events_with_duplicates"] == 2 * len(docs)  # every article whole: both its events
        hashes = {r["content_hash"] for r in store.query("SELECT content_hash FROM articles")}
        assert len(hashes) == len(docs)
        per_article = store.query("SELECT article_id, COUNT(*) AS n FROM events GROUP BY article_id")
        assert {int(r["n"]) for r in per_article} == {2} and len(per_article) == len(docs)


# --- the real pipeline ------------------------------------------------------------------------------


def test_ingest_with_the_pipeline_stores_what_it_found(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    from rasd.store.ingest import LazyPipeline, PipelineUnavailable

    pipeline = LazyPipeline()
    try:
        expected = pipeline(Document(text=f"موسكو تبحث مع أستانا\n\n{WIRE_BODY}", id="p1",
                                     published=date(2010, 12, 11))).to_dict()
    except PipelineUnavailable as exc:
        pytest.skip(str(exc))
    src = tmp_path / "raw.jsonl"
    src.write_text(json.dumps({"id": "p1", "title": "موسكو تبحث مع أستانا", "text": WIRE_BODY,
                               "published": "2010-12-11"}, ensure_ascii=False) + "\n", encoding="utf-8")
    db = str(tmp_path / "p.db")
    code, out, _ = rasd(capsys, "ingest", str(src), "--db", db)
    assert code == 0 and "new 1" in out
    with open_store(db) as store:
        stored = store.articles("p1")[0]
        assert stored["entities"] == expected["entities"] and stored["events"] == expected["events"]
        assert store.stats()["events"] == len(expected["events"])
