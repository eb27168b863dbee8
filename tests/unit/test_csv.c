/* test_csv.c - the CSV reader: RFC 4180 quoting, line endings, BOM, delimiter detection, line
 * numbers of multi-line records, every error kind, resynchronisation and limits. */
#include <stdlib.h>
#include <string.h>

#include "../check.h"
#include "common/csv.h"
#include "common/ly_limits.h"

/* Reads all of data and describes it: "LINE[f1|f2]" per record, "LINE!" per bad record,
 * "LINE#" for a fatal error, separated by spaces. */
static char trace[8192];

static const char *run(const char *data, size_t len, char delim)
{
    struct ly_csv *c = ly_csv_new(data, len, delim);
    size_t n = 0;
    char err[256];
    trace[0] = '\0';
    for (;;) {
        enum ly_csv_status st = ly_csv_next(c, err, sizeof err);
        if (st == LY_CSV_END)
            break;
        int w;
        if (st == LY_CSV_RECORD) {
            w = snprintf(trace + n, sizeof trace - n, "%s%ld[", n ? " " : "", ly_csv_line(c));
            n += (size_t)w;
            for (size_t i = 0; i < ly_csv_count(c); i++) {
                w = snprintf(trace + n, sizeof trace - n, "%s%s", i ? "|" : "",
                             ly_csv_field(c, i, NULL));
                n += (size_t)w;
            }
            w = snprintf(trace + n, sizeof trace - n, "]");
        } else {
            CHECK(err[0] != '\0');
            w = snprintf(trace + n, sizeof trace - n, "%s%ld%s", n ? " " : "", ly_csv_line(c),
                         st == LY_CSV_BAD ? "!" : "#");
        }
        n += (size_t)w;
        if (n >= sizeof trace - 1)
            break;
    }
    ly_csv_free(c);
    return trace;
}

#define RUN_S(s) run((s), sizeof(s) - 1, 0)

static void test_simple(void)
{
    CHECK_STR(RUN_S("a,b,c\n1,2,3\n"), "1[a|b|c] 2[1|2|3]");
    CHECK_STR(RUN_S("a,b,c\n1,2,3"), "1[a|b|c] 2[1|2|3]"); /* no final newline */
    CHECK_STR(RUN_S("a,b\r\n1,2\r\n"), "1[a|b] 2[1|2]");
    CHECK_STR(RUN_S("a,b\r1,2\r"), "1[a|b] 2[1|2]"); /* old Mac line ends */
    CHECK_STR(RUN_S("a,,c\n,,\n"), "1[a||c] 2[||]");
    CHECK_STR(RUN_S("a\n\n\nb\n"), "1[a] 4[b]"); /* blank lines skipped, lines still counted */
    CHECK_STR(RUN_S(""), "");
    CHECK_STR(RUN_S("\n\r\n"), "");
}

static void test_quoting(void)
{
    CHECK_STR(RUN_S("\"a,b\",\"c\"\"d\",\"\"\n"), "1[a,b|c\"d|]");
    CHECK_STR(RUN_S("x,\"\"\"\"\n"), "1[x|\"]");
    CHECK_STR(RUN_S("\"a\nb\",c\nd,e\n"), "1[a\nb|c] 3[d|e]");
    CHECK_STR(RUN_S("h\n\"1\r\n2\r\n3\",x\r\nnext,y\r\n"), "1[h] 2[1\r\n2\r\n3|x] 5[next|y]");
    CHECK_STR(RUN_S("\"unicode \xC3\xA9\",\"\xE7\x8E\x8B\"\n"), "1[unicode \xC3\xA9|\xE7\x8E\x8B]");
}

static void test_bom(void)
{
    CHECK_STR(RUN_S("\xEF\xBB\xBFid,name\n1,x\n"), "1[id|name] 2[1|x]");
    CHECK_STR(RUN_S("\xEF\xBB\xBF"), "");
    CHECK_STR(RUN_S("\xEF\xBB\xBF\"id\";name\n"), "1[id|name]");
}

static void test_delimiters(void)
{
    struct ly_csv *c = ly_csv_new("a;b;c\n1;2,5;3\n", 14, 0);
    CHECK_INT(ly_csv_delimiter(c), ';');
    ly_csv_free(c);
    CHECK_STR(RUN_S("a;b;c\n1;2,5;3\n"), "1[a|b|c] 2[1|2,5|3]");
    CHECK_STR(RUN_S("a\tb\n1\t2,3\n"), "1[a|b] 2[1|2,3]");
    CHECK_STR(RUN_S("\"a;b\",c\n"), "1[a;b|c]"); /* quoted delimiters do not count */
    CHECK_STR(RUN_S("a,b;c;d\n"), "1[a,b|c|d]");
    c = ly_csv_new("name\n", 5, 0);
    CHECK_INT(ly_csv_delimiter(c), ',');
    ly_csv_free(c);
    CHECK_STR(run("a;b\n", 4, ','), "1[a;b]"); /* forced */
}

static void test_errors(void)
{
    char err[256];
    struct ly_csv *c = ly_csv_new("ab\"c,d\n", 7, 0);
    CHECK_INT(ly_csv_next(c, err, sizeof err), LY_CSV_BAD);
    CHECK(strstr(err, "quote inside an unquoted field") != NULL);
    CHECK_INT(ly_csv_next(c, err, sizeof err), LY_CSV_END);
    ly_csv_free(c);

    c = ly_csv_new("\"ab\"c,d\n", 8, 0);
    CHECK_INT(ly_csv_next(c, err, sizeof err), LY_CSV_BAD);
    CHECK(strstr(err, "after its closing quote") != NULL);
    ly_csv_free(c);

    c = ly_csv_new("a,\"b\nc\n", 7, 0);
    CHECK_INT(ly_csv_next(c, err, sizeof err), LY_CSV_FATAL);
    CHECK(strstr(err, "never closed") != NULL);
    CHECK_INT(ly_csv_line(c), 1);
    CHECK_INT(ly_csv_next(c, err, sizeof err), LY_CSV_END);
    ly_csv_free(c);

    c = ly_csv_new("a,b\0c\nd\n", 8, 0);
    CHECK_INT(ly_csv_next(c, err, sizeof err), LY_CSV_BAD);
    CHECK(strstr(err, "NUL") != NULL);
    CHECK_INT(ly_csv_next(c, err, sizeof err), LY_CSV_RECORD);
    CHECK_INT(ly_csv_line(c), 2);
    ly_csv_free(c);
}

/* Every bad row of a file is reported, each at its own line, and good rows between them are
 * read. An unterminated quote ends the file. */
static void test_resync(void)
{
    CHECK_STR(RUN_S("h1,h2\n"
                    "ok,1\n"
                    "b\"ad,2\n"
                    "ok,3\n"
                    "\"x\"y,4\n"
                    "\"multi\nline\",5\n"
                    "\"bad\nmulti\"z,6\n"
                    "ok,7\n"
                    "a,\"b\0\",8\n"
                    "ok,9\n"
                    "\"never closed,10\n"
                    "ok,11\n"),
              "1[h1|h2] 2[ok|1] 3! 4[ok|3] 5! 6[multi\nline|5] 8! 10[ok|7] 11! 12[ok|9] 13#");
}

static void test_field_limit(void)
{
    size_t n = LY_CSV_FIELD_MAX;
    char *data = malloc(2 * n + 64);
    size_t k = 0;
    memcpy(data + k, "a,b\n", 4);
    k += 4;
    memset(data + k, 'x', n); /* exactly the limit: fine */
    k += n;
    memcpy(data + k, ",1\n", 3);
    k += 3;
    data[k++] = '"';
    memset(data + k, 'y', n + 1); /* one over, quoted, spanning into the next line */
    k += n + 1;
    memcpy(data + k, "\n\",2\nok,3\n", 10);
    k += 10;
    struct ly_csv *c = ly_csv_new(data, k, 0);
    char err[256];
    size_t len;
    CHECK_INT(ly_csv_next(c, err, sizeof err), LY_CSV_RECORD);
    CHECK_INT(ly_csv_next(c, err, sizeof err), LY_CSV_RECORD);
    CHECK(strlen(ly_csv_field(c, 0, &len)) == n);
    CHECK_INT(len, n);
    CHECK_INT(ly_csv_next(c, err, sizeof err), LY_CSV_BAD);
    CHECK(strstr(err, "field 1 is longer than 4096 bytes") != NULL);
    CHECK_INT(ly_csv_line(c), 3);
    CHECK_INT(ly_csv_next(c, err, sizeof err), LY_CSV_RECORD); /* resumes after the record */
    CHECK_INT(ly_csv_line(c), 5);
    CHECK_STR(ly_csv_field(c, 0, NULL), "ok");
    ly_csv_free(c);
    free(data);
}

static void test_fields_limit(void)
{
    size_t cap = (2 * LY_CSV_FIELDS_MAX + 1) * 2 + 16;
    char *data = malloc(cap);
    size_t k = 0;
    for (int i = 0; i < LY_CSV_FIELDS_MAX; i++) {
        data[k++] = 'f';
        data[k++] = i + 1 < LY_CSV_FIELDS_MAX ? ',' : '\n';
    }
    for (int i = 0; i <= LY_CSV_FIELDS_MAX; i++) { /* one too many */
        data[k++] = 'g';
        data[k++] = i < LY_CSV_FIELDS_MAX ? ',' : '\n';
    }
    memcpy(data + k, "z\n", 2);
    k += 2;
    struct ly_csv *c = ly_csv_new(data, k, 0);
    char err[256];
    CHECK_INT(ly_csv_next(c, err, sizeof err), LY_CSV_RECORD);
    CHECK_INT(ly_csv_count(c), LY_CSV_FIELDS_MAX);
    CHECK_INT(ly_csv_next(c, err, sizeof err), LY_CSV_BAD);
    CHECK(strstr(err, "more than 512 fields") != NULL);
    CHECK_INT(ly_csv_next(c, err, sizeof err), LY_CSV_RECORD);
    CHECK_INT(ly_csv_line(c), 3);
    ly_csv_free(c);
    free(data);
}

static void test_rows_limit(void)
{
    size_t rows = (size_t)LY_CSV_ROWS_MAX + 2; /* header + max + one more */
    char *data = malloc(rows * 2);
    for (size_t i = 0; i < rows; i++) {
        data[2 * i] = 'r';
        data[2 * i + 1] = '\n';
    }
    struct ly_csv *c = ly_csv_new(data, rows * 2, 0);
    char err[256];
    size_t records = 0;
    enum ly_csv_status st;
    while ((st = ly_csv_next(c, err, sizeof err)) == LY_CSV_RECORD)
        records++;
    CHECK_INT(records, (size_t)LY_CSV_ROWS_MAX + 1);
    CHECK_INT(st, LY_CSV_FATAL);
    CHECK(strstr(err, "more than 1000000 rows") != NULL);
    CHECK_INT(ly_csv_line(c), (long)rows);
    ly_csv_free(c);
    free(data);
}

static void test_field_access(void)
{
    struct ly_csv *c = ly_csv_new("a,b\n", 4, 0);
    char err[64];
    size_t len = 7;
    CHECK_INT(ly_csv_next(c, err, sizeof err), LY_CSV_RECORD);
    CHECK_STR(ly_csv_field(c, 5, &len), ""); /* past the end: empty */
    CHECK_INT(len, 0);
    CHECK_INT(ly_csv_next(c, err, sizeof err), LY_CSV_END);
    CHECK_INT(ly_csv_next(c, err, sizeof err), LY_CSV_END);
    CHECK_INT(ly_csv_count(c), 0);
    ly_csv_free(c);
    ly_csv_free(NULL);
}

int main(void)
{
    RUN(test_simple);
    RUN(test_quoting);
    RUN(test_bom);
    RUN(test_delimiters);
    RUN(test_errors);
    RUN(test_resync);
    RUN(test_field_limit);
    RUN(test_fields_limit);
    RUN(test_rows_limit);
    RUN(test_field_access);
    return CHECK_DONE();
}
