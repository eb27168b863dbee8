/* unichar.h - the Unicode character properties the text layer needs and FriBidi does not give:
 * a character's script, and the classes line breaking and clusters use (a compact subset of
 * UAX #24 and UAX #14, enough for the scripts the kiosk draws). No allocation, no state. */
#ifndef LY_UNICHAR_H
#define LY_UNICHAR_H

#include <stdbool.h>
#include <stdint.h>

/* The scripts the kiosk has faces for, plus Common (spaces, digits, punctuation) and Inherited
 * (combining marks), which take the script of the text around them. */
enum ly_script {
    LY_SCRIPT_COMMON,
    LY_SCRIPT_INHERITED,
    LY_SCRIPT_LATIN,
    LY_SCRIPT_GREEK,
    LY_SCRIPT_CYRILLIC,
    LY_SCRIPT_ARMENIAN,
    LY_SCRIPT_HEBREW,
    LY_SCRIPT_ARABIC,
    LY_SCRIPT_SYRIAC,
    LY_SCRIPT_THAANA,
    LY_SCRIPT_DEVANAGARI,
    LY_SCRIPT_BENGALI,
    LY_SCRIPT_GURMUKHI,
    LY_SCRIPT_GUJARATI,
    LY_SCRIPT_ORIYA,
    LY_SCRIPT_TAMIL,
    LY_SCRIPT_TELUGU,
    LY_SCRIPT_KANNADA,
    LY_SCRIPT_MALAYALAM,
    LY_SCRIPT_SINHALA,
    LY_SCRIPT_THAI,
    LY_SCRIPT_LAO,
    LY_SCRIPT_MYANMAR,
    LY_SCRIPT_GEORGIAN,
    LY_SCRIPT_HANGUL,
    LY_SCRIPT_ETHIOPIC,
    LY_SCRIPT_KHMER,
    LY_SCRIPT_HIRAGANA,
    LY_SCRIPT_KATAKANA,
    LY_SCRIPT_BOPOMOFO,
    LY_SCRIPT_HAN,
    LY_SCRIPT_COUNT
};

/* Returns the script of code point cp (Common for anything not listed). */
enum ly_script ly_script_of(uint32_t cp);

/* Returns the ISO 15924 tag of s ("Latn", "Arab", "Zyyy" for Common), as HarfBuzz takes it. */
const char *ly_script_tag(enum ly_script s);

/* Returns whether s is written without spaces between words and may break between any two
 * characters (Han, kana, Hangul, Bopomofo). */
bool ly_script_is_cjk(enum ly_script s);

/* Returns whether cp is never drawn: bidi controls, zero-width space, word joiner, soft hyphen,
 * byte order mark. */
bool ly_char_hidden(uint32_t cp);

/* Returns whether cp is a space a line may break after (not the no-break spaces U+00A0, U+2007,
 * U+202F). */
bool ly_char_space(uint32_t cp);

/* Returns whether cp belongs to the cluster of the character before it: a non-spacing mark
 * (nsm: its bidi type is NSM), a spacing vowel sign, a joiner, a Hangul vowel or final, an
 * emoji modifier or tag. */
bool ly_char_cluster_mark(uint32_t cp, bool nsm);

/* Returns whether the character after cp continues its cluster (viramas, the Khmer coeng, ZWJ). */
bool ly_char_joins_next(uint32_t cp);

/* Returns whether cp is ideographic text, between whose characters lines may break. */
bool ly_char_ideographic(uint32_t cp);

/* Returns whether cp may not start a line (closing punctuation, small kana: a short kinsoku
 * list), or may not end one (opening punctuation). */
bool ly_char_no_break_before(uint32_t cp);
bool ly_char_no_break_after(uint32_t cp);

#endif
