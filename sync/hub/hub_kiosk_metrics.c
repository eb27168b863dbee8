/* hub_kiosk_metrics.c - each kiosk's health in /metrics (Prometheus text format), from the
 * counts' kiosk list: gauges labelled by the kiosk's name, for kiosks that reported health and
 * are not revoked. See hub.h. */
#include <inttypes.h>

#include "counts/counts.h"
#include "hub/hub.h"

/* A label value: backslash, double quote and newline escaped, as the text format wants. */
static void label(FILE *f, const char *s)
{
    for (; *s; s++) {
        if (*s == '\\' || *s == '"')
            fputc('\\', f);
        if (*s == '\n')
            fputs("\\n", f);
        else
            fputc(*s, f);
    }
}

enum unit { MB_TO_BYTES, AS_IS, TENTHS, MILLI };

struct gauge {
    const char *name, *help;
    size_t offset; /* of an int64_t or int member of struct ly_kiosk_health */
    bool is_int;
    enum unit unit;
};

#define G64(n, m, u, h)                                                                            \
    {                                                                                              \
        n, h, offsetof(struct ly_kiosk_health, m), false, u                                        \
    }
#define GINT(n, m, u, h)                                                                           \
    {                                                                                              \
        n, h, offsetof(struct ly_kiosk_health, m), true, u                                         \
    }

static const struct gauge gauges[] = {
    G64("lanyard_kiosk_uptime_seconds", uptime_s, AS_IS, "Time since the kiosk's board booted."),
    G64("lanyard_kiosk_disk_free_bytes", disk_free_mb, MB_TO_BYTES,
        "Room left on the file system of the kiosk database."),
    G64("lanyard_kiosk_disk_size_bytes", disk_total_mb, MB_TO_BYTES,
        "Size of the file system of the kiosk database."),
    G64("lanyard_kiosk_memory_available_bytes", mem_avail_mb, MB_TO_BYTES,
        "Memory available to start programs (MemAvailable)."),
    G64("lanyard_kiosk_memory_total_bytes", mem_total_mb, MB_TO_BYTES, "The board's memory."),
    GINT("lanyard_kiosk_camera_fps", camera_fps_x10, TENTHS, "Camera frames per second."),
};

static double value(const struct gauge *g, const struct ly_kiosk_health *h)
{
    const char *p = (const char *)h + g->offset;
    double v = g->is_int ? (double)*(const int *)(const void *)p
                         : (double)*(const int64_t *)(const void *)p;
    switch (g->unit) {
    case MB_TO_BYTES:
        return v * 1048576.0;
    case TENTHS:
        return v / 10.0;
    case MILLI:
        return v / 1000.0;
    case AS_IS:
        break;
    }
    return v;
}

static bool reported(const struct ly_count_kiosk *k)
{
    return !k->revoked && k->health_ms > 0;
}

/* One gauge line for kiosk k. */
static void line(FILE *f, const char *name, const struct ly_count_kiosk *k, double v)
{
    fprintf(f, "%s{kiosk=\"", name);
    label(f, k->name);
    /* whole numbers exactly (bytes), the rest with a few digits */
    if (v == (double)(int64_t)v)
        fprintf(f, "\"} %" PRId64 "\n", (int64_t)v);
    else
        fprintf(f, "\"} %.6g\n", v);
}

void ly_hub_metrics_kiosks(FILE *f, const struct ly_counts *c, int64_t now_ms)
{
    for (size_t g = 0; g < sizeof gauges / sizeof gauges[0]; g++) {
        fprintf(f, "# HELP %s %s\n# TYPE %s gauge\n", gauges[g].name, gauges[g].help,
                gauges[g].name);
        for (size_t i = 0; i < c->nkiosks; i++)
            if (reported(&c->kiosks[i]))
                line(f, gauges[g].name, &c->kiosks[i], value(&gauges[g], &c->kiosks[i].health));
    }
    fputs("# HELP lanyard_kiosk_temperature_celsius The board's hottest thermal zone.\n"
          "# TYPE lanyard_kiosk_temperature_celsius gauge\n",
          f);
    for (size_t i = 0; i < c->nkiosks; i++)
        if (reported(&c->kiosks[i]) && c->kiosks[i].health.temp_known)
            line(f, "lanyard_kiosk_temperature_celsius", &c->kiosks[i],
                 (double)c->kiosks[i].health.temp_mc / 1000.0);
    fputs("# HELP lanyard_kiosk_camera_online 1 when the camera gives frames.\n"
          "# TYPE lanyard_kiosk_camera_online gauge\n",
          f);
    for (size_t i = 0; i < c->nkiosks; i++)
        if (reported(&c->kiosks[i]))
            line(f, "lanyard_kiosk_camera_online", &c->kiosks[i],
                 c->kiosks[i].health.camera_online ? 1 : 0);
    fputs("# HELP lanyard_kiosk_queue Check-ins the kiosk has not yet sent.\n"
          "# TYPE lanyard_kiosk_queue gauge\n",
          f);
    for (size_t i = 0; i < c->nkiosks; i++)
        if (!c->kiosks[i].revoked)
            line(f, "lanyard_kiosk_queue", &c->kiosks[i], (double)c->kiosks[i].queue);
    fputs("# HELP lanyard_kiosk_health_age_seconds Time since the kiosk's last health report.\n"
          "# TYPE lanyard_kiosk_health_age_seconds gauge\n",
          f);
    for (size_t i = 0; i < c->nkiosks; i++)
        if (reported(&c->kiosks[i]))
            line(f, "lanyard_kiosk_health_age_seconds", &c->kiosks[i],
                 (double)(now_ms - c->kiosks[i].health_ms) / 1000.0);
    fputs("# HELP lanyard_kiosk_info The kiosk's software version and printer state.\n"
          "# TYPE lanyard_kiosk_info gauge\n",
          f);
    for (size_t i = 0; i < c->nkiosks; i++) {
        const struct ly_count_kiosk *k = &c->kiosks[i];
        if (!reported(k))
            continue;
        fputs("lanyard_kiosk_info{kiosk=\"", f);
        label(f, k->name);
        fputs("\",version=\"", f);
        label(f, k->health.version);
        fputs("\",printer=\"", f);
        label(f, k->health.printer);
        fputs("\"} 1\n", f);
    }
}
