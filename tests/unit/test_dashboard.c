/* test_dashboard.c - the dashboard's files as compiled into the hub: every file the page names
 * is there with its type and a validator, nothing reaches outside the hub (no other origin, no
 * inline script or style for the Content-Security-Policy to refuse), If-None-Match matching,
 * the labels from vocab.h and country.h, and the counts' event-local fields the page reads. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check.h"
#include "counts/counts.h"
#include "event/country.h"
#include "hub/dashboard.h"
#include "common/jsonr.h"
#include "event/vocab.h"

static const char *text_of(const char *name)
{
    const struct ly_dash_blob *b = ly_dash_find(name);
    return b ? (const char *)b->data : "";
}

static void files(void)
{
    const struct ly_dash_blob *index = ly_dash_find("");
    CHECK(index != NULL && strcmp(index->name, "index.html") == 0);
    CHECK(ly_dash_find("index.html") == index);
    CHECK(ly_dash_find("dashboard.js") != NULL && ly_dash_find("dashboard.css") != NULL);
    CHECK(ly_dash_find("icon.svg") != NULL);
    CHECK(ly_dash_find("nope.js") == NULL);
    CHECK(ly_dash_find("index.html/") == NULL);
    CHECK(ly_dash_find("../index.html") == NULL);
    CHECK(ly_dash_find("INDEX.HTML") == NULL);
    CHECK(ly_dash_find(LY_DASH_LABELS) == NULL); /* written at each request, not embedded */
    CHECK(ly_dash_find("board.html") != NULL && ly_dash_find("board.js") != NULL &&
          ly_dash_find("board.css") != NULL); /* the public room board */
    CHECK(ly_dash_nblobs == 7);
    for (size_t i = 0; i < ly_dash_nblobs; i++) {
        const struct ly_dash_blob *b = &ly_dash_blobs[i];
        CHECK(b->size > 100 && b->data[b->size] == '\0' &&
              strlen((const char *)b->data) == b->size);
        CHECK(strcmp(ly_dash_type(b->name), "application/octet-stream") != 0);
        CHECK(strlen(b->etag) == 18 && b->etag[0] == '"' && b->etag[17] == '"' &&
              strspn(b->etag + 1, "0123456789abcdef") == 16);
        for (size_t j = 0; j < i; j++)
            CHECK(strcmp(ly_dash_blobs[j].etag, b->etag) != 0);
    }
    CHECK_STR(ly_dash_type("a.html"), "text/html; charset=utf-8");
    CHECK_STR(ly_dash_type("a.js"), "text/javascript; charset=utf-8");
    CHECK_STR(ly_dash_type("a.css"), "text/css; charset=utf-8");
    CHECK_STR(ly_dash_type("a.svg"), "image/svg+xml");
    CHECK_STR(ly_dash_type("js"), "application/octet-stream");
}

/* Every /dashboard/ path the page names is an embedded file; scripts have a src; nothing is
 * styled inline; and no file names another origin (the venue may have no internet). */
static void page_refs(const char *page)
{
    const char *html = text_of(page);
    int refs = 0;
    for (const char *p = html; (p = strstr(p, "\"/dashboard/")) != NULL; p++) {
        char name[64];
        size_t n = strcspn(p + 12, "\"");
        CHECK(n > 0 && n < sizeof name);
        if (n == 0 || n >= sizeof name)
            continue;
        memcpy(name, p + 12, n);
        name[n] = '\0';
        CHECK(ly_dash_find(name) != NULL);
        refs++;
    }
    CHECK_INT(refs, 3); /* icon, style sheet, script */
    for (const char *p = html; (p = strstr(p, "<script")) != NULL; p++) {
        const char *end = strchr(p, '>');
        CHECK(end != NULL && strstr(p, " src=") != NULL && strstr(p, " src=") < end &&
              strncmp(end, "></script>", 10) == 0);
    }
    CHECK(strstr(html, "style=") == NULL && strstr(html, "<style") == NULL);
    for (const char *p = html; (p = strstr(p, " on")) != NULL; p++) { /* onclick= and the like */
        const char *q = p + 3;
        while (*q >= 'a' && *q <= 'z')
            q++;
        CHECK(q == p + 3 || *q != '=');
    }
}

static void page_references(void)
{
    page_refs("index.html");
    page_refs("board.html");
    for (size_t i = 0; i < ly_dash_nblobs; i++) {
        const char *t = (const char *)ly_dash_blobs[i].data;
        for (const char *p = t; (p = strstr(p, "//")) != NULL; p += 2) {
            bool url = p > t && p[-1] == ':';
            /* the one absolute URL: the SVG namespace, a name rather than a place */
            CHECK(!url || strncmp(p - 5, "http://www.w3.org/2000/svg", 26) == 0);
        }
        CHECK(strstr(t, "@import") == NULL && strstr(t, "url(") == NULL);
    }
    const char *js = text_of("dashboard.js");
    CHECK(strstr(js, "eval(") == NULL && strstr(js, "innerHTML") == NULL);
    CHECK(strstr(js, "'/api/v1/'") != NULL && strstr(js, "counts/stream") != NULL);
    /* The board reads its own endpoint only, and never holds a token. */
    const char *board = text_of("board.js");
    CHECK(strstr(board, "eval(") == NULL && strstr(board, "innerHTML") == NULL);
    CHECK(strstr(board, "'/api/v1/board'") != NULL && strstr(board, "/api/v1/counts") == NULL);
    CHECK(strstr(board, "Authorization") == NULL && strstr(board, "Bearer") == NULL &&
          strstr(board, "sessionStorage") == NULL);
}

static void not_modified(void)
{
    const char *tag = "\"0123456789abcdef\"";
    CHECK(!ly_dash_not_modified(NULL, tag));
    CHECK(!ly_dash_not_modified("", tag));
    CHECK(ly_dash_not_modified("\"0123456789abcdef\"", tag));
    CHECK(ly_dash_not_modified("W/\"0123456789abcdef\"", tag));
    CHECK(ly_dash_not_modified("\"x\", \"0123456789abcdef\"", tag));
    CHECK(ly_dash_not_modified("\"x\",W/\"0123456789abcdef\" , \"y\"", tag));
    CHECK(ly_dash_not_modified("*", tag));
    CHECK(!ly_dash_not_modified("\"0123456789abcdef0\"", tag));
    CHECK(!ly_dash_not_modified("\"0123456789abcde\"", tag));
    CHECK(!ly_dash_not_modified("0123456789abcdef", tag));
    CHECK(!ly_dash_not_modified(",,, ,", tag));
    CHECK(!ly_dash_not_modified("W/", tag));
}

static void labels(void)
{
    char *buf = NULL, err[128];
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    CHECK(f != NULL);
    if (f == NULL)
        return;
    ly_dash_labels_json(f);
    fclose(f);
    struct ly_jsonr *doc = ly_jsonr_parse(buf, n, err, sizeof err);
    CHECK(doc != NULL);
    if (doc) {
        const struct ly_jsonr_val *r = ly_jsonr_root(doc);
        static const struct {
            const char *key;
            enum ly_vocab_kind kind;
        } kinds[] = {{"stakeholder", LY_VOCAB_STAKEHOLDER},
                     {"region", LY_VOCAB_REGION},
                     {"session_type", LY_VOCAB_SESSION_TYPE}};
        for (size_t k = 0; k < 3; k++) {
            size_t nv;
            const struct ly_vocab_entry *v = ly_vocab_list(kinds[k].kind, &nv);
            const struct ly_jsonr_val *o = ly_jsonr_get(r, kinds[k].key);
            CHECK(ly_jsonr_len(o) == nv);
            for (size_t i = 0; i < nv; i++)
                CHECK_STR(ly_jsonr_get_str(o, v[i].id, 200), v[i].label);
        }
        size_t nc;
        const struct ly_country *c = ly_country_list(&nc);
        const struct ly_jsonr_val *countries = ly_jsonr_get(r, "country");
        CHECK(ly_jsonr_len(countries) == nc + 1); /* and "not stated" */
        CHECK_STR(ly_jsonr_get_str(countries, "NO", 200), "Norway");
        CHECK_STR(ly_jsonr_get_str(countries, "ZZ", 200), "Not stated");
        CHECK_STR(ly_jsonr_get_str(ly_jsonr_get(r, "region"), "not_stated", 200), "Not stated");
        CHECK_STR(ly_jsonr_get_str(countries, c[nc - 1].alpha2, 200), c[nc - 1].name);
        CHECK_STR(ly_jsonr_get_str(ly_jsonr_get(r, "region"), "african", 200), "African Group");
        ly_jsonr_free(doc);
    }
    free(buf);
}

/* The page shows "onsite today" and times in the event's zone: the counts say which local day
 * it is there and the zone's offset, and keep them through `lanyard counts --hub`. */
static void counts_local_time(void)
{
    struct ly_counts *c = calloc(1, sizeof *c), *back = NULL;
    CHECK(c != NULL);
    if (c == NULL)
        return;
    setenv("TZ", "Asia/Kolkata", 1);
    tzset();
    c->generated_ms = 1796153400000; /* 2026-12-01T19:30:00Z: 01:00 the next day in Kolkata */
    c->onsite_unique = 3;
    snprintf(c->event_name, sizeof c->event_name, "Forum \"2026\"");
    ly_counts_local_time(c);
    CHECK_STR(c->today, "2026-12-02");
    CHECK_INT(c->utc_offset_min, 330);
    setenv("TZ", "America/Sao_Paulo", 1);
    tzset();
    ly_counts_local_time(c);
    CHECK_STR(c->today, "2026-12-01");
    CHECK_INT(c->utc_offset_min, -180);

    char *buf = NULL, err[128];
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    CHECK(f != NULL);
    if (f == NULL) {
        ly_counts_free(c);
        return;
    }
    ly_counts_json(f, c);
    fclose(f);
    CHECK(strstr(buf, ",\"event\":\"Forum \\\"2026\\\"\",\"today\":\"2026-12-01\","
                      "\"utc_offset_min\":-180,\"conflicts\":0}") != NULL);
    CHECK(ly_counts_parse(buf, n, &back, err, sizeof err));
    if (back) {
        CHECK_STR(back->event_name, c->event_name);
        CHECK_STR(back->today, "2026-12-01");
        CHECK_INT(back->utc_offset_min, -180);
    }
    ly_counts_free(back);
    ly_counts_free(c);
    free(buf);
    setenv("TZ", "UTC", 1);
    tzset();
}

/* A denial reason longer than its member, read back from a hub's counts, is cut before the
 * character the end would split, as every text the lenient reader cuts: cut inside one, the
 * counts were written back out as invalid UTF-8 and could not be read again (fuzz_change). */
static void counts_reason_cut(void)
{
    char body[256], reason[40], *buf = NULL, err[128];
    memset(reason, 'a', 30);
    memcpy(reason + 30, "\xc3\xa9x", 4); /* 30 bytes, then U+00E9 over bytes 31 and 32 */
    snprintf(body, sizeof body,
             "{\"onsite_unique\":1,\"kiosks\":[{\"name\":\"k\",\"denied\":{\"%s\":2}}]}", reason);
    struct ly_counts *c = NULL, *back = NULL;
    CHECK(ly_counts_parse(body, strlen(body), &c, err, sizeof err));
    if (c == NULL)
        return;
    CHECK_INT(c->nkiosks, 1);
    if (c->nkiosks != 1) {
        ly_counts_free(c);
        return;
    }
    CHECK_INT(c->kiosks[0].ndenied, 1);
    CHECK_STR(c->kiosks[0].denied[0].reason, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    CHECK_INT(c->kiosks[0].denied[0].n, 2);
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    CHECK(f != NULL);
    if (f != NULL) {
        ly_counts_json(f, c);
        fclose(f);
        CHECK(ly_counts_parse(buf, n, &back, err, sizeof err));
        if (back)
            CHECK_STR(back->kiosks[0].denied[0].reason, c->kiosks[0].denied[0].reason);
    }
    ly_counts_free(back);
    ly_counts_free(c);
    free(buf);
}

int main(void)
{
    RUN(files);
    RUN(page_references);
    RUN(not_modified);
    RUN(labels);
    RUN(counts_local_time);
    RUN(counts_reason_cut);
    return CHECK_DONE();
}
