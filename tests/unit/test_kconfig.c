/* test_kconfig.c - the kiosk's options: values checked and bounded, the configuration file's
 * syntax and its PATH:LINE messages, and the help and Markdown generated from one table. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "kiosk/kconfig.h"

static char err[512];

static bool parse(struct ly_kiosk_config *cfg, const char *text)
{
    ly_kconfig_defaults(cfg);
    return ly_kconfig_parse(cfg, "kiosk.conf", text, strlen(text), err, sizeof err);
}

static void file_sets_every_option(void)
{
    struct ly_kiosk_config cfg;
    CHECK(parse(&cfg, "# Room 3, main door\n"
                      "headless = yes\n"
                      "db = /var/lib/lanyard/kiosk.db\n"
                      "  gate=room:Room 3  \r\n"
                      "\n"
                      "source = v4l2:/dev/video0@1280x720\n"
                      "reentry = once_per_day\n"
                      "doors-open = 15\n"
                      "late-entry = 20\n"
                      "capacity = off\n"
                      "holdoff = 2500\n"
                      "at = 2026-12-08 09:30"));
    CHECK(cfg.headless);
    CHECK_STR(cfg.db, "/var/lib/lanyard/kiosk.db");
    CHECK_STR(cfg.gate, "room:Room 3");
    CHECK_STR(cfg.source, "v4l2:/dev/video0@1280x720");
    CHECK_INT(cfg.policy.reentry, LY_REENTRY_ONCE_PER_DAY);
    CHECK_INT(cfg.policy.doors_open_min, 15);
    CHECK_INT(cfg.policy.late_entry_min, 20);
    CHECK(!cfg.policy.enforce_capacity);
    CHECK_INT(cfg.policy.holdoff_ms, 2500);
    CHECK_STR(cfg.at, "2026-12-08T09:30");
    CHECK(ly_kconfig_complete(&cfg, err, sizeof err));
    CHECK(parse(&cfg, "late-entry = end\n"));
    CHECK_INT(cfg.policy.late_entry_min, -1);
    CHECK_INT(cfg.lock_after_min, 0); /* lock-after: off by default */
    CHECK(parse(&cfg, "lock-after = 6h\n"));
    CHECK_INT(cfg.lock_after_min, 360);
    CHECK(parse(&cfg, "lock-after = 45m\n"));
    CHECK_INT(cfg.lock_after_min, 45);
    CHECK(parse(&cfg, "lock-after = 14d\n"));
    CHECK_INT(cfg.lock_after_min, 20160);
    CHECK(parse(&cfg, "lock-after = off\n"));
    CHECK_INT(cfg.lock_after_min, 0);
    CHECK_INT(cfg.policy.holdoff_ms, 3000); /* defaults */
    CHECK(!ly_kconfig_complete(&cfg, err, sizeof err));
    CHECK(strstr(err, "--db") != NULL);
}

static void bad_files_name_the_line(void)
{
    static const struct {
        const char *text, *message;
    } bad[] = {
        {"gate = entrance\nfrobnicate = 3\n", "kiosk.conf:2: unknown option \"frobnicate\""},
        {"\n\ndoors-open = 2000\n", "kiosk.conf:3: doors-open must be a whole number"},
        {"holdoff = -1\n", "kiosk.conf:1: holdoff must be"},
        {"reentry = sometimes\n", "kiosk.conf:1: reentry is allowed, once_per_day or never"},
        {"capacity = maybe\n", "kiosk.conf:1: capacity is on or off"},
        {"lock-after = 6\n", "kiosk.conf:1: lock-after must be off or a duration"},
        {"lock-after = 15d\n", "kiosk.conf:1: lock-after must be off or a duration"},
        {"lock-after = 0h\n", "kiosk.conf:1: lock-after must be off or a duration"},
        {"lock-after = 6h30m\n", "kiosk.conf:1: lock-after must be off or a duration"},
        {"lock-after = -6h\n", "kiosk.conf:1: lock-after must be off or a duration"},
        {"at = tomorrow\n", "kiosk.conf:1: at must be YYYY-MM-DDTHH:MM"},
        {"headless = sure\n", "kiosk.conf:1: headless is yes or no"},
        {"gate entrance\n", "kiosk.conf:1: expected NAME = VALUE"},
        {"= entrance\n", "kiosk.conf:1: expected NAME = VALUE"},
        {"gate =\n", "kiosk.conf:1: gate must be 1 to"},
        {"db = \xff\xfe\n", "kiosk.conf:1: db: the value is not valid UTF-8"},
    };
    struct ly_kiosk_config cfg;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        CHECK(!parse(&cfg, bad[i].text));
        if (strncmp(err, bad[i].message, strlen(bad[i].message)) != 0) {
            fprintf(stderr, "got \"%s\", want \"%s...\"\n", err, bad[i].message);
            CHECK(0);
        }
    }
    /* Bounds: a long line, a NUL, an oversized file. */
    char *big = malloc(LY_KCONFIG_FILE_MAX + 2);
    memset(big, '#', LY_KCONFIG_FILE_MAX + 1);
    big[LY_KCONFIG_FILE_MAX + 1] = '\0';
    CHECK(!parse(&cfg, big));
    CHECK(strstr(err, "larger than") != NULL);
    big[LY_KCONFIG_LINE_MAX + 1] = '\0';
    CHECK(!parse(&cfg, big));
    CHECK(strstr(err, "line longer") != NULL);
    free(big);
    ly_kconfig_defaults(&cfg);
    CHECK(!ly_kconfig_parse(&cfg, "kiosk.conf", "db = a\0b\n", 9, err, sizeof err));
    CHECK(strstr(err, "NUL") != NULL);
    CHECK(!ly_kconfig_load(&cfg, "/nonexistent/kiosk.conf", err, sizeof err));
}

static void help_and_markdown_list_every_option(void)
{
    static const char *const names[] = {"headless", "db",         "gate",       "source",
                                        "reentry",  "doors-open", "late-entry", "capacity",
                                        "holdoff",  "at"};
    char *help = NULL, *md = NULL;
    size_t hn = 0, mn = 0;
    FILE *h = open_memstream(&help, &hn), *m = open_memstream(&md, &mn);
    ly_kconfig_usage(h);
    ly_kconfig_markdown(m);
    fclose(h);
    fclose(m);
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char flag[40], row[60];
        snprintf(flag, sizeof flag, "--%s", names[i]);
        snprintf(row, sizeof row, "| `--%s` | `%s` |", names[i], names[i]);
        CHECK(strstr(help, flag) != NULL);
        CHECK(strstr(md, row) != NULL);
        CHECK(ly_kconfig_takes_value(names[i]) == (strcmp(names[i], "headless") != 0));
    }
    CHECK(strstr(md, "on\\|off") != NULL); /* a '|' would split the cell */
    free(help);
    free(md);
}

/* Staff mode's options: defaults, a hash line as --hash-pin prints it ('=' inside the value),
 * categories by id or label, and the values refused. */
static void staff_options(void)
{
    struct ly_kiosk_config cfg;
    static const char hash[] =
        "$argon2id$v=19$m=65536,t=2,p=1$QRH52NCEaAl1BDfH7qWlEg$0hZhNWMyy2Wqz2o6"
        "hKOyYGpCV0sQ+6K9B3pA2UcDEK8";
    char text[512];
    CHECK(parse(&cfg, "gate = desk\n"));
    CHECK_STR(cfg.staff_pin_hash, "");
    CHECK_INT(cfg.staff_idle_s, 60);
    CHECK_STR(cfg.staff_categories, "staff");
    snprintf(
        text, sizeof text,
        "staff-pin-hash = %s\nstaff-idle-s = 120\nstaff-categories = Staff, host-country vip\n",
        hash);
    CHECK(parse(&cfg, text));
    CHECK_STR(cfg.staff_pin_hash, hash);
    CHECK_INT(cfg.staff_idle_s, 120);
    CHECK_STR(cfg.staff_categories, "staff host_country vip");
    CHECK(parse(&cfg, "staff-categories =\nstaff-pin-hash =\n"));
    CHECK_STR(cfg.staff_categories, "");
    CHECK_STR(cfg.staff_pin_hash, "");
    CHECK(!parse(&cfg, "staff-pin-hash = $argon2i$v=19$m=4096,t=3,p=1$c2FsdA$aGFzaA\n"));
    CHECK(strstr(err, "kiosk.conf:1: staff-pin-hash must be an argon2id hash") != NULL);
    CHECK(!parse(&cfg, "staff-pin-hash = 482913\n"));
    CHECK(!parse(&cfg, "staff-pin-hash = $argon2id$v=19 x\n"));
    CHECK(!parse(&cfg, "staff-idle-s = 9\n"));
    CHECK(!parse(&cfg, "staff-idle-s = 3601\n"));
    CHECK(!parse(&cfg, "staff-idle-s = 60s\n"));
    CHECK(!parse(&cfg, "staff-categories = staff, guard\n"));
    CHECK(strstr(err, "\"guard\" is not a registration category") != NULL);
}

/* The defaults come from the table's rows: the gate's policy as the gate module has it, a
 * result shown 4 s (the row is in seconds, the field in ms), no flag set. */
static void defaults_come_from_the_table(void)
{
    struct ly_kiosk_config cfg;
    ly_kconfig_defaults(&cfg);
    CHECK_INT(cfg.policy.reentry, ly_gate_policy_defaults.reentry);
    CHECK_INT(cfg.policy.doors_open_min, ly_gate_policy_defaults.doors_open_min);
    CHECK_INT(cfg.policy.late_entry_min, ly_gate_policy_defaults.late_entry_min);
    CHECK_INT(cfg.policy.enforce_capacity, ly_gate_policy_defaults.enforce_capacity);
    CHECK_INT(cfg.policy.holdoff_ms, ly_gate_policy_defaults.holdoff_ms);
    CHECK_INT(cfg.result_ms, 4000);
    CHECK(!cfg.headless);
    CHECK_STR(cfg.language, "en");
    CHECK_STR(cfg.db, "");
    CHECK(parse(&cfg, "result-seconds = 7\nlanguage = ar\nreentry = never\n"));
    CHECK_INT(cfg.result_ms, 7000);
    CHECK_STR(cfg.language, "ar");
    CHECK_INT(cfg.policy.reentry, LY_REENTRY_NEVER);
    CHECK(!parse(&cfg, "result-seconds = 0\n"));
    CHECK_STR(err, "kiosk.conf:1: result-seconds must be a whole number from 1 to 60 s, not \"0\"");
    CHECK(!parse(&cfg, "language = de\n"));
    CHECK_STR(err, "kiosk.conf:1: language is en, fr, es, ru, zh or ar, not \"de\"");
}

int main(void)
{
    RUN(file_sets_every_option);
    RUN(bad_files_name_the_line);
    RUN(help_and_markdown_list_every_option);
    RUN(staff_options);
    RUN(defaults_come_from_the_table);
    return CHECK_DONE();
}
