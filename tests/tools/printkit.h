/* printkit.h - what the print tests and benchmark share: a real signed badge code and its check,
 * ZBar on a one-bit label, a loopback socket printer (tests/tools/sockprinter.py) started in a
 * temporary folder and switched between modes, and waiting for a job's final state.
 * Header-only; run from the source tree's root. */
#ifndef LY_PRINTKIT_H
#define LY_PRINTKIT_H

#include <dirent.h>
#include <signal.h>
#include <sodium.h>
#include <spawn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <zbar.h>

#include "badge/badge.h"
#include "print/label.h"
#include "print/printer.h"

extern char **environ;

#define PK_EVENT_ID 0x1badcafe

static inline void pk_keys(uint8_t pk[LY_BADGE_PK_BYTES], uint8_t sk[LY_BADGE_SK_BYTES])
{
    uint8_t seed[LY_BADGE_SEED_BYTES];
    for (size_t i = 0; i < sizeof seed; i++)
        seed[i] = (uint8_t)(i * 7 + 1);
    (void)crypto_sign_seed_keypair(pk, sk, seed);
}

/* A real signed badge code for attendee (version 1, no window). */
static inline bool pk_code(uint32_t attendee, char code[LY_BADGE_CODE_LEN_MAX + 1])
{
    uint8_t pk[LY_BADGE_PK_BYTES], sk[LY_BADGE_SK_BYTES];
    pk_keys(pk, sk);
    struct ly_badge b = {.key_id = ly_badge_key_id(pk),
                         .event_id = PK_EVENT_ID,
                         .attendee_id = attendee,
                         .badge_version = 1};
    bool ok = ly_badge_encode(&b, sk, code, LY_BADGE_CODE_LEN_MAX + 1);
    sodium_memzero(sk, sizeof sk);
    return ok;
}

/* True when code verifies as a badge of the test key for the test event. */
static inline bool pk_verify(const char *code, uint32_t *attendee)
{
    uint8_t pk[LY_BADGE_PK_BYTES], sk[LY_BADGE_SK_BYTES];
    pk_keys(pk, sk);
    sodium_memzero(sk, sizeof sk);
    struct ly_badge_key key = {.key_id = ly_badge_key_id(pk)};
    memcpy(key.pk, pk, sizeof pk);
    struct ly_badge b;
    bool ok = ly_badge_verify(code, strlen(code), &key, 1, PK_EVENT_ID, (int64_t)time(NULL), &b) ==
              LY_BADGE_OK;
    if (ok && attendee != NULL)
        *attendee = b.attendee_id;
    return ok;
}

/* Decodes the QR codes on a one-bit label with ZBar (QR only, binary), as the kiosk would;
 * returns how many, their text in found. */
static inline int pk_zbar(const struct ly_bitmap *b, char found[][256], int max)
{
    size_t n = (size_t)b->width * (size_t)b->height;
    unsigned char *gray = malloc(n);
    if (gray == NULL)
        return 0;
    for (int y = 0; y < b->height; y++) {
        for (int x = 0; x < b->width; x++)
            gray[(size_t)y * b->width + x] = ly_bitmap_get(b, x, y) ? 0 : 255;
    }
    zbar_image_scanner_t *sc = zbar_image_scanner_create();
    zbar_image_scanner_set_config(sc, 0, ZBAR_CFG_ENABLE, 0);
    zbar_image_scanner_set_config(sc, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
    zbar_image_scanner_set_config(sc, ZBAR_QRCODE, ZBAR_CFG_BINARY, 1);
    zbar_image_t *zi = zbar_image_create();
    zbar_image_set_format(zi, zbar_fourcc('Y', '8', '0', '0'));
    zbar_image_set_size(zi, (unsigned)b->width, (unsigned)b->height);
    zbar_image_set_data(zi, gray, n, NULL);
    int count = 0;
    if (zbar_scan_image(sc, zi) > 0) {
        for (const zbar_symbol_t *s = zbar_image_first_symbol(zi); s != NULL && count < max;
             s = zbar_symbol_next(s)) {
            unsigned len = zbar_symbol_get_data_length(s);
            len = len < 255 ? len : 255;
            memcpy(found[count], zbar_symbol_get_data(s), len);
            found[count][len] = '\0';
            count++;
        }
    }
    zbar_image_destroy(zi);
    zbar_image_scanner_destroy(sc);
    free(gray);
    return count;
}

/* --- the socket printer ----------------------------------------------------------------------- */

struct pk_printer {
    pid_t pid;
    char dir[64];
    int port;
    char spec[128];
};

static inline void pk_sleep_ms(int ms)
{
    struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static inline bool pk_write_file(const char *dir, const char *name, const char *text)
{
    char path[160], tmp[170];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "w");
    if (f == NULL)
        return false;
    fputs(text, f);
    return fclose(f) == 0 && rename(tmp, path) == 0;
}

/* Starts sockprinter.py for lang ("zpl", "ql", "escpos"), each label taking label_seconds; a
 * device file (a pseudo-terminal) instead of a socket when pty is set. */
static inline bool pk_printer_start_as(struct pk_printer *p, const char *lang, double label_seconds,
                                       bool pty)
{
    memset(p, 0, sizeof(*p));
    snprintf(p->dir, sizeof p->dir, "/tmp/ly-sockprinter-XXXXXX");
    if (mkdtemp(p->dir) == NULL)
        return false;
    char secs[32];
    snprintf(secs, sizeof secs, "%g", label_seconds);
    char *argv[] = {"python3",
                    "tests/tools/sockprinter.py",
                    "--lang",
                    (char *)lang,
                    "--dir",
                    p->dir,
                    "--label-seconds",
                    secs,
                    "--max-seconds",
                    "300",
                    pty ? "--pty" : NULL,
                    NULL};
    if (posix_spawnp(&p->pid, "python3", NULL, NULL, argv, environ) != 0)
        return false;
    char path[160], dev[64];
    snprintf(path, sizeof path, "%s/%s", p->dir, pty ? "dev" : "port");
    for (int i = 0; i < 500; i++) {
        FILE *f = fopen(path, "r");
        if (f != NULL) {
            bool ok = pty ? fscanf(f, "%63s", dev) == 1 : fscanf(f, "%d", &p->port) == 1;
            fclose(f);
            if (ok && pty)
                snprintf(p->spec, sizeof p->spec, "%s:dev:%s", lang, dev);
            else if (ok)
                snprintf(p->spec, sizeof p->spec, "%s:tcp:127.0.0.1:%d", lang, p->port);
            if (ok)
                return true;
        }
        pk_sleep_ms(10);
    }
    return false;
}

static inline bool pk_printer_start(struct pk_printer *p, const char *lang, double label_seconds)
{
    return pk_printer_start_as(p, lang, label_seconds, false);
}

static inline bool pk_printer_mode(const struct pk_printer *p, const char *mode)
{
    bool ok = pk_write_file(p->dir, "mode", mode);
    pk_sleep_ms(60); /* the printer re-reads its mode every 20 ms */
    return ok;
}

/* Counts files in the printer's folder whose name starts with prefix ("job-", "partial-"). */
static inline int pk_count(const struct pk_printer *p, const char *prefix)
{
    DIR *d = opendir(p->dir);
    int n = 0;
    for (struct dirent *e; d != NULL && (e = readdir(d)) != NULL;) {
        size_t len = strlen(e->d_name);
        if (strncmp(e->d_name, prefix, strlen(prefix)) == 0 && len > 4 &&
            strcmp(e->d_name + len - 4, ".bin") == 0)
            n++;
    }
    if (d != NULL)
        closedir(d);
    return n;
}

/* True when the printer's log has a line that is exactly line. */
static inline bool pk_log_has(const struct pk_printer *p, const char *line)
{
    char path[160], buf[256];
    snprintf(path, sizeof path, "%s/log", p->dir);
    FILE *f = fopen(path, "r");
    bool found = false;
    while (f != NULL && !found && fgets(buf, sizeof buf, f) != NULL) {
        buf[strcspn(buf, "\n")] = '\0';
        found = strcmp(buf, line) == 0;
    }
    if (f != NULL)
        fclose(f);
    return found;
}

/* Waits up to ms for the printer's log to have line (the printer reads what was sent a little
 * after the sender is done). */
static inline bool pk_wait_log(const struct pk_printer *p, const char *line, int ms)
{
    for (int waited = 0; waited <= ms; waited += 10) {
        if (pk_log_has(p, line))
            return true;
        pk_sleep_ms(10);
    }
    return false;
}

/* The folder's most recent job file path for number n (job-N.bin). */
static inline void pk_job_path(const struct pk_printer *p, int n, char *out, size_t outsz)
{
    snprintf(out, outsz, "%s/job-%d.bin", p->dir, n);
}

static inline void pk_printer_stop(struct pk_printer *p)
{
    if (p->pid > 0) {
        kill(p->pid, SIGTERM);
        waitpid(p->pid, NULL, 0);
        p->pid = 0;
    }
    DIR *d = opendir(p->dir);
    for (struct dirent *e; d != NULL && (e = readdir(d)) != NULL;) {
        if (e->d_name[0] == '.')
            continue;
        char path[400];
        snprintf(path, sizeof path, "%s/%s", p->dir, e->d_name);
        unlink(path);
    }
    if (d != NULL)
        closedir(d);
    rmdir(p->dir);
}

/* --- following a job -------------------------------------------------------------------------- */

struct pk_seen {
    int states; /* bit per enum ly_job_state seen */
    struct ly_print_event last;
    int events;
};

/* Polls pr until job id reaches DONE or FAILED or timeout_ms passes; returns true when it
 * reached one, with what was seen in *seen. */
static inline bool pk_wait(struct ly_printer *pr, uint64_t id, int timeout_ms, struct pk_seen *seen)
{
    memset(seen, 0, sizeof(*seen));
    for (int waited = 0; waited <= timeout_ms; waited += 5) {
        struct ly_print_event ev;
        while (ly_printer_poll(pr, &ev)) {
            if (ev.job_id != id)
                continue;
            seen->states |= 1 << ev.state;
            seen->last = ev;
            seen->events++;
            if (ev.state == LY_JOB_DONE || ev.state == LY_JOB_FAILED)
                return true;
        }
        pk_sleep_ms(5);
    }
    return false;
}

#endif
