/* sealer.h - the organizer database's side of details sealed per badge (docs/security.md):
 * the event setting kiosk-details (clear or sealed), and the sealing of an attendee's details
 * as the hub sends them to kiosks, in snapshots and in changes. The organizer database holds the
 * event's signing key, so it can compute each badge's signature (Ed25519 is deterministic: the
 * same body signed by the same key gives the printed badge's signature) and from it the key the
 * badge carries (kioskdb_sealed.h). */
#ifndef LY_SEALER_H
#define LY_SEALER_H

#include <stdbool.h>
#include <stddef.h>

#include "event/records.h"
#include "orgdb/hubdb.h"
#include "orgdb/issue.h"
#include "store/store.h"

/* Reads the event setting into *sealed (false: clear, the default). */
__attribute__((warn_unused_result)) bool ly_hubdb_kiosk_details(struct ly_hubdb *db, bool *sealed,
                                                                char *err, size_t errsz);
/* Changes the setting; refused once a kiosk is enrolled (its rows would stay in the old mode
 * until a new snapshot), unless it is the same. */
__attribute__((warn_unused_result)) bool
ly_hubdb_set_kiosk_details(struct ly_hubdb *db, bool sealed, char *err, size_t errsz);

struct ly_sealer {
    bool on; /* the event's kiosks keep details sealed */
    struct ly_issuer is;
};

/* Reads the setting and, when sealed, the signing key (wipe with ly_sealer_wipe). */
__attribute__((warn_unused_result)) bool ly_sealer_load(struct ly_sealer *s, struct ly_hubdb *db,
                                                        char *err, size_t errsz);
/* When s->on, seals k's details (kioskdb_sealed.h) under the keys of k's current badge (when
 * the event signed it: badge_key 0; with and without a validity window, as `lanyard badges`
 * prints either) and of alt_code (when not ""). A version only a kiosk signed
 * and no ticket code: sealed under a random key nobody holds (the details open nowhere until the
 * hub reissues the badge). */
__attribute__((warn_unused_result)) bool ly_sealer_apply(const struct ly_sealer *s,
                                                         const char *alt_code,
                                                         struct ly_kiosk_attendee *k, char *err,
                                                         size_t errsz);
void ly_sealer_wipe(struct ly_sealer *s);
/* The same from an event and its signing key, for a store other than the organizer database. */
__attribute__((warn_unused_result)) bool ly_sealer_init(struct ly_sealer *s, bool on,
                                                        const struct ly_event *ev,
                                                        const uint8_t sk[LY_BADGE_SK_BYTES],
                                                        uint32_t key_id, char *err, size_t errsz);

/* Sealing changes on their way out: ly_sealer_change is a ly_change_fn over a pass that hands
 * each change to fn, an attendee put sealed first (its ticket code found by code_fn). A change
 * that cannot be sealed stops the merge with failed set and err written. */
typedef bool (*ly_sealer_code_fn)(void *db, uint32_t id, char code[LY_ALT_CODE_MAX + 1], char *err,
                                  size_t errsz);
struct ly_sealer_pass {
    const struct ly_sealer *sealer;
    ly_sealer_code_fn code_fn;
    void *db;
    ly_change_fn fn;
    void *ctx;
    char *err;
    size_t errsz;
    bool failed;
    struct ly_kiosk_attendee k; /* the sealed copy handed on */
};
bool ly_sealer_change(void *pass, const struct ly_change *c);

#endif
