/* change_merge.h - the changes a kiosk syncs (store.h, "changes"), read the same way from either
 * hub backend. Every table a kiosk holds a copy of has an indexed seq column; one query per
 * table reads its rows above the cursor in seq order, and a merge of those ordered streams
 * hands the changes out in (seq, kind) order without sorting the tables. The event and the rule
 * set are one change each: the event at its first key's seq (both are written in one
 * transaction), the rules at meta.rules_seq. The queries are plain SQL both backends run. */
#ifndef LY_CHANGE_MERGE_H
#define LY_CHANGE_MERGE_H

#include "store/store.h"
#include "store/store_row.h"

/* The ordered sources, in the order of the kinds within one seq. */
enum ly_change_src {
    LY_SRC_KEY,
    LY_SRC_ROOM,
    LY_SRC_SESSION,
    LY_SRC_ATTENDEE,
    LY_SRC_ALT_DELETE,
    LY_SRC_ALT_CODE,
    LY_SRC_OCCUPANCY,
    LY_SRC_COUNT,
};

/* How the merge reads a backend, inside a read transaction the backend opened. */
struct ly_change_reader {
    void *impl;
    /* Starts source src: sql (one parameter, the cursor) with since bound, on its first row;
     * *has false when it has none. */
    bool (*open)(void *impl, int src, const char *sql, int64_t since, bool *has, char *err,
                 size_t errsz);
    /* Moves source src to its next row; *has false past its last. */
    bool (*advance)(void *impl, int src, bool *has, char *err, size_t errsz);
    /* The current row of source src. */
    void (*row)(void *impl, int src, struct ly_row *out);
    /* Runs one query to its end (the event, the rules, the two seqs). */
    ly_query_fn query;
    void *db; /* query's first argument */
};

/* Calls fn for every change above since, in order, until fn returns false or none is left.
 * Returns false with err on a database failure. */
__attribute__((warn_unused_result)) bool ly_change_merge(const struct ly_change_reader *r,
                                                         int64_t since, ly_change_fn fn, void *ctx,
                                                         char *err, size_t errsz);

#endif
