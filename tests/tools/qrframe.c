/* qrframe.c - writes a camera-like PNG frame holding a QR code, for integration tests:
 *   qrframe OUT.png WIDTHxHEIGHT PAYLOAD|- [size=PCT] [angle=DEG] [tilt=PCT] [blur=PX]
 *           [noise=SIGMA] [dark=LEVEL] [light=LEVEL] [cx=PCT] [cy=PCT] [inverted] [mirrored]
 *           [seed=N] [scene=N]
 * "-" draws no code (an idle frame). Sizes and positions are percent of the frame. */
#include <cairo.h>
#include <stdio.h>
#include <string.h>

#include "capture/frame.h"
#include "common/num.h"
#include "pngout.h"
#include "qrsynth.h"

static int usage(void)
{
    fprintf(stderr, "usage: qrframe OUT.png WIDTHxHEIGHT PAYLOAD|- [size=PCT] [angle=DEG] "
                    "[tilt=PCT] [blur=PX] [noise=SIGMA] [dark=N] [light=N] [cx=PCT] [cy=PCT] "
                    "[inverted] [mirrored] [seed=N] [scene=N]\n");
    return 2;
}

int main(int argc, char **argv)
{
    struct qrs_params p = {.size = 0.45};
    struct ly_frame f;
    char dims[32];
    int64_t w, h, v;
    const char *x;
    if (argc < 4 || strlen(argv[2]) >= sizeof(dims))
        return usage();
    x = strchr(argv[2], 'x');
    if (x == NULL)
        return usage();
    memcpy(dims, argv[2], (size_t)(x - argv[2]));
    dims[x - argv[2]] = '\0';
    if (!ly_num_int(dims, 16, 4096, &w) || !ly_num_int(x + 1, 16, 4096, &h))
        return usage();
    for (int i = 4; i < argc; i++) {
        const char *eq = strchr(argv[i], '=');
        const char *val = eq ? eq + 1 : "";
        size_t klen = eq ? (size_t)(eq - argv[i]) : strlen(argv[i]);
        if (strcmp(argv[i], "inverted") == 0) {
            p.inverted = true;
            continue;
        }
        if (strcmp(argv[i], "mirrored") == 0) {
            p.mirrored = true;
            continue;
        }
        if (eq == NULL || !ly_num_int(val, -360, 1000000, &v))
            return usage();
        if (klen == 4 && strncmp(argv[i], "size", 4) == 0)
            p.size = (double)v / 100.0;
        else if (klen == 5 && strncmp(argv[i], "angle", 5) == 0)
            p.angle_deg = (double)v;
        else if (klen == 4 && strncmp(argv[i], "tilt", 4) == 0)
            p.tilt = (double)v / 100.0;
        else if (klen == 4 && strncmp(argv[i], "blur", 4) == 0)
            p.blur = (int)v;
        else if (klen == 5 && strncmp(argv[i], "noise", 5) == 0)
            p.noise = (double)v;
        else if (klen == 4 && strncmp(argv[i], "dark", 4) == 0)
            p.dark = (int)v;
        else if (klen == 5 && strncmp(argv[i], "light", 5) == 0)
            p.light = (int)v;
        else if (klen == 2 && strncmp(argv[i], "cx", 2) == 0)
            p.cx = (double)v / 100.0;
        else if (klen == 2 && strncmp(argv[i], "cy", 2) == 0)
            p.cy = (double)v / 100.0;
        else if (klen == 4 && strncmp(argv[i], "seed", 4) == 0)
            p.seed = (unsigned)v;
        else if (klen == 5 && strncmp(argv[i], "scene", 5) == 0)
            p.scene = (unsigned)v;
        else
            return usage();
    }
    if (!ly_frame_alloc(&f, (int)w, (int)h)) {
        fprintf(stderr, "qrframe: out of memory\n");
        return 1;
    }
    if (!qrs_frame(&f, strcmp(argv[3], "-") == 0 ? NULL : argv[3], &p) || !write_png(&f, argv[1])) {
        fprintf(stderr, "qrframe: cannot make %s\n", argv[1]);
        ly_frame_free(&f);
        return 1;
    }
    ly_frame_free(&f);
    return 0;
}
