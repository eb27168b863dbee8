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
 * Single-threaded use only. Header-only, included by one test program each. */
#ifndef LY_TESTS_ALLOCFAIL_H
#define LY_TESTS_ALLOCFAIL_H

#include <sanitizer/lsan_interface.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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
static bool af_fail(void)
{
    if (!af.armed)
        return false;
    if (++af.count != af.fail_at)
        return false;
    af.hit = true;
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
static void *af_sq_malloc(int n)
{
    if (af_fail())
        return NULL;
    int64_t *p = __real_malloc((size_t)n + 8);
    if (p == NULL)
        return NULL;
    p[0] = n;
    return p + 1;
}

static void af_sq_free(void *p)
{
    if (p)
        free((int64_t *)p - 1);
}

static void *af_sq_realloc(void *p, int n)
{
    if (af_fail())
        return NULL;
    int64_t *q = __real_realloc((int64_t *)p - 1, (size_t)n + 8);
    if (q == NULL)
        return NULL;
    q[0] = n;
    return q + 1;
}

static int af_sq_size(void *p)
{
    return p ? (int)((int64_t *)p)[-1] : 0;
}

static int af_sq_roundup(int n)
{
    return (n + 7) & ~7;
}

static int af_sq_init(void *ctx)
{
    (void)ctx;
    return SQLITE_OK;
}

static void af_sq_shutdown(void *ctx)
{
    (void)ctx;
}

/* Routes SQLite's allocations through the countdown. Call first thing in main, before anything
 * opens a database. Returns false when SQLite refuses (it was initialized already). */
static bool af_install(void)
{
    static const sqlite3_mem_methods m = {af_sq_malloc,  af_sq_free, af_sq_realloc,  af_sq_size,
                                          af_sq_roundup, af_sq_init, af_sq_shutdown, NULL};
    return sqlite3_config(SQLITE_CONFIG_MALLOC, &m) == SQLITE_OK &&
           sqlite3_config(SQLITE_CONFIG_LOOKASIDE, 0, 0) == SQLITE_OK;
}

/* Counts allocations from now on, failing the fail_at-th (0: none). */
static void af_arm(long fail_at)
{
    af.count = 0;
    af.fail_at = fail_at;
    af.hit = false;
    af.armed = true;
}

/* Stops counting; returns the allocations counted since af_arm. */
static long af_disarm(void)
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
static struct af_stats af_each(bool (*op)(void *ctx, long n), void *ctx, bool *runaway)
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

/* Whether LeakSanitizer finds memory that nothing points to any more (it prints what). */
static bool af_leaked(void)
{
    return __lsan_do_recoverable_leak_check() != 0;
}

#endif
