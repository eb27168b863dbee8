/* kioskdb.h - the kiosk's own SQLite database, opened and closed: one file holding the slice of
 * the organizer database a gate needs to decide offline (kioskdb_records.h, kioskdb_rules.h),
 * the durable journal of every check-in this kiosk decided (kioskdb_journal.h), staff mode's
 * data (kioskdb_staff.h) and the sync client's state (kioskdb_sync.h). One writer per file.
 * Schema changes are numbered migrations (PRAGMA user_version).
 *
 * Deliberately absent: e-mail, phone, affiliation, accessibility notes (only a yes/no flag, so
 * that a door can offer help without learning the nature of a need), the source system, and any
 * secret signing key. A stolen kiosk yields names and categories, never contact or health data
 * and never the power to mint badges. */
#ifndef LY_KIOSKDB_H
#define LY_KIOSKDB_H

#include <stdbool.h>
#include <stddef.h>

#define LY_KIOSKDB_SCHEMA_VERSION 11

struct ly_kioskdb;

/* How a file is opened. A kiosk draws its identity (a random UUID and a sequence counter
 * starting at 1) at the first open; a snapshot being written is a template copied to many
 * kiosks, so it must not carry one. */
enum ly_kioskdb_mode {
    LY_KIOSKDB_KIOSK,
    LY_KIOSKDB_SNAPSHOT,
};

/* Opens (creating when absent, mode 0600) the database at path, runs PRAGMA quick_check
 * (a damaged file is refused: "database is damaged: ..."), migrates it (a newer schema is
 * refused), makes the attendees' search keys when they are missing or were made by an older
 * fold.h (once: after migration 3, or after an upgrade of the folding rules) and, in
 * LY_KIOSKDB_KIOSK mode, draws the kiosk identity if the file has none.
 * Returns false with a message in err. The caller frees *out with ly_kioskdb_close. Calls
 * sodium_init(). */
__attribute__((warn_unused_result)) bool ly_kioskdb_open(const char *path,
                                                         enum ly_kioskdb_mode mode,
                                                         struct ly_kioskdb **out, char *err,
                                                         size_t errsz);
/* Closes db and frees it (NULL is ignored). */
void ly_kioskdb_close(struct ly_kioskdb *db);

/* Whether the last failure on db was the disk's (full, failing, locked: ly_sqldb_storage_fault)
 * rather than what was asked of it. */
bool ly_kioskdb_storage_fault(const struct ly_kioskdb *db);

/* Returns the kiosk's UUID, owned by db; "" in a snapshot. */
const char *ly_kioskdb_kiosk_id(const struct ly_kioskdb *db);

/* A transaction around writes of synced data (a snapshot being written, a page of changes
 * applied): the puts of kioskdb_records.h and kioskdb_rules.h between begin and commit.
 * Each returns false with err; rollback does nothing outside a transaction. */
__attribute__((warn_unused_result)) bool ly_kioskdb_begin(struct ly_kioskdb *db, char *err,
                                                          size_t errsz);
__attribute__((warn_unused_result)) bool ly_kioskdb_commit(struct ly_kioskdb *db, char *err,
                                                           size_t errsz);
void ly_kioskdb_rollback(struct ly_kioskdb *db);

/* Checkpoints: a kiosk keeps the copy of the write-ahead log into the database file off the
 * decision path. ly_kioskdb_open turns SQLite's automatic checkpoint off in LY_KIOSKDB_KIOSK
 * mode; the kiosk loop calls ly_kioskdb_checkpoint when it has time (an idle frame, a quiet
 * source). It copies what it can without waiting for anyone (PASSIVE) and sets *wal_frames to
 * the log's length before it (may be NULL); a log longer than LY_KIOSKDB_WAL_FRAMES is then
 * restarted and truncated, waiting at most LY_KIOSKDB_WAL_WAIT_MS for readers. Returns false
 * with err on a database error. */
#define LY_KIOSKDB_WAL_FRAMES  2048 /* 8 MiB of 4 KiB pages */
#define LY_KIOSKDB_WAL_WAIT_MS 200
__attribute__((warn_unused_result)) bool
ly_kioskdb_checkpoint(struct ly_kioskdb *db, int *wal_frames, char *err, size_t errsz);

#endif
