/* test_dynbuf.c - the capped growable buffer: content up to the cap exactly, one byte more
 * refused and freed, printf growth past the small stack buffer, reset keeping the memory, files
 * read under a cap, and the growable array's bound. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "common/dynbuf.h"

static void exact_cap_fits(void)
{
    struct ly_dynbuf b;
    ly_dynbuf_init(&b, 10);
    CHECK(ly_dynbuf_ptr(&b) == NULL);
    CHECK_STR(ly_dynbuf_str(&b), "");
    CHECK_INT(ly_dynbuf_add_str(&b, "01234"), LY_DYN_OK);
    CHECK_INT(ly_dynbuf_add(&b, "56789", 5), LY_DYN_OK);
    CHECK_INT(ly_dynbuf_len(&b), 10);
    CHECK_STR(ly_dynbuf_ptr(&b), "0123456789");
    CHECK_INT(ly_dynbuf_add(&b, "", 0), LY_DYN_OK); /* nothing added: still within */
    ly_dynbuf_free(&b);
    CHECK(ly_dynbuf_ptr(&b) == NULL);
}

static void cap_hit_frees(void)
{
    struct ly_dynbuf b;
    ly_dynbuf_init(&b, 10);
    CHECK_INT(ly_dynbuf_add_str(&b, "0123456789"), LY_DYN_OK);
    CHECK_INT(ly_dynbuf_add(&b, "x", 1), LY_DYN_TOO_BIG);
    CHECK(ly_dynbuf_ptr(&b) == NULL);
    CHECK_INT(ly_dynbuf_len(&b), 0);
    /* One add larger than the cap at once, and a length that would wrap around. */
    CHECK_INT(ly_dynbuf_add(&b, "0123456789A", 11), LY_DYN_TOO_BIG);
    CHECK_INT(ly_dynbuf_add_str(&b, "abc"), LY_DYN_OK);
    CHECK_INT(ly_dynbuf_add(&b, "x", SIZE_MAX), LY_DYN_TOO_BIG);
    CHECK(ly_dynbuf_ptr(&b) == NULL);
    CHECK_INT(ly_dynbuf_addf(&b, "%s", "01234567890"), LY_DYN_TOO_BIG);
    ly_dynbuf_free(&b);
}

static void printf_grows(void)
{
    struct ly_dynbuf b;
    ly_dynbuf_init(&b, 100000);
    CHECK_INT(ly_dynbuf_addf(&b, "%d-%s", 42, "x"), LY_DYN_OK);
    CHECK_STR(ly_dynbuf_ptr(&b), "42-x");
    char big[5001];
    memset(big, 'y', 5000);
    big[5000] = '\0';
    CHECK_INT(ly_dynbuf_addf(&b, "[%s]", big), LY_DYN_OK); /* past the 256-byte stack buffer */
    CHECK_INT(ly_dynbuf_len(&b), 4 + 5002);
    CHECK(ly_dynbuf_ptr(&b)[4] == '[' && ly_dynbuf_ptr(&b)[5005] == ']');
    CHECK(ly_dynbuf_ptr(&b)[5006] == '\0');
    for (int i = 0; i < 1000; i++)
        CHECK_INT(ly_dynbuf_addf(&b, "%03d", i), LY_DYN_OK);
    CHECK_INT(ly_dynbuf_len(&b), 5006 + 3000);
    CHECK(memcmp(ly_dynbuf_ptr(&b) + 5006, "000001002", 9) == 0);
    size_t len;
    char *taken = ly_dynbuf_take(&b, &len);
    CHECK_INT(len, 8006);
    CHECK(ly_dynbuf_ptr(&b) == NULL);
    free(taken);
}

static void reset_keeps_memory(void)
{
    struct ly_dynbuf b;
    ly_dynbuf_init(&b, 64);
    CHECK_INT(ly_dynbuf_add_str(&b, "hello"), LY_DYN_OK);
    char *p = ly_dynbuf_ptr(&b);
    ly_dynbuf_reset(&b);
    CHECK_INT(ly_dynbuf_len(&b), 0);
    CHECK_STR(ly_dynbuf_ptr(&b), "");
    CHECK_INT(ly_dynbuf_add(&b, "a\0b", 3), LY_DYN_OK); /* NUL bytes are content */
    CHECK(ly_dynbuf_ptr(&b) == p);
    CHECK_INT(ly_dynbuf_len(&b), 3);
    CHECK(memcmp(ly_dynbuf_ptr(&b), "a\0b", 4) == 0);
    ly_dynbuf_free(&b);
}

static void files_under_a_cap(void)
{
    FILE *f = tmpfile();
    CHECK(f != NULL);
    if (f == NULL)
        return;
    for (int i = 0; i < 20000; i++)
        fputs("0123456789", f);
    rewind(f);
    struct ly_dynbuf b;
    ly_dynbuf_init(&b, 200000);
    CHECK_INT(ly_dynbuf_add_file(&b, f), LY_DYN_OK);
    CHECK_INT(ly_dynbuf_len(&b), 200000);
    rewind(f);
    ly_dynbuf_free(&b);
    ly_dynbuf_init(&b, 199999);
    CHECK_INT(ly_dynbuf_add_file(&b, f), LY_DYN_TOO_BIG);
    CHECK(ly_dynbuf_ptr(&b) == NULL);
    fclose(f);
    /* A whole file by path: an empty one still gives a buffer; a missing one is LY_DYN_IO. */
    CHECK_INT(ly_dynbuf_read_file(&b, "/dev/null"), LY_DYN_OK);
    CHECK(ly_dynbuf_ptr(&b) != NULL && ly_dynbuf_len(&b) == 0);
    CHECK_INT(ly_dynbuf_read_file(&b, "/nonexistent/file"), LY_DYN_IO);
    CHECK(ly_dynbuf_ptr(&b) == NULL);
}

static void arrays_are_bounded(void)
{
    int *a = NULL;
    size_t cap = 0;
    CHECK(ly_array_reserve((void **)&a, &cap, 1, sizeof *a, 40));
    CHECK_INT(cap, 16);
    CHECK(ly_array_reserve((void **)&a, &cap, 17, sizeof *a, 40));
    CHECK_INT(cap, 32);
    CHECK(ly_array_reserve((void **)&a, &cap, 40, sizeof *a, 40));
    CHECK_INT(cap, 40); /* never past the bound */
    a[39] = 7;
    CHECK(!ly_array_reserve((void **)&a, &cap, 41, sizeof *a, 40));
    CHECK_INT(cap, 40);
    CHECK_INT(a[39], 7); /* a refusal leaves the array as it was */
    free(a);
    void *huge = NULL;
    size_t hcap = 0;
    CHECK(!ly_array_reserve(&huge, &hcap, 3, SIZE_MAX / 2, SIZE_MAX)); /* n * elem would wrap */
    CHECK(huge == NULL && hcap == 0);
}

int main(void)
{
    RUN(exact_cap_fits);
    RUN(cap_hit_frees);
    RUN(printf_grows);
    RUN(reset_keeps_memory);
    RUN(files_under_a_cap);
    RUN(arrays_are_bounded);
    return CHECK_DONE();
}
