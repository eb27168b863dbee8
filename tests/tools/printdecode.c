/* printdecode.c - turns a captured printer job back into an image: `printdecode LANG JOB OUT.pgm`
 * with LANG zpl, ql or escpos (tests/tools/printdecode.h). Prints "WIDTHxHEIGHT" and exits 0, or
 * prints why the job does not decode and exits 1. */
#include <stdio.h>

#include "tools/printdecode.h"

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: printdecode zpl|ql|escpos JOB OUT.pgm\n");
        return 2;
    }
    size_t n = 0;
    uint8_t *d = pd_read_file(argv[2], &n);
    if (d == NULL) {
        perror(argv[2]);
        return 1;
    }
    struct ly_bitmap b;
    char err[200];
    bool ok = pd_decode(argv[1], d, n, &b, err, sizeof err);
    free(d);
    if (!ok) {
        fprintf(stderr, "printdecode: %s: %s\n", argv[2], err);
        return 1;
    }
    FILE *f = fopen(argv[3], "wb");
    if (f == NULL) {
        perror(argv[3]);
        ly_bitmap_free(&b);
        return 1;
    }
    fprintf(f, "P5\n%d %d\n255\n", b.width, b.height);
    for (int y = 0; y < b.height; y++) {
        for (int x = 0; x < b.width; x++)
            fputc(ly_bitmap_get(&b, x, y) ? 0 : 255, f);
    }
    bool wrote = fclose(f) == 0;
    printf("%dx%d\n", b.width, b.height);
    ly_bitmap_free(&b);
    return wrote ? 0 : 1;
}
