/* cmd_event.c - `lanyard init` (create the event and its signing key) and `lanyard stats`
 * (what the database holds). */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "common/json.h"

static int run_init(struct ly_hubdb *db, int argc, char **argv)
{
    static const struct option opts[] = {
        {"event", required_argument, NULL, 'e'}, {"start", required_argument, NULL, 's'},
        {"end", required_argument, NULL, 'n'},   {"tz", required_argument, NULL, 'z'},
        {"help", no_argument, NULL, 'h'},        {NULL, 0, NULL, 0},
    };
    const char *name = NULL, *start = NULL, *end = NULL, *tz = "UTC";
    char err[256];
    struct ly_event ev;
    int c;

    optind = 0;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'e':
            name = optarg;
            break;
        case 's':
            start = optarg;
            break;
        case 'n':
            end = optarg;
            break;
        case 'z':
            tz = optarg;
            break;
        case 'h':
            printf("usage: lanyard --db FILE init --event NAME --start YYYY-MM-DD "
                   "--end YYYY-MM-DD [--tz ZONE]\n"
                   "Creates the event and its Ed25519 badge signing key.\n");
            return 0;
        default:
            return 2;
        }
    }
    if (!name || !start || !end || optind != argc) {
        fprintf(stderr, "usage: lanyard --db FILE init --event NAME --start YYYY-MM-DD "
                        "--end YYYY-MM-DD [--tz ZONE]\n");
        return 2;
    }
    if (!ly_hubdb_create_event(db, name, start, end, tz, &ev, err, sizeof err)) {
        fprintf(stderr, "lanyard init: %s\n", err);
        return 1;
    }
    uint8_t sk[LY_BADGE_SK_BYTES];
    uint32_t key_id;
    if (!ly_hubdb_signing_key(db, sk, &key_id, err, sizeof err)) {
        fprintf(stderr, "lanyard init: %s\n", err);
        return 1;
    }
    memset(sk, 0, sizeof sk);
    printf("created event \"%s\" (event id %u), %s to %s (%s), signing key %08x\n", ev.name, ev.id,
           ev.starts, ev.ends, ev.timezone, key_id);
    return 0;
}

static int run_stats(struct ly_hubdb *db, int argc, char **argv)
{
    struct ly_hubdb_stats s;
    struct ly_event ev;
    char err[256];
    bool json = argc == 2 && strcmp(argv[1], "--json") == 0;

    if (argc > 2 || (argc == 2 && !json)) {
        fprintf(stderr, "usage: lanyard --db FILE stats [--json]\n");
        return 2;
    }
    if (!ly_hubdb_event(db, &ev, err, sizeof err) || !ly_hubdb_stats(db, &s, err, sizeof err)) {
        fprintf(stderr, "lanyard stats: %s\n", err);
        return 1;
    }
    if (json) {
        int first = 1;
        fputc('{', stdout);
        ly_json_kv_str(stdout, &first, "event", ev.name);
        ly_json_kv_int(stdout, &first, "event_id", ev.id);
        ly_json_kv_str(stdout, &first, "starts", ev.starts);
        ly_json_kv_str(stdout, &first, "ends", ev.ends);
        ly_json_kv_int(stdout, &first, "registrations", s.registrations);
        ly_json_kv_int(stdout, &first, "onsite", s.onsite);
        ly_json_kv_int(stdout, &first, "countries", s.countries);
        ly_json_kv_int(stdout, &first, "rooms", s.rooms);
        ly_json_kv_int(stdout, &first, "sessions", s.sessions);
        ly_json_kv_int(stdout, &first, "opening_days", s.opening_days);
        ly_json_kv_int(stdout, &first, "notices", s.notices);
        ly_json_kv_int(stdout, &first, "rules_seq", s.rules_seq);
        ly_json_kv_int(stdout, &first, "change_seq", s.change_seq);
        fputs("}\n", stdout);
        return 0;
    }
    printf("event:         %s (event id %u), %s to %s, %s\n", ev.name, ev.id, ev.starts, ev.ends,
           ev.timezone);
    printf("registrations: %lld (%lld onsite, %lld online) from %lld countries\n",
           (long long)s.registrations, (long long)s.onsite, (long long)(s.registrations - s.onsite),
           (long long)s.countries);
    printf("programme:     %lld sessions in %lld rooms\n", (long long)s.sessions,
           (long long)s.rooms);
    if (s.opening_days == 0 && s.notices == 0)
        printf("rules:         none (every event day open all day, no notices)\n");
    else
        printf("rules:         %lld days of opening hours, %lld notices\n",
               (long long)s.opening_days, (long long)s.notices);
    printf("change seq:    %lld\n", (long long)s.change_seq);
    return 0;
}

const struct ly_cmd_entry ly_cmd_init = {
    .name = "init",
    .usage = "init --event NAME --start YYYY-MM-DD --end YYYY-MM-DD [--tz ZONE]",
    .help = "create the event and its badge signing key",
    .run = run_init,
    .creates = true,
};

const struct ly_cmd_entry ly_cmd_stats = {
    .name = "stats",
    .usage = "stats [--json]",
    .help = "what the database holds",
    .run = run_stats,
};
