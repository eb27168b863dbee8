/* fuzz_sealed.c - libFuzzer harness for sealed attendee details (kioskdb_sealed.h), text a
 * kiosk takes from the hub: arbitrary text must be refused or opened, never crash; a blob that
 * the fuzzer did not seal under the key never opens. */
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "kioskdb/kioskdb_sealed.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static uint8_t key[LY_SEALED_KEY_BYTES];
    static bool ready;
    static struct ly_kiosk_attendee a;
    if (!ready) {
        if (sodium_init() < 0)
            abort();
        ly_sealed_key_code("FUZZ-TICKET", key);
        ready = true;
    }
    if (size > LY_SEALED_TEXT_MAX + 8)
        return 0;
    memset(&a, 0, sizeof a);
    a.id = 1;
    a.badge_version = 1;
    memcpy(a.sealed, data, size < LY_SEALED_TEXT_MAX ? size : LY_SEALED_TEXT_MAX);
    (void)ly_sealed_valid(a.sealed);
    /* Forging a Poly1305 tag under a key the input cannot know: never. */
    if (ly_sealed_open(&a, key))
        abort();
    return 0;
}
