/* kiosktoken.c - prints the hub token a kiosk database holds sealed (kioskdb_secret.h), for the
 * integration tests that speak to the hub as that kiosk (t_sync.sh, t_kiosk_health.sh). It needs
 * what the kiosk itself needs: the database and its key file (DB.key, or the systemd credential).
 *
 *   kiosktoken DB      prints the token and exits 0; exits 1 when none is stored or it does not
 *                      open, 2 on a usage error */
#include <stdio.h>

#include "kioskdb/kioskdb.h"
#include "kioskdb/kioskdb_secret.h"

int main(int argc, char **argv)
{
    struct ly_kioskdb *db = NULL;
    char err[512], token[LY_KIOSKDB_TOKEN_MAX + 1];
    bool found = false;
    if (argc != 2) {
        fprintf(stderr, "usage: kiosktoken DB\n");
        return 2;
    }
    if (!ly_kioskdb_open(argv[1], LY_KIOSKDB_KIOSK, &db, err, sizeof err) ||
        !ly_kioskdb_token(db, token, sizeof token, &found, err, sizeof err)) {
        fprintf(stderr, "kiosktoken: %s\n", err);
        ly_kioskdb_close(db);
        return 1;
    }
    ly_kioskdb_close(db);
    if (!found) {
        fprintf(stderr, "kiosktoken: no token stored\n");
        return 1;
    }
    printf("%s\n", token);
    return 0;
}
