"""The HTTP API: every documented endpoint, its errors, the body limit and the write key.

The store is built here from articles written for the test, analyzed by the
real pipeline; `running(app)` serves an app on a loopback port for the tests
that need a real socket (and for tests/test_web_browser.py).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest
import uvicorn
from fastapi.testclient import TestClient

import rasd
from rasd.store import EventFilter, open_store
from rasd.store.postgres import scratch_schema
from rasd.web.app import Settings, create_app
from rasd.web.commands import add_commands

ARTICLES = [
    {"id": "t1", "published": "2015-08-03", "source": "test/okaz",
     "title": "خادم الحرمين يستقبل الرئيس الفرنسي في الرياض",
     "text": "استقبل خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز في الرياض أمس الرئيس الفرنسي فرانسوا هولاند، "
             "وبحث الجانبان العلاقات الثنائية والأوضاع في اليمن وسوريا.\n\nووقعت المملكة العربية السعودية وفرنسا "
             "اتفاقية للتعاون في مجال الطاقة بقيمة 10 مليارات دولار."},
    {"id": "t2", "published": "2015-08-05", "source": "test/alriyadh",
     "title": "السعودية تدين الهجوم على مسجد في الكويت",
     "text": "أدانت المملكة العربية السعودية بشدة الهجوم الإرهابي الذي استهدف مسجدا في الكويت يوم الجمعة، "
             "وأكدت وقوفها إلى جانب الكويت في مواجهة الإرهاب.\n\nوقال وزير الخارجية عادل الجبير إن المملكة "
             "تدعم جهود الكويت لملاحقة المسؤولين عن الهجوم."},
    {"id": "t3", "published": "2015-08-07", "source": "test/alwatan",
     "title": "قوات التحالف تقصف مواقع الحوثيين في صنعاء",
     "text": "شنت طائرات التحالف بقيادة السعودية غارات جوية على مواقع الحوثيين في صنعاء أمس، "
             "وقتل 20 مسلحا على الأقل.\n\nوقدمت المملكة مساعدات إنسانية إلى اليمن بقيمة 274 مليون دولار."},
    {"id": "t4", "published": "2015-08-10", "source": "test/aleqt",
     "title": "بوتين يلتقي ولي ولي العهد السعودي في سوتشي",
     "text": "التقى الرئيس الروسي فلاديمير بوتين ولي ولي العهد السعودي الأمير محمد بن سلمان في سوتشي يوم الثلاثاء، "
             "وبحثا التعاون بين روسيا والسعودية.\n\nوانتقدت إيران الموقف السعودي من الأزمة في اليمن."},
    {"id": "t5", "published": "2015-08-12", "source": "test/alhayat",
     "title": "الجبير يبحث مع كيري الاتفاق النووي",
     "text": "التقى وزير الخارجية السعودي عادل الجبير نظيره الأمريكي جون كيري في الدوحة أمس، وبحث الجانبان "
             "العلاقات بين السعودية والولايات المتحدة والاتفاق النووي مع إيران.\n\nوأكد كيري أن الولايات المتحدة "
             "ستقدم دعما عسكريا إضافيا لدول الخليج."},
    {"id": "t6", "published": "2015-08-14", "source": "test/almadina",
     "title": "مصر والسعودية توقعان اتفاقية للاستثمار",
     "text": "وقعت مصر والمملكة العربية السعودية في القاهرة يوم الخميس اتفاقية لتشجيع الاستثمار بقيمة 8 مليارات "
             "دولار.\n\nوقال الرئيس المصري عبدالفتاح السيسي إن العلاقات مع السعودية تشهد تعاونا غير مسبوق."},
    {"id": "t7", "published": "2015-08-16", "source": "test/alyaum",
     "title": "السعودية وتركيا تدينان تفجير دمشق",
     "text": "أدانت المملكة العربية السعودية وتركيا التفجير الذي استهدف سوقا في دمشق أمس وأسفر عن مقتل 15 شخصا."
             "\n\nوطالبت الرياض مجلس الأمن الدولي بالتحرك لوقف العنف في سوريا."},
]
SEED_FORMAT = ARTICLES[0]["title"] + "\n\n" + ARTICLES[0]["text"]
KEY = "s3cret-key"


def build_store(location: str) -> str:
    """A store (SQLite file or PostgreSQL URL) holding ARTICLES, analyzed by the full pipeline."""
    with open_store(location, create=True) as store:
        docs = [rasd.analyze(a["text"], published=a["published"], title=a["title"], id=a["id"]) for a in ARTICLES]
        for doc, a in zip(docs, ARTICLES, strict=True):
            doc.source = a["source"]
        results = store.add_many([(d.to_dict(), "test") for d in docs])
    assert [r.status for r in results] == ["new"] * len(ARTICLES)
    return location


@contextmanager
def running(app: object) -> Iterator[str]:
    """Serve `app` with uvicorn on a free loopback port; yields its base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The test store: a SQLite file, and a private schema on $RASD_TEST_POSTGRES_URL when that is set."""
    if request.param == "sqlite":
        yield build_store(str(tmp_path_factory.mktemp("api") / "rasd.db"))
        return
    url = os.environ.get("RASD_TEST_POSTGRES_URL")
    if not url:
        pytest.skip("RASD_TEST_POSTGRES_URL is not set (scripts/start_postgres.sh prints one)")
    with scratch_schema(url, "rasd_api") as scratch:
        yield build_store(scratch)


@pytest.fixture(scope="module")
def client(db: str) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(db=db))) as c:
        yield c


@pytest.fixture()
def writable(tmp_path: Path) -> Iterator[TestClient]:
    """A keyed app over its own copy of the store, with a 64 KB body limit."""
    path = build_store(str(tmp_path / "rasd.db"))
    with TestClient(create_app(Settings(db=path, api_key=KEY, max_body=64 * 1024))) as c:
        yield c


def _error(response, status: int) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error", "detail"} and isinstance(body["error"], str) and body["error"]
    return body


def _entity(doc: dict, name_en: str) -> dict:
    return next(e for e in doc["entities"] if e["name_en"] == name_en)


# --- analysis ----------------------------------------------------------------------------------------

def test_analyze_plain_text_returns_a_document_with_offsets_into_the_text(client: TestClient) -> None:
    r = client.post("/api/analyze", content=SEED_FORMAT.encode(), params={"published": "2015-08-03"},
                    headers={"Content-Type": "text/plain; charset=utf-8"})
    assert r.status_code == 200, r.text
    doc = r.json()
    assert doc["schema"] == "rasd.document/1" and doc["text"] == SEED_FORMAT
    assert doc["title"] == ARTICLES[0]["title"] and doc["published"] == "2015-08-03"
    riyadh = _entity(doc, "Riyadh")
    assert riyadh["type"] == "LOC" and riyadh["country"] == "SAU"
    for m in riyadh["mentions"]:
        assert doc["text"][m["start"]:m["end"]] == m["text"]
    assert {"text": "أمس", "value": "2015-08-02"}.items() <= next(t for t in doc["times"] if t["text"] == "أمس").items()
    consult = next(e for e in doc["events"] if e["plover"] == "CONSULT")
    assert consult["source"]["country"] == "SAU" and consult["target"]["country"] == "FRA"


def test_analyze_json_and_file_upload_agree(client: TestClient) -> None:
    a = ARTICLES[0]
    by_json = client.post("/api/analyze", json={"text": a["text"], "title": a["title"], "published": a["published"],
                                                "id": "mine"}).json()
    by_file = client.post("/api/analyze", files={"file": ("article.txt", SEED_FORMAT.encode("cp1256"), "text/plain")},
                          data={"published": a["published"]}).json()
    assert by_json["id"] == "mine" and by_json["text"] == by_file["text"] == SEED_FORMAT  # cp1256 decoded too
    for key in ("entities", "times", "quantities", "events"):
        assert by_json[key] == by_file[key]


def test_analyze_html_upload_extracts_the_article(client: TestClient) -> None:
    page = (f"<html><head><title>x</title><script>alert(1)</script></head><body><article><h1>{ARTICLES[3]['title']}"
            f"</h1><p>{ARTICLES[3]['text']}</p></article></body></html>")
    doc = client.post("/api/analyze", files={"file": ("page.html", page.encode(), "text/html")}).json()
    assert "alert" not in doc["text"] and "بوتين" in doc["text"]
    assert _entity(doc, "Vladimir Putin")["type"] == "PER"


@pytest.mark.parametrize(("kwargs", "status"), [
    ({"content": b"{not json", "headers": {"Content-Type": "application/json"}}, 400),
    ({"content": b"\x00\x01binary", "headers": {"Content-Type": "text/plain"}}, 400),
    ({"content": "Ünïcödé but not Arabic".encode("latin-1"), "headers": {"Content-Type": "text/plain"}}, 400),
    ({"json": ["a list"]}, 422),
    ({"json": {"title": "no text"}}, 422),
    ({"json": {"text": "   "}}, 422),
    ({"json": {"text": "خبر قصير.", "published": "11/12/2010"}}, 422),
    ({"content": b"   ", "headers": {"Content-Type": "text/plain"}}, 422),
    ({"data": {"title": "form without text"}, "files": {"other": ("x.txt", b"x")}}, 422),
    ({"json": {"schema": "rasd.document/1", "text": "x"}}, 422),
    ({"content": b"<a/>", "headers": {"Content-Type": "application/xml"}}, 415),
    ({"content": b"text"}, 415),
])
def test_analyze_rejects_bad_requests_with_json_errors(client: TestClient, kwargs: dict, status: int) -> None:
    _error(client.post("/api/analyze", **kwargs), status)


# --- body limit ----------------------------------------------------------------------------------------

def test_oversized_bodies_are_refused_by_length_and_while_streaming(writable: TestClient) -> None:
    big = ("كلمة " * 20000).encode()  # 200 KB, over the 64 KB limit
    body = _error(writable.post("/api/analyze", content=big, headers={"Content-Type": "text/plain"}), 413)
    assert "65,536" in body["error"]
    chunks = (big[i:i + 8192] for i in range(0, len(big), 8192))  # no Content-Length: counted as it arrives
    _error(writable.post("/api/analyze", content=chunks, headers={"Content-Type": "text/plain"}), 413)
    upload = {"file": ("big.txt", big, "text/plain")}
    _error(writable.post("/api/articles", files=upload, headers={"X-API-Key": KEY}), 413)


def test_the_limit_answers_before_the_client_has_sent_the_body(db: str) -> None:
    """A 50 MB upload announced (or streamed) is refused after its first chunk: nothing waits for the rest."""
    app = create_app(Settings(db=db, max_body=4096))
    with running(app) as url:
        port = int(url.rsplit(":", 1)[1])
        for head, first in (("Content-Length: 50000000\r\n", b"x" * 1000),
                            ("Transfer-Encoding: chunked\r\n", b"2000\r\n" + b"x" * 8192 + b"\r\n")):
            with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
                conn.sendall(f"POST /api/analyze HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n{head}\r\n".encode()
                             + first)
                status, body = _read_response(conn)
            assert status.startswith("HTTP/1.1 413"), status
            assert json.loads(body)["error"].startswith("request body larger")


def _read_response(conn: socket.socket) -> tuple[str, bytes]:
    """The status line and body of one HTTP/1.1 response with a Content-Length."""
    data = b""
    while b"\r\n\r\n" not in data:
        data += conn.recv(65536)
    head, body = data.split(b"\r\n\r\n", 1)
    lines = head.decode("latin-1").split("\r\n")
    length = int(next(v for k, v in (line.split(": ", 1) for line in lines[1:]) if k.lower() == "content-length"))
    while len(body) < length:
        body += conn.recv(65536)
    return lines[0], body


# --- writing and the API key ---------------------------------------------------------------------------

def test_writes_need_the_key_reads_and_analysis_do_not(writable: TestClient) -> None:
    article = {"text": "التقى وزير الخارجية الروسي سيرغي لافروف نظيره الأمريكي جون كيري في جنيف أمس.",
               "published": "2015-08-20", "id": "new-1"}
    r = writable.post("/api/articles", json=article)
    _error(r, 401)
    assert r.headers["www-authenticate"] == "Bearer"
    _error(writable.post("/api/articles", json=article, headers={"X-API-Key": "wrong"}), 401)
    _error(writable.post("/api/articles", json=article, headers={"Authorization": "Bearer wrong"}), 401)
    assert writable.post("/api/analyze", json=article).status_code == 200
    assert writable.get("/api/stats").json()["articles"] == len(ARTICLES)

    r = writable.post("/api/articles", json=article, headers={"X-API-Key": KEY})
    assert r.status_code == 201, r.text
    added = r.json()
    assert added["status"] == "new" and added["document"]["id"] == "new-1"
    stored = writable.get(f"/api/articles/{added['article_id']}").json()
    assert stored == added["document"] == writable.get("/api/articles/new-1").json()
    assert _entity(stored, "Sergey Lavrov")["type"] == "PER"
    again = writable.post("/api/articles", json=article, headers={"Authorization": f"Bearer {KEY}"})
    assert again.status_code == 200 and again.json()["status"] == "duplicate"
    listed = writable.get("/api/articles", params={"limit": 1}).json()
    assert listed["articles"][0]["doc_id"] == "new-1" and listed["next_offset"] == 1


def test_an_analyzed_document_is_stored_as_it_is(writable: TestClient) -> None:
    text = "أعلنت وزارة الداخلية السعودية أمس القبض على خلية إرهابية في القطيف تضم 12 شخصا."
    doc = writable.post("/api/analyze", json={"text": text, "published": "2015-08-08", "id": "imported-1"}).json()
    r = writable.post("/api/articles", json=doc, headers={"X-API-Key": KEY})
    assert r.status_code == 201 and r.json()["status"] == "new"
    assert writable.get("/api/articles/imported-1").json()["events"] == doc["events"]
    broken = {"schema": "rasd.document/1", "id": "broken"}
    _error(writable.post("/api/articles", json=broken, headers={"X-API-Key": KEY}), 422)


def test_get_connections_cannot_write(client: TestClient) -> None:
    stores = client.app.state.rasd.stores
    with stores.reading() as store, pytest.raises(Exception, match="(?i)read.?only"):
        store.conn.execute("DELETE FROM articles")
    assert client.get("/api/stats").json()["articles"] == len(ARTICLES)


def test_a_missing_store_is_503_for_reads_while_analysis_works(tmp_path: Path) -> None:
    with TestClient(create_app(Settings(db=str(tmp_path / "none.db")))) as c:
        body = _error(c.get("/api/events"), 503)
        assert "none.db" in body["detail"]
        assert c.post("/api/analyze", json={"text": ARTICLES[1]["text"]}).status_code == 200
        assert c.post("/api/articles", json={"text": ARTICLES[1]["text"]}).status_code == 201  # no key configured
        assert c.get("/api/stats").json()["articles"] == 1


# --- reading ------------------------------------------------------------------------------------------

def _all_events(client: TestClient, **params: object) -> list[dict]:
    out, offset = [], 0
    while offset is not None:
        page = client.get("/api/events", params={**params, "limit": 3, "offset": offset}).json()
        assert len(page["events"]) <= 3
        out += page["events"]
        offset = page["next_offset"]
    return out


def test_events_paginate_without_gaps_or_repeats(client: TestClient, db: str) -> None:
    events = _all_events(client)
    ids = [e["event_id"] for e in events]
    with open_store(db) as store:
        expected = {row["event_id"] for row in store.events(EventFilter())}
    assert len(ids) == len(set(ids)) and set(ids) == expected and len(ids) > 10
    days = [e["day"] for e in events]
    assert days == sorted(days, reverse=True)
    oldest = client.get("/api/events", params={"order": "oldest", "limit": 1000}).json()["events"]
    assert [e["day"] for e in oldest] == sorted(days)
    assert all(isinstance(e["negated"], bool) for e in events)


@pytest.mark.parametrize("params", [
    {"actor": "RUS"}, {"actor": ["SAU", "FRA"]}, {"source": "SAUMIL"}, {"target": "KWT"},
    {"plover": "ASSAULT,AID"}, {"plover": ["CONSULT", "AGREE"]}, {"since": "2015-08-05", "until": "2015-08-07"},
    {"location": "Q2471"}, {"location": "Sochi"}, {"outlet": "okaz"},
])
def test_event_filters_mean_what_rasd_events_means(client: TestClient, db: str, params: dict) -> None:
    got = {e["event_id"] for e in _all_events(client, **params)}
    as_list = {k: (v if isinstance(v, list) else [v]) for k, v in params.items()}
    f = EventFilter(actors=as_list.get("actor", []), source=params.get("source"), target=params.get("target"),
                    plover=[p for v in as_list.get("plover", []) for p in v.split(",")], since=params.get("since"),
                    until=params.get("until"), location=params.get("location"), outlet=params.get("outlet"))
    with open_store(db) as store:
        expected = {row["event_id"] for row in store.events(f)}
    assert got == expected and got, params


def test_event_filter_values_are_checked(client: TestClient) -> None:
    assert "YYYY" in _error(client.get("/api/events", params={"since": "last week"}), 422)["error"]
    detail = _error(client.get("/api/events", params={"limit": 0}), 422)["detail"]
    assert detail[0]["where"] == "query.limit"
    _error(client.get("/api/events", params={"limit": 5000}), 422)
    _error(client.get("/api/events", params={"offset": -1}), 422)
    _error(client.get("/api/timeline", params={"by": "year"}), 422)


def test_timeline_network_and_places_summarize_the_same_events(client: TestClient) -> None:
    events = _all_events(client)
    by_day = client.get("/api/timeline").json()
    assert sum(p["total"] for p in by_day["periods"]) == len(events)
    by_week = client.get("/api/timeline", params={"by": "week"}).json()
    assert all(date.fromisoformat(p["period"]).weekday() == 0 for p in by_week["periods"])
    assert sum(p["total"] for p in by_week["periods"]) == len(events)
    assaults = client.get("/api/timeline", params={"plover": "ASSAULT"}).json()
    assert {k for p in assaults["periods"] for k in p["counts"]} == {"ASSAULT"}

    net = client.get("/api/network").json()
    ids = {n["id"] for n in net["nodes"]}
    assert "Q7747" in ids  # Putin meets the Saudi deputy crown prince
    assert all(e["source"] in ids and e["target"] in ids and e["total"] == sum(e["counts"].values())
               for e in net["edges"])
    assert len(client.get("/api/network", params={"nodes": 2}).json()["nodes"]) == 2

    places = client.get("/api/places").json()["places"]
    sanaa = next(p for p in places if p["entity"] == "Q2471")
    assert abs(sanaa["lat"] - 15.35) < 0.5 and abs(sanaa["lon"] - 44.2) < 0.5
    assert sanaa["counts"].get("ASSAULT", 0) >= 1


def test_entities_list_and_filters(client: TestClient) -> None:
    page = client.get("/api/entities", params={"limit": 5}).json()
    assert len(page["entities"]) == 5 and page["next_offset"] == 5
    rest = client.get("/api/entities", params={"limit": 1000, "offset": 5}).json()["entities"]
    assert not {e["id"] for e in page["entities"]} & {e["id"] for e in rest}
    assert page["entities"][0]["id"] == "Q851"  # Saudi Arabia: in every article
    assert {e["type"] for e in client.get("/api/entities", params={"type": "PER"}).json()["entities"]} == {"PER"}
    found = client.get("/api/entities", params={"name": "بوتين"}).json()["entities"]
    assert [e["id"] for e in found] == ["Q7747"]
    _error(client.get("/api/entities", params={"type": "PERSON"}), 422)


def test_entity_profile_follows_a_person_and_a_country(client: TestClient) -> None:
    putin = client.get("/api/entities/Q7747").json()
    assert putin["name_en"] == "Vladimir Putin" and putin["articles"] == 1
    assert "بوتين" in " ".join(n["text"] for n in putin["names"])
    assert any(c["code"] == "RUSGOV" for c in putin["actor_codes"])
    assert putin["counterparts"] and putin["counterparts"][0]["country"] == "SAU"
    assert all("Q7747" in (e["source_entity"], e["target_entity"]) for e in putin["events"])

    saudi = client.get("/api/entities/Q851", params={"by": "day"}).json()
    mentioning = {a["id"] for a in ARTICLES
                  if "Q851" in {e["id"] for e in client.get(f"/api/articles/{a['id']}").json()["entities"]}}
    assert saudi["followed_as"] == "SAU" and saudi["articles"] == len(mentioning) >= 5
    counterparts = {c["country"] for c in saudi["counterparts"]}
    assert {"FRA", "RUS"} <= counterparts and "SAU" not in counterparts
    saudi_events = _all_events(client, actor="SAU")
    assert sum(p["total"] for p in saudi["timeline"]["periods"]) == len(saudi_events)
    assert {a["doc_id"] for a in saudi["recent_articles"]} == mentioning
    _error(client.get("/api/entities/Q0"), 404)


def test_search_articles_and_stats(client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": "الحوثيين"}).json()["results"]
    assert [h["doc_id"] for h in hits] == ["t3"] and "الحوثيين" in hits[0]["snippet"]
    assert client.get("/api/search", params={"q": '"ولي ولي العهد"'}).json()["results"][0]["doc_id"] == "t4"
    _error(client.get("/api/search"), 422)
    _error(client.get("/api/search", params={"q": "..."}), 422)
    listed = client.get("/api/articles").json()
    assert [a["doc_id"] for a in listed["articles"]] == [a["id"] for a in ARTICLES][::-1]
    assert listed["next_offset"] is None
    assert client.get("/api/articles/t2").json()["title"] == ARTICLES[1]["title"]
    stats = client.get("/api/stats").json()
    assert stats["articles"] == len(ARTICLES) and stats["events"] == len(_all_events(client))


def test_unknown_things_are_json_404s(client: TestClient) -> None:
    _error(client.get("/api/articles/nope"), 404)
    _error(client.get("/api/nowhere"), 404)
    _error(client.delete("/api/articles/t1"), 405)


# --- page, docs, command ------------------------------------------------------------------------------

def test_page_is_arabic_rtl_with_a_strict_policy(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200 and '<html lang="ar" dir="rtl">' in r.text
    csp = r.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    for asset in ("/static/app.js", "/static/app.css", "/static/world.json"):
        assert client.get(asset).status_code == 200
    script = client.get("/static/app.js").text
    assert not re.search(r"\.(inner|outer)HTML|insertAdjacentHTML|document\.write|eval\(", script)
    world = client.get("/static/world.json").json()
    assert len(world["countries"]) > 150 and {"SAU", "YEM", "RUS"} <= {c["iso3"] for c in world["countries"]}


def test_openapi_documents_every_endpoint_and_docs_are_served_locally(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    paths = {(m.upper(), p) for p, ops in spec["paths"].items() for m in ops}
    assert {("POST", "/api/analyze"), ("POST", "/api/articles"), ("GET", "/api/articles"),
            ("GET", "/api/articles/{key}"), ("GET", "/api/events"), ("GET", "/api/entities"),
            ("GET", "/api/entities/{entity_id}"), ("GET", "/api/search"), ("GET", "/api/stats")} <= paths
    assert "text/plain" in spec["paths"]["/api/analyze"]["post"]["requestBody"]["content"]
    docs = client.get("/docs").text
    assert "/docs/assets/swagger-ui-bundle.js" in docs and "//" not in docs  # nothing from another host
    assert client.get("/docs/assets/swagger-ui-bundle.js").status_code == 200


def test_serve_command_is_registered_with_its_options(monkeypatch: pytest.MonkeyPatch) -> None:
    parser = argparse.ArgumentParser(prog="rasd")
    add_commands(parser.add_subparsers())
    monkeypatch.delenv("RASD_DB", raising=False)
    args = parser.parse_args(["serve"])
    assert (args.db, args.host, args.port) == ("rasd.db", "127.0.0.1", 8000)
    args = parser.parse_args(["serve", "--db", "postgresql://u@h/db", "--host", "0.0.0.0", "--port", "9001"])
    assert (args.db, args.host, args.port) == ("postgresql://u@h/db", "0.0.0.0", 9001) and callable(args.func)
    monkeypatch.setenv("RASD_API_KEY", "k")
    monkeypatch.setenv("RASD_MAX_BODY", "1000")
    assert (Settings.from_env("x.db").api_key, Settings.from_env("x.db").max_body) == ("k", 1000)
