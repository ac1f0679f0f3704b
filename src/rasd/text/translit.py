"""Romanize Arabic-script names the knowledge base does not know.

Analysts need an English name for every entity, also for people nobody
listed, and a human reader (or a gold file) expects the spelling English-
language news uses: `محمد بن متعب العتيبي` → `Mohammed bin Mutaib al-Otaibi`,
not a letter-by-letter `Mhmd Bn Mtb`. In order, for each word:

1. compounds are one word: `عبد الله` → Abdullah, `نصر الله` → Nasrallah;
2. tables of name words: the hand table `kb/data/name_spellings.tsv` (given
   and family names, `بن` → bin, `آل نهيان` → Al Nahyan), then the words the
   knowledge base spells in both scripts (`kb/data/translit_words.tsv`, learned
   by `scripts/build_kb_translit.py`);
3. the article as `al-` before a romanized stem; `عبدال...` as `Abdul...`;
4. Slavic and Persian surname endings by rule (-ييف → -yev, -زاده → -zadeh);
5. letter by letter, writing the short vowels news spelling writes where
   Arabic name patterns put them (بدر → Badr, عادل → Adel, سويدي → Suwaidi).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from pathlib import Path

from rasd.text.normalize import normalize

DATA = Path(__file__).resolve().parents[1] / "kb" / "data"
# Countries whose people's names follow Arabic spelling habits; others get the foreign letter scheme.
ARAB_WORLD = frozenset("""SAU ARE QAT KWT BHR OMN YEM IRQ SYR LBN JOR PSE EGY SDN LBY TUN DZA MAR MRT SOM DJI
COM""".split())
_LOWER = {"bin", "ibn", "bint"}
_ENDINGS = [  # (normalized Arabic ending, romanization) longest first
    ("تشينكو", "chenko"), ("وفيتش", "ovich"), ("ينكو", "enko"), ("تشوك", "chuk"), ("فيتش", "vich"),
    ("ييفا", "yeva"), ("سكايا", "skaya"), ("ييف", "yev"), ("وفا", "ova"), ("يفا", "eva"), ("سكي", "sky"),
    ("زاده", "zadeh"), ("يف", "ev"), ("وف", "ov"),
]
_COMPOUND_HEAD = normalize("عبد")
_COMPOUND_TAILS = {normalize("الله")}  # نصر الله → Nasrallah
_DIACRITICS = re.compile("[\u064b-\u0652\u0670\u0640]")


def join_compounds(words: list[str]) -> list[str]:
    """`عبد الله` → `عبدالله`, `نصر الله` → `نصرالله`: names written in two words, spelled as one."""
    out: list[str] = []
    for w in words:
        if out and (out[-1] == _COMPOUND_HEAD or normalize(w) in _COMPOUND_TAILS):
            out[-1] += w
        else:
            out.append(w)
    return out


@lru_cache(maxsize=1 << 14)
def transliterate(name: str, arabic: bool = True) -> str:
    """An English spelling of an Arabic-script name (`خالد بن محمد الحارثي` → `Khalid bin Mohammed al-Harthi`).

    `arabic=False` (a name from a country outside the Arab world) spells unlisted
    words with the foreign scheme: و → o, ي → i, no Arabic vowel patterns.
    """
    words = join_compounds(_DIACRITICS.sub("", name).split())
    out = []
    i = 0
    while i < len(words):
        pair = normalize(" ".join(words[i : i + 2])) if i + 1 < len(words) else ""
        if pair in name_spellings():
            out.append(name_spellings()[pair])
            i += 2
        else:
            out.append(_word(words[i], arabic))
            i += 1
    return " ".join(filter(None, out))


def _word(word: str, arabic: bool = True) -> str:
    norm = normalize(word)
    if not norm.isalpha():
        return word
    known = name_spellings().get(norm) or _learned_words().get(norm)
    if known:
        return known
    if norm.startswith("ال") and len(norm) > 3:
        stem = word[2:] if word.startswith("ال") else word[1:]  # ٱل / ال, never a hamza-carrying alef
        return "al-" + _capital(_word(stem, arabic))
    if norm.startswith(_COMPOUND_HEAD + "ال") and len(norm) > 5:
        return "Abdul" + _romanize(word[5:]).lower()
    return _capital(_romanize(word, arabic))


def _capital(s: str) -> str:
    return s if s in _LOWER or s.startswith("al-") else s[:1].upper() + s[1:]


def _romanize(word: str, arabic: bool = True) -> str:
    """A word's spelling by rule, with a Slavic or Persian ending where it has one (-يف/-وف only in a foreign
    name)."""
    norm = normalize(word)
    for ending, roman in _ENDINGS:
        if arabic and len(ending) < 3:
            continue  # شريف, بوضيف, المحيذيف: Arabic names end so too
        if norm.endswith(ending) and len(norm) > len(ending) + 1:
            return _letters(word[: len(word) - len(ending)], foreign=True, slavic=True) + roman
    return _letters(word, foreign=not arabic)


_CONSONANTS = {
    "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r", "ز": "z",
    "س": "s", "ش": "sh", "ص": "s", "ض": "dh", "ط": "t", "ظ": "z", "غ": "gh", "ف": "f", "ق": "q", "ك": "k",
    "ل": "l", "م": "m", "ن": "n", "ه": "h", "گ": "g", "پ": "p", "چ": "ch", "ڤ": "v", "ة": "a",
}
_LONG = "اآأإىويءئؤع"
_CLUSTERS = {"تش": "ch", "دج": "j", "كس": "x"}


def _letters(word: str, foreign: bool, slavic: bool = False) -> str:
    """Letter by letter, with the vowels news spelling writes (see `_vowel_after`); ع as a vowel, ة/ى
    final as `a`, ي between consonants as ai/ee, و as ou/u (foreign names: و → o; Slavic ones: ف → v)."""
    w = word.replace("آ", "ا")
    n = len(w)
    out: list[str] = []
    i = 0
    if not foreign and n >= 5 and w[2] == w[-1] == "ي" and w[0] not in _LONG and w[1] != "ع" and w[3] not in _LONG:
        # a family diminutive: سويدي → Suwaidi, مطيري → Mutairi
        out = [_CONSONANTS.get(w[0], w[0]), "u", "w" if w[1] == "و" else _CONSONANTS.get(w[1], w[1]), "ai"]
        i = 3
    while i < n:
        ch, prev, nxt = w[i], w[i - 1] if i else "", w[i + 1] if i + 1 < n else ""
        if foreign and w[i : i + 2] == "نغ":
            out.append("ng")  # بيونغ تشانغ → Pyeong Chang, هونغ → Hong: never n + gh in foreign names
            i += 2
            continue
        if foreign and w[i : i + 2] in _CLUSTERS and (slavic or w[i] != "ك"):
            out.append(_CLUSTERS[w[i : i + 2]])
            i += 2
            continue
        if ch in "اأإ":
            if i == 0 and nxt == "ي":
                out.append("i")  # إيران, ايفانوف: the alef only carries the vowel
                i += 1
            elif foreign and i == 0 and nxt == "و":
                out.append("")  # اوباما → Obama
            else:
                out.append("i" if ch == "إ" else "a")
        elif ch == "ع":
            out.append("a" if i == 0 or (prev not in _LONG and nxt not in _LONG) else "")
            if i == 0 and nxt == "ا":
                i += 1  # عادل → Adel
        elif ch in "ءئؤ":
            out.append("")
        elif ch == "و":
            if foreign and i and nxt != "ا":
                out.append("" if out[-1:] == ["o"] else "o")  # مارسيلو → Marselo, اولاريو → Olario
            elif i == 0 or nxt == "ا" or prev in "اوي" or not nxt:
                out.append("w")
            else:
                out.append("ou" if i + 2 == n else "u")
        elif ch == "ي":
            if i == 0 or nxt == "ا" or prev == "ي" or (prev == "و" and i > 1):
                out.append("y")
            elif prev == "ا":
                out.append("ye" if nxt else "i")  # نايف → Nayef, عايش → Ayesh
            elif not nxt:
                out.append("i")
            elif nxt == "ة" and i + 2 == n:
                out.append("iy")  # العابطية → Abtiya, الحبانية → Habbaniya
            else:
                out.append("i" if foreign else "ai" if i == 1 else "ee")
        elif ch == "ى":
            out.append("a")
        elif ch == "ف" and slavic:
            out.append("v")
        else:
            out.append(_CONSONANTS.get(ch, ch))
        out.append(_vowel_after(w, i, foreign))
        i += 1
    return "".join(out)


def _vowel_after(w: str, i: int, foreign: bool) -> str:
    """The short vowel news spelling writes after letter i: after the first of two consonants (بدر → Badr),
    and in فاعل between the last two (عادل → Adel, ماجد → Majed)."""
    nxt = w[i + 1] if i + 1 < len(w) else ""
    if w[i] in _LONG or not nxt or nxt in "اآأإىءئؤ":
        return ""
    if i == 0 and (nxt not in _LONG or nxt == "ع"):
        return "e" if foreign else "a"
    if not foreign and i == 2 and len(w) == 4 and w[1] == "ا" and nxt not in _LONG + "ة":
        return "e"
    return ""


@cache
def name_spellings() -> dict[str, str]:
    """Normalized Arabic name word (or word pair) → its usual English spelling, from the hand table."""
    return {normalize(ar): en for ar, en in _rows("name_spellings.tsv") if ar != "name_ar"}


@cache
def given_names() -> frozenset[str]:
    """Normalized Arabic given names of the hand table (its `# given names` sections, foreign ones excluded): a
    word after one that looks like a demonym (سلطان المصري) is a family name, and the name is an Arab's."""
    names: set[str] = set()
    section = ""
    with (DATA / "name_spellings.tsv").open(encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                section = line
            elif section.startswith("# given names"):
                names.add(normalize(line.split("\t", 1)[0]))
    return frozenset(names)


@cache
def _learned_words() -> dict[str, str]:
    """Normalized Arabic name word → its most used English spelling in the knowledge base."""
    return dict(_rows("translit_words.tsv"))


def _rows(name: str) -> list[tuple[str, str]]:
    with (DATA / name).open(encoding="utf-8") as f:
        return [(a, b) for a, b in (line.rstrip("\n").split("\t")[:2] for line in f if not line.startswith("#"))]
