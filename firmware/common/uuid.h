/* uuid.h - random UUIDs (version 4, RFC 9562) as text, for the kiosk's identity and its check-ins.
 * Draws from libsodium's generator (sodium_init() first). */
#ifndef LY_UUID_H
#define LY_UUID_H

#define LY_UUID_LEN 36 /* 8-4-4-4-12 hexadecimal digits */

/* Writes a fresh random UUID, lower-case, and its NUL into the caller's out. */
void ly_uuid4(char out[LY_UUID_LEN + 1]);

#endif
