/* pin.h - the hub's TLS key as a kiosk pins it, and the enrollment text that carries the pin
 * (docs/security.md, "The kiosk's channel to its hub"). A pin is "sha256//" and the base64 of
 * the SHA-256 of the certificate's SubjectPublicKeyInfo (DER), the form of libcurl's
 * CURLOPT_PINNEDPUBLICKEY, so that a renewed certificate with the same key still matches. A pin
 * list is 1 to LY_PINS_MAX pins separated by ';'. The enrollment text is "LYE1:CODE:PINS", or
 * a bare code (a hub on loopback, or --insecure-http). */
#ifndef LY_PIN_H
#define LY_PIN_H

#include <stdbool.h>
#include <stddef.h>

#define LY_PIN_LEN       52 /* "sha256//" and 44 characters of base64 */
#define LY_PINS_MAX      4  /* pins a kiosk keeps: the hub's key, the next one, two spare */
#define LY_PINS_TEXT_MAX (LY_PINS_MAX * (LY_PIN_LEN + 1))
#define LY_PIN_PEM_MAX   (256 * 1024) /* bytes of a PEM certificate file */
/* An enrollment text: "LYE1:", a code, ':', a pin list (a QR of version 10 or less at M). */
#define LY_ENROLL_TEXT_MAX (5 + 64 + 1 + LY_PINS_TEXT_MAX)

/* The pin of the first certificate in a PEM text (len bytes). Returns false with a sentence in
 * err when there is no certificate or it is not DER the reader understands. */
__attribute__((warn_unused_result)) bool
ly_pin_from_pem(const char *pem, size_t len, char out[LY_PIN_LEN + 1], char *err, size_t errsz);

/* The same, from the PEM file at path (at most LY_PIN_PEM_MAX bytes). */
__attribute__((warn_unused_result)) bool
ly_pin_from_file(const char *path, char out[LY_PIN_LEN + 1], char *err, size_t errsz);

/* Whether text (len bytes, not NUL-terminated) is a valid pin list: 1 to LY_PINS_MAX pins of
 * the exact form above, separated by ';'. */
bool ly_pins_valid(const char *text, size_t len);

/* Whether pin (one pin) is in the pin list pins. */
bool ly_pins_has(const char *pins, const char *pin);

/* Writes the enrollment text of code and pins (NULL or "": the bare code) into out. Returns
 * false when it does not fit or pins is not a valid list. */
__attribute__((warn_unused_result)) bool ly_enroll_text_make(const char *code, const char *pins,
                                                             char *out, size_t outsz);

/* Reads an enrollment text (len bytes, surrounding blanks and line ends ignored): the code
 * into code (room for codesz) and the pin list into pins ("" for a bare code). Returns false
 * with a sentence in err. */
__attribute__((warn_unused_result)) bool ly_enroll_text_parse(const char *text, size_t len,
                                                              char *code, size_t codesz,
                                                              char pins[LY_PINS_TEXT_MAX + 1],
                                                              char *err, size_t errsz);

#endif
