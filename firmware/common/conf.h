/* conf.h - the configuration file format shared by the kiosk (kconfig.c) and the hub
 * (sync/hub/hub_config.c): "NAME = VALUE" lines, "#" comments, blank lines. The reader bounds the
 * file and its lines and hands each pair to the caller's setter. Each program's options are a
 * table of rows (struct ly_conf_option) that carry type, range, unit, default, the field they
 * set and help; one setter, the --help text and the docs' Markdown table all read it. */
#ifndef LY_CONF_H
#define LY_CONF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
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

/* How an option's value is read and stored (tmux options-table.c's types). */
enum ly_conf_type {
    LY_CONF_FLAG,   /* bool: "--NAME" alone on the command line, yes or no in a file */
    LY_CONF_BOOL,   /* bool: one of two words, choices[0] for true and choices[1] for false */
    LY_CONF_INT,    /* int: a whole number from min to max, in unit; stored times scale */
    LY_CONF_STRING, /* char[size]: 1 to size - 1 bytes */
    LY_CONF_PATH,   /* char[size]: a file or folder, 1 to size - 1 bytes */
    LY_CONF_ENUM,   /* int (an enum): the index of the value in choices */
    LY_CONF_WORD,   /* char[size]: one of choices, stored as given */
};

struct ly_conf_option;

/* What a row's own check made of a value. */
enum ly_conf_verdict {
    LY_CONF_BAD,  /* refused; err says why */
    LY_CONF_PASS, /* the generic setter stores it by the row's type */
    LY_CONF_DONE, /* the check stored it itself */
};

/* A row's special case (a gate spec, a PIN hash, categories...), called before the generic
 * setter with the whole config struct (the row's field is ly_conf_field(o, cfg)). */
typedef enum ly_conf_verdict (*ly_conf_check_fn)(const struct ly_conf_option *o, void *cfg,
                                                 const char *value, char *err, size_t errsz);

/* One row of a program's options table: the flag "--NAME", the file key "NAME", how the value
 * is read, where it is stored, its default and its help. */
struct ly_conf_option {
    const char *name;
    enum ly_conf_type type;
    const char *arg; /* what the value looks like in the help; NULL for a flag */
    /* The default: a value set at start through the setter, or, in parentheses, only a
     * description ("(required)", "(the clock)") of a field left empty. */
    const char *def;
    size_t offset, size;        /* the field in the config struct: LY_CONF_FIELD */
    int64_t min, max;           /* LY_CONF_INT */
    const char *unit;           /* LY_CONF_INT: what the number counts ("ms", "s"), or NULL */
    int scale;                  /* LY_CONF_INT: the field holds value * scale (0: 1) */
    const char *const *choices; /* LY_CONF_BOOL, LY_CONF_ENUM, LY_CONF_WORD; NULL-terminated */
    ly_conf_check_fn check;     /* or NULL */
    const char *help;
};

/* The offset and size of member in struct type, for a row. */
#define LY_CONF_FIELD(type, member) offsetof(type, member), sizeof(((type *)0)->member)

/* The option called name in opts[0..n), or NULL. */
const struct ly_conf_option *ly_conf_find(const struct ly_conf_option *opts, size_t n,
                                          const char *name);

/* Where row o's field is in the config struct cfg. */
void *ly_conf_field(const struct ly_conf_option *o, void *cfg);

/* The one setter: sets option name (without "--") of cfg to value (NULL for a flag given
 * alone) after the row's check, by the row's type. Returns false with a message in err for an
 * unknown name or a bad value. */
__attribute__((warn_unused_result)) bool ly_conf_set(const struct ly_conf_option *opts, size_t n,
                                                     void *cfg, const char *name, const char *value,
                                                     char *err, size_t errsz);

/* Sets every option whose default is a value (not a "(description)"). Returns false with err
 * when a default is refused: a mistake in the table. */
__attribute__((warn_unused_result)) bool
ly_conf_defaults(const struct ly_conf_option *opts, size_t n, void *cfg, char *err, size_t errsz);

/* Parses a whole number of name from min to max into *out; false with a sentence in err that
 * names unit (or NULL). For checks that read a number inside a value. */
__attribute__((warn_unused_result)) bool ly_conf_int(const char *name, const char *value,
                                                     int64_t min, int64_t max, const char *unit,
                                                     int64_t *out, char *err, size_t errsz);

/* Writes the options as --help text, or as a Markdown table for the docs. */
void ly_conf_usage(FILE *out, const struct ly_conf_option *opts, size_t n);
void ly_conf_markdown(FILE *out, const struct ly_conf_option *opts, size_t n);

#endif
