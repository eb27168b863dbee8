/* kiosk_sync.c - a kiosk loop's use of the sync client. See kiosk_sync.h. */
#include "client/kiosk_sync.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "common/fail.h"
#include "kioskdb/kioskdb_sync.h"

bool ly_kiosk_sync_settings(struct ly_kioskdb *db, struct ly_kiosk_config *cfg, char *err,
                            size_t errsz)
{
    char revoked[32], gate[LY_GATE_MAX + 1];
    bool found;
    if (!ly_kioskdb_meta_text(db, "revoked_ms", revoked, sizeof revoked, &found, err, errsz))
        return false;
    if (found)
        return ly_fail(err, errsz,
                       "this kiosk was revoked at the hub and its attendee data wiped: enroll it "
                       "again (--hub URL --enroll CODE)");
    if (cfg->gate[0] == '\0') {
        if (!ly_kioskdb_meta_text(db, "gate", gate, sizeof gate, &found, err, errsz))
            return false;
        if (found)
            snprintf(cfg->gate, sizeof cfg->gate, "%s", gate);
    }
    return true;
}

void ly_kiosk_sync_start(struct ly_kiosk_sync *ks, struct ly_kioskdb *db,
                         const struct ly_kiosk_config *cfg)
{
    char err[512], token[LY_KIOSKDB_META_MAX + 1];
    bool enrolled = false;
    struct ly_sync_config sc = {
        .db = cfg->db, .hub_url = cfg->hub, .hub_ca = cfg->hub_ca, .log = true};
    memset(ks, 0, sizeof *ks);
    if (!ly_kioskdb_meta_text(db, "hub_token", token, sizeof token, &enrolled, err, sizeof err))
        enrolled = true; /* unreadable: let the client say what is wrong */
    if (!enrolled && cfg->hub[0] == '\0')
        return;
    if (!ly_sync_init(&sc, &ks->client, err, sizeof err) ||
        !ly_sync_start(ks->client, err, sizeof err)) {
        fprintf(stderr, "lanyard-kiosk: no sync, deciding from the local data only: %s\n", err);
        ly_sync_destroy(ks->client);
        ks->client = NULL;
        return;
    }
    ly_sync_status(ks->client, &ks->status);
}

bool ly_kiosk_sync_follow(struct ly_kiosk_sync *ks, struct ly_gate *gate, bool *changed)
{
    char err[512], drain[64];
    struct ly_sync_status st;
    if (changed)
        *changed = false;
    if (!ks->client)
        return true;
    while (read(ly_sync_fd(ks->client), drain, sizeof drain) > 0)
        continue;
    ly_sync_status(ks->client, &st);
    if (st.state == LY_SYNC_REVOKED) {
        fprintf(stderr, "lanyard-kiosk: this kiosk was revoked at the hub: its attendee data is "
                        "wiped and it stops scanning; enroll it again to use it\n");
        ks->status = st;
        return false;
    }
    if (st.data_version != ks->status.data_version) {
        if (!ly_gate_reload(gate, err, sizeof err))
            fprintf(stderr, "lanyard-kiosk: after a sync: %s (keeping the gate as it was)\n", err);
        if (changed)
            *changed = true;
    }
    ks->status = st;
    return true;
}

void ly_kiosk_sync_kick(struct ly_kiosk_sync *ks)
{
    if (ks->client)
        ly_sync_kick(ks->client);
}

void ly_kiosk_sync_stop(struct ly_kiosk_sync *ks, bool clean)
{
    char err[512];
    struct ly_sync_status st;
    if (!ks->client)
        return;
    ly_sync_stop(ks->client);
    ly_sync_join(ks->client);
    ly_sync_status(ks->client, &st);
    if (clean && st.state != LY_SYNC_REVOKED && st.unsent > 0) {
        if (ly_sync_flush(ks->client, LY_KIOSK_SYNC_FLUSH_MS, &st, err, sizeof err))
            fprintf(stderr, "lanyard-kiosk: uploaded every check-in before stopping\n");
        else
            fprintf(stderr, "lanyard-kiosk: %lld check-ins stay unsent until the next start: %s\n",
                    (long long)st.unsent, err);
    }
    ly_sync_destroy(ks->client);
    ks->client = NULL;
}
