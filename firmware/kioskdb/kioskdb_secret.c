/* kioskdb_secret.c - the hub token sealed and ticket codes hashed under the kiosk's key, which
 * lives in a file of its own. See kioskdb_secret.h. */
#include "kioskdb/kioskdb_secret.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kioskdb/kioskdb_int.h"

#define KEY_BYTES    crypto_kdf_KEYBYTES
#define SEALED_KEY   "hub_token_sealed" /* meta: "1:" base64(nonce || sealed token) */
#define SEAL_PREFIX  "1:"
#define SEAL_AD      "lanyard hub token 1"
#define KDF_CONTEXT  "LYkiosk_" /* crypto_kdf_CONTEXTBYTES (8) */
#define SUBKEY_TOKEN 1
#define SUBKEY_CODES 2

/* The meta rows of this file, read and written here (kioskdb_sync.h's meta functions would
 * make the two files depend on each other). value NULL deletes. */
static bool meta_get(struct ly_kioskdb *db, const char *key, char *out, size_t outsz, bool *found,
                     char *err, size_t errsz)
{
    sqlite3_stmt *st;
    if (!ly_sqldb_prepare(&db->sql, "SELECT CAST(value AS TEXT) FROM meta WHERE key = ?", &st, err,
                          errsz))
        return false;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    bool ok = ly_sqldb_step_row(&db->sql, st, found, err, errsz);
    if (ok && *found && sqlite3_column_type(st, 0) == SQLITE_NULL)
        *found = false;
    if (ok && *found && (size_t)sqlite3_column_bytes(st, 0) >= outsz)
        ok = ly_sqldb_fail(err, errsz, "the kiosk setting %s is too long", key);
    if (ok && *found)
        ly_sqldb_copy_col(st, 0, out, outsz);
    ly_sqldb_release(&db->sql, st);
    return ok;
}

static bool meta_set(struct ly_kioskdb *db, const char *key, const char *value, char *err,
                     size_t errsz)
{
    sqlite3_stmt *st;
    if (!ly_sqldb_prepare(&db->sql,
                          value ? "INSERT INTO meta (key, value) VALUES (?1, ?2) "
                                  "ON CONFLICT (key) DO UPDATE SET value = ?2"
                                : "DELETE FROM meta WHERE key = ?1",
                          &st, err, errsz))
        return false;
    sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
    if (value)
        sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
    return ly_sqldb_step_done(&db->sql, st, err, errsz);
}

/* Reads exactly KEY_BYTES from path, refusing a link, anything but a regular file, and a file
 * its group or others may read. *absent when there is no such file. */
static bool read_key(const char *path, uint8_t key[KEY_BYTES], bool *absent, char *err,
                     size_t errsz)
{
    struct stat sb;
    *absent = false;
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT) {
            *absent = true;
            return false;
        }
        return ly_sqldb_fail(err, errsz, "the kiosk key %s: %s", path, strerror(errno));
    }
    bool ok = false;
    if (fstat(fd, &sb) != 0)
        ly_sqldb_fail(err, errsz, "the kiosk key %s: %s", path, strerror(errno));
    else if (!S_ISREG(sb.st_mode) || sb.st_size != KEY_BYTES)
        ly_sqldb_fail(err, errsz, "the kiosk key %s is not a file of %d bytes", path, KEY_BYTES);
    else if (sb.st_mode & (S_IRWXG | S_IRWXO))
        ly_sqldb_fail(err, errsz, "the kiosk key %s may be read by others (mode %03o): chmod 600",
                      path, (unsigned)(sb.st_mode & 0777));
    else
        ok = read(fd, key, KEY_BYTES) == KEY_BYTES ||
             ly_sqldb_fail(err, errsz, "the kiosk key %s: short read", path);
    close(fd);
    return ok;
}

/* Makes a new key file at path: written whole under a name of its own, then linked into place,
 * so that two connections opening at once agree on one key (the loser reads the winner's). */
static bool make_key(const char *path, char *err, size_t errsz)
{
    char tmp[LY_KIOSKDB_PATH_MAX + 32];
    uint8_t key[KEY_BYTES];
    if (snprintf(tmp, sizeof tmp, "%s.%08x", path, (unsigned)randombytes_random()) >=
        (int)sizeof tmp)
        return ly_sqldb_fail(err, errsz, "the kiosk key's path is too long");
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0)
        return ly_sqldb_fail(err, errsz, "the kiosk key %s: %s", tmp, strerror(errno));
    randombytes_buf(key, sizeof key);
    bool ok = write(fd, key, sizeof key) == (ssize_t)sizeof key && fsync(fd) == 0;
    sodium_memzero(key, sizeof key);
    close(fd);
    if (ok && link(tmp, path) != 0 && errno != EEXIST)
        ok = false;
    int saved = errno;
    unlink(tmp);
    if (!ok)
        return ly_sqldb_fail(err, errsz, "the kiosk key %s: %s", path, strerror(saved));
    return true;
}

/* Loads the kiosk's key into db once: the systemd credential when there is one, else the file
 * beside the database, made when create is set and there is none. */
static bool load_key(struct ly_kioskdb *db, bool create, char *err, size_t errsz)
{
    char path[LY_KIOSKDB_PATH_MAX + 64];
    uint8_t key[KEY_BYTES];
    bool absent;
    const char *creds = getenv("CREDENTIALS_DIRECTORY");
    if (db->has_key)
        return true;
    if (creds && creds[0] &&
        snprintf(path, sizeof path, "%s/%s", creds, LY_KIOSKDB_KEY_CREDENTIAL) < (int)sizeof path) {
        if (read_key(path, key, &absent, err, errsz))
            goto loaded;
        if (!absent)
            return false;
    }
    if (snprintf(path, sizeof path, "%s.key", db->path) >= (int)sizeof path)
        return ly_sqldb_fail(err, errsz, "the kiosk key's path is too long");
    if (read_key(path, key, &absent, err, errsz))
        goto loaded;
    if (!absent)
        return false;
    if (!create)
        return ly_sqldb_fail(err, errsz,
                             "the kiosk key %s is missing: the sealed token cannot be read "
                             "(restore the key, or enroll the kiosk again)",
                             path);
    if (!make_key(path, err, errsz) || !read_key(path, key, &absent, err, errsz))
        return false;
loaded:
    crypto_kdf_derive_from_key(db->token_key, sizeof db->token_key, SUBKEY_TOKEN, KDF_CONTEXT, key);
    crypto_kdf_derive_from_key(db->code_key, sizeof db->code_key, SUBKEY_CODES, KDF_CONTEXT, key);
    sodium_memzero(key, sizeof key);
    db->has_key = true;
    return true;
}

void ly_kioskdb_secret_forget(struct ly_kioskdb *db)
{
    sodium_memzero(db->token_key, sizeof db->token_key);
    sodium_memzero(db->code_key, sizeof db->code_key);
    db->has_key = false;
}

bool ly_kioskdb_code_hash(struct ly_kioskdb *db, const char *code,
                          uint8_t out[LY_KIOSKDB_CODE_HASH], char *err, size_t errsz)
{
    if (!load_key(db, true, err, errsz))
        return false;
    crypto_generichash(out, LY_KIOSKDB_CODE_HASH, (const unsigned char *)code, strlen(code),
                       db->code_key, sizeof db->code_key);
    return true;
}

#define NONCE  crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define ABYTES crypto_aead_xchacha20poly1305_ietf_ABYTES
#define SEALED_MAX                                                                                 \
    (sizeof SEAL_PREFIX + sodium_base64_ENCODED_LEN(NONCE + LY_KIOSKDB_TOKEN_MAX + ABYTES,         \
                                                    sodium_base64_VARIANT_ORIGINAL))

bool ly_kioskdb_set_token(struct ly_kioskdb *db, const char *token, char *err, size_t errsz)
{
    uint8_t box[NONCE + LY_KIOSKDB_TOKEN_MAX + ABYTES];
    char text[SEALED_MAX];
    unsigned long long n = 0;
    if (!token)
        return meta_set(db, SEALED_KEY, NULL, err, errsz) &&
               meta_set(db, "hub_token", NULL, err, errsz);
    size_t len = strlen(token);
    if (len == 0 || len > LY_KIOSKDB_TOKEN_MAX)
        return ly_sqldb_fail(err, errsz, "a hub token is 1 to %d bytes", LY_KIOSKDB_TOKEN_MAX);
    if (!load_key(db, true, err, errsz))
        return false;
    randombytes_buf(box, NONCE);
    crypto_aead_xchacha20poly1305_ietf_encrypt(box + NONCE, &n, (const unsigned char *)token, len,
                                               (const unsigned char *)SEAL_AD, strlen(SEAL_AD),
                                               NULL, box, db->token_key);
    memcpy(text, SEAL_PREFIX, strlen(SEAL_PREFIX));
    sodium_bin2base64(text + strlen(SEAL_PREFIX), sizeof text - strlen(SEAL_PREFIX), box,
                      NONCE + (size_t)n, sodium_base64_VARIANT_ORIGINAL);
    return meta_set(db, SEALED_KEY, text, err, errsz) &&
           meta_set(db, "hub_token", NULL, err, errsz);
}

bool ly_kioskdb_token(struct ly_kioskdb *db, char *out, size_t outsz, bool *found, char *err,
                      size_t errsz)
{
    char text[SEALED_MAX];
    uint8_t box[NONCE + LY_KIOSKDB_TOKEN_MAX + ABYTES];
    size_t boxlen = 0;
    unsigned long long n = 0;
    if (!meta_get(db, SEALED_KEY, text, sizeof text, found, err, errsz))
        return false;
    if (!*found) /* a file of schema 7 or older not yet opened by a kiosk: the clear token */
        return meta_get(db, "hub_token", out, outsz, found, err, errsz);
    if (strncmp(text, SEAL_PREFIX, strlen(SEAL_PREFIX)) != 0 ||
        sodium_base642bin(box, sizeof box, text + strlen(SEAL_PREFIX),
                          strlen(text + strlen(SEAL_PREFIX)), NULL, &boxlen, NULL,
                          sodium_base64_VARIANT_ORIGINAL) != 0 ||
        boxlen < NONCE + ABYTES)
        return ly_sqldb_fail(err, errsz, "the sealed hub token is damaged");
    if (!load_key(db, false, err, errsz))
        return false;
    if (boxlen - NONCE - ABYTES >= outsz)
        return ly_sqldb_fail(err, errsz, "the hub token is longer than %zu bytes", outsz - 1);
    if (crypto_aead_xchacha20poly1305_ietf_decrypt((unsigned char *)out, &n, NULL, box + NONCE,
                                                   boxlen - NONCE, (const unsigned char *)SEAL_AD,
                                                   strlen(SEAL_AD), box, db->token_key) != 0)
        return ly_sqldb_fail(err, errsz,
                             "the hub token does not open with this kiosk's key (another "
                             "key file?): enroll the kiosk again");
    out[n] = '\0';
    return true;
}

/* Moves the clear codes of alt_codes into code_hashes, and a clear token into its seal. */
static bool seal_rows(struct ly_kioskdb *db, char *err, size_t errsz)
{
    sqlite3_stmt *st, *ins;
    char token[LY_KIOSKDB_TOKEN_MAX + 1];
    bool found, ok = true;
    if (!ly_sqldb_prepare(&db->sql, "SELECT code, attendee_id FROM alt_codes", &st, err, errsz))
        return false;
    int rc;
    while (ok && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        uint8_t h[LY_KIOSKDB_CODE_HASH];
        const char *code = (const char *)sqlite3_column_text(st, 0);
        ok = ly_kioskdb_code_hash(db, code ? code : "", h, err, errsz) &&
             ly_sqldb_prepare(&db->sql,
                              "INSERT INTO code_hashes (hash, attendee_id) VALUES (?1, ?2) "
                              "ON CONFLICT (hash) DO UPDATE SET attendee_id = ?2",
                              &ins, err, errsz);
        if (ok) {
            /* h lives until the step is done: bound without a copy, which could fail for want
             * of memory and leave the hash NULL (test_alloc_snapshot) */
            sqlite3_bind_blob(ins, 1, h, sizeof h, SQLITE_STATIC);
            sqlite3_bind_int64(ins, 2, sqlite3_column_int64(st, 1));
            ok = ly_sqldb_step_done(&db->sql, ins, err, errsz);
        }
    }
    if (ok && rc != SQLITE_DONE)
        ok = ly_sqldb_error(&db->sql, err, errsz);
    ly_sqldb_release(&db->sql, st);
    if (!ok || !ly_sqldb_exec(&db->sql, "DELETE FROM alt_codes", err, errsz) ||
        !meta_get(db, "hub_token", token, sizeof token, &found, err, errsz))
        return false;
    ok = !found || ly_kioskdb_set_token(db, token, err, errsz);
    sodium_memzero(token, sizeof token);
    return ok;
}

bool ly_kioskdb_seal_clear(struct ly_kioskdb *db, bool in_tx, char *err, size_t errsz)
{
    int64_t n = 0;
    if (!ly_sqldb_scalar(&db->sql,
                         "SELECT (SELECT count(*) FROM alt_codes) + (SELECT count(*) FROM meta "
                         "WHERE key = 'hub_token')",
                         NULL, &n, err, errsz))
        return false;
    if (n == 0)
        return true;
    if (in_tx)
        return seal_rows(db, err, errsz);
    bool ok = ly_sqldb_begin(&db->sql, err, errsz) && seal_rows(db, err, errsz) &&
              ly_sqldb_commit(&db->sql, err, errsz);
    if (!ok) {
        ly_sqldb_rollback(&db->sql);
        return false;
    }
    /* The clear values may still sit in the write-ahead log's older frames. */
    sqlite3_wal_checkpoint_v2(db->sql.db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
    return true;
}
