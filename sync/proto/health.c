/* health.c - the kiosk health object. See health.h. */
#include "proto/health.h"

#include <string.h>

#include "common/fail.h"
#include "common/json.h"

#define TEN_YEARS_S (10LL * 366 * 24 * 3600)
#define PB          (1LL << 30) /* MiB in a pebibyte: no kiosk disk is larger */

const struct ly_field ly_kiosk_health_fields[] = {
    LY_FIELD_RANGE(struct ly_kiosk_health, uptime_s, 0, TEN_YEARS_S),
    LY_FIELD(struct ly_kiosk_health, temp_known),
    LY_FIELD_RANGE(struct ly_kiosk_health, temp_mc, -100000, 200000),
    LY_FIELD_RANGE(struct ly_kiosk_health, disk_free_mb, 0, PB),
    LY_FIELD_RANGE(struct ly_kiosk_health, disk_total_mb, 0, PB),
    LY_FIELD_RANGE(struct ly_kiosk_health, mem_avail_mb, 0, PB),
    LY_FIELD_RANGE(struct ly_kiosk_health, mem_total_mb, 0, PB),
    LY_FIELD(struct ly_kiosk_health, camera_online),
    LY_FIELD_RANGE(struct ly_kiosk_health, camera_fps_x10, 0, 10000),
    LY_FIELD(struct ly_kiosk_health, printer),
    LY_FIELD(struct ly_kiosk_health, version),
    LY_FIELD_END,
};

void ly_health_json(FILE *f, int *first, const char *key, const struct ly_kiosk_health *h)
{
    int inner = 1;
    if (!*first)
        fputc(',', f);
    *first = 0;
    ly_json_str(f, key);
    fputs(":{", f);
    ly_json_fields(f, &inner, ly_kiosk_health_fields, h);
    fputc('}', f);
}

static bool printable(const char *s)
{
    for (; *s; s++) {
        if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e)
            return false;
    }
    return true;
}

bool ly_health_read(const struct ly_jsonr_val *v, struct ly_kiosk_health *out, char *err,
                    size_t errsz)
{
    char why[160];
    memset(out, 0, sizeof *out);
    if (ly_jsonr_type(v) != LY_JSONR_OBJECT)
        return ly_fail(err, errsz, "health is not an object");
    if (!ly_jsonr_fields(v, ly_kiosk_health_fields, out, why, sizeof why))
        return ly_fail(err, errsz, "health: %s", why);
    if (!printable(out->printer) || !printable(out->version))
        return ly_fail(err, errsz, "health: printer and version are printable ASCII");
    if (out->disk_free_mb > out->disk_total_mb || out->mem_avail_mb > out->mem_total_mb)
        return ly_fail(err, errsz, "health: more free than there is");
    return true;
}

bool ly_health_text(const struct ly_kiosk_health *h, char *buf, size_t bufsz)
{
    FILE *f = fmemopen(buf, bufsz, "w");
    int first = 1;
    if (f == NULL)
        return false;
    fputc('{', f);
    ly_json_fields(f, &first, ly_kiosk_health_fields, h);
    fputc('}', f);
    bool ok = fflush(f) == 0 && !ferror(f) && ftell(f) < (long)bufsz;
    fclose(f);
    if (!ok && bufsz)
        buf[0] = '\0';
    return ok;
}

bool ly_health_parse(const char *text, struct ly_kiosk_health *out)
{
    memset(out, 0, sizeof *out);
    if (text == NULL || text[0] == '\0')
        return false;
    struct ly_jsonr *doc = ly_jsonr_parse(text, strlen(text), NULL, 0);
    const struct ly_jsonr_val *root = doc ? ly_jsonr_root(doc) : NULL;
    bool found = ly_jsonr_type(root) == LY_JSONR_OBJECT;
    if (found)
        ly_jsonr_fields_lenient(root, ly_kiosk_health_fields, out);
    ly_jsonr_free(doc);
    return found;
}
