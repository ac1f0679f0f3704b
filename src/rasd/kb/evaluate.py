"""Entity-linking evaluation against a hand-annotated gold file (`dev/link/dev.jsonl`).

The matching rule is the project's acceptance rule (DESIGN.md, "The seed gold"): a gold
entity is found when one output entity has its type, its English name (or a listed
variant, compared by transliteration key, `name_key`: "al-Fahd" and "Al-Fahad" agree), its country when
the gold gives one, and covers each listed mention text with a mention that contains it.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from rasd.document import ENTITY_TYPES, Document, Entity
from rasd.errors import InputError
from rasd.kb import load_kb

Analyze = Callable[..., Document]


# Romanizations of one Arabic letter that English-language news uses interchangeably, applied in order
# (digraphs first): ذ/ض as dh or d, ث as th or t, ج as j or g (Egyptian usage; غ stays gh), q, k and c
# before a back vowel kept apart except the English ck/c spelling of ك.
_LETTER_VARIANTS = (("gh", "\x00"), ("dh", "d"), ("th", "t"), ("ph", "f"), ("ck", "k"), ("g", "j"), ("\x00", "gh"))
_HARD_C = re.compile(r"c(?=[aouklr]|$)")
_ARTICLE = re.compile(r"(?:^|\s)(?:al|el)[-\s]")
_ABD = re.compile(r"\babd\s*(?:ul|el|al|ol)?[-\s]*")  # Abdulaziz, Abdel Aziz, Abd al-Aziz
_VOWELS = "aeiou"
_VOWELS_AFTER_Y = ("a", "e", "i", "o", "u")  # y before one of these is a consonant


def name_key(name: str) -> str:
    """The transliteration key names are compared by, so that spellings of one Arabic name agree.

    Accents, case, "the ", the article (al-/Al /el-), spaces and punctuation go; letters
    that romanize one Arabic letter are merged (`_LETTER_VARIANTS`); doubled letters
    are one; vowels (a e i o u, and y where no vowel follows it: Nagy, Ulayqa) are
    dropped, a word's first vowel kept as `a`; a final h after a vowel (ta marbuta:
    Sitrah/Sitra) goes. English spelling does not tell short vowels from long ones
    (Khatib/Khateeb, Badin/Badeen, Fahd/Fahad), so none are compared; the consonants
    are, so different names stay apart (Qais ≠ Kais is kept strict: ق and ك).
    """
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = re.sub(r"^the\s+", "", s)
    s = _ARTICLE.sub(" ", " " + s)
    s = re.sub(r"\bibn\b", "bin", _ABD.sub("abd", s))
    for a, b in _LETTER_VARIANTS:
        s = s.replace(a, b)
    s = _HARD_C.sub("k", s)
    return "".join(_skeleton(w) for w in re.sub(r"[\W_]+", " ", s).split())


def _skeleton(word: str) -> str:
    """A word's consonants in order, doubled ones once, with `a` for a vowel it starts with."""
    word = re.sub(r"([aeiou])h$", r"\1", re.sub(r"(.)\1+", r"\1", word))
    out = "a" if word[0] in _VOWELS else ""
    for i, c in enumerate(word):
        if c not in _VOWELS and not (c == "y" and i and word[i + 1 : i + 2] not in _VOWELS_AFTER_Y):
            out += c
    return out


def _gold_keys(gold: dict[str, Any]) -> set[str]:
    return {name_key(n) for n in [gold["name_en"], *gold.get("variants", ())]}


def _output_keys(entity: Entity) -> set[str]:
    """An output name's keys: also without its country qualifier (`Ministry of Interior of Bahrain`,
    `Royal Court (Saudi Arabia)`), which repeats the country field the rule compares on its own."""
    name = entity.name_en or ""
    keys = {name_key(name)}
    country = load_kb().country(entity.country) if entity.country else None
    if country is not None:
        for qualifier in (f" of {country.name_en}", f" ({country.name_en})"):
            if name.endswith(qualifier):
                keys.add(name_key(name[: -len(qualifier)]))
    return keys


def same_identity(entity: Entity, gold: dict[str, Any]) -> bool:
    """Same type, name and (when the gold gives one) country: the entity is the gold one."""
    return (
        entity.type == gold["type"]
        and entity.name_en is not None
        and not _gold_keys(gold).isdisjoint(_output_keys(entity))
        and (not gold.get("country") or entity.country == gold["country"])
    )


def covers_mentions(entity: Entity, gold: dict[str, Any]) -> bool:
    """Every gold mention text lies inside the text of one of the entity's mentions."""
    return all(any(m in om.text for om in entity.mentions) for m in gold["mentions"])


def read_gold(path: str | Path) -> list[dict[str, Any]]:
    """The gold articles, one JSON object a line; errors name the file and line."""
    records = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
                for e in rec["entities"]:
                    if e["type"] not in ENTITY_TYPES or not e["name_en"] or not isinstance(e["mentions"], list):
                        raise ValueError(f"bad entity {e!r}")
            except (ValueError, KeyError, TypeError) as exc:
                raise InputError(str(path), f"not a gold article ({exc}); see dev/link/README.md", n) from exc
            records.append(rec)
    return records


def _describe(entity: Entity) -> str:
    return f"{entity.name_en or entity.name_ar}/{entity.type}/{entity.country or '-'}"


def _why_missed(gold: dict[str, Any], entities: Iterable[Entity]) -> str:
    """What the output had instead of the gold entity, for the error list."""
    entities = list(entities)
    same = [e for e in entities if same_identity(e, gold)]
    if same:
        texts = sorted({m.text for e in same for m in e.mentions})
        return f"mentions not covered (has {texts})"
    first = gold["mentions"][0]
    near = [e for e in entities if any(first in m.text or m.text in first for m in e.mentions)]
    if near:
        return "linked as " + ", ".join(_describe(e) for e in near)
    return "not found"


def evaluate_links(gold_path: str | Path, analyze: Analyze | None = None) -> dict[str, Any]:
    """Recall, partial recalls and precision of linked entities over a gold file.

    Besides the full rule, `name_recall` ignores mentions and `mention_recall` ignores
    name and country, which tells naming errors from recognition errors.

    `analyze(text, published=..., id=..., title=...)` returns a Document (default
    `rasd.analyze`). Precision counts an output entity as correct when its type, name
    and country match some gold entity of the article (mentions are recall's business).
    """
    if analyze is None:
        from rasd import analyze
    by_type = {t: {"gold": 0, "found": 0} for t in ENTITY_TYPES}
    gold_n = found = name_found = mention_found = output_n = correct = 0
    misses: list[dict[str, Any]] = []
    spurious: list[dict[str, Any]] = []
    records = read_gold(gold_path)
    for rec in records:
        doc = analyze(rec["text"], published=rec.get("published"), id=rec["id"], title=rec.get("title") or None)
        for gold in rec["entities"]:
            gold_n += 1
            by_type[gold["type"]]["gold"] += 1
            same = [e for e in doc.entities if same_identity(e, gold)]
            name_found += bool(same)
            mention_found += any(e.type == gold["type"] and covers_mentions(e, gold) for e in doc.entities)
            if any(covers_mentions(e, gold) for e in same):
                found += 1
                by_type[gold["type"]]["found"] += 1
            else:
                misses.append({"doc": rec["id"], **gold, "why": _why_missed(gold, doc.entities)})
        for e in doc.entities:
            output_n += 1
            if any(same_identity(e, g) for g in rec["entities"]):
                correct += 1
            else:
                spurious.append({"doc": rec["id"], "entity": _describe(e), "mentions": [m.text for m in e.mentions]})
    for counts in by_type.values():
        counts["recall"] = _ratio(counts["found"], counts["gold"])
    return {
        "documents": len(records),
        "gold": gold_n,
        "found": found,
        "recall": _ratio(found, gold_n),
        "name_recall": _ratio(name_found, gold_n),
        "mention_recall": _ratio(mention_found, gold_n),
        "by_type": {t: c for t, c in by_type.items() if c["gold"]},
        "output": output_n,
        "correct": correct,
        "precision": _ratio(correct, output_n),
        "misses": misses,
        "spurious": spurious,
    }


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def format_link_scores(result: dict[str, Any], errors: bool = False) -> str:
    """A short table of the scores; with `errors`, every missed gold entity and every spurious one."""
    lines = [
        f"entity linking: {result['documents']} documents, {result['gold']} gold entities, "
        f"{result['output']} output entities",
        f"recall     {result['recall']:.3f}  ({result['found']}/{result['gold']})",
        f"name+type+country recall (mentions ignored) {result['name_recall']:.3f}",
        f"type+mentions recall (name and country ignored) {result['mention_recall']:.3f}",
        f"precision  {result['precision']:.3f}  ({result['correct']}/{result['output']})",
    ]
    for t, c in result["by_type"].items():
        lines.append(f"  {t:<5} recall {c['recall']:.3f}  ({c['found']}/{c['gold']})")
    if errors:
        lines.append("misses:")
        lines += [
            f"  {m['doc']}  {m['name_en']}/{m['type']}/{m.get('country') or '-'} {m['mentions']}: {m['why']}"
            for m in result["misses"]
        ]
        lines.append("spurious:")
        lines += [f"  {s['doc']}  {s['entity']} {s['mentions']}" for s in result["spurious"]]
    return "\n".join(lines)
