/* kiosk_main.c - bin/lanyard-kiosk. For now one mode: --scan FILE... decodes image files with
 * the camera's scanner pipeline. Options come from one table (usage and parsing); the headless
 * kiosk, gates and the journal add their rows here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "frame.h"
#include "scanner.h"

enum kiosk_mode { MODE_NONE, MODE_HELP, MODE_SCAN };

struct kiosk_options {
    enum kiosk_mode mode;
    char **files; /* --scan: the files, pointing into argv */
    int nfiles;
};

enum option_kind {
    OPT_HELP,       /* no argument */
    OPT_SCAN_FILES, /* takes every remaining argument */
};

struct option_def {
    const char *name;
    const char *arg; /* shown in usage; NULL when the option takes none */
    enum option_kind kind;
    const char *help;
};

static const struct option_def option_table[] = {
    {"--scan", "FILE...", OPT_SCAN_FILES,
     "decode the QR codes in image files (PNG, PGM P5, JPEG when built in) and print one line per "
     "code, PATH<TAB>PAYLOAD, or PATH<TAB>- when a file holds none; exit 1 if a file could not be "
     "read"},
    {"--help", NULL, OPT_HELP, "print this help"},
};

#define N_OPTIONS (sizeof(option_table) / sizeof(option_table[0]))

static void usage(FILE *out)
{
    fprintf(out, "usage: lanyard-kiosk OPTION...\n\noptions:\n");
    for (size_t i = 0; i < N_OPTIONS; i++) {
        const struct option_def *o = &option_table[i];
        fprintf(out, "  %s%s%s\n      %s\n", o->name, o->arg ? " " : "", o->arg ? o->arg : "",
                o->help);
    }
    fprintf(out, "\nPayload bytes outside printable ASCII, and backslash, are written as \\xNN.\n");
}

/* Parses argv into *opts. Returns false with a message in err on a usage error. */
static bool parse_options(int argc, char **argv, struct kiosk_options *opts, char *err,
                          size_t errsz)
{
    memset(opts, 0, sizeof(*opts));
    for (int i = 1; i < argc; i++) {
        const struct option_def *o = NULL;
        for (size_t k = 0; k < N_OPTIONS; k++)
            if (strcmp(argv[i], option_table[k].name) == 0)
                o = &option_table[k];
        if (o == NULL) {
            snprintf(err, errsz, "unknown option \"%.60s\"", argv[i]);
            return false;
        }
        switch (o->kind) {
        case OPT_HELP:
            opts->mode = MODE_HELP;
            return true;
        case OPT_SCAN_FILES:
            opts->mode = MODE_SCAN;
            opts->files = argv + i + 1;
            opts->nfiles = argc - i - 1;
            if (opts->nfiles == 0) {
                snprintf(err, errsz, "--scan needs at least one FILE");
                return false;
            }
            i = argc;
            break;
        }
    }
    if (opts->mode == MODE_NONE) {
        snprintf(err, errsz, "nothing to do");
        return false;
    }
    return true;
}

/* Writes a payload with anything but printable ASCII escaped, so that one code is one line. */
static void print_payload(const char *p, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c < 0x20 || c > 0x7e || c == '\\')
            printf("\\x%02x", c);
        else
            putchar(c);
    }
}

/* Scans each file; returns the exit status (0, or 1 if a file could not be read). */
static int scan_files(char **files, int nfiles)
{
    struct ly_scanner_config cfg = ly_scanner_defaults;
    struct ly_scanner *sc = NULL;
    char err[512];
    int rc = 0;

    /* a still image gets every extra pass at once, where a camera spreads them over frames */
    cfg.skip_unchanged = false;
    cfg.extras_every = 1;
    cfg.full_res = true; /* and at full resolution too: there is no next frame */
    if (!ly_scanner_open(&cfg, &sc, err, sizeof(err))) {
        fprintf(stderr, "lanyard-kiosk: %s\n", err);
        return 1;
    }
    for (int i = 0; i < nfiles; i++) {
        struct ly_frame f;
        struct ly_scan_result res;
        int printed = 0;
        if (!ly_image_load(files[i], &f, err, sizeof(err))) {
            fprintf(stderr, "lanyard-kiosk: %s\n", err);
            rc = 1;
            continue;
        }
        ly_scanner_reset(sc);
        if (!ly_scanner_scan(sc, &f, &res, err, sizeof(err))) {
            fprintf(stderr, "lanyard-kiosk: %s: %s\n", files[i], err);
            ly_frame_free(&f);
            rc = 1;
            continue;
        }
        for (int k = 0; k < res.count; k++) {
            if (res.codes[k].oversized) {
                fprintf(stderr, "lanyard-kiosk: %s: a code of %zu bytes (over %d) was ignored\n",
                        files[i], res.codes[k].len, LY_BADGE_CODE_MAX);
                continue;
            }
            printf("%s\t", files[i]);
            print_payload(res.codes[k].payload, res.codes[k].len);
            putchar('\n');
            printed++;
        }
        if (printed == 0)
            printf("%s\t-\n", files[i]);
        ly_frame_free(&f);
    }
    ly_scanner_close(sc);
    if (fflush(stdout) != 0)
        rc = 1;
    return rc;
}

int main(int argc, char **argv)
{
    struct kiosk_options opts;
    char err[256];

    if (!parse_options(argc, argv, &opts, err, sizeof(err))) {
        fprintf(stderr, "lanyard-kiosk: %s\n", err);
        usage(stderr);
        return 2;
    }
    switch (opts.mode) {
    case MODE_HELP:
        usage(stdout);
        return 0;
    case MODE_SCAN:
        return scan_files(opts.files, opts.nfiles);
    case MODE_NONE:
        break;
    }
    return 2;
}
