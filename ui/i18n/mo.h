/* mo.h - a reader of GNU gettext message catalogues (.mo files, as msgfmt writes them), without
 * setlocale or libintl, so that the kiosk can hold every language at once and switch per
 * attendee. Both byte orders; every count, offset and length is checked against the file and
 * against the limits below; every string must be UTF-8. Only singular translations are kept (a
 * plural entry gives its first form) and entries with a context (msgctxt) are skipped. */
#ifndef LY_MO_H
#define LY_MO_H

#include <stdbool.h>
#include <stddef.h>

#define LY_MO_FILE_MAX    (1024L * 1024) /* bytes in one catalogue: the kiosk's is about 20 KiB */
#define LY_MO_STRINGS_MAX 10000          /* messages in one catalogue */
#define LY_MO_STRING_MAX  4096           /* bytes of one message (LY_TEXT_BYTES_MAX) */

struct ly_mo;

/* Parses the size bytes at data (copied: data may go afterwards). name is the file's name, for
 * messages ("fr/LC_MESSAGES/lanyard.mo: ..."). Returns true and *out (free with ly_mo_free), or
 * false with a message naming the file in err: not a .mo file, an unknown major revision,
 * a table or string outside the file, a string that is not UTF-8 or too long, a charset other
 * than UTF-8 in the header. */
__attribute__((warn_unused_result)) bool ly_mo_parse(const void *data, size_t size,
                                                     const char *name, struct ly_mo **out,
                                                     char *err, size_t errsz);

/* Reads and parses file path (at most LY_MO_FILE_MAX bytes). Returns true and *out, or false
 * with a message naming the file in err; a missing file sets *missing (when not NULL) and also
 * returns false. */
__attribute__((warn_unused_result)) bool ly_mo_load(const char *path, struct ly_mo **out,
                                                    bool *missing, char *err, size_t errsz);

void ly_mo_free(struct ly_mo *mo);

/* Returns the translation of msgid, or NULL when the catalogue has none (or an empty one). The
 * string belongs to mo. */
const char *ly_mo_lookup(const struct ly_mo *mo, const char *msgid);

/* Returns the number of translated messages (the header entry not counted). */
size_t ly_mo_count(const struct ly_mo *mo);

#endif
