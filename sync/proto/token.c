/* token.c - tokens and enrollment codes. See token.h. */
#include "proto/token.h"

#include <sodium.h>
#include <string.h>
#include <strings.h>

#define TOKEN_RANDOM 32 /* bytes of randomness in a token */
#define CODE_CHARS   12 /* characters of an enrollment code, 5 bits each */

static const char crockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

void ly_token_new(enum ly_token_kind kind, char out[LY_TOKEN_LEN + 1])
{
    uint8_t raw[TOKEN_RANDOM];
    randombytes_buf(raw, sizeof raw);
    memcpy(out, kind == LY_TOKEN_READ ? "lyr_" : "lyk_", 4);
    sodium_bin2base64(out + 4, LY_TOKEN_LEN + 1 - 4, raw, sizeof raw,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    sodium_memzero(raw, sizeof raw);
}

enum ly_token_kind ly_token_kind(const char *token)
{
    enum ly_token_kind kind;
    if (strncmp(token, "lyk_", 4) == 0)
        kind = LY_TOKEN_KIOSK;
    else if (strncmp(token, "lyr_", 4) == 0)
        kind = LY_TOKEN_READ;
    else
        return LY_TOKEN_NONE;
    size_t i = 4;
    for (; token[i] != '\0'; i++) {
        char c = token[i];
        bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                  c == '-' || c == '_';
        if (!ok || i >= LY_TOKEN_LEN)
            return LY_TOKEN_NONE;
    }
    return i == LY_TOKEN_LEN ? kind : LY_TOKEN_NONE;
}

void ly_token_hash(const char *token, uint8_t out[LY_TOKEN_HASH_LEN])
{
    crypto_hash_sha256(out, (const unsigned char *)token, strlen(token));
}

const char *ly_token_bearer(const char *header)
{
    if (header == NULL || strncasecmp(header, "Bearer ", 7) != 0)
        return NULL;
    header += 7;
    while (*header == ' ')
        header++;
    return header[0] ? header : NULL;
}

void ly_enroll_code_new(char out[LY_ENROLL_CODE_LEN + 1])
{
    size_t k = 0;
    for (int i = 0; i < CODE_CHARS; i++) {
        if (i > 0 && i % 4 == 0)
            out[k++] = '-';
        out[k++] = crockford[randombytes_uniform(32)];
    }
    out[k] = '\0';
}

bool ly_enroll_code_hash(const char *code, uint8_t out[LY_TOKEN_HASH_LEN])
{
    char norm[CODE_CHARS];
    size_t n = 0;
    for (const char *p = code; *p; p++) {
        char c = *p;
        if (c == '-' || c == ' ')
            continue;
        if (c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        if (c == 'O')
            c = '0';
        else if (c == 'I' || c == 'L')
            c = '1';
        if (c == '\0' || strchr(crockford, c) == NULL || n == CODE_CHARS)
            return false;
        norm[n++] = c;
    }
    if (n != CODE_CHARS)
        return false;
    crypto_hash_sha256(out, (const unsigned char *)norm, n);
    return true;
}
