/* kioskdb_int.h - the kiosk database handle, for the files that implement the kiosk database
 * (kioskdb.c and one file per concern). Declares no functions: each file owns its own. Not for
 * other modules. */
#ifndef LY_KIOSKDB_INT_H
#define LY_KIOSKDB_INT_H

#include <sodium.h>

#include "common/sqldb.h"
#include "event/records.h"

#define LY_KIOSKDB_PATH_MAX 4096 /* the database's path, which the key file's is made from */

struct ly_kioskdb {
    struct ly_sqldb sql;            /* the connection and its statement cache */
    char kiosk_id[LY_UUID_LEN + 1]; /* "" until drawn (never in a snapshot) */
    bool kiosk;                     /* LY_KIOSKDB_KIOSK: ticket codes are kept hashed */
    char path[LY_KIOSKDB_PATH_MAX]; /* the database file (the kiosk key is PATH.key) */
    bool has_key;                   /* the subkeys below are loaded (kioskdb_secret.c) */
    uint8_t token_key[crypto_aead_xchacha20poly1305_ietf_KEYBYTES];
    uint8_t code_key[crypto_generichash_KEYBYTES];
};

#endif
