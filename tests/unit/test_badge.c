/* test_badge.c - the badge credential: the vectors of docs/badge-format.md, every one-byte
 * change of a code refused with the right reason, and the encoder's own checks. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "badge/badge.h"
#include "check.h"
#include "common/ly_limits.h"

#define DOC      "docs/badge-format.md"
#define ALPHABET "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"

static uint8_t seed_a[32];
static uint8_t pk_a[32], sk_a[64];

static void hex(const char *s, uint8_t *out, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned v;
        CHECK(sscanf(s + 2 * i, "%2x", &v) == 1);
        out[i] = (uint8_t)v;
    }
}

static uint64_t num(const char *s)
{
    return strtoull(s, NULL, 10);
}

static enum ly_badge_status status_of(const char *name)
{
    for (int st = LY_BADGE_OK; st <= LY_BADGE_EXPIRED; st++) {
        if (strcmp(ly_badge_status_name((enum ly_badge_status)st), name) == 0)
            return (enum ly_badge_status)st;
    }
    return (enum ly_badge_status) - 1;
}

/* One vector record of the document, as key/value pairs. */
struct record {
    char keys[16][32];
    char vals[16][512];
    int n;
};

static const char *get(const struct record *r, const char *key)
{
    for (int i = 0; i < r->n; i++) {
        if (strcmp(r->keys[i], key) == 0)
            return r->vals[i];
    }
    return NULL;
}

static int vectors_checked;

static void check_record(const struct record *r)
{
    const char *name = get(r, "name"), *code = get(r, "code"), *expect = get(r, "expect");
    const char *trusted = get(r, "trusted_public_keys");
    struct ly_badge_key keys[4];
    size_t nkeys = 0;
    CHECK(name && code && expect && trusted);
    if (!name || !code || !expect || !trusted)
        return;
    for (const char *p = trusted; *p && nkeys < 4; p += 64) {
        while (*p == ' ')
            p++;
        hex(p, keys[nkeys].pk, 32);
        keys[nkeys].key_id = ly_badge_key_id(keys[nkeys].pk);
        nkeys++;
    }
    struct ly_badge b;
    enum ly_badge_status st =
        ly_badge_verify(code, strlen(code), keys, nkeys, (uint32_t)num(get(r, "verify_event")),
                        (int64_t)num(get(r, "verify_now")), &b);
    if (st != status_of(expect))
        fprintf(stderr, "vector %s: got %s, expected %s\n", name, ly_badge_status_name(st), expect);
    CHECK(st == status_of(expect));

    /* Honest vectors: encoding the fields with the seed gives the documented code. */
    if (strcmp(expect, "ok") == 0 || strcmp(expect, "wrong_event") == 0 ||
        strcmp(expect, "not_yet_valid") == 0 || strcmp(expect, "expired") == 0 ||
        strcmp(expect, "unknown_key") == 0) {
        uint8_t seed[32], pk[32], sk[64];
        char out[LY_BADGE_CODE_LEN_MAX + 1];
        hex(get(r, "signing_seed"), seed, 32);
        crypto_sign_seed_keypair(pk, sk, seed);
        struct ly_badge in = {
            .key_id = ly_badge_key_id(pk),
            .event_id = (uint32_t)num(get(r, "event")),
            .attendee_id = (uint32_t)num(get(r, "attendee")),
            .badge_version = (uint16_t)num(get(r, "version")),
            .has_window = get(r, "valid_from") != NULL,
            .valid_from = get(r, "valid_from") ? (uint32_t)num(get(r, "valid_from")) : 0,
            .valid_until = get(r, "valid_until") ? (uint32_t)num(get(r, "valid_until")) : 0,
        };
        char kid[16];
        snprintf(kid, sizeof kid, "%08x", in.key_id);
        CHECK_STR(kid, get(r, "signing_key_id"));
        CHECK(ly_badge_encode(&in, sk, out, sizeof out));
        CHECK_STR(out, code);
    }
    vectors_checked++;
}

static void doc_vectors(void)
{
    FILE *f = fopen(DOC, "r");
    char line[1024];
    bool in = false;
    struct record r = {0};
    CHECK(f != NULL);
    if (!f)
        return;
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        if (!in) {
            in = strcmp(line, "```vectors") == 0;
            continue;
        }
        if (line[0] == '\0' || strcmp(line, "```") == 0) {
            if (r.n > 0)
                check_record(&r);
            memset(&r, 0, sizeof r);
            if (line[0] != '\0')
                break;
            continue;
        }
        char *sep = strstr(line, ": ");
        CHECK(sep != NULL && r.n < 16);
        if (!sep || r.n >= 16)
            continue;
        *sep = '\0';
        int kn = snprintf(r.keys[r.n], sizeof r.keys[r.n], "%s", line);
        int vn = snprintf(r.vals[r.n], sizeof r.vals[r.n], "%s", sep + 2);
        CHECK(kn < (int)sizeof r.keys[0] && vn < (int)sizeof r.vals[0]);
        r.n++;
    }
    fclose(f);
    CHECK(vectors_checked >= 20);
}

/* The verdict a one-byte change must get, worked out from the layout alone (see
 * docs/badge-format.md), independently of the parser. */
static enum ly_badge_status expected_for(const char *orig, size_t len, size_t pos, int c)
{
    size_t nbytes = (len - 4) * 5 / 8;
    if (pos < 2 || pos == 3)
        return LY_BADGE_MALFORMED;
    if (pos == 2)
        return c >= '0' && c <= '9' ? LY_BADGE_UNSUPPORTED_VERSION : LY_BADGE_MALFORMED;
    const char *nv = memchr(ALPHABET, c, 32);
    if (c == 0 || !nv)
        return LY_BADGE_MALFORMED;
    unsigned vo = (unsigned)(strchr(ALPHABET, orig[pos]) - ALPHABET);
    unsigned d = vo ^ (unsigned)(nv - ALPHABET);
    size_t i = pos - 4;
    bool key = false;
    for (int j = 0; j < 5; j++) {
        if (!(d & (1u << j)))
            continue;
        size_t bit = 5 * i + (size_t)(4 - j);
        size_t byte = bit / 8;
        if (byte >= nbytes || byte == 14)
            return LY_BADGE_MALFORMED;
        if (byte < 4)
            key = true;
    }
    return key ? LY_BADGE_UNKNOWN_KEY : LY_BADGE_BAD_SIGNATURE;
}

static void mutate_all(bool window)
{
    struct ly_badge_key key = {ly_badge_key_id(pk_a), {0}};
    memcpy(key.pk, pk_a, 32);
    struct ly_badge b = {key.key_id, 77, 1234, 2, window, 1000, 2000000000};
    char code[LY_BADGE_CODE_LEN_MAX + 1], m[LY_BADGE_CODE_LEN_MAX + 1];
    CHECK(ly_badge_encode(&b, sk_a, code, sizeof code));
    size_t len = strlen(code);
    CHECK_INT(len, window ? 144 : 131);
    CHECK(ly_badge_verify(code, len, &key, 1, 77, 1500, NULL) == LY_BADGE_OK);

    int wrong = 0, accepted = 0;
    for (size_t pos = 0; pos < len; pos++) {
        for (int c = 0; c < 256; c++) {
            if (c == (unsigned char)code[pos])
                continue;
            memcpy(m, code, len + 1);
            m[pos] = (char)c;
            enum ly_badge_status st = ly_badge_verify(m, len, &key, 1, 77, 1500, NULL);
            enum ly_badge_status want = expected_for(code, len, pos, c);
            accepted += st == LY_BADGE_OK;
            if (st != want && wrong++ < 5)
                fprintf(stderr, "pos %zu byte %d: got %s, expected %s\n", pos, c,
                        ly_badge_status_name(st), ly_badge_status_name(want));
        }
    }
    CHECK_INT(accepted, 0);
    CHECK_INT(wrong, 0);
}

static void one_byte_changes_window(void)
{
    mutate_all(true);
}

static void one_byte_changes_plain(void)
{
    mutate_all(false);
}

static void truncations_and_extensions(void)
{
    struct ly_badge_key key = {ly_badge_key_id(pk_a), {0}};
    memcpy(key.pk, pk_a, 32);
    struct ly_badge b = {key.key_id, 5, 6, 1, true, 0, 100};
    char code[LY_BADGE_CODE_MAX + 8];
    CHECK(ly_badge_encode(&b, sk_a, code, sizeof code));
    size_t len = strlen(code);
    int bad = 0;
    for (size_t n = 0; n < len; n++)
        bad += ly_badge_verify(code, n, &key, 1, 5, 50, NULL) != LY_BADGE_MALFORMED;
    CHECK_INT(bad, 0);
    /* Appended characters, up to and past the QR capacity bound. */
    for (size_t n = len; n < sizeof code - 1; n++) {
        code[n] = 'A';
        code[n + 1] = '\0';
        bad += ly_badge_verify(code, n + 1, &key, 1, 5, 50, NULL) != LY_BADGE_MALFORMED;
    }
    CHECK_INT(bad, 0);
}

static void time_window_edges(void)
{
    struct ly_badge_key key = {ly_badge_key_id(pk_a), {0}};
    memcpy(key.pk, pk_a, 32);
    struct ly_badge b = {key.key_id, 9, 10, 1, true, 1000, 2000}, out;
    char code[LY_BADGE_CODE_LEN_MAX + 1];
    CHECK(ly_badge_encode(&b, sk_a, code, sizeof code));
    size_t n = strlen(code);
    CHECK(ly_badge_verify(code, n, &key, 1, 9, 999, &out) == LY_BADGE_NOT_YET_VALID);
    CHECK_INT(out.attendee_id, 10); /* the holder is known once the signature is good */
    CHECK(ly_badge_verify(code, n, &key, 1, 9, 1000, NULL) == LY_BADGE_OK);
    CHECK(ly_badge_verify(code, n, &key, 1, 9, 1999, NULL) == LY_BADGE_OK);
    CHECK(ly_badge_verify(code, n, &key, 1, 9, 2000, NULL) == LY_BADGE_EXPIRED);
    CHECK(ly_badge_verify(code, n, &key, 1, 8, 1500, NULL) == LY_BADGE_WRONG_EVENT);
    CHECK(ly_badge_verify(code, n, NULL, 0, 9, 1500, NULL) == LY_BADGE_UNKNOWN_KEY);
}

static void encoder_refuses(void)
{
    struct ly_badge b = {ly_badge_key_id(pk_a), 1, 2, 3, true, 2000, 2000};
    char code[LY_BADGE_CODE_LEN_MAX + 1];
    CHECK(!ly_badge_encode(&b, sk_a, code, sizeof code)); /* empty window */
    b.valid_until = 3000;
    CHECK(!ly_badge_encode(&b, sk_a, code, 144)); /* no room for the NUL */
    CHECK(ly_badge_encode(&b, sk_a, code, 145));
    b.key_id ^= 1;
    CHECK(!ly_badge_encode(&b, sk_a, code, sizeof code)); /* key id of another key */
}

static void round_trip_random(void)
{
    struct ly_badge_key key = {ly_badge_key_id(pk_a), {0}};
    memcpy(key.pk, pk_a, 32);
    int bad = 0;
    for (int i = 0; i < 2000; i++) {
        struct ly_badge in = {key.key_id,
                              randombytes_random(),
                              randombytes_random(),
                              (uint16_t)randombytes_random(),
                              i % 2 == 0,
                              0,
                              0},
                        out;
        if (in.has_window) {
            in.valid_from = randombytes_uniform(UINT32_MAX - 1);
            in.valid_until = in.valid_from + 1 + randombytes_uniform(UINT32_MAX - in.valid_from);
        }
        char code[LY_BADGE_CODE_LEN_MAX + 1];
        int64_t now = in.has_window ? (int64_t)in.valid_from : 0;
        bad += !ly_badge_encode(&in, sk_a, code, sizeof code);
        bad += ly_badge_verify(code, strlen(code), &key, 1, in.event_id, now, &out) != LY_BADGE_OK;
        bad += out.attendee_id != in.attendee_id || out.badge_version != in.badge_version ||
               out.valid_until != in.valid_until;
        /* QR alphanumeric characters only: the prefix, then base32. */
        bad += strncmp(code, "LY1:", 4) != 0;
        for (const char *p = code + 4; *p; p++)
            bad += !strchr(ALPHABET, *p);
    }
    CHECK_INT(bad, 0);
}

static void status_names_distinct(void)
{
    for (int a = LY_BADGE_OK; a <= LY_BADGE_EXPIRED; a++) {
        for (int b = a + 1; b <= LY_BADGE_EXPIRED; b++) {
            CHECK(strcmp(ly_badge_status_name((enum ly_badge_status)a),
                         ly_badge_status_name((enum ly_badge_status)b)) != 0);
        }
        CHECK(strlen(ly_badge_status_text((enum ly_badge_status)a)) > 5);
    }
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    for (int i = 0; i < 32; i++)
        seed_a[i] = (uint8_t)i;
    crypto_sign_seed_keypair(pk_a, sk_a, seed_a);
    RUN(doc_vectors);
    RUN(one_byte_changes_window);
    RUN(one_byte_changes_plain);
    RUN(truncations_and_extensions);
    RUN(time_window_edges);
    RUN(encoder_refuses);
    RUN(round_trip_random);
    RUN(status_names_distinct);
    return CHECK_DONE();
}
