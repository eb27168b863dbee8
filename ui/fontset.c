/* fontset.c - Noto faces, fallback chains and the (face, pixel size) cache. See fontset.h. */
#include "fontset.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fail.h"
#include "text.h"

#define DEFAULT_DIRS "/usr/share/fonts/truetype/noto:/usr/share/fonts/opentype/noto"

/* The faces, each a regular and a bold file (the regular one again where Noto has no bold).
 * A collection (.ttc) names the face to take by its family name. */
enum face_id {
    F_SANS,
    F_ARABIC,
    F_NASKH,
    F_HEBREW,
    F_ARMENIAN,
    F_GEORGIAN,
    F_ETHIOPIC,
    F_DEVANAGARI,
    F_BENGALI,
    F_GURMUKHI,
    F_GUJARATI,
    F_ORIYA,
    F_TAMIL,
    F_TELUGU,
    F_KANNADA,
    F_MALAYALAM,
    F_SINHALA,
    F_THAI,
    F_LAO,
    F_MYANMAR,
    F_KHMER,
    F_THAANA,
    F_SYRIAC,
    F_CJK,
    F_SYMBOLS,
    F_SYMBOLS2,
    F_MATH,
    F_COUNT
};

static const struct face_def {
    const char *regular, *bold;
    const char *family; /* for a collection: the face's family name */
} FACES[F_COUNT] = {
    [F_SANS] = {"NotoSans-Regular.ttf", "NotoSans-Bold.ttf", NULL},
    [F_ARABIC] = {"NotoSansArabicUI-Regular.ttf", "NotoSansArabicUI-Bold.ttf", NULL},
    [F_NASKH] = {"NotoNaskhArabicUI-Regular.ttf", "NotoNaskhArabicUI-Bold.ttf", NULL},
    [F_HEBREW] = {"NotoSansHebrew-Regular.ttf", "NotoSansHebrew-Bold.ttf", NULL},
    [F_ARMENIAN] = {"NotoSansArmenian-Regular.ttf", "NotoSansArmenian-Bold.ttf", NULL},
    [F_GEORGIAN] = {"NotoSansGeorgian-Regular.ttf", "NotoSansGeorgian-Bold.ttf", NULL},
    [F_ETHIOPIC] = {"NotoSansEthiopic-Regular.ttf", "NotoSansEthiopic-Bold.ttf", NULL},
    /* The UI variants keep the line height of Latin text. */
    [F_DEVANAGARI] = {"NotoSansDevanagariUI-Regular.ttf", "NotoSansDevanagariUI-Bold.ttf", NULL},
    [F_BENGALI] = {"NotoSansBengaliUI-Regular.ttf", "NotoSansBengaliUI-Bold.ttf", NULL},
    [F_GURMUKHI] = {"NotoSansGurmukhiUI-Regular.ttf", "NotoSansGurmukhiUI-Bold.ttf", NULL},
    [F_GUJARATI] = {"NotoSansGujaratiUI-Regular.ttf", "NotoSansGujaratiUI-Bold.ttf", NULL},
    [F_ORIYA] = {"NotoSansOriyaUI-Regular.ttf", "NotoSansOriyaUI-Bold.ttf", NULL},
    [F_TAMIL] = {"NotoSansTamilUI-Regular.ttf", "NotoSansTamilUI-Bold.ttf", NULL},
    [F_TELUGU] = {"NotoSansTeluguUI-Regular.ttf", "NotoSansTeluguUI-Bold.ttf", NULL},
    [F_KANNADA] = {"NotoSansKannadaUI-Regular.ttf", "NotoSansKannadaUI-Bold.ttf", NULL},
    [F_MALAYALAM] = {"NotoSansMalayalamUI-Regular.ttf", "NotoSansMalayalamUI-Bold.ttf", NULL},
    [F_SINHALA] = {"NotoSansSinhalaUI-Regular.ttf", "NotoSansSinhalaUI-Bold.ttf", NULL},
    [F_THAI] = {"NotoSansThaiUI-Regular.ttf", "NotoSansThaiUI-Bold.ttf", NULL},
    [F_LAO] = {"NotoSansLaoUI-Regular.ttf", "NotoSansLaoUI-Bold.ttf", NULL},
    [F_MYANMAR] = {"NotoSansMyanmarUI-Regular.ttf", "NotoSansMyanmarUI-Bold.ttf", NULL},
    [F_KHMER] = {"NotoSansKhmerUI-Regular.ttf", "NotoSansKhmerUI-Bold.ttf", NULL},
    [F_THAANA] = {"NotoSansThaana-Regular.ttf", "NotoSansThaana-Bold.ttf", NULL},
    [F_SYRIAC] = {"NotoSansSyriac-Regular.ttf", NULL, NULL},
    /* Simplified Chinese glyphs for Han (the UN's Chinese); the face has kana and Hangul too. */
    [F_CJK] = {"NotoSansCJK-Regular.ttc", "NotoSansCJK-Bold.ttc", "Noto Sans CJK SC"},
    [F_SYMBOLS] = {"NotoSansSymbols-Regular.ttf", "NotoSansSymbols-Bold.ttf", NULL},
    [F_SYMBOLS2] = {"NotoSansSymbols2-Regular.ttf", NULL, NULL},
    [F_MATH] = {"NotoSansMath-Regular.ttf", NULL, NULL},
};

/* Every chain ends with these, so that Common characters (arrows, CJK punctuation, symbols)
 * find a face whatever the script around them. */
static const enum face_id TAIL[] = {F_SANS, F_CJK, F_SYMBOLS, F_SYMBOLS2, F_MATH};
#define TAIL_LEN   (sizeof TAIL / sizeof TAIL[0])
#define CHAIN_HEAD 2 /* faces a script puts before the tail */

static const enum face_id HEADS[LY_SCRIPT_COUNT][CHAIN_HEAD] = {
    [LY_SCRIPT_COMMON] = {F_COUNT, F_COUNT},
    [LY_SCRIPT_INHERITED] = {F_COUNT, F_COUNT},
    [LY_SCRIPT_LATIN] = {F_COUNT, F_COUNT},
    [LY_SCRIPT_GREEK] = {F_COUNT, F_COUNT},
    [LY_SCRIPT_CYRILLIC] = {F_COUNT, F_COUNT},
    [LY_SCRIPT_ARMENIAN] = {F_ARMENIAN, F_COUNT},
    [LY_SCRIPT_HEBREW] = {F_HEBREW, F_COUNT},
    [LY_SCRIPT_ARABIC] = {F_ARABIC, F_NASKH},
    [LY_SCRIPT_SYRIAC] = {F_SYRIAC, F_COUNT},
    [LY_SCRIPT_THAANA] = {F_THAANA, F_COUNT},
    [LY_SCRIPT_DEVANAGARI] = {F_DEVANAGARI, F_COUNT},
    [LY_SCRIPT_BENGALI] = {F_BENGALI, F_COUNT},
    [LY_SCRIPT_GURMUKHI] = {F_GURMUKHI, F_COUNT},
    [LY_SCRIPT_GUJARATI] = {F_GUJARATI, F_COUNT},
    [LY_SCRIPT_ORIYA] = {F_ORIYA, F_COUNT},
    [LY_SCRIPT_TAMIL] = {F_TAMIL, F_COUNT},
    [LY_SCRIPT_TELUGU] = {F_TELUGU, F_COUNT},
    [LY_SCRIPT_KANNADA] = {F_KANNADA, F_COUNT},
    [LY_SCRIPT_MALAYALAM] = {F_MALAYALAM, F_COUNT},
    [LY_SCRIPT_SINHALA] = {F_SINHALA, F_COUNT},
    [LY_SCRIPT_THAI] = {F_THAI, F_COUNT},
    [LY_SCRIPT_LAO] = {F_LAO, F_COUNT},
    [LY_SCRIPT_MYANMAR] = {F_MYANMAR, F_COUNT},
    [LY_SCRIPT_GEORGIAN] = {F_GEORGIAN, F_COUNT},
    [LY_SCRIPT_HANGUL] = {F_CJK, F_COUNT},
    [LY_SCRIPT_ETHIOPIC] = {F_ETHIOPIC, F_COUNT},
    [LY_SCRIPT_KHMER] = {F_KHMER, F_COUNT},
    [LY_SCRIPT_HIRAGANA] = {F_CJK, F_COUNT},
    [LY_SCRIPT_KATAKANA] = {F_CJK, F_COUNT},
    [LY_SCRIPT_BOPOMOFO] = {F_CJK, F_COUNT},
    [LY_SCRIPT_HAN] = {F_CJK, F_COUNT},
};

/* A face is F_* * 2 + (bold ? 1 : 0). */
#define SLOTS (F_COUNT * 2)
_Static_assert(SLOTS <= LY_FONTSET_FACES_MAX, "LY_FONTSET_FACES_MAX too small");

struct cached {
    TTF_Font *font; /* NULL: free entry */
    int slot, px;
    unsigned long used; /* clock value of the last use */
};

struct ly_fontset {
    char *path[SLOTS]; /* NULL: the file is in no directory */
    long index[SLOTS]; /* face index in a collection; -1 until looked up */
    bool broken[SLOTS];
    struct cached cache[LY_TEXT_FONT_CACHE];
    unsigned long clock;
};

static char *find_file(const char *dirs, const char *name)
{
    const char *p = dirs;
    for (int n = 0; n < LY_FONTSET_DIRS_MAX && *p; n++) {
        size_t len = strcspn(p, ":");
        char path[LY_FONTSET_PATH_MAX];
        if (len > 0 && len + 1 + strlen(name) < sizeof path) {
            memcpy(path, p, len);
            path[len] = '/';
            memcpy(path + len + 1, name, strlen(name) + 1);
            if (access(path, R_OK) == 0)
                return strdup(path);
        }
        p += len;
        if (*p == ':')
            p++;
    }
    return NULL;
}

bool ly_fontset_open(const char *font_dirs, struct ly_fontset **out, char *err, size_t errsz)
{
    const char *dirs = font_dirs ? font_dirs : DEFAULT_DIRS;
    if (strlen(dirs) >= LY_FONTSET_DIRS_MAX * LY_FONTSET_PATH_MAX)
        return ly_fail(err, errsz, "font directory list too long");
    struct ly_fontset *fs = calloc(1, sizeof *fs);
    if (fs == NULL)
        return ly_fail(err, errsz, "out of memory");
    for (int f = 0; f < F_COUNT; f++) {
        fs->path[2 * f] = find_file(dirs, FACES[f].regular);
        if (FACES[f].bold)
            fs->path[2 * f + 1] = find_file(dirs, FACES[f].bold);
        if (fs->path[2 * f + 1] == NULL && fs->path[2 * f] != NULL)
            fs->path[2 * f + 1] = strdup(fs->path[2 * f]);
        fs->index[2 * f] = fs->index[2 * f + 1] = FACES[f].family ? -1 : 0;
    }
    if (fs->path[2 * F_SANS] == NULL) {
        ly_fontset_close(fs);
        return ly_fail(err, errsz, "%s is in none of the font directories %s",
                       FACES[F_SANS].regular, dirs);
    }
    if (TTF_Init() != 0) {
        ly_fail(err, errsz, "TTF_Init: %s", TTF_GetError());
        for (int s = 0; s < SLOTS; s++)
            free(fs->path[s]);
        free(fs);
        return false;
    }
    *out = fs;
    return true;
}

void ly_fontset_close(struct ly_fontset *fs)
{
    if (fs == NULL)
        return;
    bool inited = fs->path[2 * F_SANS] != NULL;
    for (int i = 0; i < LY_TEXT_FONT_CACHE; i++)
        if (fs->cache[i].font)
            TTF_CloseFont(fs->cache[i].font);
    for (int s = 0; s < SLOTS; s++)
        free(fs->path[s]);
    free(fs);
    if (inited)
        TTF_Quit();
}

/* Finds the face of a collection whose family is FACES[f].family. */
static long find_index(const char *path, const char *family, int px)
{
    TTF_Font *first = TTF_OpenFontIndex(path, px, 0);
    if (first == NULL)
        return -1;
    long faces = TTF_FontFaces(first);
    TTF_CloseFont(first);
    for (long i = 0; i < faces && i < 64; i++) {
        TTF_Font *f = TTF_OpenFontIndex(path, px, i);
        if (f == NULL)
            continue;
        const char *name = TTF_FontFaceFamilyName(f);
        bool match = name != NULL && strcmp(name, family) == 0;
        TTF_CloseFont(f);
        if (match)
            return i;
    }
    return -1;
}

TTF_Font *ly_fontset_font(struct ly_fontset *fs, int face, int px)
{
    if (face < 0 || face >= SLOTS || fs->path[face] == NULL || fs->broken[face])
        return NULL;
    fs->clock++;
    int victim = 0;
    for (int i = 0; i < LY_TEXT_FONT_CACHE; i++) {
        struct cached *c = &fs->cache[i];
        if (c->font && c->slot == face && c->px == px) {
            c->used = fs->clock;
            return c->font;
        }
        if (c->font == NULL || (fs->cache[victim].font && c->used < fs->cache[victim].used))
            victim = i;
    }
    if (fs->index[face] < 0) {
        fs->index[face] = find_index(fs->path[face], FACES[face / 2].family, px);
        if (fs->index[face] < 0) {
            fs->broken[face] = true;
            return NULL;
        }
    }
    TTF_Font *font = TTF_OpenFontIndex(fs->path[face], px, fs->index[face]);
    if (font == NULL) {
        fs->broken[face] = true;
        return NULL;
    }
    struct cached *c = &fs->cache[victim];
    if (c->font)
        TTF_CloseFont(c->font);
    *c = (struct cached){.font = font, .slot = face, .px = px, .used = fs->clock};
    return font;
}

bool ly_fontset_has(struct ly_fontset *fs, int face, uint32_t cp, int px)
{
    TTF_Font *f = ly_fontset_font(fs, face, px);
    return f != NULL && TTF_GlyphIsProvided32(f, cp) != 0;
}

int ly_fontset_pick(struct ly_fontset *fs, enum ly_script s, bool bold, uint32_t cp, int px)
{
    if ((unsigned)s >= LY_SCRIPT_COUNT)
        s = LY_SCRIPT_COMMON;
    enum face_id chain[CHAIN_HEAD + TAIL_LEN];
    size_t n = 0;
    /* Punctuation and digits come from the script's own face or the tail, not from a second
     * face of another design (Naskh parentheses in Sans Arabic text). */
    enum ly_script own = ly_script_of(cp);
    size_t heads = own == LY_SCRIPT_COMMON || own == LY_SCRIPT_INHERITED ? 1 : CHAIN_HEAD;
    for (size_t i = 0; i < heads; i++)
        if (HEADS[s][i] != F_COUNT)
            chain[n++] = HEADS[s][i];
    for (size_t i = 0; i < TAIL_LEN; i++)
        chain[n++] = TAIL[i];
    int first = -1;
    for (size_t i = 0; i < n; i++) {
        int face = 2 * (int)chain[i] + (bold ? 1 : 0);
        TTF_Font *f = ly_fontset_font(fs, face, px);
        if (f == NULL)
            continue;
        if (first < 0)
            first = face;
        if (TTF_GlyphIsProvided32(f, cp) != 0)
            return face;
    }
    return first;
}

int ly_fontset_open_count(const struct ly_fontset *fs)
{
    int n = 0;
    for (int i = 0; i < LY_TEXT_FONT_CACHE; i++)
        n += fs->cache[i].font != NULL;
    return n;
}

const char *ly_fontset_face_name(const struct ly_fontset *fs, int face)
{
    if (face < 0 || face >= SLOTS || fs->path[face] == NULL)
        return "";
    const char *slash = strrchr(fs->path[face], '/');
    return slash ? slash + 1 : fs->path[face];
}
