/* bench_hub.c - the hub under load, on loopback: bin/lanyard-hub serving a 100,000-registration
 * demo forum from SQLite, then from PostgreSQL (a private server with fsync on, started by
 * tests/integration/pg.sh, the forum copied in with `lanyard load`). Prints, for both side by
 * side, the ingest rate of 50 concurrent kiosks pushing batches of check-ins (and the batch
 * latency) and the counts query's p50/p99 over the check-ins that made; and, on SQLite, the
 * snapshot's size and time (cold, then cached), GET /api/v1/counts, and the delta-sync latency:
 * a badge revoked at the hub until a waiting long poll answers. LY_BENCH_REGISTRATIONS and
 * LY_BENCH_CHECKINS scale it down for a quick run. */
#include <curl/curl.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sodium.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "counts/counts.h"
#include "orgdb/hubdb.h"
#include "common/jsonr.h"
#include "common/num.h"
#include "store/store.h"
#include "proto/token.h"
#include "bench/stats.h"

#define KIOSKS 50
#define BATCH  100

extern char **environ;

static char dir[] = "/tmp/ly-bench-hub.XXXXXX";
static char base[64];
static size_t checkins_per_kiosk;
static size_t registrations; /* attendee ids 1..registrations: the hub refuses others */

struct buf {
    char *p;
    size_t n;
};

static size_t sink(char *p, size_t size, size_t n, void *ctx)
{
    struct buf *b = ctx;
    char *q = realloc(b->p, b->n + size * n + 1);
    if (q == NULL)
        return 0;
    memcpy(q + b->n, p, size * n);
    b->p = q;
    b->n += size * n;
    b->p[b->n] = '\0';
    return size * n;
}

/* One request; returns the status, body in *out (free out->p). */
static long http(CURL *c, const char *method, const char *path, const char *token, const char *body,
                 struct buf *out)
{
    char url[256], auth[128];
    struct curl_slist *h = NULL;
    snprintf(url, sizeof url, "%s%s", base, path);
    if (token) {
        snprintf(auth, sizeof auth, "Authorization: Bearer %s", token);
        h = curl_slist_append(h, auth);
    }
    if (body)
        h = curl_slist_append(h, "Content-Type: application/json");
    out->p = NULL;
    out->n = 0;
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, method);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
    if (!body)
        curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, sink);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, out);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 120L);
    long status = 0;
    if (curl_easy_perform(c) == CURLE_OK)
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(h);
    return status;
}

struct uploader {
    int index;
    char code[LY_ENROLL_CODE_LEN + 1];
    char token[LY_TOKEN_LEN + 1];
    double *lat; /* per batch, seconds */
    size_t nlat;
    size_t stored;
    bool ok;
};

static void *upload(void *arg)
{
    struct uploader *u = arg;
    CURL *c = curl_easy_init();
    char kiosk[40], body[256];
    struct buf out;
    snprintf(kiosk, sizeof kiosk, "00000000-0000-4000-8000-%012d", u->index);
    snprintf(body, sizeof body, "{\"code\":\"%s\",\"kiosk_id\":\"%s\"}", u->code, kiosk);
    if (http(c, "POST", "/api/v1/enroll", NULL, body, &out) != 200) {
        free(out.p);
        curl_easy_cleanup(c);
        return NULL;
    }
    struct ly_jsonr *d = ly_jsonr_parse(out.p, out.n, NULL, 0);
    const char *t = d ? ly_jsonr_get_str(ly_jsonr_root(d), "token", LY_TOKEN_LEN) : NULL;
    snprintf(u->token, sizeof u->token, "%s", t ? t : "");
    ly_jsonr_free(d);
    free(out.p);
    size_t batches = checkins_per_kiosk / BATCH;
    u->lat = calloc(batches + 1, sizeof *u->lat);
    char *b = malloc(BATCH * 400 + 256);
    int64_t wall = (int64_t)time(NULL) * 1000;
    u->ok = u->lat && b;
    for (size_t k = 0; k < batches && u->ok; k++) {
        size_t n = (size_t)snprintf(b, 256, "{\"kiosk_id\":\"%s\",\"queue\":%zu,\"checkins\":[",
                                    kiosk, (batches - k - 1) * BATCH);
        for (size_t i = 0; i < BATCH; i++) {
            size_t seq = k * BATCH + i + 1;
            n += (size_t)snprintf(
                b + n, 400,
                "%s{\"uuid\":\"%08d-0000-4000-8000-%012zu\",\"seq\":%zu,\"wall_ms\":%lld,"
                "\"mono_ms\":%zu,\"gate\":\"entrance\",\"attendee_id\":%zu,\"code_kind\":"
                "\"badge\",\"decision\":\"granted\",\"reason_code\":\"\",\"place\":\"venue\","
                "\"direction\":%d}",
                i ? "," : "", u->index, seq, seq, (long long)(wall + (int64_t)seq), seq,
                ((size_t)u->index * 1000 + seq % 1000) % registrations + 1, seq % 3 == 0 ? -1 : 1);
        }
        snprintf(b + n, 8, "]}");
        double t0 = bench_now_s();
        long st = http(c, "POST", "/api/v1/checkins", u->token, b, &out);
        u->lat[u->nlat++] = bench_now_s() - t0;
        u->ok = st == 200 && out.p && strstr(out.p, "\"rejected\"") == NULL &&
                strstr(out.p, "\"refused\"") == NULL;
        if (!u->ok)
            fprintf(stderr, "bench_hub: kiosk %d batch %zu: status %ld: %.200s\n", u->index, k, st,
                    out.p ? out.p : "");
        u->stored += BATCH;
        free(out.p);
    }
    free(b);
    curl_easy_cleanup(c);
    return NULL;
}

static size_t env_size(const char *name, size_t dflt, size_t max)
{
    const char *v = getenv(name);
    int64_t n;
    return v && ly_num_int(v, 1, (int64_t)max, &n) ? (size_t)n : dflt;
}

/* Starts bin/lanyard-hub on the database url; returns its pid and sets base. */
static pid_t start_hub(const char *url_in)
{
    char url[600], log[300];
    snprintf(url, sizeof url, "%s", url_in);
    snprintf(log, sizeof log, "%s/hub.log", dir);
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 2, log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    char *argv[] = {"bin/lanyard-hub", "--db", url, "--listen", "127.0.0.1:0", "--pool", "8",
                    "--log-requests",  "no",   NULL};
    pid_t pid;
    if (posix_spawn(&pid, argv[0], &fa, NULL, argv, environ) != 0)
        return -1;
    posix_spawn_file_actions_destroy(&fa);
    for (int i = 0; i < 600; i++) {
        usleep(50000);
        FILE *f = fopen(log, "r");
        char line[512];
        while (f && fgets(line, sizeof line, f)) {
            const char *p = strstr(line, "msg=listening");
            p = p ? strstr(p, " port=") : NULL;
            if (p) {
                int64_t port = 0;
                char digits[8] = "";
                sscanf(p + 6, "%7[0-9]", digits);
                if (!ly_num_int(digits, 1, 65535, &port))
                    break;
                snprintf(base, sizeof base, "http://127.0.0.1:%d", (int)port);
                fclose(f);
                return pid;
            }
        }
        if (f)
            fclose(f);
    }
    kill(pid, SIGKILL);
    return -1;
}

struct poll_arg {
    const char *token;
    int64_t since;
    double done;
};

static void *long_poll(void *arg)
{
    struct poll_arg *p = arg;
    char path[96];
    struct buf out;
    CURL *c = curl_easy_init();
    snprintf(path, sizeof path, "/api/v1/changes?since=%lld&wait=20", (long long)p->since);
    http(c, "GET", path, p->token, NULL, &out);
    p->done = bench_now_s();
    free(out.p);
    curl_easy_cleanup(c);
    return NULL;
}

/* What one backend measured. */
struct figures {
    size_t stored;
    double rate, p50, p99, counts_p50, counts_p99;
};

static struct uploader up[KIOSKS];

/* Writes the uploaders' enrollment codes into st, starts the hub on url (*hub), lets the 50
 * uploaders push, and times the counts query in st. The hub is left running. */
static bool measure(struct ly_store *st, const char *url, pid_t *hub, struct figures *f, char *err,
                    size_t errsz)
{
    memset(up, 0, sizeof up);
    for (int i = 0; i < KIOSKS; i++) {
        uint8_t h[LY_TOKEN_HASH_LEN];
        char name[32];
        up[i].index = i + 1;
        ly_enroll_code_new(up[i].code);
        snprintf(name, sizeof name, "bench %02d", i + 1);
        if (!ly_enroll_code_hash(up[i].code, h) ||
            !st->ops->add_enroll_code(st, h, name, "entrance", NULL, 0, INT64_MAX, err, errsz))
            return false;
    }
    *hub = start_hub(url);
    if (*hub < 0) {
        snprintf(err, errsz, "the hub did not start on %s", url);
        return false;
    }
    pthread_t th[KIOSKS];
    double ti = bench_now_s();
    for (int i = 0; i < KIOSKS; i++)
        pthread_create(&th[i], NULL, upload, &up[i]);
    double *lat = calloc((size_t)KIOSKS * (checkins_per_kiosk / BATCH + 1), sizeof *lat);
    size_t nlat = 0;
    bool ok = lat != NULL;
    f->stored = 0;
    for (int i = 0; i < KIOSKS; i++) {
        pthread_join(th[i], NULL);
        ok = ok && up[i].ok;
        for (size_t k = 0; lat && k < up[i].nlat; k++)
            lat[nlat++] = up[i].lat[k];
        f->stored += up[i].stored;
        free(up[i].lat);
    }
    double ingest = bench_now_s() - ti;
    if (!ok) {
        free(lat);
        snprintf(err, errsz, "an upload failed");
        return false;
    }
    f->rate = (double)f->stored / ingest;
    f->p50 = bench_quantile(lat, nlat, 0.5) * 1e3;
    f->p99 = bench_quantile(lat, nlat, 0.99) * 1e3;
    free(lat);
    double qt[40];
    for (int i = 0; i < 40; i++) {
        struct ly_counts *counts = NULL;
        double ts = bench_now_s();
        if (!st->ops->counts(st, (int64_t)time(NULL) * 1000, &counts, err, errsz))
            return false;
        qt[i] = bench_now_s() - ts;
        ly_counts_free(counts);
    }
    f->counts_p50 = bench_quantile(qt, 40, 0.5) * 1e3;
    f->counts_p99 = bench_quantile(qt, 40, 0.99) * 1e3;
    return true;
}

static void stop_hub(pid_t hub)
{
    int status;
    kill(hub, SIGTERM);
    waitpid(hub, &status, 0);
}

/* The same on PostgreSQL: a private server (fsync on, as SQLite's synchronous=FULL), the forum
 * of db loaded into it. False with err when no server could be started. */
static bool measure_pg(const char *db, struct figures *f, double *load_s, char *err, size_t errsz)
{
    char cmd[900], line[900] = "", *sp;
    snprintf(cmd, sizeof cmd, "LY_PG_FSYNC=on bash tests/integration/pg.sh start %d 2>/dev/null",
             (int)getpid());
    FILE *p = popen(cmd, "r");
    bool started = p && fgets(line, sizeof line, p) && (sp = strchr(line, ' ')) != NULL;
    if (p)
        pclose(p);
    if (!started) {
        snprintf(err, errsz, "no PostgreSQL server could be started");
        return false;
    }
    line[strcspn(line, "\n")] = '\0';
    sp = strchr(line, ' ');
    *sp = '\0';
    const char *url = sp + 1;
    struct ly_store *st = NULL;
    pid_t hub = -1;
    double t0 = bench_now_s();
    snprintf(cmd, sizeof cmd, "bin/lanyard --db '%s' load --from %s >/dev/null", url, db);
    bool ok = system(cmd) == 0;
    *load_s = bench_now_s() - t0;
    if (!ok)
        snprintf(err, errsz, "lanyard load failed");
    ok = ok && ly_store_open(url, &st, err, errsz) && measure(st, url, &hub, f, err, errsz);
    if (hub > 0)
        stop_hub(hub);
    ly_store_close(st);
    snprintf(cmd, sizeof cmd, "bash tests/integration/pg.sh stop '%s'", line);
    if (system(cmd) != 0)
        fprintf(stderr, "bench_hub: the PostgreSQL server in %s did not stop\n", line);
    return ok;
}

int main(void)
{
    size_t regs = env_size("LY_BENCH_REGISTRATIONS", 100000, 200000);
    registrations = regs;
    size_t total = env_size("LY_BENCH_CHECKINS", 100000, 1000000);
    checkins_per_kiosk = total / KIOSKS / BATCH * BATCH;
    if (checkins_per_kiosk == 0)
        checkins_per_kiosk = BATCH;
    char db[128], cmd[512], err[256] = "", url[160];
    if (sodium_init() < 0 || !mkdtemp(dir) || access("bin/lanyard-hub", X_OK) != 0)
        return 1;
    curl_global_init(CURL_GLOBAL_DEFAULT);
    snprintf(db, sizeof db, "%s/hub.db", dir);
    snprintf(cmd, sizeof cmd, "bin/lanyard --db %s demo-data --count %zu >/dev/null", db, regs);
    double t0 = bench_now_s();
    if (system(cmd) != 0)
        return 1;
    printf("setup: demo forum of %zu registrations in %.1f s\n", regs, bench_now_s() - t0);

    /* SQLite first: the uploaders, then the snapshot, counts and delta sync on the same hub. */
    struct ly_store *st;
    struct figures fs = {0}, fp = {0};
    pid_t hub = -1;
    int rc = 1;
    snprintf(url, sizeof url, "sqlite:%s", db);
    if (!ly_store_open(url, &st, err, sizeof err))
        return 1;
    if (!measure(st, url, &hub, &fs, err, sizeof err))
        goto end;
    CURL *c = curl_easy_init();
    struct buf out;
    for (int round = 0; round < 2; round++) {
        double ts = bench_now_s();
        long s = http(c, "GET", "/api/v1/snapshot", up[0].token, NULL, &out);
        double t = bench_now_s() - ts;
        if (s != 200)
            goto end;
        printf("snapshot: %zu registrations, %.1f MB, %.2f s %s\n", regs, (double)out.n / 1e6, t,
               round == 0 ? "(written for this cursor)" : "(cached)");
        free(out.p);
    }

    double ht[200];
    for (int i = 0; i < 200; i++) {
        double ts = bench_now_s();
        if (http(c, "GET", "/api/v1/counts", up[0].token, NULL, &out) != 200)
            goto end;
        ht[i] = bench_now_s() - ts;
        free(out.p);
    }
    printf("GET /api/v1/counts (cached between changes): p50 %.2f ms, p99 %.2f ms\n",
           bench_quantile(ht, 200, 0.5) * 1e3, bench_quantile(ht, 200, 0.99) * 1e3);

    /* delta sync: a badge revoked at the hub, seen by a waiting long poll */
    struct ly_hubdb *hdb;
    double dl[10];
    if (!ly_hubdb_open(db, &hdb, err, sizeof err))
        goto end;
    for (int i = 0; i < 10; i++) {
        int64_t seq;
        if (!st->ops->change_seq(st, &seq, err, sizeof err))
            goto end;
        struct poll_arg pa = {up[0].token, seq, 0};
        pthread_t pt;
        pthread_create(&pt, NULL, long_poll, &pa);
        usleep(300000);
        double ts = bench_now_s();
        if (!ly_hubdb_set_revoked(hdb, (uint32_t)(i + 1), i % 2 == 0, err, sizeof err))
            goto end;
        pthread_join(pt, NULL);
        dl[i] = pa.done - ts;
    }
    ly_hubdb_close(hdb);
    printf("delta sync (another process revokes a badge, a long poll answers): p50 %.0f ms, "
           "max %.0f ms\n",
           bench_quantile(dl, 10, 0.5) * 1e3, bench_quantile(dl, 10, 1.0) * 1e3);
    curl_easy_cleanup(c);
    stop_hub(hub);
    hub = -1;

    double load_s = 0;
    char pgerr[256] = "";
    bool pg = measure_pg(db, &fp, &load_s, pgerr, sizeof pgerr);
    if (pg)
        printf("setup: the forum loaded into PostgreSQL (lanyard load) in %.1f s\n", load_s);
    else
        printf("postgresql: not measured: %s\n", pgerr);
    printf("%d kiosks pushing %zu check-ins in batches of %d, side by side:\n", KIOSKS, fs.stored,
           BATCH);
    printf("  %-34s %12s %12s\n", "", "sqlite", "postgresql");
    printf("  %-34s %12.0f %12.0f\n", "ingest, check-ins/s", fs.rate, pg ? fp.rate : 0);
    printf("  %-34s %12.1f %12.1f\n", "batch p50, ms", fs.p50, pg ? fp.p50 : 0);
    printf("  %-34s %12.1f %12.1f\n", "batch p99, ms", fs.p99, pg ? fp.p99 : 0);
    printf("  %-34s %12.1f %12.1f\n", "counts query p50, ms (store)", fs.counts_p50,
           pg ? fp.counts_p50 : 0);
    printf("  %-34s %12.1f %12.1f\n", "counts query p99, ms (store)", fs.counts_p99,
           pg ? fp.counts_p99 : 0);
    rc = 0;
end:
    if (rc != 0)
        fprintf(stderr, "bench_hub: %s\n", err);
    if (hub > 0)
        stop_hub(hub);
    ly_store_close(st);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        rc = 1;
    return rc;
}
