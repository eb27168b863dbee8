/* store_pg_int.h - the PostgreSQL backend of store.h: its connection and the statement helpers of
 * store_pg_sql.c, used by the backend's other files: store_pg.c (opening, schema, kiosks,
 * tokens, badges), store_pg_ingest.c (pushed check-ins), store_pg_read.c (changes, snapshot,
 * counts) and store_pg_load.c (an organizer database copied in). Not for other modules.
 *
 * The change sequence. Kiosks sync from a cursor, and store.h promises that once a reader sees
 * seq S committed, no change with a lower seq commits later. A PostgreSQL SEQUENCE cannot keep
 * that promise: nextval() is not transactional, so writer A can take 10, writer B 11, B commit
 * first, a kiosk move its cursor to 11, and A's 10 commit behind it, never to be seen. So the
 * sequence is one counter row, meta.change_seq, and a writer takes its seq with UPDATE ...
 * RETURNING (pg_take_seq): the row lock that takes is held until the writer commits, so the
 * writers that take seqs run their seq-taking part one at a time, in seq order, across every
 * hub process and `lanyard` command on the database. A writer takes its seq as late as it can
 * (after the work that needs no seq) to keep that part short. Readers read the counter in the
 * same snapshot as the rows (REPEATABLE READ), so a snapshot's cursor and its data agree. */
#ifndef LY_STORE_PG_INT_H
#define LY_STORE_PG_INT_H

#include <libpq-fe.h>

#include "store/store.h"
#include "store/store_row.h"

#define PG_STMTS_MAX 96 /* distinct statements one connection prepares (the backend has ~70) */
#define PG_ARGS_MAX  20 /* parameters of one statement */
#define PG_RETRIES   8  /* tries of a transaction that PostgreSQL aborted (deadlock) */

/* Advisory lock keys (pg_advisory_xact_lock), in Lanyard's own range. */
#define PG_LOCK_MIGRATE 0x4c590001 /* schema migrations */
#define PG_LOCK_ENROLL  0x4c590002 /* enrollment: a name is held by one active kiosk */

struct pg_store {
    struct ly_store base; /* first: a struct ly_store * is a struct pg_store * */
    PGconn *conn;
    struct {
        const char *sql; /* the statement's text, by address (a literal) */
        int nparams;
    } stmt[PG_STMTS_MAX];
    size_t nstmt;
    char sqlstate[6]; /* of the last failure */
    bool in_tx;       /* between pg_begin* and pg_commit or pg_rollback */
};

/* Parameters of one statement: integers and booleans as text, text as is, bytes binary. The
 * pointers must stay valid until the statement ran. */
struct pg_args {
    int n;
    const char *v[PG_ARGS_MAX];
    int len[PG_ARGS_MAX];
    int fmt[PG_ARGS_MAX];
    char num[PG_ARGS_MAX][24];
};

void pg_arg_int(struct pg_args *a, int64_t v);
void pg_arg_bool(struct pg_args *a, bool v);
void pg_arg_text(struct pg_args *a, const char *s);
void pg_arg_bytes(struct pg_args *a, const void *p, size_t n);
/* Appends the members of obj that fields (common/fields.h) describes, in its order: text as is
 * (pointing into obj), integers, booleans. */
void pg_arg_fields(struct pg_args *a, const struct ly_field *fields, const void *obj);

/* Runs the statement sql (a literal; '?' or '$N' parameters) with a's parameters (a may be
 * NULL), prepared once per connection. With out, its rows are left in *out for the caller to
 * PQclear; without, they are dropped. Returns false with err (and s->sqlstate). */
bool pg_exec(struct pg_store *s, const char *sql, const struct pg_args *a, PGresult **out,
             char *err, size_t errsz);
/* Rewrites sql's '?' and '?N' parameters (the shared readers' style) as '$N' into out; *nparams
 * is the highest. False when out is too small. */
bool pg_rewrite(const char *sql, char *out, size_t outsz, int *nparams);
/* Runs one statement sql (a literal, no parameters) unprepared: BEGIN, COMMIT, FETCH... */
bool pg_plain(struct pg_store *s, const char *sql, PGresult **out, char *err, size_t errsz);
/* The first column of the first row of sql into *v (0 when there is no row). */
bool pg_scalar(struct pg_store *s, const char *sql, const struct pg_args *a, int64_t *v, char *err,
               size_t errsz);

bool pg_begin(struct pg_store *s, char *err, size_t errsz);      /* READ COMMITTED, read-write */
bool pg_begin_read(struct pg_store *s, char *err, size_t errsz); /* one snapshot, read only */
bool pg_commit(struct pg_store *s, char *err, size_t errsz);
void pg_rollback(struct pg_store *s);
/* Whether the last failure was one to try the transaction again after (deadlock, conflict). */
bool pg_retryable(const struct pg_store *s);
/* The store's unavailable operation (store.h): the server gone, or a failure of SQLSTATE class
 * 08, 53, 57 or 58. */
bool pg_unavailable(struct ly_store *st);

/* Takes the next change sequence, inside a transaction (see above). */
bool pg_take_seq(struct pg_store *s, int64_t *seq, char *err, size_t errsz);

/* Column col of row as an integer (booleans 0 and 1; NULL and garbage 0) or text. */
int64_t pg_num(const PGresult *r, int row, int col);
void pg_copy(const PGresult *r, int row, int col, char *dst, size_t dstsz);

/* Rows of a result for the shared readers: impl is a struct pg_cursor. */
struct pg_cursor {
    const PGresult *r;
    int row;
};
extern const struct ly_row_ops pg_row_ops;

/* Fills obj from row of r by fields (store_row.h, ly_row_fields), from column col on. */
void pg_row_fields(const PGresult *r, int row, int col, const struct ly_field *fields, void *obj);

/* A ly_query_fn on a struct pg_store. */
bool pg_query(void *s, const char *sql, int64_t arg, ly_row_fn row, void *ctx, char *err,
              size_t errsz);

#endif
