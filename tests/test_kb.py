"""The knowledge base: names Arabic news uses resolve to identities with codes valid at a date."""

from __future__ import annotations

from datetime import date

import pytest

from rasd.kb import KBEntry, KnowledgeBase, alias_key, load_kb, resolve_institution
from rasd.kb.base import _load_compiled
from rasd.kb.commands import format_lookup, kb_lookup, kb_stats
from rasd.kb.compile import DATA_DIR, DataError, compile_data, demonym_forms, parse_roles
from rasd.text import clitic_splits, normalize, tokenize


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


def names(kb: KnowledgeBase, name: str) -> list[str]:
    return [e.name_en for e in kb.lookup(alias_key(name))]


def first(kb: KnowledgeBase, name: str) -> KBEntry:
    found = kb.lookup(alias_key(name))
    assert found, f"{name} is not in the knowledge base"
    return found[0]


def resolve_word(kb: KnowledgeBase, word: str) -> list[KBEntry]:
    """What a linker does with one token: try its clitic readings, longest stem first."""
    for _prefix, stem in clitic_splits(normalize(word)):
        if found := kb.lookup(stem):
            return found
    return []


# -- countries -------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "iso3"), [
    ("طاجاكستان", "TJK"), ("طاجيكستان", "TJK"),
    ("قرغيزستان", "KGZ"), ("قيرغيزستان", "KGZ"), ("قرغيزيا", "KGZ"),
    ("بيلاروسيا", "BLR"), ("بيلاروس", "BLR"), ("روسيا البيضاء", "BLR"),
    ("أمريكا", "USA"), ("أميركا", "USA"), ("الولايات المتحدة", "USA"), ("الولايات المتحدة الأمريكية", "USA"),
    ("العراق", "IRQ"), ("عراق", "IRQ"), ("السعودية", "SAU"), ("المملكة العربية السعودية", "SAU"),
    ("فلسطين", "PSE"), ("كوسوفو", "XKX"), ("تايوان", "TWN"), ("الصحراء الغربية", "ESH"), ("هونغ كونغ", "HKG"),
    ("أذربيجان", "AZE"), ("مولدوفا", "MDA"), ("الكونغو الديمقراطية", "COD"),
])
def test_country_variants(kb: KnowledgeBase, name: str, iso3: str) -> None:
    e = first(kb, name)
    assert (e.type, e.subtype, e.country) == ("LOC", "country", iso3)


def test_capital_is_not_a_country_variant(kb: KnowledgeBase) -> None:
    washington = first(kb, "واشنطن")
    assert washington.subtype == "capital" and washington.country == "USA"
    assert kb.country("USA").capital == washington.id


def test_every_country_is_complete(kb: KnowledgeBase) -> None:
    countries = [e for e in kb.entries() if e.subtype == "country"]
    assert len(countries) >= 245  # 193 UN members, observers, partly recognized states, territories
    for c in countries:
        assert c.name_ar and c.name_en and c.code and len(c.country) == 3
        if c.capital:
            assert kb.get(c.capital) is not None, c.name_en
    assert kb.country("RUS").wikidata == "Q159" and kb.country("XKX").code == "KSV"


def test_clitics_stripped_by_clitic_splits_reach_the_country(kb: KnowledgeBase) -> None:
    assert [e.country for e in resolve_word(kb, "وبروسيا")][:1] == ["RUS"]
    assert [e.country for e in resolve_word(kb, "للعراق")][:1] == ["IRQ"]
    assert [e.country for e in resolve_word(kb, "وكازاخستان")][:1] == ["KAZ"]


def test_ambiguous_alias_lists_country_before_city(kb: KnowledgeBase) -> None:
    assert names(kb, "عمان")[:2] == ["Oman", "Amman"]
    assert names(kb, "الجزائر")[:2] == ["Algeria", "Algiers"]
    assert names(kb, "تونس")[:2] == ["Tunisia", "Tunis"]


# -- demonyms --------------------------------------------------------------------------------


@pytest.mark.parametrize(("word", "iso3"), [
    ("الروسي", "RUS"), ("الروسية", "RUS"), ("الروس", "RUS"), ("الروسيين", "RUS"), ("روسي", "RUS"),
    ("السعودي", "SAU"), ("السعوديون", "SAU"), ("السعودية", "SAU"),
    ("الكازاخستاني", "KAZ"), ("البيلاروسي", "BLR"), ("الأمريكي", "USA"), ("الأميركي", "USA"),
    ("الأمريكية", "USA"), ("الأتراك", "TUR"), ("الإيرانية", "IRN"), ("الفلسطينيون", "PSE"),
])
def test_demonyms(kb: KnowledgeBase, word: str, iso3: str) -> None:
    assert kb.demonym(normalize(word)) == iso3


def test_words_that_are_not_demonyms(kb: KnowledgeBase) -> None:
    for word in ("الاقتصادي", "المالي", "القمري", "الصحراوي", "الرئيس"):
        assert kb.demonym(normalize(word)) is None, word


def test_demonym_forms_expand_a_nisba_but_keep_a_broken_plural() -> None:
    forms = demonym_forms("روسي")
    assert {"روسيه", "الروسيون", "روسيين", "الروسيات"} <= set(forms)
    assert demonym_forms("أتراك") == ["اتراك", "الاتراك"]


# -- organizations and named things ----------------------------------------------------------


@pytest.mark.parametrize(("name", "name_en", "code"), [
    ("الناتو", "NATO", "IGOWSTNATO"), ("حلف الناتو", "NATO", "IGOWSTNATO"), ("حلف شمال الأطلسي", "NATO", "IGOWSTNATO"),
    ("منظمة معاهدة الأمن الجماعي", "Collective Security Treaty Organization", "IGOCASCSTO"),
    ("معاهدة الأمن الجماعي", "Collective Security Treaty Organization", "IGOCASCSTO"),
    ("منظمة الكومنولث", "Commonwealth of Independent States", "IGOCASCIS"),
    ("رابطة الدول المستقلة", "Commonwealth of Independent States", "IGOCASCIS"),
    ("جامعة الدول العربية", "Arab League", "IGOMEAARL"), ("الجامعة العربية", "Arab League", "IGOMEAARL"),
    ("مجلس التعاون لدول الخليج العربية", "Gulf Cooperation Council", "IGOPGSGCC"),
    ("مجلس التعاون الخليجي", "Gulf Cooperation Council", "IGOPGSGCC"),
    ("الأمم المتحدة", "United Nations", "IGOUNO"), ("الاتحاد الأوروبي", "European Union", "IGOEUREEC"),
    ("داعش", "Islamic State", "IMGMOSISI"), ("تنظيم الدولة", "Islamic State", "IMGMOSISI"),
    ("أنصار الله", "Houthis", "YEMREBHTH"), ("حزب الله", "Hezbollah", "LBNREBHEZ"),
    ("الكرملين", "Kremlin", "RUSGOV"), ("البنتاغون", "Pentagon", "USAMIL"),
    ("واس", "Saudi Press Agency", "SAUMED"), ("فرانس برس", "Agence France-Presse", "FRAMED"),
])
def test_organizations(kb: KnowledgeBase, name: str, name_en: str, code: str) -> None:
    e = first(kb, name)
    assert e.name_en == name_en
    assert kb.actor_code(e, date(2015, 6, 1)) == code


def test_weapon_spellings_share_one_key(kb: KnowledgeBase) -> None:
    assert alias_key("إس - 300") == alias_key("إس-300")
    s300 = first(kb, "إس-300")
    assert (s300.name_en, s300.type, s300.subtype) == ("S-300", "MISC", "weapon")
    assert first(kb, "باتريوت").name_en == "MIM-104 Patriot"


def test_group_codes_follow_its_periods_in_government(kb: KnowledgeBase) -> None:
    taliban = first(kb, "طالبان")
    assert kb.actor_code(taliban, date(2000, 1, 1)) == "AFGGOVTAL"
    assert kb.actor_code(taliban, date(2010, 1, 1)) == "AFGREBTAL"
    assert kb.actor_code(taliban, date(2022, 1, 1)) == "AFGGOVTAL"
    hamas = first(kb, "حماس")
    assert kb.actor_code(hamas, date(2006, 6, 1)) == "PSEGOVHMS"
    assert kb.actor_code(hamas, date(2015, 6, 1)) == "PSEREBHMS"


# -- people ----------------------------------------------------------------------------------


def test_medvedev_president_then_prime_minister(kb: KnowledgeBase) -> None:
    for spelling in ("ديمتري ميدفيديف", "ميدفيديف", "مدفيديف", "ميدفيدف"):
        assert first(kb, spelling).id == "Q23530"
    medvedev = kb.get("Q23530")
    assert medvedev.name_en == "Dmitry Medvedev" and medvedev.country == "RUS"
    assert kb.actor_code(medvedev, date(2010, 12, 10)) == "RUSGOV"
    assert kb.actor_code(medvedev, date(2015, 1, 1)) == "RUSGOV"
    valid = [r.title for r in medvedev.roles if r.valid_on(date(2010, 12, 10))]
    assert valid == ["president"]
    assert [r.title for r in medvedev.roles if r.valid_on(date(2015, 1, 1))] == ["prime_minister"]


def test_putin_roles(kb: KnowledgeBase) -> None:
    putin = first(kb, "بوتين")
    assert putin.id == "Q7747"
    assert [r.title for r in putin.roles if r.valid_on(date(2010, 6, 1))] == ["prime_minister"]
    assert [r.title for r in putin.roles if r.valid_on(date(2015, 6, 1))] == ["president"]
    assert kb.actor_code(putin, date(2015, 6, 1)) == "RUSGOV"


def test_obama_is_government_in_office_and_elite_after(kb: KnowledgeBase) -> None:
    obama = first(kb, "أوباما")
    assert kb.actor_code(obama, date(2009, 6, 1)) == "USAGOV"
    assert kb.actor_code(obama, date(2016, 12, 1)) == "USAGOV"
    assert kb.actor_code(obama, date(2018, 1, 1)) == "USAELI"
    assert kb.actor_code(obama, date(2005, 1, 1)) == "USA"  # before any office: the country


def test_nazarbayev_and_lukashenko_spellings(kb: KnowledgeBase) -> None:
    for spelling in ("نور سلطان نزاربايف", "نزاربايف", "نزارباييف", "نزار باييف"):
        assert first(kb, spelling).name_en == "Nursultan Nazarbayev"
    for spelling in ("الكسندر لوكاشينكو", "لوكاشينكو", "لوكاشنكو"):
        assert first(kb, spelling).name_en == "Alexander Lukashenko"
    naz = first(kb, "نزاربايف")
    assert kb.actor_code(naz, date(2010, 12, 10)) == "KAZGOV"


def test_one_name_two_presidents(kb: KnowledgeBase) -> None:
    bushes = names(kb, "جورج بوش")
    assert {"George W. Bush", "George H. W. Bush"} <= set(bushes)


def test_title_alias_resolves_by_date(kb: KnowledgeBase) -> None:
    """خادم الحرمين الشريفين names the reigning Saudi king; the linker picks by the role valid that day."""
    kings = kb.lookup(alias_key("خادم الحرمين الشريفين"))
    reigning = [e.name_en for e in kings if any(r.title == "king" and r.valid_on(date(2015, 6, 1)) for r in e.roles)]
    assert reigning == ["King Salman"]
    mbs = first(kb, "الأمير محمد بن سلمان")
    assert kb.actor_code(mbs, date(2015, 6, 1)) == "SAUGOV"  # deputy crown prince outranks defence minister
    assert [r.title for r in mbs.roles if r.valid_on(date(2015, 6, 1))][0] == "deputy_crown_prince"


def test_international_official_has_no_country_role(kb: KnowledgeBase) -> None:
    ban = first(kb, "بان كي مون")
    assert kb.actor_code(ban, date(2010, 1, 1)) == "IGOUNO"
    assert [r.country for r in ban.roles if r.code == "IGOUNO"] == [None]


# -- fuzzy -----------------------------------------------------------------------------------


def test_fuzzy_finds_transliteration_variants(kb: KnowledgeBase) -> None:
    hits = kb.fuzzy(alias_key("ميديفيديف"), type="PER")
    assert hits and hits[0][0].id == "Q23530" and hits[0][1] >= 0.9
    assert kb.fuzzy(alias_key("ميدفيدف"))[0][0].id == "Q23530"


def test_fuzzy_rejects_a_different_name(kb: KnowledgeBase) -> None:
    assert all(e.id != "Q23530" for e, _ in kb.fuzzy(alias_key("فيديف")))
    assert all(e.type == "LOC" for e, _ in kb.fuzzy(alias_key("موسكوو"), type="LOC"))
    assert kb.fuzzy("اب") == []


def test_fuzzy_with_the_same_consonants_keeps_spelling_variants_only(kb: KnowledgeBase) -> None:
    assert kb.fuzzy(alias_key("ميدفيدف"), same_consonants=True)[0][0].id == "Q23530"
    tayeb = first(kb, "أحمد الطيب")
    assert any(e.id == tayeb.id for e, _ in kb.fuzzy(alias_key("احمد الخطيب"), type="PER"))  # close letters...
    assert all(e.id != tayeb.id for e, _ in kb.fuzzy(alias_key("احمد الخطيب"), type="PER", same_consonants=True))


def test_weak_alias_names_only_a_span_already_read_as_a_name(kb: KnowledgeBase) -> None:
    assert kb.lookup(alias_key("الوئام")) == []  # the gazetteer never matches "harmony"
    assert [e.name_en for e in kb.lookup_span(alias_key("الوئام"))] == ["Al-Weeam"]
    assert kb.lookup_span(alias_key("صحيفة الوئام"))[0].name_en == "Al-Weeam"


def test_ordinary_words_tell_fragments_from_names(kb: KnowledgeBase) -> None:
    assert kb.is_ordinary(alias_key("تهبط بمطار"))
    assert kb.is_ordinary(alias_key("دولارا"))
    assert kb.is_ordinary(alias_key("الله"))  # alone; عبد الله is one name word
    assert not kb.is_ordinary(alias_key("عبدالله الحارثي"))
    assert not kb.is_ordinary(alias_key("سعد بن ناصر الشهري"))


def test_office_holders_by_country_and_title(kb: KnowledgeBase) -> None:
    holders = {e.name_en for e in kb.office_holders("YEM", "vice_president")}
    assert {"Khaled Bahah", "Abdrabbuh Mansur Hadi"} <= holders
    assert all(r.country == "SAU" for e in kb.office_holders("SAU", "governor") for r in e.roles
               if r.title == "governor")


# -- institutions ----------------------------------------------------------------------------


def test_ministry_by_pattern(kb: KnowledgeBase) -> None:
    mod = resolve_institution(normalize("الدفاع"), "RUS")
    assert mod.name_en == "Ministry of Defence of Russia"
    assert (mod.type, mod.subtype, mod.code, mod.country) == ("ORG", "ministry", "RUSMIL", "RUS")
    assert mod.name_ar == "وزارة الدفاع الروسية"
    again = resolve_institution(normalize("وزارة الدفاع"), "RUS")
    assert again.id == mod.id and kb.get(mod.id) == mod
    assert resolve_institution(normalize("وزارة دفاع"), "RUS").id == mod.id


def test_minister_and_other_fields(kb: KnowledgeBase) -> None:
    fm = resolve_institution(normalize("وزير الخارجية"), "SAU")
    assert (fm.type, fm.subtype, fm.code) == ("PER", "minister", "SAUGOV")
    assert fm.name_en == "Minister of Foreign Affairs of Saudi Arabia" and fm.name_ar == "وزير الخارجية السعودي"
    assert resolve_institution(normalize("الداخلية"), "EGY").code == "EGYCOP"
    assert resolve_institution(normalize("الصحة"), "SAU").code == "SAUGOVHLH"
    army = resolve_institution(normalize("الجيش"), "SYR")
    assert (army.name_en, army.code, army.name_ar) == ("Syrian Army", "SYRMIL", "الجيش السوري")
    assert resolve_institution(normalize("الجيش"), "ABW").name_en == "Army of Aruba"  # no English adjective listed
    assert resolve_institution(normalize("الحكومة"), "YEM").name_en == "Government of Yemen"
    assert resolve_institution(normalize("الدفاع"), None).code == "MIL"
    assert resolve_institution(normalize("الفضاء الخارجي"), "RUS") is None
    assert resolve_institution(normalize("وزير الجيش"), "RUS") is None  # a body has no minister


# -- loading, data, commands -----------------------------------------------------------------


def test_a_second_load_reads_the_compile_cache_instead_of_compiling(tmp_path, monkeypatch) -> None:
    """The speed of loading is measured in bench/bench_kb.py; here, that the cache is what gets read."""
    monkeypatch.setenv("RASD_CACHE_DIR", str(tmp_path))
    _load_compiled(DATA_DIR)  # compiles and writes the cache
    assert list(tmp_path.glob("kb-*.marshal"))

    def no_compiling(data_dir):
        raise AssertionError("compiled again although the cache is there")

    monkeypatch.setattr("rasd.kb.base.compile_data", no_compiling)
    kb = KnowledgeBase(_load_compiled(DATA_DIR))
    assert kb.lookup(alias_key("روسيا"))[0].country == "RUS"


def test_works_without_a_writable_cache(tmp_path, monkeypatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("RASD_CACHE_DIR", str(blocker / "cache"))
    kb = KnowledgeBase(_load_compiled(DATA_DIR))
    assert kb.country("KAZ").name_en == "Kazakhstan"


def test_alias_keys_and_token_bound(kb: KnowledgeBase) -> None:
    assert 5 <= kb.max_alias_tokens <= 8
    longest = max(kb.alias_keys(), key=lambda k: len(k.split(" ")))
    assert len(tokenize(longest)) == kb.max_alias_tokens
    assert alias_key("وزارة  الدفاع") == "وزاره الدفاع"


def test_generated_entries_never_shadow_hand_names(kb: KnowledgeBase) -> None:
    for e in kb.lookup(alias_key("لبنان")):
        assert e.subtype == "country"  # GeoNames has a town of that name; it loses the alias
    assert not any(e.id.startswith("rasd:loc:gn") for e in kb.lookup(alias_key("الرياض")))


def test_role_syntax_errors_name_the_line() -> None:
    with pytest.raises(DataError, match="people.tsv:7"):
        parse_roles("president@2010-01-01", "RUS", "people.tsv:7")
    with pytest.raises(DataError, match="ends before it starts"):
        parse_roles("president@2010-01-01/2009-01-01", "RUS", "x")
    assert parse_roles("defence_minister@2012-11-06/", "RUS", "x")[0][0] == "RUSMIL"


def test_compile_rejects_a_duplicate_id(tmp_path) -> None:
    for f in DATA_DIR.glob("*.tsv"):
        (tmp_path / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    with (tmp_path / "misc.tsv").open("a", encoding="utf-8") as f:
        f.write("S-300\tMISC\tweapon\tRUS\tاس 300 مكرر\t\t\t\t\n")
    with pytest.raises(DataError, match="rasd:misc:s-300"):
        compile_data(tmp_path)


def test_stats_and_commands(kb: KnowledgeBase) -> None:
    stats = kb.stats()
    assert stats["by_subtype"]["LOC/country"] >= 245 and stats["people_with_roles"] >= 500
    assert "RUSGOV" in format_lookup(kb.lookup(alias_key("ميدفيديف")))
    assert "Q159" in kb_lookup("وبروسيا")
    assert "fuzzy" in kb_lookup("ميديفيديف")
    assert "Q7747" in kb_lookup("Vladimir Putin")
    assert "nothing known" in kb_lookup("zzzz qqqq")
    assert "LOC/country" in kb_stats()
