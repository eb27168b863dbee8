/* fuzz_pin.c - libFuzzer harness for the pin readers (proto/pin.h): any bytes as a PEM
 * certificate (an operator's file), as an X-Lanyard-Pins value (from the network) and as an
 * enrollment text (from a file or standard input). Checks their promises: a pin read from a
 * PEM is a valid pin list of one; a valid list holds each of its pins and is at most
 * LY_PINS_TEXT_MAX bytes; an enrollment text that parses gives a printable code and a valid pin
 * list (or none), and the text made again from them parses to the same. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "proto/pin.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    char pin[LY_PIN_LEN + 1], err[256], code[80], pins[LY_PINS_TEXT_MAX + 1];
    char again[LY_ENROLL_TEXT_MAX + 1], code2[80], pins2[LY_PINS_TEXT_MAX + 1];
    if (ly_pin_from_pem(text, size, pin, err, sizeof err) &&
        (strlen(pin) != LY_PIN_LEN || !ly_pins_valid(pin, strlen(pin))))
        abort();
    if (ly_pins_valid(text, size)) {
        if (size > LY_PINS_TEXT_MAX)
            abort();
        char *copy = malloc(size + 1);
        if (copy == NULL)
            abort();
        memcpy(copy, text, size);
        copy[size] = '\0';
        if (size >= LY_PIN_LEN) {
            memcpy(pin, copy, LY_PIN_LEN);
            pin[LY_PIN_LEN] = '\0';
            if (!ly_pins_has(copy, pin))
                abort();
        }
        free(copy);
    }
    if (ly_enroll_text_parse(text, size, code, sizeof code, pins, err, sizeof err)) {
        for (const char *p = code; *p; p++) {
            if ((unsigned char)*p < ' ' || (unsigned char)*p >= 0x7f)
                abort();
        }
        if (pins[0] && !ly_pins_valid(pins, strlen(pins)))
            abort();
        /* a code holding ':' cannot be made into a text that reads back the same */
        if (strchr(code, ':') == NULL && code[0] != ' ' && code[strlen(code) - 1] != ' ' &&
            ly_enroll_text_make(code, pins, again, sizeof again)) {
            if (!ly_enroll_text_parse(again, strlen(again), code2, sizeof code2, pins2, err,
                                      sizeof err) ||
                strcmp(code, code2) != 0 || strcmp(pins, pins2) != 0)
                abort();
        }
    }
    return 0;
}
