"""Training data for the NER model: the three corpora in ANERcorp's form, and the splits.

ANERcorp is the target: Arabic news, clitics attached to words, BIO over
PERS/LOC/ORG/MISC. WikiFANE splits proclitics (و ب ل ف ك) and pronoun
suffixes (ه ها هم ...) into tokens of their own and has 50 fine-grained
types; Wojood nests entities and has 21 types. Both are brought to ANERcorp's
form here: clitics glued back, types mapped (`FANE_MAP`, `WOJOOD_MAP`; the
evidence for each mapping is printed by `scripts/ner_type_mapping.py`).
"""

from __future__ import annotations

from pathlib import Path

from rasd.ner.conll import Sentence, read_conll
from rasd.ner.evaluate import spans

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "ner"
ANERCORP = DATA / "anercorp-train.txt"
WIKIFANE = DATA / "wikifane-gold-500k.txt"
WOJOOD = (DATA / "wojood-sample-train.txt", DATA / "wojood-sample-val.txt")

# Held out for development: the last sentences of each corpus, in file order.
DEV_FRACTION = {"anercorp": 0.12, "wikifane": 0.10}

# A type whose names ANERcorp tags inconsistently: sentences holding one are left out of training.
DROP = "DROP"
_PERSON_TYPES = ("Politician", "Artist", "Scientist", "Religious_PER", "Athlete", "Police",
                 "Businessperson", "Engineer", "Lawyer")
_PLACE_TYPES = ("Population-Center", "Nation", "State-or-Province", "Water-Body", "Continent", "GPE-Cluster",
                "County-or-District")
_NOT_NAMES = ("Group", "Government", "Book", "Path", "Movie", "Celestial")
# WikiFANE fine type → ANERcorp type (None: plain words in ANERcorp's scheme); unlisted types: DROP.
FANE_MAP: dict[str, str | None] = (
    {t: "PERS" for t in _PERSON_TYPES} | {t: "LOC" for t in _PLACE_TYPES} | {t: None for t in _NOT_NAMES}
    | {"Non-Governmental": "ORG", "Commercial": "ORG"}
)
_NUMERIC = ("DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "QUANTITY", "MONEY", "UNIT")
# Wojood type → ANERcorp type; unlisted types: DROP.
WOJOOD_MAP: dict[str, str | None] = (
    {t: None for t in _NUMERIC} | {"NORP": None, "OCC": None}
    | {"GPE": "LOC", "LOC": "LOC", "PERS": "PERS"}
)
# For types with under five names seen in ANERcorp: the label their coarse class's well-attested types share.
COARSE_FALLBACK: dict[str, str | None] = (
    {t: "PERS" for t in ("Businessperson", "Engineer", "Lawyer")} | {"County-or-District": "LOC"}
    | {t: None for t in _NUMERIC}
)

_PROCLITICS = {"و", "ف", "ب", "ل", "ك"}
_ENCLITICS = {"ه", "ها", "هم", "هما", "هن", "كم", "كما", "كن", "نا", "ني", "ي"}


def is_arabic_word(tok: str) -> bool:
    """True for a token made of Arabic letters only."""
    return bool(tok) and all("\u0621" <= ch <= "\u064a" for ch in tok)


def load_anercorp(path: Path = ANERCORP) -> list[Sentence]:
    """ANERcorp sentences, tags as they are."""
    return read_conll(path, require_tags=True)


def load_wikifane(
    path: Path = WIKIFANE, mapping: dict[str, str | None] | None = None, glued: bool = True
) -> list[Sentence]:
    """WikiFANE sentences, clitics glued back unless `glued` is false; fine types mapped when `mapping` is given."""
    out = []
    for sent in read_conll(path, require_tags=True):
        tokens, tags = glue_clitics(sent.tokens, sent.tags or []) if glued else (sent.tokens, sent.tags or [])
        mapped = map_tags(tags, mapping) if mapping is not None else tags
        if mapped is not None:
            out.append(Sentence(tokens, mapped))
    return out


def glue_clitics(tokens: list[str], tags: list[str]) -> tuple[list[str], list[str]]:
    """Re-attach split proclitics to the next word and pronoun suffixes to the previous one.

    A proclitic takes the tag of the word it joins (و + B-LOC روسيا → B-LOC
    وروسيا, as ANERcorp writes it); a suffix keeps the word's tag.
    """
    out_toks: list[str] = []
    out_tags: list[str] = []
    pending = ""
    for i, (tok, tag) in enumerate(zip(tokens, tags, strict=True)):
        nxt, nxt_tag = (tokens[i + 1], tags[i + 1]) if i + 1 < len(tokens) else ("", "O")
        inside = tag.startswith("I-") and nxt_tag == tag
        if tok in _PROCLITICS and is_arabic_word(nxt) and len(pending) < 2 and (
            inside or (tag == "O" and not nxt_tag.startswith("I-"))
        ):
            pending += tok
            continue
        continues = tag == "O" or (out_tags and tag.startswith("I-") and out_tags[-1][2:] == tag[2:])
        if tok in _ENCLITICS and continues and not pending and out_toks and is_arabic_word(out_toks[-1]):
            out_toks[-1] += tok
            continue
        out_toks.append(pending + tok)
        out_tags.append(tag)
        pending = ""
    if pending:
        out_toks.append(pending)
        out_tags.append("O")
    return out_toks, out_tags


def map_tags(tags: list[str], mapping: dict[str, str | None]) -> list[str] | None:
    """BIO tags with each span's type mapped (None → O); None when a span's type is to be dropped."""
    out = ["O"] * len(tags)
    for start, end, kind in spans(tags):
        new = mapping.get(kind, DROP)
        if new == DROP:
            return None
        if new:
            out[start] = "B-" + new
            for j in range(start + 1, end):
                out[j] = "I-" + new
    return out


def load_wojood(paths: tuple[Path, ...] = WOJOOD, mapping: dict[str, str | None] | None = None) -> list[Sentence]:
    """Wojood sentences with the outermost span of each nest kept (after mapping, when given)."""
    out = []
    for path in paths:
        tokens: list[str] = []
        columns: list[list[str]] = []
        for line in [*path.read_text(encoding="utf-8-sig").splitlines(), ""]:
            cols = line.split()
            if cols and cols[0] != "$#$":
                tokens.append(cols[0])
                columns.append(cols[1:])
                continue
            tags = _outer_tags(columns, mapping) if tokens else None
            if tags is not None:
                out.append(Sentence(tokens, tags))
            tokens, columns = [], []
    return out


def _outer_tags(columns: list[list[str]], mapping: dict[str, str | None] | None) -> list[str] | None:
    depth = max(len(c) for c in columns)
    found = []
    for level in range(depth):
        tags = [c[level] if level < len(c) else "O" for c in columns]
        for start, end, kind in spans(tags):
            new = mapping.get(kind, DROP) if mapping is not None else kind
            if new == DROP:
                return None
            if new:
                found.append((start, end, new))
    found.sort(key=lambda s: (s[0] - s[1], s[0]))
    out = ["O"] * len(columns)
    for start, end, kind in found:
        if all(t == "O" for t in out[start:end]):
            out[start] = "B-" + kind
            for j in range(start + 1, end):
                out[j] = "I-" + kind
    return out


def split(sentences: list[Sentence], dev_fraction: float) -> tuple[list[Sentence], list[Sentence]]:
    """(train, dev): the last `dev_fraction` of the sentences, in file order, is dev."""
    cut = round(len(sentences) * (1 - dev_fraction))
    return sentences[:cut], sentences[cut:]
