/* conf.h - the configuration file format shared by the kiosk (kconfig.c) and the hub
 * (sync/hub/hub_config.c): "NAME = VALUE" lines, "#" comments, blank lines. The reader bounds the
 * file and its lines and hands each pair to the caller's setter, which checks the name and the
 * value against its options table. */
#ifndef LY_CONF_H
#define LY_CONF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define LY_CONF_FILE_MAX (64 * 1024) /* bytes in a configuration file */
#define LY_CONF_LINE_MAX 1024        /* bytes in one of its lines */

/* Sets option key to value; false with a message in err for an unknown key or a bad value. */
typedef bool (*ly_conf_set_fn)(void *ctx, const char *key, const char *value, char *err,
                               size_t errsz);

/* Parses configuration text (len bytes, any content), calling set for each pair in order.
 * Errors read "NAME:LINE: message" (name labels the text). */
__attribute__((warn_unused_result)) bool ly_conf_parse(const char *name, const char *text,
                                                       size_t len, ly_conf_set_fn set, void *ctx,
                                                       char *err, size_t errsz);

/* Reads the file at path (at most LY_CONF_FILE_MAX bytes) and parses it. */
__attribute__((warn_unused_result)) bool ly_conf_load(const char *path, ly_conf_set_fn set,
                                                      void *ctx, char *err, size_t errsz);

/* Writes s as the text of a Markdown table cell ('|' escaped). */
void ly_conf_md_cell(FILE *out, const char *s);

/* One row of a program's options table: the flag "--NAME" and the file key "NAME". */
struct ly_conf_option {
    const char *name;
    const char *arg; /* what the value looks like; NULL for a yes/no flag */
    const char *def; /* the default as shown */
    int kind;        /* the program's own tag for how to set it */
    const char *help;
};

/* The option called name in opts[0..n), or NULL. */
const struct ly_conf_option *ly_conf_find(const struct ly_conf_option *opts, size_t n,
                                          const char *name);
/* Writes the options as --help text, or as a Markdown table for the docs. */
void ly_conf_usage(FILE *out, const struct ly_conf_option *opts, size_t n);
void ly_conf_markdown(FILE *out, const struct ly_conf_option *opts, size_t n);

#endif
