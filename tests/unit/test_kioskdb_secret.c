/* test_kioskdb_secret.c - what a stolen kiosk database file gives away (docs/security.md, "A
 * stolen kiosk"): after a token is stored and a snapshot with a ticket code merged, neither is
 * in the file or its log in clear (a byte search of the files, as `strings` would); both still
 * work with the key file; a file of schema 7 with a clear token and codes is sealed at a kiosk's
 * first open; the key file is made 0600, and one that is a link, the wrong size or readable by
 * others is refused, as is a sealed token without its key. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "kioskdb/kioskdb.h"
#include "kioskdb/kioskdb_records.h"
#include "kioskdb/kioskdb_secret.h"
#include "kioskdb/kioskdb_sync.h"
#include "rawsql.h"

static char dir[] = "/tmp/lanyard-kioskdb-secret-XXXXXX";

#define TOKEN  "lyk_Zq9sEcReTtOkEnOfThEkIoSk0123456789abcdef"
#define TICKET "PRETIX-SECRET-7f3k2m9q"

/* true when needle occurs in the bytes of path or of its write-ahead log */
static bool file_holds(const char *path, const char *needle)
{
    char cmd[700];
    snprintf(cmd, sizeof cmd, "cat '%s' '%s-wal' 2>/dev/null | grep -qaF '%s'", path, path, needle);
    return system(cmd) == 0;
}

static bool put_attendee(struct ly_kioskdb *db, uint32_t id)
{
    struct ly_kiosk_attendee a = {.id = id, .badge_version = 1};
    char err[256];
    snprintf(a.name, sizeof a.name, "Person %u", (unsigned)id);
    snprintf(a.category, sizeof a.category, "participant");
    memcpy(a.country, "KE", 3);
    return ly_kioskdb_put_attendee(db, &a, err, sizeof err);
}

/* A snapshot as the hub writes it: an attendee and the clear ticket code. */
static bool write_snapshot(const char *path)
{
    struct ly_kioskdb *db = NULL;
    char err[256] = "";
    bool ok = ly_kioskdb_open(path, LY_KIOSKDB_SNAPSHOT, &db, err, sizeof err) &&
              ly_kioskdb_begin(db, err, sizeof err) && put_attendee(db, 7) &&
              ly_kioskdb_put_alt_code(db, TICKET, 7, err, sizeof err) &&
              ly_kioskdb_set_sync_cursor(db, 10, err, sizeof err) &&
              ly_kioskdb_commit(db, err, sizeof err);
    if (!ok)
        fprintf(stderr, "snapshot: %s\n", err);
    ly_kioskdb_close(db);
    return ok;
}

static void token_and_codes_not_in_clear(void)
{
    char path[256], snap[256], key[300], v[300], err[256] = "";
    int64_t cursor = 0;
    bool found = false;
    uint32_t id = 0;
    struct stat sb;
    struct ly_kioskdb *db = NULL;
    snprintf(path, sizeof path, "%s/kiosk.db", dir);
    snprintf(snap, sizeof snap, "%s/snap.db", dir);
    snprintf(key, sizeof key, "%s.key", path);
    CHECK(write_snapshot(snap));
    CHECK(file_holds(snap, TICKET)); /* the check can see a code when it is there */
    CHECK(ly_kioskdb_open(path, LY_KIOSKDB_KIOSK, &db, err, sizeof err));
    if (!db)
        return;
    CHECK(ly_kioskdb_set_token(db, TOKEN, err, sizeof err));
    CHECK(ly_kioskdb_merge_snapshot(db, snap, NULL, &cursor, err, sizeof err));
    CHECK(ly_kioskdb_token(db, v, sizeof v, &found, err, sizeof err));
    CHECK(found);
    CHECK_STR(v, TOKEN);
    CHECK(ly_kioskdb_find_alt_code(db, TICKET, &id, err, sizeof err));
    CHECK_INT(id, 7);
    CHECK(ly_kioskdb_find_alt_code(db, TICKET "x", &id, err, sizeof err));
    CHECK_INT(id, 0);
    ly_kioskdb_close(db);
    CHECK(!file_holds(path, TOKEN));
    CHECK(!file_holds(path, TICKET));
    CHECK(!file_holds(path, "lyk_"));
    CHECK(stat(key, &sb) == 0 && (sb.st_mode & 0777) == 0600 && sb.st_size == 32);

    /* without its key file the token does not open; the database alone is not enough */
    char moved[320];
    snprintf(moved, sizeof moved, "%s.away", key);
    CHECK(rename(key, moved) == 0);
    db = NULL;
    CHECK(ly_kioskdb_open(path, LY_KIOSKDB_KIOSK, &db, err, sizeof err));
    CHECK(!ly_kioskdb_token(db, v, sizeof v, &found, err, sizeof err));
    CHECK(strstr(err, "is missing") != NULL);
    ly_kioskdb_close(db);

    /* a key that is a link, or that others may read, is refused */
    CHECK(symlink(moved, key) == 0);
    db = NULL;
    CHECK(ly_kioskdb_open(path, LY_KIOSKDB_KIOSK, &db, err, sizeof err));
    CHECK(!ly_kioskdb_token(db, v, sizeof v, &found, err, sizeof err));
    ly_kioskdb_close(db);
    CHECK(unlink(key) == 0 && rename(moved, key) == 0 && chmod(key, 0640) == 0);
    db = NULL;
    CHECK(ly_kioskdb_open(path, LY_KIOSKDB_KIOSK, &db, err, sizeof err));
    CHECK(!ly_kioskdb_token(db, v, sizeof v, &found, err, sizeof err));
    CHECK(strstr(err, "read by others") != NULL);
    ly_kioskdb_close(db);

    /* a systemd credential takes precedence over the file beside the database */
    CHECK(chmod(key, 0600) == 0);
    char creds[300], cred[360];
    snprintf(creds, sizeof creds, "%s/creds", dir);
    snprintf(cred, sizeof cred, "%s/" LY_KIOSKDB_KEY_CREDENTIAL, creds);
    CHECK(mkdir(creds, 0700) == 0);
    int fd = open(cred, O_WRONLY | O_CREAT | O_EXCL, 0400);
    CHECK(fd >= 0 && write(fd, "0123456789abcdef0123456789abcdef", 32) == 32);
    close(fd);
    setenv("CREDENTIALS_DIRECTORY", creds, 1);
    db = NULL;
    CHECK(ly_kioskdb_open(path, LY_KIOSKDB_KIOSK, &db, err, sizeof err));
    CHECK(!ly_kioskdb_token(db, v, sizeof v, &found, err, sizeof err)); /* another key */
    CHECK(ly_kioskdb_set_token(db, TOKEN, err, sizeof err));
    CHECK(ly_kioskdb_token(db, v, sizeof v, &found, err, sizeof err));
    CHECK_STR(v, TOKEN);
    ly_kioskdb_close(db);
    unsetenv("CREDENTIALS_DIRECTORY");
}

/* A kiosk file of schema 7 (before migration 8) holds its token and codes in clear: the first
 * open as a kiosk seals them, and the old bytes do not stay in the file's free space. */
static void schema7_file_sealed_at_open(void)
{
    char path[256], v[300], err[256] = "";
    bool found = false;
    uint32_t id = 0;
    struct ly_kioskdb *db = NULL;
    snprintf(path, sizeof path, "%s/old.db", dir);
    CHECK(ly_kioskdb_open(path, LY_KIOSKDB_SNAPSHOT, &db, err, sizeof err));
    if (!db)
        return;
    CHECK(ly_kioskdb_begin(db, err, sizeof err) && put_attendee(db, 9) &&
          ly_kioskdb_put_alt_code(db, TICKET, 9, err, sizeof err) &&
          ly_kioskdb_set_meta_text(db, "hub_token", TOKEN, err, sizeof err) &&
          ly_kioskdb_commit(db, err, sizeof err));
    ly_kioskdb_close(db);
    /* back to schema 7: what migration 8 and those after it added goes */
    CHECK(raw_exec(path, "PRAGMA journal_mode = DELETE; DROP TABLE code_hashes; "
                         "ALTER TABLE rooms DROP COLUMN location; "
                         "ALTER TABLE sessions DROP COLUMN overflow_room_id; "
                         "ALTER TABLE sessions DROP COLUMN online_url; "
                         "DROP TABLE peer_checkins; DROP TABLE peers; "
                         "ALTER TABLE checkins DROP COLUMN policy; "
                         "ALTER TABLE attendees DROP COLUMN sealed; PRAGMA user_version = 7"));
    CHECK(file_holds(path, TOKEN) && file_holds(path, TICKET));
    db = NULL;
    CHECK(ly_kioskdb_open(path, LY_KIOSKDB_KIOSK, &db, err, sizeof err));
    if (!db)
        return;
    CHECK_INT(raw_int(path, "PRAGMA user_version"), LY_KIOSKDB_SCHEMA_VERSION);
    CHECK(ly_kioskdb_token(db, v, sizeof v, &found, err, sizeof err));
    CHECK(found);
    CHECK_STR(v, TOKEN);
    CHECK(ly_kioskdb_find_alt_code(db, TICKET, &id, err, sizeof err));
    CHECK_INT(id, 9);
    ly_kioskdb_close(db);
    CHECK_INT(raw_int(path, "SELECT count(*) FROM alt_codes"), 0);
    CHECK_INT(raw_int(path, "SELECT count(*) FROM meta WHERE key = 'hub_token'"), 0);
    CHECK(!file_holds(path, TOKEN));
    CHECK(!file_holds(path, TICKET));
}

int main(void)
{
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    RUN(token_and_codes_not_in_clear);
    RUN(schema7_file_sealed_at_open);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        return 1;
    return CHECK_DONE();
}
