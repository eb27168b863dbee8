/* fuzz_badge.c - libFuzzer harness for the badge code parser and verifier: arbitrary bytes
 * must get a verdict, never a crash, and only a correctly signed code may be accepted. */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "badge/badge.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct ly_badge_key key;
    static bool ready;
    if (!ready) {
        uint8_t seed[32], sk[64];
        for (int i = 0; i < 32; i++)
            seed[i] = (uint8_t)i;
        if (sodium_init() < 0)
            abort();
        crypto_sign_seed_keypair(key.pk, sk, seed);
        key.key_id = ly_badge_key_id(key.pk);
        ready = true;
    }
    struct ly_badge parsed, verified;
    enum ly_badge_status p = ly_badge_parse((const char *)data, size, &parsed);
    enum ly_badge_status v = ly_badge_verify((const char *)data, size, &key, 1, 1, 0, &verified);
    /* The verifier never accepts what the parser refuses, and agrees on what it read. */
    if (p != LY_BADGE_OK && v == LY_BADGE_OK)
        abort();
    if (v == LY_BADGE_OK && memcmp(&parsed.attendee_id, &verified.attendee_id, 4) != 0)
        abort();
    if (ly_badge_status_name(v) == NULL)
        abort();
    return 0;
}
