/* fuzz_ql_status.c - libFuzzer harness for the Brother QL 32-byte status parser: only a whole
 * message with its header is accepted, and what it reports stays in range. */
#include <stdlib.h>

#include "print/brother_ql.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ly_ql_status q;
    char err[200];
    if (ly_ql_parse_status(data, size, &q, err, sizeof err)) {
        if (size != LY_QL_STATUS_LEN || data[0] != 0x80 || q.media_width_mm > 255)
            abort();
    } else if (err[0] == '\0') {
        abort();
    }
    return 0;
}
