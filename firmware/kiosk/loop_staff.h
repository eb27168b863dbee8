/* loop_staff.h - the staff's requests that the kiosk loop's decision thread runs (loop.h): PIN
 * and lock, search, check-in by hand, reprint and walk-in at the badge desk, gate switch and
 * list, counts, health and print jobs. Runs on what the loop hands it; the loop reports a
 * decision one makes and sends the reply. */
#ifndef LY_LOOP_STAFF_H
#define LY_LOOP_STAFF_H

#include <stdbool.h>

#include "gate/gate.h"
#include "kiosk/hublink.h"
#include "kiosk/hublock.h"
#include "kiosk/kconfig.h"
#include "kiosk/kprint.h"
#include "kiosk/sink.h"
#include "kioskdb/kioskdb.h"

/* The decision thread's state that a request reads or changes. */
struct ly_staff_ctx {
    struct ly_kioskdb *db;
    struct ly_gate **gate;               /* a gate switch replaces it */
    struct ly_kiosk_config *cfg;         /* a gate switch records the new gate */
    struct ly_hublock *hublock;          /* the staff's PIN unlocks a locked kiosk */
    const struct ly_hublink_status *hub; /* as the loop last followed it */
    struct ly_kprint *print;             /* NULL or without a printer: none */
};

/* Runs req (not LY_REQ_CODE: a typed code is decided as any code) into r: r->ok, or a message in
 * r->err. Returns true when it journaled a decision (a check-in by hand, a reprint, a walk-in),
 * set in *d, which the loop then reports and hands to the printer. */
bool ly_staff_request(const struct ly_staff_ctx *c, const struct ly_request *req,
                      struct ly_kiosk_reply *r, struct ly_kiosk_decision *d);

#endif
