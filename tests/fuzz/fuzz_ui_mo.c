/* fuzz_ui_mo.c - libFuzzer harness for the .mo reader and the message helpers: arbitrary bytes
 * as a catalogue (ly_mo_parse: both byte orders, any table and string offsets), as a template for
 * ly_i18n_format and as a language tag. Checks their promises: a parsed catalogue holds at most
 * LY_MO_STRINGS_MAX messages, each lookup of one of its own strings gives a UTF-8 string of at
 * most LY_MO_STRING_MAX bytes; a failure leaves a message; format output is NUL-terminated within
 * its buffer and never longer than it said. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "i18n/i18n.h"
#include "i18n/mo.h"
#include "common/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[256] = "";
    struct ly_mo *mo = NULL;
    if (ly_mo_parse(data, size, "fuzz.mo", &mo, err, sizeof err)) {
        if (ly_mo_count(mo) > LY_MO_STRINGS_MAX)
            abort();
        /* Look up every NUL-terminated piece of the input: some are the catalogue's msgids. */
        for (size_t i = 0; i < size && i < 4096;) {
            size_t len = strnlen((const char *)data + i, size - i);
            if (i + len < size) {
                const char *tr = ly_mo_lookup(mo, (const char *)data + i);
                if (tr && (strlen(tr) > LY_MO_STRING_MAX || !ly_utf8_valid(tr, strlen(tr))))
                    abort();
            }
            i += len + 1;
        }
        if (ly_mo_lookup(mo, "") != NULL) /* the header entry is never a translation */
            abort();
        ly_mo_free(mo);
    } else if (err[0] == '\0' || strstr(err, "fuzz.mo") == NULL) {
        abort();
    }

    /* The input as a template (up to its first NUL) and as a language tag. */
    char *tmpl = malloc(size + 1);
    memcpy(tmpl, data, size);
    tmpl[size] = '\0';
    const char *args[] = {"14:30", "中文", "", NULL, "العربية"};
    size_t outsz = size % 97;
    char *out = malloc(outsz + 1);
    out[outsz] = 'G'; /* a guard byte past the buffer */
    bool whole = ly_i18n_format(out, outsz, tmpl, args, 5);
    if (out[outsz] != 'G' || (outsz > 0 && strnlen(out, outsz) >= outsz) || (outsz == 0 && whole))
        abort();
    enum ly_lang l;
    if (ly_lang_from_tag(tmpl, &l) && (unsigned)l >= LY_LANG_COUNT)
        abort();
    free(out);
    free(tmpl);
    return 0;
}
