/* kioskdb_int.h - the kiosk database handle, for the files that implement the kiosk database
 * (kioskdb.c and one file per concern). Declares no functions: each file owns its own. Not for
 * other modules. */
#ifndef LY_KIOSKDB_INT_H
#define LY_KIOSKDB_INT_H

#include "common/sqldb.h"
#include "event/records.h"

struct ly_kioskdb {
    struct ly_sqldb sql;            /* the connection and its statement cache */
    char kiosk_id[LY_UUID_LEN + 1]; /* "" until drawn (never in a snapshot) */
};

#endif
