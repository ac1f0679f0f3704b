"""Regenerate src/rasd/kb/data/translit_words.tsv: name words the knowledge base spells in both scripts.

Pairs: every hand-written person and place, and GeoNames city (`geonames.tsv`,
CC BY 4.0), whose Arabic and English names have as many words (after `عبد
الله` → one word, `al-X` → one word). A word pair is kept when its English word
can spell the Arabic letter by letter: each letter one chunk, a consonant from
its known spellings (`CONSONANTS`) and the short vowels Arabic does not write
(`خالد` → kh·a|l·i|d); translations (البحر الأحمر / Red Sea) do not align and
are dropped. Each Arabic word keeps its most used spelling, Arab-world names
weighing more.

A letter model learned from the same alignments (each letter's chunk by its
neighbours) spelled fewer held-out words exactly than the rules in
`rasd.text.translit` (the pairs are too few), so only the words are kept;
`--check` prints the rules' exact-match rate on the aligned pairs.

    .venv/bin/python scripts/build_kb_translit.py [--check]
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from rasd.kb.compile import DATA_DIR, read_tsv  # noqa: E402
from rasd.text import normalize  # noqa: E402
from rasd.text.translit import ARAB_WORLD, _romanize, join_compounds  # noqa: E402

# Spellings of each letter's consonant ('' where the letter can be a bare vowel carrier).
CONSONANTS: dict[str, tuple[str, ...]] = {
    "ب": ("b", "p"), "ت": ("t",), "ث": ("th", "t", "s"), "ج": ("j", "g", "dj", "zh"), "ح": ("h", "kh"),
    "خ": ("kh", "h", "ch", "x"), "د": ("d",), "ذ": ("dh", "z", "th", "d"), "ر": ("r",), "ز": ("z", "s"),
    "س": ("s", "c"), "ش": ("sh", "ch", "sch", "s"), "ص": ("s",), "ض": ("d", "dh", "z"), "ط": ("t",),
    "ظ": ("z", "dh"), "ع": ("", "'"), "غ": ("gh", "g"), "ف": ("f", "v", "ph"), "ق": ("q", "k", "g", "c"),
    "ك": ("k", "c", "ck", "ch", "q"), "ل": ("l",), "م": ("m",), "ن": ("n",), "ه": ("h", ""), "و": ("w", "v", ""),
    "ي": ("y", ""), "ا": ("",), "أ": ("",), "إ": ("",), "آ": ("",), "ء": ("",), "ئ": ("", "y"), "ؤ": ("", "w"),
    "ة": ("", "h", "t"), "ى": ("", "y"), "پ": ("p",), "چ": ("ch",), "ڤ": ("v",), "گ": ("g",), "ٱ": ("",),
}
VOWELS = "aeiou"
MAX_TAIL = 2
WEIGHTS = {"people.tsv": 3, "places.tsv": 2, "geonames.tsv": 1}

_ARTICLES = ("al", "el", "al-", "el-")
_ARABIC = re.compile("^[\u0621-\u064a\u0671\u067e\u0686\u06a4\u06af]+$")
_DIACRITICS = re.compile("[\u064b-\u0652\u0670\u0640]")


def ascii_fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


def english_words(name: str) -> list[str]:
    """`Adel al-Jubeir` → [Adel, al-Jubeir]; `Al Khubar` → [al-Khubar]; quotes and accents dropped."""
    words = [w for w in re.split(r"[\s]+", ascii_fold(name).replace("'", "").replace("\u2019", "")) if w]
    out: list[str] = []
    for w in words:
        if out and out[-1].lower() in ("al", "el"):
            out[-1] = "al-" + w
        else:
            out.append(w)
    return out


def arabic_words(name: str) -> list[str]:
    return join_compounds(_DIACRITICS.sub("", name).split())


def split_article(ar: str, en: str) -> tuple[str, str] | None:
    """The stems of an aligned word pair: (الجبير, al-Jubeir) → (جبير, jubeir); None if they cannot align."""
    low = re.sub(r"[^a-z-]", "", en.lower())
    has_al = low.startswith(("al-", "el-"))
    if has_al:
        low = low[3:]
    if ar.startswith("ال") and len(ar) > 3:
        ar = ar[2:]
    elif has_al:
        return None
    low = low.replace("-", "")
    return (ar, low) if low and _ARABIC.match(ar) else None


def pairs() -> list[tuple[str, str, int]]:
    """(Arabic word, English word, weight) for each word of each name pair with as many words."""
    out = []
    for file, weight in WEIGHTS.items():
        for _, row in read_tsv(DATA_DIR / file):
            a, e = arabic_words(row["name_ar"]), english_words(row["name_en"])
            if len(a) == len(e):
                w = weight * (3 if row.get("country") in ARAB_WORLD else 1)
                out += [(x, y, w) for x, y in zip(a, e, strict=True)]
    return out


def chunks_at(letter: str, eng: str, j: int) -> list[str]:
    """The chunks `letter` may spell at position j of `eng`: consonant (maybe doubled), then 0–2 vowels."""
    out = []
    for c in CONSONANTS.get(letter, ()):
        if not eng.startswith(c, j):
            continue
        for cons in (c, c + c[-1:]) if c else (c,):
            if cons and not eng.startswith(cons, j):
                continue
            k = j + len(cons)
            tail = 0
            while tail <= MAX_TAIL:
                out.append(eng[j : k + tail])
                if k + tail < len(eng) and eng[k + tail] in VOWELS:
                    tail += 1
                else:
                    break
    return list(dict.fromkeys(out))


def alignable(ar: str, eng: str) -> bool:
    """Whether `eng` spells `ar` with one chunk per letter (see `chunks_at`)."""
    reach = {0}
    for letter in ar:
        reach = {j + len(c) for j in reach for c in chunks_at(letter, eng, j)}
        if not reach:
            return False
    return len(eng) in reach


def main() -> None:
    word_pairs = pairs()
    spelled: dict[str, Counter[str]] = defaultdict(Counter)
    stems = []
    for ar, en, weight in word_pairs:
        split = split_article(ar, en)
        if split is not None and alignable(*split):
            spelled[normalize(ar)][en] += weight
            stems.append(split)
    words = {k: c.most_common(1)[0][0] for k, c in spelled.items() if sum(c.values()) >= 2}
    with (DATA_DIR / "translit_words.tsv").open("w", encoding="utf-8") as f:
        f.write("# GENERATED by scripts/build_kb_translit.py from the knowledge base's name pairs (people, places:\n"
                "# hand-written; GeoNames cities: CC BY 4.0). Normalized Arabic word, its most used spelling.\n")
        f.writelines(f"{k}\t{v}\n" for k, v in sorted(words.items()))
    print(f"{len(stems)} aligned word pairs of {len(word_pairs)}; {len(words)} words")
    if "--check" in sys.argv:
        right = sum(_romanize(a).lower() == e for a, e in stems)
        print(f"rules spell {right}/{len(stems)} aligned stems exactly ({right / len(stems):.1%})")


if __name__ == "__main__":
    main()
