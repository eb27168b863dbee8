/* cmd_event.c - `lanyard init` (create the event and its signing key) and `lanyard stats`
 * (what the database holds). */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "common/json.h"
#include "orgdb/sealer.h"

static int run_init(struct ly_hubdb *db, int argc, char **argv)
{
    static const struct option opts[] = {
        {"event", required_argument, NULL, 'e'},
        {"start", required_argument, NULL, 's'},
        {"end", required_argument, NULL, 'n'},
        {"tz", required_argument, NULL, 'z'},
        {"kiosk-details", required_argument, NULL, 'k'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *name = NULL, *start = NULL, *end = NULL, *tz = "UTC", *details = "clear";
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
        case 'k':
            details = optarg;
            break;
        case 'h':
            printf("usage: lanyard --db FILE init --event NAME --start YYYY-MM-DD "
                   "--end YYYY-MM-DD [--tz ZONE] [--kiosk-details clear|sealed]\n"
                   "Creates the event and its Ed25519 badge signing key. --kiosk-details "
                   "sealed: kiosks keep\nattendee details sealed per badge "
                   "(docs/security.md).\n");
            return 0;
        default:
            return 2;
        }
    }
    bool sealed = strcmp(details, "sealed") == 0;
    if (!name || !start || !end || optind != argc || (!sealed && strcmp(details, "clear") != 0)) {
        fprintf(stderr, "usage: lanyard --db FILE init --event NAME --start YYYY-MM-DD "
                        "--end YYYY-MM-DD [--tz ZONE] [--kiosk-details clear|sealed]\n");
        return 2;
    }
    if (!ly_hubdb_create_event(db, name, start, end, tz, &ev, err, sizeof err) ||
        !ly_hubdb_set_kiosk_details(db, sealed, err, sizeof err)) {
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
    printf("created event \"%s\" (event id %u), %s to %s (%s), signing key %08x%s\n", ev.name,
           ev.id, ev.starts, ev.ends, ev.timezone, key_id, sealed ? ", kiosk details sealed" : "");
    return 0;
}

/* `kiosk-details [clear|sealed]`: shows or sets the event setting (sealer.h). */
static int run_kiosk_details(struct ly_hubdb *db, int argc, char **argv)
{
    char err[256];
    bool sealed;
    if (argc > 2 ||
        (argc == 2 && strcmp(argv[1], "clear") != 0 && strcmp(argv[1], "sealed") != 0)) {
        fprintf(stderr, "usage: lanyard --db FILE kiosk-details [clear|sealed]\n");
        return 2;
    }
    if (argc == 2 &&
        !ly_hubdb_set_kiosk_details(db, strcmp(argv[1], "sealed") == 0, err, sizeof err)) {
        fprintf(stderr, "lanyard kiosk-details: %s\n", err);
        return 1;
    }
    if (!ly_hubdb_kiosk_details(db, &sealed, err, sizeof err)) {
        fprintf(stderr, "lanyard kiosk-details: %s\n", err);
        return 1;
    }
    printf("kiosk-details: %s\n", sealed ? "sealed" : "clear");
    return 0;
}

/* `stats --json`: the event, then what the database holds. */
static const struct ly_field event_fields[] = {
    LY_FIELD_KEY(struct ly_event, name, "event"),
    LY_FIELD_KEY(struct ly_event, id, "event_id"),
    LY_FIELD(struct ly_event, starts),
    LY_FIELD(struct ly_event, ends),
    LY_FIELD_END,
};

static const struct ly_field stats_fields[] = {
    LY_FIELD(struct ly_hubdb_stats, registrations), LY_FIELD(struct ly_hubdb_stats, onsite),
    LY_FIELD(struct ly_hubdb_stats, countries),     LY_FIELD(struct ly_hubdb_stats, rooms),
    LY_FIELD(struct ly_hubdb_stats, sessions),      LY_FIELD(struct ly_hubdb_stats, opening_days),
    LY_FIELD(struct ly_hubdb_stats, notices),       LY_FIELD(struct ly_hubdb_stats, rules_seq),
    LY_FIELD(struct ly_hubdb_stats, change_seq),    LY_FIELD_END,
};

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
        ly_json_fields(stdout, &first, event_fields, &ev);
        ly_json_fields(stdout, &first, stats_fields, &s);
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
    .usage = "init --event NAME --start YYYY-MM-DD --end YYYY-MM-DD [--tz ZONE] "
             "[--kiosk-details clear|sealed]",
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

const struct ly_cmd_entry ly_cmd_kiosk_details = {
    .name = "kiosk-details",
    .usage = "kiosk-details [clear|sealed]",
    .help = "show or set whether kiosks keep attendee details sealed per badge",
    .run = run_kiosk_details,
};
