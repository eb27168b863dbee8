/* test_alloc_ui.c - allocation failure in turn (tests/allocfail.h) in the screen's parsers of
 * untrusted input, fed their fuzz harnesses' corpora: a message catalogue (.mo, fuzz_ui_mo), a
 * line of scripted input (`lanyard-kiosk --events`, fuzz_ui_input) and text to lay out and draw
 * (names from registrations in any script, fuzz_ui_text). Each allocation of Lanyard's code
 * fails in turn (SDL's, SDL_ttf's, HarfBuzz's and FriBidi's are their libraries' own, not
 * counted); each run must give exactly what the run without faults gave, or fail with a
 * sentence that says memory ran out. Then LeakSanitizer must find nothing leaked. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "allocfail.h"
#include "check.h"
#include "i18n/mo.h"
#include "shell/input.h"
#include "text/text.h"

/* fuzz_ui_mo: a catalogue, and every NUL-terminated piece of it looked up. */
static bool p_mo(const char *in, size_t n, char *sum, size_t sumsz, char *err, size_t errsz)
{
    struct ly_mo *mo = NULL;
    af_on();
    bool ok = ly_mo_parse(in, n, "in.mo", &mo, err, errsz);
    af_off();
    if (!ok)
        return false;
    FILE *f = fmemopen(sum, sumsz, "w");
    if (f == NULL)
        abort();
    fprintf(f, "%zu;", ly_mo_count(mo));
    for (size_t i = 0; i < n;) {
        size_t len = strnlen(in + i, n - i);
        if (i + len < n) {
            const char *tr = ly_mo_lookup(mo, in + i);
            fprintf(f, "%s;", tr ? tr : "-");
        }
        i += len + 1;
    }
    fclose(f);
    ly_mo_free(mo);
    return true;
}

/* fuzz_ui_input: one line of scripted input. */
static bool p_input(const char *in, size_t n, char *sum, size_t sumsz, char *err, size_t errsz)
{
    struct ly_input_cmd c;
    af_on();
    bool ok = ly_input_parse(in, n, &c, err, errsz);
    af_off();
    if (ok)
        snprintf(sum, sumsz, "%d %s %d %d %d", (int)c.kind, c.arg, c.x, c.y, c.ms);
    return ok;
}

/* fuzz_ui_text: sizes, wrap, lines, weight and alignment from the first four bytes, the text
 * after them; the surface drawn is summed up by its size and a hash of its pixels. */
static struct ly_text *T;

static bool p_text(const char *in, size_t n, char *sum, size_t sumsz, char *err, size_t errsz)
{
    const uint8_t *data = (const uint8_t *)in;
    if (n < 4)
        return snprintf(err, errsz, "too short") < 0;
    int px = LY_TEXT_PX_MIN + data[0] % 60;
    int wrap = data[1] < 64 ? 0 : (data[1] - 64) * 4;
    int max_lines = data[2] % 8;
    enum ly_text_weight w = (data[3] & 1) ? LY_TEXT_BOLD : LY_TEXT_REGULAR;
    enum ly_text_align a = (enum ly_text_align)((data[3] >> 1) % 3);
    size_t k = n - 4 > LY_TEXT_BYTES_MAX ? LY_TEXT_BYTES_MAX : n - 4;
    char text[LY_TEXT_BYTES_MAX + 1];
    memcpy(text, in + 4, k);
    text[k] = '\0';
    int sw = -1, sh = -1;
    SDL_Color fg = {data[0], data[1], data[2], 255};
    af_on();
    bool sized = ly_text_size(T, text, px, w, wrap, max_lines, &sw, &sh);
    SDL_Surface *s = ly_text_render(T, text, px, w, fg, wrap, max_lines, a, err, errsz);
    af_off();
    if (!sized && s != NULL) { /* the sizer has no sentence: it failed where the drawing did not */
        snprintf(err, errsz, "text: sizing failed (out of memory)");
        SDL_FreeSurface(s);
        return false;
    }
    if (s == NULL)
        return false;
    uint64_t h = 1469598103934665603u;
    if (SDL_LockSurface(s) == 0) {
        for (int y = 0; y < s->h; y++) {
            const uint8_t *row = (const uint8_t *)s->pixels + (size_t)y * (size_t)s->pitch;
            for (int x = 0; x < s->w * s->format->BytesPerPixel; x++)
                h = (h ^ row[x]) * 1099511628211u;
        }
        SDL_UnlockSurface(s);
    }
    snprintf(sum, sumsz, "%d %d %d %d %016llx", sw, sh, s->w, s->h, (unsigned long long)h);
    SDL_FreeSurface(s);
    return true;
}

static const struct af_target targets[] = {
    {"screen: message catalogue", "ui_mo", p_mo, 8, 65536, NULL, NULL},
    {"screen: scripted input", "ui_input", p_input, 12, 4096, NULL, NULL},
    {"screen: text layout and drawing", "ui_text", p_text, 8, 4096, NULL, NULL},
};
#define NTARGETS (sizeof targets / sizeof targets[0])

static void screen_parsers_fail_cleanly(void)
{
    (void)af_check_targets(targets, NTARGETS, "screen", false);
}

int main(void)
{
    char err[256];
    if (!af_install() || !ly_text_open(NULL, NULL, &T, err, sizeof err)) {
        fprintf(stderr, "test_alloc_ui: set-up failed\n");
        return 1;
    }
    RUN(screen_parsers_fail_cleanly);
    ly_text_close(T);
    return CHECK_DONE();
}
