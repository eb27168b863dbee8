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

static const struct script_def {
    char tag[5];
    enum face_id head[CHAIN_HEAD]; /* F_COUNT: none */
} SCRIPTS[LY_SCRIPT_COUNT] = {
    [LY_SCRIPT_COMMON] = {"Zyyy", {F_COUNT, F_COUNT}},
    [LY_SCRIPT_INHERITED] = {"Zinh", {F_COUNT, F_COUNT}},
    [LY_SCRIPT_LATIN] = {"Latn", {F_COUNT, F_COUNT}},
    [LY_SCRIPT_GREEK] = {"Grek", {F_COUNT, F_COUNT}},
    [LY_SCRIPT_CYRILLIC] = {"Cyrl", {F_COUNT, F_COUNT}},
    [LY_SCRIPT_ARMENIAN] = {"Armn", {F_ARMENIAN, F_COUNT}},
    [LY_SCRIPT_HEBREW] = {"Hebr", {F_HEBREW, F_COUNT}},
    [LY_SCRIPT_ARABIC] = {"Arab", {F_ARABIC, F_NASKH}},
    [LY_SCRIPT_SYRIAC] = {"Syrc", {F_SYRIAC, F_COUNT}},
    [LY_SCRIPT_THAANA] = {"Thaa", {F_THAANA, F_COUNT}},
    [LY_SCRIPT_DEVANAGARI] = {"Deva", {F_DEVANAGARI, F_COUNT}},
    [LY_SCRIPT_BENGALI] = {"Beng", {F_BENGALI, F_COUNT}},
    [LY_SCRIPT_GURMUKHI] = {"Guru", {F_GURMUKHI, F_COUNT}},
    [LY_SCRIPT_GUJARATI] = {"Gujr", {F_GUJARATI, F_COUNT}},
    [LY_SCRIPT_ORIYA] = {"Orya", {F_ORIYA, F_COUNT}},
    [LY_SCRIPT_TAMIL] = {"Taml", {F_TAMIL, F_COUNT}},
    [LY_SCRIPT_TELUGU] = {"Telu", {F_TELUGU, F_COUNT}},
    [LY_SCRIPT_KANNADA] = {"Knda", {F_KANNADA, F_COUNT}},
    [LY_SCRIPT_MALAYALAM] = {"Mlym", {F_MALAYALAM, F_COUNT}},
    [LY_SCRIPT_SINHALA] = {"Sinh", {F_SINHALA, F_COUNT}},
    [LY_SCRIPT_THAI] = {"Thai", {F_THAI, F_COUNT}},
    [LY_SCRIPT_LAO] = {"Laoo", {F_LAO, F_COUNT}},
    [LY_SCRIPT_MYANMAR] = {"Mymr", {F_MYANMAR, F_COUNT}},
    [LY_SCRIPT_GEORGIAN] = {"Geor", {F_GEORGIAN, F_COUNT}},
    [LY_SCRIPT_HANGUL] = {"Hang", {F_CJK, F_COUNT}},
    [LY_SCRIPT_ETHIOPIC] = {"Ethi", {F_ETHIOPIC, F_COUNT}},
    [LY_SCRIPT_KHMER] = {"Khmr", {F_KHMER, F_COUNT}},
    [LY_SCRIPT_HIRAGANA] = {"Hira", {F_CJK, F_COUNT}},
    [LY_SCRIPT_KATAKANA] = {"Kana", {F_CJK, F_COUNT}},
    [LY_SCRIPT_BOPOMOFO] = {"Bopo", {F_CJK, F_COUNT}},
    [LY_SCRIPT_HAN] = {"Hani", {F_CJK, F_COUNT}},
};

/* Code point ranges by script, sorted and disjoint; what is not listed is Common. Blocks are
 * taken whole where a few Common characters inside (the Arabic comma, the Devanagari danda) are
 * better drawn by the block's own face anyway. */
static const struct range {
    uint32_t lo, hi;
    uint8_t script;
} RANGES[] = {
    {0x0041, 0x005A, LY_SCRIPT_LATIN},       {0x0061, 0x007A, LY_SCRIPT_LATIN},
    {0x00AA, 0x00AA, LY_SCRIPT_LATIN},       {0x00BA, 0x00BA, LY_SCRIPT_LATIN},
    {0x00C0, 0x00D6, LY_SCRIPT_LATIN},       {0x00D8, 0x00F6, LY_SCRIPT_LATIN},
    {0x00F8, 0x02AF, LY_SCRIPT_LATIN},       {0x0300, 0x036F, LY_SCRIPT_INHERITED},
    {0x0370, 0x03FF, LY_SCRIPT_GREEK},       {0x0400, 0x052F, LY_SCRIPT_CYRILLIC},
    {0x0531, 0x058F, LY_SCRIPT_ARMENIAN},    {0x0591, 0x05FF, LY_SCRIPT_HEBREW},
    {0x0600, 0x06FF, LY_SCRIPT_ARABIC},      {0x0700, 0x074F, LY_SCRIPT_SYRIAC},
    {0x0750, 0x077F, LY_SCRIPT_ARABIC},      {0x0780, 0x07BF, LY_SCRIPT_THAANA},
    {0x0860, 0x086F, LY_SCRIPT_SYRIAC},      {0x0870, 0x08FF, LY_SCRIPT_ARABIC},
    {0x0900, 0x097F, LY_SCRIPT_DEVANAGARI},  {0x0980, 0x09FF, LY_SCRIPT_BENGALI},
    {0x0A00, 0x0A7F, LY_SCRIPT_GURMUKHI},    {0x0A80, 0x0AFF, LY_SCRIPT_GUJARATI},
    {0x0B00, 0x0B7F, LY_SCRIPT_ORIYA},       {0x0B80, 0x0BFF, LY_SCRIPT_TAMIL},
    {0x0C00, 0x0C7F, LY_SCRIPT_TELUGU},      {0x0C80, 0x0CFF, LY_SCRIPT_KANNADA},
    {0x0D00, 0x0D7F, LY_SCRIPT_MALAYALAM},   {0x0D80, 0x0DFF, LY_SCRIPT_SINHALA},
    {0x0E00, 0x0E7F, LY_SCRIPT_THAI},        {0x0E80, 0x0EFF, LY_SCRIPT_LAO},
    {0x1000, 0x109F, LY_SCRIPT_MYANMAR},     {0x10A0, 0x10FF, LY_SCRIPT_GEORGIAN},
    {0x1100, 0x11FF, LY_SCRIPT_HANGUL},      {0x1200, 0x139F, LY_SCRIPT_ETHIOPIC},
    {0x1780, 0x17FF, LY_SCRIPT_KHMER},       {0x19E0, 0x19FF, LY_SCRIPT_KHMER},
    {0x1AB0, 0x1AFF, LY_SCRIPT_INHERITED},   {0x1C80, 0x1C8F, LY_SCRIPT_CYRILLIC},
    {0x1C90, 0x1CBF, LY_SCRIPT_GEORGIAN},    {0x1D00, 0x1DBF, LY_SCRIPT_LATIN},
    {0x1DC0, 0x1DFF, LY_SCRIPT_INHERITED},   {0x1E00, 0x1EFF, LY_SCRIPT_LATIN},
    {0x1F00, 0x1FFF, LY_SCRIPT_GREEK},       {0x200C, 0x200D, LY_SCRIPT_INHERITED},
    {0x20D0, 0x20FF, LY_SCRIPT_INHERITED},   {0x2C60, 0x2C7F, LY_SCRIPT_LATIN},
    {0x2D00, 0x2D2F, LY_SCRIPT_GEORGIAN},    {0x2D80, 0x2DDF, LY_SCRIPT_ETHIOPIC},
    {0x2DE0, 0x2DFF, LY_SCRIPT_CYRILLIC},    {0x2E80, 0x2FDF, LY_SCRIPT_HAN},
    {0x3005, 0x3005, LY_SCRIPT_HAN},         {0x3007, 0x3007, LY_SCRIPT_HAN},
    {0x3021, 0x3029, LY_SCRIPT_HAN},         {0x302A, 0x302D, LY_SCRIPT_INHERITED},
    {0x3038, 0x303B, LY_SCRIPT_HAN},         {0x3041, 0x3096, LY_SCRIPT_HIRAGANA},
    {0x3099, 0x309A, LY_SCRIPT_INHERITED},   {0x309D, 0x309F, LY_SCRIPT_HIRAGANA},
    {0x30A1, 0x30FA, LY_SCRIPT_KATAKANA},    {0x30FD, 0x30FF, LY_SCRIPT_KATAKANA},
    {0x3105, 0x312F, LY_SCRIPT_BOPOMOFO},    {0x3131, 0x318E, LY_SCRIPT_HANGUL},
    {0x31A0, 0x31BF, LY_SCRIPT_BOPOMOFO},    {0x31F0, 0x31FF, LY_SCRIPT_KATAKANA},
    {0x3400, 0x4DBF, LY_SCRIPT_HAN},         {0x4E00, 0x9FFF, LY_SCRIPT_HAN},
    {0xA640, 0xA69F, LY_SCRIPT_CYRILLIC},    {0xA720, 0xA7FF, LY_SCRIPT_LATIN},
    {0xA8E0, 0xA8FF, LY_SCRIPT_DEVANAGARI},  {0xA960, 0xA97F, LY_SCRIPT_HANGUL},
    {0xA9E0, 0xA9FF, LY_SCRIPT_MYANMAR},     {0xAA60, 0xAA7F, LY_SCRIPT_MYANMAR},
    {0xAB00, 0xAB2F, LY_SCRIPT_ETHIOPIC},    {0xAB30, 0xAB6F, LY_SCRIPT_LATIN},
    {0xAC00, 0xD7FF, LY_SCRIPT_HANGUL},      {0xF900, 0xFAFF, LY_SCRIPT_HAN},
    {0xFB00, 0xFB06, LY_SCRIPT_LATIN},       {0xFB13, 0xFB17, LY_SCRIPT_ARMENIAN},
    {0xFB1D, 0xFB4F, LY_SCRIPT_HEBREW},      {0xFB50, 0xFDFF, LY_SCRIPT_ARABIC},
    {0xFE00, 0xFE0F, LY_SCRIPT_INHERITED},   {0xFE20, 0xFE2F, LY_SCRIPT_INHERITED},
    {0xFE70, 0xFEFC, LY_SCRIPT_ARABIC},      {0xFF21, 0xFF3A, LY_SCRIPT_LATIN},
    {0xFF41, 0xFF5A, LY_SCRIPT_LATIN},       {0xFF66, 0xFF6F, LY_SCRIPT_KATAKANA},
    {0xFF71, 0xFF9D, LY_SCRIPT_KATAKANA},    {0xFFA0, 0xFFDC, LY_SCRIPT_HANGUL},
    {0x1E900, 0x1E95F, LY_SCRIPT_COMMON},    {0x20000, 0x3134F, LY_SCRIPT_HAN},
    {0xE0100, 0xE01EF, LY_SCRIPT_INHERITED},
};
#define RANGES_LEN (sizeof RANGES / sizeof RANGES[0])

enum ly_script ly_script_of(uint32_t cp)
{
    size_t lo = 0, hi = RANGES_LEN;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cp < RANGES[mid].lo)
            hi = mid;
        else if (cp > RANGES[mid].hi)
            lo = mid + 1;
        else
            return (enum ly_script)RANGES[mid].script;
    }
    return LY_SCRIPT_COMMON;
}

const char *ly_script_tag(enum ly_script s)
{
    if ((unsigned)s >= LY_SCRIPT_COUNT || s == LY_SCRIPT_INHERITED)
        return SCRIPTS[LY_SCRIPT_COMMON].tag;
    return SCRIPTS[s].tag;
}

bool ly_script_is_cjk(enum ly_script s)
{
    return s == LY_SCRIPT_HAN || s == LY_SCRIPT_HIRAGANA || s == LY_SCRIPT_KATAKANA ||
           s == LY_SCRIPT_HANGUL || s == LY_SCRIPT_BOPOMOFO;
}

/* A face is F_* * 2 + (bold ? 1 : 0). */
#define SLOTS (F_COUNT * 2)

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
    for (size_t i = 0; i < CHAIN_HEAD; i++)
        if (SCRIPTS[s].head[i] != F_COUNT)
            chain[n++] = SCRIPTS[s].head[i];
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

const char *ly_fontset_face_name(const struct ly_fontset *fs, int face)
{
    if (face < 0 || face >= SLOTS || fs->path[face] == NULL)
        return "";
    const char *slash = strrchr(fs->path[face], '/');
    return slash ? slash + 1 : fs->path[face];
}
