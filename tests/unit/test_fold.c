/* test_fold.c - search keys: names as registered and as typed at a kiosk fold to the same words,
 * in the forum's scripts; the output is bounded, valid UTF-8, never longer than the input, and
 * folding it again changes nothing. */
#include <string.h>

#include "check.h"
#include "common/fold.h"
#include "common/utf8.h"

static const char *fold(const char *s)
{
    static char out[512];
    ly_fold(s, out, sizeof out);
    return out;
}

#define FOLDS(in, want) CHECK_STR(fold(in), want)

static void latin_western(void)
{
    FOLDS("José García", "jose garcia");
    FOLDS("Müller", "muller");
    FOLDS("MÜLLER", "muller");
    FOLDS("Jürgen Weiß", "jurgen weiss");
    FOLDS("STRAẞE", "strasse");
    FOLDS("Öztürk Äbelé", "ozturk abele");
    FOLDS("François Lefèvre-Dupré", "francois lefevre dupre");
    FOLDS("Chloé d'Aubigné", "chloe d aubigne");
    FOLDS("Œuvre Cœur Lætitia", "oeuvre coeur laetitia");
    FOLDS("Ángel Muñoz Peña", "angel munoz pena");
    FOLDS("João Gonçalves Araújo", "joao goncalves araujo");
    FOLDS("Søren Kierkegård Ægir", "soren kierkegard aegir");
    FOLDS("Þórunn Guðmundsdóttir", "thorunn gudmundsdottir");
    FOLDS("Ðorđe Ǆukić", "dorde dzukic");
}

static void latin_eastern_and_turkish(void)
{
    FOLDS("Łukasz Żółkiewski", "lukasz zolkiewski");
    FOLDS("Wojciech Szczęsny Ślęzak", "wojciech szczesny slezak");
    FOLDS("Işıl Gürsoy", "isil gursoy");
    FOLDS("İsmail Çelik Ağaoğlu", "ismail celik agaoglu");
    FOLDS("ISIL", "isil");
    FOLDS("Dvořák Škoda Čapek", "dvorak skoda capek");
    FOLDS("Ştefan Ţiriac Ș Ț", "stefan tiriac s t");
    FOLDS("Kőrösi Csoma Ħal Ŀ", "korosi csoma hal l");
}

static void vietnamese(void)
{
    FOLDS("Nguyễn Thị Minh Khai", "nguyen thi minh khai");
    FOLDS("Đặng Văn Lâm", "dang van lam");
    FOLDS("Trương Ngọc Ánh", "truong ngoc anh");
    FOLDS("Phạm Thị Hương Ơn Ữ", "pham thi huong on u");
    /* Decomposed (NFD) input: the combining marks go too. */
    FOLDS("Nguye\xcc\x82\xcc\x83n", "nguyen");
}

static void cyrillic_and_greek(void)
{
    FOLDS("Иван Петров", "иван петров");
    FOLDS("ИВАН ПЕТРОВ", "иван петров");
    FOLDS("Пётр Фёдоров ЁЖИК", "петр федоров ежик");
    FOLDS("Андрей Йованович", "андрей йованович");
    FOLDS("Андре\xd0\xb8\xcc\x86", "андрей"); /* й written и + combining breve */
    FOLDS("Олександр Ґонта Їжак Єва", "олександр ґонта їжак єва");
    FOLDS("Ѐ Ѝ ЉЕЉА", "е и љеља");
    FOLDS("Γιώργος Παπαδόπουλος", "γιωργοσ παπαδοπουλοσ");
    FOLDS("ΆΝΝΑ ΕΥΘΥΜΊΑ", "αννα ευθυμια");
    FOLDS("Ϊ ΐ ϋ", "ι ι υ");
}

static void arabic(void)
{
    FOLDS("مُحَمَّد", "محمد");                      /* harakat and shadda */
    FOLDS("محـــمد", "محمد");                   /* tatweel */
    FOLDS("أحمد", "احمد");                      /* alef with hamza above */
    FOLDS("إبراهيم", "ابراهيم");                /* alef with hamza below */
    FOLDS("آمنة", "امنه");                      /* alef with madda, teh marbuta */
    FOLDS("مصطفى", "مصطفي");                    /* alef maksura */
    FOLDS("عبد الله، السيد", "عبد الله السيد"); /* Arabic comma */
    FOLDS("ٱلْقُرْآن", "القران");
}

static void punctuation_and_other_scripts(void)
{
    FOLDS("  Jean--Pierre  O'Neil,\tJr. ", "jean pierre o neil jr");
    FOLDS("Anne\xe2\x80\x94"
          "Marie \xe2\x80\x9c"
          "Annie\xe2\x80\x9d",
          "anne marie annie");
    FOLDS("Hawai\xca\xbbi", "hawai i");
    FOLDS("ＪＯＳＥ　ＧＡＲＣＩＡ", "jose garcia"); /* fullwidth, ideographic space */
    FOLDS("ジョン・スミス", "ジョン スミス");
    FOLDS("李娜", "李娜");
    FOLDS("조은지", "조은지");
    FOLDS("করিম ইসলাম", "করিম ইসলাম");
    FOLDS("ሙሉጌታ አሰፋ", "ሙሉጌታ አሰፋ");
    FOLDS("Ali\xe2\x80\x8c\xe2\x80\x8f", "ali"); /* joiner and direction mark vanish */
    FOLDS("R2-D2 & C-3PO", "r2 d2 c 3po");
    FOLDS("", "");
    FOLDS(" - ", "");
}

static void invalid_utf8_and_bounds(void)
{
    char out[8];
    FOLDS("ab\xff"
          "cd\xc3",
          "ab cd");
    FOLDS("\xc0\xaf\xed\xa0\x80x", "x"); /* overlong, surrogate */
    CHECK_INT(ly_fold("Ærø", out, 3), 2);
    CHECK_STR(out, "ae");
    CHECK_INT(ly_fold("Ærø", out, 4), 3);
    CHECK_STR(out, "aer");
    CHECK_INT(ly_fold("Иван", out, 4), 2); /* never half a character */
    CHECK_STR(out, "и");
    CHECK_INT(ly_fold("a b", out, 2), 1);
    CHECK_STR(out, "a");
    CHECK_INT(ly_fold("a b", out, 3), 1); /* no trailing space when the word does not fit */
    CHECK_STR(out, "a");
    CHECK_INT(ly_fold("abc", out, 1), 0);
    CHECK_STR(out, "");
    CHECK_INT(ly_fold("x", out, 0), 0);
}

/* Over every 1- and 2-byte character and a sample of 3-byte ones: valid output, never longer
 * than the input, and a fixed point. */
static void properties(void)
{
    char in[16], a[16], b[16];
    int bad = 0, checked = 0;
    for (unsigned long cp = 1; cp < 0x10000; cp += cp < 0x800 ? 1 : 7) {
        if (cp >= 0xD800 && cp < 0xE000)
            continue;
        size_t n = 0;
        if (cp < 0x80) {
            in[n++] = (char)cp;
        } else if (cp < 0x800) {
            in[n++] = (char)(0xC0 | cp >> 6);
            in[n++] = (char)(0x80 | (cp & 0x3F));
        } else {
            in[n++] = (char)(0xE0 | cp >> 12);
            in[n++] = (char)(0x80 | ((cp >> 6) & 0x3F));
            in[n++] = (char)(0x80 | (cp & 0x3F));
        }
        in[n++] = 'A';
        in[n] = '\0';
        size_t la = ly_fold(in, a, sizeof a), lb = ly_fold(a, b, sizeof b);
        checked++;
        if (la > n || !ly_utf8_valid(a, la) || la != strlen(a) || lb != la || strcmp(a, b) != 0 ||
            a[la - 1] != 'a') {
            if (bad++ < 5)
                fprintf(stderr, "U+%04lX: \"%s\" -> \"%s\" -> \"%s\"\n", cp, in, a, b);
        }
    }
    CHECK_INT(bad, 0);
    CHECK(checked > 10000);
}

int main(void)
{
    RUN(latin_western);
    RUN(latin_eastern_and_turkish);
    RUN(vietnamese);
    RUN(cyrillic_and_greek);
    RUN(arabic);
    RUN(punctuation_and_other_scripts);
    RUN(invalid_utf8_and_bounds);
    RUN(properties);
    return CHECK_DONE();
}
