/* test_ui_i18n.c - the kiosk's languages against the real catalogues: the ones `make` built in
 * build/locale from ui/po (and msgfmt --check on every .po), every msgid of ui/po/lanyard.pot
 * translated in the five languages with its placeholders kept, the .pot up to date with the ui
 * sources, every reason code of the gate with a message; lookups, placeholder substitution,
 * language tags; missing, damaged and big-endian catalogues. Renders each language's messages into
 * build/ui_i18n_languages.png to look at. Run from the top of the tree. */
#include <SDL.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "badge.h"
#include "check.h"
#include "gate.h"
#include "i18n.h"
#include "mo.h"
#include "msgs.h"
#include "text.h"
#include "tools/sdlpng.h"

#define LOCALEDIR "build/locale"
#define POT       "ui/po/lanyard.pot"
#define MAX_IDS   512

static const char *const LANG_TAGS[] = {"fr", "es", "ru", "zh", "ar"};

/* --- a small .po reader: the msgids of a catalogue ---------------------------------------------
 */

static char *ids[MAX_IDS];
static size_t nids;

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    char *buf = malloc(4 << 20);
    size_t n = buf ? fread(buf, 1, (4 << 20) - 1, f) : 0;
    fclose(f);
    if (buf)
        buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}

/* Appends the C-escaped string literal starting at p (after its opening quote) to out. */
static const char *unquote(const char *p, char *out, size_t *o, size_t cap)
{
    for (; *p && *p != '"'; p++) {
        char c = *p;
        if (c == '\\' && p[1]) {
            p++;
            c = *p == 'n' ? '\n' : *p == 't' ? '\t' : *p;
        }
        if (*o + 1 < cap)
            out[(*o)++] = c;
    }
    out[*o] = '\0';
    return p;
}

/* Reads every msgid (but the header's) of a .po or .pot file into out[]: a `msgid "..."` line
 * and the `"..."` lines that continue it. */
static size_t read_msgids(const char *path, char **out, size_t max)
{
    char *text = read_file(path, NULL);
    size_t n = 0;
    if (text == NULL)
        return 0;
    char buf[8192];
    size_t o = 0;
    bool in_id = false;
    for (char *line = text; *line;) {
        char *end = strchr(line, '\n');
        if (end)
            *end = '\0';
        if (strncmp(line, "msgid \"", 7) == 0) {
            o = 0;
            unquote(line + 7, buf, &o, sizeof buf);
            in_id = true;
        } else if (in_id && line[0] == '"') {
            unquote(line + 1, buf, &o, sizeof buf);
        } else if (in_id) {
            if (o > 0 && n < max)
                out[n++] = strdup(buf);
            in_id = false;
        }
        if (end == NULL)
            break;
        line = end + 1;
    }
    free(text);
    return n;
}

/* The placeholders {1}..{9} of s, as a count per digit. */
static void placeholders(const char *s, int count[10])
{
    memset(count, 0, 10 * sizeof count[0]);
    for (; *s; s++)
        if (s[0] == '{' && s[1] >= '1' && s[1] <= '9' && s[2] == '}')
            count[s[1] - '0']++;
}

static bool has_msgid(const char *msgid)
{
    for (size_t i = 0; i < nids; i++)
        if (strcmp(ids[i], msgid) == 0)
            return true;
    return false;
}

/* --- cases ----------------------------------------------------------------------------------- */

static void test_msgfmt_check_and_pot_up_to_date(void)
{
    for (size_t l = 0; l < 5; l++) {
        char cmd[256];
        snprintf(cmd, sizeof cmd, "msgfmt --check -o /dev/null ui/po/%s.po", LANG_TAGS[l]);
        CHECK_INT(system(cmd), 0);
    }
    /* xgettext over the ui sources now finds exactly the msgids of the committed template. */
    CHECK_INT(system("xgettext --from-code=UTF-8 --language=C --keyword= --keyword=T:2 "
                     "--keyword=N_ --msgid-bugs-address=x -o build/test_ui_i18n.pot ui/*.c"),
              0);
    char *fresh[MAX_IDS];
    size_t nfresh = read_msgids("build/test_ui_i18n.pot", fresh, MAX_IDS);
    CHECK(nfresh > 80);
    CHECK_INT(nfresh, nids);
    for (size_t i = 0; i < nfresh; i++) {
        if (!has_msgid(fresh[i]))
            fprintf(stderr, "  not in %s (run make pot): %s\n", POT, fresh[i]);
        CHECK(has_msgid(fresh[i]));
        free(fresh[i]);
    }
}

/* Every msgid is translated in every language, with the same placeholders; Arabic ones read
 * right to left from their first strong character, the others left to right. */
static void test_every_msgid_translated(void)
{
    CHECK(nids >= ly_reason_msgs_count + ly_screen_msgids_count);
    for (size_t l = 0; l < 5; l++) {
        char path[256], err[256];
        snprintf(path, sizeof path, LOCALEDIR "/%s/LC_MESSAGES/lanyard.mo", LANG_TAGS[l]);
        struct ly_mo *mo = NULL;
        CHECK(ly_mo_load(path, &mo, NULL, err, sizeof err));
        if (mo == NULL) {
            fprintf(stderr, "  %s\n", err);
            continue;
        }
        CHECK_INT(ly_mo_count(mo), nids);
        enum ly_lang lang;
        CHECK(ly_lang_from_tag(LANG_TAGS[l], &lang));
        for (size_t i = 0; i < nids; i++) {
            const char *tr = ly_mo_lookup(mo, ids[i]);
            if (tr == NULL) {
                fprintf(stderr, "  %s: no translation of \"%s\"\n", LANG_TAGS[l], ids[i]);
                CHECK(tr != NULL);
                continue;
            }
            int want[10], got[10];
            placeholders(ids[i], want);
            placeholders(tr, got);
            bool same = memcmp(want, got, sizeof want) == 0;
            if (!same)
                fprintf(stderr, "  %s: placeholders differ in \"%s\"\n", LANG_TAGS[l], tr);
            CHECK(same);
            CHECK(ly_text_is_rtl(tr) == ly_lang_rtl(lang));
        }
        ly_mo_free(mo);
    }
}

/* msgs.c lists every message the gate can give (reason codes of gate.c and of badge.c's
 * statuses, the badge sentences word for word), and everything it lists is in the template. */
static void test_msgs_cover_the_gate(void)
{
    for (size_t i = 0; i < ly_reason_msgs_count; i++)
        CHECK(has_msgid(ly_reason_msgs[i].msgid));
    for (size_t i = 0; i < ly_screen_msgids_count; i++)
        CHECK(has_msgid(ly_screen_msgids[i]));
    for (int st = LY_BADGE_MALFORMED; st <= LY_BADGE_EXPIRED; st++) {
        const struct ly_reason_msg *m =
            ly_msgs_reason(ly_badge_status_name((enum ly_badge_status)st));
        CHECK(m != NULL);
        if (m)
            CHECK_STR(m->msgid, ly_badge_status_text((enum ly_badge_status)st));
    }
    /* Every reason the gate can give has a message, and it is the gate's own template: the
     * screen looks the template up as it comes in the decision. */
    size_t n = 0;
    const struct ly_reason_template *r = ly_gate_reasons(&n);
    CHECK(n >= 20);
    for (size_t i = 0; i < n; i++) {
        const struct ly_reason_msg *m = ly_msgs_reason(r[i].code);
        if (m == NULL || strcmp(m->msgid, r[i].template) != 0)
            fprintf(stderr, "  gate reason \"%s\": \"%s\" is not the message in ui/msgs.c\n",
                    r[i].code, r[i].template);
        CHECK(m != NULL && strcmp(m->msgid, r[i].template) == 0);
    }
    CHECK(ly_msgs_reason("no_such_code") == NULL);
    CHECK(ly_msgs_reason(NULL) == NULL);
}

static void test_lookups(void)
{
    char err[256] = "x";
    struct ly_i18n *t = NULL;
    CHECK(ly_i18n_open(LOCALEDIR, &t, err, sizeof err));
    CHECK_STR(err, "");
    CHECK_STR(ly_i18n_get(t, LY_LANG_FR, "Welcome"), "Bienvenue");
    CHECK_STR(ly_i18n_get(t, LY_LANG_ES, "Search"), "Buscar");
    CHECK_STR(ly_i18n_get(t, LY_LANG_RU, "Cancel"), "Отмена");
    CHECK_STR(ly_i18n_get(t, LY_LANG_ZH, "Welcome"), "欢迎");
    CHECK_STR(ly_i18n_get(t, LY_LANG_AR, "Exit"), "المخرج");
    CHECK_STR(ly_i18n_get(t, LY_LANG_ZH, "This badge has expired."), "此证件已过期。");
    CHECK_STR(ly_i18n_get(t, LY_LANG_FR, "The venue opens at {1}."), "Le site ouvre à {1}.");
    /* French spacing: a no-break space before the colon. */
    CHECK_STR(ly_i18n_get(t, LY_LANG_FR, "Session: {1}"), "Séance\xc2\xa0: {1}");
    const char *id = "Welcome";
    CHECK(ly_i18n_get(t, LY_LANG_EN, id) == id);
    const char *unknown = "No such message";
    CHECK(ly_i18n_get(t, LY_LANG_FR, unknown) == unknown);
    CHECK(ly_i18n_get(t, LY_LANG_COUNT, id) == id);
    CHECK(ly_i18n_get(t, (enum ly_lang) - 1, id) == id);
    CHECK(ly_i18n_get(NULL, LY_LANG_FR, id) == id);
    CHECK(ly_i18n_get(t, LY_LANG_FR, NULL) == NULL);
#define LY_I18N t
    CHECK_STR(T(LY_LANG_RU, "Language"), "Язык");
#undef LY_I18N
    ly_i18n_close(t);
    ly_i18n_close(NULL);
}

static void test_format(void)
{
    char out[128];
    const char *args[] = {"Room 3", "120", "120"};
    CHECK(ly_i18n_format(out, sizeof out, "{1} is full ({2} of {3} places).", args, 3));
    CHECK_STR(out, "Room 3 is full (120 of 120 places).");
    CHECK(ly_i18n_format(out, sizeof out, "{3}-{2}-{1}-{1}", args, 3));
    CHECK_STR(out, "120-120-Room 3-Room 3");
    CHECK(ly_i18n_format(out, sizeof out, "a {2} b {4} c", args, 2));
    CHECK_STR(out, "a 120 b  c"); /* {4}: no argument */
    const char *holes[] = {"x", NULL};
    CHECK(ly_i18n_format(out, sizeof out, "[{1}{2}]", holes, 2));
    CHECK_STR(out, "[x]");
    CHECK(ly_i18n_format(out, sizeof out, "{0} {x} {10} {1 } {{1}} {", args, 3));
    CHECK_STR(out, "{0} {x} {10} {1 } {Room 3} {");
    CHECK(ly_i18n_format(out, sizeof out, NULL, args, 3));
    CHECK_STR(out, "");
    CHECK(ly_i18n_format(out, sizeof out, "{1}", NULL, 0));
    CHECK_STR(out, "");
    /* Truncation: false, NUL-terminated, cut between characters. */
    char small[8];
    const char *zh[] = {"中文中文"}; /* 12 bytes */
    CHECK(!ly_i18n_format(small, sizeof small, "<{1}>", zh, 1));
    CHECK_STR(small, "<中文"); /* 1 + 3 + 3 bytes; the third character does not fit */
    CHECK(!ly_i18n_format(small, sizeof small, "0123456789", NULL, 0));
    CHECK_STR(small, "0123456");
    CHECK(ly_i18n_format(small, sizeof small, "0123456", NULL, 0));
    char one[1] = {'z'};
    CHECK(!ly_i18n_format(one, 1, "a", NULL, 0));
    CHECK_INT(one[0], '\0');
    CHECK(ly_i18n_format(one, 1, "", NULL, 0));
    CHECK(!ly_i18n_format(NULL, 0, "a", NULL, 0));
}

static void test_tags(void)
{
    static const struct {
        const char *tag;
        bool ok;
        enum ly_lang lang;
    } cases[] = {
        {"en", true, LY_LANG_EN},
        {"fr", true, LY_LANG_FR},
        {"fr-CA", true, LY_LANG_FR},
        {"FR_fr.UTF-8", true, LY_LANG_FR},
        {"es-419", true, LY_LANG_ES},
        {"ru", true, LY_LANG_RU},
        {"zh-Hans", true, LY_LANG_ZH},
        {"zh-Hant-TW", true, LY_LANG_ZH},
        {"zh_CN", true, LY_LANG_ZH},
        {"ar", true, LY_LANG_AR},
        {"ar-EG", true, LY_LANG_AR},
        {"fra", true, LY_LANG_FR},
        {"chi", true, LY_LANG_ZH},
        {"ara", true, LY_LANG_AR},
        {"en@quot", true, LY_LANG_EN},
        {"de", false, LY_LANG_EN},
        {"pt-BR", false, LY_LANG_EN},
        {"", false, LY_LANG_EN},
        {"f", false, LY_LANG_EN},
        {"fren", false, LY_LANG_EN},
        {"f1", false, LY_LANG_EN},
        {"-fr", false, LY_LANG_EN},
        {"français", false, LY_LANG_EN},
        {"zh-Hans-CN-x-private-use-tags-here-long", false, LY_LANG_EN},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        enum ly_lang l = LY_LANG_COUNT;
        bool ok = ly_lang_from_tag(cases[i].tag, &l);
        if (ok != cases[i].ok)
            fprintf(stderr, "  tag \"%s\"\n", cases[i].tag);
        CHECK(ok == cases[i].ok);
        if (ok)
            CHECK_INT(l, cases[i].lang);
    }
    enum ly_lang l;
    CHECK(!ly_lang_from_tag(NULL, &l));
    static const char *const tags[] = {"en", "fr", "es", "ru", "zh", "ar"};
    static const char *const names[] = {"English", "Français", "Español",
                                        "Русский", "中文",     "العربية"};
    for (int i = 0; i < LY_LANG_COUNT; i++) {
        CHECK_STR(ly_lang_tag((enum ly_lang)i), tags[i]);
        CHECK_STR(ly_lang_native_name((enum ly_lang)i), names[i]);
        CHECK(ly_lang_from_tag(ly_lang_tag((enum ly_lang)i), &l) && l == (enum ly_lang)i);
        CHECK(ly_lang_rtl((enum ly_lang)i) == (i == LY_LANG_AR));
        CHECK(ly_text_is_rtl(names[i]) == (i == LY_LANG_AR));
    }
    CHECK_STR(ly_lang_tag(LY_LANG_COUNT), "en");
    CHECK_STR(ly_lang_native_name((enum ly_lang)99), "English");
}

static bool write_file(const char *path, const void *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    bool ok = f && fwrite(data, 1, n, f) == n;
    if (f)
        ok = fclose(f) == 0 && ok;
    return ok;
}

static uint32_t le32(const uint8_t *p)
{
    return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

static void put_be32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

/* A catalogue missing is English with a warning; a damaged one is an error naming the file; a
 * big-endian one reads the same as the little-endian msgfmt wrote. */
static void test_missing_damaged_big_endian(void)
{
    char dir[] = "/tmp/test_ui_i18n.XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char path[512], err[512];
    size_t len = 0;
    char *fr = read_file(LOCALEDIR "/fr/LC_MESSAGES/lanyard.mo", &len);
    CHECK(fr != NULL && len > 28);
    if (fr == NULL)
        return;
    snprintf(path, sizeof path, "%s/fr", dir);
    mkdir(path, 0700);
    snprintf(path, sizeof path, "%s/fr/LC_MESSAGES", dir);
    mkdir(path, 0700);
    snprintf(path, sizeof path, "%s/fr/LC_MESSAGES/lanyard.mo", dir);
    CHECK(write_file(path, fr, len));
    struct ly_i18n *t = NULL;
    CHECK(ly_i18n_open(dir, &t, err, sizeof err));
    CHECK(strstr(err, "es, ru, zh, ar") != NULL && strstr(err, "English") != NULL);
    CHECK_STR(ly_i18n_get(t, LY_LANG_FR, "Welcome"), "Bienvenue");
    CHECK_STR(ly_i18n_get(t, LY_LANG_AR, "Welcome"), "Welcome");
    ly_i18n_close(t);

    /* Damaged: cut short, a bad magic number, a string offset past the end, bad UTF-8. */
    uint8_t *bad = malloc(len);
    for (int k = 0; k < 4; k++) {
        memcpy(bad, fr, len);
        size_t n = len;
        if (k == 0)
            n = len / 2;
        else if (k == 1)
            bad[0] ^= 0xFF;
        else if (k == 2)
            put_be32(bad + le32(bad + 12) + 12, 0xFFFFFF00u); /* orig[1].offset, reversed: huge */
        else {
            uint32_t off = le32(bad + le32(bad + 16) + 8 * 5 + 4); /* translation 5 */
            bad[off] = (uint8_t)0xC3;
            bad[off + 1] = (uint8_t)'(';
        }
        CHECK(write_file(path, bad, n));
        t = NULL;
        err[0] = '\0';
        CHECK(!ly_i18n_open(dir, &t, err, sizeof err));
        CHECK(t == NULL);
        CHECK(strstr(err, "fr/LC_MESSAGES/lanyard.mo") != NULL);
    }
    /* Big-endian: every header word and table entry swapped. */
    memcpy(bad, fr, len);
    uint32_t n = le32(bad + 8), orig = le32(bad + 12), trans = le32(bad + 16);
    uint32_t hsize = le32(bad + 20), hoff = le32(bad + 24);
    for (uint32_t w = 0; w < 7; w++)
        put_be32(bad + 4 * w, le32((uint8_t *)fr + 4 * w));
    for (uint32_t i = 0; i < 2 * n; i++) {
        put_be32(bad + orig + 4 * i, le32((uint8_t *)fr + orig + 4 * i));
        put_be32(bad + trans + 4 * i, le32((uint8_t *)fr + trans + 4 * i));
    }
    for (uint32_t i = 0; i < hsize && hoff + 4 * i + 4 <= len; i++)
        put_be32(bad + hoff + 4 * i, le32((uint8_t *)fr + hoff + 4 * i));
    struct ly_mo *be = NULL, *le = NULL;
    CHECK(bad[0] == 0x95 && bad[3] == 0xde);
    CHECK(ly_mo_parse(bad, len, "be.mo", &be, err, sizeof err));
    CHECK(ly_mo_parse(fr, len, "le.mo", &le, err, sizeof err));
    CHECK(be && le && ly_mo_count(be) == ly_mo_count(le) && ly_mo_count(le) == nids);
    for (size_t i = 0; be && le && i < nids; i++)
        CHECK_STR(ly_mo_lookup(be, ids[i]), ly_mo_lookup(le, ids[i]));
    ly_mo_free(be);
    ly_mo_free(le);
    CHECK(!ly_mo_parse("\xde\x12\x04\x95", 4, "tiny.mo", &be, err, sizeof err));
    CHECK(strstr(err, "tiny.mo") != NULL);
    /* A catalogue in another charset (msgfmt keeps the one the .po declares) is refused. */
    static const char latin1[] = "msgid \"\"\nmsgstr \"Content-Type: text/plain; "
                                 "charset=ISO-8859-1\\n\"\n\nmsgid \"Exit\"\nmsgstr \"Sortie\"\n";
    CHECK(write_file("build/test_ui_i18n_latin1.po", latin1, sizeof latin1 - 1));
    CHECK_INT(system("msgfmt -o build/test_ui_i18n_latin1.mo build/test_ui_i18n_latin1.po"), 0);
    CHECK(!ly_mo_load("build/test_ui_i18n_latin1.mo", &be, NULL, err, sizeof err));
    CHECK(strstr(err, "ISO-8859-1") != NULL);
    free(bad);
    free(fr);
    unlink(path);
    snprintf(path, sizeof path, "%s/fr/LC_MESSAGES", dir);
    rmdir(path);
    snprintf(path, sizeof path, "%s/fr", dir);
    rmdir(path);
    rmdir(dir);
}

/* Each language's name and a few of its messages, drawn by the text layer, to look at. */
static void test_render_languages(void)
{
    char err[256];
    struct ly_i18n *t = NULL;
    struct ly_text *tx = NULL;
    CHECK(ly_i18n_open(LOCALEDIR, &t, err, sizeof err));
    CHECK(ly_text_open(NULL, NULL, &tx, err, sizeof err));
    if (t == NULL || tx == NULL) {
        ly_i18n_close(t);
        ly_text_close(tx);
        return;
    }
    const int W = 1000, PX = 26;
    SDL_Surface *sheet = SDL_CreateRGBSurfaceWithFormat(0, W, 1400, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_FillRect(sheet, NULL, SDL_MapRGBA(sheet->format, 0, 0, 0, 0));
    int y = 0;
    for (int l = 0; l < LY_LANG_COUNT && sheet; l++) {
        char line[1024];
        const char *args[] = {"14:30", "Internet Governance Forum 2026: Opening Ceremony"};
        CHECK(ly_i18n_format(line, sizeof line,
                             ly_i18n_get(t, (enum ly_lang)l, "The doors open at {1} for \"{2}\"."),
                             args, 2));
        char text[2048];
        snprintf(text, sizeof text, "%s — %s\n%s %s\n%s", ly_lang_native_name((enum ly_lang)l),
                 ly_i18n_get(t, (enum ly_lang)l, "Welcome"),
                 ly_i18n_get(t, (enum ly_lang)l, "Not admitted"),
                 ly_i18n_get(t, (enum ly_lang)l,
                             "This badge was replaced by a newer one. Please use the new badge "
                             "or see the badge desk."),
                 line);
        SDL_Surface *s = ly_text_render(tx, text, PX, LY_TEXT_REGULAR, (SDL_Color){10, 20, 60, 255},
                                        W, 0, LY_TEXT_START, err, sizeof err);
        CHECK(s != NULL);
        if (s == NULL)
            continue;
        SDL_Rect at = {0, y, 0, 0};
        SDL_BlitSurface(s, NULL, sheet, &at);
        y += s->h + PX / 2;
        SDL_FreeSurface(s);
    }
    if (sheet) {
        SDL_Rect used = {0, 0, W, y};
        SDL_Surface *crop = SDL_CreateRGBSurfaceWithFormat(0, W, y, 32, SDL_PIXELFORMAT_ARGB8888);
        SDL_SetSurfaceBlendMode(sheet, SDL_BLENDMODE_NONE);
        SDL_BlitSurface(sheet, &used, crop, NULL);
        CHECK(
            ly_sdl_write_png(crop, (SDL_Color){255, 255, 255, 255}, "build/ui_i18n_languages.png"));
        SDL_FreeSurface(crop);
        SDL_FreeSurface(sheet);
    }
    ly_text_close(tx);
    ly_i18n_close(t);
}

int main(void)
{
    nids = read_msgids(POT, ids, MAX_IDS);
    if (nids == 0) {
        fprintf(stderr, "cannot read %s (run from the top of the tree)\n", POT);
        printf("not ok - read %s\n", POT);
        return 1;
    }
    RUN(test_msgfmt_check_and_pot_up_to_date);
    RUN(test_every_msgid_translated);
    RUN(test_msgs_cover_the_gate);
    RUN(test_lookups);
    RUN(test_format);
    RUN(test_tags);
    RUN(test_missing_damaged_big_endian);
    RUN(test_render_languages);
    for (size_t i = 0; i < nids; i++)
        free(ids[i]);
    return CHECK_DONE();
}
