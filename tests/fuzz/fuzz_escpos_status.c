/* fuzz_escpos_status.c - libFuzzer harness for the ESC/POS DLE EOT status parser: four status
 * bytes with their fixed bits, or a refusal that says why. */
#include <stdlib.h>

#include "print/escpos.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ly_escpos_status e;
    char err[200];
    if (ly_escpos_parse_status(data, size, &e, err, sizeof err)) {
        if (size != 4)
            abort();
        for (size_t i = 0; i < 4; i++) {
            if ((data[i] & 0x93) != 0x12)
                abort();
        }
    } else if (err[0] == '\0') {
        abort();
    }
    return 0;
}
