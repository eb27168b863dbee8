/* fuzz_zpl_hs.c - libFuzzer harness for the Zebra ~HS status reply parser: any bytes from the
 * printer get a verdict, never a crash or a read past the reply. */
#include <stdlib.h>

#include "print/zpl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ly_zpl_status z;
    char err[200];
    (void)ly_zpl_hs_complete(data, size);
    if (ly_zpl_parse_hs(data, size, &z, err, sizeof err)) {
        if (z.formats_waiting < 0 || z.labels_left < 0 || size > LY_ZPL_HS_MAX)
            abort();
    } else if (err[0] == '\0') {
        abort(); /* a refusal always says why */
    }
    return 0;
}
