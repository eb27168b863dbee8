/* kioskdb_words.h - the attendees' search keys in the kiosk database: the key of a name, its
 * words in the search_words index, and the keys made again when the folding rules change. For
 * the files of the kiosk database (kioskdb.c, kioskdb_records.c); staff mode searches them
 * through kioskdb_staff.h. */
#ifndef LY_KIOSKDB_WORDS_H
#define LY_KIOSKDB_WORDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/ly_limits.h"

struct ly_kioskdb;

/* An attendee's search key: fold(name) + " " + fold(name_latin); folding never lengthens. */
#define LY_SEARCH_KEY_MAX (2 * LY_NAME_MAX + 1)

/* Writes the key of a name into the caller's key: fold(name), then fold(name_latin) when it
 * adds anything, one space between. */
void ly_kioskdb_search_key(const char *name, const char *name_latin,
                           char key[LY_SEARCH_KEY_MAX + 1]);

/* Replaces attendee id's rows in search_words by the distinct words of key. Inside the
 * caller's transaction, if any. Returns false with err on a database error. */
bool ly_kioskdb_index_words(struct ly_kioskdb *db, uint32_t id, const char *key, char *err,
                            size_t errsz);

/* Keys the attendees whose keys were made by an older fold (meta 'search_fold' below
 * LY_FOLD_VERSION; 0 right after migration 3), in one transaction that also records the
 * version: an interrupted run leaves nothing half done and runs again at the next open; a
 * finished one is not repeated. Returns false with err on a database error. */
bool ly_kioskdb_search_backfill(struct ly_kioskdb *db, char *err, size_t errsz);

#endif
