/* cmd_read_token.c - `lanyard read-token`: read-only tokens for dashboards and `counts --hub`,
 * made with an optional lifetime, listed, revoked (docs/security.md, "Read tokens"). The store
 * keeps only a token's hash: the token is printed once, when it is made. */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "common/json.h"
#include "common/num.h"
#include "proto/token.h"

#define TTL_MAX_S (400LL * 86400) /* longer than any event and its build-up */

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A lifetime: a whole number and a unit, s, m, h or d ("90m", "12h", "5d"), 1 s to 400 days. */
static bool parse_ttl(const char *s, int64_t *ms)
{
    static const struct {
        char unit;
        int64_t s;
    } units[] = {{'s', 1}, {'m', 60}, {'h', 3600}, {'d', 86400}};
    char num[16];
    size_t n = strlen(s);
    int64_t v;
    if (n < 2 || n > sizeof num)
        return false;
    memcpy(num, s, n - 1);
    num[n - 1] = '\0';
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        if (s[n - 1] == units[i].unit && ly_num_int(num, 1, TTL_MAX_S / units[i].s, &v)) {
            *ms = v * units[i].s * 1000;
            return true;
        }
    }
    return false;
}

static void when(int64_t ms, char *out, size_t outsz)
{
    time_t t = (time_t)(ms / 1000);
    struct tm tm;
    localtime_r(&t, &tm);
    strftime(out, outsz, "%Y-%m-%d %H:%M:%S", &tm);
}

struct list {
    bool json;
    int64_t now, n;
};

static const char *state(const struct ly_store_read_token *t, int64_t now)
{
    return t->revoked_ms ? "revoked" : t->expires_ms && t->expires_ms <= now ? "expired" : "active";
}

static bool list_token(void *ctx, const struct ly_store_read_token *t)
{
    struct list *l = ctx;
    char made[32], ends[32] = "never";
    when(t->created_ms, made, sizeof made);
    if (t->expires_ms)
        when(t->expires_ms, ends, sizeof ends);
    if (l->json) {
        int first = 1;
        fputs(l->n ? ",{" : "{", stdout);
        ly_json_kv_int(stdout, &first, "id", t->id);
        ly_json_kv_str(stdout, &first, "label", t->label);
        ly_json_kv_str(stdout, &first, "state", state(t, l->now));
        ly_json_kv_int(stdout, &first, "created_ms", t->created_ms);
        ly_json_kv_int(stdout, &first, "expires_ms", t->expires_ms);
        ly_json_kv_int(stdout, &first, "revoked_ms", t->revoked_ms);
        fputc('}', stdout);
    } else {
        printf("%6" PRId64 "  %-24s %-8s %-20s %s\n", t->id, t->label, state(t, l->now), made,
               ends);
    }
    l->n++;
    return true;
}

static int usage(void)
{
    fprintf(stderr, "usage: lanyard read-token --db HUB.db --label NAME [--ttl DURATION]\n"
                    "       lanyard read-token --db HUB.db --list [--json]\n"
                    "       lanyard read-token --db HUB.db --revoke ID\n"
                    "DURATION is a number and s, m, h or d (\"12h\"), at most 400 days.\n");
    return 2;
}

static int run_read_token(struct ly_store *st, int argc, char **argv)
{
    static const struct option opts[] = {
        {"label", required_argument, NULL, 'l'},  {"ttl", required_argument, NULL, 't'},
        {"list", no_argument, NULL, 'L'},         {"json", no_argument, NULL, 'j'},
        {"revoke", required_argument, NULL, 'r'}, {NULL, 0, NULL, 0},
    };
    const char *label = NULL, *ttl = NULL, *revoke = NULL;
    bool list = false, json = false;
    char err[256], token[LY_TOKEN_LEN + 1];
    int c;
    optind = 0;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'l')
            label = optarg;
        else if (c == 't')
            ttl = optarg;
        else if (c == 'L')
            list = true;
        else if (c == 'j')
            json = true;
        else if (c == 'r')
            revoke = optarg;
        else
            return usage();
    }
    int modes = (label != NULL) + list + (revoke != NULL);
    if (optind != argc || modes != 1 || (json && !list) || (ttl && !label))
        return usage();
    int64_t now = now_ms();
    if (revoke) {
        int64_t id;
        bool found;
        if (!ly_num_int(revoke, 1, INT64_MAX, &id)) {
            fprintf(stderr, "lanyard read-token: --revoke takes a token's id (see --list)\n");
            return 2;
        }
        if (!st->ops->revoke_read_token(st, id, now, &found, err, sizeof err))
            goto fail;
        if (!found) {
            fprintf(stderr, "lanyard read-token: no active read token %" PRId64 "\n", id);
            return 1;
        }
        printf("revoked read token %" PRId64 ": every hub refuses it from its next request\n", id);
        return 0;
    }
    if (list) {
        struct list l = {.json = json, .now = now};
        if (json)
            fputc('[', stdout);
        else
            printf("%6s  %-24s %-8s %-20s %s\n", "id", "label", "state", "created", "expires");
        if (!st->ops->foreach_read_token(st, list_token, &l, err, sizeof err))
            goto fail;
        if (json)
            fputs("]\n", stdout);
        return 0;
    }
    int64_t life = 0, id;
    if (label[0] == '\0' || strlen(label) > LY_KIOSK_NAME_MAX) {
        fprintf(stderr, "lanyard read-token: --label is 1 to %d bytes\n", LY_KIOSK_NAME_MAX);
        return 2;
    }
    if (ttl && !parse_ttl(ttl, &life)) {
        fprintf(stderr,
                "lanyard read-token: --ttl \"%s\" is not a duration such as 90m, 12h or 5d "
                "(at most 400 days)\n",
                ttl);
        return 2;
    }
    ly_token_new(LY_TOKEN_READ, token);
    uint8_t hash[LY_TOKEN_HASH_LEN];
    ly_token_hash(token, hash);
    if (!st->ops->add_read_token(st, hash, label, now, life ? now + life : 0, &id, err, sizeof err))
        goto fail;
    char ends[32] = "never";
    if (life)
        when(now + life, ends, sizeof ends);
    /* The token alone on standard output, for scripts; what it is on standard error. */
    printf("%s\n", token);
    fprintf(stderr,
            "read token %" PRId64 " \"%s\", expires %s; revoke it with lanyard read-token "
            "--revoke %" PRId64 "\n",
            id, label, ends, id);
    return 0;
fail:
    fprintf(stderr, "lanyard read-token: %s\n", err);
    return 1;
}

const struct ly_cmd_entry ly_cmd_read_token = {
    .name = "read-token",
    .usage = "read-token --label NAME [--ttl DURATION] | --list [--json] | --revoke ID",
    .help = "a read-only token for dashboards and `counts --hub`, expiring after\n"
            "DURATION (90m, 12h, 5d) if given; list them; revoke one at once",
    .run_store = run_read_token,
};
