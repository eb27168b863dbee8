/* fuzz_change.c - libFuzzer harness for the kiosk's reader of a changes page (change_json.h)
 * and of the counts JSON (`lanyard counts --hub`): any bytes. Every change the reader accepts
 * is written back with the hub's writer and read again: the second writing must equal the
 * first (what one side writes, the other reads the same). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proto/change_json.h"
#include "counts/counts.h"
#include "common/jsonr.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *write_change(const struct ly_change *c, size_t *n)
{
    char *buf = NULL;
    FILE *f = open_memstream(&buf, n);
    if (f == NULL)
        abort();
    ly_change_json(f, c);
    fclose(f);
    return buf;
}

static void round_trip(const struct ly_jsonr_val *v)
{
    struct ly_change_data d, e;
    bool known;
    char err[256] = "";
    if (!ly_change_parse(v, &d, &known, err, sizeof err)) {
        if (err[0] == '\0')
            abort();
        return;
    }
    if (!known)
        return;
    size_t n1, n2;
    char *t1 = write_change(&d.c, &n1);
    ly_change_data_free(&d);
    struct ly_jsonr *doc = ly_jsonr_parse(t1, n1, err, sizeof err);
    if (doc == NULL || !ly_change_parse(ly_jsonr_root(doc), &e, &known, err, sizeof err) || !known)
        abort();
    char *t2 = write_change(&e.c, &n2);
    if (n1 != n2 || memcmp(t1, t2, n1) != 0)
        abort();
    ly_change_data_free(&e);
    ly_jsonr_free(doc);
    free(t1);
    free(t2);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ly_jsonr *doc = ly_jsonr_parse((const char *)data, size, NULL, 0);
    if (doc) {
        const struct ly_jsonr_val *list = ly_jsonr_get(ly_jsonr_root(doc), "changes");
        for (const struct ly_jsonr_val *m = ly_jsonr_first(list); m; m = ly_jsonr_next(m))
            round_trip(m);
        ly_jsonr_free(doc);
    }
    struct ly_counts *c;
    char err[128];
    if (ly_counts_parse((const char *)data, size, &c, err, sizeof err)) {
        char *buf = NULL;
        size_t n;
        FILE *f = open_memstream(&buf, &n);
        ly_counts_json(f, c);
        fclose(f);
        struct ly_counts *again;
        if (!ly_counts_parse(buf, n, &again, err, sizeof err) ||
            again->onsite_unique != c->onsite_unique || again->nplaces != c->nplaces)
            abort();
        ly_counts_free(again);
        ly_counts_free(c);
        free(buf);
    }
    return 0;
}
