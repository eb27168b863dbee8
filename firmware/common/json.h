/* json.h - a small JSON writer for the programs' machine-readable output (one object per line).
 * Writes to a stdio stream; the caller owns the stream. Input strings must be valid UTF-8. */
#ifndef LY_JSON_H
#define LY_JSON_H

#include <stdint.h>
#include <stdio.h>

#include "common/fields.h"

/* Writes s as a JSON string literal (quotes included), escaping '"', '\\' and control
 * characters. */
void ly_json_str(FILE *f, const char *s);

/* Writes "key":"value" / "key":number / "key":true|false, each preceded by a comma unless
 * *first is set (which they then clear). */
void ly_json_kv_str(FILE *f, int *first, const char *key, const char *value);
void ly_json_kv_int(FILE *f, int *first, const char *key, int64_t value);
void ly_json_kv_bool(FILE *f, int *first, const char *key, int value);

/* Writes the members of obj that the table fields (fields.h) describes, as "name":value pairs in
 * the table's order, the first preceded by a comma unless *first is set (which it then
 * clears). */
void ly_json_fields(FILE *f, int *first, const struct ly_field *fields, const void *obj);

/* Writes "key":[...] (a comma before it as above) with the n structs at arr, elem bytes apart,
 * each as an object of its fields. */
void ly_json_kv_objects(FILE *f, int *first, const char *key, const struct ly_field *fields,
                        const void *arr, size_t n, size_t elem);

#endif
