"""The `ner` stage: names in the text, from three sources that agree by rule.

1. the knowledge base (`gazetteer`): names it lists, with their candidates;
2. the statistical tagger (`tagger`), for names nobody listed;
3. context cues (`rules`): titles before a name, roles after it.

Knowledge-base matches win where they overlap, since they carry an identity;
then the model's spans; then cue spans. A one-word name that is more often an
ordinary word (مالي) counts only where the model also sees a name; the linker
then finds its identity from the model's span. Names nested in a longer
organization name are kept as well (روسيا in مجلس روسيا - الناتو).
"""

from __future__ import annotations

from rasd.document import Document, Mention, Token

MODEL_TYPES = {"PERS": "PER", "LOC": "LOC", "ORG": "ORG", "MISC": "MISC"}


def recognize(doc: Document) -> None:
    """Fill `doc.mentions`, sorted by position, without overlaps."""
    recognize_many([doc])


def recognize_many(docs: list[Document]) -> None:
    """`recognize` for several documents; the tagger runs over all of them in one call."""
    # imported here: `rasd tag` needs the statistical tagger only, not the knowledge base these load
    from rasd.ner.gazetteer import find_known_names
    from rasd.ner.rules import find_cued_names

    for doc, model in zip(docs, _model_mentions(docs), strict=True):
        known = find_known_names(doc)
        chosen = _prefer_longer_person_names(known.confident, model)
        _add_without_overlap(chosen, model)
        _add_without_overlap(chosen, find_cued_names(doc, [(m.start, m.end) for m in chosen]))
        chosen.extend(known.nested)
        chosen.sort(key=lambda m: m.start)
        doc.mentions = chosen


def _prefer_longer_person_names(known: list[Mention], model: list[Mention]) -> list[Mention]:
    """Drop a listed person name the model reads inside a longer one (بن علي in حمد بن علي العطية)."""
    persons = [m for m in model if m.type == "PER"]
    return [k for k in known if k.type != "PER" or not any(m.start < k.start and k.end < m.end for m in persons)]


def _add_without_overlap(chosen: list[Mention], extra: list[Mention]) -> None:
    spans = sorted((m.start, m.end) for m in chosen)
    for m in extra:
        if not any(s < m.end and m.start < e for s, e in spans):
            chosen.append(m)
            spans.append((m.start, m.end))


def _model_mentions(docs: list[Document]) -> list[list[Mention]]:
    """The tagger's names in each document."""
    from rasd.ner.tagger import load_tagger

    per_doc = [[doc.tokens[s.token_start : s.token_end] for s in doc.sentences] for doc in docs]
    tagged = load_tagger().tag_documents([[[t.text for t in toks] for toks in sents] for sents in per_doc])
    return [_spans(doc, sents, tags) for doc, sents, tags in zip(docs, per_doc, tagged, strict=True)]


def _spans(doc: Document, sentences: list[list[Token]], tags_per_sentence: list[list[str]]) -> list[Mention]:
    """Mentions from BIO tags; an I- tag that does not continue its type starts nothing."""
    out: list[Mention] = []
    for toks, tags in zip(sentences, tags_per_sentence, strict=True):
        start = label = None
        end = 0
        for tok, tag in zip(toks, tags, strict=True):
            if tag.startswith("I-") and label == tag[2:]:
                end = tok.end
                continue
            if label is not None:
                out.append(Mention(start, end, doc.text[start:end], MODEL_TYPES[label], source="model"))
            start, end, label = (tok.start, tok.end, tag[2:]) if tag != "O" else (None, 0, None)
        if label is not None:
            out.append(Mention(start, end, doc.text[start:end], MODEL_TYPES[label], source="model"))
    return out
