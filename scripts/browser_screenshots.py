"""Screenshots of the web page over a real corpus, for the README (docs/screenshots/*.png).

Builds a store from the first N development articles (SaudiNewsNet, analyzed
by the full pipeline; the store stays outside the repository), serves it on a
loopback port and takes each page in Debian's headless Chromium, with the seed
article on the analyze page.

    python scripts/browser_screenshots.py                    # 300 articles into /tmp/rasd-screens.db
    python scripts/browser_screenshots.py --articles 1000 --out docs/screenshots
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "tests"))  # the test suite's server and browser helpers

from test_api import running  # noqa: E402
from test_web_browser import VIEWPORT, launch_chromium  # noqa: E402

from rasd.store import open_store  # noqa: E402
from rasd.store.ingest import LazyPipeline, ingest  # noqa: E402
from rasd.web.app import Settings, create_app  # noqa: E402


def build(db: Path, data: Path, n: int) -> None:
    """The store of the first `n` articles of `data`, unless `db` already holds it."""
    if db.exists():
        return
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8", delete=False) as tmp, \
            data.open(encoding="utf-8") as src:
        tmp.writelines(islice(src, n))
    with open_store(str(db), create=True) as store:
        summary = ingest(store, [tmp.name], LazyPipeline(), "", lambda m: print(m, file=sys.stderr))
    Path(tmp.name).unlink()
    print(f"{db}: {summary.line()}", file=sys.stderr)


def take(url: str, out: Path, seed: str) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with launch_chromium() as browser:
        page = browser.new_context(viewport=VIEWPORT, locale="ar").new_page()

        def shot(name: str, full: bool = True) -> None:
            page.screenshot(path=str(out / f"{name}.png"), full_page=full)
            print(out / f"{name}.png", file=sys.stderr)

        page.goto(url + "/")
        page.fill("#analyze-text", seed)
        page.fill("#analyze-published", "2010-12-11")
        page.click("#analyze-submit")
        page.wait_for_selector("#doc-events tbody tr")
        page.locator(".article-text .ent-PER").first.hover()
        shot("analyze")
        page.goto(url + "/#explore")
        page.wait_for_selector("#explore-events tbody tr")
        page.wait_for_selector("#map circle.place")
        shot("explore")
        top = page.request.get(url + "/api/entities?type=PER&limit=1").json()["entities"][0]["id"]
        page.goto(url + "/#entity/" + top)
        page.wait_for_selector("#entity-events tbody tr")
        shot("entity")
        page.goto(url + "/#search?q=" + "الحوثيين")
        page.wait_for_selector("#search-results li")
        shot("search", full=False)
        page.click("#search-results li a")
        page.wait_for_selector("#article-view #doc-events")
        shot("article")
        page.goto(url + "/docs")
        page.wait_for_selector(".opblock")
        shot("docs", full=False)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data", type=Path, default=SHARED / "data" / "news" / "saudinewsnet-dev.jsonl")
    p.add_argument("--articles", type=int, default=300)
    p.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "rasd-screens.db")
    p.add_argument("--seed", type=Path, default=SHARED / "examples" / "seed-article.txt")
    p.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = p.parse_args()
    build(args.db, args.data, args.articles)
    with running(create_app(Settings(db=str(args.db)))) as url:
        take(url, args.out, args.seed.read_text(encoding="utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
