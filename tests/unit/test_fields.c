/* test_fields.c - field tables (common/fields.h) and what reads and writes structs by them: the
 * member accessors, the JSON writer (json.h), the strict and the lenient JSON reader (jsonr.h)
 * and the row reader (store/store_row.h), on one struct with a member of every type. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "../check.h"
#include "common/json.h"
#include "common/jsonr.h"
#include "store/store_row.h"

struct sample {
    char name[8];
    int64_t big;
    int small;
    uint32_t id;
    uint16_t version;
    bool on;
};

static const struct ly_field sample_fields[] = {
    LY_FIELD(struct sample, name),
    LY_FIELD(struct sample, big),
    LY_FIELD_RANGE(struct sample, small, -5, 5),
    LY_FIELD_KEY(struct sample, id, "sample_id"),
    LY_FIELD(struct sample, version),
    LY_FIELD(struct sample, on),
    LY_FIELD_END,
};

#define SAMPLE_JSON                                                                                \
    "{\"name\":\"a\\\"b\",\"big\":-9000000000,\"small\":-5,\"sample_id\":4294967295,"              \
    "\"version\":65535,\"on\":true}"

static const struct sample sample = {"a\"b", -9000000000LL, -5, UINT32_MAX, UINT16_MAX, true};

/* What write(f, arg) writes, as a string to free. */
static char *written(void (*write)(FILE *f, const void *arg), const void *arg)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    if (f == NULL)
        abort();
    write(f, arg);
    fclose(f);
    return buf;
}

static void write_object(FILE *f, const void *obj)
{
    int first = 1;
    fputc('{', f);
    ly_json_fields(f, &first, sample_fields, obj);
    fputc('}', f);
}

static const struct ly_field *field(const char *name)
{
    for (const struct ly_field *f = sample_fields; f->name != NULL; f++)
        if (strcmp(f->name, name) == 0)
            return f;
    abort();
}

static void test_table_rows(void)
{
    CHECK_INT(field("name")->type, LY_FIELD_TEXT);
    CHECK_INT(field("name")->size, 8);
    CHECK_INT(field("big")->type, LY_FIELD_I64);
    CHECK_INT(field("small")->type, LY_FIELD_INT);
    CHECK_INT(field("sample_id")->type, LY_FIELD_U32);
    CHECK_INT(field("sample_id")->offset, offsetof(struct sample, id));
    CHECK_INT(field("version")->type, LY_FIELD_U16);
    CHECK_INT(field("on")->type, LY_FIELD_BOOL);
}

static void test_accessors(void)
{
    struct sample s = {0};
    ly_field_set_int(field("big"), &s, INT64_MIN);
    ly_field_set_int(field("small"), &s, -3);
    ly_field_set_int(field("sample_id"), &s, UINT32_MAX);
    ly_field_set_int(field("version"), &s, 7);
    ly_field_set_int(field("on"), &s, 42); /* any non-zero is true */
    ly_field_set_text(field("name"), &s, "longer than eight");
    CHECK(s.big == INT64_MIN && s.small == -3 && s.id == UINT32_MAX && s.version == 7 && s.on);
    CHECK_STR(s.name, "longer "); /* cut to fit, NUL-terminated */
    CHECK_STR(ly_field_text(field("name"), &s), "longer ");
    CHECK(ly_field_int(field("big"), &s) == INT64_MIN);
    CHECK_INT(ly_field_int(field("sample_id"), &s), UINT32_MAX);
    CHECK_INT(ly_field_int(field("on"), &s), 1);
    int64_t lo, hi;
    ly_field_range(field("small"), &lo, &hi); /* its own range */
    CHECK(lo == -5 && hi == 5);
    ly_field_range(field("sample_id"), &lo, &hi); /* the type's */
    CHECK(lo == 0 && hi == UINT32_MAX);
    ly_field_range(field("version"), &lo, &hi);
    CHECK(lo == 0 && hi == UINT16_MAX);
    ly_field_range(field("big"), &lo, &hi);
    CHECK(lo == INT64_MIN && hi == INT64_MAX);
}

static void test_write(void)
{
    char *s = written(write_object, &sample);
    CHECK_STR(s, SAMPLE_JSON);
    free(s);
}

static void write_array(FILE *f, const void *arg)
{
    (void)arg;
    struct sample two[2] = {sample, {"x", 1, 2, 3, 4, false}};
    int first = 0; /* after another member: a comma first */
    ly_json_kv_objects(f, &first, "list", sample_fields, two, 2, sizeof two[0]);
    first = 1;
    ly_json_kv_objects(f, &first, "none", sample_fields, two, 0, sizeof two[0]);
}

static void test_write_objects(void)
{
    char *s = written(write_array, NULL);
    CHECK_STR(s, ",\"list\":[" SAMPLE_JSON ",{\"name\":\"x\",\"big\":1,\"small\":2,\"sample_id\":3,"
                 "\"version\":4,\"on\":false}]\"none\":[]");
    free(s);
}

static struct ly_jsonr *parse(const char *s)
{
    char err[200];
    struct ly_jsonr *d = ly_jsonr_parse(s, strlen(s), err, sizeof err);
    if (d == NULL)
        fprintf(stderr, "%s: %s\n", s, err);
    return d;
}

/* Whether the strict reader refuses text with an error that is exactly want. */
static bool strict_refuses(const char *text, const char *want)
{
    struct ly_jsonr *d = parse(text);
    struct sample s;
    char err[200] = "";
    bool ok = d && !ly_jsonr_fields(ly_jsonr_root(d), sample_fields, &s, err, sizeof err);
    if (ok && strcmp(err, want) != 0) {
        fprintf(stderr, "error \"%s\", expected \"%s\"\n", err, want);
        ok = false;
    }
    ly_jsonr_free(d);
    return ok;
}

static void test_read_strict(void)
{
    struct ly_jsonr *d = parse(SAMPLE_JSON);
    struct sample s;
    char err[200] = "";
    memset(&s, 0xff, sizeof s);
    CHECK(d && ly_jsonr_fields(ly_jsonr_root(d), sample_fields, &s, err, sizeof err));
    CHECK_STR(s.name, "a\"b");
    CHECK(s.big == -9000000000LL && s.small == -5 && s.id == UINT32_MAX &&
          s.version == UINT16_MAX && s.on);
    ly_jsonr_free(d);
    /* each member must be there, fit and be in range; the first that is not is named */
    CHECK(strict_refuses("{}", "name: not a string of at most 7 bytes"));
    CHECK(strict_refuses("{\"name\":\"12345678\"}", "name: not a string of at most 7 bytes"));
    CHECK(strict_refuses("{\"name\":\"\",\"big\":\"1\"}",
                         "big: not an integer from -9223372036854775808 to 9223372036854775807"));
    CHECK(strict_refuses("{\"name\":\"\",\"big\":1,\"small\":6}",
                         "small: not an integer from -5 to 5"));
    CHECK(strict_refuses("{\"name\":\"\",\"big\":1,\"small\":0,\"sample_id\":4294967296}",
                         "sample_id: not an integer from 0 to 4294967295"));
    CHECK(strict_refuses("{\"name\":\"\",\"big\":1,\"small\":0,\"sample_id\":1,\"version\":-1}",
                         "version: not an integer from 0 to 65535"));
    CHECK(strict_refuses("{\"name\":\"\",\"big\":1,\"small\":0,\"sample_id\":1,\"version\":1,"
                         "\"on\":1}",
                         "on: not true or false"));
}

static void test_read_lenient(void)
{
    struct ly_jsonr *d = parse("{\"name\":\"far too long\",\"big\":1.5,\"small\":9,"
                               "\"sample_id\":7,\"on\":\"yes\",\"extra\":1}");
    struct sample s;
    memset(&s, 0xff, sizeof s);
    CHECK(d != NULL);
    ly_jsonr_fields_lenient(ly_jsonr_root(d), sample_fields, &s);
    CHECK_STR(s.name, "far too"); /* cut */
    CHECK_INT(s.big, 0);          /* not an integer */
    CHECK_INT(s.small, 0);        /* out of its range */
    CHECK_INT(s.id, 7);
    CHECK_INT(s.version, 0); /* missing */
    CHECK(!s.on);            /* not a boolean */
    ly_jsonr_free(d);
    /* a cut never splits a UTF-8 character: 7 bytes would end inside the first "о" */
    d = parse("{\"name\":\"far to\xd0\xbe\xd0\xbe\"}");
    ly_jsonr_fields_lenient(ly_jsonr_root(d), sample_fields, &s);
    CHECK_STR(s.name, "far to"); /* not "far to\xd0" */
    ly_jsonr_free(d);
    /* what the writer writes, the lenient reader reads the same */
    char *text = written(write_object, &sample);
    d = parse(text);
    memset(&s, 0, sizeof s);
    ly_jsonr_fields_lenient(ly_jsonr_root(d), sample_fields, &s);
    CHECK_STR(s.name, sample.name);
    CHECK(s.big == sample.big && s.small == sample.small && s.id == sample.id &&
          s.version == sample.version && s.on == sample.on);
    ly_jsonr_free(d);
    free(text);
}

/* A row of made-up columns: numbers and texts by index. */
struct fake_row {
    int64_t num[8];
    const char *text[8];
};

static int64_t fake_num(void *impl, int col)
{
    return ((struct fake_row *)impl)->num[col];
}

static const char *fake_text(void *impl, int col)
{
    return ((struct fake_row *)impl)->text[col];
}

static bool fake_blob(void *impl, int col, uint8_t *out, size_t len)
{
    (void)impl, (void)col, (void)out, (void)len;
    return false;
}

static const struct ly_row_ops fake_ops = {fake_num, fake_text, fake_blob};

static void test_row(void)
{
    /* column 0 is skipped; a SQL NULL text reads as "", a boolean is any non-zero */
    struct fake_row fr = {{0, 0, -9, -4, 4294967295LL, 65535, 2, 99},
                          {"skip", "0123456789", NULL, NULL, NULL, NULL, NULL, NULL}};
    struct ly_row r = {&fake_ops, &fr};
    struct sample s;
    memset(&s, 0xff, sizeof s);
    CHECK_INT(ly_row_fields(&r, 1, sample_fields, &s), 7);
    CHECK_STR(s.name, "0123456");
    CHECK(s.big == -9 && s.small == -4 && s.id == UINT32_MAX && s.version == UINT16_MAX && s.on);
    fr.text[1] = NULL;
    fr.num[6] = 0;
    CHECK_INT(ly_row_fields(&r, 1, sample_fields, &s), 7);
    CHECK_STR(s.name, "");
    CHECK(!s.on);
}

int main(void)
{
    RUN(test_table_rows);
    RUN(test_accessors);
    RUN(test_write);
    RUN(test_write_objects);
    RUN(test_read_strict);
    RUN(test_read_lenient);
    RUN(test_row);
    return CHECK_DONE();
}
