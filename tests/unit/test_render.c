/* test_render.c - badge cards: PNG and PDF output, page sizes, QR version and decoding (ZBar, as
 * a kiosk reads it), names fitted without overflow in Arabic, Chinese, Cyrillic, Devanagari and
 * long Latin, the category band, errors, and the rendered sheet against the committed reference
 * image tests/data/render/reference-badges.png (LY_UPDATE_REFERENCE=1 rewrites it). */
#include <cairo.h>
#include <dirent.h>
#include <math.h>
#include <sodium.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zbar.h>

#include "../check.h"
#include "../tools/pngcmp.h"
#include "badge/badge.h"
#include "print/render.h"
#include "event/vocab.h"

#define REFERENCE     "tests/data/render/reference-badges.png"
#define REFERENCE_DPI 100
/* Fraction of pixels that may differ, for font rasterizer updates. Measured: the Arabic name
 * drawn unjoined differs by 1.0% of the sheet, its words in left-to-right order by 0.6%. */
#define REF_TOLERANCE 0.002
#define CARD_W_MM     105.0
#define CARD_H_MM     148.0

/* A fixed, valid-looking code of the longest length (144 characters, window included). */
static const char fixed_code[] =
    "LY1:AEAQCAIBAEAQCAIBAEAQCAIBAEAQCAIBAEAQCAIBAEAQCAIBAEAQCAIBAEAQCAIBAEAQCAIBAEAQCAIBAEAQCAIB"
    "AEAQCAIBAEAQCAIBAEAQCAIBAEAQCAIBAEAQCAIBAEAQCAIBAEAQ";

static char tmpdir[64];

enum { ARABIC, CHINESE, CYRILLIC, DEVANAGARI, LONG_LATIN, ENDLESS_LATIN, NCARDS };

static struct ly_card cards[NCARDS] = {
    [ARABIC] = {.name = "فاطمة الزهراء بن علي",
                .name_latin = "Fatima Al-Zahraa Ben Ali",
                .affiliation = "Ministry of Communication and Information Technology",
                .country = "Egypt",
                .category = "Speaker",
                .category_rgb = 0xB34700},
    [CHINESE] = {.name = "王小明",
                 .name_latin = "Wang Xiaoming",
                 .affiliation = "中国互联网络信息中心 (CNNIC)",
                 .country = "China",
                 .category = "Participant",
                 .category_rgb = 0x1F4E9A},
    [CYRILLIC] = {.name = "Екатерина Александровна Смирнова",
                  .name_latin = "Ekaterina Smirnova",
                  .affiliation = "Coordination Center for TLD RU",
                  .country = "Russian Federation",
                  .category = "Press",
                  .category_rgb = 0xB0123A},
    [DEVANAGARI] = {.name = "अनुराधा रामकृष्णन",
                    .name_latin = "Anuradha Ramakrishnan",
                    .affiliation = "Internet Society India Chapter",
                    .country = "India",
                    .category = "Host Country",
                    .category_rgb = 0x2E6B1F},
    [LONG_LATIN] = {.name = "Maria del Carmen Fernández de Córdoba y Bohórquez",
                    .name_latin = "Maria del Carmen Fernandez de Cordoba y Bohorquez",
                    .affiliation = "Asociación Latinoamericana de Organizaciones de Promoción "
                                   "al Desarrollo y la Sociedad de la Información",
                    .country = "Bolivia (Plurinational State of)",
                    .category = "VIP",
                    .category_rgb = 0x6A2C91},
    [ENDLESS_LATIN] = {.name = "Wolfeschlegelsteinhausenbergerdorffwelchevoralternwarengewissenhaft"
                               "schaferswessenschafewarenwohlgepflegeundsorgfaltigkeitbeschutzen"
                               "vonangreifendurchihrraubgierigfeindewelchevoralternzwolftausend",
                       .affiliation = "Staff",
                       .country = "Germany",
                       .category = "Staff",
                       .category_rgb = 0x222222},
};

static void fill_common(void)
{
    for (int i = 0; i < NCARDS; i++) {
        cards[i].event_name = "Global Digital Cooperation Forum 2025";
        cards[i].event_dates = "23-27 June 2025";
        cards[i].reference = "No. 1042 · badge version 1";
        cards[i].code = fixed_code;
    }
}

static void path_in_tmp(char *out, size_t outsz, const char *name)
{
    int n = snprintf(out, outsz, "%s/%s", tmpdir, name);
    if (n < 0 || (size_t)n >= outsz)
        out[0] = '\0';
}

static long file_size(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

/* Decodes every QR in img as the kiosk does (ZBar, QR only, binary), into codes (max of them,
 * each up to 255 bytes); returns how many were found. */
static int zbar_decode(cairo_surface_t *img, char codes[][256], int max)
{
    cairo_surface_flush(img);
    int w = cairo_image_surface_get_width(img), h = cairo_image_surface_get_height(img);
    int stride = cairo_image_surface_get_stride(img);
    const unsigned char *data = cairo_image_surface_get_data(img);
    unsigned char *gray = malloc((size_t)w * (size_t)h);
    if (gray == NULL)
        return 0;
    for (int y = 0; y < h; y++) {
        const uint32_t *row = (const uint32_t *)(const void *)(data + (size_t)y * (size_t)stride);
        for (int x = 0; x < w; x++) {
            uint32_t p = row[x];
            gray[(size_t)y * (size_t)w + (size_t)x] =
                (unsigned char)((((p >> 16) & 0xff) * 299 + ((p >> 8) & 0xff) * 587 +
                                 (p & 0xff) * 114) /
                                1000);
        }
    }
    zbar_image_scanner_t *sc = zbar_image_scanner_create();
    zbar_image_scanner_set_config(sc, 0, ZBAR_CFG_ENABLE, 0);
    zbar_image_scanner_set_config(sc, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
    zbar_image_scanner_set_config(sc, ZBAR_QRCODE, ZBAR_CFG_BINARY, 1);
    zbar_image_t *zi = zbar_image_create();
    zbar_image_set_format(zi, zbar_fourcc('Y', '8', '0', '0'));
    zbar_image_set_size(zi, (unsigned)w, (unsigned)h);
    zbar_image_set_data(zi, gray, (unsigned long)w * (unsigned long)h, NULL);
    int found = 0;
    if (zbar_scan_image(sc, zi) > 0) {
        for (const zbar_symbol_t *s = zbar_image_first_symbol(zi); s != NULL && found < max;
             s = zbar_symbol_next(s)) {
            unsigned len = zbar_symbol_get_data_length(s);
            if (len > 255)
                len = 255;
            memcpy(codes[found], zbar_symbol_get_data(s), len);
            codes[found][len] = '\0';
            found++;
        }
    }
    zbar_image_destroy(zi);
    zbar_image_scanner_destroy(sc);
    free(gray);
    return found;
}

static struct ly_render *open_renderer(void)
{
    struct ly_render *r = NULL;
    char err[256];
    if (!ly_render_open(&r, err, sizeof err))
        fprintf(stderr, "ly_render_open: %s\n", err);
    return r;
}

static void test_png_a6_size_and_qr_version(void)
{
    struct ly_render *r = open_renderer();
    CHECK(r != NULL);
    if (r == NULL)
        return;
    char err[256], path[128], name[32];
    for (int i = 0; i < NCARDS; i++) {
        int version = 0;
        snprintf(name, sizeof name, "card-%d.png", i);
        path_in_tmp(path, sizeof path, name);
        bool ok =
            ly_render_png(r, LY_RENDER_A6, &cards[i], 1, path, 150, &version, err, sizeof err);
        CHECK(ok);
        if (!ok) {
            fprintf(stderr, "%s\n", err);
            continue;
        }
        CHECK(file_size(path) > 1000);
        /* 144 alphanumeric characters need version 6 at error correction M (version 5-M holds
         * 122); the format promises version 7 or less. */
        CHECK_INT(version, 6);
        CHECK(version <= 7);
        cairo_surface_t *img = cairo_image_surface_create_from_png(path);
        CHECK_INT(cairo_surface_status(img), CAIRO_STATUS_SUCCESS);
        CHECK_INT(cairo_image_surface_get_width(img), lround(CARD_W_MM * 150 / 25.4));
        CHECK_INT(cairo_image_surface_get_height(img), lround(CARD_H_MM * 150 / 25.4));
        cairo_surface_destroy(img);
    }
    CHECK(ly_render_close(r, err, sizeof err));
}

/* Nothing is drawn within 4 mm of the card's edge: the border of the PNG is background. */
static void test_border_is_background(void)
{
    struct ly_render *r = open_renderer();
    CHECK(r != NULL);
    if (r == NULL)
        return;
    char err[256], path[128];
    path_in_tmp(path, sizeof path, "border.png");
    for (int i = 0; i < NCARDS; i++) {
        CHECK(ly_render_png(r, LY_RENDER_A6, &cards[i], 1, path, 150, NULL, err, sizeof err));
        cairo_surface_t *img = cairo_image_surface_create_from_png(path);
        cairo_surface_flush(img);
        int w = cairo_image_surface_get_width(img), h = cairo_image_surface_get_height(img);
        int stride = cairo_image_surface_get_stride(img);
        const unsigned char *data = cairo_image_surface_get_data(img);
        int ring = (int)(4.0 * 150 / 25.4), dirty = 0;
        for (int y = 0; y < h; y++) {
            const uint32_t *row =
                (const uint32_t *)(const void *)(data + (size_t)y * (size_t)stride);
            for (int x = 0; x < w; x++) {
                bool border = x < ring || y < ring || x >= w - ring || y >= h - ring;
                if (border && (row[x] & 0xffffff) != 0xffffff)
                    dirty++;
            }
        }
        if (dirty != 0)
            fprintf(stderr, "card %d: %d non-background pixels in the border\n", i, dirty);
        CHECK_INT(dirty, 0);
        cairo_surface_destroy(img);
    }
    CHECK(ly_render_close(r, err, sizeof err));
}

static void test_names_fit(void)
{
    struct ly_render *r = open_renderer();
    CHECK(r != NULL);
    if (r == NULL)
        return;
    struct ly_render_fit fit[NCARDS];
    for (int i = 0; i < NCARDS; i++) {
        CHECK(ly_render_fit_name(r, &cards[i], &fit[i]));
        const struct ly_render_fit *f = &fit[i];
        fprintf(stderr, "card %d: %.1f pt, %d line(s)%s, font %s, ink %.1f..%.1f x %.1f..%.1f mm\n",
                i, f->size_pt, f->lines, f->ellipsized ? ", ellipsized" : "", f->family, f->ink_x,
                f->ink_x + f->ink_w, f->ink_y, f->ink_y + f->ink_h);
        CHECK(f->ink_w > 0 && f->ink_h > 0);
        CHECK(f->ink_x >= f->box_x - 0.05);
        CHECK(f->ink_x + f->ink_w <= f->box_x + f->box_w + 0.05);
        CHECK(f->ink_y >= f->box_y - 1.0);
        CHECK(f->ink_y + f->ink_h <= f->box_y + f->box_h);
        CHECK(f->ink_x >= 0 && f->ink_x + f->ink_w <= CARD_W_MM);
        CHECK(f->ink_y >= 0 && f->ink_y + f->ink_h <= CARD_H_MM);
        CHECK(f->lines >= 1 && f->lines <= 2);
        CHECK_INT(f->unknown_glyphs, 0);
    }
    /* Short names keep the largest size on one line. */
    CHECK_INT(fit[CHINESE].lines, 1);
    CHECK(fit[CHINESE].size_pt >= 29.9);
    CHECK_INT(fit[ARABIC].lines, 1);
    /* Arabic runs right to left in an Arabic font; Han gets a Chinese (simplified) CJK font. */
    CHECK(fit[ARABIC].rtl);
    CHECK(!fit[CYRILLIC].rtl);
    CHECK(strstr(fit[ARABIC].family, "Arabic") != NULL);
    CHECK(strstr(fit[CHINESE].family, "CJK SC") != NULL);
    CHECK(strstr(fit[DEVANAGARI].family, "Devanagari") != NULL);
    /* A long name shrinks, then wraps to two lines; an endless one is cut with an ellipsis. */
    CHECK_INT(fit[LONG_LATIN].lines, 2);
    CHECK(!fit[LONG_LATIN].ellipsized);
    CHECK_INT(fit[ENDLESS_LATIN].lines, 2);
    CHECK(fit[ENDLESS_LATIN].ellipsized);

    /* A Japanese name (kana present, or a "ja" hint) gets Japanese glyph forms. */
    struct ly_card ja = cards[CHINESE];
    ja.name = "山田はなこ";
    struct ly_render_fit f;
    CHECK(ly_render_fit_name(r, &ja, &f));
    CHECK(strstr(f.family, "CJK JP") != NULL);
    ja.name = "山田花子";
    ja.name_lang = "ja";
    CHECK(ly_render_fit_name(r, &ja, &f));
    CHECK(strstr(f.family, "CJK JP") != NULL);
    ja.name = NULL;
    CHECK(!ly_render_fit_name(r, &ja, &f));
    CHECK(ly_render_close(r, NULL, 0));
}

/* Every category's band has its colour and its text in a contrasting colour. */
static void test_category_bands(void)
{
    struct ly_render *r = open_renderer();
    CHECK(r != NULL);
    if (r == NULL)
        return;
    size_t n;
    const struct ly_vocab_entry *cat = ly_vocab_list(LY_VOCAB_CATEGORY, &n);
    char err[256], path[128];
    path_in_tmp(path, sizeof path, "band.png");
    for (size_t i = 0; i < n; i++) {
        struct ly_card c = cards[CYRILLIC];
        c.category = cat[i].label;
        c.category_rgb = cat[i].rgb;
        CHECK(ly_render_png(r, LY_RENDER_A6, &c, 1, path, 72, NULL, err, sizeof err));
        cairo_surface_t *img = cairo_image_surface_create_from_png(path);
        cairo_surface_flush(img);
        int stride = cairo_image_surface_get_stride(img), w = cairo_image_surface_get_width(img);
        const unsigned char *data = cairo_image_surface_get_data(img);
        /* The band's row through its middle: left end is band colour, and some pixels are text
         * (white on these dark bands). */
        int y = (int)((125.0 + 8.5) * 72 / 25.4);
        const uint32_t *row = (const uint32_t *)(const void *)(data + (size_t)y * (size_t)stride);
        CHECK_INT(row[(int)(6.0 * 72 / 25.4)] & 0xffffff, cat[i].rgb);
        int text = 0;
        for (int x = 0; x < w; x++)
            text += (row[x] & 0xffffff) == 0xffffff && x > 10 * 72 / 25.4 && x < w - 10 * 72 / 25.4;
        CHECK(text > 3);
        cairo_surface_destroy(img);
    }
    CHECK(ly_render_close(r, err, sizeof err));
}

/* Counts the pages of a cairo PDF (it writes one "/Type /Page" object per page). */
static int pdf_pages(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return -1;
    static char buf[4 << 20];
    size_t len = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[len] = '\0';
    int pages = 0;
    for (size_t i = 0; i + 11 < len; i++) {
        if (memcmp(buf + i, "/Type /Page", 11) == 0 && buf[i + 11] != 's')
            pages++;
    }
    return pages;
}

static void test_pdf_layouts(void)
{
    char err[256], path[128];
    struct ly_render *r;
    int version = 0;

    path_in_tmp(path, sizeof path, "a6.pdf");
    CHECK(ly_render_open_pdf(path, LY_RENDER_A6, &r, err, sizeof err));
    for (int i = 0; i < NCARDS; i++)
        CHECK(ly_render_card(r, &cards[i], &version, err, sizeof err));
    CHECK_INT(ly_render_count(r), NCARDS);
    CHECK_INT(version, 6);
    CHECK(ly_render_close(r, err, sizeof err));
    CHECK(file_size(path) > 10000);
    CHECK_INT(pdf_pages(path), NCARDS);

    path_in_tmp(path, sizeof path, "a4.pdf");
    CHECK(ly_render_open_pdf(path, LY_RENDER_A4_4UP, &r, err, sizeof err));
    for (int i = 0; i < NCARDS; i++)
        CHECK(ly_render_card(r, &cards[i], NULL, err, sizeof err));
    CHECK(ly_render_close(r, err, sizeof err));
    CHECK_INT(pdf_pages(path), (NCARDS + 3) / 4);
}

static void test_errors(void)
{
    char err[256] = "", path[128];
    struct ly_render *r = open_renderer();
    CHECK(r != NULL);
    if (r == NULL)
        return;
    struct ly_card c = cards[ARABIC];
    path_in_tmp(path, sizeof path, "x.png");
    CHECK(!ly_render_card(r, &c, NULL, err, sizeof err)); /* no PDF */
    CHECK(strstr(err, "no PDF") != NULL);
    CHECK(!ly_render_png(r, LY_RENDER_A6, &c, 1, path, 10, NULL, err, sizeof err));
    CHECK(!ly_render_png(r, LY_RENDER_A6, cards, 2, path, 150, NULL, err, sizeof err));
    CHECK(!ly_render_png(r, LY_RENDER_A6, &c, 1, "/nonexistent/dir/x.png", 72, NULL, err,
                         sizeof err));
    char long_code[400];
    memset(long_code, 'A', sizeof long_code - 1);
    long_code[sizeof long_code - 1] = '\0';
    c.code = long_code;
    CHECK(!ly_render_png(r, LY_RENDER_A6, &c, 1, path, 72, NULL, err, sizeof err));
    CHECK(strstr(err, "longer") != NULL);
    c.code = "";
    CHECK(!ly_render_png(r, LY_RENDER_A6, &c, 1, path, 72, NULL, err, sizeof err));
    c.code = fixed_code;
    c.name = "";
    CHECK(!ly_render_png(r, LY_RENDER_A6, &c, 1, path, 72, NULL, err, sizeof err));
    CHECK(ly_render_close(r, NULL, 0));
    CHECK(ly_render_close(NULL, NULL, 0));

    /* A PDF that cannot be written: an unwritable path fails at once or at close; a full disk
     * (/dev/full) is reported by close. */
    bool opened = ly_render_open_pdf("/nonexistent/dir/x.pdf", LY_RENDER_A6, &r, err, sizeof err);
    if (opened) {
        bool drawn = ly_render_card(r, &cards[ARABIC], NULL, err, sizeof err);
        CHECK(!ly_render_close(r, err, sizeof err) || !drawn);
    } else {
        CHECK(r == NULL);
    }
    if (access("/dev/full", W_OK) == 0) {
        CHECK(ly_render_open_pdf("/dev/full", LY_RENDER_A6, &r, err, sizeof err));
        int drawn = 0;
        for (int i = 0; i < NCARDS; i++)
            drawn += ly_render_card(r, &cards[i], NULL, err, sizeof err);
        fprintf(stderr, "%d cards drawn before the disk filled\n", drawn);
        err[0] = '\0';
        CHECK(!ly_render_close(r, err, sizeof err));
        fprintf(stderr, "full disk reported as: %s\n", err);
        CHECK(err[0] != '\0');
    }
}

/* A real signed code survives printing: ZBar reads it back from the PNG. */
static void test_qr_decodes(void)
{
    uint8_t seed[LY_BADGE_SEED_BYTES], pk[LY_BADGE_PK_BYTES], sk[LY_BADGE_SK_BYTES];
    for (size_t i = 0; i < sizeof seed; i++)
        seed[i] = (uint8_t)(i * 7 + 1);
    CHECK(crypto_sign_seed_keypair(pk, sk, seed) == 0);
    struct ly_badge b = {.key_id = ly_badge_key_id(pk),
                         .event_id = 0x1badcafe,
                         .attendee_id = 1042,
                         .badge_version = 3,
                         .has_window = true,
                         .valid_from = 1750032000,
                         .valid_until = 1751241600};
    char code[LY_BADGE_CODE_LEN_MAX + 1];
    CHECK(ly_badge_encode(&b, sk, code, sizeof code));
    sodium_memzero(sk, sizeof sk);
    CHECK_INT(strlen(code), LY_BADGE_CODE_LEN_MAX);

    struct ly_render *r = open_renderer();
    CHECK(r != NULL);
    if (r == NULL)
        return;
    char err[256], path[128], found[4][256];
    int version = 0;
    path_in_tmp(path, sizeof path, "real.png");
    struct ly_card c = cards[ARABIC];
    c.code = code;
    CHECK(ly_render_png(r, LY_RENDER_A6, &c, 1, path, 150, &version, err, sizeof err));
    CHECK(version >= 1 && version <= 7);
    cairo_surface_t *img = cairo_image_surface_create_from_png(path);
    CHECK_INT(zbar_decode(img, found, 4), 1);
    CHECK_STR(found[0], code);
    cairo_surface_destroy(img);

    /* All four codes on a 100 dpi A4 sheet decode too. */
    struct ly_card sheet[4] = {cards[ARABIC], cards[CHINESE], cards[CYRILLIC], cards[DEVANAGARI]};
    for (int i = 0; i < 4; i++)
        sheet[i].code = code;
    path_in_tmp(path, sizeof path, "real-sheet.png");
    CHECK(ly_render_png(r, LY_RENDER_A4_4UP, sheet, 4, path, 100, NULL, err, sizeof err));
    img = cairo_image_surface_create_from_png(path);
    int n = zbar_decode(img, found, 4);
    CHECK_INT(n, 4);
    for (int i = 0; i < n; i++)
        CHECK_STR(found[i], code);
    cairo_surface_destroy(img);
    CHECK(ly_render_close(r, err, sizeof err));
}

/* The four-script sheet looks as it did when a person checked it by eye (Arabic joined and
 * right to left, real Han glyphs, nothing overflowing): compared with the committed image. */
static void test_reference_image(void)
{
    struct ly_render *r = open_renderer();
    CHECK(r != NULL);
    if (r == NULL)
        return;
    struct ly_card sheet[4] = {cards[ARABIC], cards[CHINESE], cards[CYRILLIC], cards[DEVANAGARI]};
    char err[256], path[128];
    path_in_tmp(path, sizeof path, "sheet.png");
    if (getenv("LY_UPDATE_REFERENCE") != NULL)
        snprintf(path, sizeof path, "%s", REFERENCE);
    CHECK(ly_render_png(r, LY_RENDER_A4_4UP, sheet, 4, path, REFERENCE_DPI, NULL, err, sizeof err));
    CHECK(ly_render_close(r, err, sizeof err));

    cairo_surface_t *actual = cairo_image_surface_create_from_png(path);
    cairo_surface_t *expected = cairo_image_surface_create_from_png(REFERENCE);
    CHECK_INT(cairo_surface_status(expected), CAIRO_STATUS_SUCCESS);
    struct ly_pngcmp cmp = {0};
    bool compared =
        ly_pngcmp_surfaces(actual, expected, LY_PNGCMP_THRESHOLD, &cmp, err, sizeof err);
    CHECK(compared);
    if (!compared)
        fprintf(stderr, "reference image: %s\n", err);
    fprintf(stderr, "reference image: %ld of %dx%d pixels differ (%.5f), mean difference %.3f\n",
            cmp.differing, cmp.width, cmp.height, cmp.fraction, cmp.mean_abs);
    CHECK(compared && cmp.fraction <= REF_TOLERANCE);
    if (!compared || cmp.fraction > REF_TOLERANCE) {
        mkdir("build", 0755);
        mkdir("build/test-logs", 0755);
        cairo_status_t st = cairo_surface_write_to_png(actual, "build/test-logs/render-actual.png");
        fprintf(stderr, "actual image written to build/test-logs/render-actual.png (%s)\n",
                cairo_status_to_string(st));
    }
    cairo_surface_destroy(actual);
    cairo_surface_destroy(expected);
}

static void remove_tmpdir(void)
{
    DIR *d = opendir(tmpdir);
    if (d == NULL)
        return;
    char path[512];
    for (struct dirent *e = readdir(d); e != NULL; e = readdir(d)) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        int n = snprintf(path, sizeof path, "%s/%s", tmpdir, e->d_name);
        if (n > 0 && (size_t)n < sizeof path)
            unlink(path);
    }
    closedir(d);
    rmdir(tmpdir);
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    /* Run from the repository root, where the reference image lives. */
    if (access(REFERENCE, R_OK) != 0 && access("../../../" REFERENCE, R_OK) == 0 &&
        chdir("../../..") != 0)
        return 1;
    const char *base = getenv("TMPDIR");
    int n = snprintf(tmpdir, sizeof tmpdir, "%s/ly-render.XXXXXX", base ? base : "/tmp");
    if (n < 0 || (size_t)n >= sizeof tmpdir || mkdtemp(tmpdir) == NULL) {
        perror("mkdtemp");
        return 1;
    }
    fill_common();
    RUN(test_png_a6_size_and_qr_version);
    RUN(test_border_is_background);
    RUN(test_names_fit);
    RUN(test_category_bands);
    RUN(test_pdf_layouts);
    RUN(test_errors);
    RUN(test_qr_decodes);
    RUN(test_reference_image);
    remove_tmpdir();
    return CHECK_DONE();
}
