"""The knowledge base served from memory: exact alias lookup, demonyms, role codes, fuzzy search.

`load_kb()` compiles the data files once and caches the result with `marshal`
in the user's cache directory (`$RASD_CACHE_DIR`, else `$XDG_CACHE_HOME/rasd`,
else `~/.cache/rasd`), keyed by the files' sizes and times, so later loads take
a few tens of milliseconds. A read-only install with no writable cache still
works: it compiles in memory. Entries are built from their row tuples on first
use, so loading does not pay for entries nobody asks for.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, process

from rasd.kb import compile as compile_module
from rasd.kb.compile import DATA_DIR, FORMAT, compile_data
from rasd.kb.institutions import InstitutionIndex, Pattern, read_patterns
from rasd.kb.model import KBEntry

FUZZY_CUTOFF = 0.85  # rapidfuzz ratio / 100: ميدفيدف~ميدفيديف is 0.93, فيديف~ميدفيديف 0.77
_FUZZY_MIN_CHARS = 4

# Letters transliterations swap at the start of a name (غوردون/جوردون, طوني/توني): one fuzzy bucket each.
_FOLD = str.maketrans({"غ": "ج", "ق": "ج", "ك": "ج", "ط": "ت", "ص": "س", "ث": "س", "ض": "د", "ذ": "ز", "ظ": "ز",
                       "ح": "ه", "خ": "ه", "و": "ف"})


class KnowledgeBase:
    """Entries, their alias index and demonyms; build with `load_kb()`."""

    def __init__(self, data: dict[str, Any], data_dir: Path = DATA_DIR) -> None:
        self._data_dir = data_dir
        self._nisba: dict[str, str] = data["nisba"]
        self._adjective: dict[str, str] = data["adjective_en"]
        self._institutions: InstitutionIndex | None = None
        self._rows: list[tuple[Any, ...]] = data["rows"]
        self._alias: dict[str, tuple[int, ...]] = data["alias"]
        self._weak_alias: dict[str, tuple[int, ...]] = data["weak_alias"]
        self._demonyms: dict[str, str] = data["demonyms"]
        self.max_alias_tokens: int = data["max_tokens"]
        self._entries: list[KBEntry | None] = [None] * len(self._rows)
        self._ids = {row[0]: i for i, row in enumerate(self._rows)}
        self._countries = {row[5]: i for i, row in enumerate(self._rows) if row[2] == "country"}
        self._fuzzy: dict[str, tuple[list[int], list[str], list[str]]] | None = None
        self._ordinary: frozenset[str] | None = None
        self._offices: dict[tuple[str, str], list[int]] | None = None

    # -- exact access --------------------------------------------------------------------

    def _entry(self, i: int) -> KBEntry:
        e = self._entries[i]
        if e is None:
            e = self._entries[i] = KBEntry.from_row(self._rows[i])
        return e

    def lookup(self, key: str) -> list[KBEntry]:
        """Every entry with that alias key (see `alias_key`), most likely first."""
        return [self._entry(i) for i in self._alias.get(key, ())]

    def lookup_span(self, key: str) -> list[KBEntry]:
        """`lookup`, then the weak aliases (`~الوئام` in the data): for a span a model or cue read as a name."""
        return self.lookup(key) or [self._entry(i) for i in self._weak_alias.get(key, ())]

    def __contains__(self, key: str) -> bool:
        return key in self._alias

    def alias_keys(self) -> Iterator[str]:
        return iter(self._alias)

    def get(self, entry_id: str) -> KBEntry | None:
        i = self._ids.get(entry_id)
        if i is not None:
            return self._entry(i)
        return self._institutions.get(entry_id) if self._institutions else None

    def institution(self, head_norm: str, country_iso3: str | None) -> KBEntry | None:
        """A ministry or state body by pattern (see `rasd.kb.institutions`); `get` finds it afterwards."""
        return self._institution_index().resolve(head_norm, country_iso3)

    def institution_patterns(self) -> list[Pattern]:
        """The ministry fields and state bodies `institution` knows, for matchers that scan text."""
        return self._institution_index().patterns

    def _institution_index(self) -> InstitutionIndex:
        if self._institutions is None:
            countries = {iso: (self._rows[i][3], self._nisba.get(iso), self._adjective.get(iso, ""))
                         for iso, i in self._countries.items()}
            self._institutions = InstitutionIndex(read_patterns(self._data_dir / "institutions.tsv"), countries)
        return self._institutions

    def country(self, iso3: str) -> KBEntry | None:
        i = self._countries.get(iso3)
        return None if i is None else self._entry(i)

    def demonym(self, norm_word: str) -> str | None:
        """ISO3 of the country a demonym word names (الروسي، روسية، الروس...), normalized form."""
        return self._demonyms.get(norm_word)

    def warm(self) -> None:
        """Build the lazy indexes now (fuzzy buckets, offices, ordinary words), so a batch's first
        articles do not pay for them."""
        self._fuzzy_index()
        self.office_holders("", "")
        self.is_ordinary("")

    def office_holders(self, country_iso3: str, title: str) -> list[KBEntry]:
        """Everyone who ever held the office `title` (a role title: president, foreign_minister) in a country."""
        if self._offices is None:
            self._offices = {}
            for i, row in enumerate(self._rows):
                for _code, role_title, _s, _e, role_country in row[10]:
                    if role_country:
                        self._offices.setdefault((role_country, role_title), []).append(i)
        return [self._entry(i) for i in self._offices.get((country_iso3, title), ())]

    def is_ordinary(self, key: str) -> bool:
        """Whether most words of a name (an alias key) are frequent words that are not parts of names.

        The tagger's fragments of ordinary text (`تهبط بمطار`, `باسمه واسم شعب`)
        pass this; a person's name nobody listed (`قليلة الخضيري`) does not.
        """
        if self._ordinary is None:
            with (self._data_dir / "ordinary_words.txt").open(encoding="utf-8") as f:
                self._ordinary = frozenset(line.strip() for line in f if not line.startswith("#"))
        words = key.split(" ")
        return 2 * sum(w in self._ordinary for w in words) > len(words)

    def entries(self) -> Iterator[KBEntry]:
        return (self._entry(i) for i in range(len(self._rows)))

    def __len__(self) -> int:
        return len(self._rows)

    # -- codes -----------------------------------------------------------------------------

    def actor_code(self, entry: KBEntry, on: date | None = None) -> str | None:
        """The CAMEO actor code of `entry` on `on` (the most recent role's code when `on` is None).

        A person out of office after holding one is an elite of their country (`USAELI`).
        """
        if not entry.roles:
            return entry.code
        if on is None:
            return max(entry.roles, key=lambda r: (r.start or date.min, r.end or date.max)).code
        for role in entry.roles:
            if role.valid_on(on):
                return role.code
        if entry.type == "PER" and entry.country and any(r.end and r.end < on for r in entry.roles):
            return f"{entry.country}ELI"
        return entry.code

    # -- fuzzy -----------------------------------------------------------------------------

    def fuzzy(self, key: str, type: str | None = None, limit: int = 3, cutoff: float = FUZZY_CUTOFF,
              same_consonants: bool = False) -> list[tuple[KBEntry, float]]:
        """Entries whose alias is spelled nearly like `key` (a transliteration variant), best first.

        Only aliases whose first and last letters fall in the same classes (غ/ج/ق/ك,
        ت/ط, ...) and whose length could reach `cutoff` are scored: transliterations
        differ inside a name more than at its ends, and the buckets stay small as the
        base grows. Scores are rapidfuzz ratios in 0..1 on the keys without spaces.
        With `same_consonants`, only aliases whose letters other than long vowels
        are the same count: spelling variants (ميدفيدف/ميدفيديف), not other names
        (الخطيب/الطيب).
        """
        probe = _compact(key)
        if len(probe) < _FUZZY_MIN_CHARS:
            return []
        lengths, compacts, keys = self._fuzzy_index().get(_bucket(probe), ([], [], []))
        lo = bisect_left(lengths, int(len(probe) * cutoff / (2 - cutoff)))
        hi = bisect_right(lengths, int(len(probe) * (2 - cutoff) / cutoff) + 1)
        out: list[tuple[KBEntry, float]] = []
        seen: set[str] = set()
        hits = process.extract(probe, compacts[lo:hi], scorer=fuzz.ratio, score_cutoff=cutoff * 100, limit=None)
        for _choice, score, j in sorted(hits, key=lambda h: -h[1]):
            if same_consonants and consonants(keys[lo + j]) != consonants(key):
                continue
            for i in self._alias[keys[lo + j]]:
                e = self._entry(i)
                if (type is None or e.type == type) and e.id not in seen:
                    seen.add(e.id)
                    out.append((e, score / 100))
            if len(out) >= limit:
                break
        return out[:limit]

    def _fuzzy_index(self) -> dict[str, tuple[list[int], list[str], list[str]]]:
        if self._fuzzy is None:
            buckets: dict[str, list[tuple[int, str, str]]] = {}
            for k in self._alias:
                c = _compact(k)
                if len(c) >= _FUZZY_MIN_CHARS:
                    buckets.setdefault(_bucket(c), []).append((len(c), c, k))
            self._fuzzy = {}
            for b, items in buckets.items():
                items.sort()
                self._fuzzy[b] = ([n for n, _, _ in items], [c for _, c, _ in items], [k for _, _, k in items])
        return self._fuzzy

    # -- summary ---------------------------------------------------------------------------

    def stats(self) -> dict[str, Any]:
        """Counts of entries by type and subtype, of aliases, ambiguous aliases and demonym forms."""
        by_type = Counter(r[1] for r in self._rows)
        by_subtype = Counter(f"{r[1]}/{r[2] or '-'}" for r in self._rows)
        return {
            "entries": len(self._rows),
            "by_type": dict(by_type.most_common()),
            "by_subtype": dict(by_subtype.most_common()),
            "aliases": len(self._alias),
            "ambiguous_aliases": sum(1 for v in self._alias.values() if len(v) > 1),
            "people_with_roles": sum(1 for r in self._rows if r[1] == "PER" and r[10]),
            "with_wikidata": sum(1 for r in self._rows if r[7]),
            "demonym_forms": len(self._demonyms),
            "max_alias_tokens": self.max_alias_tokens,
        }


_VOWEL_LETTERS = str.maketrans("", "", "اويىهءئؤ ")


def consonants(key: str) -> str:
    """A key's letters without long vowels, hamza carriers, ه/ة and spaces: what spelling variants share."""
    return key.translate(_VOWEL_LETTERS)


def _compact(key: str) -> str:
    return key.replace(" ", "")


def _bucket(compact: str) -> str:
    body = compact[2:] if compact.startswith("ال") and len(compact) > 4 else compact
    return (body[:1] + body[-1:]).translate(_FOLD)


def _cache_dir() -> Path:
    if os.environ.get("RASD_CACHE_DIR"):
        return Path(os.environ["RASD_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "rasd"


def _fingerprint(data_dir: Path) -> str:
    """Changes whenever a data file, the compiler, or the Python (marshal) version does."""
    h = hashlib.sha1(f"{FORMAT} {marshal.version} {sys.version_info[:2]} {data_dir.resolve()}".encode())
    for p in [Path(compile_module.__file__), *sorted(data_dir.glob("*.tsv"))]:
        st = p.stat()
        h.update(f"{p.name} {st.st_size} {st.st_mtime_ns}".encode())
    return h.hexdigest()[:16]


def _load_compiled(data_dir: Path) -> dict[str, Any]:
    path = _cache_dir() / f"kb-{_fingerprint(data_dir)}.marshal"
    try:
        with path.open("rb") as f:
            data = marshal.load(f)
        if data.get("format") == FORMAT:
            return data
    except (OSError, EOFError, ValueError, TypeError):
        pass
    data = compile_data(data_dir)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".kb-")
        with os.fdopen(fd, "wb") as f:
            marshal.dump(data, f)
        os.replace(tmp, path)
        for old in path.parent.glob("kb-*.marshal"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass  # read-only home: serve from memory
    return data


@cache
def load_kb(data_dir: Path = DATA_DIR) -> KnowledgeBase:
    """The knowledge base (built once per process, from the compile cache when it is fresh)."""
    return KnowledgeBase(_load_compiled(data_dir), data_dir)
