/* fuzz_csv.c - libFuzzer harness for the CSV reader: any bytes, every delimiter choice. Checks
 * the reader's promises: it terminates, fields are NUL-terminated with the stated length, the
 * field count and length limits hold, and line numbers never decrease. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/csv.h"
#include "common/ly_limits.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char delims[] = {0, ',', ';', '\t'};
    char delim = size > 0 ? delims[data[0] & 3] : 0;
    struct ly_csv *c = ly_csv_new((const char *)data, size, delim);
    if (c == NULL)
        return 0;
    char err[256];
    long last = 0;
    size_t records = 0;
    for (;;) {
        enum ly_csv_status st = ly_csv_next(c, err, sizeof err);
        if (st == LY_CSV_END)
            break;
        if (ly_csv_line(c) < last || ly_csv_line(c) < 1)
            abort();
        last = ly_csv_line(c);
        if (st != LY_CSV_RECORD) {
            if (err[0] == '\0')
                abort();
            continue;
        }
        size_t n = ly_csv_count(c);
        if (n == 0 || n > LY_CSV_FIELDS_MAX)
            abort();
        for (size_t i = 0; i < n; i++) {
            size_t len;
            const char *f = ly_csv_field(c, i, &len);
            if (len > LY_CSV_FIELD_MAX || strlen(f) != len)
                abort();
        }
        if (++records > size + 1)
            abort(); /* every record consumes input */
    }
    ly_csv_free(c);
    return 0;
}
