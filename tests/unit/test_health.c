/* test_health.c - the kiosk health report (proto/health.h, client/kiosk_health.h): measured from
 * a made-up /proc and /sys, written into a batch by the kiosk's writer and read by the hub's
 * parser, strictly: out-of-range, missing, unprintable or contradictory members leave the report
 * out without refusing the batch's check-ins; the stored JSON reads back the same. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "client/kiosk_health.h"
#include "hub/hub_req.h"
#include "proto/wire.h"

static char root[64];

static void put(const char *path, const char *text)
{
    char full[256], dir[320];
    snprintf(full, sizeof full, "%s%s", root, path);
    snprintf(dir, sizeof dir, "mkdir -p \"$(dirname '%s')\"", full);
    CHECK(system(dir) == 0);
    FILE *f = fopen(full, "w");
    CHECK(f != NULL);
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

static void measured(void)
{
    struct ly_kiosk_health h;
    char db[128];
    snprintf(root, sizeof root, "/tmp/lanyard-health.XXXXXX");
    CHECK(mkdtemp(root) != NULL);
    put("/proc/uptime", "86461.52 170000.10\n");
    put("/proc/meminfo", "MemTotal:        3969876 kB\nMemFree:          123456 kB\n"
                         "MemAvailable:    2097152 kB\nBuffers: 1 kB\n");
    put("/sys/class/thermal/thermal_zone0/temp", "48312\n");
    put("/sys/class/thermal/thermal_zone1/temp", "61500\n");
    put("/sys/class/thermal/thermal_zone2/temp", "garbage\n");
    snprintf(db, sizeof db, "%s/kiosk.db", root);
    put("/kiosk.db", "x");
    ly_kiosk_health_measure(root, db, &h);
    CHECK_INT(h.uptime_s, 86461);
    CHECK(h.temp_known);
    CHECK_INT(h.temp_mc, 61500); /* the hottest zone; the unreadable one is skipped */
    CHECK_INT(h.mem_total_mb, 3876);
    CHECK_INT(h.mem_avail_mb, 2048);
    CHECK(h.disk_total_mb > 0 && h.disk_free_mb <= h.disk_total_mb);
    CHECK_STR(h.printer, "none");
    CHECK_STR(h.version, LY_KIOSK_VERSION);

    /* A board without /proc, /sys or the database: zeros, no temperature. */
    ly_kiosk_health_measure("/nonexistent-root", "/nonexistent/kiosk.db", &h);
    CHECK(!h.temp_known);
    CHECK_INT(h.uptime_s, 0);
    CHECK_INT(h.mem_total_mb, 0);
    CHECK_INT(h.disk_total_mb, 0);
    char rm[96];
    snprintf(rm, sizeof rm, "rm -rf '%s'", root);
    CHECK(system(rm) == 0);
}

static const struct ly_kiosk_health sample = {
    .uptime_s = 3600,
    .temp_known = true,
    .temp_mc = 51234,
    .disk_free_mb = 20000,
    .disk_total_mb = 29000,
    .mem_avail_mb = 3100,
    .mem_total_mb = 3900,
    .camera_online = true,
    .camera_fps_x10 = 148,
    .printer = "none",
    .version = "0.1.0",
};

static const struct ly_checkin one = {.uuid = "7c9e6679-7425-40de-944b-e07fc1f90ae7",
                                      .seq = 1,
                                      .wall_ms = 1765180799000,
                                      .mono_ms = 5,
                                      .gate = "entrance",
                                      .attendee_id = 42,
                                      .code_kind = "badge",
                                      .decision = "granted",
                                      .place = "venue",
                                      .direction = 1};

static void through_the_wire(void)
{
    char *body = NULL, err[256];
    size_t len = 0;
    struct ly_req_batch b;
    CHECK(ly_wire_push_request("0f8fad5b-d9cb-469f-a165-70867728950e", 0, &one, 1, &sample, NULL,
                               &body, &len, err, sizeof err));
    CHECK(body && strstr(body, "\"health\":{\"uptime_s\":3600,") != NULL);
    CHECK_INT(ly_req_batch(body, len, &b, err, sizeof err), LY_REQ_OK);
    CHECK(b.has_health && b.health_error[0] == '\0');
    CHECK(memcmp(&b.health, &sample, sizeof sample) == 0);
    CHECK_INT(b.n, 1);
    ly_req_batch_free(&b);
    free(body);

    /* Without a report, and an empty batch that only carries one. */
    CHECK(ly_wire_push_request("0f8fad5b-d9cb-469f-a165-70867728950e", 0, &one, 1, NULL, NULL,
                               &body, &len, err, sizeof err));
    CHECK(strstr(body, "health") == NULL);
    CHECK_INT(ly_req_batch(body, len, &b, err, sizeof err), LY_REQ_OK);
    CHECK(!b.has_health && b.health_error[0] == '\0');
    ly_req_batch_free(&b);
    free(body);
    CHECK(ly_wire_push_request("0f8fad5b-d9cb-469f-a165-70867728950e", 0, NULL, 0, &sample, NULL,
                               &body, &len, err, sizeof err));
    CHECK_INT(ly_req_batch(body, len, &b, err, sizeof err), LY_REQ_OK);
    CHECK(b.has_health && b.n == 0);
    ly_req_batch_free(&b);
    free(body);
}

/* A batch whose health member is replaced by bad: the check-in still parses, the report is out
 * and health_error names what was wrong (want). */
static void refused(const char *bad, const char *want)
{
    char body[2048], err[256];
    struct ly_req_batch b;
    snprintf(body, sizeof body,
             "{\"kiosk_id\":\"0f8fad5b-d9cb-469f-a165-70867728950e\",\"queue\":0,\"checkins\":[{"
             "\"uuid\":\"7c9e6679-7425-40de-944b-e07fc1f90ae7\",\"seq\":1,\"wall_ms\":1,"
             "\"mono_ms\":1,\"gate\":\"entrance\",\"attendee_id\":42,\"code_kind\":\"badge\","
             "\"decision\":\"granted\",\"reason_code\":\"\",\"place\":\"venue\",\"direction\":1}],"
             "\"health\":%s}",
             bad);
    CHECK_INT(ly_req_batch(body, strlen(body), &b, err, sizeof err), LY_REQ_OK);
    CHECK(!b.has_health);
    CHECK_INT(b.n, 1);
    CHECK(b.n == 1 && b.results[0] == LY_ITEM_STORED);
    if (strstr(b.health_error, want) == NULL)
        fprintf(stderr, "health_error \"%s\" does not name \"%s\"\n", b.health_error, want);
    CHECK(strstr(b.health_error, want) != NULL);
    ly_req_batch_free(&b);
}

#define GOOD_REST                                                                                  \
    "\"disk_free_mb\":1,\"disk_total_mb\":2,\"mem_avail_mb\":1,\"mem_total_mb\":2,"                \
    "\"camera_online\":false,\"camera_fps_x10\":0,\"printer\":\"none\",\"version\":\"0.1.0\"}"

static void strict(void)
{
    refused("[]", "not an object");
    refused("{\"uptime_s\":1}", "temp_known");
    refused("{\"uptime_s\":1,\"temp_known\":true,\"temp_mc\":900000," GOOD_REST, "temp_mc");
    refused("{\"uptime_s\":-5,\"temp_known\":true,\"temp_mc\":1," GOOD_REST, "uptime_s");
    refused("{\"uptime_s\":1.5,\"temp_known\":true,\"temp_mc\":1," GOOD_REST, "uptime_s");
    refused("{\"uptime_s\":1,\"temp_known\":\"yes\",\"temp_mc\":1," GOOD_REST, "temp_known");
    refused("{\"uptime_s\":1,\"temp_known\":true,\"temp_mc\":1,\"disk_free_mb\":3,"
            "\"disk_total_mb\":2,\"mem_avail_mb\":1,\"mem_total_mb\":2,\"camera_online\":false,"
            "\"camera_fps_x10\":0,\"printer\":\"none\",\"version\":\"0.1.0\"}",
            "more free than there is");
    refused("{\"uptime_s\":1,\"temp_known\":true,\"temp_mc\":1,\"disk_free_mb\":1,"
            "\"disk_total_mb\":2,\"mem_avail_mb\":1,\"mem_total_mb\":2,\"camera_online\":false,"
            "\"camera_fps_x10\":0,\"printer\":\"none\",\"version\":\"0.1\\n0\"}",
            "printable");
    refused("{\"uptime_s\":1,\"temp_known\":true,\"temp_mc\":1,\"disk_free_mb\":1,"
            "\"disk_total_mb\":2,\"mem_avail_mb\":1,\"mem_total_mb\":2,\"camera_online\":false,"
            "\"camera_fps_x10\":0,\"printer\":\"a printer state much longer than allowed\","
            "\"version\":\"0.1.0\"}",
            "printer");
}

static void stored(void)
{
    char json[LY_HEALTH_JSON_MAX];
    struct ly_kiosk_health back;
    CHECK(ly_health_text(&sample, json, sizeof json));
    CHECK(ly_health_parse(json, &back));
    CHECK(memcmp(&back, &sample, sizeof back) == 0);
    CHECK(!ly_health_parse("", &back) && back.uptime_s == 0);
    CHECK(!ly_health_parse("{damaged", &back) && back.uptime_s == 0);
    char tiny[16];
    CHECK(!ly_health_text(&sample, tiny, sizeof tiny) && tiny[0] == '\0');
}

int main(void)
{
    RUN(measured);
    RUN(through_the_wire);
    RUN(strict);
    RUN(stored);
    return CHECK_DONE();
}
