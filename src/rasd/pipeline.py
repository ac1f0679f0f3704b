"""The pipeline: a list of named stages, each adding one kind of annotation.

Like spaCy's components, a stage is a callable that takes a `Document` and
adds to it. Stages are imported lazily by name, so running part of the
pipeline (`rasd analyze --only time`) loads nothing it does not need.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from functools import cache

from rasd.document import Document
from rasd.errors import RasdError

Stage = Callable[[Document], None]

# name -> (module, function, stages it needs first)
STAGES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "text": ("rasd.text.annotate", "annotate_text", ()),
    "ner": ("rasd.ner", "recognize", ("text",)),
    "link": ("rasd.link", "link_entities", ("ner",)),
    "time": ("rasd.time.stage", "annotate_times", ("text",)),
    "events": ("rasd.events", "code_events", ("link", "time")),
    "summarize": ("rasd.summarize", "summarize", ("text",)),
}
DEFAULT_STAGES = tuple(STAGES)


@cache
def load_stage(name: str) -> Stage:
    module, func, _ = STAGES[name]
    return getattr(importlib.import_module(module), func)


def resolve_stages(names: Iterable[str]) -> list[str]:
    """The stages to run for `names`, with what they need, in pipeline order."""
    wanted: set[str] = set()

    def want(name: str) -> None:
        if name not in STAGES:
            raise RasdError(f"unknown stage {name!r}; the stages are: {', '.join(STAGES)}")
        if name not in wanted:
            wanted.add(name)
            for need in STAGES[name][2]:
                want(need)

    for name in names:
        want(name.strip())
    return [name for name in STAGES if name in wanted]


class Pipeline:
    """Runs the named stages (all by default) over documents."""

    def __init__(self, stages: Sequence[str] | None = None) -> None:
        self.names = resolve_stages(stages or DEFAULT_STAGES)
        self.stages = [load_stage(name) for name in self.names]

    def __call__(self, doc: Document) -> Document:
        for stage in self.stages:
            stage(doc)
        return doc


@cache
def _default_pipeline() -> Pipeline:
    return Pipeline()


def analyze(
    text: str,
    published: date | str | None = None,
    *,
    id: str = "",
    title: str | None = None,
    stages: Sequence[str] | None = None,
) -> Document:
    """Analyze one article given as text (seed format or plain) and return its Document.

    `published` (a date or `YYYY-MM-DD`) anchors relative dates; without it
    they stay partial. A separate `title` is joined to the text as a JSON line
    would be.
    """
    from rasd.ingest import article_from_text, document_from_record
    from rasd.ingest.read import parse_date

    if isinstance(published, str):
        published = parse_date(published, "published")
    if title:
        doc = document_from_record({"id": id or None, "title": title, "text": text}, "<text>")
        doc.published = published
    else:
        doc = article_from_text(text, id=id, published=published)
    pipeline = Pipeline(stages) if stages else _default_pipeline()
    return pipeline(doc)
