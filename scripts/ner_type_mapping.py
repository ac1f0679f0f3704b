"""Evidence for mapping WikiFANE's and Wojood's types onto ANERcorp's four.

For every name of a given fine type in WikiFANE (or Wojood), find where the
same words occur in the ANERcorp training part and count how ANERcorp tagged
them there: as a whole entity of some type, as plain words (O), or as part of a
longer entity. The table this prints is what `FANE_MAP` and `WOJOOD_MAP` in
`scripts/ner_data.py` were decided from (see the data card).

    python scripts/ner_type_mapping.py > /tmp/mapping.md
"""

from __future__ import annotations

from collections import Counter, defaultdict

import ner_data as data

from rasd.ner.conll import Sentence, read_conll
from rasd.ner.evaluate import spans
from rasd.text import clitic_splits, normalize

LABELS = ("PERS", "LOC", "ORG", "MISC", "O")
MAX_LEN = 6


def first_readings(token: str) -> list[str]:
    """The first word of a name as written, then without proclitic conjunctions or prepositions.

    The article stays, and stems under three letters are not offered (they
    match function words far more often than names).
    """
    norm = normalize(token)
    return [norm] + [stem for prefix, stem in clitic_splits(norm)[1:] if "ال" not in prefix and len(stem) > 2]


def name_keys(sentences: list[Sentence]) -> dict[tuple[str, ...], Counter[str]]:
    """Name (normalized words) → its types and how often.

    Single words under five letters are left out: in ANERcorp they are far
    more often function words (علي is also a spelling of على) than names.
    """
    keys: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for s in sentences:
        for start, end, kind in spans(s.tags or []):
            key = tuple(normalize(t) for t in s.tokens[start:end])
            if len(key) > 1 or len(key[0]) >= 5:
                keys[key][kind] += 1
    return keys


def anercorp_labels(keys: set[tuple[str, ...]], sentences: list[Sentence]) -> dict[tuple[str, ...], Counter[str]]:
    """For each key, how ANERcorp tagged its occurrences."""
    out: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for s in sentences:
        norms = [normalize(t) for t in s.tokens]
        chunks = {(a, b): k for a, b, k in spans(s.tags or [])}
        for i, tok in enumerate(s.tokens):
            for n in range(1, min(MAX_LEN, len(norms) - i) + 1):
                found = [k for k in ((f, *norms[i + 1 : i + n]) for f in first_readings(tok)) if k in keys]
                for key in found[:1]:
                    if (i, i + n) in chunks:
                        out[key][chunks[(i, i + n)]] += 1
                    elif all(t == "O" for t in (s.tags or [])[i : i + n]):
                        out[key]["O"] += 1
                    else:
                        out[key]["part"] += 1
    return out


def decide(votes: Counter[str], fallback: str | None) -> str | None:
    """The rule the maps follow: a label most names get, else the siblings' label, else drop.

    With five or more names seen, a type takes an entity label that at least
    half of them get, or O when at least 75% get O (person and place types
    show that 15-40% of O comes from names that are also common words, so O
    has to clear that floor). Types with fewer names take `fallback`, the
    label all well-attested types of the same coarse class got, if any.
    """
    total = sum(votes.values())
    if total < 5:
        return fallback
    label, n = votes.most_common(1)[0]
    if label != "O" and n >= total / 2:
        return label
    if label == "O" and n >= 0.75 * total:
        return "O"
    return data.DROP


def table(name: str, sentences: list[Sentence], anercorp: list[Sentence], mapping: dict[str, str | None]) -> None:
    """Per type: how many of its names ANERcorp tags, and the share of each ANERcorp label.

    Each distinct name votes once, with the label ANERcorp gives it most
    often (occurrences inside a longer entity are left out), so that a few
    names that are also function words (ان, علي) cannot outvote the rest.
    """
    keys = name_keys(sentences)
    labels = anercorp_labels(set(keys), anercorp)
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    names: Counter[str] = Counter()
    for key, kinds in keys.items():
        kind = kinds.most_common(1)[0][0]
        names[kind] += 1
        seen = Counter({lab: n for lab, n in labels.get(key, Counter()).items() if lab in LABELS})
        if seen:
            votes[kind][max(LABELS, key=lambda lab: seen[lab])] += 1
    print(f"\n### {name}\n")
    print("| type | distinct names | names seen in ANERcorp | " + " | ".join(LABELS) + " | mapped to |")
    print("|---" * (len(LABELS) + 4) + "|")
    for kind, count in names.most_common():
        c = votes[kind]
        total = sum(c.values())
        cells = " | ".join(f"{100 * c[lab] / total:.0f}%" if total else "-" for lab in LABELS)
        chosen = mapping.get(kind, data.DROP) or "O"
        fallback = data.COARSE_FALLBACK.get(kind, data.DROP)
        rule = decide(c, fallback) or "O"
        note = "" if rule == chosen else f" (rule says {rule})"
        print(f"| {kind} | {count} | {total} | {cells} | {chosen}{note} |")


def main() -> None:
    anercorp, _dev = data.split(data.load_anercorp(), data.DEV_FRACTION["anercorp"])
    # WikiFANE as distributed: proclitics stand apart, so names start without them
    fane, _fdev = data.split(read_conll(data.WIKIFANE, require_tags=True), data.DEV_FRACTION["wikifane"])
    table("WikiFANE", fane, anercorp, data.FANE_MAP)
    table("Wojood", data.load_wojood(), anercorp, data.WOJOOD_MAP)


if __name__ == "__main__":
    main()
