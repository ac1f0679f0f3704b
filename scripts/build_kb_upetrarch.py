"""Regenerate src/rasd/kb/data/people_upetrarch.tsv from UniversalPetrarch's Arabic actor dictionary.

Source: ../shared/data/events/upetrarch-arabic/actor_dict_ar_v4.txt
(openeventdata/UniversalPetrarch, MIT). Its format: a name with underscores
for spaces, its code inline (`حماس  [PSEREB]`) or on the following indented
lines, each `[CODE]`, `[CODE START-END]`, `[CODE >START]` or `[CODE <END]`
with YYYYMMDD dates. Checked here: `18000101` only ever appears as an end date
before its start, so it means "open-ended"; 17 other ranges end before they
start and are dropped as copying errors.

What is kept, because the rest is not sound enough to ship: person names only
(2-5 words, `عبد الله` counting as one; no title, organization or place words, no one-letter words left
by the lemmatizer), with a valid code whose country is known. Titles at the
start (الشيخ، الدكتور) are removed. English names are transliterations. Names
that the hand-written files already have are left to those (the knowledge base
compiler enforces it too).

    .venv/bin/python scripts/build_kb_upetrarch.py [PATH-TO-actor_dict_ar_v4.txt]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from rapidfuzz import fuzz, process  # noqa: E402
from wordfreq import zipf_frequency  # noqa: E402

from rasd.kb.compile import demonym_forms, read_tsv, slug, split_values  # noqa: E402
from rasd.text import normalize  # noqa: E402
from rasd.text.translit import join_compounds, transliterate  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "rasd" / "kb" / "data"
SOURCE = ROOT.parent / "shared" / "data" / "events" / "upetrarch-arabic" / "actor_dict_ar_v4.txt"
OPEN_END = "18000101"

_CODE_LINE = re.compile(r"\[([A-Z]{3,15})(?:\s+([<>]?)(\d{8})(?:-(\d{8}))?)?\]")
_TITLES = {normalize(w) for w in "شيخ شيخة الشيخ الشيخة دكتور الدكتور د سيد السيد حاج الحاج".split()}
# Words that make a "name" a title, an organization, a place or a description rather than a person.
_NOT_A_PERSON = {normalize(w) for w in """
رئيس الرئيس وزير الوزير وزيرة وزارة حركة حزب منظمة مجلس قوة قوات جيش الجيش اتحاد جامعة شرطة ملك الملك
أمير الأمير ملكة دولة ديوان الديوان سفارة هيئة مكتب لجنة جمعية جبهة كتائب كتيبة تنظيم جماعة مؤسسة شركة بنك صندوق
محكمة برلمان حكومة نائب أمين عام مدير قائد زعيم مسؤول متحدث سفير مبعوث ممثل عضو رئاسة مدينة محافظة منطقة
إقليم قرية جزيرة ميناء مطار جسر شارع ساحة مسجد كنيسة مستشفى مخيم عاهل ولي عهد جنرال عقيد لواء عميد رائد نقيب
مفتي إمام آية الله حرس أمن شعب قبيلة عائلة آل أسرة سلطة مفوضية وكالة إذاعة قناة صحيفة تلفزيون مصرف سوق
مركز معهد مدرسة كلية اتحادي حاكم محافظ قاضي نقابة رابطة تجمع تيار ائتلاف كتلة عصابة ميليشيا مليشيا لواء
موقف عاصمة دبلوماسي مصدر مصادر بني قوى
""".split()}
_SHORT_NAME_WORDS = {normalize(w) for w in "بن أبو ولد آل دي دو لي لا".split()}
# Given names that are also frequent words; any other word this frequent marks a description.
_GIVEN_NAMES = {normalize(w) for w in """محمد أحمد علي حسن حسين خالد عمر سعيد صالح إبراهيم يوسف مصطفى محمود سلمان فهد
سعود ناصر فيصل جمال كمال عادل عبدالله عبد الله العزيز الرحمن نور أمين سمير كريم طارق عماد وليد هشام نبيل جورج ميشال
سليمان عيسى موسى داود يحيى زكريا إسماعيل إسلام حمد راشد سلطان منصور ماجد بشير""".split()}
COMMON_WORD_ZIPF = 4.8
_ROLE_TITLE = {"GOV": "official", "MIL": "military", "REB": "militant", "ELI": "elite", "LEG": "legislator",
               "JUD": "judge", "MED": "journalist", "OPP": "opposition", "REL": "cleric", "BUS": "business",
               "CVL": "civilian", "SPY": "intelligence", "COP": "police", "PTY": "politician"}
HEADER = ["name_en", "type", "subtype", "country", "name_ar", "aliases_ar", "code", "wikidata", "roles", "id"]


def parse(path: Path) -> dict[str, list[tuple[str, str, str, str]]]:
    """name → [(code, op, start, end)] in file order; repeated names pool their lines."""
    out: dict[str, list[tuple[str, str, str, str]]] = {}
    name = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        stripped = line.strip()
        if not stripped.startswith("["):
            name = stripped.split("[", 1)[0].strip()
            out.setdefault(name, [])
        if name is None:
            continue
        for m in _CODE_LINE.finditer(stripped):
            out[name].append((m.group(1), m.group(2) or "", m.group(3) or "", m.group(4) or ""))
    return out


def person_name(raw: str, demonyms: set[str]) -> str | None:
    """The person name in a dictionary entry, or None for titles, groups, places and descriptions."""
    words = [w for w in raw.split("_") if w]
    while words and normalize(words[0]) in _TITLES:
        words = words[1:]
    if not 2 <= len(join_compounds(words)) <= 5 or any(len(w) < 2 for w in words):
        return None  # عبد العزيز alone is one given name, not a person
    norms = [normalize(w) for w in words]
    if any(n in _NOT_A_PERSON or n.removeprefix("ال") in _NOT_A_PERSON or n in demonyms for n in norms):
        return None
    if any(len(n) < 3 and n not in _SHORT_NAME_WORDS for n in norms):
        return None  # a lemmatizer's leftover (فؤاد عالي مه)
    if any(a == "عبد" and not b.startswith("ال") for a, b in zip(norms, norms[1:], strict=False)):
        return None  # عبد عزيز: a lemmatized عبدالعزيز
    if any(zipf_frequency(w, "ar") >= COMMON_WORD_ZIPF and n not in _GIVEN_NAMES for w, n in zip(words, norms,
                                                                                               strict=True)):
        return None  # سيارة فولكس, فتح إسلام: common words, not a name
    return " ".join(words)


def bare(name: str) -> str:
    """A name's words without the article: the lemmatized dictionary drops it (نادر ذهبي for نادر الذهبي)."""
    return " ".join(w.removeprefix("ال") for w in normalize(name).split())


def iso(d: str) -> str:
    return f"{d[:4]}-{d[4:6]}-{d[6:]}"


def roles_of(lines: list[tuple[str, str, str, str]], countries: set[str]) -> tuple[str | None, list[str]]:
    """(default code, dated roles as title@start/end@CODE) from the dictionary's code lines."""
    default, roles = None, []
    for code, op, start, end in lines:
        if code[:3] not in countries or len(code) % 3:
            continue
        title = _ROLE_TITLE.get(code[3:6], "official")
        if not start:
            default = code
        elif op == ">":
            roles.append(f"{title}@{iso(start)}/@{code}")
        elif op == "<":
            roles.append(f"{title}@/{iso(start)}@{code}")
        elif end == OPEN_END:
            roles.append(f"{title}@{iso(start)}/@{code}")
        elif end and end >= start:
            roles.append(f"{title}@{iso(start)}/{iso(end)}@{code}")
    if default is None and roles:
        default = roles[-1].rsplit("@", 1)[1]
    return default, list(dict.fromkeys(roles))


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else SOURCE
    countries = {row["iso3"] for _, row in read_tsv(DATA / "countries.tsv")} | {
        row["code"] for _, row in read_tsv(DATA / "countries.tsv")}
    demonyms = {f for _, row in read_tsv(DATA / "countries.tsv") for w in split_values(row["demonyms_ar"])
                for f in demonym_forms(w)}
    hand = set()
    for name in ("people.tsv", "organizations.tsv", "places.tsv"):
        for _, row in read_tsv(DATA / name):
            hand.update(bare(n) for n in [row["name_ar"], *split_values(row["aliases_ar"])])
    hand_list = sorted(hand)
    rows, seen, ids = [], set(), set()
    for raw, lines in parse(source).items():
        name = person_name(raw, demonyms)
        if not name or bare(name) in hand or bare(name) in seen:
            continue
        if process.extractOne(bare(name), hand_list, scorer=fuzz.ratio, score_cutoff=88):
            continue  # a spelling variant of someone the hand files have (طوني بلير ~ توني بلير)
        default, roles = roles_of(lines, countries)
        if not default or len(default) < 6:  # a bare country code: a place or a description, not a person
            continue
        seen.add(bare(name))
        name_en = transliterate(name)
        ident = base = f"rasd:per:up-{slug(name_en)}"
        n = 1
        while ident in ids:  # two spellings that transliterate alike
            n += 1
            ident = f"{base}-{n}"
        ids.add(ident)
        rows.append([name_en, "PER", "", default[:3], name, "", default, "", ";".join(roles), ident])
    with (DATA / "people_upetrarch.tsv").open("w", encoding="utf-8", newline="") as f:
        f.write("# GENERATED by scripts/build_kb_upetrarch.py from UniversalPetrarch's Arabic actor dictionary\n"
                "# (actor_dict_ar_v4.txt, openeventdata/UniversalPetrarch, MIT): person names with their CAMEO\n"
                "# codes and dated roles; English names are transliterations. Do not edit: fix the hand files.\n")
        f.write("\t".join(HEADER) + "\n")
        for row in rows:
            f.write("\t".join(row) + "\n")
    print(f"people_upetrarch.tsv: {len(rows)} people")


if __name__ == "__main__":
    main()
