"""Context cues for names nobody listed: titles before a name, roles after it.

`الرئيس X`, `وزير الخارجية X`, `الشيخ X`, `نظيره الكازاخستاني X` put a person
name after them; `قالت X المتحدثة باسم ...` puts one between a speech verb and
a role. These cues find persons the statistical model misses and give the
role that the linker reports for unknown people.
"""

from __future__ import annotations

from rasd.document import Document, Mention, Token
from rasd.text import normalize, strip_article

# Titles (normalized, article stripped) and the role they give.
TITLES: dict[str, str] = {
    normalize(k): v
    for k, v in {
        "رئيس": "president", "رئيسة": "president", "ملك": "king", "أمير": "prince", "شيخ": "sheikh",
        "سيد": "mr", "سيدة": "ms", "دكتور": "doctor", "د": "doctor", "وزير": "minister", "وزيرة": "minister",
        "نظير": "counterpart", "نظيره": "counterpart", "نظيرها": "counterpart", "نظيرتها": "counterpart",
        "مستشار": "adviser", "مستشارة": "chancellor", "جنرال": "general", "لواء": "general", "عميد": "brigadier",
        "عقيد": "colonel", "فريق": "general", "مشير": "field_marshal", "نائب": "deputy", "سفير": "ambassador",
        "سفيرة": "ambassador", "مبعوث": "envoy", "متحدث": "spokesperson", "متحدثة": "spokesperson",
        "زعيم": "leader", "قائد": "commander", "محافظ": "governor", "بابا": "pope", "مفتي": "mufti",
        "أمين": "secretary", "مهندس": "engineer", "معالي": "excellency", "سمو": "highness",
    }.items()
}
# Words that follow a title without being part of the name.
_TITLE_COMPLEMENTS = {normalize(w) for w in (
    "الوزراء", "الحكومة", "الخارجية", "الدفاع", "الداخلية", "المالية", "العام", "الأعلى", "الرسمي", "الرسمية",
    "باسم", "السابق", "الأسبق", "المنتخب", "الحالي", "الأول", "الثاني", "الجمهورية", "مجلس", "الدولة", "الأركان",
    "العامة", "الشورى", "النواب", "ولي", "العهد", "خادم", "الحرمين", "الشريفين", "الملكي", "الأمن", "القومي",
)}
# Function words and frequent verbs that end a name.
STOP = {normalize(w) for w in (
    "في", "من", "إلى", "الى", "على", "عن", "مع", "أن", "إن", "ان", "أنه", "إنه", "التي", "الذي", "الذين", "اللذين",
    "هذا", "هذه", "ذلك", "تلك", "كان", "كانت", "قد", "لقد", "لم", "لن", "لا", "ما", "و", "أو", "ثم", "بعد", "قبل",
    "خلال", "حول", "بين", "عند", "أمس", "اليوم", "غدا", "قال", "قالت", "أكد", "أكدت", "أعلن", "أعلنت", "أشار",
    "أشارت", "وقال", "وقالت", "يوم", "عبر", "لدى", "منذ", "حتى", "كل", "بعض", "أيضا", "هو", "هي", "هم", "نحو",
    "وزارة", "حكومة", "الى", "ضد", "دون", "غير", "أمام", "وراء", "فوق", "تحت", "ليس", "إذ", "إذا", "لكن", "بل",
    "عقد", "عقدا", "التقى", "بحث", "استقبل", "زار", "وصل", "أجرى", "دعا", "طالب", "رحب", "أدان", "يرى", "يقول",
    "الذى", "عليه", "فيه", "منه", "به", "له", "لها", "وذلك", "حيث", "بينما", "الرئيس", "الأمير", "الملك",
)}
_SPEECH = {normalize(w) for w in (
    "قال", "قالت", "وقال", "وقالت", "أكد", "أكدت", "وأكد", "وأكدت", "أوضح", "أوضحت", "وأوضح", "وأوضحت",
    "أعلن", "أعلنت", "وأعلن", "وأعلنت", "صرح", "صرحت", "وصرح", "وصرحت", "أشار", "أشارت", "وأشار", "وأشارت",
    "ذكر", "ذكرت", "وذكر", "وذكرت", "أضاف", "أضافت", "وأضاف", "وأضافت", "رأى", "يرى", "اعتبر", "واعتبر",
)}
_ROLE_AFTER = {"متحدث", "متحدثه", "وزير", "وزيره", "رئيس", "رئيسه", "مدير", "مديره", "سفير", "سفيره",
               "امين", "مستشار", "مستشاره", "نائب", "قائد", "مبعوث", "ممثل", "ممثله", "مسؤول", "مسؤوله",
               "عضو", "زعيم", "محافظ", "امير", "مساعد", "مساعده", "رئيسا", "منسق"}
MAX_NAME_TOKENS = 4


_SPEECH_CUE = "speech"


class _Cues(dict):
    """Normalized word → the role its title gives (`الرئيس`), _SPEECH_CUE for a speech verb, "" for neither."""

    def __missing__(self, norm: str) -> str:
        role = TITLES.get(strip_article(norm))
        cue = role if role and norm.startswith(("ال", "وال", "نظير")) else _SPEECH_CUE if norm in _SPEECH else ""
        if len(self) < 100_000:
            self[norm] = cue
        return cue


_CUES = _Cues()


def _is_name_word(tok: Token) -> bool:
    return tok.norm.isalpha() and len(tok.norm) >= 2 and tok.norm not in STOP and not tok.norm.startswith("ال")


def find_cued_names(doc: Document, taken: list[tuple[int, int]]) -> list[Mention]:
    """Person mentions signalled by a title before or a role after the name."""
    out: list[Mention] = []
    occupied = set()
    for s, e in taken:
        occupied.update(range(s, e))
    for sent in doc.sentences:
        toks = doc.tokens[sent.token_start : sent.token_end]
        for i in [i for i, tok in enumerate(toks) if _CUES[tok.norm]]:
            role = _CUES[toks[i].norm]
            if role != _SPEECH_CUE:
                j = i + 1
                while j < len(toks) and (toks[j].norm in _TITLE_COMPLEMENTS or _is_demonym_like(toks[j])):
                    j += 1
                mention = _name_from(doc, toks, j, occupied, role)
            else:
                mention = _name_before_role(doc, toks, i + 1, occupied)
            if mention:
                out.append(mention)
                occupied.update(range(mention.start, mention.end))
    return out


def _is_demonym_like(tok: Token) -> bool:
    """الروسي, الكازاخستاني: an adjective in -ي/-ية after a title."""
    return tok.norm.startswith("ال") and tok.norm.endswith(("ي", "يه")) and tok.norm not in STOP


def _name_from(doc: Document, toks: list[Token], j: int, occupied: set[int], role: str) -> Mention | None:
    k = j
    while k < len(toks) and k - j < MAX_NAME_TOKENS and _is_name_word(toks[k]) and toks[k].start not in occupied:
        k += 1
    if k - j < 2:  # a lone word after a title is too often a common noun
        return None
    start, end = toks[j].start, toks[k - 1].end
    return Mention(start, end, doc.text[start:end], "PER", source="cue", role=role)


def _name_before_role(doc: Document, toks: list[Token], j: int, occupied: set[int]) -> Mention | None:
    k = j
    while k < len(toks) and k - j < MAX_NAME_TOKENS and _is_name_word(toks[k]) and toks[k].start not in occupied:
        k += 1
    if k - j < 2 or k >= len(toks):
        return None
    head = strip_article(toks[k].norm)
    if head not in _ROLE_AFTER:
        return None
    start, end = toks[j].start, toks[k - 1].end
    return Mention(start, end, doc.text[start:end], "PER", source="cue", role=TITLES.get(head, "official"))
