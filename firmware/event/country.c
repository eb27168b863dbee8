/* country.c - ISO 3166-1 countries and territories with their UN regional group. See country.h.
 * Names are the ISO 3166-1 English short names (ISO Online Browsing Platform, 2024), written
 * with their accents in UTF-8. Regional groups are those of the UN Department for General
 * Assembly and Conference Management list of the five regional groups: Türkiye, Israel and the
 * United States (an observer that votes with it) are counted in Western European and Others,
 * Kiribati in Asia-Pacific. Territories, observers (Holy See, State of Palestine) and other
 * non-members have "none". */
#include "event/country.h"

#include <stdbool.h>
#include <string.h>

#define AF "african"
#define AP "asia_pacific"
#define EE "eastern_european"
#define LA "latin_american_caribbean"
#define WE "western_european_others"
#define NO "none"

static const struct ly_country countries[] = {
    /* African Group: 54 */
    {"DZ", "DZA", "Algeria", AF},
    {"AO", "AGO", "Angola", AF},
    {"BJ", "BEN", "Benin", AF},
    {"BW", "BWA", "Botswana", AF},
    {"BF", "BFA", "Burkina Faso", AF},
    {"BI", "BDI", "Burundi", AF},
    {"CV", "CPV", "Cabo Verde", AF},
    {"CM", "CMR", "Cameroon", AF},
    {"CF", "CAF", "Central African Republic", AF},
    {"TD", "TCD", "Chad", AF},
    {"KM", "COM", "Comoros", AF},
    {"CG", "COG", "Congo", AF},
    {"CD", "COD", "Congo, Democratic Republic of the", AF},
    {"CI", "CIV", "C\xC3\xB4te d'Ivoire", AF},
    {"DJ", "DJI", "Djibouti", AF},
    {"EG", "EGY", "Egypt", AF},
    {"GQ", "GNQ", "Equatorial Guinea", AF},
    {"ER", "ERI", "Eritrea", AF},
    {"SZ", "SWZ", "Eswatini", AF},
    {"ET", "ETH", "Ethiopia", AF},
    {"GA", "GAB", "Gabon", AF},
    {"GM", "GMB", "Gambia", AF},
    {"GH", "GHA", "Ghana", AF},
    {"GN", "GIN", "Guinea", AF},
    {"GW", "GNB", "Guinea-Bissau", AF},
    {"KE", "KEN", "Kenya", AF},
    {"LS", "LSO", "Lesotho", AF},
    {"LR", "LBR", "Liberia", AF},
    {"LY", "LBY", "Libya", AF},
    {"MG", "MDG", "Madagascar", AF},
    {"MW", "MWI", "Malawi", AF},
    {"ML", "MLI", "Mali", AF},
    {"MR", "MRT", "Mauritania", AF},
    {"MU", "MUS", "Mauritius", AF},
    {"MA", "MAR", "Morocco", AF},
    {"MZ", "MOZ", "Mozambique", AF},
    {"NA", "NAM", "Namibia", AF},
    {"NE", "NER", "Niger", AF},
    {"NG", "NGA", "Nigeria", AF},
    {"RW", "RWA", "Rwanda", AF},
    {"ST", "STP", "Sao Tome and Principe", AF},
    {"SN", "SEN", "Senegal", AF},
    {"SC", "SYC", "Seychelles", AF},
    {"SL", "SLE", "Sierra Leone", AF},
    {"SO", "SOM", "Somalia", AF},
    {"ZA", "ZAF", "South Africa", AF},
    {"SS", "SSD", "South Sudan", AF},
    {"SD", "SDN", "Sudan", AF},
    {"TZ", "TZA", "Tanzania, United Republic of", AF},
    {"TG", "TGO", "Togo", AF},
    {"TN", "TUN", "Tunisia", AF},
    {"UG", "UGA", "Uganda", AF},
    {"ZM", "ZMB", "Zambia", AF},
    {"ZW", "ZWE", "Zimbabwe", AF},

    /* Asia-Pacific Group: 54 with Kiribati */
    {"AF", "AFG", "Afghanistan", AP},
    {"BH", "BHR", "Bahrain", AP},
    {"BD", "BGD", "Bangladesh", AP},
    {"BT", "BTN", "Bhutan", AP},
    {"BN", "BRN", "Brunei Darussalam", AP},
    {"KH", "KHM", "Cambodia", AP},
    {"CN", "CHN", "China", AP},
    {"CY", "CYP", "Cyprus", AP},
    {"FJ", "FJI", "Fiji", AP},
    {"IN", "IND", "India", AP},
    {"ID", "IDN", "Indonesia", AP},
    {"IR", "IRN", "Iran (Islamic Republic of)", AP},
    {"IQ", "IRQ", "Iraq", AP},
    {"JP", "JPN", "Japan", AP},
    {"JO", "JOR", "Jordan", AP},
    {"KZ", "KAZ", "Kazakhstan", AP},
    {"KI", "KIR", "Kiribati", AP},
    {"KP", "PRK", "Korea (Democratic People's Republic of)", AP},
    {"KR", "KOR", "Korea, Republic of", AP},
    {"KW", "KWT", "Kuwait", AP},
    {"KG", "KGZ", "Kyrgyzstan", AP},
    {"LA", "LAO", "Lao People's Democratic Republic", AP},
    {"LB", "LBN", "Lebanon", AP},
    {"MY", "MYS", "Malaysia", AP},
    {"MV", "MDV", "Maldives", AP},
    {"MH", "MHL", "Marshall Islands", AP},
    {"FM", "FSM", "Micronesia (Federated States of)", AP},
    {"MN", "MNG", "Mongolia", AP},
    {"MM", "MMR", "Myanmar", AP},
    {"NR", "NRU", "Nauru", AP},
    {"NP", "NPL", "Nepal", AP},
    {"OM", "OMN", "Oman", AP},
    {"PK", "PAK", "Pakistan", AP},
    {"PW", "PLW", "Palau", AP},
    {"PG", "PNG", "Papua New Guinea", AP},
    {"PH", "PHL", "Philippines", AP},
    {"QA", "QAT", "Qatar", AP},
    {"WS", "WSM", "Samoa", AP},
    {"SA", "SAU", "Saudi Arabia", AP},
    {"SG", "SGP", "Singapore", AP},
    {"SB", "SLB", "Solomon Islands", AP},
    {"LK", "LKA", "Sri Lanka", AP},
    {"SY", "SYR", "Syrian Arab Republic", AP},
    {"TJ", "TJK", "Tajikistan", AP},
    {"TH", "THA", "Thailand", AP},
    {"TL", "TLS", "Timor-Leste", AP},
    {"TO", "TON", "Tonga", AP},
    {"TM", "TKM", "Turkmenistan", AP},
    {"TV", "TUV", "Tuvalu", AP},
    {"AE", "ARE", "United Arab Emirates", AP},
    {"UZ", "UZB", "Uzbekistan", AP},
    {"VU", "VUT", "Vanuatu", AP},
    {"VN", "VNM", "Viet Nam", AP},
    {"YE", "YEM", "Yemen", AP},

    /* Eastern European Group: 23 */
    {"AL", "ALB", "Albania", EE},
    {"AM", "ARM", "Armenia", EE},
    {"AZ", "AZE", "Azerbaijan", EE},
    {"BY", "BLR", "Belarus", EE},
    {"BA", "BIH", "Bosnia and Herzegovina", EE},
    {"BG", "BGR", "Bulgaria", EE},
    {"HR", "HRV", "Croatia", EE},
    {"CZ", "CZE", "Czechia", EE},
    {"EE", "EST", "Estonia", EE},
    {"GE", "GEO", "Georgia", EE},
    {"HU", "HUN", "Hungary", EE},
    {"LV", "LVA", "Latvia", EE},
    {"LT", "LTU", "Lithuania", EE},
    {"MD", "MDA", "Moldova, Republic of", EE},
    {"ME", "MNE", "Montenegro", EE},
    {"MK", "MKD", "North Macedonia", EE},
    {"PL", "POL", "Poland", EE},
    {"RO", "ROU", "Romania", EE},
    {"RU", "RUS", "Russian Federation", EE},
    {"RS", "SRB", "Serbia", EE},
    {"SK", "SVK", "Slovakia", EE},
    {"SI", "SVN", "Slovenia", EE},
    {"UA", "UKR", "Ukraine", EE},

    /* Latin American and Caribbean Group: 33 */
    {"AG", "ATG", "Antigua and Barbuda", LA},
    {"AR", "ARG", "Argentina", LA},
    {"BS", "BHS", "Bahamas", LA},
    {"BB", "BRB", "Barbados", LA},
    {"BZ", "BLZ", "Belize", LA},
    {"BO", "BOL", "Bolivia (Plurinational State of)", LA},
    {"BR", "BRA", "Brazil", LA},
    {"CL", "CHL", "Chile", LA},
    {"CO", "COL", "Colombia", LA},
    {"CR", "CRI", "Costa Rica", LA},
    {"CU", "CUB", "Cuba", LA},
    {"DM", "DMA", "Dominica", LA},
    {"DO", "DOM", "Dominican Republic", LA},
    {"EC", "ECU", "Ecuador", LA},
    {"SV", "SLV", "El Salvador", LA},
    {"GD", "GRD", "Grenada", LA},
    {"GT", "GTM", "Guatemala", LA},
    {"GY", "GUY", "Guyana", LA},
    {"HT", "HTI", "Haiti", LA},
    {"HN", "HND", "Honduras", LA},
    {"JM", "JAM", "Jamaica", LA},
    {"MX", "MEX", "Mexico", LA},
    {"NI", "NIC", "Nicaragua", LA},
    {"PA", "PAN", "Panama", LA},
    {"PY", "PRY", "Paraguay", LA},
    {"PE", "PER", "Peru", LA},
    {"KN", "KNA", "Saint Kitts and Nevis", LA},
    {"LC", "LCA", "Saint Lucia", LA},
    {"VC", "VCT", "Saint Vincent and the Grenadines", LA},
    {"SR", "SUR", "Suriname", LA},
    {"TT", "TTO", "Trinidad and Tobago", LA},
    {"UY", "URY", "Uruguay", LA},
    {"VE", "VEN", "Venezuela (Bolivarian Republic of)", LA},

    /* Western European and Others Group: 28 members and the United States */
    {"AD", "AND", "Andorra", WE},
    {"AU", "AUS", "Australia", WE},
    {"AT", "AUT", "Austria", WE},
    {"BE", "BEL", "Belgium", WE},
    {"CA", "CAN", "Canada", WE},
    {"DK", "DNK", "Denmark", WE},
    {"FI", "FIN", "Finland", WE},
    {"FR", "FRA", "France", WE},
    {"DE", "DEU", "Germany", WE},
    {"GR", "GRC", "Greece", WE},
    {"IS", "ISL", "Iceland", WE},
    {"IE", "IRL", "Ireland", WE},
    {"IL", "ISR", "Israel", WE},
    {"IT", "ITA", "Italy", WE},
    {"LI", "LIE", "Liechtenstein", WE},
    {"LU", "LUX", "Luxembourg", WE},
    {"MT", "MLT", "Malta", WE},
    {"MC", "MCO", "Monaco", WE},
    {"NL", "NLD", "Netherlands, Kingdom of the", WE},
    {"NZ", "NZL", "New Zealand", WE},
    {"NO", "NOR", "Norway", WE},
    {"PT", "PRT", "Portugal", WE},
    {"SM", "SMR", "San Marino", WE},
    {"ES", "ESP", "Spain", WE},
    {"SE", "SWE", "Sweden", WE},
    {"CH", "CHE", "Switzerland", WE},
    {"TR", "TUR", "T\xC3\xBCrkiye", WE},
    {"GB", "GBR", "United Kingdom of Great Britain and Northern Ireland", WE},
    {"US", "USA", "United States of America", WE},

    /* Observers, territories and other ISO 3166-1 entries outside the regional groups */
    {"AX", "ALA", "\xC3\x85land Islands", NO},
    {"AS", "ASM", "American Samoa", NO},
    {"AI", "AIA", "Anguilla", NO},
    {"AQ", "ATA", "Antarctica", NO},
    {"AW", "ABW", "Aruba", NO},
    {"BM", "BMU", "Bermuda", NO},
    {"BQ", "BES", "Bonaire, Sint Eustatius and Saba", NO},
    {"BV", "BVT", "Bouvet Island", NO},
    {"IO", "IOT", "British Indian Ocean Territory", NO},
    {"KY", "CYM", "Cayman Islands", NO},
    {"CX", "CXR", "Christmas Island", NO},
    {"CC", "CCK", "Cocos (Keeling) Islands", NO},
    {"CK", "COK", "Cook Islands", NO},
    {"CW", "CUW",
     "Cura\xC3\xA7"
     "ao",
     NO},
    {"FK", "FLK", "Falkland Islands (Malvinas)", NO},
    {"FO", "FRO", "Faroe Islands", NO},
    {"GF", "GUF", "French Guiana", NO},
    {"PF", "PYF", "French Polynesia", NO},
    {"TF", "ATF", "French Southern Territories", NO},
    {"GI", "GIB", "Gibraltar", NO},
    {"GL", "GRL", "Greenland", NO},
    {"GP", "GLP", "Guadeloupe", NO},
    {"GU", "GUM", "Guam", NO},
    {"GG", "GGY", "Guernsey", NO},
    {"HM", "HMD", "Heard Island and McDonald Islands", NO},
    {"VA", "VAT", "Holy See", NO},
    {"HK", "HKG", "Hong Kong", NO},
    {"IM", "IMN", "Isle of Man", NO},
    {"JE", "JEY", "Jersey", NO},
    {"MO", "MAC", "Macao", NO},
    {"MQ", "MTQ", "Martinique", NO},
    {"YT", "MYT", "Mayotte", NO},
    {"MS", "MSR", "Montserrat", NO},
    {"NC", "NCL", "New Caledonia", NO},
    {"NU", "NIU", "Niue", NO},
    {"NF", "NFK", "Norfolk Island", NO},
    {"MP", "MNP", "Northern Mariana Islands", NO},
    {"PS", "PSE", "Palestine, State of", NO},
    {"PN", "PCN", "Pitcairn", NO},
    {"PR", "PRI", "Puerto Rico", NO},
    {"RE", "REU", "R\xC3\xA9union", NO},
    {"BL", "BLM", "Saint Barth\xC3\xA9lemy", NO},
    {"SH", "SHN", "Saint Helena, Ascension and Tristan da Cunha", NO},
    {"MF", "MAF", "Saint Martin (French part)", NO},
    {"PM", "SPM", "Saint Pierre and Miquelon", NO},
    {"SX", "SXM", "Sint Maarten (Dutch part)", NO},
    {"GS", "SGS", "South Georgia and the South Sandwich Islands", NO},
    {"SJ", "SJM", "Svalbard and Jan Mayen", NO},
    {"TW", "TWN", "Taiwan, Province of China", NO},
    {"TK", "TKL", "Tokelau", NO},
    {"TC", "TCA", "Turks and Caicos Islands", NO},
    {"UM", "UMI", "United States Minor Outlying Islands", NO},
    {"VG", "VGB", "Virgin Islands (British)", NO},
    {"VI", "VIR", "Virgin Islands (U.S.)", NO},
    {"WF", "WLF", "Wallis and Futuna", NO},
    {"EH", "ESH", "Western Sahara", NO},
};

/* Names registration systems write instead of the ISO short name: common English names, names
 * without accents, and the "Name, Qualifier" forms of ISO's older lists and the World Bank's. */
struct alias {
    const char *name;
    const char *alpha2;
};

static const struct alias aliases[] = {
    {"Aland Islands", "AX"},
    {"Bahamas, The", "BS"},
    {"The Bahamas", "BS"},
    {"Bolivia", "BO"},
    {"Bolivia, Plurinational State of", "BO"},
    {"Bosnia", "BA"},
    {"Bosnia-Herzegovina", "BA"},
    {"Brunei", "BN"},
    {"Burma", "MM"},
    {"Cape Verde", "CV"},
    {"Congo, Republic of the", "CG"},
    {"Republic of the Congo", "CG"},
    {"Congo, Rep.", "CG"},
    {"Congo-Brazzaville", "CG"},
    {"Congo, The Democratic Republic of the", "CD"},
    {"Democratic Republic of the Congo", "CD"},
    {"Congo, Dem. Rep.", "CD"},
    {"DR Congo", "CD"},
    {"DRC", "CD"},
    {"Congo-Kinshasa", "CD"},
    {"Cote d'Ivoire", "CI"},
    {"C\xC3\xB4te d\xE2\x80\x99Ivoire", "CI"},
    {"Cote d\xE2\x80\x99Ivoire", "CI"},
    {"Ivory Coast", "CI"},
    {"Curacao", "CW"},
    {"Czech Republic", "CZ"},
    {"East Timor", "TL"},
    {"Egypt, Arab Rep.", "EG"},
    {"England", "GB"},
    {"Gambia, The", "GM"},
    {"The Gambia", "GM"},
    {"Great Britain", "GB"},
    {"Holland", "NL"},
    {"Hong Kong SAR", "HK"},
    {"Hong Kong SAR, China", "HK"},
    {"Hong Kong, China", "HK"},
    {"Iran", "IR"},
    {"Iran, Islamic Republic of", "IR"},
    {"Iran, Islamic Rep.", "IR"},
    {"Korea, Democratic People's Republic of", "KP"},
    {"Korea, Dem. People's Rep.", "KP"},
    {"Democratic People's Republic of Korea", "KP"},
    {"North Korea", "KP"},
    {"Korea", "KR"},
    {"Korea, Rep.", "KR"},
    {"Korea, South", "KR"},
    {"Republic of Korea", "KR"},
    {"South Korea", "KR"},
    {"Kyrgyz Republic", "KG"},
    {"Lao PDR", "LA"},
    {"Laos", "LA"},
    {"Macau", "MO"},
    {"Macao SAR, China", "MO"},
    {"Macedonia", "MK"},
    {"Republic of North Macedonia", "MK"},
    {"Micronesia", "FM"},
    {"Micronesia, Federated States of", "FM"},
    {"Micronesia, Fed. Sts.", "FM"},
    {"Moldova", "MD"},
    {"Republic of Moldova", "MD"},
    {"Netherlands", "NL"},
    {"The Netherlands", "NL"},
    {"Palestine", "PS"},
    {"State of Palestine", "PS"},
    {"West Bank and Gaza", "PS"},
    {"Reunion", "RE"},
    {"Russia", "RU"},
    {"Saint Barthelemy", "BL"},
    {"Saint Kitts", "KN"},
    {"St. Kitts and Nevis", "KN"},
    {"St Kitts and Nevis", "KN"},
    {"St. Lucia", "LC"},
    {"St Lucia", "LC"},
    {"St. Vincent and the Grenadines", "VC"},
    {"St Vincent and the Grenadines", "VC"},
    {"Saint Vincent", "VC"},
    {"Slovak Republic", "SK"},
    {"Swaziland", "SZ"},
    {"Syria", "SY"},
    {"Taiwan", "TW"},
    {"Tanzania", "TZ"},
    {"Timor Leste", "TL"},
    {"Turkey", "TR"},
    {"Turkiye", "TR"},
    {"UK", "GB"},
    {"United Kingdom", "GB"},
    {"U.K.", "GB"},
    {"United States", "US"},
    {"U.S.", "US"},
    {"U.S.A.", "US"},
    {"America", "US"},
    {"Vatican", "VA"},
    {"Vatican City", "VA"},
    {"Vatican City State", "VA"},
    {"Venezuela", "VE"},
    {"Venezuela, Bolivarian Republic of", "VE"},
    {"Venezuela, RB", "VE"},
    {"Vietnam", "VN"},
    {"Virgin Islands, British", "VG"},
    {"British Virgin Islands", "VG"},
    {"Virgin Islands, U.S.", "VI"},
    {"US Virgin Islands", "VI"},
    {"United States Virgin Islands", "VI"},
    {"Yemen, Rep.", "YE"},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ASCII case-insensitive equality; bytes above 0x7F (UTF-8) must match exactly. */
static bool same(const char *a, const char *b)
{
    for (;; a++, b++) {
        unsigned char x = (unsigned char)*a, y = (unsigned char)*b;
        if (x >= 'A' && x <= 'Z')
            x = (unsigned char)(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z')
            y = (unsigned char)(y - 'A' + 'a');
        if (x != y)
            return false;
        if (x == '\0')
            return true;
    }
}

static const struct ly_country *by_alpha2(const char *code)
{
    for (size_t i = 0; i < COUNT(countries); i++) {
        if (same(code, countries[i].alpha2))
            return &countries[i];
    }
    return NULL;
}

const struct ly_country *ly_country_find(const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < COUNT(countries); i++) {
        const struct ly_country *c = &countries[i];
        if ((n == 2 && same(s, c->alpha2)) || (n == 3 && same(s, c->alpha3)) || same(s, c->name))
            return c;
    }
    for (size_t i = 0; i < COUNT(aliases); i++) {
        if (same(s, aliases[i].name))
            return by_alpha2(aliases[i].alpha2);
    }
    return NULL;
}

const struct ly_country *ly_country_list(size_t *n)
{
    *n = COUNT(countries);
    return countries;
}

bool ly_country_stated(const char *code)
{
    return code != NULL && code[0] != '\0' && strcmp(code, LY_COUNTRY_NOT_STATED) != 0;
}

const char *ly_country_name(const char *code)
{
    if (!ly_country_stated(code))
        return "";
    const struct ly_country *c = by_alpha2(code);
    return c != NULL ? c->name : code;
}
