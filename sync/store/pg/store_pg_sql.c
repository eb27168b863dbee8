/* store_pg_sql.c - the PostgreSQL backend's statements through libpq: parameters, statements
 * prepared once per connection (every one a constant; data goes only in parameters), results,
 * transactions and the change sequence. See store_pg_int.h. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/fail.h"
#include "common/num.h"
#include "store/pg/store_pg_int.h"

void pg_arg_int(struct pg_args *a, int64_t v)
{
    snprintf(a->num[a->n], sizeof a->num[a->n], "%lld", (long long)v);
    a->v[a->n] = a->num[a->n];
    a->len[a->n] = 0;
    a->fmt[a->n++] = 0;
}

void pg_arg_bool(struct pg_args *a, bool v)
{
    a->v[a->n] = v ? "t" : "f";
    a->len[a->n] = 0;
    a->fmt[a->n++] = 0;
}

void pg_arg_text(struct pg_args *a, const char *s)
{
    a->v[a->n] = s;
    a->len[a->n] = 0;
    a->fmt[a->n++] = 0;
}

void pg_arg_bytes(struct pg_args *a, const void *p, size_t n)
{
    a->v[a->n] = p;
    a->len[a->n] = (int)n;
    a->fmt[a->n++] = 1;
}

void pg_arg_fields(struct pg_args *a, const struct ly_field *fields, const void *obj)
{
    for (const struct ly_field *f = fields; f->name != NULL; f++) {
        if (f->type == LY_FIELD_TEXT)
            pg_arg_text(a, ly_field_text(f, obj));
        else if (f->type == LY_FIELD_BOOL)
            pg_arg_bool(a, ly_field_int(f, obj) != 0);
        else
            pg_arg_int(a, ly_field_int(f, obj));
    }
}

/* A broken connection (the server restarted) is made again between transactions; the
 * statements prepared on the old one are forgotten. A broken connection's transaction status
 * is "unknown", never idle: outside a transaction of ours it is made again all the same, and
 * inside one it is not (the rest of that transaction must not run on its own). */
static void revive(struct pg_store *s)
{
    PGTransactionStatusType ts = PQtransactionStatus(s->conn);
    if (PQstatus(s->conn) == CONNECTION_OK || (ts != PQTRANS_IDLE && s->in_tx))
        return;
    PQreset(s->conn);
    s->nstmt = 0;
}

static bool fail_result(struct pg_store *s, PGresult *r, const char *what, char *err, size_t errsz)
{
    const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
    snprintf(s->sqlstate, sizeof s->sqlstate, "%s", state ? state : "");
    const char *msg = r ? PQresultErrorField(r, PG_DIAG_MESSAGE_PRIMARY) : NULL;
    ly_fail(err, errsz, "database: %s: %s", what, msg ? msg : PQerrorMessage(s->conn));
    PQclear(r);
    return false;
}

/* Rewrites sql's '?' and '?N' parameters as PostgreSQL's '$N' into out; *nparams is the
 * highest. Quoted text is copied as is. */
bool pg_rewrite(const char *sql, char *out, size_t outsz, int *nparams)
{
    size_t o = 0;
    int next = 0;
    bool quoted = false;
    *nparams = 0;
    for (const char *p = sql; *p; p++) {
        char num[16] = "";
        if (*p == '\'')
            quoted = !quoted;
        if (*p == '$' && !quoted && p[1] >= '1' && p[1] <= '9') {
            int v = 0;
            for (const char *q = p + 1; *q >= '0' && *q <= '9' && v < PG_ARGS_MAX; q++)
                v = v * 10 + (*q - '0');
            if (v > *nparams)
                *nparams = v;
        }
        if (*p == '?' && !quoted) {
            int v = 0;
            while (p[1] >= '0' && p[1] <= '9' && v < PG_ARGS_MAX)
                v = v * 10 + (*++p - '0');
            if (v == 0)
                v = ++next;
            if (v > *nparams)
                *nparams = v;
            snprintf(num, sizeof num, "$%d", v);
        }
        size_t n = num[0] ? strlen(num) : 1;
        if (o + n >= outsz)
            return false;
        memcpy(out + o, num[0] ? num : p, n);
        o += n;
    }
    out[o] = '\0';
    return *nparams <= PG_ARGS_MAX;
}

/* The index of sql's prepared statement on this connection, preparing it the first time. */
static bool prepared(struct pg_store *s, const char *sql, size_t *idx, char *err, size_t errsz)
{
    for (size_t i = 0; i < s->nstmt; i++) {
        if (s->stmt[i].sql == sql) {
            *idx = i;
            return true;
        }
    }
    if (s->nstmt == PG_STMTS_MAX)
        return ly_fail(err, errsz, "database: more than %d statements", PG_STMTS_MAX);
    char text[4096], name[16];
    int nparams;
    if (!pg_rewrite(sql, text, sizeof text, &nparams))
        return ly_fail(err, errsz, "database: a statement is too long");
    snprintf(name, sizeof name, "ly%zu", s->nstmt);
    PGresult *r = PQprepare(s->conn, name, text, 0, NULL);
    if (PQresultStatus(r) != PGRES_COMMAND_OK)
        return fail_result(s, r, "prepare", err, errsz);
    PQclear(r);
    s->stmt[s->nstmt].sql = sql;
    s->stmt[s->nstmt].nparams = nparams;
    *idx = s->nstmt++;
    return true;
}

bool pg_exec(struct pg_store *s, const char *sql, const struct pg_args *a, PGresult **out,
             char *err, size_t errsz)
{
    size_t idx;
    char name[16];
    static const struct pg_args none;
    if (a == NULL)
        a = &none;
    revive(s);
    if (!prepared(s, sql, &idx, err, errsz))
        return false;
    if (s->stmt[idx].nparams != a->n)
        return ly_fail(err, errsz, "database: a statement takes %d parameters, given %d",
                       s->stmt[idx].nparams, a->n);
    snprintf(name, sizeof name, "ly%zu", idx);
    PGresult *r = PQexecPrepared(s->conn, name, a->n, a->v, a->len, a->fmt, 0);
    ExecStatusType st = PQresultStatus(r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
        return fail_result(s, r, "statement", err, errsz);
    if (out)
        *out = r;
    else
        PQclear(r);
    return true;
}

bool pg_plain(struct pg_store *s, const char *sql, PGresult **out, char *err, size_t errsz)
{
    revive(s);
    PGresult *r = PQexec(s->conn, sql);
    ExecStatusType st = PQresultStatus(r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
        return fail_result(s, r, sql, err, errsz);
    if (out)
        *out = r;
    else
        PQclear(r);
    return true;
}

int64_t pg_num(const PGresult *r, int row, int col)
{
    if (row >= PQntuples(r) || col >= PQnfields(r) || PQgetisnull(r, row, col))
        return 0;
    const char *v = PQgetvalue(r, row, col);
    int64_t n;
    if (strcmp(v, "t") == 0)
        return 1;
    return ly_num_int(v, INT64_MIN, INT64_MAX, &n) ? n : 0;
}

void pg_copy(const PGresult *r, int row, int col, char *dst, size_t dstsz)
{
    bool have = row < PQntuples(r) && col < PQnfields(r) && !PQgetisnull(r, row, col);
    snprintf(dst, dstsz, "%s", have ? PQgetvalue(r, row, col) : "");
}

bool pg_scalar(struct pg_store *s, const char *sql, const struct pg_args *a, int64_t *v, char *err,
               size_t errsz)
{
    PGresult *r;
    if (!pg_exec(s, sql, a, &r, err, errsz))
        return false;
    *v = pg_num(r, 0, 0);
    PQclear(r);
    return true;
}

static int64_t row_num(void *impl, int col)
{
    const struct pg_cursor *c = impl;
    return pg_num(c->r, c->row, col);
}

static const char *row_text(void *impl, int col)
{
    const struct pg_cursor *c = impl;
    return PQgetisnull(c->r, c->row, col) ? NULL : PQgetvalue(c->r, c->row, col);
}

/* bytea comes as text in its hex form, \x and two digits a byte. */
static bool row_blob(void *impl, int col, uint8_t *out, size_t len)
{
    const char *v = row_text(impl, col);
    size_t got = 0;
    return v && v[0] == '\\' && v[1] == 'x' &&
           sodium_hex2bin(out, len, v + 2, strlen(v + 2), NULL, &got, NULL) == 0 && got == len;
}

const struct ly_row_ops pg_row_ops = {row_num, row_text, row_blob};

void pg_row_fields(const PGresult *r, int row, int col, const struct ly_field *fields, void *obj)
{
    struct pg_cursor c = {r, row};
    struct ly_row lr = {&pg_row_ops, &c};
    ly_row_fields(&lr, col, fields, obj);
}

bool pg_query(void *st, const char *sql, int64_t arg, ly_row_fn row, void *ctx, char *err,
              size_t errsz)
{
    struct pg_store *s = st;
    struct pg_args a = {0};
    size_t idx;
    PGresult *r;
    if (!prepared(s, sql, &idx, err, errsz))
        return false;
    for (int i = 0; arg >= 0 && i < s->stmt[idx].nparams; i++)
        pg_arg_int(&a, arg);
    if (!pg_exec(s, sql, &a, &r, err, errsz))
        return false;
    struct pg_cursor c = {r, 0};
    struct ly_row lr = {&pg_row_ops, &c};
    bool ok = true;
    for (; ok && c.row < PQntuples(r); c.row++)
        ok = row(ctx, &lr);
    PQclear(r);
    return ok;
}

/* A BEGIN starts a transaction whatever came before: a connection broken since is made again. */
static bool begin(struct pg_store *s, const char *sql, char *err, size_t errsz)
{
    s->in_tx = false;
    s->in_tx = pg_plain(s, sql, NULL, err, errsz);
    return s->in_tx;
}

bool pg_begin(struct pg_store *s, char *err, size_t errsz)
{
    return begin(s, "BEGIN", err, errsz);
}

bool pg_begin_read(struct pg_store *s, char *err, size_t errsz)
{
    return begin(s, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", err, errsz);
}

bool pg_commit(struct pg_store *s, char *err, size_t errsz)
{
    bool ok = pg_plain(s, "COMMIT", NULL, err, errsz);
    s->in_tx = false;
    return ok;
}

void pg_rollback(struct pg_store *s)
{
    if (PQtransactionStatus(s->conn) != PQTRANS_IDLE)
        PQclear(PQexec(s->conn, "ROLLBACK"));
    s->in_tx = false;
}

bool pg_retryable(const struct pg_store *s)
{
    return strcmp(s->sqlstate, "40P01") == 0 || strcmp(s->sqlstate, "40001") == 0;
}

bool pg_unavailable(struct ly_store *st)
{
    const struct pg_store *s = (const struct pg_store *)st;
    /* connection exception, insufficient resources (disk full), operator intervention
     * (shutdown, statement timeout), system error (I/O) */
    static const char *const classes[] = {"08", "53", "57", "58"};
    if (PQstatus(s->conn) != CONNECTION_OK)
        return true;
    for (size_t i = 0; i < sizeof classes / sizeof classes[0]; i++) {
        if (strncmp(s->sqlstate, classes[i], 2) == 0)
            return true;
    }
    return false;
}

bool pg_take_seq(struct pg_store *s, int64_t *seq, char *err, size_t errsz)
{
    return pg_scalar(s,
                     "UPDATE meta SET value = value + 1 WHERE key = 'change_seq' RETURNING value",
                     NULL, seq, err, errsz);
}
