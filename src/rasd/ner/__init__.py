"""The `ner` stage: names in the text, from three sources that agree by rule.

1. the knowledge base (`gazetteer`): names it lists, with their candidates;
2. the statistical tagger (`tagger`), for names nobody listed;
3. context cues (`rules`): titles before a name, roles after it, bylines.

The model's spans are first cleaned (`rules.person_pieces`: `صلاح بجوار دي
روسي` is two names; `الله`, `ريال` alone are none). Knowledge-base matches win
where they overlap, since they carry an identity, unless the model reads a
listed person's name inside a longer name of someone else (`بن علي` in `حمد بن
علي العطية`); then a reporter's byline; then the model's spans; then cue
spans. Person names then grow over their ancestors' chain (`فيصل بن` + `سلطان
بن عبد العزيز`), a name after a facility's head word names the facility
(`مستشفى الملك عبدالعزيز`), and a city right after `فريق`/`نادي` is a club. A
one-word name that is more often an ordinary word (مالي) counts only where the
model also sees a name; the linker then finds its identity from the model's
span. Names nested in a longer organization name are kept as well (روسيا in
مجلس روسيا - الناتو).
"""

from __future__ import annotations

from bisect import bisect_left, insort

from rasd.document import Document, Mention, Token

MODEL_TYPES = {"PERS": "PER", "LOC": "LOC", "ORG": "ORG", "MISC": "MISC"}


def recognize(doc: Document) -> None:
    """Fill `doc.mentions`, sorted by position, without overlaps."""
    recognize_many([doc])


def recognize_many(docs: list[Document]) -> None:
    """`recognize` for several documents; the tagger runs over all of them in one call."""
    # imported here: `rasd tag` needs the statistical tagger only, not the knowledge base these load
    from rasd.ner.gazetteer import find_known_names
    from rasd.ner.rules import (
        byline_names,
        complete_person_names,
        facility_mention,
        find_cued_names,
        mark_clubs,
        prefer_longer_person_names,
    )

    for doc, model in zip(docs, _model_mentions(docs), strict=True):
        starts = [t.start for t in doc.tokens]
        known = find_known_names(doc)
        model = _clean(doc, model, starts)
        bylines = byline_names(doc, starts)
        chosen = prefer_longer_person_names(doc, known.confident, model, starts)
        if bylines:  # a byline wins over a one-word name
            chosen = [m for m in chosen if " " in m.text or not _overlaps_any(m, bylines)]
            _add_without_overlap(chosen, bylines)
        _add_without_overlap(chosen, model)
        _add_without_overlap(chosen, find_cued_names(doc, [(m.start, m.end) for m in chosen]))
        chosen = [(m.type == "PER" and facility_mention(doc, m, starts)) or m
                  for m in complete_person_names(doc, chosen, starts)]
        mark_clubs(doc, chosen, starts)
        chosen.extend(known.nested)
        chosen.sort(key=lambda m: m.start)
        doc.mentions = chosen


def _clean(doc: Document, model: list[Mention], starts: list[int]) -> list[Mention]:
    """The model's spans without what is no part of a name: person spans cut (`rules.person_pieces`), a
    leading conjunction before a known word (`والسيول`), words of ordinary text alone (`الله`, `ريال`), unless a
    head word says what they name (`بنادي الاتفاق`)."""
    from rasd.ner.rules import WORDS, person_pieces

    out: list[Mention] = []
    for m in model:
        if m.type == "PER":
            out.extend(person_pieces(doc, m, starts))
            continue
        i, j = bisect_left(starts, m.start), bisect_left(starts, m.end)
        norm = doc.tokens[i].norm
        if WORDS[norm].conjunction and not WORDS[norm].joined and (
                (rest := WORDS[norm[1:]]).listed or rest.ordinary or rest.known):
            m.start, m.text, norm = m.start + 1, m.text[1:], norm[1:]  # not ويندوز: يندوز is no word
        if j - i > 1 or not WORDS[norm].plain or m.type == "ORG" and i and WORDS[doc.tokens[i - 1].norm].head:
            out.append(m)
    return out


def _overlaps_any(m: Mention, others: list[Mention]) -> bool:
    return any(o.start < m.end and m.start < o.end for o in others)


def _add_without_overlap(chosen: list[Mention], extra: list[Mention]) -> None:
    """Add the mentions of `extra` that overlap none of `chosen` (whose spans do not overlap either)."""
    spans = sorted((m.start, m.end) for m in chosen)
    for m in extra:
        k = bisect_left(spans, (m.end, m.end))  # spans starting before m ends; only the last may reach into it
        if k == 0 or spans[k - 1][1] <= m.start:
            chosen.append(m)
            insort(spans, (m.start, m.end))


def _model_mentions(docs: list[Document]) -> list[list[Mention]]:
    """The tagger's names in each document."""
    from rasd.ner.tagger import load_tagger

    per_doc = [[doc.tokens[s.token_start : s.token_end] for s in doc.sentences] for doc in docs]
    tagged = load_tagger().tag_documents([[[t.text for t in toks] for toks in sents] for sents in per_doc])
    return [_spans(doc, sents, tags) for doc, sents, tags in zip(docs, per_doc, tagged, strict=True)]


def _spans(doc: Document, sentences: list[list[Token]], tags_per_sentence: list[list[str]]) -> list[Mention]:
    """Mentions from BIO tags; an I- tag that does not continue its type starts nothing.

    Only the tagged tokens are visited: most of a sentence is `O`.
    """
    out: list[Mention] = []
    text = doc.text
    for toks, tags in zip(sentences, tags_per_sentence, strict=True):
        label = None
        start = end = last = 0
        for k in [k for k, tag in enumerate(tags) if tag != "O"]:
            tag = tags[k]
            if label is not None and k == last + 1 and tag[0] == "I" and tag[2:] == label:
                end, last = toks[k].end, k
                continue
            if label is not None:
                out.append(Mention(start, end, text[start:end], MODEL_TYPES[label], source="model"))
            start, end, last, label = toks[k].start, toks[k].end, k, tag[2:]
        if label is not None:
            out.append(Mention(start, end, text[start:end], MODEL_TYPES[label], source="model"))
    return out
