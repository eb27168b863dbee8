/* fuzz_hub_batch.c - libFuzzer harness for the hub's check-in batch parser (the body of
 * POST /api/v1/checkins): any bytes. Checks its promises: a refused batch says why and leaves
 * nothing to free; an accepted one holds at most LY_SYNC_BATCH_MAX items, and every item to
 * store has a lower-case UUID, a known decision, a direction of -1, 0 or 1 (and moves someone
 * only when granted at a place) and strings within their fields; every rejected item says why.
 * A health report that is kept is within its ranges, its texts printable, and the JSON the hub
 * stores of it reads back the same; one left out says why. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hub/hub_req.h"
#include "common/ly_limits.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_text(const char *s, size_t cap)
{
    if (memchr(s, '\0', cap) == NULL)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ly_req_batch b;
    char err[256] = "";
    enum ly_req_status st = ly_req_batch((const char *)data, size, &b, err, sizeof err);
    if (st != LY_REQ_OK) {
        if (err[0] == '\0' || b.items != NULL || b.n != 0)
            abort();
        return 0;
    }
    if (b.n > LY_SYNC_BATCH_MAX || strlen(b.kiosk_id) != LY_UUID_LEN || b.queue < 0)
        abort();
    for (size_t i = 0; i < b.n; i++) {
        const struct ly_checkin *c = &b.items[i];
        if (b.results[i] == LY_ITEM_REJECTED) {
            if (b.errors[i][0] == '\0')
                abort();
            continue;
        }
        if (b.results[i] != LY_ITEM_STORED)
            abort();
        char u[LY_UUID_LEN + 1];
        memcpy(u, c->uuid, sizeof u);
        if (strlen(u) != LY_UUID_LEN || !ly_req_uuid(u) || strcmp(u, c->uuid) != 0)
            abort(); /* already lower case */
        check_text(c->gate, sizeof c->gate);
        check_text(c->code_kind, sizeof c->code_kind);
        check_text(c->reason_code, sizeof c->reason_code);
        check_text(c->place, sizeof c->place);
        bool prints = ly_req_prints(c->decision);
        if (strcmp(c->decision, "granted") && strcmp(c->decision, "already_inside") &&
            strcmp(c->decision, "denied") && !prints)
            abort();
        /* an entry that handed out a badge names it, moves nobody; only a walk-in registers */
        if (prints && (c->badge_version == 0 || c->attendee_id == 0 || c->direction != 0))
            abort();
        if (!prints && (c->badge_version != 0 || c->badge_key != 0))
            abort();
        if (strcmp(c->decision, "registered") == 0) {
            check_text(c->walkin.name, sizeof c->walkin.name);
            if (c->walkin.name[0] == '\0' || strlen(c->walkin.country) != 2)
                abort();
        } else if (c->walkin.name[0] != '\0') {
            abort();
        }
        if (c->direction < -1 || c->direction > 1 || c->seq < 1 || c->wall_ms < 0)
            abort();
        if (c->direction != 0 && (strcmp(c->decision, "granted") || c->place[0] == '\0'))
            abort();
    }
    if (b.has_health) {
        const struct ly_kiosk_health *h = &b.health;
        char json[LY_HEALTH_JSON_MAX];
        struct ly_kiosk_health back;
        check_text(h->printer, sizeof h->printer);
        check_text(h->version, sizeof h->version);
        for (const char *p = h->version; *p; p++)
            if ((unsigned char)*p < 0x20 || (unsigned char)*p > 0x7e)
                abort();
        if (h->disk_free_mb > h->disk_total_mb || h->temp_mc < -100000 || h->temp_mc > 200000 ||
            h->camera_fps_x10 < 0 || b.health_error[0])
            abort();
        if (!ly_health_text(h, json, sizeof json) || !ly_health_parse(json, &back) ||
            memcmp(&back, h, sizeof back) != 0)
            abort();
    }
    ly_req_batch_free(&b);
    return 0;
}
