/* kiosk_health.h - the health a kiosk reports to its hub (proto/health.h), measured on the
 * kiosk: uptime (/proc/uptime), the hottest thermal zone (/sys/class/thermal), memory
 * (/proc/meminfo), the file system of the kiosk database (statvfs), the camera as the kiosk
 * loop last saw it (kiosk/vitals.h), the printer and the version. */
#ifndef LY_KIOSK_HEALTH_H
#define LY_KIOSK_HEALTH_H

#include "proto/health.h"

#define LY_KIOSK_VERSION   "0.1.0"
#define LY_HEALTH_EVERY_MS 30000 /* a report goes with the next batch this often */
#define LY_HEALTH_FIRST_MS 5000  /* the first, this long after the sync thread starts */
#define LY_THERMAL_ZONES   16    /* thermal_zone0 to thermal_zone15 are read */

/* Fills *out. root is prefixed to /proc and /sys ("" on a kiosk; a folder in tests), db is the
 * kiosk database. What cannot be read stays 0 (temp_known false). The printer reads "none":
 * the kiosk has no printer layer yet. */
void ly_kiosk_health_measure(const char *root, const char *db, struct ly_kiosk_health *out);

#endif
