/* zxing_adapter.h - a C entry point into zxing-cpp (Debian's libzxing), used only by
 * tests/bench/bench_scan.c to compare decoders. Built when the Makefile defines LY_HAVE_ZXING. */
#ifndef LY_ZXING_ADAPTER_H
#define LY_ZXING_ADAPTER_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Decodes QR codes only in a Y800 image (zxing-cpp's default hints otherwise: try harder,
 * rotate, downscale). Copies the first code's bytes, NUL-terminated, into out (outsz bytes) and
 * returns its length; returns 0 when none is found and -1 when it does not fit. */
int ly_zxing_decode_qr(const uint8_t *y800, int width, int height, int stride, char *out,
                       size_t outsz);

#ifdef __cplusplus
}
#endif

#endif
