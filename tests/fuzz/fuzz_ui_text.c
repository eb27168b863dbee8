/* fuzz_ui_text.c - libFuzzer harness for the text layer: arbitrary bytes as text (bad UTF-8,
 * controls, bidi marks, any script) with sizes, wrap widths, line limits, weights and alignments
 * taken from the first bytes. Checks the promises of text.h: render and size agree, a surface is
 * within LY_TEXT_DIM_MAX, exactly wrap_w wide when wrapping, a whole number of lines high, at most
 * max_lines of them; a failure leaves a message. Sizes are kept small so that a run is quick, and
 * texts to FUZZ_TEXT_BYTES. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Bytes of text read from an input: a quarter of LY_TEXT_BYTES_MAX, still more than 64 lines
 * (LY_TEXT_LINES_MAX) of one character and lines wider and taller than LY_TEXT_DIM_MAX at the
 * larger sizes. The layout's time goes with the text (measured under the sanitizers: random
 * texts of 4,096 bytes took about 43 ms an execution, of 1,024 bytes about 18 ms). */
#define FUZZ_TEXT_BYTES (LY_TEXT_BYTES_MAX / 4)

static struct ly_text *T;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char err[256];
    if (T == NULL && !ly_text_open(NULL, NULL, &T, err, sizeof err))
        abort();
    if (size < 4)
        return 0;
    int px = LY_TEXT_PX_MIN + data[0] % 60;
    int wrap = data[1] < 64 ? 0 : (data[1] - 64) * 4; /* 0, or 0 to 764 pixels */
    int max_lines = data[2] % 8;
    enum ly_text_weight w = (data[3] & 1) ? LY_TEXT_BOLD : LY_TEXT_REGULAR;
    enum ly_text_align a = (enum ly_text_align)((data[3] >> 1) % 3);
    size_t n = size - 4 > FUZZ_TEXT_BYTES ? FUZZ_TEXT_BYTES : size - 4;
    char *text = malloc(n + 1);
    memcpy(text, data + 4, n);
    text[n] = '\0';

    int sw = -1, sh = -1, lw = -1, lh = -1;
    (void)lw;
    bool sized = ly_text_size(T, text, px, w, wrap, max_lines, &sw, &sh);
    bool line = ly_text_size(T, "", px, w, 0, 0, &lw, &lh);
    SDL_Color fg = {data[0], data[1], data[2], 255};
    err[0] = '\0';
    SDL_Surface *s = ly_text_render(T, text, px, w, fg, wrap, max_lines, a, err, sizeof err);
    if (!line || sized != (s != NULL) || (s == NULL && err[0] == '\0'))
        abort();
    if (s) {
        if (s->w != sw || s->h != sh || s->w < 1 || s->w > LY_TEXT_DIM_MAX ||
            s->h > LY_TEXT_DIM_MAX || (wrap && s->w != wrap))
            abort();
        /* Lines are at least as tall as an empty line, all as tall as the text's one line (the
         * tallest face it uses), and no more than max_lines of them. */
        int ow, oh;
        if (!ly_text_size(T, text, px, w, wrap, 1, &ow, &oh) || oh < lh || sh % oh != 0 ||
            sh / oh > (max_lines ? max_lines : LY_TEXT_LINES_MAX))
            abort();
        SDL_FreeSurface(s);
    }
    (void)ly_text_is_rtl(text);
    free(text);
    return 0;
}
