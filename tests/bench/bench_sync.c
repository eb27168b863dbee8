/* bench_sync.c - the kiosk's sync against a real hub on loopback (bin/lanyard-hub, bin/lanyard-
 * kiosk): full sync of a 100,000-registration event to a fresh kiosk (enrollment, the snapshot
 * downloaded and merged, the changes after it; wall time and the kiosk's peak RSS from
 * getrusage), and delta sync latency (a badge revoked in the organizer database until the kiosk's
 * database has it, the kiosk's sync thread waiting in its long poll), printed side by side. */
#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "common/num.h"
#include "demo/demo.h"
#include "orgdb/hubdb.h"
#include "import/import.h"
#include "bench/stats.h"

#define COUNT     100000
#define FULL_RUNS 4  /* fresh kiosks: the first, and the best of the others, are printed */
#define DELTAS    20 /* changes timed one after the other */

/* Starts argv with standard output and error into log (appended); returns the pid or -1. */
static pid_t spawn(char *const argv[], const char *log)
{
    pid_t pid = fork();
    if (pid != 0)
        return pid;
    int fd = open(log, O_WRONLY | O_CREAT | O_APPEND, 0600);
    int null = open("/dev/null", O_RDONLY);
    if (fd < 0 || null < 0)
        _exit(127);
    dup2(null, 0);
    dup2(fd, 1);
    dup2(fd, 2);
    execv(argv[0], argv);
    _exit(127);
}

/* Reads the port from the hub's "listening" log line; 0 when it does not come. */
static int hub_port(const char *log)
{
    for (int i = 0; i < 200; i++) {
        char line[512];
        FILE *f = fopen(log, "r");
        while (f && fgets(line, sizeof line, f)) {
            const char *p = strstr(line, "msg=listening");
            p = p ? strstr(p, " port=") : NULL;
            if (p) {
                int64_t port = 0;
                char digits[8] = "";
                fclose(f);
                sscanf(p + 6, "%7[0-9]", digits);
                return ly_num_int(digits, 1, 65535, &port) ? (int)port : 0;
            }
        }
        if (f)
            fclose(f);
        usleep(50000);
    }
    return 0;
}

/* A fresh enrollment code from the organizer's command line. */
static bool enroll_code(const char *db, int n, char *out, size_t outsz)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd,
             "bin/lanyard --db '%s' enroll --name 'Bench %d' --gate entrance --no-qr", db, n);
    FILE *p = popen(cmd, "r");
    bool ok = p && fgets(out, (int)outsz, p) != NULL;
    if (p && pclose(p) != 0)
        ok = false;
    out[strcspn(out, "\n")] = '\0';
    return ok && out[0];
}

static int64_t query(const char *db, const char *sql)
{
    sqlite3 *c;
    sqlite3_stmt *q;
    int64_t v = -1;
    if (sqlite3_open_v2(db, &c, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(c, sql, -1, &q, NULL) == SQLITE_OK) {
        if (sqlite3_step(q) == SQLITE_ROW)
            v = sqlite3_column_int64(q, 0);
        sqlite3_finalize(q);
    }
    sqlite3_close(c);
    return v;
}

/* Builds the organizer database: an event today and COUNT registrations. */
static bool organizer_db(const char *path, char *err, size_t errsz)
{
    struct ly_demo demo = {0};
    struct ly_hubdb *db = NULL;
    struct ly_import_result res;
    char today[11];
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(today, sizeof today, "%Y-%m-%d", &tm);
    struct ly_demo_params p = {COUNT, (int64_t)(t / 86400), 3, 1};
    FILE *devnull = fopen("/dev/null", "w");
    bool ok = devnull && ly_demo_generate(&p, &demo, err, errsz) &&
              ly_hubdb_open(path, &db, err, errsz) &&
              ly_hubdb_create_event(db, "Bench Forum", today, today, "UTC", NULL, err, errsz) &&
              ly_import_registrations(db, "bench.csv", demo.registrations, demo.registrations_len,
                                      &(struct ly_import_options){.format = LY_IMPORT_LANYARD},
                                      devnull, &res);
    if (ok && res.inserted != COUNT)
        ok = snprintf(err, errsz, "imported %zu registrations of %d", res.inserted, COUNT) < 0;
    ly_hubdb_close(db);
    ly_demo_free(&demo);
    if (devnull)
        fclose(devnull);
    return ok;
}

int main(void)
{
    char dir[] = "/tmp/ly-bench-sync.XXXXXX", hubdb[96], hublog[96], url[64], code[64], err[256];
    char kdb[128], klog[128], fifo[128], cmd[160];
    pid_t hub = -1, kiosk = -1;
    int rc = 1, fifo_fd = -1;
    double first = 0, best = 1e18, deltas[DELTAS];
    long rss_kb = 0;

    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    snprintf(hubdb, sizeof hubdb, "%s/hub.db", dir);
    snprintf(hublog, sizeof hublog, "%s/hub.log", dir);
    if (!organizer_db(hubdb, err, sizeof err))
        goto end;
    char db_arg[128];
    snprintf(db_arg, sizeof db_arg, "sqlite:%s", hubdb);
    char *hub_argv[] = {"bin/lanyard-hub", "--db",           db_arg, "--listen",
                        "127.0.0.1:0",     "--log-requests", "no",   NULL};
    hub = spawn(hub_argv, hublog);
    int port = hub > 0 ? hub_port(hublog) : 0;
    if (port <= 0) {
        snprintf(err, sizeof err, "the hub did not start (see %s)", hublog);
        goto end;
    }
    snprintf(url, sizeof url, "http://127.0.0.1:%d", port);

    /* Full sync: a fresh kiosk enrolls and loads the whole event. */
    for (int run = 0; run < FULL_RUNS; run++) {
        struct rusage ru;
        int status;
        snprintf(kdb, sizeof kdb, "%s/kiosk%d.db", dir, run);
        snprintf(klog, sizeof klog, "%s/kiosk%d.log", dir, run);
        if (!enroll_code(hubdb, run, code, sizeof code)) {
            snprintf(err, sizeof err, "lanyard enroll failed");
            goto end;
        }
        char *argv[] = {"bin/lanyard-kiosk", "--db", kdb, "--hub", url, "--enroll", code, NULL};
        double t0 = bench_now_ms();
        pid_t pid = spawn(argv, klog);
        if (pid < 0 || wait4(pid, &status, 0, &ru) != pid || !WIFEXITED(status) ||
            WEXITSTATUS(status) != 0) {
            snprintf(err, sizeof err, "the kiosk's enrollment failed (see %s)", klog);
            goto end;
        }
        double t = bench_now_ms() - t0;
        if (run == 0)
            first = t; /* the hub writes the snapshot file of this cursor, then serves it */
        else
            best = t < best ? t : best;
        rss_kb = ru.ru_maxrss > rss_kb ? ru.ru_maxrss : rss_kb;
        if (query(kdb, "SELECT count(*) FROM attendees") != COUNT) {
            snprintf(err, sizeof err, "the kiosk holds %lld attendees, not %d",
                     (long long)query(kdb, "SELECT count(*) FROM attendees"), COUNT);
            goto end;
        }
    }
    struct stat st;
    double mb = stat(kdb, &st) == 0 ? (double)st.st_size / 1e6 : 0;

    /* Delta: the last kiosk runs headless, its sync thread in a long poll; a badge revoked in
     * the organizer database (as `lanyard badge revoke` does) until the kiosk has it. */
    snprintf(fifo, sizeof fifo, "%s/codes", dir);
    if (mkfifo(fifo, 0600) != 0 || (fifo_fd = open(fifo, O_RDWR | O_NONBLOCK)) < 0) {
        snprintf(err, sizeof err, "mkfifo failed");
        goto end;
    }
    char source[160];
    snprintf(source, sizeof source, "wedge:%s", fifo);
    char *kargv[] = {"bin/lanyard-kiosk", "--headless", "--db", kdb, "--source", source, NULL};
    kiosk = spawn(kargv, klog);
    usleep(1500000); /* start, come online, settle into the long poll */
    struct ly_hubdb *org = NULL;
    if (!ly_hubdb_open(hubdb, &org, err, sizeof err))
        goto end;
    for (int i = 0; i < DELTAS; i++) {
        uint32_t id = (uint32_t)(1000 + i * 37);
        snprintf(cmd, sizeof cmd, "SELECT revoked FROM attendees WHERE id = %u", id);
        double t0 = bench_now_ms();
        if (!ly_hubdb_set_revoked(org, id, true, err, sizeof err)) {
            ly_hubdb_close(org);
            goto end;
        }
        while (query(kdb, cmd) != 1 && bench_now_ms() - t0 < 10000)
            usleep(1000);
        deltas[i] = bench_now_ms() - t0;
        if (deltas[i] >= 10000) {
            ly_hubdb_close(org);
            snprintf(err, sizeof err, "change %d did not reach the kiosk in 10 s", i);
            goto end;
        }
        usleep(100000 + (useconds_t)(i % 5) * 50000); /* changes at uneven times */
    }
    ly_hubdb_close(org);
    qsort(deltas, DELTAS, sizeof deltas[0], bench_cmp_double);

    printf("%-46s %-24s %-16s %s\n", "sync (kiosk and hub on loopback)", "time", "kiosk peak RSS",
           "target");
    snprintf(cmd, sizeof cmd, "%.2f s (first %.2f s)", best / 1e3, first / 1e3);
    printf("%-46s %-24s %-16s %s\n", "full sync: 100,000 registrations, fresh kiosk", cmd,
           (snprintf(code, sizeof code, "%.1f MB", (double)rss_kb / 1024.0), code), "< 2 s");
    snprintf(cmd, sizeof cmd, "p50 %.0f ms, max %.0f ms", deltas[DELTAS / 2], deltas[DELTAS - 1]);
    printf("%-46s %-24s %-16s %s\n", "delta sync: a revocation at the hub, kiosk db", cmd, "-",
           "< 5 s");
    printf("(kiosk database %.1f MB; full sync: enrollment, snapshot, merge and the changes after "
           "it, best of %d, the first one right after the hub started (it writes the snapshot "
           "before it listens); %d "
           "deltas, which include the hub's 250 ms poll for writes by another process)\n",
           mb, FULL_RUNS - 1, DELTAS);
    rc = 0;
end:
    if (rc != 0)
        fprintf(stderr, "bench_sync: %s\n", err);
    if (kiosk > 0) {
        kill(kiosk, SIGTERM);
        waitpid(kiosk, NULL, 0);
    }
    if (fifo_fd >= 0)
        close(fifo_fd);
    if (hub > 0) {
        kill(hub, SIGTERM);
        waitpid(hub, NULL, 0);
    }
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        rc = 1;
    return rc;
}
