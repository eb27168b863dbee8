/* kconfig.h - the kiosk's settings: one table of options gives the command-line flags
 * (--NAME VALUE), the configuration file's keys (NAME = VALUE), `lanyard-kiosk --help` and the
 * options table in docs/kiosk.md (`lanyard-kiosk --help-markdown`), so the three never differ. */
#ifndef LY_KCONFIG_H
#define LY_KCONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "common/conf.h"
#include "gate/gate.h"
#include "common/ly_limits.h"
#include "kiosk/staffpin.h"
#include "kioskdb/kioskdb_sync.h" /* LY_KIOSKDB_META_MAX */

#define LY_KCONFIG_FILE_MAX LY_CONF_FILE_MAX /* bytes in a configuration file (conf.h) */
#define LY_KCONFIG_LINE_MAX LY_CONF_LINE_MAX /* bytes in one of its lines */

struct ly_kiosk_config {
    bool headless;
    char db[LY_SOURCE_PATH_MAX];
    char gate[LY_GATE_MAX + 1];
    char source[LY_SOURCE_PATH_MAX + 16];
    struct ly_gate_policy policy;
    char at[17];                          /* YYYY-MM-DDTHH:MM, event local time; "" = the clock */
    char staff_pin_hash[LY_PIN_HASH_MAX]; /* argon2id string; "" = no staff mode by PIN */
    int staff_idle_s;                     /* leave staff mode after this much inactivity */
    char staff_categories[LY_LABEL_MAX * 4]; /* space-separated category ids whose badge opens
                                                staff mode; "" = none */
    /* The screen (ignored when headless). */
    char language[8];                    /* the default language: en, fr, es, ru, zh, ar */
    int result_ms;                       /* a result stays this long on the screen */
    char locale_dir[LY_SOURCE_PATH_MAX]; /* "" = beside the program, else the system's */
    char font_dir[LY_SOURCE_PATH_MAX];   /* extra font folders; "" = the installed fonts only */
    char fonts[LY_SOURCE_PATH_MAX];      /* preferred families or files; "" = the built-in ones */
    char printer[LY_SOURCE_PATH_MAX];    /* print/printer.h spec; "" = no printer */
    char printer_label[8];               /* the media: "4x6", "62mm", ... */
    int printer_dpi;                     /* 0 = the language's usual resolution */
    char hub[LY_KIOSKDB_META_MAX + 1];   /* "" = the one stored at enrollment */
    char hub_ca[LY_SOURCE_PATH_MAX];     /* "" = the stored one, or the system's CAs */
    bool insecure_http; /* plain http to a hub not on loopback, or https without a pin */
    bool output_names;  /* the decision lines carry attendees' names (off: ids only) */
    int lock_after_min; /* lock when the hub has not answered for this long; 0 = never */
    char peer_listen[LY_PEER_ADDR_MAX + 1];    /* "HOST:PORT" for the event's other kiosks; ""
                                                  = no peer exchange */
    char peer_advertise[LY_PEER_ADDR_MAX + 1]; /* the address they use; "" = the bound one */
};

/* Fills *cfg with the defaults. */
void ly_kconfig_defaults(struct ly_kiosk_config *cfg);

/* Sets option name (without "--") to value (NULL for a flag such as "headless"). Returns false
 * with a message in err for an unknown option or a bad value. */
__attribute__((warn_unused_result)) bool ly_kconfig_set(struct ly_kiosk_config *cfg,
                                                        const char *name, const char *value,
                                                        char *err, size_t errsz);

/* Whether option name takes a value; false for flags and unknown names. */
bool ly_kconfig_takes_value(const char *name);

/* Reads a configuration file: "NAME = VALUE" lines, "#" comments, blank lines; a flag is
 * "NAME = yes" or "NAME = no". Errors read "PATH:LINE: message". */
__attribute__((warn_unused_result)) bool ly_kconfig_load(struct ly_kiosk_config *cfg,
                                                         const char *path, char *err, size_t errsz);

/* Parses configuration text (len bytes, any content) as ly_kconfig_load does; name labels
 * the messages. */
__attribute__((warn_unused_result)) bool ly_kconfig_parse(struct ly_kiosk_config *cfg,
                                                          const char *name, const char *text,
                                                          size_t len, char *err, size_t errsz);

/* Checks that what a headless kiosk needs is set. */
__attribute__((warn_unused_result)) bool ly_kconfig_complete(const struct ly_kiosk_config *cfg,
                                                             char *err, size_t errsz);

/* Whether category (a registration category id, not "") is one of cfg's staff-categories. */
bool ly_kconfig_staff_category(const struct ly_kiosk_config *cfg, const char *category);

/* Writes the options as --help text, or as a Markdown table. */
void ly_kconfig_usage(FILE *out);
void ly_kconfig_markdown(FILE *out);

#endif
