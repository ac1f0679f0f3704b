"""Reading the data files under `data/` into the compact form the base is served from.

The files are the source of truth (TSV, UTF-8, `#` comments, a header row,
`|` between the values of a multi-valued field; see DATA_CARD.md). An alias
written `~الوئام` is weak: an ordinary word that names the entity only where
a model or a cue already reads a name (`lookup_span`), never matched in text. Compiling
them means: one row tuple per entry, every Arabic name turned into its alias
key, each key's entries ordered by prior, demonym forms expanded. The result
holds only tuples, dicts and strings, so it can be cached with `marshal`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from rasd.kb.model import ENTRY_TYPES, KBEntry, Role, RoleRow
from rasd.text import normalize, tokenize

DATA_DIR = Path(__file__).with_name("data")
FORMAT = 5  # bump when the compiled layout changes
MAX_ALIAS_TOKENS = 8  # longer "names" are phrases, not names

# Files of entries in the generic layout, and whether a person wrote them (hand) or a script (generated).
# Generated entries never take an alias that a hand entry has, and rank after hand entries.
ENTRY_FILES = (
    ("places.tsv", True),
    ("organizations.tsv", True),
    ("misc.tsv", True),
    ("people.tsv", True),
    ("geonames.tsv", False),
    ("people_upetrarch.tsv", False),
)

# Role titles by seniority: a person's subtype is the category of their most senior role.
HEAD_OF_STATE = frozenset({
    "president", "king", "emir", "sultan", "supreme_leader", "head_of_state", "acting_president",
    "chairman_presidential_council", "sovereign_prince", "grand_duke", "queen", "co_prince",
    "chairman_sovereignty_council", "pope", "governor_general", "leader",
})
HEAD_OF_GOVERNMENT = frozenset({"prime_minister", "chancellor", "acting_prime_minister", "chief_executive", "premier"})
FOREIGN_MINISTER = frozenset({"foreign_minister", "acting_foreign_minister"})
_ROLE_RANK: dict[str, int] = {t: 0 for t in HEAD_OF_STATE} | {t: 1 for t in HEAD_OF_GOVERNMENT} | {
    "crown_prince": 2, "deputy_crown_prince": 2, "vice_president": 2, "deputy_prime_minister": 3,
    "defence_minister": 5, "interior_minister": 5,
} | {t: 4 for t in FOREIGN_MINISTER}

# A role's code defaults to its country's code plus the CAMEO role its title implies (GOV otherwise).
_TITLE_ROLE = {
    "defence_minister": "MIL", "army_chief": "MIL", "commander": "MIL", "chief_of_staff_army": "MIL",
    "interior_minister": "COP", "intelligence_chief": "SPY", "speaker": "LEG", "legislator": "LEG",
    "opposition_leader": "OPP", "judge": "JUD", "cleric": "REL", "grand_mufti": "REL",
}

# Base prior by subtype (higher first among entries sharing an alias).
_SUBTYPE_PRIOR = {"country": 100, "region": 85, "capital": 80, "city": 70}
_TYPE_PRIOR = {"LOC": 60, "ORG": 65, "PER": 65, "MISC": 55}


class DataError(ValueError):
    """A data file breaks the layout; the message names the file and line."""


class _Entry(NamedTuple):
    """An entry while the base is compiled: the entry, its prior among same-named entries, its Arabic names."""

    entry: KBEntry
    prior: float
    aliases: list[str]


def alias_key(name: str) -> str:
    """The matching key of a name: its tokens' normalized forms, space-joined (`إس-300` → `اس - 300`)."""
    return " ".join(t.norm for t in tokenize(name))


def slug(text: str) -> str:
    """ASCII slug for local ids: `Dmitry Medvedev` → `dmitry-medvedev`."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def read_tsv(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) for each data row of a TSV file with `#` comments and a header row."""
    with path.open(encoding="utf-8", newline="") as f:
        lines = [(i, line) for i, line in enumerate(f, 1) if line.strip() and not line.startswith("#")]
    if not lines:
        return
    header = lines[0][1].rstrip("\r\n").split("\t")
    for lineno, line in lines[1:]:
        cells = line.rstrip("\r\n").split("\t")
        if len(cells) > len(header):
            raise DataError(f"{path.name}:{lineno}: {len(cells)} fields, the header has {len(header)}")
        yield lineno, dict(zip(header, cells, strict=False))


def split_values(cell: str | None) -> list[str]:
    return [v.strip() for v in (cell or "").split("|") if v.strip()]


def parse_date(text: str, end: bool = False) -> date | None:
    """`2008-05-07`, `2008-05` or `2008`; a partial end date means the end of that month or year."""
    text = text.strip()
    if not text:
        return None
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        return date(*parts)
    if len(parts) == 2:
        if not end:
            return date(parts[0], parts[1], 1)
        nxt = date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return date.fromordinal(nxt.toordinal() - 1)
    return date(parts[0], 12, 31) if end else date(parts[0], 1, 1)


def parse_roles(cell: str, country: str | None, where: str) -> list[RoleRow]:
    """`title@start/end[@CODE]` joined by `;` → (code, title, start, end, country), most senior first.

    Without a code the role is the country's government (`RUS` → `RUSGOV`), or
    the CAMEO role its title implies (defence_minister → `RUSMIL`); a code that
    does not start with the person's country (IGOUNO) has no country.
    """
    roles = []
    for item in filter(None, (r.strip() for r in (cell or "").split(";"))):
        parts = item.split("@")
        if len(parts) not in (2, 3) or "/" not in parts[1]:
            raise DataError(f"{where}: role {item!r} is not title@start/end[@CODE]")
        title, span = parts[0], parts[1]
        code = parts[2] if len(parts) == 3 else (f"{country}{_TITLE_ROLE.get(title, 'GOV')}" if country else None)
        if not code:
            raise DataError(f"{where}: role {item!r} needs a code (the entry has no country)")
        start_s, end_s = span.split("/")
        try:
            start, end = parse_date(start_s), parse_date(end_s, end=True)
        except ValueError as e:
            raise DataError(f"{where}: bad date in role {item!r}: {e}") from None
        if start and end and end < start:
            raise DataError(f"{where}: role {item!r} ends before it starts")
        role_country = country if country and code.startswith(country) else _code_country(code)
        roles.append((code, title, start.isoformat() if start else None, end.isoformat() if end else None,
                      role_country))
    roles.sort(key=lambda r: (_ROLE_RANK.get(r[1], 9), r[2] or ""))
    return roles


def _code_country(code: str) -> str | None:
    return None if code[:3] in ("IGO", "IMG", "NGO", "MNC") else code[:3]


def person_subtype(roles: list[RoleRow]) -> str:
    """The category of a person's most senior role; `politician` for other offices, else `person`."""
    titles = {r[1] for r in roles}
    for category, group in (("head_of_state", HEAD_OF_STATE), ("head_of_government", HEAD_OF_GOVERNMENT),
                            ("foreign_minister", FOREIGN_MINISTER)):
        if titles & group:
            return category
    political = ("GOV", "LEG", "PTY", "OPP", "ELI")
    return "politician" if any(r[0][3:6] in political or r[0][:3] == "IGO" for r in roles) else "person"


def _float(cell: str | None) -> float | None:
    return float(cell) if cell and cell.strip() else None


def entry_id(qid: str | None, etype: str, name_en: str, country: str | None) -> str:
    """The QID when known; else `rasd:{type}:{slug}` (places also carry their country)."""
    if qid:
        return qid
    base = f"rasd:{etype.lower()}:{slug(name_en)}"
    return f"{base}-{country.lower()}" if etype == "LOC" and country else base


def _prior(etype: str, subtype: str | None, hand: bool, population: float) -> float:
    base = _SUBTYPE_PRIOR.get(subtype or "", _TYPE_PRIOR[etype])
    return base + (1000 if hand else 0) + (math.log10(population) if population > 0 else 0.0)


def read_countries(path: Path) -> Iterator[tuple[_Entry, list[str], str]]:
    """Country entries, their demonym words (nisba adjectives and plurals) and English adjective."""
    for lineno, row in read_tsv(path):
        iso3 = row["iso3"].strip()
        where = f"{path.name}:{lineno}"
        if not re.fullmatch(r"[A-Z]{3}", iso3):
            raise DataError(f"{where}: iso3 {iso3!r} is not three capital letters")
        names = [row["name_ar"], *split_values(row.get("aliases_ar"))]
        e = _Entry(KBEntry(
            id=row.get("wikidata") or f"rasd:loc:country-{iso3.lower()}",
            type="LOC", subtype="country", name_en=row["name_en"], name_ar=row["name_ar"], country=iso3,
            code=row.get("code") or iso3, wikidata=row.get("wikidata") or None,
            lat=_float(row.get("lat")), lon=_float(row.get("lon")), capital=row.get("capital") or None,
        ), prior=_prior("LOC", "country", True, 0), aliases=names)
        yield e, split_values(row.get("demonyms_ar")), row.get("demonym_en", "")


def read_entries(path: Path, hand: bool) -> Iterator[_Entry]:
    """Entries in the generic layout (places, organizations, misc, people)."""
    for lineno, row in read_tsv(path):
        where = f"{path.name}:{lineno}"
        etype = row.get("type", "").strip()
        if etype not in ENTRY_TYPES:
            raise DataError(f"{where}: type {etype!r} is not one of {', '.join(ENTRY_TYPES)}")
        country = row.get("country") or None
        roles = parse_roles(row.get("roles", ""), country, where)
        subtype = row.get("subtype") or (person_subtype(roles) if etype == "PER" else None)
        qid = row.get("wikidata") or None
        if qid and not re.fullmatch(r"Q[1-9][0-9]*", qid):
            raise DataError(f"{where}: wikidata {qid!r} is not a QID")
        name_ar = row.get("name_ar", "").strip()
        if not name_ar or not row.get("name_en"):
            raise DataError(f"{where}: name_en and name_ar are required")
        code = row.get("code") or (roles[0][0] if etype != "PER" and roles else None) or (
            country if etype != "MISC" else None)
        yield _Entry(KBEntry(
            id=row.get("id") or entry_id(qid, etype, row["name_en"], country),
            type=etype, subtype=subtype, name_en=row["name_en"], name_ar=name_ar, country=country,
            code=code, wikidata=qid, lat=_float(row.get("lat")), lon=_float(row.get("lon")),
            roles=tuple(map(Role.from_row, roles)),
        ), prior=_prior(etype, subtype, hand, float(row.get("population") or 0)),
            aliases=[name_ar, *split_values(row.get("aliases_ar"))])


NISBA_SUFFIXES = ("", "ه", "ون", "ين", "ات", "ان", "تان", "تين")


def demonym_forms(word: str) -> list[str]:
    """Normalized forms of a demonym word, with and without the article.

    A nisba adjective (ending in ي: روسي) gives its feminine, plurals and duals
    (روسية، روسيون، روسيين، روسيات، روسيان...); any other word (a broken
    plural: روس، أتراك) is taken as it is.
    """
    norm = normalize(word)
    stems = [norm + s for s in NISBA_SUFFIXES] if norm.endswith("ي") else [norm]
    return [f for s in stems for f in (s, "ال" + s)]


def compile_data(data_dir: Path = DATA_DIR, warn: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Everything the base serves, from the data files, as marshal-able values."""
    entries: list[_Entry] = []
    demonyms: dict[str, str | None] = {}
    nisba: dict[str, str] = {}
    adjective: dict[str, str] = {}
    for e, words, adj in read_countries(data_dir / "countries.tsv"):
        entries.append(e)
        iso = e.entry.country
        if words and iso:
            nisba[iso] = words[0]
        if adj and iso:
            adjective[iso] = adj
        for word in words:
            for form in demonym_forms(word):
                demonyms[form] = iso if demonyms.get(form, iso) == iso else None
    hand_count = len(entries)
    for name, hand in ENTRY_FILES:  # hand-written files first
        path = data_dir / name
        if path.exists():
            entries.extend(read_entries(path, hand))
            if hand:
                hand_count = len(entries)

    # Generated entries never take a name a hand entry has; left with no name, they are dropped.
    hand_keys: set[str] = set()
    kept: list[tuple[_Entry, list[str]]] = []
    weak: dict[str, list[int]] = {}
    for i, e in enumerate(entries):
        if i < hand_count:
            for name in e.aliases:
                if name.startswith("~"):
                    weak.setdefault(alias_key(name[1:]), []).append(len(kept))
        strong = (name for name in e.aliases if not name.startswith("~"))
        keys = list(dict.fromkeys(k for k in map(alias_key, strong) if k and k.count(" ") < MAX_ALIAS_TOKENS))
        if i < hand_count:
            hand_keys.update(keys)
        else:
            keys = [k for k in keys if k not in hand_keys]
        if keys or i < hand_count:
            kept.append((e, keys))
    entries = [e for e, _ in kept]

    seen: dict[str, int] = {}
    alias: dict[str, list[int]] = {}
    for i, (e, keys) in enumerate(kept):
        if e.entry.id in seen:
            raise DataError(f"entry id {e.entry.id} ({e.entry.name_en}) is used twice; give one of them another id")
        seen[e.entry.id] = i
        for k in keys:
            alias.setdefault(k, []).append(i)
    for ids in alias.values():
        ids.sort(key=lambda i: -entries[i].prior)

    for e in entries:
        if e.entry.capital and e.entry.capital not in seen and warn:
            warn(f"the capital {e.entry.capital} of {e.entry.name_en} is not an entry")
    return {
        "format": FORMAT,
        "rows": [e.entry.row() for e in entries],
        "alias": {k: tuple(v) for k, v in alias.items()},
        "weak_alias": {k: tuple(v) for k, v in weak.items()},
        "demonyms": {k: v for k, v in demonyms.items() if v},
        "nisba": nisba,
        "adjective_en": adjective,
        "max_tokens": max((k.count(" ") + 1 for k in alias), default=0),
    }
