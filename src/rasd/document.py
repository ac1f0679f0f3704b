"""The one data model: a `Document` and the annotations that stages add to it.

The article text lives once, in `Document.text`; every annotation is a span of
character offsets into it (end exclusive), in the spirit of spaCy's `Doc` and
`Span`. Stages read the document and append to it; they never keep state of
their own about a document. `Document.to_dict()` gives schema `rasd.document/1`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any

SCHEMA = "rasd.document/1"

ENTITY_TYPES = ("PER", "LOC", "ORG", "MISC")


@dataclass(slots=True)
class Span:
    """A stretch of the text: `text[start:end]`."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(slots=True)
class Token:
    """A word or punctuation mark; `norm` is its matching form (see rasd.text)."""

    start: int
    end: int
    text: str
    norm: str


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    token_start: int = 0  # index of the first token in Document.tokens
    token_end: int = 0  # one past the last token

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end}


@dataclass(slots=True)
class Mention:
    """A name found in the text, before or after it is linked to an entity.

    `source` says who found it (`kb`, `cue`, `model`, `nominal`), `candidates`
    are the knowledge-base entries its words match, `entity_id` is set by
    linking, and `role`/`country` carry what the context says of an unknown
    name (e.g. "spokesperson", "RUS").
    """

    start: int
    end: int
    text: str
    type: str
    source: str = "kb"
    entity_id: str | None = None
    role: str | None = None
    country: str | None = None
    candidates: tuple[str, ...] = ()  # knowledge-base entry ids the name may refer to

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(slots=True)
class Entity:
    """Who or what a group of mentions refers to."""

    id: str
    type: str
    name_ar: str
    name_en: str | None = None
    subtype: str | None = None
    country: str | None = None
    wikidata: str | None = None
    code: str | None = None  # CAMEO-style actor code valid at publication
    mentions: list[Mention] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "subtype": self.subtype,
            "name_ar": self.name_ar,
            "name_en": self.name_en,
            "country": self.country,
            "wikidata": self.wikidata,
            "code": self.code,
            "mentions": [m.to_dict() for m in sorted(self.mentions, key=lambda m: m.start)],
        }


@dataclass(slots=True)
class TimeExpr:
    """A time expression with its TIMEX3-style value (DATE, TIME, DURATION, SET)."""

    start: int
    end: int
    text: str
    type: str
    value: str
    hijri: str | None = None
    mod: str | None = None  # TIMEX3 mod: START, MID, END (مطلع، منتصف، نهاية), APPROX, MORE_THAN, LESS_THAN

    def to_dict(self) -> dict[str, Any]:
        d = {"start": self.start, "end": self.end, "text": self.text, "type": self.type, "value": self.value}
        if self.hijri:
            d["hijri"] = self.hijri
        if self.mod:
            d["mod"] = self.mod
        return d


@dataclass(slots=True)
class Quantity:
    """A number in the text, with the counted noun or currency as its unit."""

    start: int
    end: int
    text: str
    value: float | int
    unit: str | None = None
    kind: str = "count"  # count, ordinal, percent, money

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "value": self.value,
            "unit": self.unit,
            "kind": self.kind,
        }


@dataclass(slots=True)
class Actor:
    """One side of an event: an entity (or generic group) with its actor code."""

    text: str
    start: int
    end: int
    entity: str | None = None
    code: str | None = None
    country: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "entity": self.entity,
            "code": self.code,
            "country": self.country,
            "text": self.text,
            "start": self.start,
            "end": self.end,
        }


@dataclass(slots=True)
class Event:
    """A coded political event, pointing back at the words that support it."""

    plover: str
    cameo: str
    quad: str
    trigger: Span
    sentence: int
    source: Actor | None = None
    target: Actor | None = None
    date: str | None = None
    location: dict[str, Any] | None = None
    quantity: dict[str, Any] | None = None
    mode: str | None = None
    negated: bool = False
    modality: str = "asserted"
    confidence: float = 0.5
    evidence: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "plover": self.plover,
            "cameo": self.cameo,
            "quad": self.quad,
            "mode": self.mode,
            "source": self.source.to_dict() if self.source else None,
            "target": self.target.to_dict() if self.target else None,
            "date": self.date,
            "location": self.location,
            "quantity": self.quantity,
            "negated": self.negated,
            "modality": self.modality,
            "trigger": self.trigger.to_dict(),
            "sentence": self.sentence,
            "confidence": round(self.confidence, 3),
            "evidence": [e.to_dict() for e in self.evidence],
        }


def content_id(text: str) -> str:
    """A stable id for an article that arrived without one."""
    return "sha1:" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


@dataclass(slots=True)
class Document:
    """One article and everything rasd has found in it."""

    text: str
    id: str = ""
    title: str | None = None
    subtitle: str | None = None
    byline: str | None = None
    published: date | None = None
    source: str | None = None
    url: str | None = None
    body_start: int = 0  # offset where the body (after title/subtitle/byline) starts
    sentences: list[Sentence] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.id:
            self.id = content_id(self.text)

    def span(self, start: int, end: int) -> Span:
        return Span(start, end, self.text[start:end])

    def sentence_index(self, offset: int) -> int:
        """Index of the sentence containing `offset` (the last one before it if none)."""
        lo, hi = 0, len(self.sentences)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.sentences[mid].start <= offset:
                lo = mid + 1
            else:
                hi = mid
        return max(lo - 1, 0)

    def entity(self, entity_id: str) -> Entity | None:
        for e in self.entities:
            if e.id == entity_id:
                return e
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "id": self.id,
            "title": self.title,
            "subtitle": self.subtitle,
            "byline": self.byline,
            "published": self.published.isoformat() if self.published else None,
            "source": self.source,
            "url": self.url,
            "text": self.text,
            "sentences": [s.to_dict() for s in self.sentences],
            "entities": [e.to_dict() for e in self.entities],
            "times": [t.to_dict() for t in self.times],
            "quantities": [q.to_dict() for q in self.quantities],
            "events": [e.to_dict() for e in self.events],
            "summary": self.summary,
            "keywords": self.keywords,
        }
