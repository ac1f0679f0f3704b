"""Romanize Arabic-script names the knowledge base does not know.

Analysts need an English name for every entity, also for people nobody
listed. This gives the spelling an English-language newsroom would most likely
use: known given names from a table, Slavic and Persian surname endings by
rule (-ييف → -yev, -وف → -ov, -تشوك → -chuk, -ينكو → -enko, -زاده → -zadeh),
and a letter-by-letter scheme for the rest, with the article as `al-`.
"""

from __future__ import annotations

from rasd.text.normalize import normalize

GIVEN_NAMES = {
    normalize(k): v
    for k, v in {
        "محمد": "Mohammed", "أحمد": "Ahmed", "محمود": "Mahmoud", "علي": "Ali", "حسن": "Hassan", "حسين": "Hussein",
        "عبدالله": "Abdullah", "عبد الله": "Abdullah", "عبدالعزيز": "Abdulaziz", "عبدالرحمن": "Abdulrahman",
        "خالد": "Khaled", "سلمان": "Salman", "فيصل": "Faisal", "سعود": "Saud", "فهد": "Fahd", "نايف": "Nayef",
        "سلطان": "Sultan", "بندر": "Bandar", "تركي": "Turki", "عمر": "Omar", "يوسف": "Youssef", "إبراهيم": "Ibrahim",
        "مصطفى": "Mustafa", "سعيد": "Saeed", "صالح": "Saleh", "ناصر": "Nasser", "جمال": "Jamal", "كمال": "Kamal",
        "فاطمة": "Fatima", "مريم": "Maryam", "عائشة": "Aisha", "نور": "Nour", "سارة": "Sarah", "هند": "Hind",
        "ديمتري": "Dmitry", "فلاديمير": "Vladimir", "سيرغي": "Sergei", "سيرجي": "Sergei", "الكسندر": "Alexander",
        "ألكسندر": "Alexander", "إيغور": "Igor", "ايغور": "Igor", "ميخائيل": "Mikhail", "نيكولاي": "Nikolai",
        "إيرينا": "Irina", "ايرينا": "Irina", "ماريا": "Maria", "ناتاليا": "Natalia", "أولغا": "Olga",
        "يوري": "Yuri", "بوريس": "Boris", "أندريه": "Andrei", "فيكتور": "Viktor", "إيفان": "Ivan", "بيتر": "Peter",
        "جون": "John", "جورج": "George", "ديفيد": "David", "مايكل": "Michael", "جيمس": "James", "روبرت": "Robert",
        "باراك": "Barack", "هيلاري": "Hillary", "دونالد": "Donald", "جو": "Joe", "انغيلا": "Angela", "أنجيلا": "Angela",
        "فرانسوا": "François", "نيكولا": "Nicolas", "إيمانويل": "Emmanuel", "توني": "Tony",
    }.items()
}
_ENDINGS = [  # (normalized Arabic ending, romanization) longest first
    ("تشينكو", "chenko"), ("ينكو", "enko"), ("تشوك", "chuk"), ("فيتش", "vich"), ("وفيتش", "ovich"),
    ("ييف", "yev"), ("ييفا", "yeva"), ("وفا", "ova"), ("يفا", "eva"), ("سكايا", "skaya"), ("سكي", "sky"),
    ("يف", "ev"), ("وف", "ov"), ("زاده", "zadeh"), ("يان", "yan"),
]
_SLAVIC = ("ينكو", "تشوك", "فيتش", "يف", "وف", "سكي", "وفا", "يفا", "تشينكو")
_LETTERS = {
    "ا": "a", "ب": "b", "ت": "t", "ث": "th", "ج": "j", "ح": "h", "خ": "kh", "د": "d", "ذ": "dh", "ر": "r",
    "ز": "z", "س": "s", "ش": "sh", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "ع": "", "غ": "gh", "ف": "f",
    "ق": "q", "ك": "k", "ل": "l", "م": "m", "ن": "n", "ه": "h", "و": "w", "ي": "y", "ء": "", "ؤ": "",
    "ئ": "", "گ": "g", "پ": "p", "چ": "ch", "ڤ": "v",
}
_CONSONANT_CLUSTERS = {"تش": "ch", "دج": "j", "كس": "x"}


def transliterate(name: str) -> str:
    """An English spelling of an Arabic-script name (`إيرينا كوفالتشوك` → `Irina Kovalchuk`)."""
    words = normalize(name).split()
    out = []
    for i, word in enumerate(words):
        if not word.isalpha():
            out.append(word)
            continue
        joined = word if i + 1 >= len(words) else word + " " + words[i + 1]
        if joined in GIVEN_NAMES and i + 1 < len(words):
            out.append(GIVEN_NAMES[joined])
            words[i + 1] = ""
            continue
        if not word:
            continue
        out.append(GIVEN_NAMES.get(word) or _romanize_word(word))
    return " ".join(w for w in out if w)


def _romanize_word(word: str) -> str:
    prefix = ""
    if word.startswith("ال") and len(word) > 3:
        prefix, word = "al-", word[2:]
    suffix = ""
    for ending, roman in sorted(_ENDINGS, key=lambda e: -len(e[0])):
        if word.endswith(ending) and len(word) > len(ending) + 1:
            word, suffix = word[: -len(ending)], roman
            break
    foreign = suffix != "" and any(e == suffix for a, e in _ENDINGS if a in _SLAVIC)
    roman = _letters(word, foreign) + suffix
    result = prefix + roman
    return result[:1].upper() + result[1:] if not prefix else "al-" + roman[:1].upper() + roman[1:]


def _letters(word: str, foreign: bool) -> str:
    out: list[str] = []
    i = 0
    while i < len(word):
        pair = word[i : i + 2]
        if pair in _CONSONANT_CLUSTERS:
            out.append(_CONSONANT_CLUSTERS[pair])
            i += 2
            continue
        ch = word[i]
        prev_vowel = bool(out) and out[-1][-1:] in "aeiou"
        if i == 0 and pair == "اي":  # إيران, إيرينا: the alef only carries the vowel
            out.append("i")
            i += 2
            continue
        if i == 1 and ch not in "اوي" and word[0] not in "اويع":
            out.append("e" if foreign else "a")  # the unwritten first vowel: بتروفا → Betrova, مهنا → Mahna
        if ch == "ا":
            out.append("" if prev_vowel and i > 0 and word[i - 1] in "وي" else "a")
        elif ch == "و":
            out.append("w" if i == 0 else ("o" if foreign else "ou" if i == len(word) - 1 else "o"))
        elif ch == "ي":
            if i == 0:
                out.append("i" if len(word) > 1 and word[1] not in "اوي" else "y")
            else:
                out.append("y" if i + 1 < len(word) and word[i + 1] in "او" else "i")
        elif ch == "ف" and foreign:
            out.append("v")
        elif ch == "ه" and i == len(word) - 1:
            out.append("a")
        else:
            out.append(_LETTERS.get(ch, ch))
        i += 1
    return "".join(out)
