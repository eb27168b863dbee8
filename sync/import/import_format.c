/* import_format.c - the names of the import formats. See import_format.h. */
#include "import/import_format.h"

const char *ly_import_format_name(enum ly_import_format f)
{
    switch (f) {
    case LY_IMPORT_AUTO:
        return "auto";
    case LY_IMPORT_LANYARD:
        return "lanyard";
    case LY_IMPORT_PRETIX:
        return "pretix";
    case LY_IMPORT_EVENTBRITE:
        return "eventbrite";
    case LY_IMPORT_INDICO:
        return "indico";
    case LY_IMPORT_SESSIONS:
        return "sessions";
    case LY_IMPORT_RULES:
        return "rules";
    }
    return "unknown";
}
