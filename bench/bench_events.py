"""Speed of the event coder alone, and of the whole pipeline, in sentences per second on one core.

The documents are ~500 articles of the news file, prepared by the stages before `events` (all of
them when the full pipeline runs, else the text and time stages only). The coder is then timed
alone; the lexicon is loaded before timing (it is built once per process). Times are CPU time of
this process (`time.process_time`), so that other work on a shared machine does not count.

Usage: python bench/bench_events.py [--news ../shared/data/news/saudinewsnet-dev.jsonl] [--articles 500]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from rasd.document import Document
from rasd.events import code_events
from rasd.events.lexicon import load_lexicon
from rasd.pipeline import Pipeline, analyze

NEWS = Path(__file__).resolve().parents[2] / "shared" / "data" / "news" / "saudinewsnet-dev.jsonl"
UPSTREAM = ["text", "ner", "link", "time"]


def load_articles(path: Path, limit: int) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for _, line in zip(range(limit), f, strict=False)]


def prepare(articles: list[dict]) -> tuple[list[Document], str]:
    """Documents annotated up to (not including) the events stage."""
    for stages, label in ((UPSTREAM, "text+ner+link+time"), (["text", "time"], "text+time (no entities)")):
        try:
            pipeline = Pipeline(stages)
            return [pipeline(_document(a)) for a in articles], label
        except Exception as exc:  # upstream stages may not be built yet
            print(f"stages {stages} unavailable: {type(exc).__name__}: {exc}")
    raise SystemExit("no stage to prepare documents with")


def _document(article: dict) -> Document:
    from datetime import date

    published = date.fromisoformat(article["date"]) if article.get("date") else None
    return Document(text=f"{article.get('title', '')}\n\n{article['text']}", published=published)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--news", type=Path, default=NEWS)
    ap.add_argument("--articles", type=int, default=500)
    args = ap.parse_args()
    articles = load_articles(args.news, args.articles)
    docs, label = prepare(articles)
    sentences = sum(len(d.sentences) for d in docs)
    load_lexicon()
    start = time.process_time()
    for doc in docs:
        doc.events.clear()
        code_events(doc)
    coder = time.process_time() - start
    events = sum(len(d.events) for d in docs)
    print(f"{len(docs)} articles, {sentences} sentences, prepared by {label}")
    print(f"code_events alone: {sentences / coder:,.0f} sentences/s ({coder:.2f} s, {events} events)")
    try:
        analyze("التقى الرئيس الروسي نظيره الأمريكي في موسكو.", "2015-08-01")
    except Exception as exc:
        print(f"whole pipeline: unavailable ({type(exc).__name__}: {exc})")
        return
    start = time.process_time()
    for a in articles:
        analyze(a["text"], a.get("date"), title=a.get("title"))
    whole = time.process_time() - start
    print(f"whole pipeline: {sentences / whole:,.0f} sentences/s ({whole:.2f} s)")


if __name__ == "__main__":
    main()
