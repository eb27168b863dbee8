/* json.c - JSON output. See json.h. */
#include "common/json.h"

#include <inttypes.h>

void ly_json_str(FILE *f, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\') {
            fputc('\\', f);
            fputc(*p, f);
        } else if (*p == '\n') {
            fputs("\\n", f);
        } else if (*p == '\t') {
            fputs("\\t", f);
        } else if (*p < 0x20 || *p == 0x7f) {
            fputs("\\u00", f);
            fputc(hex[*p >> 4], f);
            fputc(hex[*p & 15], f);
        } else {
            fputc(*p, f);
        }
    }
    fputc('"', f);
}

static void key(FILE *f, int *first, const char *k)
{
    if (!*first)
        fputc(',', f);
    *first = 0;
    ly_json_str(f, k);
    fputc(':', f);
}

void ly_json_kv_str(FILE *f, int *first, const char *k, const char *value)
{
    key(f, first, k);
    ly_json_str(f, value);
}

void ly_json_kv_int(FILE *f, int *first, const char *k, int64_t value)
{
    key(f, first, k);
    fprintf(f, "%" PRId64, value);
}

void ly_json_kv_bool(FILE *f, int *first, const char *k, int value)
{
    key(f, first, k);
    fputs(value ? "true" : "false", f);
}

void ly_json_fields(FILE *f, int *first, const struct ly_field *fields, const void *obj)
{
    for (const struct ly_field *fl = fields; fl->name != NULL; fl++) {
        if (fl->type == LY_FIELD_TEXT)
            ly_json_kv_str(f, first, fl->name, ly_field_text(fl, obj));
        else if (fl->type == LY_FIELD_BOOL)
            ly_json_kv_bool(f, first, fl->name, (int)ly_field_int(fl, obj));
        else
            ly_json_kv_int(f, first, fl->name, ly_field_int(fl, obj));
    }
}

void ly_json_kv_objects(FILE *f, int *first, const char *k, const struct ly_field *fields,
                        const void *arr, size_t n, size_t elem)
{
    key(f, first, k);
    fputc('[', f);
    for (size_t i = 0; i < n; i++) {
        int ff = 1;
        fputs(i ? ",{" : "{", f);
        ly_json_fields(f, &ff, fields, (const char *)arr + i * elem);
        fputc('}', f);
    }
    fputc(']', f);
}
