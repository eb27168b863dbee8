/* demo_countries.c - who comes to the demo forum: the countries with their share of the
 * registrations, a city and calling code for affiliations and phone numbers, a preferred
 * language and the name pools of their people; and the affiliations of each stakeholder group.
 * The host country (Kenya) comes first. See demo_data.h. */
#include "demo/demo_data.h"

#include <string.h>

#define U(p, w)                                                                                    \
    {                                                                                              \
        p, w, false                                                                                \
    }
#define R(p, w)                                                                                    \
    {                                                                                              \
        p, w, true                                                                                 \
    }

/* Weights are relative; a weight of 1 is about two registrations in the default 2,500. */
const struct demo_country demo_countries[] = {
    /* Host country */
    {"KE", 220, "Nairobi", "+254", "sw", 10, {U(POOL_EAST_AFRICAN, 1)}},
    /* African Group */
    {"NG", 30, "Abuja", "+234", "en", 0, {U(POOL_NIGERIAN, 1)}},
    {"GH", 14, "Accra", "+233", "en", 0, {U(POOL_GHANAIAN, 1)}},
    {"ZA", 20, "Pretoria", "+27", "en", 0, {U(POOL_SOUTHERN_AFRICAN, 1)}},
    {"EG", 20, "Cairo", "+20", "ar", 60, {U(POOL_ARABIC, 60), R(POOL_ARABIC, 40)}},
    {"MA", 10, "Rabat", "+212", "fr", 40, {U(POOL_MAGHREB, 40), R(POOL_MAGHREB, 60)}},
    {"TN", 8, "Tunis", "+216", "fr", 40, {U(POOL_MAGHREB, 40), R(POOL_MAGHREB, 60)}},
    {"DZ", 6, "Algiers", "+213", "fr", 40, {U(POOL_MAGHREB, 40), R(POOL_MAGHREB, 60)}},
    {"ET", 18, "Addis Ababa", "+251", "am", 20, {U(POOL_AMHARIC, 60), R(POOL_AMHARIC, 40)}},
    {"SN", 10, "Dakar", "+221", "fr", 80, {U(POOL_WEST_AFRICAN_FR, 1)}},
    {"CI", 8, "Abidjan", "+225", "fr", 80, {U(POOL_WEST_AFRICAN_FR, 1)}},
    {"CM", 6, "Yaoundé", "+237", "fr", 60, {U(POOL_CENTRAL_AFRICAN_FR, 1)}},
    {"CD", 6, "Kinshasa", "+243", "fr", 80, {U(POOL_CENTRAL_AFRICAN_FR, 1)}},
    {"RW", 10, "Kigali", "+250", "en", 0, {U(POOL_EAST_AFRICAN, 1)}},
    {"UG", 12, "Kampala", "+256", "en", 0, {U(POOL_EAST_AFRICAN, 1)}},
    {"TZ", 12, "Dodoma", "+255", "sw", 20, {U(POOL_EAST_AFRICAN, 1)}},
    {"ZM", 5, "Lusaka", "+260", "en", 0, {U(POOL_SOUTHERN_AFRICAN, 1)}},
    {"ZW", 5, "Harare", "+263", "en", 0, {U(POOL_SOUTHERN_AFRICAN, 1)}},
    {"MW", 4, "Lilongwe", "+265", "en", 0, {U(POOL_SOUTHERN_AFRICAN, 1)}},
    {"MZ", 4, "Maputo", "+258", "pt", 70, {U(POOL_PORTUGUESE, 1)}},
    {"AO", 4, "Luanda", "+244", "pt", 80, {U(POOL_PORTUGUESE, 1)}},
    {"BW", 3, "Gaborone", "+267", "en", 0, {U(POOL_SOUTHERN_AFRICAN, 1)}},
    {"NA", 3, "Windhoek", "+264", "en", 0, {U(POOL_SOUTHERN_AFRICAN, 1)}},
    {"BJ", 4, "Cotonou", "+229", "fr", 80, {U(POOL_WEST_AFRICAN_FR, 1)}},
    {"BF", 4, "Ouagadougou", "+226", "fr", 80, {U(POOL_WEST_AFRICAN_FR, 1)}},
    {"ML", 3, "Bamako", "+223", "fr", 80, {U(POOL_WEST_AFRICAN_FR, 1)}},
    {"NE", 3, "Niamey", "+227", "fr", 80, {U(POOL_WEST_AFRICAN_FR, 1)}},
    {"TG", 3, "Lomé", "+228", "fr", 80, {U(POOL_WEST_AFRICAN_FR, 1)}},
    {"GN", 3, "Conakry", "+224", "fr", 80, {U(POOL_WEST_AFRICAN_FR, 1)}},
    {"SL", 3, "Freetown", "+232", "en", 0, {U(POOL_WEST_AFRICAN_FR, 60), U(POOL_ENGLISH, 40)}},
    {"LR", 2, "Monrovia", "+231", "en", 0, {U(POOL_ENGLISH, 50), U(POOL_WEST_AFRICAN_FR, 50)}},
    {"GM", 2, "Banjul", "+220", "en", 0, {U(POOL_WEST_AFRICAN_FR, 1)}},
    {"MG", 4, "Antananarivo", "+261", "fr", 60, {U(POOL_MALAGASY, 1)}},
    {"MU",
     3,
     "Port Louis",
     "+230",
     "fr",
     40,
     {U(POOL_FRENCH, 30), R(POOL_HINDI, 40), U(POOL_ENGLISH, 30)}},
    {"SO", 3, "Mogadishu", "+252", "so", 20, {U(POOL_SOMALI, 1)}},
    {"SD", 4, "Khartoum", "+249", "ar", 60, {U(POOL_ARABIC, 60), R(POOL_ARABIC, 40)}},
    {"LY", 3, "Tripoli", "+218", "ar", 60, {U(POOL_ARABIC, 60), R(POOL_ARABIC, 40)}},
    {"MR", 2, "Nouakchott", "+222", "ar", 50, {U(POOL_MAGHREB, 50), R(POOL_MAGHREB, 50)}},
    {"CV", 2, "Praia", "+238", "pt", 80, {U(POOL_PORTUGUESE, 1)}},
    {"GA", 2, "Libreville", "+241", "fr", 80, {U(POOL_CENTRAL_AFRICAN_FR, 1)}},
    {"CG", 2, "Brazzaville", "+242", "fr", 80, {U(POOL_CENTRAL_AFRICAN_FR, 1)}},
    {"BI", 2, "Gitega", "+257", "fr", 50, {U(POOL_CENTRAL_AFRICAN_FR, 1)}},
    {"DJ", 2, "Djibouti", "+253", "fr", 50, {U(POOL_SOMALI, 1)}},
    {"LS", 2, "Maseru", "+266", "en", 0, {U(POOL_SOUTHERN_AFRICAN, 1)}},
    {"SZ", 2, "Mbabane", "+268", "en", 0, {U(POOL_SOUTHERN_AFRICAN, 1)}},
    {"SS", 2, "Juba", "+211", "en", 0, {U(POOL_EAST_AFRICAN, 1)}},
    {"TD", 2, "N'Djamena", "+235", "fr", 60, {U(POOL_WEST_AFRICAN_FR, 50), R(POOL_ARABIC, 50)}},
    {"SC", 1, "Victoria", "+248", "en", 0, {U(POOL_ENGLISH, 50), U(POOL_FRENCH, 50)}},
    {"ER", 1, "Asmara", "+291", "en", 0, {R(POOL_AMHARIC, 1)}},
    {"KM", 1, "Moroni", "+269", "fr", 50, {R(POOL_MAGHREB, 1)}},
    {"ST", 1, "São Tomé", "+239", "pt", 80, {U(POOL_PORTUGUESE, 1)}},
    {"GW", 1, "Bissau", "+245", "pt", 60, {U(POOL_PORTUGUESE, 50), U(POOL_WEST_AFRICAN_FR, 50)}},
    {"CF", 1, "Bangui", "+236", "fr", 80, {U(POOL_CENTRAL_AFRICAN_FR, 1)}},
    /* Asia-Pacific Group (and Taiwan, the State of Palestine) */
    {"CN", 45, "Beijing", "+86", "zh", 80, {U(POOL_CHINESE, 85), R(POOL_CHINESE, 15)}},
    {"IN",
     60,
     "New Delhi",
     "+91",
     "hi",
     20,
     {U(POOL_HINDI, 30), R(POOL_HINDI, 55), U(POOL_TAMIL, 15)}},
    {"JP", 25, "Tokyo", "+81", "ja", 50, {U(POOL_JAPANESE, 1)}},
    {"KR", 20, "Seoul", "+82", "ko", 50, {U(POOL_KOREAN, 1)}},
    {"ID", 15, "Jakarta", "+62", "id", 30, {U(POOL_INDONESIAN, 1)}},
    {"PK", 15, "Islamabad", "+92", "ur", 20, {U(POOL_URDU, 40), R(POOL_URDU, 60)}},
    {"BD", 12, "Dhaka", "+880", "bn", 30, {U(POOL_BENGALI, 50), R(POOL_BENGALI, 50)}},
    {"IR", 8, "Tehran", "+98", "fa", 40, {U(POOL_PERSIAN, 70), R(POOL_PERSIAN, 30)}},
    {"SA", 18, "Riyadh", "+966", "ar", 70, {U(POOL_ARABIC, 70), R(POOL_ARABIC, 30)}},
    {"AE",
     15,
     "Abu Dhabi",
     "+971",
     "ar",
     50,
     {U(POOL_ARABIC, 55), R(POOL_ARABIC, 30), R(POOL_HINDI, 15)}},
    {"QA", 5, "Doha", "+974", "ar", 60, {U(POOL_ARABIC, 60), R(POOL_ARABIC, 40)}},
    {"KW", 3, "Kuwait City", "+965", "ar", 60, {U(POOL_ARABIC, 60), R(POOL_ARABIC, 40)}},
    {"JO", 5, "Amman", "+962", "ar", 50, {U(POOL_ARABIC, 60), R(POOL_ARABIC, 40)}},
    {"LB", 5, "Beirut", "+961", "ar", 40, {U(POOL_ARABIC, 50), R(POOL_ARABIC, 50)}},
    {"IQ", 3, "Baghdad", "+964", "ar", 60, {U(POOL_ARABIC, 60), R(POOL_ARABIC, 40)}},
    {"OM", 3, "Muscat", "+968", "ar", 60, {U(POOL_ARABIC, 60), R(POOL_ARABIC, 40)}},
    {"BH", 3, "Manama", "+973", "ar", 60, {U(POOL_ARABIC, 60), R(POOL_ARABIC, 40)}},
    {"SY", 2, "Damascus", "+963", "ar", 60, {U(POOL_ARABIC, 60), R(POOL_ARABIC, 40)}},
    {"YE", 2, "Aden", "+967", "ar", 60, {U(POOL_ARABIC, 60), R(POOL_ARABIC, 40)}},
    {"PS", 3, "Ramallah", "+970", "ar", 50, {U(POOL_ARABIC, 60), R(POOL_ARABIC, 40)}},
    {"AF", 3, "Kabul", "+93", "fa", 40, {U(POOL_PERSIAN, 50), R(POOL_PERSIAN, 50)}},
    {"NP", 6, "Kathmandu", "+977", "ne", 20, {U(POOL_NEPALI, 60), R(POOL_NEPALI, 40)}},
    {"LK", 5, "Colombo", "+94", "ta", 15, {U(POOL_SINHALESE, 70), U(POOL_TAMIL, 30)}},
    {"TH", 8, "Bangkok", "+66", "th", 40, {U(POOL_THAI, 70), R(POOL_THAI, 30)}},
    {"VN", 8, "Hanoi", "+84", "vi", 40, {U(POOL_VIETNAMESE, 1)}},
    {"PH", 8, "Manila", "+63", "en", 0, {U(POOL_FILIPINO, 1)}},
    {"MY",
     7,
     "Kuala Lumpur",
     "+60",
     "ms",
     20,
     {U(POOL_MALAY, 60), R(POOL_SINGAPOREAN, 25), R(POOL_TAMIL, 15)}},
    {"SG",
     6,
     "Singapore",
     "+65",
     "zh",
     20,
     {U(POOL_SINGAPOREAN, 70), U(POOL_MALAY, 15), R(POOL_TAMIL, 15)}},
    {"TW", 6, "Taipei", "+886", "zh", 60, {U(POOL_TAIWANESE, 80), R(POOL_TAIWANESE, 20)}},
    {"KZ", 5, "Astana", "+7", "ru", 60, {U(POOL_KAZAKH, 70), U(POOL_RUSSIAN, 30)}},
    {"UZ", 3, "Tashkent", "+998", "ru", 30, {U(POOL_UZBEK, 1)}},
    {"CY", 3, "Nicosia", "+357", "el", 40, {U(POOL_GREEK, 70), R(POOL_GREEK, 30)}},
    {"FJ", 3, "Suva", "+679", "en", 0, {U(POOL_PACIFIC, 70), R(POOL_HINDI, 30)}},
    {"WS", 1, "Apia", "+685", "en", 0, {U(POOL_PACIFIC, 1)}},
    {"TO", 1, "Nuku'alofa", "+676", "en", 0, {U(POOL_PACIFIC, 1)}},
    {"PG", 1, "Port Moresby", "+675", "en", 0, {U(POOL_ENGLISH, 50), U(POOL_PACIFIC, 50)}},
    {"MV", 1, "Malé", "+960", "en", 0, {R(POOL_ARABIC, 1)}},
    /* Eastern European Group */
    {"RU", 12, "Moscow", "+7", "ru", 70, {U(POOL_RUSSIAN, 80), R(POOL_RUSSIAN, 20)}},
    {"UA", 8, "Kyiv", "+380", "uk", 40, {U(POOL_UKRAINIAN, 70), R(POOL_UKRAINIAN, 30)}},
    {"BY", 2, "Minsk", "+375", "ru", 60, {U(POOL_RUSSIAN, 1)}},
    {"PL", 10, "Warsaw", "+48", "pl", 30, {U(POOL_POLISH, 1)}},
    {"CZ", 5, "Prague", "+420", "cs", 30, {U(POOL_CZECH, 1)}},
    {"SK", 3, "Bratislava", "+421", "sk", 30, {U(POOL_CZECH, 1)}},
    {"HU", 4, "Budapest", "+36", "hu", 30, {U(POOL_HUNGARIAN, 1)}},
    {"RO", 5, "Bucharest", "+40", "ro", 30, {U(POOL_ROMANIAN, 1)}},
    {"MD", 2, "Chișinău", "+373", "ro", 40, {U(POOL_ROMANIAN, 1)}},
    {"BG", 4, "Sofia", "+359", "bg", 40, {U(POOL_BULGARIAN, 70), R(POOL_BULGARIAN, 30)}},
    {"RS", 4, "Belgrade", "+381", "sr", 30, {U(POOL_SERBIAN, 60), R(POOL_SERBIAN, 40)}},
    {"HR", 3, "Zagreb", "+385", "hr", 30, {U(POOL_SOUTH_SLAVIC, 1)}},
    {"SI", 2, "Ljubljana", "+386", "sl", 30, {U(POOL_SOUTH_SLAVIC, 1)}},
    {"BA", 2, "Sarajevo", "+387", "bs", 30, {U(POOL_SOUTH_SLAVIC, 1)}},
    {"ME", 1, "Podgorica", "+382", "sr", 30, {U(POOL_SOUTH_SLAVIC, 1)}},
    {"MK", 2, "Skopje", "+389", "mk", 30, {U(POOL_MACEDONIAN, 60), R(POOL_MACEDONIAN, 40)}},
    {"AL", 2, "Tirana", "+355", "sq", 30, {U(POOL_ALBANIAN, 1)}},
    {"GE", 4, "Tbilisi", "+995", "ka", 30, {U(POOL_GEORGIAN, 70), R(POOL_GEORGIAN, 30)}},
    {"AM", 4, "Yerevan", "+374", "hy", 30, {U(POOL_ARMENIAN, 70), R(POOL_ARMENIAN, 30)}},
    {"AZ", 3, "Baku", "+994", "az", 30, {U(POOL_AZERBAIJANI, 1)}},
    {"EE", 3, "Tallinn", "+372", "et", 20, {U(POOL_ESTONIAN, 1)}},
    {"LV", 2, "Riga", "+371", "lv", 20, {U(POOL_LATVIAN, 1)}},
    {"LT", 2, "Vilnius", "+370", "lt", 20, {U(POOL_LITHUANIAN, 1)}},
    /* Latin American and Caribbean Group */
    {"BR", 30, "Brasília", "+55", "pt", 70, {U(POOL_PORTUGUESE, 1)}},
    {"MX", 15, "Mexico City", "+52", "es", 80, {U(POOL_SPANISH, 1)}},
    {"AR", 12, "Buenos Aires", "+54", "es", 80, {U(POOL_SPANISH, 1)}},
    {"CO", 10, "Bogotá", "+57", "es", 80, {U(POOL_SPANISH, 1)}},
    {"CL", 7, "Santiago", "+56", "es", 80, {U(POOL_SPANISH, 1)}},
    {"PE", 6, "Lima", "+51", "es", 80, {U(POOL_SPANISH, 1)}},
    {"EC", 4, "Quito", "+593", "es", 80, {U(POOL_SPANISH, 1)}},
    {"BO", 3, "La Paz", "+591", "es", 80, {U(POOL_SPANISH, 1)}},
    {"PY", 3, "Asunción", "+595", "es", 80, {U(POOL_SPANISH, 1)}},
    {"UY", 4, "Montevideo", "+598", "es", 80, {U(POOL_SPANISH, 1)}},
    {"VE", 3, "Caracas", "+58", "es", 80, {U(POOL_SPANISH, 1)}},
    {"CR", 4, "San José", "+506", "es", 80, {U(POOL_SPANISH, 1)}},
    {"PA", 3, "Panama City", "+507", "es", 80, {U(POOL_SPANISH, 1)}},
    {"GT", 3, "Guatemala City", "+502", "es", 80, {U(POOL_SPANISH, 1)}},
    {"HN", 2, "Tegucigalpa", "+504", "es", 80, {U(POOL_SPANISH, 1)}},
    {"SV", 2, "San Salvador", "+503", "es", 80, {U(POOL_SPANISH, 1)}},
    {"NI", 1, "Managua", "+505", "es", 80, {U(POOL_SPANISH, 1)}},
    {"CU", 2, "Havana", "+53", "es", 80, {U(POOL_SPANISH, 1)}},
    {"DO", 3, "Santo Domingo", "+1 809", "es", 80, {U(POOL_SPANISH, 1)}},
    {"HT", 2, "Port-au-Prince", "+509", "fr", 70, {U(POOL_FRENCH, 1)}},
    {"JM", 3, "Kingston", "+1 876", "en", 0, {U(POOL_ENGLISH, 1)}},
    {"TT", 2, "Port of Spain", "+1 868", "en", 0, {U(POOL_ENGLISH, 70), R(POOL_HINDI, 30)}},
    {"BB", 1, "Bridgetown", "+1 246", "en", 0, {U(POOL_ENGLISH, 1)}},
    {"BS", 1, "Nassau", "+1 242", "en", 0, {U(POOL_ENGLISH, 1)}},
    {"GY", 1, "Georgetown", "+592", "en", 0, {U(POOL_ENGLISH, 50), R(POOL_HINDI, 50)}},
    {"BZ", 1, "Belmopan", "+501", "en", 0, {U(POOL_ENGLISH, 50), U(POOL_SPANISH, 50)}},
    {"LC", 1, "Castries", "+1 758", "en", 0, {U(POOL_ENGLISH, 1)}},
    {"GD", 1, "St. George's", "+1 473", "en", 0, {U(POOL_ENGLISH, 1)}},
    {"SR", 1, "Paramaribo", "+597", "nl", 40, {U(POOL_DUTCH, 50), R(POOL_HINDI, 50)}},
    /* Western European and Others Group */
    {"US",
     55,
     "Washington",
     "+1",
     "en",
     0,
     {U(POOL_ENGLISH, 80), U(POOL_SPANISH, 12), R(POOL_HINDI, 8)}},
    {"GB", 30, "London", "+44", "en", 0, {U(POOL_ENGLISH, 85), R(POOL_URDU, 8), R(POOL_HINDI, 7)}},
    {"CA", 15, "Ottawa", "+1", "fr", 25, {U(POOL_ENGLISH, 70), U(POOL_FRENCH, 30)}},
    {"FR", 20, "Paris", "+33", "fr", 70, {U(POOL_FRENCH, 90), R(POOL_MAGHREB, 10)}},
    {"DE", 22, "Berlin", "+49", "de", 40, {U(POOL_GERMAN, 90), U(POOL_TURKISH, 10)}},
    {"IT", 10, "Rome", "+39", "it", 40, {U(POOL_ITALIAN, 1)}},
    {"ES", 10, "Madrid", "+34", "es", 70, {U(POOL_SPANISH, 1)}},
    {"PT", 5, "Lisbon", "+351", "pt", 60, {U(POOL_PORTUGUESE, 1)}},
    {"NL", 10, "Amsterdam", "+31", "nl", 20, {U(POOL_DUTCH, 1)}},
    {"BE", 6, "Brussels", "+32", "fr", 40, {U(POOL_FRENCH, 50), U(POOL_DUTCH, 50)}},
    {"CH",
     12,
     "Geneva",
     "+41",
     "fr",
     40,
     {U(POOL_FRENCH, 40), U(POOL_GERMAN, 50), U(POOL_ITALIAN, 10)}},
    {"AT", 5, "Vienna", "+43", "de", 40, {U(POOL_GERMAN, 1)}},
    {"SE", 6, "Stockholm", "+46", "sv", 20, {U(POOL_SCANDINAVIAN, 1)}},
    {"NO", 6, "Oslo", "+47", "no", 20, {U(POOL_SCANDINAVIAN, 1)}},
    {"DK", 5, "Copenhagen", "+45", "da", 20, {U(POOL_SCANDINAVIAN, 1)}},
    {"FI", 5, "Helsinki", "+358", "fi", 20, {U(POOL_FINNISH, 1)}},
    {"IS", 1, "Reykjavík", "+354", "is", 20, {U(POOL_ICELANDIC, 1)}},
    {"IE", 4, "Dublin", "+353", "en", 0, {U(POOL_ENGLISH, 1)}},
    {"GR", 4, "Athens", "+30", "el", 40, {U(POOL_GREEK, 70), R(POOL_GREEK, 30)}},
    {"MT", 1, "Valletta", "+356", "en", 0, {U(POOL_ENGLISH, 50), U(POOL_ITALIAN, 50)}},
    {"LU", 1, "Luxembourg", "+352", "fr", 50, {U(POOL_FRENCH, 50), U(POOL_GERMAN, 50)}},
    {"AU",
     12,
     "Canberra",
     "+61",
     "en",
     0,
     {U(POOL_ENGLISH, 85), R(POOL_CHINESE, 10), U(POOL_VIETNAMESE, 5)}},
    {"NZ", 4, "Wellington", "+64", "en", 0, {U(POOL_ENGLISH, 80), U(POOL_PACIFIC, 20)}},
    {"IL", 5, "Tel Aviv", "+972", "he", 40, {U(POOL_HEBREW, 70), R(POOL_HEBREW, 30)}},
    {"TR", 10, "Ankara", "+90", "tr", 50, {U(POOL_TURKISH, 1)}},
};

const size_t demo_ncountries = DEMO_COUNT(demo_countries);

static const struct {
    const char *alpha2, *name;
} local_cities[] = {
    {"MX", "México"},    {"GT", "Guatemala"}, {"PA", "Panamá"},    {"CH", "Genève"},
    {"BE", "Bruxelles"}, {"DZ", "Alger"},     {"CU", "La Habana"},
};

const char *demo_local_city(const struct demo_country *c)
{
    for (size_t i = 0; i < DEMO_COUNT(local_cities); i++) {
        if (strcmp(local_cities[i].alpha2, c->alpha2) == 0)
            return local_cities[i].name;
    }
    return c->city;
}

#define WORDS(a)                                                                                   \
    {                                                                                              \
        a, DEMO_COUNT(a)                                                                           \
    }

static const char *const government_en[] = {
    "Ministry of Digital Affairs",
    "Ministry of Information and Communications Technology",
    "Ministry of Foreign Affairs",
    "Ministry of ICT, Innovation and Youth Affairs",
    "National Communications Authority",
    "Office of the President",
    "National Cybersecurity Agency",
    "Data Protection Commission",
    "Telecommunications Regulatory Authority",
    "Permanent Mission to the United Nations Office at Geneva",
    "Ministry of Education",
    "National Assembly",
    "Senate Committee on Science and Technology",
    "%s City Council",
    "Ministry of Justice",
    "National Statistics Office",
};
static const char *const government_fr[] = {
    "Ministère de l'Économie numérique",
    "Ministère des Affaires étrangères",
    "Autorité de régulation des télécommunications",
    "Agence nationale de la sécurité numérique",
    "Assemblée nationale",
    "Commission de protection des données personnelles",
};
static const char *const government_es[] = {
    "Ministerio de Tecnologías de la Información y las Comunicaciones",
    "Ministerio de Relaciones Exteriores",
    "Secretaría de Gobierno Digital",
    "Agencia Nacional de Ciberseguridad",
    "Congreso de la República",
    "Autoridad de Protección de Datos Personales",
};
static const char *const government_pt[] = {
    "Ministério das Comunicações",          "Ministério das Relações Exteriores",
    "Agência Nacional de Telecomunicações", "Câmara dos Deputados",
    "Secretaria de Governo Digital",
};

static const char *const private_en[] = {
    "Baobab Digital Ltd",
    "Meridian Cloud Services",
    "Kestrel Data Systems",
    "Harbourline Analytics",
    "Atlas Fibre Group",
    "Cobalt Payments",
    "Savanna Mobile",
    "Northgate Semiconductors",
    "%s Fibre Cooperative",
    "Bluewater Consulting",
    "Quillon Security",
    "Tessellate AI",
    "Regional Mobile Operators Association",
    "Chamber of Commerce and Industry of %s",
    "Open Source Consulting Group",
    "Greenfield Satellite Systems",
    "Helix Health Data",
    "Limited Liability Company \"Digital Horizons\"",
};
static const char *const private_fr[] = {
    "Société Numérique de %s",
    "Cabinet Conseil Numérique",
    "Fintech Sahel SARL",
    "Chambre de commerce et d'industrie de %s",
};
static const char *const private_es[] = {
    "Soluciones Digitales del Sur S.A.",
    "Cooperativa de Telecomunicaciones de %s",
    "Cámara de Comercio de %s",
    "Datos Abiertos Consultores",
};
static const char *const private_pt[] = {
    "Conecta Sul Tecnologia Ltda.",
    "Cooperativa de Telecomunicações de %s",
    "Associação de Provedores de Internet",
};

static const char *const civil_en[] = {
    "Open Networks Foundation",
    "Digital Rights Collective",
    "Youth Internet Coalition",
    "Women in Tech Network",
    "Community Networks Alliance",
    "Privacy and Freedom Forum",
    "Foundation for Media Literacy",
    "Disability Rights in Tech Initiative",
    "Rural Connectivity Project",
    "%s Digital Inclusion Trust",
    "Centre for Technology and Democracy",
    "Children's Online Safety Network",
    "Indigenous Languages Online",
    "Public Association \"Digital Steppe\"",
    "Institute for Information Policy, %s",
    "Consumers' Digital Council",
};
static const char *const civil_fr[] = {
    "Association pour l'inclusion numérique",
    "Réseau des jeunes pour l'Internet",
    "Observatoire des droits numériques",
    "Femmes et numérique %s",
};
static const char *const civil_es[] = {
    "Fundación Derechos Digitales del Sur",
    "Red de Mujeres en Tecnología",
    "Colectivo por la Conectividad Rural",
    "Observatorio Ciudadano de %s",
};
static const char *const civil_pt[] = {
    "Instituto de Direitos Digitais",
    "Rede de Juventude Conectada",
    "Coletivo de Redes Comunitárias de %s",
};

static const char *const technical_en[] = {
    "University of %s",
    "%s Institute of Technology",
    "%s Polytechnic",
    "National Research and Education Network",
    "%s Internet Exchange Point",
    "National Network Information Centre",
    "Regional Internet Address Registry",
    "Open Standards Working Group",
    "Domain Name Registry Association",
    "Network Operators Group of %s",
    "Internet Measurement Lab, University of %s",
    "Computer Emergency Response Team (CERT), %s",
};
static const char *const technical_fr[] = {
    "Université de %s",
    "École supérieure polytechnique de %s",
    "Centre national de recherche en informatique",
    "Point d'échange Internet de %s",
};
static const char *const technical_es[] = {
    "Universidad de %s",
    "Universidad Nacional de %s",
    "Instituto Tecnológico de %s",
    "Red Nacional de Investigación y Educación",
};
static const char *const technical_pt[] = {
    "Universidade de %s",
    "Universidade Federal de %s",
    "Instituto de Tecnologia de %s",
};

static const char *const igo_en[] = {
    "Forum Secretariat",
    "Regional Economic Commission",
    "Regional Development Bank",
    "International Digital Cooperation Office",
    "Regional Economic Community Secretariat",
    "World Organization for Open Data",
    "Multilateral Fund for Connectivity",
    "Interparliamentary Council",
    "Office of the Special Envoy on Technology",
};

static const char *const press_en[] = {
    "%s Daily News",           "National Broadcasting Corporation",
    "Tech Policy Weekly",      "Independent Radio %s",
    "Freelance journalist",    "Global Wire Service",
    "The %s Observer",         "Digital Affairs Review",
    "Public Television of %s", "Investigative Reporters Network",
};
static const char *const press_fr[] = {"Le Quotidien de %s", "Télévision nationale",
                                       "Radio %s Internationale"};
static const char *const press_es[] = {"Diario de %s", "Radio Nacional",
                                       "Revista Tecnología y Sociedad"};
static const char *const press_pt[] = {"Jornal de %s", "Rádio Nacional"};

struct affiliation_set {
    const char *stakeholder;
    struct demo_words en, fr, es, pt;
};

static const struct affiliation_set affiliation_sets[] = {
    {"government", WORDS(government_en), WORDS(government_fr), WORDS(government_es),
     WORDS(government_pt)},
    {"private_sector", WORDS(private_en), WORDS(private_fr), WORDS(private_es), WORDS(private_pt)},
    {"civil_society", WORDS(civil_en), WORDS(civil_fr), WORDS(civil_es), WORDS(civil_pt)},
    {"technical_community", WORDS(technical_en), WORDS(technical_fr), WORDS(technical_es),
     WORDS(technical_pt)},
    {"intergovernmental", WORDS(igo_en), WORDS(igo_en), WORDS(igo_en), WORDS(igo_en)},
    {"press", WORDS(press_en), WORDS(press_fr), WORDS(press_es), WORDS(press_pt)},
};

struct demo_words demo_affiliations(const char *stakeholder, const char *lang)
{
    for (size_t i = 0; i < DEMO_COUNT(affiliation_sets); i++) {
        const struct affiliation_set *s = &affiliation_sets[i];
        if (strcmp(s->stakeholder, stakeholder) != 0)
            continue;
        if (strcmp(lang, "fr") == 0)
            return s->fr;
        if (strcmp(lang, "es") == 0)
            return s->es;
        if (strcmp(lang, "pt") == 0)
            return s->pt;
        return s->en;
    }
    return affiliation_sets[2].en;
}
