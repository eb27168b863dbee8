/* fold.c - search keys for names. See fold.h; the per-character rules outside ASCII are the
 * generated tables of fold_tables.inc (tests/tools/fold_tables.py). */
#include "common/fold.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "common/utf8.h"

#include "common/fold_tables.inc"

#define COMBINING_BREVE 0x0306

/* What code point cp (not ASCII) folds to: a static string ("" dropped, " " a word break), or
 * NULL when it is kept as it is. */
static const char *fold_cp(unsigned long cp)
{
    if (cp < 0xA0)
        return " "; /* C1 controls */
    for (size_t i = 0; i < sizeof fold_blocks / sizeof fold_blocks[0]; i++) {
        const struct fold_block *b = &fold_blocks[i];
        if (cp >= b->first && cp < b->first + b->count)
            return b->map[cp - b->first];
    }
    return NULL;
}

size_t ly_fold(const char *utf8, char *out, size_t outsz)
{
    size_t len = strlen(utf8), o = 0;
    bool space = false; /* a word break is due before the next character */
    if (outsz == 0)
        return 0;
    for (size_t i = 0; i < len;) {
        unsigned long cp = 0, next = 0;
        size_t n = ly_utf8_decode(utf8 + i, len - i, &cp);
        const char *to;
        char own[5];
        if (n == 0) { /* an invalid byte breaks the word */
            to = " ";
            n = 1;
        } else if (cp < 0x80) { /* ASCII: letters lower-cased, digits kept, the rest breaks */
            bool alnum = (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9');
            own[0] = cp >= 'A' && cp <= 'Z' ? (char)(cp - 'A' + 'a') : alnum ? (char)cp : ' ';
            own[1] = '\0';
            to = own;
        } else {
            to = fold_cp(cp);
            if (!to) {
                memcpy(own, utf8 + i, n);
                own[n] = '\0';
                to = own;
            }
        }
        i += n;
        /* и followed by a combining breve is й written decomposed: keep it й, as when
         * precomposed, rather than dropping the breve. */
        size_t m = i < len ? ly_utf8_decode(utf8 + i, len - i, &next) : 0;
        if (m > 0 && next == COMBINING_BREVE && strcmp(to, "\xd0\xb8") == 0) {
            to = "\xd0\xb9";
            i += m;
        }
        if (to[0] == ' ') {
            space = o > 0;
            continue;
        }
        size_t tn = strlen(to);
        if (tn == 0)
            continue;
        if (o + (space ? 1 : 0) + tn >= outsz)
            break; /* cut at a character boundary */
        if (space)
            out[o++] = ' ';
        space = false;
        memcpy(out + o, to, tn);
        o += tn;
    }
    out[o] = '\0';
    return o;
}
