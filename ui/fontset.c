/* fontset.c - faces chosen through fontconfig by coverage, and the (face, pixel size) cache. See
 * fontset.h.
 *
 * At open, fontconfig lists every installed scalable face with its families, weight, slant,
 * width and character set. Each role (a script's face, in a regular and a bold weight) takes the
 * face that has the script's sample letters and ranks best: upright first, then the operator's
 * preferred fonts, then the role's preferred families, then any other family; within one family
 * the weight and width nearest the wanted ones. Nothing is opened until a character needs it. */
#include "fontset.h"

#include <fontconfig/fontconfig.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fail.h"
#include "text.h"

/* What a face must have to count as covering a script: a few of its commonest letters. */
static const struct script_def {
    const char *name;
    uint32_t sample[3]; /* 0 ends a shorter list */
} SCRIPTS[LY_SCRIPT_COUNT] = {
    [LY_SCRIPT_LATIN] = {"Latin", {'A', 'a', 'z'}},
    [LY_SCRIPT_GREEK] = {"Greek", {0x03A9, 0x03B1, 0x03C9}},
    [LY_SCRIPT_CYRILLIC] = {"Cyrillic", {0x0416, 0x0430, 0x044F}},
    [LY_SCRIPT_ARMENIAN] = {"Armenian", {0x0531, 0x0561}},
    [LY_SCRIPT_HEBREW] = {"Hebrew", {0x05D0, 0x05D1, 0x05E9}},
    [LY_SCRIPT_ARABIC] = {"Arabic", {0x0627, 0x0628, 0x0645}},
    [LY_SCRIPT_SYRIAC] = {"Syriac", {0x0710, 0x0712}},
    [LY_SCRIPT_THAANA] = {"Thaana", {0x0780, 0x0781}},
    [LY_SCRIPT_DEVANAGARI] = {"Devanagari", {0x0915, 0x0916, 0x093F}},
    [LY_SCRIPT_BENGALI] = {"Bengali", {0x0995, 0x0996}},
    [LY_SCRIPT_GURMUKHI] = {"Gurmukhi", {0x0A15, 0x0A16}},
    [LY_SCRIPT_GUJARATI] = {"Gujarati", {0x0A95, 0x0A96}},
    [LY_SCRIPT_ORIYA] = {"Oriya", {0x0B15, 0x0B16}},
    [LY_SCRIPT_TAMIL] = {"Tamil", {0x0B95, 0x0B9A}},
    [LY_SCRIPT_TELUGU] = {"Telugu", {0x0C15, 0x0C16}},
    [LY_SCRIPT_KANNADA] = {"Kannada", {0x0C95, 0x0C96}},
    [LY_SCRIPT_MALAYALAM] = {"Malayalam", {0x0D15, 0x0D16}},
    [LY_SCRIPT_SINHALA] = {"Sinhala", {0x0D9A, 0x0D9B}},
    [LY_SCRIPT_THAI] = {"Thai", {0x0E01, 0x0E02}},
    [LY_SCRIPT_LAO] = {"Lao", {0x0E81, 0x0E82}},
    [LY_SCRIPT_MYANMAR] = {"Myanmar", {0x1000, 0x1001}},
    [LY_SCRIPT_GEORGIAN] = {"Georgian", {0x10D0, 0x10D1}},
    [LY_SCRIPT_HANGUL] = {"Hangul", {0xAC00, 0xD55C}},
    [LY_SCRIPT_ETHIOPIC] = {"Ethiopic", {0x1200, 0x1208}},
    [LY_SCRIPT_KHMER] = {"Khmer", {0x1780, 0x1781}},
    [LY_SCRIPT_HIRAGANA] = {"Hiragana", {0x3042, 0x3044}},
    [LY_SCRIPT_KATAKANA] = {"Katakana", {0x30A2, 0x30A4}},
    [LY_SCRIPT_BOPOMOFO] = {"Bopomofo", {0x3105, 0x3106}},
    [LY_SCRIPT_HAN] = {"Han", {0x4E2D, 0x6587, 0x5B57}},
};

/* The roles: one face per script, and a second Arabic face for what the first lacks. */
enum role {
    R_SANS,
    R_ARABIC,
    R_NASKH,
    R_HEBREW,
    R_ARMENIAN,
    R_GEORGIAN,
    R_ETHIOPIC,
    R_DEVANAGARI,
    R_BENGALI,
    R_GURMUKHI,
    R_GUJARATI,
    R_ORIYA,
    R_TAMIL,
    R_TELUGU,
    R_KANNADA,
    R_MALAYALAM,
    R_SINHALA,
    R_THAI,
    R_LAO,
    R_MYANMAR,
    R_KHMER,
    R_THAANA,
    R_SYRIAC,
    R_CJK,
    R_COUNT,
    R_NONE = R_COUNT
};

#define FAMILIES_MAX 5
static const struct role_def {
    enum ly_script script; /* whose sample letters the face must have */
    const char *family[FAMILIES_MAX];
} ROLES[R_COUNT] = {
    [R_SANS] = {LY_SCRIPT_LATIN, {"Noto Sans"}},
    /* The UI variants keep the line height of Latin text. */
    [R_ARABIC] = {LY_SCRIPT_ARABIC,
                  {"Noto Sans Arabic UI", "Noto Sans Arabic", "Noto Naskh Arabic UI",
                   "Noto Naskh Arabic"}},
    [R_NASKH] = {LY_SCRIPT_ARABIC, {"Noto Naskh Arabic UI", "Noto Naskh Arabic"}},
    [R_HEBREW] = {LY_SCRIPT_HEBREW, {"Noto Sans Hebrew"}},
    [R_ARMENIAN] = {LY_SCRIPT_ARMENIAN, {"Noto Sans Armenian"}},
    [R_GEORGIAN] = {LY_SCRIPT_GEORGIAN, {"Noto Sans Georgian"}},
    [R_ETHIOPIC] = {LY_SCRIPT_ETHIOPIC, {"Noto Sans Ethiopic"}},
    [R_DEVANAGARI] = {LY_SCRIPT_DEVANAGARI, {"Noto Sans Devanagari UI", "Noto Sans Devanagari"}},
    [R_BENGALI] = {LY_SCRIPT_BENGALI, {"Noto Sans Bengali UI", "Noto Sans Bengali"}},
    [R_GURMUKHI] = {LY_SCRIPT_GURMUKHI, {"Noto Sans Gurmukhi UI", "Noto Sans Gurmukhi"}},
    [R_GUJARATI] = {LY_SCRIPT_GUJARATI, {"Noto Sans Gujarati UI", "Noto Sans Gujarati"}},
    [R_ORIYA] = {LY_SCRIPT_ORIYA, {"Noto Sans Oriya UI", "Noto Sans Oriya", "Noto Sans Odia"}},
    [R_TAMIL] = {LY_SCRIPT_TAMIL, {"Noto Sans Tamil UI", "Noto Sans Tamil"}},
    [R_TELUGU] = {LY_SCRIPT_TELUGU, {"Noto Sans Telugu UI", "Noto Sans Telugu"}},
    [R_KANNADA] = {LY_SCRIPT_KANNADA, {"Noto Sans Kannada UI", "Noto Sans Kannada"}},
    [R_MALAYALAM] = {LY_SCRIPT_MALAYALAM, {"Noto Sans Malayalam UI", "Noto Sans Malayalam"}},
    [R_SINHALA] = {LY_SCRIPT_SINHALA, {"Noto Sans Sinhala UI", "Noto Sans Sinhala"}},
    [R_THAI] = {LY_SCRIPT_THAI, {"Noto Sans Thai UI", "Noto Sans Thai"}},
    [R_LAO] = {LY_SCRIPT_LAO, {"Noto Sans Lao UI", "Noto Sans Lao"}},
    [R_MYANMAR] = {LY_SCRIPT_MYANMAR, {"Noto Sans Myanmar UI", "Noto Sans Myanmar"}},
    [R_KHMER] = {LY_SCRIPT_KHMER, {"Noto Sans Khmer UI", "Noto Sans Khmer"}},
    [R_THAANA] = {LY_SCRIPT_THAANA, {"Noto Sans Thaana"}},
    [R_SYRIAC] = {LY_SCRIPT_SYRIAC, {"Noto Sans Syriac", "Noto Sans Syriac Estrangela"}},
    /* Simplified Chinese glyphs for Han (the UN's Chinese); the face has kana and Hangul too. */
    [R_CJK] = {LY_SCRIPT_HAN,
               {"Noto Sans CJK SC", "Noto Sans SC", "Noto Sans CJK TC", "Noto Sans CJK JP",
                "Noto Sans CJK KR"}},
};

/* For a character that no face of its chain has (arrows, symbols, a rare script): these first. */
static const char *const FALLBACK_FAMILIES[FAMILIES_MAX] = {
    "Noto Sans", "Noto Sans CJK SC", "Noto Sans Symbols", "Noto Sans Symbols 2", "Noto Sans Math"};

/* Every chain ends with the Latin and the CJK face, so that Common characters (arrows, CJK
 * punctuation) find a face whatever the script around them. */
static const enum role TAIL[] = {R_SANS, R_CJK};
#define TAIL_LEN   (sizeof TAIL / sizeof TAIL[0])
#define CHAIN_HEAD 2 /* faces a script puts before the tail */

static const enum role HEADS[LY_SCRIPT_COUNT][CHAIN_HEAD] = {
    [LY_SCRIPT_COMMON] = {R_NONE, R_NONE},
    [LY_SCRIPT_INHERITED] = {R_NONE, R_NONE},
    [LY_SCRIPT_LATIN] = {R_NONE, R_NONE},
    [LY_SCRIPT_GREEK] = {R_NONE, R_NONE},
    [LY_SCRIPT_CYRILLIC] = {R_NONE, R_NONE},
    [LY_SCRIPT_ARMENIAN] = {R_ARMENIAN, R_NONE},
    [LY_SCRIPT_HEBREW] = {R_HEBREW, R_NONE},
    [LY_SCRIPT_ARABIC] = {R_ARABIC, R_NASKH},
    [LY_SCRIPT_SYRIAC] = {R_SYRIAC, R_NONE},
    [LY_SCRIPT_THAANA] = {R_THAANA, R_NONE},
    [LY_SCRIPT_DEVANAGARI] = {R_DEVANAGARI, R_NONE},
    [LY_SCRIPT_BENGALI] = {R_BENGALI, R_NONE},
    [LY_SCRIPT_GURMUKHI] = {R_GURMUKHI, R_NONE},
    [LY_SCRIPT_GUJARATI] = {R_GUJARATI, R_NONE},
    [LY_SCRIPT_ORIYA] = {R_ORIYA, R_NONE},
    [LY_SCRIPT_TAMIL] = {R_TAMIL, R_NONE},
    [LY_SCRIPT_TELUGU] = {R_TELUGU, R_NONE},
    [LY_SCRIPT_KANNADA] = {R_KANNADA, R_NONE},
    [LY_SCRIPT_MALAYALAM] = {R_MALAYALAM, R_NONE},
    [LY_SCRIPT_SINHALA] = {R_SINHALA, R_NONE},
    [LY_SCRIPT_THAI] = {R_THAI, R_NONE},
    [LY_SCRIPT_LAO] = {R_LAO, R_NONE},
    [LY_SCRIPT_MYANMAR] = {R_MYANMAR, R_NONE},
    [LY_SCRIPT_GEORGIAN] = {R_GEORGIAN, R_NONE},
    [LY_SCRIPT_HANGUL] = {R_CJK, R_NONE},
    [LY_SCRIPT_ETHIOPIC] = {R_ETHIOPIC, R_NONE},
    [LY_SCRIPT_KHMER] = {R_KHMER, R_NONE},
    [LY_SCRIPT_HIRAGANA] = {R_CJK, R_NONE},
    [LY_SCRIPT_KATAKANA] = {R_CJK, R_NONE},
    [LY_SCRIPT_BOPOMOFO] = {R_CJK, R_NONE},
    [LY_SCRIPT_HAN] = {R_CJK, R_NONE},
};

/* Characters whose face was looked up among all installed faces, remembered (direct-mapped). */
#define FALLBACK_CACHE 128
/* A rank for a family that is neither preferred by the operator nor by the role. */
#define RANK_OTHER 1000

/* One installed face, as fontconfig lists it (the strings and the set belong to the pattern). */
struct font {
    FcPattern *pat;
    const char *file;
    int index, weight, width;
    bool italic, variable;
    FcCharSet *cs;
};

struct face {
    size_t font;
    bool broken; /* failed to open once: never tried again */
};

struct cached {
    TTF_Font *font; /* NULL: free entry */
    int face, px;
    unsigned long used; /* clock value of the last use */
};

struct ly_fontset {
    FcConfig *config;
    FcFontSet *set;
    struct font *font;
    size_t nfont;
    char *prefer[LY_FONTSET_DIRS_MAX]; /* the operator's families and files */
    size_t nprefer;
    struct face face[LY_FONTSET_FACES_MAX];
    int nface;
    int role[R_COUNT][2]; /* face of each role and weight, -1 when nothing covers the script */
    struct {
        uint32_t key; /* cp * 2 + bold + 1; 0: empty */
        int face;     /* -1: no installed face has it */
    } fallback[FALLBACK_CACHE];
    char missing[LY_FONTSET_MISSING_MAX];
    struct cached cache[LY_TEXT_FONT_CACHE];
    unsigned long clock;
    bool ttf; /* TTF_Init succeeded */
};

/* --- the installed faces ---------------------------------------------------------------------- */

static int pattern_int(FcPattern *p, const char *object, int dflt)
{
    int v;
    double d;
    if (FcPatternGetInteger(p, object, 0, &v) == FcResultMatch)
        return v;
    if (FcPatternGetDouble(p, object, 0, &d) == FcResultMatch)
        return (int)d;
    return dflt; /* a range (a variable font's axis): ranked as the default instance */
}

/* Lists the installed scalable TrueType and OpenType faces into fs->font. */
static bool list_fonts(struct ly_fontset *fs, char *err, size_t errsz)
{
    FcPattern *pat = FcPatternBuild(NULL, FC_SCALABLE, FcTypeBool, FcTrue, (char *)NULL);
    FcObjectSet *os = FcObjectSetBuild(FC_FAMILY, FC_FILE, FC_INDEX, FC_WEIGHT, FC_WIDTH, FC_SLANT,
                                       FC_VARIABLE, FC_CHARSET, FC_FONTFORMAT, (char *)NULL);
    if (pat && os)
        fs->set = FcFontList(fs->config, pat, os);
    if (pat)
        FcPatternDestroy(pat);
    if (os)
        FcObjectSetDestroy(os);
    if (fs->set == NULL)
        return ly_fail(err, errsz, "fontconfig cannot list the installed fonts");
    fs->font = calloc(fs->set->nfont ? (size_t)fs->set->nfont : 1, sizeof *fs->font);
    if (fs->font == NULL)
        return ly_fail(err, errsz, "out of memory");
    for (int i = 0; i < fs->set->nfont; i++) {
        FcPattern *p = fs->set->fonts[i];
        struct font *f = &fs->font[fs->nfont];
        FcChar8 *file = NULL, *format = NULL;
        FcBool variable = FcFalse;
        if (FcPatternGetString(p, FC_FILE, 0, &file) != FcResultMatch ||
            FcPatternGetCharSet(p, FC_CHARSET, 0, &f->cs) != FcResultMatch)
            continue;
        /* FreeType opens Type 1 and bitmap formats too, but HarfBuzz shapes only these. */
        if (FcPatternGetString(p, FC_FONTFORMAT, 0, &format) == FcResultMatch &&
            strcmp((const char *)format, "TrueType") != 0 &&
            strcmp((const char *)format, "CFF") != 0)
            continue;
        (void)FcPatternGetBool(p, FC_VARIABLE, 0, &variable);
        f->pat = p;
        f->file = (const char *)file;
        f->index = pattern_int(p, FC_INDEX, 0);
        f->weight = pattern_int(p, FC_WEIGHT, FC_WEIGHT_REGULAR);
        f->width = pattern_int(p, FC_WIDTH, FC_WIDTH_NORMAL);
        f->italic = pattern_int(p, FC_SLANT, FC_SLANT_ROMAN) != FC_SLANT_ROMAN;
        f->variable = variable == FcTrue;
        fs->nfont++;
    }
    return true;
}

static bool has_family(const struct font *f, const char *family)
{
    FcChar8 *name;
    for (int i = 0; FcPatternGetString(f->pat, FC_FAMILY, i, &name) == FcResultMatch; i++)
        if (FcStrCmpIgnoreCase(name, (const FcChar8 *)family) == 0)
            return true;
    return false;
}

static bool covers(const struct font *f, const uint32_t *cp, size_t n)
{
    for (size_t i = 0; i < n && cp[i]; i++)
        if (!FcCharSetHasChar(f->cs, cp[i]))
            return false;
    return true;
}

/* The font's rank for a role preferring families: the operator's fonts, then the role's
 * families, then RANK_OTHER (a sans-serif design before others). */
static int rank(const struct ly_fontset *fs, const struct font *f,
                const char *const family[FAMILIES_MAX])
{
    for (size_t i = 0; i < fs->nprefer; i++) {
        bool file = fs->prefer[i][0] == '/';
        if (file ? strcmp(f->file, fs->prefer[i]) == 0 : has_family(f, fs->prefer[i]))
            return (int)i;
    }
    for (int i = 0; i < FAMILIES_MAX && family[i]; i++)
        if (has_family(f, family[i]))
            return LY_FONTSET_DIRS_MAX + i;
    FcChar8 *name = NULL;
    (void)FcPatternGetString(f->pat, FC_FAMILY, 0, &name);
    const char *n = name ? (const char *)name : "";
    bool sans = strstr(n, "Sans") && !strstr(n, "Mono");
    return RANK_OTHER + (sans ? 0 : 1);
}

/* Returns whether a is a better face than b (b may be NULL) for weight w. */
static bool better(const struct font *a, int ra, const struct font *b, int rb, int w)
{
    if (b == NULL)
        return true;
    int ka[] = {a->italic, ra, abs(a->weight - w), abs(a->width - FC_WIDTH_NORMAL), a->variable};
    int kb[] = {b->italic, rb, abs(b->weight - w), abs(b->width - FC_WIDTH_NORMAL), b->variable};
    for (size_t i = 0; i < sizeof ka / sizeof ka[0]; i++)
        if (ka[i] != kb[i])
            return ka[i] < kb[i];
    int c = strcmp(a->file, b->file);
    return c != 0 ? c < 0 : a->index < b->index;
}

/* Returns the best installed face with all of cp[0..n) (0 ends a shorter list), or -1. */
static long best_font(const struct ly_fontset *fs, const uint32_t *cp, size_t n,
                      const char *const family[FAMILIES_MAX], bool bold)
{
    int w = bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR;
    long best = -1;
    int best_rank = 0;
    for (size_t i = 0; i < fs->nfont; i++) {
        const struct font *f = &fs->font[i];
        if (!covers(f, cp, n))
            continue;
        int r = rank(fs, f, family);
        if (better(f, r, best < 0 ? NULL : &fs->font[best], best_rank, w)) {
            best = (long)i;
            best_rank = r;
        }
    }
    return best;
}

/* Returns the face of installed font i (added when new), or -1 when the table is full. */
static int face_of(struct ly_fontset *fs, long i)
{
    if (i < 0)
        return -1;
    for (int k = 0; k < fs->nface; k++) {
        const struct font *f = &fs->font[fs->face[k].font];
        if (fs->face[k].font == (size_t)i ||
            (strcmp(f->file, fs->font[i].file) == 0 && f->index == fs->font[i].index))
            return k;
    }
    if (fs->nface == LY_FONTSET_FACES_MAX)
        return -1;
    fs->face[fs->nface] = (struct face){.font = (size_t)i};
    return fs->nface++;
}

/* --- open and close ----------------------------------------------------------------------------
 */

/* Splits list at sep into at most LY_FONTSET_DIRS_MAX trimmed, non-empty copies. */
static bool split(const char *list, char sep, char *out[LY_FONTSET_DIRS_MAX], size_t *n,
                  const char *what, char *err, size_t errsz)
{
    *n = 0;
    for (const char *p = list; p && *p;) {
        size_t len = strcspn(p, sep == ',' ? "," : ":");
        const char *a = p, *b = p + len;
        while (a < b && (*a == ' ' || *a == '\t'))
            a++;
        while (b > a && (b[-1] == ' ' || b[-1] == '\t'))
            b--;
        if (b > a) {
            if (*n == LY_FONTSET_DIRS_MAX)
                return ly_fail(err, errsz, "more than %d %s", LY_FONTSET_DIRS_MAX, what);
            if ((size_t)(b - a) >= LY_FONTSET_PATH_MAX)
                return ly_fail(err, errsz, "a %s is longer than %d bytes", what,
                               LY_FONTSET_PATH_MAX - 1);
            out[*n] = strndup(a, (size_t)(b - a));
            if (out[*n] == NULL)
                return ly_fail(err, errsz, "out of memory");
            (*n)++;
        }
        p += len;
        if (*p)
            p++;
    }
    return true;
}

static bool add_dirs(struct ly_fontset *fs, const char *font_dirs, char *err, size_t errsz)
{
    char *dir[LY_FONTSET_DIRS_MAX];
    size_t n;
    bool ok = split(font_dirs, ':', dir, &n, "font folders", err, errsz);
    for (size_t i = 0; ok && i < n; i++) {
        struct stat sb;
        if (stat(dir[i], &sb) != 0 || !S_ISDIR(sb.st_mode))
            ok = ly_fail(err, errsz, "font folder %s is not a folder", dir[i]);
        else if (!FcConfigAppFontAddDir(fs->config, (const FcChar8 *)dir[i]))
            ok = ly_fail(err, errsz, "fontconfig cannot read the font folder %s", dir[i]);
    }
    for (size_t i = 0; i < n; i++)
        free(dir[i]);
    return ok;
}

static bool add_preferred(struct ly_fontset *fs, const char *prefer, char *err, size_t errsz)
{
    if (!split(prefer, ',', fs->prefer, &fs->nprefer, "preferred fonts", err, errsz))
        return false;
    for (size_t i = 0; i < fs->nprefer; i++)
        if (fs->prefer[i][0] == '/' &&
            !FcConfigAppFontAddFile(fs->config, (const FcChar8 *)fs->prefer[i]))
            return ly_fail(err, errsz, "font file %s cannot be read", fs->prefer[i]);
    return true;
}

/* Fails when an operator's font names nothing installed (a typing error shows at start). */
static bool check_preferred(const struct ly_fontset *fs, char *err, size_t errsz)
{
    for (size_t i = 0; i < fs->nprefer; i++) {
        bool file = fs->prefer[i][0] == '/', found = false;
        for (size_t k = 0; k < fs->nfont && !found; k++)
            found = file ? strcmp(fs->font[k].file, fs->prefer[i]) == 0
                         : has_family(&fs->font[k], fs->prefer[i]);
        if (!found)
            return ly_fail(err, errsz, "font %s is not installed (fc-list lists what is)",
                           fs->prefer[i]);
    }
    return true;
}

/* Lists the scripts that no installed face covers in fs->missing. */
static void find_missing(struct ly_fontset *fs)
{
    size_t len = 0;
    for (int s = 0; s < LY_SCRIPT_COUNT; s++) {
        const struct script_def *d = &SCRIPTS[s];
        if (d->name == NULL)
            continue;
        bool covered = false;
        for (size_t i = 0; i < fs->nfont && !covered; i++)
            covered = covers(&fs->font[i], d->sample, sizeof d->sample / sizeof d->sample[0]);
        if (covered)
            continue;
        int w =
            snprintf(fs->missing + len, sizeof fs->missing - len, "%s%s", len ? ", " : "", d->name);
        if (w < 0 || (size_t)w >= sizeof fs->missing - len)
            break;
        len += (size_t)w;
    }
}

bool ly_fontset_open(const char *font_dirs, const char *prefer, struct ly_fontset **out, char *err,
                     size_t errsz)
{
    struct ly_fontset *fs = calloc(1, sizeof *fs);
    if (fs == NULL)
        return ly_fail(err, errsz, "out of memory");
    fs->config = FcInitLoadConfigAndFonts();
    bool ok = fs->config != NULL || ly_fail(err, errsz, "fontconfig cannot load its configuration");
    ok = ok && add_dirs(fs, font_dirs, err, errsz) && add_preferred(fs, prefer, err, errsz) &&
         list_fonts(fs, err, errsz) && check_preferred(fs, err, errsz);
    for (int r = 0; ok && r < R_COUNT; r++) {
        const struct script_def *d = &SCRIPTS[ROLES[r].script];
        for (int bold = 0; bold < 2; bold++)
            fs->role[r][bold] =
                face_of(fs, best_font(fs, d->sample, sizeof d->sample / sizeof d->sample[0],
                                      ROLES[r].family, bold));
    }
    if (ok && fs->role[R_SANS][0] < 0)
        ok = ly_fail(err, errsz,
                     "no installed font draws Latin letters (Debian: apt-get install "
                     "fonts-noto-core)");
    if (ok)
        find_missing(fs);
    if (ok && TTF_Init() != 0)
        ok = ly_fail(err, errsz, "TTF_Init: %s", TTF_GetError());
    fs->ttf = ok;
    if (!ok) {
        ly_fontset_close(fs);
        return false;
    }
    *out = fs;
    return true;
}

void ly_fontset_close(struct ly_fontset *fs)
{
    if (fs == NULL)
        return;
    for (int i = 0; i < LY_TEXT_FONT_CACHE; i++)
        if (fs->cache[i].font)
            TTF_CloseFont(fs->cache[i].font);
    for (size_t i = 0; i < fs->nprefer; i++)
        free(fs->prefer[i]);
    free(fs->font);
    if (fs->set)
        FcFontSetDestroy(fs->set);
    if (fs->config)
        FcConfigDestroy(fs->config);
    bool ttf = fs->ttf;
    free(fs);
    if (ttf)
        TTF_Quit();
}

/* --- faces and glyphs --------------------------------------------------------------------------
 */

TTF_Font *ly_fontset_font(struct ly_fontset *fs, int face, int px)
{
    if (face < 0 || face >= fs->nface || fs->face[face].broken)
        return NULL;
    fs->clock++;
    int victim = 0;
    for (int i = 0; i < LY_TEXT_FONT_CACHE; i++) {
        struct cached *c = &fs->cache[i];
        if (c->font && c->face == face && c->px == px) {
            c->used = fs->clock;
            return c->font;
        }
        if (c->font == NULL || (fs->cache[victim].font && c->used < fs->cache[victim].used))
            victim = i;
    }
    const struct font *f = &fs->font[fs->face[face].font];
    TTF_Font *font = TTF_OpenFontIndex(f->file, px, f->index);
    if (font == NULL) {
        fs->face[face].broken = true;
        return NULL;
    }
    struct cached *c = &fs->cache[victim];
    if (c->font)
        TTF_CloseFont(c->font);
    *c = (struct cached){.font = font, .face = face, .px = px, .used = fs->clock};
    return font;
}

bool ly_fontset_has(struct ly_fontset *fs, int face, uint32_t cp, int px)
{
    TTF_Font *f = ly_fontset_font(fs, face, px);
    return f != NULL && TTF_GlyphIsProvided32(f, cp) != 0;
}

/* Returns the installed face with a glyph for cp, or -1. */
static int fallback(struct ly_fontset *fs, uint32_t cp, bool bold)
{
    uint32_t key = cp * 2 + (bold ? 1 : 0) + 1;
    size_t slot = key % FALLBACK_CACHE;
    if (fs->fallback[slot].key == key)
        return fs->fallback[slot].face;
    int face = face_of(fs, best_font(fs, &cp, 1, FALLBACK_FAMILIES, bold));
    fs->fallback[slot].key = key;
    fs->fallback[slot].face = face;
    return face;
}

int ly_fontset_pick(struct ly_fontset *fs, enum ly_script s, bool bold, uint32_t cp, int px)
{
    if ((unsigned)s >= LY_SCRIPT_COUNT)
        s = LY_SCRIPT_COMMON;
    enum role chain[CHAIN_HEAD + TAIL_LEN];
    size_t n = 0;
    /* Punctuation and digits come from the script's own face or the tail, not from a second
     * face of another design (Naskh parentheses in Sans Arabic text). */
    enum ly_script own = ly_script_of(cp);
    size_t heads = own == LY_SCRIPT_COMMON || own == LY_SCRIPT_INHERITED ? 1 : CHAIN_HEAD;
    for (size_t i = 0; i < heads; i++)
        if (HEADS[s][i] != R_NONE)
            chain[n++] = HEADS[s][i];
    for (size_t i = 0; i < TAIL_LEN; i++)
        chain[n++] = TAIL[i];
    int first = -1;
    for (size_t i = 0; i < n; i++) {
        int face = fs->role[chain[i]][bold ? 1 : 0];
        TTF_Font *f = ly_fontset_font(fs, face, px);
        if (f == NULL)
            continue;
        if (first < 0)
            first = face;
        if (TTF_GlyphIsProvided32(f, cp) != 0)
            return face;
    }
    int other = fallback(fs, cp, bold);
    if (ly_fontset_has(fs, other, cp, px))
        return other;
    return first;
}

int ly_fontset_open_count(const struct ly_fontset *fs)
{
    int n = 0;
    for (int i = 0; i < LY_TEXT_FONT_CACHE; i++)
        n += fs->cache[i].font != NULL;
    return n;
}

const char *ly_fontset_face_file(const struct ly_fontset *fs, int face, long *index)
{
    if (face < 0 || face >= fs->nface)
        return NULL;
    const struct font *f = &fs->font[fs->face[face].font];
    if (index)
        *index = f->index;
    return f->file;
}

const char *ly_fontset_face_name(const struct ly_fontset *fs, int face)
{
    const char *file = ly_fontset_face_file(fs, face, NULL);
    if (file == NULL)
        return "";
    const char *slash = strrchr(file, '/');
    return slash ? slash + 1 : file;
}

const char *ly_fontset_missing(const struct ly_fontset *fs)
{
    return fs->missing;
}
