"""Pipeline.pipe: batches give the same documents as one at a time, in order, with failures in their place."""

from __future__ import annotations

import pytest

from rasd.document import Document
from rasd.pipeline import AnalysisFailure, Pipeline

ARTICLES = [
    "التقى الرئيس الروسي دميتري مدفيديف نظيره الكازاخستاني نور سلطان نزارباييف في موسكو أمس.",
    "قتل ثلاثة جنود في هجوم شنه مسلحون على نقطة تفتيش في محافظة صعدة اليمنية.",
    "تظاهر آلاف الطلاب في القاهرة احتجاجا على رفع الرسوم الدراسية.",
    "وقال وزير الخارجية السعودي عادل الجبير إن المملكة ترفض أي تدخل في شؤونها.",
]


def test_batches_give_the_same_documents_as_one_at_a_time():
    pipeline = Pipeline()
    alone = [pipeline(Document(text=t)).to_dict() for t in ARTICLES]
    batched = [d.to_dict() for d in pipeline.pipe([Document(text=t) for t in ARTICLES], batch_size=3)]
    assert batched == alone
    assert all(d["entities"] for d in alone)


def test_items_that_are_not_documents_pass_through_in_their_place():
    marker = object()
    docs = [Document(text=t) for t in ARTICLES[:2]]
    out = list(Pipeline(["text"]).pipe([docs[0], marker, docs[1]], batch_size=2))
    assert out == [docs[0], marker, docs[1]]
    assert all(d.tokens for d in docs)


def test_a_document_a_stage_fails_on_does_not_take_its_batch_down(monkeypatch: pytest.MonkeyPatch):
    pipeline = Pipeline(["ner"])
    real = pipeline.stages[0]

    def fragile(doc: Document) -> None:
        if "قتل" in doc.text:
            raise ValueError("bad article")
        real(doc)

    def fragile_batch(docs: list[Document]) -> None:
        for doc in docs:
            fragile(doc)

    monkeypatch.setattr(pipeline, "stages", [fragile, *pipeline.stages[1:]])
    monkeypatch.setattr(pipeline, "_batch_stages", [fragile_batch, *pipeline._batch_stages[1:]])
    out = list(pipeline.pipe([Document(text=t) for t in ARTICLES]))
    assert [type(x).__name__ for x in out] == ["Document", "AnalysisFailure", "Document", "Document"]
    assert isinstance(out[1], AnalysisFailure) and out[1].message() == "analysis failed: ValueError: bad article"
    assert not out[1].doc.mentions  # later stages never ran on it
    assert out[0].mentions and out[3].mentions


def test_timings_add_up_per_stage_when_asked():
    pipeline = Pipeline(["time"], timed=True)
    list(pipeline.pipe([Document(text=t) for t in ARTICLES]))
    assert set(pipeline.timings) == {"text", "time"} and pipeline.timings["text"] > 0
    assert Pipeline(["time"]).timings is None
