/* fuzz_hub_enroll.c - libFuzzer harness for the enrollment body (POST /api/v1/enroll) and the
 * code it carries: any bytes. An accepted body has a UUID kiosk_id and bounded strings; a code
 * the hasher accepts has exactly 12 code characters once dashes and spaces are dropped, and
 * hashes the same whatever its case. Also the bearer-token recognizer on the same bytes. */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hub/hub_req.h"
#include "proto/token.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ly_req_enroll e;
    char err[256] = "";
    if (ly_req_enroll((const char *)data, size, &e, err, sizeof err) == LY_REQ_OK) {
        if (strlen(e.kiosk_id) != LY_UUID_LEN || strlen(e.code) > 64 ||
            strlen(e.software) > LY_SOFTWARE_MAX)
            abort();
        uint8_t h1[LY_TOKEN_HASH_LEN], h2[LY_TOKEN_HASH_LEN];
        if (ly_enroll_code_hash(e.code, h1)) {
            size_t n = 0;
            char up[65];
            for (size_t i = 0; e.code[i]; i++) {
                n += e.code[i] != '-' && e.code[i] != ' ';
                up[i] = (char)toupper((unsigned char)e.code[i]);
                up[i + 1] = '\0';
            }
            if (n != 12 || !ly_enroll_code_hash(up, h2) || memcmp(h1, h2, sizeof h1) != 0)
                abort();
        }
    } else if (err[0] == '\0') {
        abort();
    }
    /* The same bytes as an Authorization header value. */
    char hdr[256];
    size_t n = size < sizeof hdr - 1 ? size : sizeof hdr - 1;
    memcpy(hdr, data, n);
    hdr[n] = '\0';
    const char *tok = ly_token_bearer(hdr);
    if (tok && (tok < hdr || tok >= hdr + n || tok[0] == '\0'))
        abort();
    if (tok && ly_token_kind(tok) != LY_TOKEN_NONE && strlen(tok) != LY_TOKEN_LEN)
        abort();
    return 0;
}
