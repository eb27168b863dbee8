/* kiosk_sync.c - the sync client as the kiosk loop's hub link. See kiosk_sync.h. */
#include "client/kiosk_sync.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "kioskdb/kioskdb_secret.h"
#include "kioskdb/kioskdb_sync.h"

static struct ly_kiosk_sync *of(struct ly_hublink *link)
{
    return (struct ly_kiosk_sync *)link; /* link is the first member */
}

static void view(const struct ly_kiosk_sync *ks, struct ly_hublink_status *out)
{
    memset(out, 0, sizeof *out);
    if (!ks->client)
        return;
    out->active = true;
    out->online = ks->status.state == LY_SYNC_ONLINE;
    snprintf(out->state, sizeof out->state, "%s", ly_sync_state_name(ks->status.state));
    out->unsent = ks->status.unsent;
    out->last_contact_ms = ks->status.last_contact_ms;
}

/* The peer exchange, when configured: a kiosk that cannot take part still decides and syncs. */
static void start_peer(struct ly_kiosk_sync *ks, struct ly_kioskdb *db,
                       const struct ly_kiosk_config *cfg)
{
    char err[512];
    struct ly_peer_config pc = {
        .db = cfg->db, .listen = cfg->peer_listen, .advertise = cfg->peer_advertise, .log = true};
    ks->peer = NULL;
    if (cfg->peer_listen[0] == '\0') {
        /* an address left by a run that was killed: the hub must stop listing it */
        if (!ly_kioskdb_set_meta_text(db, "peer_addr", NULL, err, sizeof err))
            fprintf(stderr, "lanyard-kiosk: %s\n", err);
        return;
    }
    if (!ly_peer_start(&pc, &ks->peer, err, sizeof err)) {
        fprintf(stderr, "lanyard-kiosk: no peer exchange: %s\n", err);
        ly_peer_stop(ks->peer);
        ks->peer = NULL;
    }
}

static void start(struct ly_hublink *link, struct ly_kioskdb *db, const struct ly_kiosk_config *cfg)
{
    struct ly_kiosk_sync *ks = of(link);
    char err[512], token[LY_KIOSKDB_META_MAX + 1];
    bool enrolled = false;
    struct ly_sync_config sc = {.db = cfg->db,
                                .hub_url = cfg->hub,
                                .hub_ca = cfg->hub_ca,
                                .insecure_http = cfg->insecure_http,
                                .log = true};
    ks->client = NULL;
    memset(&ks->status, 0, sizeof ks->status);
    if (!ly_kioskdb_token(db, token, sizeof token, &enrolled, err, sizeof err))
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
    start_peer(ks, db, cfg);
}

static enum ly_hublink_news follow(struct ly_hublink *link, struct ly_hublink_status *out)
{
    struct ly_kiosk_sync *ks = of(link);
    char drain[64];
    struct ly_sync_status st;
    enum ly_hublink_news news = LY_HUBLINK_SAME;
    if (!ks->client) {
        view(ks, out);
        return news;
    }
    while (read(ly_sync_fd(ks->client), drain, sizeof drain) > 0)
        continue;
    ly_sync_status(ks->client, &st);
    if (st.state == LY_SYNC_REVOKED) {
        fprintf(stderr, "lanyard-kiosk: this kiosk was revoked at the hub: its attendee data is "
                        "wiped and it stops scanning; enroll it again to use it\n");
        news = LY_HUBLINK_REVOKED;
    } else if (st.data_version != ks->status.data_version) {
        news = LY_HUBLINK_CHANGED;
    }
    ks->status = st;
    view(ks, out);
    return news;
}

static void kick(struct ly_hublink *link)
{
    struct ly_kiosk_sync *ks = of(link);
    if (ks->client)
        ly_sync_kick(ks->client);
    ly_peer_kick(ks->peer);
}

static void stop(struct ly_hublink *link, bool clean)
{
    struct ly_kiosk_sync *ks = of(link);
    char err[512];
    struct ly_sync_status st;
    ly_peer_stop(ks->peer);
    ks->peer = NULL;
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

static const struct ly_hublink_ops kiosk_sync_ops = {
    .start = start,
    .follow = follow,
    .kick = kick,
    .stop = stop,
};

void ly_kiosk_sync_init(struct ly_kiosk_sync *ks)
{
    memset(ks, 0, sizeof *ks);
    ks->link.ops = &kiosk_sync_ops;
}
