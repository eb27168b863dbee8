/* change_json.h - one change of the sync protocol as JSON (docs/sync-protocol.md, "changes"):
 * the hub writes them, a kiosk reads them back into the records (records.h) its database stores.
 * Shared by both sides so the two cannot disagree. */
#ifndef LY_CHANGE_JSON_H
#define LY_CHANGE_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "common/jsonr.h"
#include "store/store.h"

/* The protocol's name of a kind ("attendee") and back; false for an unknown name. */
const char *ly_change_kind_name(enum ly_change_kind k);
bool ly_change_kind_parse(const char *name, enum ly_change_kind *out);

/* Writes c as {"seq":S,"kind":K,"op":"put"|"delete","id":ID,"data":{...}|null}. */
void ly_change_json(FILE *f, const struct ly_change *c);

/* A change read back, with room for its data (rules point into allocated arrays: free with
 * ly_change_data_free). */
struct ly_change_data {
    struct ly_change c;
    struct ly_event event;
    struct ly_badge_key key;
    struct ly_kiosk_room room;
    struct ly_kiosk_session session;
    struct ly_kiosk_attendee attendee;
    char code[LY_ALT_CODE_MAX + 1];
    char place[LY_GATE_MAX + 1];
    struct ly_kiosk_hours *hours;
    struct ly_kiosk_notice *notices;
};

/* Reads one member of a changes page into *out. Returns false with err for a change that is
 * malformed; *known false (and true returned) for a kind this build does not know, which a
 * client skips. */
__attribute__((warn_unused_result)) bool ly_change_parse(const struct ly_jsonr_val *v,
                                                         struct ly_change_data *out, bool *known,
                                                         char *err, size_t errsz);
void ly_change_data_free(struct ly_change_data *d);

#endif
