/* unichar.c - Unicode properties for the text layer. See unichar.h. */
#include "text/unichar.h"

#include <uchar.h>

static const char TAGS[LY_SCRIPT_COUNT][5] = {
    [LY_SCRIPT_COMMON] = "Zyyy",    [LY_SCRIPT_INHERITED] = "Zinh",  [LY_SCRIPT_LATIN] = "Latn",
    [LY_SCRIPT_GREEK] = "Grek",     [LY_SCRIPT_CYRILLIC] = "Cyrl",   [LY_SCRIPT_ARMENIAN] = "Armn",
    [LY_SCRIPT_HEBREW] = "Hebr",    [LY_SCRIPT_ARABIC] = "Arab",     [LY_SCRIPT_SYRIAC] = "Syrc",
    [LY_SCRIPT_THAANA] = "Thaa",    [LY_SCRIPT_DEVANAGARI] = "Deva", [LY_SCRIPT_BENGALI] = "Beng",
    [LY_SCRIPT_GURMUKHI] = "Guru",  [LY_SCRIPT_GUJARATI] = "Gujr",   [LY_SCRIPT_ORIYA] = "Orya",
    [LY_SCRIPT_TAMIL] = "Taml",     [LY_SCRIPT_TELUGU] = "Telu",     [LY_SCRIPT_KANNADA] = "Knda",
    [LY_SCRIPT_MALAYALAM] = "Mlym", [LY_SCRIPT_SINHALA] = "Sinh",    [LY_SCRIPT_THAI] = "Thai",
    [LY_SCRIPT_LAO] = "Laoo",       [LY_SCRIPT_MYANMAR] = "Mymr",    [LY_SCRIPT_GEORGIAN] = "Geor",
    [LY_SCRIPT_HANGUL] = "Hang",    [LY_SCRIPT_ETHIOPIC] = "Ethi",   [LY_SCRIPT_KHMER] = "Khmr",
    [LY_SCRIPT_HIRAGANA] = "Hira",  [LY_SCRIPT_KATAKANA] = "Kana",   [LY_SCRIPT_BOPOMOFO] = "Bopo",
    [LY_SCRIPT_HAN] = "Hani",
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
        return TAGS[LY_SCRIPT_COMMON];
    return TAGS[s];
}

bool ly_script_is_cjk(enum ly_script s)
{
    return s == LY_SCRIPT_HAN || s == LY_SCRIPT_HIRAGANA || s == LY_SCRIPT_KATAKANA ||
           s == LY_SCRIPT_HANGUL || s == LY_SCRIPT_BOPOMOFO;
}

bool ly_char_hidden(uint32_t cp)
{
    return cp == 0x00AD || cp == 0x061C || cp == 0x200B || cp == 0x200E || cp == 0x200F ||
           (cp >= 0x202A && cp <= 0x202E) || cp == 0x2060 || (cp >= 0x2066 && cp <= 0x2069) ||
           cp == 0xFEFF;
}

/* Spaces a line may break after (not the no-break ones: U+00A0, U+2007, U+202F). */
bool ly_char_space(uint32_t cp)
{
    return cp == ' ' || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x2006) ||
           (cp >= 0x2008 && cp <= 0x200A) || cp == 0x205F || cp == 0x3000;
}

/* Brahmic scripts from Devanagari to Malayalam share one layout of their 128-character blocks:
 * signs at offsets 0x01-0x03, dependent vowels and the virama at 0x3A-0x4F and 0x51-0x57, vowel
 * signs at 0x62-0x63. */
static bool indic_sign(uint32_t cp)
{
    if (cp < 0x0900 || cp > 0x0D7F)
        return false;
    uint32_t o = cp & 0x7F;
    return (o >= 0x01 && o <= 0x03) || (o >= 0x3A && o <= 0x4F) || (o >= 0x51 && o <= 0x57) ||
           o == 0x62 || o == 0x63;
}

/* A character that joins the cluster of the one before it (marks, spacing vowel signs, joiners,
 * Hangul vowels and finals, emoji modifiers and tags). */
bool ly_char_cluster_mark(uint32_t cp, bool nsm)
{
    return nsm || indic_sign(cp) || (cp >= 0x0D81 && cp <= 0x0D83) || cp == 0x0DCA ||
           (cp >= 0x0DCF && cp <= 0x0DDF) || (cp >= 0x0DF2 && cp <= 0x0DF3) || cp == 0x0E33 ||
           cp == 0x0EB3 || (cp >= 0x102B && cp <= 0x103E) || (cp >= 0x1056 && cp <= 0x1059) ||
           (cp >= 0x1160 && cp <= 0x11FF) || (cp >= 0x17B6 && cp <= 0x17D3) || cp == 0x200C ||
           cp == 0x200D || (cp >= 0x1F3FB && cp <= 0x1F3FF) || (cp >= 0xE0020 && cp <= 0xE007F);
}

/* A character after which the next one continues the cluster (viramas, the Khmer coeng, ZWJ). */
bool ly_char_joins_next(uint32_t cp)
{
    return (cp >= 0x0900 && cp <= 0x0D7F && (cp & 0x7F) == 0x4D) || cp == 0x0DCA || cp == 0x1039 ||
           cp == 0x17D2 || cp == 0x200D;
}

/* Characters of ideographic text, between which lines may break. */
bool ly_char_ideographic(uint32_t cp)
{
    return ly_script_is_cjk(ly_script_of(cp)) || (cp >= 0x3000 && cp <= 0x303F) ||
           (cp >= 0xFF00 && cp <= 0xFF65) || (cp >= 0xFE30 && cp <= 0xFE4F);
}

/* Closing punctuation and small kana, which may not start a line (a short kinsoku list). */
bool ly_char_no_break_before(uint32_t cp)
{
    static const char32_t list[] = U"、。，．：；！？）」』〉》】〕〗］｝ー々・…‥"
                                   U"ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ)]},.!?:;’”%";
    for (size_t i = 0; list[i]; i++)
        if (list[i] == cp)
            return true;
    return false;
}

/* Opening punctuation, which may not end a line. */
bool ly_char_no_break_after(uint32_t cp)
{
    static const char32_t list[] = U"（「『〈《【〔〖［｛([{‘“";
    for (size_t i = 0; list[i]; i++)
        if (list[i] == cp)
            return true;
    return false;
}
