/* test_num.c - checked number and date parsing, vocabularies and the JSON writer. */
#include <stdio.h>
#include <stdlib.h>

#include "check.h"
#include "common/json.h"
#include "common/num.h"
#include "event/vocab.h"

static void integers(void)
{
    int64_t v;
    CHECK(ly_num_int("0", 0, 10, &v) && v == 0);
    CHECK(ly_num_int("-5", -10, 10, &v) && v == -5);
    CHECK(ly_num_int("9223372036854775807", INT64_MIN, INT64_MAX, &v) && v == INT64_MAX);
    CHECK(ly_num_int("-9223372036854775808", INT64_MIN, INT64_MAX, &v) && v == INT64_MIN);
    CHECK(!ly_num_int("9223372036854775808", INT64_MIN, INT64_MAX, &v));
    CHECK(!ly_num_int("99999999999999999999999", INT64_MIN, INT64_MAX, &v));
    CHECK(!ly_num_int("", 0, 10, &v));
    CHECK(!ly_num_int("-", 0, 10, &v));
    CHECK(!ly_num_int("12a", 0, 100, &v));
    CHECK(!ly_num_int(" 1", 0, 100, &v));
    CHECK(!ly_num_int("+1", 0, 100, &v));
    CHECK(!ly_num_int("11", 0, 10, &v));
    CHECK(!ly_num_int("-1", 0, 10, &v));
    CHECK(ly_num_hex_digit('0') == 0 && ly_num_hex_digit('9') == 9);
    CHECK(ly_num_hex_digit('a') == 10 && ly_num_hex_digit('F') == 15);
    CHECK(ly_num_hex_digit('g') == -1 && ly_num_hex_digit('\0') == -1 &&
          ly_num_hex_digit('/') == -1);
}

static void dates(void)
{
    int64_t d, m;
    char buf[17];
    CHECK(ly_num_date("1970-01-01", &d) == false); /* before 2000: a typo in an event date */
    CHECK(ly_num_date("2000-01-01", &d) && d == 10957);
    CHECK(ly_num_date("2024-02-29", &d));
    CHECK(!ly_num_date("2026-02-29", &d));
    CHECK(!ly_num_date("2100-02-29", &d));
    CHECK(ly_num_date("2000-02-29", &d));
    CHECK(!ly_num_date("2026-13-01", &d));
    CHECK(!ly_num_date("2026-04-31", &d));
    CHECK(!ly_num_date("2026-4-01", &d));
    CHECK(!ly_num_date("2026-04-01x", &d));
    CHECK(!ly_num_date("2026-04", &d));
    CHECK(ly_num_date("2026-12-07", &d));
    ly_num_format_date(d, buf);
    CHECK_STR(buf, "2026-12-07");
    CHECK(ly_num_datetime("2026-12-07 09:30", &m));
    CHECK_INT(m, d * 1440 + 570);
    CHECK(ly_num_datetime("2026-12-07T09:30:59", &m));
    ly_num_format_datetime(m, buf);
    CHECK_STR(buf, "2026-12-07T09:30");
    CHECK(!ly_num_datetime("2026-12-07T24:00", &m));
    CHECK(!ly_num_datetime("2026-12-07T09:60", &m));
    CHECK(!ly_num_datetime("2026-12-07T9:30", &m));
    CHECK(!ly_num_datetime("2026-12-07T09:30Z", &m));
    CHECK(!ly_num_datetime("2026-12-07", &m));
    /* Every day of a century round-trips. */
    int bad = 0;
    for (int64_t day = 10957; day < 10957 + 36525; day++) {
        ly_num_format_date(day, buf);
        bad += !ly_num_date(buf, &d) || d != day;
    }
    CHECK_INT(bad, 0);
}

static void times(void)
{
    int m = -1;
    CHECK(ly_num_time("00:00", &m) && m == 0);
    CHECK(ly_num_time("08:00", &m) && m == 480);
    CHECK(ly_num_time("8:05", &m) && m == 485); /* as spreadsheets write it */
    CHECK(ly_num_time("23:59", &m) && m == 1439);
    CHECK(!ly_num_time("24:00", &m));
    CHECK(!ly_num_time("12:60", &m));
    CHECK(!ly_num_time("", &m));
    CHECK(!ly_num_time("8", &m));
    CHECK(!ly_num_time("8:", &m));
    CHECK(!ly_num_time("8:0", &m));
    CHECK(!ly_num_time("08:00:00", &m));
    CHECK(!ly_num_time("08:00 ", &m));
    CHECK(!ly_num_time(" 8:00", &m));
    CHECK(!ly_num_time("-8:00", &m));
    CHECK(!ly_num_time("008:00", &m));
    CHECK(!ly_num_time("08h00", &m));
    CHECK_INT(m, 1439); /* failures leave the result alone */
}

static void vocabularies(void)
{
    size_t n;
    CHECK(ly_vocab_list(LY_VOCAB_CATEGORY, &n) && n >= 6);
    CHECK_STR(ly_vocab_find(LY_VOCAB_CATEGORY, "Host country")->id, "host_country");
    CHECK_STR(ly_vocab_find(LY_VOCAB_CATEGORY, "HOST-COUNTRY")->id, "host_country");
    CHECK_STR(ly_vocab_find(LY_VOCAB_STAKEHOLDER, "Civil Society")->id, "civil_society");
    CHECK_STR(ly_vocab_find(LY_VOCAB_REGION, "asia_pacific")->id, "asia_pacific");
    CHECK(ly_vocab_find(LY_VOCAB_CATEGORY, "speakers") == NULL);
    CHECK(ly_vocab_find(LY_VOCAB_CATEGORY, "") == NULL);
    CHECK(ly_vocab_find(LY_VOCAB_SESSION_TYPE, "workshop") != NULL);
    CHECK(ly_vocab_language_valid("en"));
    CHECK(ly_vocab_language_valid("zh-Hans"));
    CHECK(ly_vocab_language_valid("ast"));
    CHECK(!ly_vocab_language_valid("EN"));
    CHECK(!ly_vocab_language_valid("e"));
    CHECK(!ly_vocab_language_valid("en-"));
    CHECK(!ly_vocab_language_valid("en_US"));
    CHECK(!ly_vocab_language_valid("english"));
    /* Band colours: every category has one, and all differ. */
    const struct ly_vocab_entry *c = ly_vocab_list(LY_VOCAB_CATEGORY, &n);
    for (size_t i = 0; i < n; i++) {
        CHECK(c[i].rgb != 0);
        for (size_t j = i + 1; j < n; j++)
            CHECK(c[i].rgb != c[j].rgb);
    }
}

static void json_escaping(void)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    int first = 1;
    fputc('{', f);
    ly_json_kv_str(f, &first, "name", "A \"quoted\" \\ name\n\x01 王");
    ly_json_kv_int(f, &first, "n", -42);
    ly_json_kv_bool(f, &first, "ok", 1);
    fputc('}', f);
    fclose(f);
    CHECK_STR(buf, "{\"name\":\"A \\\"quoted\\\" \\\\ name\\n\\u0001 王\",\"n\":-42,\"ok\":true}");
    free(buf);
}

int main(void)
{
    RUN(integers);
    RUN(dates);
    RUN(times);
    RUN(vocabularies);
    RUN(json_escaping);
    return CHECK_DONE();
}
