/* fuzz_ui_input - the parser of the screen's scripted input (`lanyard-kiosk --events`,
 * ui/shell/input.h) on arbitrary bytes: it must never crash, and what it accepts must be within the
 * documented bounds. */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "shell/input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct ly_input_cmd c;
    char err[160];
    if (!ly_input_parse((const char *)data, size, &c, err, sizeof err)) {
        assert(err[0] != '\0');
        return 0;
    }
    assert(strlen(c.arg) <= LY_INPUT_ARG_MAX);
    assert(c.x >= 0 && c.x <= LY_INPUT_COORD_MAX && c.y >= 0 && c.y <= LY_INPUT_COORD_MAX);
    assert(c.ms >= 0 && c.ms <= LY_INPUT_WAIT_MAX);
    if (c.kind == LY_INPUT_TAP || c.kind == LY_INPUT_KEY || c.kind == LY_INPUT_SCREEN ||
        c.kind == LY_INPUT_TEXT || c.kind == LY_INPUT_CODE)
        assert(c.arg[0] != '\0');
    return 0;
}
