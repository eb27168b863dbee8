/* kioskdb_rules.h - the gate rules in the kiosk database (records.h): the venue's opening hours
 * and the notices shown with a grant. They arrive as a whole, copied from the hub: clear them,
 * then put each one, inside the same ly_kioskdb_begin/commit as the rest of the synced data. */
#ifndef LY_KIOSKDB_RULES_H
#define LY_KIOSKDB_RULES_H

#include <stdbool.h>
#include <stddef.h>

#include "event/records.h"
#include "kioskdb/kioskdb.h"

/* Each returns false with err (a field without its NUL, a database error). */
__attribute__((warn_unused_result)) bool ly_kioskdb_clear_rules(struct ly_kioskdb *db, char *err,
                                                                size_t errsz);
__attribute__((warn_unused_result)) bool ly_kioskdb_put_hours(struct ly_kioskdb *db,
                                                              const struct ly_kiosk_hours *h,
                                                              char *err, size_t errsz);
__attribute__((warn_unused_result)) bool ly_kioskdb_put_notice(struct ly_kioskdb *db,
                                                               const struct ly_kiosk_notice *n,
                                                               char *err, size_t errsz);

/* The opening hours of day (YYYY-MM-DD) into *out: *found when that day has a row; *any when
 * the kiosk holds opening hours at all. Returns false with err only on a database error. */
__attribute__((warn_unused_result)) bool ly_kioskdb_hours(struct ly_kioskdb *db, const char *day,
                                                          struct ly_kiosk_hours *out, bool *found,
                                                          bool *any, char *err, size_t errsz);

/* The notices for a grant at a gate whose place keys are places[0..nplaces) (at most 4; "" is
 * always matched too) to someone of category: up to max of them, in id order, into the
 * caller's out; *n is the count. */
__attribute__((warn_unused_result)) bool ly_kioskdb_notices(struct ly_kioskdb *db,
                                                            const char *const *places,
                                                            size_t nplaces, const char *category,
                                                            struct ly_kiosk_notice *out, size_t max,
                                                            size_t *n, char *err, size_t errsz);

#endif
