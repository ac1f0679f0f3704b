"""`rasd ingest`: read articles, analyze the new ones, store them in batches.

Safe to interrupt and to rerun. An article already stored (same content hash)
is skipped before analysis, so a rerun after Ctrl-C or kill -9 only analyzes
and stores what is missing. Analysis runs outside any transaction; the
analyzed articles are written in small batches, one transaction each, with a
savepoint per article, so the store never holds half an article.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from rasd.document import Document
from rasd.errors import InputError, RasdError
from rasd.ingest import Record
from rasd.store.base import Store
from rasd.store.feeds import Item, estimate_items, list_inputs, read_input
from rasd.store.rows import content_hash

BATCH_SIZE = 64
BATCH_SECONDS = 2.0  # with slow analysis, commit at least this often so little is redone after a kill


_PROBE = "قال وزير الخارجية في مؤتمر صحافي أمس إن المحادثات كانت مثمرة."


class PipelineUnavailable(RasdError):
    """The analysis cannot run at all (a stage or model is missing): stop instead of failing every article."""


class LazyPipeline:
    """The analysis pipeline, loaded (and tried once) only when the first raw article needs it.

    Input that is already analyzed (rasd.document/1 lines) never loads it.
    """

    def __init__(self, stages: list[str] | None = None) -> None:
        from rasd.pipeline import DEFAULT_STAGES, resolve_stages

        self.names = resolve_stages(stages or DEFAULT_STAGES)
        self._pipeline: Callable[[Document], Document] | None = None

    def __call__(self, doc: Document) -> Document:
        if self._pipeline is None:
            from rasd.pipeline import Pipeline

            try:
                pipeline = Pipeline(self.names)
                pipeline(Document(text=_PROBE))
            except Exception as exc:
                raise PipelineUnavailable(f"the analysis pipeline cannot run ({type(exc).__name__}: {exc}); "
                                          "use --no-analyze to store and index the text only") from None
            self._pipeline = pipeline
        return self._pipeline(doc)


@dataclass(slots=True)
class Summary:
    read: int = 0
    new: int = 0
    duplicate: int = 0
    near_duplicate: int = 0
    failed: int = 0

    def count(self, status: str) -> None:
        attr = status.replace("-", "_")
        setattr(self, attr, getattr(self, attr) + 1)

    def line(self) -> str:
        return (f"read {self.read}, new {self.new}, duplicate {self.duplicate}, "
                f"near-duplicate {self.near_duplicate}, failed {self.failed}")


def input_items(paths: Iterable[str]) -> tuple[Iterator[Item], int | None]:
    files, missing = list_inputs(paths)

    def gen() -> Iterator[Item]:
        yield from missing
        for path in files:
            try:
                yield from read_input(path)
            except InputError as err:
                yield Record(None, err)
            except OSError as exc:
                yield Record(None, InputError(path, exc.strerror or str(exc)))

    return gen(), estimate_items(files)


def ingest(
    store: Store,
    paths: Iterable[str],
    analyze: Callable[[Document], Document] | None,
    analysis: str,
    report: Callable[[str], None],
    progress: bool = False,
) -> Summary:
    """Ingest every article under `paths` into `store`; errors go to `report`, one line each.

    `analyze` is the pipeline (None stores text only) and `analysis` the
    label stored with each article (the stages that ran).
    """
    from tqdm import tqdm

    summary = Summary()
    items, total = input_items(paths)
    bar = tqdm(total=total, unit=" articles", disable=not progress, file=sys.stderr, dynamic_ncols=True,
               mininterval=0.5)
    def say(message: str) -> None:
        if progress:
            bar.write(message, file=sys.stderr)
        else:
            report(message)

    pending: list[tuple[dict[str, Any], str]] = []
    seen: set[str] = set()
    last_flush = time.monotonic()

    def flush() -> None:
        nonlocal last_flush
        results = store.add_many(pending)
        for (doc, _), added in zip(pending, results, strict=True):
            summary.count(added.status)
            if added.error:
                say(f"rasd: error: article {doc.get('id')}: not stored: {added.error}")
        pending.clear()
        last_flush = time.monotonic()
        bar.set_postfix_str(f"new {summary.new}, dup {summary.duplicate + summary.near_duplicate}, "
                            f"failed {summary.failed}", refresh=False)

    try:
        for item in items:
            summary.read += 1
            bar.update(1)
            if isinstance(item, Record):
                summary.failed += 1
                say(f"rasd: error: {item.error}")
                continue
            text = item["text"] if isinstance(item, dict) else item.text
            key = content_hash(text)
            if key in seen or store.has_article(key):
                summary.duplicate += 1
                continue
            seen.add(key)
            if isinstance(item, dict):
                pending.append((item, "imported"))
            else:
                try:
                    doc = analyze(item) if analyze else item
                except PipelineUnavailable:
                    raise
                except Exception as exc:  # one article the analysis chokes on must not stop a corpus
                    summary.failed += 1
                    say(f"rasd: error: article {item.id}: analysis failed: {type(exc).__name__}: {exc}")
                    continue
                pending.append((doc.to_dict(), analysis))
            if len(pending) >= BATCH_SIZE or time.monotonic() - last_flush > BATCH_SECONDS:
                flush()
        if pending:
            flush()
        if summary.new or summary.near_duplicate:
            store.optimize()
    except (KeyboardInterrupt, PipelineUnavailable):
        bar.close()
        report(f"rasd: stopped with {summary.line()}; what was stored stays, the unsaved batch was rolled "
               "back: run the same command again to resume")
        raise
    bar.close()
    return summary
