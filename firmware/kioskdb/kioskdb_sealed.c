/* kioskdb_sealed.c - attendee details sealed per badge. See kioskdb_sealed.h.
 *
 * The blob: a format byte (1), the number of wraps n, n wraps of (nonce, data key sealed under
 * one opening key: 24 + 32 + 16 bytes), then the details' nonce and the details sealed under the
 * data key. Details: a flag byte (1: assistance), then name, name_latin, country, region,
 * stakeholder and language, each a 2-byte little-endian length and its bytes. Every seal has
 * "LYD1", the attendee id and the badge version as associated data, so a blob opens for its own
 * row and version only. */
#include "kioskdb/kioskdb_sealed.h"

#include <sodium.h>
#include <string.h>

#define FORMAT    1
#define NONCE     crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define TAG       crypto_aead_xchacha20poly1305_ietf_ABYTES
#define WRAP      (NONCE + LY_SEALED_KEY_BYTES + TAG)
#define AD_LEN    10
#define NFIELDS   6
#define B64       sodium_base64_VARIANT_URLSAFE_NO_PADDING
#define PLAIN_MAX (LY_SEALED_MAX - 2 - NONCE - TAG)

/* Fixed contexts (BLAKE2b keys): a badge's signature and a ticket code give different keys even
 * for the same bytes. */
static const char badge_ctx[] = "lanyard badge details key v1";
static const char code_ctx[] = "lanyard ticket code details v1";

void ly_sealed_key_badge(const uint8_t sig[LY_BADGE_SIG_BYTES], uint8_t key[LY_SEALED_KEY_BYTES])
{
    crypto_generichash(key, LY_SEALED_KEY_BYTES, sig, LY_BADGE_SIG_BYTES,
                       (const unsigned char *)badge_ctx, sizeof badge_ctx - 1);
}

void ly_sealed_key_code(const char *code, uint8_t key[LY_SEALED_KEY_BYTES])
{
    crypto_generichash(key, LY_SEALED_KEY_BYTES, (const unsigned char *)code, strlen(code),
                       (const unsigned char *)code_ctx, sizeof code_ctx - 1);
}

static void make_ad(const struct ly_kiosk_attendee *a, uint8_t ad[AD_LEN])
{
    memcpy(ad, "LYD1", 4);
    for (int i = 0; i < 4; i++)
        ad[4 + i] = (uint8_t)(a->id >> (8 * i));
    ad[8] = (uint8_t)(a->badge_version & 0xff);
    ad[9] = (uint8_t)(a->badge_version >> 8);
}

/* The detail fields in blob order, with their sizes. */
static void fields(struct ly_kiosk_attendee *a, char *f[NFIELDS], size_t sz[NFIELDS])
{
    f[0] = a->name, sz[0] = sizeof a->name;
    f[1] = a->name_latin, sz[1] = sizeof a->name_latin;
    f[2] = a->country, sz[2] = sizeof a->country;
    f[3] = a->region, sz[3] = sizeof a->region;
    f[4] = a->stakeholder, sz[4] = sizeof a->stakeholder;
    f[5] = a->language, sz[5] = sizeof a->language;
}

bool ly_sealed_seal(struct ly_kiosk_attendee *a, const uint8_t (*keys)[LY_SEALED_KEY_BYTES],
                    size_t nkeys)
{
    uint8_t plain[PLAIN_MAX], blob[LY_SEALED_MAX], dk[LY_SEALED_KEY_BYTES], ad[AD_LEN];
    char *f[NFIELDS];
    size_t sz[NFIELDS], n = 0, used;
    if (nkeys == 0 || nkeys > LY_SEALED_WRAPS_MAX)
        return false;
    fields(a, f, sz);
    plain[n++] = a->assistance ? 1 : 0;
    for (int i = 0; i < NFIELDS; i++) {
        size_t len = strnlen(f[i], sz[i]);
        if (len == sz[i] || n + 2 + len > sizeof plain)
            return false;
        plain[n++] = (uint8_t)(len & 0xff);
        plain[n++] = (uint8_t)(len >> 8);
        memcpy(plain + n, f[i], len);
        n += len;
    }
    make_ad(a, ad);
    crypto_aead_xchacha20poly1305_ietf_keygen(dk);
    blob[0] = FORMAT;
    blob[1] = (uint8_t)nkeys;
    used = 2;
    for (size_t k = 0; k < nkeys; k++) {
        randombytes_buf(blob + used, NONCE);
        crypto_aead_xchacha20poly1305_ietf_encrypt(blob + used + NONCE, NULL, dk, sizeof dk, ad,
                                                   sizeof ad, NULL, blob + used, keys[k]);
        used += WRAP;
    }
    randombytes_buf(blob + used, NONCE);
    crypto_aead_xchacha20poly1305_ietf_encrypt(blob + used + NONCE, NULL, plain, n, ad, sizeof ad,
                                               NULL, blob + used, dk);
    used += NONCE + n + TAG;
    sodium_memzero(dk, sizeof dk);
    sodium_memzero(plain, sizeof plain);
    sodium_bin2base64(a->sealed, sizeof a->sealed, blob, used, B64);
    for (int i = 0; i < NFIELDS; i++)
        memset(f[i], 0, sz[i]);
    a->assistance = false;
    return true;
}

/* Decodes text into blob; false unless it is a blob of a known format with its wraps. */
static bool decode(const char *text, uint8_t blob[LY_SEALED_MAX], size_t *len)
{
    size_t tlen = strnlen(text, LY_SEALED_TEXT_MAX + 1);
    if (tlen == 0 || tlen > LY_SEALED_TEXT_MAX ||
        sodium_base642bin(blob, LY_SEALED_MAX, text, tlen, NULL, len, NULL, B64) != 0)
        return false;
    return *len >= 2 && blob[0] == FORMAT && blob[1] >= 1 && blob[1] <= LY_SEALED_WRAPS_MAX &&
           *len >= 2 + (size_t)blob[1] * WRAP + NONCE + TAG + 1 + 2 * NFIELDS;
}

bool ly_sealed_valid(const char *text)
{
    uint8_t blob[LY_SEALED_MAX];
    size_t len;
    return decode(text, blob, &len);
}

/* Reads the opened details into a copy of *a; false when they do not parse. */
static bool unpack(const uint8_t *plain, size_t n, struct ly_kiosk_attendee *a)
{
    char *f[NFIELDS];
    size_t sz[NFIELDS], at = 1;
    fields(a, f, sz);
    a->assistance = plain[0] == 1;
    for (int i = 0; i < NFIELDS; i++) {
        if (at + 2 > n)
            return false;
        size_t len = (size_t)plain[at] | (size_t)plain[at + 1] << 8;
        at += 2;
        if (len >= sz[i] || at + len > n || memchr(plain + at, '\0', len))
            return false;
        memcpy(f[i], plain + at, len);
        f[i][len] = '\0';
        at += len;
    }
    return at == n;
}

bool ly_sealed_open(struct ly_kiosk_attendee *a, const uint8_t key[LY_SEALED_KEY_BYTES])
{
    uint8_t blob[LY_SEALED_MAX], plain[LY_SEALED_MAX], dk[LY_SEALED_KEY_BYTES], ad[AD_LEN];
    size_t len, wraps, at;
    unsigned long long n = 0;
    bool opened = false;
    if (!decode(a->sealed, blob, &len))
        return false;
    make_ad(a, ad);
    wraps = blob[1];
    for (size_t k = 0; k < wraps && !opened; k++) {
        const uint8_t *w = blob + 2 + k * WRAP;
        opened = crypto_aead_xchacha20poly1305_ietf_decrypt(dk, NULL, NULL, w + NONCE,
                                                            LY_SEALED_KEY_BYTES + TAG, ad,
                                                            sizeof ad, w, key) == 0;
    }
    if (!opened)
        return false;
    at = 2 + wraps * WRAP;
    opened = crypto_aead_xchacha20poly1305_ietf_decrypt(plain, &n, NULL, blob + at + NONCE,
                                                        len - at - NONCE, ad, sizeof ad, blob + at,
                                                        dk) == 0;
    sodium_memzero(dk, sizeof dk);
    struct ly_kiosk_attendee copy = *a;
    if (opened && n >= 1 && unpack(plain, (size_t)n, &copy))
        *a = copy;
    else
        opened = false;
    sodium_memzero(plain, sizeof plain);
    sodium_memzero(&copy, sizeof copy);
    return opened;
}
