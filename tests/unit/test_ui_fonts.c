/* test_ui_fonts.c - the screen's faces, chosen through fontconfig by coverage, against the fonts
 * installed on this machine: every message of the six catalogues and every demo name (in all
 * their scripts) shaped by HarfBuzz with the faces the text layer picks, none to a missing glyph
 * (.notdef); a preferred family that is not installed (a fontconfig configuration that rejects its
 * files, as if its package were removed) gives way to another face that covers the script; a
 * script that no face covers is reported; the operator's fonts come first; bad font settings fail
 * at open. Run from the top of the tree (it reads build/locale). */
#include <SDL.h>
#include <hb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "demo_data.h"
#include "fontset.h"
#include "i18n.h"
#include "msgs.h"
#include "text.h"

#define LOCALEDIR "build/locale"
#define NOTO_TTF  "/usr/share/fonts/truetype/noto/"
#define PX        32

/* --- HarfBuzz, directly ------------------------------------------------------------------------
 */

/* The faces shaped so far, by file and index (HarfBuzz loads a 20 MB collection once). */
#define HB_FACES 64
static struct {
    char *file;
    long index;
    hb_font_t *font;
} hb_cache[HB_FACES];

static hb_font_t *hb_font_for(const char *file, long index)
{
    int i = 0;
    for (; i < HB_FACES && hb_cache[i].file; i++)
        if (strcmp(hb_cache[i].file, file) == 0 && hb_cache[i].index == index)
            return hb_cache[i].font;
    if (i == HB_FACES)
        return NULL;
    hb_blob_t *blob = hb_blob_create_from_file(file);
    hb_face_t *face = hb_face_create(blob, (unsigned)index);
    hb_cache[i].file = strdup(file);
    hb_cache[i].index = index;
    hb_cache[i].font = hb_font_create(face);
    hb_face_destroy(face);
    hb_blob_destroy(blob);
    return hb_cache[i].font;
}

static void hb_cache_free(void)
{
    for (int i = 0; i < HB_FACES && hb_cache[i].file; i++) {
        free(hb_cache[i].file);
        hb_font_destroy(hb_cache[i].font);
        hb_cache[i].file = NULL;
    }
}

struct shaped {
    const char *what; /* the text's label, for messages */
    long runs, glyphs, notdef;
    bool quiet; /* a case that expects .notdef says nothing of each */
};

/* Shapes one run with its face, script and direction; counts the glyphs HarfBuzz gives 0. */
static void shape_run(void *ctx, const struct ly_text_run *run)
{
    struct shaped *sh = ctx;
    sh->runs++;
    hb_font_t *font = run->file ? hb_font_for(run->file, run->index) : NULL;
    if (font == NULL) {
        fprintf(stderr, "%s: run \"%s\" has no face\n", sh->what, run->utf8);
        sh->notdef++;
        return;
    }
    hb_buffer_t *buf = hb_buffer_create();
    hb_buffer_add_utf8(buf, run->utf8, -1, 0, -1);
    hb_buffer_set_direction(buf, run->rtl ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
    hb_buffer_set_script(buf, hb_script_from_string(run->script, -1));
    hb_buffer_guess_segment_properties(buf);
    hb_shape(font, buf, NULL, 0);
    unsigned n = 0;
    const hb_glyph_info_t *g = hb_buffer_get_glyph_infos(buf, &n);
    for (unsigned i = 0; i < n; i++) {
        sh->glyphs++;
        if (g[i].codepoint != 0)
            continue;
        sh->notdef++;
        if (!sh->quiet)
            fprintf(stderr, "%s: .notdef in run \"%s\" (%s, %s, face %s)\n", sh->what, run->utf8,
                    run->script, run->rtl ? "rtl" : "ltr", run->file);
    }
    hb_buffer_destroy(buf);
}

/* Shapes text in both weights; adds to *sh. Returns false when the text layer fails. */
static bool shape_text(struct ly_text *t, const char *text, struct shaped *sh)
{
    char err[256];
    for (int w = 0; w < 2; w++)
        if (!ly_text_runs(t, text, PX, (enum ly_text_weight)w, shape_run, sh, err, sizeof err)) {
            fprintf(stderr, "%s: %s\n", sh->what, err);
            return false;
        }
    return true;
}

/* Writes a fontconfig configuration: the system's, with files matching reject (a glob; NULL for
 * none) taken away. Returns its path in a static buffer. */
static const char *fc_config(const char *reject)
{
    static char path[4200];
    char cwd[4096];
    if (getcwd(cwd, sizeof cwd) == NULL)
        return NULL;
    snprintf(path, sizeof path, "%s/build/test_ui_fonts_%d.conf", cwd, (int)getpid());
    FILE *f = fopen(path, "w");
    if (f == NULL)
        return NULL;
    fprintf(f, "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n"
               "<fontconfig>\n  <include ignore_missing=\"no\">/etc/fonts/fonts.conf</include>\n");
    if (reject)
        fprintf(f, "  <selectfont><rejectfont><glob>%s</glob></rejectfont></selectfont>\n", reject);
    fprintf(f, "</fontconfig>\n");
    fclose(f);
    return path;
}

static int pick_face(struct ly_fontset *fs, enum ly_script s, uint32_t cp, const char *want)
{
    int face = ly_fontset_pick(fs, s, false, cp, PX);
    CHECK_STR(ly_fontset_face_name(fs, face), want);
    return face;
}

/* --- cases -------------------------------------------------------------------------------------
 */

/* Every string the screens show, in every language, shapes without a missing glyph. */
static void test_catalogues_have_every_glyph(void)
{
    char err[256];
    struct ly_i18n *cat = NULL;
    struct ly_text *t = NULL;
    CHECK(ly_i18n_open(LOCALEDIR, &cat, err, sizeof err));
    CHECK(ly_text_open(NULL, NULL, &t, err, sizeof err));
    if (cat == NULL || t == NULL) {
        fprintf(stderr, "%s\n", err);
        ly_i18n_close(cat);
        ly_text_close(t);
        return;
    }
    CHECK_STR(ly_text_missing_scripts(t), "");
    struct shaped sh = {0};
    size_t texts = 0;
    for (int l = 0; l < LY_LANG_COUNT; l++) {
        char what[96];
        snprintf(what, sizeof what, "%s catalogue", ly_lang_tag((enum ly_lang)l));
        sh.what = what;
        CHECK(shape_text(t, ly_lang_native_name((enum ly_lang)l), &sh));
        for (size_t i = 0; i < ly_screen_msgids_count; i++, texts++)
            CHECK(shape_text(t, ly_i18n_get(cat, (enum ly_lang)l, ly_screen_msgids[i]), &sh));
        for (size_t i = 0; i < ly_reason_msgs_count; i++, texts++)
            CHECK(shape_text(t, ly_i18n_get(cat, (enum ly_lang)l, ly_reason_msgs[i].msgid), &sh));
    }
    fprintf(stderr, "catalogues: %zu texts, %ld runs, %ld glyphs, %ld missing\n", texts, sh.runs,
            sh.glyphs, sh.notdef);
    CHECK(texts >= 6 * 80); /* the screens have about 90 strings */
    CHECK(sh.glyphs > 20000);
    CHECK_INT(sh.notdef, 0);
    ly_text_close(t);
    ly_i18n_close(cat);
}

/* Every name of the demo's pools, in its own script and romanized, shapes without a missing
 * glyph. */
static void test_demo_names_have_every_glyph(void)
{
    char err[256];
    struct ly_text *t = NULL;
    CHECK(ly_text_open(NULL, NULL, &t, err, sizeof err));
    if (t == NULL)
        return;
    struct shaped sh = {0};
    size_t names = 0;
    for (int p = 0; p < POOL_COUNT; p++) {
        const struct demo_pool *pool = demo_pool((enum demo_pool_id)p);
        sh.what = pool->id;
        for (size_t i = 0; i < pool->nmale; i++, names++)
            CHECK(shape_text(t, pool->male[i].native, &sh) &&
                  shape_text(t, pool->male[i].latin, &sh));
        for (size_t i = 0; i < pool->nfemale; i++, names++)
            CHECK(shape_text(t, pool->female[i].native, &sh) &&
                  shape_text(t, pool->female[i].latin, &sh));
        for (size_t i = 0; i < pool->nfamily; i++, names++) {
            const struct demo_family *f = &pool->family[i];
            CHECK(shape_text(t, f->native, &sh) && shape_text(t, f->latin, &sh));
            if (f->native_f)
                CHECK(shape_text(t, f->native_f, &sh) && shape_text(t, f->latin_f, &sh));
        }
    }
    fprintf(stderr, "demo names: %zu names, %ld runs, %ld glyphs, %ld missing\n", names, sh.runs,
            sh.glyphs, sh.notdef);
    CHECK(names > 1000);
    CHECK_INT(sh.notdef, 0);
    ly_text_close(t);
}

/* The faces this machine's packages give (board/deps.sh): the preferred ones. */
static void test_preferred_faces(void)
{
    char err[256];
    struct ly_fontset *fs = NULL;
    CHECK(ly_fontset_open(NULL, NULL, &fs, err, sizeof err));
    if (fs == NULL)
        return;
    pick_face(fs, LY_SCRIPT_LATIN, 'a', "NotoSans-Regular.ttf");
    pick_face(fs, LY_SCRIPT_CYRILLIC, 0x0436, "NotoSans-Regular.ttf");
    pick_face(fs, LY_SCRIPT_ARABIC, 0x0645, "NotoSansArabicUI-Regular.ttf");
    pick_face(fs, LY_SCRIPT_DEVANAGARI, 0x0915, "NotoSansDevanagariUI-Regular.ttf");
    pick_face(fs, LY_SCRIPT_ETHIOPIC, 0x1200, "NotoSansEthiopic-Regular.ttf");
    pick_face(fs, LY_SCRIPT_HAN, 0x4E2D, "NotoSansCJK-Regular.ttc");
    CHECK_STR(ly_fontset_face_name(fs, ly_fontset_pick(fs, LY_SCRIPT_ARABIC, true, 0x0645, PX)),
              "NotoSansArabicUI-Bold.ttf");
    /* A symbol no script face has comes from the face that has it. */
    int arrow = ly_fontset_pick(fs, LY_SCRIPT_LATIN, false, 0x2B95, PX);
    CHECK(ly_fontset_has(fs, arrow, 0x2B95, PX));
    CHECK_STR(ly_fontset_missing(fs), "");
    ly_fontset_close(fs);
}

/* The Arabic UI package removed: Arabic comes from another installed face, fully shaped. */
static void test_without_preferred_package(void)
{
    char err[256];
    const char *conf = fc_config("/usr/share/fonts/truetype/noto/*ArabicUI-*");
    CHECK(conf != NULL);
    setenv("FONTCONFIG_FILE", conf, 1);
    struct ly_fontset *fs = NULL;
    struct ly_text *t = NULL;
    struct ly_i18n *cat = NULL;
    CHECK(ly_fontset_open(NULL, NULL, &fs, err, sizeof err));
    CHECK(ly_text_open(NULL, NULL, &t, err, sizeof err));
    CHECK(ly_i18n_open(LOCALEDIR, &cat, err, sizeof err));
    if (fs && t && cat) {
        pick_face(fs, LY_SCRIPT_ARABIC, 0x0645, "NotoSansArabic-Regular.ttf");
        CHECK_STR(ly_fontset_missing(fs), "");
        struct shaped sh = {.what = "ar without fonts-noto-ui-core"};
        for (size_t i = 0; i < ly_screen_msgids_count; i++)
            CHECK(shape_text(t, ly_i18n_get(cat, LY_LANG_AR, ly_screen_msgids[i]), &sh));
        CHECK(sh.glyphs > 1000);
        CHECK_INT(sh.notdef, 0);
    }
    ly_i18n_close(cat);
    ly_text_close(t);
    ly_fontset_close(fs);
    unsetenv("FONTCONFIG_FILE");
    unlink(conf);
}

/* No face covers Ethiopic: reported, and the test's own .notdef detector sees the boxes. */
static void test_script_without_face_reported(void)
{
    char err[256];
    const char *conf = fc_config("*Ethiopic*");
    CHECK(conf != NULL);
    setenv("FONTCONFIG_FILE", conf, 1);
    struct ly_text *t = NULL;
    CHECK(ly_text_open(NULL, NULL, &t, err, sizeof err));
    if (t) {
        CHECK_STR(ly_text_missing_scripts(t), "Ethiopic");
        struct shaped sh = {.what = "Amharic without Ethiopic fonts", .quiet = true};
        CHECK(shape_text(t, "አበበ Abebe", &sh));
        CHECK(sh.notdef >= 2 * 3);
    }
    ly_text_close(t);
    unsetenv("FONTCONFIG_FILE");
    unlink(conf);
}

/* The operator's fonts come before the built-in choices, for the scripts they cover. */
static void test_operator_fonts(void)
{
    char err[256];
    struct ly_fontset *fs = NULL;
    CHECK(ly_fontset_open(NULL, "Noto Naskh Arabic", &fs, err, sizeof err));
    if (fs) {
        pick_face(fs, LY_SCRIPT_ARABIC, 0x0645, "NotoNaskhArabic-Regular.ttf");
        pick_face(fs, LY_SCRIPT_LATIN, 'a', "NotoSans-Regular.ttf");
        ly_fontset_close(fs);
    }
    fs = NULL;
    CHECK(ly_fontset_open(NULL, " Noto Serif , " NOTO_TTF "NotoKufiArabic-Regular.ttf", &fs, err,
                          sizeof err));
    if (fs) {
        pick_face(fs, LY_SCRIPT_ARABIC, 0x0645, "NotoKufiArabic-Regular.ttf");
        pick_face(fs, LY_SCRIPT_LATIN, 'a', "NotoSerif-Regular.ttf");
        pick_face(fs, LY_SCRIPT_HAN, 0x4E2D, "NotoSansCJK-Regular.ttc");
        ly_fontset_close(fs);
    }
}

/* Settings that cannot work fail at open with a sentence that names them. */
static void test_bad_settings(void)
{
    char err[256] = "";
    struct ly_fontset *fs = NULL;
    CHECK(!ly_fontset_open(NULL, "Comic Nonexistent", &fs, err, sizeof err));
    CHECK(strstr(err, "Comic Nonexistent is not installed") != NULL);
    CHECK(!ly_fontset_open(NULL, "/nonexistent/font.ttf", &fs, err, sizeof err));
    CHECK(strstr(err, "/nonexistent/font.ttf") != NULL);
    CHECK(!ly_fontset_open("/nonexistent", NULL, &fs, err, sizeof err));
    CHECK(strstr(err, "/nonexistent is not a folder") != NULL);
    CHECK(!ly_fontset_open(NULL, "a,b,c,d,e,f,g,h,i", &fs, err, sizeof err));
    CHECK(strstr(err, "more than") != NULL);
    CHECK(fs == NULL);
    /* A machine with no font at all (an empty configuration) cannot draw. */
    char cwd[2048], conf[2200];
    CHECK(getcwd(cwd, sizeof cwd) != NULL);
    snprintf(conf, sizeof conf, "%s/build/test_ui_fonts_empty_%d.conf", cwd, (int)getpid());
    FILE *f = fopen(conf, "w");
    CHECK(f != NULL);
    if (f) {
        fprintf(f,
                "<?xml version=\"1.0\"?>\n"
                "<fontconfig><cachedir>%s/build/test_ui_fonts_cache</cachedir></fontconfig>\n",
                cwd);
        fclose(f);
    }
    setenv("FONTCONFIG_FILE", conf, 1);
    CHECK(!ly_fontset_open(NULL, NULL, &fs, err, sizeof err));
    CHECK(strstr(err, "no installed font draws Latin") != NULL);
    CHECK(fs == NULL);
    /* A folder given to the kiosk brings its fonts in. */
    fs = NULL;
    CHECK(ly_fontset_open(NOTO_TTF, NULL, &fs, err, sizeof err));
    if (fs) {
        pick_face(fs, LY_SCRIPT_LATIN, 'a', "NotoSans-Regular.ttf");
        pick_face(fs, LY_SCRIPT_ARABIC, 0x0645, "NotoSansArabicUI-Regular.ttf");
        /* The CJK collection is in the other folder: Han is reported, not drawn as boxes. */
        CHECK(strstr(ly_fontset_missing(fs), "Han") != NULL);
        ly_fontset_close(fs);
    }
    unsetenv("FONTCONFIG_FILE");
    unlink(conf);
}

int main(void)
{
    RUN(test_catalogues_have_every_glyph);
    RUN(test_demo_names_have_every_glyph);
    RUN(test_preferred_faces);
    RUN(test_without_preferred_package);
    RUN(test_script_without_face_reported);
    RUN(test_operator_fonts);
    RUN(test_bad_settings);
    hb_cache_free();
    return CHECK_DONE();
}
