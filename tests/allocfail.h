/* allocfail.h - for tests: allocation failure in turn, after curl's `runtests.pl -t` and SQLite's
 * `-faults oom*`. The test program is linked with -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,
 * --wrap=strdup,--wrap=strndup,--wrap=open_memstream (the Makefile's rule for test_alloc_*), so
 * that every call of those functions from Lanyard's code comes here; SQLite's own allocations come
 * here too, through sqlite3_config(SQLITE_CONFIG_MALLOC) with lookaside off, so that each of its
 * allocations can fail as well. Allocations made inside other shared libraries (libc's stdio,
 * libsodium, libcups) are not seen.
 *
 * af_each runs an operation once per allocation it makes: the first run fails the first
 * allocation, the next run the second, and so on, until a run completes with no failure
 * injected; the operation checks that each run either succeeded fully or failed cleanly.
 * LY_AF_TRACE=1 in the environment prints where each failed allocation is. Single-threaded use
 * only. Header-only, included by one test program each. */
#ifndef LY_TESTS_ALLOCFAIL_H
#define LY_TESTS_ALLOCFAIL_H

#include <dirent.h>
#if defined(__SANITIZE_ADDRESS__)
#define AF_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define AF_ASAN 1
#endif
#endif
#ifdef AF_ASAN
#include <sanitizer/common_interface_defs.h>
#include <sanitizer/lsan_interface.h>
#endif
#include <sqlite3.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"

#define AF_RUNS_MAX 20000 /* an operation making more allocations than this is a test defect */

static struct {
    bool armed;
    long count;   /* allocations since arming */
    long fail_at; /* the allocation that fails (1 = the first); 0: none */
    bool hit;     /* the failure was injected */
} af;

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
char *__real_strdup(const char *s);
char *__real_strndup(const char *s, size_t n);
FILE *__real_open_memstream(char **buf, size_t *n);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t n);
char *__wrap_strdup(const char *s);
char *__wrap_strndup(const char *s, size_t n);
FILE *__wrap_open_memstream(char **buf, size_t *n);

/* True when this allocation is the one to fail. */
static inline bool af_fail(void)
{
    if (!af.armed)
        return false;
    if (++af.count != af.fail_at)
        return false;
    af.hit = true;
#ifdef AF_ASAN
    if (getenv("LY_AF_TRACE")) /* where the failed allocation is, for a report */
        __sanitizer_print_stack_trace();
#endif
    return true;
}

void *__wrap_malloc(size_t n)
{
    return af_fail() ? NULL : __real_malloc(n);
}

void *__wrap_calloc(size_t n, size_t size)
{
    return af_fail() ? NULL : __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t n)
{
    return af_fail() ? NULL : __real_realloc(p, n);
}

char *__wrap_strdup(const char *s)
{
    return af_fail() ? NULL : __real_strdup(s);
}

char *__wrap_strndup(const char *s, size_t n)
{
    return af_fail() ? NULL : __real_strndup(s, n);
}

FILE *__wrap_open_memstream(char **buf, size_t *n)
{
    return af_fail() ? NULL : __real_open_memstream(buf, n);
}

/* SQLite's allocator: its size in an 8-byte header, as SQLite's mem1.c does without
 * malloc_usable_size. */
static inline void *af_sq_malloc(int n)
{
    if (af_fail())
        return NULL;
    int64_t *p = __real_malloc((size_t)n + 8);
    if (p == NULL)
        return NULL;
    p[0] = n;
    return p + 1;
}

static inline void af_sq_free(void *p)
{
    if (p)
        free((int64_t *)p - 1);
}

static inline void *af_sq_realloc(void *p, int n)
{
    if (af_fail())
        return NULL;
    int64_t *q = __real_realloc((int64_t *)p - 1, (size_t)n + 8);
    if (q == NULL)
        return NULL;
    q[0] = n;
    return q + 1;
}

static inline int af_sq_size(void *p)
{
    return p ? (int)((int64_t *)p)[-1] : 0;
}

static inline int af_sq_roundup(int n)
{
    return (n + 7) & ~7;
}

static inline int af_sq_init(void *ctx)
{
    (void)ctx;
    return SQLITE_OK;
}

static inline void af_sq_shutdown(void *ctx)
{
    (void)ctx;
}

/* Routes SQLite's allocations through the countdown. Call first thing in main, before anything
 * opens a database. Returns false when SQLite refuses (it was initialized already). */
static inline bool af_install(void)
{
    static const sqlite3_mem_methods m = {af_sq_malloc,  af_sq_free, af_sq_realloc,  af_sq_size,
                                          af_sq_roundup, af_sq_init, af_sq_shutdown, NULL};
    return sqlite3_config(SQLITE_CONFIG_MALLOC, &m) == SQLITE_OK &&
           sqlite3_config(SQLITE_CONFIG_LOOKASIDE, 0, 0) == SQLITE_OK;
}

/* Counts allocations from now on, failing the fail_at-th (0: none). */
static inline void af_arm(long fail_at)
{
    af.count = 0;
    af.fail_at = fail_at;
    af.hit = false;
    af.armed = true;
}

/* Stops counting; returns the allocations counted since af_arm. */
static inline long af_disarm(void)
{
    af.armed = false;
    return af.count;
}

/* One target's figures. */
struct af_stats {
    long allocs; /* allocations of a run with no failure injected */
    long runs;   /* runs, one per allocation failed, and the clean one */
    long failed; /* runs in which the operation reported a failure */
    double ms;   /* wall time of all runs */
};

/* Runs op(ctx, n) for n = 1, 2, ...: op arms the countdown with af_arm(n) around the code under
 * test (its set-up and checks outside), checks the result and returns whether the operation
 * reported a failure. Stops after the first run in which no failure was injected (af.hit false
 * after op), or at AF_RUNS_MAX (runaway: *runaway set). */
static inline struct af_stats af_each(bool (*op)(void *ctx, long n), void *ctx, bool *runaway)
{
    struct af_stats s = {0};
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    *runaway = true;
    for (long n = 1; n <= AF_RUNS_MAX; n++) {
        bool failed = op(ctx, n);
        af.armed = false;
        s.runs++;
        if (!af.hit) {
            s.allocs = af.count;
            *runaway = false;
            break;
        }
        s.failed += failed;
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    s.ms = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
    return s;
}

/* Whether LeakSanitizer finds memory that nothing points to any more (it prints what). A build
 * without AddressSanitizer (the arm64 unit tests under qemu, board/cross-arm64.sh) has no leak
 * checker: it says so and checks every failure path for crashes only; `make test` checks leaks. */
static inline bool af_leaked(void)
{
#ifdef AF_ASAN
    return __lsan_do_recoverable_leak_check() != 0;
#else
    printf("# no LeakSanitizer in this build: leaks are not checked here\n");
    return false;
#endif
}

/* ---- Parsers of untrusted input, table-driven over the fuzz harnesses' corpora. */

#define AF_SUMMARY_MAX 16384

/* A parser run on one input: af_on() just before the code under test and af_off() just after
 * (set-up and checks outside). Returns true when the input was accepted, with a summary of what
 * was read in sum (two runs that read the same write the same summary); false when refused,
 * with the reason in err. A broken rule of the target's own (a refused batch that changed the
 * database) goes to af_broken. */
typedef bool (*af_parser)(const char *in, size_t n, char *sum, size_t sumsz, char *err,
                          size_t errsz);

static long af_cur;       /* the allocation to fail in the running target (0: none) */
static long af_bad;       /* broken rules, over the whole program */
static const char *af_at; /* the target and input running, for messages */

static inline void af_on(void)
{
    af_arm(af_cur);
}

static inline void af_off(void)
{
    af_disarm();
}

/* Stops and resumes counting within one run, around the test's own work (af_on starts the
 * count again). */
static inline void af_pause(void)
{
    af.armed = false;
}

static inline void af_resume(void)
{
    af.armed = true;
}

__attribute__((format(printf, 1, 2))) static inline void af_broken(const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s, allocation %ld failed: ", af_at, af_cur);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    af_bad++;
}

/* Runs parse on one input once without faults, then once per allocation it made with that one
 * failing. Every run must either read what the run without faults read, or refuse with a
 * sentence: the same one the run without faults gave, or one that says memory ran out (an
 * allocation failure must not be blamed on the input). Adds the input's allocations and runs to
 * *st; returns false on a runaway. */
static inline bool af_input(af_parser parse, const char *in, size_t n, struct af_stats *st)
{
    static char sum0[AF_SUMMARY_MAX], sum[AF_SUMMARY_MAX];
    char err0[512] = "", err[512];
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    af_cur = 0;
    sum0[0] = '\0';
    bool acc0 = parse(in, n, sum0, sizeof sum0, err0, sizeof err0);
    long allocs = af.count;
    if (!acc0 && err0[0] == '\0')
        af_broken("refused without a reason, with no fault injected");
    bool done = false;
    for (af_cur = 1; af_cur <= AF_RUNS_MAX && !done; af_cur++) {
        sum[0] = err[0] = '\0';
        bool acc = parse(in, n, sum, sizeof sum, err, sizeof err);
        af.armed = false;
        st->runs++;
        done = !af.hit;
        if (done && af.count != allocs)
            af_broken("%ld allocations, %ld without faults", af.count, allocs);
        if (acc && (!acc0 || strcmp(sum, sum0) != 0))
            af_broken("accepted, reading %s where the run without faults %s %.200s",
                      strcmp(sum, sum0) == 0 ? "the same" : "otherwise",
                      acc0 ? "read" : "refused:", acc0 ? "" : err0);
        if (!acc) {
            st->failed += af.hit;
            if (err[0] == '\0' || (strcmp(err, err0) != 0 && strstr(err, "memory") == NULL))
                af_broken("refused with \"%s\" (without faults: %s \"%s\")", err,
                          acc0 ? "accepted" : "refused", err0);
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    st->allocs += allocs;
    st->ms += (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
    return done;
}

/* One target: a parser and the fuzz corpus its inputs come from (tests/fuzz/corpus/NAME; up to
 * max_inputs files of at most max_bytes, in name order), besides any inputs of its own. */
struct af_target {
    const char *name;
    const char *corpus;
    af_parser parse;
    int max_inputs;
    size_t max_bytes;
    const char *const *extra; /* NULL-terminated, or NULL */
    const char *const *only;  /* the corpus files to use (NULL-terminated), or NULL: any */
};

/* Whether name is one of t's files. */
static inline bool af_wanted(const struct af_target *t, const char *name)
{
    for (size_t i = 0; t->only && t->only[i]; i++)
        if (strcmp(t->only[i], name) == 0)
            return true;
    return t->only == NULL;
}

static inline int af_name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Reads the file at path (at most max bytes) into a new buffer; NULL when it cannot. */
static inline char *af_slurp(const char *path, size_t max, size_t *n)
{
    FILE *f = fopen(path, "rb");
    char *buf = f ? malloc(max + 1) : NULL;
    *n = buf ? fread(buf, 1, max + 1, f) : 0;
    if (f)
        fclose(f);
    if (buf && *n > max) {
        free(buf);
        return NULL;
    }
    return buf;
}

/* Runs every input of t; prints its figures. Returns the number of inputs run (0: none found,
 * a defect of the table). */
static inline int af_target_run(const struct af_target *t, struct af_stats *st)
{
    char path[512], where[600];
    char
        *names[2048]; /* more than any corpus holds: the inputs chosen do not depend on the order */
    size_t nnames = 0;
    int inputs = 0;
    snprintf(path, sizeof path, "tests/fuzz/corpus/%s", t->corpus);
    DIR *d = opendir(path);
    for (struct dirent *e; d && (e = readdir(d)) != NULL && nnames < 2048;)
        if (e->d_name[0] != '.')
            names[nnames++] = strdup(e->d_name);
    if (d)
        closedir(d);
    qsort(names, nnames, sizeof names[0], af_name_cmp);
    for (size_t i = 0; i < nnames; i++) {
        size_t n = 0;
        snprintf(path, sizeof path, "tests/fuzz/corpus/%s/%s", t->corpus, names[i]);
        char *buf = inputs < t->max_inputs && af_wanted(t, names[i])
                        ? af_slurp(path, t->max_bytes, &n)
                        : NULL;
        if (buf) {
            snprintf(where, sizeof where, "%s (%s)", t->name, path);
            af_at = where;
            if (!af_input(t->parse, buf, n, st))
                af_broken("more than %d allocations", AF_RUNS_MAX);
            inputs++;
        }
        free(buf);
        free(names[i]);
    }
    for (size_t i = 0; t->extra && t->extra[i]; i++) {
        snprintf(where, sizeof where, "%s (input %zu of the test)", t->name, i + 1);
        af_at = where;
        if (!af_input(t->parse, t->extra[i], strlen(t->extra[i]), st))
            af_broken("more than %d allocations", AF_RUNS_MAX);
        inputs++;
    }
    printf("# %-34s %2d inputs, %6ld allocations, %6ld runs failed cleanly, %7.0f ms\n", t->name,
           inputs, st->allocs, st->failed, st->ms);
    return inputs;
}

/* Runs every target of t[0..n); prints each one's figures and a total line (label). Returns false
 * when a target had no input, or (each_allocates) made no allocation. */
static inline bool af_targets_run(const struct af_target *t, size_t n, const char *label,
                                  bool each_allocates, struct af_stats *all)
{
    bool ok = true;
    memset(all, 0, sizeof *all);
    for (size_t i = 0; i < n; i++) {
        struct af_stats st = {0};
        ok &= af_target_run(&t[i], &st) > 0 && (!each_allocates || st.allocs > 0);
        all->allocs += st.allocs;
        all->runs += st.runs;
        all->failed += st.failed;
        all->ms += st.ms;
    }
    printf("# %s: %ld allocations failed in turn over %zu targets, %.1f s\n", label, all->allocs, n,
           all->ms / 1000);
    return ok;
}

/* The CHECKs of a case that runs targets: each ran (and, each_allocates, allocated), no rule was
 * broken, nothing leaked. Returns the totals. */
static inline struct af_stats af_check_targets(const struct af_target *t, size_t n,
                                               const char *label, bool each_allocates)
{
    struct af_stats all;
    CHECK(af_targets_run(t, n, label, each_allocates, &all));
    CHECK(all.allocs > 0);
    CHECK_INT(af_bad, 0);
    CHECK(!af_leaked());
    return all;
}

/* ---- files, for the targets that start each run from a copy of a database */

static inline bool af_copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    char buf[65536];
    size_t n;
    bool ok = in && out;
    while (ok && (n = fread(buf, 1, sizeof buf, in)) > 0)
        ok = fwrite(buf, 1, n, out) == n;
    if (in)
        fclose(in);
    if (out && fclose(out) != 0)
        ok = false;
    return ok;
}

/* Removes a database file with its -wal and -shm. */
/* A kiosk database with its key file (DB.key, kioskdb_secret.h) when it has one: the copy's
 * sealed token and code hashes open only with the original's key. */
static inline bool af_copy_db(const char *from, const char *to)
{
    char kf[512], kt[512];
    snprintf(kf, sizeof kf, "%s.key", from);
    snprintf(kt, sizeof kt, "%s.key", to);
    return af_copy_file(from, to) &&
           (access(kf, F_OK) != 0 || (af_copy_file(kf, kt) && chmod(kt, 0600) == 0));
}

static inline void af_remove_db(const char *path)
{
    char p[512];
    unlink(path);
    snprintf(p, sizeof p, "%s.key", path);
    unlink(p);
    snprintf(p, sizeof p, "%s-wal", path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", path);
    unlink(p);
}

/* What the tables (NULL-terminated) of the database at path hold, as one text: per table, its
 * rows and a hash of every value (rowid order), read through a connection of the test's own
 * (open and read outside the count). "?" when the file cannot be read. */
static inline void af_db_digest(const char *path, const char *const *tables, char *out,
                                size_t outsz)
{
    sqlite3 *raw = NULL;
    size_t used = 0;
    snprintf(out, outsz, "?");
    if (sqlite3_open_v2(path, &raw, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        sqlite3_close(raw);
        return;
    }
    for (size_t t = 0; tables[t] && used < outsz; t++) {
        char sql[96];
        sqlite3_stmt *q = NULL;
        uint64_t h = 1469598103934665603u;
        long rows = 0;
        snprintf(sql, sizeof sql, "SELECT * FROM %s ORDER BY rowid", tables[t]);
        if (sqlite3_prepare_v2(raw, sql, -1, &q, NULL) != SQLITE_OK)
            rows = -1;
        while (rows >= 0 && sqlite3_step(q) == SQLITE_ROW) {
            rows++;
            for (int c = 0; c < sqlite3_column_count(q); c++) {
                const unsigned char *v = sqlite3_column_text(q, c);
                for (int i = 0, n = sqlite3_column_bytes(q, c); v && i < n; i++)
                    h = (h ^ v[i]) * 1099511628211u;
                h = (h ^ (uint64_t)sqlite3_column_type(q, c)) * 1099511628211u;
            }
        }
        sqlite3_finalize(q);
        used += (size_t)snprintf(out + used, outsz - used, "%s%s %ld %016llx", t ? ", " : "",
                                 tables[t], rows, (unsigned long long)h);
    }
    sqlite3_close(raw);
}

#endif
