/* badge.c - the signed badge credential. See badge.h and docs/badge-format.md. */
#include "badge/badge.h"

#include <sodium.h>
#include <string.h>

#include "common/ly_limits.h"

#define PREFIX      "LY1:"
#define PREFIX_LEN  4
#define FIELDS_LEN  15 /* key id, event id, attendee id, badge version, flags */
#define WINDOW_LEN  8  /* valid from, valid until */
#define SIG_LEN     crypto_sign_BYTES
#define BODY_MAX    (FIELDS_LEN + WINDOW_LEN + SIG_LEN)
#define FLAG_WINDOW 0x01u

static const char b32_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

const char *ly_badge_status_name(enum ly_badge_status st)
{
    switch (st) {
    case LY_BADGE_OK:
        return "ok";
    case LY_BADGE_MALFORMED:
        return "malformed";
    case LY_BADGE_UNSUPPORTED_VERSION:
        return "unsupported_version";
    case LY_BADGE_UNKNOWN_KEY:
        return "unknown_key";
    case LY_BADGE_BAD_SIGNATURE:
        return "bad_signature";
    case LY_BADGE_WRONG_EVENT:
        return "wrong_event";
    case LY_BADGE_NOT_YET_VALID:
        return "not_yet_valid";
    case LY_BADGE_EXPIRED:
        return "expired";
    }
    return "malformed";
}

const char *ly_badge_status_text(enum ly_badge_status st)
{
    switch (st) {
    case LY_BADGE_OK:
        return "Valid badge.";
    case LY_BADGE_MALFORMED:
        return "This code is not a badge of this event, or it is damaged.";
    case LY_BADGE_UNSUPPORTED_VERSION:
        return "This badge was made by a newer system. Please see the badge desk.";
    case LY_BADGE_UNKNOWN_KEY:
        return "This badge was not issued by this event. Please see the badge desk.";
    case LY_BADGE_BAD_SIGNATURE:
        return "This badge is not genuine. Please see the badge desk.";
    case LY_BADGE_WRONG_EVENT:
        return "This badge is for another event.";
    case LY_BADGE_NOT_YET_VALID:
        return "This badge is not valid yet.";
    case LY_BADGE_EXPIRED:
        return "This badge has expired.";
    }
    return "This code is not a badge of this event, or it is damaged.";
}

static void put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

static uint32_t get32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

uint32_t ly_badge_key_id(const uint8_t pk[LY_BADGE_PK_BYTES])
{
    uint8_t h[32];
    crypto_generichash(h, sizeof h, pk, LY_BADGE_PK_BYTES, NULL, 0);
    return get32(h);
}

/* Number of base32 characters for n bytes, without padding. */
static size_t b32_len(size_t n)
{
    return (n * 8 + 4) / 5;
}

static void b32_encode(const uint8_t *in, size_t n, char *out)
{
    uint32_t acc = 0;
    int bits = 0;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        acc = (acc << 8) | in[i];
        bits += 8;
        while (bits >= 5) {
            out[o++] = b32_alphabet[(acc >> (bits - 5)) & 31u];
            bits -= 5;
        }
    }
    if (bits > 0)
        out[o++] = b32_alphabet[(acc << (5 - bits)) & 31u];
    out[o] = '\0';
}

static int b32_value(char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= '2' && c <= '7')
        return c - '2' + 26;
    return -1;
}

/* Strict decoding: only the alphabet, no padding, and unused trailing bits must be zero, so
 * that every byte string has exactly one encoding. Returns the byte count or -1. */
static int b32_decode(const char *in, size_t n, uint8_t *out, size_t outsz)
{
    uint32_t acc = 0;
    int bits = 0;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        int v = b32_value(in[i]);
        if (v < 0)
            return -1;
        acc = (acc << 5) | (uint32_t)v;
        bits += 5;
        if (bits >= 8) {
            if (o >= outsz)
                return -1;
            out[o++] = (uint8_t)(acc >> (bits - 8));
            bits -= 8;
        }
    }
    if (bits >= 5 || (acc & ((1u << bits) - 1)) != 0)
        return -1;
    return (int)o;
}

bool ly_badge_encode(const struct ly_badge *b, const uint8_t sk[LY_BADGE_SK_BYTES], char *out,
                     size_t outsz)
{
    uint8_t msg[PREFIX_LEN + BODY_MAX];
    uint8_t *body = msg + PREFIX_LEN;
    size_t len = FIELDS_LEN;

    if (b->has_window && b->valid_from >= b->valid_until)
        return false;
    /* libsodium's secret key ends with the public key. */
    if (ly_badge_key_id(sk + LY_BADGE_SEED_BYTES) != b->key_id)
        return false;

    memcpy(msg, PREFIX, PREFIX_LEN);
    put32(body, b->key_id);
    put32(body + 4, b->event_id);
    put32(body + 8, b->attendee_id);
    body[12] = (uint8_t)(b->badge_version >> 8);
    body[13] = (uint8_t)b->badge_version;
    body[14] = b->has_window ? FLAG_WINDOW : 0;
    if (b->has_window) {
        put32(body + FIELDS_LEN, b->valid_from);
        put32(body + FIELDS_LEN + 4, b->valid_until);
        len += WINDOW_LEN;
    }
    if (outsz < PREFIX_LEN + b32_len(len + SIG_LEN) + 1)
        return false;
    crypto_sign_detached(body + len, NULL, msg, PREFIX_LEN + len, sk);
    memcpy(out, PREFIX, PREFIX_LEN);
    b32_encode(body, len + SIG_LEN, out + PREFIX_LEN);
    return true;
}

/* Parses the structure; on success also returns the signed message and the signature. */
static enum ly_badge_status parse(const char *code, size_t len, struct ly_badge *b,
                                  uint8_t msg[PREFIX_LEN + BODY_MAX], size_t *msglen,
                                  const uint8_t **sig)
{
    size_t i = 2;
    unsigned version = 0;

    if (len > LY_BADGE_CODE_MAX || len < 3 || code[0] != 'L' || code[1] != 'Y')
        return LY_BADGE_MALFORMED;
    /* Format version: 1 to 3 decimal digits without a leading zero, then ':'. */
    while (i < len && i < 5 && code[i] >= '0' && code[i] <= '9') {
        if (i == 3 && code[2] == '0')
            return LY_BADGE_MALFORMED;
        version = version * 10 + (unsigned)(code[i] - '0');
        i++;
    }
    if (i == 2 || i >= len || code[i] != ':')
        return LY_BADGE_MALFORMED;
    if (version != LY_BADGE_FORMAT)
        return LY_BADGE_UNSUPPORTED_VERSION;

    uint8_t *body = msg + PREFIX_LEN;
    size_t nchars = len - PREFIX_LEN;
    if (nchars != b32_len(FIELDS_LEN + SIG_LEN) && nchars != b32_len(BODY_MAX))
        return LY_BADGE_MALFORMED;
    int n = b32_decode(code + PREFIX_LEN, nchars, body, BODY_MAX);
    if (n < 0)
        return LY_BADGE_MALFORMED;

    uint8_t flags = body[14];
    size_t fields = FIELDS_LEN + ((flags & FLAG_WINDOW) ? WINDOW_LEN : 0);
    if ((flags & ~FLAG_WINDOW) != 0 || (size_t)n != fields + SIG_LEN)
        return LY_BADGE_MALFORMED;

    memcpy(msg, PREFIX, PREFIX_LEN);
    b->key_id = get32(body);
    b->event_id = get32(body + 4);
    b->attendee_id = get32(body + 8);
    b->badge_version = (uint16_t)(body[12] << 8 | body[13]);
    b->has_window = (flags & FLAG_WINDOW) != 0;
    b->valid_from = b->has_window ? get32(body + FIELDS_LEN) : 0;
    b->valid_until = b->has_window ? get32(body + FIELDS_LEN + 4) : 0;
    *msglen = PREFIX_LEN + fields;
    *sig = body + fields;
    memcpy(b->sig, *sig, LY_BADGE_SIG_BYTES);
    return LY_BADGE_OK;
}

enum ly_badge_status ly_badge_parse(const char *code, size_t len, struct ly_badge *out)
{
    uint8_t msg[PREFIX_LEN + BODY_MAX];
    size_t msglen;
    const uint8_t *sig;
    struct ly_badge b;
    enum ly_badge_status rc = parse(code, len, &b, msg, &msglen, &sig);
    if (rc == LY_BADGE_OK && out)
        *out = b;
    return rc;
}

enum ly_badge_status ly_badge_verify(const char *code, size_t len, const struct ly_badge_key *keys,
                                     size_t nkeys, uint32_t event_id, int64_t now,
                                     struct ly_badge *out)
{
    uint8_t msg[PREFIX_LEN + BODY_MAX];
    size_t msglen;
    const uint8_t *sig;
    struct ly_badge b;
    const struct ly_badge_key *key = NULL;

    enum ly_badge_status rc = parse(code, len, &b, msg, &msglen, &sig);
    if (rc != LY_BADGE_OK)
        return rc;
    for (size_t i = 0; i < nkeys && !key; i++) {
        if (keys[i].key_id == b.key_id)
            key = &keys[i];
    }
    if (!key)
        return LY_BADGE_UNKNOWN_KEY;
    if (crypto_sign_verify_detached(sig, msg, msglen, key->pk) != 0)
        return LY_BADGE_BAD_SIGNATURE;
    if (out)
        *out = b;
    if (b.event_id != event_id)
        return LY_BADGE_WRONG_EVENT;
    if (b.has_window && now < (int64_t)b.valid_from)
        return LY_BADGE_NOT_YET_VALID;
    if (b.has_window && now >= (int64_t)b.valid_until)
        return LY_BADGE_EXPIRED;
    return LY_BADGE_OK;
}

/* "LYK1:" || event_id || key_id || kiosk_pk || id_first || id_last, integers big-endian. */
#define CERT_MSG_BYTES (5 + 4 + 4 + LY_BADGE_PK_BYTES + 4 + 4)

static void put_be32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)(v >> 24);
    p[1] = (uint8_t)(v >> 16);
    p[2] = (uint8_t)(v >> 8);
    p[3] = (uint8_t)v;
}

static void cert_message(uint32_t event_id, const uint8_t kiosk_pk[LY_BADGE_PK_BYTES],
                         uint32_t id_first, uint32_t id_last, uint8_t msg[CERT_MSG_BYTES])
{
    memcpy(msg, "LYK1:", 5);
    put_be32(msg + 5, event_id);
    put_be32(msg + 9, ly_badge_key_id(kiosk_pk));
    memcpy(msg + 13, kiosk_pk, LY_BADGE_PK_BYTES);
    put_be32(msg + 13 + LY_BADGE_PK_BYTES, id_first);
    put_be32(msg + 17 + LY_BADGE_PK_BYTES, id_last);
}

bool ly_badge_certify(const uint8_t event_sk[LY_BADGE_SK_BYTES], uint32_t event_id,
                      const uint8_t kiosk_pk[LY_BADGE_PK_BYTES], uint32_t id_first,
                      uint32_t id_last, uint8_t cert[LY_BADGE_CERT_BYTES])
{
    uint8_t msg[CERT_MSG_BYTES], pk[LY_BADGE_PK_BYTES];
    if (sodium_init() < 0 || crypto_sign_ed25519_sk_to_pk(pk, event_sk) != 0)
        return false;
    cert_message(event_id, kiosk_pk, id_first, id_last, msg);
    return crypto_sign_detached(cert, NULL, msg, sizeof msg, event_sk) == 0;
}

bool ly_badge_cert_verify(const struct ly_badge_key *keys, size_t nkeys, uint32_t event_id,
                          const uint8_t kiosk_pk[LY_BADGE_PK_BYTES], uint32_t id_first,
                          uint32_t id_last, const uint8_t cert[LY_BADGE_CERT_BYTES])
{
    uint8_t msg[CERT_MSG_BYTES];
    if (sodium_init() < 0)
        return false;
    cert_message(event_id, kiosk_pk, id_first, id_last, msg);
    for (size_t i = 0; i < nkeys; i++)
        if (crypto_sign_verify_detached(cert, msg, sizeof msg, keys[i].pk) == 0)
            return true;
    return false;
}

bool ly_badge_key_vouched(const struct ly_badge_key *roots, size_t nroots, uint32_t event_id,
                          const struct ly_key_proof *p)
{
    for (size_t i = 0; i < nroots; i++) {
        if (roots[i].key_id == p->key.key_id &&
            sodium_memcmp(roots[i].pk, p->key.pk, LY_BADGE_PK_BYTES) == 0)
            return true;
    }
    return p->certified && p->key.key_id == ly_badge_key_id(p->key.pk) &&
           ly_badge_cert_verify(roots, nroots, event_id, p->key.pk, p->id_first, p->id_last,
                                p->certificate);
}
