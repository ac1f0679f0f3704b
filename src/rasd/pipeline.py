"""The pipeline: a list of named stages, each adding one kind of annotation.

Like spaCy's components, a stage is a callable that takes a `Document` and
adds to it; a stage may also offer a batch form that annotates several
documents in one call (the NER tagger's numpy work costs per call, not per
word), which `Pipeline.pipe` uses, as spaCy's `nlp.pipe` does. Stages are
imported lazily by name, so running part of the pipeline (`rasd analyze
--only time`) loads nothing it does not need. A stage sets its fields whole,
so running it again over a document gives the same result.
"""

from __future__ import annotations

import gc
import importlib
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from itertools import islice
from typing import NamedTuple, TypeVar

from rasd.document import Document
from rasd.errors import RasdError

Stage = Callable[[Document], None]
BatchStage = Callable[[list[Document]], None]
T = TypeVar("T")


class StageSpec(NamedTuple):
    module: str
    function: str
    needs: tuple[str, ...] = ()
    batch_function: str | None = None  # the same work over a list of documents, when that is cheaper


STAGES: dict[str, StageSpec] = {
    "text": StageSpec("rasd.text.annotate", "annotate_text"),
    "ner": StageSpec("rasd.ner", "recognize", ("text",), "recognize_many"),
    "link": StageSpec("rasd.link", "link_entities", ("ner",)),
    "time": StageSpec("rasd.time.stage", "annotate_times", ("text",)),
    "events": StageSpec("rasd.events", "code_events", ("link", "time")),
    "summarize": StageSpec("rasd.summarize", "summarize", ("text",)),
}
DEFAULT_STAGES = tuple(STAGES)
BATCH_SIZE = 128  # the tagger's numpy calls cost per batch: 128 spends ~12% less NER time than 32


@cache
def load_stage(name: str) -> tuple[Stage, BatchStage | None]:
    """The stage's function, and its batch form if it has one."""
    spec = STAGES[name]
    module = importlib.import_module(spec.module)
    return getattr(module, spec.function), getattr(module, spec.batch_function) if spec.batch_function else None


@dataclass(slots=True)
class AnalysisFailure:
    """A document a stage raised on, in its place in `Pipeline.pipe`'s output."""

    doc: Document
    error: Exception

    def message(self) -> str:
        return f"analysis failed: {type(self.error).__name__}: {self.error}"


def resolve_stages(names: Iterable[str]) -> list[str]:
    """The stages to run for `names`, with what they need, in pipeline order."""
    wanted: set[str] = set()

    def want(name: str) -> None:
        if name not in STAGES:
            raise RasdError(f"unknown stage {name!r}; the stages are: {', '.join(STAGES)}")
        if name not in wanted:
            wanted.add(name)
            for need in STAGES[name].needs:
                want(need)

    for name in names:
        want(name.strip())
    return [name for name in STAGES if name in wanted]


class Pipeline:
    """Runs the named stages (all by default) over documents.

    With `timed`, `timings` adds up the CPU seconds each stage spends (for benchmarks).
    """

    def __init__(self, stages: Sequence[str] | None = None, timed: bool = False) -> None:
        self.names = resolve_stages(stages or DEFAULT_STAGES)
        loaded = [load_stage(name) for name in self.names]
        self.stages = [one for one, _many in loaded]
        self._batch_stages = [many for _one, many in loaded]
        self.timings: dict[str, float] | None = dict.fromkeys(self.names, 0.0) if timed else None

    def __call__(self, doc: Document) -> Document:
        for stage in self.stages:
            stage(doc)
        return doc

    def pipe(self, items: Iterable[T | Document], batch_size: int = BATCH_SIZE
             ) -> Iterator[T | Document | AnalysisFailure]:
        """Analyze the documents among `items` in batches, yielding everything in input order.

        Items that are not documents (a reader's error records) pass through in
        their place; a document a stage fails on comes back as an
        `AnalysisFailure` and the others of its batch are unaffected.
        """
        it = iter(items)
        first = True
        threshold = gc.get_threshold()
        try:
            while chunk := list(islice(it, batch_size)):
                failed = self._run_batch([x for x in chunk if isinstance(x, Document)])
                if first:  # the stages have loaded their models
                    _settle_collector(threshold)
                    first = False
                for x in chunk:
                    yield AnalysisFailure(x, failed[id(x)]) if isinstance(x, Document) and id(x) in failed else x
        finally:
            gc.set_threshold(*threshold)

    def _run_batch(self, docs: list[Document]) -> dict[int, Exception]:
        """Run every stage over `docs`; the errors by document identity."""
        failed: dict[int, Exception] = {}
        for name, one, many in zip(self.names, self.stages, self._batch_stages, strict=True):
            started = time.process_time()
            live = [d for d in docs if id(d) not in failed]
            done = False
            if many is not None and len(live) > 1:
                try:
                    many(live)
                    done = True
                except Exception:  # find which document it was, one at a time below
                    pass
            if not done:
                for doc in live:
                    try:
                        one(doc)
                    except Exception as exc:  # one bad article must not stop a corpus run
                        failed[id(doc)] = exc
            if self.timings is not None:
                self.timings[name] += time.process_time() - started
        return failed


def _settle_collector(threshold: tuple[int, ...]) -> None:
    """Keep Python's cycle collector off the loaded models while documents stream through.

    Models, lexicons and the knowledge base are millions of long-lived objects
    the collector would otherwise walk every few hundred documents (about a
    tenth of the CPU time), and analysis makes many short-lived objects but
    few cycles: the loaded objects are frozen out of its sight (they live as
    long as the process anyway) and it runs less often until `pipe` ends.
    """
    gc.freeze()
    gc.set_threshold(max(threshold[0], 20_000), *threshold[1:])


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
