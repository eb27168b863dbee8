/* demo_names_latin.c - given and family names of the demo event's Latin-script name pools,
 * with the diacritics their languages write. Common names only; combinations are the
 * generator's. See demo_data.h. */
#include "demo/demo_data.h"

#define N(a)                                                                                       \
    {                                                                                              \
        a, a                                                                                       \
    }
#define F(a)                                                                                       \
    {                                                                                              \
        a, a, NULL, NULL                                                                           \
    }
#define FG(m, f)                                                                                   \
    {                                                                                              \
        m, m, f, f                                                                                 \
    }
#define POOL(idv, ord, two, single, m, f, fam)                                                     \
    [idv] = {#idv, ord, true, two, single, m, f, DEMO_COUNT(m), DEMO_COUNT(f), fam, DEMO_COUNT(fam)}

static const struct demo_name english_m[] = {
    N("James"),  N("John"),   N("Michael"), N("David"),   N("Thomas"),      N("Daniel"),
    N("Andrew"), N("Robert"), N("Mark"),    N("Peter"),   N("Christopher"), N("Matthew"),
    N("Liam"),   N("Ethan"),  N("Samuel"),  N("Patrick"),
};
static const struct demo_name english_f[] = {
    N("Sarah"),     N("Emily"),     N("Jennifer"), N("Elizabeth"), N("Rachel"), N("Laura"),
    N("Catherine"), N("Olivia"),    N("Emma"),     N("Hannah"),    N("Megan"),  N("Siobhan"),
    N("Grace"),     N("Charlotte"), N("Jessica"),  N("Aoife"),
};
static const struct demo_family english_fam[] = {
    F("Smith"),    F("Johnson"),   F("Williams"), F("Brown"),    F("Jones"),    F("Miller"),
    F("Davis"),    F("Wilson"),    F("Taylor"),   F("Anderson"), F("Thompson"), F("White"),
    F("Harris"),   F("Clark"),     F("Walker"),   F("O'Brien"),  F("Murphy"),   F("Kelly"),
    F("Campbell"), F("MacDonald"), F("Robinson"), F("Wright"),   F("Nguyen"),   F("Patel"),
};

static const struct demo_name spanish_m[] = {
    N("José"),    N("Alejandro"), N("Javier"),   N("Andrés"),     N("Sebastián"), N("Nicolás"),
    N("Martín"),  N("Diego"),     N("Carlos"),   N("Juan Pablo"), N("Luis"),      N("Joaquín"),
    N("Ignacio"), N("Rodrigo"),   N("Fernando"), N("Matías"),
};
static const struct demo_name spanish_f[] = {
    N("María José"), N("Lucía"),  N("Sofía"),    N("Valentina"), N("Camila"),  N("Ximena"),
    N("Begoña"),     N("Carmen"), N("Isabel"),   N("Paula"),     N("Daniela"), N("Mariana"),
    N("Gabriela"),   N("Inés"),   N("Verónica"), N("Ángela"),
};
static const struct demo_family spanish_fam[] = {
    F("García"), F("Rodríguez"), F("Martínez"), F("Hernández"), F("López"),   F("González"),
    F("Pérez"),  F("Sánchez"),   F("Ramírez"),  F("Torres"),    F("Flores"),  F("Díaz"),
    F("Muñoz"),  F("Jiménez"),   F("Álvarez"),  F("Castillo"),  F("Peña"),    F("Ibáñez"),
    F("Vargas"), F("Romero"),    F("Herrera"),  F("Medina"),    F("Aguilar"), F("Quispe"),
};

static const struct demo_name portuguese_m[] = {
    N("João"),    N("José"),    N("Pedro"), N("Lucas"),  N("Tiago"),   N("Rafael"),
    N("Gonçalo"), N("António"), N("Luís"),  N("Sérgio"), N("Marcelo"), N("Vinícius"),
};
static const struct demo_name portuguese_f[] = {
    N("Maria"), N("Ana"),       N("Beatriz"), N("Mariana"), N("Inês"),    N("Fernanda"),
    N("Luísa"), N("Conceição"), N("Joana"),   N("Letícia"), N("Cláudia"), N("Débora"),
};
static const struct demo_family portuguese_fam[] = {
    F("Silva"),     F("Santos"),  F("Ferreira"), F("Pereira"),   F("Oliveira"),  F("Costa"),
    F("Rodrigues"), F("Martins"), F("Sousa"),    F("Gonçalves"), F("Araújo"),    F("Gomes"),
    F("Lopes"),     F("Ribeiro"), F("Carvalho"), F("Magalhães"), F("Fernandes"), F("Brandão"),
};

static const struct demo_name french_m[] = {
    N("Jean"),   N("Pierre"),  N("Étienne"), N("François"), N("Benoît"),  N("Mathieu"),
    N("Julien"), N("Nicolas"), N("Jérôme"),  N("Antoine"),  N("Olivier"), N("Noël"),
};
static const struct demo_name french_f[] = {
    N("Hélène"), N("Chloé"),  N("Élodie"),  N("Léa"),    N("Amélie"), N("Anaïs"),
    N("Céline"), N("Sophie"), N("Camille"), N("Marion"), N("Inès"),   N("Clémence"),
};
static const struct demo_family french_fam[] = {
    F("Martin"), F("Bernard"),  F("Dubois"),    F("Lefèvre"),  F("Moreau"),  F("Laurent"),
    F("Girard"), F("Roux"),     F("Fournier"),  F("Lambert"),  F("Mercier"), F("Bonnet"),
    F("Faure"),  F("Rousseau"), F("Chevalier"), F("Gauthier"), F("Perrin"),  F("Béranger"),
};

static const struct demo_name german_m[] = {
    N("Jürgen"), N("Jörg"),   N("Lukas"), N("Maximilian"), N("Felix"), N("Tobias"),
    N("Stefan"), N("Günter"), N("Uwe"),   N("Matthias"),   N("Jonas"), N("Florian"),
};
static const struct demo_name german_f[] = {
    N("Anja"),   N("Sabine"), N("Lena"),      N("Hannah"), N("Sophie"), N("Bärbel"),
    N("Katrin"), N("Ulrike"), N("Franziska"), N("Jana"),   N("Miriam"), N("Theresa"),
};
static const struct demo_family german_fam[] = {
    F("Müller"), F("Schmidt"), F("Schneider"), F("Fischer"),  F("Weber"),   F("Meyer"),
    F("Wagner"), F("Becker"),  F("Schulz"),    F("Hoffmann"), F("Schäfer"), F("Koch"),
    F("Bauer"),  F("Richter"), F("Wolf"),      F("Krüger"),   F("Weiß"),    F("Zimmermann"),
};

static const struct demo_name dutch_m[] = {
    N("Jan"), N("Pieter"), N("Daan"), N("Joost"), N("Bram"), N("Maarten"), N("Ruud"), N("Sander"),
};
static const struct demo_name dutch_f[] = {
    N("Sanne"), N("Femke"), N("Lotte"), N("Eva"), N("Anouk"), N("Marloes"), N("Ilse"), N("Noor"),
};
static const struct demo_family dutch_fam[] = {
    F("de Jong"), F("Jansen"), F("de Vries"), F("van den Berg"), F("van Dijk"), F("Bakker"),
    F("Visser"),  F("Smit"),   F("Meijer"),   F("de Boer"),      F("Mulder"),   F("Peeters"),
};

static const struct demo_name italian_m[] = {
    N("Giuseppe"), N("Marco"),  N("Luca"),   N("Alessandro"), N("Francesco"),
    N("Niccolò"),  N("Matteo"), N("Andrea"), N("Davide"),     N("Lorenzo"),
};
static const struct demo_name italian_f[] = {
    N("Giulia"),  N("Chiara"),  N("Francesca"), N("Federica"),  N("Elena"),
    N("Martina"), N("Alessia"), N("Silvia"),    N("Valentina"), N("Beatrice"),
};
static const struct demo_family italian_fam[] = {
    F("Rossi"),   F("Russo"), F("Ferrari"), F("Esposito"), F("Bianchi"), F("Romano"),
    F("Colombo"), F("Ricci"), F("Marino"),  F("Greco"),    F("De Luca"), F("Mancini"),
};

static const struct demo_name scandinavian_m[] = {
    N("Lars"),  N("Erik"),  N("Anders"), N("Magnus"), N("Ola"),
    N("Bjørn"), N("Ørjan"), N("Henrik"), N("Mikkel"), N("Søren"),
};
static const struct demo_name scandinavian_f[] = {
    N("Ingrid"), N("Astrid"), N("Sigrid"), N("Kari"),  N("Solveig"),
    N("Åsa"),    N("Maja"),   N("Linnéa"), N("Mette"), N("Ida"),
};
static const struct demo_family scandinavian_fam[] = {
    F("Hansen"),    F("Johansen"),  F("Olsen"), F("Larsen"), F("Andersson"), F("Johansson"),
    F("Nilsson"),   F("Lindqvist"), F("Berg"),  F("Haugen"), F("Dahl"),      F("Sørensen"),
    F("Jørgensen"), F("Nielsen"),   F("Åberg"), F("Strøm"),
};

static const struct demo_name finnish_m[] = {
    N("Mikko"), N("Juha"), N("Antti"), N("Jukka"), N("Tuomas"), N("Ville"),
};
static const struct demo_name finnish_f[] = {
    N("Päivi"), N("Sanna"), N("Aino"), N("Satu"), N("Eeva"), N("Riikka"),
};
static const struct demo_family finnish_fam[] = {
    F("Korhonen"),   F("Virtanen"), F("Mäkinen"),   F("Nieminen"), F("Mäkelä"),
    F("Hämäläinen"), F("Laine"),    F("Heikkinen"), F("Koskinen"), F("Järvinen"),
};

static const struct demo_name icelandic_m[] = {
    N("Jón"), N("Sigurður"), N("Gunnar"), N("Ólafur"), N("Þórður"), N("Einar"),
};
static const struct demo_name icelandic_f[] = {
    N("Guðrún"), N("Anna"), N("Sigríður"), N("Kristín"), N("Ásdís"), N("Helga"),
};
static const struct demo_family icelandic_fam[] = {
    FG("Jónsson", "Jónsdóttir"),         FG("Sigurðsson", "Sigurðardóttir"),
    FG("Guðmundsson", "Guðmundsdóttir"), FG("Einarsson", "Einarsdóttir"),
    FG("Ólafsson", "Ólafsdóttir"),       FG("Magnússon", "Magnúsdóttir"),
};

static const struct demo_name polish_m[] = {
    N("Krzysztof"), N("Łukasz"),   N("Paweł"), N("Michał"),
    N("Tomasz"),    N("Wojciech"), N("Piotr"), N("Jakub"),
};
static const struct demo_name polish_f[] = {
    N("Agnieszka"), N("Małgorzata"), N("Katarzyna"), N("Magdalena"),
    N("Joanna"),    N("Żaneta"),     N("Anna"),      N("Zofia"),
};
static const struct demo_family polish_fam[] = {
    FG("Kowalski", "Kowalska"),
    FG("Wiśniewski", "Wiśniewska"),
    F("Wójcik"),
    FG("Kamiński", "Kamińska"),
    FG("Lewandowski", "Lewandowska"),
    FG("Zieliński", "Zielińska"),
    FG("Szymański", "Szymańska"),
    F("Woźniak"),
    FG("Dąbrowski", "Dąbrowska"),
    FG("Kozłowski", "Kozłowska"),
    F("Nowak"),
    F("Mazur"),
};

static const struct demo_name czech_m[] = {
    N("Jiří"), N("Petr"), N("Tomáš"), N("Jan"), N("Martin"), N("Lukáš"), N("Ondřej"), N("Marek"),
};
static const struct demo_name czech_f[] = {
    N("Jana"),     N("Eva"),    N("Hana"),   N("Lenka"),
    N("Kateřina"), N("Zuzana"), N("Tereza"), N("Veronika"),
};
static const struct demo_family czech_fam[] = {
    FG("Novák", "Nováková"),   FG("Svoboda", "Svobodová"), FG("Novotný", "Novotná"),
    FG("Dvořák", "Dvořáková"), FG("Černý", "Černá"),       FG("Procházka", "Procházková"),
    FG("Kučera", "Kučerová"),  FG("Veselý", "Veselá"),     FG("Horák", "Horáková"),
    FG("Němec", "Němcová"),
};

static const struct demo_name hungarian_m[] = {
    N("László"), N("István"), N("Zoltán"), N("Gábor"), N("Péter"), N("Balázs"),
};
static const struct demo_name hungarian_f[] = {
    N("Ágnes"), N("Erzsébet"), N("Katalin"), N("Zsófia"), N("Krisztina"), N("Eszter"),
};
static const struct demo_family hungarian_fam[] = {
    F("Nagy"),  F("Kovács"), F("Tóth"),   F("Szabó"),  F("Horváth"),
    F("Varga"), F("Kiss"),   F("Molnár"), F("Németh"), F("Farkas"),
};

static const struct demo_name romanian_m[] = {
    N("Andrei"),    N("Mihai"),  N("Ștefan"), N("Ion"),
    N("Alexandru"), N("Răzvan"), N("Vlad"),   N("Dumitru"),
};
static const struct demo_name romanian_f[] = {
    N("Ioana"),    N("Elena"),  N("Andreea"), N("Mădălina"),
    N("Cătălina"), N("Raluca"), N("Irina"),   N("Oana"),
};
static const struct demo_family romanian_fam[] = {
    F("Popescu"),  F("Ionescu"),  F("Popa"),       F("Dumitru"),   F("Stan"),    F("Stoica"),
    F("Gheorghe"), F("Munteanu"), F("Constantin"), F("Rădulescu"), F("Țurcanu"), F("Lungu"),
};

static const struct demo_name south_slavic_m[] = {
    N("Ivan"),   N("Marko"),    N("Luka"), N("Josip"), N("Matej"),
    N("Željko"), N("Tomislav"), N("Emir"), N("Damir"), N("Nikola"),
};
static const struct demo_name south_slavic_f[] = {
    N("Ana"),     N("Ivana"),   N("Petra"), N("Maja"),  N("Nataša"),
    N("Mirjana"), N("Jasmina"), N("Amra"),  N("Lejla"), N("Tanja"),
};
static const struct demo_family south_slavic_fam[] = {
    F("Horvat"),   F("Kovačević"), F("Babić"), F("Marić"), F("Jurić"), F("Novak"),   F("Krajnc"),
    F("Zupančič"), F("Hodžić"),    F("Begić"), F("Delić"), F("Perić"), F("Vuković"), F("Knežević"),
};

static const struct demo_name albanian_m[] = {
    N("Arben"), N("Besnik"), N("Dritan"), N("Ermal"), N("Genti"), N("Ilir"),
};
static const struct demo_name albanian_f[] = {
    N("Elona"), N("Anila"), N("Blerina"), N("Jonida"), N("Mirela"), N("Drita"),
};
static const struct demo_family albanian_fam[] = {
    F("Shehu"), F("Gashi"), F("Krasniqi"), F("Dervishi"), F("Leka"),
    F("Kola"),  F("Çela"),  F("Muça"),     F("Bregu"),    F("Hasani"),
};

static const struct demo_name lithuanian_m[] = {
    N("Jonas"), N("Tomas"), N("Mantas"), N("Lukas"), N("Darius"), N("Žygimantas"),
};
static const struct demo_name lithuanian_f[] = {
    N("Rūta"), N("Eglė"), N("Giedrė"), N("Aistė"), N("Jurgita"), N("Dalia"),
};
static const struct demo_family lithuanian_fam[] = {
    FG("Kazlauskas", "Kazlauskienė"),     FG("Jankauskas", "Jankauskienė"),
    FG("Petrauskas", "Petrauskienė"),     FG("Stankevičius", "Stankevičienė"),
    FG("Vasiliauskas", "Vasiliauskienė"), FG("Žukauskas", "Žukauskienė"),
};

static const struct demo_name latvian_m[] = {
    N("Jānis"), N("Andris"), N("Mārtiņš"), N("Edgars"), N("Kārlis"), N("Roberts"),
};
static const struct demo_name latvian_f[] = {
    N("Kristīne"), N("Līga"), N("Ilze"), N("Inese"), N("Anete"), N("Laura"),
};
static const struct demo_family latvian_fam[] = {
    FG("Bērziņš", "Bērziņa"), FG("Kalniņš", "Kalniņa"), FG("Ozoliņš", "Ozoliņa"),
    FG("Liepiņš", "Liepiņa"), FG("Krūmiņš", "Krūmiņa"), FG("Ozols", "Ozola"),
};

static const struct demo_name estonian_m[] = {
    N("Mart"), N("Tiit"), N("Kristjan"), N("Jaan"), N("Rasmus"), N("Priit"),
};
static const struct demo_name estonian_f[] = {
    N("Kadri"), N("Liis"), N("Triin"), N("Maarja"), N("Kärt"), N("Piret"),
};
static const struct demo_family estonian_fam[] = {
    F("Tamm"), F("Saar"), F("Sepp"), F("Mägi"), F("Kask"), F("Kukk"), F("Rebane"), F("Ilves"),
};

static const struct demo_name turkish_m[] = {
    N("Mehmet"), N("Mustafa"), N("Ahmet"),  N("Ali"),     N("Hüseyin"),
    N("Emre"),   N("Burak"),   N("Çağlar"), N("İbrahim"), N("Oğuz"),
};
static const struct demo_name turkish_f[] = {
    N("Ayşe"),   N("Fatma"), N("Zeynep"), N("Elif"),  N("Şule"),
    N("Gülşen"), N("Özlem"), N("Merve"),  N("Büşra"), N("İrem"),
};
static const struct demo_family turkish_fam[] = {
    F("Yılmaz"),   F("Kaya"),   F("Demir"), F("Şahin"),   F("Çelik"),  F("Yıldız"),
    F("Yıldırım"), F("Öztürk"), F("Aydın"), F("Özdemir"), F("Arslan"), F("Doğan"),
    F("Kılıç"),    F("Aslan"),  F("Çetin"), F("Koç"),
};

static const struct demo_name azerbaijani_m[] = {
    N("Elvin"), N("Rəşad"), N("Tural"), N("Orxan"), N("Kamran"), N("Elçin"),
};
static const struct demo_name azerbaijani_f[] = {
    N("Leyla"), N("Aysel"), N("Nigar"), N("Günel"), N("Səbinə"), N("Aygün"),
};
static const struct demo_family azerbaijani_fam[] = {
    FG("Məmmədov", "Məmmədova"), FG("Əliyev", "Əliyeva"),   FG("Həsənov", "Həsənova"),
    FG("Hüseynov", "Hüseynova"), FG("Quliyev", "Quliyeva"), FG("İsmayılov", "İsmayılova"),
};

static const struct demo_name uzbek_m[] = {
    N("Aziz"), N("Sardor"), N("Jasur"), N("Shahzod"), N("Otabek"), N("Bekzod"),
};
static const struct demo_name uzbek_f[] = {
    N("Dilnoza"), N("Gulnora"), N("Nodira"), N("Malika"), N("Madina"), N("Shahnoza"),
};
static const struct demo_family uzbek_fam[] = {
    FG("Karimov", "Karimova"), FG("Rahimov", "Rahimova"),       FG("Tursunov", "Tursunova"),
    FG("Yusupov", "Yusupova"), FG("Abdullayev", "Abdullayeva"), FG("Ergashev", "Ergasheva"),
    FG("Nazarov", "Nazarova"),
};

/* Vietnamese given names are written with their middle name ("Văn", "Thị", "Thu"...). */
static const struct demo_name vietnamese_m[] = {
    N("Văn Minh"),  N("Đức Anh"),  N("Minh Tuấn"),  N("Quang Huy"),
    N("Hoàng Nam"), N("Văn Hùng"), N("Thành Long"), N("Quốc Bảo"),
};
static const struct demo_name vietnamese_f[] = {
    N("Thị Lan"),    N("Thu Hà"),   N("Thị Hương"), N("Ngọc Ánh"),
    N("Thanh Hằng"), N("Bảo Châu"), N("Thùy Linh"), N("Phương Thảo"),
};
static const struct demo_family vietnamese_fam[] = {
    F("Nguyễn"), F("Trần"), F("Lê"), F("Phạm"), F("Hoàng"), F("Huỳnh"),
    F("Phan"),   F("Vũ"),   F("Võ"), F("Đặng"), F("Bùi"),   F("Đỗ"),
};

static const struct demo_name indonesian_m[] = {
    N("Budi"), N("Agus"), N("Andi"), N("Hendra"), N("Wahyu"), N("Eko"), N("Rizky"), N("Fajar"),
};
static const struct demo_name indonesian_f[] = {
    N("Dewi"), N("Siti"), N("Rina"), N("Putri"), N("Sri"), N("Indah"), N("Ayu"), N("Nurul"),
};
static const struct demo_family indonesian_fam[] = {
    F("Santoso"), F("Wijaya"),  F("Setiawan"),  F("Susanto"), F("Lestari"), F("Rahayu"),
    F("Hidayat"), F("Saputra"), F("Kurniawan"), F("Pratama"), F("Nugroho"), F("Halim"),
};

/* Malay names are a given name and the father's name after "bin" (son of) or "binti". */
static const struct demo_name malay_m[] = {
    N("Ahmad Faiz"), N("Muhammad Hafiz"), N("Mohd Azlan"),
    N("Amirul"),     N("Syafiq"),         N("Khairul Anwar"),
};
static const struct demo_name malay_f[] = {
    N("Nur Aisyah"), N("Siti Aminah"), N("Farah Nadia"),
    N("Aina Sofia"), N("Izzati"),      N("Nurul Huda"),
};
static const struct demo_family malay_fam[] = {
    FG("bin Abdullah", "binti Abdullah"), FG("bin Ahmad", "binti Ahmad"),
    FG("bin Hassan", "binti Hassan"),     FG("bin Ismail", "binti Ismail"),
    FG("bin Osman", "binti Osman"),       FG("bin Rahman", "binti Rahman"),
};

static const struct demo_name filipino_m[] = {
    N("Juan Carlos"), N("Jose Miguel"), N("Mark Anthony"), N("John Paul"), N("Rodel"), N("Arnel"),
};
static const struct demo_name filipino_f[] = {
    N("Maria Cristina"), N("Kristine"), N("Rowena"), N("Angelica"), N("Lourdes"), N("Jasmine"),
};
static const struct demo_family filipino_fam[] = {
    F("Santos"),    F("Reyes"),      F("Cruz"),  F("Bautista"), F("Ocampo"),   F("Mendoza"),
    F("Dela Cruz"), F("Villanueva"), F("Ramos"), F("Castillo"), F("Magbanua"), F("Soriano"),
};

static const struct demo_name east_african_m[] = {
    N("James"),   N("Brian"), N("Joseph"),   N("Kevin"),    N("Dennis"), N("Collins"),  N("Amani"),
    N("Baraka"),  N("Juma"),  N("Emmanuel"), N("Samuel"),   N("Peter"),  N("Kipchoge"), N("Otieno"),
    N("Mugisha"), N("Daudi"), N("Felix"),    N("Geoffrey"), N("Moses"),  N("Hassan"),
};
static const struct demo_name east_african_f[] = {
    N("Wanjiru"), N("Achieng"), N("Njeri"),   N("Grace"),  N("Faith"),     N("Mercy"),  N("Esther"),
    N("Neema"),   N("Akinyi"),  N("Wambui"),  N("Nafula"), N("Mwanaisha"), N("Rehema"), N("Zawadi"),
    N("Irene"),   N("Lilian"),  N("Cynthia"), N("Winnie"), N("Joyce"),     N("Halima"),
};
static const struct demo_family east_african_fam[] = {
    F("Kamau"),      F("Otieno"),  F("Mwangi"),  F("Ochieng"),  F("Njoroge"),  F("Kiprop"),
    F("Chebet"),     F("Mutua"),   F("Wanjiku"), F("Okello"),   F("Mugisha"),  F("Wafula"),
    F("Kariuki"),    F("Omondi"),  F("Kiptoo"),  F("Odhiambo"), F("Muthoni"),  F("Nyambura"),
    F("Karanja"),    F("Mbugua"),  F("Ruto"),    F("Onyango"),  F("Mwakyusa"), F("Nakato"),
    F("Hakizimana"), F("Uwimana"), F("Kimani"),  F("Macharia"),
};

static const struct demo_name southern_african_m[] = {
    N("Thabo"),  N("Sipho"),   N("Bongani"), N("Mandla"), N("Johan"),
    N("Tendai"), N("Tatenda"), N("Mwansa"),  N("Kagiso"), N("Tinashe"),
};
static const struct demo_name southern_african_f[] = {
    N("Lerato"), N("Nomvula"), N("Palesa"),   N("Zanele"), N("Ayanda"),
    N("Chipo"),  N("Annelie"), N("Thandiwe"), N("Naledi"), N("Ruvimbo"),
};
static const struct demo_family southern_african_fam[] = {
    F("Nkosi"),         F("Dlamini"),  F("Ndlovu"),  F("Mokoena"),   F("Khumalo"), F("Botha"),
    F("van der Merwe"), F("Naidoo"),   F("Moyo"),    F("Dube"),      F("Phiri"),   F("Banda"),
    F("Mwale"),         F("Mahlangu"), F("Sithole"), F("Chikwanha"),
};

static const struct demo_name nigerian_m[] = {
    N("Chukwuemeka"), N("Oluwaseun"), N("Adebayo"), N("Ifeanyi"), N("Babatunde"),
    N("Emeka"),       N("Ibrahim"),   N("Tunde"),   N("Chinedu"), N("Musa"),
};
static const struct demo_name nigerian_f[] = {
    N("Ngozi"),  N("Chiamaka"), N("Funmilayo"), N("Aisha"),    N("Yetunde"),
    N("Folake"), N("Amina"),    N("Adaeze"),    N("Temitope"), N("Zainab"),
};
static const struct demo_family nigerian_fam[] = {
    F("Okafor"),   F("Adeyemi"), F("Okonkwo"),  F("Eze"),     F("Balogun"), F("Nwosu"),
    F("Ogunleye"), F("Bello"),   F("Abubakar"), F("Adewale"), F("Obi"),     F("Danjuma"),
};

static const struct demo_name ghanaian_m[] = {
    N("Kwame"), N("Kofi"), N("Yaw"), N("Kwabena"), N("Kojo"), N("Nii"),
};
static const struct demo_name ghanaian_f[] = {
    N("Ama"), N("Akosua"), N("Abena"), N("Efua"), N("Adwoa"), N("Esi"),
};
static const struct demo_family ghanaian_fam[] = {
    F("Mensah"), F("Asante"), F("Boateng"), F("Owusu"),
    F("Osei"),   F("Appiah"), F("Agyeman"), F("Quaye"),
};

static const struct demo_name west_african_fr_m[] = {
    N("Mamadou"), N("Ousmane"), N("Abdoulaye"),  N("Moussa"),   N("Ibrahima"),
    N("Cheikh"),  N("Seydou"),  N("Souleymane"), N("Boubacar"), N("Amadou"),
};
static const struct demo_name west_african_fr_f[] = {
    N("Aminata"), N("Fatou"), N("Aïssatou"), N("Mariama"), N("Khady"),
    N("Awa"),     N("Rokia"), N("Kadiatou"), N("Oumou"),   N("Ndèye"),
};
static const struct demo_family west_african_fr_fam[] = {
    F("Diop"),  F("Ndiaye"),    F("Diallo"),    F("Fall"),     F("Sow"),       F("Traoré"),
    F("Koné"),  F("Coulibaly"), F("Camara"),    F("Ba"),       F("Cissé"),     F("Touré"),
    F("Keïta"), F("Sylla"),     F("Ouédraogo"), F("Sawadogo"), F("Mahamadou"), F("Kouassi"),
};

static const struct demo_name central_african_fr_m[] = {
    N("Jean-Baptiste"), N("Patrice"), N("Hervé"),  N("Blaise"),
    N("Serge"),         N("Aimé"),    N("Didier"), N("Fabrice"),
};
static const struct demo_name central_african_fr_f[] = {
    N("Thérèse"),    N("Clarisse"), N("Odile"),   N("Grâce"),
    N("Christelle"), N("Béatrice"), N("Solange"), N("Nadège"),
};
static const struct demo_family central_african_fr_fam[] = {
    F("Mbuyi"),     F("Kabongo"), F("Ilunga"),    F("Mukendi"),      F("Kasongo"),
    F("Tshibanda"), F("Mbarga"),  F("Essomba"),   F("Fotso"),        F("Nguema"),
    F("Ondo"),      F("Mabiala"), F("Niyonzima"), F("Ndayishimiye"),
};

static const struct demo_name somali_m[] = {
    N("Abdi"), N("Mohamed"), N("Ahmed"), N("Abdirahman"), N("Yusuf"), N("Hassan"),
};
static const struct demo_name somali_f[] = {
    N("Hodan"), N("Farhiya"), N("Asha"), N("Ifrah"), N("Sahra"), N("Hawa"),
};
static const struct demo_family somali_fam[] = {
    F("Warsame"), F("Hassan"), F("Farah"), F("Abdullahi"),
    F("Jama"),    F("Omar"),   F("Egal"),  F("Nur"),
};

static const struct demo_name malagasy_m[] = {
    N("Hery"), N("Tahina"), N("Rivo"), N("Andry"), N("Fanja"), N("Toky"),
};
static const struct demo_name malagasy_f[] = {
    N("Fara"), N("Voahangy"), N("Miora"), N("Haingo"), N("Lalao"), N("Noro"),
};
static const struct demo_family malagasy_fam[] = {
    F("Rakotomalala"), F("Randriamanana"), F("Rasoanaivo"),   F("Razafindrakoto"),
    F("Andriamihaja"), F("Rakotoarisoa"),  F("Ratsimbazafy"), F("Rabemananjara"),
};

static const struct demo_name pacific_m[] = {
    N("Josefa"), N("Tevita"), N("Sione"), N("Viliami"), N("Epeli"), N("Iosefa"),
};
static const struct demo_name pacific_f[] = {
    N("Sereana"), N("Mere"), N("Losana"), N("Salote"), N("Litia"), N("Ana"),
};
static const struct demo_family pacific_fam[] = {
    F("Naivalu"), F("Waqa"),  F("Raduva"), F("Tuilagi"),
    F("Fonoti"),  F("Taufa"), F("Fifita"), F("Koroi"),
};

static const struct demo_name sinhalese_m[] = {
    N("Nimal"), N("Kamal"), N("Sunil"), N("Ruwan"), N("Tharindu"), N("Chaminda"),
};
static const struct demo_name sinhalese_f[] = {
    N("Chamari"), N("Dilani"), N("Kumari"), N("Nadeesha"), N("Sanduni"), N("Ishara"),
};
static const struct demo_family sinhalese_fam[] = {
    F("Perera"),     F("Fernando"), F("de Silva"),    F("Wickramasinghe"),
    F("Jayasuriya"), F("Bandara"),  F("Dissanayake"), F("Gunawardena"),
};

const struct demo_pool demo_latin_pools[POOL_FIRST_SCRIPT] = {
    POOL(POOL_ENGLISH, DEMO_GIVEN_FIRST, false, 0, english_m, english_f, english_fam),
    POOL(POOL_SPANISH, DEMO_GIVEN_FIRST, true, 0, spanish_m, spanish_f, spanish_fam),
    POOL(POOL_PORTUGUESE, DEMO_GIVEN_FIRST, true, 0, portuguese_m, portuguese_f, portuguese_fam),
    POOL(POOL_FRENCH, DEMO_GIVEN_FIRST, false, 0, french_m, french_f, french_fam),
    POOL(POOL_GERMAN, DEMO_GIVEN_FIRST, false, 0, german_m, german_f, german_fam),
    POOL(POOL_DUTCH, DEMO_GIVEN_FIRST, false, 0, dutch_m, dutch_f, dutch_fam),
    POOL(POOL_ITALIAN, DEMO_GIVEN_FIRST, false, 0, italian_m, italian_f, italian_fam),
    POOL(POOL_SCANDINAVIAN, DEMO_GIVEN_FIRST, false, 0, scandinavian_m, scandinavian_f,
         scandinavian_fam),
    POOL(POOL_FINNISH, DEMO_GIVEN_FIRST, false, 0, finnish_m, finnish_f, finnish_fam),
    POOL(POOL_ICELANDIC, DEMO_GIVEN_FIRST, false, 0, icelandic_m, icelandic_f, icelandic_fam),
    POOL(POOL_POLISH, DEMO_GIVEN_FIRST, false, 0, polish_m, polish_f, polish_fam),
    POOL(POOL_CZECH, DEMO_GIVEN_FIRST, false, 0, czech_m, czech_f, czech_fam),
    POOL(POOL_HUNGARIAN, DEMO_FAMILY_FIRST, false, 0, hungarian_m, hungarian_f, hungarian_fam),
    POOL(POOL_ROMANIAN, DEMO_GIVEN_FIRST, false, 0, romanian_m, romanian_f, romanian_fam),
    POOL(POOL_SOUTH_SLAVIC, DEMO_GIVEN_FIRST, false, 0, south_slavic_m, south_slavic_f,
         south_slavic_fam),
    POOL(POOL_ALBANIAN, DEMO_GIVEN_FIRST, false, 0, albanian_m, albanian_f, albanian_fam),
    POOL(POOL_LITHUANIAN, DEMO_GIVEN_FIRST, false, 0, lithuanian_m, lithuanian_f, lithuanian_fam),
    POOL(POOL_LATVIAN, DEMO_GIVEN_FIRST, false, 0, latvian_m, latvian_f, latvian_fam),
    POOL(POOL_ESTONIAN, DEMO_GIVEN_FIRST, false, 0, estonian_m, estonian_f, estonian_fam),
    POOL(POOL_TURKISH, DEMO_GIVEN_FIRST, false, 0, turkish_m, turkish_f, turkish_fam),
    POOL(POOL_AZERBAIJANI, DEMO_GIVEN_FIRST, false, 0, azerbaijani_m, azerbaijani_f,
         azerbaijani_fam),
    POOL(POOL_UZBEK, DEMO_GIVEN_FIRST, false, 0, uzbek_m, uzbek_f, uzbek_fam),
    POOL(POOL_VIETNAMESE, DEMO_FAMILY_FIRST, false, 0, vietnamese_m, vietnamese_f, vietnamese_fam),
    POOL(POOL_INDONESIAN, DEMO_GIVEN_FIRST, false, 10, indonesian_m, indonesian_f, indonesian_fam),
    POOL(POOL_MALAY, DEMO_GIVEN_FIRST, false, 0, malay_m, malay_f, malay_fam),
    POOL(POOL_FILIPINO, DEMO_GIVEN_FIRST, false, 0, filipino_m, filipino_f, filipino_fam),
    POOL(POOL_EAST_AFRICAN, DEMO_GIVEN_FIRST, false, 0, east_african_m, east_african_f,
         east_african_fam),
    POOL(POOL_SOUTHERN_AFRICAN, DEMO_GIVEN_FIRST, false, 0, southern_african_m, southern_african_f,
         southern_african_fam),
    POOL(POOL_NIGERIAN, DEMO_GIVEN_FIRST, false, 0, nigerian_m, nigerian_f, nigerian_fam),
    POOL(POOL_GHANAIAN, DEMO_GIVEN_FIRST, false, 0, ghanaian_m, ghanaian_f, ghanaian_fam),
    POOL(POOL_WEST_AFRICAN_FR, DEMO_GIVEN_FIRST, false, 0, west_african_fr_m, west_african_fr_f,
         west_african_fr_fam),
    POOL(POOL_CENTRAL_AFRICAN_FR, DEMO_GIVEN_FIRST, false, 0, central_african_fr_m,
         central_african_fr_f, central_african_fr_fam),
    POOL(POOL_SOMALI, DEMO_GIVEN_FIRST, false, 0, somali_m, somali_f, somali_fam),
    POOL(POOL_MALAGASY, DEMO_GIVEN_FIRST, false, 0, malagasy_m, malagasy_f, malagasy_fam),
    POOL(POOL_PACIFIC, DEMO_GIVEN_FIRST, false, 0, pacific_m, pacific_f, pacific_fam),
    POOL(POOL_SINHALESE, DEMO_GIVEN_FIRST, false, 0, sinhalese_m, sinhalese_f, sinhalese_fam),
};
