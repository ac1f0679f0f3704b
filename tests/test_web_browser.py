"""The web page in a real headless Chromium (Debian's `chromium`, driven by Playwright).

The server runs on a loopback port over a store of articles written in
tests/test_api.py. Every page is checked for what a person would see, for
console errors (a Content-Security-Policy violation is one) and for requests
leaving the machine; each page is also saved as a PNG, into $RASD_SCREENSHOTS
when set (scripts/browser_screenshots.py sets it to docs/screenshots).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from test_api import ARTICLES, build_store, running

import rasd
from rasd.store import open_store
from rasd.web.app import Settings, create_app

CHROMIUM = os.environ.get("RASD_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]
VIEWPORT = {"width": 1400, "height": 1000}

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason=f"no Chromium at {CHROMIUM}: apt-get install -y chromium, or set RASD_CHROMIUM")

HOSTILE = ("هجوم على الموقع <script>window.__pwned = 1</script> ثم <img src=x onerror=\"window.__pwned = 2\"> "
           "و\"><svg onload=\"window.__pwned = 3\"> في الرياض أمس.\n\nوقال المتحدث إن <b>الهجوم</b> فشل.")


@contextmanager
def launch_chromium() -> Iterator[Any]:
    """Debian's Chromium under Playwright: never a browser Playwright downloads itself."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Site:
    url: str
    shots: Path
    page: Any = None
    problems: list[str] = field(default_factory=list)

    def open(self, path: str, ready: str) -> Any:
        self.page.goto(self.url + path)
        self.page.wait_for_selector(ready)
        return self.page

    def shot(self, name: str) -> None:
        self.shots.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(self.shots / f"{name}.png"), full_page=True)


# One more article with many events, so that the events table has more than one page.
BUSY_DAY = (
    "استقبل الرئيس المصري عبد الفتاح السيسي في القاهرة أمس رئيس الوزراء الأردني. "
    "وأدانت السعودية الهجوم على الكويت. وأدانت الإمارات الهجوم على الكويت. وأدانت البحرين الهجوم على الكويت. "
    "والتقى وزير الخارجية السعودي عادل الجبير نظيره الأمريكي جون كيري في الدوحة. "
    "وقصفت طائرات التحالف مواقع المتمردين في صعدة. وهاجم مسلحون مدينة عدن. "
    "وتظاهر آلاف اليمنيين في صنعاء. واتفقت روسيا والصين على تعزيز التعاون. "
    "وبحث الرئيس الروسي فلاديمير بوتين مع نظيره التركي رجب طيب أردوغان الأزمة السورية. "
    "وفرضت الولايات المتحدة عقوبات على إيران. ورفضت إيران المطالب الأمريكية. "
    "وهددت كوريا الشمالية كوريا الجنوبية. واعتقلت الشرطة المصرية عشرة أشخاص في الإسكندرية."
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    db = build_store(str(tmp_path_factory.mktemp("web") / "rasd.db"))
    with open_store(db) as store:
        store.add(rasd.analyze(BUSY_DAY, published="2015-08-20", title="يوم حافل", id="busy").to_dict(), "test")
    with running(create_app(Settings(db=db))) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with launch_chromium() as b:
        yield b


@pytest.fixture()
def site(browser: Any, server: str, tmp_path: Path) -> Iterator[Site]:
    shots = Path(os.environ["RASD_SCREENSHOTS"]) if os.environ.get("RASD_SCREENSHOTS") else tmp_path
    site = Site(server, shots)
    context = browser.new_context(viewport=VIEWPORT, locale="ar")

    def local_only(route: Any) -> None:
        if route.request.url.startswith(server):
            route.continue_()
        else:
            site.problems.append(f"request left the machine: {route.request.url}")
            route.abort()

    context.route("**/*", local_only)
    site.page = context.new_page()
    site.page.on("console", lambda m: m.type == "error" and site.problems.append(f"console: {m.text}"))
    site.page.on("pageerror", lambda e: site.problems.append(f"page error: {e}"))
    yield site
    context.close()
    assert not site.problems


def _texts(page: Any, selector: str) -> list[str]:
    return page.locator(selector).all_text_contents()


def _analyze(page: Any, text: str, published: str) -> None:
    page.fill("#analyze-text", text)
    page.fill("#analyze-published", published)
    page.click("#analyze-submit")
    page.wait_for_selector("#analyze-result .article-text")


def test_analyze_page_highlights_the_article_and_lists_its_events(site: Site) -> None:
    page = site.open("/", "#analyze-form")
    assert page.evaluate("[document.documentElement.dir, document.documentElement.lang]") == ["rtl", "ar"]
    article = ARTICLES[0]
    _analyze(page, article["title"] + "\n\n" + article["text"], article["published"])
    assert "الرياض" in _texts(page, ".article-text .ent-LOC")
    assert "فرانسوا هولاند" in _texts(page, ".article-text .ent-PER")
    assert "أمس" in _texts(page, ".article-text .time")
    assert any("10 مليارات" in t for t in _texts(page, ".article-text .qty"))
    assert page.locator(".article-text .trigger").count() >= 2

    page.locator(".article-text .ent-LOC", has_text="الرياض").first.hover()
    tip = page.locator("#tip")
    assert tip.is_visible()
    for fact in ("Riyadh", "SAU", "Q3692"):
        assert fact in tip.text_content()

    rows = page.locator("#doc-events tbody tr")
    assert rows.count() >= 2
    consult = rows.filter(has_text="CONSULT").first
    assert "SAUGOV" in consult.text_content() and "FRAGOV" in consult.text_content()
    assert consult.locator("mark").text_content()  # the trigger, highlighted in its sentence
    consult.click()
    page.wait_for_selector(".article-text .flash")
    site.shot("analyze")


def test_a_file_can_be_uploaded(site: Site) -> None:
    page = site.open("/", "#analyze-form")
    article = ARTICLES[3]
    page.set_input_files("#analyze-file", files=[{"name": "putin.txt", "mimeType": "text/plain",
                                                   "buffer": (article["title"] + "\n\n" + article["text"]).encode()}])
    page.fill("#analyze-published", article["published"])
    page.click("#analyze-submit")
    page.wait_for_selector("#doc-events tbody tr")
    assert "فلاديمير بوتين" in _texts(page, ".article-text .ent-PER")
    assert page.locator("#doc-events tbody tr", has_text="RUSGOV").count() >= 1


def _assert_shown_as_text(page: Any, scope: str) -> None:
    text = page.locator(f"{scope} .article-text").text_content()
    assert "<script>window.__pwned = 1</script>" in text and '<img src=x onerror="window.__pwned = 2">' in text
    assert page.locator(f"{scope} img, {scope} script, {scope} svg, {scope} b").count() == 0
    assert page.evaluate("window.__pwned") is None


def test_markup_in_an_article_is_shown_as_text_never_run(site: Site) -> None:
    page = site.open("/", "#analyze-form")
    _analyze(page, HOSTILE, "2015-08-01")
    _assert_shown_as_text(page, "#analyze-result")
    stored = page.request.post(site.url + "/api/articles", data={"text": HOSTILE, "id": "hostile"})
    assert stored.status in (200, 201)
    site.open("/#article/hostile", "#article-view .article-text")
    _assert_shown_as_text(page, "#article-view")
    site.open("/#search?q=" + "المتحدث", "#search-results li")
    assert page.locator("#search-results img, #search-results script").count() == 0
    assert page.evaluate("window.__pwned") is None


def _replaces_events(page: Any, action: Any) -> None:
    """Do `action` and wait until the events table it triggers has replaced the one shown."""
    old = page.query_selector("#explore-events")
    action()
    old.wait_for_element_state("hidden")
    page.wait_for_selector("#explore-events tbody tr")


def test_explore_draws_timeline_network_map_and_pages_through_events(site: Site) -> None:
    page = site.open("/#explore", "#explore-events tbody tr")
    for chart in ("#timeline svg rect.bar", "#network svg circle.node", "#map svg circle.place", "#map svg path.land"):
        assert page.locator(chart).count() > 0, chart
    total = page.request.get(site.url + "/api/events?limit=1000").json()["events"]
    rows = page.locator("#explore-events tbody tr")
    assert len(total) > 25 and rows.count() == 25
    first = rows.first.text_content()
    _replaces_events(page, lambda: page.click("#events-pager button:nth-of-type(2)"))
    assert rows.count() == len(total) - 25 and rows.first.text_content() != first
    assert page.locator("#events-pager button").first.is_enabled()
    site.shot("explore")

    page.fill("#filters input[name=actor]", "RUS")
    _replaces_events(page, lambda: page.click("#filters button[type=submit]"))
    assert page.url.endswith("#explore?actor=RUS")
    russian = _texts(page, "#explore-events tbody tr")
    assert 0 < len(russian) < 25 and all("RUS" in t for t in russian)

    page.select_option("#plover-select", "ASSAULT")
    page.fill("#filters input[name=actor]", "")
    _replaces_events(page, lambda: page.click("#filters button[type=submit]"))
    assaults = _texts(page, "#explore-events tbody tr")
    assert assaults and all("ASSAULT" in t for t in assaults)
    assert page.locator("#timeline rect.bar").count() >= 1


def test_entity_profile_follows_a_person(site: Site) -> None:
    page = site.open("/#entities", "#entities-table tbody tr")
    page.fill("#entities-form input[name=name]", "بوتين")
    page.click("#entities-form button[type=submit]")
    page.wait_for_function("() => document.querySelectorAll('#entities-table tbody tr').length === 1")
    page.click("#entities-table tbody tr")
    page.wait_for_selector("#entity-events tbody tr")
    assert "Vladimir Putin" in page.locator("#entity-profile").text_content()
    assert page.locator("#entity-profile .bars li").count() >= 1
    assert page.locator("#entity-timeline rect.bar").count() >= 1
    site.shot("entity")


def test_search_leads_to_the_stored_article(site: Site) -> None:
    page = site.open("/#search", "#search-form")
    page.fill("#search-form input[name=q]", "الحوثيين")
    page.click("#search-form button[type=submit]")
    page.wait_for_selector("#search-results li")
    assert page.locator("#search-results li").count() == 1
    site.shot("search")
    page.click("#search-results li a")
    page.wait_for_selector("#article-view .article-text")
    assert "صنعاء" in _texts(page, "#article-view .ent-LOC")
    assert page.locator("#article-view #doc-events tbody tr").count() >= 1
    site.shot("article")


def test_api_docs_work_offline(site: Site) -> None:
    page = site.open("/docs", ".opblock")
    paths = _texts(page, ".opblock-summary-path")
    assert {"/api/analyze", "/api/events", "/api/entities/{entity_id}"} <= {p.replace("\u200b", "") for p in paths}
    site.shot("docs")
