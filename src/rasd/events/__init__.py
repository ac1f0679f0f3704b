"""The `events` stage: PLOVER/CAMEO events coded directly from Arabic sentences.

`code_events(doc)` appends `rasd.document.Event` objects to `doc.events`;
`evaluate_events` / `format_event_scores` measure it against a hand-coded
sentence-level gold file (the `rasd eval events GOLD` command).
"""

from rasd.events.coder import code_events
from rasd.events.evaluate import evaluate_events, format_event_scores
from rasd.events.ontology import CATEGORIES, PLOVER_QUADS

__all__ = ["CATEGORIES", "PLOVER_QUADS", "code_events", "evaluate_events", "format_event_scores"]
