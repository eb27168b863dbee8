/* fold.h - search keys for names: text folded so that what a person types at a kiosk matches
 * the name as registered, whatever the accents, case and punctuation.
 *
 * Folding: Latin letters lose case and diacritics (Latin-1 Supplement, Latin Extended-A and B,
 * Latin Extended Additional with Vietnamese; combining marks are dropped), with ß -> ss,
 * æ -> ae, œ -> oe, ø -> o, ł -> l, đ -> d, ð -> d, þ -> th, ı -> i; fullwidth forms become
 * ASCII. Greek is lower-cased without tonos or dialytika, and final ς is σ. Cyrillic is
 * lower-cased, ё -> е (Russian writes ё as е more often than not), while й stays й (a letter
 * of its own on every keyboard: "Андрей" is typed with it). Arabic loses its harakat, Quranic
 * marks and tatweel; alef with hamza or madda and alef wasla -> bare alef, alef maksura ى ->
 * yeh ي, teh marbuta ة -> heh ه (the usual normalization of Arabic search). Whitespace,
 * punctuation and symbols become single spaces, with none at either end; invisible format
 * characters (joiners, direction marks) vanish. Every other character (CJK, Devanagari,
 * Ethiopic, Hangul, ...) is kept as it is. Invalid UTF-8 bytes count as spaces. */
#ifndef LY_FOLD_H
#define LY_FOLD_H

#include <stddef.h>

/* The version of the folding rules: search keys stored with an older one are made again
 * (kioskdb). Bump it whenever the output of ly_fold changes. */
#define LY_FOLD_VERSION 1

/* Folds the NUL-terminated utf8 (any bytes) into out (outsz bytes, outsz >= 1): always
 * NUL-terminated valid UTF-8, cut at a character boundary when it does not fit. The output is
 * never longer than the input. Returns its length in bytes. */
size_t ly_fold(const char *utf8, char *out, size_t outsz);

#endif
