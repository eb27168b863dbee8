/* fuzz_jsonr.c - libFuzzer harness for the bounded JSON reader: any bytes. Checks the reader's
 * promises on every document it accepts: the limits hold (depth, members, string length), strings
 * are valid UTF-8 without NUL and of the stated length, member counts equal the members walked,
 * keys of an object are unique, integers read back in range; and writing the tree out with the
 * JSON writer and reading it again gives the same text (a round trip). Refused input must come
 * with an error sentence. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/json.h"
#include "common/jsonr.h"
#include "common/ly_limits.h"
#include "common/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_str(const char *s, size_t len)
{
    if (s == NULL || strlen(s) != len || len > LY_JSON_STRING_MAX || !ly_utf8_valid(s, len))
        abort();
}

/* Walks v at depth (containers above it), checking invariants and writing it to f. */
static void walk(const struct ly_jsonr_val *v, int depth, FILE *f)
{
    size_t len;
    int64_t iv;
    bool b;
    switch (ly_jsonr_type(v)) {
    case LY_JSONR_NULL:
        fputs("null", f);
        break;
    case LY_JSONR_TRUE:
    case LY_JSONR_FALSE:
        if (!ly_jsonr_bool(v, &b))
            abort();
        fputs(b ? "true" : "false", f);
        break;
    case LY_JSONR_NUMBER: {
        const char *t = ly_jsonr_num_text(v);
        if (t == NULL || strlen(t) > LY_JSON_NUMBER_MAX)
            abort();
        if (ly_jsonr_int(v, -1000, 1000, &iv) && (iv < -1000 || iv > 1000))
            abort();
        fputs(t, f);
        break;
    }
    case LY_JSONR_STRING: {
        const char *s = ly_jsonr_str(v, &len);
        check_str(s, len);
        ly_json_str(f, s);
        break;
    }
    case LY_JSONR_ARRAY:
    case LY_JSONR_OBJECT: {
        int object = ly_jsonr_type(v) == LY_JSONR_OBJECT;
        if (depth + 1 > LY_JSON_DEPTH_MAX || ly_jsonr_len(v) > LY_JSON_MEMBERS_MAX)
            abort();
        fputc(object ? '{' : '[', f);
        size_t n = 0;
        for (const struct ly_jsonr_val *m = ly_jsonr_first(v); m; m = ly_jsonr_next(m)) {
            if (n++)
                fputc(',', f);
            if (object) {
                const char *k = ly_jsonr_key(m);
                check_str(k, k ? strlen(k) : 0);
                if (ly_jsonr_get(v, k) == NULL)
                    abort();
                for (const struct ly_jsonr_val *o = ly_jsonr_first(v); o != m; o = ly_jsonr_next(o))
                    if (strcmp(ly_jsonr_key(o), k) == 0)
                        abort(); /* a duplicate key */
                ly_json_str(f, k);
                fputc(':', f);
            } else if (ly_jsonr_key(m) != NULL) {
                abort();
            }
            walk(m, depth + 1, f);
        }
        if (n != ly_jsonr_len(v))
            abort();
        fputc(object ? '}' : ']', f);
        break;
    }
    }
}

/* Writes doc's tree into a new buffer (free it). */
static char *write_out(const struct ly_jsonr *doc, size_t *n)
{
    char *buf = NULL;
    FILE *f = open_memstream(&buf, n);
    if (f == NULL)
        abort();
    walk(ly_jsonr_root(doc), 0, f);
    fclose(f);
    return buf;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[256] = "";
    struct ly_jsonr *doc = ly_jsonr_parse((const char *)data, size, err, sizeof err);
    if (doc == NULL) {
        if (err[0] == '\0')
            abort();
        return 0;
    }
    size_t n1, n2;
    char *t1 = write_out(doc, &n1);
    ly_jsonr_free(doc);
    struct ly_jsonr *again = ly_jsonr_parse(t1, n1, err, sizeof err);
    if (again == NULL)
        abort(); /* what the reader accepted and the writer wrote must read again */
    char *t2 = write_out(again, &n2);
    if (n1 != n2 || memcmp(t1, t2, n1) != 0)
        abort();
    ly_jsonr_free(again);
    free(t1);
    free(t2);
    return 0;
}
