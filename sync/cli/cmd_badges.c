/* cmd_badges.c - `lanyard badges`: print-ready badges for every onsite registration (or those
 * listed) as one PDF, A6 or four to an A4 sheet, and optionally one PNG per badge. Each badge
 * carries a freshly signed code for the attendee's current badge version; revoked badges are
 * never printed. The PDF is written beside its final name and renamed when complete, so a
 * failed run (a full disk) never leaves a truncated file that looks finished. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "event/country.h"
#include "orgdb/issue.h"
#include "common/ly_limits.h"
#include "common/num.h"
#include "print/render.h"
#include "event/vocab.h"

#define DEFAULT_DPI 150

struct options {
    const char *out;
    const char *png_dir;
    const char *only;
    enum ly_render_layout layout;
    bool online;
    bool window;
    int dpi;
};

struct run {
    const struct options *opt;
    struct ly_render *render;
    struct ly_issuer issuer;
    char dates[64];
    size_t written, skipped_online, skipped_revoked;
    int qr_min, qr_max;
    char err[512];
};

/* Writes a message into err; a message longer than the buffer is cut. */
__attribute__((format(printf, 3, 4))) static void set_err(char *err, size_t errsz, const char *fmt,
                                                          ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(err, errsz, fmt, ap);
    va_end(ap);
    if (n < 0 && errsz > 0)
        err[0] = '\0';
}

static void usage(void)
{
    fprintf(stderr,
            "usage: lanyard --db FILE badges --out FILE.pdf [--png DIR] [--dpi N] [--only IDS]\n"
            "                                [--sheet a6|a4] [--online] [--no-window]\n"
            "  --out FILE.pdf  the PDF to write: one A6 badge per page, or with --sheet a4 four\n"
            "                  A6 badges per A4 sheet with cut marks\n"
            "  --png DIR       also write one PNG per badge into DIR (at --dpi, default 150)\n"
            "  --only IDS      comma-separated attendee ids or registration ids from the import\n"
            "  --online        include online registrations (default: onsite only)\n"
            "  --no-window     codes without a validity window (valid at any date)\n"
            "Revoked badges are never printed.\n");
}

/* Month names for the printed dates; badges are printed in English, like the category band. */
static const char *const months[12] = {"January",   "February", "March",    "April",
                                       "May",       "June",     "July",     "August",
                                       "September", "October",  "November", "December"};

/* Splits a validated "YYYY-MM-DD" into numbers. */
static bool split_date(const char *s, int *y, int *m, int *d)
{
    char part[5];
    int64_t v[3];
    static const int at[3] = {0, 5, 8}, len[3] = {4, 2, 2};
    int64_t days;
    if (!ly_num_date(s, &days))
        return false;
    for (int i = 0; i < 3; i++) {
        memcpy(part, s + at[i], (size_t)len[i]);
        part[len[i]] = '\0';
        if (!ly_num_int(part, 1, 9999, &v[i]))
            return false;
    }
    *y = (int)v[0];
    *m = (int)v[1];
    *d = (int)v[2];
    return true;
}

/* Writes the event's dates as people read them: "23–27 June 2025", "30 June – 2 July 2025",
 * "23 June 2025". Returns false when a date is damaged or the text does not fit. */
static bool format_dates(const struct ly_event *ev, char *out, size_t outsz)
{
    int y1, m1, d1, y2, m2, d2, n;
    if (!split_date(ev->starts, &y1, &m1, &d1) || !split_date(ev->ends, &y2, &m2, &d2))
        return false;
    const char *mo1 = months[m1 - 1], *mo2 = months[m2 - 1];
    if (y1 == y2 && m1 == m2 && d1 == d2)
        n = snprintf(out, outsz, "%d %s %d", d1, mo1, y1);
    else if (y1 == y2 && m1 == m2)
        n = snprintf(out, outsz, "%d\u2013%d %s %d", d1, d2, mo1, y1);
    else if (y1 == y2)
        n = snprintf(out, outsz, "%d %s \u2013 %d %s %d", d1, mo1, d2, mo2, y1);
    else
        n = snprintf(out, outsz, "%d %s %d \u2013 %d %s %d", d1, mo1, y1, d2, mo2, y2);
    return n > 0 && (size_t)n < outsz;
}

static bool is_online(const struct ly_attendee *a)
{
    const struct ly_vocab_entry *e = ly_vocab_find(LY_VOCAB_ATTENDANCE, a->reg.attendance);
    return e != NULL && strcmp(e->id, "online") == 0;
}

static bool one_badge(void *ctx, const struct ly_attendee *a)
{
    struct run *run = ctx;
    const struct options *opt = run->opt;
    if (a->revoked) {
        run->skipped_revoked++;
        return true;
    }
    if (!opt->online && is_online(a)) {
        run->skipped_online++;
        return true;
    }
    char code[LY_BADGE_CODE_LEN_MAX + 1];
    if (!ly_issuer_code(&run->issuer, a, NULL, code, sizeof code)) {
        set_err(run->err, sizeof run->err, "attendee %u: cannot sign the badge code", a->id);
        return false;
    }
    const struct ly_vocab_entry *cat = ly_vocab_find(
        LY_VOCAB_CATEGORY, a->reg.category[0] != '\0' ? a->reg.category : "participant");
    char reference[64];
    int n = snprintf(reference, sizeof reference, "No. %u \u00b7 badge version %u", a->id,
                     (unsigned)a->badge_version);
    if (n < 0 || (size_t)n >= sizeof reference)
        reference[0] = '\0';
    struct ly_card card = {
        .name = a->reg.name,
        .name_latin = a->reg.name_latin,
        .name_lang = a->reg.language,
        .affiliation = a->reg.affiliation,
        .country = ly_country_name(a->reg.country), /* nothing when not stated */
        .category = cat != NULL ? cat->label : a->reg.category,
        .category_rgb = cat != NULL ? cat->rgb : 0x444444,
        .event_name = run->issuer.event.name,
        .event_dates = run->dates,
        .reference = reference,
        .code = code,
    };
    int version = 0;
    char err[256];
    if (!ly_render_card(run->render, &card, &version, err, sizeof err)) {
        set_err(run->err, sizeof run->err, "attendee %u: %s", a->id, err);
        return false;
    }
    if (opt->png_dir != NULL) {
        char path[4096];
        n = snprintf(path, sizeof path, "%s/badge-%u-v%u.png", opt->png_dir, a->id,
                     (unsigned)a->badge_version);
        if (n < 0 || (size_t)n >= sizeof path) {
            set_err(run->err, sizeof run->err, "PNG folder name too long");
            return false;
        }
        if (!ly_render_png(run->render, LY_RENDER_A6, &card, 1, path, opt->dpi, NULL, err,
                           sizeof err)) {
            set_err(run->err, sizeof run->err, "attendee %u: %s", a->id, err);
            return false;
        }
    }
    if (run->written == 0 || version < run->qr_min)
        run->qr_min = version;
    if (run->written == 0 || version > run->qr_max)
        run->qr_max = version;
    run->written++;
    return true;
}

static int compare_ids(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* Resolves one --only entry: an attendee id when it is a number that names an attendee, else a
 * registration id from the import. */
static bool resolve(struct ly_hubdb *db, const char *word, uint32_t *id, char *err, size_t errsz)
{
    int64_t v;
    struct ly_attendee a;
    if (ly_num_int(word, 1, UINT32_MAX, &v) && ly_hubdb_attendee(db, (uint32_t)v, &a, err, errsz)) {
        *id = (uint32_t)v;
        return true;
    }
    if (!ly_hubdb_find_ext_id(db, word, id, err, errsz))
        return false;
    if (*id == 0)
        snprintf(err, errsz, "no attendee or registration with id '%s'", word);
    return *id != 0;
}

/* Parses the comma-separated --only list into sorted, distinct attendee ids. The caller frees
 * *ids. */
static bool parse_only(struct ly_hubdb *db, const char *list, uint32_t **ids, size_t *nids,
                       char *err, size_t errsz)
{
    size_t cap = 1;
    for (const char *p = list; *p != '\0'; p++)
        cap += *p == ',';
    *nids = 0;
    *ids = calloc(cap, sizeof **ids);
    if (*ids == NULL) {
        snprintf(err, errsz, "out of memory");
        return false;
    }
    for (const char *p = list;;) {
        const char *end = strchr(p, ',');
        size_t len = end != NULL ? (size_t)(end - p) : strlen(p);
        while (len > 0 && *p == ' ') {
            p++;
            len--;
        }
        while (len > 0 && p[len - 1] == ' ')
            len--;
        char word[LY_EXT_ID_MAX + 1];
        if (len == 0 || len > LY_EXT_ID_MAX) {
            snprintf(err, errsz, "--only: %s id in '%s'", len == 0 ? "empty" : "too long", list);
            return false;
        }
        memcpy(word, p, len);
        word[len] = '\0';
        if (!resolve(db, word, &(*ids)[*nids], err, errsz))
            return false;
        (*nids)++;
        if (end == NULL)
            break;
        p = end + 1;
    }
    qsort(*ids, *nids, sizeof **ids, compare_ids);
    size_t k = 0;
    for (size_t i = 0; i < *nids; i++) {
        if (k == 0 || (*ids)[k - 1] != (*ids)[i])
            (*ids)[k++] = (*ids)[i];
    }
    *nids = k;
    return true;
}

/* Parses the arguments into *opt. Returns false after printing a usage message. */
static bool parse_args(int argc, char **argv, struct options *opt)
{
    *opt = (struct options){.layout = LY_RENDER_A6, .window = true, .dpi = DEFAULT_DPI};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
        bool takes_value = strcmp(a, "--out") == 0 || strcmp(a, "--png") == 0 ||
                           strcmp(a, "--only") == 0 || strcmp(a, "--sheet") == 0 ||
                           strcmp(a, "--dpi") == 0;
        if (takes_value && val == NULL) {
            fprintf(stderr, "lanyard badges: %s needs a value\n", a);
            return false;
        }
        if (strcmp(a, "--out") == 0) {
            opt->out = val;
        } else if (strcmp(a, "--png") == 0) {
            opt->png_dir = val;
        } else if (strcmp(a, "--only") == 0) {
            opt->only = val;
        } else if (strcmp(a, "--sheet") == 0) {
            if (strcmp(val, "a4") == 0 || strcmp(val, "A4") == 0) {
                opt->layout = LY_RENDER_A4_4UP;
            } else if (strcmp(val, "a6") == 0 || strcmp(val, "A6") == 0) {
                opt->layout = LY_RENDER_A6;
            } else {
                fprintf(stderr, "lanyard badges: --sheet is a6 or a4, not '%s'\n", val);
                return false;
            }
        } else if (strcmp(a, "--dpi") == 0) {
            int64_t dpi;
            if (!ly_num_int(val, 72, 600, &dpi)) {
                fprintf(stderr, "lanyard badges: --dpi is a whole number from 72 to 600\n");
                return false;
            }
            opt->dpi = (int)dpi;
        } else if (strcmp(a, "--online") == 0) {
            opt->online = true;
        } else if (strcmp(a, "--no-window") == 0) {
            opt->window = false;
        } else {
            fprintf(stderr, "lanyard badges: unknown argument '%s'\n", a);
            return false;
        }
        i += takes_value;
    }
    if (opt->out == NULL || opt->out[0] == '\0') {
        fprintf(stderr, "lanyard badges: --out FILE.pdf is required\n");
        return false;
    }
    return true;
}

static bool make_png_dir(const char *dir, char *err, size_t errsz)
{
    struct stat st;
    if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
        snprintf(err, errsz, "%s: %s", dir, strerror(errno));
        return false;
    }
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        snprintf(err, errsz, "%s is not a folder", dir);
        return false;
    }
    return true;
}

static void print_summary(const struct run *run)
{
    const struct options *opt = run->opt;
    char versions[32];
    if (run->qr_min == run->qr_max)
        snprintf(versions, sizeof versions, "QR version %d", run->qr_min);
    else
        snprintf(versions, sizeof versions, "QR versions %d..%d", run->qr_min, run->qr_max);
    fprintf(stderr, "%zu badge%s written to %s (%s, error correction M; %s)\n", run->written,
            run->written == 1 ? "" : "s", opt->out, versions,
            opt->layout == LY_RENDER_A4_4UP ? "A4, 4 per sheet" : "A6");
    if (opt->png_dir != NULL)
        fprintf(stderr, "%zu PNG%s at %d dpi in %s\n", run->written, run->written == 1 ? "" : "s",
                opt->dpi, opt->png_dir);
    if (run->skipped_online > 0)
        fprintf(stderr, "%zu online registration%s skipped (--online includes them)\n",
                run->skipped_online, run->skipped_online == 1 ? "" : "s");
    if (run->skipped_revoked > 0)
        fprintf(stderr, "%zu revoked badge%s not printed\n", run->skipped_revoked,
                run->skipped_revoked == 1 ? "" : "s");
    if (!opt->window)
        fprintf(stderr, "codes carry no validity window: they are valid at any date\n");
}

static int run_badges(struct ly_hubdb *db, int argc, char **argv)
{
    struct options opt;
    struct run run = {.opt = &opt};
    uint32_t *ids = NULL;
    size_t nids = 0;
    char tmp[4096], ferr[512] = "";
    bool have_tmp = false, ok, closed;
    int rc = 1;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage();
            return 0;
        }
    }
    if (!parse_args(argc, argv, &opt)) {
        usage();
        return 2;
    }
    /* A regular file (or a new one) is written beside its name and renamed when complete; a
     * device or a pipe is written to directly. */
    struct stat st;
    bool direct = stat(opt.out, &st) == 0 && !S_ISREG(st.st_mode);
    int n = snprintf(tmp, sizeof tmp, direct ? "%s" : "%s.part", opt.out);
    if (n < 0 || (size_t)n >= sizeof tmp) {
        fprintf(stderr, "lanyard badges: output path too long\n");
        return 2;
    }
    if (!ly_issuer_load(&run.issuer, db, run.err, sizeof run.err))
        goto end;
    run.issuer.window = opt.window;
    if (!format_dates(&run.issuer.event, run.dates, sizeof run.dates)) {
        set_err(run.err, sizeof run.err, "the event's dates are damaged");
        goto end;
    }
    if (opt.only != NULL && !parse_only(db, opt.only, &ids, &nids, run.err, sizeof run.err))
        goto end;
    if (opt.png_dir != NULL && !make_png_dir(opt.png_dir, run.err, sizeof run.err))
        goto end;
    FILE *probe = fopen(tmp, "wb");
    if (probe == NULL) {
        set_err(run.err, sizeof run.err, "%s: %s", opt.out, strerror(errno));
        goto end;
    }
    fclose(probe);
    have_tmp = !direct;
    if (!ly_render_open_pdf(tmp, opt.layout, &run.render, run.err, sizeof run.err))
        goto end;

    ok = ly_hubdb_foreach_attendee(db, ids, nids, one_badge, &run, ferr, sizeof ferr);
    if (!ok && run.err[0] == '\0')
        set_err(run.err, sizeof run.err, "%s", ferr);
    closed = ly_render_close(run.render, ferr, sizeof ferr);
    run.render = NULL;
    if (!ok)
        goto end;
    if (!closed) {
        set_err(run.err, sizeof run.err, "%s: %s", opt.out, ferr);
        goto end;
    }
    if (run.written == 0) {
        set_err(run.err, sizeof run.err,
                "no badges to print (online registrations skipped: %zu, add --online to include "
                "them; revoked: %zu)",
                run.skipped_online, run.skipped_revoked);
        goto end;
    }
    if (!direct && rename(tmp, opt.out) != 0) {
        set_err(run.err, sizeof run.err, "%s: %s", opt.out, strerror(errno));
        goto end;
    }
    have_tmp = false;
    print_summary(&run);
    rc = 0;

end:
    if (run.render != NULL)
        (void)ly_render_close(run.render, NULL, 0);
    if (have_tmp)
        unlink(tmp);
    ly_issuer_wipe(&run.issuer); /* the secret key leaves memory on every path */
    free(ids);
    if (rc != 0)
        fprintf(stderr, "lanyard badges: %s\n", run.err);
    return rc;
}

const struct ly_cmd_entry ly_cmd_badges = {
    .name = "badges",
    .usage = "badges --out FILE.pdf [--png DIR [--dpi N]] [--only IDS] [--sheet a6|a4] [--online]\n"
             "        [--no-window]",
    .help = "render print-ready badges",
    .run = run_badges,
};
