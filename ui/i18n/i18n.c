/* i18n.c - the kiosk's languages. See i18n.h. */
#include "i18n/i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/fail.h"
#include "i18n/mo.h"

#define DOMAIN    "lanyard"
#define PATH_MAX_ 4096 /* bytes of a catalogue's path */

static const struct lang_def {
    const char *tag, *native;
    const char *codes[4]; /* ISO 639-2/3 codes read as this language too */
} LANGS[LY_LANG_COUNT] = {
    [LY_LANG_EN] = {"en", "English", {"eng"}},
    [LY_LANG_FR] = {"fr", "Français", {"fra", "fre"}},
    [LY_LANG_ES] = {"es", "Español", {"spa"}},
    [LY_LANG_RU] = {"ru", "Русский", {"rus"}},
    [LY_LANG_ZH] = {"zh", "中文", {"zho", "chi", "cmn"}},
    [LY_LANG_AR] = {"ar", "العربية", {"ara", "arb"}},
};

struct ly_i18n {
    struct ly_mo *mo[LY_LANG_COUNT]; /* NULL for English and missing catalogues */
};

bool ly_i18n_open(const char *localedir, struct ly_i18n **out, char *err, size_t errsz)
{
    if (localedir == NULL || strlen(localedir) > PATH_MAX_ - 64)
        return ly_fail(err, errsz, "no locale directory, or its path is too long");
    struct ly_i18n *t = calloc(1, sizeof *t);
    if (t == NULL)
        return ly_fail(err, errsz, "out of memory");
    char missing[64] = "";
    for (int l = 0; l < LY_LANG_COUNT; l++) {
        if (l == LY_LANG_EN)
            continue;
        char path[PATH_MAX_];
        snprintf(path, sizeof path, "%s/%s/LC_MESSAGES/%s.mo", localedir, LANGS[l].tag, DOMAIN);
        bool absent = false;
        if (!ly_mo_load(path, &t->mo[l], &absent, err, errsz)) {
            if (!absent) {
                ly_i18n_close(t);
                return false;
            }
            size_t len = strlen(missing);
            snprintf(missing + len, sizeof missing - len, "%s%s", len ? ", " : "", LANGS[l].tag);
        }
    }
    if (missing[0])
        ly_fail(err, errsz, "no catalogue for %s in %s: %s English", missing, localedir,
                strchr(missing, ',') ? "they show" : "it shows");
    else if (err && errsz)
        err[0] = '\0';
    *out = t;
    return true;
}

void ly_i18n_close(struct ly_i18n *t)
{
    if (t == NULL)
        return;
    for (int l = 0; l < LY_LANG_COUNT; l++)
        ly_mo_free(t->mo[l]);
    free(t);
}

const char *ly_i18n_get(const struct ly_i18n *t, enum ly_lang lang, const char *msgid)
{
    if (t == NULL || (unsigned)lang >= LY_LANG_COUNT || msgid == NULL)
        return msgid;
    const char *s = ly_mo_lookup(t->mo[lang], msgid);
    return s ? s : msgid;
}

/* Appends len bytes of s at out[*pos], as many as fit with the final NUL, never cutting a UTF-8
 * sequence. Returns false when not all fitted. */
static bool append(char *out, size_t outsz, size_t *pos, const char *s, size_t len)
{
    size_t room = outsz - 1 - *pos;
    bool all = len <= room;
    if (!all) {
        len = room;
        while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
            len--;
    }
    memcpy(out + *pos, s, len);
    *pos += len;
    return all;
}

bool ly_i18n_format(char *out, size_t outsz, const char *tmpl, const char *const *args,
                    size_t nargs)
{
    if (out == NULL || outsz == 0)
        return false;
    size_t pos = 0;
    bool ok = true;
    for (const char *p = tmpl ? tmpl : ""; *p && ok;) {
        if (p[0] == '{' && p[1] >= '1' && p[1] <= '9' && p[2] == '}') {
            size_t i = (size_t)(p[1] - '1');
            const char *a = i < nargs && args ? args[i] : NULL;
            if (a)
                ok = append(out, outsz, &pos, a, strlen(a));
            p += 3;
            continue;
        }
        size_t run = strcspn(p + 1, "{") + 1; /* up to the next brace */
        ok = append(out, outsz, &pos, p, run);
        p += run;
    }
    out[pos] = '\0';
    return ok;
}

bool ly_lang_from_tag(const char *tag, enum ly_lang *out)
{
    if (tag == NULL || strnlen(tag, LY_LANG_TAG_MAX + 1) > LY_LANG_TAG_MAX)
        return false;
    size_t len = strcspn(tag, "-_.@");
    if (len < 2 || len > 3)
        return false;
    char primary[4] = "";
    for (size_t i = 0; i < len; i++) {
        char c = tag[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c < 'a' || c > 'z')
            return false;
        primary[i] = c;
    }
    for (int l = 0; l < LY_LANG_COUNT; l++) {
        bool match = strcmp(primary, LANGS[l].tag) == 0;
        for (int k = 0; k < 4 && LANGS[l].codes[k] && !match; k++)
            match = strcmp(primary, LANGS[l].codes[k]) == 0;
        if (match) {
            *out = (enum ly_lang)l;
            return true;
        }
    }
    return false;
}

const char *ly_lang_tag(enum ly_lang l)
{
    return (unsigned)l < LY_LANG_COUNT ? LANGS[l].tag : LANGS[LY_LANG_EN].tag;
}

const char *ly_lang_native_name(enum ly_lang l)
{
    return (unsigned)l < LY_LANG_COUNT ? LANGS[l].native : LANGS[LY_LANG_EN].native;
}

bool ly_lang_rtl(enum ly_lang l)
{
    return l == LY_LANG_AR;
}
