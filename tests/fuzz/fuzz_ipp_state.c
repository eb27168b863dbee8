/* fuzz_ipp_state.c - libFuzzer harness for what the IPP path reads of a CUPS answer: the bytes
 * are read as an IPP message by libcups (ippReadIO, as from the wire), then Lanyard takes the
 * printer and job state, the reasons and the message from it and maps them to a reason. Nothing
 * may crash or run past its buffers, whatever attributes, types and lengths come. */
#include <cups/cups.h>
#include <stdlib.h>
#include <string.h>

#include "print/ipp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct mem {
    const uint8_t *data;
    size_t size, pos;
};

static ssize_t read_mem(void *ctx, ipp_uchar_t *buf, size_t n)
{
    struct mem *m = ctx;
    size_t left = m->size - m->pos;
    n = n < left ? n : left;
    memcpy(buf, m->data + m->pos, n);
    m->pos += n;
    return (ssize_t)n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct mem m = {data, size, 0};
    ipp_t *ipp = ippNew();
    ipp_state_t st = ippReadIO(&m, read_mem, 1, NULL, ipp);
    struct ly_ipp_state s;
    ly_ipp_read_state(st == IPP_STATE_DATA ? ipp : NULL, &s);
    if (strlen(s.reasons) >= sizeof s.reasons || strlen(s.message) >= sizeof s.message)
        abort();
    char detail[LY_PRINT_DETAIL_MAX];
    enum ly_print_reason r = ly_ipp_reason(&s, detail, sizeof detail);
    if ((unsigned)r >= LY_PR_COUNT || (r != LY_PR_NONE && strlen(detail) >= sizeof detail))
        abort();
    ippDelete(ipp);
    return 0;
}
