/* demo_names_script.c - given and family names of the demo event's pools in non-Latin scripts,
 * each with the romanization its bearers use in passports and registration forms (Hepburn for
 * Japanese, Revised Romanization for Korean, pinyin for mainland China, Wade-Giles for Taiwan,
 * the Ukrainian national system, and so on). See demo_data.h. */
#include "demo/demo_data.h"

#define N(a, b)                                                                                    \
    {                                                                                              \
        a, b                                                                                       \
    }
#define F(a, b)                                                                                    \
    {                                                                                              \
        a, b, NULL, NULL                                                                           \
    }
#define FG(nm, lm, nf, lf)                                                                         \
    {                                                                                              \
        nm, lm, nf, lf                                                                             \
    }
#define POOL(idv, ord, m, f, fam)                                                                  \
    [idv - POOL_FIRST_SCRIPT] = {#idv,          ord,           false, false,          0, m, f,     \
                                 DEMO_COUNT(m), DEMO_COUNT(f), fam,   DEMO_COUNT(fam)}

static const struct demo_name arabic_m[] = {
    N("محمد", "Mohamed"), N("أحمد", "Ahmed"), N("عمر", "Omar"),    N("خالد", "Khaled"),
    N("يوسف", "Youssef"), N("علي", "Ali"),    N("حسن", "Hassan"),  N("عبد الله", "Abdullah"),
    N("سامي", "Sami"),    N("طارق", "Tarek"), N("فيصل", "Faisal"), N("ماجد", "Majed"),
};
static const struct demo_name arabic_f[] = {
    N("فاطمة", "Fatima"), N("مريم", "Mariam"), N("نور", "Nour"),      N("سارة", "Sara"),
    N("ليلى", "Layla"),   N("ريم", "Reem"),    N("هدى", "Huda"),      N("دينا", "Dina"),
    N("رنا", "Rana"),     N("أمل", "Amal"),    N("ياسمين", "Yasmin"), N("لينا", "Lina"),
};
static const struct demo_family arabic_fam[] = {
    F("الحسيني", "Al-Husseini"), F("المنصوري", "Al-Mansouri"), F("حداد", "Haddad"),
    F("الخطيب", "Al-Khatib"),    F("النجار", "Al-Najjar"),     F("العتيبي", "Al-Otaibi"),
    F("القحطاني", "Al-Qahtani"), F("الشمري", "Al-Shammari"),   F("عبد الرحمن", "Abdelrahman"),
    F("سليمان", "Suleiman"),     F("إبراهيم", "Ibrahim"),      F("المصري", "El-Masry"),
    F("السيد", "El-Sayed"),      F("حمدان", "Hamdan"),         F("الزعبي", "Al-Zoubi"),
    F("خوري", "Khoury"),
};

/* Maghreb names keep their French-style romanization. */
static const struct demo_name maghreb_m[] = {
    N("يوسف", "Youssef"), N("كريم", "Karim"),    N("سعيد", "Said"),  N("هشام", "Hicham"),
    N("رشيد", "Rachid"),  N("ياسين", "Yassine"), N("مهدي", "Mehdi"), N("عبد الله", "Abdellah"),
};
static const struct demo_name maghreb_f[] = {
    N("أمينة", "Amina"), N("نادية", "Nadia"), N("خديجة", "Khadija"), N("مريم", "Meriem"),
    N("سناء", "Sanaa"),  N("سلمى", "Salma"),  N("إيمان", "Imane"),   N("هاجر", "Hajar"),
};
static const struct demo_family maghreb_fam[] = {
    F("الإدريسي", "El Idrissi"),  F("بنجلون", "Benjelloun"), F("العلوي", "El Alaoui"),
    F("التازي", "Tazi"),          F("بوزيد", "Bouzid"),      F("بن عمر", "Ben Amor"),
    F("المنصوري", "El Mansouri"), F("الفاسي", "El Fassi"),   F("الشريف", "Cherif"),
    F("بلقاسم", "Belkacem"),      F("زروقي", "Zerrouki"),    F("حداد", "Haddad"),
};

static const struct demo_name persian_m[] = {
    N("محمد", "Mohammad"), N("علی", "Ali"),   N("رضا", "Reza"),   N("حسین", "Hossein"),
    N("مهدی", "Mehdi"),    N("امیر", "Amir"), N("سعید", "Saeed"), N("بهرام", "Bahram"),
};
static const struct demo_name persian_f[] = {
    N("مریم", "Maryam"),   N("زهرا", "Zahra"),   N("سارا", "Sara"),    N("نیلوفر", "Niloufar"),
    N("فاطمه", "Fatemeh"), N("پریسا", "Parisa"), N("شیرین", "Shirin"), N("نازنین", "Nazanin"),
};
static const struct demo_family persian_fam[] = {
    F("احمدی", "Ahmadi"),  F("حسینی", "Hosseini"), F("رضایی", "Rezaei"),   F("محمدی", "Mohammadi"),
    F("کریمی", "Karimi"),  F("موسوی", "Mousavi"),  F("جعفری", "Jafari"),   F("رحیمی", "Rahimi"),
    F("صادقی", "Sadeghi"), F("نوری", "Nouri"),     F("تهرانی", "Tehrani"), F("قاسمی", "Ghasemi"),
};

static const struct demo_name urdu_m[] = {
    N("محمد", "Muhammad"), N("عمران", "Imran"), N("حسن", "Hassan"),    N("بلال", "Bilal"),
    N("عثمان", "Usman"),   N("فیصل", "Faisal"), N("کامران", "Kamran"), N("ندیم", "Nadeem"),
};
static const struct demo_name urdu_f[] = {
    N("عائشہ", "Ayesha"), N("فاطمہ", "Fatima"),    N("سارہ", "Sarah"), N("زینب", "Zainab"),
    N("ثنا", "Sana"),     N("ماہ نور", "Mahnoor"), N("حنا", "Hina"),   N("صبا", "Saba"),
};
static const struct demo_family urdu_fam[] = {
    F("خان", "Khan"),        F("احمد", "Ahmed"),     F("شیخ", "Sheikh"), F("ملک", "Malik"),
    F("چوہدری", "Chaudhry"), F("قریشی", "Qureshi"),  F("بٹ", "Butt"),    F("مرزا", "Mirza"),
    F("حسین", "Hussain"),    F("صدیقی", "Siddiqui"), F("رضا", "Raza"),   F("اعوان", "Awan"),
};

static const struct demo_name hindi_m[] = {
    N("आदित्य", "Aditya"), N("अमित", "Amit"),  N("राहुल", "Rahul"), N("विकास", "Vikas"),
    N("अर्जुन", "Arjun"),   N("संजय", "Sanjay"), N("रवि", "Ravi"),   N("आनंद", "Anand"),
    N("रोहित", "Rohit"),  N("सुरेश", "Suresh"),
};
static const struct demo_name hindi_f[] = {
    N("प्रिया", "Priya"), N("अनीता", "Anita"),    N("सुनीता", "Sunita"), N("नेहा", "Neha"),
    N("पूजा", "Pooja"),   N("दीपिका", "Deepika"), N("कविता", "Kavita"), N("मीरा", "Meera"),
    N("अंजलि", "Anjali"), N("श्वेता", "Shweta"),
};
static const struct demo_family hindi_fam[] = {
    F("शर्मा", "Sharma"),  F("वर्मा", "Verma"),          F("गुप्ता", "Gupta"),
    F("सिंह", "Singh"),    F("कुमार", "Kumar"),          F("पटेल", "Patel"),
    F("मिश्रा", "Mishra"), F("जोशी", "Joshi"),          F("अग्रवाल", "Agarwal"),
    F("यादव", "Yadav"),   F("श्रीवास्तव", "Srivastava"), F("चौधरी", "Chaudhary"),
    F("मेहता", "Mehta"),   F("त्रिपाठी", "Tripathi"),    F("देसाई", "Desai"),
    F("नायर", "Nair"),
};

static const struct demo_name nepali_m[] = {
    N("राम", "Ram"),     N("सुनिल", "Sunil"), N("प्रकाश", "Prakash"),
    N("कृष्ण", "Krishna"), N("दीपक", "Dipak"), N("सन्तोष", "Santosh"),
};
static const struct demo_name nepali_f[] = {
    N("सीता", "Sita"), N("अनिता", "Anita"),  N("सरिता", "Sarita"),
    N("गीता", "Gita"), N("सबिना", "Sabina"), N("पूजा", "Puja"),
};
static const struct demo_family nepali_fam[] = {
    F("श्रेष्ठ", "Shrestha"),    F("गुरुङ", "Gurung"),  F("तामाङ", "Tamang"), F("थापा", "Thapa"),
    F("अधिकारी", "Adhikari"), F("पौडेल", "Poudel"), F("राई", "Rai"),      F("खड्का", "Khadka"),
    F("भट्टराई", "Bhattarai"), F("कार्की", "Karki"),
};

static const struct demo_name bengali_m[] = {
    N("মোহাম্মদ", "Mohammad"), N("রহিম", "Rahim"),   N("করিম", "Karim"),   N("তানভীর", "Tanvir"),
    N("আরিফ", "Arif"),        N("রাশেদ", "Rashed"), N("মাহমুদ", "Mahmud"), N("সাকিব", "Sakib"),
};
static const struct demo_name bengali_f[] = {
    N("ফাতেমা", "Fatema"),   N("নুসরাত", "Nusrat"),  N("সাদিয়া", "Sadia"), N("শারমিন", "Sharmin"),
    N("তাসলিমা", "Taslima"), N("নাসরিন", "Nasrin"), N("রুমানা", "Rumana"), N("তাহমিনা", "Tahmina"),
};
static const struct demo_family bengali_fam[] = {
    F("হোসেন", "Hossain"), F("রহমান", "Rahman"),    F("ইসলাম", "Islam"),  F("আহমেদ", "Ahmed"),
    F("খান", "Khan"),      F("চৌধুরী", "Chowdhury"), F("সরকার", "Sarkar"), F("হক", "Haque"),
    F("বিশ্বাস", "Biswas"), F("দাস", "Das"),
};

static const struct demo_name tamil_m[] = {
    N("முருகன்", "Murugan"), N("கார்த்திக்", "Karthik"), N("அருண்", "Arun"),   N("சுரேஷ்", "Suresh"),
    N("ராஜா", "Raja"),      N("விஜய்", "Vijay"),      N("கணேஷ்", "Ganesh"), N("செந்தில்", "Senthil"),
};
static const struct demo_name tamil_f[] = {
    N("செல்வி", "Selvi"),   N("பிரியா", "Priya"), N("லக்ஷ்மி", "Lakshmi"), N("மீனா", "Meena"),
    N("கவிதா", "Kavitha"), N("தேவி", "Devi"),    N("அனிதா", "Anitha"),  N("சரண்யா", "Saranya"),
};
static const struct demo_family tamil_fam[] = {
    F("சுப்பிரமணியம்", "Subramaniam"), F("கிருஷ்ணன்", "Krishnan"), F("ராமசாமி", "Ramasamy"),
    F("சிவகுமார்", "Sivakumar"),      F("நடராஜன்", "Natarajan"), F("சண்முகம்", "Shanmugam"),
    F("தங்கராஜா", "Thangarajah"),     F("செல்வராஜ்", "Selvaraj"), F("கணேசன்", "Ganesan"),
    F("இராஜரத்தினம்", "Rajaratnam"),
};

static const struct demo_name thai_m[] = {
    N("สมชาย", "Somchai"), N("สมศักดิ์", "Somsak"),    N("ประเสริฐ", "Prasert"),
    N("วิชัย", "Wichai"),    N("ธนากร", "Thanakorn"), N("อนันต์", "Anan"),
};
static const struct demo_name thai_f[] = {
    N("สุดารัตน์", "Sudarat"), N("มาลี", "Malee"),  N("กัญญา", "Kanya"),
    N("ศิริพร", "Siriporn"),  N("อรุณี", "Arunee"), N("พิมพ์ชนก", "Pimchanok"),
};
static const struct demo_family thai_fam[] = {
    F("ศรีสุข", "Srisuk"),       F("วงศ์สวัสดิ์", "Wongsawat"), F("แสงทอง", "Saengthong"),
    F("บุญมา", "Boonma"),       F("ทองดี", "Thongdee"),     F("รัตนพันธ์", "Rattanaphan"),
    F("เจริญสุข", "Charoensuk"), F("อินทร์แก้ว", "Inkaew"),    F("สุขประเสริฐ", "Sukprasert"),
    F("ศรีวงศ์", "Sriwong"),
};

static const struct demo_name chinese_m[] = {
    N("伟", "Wei"),       N("强", "Qiang"),      N("磊", "Lei"),      N("军", "Jun"),
    N("勇", "Yong"),      N("杰", "Jie"),        N("涛", "Tao"),      N("明", "Ming"),
    N("建华", "Jianhua"), N("晓明", "Xiaoming"), N("浩然", "Haoran"), N("志强", "Zhiqiang"),
    N("宇航", "Yuhang"),  N("俊杰", "Junjie"),
};
static const struct demo_name chinese_f[] = {
    N("芳", "Fang"),     N("娜", "Na"),       N("敏", "Min"),       N("静", "Jing"),
    N("丽", "Li"),       N("艳", "Yan"),      N("秀英", "Xiuying"), N("欣怡", "Xinyi"),
    N("雨桐", "Yutong"), N("子涵", "Zihan"),  N("晓燕", "Xiaoyan"), N("婷婷", "Tingting"),
    N("佳怡", "Jiayi"),  N("梦琪", "Mengqi"),
};
static const struct demo_family chinese_fam[] = {
    F("王", "Wang"), F("李", "Li"),    F("张", "Zhang"), F("刘", "Liu"), F("陈", "Chen"),
    F("杨", "Yang"), F("黄", "Huang"), F("赵", "Zhao"),  F("吴", "Wu"),  F("周", "Zhou"),
    F("徐", "Xu"),   F("孙", "Sun"),   F("马", "Ma"),    F("朱", "Zhu"), F("胡", "Hu"),
    F("郭", "Guo"),  F("何", "He"),    F("林", "Lin"),   F("高", "Gao"), F("罗", "Luo"),
};

static const struct demo_name taiwanese_m[] = {
    N("志明", "Chih-Ming"),  N("家豪", "Chia-Hao"),  N("俊傑", "Chun-Chieh"),
    N("建宏", "Chien-Hung"), N("宗翰", "Tsung-Han"), N("冠宇", "Kuan-Yu"),
};
static const struct demo_name taiwanese_f[] = {
    N("淑芬", "Shu-Fen"),  N("雅婷", "Ya-Ting"),   N("怡君", "Yi-Chun"),
    N("美玲", "Mei-Ling"), N("佳穎", "Chia-Ying"), N("欣妤", "Hsin-Yu"),
};
static const struct demo_family taiwanese_fam[] = {
    F("陳", "Chen"), F("林", "Lin"),   F("黃", "Huang"), F("張", "Chang"), F("李", "Lee"),
    F("王", "Wang"), F("吳", "Wu"),    F("劉", "Liu"),   F("蔡", "Tsai"),  F("楊", "Yang"),
    F("許", "Hsu"),  F("鄭", "Cheng"), F("謝", "Hsieh"), F("郭", "Kuo"),
};

/* Singaporean Chinese surnames keep their Hokkien and Teochew spellings. */
static const struct demo_name singaporean_m[] = {
    N("伟明", "Wei Ming"), N("志强", "Chee Keong"), N("俊杰", "Jun Jie"),
    N("国华", "Kok Hua"),  N("家伟", "Jia Wei"),    N("俊辉", "Jun Hui"),
};
static const struct demo_name singaporean_f[] = {
    N("慧敏", "Hui Min"), N("美玲", "Mei Ling"), N("嘉欣", "Jia Xin"),
    N("淑仪", "Shu Yi"),  N("佩珊", "Pei Shan"), N("诗琪", "Shi Qi"),
};
static const struct demo_family singaporean_fam[] = {
    F("陈", "Tan"), F("林", "Lim"), F("李", "Lee"), F("黄", "Ng"),
    F("王", "Ong"), F("吴", "Goh"), F("张", "Teo"), F("杨", "Yeo"),
};

static const struct demo_name japanese_m[] = {
    N("健", "Ken"),     N("翔太", "Shota"), N("大輔", "Daisuke"), N("拓也", "Takuya"),
    N("直樹", "Naoki"), N("浩", "Hiroshi"), N("誠", "Makoto"),    N("健太", "Kenta"),
    N("翼", "Tsubasa"), N("悠真", "Yuma"),
};
static const struct demo_name japanese_f[] = {
    N("陽子", "Yoko"), N("恵子", "Keiko"),    N("美咲", "Misaki"), N("裕子", "Yuko"),
    N("愛", "Ai"),     N("真由美", "Mayumi"), N("明美", "Akemi"),  N("由紀", "Yuki"),
    N("彩", "Aya"),    N("さくら", "Sakura"),
};
static const struct demo_family japanese_fam[] = {
    F("佐藤", "Sato"),      F("鈴木", "Suzuki"),    F("高橋", "Takahashi"), F("田中", "Tanaka"),
    F("伊藤", "Ito"),       F("渡辺", "Watanabe"),  F("山本", "Yamamoto"),  F("中村", "Nakamura"),
    F("小林", "Kobayashi"), F("加藤", "Kato"),      F("吉田", "Yoshida"),   F("山田", "Yamada"),
    F("佐々木", "Sasaki"),  F("松本", "Matsumoto"), F("井上", "Inoue"),     F("木村", "Kimura"),
};

static const struct demo_name korean_m[] = {
    N("민준", "Min-jun"),   N("지훈", "Ji-hoon"),  N("현우", "Hyun-woo"), N("영호", "Young-ho"),
    N("동현", "Dong-hyun"), N("성민", "Sung-min"), N("준호", "Jun-ho"),   N("상철", "Sang-chul"),
};
static const struct demo_name korean_f[] = {
    N("서연", "Seo-yeon"), N("지민", "Ji-min"), N("수진", "Su-jin"),   N("은지", "Eun-ji"),
    N("하은", "Ha-eun"),   N("유진", "Yu-jin"), N("미영", "Mi-young"), N("혜진", "Hye-jin"),
};
static const struct demo_family korean_fam[] = {
    F("김", "Kim"),  F("이", "Lee"), F("박", "Park"), F("최", "Choi"), F("정", "Jung"),
    F("강", "Kang"), F("조", "Cho"), F("윤", "Yoon"), F("장", "Jang"), F("임", "Lim"),
    F("한", "Han"),  F("오", "Oh"),  F("서", "Seo"),  F("신", "Shin"), F("권", "Kwon"),
};

static const struct demo_name russian_m[] = {
    N("Александр", "Aleksandr"), N("Дмитрий", "Dmitry"),  N("Сергей", "Sergey"),
    N("Андрей", "Andrey"),       N("Алексей", "Aleksey"), N("Михаил", "Mikhail"),
    N("Иван", "Ivan"),           N("Николай", "Nikolay"), N("Павел", "Pavel"),
    N("Максим", "Maksim"),
};
static const struct demo_name russian_f[] = {
    N("Анна", "Anna"),           N("Елена", "Elena"), N("Ольга", "Olga"),
    N("Наталья", "Natalya"),     N("Мария", "Maria"), N("Татьяна", "Tatyana"),
    N("Екатерина", "Ekaterina"), N("Ирина", "Irina"), N("Юлия", "Yulia"),
    N("Светлана", "Svetlana"),
};
static const struct demo_family russian_fam[] = {
    FG("Иванов", "Ivanov", "Иванова", "Ivanova"),
    FG("Смирнов", "Smirnov", "Смирнова", "Smirnova"),
    FG("Кузнецов", "Kuznetsov", "Кузнецова", "Kuznetsova"),
    FG("Попов", "Popov", "Попова", "Popova"),
    FG("Соколов", "Sokolov", "Соколова", "Sokolova"),
    FG("Лебедев", "Lebedev", "Лебедева", "Lebedeva"),
    FG("Козлов", "Kozlov", "Козлова", "Kozlova"),
    FG("Новиков", "Novikov", "Новикова", "Novikova"),
    FG("Морозов", "Morozov", "Морозова", "Morozova"),
    FG("Волков", "Volkov", "Волкова", "Volkova"),
    FG("Соловьёв", "Solovyov", "Соловьёва", "Solovyova"),
    FG("Васильев", "Vasilyev", "Васильева", "Vasilyeva"),
    FG("Зайцев", "Zaytsev", "Зайцева", "Zaytseva"),
    FG("Павлов", "Pavlov", "Павлова", "Pavlova"),
    FG("Орлов", "Orlov", "Орлова", "Orlova"),
    FG("Белов", "Belov", "Белова", "Belova"),
};

static const struct demo_name ukrainian_m[] = {
    N("Олександр", "Oleksandr"), N("Андрій", "Andrii"), N("Дмитро", "Dmytro"),
    N("Сергій", "Serhii"),       N("Юрій", "Yurii"),    N("Богдан", "Bohdan"),
    N("Тарас", "Taras"),         N("Василь", "Vasyl"),
};
static const struct demo_name ukrainian_f[] = {
    N("Олена", "Olena"),   N("Ірина", "Iryna"),       N("Наталія", "Nataliia"),
    N("Оксана", "Oksana"), N("Тетяна", "Tetiana"),    N("Юлія", "Yuliia"),
    N("Галина", "Halyna"), N("Катерина", "Kateryna"),
};
static const struct demo_family ukrainian_fam[] = {
    F("Шевченко", "Shevchenko"), F("Коваленко", "Kovalenko"), F("Бондаренко", "Bondarenko"),
    F("Ткаченко", "Tkachenko"),  F("Мельник", "Melnyk"),      F("Кравченко", "Kravchenko"),
    F("Бойко", "Boiko"),         F("Коваль", "Koval"),        F("Олійник", "Oliinyk"),
    F("Лисенко", "Lysenko"),     F("Марченко", "Marchenko"),  F("Савчук", "Savchuk"),
};

static const struct demo_name kazakh_m[] = {
    N("Нұрлан", "Nurlan"),      N("Ержан", "Yerzhan"), N("Дәурен", "Dauren"),
    N("Бауыржан", "Bauyrzhan"), N("Ерлан", "Yerlan"),  N("Арман", "Arman"),
};
static const struct demo_name kazakh_f[] = {
    N("Айгүл", "Aigul"),   N("Әсел", "Assel"),   N("Гүлнара", "Gulnara"),
    N("Динара", "Dinara"), N("Жанна", "Zhanna"), N("Айгерім", "Aigerim"),
};
static const struct demo_family kazakh_fam[] = {
    FG("Ахметов", "Akhmetov", "Ахметова", "Akhmetova"),
    FG("Сүлейменов", "Suleimenov", "Сүлейменова", "Suleimenova"),
    FG("Жұмабаев", "Zhumabayev", "Жұмабаева", "Zhumabayeva"),
    FG("Оспанов", "Ospanov", "Оспанова", "Ospanova"),
    FG("Серікбаев", "Serikbayev", "Серікбаева", "Serikbayeva"),
    FG("Қасымов", "Kassymov", "Қасымова", "Kassymova"),
    FG("Ермеков", "Yermekov", "Ермекова", "Yermekova"),
};

static const struct demo_name bulgarian_m[] = {
    N("Георги", "Georgi"),   N("Иван", "Ivan"),   N("Димитър", "Dimitar"),
    N("Николай", "Nikolay"), N("Петър", "Petar"), N("Стоян", "Stoyan"),
};
static const struct demo_name bulgarian_f[] = {
    N("Мария", "Maria"),       N("Елена", "Elena"),          N("Десислава", "Desislava"),
    N("Йорданка", "Yordanka"), N("Цветелина", "Tsvetelina"), N("Радост", "Radost"),
};
static const struct demo_family bulgarian_fam[] = {
    FG("Петров", "Petrov", "Петрова", "Petrova"),
    FG("Георгиев", "Georgiev", "Георгиева", "Georgieva"),
    FG("Димитров", "Dimitrov", "Димитрова", "Dimitrova"),
    FG("Николов", "Nikolov", "Николова", "Nikolova"),
    FG("Стоянов", "Stoyanov", "Стоянова", "Stoyanova"),
    FG("Тодоров", "Todorov", "Тодорова", "Todorova"),
    FG("Христов", "Hristov", "Христова", "Hristova"),
};

/* Serbian Cyrillic romanizes to Serbian Latin (Gaj's alphabet), one letter for one. */
static const struct demo_name serbian_m[] = {
    N("Никола", "Nikola"), N("Марко", "Marko"), N("Стефан", "Stefan"),  N("Милош", "Miloš"),
    N("Ђорђе", "Đorđe"),   N("Душан", "Dušan"), N("Немања", "Nemanja"),
};
static const struct demo_name serbian_f[] = {
    N("Ана", "Ana"),     N("Јелена", "Jelena"),   N("Милица", "Milica"), N("Драгана", "Dragana"),
    N("Ивана", "Ivana"), N("Снежана", "Snežana"), N("Тамара", "Tamara"),
};
static const struct demo_family serbian_fam[] = {
    F("Јовановић", "Jovanović"), F("Петровић", "Petrović"),   F("Николић", "Nikolić"),
    F("Марковић", "Marković"),   F("Ђорђевић", "Đorđević"),   F("Стојановић", "Stojanović"),
    F("Илић", "Ilić"),           F("Станковић", "Stanković"), F("Павловић", "Pavlović"),
    F("Поповић", "Popović"),     F("Живковић", "Živković"),
};

static const struct demo_name macedonian_m[] = {
    N("Александар", "Aleksandar"), N("Горан", "Goran"), N("Дејан", "Dejan"),
    N("Бојан", "Bojan"),           N("Игор", "Igor"),
};
static const struct demo_name macedonian_f[] = {
    N("Марија", "Marija"),   N("Елена", "Elena"),       N("Ивана", "Ivana"),
    N("Билјана", "Biljana"), N("Катерина", "Katerina"),
};
static const struct demo_family macedonian_fam[] = {
    FG("Николовски", "Nikolovski", "Николовска", "Nikolovska"),
    FG("Стојановски", "Stojanovski", "Стојановска", "Stojanovska"),
    FG("Трајковски", "Trajkovski", "Трајковска", "Trajkovska"),
    FG("Петровски", "Petrovski", "Петровска", "Petrovska"),
    FG("Јовановски", "Jovanovski", "Јовановска", "Jovanovska"),
};

static const struct demo_name greek_m[] = {
    N("Γιώργος", "Giorgos"),           N("Δημήτρης", "Dimitris"), N("Νίκος", "Nikos"),
    N("Κωνσταντίνος", "Konstantinos"), N("Γιάννης", "Giannis"),   N("Χρήστος", "Christos"),
    N("Παναγιώτης", "Panagiotis"),
};
static const struct demo_name greek_f[] = {
    N("Μαρία", "Maria"),       N("Ελένη", "Eleni"), N("Αικατερίνη", "Aikaterini"),
    N("Βασιλική", "Vasiliki"), N("Σοφία", "Sofia"), N("Άννα", "Anna"),
    N("Δήμητρα", "Dimitra"),
};
static const struct demo_family greek_fam[] = {
    FG("Παπαδόπουλος", "Papadopoulos", "Παπαδοπούλου", "Papadopoulou"),
    FG("Παπαδάκης", "Papadakis", "Παπαδάκη", "Papadaki"),
    F("Γεωργίου", "Georgiou"),
    F("Οικονόμου", "Oikonomou"),
    F("Νικολάου", "Nikolaou"),
    F("Αντωνίου", "Antoniou"),
    FG("Καραγιάννης", "Karagiannis", "Καραγιάννη", "Karagianni"),
    F("Ιωάννου", "Ioannou"),
    FG("Μακρής", "Makris", "Μακρή", "Makri"),
    FG("Κωνσταντινίδης", "Konstantinidis", "Κωνσταντινίδου", "Konstantinidou"),
};

static const struct demo_name hebrew_m[] = {
    N("דוד", "David"),    N("יוסף", "Yosef"), N("משה", "Moshe"), N("אורי", "Uri"),
    N("דניאל", "Daniel"), N("איתי", "Itai"),  N("אבי", "Avi"),
};
static const struct demo_name hebrew_f[] = {
    N("נועה", "Noa"),   N("מיכל", "Michal"), N("תמר", "Tamar"), N("יעל", "Yael"),
    N("שירה", "Shira"), N("רונית", "Ronit"), N("הדס", "Hadas"),
};
static const struct demo_family hebrew_fam[] = {
    F("כהן", "Cohen"),        F("לוי", "Levi"),         F("מזרחי", "Mizrahi"),
    F("פרץ", "Peretz"),       F("ביטון", "Biton"),      F("אברהם", "Avraham"),
    F("פרידמן", "Friedman"),  F("שפירא", "Shapira"),    F("אזולאי", "Azoulay"),
    F("גולדברג", "Goldberg"), F("בן דוד", "Ben David"),
};

/* Ethiopians carry their father's given name after their own. */
static const struct demo_name amharic_m[] = {
    N("አበበ", "Abebe"),     N("ተስፋዬ", "Tesfaye"), N("ሙሉጌታ", "Mulugeta"), N("ብርሃኑ", "Birhanu"),
    N("ዮሐንስ", "Yohannes"), N("ዳዊት", "Dawit"),    N("ኤርሚያስ", "Ermias"),  N("ሰለሞን", "Solomon"),
};
static const struct demo_name amharic_f[] = {
    N("ሰላም", "Selam"), N("መሰረት", "Meseret"), N("ፀሐይ", "Tsehay"),       N("ትዕግስት", "Tigist"),
    N("ማርታ", "Marta"), N("ሄለን", "Helen"),    N("ብሩክታዊት", "Bruktawit"), N("ሕይወት", "Hiwot"),
};
static const struct demo_family amharic_fam[] = {
    F("ከበደ", "Kebede"), F("አለሙ", "Alemu"),  F("ታደሰ", "Tadesse"), F("በቀለ", "Bekele"),
    F("ግርማ", "Girma"),  F("ኃይሌ", "Haile"),  F("ደስታ", "Desta"),   F("ጌታቸው", "Getachew"),
    F("ወርቁ", "Worku"),  F("አሰፋ", "Assefa"),
};

static const struct demo_name georgian_m[] = {
    N("გიორგი", "Giorgi"), N("დავით", "Davit"),   N("ნიკოლოზ", "Nikoloz"),
    N("ლევან", "Levan"),   N("ირაკლი", "Irakli"), N("ლაშა", "Lasha"),
};
static const struct demo_name georgian_f[] = {
    N("ნინო", "Nino"), N("მარიამ", "Mariam"), N("თამარ", "Tamar"),
    N("ანა", "Ana"),   N("სალომე", "Salome"), N("ნათია", "Natia"),
};
static const struct demo_family georgian_fam[] = {
    F("ბერიძე", "Beridze"),       F("კაპანაძე", "Kapanadze"), F("გელაშვილი", "Gelashvili"),
    F("მაისურაძე", "Maisuradze"), F("გიორგაძე", "Giorgadze"), F("ლომიძე", "Lomidze"),
    F("წიკლაური", "Tsiklauri"),   F("ჯაფარიძე", "Japaridze"), F("ხუციშვილი", "Khutsishvili"),
    F("ნოზაძე", "Nozadze"),
};

static const struct demo_name armenian_m[] = {
    N("Արամ", "Aram"),    N("Դավիթ", "Davit"), N("Տիգրան", "Tigran"),
    N("Գևորգ", "Gevorg"), N("Հայկ", "Hayk"),   N("Արմեն", "Armen"),
};
static const struct demo_name armenian_f[] = {
    N("Անի", "Ani"),        N("Մարիամ", "Mariam"), N("Նարինե", "Narine"),
    N("Լուսինե", "Lusine"), N("Աննա", "Anna"),     N("Գայանե", "Gayane"),
};
static const struct demo_family armenian_fam[] = {
    F("Հովհաննիսյան", "Hovhannisyan"), F("Հարությունյան", "Harutyunyan"),
    F("Սարգսյան", "Sargsyan"),         F("Խաչատրյան", "Khachatryan"),
    F("Գրիգորյան", "Grigoryan"),       F("Պետրոսյան", "Petrosyan"),
    F("Ավետիսյան", "Avetisyan"),       F("Կարապետյան", "Karapetyan"),
    F("Մկրտչյան", "Mkrtchyan"),        F("Վարդանյան", "Vardanyan"),
};

const struct demo_pool demo_script_pools[POOL_COUNT - POOL_FIRST_SCRIPT] = {
    POOL(POOL_ARABIC, DEMO_GIVEN_FIRST, arabic_m, arabic_f, arabic_fam),
    POOL(POOL_MAGHREB, DEMO_GIVEN_FIRST, maghreb_m, maghreb_f, maghreb_fam),
    POOL(POOL_PERSIAN, DEMO_GIVEN_FIRST, persian_m, persian_f, persian_fam),
    POOL(POOL_URDU, DEMO_GIVEN_FIRST, urdu_m, urdu_f, urdu_fam),
    POOL(POOL_HINDI, DEMO_GIVEN_FIRST, hindi_m, hindi_f, hindi_fam),
    POOL(POOL_NEPALI, DEMO_GIVEN_FIRST, nepali_m, nepali_f, nepali_fam),
    POOL(POOL_BENGALI, DEMO_GIVEN_FIRST, bengali_m, bengali_f, bengali_fam),
    POOL(POOL_TAMIL, DEMO_GIVEN_FIRST, tamil_m, tamil_f, tamil_fam),
    POOL(POOL_THAI, DEMO_GIVEN_FIRST, thai_m, thai_f, thai_fam),
    POOL(POOL_CHINESE, DEMO_CJK, chinese_m, chinese_f, chinese_fam),
    POOL(POOL_TAIWANESE, DEMO_CJK_WESTERN, taiwanese_m, taiwanese_f, taiwanese_fam),
    POOL(POOL_SINGAPOREAN, DEMO_CJK, singaporean_m, singaporean_f, singaporean_fam),
    POOL(POOL_JAPANESE, DEMO_CJK_WESTERN, japanese_m, japanese_f, japanese_fam),
    POOL(POOL_KOREAN, DEMO_CJK, korean_m, korean_f, korean_fam),
    POOL(POOL_RUSSIAN, DEMO_GIVEN_FIRST, russian_m, russian_f, russian_fam),
    POOL(POOL_UKRAINIAN, DEMO_GIVEN_FIRST, ukrainian_m, ukrainian_f, ukrainian_fam),
    POOL(POOL_KAZAKH, DEMO_GIVEN_FIRST, kazakh_m, kazakh_f, kazakh_fam),
    POOL(POOL_BULGARIAN, DEMO_GIVEN_FIRST, bulgarian_m, bulgarian_f, bulgarian_fam),
    POOL(POOL_SERBIAN, DEMO_GIVEN_FIRST, serbian_m, serbian_f, serbian_fam),
    POOL(POOL_MACEDONIAN, DEMO_GIVEN_FIRST, macedonian_m, macedonian_f, macedonian_fam),
    POOL(POOL_GREEK, DEMO_GIVEN_FIRST, greek_m, greek_f, greek_fam),
    POOL(POOL_HEBREW, DEMO_GIVEN_FIRST, hebrew_m, hebrew_f, hebrew_fam),
    POOL(POOL_AMHARIC, DEMO_GIVEN_FIRST, amharic_m, amharic_f, amharic_fam),
    POOL(POOL_GEORGIAN, DEMO_GIVEN_FIRST, georgian_m, georgian_f, georgian_fam),
    POOL(POOL_ARMENIAN, DEMO_GIVEN_FIRST, armenian_m, armenian_f, armenian_fam),
};
