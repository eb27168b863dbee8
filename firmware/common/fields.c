/* fields.c - reading and writing one member of a struct through its field row. See fields.h. */
#include "common/fields.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

int64_t ly_field_int(const struct ly_field *f, const void *obj)
{
    const char *p = (const char *)obj + f->offset;
    switch (f->type) {
    case LY_FIELD_I64:
        return *(const int64_t *)p;
    case LY_FIELD_INT:
        return *(const int *)p;
    case LY_FIELD_U32:
        return *(const uint32_t *)p;
    case LY_FIELD_U16:
        return *(const uint16_t *)p;
    case LY_FIELD_BOOL:
        return *(const bool *)p;
    case LY_FIELD_TEXT:
        break;
    }
    return 0;
}

void ly_field_set_int(const struct ly_field *f, void *obj, int64_t v)
{
    char *p = (char *)obj + f->offset;
    switch (f->type) {
    case LY_FIELD_I64:
        *(int64_t *)p = v;
        break;
    case LY_FIELD_INT:
        *(int *)p = (int)v;
        break;
    case LY_FIELD_U32:
        *(uint32_t *)p = (uint32_t)v;
        break;
    case LY_FIELD_U16:
        *(uint16_t *)p = (uint16_t)v;
        break;
    case LY_FIELD_BOOL:
        *(bool *)p = v != 0;
        break;
    case LY_FIELD_TEXT:
        break;
    }
}

const char *ly_field_text(const struct ly_field *f, const void *obj)
{
    return (const char *)obj + f->offset;
}

void ly_field_set_text(const struct ly_field *f, void *obj, const char *s)
{
    char *dst = (char *)obj + f->offset;
    size_t n = strlen(s);
    if (n >= f->size) { /* cut before the character the end would split */
        n = f->size - 1;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(dst, s, n);
    dst[n] = '\0';
}

/* Each integer type's whole range. */
static const struct {
    int64_t min, max;
} type_range[] = {
    [LY_FIELD_TEXT] = {0, 0},
    [LY_FIELD_I64] = {INT64_MIN, INT64_MAX},
    [LY_FIELD_INT] = {INT_MIN, INT_MAX},
    [LY_FIELD_U32] = {0, UINT32_MAX},
    [LY_FIELD_U16] = {0, UINT16_MAX},
    [LY_FIELD_BOOL] = {0, 1},
};

void ly_field_range(const struct ly_field *f, int64_t *min, int64_t *max)
{
    bool own = f->min != 0 || f->max != 0;
    *min = own ? f->min : type_range[f->type].min;
    *max = own ? f->max : type_range[f->type].max;
}
