/* dashboard.c - finding the dashboard's embedded files. See dashboard.h. */
#include "hub/dashboard.h"

#include <string.h>

#include "event/country.h"
#include "common/json.h"
#include "event/vocab.h"

const struct ly_dash_blob *ly_dash_find(const char *rest)
{
    const char *name = rest[0] ? rest : "index.html";
    for (size_t i = 0; i < ly_dash_nblobs; i++)
        if (strcmp(ly_dash_blobs[i].name, name) == 0)
            return &ly_dash_blobs[i];
    return NULL;
}

const char *ly_dash_type(const char *name)
{
    static const struct {
        const char *ext, *type;
    } types[] = {
        {".html", "text/html; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".svg", "image/svg+xml"},
    };
    const char *dot = strrchr(name, '.');
    for (size_t i = 0; dot && i < sizeof types / sizeof types[0]; i++)
        if (strcmp(dot, types[i].ext) == 0)
            return types[i].type;
    return "application/octet-stream";
}

bool ly_dash_not_modified(const char *if_none_match, const char *etag)
{
    if (if_none_match == NULL)
        return false;
    size_t n = strlen(etag);
    for (const char *p = if_none_match; *p;) {
        while (*p == ' ' || *p == '\t' || *p == ',')
            p++;
        if (*p == '*')
            return true;
        if (strncmp(p, "W/", 2) == 0) /* a weak comparison is what If-None-Match asks for */
            p += 2;
        if (strncmp(p, etag, n) == 0 && (p[n] == '\0' || p[n] == ',' || p[n] == ' '))
            return true;
        while (*p && *p != ',')
            p++;
    }
    return false;
}

static void vocab_json(FILE *f, const char *name, enum ly_vocab_kind kind)
{
    size_t n;
    const struct ly_vocab_entry *v = ly_vocab_list(kind, &n);
    int first = 1;
    ly_json_str(f, name);
    fputs(":{", f);
    for (size_t i = 0; i < n; i++)
        ly_json_kv_str(f, &first, v[i].id, v[i].label);
    fputc('}', f);
}

void ly_dash_labels_json(FILE *f)
{
    size_t n;
    const struct ly_country *c = ly_country_list(&n);
    int first = 1;
    fputc('{', f);
    vocab_json(f, "stakeholder", LY_VOCAB_STAKEHOLDER);
    fputc(',', f);
    vocab_json(f, "region", LY_VOCAB_REGION);
    fputc(',', f);
    vocab_json(f, "session_type", LY_VOCAB_SESSION_TYPE);
    fputs(",\"country\":{", f);
    for (size_t i = 0; i < n; i++)
        ly_json_kv_str(f, &first, c[i].alpha2, c[i].name);
    ly_json_kv_str(f, &first, LY_COUNTRY_NOT_STATED, LY_COUNTRY_NOT_STATED_LABEL);
    fputs("}}\n", f);
}
