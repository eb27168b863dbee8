/* zxread.h - zxing-cpp (Debian libzxing) as the scanner's second decoder, behind a C interface:
 * ZBar reads every frame first; zxing-cpp reads only what ZBar failed on (an area around finder
 * patterns on a camera, the whole image of a still), where its detector copes with perspective
 * and small modules that ZBar's does not (measured in docs/scanning.md). Private to firmware/scan;
 * the only C++ in the firmware, in zxread.cpp. */
#ifndef LY_SCAN_ZXREAD_H
#define LY_SCAN_ZXREAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* One code zxing-cpp read. */
struct ly_zxread_code {
    const uint8_t *bytes; /* the symbol's bytes as encoded (no character set conversion); valid
                             until the next ly_zxread call */
    size_t len;
    int x[4], y[4]; /* its corners in the image */
};

/* Reads QR codes in the w x h grey image px (rows stride bytes apart): at most max of them into
 * out. thorough: zxing-cpp's harder search (rotations, a shrunk copy); off, one plain pass, as a
 * camera's budget allows. Returns the number read, or -1 when memory ran out or zxing-cpp failed
 * (nothing read then). Not thread-safe: one scanner's thread at a time. */
int ly_zxread(const uint8_t *px, int w, int h, int stride, bool thorough,
              struct ly_zxread_code *out, int max);

#ifdef __cplusplus
}
#endif

#endif
