/* test_ui_text.c - the text layer against real Noto fonts: each script drawn by the face it
 * should be (pixel for pixel the same as SDL_ttf + HarfBuzz drawing it directly with that face,
 * script and direction), Arabic joined and right to left, bidi order of mixed text, alignment,
 * wrapping, cutting with an ellipsis, bounds and bad UTF-8. A few renderings are kept in build/
 * as PNG files to look at. No video driver is needed: SDL_ttf draws into memory. */
#include <SDL.h>
#include <SDL_ttf.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "fontset.h"
#include "text.h"
#include "tools/sdlpng.h"

#define NOTO_TTF "/usr/share/fonts/truetype/noto/"
#define NOTO_OTF "/usr/share/fonts/opentype/noto/"
#define PX       40

static struct ly_text *T;
static const SDL_Color INK = {20, 30, 40, 255};
static const SDL_Color WHITE = {255, 255, 255, 255};

/* --- helpers --------------------------------------------------------------------------------- */

static Uint8 alpha_at(SDL_Surface *s, int x, int y)
{
    Uint32 p = ((Uint32 *)((Uint8 *)s->pixels + (size_t)y * s->pitch))[x];
    Uint8 r, g, b, a;
    SDL_GetRGBA(p, s->format, &r, &g, &b, &a);
    return a;
}

/* The ink (alpha >= 64) bounding box in a region: [x0, x1) x [y0, y1); empty when x0 >= x1. */
struct box {
    int x0, y0, x1, y1;
    long ink;
};

static struct box ink_in(SDL_Surface *s, int rx, int ry, int rw, int rh)
{
    struct box b = {rx + rw, ry + rh, rx, ry, 0};
    for (int y = ry; y < ry + rh && y < s->h; y++)
        for (int x = rx; x < rx + rw && x < s->w; x++)
            if (alpha_at(s, x, y) >= 64) {
                b.ink++;
                b.x0 = x < b.x0 ? x : b.x0;
                b.y0 = y < b.y0 ? y : b.y0;
                b.x1 = x + 1 > b.x1 ? x + 1 : b.x1;
                b.y1 = y + 1 > b.y1 ? y + 1 : b.y1;
            }
    return b;
}

static struct box ink(SDL_Surface *s)
{
    return ink_in(s, 0, 0, s->w, s->h);
}

/* Whether the ink of a inside box ba and of b inside bb are the same picture (same size, alpha
 * within a small tolerance at every pixel); says how they differ when report is set. */
static bool ink_compare(SDL_Surface *a, struct box ba, SDL_Surface *b, struct box bb, bool report)
{
    if (ba.x1 - ba.x0 != bb.x1 - bb.x0 || ba.y1 - ba.y0 != bb.y1 - bb.y0 || ba.x0 >= ba.x1) {
        if (report)
            fprintf(stderr, "  ink boxes differ: %dx%d and %dx%d\n", ba.x1 - ba.x0, ba.y1 - ba.y0,
                    bb.x1 - bb.x0, bb.y1 - bb.y0);
        return false;
    }
    long bad = 0;
    for (int y = 0; y < ba.y1 - ba.y0; y++)
        for (int x = 0; x < ba.x1 - ba.x0; x++) {
            int d = alpha_at(a, ba.x0 + x, ba.y0 + y) - alpha_at(b, bb.x0 + x, bb.y0 + y);
            bad += d > 8 || d < -8;
        }
    if (bad && report)
        fprintf(stderr, "  %ld pixels differ\n", bad);
    return bad == 0;
}

static bool same_ink(SDL_Surface *a, struct box ba, SDL_Surface *b, struct box bb)
{
    return ink_compare(a, ba, b, bb, true);
}

static bool differs(SDL_Surface *a, SDL_Surface *b)
{
    return !ink_compare(a, ink(a), b, ink(b), false);
}

static SDL_Surface *render(const char *s, int px, int wrap, int max_lines, enum ly_text_align a)
{
    char err[256] = "";
    SDL_Surface *out =
        ly_text_render(T, s, px, LY_TEXT_REGULAR, INK, wrap, max_lines, a, err, sizeof err);
    if (out == NULL)
        fprintf(stderr, "  render \"%s\": %s\n", s, err);
    return out;
}

static int width_of(const char *s, int px)
{
    int w = -1, h = -1;
    if (!ly_text_size(T, s, px, LY_TEXT_REGULAR, 0, 0, &w, &h))
        return -1;
    return w;
}

static int line_height(int px)
{
    int w, h = -1;
    if (!ly_text_size(T, "A", px, LY_TEXT_REGULAR, 0, 0, &w, &h))
        return -1;
    return h;
}

/* Opens a Noto face directly: a file, or the face of a collection with the given family. */
static TTF_Font *open_direct(const char *path, const char *family, int px)
{
    if (family == NULL)
        return TTF_OpenFont(path, px);
    TTF_Font *f = TTF_OpenFontIndex(path, px, 0);
    long n = f ? TTF_FontFaces(f) : 0;
    TTF_CloseFont(f);
    for (long i = 0; i < n; i++) {
        f = TTF_OpenFontIndex(path, px, i);
        if (f && strcmp(TTF_FontFaceFamilyName(f), family) == 0)
            return f;
        TTF_CloseFont(f);
    }
    return NULL;
}

/* SDL_ttf + HarfBuzz drawing text in one face, script and direction, with no help. Checks that
 * the face has a glyph for every character (so that this is not a row of missing-glyph boxes). */
static SDL_Surface *direct(const char *path, const char *family, const char *text,
                           const char *script, bool rtl)
{
    TTF_Font *f = open_direct(path, family, PX);
    CHECK(f != NULL);
    if (f == NULL)
        return NULL;
    for (const char *p = text; *p;) {
        Uint32 cp = (Uint8)*p;
        int len = cp < 0x80 ? 1 : cp < 0xE0 ? 2 : cp < 0xF0 ? 3 : 4;
        cp = len == 1 ? cp : cp & (0x7F >> len);
        for (int i = 1; i < len; i++)
            cp = cp << 6 | ((Uint8)p[i] & 0x3F);
        if (cp != ' ' && !TTF_GlyphIsProvided32(f, cp))
            fprintf(stderr, "  %s has no U+%04X\n", path, (unsigned)cp);
        CHECK(cp == ' ' || TTF_GlyphIsProvided32(f, cp));
        p += len;
    }
    TTF_SetFontScriptName(f, script);
    TTF_SetFontDirection(f, rtl ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR);
    SDL_Surface *s = TTF_RenderUTF8_Blended(f, text, INK);
    TTF_CloseFont(f);
    return s;
}

static void save(SDL_Surface *s, const char *name)
{
    char path[256];
    snprintf(path, sizeof path, "build/ui_text_%s.png", name);
    CHECK(ly_sdl_write_png(s, WHITE, path));
}

/* --- cases ----------------------------------------------------------------------------------- */

static void test_open(void)
{
    char err[256] = "";
    struct ly_text *t = NULL;
    CHECK(!ly_text_open("/nonexistent:/also-not", NULL, &t, err, sizeof err));
    CHECK(strstr(err, "/nonexistent is not a folder") != NULL);
    CHECK(t == NULL);
    CHECK(ly_text_open(NOTO_TTF ":" NOTO_OTF, NULL, &t, err, sizeof err));
    ly_text_close(t);
    ly_text_close(NULL);
}

/* Faces are opened only when a run needs them, and the cache keeps at most its bound. */
static void test_fonts_lazy_and_bounded(void)
{
    char err[256];
    struct ly_fontset *fs;
    CHECK(ly_fontset_open(NULL, NULL, &fs, err, sizeof err));
    CHECK_INT(ly_fontset_open_count(fs), 0);
    int latin = ly_fontset_pick(fs, LY_SCRIPT_LATIN, false, 'a', 20);
    CHECK_STR(ly_fontset_face_name(fs, latin), "NotoSans-Regular.ttf");
    CHECK_INT(ly_fontset_open_count(fs), 1);
    int han = ly_fontset_pick(fs, LY_SCRIPT_HAN, false, 0x4E2D, 20);
    CHECK_STR(ly_fontset_face_name(fs, han), "NotoSansCJK-Regular.ttc");
    TTF_Font *f = ly_fontset_font(fs, han, 20);
    CHECK(f != NULL && strcmp(TTF_FontFaceFamilyName(f), "Noto Sans CJK SC") == 0);
    int bold = ly_fontset_pick(fs, LY_SCRIPT_HAN, true, 0x4E2D, 20);
    CHECK_STR(ly_fontset_face_name(fs, bold), "NotoSansCJK-Bold.ttc");
    f = ly_fontset_font(fs, bold, 20);
    CHECK(f != NULL && strcmp(TTF_FontFaceStyleName(f), "Bold") == 0);
    int arabic = ly_fontset_pick(fs, LY_SCRIPT_ARABIC, false, 0x0645, 20);
    CHECK_STR(ly_fontset_face_name(fs, arabic), "NotoSansArabicUI-Regular.ttf");
    /* A Common character in an Arabic run the Arabic face lacks falls back along the chain. */
    int ell = ly_fontset_pick(fs, LY_SCRIPT_ARABIC, false, 0x2026, 20);
    CHECK(ly_fontset_has(fs, ell, 0x2026, 20));
    for (int px = 10; px < 10 + 3 * LY_TEXT_FONT_CACHE; px++) {
        CHECK(ly_fontset_font(fs, latin, px) != NULL);
        CHECK(ly_fontset_font(fs, han, px) != NULL);
    }
    CHECK_INT(ly_fontset_open_count(fs), LY_TEXT_FONT_CACHE);
    CHECK_INT(ly_script_of('a'), LY_SCRIPT_LATIN);
    CHECK_INT(ly_script_of(0x0627), LY_SCRIPT_ARABIC);
    CHECK_INT(ly_script_of(0x4E2D), LY_SCRIPT_HAN);
    CHECK_INT(ly_script_of('1'), LY_SCRIPT_COMMON);
    CHECK_INT(ly_script_of(0x0301), LY_SCRIPT_INHERITED);
    CHECK_STR(ly_script_tag(LY_SCRIPT_DEVANAGARI), "Deva");
    ly_fontset_close(fs);
}

/* Every script is drawn by its own Noto face, shaped: the same pixels as SDL_ttf + HarfBuzz with
 * that face, script and direction, and not the missing-glyph boxes of a code point no font has. */
static void test_scripts_use_their_faces(void)
{
    static const struct {
        const char *text, *file, *family, *script;
        bool rtl;
    } cases[] = {
        {"中文汉字", NOTO_OTF "NotoSansCJK-Regular.ttc", "Noto Sans CJK SC", "Hani", false},
        {"骨直", NOTO_OTF "NotoSansCJK-Regular.ttc", "Noto Sans CJK SC", "Hani", false},
        {"한국어", NOTO_OTF "NotoSansCJK-Regular.ttc", "Noto Sans CJK SC", "Hang", false},
        {"مرحبا بكم", NOTO_TTF "NotoSansArabicUI-Regular.ttf", NULL, "Arab", true},
        {"שלום", NOTO_TTF "NotoSansHebrew-Regular.ttf", NULL, "Hebr", true},
        {"हिन्दी", NOTO_TTF "NotoSansDevanagariUI-Regular.ttf", NULL, "Deva", false},
        {"বাংলা", NOTO_TTF "NotoSansBengaliUI-Regular.ttf", NULL, "Beng", false},
        {"தமிழ்", NOTO_TTF "NotoSansTamilUI-Regular.ttf", NULL, "Taml", false},
        {"ภาษาไทย", NOTO_TTF "NotoSansThaiUI-Regular.ttf", NULL, "Thai", false},
        {"ქართული", NOTO_TTF "NotoSansGeorgian-Regular.ttf", NULL, "Geor", false},
        {"Հայերեն", NOTO_TTF "NotoSansArmenian-Regular.ttf", NULL, "Armn", false},
        {"አማርኛ", NOTO_TTF "NotoSansEthiopic-Regular.ttf", NULL, "Ethi", false},
        {"සිංහල", NOTO_TTF "NotoSansSinhalaUI-Regular.ttf", NULL, "Sinh", false},
        {"ភាសាខ្មែរ", NOTO_TTF "NotoSansKhmerUI-Regular.ttf", NULL, "Khmr", false},
        {"Ελληνικά", NOTO_TTF "NotoSans-Regular.ttf", NULL, "Grek", false},
        {"Русский", NOTO_TTF "NotoSans-Regular.ttf", NULL, "Cyrl", false},
    };
    SDL_Surface *notdef = render("\xcd\xb8\xcd\xb8", PX, 0, 0, LY_TEXT_START); /* U+0378 x 2 */
    CHECK(notdef != NULL);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        SDL_Surface *ours = render(cases[i].text, PX, 0, 0, LY_TEXT_START);
        SDL_Surface *ref =
            direct(cases[i].file, cases[i].family, cases[i].text, cases[i].script, cases[i].rtl);
        CHECK(ours != NULL && ref != NULL);
        if (ours && ref) {
            bool same = same_ink(ours, ink(ours), ref, ink(ref));
            if (!same)
                fprintf(stderr, "  \"%s\" is not drawn as %s draws it\n", cases[i].text,
                        cases[i].file);
            CHECK(same);
            CHECK(notdef && differs(ours, notdef));
        }
        SDL_FreeSurface(ours);
        SDL_FreeSurface(ref);
    }
    /* Simplified Chinese, not Japanese: 骨 and 直 differ between the SC and JP faces. */
    SDL_Surface *ours = render("骨直", PX, 0, 0, LY_TEXT_START);
    SDL_Surface *jp =
        direct(NOTO_OTF "NotoSansCJK-Regular.ttc", "Noto Sans CJK JP", "骨直", "Hani", false);
    CHECK(ours && jp && differs(ours, jp));
    SDL_FreeSurface(ours);
    SDL_FreeSurface(jp);
    SDL_FreeSurface(notdef);
}

/* Arabic is joined: the word is narrower than its letters drawn alone (isolated forms), and it
 * is laid out right to left (a left-to-right shaping draws other pixels). */
static void test_arabic_joined_rtl(void)
{
    const char *word = "مرحبا";
    const char *letters[] = {"م", "ر", "ح", "ب", "ا"};
    int joined = width_of(word, PX), isolated = 0;
    for (size_t i = 0; i < 5; i++)
        isolated += width_of(letters[i], PX);
    CHECK(joined > 0);
    CHECK(joined < isolated - PX / 2);
    int spaced = width_of("م ر ح ب ا", PX);
    CHECK(joined < spaced);

    SDL_Surface *ours = render(word, PX, 0, 0, LY_TEXT_START);
    SDL_Surface *ltr = direct(NOTO_TTF "NotoSansArabicUI-Regular.ttf", NULL, word, "Arab", false);
    SDL_Surface *rtl = direct(NOTO_TTF "NotoSansArabicUI-Regular.ttf", NULL, word, "Arab", true);
    CHECK(ours && ltr && rtl);
    if (ours && ltr && rtl) {
        CHECK(same_ink(ours, ink(ours), rtl, ink(rtl)));
        CHECK(differs(ours, ltr));
    }
    SDL_FreeSurface(ours);
    SDL_FreeSurface(ltr);
    SDL_FreeSurface(rtl);
}

/* The leftmost (or rightmost) ink of `whole` over the width of part's ink is part's picture. */
static bool ink_at_side(SDL_Surface *whole, const char *part, bool left)
{
    SDL_Surface *p = render(part, PX, 0, 0, LY_TEXT_START);
    bool ok = false;
    if (p) {
        struct box bp = ink(p), bw = ink(whole);
        int w = bp.x1 - bp.x0;
        struct box region = ink_in(whole, left ? bw.x0 : bw.x1 - w, 0, w, whole->h);
        ok = same_ink(whole, region, p, bp);
        if (!ok)
            fprintf(stderr, "  \"%s\" is not at the %s\n", part, left ? "left" : "right");
    }
    SDL_FreeSurface(p);
    return ok;
}

/* Bidi: in a right-to-left paragraph the first word is at the right, a Latin name and digits
 * keep their own order, brackets are mirrored; in a left-to-right one the opposite. */
static void test_bidi_order(void)
{
    SDL_Surface *s = render("مرحبا Lanyard", PX, 0, 0, LY_TEXT_START);
    CHECK(s && ink_at_side(s, "Lanyard", true) && ink_at_side(s, "مرحبا", false));
    SDL_FreeSurface(s);
    s = render("Lanyard مرحبا", PX, 0, 0, LY_TEXT_START);
    CHECK(s && ink_at_side(s, "Lanyard", true) && ink_at_side(s, "مرحبا", false));
    SDL_FreeSurface(s);
    s = render("بكم مرحبا", PX, 0, 0, LY_TEXT_START);
    CHECK(s && ink_at_side(s, "بكم", false) && ink_at_side(s, "مرحبا", true));
    SDL_FreeSurface(s);
    /* Digits after Arabic keep their left-to-right order (and the Arabic face's digits). */
    s = render("القاعة 12", PX, 0, 0, LY_TEXT_START);
    SDL_Surface *ref = direct(NOTO_TTF "NotoSansArabicUI-Regular.ttf", NULL, "12", "Arab", false);
    CHECK(s && ref && ink_at_side(s, "القاعة", false));
    if (s && ref) {
        struct box br = ink(ref), bs = ink(s);
        int w = br.x1 - br.x0;
        CHECK(same_ink(s, ink_in(s, bs.x0, 0, w, s->h), ref, br));
    }
    SDL_FreeSurface(s);
    SDL_FreeSurface(ref);
    /* Brackets in a right-to-left paragraph are mirrored: the logical ")" at the left is drawn
     * "(", the "(" at the right ")". */
    s = render("(القاعة 3)", PX, 0, 0, LY_TEXT_START);
    CHECK(s && ink_at_side(s, "(", true) && ink_at_side(s, ")", false));
    SDL_FreeSurface(s);
    s = render("مرحبا بكم في Lanyard 2026 (القاعة 3)", PX, 0, 0, LY_TEXT_START);
    CHECK(s != NULL);
    if (s) {
        CHECK(ink_at_side(s, "مرحبا", false));
        save(s, "arabic_mixed");
    }
    SDL_FreeSurface(s);
}

static void test_is_rtl(void)
{
    CHECK(ly_text_is_rtl("مرحبا"));
    CHECK(ly_text_is_rtl("שלום"));
    CHECK(!ly_text_is_rtl("Hello"));
    CHECK(!ly_text_is_rtl("Hello مرحبا"));
    CHECK(ly_text_is_rtl("مرحبا Hello"));
    CHECK(ly_text_is_rtl("2026 - مرحبا")); /* digits and punctuation are not strong */
    CHECK(!ly_text_is_rtl("2026"));
    CHECK(!ly_text_is_rtl(""));
    CHECK(!ly_text_is_rtl(NULL));
    CHECK(!ly_text_is_rtl("\xe2\x81\xa7مرحبا\xe2\x81\xa9 Hello")); /* RLI ... PDI is skipped */
    CHECK(!ly_text_is_rtl("Hello\nمرحبا"));                        /* the first paragraph */
    CHECK(ly_text_is_rtl("\xff\xfe مرحبا"));                       /* bad bytes are neutral */
}

/* START is the right for a right-to-left paragraph; each paragraph has its own direction. */
static void test_alignment(void)
{
    const int W = 600;
    SDL_Surface *s = render("مرحبا بكم", PX, W, 0, LY_TEXT_START);
    CHECK(s && s->w == W);
    if (s) {
        struct box b = ink(s);
        CHECK(b.x1 >= W - 4 && b.x0 > W / 2);
        save(s, "rtl_start");
    }
    SDL_FreeSurface(s);
    s = render("مرحبا بكم", PX, W, 0, LY_TEXT_END);
    CHECK(s && ink(s).x0 <= 4 && ink(s).x1 < W / 2);
    SDL_FreeSurface(s);
    s = render("Welcome", PX, W, 0, LY_TEXT_START);
    CHECK(s && ink(s).x0 <= 4 && ink(s).x1 < W / 2);
    SDL_FreeSurface(s);
    s = render("Welcome", PX, W, 0, LY_TEXT_END);
    CHECK(s && ink(s).x1 >= W - 4);
    SDL_FreeSurface(s);
    s = render("Welcome", PX, W, 0, LY_TEXT_CENTER);
    if (s) {
        struct box b = ink(s);
        CHECK(abs(b.x0 - (W - b.x1)) <= 4);
    }
    CHECK(s != NULL);
    SDL_FreeSurface(s);
    int lh = line_height(PX);
    s = render("Welcome\nمرحبا", PX, W, 0, LY_TEXT_START);
    CHECK(s && s->h == 2 * lh);
    if (s) {
        struct box l1 = ink_in(s, 0, 0, W, lh), l2 = ink_in(s, 0, lh, W, lh);
        CHECK(l1.x0 <= 4 && l1.x1 < W / 2);
        CHECK(l2.x1 >= W - 4 && l2.x0 > W / 2);
    }
    SDL_FreeSurface(s);
    /* Without a wrap width, lines align within the widest. */
    s = render("Welcome to the forum\nمرحبا", PX, 0, 0, LY_TEXT_START);
    CHECK(s && s->w == width_of("Welcome to the forum", PX));
    if (s)
        CHECK(ink_in(s, 0, lh, s->w, lh).x1 >= s->w - 4);
    SDL_FreeSurface(s);
}

/* Greedy wrapping at spaces, exact at the boundary: a line that fits to the pixel stays whole. */
static void test_wrap_spaces(void)
{
    int lh = line_height(PX);
    int two = width_of("aaa aaa", PX);
    int w, h;
    CHECK(ly_text_size(T, "aaa aaa aaa", PX, LY_TEXT_REGULAR, two, 0, &w, &h));
    CHECK_INT(w, two);
    CHECK_INT(h, 2 * lh);
    CHECK(ly_text_size(T, "aaa aaa aaa", PX, LY_TEXT_REGULAR, two - 1, 0, &w, &h));
    CHECK_INT(h, 3 * lh);
    CHECK(ly_text_size(T, "aaa aaa aaa", PX, LY_TEXT_REGULAR, 0, 0, &w, &h));
    CHECK_INT(h, lh);
    CHECK_INT(w, width_of("aaa aaa aaa", PX));
    /* Many spaces between words are not drawn at the end of a line. */
    CHECK(ly_text_size(T, "aaa aaa      aaa", PX, LY_TEXT_REGULAR, two, 0, &w, &h));
    CHECK_INT(h, 2 * lh);
    /* A no-break space (U+00A0) joins words. */
    CHECK(ly_text_size(T,
                       "aaa\xc2\xa0"
                       "aaa aaa",
                       PX, LY_TEXT_REGULAR, width_of("aaa a", PX), 0, &w, &h));
    CHECK_INT(h, 3 * lh);
    /* A longer text never has a line wider than the wrap width: drawn at END, lines that were too
     * wide would start left of 0 and lose their first ink column to the clip. */
    const char *text = "The Internet Governance Forum brings people together from various "
                       "stakeholder groups as equals, in discussions on public policy issues "
                       "relating to the Internet.";
    for (int wrap = 120; wrap <= 900; wrap += 45) {
        SDL_Surface *s = render(text, 24, wrap, 0, LY_TEXT_END);
        CHECK(s && s->w == wrap && s->h % line_height(24) == 0);
        if (s) {
            CHECK(s->h / line_height(24) >= width_of(text, 24) / wrap);
            CHECK(ink(s).x0 >= 1);
            if (wrap == 300)
                save(s, "wrapped_end");
        }
        SDL_FreeSurface(s);
    }
}

/* Ideographs break anywhere except before closing punctuation; a word wider than the line is
 * broken between characters. */
static void test_wrap_cjk_and_long_words(void)
{
    int cw = width_of("中", PX), lh, latin = line_height(PX);
    int w, h;
    CHECK(ly_text_size(T, "中", PX, LY_TEXT_REGULAR, 0, 0, &w, &lh));
    CHECK(lh >= latin); /* the CJK face is taller than Noto Sans */
    CHECK(ly_text_size(T, "中文中文中文中文", PX, LY_TEXT_REGULAR, 3 * cw + cw / 2, 0, &w, &h));
    CHECK_INT(h, 3 * lh);
    /* "。" may not start a line: "中文中" / "文。" rather than "中文中文" / "。". */
    SDL_Surface *s = render("中文中文。", PX, 4 * cw, 0, LY_TEXT_START);
    CHECK(s && s->h == 2 * lh);
    if (s) {
        struct box first = ink_in(s, 0, 0, s->w, lh);
        CHECK(first.x1 <= 3 * cw + 2);
        CHECK(first.x1 > 2 * cw);
    }
    SDL_FreeSurface(s);
    /* Chinese with Latin words: breaks between ideographs and at spaces. */
    s = render("欢迎参加互联网治理论坛 Internet Governance Forum 2026。请出示您的胸卡。", PX, 420,
               0, LY_TEXT_START);
    CHECK(s && s->h >= 3 * lh);
    if (s)
        save(s, "chinese_wrapped");
    SDL_FreeSurface(s);

    int ten = width_of("abcdefghij", PX);
    s = render("abcdefghijklmnopqrstuvwxyz", PX, ten, 0, LY_TEXT_START);
    CHECK(s && s->h == 3 * latin);
    SDL_Surface *first = render("abcdefghij", PX, 0, 0, LY_TEXT_START);
    if (s && first)
        CHECK(same_ink(s, ink_in(s, 0, 0, s->w, latin), first, ink(first)));
    SDL_FreeSurface(s);
    SDL_FreeSurface(first);
    /* A wrap width narrower than one character still gives one character per line. */
    CHECK(ly_text_size(T, "abc", PX, LY_TEXT_REGULAR, 1, 0, &w, &h));
    CHECK_INT(h, 3 * latin);
    /* Marks stay with their base: "é" as e + U+0301 is not split from its e. */
    CHECK(ly_text_size(T,
                       "e\xcc\x81"
                       "e\xcc\x81",
                       PX, LY_TEXT_REGULAR, 1, 0, &w, &h));
    CHECK_INT(h, 2 * latin);
}

/* max_lines cuts the text and ends the last line with an ellipsis, at its end: the right of a
 * left-to-right line, the left of a right-to-left one. */
static void test_max_lines_ellipsis(void)
{
    const char *en = "Registered to attend online. Please see the registration desk, where "
                     "staff will check your identity and print a badge for you.";
    const char *ar = "مسجل للحضور عبر الإنترنت. يرجى التوجه إلى مكتب التسجيل حيث يتحقق "
                     "الموظفون من هويتك ويطبعون لك شارة.";
    int lh = line_height(PX);
    int w, h;
    CHECK(ly_text_size(T, en, PX, LY_TEXT_REGULAR, 400, 0, &w, &h));
    CHECK(h >= 5 * lh);
    SDL_Surface *dots = render("\xe2\x80\xa6", PX, 0, 0, LY_TEXT_START);
    CHECK(dots != NULL);
    for (int rtl = 0; rtl < 2 && dots; rtl++) {
        SDL_Surface *s = render(rtl ? ar : en, PX, 400, 2, LY_TEXT_START);
        CHECK(s && s->h == 2 * lh && s->w == 400);
        if (s == NULL)
            continue;
        struct box last = ink_in(s, 0, lh, s->w, lh), bd = ink(dots);
        int dw = bd.x1 - bd.x0;
        struct box end = ink_in(s, rtl ? last.x0 : last.x1 - dw, lh, dw, lh);
        CHECK(same_ink(s, end, dots, bd));
        save(s, rtl ? "arabic_cut" : "latin_cut");
        SDL_FreeSurface(s);
    }
    /* The cut is at the end of a word when one fits: "aaa…", not "aaa aa…". */
    SDL_Surface *s =
        render("aaa aaa aaa aaa", PX, width_of("aaa aaa\xe2\x80\xa6", PX) - 1, 1, LY_TEXT_START);
    SDL_Surface *words = render("aaa\xe2\x80\xa6", PX, 0, 0, LY_TEXT_START);
    CHECK(s && words && same_ink(s, ink(s), words, ink(words)));
    SDL_FreeSurface(s);
    SDL_FreeSurface(words);
    /* One line without wrapping, wider than LY_TEXT_DIM_MAX, is cut there with an ellipsis. */
    char *longline = malloc(LY_TEXT_BYTES_MAX + 1);
    memset(longline, 'W', LY_TEXT_BYTES_MAX);
    longline[LY_TEXT_BYTES_MAX] = '\0';
    s = render(longline, PX, 0, 0, LY_TEXT_START);
    CHECK(s && s->w <= LY_TEXT_DIM_MAX && s->w > LY_TEXT_DIM_MAX - 2 * PX && s->h == lh);
    if (s && dots) {
        struct box bd = ink(dots), b = ink(s);
        int dw = bd.x1 - bd.x0;
        CHECK(same_ink(s, ink_in(s, b.x1 - dw, 0, dw, s->h), dots, bd));
    }
    SDL_FreeSurface(s);
    /* A tall text is cut at the last line that fits in LY_TEXT_DIM_MAX pixels. */
    CHECK(ly_text_size(T, longline, LY_TEXT_PX_MAX, LY_TEXT_REGULAR, 800, 0, &w, &h));
    CHECK(h <= LY_TEXT_DIM_MAX && h > LY_TEXT_DIM_MAX - line_height(LY_TEXT_PX_MAX));
    free(longline);
    SDL_FreeSurface(dots);
}

static void test_bad_input(void)
{
    char err[256];
    int w = 7, h = 7;
    /* Bad UTF-8 is drawn as U+FFFD, one per bad byte. */
    SDL_Surface *bad = render("ab\xff"
                              "cd\xc3",
                              PX, 0, 0, LY_TEXT_START);
    SDL_Surface *fffd = render("ab\xef\xbf\xbd"
                               "cd\xef\xbf\xbd",
                               PX, 0, 0, LY_TEXT_START);
    CHECK(bad && fffd && bad->w == fffd->w && same_ink(bad, ink(bad), fffd, ink(fffd)));
    SDL_FreeSurface(bad);
    SDL_FreeSurface(fffd);
    static const char *const junk[] = {"\xed\xa0\x80",
                                       "\xf4\x90\x80\x80",
                                       "\xc0\xaf",
                                       "\x01\x02\x1b[31m",
                                       "\xe2\x80\xae"
                                       "abc",
                                       "\xd9\x8b\xd9\x8b\xd9\x8b",
                                       "\xe2\x80\x8d\xe2\x80\x8d",
                                       "\r\n\r\n\t\t",
                                       "\xe2\x81\xa6"};
    for (size_t i = 0; i < sizeof junk / sizeof junk[0]; i++) {
        SDL_Surface *s = render(junk[i], PX, 200, 3, LY_TEXT_CENTER);
        CHECK(s != NULL && s->w == 200);
        SDL_FreeSurface(s);
    }
    /* Bounds. */
    CHECK(ly_text_render(T, "a", LY_TEXT_PX_MIN - 1, LY_TEXT_REGULAR, INK, 0, 0, LY_TEXT_START, err,
                         sizeof err) == NULL);
    CHECK(strstr(err, "px") != NULL);
    CHECK(!ly_text_size(T, "a", LY_TEXT_PX_MAX + 1, LY_TEXT_REGULAR, 0, 0, &w, &h));
    CHECK(!ly_text_size(T, "a", PX, LY_TEXT_REGULAR, -1, 0, &w, &h));
    CHECK(!ly_text_size(T, "a", PX, LY_TEXT_REGULAR, LY_TEXT_DIM_MAX + 1, 0, &w, &h));
    CHECK(!ly_text_size(T, "a", PX, LY_TEXT_REGULAR, 0, LY_TEXT_LINES_MAX + 1, &w, &h));
    CHECK(!ly_text_size(T, "a", PX, LY_TEXT_REGULAR, 0, -1, &w, &h));
    CHECK(!ly_text_size(T, "a", PX, (enum ly_text_weight)7, 0, 0, &w, &h));
    CHECK(!ly_text_size(T, NULL, PX, LY_TEXT_REGULAR, 0, 0, &w, &h));
    CHECK(ly_text_render(T, "a", PX, LY_TEXT_REGULAR, INK, 0, 0, (enum ly_text_align)9, err,
                         sizeof err) == NULL);
    CHECK_INT(w, 7); /* left alone on failure */
    char *big = malloc(LY_TEXT_BYTES_MAX + 2);
    memset(big, 'x', LY_TEXT_BYTES_MAX + 1);
    big[LY_TEXT_BYTES_MAX + 1] = '\0';
    CHECK(ly_text_render(T, big, PX, LY_TEXT_REGULAR, INK, 0, 0, LY_TEXT_START, err, sizeof err) ==
          NULL);
    CHECK(strstr(err, "4096") != NULL);
    big[LY_TEXT_BYTES_MAX] = '\0';
    CHECK(ly_text_size(T, big, PX, LY_TEXT_REGULAR, 1000, 0, &w, &h));
    free(big);
}

static void test_empty_newlines_bold(void)
{
    int lh = line_height(PX);
    SDL_Surface *s = render("", PX, 0, 0, LY_TEXT_START);
    CHECK(s && s->w == 1 && s->h == lh && ink(s).ink == 0);
    SDL_FreeSurface(s);
    s = render("", PX, 300, 0, LY_TEXT_START);
    CHECK(s && s->w == 300 && s->h == lh);
    SDL_FreeSurface(s);
    int w, h;
    CHECK(ly_text_size(T, "a\nb", PX, LY_TEXT_REGULAR, 0, 0, &w, &h) && h == 2 * lh);
    CHECK(ly_text_size(T, "a\r\n\nb", PX, LY_TEXT_REGULAR, 0, 0, &w, &h) && h == 3 * lh);
    CHECK(ly_text_size(T, "a\n", PX, LY_TEXT_REGULAR, 0, 0, &w, &h) && h == lh);
    CHECK(ly_text_size(T, "a\nb\nc", PX, LY_TEXT_REGULAR, 0, 2, &w, &h) && h == 2 * lh);
    int bw, bh;
    CHECK(ly_text_size(T, "Lanyard", PX, LY_TEXT_BOLD, 0, 0, &bw, &bh));
    CHECK(bw > width_of("Lanyard", PX));
    /* A line with Chinese is as tall as the CJK face needs; the colour is the one asked for. */
    CHECK(ly_text_size(T, "中文", PX, LY_TEXT_REGULAR, 0, 0, &w, &h) && h >= lh);
    s = render("Ink", PX, 0, 0, LY_TEXT_START);
    if (s) {
        struct box b = ink(s);
        Uint8 r, g, bl, a;
        Uint32 p = ((Uint32 *)((Uint8 *)s->pixels + (size_t)((b.y0 + b.y1) / 2) * s->pitch))[b.x0];
        SDL_GetRGBA(p, s->format, &r, &g, &bl, &a);
        CHECK(r == INK.r && g == INK.g && bl == INK.b);
        CHECK(s->format->format == SDL_PIXELFORMAT_ARGB8888);
    }
    CHECK(s != NULL);
    SDL_FreeSurface(s);
}

/* ly_text_size gives the size ly_text_render draws, and a screen's worth of text takes little
 * time (printed, for the record). */
static void test_size_matches_render(void)
{
    static const char *const texts[] = {"Welcome",
                                        "مرحبا بكم في المنتدى",
                                        "欢迎",
                                        "Добро пожаловать",
                                        "a b c d e f g h i j",
                                        "The venue opens at 08:00.\nالمكان يفتح في الساعة 08:00.",
                                        "हिन्दी"};
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int draws = 0;
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        for (int wrap = 0; wrap <= 300; wrap += 150) {
            for (int lines = 0; lines <= 2; lines++) {
                int w, h;
                CHECK(ly_text_size(T, texts[i], 28, LY_TEXT_BOLD, wrap, lines, &w, &h));
                char err[256];
                SDL_Surface *s = ly_text_render(T, texts[i], 28, LY_TEXT_BOLD, INK, wrap, lines,
                                                LY_TEXT_CENTER, err, sizeof err);
                CHECK(s && s->w == w && s->h == h);
                SDL_FreeSurface(s);
                draws++;
            }
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double ms = (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6;
    printf("# %d texts measured and drawn in %.1f ms (%.2f ms each, ASan build)\n", draws, ms,
           ms / draws);
}

static void test_sample_sheet(void)
{
    SDL_Surface *s = render("Welcome · Bienvenue · Bienvenido · Добро пожаловать · 欢迎 · مرحبا\n"
                            "हिन्दी · বাংলা · தமிழ் · ภาษาไทย · ქართული · Հայերեն · አማርኛ · "
                            "සිංහල · ភាសាខ្មែរ · עברית · 한국어 · 日本語",
                            32, 900, 0, LY_TEXT_START);
    CHECK(s != NULL);
    if (s)
        save(s, "scripts");
    SDL_FreeSurface(s);
}

int main(void)
{
    char err[256];
    if (TTF_Init() != 0 || !ly_text_open(NULL, NULL, &T, err, sizeof err)) {
        fprintf(stderr, "cannot open the fonts: %s\n", err);
        printf("not ok - open fonts\n");
        return 1;
    }
    RUN(test_open);
    RUN(test_fonts_lazy_and_bounded);
    RUN(test_scripts_use_their_faces);
    RUN(test_arabic_joined_rtl);
    RUN(test_bidi_order);
    RUN(test_is_rtl);
    RUN(test_alignment);
    RUN(test_wrap_spaces);
    RUN(test_wrap_cjk_and_long_words);
    RUN(test_max_lines_ellipsis);
    RUN(test_bad_input);
    RUN(test_empty_newlines_bold);
    RUN(test_size_matches_render);
    RUN(test_sample_sheet);
    ly_text_close(T);
    TTF_Quit();
    return CHECK_DONE();
}
