/* health.h - a kiosk's health as it reports it to the hub with its check-ins (docs/sync-
 * protocol.md, "health"): temperature, disk, memory, uptime, camera, printer and version. Every
 * member is a whole number or a short text, described by one field table: the kiosk writes it
 * with it, the hub reads it strictly with it (each member present and in range), stores it as
 * that JSON and reads it back for the dashboard and /metrics leniently. */
#ifndef LY_PROTO_HEALTH_H
#define LY_PROTO_HEALTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "common/jsonr.h"

#define LY_HEALTH_PRINTER_MAX 23  /* bytes of the printer's state ("ready", "no_paper", ...) */
#define LY_HEALTH_VERSION_MAX 31  /* bytes of the software version */
#define LY_HEALTH_JSON_MAX    512 /* the health object as JSON, stored by the hub */

struct ly_kiosk_health {
    int64_t uptime_s;                        /* since the board booted (/proc/uptime) */
    bool temp_known;                         /* the board has a thermal zone */
    int64_t temp_mc;                         /* its temperature in millidegrees Celsius */
    int64_t disk_free_mb;                    /* room left where the kiosk database is (MiB) */
    int64_t disk_total_mb;                   /* that file system's size (MiB) */
    int64_t mem_avail_mb;                    /* MemAvailable (MiB) */
    int64_t mem_total_mb;                    /* MemTotal (MiB) */
    bool camera_online;                      /* the camera gives frames */
    int camera_fps_x10;                      /* frames per second, in tenths */
    char printer[LY_HEALTH_PRINTER_MAX + 1]; /* "none", or ly_printer_state_name's */
    char version[LY_HEALTH_VERSION_MAX + 1]; /* the kiosk's software version */
};

extern const struct ly_field ly_kiosk_health_fields[];

/* Writes "key":{...} (with a comma unless *first). */
void ly_health_json(FILE *f, int *first, const char *key, const struct ly_kiosk_health *h);

/* Reads the object v strictly: every member there, a whole number in its range or a text of
 * printable ASCII that fits. Returns false with the first problem in err. */
__attribute__((warn_unused_result)) bool
ly_health_read(const struct ly_jsonr_val *v, struct ly_kiosk_health *out, char *err, size_t errsz);

/* Writes h as one JSON object into buf (LY_HEALTH_JSON_MAX bytes). Returns false when it does
 * not fit (it always does: the members are bounded). */
bool ly_health_text(const struct ly_kiosk_health *h, char *buf, size_t bufsz);

/* Reads a stored object (ly_health_text) leniently into *out; "" or damage: all zero. Returns
 * whether text held an object. */
bool ly_health_parse(const char *text, struct ly_kiosk_health *out);

#endif
