/* fields.h - a struct described as data: a table of its members, each with a name, a type, where
 * it lies and (for integers) the range it may take, so that one generic function writes any such
 * struct as JSON (json.h), reads it back (jsonr.h) or fills it from a database row
 * (store/store_row.h), instead of a hand-written line per member in each. A table is a const
 * array of struct ly_field ending with LY_FIELD_END; its rows are in the order the JSON and the
 * queries list the members. */
#ifndef LY_FIELDS_H
#define LY_FIELDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum ly_field_type {
    LY_FIELD_TEXT, /* char name[N]: NUL-terminated text of at most N - 1 bytes */
    LY_FIELD_I64,  /* int64_t */
    LY_FIELD_INT,  /* int */
    LY_FIELD_U32,  /* uint32_t */
    LY_FIELD_U16,  /* uint16_t */
    LY_FIELD_BOOL, /* bool */
};

struct ly_field {
    const char *name; /* the JSON key; NULL ends the table */
    enum ly_field_type type;
    size_t offset, size; /* offsetof and sizeof the member */
    int64_t min, max;    /* integers: the range a reader accepts; both 0: the type's whole range */
};

/* The field type of member expression m, chosen by its C type: a member of any other type does
 * not compile, so a row cannot describe a member as what it is not. */
#define LY_FIELD_TYPE_OF(m)                                                                        \
    _Generic(&(m),                                                                                 \
        char(*)[sizeof(m)]: LY_FIELD_TEXT,                                                         \
        int64_t *: LY_FIELD_I64,                                                                   \
        int *: LY_FIELD_INT,                                                                       \
        uint32_t *: LY_FIELD_U32,                                                                  \
        uint16_t *: LY_FIELD_U16,                                                                  \
        bool *: LY_FIELD_BOOL)

/* A row for member m of struct type T under JSON key name, and with the range [lo, hi]. */
#define LY_FIELD_KEY_RANGE(T, m, name, lo, hi)                                                     \
    {                                                                                              \
        (name), LY_FIELD_TYPE_OF(((T *)0)->m), offsetof(T, m), sizeof(((T *)0)->m), (lo), (hi)     \
    }
#define LY_FIELD_KEY(T, m, name)     LY_FIELD_KEY_RANGE(T, m, name, 0, 0)
#define LY_FIELD_RANGE(T, m, lo, hi) LY_FIELD_KEY_RANGE(T, m, #m, lo, hi)
#define LY_FIELD(T, m)               LY_FIELD_KEY_RANGE(T, m, #m, 0, 0)
#define LY_FIELD_END                                                                               \
    {                                                                                              \
        NULL, LY_FIELD_TEXT, 0, 0, 0, 0                                                            \
    }

/* The value of integer or boolean field f of obj (a bool reads as 0 or 1). */
int64_t ly_field_int(const struct ly_field *f, const void *obj);

/* Stores v into integer or boolean field f of obj (converted to the member's type; a bool
 * stores v != 0). The caller has checked v against the range when it matters. */
void ly_field_set_int(const struct ly_field *f, void *obj, int64_t v);

/* The text of text field f of obj (a pointer into obj). */
const char *ly_field_text(const struct ly_field *f, const void *obj);

/* Copies s into text field f of obj, cut to at most f->size - 1 bytes when longer, never inside
 * a UTF-8 character. */
void ly_field_set_text(const struct ly_field *f, void *obj, const char *s);

/* The range a reader accepts for integer field f: its own, or its type's whole range. */
void ly_field_range(const struct ly_field *f, int64_t *min, int64_t *max);

#endif
