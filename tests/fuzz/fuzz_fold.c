/* fuzz_fold.c - libFuzzer harness for ly_fold: any bytes (up to the first NUL) as a name. Checks
 * its promises: the output is NUL-terminated valid UTF-8 of the stated length, never longer than
 * the input, without a space at either end or two in a row; folding it again changes nothing;
 * and a smaller buffer gets a prefix of it, cut at a character boundary. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/fold.h"
#include "common/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *in = malloc(size + 1), *a = malloc(size + 1), *b = malloc(size + 1);
    if (!in || !a || !b)
        abort();
    memcpy(in, data, size);
    in[size] = '\0';
    size_t n = strlen(in);
    size_t la = ly_fold(in, a, n + 1);
    if (la > n || strlen(a) != la || !ly_utf8_valid(a, la))
        abort();
    if (la > 0 && (a[0] == ' ' || a[la - 1] == ' ' || strstr(a, "  ")))
        abort();
    if (ly_fold(a, b, la + 1) != la || strcmp(a, b) != 0)
        abort();
    size_t small = size > 0 ? data[0] % (n + 1) + 1 : 1;
    size_t ls = ly_fold(in, b, small);
    if (ls >= small || ls > la || strncmp(a, b, ls) != 0 || !ly_utf8_valid(b, ls))
        abort();
    if (ls < la && (a[ls] & 0xC0) == 0x80) /* cut inside a character */
        abort();
    free(in);
    free(a);
    free(b);
    return 0;
}
