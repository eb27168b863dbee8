/* gate_badge.h - the badge a decision hands out (gate_badge.c): a pickup's badge or a session's
 * access slip journaled with its print job, and codes signed with the kiosk's own key. For the
 * gate's own files (gate.c, gate_print.c); the structs are gate_int.h's. */
#ifndef LY_GATE_BADGE_H
#define LY_GATE_BADGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "event/records.h"

struct ly_gate;
struct ly_gate_ctx;
struct ly_kiosk_key;

/* Writes into code (codesz bytes) a badge of attendee_id at version signed with the kiosk's key k,
 * with the event's validity window. Returns false with err when it cannot sign. */
bool ly_gate_mint(const struct ly_gate *g, const struct ly_kiosk_key *k, uint32_t attendee_id,
                  uint16_t version, char *code, size_t codesz, char *err, size_t errsz);

/* Journals the pickup in (c's decision) with the print job of its badge, or a grant into a
 * session with slips with the print job of its access slip, in one transaction, and fills
 * c->d->checkin and c->d->print_job (0 when a slip has no code to carry: a check-in by hand at a
 * kiosk without a key). Returns false with err when it is not durable. */
bool ly_gate_record_print(struct ly_gate_ctx *c, const struct ly_checkin *in, char *err,
                          size_t errsz);

#endif
