"""Ministries and state bodies by pattern, not by enumeration.

`وزارة الدفاع الروسية`, `وزارة الدفاع في روسيا`, `الخارجية الأمريكية`, `وزير
الخارجية السعودي`: a head word (ministry, minister, or none), a field from
`data/institutions.tsv` (الدفاع → Defence, MIL) and a country give one entry
with a stable id per (institution, country): `rasd:org:ministry-of-defence-rus`,
code `RUSMIL`. The linker finds the country (a demonym after the phrase, or the
context); this module only builds the entry.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rasd.kb.compile import alias_key, read_tsv, slug, split_values
from rasd.kb.model import KBEntry
from rasd.text import normalize

# Head words before a ministry's field: (kind, Arabic head, English head).
_MINISTRY = normalize("وزارة")
_HEADS = {
    _MINISTRY: ("ministry", "وزارة", "Ministry"),
    normalize("وزير"): ("minister", "وزير", "Minister"),
    normalize("وزيرة"): ("minister", "وزيرة", "Minister"),
}


@dataclass(frozen=True, slots=True)
class Pattern:
    """One row of institutions.tsv: a ministry field or a state body."""

    kind: str  # ministry | body
    name_ar: str  # canonical Arabic field or body (الدفاع، الجيش)
    name_en: str  # English field or body: "Defence" (→ Ministry of Defence), "Army"
    role: str  # CAMEO role appended to the country code (MIL, GOVHLH)
    type: str  # entity type of the body (ministries are ORG)
    feminine: bool  # agreement of the demonym after the Arabic name
    keys: tuple[str, ...]  # normalized forms that name it
    form: str = ""  # English name for a country: "{adj} Army", "Government of {country}"; "" = "<name_en> of <country>"
    elided: bool = False  # named without وزارة before a demonym (الخارجية الأمريكية)


def read_patterns(path: Path) -> list[Pattern]:
    out = []
    for _, row in read_tsv(path):
        names = split_values(row["name_ar"])
        keys = {alias_key(n) for n in names}
        keys |= {k[2:] for k in keys if k.startswith("ال")}  # وزارة دفاع، وزير خارجية
        out.append(Pattern(row["kind"], names[0], row["name_en"], row["role"], row.get("type") or "ORG",
                           row.get("gender") == "f", tuple(sorted(keys)), row.get("form", ""),
                           row.get("elided") == "yes"))
    return out


class InstitutionIndex:
    """Resolves (head phrase, country) to an institution entry, built once and kept."""

    def __init__(self, patterns: Iterable[Pattern], countries: dict[str, tuple[str, str | None, str]]) -> None:
        """`countries`: ISO3 → (English name, Arabic nisba adjective, English adjective) for names and ids."""
        self.patterns = list(patterns)
        self._keys: dict[tuple[bool, str], Pattern] = {}  # (a ministry's?, key); الدفاع المدني is both
        for p in self.patterns:
            for k in p.keys:
                self._keys.setdefault((p.kind == "ministry", k), p)
        self._countries = countries
        self._made: dict[str, KBEntry] = {}

    def get(self, entry_id: str) -> KBEntry | None:
        return self._made.get(entry_id)

    def resolve(self, head_norm: str, country: str | None) -> KBEntry | None:
        """The entry for `الدفاع` / `وزاره الدفاع` / `وزير الدفاع` (normalized) of `country` (ISO3 or None)."""
        words = alias_key(head_norm).split(" ")
        head = _HEADS.get(words[0]) if len(words) > 1 else None
        field = " ".join(words[1:]) if head else " ".join(words)
        pattern = self._keys.get((True, field)) if head else (
            self._keys.get((False, field)) or self._keys.get((True, field)))
        if pattern is None:
            return None
        if country not in self._countries:
            country = None
        if head:
            kind, head_ar, head_en = head
        elif pattern.kind == "ministry":
            kind, head_ar, head_en = _HEADS[_MINISTRY]
        else:
            kind, head_ar, head_en = "body", "", ""
        name_en = f"{head_en} of {pattern.name_en}" if head_en else pattern.name_en
        etype = "PER" if kind == "minister" else pattern.type
        ident = f"rasd:{etype.lower()}:{slug(name_en)}" + (f"-{country.lower()}" if country else "")
        made = self._made.get(ident)
        if made is not None:
            return made
        country_en, nisba, adjective = self._countries[country] if country else ("", None, "")
        if country and kind == "body" and pattern.form and ("{adj}" not in pattern.form or adjective):
            name_en = pattern.form.format(adj=adjective, country=country_en)
        elif country:
            name_en = f"{name_en} of {country_en}"
        feminine = kind == "ministry" or (kind == "minister" and head_ar.endswith("ة")) or \
            (kind == "body" and pattern.feminine)
        name_ar = " ".join(filter(None, [head_ar, pattern.name_ar, _agree(nisba, feminine)]))
        made = KBEntry(
            id=ident, type=etype, subtype=kind if kind != "body" else "institution",
            name_en=name_en,
            name_ar=name_ar, country=country, code=f"{country or ''}{pattern.role}",
            wikidata=None, lat=None, lon=None,
        )
        self._made[ident] = made
        return made


def _agree(nisba: str | None, feminine: bool) -> str | None:
    """`روسي` → `الروسية` / `الروسي`: the demonym after a definite head."""
    if not nisba:
        return None
    return "ال" + nisba + ("ة" if feminine else "")
