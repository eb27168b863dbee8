/* import_rules.h - private to the import module: one pass over a gate rules CSV (columns in
 * docs/import-formats.md). In the checking pass every problem is reported, references to
 * sessions and rooms are looked up, and the rows are counted; in the writing pass (x->writing)
 * the rows are collected and replace the stored rule set as a whole. */
#ifndef LY_IMPORT_RULES_H
#define LY_IMPORT_RULES_H

#include "import/import_check.h"

/* Runs one pass over the len bytes at data. The checking pass counts rows, days of opening hours
 * and notices into res; the writing pass reads those counts and sets res->changed. */
void ly_import_rules_pass(struct ly_import_ctx *x, const char *data, size_t len,
                          struct ly_import_result *res);

#endif
