/* uuid.c - random UUIDs. See uuid.h. */
#include "common/uuid.h"

#include <sodium.h>
#include <stdint.h>
#include <stdio.h>

/* Formats 16 random bytes as a version 4, variant 1 UUID. */
void ly_uuid4(char out[LY_UUID_LEN + 1])
{
    uint8_t b[16];
    size_t o = 0;
    randombytes_buf(b, sizeof b);
    b[6] = (uint8_t)((b[6] & 0x0f) | 0x40);
    b[8] = (uint8_t)((b[8] & 0x3f) | 0x80);
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            out[o++] = '-';
        snprintf(out + o, 3, "%02x", b[i]);
        o += 2;
    }
    out[o] = '\0';
}
