/* pin.c - the hub's TLS key pin and the enrollment text. See pin.h. */
#include "proto/pin.h"

#include <errno.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/fail.h"

#define PIN_PREFIX        "sha256//"
#define PIN_PREFIX_LEN    8
#define ENROLL_PREFIX     "LYE1:"
#define ENROLL_PREFIX_LEN 5

/* One DER element at p (n bytes left): its tag, where its contents start and their length.
 * Only definite lengths of at most 4 bytes, all within the n bytes. */
static bool der_next(const uint8_t *p, size_t n, uint8_t *tag, size_t *hdr, size_t *len)
{
    if (n < 2)
        return false;
    *tag = p[0];
    if (p[1] < 0x80) {
        *hdr = 2;
        *len = p[1];
    } else {
        size_t k = p[1] & 0x7f;
        if (k == 0 || k > 4 || n < 2 + k)
            return false;
        size_t v = 0;
        for (size_t i = 0; i < k; i++)
            v = (v << 8) | p[2 + i];
        *hdr = 2 + k;
        *len = v;
    }
    return *len <= n - *hdr;
}

/* The SubjectPublicKeyInfo of a DER certificate (RFC 5280 4.1): its whole element. */
static bool der_spki(const uint8_t *der, size_t n, const uint8_t **spki, size_t *spki_len)
{
    uint8_t tag;
    size_t hdr, len;
    /* Certificate ::= SEQUENCE { tbsCertificate SEQUENCE { ... } ... } */
    if (!der_next(der, n, &tag, &hdr, &len) || tag != 0x30)
        return false;
    der += hdr;
    n = len;
    if (!der_next(der, n, &tag, &hdr, &len) || tag != 0x30)
        return false;
    der += hdr;
    n = len;
    /* [0] version (optional), serialNumber, signature, issuer, validity, subject */
    static const uint8_t skip[] = {0x02, 0x30, 0x30, 0x30, 0x30};
    if (der_next(der, n, &tag, &hdr, &len) && tag == 0xa0) {
        der += hdr + len;
        n -= hdr + len;
    }
    for (size_t i = 0; i < sizeof skip; i++) {
        if (!der_next(der, n, &tag, &hdr, &len) || tag != skip[i])
            return false;
        der += hdr + len;
        n -= hdr + len;
    }
    if (!der_next(der, n, &tag, &hdr, &len) || tag != 0x30)
        return false;
    *spki = der;
    *spki_len = hdr + len;
    return true;
}

/* The first place of needle (m bytes) in hay (n bytes), or NULL. */
static const char *find(const char *hay, size_t n, const char *needle, size_t m)
{
    for (size_t i = 0; n >= m && i <= n - m; i++) {
        if (memcmp(hay + i, needle, m) == 0)
            return hay + i;
    }
    return NULL;
}

bool ly_pin_from_pem(const char *pem, size_t len, char out[LY_PIN_LEN + 1], char *err, size_t errsz)
{
    static const char begin[] = "-----BEGIN CERTIFICATE-----";
    static const char end[] = "-----END CERTIFICATE-----";
    const char *b = find(pem, len, begin, sizeof begin - 1);
    if (b == NULL)
        return ly_fail(err, errsz, "no PEM certificate (-----BEGIN CERTIFICATE-----)");
    b += sizeof begin - 1;
    const char *e = find(b, len - (size_t)(b - pem), end, sizeof end - 1);
    if (e == NULL)
        return ly_fail(err, errsz, "the PEM certificate has no end line");
    size_t b64len = (size_t)(e - b), derlen = 0;
    uint8_t *der = malloc(b64len);
    const uint8_t *spki;
    size_t spki_len;
    bool ok = der != NULL &&
              sodium_base642bin(der, b64len, b, b64len, " \t\r\n", &derlen, NULL,
                                sodium_base64_VARIANT_ORIGINAL) == 0 &&
              der_spki(der, derlen, &spki, &spki_len);
    if (ok) {
        uint8_t hash[crypto_hash_sha256_BYTES];
        crypto_hash_sha256(hash, spki, spki_len);
        memcpy(out, PIN_PREFIX, PIN_PREFIX_LEN);
        sodium_bin2base64(out + PIN_PREFIX_LEN, LY_PIN_LEN + 1 - PIN_PREFIX_LEN, hash, sizeof hash,
                          sodium_base64_VARIANT_ORIGINAL);
    }
    free(der);
    return ok || ly_fail(err, errsz, "the certificate is not DER that this reader understands");
}

bool ly_pin_from_file(const char *path, char out[LY_PIN_LEN + 1], char *err, size_t errsz)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return ly_fail(err, errsz, "%s: %s", path, strerror(errno));
    char *buf = malloc(LY_PIN_PEM_MAX + 1);
    size_t n = buf ? fread(buf, 1, LY_PIN_PEM_MAX + 1, f) : 0;
    fclose(f);
    bool ok = buf != NULL && n > 0 && n <= LY_PIN_PEM_MAX;
    if (!ok)
        ly_fail(err, errsz, "%s: empty, unreadable or larger than %d bytes", path, LY_PIN_PEM_MAX);
    else if (!ly_pin_from_pem(buf, n, out, err, errsz)) {
        char why[192];
        snprintf(why, sizeof why, "%s", err);
        ok = ly_fail(err, errsz, "%s: %s", path, why);
    }
    free(buf);
    return ok;
}

/* One pin of exactly LY_PIN_LEN bytes: the prefix and canonical base64 of 32 bytes. */
static bool pin_valid(const char *p, size_t n)
{
    uint8_t hash[crypto_hash_sha256_BYTES];
    char again[LY_PIN_LEN + 1];
    size_t got = 0;
    const char *end = NULL;
    if (n != LY_PIN_LEN || memcmp(p, PIN_PREFIX, PIN_PREFIX_LEN) != 0)
        return false;
    if (sodium_base642bin(hash, sizeof hash, p + PIN_PREFIX_LEN, n - PIN_PREFIX_LEN, NULL, &got,
                          &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
        got != sizeof hash || end != p + n)
        return false;
    sodium_bin2base64(again, sizeof again, hash, sizeof hash, sodium_base64_VARIANT_ORIGINAL);
    return memcmp(again, p + PIN_PREFIX_LEN, n - PIN_PREFIX_LEN) == 0;
}

bool ly_pins_valid(const char *text, size_t len)
{
    size_t count = 0;
    const char *p = text, *end = text + len;
    if (len == 0 || len > LY_PINS_TEXT_MAX)
        return false;
    for (;;) {
        const char *semi = memchr(p, ';', (size_t)(end - p));
        const char *stop = semi ? semi : end;
        if (!pin_valid(p, (size_t)(stop - p)) || ++count > LY_PINS_MAX)
            return false;
        if (semi == NULL)
            return true;
        p = semi + 1;
    }
}

bool ly_pins_has(const char *pins, const char *pin)
{
    size_t n = strlen(pin);
    for (const char *p = pins; p && *p;) {
        const char *semi = strchr(p, ';');
        size_t len = semi ? (size_t)(semi - p) : strlen(p);
        if (len == n && memcmp(p, pin, n) == 0)
            return true;
        p = semi ? semi + 1 : NULL;
    }
    return false;
}

bool ly_enroll_text_make(const char *code, const char *pins, char *out, size_t outsz)
{
    int n;
    if (pins == NULL || pins[0] == '\0')
        n = snprintf(out, outsz, "%s", code);
    else if (!ly_pins_valid(pins, strlen(pins)))
        return false;
    else
        n = snprintf(out, outsz, ENROLL_PREFIX "%s:%s", code, pins);
    return n > 0 && (size_t)n < outsz;
}

bool ly_enroll_text_parse(const char *text, size_t len, char *code, size_t codesz,
                          char pins[LY_PINS_TEXT_MAX + 1], char *err, size_t errsz)
{
    while (len > 0 && (text[0] == ' ' || text[0] == '\t')) {
        text++;
        len--;
    }
    while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == '\r' || text[len - 1] == ' ' ||
                       text[len - 1] == '\t'))
        len--;
    pins[0] = '\0';
    if (len == 0 || len > LY_ENROLL_TEXT_MAX)
        return ly_fail(err, errsz, "an enrollment code is 1 to %d characters on one line",
                       LY_ENROLL_TEXT_MAX);
    for (size_t i = 0; i < len; i++) {
        if ((unsigned char)text[i] < ' ' || (unsigned char)text[i] >= 0x7f)
            return ly_fail(err, errsz, "an enrollment code is printable ASCII on one line");
    }
    const char *c = text;
    size_t clen = len;
    if (len > ENROLL_PREFIX_LEN && memcmp(text, ENROLL_PREFIX, ENROLL_PREFIX_LEN) == 0) {
        c = text + ENROLL_PREFIX_LEN;
        const char *colon = memchr(c, ':', len - ENROLL_PREFIX_LEN);
        if (colon == NULL)
            return ly_fail(err, errsz, "the enrollment code has no pin after its code");
        clen = (size_t)(colon - c);
        size_t plen = len - ENROLL_PREFIX_LEN - clen - 1;
        if (!ly_pins_valid(colon + 1, plen))
            return ly_fail(err, errsz,
                           "the enrollment code's pin is not sha256//BASE64 (1 to %d, ';' "
                           "between them): was it copied whole?",
                           LY_PINS_MAX);
        memcpy(pins, colon + 1, plen);
        pins[plen] = '\0';
    } else if (memchr(text, ':', len)) {
        return ly_fail(err, errsz, "not an enrollment code (LYE1:CODE:PIN or a bare code)");
    }
    if (clen == 0 || clen >= codesz)
        return ly_fail(err, errsz, "the code of an enrollment text is 1 to %zu characters",
                       codesz - 1);
    memcpy(code, c, clen);
    code[clen] = '\0';
    return true;
}
