/* kioskdb_keyproof.h - binding a key proof to a statement: the key store (kioskdb_records.c) and
 * the peer exchange's check of a key (kioskdb_peer.c) name a key the same way. */
#ifndef LY_KIOSKDB_KEYPROOF_H
#define LY_KIOSKDB_KEYPROOF_H

#include <sqlite3.h>

#include "badge/badge.h"

/* Binds p's key id, public key and certificate (NULL when not certified) to parameters 1 to 3
 * of st; the bytes are p's, which must outlive the statement's step. */
static inline void ly_kioskdb_bind_key_proof(sqlite3_stmt *st, const struct ly_key_proof *p)
{
    sqlite3_bind_int64(st, 1, p->key.key_id);
    sqlite3_bind_blob(st, 2, p->key.pk, LY_BADGE_PK_BYTES, SQLITE_STATIC);
    if (p->certified)
        sqlite3_bind_blob(st, 3, p->certificate, LY_BADGE_CERT_BYTES, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, 3);
}

#endif
