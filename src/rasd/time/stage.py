"""The `time` stage: time expressions, then the quantities that are not part of them."""

from __future__ import annotations

from rasd.document import Document
from rasd.time import find_quantities, find_times


def annotate_times(doc: Document) -> None:
    doc.times = find_times(doc.text, doc.published)
    doc.quantities = find_quantities(doc.text, exclude=[(t.start, t.end) for t in doc.times])
