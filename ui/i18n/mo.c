/* mo.c - GNU .mo catalogues. See mo.h.
 *
 * The format (GNU gettext manual, "The Format of GNU MO Files"): a 28-byte header of 32-bit
 * words in the file's byte order (magic 0x950412de, revision, number of strings N, offset of the
 * table of original strings, offset of the table of translations, hash table size and offset),
 * then two tables of N (length, offset) pairs; each string is followed by a NUL that its length
 * does not count. msgfmt sorts the originals, but this reader sorts its own index rather than
 * trusting the file, and ignores the hash table. */
#include "i18n/mo.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/fail.h"
#include "common/utf8.h"

#define MO_MAGIC   0x950412deu
#define HEADER_LEN 28

struct entry {
    const char *id, *str; /* first forms, in buf */
};

struct ly_mo {
    char *buf;
    struct entry *e;
    size_t n;
};

static uint32_t rd32(const uint8_t *p, bool big)
{
    if (big)
        return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
    return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

static int by_id(const void *a, const void *b)
{
    return strcmp(((const struct entry *)a)->id, ((const struct entry *)b)->id);
}

/* Finds string i of the table at tab: checks that it lies in the file, ends with a NUL, is
 * UTF-8 and (first form) not longer than LY_MO_STRING_MAX. */
static bool string_at(const struct ly_mo *mo, const uint8_t *d, size_t size, uint32_t tab,
                      uint32_t i, bool big, const char **s, size_t *len, const char *name,
                      const char *what, char *err, size_t errsz)
{
    uint64_t at = (uint64_t)tab + 8ull * i;
    uint32_t n = rd32(d + at, big), off = rd32(d + at + 4, big);
    if (off >= size || n >= size - off || d[off + n] != '\0')
        return ly_fail(err, errsz, "%s: %s %u lies outside the file", name, what, (unsigned)i);
    if (!ly_utf8_valid((const char *)d + off, n))
        return ly_fail(err, errsz, "%s: %s %u is not UTF-8", name, what, (unsigned)i);
    if (strnlen((const char *)d + off, n) > LY_MO_STRING_MAX)
        return ly_fail(err, errsz, "%s: %s %u is longer than %d bytes", name, what, (unsigned)i,
                       LY_MO_STRING_MAX);
    *s = mo->buf + off;
    *len = n;
    return true;
}

/* The header entry's charset, when it names one, must be UTF-8. */
static bool check_charset(const char *header, const char *name, char *err, size_t errsz)
{
    const char *cs = strstr(header, "charset=");
    if (cs == NULL)
        return true;
    cs += strlen("charset=");
    size_t len = strcspn(cs, " \t\r\n;");
    if (len == 5 && strncasecmp(cs, "UTF-8", 5) == 0)
        return true;
    return ly_fail(err, errsz, "%s: the catalogue is in %.*s, not UTF-8", name,
                   (int)(len > 32 ? 32 : len), cs);
}

bool ly_mo_parse(const void *data, size_t size, const char *name, struct ly_mo **out, char *err,
                 size_t errsz)
{
    const uint8_t *d = data;
    if (size < HEADER_LEN)
        return ly_fail(err, errsz, "%s: too short for a .mo file (%zu bytes)", name, size);
    if (size > LY_MO_FILE_MAX)
        return ly_fail(err, errsz, "%s: larger than %ld bytes", name, LY_MO_FILE_MAX);
    bool big;
    if (rd32(d, false) == MO_MAGIC)
        big = false;
    else if (rd32(d, true) == MO_MAGIC)
        big = true;
    else
        return ly_fail(err, errsz, "%s: not a .mo file (bad magic number)", name);
    uint32_t revision = rd32(d + 4, big), n = rd32(d + 8, big);
    uint32_t orig = rd32(d + 12, big), trans = rd32(d + 16, big);
    if (revision >> 16 > 1)
        return ly_fail(err, errsz, "%s: unknown .mo revision %u", name, (unsigned)(revision >> 16));
    if (n > LY_MO_STRINGS_MAX + 1) /* + the header entry */
        return ly_fail(err, errsz, "%s: %u strings, more than %d", name, (unsigned)n,
                       LY_MO_STRINGS_MAX);
    if ((uint64_t)orig + 8ull * n > size || (uint64_t)trans + 8ull * n > size)
        return ly_fail(err, errsz, "%s: string tables lie outside the file", name);

    struct ly_mo *mo = calloc(1, sizeof *mo);
    if (mo == NULL)
        return ly_fail(err, errsz, "out of memory");
    mo->buf = malloc(size);
    mo->e = calloc(n ? n : 1, sizeof *mo->e);
    if (mo->buf == NULL || mo->e == NULL) {
        ly_mo_free(mo);
        return ly_fail(err, errsz, "out of memory");
    }
    memcpy(mo->buf, d, size);
    for (uint32_t i = 0; i < n; i++) {
        const char *id, *str;
        size_t idlen, strlen_;
        if (!string_at(mo, d, size, orig, i, big, &id, &idlen, name, "original string", err,
                       errsz) ||
            !string_at(mo, d, size, trans, i, big, &str, &strlen_, name, "translation", err,
                       errsz)) {
            ly_mo_free(mo);
            return false;
        }
        if (idlen == 0) {
            if (!check_charset(str, name, err, errsz)) {
                ly_mo_free(mo);
                return false;
            }
            continue;
        }
        if (id[0] == '\0' || memchr(id, '\004', idlen) != NULL || str[0] == '\0')
            continue; /* no singular msgid, a msgctxt entry, or untranslated */
        mo->e[mo->n++] = (struct entry){id, str};
    }
    qsort(mo->e, mo->n, sizeof *mo->e, by_id);
    *out = mo;
    return true;
}

bool ly_mo_load(const char *path, struct ly_mo **out, bool *missing, char *err, size_t errsz)
{
    if (missing)
        *missing = false;
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        if (missing && errno == ENOENT)
            *missing = true;
        return ly_fail(err, errsz, "%s: %s", path, strerror(errno));
    }
    char *buf = malloc(LY_MO_FILE_MAX + 1);
    if (buf == NULL) {
        fclose(f);
        return ly_fail(err, errsz, "out of memory");
    }
    size_t got = fread(buf, 1, LY_MO_FILE_MAX + 1, f);
    bool ok = !ferror(f);
    fclose(f);
    if (!ok)
        ly_fail(err, errsz, "%s: cannot read", path);
    else
        ok = ly_mo_parse(buf, got, path, out, err, errsz);
    free(buf);
    return ok;
}

void ly_mo_free(struct ly_mo *mo)
{
    if (mo == NULL)
        return;
    free(mo->buf);
    free(mo->e);
    free(mo);
}

const char *ly_mo_lookup(const struct ly_mo *mo, const char *msgid)
{
    if (mo == NULL || msgid == NULL)
        return NULL;
    struct entry key = {msgid, NULL};
    const struct entry *e = bsearch(&key, mo->e, mo->n, sizeof *mo->e, by_id);
    return e ? e->str : NULL;
}

size_t ly_mo_count(const struct ly_mo *mo)
{
    return mo ? mo->n : 0;
}
