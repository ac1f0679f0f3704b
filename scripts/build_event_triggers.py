"""Build the event data files that come from public sources (run by hand; the package never reads ../shared).

1. `src/rasd/events/data/cameo_plover.tsv` from PLOVER's CAMEO2PLOVER-2021.txt (CC BY-SA 4.0): CAMEO code ->
   PLOVER category and mode. PLOVER 2021 renamed ACCUSE/REQUEST; the names used are today's categories
   (09 INVESTIGATE, 10 DEMAND, 11 DISAPPROVE). 163 (impose embargo, boycott, sanctions) is coded SANCTION, as
   the PLOVER manual's SANCTION text describes, although the 2021 table lists it under COERCE.
2. `src/rasd/events/data/upetrarch_triggers.tsv` from UniversalPetrarch's CAMEO.ar.0.5.txt (MIT). That
   dictionary was machine-translated from the English one and most of its verb blocks are unsound (e.g. تلقى
   "receive" coded 141 demonstrate). We keep only what a reader checked: single verbs listed in SOUND_VERBS
   whose UP code has the same CAMEO root as the check, and "verb + object" patterns whose verb is a light verb
   (نظم، شن، وقع...) and whose object noun is in SOUND_OBJECTS with a matching root. Verbs already in the hand
   lexicon (triggers.tsv) are skipped: the hand entry wins.

Usage: python scripts/build_event_triggers.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from rasd.text import normalize

DATA = Path(__file__).resolve().parents[1] / "src" / "rasd" / "events" / "data"
PLOVER_NAMES = {"ACCUSE": None, "REQUEST": "DEMAND"}  # ACCUSE splits by root below
ROOT_NAMES = {"09": "INVESTIGATE", "11": "DISAPPROVE", "10": "DEMAND"}

# verb (as UP writes it, +preposition) -> the CAMEO root a reader agrees with
SOUND_VERBS = {
    "حاصر": "19", "اختطف": "18", "اعترض+على": "11", "اشتكى": "11", "اشتكى+من": "11", "تظاهر": "14",
    "رفض": "12", "نبذ": "12", "قصف": "19", "قتل": "19", "تخلى+عن": "08", "توغل": "19", "اعتقل": "17",
    "دحض": "11", "ناصب": "11", "شكا": "11", "الغى": "16", "هرع": "15", "اختلف": "11", "خطف": "18",
}
LIGHT_VERBS = {"نظم", "شن", "قاد", "اطلق", "وقع", "صادق", "عقد", "قدم", "فرض", "رفع", "قتل", "حضر", "رتب"}
# object noun -> CAMEO roots it can carry after a light verb
SOUND_OBJECTS = {
    "مظاهرة": {"14"}, "مسيرة": {"14"}, "احتجاج": {"14"}, "هجوم": {"19", "18"}, "هجمة": {"19", "18"},
    "ضربة": {"19"}, "غارة": {"19"}, "اتفاق": {"03", "05"}, "اتفاقية": {"03", "05"}, "معاهدة": {"05"},
    "معاهدات": {"05"}, "صفقة": {"03", "05"}, "مساعدة": {"07"}, "معونة": {"07"}, "حصار": {"08", "19"},
    "شكوى": {"11"}, "مؤتمر": {"04"}, "رصاص": {"19"},
}
# (PLOVER category, mode) for CAMEO codes whose 2021 table row says otherwise than the manual
OVERRIDES = {"163": ("SANCTION", "restrict")}


def plover_table(path: Path) -> dict[str, tuple[str, str]]:
    """CAMEO code -> (PLOVER category, mode) from CAMEO2PLOVER-2021.txt."""
    table: dict[str, tuple[str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{3,4}):\s*([A-Z]+),\s*([^,]*),", line)
        if not m:
            continue
        code, name, mode = m.group(1), m.group(2), m.group(3).strip()
        if name in PLOVER_NAMES:
            name = ROOT_NAMES.get(code[:2], PLOVER_NAMES[name] or name)
        if name == "ACCUSE":
            name = ROOT_NAMES.get(code[:2], "DISAPPROVE")
        if mode in ("investigate", "disapprove", "pro_autocracy"):  # contexts, not modes
            mode = ""
        table[code] = OVERRIDES.get(code, (name, mode))
    return table


def parse_verb_blocks(path: Path) -> list[dict]:
    """UP's verb blocks: header code, verbs with their own codes, patterns with the verbs they apply to."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if "VERB PATTERNS" in line)
    blocks: list[dict] = []
    for line in lines[start + 1 :]:
        head = re.match(r"^---\s*(.+?)\s*\[(.*?)\]\s*---", line)
        if head:
            blocks.append({"code": head.group(2), "verbs": [], "patterns": []})
        elif blocks and line.startswith("-"):
            m = re.match(r"^-\s*\*\s*(.*?)\s*\[(\w+)\]\s*(?:#\s*(.*))?$", line)
            if m:
                verbs = [v.strip() for v in (m.group(3) or "").split(",") if v.strip()]
                blocks[-1]["patterns"].append((m.group(1), m.group(2), verbs))
        elif blocks and line.strip():
            m = re.match(r"^(\S+)\s*(?:\[(\w+)\])?", line.strip())
            if m:
                blocks[-1]["verbs"].append((m.group(1), m.group(2)))
    return blocks


def present_of(past: str) -> str:
    """The unvocalized present of a (non-hollow) verb: يـ + the past without its prothetic alef (شكا: يشكو)."""
    if len(past) == 3 and past[-1] == "ا":
        return "ي" + past[:-1] + "و"
    if past[0] in "اأ" and len(past) > 3:
        return "ي" + past[1:]
    return "ي" + past


def hand_heads() -> set[str]:
    heads = set()
    for line in (DATA / "triggers.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            heads.add(normalize(line.split("\t")[0].split()[0].split("|")[0].split("/")[0]))
    return heads


def upetrarch_rows(blocks: list[dict], table: dict[str, tuple[str, str]]) -> list[list[str]]:
    known = hand_heads()
    rows: dict[str, list[str]] = {}

    def add(phrase: str, code: str, slot: str) -> None:
        plover, _mode = table.get(code) or table.get(code[:3]) or ("", "")
        head = phrase.split()[0]
        if not plover or normalize(head) in known or phrase in rows:
            return
        past = head
        verb = f"{past}|{present_of(past)}" if not (len(past) == 3 and past[1] == "ا") else f"{past}|"
        words = " ".join([verb, *phrase.split()[1:]])
        gap = "gap=3" if " " in phrase else ""
        rows[phrase] = [words, "V", plover, code, "", slot, "0.6", ",".join(filter(None, [gap, "needs_target"]))]

    for block in blocks:
        for verb, own in block["verbs"]:
            code = own or (block["code"] if block["code"] != "---" else "")
            expected = SOUND_VERBS.get(verb)
            if code and expected and code.startswith(expected):
                head, _, prep = verb.partition("+")
                add(head, code, prep or "obj")
        for obj, code, verbs in block["patterns"]:
            roots = SOUND_OBJECTS.get(obj.strip())
            if not roots or code[:2] not in roots:
                continue
            for verb in verbs:
                if verb in LIGHT_VERBS:
                    add(f"{verb} {obj.strip()}", code, "على,مع,obj")
    return sorted(rows.values(), key=lambda r: (r[2], r[0]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[2] / "shared")
    args = ap.parse_args()
    table = plover_table(args.shared / "reference" / "plover" / "CAMEO2PLOVER-2021.txt")
    with open(DATA / "cameo_plover.tsv", "w", encoding="utf-8") as f:
        f.write("# CAMEO code -> PLOVER category and mode, from PLOVER's CAMEO2PLOVER-2021.txt (CC BY-SA 4.0),\n")
        f.write("# generated by scripts/build_event_triggers.py (see DATA_CARD.md).\n#cameo\tplover\tmode\n")
        for code in sorted(table):
            f.write("\t".join([code, *table[code]]) + "\n")
    blocks = parse_verb_blocks(args.shared / "data" / "events" / "upetrarch-arabic" / "CAMEO.ar.0.5.txt")
    rows = upetrarch_rows(blocks, table)
    with open(DATA / "upetrarch_triggers.tsv", "w", encoding="utf-8") as f:
        f.write("# Triggers kept from UniversalPetrarch's CAMEO.ar.0.5.txt (MIT) after review; generated by\n")
        f.write("# scripts/build_event_triggers.py. Same columns as triggers.tsv.\n")
        f.write("#phrase\tpos\tplover\tcameo\tmode\tslots\tstrength\tflags\n")
        for row in rows:
            f.write("\t".join(row) + "\n")
    print(f"{len(table)} CAMEO codes, {len(rows)} UniversalPetrarch triggers kept")


if __name__ == "__main__":
    main()
