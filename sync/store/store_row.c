/* store_row.c - rows into structs by their field tables. See store_row.h. */
#include "store/store_row.h"

int ly_row_fields(const struct ly_row *r, int col, const struct ly_field *fields, void *obj)
{
    for (const struct ly_field *f = fields; f->name != NULL; f++, col++) {
        if (f->type == LY_FIELD_TEXT)
            ly_field_set_text(f, obj, ly_row_text(r, col));
        else
            ly_field_set_int(f, obj, ly_row_num(r, col));
    }
    return col;
}
