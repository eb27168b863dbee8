/* kiosk_health.c - measuring the kiosk's health. See kiosk_health.h. */
#include "client/kiosk_health.h"

#include <stdio.h>
#include <string.h>

#include "common/num.h"
#include "kiosk/health.h"
#include "kiosk/vitals.h"
#include "print/printer.h"

#define LINE_MAX_ 256

/* The first line of root/path, without its newline; false when it cannot be read. */
static bool first_line(const char *root, const char *path, char *buf, size_t bufsz)
{
    char full[512];
    if ((size_t)snprintf(full, sizeof full, "%s%s", root, path) >= sizeof full)
        return false;
    FILE *f = fopen(full, "r");
    if (f == NULL)
        return false;
    bool ok = fgets(buf, (int)bufsz, f) != NULL;
    fclose(f);
    if (ok)
        buf[strcspn(buf, "\n")] = '\0';
    return ok;
}

/* The whole number that starts s, up to a '.', a space or the end. */
static bool leading_int(const char *s, int64_t min, int64_t max, int64_t *out)
{
    char num[24];
    size_t n = strcspn(s, ". \t");
    if (n == 0 || n >= sizeof num)
        return false;
    memcpy(num, s, n);
    num[n] = '\0';
    return ly_num_int(num, min, max, out);
}

static void uptime(const char *root, struct ly_kiosk_health *h)
{
    char line[LINE_MAX_];
    int64_t v;
    if (first_line(root, "/proc/uptime", line, sizeof line) &&
        leading_int(line, 0, 10LL * 366 * 24 * 3600, &v))
        h->uptime_s = v;
}

static void temperature(const char *root, struct ly_kiosk_health *h)
{
    for (int z = 0; z < LY_THERMAL_ZONES; z++) {
        char path[64], line[LINE_MAX_];
        int64_t mc;
        snprintf(path, sizeof path, "/sys/class/thermal/thermal_zone%d/temp", z);
        if (!first_line(root, path, line, sizeof line) || !ly_num_int(line, -100000, 200000, &mc))
            continue;
        if (!h->temp_known || mc > h->temp_mc)
            h->temp_mc = mc;
        h->temp_known = true;
    }
}

static void memory(const char *root, struct ly_kiosk_health *h)
{
    char full[512], line[LINE_MAX_];
    snprintf(full, sizeof full, "%s/proc/meminfo", root);
    FILE *f = fopen(full, "r");
    if (f == NULL)
        return;
    while (fgets(line, sizeof line, f)) {
        int64_t kb;
        int64_t *to = strncmp(line, "MemTotal:", 9) == 0        ? &h->mem_total_mb
                      : strncmp(line, "MemAvailable:", 13) == 0 ? &h->mem_avail_mb
                                                                : NULL;
        if (to == NULL)
            continue;
        const char *p = strchr(line, ':') + 1;
        p += strspn(p, " \t");
        if (leading_int(p, 0, INT64_MAX / 2, &kb))
            *to = kb / 1024;
    }
    fclose(f);
    if (h->mem_avail_mb > h->mem_total_mb)
        h->mem_avail_mb = h->mem_total_mb;
}

void ly_kiosk_health_measure(const char *root, const char *db, struct ly_kiosk_health *out)
{
    struct ly_disk_health d;
    char err[256];
    memset(out, 0, sizeof *out);
    uptime(root, out);
    temperature(root, out);
    memory(root, out);
    if (ly_health_disk(db, &d, err, sizeof err)) {
        out->disk_total_mb = (int64_t)(d.total_bytes / 1048576);
        out->disk_free_mb = (int64_t)(d.free_bytes / 1048576);
    }
    struct ly_vitals v = ly_vitals_get();
    out->camera_online = v.camera_online;
    out->camera_fps_x10 = v.camera_fps_x10 < 0       ? 0
                          : v.camera_fps_x10 > 10000 ? 10000
                                                     : v.camera_fps_x10;
    snprintf(out->printer, sizeof out->printer, "%s",
             v.printer < 0 ? "none" : ly_printer_state_name((enum ly_printer_state)v.printer));
    snprintf(out->version, sizeof out->version, "%s", LY_KIOSK_VERSION);
}
